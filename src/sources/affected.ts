/**
 * What a change affects: the dependency information recorded while extracting, and the change's footprint.
 *
 * Each file's extraction reads other repository files (Terraform sibling `.tf` files and tfvars, `file()` /
 * `templatefile()` targets, local module sources; CloudFormation includes, nested stacks, parameter files, SAM
 * `DefinitionUri`) and lists directories (a module's siblings, auto-loaded tfvars). Every such access goes through
 * `RepoAccess`; wrapping it records the file's inputs, whatever the format, without the extractors having to
 * declare them (a read that fails is recorded too: a file that appears later changes the result).
 *
 * A file is affected by a change when one of its inputs is a changed path (added, modified, removed, either side of
 * a rename), or a directory it listed gained or lost a file.
 */
import path from 'node:path';
import type { ChangedFile } from './changed.js';
import type { Options } from '../config/options.js';
import { containedPath, listContained, readRepoFile } from '../text/read.js';

/** Repository access for extractors (includes, modules): contained, relative to the repository root. */
export interface RepoAccess {
  read(rel: string): string;
  list(dir: string): string[];
  /** The repository-relative real path of `rel` (symlinks resolved), when it exists inside the repository. */
  resolve?(rel: string): string | undefined;
}

/** Directory listings the memo holds before it starts over (a listing asked again after is made again). */
const LISTINGS_KEPT = 2048;

/**
 * Contained reads of the repository for extractors (includes, module files, nested stacks). One object per run:
 * a directory is listed (and its real path resolved) once, however many files list it (every plan lists each
 * directory above it, every `.tf` file its own), until the memo starts over past LISTINGS_KEPT directories.
 */
export function repoAccess(options: Pick<Options, 'root' | 'maxFileBytes'>): RepoAccess {
  const dirs = new Map<string, { files: string[]; real: string | undefined }>();
  const listed = (abs: string) => {
    let hit = dirs.get(abs);
    if (!hit) {
      // a cache of the last folders listed, not of every folder of the run (a 100,000-file scan: ~2.5 MB)
      if (dirs.size >= LISTINGS_KEPT) dirs.clear();
      const c = containedPath(options.root, abs);
      hit = { files: 'error' in c ? [] : listContained(c), real: 'error' in c ? undefined : c.rel };
      dirs.set(abs, hit);
    }
    return hit;
  };
  return {
    read: (rel) => readRepoFile(options.root, rel, options.maxFileBytes),
    list: (dir) => listed(path.resolve(options.root, dir)).files.slice(),
    resolve: (rel) => {
      const abs = path.resolve(options.root, rel);
      const hit = dirs.get(abs);
      if (hit) return hit.real;
      const c = containedPath(options.root, abs);
      return 'error' in c ? undefined : c.rel;
    },
  };
}

/** What one file's extraction read (its own path included) and which directories it listed. */
export interface FileInputs {
  reads: Set<string>;
  lists: Set<string>;
}

/** The footprint of a change on the repository tree. */
export interface ChangeScope {
  /** Every path the change touches: head paths, the base paths of renames and copies, removed paths. */
  paths: Set<string>;
  /** Directories whose listing changed: a file added, removed or renamed into or out of them ('' = the root). */
  listings: Set<string>;
  /** Paths that exist at the base and no longer at the head (removed, or renamed away). */
  removed?: Set<string>;
}

const norm = (p: string) => p.replace(/^\.\/+/, '').replace(/\/+$/, '');
export const dirOf = (rel: string): string => {
  const d = path.posix.dirname(norm(rel));
  return d === '.' ? '' : d;
};

export function changeScope(files: ChangedFile[]): ChangeScope {
  const paths = new Set<string>();
  const listings = new Set<string>();
  const removed = new Set<string>();
  for (const f of files) {
    if (f.status === 'removed') removed.add(norm(f.path));
    if (f.status === 'renamed' && f.previousPath) removed.add(norm(f.previousPath));
    if (f.status === 'unchanged') continue;
    paths.add(norm(f.path));
    if (f.previousPath) paths.add(norm(f.previousPath));
    if (f.status !== 'modified' && f.status !== 'changed') {
      listings.add(dirOf(f.path));
      if (f.previousPath) listings.add(dirOf(f.previousPath));
    }
  }
  for (const f of files) if (f.status !== 'removed') removed.delete(norm(f.path)); // renamed away and re-created: still there
  return { paths, listings, removed };
}

export function newInputs(own: string): FileInputs {
  return { reads: new Set([norm(own)]), lists: new Set() };
}

/** `repo` with every read and listing recorded into `into` (before the access, so a failing one counts). */
export function recordingRepo(repo: RepoAccess, into: FileInputs): RepoAccess {
  return {
    read: (rel) => {
      recordRead(repo, into, rel);
      return repo.read(rel);
    },
    list: (dir) => {
      const d = norm(path.posix.normalize(dir || '.'));
      into.lists.add(d === '.' ? '' : d);
      // listed first: repoAccess then answers resolve from the directory it just resolved to list it
      const files = repo.list(dir);
      const real = repo.resolve?.(d === '.' ? '' : d);
      if (real !== undefined) into.lists.add(real);
      return files;
    },
    ...(repo.resolve ? { resolve: repo.resolve } : {}),
  };
}

/**
 * Record `rel` as read, and the file it really is when a symlink (a change to the target is a change to it).
 * `resolved`: what `repo.resolve` gives for `rel`, when the read already found it (text/read.ts readRepoFileAt).
 */
export function recordRead(repo: RepoAccess, into: FileInputs, rel: string, resolved?: string): void {
  const p = norm(path.posix.normalize(rel));
  into.reads.add(p);
  const real = repo.resolve ? (resolved ?? repo.resolve(p)) : undefined;
  if (real !== undefined && real !== p) into.reads.add(real);
}

/**
 * Does a file with these inputs depend on the change? A read path that changed, or lies under a changed path (a
 * symlinked directory added, removed or retargeted), or a listed directory that gained or lost a file.
 */
export function dependsOnChange(inputs: FileInputs, scope: ChangeScope): boolean {
  for (const r of inputs.reads) {
    if (scope.paths.has(r)) return true;
    for (let i = r.lastIndexOf('/'); i > 0; i = r.lastIndexOf('/', i - 1)) if (scope.paths.has(r.slice(0, i))) return true;
  }
  for (const d of inputs.lists) {
    if (scope.listings.has(d)) return true;
    for (let i = d.length; i > 0; i = d.lastIndexOf('/', i - 1)) if (scope.paths.has(d.slice(0, i))) return true;
  }
  return false;
}
