/** Every TypeScript file under `dir` (recursively), for tests that read the project's own sources. */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

export function tsFiles(dir: string, out: string[] = []): string[] {
  for (const n of readdirSync(dir)) {
    const p = path.join(dir, n);
    if (statSync(p).isDirectory()) tsFiles(p, out);
    else if (p.endsWith('.ts')) out.push(p);
  }
  return out;
}
