/**
 * A rule shape shared by several least-privilege rules: "an Allow statement grants actions of a risky set on every
 * resource". One finding per statement, on the first granting Action/NotAction element, naming the actions.
 * A narrowing condition lowers the finding to a suggestion and says which condition was taken into account;
 * conditions that do not narrow are named as such.
 */
import type { PolicyContext, RuleMeta } from '../rules/types.js';
import type { Severity } from '../../findings/types.js';
import type { ValueAt } from '../../policy/statements.js';
import { actionInfo } from '../../catalog/index.js';
import { conditionNote, grantOf, judgeConditions, stmtLabel, wildcardOnly } from './analysis.js';

export interface ActionSetSpec {
  /** Is the action in the risky set? (canonical `service:Name`) */
  matches(action: string): boolean;
  /** For a fixed list: its canonical keys, looked up instead of scanning every granted action. */
  keys?: readonly string[];
  /** Require the grant to cover every resource (default true). */
  allResourcesOnly?: boolean;
  /** With allResourcesOnly: actions reported even on specific resources. */
  anyResource?(action: string): boolean;
  /** Skip actions that only accept `Resource: "*"` (default false). */
  skipWildcardOnly?: boolean;
  /** Sentence start, e.g. `grants write access`. */
  what: string;
  /** Severity when a narrowing condition applies (default `suggestion`). */
  narrowedSeverity?: Severity;
  /** How many action names to list in the message. */
  listLimit?: number;
}

export function listActions(actions: string[], limit = 6): string {
  const shown = actions.slice(0, limit).join(', ');
  return actions.length > limit ? `${shown} and ${actions.length - limit} more` : shown;
}

export function checkActionSet(meta: RuleMeta, spec: ActionSetSpec, ctx: PolicyContext): void {
  for (const s of ctx.statements) {
    const g = grantOf(s, ctx.policy);
    if (!g) continue;
    const scopedOnly = (spec.allResourcesOnly ?? true) && g.scope === 'some';
    if (scopedOnly && !spec.anyResource) continue;
    const hits: string[] = [];
    let first: ValueAt | undefined;
    const entries: Iterable<[string, ValueAt]> = spec.keys
      ? spec.keys.flatMap((k) => {
          const at = g.actions.get(k);
          return at ? [[k, at] as [string, ValueAt]] : [];
        }).sort((a, b) => a[1].path.localeCompare(b[1].path, 'en', { numeric: true })) // statement order
      : g.actions;
    for (const [action, at] of entries) {
      if (!spec.matches(action)) continue;
      if (scopedOnly && !spec.anyResource!(action)) continue;
      if (spec.skipWildcardOnly && wildcardOnly(action)) continue;
      hits.push(action);
      first ??= at;
    }
    if (!hits.length || !first) continue;
    const j = judgeConditions(s, hits[0]);
    const scope =
      g.scope === 'all' ? ' on every resource' : g.scope === 'all-except' ? ' on every resource except those in NotResource' : '';
    const via = s.notAction ? ' (through NotAction)' : '';
    ctx.report({
      path: first.path,
      message: `${cap(stmtLabel(s))} ${spec.what}${scope}${via}: ${listActions(hits, spec.listLimit)}.${conditionNote(j)}`,
      severity: j.narrowing.length ? (spec.narrowedSeverity ?? 'suggestion') : undefined,
      details: {
        actions: hits.length > 200 ? hits.slice(0, 200) : hits,
        actionCount: hits.length,
        ...(j.narrowing.length ? { conditionTakenIntoAccount: j.narrowing.map((c) => `${c.operator} ${c.key}`) } : {}),
      },
    });
    void meta;
  }
}

export function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

const keyCache = new Map<readonly string[], string[]>();

/** Canonical catalogue keys of a lower-case action list (unknown actions dropped), memoised per list. */
export function canonicalKeys(list: readonly string[]): string[] {
  let k = keyCache.get(list);
  if (!k) {
    k = [...new Set(list.flatMap((a) => actionInfo(a)?.key ?? []))];
    keyCache.set(list, k);
  }
  return k;
}
