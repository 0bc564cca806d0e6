/**
 * GitHub OIDC trust: a `sub` pattern that does not start with a literal `repo:OWNER/` (owner literal, no wildcard
 * or variable before the slash) matches repositories of every owner and is an error, however it is spelled;
 * a missing or non-narrowing `sub` (IfExists, ForAllValues, negation, wildcard-only values) is the same. A
 * wildcard `aud` is reported. Patterns are generated; `repo:my-org/my-repo:*` and exact subjects pass.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { policyFindings } from '../../helpers/rule-tester.js';
import { trustGithubOidc } from '../../../src/checks/rules/trust-github-oidc.js';

const GH = 'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com';
const SUB = 'token.actions.githubusercontent.com:sub';
const AUD = 'token.actions.githubusercontent.com:aud';

function oidc(condition: Record<string, Record<string, unknown>>) {
  return policyFindings(trustGithubOidc, {
    policyType: 'trust',
    code: {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { Federated: GH }, Action: 'sts:AssumeRoleWithWebIdentity', Condition: condition }],
    },
  });
}

const withAud = (c: Record<string, Record<string, unknown>>) => ({ ...c, StringEquals: { ...(c.StringEquals ?? {}), [AUD]: 'sts.amazonaws.com' } });

/** `repo:` with wildcards or `?` somewhere before the owner's slash. */
const everyOwner = fc.oneof(
  fc.constantFrom('*', '*:*', '*repo:*', 're?o:*', 'repo:*', 'repo:*/x', 'repo:?*/app:*', 'r*:my-org/app:*', '?epo:my-org/app:*', 'repo:my-*/app:*', 'repo:${aws:username}/app:*'),
  fc.tuple(fc.integer({ min: 0, max: 4 }), fc.constantFrom('*', '?'), fc.stringMatching(/^[a-z0-9-]{0,8}$/)).map(
    ([i, w, tail]) => `${'repo:'.slice(0, i)}${w}${'repo:'.slice(i + 1)}my-org/${tail}:*`,
  ),
);

describe('trust-github-oidc: sub patterns that match every owner', () => {
  it('generated spellings are errors on the value', () => {
    fc.assert(
      fc.property(everyOwner, fc.constantFrom('StringLike', 'ForAnyValue:StringLike'), (sub, op) => {
        const f = oidc(withAud({ [op]: { [SUB]: sub } }));
        expect(f.map((x) => x.severity), sub).toEqual(['error']);
        expect(f[0]!.message).toMatch(/every owner|any repository/);
      }),
      { numRuns: 60 },
    );
  });

  it('a sub that does not narrow is no sub: IfExists, ForAllValues, negation, wildcard-only', () => {
    const cases: Record<string, Record<string, unknown>>[] = [
      { StringLikeIfExists: { [SUB]: 'repo:my-org/app:*' } },
      { 'ForAllValues:StringLike': { [SUB]: 'repo:my-org/app:*' } },
      { StringNotLike: { [SUB]: 'repo:evil/*' } },
      { StringLike: { [SUB]: '?*' } },
    ];
    for (const c of cases) {
      const f = oidc(withAud(c));
      expect(f.map((x) => x.severity), JSON.stringify(c)).toEqual(['error']);
    }
    expect(oidc({ StringEquals: { [AUD]: 'sts.amazonaws.com' } }).map((x) => x.severity)).toEqual(['error']);
  });

  it('a wildcard audience is reported', () => {
    const f = oidc({ StringLike: { [AUD]: 'sts.*', [SUB]: 'repo:my-org/app:ref:refs/heads/main' } });
    expect(f.map((x) => x.message)).toEqual([expect.stringContaining('any audience matching a pattern')]);
  });

  it('benign: one repository of a literal owner, exact subjects, custom owner-id claims', () => {
    expect(oidc(withAud({ StringLike: { [SUB]: 'repo:my-org/my-repo:*' } }))).toEqual([]);
    expect(oidc(withAud({ StringEquals: { [SUB]: 'repo:my-org/my-repo:ref:refs/heads/main' } }))).toEqual([]);
    expect(oidc(withAud({ StringLike: { [SUB]: 'repo:my-org/my-repo:environment:*' } }))).toEqual([]);
    expect(oidc(withAud({ StringLike: { [SUB]: 'repository_owner_id:123456:repository_id:789:*' } }))).toEqual([]);
    // every repository of one owner is a security-warning (any repository of the owner can deploy), not an error
    expect(oidc(withAud({ StringLike: { [SUB]: 'repo:my-org/*' } })).map((x) => x.severity)).toEqual(['security-warning']);
  });
});
