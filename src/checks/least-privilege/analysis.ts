/**
 * How the least-privilege rules word what the grant evaluator (engine/grants.ts) found: conditions taken into
 * account, statement labels, canonical action names, access levels. Pure.
 */
import type { ConditionView, StatementView } from '../../policy/statements.js';
import { accessLevelAt, accessLevelOf as catalogAccessLevel, canonicalAction, isWildcardOnly as catalogWildcardOnly, type AccessLevel } from '../../catalog/index.js';
import { describeValues } from '../../engine/conditions.js';
import type { ConditionJudgement } from '../../engine/grants.js';

export function describeCondition(c: ConditionView): string {
  const vals = c.values.map((v) => (typeof v.value === 'string' ? v.value : JSON.stringify(v.value)));
  const via = c.via ? ` (the ${c.via} denies every other request)` : '';
  return `${c.operator} ${c.key}${vals.length ? ` = ${vals.slice(0, 3).join(', ')}${vals.length > 3 ? ', ...' : ''}` : ''}${via}`;
}

/** A sentence about the conditions considered, for messages. Empty when the statement has none. */
export function conditionNote(j: ConditionJudgement): string {
  // at most a few conditions per kind: a hostile statement with thousands of conditions must not make every
  // finding's message as large as the statement
  const few = <T,>(list: T[], show: (x: T) => string, sep: string): string =>
    list.slice(0, 4).map(show).join(sep) + (list.length > 4 ? `${sep}and ${list.length - 4} more` : '');
  const vacuous = j.ignored.filter((i) => i.vacuous);
  const other = j.ignored.filter((i) => !i.vacuous);
  const parts: string[] = [];
  if (j.narrowing.length) parts.push(` Condition taken into account: ${few(j.narrowing, describeCondition, '; ')}.`);
  if (vacuous.length)
    parts.push(` ${few(vacuous, (i) => `The condition ${i.cond.key} ${describeValues(i.cond)}${i.cond.via ? ` of the ${i.cond.via}` : ''} restricts nothing (${i.why})`, '. ')}.`);
  if (other.length && !j.narrowing.length)
    parts.push(` Its condition does not narrow the grant (${few(other, (i) => `${i.cond.operator} ${i.cond.key}: ${i.why}`, '; ')}).`);
  return parts.join('');
}


/** The action's most specific access level (the catalogue's look-up, memoised there). */
export const accessLevelOf = catalogAccessLevel;

/** The same, read at the action's catalogue position when the caller has it (`ActionSetSpec.matches`' `at`). */
export function accessLevelFor(action: string, at: number | undefined): AccessLevel | undefined {
  return at === undefined ? catalogAccessLevel(action) : accessLevelAt(at);
}

/** Is the action one that only accepts `Resource: "*"`? (the catalogue's look-up) */
export const wildcardOnly = catalogWildcardOnly;

/** `Statement "Sid"` or `Statement 2` (1-based for humans? no: index as in the document). */
export function stmtLabel(s: StatementView): string {
  return s.sid ? `statement "${s.sid}"` : `statement ${s.index}`;
}

/** Canonical key spelling of a lower-case action name, via the catalogue (falls back to the input). */
export function canonical(action: string): string {
  return canonicalAction(action) ?? action;
}

