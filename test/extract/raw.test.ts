import { describe, expect, it } from 'vitest';
import { rawExtractor, policyTypeFromPath, policyTypeFromContent } from '../../src/extract/raw.js';
import { defaultOptions } from '../../src/config/options.js';
import type { ExtractResult } from '../../src/extract/types.js';

function extract(file: string, text: string, configure?: (o: ReturnType<typeof defaultOptions>) => void): ExtractResult {
  const options = defaultOptions('/repo');
  configure?.(options);
  return rawExtractor.extract({
    file, repoPath: file, displayPath: (p) => p, text, options, explicit: true,
    readRepoFile: () => { throw new Error('unexpected read'); },
  }) as ExtractResult;
}

const identity = `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "ReadLogs",
      "Effect": "Allow",
      "Action": ["logs:GetLogEvents", "logs:FilterLogEvents"],
      "Resource": "arn:aws:logs:eu-west-1:111122223333:log-group:/app/*"
    }
  ]
}`;

describe('raw policy files', () => {
  it('keeps the span of every element of the document', () => {
    const r = extract('iam/read-logs.json', identity);
    expect(r.errors).toEqual([]);
    const [p] = r.policies;
    expect(p).toMatchObject({ id: 'iam/read-logs.json', file: 'iam/read-logs.json', line: 1, endLine: 11, policyType: 'identity', resourceType: 'policy-file' });
    expect(p!.sourceMap.locate('/Statement/0').start.line).toBe(4);
    expect(p!.sourceMap.locate('/Statement/0/Sid').start.line).toBe(5);
    expect(p!.sourceMap.locate('/Statement/0/Action/1')).toMatchObject({ start: { line: 7, column: 39 } });
    expect(p!.sourceMap.locate('/Statement/0/Resource').start.line).toBe(8);
    // a pointer that does not exist falls back to its nearest ancestor
    expect(p!.sourceMap.locate('/Statement/0/Condition/StringEquals').start.line).toBe(4);
  });

  it('reads a JSON array of policies as separate records with their own lines', () => {
    const text = `[\n  { "Version": "2012-10-17", "Statement": [] },\n  {\n    "Version": "2012-10-17",\n    "Statement": { "Effect": "Deny", "Action": "*", "Resource": "*" }\n  }\n]`;
    const r = extract('policies.json', text);
    expect(r.policies.map((p) => [p.id, p.line, p.resource])).toEqual([
      ['policies.json#0', 2, 'policies.json[0]'],
      ['policies.json#1', 3, 'policies.json[1]'],
    ]);
    expect(r.policies[1]!.sourceMap.locate('/Statement/Effect').start.line).toBe(5);
  });

  it('detects the policy type from path conventions, then content; the config overrides both', () => {
    expect(policyTypeFromPath('org/scps/deny-leave.json')).toBe('scp');
    expect(policyTypeFromPath('org/service-control-policies/x.json')).toBe('scp');
    expect(policyTypeFromPath('org/rcps/x.json')).toBe('rcp');
    expect(policyTypeFromPath('scp/resource_control_policies/x.json')).toBe('rcp');
    expect(policyTypeFromPath('policies/region-scp.json')).toBe('scp');
    expect(policyTypeFromPath('iam/permissions-boundary.json')).toBe('boundary');
    expect(policyTypeFromPath('iam/app.json')).toBeUndefined();
    expect(policyTypeFromContent(JSON.parse(identity))).toBe('identity');
    const trust = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: ['sts:AssumeRole', 'sts:TagSession'] }] };
    expect(policyTypeFromContent(trust)).toBe('trust');
    const bucket = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }] };
    expect(policyTypeFromContent(bucket)).toBe('resource');

    expect(extract('scps/a.json', identity).policies[0]!.policyType).toBe('scp');
    const r = extract('scps/a.json', identity, (o) => (o.policyTypes = [{ files: ['scps/**'], type: 'boundary' }]));
    expect(r.policies[0]!.policyType).toBe('boundary');
    const t = extract('trust.json', JSON.stringify(trust));
    expect(t.policies[0]).toMatchObject({ policyType: 'trust', validateResourceType: 'AWS::IAM::AssumeRolePolicyDocument' });
  });

  it('detects a .json policy that starts with a comment (then reports it as invalid JSON: not analysed, never skipped)', () => {
    const text = '/* deploy */\n{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}\n';
    expect(rawExtractor.detect('iam/policy.json', text)).toBe(true);
    expect(rawExtractor.detect('iam/policy.json', '// note\n' + identity)).toBe(true);
    expect(rawExtractor.detect('iam/notes.json', '/* no policy here */ {"a": 1}')).toBe(false);
  });

  it('reads the policy inside saved AWS API output ({"PolicyVersion": {"Document": ...}})', () => {
    const text = JSON.stringify({ PolicyVersion: { Document: JSON.parse(identity), VersionId: 'v3', IsDefaultVersion: true } }, null, 2);
    const r = extract('iam/saved.json', text);
    expect(r.policies.map((p) => p.id)).toEqual(['iam/saved.json#PolicyVersion.Document']);
    expect(r.policies[0]!.line).toBe(3);
  });

  describe('policy documents held as JSON strings (AWS CLI input, API output)', () => {
    const admin = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] });
    const trustDoc = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole' }] });

    it('reads put-role-policy --cli-input-json: identity, every element on the line of the string, said in a note', () => {
      const text = `{\n  "RoleName": "app",\n  "PolicyName": "deploy",\n  "PolicyDocument": ${JSON.stringify(admin)}\n}\n`;
      expect(rawExtractor.detect('iam/put.json', text)).toBe(true);
      const r = extract('iam/put.json', text);
      expect(r.errors).toEqual([]);
      expect(r.policies).toHaveLength(1);
      const p = r.policies[0]!;
      expect(p).toMatchObject({ id: 'iam/put.json#PolicyDocument', policyType: 'identity', line: 4, propertyPath: 'PolicyDocument' });
      expect(p.document).toEqual(JSON.parse(admin));
      expect(p.sourceMap.locate('/Statement/0/Action').start).toEqual({ line: 4, column: 21 });
      expect(p.notes?.[0]).toMatch(/held as a json string: every line reported inside it is the line of the string/);
    });

    it('types by key: AssumeRolePolicyDocument is a trust policy, a bucket Policy a resource policy; the config overrides', () => {
      const t = extract('iam/create-role.json', JSON.stringify({ RoleName: 'r', AssumeRolePolicyDocument: trustDoc }));
      expect(t.policies[0]).toMatchObject({ policyType: 'trust', validateResourceType: 'AWS::IAM::AssumeRolePolicyDocument' });
      const bucketDoc = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }] });
      const b = extract('s3/bucket.json', JSON.stringify({ Bucket: 'b', Policy: bucketDoc }));
      expect(b.policies[0]).toMatchObject({ policyType: 'resource', id: 's3/bucket.json#Policy' });
      const c = extract('s3/bucket.json', JSON.stringify({ Bucket: 'b', Policy: bucketDoc }), (o) => (o.policyTypes = [{ files: ['s3/**'], type: 'identity' }]));
      expect(c.policies[0]!.policyType).toBe('identity');
    });

    it('reads URL-encoded JSON one level down (get-policy-version API output, SQS attributes)', () => {
      const text = JSON.stringify({ PolicyVersion: { Document: encodeURIComponent(admin), VersionId: 'v2' } }, null, 2);
      expect(rawExtractor.detect('iam/version.json', text)).toBe(true);
      const r = extract('iam/version.json', text);
      expect(r.policies.map((p) => [p.id, p.line, p.policyType])).toEqual([['iam/version.json#PolicyVersion.Document', 3, 'identity']]);
      expect(r.policies[0]!.notes?.[0]).toMatch(/url-encoded json string/);
      const q = extract('sqs/attrs.json', JSON.stringify({ Attributes: { Policy: admin, QueueArn: 'arn:aws:sqs:us-east-1:111122223333:q' } }));
      expect(q.policies.map((p) => [p.id, p.policyType])).toEqual([['sqs/attrs.json#Attributes.Policy', 'resource']]);
    });

    it('a string policy next to an object policy is read too (one does not hide the other)', () => {
      const text = JSON.stringify({ ReadOnly: JSON.parse(identity), PolicyDocument: admin });
      const r = extract('iam/mixed.json', text);
      expect(r.policies.map((p) => p.name).sort()).toEqual(['PolicyDocument', 'ReadOnly']);
    });

    it('a policy string that does not parse is an input error at the string; other strings and deeper levels are not read', () => {
      const broken = extract('iam/broken.json', `{\n  "PolicyName": "x",\n  "PolicyDocument": "{\\"Statement\\": [ {\\"Effect\\": }"\n}`);
      expect(broken.policies).toEqual([]);
      expect(broken.errors[0]).toMatchObject({ line: 3, kind: 'input' });
      expect(broken.errors[0]!.message).toMatch(/^PolicyDocument: a policy document in a string that is not valid JSON/);
      const badUrl = extract('iam/bad-url.json', JSON.stringify({ PolicyDocument: '%7B%22Statement%22%E0%A4%A' }));
      expect(badUrl.errors[0]!.message).toMatch(/does not decode/);
      // not a well-known key, or two levels down: not a policy of this file (not ours on a walk)
      expect(extract('x/a.json', JSON.stringify({ Description: admin })).policies).toEqual([]);
      expect(extract('x/b.json', JSON.stringify({ A: { B: { PolicyDocument: admin } } })).policies).toEqual([]);
      // a Policy key holding an ARN or a name is no policy and no error
      const arn = extract('x/c.json', JSON.stringify({ Policy: 'arn:aws:iam::aws:policy/ReadOnlyAccess', Statement: 'n/a' }));
      expect(arn.errors.filter((e) => /Policy:/.test(e.message))).toEqual([]);
    });
  });

  it('reports invalid JSON with line and column', () => {
    const r = extract('broken.json', `{\n  "Version": "2012-10-17",\n  "Statement": [\n    { "Effect": "Allow" "Action": "s3:*" }\n  ]\n}`);
    expect(r.policies).toEqual([]);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatchObject({ file: 'broken.json', line: 4, kind: 'input' });
    expect(r.errors[0]!.message).toMatch(/^invalid JSON/);
  });

  it('rejects duplicate keys and JSON that is not a policy, naming the place', () => {
    const dup = extract('dup.json', `{\n  "Version": "2012-10-17",\n  "Version": "2008-10-17",\n  "Statement": []\n}`);
    expect(dup.errors[0]).toMatchObject({ line: 3 });
    expect(dup.errors[0]!.message).toMatch(/unique/i);
    const arr = extract('list.json', `[\n  { "Version": "2012-10-17", "Statement": [] },\n  "oops"\n]`);
    expect(arr.policies).toHaveLength(1);
    expect(arr.errors[0]).toMatchObject({ line: 3 });
    expect(arr.errors[0]!.message).toMatch(/element 1 of the array is not a policy document/);
  });

  it('treats __proto__ keys as data and refuses hostile nesting', () => {
    const r = extract('proto.json', `{ "Version": "2012-10-17", "__proto__": { "polluted": true }, "Statement": [] }`);
    expect(r.errors).toEqual([]);
    const doc = r.policies[0]!.document as Record<string, unknown>;
    expect(Object.keys(doc)).toContain('__proto__');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const deep = extract('deep.json', `{ "Version": "2012-10-17", "Statement": ${'['.repeat(5000)}${']'.repeat(5000)} }`);
    expect(deep.errors[0]!.message).toMatch(/nesting deeper than/);
  });
});
