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
import type { PolicyRecord, PolicyType } from './policy/types.js';
import { PositionedList } from './stream-views.js';

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
  /** Bare views: id -> row. */
  private readonly rows = new Map<string, number>();
  private readonly at: number[] = [];
  private readonly file: string[] = [];
  private readonly resource: string[] = [];
  private readonly type: PolicyType[] = [];

  /** `compact` false: bare views are kept as objects too (a worker's views, sent whole to the main thread). */
  constructor(private readonly compact = true) {}

  /** A view kept as an object (its id's row, if any, moved to the objects first). */
  push(e: [number, PolicyRecord]): void {
    this.moveRow(e[1].id);
    if (this.compact) this.objectIds.add(e[1].id);
    this.objects.push(e);
  }

  /** A bare view (stream-views.ts bareView) at position `i`: a row, or the object as it is (see the file comment). */
  pushBare(i: number, v: PolicyRecord): void {
    if (!this.compact || this.objectIds.has(v.id) || this.rows.has(v.id)) {
      this.push([i, v]);
      return;
    }
    this.rows.set(v.id, this.at.length);
    this.at.push(i);
    this.file.push(v.file);
    this.resource.push(v.resource);
    this.type.push(v.policyType);
  }

  private view(v: BareRow): PolicyRecord {
    return { id: v.id, file: v.file, resource: v.resource, policyType: v.policyType, sourceMap: NO_MAP } as PolicyRecord;
  }

  private moveRow(id: string): void {
    const k = this.rows.get(id);
    if (k === undefined) return;
    this.rows.delete(id);
    this.objectIds.add(id);
    this.objects.push([this.at[k]!, this.view({ id, file: this.file[k]!, resource: this.resource[k]!, policyType: this.type[k]! })]);
  }

  /** The bare view of `id` kept as a row (a new object each time), or undefined. */
  lookup(id: string): PolicyRecord | undefined {
    const k = this.rows.get(id);
    return k === undefined ? undefined : this.view({ id, file: this.file[k]!, resource: this.resource[k]!, policyType: this.type[k]! });
  }

  /** How many bare views are rows. */
  get size(): number {
    return this.rows.size;
  }

  /** One view of each policy type among the rows that `among` has none of (for a stage that asks which types were seen). */
  typeSamples(among: readonly PolicyRecord[]): PolicyRecord[] {
    const have = new Set(among.map((p) => p.policyType));
    const out: PolicyRecord[] = [];
    for (const [id, k] of this.rows) {
      if (have.has(this.type[k]!)) continue;
      have.add(this.type[k]!);
      out.push(this.lookup(id)!);
    }
    return out;
  }
}
