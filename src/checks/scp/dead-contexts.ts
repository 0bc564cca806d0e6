/**
 * Which request contexts an identity policy's grant is dead in: the SCP hierarchy of a target and the grant's own
 * conditions are evaluated together in every representative context (engine/contexts.ts). An action the SCPs deny
 * in every context where the grant applies is dead, even when each Deny is conditional (a grant limited to
 * us-east-1 under a region lock that allows only eu-west-1).
 */
import type { ConditionView } from '../../policy/statements.js';
import { type ActionSet, type ActionUniverse } from '../../engine/actions.js';
import { type EvalStatement } from '../../engine/grants.js';
import { type ScpLevel, evaluateHierarchy } from '../../engine/org.js';
import { conditionTable, contextSpace } from '../../engine/contexts.js';
import { describeGroup } from './context-impact.js';

export interface DeadEverywhere {
  /** Actions not allowed in any context where the grant applies. */
  dead: ActionSet;
  /** The contexts the grant applies in (`every request` when unconditional). */
  when: string;
}

/** Memo of hierarchy verdicts per truth vector of its conditional statements (one per target). */
export type VerdictMemo = Map<string, ActionSet>;

/** undefined when the hierarchy has no conditional statement (nothing beyond the unconditional verdict). */
export function deadInEveryContext(u: ActionUniverse, levels: ScpLevel[], grantConditions: readonly ConditionView[], memo: VerdictMemo): DeadEverywhere | undefined {
  const conditional = levels.flatMap((l) => l.statements).filter((st) => st.conditions.length);
  if (!conditional.length) return undefined;
  const space = contextSpace([...grantConditions, ...conditional.flatMap((st) => st.conditions)]);
  if (space.unmodelled.length) return undefined; // too many combinations: say nothing rather than guess
  const applies = conditionTable(space, grantConditions);
  const tables = new Map<EvalStatement, (t: readonly number[]) => boolean | undefined>(conditional.map((st) => [st, conditionTable(space, st.conditions)]));
  const dead = new Uint8Array(u.actions.length).fill(1);
  const applicable: number[][] = [];
  const seen = new Set<string>();
  for (const tuple of space.tuples) {
    if (grantConditions.length && applies(tuple) === false) continue;
    applicable.push(tuple);
    const truth = new Map<EvalStatement, boolean | undefined>();
    let vector = '';
    for (const [st, table] of tables) {
      const r = table(tuple);
      truth.set(st, r);
      vector += r === undefined ? '?' : r ? '1' : '0';
    }
    if (seen.has(vector)) continue;
    seen.add(vector);
    let allowed = memo.get(vector);
    if (!allowed) memo.set(vector, (allowed = evaluateHierarchy(u, levels, undefined, (st) => (st.conditions.length ? truth.get(st) : true)).allowed));
    for (let i = 0; i < dead.length; i++) dead[i]! &= allowed[i]! ^ 1;
  }
  if (!applicable.length) return undefined;
  return { dead, when: describeGroup(space, applicable) };
}
