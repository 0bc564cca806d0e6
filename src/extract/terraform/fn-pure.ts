/**
 * Terraform's pure built-in functions beyond the core set in hcl-functions.ts: encoding (base64, CSV, YAML, URL,
 * UTF-16 text), hashing (node:crypto), IP networks, numbers, collections, strings and RE2 regular expressions.
 * Each follows https://developer.hashicorp.com/terraform/language/functions. Functions that read the clock, random
 * sources or the file system (`timestamp`, `uuid`, `bcrypt`, `filemd5` ...) are not here: their value is unknown
 * and, where it decides access, analysed as its worst case.
 */
import { createHash } from 'node:crypto';
import { zlib } from '../../util/builtins.js';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { MISREAD_LAYOUT_MESSAGE, misreadLayout } from '../../text/yaml-layout.js';
import type { Span } from '../../policy/types.js';
import type { V } from './hcl-values.js';
import { dedupe, equal, fromJson, HclEvalError, list, num, plain, scalarString } from './hcl-values.js';
import { compileRe2, findAllRe2, Re2Unsupported, slice } from './re2.js';
import type { Re2 } from './re2.js';

type Fn = (args: V[], at: Span) => V;

const str = (v: string, at: Span): V => ({ t: 'str', v, at });
const n = (v: number, at: Span): V => ({ t: 'num', v, at });
const lst = (items: V[], at: Span): V => ({ t: 'list', items, at });
const s = (v: V, at: Span): string => scalarString(v, at);

function need(name: string, a: V[], min: number, max: number, at: Span): void {
  if (a.length < min || a.length > max) throw new HclEvalError(`${name}() takes ${min === max ? min : `${min} to ${max}`} arguments, got ${a.length}`, at);
}

function b64decode(text: string, at: Span): Buffer {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0) throw new HclEvalError('base64decode(): the string is not valid base64', at);
  return Buffer.from(text, 'base64');
}

const hash = (alg: string, enc: 'hex' | 'base64') => (a: V[], at: Span) => str(createHash(alg).update(s(a[0]!, at), 'utf8').digest(enc), at);

// --- IP networks -----------------------------------------------------------------------------------------------

interface Cidr {
  v6: boolean;
  addr: bigint;
  bits: number;
}

function parseIp(text: string, at: Span): { v6: boolean; addr: bigint } {
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(text)) {
    const parts = text.split('.').map(Number);
    if (parts.some((p) => p > 255)) throw new HclEvalError(`invalid IP address ${text}`, at);
    return { v6: false, addr: parts.reduce((x, p) => (x << 8n) | BigInt(p), 0n) };
  }
  if (/^[0-9A-Fa-f:.]+$/.test(text) && text.includes(':')) {
    const [head, tail] = text.includes('::') ? text.split('::') : [text, undefined];
    const groups = (g: string | undefined) => (g ? g.split(':') : []);
    const h = groups(head);
    const t = groups(tail);
    const fill = tail === undefined ? 0 : 8 - h.length - t.length;
    const all = [...h, ...Array<string>(Math.max(0, fill)).fill('0'), ...t];
    if (all.length !== 8 || all.some((g) => !/^[0-9A-Fa-f]{1,4}$/.test(g))) throw new HclEvalError(`invalid IP address ${text}`, at);
    return { v6: true, addr: all.reduce((x, g) => (x << 16n) | BigInt(parseInt(g, 16)), 0n) };
  }
  throw new HclEvalError(`invalid IP address ${text}`, at);
}

function parseCidr(text: string, at: Span): Cidr {
  const m = /^(.+)\/(\d{1,3})$/.exec(text);
  if (!m) throw new HclEvalError(`invalid CIDR address ${text}`, at);
  const ip = parseIp(m[1]!, at);
  const bits = Number(m[2]);
  if (bits > (ip.v6 ? 128 : 32)) throw new HclEvalError(`invalid CIDR prefix length in ${text}`, at);
  const width = ip.v6 ? 128 : 32;
  const mask = ((1n << BigInt(width)) - 1n) ^ ((1n << BigInt(width - bits)) - 1n);
  return { v6: ip.v6, addr: ip.addr & mask, bits };
}

function formatIp(v6: boolean, addr: bigint): string {
  if (!v6) return [24n, 16n, 8n, 0n].map((sh) => String((addr >> sh) & 255n)).join('.');
  const groups = Array.from({ length: 8 }, (_x, i) => Number((addr >> BigInt(112 - 16 * i)) & 0xffffn));
  // the longest run of zero groups (two or more) becomes ::
  let best = -1;
  let len = 0;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > len && j - i > 1) [best, len] = [i, j - i];
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (best < 0) return hex.join(':');
  return `${hex.slice(0, best).join(':')}::${hex.slice(best + len).join(':')}`;
}

function subnet(base: Cidr, newbits: number, netnum: bigint, at: Span): Cidr {
  const width = base.v6 ? 128 : 32;
  const bits = base.bits + newbits;
  if (newbits < 0 || bits > width) throw new HclEvalError(`cidrsubnet(): not enough remaining address space for ${newbits} new bits`, at);
  if (netnum < 0n || netnum >= 1n << BigInt(newbits)) throw new HclEvalError(`cidrsubnet(): network number ${netnum} does not fit in ${newbits} bits`, at);
  return { v6: base.v6, addr: base.addr | (netnum << BigInt(width - bits)), bits };
}

const cidrText = (c: Cidr) => `${formatIp(c.v6, c.addr)}/${c.bits}`;

// --- regular expressions (RE2) ----------------------------------------------------------------------------------

const compiled = new Map<string, Re2 | Error>();
function re2(pattern: string, at: Span): Re2 {
  let hit = compiled.get(pattern);
  if (!hit) {
    try {
      hit = compileRe2(pattern);
    } catch (e) {
      hit = e as Error;
    }
    if (compiled.size > 500) compiled.clear();
    compiled.set(pattern, hit);
  }
  if (hit instanceof Re2Unsupported) throw new RegexUnknown(`pattern ${JSON.stringify(pattern)}: ${hit.message} (outside the RE2 subset the gate evaluates)`);
  if (hit instanceof Error) throw new HclEvalError(`invalid regular expression ${JSON.stringify(pattern)}: ${hit.message}`, at);
  return hit;
}

/** A pattern outside the supported subset (or too costly on its input): the call's value is unknown. */
export class RegexUnknown extends Error {}

function matchValue(re: Re2, m: { caps: number[]; input: number[] }, at: Span): V {
  if (re.groups === 0) return str(slice(m.input, m.caps[0]!, m.caps[1]!), at);
  const named = re.names.slice(1).filter((x) => x !== undefined).length;
  if (named && named !== re.groups) throw new HclEvalError('regex(): a pattern cannot mix named and unnamed capture groups', at);
  const cap = (i: number) => str(slice(m.input, m.caps[2 * i]!, m.caps[2 * i + 1]!), at);
  if (named) return { t: 'obj', entries: new Map(re.names.slice(1).map((nm, i) => [nm!, cap(i + 1)])), at };
  return lst(Array.from({ length: re.groups }, (_x, i) => cap(i + 1)), at);
}

/** Go's Regexp.Expand: `$1`, `${1}`, `$name`, `${name}`, `$$`. */
function expand(template: string, re: Re2, m: { caps: number[]; input: number[] }): string {
  return template.replace(/\$(\$|\{([A-Za-z0-9_]+)\}|([A-Za-z0-9_]+))/g, (_all, d: string, braced?: string, bare?: string) => {
    if (d === '$') return '$';
    const name = braced ?? bare!;
    const idx = /^\d+$/.test(name) ? Number(name) : re.names.indexOf(name);
    if (idx < 0 || idx > re.groups) return '';
    return slice(m.input, m.caps[2 * idx]!, m.caps[2 * idx + 1]!);
  });
}

export function regexReplace(text: string, pattern: string, replacement: string, at: Span): string {
  const re = re2(pattern, at);
  const matches = findAllRe2(re, text);
  if (!matches.length) return text;
  const input = matches[0]!.input;
  let out = '';
  let last = 0;
  for (const m of matches) {
    out += slice(input, last, m.caps[0]!) + expand(replacement, re, m);
    last = m.caps[1]!;
  }
  return out + slice(input, last, input.length);
}

// --- CSV ------------------------------------------------------------------------------------------------------

function parseCsv(text: string, at: Span): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  const end = () => {
    row.push(field);
    field = '';
  };
  while (i < text.length) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
        continue;
      }
      if (c === '"') quoted = false;
      else field += c;
      i++;
      continue;
    }
    if (c === '"' && field === '') quoted = true;
    else if (c === ',') end();
    else if (c === '\n' || c === '\r') {
      end();
      rows.push(row);
      row = [];
      if (c === '\r' && text[i + 1] === '\n') i++;
    } else field += c;
    i++;
  }
  if (quoted) throw new HclEvalError('csvdecode(): unterminated quoted field', at);
  if (field !== '' || row.length) {
    end();
    rows.push(row);
  }
  return rows;
}

// --- the table ------------------------------------------------------------------------------------------------

export const PURE_FUNCTIONS: Record<string, Fn> = {
  base64encode: (a, at) => str(Buffer.from(s(a[0]!, at), 'utf8').toString('base64'), at),
  base64decode: (a, at) => {
    const b = b64decode(s(a[0]!, at), at);
    const text = b.toString('utf8');
    if (Buffer.from(text, 'utf8').compare(b) !== 0) throw new HclEvalError('base64decode(): the result is not valid UTF-8', at);
    return str(text, at);
  },
  base64gzip: (a, at) => str(zlib().gzipSync(Buffer.from(s(a[0]!, at), 'utf8')).toString('base64'), at),
  textencodebase64: (a, at) => {
    const enc = s(a[1]!, at).toUpperCase();
    const text = s(a[0]!, at);
    if (enc === 'UTF-8') return str(Buffer.from(text, 'utf8').toString('base64'), at);
    if (enc === 'UTF-16LE') return str(Buffer.from(text, 'utf16le').toString('base64'), at);
    if (enc === 'UTF-16BE' || enc === 'UTF-16') return str(Buffer.from(text, 'utf16le').swap16().toString('base64'), at);
    throw new RegexUnknown(`textencodebase64(): encoding ${enc} is not evaluated`);
  },
  textdecodebase64: (a, at) => {
    const enc = s(a[1]!, at).toUpperCase();
    const b = b64decode(s(a[0]!, at), at);
    if (enc === 'UTF-8') return str(b.toString('utf8'), at);
    if (enc === 'UTF-16LE') return str(b.toString('utf16le'), at);
    if (enc === 'UTF-16BE' || enc === 'UTF-16') {
      if (b.length % 2) throw new HclEvalError('textdecodebase64(): odd number of bytes for UTF-16', at);
      return str(Buffer.from(b).swap16().toString('utf16le'), at);
    }
    throw new RegexUnknown(`textdecodebase64(): encoding ${enc} is not evaluated`);
  },
  urlencode: (a, at) => str(encodeURIComponent(s(a[0]!, at)).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`).replace(/%20/g, '+'), at),
  csvdecode: (a, at) => {
    const rows = parseCsv(s(a[0]!, at), at);
    if (!rows.length) throw new HclEvalError('csvdecode(): missing header line', at);
    const header = rows[0]!;
    return lst(
      rows.slice(1).map((r) => {
        if (r.length !== header.length) throw new HclEvalError(`csvdecode(): a line has ${r.length} fields, the header ${header.length}`, at);
        return { t: 'obj', entries: new Map(header.map((h, i) => [h, str(r[i]!, at)])), at } as V;
      }),
      at,
    );
  },
  yamldecode: (a, at) => {
    try {
      // core schema, one document, aliases bounded (no billion laughs); a layout the package misreads is refused
      const text = s(a[0]!, at);
      if (misreadLayout(text)) throw new Error(MISREAD_LAYOUT_MESSAGE);
      return fromJson(parseYaml(text, { schema: 'core', maxAliasCount: 100, uniqueKeys: true }) as unknown, at);
    } catch (e) {
      throw new HclEvalError(`yamldecode(): ${(e as Error).message.split('\n')[0]}`, at);
    }
  },
  yamlencode: (a, at) => str(stringifyYaml(plain(a[0]!)), at),
  md5: hash('md5', 'hex'),
  sha1: hash('sha1', 'hex'),
  sha256: hash('sha256', 'hex'),
  sha512: hash('sha512', 'hex'),
  base64sha256: hash('sha256', 'base64'),
  base64sha512: hash('sha512', 'base64'),
  uuidv5: (a, at) => {
    const ns: Record<string, string> = {
      dns: '6ba7b810-9dad-11d1-80b4-00c04fd430c8',
      url: '6ba7b811-9dad-11d1-80b4-00c04fd430c8',
      oid: '6ba7b812-9dad-11d1-80b4-00c04fd430c8',
      x500: '6ba7b814-9dad-11d1-80b4-00c04fd430c8',
    };
    const nsText = ns[s(a[0]!, at)] ?? s(a[0]!, at);
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(nsText)) throw new HclEvalError('uuidv5(): invalid namespace', at);
    const h = createHash('sha1').update(Buffer.from(nsText.replace(/-/g, ''), 'hex')).update(s(a[1]!, at), 'utf8').digest();
    h[6] = (h[6]! & 0x0f) | 0x50;
    h[8] = (h[8]! & 0x3f) | 0x80;
    const x = h.subarray(0, 16).toString('hex');
    return str(`${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`, at);
  },
  strrev: (a, at) => str([...s(a[0]!, at)].reverse().join(''), at),
  indent: (a, at) => str(s(a[1]!, at).replace(/\n/g, `\n${' '.repeat(Math.max(0, Math.min(1000, num(a[0]!, at))))}`), at),
  parseint: (a, at) => {
    const base = num(a[1]!, at);
    const text = s(a[0]!, at);
    if (base < 2 || base > 62) throw new HclEvalError('parseint(): base must be between 2 and 62', at);
    const digits = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'.slice(0, base);
    const neg = text.startsWith('-');
    const body = text.replace(/^[-+]/, '');
    const ci = base <= 36;
    let v = 0n;
    if (!body) throw new HclEvalError(`parseint(): cannot parse "${text}" as a base ${base} integer`, at);
    for (const ch of body) {
      const d = digits.indexOf(ci ? ch.toLowerCase() : ch);
      if (d < 0) throw new HclEvalError(`parseint(): cannot parse "${text}" as a base ${base} integer`, at);
      v = v * BigInt(base) + BigInt(d);
    }
    return n(Number(neg ? -v : v), at);
  },
  pow: (a, at) => n(Math.pow(num(a[0]!, at), num(a[1]!, at)), at),
  log: (a, at) => n(Math.log(num(a[0]!, at)) / Math.log(num(a[1]!, at)), at),
  signum: (a, at) => n(Math.sign(num(a[0]!, at)), at),
  sum: (a, at) => {
    const items = list(a[0]!, at);
    if (!items.length) throw new HclEvalError('sum(): the list is empty', at);
    return n(items.reduce((x, i) => x + num(i, at), 0), at);
  },
  chunklist: (a, at) => {
    const items = list(a[0]!, at);
    const size = num(a[1]!, at);
    if (size < 0) throw new HclEvalError('chunklist(): the size must not be negative', at);
    if (size === 0) return lst([lst(items, at)], at);
    const out: V[] = [];
    for (let i = 0; i < items.length; i += size) out.push(lst(items.slice(i, i + size), at));
    return lst(out, at);
  },
  matchkeys: (a, at) => {
    const values = list(a[0]!, at);
    const keys = list(a[1]!, at);
    const search = list(a[2]!, at);
    if (values.length !== keys.length) throw new HclEvalError('matchkeys(): the value and key lists must have the same length', at);
    return lst(values.filter((_v, i) => search.some((x) => equal(x, keys[i]!))), at);
  },
  setintersection: (a, at) => {
    const [first, ...rest] = a.map((x) => list(x, at));
    return lst(dedupe((first ?? []).filter((x) => rest.every((r) => r.some((y) => equal(x, y))))), at);
  },
  setsubtract: (a, at) => {
    const b = list(a[1]!, at);
    return lst(dedupe(list(a[0]!, at).filter((x) => !b.some((y) => equal(x, y)))), at);
  },
  setproduct: (a, at) => {
    let out: V[][] = [[]];
    for (const l of a.map((x) => list(x, at))) {
      const next: V[][] = [];
      for (const prefix of out) for (const x of l) next.push([...prefix, x]);
      if (next.length > 10_000) throw new HclEvalError('setproduct(): result too large', at);
      out = next;
    }
    return lst(a.length ? out.map((p) => lst(p, at)) : [], at);
  },
  transpose: (a, at) => {
    const m = a[0]!;
    if (m.t !== 'obj') throw new HclEvalError('transpose(): a map of lists is required', at);
    const out = new Map<string, V[]>();
    for (const [k, v] of m.entries) for (const x of list(v, at)) out.set(s(x, at), [...(out.get(s(x, at)) ?? []), str(k, at)]);
    return { t: 'obj', entries: new Map([...out].map(([k, v]) => [k, lst(v, at)])), at };
  },
  cidrhost: (a, at) => {
    const c = parseCidr(s(a[0]!, at), at);
    const width = c.v6 ? 128 : 32;
    const size = 1n << BigInt(width - c.bits);
    let h = BigInt(Math.trunc(num(a[1]!, at)));
    if (h < 0n) h += size;
    if (h < 0n || h >= size) throw new HclEvalError(`cidrhost(): host number ${a[1] && plain(a[1])} does not fit in ${c.bits === width ? 0 : width - c.bits} bits`, at);
    return str(formatIp(c.v6, c.addr | h), at);
  },
  cidrnetmask: (a, at) => {
    const c = parseCidr(s(a[0]!, at), at);
    if (c.v6) throw new HclEvalError('cidrnetmask(): only IPv4 prefixes have a netmask', at);
    return str(formatIp(false, (0xffffffffn << BigInt(32 - c.bits)) & 0xffffffffn), at);
  },
  cidrsubnet: (a, at) => str(cidrText(subnet(parseCidr(s(a[0]!, at), at), num(a[1]!, at), BigInt(Math.trunc(num(a[2]!, at))), at)), at),
  cidrsubnets: (a, at) => {
    const base = parseCidr(s(a[0]!, at), at);
    const width = base.v6 ? 128 : 32;
    let next = base.addr;
    const out: V[] = [];
    for (const nb of a.slice(1).map((x) => num(x, at))) {
      const bits = base.bits + nb;
      if (nb < 1 || bits > width) throw new HclEvalError(`cidrsubnets(): not enough remaining address space for ${nb} new bits`, at);
      const step = 1n << BigInt(width - bits);
      const start = ((next + step - 1n) / step) * step;
      if (start + step > base.addr + (1n << BigInt(width - base.bits))) throw new HclEvalError('cidrsubnets(): not enough remaining address space', at);
      out.push(str(`${formatIp(base.v6, start)}/${bits}`, at));
      next = start + step;
    }
    return lst(out, at);
  },
  regex: (a, at) => {
    need('regex', a, 2, 2, at);
    const re = re2(s(a[0]!, at), at);
    const m = findAllRe2(re, s(a[1]!, at), 1)[0];
    if (!m) throw new HclEvalError('regex(): the pattern did not match the string', at);
    return matchValue(re, m, at);
  },
  regexall: (a, at) => {
    need('regexall', a, 2, 2, at);
    const re = re2(s(a[0]!, at), at);
    return lst(findAllRe2(re, s(a[1]!, at)).map((m) => matchValue(re, m, at)), at);
  },
  issensitive: (_a, at) => ({ t: 'bool', v: false, at }),
  ephemeralasnull: (a) => a[0]!,
};
