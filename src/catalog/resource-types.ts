/**
 * The resource-type table: ONE row per policy holder (the AWS resource a policy document sits on). Each row says
 * where its documents sit in CloudFormation and in Terraform, which policy type they are, and which Access Analyzer
 * types apply (ValidatePolicy's `validatePolicyResourceType`, CheckNoPublicAccess's resource type). Everything
 * else derives from it: the CloudFormation resource table, the Terraform resource table, the Access Analyzer
 * mapping and the resource kind the rules read. Data only: no imports beyond types.
 *
 * Adding a resource type: add (or extend) one row here, then add a fixture to test/catalog/resource-types.test.ts.
 * Rows whose IaC resource does more than hold a document (IAM roles, Lambda permissions synthesised from their
 * arguments) are marked `own`: the extractor keeps its own row for them and the table-driven test checks the two
 * agree.
 */
import type { PolicyType } from '../policy/types.js';

/** What a holder is, for rules that only apply to one kind (S3 buckets, KMS keys, ...). */
export type HolderKind =
  | 's3-bucket'
  | 's3-access-point'
  | 's3-directory-bucket'
  | 's3-table-bucket'
  | 's3-table'
  | 's3-outposts-bucket'
  | 'kms-key'
  | 'queue'
  | 'topic'
  | 'event-bus'
  | 'secret'
  | 'function'
  | 'layer'
  | 'repository'
  | 'registry'
  | 'table'
  | 'stream'
  | 'data-catalog'
  | 'domain'
  | 'file-system'
  | 'vault'
  | 'log-group'
  | 'log-destination'
  | 'api'
  | 'endpoint'
  | 'service-network'
  | 'trail'
  | 'container'
  | 'iot'
  | 'role'
  | 'session'
  | 'other';

export interface CfnHolder {
  /** CloudFormation resource type carrying the document. */
  type: string;
  /** Property paths of the documents inside `Properties` (`*` walks a list); empty when synthesised. */
  paths: string[][];
  /** Property naming the policy (`PolicyName` of `AWS::IoT::Policy`). */
  nameProp?: string;
  /** The extractor's own row handles this type (documents synthesised, or the resource is also an IAM entity). */
  own?: boolean;
}

export interface TfHolder {
  /** Terraform resource type carrying the document. */
  type: string;
  /** Argument holding the document (dotted, `*` for every block of a list), absent when synthesised. */
  attr?: string;
  /** Service label when it differs from the row's (Elasticsearch vs OpenSearch). */
  service?: string;
  /** Terraform does not say which kind of holder the document is for (`aws_dynamodb_resource_policy` takes a table or a stream ARN): no `validatePolicyResourceType`. */
  noValidateType?: boolean;
  own?: boolean;
}

export interface ResourceTypeRow {
  /** The holder's CloudFormation type (the resource the policy is about, not the one that carries it). */
  canonical: string;
  kind: HolderKind;
  /** Short service label (docs, Terraform table). */
  service: string;
  policyType: PolicyType;
  cfn: CfnHolder[];
  tf: TfHolder[];
  /** Access Analyzer ValidatePolicy `validatePolicyResourceType` (the API accepts six values). */
  validateResourceType?: string;
  /** Access Analyzer CheckNoPublicAccess resource type, where the API supports the holder. */
  accessCheckResourceType?: string;
  /** The ARN a placeholder for this holder takes (`{partition}`, `{region}`, `{account}`, `{name}`). */
  arn?: string;
}

const P = '{partition}';
const R = '{region}';
const A = '{account}';
const N = '{name}';
const arn = (svc: string, resource: string, regional = true, account = true): string =>
  `arn:${P}:${svc}:${regional ? R : ''}:${account ? A : ''}:${resource}`;

const S3_BUCKET = 'AWS::S3::Bucket';
const S3_AP = 'AWS::S3::AccessPoint';
const TRUST = 'AWS::IAM::AssumeRolePolicyDocument';
const one = (type: string, prop: string, extra: Partial<CfnHolder> = {}): CfnHolder => ({ type, paths: [[prop]], ...extra });
const tf = (type: string, attr = 'policy', extra: Partial<TfHolder> = {}): TfHolder => ({ type, attr, ...extra });

export const RESOURCE_TYPES: readonly ResourceTypeRow[] = [
  // ---- trust ----
  {
    canonical: 'AWS::IAM::Role', kind: 'role', service: 'IAM', policyType: 'trust',
    cfn: [{ ...one('AWS::IAM::Role', 'AssumeRolePolicyDocument'), own: true }],
    tf: [{ ...tf('aws_iam_role', 'assume_role_policy'), own: true }],
    validateResourceType: TRUST, accessCheckResourceType: TRUST, arn: `arn:${P}:iam::${A}:role/${N}`,
  },
  // ---- S3 and friends ----
  {
    canonical: S3_BUCKET, kind: 's3-bucket', service: 'S3', policyType: 'resource',
    cfn: [one('AWS::S3::BucketPolicy', 'PolicyDocument')],
    tf: [tf('aws_s3_bucket'), tf('aws_s3_bucket_policy'), { type: 'aws_s3_bucket_acl' }],
    validateResourceType: S3_BUCKET, accessCheckResourceType: S3_BUCKET, arn: `arn:${P}:s3:::${N}`,
  },
  {
    canonical: S3_AP, kind: 's3-access-point', service: 'S3', policyType: 'resource',
    cfn: [one('AWS::S3::AccessPoint', 'Policy')],
    tf: [tf('aws_s3_access_point'), tf('aws_s3control_access_point_policy', 'policy', { service: 'S3 Control' })],
    validateResourceType: S3_AP, accessCheckResourceType: S3_AP, arn: arn('s3', `accesspoint/${N}`),
  },
  {
    canonical: 'AWS::S3::MultiRegionAccessPoint', kind: 's3-access-point', service: 'S3 Control', policyType: 'resource',
    cfn: [one('AWS::S3::MultiRegionAccessPointPolicy', 'Policy')],
    tf: [tf('aws_s3control_multi_region_access_point_policy', 'details.*.policy')],
    validateResourceType: 'AWS::S3::MultiRegionAccessPoint', accessCheckResourceType: S3_AP,
    arn: arn('s3', `accesspoint/${N}`, false),
  },
  {
    canonical: 'AWS::S3ObjectLambda::AccessPoint', kind: 's3-access-point', service: 'S3 Object Lambda', policyType: 'resource',
    cfn: [one('AWS::S3ObjectLambda::AccessPointPolicy', 'PolicyDocument')],
    tf: [tf('aws_s3control_object_lambda_access_point_policy')],
    validateResourceType: 'AWS::S3ObjectLambda::AccessPoint', accessCheckResourceType: S3_AP,
    arn: arn('s3-object-lambda', `accesspoint/${N}`),
  },
  {
    canonical: 'AWS::S3Express::DirectoryBucket', kind: 's3-directory-bucket', service: 'S3 Express', policyType: 'resource',
    cfn: [one('AWS::S3Express::BucketPolicy', 'PolicyDocument')],
    tf: [tf('aws_s3directory_bucket_policy')],
    accessCheckResourceType: 'AWS::S3Express::DirectoryBucket', arn: arn('s3express', `bucket/${N}`),
  },
  {
    canonical: 'AWS::S3Express::AccessPoint', kind: 's3-access-point', service: 'S3 Express', policyType: 'resource',
    cfn: [one('AWS::S3Express::AccessPoint', 'Policy')],
    tf: [],
    accessCheckResourceType: 'AWS::S3Express::AccessPoint', arn: arn('s3express', `accesspoint/${N}`),
  },
  {
    canonical: 'AWS::S3Tables::TableBucket', kind: 's3-table-bucket', service: 'S3 Tables', policyType: 'resource',
    cfn: [one('AWS::S3Tables::TableBucketPolicy', 'ResourcePolicy')],
    tf: [tf('aws_s3tables_table_bucket_policy', 'resource_policy')],
    accessCheckResourceType: 'AWS::S3Tables::TableBucket', arn: arn('s3tables', `bucket/${N}`),
  },
  {
    canonical: 'AWS::S3Tables::Table', kind: 's3-table', service: 'S3 Tables', policyType: 'resource',
    cfn: [one('AWS::S3Tables::TablePolicy', 'ResourcePolicy')],
    tf: [tf('aws_s3tables_table_policy', 'resource_policy')],
    accessCheckResourceType: 'AWS::S3Tables::Table', arn: arn('s3tables', `bucket/${N}/table/${N}`),
  },
  {
    canonical: 'AWS::S3Outposts::Bucket', kind: 's3-outposts-bucket', service: 'S3 on Outposts', policyType: 'resource',
    cfn: [one('AWS::S3Outposts::BucketPolicy', 'PolicyDocument')],
    tf: [tf('aws_s3control_bucket_policy')],
    accessCheckResourceType: 'AWS::S3Outposts::Bucket', arn: arn('s3-outposts', `outpost/${N}/bucket/${N}`),
  },
  {
    canonical: 'AWS::S3Outposts::AccessPoint', kind: 's3-access-point', service: 'S3 on Outposts', policyType: 'resource',
    cfn: [one('AWS::S3Outposts::AccessPoint', 'Policy')],
    tf: [],
    accessCheckResourceType: 'AWS::S3Outposts::AccessPoint', arn: arn('s3-outposts', `outpost/${N}/accesspoint/${N}`),
  },
  {
    canonical: 'AWS::Glacier::Vault', kind: 'vault', service: 'Glacier', policyType: 'resource',
    cfn: [],
    tf: [tf('aws_glacier_vault', 'access_policy'), tf('aws_glacier_vault_lock')],
    accessCheckResourceType: 'AWS::S3::Glacier', arn: arn('glacier', `vaults/${N}`),
  },
  // ---- messaging ----
  {
    canonical: 'AWS::SQS::Queue', kind: 'queue', service: 'SQS', policyType: 'resource',
    cfn: [one('AWS::SQS::QueuePolicy', 'PolicyDocument'), one('AWS::SQS::QueueInlinePolicy', 'PolicyDocument')],
    tf: [tf('aws_sqs_queue'), tf('aws_sqs_queue_policy')],
    accessCheckResourceType: 'AWS::SQS::Queue', arn: arn('sqs', N),
  },
  {
    canonical: 'AWS::SNS::Topic', kind: 'topic', service: 'SNS', policyType: 'resource',
    cfn: [one('AWS::SNS::TopicPolicy', 'PolicyDocument'), one('AWS::SNS::TopicInlinePolicy', 'PolicyDocument')],
    tf: [tf('aws_sns_topic'), tf('aws_sns_topic_policy')],
    accessCheckResourceType: 'AWS::SNS::Topic', arn: arn('sns', N),
  },
  {
    canonical: 'AWS::Events::EventBus', kind: 'event-bus', service: 'EventBridge', policyType: 'resource',
    cfn: [one('AWS::Events::EventBus', 'Policy'), { type: 'AWS::Events::EventBusPolicy', paths: [], own: true }],
    tf: [tf('aws_cloudwatch_event_bus_policy')],
    arn: arn('events', `event-bus/${N}`),
  },
  // ---- keys and secrets ----
  {
    canonical: 'AWS::KMS::Key', kind: 'kms-key', service: 'KMS', policyType: 'resource',
    cfn: [one('AWS::KMS::Key', 'KeyPolicy'), one('AWS::KMS::ReplicaKey', 'KeyPolicy')],
    tf: [tf('aws_kms_key'), tf('aws_kms_external_key'), tf('aws_kms_replica_key'), tf('aws_kms_replica_external_key'), tf('aws_kms_key_policy')],
    accessCheckResourceType: 'AWS::KMS::Key', arn: arn('kms', `key/${N}`),
  },
  {
    canonical: 'AWS::SecretsManager::Secret', kind: 'secret', service: 'Secrets Manager', policyType: 'resource',
    cfn: [one('AWS::SecretsManager::ResourcePolicy', 'ResourcePolicy')],
    tf: [tf('aws_secretsmanager_secret'), tf('aws_secretsmanager_secret_policy')],
    accessCheckResourceType: 'AWS::SecretsManager::Secret', arn: arn('secretsmanager', `secret:${N}`),
  },
  // ---- compute ----
  {
    canonical: 'AWS::Lambda::Function', kind: 'function', service: 'Lambda', policyType: 'resource',
    cfn: [{ type: 'AWS::Lambda::Permission', paths: [], own: true }],
    tf: [{ type: 'aws_lambda_permission', own: true }],
    accessCheckResourceType: 'AWS::Lambda::Function', arn: arn('lambda', `function:${N}`),
  },
  {
    canonical: 'AWS::Lambda::LayerVersion', kind: 'layer', service: 'Lambda', policyType: 'resource',
    cfn: [{ type: 'AWS::Lambda::LayerVersionPermission', paths: [], own: true }],
    tf: [{ type: 'aws_lambda_layer_version_permission', own: true }],
    arn: arn('lambda', `layer:${N}:${N}`),
  },
  {
    canonical: 'AWS::ECR::Repository', kind: 'repository', service: 'ECR', policyType: 'resource',
    cfn: [one('AWS::ECR::Repository', 'RepositoryPolicyText'), one('AWS::ECR::RepositoryCreationTemplate', 'RepositoryPolicy')],
    tf: [tf('aws_ecr_repository_policy')],
    arn: arn('ecr', `repository/${N}`),
  },
  {
    canonical: 'AWS::ECR::RegistryPolicy', kind: 'registry', service: 'ECR', policyType: 'resource',
    cfn: [one('AWS::ECR::RegistryPolicy', 'PolicyText')],
    tf: [tf('aws_ecr_registry_policy')],
  },
  {
    canonical: 'AWS::ECR::PublicRepository', kind: 'repository', service: 'ECR Public', policyType: 'resource',
    cfn: [one('AWS::ECR::PublicRepository', 'RepositoryPolicyText')],
    tf: [tf('aws_ecrpublic_repository_policy')],
    arn: arn('ecr-public', `repository/${N}`, false),
  },
  {
    canonical: 'AWS::CodeBuild::Project', kind: 'other', service: 'CodeBuild', policyType: 'resource',
    cfn: [], tf: [tf('aws_codebuild_resource_policy')],
  },
  // ---- data ----
  {
    canonical: 'AWS::DynamoDB::Table', kind: 'table', service: 'DynamoDB', policyType: 'resource',
    cfn: [
      { type: 'AWS::DynamoDB::Table', paths: [['ResourcePolicy', 'PolicyDocument']] },
      { type: 'AWS::DynamoDB::GlobalTable', paths: [['Replicas', '*', 'ResourcePolicy', 'PolicyDocument']] },
    ],
    tf: [tf('aws_dynamodb_resource_policy', 'policy', { noValidateType: true })],
    validateResourceType: 'AWS::DynamoDB::Table', accessCheckResourceType: 'AWS::DynamoDB::Table', arn: arn('dynamodb', `table/${N}`),
  },
  {
    canonical: 'AWS::DynamoDB::Stream', kind: 'stream', service: 'DynamoDB', policyType: 'resource',
    cfn: [
      { type: 'AWS::DynamoDB::Table', paths: [['StreamSpecification', 'ResourcePolicy', 'PolicyDocument']] },
      { type: 'AWS::DynamoDB::GlobalTable', paths: [['Replicas', '*', 'ReplicaStreamSpecification', 'ResourcePolicy', 'PolicyDocument']] },
    ],
    tf: [],
    accessCheckResourceType: 'AWS::DynamoDB::Stream', arn: arn('dynamodb', `table/${N}/stream/${N}`),
  },
  {
    canonical: 'AWS::Kinesis::Stream', kind: 'stream', service: 'Kinesis', policyType: 'resource',
    cfn: [one('AWS::Kinesis::ResourcePolicy', 'ResourcePolicy')],
    tf: [tf('aws_kinesis_resource_policy')],
    accessCheckResourceType: 'AWS::Kinesis::Stream', arn: arn('kinesis', `stream/${N}`),
  },
  {
    canonical: 'AWS::Kinesis::StreamConsumer', kind: 'stream', service: 'Kinesis', policyType: 'resource',
    cfn: [one('AWS::Kinesis::StreamConsumer', 'ResourcePolicy')],
    tf: [],
    accessCheckResourceType: 'AWS::Kinesis::StreamConsumer',
  },
  {
    canonical: 'AWS::Glue::DataCatalog', kind: 'data-catalog', service: 'Glue', policyType: 'resource',
    cfn: [{ type: 'AWS::Glue::ResourcePolicy', paths: [['PolicyInJson'], ['Policy']] }],
    tf: [tf('aws_glue_resource_policy')],
  },
  {
    canonical: 'AWS::OpenSearchService::Domain', kind: 'domain', service: 'OpenSearch', policyType: 'resource',
    cfn: [one('AWS::OpenSearchService::Domain', 'AccessPolicies'), one('AWS::Elasticsearch::Domain', 'AccessPolicies')],
    tf: [
      tf('aws_elasticsearch_domain', 'access_policies', { service: 'Elasticsearch' }),
      tf('aws_elasticsearch_domain_policy', 'access_policies', { service: 'Elasticsearch' }),
      tf('aws_opensearch_domain', 'access_policies'),
      tf('aws_opensearch_domain_policy', 'access_policies'),
    ],
    accessCheckResourceType: 'AWS::OpenSearchService::Domain', arn: arn('es', `domain/${N}`),
  },
  {
    canonical: 'AWS::OpenSearchServerless::AccessPolicy', kind: 'other', service: 'OpenSearch Serverless', policyType: 'resource',
    cfn: [], tf: [tf('aws_opensearchserverless_access_policy')],
  },
  {
    canonical: 'AWS::EFS::FileSystem', kind: 'file-system', service: 'EFS', policyType: 'resource',
    cfn: [one('AWS::EFS::FileSystem', 'FileSystemPolicy')],
    tf: [tf('aws_efs_file_system_policy')],
    accessCheckResourceType: 'AWS::EFS::FileSystem', arn: arn('elasticfilesystem', `file-system/${N}`),
  },
  {
    canonical: 'AWS::Backup::BackupVault', kind: 'vault', service: 'Backup', policyType: 'resource',
    cfn: [one('AWS::Backup::BackupVault', 'AccessPolicy')],
    tf: [tf('aws_backup_vault_policy')],
    accessCheckResourceType: 'AWS::Backup::BackupVault', arn: arn('backup', `backup-vault:${N}`),
  },
  {
    canonical: 'AWS::CloudTrail::EventDataStore', kind: 'trail', service: 'CloudTrail', policyType: 'resource',
    cfn: [one('AWS::CloudTrail::ResourcePolicy', 'ResourcePolicy')],
    tf: [],
    accessCheckResourceType: 'AWS::CloudTrail::EventDataStore', arn: arn('cloudtrail', `eventdatastore/${N}`),
  },
  {
    canonical: 'AWS::CodeArtifact::Domain', kind: 'repository', service: 'CodeArtifact', policyType: 'resource',
    cfn: [one('AWS::CodeArtifact::Domain', 'PermissionsPolicyDocument')],
    tf: [tf('aws_codeartifact_domain_permissions_policy', 'policy_document')],
    accessCheckResourceType: 'AWS::CodeArtifact::Domain', arn: arn('codeartifact', `domain/${N}`),
  },
  {
    canonical: 'AWS::CodeArtifact::Repository', kind: 'repository', service: 'CodeArtifact', policyType: 'resource',
    cfn: [one('AWS::CodeArtifact::Repository', 'PermissionsPolicyDocument')],
    tf: [tf('aws_codeartifact_repository_permissions_policy', 'policy_document')],
    arn: arn('codeartifact', `repository/${N}/${N}`),
  },
  {
    canonical: 'AWS::MediaStore::Container', kind: 'container', service: 'MediaStore', policyType: 'resource',
    cfn: [one('AWS::MediaStore::Container', 'Policy')],
    tf: [tf('aws_media_store_container_policy')],
    arn: arn('mediastore', `container/${N}`),
  },
  {
    canonical: 'AWS::Logs::ResourcePolicy', kind: 'log-group', service: 'CloudWatch Logs', policyType: 'resource',
    cfn: [one('AWS::Logs::ResourcePolicy', 'PolicyDocument')],
    tf: [tf('aws_cloudwatch_log_resource_policy', 'policy_document')],
  },
  {
    canonical: 'AWS::Logs::Destination', kind: 'log-destination', service: 'CloudWatch Logs', policyType: 'resource',
    cfn: [one('AWS::Logs::Destination', 'DestinationPolicy')],
    tf: [tf('aws_cloudwatch_log_destination_policy', 'access_policy')],
    arn: arn('logs', `destination:${N}`),
  },
  {
    canonical: 'AWS::SageMaker::ModelPackageGroup', kind: 'other', service: 'SageMaker', policyType: 'resource',
    cfn: [], tf: [tf('aws_sagemaker_model_package_group_policy', 'resource_policy')],
  },
  {
    canonical: 'AWS::BedrockAgentCore::Resource', kind: 'other', service: 'Bedrock AgentCore', policyType: 'resource',
    cfn: [], tf: [tf('aws_bedrockagentcore_resource_policy')],
  },
  // ---- networking and APIs ----
  {
    canonical: 'AWS::ApiGateway::RestApi', kind: 'api', service: 'API Gateway', policyType: 'resource',
    cfn: [one('AWS::ApiGateway::RestApi', 'Policy')],
    tf: [tf('aws_api_gateway_rest_api'), tf('aws_api_gateway_rest_api_policy')],
    accessCheckResourceType: 'AWS::ApiGateway::RestApi', arn: `arn:${P}:apigateway:${R}::/restapis/${N}`,
  },
  // issue 19: the resource policy of a private custom domain name (execute-api)
  {
    canonical: 'AWS::ApiGateway::DomainNameV2', kind: 'api', service: 'API Gateway', policyType: 'resource',
    cfn: [one('AWS::ApiGateway::DomainNameV2', 'Policy')], tf: [],
  },
  {
    canonical: 'AWS::EC2::VPCEndpoint', kind: 'endpoint', service: 'VPC', policyType: 'resource',
    cfn: [one('AWS::EC2::VPCEndpoint', 'PolicyDocument')],
    tf: [tf('aws_vpc_endpoint'), tf('aws_vpc_endpoint_policy')],
    arn: arn('ec2', `vpc-endpoint/${N}`),
  },
  {
    canonical: 'AWS::NetworkFirewall::RuleGroup', kind: 'other', service: 'Network Firewall', policyType: 'resource',
    cfn: [], tf: [tf('aws_networkfirewall_resource_policy')],
  },
  {
    canonical: 'AWS::VpcLattice::ServiceNetwork', kind: 'service-network', service: 'VPC Lattice', policyType: 'resource',
    cfn: [one('AWS::VpcLattice::AuthPolicy', 'Policy'), one('AWS::VpcLattice::ResourcePolicy', 'Policy')],
    tf: [],
  },
  {
    canonical: 'AWS::SSM::Document', kind: 'other', service: 'SSM', policyType: 'resource',
    cfn: [one('AWS::SSM::ResourcePolicy', 'Policy')], tf: [],
  },
  {
    canonical: 'AWS::Lex::Bot', kind: 'other', service: 'Lex', policyType: 'resource',
    cfn: [one('AWS::Lex::ResourcePolicy', 'Policy')], tf: [],
  },
  {
    canonical: 'AWS::SES::EmailIdentity', kind: 'other', service: 'SES', policyType: 'resource',
    cfn: [], tf: [tf('aws_ses_identity_policy')],
  },
  // ---- identity-style documents on non-IAM resources ----
  {
    canonical: 'AWS::IoT::Policy', kind: 'iot', service: 'IoT', policyType: 'identity',
    cfn: [one('AWS::IoT::Policy', 'PolicyDocument', { nameProp: 'PolicyName' })],
    tf: [tf('aws_iot_policy')],
  },
  {
    // Transfer Family session policies scope down a user's role: identity-style (no Principal)
    canonical: 'AWS::Transfer::User', kind: 'session', service: 'Transfer', policyType: 'identity',
    cfn: [], tf: [tf('aws_transfer_access'), tf('aws_transfer_user')],
  },
];

// ------------------------------------------------------------------------------------------------------------
// Lookups (derived once)

const byCfn = new Map<string, ResourceTypeRow[]>();
const byTf = new Map<string, ResourceTypeRow>();
for (const row of RESOURCE_TYPES) {
  for (const c of row.cfn) byCfn.set(c.type, [...(byCfn.get(c.type) ?? []), row]);
  for (const t of row.tf) byTf.set(t.type, row);
}

/** The row for a Terraform resource type that carries a policy document. */
export function tfHolder(type: string): ResourceTypeRow | undefined {
  return byTf.get(type);
}

/** The rows for a CloudFormation type (DynamoDB tables hold a table and a stream policy). */
export function cfnHolders(type: string): readonly ResourceTypeRow[] {
  return byCfn.get(type) ?? [];
}

/**
 * The holder of a record: by its IaC resource type and, where one IaC resource holds several kinds of documents
 * (a DynamoDB table's table and stream policies), by the property path (`StreamSpecification/ResourcePolicy/...`).
 */
export function holderOf(resourceType: string, propertyPath?: string): ResourceTypeRow | undefined {
  const t = byTf.get(resourceType);
  if (t) return t;
  const rows = byCfn.get(resourceType);
  if (!rows || rows.length === 0) return undefined;
  if (rows.length === 1 || propertyPath === undefined) return rows[0];
  const segs = propertyPath.split('/').filter((s) => !/^\d+$/.test(s)).join('/');
  return rows.find((r) => r.cfn.some((c) => c.type === resourceType && c.paths.some((p) => p.filter((x) => x !== '*').join('/') === segs))) ?? rows[0];
}

/** CheckNoPublicAccess resource type of an IaC holder, or undefined. */
export function accessCheckTypeOf(resourceType: string, propertyPath?: string): string | undefined {
  return holderOf(resourceType, propertyPath)?.accessCheckResourceType;
}
