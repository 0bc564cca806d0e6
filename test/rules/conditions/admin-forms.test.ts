/**
 * admin-wildcard covers every form of full access: a statement that grants at least 90% of the catalogue's actions
 * (every service but a few) on every resource. `*`, `*:*`, `?*`, `*?`, `*:?*`, Allow NotAction with a short
 * exception list, a list of service wildcards covering (nearly) every service, NotResource with a narrow
 * exception. A broad but bounded grant (a handful of services) is not administrator access.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { policyFindings } from '../../helpers/rule-tester.js';
import { adminWildcard, FULL_ACCESS_SHARE } from '../../../src/checks/rules/admin-wildcard.js';
import { getCatalog } from '../../../src/catalog/index.js';
import { expandActionPattern } from '../../../src/engine/actions.js';

function admin(statement: object) {
  return policyFindings(adminWildcard, { policyType: 'identity', code: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', ...statement }] } });
}

/** The services ordered by size, so exception lists can be made of the biggest ones. */
function servicesBySize(): string[] {
  const count = new Map<string, number>();
  for (const a of getCatalog().actions) {
    const s = a.slice(0, a.indexOf(':'));
    count.set(s, (count.get(s) ?? 0) + 1);
  }
  return [...count.entries()].sort((a, b) => b[1] - a[1]).map(([s]) => s);
}

describe('every form of full access is admin-wildcard', () => {
  it('wildcard-only Action spellings, with and without a colon', () => {
    fc.assert(
      fc.property(fc.constantFrom('*', '?*', '*?', '**', '*?*'), fc.constantFrom('*', '?*', '*?', '**'), fc.boolean(), (svc, name, colon) => {
        const action = colon ? `${svc}:${name}` : svc;
        const f = admin({ Action: action, Resource: '*' });
        expect(f.map((x) => x.severity), action).toEqual(['error']);
      }),
      { numRuns: 40 },
    );
  });

  it('Allow NotAction with a few excluded services, on every resource or NotResource', () => {
    const big = servicesBySize();
    fc.assert(
      fc.property(fc.subarray(big.slice(0, 12), { minLength: 1, maxLength: 4 }), fc.boolean(), (excluded, notResource) => {
        const scope = notResource ? { NotResource: 'arn:aws:s3:::payroll/*' } : { Resource: '*' };
        const f = admin({ NotAction: excluded.map((s) => `${s}:*`), ...scope });
        expect(f.map((x) => x.severity)).toEqual(['error']);
        expect(f[0]!.message).toContain('through NotAction');
      }),
      { numRuns: 25 },
    );
    expect(admin({ NotAction: 'iam:*', Resource: '*' })[0]!.message).toMatch(/allows every action except iam:\* \(\d+ of \d+ actions\) through NotAction on every resource: full administrator access/);
  });

  it('a list of service wildcards covering nearly every service', () => {
    const services = servicesBySize();
    const total = getCatalog().actions.length;
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 5 }), (drop) => {
        const kept = services.slice(drop); // leave out a few of the biggest services
        const covered = kept.reduce((n, s) => n + expandActionPattern(`${s}:*`).length, 0);
        const f = admin({ Action: kept.map((s) => `${s}:*`), Resource: '*' });
        expect(f.length).toBe(covered >= total * FULL_ACCESS_SHARE ? 1 : 0);
      }),
      { numRuns: 6 },
    );
    expect(admin({ Action: services.map((s) => `${s}:*`), Resource: '*' }).map((x) => x.severity)).toEqual(['error']);
  });

  it('full access split over several statements', () => {
    const services = servicesBySize();
    const half = Math.floor(services.length / 2);
    const f = policyFindings(adminWildcard, {
      policyType: 'identity',
      code: {
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Action: services.slice(0, half).map((s) => `${s}:*`), Resource: '*' },
          { Effect: 'Allow', Action: services.slice(half).map((s) => `${s}:*`), Resource: 'arn:*' },
        ],
      },
    });
    expect(f.map((x) => x.severity)).toEqual(['error']);
    expect(f[0]!.message).toContain('statements together allow');
  });

  it('a condition does not make full access less than admin', () => {
    const f = admin({ Action: '*', Resource: '*', Condition: { IpAddress: { 'aws:SourceIp': '0.0.0.0/0' } } });
    expect(f.map((x) => x.severity)).toEqual(['error']);
    expect(f[0]!.message).toContain('restricts nothing');
  });

  it('benign: a handful of services, many exclusions, or specific resources', () => {
    expect(admin({ Action: ['s3:*', 'dynamodb:*', 'sqs:*'], Resource: '*' })).toEqual([]);
    expect(admin({ Action: '*', Resource: 'arn:aws:s3:::bucket/*' })).toEqual([]);
    // every action on every dataset of one service is not every resource
    expect(admin({ Action: '*', Resource: 'arn:aws:quicksight:*:*:dataset/*' })).toEqual([]);
    for (const r of ['arn:*', 'arn:aws:*:*:*:*', 'arn:*:*:*:*:*']) expect(admin({ Action: '*', Resource: r }).map((x) => x.severity), r).toEqual(['error']);
    expect(admin({ NotAction: servicesBySize().slice(0, 60).map((s) => `${s}:*`), Resource: '*' })).toEqual([]);
    expect(admin({ Action: 's3:Get*', Resource: '*' })).toEqual([]);
  });
});
