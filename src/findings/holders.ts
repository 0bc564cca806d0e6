/**
 * New vs existing per holder: a finding on a policy is "existing" only when the policy reaches no principal it did not
 * reach in the base, and nothing that guarded it there was taken away. An already-flagged admin policy attached to a
 * new role, moved to another role, a user added to the admin group, a permissions boundary removed, a Deny
 * statement deleted (from the policy itself or from another policy of the same principal), or the role's trust
 * policy widened: each is new access, and the finding is new. Pure.
 */
import type { IamEntity, PolicyRecord } from '../policy/types.js';
import { groupPrincipals, grantingPolicies, viaOf } from '../policy/principals.js';
import { statementsOf } from '../policy/statements.js';
import { statementIdentity } from '../policy/fingerprint.js';
import { statementCovers } from '../engine/coverage.js';

/** Statements by content identity. */
type Stmts = Map<string, unknown>;

/** What guards one principal's use of a policy: its boundaries, the Deny statements that apply to it, its trust. */
interface Guards {
  /** Boundary policy id -> its statements. */
  boundaries: Map<string, Stmts>;
  denies: Stmts;
  trust: Stmts;
}

/** Per policy id: its own Deny statements, and each principal that holds it with that principal's guards. */
export interface HolderView {
  denies: Map<string, Stmts>;
  holders: Map<string, Map<string, Guards>>;
}

function stmts(doc: unknown, effect?: string): Stmts {
  const out: Stmts = new Map();
  for (const s of statementsOf(doc)) if (effect === undefined || s.effect === effect) out.set(statementIdentity(s.raw), s.raw);
  return out;
}

function addAll(into: Stmts, from: Stmts): void {
  for (const [k, v] of from) into.set(k, v);
}

export function holderView(policies: PolicyRecord[], entities: IamEntity[]): HolderView {
  const denies = new Map<string, Stmts>();
  for (const p of policies) denies.set(p.id, stmts(p.document, 'Deny'));
  const holders = new Map<string, Map<string, Guards>>();
  for (const pr of groupPrincipals(policies, entities)) {
    const key = `${pr.scope}\u0000${pr.kind}:${pr.id}`;
    const granting = grantingPolicies(pr);
    const guards: Guards = { boundaries: new Map(), denies: new Map(), trust: new Map() };
    for (const p of pr.policies) {
      if (p.policyType === 'trust') addAll(guards.trust, stmts(p.document));
      else if (p.policyType === 'boundary' || viaOf(pr, p) === 'boundary') guards.boundaries.set(p.id, stmts(p.document));
    }
    for (const g of granting) addAll(guards.denies, denies.get(g.policy.id) ?? stmts(g.policy.document, 'Deny'));
    for (const g of granting) {
      let m = holders.get(g.policy.id);
      if (!m) holders.set(g.policy.id, (m = new Map()));
      m.set(key, guards);
    }
  }
  return { denies, holders };
}

/** Every statement of `small` is covered by one of `big` (same content, or only narrowed). */
function allowsWithin(small: Stmts, big: Stmts): boolean {
  let budget = MAX_COMPARISONS;
  for (const [k, s] of small) {
    if (big.has(k)) continue;
    budget -= big.size;
    // hostile sizes: past the bound the guard counts as weakened (a false alarm at worst, never a pass)
    if (budget < 0) return false;
    if (![...big.values()].some((b) => statementCovers(b, s))) return false;
  }
  return true;
}

/** Statement comparisons one coverage question may cost. */
const MAX_COMPARISONS = 20_000;

/** Every base Deny still denies at least as much at the head (kept, or widened). */
const deniesKept = (base: Stmts, head: Stmts): boolean => allowsWithin(base, head);

/**
 * Why a finding on `policyId` is new access even when the same finding existed in the base, or undefined when
 * every head holder held it in the base under guards at least as strong: each base boundary still there and not
 * wider, each base Deny still there and not narrower, trust statements within the base's.
 */
export function newAccessReason(policyId: string, head: HolderView, base: HolderView): string | undefined {
  const ownHead = head.denies.get(policyId);
  const ownBase = base.denies.get(policyId);
  if (ownHead && ownBase && !deniesKept(ownBase, ownHead)) return 'a Deny statement of this policy was removed or narrowed';
  const hb = base.holders.get(policyId);
  for (const [key, g] of head.holders.get(policyId) ?? []) {
    const name = key.slice(key.indexOf('\u0000') + 1);
    const b = hb?.get(key);
    if (!b) return `${name} now holds this policy`;
    for (const [id, stmtsBase] of b.boundaries) {
      const now = g.boundaries.get(id);
      if (!now) return `the permissions boundary of ${name} was removed`;
      if (!allowsWithin(now, stmtsBase)) return `the permissions boundary of ${name} was widened`;
    }
    if (!deniesKept(b.denies, g.denies)) return `a Deny statement that applied to ${name} was removed or narrowed`;
    if (!allowsWithin(g.trust, b.trust)) return `the trust policy of ${name} was widened`;
  }
  return undefined;
}
