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
import { fromCodePoints, isWord, Parser, Re2Unsupported } from './re2-syntax.js';
import type { Node } from './re2-syntax.js';

export { Re2Error, Re2Unsupported } from './re2-syntax.js';

const MAX_PROGRAM = 20_000;
const MAX_STEPS = 20_000_000;

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
