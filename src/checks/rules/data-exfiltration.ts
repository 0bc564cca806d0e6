import type { Rule } from './types.js';
import { canonicalKeys, checkActionSet } from '../least-privilege/action-set.js';
import { EXFILTRATION_ACTIONS, lowerSet } from '../least-privilege/risk-data.js';

const SET = lowerSet(EXFILTRATION_ACTIONS);
/** Actions that return a secret's value: on every resource, every secret of the account (a security-warning). */
const SECRET_READS = /^(secretsmanager:(batch)?getsecretvalue|ssm:getparameter(s|sbypath|history)?|kms:decrypt)$/i;

function everySecret(hits: readonly string[], literalAll: boolean): { severity: 'security-warning'; why: string } | undefined {
  if (!literalAll) return undefined;
  const secrets = hits.filter((a) => SECRET_READS.test(a));
  if (!secrets.length) return undefined;
  return { severity: 'security-warning', why: `That is every secret, parameter or KMS-encrypted value of the account (${secrets.join(', ')}).` };
}

export const dataExfiltration: Rule = {
  meta: {
    id: 'data-exfiltration',
    title: 'Data or secrets readable on every resource',
    severity: 'warning',
    category: 'least-privilege',
    description:
      'Actions that return stored data or secrets (s3:GetObject, secretsmanager:GetSecretValue, ssm:GetParameter*, kms:Decrypt, dynamodb:Scan, ...) on "Resource": "*" let the principal read every object, secret and parameter in the account: one leaked credential exposes all of it. Reading every secret (secretsmanager:GetSecretValue, ssm:GetParameter*, kms:Decrypt on every resource, without a narrowing condition) is a security-warning (inside an AWS managed policy such as ReadOnlyAccess it stays a warning: AWS\'s broad read-only policies are chosen deliberately); other data reads are a warning.',
    fix: 'Scope "Resource" to the buckets, secrets, parameters and keys the workload reads (for example "arn:aws:secretsmanager:us-east-1:111122223333:secret:app/db-*"), or narrow with aws:ResourceTag/<key>.',
    policyTypes: ['identity'],
    examples: {
      bad: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['secretsmanager:GetSecretValue', 's3:GetObject'], Resource: '*' }] },
      good: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: 'arn:aws:secretsmanager:us-east-1:111122223333:secret:app/db-*' }] },
    },
  },
  checkPolicy(ctx) {
    checkActionSet(dataExfiltration.meta, { keys: canonicalKeys(EXFILTRATION_ACTIONS), what: 'can read data or secrets', matches: (a) => SET.has(a.toLowerCase()), judge: ctx.policy.awsManaged ? undefined : everySecret }, ctx);
  },
};
