import type { Rule } from './types.js';
import { conditionNote, stmtLabel } from '../least-privilege/analysis.js';
import { grantOf, judgeConditions, settingOf } from '../../engine/grants.js';
import { expandNotAction } from '../../engine/actions.js';
import { cap } from '../least-privilege/action-set.js';
import { strings } from '../../policy/statements.js';

export const allowNotAction: Rule = {
  meta: {
    id: 'allow-not-action',
    title: 'Allow with NotAction grants everything except the listed actions',
    severity: 'warning',
    category: 'least-privilege',
    description:
      '"Effect": "Allow" with "NotAction" allows every action of every service except the ones listed, including services and actions AWS adds later. It is almost always broader than intended: excluding iam:* still grants organizations:*, sts:AssumeRole and every data action.',
    fix: 'Use "Action" with the list of actions the principal needs. To carve out exceptions from a broad grant, keep the grant explicit and add a separate "Effect": "Deny" statement with the actions to exclude.',
    policyTypes: ['identity', 'resource', 'boundary'],
    examples: {
      bad: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }] },
      good: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['ec2:Describe*', 'ec2:StartInstances'], Resource: '*' }, { Effect: 'Deny', Action: 'iam:*', Resource: '*' }] },
    },
  },
  checkPolicy({ statements, policy, options, report }) {
    for (const s of statements) {
      if (s.effect !== 'Allow' || !s.notAction) continue;
      const g = grantOf(s, policy);
      const count = g ? expandNotAction(strings(s.notAction).map((v) => v.value)).length : 0;
      const j = judgeConditions(s, undefined, undefined, settingOf(policy, options.account));
      report({
        path: `${s.path}/NotAction`,
        message: `${cap(stmtLabel(s))} uses Allow with NotAction: it grants ${count} actions (every action except those listed)${g?.scope === 'all' ? ' on every resource' : ''}.${conditionNote(j)}`,
        severity: j.narrowing.length ? 'suggestion' : undefined,
        details: { grantedActionCount: count },
      });
    }
  },
};
