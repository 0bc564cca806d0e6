/**
 * Terraform `.tf` files (HCL native syntax), read directly: most Terraform PRs ship no plan.
 *
 * Parser choice (evaluated 2026-11):
 * - `@cdktf/hcl2json` (MPL-2.0, HashiCorp's Go parser compiled to wasm): the reference grammar, but the wasm is
 *   several MB (the Go runtime; a multi-MB Action bundle plus a wasm asset ncc has to copy next to dist/ and
 *   load asynchronously), it returns no positions at all (lines would have to be re-found by text search), and
 *   every expression comes back as an opaque `"${…}"` string -- `jsonencode({...})`, conditionals, `for`
 *   expressions and function calls would still need an HCL expression parser of our own.
 * - `hcl2-parser` (GopherJS build of the same Go code, ~2 MB of JS): same output shape, same two gaps.
 * - tree-sitter HCL (`@tree-sitter-grammars/tree-sitter-hcl` + `web-tree-sitter`): a full CST with exact
 *   positions, but two wasm files to ship and locate at run time from the ncc bundle, async initialisation in
 *   every extractor call, and error recovery that turns syntax errors into ERROR nodes we would still have to
 *   interpret into one clear message.
 * - Chosen: a hand-written recursive-descent parser for HCL2 native syntax (`hcl-syntax.ts`, ~800 lines,
 *   following hashicorp/hcl `hclsyntax/spec.md`): zero bundle weight and no asset, synchronous, exact offsets on
 *   every node (lines and columns for statements, actions, resources), a precise "expected X, found Y" error with
 *   line and column, and hard bounds on nesting depth. The expression evaluator (`hcl-eval.ts`) works on that
 *   AST directly, which none of the registry parsers would have spared us.
 *   Checked (outside the test suite) on 544 real `.tf` files of six public repositories without a parse or
 *   evaluation error: BishopFox/iam-vulnerable, terraform-aws-modules/terraform-aws-{iam,eks,lambda},
 *   aws-ia/terraform-aws-control_tower_account_factory, nozaq/terraform-aws-secure-baseline.
 *   Cost of the choice: HCL features outside the spec's common core (type constraints with `optional()` defaults,
 *   provider-defined functions) are approximated, not type-checked.
 *
 * A module is the directory of the file: variables, locals, data sources and templates of sibling `.tf` files
 * resolve; records are produced for the blocks of this file only (each file is extracted once).
 */
import path from 'node:path';
import type { AnalysisError } from '../../findings/types.js';
import type { IamEntity, InlineSuppression, PolicyRecord, PolicyType, Span } from '../../policy/types.js';
import { policyTypeFromContent } from '../raw.js';
import type { Extractor, ExtractInput, ExtractResult } from '../types.js';
import { emptyResult } from '../types.js';
import type { Block, Body, Expr, ParsedFile, Traverser } from './hcl-syntax.js';
import { HclSyntaxError, forEachChild, parseHcl } from './hcl-syntax.js';
import type { HclFile, Scope, V } from './hcl-eval.js';
import { BRANCH_DENY, fromJson, HclEvalError, HclModule, iterate, worstReason } from './hcl-eval.js';
import { lineAt, lineStartsOf, scanTfBlocks } from './lines.js';
import { commentSuppressions } from '../../findings/inline.js';
import { parsePolicyValue, POLICY_DOCUMENT_DATA_SOURCE, readTerraformResource, terraformRow } from './resources.js';
import type { TableContext, TfPolicyItem } from './resources.js';
import { awsManagedRecords, entityRecord, invalidPolicyFinding, ownAttachmentsEntity, policyRecord } from './records.js';
import { awsManagedPolicy } from './managed-policies.js';
import type { RecordMeta, Site } from './records.js';
import { markHclEntity } from './dedupe.js';
import { appendAll } from '../../util/arrays.js';
import { analyseWithVarFiles } from './variants.js';
import type { CallChain } from './module-calls.js';
import { expandLocalCalls, MAX_CHILD_ANALYSES } from './module-calls.js';
import { managedArnArguments, unreadCallsNote } from './module-args.js';
import { isHclConfigFile, moduleView } from './tf-files.js';
import type { Assumption } from './worst-case.js';
import { primaryValues, resolveAttachedArns, resolveUnknowns, unionDocuments, worstDocument } from './worst-case.js';

/** Larger `.tf` files are refused (hand-written Terraform is far smaller; generated files are not reviewed). */
export const MAX_HCL_BYTES = 4 * 1024 * 1024;
const MAX_INSTANCES = 1000;
const META_ARGS = new Set(['count', 'for_each', 'depends_on', 'provider', 'lifecycle', 'provisioner', 'connection']);

// ---------------------------------------------------------------------------------------------------------------
// Parse cache: sibling files are parsed once per run, not once per file of the directory.

const cache = new Map<string, { text: string; parsed: ParsedFile | HclSyntaxError }>();
/** Bound on the text held by the cache (the ASTs are a small multiple of it). */
const CACHE_BYTES = 32 * 1024 * 1024;
let cacheBytes = 0;

function parseCached(repoPath: string, text: string): ParsedFile | HclSyntaxError {
  const hit = cache.get(repoPath);
  if (hit && hit.text === text) {
    // most recently used last
    cache.delete(repoPath);
    cache.set(repoPath, hit);
    return hit.parsed;
  }
  let parsed: ParsedFile | HclSyntaxError;
  try {
    parsed = parseHcl(text);
  } catch (e) {
    if (!(e instanceof HclSyntaxError)) throw e;
    parsed = e;
  }
  if (hit) {
    cache.delete(repoPath);
    cacheBytes -= hit.text.length;
  }
  while (cache.size > 0 && cacheBytes + text.length > CACHE_BYTES) {
    const [k, v] = cache.entries().next().value!;
    cache.delete(k);
    cacheBytes -= v.text.length;
  }
  cache.set(repoPath, { text, parsed });
  cacheBytes += text.length;
  return parsed;
}

function syntaxError(file: string, text: string, e: HclSyntaxError): AnalysisError {
  const ls = lineStartsOf(text);
  const line = lineAt(ls, e.offset);
  return { file, line, column: e.offset - ls[line - 1]! + 1, message: `HCL syntax error: ${e.message}`, kind: 'input' };
}

// ---------------------------------------------------------------------------------------------------------------
// tfvars

export function loadTfvars(input: ExtractInput, dir: string, siblings: string[], errors: AnalysisError[]): Map<string, V> {
  const out = new Map<string, V>();
  const auto = siblings.filter(isAutoVarFile);
  const files = [...auto.sort((a, b) => (/terraform\.tfvars/.test(a) ? -1 : /terraform\.tfvars/.test(b) ? 1 : a < b ? -1 : 1)), ...input.options.tfvarsFiles];
  for (const rel of [...new Set(files)]) {
    const values = readVarFile(input, dir, rel, errors, input.options.tfvarsFiles.includes(rel));
    if (values) for (const [k, v] of values) out.set(k, v);
  }
  return out;
}

/** `terraform.tfvars`, `*.auto.tfvars` (and `.json`): what Terraform loads without `-var-file`. */
export function isAutoVarFile(f: string): boolean {
  return /(^|\/)terraform\.tfvars(\.json)?$/.test(f) || /\.auto\.tfvars(\.json)?$/.test(f);
}

/** The values of one tfvars file (undefined when it cannot be read); problems go to `errors`. */
export function readVarFile(input: ExtractInput, dir: string, rel: string, errors: AnalysisError[], required: boolean): Map<string, V> | undefined {
  const out = new Map<string, V>();
  let text: string;
  try {
    text = input.readRepoFile(rel);
  } catch (e) {
    if (required && rel !== input.repoPath) errors.push({ file: input.displayPath(rel), message: `cannot read tfvars file: ${(e as Error).message}`, kind: 'input' });
    return undefined;
  }
  const display = input.displayPath(rel);
  if (/\.json$/i.test(rel)) {
    try {
      const j: unknown = JSON.parse(text);
      if (j && typeof j === 'object' && !Array.isArray(j)) for (const [k, v] of Object.entries(j)) out.set(k, fromJson(v));
    } catch (e) {
      errors.push({ file: display, message: `invalid tfvars JSON: ${(e as Error).message}`, kind: 'input' });
    }
    return out;
  }
  const parsed = parseCached(rel, text);
  if (parsed instanceof HclSyntaxError) {
    if (rel !== input.repoPath) errors.push(syntaxError(display, text, parsed));
    return undefined;
  }
  const file: HclFile = { repoPath: rel, display, text, parsed, lineStarts: lineStartsOf(text) };
  const bare = new HclModule({ dir, files: [], tfvars: new Map(), readRepoFile: input.readRepoFile, displayPath: input.displayPath, ctx: ctxOf(input) });
  for (const item of parsed.body.items) {
    if (item.kind !== 'attribute') continue;
    out.set(item.name, bare.guard(item.expr, { file, vars: new Map() }));
  }
  appendAll(errors, bare.errors);
  return out;
}

function ctxOf(input: ExtractInput): TableContext {
  const o = input.options;
  return { partition: o.partition, region: o.region, account: o.account };
}

// ---------------------------------------------------------------------------------------------------------------
// References written in an expression (for the resource table: which role a policy is attached to ...)

function referencesIn(x: Expr | undefined, indexOf?: (key: Expr) => string | undefined, withLocals = false): string[] {
  const out: string[] = [];
  const visit = (e: Expr | undefined): void => {
    if (!e) return;
    if (e.k !== 'trav') return forEachChild(e, visit);
    if (withLocals && e.obj.k === 'var' && e.obj.name === 'local' && e.steps[0]?.k === 'attr') out.push(`local.${e.steps[0].name}`);
    if (e.obj.k === 'var' && !['var', 'local', 'each', 'count', 'path', 'terraform', 'self'].includes(e.obj.name)) {
      const depth = e.obj.name === 'data' ? 3 : 2;
      let ref = travText(e.obj.name, e.steps, depth);
      // aws_iam_role.team[each.key] -> aws_iam_role.team["data"] when the index is static for this instance
      const idx = e.steps[depth - 1];
      if (indexOf && idx?.k === 'index') {
        const k = indexOf(idx.key);
        if (k !== undefined) ref += k;
      }
      out.push(ref);
      for (const st of e.steps) if (st.k === 'index') visit(st.key);
    } else forEachChild(e, visit);
  };
  visit(x);
  return out;
}

/** `aws_iam_role.app` / `data.x.y` (the resource part of a traversal, without attributes). */
function travText(root: string, steps: Traverser[], n: number): string {
  let out = root;
  let k = 1;
  for (const s of steps) {
    if (s.k !== 'attr' || k >= n) break;
    out += '.' + s.name;
    k++;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Instances (count / for_each)

interface Instance {
  key: string;
  vars: Map<string, V>;
  note?: string;
  /** Analysed although the known values turn the block off (count 0, empty for_each). */
  speculative?: boolean;
  /** count / for_each decided by an input: the instance may not be created (its Deny cancels nothing). */
  mayNotExist?: string;
}

/** The instances of a block; those whose count / for_each reads an input may not be created at all. */
function instancesOf(module: HclModule, block: Block, file: HclFile): Instance[] {
  const list = staticInstances(module, block, file);
  const meta = block.body.items.find((a) => a.kind === 'attribute' && (a.name === 'count' || a.name === 'for_each'));
  if (!meta || meta.kind !== 'attribute') return list;
  const open = module.onInput(meta.expr, { file, vars: new Map() });
  return list.map((i) =>
    open || i.speculative || i.key === '' ? { ...i, mayNotExist: `${meta.name} = ${module.text(file, meta.expr)} is decided by an input: the resource may not be created` } : i,
  );
}

function staticInstances(module: HclModule, block: Block, file: HclFile): Instance[] {
  const attr = (n: string) => block.body.items.find((a) => a.kind === 'attribute' && a.name === n);
  const count = attr('count');
  const forEach = attr('for_each');
  const sc: Scope = { file, vars: new Map() };
  if (count && count.kind === 'attribute') {
    const v = module.guard(count.expr, sc);
    if (v.t === 'num' && Number.isInteger(v.v) && v.v >= 0) {
      if (v.v > MAX_INSTANCES) {
        module.error(`count = ${v.v} exceeds ${MAX_INSTANCES} instances; analysed once`, module.span(file, count.s, count.e), file);
      } else if (v.v === 0 && module.mayBeEnabled(count.expr, sc)) {
        // `count = var.create ? 1 : 0` off by default: a caller may switch it on, so the policy is still checked
        return [
          {
            key: '[0]',
            vars: new Map<string, V>([['count', { t: 'obj', entries: new Map<string, V>([['index', { t: 'num', v: 0 }]]) }]]),
            note: 'count is 0 with the values known here (defaults, tfvars); analysed as if enabled, since a caller may enable it',
            speculative: true,
          },
        ];
      } else {
        return Array.from({ length: v.v }, (_x, i) => ({
          key: `[${i}]`,
          vars: new Map<string, V>([['count', { t: 'obj', entries: new Map<string, V>([['index', { t: 'num', v: i }]]) }]]),
          note: `count expanded statically (instance ${i} of ${v.v})`,
        }));
      }
    }
    return [
      {
        key: '',
        vars: new Map<string, V>([['count', { t: 'obj', entries: new Map<string, V>([['index', { t: 'unknown', expr: 'count.index', reason: 'count known only after apply' }]]) }]]),
        note: 'count is known only after apply: the block is analysed once, with placeholders for count.index',
      },
    ];
  }
  if (forEach && forEach.kind === 'attribute') {
    const v = module.guard(forEach.expr, sc);
    const emptyKnown = (v.t === 'obj' && v.entries.size === 0) || (v.t === 'list' && v.items.length === 0);
    if (v.t === 'obj' || v.t === 'list') {
      const at = module.span(file, forEach.s, forEach.e);
      let pairs: [V, V][];
      try {
        pairs = v.t === 'list' ? v.items.map((x) => [x, x]) : iterate(v, at);
      } catch {
        pairs = [];
      }
      // empty for sure: written so, or decided by a module call's arguments (no input left to fill it)
      const literalEmpty = pairs.length === 0 && ((forEach.expr.k === 'tuple' || forEach.expr.k === 'object') || !module.mayBeEnabled(forEach.expr, sc));
      if ((pairs.length > 0 || literalEmpty) && pairs.length <= MAX_INSTANCES && pairs.every(([k]) => k.t === 'str' || k.t === 'num')) {
        return pairs.map(([k, val]) => {
          const key = k.t === 'str' || k.t === 'num' ? String(k.v) : '';
          return {
            key: `[${JSON.stringify(key)}]`,
            vars: new Map<string, V>([['each', { t: 'obj', entries: new Map<string, V>([['key', { t: 'str', v: key }], ['value', val]]) }]]),
            note: `for_each expanded statically (key "${key}")`,
          };
        });
      }
    }
    return [
      {
        key: '',
        vars: new Map<string, V>([
          [
            'each',
            {
              t: 'obj',
              entries: new Map<string, V>([
                ['key', { t: 'unknown', expr: 'each.key', reason: 'for_each known only after apply' }],
                ['value', { t: 'unknown', expr: 'each.value', reason: 'for_each known only after apply' }],
              ]),
            },
          ],
        ]),
        ...(emptyKnown
          ? {
              note: 'for_each is empty with the values known here (defaults, tfvars); analysed once as if a caller filled it, with placeholders for each.key/each.value',
              speculative: true,
            }
          : { note: 'for_each is known only after apply: the block is analysed once, with placeholders for each.key/each.value' }),
      },
    ];
  }
  return [{ key: '', vars: new Map() }];
}

// ---------------------------------------------------------------------------------------------------------------
// Extraction

export function extractHcl(input: ExtractInput): ExtractResult {
  const result = emptyResult();
  const { file, text } = input;
  if (text.length > MAX_HCL_BYTES) {
    result.errors.push({ file, line: 1, message: `file too large for HCL analysis (${text.length} bytes, limit ${MAX_HCL_BYTES})`, kind: 'input' });
    return result;
  }
  const own = parseCached(input.repoPath, text);
  if (own instanceof HclSyntaxError) {
    result.errors.push(syntaxError(file, text, own));
    return result;
  }
  const dir = path.posix.dirname(input.repoPath) === '.' ? '' : path.posix.dirname(input.repoPath);
  const siblings = input.listRepoFiles ? input.listRepoFiles(dir) : [input.repoPath];
  const files: HclFile[] = [{ repoPath: input.repoPath, display: file, text, parsed: own, lineStarts: lineStartsOf(text) }];
  const deps: string[] = [];
  for (const rel of moduleView(input.repoPath, siblings, isHclConfigFile)) {
    if (rel === input.repoPath) continue;
    let t: string;
    try {
      t = input.readRepoFile(rel);
    } catch {
      continue;
    }
    if (t.length > MAX_HCL_BYTES) continue;
    const p = parseCached(rel, t);
    if (p instanceof HclSyntaxError) continue; // reported when that file is extracted
    files.push({ repoPath: rel, display: input.displayPath(rel), text: t, parsed: p, lineStarts: lineStartsOf(t) });
    deps.push(rel);
  }
  const ctx = ctxOf(input);
  const tfvars = loadTfvars(input, dir, siblings, result.errors);
  const m: ModuleFiles = { dir, files, ctx, text, own, chain: rootChain() };
  const analysed = analyseWithVarFiles(input, dir, siblings, tfvars, (tv) => analyseModule(input, m, tv), (rel, errors) => readVarFile(input, dir, rel, errors, false));
  appendAll(result.policies, analysed.policies);
  appendAll(result.entities, analysed.entities);
  appendAll(result.findings, analysed.findings);
  appendAll(result.errors, analysed.errors);
  if (analysed.notes?.length) result.notes = analysed.notes;
  if (deps.length) result.dependencies = deps;
  return result;
}

interface FileRefs {
  /** References written in resources and data sources (what is applied). */
  direct: Set<string>;
  /** References of each local value (`local.x` included), to follow locals that resources use. */
  locals: Map<string, Set<string>>;
}

const consumerCache = new WeakMap<ParsedFile, FileRefs>();

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

function refsOf(parsed: ParsedFile): FileRefs {
  const hit = consumerCache.get(parsed);
  if (hit) return hit;
  const direct = new Set<string>();
  const locals = new Map<string, Set<string>>();
  const visitBody = (body: Block['body'], into: Set<string>): void => {
    for (const it of body.items) {
      if (it.kind === 'attribute') for (const r of referencesIn(it.expr, undefined, true)) into.add(r);
      else visitBody(it.body, into);
    }
  };
  for (const b of parsed.body.items) {
    if (b.kind !== 'block') continue;
    if (b.type === 'resource' || b.type === 'data' || b.type === 'module') visitBody(b.body, direct);
    else if (b.type === 'locals') {
      for (const a of b.body.items) if (a.kind === 'attribute') locals.set(a.name, new Set(referencesIn(a.expr, undefined, true)));
    }
  }
  const out = { direct, locals };
  consumerCache.set(parsed, out);
  return out;
}

/**
 * Everything resources and data sources of the module use, directly or through locals. A document only passed
 * to a module call or an output is not "consumed" here: it is reported on its own.
 */
function consumedBy(files: HclFile[]): Set<string> {
  const all = files.map((f) => refsOf(f.parsed));
  const locals = new Map<string, Set<string>>();
  for (const r of all) for (const [k, v] of r.locals) locals.set(k, v);
  const out = new Set<string>();
  const queue: string[] = [];
  for (const r of all) for (const x of r.direct) queue.push(x);
  while (queue.length) {
    const x = queue.pop()!;
    if (out.has(x)) continue;
    out.add(x);
    if (x.startsWith('local.')) for (const y of locals.get(x.slice(6)) ?? []) queue.push(y);
  }
  return out;
}

/** `# iam-policy-gate:ignore RULE reason` comments above or inside the `module "NAME" {` block of the file. */
function moduleSuppressions(f: HclFile, name: string): { rule: string; reason: string; line: number }[] {
  const block = f.parsed.body.items.find((i) => i.kind === 'block' && i.type === 'module' && i.labels[0] === name);
  if (!block) return [];
  const line = (offset: number) => lineAt(f.lineStarts, offset);
  return commentSuppressions(f.text, f.parsed.comments, f.display, line(block.s), line(Math.max(block.s, block.e - 1))).map((s) => ({ rule: s.rule, reason: s.reason, line: s.line }));
}

function valueAt(v: V, segs: (string | number)[]): V | undefined {
  let cur: V | undefined = v;
  for (const s of segs) {
    if (!cur) return undefined;
    if (cur.t === 'list') cur = cur.items[Number(s)];
    else if (cur.t === 'obj') cur = cur.entries.get(String(s));
    else return undefined;
  }
  return cur;
}

export const terraformHclExtractor: Extractor = {
  name: 'terraform-hcl',
  detect(file) {
    return isHclConfigFile(file);
  },
  extract(input) {
    return extractHcl(input);
  },
};

export type { IamEntity };


/**
 * A whole policy the gate cannot read: both branches of a conditional (their union), or -- a variable without
 * value, a function or data source the gate does not evaluate -- the broadest document of its type, said so.
 */
function wholeUnknown(module: HclModule, raw: V, policyType: PolicyType, spans: Map<string, Span>): { document: unknown; assumptions: Assumption[] } | undefined {
  if (raw.alt) {
    const docs: { document: unknown; when: string }[] = [];
    for (const [i, a] of raw.alt.values.entries()) {
      // the first branch's statements come first in the union: their lines are kept
      const j = module.toJson(a.value, '', i === 0 ? spans : new Map());
      const d = typeof j === 'string' ? parsePolicyValue(j).document : j;
      if (!isPlainObject(d)) return undefined;
      docs.push({ document: d, when: a.when });
    }
    return { document: unionDocuments(docs), assumptions: [{ path: '', text: `${raw.alt.expr}: the statements of every branch are analysed (${docs.map((d) => d.when).join('; ')})` }] };
  }
  if (raw.t !== 'unknown') return undefined;
  // an expression that failed to evaluate is an error already (the verdict is incomplete): nothing is made up
  const why = raw.reason.startsWith('not evaluated:') ? undefined : worstReason(raw);
  if (!why) return undefined;
  return { document: worstDocument(policyType), assumptions: [{ path: '', text: `${why}; the whole policy is analysed as its worst case (everything allowed)` }] };
}

function isPlainObject(x: unknown): x is Record<string, unknown> {
  return x !== null && typeof x === 'object' && !Array.isArray(x);
}

/** A record whose unknown deciding values are resolved to their worst case (module arguments, unused documents). */
function resolvedRecord(module: HclModule, meta: RecordMeta, p: TfPolicyItem, site: Site): PolicyRecord {
  const resolved = resolveUnknowns(p.document, site.spans ?? new Map(), module.standIns.entries(), p.policyType);
  const item = { ...p, document: resolved.document };
  const rec = policyRecord(meta, item, { ...site, spans: resolved.spans }, { placeholders: module.standIns.placeholdersIn(resolved.document), assumptions: resolved.assumptions });
  if (resolved.uncertainDeny) rec.when = resolved.uncertainDeny;
  return rec;
}

interface ModuleFiles {
  dir: string;
  files: HclFile[];
  ctx: TableContext;
  text: string;
  own: ParsedFile;
  /** The module calls this module is analysed under (module-calls.ts); the root analysis has an empty prefix. */
  chain: CallChain;
  /** Variables the module call decides (module-calls.ts). */
  decided?: Set<string>;
}

function rootChain(): CallChain {
  return { prefix: '', dirs: [], related: [], budget: { left: MAX_CHILD_ANALYSES } };
}

/** The local module calls of this file, each instance analysed with its arguments (module-calls.ts). */
function localCalls(input: ExtractInput, m: ModuleFiles, module: HclModule): { result: ExtractResult; expanded: Set<string> } {
  return expandLocalCalls({
    input,
    module,
    me: m.files[0]!,
    dir: m.dir,
    chain: m.chain,
    parse: parseCached,
    instances: (block) => instancesOf(module, block, m.files[0]!),
    analyse: (childInput, child, args, decided, chain) =>
      analyseModule(childInput, { dir: child.dir, files: child.files, ctx: m.ctx, text: child.text, own: child.own, chain, decided }, args),
  });
}

/** Arguments of a policy-holding resource that no policy, principal or attachment reads. */
const NOT_READ = new Set(['tags', 'tags_all', 'description', 'timeouts', 'lifecycle', 'provider', 'depends_on']);

/** Evaluation errors raised since `from` inside arguments nothing reads (a tag): not reported (issue 18, item 6). */
function dropErrorsIn(module: HclModule, me: HclFile, body: Body, from: number): void {
  const spans = body.items.filter((a) => NOT_READ.has(a.kind === 'attribute' ? a.name : a.type)).map((a) => module.span(me, a.s, a.e));
  if (spans.length === 0) return;
  const inside = (e: AnalysisError) =>
    e.line !== undefined && spans.some((sp) => sp.file === e.file && e.line! >= sp.start.line && e.line! <= sp.end.line);
  const kept = module.errors.slice(from).filter((e) => !inside(e));
  module.errors.length = from;
  appendAll(module.errors, kept);
}

/** Records, findings and errors of this file's blocks, with the module evaluated under one set of input values. */
function analyseModule(input: ExtractInput, m: ModuleFiles, tfvars: Map<string, V>): ExtractResult {
  const result = emptyResult();
  const { file } = input;
  const { files, ctx, text, own } = m;
  const module = new HclModule({ dir: m.dir, files: m.files, tfvars, readRepoFile: input.readRepoFile, displayPath: input.displayPath, ctx, ...(m.decided ? { decided: m.decided } : {}) });
  const me = files[0]!;
  const prefix = m.chain.prefix;

  // a local nothing policy-related reads (a subnet's CIDR, a user-data template) decides nothing: its evaluation
  // errors are reported where a policy, attachment or count reads it (issue 18, item 6)

  const scanned = scanTfBlocks(file, text, own.comments);
  const suppressionsOf = (mode: 'managed' | 'data' | 'module', type: string, name: string): InlineSuppression[] =>
    (mode === 'module' ? moduleSuppressions(me, name) : (scanned.find((b) => b.mode === mode && b.type === type && b.name === name)?.suppressions ?? [])).map((s) => ({
      rule: s.rule,
      reason: s.reason,
      file,
      line: s.line,
    }));
  const dataSuppressions = (address: string): InlineSuppression[] => {
    const ref = module.data.get(address);
    if (!ref) return [];
    const blocks = scanTfBlocks(ref.file.display, ref.file.text, ref.file.parsed.comments);
    const b = blocks.find((x) => x.mode === 'data' && `data.${x.type}.${x.name}` === address);
    return (b?.suppressions ?? []).map((s) => ({ rule: s.rule, reason: s.reason, file: ref.file.display, line: s.line }));
  };

  for (const item of own.body.items) {
    if (item.kind !== 'block' || item.type !== 'resource' || item.labels.length !== 2) continue;
    const [type, name] = item.labels as [string, string];
    // a resource that holds no policy (aws_subnet): its evaluation errors decide nothing here (a policy that reads
    // one of its attributes evaluates it itself, and reports what fails there)
    if (!terraformRow(type)) continue;
    const blockSpan = module.span(me, item.s, item.e);
    const suppressions = suppressionsOf('managed', type, name);
    for (const inst of instancesOf(module, item, me)) {
      const address = `${prefix}${type}.${name}${inst.key}`;
      const sc: Scope = { file: me, vars: inst.vars };
      const notesBefore = module.notes.length;
      const errorsBefore = module.errors.length;
      const body = module.body(item.body, sc, META_ARGS);
      dropErrorsIn(module, me, item.body, errorsBefore);
      const spans = new Map<string, Span>();
      const raw0 = module.toJson(body, '', spans) as Record<string, unknown>;
      // alternative tokens stay in policy attributes and attached ARNs (resolved there); elsewhere the known value
      const keep = new Set([
        ...(terraformRow(type)?.policies.map((p) => p.path[0]!) ?? []),
        ...(terraformRow(type)?.attachments?.map((a) => a.policyAttr) ?? []),
        ...(terraformRow(type)?.synthInputs ?? []),
      ]);
      const values = Object.fromEntries(Object.entries(raw0).map(([k, v]) => [k, keep.has(k) ? v : primaryValues(v, module.standIns.entries())]));
      const out = readTerraformResource({
        type,
        address,
        values,
        references: (attr) => {
          const a = item.body.items.find((x) => x.kind === 'attribute' && x.name === attr);
          return a && a.kind === 'attribute'
            ? referencesIn(a.expr, (key) => {
                try {
                  const v = module.eval(key, sc);
                  return v.t === 'str' ? `[${JSON.stringify(v.v)}]` : v.t === 'num' ? `[${v.v}]` : undefined;
                } catch {
                  return undefined;
                }
              })
            : [];
        },
        ctx,
      });
      if (!out) continue;
      const meta: RecordMeta = { idFile: file, address, type, format: 'terraform-hcl' };
      for (const p of out.policies) {
        const ptr = '/' + p.segments.map((s) => String(s).replace(/~/g, '~0').replace(/\//g, '~1')).join('/');
        const docSpans = new Map<string, Span>();
        for (const [k, s] of spans) if (k === ptr || k.startsWith(ptr + '/')) docSpans.set(k.slice(ptr.length), s);
        const raw = valueAt(body, p.segments);
        const consumed = raw?.t === 'str' && raw.doc ? raw.doc.address : undefined;
        // a document whose statements all come from dynamic blocks the known values leave empty: nothing to check
        if (raw?.t === 'str' && raw.doc?.emptyDynamic) continue;
        // a whole document a module caller passes is placed on the child's block (the call is a related location)
        const docAt = docSpans.get('');
        const site: Site = {
          file,
          span: p.synthesized
            ? ((p.anchor ? spans.get(`/${p.anchor}`) : undefined) ?? blockSpan)
            : (prefix && docAt && docAt.file !== file && /\.tf$/i.test(docAt.file)) ? blockSpan : (docAt ?? blockSpan),
          spans: docSpans,
          suppressions: [...suppressions, ...(consumed ? dataSuppressions(consumed) : [])],
        };
        const assumptions: Assumption[] = [];
        if (p.error && (raw?.t === 'unknown' || raw?.alt)) {
          const whole = wholeUnknown(module, raw, p.policyType, docSpans);
          if (whole) {
            p.document = whole.document;
            delete p.error;
            appendAll(assumptions, whole.assumptions);
          }
        }
        if (p.error) {
          if (raw?.t === 'unknown') {
            // a block off with the known values (count 0) whose policy only the caller knows: nothing to report
            const fromCaller = raw.ref?.startsWith('var.') === true || /^var\.[A-Za-z0-9_-]+(\[[^\]]*\])?$/.test(raw.expr);
            if (!raw.reason.startsWith('not evaluated:') && !inst.speculative && !fromCaller) {
              const at = raw.at ?? site.span;
              result.errors.push({
                file: at.file,
                line: at.start.line,
                column: at.start.column,
                message: `${address}.${p.propertyPath.replace(/\//g, '.')}: the policy is ${raw.expr}, ${raw.reason}; it was not analysed (a plan JSON would have its value)`,
                kind: 'extract',
              });
            }
          } else result.findings.push(invalidPolicyFinding(meta, p, site));
          continue;
        }
        const resolved = resolveUnknowns(p.document, docSpans, module.standIns.entries(), p.policyType);
        p.document = resolved.document;
        site.spans = resolved.spans;
        appendAll(assumptions, resolved.assumptions);
        const notes = [
          ...(inst.note ? [inst.note] : []),
          ...(consumed ? [`document rendered from ${consumed}`] : []),
          ...new Set(module.notes.slice(notesBefore)),
        ];
        const rec = policyRecord(meta, p, site, { placeholders: module.standIns.placeholdersIn(p.document), notes, assumptions });
        // count / for_each decided by an input: the resource may not exist, its Denies take nothing away for sure
        const branchDeny = module.notes.slice(notesBefore).find((n) => n.startsWith(BRANCH_DENY));
        const when = inst.mayNotExist ?? branchDeny ?? resolved.uncertainDeny ?? (raw?.alt ? `${raw.alt.expr}: a Deny of one branch is not relied on` : undefined);
        if (when) rec.when = when;
        result.policies.push(rec);
      }
      // attached ARNs nobody in the repository decides: AdministratorAccess (said so); conditional ones: each branch
      const assumedArns = resolveAttachedArns(out.attachments, module.standIns.entries(), ctx.partition);
      // AWS managed policies attached here: records from the bundled snapshot, at the attachment
      const managed = awsManagedRecords(meta, out, (attr) => {
        const ptr = `/${attr}`;
        let at = spans.get(ptr);
        // in a module instance, an ARN the caller passes sits on the child's attribute (the call is related)
        if (prefix && at && at.file !== file) {
          const a = item.body.items.find((x) => x.kind === 'attribute' && x.name === attr);
          at = a ? module.span(me, a.s, a.e) : undefined;
        }
        return { file, span: at ?? blockSpan, suppressions };
      }, awsManagedPolicy);
      for (const r of managed) {
        const text = r.awsManaged ? assumedArns.get(r.awsManaged) : undefined;
        if (text) r.assumptions = [...(r.assumptions ?? []), { path: '', text }];
        if (inst.mayNotExist && r.attachedTo.every((x) => x.via === 'boundary')) r.when = inst.mayNotExist;
      }
      appendAll(result.policies, managed);
      // entities of a module instance are the child's own (analysed with its file): links stay within one module
      const ent = prefix ? undefined : entityRecord(meta, out, { file, span: blockSpan, suppressions });
      for (const e of [ent, ownAttachmentsEntity(ent)]) {
        if (!e) continue;
        markHclEntity(e);
        result.entities.push(e);
      }
    }
  }

  // local module calls: the child evaluated with the arguments of each instance
  const calls = localCalls(input, m, module);
  appendAll(result.policies, calls.result.policies);
  appendAll(result.findings, calls.result.findings);
  appendAll(result.errors, calls.result.errors);
  if (calls.result.notes?.length) appendAll((result.notes ??= []), calls.result.notes);

  // other module calls: policy documents and AWS managed ARNs passed as arguments (the module itself is not read)
  const unread = unreadCallsNote(me, module, prefix, calls.expanded);
  if (unread) (result.notes ??= []).push(unread);
  for (const item of own.body.items) {
    if (item.kind !== 'block' || item.type !== 'module' || !item.labels[0] || calls.expanded.has(item.labels[0])) continue;
    const address = `${prefix}module.${item.labels[0]}`;
    const suppressions = suppressionsOf('module', 'module', item.labels[0]);
    appendAll(result.policies, managedArnArguments(module, me, item, { idFile: file, address, type: 'module', format: 'terraform-hcl' }, suppressions));
    for (const a of item.body.items) {
      if (a.kind !== 'attribute' || MODULE_META.has(a.name)) continue;
      const v = module.guard(a.expr, { file: me, vars: new Map() });
      // a list or a map of documents (`inline_policies = { read = jsonencode(...) }`), or one document
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
        const policyType: PolicyType = /trust|assume_role/i.test(a.name) ? 'trust' : policyTypeFromContent(document);
        const p: TfPolicyItem = {
          propertyPath: c.path,
          segments: c.path.split('/'),
          policyType,
          ...(policyType === 'trust' ? { validateResourceType: 'AWS::IAM::AssumeRolePolicyDocument' } : {}),
          document,
          raw: document,
          attachedTo: [],
          notes: [`passed to ${address}; policy type ${/trust|assume_role/i.test(a.name) ? 'from the argument name' : 'taken from the content'}`],
        };
        const consumed = c.v.t === 'str' && c.v.doc ? c.v.doc.address : undefined;
        const meta: RecordMeta = { idFile: file, address, type: 'module', format: 'terraform-hcl' };
        const site: Site = {
          file,
          span: spans.get('') ?? module.span(me, a.s, a.e),
          spans,
          suppressions: [...suppressions, ...(consumed ? dataSuppressions(consumed) : [])],
        };
        result.policies.push(resolvedRecord(module, meta, p, site));
      }
    }
  }

  // policy documents no resource or module call of this module consumes (exported as outputs, or not used at all)
  const consumedDocs = new Set<string>();
  for (const r of consumedBy(files)) consumedDocs.add(r);
  for (const item of own.body.items) {
    if (item.kind !== 'block' || item.type !== 'data' || item.labels[0] !== POLICY_DOCUMENT_DATA_SOURCE || !item.labels[1]) continue;
    const local = `data.${POLICY_DOCUMENT_DATA_SOURCE}.${item.labels[1]}`;
    const address = `${prefix}${local}`;
    if (consumedDocs.has(local)) continue;
    let doc;
    try {
      doc = module.renderDocument(local);
    } catch (e) {
      if (!(e instanceof HclEvalError)) throw e;
      module.error(e.message, e.span ?? module.span(me, item.s, item.e), me);
      continue;
    }
    if (!doc || doc.emptyDynamic) continue;
    const policyType: PolicyType = policyTypeFromContent(doc.document);
    const p: TfPolicyItem = {
      propertyPath: 'json',
      segments: ['json'],
      policyType,
      ...(policyType === 'trust' ? { validateResourceType: 'AWS::IAM::AssumeRolePolicyDocument' } : {}),
      document: doc.document,
      raw: doc.document,
      attachedTo: [],
      notes: ['not used by a resource of this module (output or unused); policy type taken from the content'],
    };
    const meta: RecordMeta = { idFile: file, address, type: POLICY_DOCUMENT_DATA_SOURCE, format: 'terraform-hcl' };
    const site: Site = { file, span: doc.spans.get('')!, spans: doc.spans, suppressions: suppressionsOf('data', POLICY_DOCUMENT_DATA_SOURCE, item.labels[1]) };
    result.policies.push(resolvedRecord(module, meta, p, site));
  }

  // errors raised while evaluating: this file's own, and those in templates / JSON files it reads
  for (const e of module.errors) {
    if (e.file === file || !isHclConfigFile(e.file)) {
      if (!result.errors.some((x) => x.file === e.file && x.line === e.line && x.message === e.message)) result.errors.push(e);
    }
  }
  return result;
}
