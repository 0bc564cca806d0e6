import type { Rule } from './types.js';
import { strings } from '../../policy/statements.js';
import { conditionNote, stmtLabel } from '../least-privilege/analysis.js';
import { judgeConditions, settingOf } from '../../engine/grants.js';
import { cap } from '../least-privilege/action-set.js';

export const allowNotResource: Rule = {
  meta: {
    id: 'allow-not-resource',
    title: 'Allow with NotResource grants access to every resource except the listed ones',
    severity: 'warning',
    category: 'least-privilege',
    description:
      '"Effect": "Allow" with "NotResource" applies the actions to every resource in every account and service except the ARNs listed, including resources created later. Other tools treat NotResource like Resource and miss this; the gate treats it as "every resource except".',
    fix: 'List the resources the principal needs in "Resource". To exclude a few resources from a grant, keep "Resource" explicit and add an "Effect": "Deny" statement for the excluded ARNs.',
    policyTypes: ['identity', 'resource', 'boundary'],
    examples: {
      bad: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', NotResource: 'arn:aws:s3:::payroll/*' }] },
      good: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::reports/*' }] },
    },
  },
  checkPolicy({ statements, policy, options, report }) {
    for (const s of statements) {
      if (s.effect !== 'Allow' || !s.notResource) continue;
      const j = judgeConditions(s, undefined, undefined, settingOf(policy, options.account));
      const excluded = strings(s.notResource).map((r) => r.value);
      report({
        path: `${s.path}/NotResource`,
        message: `${cap(stmtLabel(s))} uses Allow with NotResource: its actions apply to every resource except ${excluded.slice(0, 3).join(', ') || 'the listed ones'}${excluded.length > 3 ? ', ...' : ''}.${conditionNote(j)}`,
        severity: j.narrowing.length ? 'suggestion' : undefined,
      });
    }
  },
};
