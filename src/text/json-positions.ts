/**
 * A strict JSON parser (RFC 8259) that records the span of every value and key, keyed by JSON pointer. About two
 * orders of magnitude faster than going through the YAML parser for the common case (policy files, JSON templates,
 * .tf.json). Hostile-input safe: bounded depth, duplicate keys rejected, `__proto__` kept as data.
 */
import type { Span } from '../policy/types.js';
import { escapeSegment } from '../policy/source-map.js';

export class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(message);
    this.name = 'JsonSyntaxError';
  }
}

export interface JsonParsed {
  value: unknown;
  spans: Map<string, Span>;
  keySpans: Map<string, Span>;
  position(offset: number): { line: number; column: number };
}

/** Line-start offsets, for offset -> line/column by binary search. */
export function lineIndex(text: string): (offset: number) => { line: number; column: number } {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return (offset: number) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - starts[lo]! + 1 };
  };
}

export function parseJsonWithPositions(text: string, file: string, maxDepth = 512): JsonParsed {
  const r = new JsonReader(text, file, maxDepth);
  const result = r.value('', 0);
  r.ws();
  if (r.i < text.length) r.fail(`unexpected ${r.describe(r.i)} after the JSON value`);
  return { value: result, spans: r.spans, keySpans: r.keySpans, position: r.position };
}

const NUM = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/** The recursive-descent reader behind parseJsonWithPositions: `i` is the offset of the next character. */
class JsonReader {
  i = 0;
  readonly n: number;
  readonly position: (offset: number) => { line: number; column: number };
  readonly spans = new Map<string, Span>();
  readonly keySpans = new Map<string, Span>();

  constructor(
    readonly text: string,
    readonly file: string,
    readonly maxDepth: number,
  ) {
    this.n = text.length;
    this.position = lineIndex(text);
  }

  fail(msg: string, at = this.i): never {
    const p = this.position(Math.min(at, this.n));
    throw new JsonSyntaxError(msg, p.line, p.column);
  }

  span(start: number, end: number): Span {
    return { file: this.file, start: this.position(start), end: this.position(end) };
  }

  ws(): void {
    const text = this.text;
    for (;;) {
      const c = text.charCodeAt(this.i);
      if (c === 32 || c === 10 || c === 13 || c === 9) this.i++;
      else return;
    }
  }

  describe(at: number): string {
    return at >= this.n ? 'end of input' : `${JSON.stringify(this.text[at])}`;
  }

  /** A string; text[i] is its opening quote. */
  str(): string {
    const text = this.text;
    const start = this.i;
    let i = start + 1;
    let out = '';
    let chunk = i;
    for (;;) {
      if (i >= this.n) this.fail('unterminated string', start);
      const c = text.charCodeAt(i);
      if (c === 34) break;
      if (c < 32) this.fail('control character in string', i);
      if (c === 92) {
        out += text.slice(chunk, i);
        const e = text[i + 1];
        switch (e) {
          case '"': out += '"'; break;
          case '\\': out += '\\'; break;
          case '/': out += '/'; break;
          case 'b': out += '\b'; break;
          case 'f': out += '\f'; break;
          case 'n': out += '\n'; break;
          case 'r': out += '\r'; break;
          case 't': out += '\t'; break;
          case 'u': {
            const hex = text.slice(i + 2, i + 6);
            if (!/^[0-9a-fA-F]{4}$/.test(hex)) this.fail('invalid \\u escape', i);
            out += String.fromCharCode(parseInt(hex, 16));
            i += 4;
            break;
          }
          default:
            this.fail('invalid escape in string', i);
        }
        i += 2;
        chunk = i;
        continue;
      }
      i++;
    }
    out += text.slice(chunk, i);
    this.i = i + 1;
    return out;
  }

  value(ptr: string, depth: number): unknown {
    this.ws();
    const start = this.i;
    const c = this.text[this.i];
    let v: unknown;
    if (c === '{') v = this.object(ptr, depth);
    else if (c === '[') v = this.array(ptr, depth);
    else if (c === '"') v = this.str();
    else v = this.literal();
    this.spans.set(ptr, this.span(start, this.i));
    return v;
  }

  object(ptr: string, depth: number): Record<string, unknown> {
    const text = this.text;
    if (depth >= this.maxDepth) this.fail(`nesting deeper than ${this.maxDepth} levels`);
    this.i++;
    const obj: Record<string, unknown> = {};
    this.ws();
    if (text[this.i] === '}') {
      this.i++;
      return obj;
    }
    for (;;) {
      this.ws();
      if (text[this.i] !== '"') this.fail(`expected a property name in double quotes, found ${this.describe(this.i)}`);
      const kStart = this.i;
      const key = this.str();
      // the keys read so far are the object's own properties (no set of them beside it)
      if (Object.prototype.hasOwnProperty.call(obj, key)) this.fail(`duplicate key ${JSON.stringify(key)} (keys must be unique)`, kStart);
      const childPtr = `${ptr}/${escapeSegment(key)}`;
      this.keySpans.set(childPtr, this.span(kStart, this.i));
      this.ws();
      if (text[this.i] !== ':') this.fail(`expected ':' after property name, found ${this.describe(this.i)}`);
      this.i++;
      const child = this.value(childPtr, depth + 1);
      // `__proto__` as an own data property (assigning it would set the prototype); any other key: the same property
      if (key === '__proto__') Object.defineProperty(obj, key, { value: child, enumerable: true, writable: true, configurable: true });
      else obj[key] = child;
      this.ws();
      if (text[this.i] === ',') {
        this.i++;
        continue;
      }
      if (text[this.i] === '}') {
        this.i++;
        return obj;
      }
      this.fail(`expected ',' or '}' in object, found ${this.describe(this.i)}`);
    }
  }

  array(ptr: string, depth: number): unknown[] {
    const text = this.text;
    if (depth >= this.maxDepth) this.fail(`nesting deeper than ${this.maxDepth} levels`);
    this.i++;
    const arr: unknown[] = [];
    this.ws();
    if (text[this.i] === ']') {
      this.i++;
      return arr;
    }
    for (;;) {
      arr.push(this.value(`${ptr}/${arr.length}`, depth + 1));
      this.ws();
      if (text[this.i] === ',') {
        this.i++;
        continue;
      }
      if (text[this.i] === ']') {
        this.i++;
        return arr;
      }
      this.fail(`expected ',' or ']' in array, found ${this.describe(this.i)}`);
    }
  }

  /** true, false, null or a number. */
  literal(): unknown {
    const { text, i } = this;
    const c = text[i];
    if (c === 't' && text.startsWith('true', i)) {
      this.i += 4;
      return true;
    }
    if (c === 'f' && text.startsWith('false', i)) {
      this.i += 5;
      return false;
    }
    if (c === 'n' && text.startsWith('null', i)) {
      this.i += 4;
      return null;
    }
    NUM.lastIndex = i;
    const m = NUM.exec(text);
    if (!m || m[0] === '-' || m[0].length === 0) this.fail(`unexpected ${this.describe(i)}`);
    const raw = m![0];
    this.i += raw.length;
    const num = Number(raw);
    // as JSON.parse, except that numbers beyond double range keep their text instead of becoming Infinity
    return Number.isFinite(num) ? num : raw;
  }
}
