/**
 * Node built-ins most runs never use, loaded when first asked for rather than when the bundle starts (every import
 * of the bundle is evaluated at start-up): `child_process` (git: pull-request, `--base`, shard and Action runs; it
 * loads `net` and `dgram` too) and `zlib` (the AWS managed policies' data, Terraform's base64gzip). About 4 ms of
 * every start that uses neither (a raw-policy scan, `--version`). Likewise `worker_threads` (it loads worker
 * messaging, locks and the stream classes: ~2 ms; only a run with worker threads, and a worker itself, needs it).
 */
import { createRequire } from 'node:module';

type Builtins = {
  'node:child_process': typeof import('node:child_process');
  'node:zlib': typeof import('node:zlib');
  'node:worker_threads': typeof import('node:worker_threads');
};

function builtin<K extends keyof Builtins>(name: K): Builtins[K] {
  // process.getBuiltinModule: Node 22.3+ (no module facade); before it, the CommonJS loader
  return (process.getBuiltinModule?.(name) as Builtins[K] | undefined) ?? (createRequire(import.meta.url)(name) as Builtins[K]);
}

export function childProcess(): typeof import('node:child_process') {
  return builtin('node:child_process');
}

export function zlib(): typeof import('node:zlib') {
  return builtin('node:zlib');
}

export function workerThreads(): typeof import('node:worker_threads') {
  return builtin('node:worker_threads');
}
