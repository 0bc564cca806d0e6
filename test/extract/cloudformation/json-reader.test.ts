/**
 * The direct JSON reader for JSON templates gives the same tree (values, keys, offsets) as the YAML parser it
 * replaces for them, on every JSON file of the corpus (test/helpers/corpus.ts) and on generated JSON; what is not strict JSON goes
 * to the YAML parser, so its errors are unchanged.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { plain, parseTemplate, type CNode } from '../../../src/extract/cloudformation/yaml.js';
import { corpus } from '../../helpers/corpus.js';

type Norm = unknown;
const norm = (n: CNode): Norm =>
  n.kind === 'map'
    ? { k: 'map', s: n.start, e: n.end, entries: [...n.entries].map(([key, v]) => [key, n.keys.get(key), norm(v)]) }
    : n.kind === 'seq'
      ? { k: 'seq', s: n.start, e: n.end, items: n.items.map(norm) }
      : { k: 'scalar', s: n.start, e: n.end, v: n.value };

function both(text: string): { json: Norm; yaml: Norm; lines: [number, number][] } {
  const a = parseTemplate(text, 't.json');
  const b = parseTemplate(text, 't.json', { json: false });
  const lines: [number, number][] = [];
  const walk = (x: CNode, y: CNode) => {
    lines.push([a.src.lineCounter.linePos(x.start).line, b.src.lineCounter.linePos(y.start).line]);
    if (x.kind === 'map' && y.kind === 'map') for (const [k, v] of x.entries) walk(v, y.entries.get(k)!);
    if (x.kind === 'seq' && y.kind === 'seq') x.items.forEach((v, i) => walk(v, y.items[i]!));
  };
  walk(a.root, b.root);
  return { json: norm(a.root), yaml: norm(b.root), lines };
}

describe('JSON templates: direct reader vs YAML parser', () => {
  const c = corpus();
  it(`agree on every JSON file of the ${c.name} (tree, offsets, lines)`, () => {
    const files = c.files(['cloudformation', 'sam', 'policies']);
    let compared = 0;
    for (const f of files) {
      const text = readFileSync(f, 'utf8');
      if (!/^\uFEFF?\s*\{/.test(text)) continue;
      let r: ReturnType<typeof both>;
      try {
        r = both(text);
      } catch {
        continue; // invalid for both (checked below for generated input)
      }
      const rel = path.relative(c.root, f);
      expect(r.json, rel).toEqual(r.yaml);
      for (const [x, y] of r.lines) expect(x, rel).toBe(y);
      compared++;
    }
    expect(compared).toBeGreaterThanOrEqual(c.atLeast(100));
  });

  it('agree on generated JSON documents, pretty or compact', () => {
    const key = fc.string({ maxLength: 8 });
    const scalar = fc.oneof(fc.string({ maxLength: 12 }), fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant(null));
    const doc = fc.dictionary(key, fc.jsonValue({ maxDepth: 4 }).map((v) => v), { maxKeys: 6 });
    fc.assert(
      fc.property(doc, scalar, fc.boolean(), (d, s, pretty) => {
        const text = JSON.stringify({ ...d, Scalar: s }, null, pretty ? 2 : undefined);
        let r: ReturnType<typeof both>;
        try {
          r = both(text);
        } catch (e) {
          // both paths must reject the same input (duplicate keys cannot come from JSON.stringify)
          expect(() => parseTemplate(text, 't.json', { json: false })).toThrow();
          return;
        }
        expect(r.json).toEqual(r.yaml);
      }),
      { numRuns: 300 },
    );
  });

  it('warns on a duplicate key (the later one wins, as in CloudFormation), and leaves what is not strict JSON to the YAML parser', () => {
    const dup = parseTemplate('{\n  "Resources": {"A": 1},\n  "Resources": {"B": 2}\n}', 't.json');
    expect(dup.warnings).toEqual([expect.objectContaining({ rule: 'duplicate-key', line: 2 })]);
    expect(plain(dup.root)).toEqual({ Resources: { B: 2 } });
    // a trailing comma is not JSON; YAML's flow mapping accepts it, as before
    expect(parseTemplate('{ "A": 1, }', 't.json').root).toMatchObject({ kind: 'map' });
    expect(() => parseTemplate('{ "A": ', 't.json')).toThrow();
  });

  // the JSON reader skips the bracket pre-scan: at, around and past the nesting limit it must refuse (or read) each
  // text exactly as the pre-scan and the YAML parser do, with the same message, line and column
  it('refuses JSON nested past the limit exactly as the bracket pre-scan does (message, line, column)', () => {
    const outcome = (text: string, json: boolean): unknown => {
      try {
        return norm(parseTemplate(text, 't.json', { maxDepth: 8, json }).root);
      } catch (e) {
        const err = e as { message: string; line?: number; column?: number };
        return { message: err.message, line: err.line, column: err.column };
      }
    };
    const nest = (depth: number, inner: string, pretty: boolean): string => {
      let t = inner;
      for (let i = 1; i < depth; i++) t = i % 2 ? `{"k${i}": ${t}}` : `[1, ${t}]`;
      return pretty ? `{\n  "Resources":\n    ${t}\n}` : `{"Resources": ${t}}`;
    };
    let refused = 0;
    for (const depth of [6, 7, 8, 9, 10, 40]) {
      for (const inner of ['[]', '{}', '"x"', '[1]', '{"a": "b"}', '[[]]', '"[[[[[[[[[["', '"\\"']) {
        for (const pretty of [false, true]) {
          const text = nest(depth, inner, pretty);
          const a = outcome(text, true);
          expect(a, text).toEqual(outcome(text, false));
          if ((a as { message?: string }).message?.startsWith('nesting deeper')) refused++;
        }
      }
    }
    expect(refused).toBeGreaterThan(20);
    // too deep and too large at once: the depth is reported, as before
    const big = `{"A": [${Array.from({ length: 40 }, () => '1').join(', ')}], "B": ${nest(12, '[]', false)}}`;
    expect(() => parseTemplate(big, 't.json', { maxDepth: 8, maxNodes: 10 })).toThrow(/nesting deeper than 8 levels/);
  });
});
