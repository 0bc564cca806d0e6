/**
 * A merge reads a report's findings one at a time (shard/report-text.ts): the text split at its top-level
 * `findings` list must give exactly what JSON.parse of the whole text gives, for any values (a report is data, never
 * trusted), and anything else must fall back to the whole parse.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitFindings } from '../../src/shard/report-text.js';

/** What the merge reads through the split: the rest parsed, the findings put back, each parsed on its own. */
function viaSplit(text: string): unknown {
  const bytes = Buffer.from(text, 'utf8');
  const s = splitFindings(bytes);
  if (!s) return undefined;
  const rest = JSON.parse(s.rest) as Record<string, unknown>;
  const findings: unknown[] = [];
  for (const e of s.entries()) findings.push(JSON.parse(e));
  expect(rest.findings).toEqual([]);
  return { ...rest, findings };
}

describe('a report split at its findings', () => {
  it('gives what JSON.parse gives, for any values, pretty-printed or not', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string({ unit: 'binary' }), fc.jsonValue()), fc.array(fc.jsonValue()), fc.boolean(), (rest, findings, pretty) => {
        const report = { ...rest, findings, after: rest };
        const text = pretty ? JSON.stringify(report, null, 2) : JSON.stringify(report);
        const parsed = JSON.parse(text) as Record<string, unknown>;
        const got = viaSplit(text) as Record<string, unknown>;
        expect(got).toBeDefined();
        // (the split puts `findings` back last: compare as objects, the order of keys aside)
        expect(got).toEqual(parsed);
        expect(Object.keys(got).sort()).toEqual(Object.keys(parsed).sort());
      }),
      { numRuns: 300 },
    );
  });

  it('texts that spell its own syntax inside strings stay strings', () => {
    const findings = ['"]', '\\\\', '\\"findings\\": [', { a: '}{][', b: ['"', '\\u0022'] }, -1.5e3, null, true];
    const text = JSON.stringify({ x: '"findings": [1]', findings, y: { findings: [2] } });
    expect(viaSplit(text)).toEqual(JSON.parse(text));
  });

  it('falls back to the whole parse when it cannot say (twice, not a list, not an object, broken)', () => {
    for (const text of [
      '{"findings": [1], "findings": [2]}',
      '{"findings": {"a": 1}}',
      '[{"findings": []}]',
      '{"findings": [1] ',
      '{"findings": [1, 2}',
      '{"findings": [1]} x',
      '{"a": 1}',
      '{"f\\u0069ndings": [1], "findings": [2]}',
    ]) {
      expect(splitFindings(Buffer.from(text)), text).toBeUndefined();
    }
    // inside the list: found as read, and a list that is not JSON throws (as JSON.parse of the whole does)
    for (const text of ['{"findings": [1 2]}', '{"findings": [1,]}', '{"findings": [,1]}', '{"findings": [1, {"a": 1,}]}']) {
      expect(() => viaSplit(text), text).toThrow();
      expect(() => JSON.parse(text), text).toThrow();
    }
    // an escaped key is the key it spells
    expect(viaSplit('{"f\\u0069ndings": [1, {"b": 2}]}')).toEqual({ findings: [1, { b: 2 }] });
  });
});
