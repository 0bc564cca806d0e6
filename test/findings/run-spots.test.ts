/**
 * The finding places of a file-by-file run (src/findings/run-spots.ts): while the walk goes, a file's places are
 * answered while it is checked and then kept on disk; once the held files are known, the places of the files they
 * read are answered again, the others are not; a held unit's places are answered within it, after it only for those files.
 */
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RunSpots } from '../../src/findings/run-spots.js';

/** A place's key as checks/index.ts sameSpotOnce makes it: rule, file, lines, column, path, message. */
const place = (file: string, n: number) => ['admin-wildcard', file, n, n + 1, '', `/Statement/${n}`, `message ${n}`].join('\u0000');

/** `files` walk files with `per` places each, noted file by file as the stream loop does. */
function walk(spots: RunSpots, files: string[], per: number): void {
  for (const f of files) {
    spots.nextFile();
    for (let n = 0; n < per; n++) {
      spots.add(place(f, n));
      // the file being checked: its own places are answered (a second view in the same call)
      expect(spots.has(place(f, n))).toBe(true);
    }
  }
}

const files = Array.from({ length: 300 }, (_, i) => `stacks/t${i}.yaml`);

describe('the finding places of a file-by-file run', () => {
  it('after the walk: the places of the files the held files read are answered, the others not; a held unit\'s likewise', () => {
    const spots = new RunSpots();
    // 300 files x 20 places: several batches written to disk, and some pending at the end
    walk(spots, [...files, 'stacks/t3.yaml.bak'], 20);
    // once the walk moved on, a file's places are on disk only
    expect(spots.has(place(files[0]!, 0))).toBe(false);
    const read = [files[3]!, files[150]!, files[299]!, 'not/a/walk/file.yaml'];
    spots.settle(read);
    for (const f of files) for (let n = 0; n < 20; n++) expect(spots.has(place(f, n))).toBe(read.includes(f));
    // a walk file whose path starts with a read file's path is another file: its places are not kept
    expect(spots.has(place('stacks/t3.yaml.bak', 0))).toBe(false);
    // a held unit's places: answered within the unit; after it, only those of files the held files read
    spots.nextFile();
    spots.add(place('modules/a/main.tf', 1));
    spots.add(place(files[150]!, 99));
    spots.add(place(files[151]!, 99));
    expect(spots.has(place('modules/a/main.tf', 1))).toBe(true);
    expect(spots.has(place(files[151]!, 99))).toBe(true);
    spots.nextFile();
    expect(spots.has(place('modules/a/main.tf', 1))).toBe(false);
    expect(spots.has(place(files[151]!, 99))).toBe(false);
    expect(spots.has(place(files[150]!, 99))).toBe(true);
  });

  it('never answers yes for a place that was not noted, in any phase', () => {
    const spots = new RunSpots();
    walk(spots, files.slice(0, 50), 5);
    const never = (f: string) => place(f, 7) + '\u0000other';
    expect(spots.has(never(files[49]!))).toBe(false);
    spots.settle(files.slice(0, 50));
    for (const f of files.slice(0, 50)) expect(spots.has(never(f))).toBe(false);
    spots.nextFile();
    spots.add(place(files[0]!, 40));
    expect(spots.has(never(files[0]!))).toBe(false);
  });

  it('no held file read anything: no walk place is answered after the walk', () => {
    const spots = new RunSpots();
    walk(spots, files.slice(0, 10), 3);
    spots.settle([]);
    for (const f of files.slice(0, 10)) expect(spots.has(place(f, 0))).toBe(false);
  });

  it('places that cannot be written: kept in memory, every one answered after the walk (none lost)', () => {
    const tmp = process.env.TMPDIR;
    process.env.TMPDIR = path.join(os.tmpdir(), 'no such folder', 'at all');
    try {
      const spots = new RunSpots();
      walk(spots, files, 20);
      spots.settle([files[7]!]);
      // a superset of the answers: a second view can only be reported once, never hidden
      for (const f of files) for (let n = 0; n < 20; n++) expect(spots.has(place(f, n))).toBe(true);
    } finally {
      if (tmp === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = tmp;
    }
  });
});
