/**
 * The bundles' start file (.ci/launcher.mjs): it runs the bundle (a function-wrapped script) with its arguments and
 * exit code, and keeps V8's code cache of it in a folder of this user under the system temp folder: written at the
 * end of a run, used by the next, never inside the scanned repository, in a folder someone else could write, on a
 * GitHub-hosted runner, or when turned off; a damaged or foreign cache file, or a different build of the same
 * length, never runs other code than the bundle's.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, truncateSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createHash } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error: plain JavaScript build script, no declarations
import { launcherSource } from '../../.ci/launcher.mjs';

const source = launcherSource as (bundle: string, shebang: boolean) => string;

const made: string[] = [];
const temp = (prefix: string): string => {
  const d = mkdtempSync(path.join(os.tmpdir(), prefix));
  made.push(d);
  return d;
};
afterAll(() => {
  for (const d of made) rmSync(d, { recursive: true, force: true });
});

/**
 * A stand-in bundle in the form .ci/build.mjs emits: it prints its arguments, the URL it was given and what a
 * function compiled lazily returns (`answer`); with STANDIN_FLAG it sets that V8 flag first (and, with
 * STANDIN_DEFAULT, notes the flag's default as src/util/v8-flags.ts does). `more`: it also holds a function of ~100 KB
 * of bytecode (2,000 statements), compiled and called only when STANDIN_MORE is set: another kind of run, which
 * compiles code the first kind never did (a sixth of the process's bytecode, as the templates' run is to the raw one).
 */
const standIn = (answer: number, more = false): string => `(function(builtin,metaUrl){"use strict";
if (process.env.STANDIN_FLAG) { builtin('node:v8').setFlagsFromString(process.env.STANDIN_FLAG); if (process.env.STANDIN_DEFAULT) (globalThis[Symbol.for('iam-policy-gate.v8-flag-defaults')] ??= []).push(process.env.STANDIN_DEFAULT); }
function answer() { return ${answer}; }
${more ? `function more(y) { let x = 1;\n${Array.from({ length: 2000 }, (_, i) => `x = (x * 31 + ${i}) | 0; if (x === ${i}) y.push(x);`).join('\n')}\nreturn x; }\nif (process.env.STANDIN_MORE) more([]);` : ''}
console.log(JSON.stringify({ args: process.argv.slice(2), meta: metaUrl, answer: answer() }));
process.exitCode = 3;
})
`;

function dist(answer = 1, more = false): string {
  const dir = temp('launcher-');
  writeFileSync(path.join(dir, 'package.json'), '{"type":"module"}');
  writeFileSync(path.join(dir, 'cli.js'), source('cli-bundle.js', true));
  writeFileSync(path.join(dir, 'cli-bundle.js'), standIn(answer, more));
  return dir;
}

function run(cli: string, cwd: string, env: Record<string, string>, nodeOptions: string[] = [], args = ['scan', '.']) {
  const r = spawnSync(process.execPath, [...nodeOptions, path.join(cli, 'cli.js'), ...args], { cwd, env: { PATH: process.env.PATH ?? '', ...env }, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, out: JSON.parse(r.stdout) as { args: string[]; meta: string; answer: number }, stderr: r.stderr };
}

/** A working directory (the scanned repository) apart from the temp folder. */
const repo = (): string => temp('launcher-repo-');

const uid = typeof process.getuid === 'function' ? process.getuid() : undefined;
const cacheName = `iam-policy-gate-compile-cache${uid === undefined ? '' : `-${uid}`}`;
const posix = process.platform !== 'win32';

/** The cache files in a temp folder's cache folder (none when the folder is not there). */
function cacheFiles(tmp: string): string[] {
  const dir = path.join(tmp, cacheName);
  return existsSync(dir) ? readdirSync(dir).map((f) => path.join(dir, f)) : [];
}

/** A cache file's identity: a rewrite replaces the file (a new inode). */
const identity = (f: string): string => {
  const st = statSync(f);
  return `${st.ino}:${st.mtimeMs}:${st.size}`;
};

describe('bundle start file', () => {
  it('runs the bundle with its arguments, exit code and its own URL, and writes the code cache in a private folder', () => {
    const cli = dist();
    const tmp = temp('launcher-tmp-');
    const repo = temp('launcher-repo-');
    const r = run(cli, repo, { TMPDIR: tmp });
    expect(r.code).toBe(3);
    expect(r.out).toEqual({ args: ['scan', '.'], meta: pathToFileURL(path.join(cli, 'cli.js')).href, answer: 1 });
    const files = cacheFiles(tmp);
    expect(files).toHaveLength(1);
    expect(path.basename(files[0]!)).toMatch(/^cli-bundle-[0-9a-f]{32}\.v8cache$/);
    if (posix) {
      expect(statSync(path.join(tmp, cacheName)).mode & 0o077).toBe(0);
      expect(statSync(files[0]!).mode & 0o077).toBe(0);
    }
  });

  it('the next run uses the cache (not written again) and does the same', () => {
    const cli = dist();
    const tmp = temp('launcher-tmp-');
    const first = run(cli, repo(), { TMPDIR: tmp });
    const [file] = cacheFiles(tmp);
    const before = identity(file!);
    const second = run(cli, repo(), { TMPDIR: tmp });
    expect(second.out).toEqual(first.out);
    expect(second.code).toBe(3);
    expect(identity(file!)).toBe(before);
    expect(cacheFiles(tmp)).toEqual([file]);
  });

  it('a run that compiled what the cache lacks writes it again; then runs of either kind keep that cache', () => {
    const cli = dist(1, true);
    const tmp = temp('launcher-tmp-');
    const first = run(cli, repo(), { TMPDIR: tmp });
    const [file] = cacheFiles(tmp);
    const small = { id: identity(file!), size: statSync(file!).size };
    // the other kind of run: the same output, and a cache that now holds its function too (~100 KB more)
    expect(run(cli, repo(), { TMPDIR: tmp, STANDIN_MORE: '1' }).out).toEqual(first.out);
    const union = identity(file!);
    expect(union).not.toBe(small.id);
    expect(statSync(file!).size).toBeGreaterThan(small.size + 50_000);
    // the cache now serves both kinds: neither writes it again
    expect(run(cli, repo(), { TMPDIR: tmp, STANDIN_MORE: '1' }).out).toEqual(first.out);
    expect(identity(file!)).toBe(union);
    expect(run(cli, repo(), { TMPDIR: tmp }).out).toEqual(first.out);
    expect(identity(file!)).toBe(union);
    expect(cacheFiles(tmp)).toEqual([file]);
  });

  it('a damaged or foreign cache file is not used: the same output, and the file is replaced by a good one', () => {
    const cli = dist();
    const tmp = temp('launcher-tmp-');
    const good = run(cli, repo(), { TMPDIR: tmp }).out;
    const [file] = cacheFiles(tmp);
    const bytes = readFileSync(file!);
    const damages: [string, () => void][] = [
      ['truncated', () => truncateSync(file!, Math.floor(bytes.length / 2))],
      ['one data byte changed', () => writeFileSync(file!, Buffer.concat([bytes.subarray(0, 200), Buffer.from([bytes[200]! ^ 0xff]), bytes.subarray(201)]))],
      ['a wrong length', () => writeFileSync(file!, Buffer.concat([bytes, Buffer.alloc(16)]))],
      ['empty', () => writeFileSync(file!, '')],
      ['not a cache file', () => writeFileSync(file!, 'hello')],
      ['V8 data alone, without the header', () => writeFileSync(file!, bytes.subarray(80))],
    ];
    for (const [what, damage] of damages) {
      damage();
      if (posix) chmodSync(file!, 0o600);
      const r = run(cli, repo(), { TMPDIR: tmp });
      expect(r.out, what).toEqual(good);
      expect(r.code, what).toBe(3);
      // written again whole: the next run uses it (and so does not write it again)
      const rewritten = identity(file!);
      expect(run(cli, repo(), { TMPDIR: tmp }).out, what).toEqual(good);
      expect(identity(file!), what).toBe(rewritten);
    }
  });

  it('a different build of the same length never runs the code the other build compiled', () => {
    const one = dist(1);
    const two = dist(2);
    expect(readFileSync(path.join(one, 'cli-bundle.js')).length).toBe(readFileSync(path.join(two, 'cli-bundle.js')).length);
    const tmp = temp('launcher-tmp-');
    expect(run(one, repo(), { TMPDIR: tmp }).out.answer).toBe(1);
    const [oneFile] = cacheFiles(tmp);
    // V8 itself checks only the source's length: build one's cache would give build two's `answer` build one's code
    expect(run(two, repo(), { TMPDIR: tmp }).out.answer).toBe(2);
    expect(cacheFiles(tmp)).toHaveLength(2);
    // build one's file under build two's name (a foreign file): not used either
    const twoFile = cacheFiles(tmp).find((f) => f !== oneFile)!;
    writeFileSync(twoFile, readFileSync(oneFile!));
    expect(run(two, repo(), { TMPDIR: tmp }).out.answer).toBe(2);
    // the same bundle moved over build one's: build two's code, whichever file it is in
    writeFileSync(path.join(one, 'cli-bundle.js'), readFileSync(path.join(two, 'cli-bundle.js')));
    expect(run(one, repo(), { TMPDIR: tmp }).out.answer).toBe(2);
  });

  it('a run that writes its cache removes other builds\' files unused for two weeks, and nothing else', () => {
    const tmp = temp('launcher-tmp-');
    run(dist(1), repo(), { TMPDIR: tmp });
    const [old] = cacheFiles(tmp);
    const month = Date.now() / 1000 - 30 * 86_400;
    utimesSync(old!, month, month);
    const dir = path.join(tmp, cacheName);
    writeFileSync(path.join(dir, 'notes.txt'), 'not a cache file');
    utimesSync(path.join(dir, 'notes.txt'), month, month);
    run(dist(2), repo(), { TMPDIR: tmp });
    expect(existsSync(old!)).toBe(false);
    const [recent] = cacheFiles(tmp).filter((f) => f.endsWith('.v8cache'));
    run(dist(3), repo(), { TMPDIR: tmp });
    expect(existsSync(recent!)).toBe(true);
    expect(existsSync(path.join(dir, 'notes.txt'))).toBe(true);
  });

  it('a cache file made by someone who does not know this boot (a repository\'s author) is not used', () => {
    if (!existsSync('/proc/sys/kernel/random/boot_id')) return;
    const one = dist(1);
    const two = dist(2);
    const tmp = temp('launcher-tmp-');
    run(one, repo(), { TMPDIR: tmp });
    const data = readFileSync(cacheFiles(tmp)[0]!).subarray(80);
    // build one's bytecode under the name and header build two's key would have without the boot's identifier
    const sha = (b: Buffer | string) => createHash('sha256').update(b).digest();
    const runtime = JSON.stringify([[], '']);
    const key = sha(['iam-policy-gate code cache 3', sha(readFileSync(path.join(two, 'cli-bundle.js'))).toString('hex'), runtime, process.version, process.versions.v8, process.platform, process.arch, 'cli-bundle.js', ''].join('\0'));
    const head = Buffer.alloc(80);
    head.write('IPGCODE1', 0, 'latin1');
    key.copy(head, 8);
    sha(data).copy(head, 40);
    head.writeUInt32LE(data.length, 72);
    head.writeUInt32LE(1, 76);
    writeFileSync(path.join(tmp, cacheName, `cli-bundle-${key.toString('hex').slice(0, 32)}.v8cache`), Buffer.concat([head, data]), { mode: 0o600 });
    expect(run(two, repo(), { TMPDIR: tmp }).out.answer).toBe(2);
  });

  it('a cache file others can write, a link or a named pipe is not used: replaced by a private file', () => {
    if (!posix) return;
    const cli = dist();
    const tmp = temp('launcher-tmp-');
    const good = run(cli, repo(), { TMPDIR: tmp }).out;
    const [file] = cacheFiles(tmp);
    const bytes = readFileSync(file!);
    // a good file that others could have written, or read (as a checkout writes files): not read (a file that was
    // used is not written again)
    for (const mode of [0o666, 0o644]) {
      chmodSync(file!, mode);
      expect(run(cli, repo(), { TMPDIR: tmp }).out).toEqual(good);
      expect(statSync(file!).mode & 0o777).toBe(0o600);
    }
    // a symbolic link named as the cache file, to a good file: not followed, replaced; its target is untouched
    const target = path.join(temp('launcher-link-'), 'data');
    writeFileSync(target, bytes);
    chmodSync(target, 0o600);
    rmSync(file!);
    spawnSync('ln', ['-s', target, file!]);
    expect(run(cli, repo(), { TMPDIR: tmp }).out).toEqual(good);
    expect(lstatSync(file!).isSymbolicLink()).toBe(false);
    expect(readFileSync(target).equals(bytes)).toBe(true);
    // a named pipe in its place: not waited on, replaced
    rmSync(file!);
    spawnSync('mkfifo', [file!]);
    expect(run(cli, repo(), { TMPDIR: tmp }).out).toEqual(good);
    expect(lstatSync(file!).isFile()).toBe(true);
  });

  it('a V8 flag the run changes is put back before writing, so the next run accepts the cache', () => {
    const cli = dist();
    const tmp = temp('launcher-tmp-');
    const env = { TMPDIR: tmp, STANDIN_FLAG: '--heap-growing-percent=25', STANDIN_DEFAULT: '--heap-growing-percent=0' };
    run(cli, repo(), env);
    const [file] = cacheFiles(tmp);
    const before = identity(file!);
    expect(run(cli, repo(), env).out.answer).toBe(1);
    expect(identity(file!)).toBe(before);
    // a process started with another V8 flag has a file of its own: the two never reject each other's
    expect(run(cli, repo(), { TMPDIR: tmp }, ['--stack-size=900']).out.answer).toBe(1);
    expect(cacheFiles(tmp)).toHaveLength(2);
    expect(identity(file!)).toBe(before);
    const other = cacheFiles(tmp).find((f) => f !== file)!;
    const otherBefore = identity(other);
    run(cli, repo(), env);
    run(cli, repo(), { TMPDIR: tmp }, ['--stack-size=900']);
    expect([identity(file!), identity(other)]).toEqual([before, otherBefore]);
    // a flag changed without its default noted: V8 would reject a cache made now, so none is written
    const tmp2 = temp('launcher-tmp-');
    expect(run(cli, repo(), { TMPDIR: tmp2, STANDIN_FLAG: '--heap-growing-percent=25' }).out.answer).toBe(1);
    expect(cacheFiles(tmp2)).toEqual([]);
  });

  it('never uses a cache inside the scanned repository, a folder others can write, a hosted runner, or when off', () => {
    const cli = dist();
    const repo = temp('launcher-repo-');
    const expected = (r: ReturnType<typeof run>) => {
      expect(r.code).toBe(3);
      expect(r.out.answer).toBe(1);
    };
    // the temp folder inside the working directory (the repository)
    const inside = path.join(repo, 'tmp');
    mkdirSync(inside);
    expected(run(cli, repo, { TMPDIR: inside }));
    expect(existsSync(path.join(inside, cacheName))).toBe(false);
    // ... or inside $GITHUB_WORKSPACE
    const elsewhere = temp('launcher-cwd-');
    expected(run(cli, elsewhere, { TMPDIR: inside, GITHUB_WORKSPACE: repo }));
    expect(existsSync(path.join(inside, cacheName))).toBe(false);
    if (posix) {
      // a cache folder another user could write to, or read (as a checkout makes folders)
      for (const mode of [0o777, 0o755]) {
        const open = temp('launcher-open-');
        mkdirSync(path.join(open, cacheName));
        chmodSync(path.join(open, cacheName), mode);
        expected(run(cli, elsewhere, { TMPDIR: open }));
        expect(cacheFiles(open)).toEqual([]);
      }
      // a temp folder where others could replace the cache folder (writable by all, not sticky)
      const loose = temp('launcher-loose-');
      chmodSync(loose, 0o777);
      expected(run(cli, elsewhere, { TMPDIR: loose }));
      expect(existsSync(path.join(loose, cacheName))).toBe(false);
    }
    const tmp = temp('launcher-tmp-');
    expected(run(cli, elsewhere, { TMPDIR: tmp, RUNNER_ENVIRONMENT: 'github-hosted' }));
    expected(run(cli, elsewhere, { TMPDIR: tmp, IAM_POLICY_GATE_COMPILE_CACHE: '0' }));
    // turned off or hosted: nothing written, not even the folder
    expect(readdirSync(tmp)).toEqual([]);
    expected(run(cli, elsewhere, { TMPDIR: tmp }));
    expect(cacheFiles(tmp)).toHaveLength(1);
  });

  it('never uses a cache folder the scanned files could hold: $TMPDIR a link into them, a scanned path above it, a git checkout', () => {
    if (!posix) return;
    const cli = dist();
    const scanned = repo();
    mkdirSync(path.join(scanned, 'sub'));
    mkdirSync(path.join(scanned, '.tmp'), { mode: 0o700 });
    writeFileSync(path.join(scanned, 'template.yaml'), 'Resources: {}\n');
    const none = (cwd: string, env: Record<string, string>, args?: string[]) => {
      expect(run(cli, cwd, env, [], args).out.answer).toBe(1);
      expect(cacheFiles(path.join(scanned, '.tmp'))).toEqual([]);
    };
    const link = path.join(temp('launcher-link-'), 'tmp');
    spawnSync('ln', ['-s', path.join(scanned, '.tmp'), link]);
    // $TMPDIR a link to a folder in the working directory
    none(scanned, { TMPDIR: link });
    // the scan of a folder above the working directory, of a path given as an argument, of a file, of --root
    none(path.join(scanned, 'sub'), { TMPDIR: path.join(scanned, '.tmp') }, ['scan', '..']);
    none(repo(), { TMPDIR: path.join(scanned, '.tmp') }, ['scan', scanned]);
    none(repo(), { TMPDIR: path.join(scanned, '.tmp') }, ['scan', path.join(scanned, 'template.yaml')]);
    none(repo(), { TMPDIR: link }, ['scan', '--root', scanned, 'x']);
    none(repo(), { TMPDIR: link }, ['scan', `--root=${scanned}`]);
    // a temp folder inside a git checkout, whatever is scanned
    mkdirSync(path.join(scanned, '.git'));
    none(repo(), { TMPDIR: path.join(scanned, '.tmp') }, ['scan', repo()]);
    // the report file the run writes does not count: $TMPDIR/report.json keeps the cache on
    const tmp = temp('launcher-tmp-');
    writeFileSync(path.join(tmp, 'report.json'), '{}');
    expect(run(cli, repo(), { TMPDIR: tmp }, [], ['scan', '.', '--output', path.join(tmp, 'report.json')]).out.answer).toBe(1);
    expect(cacheFiles(tmp).filter((f) => f.endsWith('.v8cache'))).toHaveLength(1);
  });
});
