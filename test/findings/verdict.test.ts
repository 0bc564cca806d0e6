import { describe, expect, it } from 'vitest';
import { decide } from '../../src/findings/verdict.js';
import type { AnalysisError, Finding, Severity } from '../../src/findings/types.js';

function finding(severity: Severity, extra: Partial<Finding> = {}): Finding {
  return { ruleId: 'r', source: 'rules', severity, title: 't', message: 'm', file: 'a.json', line: 1, endLine: 1, fingerprint: Math.random().toString(36), ...extra };
}
const o = { failOn: 'security-warning' as Severity, failOnExisting: false };

describe('verdict', () => {
  it('passes with no findings and no errors', () => {
    expect(decide([], [], o)).toMatchObject({ status: 'pass', blocking: 0, reason: 'No findings.' });
  });
  it('fails only on findings at or above the threshold', () => {
    expect(decide([finding('warning'), finding('suggestion')], [], o).status).toBe('pass');
    const v = decide([finding('warning'), finding('security-warning'), finding('error')], [], o);
    expect(v).toMatchObject({ status: 'fail', blocking: 2, counts: { error: 1, 'security-warning': 1, warning: 1, suggestion: 0 } });
    expect(decide([finding('suggestion')], [], { ...o, failOn: 'suggestion' }).status).toBe('fail');
  });
  it('ignores suppressed findings and, by default, existing ones', () => {
    expect(decide([finding('error', { suppressed: true })], [], o)).toMatchObject({ status: 'pass', suppressed: 1 });
    expect(decide([finding('error', { new: false })], [], o)).toMatchObject({ status: 'pass', existingCount: 1 });
    expect(decide([finding('error', { new: false })], [], { ...o, failOnExisting: true }).status).toBe('fail');
    expect(decide([finding('error', { new: true })], [], o)).toMatchObject({ status: 'fail', newCount: 1 });
  });
  it('is incomplete, never pass, when something could not be analysed — even with blocking findings', () => {
    const err: AnalysisError = { file: 'x.yaml', line: 3, message: 'invalid YAML', kind: 'input' };
    const v = decide([], [err], o);
    expect(v).toMatchObject({ status: 'incomplete', incomplete: [{ file: 'x.yaml', line: 3, reason: 'invalid YAML' }] });
    const both = decide([finding('error')], [err], o);
    expect(both.status).toBe('incomplete');
    expect(both.reason).toMatch(/1 file could not be fully analysed, and 1 blocking finding/);
    expect(decide([], [err], { ...o, allowIncomplete: true }).status).toBe('pass');
  });
});
