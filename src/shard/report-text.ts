/**
 * A JSON report split at its top-level `findings` list, so a merge parses the findings one at a time instead
 * of the whole report at once (a report of 10,000 files is ~70 MB of JSON, ~6 KB of objects a finding when parsed
 * whole). The scan below only finds where values start and end (strings with their escapes, nesting); every part is
 * then read by JSON.parse itself: the rest of the report with `[]` in place of the list, and each entry on its own.
 * Valid parts separated as JSON separates them make a valid whole, and each entry parses as it would inside it, so
 * what the merge reads is what JSON.parse of the whole text gives. Anything the scan does not expect around the list
 * (no top-level object, `findings` twice, a value that is not a list) gives `undefined`: the caller parses the whole
 * text instead, and JSON.parse decides; inside the list, entries are found as they are read, and a list that is not
 * JSON throws there (as JSON.parse of the whole text would).
 */

/** The report without its findings (`findings: []`), and its findings' texts one at a time. */
export interface SplitReport {
  rest: string;
  /** Each entry of `findings`, its text, in order (throws on a list that is not JSON). */
  entries(): Generator<string>;
}

const isWs = (c: number | undefined) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

/** Index after the whitespace at `i`. */
function skipWs(b: Uint8Array, i: number): number {
  while (isWs(b[i])) i++;
  return i;
}

/** Index after the string starting at `i` (a `"`), or -1: the next quote not escaped (an odd run of backslashes). */
function stringEnd(b: Uint8Array, i: number): number {
  for (let j = i + 1; ; j++) {
    j = b.indexOf(0x22, j);
    if (j < 0) return -1;
    let k = j;
    while (b[k - 1] === 0x5c) k--;
    if ((j - k) % 2 === 0) return j + 1;
  }
}

/** Index after the value starting at `i`, or -1 (only its extent: JSON.parse reads it). */
function valueEnd(b: Uint8Array, i: number): number {
  const c = b[i];
  if (c === 0x22) return stringEnd(b, i);
  if (c !== 0x7b && c !== 0x5b) {
    // a number or a literal: up to the next separator
    let j = i;
    for (let d = b[j]; j < b.length && !isWs(d) && d !== 0x2c && d !== 0x7d && d !== 0x5d; d = b[++j]);
    return j > i ? j : -1;
  }
  let depth = 0;
  for (let j = i; j < b.length; j++) {
    const d = b[j];
    if (d === 0x22) {
      j = stringEnd(b, j) - 1;
      if (j < 0) return -1;
    } else if (d === 0x7b || d === 0x5b) depth++;
    else if (d === 0x7d || d === 0x5d) {
      if (--depth === 0) return j + 1;
    }
  }
  return -1;
}

/**
 * The report's UTF-8 bytes split at its top-level `findings` list (see the file comment), or undefined. Bytes, not a
 * text: JSON's structure is ASCII and no byte of a multi-byte UTF-8 character is, so the scan cannot misread one;
 * and only the parts are decoded (a text of the whole report, over ~1 MB, would be a copy in the C library's heap).
 */
export function splitFindings(b: Uint8Array): SplitReport | undefined {
  const bytes = Buffer.from(b.buffer, b.byteOffset, b.length);
  const text = (from: number, to: number) => bytes.toString('utf8', from, to);
  let i = skipWs(b, 0);
  if (b[i] !== 0x7b) return undefined;
  let list: [number, number] | undefined;
  i = skipWs(b, i + 1);
  if (b[i] === 0x7d) return undefined;
  for (;;) {
    if (b[i] !== 0x22) return undefined;
    const keyEnd = stringEnd(b, i);
    if (keyEnd < 0) return undefined;
    let key: unknown;
    try {
      key = JSON.parse(text(i, keyEnd));
    } catch {
      return undefined;
    }
    i = skipWs(b, keyEnd);
    if (b[i] !== 0x3a) return undefined;
    const start = skipWs(b, i + 1);
    const end = valueEnd(b, start);
    if (end < 0) return undefined;
    if (key === 'findings') {
      // twice: JSON.parse keeps the last one; not worth following here
      if (list || b[start] !== 0x5b) return undefined;
      list = [start, end];
    }
    i = skipWs(b, end);
    if (b[i] === 0x7d) break;
    if (b[i] !== 0x2c) return undefined;
    i = skipWs(b, i + 1);
  }
  if (!list || skipWs(b, i + 1) !== b.length) return undefined;
  const [open, close] = list;
  // the entries found as they are read (a list of millions of entries has no table of them)
  const entries = function* (): Generator<string> {
    let j = skipWs(b, open + 1);
    if (b[j] === 0x5d && j + 1 === close) return;
    for (;;) {
      const end = valueEnd(b, j);
      if (end < 0 || end >= close) throw new Error(`findings: no entry at byte ${j}`);
      yield text(j, end);
      j = skipWs(b, end);
      if (b[j] === 0x5d && j + 1 === close) return;
      if (b[j] !== 0x2c) throw new Error(`findings: no comma or end of the list at byte ${j}`);
      j = skipWs(b, j + 1);
    }
  };
  return { rest: text(0, open) + '[]' + text(close, b.length), entries };
}
