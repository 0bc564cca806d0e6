/**
 * Region locks and global services: a Deny conditioned on aws:RequestedRegion whose allowed Regions leave out
 * us-east-1 also denies the global services (IAM, STS's global endpoint, Organizations, Route 53, CloudFront,
 * Support, Budgets, ...), whose requests carry us-east-1 — unless its NotAction exempts them. The finding says what
 * breaks and for whom; a change that removes an exemption the base version had says so.
 */
import type { PolicyRecord } from '../../policy/types.js';
import type { Finding } from '../../findings/types.js';
import type { RuleMeta } from '../rules/types.js';
import { type ActionUniverse, patternPositions } from '../../engine/actions.js';
import { type EvalStatement, compileStatements } from '../../engine/grants.js';
import { principalExemptions } from '../../engine/org.js';
import { evaluateConditions } from '../../engine/contexts.js';
import { GLOBAL_SERVICES, GLOBAL_SERVICES_REGION, GLOBAL_SERVICES_SOURCE } from '../../catalog/global-services.js';
import type { GlobalServiceEntry } from '../../catalog/global-services.js';
import { scpFinding, stillAbleToAct } from './model.js';

export const regionLockMeta: RuleMeta = {
  id: 'scp-region-lock-global-services',
  title: 'Region-lock SCP denies the global services',
  severity: 'error',
  category: 'scp',
  description: `Global services (IAM, STS's global endpoint, Organizations, Route 53, CloudFront, Support, Budgets, WAF Classic, Global Accelerator, ...) are served from ${GLOBAL_SERVICES_REGION}: their requests carry aws:RequestedRegion = ${GLOBAL_SERVICES_REGION}. A region-lock Deny that does not allow ${GLOBAL_SERVICES_REGION} and does not exempt them in NotAction denies them everywhere: role assumption through sts.amazonaws.com, IAM changes, DNS and billing stop working for every principal it applies to. AWS's list: ${GLOBAL_SERVICES_SOURCE}`,
  fix: `Write the region lock as "Effect": "Deny" with a "NotAction" list of the global services (AWS's example list: ${GLOBAL_SERVICES_SOURCE}), or allow ${GLOBAL_SERVICES_REGION} in the aws:RequestedRegion condition.`,
  examples: {
    bad: { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: '*', Resource: '*', Condition: { StringNotEquals: { 'aws:RequestedRegion': ['eu-west-1'] } } }] },
    good: { Version: '2012-10-17', Statement: [{ Effect: 'Deny', NotAction: ['iam:*', 'sts:*', 'organizations:*', 'route53:*', 'cloudfront:*', 'support:*', 'budgets:*'], Resource: '*', Condition: { StringNotEquals: { 'aws:RequestedRegion': ['eu-west-1'] } } }] },
  },
};

const REGION_KEY = 'aws:requestedregion';
/** Other condition keys a region lock may carry and still apply to everyone's requests it names: who is asking. */
const PRINCIPAL_SCOPED = /^aws:(principalarn|principaltag\/.*|principalorgpaths|principalaccount|principaltype|userid|username|principalisawsservice)$/i;

function coversAny(u: ActionUniverse, st: EvalStatement, pattern: string): boolean {
  // the pattern's own actions looked up in the statement's set, not a scan of two universe-wide sets per entry
  return patternPositions(u, pattern).some((i) => st.actions[i]);
}

/** Global services a statement denies to requests in us-east-1 (none when it is not a region lock that applies there). */
function deniedGlobals(u: ActionUniverse, st: EvalStatement): GlobalServiceEntry[] {
  if (st.effect !== 'Deny' || st.notResources || (st.resources && !st.resources.includes('*'))) return [];
  const region = st.conditions.filter((c) => c.key.toLowerCase() === REGION_KEY);
  if (!region.length) return [];
  // scoped to network paths (a VPC, an endpoint, addresses): not a region lock of everyone's requests
  if (st.conditions.some((c) => !PRINCIPAL_SCOPED.test(c.key) && c.key.toLowerCase() !== REGION_KEY)) return [];
  if (evaluateConditions(region, new Map([[REGION_KEY, [GLOBAL_SERVICES_REGION]]])) !== true) return [];
  return GLOBAL_SERVICES.filter((e) => coversAny(u, st, e.pattern));
}

function forWhom(st: EvalStatement, managementAccount?: string): string {
  const exempt = principalExemptions(st.conditions);
  const others = [...new Set(st.conditions.filter((c) => !/^aws:(requestedregion|principalarn|userid|username)$/i.test(c.key)).map((c) => c.key))];
  const who = exempt.length ? `every principal of the accounts below it except ${exempt.slice(0, 3).join(', ')}${exempt.length > 3 ? ', ...' : ''}` : 'every principal of the accounts below it, administrators and pipelines included (no break-glass exception)';
  return `${who}${others.length ? `, for requests that also meet its conditions on ${others.join(', ')}` : ''}. ${stillAbleToAct(exempt, managementAccount)}`;
}

export function checkRegionLock(u: ActionUniverse, record: PolicyRecord, managementAccount?: string): Finding[] {
  const out: Finding[] = [];
  const head = compileStatements(u, record.document, record.id, record.resource);
  const baseDenied = new Set<string>();
  const hadBase = record.base !== undefined;
  if (hadBase) for (const st of compileStatements(u, record.base, `${record.id}@base`, record.resource)) for (const e of deniedGlobals(u, st)) baseDenied.add(e.pattern);
  for (const st of head) {
    const denied = deniedGlobals(u, st);
    const critical = denied.filter((e) => e.critical);
    if (!critical.length) continue;
    const removed = hadBase ? critical.filter((e) => !baseDenied.has(e.pattern)) : [];
    const label = st.sid ? `Statement "${st.sid}"` : `Statement at ${st.path}`;
    const list = (es: GlobalServiceEntry[]): string => es.map((e) => `${e.pattern} (${e.breaks})`).join('; ');
    const rest = denied.length - critical.length;
    const where = `${st.path}/${/NotAction/.test(JSON.stringify(Object.keys(statementAt(record.document, st.path) ?? {}))) ? 'NotAction' : 'Action'}`;
    const tail = `${rest ? ` It also denies ${rest} more global service entr${rest === 1 ? 'y' : 'ies'} of AWS's list.` : ''} Affected: ${forWhom(st, managementAccount)}`;
    const message = removed.length
      ? `${label} is a region lock that does not allow ${GLOBAL_SERVICES_REGION}, and this change stops exempting ${removed.map((e) => e.pattern).join(', ')}, which the base version exempted: lock-out risk. Now denied everywhere: ${list(removed)}.${tail}`
      : `${label} is a region lock that does not allow ${GLOBAL_SERVICES_REGION} and does not exempt the global services served from there: denied everywhere: ${list(critical)}.${tail}`;
    out.push(scpFinding(regionLockMeta, record, where, message, `global:${(removed.length ? removed : critical).map((e) => e.pattern).join(',')}`, undefined, { removed: removed.map((e) => e.pattern), denied: denied.map((e) => e.pattern) }));
  }
  return out;
}

function statementAt(doc: unknown, pointer: string): Record<string, unknown> | undefined {
  let cur: unknown = doc;
  for (const part of pointer.split('/').slice(1)) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[part.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return cur !== null && typeof cur === 'object' && !Array.isArray(cur) ? (cur as Record<string, unknown>) : undefined;
}
