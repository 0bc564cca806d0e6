/**
 * Persistent result cache: one JSON file per request, named by the SHA-256 of the canonical request (operation,
 * region, every request member). An unchanged policy never costs a second call. Only successful, complete
 * answers are stored. A broken or foreign entry is ignored (a miss), never trusted blindly.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { canonicalJson, sha256 } from '../../policy/fingerprint.js';

export const CACHE_VERSION = 1;

export function requestKey(operation: string, region: string, request: unknown): string {
  return sha256(canonicalJson({ v: CACHE_VERSION, operation, region, request }));
}

export interface ResultCache {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
}

/** A cache that stores nothing (cacheDir ''). */
export const noCache: ResultCache = { get: () => undefined, set: () => undefined };

export class DirCache implements ResultCache {
  /** Write failures (read-only checkout, full disk): reported once as a note, never fatal. */
  writeError?: string;
  constructor(readonly dir: string) {}

  private file(key: string): string {
    return path.join(this.dir, key.slice(0, 2), `${key}.json`);
  }

  get(key: string): unknown {
    if (!/^[0-9a-f]{64}$/.test(key)) return undefined;
    try {
      const entry = JSON.parse(readFileSync(this.file(key), 'utf8')) as { v?: number; key?: string; value?: unknown };
      if (entry.v !== CACHE_VERSION || entry.key !== key) return undefined;
      return entry.value;
    } catch {
      return undefined;
    }
  }

  set(key: string, value: unknown): void {
    const f = this.file(key);
    try {
      mkdirSync(path.dirname(f), { recursive: true });
      const tmp = `${f}.${process.pid}.tmp`;
      writeFileSync(tmp, JSON.stringify({ v: CACHE_VERSION, key, value }));
      renameSync(tmp, f);
    } catch (e) {
      this.writeError ??= (e as Error).message;
    }
  }
}

/**
 * The cache directory: absolute as given; a relative one lives under $RUNNER_TEMP in GitHub Actions (outside the
 * checkout, so a pull request cannot plant answers for its own policies), else under the repository root.
 * '' disables caching.
 */
export function cacheDirFor(cacheDir: string, root: string, env: NodeJS.ProcessEnv = process.env, sub = 'access-analyzer'): string | undefined {
  if (!cacheDir) return undefined;
  const actions = env.GITHUB_ACTIONS === 'true' && env.RUNNER_TEMP ? env.RUNNER_TEMP : undefined;
  if (!actions) return path.resolve(root, cacheDir, sub);
  const dir = path.resolve(actions, cacheDir, sub);
  // never inside the checkout (the pull request controls its content), whatever the config says
  for (const checkout of [root, env.GITHUB_WORKSPACE].filter((x): x is string => !!x)) {
    const rel = path.relative(path.resolve(checkout), dir);
    if (rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel))) return path.join(actions, 'iam-policy-gate', sub);
  }
  return dir;
}

export function cacheFor(cacheDir: string, root: string, env: NodeJS.ProcessEnv = process.env, sub = 'access-analyzer'): ResultCache {
  const dir = cacheDirFor(cacheDir, root, env, sub);
  return dir ? new DirCache(dir) : noCache;
}
