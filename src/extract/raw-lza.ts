/**
 * Landing Zone Accelerator: a policy file is a permissions boundary by use when the `iam-config.yaml` of its
 * configuration folder lists it under `policySets[].policies[]` (`name`, `policy: iam-policies/x.json`) and a role or
 * user names it as `boundaryPolicy`. The config is the iam-config.yaml beside the file's `iam-policies` folder
 * (contained reads only).
 */
import { parse } from 'yaml';
import type { RepoReader } from './types.js';

const MAX_LEVELS = 6;
const MAX_CONFIG_CHARS = 2_000_000;

/** Per reader (one run): config path -> the repository paths of the policies used as boundaries (undefined: none). */
const cache = new WeakMap<RepoReader, Map<string, ReadonlySet<string> | undefined>>();

function obj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function list(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

/** The repository paths (relative to the root) of the policy files an LZA iam-config.yaml uses as boundaries. */
function boundaryFiles(text: string, dir: string): ReadonlySet<string> {
  const out = new Set<string>();
  let doc: unknown;
  try {
    doc = parse(text, { maxAliasCount: 100 });
  } catch {
    return out;
  }
  if (!obj(doc)) return out;
  const names = new Set<string>();
  for (const set of [...list(doc.roleSets), ...list(doc.userSets)]) {
    if (!obj(set)) continue;
    for (const who of [...list(set.roles), ...list(set.users)]) if (obj(who) && typeof who.boundaryPolicy === 'string') names.add(who.boundaryPolicy);
  }
  // a policy also attached as a customer managed policy grants what it allows: it is not only a ceiling
  for (const set of [...list(doc.roleSets), ...list(doc.userSets), ...list(doc.groupSets)]) {
    if (!obj(set)) continue;
    for (const who of [...list(set.roles), ...list(set.users), ...list(set.groups)]) {
      if (obj(who) && obj(who.policies)) for (const n of list(who.policies.customerManaged)) if (typeof n === 'string') names.delete(n);
    }
  }
  if (!names.size) return out;
  for (const set of list(doc.policySets)) {
    if (!obj(set)) continue;
    for (const p of list(set.policies)) {
      if (obj(p) && typeof p.name === 'string' && typeof p.policy === 'string' && names.has(p.name)) out.add(normalise(dir ? `${dir}/${p.policy}` : p.policy));
    }
  }
  return out;
}

function normalise(path: string): string {
  const parts: string[] = [];
  for (const seg of path.replace(/\\/g, '/').split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') parts.pop();
    else parts.push(seg);
  }
  return parts.join('/');
}

/**
 * The LZA iam-config.yaml (repository path) that makes `repoPath` a permissions boundary, if any. Only a file under
 * an `iam-policies` folder (LZA's layout) is looked up, with one read of the iam-config.yaml beside that folder: a
 * read is a recorded input of the record, so no other file's analysis probes for configs that do not exist.
 */
export function lzaBoundaryConfig(repoPath: string, read: RepoReader): string | undefined {
  const path = normalise(repoPath);
  const parts = path.split('/');
  const at = parts.lastIndexOf('iam-policies', parts.length - 2);
  if (at < 0 || parts.length - at > MAX_LEVELS) return undefined;
  const dir = parts.slice(0, at).join('/');
  const config = dir ? `${dir}/iam-config.yaml` : 'iam-config.yaml';
  let seen = cache.get(read);
  if (!seen) cache.set(read, (seen = new Map()));
  if (!seen.has(config)) {
    let text: string | undefined;
    try {
      text = read(config);
    } catch {
      text = undefined;
    }
    seen.set(config, text !== undefined && text.length <= MAX_CONFIG_CHARS ? boundaryFiles(text, dir) : undefined);
  }
  return seen.get(config)?.has(path) ? config : undefined;
}
