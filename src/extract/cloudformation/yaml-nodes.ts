/**
 * What both YAML readers (yaml.ts over `yaml` Documents, yaml-cst.ts straight from the parser's CST) share: the
 * CloudFormation short-form tag names and their long forms, the core-schema plain-string fast path, and how a
 * mapping is built (the later duplicate key wins with a warning, merge keys applied after the explicit keys).
 */
import type { Tags } from 'yaml';
import type { CMap, CNode, CScalar, CSeq, ParseWarning, Src } from './yaml.js';

export const FN = [
  'And', 'Base64', 'Cidr', 'Equals', 'FindInMap', 'GetAtt', 'GetAZs', 'If', 'ImportValue', 'Join', 'Not', 'Or',
  'Select', 'Split', 'Sub', 'Transform', 'Length', 'ToJsonString', 'ForEach', 'Include', 'GetEnv',
];
/** Every short-form tag name (`!Ref`, `!Condition`, `!Sub`, ...). */
export const TAG_NAMES: readonly string[] = ['Ref', 'Condition', ...FN];
export const longName = (n: string): string => (n === 'Ref' || n === 'Condition' ? n : `Fn::${n}`);

/**
 * A plain scalar is tested against each core-schema tag's pattern in turn (null, bool, three ints, three floats)
 * before it falls to the string default: eight regular expressions for every `Type`, `Effect` or `AWS::IAM::Role`.
 * Each of those patterns needs a first character among `-+.0-9~nNtTfF`, or an empty value; a non-empty value that
 * starts with any other character is a string whatever follows, which this tag, tested first, says with one test.
 * It resolves as the core string tag does (the text itself, no format), so the nodes are the same.
 */
export const PLAIN_STRING = { tag: 'tag:yaml.org,2002:str', default: true, test: /^[^-+.0-9~nNtTfF]/, resolve: (str: string) => str } as unknown as Tags[number];

/** `{ key: inner }` spanning `inner` (a short-form tag in its long form). */
export function wrap(src: Src, key: string, inner: CNode): CMap {
  return { kind: 'map', entries: new Map([[key, inner]]), keys: new Map([[key, inner.start]]), src, start: inner.start, end: inner.end };
}

/** `!GetAtt A.B` and the other short forms on a scalar. */
export function taggedScalar(src: Src, name: string, value: string, start: number, end: number): CMap {
  const str: CScalar = { kind: 'scalar', value, src, start, end };
  let inner: CNode = str;
  if (name === 'GetAtt') {
    const i = value.indexOf('.');
    const a = i < 0 ? value : value.slice(0, i);
    const b = i < 0 ? '' : value.slice(i + 1);
    inner = { kind: 'seq', items: [{ ...str, value: a }, { ...str, value: b }], src, start, end };
  }
  return wrap(src, longName(name), inner);
}

/** A mapping being built: keys in document order, the later duplicate winning (warned), merge keys last. */
export class MapBuilder {
  readonly entries = new Map<string, CNode>();
  readonly keys = new Map<string, number>();
  private merges: [CNode, number][] | undefined;
  constructor(
    readonly src: Src,
    readonly warnings: ParseWarning[],
  ) {}

  /** `mergeKey`: the key is a plain `<<`. */
  add(key: string, kOff: number, value: CNode, mergeKey: boolean): void {
    const earlier = this.keys.get(key);
    if (earlier !== undefined) this.warnings.push(duplicateWarning(this.src, key, earlier, kOff, this.entries.get(key)!, value));
    this.keys.set(key, kOff);
    this.entries.set(key, value);
    if (mergeKey) (this.merges ??= []).push([value, kOff]);
  }

  finish(start: number, end: number): CMap {
    if (this.merges) for (const [value, kOff] of this.merges) applyMerge(this.entries, this.keys, value, kOff);
    return { kind: 'map', entries: this.entries, keys: this.keys, src: this.src, start, end };
  }
}

// the later value wins, as in CloudFormation; when the two differ, a reviewer reading the earlier one is misled
// about what is deployed (`Action: "*"` hidden behind a later `Action: s3:GetObject` or the reverse): blocking
function duplicateWarning(src: Src, key: string, earlier: number, later: number, was: CNode, now: CNode): ParseWarning {
  const p = src.lineCounter.linePos(earlier);
  const l = src.lineCounter.linePos(later).line;
  const same = sameValue(was, now);
  return {
    rule: 'duplicate-key',
    severity: same ? 'warning' : 'security-warning',
    line: p.line,
    column: p.col,
    message: `duplicate key "${key.slice(0, 100)}": CloudFormation uses the later one (line ${l}) and ignores this one${same ? ' (the same value)' : ', whose value differs: the template does not deploy what this line says'}`,
  };
}

/**
 * A YAML 1.1 merge key (`<<: *base`, `<<: [*a, *b]`): SAM CLI, rain and cfn-lint (PyYAML) apply it, so its keys
 * are part of the mapping; explicit keys win, then earlier merged maps. The `<<` entry itself stays (a reader
 * without merge support sees it). Entries are shared, not copied: no work beyond the alias budget.
 */
function applyMerge(entries: Map<string, CNode>, keys: Map<string, number>, value: CNode, kOff: number): void {
  const maps = value.kind === 'map' ? [value] : value.kind === 'seq' ? value.items.filter((i): i is CMap => i.kind === 'map') : [];
  for (const m of maps) {
    for (const [k, v] of m.entries) {
      if (entries.has(k)) continue;
      entries.set(k, v);
      keys.set(k, kOff);
    }
  }
}

/** Same plain value (bounded: past 10,000 nodes, different). */
function sameValue(a: CNode, b: CNode): boolean {
  let budget = 10_000;
  const eq = (x: CNode, y: CNode): boolean => {
    if (--budget < 0 || x.kind !== y.kind) return false;
    if (x.kind === 'scalar') return x.value === (y as CScalar).value;
    if (x.kind === 'seq') {
      const ys = (y as CSeq).items;
      return x.items.length === ys.length && x.items.every((it, i) => eq(it, ys[i]!));
    }
    const ye = (y as CMap).entries;
    if (x.entries.size !== ye.size) return false;
    for (const [k, v] of x.entries) {
      const w = ye.get(k);
      if (!w || !eq(v, w)) return false;
    }
    return true;
  };
  return eq(a, b);
}
