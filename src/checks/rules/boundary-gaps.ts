import type { Rule } from './types.js';
import { describeCondition, stmtLabel } from '../least-privilege/analysis.js';
import { grantIndex } from '../../engine/grants.js';

/**
 * A permissions boundary is a ceiling: `Allow *` is normal there. What matters is what it fails to keep out: a
 * principal under it that may remove or replace its own boundary, or create users/roles without one, is no longer
 * bounded. Each gap is reported when the boundary allows the action on every resource with no condition (an
 * iam:PermissionsBoundary condition on CreateUser/CreateRole or a resource scope closes it).
 */
const GAPS: { action: string; why: string }[] = [
  { action: 'iam:DeleteRolePermissionsBoundary', why: 'a role under it can remove its own boundary' },
  { action: 'iam:PutRolePermissionsBoundary', why: 'a role under it can replace its boundary with a wider one' },
  { action: 'iam:DeleteUserPermissionsBoundary', why: 'a user under it can remove its own boundary' },
  { action: 'iam:PutUserPermissionsBoundary', why: 'a user under it can replace its boundary with a wider one' },
  { action: 'iam:CreateUser', why: 'it allows creating IAM users with no boundary (add an iam:PermissionsBoundary condition)' },
  { action: 'iam:CreateRole', why: 'it allows creating roles with no boundary (add an iam:PermissionsBoundary condition)' },
  { action: 'iam:CreatePolicyVersion', why: 'it allows rewriting managed policies, the boundary itself included' },
];

export const boundaryGaps: Rule = {
  meta: {
    id: 'boundary-gaps',
    title: 'Permissions boundary does not keep its principals bounded',
    severity: 'warning',
    category: 'least-privilege',
    description:
      'A permissions boundary caps what the roles and users under it can do, so `Allow *` is normal in it. What matters is what it fails to deny: if it allows removing or replacing permissions boundaries, creating users or roles without a boundary (no iam:PermissionsBoundary condition), or rewriting managed policies on every resource, a principal under it can step outside the ceiling. The boundary grants nothing itself, so this is a warning.',
    fix: 'Add a Deny statement for iam:DeleteRolePermissionsBoundary, iam:PutRolePermissionsBoundary (and the User variants) and iam:CreatePolicyVersion on the boundary policy, and allow iam:CreateRole/iam:CreateUser only with "Condition": {"StringEquals": {"iam:PermissionsBoundary": "<this boundary ARN>"}}.',
    policyTypes: ['boundary'],
    examples: {
      bad: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] },
      good: {
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Action: '*', Resource: '*' },
          { Effect: 'Deny', Action: ['iam:DeleteRolePermissionsBoundary', 'iam:PutRolePermissionsBoundary', 'iam:DeleteUserPermissionsBoundary', 'iam:PutUserPermissionsBoundary', 'iam:CreatePolicyVersion', 'iam:CreateUser'], Resource: '*' },
          { Effect: 'Deny', Action: 'iam:CreateRole', Resource: '*', Condition: { StringNotEquals: { 'iam:PermissionsBoundary': 'arn:aws:iam::111122223333:policy/team-boundary' } } },
        ],
      },
    },
  },
  checkPolicy({ policy, options, report }) {
    // a Deny of the boundary itself takes a gap away, or carries its condition (StringNotEquals iam:PermissionsBoundary)
    const idx = grantIndex([policy], { keys: GAPS.map((g) => g.action) }, options.account);
    const open: { action: string; why: string; path: string; stmt: string }[] = [];
    let narrowedBy: string | undefined;
    for (const gap of GAPS) {
      const g = (idx.byAction.get(gap.action) ?? []).find((x) => x.scope !== 'some');
      if (!g) continue;
      if (g.narrowing.length) {
        narrowedBy ??= g.narrowing.map(describeCondition).join('; ');
        continue;
      }
      open.push({ ...gap, path: g.at.path, stmt: stmtLabel(g.stmt) });
    }
    if (!open.length) return;
    report({
      path: open[0]!.path,
      subject: 'boundary-gaps',
      message: `This permissions boundary allows ${open.map((o) => o.action).join(', ')} on every resource (${open[0]!.stmt}): ${open.map((o) => o.why).join('; ')}.${narrowedBy ? ` Condition taken into account (closes the rest): ${narrowedBy}.` : ''}`,
      details: { actions: open.map((o) => o.action) },
    });
  },
};
