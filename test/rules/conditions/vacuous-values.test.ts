/**
 * A condition narrows only if its values do: values that match every plausible request value of the key's kind
 * (account ids, organisation ids and paths, VPC endpoints, principal ARNs, IP ranges, service principals, free
 * text) leave a grant to anyone public. Patterns are generated, not copied from the issue; benign controls with
 * real narrowing values stay non-blocking.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { policyFindings } from '../../helpers/rule-tester.js';
import { trustAnyPrincipal } from '../../../src/checks/rules/trust-any-principal.js';
import { resourcePolicyExposure } from '../../../src/checks/rules/resource-policy-exposure.js';
import { cidrsCoverEverything, judgeCondition } from '../../../src/engine/conditions.js';

const BLOCKING = new Set(['error', 'security-warning']);

function trustWith(operator: string, key: string, values: string[]) {
  return {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole', Condition: { [operator]: { [key]: values } } }],
  };
}

function trustSeverity(operator: string, key: string, values: string[]): string | undefined {
  const f = policyFindings(trustAnyPrincipal, { code: trustWith(operator, key, values), policyType: 'trust' });
  expect(f).toHaveLength(1);
  return f[0]!.severity;
}

/** Runs of wildcards that match any text of one character or more. */
const anyRun = fc.constantFrom('*', '?*', '*?', '*?*', '**', '?**');
const digits = fc.stringMatching(/^[0-9]{1,11}$/);

/** Split the address space [0, 2^bits) into random aligned CIDR blocks. */
function splitSpace(bits: number, cuts: number[], v6: boolean): string[] {
  const out: string[] = [];
  const walk = (prefix: bigint, len: number, depth: number): void => {
    if (depth >= cuts.length || len >= bits || cuts[depth]! % 3 === 0) {
      out.push(format(prefix, len, bits, v6));
      return;
    }
    const half = 1n << BigInt(bits - len - 1);
    walk(prefix, len + 1, depth + 1);
    walk(prefix + half, len + 1, depth + 1);
  };
  walk(0n, 0, 0);
  return out;
}

function format(n: bigint, len: number, bits: number, v6: boolean): string {
  if (!v6) return `${[24n, 16n, 8n, 0n].map((s) => (n >> s) & 255n).join('.')}/${len}`;
  const groups = [];
  for (let i = 7; i >= 0; i--) groups.push(((n >> BigInt(i * 16)) & 0xffffn).toString(16));
  return `${groups.join(':')}/${len}`;
}

describe('vacuous values leave a grant to anyone public (trust-any-principal stays an error)', () => {
  it('organisation ids, paths, VPC endpoints and accounts written as wildcards', () => {
    fc.assert(
      fc.property(anyRun, anyRun, fc.constantFrom('StringLike', 'ForAnyValue:StringLike'), (a, b, op) => {
        expect(BLOCKING.has(trustSeverity(op, 'aws:PrincipalOrgID', [`o-${a}`])!)).toBe(true);
        expect(BLOCKING.has(trustSeverity(op, 'aws:PrincipalOrgPaths', [`o-${a}/${b}`])!)).toBe(true);
        expect(BLOCKING.has(trustSeverity(op, 'aws:SourceVpce', [`vpce-${a}`])!)).toBe(true);
        expect(BLOCKING.has(trustSeverity(op, 'aws:PrincipalAccount', [a])!)).toBe(true);
      }),
      { numRuns: 40 },
    );
  });

  it('a principal ARN pattern any account can match (wildcard or variable in the account field)', () => {
    fc.assert(
      fc.property(anyRun, fc.constantFrom('role/admin', 'role/*', 'user/ci', '*', 'root'), fc.constantFrom('ArnLike', 'ArnEquals', 'StringLike'), (acct, rest, op) => {
        expect(BLOCKING.has(trustSeverity(op, 'aws:PrincipalArn', [`arn:aws:iam::${acct}:${rest}`])!)).toBe(true);
        expect(BLOCKING.has(trustSeverity(op, 'aws:PrincipalArn', ['arn:*'])!)).toBe(true);
      }),
      { numRuns: 30 },
    );
    expect(trustSeverity('StringEquals', 'aws:PrincipalArn', ['arn:aws:iam::${aws:PrincipalAccount}:role/admin'])).toBe('error');
  });

  it('partial account wildcards and ???????????? counts', () => {
    fc.assert(
      fc.property(digits, (d) => {
        expect(trustSeverity('StringLike', 'aws:PrincipalAccount', [`${d}*`])).toBe('error');
        expect(trustSeverity('StringLike', 'aws:PrincipalAccount', ['?'.repeat(12)])).toBe('error');
      }),
      { numRuns: 20 },
    );
  });

  it('any set of CIDRs whose union is the whole IPv4 or IPv6 space', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 8 }), { minLength: 1, maxLength: 7 }), fc.boolean(), (cuts, v6) => {
        const cidrs = splitSpace(v6 ? 128 : 32, cuts, v6);
        expect(cidrsCoverEverything(cidrs)).toBe(v6 ? 'IPv6' : 'IPv4');
        expect(trustSeverity('IpAddress', 'aws:SourceIp', cidrs)).toBe('error');
        if (cidrs.length > 1) {
          const fewer = cidrs.slice(1);
          expect(cidrsCoverEverything(fewer)).toBeUndefined();
          expect(trustSeverity('IpAddress', 'aws:SourceIp', fewer)).toBe('suggestion');
        }
      }),
      { numRuns: 60 },
    );
  });

  it('keys the caller controls do not make a grant to anyone private', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('aws:PrincipalTag/team', 'aws:RequestTag/env', 'aws:username', 'aws:SourceIdentity', 'sts:ExternalId', 'sts:RoleSessionName', 'aws:UserAgent'),
        fc.stringMatching(/^[a-z][a-z0-9-]{2,12}$/),
        (key, value) => {
          expect(trustSeverity('StringEquals', key, [value])).toBe('error');
        },
      ),
      { numRuns: 30 },
    );
    expect(trustSeverity('StringLike', 'aws:userid', ['?*'])).toBe('error');
    expect(trustSeverity('StringEquals', 'aws:ResourceTag/team', ['${aws:PrincipalTag/team}'])).toBe('error');
  });

  it('benign controls narrow: literal org, account, ARN, endpoint, private range, pinned user id', () => {
    expect(trustSeverity('StringEquals', 'aws:PrincipalOrgID', ['o-abc123defg'])).toBe('suggestion');
    expect(trustSeverity('StringLike', 'aws:PrincipalOrgPaths', ['o-abc123defg/r-ab12/ou-ab12-11111111/*'])).toBe('suggestion');
    expect(trustSeverity('StringEquals', 'aws:PrincipalAccount', ['111122223333'])).toBe('suggestion');
    expect(trustSeverity('ArnLike', 'aws:PrincipalArn', ['arn:aws:iam::111122223333:role/*'])).toBe('suggestion');
    expect(trustSeverity('StringEquals', 'aws:SourceVpce', ['vpce-1a2b3c4d'])).toBe('suggestion');
    expect(trustSeverity('IpAddress', 'aws:SourceIp', ['10.0.0.0/8', '192.168.0.0/16'])).toBe('suggestion');
    expect(trustSeverity('StringLike', 'aws:userid', ['AROAEXAMPLEROLEID1234:*'])).toBe('suggestion');
    // the resource's own organisation (a fixed value, not the caller's) pins the caller
    expect(trustSeverity('StringEquals', 'aws:PrincipalOrgID', ['${aws:ResourceOrgID}'])).toBe('suggestion');
  });

  it('an operator IAM does not know narrows nothing', () => {
    expect(trustSeverity('StringEqualz', 'aws:PrincipalOrgID', ['o-abc123defg'])).toBe('error');
  });
});

describe('resource-policy-exposure names the condition that restricts nothing', () => {
  it('Principal * on a bucket with aws:SourceIp 0.0.0.0/0 is public', () => {
    const f = policyFindings(resourcePolicyExposure, {
      policyType: 'resource',
      code: {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::bucket/*', Condition: { IpAddress: { 'aws:SourceIp': '0.0.0.0/0' } } }],
      },
    });
    expect(f.map((x) => x.severity)).toEqual(['error']);
    expect(f[0]!.message).toContain('the resource is public');
    expect(f[0]!.message).toContain('The condition aws:SourceIp 0.0.0.0/0 restricts nothing (0.0.0.0/0 covers every IPv4 address)');
  });

  it('aws:SourceArn with a wildcard account on a grant to anyone is not private; a literal account is', () => {
    const code = (arn: string) => ({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: '*', Action: 'sqs:SendMessage', Resource: 'arn:aws:sqs:us-east-1:123456789012:q', Condition: { ArnLike: { 'aws:SourceArn': arn } } }],
    });
    expect(policyFindings(resourcePolicyExposure, { policyType: 'resource', code: code('arn:aws:sns:us-east-1:*:topic') })[0]!.severity).toBe('error');
    expect(policyFindings(resourcePolicyExposure, { policyType: 'resource', code: code('arn:aws:sns:us-east-1:123456789012:*') })[0]!.severity).toBe('suggestion');
  });
});

describe('ARN condition values covering every resource of a type, in every account', () => {
  it('a service principal with aws:SourceArn matching every topic of every account is a confused deputy', () => {
    const code = (arn: string) => ({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { Service: 'sns.amazonaws.com' }, Action: 'sqs:SendMessage', Resource: 'arn:aws:sqs:us-east-1:123456789012:q', Condition: { ArnLike: { 'aws:SourceArn': arn } } }],
    });
    for (const arn of ['arn:aws:sns:*:*:*', 'arn:aws:sns:*:*:?*', 'arn:*:sns:*:*:*', 'arn:aws:*'])
      expect(policyFindings(resourcePolicyExposure, { policyType: 'resource', code: code(arn) }).map((f) => f.severity), arn).toEqual(['warning']);
    expect(policyFindings(resourcePolicyExposure, { policyType: 'resource', code: code('arn:aws:sns:us-east-1:123456789012:*') })).toEqual([]);
  });
});

describe('hostile values', () => {
  it('huge values of colons, wildcards and braces are judged (linear work) and messages stay short', () => {
    const huge = ['arn:aws:iam::' + ':?'.repeat(100_000), '${'.repeat(50_000) + '*', 'arn:aws:iam::${aws:PrincipalAccount}:' + '${'.repeat(50_000), '?'.repeat(200_000) + 'x'];
    for (const v of huge) {
      const f = policyFindings(resourcePolicyExposure, {
        policyType: 'resource',
        code: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 'sqs:SendMessage', Resource: '*', Condition: { ArnLike: { 'aws:SourceArn': v, 'aws:PrincipalArn': v } } }] },
      });
      expect(f).toHaveLength(1);
      expect(f[0]!.message.length).toBeLessThan(2_000);
    }
  });
});

describe('structure: operators that never narrow', () => {
  const c = (operator: string, key: string, values: unknown[]) =>
    judgeCondition({ operator, key, values: values.map((value, i) => ({ value, path: `/${i}` })), path: '/c' }, { openToAny: true });
  it('IfExists, ForAllValues, negation, Null and an empty value list', () => {
    expect(c('StringEqualsIfExists', 'aws:PrincipalOrgID', ['o-abc123defg']).narrows).toBe(false);
    expect(c('ForAllValues:StringEquals', 'aws:PrincipalOrgID', ['o-abc123defg']).narrows).toBe(false);
    expect(c('StringNotLike', 'aws:PrincipalOrgID', ['o-nothing-matches-this']).narrows).toBe(false);
    expect(c('Null', 'aws:PrincipalOrgID', ['false']).narrows).toBe(false);
    expect(c('StringEquals', 'aws:PrincipalOrgID', []).narrows).toBe(false);
    expect(c('StringEquals', 'aws:PrincipalOrgID', ['o-abc123defg']).narrows).toBe(true);
  });
});
