/**
 * One-click fixes through the real PR path (fake GitHub, git base, runGate, publish with the real suggester): a
 * misspelt action, a lower-case Effect and a misspelt element get a ```suggestion in JSON, YAML and HCL; the
 * suggested line, applied with `git apply`, removes the finding and adds none. A token that is not certain gets none.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FakeGitHub } from '../fakes/github-server.js';
import { GitFixture } from './git-fixture.js';
import { publish } from '../../src/github/publish.js';
import { makeSuggester, applyToLine, lineFixes, repositoryServicePrincipals, trustServicePrincipals } from '../../src/github/suggest.js';
import { toSarif } from '../../src/report/sarif.js';
import { runGate } from '../../src/gate.js';
import { defaultOptions } from '../../src/config/options.js';
import { runPr } from './summary-fixtures.js';
import { appYaml, cfnJson, gitApply, queueJson, queueTf, suggestedIn } from './suggestion-fixtures.js';

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

    for (const [file, line] of [['p/read.json', 6], ['p/read.json', 7], ['cfn/reader.yaml', 11], ['tf/main.tf', 4]] as const) gitApply(repo.dir, file, line, line, [suggestion(file, line)!]);
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
    expect(await suggest('p/read.json', { start: 7, end: 7 }, onLine)).toBeUndefined();
    // a file outside the checkout is never read
    expect(await suggest('../../etc/passwd', { start: 1, end: 1 }, onLine.map((f) => ({ ...f, file: '../../etc/passwd', line: 1, endLine: 1 })))).toBeUndefined();
  });

  it('a missing Version, a redundant action, Resource "*" narrowed to the ARN the file names, iam:PassedToService: in JSON, YAML and HCL, applied with git apply they remove their findings and add none', async () => {
    const r = await runPr(gh, repo, { base: { 'README.md': '# x\n' }, head: { 'p/queue.json': queueJson, 'cfn/app.yaml': appYaml, 'tf/queue.tf': queueTf } });
    const kinds = ['MISSING_VERSION', 'REDUNDANT_ACTION', 'passrole-unrestricted', 'write-on-all-resources'];
    const targets = r.result.findings.filter((f) => kinds.includes(f.ruleId));
    expect(targets.map((f) => `${f.file}:${f.line} ${f.ruleId}`).sort()).toEqual([
      'cfn/app.yaml:17 MISSING_VERSION', 'cfn/app.yaml:20 write-on-all-resources', 'cfn/app.yaml:26 REDUNDANT_ACTION', 'cfn/app.yaml:29 passrole-unrestricted',
      'p/queue.json:1 MISSING_VERSION', 'p/queue.json:15 passrole-unrestricted', 'p/queue.json:8 REDUNDANT_ACTION',
      'tf/queue.tf:11 write-on-all-resources', 'tf/queue.tf:16 REDUNDANT_ACTION', 'tf/queue.tf:25 passrole-unrestricted', 'tf/queue.tf:7 MISSING_VERSION',
    ]);
    await publish(r.client, r.result, r.changed, r.ctx, {
      maxInlineComments: 30, checkRun: false, failOn: 'security-warning', failOnExisting: false, log: () => {}, warn: () => {}, inline: 'all',
      suggest: makeSuggester(repo.dir, defaultOptions(repo.dir), { servicePrincipals: trustServicePrincipals(r.result.policies) }),
    });
    const all = (file: string) => gh.reviewComments.filter((c) => c.path === file).map((c) => suggestedIn(gh.reviewComments, file, c.line!)).filter((x) => !!x);
    // the file's own indentation and quoting, in each format
    expect(all('p/queue.json')).toEqual([
      { start: 1, end: 2, lines: ['{', '  "Version": "2012-10-17",', '  "Statement": ['] },
      { start: 7, end: 8, lines: ['        "sqs:Send*"'] },
      { start: 15, end: 15, lines: ['      "Action": "iam:PassRole",', '      "Condition": {"StringEquals": {"iam:PassedToService": "lambda.amazonaws.com"}},'] },
    ]);
    expect(all('cfn/app.yaml')).toEqual([
      { start: 17, end: 17, lines: ["            Version: '2012-10-17'", '            Statement:'] },
      { start: 20, end: 22, lines: ['                  - sqs:SendMessage', '                  - sqs:DeleteMessage', '                Resource: !GetAtt Queue.Arn'] },
      { start: 26, end: 26, lines: [] },
      { start: 29, end: 29, lines: ['                Action: iam:PassRole', '                Condition:', '                  StringEquals:', '                    iam:PassedToService: lambda.amazonaws.com'] },
    ]);
    expect(all('tf/queue.tf')).toEqual([
      { start: 7, end: 8, lines: ['  policy = jsonencode({', '    Version = "2012-10-17"', '    Statement = ['] },
      { start: 11, end: 12, lines: ['        Action   = ["sqs:SendMessage"]', '        Resource = aws_sqs_queue.q.arn'] },
      { start: 16, end: 16, lines: ['        Action   = ["sqs:Receive*"]'] },
      { start: 25, end: 25, lines: ['    actions   = ["iam:PassRole"]', '    condition {', '      test     = "StringEquals"', '      variable = "iam:PassedToService"', '      values   = ["lambda.amazonaws.com"]', '    }'] },
    ]);
    // a reviewer's clicks (bottom up, so earlier lines keep their numbers), then the gate again
    for (const file of ['p/queue.json', 'cfn/app.yaml', 'tf/queue.tf']) for (const s of all(file).reverse()) gitApply(repo.dir, file, s!.start, s!.end, s!.lines);
    const after = await runGate(['.'], defaultOptions(repo.dir));
    expect(after.errors).toEqual([]);
    expect(after.findings.filter((f) => kinds.includes(f.ruleId))).toEqual([]);
    const key = (f: { ruleId: string; file: string; message: string }) => `${f.ruleId} ${f.file} ${f.message}`;
    const before = new Set(r.result.findings.map(key));
    expect(after.findings.filter((f) => !before.has(key(f))).map(key)).toEqual([]);
  });

  it('no PassedToService when the repository names two services, no narrowing when the file names two ARNs of the type', async () => {
    const twoServices = appYaml.replace('Service: lambda.amazonaws.com', 'Service: [lambda.amazonaws.com, ecs-tasks.amazonaws.com]');
    const twoQueues = twoServices.replace('  Role:\n', '  Other:\n    Type: AWS::SQS::Queue\n  Role:\n').replace(
      '                Resource: !GetAtt Queue.Arn\n',
      '                Resource: !GetAtt Queue.Arn\n              - Effect: Allow\n                Action: sqs:GetQueueUrl\n                Resource: !GetAtt Other.Arn\n',
    );
    const r = await runPr(gh, repo, { base: { 'README.md': '# x\n' }, head: { 'cfn/app.yaml': twoQueues } });
    const suggest = makeSuggester(repo.dir, defaultOptions(repo.dir), { servicePrincipals: trustServicePrincipals(r.result.policies) });
    for (const rule of ['passrole-unrestricted', 'write-on-all-resources']) {
      const f = r.result.findings.find((x) => x.ruleId === rule)!;
      expect(f, rule).toBeDefined();
      expect(await suggest(f.file, { start: f.line, end: f.endLine }, [f]), rule).toBeUndefined();
    }
  });

  it('CloudFormation JSON: two fixes on one comment (a redundant action and the Resource below it) become one suggestion over both lines', async () => {
    const r = await runPr(gh, repo, { base: { 'README.md': '# x\n' }, head: { 'cfn/queue.json': cfnJson } });
    const onLine = r.result.findings.filter((f) => f.line === 18);
    expect(onLine.map((f) => f.ruleId).sort()).toEqual(['REDUNDANT_ACTION', 'write-on-all-resources']);
    const s = await makeSuggester(repo.dir, defaultOptions(repo.dir))('cfn/queue.json', { start: 18, end: 18 }, onLine);
    expect(s && { start: s.startLine, end: s.endLine, lines: s.lines, fixes: s.fixes.length }).toEqual({
      start: 18,
      end: 19,
      lines: ['                  "Action": ["sqs:Send*"],', '                  "Resource": { "Fn::GetAtt": ["Queue", "Arn"] }'],
      fixes: 2,
    });
    gitApply(repo.dir, 'cfn/queue.json', 18, 19, s!.lines);
    const after = await runGate(['.'], defaultOptions(repo.dir));
    expect(after.findings.filter((f) => ['REDUNDANT_ACTION', 'write-on-all-resources'].includes(f.ruleId))).toEqual([]);
  });

  it('iam:PassedToService looks at the whole repository: a role elsewhere trusting another service means no suggestion', async () => {
    const ecsRole = `Resources:\n  TaskRole:\n    Type: AWS::IAM::Role\n    Properties:\n      AssumeRolePolicyDocument:\n        Version: '2012-10-17'\n        Statement:\n          - Effect: Allow\n            Principal: { Service: ecs-tasks.amazonaws.com }\n            Action: sts:AssumeRole\n`;
    const r = await runPr(gh, repo, { base: { 'other/task-role.yaml': ecsRole }, head: { 'cfn/app.yaml': appYaml } });
    // the pull request's own analysis sees one service; the repository has two
    expect(trustServicePrincipals(r.result.policies)).toEqual(['lambda.amazonaws.com']);
    const everywhere = await repositoryServicePrincipals(repo.dir, defaultOptions(repo.dir), r.result.findings);
    expect(everywhere).toEqual(['ecs-tasks.amazonaws.com', 'lambda.amazonaws.com']);
    const f = r.result.findings.find((x) => x.ruleId === 'passrole-unrestricted')!;
    expect(await makeSuggester(repo.dir, defaultOptions(repo.dir), { servicePrincipals: everywhere })(f.file, { start: f.line, end: f.line }, [f])).toBeUndefined();
    // no PassRole finding a condition would fix: no scan at all
    expect(await repositoryServicePrincipals(repo.dir, defaultOptions(repo.dir), r.result.findings.filter((x) => x !== f))).toEqual([]);
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

    // the new kinds too: a Version line inserted (one line becomes two), a Resource narrowed (a range of lines)
    const r2 = await runPr(gh, repo, { base: { 'README.md': '# y\n' }, head: { 'cfn/app.yaml': appYaml } }, 8);
    const fixes2 = await lineFixes(r2.result.findings, makeSuggester(repo.dir, defaultOptions(repo.dir), { servicePrincipals: trustServicePrincipals(r2.result.policies) }));
    const runs = (toSarif(r2.result, { fixes: fixes2 }) as { runs: { results: { ruleId: string; fixes?: { artifactChanges: { replacements: unknown[] }[] }[] }[] }[] }).runs[0]!.results;
    const replacement = (rule: string) => runs.find((x) => x.ruleId === rule)?.fixes?.[0]?.artifactChanges[0]?.replacements[0];
    expect(replacement('MISSING_VERSION')).toEqual({ deletedRegion: { startLine: 17 }, insertedContent: { text: "            Version: '2012-10-17'\n            Statement:" } });
    expect(replacement('write-on-all-resources')).toEqual({ deletedRegion: { startLine: 20, endLine: 22 }, insertedContent: { text: '                  - sqs:SendMessage\n                  - sqs:DeleteMessage\n                Resource: !GetAtt Queue.Arn' } });
    expect(replacement('passrole-unrestricted')).toBeDefined();
  });
});
