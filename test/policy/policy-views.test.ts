/**
 * One set of statement views per policy record while the rules run (policyStatements): the same record's rules share
 * them, two records sharing one document never do (their placeholders differ), and a document whose statements
 * changed is viewed afresh.
 */
import { describe, expect, it } from 'vitest';
import { policyStatements, statementsOf, withPolicyViews } from '../../src/policy/statements.js';
import { runRules } from '../../src/checks/rules/run.js';
import { rules } from '../../src/checks/rules/index.js';
import { defaultOptions } from '../../src/config/options.js';
import type { PolicyRecord } from '../../src/policy/types.js';
import { record } from '../helpers/records.js';

const doc = {
  Version: '2012-10-17',
  Statement: [
    { Effect: 'Allow', Action: ['s3:GetObjekt', 's3:PutObject'], Resource: '*' },
    { Effect: 'Deny', Action: 'iam:*', Resource: '*' },
  ],
};

function twoRecords(): [PolicyRecord, PolicyRecord] {
  const a = record('a.json', doc);
  // a second record of the same document object whose first action is a stand-in for a value known at deploy time
  const b: PolicyRecord = {
    ...a,
    id: `${a.id}#b`,
    placeholders: [{ path: '/Statement/0/Action/0', expression: 'var.action', standIn: 's3:GetObjekt', reason: 'an input' }],
  };
  return [a, b];
}

describe('policyStatements', () => {
  it('gives one record the same views within a scope, another record its own', () => {
    const [a, b] = twoRecords();
    expect(a.document).toBe(b.document);
    withPolicyViews(() => {
      const va = policyStatements(a);
      expect(policyStatements(a)).toBe(va);
      const vb = policyStatements(b);
      expect(vb).not.toBe(va);
      expect(vb).toEqual(statementsOf(b.document));
    });
    // outside a scope: fresh views each time
    expect(policyStatements(a)).not.toBe(policyStatements(a));
  });

  it('views a document afresh when its statements changed', () => {
    const a = record('a.json', { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] });
    withPolicyViews(() => {
      const before = policyStatements(a);
      const st = (a.document as { Statement: unknown[] }).Statement;
      st[0] = { Effect: 'Deny', Action: 's3:GetObject', Resource: '*' };
      const after = policyStatements(a);
      expect(after).not.toBe(before);
      expect(after[0]!.effect).toBe('Deny');
      st.push({ Effect: 'Allow', Action: 'sqs:SendMessage', Resource: '*' });
      expect(policyStatements(a)).toHaveLength(2);
      (a.document as { Statement: unknown }).Statement = { Effect: 'Allow', Action: 'sns:Publish', Resource: '*' };
      expect(policyStatements(a).map((s) => s.path)).toEqual(['/Statement']);
    });
  });

  it('two records of one document get the findings each gets alone (placeholders judged per record)', () => {
    const options = defaultOptions('/repo');
    const [a, b] = twoRecords();
    const alone = [...runRules(rules, { policies: [a], entities: [], options }), ...runRules(rules, { policies: [b], entities: [], options })];
    const together = runRules(rules, { policies: [a, b], entities: [], options });
    expect(together).toEqual(alone);
    // the placeholder matters: the typo is reported on the record that wrote it, not on the stand-in
    const invalid = (p: PolicyRecord) => alone.filter((f) => f.policyId === p.id && f.ruleId === 'INVALID_ACTION').length;
    expect(invalid(a)).toBeGreaterThan(0);
    expect(invalid(b)).toBe(0);
  });
});
