import type { Rule } from './types.js';
import { accessAnalyzerDocsUrl } from './types.js';
import { candidateArnFormats, judgeableResources, parseArn } from '../grammar/helpers.js';

export const arnAccountNotAllowed: Rule = {
  meta: {
    id: 'ARN_ACCOUNT_NOT_ALLOWED',
    title: 'Resource ARN has an account ID where its resource type has none',
    severity: 'error',
    category: 'validation',
    description:
      'S3 bucket and object ARNs, and a few other resource types, have an empty account field (`arn:aws:s3:::bucket/key`). An ARN that carries an account ID there matches no resource, so the statement silently grants or denies nothing for it.',
    fix: 'Leave the account field empty for this resource type (`arn:aws:s3:::my-bucket/*`); to restrict the owning account use the `aws:ResourceAccount` or `s3:ResourceAccount` condition key.',
    reference: accessAnalyzerDocsUrl('ARN_ACCOUNT_NOT_ALLOWED', 'error'),
    examples: {
      bad: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3::111122223333:my-bucket/*' }] },
      good: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::my-bucket/*' }] },
    },
  },
  checkPolicy({ policy, statements, report }) {
    for (const s of statements) {
      for (const r of judgeableResources(policy, [...(s.resource ?? []), ...(s.notResource ?? [])])) {
        const arn = parseArn(r.value.replace(/\$\{[^}]*\}/g, '*'));
        if (!arn || arn.prefix !== 'arn' || arn.account === '' || /[*?]/.test(arn.account)) continue;
        const candidates = candidateArnFormats(arn);
        if (!candidates.length || candidates.some((c) => c.format.account !== '')) continue;
        const types = [...new Set(candidates.map((c) => c.type))];
        report({
          path: r.path,
          subject: r.value,
          message: `"${r.value}" has the account "${arn.account}", but ${arn.service} ${types.join('/')} ARNs have an empty account field: the ARN matches nothing.`,
        });
      }
    }
  },
};
