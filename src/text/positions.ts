/**
 * Position-keeping parsing of JSON and YAML text with the `yaml` package (which parses JSON too): the result is
 * plain JSON-like data plus a map from JSON pointers to spans in the file.
 */
import { LineCounter, isMap, isSeq, isScalar, isAlias, isPair } from 'yaml';
import type { Node as YamlNode, Tags, ParsedNode } from 'yaml';
import type { Span } from '../policy/types.js';
import { escapeSegment } from '../policy/source-map.js';
import { JsonSyntaxError, parseJsonWithPositions } from './json-positions.js';
import { parseYamlDocument } from './yaml-document.js';
import { MISREAD_LAYOUT_MESSAGE, misreadLayout } from './yaml-layout.js';

export class InputError extends Error {
  constructor(
    message: string,
    readonly line?: number,
    readonly column?: number,
  ) {
    super(message);
    this.name = 'InputError';
  }
}

export interface Parsed {
  value: unknown;
  /** JSON pointer -> span (value node). */
  spans: Map<string, Span>;
  /** JSON pointer -> span of the key (for object members). */
  keySpans: Map<string, Span>;
  /** Converts a character offset into a 1-based line/column. */
  position(offset: number): { line: number; column: number };
}

export interface ParseOptions {
  /** Extra YAML tags (e.g. CloudFormation's `!Ref`). */
  customTags?: Tags;
  /**
   * Called for every converted node; may replace the value (e.g. turning a tagged node into `{ "Fn::Sub": ... }`).
   */
  transform?: (node: YamlNode, value: unknown) => unknown;
  /** Maximum nesting depth of collections (hostile input guard). Default 512. */
  maxDepth?: number;
}

const DEFAULT_MAX_DEPTH = 512;

/**
 * Cheap pre-scan for bracket nesting depth (flow collections / JSON), skipping quoted strings, so that deeply nested
 * hostile input is refused before the recursive parser sees it. `depth` is exact when over `limit`; else it is at
 * most `limit` (a text with no more opening brackets than `limit` is not scanned: most YAML templates).
 */
export function flowDepth(text: string, limit: number): { depth: number; offset: number } {
  let opens = 0;
  for (let i = text.indexOf('['); i >= 0 && opens <= limit; i = text.indexOf('[', i + 1)) opens++;
  for (let i = text.indexOf('{'); i >= 0 && opens <= limit; i = text.indexOf('{', i + 1)) opens++;
  if (opens <= limit) return { depth: opens, offset: -1 };
  let depth = 0;
  let max = 0;
  let inDouble = false;
  let inSingle = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inDouble) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) inDouble = false;
      continue;
    }
    if (inSingle) {
      if (c === 39 /* ' */) inSingle = false;
      continue;
    }
    if (c === 34) inDouble = true;
    else if (c === 39) {
      // a quote inside a plain scalar (e.g. don't) is not a string start; only treat it as one after a separator
      const p = i > 0 ? text[i - 1] : ' ';
      if (p === ' ' || p === '[' || p === '{' || p === ',' || p === ':' || p === '\n' || p === '\t') inSingle = true;
    } else if (c === 91 /* [ */ || c === 123 /* { */) {
      depth++;
      if (depth > max) {
        max = depth;
        if (max > limit) return { depth: max, offset: i };
      }
    } else if (c === 93 || c === 125) depth = Math.max(0, depth - 1);
    else if (c === 10) inSingle = false;
  }
  return { depth: max, offset: -1 };
}

/**
 * Parse JSON or YAML keeping positions. JSON (text starting with `{` or `[`) goes through the fast strict JSON
 * parser; if that fails and the file is not a `.json` file, YAML gets a chance (flow-style YAML), and if both fail
 * the JSON error is reported.
 * `transform` is called for YAML nodes only (JSON has no tags).
 */
export function parseWithPositions(text: string, file: string, options: ParseOptions = {}): Parsed {
  const maxDepth = options.maxDepth ?? DEFAULT_MAX_DEPTH;
  if (looksLikeJson(text)) {
    try {
      return parseJsonWithPositions(text, file, maxDepth);
    } catch (e) {
      if (!(e instanceof JsonSyntaxError)) throw e;
      // a .json file is JSON: no lenient second chance
      if (/\.json$/i.test(file)) throw new InputError(e.message, e.line, e.column);
      try {
        return parseYamlWithPositions(text, file, options, maxDepth);
      } catch {
        throw new InputError(e.message, e.line, e.column);
      }
    }
  }
  return parseYamlWithPositions(text, file, options, maxDepth);
}

/** The YAML document (core schema, unique keys), refused with its line when too deep or invalid. */
function yamlDocument(text: string, options: ParseOptions, maxDepth: number, lineCounter: LineCounter, position: (offset: number) => { line: number; column: number }) {
  const deep = flowDepth(text, maxDepth);
  if (deep.depth > maxDepth) {
    // lineCounter is filled by the parser; compute the line by hand here
    const before = text.slice(0, deep.offset);
    const line = before.split('\n').length;
    throw new InputError(`nesting deeper than ${maxDepth} levels`, line, deep.offset - before.lastIndexOf('\n'));
  }
  const misread = misreadLayout(text);
  if (misread) throw new InputError(MISREAD_LAYOUT_MESSAGE, misread.line, misread.column);
  const doc = parseYamlDocument(text, {
    lineCounter,
    customTags: options.customTags,
    uniqueKeys: true,
    prettyErrors: false,
    // YAML 1.2 core schema: "2012-10-17" stays a string, no sexagesimal numbers, no timestamps
    schema: 'core',
    merge: false,
    keepSourceTokens: false,
  });
  if (doc.errors.length > 0) {
    const e = doc.errors[0]!;
    const p = position(e.pos[0]);
    throw new InputError(cleanYamlMessage(e.message), p.line, p.column);
  }
  return doc;
}

function parseYamlWithPositions(text: string, file: string, options: ParseOptions, maxDepth: number): Parsed {
  const lineCounter = new LineCounter();
  const position = (offset: number) => {
    const p = lineCounter.linePos(offset);
    return { line: p.line, column: p.col };
  };
  const doc = yamlDocument(text, options, maxDepth, lineCounter, position);
  const spans = new Map<string, Span>();
  const keySpans = new Map<string, Span>();
  const span = (range: [number, number, number] | null | undefined): Span | undefined =>
    range ? { file, start: position(range[0]), end: position(Math.max(range[0], range[1])) } : undefined;

  let aliasBudget = 10_000; // resolved alias nodes (billion-laughs guard beyond yaml's own maxAliasCount)
  let nodeBudget = 2_000_000; // converted nodes

  const conv = (node: unknown, ptr: string, depth: number): unknown => {
    if (depth > maxDepth) throw new InputError(`nesting deeper than ${maxDepth} levels`);
    if (--nodeBudget < 0) throw new InputError('document too large (more than 2,000,000 values)');
    if (node === null || node === undefined) return null;
    let n = node as YamlNode;
    if (isAlias(n)) {
      if (--aliasBudget < 0) throw new InputError('too many YAML aliases');
      const target = n.resolve(doc);
      if (!target) throw new InputError(`unresolved YAML alias *${n.source}`);
      const s = span((n as ParsedNode).range);
      if (s) spans.set(ptr, s);
      return conv(target, ptr, depth + 1);
    }
    const s = span((n as ParsedNode).range);
    if (s) spans.set(ptr, s);
    let out: unknown;
    if (isMap(n)) {
      const obj: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
      for (const pair of n.items) {
        if (!isPair(pair)) continue;
        const k = pair.key;
        let key: string;
        if (isScalar(k)) key = String(k.value);
        else if (k === null || k === undefined) key = '';
        else throw new InputError('complex (non-scalar) mapping keys are not supported', ...lc(k));
        const childPtr = `${ptr}/${escapeSegment(key)}`;
        const ks = span((k as ParsedNode | null)?.range);
        if (ks) keySpans.set(childPtr, ks);
        obj[key] = conv(pair.value, childPtr, depth + 1);
        // a null value has no node: point at the key
        if (!spans.has(childPtr) && ks) spans.set(childPtr, ks);
      }
      out = toPlainObject(obj);
    } else if (isSeq(n)) {
      out = n.items.map((item, i) => conv(item, `${ptr}/${i}`, depth + 1));
    } else if (isScalar(n)) {
      out = n.value;
      if (typeof out === 'number' && !Number.isFinite(out)) out = n.source ?? String(out);
    } else {
      out = null;
    }
    return options.transform ? options.transform(n, out) : out;
  };

  const lc = (k: unknown): [number?, number?] => {
    const r = (k as ParsedNode | undefined)?.range;
    if (!r) return [];
    const p = position(r[0]);
    return [p.line, p.column];
  };

  const value = conv(doc.contents, '', 0);
  return { value, spans, keySpans, position };
}

/**
 * Objects built with a null prototype (so `__proto__` keys are plain data) are converted to ordinary objects with
 * own-property definitions, which never invoke the `__proto__` setter.
 */
function toPlainObject(obj: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(obj)) {
    Object.defineProperty(out, k, { value: obj[k], enumerable: true, writable: true, configurable: true });
  }
  return out;
}

function cleanYamlMessage(message: string): string {
  // yaml's messages carry "at line X, column Y" which we report separately
  return message.replace(/ at line \d+, column \d+:?[\s\S]*$/, '').trim();
}

/** True when the text looks like JSON (first non-space character is `{` or `[`). */
export function looksLikeJson(text: string): boolean {
  const m = /^\s*([[{])/.exec(text);
  return m !== null;
}

/** Line of the key at `ptr` (or of its value, or of the nearest ancestor written in the file: 1 for the root). */
export function lineOf(parsed: Parsed, ptr: string): number | undefined {
  let p = ptr;
  for (;;) {
    const line = parsed.keySpans.get(p)?.start.line ?? parsed.spans.get(p)?.start.line;
    if (line !== undefined) return line;
    if (p === '') return 1;
    p = p.slice(0, p.lastIndexOf('/'));
  }
}

/** Offsets at which each line of `text` starts (for `lineAt`). */
export function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

/** 1-based line of a character offset. */
export function lineAt(starts: number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}
