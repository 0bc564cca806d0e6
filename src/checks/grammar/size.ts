/** Policy size measurement as IAM and Organizations count it (pure). */
import type { PolicyRecord } from '../../policy/types.js';

/** Characters of the document without whitespace (IAM quotas: managed, inline, trust). */
export function sizeWithoutWhitespace(document: unknown): number {
  return textSizeWithoutWhitespace(JSON.stringify(document) ?? '');
}

/** `text.replace(/\s/g, '').length`, counted without making the copy. */
function textSizeWithoutWhitespace(text: string): number {
  // most documents' JSON holds no white space at all (one pass of the regular expression engine)
  if (!/\s/.test(text)) return text.length;
  let n = text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // the characters of JavaScript's \s (white space and line terminators)
    if (c <= 32 ? c === 32 || (c >= 9 && c <= 13) : c >= 160 && (c === 160 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff)) n--;
  }
  return n;
}

/** Characters of the compact JSON document (SCP/RCP count every character; this is the least it can be). */
export function compactSize(document: unknown): number {
  return (JSON.stringify(document) ?? '').length;
}

/**
 * `n.toLocaleString('en-US')` for the integers quota messages show (sizes, quotas), without the locale machinery
 * (the first call sets up ICU's number formats, every call makes one); any other number goes to toLocaleString.
 */
export function grouped(n: number): string {
  if (!Number.isSafeInteger(n) || Object.is(n, -0)) return n.toLocaleString('en-US');
  const digits = String(Math.abs(n));
  let out = '';
  for (let i = 0; i < digits.length; i++) {
    if (i > 0 && (digits.length - i) % 3 === 0) out += ',';
    out += digits[i];
  }
  return n < 0 ? `-${out}` : out;
}

/** Is this identity policy inline (embedded in a user, group or role) rather than a managed policy? */
export function isInline(policy: PolicyRecord): boolean {
  if (policy.attachedTo.some((a) => a.via === 'inline')) return true;
  return /^(AWS::IAM::(Role|User|Group|Policy)|aws_iam_(role|user|group)_policy|aws_iam_role|aws_iam_user|aws_iam_group)$/.test(policy.resourceType) && policy.resourceType !== 'AWS::IAM::ManagedPolicy';
}

export function approxNote(policy: PolicyRecord): string {
  return policy.placeholders.length ? ' (approximate: the policy contains values known only at deploy time)' : '';
}

/** What a quota check measures: the size as written, and the least it can be once stand-ins take real values. */
export interface QuotaSize {
  /** The document as extracted (stand-ins and tokens as they are written). */
  size: number;
  /** With every placeholder and template token at its shortest plausible value. */
  least: number;
  /** The placeholders' expressions and the template tokens, in order of appearance (deduplicated). */
  names: string[];
  /** The characters their shortest values take together (in `least`). */
  shortest: number;
  /** How many values hold them. */
  places: number;
}

/** The shortest plausible text for a stand-in: an account is 12 digits; an ARN keeps its prefix and one character. */
function shortestOf(text: string): string {
  if (/account/i.test(text)) return '000000000000';
  const arn = /^(arn:[^:]*:[^:]*:[^:]*:[^:]*:(?:[^/:]*[/:])?)/.exec(text);
  return arn ? `${arn[1]}x` : 'x';
}

/**
 * The size of the document under `measure` with each placeholder's stand-in and each template token at its shortest
 * plausible value (`least`), next to the size as written. A quota rule errs only when even `least` is over.
 */
export function quotaSize(policy: PolicyRecord, document: unknown, measure: (doc: unknown) => number, token: (value: string) => string | undefined): QuotaSize {
  // the document's JSON made once for its size and the token test (the two measures are functions of it)
  const text = JSON.stringify(document) ?? '';
  const size = measure === sizeWithoutWhitespace ? textSizeWithoutWhitespace(text) : measure === compactSize ? text.length : measure(document);
  if (!policy.placeholders.length && !policy.tokenPatterns?.length && !text.match(/<<|\{\{|\$\{[A-Z]|[A-Z]_[A-Z]/)) return { size, least: size, names: [], shortest: 0, places: 0 };
  const at = new Map(policy.placeholders.map((p) => [p.path, p]));
  const names: string[] = [];
  let shortest = 0;
  let places = 0;
  const note = (name: string, least: string): void => {
    if (!names.includes(name)) names.push(name);
    shortest += least.length;
    places++;
  };
  let budget = 100_000; // values visited: bounded work on a generated document
  const walk = (v: unknown, path: string): unknown => {
    if (budget-- <= 0) return v;
    const ph = at.get(path);
    if (ph && typeof v === 'string') {
      const least = shortestOf(ph.standIn);
      note(ph.expression, least);
      return least;
    }
    if (typeof v === 'string') {
      const t = token(v);
      if (!t || !v.includes(t)) return v;
      const least = shortestOf(t);
      const parts = v.split(t);
      for (let i = 1; i < parts.length; i++) note(t, least);
      return parts.join(least);
    }
    if (Array.isArray(v)) return v.map((x, i) => walk(x, `${path}/${i}`));
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x, `${path}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`)]));
    return v;
  };
  const least = measure(walk(document, ''));
  return { size, least, names, shortest, places };
}

/**
 * The report of a quota rule over `quota` (`what`: "6,144-character maximum for managed policies"): an error (no
 * severity: the rule's) when even the shortest values are over; a warning saying how long the stand-ins may be when
 * only the values as written are over; nothing otherwise. `tail` follows "The policy has N characters ...".
 */
export function quotaVerdict(q: QuotaSize, quota: number, whatOf: string | (() => string), policy?: PolicyRecord | readonly PolicyRecord[]): { severity?: 'warning'; tail: string } | undefined {
  if (q.size <= quota) return undefined;
  // the quota's wording made only for a policy over it (toLocaleString makes a number format per call)
  const what = typeof whatOf === 'string' ? whatOf : whatOf();
  const optional = (Array.isArray(policy) ? policy : policy ? [policy as PolicyRecord] : []).map(optionalParts).find(Boolean);
  if (optional) return { severity: 'warning', tail: `, over the ${what} if every optional part is included: ${optional}; which of them exist is decided by inputs the gate does not know.` };
  const shown = q.names.slice(0, 3).map((n) => (n.length > 60 ? `${n.slice(0, 57)}...` : n)).join(', ') + (q.names.length > 3 ? ', ...' : '');
  const several = q.names.length > 1;
  if (q.least > quota || !q.names.length)
    return { tail: `${q.names.length ? ` even with ${shown} at ${several ? 'their' : 'its'} shortest plausible value${several ? 's' : ''} (${grouped(q.least)})` : ''}, over the ${what}.` };
  // the stand-ins' average length at which the policy reaches the quota
  const room = Math.floor((quota - (q.least - q.shortest)) / Math.max(1, q.places));
  return {
    severity: 'warning',
    tail: ` as written; it is over the ${what} only if ${several ? `the values of ${shown} are` : `${shown} is`} longer than ${grouped(room)} characters${several || q.places > 1 ? ` (on average over its ${q.places} places)`.replace('its', several ? 'their' : 'its') : ''}: at ${several ? 'their' : 'its'} shortest plausible value${several ? 's' : ''} the policy has ${grouped(q.least)}.`,
  };
}

/**
 * Why a Terraform document holds statements that may not all exist together (undefined: it does not): parts merged
 * from every branch of an input nobody in the scan decides (a feature flag set by each caller, `each.value` of a
 * wrapper) or dynamic statements whose collection is unknown. Its size as analysed is then the union of the
 * alternatives, an over-estimate of any one deployment: over a quota it is a warning, never an error.
 */
function optionalParts(policy: PolicyRecord): string | undefined {
  if (policy.format !== 'terraform-hcl') return undefined;
  if ((policy.notes ?? []).some((n) => / are analysed too \(/.test(n))) return 'statements of several branches are counted together';
  const dyn = policy.assumptions?.find((a) => /dynamic "statement" block at line \d+/.test(a.text));
  if (dyn) return `the dynamic statements at ${/block at (line \d+)/.exec(dyn.text)![1]} are counted as present`;
  const src = policy.assumptions?.find((a) => /a policy document merged in that the gate cannot read/.test(a.text));
  return src ? `the documents merged from ${src.text.split(':')[0]} are counted at their worst` : undefined;
}
