/**
 * A Resource pattern that matches every ARN of a resource type the statement's actions act on is "all resources",
 * however it is spelled: `arn:aws:iam::*:*\/*`, `...:role*`, `...:r*`, `user/?*`, `arn:*`, `arn:*:*:*:*:*`.
 * Spellings are generated from the catalogue's ARN format (prefixes of the type path with wildcards and `?`
 * substitutions); patterns that pin a name or path stay specific.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { policyFindings } from '../../helpers/rule-tester.js';
import { passroleUnrestricted } from '../../../src/checks/rules/passrole-unrestricted.js';
import { privilegeEscalation } from '../../../src/checks/rules/privilege-escalation.js';
import { isWildcardResource } from '../../../src/engine/grants.js';

const ACCOUNT = fc.constantFrom('*', '123456789012', '????????????', '1234*');
const RUN = fc.constantFrom('*', '?*', '*?', '**', '*?*');

/** `role/` with some characters replaced by `?`, cut at a random point, then a wildcard run. */
function typePathPattern(path: string) {
  return fc.tuple(fc.integer({ min: 0, max: path.length }), fc.array(fc.boolean(), { minLength: path.length, maxLength: path.length }), RUN).map(
    ([cut, q, run]) => [...path.slice(0, cut)].map((ch, i) => (q[i] ? '?' : ch)).join('') + run,
  );
}

function passrole(resource: string) {
  return policyFindings(passroleUnrestricted, {
    policyType: 'identity',
    code: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iam:PassRole', Resource: resource, Condition: { StringEquals: { 'iam:PassedToService': 'ecs-tasks.amazonaws.com' } } }] },
  });
}

describe('patterns covering every resource of a type are all resources', () => {
  it('generated role patterns: PassRole on every role is reported', () => {
    fc.assert(
      fc.property(ACCOUNT, typePathPattern('role/'), (account, rest) => {
        const arn = `arn:aws:iam::${account}:${rest}`;
        const f = passrole(arn);
        expect(f.map((x) => x.message)).toEqual([expect.stringContaining('on every role')]);
      }),
      { numRuns: 80 },
    );
  });

  it('generated user patterns: CreateAccessKey on every user is an escalation path', () => {
    fc.assert(
      fc.property(ACCOUNT, typePathPattern('user/'), (account, rest) => {
        const f = policyFindings(privilegeEscalation, {
          policyType: 'identity',
          code: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iam:CreateAccessKey', Resource: `arn:aws:iam::${account}:${rest}` }] },
        });
        expect(f.map((x) => x.severity)).toEqual(['error']);
      }),
      { numRuns: 60 },
    );
  });

  it('service-agnostic spellings', () => {
    for (const r of ['arn:*', 'arn:*:*:*:*:*', 'arn:aws:*:*:*:*', 'arn:aws:iam::*:*/*', 'arn:aws:iam::*:*', 'arn:aws:*', 'arn:?*'])
      expect(isWildcardResource(r), r).toBe(true);
  });

  it('benign: a named role, a role path, a name prefix, another type than the action uses', () => {
    for (const r of [
      'arn:aws:iam::123456789012:role/app-*',
      'arn:aws:iam::123456789012:role/service-role/*',
      'arn:aws:iam::123456789012:role/ecs-task',
      'arn:aws:iam::123456789012:user/*',
    ]) {
      const f = passrole(r);
      expect(f, r).toEqual([]);
    }
    expect(isWildcardResource('arn:aws:s3:::my-bucket/*')).toBe(false);
    expect(isWildcardResource('arn:aws:lambda:us-east-1:123456789012:function:app-*')).toBe(false);
  });
});
