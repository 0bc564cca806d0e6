import { describe, expect, it } from 'vitest';
import { rawExtractor } from '../../src/extract/raw.js';
import { runRules } from '../../src/checks/rules/run.js';
import { adminWildcard } from '../../src/checks/rules/admin-wildcard.js';
import { missingVersion } from '../../src/checks/rules/missing-version.js';
import { defaultOptions } from '../../src/config/options.js';
import type { Options } from '../../src/config/options.js';
import type { PolicyRecord } from '../../src/policy/types.js';
import type { Finding } from '../../src/findings/types.js';
import { applySuppressions, isExpired } from '../../src/findings/suppressions.js';
import { globMatch } from '../../src/engine/wildcard.js';
import { parseConfig } from '../../src/config/load.js';

const CONFIG = '.github/iam-policy-gate.yml';

/** An identity policy with two statements: full admin (line 7) and iam:PassRole on * (line 13). */
const LEGACY = `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "AllowLegacy",
      "Effect": "Allow",
      "Action": "*",
      "Resource": "*"
    },
    {
      "Sid": "Deploy",
      "Effect": "Allow",
      "Action": ["s3:*", "*"],
      "Resource": "*"
    }
  ]
}
`;

function extract(file: string, text: string, options: Options): PolicyRecord[] {
  const res = rawExtractor.extract({
    file,
    repoPath: file,
    displayPath: (p) => p,
    text,
    options,
    explicit: true,
    readRepoFile: () => {
      throw new Error('no reads');
    },
  });
  if ('then' in res) throw new Error('async');
  expect(res.errors).toEqual([]);
  return res.policies;
}

/** Options with the `ignore:` entries of this config text (so lines are real), and a fixed clock. */
function withConfig(yaml: string, now = '2026-06-01T12:00:00Z'): Options {
  const layer = parseConfig(yaml, CONFIG);
  return { ...defaultOptions('/repo'), ...layer, now: new Date(now) } as Options;
}

function run(options: Options, files: Record<string, string>, extra: Finding[] = [], mutate?: (p: PolicyRecord) => void) {
  const policies = Object.entries(files).flatMap(([f, t]) => extract(f, t, options));
  if (mutate) policies.forEach(mutate);
  // the suppression machinery is under test: a fixed pair of rules keeps the findings predictable
  const findings = [...runRules([adminWildcard, missingVersion], { policies, entities: [], options }), ...extra];
  return applySuppressions(findings, { policies, entities: [], options, scannedFiles: Object.keys(files) });
}

const brief = (fs: Finding[]) => fs.map((f) => `${f.file}:${f.line} ${f.ruleId}${f.suppressed ? ` suppressed(${f.suppressionReason})` : ''}`);

describe('config ignore entries', () => {
  it('a rule-only entry suppresses every finding of that rule, keeping them in the list with the reason', () => {
    const options = withConfig('ignore:\n  - rule: admin-wildcard\n    reason: break-glass (SEC-42)\n');
    const out = run(options, { 'infra/legacy/role.json': LEGACY });
    expect(brief(out)).toEqual([
      'infra/legacy/role.json:7 admin-wildcard suppressed(break-glass (SEC-42))',
      'infra/legacy/role.json:13 admin-wildcard suppressed(break-glass (SEC-42))',
    ]);
    expect(out[0]!.details?.suppressedBy).toEqual({ kind: 'config', file: CONFIG, line: 2 });
  });

  it('files: only findings in matching files (repository-relative globs)', () => {
    const options = withConfig('ignore:\n  - rule: admin-wildcard\n    files: ["infra/legacy/**"]\n    reason: legacy\n');
    const out = run(options, { 'infra/app/role.json': LEGACY, 'infra/legacy/role.json': LEGACY });
    expect(brief(out)).toEqual([
      'infra/app/role.json:7 admin-wildcard',
      'infra/app/role.json:13 admin-wildcard',
      'infra/legacy/role.json:7 admin-wildcard suppressed(legacy)',
      'infra/legacy/role.json:13 admin-wildcard suppressed(legacy)',
    ]);
  });

  it('files globs are relative to the repository root even when findings are shown relative to a subdirectory', () => {
    const options = { ...withConfig('ignore:\n  - rule: admin-wildcard\n    files: "infra/legacy/*.json"\n    reason: legacy\n'), cwd: '/repo/infra' };
    const policies = extract('legacy/role.json', LEGACY, options); // displayed relative to /repo/infra
    const out = applySuppressions(runRules([adminWildcard], { policies, entities: [], options }), { policies, entities: [], options });
    expect(out.every((f) => f.suppressed)).toBe(true);
  });

  it('sid: only findings in the statement with that Sid', () => {
    const options = withConfig('ignore:\n  - rule: admin-wildcard\n    sid: AllowLegacy\n    reason: legacy statement\n');
    expect(brief(run(options, { 'p.json': LEGACY }))).toEqual(['p.json:7 admin-wildcard suppressed(legacy statement)', 'p.json:13 admin-wildcard']);
  });

  it("action: a pattern matching the statement's actions", () => {
    const options = withConfig('ignore:\n  - rule: admin-wildcard\n    action: "s3:*"\n    reason: the s3 statement\n');
    // only the Deploy statement has an s3 action ("s3:*" matches itself); "*" alone is not matched by "s3:*"
    expect(brief(run(options, { 'p.json': LEGACY }))).toEqual(['p.json:7 admin-wildcard', 'p.json:13 admin-wildcard suppressed(the s3 statement)']);
  });

  it("action: a pattern matching the finding's own subject action (e.g. an Access Analyzer finding)", () => {
    const options = withConfig('ignore:\n  - rule: PASS_ROLE_WITH_STAR_IN_RESOURCE\n    action: "iam:Pass*"\n    reason: deploy role passes any role (TICKET-9)\n');
    const aa = (action: string, line: number): Finding => ({
      ruleId: 'PASS_ROLE_WITH_STAR_IN_RESOURCE',
      source: 'access-analyzer',
      severity: 'security-warning',
      title: 'Pass role with star in resource',
      message: `${action} on *`,
      file: 'other.json',
      line,
      endLine: line,
      fingerprint: `fp${line}`,
      details: { action },
    });
    const out = run(options, {}, [aa('iam:PassRole', 3), aa('iam:GetRole', 9)]);
    expect(brief(out)).toEqual(['other.json:3 PASS_ROLE_WITH_STAR_IN_RESOURCE suppressed(deploy role passes any role (TICKET-9))', 'other.json:9 PASS_ROLE_WITH_STAR_IN_RESOURCE']);
  });

  it('resource: the logical id / Terraform address, with * wildcards', () => {
    const options = withConfig('ignore:\n  - rule: admin-wildcard\n    resource: "module.legacy.*"\n    reason: legacy module\n');
    const out = run(options, { 'a.json': LEGACY, 'b.json': LEGACY }, [], (p) => {
      p.resource = p.file === 'a.json' ? 'module.legacy.aws_iam_role_policy.admin' : 'module.app.aws_iam_role_policy.admin';
    });
    expect(brief(out)).toEqual([
      'a.json:7 admin-wildcard suppressed(legacy module)',
      'a.json:13 admin-wildcard suppressed(legacy module)',
      'b.json:7 admin-wildcard',
      'b.json:13 admin-wildcard',
    ]);
  });

  it('all given matchers must match', () => {
    const options = withConfig(
      'ignore:\n  - rule: admin-wildcard\n    files: "a.json"\n    sid: Deploy\n    action: "s3:*"\n    resource: a.json\n    reason: all four\n  - rule: admin-wildcard\n    files: "b.json"\n    sid: Nope\n    reason: wrong sid\n',
    );
    expect(brief(run(options, { 'a.json': LEGACY, 'b.json': LEGACY })).filter((l) => !l.includes('suppression-'))).toEqual([
      'a.json:7 admin-wildcard',
      'a.json:13 admin-wildcard suppressed(all four)',
      'b.json:7 admin-wildcard',
      'b.json:13 admin-wildcard',
    ]);
  });

  it('the rule must match (case-insensitively); another rule is not suppressed', () => {
    const options = withConfig('ignore:\n  - rule: ADMIN-WILDCARD\n    reason: r\n  - rule: trust-github-oidc\n    reason: never fires\n');
    const out = run(options, { 'p.json': LEGACY });
    expect(out.filter((f) => f.ruleId === 'admin-wildcard').every((f) => f.suppressed)).toBe(true);
  });
});

describe('expiry (injected clock)', () => {
  const yaml = 'fail-on: error\nignore:\n  - rule: admin-wildcard\n    reason: until the migration (TICKET-123)\n    expires: 2026-12-31\n';

  it('suppresses up to and including the expiry day (UTC)', () => {
    const out = run(withConfig(yaml, '2026-12-31T23:59:59Z'), { 'p.json': LEGACY });
    expect(out.map((f) => f.suppressed)).toEqual([true, true]);
  });

  it('from the next day it stops suppressing and is reported as a warning on the config line', () => {
    const out = run(withConfig(yaml, '2027-01-01T00:00:00Z'), { 'p.json': LEGACY });
    expect(brief(out)).toEqual(['p.json:7 admin-wildcard', 'p.json:13 admin-wildcard', `${CONFIG}:3 suppression-expired`]);
    const expired = out[2]!;
    expect(expired.severity).toBe('warning');
    expect(expired.message).toContain('expired after 2026-12-31');
    expect(expired.message).toContain('2 findings it matched are reported again');
    expect(expired.message).toContain('until the migration (TICKET-123)');
  });

  it('isExpired: unreadable dates never extend a suppression', () => {
    expect(isExpired({ expires: '2026-02-30x' }, new Date('2020-01-01T00:00:00Z'))).toBe(true);
    expect(isExpired({}, new Date('2999-01-01T00:00:00Z'))).toBe(false);
  });
});

describe('unused entries', () => {
  it('an entry that matched nothing is a suggestion on its config line', () => {
    const options = withConfig('fail-on: error\nignore:\n  - rule: admin-wildcard\n    reason: used\n  - rule: admin-wildcard\n    sid: Gone\n    reason: the statement was removed\n');
    const out = run(options, { 'p.json': LEGACY });
    const unused = out.filter((f) => f.ruleId === 'suppression-unused');
    expect(unused.map((f) => `${f.file}:${f.line} ${f.severity}`)).toEqual([`${CONFIG}:5 suggestion`]);
    expect(unused[0]!.message).toContain('rule admin-wildcard, sid Gone');
  });

  it('an entry whose files were not scanned in this run is out of scope, not unused', () => {
    const options = withConfig('ignore:\n  - rule: admin-wildcard\n    files: "infra/legacy/**"\n    reason: legacy\n');
    const out = run(options, { 'infra/app/ok.json': '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}' });
    expect(out).toEqual([]);
  });

  it('an entry for an Access Analyzer issue code is not unused when Access Analyzer did not run', () => {
    const options = withConfig('ignore:\n  - rule: PASS_ROLE_WITH_STAR_IN_RESOURCE\n    reason: r\n');
    const policies = extract('p.json', LEGACY, options);
    const base = { policies, entities: [], options };
    expect(applySuppressions([], { ...base, accessAnalyzerRan: false })).toEqual([]);
    expect(applySuppressions([], { ...base, accessAnalyzerRan: true }).map((f) => f.ruleId)).toEqual(['suppression-unused']);
  });
});

describe('inline suppressions (from CloudFormation Metadata / Terraform comments, on the records)', () => {
  const inline = (rule: string, reason: string, line: number) => (p: PolicyRecord) => {
    p.resource = 'LegacyRole';
    p.inlineSuppressions = [{ rule, reason, file: p.file, line }];
  };

  it('suppress findings on that resource, with their reason', () => {
    const out = run(withConfig(''), { 'template.json': LEGACY }, [], inline('admin-wildcard', 'break-glass role (SEC-42)', 2));
    expect(brief(out)).toEqual(['template.json:7 admin-wildcard suppressed(break-glass role (SEC-42))', 'template.json:13 admin-wildcard suppressed(break-glass role (SEC-42))']);
    expect(out[0]!.details?.suppressedBy).toEqual({ kind: 'inline', file: 'template.json', line: 2 });
  });

  it('apply to entity findings of the same resource too (IamEntity.inlineSuppressions)', () => {
    const options = withConfig('');
    const finding: Finding = {
      ruleId: 'user-access-key',
      source: 'rules',
      severity: 'warning',
      title: 'Access key',
      message: 'long-lived key',
      file: 'users.yml',
      line: 12,
      endLine: 12,
      resource: 'CiUserKey',
      fingerprint: 'x',
    };
    const out = applySuppressions([finding], {
      policies: [],
      entities: [
        {
          kind: 'access-key',
          id: 'CiUserKey',
          file: 'users.yml',
          line: 10,
          endLine: 14,
          resource: 'CiUserKey',
          resourceType: 'AWS::IAM::AccessKey',
          properties: {},
          inlineSuppressions: [{ rule: 'user-access-key', reason: 'legacy CI (OPS-7)', file: 'users.yml', line: 11 }],
        },
      ],
      options,
    });
    expect(brief(out)).toEqual(['users.yml:12 user-access-key suppressed(legacy CI (OPS-7))']);
  });

  it('do not reach other resources; one without a reason suppresses nothing and is reported; unused ones are reported once', () => {
    const out = run(withConfig(''), { 'a.json': LEGACY, 'b.json': LEGACY }, [], (p) => {
      p.resource = p.file === 'a.json' ? 'A' : 'B';
      p.inlineSuppressions =
        p.file === 'a.json'
          ? [
              { rule: 'admin-wildcard', reason: ' ', file: 'a.json', line: 1 },
              { rule: 'missing-version', reason: 'stale', file: 'a.json', line: 1 },
            ]
          : [];
    });
    expect(brief(out)).toEqual([
      'a.json:7 admin-wildcard',
      'a.json:13 admin-wildcard',
      'b.json:7 admin-wildcard',
      'b.json:13 admin-wildcard',
      'a.json:1 suppression-without-reason',
      'a.json:1 suppression-unused',
    ]);
  });
});

describe('per-rule settings apply to every source of findings', () => {
  it('including the findings about suppressions (e.g. make expiry blocking, silence unused)', () => {
    const options = withConfig(
      'rules:\n  suppression-expired: error\n  suppression-unused: off\nignore:\n  - rule: admin-wildcard\n    reason: r\n    expires: 2026-01-01\n  - rule: trust-github-oidc\n    reason: r\n',
    );
    const out = run(options, { 'p.json': LEGACY });
    expect(out.map((f) => `${f.file}:${f.line} ${f.ruleId} ${f.severity}`)).toEqual([
      'p.json:7 admin-wildcard error',
      'p.json:13 admin-wildcard error',
      `${CONFIG}:5 suppression-expired error`,
    ]);
    expect(out[2]!.learnMore).toMatch(/docs\/configuration\.md#suppressions$/);
  });

  it('off drops, a severity replaces (Access Analyzer codes too)', () => {
    const options = withConfig('rules:\n  PASS_ROLE_WITH_STAR_IN_RESOURCE: error\n  REDUNDANT_ACTION: off\n');
    const f = (ruleId: string): Finding => ({ ruleId, source: 'access-analyzer', severity: 'suggestion', title: ruleId, message: 'm', file: 'p.json', line: 4, endLine: 4, fingerprint: ruleId });
    const out = applySuppressions([f('PASS_ROLE_WITH_STAR_IN_RESOURCE'), f('REDUNDANT_ACTION')], { policies: [], entities: [], options });
    expect(out.map((x) => `${x.ruleId} ${x.severity}`)).toEqual(['PASS_ROLE_WITH_STAR_IN_RESOURCE error']);
  });
});

describe('suppression patterns (engine globMatch)', () => {
  it('IAM-style, case-insensitive, whole value', () => {
    expect(globMatch('s3:Get*', 'S3:GetObject')).toBe(true);
    expect(globMatch('s3:Get?bject', 's3:GetObject')).toBe(true);
    expect(globMatch('s3:Get', 's3:GetObject')).toBe(false);
    expect(globMatch('module.a.*', 'module.a.aws_iam_role.x["k"]')).toBe(true);
    expect(globMatch('a.b', 'aXb')).toBe(false);
  });
});
