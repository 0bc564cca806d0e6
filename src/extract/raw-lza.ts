/**
 * Landing Zone Accelerator: a policy file is a permissions boundary by use when the `iam-config.yaml` of its
 * configuration folder lists it under `policySets[].policies[]` (`name`, `policy: iam-policies/x.json`) and a role or
 * user names it as `boundaryPolicy`. The config is found by walking up from the policy file (a few levels, contained
 * reads only); each config is read once per run.
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

/** The LZA iam-config.yaml (repository path) that makes `repoPath` a permissions boundary, if any. */
export function lzaBoundaryConfig(repoPath: string, read: RepoReader): string | undefined {
  let seen = cache.get(read);
  if (!seen) cache.set(read, (seen = new Map()));
  const parts = normalise(repoPath).split('/');
  parts.pop();
  for (let level = 0; level <= MAX_LEVELS && level <= parts.length; level++) {
    const dir = parts.slice(0, parts.length - level).join('/');
    const config = dir ? `${dir}/iam-config.yaml` : 'iam-config.yaml';
    if (!seen.has(config)) {
      let text: string | undefined;
      try {
        text = read(config);
      } catch {
        text = undefined;
      }
      seen.set(config, text !== undefined && text.length <= MAX_CONFIG_CHARS ? boundaryFiles(text, dir) : undefined);
    }
    const files = seen.get(config);
    if (files?.has(normalise(repoPath))) return config;
  }
  return undefined;
}
