/** Every case of the adversarial suite, by mode. */
import type { RepoCase, ScanCase } from './types.js';
import { RAW_JSON_CASES } from './raw-json.js';
import { CFN_CASES } from './cfn.js';
import { TF_CASES } from './tf.js';
import { TF_JSON_CASES } from './tf-json.js';
import { PLAN_CASES } from './plan.js';
import { HOSTILE_CASES } from './hostile.js';
import { CONFIG_CASES as CONFIG } from './config.js';
import { PR_CASES as PR } from './pr.js';
import { ATTACK2_CASES } from './attack2.js';
import { ATTACK4_CASES } from './attack4.js';
import { ATTACK5_CASES } from './attack5.js';
import { ATTACK7_CASES } from './attack7.js';
import { ATTACK8_CASES } from './attack8.js';

export const SCAN_CASES: ScanCase[] = [...RAW_JSON_CASES, ...CFN_CASES, ...TF_CASES, ...TF_JSON_CASES, ...PLAN_CASES, ...HOSTILE_CASES, ...ATTACK2_CASES, ...ATTACK4_CASES, ...ATTACK5_CASES, ...ATTACK7_CASES, ...ATTACK8_CASES];
export const CONFIG_CASES: RepoCase[] = CONFIG;
export const PR_CASES: RepoCase[] = PR;
