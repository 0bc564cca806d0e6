/** Value-format checks for condition operators (pure). */
import { isIP } from 'node:net';

export function isBool(v: unknown): boolean {
  return typeof v === 'boolean' || (typeof v === 'string' && /^(true|false)$/i.test(v));
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/i;

export function isDate(v: unknown): boolean {
  if (typeof v === 'number') return Number.isFinite(v);
  if (typeof v !== 'string') return false;
  if (/^\d{1,13}$/.test(v)) return true;
  if (v.length > 64 || !ISO_DATE.test(v)) return false;
  return !Number.isNaN(Date.parse(v.replace(' ', 'T')));
}

export function isIpRange(v: unknown): boolean {
  if (typeof v !== 'string' || v.length > 64) return false;
  const [addr, prefix, ...rest] = v.split('/');
  if (rest.length) return false;
  const kind = isIP(addr ?? '');
  if (!kind) return false;
  if (prefix === undefined) return true;
  if (!/^\d{1,3}$/.test(prefix)) return false;
  return Number(prefix) <= (kind === 4 ? 32 : 128);
}

export function isNumber(v: unknown): boolean {
  if (typeof v === 'number') return Number.isFinite(v);
  return typeof v === 'string' && /^-?\d+(?:\.\d+)?$/.test(v);
}

export function isBase64(v: unknown): boolean {
  return typeof v === 'string' && v.length % 4 === 0 && /^[A-Za-z0-9+/]*={0,2}$/.test(v);
}
