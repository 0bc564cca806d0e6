/**
 * The live organisation as the SCP checks' model: the same OrgModel the config's `organization:` builds (so impact,
 * lock-out and workload checks run unchanged), one for SCPs and one for RCPs. The config may still give what the
 * API cannot tell: deployments, exempt and pipeline principals, the management account.
 */
import path from 'node:path';
import { canonicalJson } from '../../../policy/fingerprint.js';
import type { PolicyRecord } from '../../../policy/types.js';
import type { OrgModel, OrgNode } from '../org-model.js';
import { FULL_AWS_ACCESS } from '../org-model.js';
import type { LiveOrganization } from './read.js';

/** The part of the config's `organization:` the live model keeps (no tree of its own). */
export interface OrgExtras {
  deployments?: Record<string, string[]>;
  exemptPrincipals?: string[];
  pipelinePrincipals?: string[];
  managementAccount?: string;
}

/** Does the config's (normalised) organisation model describe a tree of its own? Then it wins over the live read. */
export function configHasTree(org: unknown): boolean {
  if (!org || typeof org !== 'object') return false;
  const o = org as Record<string, unknown>;
  const some = (v: unknown) => !!v && typeof v === 'object' && Object.keys(v).length > 0;
  return some(o.scps) || some(o.attachments) || some(o.ous) || some(o.root);
}

/** `organizations:<policy id>` stands for a live policy where the config model has a repository path. */
export const liveFile = (policyId: string) => `organizations:${policyId}`;

export function liveOrgModel(live: LiveOrganization, type: 'scp' | 'rcp', extras: OrgExtras = {}): OrgModel {
  const name = (id: string) => {
    const p = live.policies.get(id);
    if (type === 'scp' && (id === 'p-FullAWSAccess' || (p?.awsManaged && p.name === FULL_AWS_ACCESS))) return FULL_AWS_ACCESS;
    return p?.name ?? id;
  };
  const scps = new Map<string, string>([[FULL_AWS_ACCESS, '']]);
  const nodes = new Map<string, OrgNode>();
  const idOf = (id: string) => (id === live.rootId ? 'root' : id);
  for (const n of live.nodes) {
    const ids = type === 'scp' ? n.scps : n.rcps;
    for (const id of ids) if (name(id) !== FULL_AWS_ACCESS) scps.set(name(id), liveFile(id));
    nodes.set(idOf(n.id), {
      kind: n.kind,
      id: idOf(n.id),
      ...(n.parent ? { parent: idOf(n.parent) } : {}),
      scps: ids.map(name),
      ...(n.kind === 'root' ? { name: n.id } : n.name ? { name: n.name } : {}),
    });
  }
  const byOuName = new Map<string, string>();
  for (const n of live.nodes) if (n.kind === 'ou' && n.name) byOuName.set(n.name, byOuName.has(n.name) ? '' : n.id);
  const target = (t: string) => (t === 'root' ? 'root' : nodes.has(t) ? t : byOuName.get(t) || undefined);
  const deployments = Object.entries(extras.deployments ?? {}).map(([glob, ts]) => ({ files: [glob], targets: ts.map(target).filter((x): x is string => !!x) }));
  return {
    scps,
    nodes,
    deployments,
    exemptPrincipals: extras.exemptPrincipals ?? [],
    pipelinePrincipals: extras.pipelinePrincipals ?? [],
    ...(extras.managementAccount ? { managementAccount: extras.managementAccount } : {}),
  };
}

/** Deployment targets of the config that the live organisation does not have (named in a note). */
export function unknownDeploymentTargets(live: LiveOrganization, extras: OrgExtras): string[] {
  const known = new Set(live.nodes.flatMap((n) => [n.id, ...(n.kind === 'ou' && n.name ? [n.name] : [])]));
  known.add('root');
  return [...new Set(Object.values(extras.deployments ?? {}).flat())].filter((t) => !known.has(t));
}

function normalised(doc: unknown): string {
  if (!doc || typeof doc !== 'object') return canonicalJson(doc);
  const d = doc as Record<string, unknown>;
  const sts = Array.isArray(d.Statement) ? d.Statement : d.Statement !== undefined ? [d.Statement] : [];
  const list = (v: unknown) => (typeof v === 'string' ? [v] : v);
  return canonicalJson({
    ...d,
    Statement: sts.map((s) => {
      if (!s || typeof s !== 'object') return s;
      const o = { ...(s as Record<string, unknown>) };
      for (const k of ['Action', 'NotAction', 'Resource', 'NotResource']) if (o[k] !== undefined) o[k] = list(o[k]);
      return o;
    }),
  });
}

/**
 * The live policies a changed record is: the one whose content is the record's base version (what is deployed
 * now), else the one named like the file or the resource.
 */
export function liveNamesFor(model: OrgModel, live: LiveOrganization, record: PolicyRecord, repoPath: string): string[] {
  const names = new Set<string>();
  const base = record.base !== undefined ? normalised(record.base) : undefined;
  const stem = path.posix.basename(repoPath).replace(/\.(json|ya?ml|tf|tf\.json|template)$/i, '').toLowerCase();
  const resource = record.resource.toLowerCase();
  for (const [name, file] of model.scps) {
    const id = file.startsWith('organizations:') ? file.slice('organizations:'.length) : undefined;
    const p = id ? live.policies.get(id) : undefined;
    if (!p || p.awsManaged) continue;
    if ((base !== undefined && normalised(p.document) === base) || name.toLowerCase() === stem || name.toLowerCase() === resource) names.add(name);
  }
  return [...names];
}
