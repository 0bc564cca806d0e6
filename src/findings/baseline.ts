/**
 * New vs existing: the base version of each analysed file (git at the base SHA, or the contents API) is extracted
 * and checked with the same stages as the head; a head finding whose fingerprint also occurs in the base is
 * `existing`, otherwise `new`. The base document of each policy is recorded on the head record (`record.base`) for
 * CheckNoNewAccess, and the access diff is computed per principal.
 */
import type { Options } from '../config/options.js';
import type { Analysis, AnalysisError, BaseInfo, FileText, Finding } from '../result.js';
import type { PolicyRecord } from '../policy/types.js';
import { canonicalJson } from '../policy/fingerprint.js';
import { statementCovers } from '../engine/coverage.js';
import { statementAt } from '../policy/statements.js';
import { holderView, newAccessReason } from './holders.js';
import { removedGuardrails } from './guardrails.js';
import type { HolderView } from './holders.js';
import type { RepoAccess } from '../sources/affected.js';
import { ReadError } from '../text/read.js';
import type { BaseSource } from '../sources/base.js';
import { computeAccessDiff } from './access-diff.js';
import type { AccessDiffEntry } from '../result.js';



/** One file's extraction as the base comparison sees it: the text and what its extraction read (gate.ts Extracted). */
export interface ExtractedText {
  text: FileText;
  inputs: { reads: ReadonlySet<string> };
}

/** The head's own stages, run on the base: extraction (recording inputs) and the stages after it. */
export interface Analyse<X extends ExtractedText> {
  extract(texts: FileText[], options: Options, repo: RepoAccess): Promise<X[]>;
  finish(extracted: X[], options: Options): Analysis;
}

export interface BaseComparison {
  info: BaseInfo;
  accessDiff: AccessDiffEntry[];
  /** Findings of the base version (offline stages), for markNew. */
  baseFindings: Finding[];
  /** SCPs/RCPs the change deleted or detached, as records for the SCP stage (findings/guardrails.ts). */
  guardrails: PolicyRecord[];
  /** Who held each policy in the base, and the base documents, for markNew. */
  holders: HolderView;
  baseDocs: Map<string, unknown>;
  errors: AnalysisError[];
  notes: string[];
}

export async function compareWithBase<X extends ExtractedText>(
  head: Analysis,
  rels: string[],
  base: BaseSource,
  options: Options,
  analyse: Analyse<X>,
  /** Files the change deleted (or renamed out of the analysed tree): analysed at the base only. */
  removed: string[] = [],
): Promise<BaseComparison> {
  const notes: string[] = [];
  const errors: AnalysisError[] = [];
  const { texts, filesAdded } = readBaseTexts(rels, removed, base, notes);
  // a base read that fails (not fetched, an API error) leaves that file's base unknown: it is not compared, so its
  // findings are new -- never a degraded base (a variable without its default) that looks as bad as the head
  const failed = new Set<string>();
  const baseRepo: RepoAccess = {
    read: (rel) => {
      let t: string | undefined;
      try {
        t = base.read(rel);
      } catch (e) {
        failed.add(rel);
        throw e;
      }
      if (t === undefined) throw new ReadError(`${rel}: file not found at ${base.label}`);
      return t;
    },
    list: (dir) => base.list?.(dir) ?? [],
  };
  const extracted = await analyse.extract(texts, { ...options }, baseRepo);
  const reliable = extracted.filter((x) => ![...x.inputs.reads].some((r) => failed.has(r)));
  const kept = new Set(reliable);
  for (const x of extracted) {
    if (kept.has(x)) continue;
    const missing = [...x.inputs.reads].filter((r) => failed.has(r));
    notes.push(`The base version of ${x.text.rel} could not be rebuilt (${missing.slice(0, 3).join(', ')} unreadable at ${base.label}); its findings are all counted as new.`);
  }
  const baseAnalysis = analyse.finish(reliable, { ...options });
  // a base that does not parse is not an error of this change: its findings just cannot be matched
  for (const e of baseAnalysis.errors) notes.push(`Base version of ${e.file}${e.line ? `:${e.line}` : ''} (${base.label}): ${e.message}`);

  const byId = new Map(baseAnalysis.policies.map((p) => [p.id, p]));
  for (const p of head.policies) {
    const b = byId.get(p.id);
    if (b && p.base === undefined) p.base = b.document;
  }
  let skipped = 0;
  const accessDiff = computeAccessDiff(head.policies, baseAnalysis.policies, { onSkip: () => skipped++ });
  if (skipped) notes.push(`The access diff covers the first principals only: ${skipped} more whose grants changed were not expanded (time bound).`);
  return {
    info: { ref: base.label, filesCompared: reliable.length, filesAdded },
    accessDiff,
    baseFindings: baseAnalysis.findings,
    holders: holderView(baseAnalysis.policies, baseAnalysis.entities),
    guardrails: removedGuardrails(head, baseAnalysis, base.label),
    baseDocs: new Map(baseAnalysis.policies.map((p) => [p.id, p.document])),
    errors,
    notes,
  };
}

/** The base version of each analysed file (under its head path) and of each removed file; what is absent or unreadable. */
function readBaseTexts(rels: string[], removed: string[], base: BaseSource, notes: string[]): { texts: FileText[]; filesAdded: number } {
  const texts: FileText[] = [];
  let filesAdded = 0;
  for (const rel of rels) {
    let text: string | undefined;
    try {
      text = base.read(base.renames?.get(rel) ?? rel);
    } catch (e) {
      notes.push(`The base version of ${rel} could not be read (${(e as Error).message}); its findings are all counted as new.`);
      continue;
    }
    if (text === undefined) filesAdded++;
    // analysed under its head path, so record ids and fingerprints line up across a rename
    else texts.push({ rel, text, explicit: false });
  }
  for (const rel of removed) {
    try {
      const text = base.read(rel);
      if (text !== undefined) texts.push({ rel, text, explicit: false });
    } catch (e) {
      notes.push(`The base version of ${rel}, deleted by this change, could not be read (${(e as Error).message}).`);
    }
  }
  return { texts, filesAdded };
}

/** Stages that do not run on the base version (online, billed): their findings are matched by policy instead. */
const HEAD_ONLY_SOURCES = new Set<Finding['source']>(['access-analyzer', 'scp']);

/** Who holds each policy at the head and at the base, and the base documents (for narrowed statements). */
export interface BaseContext {
  head: HolderView;
  base: HolderView;
  baseDocs: Map<string, unknown>;
}

/**
 * Mark each head finding new/existing. Existing: the same fingerprint in the base (rule, policy, statement content,
 * subject; a fingerprint occurring n times in the base covers n), or the same rule and subject on a base statement
 * that covers the head's (the statement was only narrowed). A finding of a head-only stage (Access Analyzer, SCP) on
 * a policy whose document is the same as in the base is existing too. With `ctx`, an existing finding is new again
 * when the policy reaches a principal it did not reach, or lost a guard (boundary, Deny, trust) -- said in
 * `details.newAccess`.
 */
export function markNew(findings: Finding[], baseFindings: Finding[], policies: PolicyRecord[] = [], ctx?: BaseContext): void {
  const counts = new Map<string, number>();
  const byKey = new Map<string, Finding[]>();
  for (const f of baseFindings) {
    counts.set(f.fingerprint, (counts.get(f.fingerprint) ?? 0) + 1);
    if (f.matchKey) {
      const l = byKey.get(f.matchKey);
      if (l) l.push(f);
      else byKey.set(f.matchKey, [f]);
    }
  }
  const unchanged = new Set(policies.filter((p) => p.base !== undefined && canonicalJson(p.base) === canonicalJson(p.document)).map((p) => p.id));
  const docs = new Map(policies.map((p) => [p.id, p.document]));
  const narrowed = (f: Finding): boolean => {
    if (!ctx || !f.matchKey || f.policyId === undefined || f.path === undefined) return false;
    const head = statementAt(docs.get(f.policyId), f.path);
    if (head === undefined) return false;
    // a handful of base findings share a rule, policy and subject; hostile sizes stop at a bound (then: new)
    return (byKey.get(f.matchKey) ?? []).slice(0, 64).some((g) => {
      const base = g.policyId !== undefined && g.path !== undefined ? statementAt(ctx.baseDocs.get(g.policyId), g.path) : undefined;
      return base !== undefined && statementCovers(base, head);
    });
  };
  for (const f of findings) {
    const n = counts.get(f.fingerprint) ?? 0;
    let existing: boolean;
    if (n > 0) {
      existing = true;
      counts.set(f.fingerprint, n - 1);
    } else existing = narrowed(f) || (HEAD_ONLY_SOURCES.has(f.source) && f.policyId !== undefined && unchanged.has(f.policyId));
    const reason = existing && ctx && f.policyId !== undefined ? newAccessReason(f.policyId, ctx.head, ctx.base) : undefined;
    if (reason) f.details = { ...f.details, newAccess: reason };
    f.new = !existing || reason !== undefined;
  }
}
