// The direct JSON reader of src/extract/cloudformation/json-template.ts as it was before its white space and string
// characters were skipped with sticky regular expressions (session 9): the oracle of json-template.test.ts.
/**
 * JSON templates (CDK output, half of a typical corpus by size) read directly into CNodes: several times faster
 * than the YAML parser on the same text. Anything that is not strict JSON (or has a duplicate key) goes the YAML
 * way (yaml.ts), which reports the error or the warning.
 */
import { LineCounter } from 'yaml';
import { InputError } from '../../../../src/text/positions.js';
import type { CMap, CNode, CSeq, Src } from '../../../../src/extract/cloudformation/yaml.js';

/** Line starts of `text` (for offsets in the original text, whatever text the parser read). */
function lineTable(text: string): LineCounter {
  const lineCounter = new LineCounter();
  lineCounter.addNewLine(0);
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lineCounter.addNewLine(i + 1);
  return lineCounter;
}

class NotJson extends Error {}

/**
 * A JSON template as CNodes with offsets (what the YAML path gives for the same text: scalars start at their
 * quote, collections at their bracket), and the deepest nesting of its containers (objects and arrays within each
 * other, the root one counted). Undefined when the text is not strict JSON (the caller falls back to
 * YAML, which reports the error); duplicate keys also go the YAML way (the last wins, with a warning).
 */
export function parseJsonTemplateOracle(text: string, file: string, maxDepth: number, maxNodes: number): { root: CNode; src: Src; deepest: number } | undefined {
  const r = new JsonTemplateReader(text, { file, lineCounter: lineTable(text) }, maxDepth, maxNodes);
  try {
    const root = r.value(0);
    if (!Number.isNaN(r.ws())) return undefined; // trailing content: let YAML judge it
    return { root, src: r.src, deepest: r.deepest };
  } catch (e) {
    if (e instanceof NotJson) return undefined;
    throw e;
  }
}

const JSON_LITERAL = /(?:-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/y;

/** parseJsonTemplate's reader: `i` is the offset of the next character; anything not strict JSON throws NotJson. */
class JsonTemplateReader {
  i: number;
  /** The deepest nesting of containers read so far (the root container is 1). */
  deepest = 0;

  constructor(
    readonly text: string,
    readonly src: Src,
    readonly maxDepth: number,
    private budget: number,
  ) {
    this.i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  }

  /** Skips white space; the next character's code (NaN at the end). */
  ws(): number {
    for (;;) {
      const c = this.text.charCodeAt(this.i);
      if (c === 32 || c === 10 || c === 13 || c === 9) this.i++;
      else return c;
    }
  }

  string(): string {
    const text = this.text;
    const start = this.i; // at the opening quote
    let j = start + 1;
    let escaped = false;
    for (;;) {
      const c = text.charCodeAt(j);
      if (c === 34) break;
      if (c === 92) {
        escaped = true;
        j += 2;
        continue;
      }
      if (Number.isNaN(c) || c < 32) throw new NotJson();
      j++;
    }
    this.i = j + 1;
    if (!escaped) return text.slice(start + 1, j);
    try {
      return JSON.parse(text.slice(start, j + 1)) as string;
    } catch {
      throw new NotJson();
    }
  }

  value(depth: number): CNode {
    if (depth > this.maxDepth) {
      const p = this.src.lineCounter.linePos(this.i);
      throw new InputError(`nesting deeper than ${this.maxDepth} levels`, p.line, p.col);
    }
    if (--this.budget < 0) throw new InputError('document too large (more than 2,000,000 values)');
    const c = this.ws();
    const start = this.i;
    if (c === 123 /* { */) return this.object(depth, start);
    if (c === 91 /* [ */) return this.array(depth, start);
    if (c === 34) {
      const v = this.string();
      return { kind: 'scalar', value: v, src: this.src, start, end: this.i };
    }
    JSON_LITERAL.lastIndex = this.i;
    const lit = JSON_LITERAL.exec(this.text);
    if (!lit) throw new NotJson();
    this.i += lit[0].length;
    const t = lit[0];
    const v = t === 'true' ? true : t === 'false' ? false : t === 'null' ? null : Number(t);
    return { kind: 'scalar', value: typeof v === 'number' && !Number.isFinite(v) ? t : v, src: this.src, start, end: this.i };
  }

  object(depth: number, start: number): CMap {
    if (depth >= this.deepest) this.deepest = depth + 1;
    this.i++;
    const entries = new Map<string, CNode>();
    const keys = new Map<string, number>();
    if (this.ws() === 125) {
      this.i++;
      return { kind: 'map', entries, keys, src: this.src, start, end: this.i };
    }
    for (;;) {
      if (this.ws() !== 34) throw new NotJson();
      const kStart = this.i;
      const key = this.string();
      if (entries.has(key)) throw new NotJson(); // the YAML reader keeps the last and warns
      if (this.ws() !== 58) throw new NotJson();
      this.i++;
      keys.set(key, kStart);
      entries.set(key, this.value(depth + 1));
      const d = this.ws();
      this.i++;
      if (d === 44) continue;
      if (d === 125) return { kind: 'map', entries, keys, src: this.src, start, end: this.i };
      throw new NotJson();
    }
  }

  array(depth: number, start: number): CSeq {
    if (depth >= this.deepest) this.deepest = depth + 1;
    this.i++;
    const items: CNode[] = [];
    if (this.ws() === 93) {
      this.i++;
      return { kind: 'seq', items, src: this.src, start, end: this.i };
    }
    for (;;) {
      items.push(this.value(depth + 1));
      const d = this.ws();
      this.i++;
      if (d === 44) continue;
      if (d === 93) return { kind: 'seq', items, src: this.src, start, end: this.i };
      throw new NotJson();
    }
  }
}
