/**
 * Adversarial suite, scan mode: every raw JSON, CloudFormation/SAM, .tf, .tf.json and plan JSON case run through
 * the gate in-process (runGate, Access Analyzer off, fixed clock), the hostile-size ones through the CLI from source
 * in a child process with a kill timeout. A dangerous case passes when the verdict is not `pass`; a control when it is.
 */
import { describe, expect, it } from 'vitest';
import { SCAN_CASES } from './cases/index.js';
import { runScanCase } from './run-scan.js';

describe('adversarial: scan mode', () => {
  for (const c of SCAN_CASES.filter((x) => !x.isolate)) {
    it(`${c.cls} ${c.format} ${c.id}: ${c.description} -> ${c.expect}`, { timeout: 30_000 }, async () => {
      const r = await runScanCase(c);
      if (c.expect === 'pass') expect(r.status, r.detail).toBe('pass');
      else expect(['fail', 'incomplete'], r.detail).toContain(r.status);
    });
  }
  // child processes, two at a time (a hang costs one slot until its kill timeout, not the whole file)
  for (const c of SCAN_CASES.filter((x) => x.isolate)) {
    it.concurrent(`${c.cls} ${c.format} ${c.id}: ${c.description} -> ${c.expect}`, { timeout: 180_000 }, async () => {
      const r = await slot(() => runScanCase(c));
      if (c.expect === 'pass') expect(r.status, r.detail).toBe('pass');
      else expect(['fail', 'incomplete'], r.detail).toContain(r.status);
    });
  }
});

let running = 0;
const waiting: (() => void)[] = [];
async function slot<T>(f: () => Promise<T>): Promise<T> {
  if (running >= 2) await new Promise<void>((r) => waiting.push(r));
  running++;
  try {
    return await f();
  } finally {
    running--;
    waiting.shift()?.();
  }
}
