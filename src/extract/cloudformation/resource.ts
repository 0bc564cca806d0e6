/**
 * One CloudFormation/SAM resource: its conditions and suppressions, then what its type holds (policy slots from the
 * resource table, SAM expansions, synthesised policies, entities, managed policy and boundary attachments).
 */
import type { PrincipalRef } from '../../policy/types.js';
import type { CMap, CNode } from './yaml.js';
import { str, intrinsicName } from './yaml.js';
import { localDefinitionPolicy, openApiBodyPolicy } from './openapi.js';
import { bucketAccessControl } from './bucket-acl.js';
import { customOrganizationsPolicy, isCustomOrgPolicyType } from './custom-org-policy.js';
import { foreignSuppressions } from './foreign-suppressions.js';
import type { BuildContext, ResourceInfo } from './builder.js';
import { emitDocument, emitEntity, inlineSuppressions, walk, pick } from './builder.js';
import { rowFor } from './resources.js';
import { attachments, managedAttachment } from './attach.js';
import { lambdaPermission, layerPermission, eventBusPolicy, organizationsPolicy, permissionSet } from './synth.js';
import { samFunctionLike, samApi, samConnector, withGlobals } from './sam.js';

export function extractResource(ctx: BuildContext, logicalId: string, node: CMap, globals: CNode | undefined): void {
  const res = resourceInfo(ctx, logicalId, node, globals);
  const { type } = res;
  switch (type) {
    case 'AWS::Serverless::Function':
      return samFunctionLike(ctx, res, 'function');
    case 'AWS::Serverless::StateMachine':
      return samFunctionLike(ctx, res, 'state-machine');
    case 'AWS::Serverless::Api':
      openApiBodyPolicy(ctx, res, 'DefinitionBody');
      localDefinitionPolicy(ctx, res, ctx.localFiles);
      return samApi(ctx, res);
    case 'AWS::Serverless::HttpApi':
      return samApi(ctx, res);
    case 'AWS::ApiGateway::RestApi':
      openApiBodyPolicy(ctx, res, 'Body');
      break;
    case 'AWS::S3::Bucket':
      bucketAccessControl(ctx, res);
      break;
    case 'AWS::Serverless::Connector':
      return samConnector(ctx, res);
    default:
      break;
  }
  const row = rowFor(type);
  if (!row) {
    if (isCustomOrgPolicyType(type)) customOrganizationsPolicy(ctx, res);
    return;
  }
  tableResource(ctx, res, row);
}

/** The resource as the builders see it: type, properties (SAM Globals merged), its Condition, suppressions. */
function resourceInfo(ctx: BuildContext, logicalId: string, node: CMap, globals: CNode | undefined): ResourceInfo {
  const type = str(node.entries.get('Type'))!;
  const propsNode = pick(ctx.resolver, node.entries.get('Properties'));
  let props = propsNode && propsNode.kind === 'map' ? propsNode : undefined;
  if (type === 'AWS::Serverless::Function') props = withGlobals(props, globals, 'Function');
  else if (type === 'AWS::Serverless::Api') props = withGlobals(props, globals, 'Api');
  else if (type === 'AWS::Serverless::StateMachine') props = withGlobals(props, globals, 'StateMachine');
  const notes: string[] = [];
  const cond = str(node.entries.get('Condition'));
  let when: string | undefined;
  if (cond) {
    const certain = ctx.resolver.certainCondition(cond, node.entries.get('Condition')!);
    if (certain !== true) {
      when = `when ${cond}`;
      notes.push(certain === false
        ? `created only when condition ${cond} is true (it is false with the parameter values given); analysed in case it is`
        : `created only when condition ${cond} is true (it depends on parameters chosen at deploy time): its Allows are analysed, its Denies take nothing away for sure`);
    }
  }
  const foreign = foreignSuppressions(ctx.file, node, ctx.suppressionMappings ?? {});
  const suppressions = [...inlineSuppressions(ctx.file, node), ...foreign.mapped];
  return { logicalId, type, node, props, suppressions, notes, ...(foreign.unmapped.length ? { foreign: foreign.unmapped } : {}), ...(when ? { when } : {}) };
}

/** A resource type of the resource table: its policy slots, entity, synthesised policy and managed attachments. */
function tableResource(ctx: BuildContext, res: ResourceInfo, row: NonNullable<ReturnType<typeof rowFor>>): void {
  const { logicalId, props } = res;
  const self: PrincipalRef | undefined = row.principal ? { kind: row.principal, id: logicalId, via: 'inline' } : undefined;
  if (row.entity && row.entity !== 'permission-set') entity(ctx, res, row.entity);
  const rowAttached = row.attach ? attachments(ctx, res, row.attach, row.via ?? 'inline') : [];
  const nameV = row.nameProp && props ? ctx.resolver.value(props.entries.get(row.nameProp)) : undefined;
  for (const slot of row.slots ?? []) {
    for (const hit of walk(ctx.resolver, props, slot.path)) {
      const itemName = slot.nameKey && hit.parent ? ctx.resolver.value(hit.parent.entries.get(slot.nameKey)) : nameV;
      const attachedTo = slot.type === 'identity' ? (self ? [self] : rowAttached) : [];
      emitDocument(ctx, hit.node, {
        res,
        propertyPath: hit.path.join('/'),
        policyType: slot.type,
        validateResourceType: slot.validateResourceType,
        name: typeof itemName === 'string' ? itemName : undefined,
        attachedTo: [...attachedTo],
      });
    }
  }
  synthesised(ctx, res, row.synth);
  if (self && props) {
    const arns = pick(ctx.resolver, props.entries.get('ManagedPolicyArns'));
    if (arns) {
      const items = arns.kind === 'seq' ? arns.items : [arns];
      items.forEach((it, i) => managedAttachment(ctx, res, it, { ...self, via: 'managed' }, `ManagedPolicyArns/${i}`));
    }
    const boundary = props.entries.get('PermissionsBoundary');
    if (boundary) managedAttachment(ctx, res, boundary, { ...self, via: 'boundary' }, 'PermissionsBoundary');
  }
}

/** The policy a resource amounts to without a policy document of its own (a Lambda permission, ...). */
function synthesised(ctx: BuildContext, res: ResourceInfo, synth: NonNullable<ReturnType<typeof rowFor>>['synth']): void {
  switch (synth) {
    case 'lambda-permission':
      return lambdaPermission(ctx, res);
    case 'layer-permission':
      return layerPermission(ctx, res);
    case 'event-bus-policy':
      return eventBusPolicy(ctx, res);
    case 'organizations-policy':
      return organizationsPolicy(ctx, res);
    case 'permission-set':
      return permissionSet(ctx, res);
    default:
      return;
  }
}

function entity(ctx: BuildContext, res: ResourceInfo, kind: NonNullable<ReturnType<typeof rowFor>>['entity']): void {
  if (!kind) return;
  emitEntity(ctx, res, kind, res.props);
  if (kind === 'user' && res.props) {
    const lp = pick(ctx.resolver, res.props.entries.get('LoginProfile'));
    if (lp) emitEntity(ctx, res, 'login-profile', lp, '/LoginProfile', { UserLogicalId: res.logicalId });
    const groups = pick(ctx.resolver, res.props.entries.get('Groups'));
    if (groups) {
      const ids = (groups.kind === 'seq' ? groups.items : [groups]).map((g) => groupId(ctx, g)).filter((x): x is string => !!x);
      emitEntity(ctx, res, 'group-membership', groups, '/Groups', { Users: [res.logicalId], GroupIds: ids });
    }
  }
  if (kind === 'group-membership' && res.props) {
    const e = ctx.entities[ctx.entities.length - 1]!;
    const g = res.props.entries.get('GroupName');
    if (g) e.properties.GroupIds = [groupId(ctx, g)].filter(Boolean);
    const users = pick(ctx.resolver, res.props.entries.get('Users'));
    if (users && users.kind === 'seq') {
      e.properties.UserIds = users.items.map((u) => principalOf(ctx, u, 'AWS::IAM::User')).filter(Boolean);
    }
  }
}

function groupId(ctx: BuildContext, node: CNode): string | undefined {
  return principalOf(ctx, node, 'AWS::IAM::Group');
}

function principalOf(ctx: BuildContext, node: CNode, type: string): string | undefined {
  const n = pick(ctx.resolver, node);
  if (!n) return undefined;
  if (intrinsicName(n) === 'Ref') {
    const id = str((n as CMap).entries.get('Ref'));
    if (id && str(ctx.resolver.model.resources.get(id)?.entries.get('Type')) === type) return id;
  }
  const v = ctx.resolver.value(n);
  if (typeof v !== 'string') return undefined;
  for (const [id, r] of ctx.resolver.model.resources) {
    if (str(r.entries.get('Type')) !== type) continue;
    const pn = ctx.resolver.physicalName(id, r);
    if (pn.known && pn.name === v) return id;
  }
  // a principal this template does not declare: never the resource whose logical id is spelled like the name
  return undefined;
}

/** Managed policies of this template get the principals that attach them; boundary-only ones become `boundary`. */
export function applyLinks(ctx: BuildContext): void {
  if (!ctx.links.length) return;
  const byPolicy = new Map<string, PrincipalRef[]>();
  for (const l of ctx.links) {
    const list = byPolicy.get(l.policy) ?? [];
    list.push(l.ref);
    byPolicy.set(l.policy, list);
  }
  for (const rec of ctx.policies) {
    if (rec.resourceType !== 'AWS::IAM::ManagedPolicy') continue;
    const refs = byPolicy.get(rec.resource);
    if (!refs) continue;
    for (const r of refs) {
      if (!rec.attachedTo.some((a) => a.kind === r.kind && a.id === r.id && a.via === r.via)) rec.attachedTo.push(r);
    }
    for (const l of ctx.links) {
      if (l.policy !== rec.resource || !l.when) continue;
      rec.when ??= `${l.when} (attached to ${l.ref.id})`;
      rec.notes = [...(rec.notes ?? []), `attached to ${l.ref.kind} ${l.ref.id} only ${l.when}: its Denies take nothing away for sure`];
    }
    if (rec.attachedTo.length > 0 && rec.attachedTo.every((a) => a.via === 'boundary')) rec.policyType = 'boundary';
  }
}
