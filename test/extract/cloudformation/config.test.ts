import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadOptions } from '../../../src/config/load.js';

function load(yaml: string) {
  const dir = mkdtempSync(path.join(tmpdir(), 'cfn-config-'));
  try {
    writeFileSync(path.join(dir, 'gate.yml'), yaml);
    return loadOptions(dir, dir, 'gate.yml').options;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('config: cloudformation.parameters', () => {
  it('reads values and parameters files per template glob', () => {
    const o = load('cloudformation:\n  parameters:\n    - files: infra/*.yaml\n      values: { Env: prod }\n    - files: [stacks/**]\n      file: params/prod.json\n');
    expect(o.cfnParameters).toEqual([
      { files: ['infra/*.yaml'], values: { Env: 'prod' } },
      { files: ['stacks/**'], values: {}, file: 'params/prod.json' },
    ]);
  });
  it('rejects an entry without values or file, naming the line', () => {
    expect(() => load('fail-on: error\ncloudformation:\n  parameters:\n    - files: x\n')).toThrow(/gate\.yml:4: cloudformation\.parameters\[0\]: give values or file/);
  });
});
