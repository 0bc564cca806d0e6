/**
 * Suppressions: accepted findings stay in the report, marked `suppressed` with the reason, and no longer count
 * against the gate. Pure (the clock is `options.now`).
 *
 * Two forms:
 * - config `ignore` entries: every matcher given (rule, files, resource, sid, action) must match; `reason` is
 *   required; past `expires` (the last day it suppresses, UTC) the entry stops suppressing and is reported;
 * - inline suppressions written next to the resource (CloudFormation `Metadata`, Terraform comments), carried on
 *   `PolicyRecord.inlineSuppressions` / `IamEntity.inlineSuppressions`: they apply to findings on that resource.
 *
 * Entries that suppressed nothing are reported as unused (a suggestion on their line), expired entries as a warning,
 * so stale exceptions do not pile up unseen. Per-rule settings (`rules`: enabled/severity) are applied here too, to
 * every source of findings (offline rules, Access Analyzer, SCP checks), before suppressions.
 */
import { globMatch } from '../engine/wildcard.js';
import { pathGlobList } from '../util/path-glob.js';
import type { Options } from '../config/options.js';
import type { Finding } from './types.js';
import type { ForeignSuppression, IamEntity, InlineSuppression, PolicyRecord } from '../policy/types.js';
import { fingerprint } from '../policy/fingerprint.js';
import { segments } from '../policy/source-map.js';
import { DEFAULT_CONFIG_PATH } from '../config/load.js';
import { appendAll } from '../util/arrays.js';
import { repoPathOf } from '../sources/files.js';

export const EXPIRED_RULE_ID = 'suppression-expired';
export const UNUSED_RULE_ID = 'suppression-unused';
export const NO_REASON_RULE_ID = 'suppression-without-reason';
const SUPPRESSIONS_DOC = 'https://github.com/iam-policy-gate/iam-policy-gate/blob/main/docs/configuration.md#suppressions';

/** What the notes of other tools' suppressions read of a policy or an entity. */
export type ForeignHolder = Pick<IamEntity, 'file' | 'resource' | 'foreignSuppressions'>;

export interface SuppressionContext {
  policies: PolicyRecord[];
  /**
   * Policies kept apart from `policies` (a file-by-file scan's bare views: stream-kept.ts), looked up by id; an id
   * is in one or the other. They carry no suppressions of their own.
   */
  lookup?: (id: string) => PolicyRecord | undefined;
  entities: IamEntity[];
  /**
   * The notes of other tools' suppressions kept apart from `policies` and `entities`, by resource key (`foreignKey`:
   * a file-by-file scan keeps only the first holder's note of each resource, stream-foreign.ts); a resource's list
   * is in one place or the other.
   */
  foreignNote?: (key: string) => string | undefined;
  options: Pick<Options, 'ignore' | 'rules' | 'now' | 'root' | 'cwd'>;
  /**
   * Files analysed in this run (cwd-relative, as in findings). An entry whose `files` globs match none of them is
   * out of this run's scope (e.g. a PR that does not touch those files) and is not reported as unused. Absent: every
   * entry is in scope.
   */
  scannedFiles?: string[];
  /** False when Access Analyzer did not run: entries for its issue codes (UPPER_CASE) are then not reported unused. */
  accessAnalyzerRan?: boolean;
}

type IgnoreEntry = Options['ignore'][number];

/** `2026-12-31` -> the first instant it no longer suppresses (the next day, 00:00 UTC). */
export function expiryInstant(expires: string): Date | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(expires);
  if (!m) return undefined;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + 1));
  return Number.isNaN(d.getTime()) ? undefined : d;
}

export function isExpired(entry: Pick<IgnoreEntry, 'expires'>, now: Date): boolean {
  if (!entry.expires) return false;
  const end = expiryInstant(entry.expires);
  // an unreadable date never extends a suppression
  return end === undefined || now.getTime() >= end.getTime();
}

function sameRule(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/** Access Analyzer issue codes are UPPER_SNAKE_CASE; our rule ids are kebab-case. */
function looksLikeAccessAnalyzerCode(rule: string): boolean {
  return /^[A-Z][A-Z0-9_]*$/.test(rule);
}

function asObject(v: unknown): Record<string, unknown> | undefined {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

function strings(v: unknown): string[] {
  if (typeof v === 'string') return [v];
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === 'string');
  return [];
}

/** The statement a finding's pointer lies in, and the rest of the pointer inside it. */
function statementOf(document: unknown, ptr: string | undefined): { statement?: Record<string, unknown>; inner: string[] } {
  const doc = asObject(document);
  if (!doc || !ptr) return { inner: [] };
  const segs = segments(ptr);
  if (segs[0] !== 'Statement') return { inner: [] };
  const st = doc.Statement;
  if (Array.isArray(st)) {
    const i = Number(segs[1]);
    return Number.isInteger(i) ? { statement: asObject(st[i]), inner: segs.slice(2) } : { inner: [] };
  }
  return { statement: asObject(st), inner: segs.slice(1) };
}

/** What the suppression matchers look at for one finding. */
interface Subject {
  repoFile: string;
  resources: string[];
  sid?: string;
  /** The finding's own action(s) (details, the Action/NotAction element it points at). */
  actions: string[];
  /** Its statement, whose Action/NotAction values count too (matched once per entry and statement: see statementMatcher). */
  statement?: Record<string, unknown>;
}

function subjectOf(f: Finding, policy: PolicyRecord | undefined, toRepo: (file: string) => string): Subject {
  const resources = [f.resource, policy?.resource].filter((r): r is string => typeof r === 'string' && r !== '');
  const actions: string[] = [];
  const details = asObject(f.details);
  if (details) appendAll(appendAll(actions, strings(details.action)), strings(details.actions));
  let sid: string | undefined;
  if (policy) {
    const { statement, inner } = statementOf(policy.document, f.path);
    if (statement) {
      if (typeof statement.Sid === 'string') sid = statement.Sid;
      if (inner[0] === 'Action' || inner[0] === 'NotAction') {
        const el = statement[inner[0]];
        const i = inner[1] !== undefined ? Number(inner[1]) : NaN;
        appendAll(actions, (Array.isArray(el) && Number.isInteger(i) ? strings(el[i]) : strings(el)));
      }
    }
    return { repoFile: toRepo(f.file), resources, sid, actions, ...(statement ? { statement } : {}) };
  }
  return { repoFile: toRepo(f.file), resources, sid, actions };
}

/**
 * Whether an entry's `action` pattern matches a value of the statement's Action/NotAction, memoised per entry and
 * statement: a statement of 20,000 actions with one finding per action would otherwise cost 20,000 x 20,000 matches.
 */
type StatementMatch = (e: IgnoreEntry, statement: Record<string, unknown>) => boolean;
function statementMatcher(): StatementMatch {
  const memo = new Map<IgnoreEntry, WeakMap<object, boolean>>();
  return (e, statement) => {
    const m = memo.get(e) ?? new WeakMap<object, boolean>();
    memo.set(e, m);
    let hit = m.get(statement);
    if (hit === undefined) {
      hit = [...strings(statement.Action), ...strings(statement.NotAction)].some((a) => globMatch(e.action!, a));
      m.set(statement, hit);
    }
    return hit;
  };
}

function entryMatches(e: IgnoreEntry, f: Finding, s: Subject, fileMatchers: Map<IgnoreEntry, (p: string) => boolean>, inStatement: StatementMatch): boolean {
  if (!sameRule(e.rule, f.ruleId)) return false;
  if (e.files && !fileMatchers.get(e)!(s.repoFile)) return false;
  if (e.resource !== undefined && !s.resources.some((r) => globMatch(e.resource!, r))) return false;
  if (e.sid !== undefined && s.sid !== e.sid) return false;
  if (e.action !== undefined && !s.actions.some((a) => globMatch(e.action!, a)) && !(s.statement && inStatement(e, s.statement))) return false;
  return true;
}

function describeEntry(e: Pick<IgnoreEntry, 'rule' | 'files' | 'resource' | 'sid' | 'action'>): string {
  const parts = [`rule ${e.rule}`];
  if (e.files) parts.push(`files ${e.files.join(', ')}`);
  if (e.resource) parts.push(`resource ${e.resource}`);
  if (e.sid) parts.push(`sid ${e.sid}`);
  if (e.action) parts.push(`action ${e.action}`);
  return parts.join(', ');
}

/** The message of an expired ignore entry that would have matched `n` findings (also used by `merge`, which sums n). */
export function expiredMessage(e: Pick<IgnoreEntry, 'rule' | 'files' | 'resource' | 'sid' | 'action' | 'expires' | 'reason'>, n: number): string {
  return (
    `The ignore entry (${describeEntry(e)}) expired after ${e.expires} and no longer suppresses anything` +
    (n ? `: ${n} finding${n === 1 ? ' it matched is' : 's it matched are'} reported again.` : '.') +
    ` Its reason was: ${e.reason}`
  );
}

/**
 * Apply the per-rule settings and the suppressions. Returns a new list: the findings (suppressed ones marked, with
 * their reason and `details.suppressedBy`), then the findings about the suppressions themselves (expired, unused,
 * missing reason).
 */
export function applySuppressions(findings: Finding[], ctx: SuppressionContext): Finding[] {
  const suppressor = new Suppressor(ctx);
  const out: Finding[] = [];
  for (const f of findings) {
    const g = suppressor.apply(f);
    if (g) out.push(g);
  }
  return appendAll(out, suppressor.about());
}

/** A finding under the per-rule settings: undefined when its rule is disabled, else with the configured severity. */
export function ruleSettings(options: Pick<Options, 'rules'>): (f: Finding) => Finding | undefined {
  return (original) => {
    const setting = options.rules[original.ruleId];
    if (setting?.enabled === false) return undefined;
    return setting?.severity && setting.severity !== original.severity ? { ...original, severity: setting.severity } : original;
  };
}

/**
 * applySuppressions one finding at a time (`apply`, in any order: a run's findings streamed from disk), then the
 * findings about the suppressions (`about`, once every finding was applied).
 */
export class Suppressor {
  private readonly toRepo: (file: string) => string;
  private readonly policyById: (id: string | undefined) => PolicyRecord | undefined;
  private readonly inline: ReturnType<typeof inlineIndex>;
  private readonly foreignNote: ReturnType<typeof foreignNotes>;
  private readonly fileMatchers = new Map<IgnoreEntry, (p: string) => boolean>();
  private readonly active: Map<string, IgnoreEntry[]>;
  private readonly expired: Map<string, IgnoreEntry[]>;
  private readonly used = new Set<IgnoreEntry | InlineSuppression>();
  /** Expired entries: findings they would have suppressed. */
  private readonly wouldHave = new Map<IgnoreEntry, number>();
  private readonly inStatement = statementMatcher();
  private readonly settings: (f: Finding) => Finding | undefined;

  constructor(private readonly ctx: SuppressionContext) {
    const { options } = ctx;
    this.toRepo = (file: string) => repoPathOf(options, file);
    const policies = new Map(ctx.policies.map((p) => [p.id, p]));
    this.inline = inlineIndex(ctx);
    this.policyById = (id: string | undefined) => (id ? (policies.get(id) ?? ctx.lookup?.(id)) : undefined);
    this.foreignNote = foreignNotes([...ctx.policies, ...ctx.entities], ctx.foreignNote);
    for (const e of options.ignore) if (e.files) this.fileMatchers.set(e, pathGlobList(e.files));
    // entries by rule id (lower case), in file order: a finding is only tested against the entries of its rule
    const byRule = (list: IgnoreEntry[]) => {
      const m = new Map<string, IgnoreEntry[]>();
      for (const e of list) m.set(e.rule.toLowerCase(), [...(m.get(e.rule.toLowerCase()) ?? []), e]);
      return m;
    };
    const withReason = options.ignore.filter((e) => e.reason.trim() !== '');
    this.active = byRule(withReason.filter((e) => !isExpired(e, options.now)));
    this.expired = byRule(withReason.filter((e) => isExpired(e, options.now)));
    this.settings = ruleSettings(options);
  }

  /** The finding as reported (undefined: its rule is disabled). */
  apply(original: Finding): Finding | undefined {
    let f = this.settings(original);
    if (!f || f.suppressed) return f;
    const policy = this.policyById(f.policyId);
    // what the entries of its rule match against (its details read only when an entry names the rule)
    let known: Subject | undefined;
    const subject = () => (known ??= subjectOf(f!, policy, this.toRepo));
    const entry = this.active.get(f.ruleId.toLowerCase())?.find((e) => entryMatches(e, f!, subject(), this.fileMatchers, this.inStatement));
    if (entry) {
      this.used.add(entry);
      f = suppressedByConfig(f, entry);
    } else {
      const holders = new Set<string>();
      if (policy) holders.add(`${policy.file}\0${policy.resource}`);
      if (f.resource) holders.add(`${f.file}\0${f.resource}`);
      let inline: InlineSuppression | undefined;
      for (const h of holders) {
        inline = this.inline.inlineByResource.get(h)?.find((s) => sameRule(s.rule, f!.ruleId) && s.reason.trim() !== '');
        if (inline) break;
      }
      if (inline) {
        this.used.add(inline);
        f = { ...f, suppressed: true, suppressionReason: inline.reason, details: { ...f.details, suppressedBy: { kind: 'inline', file: inline.file, line: inline.line } } };
      } else {
        for (const e of this.expired.get(f.ruleId.toLowerCase()) ?? []) {
          if (entryMatches(e, f, subject(), this.fileMatchers, this.inStatement)) this.wouldHave.set(e, (this.wouldHave.get(e) ?? 0) + 1);
        }
      }
    }
    return this.foreignNote(f, policy);
  }

  /**
   * Findings about the suppressions themselves (their rule ids obey `rules` too: e.g. `suppression-expired: error`)
   * (the scanned files made only when an entry names files: a whole-repository scan lists every file).
   */
  about(): Finding[] {
    const { ctx, fileMatchers, toRepo } = this;
    const { options } = ctx;
    let scanned: string[] | undefined;
    const inScope = (e: IgnoreEntry) => !e.files || !ctx.scannedFiles || (scanned ??= ctx.scannedFiles.map(toRepo)).some((p) => fileMatchers.get(e)!(p));
    const aaSkipped = (rule: string) => ctx.accessAnalyzerRan === false && looksLikeAccessAnalyzerCode(rule);
    const about = configEntryFindings(options, { used: this.used, wouldHave: this.wouldHave, inScope, aaSkipped });
    appendAll(about, inlineSuppressionFindings(this.inline.inlineAll.values(), this.used, aaSkipped));
    const out: Finding[] = [];
    for (const f of about) {
      const setting = options.rules[f.ruleId];
      if (setting?.enabled === false) continue;
      out.push(setting?.severity ? { ...f, severity: setting.severity, learnMore: SUPPRESSIONS_DOC } : { ...f, learnMore: SUPPRESSIONS_DOC });
    }
    return out;
  }
}

/** The finding as the config entry suppresses it (with where the entry is, for the reports). */
function suppressedByConfig(f: Finding, entry: IgnoreEntry): Finding {
  return {
    ...f,
    suppressed: true,
    suppressionReason: entry.reason,
    details: {
      ...f.details,
      suppressedBy: { kind: 'config', ...(entry.source ? { file: entry.source.file, line: entry.source.line } : {}), ...(entry.expires ? { expires: entry.expires } : {}) },
    },
  };
}

/** Each inline suppression once, and the ones of each resource (every record of a resource carries the same ones). */
function inlineIndex(ctx: SuppressionContext): { inlineByResource: Map<string, InlineSuppression[]>; inlineAll: Map<string, InlineSuppression> } {
  const inlineByResource = new Map<string, InlineSuppression[]>();
  const inlineAll = new Map<string, InlineSuppression>();
  for (const holder of [...ctx.policies, ...ctx.entities]) {
    for (const s of holder.inlineSuppressions ?? []) {
      const id = `${s.file}\0${s.line}\0${s.rule}`;
      const canonical = inlineAll.get(id) ?? s;
      inlineAll.set(id, canonical);
      const key = `${holder.file}\0${holder.resource}`;
      const list = inlineByResource.get(key) ?? [];
      if (!list.includes(canonical)) list.push(canonical);
      inlineByResource.set(key, list);
    }
  }
  return { inlineByResource, inlineAll };
}

/** Config ignore entries that expired (and what they would have suppressed) or matched nothing in scope. */
function configEntryFindings(
  options: SuppressionContext['options'],
  run: { used: Set<IgnoreEntry | InlineSuppression>; wouldHave: Map<IgnoreEntry, number>; inScope: (e: IgnoreEntry) => boolean; aaSkipped: (rule: string) => boolean },
): Finding[] {
  const { used, wouldHave, inScope, aaSkipped } = run;
  const about: Finding[] = [];
  const configFile = (e: IgnoreEntry) => e.source?.file ?? DEFAULT_CONFIG_PATH;
  const configLine = (e: IgnoreEntry) => e.source?.line ?? 1;
  for (const e of options.ignore) {
    const where = { file: configFile(e), line: configLine(e), endLine: configLine(e) };
    if (e.reason.trim() === '') continue; // the config loader refuses these; nothing to report here
    if (isExpired(e, options.now)) {
      const n = wouldHave.get(e) ?? 0;
      about.push({
        ruleId: EXPIRED_RULE_ID,
        source: 'rules',
        severity: 'warning',
        title: 'Expired suppression',
        message: expiredMessage(e, n),
        fix: 'Fix the findings it covered, or, if the exception is still accepted, renew it with a later expires date (and an updated reason); remove the entry otherwise.',
        ...where,
        fingerprint: fingerprint([EXPIRED_RULE_ID, e.rule, e.files?.join(','), e.resource, e.sid, e.action, e.expires]),
        details: { entry: { ...e, source: undefined }, matched: n },
      });
    } else if (!used.has(e) && inScope(e) && !aaSkipped(e.rule)) {
      about.push({
        ruleId: UNUSED_RULE_ID,
        source: 'rules',
        severity: 'suggestion',
        title: 'Unused suppression',
        message: `The ignore entry (${describeEntry(e)}) matched no finding in this run; it may be stale (the finding was fixed, or the rule, file, resource, Sid or action changed).`,
        fix: 'Remove the entry if the finding is gone, or correct its matchers.',
        ...where,
        fingerprint: fingerprint([UNUSED_RULE_ID, e.rule, e.files?.join(','), e.resource, e.sid, e.action]),
        details: { entry: { ...e, source: undefined } },
      });
    }
  }
  return about;
}

/** Inline suppressions without a reason, and ours that matched no finding. */
function inlineSuppressionFindings(inline: Iterable<InlineSuppression>, used: Set<IgnoreEntry | InlineSuppression>, aaSkipped: (rule: string) => boolean): Finding[] {
  const about: Finding[] = [];
  for (const s of inline) {
    const where = { file: s.file, line: s.line, endLine: s.line };
    if (s.reason.trim() === '') {
      about.push({
        ruleId: NO_REASON_RULE_ID,
        source: 'rules',
        severity: 'warning',
        title: 'Suppression without a reason',
        message: `The inline suppression of "${s.rule}" gives no reason, so it does not suppress anything.`,
        fix: 'Say why the finding is accepted (e.g. a ticket), e.g. `# iam-policy-gate:ignore RULE accepted until the migration (TICKET-123)`.',
        ...where,
        fingerprint: fingerprint([NO_REASON_RULE_ID, s.file, s.rule]),
      });
    } else if (!used.has(s) && !aaSkipped(s.rule) && !s.foreign) {
      // (a mapped cfn_nag/checkov/cfn-lint annotation matching none of our findings is no stale entry of ours)
      about.push({
        ruleId: UNUSED_RULE_ID,
        source: 'rules',
        severity: 'suggestion',
        title: 'Unused suppression',
        message: `The inline suppression of "${s.rule}" matched no finding on this resource; it may be stale.`,
        fix: 'Remove the suppression if the finding is gone, or correct the rule id.',
        ...where,
        fingerprint: fingerprint([UNUSED_RULE_ID, s.file, s.rule]),
      });
    }
  }
  return about;
}

/**
 * Other tools' suppressions the config does not map (cfn_nag, checkov, cfn-lint metadata) are shown on the findings
 * of their resource, never applied: `finding -> finding` with the note appended to its message.
 */
function foreignNotes(holders: ForeignHolder[], apart?: (key: string) => string | undefined): (f: Finding, policy: PolicyRecord | undefined) => Finding {
  const byResource = new Map<string, string>();
  for (const h of holders) {
    if (!h.foreignSuppressions?.length || byResource.has(foreignKey(h.file, h.resource))) continue;
    byResource.set(foreignKey(h.file, h.resource), foreignNoteText(h.foreignSuppressions));
  }
  if (!byResource.size && !apart) return (f) => f;
  const noteOf = (key: string) => byResource.get(key) ?? apart?.(key);
  return (f, policy) => {
    const note = (policy ? noteOf(foreignKey(policy.file, policy.resource)) : undefined) ?? (f.resource ? noteOf(foreignKey(f.file, f.resource)) : undefined);
    return note ? { ...f, message: f.message + note } : f;
  };
}

/** A resource's key among the notes of other tools' suppressions. */
export function foreignKey(file: string, resource: string): string {
  return `${file}\0${resource}`;
}

/** The note appended to the messages of the findings of a resource with other tools' suppressions. */
export function foreignNoteText(list: readonly ForeignSuppression[]): string {
  const shown = list.slice(0, 5).map((s) => `${s.tool} suppression ${s.id} (line ${s.line})`);
  const more = list.length > 5 ? ` and ${list.length - 5} more` : '';
  return ` Found on this resource: ${shown.join(', ')}${more}: not applied (map it to this gate's rule ids under suppression-mappings: to apply it).`;
}

/**
 * A finding new in this change (not in the base) that an inline suppression suppresses: the suppression comes with
 * the change (it had nothing to suppress before), so the reports say so (`details.suppressedBy.inChange`, the
 * "suppressed in this change" tag). Config suppressions are the base commit's in a pull request and are not marked.
 * Returns how many were marked.
 */
export function markSuppressedInChange(findings: Finding[]): number {
  let n = 0;
  for (const f of findings) {
    const by = f.details?.suppressedBy as { kind?: string } | undefined;
    if (!f.suppressed || f.new !== true || by?.kind !== 'inline') continue;
    f.details = { ...f.details, suppressedBy: { ...by, inChange: true } };
    n++;
  }
  return n;
}
