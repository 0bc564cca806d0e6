import type { Rule } from './types.js';
import { accessAnalyzerDocsUrl } from './types.js';
import { candidateArnFormats, judgeableResources, parseArn } from '../grammar/helpers.js';

export const arnRegionNotAllowed: Rule = {
  meta: {
    id: 'ARN_REGION_NOT_ALLOWED',
    title: 'Resource ARN has a Region where its resource type has none',
    severity: 'error',
    category: 'validation',
    description:
      'Global resources (IAM roles, users and policies, S3 buckets and objects, Route 53 zones, CloudFront distributions, ...) have an empty Region field. An ARN that carries a Region there matches no resource, so the statement silently grants or denies nothing for it.',
    fix: 'Leave the Region field empty for this resource type (`arn:aws:iam::111122223333:role/app`); to restrict Regions use the `aws:RequestedRegion` condition key.',
    reference: accessAnalyzerDocsUrl('ARN_REGION_NOT_ALLOWED', 'error'),
    examples: {
      bad: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iam:PassRole', Resource: 'arn:aws:iam:us-east-1:111122223333:role/app' }] },
      good: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iam:PassRole', Resource: 'arn:aws:iam::111122223333:role/app' }] },
    },
  },
  checkPolicy({ policy, statements, report }) {
    for (const s of statements) {
      for (const r of judgeableResources(policy, [...(s.resource ?? []), ...(s.notResource ?? [])])) {
        const arn = parseArn(r.value.replace(/\$\{[^}]*\}/g, '*'));
        if (!arn || arn.prefix !== 'arn' || arn.region === '' || /[*?]/.test(arn.region)) continue;
        const candidates = candidateArnFormats(arn);
        if (!candidates.length || candidates.some((c) => c.format.region !== '')) continue;
        const types = [...new Set(candidates.map((c) => c.type))];
        report({
          path: r.path,
          subject: r.value,
          message: `"${r.value}" has the region "${arn.region}", but ${arn.service} ${types.join('/')} ARNs have an empty region field: the ARN matches nothing.`,
        });
      }
    }
  },
};
