/** Template tokens in policy values: stand-ins the repository does not decide. Pure. */
import type { PolicyRecord } from './types.js';

/**
 * Template tokens another tool fills in before deployment: `<<ACCOUNT>>`, `<my-org-id>`, `{{resolve:ssm:x}}`,
 * `${ACCELERATOR_PREFIX}`, `${ACCEL_LOOKUP::...}` anywhere; in raw policy files also bare upper-case names with an
 * underscore (`ACCOUNT_ID`, `ORG_ID`). Policy variables (`${aws:username}`) are not tokens.
 */
const TEMPLATE_TOKEN = /<<[^<>\s]{1,100}>>|<[A-Za-z][\w.:-]{0,100}>|\{\{[^{}]{1,200}\}\}|\$\{[A-Z][A-Z0-9_]{0,100}(?:::[^}]{0,200})?\}/;
const BARE_TOKEN = /(^|[^A-Za-z0-9])[A-Z][A-Z0-9]{1,40}(_[A-Z0-9]{1,40})+($|[^A-Za-z0-9])/;

/**
 * The template token a value holds, if any. Such a value is a stand-in, as a placeholder is: grammar, ARN, type and
 * principal-format rules say nothing about it (what it grants is still judged as the specific value it stands for).
 */
export function templateToken(policy: PolicyRecord, value: string): string | undefined {
  if (value.length > 2048) return undefined;
  const m = TEMPLATE_TOKEN.exec(value) ?? (policy.format === 'raw' ? BARE_TOKEN.exec(value) : null);
  return m ? m[0].replace(/^[^A-Za-z0-9<{$]|[^A-Za-z0-9>}]$/g, '') : undefined;
}
