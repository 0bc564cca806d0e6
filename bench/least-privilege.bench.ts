// Rules time per policy: every registered rule over the raw policies of the shared corpus (and a synthetic
// principal with many attached policies, for the per-principal escalation analysis).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { rawExtractor } from '../src/extract/raw.js';
import { defaultOptions } from '../src/config/options.js';
import { runRules } from '../src/checks/rules/run.js';
import { rules } from '../src/checks/rules/index.js';
import type { PolicyRecord } from '../src/policy/types.js';
import { getCatalog } from '../src/catalog/index.js';

const corpus = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../shared/corpus/policies');

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const f of readdirSync(dir)) {
    const p = path.join(dir, f);
    if (statSync(p).isDirectory()) out.push(...walk(p));
    else if (f.endsWith('.json')) out.push(p);
  }
  return out;
}

const options = defaultOptions('/repo');
const policies: PolicyRecord[] = [];
let files = 0;
try {
  for (const file of walk(corpus)) {
    const text = readFileSync(file, 'utf8');
    const res = rawExtractor.extract({
      file, repoPath: path.relative(corpus, file), displayPath: (p) => p, text, options, explicit: true,
      readRepoFile: () => { throw new Error('no reads'); },
    });
    if ('then' in res) continue;
    files++;
    policies.push(...res.policies);
  }
} catch (e) {
  console.log(`corpus not available (${(e as Error).message}); synthetic policies only`);
}

let t = performance.now();
getCatalog();
console.log(`catalogue load                  ${(performance.now() - t).toFixed(1)} ms`);

// warm-up (memoised wildcard expansion), then measured runs
runRules(rules, { policies, entities: [], options });
const runs = 5;
t = performance.now();
let findings = 0;
for (let i = 0; i < runs; i++) findings = runRules(rules, { policies, entities: [], options }).length;
const ms = (performance.now() - t) / runs;
console.log(`corpus policies                 ${policies.length} (from ${files} files), ${rules.length} rules, ${findings} findings`);
console.log(`rules time, whole corpus        ${ms.toFixed(1)} ms`);
console.log(`rules time per policy           ${(ms / Math.max(1, policies.length)).toFixed(3)} ms`);

// one role with 40 policies (inline + managed), including NotAction and wildcard grants
const role = { kind: 'role' as const, id: 'BigRole', via: 'managed' as const };
const synthetic: PolicyRecord[] = [];
for (let i = 0; i < 40; i++) {
  const document = {
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Action: i % 10 === 0 ? '*' : [`s3:Get*`, `ec2:Describe*`, `lambda:*`, `iam:List*`], Resource: '*' },
      { Effect: 'Allow', NotAction: i % 7 === 0 ? ['iam:*'] : undefined, Action: i % 7 === 0 ? undefined : 'dynamodb:PutItem', Resource: `arn:aws:dynamodb:us-east-1:111122223333:table/t${i}` },
    ],
  };
  const text = JSON.stringify(document, null, 2);
  const res = rawExtractor.extract({ file: `p${i}.json`, repoPath: `p${i}.json`, displayPath: (p) => p, text, options, explicit: true, readRepoFile: () => { throw new Error('no reads'); } });
  if ('then' in res) continue;
  for (const p of res.policies) synthetic.push({ ...p, attachedTo: [role] });
}
runRules(rules, { policies: synthetic, entities: [], options });
t = performance.now();
for (let i = 0; i < runs; i++) runRules(rules, { policies: synthetic, entities: [], options });
const ms2 = (performance.now() - t) / runs;
console.log(`one role, 40 policies           ${ms2.toFixed(1)} ms (${(ms2 / synthetic.length).toFixed(3)} ms per policy)`);
