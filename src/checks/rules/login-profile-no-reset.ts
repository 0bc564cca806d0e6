import type { Rule } from './types.js';
import { ownerUser, prop, truthy } from '../least-privilege/entities.js';
import { isObject } from '../../policy/statements.js';

export const loginProfileNoReset: Rule = {
  meta: {
    id: 'login-profile-no-reset',
    title: 'Console password set in code without a required reset',
    severity: 'warning',
    category: 'account',
    description:
      'A console password created by CloudFormation or Terraform is known to whoever wrote or can read the template, stack parameters or state. Unless the user must change it at first sign-in, that shared password stays valid.',
    fix: 'Set "PasswordResetRequired": true in the user\'s LoginProfile (CloudFormation) or password_reset_required = true on aws_iam_user_login_profile (Terraform), or leave console access to IAM Identity Center.',
    examples: {
      bad: { Resources: { Alice: { Type: 'AWS::IAM::User', Properties: { LoginProfile: { Password: '{{resolve:secretsmanager:alice-initial}}' } } } } },
      good: { Resources: { Alice: { Type: 'AWS::IAM::User', Properties: { LoginProfile: { Password: '{{resolve:secretsmanager:alice-initial}}', PasswordResetRequired: true } } } } },
    },
  },
  checkEntity({ entity, entities, report }) {
    if (entity.kind === 'user') {
      const lp = prop(entity, 'LoginProfile');
      if (!lp || !isObject(lp.value)) return;
      // extractors that emit the LoginProfile as its own entity are judged there
      if (entities.some((e) => e.kind === 'login-profile' && e.file === entity.file && ownerUser(e) === entity.resource)) return;
      if (truthy(lp.value.PasswordResetRequired)) return;
      const has = 'PasswordResetRequired' in lp.value;
      report({
        path: has ? `${lp.path}/PasswordResetRequired` : lp.path,
        message: `IAM user ${entity.resource} gets a console password ${has ? 'with PasswordResetRequired false' : 'without PasswordResetRequired'}: the password written in code stays valid.`,
      });
    } else if (entity.kind === 'login-profile') {
      const r = prop(entity, 'password_reset_required', 'PasswordResetRequired');
      if (r && truthy(r.value)) return;
      const user = ownerUser(entity);
      report({
        path: r ? r.path : '',
        message: `${entity.resource} gives ${user ? `IAM user ${user}` : 'an IAM user'} a console password ${r ? 'with password_reset_required = false' : 'without password_reset_required = true'}.`,
      });
    }
  },
};
