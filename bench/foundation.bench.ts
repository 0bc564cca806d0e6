/**
 * Foundation benchmark: offline scan of the raw policies and SCPs of the shared corpus, and a synthetic 10,000-file
 * tree for linear cost and memory. Prints figures; asserts nothing.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runGate } from '../src/gate.js';
import { defaultOptions } from '../src/config/options.js';

const here = path.dirname(new URL(import.meta.url).pathname);
const repo = path.resolve(here, '..');
const corpus = path.resolve(repo, '..', 'shared', 'corpus');

function files(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...files(p));
    else out.push(p);
  }
  return out;
}

function ms(t0: number): number {
  return performance.now() - t0;
}

// 1. the corpus, end to end through the bundled CLI (includes Node start-up)
const dirs = ['policies', 'scp'].map((d) => path.join(corpus, d));
const corpusFiles = dirs.flatMap(files).filter((f) => f.endsWith('.json'));
let t0 = performance.now();
const cli = spawnSync(process.execPath, [path.join(repo, 'dist', 'cli.js'), 'scan', ...dirs, '--format', 'json', '--access-analyzer', 'off'], { encoding: 'utf8', maxBuffer: 1 << 30 });
const wall = ms(t0);
const report = JSON.parse(cli.stdout);
t0 = performance.now();
for (let i = 0; i < 10; i++) for (const f of corpusFiles) JSON.parse(readFileSync(f, 'utf8'));
const bare = ms(t0) / 10;
t0 = performance.now();
const inproc = await runGate(dirs, defaultOptions(corpus, repo));
const inprocMs = ms(t0);
console.log(`corpus policies+scp: ${corpusFiles.length} files, ${report.policies.length} policies, ${report.findings.length} findings, exit ${cli.status}`);
console.log(`  CLI wall time incl. start-up: ${wall.toFixed(0)} ms  (${(corpusFiles.length / (wall / 1000)).toFixed(0)} files/s, ${(report.policies.length / (wall / 1000)).toFixed(0)} policies/s)`);
console.log(`  in-process scan: ${inprocMs.toFixed(1)} ms; bare JSON.parse of the same files: ${bare.toFixed(1)} ms; ratio ${(inprocMs / bare).toFixed(1)}x`);
console.log(`  errors: ${inproc.errors.length}`);

// 2. synthetic tree: linear cost, bounded memory
const tmp = mkdtempSync(path.join(tmpdir(), 'ipg-bench-'));
const sample = corpusFiles.map((f) => readFileSync(f, 'utf8'));
function makeTree(n: number): string {
  const dir = path.join(tmp, String(n));
  for (let i = 0; i < n; i++) {
    const sub = path.join(dir, `team-${i % 50}`, i % 7 === 0 ? 'scp' : 'iam');
    mkdirSync(sub, { recursive: true });
    writeFileSync(path.join(sub, `policy-${i}.json`), sample[i % sample.length]!);
  }
  return dir;
}
for (const n of [1000, 5000, 10000]) {
  const dir = makeTree(n);
  const before = process.memoryUsage().rss;
  t0 = performance.now();
  const r = await runGate(['.'], defaultOptions(dir));
  const t = ms(t0);
  console.log(`synthetic ${n} files: ${t.toFixed(0)} ms (${((t * 1000) / n).toFixed(0)} µs/file), ${r.policies.length} policies, rss ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MB (was ${(before / 2 ** 20).toFixed(0)} MB), peak rss ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
  rmSync(dir, { recursive: true, force: true });
}
rmSync(tmp, { recursive: true, force: true });
void statSync;
