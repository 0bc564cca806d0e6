/**
 * SCP stage plumbing shared by the SCP checks: the resolved organisation (SCP documents compiled over the action
 * universe), per-target hierarchies, and finding construction.
 */
import type { PolicyRecord } from '../../policy/types.js';
import type { Finding, Severity } from '../../findings/types.js';
import type { RuleMeta } from '../rules/types.js';
import { policyFinding } from '../rules/run.js';
import { type ActionUniverse } from '../../engine/actions.js';
import { type EvalStatement, compileStatements } from '../../engine/grants.js';
import { type ScpLevel } from '../../engine/org.js';
import type { OrgModel, OrgNode } from './org-model.js';
import { FULL_AWS_ACCESS, FULL_AWS_ACCESS_DOCUMENT, pathTo } from './org-model.js';

export interface ScpDocument {
  name: string;
  /** Repository path ('' for the built-in FullAWSAccess). */
  file: string;
  document: unknown;
  /** The record, when the document is part of this scan (then findings can point at its lines). */
  record?: PolicyRecord;
}

export interface ResolvedOrg {
  model: OrgModel;
  universe: ActionUniverse;
  scps: Map<string, ScpDocument>;
  compiled: Map<string, EvalStatement[]>;
}

export function resolveOrg(model: OrgModel, universe: ActionUniverse, load: (name: string, file: string) => ScpDocument): ResolvedOrg {
  const scps = new Map<string, ScpDocument>();
  const compiled = new Map<string, EvalStatement[]>();
  for (const [name, file] of model.scps) {
    const doc = name === FULL_AWS_ACCESS && file === '' ? { name, file, document: FULL_AWS_ACCESS_DOCUMENT } : load(name, file);
    scps.set(name, doc);
    compiled.set(name, compileStatements(universe, doc.document, doc.record?.id ?? `scp:${name}`, name));
  }
  return { model, universe, scps, compiled };
}

/** The SCP levels (root, OUs, account) that apply to a target, with an optional replacement document for one SCP. */
export function levelsFor(org: ResolvedOrg, target: string, override?: { name: string; statements: EvalStatement[] }): ScpLevel[] {
  return pathTo(org.model, target).map((node) => ({
    name: nodeLabel(node),
    statements: node.scps.flatMap((s) => (override && override.name === s ? override.statements : (org.compiled.get(s) ?? []))),
  }));
}

/** How a node is named in messages: `root`, `OU Workloads (ou-ab12-cdef3456)`, `account 111122223333`. */
export function nodeLabel(node: OrgNode): string {
  return node.kind === 'root' ? 'root' : `${node.kind === 'ou' ? 'OU' : 'account'} ${node.id}${node.name ? ` (${node.name})` : ''}`;
}

/** Build a finding on a policy record for an SCP check. */
export function scpFinding(meta: RuleMeta, record: PolicyRecord, path: string, message: string, subject?: string, severity?: Severity, details?: Record<string, unknown>): Finding {
  const f = policyFinding({ meta }, record, { path, message, subject, details }, severity ?? meta.severity);
  return { ...f, source: 'scp' };
}

/** Group action names by service: `{service, count, examples}` sorted by count. */
export function byService(actions: string[], examples = 5): { service: string; count: number; examples: string[] }[] {
  const m = new Map<string, string[]>();
  for (const a of actions) {
    const svc = a.slice(0, a.indexOf(':'));
    let l = m.get(svc);
    if (!l) m.set(svc, (l = []));
    l.push(a);
  }
  return [...m.entries()]
    .map(([service, l]) => ({ service, count: l.length, examples: l.slice(0, examples) }))
    .sort((a, b) => b.count - a.count || a.service.localeCompare(b.service));
}

/** "Who can still act" under a Deny: its principal exemptions, the management account, service-linked roles. */
export function stillAbleToAct(exemptions: readonly string[], managementAccount?: string): string {
  const named = exemptions.length ? `${exemptions.slice(0, 3).join(', ')}${exemptions.length > 3 ? ', ...' : ''} (exempted by its condition), ` : '';
  return `Still able to act: ${named}the management account${managementAccount ? ` ${managementAccount}` : ''} (SCPs never apply to it) and service-linked roles (not restricted by SCPs).`;
}
