/**
 * The pull-request path at scale: N changed raw policy files (a third of them granting "*"), base versions from an
 * in-memory map, then runGate with the baseline and access diff, comment planning and the summary body.
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runGate } from '../src/gate.js';
import { defaultOptions } from '../src/config/options.js';
import { mapBaseSource } from '../src/sources/base.js';
import { planComments, summaryBody } from '../src/github/publish.js';
import { parsePatch } from '../src/sources/diff.js';

function doc(actions: string[]): string {
  const st = actions.map((a, i) => `    {\n      "Sid": "S${i}",\n      "Effect": "Allow",\n      "Action": ${JSON.stringify(a)},\n      "Resource": "*"\n    }`);
  return `{\n  "Version": "2012-10-17",\n  "Statement": [\n${st.join(',\n')}\n  ]\n}\n`;
}

for (const n of [100, 1000, 3000]) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'iam-gate-bench-'));
  const base = new Map<string, string | undefined>();
  const rels: string[] = [];
  for (let i = 0; i < n; i++) {
    const rel = `iam/p${i}.json`;
    rels.push(rel);
    mkdirSync(path.join(dir, 'iam'), { recursive: true });
    const head = i % 3 === 0 ? ['s3:GetObject', '*'] : ['s3:GetObject', `sqs:Send*`];
    writeFileSync(path.join(dir, rel), doc(head));
    base.set(rel, i % 2 === 0 ? doc(['s3:GetObject']) : undefined);
  }
  const options = defaultOptions(dir);
  const rss0 = process.memoryUsage().rss;
  const t0 = performance.now();
  const result = await runGate([], options, { files: rels, base: mapBaseSource('base', base) });
  const t1 = performance.now();
  const files = rels.map((p) => ({ path: p, status: 'modified' as const, hunks: parsePatch('@@ -1,9 +1,15 @@\n' + ' x\n'.repeat(2) + '+x\n'.repeat(13)) }));
  const plan = planComments(result.findings, files, { maxInlineComments: 30, failOn: 'security-warning', failOnExisting: false });
  const body = summaryBody(result, plan, { headSha: 'a'.repeat(40) });
  const t2 = performance.now();
  console.log(
    `${String(n).padStart(5)} changed files: runGate+baseline+access diff ${(t1 - t0).toFixed(0)} ms, ` +
      `plan+summary ${(t2 - t1).toFixed(0)} ms, ${result.findings.length} findings (${result.verdict.newCount} new), ` +
      `${result.accessDiff?.length ?? 0} principals in the access diff, summary ${body.length} chars, ` +
      `RSS +${((process.memoryUsage().rss - rss0) / 1e6).toFixed(0)} MB`,
  );
  rmSync(dir, { recursive: true, force: true });
}

// worst case for the access diff: every principal gains "*" with a different extra action (no sharing)
{
  const { computeAccessDiff } = await import('../src/findings/access-diff.js');
  const mk = (i: number, actions: string[]) =>
    ({ id: `p${i}`, file: `iam/p${i}.json`, resource: `p${i}.json`, propertyPath: '', policyType: 'identity', attachedTo: [], document: { Statement: [{ Effect: 'Allow', Action: actions, Resource: '*' }] } }) as never;
  const n = 200;
  const head = Array.from({ length: n }, (_, i) => mk(i, ['*', `sqs:Custom${i}`]));
  const base = Array.from({ length: n }, (_, i) => mk(i, ['s3:GetObject']));
  const t0 = performance.now();
  const diff = computeAccessDiff(head, base);
  console.log(`access diff, ${n} distinct principals each gaining "*": ${(performance.now() - t0).toFixed(0)} ms (${((performance.now() - t0) / n).toFixed(1)} ms each), ${diff.length} entries`);
}
