/**
 * The JSON report of a run analysed file by file (GateRun.stream), written to disk without holding it: the policy,
 * principal and attachment entries are spooled to temporary files as each file is final (ReportSink), the findings
 * are written one by one at the end. The bytes are those of `JSON.stringify(toJsonReport(result), null, 2) + '\n'`
 * for the same run (docs/report-schema.md): the same fields in the same order, entries in the order of the files
 * they came from (the sink merges entries of files analysed late, with their neighbours, back into place).
 */
import { readSync, writeSync } from 'node:fs';
import { PrivateTemp } from '../util/temp-file.js';
import { doubled } from '../util/arrays.js';
import type { GateResult, ReportSink } from '../result.js';
import { attachmentEntry, findingEntry, policyEntry, principalEntry, toJsonReport } from './json.js';
import type { ReportPullRequest } from './json.js';

const SEP = 0x1e; // record separator: JSON.stringify escapes every control character inside strings
const INDENT = '    '; // entries of a top-level array

/**
 * `INDENT + JSON.stringify(entry, null, 2)` with every line indented by INDENT: the entry stringified two arrays
 * deep is exactly that between `[\n  [\n` and `\n  ]\n]` (one native pass, no second pass to re-indent).
 */
function entryText(entry: unknown): string {
  const text = JSON.stringify([[entry]], null, 2);
  return text.slice(6, text.length - 6);
}

/**
 * One `policies[]` section: entries in file order in one file; entries that arrived after a later file's (the held
 * files, analysed at the end) in a second file, only their position, offset and length in memory (a few bytes
 * each: a tree with a third of its files held would otherwise keep their report entries until the end).
 */
class Section {
  private readonly temp = new PrivateTemp('iam-gate-report-', 'section');
  private readonly fd = this.temp.fd;
  private last = -1;
  private readonly late: Late;
  /** Records not yet written: one write per ~64 KB, not one per entry (a write error still ends the run). */
  private pending = '';
  count = 0;

  constructor() {
    this.late = new Late();
  }

  add(at: number, text: string): void {
    this.count++;
    if (at >= this.last) {
      this.last = at;
      this.pending += `${String.fromCharCode(SEP)}${at}\n${text}`;
      if (this.pending.length >= 1 << 16) this.flush();
    } else this.late.add(at, text);
  }

  private flush(): void {
    if (this.pending) writeSync(this.fd, this.pending);
    this.pending = '';
  }

  /** Every entry in position order (stable), to `write`. */
  drain(write: (text: string) => void): void {
    this.flush();
    const late = this.late.sorted();
    const fd = this.fd;
    let position = 0;
    try {
      // one buffer for the whole read-back (a new buffer per chunk read left ~1 MB of dead native memory a chunk until
      // the next collection): the unfinished record's bytes move to its start, the next read goes after them
      let buf = Buffer.allocUnsafe(1 << 20);
      let filled = 0;
      const record = (bytes: Buffer) => {
        const nl = bytes.indexOf(0x0a);
        const at = Number(bytes.subarray(0, nl).toString('latin1'));
        late.before(at, write);
        write(bytes.subarray(nl + 1).toString('utf8'));
      };
      for (;;) {
        if (filled === buf.length) {
          // one record longer than the buffer: a larger one
          const more = Buffer.allocUnsafe(buf.length * 2);
          buf.copy(more, 0, 0, filled);
          buf = more;
        }
        const n = readSync(fd, buf, filled, buf.length - filled, position);
        if (n === 0) break;
        position += n;
        filled += n;
        const view = buf.subarray(0, filled);
        // every record starts with a separator: view[0] is one
        let start = 0;
        for (let next = view.indexOf(SEP, 1); next > 0; next = view.indexOf(SEP, start + 1)) {
          record(view.subarray(start + 1, next));
          start = next;
        }
        buf.copyWithin(0, start, filled);
        filled -= start;
      }
      if (filled) record(buf.subarray(1, filled));
    } finally {
      this.temp.dispose();
    }
    late.before(Infinity, write);
    late.close();
  }

  /** Closes (and removes) the section's files. */
  dispose(): void {
    this.temp.dispose();
    this.late.close();
  }
}

/**
 * The entries of a section that arrived late, on disk; in memory their position, offset and byte length, as typed
 * columns (16 bytes an entry outside the JavaScript heap: a third of a 100,000-file tree's entries arrive late, and
 * as lists of numbers they were ~1.6 MB of heap at the end of the run, where its peak is).
 */
class Late {
  private temp: PrivateTemp | undefined;
  private fd: number | undefined;
  private count = 0;
  private at = new Int32Array(256);
  private offset = new Float64Array(256);
  private length = new Uint32Array(256);
  private size = 0;
  private pending: string[] = [];
  private pendingChars = 0;
  private order: Uint32Array = new Uint32Array(0);
  private next = 0;

  add(at: number, text: string): void {
    const len = Buffer.byteLength(text, 'utf8');
    if (this.count === this.at.length) {
      this.at = doubled(this.at);
      this.offset = doubled(this.offset);
      this.length = doubled(this.length);
    }
    this.at[this.count] = at;
    this.offset[this.count] = this.size;
    this.length[this.count++] = len;
    this.size += len;
    this.pending.push(text);
    this.pendingChars += text.length;
    if (this.pendingChars >= 1 << 16) this.flush();
  }

  private flush(): void {
    if (!this.pending.length) return;
    if (this.fd === undefined) {
      this.temp = new PrivateTemp('iam-gate-report-', 'late');
      this.fd = this.temp.fd;
    }
    writeSync(this.fd, this.pending.join(''));
    this.pending = [];
    this.pendingChars = 0;
  }

  /** Everything written; reading starts at the first entry in position order (stable: ties in arrival order). */
  sorted(): this {
    this.flush();
    const at = this.at;
    this.order = new Uint32Array(this.count).map((_, k) => k).sort((a, b) => at[a]! - at[b]! || a - b);
    return this;
  }

  /** Writes the late entries positioned before `at` (in order). */
  before(at: number, write: (text: string) => void): void {
    while (this.next < this.order.length && this.at[this.order[this.next]!]! < at) {
      const k = this.order[this.next++]!;
      const bytes = Buffer.alloc(this.length[k]!);
      let done = 0;
      while (done < bytes.length) {
        const n = readSync(this.fd!, bytes, done, bytes.length - done, this.offset[k]! + done);
        if (n === 0) throw new Error('json report: the spool of late entries is shorter than written');
        done += n;
      }
      write(bytes.toString('utf8'));
    }
  }

  close(): void {
    this.temp?.dispose();
    this.temp = undefined;
    this.fd = undefined;
  }
}

/**
 * The bytes of `JSON.stringify(obj, null, 2) + '\n'` through `emit`, the top-level arrays named in `lists` written
 * an entry at a time (a merged report's policies and findings: the whole text is never one string), and those of
 * `streams` in place of the (empty) arrays of the same keys: entries read one at a time (a merged report's findings,
 * read back from disk). Each list's place is found by its key at the top level (a raw line break in the text is the
 * formatter's, and only top-level keys are indented by two spaces), so no value can stand in for it.
 */
export function writeJsonLists(obj: Record<string, unknown>, lists: string[], emit: (text: string) => void, streams: Record<string, Iterable<unknown>> = {}): void {
  const skeleton: Record<string, unknown> = { ...obj };
  const hole = (k: string) => `\n  ${JSON.stringify(k)}: [\n${INDENT}${JSON.stringify(`\u0000${k}`)}\n  ]`;
  const holes = Object.keys(obj).filter((k) => (lists.includes(k) && Array.isArray(obj[k]) && (obj[k] as unknown[]).length > 0) || (Object.hasOwn(streams, k) && Array.isArray(obj[k])));
  for (const k of holes) skeleton[k] = [`\u0000${k}`];
  const text = JSON.stringify(skeleton, null, 2) + '\n';
  let at = 0;
  for (const k of holes) {
    const h = hole(k);
    const p = text.indexOf(h, at);
    if (p < 0) throw new Error('json report: unexpected layout');
    const open = p + h.length - `[\n${INDENT}${JSON.stringify(`\u0000${k}`)}\n  ]`.length;
    emit(text.slice(at, open));
    let i = 0;
    for (const x of Object.hasOwn(streams, k) ? streams[k]! : (obj[k] as unknown[])) emit(`${i++ ? ',\n' : '[\n'}${entryText(x)}`);
    emit(i ? '\n  ]' : '[]');
    at = p + h.length;
  }
  emit(text.slice(at));
}

export class JsonReportSpool implements ReportSink {
  private readonly sections: [Section, Section, Section];

  constructor(private readonly opts: { listPolicies?: boolean } = {}) {
    this.sections = [new Section(), new Section(), new Section()];
  }

  records(at: number, policies: GateResult['policies'], principals: GateResult['principals'], attachments: GateResult['attachments']): void {
    for (const p of policies) this.sections[0].add(at, entryText(policyEntry(p, this.opts)));
    for (const p of principals) this.sections[1].add(at, entryText(principalEntry(p, this.opts)));
    for (const a of attachments) this.sections[2].add(at, entryText(attachmentEntry(a)));
  }

  /** Writes the report through `emit` in pieces of about 64 KB (then removes the spool). */
  write(result: GateResult, emit: (text: string) => void, extra: { pullRequest?: ReportPullRequest; shard?: object } = {}): void {
    const POLICIES = '\u0000policies';
    const FINDINGS = '\u0000findings';
    const { shard, ...more } = extra;
    const skeleton = toJsonReport({ ...result, policies: [], principals: [], attachments: [], findings: [] }, { ...this.opts, ...more }) as Record<string, unknown>;
    skeleton.policies = [POLICIES];
    skeleton.findings = [FINDINGS];
    // additive: `shard` on a --shard run (docs/sharding.md), last, as the CLI's renderer puts it
    if (shard) skeleton.shard = shard;
    const text = JSON.stringify(skeleton, null, 2) + '\n';
    const hole = (mark: string) => `[\n${INDENT}${JSON.stringify(mark)}\n  ]`;
    const p = text.indexOf(hole(POLICIES));
    const f = text.indexOf(hole(FINDINGS));
    if (p < 0 || f < p) throw new Error('json report: unexpected layout');
    try {
      let pending = '';
      const out = (s: string) => {
        pending += s;
        if (pending.length >= 1 << 16) {
          emit(pending);
          pending = '';
        }
      };
      out(text.slice(0, p));
      const total = this.sections.reduce((n, s) => n + s.count, 0);
      if (!total) out('[]');
      else {
        out('[\n');
        let first = true;
        for (const s of this.sections)
          s.drain((entry) => {
            out(first ? entry : `,\n${entry}`);
            first = false;
          });
        out('\n  ]');
      }
      out(text.slice(p + hole(POLICIES).length, f));
      // a streamed run's findings read back from disk one at a time (result.findingStream), else the list
      let i = 0;
      for (const x of result.findingStream ?? result.findings) out(`${i++ ? ',\n' : '[\n'}${entryText(findingEntry(x))}`);
      out(i ? '\n  ]' : '[]');
      out(text.slice(f + hole(FINDINGS).length));
      emit(pending);
    } finally {
      this.dispose();
    }
  }

  dispose(): void {
    for (const s of this.sections) s.dispose();
  }
}
