/**
 * The mechanical edits behind one-click fixes, one builder per kind. Each works on the file's own lines, keeps its
 * indentation and quoting (YAML, JSON and HCL alike), and returns undefined unless there is exactly one certain
 * answer. Pure: the caller (suggest.ts) re-parses and re-checks every edit before it is offered.
 *
 * Kinds: a misspelt action with one close match, `"Actions"` -> `"Action"`, `Effect: "allow"` -> `"Allow"` (one
 * token on one line); a missing `Version` (a line before `Statement`); a redundant action covered by another in the
 * same list (its entry removed); `Resource: "*"` narrowed to the one ARN of the actions' resource type the same file
 * already names; `iam:PassedToService` added when one service principal is all the repository's trust policies name.
 */
import type { Finding } from '../findings/types.js';
import type { PolicyRecord, Span } from '../policy/types.js';
import { isObject, statementsOf, strings } from '../policy/statements.js';
import type { StatementView } from '../policy/statements.js';
import { actionInfo } from '../catalog/index.js';
import { expandActionPattern } from '../engine/actions.js';
import { arnMatchesResourceType } from '../engine/arn-patterns.js';
import { hasWildcard } from '../engine/wildcard.js';

/** Lines `start`..`end` (1-based, inclusive) of the file replaced by `lines` (none: the lines are removed). */
export interface LineEdit {
  start: number;
  end: number;
  lines: string[];
  description: string;
}

/** What the builders may read: the file's lines, its records (from the file analysed alone), the repository's
 * service principals (trust policies). */
export interface EditContext {
  lines: readonly string[];
  records: readonly PolicyRecord[];
  servicePrincipals: readonly string[];
}

/** A replacement of one token on one line (1-based), what a finding's fix mechanically is. */
export interface TokenEdit {
  line: number;
  from: string;
  to: string;
}

/** The one-token edit a grammar finding asks for, when there is exactly one certain answer. Pure. */
export function mechanicalEdit(f: Finding): TokenEdit | undefined {
  if (f.line !== f.endLine) return undefined;
  if (f.ruleId === 'INVALID_ACTION') {
    const to = typeof f.details?.suggestion === 'string' ? f.details.suggestion : undefined;
    const from = /^The action "([^"]+)" does not exist/.exec(f.message)?.[1];
    return from && to && from !== to ? { line: f.line, from, to } : undefined;
  }
  if (f.ruleId === 'INVALID_EFFECT') {
    const from = /^Effect "([^"]+)" is not valid/.exec(f.message)?.[1];
    const to = from && ['allow', 'deny'].includes(from.toLowerCase()) ? (from.toLowerCase() === 'allow' ? 'Allow' : 'Deny') : undefined;
    return from && to && from !== to ? { line: f.line, from, to } : undefined;
  }
  if (f.ruleId === 'INVALID_POLICY_ELEMENT') {
    const m = /^"([^"]+)" is not a valid (?:top-level policy|statement) element \(did you mean "([^"]+)"\?\)/.exec(f.message);
    return m && m[1] !== m[2] ? { line: f.line, from: m[1]!, to: m[2]! } : undefined;
  }
  return undefined;
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The line with `from` replaced by `to`, when `from` occurs on it exactly once as a whole token. Pure. */
export function applyToLine(text: string, e: Pick<TokenEdit, 'from' | 'to'> & { line?: number }): string | undefined {
  const re = new RegExp(`(?<![\\w:*.-])${escapeRe(e.from)}(?![\\w:*.-])`, 'g');
  const matches = text.match(re);
  if (!matches || matches.length !== 1) return undefined;
  return text.replace(re, () => e.to);
}

/** Is this finding one a builder may have an edit for (cheap; before any file is read)? */
export function mayHaveEdit(f: Finding): boolean {
  if (f.suppressed) return false;
  if (mechanicalEdit(f)) return true;
  if (f.ruleId === 'MISSING_VERSION' || f.ruleId === 'REDUNDANT_ACTION') return true;
  if (f.ruleId === 'passrole-unrestricted') return !/on every role/.test(f.message);
  return f.source === 'rules' && NARROWABLE.has(f.ruleId) && / on every resource\b/.test(f.message) && !/ except those in NotResource/.test(f.message);
}

/** Least-privilege findings about `Resource: "*"` that a narrowed Resource can remove. */
const NARROWABLE = new Set(['write-on-all-resources', 'resource-exposure', 'data-exfiltration', 'credentials-exposure', 'infrastructure-modification', 'defense-evasion']);

/** The edit fixing `f`, when one is certain. */
export function editFor(f: Finding, ctx: EditContext): LineEdit | undefined {
  const token = mechanicalEdit(f);
  if (token) {
    const line = ctx.lines[token.line - 1];
    const edited = line === undefined ? undefined : applyToLine(line, token);
    return edited === undefined ? undefined : { start: token.line, end: token.line, lines: [edited], description: `Replace "${token.from}" with "${token.to}".` };
  }
  const record = ctx.records.find((r) => r.id === f.policyId && r.file === f.file);
  if (!record || record.format === 'terraform-plan') return undefined;
  if (f.ruleId === 'MISSING_VERSION') return versionEdit(record, ctx);
  if (f.ruleId === 'REDUNDANT_ACTION') return redundantEdit(f, record, ctx);
  if (f.ruleId === 'passrole-unrestricted') return passedToServiceEdit(f, record, ctx);
  if (NARROWABLE.has(f.ruleId)) return narrowResourceEdit(f, record, ctx);
  return undefined;
}

/** Last line a span really covers (a YAML block value ends at column 1 of the next line). */
function lastLine(s: Span): number {
  return s.end.column === 1 && s.end.line > s.start.line ? s.end.line - 1 : s.end.line;
}

const indentOf = (line: string) => /^\s*/.exec(line)![0];

/** Which syntax a line is written in, from how its key is written. */
function keySyntax(line: string, key: string): { indent: string; kind: 'json' | 'yaml' | 'hcl'; quoted: boolean } | undefined {
  const k = escapeRe(key);
  let m = new RegExp(`^(\\s*)"${k}"\\s*:`).exec(line);
  if (m) return { indent: m[1]!, kind: 'json', quoted: true };
  m = new RegExp(`^(\\s*)(- +)?(['"]?)${k}\\3\\s*:(\\s|$)`).exec(line);
  if (m) return { indent: m[1]! + ' '.repeat(m[2]?.length ?? 0), kind: 'yaml', quoted: !!m[3] };
  m = new RegExp(`^(\\s*)("?)${k}\\2\\s*=`).exec(line);
  if (m) return { indent: m[1]!, kind: 'hcl', quoted: !!m[2] };
  return undefined;
}

/** A missing Version: a `Version` line before the document's `Statement` key, in the key's own style. */
function versionEdit(record: PolicyRecord, ctx: EditContext): LineEdit | undefined {
  if (!isObject(record.document) || 'Version' in record.document || !('Statement' in record.document)) return undefined;
  const at: number[] = [];
  for (let l = record.line; l <= Math.min(record.endLine, ctx.lines.length); l++) if (keySyntax(ctx.lines[l - 1]!, 'Statement')) at.push(l);
  if (at.length !== 1) return undefined; // the Statement key is not on a line of its own, or not only once
  const line = ctx.lines[at[0]! - 1]!;
  const k = keySyntax(line, 'Statement')!;
  let version: string;
  if (k.kind === 'json') version = `${k.indent}"Version": "2012-10-17",`;
  else if (k.kind === 'hcl') version = `${k.indent}${k.quoted ? '"Version"' : 'Version'} = "2012-10-17"`;
  else {
    // the quote the file already uses for a Version (YAML reads an unquoted 2012-10-17 as a date)
    const q = /Version['"]?\s*:\s*(['"])/.exec(ctx.lines.join('\n'))?.[1] ?? "'";
    version = `${k.indent}Version: ${q}2012-10-17${q}`;
  }
  return { start: at[0]!, end: at[0]!, lines: [version, line], description: 'Add "Version": "2012-10-17".' };
}

/** A redundant entry of an Action list: its line removed, or the entry cut out of an inline list. */
function redundantEdit(f: Finding, record: PolicyRecord, ctx: EditContext): LineEdit | undefined {
  if (!f.path || !/\/(Not)?Action\/\d+$/.test(f.path)) return undefined;
  const span = record.sourceMap.get(f.path);
  const value = valueAt(record.document, f.path);
  if (!span || typeof value !== 'string' || span.start.line !== lastLine(span)) return undefined;
  const l = span.start.line;
  const line = ctx.lines[l - 1];
  if (line === undefined) return undefined;
  const description = `Remove "${value}", already covered in the same list.`;
  const v = escapeRe(value);
  // the entry alone on its line: YAML `- s3:GetObject`, JSON/HCL `"s3:GetObject",`
  if (new RegExp(`^\\s*-\\s+(['"]?)${v}\\1\\s*(#.*)?$`).test(line)) return { start: l, end: l, lines: [], description };
  if (new RegExp(`^\\s*"${v}"\\s*,?\\s*$`).test(line)) {
    if (line.trimEnd().endsWith(',')) return { start: l, end: l, lines: [], description };
    // the last entry of a JSON list: the entry before it loses its comma (HCL allows it, JSON does not)
    const prev = l - 1;
    const before = ctx.lines[prev - 1];
    if (before === undefined || !/,\s*$/.test(before) || !/^\s*["'\w]/.test(before.trim())) return undefined;
    return { start: prev, end: l, lines: [before.replace(/,(\s*)$/, '$1')], description };
  }
  // inline list: the quoted or bare entry with the comma on one side
  const tok = `(['"]?)${v}\\1`;
  for (const re of [new RegExp(`,\\s*${tok}(?=\\s*[\\],])`, 'g'), new RegExp(`(?<=[\\[,]\\s*)${tok}\\s*,\\s*`, 'g')]) {
    const m = line.match(re);
    if (m && m.length === 1) return { start: l, end: l, lines: [line.replace(re, '')], description };
  }
  return undefined;
}

function valueAt(doc: unknown, ptr: string): unknown {
  let v: unknown = doc;
  for (const seg of ptr.split('/').slice(1)) {
    const key = seg.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(v)) v = v[Number(key)];
    else if (isObject(v)) v = v[key];
    else return undefined;
  }
  return v;
}

function statementOf(record: PolicyRecord, ptr: string | undefined): StatementView | undefined {
  if (!ptr) return undefined;
  return statementsOf(record.document).find((s) => ptr === s.path || ptr.startsWith(`${s.path}/`));
}

/** `iam:PassedToService` for the one service principal the repository's trust policies name, after the Action. */
function passedToServiceEdit(f: Finding, record: PolicyRecord, ctx: EditContext): LineEdit | undefined {
  const s = statementOf(record, f.path);
  if (!s || 'Condition' in s.raw || !s.action || ctx.servicePrincipals.length !== 1) return undefined;
  const service = ctx.servicePrincipals[0]!;
  if (!/^[a-z0-9.-]+\.amazonaws\.com(\.cn)?$/.test(service)) return undefined;
  const span = record.sourceMap.get(`${s.path}/Action`);
  if (!span) return undefined;
  const keyLine = ctx.lines[span.start.line - 1] ?? '';
  const end = lastLine(span);
  const last = ctx.lines[end - 1];
  if (last === undefined) return undefined;
  const description = `Add the condition iam:PassedToService = ${service}.`;
  const hclDoc = keySyntax(keyLine, 'actions');
  if (hclDoc?.kind === 'hcl' && record.format === 'terraform-hcl') {
    const i = hclDoc.indent;
    return { start: end, end, description, lines: [last, `${i}condition {`, `${i}  test     = "StringEquals"`, `${i}  variable = "iam:PassedToService"`, `${i}  values   = ["${service}"]`, `${i}}`] };
  }
  const k = keySyntax(keyLine, 'Action');
  if (!k) return undefined;
  const i = k.indent;
  if (k.kind === 'yaml') {
    return { start: end, end, description, lines: [last, `${i}Condition:`, `${i}  StringEquals:`, `${i}    iam:PassedToService: ${service}`] };
  }
  const comma = /,\s*$/.test(last);
  const lastWithComma = comma ? last : `${last.trimEnd()},`;
  const cond =
    k.kind === 'json'
      ? `${i}"Condition": {"StringEquals": {"iam:PassedToService": "${service}"}}`
      : `${i}${k.quoted ? '"Condition"' : 'Condition'} = { StringEquals = { "iam:PassedToService" = "${service}" } }`;
  // JSON needs the comma between members; HCL object members may take one (kept as the file has it)
  if (k.kind === 'hcl') return { start: end, end, description, lines: [last, comma ? `${cond},` : cond] };
  return { start: end, end, description, lines: [lastWithComma, comma ? `${cond},` : cond] };
}

/**
 * `Resource: "*"` narrowed to the one ARN of the actions' resource type that the same file already names (a literal
 * ARN or a reference such as `!GetAtt Queue.Arn` / `aws_sqs_queue.q.arn`), written as the file writes it there.
 */
function narrowResourceEdit(f: Finding, record: PolicyRecord, ctx: EditContext): LineEdit | undefined {
  const s = statementOf(record, f.path);
  if (!s?.action || !s.resource || s.resource.length !== 1 || s.resource[0]!.value !== '*' || s.notResource) return undefined;
  const types = commonResourceTypes(s);
  if (!types?.length) return undefined;
  const candidates = new Set<string>();
  for (const r of ctx.records) {
    if (r.file !== f.file) continue;
    for (const st of statementsOf(r.document)) {
      for (const v of strings(st.resource)) {
        if (v.value === '*' || (hasWildcard(v.value) && !r.placeholders.some((p) => p.path === v.path))) continue;
        if (!types.every((rt) => arnMatchesResourceType(v.value, rt) === true)) continue;
        const text = sourceText(r, v.path, ctx);
        if (text === undefined) return undefined; // named in a way we cannot copy: not certain
        candidates.add(text);
      }
    }
  }
  if (candidates.size !== 1) return undefined;
  const to = [...candidates][0]!;
  const span = record.sourceMap.get(s.resource[0]!.path);
  if (!span || span.start.line !== lastLine(span)) return undefined;
  const line = ctx.lines[span.start.line - 1];
  if (line === undefined) return undefined;
  const from = line.slice(span.start.column - 1, span.end.column - 1);
  if (!/^(['"]?)\*\1$/.test(from)) return undefined;
  const edited = line.slice(0, span.start.column - 1) + to + line.slice(span.end.column - 1);
  return { start: span.start.line, end: span.start.line, lines: [edited], description: `Narrow Resource "*" to ${to}, the ARN this file already names for it.` };
}

/** The resource types every action of the statement acts on (their ARN formats), when all are known and specific. */
function commonResourceTypes(s: StatementView): { name: string; arnFormats: string[]; conditionKeys: string[] }[] | undefined {
  const actions: string[] = [];
  for (const v of s.action ?? []) {
    if (typeof v.value !== 'string') return undefined;
    const expanded = expandActionPattern(v.value);
    if (!expanded.length || expanded.length > 200) return undefined;
    for (const a of expanded) actions.push(a);
  }
  let common: Map<string, { name: string; arnFormats: string[]; conditionKeys: string[] }> | undefined;
  for (const a of actions) {
    const info = actionInfo(a);
    if (!info || info.isWildcardOnly) return undefined;
    const required = info.resourceTypes.filter((rt) => rt.required && rt.arnFormats.length);
    const mine = new Map(required.map((rt) => [`${info.service}:${rt.name}`, rt]));
    common = common ? new Map([...common].filter(([k]) => mine.has(k))) : mine;
    if (!common.size) return undefined;
  }
  return common?.size === 1 ? [...common.values()] : undefined;
}

/** The value at `ptr` as the file writes it (quotes, tag, reference), when it sits on one line. */
function sourceText(r: PolicyRecord, ptr: string, ctx: EditContext): string | undefined {
  const span = r.sourceMap.get(ptr);
  if (!span || span.start.line !== lastLine(span) || span.end.line !== span.start.line) return undefined;
  const line = ctx.lines[span.start.line - 1];
  if (line === undefined) return undefined;
  const text = line.slice(span.start.column - 1, span.end.column - 1);
  const ph = r.placeholders.find((p) => p.path === ptr);
  // a YAML tag (`!GetAtt Queue.Arn`): the span holds the scalar only; the expression as written holds both
  if (ph && ph.expression.includes(text) && line.includes(ph.expression)) return ph.expression;
  return text || undefined;
}
