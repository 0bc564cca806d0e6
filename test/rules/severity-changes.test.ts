/**
 * Severities that follow the risk (docs/severity.md): cross-account trust is a security-warning once the config names
 * the user's accounts, sts:ExternalId is asked only of third parties, and an unknown action is a warning saying the
 * catalogue may be stale once the bundled catalogue is more than 90 days old.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runRules } from '../../src/checks/rules/run.js';
import { trustCrossAccount } from '../../src/checks/rules/trust-cross-account.js';
import { trustMissingExternalId } from '../../src/checks/rules/trust-missing-external-id.js';
import { invalidAction, catalogueAgeDays, STALE_CATALOGUE_DAYS } from '../../src/checks/rules/invalid-action.js';
import { defaultOptions } from '../../src/config/options.js';
import { catalogStamp } from '../../src/catalog/index.js';
import { record } from '../helpers/records.js';

const trust = (account: string) => ({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${account}:root` }, Action: 'sts:AssumeRole' }] });

function run(rule: typeof trustCrossAccount, doc: object, set: (o: ReturnType<typeof defaultOptions>) => void = () => {}) {
  const options = defaultOptions('/repo');
  set(options);
  return runRules([rule], { policies: [record('trust.json', doc, { type: 'trust' })], entities: [], options }).map((f) => `${f.severity}: ${f.message}`);
}

describe('cross-account trust', () => {
  it('a warning when the config does not say which accounts are the user\'s; a security-warning once it does', () => {
    expect(run(trustCrossAccount, trust('444455556666'))).toEqual([expect.stringMatching(/^warning: .*not in trustedAccounts \(the config does not say which accounts are yours\)/)]);
    expect(run(trustCrossAccount, trust('444455556666'), (o) => (o.trustedAccounts = ['111122223333']))).toEqual([
      expect.stringMatching(/^security-warning: .*account 444455556666, which is not one of your accounts/),
    ]);
    expect(run(trustCrossAccount, trust('111122223333'), (o) => (o.trustedAccounts = ['111122223333']))).toEqual([]);
  });

  it('accounts of the organisation model are the user\'s own: neither trust-cross-account nor an ExternalId request', () => {
    const org = (o: ReturnType<typeof defaultOptions>) => {
      o.organization = { scps: {}, attachments: {}, deployments: {}, exemptPrincipals: [], pipelinePrincipals: [], ous: { Workloads: { accounts: ['222233334444'], ous: {} } } };
    };
    expect(run(trustCrossAccount, trust('222233334444'), org)).toEqual([]);
    expect(run(trustMissingExternalId, trust('222233334444'), org)).toEqual([]);
    expect(run(trustMissingExternalId, trust('444455556666'), org)).toEqual([expect.stringContaining('trusts account 444455556666 without an sts:ExternalId condition')]);
  });

  it('an account template token is said to be unknown, never a security-warning', () => {
    const doc = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::${ACCOUNT_ID}:root' }, Action: 'sts:AssumeRole' }] };
    expect(run(trustCrossAccount, doc, (o) => (o.trustedAccounts = ['111122223333']))).toEqual([
      expect.stringMatching(/^warning: .*the account the template token \$\{ACCOUNT_ID\} stands for: the gate cannot know whether it is yours/),
    ]);
  });
});

describe('INVALID_ACTION and the catalogue age', () => {
  afterEach(() => vi.useRealTimers());
  const doc = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:GetObjekt', 'ec2:LaunchRocket'], Resource: '*' }] };
  const findings = () => runRules([invalidAction], { policies: [record('p.json', doc, { type: 'identity' })], entities: [], options: defaultOptions('/repo') });

  it('always says what was meant; within 90 days of the catalogue an error', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.parse(catalogStamp()!.date) + 10 * 86_400_000);
    const f = findings();
    expect(f.map((x) => x.severity)).toEqual(['error', 'error']);
    expect(f[0]!.message).toContain('Did you mean "s3:GetObject"?');
    expect(f[1]!.message).toContain('Did you mean another ec2 action?');
  });

  it('past 90 days an unknown action of a known service is a warning saying the catalogue may be stale', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.parse(catalogStamp()!.date) + (STALE_CATALOGUE_DAYS + 30) * 86_400_000);
    expect(catalogueAgeDays()).toBe(STALE_CATALOGUE_DAYS + 30);
    const f = findings();
    expect(f.map((x) => x.severity)).toEqual(['warning', 'warning']);
    expect(f[1]!.message).toMatch(/The catalogue is 120 days old: ec2 may have added this action since/);
  });
});
