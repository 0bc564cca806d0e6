/**
 * Summary findings are small objects whose message and fingerprint are made when read (findings/summary-view.ts):
 * every reader must see exactly what the plain summary object showed: the same fields, values and key order
 * (JSON.stringify, spreads, Object.keys), and a field set on one reads back.
 */
import { describe, expect, it } from 'vitest';
import { summariseRepeats } from '../../src/findings/summarise.js';
import { fingerprint } from '../../src/policy/fingerprint.js';
import type { Finding } from '../../src/result.js';

const finding = (i: number, extra: Partial<Finding> = {}): Finding => ({
  ruleId: 'passrole-unrestricted',
  source: 'rules',
  severity: 'security-warning',
  title: 'PassRole on any role',
  message: `statement ${i}`,
  fix: 'Name the roles.',
  learnMore: 'https://example.com/passrole',
  file: 'roles.json',
  line: 10 + i,
  endLine: 12 + i,
  policyId: 'roles.json#policy',
  resource: 'roles.json',
  path: `/Statement/${i}`,
  fingerprint: `fp${i}`,
  ...extra,
});

describe('summary findings (summary-view.ts)', () => {
  it('read as the plain object: fields, values and key order, in JSON, spreads and keys', () => {
    const out = summariseRepeats(Array.from({ length: 30 }, (_, i) => finding(i)), 20);
    expect(out).toHaveLength(21);
    const s = out[20]!;
    const plain = {
      ruleId: 'passrole-unrestricted',
      source: 'rules',
      severity: 'security-warning',
      title: 'PassRole on any role',
      message: 'and 10 more findings of this rule on roles.json (lines 30-41), not listed one by one: the same problem as the 20 above. The verdict counts every one.',
      fix: 'Name the roles.',
      learnMore: 'https://example.com/passrole',
      file: 'roles.json',
      line: 30,
      endLine: 41,
      policyId: 'roles.json#policy',
      resource: 'roles.json',
      fingerprint: fingerprint(['repeated', 'roles.json#policy', 'passrole-unrestricted', 'rules', 'security-warning', 'undefined', 'false']),
      details: { repeated: { count: 10, firstLine: 30, lastLine: 41 } },
    };
    expect(JSON.stringify(s)).toBe(JSON.stringify(plain));
    expect(Object.keys(s)).toEqual(Object.keys(plain));
    expect({ ...s }).toEqual(plain);
    expect(JSON.stringify({ ...s })).toBe(JSON.stringify(plain));
  });

  it('keeps new/suppressed state and its reason in place, and a field set on a summary reads back', () => {
    const out = summariseRepeats(Array.from({ length: 25 }, (_, i) => finding(i, { new: true, suppressed: true, suppressionReason: 'accepted', fix: undefined })), 20);
    const s = out[20]!;
    expect(Object.keys(s)).toEqual(['ruleId', 'source', 'severity', 'title', 'message', 'learnMore', 'file', 'line', 'endLine', 'policyId', 'resource', 'fingerprint', 'new', 'suppressed', 'suppressionReason', 'details']);
    expect([s.new, s.suppressed, s.suppressionReason]).toEqual([true, true, 'accepted']);
    s.message = 'changed';
    s.endLine = 99;
    expect([s.message, s.endLine, Object.keys(s).indexOf('message')]).toEqual(['changed', 99, 4]);
  });

  it('summarises per file past the run-wide limit with the counts of the first pass kept', () => {
    const many = Array.from({ length: 12 }, (_, f) => Array.from({ length: 3 }, (_, i) => finding(i, { file: `f${f}.json`, policyId: `f${f}.json#p`, resource: undefined }))).flat();
    const out = summariseRepeats(many, 20, undefined, 10);
    const summaries = out.filter((x) => x.details?.repeated);
    expect(summaries.map((x) => [x.file, (x.details!.repeated as { count: number }).count])).toEqual([['f3.json', 2], ...Array.from({ length: 8 }, (_, k) => [`f${k + 4}.json`, 3])]);
    expect(summaries[0]!.message).toBe('and 2 more findings of this rule in this file (lines 11-14), not listed one by one: the rule has more than 10 findings in this run. The verdict counts every one.');
    expect(summaries[0]!.fingerprint).toBe(fingerprint(['repeated-in-file', 'f3.json', 'passrole-unrestricted', 'rules', 'security-warning', 'undefined', 'false']));
  });
});
