/**
 * Which files to analyse: the walk, globs, default excludes, candidates by name and by content. Reading them is
 * text/read.ts (realpath containment, size caps, strict UTF-8).
 */
import { lstatSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { pathGlobList, compilePathGlob } from '../util/path-glob.js';
import type { AnalysisError } from '../result.js';
import type { Options } from '../config/options.js';
import { sniffFile } from './sniff.js';
import { containedPath, toPosix } from '../text/read.js';

export interface SourceFile {
  /** Repository-relative, posix separators. */
  rel: string;
  /** Named by the user (not found by a directory walk). */
  explicit: boolean;
  /** Found by its content, not its name (sources/sniff.ts): an error if no extractor takes it. */
  sniffed?: boolean;
}

/** Directories a walk never enters. */
const SKIP_DIRS = new Set([
  '.git', 'node_modules', '.terraform', '.aws-sam', '.serverless', '.venv', 'venv', '__pycache__', '.idea', '.vscode',
  '.cache', '.tox', '.mypy_cache', '.pytest_cache', 'bower_components',
]);

/**
 * Files a walk never considers: tool manifests and lock files that are plainly not infrastructure (and can be
 * large). Everything else is judged by content, so this list only saves time; it must never hide a policy.
 */
const SKIP_FILES = new Set([
  'package.json', 'package-lock.json', 'npm-shrinkwrap.json', 'pnpm-lock.yaml', 'composer.json', 'composer.lock',
  'tsconfig.json', 'jsconfig.json', '.eslintrc.json', '.prettierrc.json', 'renovate.json', 'lerna.json', 'nx.json',
  'turbo.json', 'cdk.json', 'cdk.context.json', 'angular.json', 'vercel.json', 'firebase.json', 'deno.json',
]);

/** Folders of a walk's skip list that hold copies of code or templates (counted in the report's skipped). */
const COUNTED_SKIP_DIRS = new Set(['node_modules', '.aws-sam', '.serverless', '.venv', 'venv', 'bower_components', '.terraform']);

/**
 * Build and vendor folders a walk skips by default (config `default-excludes: false` walks them): vendored code,
 * Python packages, CDK asset copies, and the `dist/` of a JavaScript package (a package.json beside it). Files a
 * change list names are analysed wherever they are (a pull request cannot hide a template in `vendor/`).
 */
export function defaultExcludedDir(parentAbs: string, name: string): boolean {
  if (name === 'vendor' || name === 'site-packages') return true;
  if (name.startsWith('asset.') && path.basename(parentAbs) === 'cdk.out') return true;
  return name === 'dist' && statSafe(path.join(parentAbs, 'package.json'))?.isFile() === true;
}

/** Does a repo-relative file lie under a folder the walk skips by default (defaultExcludedDir)? */
export function underDefaultExcludedDir(root: string, rel: string): boolean {
  const parts = rel.split('/').slice(0, -1);
  let dir = root;
  for (const name of parts) {
    if (defaultExcludedDir(dir, name)) return true;
    dir = path.join(dir, name);
  }
  return false;
}

/** Extensions a walk considers. */
const CANDIDATE = /\.(json|ya?ml|template|tf|tofu)$/i;

const GLOB_CHARS = /[*?[\]{}!]/;


/** How findings and errors name a repository file: its path relative to the working directory (`.` for the root). */
export function displayPath(options: Pick<Options, 'cwd' | 'root'>, repoRel: string): string {
  if (options.cwd === options.root && plainRelative(repoRel)) return repoRel; // what the path arithmetic gives, for less
  return toPosix(path.relative(options.cwd, path.join(options.root, repoRel))) || '.';
}

/** A normalised relative posix path (no empty, `.` or `..` segment, no leading or trailing `/`). */
function plainRelative(rel: string): boolean {
  return path.sep === '/' && rel !== '' && rel[0] !== '/' && rel[0] !== '.' && !rel.endsWith('/') && !rel.includes('//') && !rel.includes('/.');
}

/** The inverse of displayPath: a displayed path (relative to the working directory) as a repository-relative path. */
export function repoPathOf(options: Pick<Options, 'cwd' | 'root'>, display: string): string {
  return toPosix(path.relative(options.root, path.resolve(options.cwd, display)));
}


export interface Expanded {
  files: SourceFile[];
  errors: AnalysisError[];
  /** Build/vendor folders the walk did not enter (`vendor-or-build-folders`), absent when none. */
  skipped?: Record<string, number>;
}

/**
 * Expand CLI/Action paths (files, directories, globs) into files to analyse. `tick`: called once per folder walked
 * (a long walk is the first large allocation of a run: the caller's heap policy applies during it, util/heap.ts).
 */
export function expandPaths(inputs: string[], options: Options, tick?: () => void): Expanded {
  const files = new Map<string, SourceFile>();
  const w: Walk = { options, errors: [], skippedDirs: 0, ...(tick ? { tick } : {}) };
  const excluded = options.exclude.length ? pathGlobList(options.exclude) : () => false;
  const included = options.include.length ? pathGlobList(options.include) : () => true;
  /** `known`: the repo-relative real path, when the walk knows it (see `walk`); else resolved here. */
  const add = (abs: string, explicit: boolean, sniffed = false, known?: string) => {
    const c = known !== undefined ? { rel: known } : containedPath(options.root, abs);
    if ('error' in c) {
      w.errors.push({ file: displayAbs(options, abs), message: c.error, kind: 'input' });
      return;
    }
    if (!explicit && (excluded(c.rel) || !included(c.rel))) return;
    // no absolute path kept beside `rel` (path.join's text was ~600 bytes a file: 60 MB of a 100,000-file walk)
    // one of two fixed shapes (a spread made each object ~48 bytes, not ~20)
    if (!files.has(c.rel)) files.set(c.rel, sniffed && !explicit ? { rel: c.rel, explicit, sniffed } : { rel: c.rel, explicit });
  };

  for (const input of inputs.length ? inputs : ['.']) {
    const abs = path.resolve(options.cwd, input);
    if (GLOB_CHARS.test(input) && !exists(abs)) {
      const rootRel = toPosix(path.relative(options.root, options.cwd));
      const pattern = rootRel ? `${rootRel}/${toPosix(input)}` : toPosix(input);
      const isMatch = compilePathGlob(pattern);
      const before = files.size;
      const matches = (f: string) => isMatch(toPosix(path.relative(options.root, f)));
      walk(w, options.root, '', (f, sniffed, rel) => {
        if (matches(f)) add(f, false, sniffed, rel);
      }, 0, matches);
      if (files.size === before) w.errors.push({ file: input, message: 'no file matches this pattern', kind: 'input' });
      continue;
    }
    let st;
    try {
      st = lstatSync(abs);
    } catch {
      w.errors.push({ file: input, message: 'path does not exist', kind: 'input' });
      continue;
    }
    if (st.isDirectory() || (st.isSymbolicLink() && statSafe(abs)?.isDirectory())) {
      const c = containedPath(options.root, abs);
      if ('error' in c) {
        w.errors.push({ file: input, message: c.error, kind: 'input' });
        continue;
      }
      walk(w, abs, c.rel, (f, sniffed, rel) => add(f, false, sniffed, rel));
    } else {
      add(abs, true);
    }
  }
  return { files: [...files.values()], errors: w.errors, ...(w.skippedDirs ? { skipped: { 'vendor-or-build-folders': w.skippedDirs } } : {}) };
}

/** A directory walk in progress: its options, the problems met, the build/vendor folders it did not enter. */
interface Walk {
  options: Options;
  errors: AnalysisError[];
  skippedDirs: number;
  tick?: () => void;
}

/** An absolute path as findings name it (relative to the working directory). */
function displayAbs(options: Options, abs: string): string {
  return toPosix(path.relative(options.cwd, abs)) || '.';
}

/** Whether the walk enters a folder (counting the build/vendor ones it skips). */
function enters(w: Walk, dirAbs: string, name: string): boolean {
  if (SKIP_DIRS.has(name) || (w.options.defaultExcludes && defaultExcludedDir(dirAbs, name))) {
    if (COUNTED_SKIP_DIRS.has(name) || !SKIP_DIRS.has(name)) w.skippedDirs++;
    return false;
  }
  return true;
}

/** A file whose name says nothing: infrastructure by its content? (bounded: the first bytes, see sniff.ts) */
function byContent(w: Walk, abs: string, name: string): boolean {
  return !SKIP_FILES.has(name) && sniffFile(abs, name, w.options.maxFileBytes) !== undefined;
}

/**
 * Every candidate file under `dirAbs`, in name order, to `out` (`sniffed` when found by its content; `rel`: its
 * repo-relative real path). `wanted`: a glob's filter, asked before a file is read for sniffing. Symlinks are
 * followed only inside the repository. `relDir`: the repo-relative real path of `dirAbs` (containedPath's): the walk
 * enters no symlinked folder, so an entry that is no symlink lies at `relDir/name` without a realpath of its own.
 * (Reading a file resolves it again: text/read.ts readRepoFile, so a folder swapped for a symlink meanwhile is
 * still refused there.)
 */
function walk(w: Walk, dirAbs: string, relDir: string, out: (abs: string, sniffed?: boolean, rel?: string) => void, depth = 0, wanted: (abs: string) => boolean = () => true): void {
  if (depth > 64) return;
  w.tick?.();
  let entries;
  try {
    entries = readdirSync(dirAbs, { withFileTypes: true });
  } catch (e) {
    w.errors.push({ file: displayAbs(w.options, dirAbs), message: `cannot read directory: ${(e as Error).message}`, kind: 'input' });
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const ent of entries) {
    const abs = path.join(dirAbs, ent.name);
    // one flat string (join): a template literal is a concatenation that, once flattened, keeps the concatenation
    // object beside the copy (~210 -> ~100 bytes a file over the whole walk list)
    const rel = relDir ? [relDir, ent.name].join('/') : ent.name;
    if (ent.isDirectory()) {
      if (enters(w, dirAbs, ent.name)) walk(w, abs, rel, out, depth + 1, wanted);
    } else if (ent.isSymbolicLink()) {
      const c = containedPath(w.options.root, abs);
      if ('error' in c) {
        if (CANDIDATE.test(ent.name)) w.errors.push({ file: displayAbs(w.options, abs), message: 'refused: symlink points outside the repository', kind: 'input' });
        continue;
      }
      try {
        if (!statSync(abs).isFile()) continue;
        if (CANDIDATE.test(ent.name)) {
          if (!SKIP_FILES.has(ent.name)) out(abs, false, c.rel);
        } else if (wanted(abs) && byContent(w, abs, ent.name)) out(abs, true, c.rel);
      } catch {
        /* dangling link: nothing to analyse */
      }
    } else if (ent.isFile() && CANDIDATE.test(ent.name)) {
      if (!SKIP_FILES.has(ent.name)) out(abs, false, rel);
    } else if (ent.isFile() && wanted(abs) && byContent(w, abs, ent.name)) {
      out(abs, true, rel);
    }
  }
}

function exists(p: string): boolean {
  try {
    lstatSync(p);
    return true;
  } catch {
    return false;
  }
}

function statSafe(p: string) {
  try {
    return statSync(p);
  } catch {
    return undefined;
  }
}






/** Would a directory walk consider this repo-relative file (extension, not a known non-infrastructure file or dir)? */
export function isCandidateFile(rel: string): boolean {
  const parts = rel.split('/');
  const name = parts[parts.length - 1] ?? '';
  if (parts.slice(0, -1).some((d) => SKIP_DIRS.has(d))) return false;
  return CANDIDATE.test(name) && !SKIP_FILES.has(name);
}

/**
 * Would a walk analyse this repo-relative file (a changed file in a pull request)? By name (isCandidateFile), else
 * by content (sniff.ts), read contained in the repository. `sniffed` says it was its content.
 */
export function analysableFile(root: string, rel: string, maxBytes: number): { sniffed: boolean } | undefined {
  if (isCandidateFile(rel)) return { sniffed: false };
  const parts = rel.split('/');
  const name = parts[parts.length - 1] ?? '';
  if (parts.slice(0, -1).some((d) => SKIP_DIRS.has(d)) || SKIP_FILES.has(name)) return undefined;
  const c = containedPath(root, path.resolve(root, rel));
  if ('error' in c || !statSafe(c.real)?.isFile()) return undefined;
  return sniffFile(c.real, name, maxBytes) !== undefined ? { sniffed: true } : undefined;
}

/** Does a repo-relative path lie under a directory a walk never enters (node_modules, venv, .terraform, ...)? */
export function underSkippedDir(rel: string): boolean {
  return rel.split('/').some((d) => SKIP_DIRS.has(d));
}
