/**
 * The resource table: one row per CloudFormation resource type that carries an IAM policy (or is an IAM entity).
 * A row lists where the policy documents sit in the resource's Properties (`*` walks a list), the policy type and
 * Access Analyzer's `validatePolicyResourceType`; rows whose document is synthesised from properties (Lambda
 * permissions, EventBridge bus policies, ...) use `synth` in `synth.ts`.
 */
import type { IamEntity, PolicyType, PrincipalRef } from '../../policy/types.js';

export interface Slot {
  /** Path in Properties; `*` iterates a list. */
  path: string[];
  type: PolicyType;
  validateResourceType?: string;
  /** Key next to the document that names it (e.g. `PolicyName` in `Policies[*]`). */
  nameKey?: string;
}

export interface Row {
  slots?: Slot[];
  /** Name of a synthesiser in synth.ts. */
  synth?: 'lambda-permission' | 'layer-permission' | 'event-bus-policy' | 'organizations-policy' | 'permission-set';
  /** The IAM entity this resource is. */
  entity?: IamEntity['kind'];
  /** For identity principals: their inline `Policies` attach to themselves. */
  principal?: PrincipalRef['kind'];
  /** Property naming the policy (ManagedPolicyName, PolicyName). */
  nameProp?: string;
  /** Principals the documents attach to: property -> kind (Roles, Users, Groups, RoleName, ...). */
  attach?: { prop: string; kind: PrincipalRef['kind']; list: boolean }[];
  /** Attachment kind for `attach`. */
  via?: PrincipalRef['via'];
}

const S3 = 'AWS::S3::Bucket';
const inlinePolicies: Slot = { path: ['Policies', '*', 'PolicyDocument'], type: 'identity', nameKey: 'PolicyName' };
const doc = (prop: string, type: PolicyType = 'resource', validateResourceType?: string): Slot => ({ path: [prop], type, validateResourceType });
const attachAll = [
  { prop: 'Roles', kind: 'role' as const, list: true },
  { prop: 'Users', kind: 'user' as const, list: true },
  { prop: 'Groups', kind: 'group' as const, list: true },
];

export const RESOURCE_TABLE: Record<string, Row> = {
  // identity
  'AWS::IAM::Role': {
    entity: 'role', principal: 'role',
    slots: [doc('AssumeRolePolicyDocument', 'trust', 'AWS::IAM::AssumeRolePolicyDocument'), inlinePolicies],
  },
  'AWS::IAM::User': { entity: 'user', principal: 'user', slots: [inlinePolicies] },
  'AWS::IAM::Group': { entity: 'group', principal: 'group', slots: [inlinePolicies] },
  'AWS::IAM::Policy': { slots: [doc('PolicyDocument', 'identity')], nameProp: 'PolicyName', attach: attachAll, via: 'inline' },
  'AWS::IAM::ManagedPolicy': { slots: [doc('PolicyDocument', 'identity')], nameProp: 'ManagedPolicyName', attach: attachAll, via: 'managed' },
  'AWS::IAM::RolePolicy': { slots: [doc('PolicyDocument', 'identity')], nameProp: 'PolicyName', attach: [{ prop: 'RoleName', kind: 'role', list: false }], via: 'inline' },
  'AWS::IAM::UserPolicy': { slots: [doc('PolicyDocument', 'identity')], nameProp: 'PolicyName', attach: [{ prop: 'UserName', kind: 'user', list: false }], via: 'inline' },
  'AWS::IAM::GroupPolicy': { slots: [doc('PolicyDocument', 'identity')], nameProp: 'PolicyName', attach: [{ prop: 'GroupName', kind: 'group', list: false }], via: 'inline' },
  'AWS::IAM::AccessKey': { entity: 'access-key' },
  'AWS::IAM::UserToGroupAddition': { entity: 'group-membership' },
  'AWS::SSO::PermissionSet': { entity: 'permission-set', synth: 'permission-set' },
  // organisation
  'AWS::Organizations::Policy': { synth: 'organizations-policy', nameProp: 'Name' },
  // S3 and friends
  'AWS::S3::BucketPolicy': { slots: [doc('PolicyDocument', 'resource', S3)] },
  'AWS::S3::AccessPoint': { slots: [doc('Policy', 'resource', 'AWS::S3::AccessPoint')] },
  'AWS::S3::MultiRegionAccessPointPolicy': { slots: [doc('Policy', 'resource', 'AWS::S3::MultiRegionAccessPoint')] },
  'AWS::S3ObjectLambda::AccessPointPolicy': { slots: [doc('PolicyDocument', 'resource', 'AWS::S3ObjectLambda::AccessPoint')] },
  'AWS::S3Express::BucketPolicy': { slots: [doc('PolicyDocument')] },
  'AWS::S3Express::AccessPoint': { slots: [doc('Policy')] },
  'AWS::S3Tables::TableBucketPolicy': { slots: [doc('ResourcePolicy')] },
  'AWS::S3Tables::TablePolicy': { slots: [doc('ResourcePolicy')] },
  'AWS::S3Outposts::BucketPolicy': { slots: [doc('PolicyDocument')] },
  'AWS::S3Outposts::AccessPoint': { slots: [doc('Policy')] },
  // messaging
  'AWS::SQS::QueuePolicy': { slots: [doc('PolicyDocument')] },
  'AWS::SQS::QueueInlinePolicy': { slots: [doc('PolicyDocument')] },
  'AWS::SNS::TopicPolicy': { slots: [doc('PolicyDocument')] },
  'AWS::SNS::TopicInlinePolicy': { slots: [doc('PolicyDocument')] },
  'AWS::Events::EventBusPolicy': { synth: 'event-bus-policy' },
  'AWS::Events::EventBus': { slots: [doc('Policy')] },
  // keys and secrets
  'AWS::KMS::Key': { slots: [doc('KeyPolicy')] },
  'AWS::KMS::ReplicaKey': { slots: [doc('KeyPolicy')] },
  'AWS::SecretsManager::ResourcePolicy': { slots: [doc('ResourcePolicy')] },
  // compute
  'AWS::Lambda::Permission': { synth: 'lambda-permission' },
  'AWS::Lambda::LayerVersionPermission': { synth: 'layer-permission' },
  'AWS::ECR::Repository': { slots: [doc('RepositoryPolicyText')] },
  'AWS::ECR::RegistryPolicy': { slots: [doc('PolicyText')] },
  'AWS::ECR::PublicRepository': { slots: [doc('RepositoryPolicyText')] },
  // data
  'AWS::DynamoDB::Table': {
    slots: [
      { path: ['ResourcePolicy', 'PolicyDocument'], type: 'resource', validateResourceType: 'AWS::DynamoDB::Table' },
      { path: ['StreamSpecification', 'ResourcePolicy', 'PolicyDocument'], type: 'resource' },
    ],
  },
  'AWS::DynamoDB::GlobalTable': {
    slots: [
      { path: ['Replicas', '*', 'ResourcePolicy', 'PolicyDocument'], type: 'resource', validateResourceType: 'AWS::DynamoDB::Table' },
      { path: ['Replicas', '*', 'ReplicaStreamSpecification', 'ResourcePolicy', 'PolicyDocument'], type: 'resource' },
    ],
  },
  'AWS::Kinesis::ResourcePolicy': { slots: [doc('ResourcePolicy')] },
  'AWS::Kinesis::StreamConsumer': { slots: [doc('ResourcePolicy')] },
  'AWS::Glue::ResourcePolicy': { slots: [doc('PolicyInJson'), doc('Policy')] },
  'AWS::OpenSearchService::Domain': { slots: [doc('AccessPolicies')] },
  'AWS::Elasticsearch::Domain': { slots: [doc('AccessPolicies')] },
  'AWS::EFS::FileSystem': { slots: [doc('FileSystemPolicy')] },
  'AWS::Backup::BackupVault': { slots: [doc('AccessPolicy')] },
  'AWS::CloudTrail::ResourcePolicy': { slots: [doc('ResourcePolicy')] },
  'AWS::CodeArtifact::Domain': { slots: [doc('PermissionsPolicyDocument')] },
  'AWS::CodeArtifact::Repository': { slots: [doc('PermissionsPolicyDocument')] },
  'AWS::MediaStore::Container': { slots: [doc('Policy')] },
  'AWS::Logs::ResourcePolicy': { slots: [doc('PolicyDocument')] },
  'AWS::Logs::Destination': { slots: [doc('DestinationPolicy')] },
  // networking and APIs
  'AWS::ApiGateway::RestApi': { slots: [doc('Policy')] }, // and Body's x-amazon-apigateway-policy (openapi.ts)
  'AWS::ApiGateway::DomainNameV2': { slots: [doc('Policy')] }, // private custom domain names (execute-api)
  'AWS::EC2::VPCEndpoint': { slots: [doc('PolicyDocument')] },
  'AWS::IoT::Policy': { slots: [doc('PolicyDocument', 'identity')], nameProp: 'PolicyName' },
  'AWS::VpcLattice::AuthPolicy': { slots: [doc('Policy')] },
  'AWS::VpcLattice::ResourcePolicy': { slots: [doc('Policy')] },
  'AWS::SSM::ResourcePolicy': { slots: [doc('Policy')] },
  'AWS::Lex::ResourcePolicy': { slots: [doc('Policy')] },
  'AWS::ECR::RepositoryCreationTemplate': { slots: [doc('RepositoryPolicy')] },
};

export function rowFor(type: string): Row | undefined {
  return Object.prototype.hasOwnProperty.call(RESOURCE_TABLE, type) ? RESOURCE_TABLE[type] : undefined;
}
