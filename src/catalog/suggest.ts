/**
 * Did-you-mean for unknown services and actions: a bounded edit distance over the catalogue's names (memoised with
 * the catalogue: the same unknown text recurs in every file that spells it).
 */
import { ownCopy } from '../util/memo.js';
import { getCatalog, serviceActionNames, serviceExists, splitAction } from './index.js';

/** Bounded Levenshtein distance (returns max+1 when above `max`). */
export function editDistance(a: string, b: string, max = 3): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  return distanceWithin(a, b, max, new Int32Array(b.length + 1), new Int32Array(b.length + 1));
}

/** editDistance's table: two rows of at least `b.length + 1` cells, swapped (no row list made per character). */
function distanceWithin(a: string, b: string, max: number, first: Int32Array, second: Int32Array): number {
  let prev = first;
  let cur = second;
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1));
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    const t = prev;
    prev = cur;
    cur = t;
  }
  return prev[b.length]!;
}

/** `lowered`: the candidates in lower case, when the caller has them (same order). */
function closest(word: string, candidates: readonly string[], max: number, lowered?: readonly string[]): string | undefined {
  const w = word.toLowerCase();
  let best: string | undefined;
  let bestD = max + 1;
  // the two rows of the distance table, made once for every candidate (a candidate within `max` of the word's
  // length is at most `w.length + max` long)
  const rows = [new Int32Array(w.length + max + 1), new Int32Array(w.length + max + 1)] as const;
  for (let i = 0; i < candidates.length; i++) {
    const c = candidates[i]!;
    const lc = lowered ? lowered[i]! : c.toLowerCase();
    // a candidate that starts with the word (or the reverse) is a good guess too, e.g. GetObjects -> GetObject
    // (only a distance below the best so far can change the answer: the table stops at the first row past it)
    const bound = bestD - 1;
    const d = Math.abs(w.length - lc.length) > bound ? bound + 1 : distanceWithin(w, lc, bound, rows[0], rows[1]);
    if (d < bestD) {
      bestD = d;
      best = c;
    }
  }
  return best;
}

/** Did-you-mean for an unknown service prefix. */
export function suggestService(prefix: string): string | undefined {
  if (prefix.length > 64) return undefined;
  const memo = getCatalog().derived.serviceSuggestions;
  const hit = memo.get(prefix);
  if (hit !== undefined || memo.has(prefix)) return hit;
  // stored under a copy of its own (the prefix may be a slice of a file's text)
  return memo.set(ownCopy(prefix), closest(prefix, getCatalog().services, Math.min(3, Math.max(1, Math.floor(prefix.length / 3)))));
}

/**
 * Did-you-mean for an unknown action (`s3:GetObjekt` -> `s3:GetObject`, `s4:GetObject` -> `s3:GetObject`).
 * Undefined when nothing is close enough.
 */
export function suggestAction(typo: string): string | undefined {
  return getCatalog().derived.suggestions.getOr(typo.toLowerCase(), () => suggestActionUncached(typo));
}

function suggestActionUncached(typo: string): string | undefined {
  const parts = splitAction(typo);
  if (!parts || typo.length > 200) return undefined;
  let svc = parts.service.toLowerCase();
  if (!serviceExists(svc)) {
    const s = suggestService(svc);
    if (!s) return undefined;
    svc = s;
  }
  if (parts.name.includes('*') || parts.name.includes('?')) return undefined;
  const { names, keys, byName, lower } = serviceActionNames(svc)!;
  const exact = byName.get(parts.name.toLowerCase());
  if (exact !== undefined) return keys[exact];
  const max = Math.min(4, Math.max(1, Math.floor(parts.name.length / 4)));
  const best = closest(parts.name, names, max, lower);
  return best ? `${svc}:${best}` : undefined;
}
