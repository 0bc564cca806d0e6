/**
 * No array spread into a call in src/: `target.push(...items)`, `Math.max(...items)` pass every element as an
 * argument and overflow the stack past ~100,000 elements (an 85,000-statement policy crashed the whole run). PR
 * content decides most lengths, so src/ uses src/util/arrays.ts (appendAll, maxOf, minOf). The only spreads allowed
 * are of values whose length is fixed by our own code, listed here with the reason.
 */
import { describe, expect, it } from 'vitest';
import ts from 'typescript';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { appendAll, maxOf, minOf } from '../../src/util/arrays.js';
import { tsFiles } from '../helpers/src-files.js';

const SRC = path.resolve(import.meta.dirname, '..', '..', 'src');
/** file (src-relative) + spread expression -> why its length is bounded */
const BOUNDED: Record<string, string> = {
  'catalog/load.ts rel': 'a constant path below the package',
  'checks/least-privilege/entities.ts names': 'rest parameter: property names written in our source',
  'checks/rules/weak-password-policy.ts c.names': 'property names of a constant table',
  'extract/cloudformation/yaml.ts this.lc(n)': 'a [line, column] pair',
  'extract/cloudformation/yaml.ts this.lc(k)': 'a [line, column] pair',
  'text/positions.ts lc(k)': 'a [line, column] pair',
};

describe('no spread of an array into a call in src/', () => {
  it('every call-argument spread is of a bounded, listed value', () => {
    const found: string[] = [];
    for (const file of tsFiles(SRC)) {
      const rel = path.relative(SRC, file).split(path.sep).join('/');
      const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
      const visit = (n: ts.Node): void => {
        if (ts.isSpreadElement(n) && (ts.isCallExpression(n.parent) || ts.isNewExpression(n.parent))) {
          const key = `${rel} ${n.expression.getText(sf)}`;
          if (!BOUNDED[key]) found.push(`${key} (line ${sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1}): use appendAll/maxOf/minOf from src/util/arrays.ts`);
        }
        ts.forEachChild(n, visit);
      };
      visit(sf);
    }
    expect(found).toEqual([]);
  });

  it('the helpers take arrays far past the argument limit', () => {
    const big = Array.from({ length: 500_000 }, (_, i) => i);
    expect(() => [].push(...(big as never[]))).toThrow(RangeError); // what the lint prevents
    expect(appendAll([-1], big)).toHaveLength(500_001);
    expect(maxOf(big)).toBe(499_999);
    expect(minOf(big)).toBe(0);
    expect(maxOf([], 1)).toBe(1);
    expect(minOf([3, Number.NaN, 1])).toBeNaN();
  });
});
