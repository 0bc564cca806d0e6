/**
 * The policy views a file-by-file scan (stream.ts) keeps to the end. Most are bare views (stream-views.ts
 * bareView: a policy a finding points at that carries nothing else the later stages read), and a 100,000-file
 * scan keeps ~175,000 of them: as objects (a view, its source-map span, detached copies of its strings) they were
 * the largest part of what such a run held, ~400 bytes each. Here a bare view is a row of three columns found by
 * its id (~60 bytes beside its strings, which the findings pointing at it share through the pool); the other views
 * stay objects, by position as before.
 *
 * Same answers as the list of objects: the stages that read bare views look them up by id (findings/
 * suppressions.ts: the policy a finding points at; the last view of an id in position order wins, as in a Map
 * made from the list), or ask which policy types were seen (the SCP stage's note). An id is either in the table
 * or among the objects, never both: a second view of an id (bare or not) moves the table's row to the objects,
 * where the original order decides as before (rows are moved before the new view is added, and keep their
 * position).
 */
import type { IamEntity, PolicyRecord, PolicyType } from './policy/types.js';
import type { Analysis, Finding } from './result.js';
import { scpRecordFindings } from './checks/scp/index.js';
import { catalogUniverse } from './engine/actions.js';
import { bareView, detach, packSourceMap, PositionedList } from './stream-views.js';
import { SpotIndex } from './findings/spots.js';
import { readsAssumptions } from './findings/call-sites.js';
import { RowTexts } from './stream-rows.js';
import { ForeignNotes } from './stream-foreign.js';
import { doubled } from './util/arrays.js';
import type { Pool } from './stream-views.js';
import type { AnalysisError } from './result.js';
import type { ForeignHolder } from './findings/suppressions.js';

/** The keys of a bare view without its source map (as a worker sends it). */
export const BARE_KEYS = 'id,file,resource,policyType';

/**
 * The source map of a bare view looked up from the table: nothing after the analysis of a streamed run reads a
 * bare view's source map (its findings carry their own lines); a reader that starts to would fail loudly here
 * rather than read a wrong place.
 */
const NO_MAP: PolicyRecord['sourceMap'] = {
  get() {
    throw new Error('internal: the source map of a policy view kept as a row was read');
  },
  locate() {
    throw new Error('internal: the source map of a policy view kept as a row was read');
  },
  pointers() {
    throw new Error('internal: the source map of a policy view kept as a row was read');
  },
} as unknown as PolicyRecord['sourceMap'];

/** What a bare view's row holds (the strings as the pool gave them). */
interface BareRow {
  id: string;
  file: string;
  resource: string;
  policyType: PolicyType;
}

export class KeptViews {
  /** The views kept as objects (not bare, or an id seen twice), by position. */
  readonly objects = new PositionedList<PolicyRecord>();
  private readonly objectIds = new Set<string>();
  /**
   * Bare views: id -> row, by keyed digest (findings/spots.ts SpotIndex: ~27 bytes a row, not the id's text and a map
   * entry, ~130 bytes; the id is what a caller asks with). A row moved to the objects keeps its number, its `at` -1.
   */
  private readonly rows = new SpotIndex();
  private live = 0;
  private count = 0;
  /** The first row of each policy type, in the order the types were first seen (typeSamples: read from memory). */
  private readonly firstOfType = new Map<PolicyType, BareRow>();
  /** Row k's position (-1: moved to the objects) and type (an index into `types`): typed columns, 5 bytes a row. */
  private at = new Int32Array(1024);
  private type = new Uint8Array(1024);
  private readonly types: PolicyType[] = [];
  /** The SCP stage's findings of each SCP record checked as it was analysed (`checkOrg`), by the record's position. */
  private readonly orgFound = new PositionedList<Finding>();
  /** The types of the SCP/RCP records checked so (the stage runs when there was one). */
  readonly orgTypes = new Set<PolicyType>();
  /**
   * Other tools' suppressions (the suppressions stage's notes: findings/suppressions.ts foreignNotes), by resource:
   * only the note the stage makes of the first holder's list (stream-foreign.ts), not the views and entities that
   * carried them (~26,000 views and ~10,000 entities of a 100,000-file scan were kept whole for this alone).
   */
  readonly foreign: ForeignNotes;

  /**
   * `compact` false: bare views are kept as objects too (a worker's views, sent whole to the main thread), and SCP/RCP
   * records whole. True (a run with no organisation read live and no Access Analyzer): SCP records are checked as they
   * are analysed (`checkOrg`), and kept as views like any other policy.
   */
  constructor(
    readonly compact = true,
    /** How many rows (bare views, notes) keep their texts in memory before the rest go to disk (stream-rows.ts). */
    after = Infinity,
    private readonly texts = new RowTexts(after),
  ) {
    this.foreign = new ForeignNotes(after);
  }

  /**
   * Every row's texts and every note written; the first write failure, if any (an error of the run: the verdict is
   * incomplete).
   */
  settle(): AnalysisError | undefined {
    const texts = this.texts.settle();
    const notes = this.foreign.settle();
    return texts ?? notes;
  }

  /** Removes the rows' and the notes' temporary files (after the last look-up). */
  dispose(): void {
    this.texts.dispose();
    this.foreign.dispose();
  }

  /**
   * An SCP/RCP record of a run whose SCP stage has no organisation model and no base version (a file-by-file run):
   * the stage's checks of the record on its own made now (checks/scp scpRecordFindings; an RCP has none then), their
   * findings kept in the record's position. Whether it had any (its view is then kept: the findings point at it).
   */
  checkOrg(i: number, p: PolicyRecord, pool: Pool): boolean {
    this.orgTypes.add(p.policyType);
    if (p.policyType !== 'scp') return false;
    const found = detach(scpRecordFindings(catalogUniverse(), p), pool);
    for (const f of found) this.orgFound.push([i, f]);
    return found.length > 0;
  }

  /** The findings of `checkOrg`, in the order of the records' positions (as the SCP stage reads the kept records). */
  orgFindings(): Finding[] {
    return this.orgFound.byPosition();
  }

  /**
   * The holder's other-tools suppressions noted for its resource (compact views only), and the holder without them;
   * the holder as it is when it has none or the views are not compact (kept whole: the stage reads them there).
   */
  noteForeign<T extends ForeignHolder>(i: number, h: T, entity: boolean): T {
    if (!this.compact || !h.foreignSuppressions?.length) return h;
    this.foreign.note(i, h, entity);
    const { foreignSuppressions: _, ...rest } = h;
    return rest as T;
  }

  /** A view kept as an object (its id's row, if any, moved to the objects first). */
  push(e: [number, PolicyRecord]): void {
    this.moveRow(e[1].id);
    if (this.compact) this.objectIds.add(e[1].id);
    this.objects.push(e);
  }

  /** A bare view (stream-views.ts bareView) at position `i`: a row, or the object as it is (see the file comment). */
  pushBare(i: number, v: PolicyRecord): void {
    // (an id with a number already is a live row: a moved one is among objectIds; one digest for both questions)
    if (!this.compact || this.objectIds.has(v.id) || this.rows.id(v.id) < this.count) {
      this.push([i, v]);
      return;
    }
    this.live++;
    if (!this.firstOfType.has(v.policyType)) this.firstOfType.set(v.policyType, { id: v.id, file: v.file, resource: v.resource, policyType: v.policyType });
    const k = this.count++;
    if (k >= this.at.length) this.grow();
    this.at[k] = i;
    let t = this.types.indexOf(v.policyType);
    if (t < 0) t = this.types.push(v.policyType) - 1;
    this.type[k] = t;
    this.texts.put(v.file, v.resource);
  }

  private grow(): void {
    this.at = doubled(this.at);
    this.type = doubled(this.type);
  }

  private view(v: BareRow): PolicyRecord {
    return { id: v.id, file: v.file, resource: v.resource, policyType: v.policyType, sourceMap: NO_MAP } as PolicyRecord;
  }

  /** The row of `id` (a bare view kept as a row, not moved), or -1. */
  private row(id: string): number {
    const k = this.rows.find(id);
    return k >= 0 && k < this.count && this.at[k]! >= 0 ? k : -1;
  }

  private moveRow(id: string): void {
    const k = this.row(id);
    if (k < 0) return;
    const at = this.at[k]!;
    this.at[k] = -1;
    this.live--;
    this.objectIds.add(id);
    this.objects.push([at, this.rowView(id, k)]);
  }

  private rowView(id: string, k: number): PolicyRecord {
    const [file, resource] = this.texts.get(k);
    return this.view({ id, file, resource, policyType: this.types[this.type[k]!]! });
  }

  /**
   * The bare view of `id` kept as a row (a new object each time), or undefined. Throws when the row's texts cannot
   * be read back from their temporary file (the end stages report it: the verdict is incomplete).
   */
  lookup(id: string): PolicyRecord | undefined {
    const k = this.row(id);
    return k < 0 ? undefined : this.rowView(id, k);
  }

  /** How many bare views are rows. */
  get size(): number {
    return this.live;
  }

  /** One view of each policy type among the rows that `among` has none of (for a stage that asks which types were seen). */
  typeSamples(among: readonly PolicyRecord[]): PolicyRecord[] {
    const have = new Set(among.map((p) => p.policyType));
    const out: PolicyRecord[] = [];
    // the first row of each type, in the order the types were first seen (a moved row's view is among the objects,
    // so its type is in `among`: no later row of that type is needed)
    for (const [type, first] of this.firstOfType) {
      if (have.has(type) || this.row(first.id) < 0) continue;
      have.add(type);
      out.push(this.view(first));
    }
    return out;
  }
}

/**
 * What a streamed file leaves for the later stages: SCP/RCP records (SCP stage), a view of each policy a finding or
 * a suppression points at and the entities that carry suppressions (suppressions stage); everything when Access
 * Analyzer may run.
 */
export function keep(
  i: number,
  out: Analysis,
  to: { keepAll: boolean; lite: (p: PolicyRecord) => PolicyRecord; statements: boolean; kept: KeptViews; keptEntities: PositionedList<IamEntity>; pool: Pool },
): void {
  const pointed = new Set(out.findings.map((g) => g.policyId));
  for (const p of out.policies) keepPolicy(i, p, pointed, to);
  for (const e of out.entities) keepEntity(i, e, to);
}

/**
 * One policy for the later stages: SCP/RCP records whole (SCP stage), everything whole when Access Analyzer may run
 * (or the live organisation simulates identity policies under its SCPs: `full`); else the view of a policy a finding
 * or a suppression points at, with what the module-call stage reads (findings/call-sites.ts: `calledFrom`, the
 * assumptions), and every policy analysed for a module call (its call names the module's own findings).
 */
export function keepPolicy(i: number, p: PolicyRecord, pointed: Set<string | undefined>, to: { keepAll: boolean; full?: boolean; lite: (p: PolicyRecord) => PolicyRecord; statements: boolean; kept: KeptViews; pool: Pool }): void {
  if (to.keepAll || to.full) {
    to.kept.push([i, p]);
    return;
  }
  let points = pointed.has(p.id);
  if (p.policyType === 'scp' || p.policyType === 'rcp') {
    // a record with a version before it (a committed plan's `before`) is kept whole too: the stage judges its change
    // (scp-change-impact), which needs both versions (red team S9-F1: checked early, a loosened RCP in a plan passed)
    if (!to.kept.compact || p.base !== undefined) {
      // whole for the SCP stage, its source map packed (its entries are most of a record's memory)
      p.sourceMap = packSourceMap(p.sourceMap);
      to.kept.push([i, p]);
      return;
    }
    // checked now; a view kept as for any policy (the stage's findings point at it too)
    points = to.kept.checkOrg(i, p, to.pool) || points;
  }
  // only the module-call stage reads assumptions, of Terraform configuration only: a template's or plan's policy
  // with assumptions is a bare view like any other (a 100,000-file scan: ~15,000 views)
  const assumes = readsAssumptions(p);
  // other tools' suppressions noted by resource (compact views): the view itself need not carry them
  const foreign = !!p.foreignSuppressions?.length;
  const q = to.kept.noteForeign(i, p, false);
  const carries = !!(q.inlineSuppressions?.length || q.foreignSuppressions?.length || q.calledFrom?.length);
  if ((points || foreign) && !to.statements && !carries && !assumes) to.kept.pushBare(i, detach(bareView(q), to.pool));
  else if (points || foreign || carries) {
    const v = to.lite(q);
    if (p.calledFrom?.length) v.calledFrom = p.calledFrom;
    if (assumes) v.assumptions = p.assumptions;
    to.kept.push([i, detach(v, to.pool)]);
  }
}

/** One entity for the later stages: whole when Access Analyzer may run, else only one that carries suppressions. */
export function keepEntity(i: number, e: IamEntity, to: { keepAll: boolean; full?: boolean; kept: KeptViews; keptEntities: PositionedList<IamEntity>; pool: Pool }): void {
  if (to.keepAll || to.full) {
    to.keptEntities.push([i, e]);
    return;
  }
  const q = to.kept.noteForeign(i, e, true);
  if (q.inlineSuppressions?.length || q.foreignSuppressions?.length) to.keptEntities.push([i, detach({ file: q.file, resource: q.resource, inlineSuppressions: q.inlineSuppressions, foreignSuppressions: q.foreignSuppressions } as IamEntity, to.pool)]);
}
