/**
 * RE2 syntax for re2.ts: the pattern parser (literals, classes, POSIX classes, anchors, groups, flags, alternation,
 * repetition) to a syntax tree; anything outside the subset is Re2Unsupported.
 */

export class Re2Unsupported extends Error {}
export class Re2Error extends Error {}


export type Node =
  | { k: 'char'; test: (c: number) => boolean }
  | { k: 'cat'; items: Node[] }
  | { k: 'alt'; items: Node[] }
  | { k: 'rep'; x: Node; min: number; max: number; lazy: boolean }
  | { k: 'group'; x: Node; index?: number }
  | { k: 'assert'; a: 'bol' | 'eol' | 'bot' | 'eot' | 'wb' | 'nwb' }
  | { k: 'empty' };

interface Flags {
  i: boolean;
  m: boolean;
  s: boolean;
}

export const isWord = (c: number) => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
export const isDigit = (c: number) => c >= 48 && c <= 57;
export const isSpace = (c: number) => c === 32 || (c >= 9 && c <= 13);

const POSIX: Record<string, (c: number) => boolean> = {
  alnum: (c) => isDigit(c) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122),
  alpha: (c) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122),
  ascii: (c) => c <= 0x7f,
  blank: (c) => c === 32 || c === 9,
  cntrl: (c) => c < 32 || c === 127,
  digit: isDigit,
  graph: (c) => c >= 33 && c <= 126,
  lower: (c) => c >= 97 && c <= 122,
  print: (c) => c >= 32 && c <= 126,
  punct: (c) => (c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) || (c >= 123 && c <= 126),
  space: isSpace,
  upper: (c) => c >= 65 && c <= 90,
  word: isWord,
  xdigit: (c) => isDigit(c) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102),
};

function fold(c: number): number[] {
  const s = String.fromCodePoint(c);
  const out = new Set([c, s.toLowerCase().codePointAt(0)!, s.toUpperCase().codePointAt(0)!]);
  return [...out];
}

export class Parser {
  private i = 0;
  groups = 0;
  readonly names: (string | undefined)[] = [];
  constructor(private readonly p: number[]) {}

  parse(): Node {
    const n = this.alt({ i: false, m: false, s: false });
    if (this.i < this.p.length) throw new Re2Error(`unexpected ) at ${this.i}`);
    return n;
  }

  private peek(): number | undefined {
    return this.p[this.i];
  }

  private alt(f: Flags): Node {
    const items = [this.cat(f)];
    while (this.peek() === 0x7c) {
      this.i++;
      items.push(this.cat(f));
    }
    return items.length === 1 ? items[0]! : { k: 'alt', items };
  }

  private cat(f: Flags): Node {
    const items: Node[] = [];
    for (;;) {
      const c = this.peek();
      if (c === undefined || c === 0x7c || c === 0x29) break;
      // flags that apply to the rest of the group: (?i)
      if (c === 0x28 && this.p[this.i + 1] === 0x3f) {
        const save = this.i;
        const set = this.flagGroup(f);
        if (set === 'rest') continue;
        this.i = save;
      }
      let atom = this.atom(f);
      atom = this.quantified(atom);
      items.push(atom);
    }
    return items.length === 1 ? items[0]! : { k: 'cat', items };
  }

  /** `(?flags)` changing `f` in place ('rest'), or undefined when it is a group of another kind. */
  private flagGroup(f: Flags): 'rest' | undefined {
    let j = this.i + 2;
    let on = true;
    const next: Flags = { ...f };
    for (; j < this.p.length; j++) {
      const c = String.fromCodePoint(this.p[j]!);
      if (c === '-') on = false;
      else if (c === 'i' || c === 'm' || c === 's') next[c] = on;
      else if (c === 'U') throw new Re2Unsupported('(?U) ungreedy flag');
      else break;
    }
    if (this.p[j] === 0x29 && j > this.i + 2) {
      this.i = j + 1;
      Object.assign(f, next);
      return 'rest';
    }
    return undefined;
  }

  private quantified(atom: Node): Node {
    for (;;) {
      const c = this.peek();
      let min: number;
      let max: number;
      if (c === 0x2a) [min, max] = [0, Infinity];
      else if (c === 0x2b) [min, max] = [1, Infinity];
      else if (c === 0x3f) [min, max] = [0, 1];
      else if (c === 0x7b) {
        const m = /^\{(\d+)(,(\d*))?\}/.exec(fromCodePoints(this.p.slice(this.i, this.i + 16)));
        if (!m) return atom; // a literal {
        min = Number(m[1]);
        max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
        if (min > 1000 || (max !== Infinity && (max > 1000 || max < min))) throw new Re2Error('bad repetition count');
        this.i += m[0].length - 1;
      } else return atom;
      this.i++;
      if (atom.k === 'assert' || atom.k === 'empty') throw new Re2Error('missing argument to repetition operator');
      if (atom.k === 'rep') throw new Re2Error('invalid nested repetition operator');
      let lazy = false;
      if (this.peek() === 0x3f) {
        lazy = true;
        this.i++;
      }
      atom = { k: 'rep', x: atom, min, max, lazy };
    }
  }

  private atom(f: Flags): Node {
    const c = this.p[this.i++]!;
    switch (c) {
      case 0x28:
        return this.group(f);
      case 0x5b:
        return this.charClass(f);
      case 0x2e:
        return { k: 'char', test: f.s ? () => true : (x) => x !== 10 };
      case 0x5e:
        return { k: 'assert', a: f.m ? 'bol' : 'bot' };
      case 0x24:
        return { k: 'assert', a: f.m ? 'eol' : 'eot' };
      case 0x5c:
        return this.escape(f, false) as Node;
      case 0x2a:
      case 0x2b:
      case 0x3f:
        throw new Re2Error('missing argument to repetition operator');
      default:
        return this.literal(c, f);
    }
  }

  private literal(c: number, f: Flags): Node {
    if (!f.i) return { k: 'char', test: (x) => x === c };
    const set = fold(c);
    return { k: 'char', test: (x) => set.includes(x) };
  }

  private group(f: Flags): Node {
    let index: number | undefined;
    const inner: Flags = { ...f };
    if (this.peek() === 0x3f) {
      this.i++;
      const rest = fromCodePoints(this.p.slice(this.i, this.i + 64));
      const named = /^(?:P<|<)([A-Za-z_][A-Za-z0-9_]*)>/.exec(rest);
      if (named) {
        this.i += named[0].length;
        index = ++this.groups;
        this.names[index] = named[1];
      } else {
        const m = /^([imsU-]*):/.exec(rest);
        if (!m) throw new Re2Unsupported(`group syntax (?${rest.slice(0, 3)}`);
        let on = true;
        for (const ch of m[1]!) {
          if (ch === '-') on = false;
          else if (ch === 'U') throw new Re2Unsupported('(?U) ungreedy flag');
          else inner[ch as 'i' | 'm' | 's'] = on;
        }
        this.i += m[0].length;
      }
    } else {
      index = ++this.groups;
      this.names[index] = undefined;
    }
    const x = this.alt(inner);
    if (this.p[this.i++] !== 0x29) throw new Re2Error('missing closing )');
    return { k: 'group', x, ...(index !== undefined ? { index } : {}) };
  }

  /** `\x` outside a class (a node) or inside one (a predicate). */
  private escape(f: Flags, inClass: boolean): Node | ((c: number) => boolean) {
    const c = this.p[this.i++];
    if (c === undefined) throw new Re2Error('trailing backslash');
    const ch = String.fromCodePoint(c);
    const pred = (test: (x: number) => boolean): Node | ((x: number) => boolean) => (inClass ? test : { k: 'char', test });
    switch (ch) {
      case 'd':
        return pred(isDigit);
      case 'D':
        return pred((x) => !isDigit(x));
      case 'w':
        return pred(isWord);
      case 'W':
        return pred((x) => !isWord(x));
      case 's':
        return pred((x) => x === 32 || x === 9 || x === 10 || x === 12 || x === 13);
      case 'S':
        return pred((x) => !(x === 32 || x === 9 || x === 10 || x === 12 || x === 13));
      case 'n':
        return pred((x) => x === 10);
      case 't':
        return pred((x) => x === 9);
      case 'r':
        return pred((x) => x === 13);
      case 'f':
        return pred((x) => x === 12);
      case 'v':
        return pred((x) => x === 11);
      case 'a':
        return pred((x) => x === 7);
      case 'x': {
        const rest = fromCodePoints(this.p.slice(this.i, this.i + 12));
        const m = /^\{([0-9A-Fa-f]{1,6})\}|^([0-9A-Fa-f]{2})/.exec(rest);
        if (!m) throw new Re2Error('invalid escape \\x');
        this.i += m[0].length;
        const v = parseInt(m[1] ?? m[2]!, 16);
        return inClass ? (x: number) => x === v : this.literal(v, f);
      }
    }
    if (!inClass) {
      if (ch === 'A') return { k: 'assert', a: 'bot' };
      if (ch === 'z') return { k: 'assert', a: 'eot' };
      if (ch === 'b') return { k: 'assert', a: 'wb' };
      if (ch === 'B') return { k: 'assert', a: 'nwb' };
    }
    // escaped punctuation is itself; letters and digits with no meaning are errors or unsupported (\pL, \1)
    if (/[A-Za-z0-9]/.test(ch)) throw new Re2Unsupported(`escape \\${ch}`);
    return inClass ? (x: number) => (f.i ? fold(c).includes(x) : x === c) : this.literal(c, f);
  }

  /** The single character an escape at `at` (just after the backslash) stands for, or undefined (\d, \pL ...). */
  private escapedCodePoint(at: number): { cp: number; end: number } | undefined {
    const c = this.p[at];
    if (c === undefined) throw new Re2Error('trailing backslash');
    const ch = String.fromCodePoint(c);
    const simple: Record<string, number> = { n: 10, t: 9, r: 13, f: 12, v: 11, a: 7 };
    if (simple[ch] !== undefined) return { cp: simple[ch]!, end: at + 1 };
    if (ch === 'x') {
      const rest = fromCodePoints(this.p.slice(at + 1, at + 12));
      const m = /^\{([0-9A-Fa-f]{1,6})\}|^([0-9A-Fa-f]{2})/.exec(rest);
      if (!m) throw new Re2Error('invalid escape \\x');
      return { cp: parseInt(m[1] ?? m[2]!, 16), end: at + 1 + m[0].length };
    }
    if (/[A-Za-z0-9]/.test(ch)) return undefined;
    return { cp: c, end: at + 1 };
  }

  private charClass(f: Flags): Node {
    let negate = false;
    if (this.peek() === 0x5e) {
      negate = true;
      this.i++;
    }
    const tests: ((c: number) => boolean)[] = [];
    let first = true;
    for (;;) {
      const c = this.peek();
      if (c === undefined) throw new Re2Error('missing closing ]');
      if (c === 0x5d && !first) {
        this.i++;
        break;
      }
      first = false;
      if (c === 0x5b && this.p[this.i + 1] === 0x3a) {
        const rest = fromCodePoints(this.p.slice(this.i, this.i + 16));
        const m = /^\[:(\^?)([a-z]+):\]/.exec(rest);
        if (m && POSIX[m[2]!]) {
          const t = POSIX[m[2]!]!;
          tests.push(m[1] ? (x) => !t(x) : t);
          this.i += m[0].length;
          continue;
        }
      }
      let lo: number;
      if (c === 0x5c) {
        const single = this.escapedCodePoint(this.i + 1);
        if (single === undefined) {
          // a class escape (\d, \w ...) or an unsupported one: a predicate, never a range end
          this.i++;
          tests.push(this.escape(f, true) as (x: number) => boolean);
          continue;
        }
        lo = single.cp;
        this.i = single.end;
      } else {
        lo = c;
        this.i++;
      }
      if (this.peek() === 0x2d && this.p[this.i + 1] !== undefined && this.p[this.i + 1] !== 0x5d) {
        this.i++;
        let hi = this.p[this.i]!;
        if (hi === 0x5c) {
          const single = this.escapedCodePoint(this.i + 1);
          if (single === undefined) throw new Re2Error('invalid character class range');
          hi = single.cp;
          this.i = single.end;
        } else this.i++;
        if (hi < lo) throw new Re2Error('invalid character class range');
        const [a, b] = [lo, hi];
        tests.push(f.i ? (x) => fold(x).some((y) => y >= a && y <= b) : (x) => x >= a && x <= b);
      } else {
        const v = lo;
        tests.push(f.i ? (x) => fold(v).includes(x) : (x) => x === v);
      }
    }
    // every character tested against every item: bounded, so a search stays linear with a small constant
    if (tests.length > 256) throw new Re2Unsupported('character class with more than 256 items');
    const any = (x: number) => tests.some((t) => t(x));
    return { k: 'char', test: negate ? (x) => !any(x) : any };
  }
}

/** Code points to a string without spreading them into one call (a match may be long). */
export function fromCodePoints(cps: number[]): string {
  let out = '';
  for (const c of cps) out += String.fromCodePoint(c);
  return out;
}
