import type { PolicyContext, Rule } from './types.js';
import type { StatementView } from '../../policy/statements.js';
import { strings } from '../../policy/statements.js';
import { isVpcEndpointPolicy } from '../least-privilege/resource-kind.js';
import { clip } from '../../engine/conditions.js';
import { type ConditionJudgement, judgePrincipalConditions, settingOf } from '../../engine/grants.js';
import { policyDenies } from '../../engine/denies.js';
import { conditionNote, stmtLabel } from '../least-privilege/analysis.js';
import { cap } from '../least-privilege/action-set.js';
import { awsPrincipals, isAccountToken, isExternalAccount, principalValues } from '../least-privilege/principals.js';

export const resourcePolicyExposure: Rule = {
  meta: {
    id: 'resource-policy-exposure',
    title: 'Resource policy open to the public, other accounts or confused deputies',
    severity: 'error',
    category: 'resource-exposure',
    description:
      'A resource policy (bucket, queue, topic, key, function, repository, secret ...) that allows "Principal": "*" makes the resource public unless a condition restricts the caller (aws:SourceArn, aws:SourceAccount, aws:PrincipalOrgID, aws:SourceVpce, aws:SourceIp, ...). Principals of accounts outside the allowlist get access too, and a service principal without aws:SourceArn/aws:SourceAccount can be used by the service on behalf of any other account (confused deputy).',
    fix: 'Name the principals that need access, or keep "Principal": "*" and add a restricting condition: "StringEquals": {"aws:PrincipalOrgID": "o-abc123def4"} for your organisation, "aws:SourceVpce" for private access, or "aws:SourceArn"/"aws:SourceAccount" for a service principal.',
    policyTypes: ['resource'],
    examples: {
      bad: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 'sqs:SendMessage', Resource: 'arn:aws:sqs:us-east-1:111122223333:jobs' }] },
      good: {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { Service: 'sns.amazonaws.com' }, Action: 'sqs:SendMessage', Resource: 'arn:aws:sqs:us-east-1:111122223333:jobs', Condition: { ArnEquals: { 'aws:SourceArn': 'arn:aws:sns:us-east-1:111122223333:events' } } }],
      },
    },
  },
  checkPolicy({ statements, policy, options, report }) {
    const endpoint = isVpcEndpointPolicy(policy);
    for (const s of statements) {
      if (s.effect !== 'Allow') continue;
      const j = judgePrincipalConditions(s, settingOf(policy, options.account, awsPrincipals(s).some((p) => p.kind === 'any')), policyDenies(policy, statements), policy);
      if (j.cancelledBy || j.neverApplies) continue; // a Deny of the same policy takes the whole statement away, or it can never apply
      const narrowed = j.narrowing.length > 0;
      for (const p of awsPrincipals(s)) {
        if (p.kind === 'any') {
          if (endpoint) {
            reportEndpointDefault(s, p.at.path, j, report);
            continue;
          }
          const internet = narrowed && j.narrowing.every((c) => c.key.toLowerCase() === 'aws:sourceip');
          const vpce = j.narrowing.filter((c) => c.key.toLowerCase() === 'aws:sourcevpce').flatMap((c) => c.values.map((v) => String(v.value)));
          report({
            path: p.at.path,
            subject: '*',
            message: `${cap(stmtLabel(s))} allows any principal${narrowed ? '' : ': the resource is public'}${vpce.length ? `, callable only through VPC endpoint ${vpce.slice(0, 3).map(clip).join(', ')}${vpce.length > 3 ? ', ...' : ''}` : ''}${internet ? ': only from the listed IP addresses, but any AWS account or anonymous caller there can use it (still internet exposure)' : ''}.${conditionNote(j)}`,
            severity: internet ? 'warning' : narrowed ? 'suggestion' : undefined,
          });
        } else if (isExternalAccount(p.account, options.account, options.trustedAccounts) && !narrowed) {
          report({
            path: p.at.path,
            subject: p.account,
            message: `${cap(stmtLabel(s))} grants access to ${isAccountToken(p.account) ? `the account the template token ${p.account} stands for (the gate cannot know whether it is yours)` : `account ${p.account}, which is not in trustedAccounts`}${endpoint ? ' (through this VPC endpoint; add aws:PrincipalOrgID to keep it to your organisation)' : ''}.${conditionNote(j)}`,
            severity: 'warning',
          });
        }
      }
      if (!narrowed && !endpoint) {
        for (const svc of principalValues(s, 'Service')) {
          report({
            path: svc.path,
            subject: svc.value,
            message: `${cap(stmtLabel(s))} allows the service principal ${svc.value} without aws:SourceArn or aws:SourceAccount: any account's ${svc.value.split('.')[0]} resources could use this grant (confused deputy).${conditionNote(j)}`,
            severity: 'warning',
          });
        }
      }
    }
  },
};

/**
 * A VPC endpoint policy limits what passes through the endpoint; `Principal "*"` there makes nothing public. Only the
 * full-access default (every action on every resource, unconditioned) is worth a suggestion.
 */
function reportEndpointDefault(s: StatementView, path: string, j: ConditionJudgement, report: PolicyContext['report']): void {
  const all = (list: StatementView['action']): boolean => strings(list).some((v) => /^\*+$/.test(v.value));
  if (j.narrowing.length || s.raw.Condition !== undefined || !all(s.action) || !all(s.resource)) return;
  report({
    path,
    subject: '*',
    message: `${cap(stmtLabel(s))} is the full-access default of a VPC endpoint policy: any principal may reach any resource through the endpoint (a VPC endpoint policy makes nothing public).${conditionNote(j)}`,
    severity: 'suggestion',
  });
}
