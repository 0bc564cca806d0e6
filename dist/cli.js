#!/usr/bin/env node
// IAM Policy Gate start file (.ci/launcher.mjs): runs ./cli-bundle.js with V8's code cache
const BUNDLE = "cli-bundle.js";
// built-ins as CommonJS objects: an ES import of node:fs builds its module facade, reading every export (~2.5 ms)
const builtin = process.getBuiltinModule ?? (await import('node:module')).createRequire(import.meta.url);
const fs = builtin('node:fs');
const path = builtin('node:path');
const vm = builtin('node:vm');
const WORKER_TAG = 'iam-policy-gate/file-worker';
const MAGIC = 'IPGCODE1';
// magic, key (32), SHA-256 of the data (32), data length, bytecode size of the run that wrote it
const HEAD = 8 + 32 + 32 + 4 + 4;
const MAX_BYTES = 64 * 1024 * 1024;
// a run that ends with this much more bytecode (bytes) than the run that wrote the cache writes it again: more than
// the Node internals one run loads and another does not (~30 KB), less than what a kind of run compiles that another
// kind did not (the 420 templates after a run of the raw policies: ~240 KB, 16% of all bytecode)
const GROWN_BYTES = 64 * 1024;
const STALE_DAYS = 14;
const FLAG_DEFAULTS = Symbol.for('iam-policy-gate.v8-flag-defaults');
const PROBE = '(function iamPolicyGateFlagProbe(){return 0})';
const uid = typeof process.getuid === 'function' ? process.getuid() : undefined;
const posix = process.platform !== 'win32';

compile().runInThisContext()(builtin, import.meta.url);

/** The bundle compiled, with the code cache when there is a good one (nothing of the file kept but the script). */
function compile() {
  const file = path.join(path.dirname(builtin('node:url').fileURLToPath(import.meta.url)), BUNDLE);
  const bytes = fs.readFileSync(file);
  const source = bytes.toString('utf8');
  // from here the bundle's bytes are only hashed for the key, then hold the cache's data (readCache)
  let cache;
  try {
    cache = openCache(bytes);
  } catch {
    cache = undefined;
  }
  // named by its URL, as when it was an ES module: stack traces read as before
  const options = { filename: builtin('node:url').pathToFileURL(file).href, importModuleDynamically: vm.constants?.USE_MAIN_CONTEXT_DEFAULT_LOADER };
  let script;
  if (cache?.found) {
    try {
      script = new vm.Script(source, { ...options, cachedData: cache.found.data });
    } catch {
      script = undefined;
    }
    cache.found.data = undefined;
  }
  script ??= new vm.Script(source, options);
  if (cache && !process.argv.includes(WORKER_TAG)) {
    try {
      cache.probe = probeData();
      process.once('exit', () => writeCache(cache, script));
    } catch {
      // not written: the next run compiles from source again
    }
  }
  return script;
}

function inside(root, dir) {
  const rel = path.relative(path.resolve(root), dir);
  return rel === '' || (!rel.startsWith('..' + path.sep) && rel !== '..' && !path.isAbsolute(rel));
}

/**
 * The folder is, or may be, inside what the run reads as the repository: the working directory, $GITHUB_WORKSPACE,
 * any folder an argument names or the folder of any file it names (the value of -o/--output, a file the run writes,
 * aside), each as written and as its real path; or a folder above it is a git checkout (holds .git), whatever the
 * run scans. A repository's files can have the owner and modes this user's own cache has (a checkout under umask
 * 077, an archive extracted with its modes), so a cache folder there could be the repository's.
 */
function insideRepository(dir) {
  const named = [process.cwd(), process.env.GITHUB_WORKSPACE];
  const args = process.argv.slice(2);
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '-o' || a === '--output') i++;
    else if (!/^(-o|--output=)/.test(a)) named.push(a.startsWith('-') ? a.slice(a.indexOf('=') + 1) : a);
  }
  for (const n of named) {
    if (!n) continue;
    const roots = [path.resolve(n)];
    try {
      const real = (fs.realpathSync.native ?? fs.realpathSync)(roots[0]);
      roots.push(real);
      if (!fs.statSync(real).isDirectory()) roots.push(path.dirname(roots[0]), path.dirname(real));
    } catch {
      // not a path
    }
    if (roots.some((root) => inside(root, dir))) return true;
  }
  for (let d = path.dirname(dir); ; d = path.dirname(d)) {
    if (fs.existsSync(path.join(d, '.git'))) return true;
    if (path.dirname(d) === d) return false;
  }
}

/** The checked cache folder, or undefined: no cache. */
function cacheDir() {
  if (process.env.IAM_POLICY_GATE_COMPILE_CACHE === '0' || process.env.RUNNER_ENVIRONMENT === 'github-hosted') return undefined;
  // the real temp folder: $TMPDIR may be a link into the repository
  const parent = fs.realpathSync(path.resolve(builtin('node:os').tmpdir()));
  const dir = path.join(parent, 'iam-policy-gate-compile-cache' + (uid === undefined ? '' : '-' + uid));
  // never inside the checkout being scanned
  if (insideRepository(dir)) return undefined;
  // a temp folder where another user could rename ours away and put theirs in its place: not used
  const p = fs.statSync(parent);
  if (posix && (p.mode & 0o022) !== 0 && (p.mode & 0o1000) === 0) return undefined;
  try {
    fs.mkdirSync(dir, { mode: 0o700 });
  } catch (e) {
    if (e?.code !== 'EEXIST') return undefined;
  }
  const st = fs.lstatSync(dir);
  // a folder another user made, or can write to, could hold code for this process to run: not used; nor one that
  // others may even read (as a checkout makes its folders, 0755: a repository cannot plant one even where $TMPDIR
  // points into it)
  if (!st.isDirectory() || (uid !== undefined && st.uid !== uid) || (posix && (st.mode & 0o077) !== 0)) return undefined;
  return dir;
}

function sha256(data) {
  return builtin('node:crypto').createHash('sha256').update(data).digest();
}

/** The cache's folder, file and key for this bundle and runtime, with its checked data when there is one. */
function openCache(bundleBytes) {
  // without the boot's identifier (not Linux) nothing a repository's author cannot know is in the key, and the
  // location rules alone miss a $TMPDIR pointed into an untrusted tree the run does not name (red team S10-C1): no
  // cache there (the run compiles from source, as on GitHub-hosted runners)
  const boot = bootId();
  if (!boot) return undefined;
  const dir = cacheDir();
  if (!dir) return undefined;
  // runs started with other Node or V8 options (V8 rejects a cache made under other flags) have their own file
  // instead of rejecting and rewriting each other's
  const runtime = JSON.stringify([process.execArgv, process.env.NODE_OPTIONS ?? '']);
  const key = sha256(['iam-policy-gate code cache 3', sha256(bundleBytes).toString('hex'), runtime, process.version, process.versions.v8, process.platform, process.arch, BUNDLE, boot].join('\0'));
  const target = path.join(dir, BUNDLE.replace(/\.js$/, '') + '-' + key.toString('hex').slice(0, 32) + '.v8cache');
  return { dir, target, key, found: readCache(target, key, bundleBytes) };
}

/**
 * Linux's random identifier of this boot, part of the key: a repository's author, who never runs code here, cannot
 * know it, so cannot name or head a cache file for this machine even where the location rules of insideRepository
 * miss the repository (a $TMPDIR pointed into an extracted archive the run does not name). A reboot starts a new
 * cache. Elsewhere (no such file) there is no cache.
 */
function bootId() {
  try {
    return fs.readFileSync('/proc/sys/kernel/random/boot_id', 'latin1').trim();
  } catch {
    return '';
  }
}

/**
 * The data of a cache file this user wrote for this key, whole; undefined for anything else. Read into \`scratch\` (the
 * bundle's bytes, already decoded and hashed) when it fits and is a whole allocation of its own: memory a process
 * touches for the first time costs a page fault per 4 KB, and the cache is as big as the bundle (~2 MB: ~500 faults,
 * ~5 ms of every start on a virtual machine).
 */
function readCache(target, key, scratch) {
  let fd;
  try {
    // not following a link, and not waiting on a named pipe (checked to be a regular file below)
    fd = fs.openSync(target, fs.constants.O_RDONLY | (fs.constants.O_NOFOLLOW ?? 0) | (fs.constants.O_NONBLOCK ?? 0));
  } catch {
    return undefined;
  }
  try {
    const st = fs.fstatSync(fd);
    if (!st.isFile() || st.size < HEAD || st.size > MAX_BYTES) return undefined;
    // written 0600 by this launcher: a file others can read or write (a checked-out file is 0644) is not used
    if ((uid !== undefined && st.uid !== uid) || (posix && (st.mode & 0o077) !== 0)) return undefined;
    const own = scratch.byteOffset === 0 && scratch.buffer.byteLength === scratch.length;
    const buf = own && scratch.length >= st.size ? scratch.subarray(0, st.size) : Buffer.allocUnsafe(st.size);
    let n = 0;
    for (let r; n < buf.length && (r = fs.readSync(fd, buf, n, buf.length - n, n)) > 0; ) n += r;
    if (n !== buf.length || buf.toString('latin1', 0, 8) !== MAGIC || !buf.subarray(8, 40).equals(key)) return undefined;
    if (buf.readUInt32LE(72) !== buf.length - HEAD) return undefined;
    const data = buf.subarray(HEAD);
    if (!sha256(data).equals(buf.subarray(40, 72))) return undefined;
    return { data, bytecode: buf.readUInt32LE(76) };
  } finally {
    fs.closeSync(fd);
  }
}

/** A small script's cached data, made at start: V8 accepts it later only under the same V8 flags. */
function probeData() {
  return new vm.Script(PROBE, { filename: 'iam-policy-gate-flag-probe-start.js' }).createCachedData();
}

/**
 * V8 would accept, now, cached data made at start: the same small script compiled again with the start's data
 * is not rejected (under a name never used before: V8 would reuse a script it compiled already under the same
 * name, without looking at the data).
 */
function sameFlagsAsStart(probe) {
  const filename = 'iam-policy-gate-flag-probe-' + process.hrtime.bigint() + '.js';
  return !new vm.Script(PROBE, { filename, cachedData: probe }).cachedDataRejected;
}

/**
 * Other builds' cache files not written for STALE_DAYS (a temp file a killed run left: for a day), removed when a
 * run writes its own: a file in use is not touched when read, so an old one in use may go and be written again.
 */
function prune(dir, keep) {
  const now = Date.now();
  for (const name of fs.readdirSync(dir)) {
    const m = /^\.?[a-z]+-bundle-[0-9a-f]{32}\.v8cache(\.[0-9]+-[0-9a-f]{12}\.tmp)?$/.exec(name);
    if (!m || name === keep) continue;
    const p = path.join(dir, name);
    const st = fs.lstatSync(p);
    if (st.isFile() && now - st.mtimeMs > (m[1] ? 1 : STALE_DAYS) * 86_400_000) fs.rmSync(p, { force: true });
  }
}

/** At exit: the bytecode of what this run compiled, for the next run (see the top of .ci/launcher.mjs). */
function writeCache(cache, script) {
  let tmp;
  try {
    const v8 = builtin('node:v8');
    const bytecode = v8.getHeapCodeStatistics().bytecode_and_metadata_size;
    const fresh = cache.found && !script.cachedDataRejected;
    // A run that started from the cache holds all of its bytecode (deserialized at start) plus what it compiled since:
    // what it would write is the union, so bytecode grown past the writer's means functions the cache lacks. Each
    // rewrite keeps what the cache had, so runs of different kinds converge on one cache that serves them all (a
    // ratio did not: after a small run had written it, every run of the templates compiled ~240 KB again). A long
    // run whose old functions V8 flushed ends with less, and so does not replace a fuller cache with its own.
    if (fresh && bytecode <= cache.found.bytecode + GROWN_BYTES) return;
    if (!builtin('node:worker_threads').isMainThread) return;
    // the V8 flags the run changed, back to V8's defaults (src/util/v8-flags.ts): V8 rejects a cache made under
    // other flags than the next run's start; if the probe says they still differ, nothing is written
    const defaults = globalThis[FLAG_DEFAULTS];
    if (Array.isArray(defaults)) for (const f of defaults) if (typeof f === 'string' && /^--[a-z0-9-]+=[0-9.]+$/.test(f)) v8.setFlagsFromString(f);
    if (!sameFlagsAsStart(cache.probe)) return;
    const data = script.createCachedData();
    const head = Buffer.alloc(HEAD);
    head.write(MAGIC, 0, 'latin1');
    cache.key.copy(head, 8);
    sha256(data).copy(head, 40);
    head.writeUInt32LE(data.length, 72);
    head.writeUInt32LE(Math.min(bytecode, 0xffffffff), 76);
    tmp = path.join(cache.dir, '.' + path.basename(cache.target) + '.' + process.pid + '-' + builtin('node:crypto').randomBytes(6).toString('hex') + '.tmp');
    fs.writeFileSync(tmp, Buffer.concat([head, data]), { mode: 0o600, flag: 'wx' });
    fs.renameSync(tmp, cache.target);
    tmp = undefined;
    prune(cache.dir, path.basename(cache.target));
  } catch {
    // not written: the run is the same, the next one compiles from source again
  }
  try {
    if (tmp) fs.rmSync(tmp, { force: true });
  } catch {
    // left behind: a private file of this user in the private folder
  }
}
