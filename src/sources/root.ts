/** Which directory is "the repository": nothing outside it is read (includes, symlinks, file() calls). */
import { existsSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';

function gitTop(dir: string): string | undefined {
  let d = dir;
  for (;;) {
    if (existsSync(path.join(d, '.git'))) return d;
    const up = path.dirname(d);
    if (up === d) return undefined;
    d = up;
  }
}

function inside(root: string, p: string): boolean {
  const rel = path.relative(root, p);
  return rel === '' || (rel !== '..' && !rel.startsWith('..' + path.sep) && !path.isAbsolute(rel));
}

/**
 * The explicit root if given; else the git work tree containing cwd (or cwd itself) when every path lies inside
 * it; else the deepest common directory of the given paths.
 */
export function resolveRoot(cwd: string, paths: string[], explicit?: string): string {
  if (explicit) return realpathSync(path.resolve(cwd, explicit));
  const realCwd = realpathSync(cwd);
  const base = gitTop(realCwd) ?? realCwd;
  const abs = paths.filter((p) => !/[*?[\]{}]/.test(p)).map((p) => {
    const a = path.resolve(realCwd, p);
    try {
      const r = realpathSync(a);
      return statSync(r).isDirectory() ? r : path.dirname(r);
    } catch {
      return path.dirname(a);
    }
  });
  if (abs.every((a) => inside(base, a))) return base;
  let common = abs[0]!;
  for (const a of abs.slice(1)) while (!inside(common, a)) common = path.dirname(common);
  return common;
}
