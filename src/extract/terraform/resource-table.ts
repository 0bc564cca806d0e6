/**
 * The Terraform resource table: one row per resource type, saying which attributes hold IAM policy documents, of
 * which policy type, with which Access Analyzer `validatePolicyResourceType`, to which principal they apply, and
 * which IAM entities / attachments the resource describes. resources.ts reads one resource with it.
 */
import type { IamEntity, PolicyType, PrincipalRef } from '../../policy/types.js';
import { RESOURCE_TYPES, tfHolder } from '../../catalog/resource-types.js';
import { openApiBodyPolicy } from './openapi-body.js';
import { bucketAclPolicy } from './bucket-acl.js';

/**
 * Documents a holder row also synthesises from other attributes (issue 19: an OpenAPI body's policy; issue 15: a
 * bucket's public canned ACL or ACL grants, as the equivalent bucket policy).
 */
const HOLDER_SYNTH: Record<string, TfResourceRow['synthesize']> = {
  aws_api_gateway_rest_api: openApiBodyPolicy,
  aws_s3_bucket: bucketAclPolicy,
  aws_s3_bucket_acl: bucketAclPolicy,
};
/** Arguments of those synthesisers that decide access: a conditional there keeps its every-branch token (worst case). */
const SYNTH_INPUTS: Record<string, string[]> = { aws_s3_bucket: ['acl'], aws_s3_bucket_acl: ['acl'] };

/** Where a policy sits inside the resource values: attribute names, `*` for every element of a list. */
export type AttrPath = string[];

export interface PolicySlot {
  /** Attribute path, e.g. `['policy']`, `['inline_policy', '*', 'policy']`, `['details', '*', 'policy']`. */
  path: AttrPath;
  policyType: PolicyType;
  /** Access Analyzer `validatePolicyResourceType` (only the six values the API accepts). */
  validateResourceType?: string;
  /** Attribute (next to the policy, in the same block) holding the policy's name. */
  nameAttr?: string;
}

export type EntityKind = IamEntity['kind'];

/** How a resource attaches a managed policy / boundary to a principal. */
export interface AttachmentSpec {
  principalKind: PrincipalRef['kind'] | 'target';
  /** Attribute naming the principal (a name, an ARN or a list of them); `self` for the resource itself. */
  principalAttr: string;
  /** Attribute holding the policy ARN(s) (string or list; for SSO customer-managed references, a block). */
  policyAttr: string;
  via: PrincipalRef['via'];
}

export interface TfResourceRow {
  type: string;
  /** Short service label shown in docs. */
  service: string;
  policies: PolicySlot[];
  /**
   * Policy type decided by the resource's attributes (`aws_organizations_policy.type`); `skip` explains why the
   * resource holds no IAM policy (e.g. a tag policy).
   */
  policyTypeFrom?: (values: Record<string, unknown>) => { policyType: PolicyType } | { skip: string };
  /** Documents synthesised from attributes (Lambda permissions) instead of read from a policy attribute. */
  synthesize?: (values: Record<string, unknown>, ctx: TableContext) => SynthesizedPolicy | undefined;
  /** Arguments the synthesiser reads whose every possible value counts (not only the value with known inputs). */
  synthInputs?: string[];
  /** The principal the resource's identity policies apply to: `self` or an attribute naming it. */
  principal?: { kind: PrincipalRef['kind']; attr: string; via: PrincipalRef['via'] };
  attachments?: AttachmentSpec[];
  /** The IAM entity the resource describes (users, keys, login profiles, password policy, membership ...). */
  entity?: EntityKind;
  /** Access Analyzer CheckNoPublicAccess resource type (AccessCheckResourceType) where one exists. */
  accessCheckResourceType?: string;
}

export interface SynthesizedPolicy {
  document: Record<string, unknown>;
  policyType: PolicyType;
  validateResourceType?: string;
  /** Attribute path the synthesised document stands for (the source map points there). */
  propertyPath: string;
  note: string;
  /** Attribute whose line the findings land on (default: the resource block). */
  anchor?: string;
  /** Worst-case assumptions made while synthesising (PolicyRecord.assumptions, path '' = the whole document). */
  assumptions?: string[];
}

export interface TableContext {
  partition: string;
  region: string;
  account: string;
}

const TRUST = 'AWS::IAM::AssumeRolePolicyDocument';

const slot = (attr: string, policyType: PolicyType, validateResourceType?: string): PolicySlot => ({
  path: attr.split('.'),
  policyType,
  ...(validateResourceType ? { validateResourceType } : {}),
});

/** Rows that hold documents in arguments, from the one resource-type table (src/catalog/resource-types.ts). */
function holderRows(): TfResourceRow[] {
  return RESOURCE_TYPES.flatMap((h) =>
    h.tf
      .filter((t) => !t.own && (t.attr !== undefined || HOLDER_SYNTH[t.type] !== undefined))
      .map((t) => {
        const validate = t.noValidateType ? undefined : h.validateResourceType;
        return {
          type: t.type,
          service: t.service ?? h.service,
          policies: t.attr !== undefined ? [slot(t.attr, h.policyType, validate)] : [],
          ...(h.accessCheckResourceType ? { accessCheckResourceType: h.accessCheckResourceType } : {}),
          ...(HOLDER_SYNTH[t.type] ? { synthesize: HOLDER_SYNTH[t.type] } : {}),
          ...(SYNTH_INPUTS[t.type] ? { synthInputs: SYNTH_INPUTS[t.type] } : {}),
        };
      }),
  );
}

function orgPolicyType(values: Record<string, unknown>): { policyType: PolicyType } | { skip: string } {
  const t = values.type;
  // the provider's default is SERVICE_CONTROL_POLICY
  if (t === undefined || t === null || t === 'SERVICE_CONTROL_POLICY') return { policyType: 'scp' };
  if (t === 'RESOURCE_CONTROL_POLICY') return { policyType: 'rcp' };
  return { skip: `organizations policy of type ${String(t)} is not an IAM policy (only SCPs and RCPs are checked)` };
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

function lambdaFunctionArn(fn: string, ctx: TableContext, qualifier?: string): string {
  if (fn.startsWith('arn:')) return qualifier && !/:function:[^:]+:[^:]+$/.test(fn) ? `${fn}:${qualifier}` : fn;
  const base = `arn:${ctx.partition}:lambda:${ctx.region}:${ctx.account}:function:${fn}`;
  return qualifier ? `${base}:${qualifier}` : base;
}

function principalBlock(p: string): Record<string, unknown> {
  if (p === '*') return { AWS: '*' };
  if (/^\d{12}$/.test(p) || p.startsWith('arn:')) return { AWS: p };
  return { Service: p };
}

/** The statement AWS stores for `aws_lambda_permission` (AddPermission). */
function lambdaPermission(values: Record<string, unknown>, ctx: TableContext): SynthesizedPolicy | undefined {
  const fn = str(values.function_name);
  const principal = str(values.principal);
  const action = str(values.action);
  if (!fn || !principal || !action) return undefined;
  const condition: Record<string, Record<string, string>> = {};
  const add = (op: string, key: string, v: unknown) => {
    const s = str(v);
    if (s) (condition[op] ??= {})[key] = s;
  };
  add('ArnLike', 'AWS:SourceArn', values.source_arn);
  add('StringEquals', 'AWS:SourceAccount', values.source_account);
  add('StringEquals', 'aws:PrincipalOrgID', values.principal_org_id);
  add('StringEquals', 'lambda:FunctionUrlAuthType', values.function_url_auth_type);
  add('StringEquals', 'sts:ExternalId', values.event_source_token);
  const statement: Record<string, unknown> = {
    ...(str(values.statement_id) ? { Sid: values.statement_id } : {}),
    Effect: 'Allow',
    Principal: principalBlock(principal),
    Action: action,
    Resource: lambdaFunctionArn(fn, ctx, str(values.qualifier)),
  };
  if (Object.keys(condition).length > 0) statement.Condition = condition;
  return {
    document: { Version: '2012-10-17', Statement: [statement] },
    policyType: 'resource',
    propertyPath: 'principal',
    note: 'policy statement synthesised from the aws_lambda_permission arguments (as Lambda AddPermission stores it)',
  };
}

/** The statement AWS stores for `aws_lambda_layer_version_permission` (AddLayerVersionPermission). */
function layerPermission(values: Record<string, unknown>, ctx: TableContext): SynthesizedPolicy | undefined {
  const layer = str(values.layer_name);
  const principal = str(values.principal);
  const action = str(values.action) ?? 'lambda:GetLayerVersion';
  if (!layer || !principal) return undefined;
  const version = values.version_number;
  const layerArn = layer.startsWith('arn:') ? layer : `arn:${ctx.partition}:lambda:${ctx.region}:${ctx.account}:layer:${layer}`;
  const statement: Record<string, unknown> = {
    ...(str(values.statement_id) ? { Sid: values.statement_id } : {}),
    Effect: 'Allow',
    Principal: principal === '*' ? '*' : { AWS: principal },
    Action: action,
    Resource: version !== undefined && version !== null ? `${layerArn}:${String(version)}` : layerArn,
  };
  const org = str(values.organization_id);
  if (org) statement.Condition = { StringEquals: { 'aws:PrincipalOrgID': org } };
  return {
    document: { Version: '2012-10-17', Statement: [statement] },
    policyType: 'resource',
    propertyPath: 'principal',
    note: 'policy statement synthesised from the aws_lambda_layer_version_permission arguments',
  };
}

const rows: TfResourceRow[] = [
  // ---- identity ----
  { type: 'aws_iam_policy', service: 'IAM', policies: [{ ...slot('policy', 'identity'), nameAttr: 'name' }] },
  {
    type: 'aws_iam_role',
    service: 'IAM',
    policies: [
      slot('assume_role_policy', 'trust', TRUST),
      { path: ['inline_policy', '*', 'policy'], policyType: 'identity', nameAttr: 'name' },
    ],
    principal: { kind: 'role', attr: 'self', via: 'inline' },
    attachments: [
      { principalKind: 'role', principalAttr: 'self', policyAttr: 'managed_policy_arns', via: 'managed' },
      { principalKind: 'role', principalAttr: 'self', policyAttr: 'permissions_boundary', via: 'boundary' },
    ],
    entity: 'role',
    accessCheckResourceType: TRUST,
  },
  {
    type: 'aws_iam_role_policy',
    service: 'IAM',
    policies: [{ ...slot('policy', 'identity'), nameAttr: 'name' }],
    principal: { kind: 'role', attr: 'role', via: 'inline' },
  },
  {
    type: 'aws_iam_user_policy',
    service: 'IAM',
    policies: [{ ...slot('policy', 'identity'), nameAttr: 'name' }],
    principal: { kind: 'user', attr: 'user', via: 'inline' },
  },
  {
    type: 'aws_iam_group_policy',
    service: 'IAM',
    policies: [{ ...slot('policy', 'identity'), nameAttr: 'name' }],
    principal: { kind: 'group', attr: 'group', via: 'inline' },
  },
  {
    type: 'aws_ssoadmin_permission_set_inline_policy',
    service: 'IAM Identity Center',
    policies: [slot('inline_policy', 'identity')],
    principal: { kind: 'permission-set', attr: 'permission_set_arn', via: 'inline' },
  },
  // ---- organisations ----
  {
    type: 'aws_organizations_policy',
    service: 'Organizations',
    policies: [{ ...slot('content', 'scp'), nameAttr: 'name' }],
    policyTypeFrom: orgPolicyType,
  },
  // ---- document holders: from src/catalog/resource-types.ts ----
  ...holderRows(),
  {
    type: 'aws_lambda_permission',
    service: 'Lambda',
    policies: [],
    synthesize: lambdaPermission,
    accessCheckResourceType: tfHolder('aws_lambda_permission')?.accessCheckResourceType,
  },
  { type: 'aws_lambda_layer_version_permission', service: 'Lambda', policies: [], synthesize: layerPermission },
  // ---- attachments ----
  {
    type: 'aws_iam_role_policy_attachment',
    service: 'IAM',
    policies: [],
    attachments: [{ principalKind: 'role', principalAttr: 'role', policyAttr: 'policy_arn', via: 'managed' }],
    entity: 'managed-policy-attachment',
  },
  {
    type: 'aws_iam_user_policy_attachment',
    service: 'IAM',
    policies: [],
    attachments: [{ principalKind: 'user', principalAttr: 'user', policyAttr: 'policy_arn', via: 'managed' }],
    entity: 'managed-policy-attachment',
  },
  {
    type: 'aws_iam_group_policy_attachment',
    service: 'IAM',
    policies: [],
    attachments: [{ principalKind: 'group', principalAttr: 'group', policyAttr: 'policy_arn', via: 'managed' }],
    entity: 'managed-policy-attachment',
  },
  {
    type: 'aws_iam_policy_attachment',
    service: 'IAM',
    policies: [],
    attachments: [
      { principalKind: 'role', principalAttr: 'roles', policyAttr: 'policy_arn', via: 'managed' },
      { principalKind: 'user', principalAttr: 'users', policyAttr: 'policy_arn', via: 'managed' },
      { principalKind: 'group', principalAttr: 'groups', policyAttr: 'policy_arn', via: 'managed' },
    ],
    entity: 'managed-policy-attachment',
  },
  {
    type: 'aws_iam_role_policy_attachments_exclusive',
    service: 'IAM',
    policies: [],
    attachments: [{ principalKind: 'role', principalAttr: 'role_name', policyAttr: 'policy_arns', via: 'managed' }],
    entity: 'managed-policy-attachment',
  },
  { type: 'aws_iam_role_policies_exclusive', service: 'IAM', policies: [], entity: 'managed-policy-attachment' },
  { type: 'aws_iam_user_policies_exclusive', service: 'IAM', policies: [], entity: 'managed-policy-attachment' },
  { type: 'aws_iam_group_policies_exclusive', service: 'IAM', policies: [], entity: 'managed-policy-attachment' },
  {
    type: 'aws_ssoadmin_managed_policy_attachment',
    service: 'IAM Identity Center',
    policies: [],
    attachments: [
      { principalKind: 'permission-set', principalAttr: 'permission_set_arn', policyAttr: 'managed_policy_arn', via: 'managed' },
    ],
    entity: 'managed-policy-attachment',
  },
  {
    type: 'aws_ssoadmin_customer_managed_policy_attachment',
    service: 'IAM Identity Center',
    policies: [],
    attachments: [
      {
        principalKind: 'permission-set',
        principalAttr: 'permission_set_arn',
        policyAttr: 'customer_managed_policy_reference',
        via: 'managed',
      },
    ],
    entity: 'managed-policy-attachment',
  },
  {
    type: 'aws_ssoadmin_permissions_boundary_attachment',
    service: 'IAM Identity Center',
    policies: [],
    attachments: [
      { principalKind: 'permission-set', principalAttr: 'permission_set_arn', policyAttr: 'permissions_boundary', via: 'boundary' },
    ],
    entity: 'managed-policy-attachment',
  },
  {
    type: 'aws_organizations_policy_attachment',
    service: 'Organizations',
    policies: [],
    attachments: [{ principalKind: 'target', principalAttr: 'target_id', policyAttr: 'policy_id', via: 'managed' }],
    entity: 'managed-policy-attachment',
  },
  // ---- entities ----
  {
    type: 'aws_iam_user',
    service: 'IAM',
    policies: [],
    attachments: [{ principalKind: 'user', principalAttr: 'self', policyAttr: 'permissions_boundary', via: 'boundary' }],
    entity: 'user',
  },
  { type: 'aws_iam_group', service: 'IAM', policies: [], entity: 'group' },
  { type: 'aws_iam_group_membership', service: 'IAM', policies: [], entity: 'group-membership' },
  { type: 'aws_iam_user_group_membership', service: 'IAM', policies: [], entity: 'group-membership' },
  { type: 'aws_iam_access_key', service: 'IAM', policies: [], entity: 'access-key' },
  { type: 'aws_iam_user_login_profile', service: 'IAM', policies: [], entity: 'login-profile' },
  { type: 'aws_iam_account_password_policy', service: 'IAM', policies: [], entity: 'password-policy' },
  { type: 'aws_ssoadmin_permission_set', service: 'IAM Identity Center', policies: [], entity: 'permission-set' },
];

export const TERRAFORM_RESOURCES: ReadonlyMap<string, TfResourceRow> = new Map(rows.map((r) => [r.type, r]));

/** The data source that renders policy JSON (handled by the extractors, not by this table). */
export const POLICY_DOCUMENT_DATA_SOURCE = 'aws_iam_policy_document';

export function terraformRow(type: string): TfResourceRow | undefined {
  return TERRAFORM_RESOURCES.get(type);
}

/** Every type in the table (docs, tests, `.tf` scanning). */
export function terraformResourceTypes(): string[] {
  return [...TERRAFORM_RESOURCES.keys()];
}
