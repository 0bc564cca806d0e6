import type { Rule } from './types.js';
import { strings } from '../../policy/statements.js';
import { accessLevelOf } from '../../catalog/index.js';
import { expandActionPattern } from '../../engine/actions.js';
import { grantOf, judgeConditions, settingOf } from '../../engine/grants.js';
import { policyDenies } from '../../engine/denies.js';
import { conditionNote, stmtLabel } from '../least-privilege/analysis.js';
import { awsPrincipals } from '../least-privilege/principals.js';
import { cap } from '../least-privilege/action-set.js';
import { resourceKind } from '../least-privilege/resource-kind.js';

/** `svc:*` (every action of a service). `*` / `*:*` are admin-wildcard's business. */
const SERVICE_WILDCARD = /^([a-z0-9-]+):\*+$/i;

export const serviceWildcard: Rule = {
  meta: {
    id: 'service-wildcard',
    title: 'Every action of a service allowed (service wildcard such as "s3:*")',
    severity: 'warning',
    category: 'least-privilege',
    description:
      'A service wildcard grants every current and future action of the service: for s3:* that includes deleting buckets, rewriting bucket policies and disabling encryption, not only reading and writing objects. New actions AWS adds later are granted silently. Least privilege means listing the actions the workload calls.',
    fix: 'Replace "service:*" with the actions the workload needs (for example "s3:GetObject", "s3:PutObject"), using IAM Access Analyzer policy generation or CloudTrail history to find them, and scope Resource to the ARNs it uses.',
    policyTypes: ['identity', 'resource'],
    examples: {
      bad: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] },
      good: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: 'arn:aws:s3:::app-uploads/*' }] },
    },
  },
  checkPolicy({ statements, policy, options, report }) {
    // a key policy's kms:* for the account root is the standard delegation to IAM (kms-key-admin-non-root judges it)
    if (policy.policyType === 'resource' && resourceKind(policy) === 'kms-key') return;
    for (const s of statements) {
      if (s.effect !== 'Allow' || !s.action) continue;
      const g = grantOf(s, policy);
      if (!g) continue; // a statement that can never apply grants nothing
      const denies = policyDenies(policy, statements);
      for (const a of strings(s.action)) {
        const m = SERVICE_WILDCARD.exec(a.value);
        if (!m) continue;
        const svc = m[1]!.toLowerCase();
        const deny = denies.empty ? undefined : denies.onPattern(s, a.value);
        if (deny?.cancelledBy) continue; // a Deny of the same policy takes the whole service away
        const covered = expandActionPattern(a.value);
        if (!covered.length) continue; // unknown service: the validation rules say so
        const writes = covered.some((x) => accessLevelOf(x) !== 'List' && accessLevelOf(x) !== 'Read');
        const j = judgeConditions(s, `${svc}:*`, undefined, settingOf(policy, options.account, policy.policyType === 'resource' && awsPrincipals(s).some((p) => p.kind === 'any')), deny?.carried);
        const everywhere = g.scope !== 'some';
        const scope = everywhere ? 'on every resource' : 'on the listed resources';
        report({
          path: a.path,
          subject: a.value.toLowerCase(),
          message: `${cap(stmtLabel(s))} allows every ${svc} action ("${a.value}") ${scope}, including actions added in the future.${conditionNote(j)}`,
          severity: j.narrowing.length || !everywhere || !writes ? 'suggestion' : undefined,
          details: j.narrowing.length ? { conditionTakenIntoAccount: j.narrowing.map((c) => `${c.operator} ${c.key}`) } : undefined,
        });
      }
    }
  },
};
