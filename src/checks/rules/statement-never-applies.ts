import type { Rule } from './types.js';
import { stmtLabel } from '../least-privilege/analysis.js';
import { deadReason } from '../../engine/grants.js';
import { cap } from '../least-privilege/action-set.js';

export const statementNeverApplies: Rule = {
  meta: {
    id: 'statement-never-applies',
    title: 'Allow statement whose condition can never be true',
    severity: 'suggestion',
    category: 'least-privilege',
    description:
      'A condition that can never be true again (a `DateLessThan` on aws:CurrentTime or aws:TokenIssueTime with a date in the past) makes its Allow statement grant nothing. The gate does not count what such a statement lists as a grant; the statement is dead weight that hides what the policy really allows and may be revived by editing one date.',
    fix: 'Delete the statement, or, if the access is still needed, replace the expired date condition with the scope it should have.',
    examples: {
      bad: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*', Condition: { DateLessThan: { 'aws:CurrentTime': '2020-01-01T00:00:00Z' } } }] },
      good: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::reports/*' }] },
    },
  },
  checkPolicy({ statements, policy, options, report }) {
    for (const s of statements) {
      if (s.effect !== 'Allow') continue;
      const why = deadReason(s, policy, options.now.getTime());
      if (!why) continue;
      report({ path: `${s.path}/Condition`, message: `${cap(stmtLabel(s))} can never apply, so it grants nothing: ${why}.` });
    }
  },
};
