import type { Rule } from './types.js';
import { accessAnalyzerDocsUrl } from './types.js';
import { judgeableResources, parseArn } from '../grammar/helpers.js';

export const invalidArnAccount: Rule = {
  meta: {
    id: 'INVALID_ARN_ACCOUNT',
    title: 'Account field of a resource ARN is not a 12-digit account ID',
    severity: 'error',
    category: 'validation',
    description:
      'The fifth field of an ARN is the 12-digit AWS account ID (or empty for services such as S3). An account alias, a shortened number or a stray character makes the ARN match nothing.',
    fix: 'Write the 12-digit account ID (keep leading zeros), use a wildcard, or in CloudFormation `${AWS::AccountId}`.',
    reference: accessAnalyzerDocsUrl('INVALID_ARN_ACCOUNT', 'error'),
    examples: {
      bad: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sqs:SendMessage', Resource: 'arn:aws:sqs:us-east-1:12345678901:orders' }] },
      good: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sqs:SendMessage', Resource: 'arn:aws:sqs:us-east-1:012345678901:orders' }] },
    },
  },
  checkPolicy({ policy, statements, report }) {
    for (const s of statements) {
      for (const r of judgeableResources(policy, [...(s.resource ?? []), ...(s.notResource ?? [])])) {
        const arn = parseArn(r.value.replace(/\$\{[^}]*\}/g, '*'));
        if (!arn || arn.prefix !== 'arn') continue;
        const a = arn.account;
        if (a === '' || /^\d{12}$/.test(a) || a === 'aws' || /[*?]/.test(a)) continue;
        report({ path: r.path, subject: r.value, message: `The account field "${a}" of "${r.value}" is not a 12-digit account ID.` });
      }
    }
  },
};
