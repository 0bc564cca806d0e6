// The first version of text/yaml-layout.ts misreadLayout (commit 130ee28), kept as the oracle of yaml-layout-oracle.test.ts:
// it looked at every character of every content line for a comment; the source finds each `#` once.
/**
 * A YAML layout the `yaml` package does not read as the YAML spec (and CloudFormation, PyYAML, cfn-lint) reads it:
 * a key or dash with its value on a later line, and between them a comment at column 0, after a blank line. The
 * package then folds the value and a following `- x` sibling into one plain scalar (`["arn:...", "*"]` becomes
 * `"arn:... - *"`, so a `*` disappears), or errs on a mapping value (red team S8-F2). Such a text cannot be read
 * with confidence by any of our readers, so it is not analysed: the caller reports it as an input error (the
 * verdict is incomplete), with this position and a fix the author can apply.
 *
 * Conservative: any comment at column 0 between an indicator with nothing after it (`key:`, `-`, a tag) and a
 * more-indented value that is not a mapping key or a sequence item is reported, blank line or not. One pass over
 * the lines, and none over a text without a comment at column 0 after its first line.
 */

export const ORACLE_MESSAGE =
  'a comment at column 0 between a key or dash and its value on a later line: YAML readers disagree on this layout (the value can be merged with the next list item); indent the comment or remove it';

/** The 1-based line and column of the value a YAML reader may misread, if the text has that layout. */
export function misreadLayoutOracle(text: string): { line: number; column: number } | undefined {
  if (text.indexOf('\n#') < 0) return undefined;
  const n = text.length;
  let line = 0;
  /** The last content line ended with an indicator whose value is on a later line; its indentation. */
  let open = false;
  let openIndent = 0;
  /** A comment at column 0 since that line. */
  let margin = false;
  for (let start = 0; start < n; ) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = n;
    line++;
    let i = start;
    while (i < end && text.charCodeAt(i) === 32) i++;
    const c = text.charCodeAt(i);
    if (i >= end || c === 13 || c === 9) {
      // blank (or a tab-indented line, which the readers treat on their own): the state stays
    } else if (c === 35 /* # */) {
      if (i === start && open) margin = true;
    } else {
      const indent = i - start;
      if (open && margin && indent > openIndent && !startsEntry(text, i, end)) return { line, column: indent + 1 };
      open = endsOpen(text, i, end);
      openIndent = indent;
      margin = false;
    }
    start = end + 1;
  }
  return undefined;
}

/** The content from `i` to `end` (one line) ends with an indicator and no value: `key:`, `-`, `key: !Tag`, `- # c`. */
function endsOpen(text: string, i: number, end: number): boolean {
  let e = end;
  // a comment: from the first ` #` (conservative: a `#` inside quotes ends the look too)
  for (let k = i; k < end; k++) {
    const ch = text.charCodeAt(k);
    if (ch === 35 && k > i && (text.charCodeAt(k - 1) === 32 || text.charCodeAt(k - 1) === 9)) {
      e = k;
      break;
    }
  }
  while (e > i && isSpace(text.charCodeAt(e - 1))) e--;
  // trailing tags (`!Ref`, `!!str`) and anchors (`&a`) with nothing after them, in any number and order (S8-F3)
  for (;;) {
    let w = e;
    while (w > i && !isSpace(text.charCodeAt(w - 1))) w--;
    if (!(w < e && w > i && (text.charCodeAt(w) === 33 || text.charCodeAt(w) === 38))) break;
    e = w;
    while (e > i && isSpace(text.charCodeAt(e - 1))) e--;
  }
  if (e <= i) return false;
  const last = text.charCodeAt(e - 1);
  if (last === 58 /* : */) return true;
  // `-` alone, or after another dash (`- -`)
  return last === 45 && (e - 1 === i || isSpace(text.charCodeAt(e - 2)));
}

/** The line's content at `i` starts a mapping entry (`key:` / `key: v`) or a sequence item (`- ...`). */
function startsEntry(text: string, i: number, end: number): boolean {
  const c = text.charCodeAt(i);
  if (c === 45 && (i + 1 >= end || isSpace(text.charCodeAt(i + 1)))) return true;
  for (let k = i; k < end; k++) {
    const ch = text.charCodeAt(k);
    if (ch === 35 && k > i && isSpace(text.charCodeAt(k - 1))) return false;
    if (ch === 58 && (k + 1 >= end || isSpace(text.charCodeAt(k + 1)))) return true;
  }
  return false;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 13;
}
