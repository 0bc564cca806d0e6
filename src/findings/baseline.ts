/**
 * New vs existing: the base version of each analysed file (git at the base SHA, or the contents API) is extracted
 * and checked with the same stages as the head; a head finding whose fingerprint also occurs in the base is
 * `existing`, otherwise `new`. The base document of each policy is recorded on the head record (`record.base`) for
 * CheckNoNewAccess, and the access diff is computed per principal.
 */
import { execFileSync } from 'node:child_process';
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
import { decodeUtf8, ReadError } from '../sources/files.js';
import { computeAccessDiff } from './access-diff.js';
import type { AccessDiffEntry } from '../result.js';

/** The base side of a change. `read` returns undefined when the file does not exist there; throws when unreadable. */
export interface BaseSource {
  /** What the base is, for the reader: a SHA or a ref. */
  label: string;
  read(rel: string): string | undefined;
  /** Files directly in a directory at the base ('' = the root), for formats that read siblings (Terraform). */
  list?(dir: string): string[];
  /** Head path -> base path, for renamed files. */
  renames?: Map<string, string>;
}


/** One file's extraction as the base comparison sees it: the text and what its extraction read (gate.ts Extracted). */
export interface ExtractedText {
  text: FileText;
  inputs: { reads: ReadonlySet<string> };
}

/** The head's own stages, run on the base: extraction (recording inputs) and the stages after it. */
export interface Analyze<X extends ExtractedText> {
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
  analyze: Analyze<X>,
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
  const extracted = await analyze.extract(texts, { ...options }, baseRepo);
  const reliable = extracted.filter((x) => ![...x.inputs.reads].some((r) => failed.has(r)));
  const kept = new Set(reliable);
  for (const x of extracted) {
    if (kept.has(x)) continue;
    const missing = [...x.inputs.reads].filter((r) => failed.has(r));
    notes.push(`The base version of ${x.text.rel} could not be rebuilt (${missing.slice(0, 3).join(', ')} unreadable at ${base.label}); its findings are all counted as new.`);
  }
  const baseAnalysis = analyze.finish(reliable, { ...options });
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

/** Text of base blobs kept in memory for repeated reads (characters). */
const MEMO_BYTES = 32 * 1024 * 1024;

const SHA_OR_REF = /^[A-Za-z0-9][A-Za-z0-9._\/@{}~^-]*$/;

/** The base from git: `git show <ref>:<path>`. The ref is validated (no option injection). */
export function gitBaseSource(root: string, ref: string, maxBytes: number, renames?: Map<string, string>): BaseSource {
  if (!SHA_OR_REF.test(ref) || ref.includes('..')) throw new Error(`invalid git ref: ${ref}`);
  let commit: string;
  try {
    commit = execFileSync('git', ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
  } catch {
    throw new Error(`git ref ${ref} not found in ${root} (fetch enough history: actions/checkout with fetch-depth: 0)`);
  }
  // one listing of the base tree (paths relative to root, blob ids, sizes), then one process per file read
  let tree: Map<string, { sha: string; size: number }> | undefined;
  const listTree = () => {
    if (tree) return tree;
    tree = new Map();
    const out = execFileSync('git', ['ls-tree', '-r', '-z', '-l', commit], { cwd: root, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'] });
    for (const entry of out.split('\0')) {
      const m = /^(?!120000)\d+ blob ([0-9a-f]+)\s+(\d+)\t([\s\S]+)$/.exec(entry);
      if (m) tree.set(m[3]!, { sha: m[1]!, size: Number(m[2]) });
    }
    return tree;
  };
  let dirs: Map<string, string[]> | undefined;
  const memo = new Map<string, string>();
  let memoBytes = 0;
  return {
    label: ref === commit ? commit.slice(0, 12) : ref,
    renames,
    list(dir) {
      if (!dirs) {
        dirs = new Map();
        for (const rel of listTree().keys()) {
          const i = rel.lastIndexOf('/');
          const d = i < 0 ? '' : rel.slice(0, i);
          const l = dirs.get(d);
          if (l) l.push(rel);
          else dirs.set(d, [rel]);
        }
        for (const l of dirs.values()) l.sort();
      }
      const d = dir === '.' ? '' : dir.replace(/^\.\//, '').replace(/\/+$/, '');
      return [...(dirs.get(d) ?? [])];
    },
    read(rel) {
      if (rel.startsWith('/') || rel.split('/').includes('..')) throw new ReadError(`refused: ${rel} is not a repository-relative path`);
      const blob = listTree().get(rel);
      if (!blob) return undefined;
      if (blob.size > maxBytes) throw new ReadError(`file is ${blob.size} bytes, over the ${maxBytes}-byte limit`);
      // a module's files read each other: one process per blob, not per read (bounded memo, oldest dropped first)
      const hit = memo.get(blob.sha);
      if (hit !== undefined) return hit;
      const text = decodeUtf8(execFileSync('git', ['cat-file', 'blob', blob.sha], { cwd: root, maxBuffer: maxBytes + 1024, stdio: ['ignore', 'pipe', 'pipe'] }));
      memo.set(blob.sha, text);
      memoBytes += text.length;
      for (const [k, v] of memo) {
        if (memoBytes <= MEMO_BYTES) break;
        memo.delete(k);
        memoBytes -= v.length;
      }
      return text;
    },
  };
}

/**
 * The base as the head tree minus the change: a path the change does not touch is the same at both commits (read
 * from the checkout); a path it modified, removed or renamed away is read from `fetched` (the contents API at the
 * base SHA; not fetched = unreadable, never "absent"); a path it added does not exist at the base. Directory
 * listings are the head's, with the change undone.
 */
export function overlayBaseSource(
  label: string,
  head: RepoAccess,
  changes: { path: string; status: string; previousPath?: string }[],
  fetched: Map<string, string | undefined | Error>,
  renames?: Map<string, string>,
): BaseSource {
  const atBaseOnly = new Set<string>();
  const addedAtHead = new Set<string>();
  const touched = new Set<string>();
  for (const c of changes) {
    if (c.status === 'added' || c.status === 'renamed' || c.status === 'copied') addedAtHead.add(c.path);
    else touched.add(c.path);
    if (c.status === 'removed') atBaseOnly.add(c.path);
    if (c.previousPath) {
      touched.add(c.previousPath);
      if (c.status === 'renamed') atBaseOnly.add(c.previousPath);
    }
  }
  for (const p of touched) addedAtHead.delete(p); // a path both renamed away and re-added existed at the base
  const dirOf = (rel: string) => (rel.includes('/') ? rel.slice(0, rel.lastIndexOf('/')) : '');
  return {
    label,
    renames,
    read(rel) {
      if (fetched.has(rel)) {
        const v = fetched.get(rel);
        if (v instanceof Error) throw v;
        return v;
      }
      if (addedAtHead.has(rel)) return undefined;
      if (touched.has(rel)) throw new ReadError(`${rel}: the base version was not fetched`);
      return head.read(rel);
    },
    list(dir) {
      const d = dir === '.' ? '' : dir.replace(/^\.\//, '').replace(/\/+$/, '');
      const out = new Set(head.list(d).filter((p) => !addedAtHead.has(p)));
      for (const p of atBaseOnly) if (dirOf(p) === d) out.add(p);
      return [...out].sort();
    },
  };
}

/** Files tracked at `ref` and deleted in the working tree since (root-relative; the ref was validated by gitBaseSource). */
export function gitRemovedPaths(root: string, ref: string): string[] {
  if (!SHA_OR_REF.test(ref) || ref.includes('..')) throw new Error(`invalid git ref: ${ref}`);
  const out = execFileSync('git', ['-c', 'core.quotepath=off', 'diff', '--name-only', '--relative', '--diff-filter=D', '-z', ref, '--'], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'] });
  return out.split('\0').filter(Boolean);
}

/** A base from prefetched contents (the contents API at the base SHA): undefined = absent at the base. */
export function mapBaseSource(label: string, files: Map<string, string | undefined | Error>, renames?: Map<string, string>): BaseSource {
  return {
    label,
    renames,
    read(rel) {
      const v = files.get(rel);
      if (v instanceof Error) throw v;
      return v;
    },
  };
}
