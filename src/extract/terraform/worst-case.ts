/**
 * Values the gate cannot know, in the positions of a policy that decide access, are analysed as their worst case
 * and the record says so. The evaluator leaves two kinds of registered tokens in a rendered document (placeholders.ts):
 *
 * - `worst` stand-ins: a variable without default, a function the gate does not evaluate, a data source whose
 *   content it cannot read. In Action / Resource / Principal they become `*` (inside a longer string, the unknown
 *   part becomes `*`: `arn:aws:s3:::${var.b}/*` -> `arn:aws:s3:::*`+`/*`); in NotAction / NotResource /
 *   NotPrincipal the element is dropped (it excludes nothing); an unknown Effect is `Allow`; a condition whose
 *   value is unknown narrows nothing (the key is removed from an Allow).
 * - `alternatives` tokens: a conditional on an input (`var.admin ? "*" : "s3:GetObject"`): every branch is listed
 *   (the union grants at least what any branch grants), and the assumption names each branch.
 *
 * A Deny statement with such a value in a deciding position is dropped: it may not deny what it seems to, and a
 * Deny that may not apply must not cancel a grant. Stand-ins of resources the repository creates
 * (`aws_s3_bucket.b.arn`) are not tokens of either kind and stay well-formed, wildcard-free stand-ins.
 */
import type { Span } from '../../policy/types.js';
import type { StandInEntry } from './placeholders.js';
import { appendAll } from '../../util/arrays.js';

export interface Assumption {
  /** JSON pointer inside the document ('' for the whole document). */
  path: string;
  text: string;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

const POSITIVE = ['Action', 'Resource'];
const NEGATIVE = ['NotAction', 'NotResource'];
/** Upper bound on the strings one element expands to (alternatives multiply). */
const MAX_EXPANSION = 64;

interface Token {
  value: string;
  entry: StandInEntry;
}

export interface Resolved {
  document: unknown;
  spans: Map<string, Span>;
  assumptions: Assumption[];
  /** Set when a Deny statement has a value the gate cannot know: the record's Denies take nothing away for sure. */
  uncertainDeny?: string;
}

/** Resolve worst-case and alternative tokens in a policy document (pure: returns a new document and span map). */
export function resolveUnknowns(document: unknown, spans: ReadonlyMap<string, Span>, entries: ReadonlyMap<string, StandInEntry>, policyType?: string): Resolved {
  const tokens: Token[] = [];
  for (const [value, entry] of entries) if (entry.worst || entry.alternatives) tokens.push({ value, entry });
  if (!tokens.length || !isObj(document)) return { document, spans: new Map(spans), assumptions: [] };
  // longest first: tf-unknown-value-12 is not tf-unknown-value-1
  tokens.sort((a, b) => b.value.length - a.value.length);
  const r = new Resolver(tokens, policyType);
  const doc: Obj = structuredClone(document);
  const st = doc.Statement;
  const list = Array.isArray(st) ? st : st !== undefined ? [st] : [];
  const kept: unknown[] = [];
  const moves: [string, string | undefined][] = [];
  list.forEach((s, i) => {
    const from = Array.isArray(st) ? `/Statement/${i}` : '/Statement';
    const to = Array.isArray(st) ? `/Statement/${kept.length}` : '/Statement';
    if (!isObj(s)) {
      kept.push(s);
      moves.push([from, to]);
      return;
    }
    const out = r.statement(s, to);
    if (out) {
      kept.push(out);
      moves.push([from, to]);
    } else moves.push([from, undefined]);
  });
  if (st !== undefined) doc.Statement = Array.isArray(st) ? kept : (kept[0] ?? []);
  const outSpans = new Map<string, Span>();
  for (const [p, s] of spans) {
    const m = moves.find(([from]) => p === from || p.startsWith(`${from}/`));
    if (!m) outSpans.set(p, s);
    else if (m[1] !== undefined) outSpans.set(m[1] + p.slice(m[0].length), s);
  }
  // what is left elsewhere (Sid, Version): the value with the known inputs
  return { document: r.rest(doc), spans: outSpans, assumptions: r.assumptions, ...(r.uncertainDeny ? { uncertainDeny: r.uncertainDeny } : {}) };
}

class Resolver {
  readonly assumptions: Assumption[] = [];
  uncertainDeny: string | undefined;
  constructor(
    private readonly tokens: Token[],
    private readonly policyType?: string,
  ) {}

  private find(s: string): Token[] {
    const out: Token[] = [];
    let rest = s;
    for (const t of this.tokens) {
      if (rest.includes(t.value)) {
        out.push(t);
        rest = rest.split(t.value).join('\u0000');
      }
    }
    return out;
  }

  private say(path: string, t: Token, as: string): void {
    const e = t.entry;
    const why = e.alternatives ? e.alternatives.map((a) => `${a.when}: ${JSON.stringify(a.value)}`).join('; ') : e.worst!;
    const text = e.alternatives ? `${e.expression} is one of several values (${why}); analysed as ${as}` : `${why}; analysed as ${as}`;
    if (!this.assumptions.some((a) => a.path === path && a.text === text)) this.assumptions.push({ path, text });
  }

  /** The strings one element stands for: worst parts as `*`, alternatives expanded. */
  private expand(s: string, path: string, found: Token[]): string[] {
    let out = [s];
    for (const t of found) {
      const next: string[] = [];
      for (const x of out) {
        if (t.entry.alternatives) {
          for (const a of t.entry.alternatives) {
            const alt = typeof a.value === 'string' || typeof a.value === 'number' || typeof a.value === 'boolean' ? String(a.value) : '*';
            next.push(x.split(t.value).join(alt));
          }
        } else next.push(x.split(t.value).join('*'));
      }
      out = [...new Set(next)].slice(0, MAX_EXPANSION);
      this.say(path, t, out.length === 1 ? JSON.stringify(out[0]) : `each of ${out.map((o) => JSON.stringify(o)).join(', ')}`);
    }
    return out;
  }

  /** Does a value of a deciding position hold a token? */
  private mentions(s: Obj): boolean {
    const walk = (v: unknown): boolean =>
      typeof v === 'string' ? this.find(v).length > 0 : Array.isArray(v) ? v.some(walk) : isObj(v) ? Object.values(v).some(walk) : false;
    return ['Action', 'NotAction', 'Resource', 'NotResource', 'Principal', 'NotPrincipal', 'Condition'].some((k) => walk(s[k]));
  }

  /** A statement with its deciding positions resolved (a Deny is left as written). */
  statement(s: Obj, ptr: string): Obj | undefined {
    this.resolveEffect(s, ptr);
    if (s.Effect === 'Deny') {
      // a Deny is never widened or narrowed by a guess: if it holds a value nobody here decides, it is not relied on
      if (this.mentions(s)) this.uncertainDeny = 'a Deny statement of this policy has an action, resource, principal or condition not known here: it is not relied on';
      return s;
    }
    this.resolveActionsAndResources(s, ptr);
    for (const k of ['Principal', 'NotPrincipal']) if (k in s) this.resolvePrincipal(s, k, `${ptr}/${k}`);
    this.resolveConditions(s, ptr);
    return s;
  }

  /** An unknown Effect is `Allow` unless every value it can take is `Deny`. */
  private resolveEffect(s: Obj, ptr: string): void {
    const effect = s.Effect;
    if (typeof effect !== 'string') return;
    const found = this.find(effect);
    if (!found.length) return;
    const values = this.expand(effect, `${ptr}/Effect`, found);
    s.Effect = values.includes('Deny') && !values.some((v) => v !== 'Deny') ? 'Deny' : 'Allow';
    if (s.Effect === 'Allow') this.say(`${ptr}/Effect`, found[0]!, '"Allow"');
  }

  /** Action / Resource at their worst case; an unknown NotAction / NotResource element excludes nothing. */
  private resolveActionsAndResources(s: Obj, ptr: string): void {
    for (const k of [...POSITIVE, ...NEGATIVE]) {
      if (!(k in s)) continue;
      const r = this.values(s[k], `${ptr}/${k}`, NEGATIVE.includes(k));
      if (!r.changed) continue;
      if (NEGATIVE.includes(k) && Array.isArray(r.value) && r.value.length === 0) {
        // nothing excluded any more: NotAction [] -> Action "*" (unless the statement lists its actions too)
        delete s[k];
        const pos = k === 'NotAction' ? 'Action' : 'Resource';
        if (!(pos in s)) s[pos] = '*';
      } else s[k] = r.value;
    }
  }

  /** Is the value nothing but tokens (a principal nobody here decides)? */
  private wholly(v: unknown): boolean {
    if (typeof v === 'string') return this.find(v).length > 0;
    if (Array.isArray(v)) return v.length > 0 && v.every((x) => this.wholly(x));
    return isObj(v) ? Object.entries(v).every(([pk, pv]) => this.find(pk).length > 0 || this.wholly(pv)) : false;
  }

  /** Principal / NotPrincipal (`k`) of an Allow statement at its worst case. */
  private resolvePrincipal(s: Obj, k: string, path: string): void {
    const negative = k === 'NotPrincipal';
    // a Principal nobody here decides: an identity policy has none (the caller would not set one), elsewhere anyone
    if (this.wholly(s[k]) && (this.policyType === 'identity' || this.policyType === 'boundary' || negative)) {
      delete s[k];
      return;
    }
    const p = s[k];
    if (typeof p === 'string') {
      const r = this.values(p, path, negative);
      if (r.changed) s[k] = Array.isArray(r.value) ? (r.value.includes('*') ? '*' : { AWS: r.value }) : r.value;
    } else if (isObj(p)) {
      for (const [pk, pv] of Object.entries(p)) {
        const r = this.values(pv, `${path}/${pk}`, negative);
        if (!r.changed && !this.find(pk).length) continue;
        // a principal type nobody here decides: any AWS principal
        if (this.find(pk).length) {
          delete p[pk];
          const prev = p.AWS === undefined ? [] : Array.isArray(p.AWS) ? p.AWS : [p.AWS];
          p.AWS = [...new Set([...prev, ...(Array.isArray(r.value) ? r.value : [r.value])])];
        } else p[pk] = r.value;
      }
    }
  }

  /** A condition key of an Allow whose value is unknown narrows nothing: the key is removed. */
  private resolveConditions(s: Obj, ptr: string): void {
    if (!isObj(s.Condition)) return;
    for (const [op, block] of Object.entries(s.Condition)) {
      if (!isObj(block)) continue;
      for (const [key, v] of Object.entries(block)) {
        const vs = Array.isArray(v) ? v : [v];
        const found = vs.flatMap((x) => (typeof x === 'string' ? this.find(x) : []));
        if (!found.length) continue;
        delete block[key];
        for (const t of found) this.say(`${ptr}/Condition/${op}/${key}`, t, `no condition on ${key} (a value nobody in the repository decides narrows nothing)`);
      }
      if (Object.keys(block).length === 0) delete s.Condition[op];
    }
    if (Object.keys(s.Condition).length === 0) delete s.Condition;
  }

  private values(v: unknown, path: string, negative: boolean): { value: unknown; changed: boolean } {
    const list = Array.isArray(v) ? v : [v];
    let changed = false;
    const out: unknown[] = [];
    list.forEach((x, i) => {
      if (typeof x !== 'string') return out.push(x);
      const found = this.find(x);
      if (!found.length) return out.push(x);
      changed = true;
      const at = Array.isArray(v) ? `${path}/${i}` : path;
      if (negative) {
        // an exclusion the gate cannot know excludes nothing for sure
        for (const t of found) this.say(at, t, 'no exclusion');
        return;
      }
      appendAll(out, this.expand(x, at, found));
    });
    if (!changed) return { value: v, changed };
    const seen = new Set<string>();
    const uniq = out.filter((x) => typeof x !== 'string' || (!seen.has(x) && (seen.add(x), true)));
    if (!Array.isArray(v) && uniq.length === 1) return { value: uniq[0], changed };
    return { value: uniq, changed };
  }

  /** Tokens outside the deciding positions: the value with the known inputs. */
  rest(v: unknown): unknown {
    if (typeof v === 'string') {
      let s = v;
      for (const t of this.find(v)) {
        const p = t.entry.primary;
        if (t.entry.alternatives && (typeof p === 'string' || typeof p === 'number' || typeof p === 'boolean')) s = s.split(t.value).join(String(p));
      }
      return s;
    }
    if (Array.isArray(v)) return v.map((x) => this.rest(x));
    if (isObj(v)) {
      for (const k of Object.keys(v)) v[k] = this.rest(v[k]);
      return v;
    }
    return v;
  }
}

/** The broadest document of a policy type, for a whole policy the gate cannot know. */
export function worstDocument(policyType: string): Obj {
  const st: Obj = { Effect: 'Allow', Action: '*' };
  if (policyType === 'trust' || policyType === 'resource') st.Principal = '*';
  if (policyType !== 'trust') st.Resource = '*';
  return { Version: '2012-10-17', Statement: [st] };
}

/** The union of the documents of every branch (their Denies are not relied on: the record's `when` says so). */
export function unionDocuments(docs: { document: unknown; when: string }[]): Obj {
  const statements = (d: unknown): unknown[] => {
    if (!isObj(d)) return [];
    const st = d.Statement;
    return Array.isArray(st) ? st : st !== undefined ? [st] : [];
  };
  const all = docs.map((d) => statements(d.document).map((x) => JSON.stringify(x)));
  const out: unknown[] = [];
  const seen = new Set<string>();
  docs.forEach((d, i) => {
    for (const [j, st] of statements(d.document).entries()) {
      const k = all[i]![j]!;
      if (seen.has(k)) continue;

      seen.add(k);
      out.push(st);
    }
  });
  const first = docs.find((d) => isObj(d.document))?.document as Obj | undefined;
  return { ...(first ?? { Version: '2012-10-17' }), Statement: out };
}

/**
 * Attached policy ARNs the gate cannot know (`policy_arn = var.policy_arn` without default, each.value over the
 * caller's list): analysed as AdministratorAccess, the worst a managed policy can grant, and said so; every branch
 * of a conditional ARN is attached. Mutates the attachments; returns the assumption per resulting ARN.
 */
export function resolveAttachedArns(
  attachments: { policy: string }[],
  entries: ReadonlyMap<string, StandInEntry>,
  partition: string,
): Map<string, string> {
  const said = new Map<string, string>();
  const admin = `arn:${partition}:iam::aws:policy/AdministratorAccess`;
  const out: { policy: string }[] = [];
  for (const a of attachments) {
    const hit = [...entries].find(([v, e]) => (e.worst || e.alternatives) && a.policy.includes(v));
    if (!hit) {
      out.push(a);
      continue;
    }
    const [token, e] = hit;
    if (e.alternatives) {
      for (const alt of e.alternatives) {
        const arn = typeof alt.value === 'string' ? a.policy.split(token).join(alt.value) : admin;
        out.push({ ...a, policy: arn });
        said.set(arn, `${e.expression} is one of several values (${alt.when}: ${arn}); every branch is attached`);
      }
    } else {
      out.push({ ...a, policy: admin });
      said.set(admin, `${e.worst}; the attached policy is analysed as AdministratorAccess`);
    }
  }
  attachments.length = 0;
  appendAll(attachments, out);
  return said;
}

/** A value outside a policy document (a name, a principal): alternative tokens become the value with the known inputs. */
export function primaryValues<T>(value: T, entries: ReadonlyMap<string, StandInEntry>): T {
  const tokens: Token[] = [];
  for (const [v, entry] of entries) if (entry.alternatives) tokens.push({ value: v, entry });
  if (!tokens.length) return value;
  tokens.sort((a, b) => b.value.length - a.value.length);
  return new Resolver(tokens).rest(structuredClone(value)) as T;
}
