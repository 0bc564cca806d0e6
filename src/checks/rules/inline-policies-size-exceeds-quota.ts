import type { Rule } from './types.js';
import { approxNote, isInline, quotaSize, quotaVerdict, sizeWithoutWhitespace, grouped } from '../grammar/size.js';
import { templateToken } from '../grammar/helpers.js';

/** Aggregate inline policy size per principal kind (IAM quotas, whitespace not counted). */
export const INLINE_QUOTAS: Record<string, number> = { user: 2048, group: 5120, role: 10240 };

export const inlinePoliciesSizeExceedsQuota: Rule = {
  meta: {
    id: 'inline-policies-size-exceeds-quota',
    title: "Inline policies exceed the principal's aggregate size quota",
    severity: 'error',
    category: 'validation',
    description:
      'All inline policies of one principal together may hold at most 2,048 characters for a user, 5,120 for a group and 10,240 for a role (whitespace not counted). Beyond that IAM rejects the last policy put, which fails the deployment.',
    fix: 'Move statements into customer managed policies (6,144 characters each, up to 10 attached by default) and attach them to the principal.',
    reference: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html',
    policyTypes: ['identity'],
    examples: {
      bad: { Version: '2012-10-17', Statement: '/* a user with inline policies totalling 3,000 characters */' },
      good: { Version: '2012-10-17', Statement: '/* the same statements in a managed policy attached to the user */' },
    },
  },
  checkPrincipal({ principal, granting, report }) {
    const quota = INLINE_QUOTAS[principal.kind];
    if (!quota) return;
    const inline = granting.filter((g) => g.via === 'inline' && g.group === undefined && isInline(g.policy)).map((g) => g.policy);
    if (!inline.length) return;
    const sizes = inline.map((p) => {
      const q = quotaSize(p, p.document, sizeWithoutWhitespace, (v) => templateToken(p, v));
      return { p, size: q.size, q };
    });
    const total = sizes.reduce((n, x) => n + x.size, 0);
    const names = [...new Set(sizes.flatMap((x) => x.q.names))];
    const largest = sizes.reduce((a, b) => (b.size > a.size ? b : a));
    const over = quotaVerdict({ size: total, least: sizes.reduce((n, x) => n + x.q.least, 0), shortest: sizes.reduce((n, x) => n + x.q.shortest, 0), names, places: sizes.reduce((n, x) => n + x.q.places, 0) }, quota, () => `${grouped(quota)}-character maximum for a ${principal.kind}'s inline policies`, inline);
    if (!over) return;
    report({
      policy: largest.p,
      path: '',
      subject: `${principal.kind}:${principal.id}`,
      severity: over.severity,
      message: `The ${inline.length} inline ${inline.length === 1 ? 'policy' : 'policies'} of ${principal.kind} ${principal.id} total ${grouped(total)} characters without whitespace${names.length ? '' : approxNote(largest.p)}${over.tail.slice(0, -1)} (this one has ${grouped(largest.size)}).`,
      details: { total, quota, policies: sizes.map((x) => ({ id: x.p.id, size: x.size })) },
    });
  },
};
