/**
 * The finding places of a file-by-file run (stream.ts; checks/index.ts sameSpotOnce): a second view of the same text
 * is reported once. A place is asked about only for a finding on a second view (a nested child seen through its
 * parent, a Terraform policy document inside the resource that consumes it), and its key names its file: a second
 * view of a file is made only by a held file's unit reading that file (stream-units.ts: the files a held extraction
 * read join its unit). So the places of the walk's own files (each analysed once, alone) can be asked about again
 * only when a held file read that file; a 100,000-file scan notes ~260,000 places, and kept in a table
 * (findings/spots.ts: ~25 bytes a place) they were the largest table of its walk.
 *
 * Here a file's places (a held unit's, for its files) are kept while it is checked (the same call can ask about
 * them). While the walk goes they also go, with a digest of their file, to a private temporary file (32 bytes a
 * place); once the held files are known (`settle`), the places of the files they read are read back into the table,
 * and a held unit's places are kept there only for those files too. Same answers as one table of every place: a
 * place left out has a file no held file read, so no later finding can have its key (a key is a place's rule, file,
 * lines, path and message; the held files a held file reads are in its own unit). Were a read missed, a second view
 * would be reported twice, never hidden.
 *
 * A write that fails keeps the places in the table from then on (the pending ones too): the same answers, in
 * memory. A read that fails throws: the run cannot tell second views apart (an error of the run).
 */
import { readSync, writeSync } from 'node:fs';
import type { SpotKeys } from './spots.js';
import { DigestTable } from './spots.js';
import { PrivateTemp } from '../util/temp-file.js';

/** Words of a logged place: its key's digest, then its file's. */
const RECORD = 8;
/** Places written at a time (64 KB). */
const BATCH = 2048;

export class RunSpots implements SpotKeys {
  private readonly table = new DigestTable();
  /** The places of the file (or held unit) being checked. */
  private readonly current = new Set<string>();
  /** After the walk: the digests of the files the held files read (`settle`), whose places are kept. */
  private read: Set<string> | undefined;
  private temp: PrivateTemp | undefined;
  private fd: number | undefined;
  /** Records pending, and bytes on disk. */
  private readonly pending = new Uint32Array(RECORD * BATCH);
  private count = 0;
  private written = 0;
  /** Set when a write failed: places are kept in the table from then on. */
  private failed = false;
  /** The file of the last place logged, and its digest (a file's places come together). */
  private lastFile: string | undefined;
  private readonly lastWords = new Uint32Array(4);
  /** Whether that file is one the held files read. */
  private lastRead = false;

  /** The run goes on to its next file (or held unit): the places of the one before are kept only as said above. */
  nextFile(): void {
    this.current.clear();
  }

  has(key: string): boolean {
    return this.current.has(key) || this.table.find(key) >= 0;
  }

  add(key: string): this {
    if (this.failed) {
      this.table.add(key);
      return this;
    }
    this.current.add(key);
    const file = fileOf(key);
    if (file !== this.lastFile) {
      this.table.digestInto(file, this.lastWords, 0);
      this.lastFile = file;
      this.lastRead = this.read?.has(this.lastWords.join()) ?? false;
    }
    if (this.read) {
      if (this.lastRead) this.table.add(key);
      return this;
    }
    const at = this.count++ * RECORD;
    this.table.digestInto(key, this.pending, at);
    this.pending.set(this.lastWords, at + 4);
    if (this.count === BATCH) this.flush();
    return this;
  }

  /**
   * The walk is over: the places of the files `read` names (as findings name them: display paths) are kept, the
   * others dropped with the temporary file; a later place is kept past its unit only for those files too. Every
   * answer is one the table of every place would give, or a "no" where it would say yes (a finding repeated).
   */
  settle(read: Iterable<string>): void {
    const files = new Set<string>();
    const d = new Uint32Array(4);
    for (const f of read) {
      this.table.digestInto(f, d, 0);
      files.add(d.join());
    }
    this.read = files;
    this.current.clear();
    this.lastFile = undefined;
    const keep = (records: Uint32Array, n: number) => {
      for (let r = 0; r < n; r++) if (files.has(`${records[r * RECORD + 4]},${records[r * RECORD + 5]},${records[r * RECORD + 6]},${records[r * RECORD + 7]}`)) this.table.addWords(records, r * RECORD);
    };
    if (files.size && this.fd !== undefined) this.readBack(keep);
    if (!this.failed) keep(this.pending, this.count);
    this.count = 0;
    this.temp?.dispose();
    this.temp = undefined;
    this.fd = undefined;
  }

  private readBack(keep: (records: Uint32Array, n: number) => void): void {
    const bytes = Buffer.allocUnsafe(this.pending.byteLength);
    const records = new Uint32Array(bytes.buffer, bytes.byteOffset, bytes.length / 4);
    for (let at = 0; at < this.written; ) {
      const want = Math.min(bytes.length, this.written - at);
      let got = 0;
      while (got < want) {
        const n = readSync(this.fd!, bytes, got, want - got, at + got);
        if (n === 0) throw new Error('the temporary file of the finding places is shorter than written');
        got += n;
      }
      keep(records, want / (RECORD * 4));
      at += want;
    }
  }

  /** Writes the pending places; a failure keeps them (and every later place) in the table. */
  private flush(): void {
    const bytes = Buffer.from(this.pending.buffer, this.pending.byteOffset, this.count * RECORD * 4);
    try {
      if (this.fd === undefined) {
        this.temp = new PrivateTemp('iam-gate-spots-', 'spots');
        this.fd = this.temp.fd;
      }
      for (let done = 0; done < bytes.length; ) done += writeSync(this.fd, bytes, done, bytes.length - done, this.written + done);
      this.written += bytes.length;
    } catch {
      this.failed = true;
      for (let r = 0; r < this.count; r++) this.table.addWords(this.pending, r * RECORD);
      // what was written stays readable: the table is complete only with it, so it is read back now, whole
      if (this.fd !== undefined) this.readBack((records, n) => {
        for (let r = 0; r < n; r++) this.table.addWords(records, r * RECORD);
      });
      this.temp?.dispose();
      this.temp = undefined;
      this.fd = undefined;
      this.written = 0;
    }
    this.count = 0;
  }
}

/** The file a place's key names (checks/index.ts sameSpotOnce: rule, file, lines, ... joined by NUL). */
function fileOf(key: string): string {
  const a = key.indexOf('\u0000');
  const b = key.indexOf('\u0000', a + 1);
  return a < 0 ? '' : key.slice(a + 1, b < 0 ? key.length : b);
}
