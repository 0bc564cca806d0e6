/**
 * Hostile by size (issue 15 section 7), each input in its own process: wall time, peak RSS and the JSON report's
 * size of a whole scan (runGate + the JSON report as the CLI writes it), and what the gate concluded. Also the cost
 * of content sniffing on a directory walk (this repository's node_modules as the tree). Prints figures; asserts
 * nothing (the hostile suite asserts the outcomes: test/hostile/).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { realpathSync } from 'node:fs';
import { runGate } from '../src/gate.js';
import { defaultOptions } from '../src/config/options.js';
import { toJsonReport } from '../src/report/json.js';
import { expandPaths } from '../src/sources/files.js';

const doc = (statements: object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });
const CASES: Record<string, () => string> = {
  '5,000 NotAction statements (300 KB)': () => doc(Array.from({ length: 5_000 }, (_, i) => ({ Effect: 'Allow', NotAction: `iam:Get${i}*`, Resource: '*' }))),
  'one statement, 20,000 duplicate actions (300 KB)': () => doc([{ Effect: 'Allow', Action: Array(20_000).fill('s3:GetObject'), Resource: '*' }]),
  '85,000 statements (4.2 MB)': () => doc(Array.from({ length: 85_000 }, () => ({ Effect: 'Allow', Action: 's3:*', Resource: '*' }))),
};

async function one(name: string): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'iam-gate-hostile-bench-'));
  try {
    writeFileSync(path.join(dir, 'policy.json'), CASES[name]!());
    const t0 = performance.now();
    const r = await runGate(['.'], { ...defaultOptions(dir), accessAnalyzer: 'off' });
    const report = JSON.stringify(toJsonReport(r, { listPolicies: false }), null, 2);
    const ms = performance.now() - t0;
    const rss = process.resourceUsage().maxRSS / 1024;
    const shown = r.findings.length;
    const counted = Object.values(r.verdict.counts).reduce((a, b) => a + b, 0);
    console.log(`${name}: ${(ms / 1000).toFixed(2)} s, peak RSS ${rss.toFixed(0)} MB, report ${(report.length / 1e6).toFixed(2)} MB; ${r.verdict.status}, ${counted} findings counted (${shown} listed), ${r.errors.length} not analysed${r.errors[0] ? ` (${r.errors[0].message.slice(0, 90)}…)` : ''}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function walkCost(): void {
  const root = realpathSync(path.join(import.meta.dirname, '..', 'node_modules'));
  const times: number[] = [];
  let files = 0;
  let sniffed = 0;
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    const r = expandPaths(['.'], defaultOptions(root));
    times.push(performance.now() - t0);
    files = r.files.length;
    sniffed = r.files.filter((f) => f.sniffed).length;
  }
  times.sort((a, b) => a - b);
  console.log(`walk of node_modules with content sniffing: median ${times[2]!.toFixed(0)} ms, ${files} files found (${sniffed} by content)`);
}

const which = process.argv.indexOf('--case');
if (which > 0) {
  await one(process.argv[which + 1]!);
} else {
  const tsx = path.join(import.meta.dirname, '..', 'node_modules', 'tsx', 'dist', 'cli.mjs');
  for (const name of Object.keys(CASES)) spawnSync(process.execPath, [tsx, import.meta.filename, '--case', name], { stdio: 'inherit' });
  walkCost();
}
