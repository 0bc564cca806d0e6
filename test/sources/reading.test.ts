/**
 * How a scan finds and reads the repository's files, in both flows (whole-run and file-by-file): the walk names a
 * file by its real path without resolving it again, and reading resolves it once (containment). Also a root written through a symlink, and a file that is not a regular file.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runGate } from '../../src/gate.js';
import { loadOptions } from '../../src/config/load.js';
import { toJsonReport } from '../../src/report/json.js';
import { JsonReportSpool } from '../../src/report/json-stream.js';
import { tmpRepo } from '../helpers/tmp-repo.js';

const admin = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }, null, 2);
const template = [
  'Resources:',
  '  Role:',
  '    Type: AWS::IAM::Role',
  '    Properties:',
  '      AssumeRolePolicyDocument: { Statement: [{ Effect: Allow, Principal: { Service: lambda.amazonaws.com }, Action: sts:AssumeRole }] }',
  '      Policies:',
  '        - PolicyName: p',
  '          PolicyDocument: { Statement: [{ Effect: Allow, Action: "s3:*", Resource: "*" }] }',
  '',
].join('\n');

const cleanup: string[] = [];
afterEach(() => {
  while (cleanup.length) rmSync(cleanup.pop()!, { recursive: true, force: true });
});

type Report = { policies: { file: string; inputs?: string[] }[]; findings: { file: string; ruleId: string }[]; errors: { file: string; message: string }[]; verdict: string };

/** The files with findings. */
const files = (r: Report) => [...new Set(r.findings.map((f) => f.file))].sort();

/** The JSON report of a scan of `paths` from `root`, whole-run and file by file (they must be the same). */
async function bothWays(root: string, paths: string[]): Promise<Report> {
  const load = () => loadOptions(root, root, undefined, { cli: { accessAnalyzer: 'off' } }).options;
  const blank = (s: string) => s.replace(/"durationMs": \d+/, '"durationMs": 0');
  const whole = JSON.stringify(toJsonReport(await runGate(paths, load()), { listPolicies: true }), null, 2) + '\n';
  const spool = new JsonReportSpool({ listPolicies: true });
  const s = await runGate(paths, load(), { stream: { sink: spool } });
  let streamed = '';
  if (s.streamed) spool.write(s, (t) => (streamed += t));
  else {
    spool.dispose();
    streamed = JSON.stringify(toJsonReport(s, { listPolicies: true }), null, 2) + '\n';
  }
  expect(blank(streamed)).toBe(blank(whole));
  return JSON.parse(whole) as Report;
}

describe('finding and reading the repository files', () => {
  it('names files by their real paths, once, whatever folder or link names them; links out are refused', async () => {
    const outside = mkdtempSync(path.join(tmpdir(), 'ipg-outside-'));
    cleanup.push(outside);
    writeFileSync(path.join(outside, 'canary.json'), admin);
    const root = tmpRepo({ 'real/deep/app.yaml': template, 'real/admin.json': admin });
    symlinkSync(path.join(root, 'real'), path.join(root, 'alias')); // a folder link inside: not entered by the walk
    symlinkSync(path.join(root, 'real', 'admin.json'), path.join(root, 'real', 'deep', 'same.json'));
    symlinkSync(path.join(outside, 'canary.json'), path.join(root, 'real', 'deep', 'out.json'));
    for (const paths of [['.'], ['alias'], ['alias/deep', 'real']]) {
      const r = await bothWays(root, paths);
      // a file linked inside the repository is the file it links to (analysed once, under that name)
      expect(files(r), paths.join(' ')).toEqual(['real/admin.json', 'real/deep/app.yaml']);
      expect([...new Set(r.policies.map((p) => p.file))].sort()).toEqual(['real/admin.json', 'real/deep/app.yaml']);
      // (the refused link is named as the walk reached it)
      expect([...new Set(r.errors.map((e) => e.message))]).toEqual(['refused: symlink points outside the repository']);
      expect(r.verdict).toBe('incomplete');
    }
  });

  it('reads the same files when the repository root is written through a symlink, and still refuses a link out', async () => {
    const outside = mkdtempSync(path.join(tmpdir(), 'ipg-outside-'));
    cleanup.push(outside);
    writeFileSync(path.join(outside, 'canary.json'), admin);
    const real = tmpRepo({ 'infra/app.yaml': template });
    const holder = mkdtempSync(path.join(tmpdir(), 'ipg-holder-'));
    cleanup.push(holder);
    const root = path.join(holder, 'repo');
    symlinkSync(real, root);
    symlinkSync(path.join(outside, 'canary.json'), path.join(real, 'infra', 'out.json'));
    const r = await bothWays(root, ['.']);
    expect(files(r)).toEqual(['infra/app.yaml']);
    expect(r.errors.map((e) => [e.file, e.message])).toEqual([['infra/out.json', 'refused: symlink points outside the repository']]);
  });

  it('refuses a link into a sibling folder whose name begins with the repository\'s (repo -> repo2)', async () => {
    const holder = mkdtempSync(path.join(tmpdir(), 'ipg-holder-'));
    cleanup.push(holder);
    const root = path.join(holder, 'repo');
    mkdirSync(path.join(holder, 'repo2'), { recursive: true });
    mkdirSync(root);
    writeFileSync(path.join(holder, 'repo2', 'canary.json'), admin);
    writeFileSync(path.join(root, 'ok.json'), admin);
    symlinkSync(path.join(holder, 'repo2', 'canary.json'), path.join(root, 'sibling.json'));
    const walked = await bothWays(root, ['.']);
    expect(files(walked)).toEqual(['ok.json']);
    expect(walked.errors.map((e) => [e.file, e.message])).toEqual([['sibling.json', 'refused: symlink points outside the repository']]);
    const named = await bothWays(root, ['sibling.json']);
    expect(named.findings).toEqual([]);
    expect(named.errors.map((e) => e.message)).toEqual(['refused: the path resolves outside the repository']);
    expect(named.verdict).toBe('incomplete');
  });

  it('analyses a file whose name only begins with two dots (`..admin.json` is inside); a link to the parent is refused', async () => {
    const holder = mkdtempSync(path.join(tmpdir(), 'ipg-holder-'));
    cleanup.push(holder);
    const root = path.join(holder, 'repo');
    mkdirSync(path.join(root, '..d'), { recursive: true });
    writeFileSync(path.join(root, '..admin.json'), admin);
    writeFileSync(path.join(root, '..d', 'x.json'), admin);
    writeFileSync(path.join(holder, 'canary.json'), admin);
    symlinkSync(path.join(holder, 'canary.json'), path.join(root, 'up.json'));
    const r = await bothWays(root, ['.']);
    expect(files(r)).toEqual(['..admin.json', '..d/x.json']);
    expect(r.errors.map((e) => [e.file, e.message])).toEqual([['up.json', 'refused: symlink points outside the repository']]);
    expect(r.verdict).toBe('incomplete');
  });

  it.skipIf(process.platform === 'win32')('refuses a named pipe instead of waiting on it for ever', async () => {
    const root = tmpRepo({ 'ok.json': admin });
    mkdirSync(path.join(root, 'p'));
    execFileSync('mkfifo', [path.join(root, 'p', 'pipe.json')]);
    const r = await bothWays(root, ['ok.json', 'p/pipe.json']);
    expect(r.errors.map((e) => [e.file, e.message])).toEqual([['p/pipe.json', 'p/pipe.json is not a regular file']]);
    expect(files(r)).toEqual(['ok.json']);
    expect(r.verdict).toBe('incomplete');
  });
});

describe('reading one file after another (one read buffer per thread)', () => {
  it('gives each file its own text, whatever size was read before; invalid UTF-8 is still found at its offset', async () => {
    const { readRepoFileAt, ReadError } = await import('../../src/text/read.js');
    const big = '{"Version":"2012-10-17","x":"' + 'b'.repeat(300_000) + '"}';
    const huge = 'h'.repeat(1_500_000);
    const root = tmpRepo({ 'big.json': big, 'small.json': '{"a":1}', 'huge.json': huge, 'mid.yaml': 'm: ' + 'é'.repeat(5000) });
    writeFileSync(path.join(root, 'bad.json'), Buffer.concat([Buffer.from('x'.repeat(1000)), Buffer.from([0xff]), Buffer.from('y'.repeat(10))]));
    const read = (rel: string) => readRepoFileAt(root, rel, 10_000_000).text;
    const texts = ['big.json', 'small.json', 'mid.yaml', 'huge.json', 'small.json', 'big.json'].map(read);
    expect(texts).toEqual([big, '{"a":1}', 'm: ' + 'é'.repeat(5000), huge, '{"a":1}', big]);
    expect(() => read('bad.json')).toThrow(ReadError);
    expect(() => read('bad.json')).toThrow('invalid byte near offset 1000');
    expect(read('small.json')).toBe('{"a":1}');
  });
});
