/**
 * Terraform plan extraction throughput: plan resources per second over ../shared/corpus/terraform-plan and over a
 * generated large plan (modules x for_each services, one third of the resources IAM-bearing), and the ratio to bare
 * JSON.parse of the same text (target <= 3x). Figures are CPU time, the fastest of 9 interleaved rounds.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultOptions } from '../src/config/options.js';
import { extractPlan } from '../src/extract/terraform/plan.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const corpus = path.join(here, '..', '..', 'shared', 'corpus', 'terraform-plan');

function walk(dir: string): string[] {
  let out: string[] = [];
  for (const e of readdirSync(dir)) {
    const p = path.join(dir, e);
    if (statSync(p).isDirectory()) out = out.concat(walk(p));
    else if (p.endsWith('.json')) out.push(p);
  }
  return out;
}

function countResources(text: string): number {
  const plan = JSON.parse(text) as { resource_changes?: unknown[]; planned_values?: unknown };
  return Array.isArray(plan.resource_changes) ? plan.resource_changes.length : 0;
}

/** A large plan: M modules x N for_each services (IAM role + inline policy, and non-IAM resources). */
function syntheticPlan(modules: number, perModule: number, pretty: boolean): string {
  const doc = (i: number) =>
    JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        { Sid: 'Read', Effect: 'Allow', Action: ['s3:GetObject', 's3:ListBucket'], Resource: [`arn:aws:s3:::bucket-${i}`, `arn:aws:s3:::bucket-${i}/*`] },
        { Sid: 'Queue', Effect: 'Allow', Action: 'sqs:SendMessage', Resource: `arn:aws:sqs:us-east-1:123456789012:q-${i}` },
      ],
    });
  const trust = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] });
  const child: unknown[] = [];
  const changes: unknown[] = [];
  const calls: Record<string, unknown> = {};
  let n = 0;
  for (let m = 0; m < modules; m++) {
    const resources: unknown[] = [];
    for (let i = 0; i < perModule; i++, n++) {
      const key = `svc${i}`;
      const role = { address: `module.m${m}.aws_iam_role.this["${key}"]`, mode: 'managed', type: 'aws_iam_role', name: 'this', index: key, values: { name: `r-${m}-${i}`, assume_role_policy: trust, path: '/' } };
      const pol = { address: `module.m${m}.aws_iam_role_policy.this["${key}"]`, mode: 'managed', type: 'aws_iam_role_policy', name: 'this', index: key, values: { name: 'inline', policy: doc(n) } };
      const bucket = { address: `module.m${m}.aws_s3_bucket.b["${key}"]`, mode: 'managed', type: 'aws_s3_bucket', name: 'b', index: key, values: { bucket: `bucket-${n}` } };
      // the rest of a service's stack: no IAM content, as in most real plans
      const others = [
        { address: `module.m${m}.aws_lambda_function.fn["${key}"]`, mode: 'managed', type: 'aws_lambda_function', name: 'fn', index: key, values: { function_name: `fn-${n}`, runtime: 'nodejs22.x', handler: 'index.handler', memory_size: 256, timeout: 30, environment: [{ variables: { BUCKET: `bucket-${n}`, QUEUE: `q-${n}` } }], tags: { service: key } } },
        { address: `module.m${m}.aws_cloudwatch_log_group.fn["${key}"]`, mode: 'managed', type: 'aws_cloudwatch_log_group', name: 'fn', index: key, values: { name: `/aws/lambda/fn-${n}`, retention_in_days: 30, tags: { service: key } } },
        { address: `module.m${m}.aws_sqs_queue.q["${key}"]`, mode: 'managed', type: 'aws_sqs_queue', name: 'q', index: key, values: { name: `q-${n}`, visibility_timeout_seconds: 60, message_retention_seconds: 345600, tags: { service: key } } },
      ];
      resources.push(role, pol, bucket, ...others);
      for (const o of others) changes.push({ ...o, change: { actions: ['create'], before: null, after: o.values, after_unknown: { arn: true, id: true } } });
      changes.push(
        { ...role, change: { actions: ['create'], before: null, after: role.values, after_unknown: { arn: true, id: true } } },
        { ...pol, change: { actions: ['update'], before: { name: 'inline', policy: doc(n + 1) }, after: pol.values, after_unknown: { id: true, role: true } } },
        { ...bucket, change: { actions: ['no-op'], before: bucket.values, after: bucket.values, after_unknown: {} } },
      );
    }
    child.push({ address: `module.m${m}`, resources });
    calls[`m${m}`] = {
      source: './modules/svc',
      module: {
        resources: [
          { address: 'aws_iam_role.this', mode: 'managed', type: 'aws_iam_role', name: 'this', expressions: { assume_role_policy: {} }, for_each_expression: { references: ['var.services'] } },
          { address: 'aws_iam_role_policy.this', mode: 'managed', type: 'aws_iam_role_policy', name: 'this', expressions: { role: { references: ['each.value.id', 'each.value'] }, policy: {} }, for_each_expression: { references: ['aws_iam_role.this'] } },
        ],
      },
    };
  }
  return JSON.stringify(
    { format_version: '1.2', terraform_version: '1.9.5', planned_values: { root_module: { child_modules: child } }, resource_changes: changes, configuration: { root_module: { module_calls: calls } } },
    null,
    pretty ? 2 : undefined,
  );
}

/** CPU time of one call, ms (the machine is shared: CPU time is steadier than wall-clock time). */
function cpuMs(f: () => void): number {
  const c = process.cpuUsage();
  f();
  const d = process.cpuUsage(c);
  return (d.user + d.system) / 1000;
}

/** Fastest of several interleaved rounds, in CPU milliseconds (the minimum is the least disturbed figure). */
function timePair(a: () => void, b: () => void, rounds = 9): [number, number] {
  a();
  b();
  let ta = Infinity;
  let tb = Infinity;
  for (let i = 0; i < rounds; i++) {
    ta = Math.min(ta, cpuMs(a));
    tb = Math.min(tb, cpuMs(b));
  }
  return [ta, tb];
}

const options = defaultOptions(path.join(here, '..'));
const input = (file: string, text: string) => ({
  file,
  repoPath: file,
  displayPath: (p: string) => p,
  text,
  options,
  explicit: true,
  readRepoFile: () => {
    throw new Error('no .tf sources in the benchmark');
  },
  listRepoFiles: () => [],
});

function report(label: string, texts: { file: string; text: string }[]): void {
  const bytes = texts.reduce((a, t) => a + t.text.length, 0);
  const resources = texts.reduce((a, t) => a + countResources(t.text), 0);
  let records = 0;
  for (const t of texts) records += extractPlan(input(t.file, t.text)).policies.length;
  const [parseMs, extractMs] = timePair(
    () => {
      for (const t of texts) JSON.parse(t.text);
    },
    () => {
      for (const t of texts) extractPlan(input(t.file, t.text));
    },
  );
  console.log(`${label}: ${texts.length} plans, ${(bytes / 1e6).toFixed(2)} MB, ${resources} resource changes, ${records} policy records`);
  console.log(`  bare JSON.parse:        ${parseMs.toFixed(2)} ms`);
  console.log(`  terraform plan extract: ${extractMs.toFixed(2)} ms  (${Math.round((resources / extractMs) * 1000).toLocaleString('en')} plan resources/s)`);
  console.log(`  ratio to JSON.parse:    ${(extractMs / parseMs).toFixed(2)}x  (target <= 3x)`);
}

let corpusTexts: { file: string; text: string }[] = [];
try {
  corpusTexts = walk(corpus).map((f) => ({ file: path.relative(corpus, f), text: readFileSync(f, 'utf8') }));
} catch {
  console.log(`corpus not found at ${corpus}; skipping the corpus figures`);
}
if (corpusTexts.length) report('corpus terraform-plan', corpusTexts);
const label = 'generated plan (20 modules x 100 for_each services: role, inline policy, bucket, function, log group, queue)';
report(`${label}, one line as terraform show -json prints it`, [{ file: 'large-plan.json', text: syntheticPlan(20, 100, false) }]);
report(`${label}, pretty-printed`, [{ file: 'large-plan.json', text: syntheticPlan(20, 100, true) }]);
