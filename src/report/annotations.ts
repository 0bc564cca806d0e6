/** GitHub workflow-command annotations (`::error file=...,line=...::message`): work without any token. */
import type { GateResult } from '../result.js';
import type { Severity } from '../findings/types.js';
import type { Finding } from '../findings/types.js';
import { isBlocking } from '../findings/verdict.js';
import { commandProperty, commandValue } from './escape.js';
import { selectFindings } from './select.js';
import type { ChannelMode } from './select.js';

const KIND: Record<Severity, 'error' | 'warning' | 'notice'> = {
  error: 'error',
  'security-warning': 'error',
  warning: 'warning',
  suggestion: 'notice',
};

/**
 * `mode` (the `annotations` setting) picks the findings, blocking first; `findings: false` leaves only the "Not
 * analysed" errors (a check run carries the findings, so they are not repeated in the log).
 */
export function toAnnotations(result: GateResult, o: { mode?: ChannelMode; findings?: boolean } = {}): string {
  const v = result.verdict;
  const blocking = (f: Finding) => isBlocking(f, { failOn: v.failOn, failOnExisting: v.failOnExisting ?? false, reportOnly: v.reportOnly ?? false });
  const lines: string[] = [];
  for (const e of result.errors) {
    lines.push(`::error file=${commandProperty(e.file)}${e.line ? `,line=${e.line}` : ''}${e.column ? `,col=${e.column}` : ''},title=${commandProperty('Not analysed')}::${commandValue(e.message)}`);
  }
  for (const f of o.findings === false ? [] : selectFindings(result.findings, o.mode ?? 'all', blocking)) {
    lines.push(
      `::${KIND[f.severity]} file=${commandProperty(f.file)},line=${f.line},endLine=${Math.max(f.line, f.endLine)},title=${commandProperty(`${f.ruleId}: ${f.title}`)}::${commandValue(`${f.message}${f.fix ? `\nFix: ${f.fix}` : ''}`)}`,
    );
  }
  return lines.length ? lines.join('\n') + '\n' : '';
}
