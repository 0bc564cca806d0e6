/**
 * Every golden case of more than one file, run as 2 and as 3 shards and merged: the same output (verdict, findings,
 * errors, access diff, SCP impact) as its expected.json, i.e. as the unsharded run.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { CASES_DIR, caseNames, caseSpec, describeDiff, formatExpected, readExpected, runCase } from '../golden/golden.js';

const fileCount = (dir: string): number => readdirSync(dir, { withFileTypes: true }).reduce((n, e) => n + (e.isDirectory() ? fileCount(path.join(dir, e.name)) : 1), 0);
const multiFile = caseNames().filter((name) => fileCount(path.resolve(CASES_DIR, name, caseSpec(name).input ?? 'input')) > 1);

describe('golden cases, sharded and merged', () => {
  it('covers the cases of several files', () => {
    expect(multiFile.length).toBeGreaterThanOrEqual(10);
  });
  for (const name of multiFile) {
    it(name, async () => {
      const expected = readExpected(name)!;
      for (const shards of [2, 3]) {
        const actual = await runCase(name, { shards });
        const diff = describeDiff(name, expected, actual);
        if (diff) throw new Error(`${shards} shards:\n${diff}`);
        expect(formatExpected(actual)).toBe(formatExpected(expected));
      }
    });
  }
});
