/** The offline checks stage: extracted records in, findings out. Pure. */
import type { IamEntity, PolicyRecord } from '../policy/types.js';
import type { Finding } from '../findings/types.js';
import type { Options } from '../config/options.js';
import { rules } from './rules/index.js';
import { runRules } from './rules/run.js';

export function runOfflineChecks(policies: PolicyRecord[], entities: IamEntity[], options: Options): Finding[] {
  return runRules(rules, { policies, entities, options });
}
