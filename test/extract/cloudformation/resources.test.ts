import { describe, expect, it } from 'vitest';
import { extractCfn, record, line } from './helpers.js';
import { RESOURCE_TABLE } from '../../../src/extract/cloudformation/resources.js';

const stmt = (principal: boolean, action: string, resource = "'*'") =>
  [
    '        Version: "2012-10-17"',
    '        Statement:',
    '          - Sid: Access',
    '            Effect: Allow',
    ...(principal ? ['            Principal:', '              AWS: !Sub arn:${AWS::Partition}:iam::${AWS::AccountId}:root'] : []),
    `            Action: ${action}`,
    `            Resource: ${resource}`,
  ].join('\n');

/** [type, property holding the document, action, expected propertyPath, policyType, validateResourceType] */
const rows: [string, string, string, string, string, string | undefined][] = [
  ['AWS::S3::BucketPolicy', 'PolicyDocument', 's3:GetObject', 'PolicyDocument', 'resource', 'AWS::S3::Bucket'],
  ['AWS::S3::AccessPoint', 'Policy', 's3:GetObject', 'Policy', 'resource', 'AWS::S3::AccessPoint'],
  ['AWS::S3::MultiRegionAccessPointPolicy', 'Policy', 's3:GetObject', 'Policy', 'resource', 'AWS::S3::MultiRegionAccessPoint'],
  ['AWS::S3ObjectLambda::AccessPointPolicy', 'PolicyDocument', 's3-object-lambda:GetObject', 'PolicyDocument', 'resource', 'AWS::S3ObjectLambda::AccessPoint'],
  ['AWS::S3Express::BucketPolicy', 'PolicyDocument', 's3express:CreateSession', 'PolicyDocument', 'resource', undefined],
  ['AWS::S3Express::AccessPoint', 'Policy', 's3express:CreateSession', 'Policy', 'resource', undefined],
  ['AWS::S3Tables::TableBucketPolicy', 'ResourcePolicy', 's3tables:GetTable', 'ResourcePolicy', 'resource', undefined],
  ['AWS::S3Outposts::BucketPolicy', 'PolicyDocument', 's3-outposts:GetObject', 'PolicyDocument', 'resource', undefined],
  ['AWS::SQS::QueuePolicy', 'PolicyDocument', 'sqs:SendMessage', 'PolicyDocument', 'resource', undefined],
  ['AWS::SQS::QueueInlinePolicy', 'PolicyDocument', 'sqs:SendMessage', 'PolicyDocument', 'resource', undefined],
  ['AWS::SNS::TopicPolicy', 'PolicyDocument', 'sns:Publish', 'PolicyDocument', 'resource', undefined],
  ['AWS::SNS::TopicInlinePolicy', 'PolicyDocument', 'sns:Publish', 'PolicyDocument', 'resource', undefined],
  ['AWS::KMS::Key', 'KeyPolicy', 'kms:*', 'KeyPolicy', 'resource', undefined],
  ['AWS::SecretsManager::ResourcePolicy', 'ResourcePolicy', 'secretsmanager:GetSecretValue', 'ResourcePolicy', 'resource', undefined],
  ['AWS::ECR::Repository', 'RepositoryPolicyText', 'ecr:BatchGetImage', 'RepositoryPolicyText', 'resource', undefined],
  ['AWS::ECR::RegistryPolicy', 'PolicyText', 'ecr:ReplicateImage', 'PolicyText', 'resource', undefined],
  ['AWS::Events::EventBus', 'Policy', 'events:PutEvents', 'Policy', 'resource', undefined],
  ['AWS::Logs::ResourcePolicy', 'PolicyDocument', 'logs:PutLogEvents', 'PolicyDocument', 'resource', undefined],
  ['AWS::OpenSearchService::Domain', 'AccessPolicies', 'es:ESHttp*', 'AccessPolicies', 'resource', undefined],
  ['AWS::Elasticsearch::Domain', 'AccessPolicies', 'es:ESHttp*', 'AccessPolicies', 'resource', undefined],
  ['AWS::EFS::FileSystem', 'FileSystemPolicy', 'elasticfilesystem:ClientMount', 'FileSystemPolicy', 'resource', undefined],
  ['AWS::Kinesis::ResourcePolicy', 'ResourcePolicy', 'kinesis:GetRecords', 'ResourcePolicy', 'resource', undefined],
  ['AWS::Kinesis::StreamConsumer', 'ResourcePolicy', 'kinesis:SubscribeToShard', 'ResourcePolicy', 'resource', undefined],
  ['AWS::Glue::ResourcePolicy', 'PolicyInJson', 'glue:GetTable', 'PolicyInJson', 'resource', undefined],
  ['AWS::ApiGateway::RestApi', 'Policy', 'execute-api:Invoke', 'Policy', 'resource', undefined],
  ['AWS::ApiGateway::DomainNameV2', 'Policy', 'execute-api:Invoke', 'Policy', 'resource', undefined],
  ['AWS::CodeArtifact::Domain', 'PermissionsPolicyDocument', 'codeartifact:GetAuthorizationToken', 'PermissionsPolicyDocument', 'resource', undefined],
  ['AWS::CodeArtifact::Repository', 'PermissionsPolicyDocument', 'codeartifact:ReadFromRepository', 'PermissionsPolicyDocument', 'resource', undefined],
  ['AWS::Backup::BackupVault', 'AccessPolicy', 'backup:DeleteRecoveryPoint', 'AccessPolicy', 'resource', undefined],
  ['AWS::CloudTrail::ResourcePolicy', 'ResourcePolicy', 'cloudtrail:GetQueryResults', 'ResourcePolicy', 'resource', undefined],
  ['AWS::EC2::VPCEndpoint', 'PolicyDocument', 's3:GetObject', 'PolicyDocument', 'resource', undefined],
  ['AWS::MediaStore::Container', 'Policy', 'mediastore:GetObject', 'Policy', 'resource', undefined],
  ['AWS::IAM::ManagedPolicy', 'PolicyDocument', 's3:GetObject', 'PolicyDocument', 'identity', undefined],
  ['AWS::IAM::Policy', 'PolicyDocument', 's3:GetObject', 'PolicyDocument', 'identity', undefined],
  ['AWS::IAM::RolePolicy', 'PolicyDocument', 's3:GetObject', 'PolicyDocument', 'identity', undefined],
  ['AWS::IAM::UserPolicy', 'PolicyDocument', 's3:GetObject', 'PolicyDocument', 'identity', undefined],
  ['AWS::IAM::GroupPolicy', 'PolicyDocument', 's3:GetObject', 'PolicyDocument', 'identity', undefined],
  ['AWS::IoT::Policy', 'PolicyDocument', 'iot:Connect', 'PolicyDocument', 'identity', undefined],
  ['AWS::VpcLattice::AuthPolicy', 'Policy', 'vpc-lattice-svcs:Invoke', 'Policy', 'resource', undefined],
  ['AWS::VpcLattice::ResourcePolicy', 'Policy', 'vpc-lattice:CreateServiceNetworkVpcAssociation', 'Policy', 'resource', undefined],
  ['AWS::SSM::ResourcePolicy', 'Policy', 'ssm:GetParameter', 'Policy', 'resource', undefined],
  ['AWS::Lex::ResourcePolicy', 'Policy', 'lex:RecognizeText', 'Policy', 'resource', undefined],
  ['AWS::ECR::RepositoryCreationTemplate', 'RepositoryPolicy', 'ecr:BatchGetImage', 'RepositoryPolicy', 'resource', undefined],
];

describe('resource table: one fixture per row', () => {
  for (const [type, prop, action, path, policyType, vrt] of rows) {
    it(`${type}.${prop}`, () => {
      const text = [
        'AWSTemplateFormatVersion: "2010-09-09"', // 1
        'Resources:', // 2
        '  Thing:', // 3
        `    Type: ${type}`, // 4
        '    Properties:', // 5
        `      ${prop}:`, // 6
        stmt(policyType === 'resource', action), // 7..
      ].join('\n');
      const r = extractCfn(text);
      expect(r.errors).toEqual([]);
      const rec = record(r, 'Thing', path);
      expect(rec.policyType).toBe(policyType);
      expect(rec.validateResourceType).toBe(vrt);
      expect(rec.resourceType).toBe(type);
      expect(rec.line).toBe(7);
      expect(line(rec, '/Statement/0/Action')).toBe(policyType === 'resource' ? 13 : 11);
      expect((rec.document as { Statement: { Sid: string }[] }).Statement[0]!.Sid).toBe('Access');
    });
  }
  it('every table row with slots is covered above, or below', () => {
    const tested = new Set(rows.map((r) => r[0]));
    const elsewhere = ['AWS::IAM::Role', 'AWS::IAM::User', 'AWS::IAM::Group', 'AWS::DynamoDB::Table', 'AWS::DynamoDB::GlobalTable', 'AWS::KMS::ReplicaKey', 'AWS::ECR::PublicRepository', 'AWS::S3Tables::TablePolicy', 'AWS::S3Outposts::AccessPoint', 'AWS::Logs::Destination'];
    for (const [type, row] of Object.entries(RESOURCE_TABLE)) {
      if (row.slots) expect(tested.has(type) || elsewhere.includes(type), type).toBe(true);
    }
  });
});

describe('resource rows with nested documents', () => {
  it('DynamoDB table and stream resource policies', () => {
    const r = extractCfn(`Resources:
  Table:
    Type: AWS::DynamoDB::Table
    Properties:
      TableName: orders
      ResourcePolicy:
        PolicyDocument:
          Statement:
            - Effect: Allow
              Principal: { AWS: arn:aws:iam::111122223333:root }
              Action: dynamodb:GetItem
              Resource: '*'
      StreamSpecification:
        StreamViewType: NEW_IMAGE
        ResourcePolicy:
          PolicyDocument:
            Statement:
              - Effect: Allow
                Principal: { AWS: arn:aws:iam::111122223333:root }
                Action: dynamodb:GetRecords
                Resource: '*'
`);
    expect(record(r, 'Table', 'ResourcePolicy/PolicyDocument')).toMatchObject({ line: 8, validateResourceType: 'AWS::DynamoDB::Table', policyType: 'resource' });
    expect(record(r, 'Table', 'StreamSpecification/ResourcePolicy/PolicyDocument')).toMatchObject({ line: 17, policyType: 'resource' });
  });
  it('GlobalTable replicas', () => {
    const r = extractCfn(`Resources:
  GT:
    Type: AWS::DynamoDB::GlobalTable
    Properties:
      Replicas:
        - Region: us-east-1
        - Region: eu-west-1
          ResourcePolicy:
            PolicyDocument:
              Statement:
                - Effect: Allow
                  Principal: '*'
                  Action: dynamodb:*
                  Resource: '*'
`);
    expect(record(r, 'GT', 'Replicas/1/ResourcePolicy/PolicyDocument').line).toBe(10);
  });
  it('a policy given as a JSON string is parsed and points at the string', () => {
    const r = extractCfn(`Resources:
  Logs:
    Type: AWS::Logs::ResourcePolicy
    Properties:
      PolicyName: es-logs
      PolicyDocument: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"es.amazonaws.com"},"Action":["logs:PutLogEvents"],"Resource":"*"}]}'
`);
    const rec = record(r, 'Logs');
    expect((rec.document as { Statement: { Action: string[] }[] }).Statement[0]!.Action).toEqual(['logs:PutLogEvents']);
    expect(line(rec, '/Statement/0/Action/0')).toBe(6);
  });
  it('an invalid JSON string policy is a finding on its line, the rest goes on', () => {
    const r = extractCfn(`Resources:
  Repo:
    Type: AWS::ECR::Repository
    Properties:
      RepositoryPolicyText: '{"Statement": [ }'
  Key:
    Type: AWS::KMS::Key
    Properties:
      KeyPolicy:
        Statement:
          - Effect: Allow
            Principal: { AWS: !Sub 'arn:aws:iam::\${AWS::AccountId}:root' }
            Action: kms:*
            Resource: '*'
`);
    expect(r.findings.map((f) => [f.ruleId, f.line])).toContainEqual(['cfn-invalid-policy-json', 5]);
    expect(record(r, 'Key').line).toBe(10);
    expect((record(r, 'Key').document as { Statement: { Principal: { AWS: string } }[] }).Statement[0]!.Principal.AWS).toBe('arn:aws:iam::123456789012:root');
  });
});

describe('synthesised documents', () => {
  it('AWS::Lambda::Permission becomes a resource policy statement mapped to its properties', () => {
    const r = extractCfn(`Resources:
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      FunctionName: resize
  AllowS3:
    Type: AWS::Lambda::Permission
    Properties:
      Action: lambda:InvokeFunction
      FunctionName: !Ref Fn
      Principal: s3.amazonaws.com
      SourceArn: arn:aws:s3:::uploads
      SourceAccount: !Ref AWS::AccountId
`);
    const rec = record(r, 'AllowS3');
    expect(rec.policyType).toBe('resource');
    expect(rec.document).toEqual({
      Version: '2012-10-17',
      Statement: [{
        Effect: 'Allow',
        Principal: { Service: 's3.amazonaws.com' },
        Action: 'lambda:InvokeFunction',
        Resource: 'arn:aws:lambda:us-east-1:123456789012:function:resize',
        Condition: { ArnLike: { 'AWS:SourceArn': 'arn:aws:s3:::uploads' }, StringEquals: { 'AWS:SourceAccount': '123456789012' } },
      }],
    });
    expect(line(rec, '/Statement/0/Action')).toBe(9);
    expect(line(rec, '/Statement/0/Resource')).toBe(10);
    expect(line(rec, '/Statement/0/Principal')).toBe(11);
    expect(line(rec, '/Statement/0/Condition/ArnLike/AWS:SourceArn')).toBe(12);
  });
  it('AWS::Lambda::Permission with a public principal', () => {
    const r = extractCfn(`Resources:
  Public:
    Type: AWS::Lambda::Permission
    Properties:
      Action: lambda:InvokeFunctionUrl
      FunctionName: arn:aws:lambda:us-east-1:123456789012:function:web
      Principal: '*'
      FunctionUrlAuthType: NONE
`);
    const st = (record(r, 'Public').document as { Statement: Record<string, unknown>[] }).Statement[0]!;
    expect(st.Principal).toBe('*');
    expect(st.Condition).toEqual({ StringEquals: { 'lambda:FunctionUrlAuthType': 'NONE' } });
  });
  it('AWS::Lambda::LayerVersionPermission', () => {
    const r = extractCfn(`Resources:
  LayerPerm:
    Type: AWS::Lambda::LayerVersionPermission
    Properties:
      Action: lambda:GetLayerVersion
      LayerVersionArn: arn:aws:lambda:us-east-1:123456789012:layer:shared:3
      Principal: '*'
      OrganizationId: o-abc123
`);
    const rec = record(r, 'LayerPerm');
    expect(rec.document).toEqual({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 'lambda:GetLayerVersion', Resource: 'arn:aws:lambda:us-east-1:123456789012:layer:shared:3', Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abc123' } } }] });
    expect(line(rec, '/Statement/0/Condition/StringEquals/aws:PrincipalOrgID')).toBe(8);
  });
  it('AWS::Events::EventBusPolicy with Statement and the legacy form', () => {
    const r = extractCfn(`Resources:
  WithStatement:
    Type: AWS::Events::EventBusPolicy
    Properties:
      StatementId: cross
      Statement:
        Effect: Allow
        Principal: { AWS: arn:aws:iam::111122223333:root }
        Action: events:PutEvents
        Resource: arn:aws:events:us-east-1:123456789012:event-bus/default
  Legacy:
    Type: AWS::Events::EventBusPolicy
    Properties:
      StatementId: org
      Action: events:PutEvents
      Principal: '*'
      Condition:
        Type: StringEquals
        Key: aws:PrincipalOrgID
        Value: o-abc123
`);
    expect(line(record(r, 'WithStatement'), '/Statement/0/Action')).toBe(9);
    const legacy = record(r, 'Legacy');
    expect(legacy.document).toEqual({ Version: '2012-10-17', Statement: [{ Sid: 'org', Effect: 'Allow', Resource: 'arn:aws:events:us-east-1:123456789012:event-bus/default', Principal: '*', Action: 'events:PutEvents', Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abc123' } } }] });
    expect(line(legacy, '/Statement/0/Condition/StringEquals/aws:PrincipalOrgID')).toBe(20);
  });
  it('AWS::Organizations::Policy: SCP as object, RCP as string, tag policies skipped', () => {
    const r = extractCfn(`Resources:
  DenyLeave:
    Type: AWS::Organizations::Policy
    Properties:
      Name: deny-leave
      Type: SERVICE_CONTROL_POLICY
      TargetIds: [ou-abcd-12345678]
      Content:
        Version: "2012-10-17"
        Statement:
          - Effect: Deny
            Action: organizations:LeaveOrganization
            Resource: "*"
  Rcp:
    Type: AWS::Organizations::Policy
    Properties:
      Name: tls
      Type: RESOURCE_CONTROL_POLICY
      Content: '{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":"false"}}}]}'
  Tags:
    Type: AWS::Organizations::Policy
    Properties:
      Name: tags
      Type: TAG_POLICY
      Content: { tags: {} }
`);
    expect(record(r, 'DenyLeave')).toMatchObject({ policyType: 'scp', name: 'deny-leave', line: 9, notes: ['attached to ou-abcd-12345678'] });
    expect(record(r, 'Rcp')).toMatchObject({ policyType: 'rcp', line: 19 });
    expect(r.policies.filter((p) => p.resource === 'Tags')).toEqual([]);
  });
  it('AWS::SSO::PermissionSet: inline policy and AWS managed policies', () => {
    const r = extractCfn(`Resources:
  Admins:
    Type: AWS::SSO::PermissionSet
    Properties:
      InstanceArn: arn:aws:sso:::instance/ssoins-1234567890abcdef
      Name: Operators
      ManagedPolicies:
        - arn:aws:iam::aws:policy/ReadOnlyAccess
      InlinePolicy:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Action: ssm:StartSession
            Resource: "*"
`);
    expect(record(r, 'Admins', 'InlinePolicy')).toMatchObject({ policyType: 'identity', line: 10, attachedTo: [{ kind: 'permission-set', id: 'Admins', via: 'inline' }] });
    expect(r.entities.map((e) => e.kind)).toEqual(['permission-set', 'managed-policy-attachment']);
    expect(r.entities[1]!.properties).toMatchObject({ policyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess', awsManaged: true });
    expect(r.entities[1]!.line).toBe(8);
  });
});

describe('placeholders in synthesised documents', () => {
  it('a Lambda permission on a function of the template: the placeholder holds the ARN the document holds', () => {
    const r = extractCfn(`Resources:
  Fn:
    Type: AWS::Lambda::Function
    Properties: { Handler: a.b, Role: arn:aws:iam::123456789012:role/x, Code: { ZipFile: x } }
  Perm:
    Type: AWS::Lambda::Permission
    Properties:
      Action: lambda:InvokeFunction
      FunctionName: !Ref Fn
      Principal: '*'
`);
    const rec = record(r, 'Perm');
    expect(rec.placeholders).toEqual([{ path: '/Statement/0/Resource', expression: '!Ref Fn', standIn: 'arn:aws:lambda:us-east-1:123456789012:function:Fn', reason: 'Fn is created by this template (its name is assigned at deploy time)' }]);
    expect((rec.document as { Statement: { Resource: string }[] }).Statement[0]!.Resource).toBe(rec.placeholders[0]!.standIn);
  });
});

describe('JSON policies in YAML block scalars', () => {
  it('maps each value of a literal block to its template line', () => {
    const r = extractCfn(`Resources:
  Domain:
    Type: AWS::OpenSearchService::Domain
    Properties:
      DomainName: search
      AccessPolicies: |
        {
          "Version": "2012-10-17",
          "Statement": [
            {
              "Effect": "Allow",
              "Principal": { "AWS": "*" },
              "Action": "es:ESHttpGet",
              "Resource": "arn:aws:es:us-east-1:123456789012:domain/search/*"
            }
          ]
        }
`);
    const rec = record(r, 'Domain');
    expect(rec.line).toBe(6);
    expect(line(rec, '/Statement/0/Principal/AWS')).toBe(12);
    expect(line(rec, '/Statement/0/Action')).toBe(13);
    expect(rec.notes).toBeUndefined();
  });
});
