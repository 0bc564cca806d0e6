#!/usr/bin/env node
/** Process entry of the CLI bundle; in a worker thread of the file pool (src/parallel/), that worker's main. */
import { isGateWorker, runGateWorker, setWorkerEntry } from './parallel/worker.js';
import { runCli } from './cli.js';

if (isGateWorker()) runGateWorker();
else {
  setWorkerEntry(import.meta.url);
  runCli(process.argv.slice(2), {
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
    cwd: process.cwd(),
    isTTY: process.stdout.isTTY === true,
    stderrIsTTY: process.stderr.isTTY === true,
  }).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`iam-policy-gate: internal error: ${(e as Error)?.stack ?? String(e)}\n`);
      process.exitCode = 3;
    },
  );
}
