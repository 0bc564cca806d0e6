/** The adversarial suite's own shape: enough dangerous cases for every class, enough controls, unique ids. */
import { describe, expect, it } from 'vitest';
import { CONFIG_CASES, PR_CASES, SCAN_CASES } from './cases/index.js';
import type { CaseClass } from './cases/types.js';

const all = [...SCAN_CASES, ...CONFIG_CASES, ...PR_CASES];

describe('adversarial suite inventory', () => {
  it('has at least 150 dangerous cases and 25 benign controls, with unique ids', () => {
    expect(all.filter((c) => c.expect === 'not-pass').length).toBeGreaterThanOrEqual(150);
    expect(all.filter((c) => c.expect === 'pass').length).toBeGreaterThanOrEqual(25);
    expect(new Set(all.map((c) => c.id)).size).toBe(all.length);
  });

  it('covers every class of issue 15 with several dangerous cases, and every input format', () => {
    const classes: CaseClass[] = ['1-config', '2-scope', '3-vacuous', '4-unknown', '5-baseline', '6-holder', '7-hostile'];
    for (const k of classes) expect(all.filter((c) => c.cls === k && c.expect === 'not-pass').length, k).toBeGreaterThanOrEqual(5);
    for (const f of ['raw-json', 'cfn', 'sam', 'tf', 'tf-json', 'plan', 'config'] as const) expect(all.some((c) => c.format === f), f).toBe(true);
    expect(PR_CASES.length).toBeGreaterThanOrEqual(25);
  });
});
