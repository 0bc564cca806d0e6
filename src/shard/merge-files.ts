/** `merge` on files: read the shard reports (size-bounded), merge them, write the JSON, SARIF and Markdown. */
import { closeSync, fstatSync, mkdirSync, openSync, readFileSync, readSync, statSync, writeSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { StringDecoder } from 'node:string_decoder';
import path from 'node:path';
import { MergeInputError, mergeReports } from './merge.js';
import type { LoadedReport, Merged, ReportFile } from './merge.js';
import { splitFindings } from './report-text.js';
import { writeSarif } from '../report/sarif.js';
import { writeJsonLists } from '../report/json-stream.js';
import { findingEntry } from '../report/json.js';
import { toMarkdown } from '../report/markdown.js';

/**
 * One report larger than this is refused (a usage error). A shard report of 10,000 files without `--list-policies`
 * is a few MB; with every document listed, tens of MB. Node holds a string of at most ~512 MB.
 */
export const MAX_MERGE_REPORT_BYTES = 256 * 1024 * 1024;
/** Reports at most in one merge (a matrix has at most 256 jobs; an organisation sweep may merge more). */
export const MAX_MERGE_REPORTS = 4096;

export interface MergeOutputs {
  json?: string;
  sarif?: string;
  markdown?: string;
  /** SARIF automationDetails.id. */
  sarifCategory?: string;
  /** How many reports there must be (incomplete otherwise). */
  expect?: number;
}

/**
 * The reports as loaders: each is read when a pass of the merge reads it, then let go (merge.ts), its findings
 * parsed one at a time, so the merge holds one report's text at a time, not every report's objects. A report whose
 * bytes change between two reads is refused (the passes must read the same report).
 */
export function readReports(files: string[], cwd: string): ReportFile[] {
  if (!files.length) throw new MergeInputError('give the shard reports to merge (e.g. reports/report-*.json)');
  if (files.length > MAX_MERGE_REPORTS) throw new MergeInputError(`${files.length} reports: at most ${MAX_MERGE_REPORTS} are merged at once`);
  // one read buffer for every report and pass (the largest report's size): a buffer per read, freed, made the C
  // library keep what came later in its heap (glibc raises its mmap threshold to the size of a freed block)
  const shared = { buffer: Buffer.alloc(0) };
  return files.map((f) => {
    const abs = path.resolve(cwd, f);
    let stat: ReturnType<typeof statSync>;
    try {
      stat = statSync(abs);
    } catch (e) {
      throw new MergeInputError(`${f}: ${(e as Error).message}`);
    }
    if (stat.size > MAX_MERGE_REPORT_BYTES) throw new MergeInputError(`${f}: ${stat.size} bytes, over the ${MAX_MERGE_REPORT_BYTES}-byte limit of one report`);
    // what is not a file (a pipe: `merge <(...)`) is read once, at its first pass, and its bytes kept
    let kept: Buffer | undefined;
    let digest: string | undefined;
    const load = (): LoadedReport => {
      let bytes: Buffer;
      try {
        bytes = stat.isFile() ? readInto(abs, shared) : (kept ??= readAll(abs));
      } catch (e) {
        throw new MergeInputError(`${f}: ${(e as Error).message}`);
      }
      const d = createHash('sha256').update(bytes).digest('hex');
      if (digest !== undefined && d !== digest) throw new MergeInputError(`${f}: changed while it was being merged`);
      digest = d;
      const parse = (text: string, what = ''): unknown => {
        try {
          return JSON.parse(text) as unknown;
        } catch (e) {
          throw new MergeInputError(`${f}: not JSON (${what}${(e as Error).message})`);
        }
      };
      // the findings parsed one at a time (shard/report-text.ts), else the whole report at once
      const split = splitFindings(bytes);
      if (!split) return { json: parse(textOf(bytes)) };
      // (read by the merge's pass before the next report is read into the same buffer)
      const findings = function* () {
        let i = 0;
        try {
          for (const text of split.entries()) yield parse(text, `findings[${i++}]: `);
        } catch (e) {
          throw e instanceof MergeInputError ? e : new MergeInputError(`${f}: not JSON (${(e as Error).message})`);
        }
      };
      return { json: parse(split.rest), findings: findings() };
    };
    return { name: f, load };
  });
}

/** All of what `abs` gives (not a file: its size is not known before), within the size limit of one report. */
function readAll(abs: string): Buffer {
  const bytes = readFileSync(abs);
  if (bytes.length > MAX_MERGE_REPORT_BYTES) throw new MergeInputError(`over the ${MAX_MERGE_REPORT_BYTES}-byte limit of one report`);
  return bytes;
}

/** Bytes decoded at a time (textOf). */
const PIECE = 1 << 19;

/**
 * The text of UTF-8 bytes, decoded a piece at a time: Node makes a text over ~1 MB decoded at once a copy in the C
 * library's heap, freed only by a collection (whole reports decoded at once, three reads each, held ~100 MB of them).
 * Only for a report the split cannot read (shard/report-text.ts): it decodes its parts itself.
 */
function textOf(bytes: Buffer): string {
  const d = new StringDecoder('utf8');
  let text = '';
  for (let at = 0; at < bytes.length; at += PIECE) text += d.write(bytes.subarray(at, at + PIECE));
  return text + d.end();
}

/** The bytes of the file at `abs` (a view of `into.buffer`, grown to the file's size when it is smaller). */
function readInto(abs: string, into: { buffer: Buffer }): Buffer {
  const fd = openSync(abs, 'r');
  try {
    const size = fstatSync(fd).size;
    if (size > MAX_MERGE_REPORT_BYTES) throw new MergeInputError(`over the ${MAX_MERGE_REPORT_BYTES}-byte limit of one report`);
    if (into.buffer.length < size) into.buffer = Buffer.allocUnsafeSlow(size);
    let n = 0;
    for (let r = 1; n < size && r > 0; n += r) r = readSync(fd, into.buffer, n, size - n, n);
    if (n !== size) throw new Error('the file is shorter than its size');
    return into.buffer.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}

/** Merge the files and write the outputs asked for; returns the merge. */
export function mergeFiles(files: string[], cwd: string, out: MergeOutputs): Merged {
  const merged = mergeReports(readReports(files, cwd), out.expect !== undefined ? { expect: out.expect } : {});
  // the JSON and SARIF written a policy, finding or result at a time (the same bytes as one JSON.stringify)
  const write = (file: string | undefined, text: (emit: (t: string) => void) => void) => {
    if (!file) return;
    const abs = path.resolve(cwd, file);
    mkdirSync(path.dirname(abs), { recursive: true });
    const fd = openSync(abs, 'w');
    try {
      let pending = '';
      text((t) => {
        pending += t;
        if (pending.length >= 1 << 16) {
          writeSync(fd, pending);
          pending = '';
        }
      });
      writeSync(fd, pending);
    } finally {
      closeSync(fd);
    }
  };
  const findings = merged.result.findingStream ?? merged.result.findings;
  const entries = { *[Symbol.iterator]() { for (const f of findings) yield findingEntry(f); } };
  write(out.json, (emit) => writeJsonLists(merged.json, [], emit, { policies: merged.policies, findings: entries }));
  write(out.sarif, (emit) => writeSarif(merged.result, emit, out.sarifCategory ? { category: out.sarifCategory } : {}));
  write(out.markdown, (emit) => emit(toMarkdown(merged.result)));
  return merged;
}
