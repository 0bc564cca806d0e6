/** Principal-element helpers for the principal validation rules (pure). */
import type { PolicyRecord } from '../../policy/types.js';
import type { StatementView, ValueAt } from '../../policy/statements.js';
import { placeholderAt } from './helpers.js';

export const PRINCIPAL_KEYS = ['AWS', 'Service', 'Federated', 'CanonicalUser'];

export interface PrincipalValue extends ValueAt<string> {
  type: string;
  statement: StatementView;
}

/** String principal values of Principal and NotPrincipal, with their type, stand-ins left out. */
export function principalValues(policy: PolicyRecord, statements: StatementView[], type?: string): PrincipalValue[] {
  const out: PrincipalValue[] = [];
  for (const s of statements) {
    for (const p of [s.principal, s.notPrincipal]) {
      if (!p || p.wildcard) continue;
      for (const e of p.entries) {
        if (type && e.type !== type) continue;
        for (const v of e.values) {
          if (typeof v.value !== 'string' || placeholderAt(policy, v.path)) continue;
          out.push({ value: v.value, path: v.path, type: e.type, statement: s });
        }
      }
    }
  }
  return out;
}

const PARTITIONS = '(?:aws|aws-cn|aws-us-gov|aws-iso|aws-iso-b|aws-iso-e|aws-iso-f|aws-eusc)';
const AWS_PRINCIPAL = new RegExp(
  `^(?:\\d{12}|arn:${PARTITIONS}:iam::\\d{12}:(?:root|user/.+|role/.+|group/.+|federated-user/.+)|arn:${PARTITIONS}:sts::\\d{12}:(?:assumed-role/.+|federated-user/.+))$`,
);

/** Is this a valid value of `"AWS"` in a Principal (account, account root, user, role, session)? */
export function isAwsPrincipal(v: string): boolean {
  return v === '*' || AWS_PRINCIPAL.test(v);
}

const SERVICE_PRINCIPAL = /^[a-z0-9][a-z0-9.-]*\.(?:amazonaws\.com(?:\.cn)?|amazon\.com|api\.aws|c2s\.ic\.gov|sc2s\.sgov\.gov|cloud\.adc-e\.uk|csp\.hci\.ic\.gov)$/;

export function isServicePrincipal(v: string): boolean {
  return v === '*' || SERVICE_PRINCIPAL.test(v);
}
