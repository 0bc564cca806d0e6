/**
 * A normalised, read-only view of a policy document's statements, with the JSON pointer of every element so that
 * checks can report exact locations. Values are kept as written (strings or non-strings); list-or-scalar elements
 * are presented as lists.
 */
import { pointer, segments } from './source-map.js';

export interface ValueAt<T = unknown> {
  value: T;
  /** JSON pointer of this value inside the document. */
  path: string;
}

export interface PrincipalView {
  /** `"*"` when the element is the bare wildcard. */
  wildcard: boolean;
  /** Principal type (AWS, Service, Federated, CanonicalUser) -> values. */
  entries: { type: string; values: ValueAt[]; path: string }[];
  path: string;
  raw: unknown;
}

export interface StatementView {
  index: number;
  /** Pointer of the statement, e.g. `/Statement/2` (or `/Statement` for a single-object Statement). */
  path: string;
  raw: Record<string, unknown>;
  sid?: string;
  effect?: unknown;
  action?: ValueAt[];
  notAction?: ValueAt[];
  resource?: ValueAt[];
  notResource?: ValueAt[];
  principal?: PrincipalView;
  notPrincipal?: PrincipalView;
  /** operator -> key -> values */
  condition?: ConditionView[];
}

export interface ConditionView {
  operator: string;
  key: string;
  values: ValueAt[];
  /** Pointer of the key inside the Condition block. */
  path: string;
  /** Set on a condition carried over from elsewhere: the Deny statement whose negated condition it inverts. */
  via?: string;
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function listAt(v: unknown, base: string): ValueAt[] {
  if (Array.isArray(v)) return v.map((value, i) => ({ value, path: `${base}/${i}` }));
  return [{ value: v, path: base }];
}

function principalView(v: unknown, base: string): PrincipalView {
  if (v === '*') return { wildcard: true, entries: [], path: base, raw: v };
  const entries: PrincipalView['entries'] = [];
  if (isObject(v)) {
    for (const [type, values] of Object.entries(v)) {
      const p = `${base}/${escape(type)}`;
      entries.push({ type, values: listAt(values, p), path: p });
    }
  }
  return { wildcard: false, entries, path: base, raw: v };
}

function escape(s: string): string {
  return pointer(s).slice(1);
}

/** The statements of a document (an object Statement counts as one), or [] when there are none. */
export function statementsOf(document: unknown): StatementView[] {
  if (!isObject(document)) return [];
  const st = document.Statement;
  const list: { raw: unknown; path: string }[] = Array.isArray(st)
    ? st.map((raw, i) => ({ raw, path: `/Statement/${i}` }))
    : st !== undefined
      ? [{ raw: st, path: '/Statement' }]
      : [];
  const out: StatementView[] = [];
  list.forEach(({ raw, path }, index) => {
    if (!isObject(raw)) return;
    const view: StatementView = { index, path, raw };
    if (typeof raw.Sid === 'string') view.sid = raw.Sid;
    if ('Effect' in raw) view.effect = raw.Effect;
    if ('Action' in raw) view.action = listAt(raw.Action, `${path}/Action`);
    if ('NotAction' in raw) view.notAction = listAt(raw.NotAction, `${path}/NotAction`);
    if ('Resource' in raw) view.resource = listAt(raw.Resource, `${path}/Resource`);
    if ('NotResource' in raw) view.notResource = listAt(raw.NotResource, `${path}/NotResource`);
    if ('Principal' in raw) view.principal = principalView(raw.Principal, `${path}/Principal`);
    if ('NotPrincipal' in raw) view.notPrincipal = principalView(raw.NotPrincipal, `${path}/NotPrincipal`);
    if (isObject(raw.Condition)) {
      const conds: ConditionView[] = [];
      for (const [operator, block] of Object.entries(raw.Condition)) {
        if (!isObject(block)) continue;
        for (const [key, values] of Object.entries(block)) {
          const p = `${path}/Condition/${escape(operator)}/${escape(key)}`;
          conds.push({ operator, key, values: listAt(values, p), path: p });
        }
      }
      view.condition = conds;
    }
    out.push(view);
  });
  return out;
}

/**
 * The views of one policy's statements, made once per policy while a view scope is open (`withPolicyViews`: the
 * offline checks of one file). The policy rules, the principal rules and the grant index each asked for the same
 * policy's statements: one set of views (and the memos keyed by them) serves them all. Keyed by the policy record,
 * never by its document alone (two records may share a document and differ in placeholders), and checked against the
 * document's Statement value element by element (a document changed since is viewed afresh). Outside a scope:
 * `statementsOf(policy.document)`.
 */
export function policyStatements(policy: { document: unknown }): StatementView[] {
  const scope = viewScope;
  if (!scope) return statementsOf(policy.document);
  const document = policy.document;
  const st = isObject(document) ? document.Statement : undefined;
  const known = scope.get(policy);
  if (known && known.document === document && sameStatements(known.raws, st)) return known.views;
  const views = statementsOf(document);
  scope.set(policy, { document, raws: Array.isArray(st) ? st.slice() : st, views });
  return views;
}

function sameStatements(raws: unknown, st: unknown): boolean {
  if (!Array.isArray(raws) || !Array.isArray(st)) return raws === st && !Array.isArray(st);
  if (raws.length !== st.length) return false;
  for (let i = 0; i < st.length; i++) if (raws[i] !== st[i]) return false;
  return true;
}

let viewScope: Map<object, { document: unknown; raws: unknown; views: StatementView[] }> | undefined;

/** Runs `fn` (synchronous) with a policy view scope of its own, dropped when it returns (`policyStatements`). */
export function withPolicyViews<T>(fn: () => T): T {
  const saved = viewScope;
  viewScope = new Map();
  try {
    return fn();
  } finally {
    viewScope = saved;
  }
}

/**
 * String values of a list (non-strings dropped). Read only: a list of strings only (the common case, asked by every
 * rule about every statement) is returned as it is, not copied.
 */
export function strings(list: ValueAt[] | undefined): readonly ValueAt<string>[] {
  if (!list) return [];
  for (const v of list) if (typeof v.value !== 'string') return list.filter((x): x is ValueAt<string> => typeof x.value === 'string');
  return list as ValueAt<string>[];
}

/** How a statement is named in messages: `Statement "ReadLogs"` (by Sid) or `Statement[2]` (by index). */
export function statementLabel(s: { sid?: string; index: number }): string {
  return s.sid ? `Statement "${s.sid}"` : `Statement[${s.index}]`;
}

/** The statement a JSON pointer lies in: `/Statement/3/...` -> Statement[3] (or the single Statement object). */
export function statementAt(document: unknown, ptr: string): unknown {
  if (!isObject(document)) return undefined;
  const segs = segments(ptr);
  if (segs[0] !== 'Statement') return undefined;
  const st = document.Statement;
  if (Array.isArray(st)) {
    const i = Number(segs[1]);
    return Number.isInteger(i) ? st[i] : undefined;
  }
  return st;
}
