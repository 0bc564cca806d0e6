/**
 * Template tokens (built-in spellings and the config's `placeholders:` patterns) never produce a grammar, ARN, type or
 * principal-format finding about themselves; what a token grants is still judged at its worst (any resource), and a
 * token that could stand for anyone in a principal is still reported.
 */
import { describe, expect, it } from 'vitest';
import { runGate } from '../../src/gate.js';
import { defaultOptions } from '../../src/config/options.js';
import { parseConfig, ConfigError } from '../../src/config/load.js';
import { resolveOptions } from '../../src/config/precedence.js';
import { configWeakenings } from '../../src/config/weakening.js';
import { ruleDefaultSeverity } from '../../src/config/trusted.js';
import { tmpRepo } from '../helpers/tmp-repo.js';

async function scanFull(files: Record<string, string>, placeholders: string[] = []) {
  const root = tmpRepo(files);
  const options = defaultOptions(root, root);
  options.accessAnalyzer = 'off';
  options.placeholders = placeholders;
  options.policyTypes = [{ files: ['scps/**'], type: 'scp' }];
  return runGate(['.'], options);
}

async function scan(files: Record<string, string>, placeholders: string[] = []) {
  return (await scanFull(files, placeholders)).findings.map((f) => `${f.severity} ${f.ruleId} ${f.line}`);
}

/** An SCP of `n` statements, each exempting a break-glass role whose name holds the ${ACCELERATOR_PREFIX} token. */
function scpWithTokens(n: number): string {
  const st = Array.from({ length: n }, (_, i) => ({
    Sid: `Deny${i}`,
    Effect: 'Deny',
    Action: 's3:DeleteBucket',
    Resource: '*',
    Condition: { ArnNotLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/${ACCELERATOR_PREFIX}-break-glass-administrator' } },
  }));
  return JSON.stringify({ Version: '2012-10-17', Statement: st });
}

const doc = (statements: unknown[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, 1);

describe('template tokens in values', () => {
  it('condition values and service principals holding a built-in token get no type or format finding', async () => {
    const policy = doc([
      {
        Effect: 'Allow',
        Principal: { Service: 'SERVICE_PRINCIPAL', AWS: 'ACCOUNT_ID' },
        Action: 'sqs:SendMessage',
        Resource: 'arn:aws:sqs:us-east-1:111122223333:q',
        Condition: {
          NumericLessThan: { 'aws:MultiFactorAuthAge': 'MAX_AGE' },
          DateGreaterThan: { 'aws:CurrentTime': '<<START>>' },
          IpAddress: { 'aws:SourceIp': '${ALLOWED_CIDR}' },
          Bool: { 'aws:SecureTransport': '{{resolve:ssm:/secure}}' },
        },
      },
    ]);
    const found = await scan({ 'queue-policy.json': policy });
    expect(found.filter((f) => /TYPE_MISMATCH|INVALID_SERVICE_PRINCIPAL|invalid-aws-principal/.test(f))).toEqual([]);
    // the account token is an account the gate cannot know: said, not blocking
    expect(found.filter((f) => /^(error|security-warning)/.test(f))).toEqual([]);
  });

  it('a whole-value principal token that does not name an account could be anyone: still reported', async () => {
    const policy = doc([{ Effect: 'Allow', Principal: { AWS: '{{resolve:ssm:/who}}' }, Action: 'sqs:SendMessage', Resource: 'arn:aws:sqs:us-east-1:111122223333:q' }]);
    expect((await scan({ 'queue-policy.json': policy })).some((f) => f.startsWith('error invalid-aws-principal'))).toBe(true);
  });

  it('a configured pattern silences the ARN findings about itself and is analysed as any resource', async () => {
    const policy = doc([{ Effect: 'Allow', Action: 's3:PutObject', Resource: 'arn:aws:s3:::%%bucket%%/*' }, { Effect: 'Allow', Action: 'iam:*', Resource: 'arn:aws:iam::%%acct%%:role/x' }]);
    const without = await scan({ 'app.json': policy });
    expect(without.some((f) => /INVALID_ARN_ACCOUNT/.test(f))).toBe(true);
    const withPattern = await scan({ 'app.json': policy }, ['%%*%%']);
    expect(withPattern.filter((f) => /INVALID_ARN|MISSING_ARN/.test(f))).toEqual([]);
    // its worst case: iam:* on any resource is still administrator-level IAM access
    expect(withPattern.some((f) => /^error (service-wildcard|privilege-escalation|admin-wildcard)/.test(f))).toBe(true);
  });
});

describe('size quotas count tokens at their shortest plausible value', () => {
  it('over only as written: a warning saying how long the token may be; over even at the shortest: an error', async () => {
    // 29 statements: 5,625 characters as written, 5,045 with the token at one character (SCP quota 5,120)
    const near = (await scanFull({ 'scps/guard.json': scpWithTokens(29) })).findings.filter((f) => f.ruleId === 'POLICY_SIZE_EXCEEDS_SCP_QUOTA');
    expect(near.map((f) => f.severity)).toEqual(['warning']);
    expect(near[0]!.message).toMatch(/only if \$\{ACCELERATOR_PREFIX\} is longer than \d+ characters \(on average over its 29 places\)/);
    const far = (await scanFull({ 'scps/guard.json': scpWithTokens(40) })).findings.filter((f) => f.ruleId === 'POLICY_SIZE_EXCEEDS_SCP_QUOTA');
    expect(far.map((f) => f.severity)).toEqual(['error']);
    expect(far[0]!.message).toContain('even with ${ACCELERATOR_PREFIX} at its shortest plausible value');
  });
});

describe('raw JSON holding CloudFormation intrinsics is a template fragment', () => {
  it('no data-type mismatch; the references are tokens judged at their worst, the pseudo parameters the configured values', async () => {
    const policy = doc([
      { Effect: 'Allow', Action: 's3:GetObject', Resource: { 'Fn::Sub': 'arn:${AWS::Partition}:s3:::${Bucket}/*' } },
      { Effect: 'Allow', Action: 'iam:PassRole', Resource: [{ Ref: 'RoleArn' }, { 'Fn::GetAtt': ['Other', 'Arn'] }] },
    ]);
    const r = await scanFull({ 'fragment.json': policy });
    expect(r.findings.filter((f) => f.ruleId === 'DATA_TYPE_MISMATCH')).toEqual([]);
    const pass = r.findings.find((f) => f.ruleId === 'passrole-unrestricted');
    expect(pass?.message).toContain('{"Ref":"RoleArn"} is a CloudFormation value (the file is a template fragment); analysed as "{{RoleArn}}", its worst case');
    expect(r.findings.find((f) => f.ruleId === 'data-exfiltration')?.message).toContain('Resource "arn:aws:s3:::{{Bucket}}/*" holds the template token {{Bucket}}');
  });
});

describe('the placeholders config', () => {
  const error = (yaml: string): string => {
    try {
      parseConfig(yaml, 'c.yml');
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      return (e as Error).message;
    }
    throw new Error('expected a config error');
  };

  it('accepts wildcard patterns and refuses regular expressions with the wildcard spelling', () => {
    expect(parseConfig('placeholders: ["%%*%%", "REPLACE_ME_*"]\n', 'c.yml')).toEqual({ placeholders: ['%%*%%', 'REPLACE_ME_*'] });
    expect(error('placeholders: ["%%.*%%"]\n')).toContain('placeholders[0]: is a wildcard pattern (* and ?), not a regular expression (did you mean "%%*%%"?)');
    expect(error('placeholders: ["**"]\n')).toContain('must name the token with at least 3 characters');
    expect(error('placeholder: ["%%*%%"]\n')).toContain('did you mean "placeholders"?');
  });

  it('a pull request adding patterns weakens the gate', () => {
    const opts = (yaml: string) => resolveOptions(defaultOptions('/repo'), { file: parseConfig(yaml, 'c.yml'), action: {} });
    const w = configWeakenings(opts('placeholders: ["%%*%%"]\n'), opts('placeholders: ["%%*%%", "TODO*"]\n'), ruleDefaultSeverity);
    expect(w.map((x) => [x.pointer, x.message])).toEqual([['/placeholders', 'treats more values as template tokens (no grammar, ARN or type finding about them): TODO*']]);
  });
});

describe('unquoted template tokens where a JSON value belongs', () => {
  it('are read as quoted strings (an LZA data-perimeter policy is analysed, not an input error)', async () => {
    const text = `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Deny",
      "Action": ["s3:*"],
      "Resource": "*",
      "Condition": {
        "StringNotEqualsIfExists": { "aws:SourceVpc": [\${ACCEL_LOOKUP::VPC_ID:OU:Infrastructure}] },
        "NotIpAddressIfExists": { "aws:SourceIp": \${ACCEL_LOOKUP::CUSTOM:ALLOWED_CORPORATE_CIDRS} }
      }
    }
  ]
}`;
    const r = await scanFull({ 'scps/data-perimeter.json': text });
    expect(r.errors).toEqual([]);
    expect(r.policies).toHaveLength(1);
    expect(r.findings.filter((f) => /TYPE_MISMATCH|DATA_TYPE/.test(f.ruleId))).toEqual([]);
    // a string value with a stray $ that is not a token is still invalid JSON
    const bad = await scanFull({ 'p.json': '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": $x, "Resource": "*"}]}' });
    expect(bad.errors.map((e) => e.message)).toEqual([expect.stringContaining('invalid JSON')]);
  });
});
