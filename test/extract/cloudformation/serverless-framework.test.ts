import { describe, expect, it } from 'vitest';
import { extractCfn, record, line, detect } from './helpers.js';

const sls = `service: orders
provider:
  name: aws
  runtime: nodejs20.x
  iam:
    role:
      statements:
        - Effect: Allow
          Action:
            - dynamodb:PutItem
          Resource: !GetAtt OrdersTable.Arn
        - Effect: Allow
          Action: s3:*
          Resource: "*"
      managedPolicies:
        - arn:aws:iam::aws:policy/AWSXrayWriteOnlyAccess
functions:
  create:
    handler: handler.create
resources:
  Resources:
    OrdersTable:
      Type: AWS::DynamoDB::Table
      Properties:
        TableName: orders
    UploadsPolicy:
      Type: AWS::S3::BucketPolicy
      Properties:
        Bucket: uploads
        PolicyDocument:
          Statement:
            - Effect: Allow
              Principal: "*"
              Action: s3:GetObject
              Resource: arn:aws:s3:::uploads/*
`;

describe('Serverless Framework service files', () => {
  it('are detected by content', () => {
    expect(detect('serverless.yml', sls)).toBe(true);
    expect(detect('serverless.yml', 'service: x\nprovider:\n  name: aws\nfunctions: {}\n')).toBe(true);
  });
  const r = extractCfn(sls, { file: 'serverless.yml' });
  it('turn provider.iam.role.statements into the execution role policy, with lines', () => {
    expect(r.errors).toEqual([]);
    const p = record(r, 'IamRoleLambdaExecution', 'provider/iam/role/statements');
    expect(p.policyType).toBe('identity');
    expect((p.document as { Statement: { Resource: string }[] }).Statement[0]!.Resource).toBe('arn:aws:dynamodb:us-east-1:123456789012:table/orders');
    expect(line(p, '/Statement/1/Action')).toBe(13);
    expect(p.line).toBe(8);
  });
  it('analyse resources.Resources as a CloudFormation Resources section', () => {
    expect(record(r, 'UploadsPolicy').line).toBe(31);
  });
  it('record the execution role trust policy and managed policies', () => {
    expect(record(r, 'IamRoleLambdaExecution', 'IamRoleLambdaExecution/AssumeRolePolicyDocument').policyType).toBe('trust');
    expect(r.entities.filter((e) => e.kind === 'managed-policy-attachment').map((e) => e.line)).toEqual([16]);
  });
});
