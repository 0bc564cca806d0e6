#!/usr/bin/env node
// IAM Policy Gate start file (.ci/launcher.mjs): Node's compile cache on, then ./cli-bundle.js
// built-ins as CommonJS objects: an ES import of node:fs builds its module facade, reading every export (which loads
// fs/promises, readline and the stream classes: ~2.5 ms of every start); a Node before 22.3 imports them
const builtin = async (name) => process.getBuiltinModule?.(name) ?? (await import(name)).default;
const { lstatSync, mkdirSync } = await builtin('node:fs');
const module = await builtin('node:module');
const os = await builtin('node:os');
const path = await builtin('node:path');

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
  // the folder checked above, for the bundle's worker threads too (src/parallel/pool.ts passes it to each worker as
  // NODE_COMPILE_CACHE: a worker does not inherit this call, and would compile the whole bundle again)
  if (dir && module.enableCompileCache(dir).status === module.constants?.compileCacheStatus?.ENABLED) globalThis[Symbol.for('iam-policy-gate.compile-cache')] = dir;
} catch {
  // no cache: the same run, compiled from source
}
await import('./cli-bundle.js');
