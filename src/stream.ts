/**
 * The file-by-file flow of a whole-repository scan (runGate with `stream`): each file is read, extracted and checked
 * on its own, its report entries go to the caller's sink at once, and only what the later stages need is kept:
 * the findings, a small view of each policy a finding or a suppression points at (for the suppressions stage),
 * SCP/RCP records (SCP stage), and every record when Access Analyzer may run. Peak memory is one file's analysis
 * plus a small cost per finding.
 *
 * What needs its neighbours is held and analysed together at the end, exactly as the whole-run flow does it:
 * Terraform configuration (a module is its directory, module calls read other directories), plans (they replace
 * the .tf blocks they cover), raw policy files (their principals come from the configuration, one scope for all)
 * and a template that read another file (nested stacks, includes). A CloudFormation/SAM template that read only
 * itself declares names unique to it (policy/principals.ts scopes) and is final after its own checks.
 *
 * Same report as the whole-run flow: entries carry the position of the file they came from (`at`) and the sink
 * merges the held ones back in file order; errors, notes and skip counts are merged by position; findings are
 * sorted at the end by the same stable comparison. Order can differ only between two findings of the same file,
 * line, severity and rule where one comes from a held parent template's view of a nested child scanned on its own
 * (the child's own finding comes first here).
 */
import type { Options } from './config/options.js';
import type { AnalysisError, Finding } from './result.js';
import type { IamEntity, PolicyRecord, Span } from './policy/types.js';
import type { AttachmentRecord, PrincipalRecord } from './policy/principals.js';
import type { Analysis, FileText, ReportSink } from './result.js';
import type { SourceFile } from './sources/files.js';
import { displayPath, underSkippedDir } from './sources/files.js';
import { readRepoFileAt, ReadError } from './text/read.js';
import { extractorFor, isModuleFile } from './extract/index.js';
import type { RepoAccess } from './sources/affected.js';
import { addSkippedReferences, countSkipsAndNotes, errorsOnce, extractTexts, finishAnalysis } from './analysis.js';
import type { Extracted, UnitContext } from './analysis.js';
import { appendAll } from './util/arrays.js';
import { boundHeap } from './util/heap.js';
import { unitByUnit, unitsOf } from './stream-units.js';
import type { UnitLinks } from './stream-units.js';
import { HeldFiles, HeldStore, NO_INPUTS } from './stream-held.js';
import { SpotSet } from './findings/spots.js';
import { RunSpots } from './findings/run-spots.js';
import type { WalkList } from './sources/walk-list.js';
import type { HeldInputs, HeldSlot } from './stream-held.js';
import { calledModuleDirs } from './extract/index.js';
import { unitLinks } from './shard/units.js';
import { detach, liteView, viewsNeedStatements, own, PositionedList, pooledFields, SHARED, spanOnly } from './stream-views.js';
import type { Pool } from './stream-views.js';
import { BARE_KEYS, keep, keepEntity, keepPolicy, KeptViews } from './stream-kept.js';

export type { ReportSink } from './result.js';

export interface StreamedHead {
  /** Findings, errors, notes, counts; `policies`/`entities` are what later stages need (see the file comment). */
  head: Analysis;
  /** The paths of the files analysed (repository-relative), when an ignore entry names files (else none). */
  analysed: string[];
  counts: { policies: number; principals: number; attachments: number };
  /** The bare views kept as rows (looked up by id: findings/suppressions.ts); `head.policies` has the others. */
  views: KeptViews;
}

/**
 * `runner`: self-contained files analysed elsewhere (worker threads, src/parallel/); the loop takes each file's
 * outcome in file order, so the report is the one of the in-process run.
 */
export async function analyseStreaming(files: WalkList, options: Options, repo: RepoAccess, errors: AnalysisError[], sink?: ReportSink, runner?: FileRunner, runs?: FindingSink, store = new HeldStore(Infinity), viewsAfter = Infinity): Promise<StreamedHead> {
  const keepAll = options.accessAnalyzer !== 'off';
  const lite = liteView(options);
  const statements = viewsNeedStatements(options);
  const spots = new RunSpots();
  const unit: UnitContext = { seenErrors: new SpotSet(), spots };
  const findings: Finding[] = [];
  const kept = new KeptViews(!keepAll && !options.organizationLive, viewsAfter);
  const keptEntities = new PositionedList<IamEntity>();
  const unitErrors = [new PositionedList<AnalysisError>(), new PositionedList<AnalysisError>(), new PositionedList<AnalysisError>()];
  /** Each note once (every file may repeat it): where it first appears, and the order it was seen there. */
  const notes = new Map<string, [number, number]>();
  let seq = 0;
  const skipped = new Map<string, [number, number]>();
  const counts = { policies: 0, principals: 0, attachments: 0 };
  let filesWithPolicies = 0;
  const held = new HeldFiles(store.after);
  /** The held files' skip counts and notes, in held order (as one analysis of the group gives them). */
  const heldHead = emptyAnalysis();
  const analysed: string[] = [];

  const absorb = (at: (x: object, file?: string) => number, out: Analysis) => {
    boundHeap();
    filesWithPolicies += out.filesWithPolicies;
    for (const [reason, n] of Object.entries(out.skipped ?? {})) {
      const s = skipped.get(reason);
      skipped.set(reason, s ? [Math.min(s[0], at(out)), s[1] + n] : [at(out), n]);
    }
    for (const n of out.notes ?? []) {
      const pos = at(out);
      const had = notes.get(n);
      if (!had || pos < had[0]) notes.set(n, [pos, seq]);
      seq++;
    }
    const parts = unit.errorParts!;
    out.errors.forEach((e, i) => unitErrors[i < parts.extract ? 0 : i < parts.extract + parts.budget ? 1 : 2]!.push([at(e, e.file), e]));
    accumulate(findings, out.findings, keepAll ? undefined : runs);
    for (const k of ['policies', 'principals', 'attachments'] as const) counts[k] += out[k].length;
  };

  const pool: Pool = new Map();
  const st: LoopState = { options, repo, errors, sink, unit, notes, analysed, held, heldHead, store, scanned: scannedPaths(files), paths: options.ignore.some((e) => e.files), absorb, keepAll, lite, statements, kept, keptEntities, texts: new Map(), pool };
  try {
    for (let i = 0; i < files.length; i++) {
      // the pool shares texts within a file and the few repeated across files: bounded, it does not grow with the tree
      if (pool.size > POOL_MAX) pool.clear();
      spots.nextFile();
      const o = runner ? await runner.outcome(i) : undefined;
      if (o && o.kind !== 'local') applyOutcome(i, files.at(i), o, st);
      else await streamFile(i, files.at(i), st, o?.extracted);
      // done with (`scanned` keeps a digest of the path)
      files.passed(i);
    }
  } finally {
    await runner?.close();
  }

  // what needs its neighbours, together (and the modules its Terraform calls where a walk does not go)
  await addReferenced(files.length, st);
  // the walk's finding places kept are those of the files the held files read (findings/run-spots.ts)
  spots.settle(held.readsBeyondThemselves((rel) => displayPath(options, rel)));
  // the paths are asked no more (100,000 files: a 4 MB table); the pool's texts are the loop's, not the held units'
  st.scanned = ASKED;
  pool.clear();
  if (held.length) finishHeld(held, options, unit, { spots, absorb, keepAll, lite, statements, kept, keptEntities, sink, pool, store, errors, heldHead });
  const head: Analysis = {
    policies: kept.objects.byPosition(),
    entities: keptEntities.byPosition(),
    principals: [],
    attachments: [],
    findings,
    errors: [...unitErrors[0]!.byPosition(), ...unitErrors[1]!.byPosition(), ...unitErrors[2]!.byPosition()],
    filesWithPolicies,
    notes: [...notes].sort((a, b) => a[1][0] - b[1][0] || a[1][1] - b[1][1]).map(([n]) => n),
  };
  if (skipped.size) head.skipped = Object.fromEntries([...skipped].sort((a, b) => a[1][0] - b[1][0]).map(([k, v]) => [k, v[1]]));
  return { head, analysed, counts, views: kept };
}

/**
 * Past this many texts the pool starts over (between two files: a file's findings and views still share theirs);
 * across files it shares few texts: 65,536 (mostly paths, ids) were ~8 MB of a 100,000-file scan's heap to its end.
 */
const POOL_MAX = 1 << 13;

/** The scan's paths as keyed digests (findings/spots.ts: ~40 bytes a path, not its text and a set entry). */
function scannedPaths(files: WalkList): LoopState['scanned'] {
  const scanned = new SpotSet();
  for (let i = 0; i < files.length; i++) scanned.add(files.at(i).rel);
  return scanned;
}

/** The scan's paths after the last question (addReferenced): a later one is a mistake of ours, not a "no". */
const ASKED: LoopState['scanned'] = {
  has(): boolean {
    throw new Error('internal: the scanned paths were asked after the held files were linked');
  },
};

/** What the loop shares with the per-file steps below (analyseStreaming's state). */
interface LoopState {
  options: Options;
  repo: RepoAccess;
  errors: AnalysisError[];
  sink: ReportSink | undefined;
  unit: UnitContext;
  notes: Map<string, [number, number]>;
  analysed: string[];
  /** The held files' stubs; what joins each to others (stream-units.ts) read from its text before the text is dropped. */
  held: HeldFiles;
  heldHead: Analysis;
  store: HeldStore;
  /** The scan's paths (as digests: only asked whether it has one); ASKED once the held files are all linked. */
  scanned: { has(path: string): boolean };
  /** Whether `analysed` lists the paths (an ignore entry names files: the suppressions stage reads them). */
  paths: boolean;
  absorb: (at: (x: object, file?: string) => number, out: Analysis) => void;
  keepAll: boolean;
  lite: (p: PolicyRecord) => PolicyRecord;
  /** Whether an ignore entry matches by Sid or action (views then keep their statements' skeletons: see bareView). */
  statements: boolean;
  kept: KeptViews;
  keptEntities: PositionedList<IamEntity>;
  /** The rule texts of findings from other threads, one copy each (`SHARED` fields). */
  texts: Map<string, string>;
  /** The run's one copy of each `POOLED` text of the kept findings and views. */
  pool: Pool;
}

/**
 * One file in this thread: read, extract (or its extraction `given`, made already by `analyseAlone` in this
 * thread), then held for its neighbours or checked on its own and absorbed.
 */
async function streamFile(i: number, f: SourceFile, st: LoopState, given?: Extracted): Promise<void> {
  const { options, sink, keepAll, notes } = st;
  const text = given ? given.text : readText(f, options, st.errors);
  if (!text) return;
  if (st.paths) st.analysed.push(f.rel);
  const [x] = given ? [given] : await extractTexts([text], options, st.repo);
  if (!x) return;
  if (needsNeighbours(x, displayPath(options, f.rel))) {
    const links = linksOf(x, st.scanned);
    countSkipsAndNotes(st.heldHead, [x]);
    hold(i, x, st.store.put(dropText(x)), links, st.held);
    return;
  }
  x.text = { ...x.text, text: '' };
  const out = finishAnalysis([x], options, [], undefined, st.unit);
  sink?.records(i, out.policies, out.principals, out.attachments);
  if (!keepAll) {
    detach(out.findings, st.pool);
    detach(out.errors, st.pool);
    if (out.notes) out.notes = out.notes.filter((n) => !notes.has(n)).map(own);
  }
  st.absorb(() => i, out);
  keep(i, out, st);
}

/**
 * What a worker thread made of one file (plain data: structured-cloned), applied by the loop in file order.
 * `local`: the loop analyses the file itself (held files, a file that ran its worker out of memory, ...).
 */
export type FileOutcome =
  | { kind: 'local'; extracted?: Extracted }
  | { kind: 'unread'; errors: AnalysisError[] }
  | { kind: 'alone'; alone: AloneFile }
  | { kind: 'failed'; error: AnalysisError };

/** A self-contained file analysed with a unit context of its own (see `analyseAlone`). */
export interface AloneFile {
  /** Its analysis: `policies` are the report's records without source maps, `entities` is empty. */
  out: Analysis;
  /** finishAnalysis's errorParts. */
  parts: { extract: number; budget: number };
  /** The finding spots its checks noted (UnitContext.spots). */
  spots: string[];
  /** `keep`'s views: of each policy with the span its source map gave, and of each entity. */
  kept: [Span, PolicyRecord][];
  keptEntities: IamEntity[];
}

/** Files analysed elsewhere, their outcomes taken in file order (src/parallel/pool.ts). */
export interface FileRunner {
  outcome(i: number): Promise<FileOutcome>;
  close(): Promise<void>;
}

/**
 * One file analysed elsewhere, absorbed as `streamFile` would have: the run-wide de-duplication (errors repeated
 * by an earlier file, the spots of earlier findings) is applied here, in file order, against the run's unit.
 */
function applyOutcome(i: number, f: SourceFile, o: Exclude<FileOutcome, { kind: 'local' }>, st: LoopState): void {
  if (o.kind === 'unread') {
    appendAll(st.errors, o.errors);
    return;
  }
  if (st.paths) st.analysed.push(f.rel);
  if (o.kind === 'failed') {
    st.errors.push(o.error);
    return;
  }
  const { out, parts, spots } = o.alone;
  const extract = errorsOnce(out.errors.slice(0, parts.extract), st.unit.seenErrors);
  out.errors = [...extract, ...out.errors.slice(parts.extract)];
  st.unit.errorParts = { extract: extract.length, budget: parts.budget };
  for (const k of spots) st.unit.spots.add(k);
  st.sink?.records(i, out.policies, out.principals, out.attachments);
  if (out.notes) out.notes = out.notes.filter((n) => !st.notes.has(n));
  for (const g of out.findings) shareTexts(g as unknown as Record<string, unknown>, st.texts, st.pool);
  st.absorb(() => i, out);
  for (const [span, p] of o.alone.kept) {
    const v = st.kept.noteForeign(i, pooledFields({ ...p, sourceMap: spanOnly(pooledFields(span, st.pool)) }, st.pool), false);
    if (Object.keys(p).join() === BARE_KEYS) st.kept.pushBare(i, v);
    else st.kept.push([i, v]);
  }
  for (const e of o.alone.keptEntities) keepEntity(i, e, st);
}

/** The rule's own texts of a finding that comes from another thread: one copy each, as in this thread. */
function shareTexts(g: Record<string, unknown>, texts: Map<string, string>, pool: Pool): void {
  for (const k of SHARED) {
    const s = g[k];
    if (typeof s !== 'string') continue;
    const t = texts.get(s);
    if (t === undefined) texts.set(s, s);
    else g[k] = t;
  }
  pooledFields(g, pool);
}

/**
 * A self-contained file on its own, for another thread: read, extracted, checked with a unit context of its own;
 * `local` when it needs its neighbours or its records are kept whole (SCP/RCP), so the loop analyses it itself
 * (`inThread`: with the extraction made here, which the loop then does not make again).
 */
export async function analyseAlone(f: SourceFile, options: Options, repo: RepoAccess, inThread = false): Promise<FileOutcome> {
  const errors: AnalysisError[] = [];
  const text = readText(f, options, errors);
  if (!text) return { kind: 'unread', errors };
  // only a template can be analysed alone (needsNeighbours): what another extractor takes goes back to the loop
  // unextracted, which reads and extracts it as the one-thread run does (another thread would extract it for nothing)
  if (!inThread && notTemplate(displayPath(options, f.rel), text.text)) return { kind: 'local' };
  const [x] = await extractTexts([text], options, repo);
  if (!x) return { kind: 'local' };
  if (needsNeighbours(x, displayPath(options, f.rel)) || x.result?.policies.some((p) => p.policyType === 'scp' || p.policyType === 'rcp')) return inThread ? { kind: 'local', extracted: x } : { kind: 'local' };
  x.text = { ...x.text, text: '' };
  const spots = new Set<string>();
  const unit: UnitContext = { seenErrors: new Set(), spots };
  const out = finishAnalysis([x], options, [], undefined, unit);
  const to = { keepAll: false, lite: liteView(options), statements: viewsNeedStatements(options), kept: new KeptViews(false), keptEntities: new PositionedList<IamEntity>(), pool: new Map() as Pool };
  keep(0, out, to);
  const bare = ({ sourceMap: _, ...p }: PolicyRecord) => p as PolicyRecord;
  return {
    kind: 'alone',
    alone: {
      out: { ...out, policies: out.policies.map(bare), entities: [] },
      parts: unit.errorParts!,
      spots: [...spots],
      kept: to.kept.objects.map(([, p]) => [p.sourceMap.locate(''), bare(p)]),
      keptEntities: to.keptEntities.map(([, e]) => e),
    },
  };
}

/** Whether a file is taken by an extractor other than the templates' (a file no extractor takes is analysed alone). */
function notTemplate(display: string, text: string): boolean {
  const ex = extractorFor(display, text);
  return ex !== undefined && ex.name !== 'cloudformation';
}

/** Where a streamed run's findings go as they are final (findings/runs.ts: sorted runs on disk). */
export interface FindingSink {
  put(f: Finding): void;
}

/**
 * A file's findings, to the run's sink (on disk, in sorted runs: findings/runs.ts), or kept to the end in the
 * head's list (no sink, or Access Analyzer may run: it reads the findings it merges with).
 */
function accumulate(findings: Finding[], add: Finding[], runs: FindingSink | undefined): void {
  if (runs) for (const f of add) runs.put(f);
  else appendAll(findings, add);
}

/**
 * The modules the held Terraform calls where a walk does not go, extracted and held (in memory: they are few) at
 * positions from `end`; then every held file written (a write failure is an error of the run).
 */
async function addReferenced(end: number, st: LoopState): Promise<void> {
  const { held, options, errors } = st;
  const texts: FileText[] = [];
  for (let k = 0; k < held.length; k++) texts.push(held.text(k) ?? { rel: held.rel(k), text: '', explicit: false });
  const before = texts.length;
  addSkippedReferences(texts, options, errors);
  (await extractTexts(texts.slice(before), options, st.repo)).forEach((x, k) => {
    if (st.paths) st.analysed.push(x.text.rel);
    const links = linksOf(x, st.scanned);
    countSkipsAndNotes(st.heldHead, [x]);
    hold(end + k, x, { x }, links, held);
  });
  const failure = st.store.settle();
  if (failure) errors.push(failure);
}

/** One file's text, or its read error (an unreadable file is not analysed: the verdict is incomplete). */
function readText(f: SourceFile, options: Options, errors: AnalysisError[]): FileText | undefined {
  try {
    const { text, real } = readRepoFileAt(options.root, f.rel, options.maxFileBytes);
    return { rel: f.rel, text, explicit: f.explicit, ...(f.sniffed ? { sniffed: true } : {}), real: real === f.rel ? f.rel : real };
  } catch (e) {
    errors.push({ file: displayPath(options, f.rel), message: e instanceof ReadError ? e.message : `cannot read: ${(e as Error).message}`, kind: 'input' });
    return undefined;
  }
}

/** `x` without its text, unless it is a module file (whose module calls addReferenced reads: see `hold`). */
function dropText(x: Extracted): Extracted {
  if (!isModuleFile(x.text.rel)) x.text = { ...x.text, text: '' };
  return x;
}

/**
 * `x` held at walk position `at` for the joint analysis, its extraction in `slot`: its text stays beside its stub
 * only when it calls modules under folders the walk skips (addReferenced reads those calls from the text, as
 * addSkippedReferences does: a text without such calls adds nothing). Links with nothing to join are not kept.
 */
function hold(at: number, x: Extracted, slot: HeldSlot, links: UnitLinks, held: HeldFiles): void {
  const text = x.text.text && calledModuleDirs(x.text.rel, x.text.text).some(underSkippedDir) ? x.text : undefined;
  held.add(at, x.text.rel, slot, { inputs: inputsOf(x), text, links: links === NO_LINKS ? undefined : links });
}

const NO_PATHS: readonly string[] = Object.freeze([]);
const NO_LINKS: UnitLinks = Object.freeze({ calls: NO_PATHS as string[], refs: NO_PATHS as string[], plan: false });

/** What a held file's extraction read and listed (heldUnits joins it with those): none beyond itself, most often. */
function inputsOf(x: Extracted): HeldInputs {
  const { reads, lists } = x.inputs;
  // reading itself joins it with nothing (nor is kept: a module's files each list its folder and read themselves)
  if (!lists.size && (!reads.size || (reads.size === 1 && reads.has(x.text.rel)))) return NO_INPUTS;
  return { reads: listOf(reads, x.text.rel), lists: listOf(lists) };
}

/** What joins a held file to others (shard/units.ts), from its text. */
function linksOf(x: Extracted, scanned: { has(path: string): boolean }): UnitLinks {
  const l = unitLinks(x.text.rel, x.text.text, scanned);
  return l.calls.length || l.refs.length || l.plan ? l : NO_LINKS;
}

function listOf(paths: ReadonlySet<string>, self?: string): readonly string[] {
  return paths.size > (self !== undefined && paths.has(self) ? 1 : 0) ? [...paths].filter((p) => p !== self) : NO_PATHS;
}

function emptyAnalysis(): Analysis {
  return { policies: [], principals: [], attachments: [], entities: [], findings: [], errors: [], filesWithPolicies: 0 };
}

type HeldTo = { spots: RunSpots; absorb: (at: (x: object, file?: string) => number, out: Analysis) => void; keepAll: boolean; lite: (p: PolicyRecord) => PolicyRecord; statements: boolean; kept: KeptViews; keptEntities: PositionedList<IamEntity>; sink?: ReportSink; pool: Pool; store: HeldStore; errors: AnalysisError[]; heldHead: Analysis };

/**
 * The held files, unit by unit (stream-units.ts): each unit analysed as the whole-run flow does, then released;
 * their entries reach the sink at their files' positions. Notes and skip counts of the held group: at its first
 * file, in held order, as one analysis of the group would give them.
 */
function finishHeld(held: HeldFiles, options: Options, unit: UnitContext, to: HeldTo): void {
  const first = held.position(0);
  to.absorb(() => first, to.heldHead);
  for (const u of unitByUnit(unitsOf(held, options))) {
    let xs: Extracted[];
    try {
      xs = u.map((k) => to.store.take(held.slot(k)));
    } catch (e) {
      // not analysed: said per file (the verdict is incomplete), never dropped silently
      for (const k of u) to.errors.push({ file: displayPath(options, held.rel(k)), message: `not analysed: the temporary file it was held in until its neighbours were read could not be read back (${(e as Error).message}). Run again`, kind: 'internal' });
      continue;
    }
    const at = u.map((k) => held.position(k));
    for (const k of u) held.release(k);
    to.spots.nextFile();
    finishUnit(xs, at, first, options, unit, to);
  }
  to.store.dispose();
  held.dispose();
}

/** One unit of held files, analysed together; `first`: the held group's first position (entries of no file). */
function finishUnit(held: Extracted[], heldAt: number[], first: number, options: Options, unit: UnitContext, to: HeldTo): void {
  const position = new Map<object, number>();
  const fileAt = new Map<string, number>();
  held.forEach((x, k) => {
    const at = heldAt[k]!;
    for (const list of [x.result?.policies ?? [], x.result?.entities ?? [], x.result?.errors ?? []]) for (const o of list) position.set(o, at);
    for (const o of [...(x.result?.policies ?? []), ...(x.result?.entities ?? [])]) if (!fileAt.has(o.file)) fileAt.set(o.file, at);
  });
  const at = (x: object, file?: string) => position.get(x) ?? (file !== undefined ? fileAt.get(file) : undefined) ?? first;
  const out = finishAnalysis(held, options, [], undefined, unit);
  if (!to.keepAll) detach(out.findings, to.pool);
  // skip counts and notes: the group's (heldHeader)
  delete out.skipped;
  delete out.notes;
  to.absorb(at, out);
  const groups = new Map<number, { policies: PolicyRecord[]; principals: PrincipalRecord[]; attachments: AttachmentRecord[] }>();
  const group = (n: number) => {
    let g = groups.get(n);
    if (!g) groups.set(n, (g = { policies: [], principals: [], attachments: [] }));
    return g;
  };
  const pointed = new Set(out.findings.map((g) => g.policyId));
  const keeping = { ...to, full: options.organizationLive };
  for (const p of out.policies) {
    group(at(p)).policies.push(p);
    keepPolicy(at(p), p, pointed, keeping);
  }
  const declared = (unit.principals ?? []).filter((p) => p.entity);
  out.principals.forEach((r, k) => group(declared[k]?.entity ? at(declared[k]!.entity!, r.file) : (fileAt.get(r.file) ?? first)).principals.push(r));
  for (const a of out.attachments) group(fileAt.get(a.file) ?? first).attachments.push(a);
  for (const e of out.entities) keepEntity(at(e), e, keeping);
  for (const [n, g] of [...groups].sort((a, b) => a[0] - b[0])) to.sink?.records(n, g.policies, g.principals, g.attachments);
}

/**
 * Whether a file's analysis depends on other files' records: Terraform configuration, plans and raw policies
 * (see the file comment), and a template that read another file or carries another scope's records.
 */
function needsNeighbours(x: Extracted, display: string): boolean {
  if (isModuleFile(x.text.rel) || x.inputs.reads.size > 1) return true;
  const r = x.result;
  if (!r) return false;
  return r.policies.some((p) => p.format !== 'cloudformation' || p.nestedIn !== undefined || p.file !== display) || r.entities.some((e) => e.file !== display || (e.scope !== undefined && e.scope !== e.file));
}

