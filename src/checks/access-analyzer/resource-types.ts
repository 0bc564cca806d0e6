/** Mapping our policy model onto Access Analyzer's request enums. Pure tables. */
import type { PolicyRecord } from '../../policy/types.js';

export type AaPolicyType = 'IDENTITY_POLICY' | 'RESOURCE_POLICY' | 'SERVICE_CONTROL_POLICY' | 'RESOURCE_CONTROL_POLICY';
export type AccessCheckPolicyType = 'IDENTITY_POLICY' | 'RESOURCE_POLICY';

/** `validatePolicyResourceType` values (only with RESOURCE_POLICY). */
export const VALIDATE_RESOURCE_TYPES: readonly string[] = [
  'AWS::S3::Bucket',
  'AWS::S3::AccessPoint',
  'AWS::S3::MultiRegionAccessPoint',
  'AWS::S3ObjectLambda::AccessPoint',
  'AWS::IAM::AssumeRolePolicyDocument',
  'AWS::DynamoDB::Table',
];

/** The 26 resource types CheckNoPublicAccess supports (model order). */
export const PUBLIC_ACCESS_RESOURCE_TYPES: readonly string[] = [
  'AWS::DynamoDB::Table',
  'AWS::DynamoDB::Stream',
  'AWS::EFS::FileSystem',
  'AWS::OpenSearchService::Domain',
  'AWS::Kinesis::Stream',
  'AWS::Kinesis::StreamConsumer',
  'AWS::KMS::Key',
  'AWS::Lambda::Function',
  'AWS::S3::Bucket',
  'AWS::S3::AccessPoint',
  'AWS::S3Express::DirectoryBucket',
  'AWS::S3::Glacier',
  'AWS::S3Outposts::Bucket',
  'AWS::S3Outposts::AccessPoint',
  'AWS::SecretsManager::Secret',
  'AWS::SNS::Topic',
  'AWS::SQS::Queue',
  'AWS::IAM::AssumeRolePolicyDocument',
  'AWS::S3Tables::TableBucket',
  'AWS::ApiGateway::RestApi',
  'AWS::CodeArtifact::Domain',
  'AWS::Backup::BackupVault',
  'AWS::CloudTrail::Dashboard',
  'AWS::CloudTrail::EventDataStore',
  'AWS::S3Tables::Table',
  'AWS::S3Express::AccessPoint',
];

/**
 * The resource that holds a resource policy, by the IaC resource type that carries the policy document
 * (CloudFormation and Terraform), mapped to the Access Analyzer resource type of CheckNoPublicAccess.
 */
const HOLDER_TO_AA: Record<string, string> = {
  // CloudFormation
  'AWS::S3::BucketPolicy': 'AWS::S3::Bucket',
  'AWS::S3::Bucket': 'AWS::S3::Bucket',
  'AWS::S3::AccessPoint': 'AWS::S3::AccessPoint',
  'AWS::S3::MultiRegionAccessPointPolicy': 'AWS::S3::AccessPoint',
  'AWS::S3Express::BucketPolicy': 'AWS::S3Express::DirectoryBucket',
  'AWS::S3Express::AccessPoint': 'AWS::S3Express::AccessPoint',
  'AWS::S3Outposts::BucketPolicy': 'AWS::S3Outposts::Bucket',
  'AWS::S3Outposts::AccessPoint': 'AWS::S3Outposts::AccessPoint',
  'AWS::S3Tables::TableBucketPolicy': 'AWS::S3Tables::TableBucket',
  'AWS::S3Tables::TablePolicy': 'AWS::S3Tables::Table',
  'AWS::SQS::QueuePolicy': 'AWS::SQS::Queue',
  'AWS::SQS::QueueInlinePolicy': 'AWS::SQS::Queue',
  'AWS::SNS::TopicPolicy': 'AWS::SNS::Topic',
  'AWS::SNS::TopicInlinePolicy': 'AWS::SNS::Topic',
  'AWS::KMS::Key': 'AWS::KMS::Key',
  'AWS::KMS::ReplicaKey': 'AWS::KMS::Key',
  'AWS::SecretsManager::ResourcePolicy': 'AWS::SecretsManager::Secret',
  'AWS::Lambda::Permission': 'AWS::Lambda::Function',
  'AWS::DynamoDB::Table': 'AWS::DynamoDB::Table',
  'AWS::DynamoDB::GlobalTable': 'AWS::DynamoDB::Table',
  'AWS::DynamoDB::ResourcePolicy': 'AWS::DynamoDB::Table',
  'AWS::EFS::FileSystem': 'AWS::EFS::FileSystem',
  'AWS::OpenSearchService::Domain': 'AWS::OpenSearchService::Domain',
  'AWS::Elasticsearch::Domain': 'AWS::OpenSearchService::Domain',
  'AWS::Kinesis::ResourcePolicy': 'AWS::Kinesis::Stream',
  'AWS::Kinesis::StreamConsumer': 'AWS::Kinesis::StreamConsumer',
  'AWS::ApiGateway::RestApi': 'AWS::ApiGateway::RestApi',
  'AWS::CodeArtifact::Domain': 'AWS::CodeArtifact::Domain',
  'AWS::Backup::BackupVault': 'AWS::Backup::BackupVault',
  'AWS::CloudTrail::ResourcePolicy': 'AWS::CloudTrail::EventDataStore',
  'AWS::CloudTrail::EventDataStore': 'AWS::CloudTrail::EventDataStore',
  'AWS::CloudTrail::Dashboard': 'AWS::CloudTrail::Dashboard',
  'AWS::Glacier::Vault': 'AWS::S3::Glacier',
  // Terraform
  aws_s3_bucket_policy: 'AWS::S3::Bucket',
  aws_s3_bucket: 'AWS::S3::Bucket',
  aws_s3_access_point: 'AWS::S3::AccessPoint',
  aws_s3control_access_point_policy: 'AWS::S3::AccessPoint',
  aws_s3control_bucket_policy: 'AWS::S3Outposts::Bucket',
  aws_s3control_directory_bucket_access_point_scope: 'AWS::S3Express::AccessPoint',
  aws_s3_directory_bucket: 'AWS::S3Express::DirectoryBucket',
  aws_s3tables_table_bucket_policy: 'AWS::S3Tables::TableBucket',
  aws_s3tables_table_policy: 'AWS::S3Tables::Table',
  aws_sqs_queue_policy: 'AWS::SQS::Queue',
  aws_sqs_queue: 'AWS::SQS::Queue',
  aws_sns_topic_policy: 'AWS::SNS::Topic',
  aws_sns_topic: 'AWS::SNS::Topic',
  aws_kms_key: 'AWS::KMS::Key',
  aws_kms_key_policy: 'AWS::KMS::Key',
  aws_kms_replica_key: 'AWS::KMS::Key',
  aws_secretsmanager_secret_policy: 'AWS::SecretsManager::Secret',
  aws_secretsmanager_secret: 'AWS::SecretsManager::Secret',
  aws_lambda_permission: 'AWS::Lambda::Function',
  aws_dynamodb_resource_policy: 'AWS::DynamoDB::Table',
  aws_efs_file_system_policy: 'AWS::EFS::FileSystem',
  aws_opensearch_domain_policy: 'AWS::OpenSearchService::Domain',
  aws_opensearch_domain: 'AWS::OpenSearchService::Domain',
  aws_elasticsearch_domain_policy: 'AWS::OpenSearchService::Domain',
  aws_kinesis_resource_policy: 'AWS::Kinesis::Stream',
  aws_api_gateway_rest_api_policy: 'AWS::ApiGateway::RestApi',
  aws_api_gateway_rest_api: 'AWS::ApiGateway::RestApi',
  aws_codeartifact_domain_permissions_policy: 'AWS::CodeArtifact::Domain',
  aws_backup_vault_policy: 'AWS::Backup::BackupVault',
  aws_cloudtrail_event_data_store: 'AWS::CloudTrail::EventDataStore',
  aws_glacier_vault: 'AWS::S3::Glacier',
};

/** Access Analyzer policyType for a record. */
export function aaPolicyType(r: Pick<PolicyRecord, 'policyType'>): AaPolicyType {
  switch (r.policyType) {
    case 'scp':
      return 'SERVICE_CONTROL_POLICY';
    case 'rcp':
      return 'RESOURCE_CONTROL_POLICY';
    case 'resource':
    case 'trust':
      return 'RESOURCE_POLICY';
    default:
      return 'IDENTITY_POLICY';
  }
}

/** `validatePolicyResourceType` for a record, or undefined (generic checks). */
export function aaValidateResourceType(r: Pick<PolicyRecord, 'policyType' | 'validateResourceType'>): string | undefined {
  if (r.policyType === 'trust') return 'AWS::IAM::AssumeRolePolicyDocument';
  if (r.policyType !== 'resource') return undefined;
  const t = r.validateResourceType;
  return t && VALIDATE_RESOURCE_TYPES.includes(t) && t !== 'AWS::IAM::AssumeRolePolicyDocument' ? t : undefined;
}

/** Custom checks accept identity and resource policies only (no SCP/RCP). */
export function accessCheckPolicyType(r: Pick<PolicyRecord, 'policyType'>): AccessCheckPolicyType | undefined {
  switch (r.policyType) {
    case 'identity':
    case 'boundary':
      return 'IDENTITY_POLICY';
    case 'resource':
    case 'trust':
      return 'RESOURCE_POLICY';
    default:
      return undefined;
  }
}

/** CheckNoPublicAccess resource type for a record, or undefined when the check does not apply. */
export function publicAccessResourceType(r: Pick<PolicyRecord, 'policyType' | 'validateResourceType' | 'resourceType'>): string | undefined {
  if (r.policyType === 'trust') return 'AWS::IAM::AssumeRolePolicyDocument';
  if (r.policyType !== 'resource') return undefined;
  if (r.validateResourceType && PUBLIC_ACCESS_RESOURCE_TYPES.includes(r.validateResourceType)) return r.validateResourceType;
  if (r.validateResourceType === 'AWS::S3::MultiRegionAccessPoint' || r.validateResourceType === 'AWS::S3ObjectLambda::AccessPoint') return 'AWS::S3::AccessPoint';
  const t = HOLDER_TO_AA[r.resourceType];
  return t && PUBLIC_ACCESS_RESOURCE_TYPES.includes(t) ? t : undefined;
}
