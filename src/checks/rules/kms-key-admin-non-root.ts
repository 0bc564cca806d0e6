import type { Rule } from './types.js';
import { strings } from '../../policy/statements.js';
import { conditionNote, stmtLabel } from '../least-privilege/analysis.js';
import { judgePrincipalConditions, settingOf } from '../../engine/grants.js';
import { policyDenies } from '../../engine/denies.js';
import { cap } from '../least-privilege/action-set.js';
import { awsPrincipals, principalValues } from '../least-privilege/principals.js';
import { resourceKind } from '../least-privilege/resource-kind.js';

export const kmsKeyAdminNonRoot: Rule = {
  meta: {
    id: 'kms-key-admin-non-root',
    title: 'KMS key policy grants kms:* to a principal other than the account root',
    severity: 'security-warning',
    category: 'resource-exposure',
    description:
      'In a key policy, "Resource": "*" means "this key", so it is not a wildcard finding. But "kms:*" given to a role, user, service or "*" lets that principal both use and administer the key: change its policy, disable it or schedule its deletion (making every piece of data encrypted under it unrecoverable). Only the account root (which delegates to IAM policies) should get kms:*; administrators and users should get separate, narrower statements.',
    fix: 'Keep {"Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "kms:*"} and give key administrators the kms:Create*/Describe*/Enable*/List*/Put*/Update*/Revoke*/Disable*/Get*/Delete*/TagResource/UntagResource/ScheduleKeyDeletion/CancelKeyDeletion actions and key users only kms:Encrypt, kms:Decrypt, kms:ReEncrypt*, kms:GenerateDataKey*, kms:DescribeKey.',
    policyTypes: ['resource'],
    examples: {
      bad: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:role/app' }, Action: 'kms:*', Resource: '*' }] },
      good: {
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'kms:*', Resource: '*' },
          { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:role/app' }, Action: ['kms:Decrypt', 'kms:GenerateDataKey*'], Resource: '*' },
        ],
      },
    },
  },
  checkPolicy({ policy, statements, options, report }) {
    if (resourceKind(policy) !== 'kms-key') return;
    for (const s of statements) {
      if (s.effect !== 'Allow') continue;
      const all = strings(s.action).find((a) => /^(kms:\*|\*|\*:\*)$/i.test(a.value));
      if (!all) continue;
      const others = [
        ...awsPrincipals(s).filter((p) => p.kind !== 'root').map((p) => p.at.value),
        ...principalValues(s, 'Service').map((v) => v.value),
      ];
      if (!others.length) continue;
      const j = judgePrincipalConditions(s, settingOf(policy, options.account, awsPrincipals(s).some((p) => p.kind === 'any')), policyDenies(policy, statements), policy);
      if (j.cancelledBy || j.neverApplies) continue; // a Deny of the same policy takes the whole statement away, or it can never apply
      report({
        path: all.path,
        message: `${cap(stmtLabel(s))} of the key policy grants ${all.value} to ${others.join(', ')}: they can change the key policy, disable or delete the key.${conditionNote(j)}`,
        severity: others.includes('*') && !j.narrowing.length ? 'error' : undefined,
      });
    }
  },
};
