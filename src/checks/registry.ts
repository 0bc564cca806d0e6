/**
 * Every finding id the gate can report, with its meta: the offline rules, the SCP checks and the ids that are not
 * rules (src/rules-meta/other-findings.ts). The gate hands these to the renderers with the result (SARIF reads them
 * from there, never from here); `npm run docs` writes a page per id and the id index config validation reads.
 */
import type { RuleMeta } from '../rules-meta/types.js';
import { OTHER_FINDINGS } from '../rules-meta/other-findings.js';
import { rules } from './rules/index.js';
import { scpRules } from './scp/index.js';

/** The registered rules' metas (offline rules, then SCP checks), in registry order. */
export function registeredRuleMeta(): RuleMeta[] {
  return [...rules, ...scpRules].map((r) => r.meta);
}

/** Every finding id's meta: registered rules, then the ids that are not rules. */
export function allRuleMeta(): RuleMeta[] {
  return [...registeredRuleMeta(), ...OTHER_FINDINGS];
}
