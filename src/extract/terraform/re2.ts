/**
 * Terraform's `regex()`, `regexall()` and `replace(s, "/re/", r)` use Go's RE2: leftmost-first matches, no
 * backreferences or lookaround, linear time. PR content must not reach a JavaScript RegExp (backtracking: a nested
 * quantifier hangs the run, and its answers differ from RE2's), so patterns are compiled here to a Thompson NFA and
 * run by a Pike VM (one pass over the input per search, every thread in lock step, submatches by priority), which
 * is what RE2 itself falls back to.
 *
 * Choice (2026-12): the npm `re2` package binds Google's C++ library, but it is a native addon built by node-gyp
 * at install time; the Action runs from a single ncc bundle on the runner's Node 24 with no native modules, and
 * `npm ci` in CI must not need a compiler. This engine covers the RE2 syntax Terraform code uses (literals, `.`,
 * classes with ranges, `\d\w\s` and negations, POSIX `[:alpha:]`-style classes, anchors `^ $ \A \z \b \B`, groups
 * capturing / non-capturing / named `(?P<n>)` `(?<n>)`, flags `i m s` (also scoped `(?i:...)`), alternation,
 * `* + ? {n} {n,} {n,m}` greedy and lazy). Anything else (Unicode classes `\pL`, `(?U)`, ...) is an
 * `Re2Unsupported` error, which the evaluator turns into an unknown value analysed as its worst case -- never a
 * guess. Programs are bounded (MAX_PROGRAM instructions) and every search has a step budget.
 */

export class Re2Unsupported extends Error {}
export class Re2Error extends Error {}

const MAX_PROGRAM = 20_000;
const MAX_STEPS = 20_000_000;

type Node =
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

const isWord = (c: number) => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
const isDigit = (c: number) => c >= 48 && c <= 57;
const isSpace = (c: number) => c === 32 || (c >= 9 && c <= 13);

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

class Parser {
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

// --- compile -------------------------------------------------------------------------------------------------

type Inst =
  | { op: 'char'; test: (c: number) => boolean; next: number }
  | { op: 'split'; x: number; y: number }
  | { op: 'jmp'; x: number }
  | { op: 'save'; n: number; next: number }
  | { op: 'assert'; a: 'bol' | 'eol' | 'bot' | 'eot' | 'wb' | 'nwb'; next: number }
  | { op: 'match' };

class Compiler {
  readonly prog: Inst[] = [];
  private emit(i: Inst): number {
    if (this.prog.length >= MAX_PROGRAM) throw new Re2Unsupported('pattern too large');
    this.prog.push(i);
    return this.prog.length - 1;
  }
  /** Emit `n`; every dangling `next` of the fragment is patched to the instruction after it. */
  compile(n: Node): void {
    switch (n.k) {
      case 'empty':
        return;
      case 'char': {
        const pc = this.emit({ op: 'char', test: n.test, next: -1 });
        (this.prog[pc] as { next: number }).next = pc + 1;
        return;
      }
      case 'assert': {
        const pc = this.emit({ op: 'assert', a: n.a, next: -1 });
        (this.prog[pc] as { next: number }).next = pc + 1;
        return;
      }
      case 'cat':
        for (const x of n.items) this.compile(x);
        return;
      case 'group': {
        if (n.index === undefined) return this.compile(n.x);
        const a = this.emit({ op: 'save', n: 2 * n.index, next: -1 });
        (this.prog[a] as { next: number }).next = a + 1;
        this.compile(n.x);
        const b = this.emit({ op: 'save', n: 2 * n.index + 1, next: -1 });
        (this.prog[b] as { next: number }).next = b + 1;
        return;
      }
      case 'alt': {
        const jumps: number[] = [];
        for (let k = 0; k < n.items.length; k++) {
          if (k < n.items.length - 1) {
            const sp = this.emit({ op: 'split', x: -1, y: -1 });
            (this.prog[sp] as { x: number }).x = sp + 1;
            this.compile(n.items[k]!);
            jumps.push(this.emit({ op: 'jmp', x: -1 }));
            (this.prog[sp] as { y: number }).y = this.prog.length;
          } else this.compile(n.items[k]!);
        }
        for (const j of jumps) (this.prog[j] as { x: number }).x = this.prog.length;
        return;
      }
      case 'rep': {
        for (let k = 0; k < n.min; k++) this.compile(n.x);
        if (n.max === Infinity) {
          const sp = this.emit({ op: 'split', x: -1, y: -1 });
          this.compile(n.x);
          this.emit({ op: 'jmp', x: sp });
          const out = this.prog.length;
          this.prog[sp] = n.lazy ? { op: 'split', x: out, y: sp + 1 } : { op: 'split', x: sp + 1, y: out };
          return;
        }
        const splits: number[] = [];
        for (let k = n.min; k < n.max; k++) {
          splits.push(this.emit({ op: 'split', x: -1, y: -1 }));
          this.compile(n.x);
        }
        const out = this.prog.length;
        for (const sp of splits) this.prog[sp] = n.lazy ? { op: 'split', x: out, y: sp + 1 } : { op: 'split', x: sp + 1, y: out };
        return;
      }
    }
  }
}

export interface Re2 {
  prog: Inst[];
  groups: number;
  names: (string | undefined)[];
}

export function compileRe2(pattern: string): Re2 {
  const parser = new Parser(Array.from(pattern, (c) => c.codePointAt(0)!));
  const ast = parser.parse();
  const c = new Compiler();
  c.compile({ k: 'group', x: ast, index: 0 });
  c.prog.push({ op: 'match' });
  return { prog: c.prog, groups: parser.groups, names: parser.names };
}

// --- run -----------------------------------------------------------------------------------------------------

/** Capture positions (code-point offsets, -1 unset) of the leftmost-first match at or after `start`. */
export function searchRe2(re: Re2, input: number[], start: number, budget = { steps: MAX_STEPS }): number[] | undefined {
  const n = re.prog.length;
  const slots = 2 * (re.groups + 1);
  let clist: { pc: number; caps: number[] }[] = [];
  let matched: number[] | undefined;
  const onList = new Int32Array(n).fill(-1);
  let gen = 0;
  const add = (list: { pc: number; caps: number[] }[], pc: number, caps: number[], pos: number): void => {
    // explicit stack: deep alternations must not overflow the call stack
    const stack: [number, number[]][] = [[pc, caps]];
    while (stack.length) {
      const [p, cs] = stack.pop()!;
      if (onList[p] === gen) continue;
      onList[p] = gen;
      if (--budget.steps < 0) throw new Re2Unsupported('pattern too costly on this input');
      const inst = re.prog[p]!;
      switch (inst.op) {
        case 'jmp':
          stack.push([inst.x, cs]);
          break;
        case 'split':
          stack.push([inst.y, cs], [inst.x, cs]);
          break;
        case 'save': {
          const c2 = cs.slice();
          c2[inst.n] = pos;
          stack.push([inst.next, c2]);
          break;
        }
        case 'assert':
          if (assertHolds(inst.a, input, pos)) stack.push([inst.next, cs]);
          break;
        default:
          list.push({ pc: p, caps: cs });
      }
    }
  };
  gen++;
  add(clist, 0, new Array<number>(slots).fill(-1), start);
  for (let pos = start; ; pos++) {
    const nlist: { pc: number; caps: number[] }[] = [];
    gen++;
    const c = input[pos];
    for (const t of clist) {
      const inst = re.prog[t.pc]!;
      if (inst.op === 'match') {
        matched = t.caps;
        break; // lower-priority threads are cut off (leftmost-first)
      }
      if (inst.op === 'char' && c !== undefined && inst.test(c)) add(nlist, inst.next, t.caps, pos + 1);
    }
    if (pos >= input.length) break;
    // unanchored search: a new thread at the lowest priority while nothing has matched
    if (!matched) add(nlist, 0, new Array<number>(slots).fill(-1), pos + 1);
    if (!nlist.length) break;
    clist = nlist;
  }
  return matched;
}

function assertHolds(a: string, s: number[], pos: number): boolean {
  switch (a) {
    case 'bot':
      return pos === 0;
    case 'eot':
      return pos === s.length;
    case 'bol':
      return pos === 0 || s[pos - 1] === 10;
    case 'eol':
      return pos === s.length || s[pos] === 10;
    default: {
      const before = pos > 0 && isWord(s[pos - 1]!);
      const after = pos < s.length && isWord(s[pos]!);
      return a === 'wb' ? before !== after : before === after;
    }
  }
}

/** Every non-overlapping match (Go's FindAll: an empty match right after the previous match is skipped). */
export function findAllRe2(re: Re2, text: string, limit = 10_000): { caps: number[]; input: number[] }[] & { input?: number[] } {
  const input = Array.from(text, (c) => c.codePointAt(0)!);
  const out: { caps: number[]; input: number[] }[] = [];
  const budget = { steps: MAX_STEPS };
  let pos = 0;
  let prevEnd = -1;
  while (pos <= input.length && out.length < limit) {
    const caps = searchRe2(re, input, pos, budget);
    if (!caps) break;
    const [s, e] = [caps[0]!, caps[1]!];
    if (e === s && s === prevEnd) {
      pos = s + 1;
      continue;
    }
    out.push({ caps, input });
    prevEnd = e;
    pos = e > s ? e : e + 1;
  }
  return out;
}

export function slice(input: number[], s: number, e: number): string {
  return s < 0 ? '' : fromCodePoints(input.slice(s, e));
}

/** Code points to a string without spreading them into one call (a match may be long). */
function fromCodePoints(cps: number[]): string {
  let out = '';
  for (const c of cps) out += String.fromCodePoint(c);
  return out;
}
