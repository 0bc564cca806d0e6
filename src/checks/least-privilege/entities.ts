/** Reading IaC entity properties written either the CloudFormation way (PascalCase) or the Terraform way (snake_case). */
import type { IamEntity } from '../../policy/types.js';
import { escapeSegment } from '../../policy/source-map.js';

export interface PropAt {
  value: unknown;
  path: string;
}

/** The first present property among `names`, with its JSON pointer. */
export function prop(e: IamEntity, ...names: string[]): PropAt | undefined {
  for (const n of names) {
    if (Object.prototype.hasOwnProperty.call(e.properties, n) && e.properties[n] !== undefined && e.properties[n] !== null) {
      return { value: e.properties[n], path: `/${escapeSegment(n)}` };
    }
  }
  return undefined;
}

/** A list-valued property as [value, pointer] pairs (a scalar counts as a one-element list). */
export function listProp(e: IamEntity, ...names: string[]): PropAt[] {
  const p = prop(e, ...names);
  if (!p) return [];
  if (Array.isArray(p.value)) return p.value.map((value, i) => ({ value, path: `${p.path}/${i}` }));
  return [p];
}

export function truthy(v: unknown): boolean {
  return v === true || (typeof v === 'string' && v.toLowerCase() === 'true');
}

export function numberOf(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && /^\d+$/.test(v)) return Number(v);
  return undefined;
}

/** Names a user entity is known by (logical id, UserName / name). */
export function userNames(e: IamEntity): string[] {
  const names = [e.id, e.resource];
  const n = prop(e, 'UserName', 'name');
  if (typeof n?.value === 'string') names.push(n.value);
  return names;
}

/** The user a dependent entity (access key, login profile, attachment) belongs to. */
export function ownerUser(e: IamEntity): string | undefined {
  const u = prop(e, 'UserName', 'user', 'User', 'UserLogicalId');
  if (typeof u?.value === 'string') return u.value;
  if (u && typeof u.value === 'object' && u.value !== null && 'Ref' in u.value) return String((u.value as { Ref: unknown }).Ref);
  return undefined;
}
