import { describe, expect, it } from 'vitest';
import { extractCfn, record, line } from './helpers.js';

const statements = `- Effect: Allow
  Action:
    - s3:GetObject
  Resource: !Sub 'arn:aws:s3:::\${AWS::AccountId}-shared/*'
`;

function withInclude(location: string, files: Record<string, string> = {}) {
  const text = `Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
          - Effect: Allow
            Principal: { Service: ec2.amazonaws.com }
            Action: sts:AssumeRole
      Policies:
        - PolicyName: shared
          PolicyDocument:
            Version: "2012-10-17"
            Statement:
              Fn::Include: ${location}
`;
  return extractCfn(text, { file: 'infra/stack/template.yaml', files });
}

describe('Fn::Include (repository-local only)', () => {
  it('resolves a relative include and maps its values to the included file and line', () => {
    const r = withInclude('../policies/shared.yaml', { 'infra/policies/shared.yaml': statements });
    expect(r.findings).toEqual([]);
    expect(r.dependencies).toEqual(['infra/policies/shared.yaml']);
    const rec = record(r, 'Role', 'Policies/0/PolicyDocument');
    expect((rec.document as { Statement: { Resource: string }[] }).Statement[0]!.Resource).toBe('arn:aws:s3:::123456789012-shared/*');
    const s = rec.sourceMap.locate('/Statement/0/Action/0');
    expect([s.file, s.start.line]).toEqual(['infra/policies/shared.yaml', 3]);
    expect(rec.sourceMap.locate('/Statement/0/Resource')).toMatchObject({ file: 'infra/policies/shared.yaml', start: { line: 4 } });
    expect(rec.line).toBe(13);
  });
  it('supports the object form with type json and nested includes', () => {
    const r = withInclude('{ location: ../policies/wrapper.json, type: json }', {
      'infra/policies/wrapper.json': '[{"Fn::Include": "inner.yaml"}]',
      'infra/policies/inner.yaml': 'Effect: Deny\nAction: "*"\nResource: "*"\n',
    });
    const rec = record(r, 'Role', 'Policies/0/PolicyDocument');
    expect((rec.document as { Statement: unknown[] }).Statement).toEqual([{ Effect: 'Deny', Action: '*', Resource: '*' }]);
    expect(rec.sourceMap.locate('/Statement/0/Action')).toMatchObject({ file: 'infra/policies/inner.yaml', start: { line: 2 } });
  });
  const refused: [string, string, RegExp][] = [
    ['an absolute path', '/etc/passwd', /absolute paths/],
    ['a path outside the repository', '../../../../etc/passwd', /outside the repository/],
    ['an https URL', 'https://example.com/policy.json', /only repository-local/],
    ['an s3 URL', 's3://bucket/policy.json', /no URLs, no s3/],
    ['type api', '{ type: api, service: IAM, action: listRoles }', /type "api"/],
    ['a glob', 'policies/*.yaml', /glob/],
  ];
  for (const [what, location, message] of refused) {
    it(`refuses ${what} with a finding on the include line, and marks the record incomplete`, () => {
      const r = withInclude(location);
      expect(r.findings.map((f) => [f.ruleId, f.line])).toEqual([['include-refused', 15]]);
      expect(r.findings[0]!.message).toMatch(message);
      const rec = record(r, 'Role', 'Policies/0/PolicyDocument');
      expect(rec.notes?.some((n) => n.startsWith('incomplete'))).toBe(true);
      expect(rec.placeholders[0]).toMatchObject({ path: '/Statement' });
    });
  }
  it('refuses Fn::GetEnv', () => {
    const r = extractCfn(`Resources:
  P:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Statement:
          - Effect: Allow
            Action: s3:GetObject
            Resource:
              Fn::GetEnv: BUCKET_ARN
`);
    expect(r.findings.map((f) => [f.ruleId, f.line])).toEqual([['include-refused', 10]]);
    expect(JSON.stringify(record(r, 'P').document)).not.toContain('BUCKET');
  });
  it('a missing include file is a finding; other resources go on', () => {
    const r = withInclude('missing.yaml');
    expect(r.findings.map((f) => [f.ruleId, f.line])).toEqual([['include-failed', 15]]);
    expect(record(r, 'Role', 'AssumeRolePolicyDocument').line).toBe(6);
  });
  it('include cycles and excessive depth are refused', () => {
    const r = withInclude('a.yaml', { 'infra/stack/a.yaml': 'Fn::Include: b.yaml\n', 'infra/stack/b.yaml': 'Fn::Include: a.yaml\n' });
    expect(r.findings).toHaveLength(1);
    expect(r.findings[0]!.message).toMatch(/cycle/);
    const chain: Record<string, string> = {};
    for (let i = 0; i < 12; i++) chain[`infra/stack/c${i}.yaml`] = `Fn::Include: c${i + 1}.yaml\n`;
    const deep = withInclude('c0.yaml', chain);
    expect(deep.findings[0]!.message).toMatch(/deeper than 8/);
  });
  it('AWS::Include from S3 is a warning on its line and makes the verdict incomplete, naming the location', () => {
    const r = extractCfn(`Resources:
  Fn::Transform:
    Name: AWS::Include
    Parameters:
      Location: s3://bucket/snippet.yaml
  Q:
    Type: AWS::SQS::Queue
`);
    expect(r.findings.map((f) => [f.ruleId, f.severity, f.line])).toEqual([['include-refused', 'warning', 3]]);
    expect(r.errors).toEqual([expect.objectContaining({ line: 3, message: expect.stringContaining('s3://bucket/snippet.yaml') })]);
  });
  it('line of a value inside an include is in the include, the record line in the template', () => {
    const r = withInclude('../policies/shared.yaml', { 'infra/policies/shared.yaml': statements });
    expect(line(record(r, 'Role', 'Policies/0/PolicyDocument'), '/Version')).toBe(13);
  });
});
