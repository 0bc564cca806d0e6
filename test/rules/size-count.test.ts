/** Policy sizes as the quotas count them: whitespace of every kind JavaScript's \s knows, counted without a copy. */
import { describe, expect, it } from 'vitest';
import { compactSize, grouped, quotaSize, sizeWithoutWhitespace } from '../../src/checks/grammar/size.js';
import type { PolicyRecord } from '../../src/policy/types.js';

describe('sizeWithoutWhitespace', () => {
  it('drops exactly the characters /\\s/ matches (every UTF-16 code unit)', () => {
    const units: string[] = [];
    for (let c = 0; c < 0x10000; c++) units.push(String.fromCharCode(c));
    const doc = { Statement: units.map((u) => `a${u}b c`) };
    expect(sizeWithoutWhitespace(doc)).toBe(JSON.stringify(doc).replace(/\s/g, '').length);
    // white space JSON keeps as written (not escaped) is not counted
    for (const u of units.filter((x) => /\s/.test(x) && JSON.stringify(x).length === 3)) expect(sizeWithoutWhitespace({ k: `x${u}` })).toBe(JSON.stringify({ k: 'x' }).length);
  });

  it('quotaSize measures as the measure does, with and without template tokens', () => {
    const policy = { placeholders: [] } as unknown as PolicyRecord;
    const docs = [{ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:Get Object\u2028', Resource: '*' }] }, { Statement: '${BUCKET_NAME} \u00a0' }, undefined, 'text'];
    for (const d of docs) {
      expect(quotaSize(policy, d, sizeWithoutWhitespace, () => undefined).size).toBe((JSON.stringify(d) ?? '').replace(/\s/g, '').length);
      expect(quotaSize(policy, d, compactSize, () => undefined).size).toBe((JSON.stringify(d) ?? '').length);
      expect(quotaSize(policy, d, (x) => (JSON.stringify(x) ?? '').length * 2, () => undefined).size).toBe((JSON.stringify(d) ?? '').length * 2);
    }
  });
});

describe('grouped', () => {
  it("writes numbers as toLocaleString('en-US') does", () => {
    const values = [0, -0, 1, 12, 123, 999, 1000, 1234, 6144, 10240, 99999, 100000, 1234567, -1, -1000, -1234567, 2 ** 53 - 1, 2 ** 53, 1.5, 1234.5678, -0.25, NaN, Infinity, -Infinity, 1e21];
    for (let n = 0; n < 5000; n += 7) values.push(n * 997);
    for (const n of values) expect(grouped(n)).toBe(n.toLocaleString('en-US'));
  });
});
