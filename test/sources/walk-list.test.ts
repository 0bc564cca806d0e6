/**
 * The packed files of a file-by-file scan (src/sources/walk-list.ts): every file comes back as it went in (its path,
 * whatever its characters, and its flags), across chunks; a chunk the loop has passed is gone, and asking for one of
 * its files is an internal error, never another file.
 */
import { describe, expect, it } from 'vitest';
import { WalkList } from '../../src/sources/walk-list.js';
import type { SourceFile } from '../../src/sources/files.js';

const names = ['a.json', 'dir/ünïcödé/template.yaml', 'x/日本語/policy.json', 'emoji/\u{1F600}.tf', 'lone/\uD800x.json', '', 'b'.repeat(300)];

function files(n: number): SourceFile[] {
  return Array.from({ length: n }, (_, i) => {
    const rel = `${i}/${names[i % names.length]}`;
    return i % 5 === 0 ? { rel, explicit: false, sniffed: true } : i % 7 === 0 ? { rel, explicit: true } : { rel, explicit: false };
  });
}

describe('the packed files of a file-by-file scan', () => {
  it('every file as it went in, across chunks, in order', () => {
    const list = files(10_000);
    const packed = WalkList.from(list);
    expect(packed.length).toBe(list.length);
    // a lone surrogate too (a chunk holding one is kept as UTF-16)
    for (let i = 0; i < list.length; i++) expect(packed.at(i)).toEqual(list[i]!);
  });

  it('a passed chunk is let go: its files are not answered (an internal error), later ones still are', () => {
    const list = files(9_000);
    const packed = WalkList.from(list);
    packed.passed(8_500);
    expect(() => packed.at(0)).toThrow(/internal: file 0 of the walk/);
    expect(() => packed.at(8_191)).toThrow(/internal/);
    expect(packed.at(8_192).rel).toBe(list[8_192]!.rel);
    expect(packed.at(8_999).rel).toBe(list[8_999]!.rel);
    expect(() => packed.at(9_000)).toThrow(/internal/);
  });

  it('no files', () => {
    expect(WalkList.from([]).length).toBe(0);
    expect(() => WalkList.from([]).at(0)).toThrow(/internal/);
  });
});
