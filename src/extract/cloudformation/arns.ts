/**
 * What `Ref` and `Fn::GetAtt` return per resource type, synthesised offline: one row per type. A resource's name
 * comes from its name property when that resolves statically; otherwise from its logical id (then the value is a
 * placeholder). Types without a row get a generic ARN built from the type name.
 */

export interface Env {
  partition: string;
  region: string;
  account: string;
  /** Resolved IAM `Path` ("/" when absent). */
  path: string;
}

type Fmt = (name: string, e: Env) => string;

export interface ArnRow {
  /** Property holding the physical name. */
  nameProp?: string;
  /** What `Ref` returns. */
  ref: 'name' | 'arn' | 'url' | 'id';
  /** ARN from the name (or id). */
  arn: Fmt;
  /** Other attributes. */
  attrs?: Record<string, Fmt>;
  /** Stand-in physical id when `ref` is `id` and no name property is set. */
  id?: (logicalId: string) => string;
  /** Lower-case names (S3). */
  lower?: boolean;
}

const base = (svc: string, res: string, sep = '/', regional = true, account = true): Fmt =>
  (n, e) => `arn:${e.partition}:${svc}:${regional ? e.region : ''}:${account ? e.account : ''}:${res}${sep}${n}`;

const hexId = (logicalId: string, len = 17): string => {
  let h = 0;
  for (let i = 0; i < logicalId.length; i++) h = (h * 31 + logicalId.charCodeAt(i)) >>> 0;
  return (h.toString(16) + '0123456789abcdef0123').slice(0, len);
};
const uuid = (logicalId: string): string => {
  const h = (hexId(logicalId, 8) + hexId(logicalId + 'x', 8) + hexId(logicalId + 'y', 8) + hexId(logicalId + 'z', 8)).padEnd(32, '0');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
};

const iam = (kind: string): Fmt => (n, e) => `arn:${e.partition}:iam::${e.account}:${kind}${e.path}${n}`;

export const ARN_TABLE: Record<string, ArnRow> = {
  'AWS::S3::Bucket': {
    nameProp: 'BucketName', ref: 'name', lower: true,
    arn: (n, e) => `arn:${e.partition}:s3:::${n}`,
    attrs: {
      DomainName: (n) => `${n}.s3.amazonaws.com`,
      RegionalDomainName: (n, e) => `${n}.s3.${e.region}.amazonaws.com`,
      DualStackDomainName: (n, e) => `${n}.s3.dualstack.${e.region}.amazonaws.com`,
      WebsiteURL: (n, e) => `http://${n}.s3-website-${e.region}.amazonaws.com`,
    },
  },
  'AWS::S3::AccessPoint': { nameProp: 'Name', ref: 'name', lower: true, arn: base('s3', 'accesspoint') },
  'AWS::S3Express::DirectoryBucket': { nameProp: 'BucketName', ref: 'name', lower: true, arn: base('s3express', 'bucket') },
  'AWS::S3Tables::TableBucket': { nameProp: 'TableBucketName', ref: 'arn', lower: true, arn: base('s3tables', 'bucket') },
  'AWS::IAM::Role': { nameProp: 'RoleName', ref: 'name', arn: iam('role'), attrs: { RoleId: (n) => `AROA${hexId(n, 17).toUpperCase()}` } },
  'AWS::IAM::User': { nameProp: 'UserName', ref: 'name', arn: iam('user') },
  'AWS::IAM::Group': { nameProp: 'GroupName', ref: 'name', arn: iam('group') },
  'AWS::IAM::ManagedPolicy': { nameProp: 'ManagedPolicyName', ref: 'arn', arn: iam('policy'), attrs: { PolicyArn: iam('policy') } },
  'AWS::IAM::InstanceProfile': { nameProp: 'InstanceProfileName', ref: 'name', arn: iam('instance-profile') },
  // the provider's ARN ends with its Url without the scheme (oidc-provider/token.actions.githubusercontent.com)
  'AWS::IAM::OIDCProvider': { nameProp: 'Url', ref: 'arn', arn: (n, e) => `arn:${e.partition}:iam::${e.account}:oidc-provider/${n.replace(/^https:\/\//i, '')}` },
  'AWS::IAM::SAMLProvider': { nameProp: 'Name', ref: 'arn', arn: (n, e) => `arn:${e.partition}:iam::${e.account}:saml-provider/${n}` },
  'AWS::Lambda::Function': { nameProp: 'FunctionName', ref: 'name', arn: base('lambda', 'function', ':') },
  'AWS::Serverless::Function': { nameProp: 'FunctionName', ref: 'name', arn: base('lambda', 'function', ':') },
  'AWS::Lambda::Alias': { nameProp: 'Name', ref: 'arn', arn: base('lambda', 'function', ':') },
  'AWS::Lambda::LayerVersion': { nameProp: 'LayerName', ref: 'arn', arn: (n, e) => `${base('lambda', 'layer', ':')(n, e)}:1` },
  'AWS::Serverless::LayerVersion': { nameProp: 'LayerName', ref: 'arn', arn: (n, e) => `${base('lambda', 'layer', ':')(n, e)}:1` },
  'AWS::SQS::Queue': {
    nameProp: 'QueueName', ref: 'url', arn: (n, e) => `arn:${e.partition}:sqs:${e.region}:${e.account}:${n}`,
    attrs: { QueueName: (n) => n, QueueUrl: (n, e) => `https://sqs.${e.region}.amazonaws.com/${e.account}/${n}` },
  },
  'AWS::SNS::Topic': {
    nameProp: 'TopicName', ref: 'arn', arn: (n, e) => `arn:${e.partition}:sns:${e.region}:${e.account}:${n}`,
    attrs: { TopicName: (n) => n },
  },
  'AWS::DynamoDB::Table': {
    nameProp: 'TableName', ref: 'name', arn: base('dynamodb', 'table'),
    attrs: { StreamArn: (n, e) => `${base('dynamodb', 'table')(n, e)}/stream/2020-01-01T00:00:00.000` },
  },
  'AWS::DynamoDB::GlobalTable': {
    nameProp: 'TableName', ref: 'name', arn: base('dynamodb', 'table'),
    attrs: { StreamArn: (n, e) => `${base('dynamodb', 'table')(n, e)}/stream/2020-01-01T00:00:00.000` },
  },
  'AWS::Serverless::SimpleTable': { nameProp: 'TableName', ref: 'name', arn: base('dynamodb', 'table') },
  'AWS::KMS::Key': { ref: 'id', id: uuid, arn: base('kms', 'key'), attrs: { KeyId: (n) => n } },
  'AWS::KMS::Alias': { nameProp: 'AliasName', ref: 'name', arn: (n, e) => `arn:${e.partition}:kms:${e.region}:${e.account}:${n}` },
  'AWS::Kinesis::Stream': { nameProp: 'Name', ref: 'name', arn: base('kinesis', 'stream') },
  'AWS::Kinesis::StreamConsumer': { nameProp: 'ConsumerName', ref: 'arn', arn: (n, e) => `${base('kinesis', 'stream')('stream', e)}/consumer/${n}:1` },
  'AWS::KinesisFirehose::DeliveryStream': { nameProp: 'DeliveryStreamName', ref: 'name', arn: base('firehose', 'deliverystream') },
  'AWS::StepFunctions::StateMachine': { nameProp: 'StateMachineName', ref: 'arn', arn: base('states', 'stateMachine', ':'), attrs: { Name: (n) => n } },
  'AWS::Serverless::StateMachine': { nameProp: 'Name', ref: 'arn', arn: base('states', 'stateMachine', ':'), attrs: { Name: (n) => n } },
  'AWS::StepFunctions::Activity': { nameProp: 'Name', ref: 'arn', arn: base('states', 'activity', ':') },
  'AWS::Logs::LogGroup': { nameProp: 'LogGroupName', ref: 'name', arn: (n, e) => `${base('logs', 'log-group', ':')(n, e)}:*` },
  'AWS::ECR::Repository': {
    nameProp: 'RepositoryName', ref: 'name', lower: true, arn: base('ecr', 'repository'),
    attrs: { RepositoryUri: (n, e) => `${e.account}.dkr.ecr.${e.region}.amazonaws.com/${n}` },
  },
  'AWS::SecretsManager::Secret': { nameProp: 'Name', ref: 'arn', arn: (n, e) => `${base('secretsmanager', 'secret', ':')(n, e)}-AbCdEf` },
  'AWS::SSM::Parameter': { nameProp: 'Name', ref: 'name', arn: (n, e) => `arn:${e.partition}:ssm:${e.region}:${e.account}:parameter/${n.replace(/^\//, '')}` },
  'AWS::Events::EventBus': { nameProp: 'Name', ref: 'name', arn: base('events', 'event-bus') },
  'AWS::Events::Rule': { nameProp: 'Name', ref: 'name', arn: base('events', 'rule') },
  'AWS::Events::Archive': { nameProp: 'ArchiveName', ref: 'name', arn: base('events', 'archive') },
  'AWS::Events::Connection': { nameProp: 'Name', ref: 'name', arn: base('events', 'connection') },
  'AWS::Events::ApiDestination': { nameProp: 'Name', ref: 'name', arn: base('events', 'api-destination') },
  'AWS::Elasticsearch::Domain': { nameProp: 'DomainName', ref: 'name', lower: true, arn: base('es', 'domain'), attrs: { DomainArn: base('es', 'domain'), DomainEndpoint: (n, e) => `search-${n}.${e.region}.es.amazonaws.com` } },
  'AWS::OpenSearchService::Domain': { nameProp: 'DomainName', ref: 'name', lower: true, arn: base('es', 'domain'), attrs: { DomainArn: base('es', 'domain'), DomainEndpoint: (n, e) => `search-${n}.${e.region}.es.amazonaws.com` } },
  'AWS::EFS::FileSystem': { ref: 'id', id: (l) => `fs-${hexId(l, 17)}`, arn: base('elasticfilesystem', 'file-system'), attrs: { FileSystemId: (n) => n } },
  'AWS::EFS::AccessPoint': { ref: 'id', id: (l) => `fsap-${hexId(l, 17)}`, arn: base('elasticfilesystem', 'access-point'), attrs: { AccessPointId: (n) => n } },
  'AWS::Backup::BackupVault': { nameProp: 'BackupVaultName', ref: 'name', arn: base('backup', 'backup-vault', ':'), attrs: { BackupVaultArn: base('backup', 'backup-vault', ':'), BackupVaultName: (n) => n } },
  'AWS::CodeArtifact::Domain': { nameProp: 'DomainName', ref: 'arn', lower: true, arn: base('codeartifact', 'domain'), attrs: { Name: (n) => n } },
  'AWS::CodeArtifact::Repository': { nameProp: 'RepositoryName', ref: 'arn', arn: (n, e) => `${base('codeartifact', 'repository')('domain', e)}/${n}`, attrs: { Name: (n) => n } },
  'AWS::CloudTrail::Trail': { nameProp: 'TrailName', ref: 'name', arn: base('cloudtrail', 'trail') },
  'AWS::CodeCommit::Repository': { nameProp: 'RepositoryName', ref: 'id', id: uuid, arn: base('codecommit', '', ''), attrs: { Name: (n) => n } },
  'AWS::CodeBuild::Project': { nameProp: 'Name', ref: 'name', arn: base('codebuild', 'project') },
  'AWS::CodePipeline::Pipeline': { nameProp: 'Name', ref: 'name', arn: base('codepipeline', '', '') },
  'AWS::ApiGateway::RestApi': { nameProp: 'Name', ref: 'id', id: (l) => hexId(l, 10), arn: (n, e) => `arn:${e.partition}:apigateway:${e.region}::/restapis/${n}`, attrs: { RootResourceId: (n) => hexId(n, 10) } },
  'AWS::Serverless::Api': { ref: 'id', id: (l) => hexId(l, 10), arn: (n, e) => `arn:${e.partition}:apigateway:${e.region}::/restapis/${n}` },
  'AWS::Serverless::HttpApi': { ref: 'id', id: (l) => hexId(l, 10), arn: (n, e) => `arn:${e.partition}:apigateway:${e.region}::/apis/${n}` },
  'AWS::ApiGatewayV2::Api': { ref: 'id', id: (l) => hexId(l, 10), arn: (n, e) => `arn:${e.partition}:apigateway:${e.region}::/apis/${n}`, attrs: { ApiId: (n) => n } },
  'AWS::Cognito::UserPool': { nameProp: 'UserPoolName', ref: 'id', id: (l) => `us-east-1_${hexId(l, 9)}`, arn: base('cognito-idp', 'userpool') },
  'AWS::Cognito::IdentityPool': { ref: 'id', id: (l) => `us-east-1:${uuid(l)}`, arn: base('cognito-identity', 'identitypool') },
  'AWS::EC2::VPC': { ref: 'id', id: (l) => `vpc-${hexId(l)}`, arn: base('ec2', 'vpc') },
  'AWS::EC2::Subnet': { ref: 'id', id: (l) => `subnet-${hexId(l)}`, arn: base('ec2', 'subnet') },
  'AWS::EC2::SecurityGroup': { ref: 'id', id: (l) => `sg-${hexId(l)}`, arn: base('ec2', 'security-group'), attrs: { GroupId: (n) => n } },
  'AWS::EC2::VPCEndpoint': { ref: 'id', id: (l) => `vpce-${hexId(l)}`, arn: base('ec2', 'vpc-endpoint') },
  'AWS::EC2::Instance': { ref: 'id', id: (l) => `i-${hexId(l)}`, arn: base('ec2', 'instance') },
  'AWS::Glue::Database': { ref: 'name', arn: base('glue', 'database') },
  'AWS::Glue::Table': { ref: 'name', arn: base('glue', 'table') },
  'AWS::Glue::Crawler': { nameProp: 'Name', ref: 'name', arn: base('glue', 'crawler') },
  'AWS::Glue::Job': { nameProp: 'Name', ref: 'name', arn: base('glue', 'job') },
  'AWS::Athena::WorkGroup': { nameProp: 'Name', ref: 'name', arn: base('athena', 'workgroup') },
  'AWS::ECS::Cluster': { nameProp: 'ClusterName', ref: 'name', arn: base('ecs', 'cluster') },
  'AWS::ECS::TaskDefinition': { nameProp: 'Family', ref: 'arn', arn: (n, e) => `${base('ecs', 'task-definition')(n, e)}:1` },
  'AWS::ECS::Service': { nameProp: 'ServiceName', ref: 'arn', arn: (n, e) => `${base('ecs', 'service')('cluster', e)}/${n}` },
  'AWS::EKS::Cluster': { nameProp: 'Name', ref: 'name', arn: base('eks', 'cluster') },
  'AWS::Redshift::Cluster': { ref: 'name', arn: base('redshift', 'cluster', ':') },
  'AWS::RDS::DBInstance': { nameProp: 'DBInstanceIdentifier', ref: 'name', lower: true, arn: base('rds', 'db', ':') },
  'AWS::RDS::DBCluster': { nameProp: 'DBClusterIdentifier', ref: 'name', lower: true, arn: base('rds', 'cluster', ':') },
  'AWS::SageMaker::NotebookInstance': { nameProp: 'NotebookInstanceName', ref: 'arn', arn: base('sagemaker', 'notebook-instance') },
  'AWS::CloudFormation::Stack': { ref: 'arn', arn: (n, e) => `arn:${e.partition}:cloudformation:${e.region}:${e.account}:stack/${n}/${uuid(n)}` },
  'AWS::MediaStore::Container': { nameProp: 'ContainerName', ref: 'name', arn: base('mediastore', 'container') },
  'AWS::IoT::Thing': { nameProp: 'ThingName', ref: 'name', arn: base('iot', 'thing') },
  'AWS::IoT::Policy': { nameProp: 'PolicyName', ref: 'name', arn: base('iot', 'policy') },
  'AWS::Batch::JobQueue': { nameProp: 'JobQueueName', ref: 'arn', arn: base('batch', 'job-queue') },
  'AWS::CertificateManager::Certificate': { ref: 'arn', arn: (n, e) => base('acm', 'certificate')(uuid(n), e) },
  'AWS::Route53::HostedZone': { ref: 'id', id: (l) => `Z${hexId(l, 13).toUpperCase()}`, arn: (n, e) => `arn:${e.partition}:route53:::hostedzone/${n}` },
  'AWS::CloudFront::Distribution': { ref: 'id', id: (l) => `E${hexId(l, 13).toUpperCase()}`, arn: (n, e) => `arn:${e.partition}:cloudfront::${e.account}:distribution/${n}`, attrs: { DomainName: (n) => `${n.toLowerCase()}.cloudfront.net` } },
  'AWS::CloudFront::CloudFrontOriginAccessIdentity': { ref: 'id', id: (l) => `E${hexId(l, 13).toUpperCase()}`, arn: (n, e) => `arn:${e.partition}:iam::cloudfront:user/CloudFront Origin Access Identity ${n}`, attrs: { S3CanonicalUserId: (n) => hexId(n, 17).repeat(4).slice(0, 64) } },
  'AWS::CloudFront::OriginAccessControl': { ref: 'id', id: (l) => `E${hexId(l, 13).toUpperCase()}`, arn: (n, e) => `arn:${e.partition}:cloudfront::${e.account}:origin-access-control/${n}` },
};

/** ARN of a resource type without a row: `arn:partition:service:region:account:type/name`. */
export function genericArn(type: string, name: string, e: Env): string {
  const parts = type.split('::');
  const svc = (parts[1] ?? 'unknown').toLowerCase();
  const res = (parts[2] ?? 'resource').replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
  return `arn:${e.partition}:${svc}:${e.region}:${e.account}:${res}/${name}`;
}

export function standInId(row: ArnRow | undefined, logicalId: string): string {
  if (row?.id) return row.id(logicalId);
  return row?.lower ? logicalId.toLowerCase() : logicalId;
}
