/**
 * Summary findings (summarise.ts) made small. A run over many files has about one summary per file and rule past
 * RULE_LIMIT (30,000 files: ~23,000 summaries), and as plain objects with their message, fingerprint and details
 * built at once they were ~450 bytes each, the largest part of what the end of a 100,000-file run held. Here a
 * summary is an object with four slots (the first finding it stands for, its counts, its last line, how its texts
 * are made) and one shared accessor per field in the summary's key order: the message and the fingerprint are made
 * when read, from the same parts as before, so every reader (a report writer, a spread, JSON.stringify) sees the
 * same values in the same order. A field set on a summary becomes a data property in the accessor's place.
 */
import type { Finding } from './types.js';
import { fingerprint } from '../policy/fingerprint.js';

/** The details key of a summary finding. */
export interface RepeatedDetails {
  /** How many findings the summary stands for (not listed one by one). */
  count: number;
  firstLine: number;
  lastLine: number;
}

/** How a summary's texts are made (one per folding pass, shared by its summaries). */
export interface SummaryKind {
  /** The summary's identifying parts (its fingerprint is of these and the state of its first finding). */
  identity: (first: Finding) => (string | undefined)[];
  message: (r: RepeatedDetails, s: Finding) => string;
}

const FIRST = Symbol('first');
const REP = Symbol('repeated');
const END = Symbol('endLine');
const KIND = Symbol('kind');
interface Compact {
  [FIRST]: Finding;
  [REP]: RepeatedDetails;
  [END]: number;
  [KIND]: SummaryKind;
}

/** A summary's counts (undefined for a finding that is not one made here). */
export function compactCounts(f: Finding): RepeatedDetails | undefined {
  return (f as unknown as Partial<Compact>)[REP];
}

/** The state of a finding that takes part in a summary's fingerprint (rule, source, severity, new, suppressed). */
export const state = (f: Finding): string[] => [f.ruleId, f.source, f.severity, String(f.new), String(f.suppressed === true)];

const own = (key: string, read: (c: Compact) => unknown): PropertyDescriptor => ({
  get(this: Compact) {
    return read(this);
  },
  set(this: Compact, v: unknown) {
    Object.defineProperty(this, key, { value: v, writable: true, enumerable: true, configurable: true });
  },
  enumerable: true,
  configurable: true,
});

/** One accessor per field, shared by every summary. */
const FIELDS: Record<string, PropertyDescriptor> = {
  ruleId: own('ruleId', (c) => c[FIRST].ruleId),
  source: own('source', (c) => c[FIRST].source),
  severity: own('severity', (c) => c[FIRST].severity),
  title: own('title', (c) => c[FIRST].title),
  message: own('message', (c) => c[KIND].message(c[REP], c as unknown as Finding)),
  fix: own('fix', (c) => c[FIRST].fix),
  learnMore: own('learnMore', (c) => c[FIRST].learnMore),
  file: own('file', (c) => c[FIRST].file),
  line: own('line', (c) => c[FIRST].line),
  endLine: own('endLine', (c) => c[END]),
  policyId: own('policyId', (c) => c[FIRST].policyId),
  resource: own('resource', (c) => c[FIRST].resource),
  // stable whatever the count: the rule on this policy (or in this file), repeated
  fingerprint: own('fingerprint', (c) => fingerprint([...c[KIND].identity(c[FIRST]), ...state(c[FIRST])])),
  new: own('new', (c) => c[FIRST].new),
  suppressed: own('suppressed', () => true),
  suppressionReason: own('suppressionReason', (c) => c[FIRST].suppressionReason),
  details: own('details', (c) => ({ repeated: c[REP] })),
};

/** The accessors of each key order (a few per run). */
const SHAPES = new Map<string, PropertyDescriptorMap>();

/** The summary standing in for `first` and the findings of its group after it (counted by the caller: `counts`). */
export function compactSummary(first: Finding, kind: SummaryKind): Finding {
  const keys = ['ruleId', 'source', 'severity', 'title', 'message'];
  if (first.fix !== undefined) keys.push('fix');
  if (first.learnMore !== undefined) keys.push('learnMore');
  keys.push('file', 'line', 'endLine');
  if (first.policyId !== undefined) keys.push('policyId');
  if (first.resource !== undefined) keys.push('resource');
  keys.push('fingerprint');
  if (first.new !== undefined) keys.push('new');
  if (first.suppressed) {
    keys.push('suppressed');
    if (first.suppressionReason !== undefined) keys.push('suppressionReason');
  }
  keys.push('details');
  const sig = keys.join();
  let shape = SHAPES.get(sig);
  if (!shape) SHAPES.set(sig, (shape = Object.fromEntries(keys.map((k) => [k, FIELDS[k]!]))));
  // the slots are not enumerable: a spread or a copy of a summary is the plain summary, as before
  const c = Object.defineProperties({}, { [FIRST]: { value: first }, [REP]: { value: { count: 1, firstLine: first.line, lastLine: first.endLine } }, [END]: { value: first.endLine, writable: true }, [KIND]: { value: kind } }) as Compact;
  return Object.defineProperties(c, shape) as unknown as Finding;
}

/** Counts one more finding `f` into the summary `s` (made by compactSummary). */
export function foldInto(s: Finding, f: Finding): void {
  const c = s as unknown as Compact;
  const r = c[REP];
  r.count++;
  r.firstLine = Math.min(r.firstLine, f.line);
  r.lastLine = Math.max(r.lastLine, f.endLine);
  c[END] = Math.max(c[END], f.endLine);
}
