/**
 * Hostile-input benchmark: every generated hostile case (test/hostile/generate.ts) through the whole gate, offline.
 * The tests assert that each case ends (with its error); the time each takes is measured here. Prints figures;
 * asserts nothing.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { runGate } from '../src/gate.js';
import { defaultOptions } from '../src/config/options.js';
import { hostileCases } from '../test/hostile/generate.js';

const base = mkdtempSync(path.join(tmpdir(), 'ipg-hostile-bench-'));
const canary = path.join(base, 'canary.json');
writeFileSync(canary, '{}');
const times: [string, number][] = [];
try {
  let n = 0;
  for (const c of hostileCases()) {
    const root = path.join(base, `repo-${n++}`);
    mkdirSync(root, { recursive: true });
    for (const [rel, body] of Object.entries(c.files)) {
      mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
      writeFileSync(path.join(root, rel), typeof body === 'string' ? body.replaceAll('CANARY_PATH', canary) : body);
    }
    for (const l of c.symlinksToCanary ?? []) symlinkSync(canary, path.join(root, l));
    const t0 = performance.now();
    await runGate(c.scan ?? Object.keys(c.files), { ...defaultOptions(root), accessAnalyzer: 'off' });
    times.push([c.name, performance.now() - t0]);
  }
} finally {
  rmSync(base, { recursive: true, force: true });
}
times.sort((a, b) => b[1] - a[1]);
const total = times.reduce((s, [, t]) => s + t, 0);
console.log(`hostile cases: ${times.length}, total ${total.toFixed(0)} ms, median ${times[Math.floor(times.length / 2)]![1].toFixed(1)} ms`);
for (const [name, t] of times.slice(0, 5)) console.log(`  slowest: ${t.toFixed(0)} ms  ${name}`);
