/**
 * One-click fixes through the real PR path (fake GitHub, git base, runGate, publish with the real suggester): a
 * misspelt action, a lower-case Effect and a misspelt element get a ```suggestion in JSON, YAML and HCL; the
 * suggested line, applied with `git apply`, removes the finding and adds none. A token that is not certain gets none.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { FakeGitHub } from '../fakes/github-server.js';
import { GitFixture } from './git-fixture.js';
import { publish } from '../../src/github/publish.js';
import { makeSuggester, applyToLine, lineFixes } from '../../src/github/suggest.js';
import { toSarif } from '../../src/report/sarif.js';
import { runGate } from '../../src/gate.js';
import { defaultOptions } from '../../src/config/options.js';
import { runPr } from './summary-fixtures.js';

let gh: FakeGitHub;
let repo: GitFixture;
beforeAll(async () => {
  gh = new FakeGitHub();
  await gh.start();
});
afterAll(async () => gh.stop());
beforeEach(() => {
  repo = new GitFixture();
  gh.reviews = [];
  gh.reviewComments = [];
  gh.issueComments = [];
});
afterEach(() => repo.remove());

const json = `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "Read",
      "Effect": "allow",
      "Action": ["s3:GetObjectt"],
      "Resource": "arn:aws:s3:::reports/*"
    }
  ]
}
`;
const yaml = `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Reader:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Action:
              - s3:GetObjectt
            Resource: arn:aws:s3:::reports/*
`;
const hcl = `data "aws_iam_policy_document" "reader" {
  statement {
    effect    = "Allow"
    actions   = ["s3:GetObjectt"]
    resources = ["arn:aws:s3:::reports/*"]
  }
}

resource "aws_iam_policy" "reader" {
  name   = "reader"
  policy = data.aws_iam_policy_document.reader.json
}
`;

/** Apply a suggestion the way a reviewer's click does: a one-line hunk, through git apply. */
function gitApply(dir: string, file: string, line: number, replacement: string): void {
  const old = readFileSync(path.join(dir, file), 'utf8').split('\n')[line - 1]!;
  const patch = `--- a/${file}\n+++ b/${file}\n@@ -${line},1 +${line},1 @@\n-${old}\n+${replacement}\n`;
  writeFileSync(path.join(dir, 'suggestion.patch'), patch);
  execFileSync('git', ['apply', '--unidiff-zero', 'suggestion.patch'], { cwd: dir });
}

describe('suggested changes', () => {
  it('a misspelt action, a lower-case Effect: one-click, re-checked, in JSON, YAML and HCL; applying them removes the findings', async () => {
    const r = await runPr(gh, repo, { base: { 'README.md': '# x\n' }, head: { 'p/read.json': json, 'cfn/reader.yaml': yaml, 'tf/main.tf': hcl } });
    const targets = r.result.findings.filter((f) => ['INVALID_ACTION', 'INVALID_EFFECT'].includes(f.ruleId));
    expect(targets.map((f) => `${f.file}:${f.line} ${f.ruleId}`).sort()).toEqual([
      'cfn/reader.yaml:11 INVALID_ACTION',
      'p/read.json:6 INVALID_EFFECT',
      'p/read.json:7 INVALID_ACTION',
      'tf/main.tf:4 INVALID_ACTION',
    ]);
    await publish(r.client, r.result, r.changed, r.ctx, {
      maxInlineComments: 30, checkRun: false, failOn: 'security-warning', failOnExisting: false, log: () => {}, warn: () => {},
      inline: 'all',
      suggest: makeSuggester(repo.dir, defaultOptions(repo.dir)),
    });
    const suggestion = (file: string, line: number) => {
      const c = gh.reviewComments.find((x) => x.path === file && x.line === line);
      return /```suggestion\n(.*)\n```/.exec(c?.body ?? '')?.[1];
    };
    // indentation and quoting as written, in each format
    expect(suggestion('p/read.json', 6)).toBe('      "Effect": "Allow",');
    expect(suggestion('p/read.json', 7)).toBe('      "Action": ["s3:GetObject"],');
    expect(suggestion('cfn/reader.yaml', 11)).toBe('              - s3:GetObject');
    expect(suggestion('tf/main.tf', 4)).toBe('    actions   = ["s3:GetObject"]');
    expect(gh.reviewComments.find((x) => x.path === 'p/read.json' && x.line === 7)!.body).toContain('re-checked: it removes this finding and adds none');

    for (const [file, line] of [['p/read.json', 6], ['p/read.json', 7], ['cfn/reader.yaml', 11], ['tf/main.tf', 4]] as const) gitApply(repo.dir, file, line, suggestion(file, line)!);
    const after = await runGate(['.'], defaultOptions(repo.dir));
    expect(after.findings.filter((f) => ['INVALID_ACTION', 'INVALID_EFFECT'].includes(f.ruleId))).toEqual([]);
    const key = (f: { ruleId: string; file: string; line: number }) => `${f.ruleId} ${f.file}:${f.line}`;
    const before = new Set(r.result.findings.map(key));
    expect(after.findings.filter((f) => !before.has(key(f)))).toEqual([]);
  });

  it('no suggestion when the token is not certain (twice on the line), and none that would add a finding', async () => {
    expect(applyToLine('"Action": ["s3:GetObjectt", "s3:GetObjectt"],', { line: 1, from: 's3:GetObjectt', to: 's3:GetObject' })).toBeUndefined();
    expect(applyToLine('"Action": ["s3:GetObjectt2"]', { line: 1, from: 's3:GetObjectt', to: 's3:GetObject' })).toBeUndefined();
    const twice = json.replace('"Action": ["s3:GetObjectt"]', '"Action": ["s3:GetObjectt", "s3:GetObjectt"]');
    const r = await runPr(gh, repo, { base: { 'README.md': '# x\n' }, head: { 'p/read.json': twice } });
    const suggest = makeSuggester(repo.dir, defaultOptions(repo.dir));
    const onLine = r.result.findings.filter((f) => f.line === 7 && f.ruleId === 'INVALID_ACTION');
    expect(onLine.length).toBeGreaterThan(0);
    expect(await suggest('p/read.json', 7, onLine)).toBeUndefined();
    // a file outside the checkout is never read
    expect(await suggest('../../etc/passwd', 1, onLine.map((f) => ({ ...f, file: '../../etc/passwd', line: 1, endLine: 1 })))).toBeUndefined();
  });

  it('the same re-checked fixes are SARIF fixes (a whole-line replacement)', async () => {
    const r = await runPr(gh, repo, { base: { 'README.md': '# x\n' }, head: { 'cfn/reader.yaml': yaml } });
    const fixes = await lineFixes(r.result.findings, makeSuggester(repo.dir, defaultOptions(repo.dir)));
    const sarif = toSarif(r.result, { fixes }) as { runs: { results: { ruleId: string; fixes?: { description: { text: string }; artifactChanges: { artifactLocation: { uri: string }; replacements: { deletedRegion: { startLine: number }; insertedContent: { text: string } }[] }[] }[] }[] }[] };
    const res = sarif.runs[0]!.results.find((x) => x.ruleId === 'INVALID_ACTION')!;
    expect(res.fixes).toEqual([
      {
        description: { text: 'Replace "s3:GetObjectt" with "s3:GetObject".' },
        artifactChanges: [{ artifactLocation: { uri: 'cfn/reader.yaml', uriBaseId: '%SRCROOT%' }, replacements: [{ deletedRegion: { startLine: 11 }, insertedContent: { text: '              - s3:GetObject' } }] }],
      },
    ]);
  });
});
