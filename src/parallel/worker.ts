/**
 * A worker thread of the file pool (pool.ts): receives batches of self-contained files, analyses each on its own
 * (stream.ts `analyseAlone`) with the options the main thread passed (never re-read from the repository) and an
 * engine context of its own, and sends back plain outcomes. A file whose analysis throws, or whose outcome cannot
 * be sent, comes back `local`: the main thread analyses it as the in-process flow does.
 */
import path from 'node:path';
import { workerThreads } from '../util/builtins.js';
import type { Options } from '../config/options.js';
import { EngineContext, withEngineContext } from '../engine/context.js';
import type { SourceFile } from '../sources/files.js';
import { repoAccess } from '../sources/affected.js';
import type { RepoAccess } from '../sources/affected.js';
import { analyseAlone } from '../stream.js';
import type { FileOutcome } from '../stream.js';

import { testFaultSpec } from './entry.js';

export { isGateWorker, setWorkerEntry } from './entry.js';

/** One batch: files by their position in the scan. */
export interface Batch {
  id: number;
  items: [number, SourceFile][];
}

/** The worker's main: answers batches until the pool terminates it. */
export function runGateWorker(): void {
  const { parentPort, workerData } = workerThreads();
  const { options } = workerData as { options: Options };
  const repo = repoAccess(options);
  const ctx = new EngineContext();
  const fault = testFault();
  let chain = Promise.resolve();
  parentPort!.on('message', (m: Batch) => {
    chain = chain.then(() => withEngineContext(ctx, () => runBatch(m, options, repo, fault)));
  });
}

async function runBatch(m: Batch, options: Options, repo: RepoAccess, fault: ((rel: string) => void) | undefined): Promise<void> {
  const outcomes: FileOutcome[] = [];
  for (const [, f] of m.items) {
    fault?.(f.rel);
    try {
      outcomes.push(await analyseAlone(f, options, repo));
    } catch {
      outcomes.push({ kind: 'local' });
    }
  }
  const { parentPort } = workerThreads();
  try {
    parentPort!.postMessage({ id: m.id, outcomes });
  } catch {
    parentPort!.postMessage({ id: m.id, outcomes: outcomes.map((o) => (cloneable(o) ? o : { kind: 'local' })) });
  }
}

function cloneable(o: FileOutcome): boolean {
  try {
    structuredClone(o);
    return true;
  } catch {
    return false;
  }
}

/** The test hook of entry.ts `testFaultSpec`, in the worker. */
function testFault(): ((rel: string) => void) | undefined {
  const spec = testFaultSpec();
  if (!spec) return undefined;
  const [mode, name] = [spec.slice(0, spec.indexOf(':')), spec.slice(spec.indexOf(':') + 1)];
  return (rel) => {
    if (path.posix.basename(rel) !== name) return;
    if (mode === 'exit') process.exit(70);
    const hog: string[][] = [];
    for (;;) hog.push(new Array<string>(1 << 20).fill(rel));
  };
}
