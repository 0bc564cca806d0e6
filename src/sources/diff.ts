/**
 * Diff hunks: which head lines a review comment may be anchored on. GitHub rejects a whole review (422) when one
 * comment's line is outside the diff or a range spans two hunks, so every comment is validated here first.
 */

export interface Hunk {
  /** First and last head-side (RIGHT) line the hunk covers (added and context lines). */
  start: number;
  end: number;
  /** Head lines inside the hunk that GitHub accepts a comment on (added or context). */
  lines: Set<number>;
  /** Head lines added by the change. */
  added: Set<number>;
}

const HUNK = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/;

/** Parse a unified-diff patch (the `patch` field of a PR file, or one file of `git diff`). */
export function parsePatch(patch: string): Hunk[] {
  const hunks: Hunk[] = [];
  let cur: Hunk | undefined;
  let line = 0;
  for (const raw of patch.split('\n')) {
    const m = HUNK.exec(raw);
    if (m) {
      line = Number(m[1]);
      cur = { start: line, end: line - 1, lines: new Set(), added: new Set() };
      hunks.push(cur);
      continue;
    }
    if (!cur) continue;
    const c = raw[0];
    if (c === '+') {
      cur.lines.add(line);
      cur.added.add(line);
      cur.end = line++;
    } else if (c === ' ') {
      cur.lines.add(line);
      cur.end = line++;
    }
    // '-' lines and '\ No newline at end of file' do not advance the head side
  }
  return hunks.filter((h) => h.lines.size > 0);
}

export interface Anchor {
  line: number;
  /** Set for a multi-line comment: strictly below `line`, in the same hunk. */
  startLine?: number;
}

/**
 * Where a finding spanning `start..end` can be commented: the range clipped to the one hunk that contains its end
 * (or, failing that, its start, or any line of it). Undefined when no line of the range is in the diff.
 */
export function anchorFor(hunks: Hunk[] | undefined, start: number, end: number): Anchor | undefined {
  if (!hunks) return undefined;
  if (end < start) end = start;
  let best: { hunk: Hunk; from: number; to: number; added: number } | undefined;
  for (const h of hunks) {
    const from = Math.max(start, h.start);
    const to = Math.min(end, h.end);
    if (from > to) continue;
    let added = 0;
    for (let l = from; l <= to; l++) if (h.added.has(l)) added++;
    if (!best || added > best.added) best = { hunk: h, from, to, added };
  }
  if (!best) return undefined;
  // prefer the finding's own first line when it is commentable: that is where a reader looks
  let to = best.to;
  while (to >= best.from && !best.hunk.lines.has(to)) to--;
  if (to < best.from) return undefined;
  let from = best.from;
  while (from < to && !best.hunk.lines.has(from)) from++;
  return from < to ? { line: to, startLine: from } : { line: to };
}
