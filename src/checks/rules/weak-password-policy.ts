import type { Rule } from './types.js';
import { numberOf, prop, truthy } from '../least-privilege/entities.js';

interface Check {
  names: string[];
  ok(v: unknown): boolean;
  want: string;
}

/** CIS AWS Foundations 1.8/1.9 and AWS Foundational Security Best Practices IAM.7. */
const CHECKS: Check[] = [
  { names: ['minimum_password_length', 'MinimumPasswordLength'], ok: (v) => (numberOf(v) ?? 0) >= 14, want: 'at least 14 characters' },
  { names: ['require_lowercase_characters', 'RequireLowercaseCharacters'], ok: truthy, want: 'lower-case letters required' },
  { names: ['require_uppercase_characters', 'RequireUppercaseCharacters'], ok: truthy, want: 'upper-case letters required' },
  { names: ['require_numbers', 'RequireNumbers'], ok: truthy, want: 'numbers required' },
  { names: ['require_symbols', 'RequireSymbols'], ok: truthy, want: 'symbols required' },
  { names: ['password_reuse_prevention', 'PasswordReusePrevention'], ok: (v) => (numberOf(v) ?? 0) >= 24, want: 'the last 24 passwords remembered' },
  { names: ['max_password_age', 'MaxPasswordAge'], ok: (v) => { const n = numberOf(v); return n !== undefined && n > 0 && n <= 90; }, want: 'passwords expiring within 90 days' },
];

export const weakPasswordPolicy: Rule = {
  meta: {
    id: 'weak-password-policy',
    title: 'Weak account password policy',
    severity: 'warning',
    category: 'account',
    description:
      'The account password policy (aws_iam_account_password_policy) applies to every IAM user\'s console password. CIS AWS Foundations and AWS Security Hub (IAM.7) expect at least 14 characters, all character classes, reuse prevention of 24 passwords and expiry within 90 days. Settings left out fall back to AWS\'s weak defaults (8 characters, no requirements).',
    fix: 'Set minimum_password_length = 14, require_lowercase_characters, require_uppercase_characters, require_numbers and require_symbols = true, password_reuse_prevention = 24 and max_password_age = 90.',
    examples: {
      bad: { resource: { aws_iam_account_password_policy: { strict: { minimum_password_length: 8 } } } },
      good: {
        resource: {
          aws_iam_account_password_policy: {
            strict: { minimum_password_length: 14, require_lowercase_characters: true, require_uppercase_characters: true, require_numbers: true, require_symbols: true, password_reuse_prevention: 24, max_password_age: 90 },
          },
        },
      },
    },
  },
  checkEntity({ entity, report }) {
    if (entity.kind !== 'password-policy') return;
    const missing: string[] = [];
    for (const c of CHECKS) {
      const p = prop(entity, ...c.names);
      if (p && c.ok(p.value)) continue;
      if (p) report({ path: p.path, subject: c.names[0], message: `Password policy ${entity.resource}: ${c.names[0]} = ${JSON.stringify(p.value)}; expected ${c.want}.` });
      else missing.push(`${c.names[0]} (${c.want})`);
    }
    if (missing.length)
      report({ path: '', subject: 'missing', message: `Password policy ${entity.resource} leaves out ${missing.join(', ')}; AWS's weak defaults apply.` });
  },
};
