/** Turning resource-table output into PolicyRecords, IamEntities and extract findings (shared by plan and .tf.json). */
import type { IamEntity, InlineSuppression, Placeholder, PolicyRecord, PrincipalRef, SourceFormat, Span } from '../../policy/types.js';
import { MapSourceMap } from '../../policy/source-map.js';
import { fingerprint } from '../../policy/fingerprint.js';
import { principalScope } from '../../policy/principals.js';
import type { Finding } from '../../findings/types.js';
import type { TfPolicyItem, TfResourceOutput } from './resources.js';

export interface Site {
  /** Display file the record points at. */
  file: string;
  /** Span of the resource (or attribute) when nothing finer is known. */
  span: Span;
  /** Finer spans inside the document (JSON pointer -> span), e.g. statement lines in a `.tf` block. */
  spans?: Map<string, Span>;
  suppressions?: InlineSuppression[];
  /** Why the record points where it does when its source could not be read (e.g. a `.tf` file that does not parse). */
  note?: string;
}

export interface RecordMeta {
  /** File the id is based on (the plan or the .tf.json file). */
  idFile: string;
  address: string;
  type: string;
  format: SourceFormat;
}

export function policyRecord(
  meta: RecordMeta,
  item: TfPolicyItem,
  site: Site,
  extra: { placeholders?: Placeholder[]; base?: unknown; notes?: string[]; assumptions?: { path: string; text: string }[] } = {},
): PolicyRecord {
  const sourceMap = new MapSourceMap(site.span);
  if (site.spans) for (const [p, s] of site.spans) sourceMap.set(p, s);
  if (!site.spans?.has('')) sourceMap.set('', site.span);
  const root = sourceMap.get('') ?? site.span;
  const notes = [...item.notes, ...(extra.notes ?? []), ...(site.note ? [site.note] : [])];
  const assumptions = [...(extra.assumptions ?? []), ...(item.assumptions ?? []).map((text) => ({ path: '', text }))];
  return {
    id: `${meta.idFile}#${meta.address}/${item.propertyPath}`,
    file: site.file,
    line: root.start.line,
    endLine: Math.max(root.start.line, root.end.line),
    format: meta.format,
    resource: meta.address,
    resourceType: meta.type,
    propertyPath: item.propertyPath,
    policyType: item.policyType,
    ...(item.validateResourceType ? { validateResourceType: item.validateResourceType } : {}),
    ...(item.name !== undefined ? { name: item.name } : {}),
    document: item.document,
    sourceMap,
    placeholders: extra.placeholders ?? [],
    attachedTo: [...item.attachedTo],
    ...(extra.base !== undefined ? { base: extra.base } : {}),
    ...(notes.length ? { notes } : {}),
    ...(assumptions.length ? { assumptions } : {}),
    ...(site.suppressions?.length ? { inlineSuppressions: site.suppressions } : {}),
  };
}

export function entityRecord(meta: RecordMeta, out: TfResourceOutput, site: Site): IamEntity | undefined {
  if (!out.entity) return undefined;
  const properties: Record<string, unknown> = { ...out.entity.properties };
  if (out.attachments.length > 0) properties.attachments = out.attachments.map((a) => ({ ...a }));
  return {
    kind: out.entity.kind,
    id: meta.address,
    file: site.file,
    line: site.span.start.line,
    endLine: Math.max(site.span.start.line, site.span.end.line),
    resource: meta.address,
    resourceType: meta.type,
    scope: principalScope(meta.format, meta.idFile),
    format: meta.format,
    properties,
    ...(site.suppressions?.length ? { inlineSuppressions: site.suppressions } : {}),
  };
}

/**
 * A role's or user's own attachments (`managed_policy_arns`, `permissions_boundary`) as a managed-policy-attachment
 * view of the same resource: the principals stage counts an attached policy it cannot read (a customer managed
 * ARN not created in the repository) as unresolved, as it does for attachment resources.
 */
export function ownAttachmentsEntity(ent: IamEntity | undefined): IamEntity | undefined {
  if (!ent || (ent.kind !== 'role' && ent.kind !== 'user') || !Array.isArray(ent.properties.attachments) || !ent.properties.attachments.length) return undefined;
  return { ...ent, kind: 'managed-policy-attachment', id: `${ent.id}#attachments`, properties: { attachments: ent.properties.attachments } };
}

/** A policy attribute that cannot be read (not JSON, not an object): a finding naming the resource address. */
export function invalidPolicyFinding(meta: RecordMeta, item: TfPolicyItem, site: Site): Finding {
  const span = site.spans?.get('') ?? site.span;
  return {
    ruleId: 'terraform-invalid-policy',
    source: 'extract',
    severity: 'error',
    title: 'Policy attribute is not a valid policy document',
    message: `${meta.address}.${item.propertyPath.replace(/\//g, '.')}: ${item.error}. Terraform would fail at apply (MalformedPolicyDocument).`,
    fix: 'Write the policy with jsonencode({ ... }) or data "aws_iam_policy_document" so Terraform produces valid JSON.',
    file: span.file,
    line: span.start.line,
    endLine: Math.max(span.start.line, span.end.line),
    policyId: `${meta.idFile}#${meta.address}/${item.propertyPath}`,
    resource: meta.address,
    fingerprint: fingerprint(['terraform-invalid-policy', `${meta.idFile}#${meta.address}/${item.propertyPath}`]),
  };
}

/** The AWS managed policies a resource attaches, as records at the attachment (one per policy, with its principals). */
export function awsManagedRecords(
  meta: RecordMeta,
  out: TfResourceOutput,
  siteOf: (attribute: string) => Site,
  lookup: (arn: string) => { document: unknown; version?: string } | undefined,
  base?: (document: unknown) => unknown,
): PolicyRecord[] {
  const managedByArn = new Map<string, PrincipalRef[]>();
  for (const a of out.attachments) {
    if (a.principal.kind === 'target' || !lookup(a.policy)) continue;
    const list = managedByArn.get(a.policy) ?? [];
    list.push({ kind: a.principal.kind, id: a.principal.id, via: a.principal.via, ...(a.principal.external ? { external: true } : {}) });
    managedByArn.set(a.policy, list);
  }
  const records: PolicyRecord[] = [];
  for (const [arn, principals] of managedByArn) {
    const managed = lookup(arn)!;
    const boundary = principals.every((p) => p.via === 'boundary');
    const name = arn.slice(arn.lastIndexOf('/') + 1);
    const attr = meta.type === 'aws_iam_role' || meta.type === 'aws_iam_user' ? (boundary ? 'permissions_boundary' : 'managed_policy_arns') : 'policy_arn';
    const item: TfPolicyItem = {
      propertyPath: `${attr}/${name}`,
      segments: [attr],
      policyType: boundary ? 'boundary' : 'identity',
      name,
      document: managed.document,
      raw: arn,
      attachedTo: principals,
      notes: [`AWS managed policy ${arn}${managed.version ? ` (${managed.version})` : ''}`],
    };
    const b = base?.(managed.document);
    const rec = policyRecord(meta, item, siteOf(attr), b !== undefined ? { base: b } : {});
    rec.awsManaged = arn;
    records.push(rec);
  }
  return records;
}
