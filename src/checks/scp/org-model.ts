/**
 * The organisation model for SCP checks, from the config's `organization` key (validated and normalised by
 * src/config/load.ts; see docs/scp.md):
 *
 * ```yaml
 * organization:
 *   scps:                          # SCP name -> repository path (FullAWSAccess is built in)
 *     DenyLeave: org/scps/deny-leave.json
 *   attachments:                   # target (root, OU name or id, account id) -> SCPs attached there
 *     root: [FullAWSAccess, DenyLeave]
 *     Workloads: [FullAWSAccess, RegionLock]
 *   ous:                           # the OU tree under the root
 *     Workloads: { id: ou-ab12-cdef3456, ous: { Prod: { accounts: ["111122223333"] } } }
 *   deployments:                   # repository glob -> accounts / OUs its files deploy to
 *     "infra/prod/**": ["111122223333"]
 *   exempt-principals: ["arn:aws:iam::*:role/BreakGlass"]
 *   pipeline-principals: ["arn:aws:iam::*:role/github-deploy"]
 *   management-account: "999988887777"
 * ```
 * A node without an `attachments` entry has FullAWSAccess, as AWS attaches it by default.
 */
import { pathGlobMatch } from '../../util/path-glob.js';

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

function strList(v: unknown, where: string): string[] {
  if (v === undefined) return [];
  if (typeof v === 'string' || typeof v === 'number') return [String(v)];
  if (Array.isArray(v) && v.every((x) => typeof x === 'string' || typeof x === 'number')) return v.map(String);
  throw new OrgModelError(`${where} must be a list of strings`);
}

function obj(v: unknown, where: string): Record<string, unknown> {
  if (v === undefined) return {};
  if (v && typeof v === 'object' && !Array.isArray(v)) return v as Record<string, unknown>;
  throw new OrgModelError(`${where} must be a mapping`);
}

const account = (a: string) => (/^\d{1,11}$/.test(a) ? a.padStart(12, '0') : a);

/** Build the model from `options.organization`. Throws OrgModelError naming the key. */
export function parseOrgModel(raw: unknown): OrgModel | undefined {
  if (raw === undefined || raw === null) return undefined;
  const o = obj(raw, 'organization');
  const scps = new Map<string, string>([[FULL_AWS_ACCESS, '']]);
  for (const [name, p] of Object.entries(obj(o.scps, 'organization.scps'))) {
    if (typeof p !== 'string') throw new OrgModelError(`organization.scps.${name} must be a repository path`);
    scps.set(name, p);
  }
  const nodes = new Map<string, OrgNode>();
  const alias = new Map<string, string>([['root', 'root']]);
  if (typeof o.root === 'string') alias.set(o.root, 'root');
  nodes.set('root', { kind: 'root', id: 'root', scps: [] });
  const walk = (tree: Record<string, unknown>, parent: string, where: string) => {
    for (const [name, v] of Object.entries(tree)) {
      const ou = obj(v, `${where}.${name}`);
      if (nodes.has(name)) throw new OrgModelError(`${where}.${name}: OU appears twice`);
      nodes.set(name, { kind: 'ou', id: name, parent, scps: [], name: typeof ou.id === 'string' ? ou.id : undefined });
      alias.set(name, name);
      if (typeof ou.id === 'string') alias.set(ou.id, name);
      for (const a of strList(ou.accounts, `${where}.${name}.accounts`).map(account)) {
        nodes.set(a, { kind: 'account', id: a, parent: name, scps: [] });
        alias.set(a, a);
      }
      walk(obj(ou.ous, `${where}.${name}.ous`), name, `${where}.${name}.ous`);
    }
  };
  walk(obj(o.ous, 'organization.ous'), 'root', 'organization.ous');
  const resolve = (t: string, where: string): string => {
    const a = account(t);
    const id = alias.get(a);
    if (id) return id;
    if (/^\d{12}$/.test(a)) {
      // an account not placed in the OU tree sits directly under the root
      nodes.set(a, { kind: 'account', id: a, parent: 'root', scps: [] });
      alias.set(a, a);
      return a;
    }
    throw new OrgModelError(`${where}: "${t}" is not root, an OU of organization.ous, an OU id or an account id`);
  };
  const attached = new Map<string, string[]>();
  for (const [t, names] of Object.entries(obj(o.attachments, 'organization.attachments'))) {
    const id = resolve(t, `organization.attachments.${t}`);
    const list = strList(names, `organization.attachments.${t}`);
    for (const n of list) if (!scps.has(n)) throw new OrgModelError(`organization.attachments.${t}: SCP "${n}" is not defined under organization.scps`);
    attached.set(id, list);
  }
  const deployments: OrgModel['deployments'] = [];
  for (const [glob, targets] of Object.entries(obj(o.deployments, 'organization.deployments'))) {
    deployments.push({ files: [glob], targets: strList(targets, `organization.deployments.${glob}`).map((t) => resolve(t, `organization.deployments.${glob}`)) });
  }
  for (const n of nodes.values()) n.scps = attached.get(n.id) ?? [FULL_AWS_ACCESS];
  const principals = (k: string, camel: string) => strList(o[k] ?? o[camel], `organization.${k}`);
  const mgmt = o['management-account'] ?? o.managementAccount;
  return {
    scps,
    nodes,
    deployments,
    exemptPrincipals: principals('exempt-principals', 'exemptPrincipals'),
    pipelinePrincipals: principals('pipeline-principals', 'pipelinePrincipals'),
    managementAccount: mgmt !== undefined ? account(String(mgmt)) : undefined,
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
  for (const d of model.deployments) if (d.files.some((g) => pathGlobMatch(g, repoPath))) d.targets.forEach((t) => out.add(t));
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
