/**
 * The organisation model for SCP checks, from the config's `organization` key:
 *
 * ```yaml
 * organization:
 *   scps:                         # name -> repository path of the SCP document (FullAWSAccess is built in)
 *     DenyLeave: org/scps/deny-leave.json
 *     RegionLock: org/scps/region-lock.json
 *   root: [FullAWSAccess, DenyLeave]          # SCPs attached to the root
 *   ous:
 *     Workloads: { parent: root, scps: [FullAWSAccess, RegionLock] }
 *     Prod: { parent: Workloads, scps: [FullAWSAccess] }
 *   accounts:
 *     "111122223333": { parent: Prod, scps: [FullAWSAccess], name: orders-prod }
 *   deployments:                  # which accounts / OUs the files of this repository deploy to
 *     - files: ["infra/prod/**"]
 *       targets: ["111122223333"]
 *   exempt-principals: ["arn:aws:iam::*:role/BreakGlass"]      # must never be locked out
 *   pipeline-principals: ["arn:aws:iam::*:role/github-deploy"] # the CI/CD roles this repository deploys with
 *   management-account: "999988887777"   # SCPs do not apply there
 * ```
 */
import picomatch from 'picomatch';

export const FULL_AWS_ACCESS = 'FullAWSAccess';
export const FULL_AWS_ACCESS_DOCUMENT = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };

export interface OrgNode {
  kind: 'root' | 'ou' | 'account';
  id: string;
  parent?: string;
  scps: string[];
  name?: string;
}

export interface OrgModel {
  /** SCP name -> repository path ('' for the built-in FullAWSAccess). */
  scps: Map<string, string>;
  nodes: Map<string, OrgNode>;
  deployments: { files: string[]; targets: string[] }[];
  exemptPrincipals: string[];
  pipelinePrincipals: string[];
  managementAccount?: string;
}

export class OrgModelError extends Error {}

function list(v: unknown, where: string): string[] {
  if (v === undefined) return [];
  if (typeof v === 'string') return [v];
  if (Array.isArray(v) && v.every((x) => typeof x === 'string' || typeof x === 'number')) return v.map(String);
  throw new OrgModelError(`${where} must be a list of strings`);
}

function obj(v: unknown, where: string): Record<string, unknown> {
  if (v === undefined) return {};
  if (v && typeof v === 'object' && !Array.isArray(v)) return v as Record<string, unknown>;
  throw new OrgModelError(`${where} must be a mapping`);
}

/** Validate and normalise `options.organization`. Throws OrgModelError naming the key. */
export function parseOrgModel(raw: unknown): OrgModel | undefined {
  if (raw === undefined || raw === null) return undefined;
  const o = obj(raw, 'organization');
  const known = new Set(['scps', 'root', 'ous', 'accounts', 'deployments', 'exempt-principals', 'pipeline-principals', 'management-account']);
  for (const k of Object.keys(o)) if (!known.has(k)) throw new OrgModelError(`organization.${k}: unknown key`);
  const scps = new Map<string, string>([[FULL_AWS_ACCESS, '']]);
  for (const [name, p] of Object.entries(obj(o.scps, 'organization.scps'))) {
    if (typeof p !== 'string') throw new OrgModelError(`organization.scps.${name} must be a repository path`);
    scps.set(name, p);
  }
  const nodes = new Map<string, OrgNode>();
  nodes.set('root', { kind: 'root', id: 'root', scps: list(o.root ?? [FULL_AWS_ACCESS], 'organization.root') });
  for (const [id, v] of Object.entries(obj(o.ous, 'organization.ous'))) {
    const n = obj(v, `organization.ous.${id}`);
    nodes.set(id, { kind: 'ou', id, parent: typeof n.parent === 'string' ? n.parent : 'root', scps: list(n.scps ?? [FULL_AWS_ACCESS], `organization.ous.${id}.scps`), name: typeof n.name === 'string' ? n.name : undefined });
  }
  for (const [id, v] of Object.entries(obj(o.accounts, 'organization.accounts'))) {
    if (!/^\d{12}$/.test(id)) throw new OrgModelError(`organization.accounts.${id}: an account id has 12 digits`);
    const n = obj(v, `organization.accounts.${id}`);
    nodes.set(id, { kind: 'account', id, parent: typeof n.parent === 'string' ? n.parent : 'root', scps: list(n.scps ?? [FULL_AWS_ACCESS], `organization.accounts.${id}.scps`), name: typeof n.name === 'string' ? n.name : undefined });
  }
  for (const n of nodes.values()) {
    if (n.parent && !nodes.has(n.parent)) throw new OrgModelError(`organization: ${n.id} has unknown parent ${n.parent}`);
    for (const s of n.scps) if (!scps.has(s)) throw new OrgModelError(`organization: ${n.id} attaches unknown SCP ${s} (declare it under organization.scps)`);
  }
  // cycles
  for (const n of nodes.values()) {
    const seen = new Set<string>();
    for (let c: OrgNode | undefined = n; c; c = c.parent ? nodes.get(c.parent) : undefined) {
      if (seen.has(c.id)) throw new OrgModelError(`organization: cycle in the OU tree at ${c.id}`);
      seen.add(c.id);
    }
  }
  const deployments = (Array.isArray(o.deployments) ? o.deployments : o.deployments === undefined ? [] : (() => { throw new OrgModelError('organization.deployments must be a list'); })()).map((d: unknown, i: number) => {
    const e = obj(d, `organization.deployments[${i}]`);
    const targets = list(e.targets, `organization.deployments[${i}].targets`);
    for (const t of targets) if (!nodes.has(t)) throw new OrgModelError(`organization.deployments[${i}]: unknown target ${t}`);
    return { files: list(e.files, `organization.deployments[${i}].files`), targets };
  });
  return {
    scps,
    nodes,
    deployments,
    exemptPrincipals: list(o['exempt-principals'], 'organization.exempt-principals'),
    pipelinePrincipals: list(o['pipeline-principals'], 'organization.pipeline-principals'),
    managementAccount: o['management-account'] !== undefined ? String(o['management-account']) : undefined,
  };
}

/** Path from the root down to `target` (root first). */
export function pathTo(model: OrgModel, target: string): OrgNode[] {
  const out: OrgNode[] = [];
  for (let n = model.nodes.get(target); n; n = n.parent ? model.nodes.get(n.parent) : undefined) out.unshift(n);
  return out;
}

/** The targets (accounts / OUs) a repository file deploys to. */
export function targetsFor(model: OrgModel, repoPath: string): string[] {
  const out = new Set<string>();
  for (const d of model.deployments) if (d.files.some((g) => picomatch.isMatch(repoPath, g, { dot: true }))) d.targets.forEach((t) => out.add(t));
  return [...out];
}

/** Where an SCP (by name) is attached. */
export function attachmentsOf(model: OrgModel, scpName: string): OrgNode[] {
  return [...model.nodes.values()].filter((n) => n.scps.includes(scpName));
}

/** SCP names whose document lives at `repoPath`. */
export function scpNamesForFile(model: OrgModel, repoPath: string): string[] {
  return [...model.scps.entries()].filter(([, p]) => p === repoPath).map(([n]) => n);
}
