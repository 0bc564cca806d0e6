/**
 * YAML as CloudFormation reads it (PyYAML/SnakeYAML): a quoted scalar or a flow collection (`[...]`, `{...}`)
 * that starts in block context has no indentation rule for its continuation lines there, whereas the `yaml`
 * package (YAML 1.2, strict) wants them indented deeper than the parent block. Templates that CloudFormation
 * deploys are written that way (`!Sub '...'` bodies and `[{...}]` lists folded at column 0), so before parsing
 * we indent such continuation lines with spaces. Leading white space of a continuation line of a quoted or flow
 * scalar is folded away by both readers, so the value does not change; the spaces inserted are recorded and
 * every offset the parser reports is mapped back to the original text (lines and columns stay exact).
 *
 * A scan that only understands what it must: comments, block scalars (skipped), quoted scalars and flow
 * collections that start where a value may start. A document marker (`---`, `...`) at column 0 inside such a
 * construct is left alone (PyYAML rejects it as well).
 */

export interface Reindented {
  text: string;
  /** Maps an offset in `text` to the offset in the original. */
  toOriginal: (offset: number) => number;
  /** Lines whose indentation was raised (1-based, original line numbers). */
  lines: number[];
}

interface Insert {
  /** Offset in the original text (a line start). */
  at: number;
  spaces: number;
}

const isWs = (c: string | undefined): boolean => c === ' ' || c === '\t';

/** Whether a value may start at `i` in block context: at the line's first token or after `key:`, `-`, `?`, a tag or an anchor. */
function valueStart(text: string, lineStart: number, i: number): boolean {
  let j = i - 1;
  while (j >= lineStart && isWs(text[j])) j--;
  if (j < lineStart) return true;
  if (j === i - 1) return false; // no white space before it: inside a plain scalar
  let k = j;
  while (k >= lineStart && !isWs(text[k])) k--;
  const tok = text.slice(k + 1, j + 1);
  return tok.endsWith(':') || tok === '-' || tok === '?' || tok.startsWith('!') || tok.startsWith('&');
}

function indentOf(text: string, lineStart: number): number {
  let i = lineStart;
  while (text[i] === ' ') i++;
  return i - lineStart;
}

class Scanner {
  readonly inserts: Insert[] = [];
  i = 0;
  constructor(private readonly text: string) {}

  /** At a line start inside a construct opened on a line indented `base`: raise it to base + 1 when needed. */
  private continuation(base: number): void {
    const t = this.text;
    const ls = this.i;
    let j = ls;
    while (t[j] === ' ') j++;
    const c = t[j];
    if (c === undefined || c === '\n' || c === '\r') return; // blank line: folds to a line break either way
    if ((t.startsWith('---', ls) || t.startsWith('...', ls)) && (isWs(t[ls + 3]) || t[ls + 3] === undefined || t[ls + 3] === '\n' || t[ls + 3] === '\r')) return;
    const need = base + 1 - (j - ls);
    if (need > 0) this.inserts.push({ at: ls, spaces: need });
  }

  private newline(base: number): void {
    if (this.text[this.i] === '\r' && this.text[this.i + 1] === '\n') this.i++;
    this.i++;
    this.continuation(base);
  }

  /** From the opening quote to past the closing one. */
  quoted(base: number): void {
    const t = this.text;
    const q = t[this.i];
    this.i++;
    while (this.i < t.length) {
      const c = t[this.i];
      if (c === '\n' || c === '\r') {
        this.newline(base);
        continue;
      }
      if (q === '"' && c === '\\') {
        this.i += t[this.i + 1] === '\n' || t[this.i + 1] === '\r' ? 1 : 2; // an escaped line break still continues
        continue;
      }
      if (c === q) {
        if (q === "'" && t[this.i + 1] === "'") {
          this.i += 2;
          continue;
        }
        this.i++;
        return;
      }
      this.i++;
    }
  }

  /** From the opening bracket to past the matching closing one. */
  flow(base: number): void {
    const t = this.text;
    let depth = 0;
    while (this.i < t.length) {
      const c = t[this.i];
      if (c === '\n' || c === '\r') {
        this.newline(base);
        continue;
      }
      if (c === '[' || c === '{') depth++;
      else if (c === ']' || c === '}') {
        depth--;
        if (depth === 0) {
          this.i++;
          return;
        }
      } else if (c === '#' && isWs(t[this.i - 1])) {
        while (this.i < t.length && t[this.i] !== '\n' && t[this.i] !== '\r') this.i++;
        continue;
      } else if ((c === '"' || c === "'") && this.flowValueStart()) {
        this.quoted(base);
        continue;
      }
      this.i++;
    }
  }

  private flowValueStart(): boolean {
    let j = this.i - 1;
    while (j >= 0 && (isWs(this.text[j]) || this.text[j] === '\n' || this.text[j] === '\r')) j--;
    const p = this.text[j];
    if (p === '[' || p === '{' || p === ',' || p === ':' || p === '?') return true;
    if (j === this.i - 1) return false; // inside a plain scalar (no white space before it)
    // after a tag or an anchor: `!Ref "x"`
    let k = j;
    while (k >= 0 && !isWs(this.text[k]) && !'[{,\n\r'.includes(this.text[k]!)) k--;
    const c = this.text[k + 1];
    return c === '!' || c === '&';
  }

  /** Skips the lines of a block scalar whose header ends the line starting at `lineStart`. */
  private blockScalar(lineIndent: number): void {
    const t = this.text;
    while (this.i < t.length && t[this.i] !== '\n') this.i++;
    while (this.i < t.length) {
      const ls = this.i + 1;
      let j = ls;
      while (t[j] === ' ') j++;
      const blank = t[j] === '\n' || t[j] === '\r' || j >= t.length;
      if (!blank && j - ls <= lineIndent) return;
      this.i = t.indexOf('\n', ls);
      if (this.i === -1) this.i = t.length;
    }
  }

  /** Indentation of the line whose plain scalar value may continue on deeper lines (undefined: none). */
  private plainAt: number | undefined;
  /** The line just read ends with a plain scalar (set by `line`), and the column its continuation must pass. */
  private plainTail = false;
  private valueParent = 0;

  run(): void {
    const t = this.text;
    while (this.i < t.length) {
      const ls = this.i;
      const ind = indentOf(t, ls);
      this.i = ls + ind;
      const c = t[this.i];
      const blank = c === undefined || c === '\n' || c === '\r';
      if (!blank) {
        // a deeper line after a plain scalar continues it: nothing starts there (`'x` is text, not a quote)
        if (this.plainAt !== undefined && ind > this.plainAt && c !== '#') {
          this.skipLine();
          continue;
        }
        this.plainTail = false;
        this.valueParent = ind;
        this.line(ls, ind);
        this.plainAt = this.plainTail ? this.valueParent : undefined;
      }
      this.skipLine();
    }
  }

  /** To the next line start (constructs may have moved us over several lines). */
  private skipLine(): void {
    const t = this.text;
    while (this.i < t.length && t[this.i] !== '\n') this.i++;
    this.i++;
  }

  /** The rest of a block-context line from `this.i`. */
  private line(lineStart: number, lineIndent: number): void {
    const t = this.text;
    let ls = lineStart;
    let ind = lineIndent;
    let tokStart = this.i;
    while (this.i < t.length) {
      const c = t[this.i];
      if (c === '\n' || c === '\r') return;
      if (c === '#' && (this.i === ls || isWs(t[this.i - 1]))) return;
      if ((c === '"' || c === "'" || c === '[' || c === '{') && valueStart(t, ls, this.i)) {
        if (c === '"' || c === "'") this.quoted(ind);
        else this.flow(ind);
        this.plainTail = false;
        // it may have ended on a later line: carry on with what follows it there
        ls = t.lastIndexOf('\n', this.i - 1) + 1;
        if (ls > lineStart) ind = indentOf(t, ls);
        continue;
      }
      if ((c === '|' || c === '>') && valueStart(t, ls, this.i) && blockHeaderAt(t, this.i)) {
        this.blockScalar(ind);
        this.plainTail = false;
        return;
      }
      if (!isWs(c)) {
        if (this.i === ls || isWs(t[this.i - 1])) tokStart = this.i;
        this.plainTail = this.plainChar(c!, ls, tokStart - ls);
      }
      this.i++;
    }
  }

  /**
   * Whether the line so far ends with plain scalar text (not `key:`, `-`, `?`, a tag or an anchor); a `key:` or
   * `-` also sets the column a continuation of the value must pass (the key's or the dash's).
   */
  private plainChar(c: string, ls: number, tokCol: number): boolean {
    const t = this.text;
    const next = t[this.i + 1];
    const endsToken = next === undefined || isWs(next) || next === '\n' || next === '\r';
    if ((c === ':' || c === '-' || c === '?') && endsToken) {
      this.valueParent = c === ':' ? tokCol : this.i - ls;
      return false;
    }
    if ((c === '!' || c === '&') && valueStart(t, ls, this.i)) {
      while (this.i + 1 < t.length && !isWs(t[this.i + 1]) && t[this.i + 1] !== '\n' && t[this.i + 1] !== '\r') this.i++;
      return false;
    }
    return true;
  }
}

/** A block scalar header (`|`, `>-`, `|2+`, then only a comment) at `i`; sticky, so it reads no further than needed. */
const BLOCK_HEADER = /[|>][-+0-9]{0,3}[ \t]*(?:#[^\n]*)?\r?(?:\n|$)/y;
function blockHeaderAt(t: string, i: number): boolean {
  BLOCK_HEADER.lastIndex = i;
  return BLOCK_HEADER.test(t);
}

/** Raises under-indented continuation lines of quoted scalars and flow collections (see the module comment). */
export function reindentForYaml(text: string): Reindented {
  if (!/\n[ \t]*\S/.test(text)) return { text, toOriginal: (o) => o, lines: [] };
  const s = new Scanner(text);
  s.run();
  const inserts = s.inserts;
  if (inserts.length === 0) return { text, toOriginal: (o) => o, lines: [] };
  const parts: string[] = [];
  const newStarts: number[] = []; // new offset where each insert's spaces begin
  const cum: number[] = []; // spaces inserted up to and including each insert
  let prev = 0;
  let total = 0;
  const lines: number[] = [];
  let line = 1;
  let counted = 0;
  for (const ins of inserts) {
    parts.push(text.slice(prev, ins.at), ' '.repeat(ins.spaces));
    for (let k = text.indexOf('\n', counted); k !== -1 && k < ins.at; k = text.indexOf('\n', k + 1)) {
      line++;
      counted = k + 1;
    }
    lines.push(line);
    newStarts.push(ins.at + total);
    total += ins.spaces;
    cum.push(total);
    prev = ins.at;
  }
  parts.push(text.slice(prev));
  const toOriginal = (o: number): number => {
    // the last insert whose spaces begin at or before o
    let lo = 0;
    let hi = newStarts.length - 1;
    let k = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (newStarts[mid]! <= o) {
        k = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    if (k < 0) return o;
    const before = k > 0 ? cum[k - 1]! : 0;
    const inSpaces = o - newStarts[k]!;
    const spaces = cum[k]! - before;
    if (inSpaces < spaces) return newStarts[k]! - before; // inside the inserted spaces: the original line start
    return o - cum[k]!;
  };
  return { text: parts.join(''), toOriginal, lines };
}
