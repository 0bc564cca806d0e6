import type { IamEntity } from '../../policy/types.js';
import type { Rule } from './types.js';
import { listProp, prop, userNames } from '../lp/entities.js';

const LIMIT = 10;

function label(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v && typeof v === 'object' && 'Ref' in v) return String((v as { Ref: unknown }).Ref);
  return JSON.stringify(v);
}

/** Groups of a user from its own Groups list and from membership resources. */
function groupsOf(user: IamEntity, entities: IamEntity[]): Set<string> {
  const names = userNames(user);
  const groups = new Set(listProp(user, 'Groups', 'groups').map((g) => label(g.value)));
  for (const e of entities) {
    if (e.kind !== 'group-membership') continue;
    const single = prop(e, 'user', 'User');
    const users = listProp(e, 'users', 'Users').map((u) => label(u.value));
    if (single) users.push(label(single.value));
    if (!users.some((u) => names.includes(u))) continue;
    const gs = listProp(e, 'groups', 'Groups').map((g) => label(g.value));
    const g = prop(e, 'group', 'GroupName');
    if (g) gs.push(label(g.value));
    for (const x of gs) groups.add(x);
  }
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
