/** New vs existing against a git base (CLI --base), renames, record.base, and what the PR bodies may contain. */
import { afterEach, describe, expect, it } from 'vitest';
import { GitFixture, policy } from './git-fixture.js';
import { runCli } from '../../src/cli.js';
import { runGate } from '../../src/gate.js';
import { defaultOptions } from '../../src/config/options.js';
import { gitBaseSource } from '../../src/sources/base.js';
import { reviewCommentBody } from '../../src/report/review.js';
import { summaryBody, BODY_LIMIT } from '../../src/github/publish.js';
import type { Finding } from '../../src/findings/types.js';

let repo: GitFixture | undefined;
afterEach(() => repo?.remove());

async function cli(args: string[], cwd: string) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), cwd, isTTY: false });
  return { code, stdout, stderr };
}

describe('CLI --base', () => {
  it('gates on findings new against the ref and reports the existing ones and the access diff', async () => {
    repo = new GitFixture();
    repo.commit({ 'iam/ops.json': policy([{ sid: 'Ops', action: '*' }]), 'iam/web.json': policy([{ sid: 'Read', action: 's3:GetObject' }]) }, 'base');
    repo.git('tag', 'v1');
    repo.commit({ 'iam/web.json': policy([{ sid: 'Read', action: ['s3:GetObject', 's3:PutObject'] }]) }, 'widen app');

    const same = await cli(['scan', 'iam', '--base', 'v1', '--format', 'json'], repo.dir);
    expect(same.stderr).toBe('');
    expect(same.code).toBe(0); // the admin wildcard in ops.json already existed in v1
    const report = JSON.parse(same.stdout);
    expect(report.summary).toMatchObject({ new: 0, existing: 1, blocking: 0 });
    expect(report.findings.map((f: Finding) => [f.file, f.line, f.ruleId, f.new])).toEqual([['iam/ops.json', 7, 'admin-wildcard', false]]);
    expect(report.accessDiff).toEqual([
      { principal: 'policy web.json', files: ['iam/web.json'], addedCount: 1, removedCount: 0, added: ['s3:PutObject'], removed: [], addedPatterns: ['s3:PutObject'], expanded: true, addedByLevel: { Write: 1 }, addedRanked: ['s3:PutObject'] },
    ]);

    // without --base the same finding blocks
    expect((await cli(['scan', 'iam', '--format', 'json'], repo.dir)).code).toBe(1);

    repo.commit({ 'iam/web.json': policy([{ sid: 'Read', action: 's3:*' }]), 'iam/new.json': policy([{ sid: 'All', action: '*' }]) }, 'more');
    const text = await cli(['scan', '--base', 'v1'], repo.dir);
    expect(text.code).toBe(1);
    expect(text.stdout).toContain('iam/new.json:7');
    expect(text.stdout).toContain('2 blocking findings at or above "security-warning" introduced by this change.'); // new.json's admin wildcard and web.json's s3:* on every resource

    const bad = await cli(['scan', '--base=--upload-pack=evil'], repo.dir);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('invalid git ref');
    const missing = await cli(['scan', '--base', 'no-such-branch'], repo.dir);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('git ref no-such-branch not found');
  });

  it('follows renames, records the base document on the head record, and does not blame a base that does not parse', async () => {
    repo = new GitFixture();
    const base = repo.commit({ 'old/ci.json': policy([{ sid: 'Ci', action: '*' }]), 'iam/broken.json': '{ "Version": "2012-10-17", "Statement": [ \n' }, 'base');
    repo.git('mv', 'old/ci.json', 'iam/ci.json');
    repo.commit({ 'iam/broken.json': policy([{ sid: 'Fixed', action: 'sqs:SendMessage' }]) }, 'rename and fix');
    const options = defaultOptions(repo.dir);
    const result = await runGate(['iam'], options, {
      base: gitBaseSource(repo.dir, base, options.maxFileBytes, new Map([['iam/ci.json', 'old/ci.json']])),
    });
    expect(result.errors).toEqual([]);
    expect(result.findings.map((f) => [f.file, f.line, f.new])).toEqual([['iam/ci.json', 7, false]]);
    const ci = result.policies.find((p) => p.file === 'iam/ci.json')!;
    expect(ci.base).toEqual(JSON.parse(policy([{ sid: 'Ci', action: '*' }])));
    expect(result.policies.find((p) => p.file === 'iam/broken.json')!.base).toBeUndefined();
    expect(result.notes.some((n) => n.startsWith('Base version of iam/broken.json'))).toBe(true);
    expect(result.base).toEqual({ ref: base.slice(0, 12), filesCompared: 2, filesAdded: 0 });
  });
});

/** CommonMark code spans: a backtick run opens, the next run of the same length closes; `\`` does not open. */
function outsideCodeSpans(md: string): string {
  let out = '';
  for (let i = 0; i < md.length; ) {
    if (md[i] === '\\') {
      out += md.slice(i, i + 2);
      i += 2;
      continue;
    }
    if (md[i] !== '`') {
      out += md[i++];
      continue;
    }
    let n = 0;
    while (md[i + n] === '`') n++;
    const re = new RegExp(`(?<!\`)\`{${n}}(?!\`)`, 'g');
    re.lastIndex = i + n;
    const close = re.exec(md);
    if (!close) {
      out += md.slice(i, i + n);
      i += n;
      continue;
    }
    out += ' ';
    i = close.index + n;
  }
  return out;
}

const finding = (over: Partial<Finding>): Finding => ({
  ruleId: 'admin-wildcard',
  source: 'rules',
  severity: 'error',
  title: 'Full administrator access',
  message: 'Statement allows everything.',
  fix: 'Scope it.',
  file: 'iam/a.json',
  line: 7,
  endLine: 7,
  fingerprint: 'ab12',
  new: true,
  ...over,
});

describe('what the PR bodies may contain', () => {
  it('escapes everything from the PR: no HTML, no links or images, no mentions, no code-fence break-out', () => {
    const evil = 'x` <img src=x onerror=alert(1)> ![p](https://evil.example/p.png) [click](https://evil.example) @octocat ```\n# heading';
    const body = reviewCommentBody([finding({ message: `Statement "${evil}" allows everything.`, resource: evil, title: evil })], { blocking: () => true });
    // code spans render their content literally (no HTML, links or mentions): check what lies outside them
    const outside = outsideCodeSpans(body);
    expect(outside).toContain('&lt;img src=x');
    expect(outside).not.toMatch(/<img/i);
    expect(outside).not.toContain('](https://evil');
    expect(outside).not.toMatch(/(^|[^&#\w])@octocat/);
    expect(outside).not.toMatch(/^# heading/m);
    expect(body).toContain('````x` <img src=x'); // the resource name, inside a fence longer than its backtick runs
    expect(body).toContain('<!-- iam-policy-gate:fp=ab12 -->');
  });

  it('keeps the summary under 65,536 characters with a pointer to the job summary when findings do not fit', () => {
    const findings = Array.from({ length: 3000 }, (_, i) =>
      finding({ file: `iam/p${i}.json`, fingerprint: `f${i}`, message: 'Statement "S" allows every action on every resource: full administrator access.'.repeat(3) }),
    );
    const result = {
      verdict: { status: 'fail' as const, reason: '3000 blocking findings.', failOn: 'security-warning' as const, counts: { error: 3000, 'security-warning': 0, warning: 0, suggestion: 0 }, blocking: 3000, suppressed: 0, newCount: 3000, existingCount: 0, incomplete: [] },
      policies: [],
      principals: [],
      attachments: [],
      entities: [],
      findings,
      errors: [],
      stats: { filesScanned: 3000, filesWithPolicies: 3000, durationMs: 1 },
      notes: [],
      scpImpacts: [],
    };
    const body = summaryBody(result, undefined, { headSha: 'a'.repeat(40), runUrl: 'https://github.example/acme/infra/actions/runs/9' });
    expect(body.length).toBeLessThanOrEqual(BODY_LIMIT);
    expect(body.startsWith('<!-- iam-policy-gate:summary -->')).toBe(true);
    expect(body).toContain('❌ **Fail**');
    expect(body).toMatch(/\d+ more findings not shown here: see the job summary and the JSON\/SARIF artifacts of https:&#47;&#47;github\.example|\d+ more findings not shown here/);
  });
});

describe('a changed file that does not parse', () => {
  it('is reported by name and line, the other changed files are still analysed, and the verdict is incomplete', async () => {
    repo = new GitFixture();
    const base = repo.commit({ 'iam/ok.json': policy([{ sid: 'Read', action: 's3:GetObject' }]) }, 'base');
    repo.commit({ 'iam/broken.json': '{\n  "Version": "2012-10-17",\n  "Statement": [\n    { "Effect": "Allow", "Action": "*" "Resource": "*" }\n  ]\n}\n', 'iam/admin.json': policy([{ sid: 'All', action: '*' }]) }, 'head');
    const options = defaultOptions(repo.dir);
    const result = await runGate([], options, { files: ['iam/broken.json', 'iam/admin.json', 'docs/notes.md'], base: gitBaseSource(repo.dir, base, options.maxFileBytes) });
    expect(result.errors.map((e) => [e.file, e.line])).toEqual([['iam/broken.json', 4]]);
    expect(result.findings.map((f) => [f.file, f.line, f.new])).toEqual([['iam/admin.json', 7, true]]);
    expect(result.verdict.status).toBe('incomplete');
    const body = summaryBody(result, undefined, { headSha: 'b'.repeat(40) });
    expect(body).toContain('## IAM Policy Gate: ⚠️ **Incomplete**');
    expect(body).toMatch(/### ⚠️ Not analysed \(1\)\n\n- `iam\/broken\.json:4`: /);
  });
});

describe('markNew', () => {
  it('matches by fingerprint, and counts online-stage findings on an unchanged policy as existing', async () => {
    const { markNew } = await import('../../src/findings/baseline.js');
    const doc = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] };
    const policies = [
      { id: 'a.json', document: doc, base: structuredClone(doc) },
      { id: 'b.json', document: doc, base: { ...doc, Statement: [] } },
    ] as never;
    const head = [
      finding({ fingerprint: 'same', policyId: 'a.json' }),
      finding({ fingerprint: 'same', policyId: 'a.json' }), // a second occurrence is not covered by one in the base
      finding({ fingerprint: 'aa1', source: 'access-analyzer', policyId: 'a.json' }),
      finding({ fingerprint: 'aa2', source: 'access-analyzer', policyId: 'b.json' }),
      finding({ fingerprint: 'r1', source: 'rules', policyId: 'a.json' }),
    ];
    markNew(head, [finding({ fingerprint: 'same' })], policies);
    expect(head.map((f) => f.new)).toEqual([false, true, false, true, true]);
  });
});
