import type { Rule } from './types.js';
import { stmtLabel } from '../least-privilege/analysis.js';
import { judgeConditions } from '../../engine/grants.js';
import { cap } from '../least-privilege/action-set.js';
import { awsPrincipals, ownAccounts } from '../least-privilege/principals.js';

export const trustMissingExternalId: Rule = {
  meta: {
    id: 'trust-missing-external-id',
    title: 'Third-party account trusted without sts:ExternalId',
    severity: 'warning',
    category: 'trust',
    description:
      'When a third party (a SaaS vendor, a monitoring service) assumes a role in your account from its own account, it acts for many customers. Without an sts:ExternalId condition, another customer of the same vendor can ask the vendor to use your role ARN: the confused-deputy problem. Accounts in trustedAccounts (your own organisation) are not third parties.',
    fix: 'Add "Condition": {"StringEquals": {"sts:ExternalId": "<the unique id the vendor gave you>"}} to the statement, or list the account in trustedAccounts if it is yours.',
    policyTypes: ['trust'],
    examples: {
      bad: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::464622532012:root' }, Action: 'sts:AssumeRole' }] },
      good: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::464622532012:root' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'sts:ExternalId': 'c2f1a9e0-3b7d-4f5e-9a61-0d8c2b7e4f10' } } }] },
    },
  },
  checkPolicy({ statements, options, report }) {
    // the organisation's own accounts (trustedAccounts, the organisation model) are not third parties
    const own = ownAccounts(options);
    for (const s of statements) {
      if (s.effect !== 'Allow') continue;
      const third = awsPrincipals(s).filter((p) => p.kind === 'root' && p.account !== '*' && !own.accounts.has(p.account));
      if (!third.length) continue;
      const j = judgeConditions(s, undefined, (k) => /^(sts:externalid|aws:principalorgid|aws:principalorgpaths)$/i.test(k));
      if (j.narrowing.length) continue;
      const weak = j.ignored.find((i) => /^sts:externalid$/i.test(i.cond.key));
      for (const p of third) {
        report({
          path: p.at.path,
          subject: p.account,
          message: `${cap(stmtLabel(s))} trusts account ${p.account} without an sts:ExternalId condition${weak ? ` (${weak.cond.operator} sts:ExternalId does not count: ${weak.why})` : ''}.`,
        });
      }
    }
  },
};
