/**
 * Resources whose policy document is synthesised from properties: Lambda permissions, layer permissions,
 * EventBridge bus policies, Organizations policies (SCP/RCP as object or string), IAM Identity Center permission
 * sets. Every synthesised element maps to the property it came from.
 */
import type { CNode } from './yaml.js';
import { str, spanOf } from './yaml.js';
import type { BuildContext, ResourceInfo } from './builder.js';
import { DocSink, emitDocument, emitValue, emitEntity, pick, finding } from './builder.js';
import { NO_VALUE } from './intrinsic-model.js';
import { managedAttachment } from './attach.js';

const VERSION = '2012-10-17';

type Parts = { ptr: string; node: CNode | undefined; map?: (v: unknown) => unknown }[];

/** Resolve the given property nodes into pointers of a synthesised document. */
function synthesise(ctx: BuildContext, base: Record<string, unknown>, parts: Parts): { doc: Record<string, unknown>; sink: DocSink } {
  const sink = new DocSink();
  const doc = base; // each caller passes a fresh literal of strings: nothing to copy
  for (const { ptr, node, map } of parts) {
    const n = pick(ctx.resolver, node);
    if (!n) continue;
    let v = ctx.resolver.resolve(n, ptr, sink);
    if (v === NO_VALUE || v === undefined || v === null || v === '') continue;
    if (map) {
      v = map(v);
      // a placeholder keeps the value the document holds (e.g. the function ARN built from its name)
      for (const h of sink.hits) if (h.ptr === ptr && typeof v === 'string') h.standIn = v;
    }
    setPtr(doc, ptr, v);
    // the sink recorded the raw value's pointers; make sure the pointer itself maps to the property
    if (!sink.has(ptr)) sink.span(ptr, n);
  }
  return { doc, sink };
}

function setPtr(obj: Record<string, unknown>, ptr: string, v: unknown): void {
  const segs = ptr.slice(1).split('/');
  let cur: Record<string, unknown> | unknown[] = obj;
  for (let i = 0; i < segs.length - 1; i++) {
    const s = segs[i]!;
    const nextIsIndex = /^\d+$/.test(segs[i + 1]!);
    const c = cur as Record<string, unknown>;
    if (c[s] === undefined) c[s] = nextIsIndex ? [] : {};
    cur = c[s] as Record<string, unknown>;
  }
  (cur as Record<string, unknown>)[segs[segs.length - 1]!] = v;
}

function principalOf(v: unknown): unknown {
  if (typeof v !== 'string') return v;
  if (v === '*') return '*';
  if (/\.amazonaws\.com(\.cn)?$/.test(v) || /^[a-z0-9-]+\.amazonaws/.test(v)) return { Service: v };
  return { AWS: v };
}

export function lambdaPermission(ctx: BuildContext, res: ResourceInfo): void {
  const p = res.props;
  if (!p) return;
  const e = ctx.resolver.model.env;
  const g = (k: string) => p.entries.get(k);
  const { doc, sink } = synthesise(ctx, { Version: VERSION, Statement: [{ Effect: 'Allow' }] }, [
    { ptr: '/Statement/0/Principal', node: g('Principal'), map: principalOf },
    { ptr: '/Statement/0/Action', node: g('Action') },
    {
      ptr: '/Statement/0/Resource', node: g('FunctionName'),
      map: (v) => (typeof v === 'string' && !v.startsWith('arn:') ? `arn:${e.partition}:lambda:${e.region}:${e.account}:function:${v}` : v),
    },
    { ptr: '/Statement/0/Condition/ArnLike/AWS:SourceArn', node: g('SourceArn') },
    { ptr: '/Statement/0/Condition/StringEquals/AWS:SourceAccount', node: g('SourceAccount') },
    { ptr: '/Statement/0/Condition/StringEquals/aws:PrincipalOrgID', node: g('PrincipalOrgID') },
    { ptr: '/Statement/0/Condition/StringEquals/lambda:FunctionUrlAuthType', node: g('FunctionUrlAuthType') },
    { ptr: '/Statement/0/Condition/StringEquals/lambda:EventSourceToken', node: g('EventSourceToken') },
  ]);
  emitValue(ctx, doc, sink, res.props!, { res, propertyPath: 'Properties', policyType: 'resource', notes: ['statement synthesised from the Lambda permission'] });
}

export function layerPermission(ctx: BuildContext, res: ResourceInfo): void {
  const p = res.props;
  if (!p) return;
  const g = (k: string) => p.entries.get(k);
  const { doc, sink } = synthesise(ctx, { Version: VERSION, Statement: [{ Effect: 'Allow' }] }, [
    { ptr: '/Statement/0/Principal', node: g('Principal'), map: (v) => (v === '*' ? '*' : { AWS: v }) },
    { ptr: '/Statement/0/Action', node: g('Action') },
    { ptr: '/Statement/0/Resource', node: g('LayerVersionArn') },
    { ptr: '/Statement/0/Condition/StringEquals/aws:PrincipalOrgID', node: g('OrganizationId') },
  ]);
  emitValue(ctx, doc, sink, p, { res, propertyPath: 'Properties', policyType: 'resource', notes: ['statement synthesised from the layer permission'] });
}

export function eventBusPolicy(ctx: BuildContext, res: ResourceInfo): void {
  const p = res.props;
  if (!p) return;
  const e = ctx.resolver.model.env;
  const g = (k: string) => p.entries.get(k);
  const busName = (() => {
    const n = g('EventBusName');
    const v = n ? ctx.resolver.value(n) : undefined;
    return typeof v === 'string' ? v : 'default';
  })();
  const busArn = busName.startsWith('arn:') ? busName : `arn:${e.partition}:events:${e.region}:${e.account}:event-bus/${busName}`;
  if (g('Statement')) {
    const { doc, sink } = synthesise(ctx, { Version: VERSION }, [{ ptr: '/Statement/0', node: g('Statement') }]);
    emitValue(ctx, doc, sink, g('Statement')!, { res, propertyPath: 'Statement', policyType: 'resource' });
    return;
  }
  const cond = pick(ctx.resolver, g('Condition'));
  const condV = cond ? (ctx.resolver.value(cond) as Record<string, unknown> | undefined) : undefined;
  const parts: Parts = [
    { ptr: '/Statement/0/Principal', node: g('Principal'), map: (v) => (v === '*' ? '*' : { AWS: v }) },
    { ptr: '/Statement/0/Action', node: g('Action') },
  ];
  if (condV && typeof condV === 'object' && typeof condV.Key === 'string') {
    parts.push({ ptr: `/Statement/0/Condition/${typeof condV.Type === 'string' ? condV.Type : 'StringEquals'}/${condV.Key.replace(/~/g, '~0').replace(/\//g, '~1')}`, node: cond!.kind === 'map' ? cond!.entries.get('Value') : undefined });
  }
  const { doc, sink } = synthesise(ctx, { Version: VERSION, Statement: [{ Sid: typeof ctx.resolver.value(g('StatementId')) === 'string' ? ctx.resolver.value(g('StatementId')) : undefined, Effect: 'Allow', Resource: busArn }] }, parts);
  const st = (doc.Statement as Record<string, unknown>[])[0]!;
  if (st.Sid === undefined) delete st.Sid;
  emitValue(ctx, doc, sink, p, { res, propertyPath: 'Properties', policyType: 'resource', notes: ['statement synthesised from the event bus permission'] });
}

export function organizationsPolicy(ctx: BuildContext, res: ResourceInfo): void {
  const p = res.props;
  if (!p) return;
  const t = ctx.resolver.value(p.entries.get('Type'));
  const type = t === 'SERVICE_CONTROL_POLICY' ? 'scp' : t === 'RESOURCE_CONTROL_POLICY' ? 'rcp' : undefined;
  if (!type) return; // tag, backup, AI opt-out ... policies are not IAM policies
  const content = p.entries.get('Content');
  if (!content) return;
  const targets = p.entries.get('TargetIds');
  const tv = targets ? ctx.resolver.value(targets) : undefined;
  const nameV = ctx.resolver.value(p.entries.get('Name'));
  const rec = emitDocument(ctx, content, {
    res,
    propertyPath: 'Content',
    policyType: type,
    name: typeof nameV === 'string' ? nameV : undefined,
    notes: Array.isArray(tv) && tv.length ? [`attached to ${tv.map(String).join(', ')}`] : [],
  });
  if (rec && Array.isArray(tv)) rec.targets = tv.map(String); // a target removed is a guardrail removed (findings/guardrails.ts)
}

export function permissionSet(ctx: BuildContext, res: ResourceInfo): void {
  const p = res.props;
  emitEntity(ctx, res, 'permission-set', p);
  if (!p) return;
  const nameV = ctx.resolver.value(p.entries.get('Name'));
  const self = { kind: 'permission-set' as const, id: res.logicalId, via: 'inline' as const };
  const inline = pick(ctx.resolver, p.entries.get('InlinePolicy'));
  if (inline) {
    emitDocument(ctx, inline, { res, propertyPath: 'InlinePolicy', policyType: 'identity', name: typeof nameV === 'string' ? nameV : undefined, attachedTo: [self] });
  }
  const managed = pick(ctx.resolver, p.entries.get('ManagedPolicies'));
  if (managed && managed.kind === 'seq') {
    managed.items.forEach((it, i) => managedAttachment(ctx, res, it, { ...self, via: 'managed' }, `ManagedPolicies/${i}`));
  }
  const boundary = pick(ctx.resolver, p.entries.get('PermissionsBoundary'));
  if (boundary && boundary.kind === 'map') {
    const arn = boundary.entries.get('ManagedPolicyArn');
    if (arn) managedAttachment(ctx, res, arn, { ...self, via: 'boundary' }, 'PermissionsBoundary/ManagedPolicyArn');
    const cm = boundary.entries.get('CustomerManagedPolicyReference');
    if (cm) {
      const s = spanOf(cm);
      const nm = str(pick(ctx.resolver, cm.kind === 'map' ? cm.entries.get('Name') : undefined));
      ctx.findings.push(finding(ctx.file, s, 'cfn-boundary-external', 'suggestion', 'Permissions boundary defined outside the template',
        `${res.logicalId} uses the customer managed policy ${nm ?? '(unnamed)'} as its permissions boundary; it is not in this template, so it was not analysed`, res.logicalId));
    }
  }
}
