import type { Rule } from './types.js';
import { accessAnalyzerDocsUrl } from './types.js';
import { strings } from '../../policy/statements.js';
import { canonicalAction, catalogStamp, serviceExists, splitAction, suggestAction } from '../../catalog/index.js';
import { hasWildcard } from '../../engine/wildcard.js';
import { placeholderAt } from '../grammar/helpers.js';

const MAX_SUGGESTIONS = 25;
/** A catalogue older than this may lack actions AWS added since: an unknown action of a known service is a warning. */
export const STALE_CATALOGUE_DAYS = 90;
const DAY_MS = 86_400_000;

/** The catalogue's age in whole days at `now` (undefined when its date is unknown). */
export function catalogueAgeDays(now: number = Date.now()): number | undefined {
  const date = catalogStamp()?.date;
  const t = date ? Date.parse(date) : NaN;
  return Number.isNaN(t) ? undefined : Math.floor((now - t) / DAY_MS);
}

export const invalidAction: Rule = {
  meta: {
    id: 'INVALID_ACTION',
    title: 'Action does not exist',
    severity: 'error',
    category: 'validation',
    description:
      'The action is not defined for its service, so it matches nothing: an Allow grants nothing (the workload fails at run time) and a Deny or NotAction silently protects nothing. Common causes are typos, wrong casing of a similar name (`s3:GetObjects`), actions that were renamed, or a value without the `service:` prefix. The message always suggests the closest action. When the bundled catalogue is more than 90 days old, an unknown action of a known service is a warning that says the catalogue may be stale (AWS may have added it since).',
    fix: 'Use the exact action name from the Service Authorization Reference; the message suggests the closest existing action. If the action is brand new, check the catalogue date in the report footer.',
    reference: accessAnalyzerDocsUrl('INVALID_ACTION', 'error'),
    examples: {
      bad: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObjects', Resource: 'arn:aws:s3:::b/*' }] },
      good: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }] },
    },
  },
  checkPolicy({ policy, statements, report }) {
    // did-you-mean costs a scan of the names: bounded per policy
    let suggestions = 0;
    for (const s of statements) {
      for (const v of strings([...(s.action ?? []), ...(s.notAction ?? [])])) {
        if (placeholderAt(policy, v.path) || v.value.includes('${') || /^\*+$/.test(v.value)) continue;
        const parts = splitAction(v.value);
        if (!parts) {
          report({ path: v.path, subject: v.value, message: `"${v.value}" is not an action: actions are written service:ActionName (e.g. "s3:GetObject").` });
          continue;
        }
        if (hasWildcard(parts.service) || hasWildcard(parts.name) || !serviceExists(parts.service)) continue;
        if (canonicalAction(v.value) !== undefined) continue;
        if (parts.name === '') {
          report({ path: v.path, subject: v.value, message: `"${v.value}" has no action name after the colon.` });
          continue;
        }
        const searched = suggestions++ < MAX_SUGGESTIONS;
        const hint = searched ? suggestAction(v.value) : undefined;
        const age = catalogueAgeDays();
        const stale = age !== undefined && age > STALE_CATALOGUE_DAYS;
        const mean = hint
          ? ` Did you mean "${hint}"?`
          : searched
            ? ` Did you mean another ${parts.service} action? None is close to this name: see the ${parts.service} actions in the Service Authorization Reference.`
            : ` Did you mean another ${parts.service} action? (Suggestions stop after ${MAX_SUGGESTIONS} per policy.)`;
        report({
          path: v.path,
          subject: v.value,
          message: `The action "${v.value}" does not exist in the IAM catalogue (data of ${catalogStamp()?.date.slice(0, 10) ?? 'unknown date'}).${mean}${stale ? ` The catalogue is ${age} days old: ${parts.service} may have added this action since (update the gate to refresh it).` : ''}`,
          // an old catalogue may simply not know a new action of a known service: not blocking then
          severity: stale ? 'warning' : undefined,
          details: hint || stale ? { ...(hint ? { suggestion: hint } : {}), ...(stale ? { catalogueAgeDays: age } : {}) } : undefined,
        });
      }
    }
  },
};
