/**
 * Map Terraform resources (from a plan, which has no line numbers) back to their `resource "TYPE" "NAME"` /
 * `data "TYPE" "NAME"` blocks in the repository's `.tf` files, and policy statements to lines inside the block.
 * Plain text scanning: block headers, brace matching that skips strings, interpolations, heredocs and comments,
 * then key and quoted-value search inside the block. Also collects the `# iam-policy-gate:ignore RULE reason`
 * comments (real comments, as the HCL parser finds them) on or above the block and inside it.
 */
import path from 'node:path';
import type { InlineSuppression, Span } from '../../policy/types.js';
import { escapeSegment } from '../../policy/source-map.js';
import { commentSuppressions } from '../../findings/inline.js';
import type { SourceComment } from '../../findings/inline.js';
import { parseHcl } from './hcl-syntax.js';
import { appendAll } from '../../util/arrays.js';
import { isHclConfigFile } from './tf-files.js';
import { lineAt, lineStartsOf } from '../../text/positions.js';

export interface TfBlock {
  /** Repo-relative path of the `.tf` file. */
  file: string;
  mode: 'managed' | 'data';
  type: string;
  name: string;
  /** 1-based lines of the header and of the closing brace. */
  startLine: number;
  endLine: number;
  /** Character offsets of the opening and closing brace. */
  open: number;
  close: number;
  text: string;
  lineStarts: number[];
  suppressions: { rule: string; reason: string; line: number }[];
}

const HEADER = /^[ \t]*(resource|data)[ \t]+"([^"]+)"[ \t]+"([^"]+)"[ \t]*\{/gm;

/** The real comments of an HCL file (the parser's, so never text inside a string or heredoc); none when it does not parse. */
const commentMemo = new Map<string, SourceComment[]>();
export function hclComments(text: string): SourceComment[] {
  const hit = commentMemo.get(text);
  if (hit) return hit;
  let comments: SourceComment[];
  try {
    comments = parseHcl(text).comments;
  } catch {
    comments = []; // a file that does not parse is reported as not analysed by its own extraction
  }
  if (commentMemo.size >= 4) commentMemo.clear();
  commentMemo.set(text, comments);
  return comments;
}

/**
 * Offset of the brace closing the one at `open`, skipping HCL strings (with `${}` templates), heredocs and
 * comments; -1 when unbalanced.
 */
export function matchBrace(text: string, open: number): number {
  const stack: ('{' | '[' | '(' | 'tpl')[] = [];
  let i = open;
  const n = text.length;
  const closeFor: Record<string, string> = { '{': '}', '[': ']', '(': ')' };
  const skipString = (start: number): number => {
    // start at the opening quote; returns offset after the closing quote
    let j = start + 1;
    while (j < n) {
      const c = text[j]!;
      if (c === '\\') j += 2;
      else if (c === '"') return j + 1;
      else if ((c === '$' || c === '%') && text[j + 1] === '{') {
        // template interpolation: balanced braces with nested strings
        let depth = 1;
        j += 2;
        while (j < n && depth > 0) {
          const d = text[j]!;
          if (d === '"') {
            j = skipString(j);
            continue;
          }
          if (d === '{') depth++;
          else if (d === '}') depth--;
          j++;
        }
      } else if (c === '\n') return j; // unterminated: stop at the line end
      else j++;
    }
    return j;
  };
  while (i < n) {
    const c = text[i]!;
    if (c === '"') {
      i = skipString(i);
      continue;
    }
    if (c === '#' || (c === '/' && text[i + 1] === '/')) {
      const e = text.indexOf('\n', i);
      i = e < 0 ? n : e;
      continue;
    }
    if (c === '/' && text[i + 1] === '*') {
      const e = text.indexOf('*/', i + 2);
      i = e < 0 ? n : e + 2;
      continue;
    }
    if (c === '<' && text[i + 1] === '<') {
      const m = /^<<-?([A-Za-z_][A-Za-z0-9_]*)[ \t]*\r?\n/.exec(text.slice(i, i + 200));
      if (m) {
        const marker = m[1]!;
        let j = i + m[0].length;
        for (;;) {
          const e = text.indexOf('\n', j);
          const line = text.slice(j, e < 0 ? n : e).trim();
          if (line === marker) {
            i = e < 0 ? n : e;
            break;
          }
          if (e < 0) return -1;
          j = e + 1;
        }
        continue;
      }
    }
    if (c === '{' || c === '[' || c === '(') stack.push(c);
    else if (c === '}' || c === ']' || c === ')') {
      const top = stack.pop();
      if (top === undefined || closeFor[top] !== c) return -1;
      if (stack.length === 0) return i;
    }
    i++;
  }
  return -1;
}

/** Every `resource` / `data` block of one `.tf` file. */
export function scanTfBlocks(file: string, text: string, comments?: readonly SourceComment[]): TfBlock[] {
  const out: TfBlock[] = [];
  const lineStarts = lineStartsOf(text);
  const lines = text.split('\n');
  HEADER.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = HEADER.exec(text)) !== null) {
    const open = m.index + m[0].length - 1;
    const close = matchBrace(text, open);
    // unbalanced: the rest of the file is inside an unclosed construct (and rescanning it per header is quadratic)
    if (close < 0) break;
    const startLine = lineAt(lineStarts, m.index);
    const endLine = lineAt(lineStarts, close);
    const suppressions: TfBlock['suppressions'] = commentSuppressions(text, comments ??= hclComments(text), file, startLine, endLine).map((x) => ({ rule: x.rule, reason: x.reason, line: x.line }));
    out.push({
      file,
      mode: m[1] === 'data' ? 'data' : 'managed',
      type: m[2]!,
      name: m[3]!,
      startLine,
      endLine,
      open,
      close,
      text,
      lineStarts,
      suppressions,
    });
    HEADER.lastIndex = close + 1;
  }
  return out;
}

export function blockSpan(b: TfBlock, displayFile: string): Span {
  return { file: displayFile, start: { line: b.startLine, column: 1 }, end: { line: b.endLine, column: 2 } };
}

export function blockSuppressions(b: TfBlock, displayFile: string): InlineSuppression[] {
  return b.suppressions.map((s) => ({ rule: s.rule, reason: s.reason, file: displayFile, line: s.line }));
}

/** Offset of attribute `name = ` (at any depth) inside [from, to), or -1. */
function findKey(text: string, from: number, to: number, names: string[], assign = true): number {
  const alt = names.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
  const re = new RegExp(`(^|[\\s{,\\[])"?(${alt})"?\\s*${assign ? '[=:{]' : ''}`, 'gm');
  re.lastIndex = from;
  const m = re.exec(text);
  if (!m || m.index >= to) return -1;
  return m.index + m[1]!.length;
}

/** Start offsets of the top-level `{` elements of the list that opens at `open` (a `[`). */
function listElements(text: string, open: number, close: number): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  let i = open + 1;
  while (i < close) {
    const c = text[i]!;
    if (c === '{') {
      const e = matchBrace(text, i);
      if (e < 0) break;
      out.push({ start: i, end: e });
      i = e + 1;
    } else if (c === '"') {
      const e = text.indexOf('"', i + 1);
      i = e < 0 ? close : e + 1;
    } else i++;
  }
  return out;
}

const KEY_NAMES: Record<string, string[]> = {
  Sid: ['Sid', 'sid'],
  Effect: ['Effect', 'effect'],
  Action: ['Action', 'actions'],
  NotAction: ['NotAction', 'not_actions'],
  Resource: ['Resource', 'resources'],
  NotResource: ['NotResource', 'not_resources'],
  Principal: ['Principal', 'principals'],
  NotPrincipal: ['NotPrincipal', 'not_principals'],
  Condition: ['Condition', 'condition'],
};

/**
 * Statement ranges inside [from, to): HCL `statement { ... }` blocks (aws_iam_policy_document), or the elements
 * of a `Statement = [ ... ]` / `"Statement": [ ... ]` list (jsonencode, heredoc JSON).
 */
function statementRanges(text: string, from: number, to: number): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  const re = /(^|[\s{,])statement\s*\{/gm;
  re.lastIndex = from;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null && m.index < to) {
    const open = m.index + m[0].length - 1;
    const close = matchBrace(text, open);
    if (close < 0 || close > to) break;
    out.push({ start: m.index + m[1]!.length, end: close });
    re.lastIndex = close + 1;
  }
  if (out.length > 0) return out;
  const k = findKey(text, from, to, ['Statement']);
  if (k < 0) return out;
  const after = text.slice(k, Math.min(to, k + 200));
  const rel = /[[{]/.exec(after);
  if (!rel) return out;
  const open = k + rel.index;
  if (text[open] === '{') {
    const close = matchBrace(text, open);
    return close > 0 ? [{ start: open, end: close }] : out;
  }
  const close = matchBrace(text, open);
  if (close < 0) return out;
  return listElements(text, open, close);
}

function spanOf(b: TfBlock, file: string, start: number, end: number): Span {
  const s = lineAt(b.lineStarts, start);
  const e = lineAt(b.lineStarts, end);
  return {
    file,
    start: { line: s, column: start - b.lineStarts[s - 1]! + 1 },
    end: { line: e, column: end - b.lineStarts[e - 1]! + 1 },
  };
}

function quotedOffset(text: string, from: number, to: number, value: string): number {
  for (const needle of [JSON.stringify(value), `"${value}"`]) {
    const i = text.indexOf(needle, from);
    if (i >= 0 && i < to) return i;
  }
  return -1;
}

/**
 * Source-map entries for a policy document whose text lives in block `b`: the attribute (or the whole block for
 * data sources), each statement, each statement key and each string value found quoted in the statement.
 */
export function documentSpans(
  b: TfBlock,
  displayFile: string,
  attribute: string | undefined,
  document: unknown,
): Map<string, Span> {
  const spans = new Map<string, Span>();
  const text = b.text;
  let from = b.open;
  let to = b.close;
  if (attribute) {
    const a = findKey(text, b.open + 1, b.close, [attribute]);
    if (a >= 0) {
      const lineEnd = text.indexOf('\n', a);
      spans.set('', spanOf(b, displayFile, a, lineEnd < 0 ? a : lineEnd));
      from = a;
      // the attribute's value ends at the next attribute of the block at best; bound by the block
    }
  }
  if (!spans.has('')) spans.set('', spanOf(b, displayFile, b.open, b.close));
  const doc = document as { Statement?: unknown } | null;
  if (!doc || typeof doc !== 'object') return spans;
  const stmts = Array.isArray(doc.Statement) ? doc.Statement : doc.Statement !== undefined ? [doc.Statement] : [];
  const ranges = statementRanges(text, from, to);
  if (ranges.length === 0) return spans;
  const single = !Array.isArray(doc.Statement);
  stmts.forEach((st, i) => {
    const r = ranges[i];
    if (!r || st === null || typeof st !== 'object') return;
    const base = single ? '/Statement' : `/Statement/${i}`;
    spans.set(base, spanOf(b, displayFile, r.start, r.end));
    for (const [key, value] of Object.entries(st as Record<string, unknown>)) {
      const names = KEY_NAMES[key] ?? [key];
      const k = findKey(text, r.start, r.end, names);
      if (k < 0) continue;
      const keyPtr = `${base}/${escapeSegment(key)}`;
      spans.set(keyPtr, spanOf(b, displayFile, k, k + names[0]!.length));
      const mark = (v: unknown, ptr: string, searchFrom: number) => {
        if (typeof v === 'string') {
          const q = quotedOffset(text, searchFrom, r.end, v);
          if (q >= 0) spans.set(ptr, spanOf(b, displayFile, q, q + v.length + 2));
        } else if (Array.isArray(v)) v.forEach((x, j) => mark(x, `${ptr}/${j}`, searchFrom));
        else if (v !== null && typeof v === 'object') {
          for (const [ck, cv] of Object.entries(v as Record<string, unknown>)) {
            const q = quotedOffset(text, searchFrom, r.end, ck);
            const childPtr = `${ptr}/${escapeSegment(ck)}`;
            if (q >= 0) spans.set(childPtr, spanOf(b, displayFile, q, q + ck.length + 2));
            mark(cv, childPtr, q >= 0 ? q : searchFrom);
          }
        }
      };
      mark(value, keyPtr, k);
      if (typeof value === 'string' && !spans.has(keyPtr)) spans.set(keyPtr, spanOf(b, displayFile, k, k + names[0]!.length));
    }
  });
  return spans;
}

/**
 * `.tf` sources of a plan's modules. Directories are read lazily through the contained repository reader.
 */
export class TfSources {
  private readonly cache = new Map<string, TfBlock[]>();
  constructor(
    private readonly readRepoFile: (rel: string) => string,
    private readonly listRepoFiles: ((dir: string) => string[]) | undefined,
  ) {}

  blocksIn(dir: string): TfBlock[] {
    const key = dir === '.' ? '' : dir;
    const hit = this.cache.get(key);
    if (hit) return hit;
    const blocks: TfBlock[] = [];
    const files = this.listRepoFiles ? this.listRepoFiles(key).filter(isHclConfigFile) : [];
    for (const f of files) {
      let text: string;
      try {
        text = this.readRepoFile(f);
      } catch {
        continue;
      }
      appendAll(blocks, scanTfBlocks(f, text));
    }
    this.cache.set(key, blocks);
    return blocks;
  }

  find(dir: string, mode: 'managed' | 'data', type: string, name: string): TfBlock | undefined {
    return this.blocksIn(dir).find((b) => b.mode === mode && b.type === type && b.name === name);
  }
}

/** Directories from `dir` up to the repository root (`''`). */
export function ancestors(dir: string): string[] {
  const out: string[] = [];
  let d = dir === '.' ? '' : dir;
  for (;;) {
    out.push(d);
    if (d === '') return out;
    const p = path.posix.dirname(d);
    d = p === '.' ? '' : p;
  }
}

/** A local module source (`./modules/x`, `../shared`) resolved against its caller's directory; undefined if remote. */
export function moduleDir(callerDir: string, source: unknown): string | undefined {
  if (typeof source !== 'string' || !(source.startsWith('./') || source.startsWith('../'))) return undefined;
  const joined = path.posix.normalize(path.posix.join(callerDir || '.', source));
  if (joined.startsWith('..') || path.posix.isAbsolute(joined)) return undefined;
  return joined === '.' ? '' : joined.replace(/\/$/, '');
}

/** Split the text between brackets at top-level commas (strings, templates and nested brackets respected). */
function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"') {
      // skip a string, with ${...} templates that may hold quotes
      let j = i + 1;
      let t = 0;
      while (j < text.length) {
        const d = text[j]!;
        if (d === '\\') j++;
        else if (d === '$' && text[j + 1] === '{') {
          t++;
          j++;
        } else if (d === '}' && t > 0) t--;
        else if (d === '"' && t === 0) break;
        j++;
      }
      i = j;
    } else if (c === '[' || c === '{' || c === '(') depth++;
    else if (c === ']' || c === '}' || c === ')') depth--;
    else if ((c === ',' || c === '\n') && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    } else if (c === '#' && depth === 0) {
      const e = text.indexOf('\n', i);
      parts.push(text.slice(start, i));
      i = e < 0 ? text.length : e;
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts.map((p) => p.trim()).filter((p) => p !== '');
}

const BARE_REF = /^(?:data\.)?[A-Za-z_][A-Za-z0-9_-]*(?:\.[A-Za-z_][A-Za-z0-9_-]*|\[[^\]]*\])+$/;

/** One HCL element as a template string: `"${x}/*"` as written, a bare reference as `${ref}`; else undefined. */
function elementTemplate(e: string): string | undefined {
  if (e.startsWith('"') && e.endsWith('"') && e.length >= 2) return e.slice(1, -1).replace(/\\"/g, '"').replace(/\\\\/g, '\\');
  if (BARE_REF.test(e)) return `\${${e}}`;
  return undefined;
}

/**
 * The literal element templates of a list argument inside nested blocks of `b`, e.g. path
 * `['statement', 1, 'resources']` or `['statement', 0, 'principals', 0, 'identifiers']`. Undefined when the text
 * does not allow it (dynamic blocks, functions, splats).
 */
export function listTemplates(b: TfBlock, segs: (string | number)[]): (string | undefined)[] | undefined {
  const text = b.text;
  let from = b.open + 1;
  let to = b.close;
  let i = 0;
  while (i < segs.length - 1) {
    const name = String(segs[i]);
    const index = Number(segs[i + 1]);
    if (!Number.isInteger(index)) return undefined;
    const re = new RegExp(`(^|[\\s{])${name}\\s*\\{`, 'gm');
    re.lastIndex = from;
    let found: { start: number; end: number } | undefined;
    let n = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text)) !== null && m.index < to) {
      const open = m.index + m[0].length - 1;
      const close = matchBrace(text, open);
      if (close < 0) return undefined;
      if (n === index) {
        found = { start: open + 1, end: close };
        break;
      }
      n++;
      re.lastIndex = close + 1;
    }
    if (!found) return undefined;
    if (/(^|\s)dynamic\s+"/.test(text.slice(from, to))) return undefined;
    from = found.start;
    to = found.end;
    i += 2;
  }
  const attr = String(segs[segs.length - 1]);
  const re = new RegExp(`(^|[\\s{])${attr}\\s*=\\s*`, 'gm');
  re.lastIndex = from;
  const m = re.exec(text);
  if (!m || m.index >= to) return undefined;
  const v = m.index + m[0].length;
  if (text[v] === '[') {
    const close = matchBrace(text, v);
    if (close < 0 || close > to) return undefined;
    return splitTopLevel(text.slice(v + 1, close)).map(elementTemplate);
  }
  const lineEnd = text.indexOf('\n', v);
  const one = elementTemplate(text.slice(v, lineEnd < 0 ? to : Math.min(lineEnd, to)).trim());
  return one === undefined ? undefined : [one];
}
