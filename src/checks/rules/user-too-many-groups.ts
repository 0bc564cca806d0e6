import type { IamEntity } from '../../policy/types.js';
import type { Rule } from './types.js';
import { listProp, prop, userNames } from '../least-privilege/entities.js';

const LIMIT = 10;

function label(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v && typeof v === 'object' && 'Ref' in v) return String((v as { Ref: unknown }).Ref);
  return JSON.stringify(v);
}

/** Groups of a user from membership resources (CloudFormation's Groups / UserToGroupAddition, Terraform's
 * memberships), falling back to the user's own Groups list when no membership resource names the user. */
function groupsOf(user: IamEntity, entities: IamEntity[]): Set<string> {
  const names = userNames(user);
  const groups = new Set<string>();
  let viaMembership = false;
  for (const e of entities) {
    if (e.kind !== 'group-membership' || e.file !== user.file) continue;
    const users = [...listProp(e, 'UserIds'), ...listProp(e, 'users', 'Users'), ...listProp(e, 'user', 'User')].map((u) => label(u.value));
    if (!users.some((u) => names.includes(u))) continue;
    viaMembership = true;
    const ids = listProp(e, 'GroupIds');
    const gs = ids.length ? ids : [...listProp(e, 'groups', 'Groups'), ...listProp(e, 'group', 'GroupName')];
    for (const g of gs) groups.add(label(g.value));
  }
  if (!viaMembership) for (const g of listProp(user, 'Groups', 'groups')) groups.add(label(g.value));
  return groups;
}

export const userTooManyGroups: Rule = {
  meta: {
    id: 'user-too-many-groups',
    title: 'IAM user in more than 10 groups',
    severity: 'warning',
    category: 'account',
    description:
      'IAM allows a user to be a member of at most 10 groups; a deployment that adds more fails. A user that needs that many groups also suggests the groups are per-permission rather than per-job-function, which makes access hard to review.',
    fix: 'Merge groups into job-function groups (each with the managed policies the function needs) so that every user belongs to a few groups, or move people to IAM Identity Center permission sets.',
    examples: {
      bad: { Resources: { Alice: { Type: 'AWS::IAM::User', Properties: { Groups: ['g1', 'g2', 'g3', 'g4', 'g5', 'g6', 'g7', 'g8', 'g9', 'g10', 'g11'] } } } },
      good: { Resources: { Alice: { Type: 'AWS::IAM::User', Properties: { Groups: ['developers', 'on-call'] } } } },
    },
  },
  checkEntity({ entity, entities, report }) {
    if (entity.kind !== 'user') return;
    const groups = groupsOf(entity, entities);
    if (groups.size <= LIMIT) return;
    const own = prop(entity, 'Groups', 'groups');
    report({
      path: own?.path ?? '',
      message: `IAM user ${entity.resource} is in ${groups.size} groups (${[...groups].slice(0, 12).join(', ')}${groups.size > 12 ? ', ...' : ''}); IAM allows at most ${LIMIT}.`,
    });
  },
};
