/**
 * The Action and CLI bundles built from this checkout's sources into a temporary folder (never the tracked dist/),
 * by the one build script (`node .ci/build.mjs --out DIR`). Cached across test files and runs: the folder is keyed
 * by a hash of src/, package-lock.json and the build script, and a lock folder makes concurrent workers wait for
 * one build instead of racing. `const dir = await bundleDir()` gives a folder with index.js (the Action), cli.js
 * (the CLI), catalog.json and package.json. A first build takes 45 s to over 2 min on a busy machine: call it in a
 * `beforeAll(async () => { dir = await bundleDir(); }, 600_000)`.
 *
 * IAM_GATE_BUNDLE_DIR=DIR uses bundles built already (.ci/run points it at dist/ right after checking that dist/ is
 * what the sources build to, which saves a second build).
 *
 * test/cli/dist.test.ts deliberately tests the COMMITTED dist/ instead (CI checks dist/ matches a fresh build).
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const ROOT = path.resolve(import.meta.dirname, '../..');
const CACHE = path.join(os.tmpdir(), 'iam-gate-bundles');
/** A lock older than this belongs to a build that died: taken over. */
const STALE_LOCK_MS = 10 * 60_000;
const DAY_MS = 24 * 3600_000;

/** Hash of everything the bundles are built from. */
export function sourceHash(): string {
  const h = createHash('sha256');
  const add = (rel: string): void => {
    h.update(rel + '\0');
    h.update(readFileSync(path.join(ROOT, rel)));
    h.update('\0');
  };
  const walk = (rel: string): void => {
    for (const e of readdirSync(path.join(ROOT, rel), { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const r = `${rel}/${e.name}`;
      if (e.isDirectory()) walk(r);
      else if (e.isFile()) add(r);
    }
  };
  walk('src');
  add('package-lock.json');
  add('.ci/build.mjs');
  add('.ci/launcher.mjs');
  return h.digest('hex').slice(0, 16);
}

let pending: Promise<string> | undefined;

/** The folder holding index.js and cli.js built from the current sources (built on first use). */
export function bundleDir(): Promise<string> {
  const given = process.env.IAM_GATE_BUNDLE_DIR;
  if (given) {
    if (!existsSync(path.join(given, 'index.js')) || !existsSync(path.join(given, 'cli.js'))) throw new Error(`IAM_GATE_BUNDLE_DIR=${given} has no index.js and cli.js`);
    return Promise.resolve(path.resolve(given));
  }
  pending ??= build();
  return pending;
}

async function build(): Promise<string> {
  mkdirSync(CACHE, { recursive: true });
  const dir = path.join(CACHE, sourceHash());
  const lock = `${dir}.lock`;
  for (;;) {
    if (existsSync(path.join(dir, 'cli.js'))) return dir;
    if (tryLock(lock)) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  try {
    if (existsSync(path.join(dir, 'cli.js'))) return dir;
    pruneOld(dir);
    const work = `${dir}.building-${process.pid}`;
    rmSync(work, { recursive: true, force: true });
    await promisify(execFile)(process.execPath, [path.join(ROOT, '.ci/build.mjs'), '--out', work, '--quiet'], {
      cwd: ROOT,
      timeout: 600_000,
      maxBuffer: 64 * 1024 * 1024,
    });
    rmSync(dir, { recursive: true, force: true });
    renameSync(work, dir);
    return dir;
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

function tryLock(lock: string): boolean {
  try {
    mkdirSync(lock);
    return true;
  } catch {
    try {
      if (Date.now() - statSync(lock).mtimeMs > STALE_LOCK_MS) rmSync(lock, { recursive: true, force: true });
    } catch {
      // the holder released it meanwhile
    }
    return false;
  }
}

/** Bundles of other source versions untouched for a day are removed (each is ~9 MB). */
function pruneOld(keep: string): void {
  for (const name of readdirSync(CACHE)) {
    const p = path.join(CACHE, name);
    if (p === keep || p.endsWith('.lock')) continue;
    try {
      if (Date.now() - statSync(p).mtimeMs > DAY_MS) rmSync(p, { recursive: true, force: true });
    } catch {
      // removed by another worker
    }
  }
}
