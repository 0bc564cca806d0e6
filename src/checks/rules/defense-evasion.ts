import type { Rule } from './types.js';
import { canonicalKeys, checkActionSet } from '../least-privilege/action-set.js';
import { DEFENSE_EVASION_ACTIONS, lowerSet } from '../least-privilege/risk-data.js';

const SET = lowerSet(DEFENSE_EVASION_ACTIONS);
/** Switching detection off is reported even on one named trail, detector or recorder. */
const ALWAYS = /^(cloudtrail:(stoplogging|deletetrail|updatetrail|puteventselectors)|guardduty:(deletedetector|updatedetector|disassociate.*)|config:(stop|delete)configurationrecorder|config:deletedeliverychannel|securityhub:(disablesecurityhub|batchdisablestandards)|access-analyzer:deleteanalyzer|macie2:disablemacie|inspector2:disable)$/;

export const defenseEvasion: Rule = {
  meta: {
    id: 'defense-evasion',
    title: 'Logging or threat detection can be disabled',
    severity: 'security-warning',
    category: 'least-privilege',
    description:
      'Stopping or deleting CloudTrail trails, changing event selectors, deleting GuardDuty detectors or adding suppression filters, stopping AWS Config recorders, disabling Security Hub, Macie, Inspector or Access Analyzer, or deleting log groups lets an attacker act unseen. Workloads almost never need these actions; switching a trail, detector or recorder off is reported even on a named resource (one trail can be the whole audit trail); other tampering (deleting log groups, changing filters) is reported on every resource.',
    fix: 'Remove these actions from workload and user policies; keep them on a break-glass security role. Protect them organisation-wide with an SCP that denies cloudtrail:StopLogging, cloudtrail:DeleteTrail, guardduty:DeleteDetector, config:StopConfigurationRecorder and securityhub:DisableSecurityHub.',
    policyTypes: ['identity'],
    examples: {
      bad: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['cloudtrail:StopLogging', 'guardduty:DeleteDetector'], Resource: '*' }] },
      good: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['cloudtrail:LookupEvents', 'guardduty:GetFindings'], Resource: '*' }] },
    },
  },
  checkPolicy(ctx) {
    checkActionSet(
      defenseEvasion.meta,
      { keys: canonicalKeys(DEFENSE_EVASION_ACTIONS), what: 'can disable or tamper with logging and detection', matches: (a) => SET.has(a.toLowerCase()), anyResource: (a) => ALWAYS.test(a.toLowerCase()) },
      ctx,
    );
  },
};
