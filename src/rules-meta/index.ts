/** Is this a finding id the gate knows (config `rules:` keys and `ignore[].rule`), and if not, what was meant. */
import { ACCESS_ANALYZER_ISSUE_CODES } from './access-analyzer-codes.js';
import { OTHER_FINDINGS } from './other-findings.js';
import { RULE_INDEX } from './rule-index.js';

/** Every id a config may name: registered rules, the ids that are not rules, Access Analyzer issue codes. */
export function knownRuleIds(): string[] {
  return [...new Set([...RULE_INDEX.map((r) => r.id), ...OTHER_FINDINGS.map((m) => m.id), ...ACCESS_ANALYZER_ISSUE_CODES])];
}

/** The ids `rules:` and `ignore:` may name (the JSON Schema's list). */
export function configurableRuleIds(): string[] {
  const fixed = new Set(OTHER_FINDINGS.filter((m) => m.notConfigurable).map((m) => m.id));
  return knownRuleIds().filter((id) => !fixed.has(id));
}

let lowerIndex: Map<string, string> | undefined;
function index(): Map<string, string> {
  lowerIndex ??= new Map(knownRuleIds().map((id) => [id.toLowerCase(), id]));
  return lowerIndex;
}

/** Edit distance, capped: enough for "did you mean". */
function distance(a: string, b: string, cap: number): number {
  if (Math.abs(a.length - b.length) > cap) return cap + 1;
  let prev = Array.from({ length: b.length + 1 }, (_v, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      best = Math.min(best, cur[j]!);
    }
    if (best > cap) return cap + 1;
    prev = cur;
  }
  return prev[b.length]!;
}

/** The known id closest to `id` (case-insensitive, at most a few edits away), if any. */
export function suggestRuleId(id: string): string | undefined {
  const low = id.toLowerCase().replace(/_/g, '-');
  const cap = Math.max(2, Math.floor(low.length / 5));
  let best: { id: string; d: number } | undefined;
  for (const [k, canonical] of index()) {
    const d = distance(low, k.replace(/_/g, '-'), cap);
    if (d <= cap && (!best || d < best.d)) best = { id: canonical, d };
  }
  return best?.id;
}

export type RuleIdCheck = { ok: true } | { ok: false; message: string };

/**
 * Whether a config may name `id`. Known ids pass (case-insensitive, as suppressions match). An unknown id is an
 * error, with the closest known id; an unknown UPPER_SNAKE code that resembles no known id passes as an Access
 * Analyzer issue code AWS added after this list was written.
 */
export function checkRuleId(id: string, purpose: 'rules' | 'ignore'): RuleIdCheck {
  const canonical = index().get(id.toLowerCase());
  if (canonical !== undefined) {
    const meta = OTHER_FINDINGS.find((m) => m.id === canonical);
    if (meta?.notConfigurable) return { ok: false, message: `"${id}" cannot be configured: ${meta.notConfigurable}` };
    // `rules:` settings match the id exactly (ignore entries match it case-insensitively)
    if (purpose === 'rules' && canonical !== id) return { ok: false, message: `unknown rule id "${id}" (did you mean "${canonical}"? rule ids are case-sensitive here)` };
    return { ok: true };
  }
  const suggestion = suggestRuleId(id);
  if (!suggestion && /^[A-Z][A-Z0-9]*(_[A-Z0-9]+)+$/.test(id)) return { ok: true };
  return {
    ok: false,
    message: `unknown rule id "${id}"${suggestion ? ` (did you mean "${suggestion}"?)` : ''}: see docs/rules/README.md for every rule id`,
  };
}
