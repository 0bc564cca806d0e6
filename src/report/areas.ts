/**
 * The customer's areas of responsibility under the AWS shared responsibility model, and which one each finding
 * belongs to: the summary comment tallies findings per area and gives each area a heading, so a security reviewer
 * reads "network exposure" and a platform team reads "organisation guardrails". Pure; keyed by rule id (report/ may
 * not import checks/), with the finding's source as the fallback.
 */
import type { Finding } from '../findings/types.js';

export type Area = 'identity' | 'data' | 'logging' | 'network' | 'organisation';

export const AREAS: readonly Area[] = ['identity', 'data', 'logging', 'network', 'organisation'];

export const AREA_LABEL: Record<Area, string> = {
  identity: 'Identity and access',
  data: 'Data protection',
  logging: 'Logging and detection',
  network: 'Network exposure',
  organisation: 'Organisation guardrails',
};

export const AREA_ICON: Record<Area, string> = { identity: '🔑', data: '🗄️', logging: '📜', network: '🌐', organisation: '🏛️' };

/** Rules whose subject is not (only) who may do what. Everything else is identity and access. */
const BY_RULE: Record<string, Area> = {
  // data: reading, copying, decrypting, transport
  'data-exfiltration': 'data',
  'credentials-exposure': 'data',
  'kms-key-admin-non-root': 'data',
  's3-insecure-transport': 'data',
  // logging and detection: turning off CloudTrail, GuardDuty, Config, ...
  'defense-evasion': 'logging',
  // network exposure: who outside the account or the internet can reach a resource
  'resource-exposure': 'network',
  'resource-policy-exposure': 'network',
  'trust-any-principal': 'network',
  'trust-cross-account': 'network',
  'trust-missing-external-id': 'network',
  'trust-github-oidc': 'network',
  'trust-federated-audience': 'network',
  'infrastructure-modification': 'network',
  'no-public-access': 'network',
  'no-new-access': 'identity',
  ALLOW_WITH_NOT_PRINCIPAL: 'network',
  // organisation guardrails: SCPs, RCPs, account and region locks
  ARN_ACCOUNT_NOT_ALLOWED: 'organisation',
  ARN_REGION_NOT_ALLOWED: 'organisation',
  SCP_SYNTAX_ERROR_PRINCIPAL: 'organisation',
  POLICY_SIZE_EXCEEDS_SCP_QUOTA: 'organisation',
  POLICY_SIZE_EXCEEDS_RCP_QUOTA: 'organisation',
};

export function areaOf(f: Pick<Finding, 'ruleId' | 'source'>): Area {
  const a = BY_RULE[f.ruleId] ?? BY_RULE[f.ruleId.toLowerCase()];
  if (a) return a;
  if (f.source === 'scp' || /^(scp|rcp)-/i.test(f.ruleId)) return 'organisation';
  if (/EXTERNAL|PUBLIC|CROSS_ACCOUNT/i.test(f.ruleId)) return 'network';
  return 'identity';
}
