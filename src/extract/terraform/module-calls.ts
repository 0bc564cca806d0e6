/**
 * Local module calls (`module "x" { source = "./modules/y" ... }`): the child module is evaluated with the caller's
 * arguments, once per instance of the call (`count` / `for_each`), and its records are the caller's: addresses
 * follow Terraform's (`module.x["admin"].aws_iam_policy.this`), the record sits on the child's own lines and names
 * the call site and the caller's argument lines (`PolicyRecord.calledFrom`, related locations of its findings).
 *
 * Child files are read through the extractor's `readRepoFile` / `listRepoFiles`, so the PR change scope records
 * them as inputs of the caller: a change to a child reaches every file that calls it. Nesting is bounded
 * (`MAX_CALL_DEPTH`), a cycle of calls is refused, and the child analyses one caller file may start are bounded
 * (`MAX_CHILD_ANALYSES`); what is refused makes the verdict incomplete, never a quiet pass.
 *
 * Registry, git and URL sources are not followed here (no network): policy-shaped arguments passed to them are
 * analysed where written (hcl-module.ts, module-args.ts).
 */
import path from 'node:path';
import type { AnalysisError } from '../../findings/types.js';
import type { PolicyRecord, RelatedLocation, Span } from '../../policy/types.js';
import type { ExtractInput, ExtractResult } from '../types.js';
import { emptyResult } from '../types.js';
import type { Block, ParsedFile } from './hcl-syntax.js';
import { HclSyntaxError } from './hcl-syntax.js';
import type { HclFile, HclModule, Scope, V } from './hcl-eval.js';
import { lineStartsOf } from '../../text/positions.js';
import { moduleSourceLiteral } from './module-sources.js';
import { isHclConfigFile, moduleView } from './tf-files.js';
import { appendAll } from '../../util/arrays.js';
import { MapSourceMap, parentPointer } from '../../policy/source-map.js';

export const MAX_CALL_DEPTH = 8;
export const MAX_CHILD_ANALYSES = 256;
const MAX_RELATED = 4;

/** The chain of calls a module is analysed under (empty at a root analysis). */
export interface CallChain {
  /** Terraform address prefix, e.g. `module.a["k"].module.b.` */
  prefix: string;
  /** Module directories from the root of the chain to this module (cycle check). */
  dirs: string[];
  /** Where the calls were made, outermost first. */
  related: RelatedLocation[];
  /** The instance may not exist (a call's count / for_each reads an input). */
  when?: string;
  /** Child analyses left for this whole extraction (shared by every level). */
  budget: { left: number };
}

export interface ChildModule {
  dir: string;
  files: HclFile[];
  own: ParsedFile;
  text: string;
}

/** What a module call expansion needs from the analysis of its caller (hcl-module.ts). */
export interface CallHost {
  input: ExtractInput;
  module: HclModule;
  me: HclFile;
  dir: string;
  chain: CallChain;
  parse(rel: string, text: string): ParsedFile | HclSyntaxError;
  instances(block: Block): { key: string; vars: Map<string, V>; mayNotExist?: string }[];
  /** Analyse one file of a child module with these variable values. */
  analyse(childInput: ExtractInput, child: ChildModule, args: Map<string, V>, decided: Set<string>, chain: CallChain): ExtractResult;
}

/** The directory a local `source` names, repository-relative; undefined for registry / remote sources. */
export function localSourceDir(callerDir: string, source: string): string | undefined {
  if (!/^\.\.?(\/|$)/.test(source)) return undefined;
  const dir = path.posix.normalize(path.posix.join(callerDir || '.', source.replace(/\/+$/, '')));
  if (dir === '..' || dir.startsWith('../') || path.posix.isAbsolute(dir)) return undefined;
  return dir === '.' ? '' : dir;
}

/** The child's `.tf` files (sorted), parsed; problems go to `errors`. */
function readChild(host: CallHost, dir: string, at: Span, errors: AnalysisError[]): HclFile[] | undefined {
  const { input } = host;
  // the files the tool of the caller loads (Terraform: .tf; OpenTofu, for a .tofu caller: .tofu and unreplaced .tf)
  const listed = (input.listRepoFiles ? input.listRepoFiles(dir) : []).filter((r) => path.posix.dirname(r) === (dir || '.'));
  const rels = moduleView(host.me.repoPath, listed, isHclConfigFile).sort();
  const err = (message: string) => errors.push({ file: at.file, line: at.start.line, column: at.start.column, message, kind: 'input' });
  // no .tf files (a git submodule not checked out, a .tf.json-only module, a snippet): like a registry module, its
  // policy-shaped arguments are analysed where written (hcl-module.ts, module-args.ts)
  if (!rels.length) return undefined;
  const files: HclFile[] = [];
  for (const rel of rels) {
    let text: string;
    try {
      text = input.readRepoFile(rel);
    } catch (e) {
      err(`cannot read module file ${rel}: ${(e as Error).message}`);
      return undefined;
    }
    const parsed = host.parse(rel, text);
    if (parsed instanceof HclSyntaxError) {
      err(`module file ${rel} does not parse; the call's effect was not analysed`);
      return undefined;
    }
    files.push({ repoPath: rel, display: input.displayPath(rel), text, parsed, lineStarts: lineStartsOf(text) });
  }
  return files;
}

const META = new Set(['source', 'version', 'count', 'for_each', 'providers', 'depends_on']);

/** Records of every local module call of the caller's own file, per instance, with the caller's arguments. */
export function expandLocalCalls(host: CallHost): { result: ExtractResult; expanded: Set<string> } {
  const result = emptyResult();
  const expanded = new Set<string>();
  const { module, me, chain } = host;
  for (const block of me.parsed.body.items) {
    if (block.kind !== 'block' || block.type !== 'module' || !block.labels[0]) continue;
    const src = block.body.items.find((a) => a.kind === 'attribute' && a.name === 'source');
    const source = src && src.kind === 'attribute' ? moduleSourceLiteral(src.expr) : undefined;
    const dir = source === undefined ? undefined : localSourceDir(host.dir, source);
    if (dir === undefined) continue;
    const name = block.labels[0];
    const callAt = module.span(me, block.s, block.e);
    if (chain.dirs.includes(dir) || dir === host.dir) {
      result.errors.push({ file: me.display, line: callAt.start.line, message: `module.${name}: the module calls itself (${[...chain.dirs, dir].map((d) => d || '.').join(' -> ')}); not analysed`, kind: 'input' });
      continue;
    }
    if (chain.dirs.length >= MAX_CALL_DEPTH) {
      result.errors.push({ file: me.display, line: callAt.start.line, message: `module.${name}: module calls nested deeper than ${MAX_CALL_DEPTH}; not analysed`, kind: 'input' });
      continue;
    }
    const files = readChild(host, dir, callAt, result.errors);
    if (!files) continue;
    expanded.add(name);
    for (const inst of host.instances(block)) {
      if (--chain.budget.left < 0) {
        result.errors.push({ file: me.display, line: callAt.start.line, message: `module.${name}: more than ${MAX_CHILD_ANALYSES} module instances to analyse from one file; the rest were not analysed`, kind: 'input' });
        return { result, expanded };
      }
      appendAll(result.policies, callInstance(host, block, name, inst, dir, files, result));
    }
  }
  return { result, expanded };
}

/** One instance of one call: every file of the child, analysed with the instance's arguments. */
function callInstance(host: CallHost, block: Block, name: string, inst: { key: string; vars: Map<string, V>; mayNotExist?: string }, dir: string, files: HclFile[], into: ExtractResult): PolicyRecord[] {
  const { module, me, chain } = host;
  const sc: Scope = { file: me, vars: inst.vars };
  const args = new Map<string, V>();
  const decided = new Set<string>();
  const argLines = new Map<string, number>();
  for (const a of block.body.items) {
    if (a.kind !== 'attribute' || META.has(a.name)) continue;
    args.set(a.name, module.guard(a.expr, sc));
    argLines.set(a.name, module.span(me, a.s, a.e).start.line);
    // decided by the caller: the child takes the branch its value selects (an input of the caller's stays open)
    if (!inst.mayNotExist && !module.onInput(a.expr, sc)) decided.add(a.name);
  }
  // a variable the call does not set takes its default, whatever it is (tfvars do not reach a child module)
  for (const f of files) {
    for (const v of f.parsed.body.items) {
      if (v.kind !== 'block' || v.type !== 'variable' || !v.labels[0] || args.has(v.labels[0])) continue;
      if (v.body.items.some((a) => a.kind === 'attribute' && a.name === 'default')) decided.add(v.labels[0]);
    }
  }
  const call = `module.${name}${inst.key}`;
  const callLine = module.span(me, block.s, block.e).start.line;
  const here: RelatedLocation = { file: me.display, line: callLine, message: `called as ${chain.prefix}${call}` };
  const when = [chain.when, inst.mayNotExist ? `${call}: ${inst.mayNotExist.replace('the resource may not be created', 'the module instance may not be created')}` : undefined].filter(Boolean).join('; ');
  const next: CallChain = { prefix: `${chain.prefix}${call}.`, dirs: [...chain.dirs, host.dir], related: [...chain.related, here], ...(when ? { when } : {}), budget: chain.budget };
  const out: PolicyRecord[] = [];
  for (const f of files) {
    const childInput: ExtractInput = { ...host.input, file: f.display, repoPath: f.repoPath, text: f.text };
    const child: ChildModule = { dir, files: [f, ...files.filter((x) => x !== f)], own: f.parsed, text: f.text };
    const r = host.analyse(childInput, child, args, decided, next);
    for (const rec of r.policies) {
      // two root modules calling the same child under the same name give the same address: the root caller's
      // file keeps each instance's record (and its findings' call site) apart
      if (!chain.related.length) rec.id = `${rec.id}@${me.display}`;
      out.push(rec);
      // the caller's arguments the document uses: lines of the caller that a value of the record came from
      const own = rec.calledFrom ?? next.related;
      const used = argumentLines(rec, me.display, argLines, varsRead(files, rec.resource.slice(next.prefix.length)));
      relocate(rec, me.display);
      rec.calledFrom = [...own.slice(0, chain.related.length + 1), ...used, ...own.slice(chain.related.length + 1)].slice(0, MAX_RELATED + chain.related.length);
      if (next.when) rec.when = rec.when ? `${next.when}; ${rec.when}` : next.when;
      (rec.notes ??= []).push(`analysed with the arguments of ${next.prefix.slice(0, -1)} (${me.display}:${callLine})`);
    }
    appendAll(into.findings, r.findings);
    for (const n of r.notes ?? []) if (!(into.notes ??= []).includes(n)) into.notes.push(n);
    for (const e of r.errors) if (!into.errors.some((x) => x.file === e.file && x.line === e.line && x.message === e.message)) into.errors.push(e);
  }
  return out;
}

/**
 * The caller's argument lines whose values the record's document uses (its source map points into the caller's
 * file there); the record's own places move to the child's lines (the statement), so a finding lands in the child.
 */
function argumentLines(rec: PolicyRecord, callerFile: string, argLines: Map<string, number>, read: Set<string>): RelatedLocation[] {
  const lines = new Set<number>();
  for (const name of read) {
    const l = argLines.get(name);
    if (l !== undefined) lines.add(l);
  }
  for (const p of rec.sourceMap.pointers()) {
    const s = rec.sourceMap.get(p);
    if (s && s.file === callerFile && s.file !== rec.file) lines.add(s.start.line);
  }
  const byLine = new Map<number, string>();
  for (const [n, l] of argLines) byLine.set(l, n);
  return [...lines]
    .sort((a, b) => a - b)
    .slice(0, MAX_RELATED)
    .map((line) => ({ file: callerFile, line, message: `argument ${byLine.get(line) ?? 'value'} of the module call` }));
}

/** Places of the record that point into the caller's file move to their nearest place in the child's files. */
function relocate(rec: PolicyRecord, callerFile: string): void {
  const map = rec.sourceMap;
  if (!(map instanceof MapSourceMap) || rec.file === callerFile) return;
  for (const p of map.pointers()) {
    if (map.get(p)?.file !== callerFile) continue;
    let q: string | undefined = parentPointer(p);
    while (q !== undefined && (map.get(q) === undefined || map.get(q)!.file === callerFile)) q = parentPointer(q);
    const at = q !== undefined ? map.get(q) : undefined;
    if (at) map.set(p, at);
  }
}

/**
 * The variables the child block of `address` (`aws_x.n["k"]`) reads, directly or through the locals and data
 * sources it names (one level): which arguments of the call decide the record.
 */
function varsRead(files: HclFile[], address: string): Set<string> {
  const out = new Set<string>();
  const m = /^(data\.)?([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)/.exec(address);
  if (!m) return out;
  const textOf = (f: HclFile, b: { s: number; e: number }) => f.text.slice(b.s, b.e);
  const find = (type: string, a: string, b: string): string | undefined => {
    for (const f of files) {
      for (const it of f.parsed.body.items) if (it.kind === 'block' && it.type === type && it.labels[0] === a && it.labels[1] === b) return textOf(f, it);
    }
    return undefined;
  };
  const own = find(m[1] ? 'data' : 'resource', m[2]!, m[3]!);
  if (own === undefined) return out;
  const texts = [own];
  for (const d of own.matchAll(/\bdata\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)/g)) {
    const t = find('data', d[1]!, d[2]!);
    if (t !== undefined) texts.push(t);
  }
  const locals = new Set([...texts.join('\n').matchAll(/\blocal\.([A-Za-z0-9_-]+)/g)].map((x) => x[1]!));
  for (const f of files) {
    for (const it of f.parsed.body.items) {
      if (it.kind !== 'block' || it.type !== 'locals') continue;
      for (const a of it.body.items) if (a.kind === 'attribute' && locals.has(a.name)) texts.push(textOf(f, a));
    }
  }
  for (const t of texts) for (const v of t.matchAll(/\bvar\.([A-Za-z0-9_-]+)/g)) out.add(v[1]!);
  return out;
}
