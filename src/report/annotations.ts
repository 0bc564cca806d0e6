/** GitHub workflow-command annotations (`::error file=...,line=...::message`): work without any token. */
import type { GateResult } from '../gate.js';
import type { Severity } from '../findings/types.js';
import { commandProperty, commandValue } from './escape.js';

const KIND: Record<Severity, 'error' | 'warning' | 'notice'> = {
  error: 'error',
  'security-warning': 'error',
  warning: 'warning',
  suggestion: 'notice',
};

export function toAnnotations(result: GateResult): string {
  const lines: string[] = [];
  for (const e of result.errors) {
    lines.push(`::error file=${commandProperty(e.file)}${e.line ? `,line=${e.line}` : ''}${e.column ? `,col=${e.column}` : ''},title=${commandProperty('Not analysed')}::${commandValue(e.message)}`);
  }
  for (const f of result.findings) {
    if (f.suppressed) continue;
    lines.push(
      `::${KIND[f.severity]} file=${commandProperty(f.file)},line=${f.line},endLine=${Math.max(f.line, f.endLine)},title=${commandProperty(`${f.ruleId}: ${f.title}`)}::${commandValue(`${f.message}${f.fix ? `\nFix: ${f.fix}` : ''}`)}`,
    );
  }
  return lines.length ? lines.join('\n') + '\n' : '';
}
