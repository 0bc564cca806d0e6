import type { Rule } from './types.js';
import { strings } from '../../policy/statements.js';
import { arnMatchesResourceType } from '../../engine/arn-patterns.js';
import { coversWildcardOnlyAction, isApiGatewayShorthand, templateToken, parseArn, placeholderAt, statementActions, statementLabel } from '../grammar/helpers.js';

export const resourceTypeMismatch: Rule = {
  meta: {
    id: 'resource-type-mismatch',
    title: "Resource matches none of the actions' resource types",
    severity: 'error',
    category: 'validation',
    description:
      'Each action applies to specific resource types: `s3:GetObject` to objects (`arn:aws:s3:::bucket/key`), `s3:ListBucket` to buckets (`arn:aws:s3:::bucket`). When a Resource value matches the resource types of none of the statement\'s actions, the statement grants (or denies) nothing for it: the workload fails with AccessDenied, or a Deny silently protects nothing. The classic case is `s3:GetObject` on a bucket ARN, which IAM, parliament and cfn-lint all accept.',
    fix: 'Use the ARN of the resource type the actions act on (for S3 objects append `/*` or the key prefix to the bucket ARN), or move the actions to a statement with the matching resources.',
    examples: {
      bad: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: 'arn:aws:s3:::my-bucket' }] },
      good: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: 'arn:aws:s3:::my-bucket/*' }] },
    },
  },
  checkPolicy({ policy, statements, report }) {
    for (const s of statements) {
      if (!s.resource || s.notResource || !s.action) continue;
      // a wildcard-only action ends the statement's check below: known from the catalogue's index, before the
      // details of every action covered are parsed
      if (coversWildcardOnlyAction(policy, s)) continue;
      const sa = statementActions(policy, s);
      // judge only when every action is known and has ARN formats for all its resource types
      if (!sa || !sa.complete || !sa.actions.length) continue;
      if (sa.actions.some((a) => a.isWildcardOnly || a.resourceTypes.some((rt) => !rt.arnFormats.length))) continue;
      const services = new Set(sa.actions.map((a) => a.service));
      // bounded work on hostile input: resources x resource types
      const rtCount = sa.actions.reduce((n, a) => n + a.resourceTypes.length, 0);
      if (rtCount * s.resource.length > 50_000) continue;
      for (const r of strings(s.resource)) {
        if (/^\*+$/.test(r.value) || isApiGatewayShorthand(policy, r.value) || templateToken(policy, r.value)) continue;
        const ph = placeholderAt(policy, r.path);
        if (ph) {
          // a stand-in is judged only when it is a specific ARN of one of the actions' services
          const arn = parseArn(r.value);
          if (!arn || arn.prefix !== 'arn' || !services.has(arn.service)) continue;
        }
        let matched = false;
        for (const a of sa.actions) {
          if (a.resourceTypes.some((rt) => arnMatchesResourceType(r.value, rt) !== false)) {
            matched = true;
            break;
          }
        }
        if (matched) continue;
        const expected = [...new Set(sa.actions.flatMap((a) => a.resourceTypes.flatMap((rt) => rt.arnFormats)))];
        const names = sa.actions.map((a) => a.key);
        const objectHint =
          /^arn:[^:]*:s3:::[^/]+$/.test(r.value) && expected.some((f) => f.includes(':s3:::${BucketName}/')) ? ` Did you mean "${r.value}/*"?` : '';
        report({
          path: r.path,
          subject: r.value,
          message: `${statementLabel(s)}: "${r.value}"${ph ? ` (from ${ph.expression})` : ''} matches none of the resource types of ${names.length > 3 ? `its ${names.length} actions (${names.slice(0, 3).join(', ')}, ...)` : names.join(', ')}, so the statement ${s.effect === 'Deny' ? 'denies' : 'grants'} nothing on it. Expected ${expected.slice(0, 3).join(' or ')}${expected.length > 3 ? ' or ...' : ''}.${objectHint}`,
          details: { expected: expected.slice(0, 10) },
        });
      }
    }
  },
};
