import { describe, expect, it } from 'vitest';
import { symlinkSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runGate } from '../../src/gate.js';
import { defaultOptions } from '../../src/config/options.js';
import { tmpRepo } from '../helpers/tmp-repo.js';

const policy = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }] }, null, 2);
const admin = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }, null, 2);

async function scan(root: string, paths: string[], configure?: (o: ReturnType<typeof defaultOptions>) => void) {
  const o = defaultOptions(root);
  configure?.(o);
  return runGate(paths, o);
}

describe('which files are analysed', () => {
  it('walks directories, skipping what is plainly not infrastructure, quietly', async () => {
    const root = tmpRepo({
      'iam/app.json': policy,
      'package.json': '{"name":"x","version":"1.0.0"}',
      'tsconfig.json': '{"compilerOptions":{}}',
      'node_modules/dep/policy.json': admin,
      '.git/config.json': admin,
      'src/settings.json': '{"theme":"dark"}',
      'docs/readme.md': '# hi',
      'ci/pipeline.yml': 'steps:\n  - run: make\n',
    });
    const r = await scan(root, ['.']);
    expect(r.policies.map((p) => p.file)).toEqual(['iam/app.json']);
    expect(r.errors).toEqual([]);
    expect(r.verdict.status).toBe('pass');
  });

  it('expands globs relative to the working directory', async () => {
    const root = tmpRepo({ 'a/one.json': policy, 'a/b/two.json': admin, 'c/three.json': admin });
    const r = await scan(root, ['a/**/*.json']);
    expect(r.policies.map((p) => p.file).sort()).toEqual(['a/b/two.json', 'a/one.json']);
  });

  it('reports each bad input with its file, analyses the rest, and never passes', async () => {
    const root = tmpRepo({
      'good.json': admin,
      'empty.json': '',
      'latin1.json': Buffer.from([0x7b, 0x22, 0x56, 0xe9, 0x22, 0x7d]),
      'big.json': `{"Version":"2012-10-17","Statement":[],"Id":"${'x'.repeat(2000)}"}`,
      'notes.json': '{"title": "not a policy"}',
      'broken.json': '{\n  "Version": "2012-10-17",\n  "Statement": [\n',
    });
    const r = await scan(root, ['good.json', 'empty.json', 'latin1.json', 'big.json', 'notes.json', 'broken.json', 'missing.json'], (o) => (o.maxFileBytes = 1000));
    const byFile = Object.fromEntries(r.errors.map((e) => [e.file, e.message]));
    expect(Object.keys(byFile).sort()).toEqual(['big.json', 'broken.json', 'empty.json', 'latin1.json', 'missing.json', 'notes.json']);
    expect(byFile['empty.json']).toMatch(/empty/);
    expect(byFile['latin1.json']).toMatch(/not valid UTF-8/);
    expect(byFile['big.json']).toMatch(/over the 1000-byte limit/);
    expect(byFile['notes.json']).toMatch(/not an IAM policy document/);
    expect(byFile['broken.json']).toMatch(/invalid JSON/);
    expect(byFile['missing.json']).toMatch(/does not exist/);
    expect(r.errors.find((e) => e.file === 'broken.json')!.line).toBeGreaterThanOrEqual(3);
    // the good file was still analysed
    expect(r.findings.map((f) => [f.file, f.ruleId])).toEqual([['good.json', 'admin-wildcard']]);
    expect(r.verdict.status).toBe('incomplete');
  });

  it('never reads outside the repository: symlinks out and paths out are refused', async () => {
    const outside = mkdtempSync(path.join(tmpdir(), 'ipg-outside-'));
    writeFileSync(path.join(outside, 'canary.json'), admin);
    const root = tmpRepo({ 'in.json': policy });
    symlinkSync(path.join(outside, 'canary.json'), path.join(root, 'link.json'));
    symlinkSync(outside, path.join(root, 'linkdir'));
    const walked = await scan(root, ['.']);
    expect(walked.policies.map((p) => p.file)).toEqual(['in.json']);
    expect(walked.findings).toEqual([]);
    expect(walked.errors.map((e) => [e.file, e.message])).toEqual([['link.json', 'refused: symlink points outside the repository']]);
    const named = await scan(root, ['link.json', path.join(outside, 'canary.json')]);
    expect(named.policies).toEqual([]);
    expect(named.errors.every((e) => /outside the repository/.test(e.message))).toBe(true);
    expect(named.verdict.status).toBe('incomplete');
    rmSync(outside, { recursive: true, force: true });
  });

  it('handles a byte-order mark', async () => {
    const root = tmpRepo({ 'bom.json': '\ufeff' + admin });
    const r = await scan(root, ['bom.json']);
    expect(r.errors).toEqual([]);
    expect(r.findings[0]).toMatchObject({ ruleId: 'admin-wildcard', line: 6 });
  });
});
