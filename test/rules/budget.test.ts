/**
 * The per-file work budget of the offline checks: a file over it is not analysed (an error naming it, verdict
 * incomplete) and every other file is checked in full. Counted, not timed: the same on every machine.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runGate } from '../../src/gate.js';
import { defaultOptions } from '../../src/config/options.js';
import { policyWork } from '../../src/checks/budget.js';
import { statementsOf } from '../../src/policy/statements.js';

const doc = (statements: object[]) => ({ Version: '2012-10-17', Statement: statements });
const ADMIN = JSON.stringify(doc([{ Effect: 'Allow', Action: '*', Resource: '*' }]));
const notActions = (n: number) => JSON.stringify(doc(Array.from({ length: n }, (_, i) => ({ Effect: 'Allow', NotAction: `s3:Get${i}*`, Resource: '*' }))));

async function scan(files: Record<string, string>, budget?: number) {
  const root = mkdtempSync(path.join(tmpdir(), 'ipg-budget-'));
  try {
    for (const [rel, text] of Object.entries(files)) writeFileSync(path.join(root, rel), text);
    const options = { ...defaultOptions(root), accessAnalyzer: 'off' as const, ...(budget !== undefined ? { fileWorkBudget: budget } : {}) };
    return await runGate(Object.keys(files), options);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

describe('per-file work budget', () => {
  it('a file over the budget is not analysed, named with the reason; the others are reported', async () => {
    const r = await scan({ 'heavy.json': notActions(40), 'admin.json': ADMIN }, 100_000);
    expect(r.errors).toEqual([expect.objectContaining({ file: 'heavy.json', message: expect.stringMatching(/^not analysed: .*work budget \(100,000 units; 40 statements in heavy\.json\)/) })]);
    expect(r.verdict.status).toBe('incomplete');
    expect(r.verdict.incomplete.map((i) => i.file)).toEqual(['heavy.json']);
    expect(r.findings.some((f) => f.file === 'admin.json' && f.ruleId === 'admin-wildcard')).toBe(true);
  });

  it('the default budget analyses ordinary policies in full and stops 5,000 NotAction statements', async () => {
    const ok = await scan({ 'forty.json': notActions(40) });
    expect(ok.errors).toEqual([]);
    // Allow NotAction of one pattern grants nearly everything: admin-wildcard (which subsumes allow-not-action)
    expect(ok.findings.some((f) => f.ruleId === 'admin-wildcard' && f.file === 'forty.json')).toBe(true);
    const heavy = await scan({ 'five-thousand.json': notActions(5_000), 'admin.json': ADMIN });
    expect(heavy.errors.map((e) => e.file)).toEqual(['five-thousand.json']);
    expect(heavy.verdict.status).toBe('incomplete');
    expect(heavy.findings.some((f) => f.file === 'admin.json' && f.ruleId === 'admin-wildcard')).toBe(true);
  });

  it('file-time-budget-ms (CPU time) is the backstop: a file past it is not analysed either', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'ipg-budget-'));
    try {
      writeFileSync(path.join(root, 'heavy.json'), notActions(40));
      writeFileSync(path.join(root, 'admin.json'), ADMIN);
      // a budget no file can meet (the clock is read once 10,000 units were charged since the last read)
      const r = await runGate(['heavy.json', 'admin.json'], { ...defaultOptions(root), accessAnalyzer: 'off', fileTimeBudgetMs: 0 });
      expect(r.errors.map((e) => [e.file, /per-file time budget \(file-time-budget-ms: 0 ms of CPU time/.test(e.message)])).toEqual([['heavy.json', true]]);
      expect(r.findings.some((f) => f.file === 'admin.json' && f.ruleId === 'admin-wildcard')).toBe(true);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('the time backstop also stops a file of many small policies (the clock is read as their work adds up)', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'ipg-budget-'));
    try {
      const resources: Record<string, object> = {};
      for (let i = 0; i < 300; i++) {
        resources[`Policy${i}`] = {
          Type: 'AWS::IAM::ManagedPolicy',
          Properties: { PolicyDocument: doc([{ Effect: 'Allow', Action: [`s3:GetObject`, `sqs:SendMessage`], Resource: `arn:aws:s3:::bucket-${i}/*` }]) },
        };
      }
      writeFileSync(path.join(root, 'many.json'), JSON.stringify({ AWSTemplateFormatVersion: '2010-09-09', Resources: resources }));
      writeFileSync(path.join(root, 'admin.json'), ADMIN);
      const r = await runGate(['many.json', 'admin.json'], { ...defaultOptions(root), accessAnalyzer: 'off', fileTimeBudgetMs: 0 });
      expect(r.errors.map((e) => [e.file, /per-file time budget/.test(e.message)])).toEqual([['many.json', true]]);
      expect(r.verdict.status).toBe('incomplete');
      expect(r.findings.some((f) => f.file === 'admin.json' && f.ruleId === 'admin-wildcard')).toBe(true);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('counts work from the policy text alone', () => {
    const w = (statements: object[]) => policyWork(statementsOf(doc(statements)));
    expect(w([{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }])).toEqual({ once: 0, pass: 4 });
    // a whole-catalogue expansion costs once per policy, and more on each pass than a listed action
    expect(w([{ Effect: 'Allow', NotAction: 's3:GetObject', Resource: '*' }]).once).toBeGreaterThan(0);
    expect(w([{ Effect: 'Allow', Action: '*', Resource: '*' }]).pass).toBeGreaterThan(w([{ Effect: 'Allow', Action: 's3:Get*', Resource: '*' }]).pass);
  });
});
