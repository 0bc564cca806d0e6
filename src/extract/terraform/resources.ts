/**
 * The Terraform resource table: one row per resource type, saying which attributes hold IAM policy documents, of
 * which policy type, with which Access Analyzer `validatePolicyResourceType`, to which principal they apply, and
 * which IAM entities / attachments the resource describes.
 *
 * Independent of the input format: `readTerraformResource` takes a resource type, its address and its attribute
 * values (from a plan, a `.tf.json` file or an evaluated `.tf` block) and returns plain results. The policy type
 * always comes from the row (and, for `aws_organizations_policy`, its `type` attribute) -- never from the presence
 * of `Principal` in the document.
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

// ------------------------------------------------------------------------------------------------------------
// Reading one resource

export interface TfResourceInput {
  type: string;
  /** Full address, e.g. `module.app.aws_iam_role.this["x"]`. */
  address: string;
  /** Attribute values. Values unknown at plan time should already hold a well-formed stand-in. */
  values: Record<string, unknown>;
  /**
   * Terraform addresses of the resources an attribute refers to (from plan `configuration` references or the HCL
   * expression), e.g. `role` -> `['aws_iam_role.app']`, already prefixed with the module path. Optional.
   */
  references?: (attribute: string) => string[];
  ctx: TableContext;
}

export interface TfPolicyItem {
  /** Attribute path of the policy inside the resource (`assume_role_policy`, `inline_policy/0/policy`). */
  propertyPath: string;
  /** The attribute path as segments (numbers for list elements). */
  segments: (string | number)[];
  policyType: PolicyType;
  validateResourceType?: string;
  name?: string;
  /** Parsed policy document (undefined when `error` is set). */
  document?: unknown;
  /** The raw attribute value (a JSON string, or an object for `.tf.json` / HCL `jsonencode`). */
  raw: unknown;
  attachedTo: PrincipalRef[];
  notes: string[];
  /** Why the attribute could not be read as a policy (not valid JSON, not an object ...). */
  error?: string;
  /** True when the document was synthesised from arguments (Lambda permissions). */
  synthesized?: boolean;
  /** Synthesised: the attribute whose line findings land on. */
  anchor?: string;
  /** Synthesised: worst-case assumptions (see SynthesizedPolicy). */
  assumptions?: string[];
}

export interface TfAttachment {
  principal: PrincipalRef | { kind: 'target'; id: string; via: PrincipalRef['via'] };
  /** Policy ARN / id / reference, as given. */
  policy: string;
  /** Terraform addresses the policy attribute refers to (`aws_iam_policy.x`), when known. */
  policyRefs: string[];
}

export interface TfEntityItem {
  kind: EntityKind;
  properties: Record<string, unknown>;
}

export interface TfResourceOutput {
  row: TfResourceRow;
  policies: TfPolicyItem[];
  attachments: TfAttachment[];
  entity?: TfEntityItem;
  /** Why a resource with a policy attribute yields nothing (e.g. a tag policy). */
  notes: string[];
}

const PRINCIPAL_TYPES: Record<PrincipalRef['kind'], RegExp> = {
  role: /^aws_iam_role$/,
  user: /^aws_iam_user$/,
  group: /^aws_iam_group$/,
  'permission-set': /^aws_ssoadmin_permission_set$/,
};

/** Strip a trailing attribute from a reference: `module.m.aws_iam_role.r["k"].name` -> `module.m.aws_iam_role.r["k"]`. */
export function referencedResource(ref: string): { type: string; address: string } | undefined {
  const m = /^((?:module\.[A-Za-z0-9_-]+(?:\[[^\]]*\])?\.)*)(?:data\.)?([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)(\[[^\]]*\])?/.exec(ref);
  if (!m) return undefined;
  const dataPrefix = ref.slice(m[1]!.length).startsWith('data.') ? 'data.' : '';
  return { type: m[2]!, address: `${m[1]}${dataPrefix}${m[2]}.${m[3]}${m[4] ?? ''}` };
}

/**
 * The principals an attribute names: references to principal resources of the configuration by address; a
 * literal name or ARN (or a value without references) is a *name*, which AWS resolves among role names -- never
 * an address (a role may be named "aws_iam_role.other").
 */
function principalIds(input: TfResourceInput, kind: PrincipalRef['kind'], attr: string): { id: string; external?: true }[] {
  if (attr === 'self') return [{ id: input.address }];
  // a reference to the principal resource in the same configuration identifies it best
  const refs = (input.references?.(attr) ?? [])
    .map(referencedResource)
    .filter((r): r is { type: string; address: string } => r !== undefined && PRINCIPAL_TYPES[kind].test(r.type))
    .map((r) => r.address);
  if (refs.length > 0) return [...new Set(refs)].map((id) => ({ id }));
  const v = input.values[attr];
  const list = Array.isArray(v) ? v : [v];
  return list.filter((x): x is string => typeof x === 'string' && x !== '').map((x) => ({ id: principalName(x), external: true as const }));
}

/** `arn:aws:iam::1:role/path/name` -> `name`; a plain name stays as it is. */
function principalName(v: string): string {
  const m = /^arn:[^:]*:iam::[^:]*:(?:role|user|group)\/(?:.*\/)?([^/]+)$/.exec(v);
  return m ? m[1]! : v;
}

/** Parse a policy attribute value: a JSON string or an already-structured object. */
export function parsePolicyValue(raw: unknown): { document?: unknown; error?: string; empty?: boolean } {
  if (raw === undefined || raw === null || raw === '') return { empty: true };
  if (typeof raw === 'string') {
    if (raw.trim() === '' || raw.trim() === '{}') return { empty: true };
    try {
      const doc: unknown = JSON.parse(raw);
      if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) return { error: 'the policy is not a JSON object' };
      return { document: doc };
    } catch (e) {
      return { error: `the policy is not valid JSON (${(e as Error).message})` };
    }
  }
  if (typeof raw === 'object' && !Array.isArray(raw)) return Object.keys(raw).length === 0 ? { empty: true } : { document: raw };
  return { error: `the policy is a ${Array.isArray(raw) ? 'list' : typeof raw}, not a JSON document` };
}

/** Expand an attribute path with `*` over the values: every concrete (segments, value, parent) triple. */
function expand(values: unknown, path: AttrPath): { segs: (string | number)[]; value: unknown; parent: unknown }[] {
  if (path.length === 1) {
    const obj = values as Record<string, unknown>;
    const k = path[0]!;
    return obj !== null && typeof obj === 'object' && k in obj ? [{ segs: [k], value: obj[k], parent: obj }] : [];
  }
  let cur: { segs: (string | number)[]; value: unknown; parent: unknown }[] = [{ segs: [], value: values, parent: undefined }];
  for (const p of path) {
    const next: typeof cur = [];
    for (const c of cur) {
      if (p === '*') {
        if (Array.isArray(c.value)) c.value.forEach((v, i) => next.push({ segs: [...c.segs, i], value: v, parent: c.value }));
        else if (c.value !== null && typeof c.value === 'object') next.push({ segs: c.segs, value: c.value, parent: c.parent });
      } else if (c.value !== null && typeof c.value === 'object' && !Array.isArray(c.value)) {
        const obj = c.value as Record<string, unknown>;
        if (p in obj) next.push({ segs: [...c.segs, p], value: obj[p], parent: obj });
      }
    }
    cur = next;
  }
  return cur;
}

function attachmentPolicies(v: unknown): string[] {
  if (typeof v === 'string') return v === '' ? [] : [v];
  if (Array.isArray(v)) return v.flatMap(attachmentPolicies);
  if (v !== null && typeof v === 'object') {
    // SSO customer-managed policy reference: { name, path }
    const o = v as Record<string, unknown>;
    if (typeof o.name === 'string') return [`${typeof o.path === 'string' ? o.path : '/'}${o.name}`];
  }
  return [];
}

/**
 * Read one resource through the table. Returns undefined for types the table does not know (not IAM-bearing).
 */
export function readTerraformResource(input: TfResourceInput): TfResourceOutput | undefined {
  const row = TERRAFORM_RESOURCES.get(input.type);
  if (!row) return undefined;
  const out: TfResourceOutput = { row, policies: [], attachments: [], notes: [] };
  const values = input.values;

  let decided: PolicyType | undefined;
  if (row.policyTypeFrom) {
    const d = row.policyTypeFrom(values);
    if ('skip' in d) {
      out.notes.push(d.skip);
    } else decided = d.policyType;
  }
  const skipPolicies = row.policyTypeFrom !== undefined && decided === undefined;

  const attachedTo: PrincipalRef[] = [];
  if (row.principal && row.policies.length > 0) {
    for (const p of principalIds(input, row.principal.kind, row.principal.attr)) attachedTo.push({ kind: row.principal.kind, ...p, via: row.principal.via });
  }

  if (!skipPolicies) {
    for (const s of row.policies) {
      for (const hit of expand(values, s.path)) {
        const parsed = parsePolicyValue(hit.value);
        if (parsed.empty) continue;
        const policyType = decided ?? s.policyType;
        const parent = hit.parent as Record<string, unknown> | undefined;
        const nameValue = s.nameAttr && parent ? parent[s.nameAttr] : undefined;
        const item: TfPolicyItem = {
          propertyPath: hit.segs.length === 1 ? String(hit.segs[0]) : hit.segs.join('/'),
          segments: hit.segs,
          policyType,
          raw: hit.value,
          // a role's trust policy is not attached to it as a permission policy
          attachedTo: policyType === 'trust' ? [] : attachedTo,
          notes: [],
        };
        if (s.validateResourceType) item.validateResourceType = s.validateResourceType;
        if (typeof nameValue === 'string' && nameValue !== '') item.name = nameValue;
        if (parsed.error) item.error = parsed.error;
        else item.document = parsed.document;
        out.policies.push(item);
      }
    }
    if (row.synthesize) {
      const syn = row.synthesize(values, input.ctx);
      if (syn) {
        out.policies.push({
          propertyPath: syn.propertyPath,
          segments: syn.propertyPath.split('/'),
          policyType: syn.policyType,
          ...(syn.validateResourceType ? { validateResourceType: syn.validateResourceType } : {}),
          document: syn.document,
          raw: values,
          attachedTo: [],
          notes: [syn.note],
          synthesized: true,
          ...(syn.anchor ? { anchor: syn.anchor } : {}),
          ...(syn.assumptions?.length ? { assumptions: syn.assumptions } : {}),
        });
      }
    }
  }

  for (const a of row.attachments ?? []) {
    const policies = attachmentPolicies(values[a.policyAttr]);
    if (policies.length === 0) continue;
    const policyRefs = (input.references?.(a.policyAttr) ?? [])
      .map(referencedResource)
      // data "aws_iam_policy" reads a policy that exists outside the repository: not a link to a record here
      .filter((r): r is { type: string; address: string } => r !== undefined && r.type === 'aws_iam_policy' && !/(^|\.)data\./.test(r.address))
      .map((r) => r.address);
    const principals =
      a.principalKind === 'target'
        ? attachmentPolicies(values[a.principalAttr]).map((id) => ({ kind: 'target' as const, id, via: a.via }))
        : principalIds(input, a.principalKind, a.principalAttr).map((p) => ({
            kind: a.principalKind as PrincipalRef['kind'],
            ...p,
            via: a.via,
          }));
    for (const principal of principals) {
      for (const policy of policies) out.attachments.push({ principal, policy, policyRefs: [...new Set(policyRefs)] });
    }
  }

  if (row.entity) out.entity = { kind: row.entity, properties: values };
  return out;
}

/** Every type in the table (docs, tests, `.tf` scanning). */
export function terraformResourceTypes(): string[] {
  return [...TERRAFORM_RESOURCES.keys()];
}
