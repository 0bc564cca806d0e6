/**
 * Reading inline suppressions, for the extractors that fill `PolicyRecord.inlineSuppressions` /
 * `IamEntity.inlineSuppressions`. Pure. The two written forms (docs/configuration.md):
 *
 * - CloudFormation / SAM: `Metadata: { iam-policy-gate: { ignore: [{ rule, reason }] } }` on the resource;
 * - Terraform `.tf`: a real comment (`#`, `//`, `/* … *\/`, as the HCL parser finds them, never text inside a string
 *   or heredoc) starting `iam-policy-gate:ignore RULE reason`, on a line of the block or in the comment lines directly
 *   above it; `.tf.json`: the same text as the value of the block's `"//"` key.
 *
 * A suppression without a reason suppresses nothing (findings/suppressions.ts reports it).
 */
import type { InlineSuppression } from '../policy/types.js';

const MARKER = 'iam-policy-gate:ignore';

/**
 * The text of one real comment (as the format's own parser found it: `# …`, `// …`, `/* … *\/`, or a `.tf.json`
 * `"//"` value) -> { rule, reason } when the comment IS a suppression: its body starts with the marker. The reason is
 * '' when missing (such a suppression suppresses nothing and is reported). Never applied to other text, so a marker
 * inside a string (a description, a tag value, a policy) is not a suppression.
 */
export function parseIgnoreComment(comment: string): { rule: string; reason: string } | undefined {
  let body = comment.trim();
  if (body.startsWith('/*')) body = body.slice(2, body.endsWith('*/') ? -2 : undefined);
  else if (body.startsWith('//')) body = body.slice(2);
  else if (body.startsWith('#')) body = body.slice(1);
  body = body.trim();
  if (!body.startsWith(MARKER)) return undefined;
  const rest = body.slice(MARKER.length);
  if (rest !== '' && !/^\s/.test(rest)) return undefined;
  const m = /^\s*(\S+)\s*([\s\S]*)$/.exec(rest);
  if (!m) return undefined;
  return { rule: m[1]!, reason: m[2]!.replace(/\s+/g, ' ').trim() };
}

/** A comment found by a format's parser: its text and start offset. */
export interface SourceComment {
  text: string;
  s: number;
}

/**
 * Suppressions in the real `comments` of `text` that belong to the block spanning `startLine`..`endLine` (1-based):
 * those on its lines and in the run of comment-only lines directly above it.
 */
export function commentSuppressions(text: string, comments: readonly SourceComment[], file: string, startLine: number, endLine: number): InlineSuppression[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  const lineOf = (offset: number): number => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
  // lines holding nothing but comments
  const commentOnly = new Set<number>();
  for (const c of comments) {
    const first = lineOf(c.s);
    const lineText = text.slice(starts[first - 1]!, c.s);
    const last = lineOf(c.s + c.text.length - 1);
    for (let l = lineText.trim() === '' ? first : first + 1; l <= last; l++) commentOnly.add(l);
  }
  let top = startLine;
  while (top > 1 && commentOnly.has(top - 1)) top--;
  const out: InlineSuppression[] = [];
  const seen = new Set<number>();
  for (const c of comments) {
    if (seen.has(c.s)) continue;
    seen.add(c.s);
    const line = lineOf(c.s);
    if (line < top || line > endLine) continue;
    const s = parseIgnoreComment(c.text);
    if (s) out.push({ ...s, file, line });
  }
  return out.sort((a, b) => a.line - b.line);
}

/**
 * The `iam-policy-gate.ignore` entries of a CloudFormation resource's Metadata, with the JSON pointer (inside the
 * Metadata value) of each entry so the caller can give its line; malformed entries are returned as problems
 * (an entry without a reason is kept with reason '' so the suppression stage reports it).
 */
export function metadataSuppressions(metadata: unknown): {
  entries: { rule: string; reason: string; pointer: string }[];
  problems: { pointer: string; message: string }[];
} {
  const entries: { rule: string; reason: string; pointer: string }[] = [];
  const problems: { pointer: string; message: string }[] = [];
  const obj = (v: unknown) => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined);
  const gate = obj(metadata)?.['iam-policy-gate'];
  if (gate === undefined) return { entries, problems };
  const ignore = obj(gate)?.ignore;
  if (!Array.isArray(ignore)) {
    problems.push({ pointer: obj(gate) ? '/iam-policy-gate/ignore' : '/iam-policy-gate', message: 'iam-policy-gate.ignore must be a list of { rule, reason }' });
    return { entries, problems };
  }
  ignore.forEach((e, i) => {
    const pointer = `/iam-policy-gate/ignore/${i}`;
    const o = obj(e);
    if (!o || typeof o.rule !== 'string' || o.rule.trim() === '') {
      problems.push({ pointer, message: 'each iam-policy-gate.ignore entry needs a rule (a rule id or Access Analyzer issue code)' });
      return;
    }
    entries.push({ rule: o.rule.trim(), reason: typeof o.reason === 'string' ? o.reason.trim() : '', pointer });
  });
  return { entries, problems };
}
