/**
 * Request contexts for condition-aware SCP/RCP evaluation.
 *
 * A condition on a Deny is a constraint on the request, not an unknown: the values the policies themselves name
 * (regions, principal ARNs, tags, endpoints, CIDRs, Bool flags) cut each key's value space into a few cells, and one
 * sample per cell — each named value, "any other value" and, where the key can be missing, "absent" — represents
 * every request in that cell. The product of the keys' samples is a small set of representative contexts; a
 * condition is evaluated exactly on each (IAM's operator semantics, IfExists, ForAllValues/ForAnyValue, Null,
 * negated operators on a missing key). What cannot be evaluated (numeric/date operators, policy variables, keys left
 * out when the product would be too large) stays "may apply", as before.
 *
 * Known approximation: for wildcard values, one sample per pattern plus "other" does not enumerate every
 * combination of overlapping patterns (a value matching two patterns but not a third).
 */
import type { ConditionView } from '../policy/statements.js';
import { globMatch } from './wildcard.js';
import { parseCidr, parseOperator } from './conditions.js';

/** A key's value in a context: its values, or undefined when the key is absent from the request. */
export type ContextValue = readonly string[] | undefined;

/** One representative value of a key, and how it is named in a report. */
export interface KeySample {
  value: ContextValue;
  label: string;
  /** The "any other value" sample. */
  other?: boolean;
}

export interface KeyDomain {
  /** The key as first written in a policy. */
  key: string;
  samples: KeySample[];
}

/** A request context: lower-case key -> value. Keys not in the map are unknown (conditions on them may apply). */
export type RequestContext = ReadonlyMap<string, ContextValue>;

const NEGATED = /^(StringNotEquals|StringNotEqualsIgnoreCase|StringNotLike|ArnNotEquals|ArnNotLike|NotIpAddress)$/i;
const EVALUABLE = /^(StringEquals|StringNotEquals|StringEqualsIgnoreCase|StringNotEqualsIgnoreCase|StringLike|StringNotLike|ArnEquals|ArnLike|ArnNotEquals|ArnNotLike|Bool|IpAddress|NotIpAddress)$/i;

/** Keys every request carries (never sampled as absent). */
const ALWAYS_PRESENT = /^aws:(requestedregion|principalarn|principalaccount|principaltype|viaawsservice|securetransport|currenttime|epochtime|userid)$/i;

/** Real regions used as "any other region" (the first not named by the policies). */
const OTHER_REGIONS = ['sa-east-1', 'af-south-1', 'me-central-1', 'ap-east-1', 'ca-west-1', 'il-central-1', 'mx-central-1'];
const OTHER_VALUES = ['zz-other-value', 'arn:aws:iam::000000000000:role/zz-other', 'o-zzzzzzzzzz/r-zzzz/ou-zzzz-zzzzzzzz/', 'vpce-0zzzzzzzzzzzzzzzz'];
const OTHER_IPS = ['198.51.100.7', '203.0.113.9', '192.0.2.1', '100.64.0.1', '10.255.255.254', '172.31.255.254', '8.8.4.4'];

function policyValues(c: ConditionView): string[] {
  return c.values.map((v) => (typeof v.value === 'string' ? v.value : typeof v.value === 'number' || typeof v.value === 'boolean' ? String(v.value) : '\u0000'));
}

function ipIn(cidr: string, ip: string): boolean | undefined {
  const r = parseCidr(cidr);
  const a = parseCidr(ip);
  if (!r || !a) return undefined;
  return r.v6 === a.v6 && a.lo >= r.lo && a.lo <= r.hi;
}

/** Does one policy value match one request value under a (non-negated) operator? undefined: cannot say. */
function matchOne(op: string, pv: string, cv: string): boolean | undefined {
  if (pv.includes('${') || pv === '\u0000') return undefined;
  switch (op.toLowerCase().replace('not', '')) {
    case 'stringequals':
      return pv === cv;
    case 'stringequalsignorecase':
      return pv.toLowerCase() === cv.toLowerCase();
    case 'stringlike':
    case 'arnequals':
    case 'arnlike':
      return globMatch(pv, cv, true);
    case 'bool':
      return pv.toLowerCase() === cv.toLowerCase();
    case 'ipaddress':
      return ipIn(pv, cv);
    default:
      return undefined;
  }
}

/** true / false / undefined (cannot be evaluated in this context: may apply). */
export function evaluateEntry(c: ConditionView, ctx: RequestContext): boolean | undefined {
  const key = c.key.toLowerCase();
  if (!ctx.has(key)) return undefined;
  const cv = ctx.get(key);
  const missing = cv === undefined || cv.length === 0;
  const { op, ifExists, set } = parseOperator(c.operator);
  const pvs = policyValues(c);
  if (/^Null$/i.test(op)) {
    const want = new Set(pvs.map((v) => v.toLowerCase()));
    if (want.size !== 1 || !(want.has('true') || want.has('false'))) return undefined;
    return missing === want.has('true');
  }
  if (!EVALUABLE.test(op) || pvs.length === 0) return undefined;
  const negated = NEGATED.test(op);
  if (missing) {
    if (set === 'all' || ifExists) return true;
    if (set === 'any') return false;
    return negated; // a negated operator on a missing key is true
  }
  const positive = negated ? op.replace(/Not/, '') : op;
  const m = (x: string): boolean | undefined => {
    let unknown = false;
    for (const p of pvs) {
      const r = matchOne(positive, p, x);
      if (r === true) return true;
      if (r === undefined) unknown = true;
    }
    return unknown ? undefined : false;
  };
  const per = cv.map((x) => {
    const r = m(x);
    return r === undefined ? undefined : negated ? !r : r;
  });
  if (per.includes(undefined)) return undefined;
  if (set === 'all') return per.every(Boolean);
  if (set === 'any') return per.some(Boolean);
  // no qualifier: a negated operator holds when no value matches; a positive one when some value does
  return negated ? per.every(Boolean) : per.some(Boolean);
}

/** All entries of a Condition block (AND): false if any is false, undefined if any cannot be evaluated, else true. */
export function evaluateConditions(conds: readonly ConditionView[], ctx: RequestContext): boolean | undefined {
  let unknown = false;
  for (const c of conds) {
    const r = evaluateEntry(c, ctx);
    if (r === false) return false;
    if (r === undefined) unknown = true;
  }
  return unknown ? undefined : true;
}

function sampleFor(v: string): string {
  return v.replace(/[*?]/g, 'x');
}

/** The representative values of one key, from every condition entry on it. */
export function keyDomain(entries: readonly ConditionView[]): KeyDomain {
  const key = entries[0]!.key;
  const lower = key.toLowerCase();
  const ops = entries.map((c) => parseOperator(c.operator).op);
  const values = [...new Set(entries.flatMap(policyValues).filter((v) => v !== '\u0000' && !v.includes('${')))];
  const samples: KeySample[] = [];
  if (ops.some((o) => /^Bool$/i.test(o))) {
    samples.push({ value: ['true'], label: 'true' }, { value: ['false'], label: 'false' });
  } else if (ops.some((o) => /IpAddress$/i.test(o))) {
    for (const v of values) if (parseCidr(v)) samples.push({ value: [v.split('/')[0]!], label: `in ${v}` });
    const other = OTHER_IPS.find((ip) => values.every((v) => ipIn(v, ip) !== true)) ?? OTHER_IPS[0]!;
    samples.push({ value: [other], label: 'any other address', other: true });
  } else {
    for (const v of values) samples.push({ value: [sampleFor(v)], label: /[*?]/.test(v) ? `like "${v}"` : `"${v}"` });
    const candidates = lower === 'aws:requestedregion' ? OTHER_REGIONS : OTHER_VALUES;
    const other = candidates.find((o) => values.every((v) => !globMatch(v, o, false))) ?? candidates[0]!;
    samples.push({ value: [other], label: lower === 'aws:requestedregion' ? 'any other region' : 'any other value', other: true });
  }
  if (!ALWAYS_PRESENT.test(lower)) samples.push({ value: undefined, label: 'absent' });
  return { key, samples };
}

export interface ContextSpace {
  domains: KeyDomain[];
  /** Keys left unknown because the product of samples would exceed the bound. */
  unmodelled: string[];
  /** Every context: one sample index per domain. */
  tuples: number[][];
}

/**
 * Upper bound on the number of representative contexts per target. Enumerating a context is a few table look-ups
 * (condition truth is precomputed per key sample); the hierarchy is evaluated once per distinct truth vector.
 */
export const MAX_CONTEXTS = 65_536;

/**
 * The context space of some condition entries. Keys of `first` (the entries a change touches) come first, then the
 * rest in order, while the product stays within MAX_CONTEXTS; the rest are unmodelled.
 */
export function contextSpace(entries: readonly ConditionView[], first: ReadonlySet<string> = new Set()): ContextSpace {
  const byKey = new Map<string, ConditionView[]>();
  for (const c of entries) {
    const k = c.key.toLowerCase();
    let l = byKey.get(k);
    if (!l) byKey.set(k, (l = []));
    l.push(c);
  }
  const keys = [...byKey.keys()].sort((a, b) => Number(first.has(b)) - Number(first.has(a)));
  const domains: KeyDomain[] = [];
  const unmodelled: string[] = [];
  let size = 1;
  for (const k of keys) {
    const d = keyDomain(byKey.get(k)!);
    if (size * d.samples.length > MAX_CONTEXTS) unmodelled.push(d.key);
    else {
      domains.push(d);
      size *= d.samples.length;
    }
  }
  const tuples: number[][] = [];
  const cur = domains.map(() => 0);
  for (;;) {
    tuples.push(cur.slice());
    let i = domains.length - 1;
    while (i >= 0 && ++cur[i]! === domains[i]!.samples.length) cur[i--] = 0;
    if (i < 0) break;
  }
  return { domains, unmodelled, tuples };
}

/**
 * A statement's condition block as a function of a tuple: each entry's truth is precomputed per sample of its key
 * (an entry on an unmodelled key is undefined: may apply).
 */
export function conditionTable(space: ContextSpace, conds: readonly ConditionView[]): (tuple: readonly number[]) => boolean | undefined {
  const index = new Map(space.domains.map((d, i) => [d.key.toLowerCase(), i]));
  const entries = conds.map((c) => {
    const di = index.get(c.key.toLowerCase());
    if (di === undefined) return { di: -1, truth: [] as (boolean | undefined)[] };
    const d = space.domains[di]!;
    return { di, truth: d.samples.map((smp) => evaluateEntry(c, new Map([[d.key.toLowerCase(), smp.value]]))) };
  });
  return (tuple) => {
    let unknown = false;
    for (const e of entries) {
      const r = e.di < 0 ? undefined : e.truth[tuple[e.di]!];
      if (r === false) return false;
      if (r === undefined) unknown = true;
    }
    return unknown ? undefined : true;
  };
}

/** The request context of one tuple of a space. */
export function contextOf(space: ContextSpace, tuple: readonly number[]): RequestContext {
  return new Map(space.domains.map((d, i) => [d.key.toLowerCase(), d.samples[tuple[i]!]!.value]));
}
