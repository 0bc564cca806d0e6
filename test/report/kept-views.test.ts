/**
 * A file-by-file scan keeps the bare views of the policies its findings point at as rows of a table looked up by
 * id (src/stream-kept.ts), not as objects. The suppressions stage must find the same view for every id as it did in
 * the list of objects (the last view of an id in position order), and a streamed run must report exactly what the
 * whole-run flow reports where suppressions and the SCP stage read those views.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { KeptViews } from '../../src/stream-kept.js';
import { RowTexts } from '../../src/stream-rows.js';
import { PositionedList } from '../../src/stream-views.js';
import type { PolicyRecord } from '../../src/policy/types.js';
import { runGate } from '../../src/gate.js';
import { loadOptions } from '../../src/config/load.js';
import { toJsonReport } from '../../src/report/json.js';
import { JsonReportSpool } from '../../src/report/json-stream.js';
import { FIXED_NOW } from '../golden/golden.js';

const view = (id: string, resource: string, extra: Partial<PolicyRecord> = {}) =>
  ({ id, file: `f-${id}`, resource, policyType: 'identity', sourceMap: undefined, ...extra }) as unknown as PolicyRecord;

describe('bare views kept as rows', () => {
  it('answer every id as a map made from the list of objects in position order', () => {
    // [position, view, bare?]: an id seen bare twice, bare then not, not then bare, and ids seen once
    const steps: [number, PolicyRecord, boolean][] = [
      [0, view('a', 'A1'), true],
      [1, view('b', 'B1'), true],
      [1, view('c', 'C1', { inlineSuppressions: [] }), false],
      [2, view('a', 'A2'), true],
      [3, view('b', 'B2', { calledFrom: [] }), false],
      [4, view('c', 'C2'), true],
      [0, view('d', 'D-late'), true],
      [5, view('e', 'E', { policyType: 'resource' }), true],
    ];
    for (const after of [Infinity, 0, 1, 3]) answersAsList(steps, new KeptViews(true, after));
  });

  it('rows whose texts are on disk give back the very texts put (quotes, new lines, lone surrogates, other scripts)', () => {
    const odd = ['a"b\\c', 'line\nnext', '\ud800 alone', '\udc00', 'ä/日本/🙂', '', 'x'.repeat(70_000)];
    for (const after of [0, 2, Infinity]) {
      const texts = new RowTexts(after);
      odd.forEach((t, k) => texts.put(`dir/${t}`, t + String(k)));
      expect(texts.settle()).toBeUndefined();
      // asked in another order than put, twice (the second from the look-ups kept)
      for (const k of [6, 0, 3, 3, 1, 5, 2, 4, 0]) expect(texts.get(k)).toEqual([`dir/${odd[k]}`, odd[k]! + String(k)]);
      texts.dispose();
    }
  });

  it('many rows, the first thousands in memory and the rest on disk: each gives back its own texts', () => {
    for (const after of [0, 5000]) {
      const texts = new RowTexts(after);
      for (let k = 0; k < 12_000; k++) texts.put(`d${k % 97}/f${k}.yaml`, `R${k}`);
      expect(texts.settle()).toBeUndefined();
      for (let k = 0; k < 12_000; k++) expect(texts.get(k)).toEqual([`d${k % 97}/f${k}.yaml`, `R${k}`]);
      texts.dispose();
    }
  });

  it('rows whose texts are gone from disk: the look-up throws (never answers another view or none)', () => {
    const kept = new KeptViews(true, 0);
    kept.pushBare(0, view('a', 'A'));
    expect(kept.settle()).toBeUndefined();
    expect(kept.lookup('a')?.resource).toBe('A');
    kept.dispose();
    expect(() => kept.lookup('a')).toThrow(/temporary file of the kept policy views is gone/);
  });
});

function answersAsList(steps: [number, PolicyRecord, boolean][], kept: KeptViews): void {
  const list = new PositionedList<PolicyRecord>();
  for (const [i, v, bare] of steps) {
    if (bare) kept.pushBare(i, { ...v });
    else kept.push([i, { ...v }]);
    list.push([i, v]);
  }
  const expected = new Map(list.byPosition().map((p) => [p.id, p]));
  const objects = new Map(kept.objects.byPosition().map((p) => [p.id, p]));
  for (const [id, p] of expected) {
    const got = objects.get(id) ?? kept.lookup(id);
    expect(got && [got.id, got.file, got.resource, got.policyType], id).toEqual([p.id, p.file, p.resource, p.policyType]);
    expect(objects.has(id) && kept.lookup(id) !== undefined, `${id} is in one place only`).toBe(false);
  }
  // two ids were never seen twice: rows; a stage asking for the types seen gets the one type the objects lack
  expect(kept.size).toBe(2);
  expect(kept.typeSamples(kept.objects.byPosition()).map((p) => p.policyType)).toEqual(['resource']);
  // nothing after the analysis reads a row's source map: one that did would fail, not read a wrong place
  expect(() => kept.lookup('e')!.sourceMap.locate('')).toThrow(/source map/);
  kept.dispose();
}

describe('kept views, more', () => {
  it('a kept view that is not a row keeps its source map (a worker thread sends it whole)', () => {
    const kept = new KeptViews(false);
    const v = view('a', 'A');
    kept.pushBare(0, v);
    expect(kept.size).toBe(0);
    expect(kept.objects.byPosition()).toEqual([v]);
  });
});

describe('a streamed run with suppressions that read bare views', () => {
  it('reports what the whole-run flow reports (config entries by resource, inline suppressions on the resource, the SCP note)', async () => {
    const root = suppressedRepo();
    const whole = await streamedAsWhole(root, [[0, 0], [Infinity, Infinity], [Infinity, 1], [0, 3]]);
    // the case is what it says: suppressed by a config entry matching the policy's resource, and inline
    const report = JSON.parse(whole) as { findings: { suppressed?: boolean; details?: { suppressedBy?: { kind: string } } }[] };
    const kinds = new Set(report.findings.filter((f) => f.suppressed).map((f) => f.details?.suppressedBy?.kind));
    expect([...kinds].sort()).toEqual(['config', 'inline']);
  });

  it('kept views whose texts cannot be written: every finding still reported from memory, the verdict incomplete', async () => {
    const root = suppressedRepo();
    const kept = await runGate(['.'], load(root), { stream: { viewsAfter: Infinity }, workers: 0 });
    const r = await withTmpdir(path.join(root, 'no such folder'), () => runGate(['.'], load(root), { stream: { viewsAfter: 0, spillAfter: Infinity, holdAfter: Infinity }, workers: 0 }));
    expect(kept.verdict.status).not.toBe('incomplete');
    expect(r.verdict.status).toBe('incomplete');
    expect(r.errors.map((e) => e.message).join('\n')).toMatch(/policy views kept for the suppressions could not be written to a temporary file/);
    expect(r.findings.map((f) => [f.fingerprint, f.message, f.suppressed])).toEqual(kept.findings.map((f) => [f.fingerprint, f.message, f.suppressed]));
  });

  it('kept views whose temporary file is gone before the suppressions read them: the verdict incomplete, with the error', async () => {
    const root = suppressedRepo();
    process.env.IAM_POLICY_GATE_TEST_SPILL_FAULT = 'views';
    let r;
    try {
      r = await runGate(['.'], load(root), { stream: { viewsAfter: 0 }, workers: 0 });
    } finally {
      delete process.env.IAM_POLICY_GATE_TEST_SPILL_FAULT;
    }
    expect(r.verdict.status).toBe('incomplete');
    expect(r.errors.map((e) => e.message).join('\n')).toMatch(/could not be read back \(the temporary file of the kept policy views is gone\)/);
  });
});

describe('a streamed run whose kept views carry assumptions', () => {
  it("reports what the whole-run flow reports: a module's own worst case covered by its calls, a template's guessed resource", async () => {
    const root = assumingRepo();
    const whole = await streamedAsWhole(root, [[0, 0], [Infinity, Infinity]], 0);
    // the case is what it says: the module's finding on `var.actions` is not blocking (its call passes one action),
    // and the template's finding on its parameter-built resource is reported as it is
    const report = JSON.parse(whole) as { findings: { file: string; suppressed?: boolean; details?: { suppressedBy?: { kind: string } } }[] };
    expect(report.findings.some((f) => f.file.startsWith('modules/') && f.details?.suppressedBy?.kind === 'module-calls')).toBe(true);
    expect(report.findings.some((f) => f.file === 'template.yaml' && !f.suppressed)).toBe(true);
  });
});

describe("a streamed run with other tools' suppressions", () => {
  it('notes them on the same findings as the whole-run flow (views pointed at or not, kept for inline suppressions, entities)', async () => {
    const root = foreignRepo();
    const whole = await streamedAsWhole(root, [[0, 0], [Infinity, Infinity]], 0);
    // the case is what it says: the notes are on the policy's findings, the user's own findings and the role whose
    // inline suppression applies, each with its own resource's list
    const report = JSON.parse(whole) as { findings: { file: string; ruleId: string; message: string; suppressed?: boolean }[] };
    const noted = (file: string, list: string) => report.findings.filter((f) => f.file === file && f.message.includes(`Found on this resource: ${list}: not applied`));
    expect(noted('policy.yaml', 'cfn_nag suppression F5 (line 7), checkov suppression CKV_AWS_111 (line 11)').length).toBeGreaterThan(0);
    expect(noted('user.yaml', 'cfn_nag suppression F2000 (line 7)').length).toBeGreaterThan(0);
    expect(noted('both.yaml', 'checkov suppression CKV_AWS_109 (line 11)').some((f) => !f.suppressed)).toBe(true);
    expect(report.findings.some((f) => f.file === 'both.yaml' && f.suppressed)).toBe(true);
    expect(report.findings.filter((f) => f.file.startsWith('copies/')).every((f) => !f.message.includes('Found on this resource'))).toBe(true);
  });
});

/** Templates whose resources carry cfn_nag / checkov metadata: a managed policy, a user (an entity), a role that also has an inline suppression; copies without. */
function foreignRepo(): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'gate-foreign-'));
  const put = (rel: string, text: string) => {
    mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    writeFileSync(path.join(root, rel), text);
  };
  const doc = (action: string) => `        Statement:\n          - Effect: Allow\n            Action: "${action}"\n            Resource: "*"\n`;
  put('policy.yaml', `Resources:\n  Deployer:\n    Type: AWS::IAM::ManagedPolicy\n    Metadata:\n      cfn_nag:\n        rules_to_suppress:\n          - id: F5\n            reason: reviewed\n      checkov:\n        skip:\n          - id: CKV_AWS_111\n    Properties:\n      PolicyDocument:\n${doc('s3:*')}`);
  put('user.yaml', `Resources:\n  Dev:\n    Type: AWS::IAM::User\n    Metadata:\n      cfn_nag:\n        rules_to_suppress:\n          - id: F2000\n            reason: legacy\n    Properties:\n      Policies:\n        - PolicyName: p\n          PolicyDocument:\n    ${doc('iam:*').replace(/\n(?=.)/g, '\n    ')}`);
  put('both.yaml', `Resources:\n  Ops:\n    Type: AWS::IAM::Role\n    Metadata:\n      iam-policy-gate:\n        ignore:\n          - rule: admin-wildcard\n            reason: "break-glass (SEC-42)"\n      checkov:\n        skip:\n          - id: CKV_AWS_109\n    Properties:\n      AssumeRolePolicyDocument:\n        Statement:\n          - Effect: Allow\n            Principal: { Service: lambda.amazonaws.com }\n            Action: sts:AssumeRole\n      Policies:\n        - PolicyName: p\n          PolicyDocument:\n    ${doc('*').replace(/\n(?=.)/g, '\n    ')}`);
  for (let i = 0; i < 12; i++) put(`copies/c${i}.yaml`, `Resources:\n  P${i}:\n    Type: AWS::IAM::ManagedPolicy\n    Properties:\n      PolicyDocument:\n${doc('ec2:*')}`);
  return root;
}

/** A Terraform module whose policy takes its actions from a variable, called with one action; a template whose policy's resource comes from a parameter. */
function assumingRepo(): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'gate-assume-'));
  const put = (rel: string, text: string) => {
    mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    writeFileSync(path.join(root, rel), text);
  };
  put('modules/app/main.tf', 'variable "actions" {}\n\nresource "aws_iam_policy" "p" {\n  name   = "p"\n  policy = jsonencode({\n    Version   = "2012-10-17"\n    Statement = [{ Effect = "Allow", Action = var.actions, Resource = "*" }]\n  })\n}\n');
  put('main.tf', 'module "app" {\n  source  = "./modules/app"\n  actions = ["s3:GetObject"]\n}\n');
  put('template.yaml', 'Parameters:\n  Bucket:\n    Type: String\nResources:\n  Role:\n    Type: AWS::IAM::Role\n    Properties:\n      AssumeRolePolicyDocument:\n        Statement:\n          - Effect: Allow\n            Principal: { Service: lambda.amazonaws.com }\n            Action: sts:AssumeRole\n      Policies:\n        - PolicyName: p\n          PolicyDocument:\n            Statement:\n              - Effect: Allow\n                Action: "s3:*"\n                Resource: !Sub "arn:aws:s3:::${Bucket}/*"\n');
  return root;
}

/**
 * The whole-run flow's JSON report (`--list-policies`) of `root`, after checking that a streamed run gives the same
 * text for each [spillAfter, viewsAfter] (findings and kept views on disk from the first one, or never).
 */
async function streamedAsWhole(root: string, spills: readonly (readonly [number, number])[], workers?: number): Promise<string> {
  const whole = blank(JSON.stringify(toJsonReport(await runGate(['.'], load(root)), { listPolicies: true }), null, 2) + '\n');
  for (const [spillAfter, viewsAfter] of spills) {
    const spool = new JsonReportSpool({ listPolicies: true });
    const s = await runGate(['.'], load(root), { stream: { sink: spool, spillAfter, viewsAfter }, ...(workers !== undefined ? { workers } : {}) });
    expect(s.streamed, 'analysed file by file').toBeTruthy();
    let streamed = '';
    spool.write(s, (t) => (streamed += t));
    expect(blank(streamed)).toBe(whole);
  }
  return whole;
}

const load = (root: string) => {
  const { options } = loadOptions(root, root, undefined, { cli: { accessAnalyzer: 'off' } });
  options.now = FIXED_NOW;
  return options;
};
const blank = (s: string) => s.replace(/"durationMs": \d+/, '"durationMs": 0');

async function withTmpdir<T>(dir: string, f: () => Promise<T>): Promise<T> {
  const saved = process.env.TMPDIR;
  process.env.TMPDIR = dir;
  try {
    return await f();
  } finally {
    if (saved === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = saved;
  }
}

/** Twelve roles, some suppressed by config entries matching their resource, some inline, and an SCP file. */
function suppressedRepo(): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'gate-views-'));
  const put = (rel: string, text: string) => {
    mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    writeFileSync(path.join(root, rel), text);
  };
  const role = (name: string, action: string, metadata = '') =>
    `Resources:\n  ${name}:\n    Type: AWS::IAM::Role\n${metadata}    Properties:\n      AssumeRolePolicyDocument:\n        Statement:\n          - Effect: Allow\n            Principal: { Service: lambda.amazonaws.com }\n            Action: sts:AssumeRole\n      Policies:\n        - PolicyName: p\n          PolicyDocument:\n            Statement:\n              - Effect: Allow\n                Action: "${action}"\n                Resource: "*"\n`;
  const inline = '    Metadata:\n      iam-policy-gate:\n        ignore:\n          - rule: admin-wildcard\n            reason: "break-glass (SEC-42)"\n';
  for (let k = 0; k < 12; k++) put(`t${String(k).padStart(2, '0')}.yaml`, role(k % 3 === 0 ? 'LegacyRole' : `Role${k}`, k % 2 ? '*' : 's3:*', k % 4 === 1 ? inline : ''));
  put('.github/iam-policy-gate.yml', 'ignore:\n  - rule: service-wildcard\n    resource: LegacyRole\n    reason: "accepted (SEC-7)"\n  - rule: admin-wildcard\n    resource: "Role5"\n    reason: "reviewed (SEC-8)"\n');
  put('scp/deny-leave.json', JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 'organizations:LeaveOrganization', Resource: '*' }] }));
  return root;
}
