import { describe, expect, it } from 'vitest';
import { extractCfn, record, line } from './helpers.js';

const template = `AWSTemplateFormatVersion: "2010-09-09"
Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    Runtime: python3.12
    PermissionsBoundary: !Sub arn:aws:iam::\${AWS::AccountId}:policy/app-boundary
Resources:
  Uploads:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: uploads-bucket
  Orders:
    Type: AWS::Serverless::SimpleTable
  Resize:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.handler
      CodeUri: src/
      Tracing: Active
      Policies:
        - AWSLambdaExecute
        - S3ReadPolicy:
            BucketName: !Ref Uploads
        - DynamoDBCrudPolicy:
            TableName: !Ref Orders
        - Statement:
            - Effect: Allow
              Action: sqs:SendMessage
              Resource: !Sub arn:aws:sqs:\${AWS::Region}:\${AWS::AccountId}:resized
        - arn:aws:iam::123456789012:policy/shared-read
  Flow:
    Type: AWS::Serverless::StateMachine
    Properties:
      DefinitionUri: statemachine.asl.json
      Policies:
        - LambdaInvokePolicy:
            FunctionName: !Ref Resize
  Api:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
      Auth:
        ResourcePolicy:
          AwsAccountWhitelist: ['111122223333']
          IpRangeBlacklist: ['10.0.0.0/8']
  WithRole:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.handler
      Role: arn:aws:iam::123456789012:role/existing
`;

describe('SAM', () => {
  const r = extractCfn(template);
  it('has no errors or findings', () => {
    expect(r.errors).toEqual([]);
    expect(r.findings).toEqual([]);
  });
  it('creates the implicit execution role trust policy of a function', () => {
    const t = record(r, 'Resize', 'ResizeRole/AssumeRolePolicyDocument');
    expect(t.policyType).toBe('trust');
    expect(t.document).toEqual({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: ['lambda.amazonaws.com'] }, Action: ['sts:AssumeRole'] }] });
    expect(t.line).toBe(15);
  });
  it('expands SAM policy templates with their parameters, mapped to the template lines', () => {
    const s3 = record(r, 'Resize', 'Policies/1/S3ReadPolicy');
    expect((s3.document as { Statement: { Resource: unknown }[] }).Statement[0]!.Resource).toEqual([
      'arn:aws:s3:::uploads-bucket',
      'arn:aws:s3:::uploads-bucket/*',
    ]);
    expect(s3.attachedTo).toEqual([{ kind: 'role', id: 'ResizeRole', via: 'inline' }]);
    expect(line(s3, '/Statement/0/Resource/0')).toBe(23); // the BucketName argument
    expect(line(s3, '/Statement/0/Action/0')).toBe(22); // the template's own values: the template line
    const ddb = record(r, 'Resize', 'Policies/2/DynamoDBCrudPolicy');
    expect(JSON.stringify(ddb.document)).toContain('arn:aws:dynamodb:us-east-1:123456789012:table/Orders');
    expect(ddb.placeholders.length).toBeGreaterThan(0);
  });
  it('keeps inline documents with their own lines', () => {
    const inline = record(r, 'Resize', 'Policies/3');
    expect(inline.line).toBe(26);
    expect(line(inline, '/Statement/0/Resource')).toBe(29);
    expect((inline.document as { Statement: { Resource: string }[] }).Statement[0]!.Resource).toBe('arn:aws:sqs:us-east-1:123456789012:resized');
  });
  it('records managed policies by name and ARN, plus the ones SAM adds, and the Globals boundary', () => {
    const m = r.entities.filter((e) => e.kind === 'managed-policy-attachment' && e.resource === 'Resize');
    expect(m.map((e) => [e.properties.policyArn, (e.properties.principal as { via: string }).via])).toEqual([
      ['arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole', 'managed'],
      ['arn:aws:iam::aws:policy/AWSXrayWriteOnlyAccess', 'managed'],
      ['arn:aws:iam::aws:policy/AWSLambdaExecute', 'managed'],
      ['arn:aws:iam::123456789012:policy/shared-read', 'managed'],
      ['arn:aws:iam::123456789012:policy/app-boundary', 'boundary'],
    ]);
    expect(m[2]!.line).toBe(21);
  });
  it('state machines get a states.amazonaws.com role and their templates', () => {
    expect(JSON.stringify(record(r, 'Flow', 'FlowRole/AssumeRolePolicyDocument').document)).toContain('states.amazonaws.com');
    const inv = record(r, 'Flow', 'Policies/0/LambdaInvokePolicy');
    expect(JSON.stringify(inv.document)).toContain('arn:aws:lambda:us-east-1:123456789012:function:Resize');
  });
  it('synthesises the API resource policy from Auth.ResourcePolicy', () => {
    const api = record(r, 'Api', 'Auth/ResourcePolicy');
    expect(api.policyType).toBe('resource');
    expect(api.document).toEqual({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Principal: { AWS: ['111122223333'] }, Action: 'execute-api:Invoke', Resource: 'execute-api:/*' },
        { Effect: 'Deny', Principal: '*', Action: 'execute-api:Invoke', Resource: 'execute-api:/*', Condition: { IpAddress: { 'aws:SourceIp': ['10.0.0.0/8'] } } },
      ],
    });
    expect(line(api, '/Statement/0')).toBe(44);
    expect(line(api, '/Statement/1/Condition/IpAddress/aws:SourceIp')).toBe(45);
  });
  it('a function with an explicit Role gets no implicit role', () => {
    expect(r.policies.filter((p) => p.resource === 'WithRole')).toEqual([]);
  });
  it('an unknown policy template is a finding on its line', () => {
    const x = extractCfn(`Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Handler: a.b
      Policies:
        - NotARealPolicyTemplate:
            Foo: bar
`);
    expect(x.findings.map((f) => [f.ruleId, f.line])).toEqual([['sam-unknown-policy-template', 8]]);
  });
  it('connectors give the source role the destination actions', () => {
    const x = extractCfn(`Transform: AWS::Serverless-2016-10-31
Resources:
  Queue:
    Type: AWS::SQS::Queue
  Producer:
    Type: AWS::Serverless::Function
    Connectors:
      ToQueue:
        Properties:
          Destination:
            Id: Queue
          Permissions: [Write]
    Properties:
      Handler: a.b
`);
    const c = record(x, 'Producer', 'Connectors/ToQueue');
    expect(c.attachedTo).toEqual([{ kind: 'role', id: 'ProducerRole', via: 'inline' }]);
    expect((c.document as { Statement: { Action: string[]; Resource: string }[] }).Statement[0]).toMatchObject({ Action: expect.arrayContaining(['sqs:SendMessage']), Resource: 'arn:aws:sqs:us-east-1:123456789012:Queue' });
    expect(line(c, '/Statement/0')).toBe(11);
  });
});

describe('SAM resolution details', () => {
  it('the implicit role can be referenced (!GetAtt FnRole.Arn)', () => {
    const x = extractCfn(`Transform: AWS::Serverless-2016-10-31
Resources:
  Worker:
    Type: AWS::Serverless::Function
    Properties:
      Handler: a.b
  Trust:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Statement:
          - Effect: Allow
            Action: iam:PassRole
            Resource: !GetAtt WorkerRole.Arn
`);
    expect(x.findings).toEqual([]);
    expect((record(x, 'Trust').document as { Statement: { Resource: string }[] }).Statement[0]!.Resource).toBe('arn:aws:iam::123456789012:role/WorkerRole');
  });
  it('a policy template argument that refers to a template parameter of the same name resolves to the parameter', () => {
    const x = extractCfn(`Transform: AWS::Serverless-2016-10-31
Parameters:
  TableName:
    Type: String
    Default: orders
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Handler: a.b
      Policies:
        - DynamoDBReadPolicy:
            TableName: !Ref TableName
`);
    expect(x.findings).toEqual([]);
    expect(JSON.stringify(record(x, 'Fn', 'Policies/0/DynamoDBReadPolicy').document)).toContain('table/orders');
  });
});

describe('SAM event sources and dead-letter queues', () => {
  const x = extractCfn(`Transform: AWS::Serverless-2016-10-31
Resources:
  Topic:
    Type: AWS::SNS::Topic
  Dlq:
    Type: AWS::SQS::Queue
  Handler:
    Type: AWS::Serverless::Function
    Properties:
      FunctionName: handler
      Handler: a.b
      DeadLetterQueue:
        Type: SQS
        TargetArn: !GetAtt Dlq.Arn
      Events:
        FromTopic:
          Type: SNS
          Properties:
            Topic: !Ref Topic
        FromQueue:
          Type: SQS
          Properties:
            Queue: !GetAtt Dlq.Arn
`);
  it('creates the Lambda permission for push sources, with the source ARN', () => {
    const perm = record(x, 'Handler', 'Events/FromTopic');
    expect(perm.policyType).toBe('resource');
    expect(perm.document).toEqual({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'sns.amazonaws.com' }, Action: 'lambda:InvokeFunction', Resource: 'arn:aws:lambda:us-east-1:123456789012:function:handler', Condition: { ArnLike: { 'AWS:SourceArn': 'arn:aws:sns:us-east-1:123456789012:Topic' } } }] });
    expect(line(perm, '/Statement/0/Condition/ArnLike/AWS:SourceArn')).toBe(19);
  });
  it('adds the poller managed policy and the dead-letter statement to the role', () => {
    expect(x.entities.filter((e) => e.kind === 'managed-policy-attachment').map((e) => e.properties.policyArn)).toContain('arn:aws:iam::aws:policy/service-role/AWSLambdaSQSQueueExecutionRole');
    const dlq = record(x, 'Handler', 'DeadLetterQueue');
    expect(dlq.document).toEqual({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sqs:SendMessage', Resource: 'arn:aws:sqs:us-east-1:123456789012:Dlq' }] });
    expect(line(dlq, '/Statement/0/Resource')).toBe(14);
    expect(dlq.attachedTo).toEqual([{ kind: 'role', id: 'HandlerRole', via: 'inline' }]);
  });
});

describe('SAM function with an explicit role', () => {
  it('Policies next to Role are ignored by SAM: a finding on the Policies line, no records', () => {
    const x = extractCfn(`Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Handler: a.b
      Role: arn:aws:iam::123456789012:role/existing
      Policies:
        - AmazonS3FullAccess
`);
    expect(x.policies).toEqual([]);
    expect(x.findings.map((f) => [f.ruleId, f.line])).toEqual([['sam-policies-ignored', 9]]);
  });
});

describe('SAM function URLs', () => {
  it('AuthType NONE becomes the public permission SAM creates, on the AuthType line', () => {
    const x = extractCfn(`Transform: AWS::Serverless-2016-10-31
Resources:
  Web:
    Type: AWS::Serverless::Function
    Properties:
      FunctionName: web
      Handler: a.b
      FunctionUrlConfig:
        AuthType: NONE
  Private:
    Type: AWS::Serverless::Function
    Properties:
      Handler: a.b
      FunctionUrlConfig:
        AuthType: AWS_IAM
`);
    const rec = record(x, 'Web', 'FunctionUrlConfig');
    expect((rec.document as { Statement: unknown[] }).Statement[0]).toEqual({ Effect: 'Allow', Principal: '*', Action: 'lambda:InvokeFunctionUrl', Resource: 'arn:aws:lambda:us-east-1:123456789012:function:web', Condition: { StringEquals: { 'lambda:FunctionUrlAuthType': 'NONE' } } });
    expect(line(rec, '/Statement/0/Condition/StringEquals/lambda:FunctionUrlAuthType')).toBe(9);
    expect(x.policies.filter((p) => p.resource === 'Private' && p.propertyPath === 'FunctionUrlConfig')).toEqual([]);
  });
});
