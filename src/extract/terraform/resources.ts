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
import type { PolicyType, PrincipalRef } from '../../policy/types.js';
import { appendAll } from '../../util/arrays.js';
import { TERRAFORM_RESOURCES } from './resource-table.js';
import type { AttrPath, EntityKind, TableContext, TfResourceRow } from './resource-table.js';

export type { AttachmentSpec, AttrPath, EntityKind, PolicySlot, SynthesizedPolicy, TableContext, TfResourceRow } from './resource-table.js';
export { POLICY_DOCUMENT_DATA_SOURCE, TERRAFORM_RESOURCES, terraformResourceTypes, terraformRow } from './resource-table.js';

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

  if (!skipPolicies) appendAll(out.policies, policyItems(input, row, decided, attachedTo));
  appendAll(out.attachments, attachments(input, row));
  if (row.entity) out.entity = { kind: row.entity, properties: values };
  return out;
}

/** The policy attributes of a resource (and what its row synthesises from other attributes). */
function policyItems(input: TfResourceInput, row: TfResourceRow, decided: PolicyType | undefined, attachedTo: PrincipalRef[]): TfPolicyItem[] {
  const values = input.values;
  const items: TfPolicyItem[] = [];
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
      items.push(item);
    }
  }
  if (row.synthesize) {
    const syn = row.synthesize(values, input.ctx);
    if (syn) {
      items.push({
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
  return items;
}

/** The managed-policy attachments a resource declares (principal x policy ARN). */
function attachments(input: TfResourceInput, row: TfResourceRow): TfAttachment[] {
  const values = input.values;
  const out: TfAttachment[] = [];
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
      for (const policy of policies) out.push({ principal, policy, policyRefs: [...new Set(policyRefs)] });
    }
  }
  return out;
}
