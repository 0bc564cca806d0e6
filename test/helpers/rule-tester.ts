/**
 * ESLint-style rule tests: each case is real policy JSON text; invalid cases list the expected findings by line.
 */
import { describe, expect, it } from 'vitest';
import type { Rule } from '../../src/checks/rules/types.js';
import { runRules } from '../../src/checks/rules/run.js';
import { rawExtractor } from '../../src/extract/raw.js';
import { defaultOptions } from '../../src/config/options.js';
import type { PolicyType } from '../../src/policy/types.js';
import type { Finding } from '../../src/findings/types.js';

export interface Case {
  name?: string;
  /** Policy JSON text; use JSON with one key per line so lines are meaningful. */
  code: string | object;
  policyType?: PolicyType;
}

export interface InvalidCase extends Case {
  errors: { line: number; message?: RegExp | string; severity?: Finding['severity'] }[];
}

export function policyFindings(rule: Rule, c: Case): Finding[] {
  const text = typeof c.code === 'string' ? c.code : JSON.stringify(c.code, null, 2);
  const options = defaultOptions('/repo');
  if (c.policyType) options.policyTypes = [{ files: ['**'], type: c.policyType }];
  const res = rawExtractor.extract({
    file: 'policy.json', repoPath: 'policy.json', displayPath: (p) => p, text, options, explicit: true,
    readRepoFile: () => { throw new Error('no reads'); },
  }) as ReturnType<typeof rawExtractor.extract> & { policies: unknown[] };
  if ('then' in res) throw new Error('async');
  expect(res.errors).toEqual([]);
  return runRules([rule], { policies: res.policies, entities: [], options });
}

export function ruleTester(rule: Rule, cases: { valid: Case[]; invalid: InvalidCase[] }): void {
  describe(`rule ${rule.meta.id}`, () => {
    it('has complete metadata', () => {
      expect(rule.meta.title.length).toBeGreaterThan(5);
      expect(rule.meta.description.length).toBeGreaterThan(20);
      expect(rule.meta.fix.length).toBeGreaterThan(10);
    });
    cases.valid.forEach((c, i) => {
      it(`valid ${c.name ?? i}`, () => {
        expect(policyFindings(rule, c).map((f) => `${f.line}: ${f.message}`)).toEqual([]);
      });
    });
    cases.invalid.forEach((c, i) => {
      it(`invalid ${c.name ?? i}`, () => {
        const found = policyFindings(rule, c);
        expect(found.map((f) => f.line)).toEqual(c.errors.map((e) => e.line));
        c.errors.forEach((e, j) => {
          if (e.message instanceof RegExp) expect(found[j]!.message).toMatch(e.message);
          else if (e.message) expect(found[j]!.message).toContain(e.message);
          if (e.severity) expect(found[j]!.severity).toBe(e.severity);
          expect(found[j]!.ruleId).toBe(rule.meta.id);
        });
      });
    });
  });
}
