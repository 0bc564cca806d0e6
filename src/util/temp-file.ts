/**
 * A private temporary file for a run's spills (findings, held files): a folder of its own in os.tmpdir() (mkdtemp:
 * 0700), the file created 0600, and, where the system allows it (not Windows), both removed from the file system at
 * once: the run reads and writes the file through its descriptor only, and the system frees it when the descriptor
 * closes, however the process ends (a killed or cancelled run leaves nothing behind, and nothing is there for another
 * process to open). Where it cannot be removed while open, `dir` is returned for the caller to remove at exit.
 */
import { mkdtempSync, openSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export function openPrivateTemp(prefix: string, name: string): { fd: number; dir?: string } {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  let fd: number;
  try {
    fd = openSync(path.join(dir, name), 'w+', 0o600);
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  if (process.platform !== 'win32') {
    try {
      rmSync(dir, { recursive: true, force: true });
      return { fd };
    } catch {
      // kept: the caller removes it at exit
    }
  }
  return { fd, dir };
}
