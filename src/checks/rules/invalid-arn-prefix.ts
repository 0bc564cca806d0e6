import type { Rule } from './types.js';
import { accessAnalyzerDocsUrl } from './types.js';
import { isApiGatewayShorthand, judgeableResources } from '../grammar/helpers.js';

export const invalidArnPrefix: Rule = {
  meta: {
    id: 'INVALID_ARN_PREFIX',
    title: 'Resource is neither "*" nor an ARN',
    severity: 'error',
    category: 'validation',
    description:
      'Every Resource and NotResource value must be "*" or an ARN starting with `arn:`. A bucket name, a queue URL or a role name matches nothing, so the statement grants (or denies) nothing for it. In templates this usually means a `Ref` that returns a name or URL was used where `Fn::GetAtt ... .Arn` was needed.',
    fix: 'Write the full ARN (`arn:aws:s3:::my-bucket/*`), or in CloudFormation use `!GetAtt Resource.Arn` / `!Sub arn:${AWS::Partition}:...` instead of `!Ref`; in Terraform use the `.arn` attribute.',
    reference: accessAnalyzerDocsUrl('INVALID_ARN_PREFIX', 'error'),
    examples: {
      bad: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'my-bucket/*' }] },
      good: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::my-bucket/*' }] },
    },
  },
  checkPolicy({ policy, statements, report }) {
    for (const s of statements) {
      for (const r of judgeableResources(policy, [...(s.resource ?? []), ...(s.notResource ?? [])])) {
        const v = r.value;
        if (/^\*+$/.test(v) || v.startsWith('arn:') || isApiGatewayShorthand(policy, v)) continue;
        // a leading wildcard or variable may stand for the prefix
        if (/^[*?$]/.test(v) || /^arn[*?]/.test(v)) continue;
        report({ path: r.path, subject: v, message: `"${v}" is not an ARN: Resource values must be "*" or start with "arn:".` });
      }
    }
  },
};
