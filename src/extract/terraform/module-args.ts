/**
 * Module calls the gate does not read (registry, git and URL sources: no network): what their arguments say is
 * analysed where it is written: policy documents passed as arguments (`documentArguments`), and AWS managed policy ARNs passed in
 * arguments named like `*_arns`, `*policy*`, `*policies*` (a list, a map or one string) become records of the
 * managed document from the bundled snapshot (AdministratorAccess handed to a registry module is found), and each
 * file's unread calls are listed in a note.
 */
import type { InlineSuppression, PolicyRecord, PolicyType, Span } from '../../policy/types.js';
import { policyTypeFromContent } from '../raw.js';
import type { Block } from './hcl-syntax.js';
import type { HclFile, HclModule, V } from './hcl-eval.js';
import { awsManagedPolicy } from './managed-policies.js';
import { policyRecord } from './records.js';
import type { RecordMeta } from './records.js';
import type { TfPolicyItem } from './resources.js';
import { moduleSourceLiteral } from './module-sources.js';

const MODULE_META = new Set(['source', 'version', 'count', 'for_each', 'providers', 'depends_on']);

/** A value that is a policy document: jsonencode / rendered data source / JSON text with a Statement. */
function holdsDocument(v: V): boolean {
  if (v.t === 'str') {
    if (v.doc) return true;
    if (v.json) return v.json.t === 'obj' && v.json.entries.has('Statement');
    return /^\s*\{/.test(v.v) && /"Statement"\s*:/.test(v.v);
  }
  return v.t === 'obj' && v.entries.has('Statement');
}

/** A policy document passed to an unread module call, ready to be a record (hcl-module.ts places it). */
export interface DocumentArgument {
  item: TfPolicyItem;
  spans: Map<string, Span>;
  /** The argument's own lines (when the document has no span of its own). */
  at: Span;
  /** The aws_iam_policy_document it was rendered from. */
  consumed?: string;
}

/** Policy documents passed as arguments: one document, or a list or a map of them (`inline_policies = { ... }`). */
export function documentArguments(module: HclModule, me: HclFile, call: Block, address: string): DocumentArgument[] {
  const out: DocumentArgument[] = [];
  for (const a of call.body.items) {
    if (a.kind !== 'attribute' || MODULE_META.has(a.name)) continue;
    const v = module.guard(a.expr, { file: me, vars: new Map() });
    const candidates: { v: V; path: string }[] =
      v.t === 'list'
        ? v.items.map((x, i) => ({ v: x, path: `${a.name}/${i}` }))
        : v.t === 'obj' && !holdsDocument(v)
          ? [...v.entries].map(([k, x]) => ({ v: x, path: `${a.name}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}` }))
          : [{ v, path: a.name }];
    for (const c of candidates) {
      if (!holdsDocument(c.v)) continue;
      const spans = new Map<string, Span>();
      const document = module.toJson(c.v, '', spans);
      if (document === null || typeof document !== 'object' || Array.isArray(document) || !('Statement' in document)) continue;
      const byName = /trust|assume_role/i.test(a.name);
      const policyType: PolicyType = byName ? 'trust' : policyTypeFromContent(document);
      const item: TfPolicyItem = {
        propertyPath: c.path,
        segments: c.path.split('/'),
        policyType,
        ...(policyType === 'trust' ? { validateResourceType: 'AWS::IAM::AssumeRolePolicyDocument' } : {}),
        document,
        raw: document,
        attachedTo: [],
        notes: [`passed to ${address}; policy type ${byName ? 'from the argument name' : 'taken from the content'}`],
      };
      const consumed = c.v.t === 'str' && c.v.doc ? c.v.doc.address : undefined;
      out.push({ item, spans, at: module.span(me, a.s, a.e), ...(consumed ? { consumed } : {}) });
    }
  }
  return out;
}

const ARN_ARGUMENT = /(^|_)arns?$|polic(y|ies)/i;
const MAX_ARNS = 100;

/** String values of a list / map / string (one level of nesting), with where each was written. */
function strings(v: V, out: { value: string; at?: Span }[], depth = 0): void {
  if (out.length >= MAX_ARNS || depth > 2) return;
  if (v.t === 'str') out.push({ value: v.v, ...(v.at ? { at: v.at } : {}) });
  else if (v.t === 'list') for (const x of v.items) strings(x, out, depth + 1);
  else if (v.t === 'obj') for (const x of v.entries.values()) strings(x, out, depth + 1);
}

/** Records of the AWS managed policies an unread module call receives by ARN. */
export function managedArnArguments(module: HclModule, me: HclFile, call: Block, meta: RecordMeta, suppressions: InlineSuppression[]): PolicyRecord[] {
  const out: PolicyRecord[] = [];
  for (const a of call.body.items) {
    if (a.kind !== 'attribute' || !ARN_ARGUMENT.test(a.name) || /^(source|version)$/.test(a.name)) continue;
    const found: { value: string; at?: Span }[] = [];
    strings(module.guard(a.expr, { file: me, vars: new Map() }), found);
    const seen = new Set<string>();
    for (const s of found) {
      const managed = awsManagedPolicy(s.value);
      if (!managed || seen.has(s.value)) continue;
      seen.add(s.value);
      const name = s.value.slice(s.value.lastIndexOf('/') + 1);
      const boundary = /boundary/i.test(a.name);
      const item: TfPolicyItem = {
        propertyPath: `${a.name}/${name}`,
        segments: [a.name],
        policyType: boundary ? 'boundary' : 'identity',
        name,
        document: managed.document,
        raw: s.value,
        attachedTo: [],
        notes: [`AWS managed policy ${s.value} passed to ${meta.address} (a module the gate does not read): analysed as attached to what the module creates`],
      };
      const span = s.at && s.at.file === me.display ? s.at : module.span(me, a.s, a.e);
      const rec = policyRecord({ ...meta, address: meta.address }, item, { file: me.display, span, suppressions });
      rec.awsManaged = s.value;
      out.push(rec);
    }
  }
  return out;
}

/** A note naming this file's module calls that were not read (their effect is unknown without a plan). */
export function unreadCallsNote(me: HclFile, module: HclModule, prefix: string, read: Set<string>): string | undefined {
  const calls: string[] = [];
  for (const b of me.parsed.body.items) {
    if (b.kind !== 'block' || b.type !== 'module' || !b.labels[0] || read.has(b.labels[0])) continue;
    const src = b.body.items.find((x) => x.kind === 'attribute' && x.name === 'source');
    const source = src && src.kind === 'attribute' ? moduleSourceLiteral(src.expr) : undefined;
    calls.push(`${prefix}module.${b.labels[0]}${source ? ` (${source})` : ''} at line ${module.span(me, b.s, b.e).start.line}`);
  }
  if (!calls.length) return undefined;
  return `${me.display}: module calls not read (registry, remote or missing sources; nothing is downloaded): ${calls.slice(0, 8).join(', ')}${calls.length > 8 ? ` and ${calls.length - 8} more` : ''}. Policy documents and AWS managed policy ARNs passed to them are analysed where written; what the modules create themselves is not (a plan JSON, --terraform-plan, covers it exactly).`;
}
