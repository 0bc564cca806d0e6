import type { Rule } from './types.js';
import { statementLabel, templateToken } from '../grammar/helpers.js';
import type { PolicyRecord } from '../../policy/types.js';

/**
 * `arn:aws:iam::ACCOUNT_ID:root`, `arn:aws:iam::<<ACCOUNT>>:role/x`: a template token standing for one account in an
 * otherwise well-formed principal ARN (judged elsewhere as an account outside trustedAccounts). A token in any other
 * place of a principal, or a whole-value token that does not name an account, could stand for anyone, so it is still
 * reported.
 */
function accountToken(policy: PolicyRecord, value: string): boolean {
  // the whole value one token that names an account (`ACCOUNT_ID`, `<<ACCOUNT>>`, `${ACCEL_LOOKUP::ACCOUNT_ID:Audit}`)
  if (templateToken(policy, value) === value && /account/i.test(value)) return true;
  const m = /^arn:aws[\w-]*:(iam|sts)::([^:]+):(root|user\/[\w+=,.@/-]+|role\/[\w+=,.@/-]+|assumed-role\/[\w+=,.@/-]+)$/.exec(value);
  return !!m && templateToken(policy, m[2]!) === m[2];
}
import { isAwsPrincipal, principalValues } from '../grammar/principals.js';

export const invalidAwsPrincipal: Rule = {
  meta: {
    id: 'invalid-aws-principal',
    title: 'Malformed AWS principal',
    severity: 'error',
    category: 'validation',
    description:
      'An `AWS` principal is `"*"`, a 12-digit account ID, or the ARN of an account root, user, role, assumed-role session or federated user (`arn:aws:iam::111122223333:role/app`). A role name, an account alias or an ARN with a malformed account field is rejected by IAM, or names nobody.',
    fix: 'Write the full principal ARN with the 12-digit account ID, e.g. `arn:aws:iam::111122223333:role/deployer`, or the account ID for the whole account.',
    policyTypes: ['resource', 'trust'],
    examples: {
      bad: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: 'deployer' }, Action: 'sts:AssumeRole' }] },
      good: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:role/deployer' }, Action: 'sts:AssumeRole' }] },
    },
  },
  checkPolicy({ policy, statements, report }) {
    for (const v of principalValues(policy, statements, 'AWS')) {
      // wildcards and unique IDs have their own findings
      if (isAwsPrincipal(v.value) || /[*?]/.test(v.value) || /^A(IDA|ROA)[A-Z0-9]{8,}$/.test(v.value) || v.value.includes('${') || accountToken(policy, v.value)) continue;
      report({
        path: v.path,
        subject: v.value,
        message: `${statementLabel(v.statement)}: "${v.value}" is not a valid AWS principal (a 12-digit account ID or an arn:aws:iam::ACCOUNT:root|user/...|role/... ARN).`,
      });
    }
  },
};
