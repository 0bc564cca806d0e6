/**
 * Base versions of a change's files (the side a pull request or `--base` compares with): git at the base commit when
 * the checkout has it, else the head checkout with the change undone (what the change touched comes from the
 * contents API: sources/base-contents.ts), or prefetched contents. Reads are repository-relative and bounded.
 */
import { childProcess } from '../util/builtins.js';
import { decodeUtf8, ReadError } from '../text/read.js';
import type { RepoAccess } from './affected.js';

/** The base side of a change. `read` returns undefined when the file does not exist there; throws when unreadable. */
export interface BaseSource {
  /** What the base is, for the reader: a SHA or a ref. */
  label: string;
  read(rel: string): string | undefined;
  /** Files directly in a directory at the base ('' = the root), for formats that read siblings (Terraform). */
  list?(dir: string): string[];
  /** Head path -> base path, for renamed files. */
  renames?: Map<string, string>;
}

/** Text of base blobs kept in memory for repeated reads (characters). */
const MEMO_BYTES = 32 * 1024 * 1024;

const SHA_OR_REF = /^[A-Za-z0-9][A-Za-z0-9._\/@{}~^-]*$/;

/** The base from git: `git show <ref>:<path>`. The ref is validated (no option injection). */
export function gitBaseSource(root: string, ref: string, maxBytes: number, renames?: Map<string, string>): BaseSource {
  if (!SHA_OR_REF.test(ref) || ref.includes('..')) throw new Error(`invalid git ref: ${ref}`);
  let commit: string;
  try {
    commit = childProcess().execFileSync('git', ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
  } catch {
    throw new Error(`git ref ${ref} not found in ${root} (fetch enough history: actions/checkout with fetch-depth: 0)`);
  }
  // one listing of the base tree (paths relative to root, blob ids, sizes), then one process per file read
  let tree: Map<string, { sha: string; size: number }> | undefined;
  const listTree = () => {
    if (tree) return tree;
    tree = new Map();
    const out = childProcess().execFileSync('git', ['ls-tree', '-r', '-z', '-l', commit], { cwd: root, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'] });
    for (const entry of out.split('\0')) {
      const m = /^(?!120000)\d+ blob ([0-9a-f]+)\s+(\d+)\t([\s\S]+)$/.exec(entry);
      if (m) tree.set(m[3]!, { sha: m[1]!, size: Number(m[2]) });
    }
    return tree;
  };
  let dirs: Map<string, string[]> | undefined;
  const memo = new Map<string, string>();
  let memoBytes = 0;
  return {
    label: ref === commit ? commit.slice(0, 12) : ref,
    renames,
    list(dir) {
      if (!dirs) {
        dirs = new Map();
        for (const rel of listTree().keys()) {
          const i = rel.lastIndexOf('/');
          const d = i < 0 ? '' : rel.slice(0, i);
          const l = dirs.get(d);
          if (l) l.push(rel);
          else dirs.set(d, [rel]);
        }
        for (const l of dirs.values()) l.sort();
      }
      const d = dir === '.' ? '' : dir.replace(/^\.\//, '').replace(/\/+$/, '');
      return [...(dirs.get(d) ?? [])];
    },
    read(rel) {
      if (rel.startsWith('/') || rel.split('/').includes('..')) throw new ReadError(`refused: ${rel} is not a repository-relative path`);
      const blob = listTree().get(rel);
      if (!blob) return undefined;
      if (blob.size > maxBytes) throw new ReadError(`file is ${blob.size} bytes, over the ${maxBytes}-byte limit`);
      // a module's files read each other: one process per blob, not per read (bounded memo, oldest dropped first)
      const hit = memo.get(blob.sha);
      if (hit !== undefined) return hit;
      const text = decodeUtf8(childProcess().execFileSync('git', ['cat-file', 'blob', blob.sha], { cwd: root, maxBuffer: maxBytes + 1024, stdio: ['ignore', 'pipe', 'pipe'] }));
      memo.set(blob.sha, text);
      memoBytes += text.length;
      for (const [k, v] of memo) {
        if (memoBytes <= MEMO_BYTES) break;
        memo.delete(k);
        memoBytes -= v.length;
      }
      return text;
    },
  };
}

/**
 * The base as the head tree minus the change: a path the change does not touch is the same at both commits (read
 * from the checkout); a path it modified, removed or renamed away is read from `fetched` (the contents API at the
 * base SHA; not fetched = unreadable, never "absent"); a path it added does not exist at the base. Directory
 * listings are the head's, with the change undone.
 */
export function overlayBaseSource(
  label: string,
  head: RepoAccess,
  changes: { path: string; status: string; previousPath?: string }[],
  fetched: Map<string, string | undefined | Error>,
  renames?: Map<string, string>,
): BaseSource {
  const atBaseOnly = new Set<string>();
  const addedAtHead = new Set<string>();
  const touched = new Set<string>();
  for (const c of changes) {
    if (c.status === 'added' || c.status === 'renamed' || c.status === 'copied') addedAtHead.add(c.path);
    else touched.add(c.path);
    if (c.status === 'removed') atBaseOnly.add(c.path);
    if (c.previousPath) {
      touched.add(c.previousPath);
      if (c.status === 'renamed') atBaseOnly.add(c.previousPath);
    }
  }
  for (const p of touched) addedAtHead.delete(p); // a path both renamed away and re-added existed at the base
  const dirOf = (rel: string) => (rel.includes('/') ? rel.slice(0, rel.lastIndexOf('/')) : '');
  return {
    label,
    renames,
    read(rel) {
      if (fetched.has(rel)) {
        const v = fetched.get(rel);
        if (v instanceof Error) throw v;
        return v;
      }
      if (addedAtHead.has(rel)) return undefined;
      if (touched.has(rel)) throw new ReadError(`${rel}: the base version was not fetched`);
      return head.read(rel);
    },
    list(dir) {
      const d = dir === '.' ? '' : dir.replace(/^\.\//, '').replace(/\/+$/, '');
      const out = new Set(head.list(d).filter((p) => !addedAtHead.has(p)));
      for (const p of atBaseOnly) if (dirOf(p) === d) out.add(p);
      return [...out].sort();
    },
  };
}

/** Files tracked at `ref` and deleted in the working tree since (root-relative; the ref was validated by gitBaseSource). */
export function gitRemovedPaths(root: string, ref: string): string[] {
  if (!SHA_OR_REF.test(ref) || ref.includes('..')) throw new Error(`invalid git ref: ${ref}`);
  const out = childProcess().execFileSync('git', ['-c', 'core.quotepath=off', 'diff', '--name-only', '--relative', '--diff-filter=D', '-z', ref, '--'], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'] });
  return out.split('\0').filter(Boolean);
}

/** A base from prefetched contents (the contents API at the base SHA): undefined = absent at the base. */
export function mapBaseSource(label: string, files: Map<string, string | undefined | Error>, renames?: Map<string, string>): BaseSource {
  return {
    label,
    renames,
    read(rel) {
      const v = files.get(rel);
      if (v instanceof Error) throw v;
      return v;
    },
  };
}
