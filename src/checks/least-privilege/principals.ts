/** Principal helpers for trust and resource policies. */
import type { StatementView, ValueAt } from '../../policy/statements.js';
import type { Options } from '../../config/options.js';
import type { OrganizationModel } from '../../config/schema.js';

export interface AwsPrincipal {
  at: ValueAt<string>;
  /** 12-digit account, or `*`. */
  account: string;
  kind: 'any' | 'root' | 'user' | 'role' | 'assumed-role' | 'federated-user' | 'other';
}

/** The AWS principals of a statement (`Principal: "*"` gives one `any`). */
export function awsPrincipals(s: StatementView): AwsPrincipal[] {
  const p = s.principal;
  if (!p) return [];
  if (p.wildcard) return [{ at: { value: '*', path: p.path }, account: '*', kind: 'any' }];
  const out: AwsPrincipal[] = [];
  for (const e of p.entries) {
    if (e.type !== 'AWS') continue;
    for (const v of e.values) {
      if (typeof v.value !== 'string') continue;
      const at = v as ValueAt<string>;
      const val = at.value;
      if (val === '*') out.push({ at, account: '*', kind: 'any' });
      else if (/^\d{12}$/.test(val)) out.push({ at, account: val, kind: 'root' });
      // a template token naming an account (`ACCOUNT_ID`, `<<ACCOUNT>>`, `${ACCEL_LOOKUP::ACCOUNT_ID:Audit}`): one account
      else if (/account/i.test(val) && /^(<<[^<>]*>>|\$\{[A-Z][^}]*\}|\{\{[^{}]*\}\}|[A-Z][A-Z0-9_]*)$/.test(val)) out.push({ at, account: val, kind: 'root' });
      else {
        const m = /^arn:[^:]*:(?:iam|sts)::(\d{12}|\*|[^:]*):(.*)$/.exec(val);
        if (!m) continue;
        const rest = m[2]!;
        const kind: AwsPrincipal['kind'] =
          rest === 'root' ? 'root'
          : rest.startsWith('user/') ? 'user'
          : rest.startsWith('role/') ? 'role'
          : rest.startsWith('assumed-role/') ? 'assumed-role'
          : rest.startsWith('federated-user/') ? 'federated-user'
          : 'other';
        out.push({ at, account: m[1] === '*' ? '*' : m[1]!, kind: m[1] === '*' ? 'any' : kind });
      }
    }
  }
  return out;
}

export function principalValues(s: StatementView, type: string): ValueAt<string>[] {
  const e = s.principal?.entries.find((x) => x.type === type);
  return (e?.values ?? []).filter((v): v is ValueAt<string> => typeof v.value === 'string');
}

/** Does the statement allow an sts:AssumeRole* action (trust policies: any Action that is an assume)? */
export function isAllow(s: StatementView): boolean {
  return s.effect === 'Allow';
}

export function isExternalAccount(account: string, own: string, trusted: readonly string[]): boolean {
  return account !== '*' && account !== own && !trusted.includes(account);
}

/** The accounts the user has said are theirs: the deployment account, trustedAccounts and the organisation model's. */
export interface OwnAccounts {
  accounts: ReadonlySet<string>;
  /** True when the config names the user's accounts (trustedAccounts, trustedOrgIds or an organisation model). */
  told: boolean;
}

function ouAccounts(ous: unknown, into: Set<string>, depth = 0): void {
  if (!ous || typeof ous !== 'object' || depth > 20) return;
  for (const ou of Object.values(ous as Record<string, { accounts?: unknown; ous?: unknown }>)) {
    if (Array.isArray(ou?.accounts)) for (const a of ou.accounts) if (typeof a === 'string') into.add(a);
    ouAccounts(ou?.ous, into, depth + 1);
  }
}

export function ownAccounts(options: Pick<Options, 'account' | 'trustedAccounts' | 'trustedOrgIds' | 'organization'>): OwnAccounts {
  const accounts = new Set<string>([options.account]);
  for (const a of options.trustedAccounts) accounts.add(a);
  const org = options.organization as Partial<OrganizationModel> | undefined;
  if (org) {
    if (org.managementAccount) accounts.add(org.managementAccount);
    ouAccounts(org.ous, accounts);
    for (const k of Object.keys(org.attachments ?? {})) if (/^\d{12}$/.test(k)) accounts.add(k);
    for (const v of Object.values(org.deployments ?? {})) for (const a of v) if (/^\d{12}$/.test(a)) accounts.add(a);
  }
  return { accounts, told: options.trustedAccounts.length > 0 || options.trustedOrgIds.length > 0 || accounts.size > 1 };
}

/** A template token standing for an account (`ACCOUNT_ID`): which account it is, the gate cannot know. */
export function isAccountToken(account: string): boolean {
  return account !== '*' && !/^\d{12}$/.test(account);
}
