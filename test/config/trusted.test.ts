/** loadTrustedOptions: which config file is read from the trusted commit and which from disk. */
import { afterEach, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadTrustedOptions, syncSource } from '../../src/config/trusted.js';

let dirs: string[] = [];
afterEach(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  dirs = [];
});
const tmp = () => {
  const d = mkdtempSync(path.join(tmpdir(), 'ipg-trusted-'));
  dirs.push(d);
  return d;
};

describe('loadTrustedOptions', () => {
  it('reads the config and the reference policies at the trusted commit, whatever the working tree has', async () => {
    const root = tmp();
    mkdirSync(path.join(root, '.github'));
    writeFileSync(path.join(root, '.github/iam-policy-gate.yml'), 'fail-on: suggestion\nreference-policies: { identity: ref.json }\n');
    const base = new Map([['.github/iam-policy-gate.yml', 'fail-on: error\nreference-policies: { identity: ref.json }\n'], ['ref.json', '{"Version":"2012-10-17","Statement":[]}']]);
    const t = await loadTrustedOptions(root, root, undefined, {}, syncSource('abc', (rel) => base.get(rel)));
    expect(t.options.failOn).toBe('error');
    expect(t.options.trustedConfigFiles).toEqual({ 'ref.json': base.get('ref.json') });
    expect(t.findings).toEqual([]); // suggestion is stricter than error
  });

  it('a config named explicitly must exist at the trusted commit; one outside the repository is the operator\'s', async () => {
    const root = tmp();
    await expect(loadTrustedOptions(root, root, 'ci/gate.yml', {}, syncSource('abc', () => undefined))).rejects.toThrow(
      'config file not found at the base commit abc: ci/gate.yml',
    );
    const outside = tmp();
    writeFileSync(path.join(outside, 'gate.yml'), 'fail-on: warning\n');
    const t = await loadTrustedOptions(root, root, path.join(outside, 'gate.yml'), {}, syncSource('abc', () => {
      throw new Error('not consulted');
    }));
    expect(t.options.failOn).toBe('warning');
  });

  it('an invalid config at the base is a config error naming the base; no config at the base means the defaults', async () => {
    const root = tmp();
    await expect(loadTrustedOptions(root, root, undefined, {}, syncSource('abc', () => 'failOn: error\n'))).rejects.toThrow(/the config at the base commit abc: .*failOn: unknown key/);
    const t = await loadTrustedOptions(root, root, undefined, {}, syncSource('abc', () => undefined));
    expect(t.options.failOn).toBe('security-warning');
    expect(t.file).toBeUndefined();
  });
});
