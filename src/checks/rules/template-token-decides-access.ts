import type { Rule } from './types.js';
import { templateToken } from '../../policy/template-token.js';
import { strings, statementLabel } from '../../policy/statements.js';

/**
 * A template token (`${ACTION}`, `${ACCEL_LOOKUP::…}`, a configured placeholder) in the Action or NotAction of an
 * Allow, or standing for a whole principal: another tool fills it in before deployment, so what the statement grants
 * is decided outside the repository. The engine cannot give such a value a worst case it would believe (a token
 * matches no action and names no principal), so the statement is reported as undecidable and blocks: the gate must
 * not pass what it could not judge. A token inside an ARN (`arn:aws:iam::${ACCOUNT_ID}:root`) names one account and
 * is judged as such; tokens in Resource are analysed as any resource by the other rules.
 */
export const templateTokenDecidesAccess: Rule = {
  meta: {
    id: 'template-token-decides-access',
    title: 'A value filled in at deployment decides what an Allow statement grants',
    severity: 'security-warning',
    category: 'least-privilege',
    description:
      'A template token (for example `${ACTION}` or `${ACCEL_LOOKUP::…}`, or a pattern of the `placeholders:` list) in the Action or NotAction of an Allow statement, or standing for a whole principal, is replaced by another tool before deployment. What the statement grants, or to whom, is then decided outside the repository, and could be every action or anyone. The gate cannot judge it, so it blocks rather than pass it.',
    fix: 'Write the actions and principals in the file, and keep tokens to the parts that name one thing (an account id inside an ARN, a resource name). If the token must stay, suppress the finding in the base branch configuration with a reason saying what fills it in.',
    policyTypes: ['identity', 'resource', 'trust'],
    examples: {
      bad: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '${ALLOWED_ACTIONS}', Resource: '*' }] },
      good: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:GetObject'], Resource: 'arn:aws:s3:::${BUCKET_NAME}/*' }] },
    },
  },
  checkPolicy({ policy, statements, report }) {
    for (const s of statements) {
      if (s.effect !== 'Allow') continue;
      for (const [key, list] of [['Action', s.action], ['NotAction', s.notAction]] as const) {
        for (const v of strings(list)) {
          const token = templateToken(policy, v.value);
          if (!token) continue;
          report({
            path: v.path,
            subject: `${key}:${v.value}`,
            message: `${statementLabel(s)}: the ${key} "${v.value}" holds the template token ${token}, filled in before deployment: what this statement allows is decided outside the repository (it could be every action), so it is not judged as safe.`,
          });
        }
      }
      for (const e of s.principal?.entries ?? []) {
        for (const v of strings(e.values)) {
          const token = templateToken(policy, v.value);
          // a service principal token names an AWS service, never a caller; a token named as an account is judged
          // as an account the gate cannot know (a warning of the principal rules)
          if (!token || v.value.trim() !== token || e.type === 'Service' || /account/i.test(token)) continue;
          report({
            path: v.path,
            subject: `Principal:${e.type}:${v.value}`,
            message: `${statementLabel(s)}: the ${e.type === '*' ? '' : `${e.type} `}principal "${v.value}" is a template token filled in before deployment: who is granted access is decided outside the repository (it could be anyone), so it is not judged as safe.`,
          });
        }
      }
    }
  },
};
