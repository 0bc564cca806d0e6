/** Every case of the adversarial suite, by mode. */
import type { RepoCase, ScanCase } from './types.js';
import { RAW_JSON_CASES } from './raw-json.js';
import { CFN_CASES } from './cfn.js';
import { TF_CASES } from './tf.js';

export const SCAN_CASES: ScanCase[] = [...RAW_JSON_CASES, ...CFN_CASES, ...TF_CASES];
export const CONFIG_CASES: RepoCase[] = [];
export const PR_CASES: RepoCase[] = [];
