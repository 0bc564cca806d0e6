import { describe, expect, it } from 'vitest';
import { SpotIndex, SpotSet } from '../../src/findings/spots.js';

// The keyed-digest tables behind the finding places of a streamed run (a place reported once), the bare views'
// ids and the summariser's groups: a wrong answer here drops a finding or merges two policies' views.
describe('SpotSet / SpotIndex', () => {
  const key = (i: number) => `rule\u0000c${i % 97}/templates/file-${i}.yaml\u0000${i}\u0000${i + 3}\u0000Statement/${i % 7}\u0000message ${i}`;

  it('numbers keys densely in the order first seen, across chunks and index growth, and finds every one again', () => {
    const index = new SpotIndex();
    const n = 20_000; // five chunks of digests, the index grown eight times
    for (let i = 0; i < n; i++) expect(index.id(key(i))).toBe(i);
    expect(index.size).toBe(n);
    for (let i = n - 1; i >= 0; i--) expect(index.id(key(i))).toBe(i);
    for (let i = 0; i < n; i += 7) expect(index.find(key(i))).toBe(i);
    expect(index.size).toBe(n);
    for (let i = n; i < n + 2_000; i++) expect(index.find(key(i))).toBe(-1);
  });

  it('answers "no" for every key not added, and "yes" for every key added', () => {
    const set = new SpotSet();
    for (let i = 0; i < 30_000; i += 2) set.add(key(i));
    expect(set.size).toBe(15_000);
    let wrong = 0;
    for (let i = 0; i < 30_000; i++) if (set.has(key(i)) !== (i % 2 === 0)) wrong++;
    expect(wrong).toBe(0);
    set.add(key(0));
    expect(set.size).toBe(15_000);
  });

  it('keeps keys apart that differ only in lone surrogates or in the empty key', () => {
    const set = new SpotSet();
    set.add('a\ud800b');
    expect(set.has('a\udc00b')).toBe(false);
    expect(set.has('a\ufffdb')).toBe(false);
    expect(set.has('')).toBe(false);
    set.add('');
    expect(set.has('')).toBe(true);
    expect(set.has('a\ud800b')).toBe(true);
  });

  it('draws its key per table: two tables number the same keys independently', () => {
    const a = new SpotIndex();
    const b = new SpotIndex();
    for (let i = 0; i < 100; i++) a.id(key(i));
    for (let i = 99; i >= 0; i--) b.id(key(i));
    expect(a.find(key(0))).toBe(0);
    expect(b.find(key(0))).toBe(99);
  });
});
