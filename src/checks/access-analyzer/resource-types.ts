/** Mapping our policy model onto Access Analyzer's request enums. Pure tables. */
import type { PolicyRecord } from '../../policy/types.js';
import { accessCheckTypeOf } from '../../catalog/resource-types.js';

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

/**
 * CheckNoPublicAccess resource type for a record, or undefined when the check does not apply. The holder comes from
 * the one resource-type table (src/catalog/resource-types.ts), by the IaC type and the document's property path.
 */
export function publicAccessResourceType(
  r: Pick<PolicyRecord, 'policyType' | 'validateResourceType' | 'resourceType'> & { propertyPath?: string },
): string | undefined {
  if (r.policyType === 'trust') return 'AWS::IAM::AssumeRolePolicyDocument';
  if (r.policyType !== 'resource') return undefined;
  if (r.validateResourceType && PUBLIC_ACCESS_RESOURCE_TYPES.includes(r.validateResourceType)) return r.validateResourceType;
  const t = accessCheckTypeOf(r.resourceType, r.propertyPath);
  return t && PUBLIC_ACCESS_RESOURCE_TYPES.includes(t) ? t : undefined;
}
