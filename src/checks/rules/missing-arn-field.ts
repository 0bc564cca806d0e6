import type { Rule } from './types.js';
import { accessAnalyzerDocsUrl } from './types.js';
import { judgeableResources, parseArn } from '../grammar/helpers.js';

export const missingArnField: Rule = {
  meta: {
    id: 'MISSING_ARN_FIELD',
    title: 'Resource ARN has too few fields',
    severity: 'error',
    category: 'validation',
    description:
      'An ARN has six colon-separated fields, `arn:partition:service:region:account-id:resource`, and the region and account may be empty but not missing (`arn:aws:s3:::bucket`). An ARN with fewer fields matches nothing.',
    fix: 'Add the missing fields, keeping empty ones as `::` (e.g. `arn:aws:s3:::my-bucket`, `arn:aws:iam::111122223333:role/app`).',
    reference: accessAnalyzerDocsUrl('MISSING_ARN_FIELD', 'error'),
    examples: {
      bad: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:my-bucket/*' }] },
      good: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::my-bucket/*' }] },
    },
  },
  checkPolicy({ policy, statements, report }) {
    for (const s of statements) {
      for (const r of judgeableResources(policy, [...(s.resource ?? []), ...(s.notResource ?? [])])) {
        const v = r.value.replace(/\$\{[^}]*\}/g, 'x');
        if (!v.startsWith('arn:') || v.includes('*') || parseArn(v)) continue;
        const fields = v.split(':').length;
        report({
          path: r.path,
          subject: r.value,
          message: `"${r.value}" has ${fields} of the 6 ARN fields: resource ARNs must include at least 6 fields in the structure arn:partition:service:region:account:resource.`,
        });
      }
    }
  },
};
