/**
 * Attachments: which principals a policy applies to. Inline policies attach to their principal; `Roles`/`Users`/
 * `Groups` lists and `RoleName`/... name principals (by `Ref` or by physical name); `ManagedPolicyArns` and
 * `PermissionsBoundary` link customer managed policies of the same template (by `Ref` or by ARN) and name AWS
 * managed policies, which become `managed-policy-attachment` entities (and records when the bundled snapshot knows
 * the policy).
 */
import type { PrincipalRef } from '../../policy/types.js';
import type { CMap, CNode } from './yaml.js';
import { intrinsicName, str, spanOf } from './yaml.js';
import type { BuildContext, ResourceInfo } from './builder.js';
import { DocSink, emitValue, pick, emitEntity } from './builder.js';
import { awsManagedPolicy, hasAwsManagedPolicy } from './managed-policies.js';
import { renderExpression } from './intrinsics.js';

const PRINCIPAL_TYPES: Record<PrincipalRef['kind'], string[]> = {
  role: ['AWS::IAM::Role'],
  user: ['AWS::IAM::User'],
  group: ['AWS::IAM::Group'],
  'permission-set': ['AWS::SSO::PermissionSet'],
};

/**
 * Logical id of the principal `node` names (Ref, GetAtt or physical name), or the name itself with `external`
 * (no principal of this template has that physical name: AWS attaches to an existing principal of that name, never
 * to the resource whose logical id happens to be spelled the same).
 */
export function principalRef(ctx: BuildContext, node: CNode, kind: PrincipalRef['kind']): { id: string; external?: boolean } | undefined {
  const id = principalId(ctx, node, kind);
  if (id === undefined) return undefined;
  const byId = ctx.resolver.model.resources.get(id);
  const n = pick(ctx.resolver, node);
  if (byId && n && refTarget(n) === id) return { id };
  if (byId && PRINCIPAL_TYPES[kind].includes(str(byId.entries.get('Type')) ?? '')) {
    const pn = ctx.resolver.physicalName(id, byId);
    const v = n ? ctx.resolver.value(n) : undefined;
    if (pn.known && (pn.name === v || (typeof v === 'string' && v.endsWith(`/${pn.name}`)))) return { id };
  }
  return { id, external: true };
}

/** The logical id a `Ref` / `Fn::GetAtt` names. */
function refTarget(n: CNode): string | undefined {
  const fn = intrinsicName(n);
  if (fn === 'Ref') return str((n as CMap).entries.get('Ref'));
  if (fn === 'Fn::GetAtt') {
    const a = (n as CMap).entries.get('Fn::GetAtt')!;
    return a.kind === 'seq' ? str(a.items[0]) : str(a)?.split('.')[0];
  }
  return undefined;
}

/** Logical id of the principal `node` names (Ref, GetAtt or physical name), or the name itself. */
export function principalId(ctx: BuildContext, node: CNode, kind: PrincipalRef['kind']): string | undefined {
  const r = ctx.resolver;
  const n = pick(r, node);
  if (!n) return undefined;
  const fn = intrinsicName(n);
  if (fn === 'Ref') {
    const id = str((n as CMap).entries.get('Ref'));
    if (id && r.model.resources.has(id)) return id;
  }
  if (fn === 'Fn::GetAtt') {
    const a = (n as CMap).entries.get('Fn::GetAtt')!;
    const id = a.kind === 'seq' ? str(a.items[0]) : str(a)?.split('.')[0];
    if (id && r.model.resources.has(id)) return id;
  }
  const v = r.value(n);
  if (typeof v !== 'string') return undefined;
  for (const [id, res] of r.model.resources) {
    const type = str(res.entries.get('Type')) ?? '';
    if (!PRINCIPAL_TYPES[kind].includes(type)) continue;
    const pn = r.physicalName(id, res);
    if (pn.known && (pn.name === v || v.endsWith(`/${pn.name}`))) return id;
  }
  return v;
}

/** Principals named by the row's `attach` properties. */
export function attachments(ctx: BuildContext, res: ResourceInfo, attach: { prop: string; kind: PrincipalRef['kind']; list: boolean }[], via: PrincipalRef['via']): PrincipalRef[] {
  const out: PrincipalRef[] = [];
  if (!res.props) return out;
  for (const a of attach) {
    const n = pick(ctx.resolver, res.props.entries.get(a.prop));
    if (!n) continue;
    const items = n.kind === 'seq' ? n.items : [n];
    for (const it of items) {
      const ref = principalRef(ctx, it, a.kind);
      if (!ref) continue;
      out.push(ref.external ? { kind: a.kind, id: ref.id, via, external: true } : { kind: a.kind, id: ref.id, via });
      if (ref.external) {
        res.notes.push(`attached to the ${a.kind} named ${ref.id}, which this template does not declare (an existing ${a.kind}): its other policies are not known here`);
      }
    }
  }
  return out;
}

/** Logical id of a customer managed policy of this template that `node` refers to (Ref, or its ARN). */
function templateManagedPolicy(ctx: BuildContext, node: CNode): string | undefined {
  const r = ctx.resolver;
  const fn = intrinsicName(node);
  if (fn === 'Ref') {
    const id = str((node as CMap).entries.get('Ref'));
    if (id && str(r.model.resources.get(id)?.entries.get('Type')) === 'AWS::IAM::ManagedPolicy') return id;
  }
  const v = r.value(node);
  if (typeof v !== 'string') return undefined;
  for (const [id, res] of r.model.resources) {
    if (str(res.entries.get('Type')) !== 'AWS::IAM::ManagedPolicy') continue;
    const pn = r.physicalName(id, res);
    if (pn.known && v.endsWith(`:policy/${pn.name}`)) return id;
    if (pn.known && /:policy\//.test(v) && v.split('/').pop() === pn.name) return id;
  }
  return undefined;
}

/**
 * One `ManagedPolicyArns` / `PermissionsBoundary` entry: link a managed policy of this template, or record the AWS
 * managed policy (entity always; record when the snapshot has it).
 */
export function managedAttachment(ctx: BuildContext, res: ResourceInfo, node: CNode, ref: PrincipalRef, propertyPath: string, withRecord = true): void {
  const n = pick(ctx.resolver, node);
  if (!n) return;
  const local = templateManagedPolicy(ctx, n);
  if (local) {
    ctx.links.push({ policy: local, ref });
    return;
  }
  const value = ctx.resolver.value(n);
  const known = ctx.resolver.valueKnown(n).known;
  // the value with every input from outside the repository at its widest: `*` where the ARN is not known
  const worst = known ? value : ctx.resolver.worst(n);
  const one = (x: unknown, w: unknown, path: string) => {
    if (typeof x !== 'string') return;
    const wv = typeof w === 'string' ? w : x;
    if (!unknownPolicy(wv)) attachArn(ctx, res, n, wv.includes('*') ? wv : x, ref, path, withRecord);
    else unknownArn(ctx, res, n, ref, path, withRecord);
  };
  if (Array.isArray(value)) {
    // e.g. `!Split [',', !Ref PolicyArns]`: one attachment per ARN, all on the expression's line
    value.forEach((x, i) => one(x, Array.isArray(worst) ? worst[i] : undefined, `${propertyPath}/${i}`));
    return;
  }
  one(value, worst, propertyPath);
}

/** A policy ARN whose policy name the repository does not decide (`*` after the worst-case resolution). */
function unknownPolicy(worstArn: string): boolean {
  const i = worstArn.indexOf(':policy/');
  return i < 0 ? worstArn.includes('*') : worstArn.slice(i).includes('*');
}

const ADMIN = 'arn:aws:iam::aws:policy/AdministratorAccess';

/**
 * A managed policy ARN from outside the repository (a parameter without default, an imported value): it could be
 * AdministratorAccess, so it is analysed as that (and said so). As a permissions boundary its worst case is no
 * boundary at all: nothing is recorded.
 */
function unknownArn(ctx: BuildContext, res: ResourceInfo, n: CNode, ref: PrincipalRef, propertyPath: string, withRecord: boolean): void {
  const expr = renderExpression(n, (f) => ctx.texts.get(f));
  if (ref.via === 'boundary') {
    res.notes.push(`the permissions boundary comes from ${expr}, which the repository does not decide: analysed as no boundary`);
    return;
  }
  const note = `${propertyPath} comes from ${expr}, which the repository does not decide: analysed as ${ADMIN} (the widest policy it could name); set the value in the config (cfn-parameters) to analyse the real one`;
  if (!withRecord) {
    res.notes.push(note);
    return;
  }
  attachArn(ctx, res, n, ADMIN.replace('arn:aws:', `arn:${ctx.resolver.model.env.partition}:`), ref, propertyPath, withRecord, note);
}

function attachArn(ctx: BuildContext, res: ResourceInfo, n: CNode, v: string, ref: PrincipalRef, propertyPath: string, withRecord: boolean, assumed?: string): void {
  emitEntity(ctx, res, 'managed-policy-attachment', undefined, `/${propertyPath}`, {
    policyArn: v,
    principal: ref,
    awsManaged: /^arn:[^:]+:iam::aws:policy\//.test(v),
  }).line = spanOf(n).start.line;
  const fixEnd = ctx.entities[ctx.entities.length - 1]!;
  fixEnd.endLine = spanOf(n).end.line;
  const m = /^arn:[^:]+:iam::aws:policy\/(.+)$/.exec(v);
  if (!m) return;
  // known to the snapshot but deliberately not recorded (policies SAM adds for event sources): not a gap
  if (!withRecord) {
    if (hasAwsManagedPolicy(m[1]!)) fixEnd.properties.inSnapshot = true;
    return;
  }
  const managed = awsManagedPolicy(m[1]!);
  if (!managed) return;
  const sink = new DocSink();
  emitValue(ctx, managed.document, sink, n, {
    res,
    propertyPath,
    policyType: ref.via === 'boundary' ? 'boundary' : 'identity',
    name: m[1],
    attachedTo: [ref],
    awsManaged: v,
    notes: [...(assumed ? [assumed] : []), `AWS managed policy ${v}, version ${managed.version} of ${managed.date}, from ${managed.source}`],
  });
}
