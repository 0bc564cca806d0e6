import type { Rule } from './types.js';
import { accessAnalyzerDocsUrl } from './types.js';
import { judgeableResources, parseArn } from '../grammar/helpers.js';

export const invalidArnServiceCase: Rule = {
  meta: {
    id: 'INVALID_ARN_SERVICE_CASE',
    title: 'Service in a resource ARN is not lower case',
    severity: 'error',
    category: 'validation',
    description: 'The service field of an ARN is lower case (`s3`, `dynamodb`); ARN matching is case-sensitive, so `arn:aws:S3:::bucket` matches nothing.',
    fix: 'Write the service field in lower case.',
    reference: accessAnalyzerDocsUrl('INVALID_ARN_SERVICE_CASE', 'error'),
    examples: {
      bad: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:S3:::b/*' }] },
      good: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }] },
    },
  },
  checkPolicy({ policy, statements, report }) {
    for (const s of statements) {
      for (const r of judgeableResources(policy, [...(s.resource ?? []), ...(s.notResource ?? [])])) {
        const arn = parseArn(r.value);
        if (!arn || arn.prefix !== 'arn' || arn.service === arn.service.toLowerCase()) continue;
        report({ path: r.path, subject: r.value, message: `The service field "${arn.service}" of "${r.value}" must be lower case ("${arn.service.toLowerCase()}").` });
      }
    }
  },
};
