/**
 * The sticky summary comment as a reviewer reads it, through the real PR path (changed files from the fake GitHub
 * API, base versions from git, runGate, publish() with Octokit against the fake server), then rendered Markdown ->
 * HTML (marked, GFM) and checked for structure: blocking first, the rest folded, the access diff folded after them,
 * every fold closed, the unfolded part short, a 30-file PR with 135 findings whole (not cut).
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { marked } from 'marked';
import { FakeGitHub } from '../fakes/github-server.js';
import { GitFixture } from './git-fixture.js';
import { BODY_LIMIT, publish, type PublishOptions } from '../../src/github/publish.js';
import { runPr, thirtyFilePr, unfoldedLines } from './summary-fixtures.js';

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
  gh.checkRuns = [];
});
afterEach(() => repo.remove());

const pubOpts = (o: Partial<PublishOptions> = {}): PublishOptions => ({
  maxInlineComments: 30,
  checkRun: false,
  failOn: 'security-warning',
  failOnExisting: false,
  log: () => {},
  warn: () => {},
  ...o,
});

const prRun = (files: Parameters<typeof runPr>[2], number = 7) => runPr(gh, repo, files, number);

/** Top-level blocks of the rendered HTML, in order, as short labels. */
function outline(html: string): string[] {
  const out: string[] = [];
  let depth = 0;
  for (const m of html.matchAll(/<(\/?)(details|h[2-4])\b[^>]*>([\s\S]*?)(?=<)/g)) {
    if (m[2] === 'details') {
      if (m[1]) depth--;
      else {
        if (depth === 0) out.push('details');
        depth++;
      }
    } else if (!m[1] && depth === 0) out.push(`${m[2]}:${m[3]!.trim()}`);
  }
  return out;
}

describe('the summary comment a reviewer reads', () => {
  it('a 30-file PR with 135 findings: whole (not cut), blocking first by area and rule, the rest and the access diff folded, under 120 unfolded lines', async () => {
    const { client, changed, result, ctx } = await prRun(thirtyFilePr());
    expect(result.findings.filter((f) => !f.suppressed)).toHaveLength(135);
    expect(new Set(result.findings.map((f) => f.file)).size).toBe(30);
    const out = await publish(client, result, changed, ctx, pubOpts());
    expect(out.posted).toBe(true);
    const body = gh.issueComments[0]!.body;
    expect(body.length).toBeLessThanOrEqual(BODY_LIMIT);
    expect(body).not.toMatch(/truncated|not shown here/);
    // every finding is there with its line link
    for (const f of result.findings) expect(body).toContain(`${f.file}#L${f.line}`);
    expect(unfoldedLines(body).length).toBeLessThan(120);

    // the table has a Blocking column; the tally names the areas
    expect(body).toMatch(/\| Severity \| Findings \| Blocking \| New \| Existing \|/);
    expect(body).toMatch(/\| 🛑 error \| 35 \| 35 \| 35 \| 0 \|/);
    expect(body).toMatch(/\*\*By area:\*\* 🔑 Identity and access 135/);
    expect(body).toContain('30 files scanned, 30 policies analysed.');

    const html = await marked.parse(body, { gfm: true });
    const o = outline(html);
    expect(o[0]).toMatch(/^h2:IAM Policy Gate: ❌/);
    const blockingAt = o.findIndex((x) => x.startsWith('h3:🛑 Blocking (65)'));
    expect(blockingAt).toBeGreaterThan(0);
    // after the blocking section: one fold for the rest, then the access diff's fold
    const folds = html.match(/<details><summary><b>[^<]+/g)!.map((s) => s.replace('<details><summary><b>', ''));
    expect(folds.filter((f) => !/^🛑|^🔒|^⚠️|^💡/.test(f)).slice(0, 2)).toEqual(['Not blocking: 70 findings', 'Access changes']);
    expect(html.indexOf('Not blocking')).toBeGreaterThan(html.indexOf('🛑 Blocking'));
    expect(html.indexOf('Access changes')).toBeGreaterThan(html.indexOf('Not blocking'));
    // every fold is closed, and each one's title is its first child (GitHub shows it folded)
    expect((html.match(/<details>/g) ?? []).length).toBe((html.match(/<\/details>/g) ?? []).length);
    expect((html.match(/<details>(?!<summary>)/g) ?? []).length).toBe(0);
    // rules with several findings are folded with their files in the title
    expect(html).toMatch(/<summary>🛑 <b>Action does not exist<\/b> \(INVALID_ACTION\): 30 findings in <code>team0\/iam\/policy-00\.json<\/code>, <code>team0\/iam\/policy-05\.json<\/code>, <code>team0\/iam\/policy-10\.json<\/code> and 27 more files<\/summary>/);
    // the fix names JSON: a json block
    expect(body).toContain('```json\n{\n  "Version": "2012-10-17"\n}\n```');
    // how to suppress, the run, correct plurals
    expect(body).toContain('To accept a finding: an `ignore:` entry');
    expect(body).toContain('[workflow run](https://github.example/acme/infra/actions/runs/4242)');
    expect(body).not.toMatch(/\b1 (findings|files|policies)\b/);
  });

  it('the access diff names the real grantee of resource and trust policies, and wildcards as "all actions"', async () => {
    const template = (bucketPolicy: string, trust: string) => `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  ExportsBucket:
    Type: AWS::S3::Bucket
  ExportsBucketPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref ExportsBucket
      PolicyDocument:
        Version: '2012-10-17'
        Statement:
${bucketPolicy}
  DeployRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: '2012-10-17'
        Statement:
${trust}
`;
    const lambdaTrust = `          - Effect: Allow
            Principal: { Service: lambda.amazonaws.com }
            Action: sts:AssumeRole`;
    const ownRead = `          - Effect: Allow
            Principal: { AWS: arn:aws:iam::123456789012:root }
            Action: s3:ListBucket
            Resource: arn:aws:s3:::exports`;
    const base = template(ownRead, lambdaTrust);
    const head = template(
      `${ownRead}
          - Effect: Allow
            Principal: '*'
            Action: s3:GetObject
            Resource: arn:aws:s3:::exports/*`,
      `${lambdaTrust}
          - Effect: Allow
            Principal: { AWS: '999988887777' }
            Action: sts:AssumeRole`,
    );
    const { client, changed, result, ctx } = await prRun({ base: { 'stack.yaml': base }, head: { 'stack.yaml': head } });
    await publish(client, result, changed, ctx, pubOpts());
    const body = gh.issueComments[0]!.body;
    expect(body).toContain('- ➕ anyone (`Principal: *`) can now `s3:GetObject` on `ExportsBucketPolicy`');
    expect(body).toContain('- ➕ account `999988887777` can now assume `DeployRole`');
    expect(body).not.toMatch(/`resource policy ExportsBucketPolicy[^`]*` can now/);
  });
});
