/**
 * The catalogue file (format 4): the same data as the compact catalogue it is written from, every service's details
 * readable on its own (a run parses only the services it looks up), the whole file still JSON, and a clear error for
 * a file of another format.
 */
import { describe, expect, it } from 'vitest';
import { FACT_BASE, LEVEL_BITS, REPEATED_BIT, WILDCARD_ONLY_BIT, joinService, openCatalogFile, serialiseCatalog } from '../../src/catalog/file-format.js';
import { generateCatalog } from '../../src/catalog/generate.js';
import { findIamDataPackage } from '../../src/catalog/load.js';
import type { CompactCatalog } from '../../src/catalog/types.js';

const compact: CompactCatalog = generateCatalog(findIamDataPackage()!);
const text = serialiseCatalog(compact);

describe('catalogue file format 4', () => {
  it('gives back every service exactly as generated, each read on its own', () => {
    const file = openCatalogFile(Buffer.from(text), 'test');
    expect(file.version).toBe(compact.version);
    expect(file.date).toBe(compact.date);
    expect(file.index.global).toEqual(compact.global);
    expect(file.index.rcp).toEqual(compact.rcp);
    const prefixes = Object.keys(compact.services).sort();
    expect(file.index.services.map((s) => s[0])).toEqual(prefixes);
    // in reverse order: a slice does not depend on another having been read
    for (const [prefix, name, keys] of [...file.index.services].reverse()) {
      expect(joinService(prefix, name, keys, file.slice(prefix)!)).toEqual(compact.services[prefix]);
      // each action as `prefix:Name`, the text the look-ups use
      expect(keys).toEqual(compact.services[prefix]!.a.map((a) => `${prefix}:${a[0]}`));
    }
    expect(file.slice('no-such-service')).toBeUndefined();
  });

  it('lists every service condition key once, and those that actions list', () => {
    const file = openCatalogFile(Buffer.from(text), 'test');
    const all = new Set(Object.values(compact.services).flatMap((s) => s.k.map(([k]) => k.toLowerCase())));
    expect(new Set(file.index.keys.map(([k]) => k.toLowerCase()))).toEqual(all);
    expect(file.index.keys.length).toBe(all.size);
    const s3 = compact.services.s3!;
    const listedByGetObject = s3.a.find((a) => a[0] === 'GetObject')![3].map((i) => s3.k[i]![0].toLowerCase());
    const listed = new Set(file.index.listed.map(([k]) => k.toLowerCase()));
    for (const k of listedByGetObject) expect(listed.has(k)).toBe(true);
  });

  it('is one JSON document, written the same way twice', () => {
    const whole = JSON.parse(text) as { format: number; services: Record<string, unknown> };
    expect(whole.format).toBe(4);
    expect(Object.keys(whole.services).length).toBe(Object.keys(compact.services).length);
    expect(serialiseCatalog(generateCatalog(findIamDataPackage()!))).toBe(text);
  });

  it('refuses a file of the previous format or a damaged one with a message to rebuild', () => {
    const v1 = JSON.stringify(compact);
    expect(() => openCatalogFile(Buffer.from(v1), 'old.json')).toThrow(/old\.json has an unexpected format \(expected format 4: found format 1\); rebuild/);
    expect(() => openCatalogFile(Buffer.from(text.slice(0, 200)), 'cut.json')).toThrow(/cut\.json .*unexpected format/);
    const file = openCatalogFile(Buffer.from(text.slice(0, text.length - 5000)), 'short.json');
    const last = file.index.services[file.index.services.length - 1]![0];
    expect(() => file.slice(last)).toThrow(/short\.json .*service/);
    // an action's details, read when it is first asked about
    const damaged = { ...file.slice('s3')!, a: ['[', '["R"]'] };
    expect(() => joinService('s3', 'S3', file.index.services.find((s) => s[0] === 's3')![2], damaged)).toThrow(/unexpected format .*action details.*rebuild/);
    expect(() => joinService('s3', 'S3', file.index.services.find((s) => s[0] === 's3')![2], { ...damaged, a: ['["R"]'] })).toThrow(/action details malformed/);
    // a service whose actions are not its own (another prefix, or format 3's bare names)
    const s3 = compact.services.s3!.a;
    const firstOrLast = `"s3:${s3[0]![0]}"`;
    const middle = s3[Math.floor(s3.length / 2)]![0];
    expect(() => openCatalogFile(Buffer.from(text.replace(`"s3:${middle}"`, `"s4:${middle}"`)), 'middle.json')).toThrow(/middle\.json .*index malformed/);
    expect(() => openCatalogFile(Buffer.from(text.replace(firstOrLast, `"s4:${s3[0]![0]}"`)), 'moved.json')).toThrow(/moved\.json .*index malformed/);
    expect(() => openCatalogFile(Buffer.from(text.replace(firstOrLast, `"${s3[0]![0]}"`.padEnd(firstOrLast.length))), 'bare.json')).toThrow(/bare\.json .*index malformed/);
  });
});

describe("the index's action facts", () => {
  it('give each action its access levels and wildcard-only flag; a repeated lower-case name the last spelling (and a mark)', () => {
    const tiny: CompactCatalog = {
      format: 1,
      version: 't',
      date: 'd',
      global: [],
      rcp: [],
      services: {
        x: {
          n: 'X',
          k: [],
          r: [['thing', 'arn:${Partition}:x:::${Name}', []]],
          a: [
            ['Foo', 'R', [[0, 1]], []],
            ['List', 'L', [[0, 0]], []],
            ['Tag', 'TW', [], []],
            ['foo', 'PW', [], []],
          ],
        },
      },
    };
    const file = openCatalogFile(Buffer.from(serialiseCatalog(tiny)), 'tiny');
    const codes = [...file.index.services[0]![5]].map((ch) => ch.charCodeAt(0) - FACT_BASE);
    const pw = LEVEL_BITS.P | LEVEL_BITS.W | WILDCARD_ONLY_BIT;
    expect(codes).toEqual([pw | REPEATED_BIT, LEVEL_BITS.L, LEVEL_BITS.T | LEVEL_BITS.W | WILDCARD_ONLY_BIT, pw]);
  });
});
