/**
 * Which file a worker thread runs, and whether this thread is one. A worker runs the same start file as the process
 * (dist/cli.js, dist/index.js: .ci/launcher.mjs, which loads the bundle next to it with the code cache, read-only in
 * a worker), and the bundle asks `isGateWorker()` before doing anything else. The bundle's `import.meta.url` is the
 * start file's URL (the launcher passes its own), so registering it names a file a worker can run. Only a bundle
 * registers itself (`setWorkerEntry`); from the TypeScript sources (tsx, vitest) nothing is registered and the
 * file-by-file flow stays in this thread.
 */
import { workerThreads } from '../util/builtins.js';

export const WORKER_TAG = 'iam-policy-gate/file-worker';

let entry: URL | undefined;

/** The running bundle's own URL (its `import.meta.url`); a source file (`.ts`) is not registered. */
export function setWorkerEntry(url: string): void {
  if (url.startsWith('file:') && url.endsWith('.js')) entry = new URL(url);
}

export function workerEntry(): URL | undefined {
  return entry;
}

/**
 * This thread is a worker the file pool started (src/parallel/pool.ts). The pool also puts WORKER_TAG in the worker's
 * argv, so a run whose argv lacks it (every CLI and Action run) knows it is not one without loading worker_threads
 * (util/builtins.ts); with it, worker_threads decides as before (a user passing the text as an argument is not one).
 */
export function isGateWorker(): boolean {
  if (!process.argv.includes(WORKER_TAG)) return false;
  const { isMainThread, workerData } = workerThreads();
  return !isMainThread && (workerData as { tag?: unknown } | null)?.tag === WORKER_TAG;
}

/**
 * Test hook, honoured only under the test runner (VITEST set): `IAM_POLICY_GATE_TEST_WORKER_FAULT=exit:NAME` ends
 * a worker when it reaches a file named NAME, `oom:NAME` runs it out of memory there (worker.ts), and only the
 * workers analyse pooled files, so the fault is met. Environment only, never repository content.
 */
export function testFaultSpec(): string | undefined {
  const spec = process.env.IAM_POLICY_GATE_TEST_WORKER_FAULT;
  return spec && process.env.VITEST ? spec : undefined;
}
