/**
 * Values of the Terraform evaluator (hcl-eval.ts): the value type, module input shapes, and the helpers every part of the
 * evaluator shares (truthiness, numbers, plain JSON, iteration, what names a thing, why an unknown is its worst case).
 */
import type { Span } from '../../policy/types.js';
import type { Block, ParsedFile, Traverser } from './hcl-syntax.js';
import type { TableContext } from './resources.js';

// ---------------------------------------------------------------------------------------------------------------
// Values

export type V = (
  | { t: 'str'; v: string; at?: Span; origin?: Origin; json?: V; doc?: RenderedDoc }
  | { t: 'num'; v: number; at?: Span }
  | { t: 'bool'; v: boolean; at?: Span }
  | { t: 'null'; at?: Span }
  | { t: 'list'; items: V[]; at?: Span }
  | { t: 'obj'; entries: Map<string, V>; keyAt?: Map<string, Span>; at?: Span }
  | { t: 'unknown'; expr: string; ref?: string; reason: string; at?: Span }
) & {
  /** The value of a conditional on an input (a variable, the workspace): the other branches, each with its condition. */
  alt?: Alt;
  /** A list element present only in one branch of such a conditional ("when var.admin is true"). */
  branch?: string;
};

export interface Alt {
  /** The conditional as written. */
  expr: string;
  values: { value: V; when: string }[];
}

/** Where the text of a string starts in a file, when the string is the file's text verbatim (JSON positions). */
export interface Origin {
  file: string;
  line: number;
  column: number;
}

export interface RenderedDoc {
  address: string;
  document: Record<string, unknown>;
  spans: Map<string, Span>;
  /** No statement, and its statements come from dynamic blocks the known values leave empty. */
  emptyDynamic?: boolean;
}

export class HclEvalError extends Error {
  constructor(
    message: string,
    readonly span?: Span,
  ) {
    super(message);
    this.name = 'HclEvalError';
  }
}

export const NULL: V = { t: 'null' };
export const str = (v: string, at?: Span): V => ({ t: 'str', v, ...(at ? { at } : {}) });
export const unknown = (expr: string, reason: string, ref?: string, at?: Span): V => ({
  t: 'unknown',
  expr,
  reason,
  ...(ref ? { ref } : {}),
  ...(at ? { at } : {}),
});


export interface HclFile {
  /** Repo-relative path. */
  repoPath: string;
  /** Display path. */
  display: string;
  text: string;
  parsed: ParsedFile;
  lineStarts: number[];
}

export interface ModuleInput {
  /** Repo-relative directory of the module ('' for the root). */
  dir: string;
  files: HclFile[];
  /** Values from tfvars files (already evaluated), or the arguments of a module call. */
  tfvars: Map<string, V>;
  /** Variables whose value a module call decides (its caller's expression reads no input): not inputs here. */
  decided?: ReadonlySet<string>;
  readRepoFile(rel: string): string;
  displayPath(rel: string): string;
  ctx: TableContext;
}

export interface BlockRef {
  block: Block;
  file: HclFile;
}

export const MAX_STEPS = 2_000_000;
export const MAX_COLLECTION = 10_000;
export const MAX_STRING = 4_000_000;

export const POLICY_DOCUMENT = 'aws_iam_policy_document';

/** Start of the note saying a Deny exists only in one branch of a conditional on an input (hcl.ts sets `when`). */
export const BRANCH_DENY = 'a Deny statement is present only';

export function isRecord(x: unknown): x is Record<string, unknown> {
  return x !== null && typeof x === 'object' && !Array.isArray(x);
}

export function isDenyStatement(x: V & { t: 'obj' }): boolean {
  const e = x.entries.get('Effect') ?? x.entries.get('effect');
  return e?.t === 'str' && e.v === 'Deny';
}

/**
 * Attributes that name one specific thing (an ARN, an id, a name, a bucket, a URL, an endpoint, a domain, an
 * address): a stand-in of the right shape, never worst-case content. One rule for data sources and for resources
 * the repository declares; any other attribute not set in the block is computed when Terraform runs
 * (`random_string.x.result`, `aws_ssm_parameter.x.value` from `insecure_value`) and is its worst case where it
 * decides access.
 */
const IDENTIFYING_ATTR =
  // `identity`: aws_eks_cluster.c.identity[0].oidc[0].issuer (a reference keeps its first attribute only)
  /^(arn|arns|id|ids|name|names|bucket|url|urls|endpoint|endpoints|domain|fqdn|hostname|issuer|identity|dns_name|ip|ips|cidr_block|cidr_blocks|[a-z0-9_]*_(arn|arns|id|ids|name|names|bucket|url|urls|endpoint|endpoints|domain|fqdn|hostname|dns_name|ip|ips|cidr_block|cidr_blocks))$/;

export function isIdentifyingAttribute(attr: string): boolean {
  return IDENTIFYING_ATTR.test(attr);
}

/** Attributes a resource exports from an argument of another name (`terraform_data` `output` is its `input`). */
export const ARGUMENT_OF: Record<string, string[]> = {
  'terraform_data.output': ['input'],
  'aws_ssm_parameter.value': ['value', 'insecure_value'],
  'aws_ssm_parameter.insecure_value': ['insecure_value', 'value'],
};

/**
 * Why an unknown value is analysed as its worst case where it decides access (undefined: a stand-in of a resource
 * the repository creates or names, which is one specific thing). Variables without a value, functions the gate does
 * not evaluate, conditions and loop values only known at apply, data sources' content: nobody in the repository
 * decides them.
 */
export function worstReason(v: V & { t: 'unknown' }): string | undefined {
  const ref = v.ref;
  if (!ref) return `${v.expr}: ${v.reason}`;
  if (ref.startsWith('var.')) return `${v.expr}: ${v.reason}`;
  if (ref === 'terraform.workspace' || ref.startsWith('module.')) return undefined;
  if (ref.startsWith('data.')) {
    const parts = ref.replace(/\[[^\]]*\]/g, '').split('.');
    if (['aws_caller_identity', 'aws_partition', 'aws_region'].includes(parts[1] ?? '')) return undefined;
    const attr = parts[1] === 'terraform_remote_state' && parts[3] === 'outputs' ? parts[4] : parts[3];
    if (attr === undefined || isIdentifyingAttribute(attr)) return undefined;
    return `${v.expr}: read from a data source when Terraform runs, not from the repository`;
  }
  // a resource the repository declares: what names it is one specific thing, anything else is computed at apply
  const parts = ref.replace(/\[[^\]]*\]/g, '').split('.');
  const attr = parts[2];
  if (parts.length < 3 || attr === undefined || isIdentifyingAttribute(attr) || !/^[a-z][a-z0-9]*_[a-z0-9_]+$/.test(parts[0] ?? '')) return undefined;
  return `${v.expr}: computed when Terraform creates ${parts[0]}.${parts[1]}, not set in the repository`;
}

export function hash(text: string): number {
  let h = 0;
  for (let i = 0; i < text.length; i++) h = (Math.imul(31, h) + text.charCodeAt(i)) | 0;
  return h >>> 0;
}


export interface Scope {
  file: HclFile;
  vars: Map<string, V>;
  /** Inside a templatefile: only the given variables exist. */
  templateOnly?: boolean;
  /** Inside a templatefile whose variables read an input: its conditions may go either way. */
  inputs?: boolean;
}

/** `aws_s3_bucket.b.arn` from a traversal: the root and up to `n` attribute steps (literal indexes kept). */
export function refText(root: string, steps: Traverser[], n: number): string {
  let out = root;
  let attrs = 1;
  for (const s of steps) {
    if (s.k === 'attr') {
      if (attrs >= n) break;
      out += '.' + s.name;
      attrs++;
    } else if (s.k === 'index' && s.key.k === 'lit') out += `[${JSON.stringify(s.key.v)}]`;
    else if (s.k === 'index' && s.key.k === 'tpl' && s.key.parts.every((p) => p.k === 'text')) out += `[${JSON.stringify(s.key.parts.map((p) => (p.k === 'text' ? p.v : '')).join(''))}]`;
    else break;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Value helpers

/** A value read through a reference is reported where the reference is written (its elements keep their own). */
export function relocate(v: V, at: Span): V {
  return { ...v, at } as V;
}

export function containsUnknown(v: V): boolean {
  if (v.t === 'unknown') return true;
  if (v.t === 'list') return v.items.some(containsUnknown);
  if (v.t === 'obj') return [...v.entries.values()].some(containsUnknown);
  return false;
}

export function truthy(v: V, at: Span): boolean {
  if (v.t === 'bool') return v.v;
  if (v.t === 'str' && (v.v === 'true' || v.v === 'false')) return v.v === 'true';
  throw new HclEvalError(`a condition must be a bool, got a ${v.t === 'str' ? 'string' : v.t}`, at);
}

export function num(v: V, at: Span): number {
  if (v.t === 'num') return v.v;
  if (v.t === 'str' && /^-?[0-9]+(\.[0-9]+)?$/.test(v.v.trim())) return Number(v.v);
  throw new HclEvalError(`a number is required, got a ${v.t === 'str' ? 'string' : v.t}`, at);
}

export function scalarString(v: V, at: Span): string {
  if (v.t === 'str') return v.v;
  if (v.t === 'num' || v.t === 'bool') return String(v.v);
  throw new HclEvalError(`a string is required, got a ${v.t}`, at);
}

export function plain(v: V): unknown {
  switch (v.t) {
    case 'str':
    case 'num':
    case 'bool':
      return v.v;
    case 'null':
      return null;
    case 'unknown':
      return { unknown: v.expr };
    case 'list':
      return v.items.map(plain);
    case 'obj':
      return Object.fromEntries([...v.entries].map(([k, x]) => [k, plain(x)]));
  }
}

export function equal(a: V, b: V): boolean {
  return JSON.stringify(plain(a)) === JSON.stringify(plain(b));
}

/** Key/value pairs of a collection: lists by index, objects by key (sorted, as Terraform does). */
export function iterate(v: V, at: Span): [V, V][] {
  if (v.t === 'list') {
    if (v.items.length > MAX_COLLECTION) throw new HclEvalError('collection too large', at);
    return v.items.map((x, i) => [{ t: 'num', v: i }, x]);
  }
  if (v.t === 'obj') return [...v.entries.keys()].sort().map((k) => [str(k), v.entries.get(k)!]);
  if (v.t === 'null') throw new HclEvalError('cannot iterate over null', at);
  throw new HclEvalError(`cannot iterate over a ${v.t === 'str' ? 'string' : v.t}`, at);
}

/** A value from plain JSON (jsondecode, tfvars.json). */
export function fromJson(x: unknown, at?: Span): V {
  if (x === null || x === undefined) return { t: 'null', ...(at ? { at } : {}) };
  if (typeof x === 'string') return str(x, at);
  if (typeof x === 'number') return { t: 'num', v: x, ...(at ? { at } : {}) };
  if (typeof x === 'boolean') return { t: 'bool', v: x, ...(at ? { at } : {}) };
  if (Array.isArray(x)) return { t: 'list', items: x.map((i) => fromJson(i, at)), ...(at ? { at } : {}) };
  return { t: 'obj', entries: new Map(Object.entries(x as Record<string, unknown>).map(([k, i]) => [k, fromJson(i, at)])), ...(at ? { at } : {}) };
}

export function list(v: V, at: Span): V[] {
  if (v.t === 'list') return v.items;
  if (v.t === 'obj') return [...v.entries.values()];
  if (v.t === 'null') return [];
  throw new HclEvalError(`a list is required, got a ${v.t === 'str' ? 'string' : v.t}`, at);
}

export function dedupe(items: V[]): V[] {
  const seen = new Set<string>();
  return items.filter((x) => {
    const k = JSON.stringify(plain(x));
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
