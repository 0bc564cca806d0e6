/**
 * Pure helpers of the intrinsic function resolver (intrinsics.ts): value rendering, stand-ins, source tracking.
 */
import type { CNode, CMap } from './yaml.js';
import { intrinsicName } from './yaml.js';
import { escapeSegment } from '../../policy/source-map.js';
import type { Env } from './arns.js';
import type { Sink } from './intrinsic-model.js';
import { NO_VALUE } from './intrinsic-model.js';

/** Attributes whose value the repository does not decide: custom resources, outputs of stacks not followed. */
export function isExternalAttribute(type: string, attr: string): boolean {
  if (type.startsWith('Custom::') || type === 'AWS::CloudFormation::CustomResource') return true;
  return (type === 'AWS::CloudFormation::Stack' || type === 'AWS::Serverless::Application') && attr.startsWith('Outputs.');
}

/** The items with `first` (when present) moved to the front. */
export function orderFirst<T>(items: T[], first: T | undefined): T[] {
  const out = [...new Set(items)];
  const i = first === undefined ? -1 : out.indexOf(first);
  if (i > 0) out.unshift(out.splice(i, 1)[0] as T);
  return out;
}

export function isCNode(x: unknown): x is CNode {
  return typeof x === 'object' && x !== null && 'kind' in x && 'src' in x && 'start' in x;
}

export function scalarString(v: unknown): string {
  if (v === NO_VALUE || v === undefined || v === null) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

export function looseEqual(a: unknown, b: unknown): boolean {
  if (typeof a === 'object' || typeof b === 'object') return JSON.stringify(a) === JSON.stringify(b);
  return scalarString(a) === scalarString(b);
}

/** A stand-in for an unknown value: an ARN when the name suggests one, never a wildcard. */
export function standInFor(name: string, kind: string, env: Omit<Env, 'path'>, arn = /arn$/i.test(name)): string {
  const safe = name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || kind;
  if (arn) return `arn:${env.partition}:cloudformation:${env.region}:${env.account}:${kind}/${safe}`;
  return `${kind}-${safe}`;
}

export function spanAll(sink: Sink, ptr: string, v: unknown, node: CNode): void {
  sink.span(ptr, node);
  if (Array.isArray(v)) v.forEach((x, i) => spanAll(sink, `${ptr}/${i}`, x, node));
  else if (v !== null && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) spanAll(sink, `${ptr}/${escapeSegment(k)}`, x, node);
  }
}

export function placeholderAll(sink: Sink, ptr: string, v: unknown, node: CNode, reason: string, external: boolean, base: string): void {
  if (typeof v === 'string') sink.placeholder({ ptr, node, standIn: v, reason, external, base });
  else if (Array.isArray(v)) v.forEach((x, i) => placeholderAll(sink, `${ptr}/${i}`, x, node, reason, external, base));
  else if (v !== null && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) placeholderAll(sink, `${ptr}/${escapeSegment(k)}`, x, node, reason, external, base);
  } else if (v !== undefined && v !== NO_VALUE) sink.placeholder({ ptr, node, standIn: String(v), reason, external, base });
}

/** Short rendering of an expression as the user wrote it, e.g. `!GetAtt Bucket.Arn`, for placeholders. */
export function renderExpression(node: CNode, text?: (file: string) => string | undefined): string {
  const t = text?.(node.src.file);
  if (t !== undefined) {
    const s = t.slice(node.start, node.end).trim();
    if (s && s.length <= 300) {
      // a short-form tag sits just before the node's value
      const tag = /!([A-Za-z]+)\s*$/.exec(t.slice(Math.max(0, node.start - 40), node.start));
      return (tag && !s.startsWith('!') ? `!${tag[1]} ` : '') + s.replace(/\s+/g, ' ');
    }
  }
  const fn = intrinsicName(node);
  if (fn) return `${fn} ${JSON.stringify(plainShallow((node as CMap).entries.get(fn)!))}`;
  return JSON.stringify(plainShallow(node));
}

export function plainShallow(node: CNode): unknown {
  if (node.kind === 'scalar') return node.value;
  if (node.kind === 'seq') return node.items.map(plainShallow);
  const o: Record<string, unknown> = {};
  for (const [k, v] of node.entries) o[k] = plainShallow(v);
  return o;
}
