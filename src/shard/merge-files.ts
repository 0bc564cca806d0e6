/** `merge` on files: read the shard reports (size-bounded), merge them, write the JSON, SARIF and Markdown. */
import { closeSync, mkdirSync, openSync, readFileSync, statSync, writeSync } from 'node:fs';
import path from 'node:path';
import { MergeInputError, mergeReports } from './merge.js';
import type { Merged } from './merge.js';
import { writeSarif } from '../report/sarif.js';
import { writeJsonLists } from '../report/json-stream.js';
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

export function readReports(files: string[], cwd: string): { name: string; json: unknown }[] {
  if (!files.length) throw new MergeInputError('give the shard reports to merge (e.g. reports/report-*.json)');
  if (files.length > MAX_MERGE_REPORTS) throw new MergeInputError(`${files.length} reports: at most ${MAX_MERGE_REPORTS} are merged at once`);
  return files.map((f) => {
    const abs = path.resolve(cwd, f);
    let size: number;
    try {
      size = statSync(abs).size;
    } catch (e) {
      throw new MergeInputError(`${f}: ${(e as Error).message}`);
    }
    if (size > MAX_MERGE_REPORT_BYTES) throw new MergeInputError(`${f}: ${size} bytes, over the ${MAX_MERGE_REPORT_BYTES}-byte limit of one report`);
    try {
      return { name: f, json: JSON.parse(readFileSync(abs, 'utf8')) as unknown };
    } catch (e) {
      throw new MergeInputError(`${f}: not JSON (${(e as Error).message})`);
    }
  });
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
  write(out.json, (emit) => writeJsonLists(merged.json, ['policies', 'findings'], emit));
  write(out.sarif, (emit) => writeSarif(merged.result, emit, out.sarifCategory ? { category: out.sarifCategory } : {}));
  write(out.markdown, (emit) => emit(toMarkdown(merged.result)));
  return merged;
}
