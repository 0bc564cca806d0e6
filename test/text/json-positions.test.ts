import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseDocument, LineCounter, isMap, isSeq, isPair, isScalar } from 'yaml';
import type { Node as YamlNode } from 'yaml';
import { parseJsonWithPositions, JsonSyntaxError } from '../../src/text/json-positions.js';
import { escapeSegment } from '../../src/policy/source-map.js';
import { corpus } from '../helpers/corpus.js';

/** An independent reference: the yaml package's own node ranges, walked by JSON pointer. */
function yamlStarts(text: string): { value: unknown; starts: Map<string, string> } {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc });
  const starts = new Map<string, string>();
  const walk = (node: YamlNode | null, ptr: string) => {
    if (!node) return;
    const p = lc.linePos(node.range![0]);
    starts.set(ptr, `${p.line}:${p.col}`);
    if (isMap(node)) for (const pair of node.items) if (isPair(pair) && isScalar(pair.key)) walk(pair.value as YamlNode, `${ptr}/${escapeSegment(String(pair.key.value))}`);
    if (isSeq(node)) node.items.forEach((it, i) => walk(it as YamlNode, `${ptr}/${i}`));
  };
  walk(doc.contents as YamlNode, '');
  return { value: doc.toJS(), starts };
}

describe('JSON parser with positions', () => {
  const c = corpus();
  it(`agrees with JSON.parse and with the yaml parser positions on every policy of the ${c.name}`, () => {
    const all = c.files(['policies', 'scp']);
    expect(all.length).toBeGreaterThanOrEqual(c.atLeast(100));
    for (const f of all) {
      const text = readFileSync(f, 'utf8');
      const ours = parseJsonWithPositions(text, 'f');
      expect(ours.value).toEqual(JSON.parse(text));
      const ref = yamlStarts(text);
      for (const [ptr, at] of ref.starts) {
        const s = ours.spans.get(ptr)!;
        expect(`${s.start.line}:${s.start.column}`, `${path.relative(c.root, f)} ${ptr}`).toBe(at);
      }
    }
  });

  it('decodes escapes and keeps numbers beyond double range as text', () => {
    const r = parseJsonWithPositions('{"a":"x\\u0041\\n\\"","b":[1,-2.5e3,123456789012345678901234567890,1e400]}', 'f');
    expect(r.value).toEqual({ a: 'xA\n"', b: [1, -2500, 123456789012345678901234567890, '1e400'] });
  });

  it.each([
    ['{"a":1,}', 1, 8, /property name/],
    ['{"a" 1}', 1, 6, /expected ':'/],
    ['[1 2]', 1, 4, /expected ',' or ']'/],
    ['{\n  "a": tru\n}', 2, 8, /unexpected "t"/],
    ['{"a":"\x01"}', 1, 7, /control character/],
    ['{"a":1,\n "a":2}', 2, 2, /duplicate key "a"/],
    ['{"a":1} x', 1, 9, /after the JSON value/],
    ['"abc', 1, 1, /unterminated string/],
  ])('reports %j at line %i column %i', (text, line, column, msg) => {
    try {
      parseJsonWithPositions(text, 'f');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(JsonSyntaxError);
      expect(e).toMatchObject({ line, column });
      expect((e as Error).message).toMatch(msg);
    }
  });

  it('bounds nesting depth', () => {
    expect(() => parseJsonWithPositions('['.repeat(600) + ']'.repeat(600), 'f')).toThrow(/nesting deeper than 512/);
  });

  // keys are the object's own data properties, whatever they are called (PR content): as JSON.parse makes them
  it('keeps every key as an own data property, `__proto__` and Object.prototype names included, and refuses their duplicates', () => {
    const text = '{"__proto__": {"polluted": 1}, "constructor": 2, "toString": "x", "hasOwnProperty": [3], "10": 4, "2": 5, "b": 6}';
    const v = parseJsonWithPositions(text, 'f').value as Record<string, unknown>;
    const ref = JSON.parse(text) as Record<string, unknown>;
    expect(Object.getPrototypeOf(v)).toBe(Object.prototype);
    expect(Object.keys(v)).toEqual(Object.keys(ref));
    expect(Object.getOwnPropertyDescriptors(v)).toEqual(Object.getOwnPropertyDescriptors(ref));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    for (const k of ['__proto__', 'constructor', 'toString', '10']) {
      expect(() => parseJsonWithPositions(`{"${k}": 1, "a": 0,\n "${k}": 2}`, 'f'), k).toThrow(JsonSyntaxError);
      expect(() => parseJsonWithPositions(`{"${k}": 1, "a": 0,\n "${k}": 2}`, 'f'), k).toThrow(`duplicate key "${k}"`);
    }
  });
});

