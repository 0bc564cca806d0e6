/**
 * `Fn::Include` (cfn-include syntax: a string, or `{ location, type, query }`), resolved by us for repository-local
 * relative files only. We never run cfn-include on PR content: it reads any path, fetches http(s)/s3 URLs with the
 * runner's credentials, reads environment variables and can call AWS APIs.
 *
 * Allowed: a relative path (from the including file's directory) that stays inside the repository; the read goes
 * through `readRepoFile`, which refuses anything outside the root (including through symlinks). Refused, with a
 * finding: absolute paths, `~`, URLs (`http:`, `https:`, `s3:`, `file:`...), `type: api`, `Fn::GetEnv`, queries,
 * nesting deeper than MAX_INCLUDE_DEPTH and include cycles. A refused include becomes an unresolved placeholder and
 * the records containing it are marked incomplete.
 */
import { posix } from 'node:path';
import type { CNode, CMap } from './yaml.js';
import { parseTemplate, intrinsicName, str, getIn } from './yaml.js';
import type { RepoReader } from '../types.js';

export const MAX_INCLUDE_DEPTH = 8;
/** Total included bytes per template. */
export const MAX_INCLUDE_BYTES = 10 * 1024 * 1024;

export interface IncludeProblem {
  node: CNode;
  message: string;
  /** `include-refused` (unsafe or unsupported), `include-failed` (missing file, parse error). */
  rule: 'include-refused' | 'include-failed';
}

export interface IncludeContext {
  readRepoFile: RepoReader;
  displayPath(repoRelative: string): string;
  problems: IncludeProblem[];
  dependencies: Set<string>;
  /** Display files of includes that were refused or failed: records from them are incomplete. */
  refusedNodes: Set<CNode>;
  bytes: number;
}

/** Cheap test: does the text use includes or environment lookups at all? */
export function mayInclude(text: string): boolean {
  return text.includes('Include') || text.includes('GetEnv');
}

/**
 * Returns the tree with every `Fn::Include` replaced by the included content, and every refused one replaced by a
 * marker node `{ "Fn::Include": ... }` left in place (the resolver turns it into a placeholder).
 */
export function expandIncludes(node: CNode, repoPath: string, ctx: IncludeContext, depth = 0, stack: string[] = [repoPath]): CNode {
  if (node.kind === 'scalar') return node;
  if (node.kind === 'seq') {
    let changed = false;
    const items = node.items.map((it) => {
      const n = expandIncludes(it, repoPath, ctx, depth, stack);
      if (n !== it) changed = true;
      return n;
    });
    return changed ? { ...node, items } : node;
  }
  const fn = intrinsicName(node);
  if (fn === 'Fn::Include') return include(node, node.entries.get(fn)!, repoPath, ctx, depth, stack);
  if (fn === 'Fn::Transform') {
    // AWS::Include with a local Location: `aws cloudformation package` uploads that file; read it from the repository
    const location = localAwsIncludeLocation(node.entries.get(fn)!);
    if (location) return include(node, location, repoPath, ctx, depth, stack, 'AWS::Include');
  }
  if (fn === 'Fn::GetEnv') {
    refuse(ctx, node, 'Fn::GetEnv reads environment variables of the CI runner; refused (it could leak secrets)');
    return node;
  }
  let changed = false;
  const entries = new Map<string, CNode>();
  for (const [k, v] of node.entries) {
    const n = expandIncludes(v, repoPath, ctx, depth, stack);
    if (n !== v) changed = true;
    entries.set(k, n);
  }
  return changed ? ({ ...node, entries } as CMap) : node;
}

function refuse(ctx: IncludeContext, node: CNode, message: string, rule: IncludeProblem['rule'] = 'include-refused'): void {
  ctx.problems.push({ node, message, rule });
  ctx.refusedNodes.add(node);
}

function include(node: CMap, arg: CNode, repoPath: string, ctx: IncludeContext, depth: number, stack: string[], label = 'Fn::Include'): CNode {
  let location: string | undefined;
  let type = 'json';
  if (arg.kind === 'scalar') location = typeof arg.value === 'string' ? arg.value : undefined;
  else if (arg.kind === 'map') {
    location = str(arg.entries.get('location'));
    type = str(arg.entries.get('type')) ?? 'json';
    if (arg.entries.has('query')) {
      refuse(ctx, node, `${label} with a query is not supported; the include was not analysed`);
      return node;
    }
  }
  if (type === 'api') {
    refuse(ctx, node, `${label} type "api" calls AWS APIs with the runner's credentials; refused`);
    return node;
  }
  if (location === undefined) {
    refuse(ctx, node, `${label} needs a location string (intrinsic functions in the location are not supported)`);
    return node;
  }
  if (/^[a-z][a-z0-9+.-]*:/i.test(location)) {
    refuse(ctx, node, `${label} of "${location}" refused: only repository-local relative files are read (no URLs, no s3://)`);
    return node;
  }
  if (location.startsWith('/') || location.startsWith('~') || location.startsWith('\\') || /^[A-Za-z]:[\\/]/.test(location)) {
    refuse(ctx, node, `${label} of "${location}" refused: absolute paths are not read, only paths relative to the template`);
    return node;
  }
  if (/[*?[\]{}]/.test(location)) {
    refuse(ctx, node, `${label} of "${location}" refused: glob patterns are not supported`);
    return node;
  }
  const target = posix.normalize(posix.join(posix.dirname(repoPath), location.replace(/\\/g, '/')));
  if (target === '..' || target.startsWith('../')) {
    refuse(ctx, node, `${label} of "${location}" refused: it points outside the repository`);
    return node;
  }
  if (depth + 1 > MAX_INCLUDE_DEPTH) {
    refuse(ctx, node, `${label} of "${location}" refused: includes nested deeper than ${MAX_INCLUDE_DEPTH} levels`);
    return node;
  }
  if (stack.includes(target)) {
    refuse(ctx, node, `${label} of "${location}" refused: include cycle (${[...stack, target].join(' -> ')})`);
    return node;
  }
  let text: string;
  try {
    text = ctx.readRepoFile(target);
  } catch (e) {
    refuse(ctx, node, `${label} of "${location}" could not be read: ${(e as Error).message}`, 'include-failed');
    return node;
  }
  ctx.bytes += text.length;
  if (ctx.bytes > MAX_INCLUDE_BYTES) {
    refuse(ctx, node, `${label} of "${location}" refused: included content exceeds ${MAX_INCLUDE_BYTES} bytes`);
    return node;
  }
  ctx.dependencies.add(target);
  const display = ctx.displayPath(target);
  if (type === 'string' || type === 'literal') {
    return { kind: 'scalar', value: text, src: node.src, start: node.start, end: node.end };
  }
  let parsed: CNode;
  try {
    parsed = parseTemplate(text, display).root;
  } catch (e) {
    const err = e as Error & { line?: number };
    refuse(ctx, node, `${label} of "${location}": ${display}${err.line ? `:${err.line}` : ''}: ${err.message}`, 'include-failed');
    return node;
  }
  return expandIncludes(parsed, target, ctx, depth + 1, [...stack, target]);
}

/**
 * The Location of `Fn::Transform: { Name: AWS::Include, Parameters: { Location } }` when it is not a URL (a path
 * `aws cloudformation package` would upload): the scalar node, read like an Fn::Include location.
 */
export function localAwsIncludeLocation(transform: CNode): CNode | undefined {
  if (str(getIn(transform, 'Name')) !== 'AWS::Include') return undefined;
  const location = getIn(transform, 'Parameters', 'Location');
  const v = str(location);
  return v !== undefined && !/^[a-z][a-z0-9+.-]*:/i.test(v) ? location : undefined;
}
