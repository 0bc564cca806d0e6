import type { Rule } from './types.js';
import { conditionNote, describeCondition, stmtLabel } from '../least-privilege/analysis.js';
import { grantOf, judgeConditions, settingOf } from '../../engine/grants.js';
import { policyDenies } from '../../engine/denies.js';
import { cap } from '../least-privilege/action-set.js';

export const passroleUnrestricted: Rule = {
  meta: {
    id: 'passrole-unrestricted',
    title: 'iam:PassRole on every role or without iam:PassedToService',
    severity: 'security-warning',
    category: 'least-privilege',
    description:
      'iam:PassRole lets a principal hand a role to a service (EC2, Lambda, CloudFormation, ECS, Glue, ...), which then acts with that role\'s permissions. On "Resource": "*" the principal can pass any role in the account, including administrator roles, and so gain their permissions. Without an iam:PassedToService condition the role can be passed to any service, including ones that run arbitrary code.',
    fix: 'Scope "Resource" to the ARNs of the roles the workload must pass (for example "arn:aws:iam::111122223333:role/app-lambda-exec") and add "Condition": {"StringEquals": {"iam:PassedToService": "lambda.amazonaws.com"}}.',
    policyTypes: ['identity'],
    examples: {
      bad: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' }] },
      good: {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: 'iam:PassRole', Resource: 'arn:aws:iam::111122223333:role/app-lambda-exec', Condition: { StringEquals: { 'iam:PassedToService': 'lambda.amazonaws.com' } } }],
      },
    },
  },
  checkPolicy({ statements, policy, options, report }) {
    for (const s of statements) {
      const g = grantOf(s, policy);
      if (!g) continue;
      const at = g.actions.get('iam:PassRole');
      if (!at) continue;
      const deny = policyDenies(policy, statements).onAction(s, 'iam:PassRole');
      if (deny.cancelledBy) continue; // a Deny of the same policy takes it away
      const j = judgeConditions(s, 'iam:PassRole', undefined, settingOf(policy, options.account), deny.carried);
      const passedTo = j.narrowing.find((c) => c.key.toLowerCase() === 'iam:passedtoservice');
      const other = j.narrowing.filter((c) => c !== passedTo);
      const everyRole = g.scope !== 'some';
      if (!everyRole && passedTo) continue;
      const problems: string[] = [];
      if (everyRole) problems.push(g.scope === 'all' ? 'on every role' : 'on every role except those in NotResource');
      if (!passedTo) problems.push('without an iam:PassedToService condition');
      const note = [
        passedTo ? `Condition taken into account: ${describeCondition(passedTo)}.` : '',
        other.length ? `Condition taken into account: ${other.map(describeCondition).join('; ')}.` : '',
        conditionNote({ narrowing: [], ignored: j.ignored.filter((i) => i.vacuous) }).trim(),
      ]
        .filter(Boolean)
        .join(' ');
      report({
        path: at.path,
        message: `${cap(stmtLabel(s))} allows iam:PassRole ${problems.join(' and ')}${s.notAction ? ' (through NotAction)' : ''}.${note ? ' ' + note : ''}`,
        severity: everyRole && !passedTo && !other.length ? 'security-warning' : 'warning',
      });
    }
  },
};
