/**
 * Rebuild what `data "aws_iam_policy_document"` renders, from its arguments (plan values, `.tf.json` blocks or
 * configuration constants): statements, principals / not_principals, conditions, source and override documents.
 * Follows the AWS provider: single-element lists render as a string, `principals { type = "*" identifiers =
 * ["*"] }` renders as `"*"`, statements of override documents replace same-`Sid` statements or are appended,
 * the document's own statements replace same-`Sid` statements of source documents.
 */
import { appendAll } from '../../util/arrays.js';

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Blocks come as a list of objects (plan values, .tf.json) or a single object (.tf.json shorthand). */
function blocks(v: unknown): Obj[] {
  if (Array.isArray(v)) return v.filter(isObj);
  if (isObj(v)) return [v];
  return [];
}

function strings(v: unknown): string[] {
  if (v === undefined || v === null) return [];
  if (Array.isArray(v)) return v.flatMap(strings);
  if (typeof v === 'string') return [v];
  if (typeof v === 'number' || typeof v === 'boolean') return [String(v)];
  return [];
}

/** One value, or the list when there are several (the provider's rendering). */
function oneOrMany(list: string[]): string | string[] {
  return list.length === 1 ? list[0]! : list;
}

function principalsOf(v: unknown): unknown {
  const bs = blocks(v);
  if (bs.length === 0) return undefined;
  const out: Record<string, string[]> = {};
  for (const b of bs) {
    const type = typeof b.type === 'string' ? b.type : 'AWS';
    const ids = strings(b.identifiers);
    if (type === '*' && ids.every((i) => i === '*')) return '*';
    appendAll((out[type] ??= []), ids);
  }
  const rendered: Record<string, unknown> = {};
  for (const [k, ids] of Object.entries(out)) rendered[k] = oneOrMany([...new Set(ids)]);
  return rendered;
}

function conditionsOf(v: unknown): Obj | undefined {
  const bs = blocks(v);
  if (bs.length === 0) return undefined;
  const out: Record<string, Record<string, string[]>> = {};
  for (const b of bs) {
    if (typeof b.test !== 'string' || typeof b.variable !== 'string') continue;
    const byKey = (out[b.test] ??= {});
    appendAll((byKey[b.variable] ??= []), strings(b.values));
  }
  const rendered: Obj = {};
  for (const [test, keys] of Object.entries(out)) {
    const k: Obj = {};
    for (const [key, values] of Object.entries(keys)) k[key] = oneOrMany(values);
    rendered[test] = k;
  }
  return rendered;
}

export function renderStatement(s: Obj): Obj {
  const st: Obj = {};
  if (typeof s.sid === 'string' && s.sid !== '') st.Sid = s.sid;
  st.Effect = typeof s.effect === 'string' && s.effect !== '' ? s.effect : 'Allow';
  const list = (key: string, name: string) => {
    const l = strings(s[key]);
    if (l.length > 0) st[name] = oneOrMany(l);
  };
  list('actions', 'Action');
  list('not_actions', 'NotAction');
  list('resources', 'Resource');
  list('not_resources', 'NotResource');
  const p = principalsOf(s.principals);
  if (p !== undefined) st.Principal = p;
  const np = principalsOf(s.not_principals);
  if (np !== undefined) st.NotPrincipal = np;
  const c = conditionsOf(s.condition);
  if (c !== undefined) st.Condition = c;
  return st;
}

function statementsOfJson(text: unknown, what: string): { statements: Obj[]; error?: string } {
  if (typeof text !== 'string' || text.trim() === '') return { statements: [] };
  try {
    const doc: unknown = JSON.parse(text);
    if (!isObj(doc)) return { statements: [], error: `${what} is not a JSON object` };
    const st = doc.Statement;
    return { statements: (Array.isArray(st) ? st : st !== undefined ? [st] : []).filter(isObj) };
  } catch (e) {
    return { statements: [], error: `${what} is not valid JSON (${(e as Error).message})` };
  }
}

function mergeBySid(base: Obj[], over: Obj[]): Obj[] {
  const out = [...base];
  for (const s of over) {
    const sid = typeof s.Sid === 'string' && s.Sid !== '' ? s.Sid : undefined;
    const i = sid === undefined ? -1 : out.findIndex((x) => x.Sid === sid);
    if (i >= 0) out[i] = s;
    else out.push(s);
  }
  return out;
}

export interface RenderedDocument {
  document: Obj;
  errors: string[];
}

/** Render an aws_iam_policy_document from its (already resolved) arguments. */
export function renderPolicyDocument(args: Obj): RenderedDocument {
  const errors: string[] = [];
  let statements: Obj[] = [];
  const sources = [...strings(args.source_json), ...strings(args.source_policy_documents)];
  sources.forEach((t, i) => {
    const r = statementsOfJson(t, `source_policy_documents[${i}]`);
    if (r.error) errors.push(r.error);
    statements = mergeBySid(statements, r.statements);
  });
  statements = mergeBySid(statements, blocks(args.statement).map(renderStatement));
  const overrides = [...strings(args.override_json), ...strings(args.override_policy_documents)];
  overrides.forEach((t, i) => {
    const r = statementsOfJson(t, `override_policy_documents[${i}]`);
    if (r.error) errors.push(r.error);
    statements = mergeBySid(statements, r.statements);
  });
  const document: Obj = { Version: typeof args.version === 'string' && args.version !== '' ? args.version : '2012-10-17' };
  if (typeof args.policy_id === 'string' && args.policy_id !== '') document.Id = args.policy_id;
  document.Statement = statements;
  return { document, errors };
}

/** Policy statement element -> the `aws_iam_policy_document` statement argument that produces it. */
export const DOC_KEYS: Record<string, string> = {
  Sid: 'sid',
  Effect: 'effect',
  Action: 'actions',
  NotAction: 'not_actions',
  Resource: 'resources',
  NotResource: 'not_resources',
  Principal: 'principals',
  NotPrincipal: 'not_principals',
  Condition: 'condition',
};
