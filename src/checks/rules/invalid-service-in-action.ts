import type { Rule } from './types.js';
import { accessAnalyzerDocsUrl } from './types.js';
import { strings } from '../../policy/statements.js';
import { catalogStamp, serviceExists, splitAction, suggestService } from '../../catalog/index.js';
import { hasWildcard } from '../../engine/wildcard.js';
import { placeholderAt } from '../grammar/helpers.js';

const MAX_SUGGESTIONS = 25;

export const invalidServiceInAction: Rule = {
  meta: {
    id: 'INVALID_SERVICE_IN_ACTION',
    title: 'Unknown service prefix in an action',
    severity: 'error',
    category: 'validation',
    description:
      'The service prefix of an action (the part before the colon) is not one AWS defines, so the action matches nothing: an Allow grants nothing and, worse, a Deny or a NotAction protects nothing. This is usually a typo (`s3a:GetObject`) or a service name instead of its prefix (`dynamo:`, `cloudwatch-logs:`).',
    fix: 'Use the service prefix from the Service Authorization Reference (e.g. `dynamodb`, `logs`, `states`); the message suggests the closest existing prefix.',
    reference: accessAnalyzerDocsUrl('INVALID_SERVICE_IN_ACTION', 'error'),
    examples: {
      bad: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'dynamo:GetItem', Resource: '*' }] },
      good: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'dynamodb:GetItem', Resource: '*' }] },
    },
  },
  checkPolicy({ policy, statements, report }) {
    // did-you-mean costs a scan of the names: bounded per policy
    let suggestions = 0;
    for (const s of statements) {
      // one finding per unknown prefix and statement, on its first action
      const byPrefix = new Map<string, { first: { value: string; path: string }; name: string; count: number }>();
      for (const v of strings([...(s.action ?? []), ...(s.notAction ?? [])])) {
        if (placeholderAt(policy, v.path) || v.value.includes('${')) continue;
        const parts = splitAction(v.value);
        if (!parts || hasWildcard(parts.service) || serviceExists(parts.service)) continue;
        const e = byPrefix.get(parts.service.toLowerCase());
        if (e) e.count++;
        else byPrefix.set(parts.service.toLowerCase(), { first: v, name: parts.name, count: 1 });
      }
      for (const [prefix, { first, name, count }] of byPrefix) {
        const hint = suggestions++ < MAX_SUGGESTIONS ? suggestService(prefix) : undefined;
        const more = count > 1 ? ` (and ${count - 1} more ${prefix}: action${count > 2 ? 's' : ''} in this statement)` : '';
        report({
          path: first.path,
          subject: prefix,
          message: `The service prefix "${prefix}" in "${first.value}"${more} does not exist in the IAM catalogue (data of ${catalogStamp()?.date.slice(0, 10) ?? 'unknown date'}).${hint ? ` Did you mean "${hint}:${name}"?` : ''}`,
          details: { actions: count, ...(hint ? { suggestion: `${hint}:${name}` } : {}) },
        });
      }
    }
  },
};
