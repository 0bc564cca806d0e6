/**
 * Organisation-as-code resource types that carry an SCP or RCP but are not `AWS::Organizations::Policy`:
 * registry types such as `Community::Organizations::Policy`, org-formation's `OC::ORG::ServiceControlPolicy`, and
 * similar `<Vendor>::Organizations::<...>Policy` types. Extracted as SCPs (RCPs) when the type name or its
 * `Type`/`PolicyType` property says so; other organisation policies (tag, backup, AI opt-out) are not IAM policies.
 */
import type { PolicyType } from '../../policy/types.js';
import type { BuildContext, ResourceInfo } from './builder.js';
import { emitDocument, pick } from './builder.js';

const ORG_TYPE = /^(?!AWS::)[A-Za-z0-9]+::(Organizations?|ORG)::[A-Za-z0-9]*(Policy|SCP|RCP)$/i;
const DOC_PROPS = ['Content', 'PolicyDocument', 'Document', 'Policy', 'PolicyContent'];

export function isCustomOrgPolicyType(type: string): boolean {
  return ORG_TYPE.test(type);
}

function kindOf(type: string, declared: unknown): PolicyType | undefined {
  const last = type.split('::').pop() ?? '';
  if (/ServiceControlPolicy$|SCP$/i.test(last)) return 'scp';
  if (/ResourceControlPolicy$|RCP$/i.test(last)) return 'rcp';
  if (declared === 'SERVICE_CONTROL_POLICY' || declared === 'SCP') return 'scp';
  if (declared === 'RESOURCE_CONTROL_POLICY' || declared === 'RCP') return 'rcp';
  return undefined;
}

export function customOrganizationsPolicy(ctx: BuildContext, res: ResourceInfo): void {
  const p = res.props;
  if (!p) return;
  const declared = ctx.resolver.value(p.entries.get('Type') ?? p.entries.get('PolicyType'));
  const policyType = kindOf(res.type, declared);
  if (!policyType) return;
  const prop = DOC_PROPS.find((k) => p.entries.has(k));
  const content = prop ? pick(ctx.resolver, p.entries.get(prop)) : undefined;
  if (!prop || !content) return;
  const nameV = ctx.resolver.value(p.entries.get('Name') ?? p.entries.get('PolicyName'));
  const targets = p.entries.get('TargetIds') ?? p.entries.get('Targets');
  const tv = targets ? ctx.resolver.value(targets) : undefined;
  const rec = emitDocument(ctx, content, {
    res,
    propertyPath: prop,
    policyType,
    name: typeof nameV === 'string' ? nameV : undefined,
    notes: [`${res.type}: read as ${policyType === 'scp' ? 'a service control policy' : 'a resource control policy'} (custom organisation policy type)`,
      ...(Array.isArray(tv) && tv.length ? [`attached to ${tv.map(String).join(', ')}`] : [])],
  });
  if (rec && Array.isArray(tv)) rec.targets = tv.map(String);
}
