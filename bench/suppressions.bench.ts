// Figures for the config and suppression stage: loading a large config file, and applying many ignore entries and
// inline suppressions to many findings (the per-run cost added before the verdict).
import { rawExtractor } from '../src/extract/raw.js';
import { runOfflineChecks } from '../src/checks/index.js';
import { defaultOptions } from '../src/config/options.js';
import type { Options } from '../src/config/options.js';
import { parseConfig } from '../src/config/load.js';
import { applySuppressions } from '../src/findings/suppressions.js';
import type { PolicyRecord } from '../src/policy/types.js';

function time<T>(label: string, runs: number, fn: () => T): T {
  let out!: T;
  fn(); // warm-up
  const t0 = performance.now();
  for (let i = 0; i < runs; i++) out = fn();
  const ms = (performance.now() - t0) / runs;
  console.log(`${label.padEnd(64)} ${ms.toFixed(2)} ms`);
  return out;
}

// a config with 500 ignore entries of every form
const entries = Array.from({ length: 500 }, (_, i) =>
  [
    `  - rule: ${i % 2 ? 'admin-wildcard' : 'PASS_ROLE_WITH_STAR_IN_RESOURCE'}`,
    `    files: ["infra/team${i % 50}/**"]`,
    i % 3 === 0 ? `    resource: "Role${i}*"` : '',
    i % 5 === 0 ? `    sid: Sid${i}` : '',
    i % 7 === 0 ? `    action: "s3:*"` : '',
    `    reason: "accepted (TICKET-${i})"`,
    i % 4 === 0 ? `    expires: 2026-0${1 + (i % 9)}-15` : '',
  ]
    .filter(Boolean)
    .join('\n'),
);
const yaml = `fail-on: error\nexclude: ["**/test/**"]\nignore:\n${entries.join('\n')}\n`;
console.log(`config: ${entries.length} ignore entries, ${yaml.split('\n').length} lines, ${(yaml.length / 1024).toFixed(0)} KiB`);
const layer = time('parse + validate config (parseConfig)', 20, () => parseConfig(yaml, '.github/iam-policy-gate.yml'));

const options: Options = { ...defaultOptions('/repo'), ...layer, now: new Date('2026-06-01T00:00:00Z') } as Options;
// 2,000 policy files, each with two admin statements -> 4,000 findings
const policies: PolicyRecord[] = [];
for (let i = 0; i < 2000; i++) {
  const file = `infra/team${i % 60}/role${i}.json`;
  const text = JSON.stringify(
    { Version: '2012-10-17', Statement: [{ Sid: `Sid${i}`, Effect: 'Allow', Action: '*', Resource: '*' }, { Effect: 'Allow', Action: ['s3:*', '*'], Resource: '*' }] },
    null,
    2,
  );
  const res = rawExtractor.extract({ file, repoPath: file, displayPath: (p) => p, text, options, explicit: true, readRepoFile: () => '' });
  if ('then' in res) throw new Error('async');
  for (const p of res.policies) {
    p.resource = `Role${i}`;
    if (i % 10 === 0) p.inlineSuppressions = [{ rule: 'admin-wildcard', reason: 'inline', file, line: 1 }];
  }
  policies.push(...res.policies);
}
const findings = runOfflineChecks(policies, [], options);
const scannedFiles = [...new Set(policies.map((p) => p.file))];
const out = time(`applySuppressions: ${findings.length} findings x ${options.ignore.length} entries`, 5, () =>
  applySuppressions(findings, { policies, entities: [], options, scannedFiles }),
);
const suppressed = out.filter((f) => f.suppressed).length;
console.log(`suppressed ${suppressed}, expired reported ${out.filter((f) => f.ruleId === 'suppression-expired').length}, unused reported ${out.filter((f) => f.ruleId === 'suppression-unused').length}`);
