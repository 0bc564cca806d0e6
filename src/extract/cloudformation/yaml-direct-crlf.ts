/**
 * CRLF line endings for the direct YAML reader (yaml-direct.ts). The `yaml` package reads a carriage return before a
 * line feed as part of the line break everywhere (lexer, plain, quoted and block scalars, comments, an escaped line
 * break in a double-quoted scalar), so a text whose every CR is followed by LF reads as the same text without those
 * CRs, with each offset moved by the CRs before it. The direct reader reads that text and its nodes' offsets are
 * moved back; lines and columns are the same in both texts (a CR only ever ends a line). A lone CR (not followed by
 * LF), which the package reads in other ways, makes the direct reader refuse the text, as any CR did before.
 * test/extract/cloudformation/yaml-direct.test.ts compares the readers on CRLF, mixed and lone-CR texts.
 */
import type { CNode, Src } from './yaml.js';

/** `text` without the CR of each CR LF, and where each removed CR was (as the offset of its LF in the new text); undefined for a lone CR or a bare LF among CR LFs. */
export function withoutCr(text: string): { text: string; cuts: number[] } | undefined {
  const cuts: number[] = [];
  const parts: string[] = [];
  let from = 0;
  for (let i = text.indexOf('\r'); i >= 0; i = text.indexOf('\r', i + 1)) {
    if (text.charCodeAt(i + 1) !== 10) return undefined;
    parts.push(text.slice(from, i));
    cuts.push(i - cuts.length); // the LF's offset once the CRs before it and this one are gone
    from = i + 1;
  }
  // mixed line endings (a bare LF beside CR LFs): the package's reading of such a text is not always the LF text's
  // (red team S8-F1), so only a text whose every line break is CR LF is read without its CRs
  let lfs = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lfs++;
  if (lfs !== cuts.length) return undefined;
  parts.push(text.slice(from));
  return { text: parts.join(''), cuts };
}

/**
 * Moves every offset of the tree read from the text without CRs back to the original text (an offset gains one per
 * removed CR before it: one at a line end stays on that line's CR, as the package's ranges do) and gives each node
 * the original text's `src`. Nodes a merge key shares between mappings are moved once.
 */
export function restoreOffsets(root: CNode, cuts: readonly number[], src: Src): void {
  const at = (o: number): number => {
    let lo = 0;
    let hi = cuts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cuts[mid]! < o) lo = mid + 1;
      else hi = mid;
    }
    return o + lo;
  };
  const seen = new Set<object>();
  const stack: CNode[] = [root];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (seen.has(n)) continue;
    seen.add(n);
    n.start = at(n.start);
    n.end = at(n.end);
    n.src = src;
    if (n.kind === 'seq') for (const item of n.items) stack.push(item);
    else if (n.kind === 'map') {
      if (!seen.has(n.keys)) {
        seen.add(n.keys);
        for (const [k, o] of n.keys) n.keys.set(k, at(o));
      }
      for (const v of n.entries.values()) stack.push(v);
    }
  }
}
