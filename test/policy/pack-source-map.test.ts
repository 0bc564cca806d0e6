/**
 * Records held until the end of a long streamed run keep their source maps packed (policy/source-map.ts
 * packSourceMap): every question a check or a report asks of the map gets the answer the original gave.
 */
import { describe, expect, it } from 'vitest';
import { MapSourceMap, packSourceMap } from '../../src/policy/source-map.js';
import { extractFile } from '../../src/extract/index.js';
import { defaultOptions } from '../../src/config/options.js';

describe('a packed source map', () => {
  it('answers get, locate and pointers as the original, for recorded, unrecorded and escaped pointers', () => {
    const root = { file: 'p.json', start: { line: 1, column: 1 }, end: { line: 9, column: 2 } };
    const map = new MapSourceMap(root)
      .set('/Statement', { file: 'p.json', start: { line: 2, column: 3 }, end: { line: 8, column: 4 } })
      .set('/Statement/0/Action', { file: 'p.json', start: { line: 3, column: 15 }, end: { line: 3, column: 30 } })
      .set('/Statement/0/Condition/a~1b', { file: 'other.json', start: { line: 5, column: 7 }, end: { line: 6, column: 1 } });
    const packed = packSourceMap(map);
    expect(packed.pointers()).toEqual(map.pointers());
    for (const p of ['', '/Statement', '/Statement/0', '/Statement/0/Action', '/Statement/0/Action/3', '/Statement/0/Condition/a~1b/x', '/Nope/1'])
      expect([packed.get(p), packed.locate(p)]).toEqual([map.get(p), map.locate(p)]);
  });

  it('of a real raw policy file: every pointer and its parents located the same', async () => {
    const text = '{\n  "Version": "2012-10-17",\n  "Statement": [\n    { "Sid": "ä ✓", "Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject"], "Resource": "*" }\n  ]\n}\n';
    const r = await extractFile({ file: 'p.json', repoPath: 'p.json', displayPath: (p) => p, text, options: defaultOptions('.'), explicit: true, readRepoFile: () => '' });
    const map = r!.policies[0]!.sourceMap;
    const packed = packSourceMap(map);
    expect(map.pointers().length).toBeGreaterThan(5);
    for (const p of map.pointers()) for (const q of [p, `${p}/0`, `${p}/x/y`]) expect([packed.get(q), packed.locate(q)]).toEqual([map.get(q), map.locate(q)]);
  });
});
