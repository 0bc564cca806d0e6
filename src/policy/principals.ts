/**
 * Principals: the IAM roles, users, groups and permission sets the IaC declares, each with every policy that
 * applies to it. Pure functions over the extracted records and entities.
 *
 * Names are unique only within a scope: a CloudFormation template or a plan file (logical ids, addresses), or a
 * Terraform module directory (`.tf`/`.tf.json` files of one module reference each other). Two templates that both
 * declare `AppRole` declare two roles. Standalone policy files share one global scope.
 *
 * `groupPrincipals` feeds the per-principal rules; `principalRecords` turns each declared principal into a record
 * for the report: its effective identity policy (the statements of every identity policy that applies to it,
 * inherited group policies included, in one document whose source map points at the original lines), the
 * policies it was built from, its boundaries and trust policy, and what could not be resolved.
 */
import path from 'node:path';
import type { IamEntity, Placeholder, PolicyRecord, PrincipalRef, SourceFormat, SourceMap, Span } from './types.js';
import { isObject } from './statements.js';
import { segments } from './source-map.js';

export type PrincipalKind = PrincipalRef['kind'];

const PRINCIPAL_KINDS: ReadonlySet<string> = new Set<PrincipalKind>(['role', 'user', 'group', 'permission-set']);

/** The scope names are unique in: the file for templates and plans, the module directory for `.tf`/`.tf.json`. */
export function principalScope(format: SourceFormat, idFile: string): string {
  // standalone policy files declare no principals: the names attached to them (configuration) are global
  if (format === 'raw') return '';
  if (format === 'terraform-hcl' || format === 'terraform-json') {
    const d = path.posix.dirname(idFile);
    return d === '' ? '.' : d;
  }
  return idFile;
}

/** A record's scope, from its id (`file#resource/propertyPath`). */
export function recordScope(p: PolicyRecord): string {
  const i = p.id.indexOf('#');
  return principalScope(p.format, i < 0 ? p.file : p.id.slice(0, i));
}

export function entityScope(e: IamEntity): string {
  return e.scope ?? e.file;
}

export interface PrincipalPolicy {
  policy: PolicyRecord;
  via: PrincipalRef['via'];
  /** Set when the policy applies through membership of this group (users). */
  group?: string;
}

export interface Principal {
  scope: string;
  kind: PrincipalKind;
  /** Logical id / Terraform address when declared in the IaC, else the name the policies use. */
  id: string;
  /** The declaring resource, when the scan has it. */
  entity?: IamEntity;
  /** Policies attached to it directly (inline, managed, boundary), and a role's trust policy. */
  policies: PolicyRecord[];
  /** Identity policies that apply through its groups (users). */
  inherited: PrincipalPolicy[];
  /** Groups it is a member of (users; ids within the scope, or names when the group is not declared). */
  groups: string[];
  /** Managed policies attached to it that the scan could not read (not in the repository, not in the snapshot). */
  unresolved: UnresolvedPolicy[];
}

/**
 * A managed policy attached to a principal whose document the scan does not have: `arn` as written (a customer
 * managed policy outside the repository, an AWS managed policy the bundled snapshot does not know), with where the
 * attachment is written. Extractors fill it through `managed-policy-attachment` entities (`policyArn` + `principal`,
 * or `attachments: [{ policy, principal, policyRefs }]`); any entry makes the verdict incomplete unless the config
 * lists the ARN under `external-policies:` (see checks/external-policies.ts).
 */
export interface UnresolvedPolicy {
  arn: string;
  via: PrincipalRef['via'];
  file?: string;
  line?: number;
}

function str(v: unknown): string | undefined {
  if (typeof v === 'string' && v !== '') return v;
  if (isObject(v) && typeof v.Ref === 'string') return v.Ref;
  return undefined;
}

function names(e: IamEntity): string[] {
  const out = [e.resource];
  for (const k of ['RoleName', 'UserName', 'GroupName', 'Name', 'name']) {
    const v = str(e.properties[k]);
    if (v) out.push(v);
  }
  return out;
}

/** The id policies use for the principal: its resource, or the role SAM creates for a function (`FnRole`). */
function principalIdOf(e: IamEntity): string {
  return typeof e.properties.RoleLogicalId === 'string' && e.properties.implicit === true ? e.properties.RoleLogicalId : e.resource;
}

function list(v: unknown): string[] {
  const items = Array.isArray(v) ? v : v === undefined || v === null ? [] : [v];
  return items.map(str).filter((x): x is string => x !== undefined);
}

/**
 * The principals of a scan per scope, and how a reference finds one: scope -> kind:ref -> canonical id. Logical
 * ids / addresses win over names: a role whose RoleName is another role's logical id must not take that role's
 * policies (or Denies). `byName` holds physical names only.
 */
class PrincipalTable {
  private readonly byKey = new Map<string, Principal>();
  private readonly index = new Map<string, Map<string, string>>();
  private readonly byName = new Map<string, Map<string, string>>();

  /** Declares the principal entities: their ids and resources first, then the physical names no id took. */
  constructor(entities: IamEntity[]) {
    for (const e of entities) {
      if (!PRINCIPAL_KINDS.has(e.kind)) continue;
      const scope = entityScope(e);
      const idx = this.index.get(scope) ?? new Map<string, string>();
      this.index.set(scope, idx);
      const id = principalIdOf(e);
      for (const n of new Set([id, e.resource])) idx.set(`${e.kind}:${n}`, id);
      this.get(scope, e.kind as PrincipalKind, id).entity = e;
    }
    for (const e of entities) {
      if (!PRINCIPAL_KINDS.has(e.kind)) continue;
      const scope = entityScope(e);
      const idx = this.byName.get(scope) ?? new Map<string, string>();
      this.byName.set(scope, idx);
      for (const n of names(e).slice(1)) if (!idx.has(`${e.kind}:${n}`)) idx.set(`${e.kind}:${n}`, principalIdOf(e));
    }
  }

  /** The id of the principal `ref` (id, resource or physical name) names in the scope, or `ref` itself. */
  canonical(scope: string, kind: string, ref: string): string {
    return this.index.get(scope)?.get(`${kind}:${ref}`) ?? this.byName.get(scope)?.get(`${kind}:${ref}`) ?? ref;
  }

  /** The principal with that canonical id (created on first use). */
  get(scope: string, kind: PrincipalKind, id: string, external = false): Principal {
    const key = `${scope}\u0000${kind}:${external ? 'external:' : ''}${id}`;
    let p = this.byKey.get(key);
    if (!p) {
      p = { scope, kind, id, policies: [], inherited: [], groups: [], unresolved: [] };
      this.byKey.set(key, p);
    }
    return p;
  }

  /** The principal with that canonical id, if there is one already. */
  find(scope: string, kind: PrincipalKind, id: string): Principal | undefined {
    return this.byKey.get(`${scope}\u0000${kind}:${id}`);
  }

  /** The principal a ref names: an external name matches declared principals' physical names only. */
  ofRef(scope: string, a: PrincipalRef): Principal {
    if (!a.external) return this.get(scope, a.kind, this.canonical(scope, a.kind, a.id));
    const declared = this.byName.get(scope)?.get(`${a.kind}:${a.id}`);
    return declared !== undefined ? this.get(scope, a.kind, declared) : this.get(scope, a.kind, a.id, true);
  }

  all(): Principal[] {
    return [...this.byKey.values()];
  }
}

/** Every principal the records name or the entities declare, with its policies, grouped per scope. */
export function groupPrincipals(policies: PolicyRecord[], entities: IamEntity[]): Principal[] {
  const table = new PrincipalTable(entities);
  attachPolicies(table, policies);
  addUnreadableAttachments(table, entities);
  addGroupMemberships(table, entities);
  inheritGroupPolicies(table);
  return table.all();
}

/** Each record to the principals it is attached to, and a role's trust policy to the role. */
function attachPolicies(table: PrincipalTable, policies: PolicyRecord[]): void {
  for (const p of policies) {
    const scope = recordScope(p);
    // a Terraform policy document data source is attached through the records that consume it (already here)
    if (p.resourceType === 'aws_iam_policy_document') continue;
    for (const a of p.attachedTo) {
      const pr = table.ofRef(scope, a);
      if (!pr.policies.includes(p)) pr.policies.push(p);
    }
    // a role's trust policy belongs to the role even when the extractor did not attach it (same resource)
    if (p.policyType === 'trust' && p.attachedTo.length === 0) {
      const role = table.find(scope, 'role', table.canonical(scope, 'role', p.resource));
      if (role && !role.policies.includes(p)) role.policies.push(p);
    }
  }
}

/** Managed policy attachments nobody could read: the principal's picture is incomplete. */
function addUnreadableAttachments(table: PrincipalTable, entities: IamEntity[]): void {
  for (const e of entities) {
    if (e.kind !== 'managed-policy-attachment') continue;
    const scope = entityScope(e);
    const arn = str(e.properties.policyArn);
    const principal = e.properties.principal;
    if (arn && e.properties.inSnapshot !== true && isObject(principal) && typeof principal.kind === 'string' && typeof principal.id === 'string' && PRINCIPAL_KINDS.has(principal.kind)) {
      const pr = table.get(scope, principal.kind as PrincipalKind, table.canonical(scope, principal.kind, principal.id));
      const via = principal.via === 'boundary' ? 'boundary' : 'managed';
      if (!readable(pr, arn) && !pr.unresolved.some((u) => u.arn === arn)) pr.unresolved.push({ arn, via, file: e.file, line: e.line });
    }
    for (const a of Array.isArray(e.properties.attachments) ? e.properties.attachments : []) {
      if (!isObject(a) || !isObject(a.principal) || typeof a.policy !== 'string') continue;
      const k = a.principal.kind;
      if (typeof k !== 'string' || !PRINCIPAL_KINDS.has(k) || typeof a.principal.id !== 'string') continue;
      // a name written as a literal (Terraform `role = "x"`) is matched against names only, like a policy's
      const pr = table.ofRef(scope, { kind: k as PrincipalKind, id: a.principal.id, via: 'managed', ...(a.principal.external === true ? { external: true } : {}) });
      const linked = Array.isArray(a.policyRefs) && a.policyRefs.length > 0;
      if (!linked && !readable(pr, a.policy) && !pr.unresolved.some((u) => u.arn === a.policy)) {
        pr.unresolved.push({ arn: a.policy, via: a.principal.via === 'boundary' ? 'boundary' : 'managed', file: e.file, line: e.line });
      }
    }
  }
}

/** Group membership: CloudFormation's Groups / UserToGroupAddition, Terraform's memberships. */
function addGroupMemberships(table: PrincipalTable, entities: IamEntity[]): void {
  for (const e of entities) {
    if (e.kind !== 'group-membership') continue;
    const scope = entityScope(e);
    const users = [...list(e.properties.UserIds), ...list(e.properties.Users), ...list(e.properties.users), ...list(e.properties.user)];
    // GroupIds (CloudFormation) are resolved logical ids already; names are matched only when no ids were given
    const groupIds = list(e.properties.GroupIds);
    const groups = e.properties.GroupIds !== undefined ? groupIds : [...list(e.properties.groups), ...list(e.properties.group), ...list(e.properties.GroupName)];
    for (const u of new Set(users.map((x) => table.canonical(scope, 'user', x)))) {
      const user = table.get(scope, 'user', u);
      for (const g of groups) {
        const gid = table.canonical(scope, 'group', g);
        if (!user.groups.includes(gid)) user.groups.push(gid);
      }
    }
  }
}

/** A user inherits its groups' identity policies (not their boundaries) and what they could not resolve. */
function inheritGroupPolicies(table: PrincipalTable): void {
  for (const user of table.all()) {
    if (user.kind !== 'user') continue;
    for (const g of user.groups) {
      const group = table.find(user.scope, 'group', g);
      if (!group) continue;
      for (const p of group.policies) {
        const a = p.attachedTo.find((x) => x.kind === 'group' && table.canonical(user.scope, 'group', x.id) === g);
        if (p.policyType !== 'identity' || !a || a.via === 'boundary') continue;
        if (!user.inherited.some((x) => x.policy === p)) user.inherited.push({ policy: p, via: a.via, group: g });
      }
      for (const u of group.unresolved) if (u.via !== 'boundary' && !user.unresolved.some((x) => x.arn === u.arn)) user.unresolved.push(u);
    }
  }
}

/** Is the managed policy `arn` one of the principal's records already (AWS managed from the snapshot, or linked)? */
function readable(p: Principal, arn: string): boolean {
  return p.policies.some((r) => r.awsManaged === arn || (r.name !== undefined && r.name !== '' && (arn === r.name || arn.endsWith(`/${r.name}`))));
}

/** How a policy applies to the principal (first attachment naming it). */
export function viaOf(p: Principal, policy: PolicyRecord): PrincipalRef['via'] | undefined {
  return policy.attachedTo.find((a) => a.kind === p.kind && (a.id === p.id || a.id === p.entity?.resource))?.via
    ?? (policy.attachedTo.find((a) => a.kind === p.kind)?.via);
}

/**
 * The identity policies that grant the principal something: attached (not boundaries) and inherited. An AWS
 * managed policy attached twice (SAM adds AWSLambdaBasicExecutionRole, the template lists it too) counts once.
 */
export function grantingPolicies(p: Principal): PrincipalPolicy[] {
  const own: PrincipalPolicy[] = [];
  for (const policy of p.policies) {
    if (policy.policyType !== 'identity') continue;
    const via = viaOf(p, policy);
    if (!via || via === 'boundary') continue;
    own.push({ policy, via });
  }
  const seen = new Set<string>();
  return [...own, ...p.inherited].filter((g) => {
    if (!g.policy.awsManaged) return true;
    if (seen.has(g.policy.awsManaged)) return false;
    seen.add(g.policy.awsManaged);
    return true;
  });
}

/** A declared principal as a report record: its effective identity policy and where it came from. */
export interface PrincipalRecord {
  id: string;
  file: string;
  line: number;
  endLine: number;
  format: SourceFormat;
  resource: string;
  resourceType: string;
  kind: PrincipalKind;
  name?: string;
  /** `{ Version, Statement }`: every statement of every granting policy, in order. */
  document: { Version: string; Statement: unknown[] };
  sourceMap: SourceMap;
  placeholders: Placeholder[];
  /** The granting policies: record id, how attached, the group it comes through. */
  policies: { id: string; via: PrincipalRef['via']; group?: string }[];
  boundaries: string[];
  trustPolicies: string[];
  groups: string[];
  /** Managed policies attached but not analysed (not in the repository or the bundled snapshot). */
  unresolved: UnresolvedPolicy[];
  notes: string[];
  /** Repository files what it holds was read from (its declaration's and every applying policy's inputs). */
  inputs?: string[];
}

/** Maps pointers of the merged document to the statements' own source maps (no copying). */
class MergedSourceMap implements SourceMap {
  constructor(
    private readonly root: Span,
    private readonly parts: { to: string; from: string; map: SourceMap }[],
  ) {}
  private part(ptr: string): { rest: string; part: { to: string; from: string; map: SourceMap } } | undefined {
    const segs = segments(ptr);
    if (segs[0] !== 'Statement' || segs.length < 2) return undefined;
    const part = this.parts[Number(segs[1])];
    if (!part || part.to !== `/Statement/${segs[1]}`) return undefined;
    return { rest: ptr.slice(part.to.length), part };
  }
  get(ptr: string): Span | undefined {
    if (ptr === '') return this.root;
    const hit = this.part(ptr);
    return hit ? hit.part.map.get(hit.part.from + hit.rest) : undefined;
  }
  locate(ptr: string): Span {
    const hit = this.part(ptr);
    return hit ? hit.part.map.locate(hit.part.from + hit.rest) : this.root;
  }
  pointers(): string[] {
    return ['', ...this.parts.flatMap((p) => p.map.pointers().filter((x) => x === p.from || x.startsWith(`${p.from}/`)).map((x) => p.to + x.slice(p.from.length)))];
  }
}

/** One record per principal the scan declares (roles, users, groups, permission sets). */
export function principalRecords(principals: Principal[]): PrincipalRecord[] {
  const out: PrincipalRecord[] = [];
  for (const p of principals) {
    const e = p.entity;
    if (!e) continue;
    const statements: unknown[] = [];
    const parts: { to: string; from: string; map: SourceMap }[] = [];
    const placeholders: Placeholder[] = [];
    const granting = grantingPolicies(p);
    for (const g of granting) {
      const doc = g.policy.document;
      if (!isObject(doc)) continue;
      const st = doc.Statement;
      const items: [unknown, string][] = Array.isArray(st) ? st.map((s, i) => [s, `/Statement/${i}`]) : st !== undefined ? [[st, '/Statement']] : [];
      for (const [s, from] of items) {
        const to = `/Statement/${statements.length}`;
        statements.push(s);
        parts.push({ to, from, map: g.policy.sourceMap });
        for (const ph of g.policy.placeholders) {
          if (ph.path === from || ph.path.startsWith(`${from}/`)) placeholders.push({ ...ph, path: to + ph.path.slice(from.length) });
        }
      }
    }
    const span: Span = { file: e.file, start: { line: e.line, column: 1 }, end: { line: e.endLine, column: 1 } };
    const name = names(e)[1];
    const notes: string[] = [];
    if (e.notCreated) notes.push(e.notCreated);
    if (e.properties.implicit === true) notes.push(`the execution role SAM creates for ${e.resource} (${p.id})`);
    if (p.unresolved.length) {
      notes.push(`not analysed: ${p.unresolved.map((u) => `${u.arn}${u.via === 'boundary' ? ' (boundary)' : ''}`).join(', ')} (attached, but the policy is not in the repository or the bundled AWS managed policy snapshot)`);
    }
    if (!granting.length) notes.push(`no identity policy in the scanned files grants this ${p.kind} anything`);
    out.push({
      id: `${p.scope}#${p.id}`,
      file: e.file,
      line: e.line,
      endLine: e.endLine,
      format: e.format ?? (e.resourceType.startsWith('AWS::') ? 'cloudformation' : 'terraform-hcl'),
      resource: e.resource,
      resourceType: e.resourceType,
      kind: p.kind,
      ...(name !== undefined ? { name } : {}),
      document: { Version: '2012-10-17', Statement: statements },
      sourceMap: new MergedSourceMap(span, parts),
      placeholders,
      policies: granting.map((g) => ({ id: g.policy.id, via: g.via, ...(g.group !== undefined ? { group: g.group } : {}) })),
      boundaries: p.policies.filter((x) => viaOf(p, x) === 'boundary').map((x) => x.id),
      trustPolicies: p.policies.filter((x) => x.policyType === 'trust').map((x) => x.id),
      groups: [...p.groups],
      unresolved: [...p.unresolved],
      notes,
      ...inputsOf([e, ...p.policies, ...p.inherited.map((g) => g.policy)]),
    });
  }
  return out;
}

/**
 * An attachment resource (Terraform's `aws_iam_*_policy_attachment`, `aws_ssoadmin_*_attachment`, ...) that has no
 * record of its own: which policy it attaches to which principals, and the records of those policies.
 */
export interface AttachmentRecord {
  id: string;
  file: string;
  line: number;
  endLine: number;
  format: SourceFormat;
  resource: string;
  resourceType: string;
  /** The attached policies as written (ARNs, names); empty when the plan does not say. */
  attaches: string[];
  principals: { kind: string; id: string; via: string }[];
  /** Records of the attached policies found in the scan. */
  policies: string[];
  notes: string[];
  /** Repository files it was read from (its own and the attached policies' inputs). */
  inputs?: string[];
}

/** The union of the `inputs` of records/entities, sorted; nothing when none carries any. */
function inputsOf(items: { inputs?: string[] }[]): { inputs?: string[] } {
  const all = new Set<string>();
  for (const i of items) for (const f of i.inputs ?? []) all.add(f);
  return all.size ? { inputs: [...all].sort() } : {};
}

export function attachmentRecords(policies: PolicyRecord[], entities: IamEntity[], principals: PrincipalRecord[]): AttachmentRecord[] {
  const covered = new Set<string>();
  for (const p of policies) covered.add(`${recordScope(p)}\u0000${p.resource}`);
  for (const p of principals) covered.add(`${p.id.slice(0, p.id.lastIndexOf('#'))}\u0000${p.resource}`);
  const out: AttachmentRecord[] = [];
  for (const e of entities) {
    if (e.kind !== 'managed-policy-attachment') continue;
    const scope = entityScope(e);
    if (covered.has(`${scope}\u0000${e.resource}`)) continue;
    covered.add(`${scope}\u0000${e.resource}`);
    const links = (Array.isArray(e.properties.attachments) ? e.properties.attachments : []).filter(isObject);
    const attaches = [...new Set(links.map((a) => a.policy).filter((x): x is string => typeof x === 'string' && x !== ''))];
    const refs = new Set(links.flatMap((a) => (Array.isArray(a.policyRefs) ? a.policyRefs.filter((x): x is string => typeof x === 'string') : [])));
    const principalsOf = links
      .map((a) => a.principal)
      .filter(isObject)
      .map((p) => ({ kind: String(p.kind), id: String(p.id), via: String(p.via) }));
    const linked = policies.filter(
      (p) => recordScope(p) === scope && (refs.has(p.resource) || attaches.some((a) => a === p.name || (p.name !== undefined && a.endsWith(`/${p.name}`)))),
    );
    const notes: string[] = [];
    if (e.notCreated) notes.push(e.notCreated);
    if (!attaches.length && !refs.size && e.properties.policy_arn !== undefined && e.properties.policy_arn !== '') attaches.push(String(e.properties.policy_arn));
    if (e.notCreated) {
      // declared only: nothing is attached, nothing to analyse
    } else if (!attaches.length && !refs.size) notes.push('the attached policy is not known from the scanned files (no policy ARN in the configuration or plan)');
    else if (!linked.length) notes.push(`not analysed: ${attaches.join(', ')} (the attached policy is not in the repository or the bundled AWS managed policy snapshot)`);
    out.push({
      id: `${scope}#${e.resource}`,
      file: e.file,
      line: e.line,
      endLine: e.endLine,
      format: e.format ?? 'terraform-hcl',
      resource: e.resource,
      resourceType: e.resourceType,
      attaches,
      principals: principalsOf,
      policies: linked.map((p) => p.id),
      notes,
      ...inputsOf([e, ...linked]),
    });
  }
  return out;
}
