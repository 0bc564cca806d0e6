/**
 * Raw policy JSON holding CloudFormation intrinsics (`{"Ref": "Bucket"}`, `{"Fn::Sub": "arn:aws:s3:::${Bucket}/*"}`,
 * `{"Fn::GetAtt": ["Role", "Arn"]}`): a template fragment kept as a file (a Rain module, a policy a pipeline
 * substitutes into a template). Each intrinsic is read as the template value it is, not as a malformed value: the
 * pseudo parameters take the configured account/region/partition, every other reference becomes a template token
 * (`{{Bucket}}`, analysed at its worst: any resource), and the record says which values were assumed so.
 */
import { isObject } from '../policy/statements.js';
import { escapeSegment } from '../policy/source-map.js';
import type { Options } from '../config/options.js';

export interface IntrinsicStandIn {
  path: string;
  text: string;
}

const MAX_INTRINSICS = 2_000;
const MAX_DEPTH = 64;

function pseudo(name: string, o: Pick<Options, 'account' | 'region' | 'partition'>): string | undefined {
  switch (name) {
    case 'AWS::AccountId':
      return o.account;
    case 'AWS::Region':
      return o.region;
    case 'AWS::Partition':
      return o.partition;
    case 'AWS::URLSuffix':
      return 'amazonaws.com';
    default:
      return undefined;
  }
}

/** `{{Name}}`: a token the grammar rules leave alone (colons and braces of the name made harmless for ARN splitting). */
function token(name: string): string {
  return `{{${name.replace(/[{}\s]/g, '').replace(/:+/g, '.').slice(0, 120) || 'value'}}}`;
}

/** The one key of an intrinsic object (`Ref`, `Fn::Sub`, ...), or undefined. */
function intrinsicKey(v: unknown): string | undefined {
  if (!isObject(v)) return undefined;
  const keys = Object.keys(v);
  return keys.length === 1 && (keys[0] === 'Ref' || keys[0]!.startsWith('Fn::')) ? keys[0] : undefined;
}

/** The string an intrinsic stands for (tokens for what the file does not decide). */
function standIn(key: string, arg: unknown, o: Pick<Options, 'account' | 'region' | 'partition'>): string {
  if (key === 'Ref' && typeof arg === 'string') return pseudo(arg, o) ?? token(arg);
  if (key === 'Fn::GetAtt') {
    const name = Array.isArray(arg) ? arg.filter((x) => typeof x === 'string').join('.') : typeof arg === 'string' ? arg : 'GetAtt';
    return token(name);
  }
  if (key === 'Fn::Sub') {
    const text = typeof arg === 'string' ? arg : Array.isArray(arg) && typeof arg[0] === 'string' ? arg[0] : undefined;
    if (text !== undefined && text.length <= 4096) return text.replace(/\$\{([^}!][^}]*)\}/g, (_m, n: string) => pseudo(n, o) ?? token(n));
  }
  return token(key);
}

/**
 * Replaces every intrinsic inside a statement's values of `doc` (in place) by its stand-in string; returns what was
 * assumed, by JSON pointer. Only values are replaced: an intrinsic where a policy element's object belongs (a
 * whole Condition block) is left for the grammar rules.
 */
export function readIntrinsics(doc: Record<string, unknown>, o: Pick<Options, 'account' | 'region' | 'partition'>): IntrinsicStandIn[] {
  const out: IntrinsicStandIn[] = [];
  const walk = (v: unknown, path: string, depth: number): unknown => {
    if (out.length >= MAX_INTRINSICS || depth > MAX_DEPTH) return v;
    const key = intrinsicKey(v);
    if (key) {
      const s = standIn(key, (v as Record<string, unknown>)[key], o);
      const written = JSON.stringify(v);
      out.push({ path, text: `${written.length > 120 ? `${written.slice(0, 117)}...` : written} is a CloudFormation value (the file is a template fragment); analysed as ${JSON.stringify(s)}${s.includes('{{') ? ', its worst case' : ''}` });
      return s;
    }
    // only collections can hold an intrinsic: a scalar is left as it is, without a pointer made for it
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        const x: unknown = v[i];
        if (x !== null && typeof x === 'object') v[i] = walk(x, `${path}/${i}`, depth + 1);
      }
    } else if (isObject(v)) {
      for (const k of Object.keys(v)) {
        const x = v[k];
        if (x !== null && typeof x === 'object') v[k] = walk(x, `${path}/${escapeSegment(k)}`, depth + 1);
      }
    }
    return v;
  };
  const st = doc.Statement;
  const list = Array.isArray(st) ? st : isObject(st) ? [st] : [];
  list.forEach((s, i) => {
    if (!isObject(s)) return;
    const base = Array.isArray(st) ? `/Statement/${i}` : '/Statement';
    for (const el of ['Action', 'NotAction', 'Resource', 'NotResource', 'Principal', 'NotPrincipal', 'Sid']) {
      if (el in s) s[el] = walk(s[el], `${base}/${el}`, 0);
    }
    // condition values (not the blocks: `"Condition": {"Fn::If": ...}` stays a malformed element)
    if (isObject(s.Condition) && !intrinsicKey(s.Condition)) {
      for (const [op, block] of Object.entries(s.Condition)) {
        if (!isObject(block) || intrinsicKey(block)) continue;
        for (const k of Object.keys(block)) block[k] = walk(block[k], `${base}/Condition/${escapeSegment(op)}/${escapeSegment(k)}`, 0);
      }
    }
  });
  return out;
}

const MAX_BARE_TOKENS = 10_000;

/**
 * Policy files another tool fills in before deployment often hold tokens where a JSON value belongs, unquoted
 * (`"aws:SourceVpc": [${ACCEL_LOOKUP::VPC_ID:OU:Infrastructure}]`, `"aws:SourceIp": ${ALLOWED_CIDRS}`,
 * `<<ACCOUNTS>>`): not JSON until the tool has run. The text with each such token quoted (a string holding the
 * token, judged as one), or undefined when there is none. Lines are unchanged; columns after a token move by two.
 */
export function quoteBareTokens(text: string): string | undefined {
  let out = '';
  let from = 0;
  let inString = false;
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') {
      inString = true;
      continue;
    }
    const open = text.startsWith('${', i) ? '}' : text.startsWith('<<', i) ? '>>' : undefined;
    if (!open || count >= MAX_BARE_TOKENS) continue;
    const end = text.indexOf(open, i + 2);
    const token = end < 0 ? '' : text.slice(i, end + open.length);
    if (!token || token.length > 300 || /[\n"{\\]/.test(token.slice(2, -open.length))) continue;
    out += `${text.slice(from, i)}"${token}"`;
    from = i + token.length;
    i = from - 1;
    count++;
  }
  return count ? out + text.slice(from) : undefined;
}
