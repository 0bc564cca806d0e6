/**
 * The parts of the `yaml` package's composer (2.x, compose/resolve-props.js, resolve-end.js,
 * util-empty-scalar-position.js, util-contains-newline.js) that yaml-cst.ts needs, ported as they are except
 * that every error or warning the package would report throws FALLBACK instead: the fast reader never accepts
 * a text the package reports on; such a text is read the package's way (yaml.ts), with its messages.
 */
import type { CST } from 'yaml';

type SourceToken = CST.SourceToken;
type Token = CST.Token;

/** Where the package would report an error or a warning (or the fast reader does not handle a construct). */
export const FALLBACK = Object.freeze({ fallback: true });
export function bail(): never {
  throw FALLBACK;
}

/** A node's properties and the indicator before it (resolve-props.js without comment text). */
export interface Props {
  found: SourceToken | null;
  anchor: SourceToken | null;
  tag: SourceToken | null;
  comma: SourceToken | null;
  /** A comment token was among them. */
  comment: boolean;
  hasNewline: boolean;
  newlineAfterProp: SourceToken | null;
  end: number;
  start: number;
}

/** resolveProps(tokens, { flow, indicator, next, offset, parentIndent, startOnNewline }), erroring -> FALLBACK. */
export function resolveProps(tokens: SourceToken[], flow: boolean, indicator: string, next: Token | null | undefined, offset: number, parentIndent: number, startOnNewline: boolean): Props {
  let atNewline = startOnNewline;
  let hasSpace = startOnNewline;
  let comment = false;
  let hasNewline = false;
  let reqSpace = false;
  let tab: SourceToken | null = null;
  let anchor: SourceToken | null = null;
  let tag: SourceToken | null = null;
  let newlineAfterProp: SourceToken | null = null;
  let comma: SourceToken | null = null;
  let found: SourceToken | null = null;
  let start: number | null = null;
  for (const token of tokens) {
    const type = token.type;
    if (reqSpace) {
      if (type !== 'space' && type !== 'newline' && type !== 'comma') bail();
      reqSpace = false;
    }
    if (tab) {
      if (atNewline && type !== 'comment' && type !== 'newline') bail();
      tab = null;
    }
    if (type === 'space') {
      if (!flow && (indicator !== 'doc-start' || next?.type !== 'flow-collection') && token.source.includes('\t')) tab = token;
      hasSpace = true;
    } else if (type === 'comment') {
      if (!hasSpace) bail();
      comment = true;
      atNewline = false;
    } else if (type === 'newline') {
      atNewline = true;
      hasNewline = true;
      if (anchor || tag) newlineAfterProp = token;
      hasSpace = true;
    } else if (type === 'anchor' || type === 'tag') {
      if (type === 'anchor') {
        if (anchor || token.source.endsWith(':')) bail();
        anchor = token;
      } else {
        if (tag) bail();
        tag = token;
      }
      start ??= token.offset;
      atNewline = false;
      hasSpace = false;
      reqSpace = true;
    } else if (type === indicator) {
      if (anchor || tag || found) bail();
      found = token;
      atNewline = indicator === 'seq-item-ind' || indicator === 'explicit-key-ind';
      hasSpace = false;
    } else if (type === 'comma' && flow) {
      if (comma) bail();
      comma = token;
      atNewline = false;
      hasSpace = false;
    } else bail();
  }
  const last = tokens[tokens.length - 1];
  const end = last ? last.offset + last.source.length : offset;
  if (reqSpace && next && next.type !== 'space' && next.type !== 'newline' && next.type !== 'comma' && (next.type !== 'scalar' || next.source !== '')) bail();
  if (tab && ((atNewline && tab.indent <= parentIndent) || next?.type === 'block-map' || next?.type === 'block-seq')) bail();
  return { comma, found, comment, hasNewline, anchor, tag, newlineAfterProp, end, start: start ?? end };
}

/** resolveEnd(end, offset, reqSpace): the offset past the tokens after a node; anything but space/comment/newline -> FALLBACK. */
export function resolveEnd(end: SourceToken[] | undefined, offset: number, reqSpace: boolean): number {
  if (end) {
    let hasSpace = false;
    for (const token of end) {
      const type = token.type;
      if (type === 'space' || type === 'newline') hasSpace = true;
      else if (type === 'comment') {
        if (reqSpace && !hasSpace) bail();
      } else bail();
      offset += token.source.length;
    }
  }
  return offset;
}

/** Where an empty scalar is placed: after the last non-empty token before it, past any space. */
export function emptyScalarPosition(offset: number, before: SourceToken[] | undefined, pos: number | null): number {
  if (before) {
    pos ??= before.length;
    for (let i = pos - 1; i >= 0; --i) {
      let st = before[i];
      const type = st!.type;
      if (type === 'space' || type === 'comment' || type === 'newline') {
        offset -= st!.source.length;
        continue;
      }
      st = before[++i];
      while (st?.type === 'space') {
        offset += st.source.length;
        st = before[++i];
      }
      break;
    }
  }
  return offset;
}

/** Whether an implicit key spans lines (util-contains-newline.js). */
export function containsNewline(key: Token | null | undefined): boolean | null {
  if (!key) return null;
  switch (key.type) {
    case 'alias':
    case 'scalar':
    case 'double-quoted-scalar':
    case 'single-quoted-scalar':
      if (key.source.includes('\n')) return true;
      if (key.end) for (const st of key.end) if (st.type === 'newline') return true;
      return false;
    case 'flow-collection':
      for (const it of key.items) {
        for (const st of it.start) if (st.type === 'newline') return true;
        if (it.sep) for (const st of it.sep) if (st.type === 'newline') return true;
        if (containsNewline(it.key) || containsNewline(it.value)) return true;
      }
      return false;
    default:
      return true;
  }
}
