/**
 * What a condition narrows, or that it narrows nothing.
 *
 * A condition narrows a grant only when its values do. Each key is judged by the kind of value a request carries
 * for it (an account id, an organisation id or path, a VPC endpoint, a principal ARN, an IP address, a service
 * principal, free text): a value that matches every plausible request value of that kind is vacuous, whatever its
 * spelling (`*`, `?*`, `????????????`, `o-*\/*`, `vpce-*`, `arn:*`, `0.0.0.0/0`, CIDRs whose union is the whole
 * address space, `*.amazonaws.com`, a policy variable that equals the caller's own value). Plausible values are
 * represented by samples an attacker could hold (their own account, organisation, endpoint, names), so no list of
 * bad spellings is needed: a pattern is vacuous when it matches all of them.
 *
 * Who is asking matters too:
 * - in an identity policy, a key describing the principal itself (its account, ARN, organisation, tags, user id)
 *   is true for the holder the policy is attached to: it narrows nothing about what the holder can reach;
 * - in a resource or trust policy open to any principal, keys whose value the caller chooses (its own tags,
 *   session name, source identity, external id, user agent, the service it calls through) do not make the grant
 *   private, nor does an ARN pattern an account the caller creates can match.
 *
 * Pure: judges one condition entry (operator, key, values); which keys are relevant to a rule is the caller's
 * business. Wildcards are matched only by the catalogue's safe matcher.
 */
import type { ConditionView } from '../policy/statements.js';
import type { PolicyType } from '../policy/types.js';
import { conditionKeyInfo } from '../catalog/index.js';
import { globMatch, compileGlob } from './wildcard.js';
import { coversAResourceType } from './arn-patterns.js';

export interface ConditionSetting {
  /** The policy type the statement belongs to (undefined: judged as a resource policy would be). */
  policyType?: PolicyType;
  /** A resource or trust statement whose principal is anyone (`*`, any account). */
  openToAny?: boolean;
  /** The account the IaC deploys to (the holder's own account in identity policies). */
  account?: string;
}

export interface ConditionVerdict {
  narrows: boolean;
  /** Why the condition narrows nothing (a sentence fragment). */
  why?: string;
  /** True when the values restrict nothing (as opposed to a structural reason such as IfExists). */
  vacuous?: boolean;
}

/** Operator parts: base operator, IfExists, set qualifier. */
export function parseOperator(op: string): { op: string; ifExists: boolean; set?: 'all' | 'any' } {
  let o = op;
  let set: 'all' | 'any' | undefined;
  const m = /^(ForAllValues|ForAnyValue):(.*)$/i.exec(o);
  if (m) {
    set = m[1]!.toLowerCase() === 'forallvalues' ? 'all' : 'any';
    o = m[2]!;
  }
  const ifExists = /IfExists$/i.test(o);
  if (ifExists) o = o.slice(0, -'IfExists'.length);
  return { op: o, ifExists, set };
}

const NEGATED = /^(StringNotEquals|StringNotEqualsIgnoreCase|StringNotLike|ArnNotEquals|ArnNotLike|NotIpAddress|NumericNotEquals|DateNotEquals)$/i;
/** Operators whose values are patterns (`*`, `?`); ARN operators match wildcards in both spellings. */
const PATTERN_OPS = /^(StringLike|ArnLike|ArnEquals)$/i;
const KNOWN_OPS =
  /^(StringEquals|StringNotEquals|StringEqualsIgnoreCase|StringNotEqualsIgnoreCase|StringLike|StringNotLike|NumericEquals|NumericNotEquals|NumericLessThan|NumericLessThanEquals|NumericGreaterThan|NumericGreaterThanEquals|DateEquals|DateNotEquals|DateLessThan|DateLessThanEquals|DateGreaterThan|DateGreaterThanEquals|Bool|BinaryEquals|IpAddress|NotIpAddress|ArnEquals|ArnLike|ArnNotEquals|ArnNotLike|Null)$/i;
const STRING_OPS = /^(StringEquals|StringEqualsIgnoreCase|StringLike|ArnLike|ArnEquals)$/i;

// ---------------------------------------------------------------------------------------------------------------
// Kinds of values, with samples a caller from another account could present

type ValueKind = 'account' | 'org-id' | 'org-path' | 'vpce' | 'vpc' | 'principal-arn' | 'arn' | 'service' | 'userid' | 'ip' | 'string' | 'other';

const ATTACKER_ACCOUNTS = ['937162548301', '104857600123', '000000000001', '555555555555'];

const SAMPLES: Record<Exclude<ValueKind, 'ip' | 'other'>, string[]> = {
  account: ATTACKER_ACCOUNTS,
  'org-id': ['o-a1b2c3d4e5', 'o-zz9y8x7w6v5u4t', 'o-0000000000'],
  'org-path': ['o-a1b2c3d4e5/r-ab12/ou-ab12-cdef3456/', 'o-zz9y8x7w6v/r-zz99/', 'o-a1b2c3d4e5/r-ab12/'],
  vpce: ['vpce-0a1b2c3d4e5f67890', 'vpce-1a2b3c4d'],
  vpc: ['vpc-0a1b2c3d4e5f67890', 'vpc-1a2b3c4d'],
  'principal-arn': [
    'arn:aws:iam::937162548301:role/zq7',
    'arn:aws:iam::937162548301:user/zq7',
    'arn:aws:iam::104857600123:role/team/zq7-x',
    'arn:aws:iam::104857600123:root',
  ],
  arn: [
    'arn:aws:iam::937162548301:role/zq7',
    'arn:aws:sns:us-east-1:937162548301:zq7',
    'arn:aws:s3:::zq7-bucket',
    'arn:aws:lambda:eu-west-3:104857600123:function:zq7',
    'arn:aws:ec2:us-west-2:104857600123:vpc/vpc-1a2b3c4d',
  ],
  service: ['lambda.amazonaws.com', 'ec2.amazonaws.com', 'ecs-tasks.amazonaws.com', 'cloudformation.amazonaws.com', 'glue.amazonaws.com', 's3.us-east-1.amazonaws.com'],
  userid: ['AROAZQ7XK2EXAMPLE12345:session', 'AIDAZQ7XK2EXAMPLE12345', '937162548301:federated', 'anonymous'],
  string: ['x', 'Zq7', 'production-eu', 'a/b:c.d_e'],
};

const KEY_KINDS: [RegExp, ValueKind][] = [
  [/^(aws:(principalaccount|resourceaccount|sourceaccount)|kms:calleraccount|aws:sourceowner|s3:dataaccesspointaccount)$/i, 'account'],
  [/^s3:dataaccesspointarn$/i, 'arn'],
  [/^aws:(principalorgid|resourceorgid|sourceorgid)$/i, 'org-id'],
  [/^aws:(principalorgpaths|resourceorgpaths|sourceorgpaths)$/i, 'org-path'],
  [/^aws:sourcevpce$/i, 'vpce'],
  [/^aws:sourcevpc$/i, 'vpc'],
  [/^aws:principalarn$/i, 'principal-arn'],
  [/^(iam:passedtoservice|aws:principalservicename|aws:principalservicenameslist|aws:calledvia|aws:calledviafirst|aws:calledvialast|kms:viaservice)$/i, 'service'],
  [/^aws:userid$/i, 'userid'],
  [/^aws:(sourceip|vpcsourceip)$/i, 'ip'],
];

export function valueKind(key: string): ValueKind {
  for (const [re, kind] of KEY_KINDS) if (re.test(key)) return kind;
  const type = conditionKeyInfo(key)?.type ?? (/arn$/i.test(key) ? 'ARN' : 'String');
  if (/ARN$/i.test(type)) return 'arn';
  if (/IPAddress$/i.test(type)) return 'ip';
  if (/String$/i.test(type)) return 'string';
  return 'other';
}

/** Keys that describe the principal making the request (in an identity policy: the holder itself). */
const PRINCIPAL_ATTRIBUTE = /^aws:(principalarn|principalaccount|principalorgid|principalorgpaths|principaltag\/.*|principaltype|principalisawsservice|userid|username)$/i;

/** Keys whose value the caller sets or can arrange, whoever it is. */
const CALLER_CONTROLLED =
  /^(aws:(principaltag\/.*|requesttag\/.*|tagkeys|username|sourceidentity|calledvia|calledviafirst|calledvialast|viaawsservice|useragent|referer)|sts:(externalid|rolesessionname|sourceidentity|transitivetagkeys))$/i;

/** Keys about the resource's or caller's account / organisation, where a policy variable stands for the caller's own. */
const OWNERSHIP_KINDS: ReadonlySet<ValueKind> = new Set(['account', 'org-id', 'org-path', 'principal-arn', 'arn', 'vpc', 'vpce']);

// ---------------------------------------------------------------------------------------------------------------
// IP coverage

export function parseCidr(v: string): { v6: boolean; lo: bigint; hi: bigint } | undefined {
  const m = /^([0-9a-fA-F:.]+)(?:\/(\d{1,3}))?$/.exec(v.trim());
  if (!m) return undefined;
  const addr = m[1]!;
  const v6 = addr.includes(':');
  const bits = v6 ? 128 : 32;
  const len = m[2] === undefined ? bits : Number(m[2]);
  if (len > bits) return undefined;
  let n: bigint;
  if (!v6) {
    const parts = addr.split('.');
    if (parts.length !== 4 || parts.some((p) => !/^\d{1,3}$/.test(p) || Number(p) > 255)) return undefined;
    n = parts.reduce((acc, p) => (acc << 8n) | BigInt(Number(p)), 0n);
  } else {
    const halves = addr.split('::');
    if (halves.length > 2) return undefined;
    const head = halves[0] ? halves[0].split(':') : [];
    const tail = halves.length === 2 && halves[1] ? halves[1].split(':') : [];
    if (head.concat(tail).some((g) => !/^[0-9a-fA-F]{1,4}$/.test(g))) return undefined;
    const fill = 8 - head.length - tail.length;
    if ((halves.length === 1 && fill !== 0) || fill < 0) return undefined;
    const groups = [...head, ...Array<string>(halves.length === 2 ? fill : 0).fill('0'), ...tail];
    n = groups.reduce((acc, g) => (acc << 16n) | BigInt(parseInt(g, 16)), 0n);
  }
  const hostBits = BigInt(bits - len);
  const lo = (n >> hostBits) << hostBits;
  return { v6, lo, hi: lo + (1n << hostBits) - 1n };
}

/** Does the union of the CIDRs cover the whole IPv4 or the whole IPv6 space? */
export function cidrsCoverEverything(values: string[]): 'IPv4' | 'IPv6' | undefined {
  for (const [v6, bits] of [[false, 32n], [true, 128n]] as const) {
    const ranges = values
      .map(parseCidr)
      .filter((r): r is NonNullable<typeof r> => r !== undefined && r.v6 === v6)
      .sort((a, b) => (a.lo < b.lo ? -1 : a.lo > b.lo ? 1 : 0));
    let next = 0n;
    for (const r of ranges) {
      if (r.lo > next) break;
      if (r.hi + 1n > next) next = r.hi + 1n;
    }
    if (ranges.length && next >= 1n << bits) return v6 ? 'IPv6' : 'IPv4';
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------------------------
// Values

/**
 * Each `${...}` policy variable of a value, in order, with the text between them (linear: once a `${` has no
 * closing brace, the rest is text).
 */
function scanVariables(v: string): { names: string[]; texts: string[] } {
  const names: string[] = [];
  const texts: string[] = [];
  let from = 0;
  for (;;) {
    const open = v.indexOf('${', from);
    const close = open < 0 ? -1 : v.indexOf('}', open + 2);
    if (close < 0) {
      texts.push(v.slice(from));
      return { names, texts };
    }
    texts.push(v.slice(from, open));
    names.push(v.slice(open + 2, close).toLowerCase());
    from = close + 1;
  }
}

function variablesOf(v: string): string[] {
  return scanVariables(v).names;
}

/** The value with every policy variable replaced by `by` (`*` to read a variable as any text). */
export function replaceVariables(v: string, by: string): string {
  return scanVariables(v).texts.join(by);
}

/** A policy variable whose value is the caller's own (its account, ARN, organisation, tags, names). */
function callerVariable(name: string): boolean {
  return PRINCIPAL_ATTRIBUTE.test(name) || CALLER_CONTROLLED.test(name);
}

/** Does a pattern (with `*`, `?` and, when told, `${...}` as any text) match every sample? */
function matchesAll(pattern: string, samples: readonly string[], wildcards: boolean, variables: boolean): boolean {
  if (!wildcards && !variables) return false;
  const literal = wildcards ? pattern : pattern.replace(/[*?]/g, '\u0000');
  // variables read as any text (replaced here, linearly, rather than by the matcher's own variable scan)
  const p = compileGlob(variables ? replaceVariables(literal, '*') : literal);
  return samples.every((s) => globMatch(p, s));
}

/** Is the value text made only of wildcards, at least one of them `*` (matches every value of some length on)? */
function wildcardOnly(v: string): boolean {
  return /^[*?]+$/.test(v) && v.includes('*');
}

/**
 * For a resource or trust policy open to anyone: could a principal of an account the caller owns satisfy an ARN
 * pattern? True when the account field is not a literal account (wildcards, a variable, a star before it that can
 * span fields), or, for ARNs without an account (S3), when the name before the first `/` is not literal.
 */
export function arnOpenToOtherAccounts(pattern: string, wildcards: boolean): boolean {
  // a policy variable (`${aws:PrincipalAccount}`) holds a colon: fields are split outside variables
  const fields = splitOutsideVariables(pattern);
  const wild = (s: string): boolean => (wildcards && /[*?]/.test(s)) || variablesOf(s).some(callerVariable);
  if (fields.slice(0, 4).some(wild)) return true;
  // an account field starting with 12 literal digits is one account, whatever wildcard follows (`111122223333*`)
  const account = fields[4];
  if (account === undefined) return fields.some(wild);
  if (/^\d{12}/.test(account)) return false;
  if (account === '') return fields.length < 6 || wild(fields.slice(5).join(':').split('/')[0] ?? '');
  return wild(account);
}

/** Splits at colons that are not inside a `${...}` variable (linear). */
function splitOutsideVariables(v: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < v.length; i++) {
    const ch = v[i];
    if (ch === '$' && v[i + 1] === '{') depth++;
    else if (ch === '}' && depth > 0) depth--;
    else if (ch === ':' && depth === 0) {
      out.push(v.slice(start, i));
      start = i + 1;
    }
  }
  out.push(v.slice(start));
  return out;
}

interface ValueJudgement {
  vacuous: boolean;
  why?: string;
}

function judgeValues(c: ConditionView, op: string, setting: ConditionSetting): ValueJudgement {
  const kind = valueKind(c.key);
  const vals = c.values.map((v) => (typeof v.value === 'string' ? v.value : typeof v.value === 'number' || typeof v.value === 'boolean' ? String(v.value) : undefined));
  if (vals.length === 0) return { vacuous: true, why: 'it lists no value' };
  const strs = vals.filter((v): v is string => v !== undefined);
  // a value consisting of stars is read as "anything" whatever the operator (StringEquals "*" included)
  const star = strs.find((v) => /^\*+$/.test(v));
  if (star !== undefined) return { vacuous: true, why: `"${clip(star)}" matches any value` };
  if (kind === 'ip') {
    if (!/^IpAddress$/i.test(op)) return { vacuous: false };
    const all = cidrsCoverEverything(strs);
    return all ? { vacuous: true, why: `${strs.slice(0, 3).map(clip).join(', ')}${strs.length > 3 ? ', ...' : ''} ${strs.length > 1 ? 'together cover' : 'covers'} every ${all} address` } : { vacuous: false };
  }
  if (!STRING_OPS.test(op)) return { vacuous: false };
  const wildcards = PATTERN_OPS.test(op);
  const key = c.key.toLowerCase();
  for (const v of strs) {
    const vars = variablesOf(v);
    // `aws:PrincipalTag/team` = `${aws:PrincipalTag/team}`: true for every request
    if (vars.includes(key) && replaceVariables(v, '') === '') return { vacuous: true, why: `"${clip(v)}" compares the key with itself` };
    if (setting.openToAny && vars.some(callerVariable))
      return { vacuous: true, why: `"${clip(v)}" is the caller's own value, whoever the caller is` };
    // a caller variable in an account/organisation/ARN value stands for the caller's own, which matches whoever asks
    // (aws:ResourceAccount = ${aws:PrincipalAccount}); other variables (${aws:ResourceOrgID}) are one fixed value
    const variables = OWNERSHIP_KINDS.has(kind) && vars.some(callerVariable);
    if (kind !== 'string' && kind !== 'other') {
      const samples = SAMPLES[kind as keyof typeof SAMPLES];
      if (samples && matchesAll(v, samples, wildcards, variables))
        return { vacuous: true, why: vars.length && !matchesAll(v, samples, wildcards, false) ? `"${clip(v)}" is the caller's own value: it matches whoever asks` : `"${clip(v)}" matches every ${KIND_NAMES[kind]}` };
      if (kind === 'arn' && wildcards && v.startsWith('arn:') && coversAResourceType(v, undefined, true))
        return { vacuous: true, why: `"${clip(v)}" matches every ARN of its resource type, in every account` };
      if (setting.openToAny && (kind === 'principal-arn' || kind === 'arn') && arnOpenToOtherAccounts(v, wildcards))
        return { vacuous: true, why: `"${clip(v)}" matches principals or resources of any account, the caller's own included` };
      // the organisation id of a path is what pins it (`o-a1b2c3d4e5/r-ab12/*` is one organisation)
      const pinning = kind === 'org-path' ? v.split('/')[0]! : v;
      if (setting.openToAny && (kind === 'account' || kind === 'org-id' || kind === 'org-path') && (variablesOf(pinning).some(callerVariable) || (wildcards && /[*?]/.test(pinning))))
        return { vacuous: true, why: `"${clip(v)}" matches ${KIND_NAMES[kind]}s the caller can create or belongs to` };
    } else if (wildcards && (wildcardOnly(v) || matchesAll(v, SAMPLES.string, true, false))) {
      return { vacuous: true, why: `"${clip(v)}" matches any value` };
    }
  }
  return { vacuous: false };
}

const KIND_NAMES: Record<ValueKind, string> = {
  account: 'account id',
  'org-id': 'organisation id',
  'org-path': 'organisation path',
  vpce: 'VPC endpoint',
  vpc: 'VPC',
  'principal-arn': 'principal ARN',
  arn: 'ARN',
  service: 'AWS service principal',
  userid: 'user id',
  ip: 'IP address',
  string: 'value',
  other: 'value',
};

/** `aws:userid` pinned to an AWS-assigned unique id (`AROA...`/`AIDA...`, 21 characters) or an account (`123456789012:`). */
function useridPinned(values: unknown[]): boolean {
  return values.every((v) => {
    if (typeof v !== 'string') return false;
    const literal = v.split(/[*?]|\$\{/)[0]!;
    return /^A[A-Z]{3}[A-Z0-9]{17}/.test(literal) || /^\d{12}:/.test(literal);
  });
}

/**
 * Does this condition entry narrow the request? Structural reasons first (IfExists, ForAllValues, negation, Null,
 * Bool false), then who holds the grant (principal attributes in identity policies, caller-controlled keys when
 * open to anyone), then the values.
 */
export function judgeCondition(c: ConditionView, setting: ConditionSetting = {}): ConditionVerdict {
  const { op, ifExists, set } = parseOperator(c.operator);
  const key = c.key.toLowerCase();
  if (!KNOWN_OPS.test(op)) return { narrows: false, why: `"${c.operator}" is not a condition operator IAM knows` };
  if (ifExists) return { narrows: false, why: 'IfExists passes when the key is absent' };
  if (set === 'all') return { narrows: false, why: 'ForAllValues passes when the key is absent or empty' };
  if (NEGATED.test(op)) return { narrows: false, why: 'a negated operator only excludes some values' };
  if (/^Null$/i.test(op)) return { narrows: false, why: 'Null only tests whether the key is present' };
  if (/^Bool$/i.test(op) && c.values.length > 0 && c.values.every((v) => String(v.value).toLowerCase() === 'false'))
    return { narrows: false, why: 'a Bool "false" test does not narrow the request' };
  const identity = setting.policyType === 'identity' || setting.policyType === 'boundary';
  if (identity && PRINCIPAL_ATTRIBUTE.test(key))
    return { narrows: false, vacuous: true, why: 'in an identity policy it describes the holder itself, for whom it is true: it narrows no resource' };
  if (identity && /^aws:(requesttag\/.*|tagkeys)$/i.test(key))
    return { narrows: false, vacuous: true, why: 'the holder sets the tags of its own request: it narrows nothing it can do' };
  if (identity && setting.account && valueKind(key) === 'account' && /^aws:resourceaccount$/i.test(key) && c.values.every((v) => v.value === setting.account))
    return { narrows: false, vacuous: true, why: `${setting.account} is the holder's own account: every resource it owns` };
  if (setting.openToAny && CALLER_CONTROLLED.test(key))
    return { narrows: false, vacuous: true, why: 'the caller controls this value, so it does not make a grant to anyone private' };
  if (setting.openToAny && key === 'aws:userid' && !useridPinned(c.values.map((v) => v.value)))
    return { narrows: false, vacuous: true, why: 'it is not pinned to an AWS-assigned unique id: the caller chooses it' };
  if (!identity && /^(aws:(calledvia|calledviafirst|calledvialast|viaawsservice)|kms:viaservice)$/i.test(key))
    return { narrows: false, vacuous: true, why: 'the caller makes the service call on its own behalf (it names a path, not who may call; pair it with kms:CallerAccount or aws:PrincipalOrgID)' };
  if (identity && /^aws:(calledvia|calledviafirst|calledvialast|viaawsservice)$/i.test(key))
    return { narrows: false, vacuous: true, why: 'the holder drives the service itself (for cloudformation.amazonaws.com: anyone who can create a stack gets these actions)' };
  const j = judgeValues(c, op, setting);
  if (j.vacuous) return { narrows: false, vacuous: true, why: j.why };
  return { narrows: true };
}

const DAY_MS = 86_400_000;

/** An ISO-8601 date (`2020-01-01`, `2020-01-01T00:00:00Z`) or epoch seconds, in ms; undefined otherwise. */
function parseTime(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v * 1000 : undefined;
  if (typeof v !== 'string') return undefined;
  if (/^\d{1,12}$/.test(v)) return Number(v) * 1000;
  if (!/^\d{4}-\d{2}-\d{2}([T ][0-9:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(v)) return undefined;
  const t = Date.parse(v);
  return Number.isNaN(t) ? undefined : t;
}

/**
 * A condition entry that can never hold again, whatever the request: `DateLessThan(Equals)` on the current time or
 * on the issue time of the caller's credentials with every value more than a day in the past. The reason, or
 * undefined. IfExists and set qualifiers are never judged dead (they pass when the key is absent).
 */
export function neverTrue(c: ConditionView, now: number = Date.now()): string | undefined {
  const { op, ifExists, set } = parseOperator(c.operator);
  if (ifExists || set || !/^DateLessThan(Equals)?$/i.test(op)) return undefined;
  if (!/^aws:(currenttime|epochtime|tokenissuetime)$/i.test(c.key)) return undefined;
  if (!c.values.length) return undefined;
  const times = c.values.map((v) => parseTime(v.value));
  if (times.some((t) => t === undefined || t >= now - DAY_MS)) return undefined;
  return `${c.operator} ${c.key} ${describeValues(c)} is in the past: the condition can never be true again`;
}

/** A value as quoted in a message: long hostile values are cut. */
export function clip(v: string): string {
  return v.length > 80 ? `${v.slice(0, 77)}...` : v;
}

/** `0.0.0.0/0, ::/0` for messages (at most three values, each clipped). */
export function describeValues(c: ConditionView): string {
  const vals = c.values.slice(0, 3).map((v) => clip(typeof v.value === 'string' ? v.value : String(JSON.stringify(v.value))));
  return vals.length ? `${vals.join(', ')}${c.values.length > 3 ? ', ...' : ''}` : '(no value)';
}
