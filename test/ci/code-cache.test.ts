/**
 * The bundled CLI with its code cache (.ci/launcher.mjs): the first scan writes the cache, the second uses it (the
 * file is not written again) and reports the same; a damaged cache file changes nothing in the report (and is
 * replaced); with IAM_POLICY_GATE_COMPILE_CACHE=0 nothing is written and the report is the same.
 */
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleDir } from '../helpers/bundle.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const NODE24 = path.join(ROOT, 'node_modules/.bin/node');
const work = mkdtempSync(path.join(os.tmpdir(), 'ipg-code-cache-'));
const repo = path.join(work, 'repo');
let cli = '';

beforeAll(async () => {
  cpSync(path.join(ROOT, 'test/fixtures/corpus'), repo, { recursive: true });
  cli = path.join(await bundleDir(), 'cli.js');
}, 600_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

const uid = typeof process.getuid === 'function' ? process.getuid() : undefined;
const cacheName = `iam-policy-gate-compile-cache${uid === undefined ? '' : `-${uid}`}`;

let runs = 0;
/** A scan of the fixture tree with TMPDIR=tmp: its JSON report, the one timing field blanked. */
async function scan(tmp: string, env: Record<string, string> = {}): Promise<string> {
  const out = path.join(work, `report-${++runs}.json`);
  try {
    await promisify(execFile)(NODE24, [cli, 'scan', '.', '--access-analyzer', 'off', '--format', 'json', '--output', out], {
      cwd: repo,
      env: { PATH: process.env.PATH ?? '', TMPDIR: tmp, ...env },
      timeout: 120_000,
    });
  } catch (e) {
    if ((e as { code?: unknown }).code !== 1 && (e as { code?: unknown }).code !== 3) throw e;
  }
  return readFileSync(out, 'utf8').replace(/"durationMs": \d+/, '"durationMs": 0');
}

function cacheFiles(tmp: string): string[] {
  const dir = path.join(tmp, cacheName);
  return existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.v8cache')).map((f) => path.join(dir, f)) : [];
}

const identity = (f: string): string => {
  const st = statSync(f);
  return `${st.ino}:${st.mtimeMs}:${st.size}`;
};

describe('the bundled CLI with its code cache', () => {
  it('the second scan uses the cache the first wrote, a damaged one is replaced, and the report is the same each time', async () => {
    const tmp = mkdtempSync(path.join(work, 'tmp-'));
    const first = await scan(tmp);
    expect((JSON.parse(first) as { findings: unknown[] }).findings.length).toBeGreaterThan(10);
    const files = cacheFiles(tmp);
    expect(files).toHaveLength(1);
    const written = identity(files[0]!);
    expect(await scan(tmp)).toBe(first);
    expect(identity(files[0]!)).toBe(written);
    // damaged in the middle of V8's data: not used, the report is the same, a good file replaces it
    const bytes = readFileSync(files[0]!);
    bytes.fill(0x5a, bytes.length >> 1, (bytes.length >> 1) + 64);
    writeFileSync(files[0]!, bytes);
    expect(await scan(tmp)).toBe(first);
    const replaced = identity(files[0]!);
    expect(replaced).not.toBe(written);
    expect(await scan(tmp)).toBe(first);
    expect(identity(files[0]!)).toBe(replaced);
  }, 300_000);

  it('IAM_POLICY_GATE_COMPILE_CACHE=0 writes nothing and reports the same', async () => {
    const on = mkdtempSync(path.join(work, 'tmp-'));
    const off = mkdtempSync(path.join(work, 'tmp-'));
    const [a, b] = await Promise.all([scan(on), scan(off, { IAM_POLICY_GATE_COMPILE_CACHE: '0' })]);
    expect(b).toBe(a);
    expect(readdirSync(off)).toEqual([]);
  }, 300_000);
});
