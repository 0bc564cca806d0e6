/**
 * Adversarial suite, scan mode: every raw JSON, CloudFormation/SAM, .tf, .tf.json and plan JSON case run through
 * the gate in-process (runGate, Access Analyzer off, fixed clock), the hostile-size ones through the CLI from source
 * in a child process with a kill timeout. A dangerous case passes when the verdict is not `pass`; a control when it is.
 */
import { describe, expect, it } from 'vitest';
import { SCAN_CASES } from './cases/index.js';
import { runScanCase } from './run-scan.js';

describe('adversarial: scan mode', () => {
  it('has enough cases and controls', () => {
    expect(SCAN_CASES.filter((c) => c.expect === 'pass').length).toBeGreaterThanOrEqual(15);
    expect(new Set(SCAN_CASES.map((c) => c.id)).size).toBe(SCAN_CASES.length);
  });
  for (const c of SCAN_CASES) {
    it(`${c.cls} ${c.format} ${c.id}: ${c.description} -> ${c.expect}`, { timeout: c.isolate ? 90_000 : 30_000 }, async () => {
      const r = await runScanCase(c);
      if (c.expect === 'pass') expect(r.status, r.detail).toBe('pass');
      else expect(['fail', 'incomplete'], r.detail).toContain(r.status);
    });
  }
});
