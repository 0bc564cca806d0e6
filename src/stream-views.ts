/**
 * What the file-by-file flow (stream.ts) keeps of a file once it is reported, made small: strings that share no
 * memory with the file text, one copy per run of the texts many entries repeat, and the policy views the
 * suppressions stage reads.
 */
import type { Options } from './config/options.js';
import type { PolicyRecord, SourceMap, Span } from './policy/types.js';
import { MapSourceMap, parentPointer } from './policy/source-map.js';

/**
 * A string that shares no memory with the file text it was cut from. V8 keeps a substring (a logical id from the
 * template, a message built around it) as a view of its parent: one kept finding would hold the whole file.
 */
export function own(s: string): string {
  return s.length < 13 ? s : (' ' + s).slice(1);
}

/** Finding fields that hold the rule's own text (shared by every finding of the rule): left as they are. */
export const SHARED = new Set(['title', 'fix', 'learnMore', 'ruleId', 'source', 'severity']);

/**
 * Fields whose text many kept entries repeat (a file's path, a policy's id, a JSON pointer): one `own` copy per run
 * (`Pool`), not one per finding or view. Values stay equal: the report does not change.
 */
const POOLED = new Set(['file', 'policyId', 'id', 'resource', 'resourceType', 'propertyPath', 'format', 'policyType', 'path', 'scope']);

/** The run's one copy of each pooled text (keyed by the copy itself: the map never holds a file's text). */
export type Pool = Map<string, string>;

function pooled(s: string, pool: Pool): string {
  let t = pool.get(s);
  if (t === undefined) pool.set((t = own(s)), t);
  return t;
}

/**
 * Every string inside plain objects and arrays, made `own` (in place), the `POOLED` fields taken from `pool`; the
 * kept findings and views are small.
 */
export function detach<T>(v: T, pool: Pool, seen = new WeakSet<object>(), key?: string): T {
  if (typeof v === 'string') return (key !== undefined && POOLED.has(key) ? pooled(v, pool) : own(v)) as T;
  if (v === null || typeof v !== 'object' || seen.has(v)) return v;
  seen.add(v);
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) v[i] = detach(v[i], pool, seen);
    return v;
  }
  const proto = Object.getPrototypeOf(v);
  if (proto !== Object.prototype && proto !== null) return v;
  const o = v as Record<string, unknown>;
  for (const k of Object.keys(o)) if (!SHARED.has(k)) o[k] = detach(o[k], pool, seen, k);
  return v;
}

/** The `POOLED` fields of an entry from another thread (structured-cloned: its own copies) taken from `pool`. */
export function pooledFields<T extends object>(o: T, pool: Pool): T {
  const r = o as Record<string, unknown>;
  for (const k of POOLED) {
    const s = r[k];
    if (typeof s === 'string') r[k] = pooled(s, pool);
  }
  return o;
}

/**
 * The source map of a policy view: only the span of the whole policy, as numbers (methods on the prototype: no
 * closures per view; one small object instead of a Span and its two Positions).
 */
class SpanOnly {
  private readonly file: string;
  private readonly l1: number;
  private readonly c1: number;
  private readonly l2: number;
  private readonly c2: number;
  constructor(at: Span) {
    this.file = at.file;
    this.l1 = at.start.line;
    this.c1 = at.start.column;
    this.l2 = at.end.line;
    this.c2 = at.end.column;
  }
  get(): Span | undefined {
    return undefined;
  }
  locate(): Span {
    return { file: this.file, start: { line: this.l1, column: this.c1 }, end: { line: this.l2, column: this.c2 } };
  }
  pointers(): string[] {
    return [];
  }
}

export function spanOnly(at: Span): PolicyRecord['sourceMap'] {
  return new SpanOnly(at);
}

/**
 * The view of a policy a finding points at that carries nothing else the later stages read (no suppressions, no
 * module call, no assumption) and no ignore entry matches by Sid or action: what the suppressions stage reads of it
 * is its file and resource (inline suppressions and notes of its resource), the SCP stage its type (whether
 * identity policies were seen). The lite view's other fields are read by none of them.
 */
export function bareView(p: PolicyRecord): PolicyRecord {
  return { id: p.id, file: p.file, resource: p.resource, policyType: p.policyType, sourceMap: spanOnly(p.sourceMap.locate('')) } as PolicyRecord;
}

/** Items with the position of the file they came from (two flat lists: no pair per item). */
export class PositionedList<T> {
  private readonly at: number[] = [];
  private readonly items: T[] = [];

  push(e: [number, T]): void {
    this.at.push(e[0]);
    this.items.push(e[1]);
  }

  map<U>(f: (e: [number, T]) => U): U[] {
    return this.items.map((x, k) => f([this.at[k]!, x]));
  }

  /** The items by position (stable). */
  byPosition(): T[] {
    const order = this.at.map((_, k) => k).sort((a, b) => this.at[a]! - this.at[b]! || a - b);
    return order.map((k) => this.items[k]!);
  }
}

/** Whether an ignore entry matches by Sid or action: the suppressions stage then reads a view's statements. */
export function viewsNeedStatements(options: Options): boolean {
  return options.ignore.some((e) => e.sid !== undefined || e.action !== undefined);
}

/** The empty lists of every view (one frozen array: a view is read, never added to). */
const NONE = Object.freeze([]) as unknown as [];

/**
 * What the suppressions stage reads of a policy (findings/suppressions.ts): its id, file, resource, inline and
 * foreign suppressions, and, when an ignore entry matches by Sid or action, each statement's Sid/Action/NotAction.
 * The rest (source map, placeholders, the document's other values) is dropped once the file is reported.
 */
export function liteView(options: Options): (p: PolicyRecord) => PolicyRecord {
  const statements = viewsNeedStatements(options);
  const skeleton = (s: unknown) => {
    if (s === null || typeof s !== 'object' || Array.isArray(s)) return s;
    const o = s as Record<string, unknown>;
    return { Sid: o.Sid, Action: o.Action, NotAction: o.NotAction };
  };
  return (p) => {
    const at = p.sourceMap.locate('');
    const doc = p.document as Record<string, unknown> | undefined;
    const st = doc !== null && typeof doc === 'object' ? doc.Statement : undefined;
    const document = statements && st !== undefined ? { Statement: Array.isArray(st) ? st.map(skeleton) : skeleton(st) } : undefined;
    return {
      id: p.id,
      file: p.file,
      line: p.line,
      endLine: p.endLine,
      format: p.format,
      resource: p.resource,
      resourceType: p.resourceType,
      propertyPath: p.propertyPath,
      policyType: p.policyType,
      document,
      sourceMap: spanOnly(at),
      placeholders: NONE,
      attachedTo: NONE,
      ...(p.inlineSuppressions ? { inlineSuppressions: p.inlineSuppressions } : {}),
      ...(p.foreignSuppressions ? { foreignSuppressions: p.foreignSuppressions } : {}),
    } as PolicyRecord;
  };
}

/**
 * A record's source map packed for a record kept to the end (an SCP/RCP record whole, for the SCP stage): the
 * pointers in one string, the spans as numbers, ~50 bytes an entry instead of ~190 (a Map entry, a Span and two
 * Positions each). Same answers as the MapSourceMap it packs: `get` the exact span, `locate` the nearest recorded
 * ancestor ('' is always recorded there), `pointers` in insertion order. Spans are equal, not the same objects.
 */
class PackedSourceMap {
  /**
   * `keys`: the pointers, one after the other; `ints` (one array: each typed array costs ~200 bytes of its own),
   * for n entries: n + 1 starts of entry k's pointer in `keys`, n entry indexes in pointer order (binary search),
   * then per entry its file (index into `files`), start line, start column, end line, end column.
   */
  constructor(
    private readonly keys: string,
    private readonly ints: Int32Array,
    private readonly n: number,
    private readonly files: string[],
  ) {}

  private key(k: number): string {
    return this.keys.slice(this.ints[k]!, this.ints[k + 1]!);
  }

  private find(ptr: string): number {
    let lo = 0;
    let hi = this.n - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const k = this.ints[this.n + 1 + mid]!;
      const s = this.key(k);
      if (s === ptr) return k;
      if (s < ptr) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  private span(k: number): Span {
    const i = this.ints;
    const at = 2 * this.n + 1 + 5 * k;
    return { file: this.files[i[at]!]!, start: { line: i[at + 1]!, column: i[at + 2]! }, end: { line: i[at + 3]!, column: i[at + 4]! } };
  }

  get(ptr: string): Span | undefined {
    const k = this.find(ptr);
    return k < 0 ? undefined : this.span(k);
  }

  locate(ptr: string): Span {
    let p: string | undefined = ptr;
    while (p !== undefined) {
      const k = this.find(p);
      if (k >= 0) return this.span(k);
      p = parentPointer(p);
    }
    // '' is always recorded (MapSourceMap records its root there)
    return this.span(this.find(''));
  }

  pointers(): string[] {
    const out: string[] = [];
    for (let k = 0; k < this.n; k++) out.push(this.key(k));
    return out;
  }
}

const SPAN_KEYS = 'file,start,end';
const POSITION_KEYS = 'line,column';

/**
 * `map` packed when it is a MapSourceMap whose spans are plain `{ file, start, end }` with `{ line, column }`
 * positions (anything else is left as it is).
 */
export function packSourceMap(map: SourceMap): SourceMap {
  if (!(map instanceof MapSourceMap)) return map;
  const ptrs = map.pointers();
  const n = ptrs.length;
  if (!ptrs.includes('')) return map;
  const ints = new Int32Array(2 * n + 1 + 5 * n);
  const files: string[] = [];
  let at = 0;
  for (let k = 0; k < n; k++) {
    const s = map.get(ptrs[k]!);
    if (!s || Object.keys(s).join() !== SPAN_KEYS || typeof s.file !== 'string' || !isPosition(s.start) || !isPosition(s.end)) return map;
    const nums = [s.start.line, s.start.column, s.end.line, s.end.column];
    // (numbers an Int32Array holds exactly, or the map stays as it is)
    if (nums.some((x) => x !== (x | 0) || Object.is(x, -0))) return map;
    ints[k] = at;
    at += ptrs[k]!.length;
    let f = files.indexOf(s.file);
    if (f < 0) f = files.push(s.file) - 1;
    ints.set([f, ...nums], 2 * n + 1 + 5 * k);
  }
  ints[n] = at;
  const order = Array.from(ptrs.keys()).sort((a, b) => (ptrs[a]! < ptrs[b]! ? -1 : ptrs[a]! > ptrs[b]! ? 1 : 0));
  ints.set(order, n + 1);
  return new PackedSourceMap(ptrs.join(''), ints, n, files.map(own));
}

function isPosition(p: unknown): p is { line: number; column: number } {
  return p !== null && typeof p === 'object' && Object.keys(p).join() === POSITION_KEYS && typeof (p as { line: unknown }).line === 'number' && typeof (p as { column: unknown }).column === 'number';
}
