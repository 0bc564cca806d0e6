#!/usr/bin/env node
// IAM Policy Gate start file (.ci/launcher.mjs): Node's compile cache on, then ./cli-bundle.js
import { lstatSync, mkdirSync } from 'node:fs';
import module from 'node:module';
import os from 'node:os';
import path from 'node:path';

function inside(root, dir) {
  const rel = path.relative(path.resolve(root), dir);
  return rel === '' || (!rel.startsWith('..' + path.sep) && rel !== '..' && !path.isAbsolute(rel));
}

function compileCacheDir() {
  if (process.env.IAM_POLICY_GATE_COMPILE_CACHE === '0' || process.env.RUNNER_ENVIRONMENT === 'github-hosted') return undefined;
  if (typeof module.enableCompileCache !== 'function') return undefined;
  const uid = typeof process.getuid === 'function' ? process.getuid() : undefined;
  const dir = path.join(path.resolve(os.tmpdir()), 'iam-policy-gate-compile-cache' + (uid === undefined ? '' : '-' + uid));
  // never inside the checkout being scanned
  if ([process.cwd(), process.env.GITHUB_WORKSPACE].some((root) => root && inside(root, dir))) return undefined;
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const st = lstatSync(dir);
  // a folder another user made, or can write to, could hold code for this process to run: not used
  if (!st.isDirectory() || (uid !== undefined && st.uid !== uid) || (process.platform !== 'win32' && (st.mode & 0o022) !== 0)) return undefined;
  return dir;
}

try {
  const dir = compileCacheDir();
  if (dir) module.enableCompileCache(dir);
} catch {
  // no cache: the same run, compiled from source
}
await import('./cli-bundle.js');
