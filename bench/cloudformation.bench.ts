/**
 * CloudFormation/SAM extraction speed over the corpus (../shared/corpus/cloudformation + sam): templates/s for
 * parse + resolve + extract + every offline check, and the ratio to bare `yaml` parseDocument (with a LineCounter,
 * i.e. positions) of the same files. Target: ratio <= 2.
 */
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import path from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import { extractTemplate, isTemplate } from '../src/extract/cloudformation/index.js';
import { parseTemplate } from '../src/extract/cloudformation/yaml.js';
import { runOfflineChecks } from '../src/checks/index.js';
import { defaultOptions } from '../src/config/options.js';

const here = path.dirname(new URL(import.meta.url).pathname);
// ../shared/corpus from the repository root (a worktree under wt/ has it one folder higher)
const corpus = [path.resolve(here, '..', '..', 'shared', 'corpus'), path.resolve(here, '..', '..', '..', 'shared', 'corpus')].find((d) => existsSync(d)) ?? path.resolve(here, '..', '..', 'shared', 'corpus');
if (!existsSync(corpus)) {
  console.log(`corpus not found at ${corpus}; skipped`);
  process.exit(0);
}
const files: { rel: string; text: string }[] = [];
const walk = (dir: string): void => {
  for (const e of readdirSync(dir)) {
    const p = path.join(dir, e);
    if (statSync(p).isDirectory()) walk(p);
    else if (/\.(json|ya?ml|template)$/i.test(e)) files.push({ rel: path.relative(corpus, p), text: readFileSync(p, 'utf8') });
  }
};
walk(path.join(corpus, 'cloudformation'));
walk(path.join(corpus, 'sam'));
const templates = files.filter((f) => isTemplate(f.text));
const options = defaultOptions(corpus);
options.accessAnalyzer = 'off';

function bare(): void {
  for (const f of templates) {
    const lc = new LineCounter();
    parseDocument(f.text, { lineCounter: lc, uniqueKeys: true, schema: 'core' });
  }
}
/** Our parse alone (YAML or the direct JSON reader, short-form tags, spans), then with resolve + extract. */
function parse(): void {
  for (const f of templates) parseTemplate(f.text, f.rel);
}
/**
 * The YAML templates alone, read the Document way (`cst: false`), straight from the parser's tokens (yaml-cst.ts,
 * `direct: false`), or straight from the text where yaml-direct.ts can (the default).
 */
const yamlTemplates = templates.filter((f) => !/^\uFEFF?\s*[{[]/.test(f.text));
const parseYaml = (limits: { cst?: boolean; direct?: boolean }) => (): void => {
  for (const f of yamlTemplates) parseTemplate(f.text, f.rel, limits);
};
const extract = (f: { rel: string; text: string }) =>
  extractTemplate({
    file: f.rel, repoPath: f.rel, displayPath: (p) => p, text: f.text, options, explicit: false,
    readRepoFile: () => { throw new Error('no includes in the benchmark'); },
  });
function extractOnly(): void {
  for (const f of templates) extract(f);
}
let records = 0;
let findings = 0;
function full(): void {
  records = 0;
  findings = 0;
  for (const f of templates) {
    const r = extract(f);
    records += r.policies.length;
    findings += runOfflineChecks(r.policies, r.entities, options).length;
  }
}
/** CPU milliseconds of one call (the machine is shared: CPU time is steadier than wall-clock time). */
function cpuMs(fn: () => void): number {
  const c = process.cpuUsage();
  fn();
  const d = process.cpuUsage(c);
  return (d.user + d.system) / 1000;
}
// warm up both paths, then interleave the rounds (a noisy neighbour slows both alike) and keep the fastest of each
bare();
full();
const runs = Number(process.env.BENCH_RUNS ?? 7);
let tBare = Infinity;
let tFull = Infinity;
let tParse = Infinity;
let tExtract = Infinity;
let tYamlDoc = Infinity;
let tYamlCst = Infinity;
let tYamlDirect = Infinity;
for (let i = 0; i < runs; i++) {
  tYamlDoc = Math.min(tYamlDoc, cpuMs(parseYaml({ cst: false })));
  tYamlCst = Math.min(tYamlCst, cpuMs(parseYaml({ direct: false })));
  tYamlDirect = Math.min(tYamlDirect, cpuMs(parseYaml({})));
  tBare = Math.min(tBare, cpuMs(bare));
  tParse = Math.min(tParse, cpuMs(parse));
  tExtract = Math.min(tExtract, cpuMs(extractOnly));
  tFull = Math.min(tFull, cpuMs(full));
}
console.log(`templates:                          ${templates.length} (${files.length} files scanned)`);
console.log(`policy records / offline findings:  ${records} / ${findings}`);
console.log(`yaml parseDocument (positions):     ${tBare.toFixed(0)} ms  (${(templates.length / (tBare / 1000)).toFixed(0)} templates/s)`);
console.log(`our parse (tags, spans):             ${tParse.toFixed(0)} ms  (${(tParse / tBare).toFixed(2)}x bare)`);
console.log(`YAML templates (${yamlTemplates.length}), Document way:  ${tYamlDoc.toFixed(0)} ms`);
console.log(`YAML templates, from the CST:       ${tYamlCst.toFixed(0)} ms  (${(100 * (1 - tYamlCst / tYamlDoc)).toFixed(0)}% less)`);
console.log(`YAML templates, direct (else CST):  ${tYamlDirect.toFixed(0)} ms  (${(100 * (1 - tYamlDirect / tYamlCst)).toFixed(0)}% less than from the CST)`);
console.log(`parse+resolve+extract:              ${tExtract.toFixed(0)} ms  (${(tExtract / tBare).toFixed(2)}x bare)`);
console.log(`parse+resolve+extract+checks:       ${tFull.toFixed(0)} ms  (${(templates.length / (tFull / 1000)).toFixed(0)} templates/s)`);
console.log(`ratio to bare yaml:                 ${(tFull / tBare).toFixed(2)}x  (target <= 2x)`);
