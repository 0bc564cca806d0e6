/**
 * Access Analyzer locations -> JSON pointers into the document we sent. We follow the path (index/key/value/
 * substring), never the character span: the span points into the string we sent, not into the source file.
 */
import { escapeSegment } from '../../policy/source-map.js';

export type PathElement =
  | { index: number; key?: undefined; value?: undefined; substring?: undefined }
  | { key: string; index?: undefined; value?: undefined; substring?: undefined }
  | { value: string; index?: undefined; key?: undefined; substring?: undefined }
  | { substring: { start: number; length: number }; index?: undefined; key?: undefined; value?: undefined };

function isObj(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Case-insensitive key lookup, as IAM treats element names. */
function findKey(o: Record<string, unknown>, k: string): string | undefined {
  if (k in o) return k;
  const lower = k.toLowerCase();
  return Object.keys(o).find((x) => x.toLowerCase() === lower);
}

/**
 * Walk `path` through `document`, returning the JSON pointer of the deepest node it names. Tolerant: an element
 * that does not fit the document stops the walk at the last node that did.
 */
export function pathToPointer(document: unknown, path: readonly PathElement[] | undefined): string {
  let node: unknown = document;
  let ptr = '';
  for (const el of path ?? []) {
    if (typeof el.index === 'number') {
      if (Array.isArray(node)) {
        if (el.index < 0 || el.index >= node.length) break;
        node = node[el.index];
        ptr += '/' + el.index;
      } else if (el.index !== 0) break; // a single object written without brackets is "index 0"
    } else if (typeof el.key === 'string' || typeof el.value === 'string') {
      const name = (el.key ?? el.value)!;
      if (isObj(node)) {
        const k = findKey(node, name);
        if (k === undefined) break;
        node = node[k];
        ptr += '/' + escapeSegment(k);
      } else if (Array.isArray(node) && typeof el.value === 'string') {
        const i = node.findIndex((x) => x === el.value);
        if (i < 0) break;
        node = node[i];
        ptr += '/' + i;
      } else break; // the value of a scalar: we are already there
    } else break; // substring: inside the current scalar
  }
  return ptr;
}
