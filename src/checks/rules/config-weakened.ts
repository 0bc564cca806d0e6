/**
 * `config-weakened`: a pull request changes the gate's own config so that it would hide or downgrade findings once
 * merged. Reported by src/config/trusted.ts (the change is never applied to the pull request that makes it); this
 * file registers its meta (src/rules-meta/config-weakened.ts) as a rule (docs, SARIF, `rules:` validation).
 */
import type { Rule } from './types.js';
import { configWeakenedMeta } from '../../rules-meta/config-weakened.js';

export { configWeakenedMeta };

export const configWeakened: Rule = { meta: configWeakenedMeta };
