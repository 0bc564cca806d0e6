import type { Rule } from './types.js';
import { accessAnalyzerDocsUrl } from './types.js';
import { parseOperator, placeholderAt, policyVariables, statementLabel, templateToken } from '../grammar/helpers.js';
import { isIpRange } from '../grammar/values.js';

export const typeMismatchIpRange: Rule = {
  meta: {
    id: 'TYPE_MISMATCH_IP_RANGE',
    title: 'IP condition value is not an IP address or CIDR range',
    severity: 'warning',
    category: 'validation',
    description:
      'IpAddress and NotIpAddress compare with IPv4/IPv6 addresses or CIDR ranges (`203.0.113.0/24`). Wildcards, host names or malformed ranges never match: an IP allow-list silently allows nothing, or an IP deny silently denies everything.',
    fix: 'Write an IPv4/IPv6 address or CIDR range such as `203.0.113.0/24` or `2001:db8::/32`.',
    reference: accessAnalyzerDocsUrl('TYPE_MISMATCH_IP_RANGE', 'warning'),
    examples: {
      bad: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*', Condition: { IpAddress: { 'aws:SourceIp': '203.0.113.*' } } }] },
      good: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*', Condition: { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } } }] },
    },
  },
  checkPolicy({ policy, statements, report }) {
    for (const s of statements) {
      for (const c of s.condition ?? []) {
        const op = parseOperator(c.operator);
        if (!op || op.family !== 'IpAddress') continue;
        for (const v of c.values) {
          if (placeholderAt(policy, v.path) || (typeof v.value === 'string' && templateToken(policy, v.value))) continue;
          if (typeof v.value === 'string' && policyVariables(v.value).length) continue;
          if (isIpRange(v.value)) continue;
          report({
            path: v.path,
            subject: `${c.operator} ${c.key}`,
            message: `${statementLabel(s)}: the value ${JSON.stringify(v.value)} of "${c.operator}" on "${c.key}" is not an IP address or CIDR range.`,
          });
        }
      }
    }
  },
};
