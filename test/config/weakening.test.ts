/** What a change to the config would do once merged (config-weakened), and the expiry horizon of suppressions. */
import { describe, expect, it } from 'vitest';
import { defaultOptions } from '../../src/config/options.js';
import { resolveOptions } from '../../src/config/precedence.js';
import { checkSuppressionHorizon, parseConfig } from '../../src/config/load.js';
import { configWeakenings, summariseWeakenings } from '../../src/config/weakening.js';
import { ruleDefaultSeverity } from '../../src/config/trusted.js';

const opts = (yaml: string, action = {}) => resolveOptions(defaultOptions('/repo'), { file: parseConfig(yaml, 'c.yml'), action });
const diff = (base: string, head: string, action = {}) => configWeakenings(opts(base, action), opts(head, action), ruleDefaultSeverity).map((w) => [w.pointer, w.message]);

describe('configWeakenings', () => {
  it('reports each change that can hide or downgrade a finding', () => {
    const base = 'fail-on: warning\naccess-analyzer: on\nrules:\n  admin-wildcard: error\n';
    const head = [
      'fail-on: error',
      'access-analyzer: { mode: auto, custom-checks: [no-public-access], allow-failures: true }',
      'paths: ["infra/**"]',
      'exclude: ["infra/legacy/**"]',
      'policy-types: [{ files: "iam/**", type: resource }]',
      'rules: { admin-wildcard: warning, privilege-escalation: off, service-wildcard: error }',
      'trusted-accounts: ["111122223333"]',
      'trusted-oidc-subjects: ["repo:*"]',
      'external-policies: [{ arn: "arn:aws:iam::*:policy/*", reason: ok }]',
      'ignore: [{ rule: admin-wildcard, reason: x }]',
      'max-suppression-days: 900',
    ].join('\n');
    expect(diff(base, head)).toEqual([
      ['/ignore/0', 'adds a suppression (rule admin-wildcard)'],
      ['/paths', 'narrows the files analysed to infra/**'],
      ['/exclude', 'excludes infra/legacy/** from the analysis'],
      ['/policy-types', 're-types files: iam/** as resource'],
      ['/fail-on', 'lowers fail-on from warning to error (only findings at error or above would block)'],
      ['/rules/admin-wildcard', 'sets the severity of admin-wildcard to warning (was error)'],
      ['/rules/privilege-escalation', 'turns rule privilege-escalation off'],
      ['/trusted-accounts', 'trusts the trusted account 111122223333'],
      ['/trusted-oidc-subjects', 'trusts the trusted OIDC subject repo:*'],
      ['/external-policies', 'accepts external policies without analysis: arn:aws:iam::*:policy/*'],
      ['/access-analyzer', 'sets access-analyzer from on to auto'],
      ['/access-analyzer/custom-checks', 'turns the no-new-access custom check off'],
      ['/access-analyzer/custom-checks', 'turns the access-not-granted custom check off'],
      ['/access-analyzer/allow-failures', 'lets a failed Access Analyzer call pass instead of making the verdict incomplete'],
      ['/max-suppression-days', 'allows suppressions up to 900 days ahead (was 365)'],
    ]);
  });

  it('a stricter config, a reason reworded or an earlier expiry is not a weakening', () => {
    const base = 'fail-on: error\nexclude: ["a/**", "b/**"]\nrules: { admin-wildcard: off }\nignore: [{ rule: service-wildcard, reason: a, expires: 2026-12-31 }]\n';
    const head = 'fail-on: suggestion\nexclude: ["a/**"]\nrules: { admin-wildcard: on, service-wildcard: error }\nignore: [{ rule: service-wildcard, reason: b, expires: 2026-06-30 }]\n';
    expect(diff(base, head)).toEqual([]);
  });

  it('extending a suppression, or dropping its expiry, is one', () => {
    expect(diff('ignore: [{ rule: service-wildcard, reason: a, expires: 2026-01-31 }]', 'ignore: [{ rule: service-wildcard, reason: a }]')).toEqual([['/ignore/0', 'extends the suppression (rule service-wildcard) without an expiry date']]);
  });

  it('turning organization-live off is one (the SCP checks lose the organisation); turning it on is not', () => {
    expect(diff('organization-live: true', 'organization-live: false')).toEqual([['/organization-live', 'stops reading the organisation from AWS Organizations for the SCP checks']]);
    expect(diff('organization-live: false', 'organization-live: true')).toEqual([]);
    expect(diff('fail-on: error', 'fail-on: error', { organizationLive: true })).toEqual([]);
  });

  it('a setting an Action input overrides does not change: no finding', () => {
    expect(diff('fail-on: warning', 'fail-on: error', { failOn: 'warning' })).toEqual([]);
  });

  it('summarises for the reader', () => {
    const list = configWeakenings(opts(''), opts('fail-on: error\nignore: [{ rule: admin-wildcard, reason: r }, { rule: service-wildcard, reason: r }]'));
    expect(summariseWeakenings(list)).toBe('adds 2 suppressions and lowers fail-on to error');
  });
});

describe('max-suppression-days', () => {
  const now = new Date('2026-01-15T12:00:00Z');
  const check = (yaml: string) => () => checkSuppressionHorizon({ ...opts(yaml), now });
  it('an expiry more than the horizon ahead is a config error naming the line', () => {
    expect(check('ignore:\n  - rule: admin-wildcard\n    reason: r\n    expires: 2099-01-01\n')).toThrow(
      'c.yml:2: ignore[0].expires: 2099-01-01 is more than 365 days ahead (max-suppression-days)',
    );
    expect(check('ignore: [{ rule: admin-wildcard, reason: r, expires: 2027-01-14 }]')).not.toThrow();
    expect(check('max-suppression-days: 30\nignore: [{ rule: admin-wildcard, reason: r, expires: 2026-03-01 }]')).toThrow(/more than 30 days ahead/);
  });
});

describe('hostile patterns in the config finish', () => {
  it('an exclude glob and ignore.resource/action with many wildcards against long names: analysed, not suppressed', async () => {
    const { mkdtempSync, writeFileSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const path = await import('node:path');
    const { runGate } = await import('../../src/gate.js');
    const dir = mkdtempSync(path.join(tmpdir(), 'ipg-hostile-glob-'));
    try {
      const name = 'a'.repeat(40);
      writeFileSync(path.join(dir, `${name}.json`), JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }));
      const evil = Array.from({ length: 12 }, () => '*a').join('') + '*b';
      const options = resolveOptions(defaultOptions(dir), {
        file: parseConfig(`exclude: ["${evil}", "${'**/'.repeat(20)}${evil}"]\nignore:\n  - rule: admin-wildcard\n    resource: "${evil}"\n    reason: r\n  - rule: admin-wildcard\n    action: "iam:${evil}"\n    reason: r\n  - rule: admin-wildcard\n    files: "${evil}"\n    reason: r\n`, 'c.yml'),
        cli: { accessAnalyzer: 'off' },
      });
      const r = await runGate(['.'], options);
      expect(r.findings.filter((f) => f.ruleId === 'admin-wildcard').map((f) => [f.file, f.suppressed ?? false])).toEqual([[`${name}.json`, false]]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('scope changes', () => {
  it('a wider include or a narrower extra exclude is not reported; a new or negated pattern is', () => {
    expect(diff('paths: ["infra/app/**"]', 'paths: ["infra/**"]')).toEqual([]);
    expect(diff('paths: ["infra/**"]', 'paths: ["**"]')).toEqual([]);
    expect(diff('exclude: ["examples/**"]', 'exclude: ["examples/**", "examples/old/**"]')).toEqual([]);
    expect(diff('paths: ["infra/**"]', 'paths: ["infra/**", "!infra/admin/**"]').map(([p]) => p)).toEqual(['/paths']);
    expect(diff('', 'paths: ["**", "!infra/admin/**"]').map(([p]) => p)).toEqual(['/paths']);
    expect(diff('exclude: ["examples/**", "!examples/prod/**"]', 'exclude: ["examples/**", "examples/prod/x/**"]').map(([p]) => p)).toEqual(['/exclude']);
    expect(diff('exclude: ["examples/**", "!examples/prod/**"]', 'exclude: ["examples/**"]')).toEqual([['/exclude', 'excludes examples/prod/** from the analysis']]);
    expect(diff('exclude: ["examples/**"]', 'exclude: ["examples/**", "infra/*.json"]')).toEqual([['/exclude', 'excludes infra/*.json from the analysis']]);
  });
});
