/** Issue 19: API Gateway policies in OpenAPI definitions, local AWS::Include, custom organisation policy types. */
import { describe, expect, it } from 'vitest';
import { extractCfn } from './helpers.js';

const API = (props: string) => `Transform: AWS::Serverless-2016-10-31\nResources:\n  Api:\n    Type: AWS::Serverless::Api\n    Properties:\n      StageName: prod\n${props}`;
const OPENAPI = "openapi: 3.0.1\nx-amazon-apigateway-policy:\n  Statement:\n    - Effect: Allow\n      Principal: '*'\n      Action: execute-api:Invoke\n      Resource: '*'\n";

describe('x-amazon-apigateway-policy', () => {
  it('a local DefinitionUri file: the policy is read there, with that file and line', () => {
    const r = extractCfn(API('      DefinitionUri: ../specs/api.yaml\n'), { file: 'stacks/template.yaml', files: { 'specs/api.yaml': OPENAPI } });
    expect(r.errors).toEqual([]);
    expect(r.policies.map((p) => [p.resource, p.propertyPath, p.file, p.line, p.policyType])).toEqual([
      ['Api', 'DefinitionUri/x-amazon-apigateway-policy', 'specs/api.yaml', 3, 'resource'],
    ]);
  });
  it('a local DefinitionUri that cannot be read makes the verdict incomplete; an S3 one is left alone', () => {
    const r = extractCfn(API('      DefinitionUri: api.yaml\n'));
    expect(r.errors.map((e) => e.message)).toEqual([expect.stringMatching(/DefinitionUri api\.yaml could not be read.*resource policy was not analysed/)]);
    expect(extractCfn(API('      DefinitionUri: s3://bucket/api.yaml\n')).errors).toEqual([]);
  });
  it('an AWS::Include of a local file is read; a refused local Location says why, not "pulls from S3"', () => {
    const inc = (loc: string) => API(`      DefinitionBody:\n        Fn::Transform:\n          Name: AWS::Include\n          Parameters:\n            Location: ${loc}\n`);
    const ok = extractCfn(inc('api.yaml'), { files: { 'api.yaml': OPENAPI } });
    expect(ok.errors).toEqual([]);
    expect(ok.policies.map((p) => [p.propertyPath, p.file])).toEqual([['DefinitionBody/x-amazon-apigateway-policy', 'api.yaml']]);
    const outside = extractCfn(inc('../../etc/api.yaml'));
    expect(outside.findings.filter((f) => f.ruleId === 'include-refused').map((f) => f.message)).toEqual([
      expect.stringMatching(/^AWS::Include of "\.\.\/\.\.\/etc\/api\.yaml" refused: it points outside the repository/),
    ]);
    expect(outside.errors).toHaveLength(1);
    const s3 = extractCfn(inc('s3://bucket/api.yaml'));
    expect(s3.findings.filter((f) => f.ruleId === 'include-refused').map((f) => f.message)).toEqual([expect.stringMatching(/pulls a snippet from s3:\/\/bucket/)]);
  });
});

describe('custom organisation policy types', () => {
  it('an SCP by type name or PolicyType; a tag policy is not an IAM policy', () => {
    const r = extractCfn(`Resources:
  A:
    Type: Acme::Organizations::ServiceControlPolicy
    Properties:
      PolicyDocument: {Statement: [{Effect: Deny, Action: "s3:*", Resource: "*"}]}
  B:
    Type: Community::Organizations::Policy
    Properties:
      Type: RESOURCE_CONTROL_POLICY
      Content: {Statement: [{Effect: Deny, Principal: "*", Action: "s3:*", Resource: "*"}]}
  C:
    Type: Community::Organizations::Policy
    Properties:
      Type: TAG_POLICY
      Content: {tags: {}}
  D:
    Type: Acme::Widgets::Policy
    Properties:
      PolicyDocument: {Statement: [{Effect: Allow, Action: "*", Resource: "*"}]}
`);
    expect(r.policies.map((p) => [p.resource, p.policyType])).toEqual([['A', 'scp'], ['B', 'rcp']]);
  });
});
