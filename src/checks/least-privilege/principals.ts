/** Principal helpers for trust and resource policies. */
import type { StatementView, ValueAt } from '../../policy/statements.js';

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
