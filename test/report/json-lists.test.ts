/**
 * A merged report is written a policy and a finding at a time (report/json-stream.ts writeJsonLists, used by
 * `merge`): the bytes are those of one JSON.stringify, whatever the values, including values that spell the
 * writer's own placeholders (a report is data, never trusted).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { writeJsonLists } from '../../src/report/json-stream.js';

const written = (obj: Record<string, unknown>, lists: string[], streams?: Record<string, Iterable<unknown>>) => {
  let out = '';
  writeJsonLists(obj, lists, (t) => (out += t), streams);
  return out;
};

describe('JSON written a top-level list entry at a time', () => {
  it('the bytes of JSON.stringify(obj, null, 2) + newline, for any values', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), fc.array(fc.jsonValue()), fc.array(fc.jsonValue()), (rest, policies, findings) => {
        const obj = { schemaVersion: '1.3', ...rest, policies, summary: { n: 1 }, findings };
        expect(written(obj, ['policies', 'findings'])).toBe(JSON.stringify(obj, null, 2) + '\n');
      }),
      { numRuns: 200 },
    );
  });

  it('a list given as a stream (read once, an entry at a time) in place of its empty array: the same bytes', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), fc.array(fc.jsonValue()), fc.array(fc.jsonValue()), (rest, policies, findings) => {
        const obj = { schemaVersion: '1.3', ...rest, policies, summary: { n: 1 }, findings };
        let reads = 0;
        const stream = { *[Symbol.iterator]() { reads++; yield* findings; } };
        expect(written({ ...obj, findings: [] }, ['policies'], { findings: stream })).toBe(JSON.stringify(obj, null, 2) + '\n');
        expect(reads).toBe(1);
      }),
      { numRuns: 200 },
    );
  });

  it('values that spell the placeholders stay values', () => {
    const obj = {
      notes: ['\u0000policies'],
      policies: [{ id: '\u0000policies' }, ['\u0000findings']],
      text: '\n  "findings": [\n    "\u0000findings"\n  ]',
      findings: ['\u0000findings', { a: ['\u0000policies'] }],
      after: ['\u0000findings'],
    };
    expect(written(obj, ['policies', 'findings'])).toBe(JSON.stringify(obj, null, 2) + '\n');
    expect(written({ policies: [], findings: [] }, ['policies', 'findings'])).toBe(JSON.stringify({ policies: [], findings: [] }, null, 2) + '\n');
  });
});
