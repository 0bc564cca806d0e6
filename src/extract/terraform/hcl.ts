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
 * - Chosen: a hand-written recursive-descent parser for HCL2 native syntax (`hcl-syntax.ts` and `hcl-ast.ts`, `hcl-lexer.ts`, `hcl-template-syntax.ts`, ~900 lines,
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
 * resolve; records are produced for the blocks of this file only (each file is extracted once). This file: the
 * extractor, tfvars; hcl-module.ts analyses a module, hcl-instances.ts expands count / for_each, hcl-cache.ts parses.
 */
import path from 'node:path';
import type { AnalysisError } from '../../findings/types.js';
import type { IamEntity } from '../../policy/types.js';
import { appendAll } from '../../util/arrays.js';
import type { Extractor, ExtractInput, ExtractResult } from '../types.js';
import { emptyResult } from '../types.js';
import { parseCached, syntaxError } from './hcl-cache.js';
import type { HclFile, V } from './hcl-eval.js';
import { fromJson, HclModule } from './hcl-eval.js';
import type { ModuleFiles } from './hcl-module.js';
import { analyseModule, rootChain } from './hcl-module.js';
import { HclSyntaxError } from './hcl-syntax.js';
import { lineStartsOf } from '../../text/positions.js';
import type { TableContext } from './resources.js';
import { analyseWithVarFiles } from './variants.js';
import { isHclConfigFile, moduleView } from './tf-files.js';

/** Larger `.tf` files are refused (hand-written Terraform is far smaller; generated files are not reviewed). */
export const MAX_HCL_BYTES = 4 * 1024 * 1024;


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

export function ctxOf(input: ExtractInput): TableContext {
  const o = input.options;
  return { partition: o.partition, region: o.region, account: o.account };
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