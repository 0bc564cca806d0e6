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
  const position = lineIndex(text);
  const spans = new Map<string, Span>();
  const keySpans = new Map<string, Span>();
  let i = 0;
  const n = text.length;

  const fail = (msg: string, at = i): never => {
    const p = position(Math.min(at, n));
    throw new JsonSyntaxError(msg, p.line, p.column);
  };
  const span = (start: number, end: number): Span => ({ file, start: position(start), end: position(end) });
  const ws = () => {
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === 32 || c === 10 || c === 13 || c === 9) i++;
      else return;
    }
  };
  const describe = (at: number) => (at >= n ? 'end of input' : `${JSON.stringify(text[at])}`);

  const str = (): string => {
    // text[i] === '"'
    const start = i;
    i++;
    let out = '';
    let chunk = i;
    for (;;) {
      if (i >= n) fail('unterminated string', start);
      const c = text.charCodeAt(i);
      if (c === 34) break;
      if (c < 32) fail('control character in string');
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
            if (!/^[0-9a-fA-F]{4}$/.test(hex)) fail('invalid \\u escape');
            out += String.fromCharCode(parseInt(hex, 16));
            i += 4;
            break;
          }
          default:
            fail('invalid escape in string');
        }
        i += 2;
        chunk = i;
        continue;
      }
      i++;
    }
    out += text.slice(chunk, i);
    i++;
    return out;
  };

  const NUM = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

  const value = (ptr: string, depth: number): unknown => {
    ws();
    const start = i;
    const c = text[i];
    let v: unknown;
    if (c === '{') {
      if (depth >= maxDepth) fail(`nesting deeper than ${maxDepth} levels`);
      i++;
      const obj: Record<string, unknown> = {};
      const seen = new Set<string>();
      ws();
      if (text[i] === '}') i++;
      else {
        for (;;) {
          ws();
          if (text[i] !== '"') fail(`expected a property name in double quotes, found ${describe(i)}`);
          const kStart = i;
          const key = str();
          if (seen.has(key)) fail(`duplicate key ${JSON.stringify(key)} (keys must be unique)`, kStart);
          seen.add(key);
          const childPtr = `${ptr}/${escapeSegment(key)}`;
          keySpans.set(childPtr, span(kStart, i));
          ws();
          if (text[i] !== ':') fail(`expected ':' after property name, found ${describe(i)}`);
          i++;
          const child = value(childPtr, depth + 1);
          Object.defineProperty(obj, key, { value: child, enumerable: true, writable: true, configurable: true });
          ws();
          if (text[i] === ',') {
            i++;
            continue;
          }
          if (text[i] === '}') {
            i++;
            break;
          }
          fail(`expected ',' or '}' in object, found ${describe(i)}`);
        }
      }
      v = obj;
    } else if (c === '[') {
      if (depth >= maxDepth) fail(`nesting deeper than ${maxDepth} levels`);
      i++;
      const arr: unknown[] = [];
      ws();
      if (text[i] === ']') i++;
      else {
        for (;;) {
          arr.push(value(`${ptr}/${arr.length}`, depth + 1));
          ws();
          if (text[i] === ',') {
            i++;
            continue;
          }
          if (text[i] === ']') {
            i++;
            break;
          }
          fail(`expected ',' or ']' in array, found ${describe(i)}`);
        }
      }
      v = arr;
    } else if (c === '"') {
      v = str();
    } else if (c === 't' && text.startsWith('true', i)) {
      i += 4;
      v = true;
    } else if (c === 'f' && text.startsWith('false', i)) {
      i += 5;
      v = false;
    } else if (c === 'n' && text.startsWith('null', i)) {
      i += 4;
      v = null;
    } else {
      NUM.lastIndex = i;
      const m = NUM.exec(text);
      if (!m || m[0] === '-' || m[0].length === 0) fail(`unexpected ${describe(i)}`);
      const raw = m![0];
      i += raw.length;
      const num = Number(raw);
      // as JSON.parse, except that numbers beyond double range keep their text instead of becoming Infinity
      v = Number.isFinite(num) ? num : raw;
    }
    spans.set(ptr, span(start, i));
    return v;
  };

  const result = value('', 0);
  ws();
  if (i < n) fail(`unexpected ${describe(i)} after the JSON value`);
  return { value: result, spans, keySpans, position };
}
