/**
 * A finding's fix as the reader copies it: the prose, and the JSON it names (`"Condition": {...}`, `{"AWS": ...}`,
 * `"Version": "2012-10-17"`) as a ```json block, pretty-printed. Pure; the fix text may quote PR content, so the
 * block goes through mdCodeBlock (no fence break-out) and the prose through mdText.
 */
import { mdCodeBlock, mdText } from './escape.js';

/** End index (exclusive) of the JSON value starting at `i` (string, object or array), or -1. Bounded by the text. */
function valueEnd(text: string, i: number): number {
  const open = text[i];
  if (open === '"') {
    for (let j = i + 1; j < text.length; j++) {
      if (text[j] === '\\') j++;
      else if (text[j] === '"') return j + 1;
    }
    return -1;
  }
  if (open !== '{' && open !== '[') return -1;
  let depth = 0;
  for (let j = i; j < text.length; j++) {
    const c = text[j];
    if (c === '"') {
      const e = valueEnd(text, j);
      if (e < 0) return -1;
      j = e - 1;
    } else if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') {
      depth--;
      if (depth === 0) return j + 1;
    }
  }
  return -1;
}

/** The first JSON object the fix names, as an object (`"Key": value` pairs are wrapped in braces). */
export function fixJson(fix: string): unknown {
  if (fix.length > 4000) return undefined;
  const pair = /"([A-Za-z][\w:.-]*)"\s*:\s*(?=["{[])/g;
  for (let m = pair.exec(fix); m; m = pair.exec(fix)) {
    const start = m.index + m[0].length;
    const end = valueEnd(fix, start);
    if (end < 0) continue;
    try {
      const value: unknown = JSON.parse(fix.slice(start, end));
      // a key inside a bigger object literal: that object is the snippet
      const before = fix.slice(0, m.index).trimEnd();
      if (before.endsWith('{') || before.endsWith(',')) continue;
      // "Replace "Action": "*" with ...": the text names what to remove, not what to write
      if (/\b(replace|remove|drop|delete|instead of|not|than)$/i.test(before)) continue;
      return { [m[1]!]: value };
    } catch {
      continue;
    }
  }
  for (let i = fix.indexOf('{'); i >= 0; i = fix.indexOf('{', i + 1)) {
    const end = valueEnd(fix, i);
    if (end < 0) continue;
    try {
      const v: unknown = JSON.parse(fix.slice(i, end));
      if (v && typeof v === 'object' && Object.keys(v).length) return v;
    } catch {
      /* prose braces */
    }
  }
  return undefined;
}

/** `**Fix:** prose` and, when the prose names JSON, that JSON as a block. `label` replaces "Fix". */
export function fixMarkdown(fix: string, label = '**Fix:**'): string {
  const json = fixJson(fix);
  const prose = `${label} ${mdText(fix)}`;
  return json === undefined ? prose : `${prose}\n\n${mdCodeBlock(JSON.stringify(json, null, 2), 'json')}`;
}
