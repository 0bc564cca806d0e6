/**
 * Positions in a Terraform plan's text (plans are read with plain JSON.parse, no positions): where a JSON error is,
 * and the line of each resource's `"address"`, found in one forward pass.
 */
import { lineAt, lineStartsOf } from '../../text/positions.js';

export function jsonErrorPosition(message: string, text: string): { line?: number; column?: number } {
  const lc = /line (\d+) column (\d+)/.exec(message);
  if (lc) return { line: Number(lc[1]), column: Number(lc[2]) };
  const pos = /position (\d+)/.exec(message);
  if (pos) {
    const starts = lineStartsOf(text);
    const off = Number(pos[1]);
    const line = lineAt(starts, off);
    return { line, column: off - starts[line - 1]! + 1 };
  }
  if (/Unexpected end of JSON input/i.test(message)) {
    const lines = text.split('\n');
    return { line: lines.length, column: (lines[lines.length - 1] ?? '').length + 1 };
  }
  return {};
}

/** An address as the plan text writes it (quotes and backslashes escaped). */
export function planAddressKey(address: string): string {
  return address.includes('"') || address.includes('\\') ? JSON.stringify(address).slice(1, -1) : address;
}

/** First line and column of each `"address": "..."` in the plan text (one forward pass, no line table). */
function addressLines(text: string): Map<string, { line: number; column: number }> {
  const out = new Map<string, { line: number; column: number }>();
  const KEY = '"address"';
  let line = 1;
  let lineStart = 0;
  let nl = text.indexOf('\n');
  for (let at = text.indexOf(KEY); at !== -1; at = text.indexOf(KEY, at + KEY.length)) {
    // `"address": "..."` (any spacing around the colon)
    let i = at + KEY.length;
    while (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 10 || text.charCodeAt(i) === 13 || text.charCodeAt(i) === 9) i++;
    if (text.charCodeAt(i) !== 58 /* : */) continue;
    i++;
    while (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 10 || text.charCodeAt(i) === 13 || text.charCodeAt(i) === 9) i++;
    if (text.charCodeAt(i) !== 34 /* " */) continue;
    let end = text.indexOf('"', i + 1);
    let escaped = false;
    while (end !== -1 && text.charCodeAt(end - 1) === 92) {
      // a quote preceded by backslashes: escaped when their count is odd
      let k = end - 1;
      while (text.charCodeAt(k) === 92) k--;
      if ((end - 1 - k) % 2 === 0) break;
      escaped = true;
      end = text.indexOf('"', end + 1);
    }
    if (end === -1) break;
    // keyed by the address as written in the JSON text (escapes kept): see planAddressKey
    let addr = text.slice(i + 1, end);
    if (escaped && addr.includes('\\u')) {
      try {
        addr = planAddressKey(JSON.parse(`"${addr}"`) as string);
      } catch {
        continue;
      }
    }
    if (out.has(addr)) continue;
    while (nl !== -1 && nl < at) {
      line++;
      lineStart = nl + 1;
      nl = text.indexOf('\n', nl + 1);
    }
    out.set(addr, { line, column: at - lineStart + 1 });
  }
  return out;
}

/**
 * Finds `"address": "<address>"` in the plan text on demand. Records are asked for in the order the plan lists
 * them, so a forward cursor makes the whole run one pass over the text; anything else (out of order, escapes) falls
 * back to a full index of every address.
 */
export class AddressFinder {
  private readonly found = new Map<string, { line: number; column: number } | undefined>();
  private cursor = 0;
  private line = 1;
  private lineStart = 0;
  private full: Map<string, { line: number; column: number }> | undefined;
  constructor(private readonly text: string) {}

  get(key: string): { line: number; column: number } | undefined {
    if (this.found.has(key)) return this.found.get(key);
    const at = this.forward(key);
    const pos = at !== undefined ? this.position(at) : (this.full ??= addressLines(this.text)).get(key);
    this.found.set(key, pos);
    return pos;
  }

  /** Offset of the `"address"` key whose value is `key`, searching forward from the cursor. */
  private forward(key: string): number | undefined {
    const t = this.text;
    const needle = `"${key}"`;
    for (let i = t.indexOf(needle, this.cursor); i !== -1; i = t.indexOf(needle, i + needle.length)) {
      // walk back over `"address"\s*:\s*`
      let j = i - 1;
      while (j >= 0 && /\s/.test(t[j]!)) j--;
      if (t[j] !== ':') continue;
      j--;
      while (j >= 0 && /\s/.test(t[j]!)) j--;
      if (j >= 8 && t.startsWith('"address"', j - 8)) return j - 8;
    }
    return undefined;
  }

  /** The next newline at or after the cursor (-1: none), kept so a one-line plan is not rescanned per call. */
  private nextNl = -2;

  private position(at: number): { line: number; column: number } {
    const t = this.text;
    if (at < this.cursor) {
      this.line = 1;
      this.lineStart = 0;
      this.cursor = 0;
      this.nextNl = -2;
    }
    if (this.nextNl === -2) this.nextNl = t.indexOf('\n', this.cursor);
    while (this.nextNl !== -1 && this.nextNl < at) {
      this.line++;
      this.lineStart = this.nextNl + 1;
      this.nextNl = t.indexOf('\n', this.nextNl + 1);
    }
    this.cursor = at;
    return { line: this.line, column: at - this.lineStart + 1 };
  }
}

