/**
 * The golden suite: every case under test/golden/cases/ through the gate (offline, fixed clock), compared with its
 * expected.json. A failure prints what changed, finding by finding. If the change is intended, run
 * `npm run golden:update` and commit the expected.json diff with the change that caused it.
 */
import { describe, expect, it } from 'vitest';
import { caseNames, caseSpec, describeDiff, formatExpected, readExpected, runCase } from './golden.js';

const names = caseNames();

describe('golden cases', () => {
  it('there are at least 40, each with an expected.json', () => {
    expect(names.length).toBeGreaterThanOrEqual(40);
    expect(names.filter((n) => !readExpected(n)), 'cases without expected.json: run npm run golden:update').toEqual([]);
  });

  for (const name of names) {
    const description = caseSpec(name).description;
    it(`${name}${description ? `: ${description}` : ''}`, async () => {
      const expected = readExpected(name);
      if (!expected) throw new Error(`golden case ${name} has no expected.json: run npm run golden:update -- ${name}`);
      const actual = await runCase(name);
      const diff = describeDiff(name, expected, actual);
      if (diff) throw new Error(`${diff}\n\nIntended? npm run golden:update -- ${name}, then review git diff test/golden`);
      expect(formatExpected(actual)).toBe(formatExpected(expected));
    });
  }
});
