/**
 * The bundles' start file (.ci/launcher.mjs): it runs the bundle with its arguments and exit code, turns on Node's
 * compile cache in a folder of this user under the system temp folder, and never in the scanned repository, in a
 * folder someone else could write, on a GitHub-hosted runner, or when turned off.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
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

/** A folder with the start file and a stand-in bundle that prints its arguments and the cache folder in use. */
function dist(): string {
  const dir = temp('launcher-');
  writeFileSync(path.join(dir, 'package.json'), '{"type":"module"}');
  writeFileSync(path.join(dir, 'cli.js'), source('cli-bundle.js', true));
  writeFileSync(path.join(dir, 'cli-bundle.js'), "import module from 'node:module';\nconsole.log(JSON.stringify({ args: process.argv.slice(2), cache: module.getCompileCacheDir?.() ?? null, forWorkers: globalThis[Symbol.for('iam-policy-gate.compile-cache')] ?? null }));\nprocess.exitCode = 3;\n");
  return dir;
}

function run(cli: string, cwd: string, env: Record<string, string>) {
  const r = spawnSync(process.execPath, [path.join(cli, 'cli.js'), 'scan', '.'], { cwd, env: { PATH: process.env.PATH ?? '', ...env }, encoding: 'utf8' });
  return { code: r.status, out: JSON.parse(r.stdout) as { args: string[]; cache: string | null; forWorkers: string | null }, stderr: r.stderr };
}

const uid = typeof process.getuid === 'function' ? process.getuid() : undefined;
const cacheName = `iam-policy-gate-compile-cache${uid === undefined ? '' : `-${uid}`}`;

describe('bundle start file', () => {
  it('runs the bundle with its arguments and exit code, with the compile cache in a private temp folder', () => {
    const cli = dist();
    const tmp = temp('launcher-tmp-');
    const repo = temp('launcher-repo-');
    const r = run(cli, repo, { TMPDIR: tmp });
    expect(r.code).toBe(3);
    expect(r.out.args).toEqual(['scan', '.']);
    expect(r.out.cache).toContain(path.join(tmp, cacheName));
    // the folder it checked, left for the bundle's worker threads (src/parallel/pool.ts passes it as NODE_COMPILE_CACHE)
    expect(r.out.forWorkers).toBe(path.join(tmp, cacheName));
    if (process.platform !== 'win32') expect(statSync(path.join(tmp, cacheName)).mode & 0o077).toBe(0);
  });

  it('never puts the cache inside the scanned repository, a folder others can write, a hosted runner, or when off', () => {
    const cli = dist();
    const repo = temp('launcher-repo-');
    // the temp folder inside the working directory (the repository)
    const inside = path.join(repo, 'tmp');
    mkdirSync(inside);
    expect(run(cli, repo, { TMPDIR: inside }).out.cache).toBeNull();
    expect(existsSync(path.join(inside, cacheName))).toBe(false);
    // ... or inside $GITHUB_WORKSPACE
    const elsewhere = temp('launcher-cwd-');
    expect(run(cli, elsewhere, { TMPDIR: inside, GITHUB_WORKSPACE: repo }).out.cache).toBeNull();
    // a cache folder another user could write to
    const shared = temp('launcher-shared-');
    mkdirSync(path.join(shared, cacheName));
    chmodSync(path.join(shared, cacheName), 0o777);
    if (process.platform !== 'win32') expect(run(cli, elsewhere, { TMPDIR: shared }).out.cache).toBeNull();
    const tmp = temp('launcher-tmp-');
    expect(run(cli, elsewhere, { TMPDIR: tmp, RUNNER_ENVIRONMENT: 'github-hosted' }).out.cache).toBeNull();
    expect(run(cli, elsewhere, { TMPDIR: tmp, IAM_POLICY_GATE_COMPILE_CACHE: '0' }).out.cache).toBeNull();
    // none of these leaves a folder for the worker threads either
    expect(run(cli, elsewhere, { TMPDIR: tmp, IAM_POLICY_GATE_COMPILE_CACHE: '0' }).out.forWorkers).toBeNull();
    expect(run(cli, repo, { TMPDIR: inside }).out.forWorkers).toBeNull();
    if (process.platform !== 'win32') expect(run(cli, elsewhere, { TMPDIR: shared }).out.forWorkers).toBeNull();
    expect(run(cli, elsewhere, { TMPDIR: tmp }).out.cache).toContain(tmp);
  });
});
