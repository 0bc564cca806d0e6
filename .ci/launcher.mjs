// The start file of each bundle (dist/cli.js, dist/index.js), written by .ci/build.mjs: it turns on Node's module
// compile cache, then loads the bundle (dist/cli-bundle.js, dist/index-bundle.js). With the cache a run does not
// compile the 2 MB bundle again (--version 0.10 -> 0.06 s CPU; the run that writes it pays about 0.02 s). The cache
// lives in the system temp folder (it persists between jobs on a self-hosted runner and between runs on a
// workstation; $RUNNER_TEMP is emptied after every job), in a folder only this user owns and can write, never inside
// the working directory or $GITHUB_WORKSPACE (the scanned repository). Not on GitHub-hosted runners (a fresh machine
// per job: the cache would only be written, never read). IAM_POLICY_GATE_COMPILE_CACHE=0 turns it off. Worker threads
// (src/parallel/pool.ts) use the same folder: the launcher leaves it for the bundle under a global symbol.

/** The launcher's source for one bundle file (plain JavaScript, Node built-ins only). */
export function launcherSource(bundleFile, shebang) {
  return `${shebang ? '#!/usr/bin/env node\n' : ''}// IAM Policy Gate start file (.ci/launcher.mjs): Node's compile cache on, then ./${bundleFile}
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
await import('./${bundleFile}');
`;
}
