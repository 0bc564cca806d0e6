/** One finding per code and place when the offline rules and Access Analyzer agree. */
import { describe, expect, it } from 'vitest';
import { mergeWithOffline } from '../../src/checks/access-analyzer/findings.js';
import type { Finding } from '../../src/findings/types.js';

const f = (over: Partial<Finding>): Finding => ({
  ruleId: 'INVALID_ACTION',
  source: 'rules',
  severity: 'error',
  title: 't',
  message: 'ours',
  fix: 'our fix',
  file: 'p.json',
  line: 7,
  endLine: 7,
  policyId: 'p.json',
  path: '/Statement/0/Action/0',
  fingerprint: 'x',
  ...over,
});

describe('mergeWithOffline', () => {
  it('same code, same line: Access Analyzer text, our fix', () => {
    const out = mergeWithOffline([f({})], [f({ source: 'access-analyzer', message: 'AWS text', fix: undefined })]);
    expect(out).toEqual([expect.objectContaining({ source: 'access-analyzer', message: 'AWS text', fix: 'our fix', line: 7 })]);
  });

  it('same code in the same statement on another line: one finding, at Access Analyzer place', () => {
    const out = mergeWithOffline(
      [f({ ruleId: 'PASS_ROLE_WITH_STAR_IN_RESOURCE', line: 5, path: '/Statement/1' })],
      [f({ ruleId: 'PASS_ROLE_WITH_STAR_IN_RESOURCE', source: 'access-analyzer', line: 9, path: '/Statement/1/Resource', fix: undefined })],
    );
    expect(out.map((x) => `${x.source}:${x.line}:${x.fix}`)).toEqual(['access-analyzer:9:our fix']);
  });

  it('keeps both when the code, the policy or the statement differs; pairs two findings of one statement by line', () => {
    const out = mergeWithOffline(
      [f({ line: 7 }), f({ line: 8, path: '/Statement/0/Action/1' }), f({ ruleId: 'MISSING_VERSION', line: 1, path: '' }), f({ line: 20, path: '/Statement/3/Action' })],
      [f({ source: 'access-analyzer', line: 8, path: '/Statement/0/Action/1' }), f({ source: 'access-analyzer', line: 7 }), f({ source: 'access-analyzer', policyId: 'other.json', line: 20, path: '/Statement/3/Action' })],
    );
    expect(out.map((x) => `${x.source}:${x.ruleId}:${x.line}`).sort()).toEqual([
      'access-analyzer:INVALID_ACTION:20',
      'access-analyzer:INVALID_ACTION:7',
      'access-analyzer:INVALID_ACTION:8',
      'rules:INVALID_ACTION:20',
      'rules:MISSING_VERSION:1',
    ]);
  });
});
