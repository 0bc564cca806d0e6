/**
 * What the file-by-file flow (stream.ts) keeps of a file once it is reported, made small: strings that share no
 * memory with the file text, one copy per run of the texts many entries repeat, and the policy views the
 * suppressions stage reads.
 */
import type { Options } from './config/options.js';
import type { PolicyRecord, Span } from './policy/types.js';

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

/** The source map of a policy view: only the span of the whole policy (methods on the prototype: no closures per view). */
class SpanOnly {
  constructor(private readonly at: Span) {}
  get(): Span | undefined {
    return undefined;
  }
  locate(): Span {
    return this.at;
  }
  pointers(): string[] {
    return [];
  }
}

export function spanOnly(at: Span): PolicyRecord['sourceMap'] {
  return new SpanOnly(at);
}

/**
 * What the suppressions stage reads of a policy (findings/suppressions.ts): its id, file, resource, inline and
 * foreign suppressions, and, when an ignore entry matches by Sid or action, each statement's Sid/Action/NotAction.
 * The rest (source map, placeholders, the document's other values) is dropped once the file is reported.
 */
export function liteView(options: Options): (p: PolicyRecord) => PolicyRecord {
  const statements = options.ignore.some((e) => e.sid !== undefined || e.action !== undefined);
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
      placeholders: [],
      attachedTo: [],
      ...(p.inlineSuppressions ? { inlineSuppressions: p.inlineSuppressions } : {}),
      ...(p.foreignSuppressions ? { foreignSuppressions: p.foreignSuppressions } : {}),
    } as PolicyRecord;
  };
}
