/**
 * Seeded generator of YAML texts for yaml-cst.test.ts: CloudFormation-like block mappings made of the constructs
 * the fast reader handles and many it gives up on (explicit keys, directives, second documents, odd tags), then
 * mutated (CRLF, BOM, tabs, a deleted or inserted character, a re-indented or duplicated line).
 */
export type Rng = () => number;

/** mulberry32: a small deterministic generator. */
export function rng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(r: Rng, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;

const PLAIN = [
  'Foo', 'AWS::IAM::Role', 's3:GetObject', '*', 'arn:aws:s3:::b/*', 'Allow', 'a b c', 'x#y', 'a: b', 'C:\\path',
  '0x1F', '0x', '1e3', '1E-3', '.inf', '-.Inf', '+.INF', '.nan', '.NaN', '0o17', '0o8', '017', '+12', '-0', '1_000',
  '3.14', '1.0', '1.50', '12e', '.5', '5.', '-', '~', 'null', 'Null', 'NULL', 'nUll', 'true', 'True', 'TRUE',
  'tRue', 'false', 'yes', 'no', 'on', 'off', 'y', 'n', 'Yes', '2012-10-17', '123456789012345678901234567890',
  '0b101', '1:2', 'x%', 'trailing ', 'a\tb',
];
/** Plain scalars the package rejects. */
const BAD_PLAIN = ['@x', '`x', '%x', '- - x', 'a\n- b'];
const QUOTED = [
  "'it''s'", "''", '""', '"a\\tb\\u0041\\x41\\n\\"q\\""', '"\\/"', '"\\U0001F600"', "'a\n  b'",
  '"a\n\n  b"', '"line \\\n  cont"', '"${AWS::Region}"', "'#not comment'", '"\\N\\_\\L\\P\\e\\a\\b\\0"',
];
/** Quoted scalars the package rejects. */
const BAD_QUOTED = ['"\\q"', '"\\x4"', "'unterminated", '"unterminated', "'x' trailing"];
const TAGS = ['!Ref', '!Sub', '!GetAtt', '!If', '!Join', '!Condition', '!Base64', '!GetAZs', '!Foo', '!Rain::Embed', '!', '!ref'];
/** Tags the fast reader leaves to the package (standard, verbatim, with a handle or an escape). */
const RARE_TAGS = ['!!str', '!!int', '!!map', '!!seq', '!!bool', '!<tag:yaml.org,2002:str>', '!e!x', '!Ref%20', '!Sub!'];
const KEYS = ['Type', 'Properties', 'Statement', 'Effect', 'Action', 'Resource', '<<', '"<<"', "'q k'", '1', '~', 'true', '0x1F', 'Ref', 'Fn::Sub', 'a b', 'Dup', 'Dup', '!Ref Tagged', '? Explicit', '&ka AnchoredKey', '"multi\n  line"', '-x', ''];

export class YamlGen {
  private anchors: string[] = [];
  private named = 0;
  /** `bad`: how often a construct the package rejects (or the fast reader leaves to it) is chosen. */
  constructor(
    private readonly r: Rng,
    private readonly bad = 0.03,
  ) {}

  private oneOf<T>(good: readonly T[], rare: readonly T[]): T {
    return pick(this.r, this.r() < this.bad ? rare : good);
  }

  document(): string {
    const r = this.r;
    this.anchors = [];
    let head = '';
    if (r() < this.bad) head += pick(r, ['%YAML 1.2\n', '%TAG !e! tag:example.com,2000:\n', '%FOO bar\n']);
    if (r() < 0.2) head += this.oneOf(['---\n', '--- # c\n', '--- !Ref\n'], ['---  ']);
    let text = head + this.map(0, 0);
    if (r() < 0.05) text += this.oneOf(['# end\n', '\n\n'], ['...\n', '---\nB: 2\n', '...\n---\nC: 3\n']);
    return text;
  }

  private scalar(indent: number, props = false): string {
    const r = this.r;
    const x = r();
    if (x < 0.5) return this.oneOf(PLAIN, BAD_PLAIN);
    if (x < 0.75) return this.oneOf(QUOTED, BAD_QUOTED).replace(/\n/g, '\n' + ' '.repeat(indent + 2));
    if (x < 0.85 && this.anchors.length > 0 && !props) return `*${pick(r, this.anchors)}${r() < this.bad ? ':' : ''}`;
    if (x < 0.87) return this.oneOf(['x'], ['*missing']);
    return this.oneOf(['', ' # comment'], ['#nospace']);
  }

  private block(indent: number): string {
    const r = this.r;
    const pad = ' '.repeat(indent + 2 + (r() < 0.05 ? 1 : 0));
    const header = this.oneOf(['|', '|-', '|+', '>', '>-', '>+', '| # c', '|2'], ['>1-', '|0', '|#']);
    const lines = ['first', '  more', '', 'last', ''].slice(0, 1 + Math.floor(r() * 5));
    return header + '\n' + lines.map((l) => (l ? pad + l : '')).join('\n') + (r() < 0.5 ? '\n' : '\n\n');
  }

  private flow(depth: number, indent: number): string {
    const r = this.r;
    const n = Math.floor(r() * 4);
    const items: string[] = [];
    const keyed: boolean[] = [];
    for (let i = 0; i < n; i++) {
      const y = r();
      keyed.push(y >= 0.75 && y < 0.85);
      if (y < 0.5) items.push(pick(r, PLAIN.filter((p) => !/[,[\]{}#:]/.test(p))));
      else if (y < 0.65) items.push(pick(r, QUOTED.filter((q) => !q.includes('\n'))));
      else if (y < 0.75 && depth < 4) items.push(this.flow(depth + 1, indent));
      else if (y < 0.85) items.push(`${this.oneOf(['k', '"q"', '!Ref r', '! "Ref"'], ['?', '&k k'])}: ${pick(r, ['v', '1', '', '[a]'])}`);
      else if (y < 0.9 && this.anchors.length > 0) items.push(`*${pick(r, this.anchors)}`);
      else items.push(this.oneOf(['k', '!Ref x', '&fa v'], ['', '- x', 'a\n  b']));
    }
    const seq = r() < 0.5;
    const sep = pick(r, [', ', ',', ' , ', `,\n${' '.repeat(indent + 1)}`]);
    const body = seq ? items.join(sep) : items.map((it, i) => (keyed[i] || r() < this.bad * 3 ? it : `k${i}: ${it}`)).join(sep);
    return (seq ? '[' : '{') + body + (n > 0 && r() < 0.1 ? ',' : '') + this.close(seq);
  }

  private close(seq: boolean): string {
    return this.r() < this.bad ? '' : seq ? ']' : '}';
  }

  /** A value after `key:` (starting on the same line). */
  private value(indent: number, depth: number): string {
    const r = this.r;
    let props = '';
    let anchor: string | undefined;
    if (r() < 0.1) {
      anchor = this.oneOf([`a${++this.named}`], ['', 'a1', 'x']);
      props += `&${anchor} `;
    }
    const v = this.unanchored(indent, depth, props);
    // an alias may follow the anchored node, not be inside it
    if (anchor && !this.anchors.includes(anchor)) this.anchors.push(anchor);
    return v;
  }

  private unanchored(indent: number, depth: number, props: string): string {
    const r = this.r;
    if (r() < 0.25) props += this.oneOf(TAGS, RARE_TAGS) + ' ';
    const x = r();
    if (depth < 3 && x < 0.3) return props.trimEnd() + (r() < 0.05 ? ' ' : '') + '\n' + this.map(indent + pick(r, [2, 2, 2, 4, 1]), depth + 1);
    if (depth < 3 && x < 0.45) return props.trimEnd() + '\n' + this.seq(indent + pick(r, [0, 2, 2, 3]), depth + 1);
    if (x < 0.55) return props + this.flow(0, indent);
    if (x < 0.62) return props + this.block(indent);
    return props + this.scalar(indent, props !== '');
  }

  private map(indent: number, depth: number): string {
    const r = this.r;
    const pad = ' '.repeat(indent);
    const n = 1 + Math.floor(r() * 5);
    let out = '';
    for (let i = 0; i < n; i++) {
      if (r() < 0.08) out += pick(r, [`${pad}# comment\n`, '\n', `${pad}  # indented comment\n`, '\t\n']);
      const key = r() < 0.8 ? pick(r, KEYS.slice(0, 7)) + (r() < 0.2 ? String(i) : '') : this.oneOf(KEYS.slice(7, 19), KEYS.slice(19));
      const k = key === '<<' && this.anchors.length > 0 && r() < 0.7;
      const v = k ? (r() < 0.5 ? `*${pick(r, this.anchors)}` : `[*${pick(r, this.anchors)}, *${pick(r, this.anchors)}]`) : this.value(indent, depth);
      out += `${pad}${key}:${v.startsWith('\n') ? '' : ' '}${v}${v.endsWith('\n') ? '' : '\n'}`;
    }
    return out;
  }

  private seq(indent: number, depth: number): string {
    const r = this.r;
    const pad = ' '.repeat(indent);
    const n = 1 + Math.floor(r() * 4);
    let out = '';
    for (let i = 0; i < n; i++) {
      if (r() < 0.3 && depth < 3) {
        const m = this.map(indent + 2, depth + 1).slice(indent + 2);
        out += `${pad}- ${m}`;
      } else {
        const v = this.value(indent, depth);
        out += `${pad}-${v.startsWith('\n') ? '' : ' '}${v}${v.endsWith('\n') ? '' : '\n'}`;
      }
    }
    return out;
  }
}

const NOISE = [':', '-', '?', '[', ']', '{', '}', ',', '#', '&', '*', '!', '|', '>', "'", '"', '%', '@', '`', '\t', ' ', '\n', '\\', '<<'];

/** One random change to a text (or none). */
export function mutate(r: Rng, text: string): string {
  const x = r();
  const at = Math.floor(r() * (text.length + 1));
  const lines = text.split('\n');
  const li = Math.floor(r() * lines.length);
  if (x < 0.3) return text;
  if (x < 0.38) return text.replace(/\n/g, '\r\n');
  if (x < 0.43) return '\uFEFF' + text;
  if (x < 0.55) return text.slice(0, at) + text.slice(at + 1);
  if (x < 0.7) return text.slice(0, at) + pick(r, NOISE) + text.slice(at);
  if (x < 0.8) {
    lines[li] = lines[li]!.replace(/^ {1,2}/, pick(r, ['\t', ' \t', '', '   ']));
    return lines.join('\n');
  }
  if (x < 0.88) {
    lines.splice(li, 0, lines[li]!);
    return lines.join('\n');
  }
  if (x < 0.94) {
    lines[li] = ' ' + lines[li];
    return lines.join('\n');
  }
  return text.replace(/: /, ':');
}
