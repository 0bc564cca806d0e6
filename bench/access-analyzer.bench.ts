/**
 * IAM Access Analyzer phase against the local fake (50 ms latency, 20 requests/s token bucket): the raw policies
 * and SCPs of the shared corpus, extracted with the current extractors. Prints calls made, wall time, the ratio of
 * wall time to calls/TPS (goal ≤ 1.25), and the calls of a second, unchanged run (cache: goal 0).
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defaultOptions } from '../src/config/options.js';
import { extractFile } from '../src/extract/index.js';
import type { PolicyRecord } from '../src/policy/types.js';
import { createAaApi } from '../src/checks/access-analyzer/client.js';
import { cacheFor } from '../src/checks/access-analyzer/cache.js';
import { runAccessAnalyzerChecks } from '../src/checks/access-analyzer/analyze.js';
import { FakeAccessAnalyzer } from '../test/fakes/access-analyzer-server.js';

const TPS = 20;
const LATENCY_MS = 50;
const corpus = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..', 'shared', 'corpus');

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = path.join(dir, n);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

async function main() {
  const options = defaultOptions(corpus);
  options.aa.maxBilledCalls = 100_000;
  const policies: PolicyRecord[] = [];
  const files = ['policies', 'scp'].flatMap((d) => walk(path.join(corpus, d))).filter((f) => f.endsWith('.json'));
  for (const abs of files) {
    const rel = path.relative(corpus, abs);
    const r = await extractFile({
      file: rel, repoPath: rel, displayPath: (p) => p, text: readFileSync(abs, 'utf8'), options, explicit: false,
      readRepoFile: () => { throw new Error('no reads in the benchmark'); },
    });
    if (r) policies.push(...r.policies);
  }
  const fake = new FakeAccessAnalyzer({ latencyMs: LATENCY_MS, rate: TPS, burst: TPS });
  await fake.start();
  const cacheDir = mkdtempSync(path.join(os.tmpdir(), 'aa-bench-'));
  const api = createAaApi({ region: 'us-east-1', endpoint: fake.url, credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' } });
  try {
    const run = async (label: string) => {
      fake.resetLog();
      const t0 = performance.now();
      const r = await runAccessAnalyzerChecks({ policies, options, api, cache: cacheFor(cacheDir, corpus), region: 'us-east-1' });
      const wall = (performance.now() - t0) / 1000;
      const ok = fake.calls().filter((c) => c.status === 200).length;
      const throttled = fake.calls().filter((c) => c.status === 429).length;
      const ideal = ok / TPS;
      console.log(`${label}:`);
      console.log(`  policies                 ${policies.length} (from ${files.length} files)`);
      const byOp = (op: Parameters<typeof fake.calls>[0]) => fake.calls(op).filter((c) => c.status === 200).length;
      console.log(`  calls made (200)         ${ok}  (ValidatePolicy ${byOp('ValidatePolicy')}, billed ${r.stats.billedCalls}: CheckAccessNotGranted ${byOp('CheckAccessNotGranted')}, CheckNoPublicAccess ${byOp('CheckNoPublicAccess')}, CheckNoNewAccess ${byOp('CheckNoNewAccess')})`);
      console.log(`  throttled responses      ${throttled}`);
      console.log(`  cache hits / deduped     ${r.stats.cacheHits} / ${r.stats.deduped}`);
      console.log(`  findings / errors        ${r.findings.length} / ${r.errors.length}`);
      console.log(`  wall time                ${wall.toFixed(2)} s`);
      if (ok) console.log(`  ratio wall/(calls/TPS)   ${(wall / ideal).toFixed(3)}  (ideal ${ideal.toFixed(2)} s at ${TPS} req/s; goal <= 1.25)`);
      return { ok, errors: r.errors.length };
    };
    const first = await run(`first run (fake: ${LATENCY_MS} ms latency, ${TPS} req/s)`);
    const second = await run('second run, unchanged (cache)');
    console.log(`  calls on the second run  ${second.ok}  (goal 0)`);
    if (first.errors || second.ok) process.exitCode = 1;
  } finally {
    await fake.close();
    rmSync(cacheDir, { recursive: true, force: true });
  }
}

await main();
