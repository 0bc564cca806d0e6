/**
 * A private temporary file for a run's spills (findings, held files): a folder of its own in os.tmpdir() (mkdtemp:
 * 0700), the file created 0600, and, where the system allows it (not Windows), both removed from the file system at
 * once: the run reads and writes the file through its descriptor only, and the system frees it when the descriptor
 * closes, however the process ends (a killed or cancelled run leaves nothing behind, and nothing is there for another
 * process to open). Where it cannot be removed while open, `dir` is returned for the caller to remove at exit.
 */
import { closeSync, mkdtempSync, openSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** No private temporary file could be made (the folder is missing, not writable or full): says where and what to do. */
export class TempFolderError extends Error {
  constructor(cause: unknown) {
    super(`cannot create a temporary file in ${os.tmpdir()} (${(cause as NodeJS.ErrnoException)?.code ?? (cause as Error)?.message ?? String(cause)}): point TMPDIR at a writable folder with room, and run again`);
    this.name = 'TempFolderError';
  }
}

export function openPrivateTemp(prefix: string, name: string): { fd: number; dir?: string } {
  let dir: string;
  try {
    dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  } catch (e) {
    throw new TempFolderError(e);
  }
  let fd: number;
  try {
    fd = openSync(path.join(dir, name), 'w+', 0o600);
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    throw new TempFolderError(e);
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

/** Temporary files of this process not yet disposed of: removed at exit where they could not be removed at once. */
const live = new Set<PrivateTemp>();
let listening = false;

/** One private temporary file (openPrivateTemp), closed and gone after `dispose` or at the process's exit. */
export class PrivateTemp {
  readonly fd: number;
  private readonly dir: string | undefined;
  private open = true;

  constructor(prefix: string, name: string) {
    const t = openPrivateTemp(prefix, name);
    this.fd = t.fd;
    this.dir = t.dir;
    live.add(this);
    if (!listening) {
      listening = true;
      process.once('exit', () => {
        for (const f of live) f.dispose();
      });
    }
  }

  dispose(): void {
    if (!this.open) return;
    this.open = false;
    live.delete(this);
    closeSync(this.fd);
    if (this.dir !== undefined) rmSync(this.dir, { recursive: true, force: true });
  }
}
