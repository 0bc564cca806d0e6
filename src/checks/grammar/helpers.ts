/**
 * Shared pieces of the catalogue-backed validation rules (src/checks/rules/*): condition operators, ARNs, policy
 * variables, placeholders and statement action expansion. Pure functions.
 */
import type { PolicyRecord } from '../../policy/types.js';
import type { StatementView, ValueAt } from '../../policy/statements.js';
import { strings } from '../../policy/statements.js';
import { templateToken } from '../../policy/template-token.js';
import { actionInfo, isWildcardOnly, serviceResourceTypes, type ActionInfo } from '../../catalog/index.js';
import { expandActionPattern } from '../../engine/actions.js';
import { globsIntersect } from '../../engine/wildcard.js';
import { engineContext } from '../../engine/context.js';
import { Memo, ownCopy } from '../../util/memo.js';

export type OperatorFamily = 'String' | 'Numeric' | 'Date' | 'Bool' | 'Binary' | 'IpAddress' | 'Arn' | 'Null';

const BASE_OPERATORS: Record<string, { family: OperatorFamily; negated: boolean; like?: boolean }> = {
  stringequals: { family: 'String', negated: false },
  stringnotequals: { family: 'String', negated: true },
  stringequalsignorecase: { family: 'String', negated: false },
  stringnotequalsignorecase: { family: 'String', negated: true },
  stringlike: { family: 'String', negated: false, like: true },
  stringnotlike: { family: 'String', negated: true, like: true },
  numericequals: { family: 'Numeric', negated: false },
  numericnotequals: { family: 'Numeric', negated: true },
  numericlessthan: { family: 'Numeric', negated: false },
  numericlessthanequals: { family: 'Numeric', negated: false },
  numericgreaterthan: { family: 'Numeric', negated: false },
  numericgreaterthanequals: { family: 'Numeric', negated: false },
  dateequals: { family: 'Date', negated: false },
  datenotequals: { family: 'Date', negated: true },
  datelessthan: { family: 'Date', negated: false },
  datelessthanequals: { family: 'Date', negated: false },
  dategreaterthan: { family: 'Date', negated: false },
  dategreaterthanequals: { family: 'Date', negated: false },
  bool: { family: 'Bool', negated: false },
  binaryequals: { family: 'Binary', negated: false },
  ipaddress: { family: 'IpAddress', negated: false },
  notipaddress: { family: 'IpAddress', negated: true },
  arnequals: { family: 'Arn', negated: false, like: true },
  arnlike: { family: 'Arn', negated: false, like: true },
  arnnotequals: { family: 'Arn', negated: true, like: true },
  arnnotlike: { family: 'Arn', negated: true, like: true },
  null: { family: 'Null', negated: false },
};

export interface ParsedOperator {
  /** As written. */
  raw: string;
  qualifier?: 'ForAllValues' | 'ForAnyValue';
  /** Base operator, lower case, without qualifier and IfExists (`stringequals`). */
  base: string;
  family: OperatorFamily;
  ifExists: boolean;
  negated: boolean;
  like: boolean;
}

/** Parses `ForAllValues:StringLikeIfExists`; undefined for an unknown operator (another rule reports those). */
export function parseOperator(op: string): ParsedOperator | undefined {
  let rest = op;
  let qualifier: ParsedOperator['qualifier'];
  const q = /^(forallvalues|foranyvalue):/i.exec(rest);
  if (q) {
    qualifier = q[1]!.toLowerCase() === 'forallvalues' ? 'ForAllValues' : 'ForAnyValue';
    rest = rest.slice(q[0].length);
  }
  let ifExists = false;
  if (/ifexists$/i.test(rest)) {
    ifExists = true;
    rest = rest.slice(0, -'ifexists'.length);
  }
  const base = rest.toLowerCase();
  const b = BASE_OPERATORS[base];
  if (!b) return undefined;
  return { raw: op, qualifier, base, family: b.family, ifExists, negated: b.negated, like: b.like === true };
}

/** Is the value at `path` (or an ancestor) a stand-in for something the extractor could not resolve? */
export function placeholderAt(policy: PolicyRecord, path: string): PolicyRecord['placeholders'][number] | undefined {
  const list = policy.placeholders;
  if (list.length < 32) {
    // asked about every value by many rules: no closure or joined text per question
    for (let i = 0; i < list.length; i++) {
      const p = list[i]!;
      if (path === p.path || within(path, p.path) || within(p.path, path)) return p;
    }
    return undefined;
  }
  // many stand-ins (a generated list of 20,000 unknown values): indexed, not one scan per value asked about
  let ix = placeholderIndexes.get(list);
  if (!ix) placeholderIndexes.set(list, (ix = indexPlaceholders(list)));
  let best = ix.under.get(path) ?? Infinity;
  for (let p: string | undefined = path; p !== undefined; p = p === '' ? undefined : p.slice(0, p.lastIndexOf('/'))) best = Math.min(best, ix.at.get(p) ?? Infinity);
  return best === Infinity ? undefined : list[best];
}

/** `inner.startsWith(\`${outer}/\`)`: a JSON pointer strictly under another. */
function within(inner: string, outer: string): boolean {
  return inner.length > outer.length && inner.charCodeAt(outer.length) === 47 && inner.startsWith(outer);
}

interface PlaceholderIndex {
  /** placeholder path -> first index */
  at: Map<string, number>;
  /** path -> first index of a placeholder strictly under it */
  under: Map<string, number>;
}
const placeholderIndexes = new WeakMap<object, PlaceholderIndex>();

function indexPlaceholders(list: PolicyRecord['placeholders']): PlaceholderIndex {
  const at = new Map<string, number>();
  const under = new Map<string, number>();
  list.forEach((p, i) => {
    if (!at.has(p.path)) at.set(p.path, i);
    for (let a = p.path; a !== ''; ) {
      a = a.slice(0, a.lastIndexOf('/'));
      if (under.has(a)) break; // its ancestors were set by an earlier (smaller) index too
      under.set(a, i);
    }
  });
  return { at, under };
}

/**
 * IAM policy variables in a string: `${aws:username}`, `${s3:prefix}`, `${*}`. CloudFormation (`${AWS::Region}`)
 * and Terraform (`${var.x}`) interpolations left in a value are not IAM variables.
 */
export function policyVariables(s: string): string[] {
  const out: string[] = [];
  const re = /\$\{([^}]*)\}/g;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    const body = m[1]!.trim();
    if (body === '*' || body === '?' || body === '$' || /^[a-z0-9.-]+:[^:]/i.test(body)) {
      if (/^AWS::/.test(body)) continue;
      out.push(m[0]);
    }
  }
  return out;
}

/** The six ARN fields (`resource` keeps any further colons), or undefined when fewer than six. */
export interface ArnParts {
  prefix: string;
  partition: string;
  service: string;
  region: string;
  account: string;
  resource: string;
}

export function parseArn(arn: string): ArnParts | undefined {
  const parts: string[] = [];
  let start = 0;
  for (let i = 0; i < 5; i++) {
    const c = arn.indexOf(':', start);
    if (c < 0) return undefined;
    parts.push(arn.slice(start, c));
    start = c + 1;
  }
  return {
    prefix: parts[0]!,
    partition: parts[1]!,
    service: parts[2]!,
    region: parts[3]!,
    account: parts[4]!,
    resource: arn.slice(start),
  };
}

/**
 * `execute-api:/stage/METHOD/path`: the shorthand API Gateway accepts in a REST API's resource policy (it expands it
 * to the API's own ARN). Valid there; only a resource policy may use it.
 */
export function isApiGatewayShorthand(policy: PolicyRecord, value: string): boolean {
  return policy.policyType === 'resource' && /^execute-api:\//.test(value);
}

export { templateToken };

/** Resource values of a statement that are plain strings and not stand-ins (placeholders or template tokens). */
export function judgeableResources(policy: PolicyRecord, list: ValueAt[] | undefined): ValueAt<string>[] {
  return strings(list).filter((r) => !placeholderAt(policy, r.path) && !templateToken(policy, r.value));
}

export function statementLabel(s: StatementView): string {
  return s.sid ? `Statement "${s.sid}"` : `Statement ${s.index}`;
}

/** Expansions larger than this are treated as "cannot judge" by the per-action checks (`*`, `s3:*` stay fine). */
export const MAX_JUDGED_ACTIONS = 3000;

export interface StatementActions {
  /** Every action the Action element covers (deduplicated). */
  actions: ActionInfo[];
  /** True when every Action value was a known action or a wildcard matching known actions. */
  complete: boolean;
}

const actionsMemo = new WeakMap<StatementView, StatementActions | undefined>();

/**
 * The catalogue details of an expansion's actions, in its order (per expansion list object: nothing to hash), for
 * the run; past 1,000,000 actions held it starts over (bounded whatever the input).
 */
function infosOf(expanded: readonly string[]): readonly ActionInfo[] {
  const memo = engineContext().slot('grammar/helpers expansion infos', () => ({ lists: new WeakMap<readonly string[], readonly ActionInfo[]>(), held: 0 }));
  let infos = memo.lists.get(expanded);
  if (!infos) {
    if (memo.held + expanded.length > 1_000_000) {
      memo.lists = new WeakMap();
      memo.held = 0;
    }
    memo.lists.set(expanded, (infos = expanded.map((k) => actionInfo(k)!)));
    memo.held += expanded.length;
  }
  return infos;
}

/**
 * The actions a statement's Action element covers; undefined when the statement has no Action list, or it is too
 * broad to judge action by action.
 */
export function statementActions(policy: PolicyRecord, s: StatementView): StatementActions | undefined {
  if (actionsMemo.has(s)) return actionsMemo.get(s);
  let result: StatementActions | undefined;
  const only = s.action?.length === 1 ? s.action[0]! : undefined;
  if (only && typeof only.value === 'string' && !placeholderAt(policy, only.path)) {
    // one element (the common case): its expansion's actions as they are (distinct), no map to build
    const expanded = expandActionPattern(only.value);
    result = expanded.length > MAX_JUDGED_ACTIONS ? undefined : { actions: infosOf(expanded).slice(), complete: expanded.length > 0 };
  } else if (s.action) {
    const seen = new Map<string, ActionInfo>();
    let complete = true;
    let tooMany = false;
    for (const v of s.action) {
      if (typeof v.value !== 'string' || placeholderAt(policy, v.path)) {
        complete = false;
        continue;
      }
      const expanded = expandActionPattern(v.value);
      if (!expanded.length) complete = false;
      if (expanded.length + seen.size > MAX_JUDGED_ACTIONS) {
        tooMany = true;
        break;
      }
      const infos = infosOf(expanded);
      for (let i = 0; i < expanded.length; i++) if (!seen.has(expanded[i]!)) seen.set(expanded[i]!, infos[i]!);
    }
    result = tooMany ? undefined : { actions: [...seen.values()], complete };
  }
  actionsMemo.set(s, result);
  return result;
}

/**
 * Does the statement's Action element cover a wildcard-only action (`statementActions`' actions, or more when those
 * are undefined)? From the catalogue's index alone: `statementActions` parses the details of every action it covers
 * (each action of a service for `s3:*`), which a rule that gives up on any wildcard-only action need not wait for.
 * Per expansion list object for the run; a walk stops at the first such action.
 */
export function coversWildcardOnlyAction(policy: PolicyRecord, s: StatementView): boolean {
  if (!s.action) return false;
  const memo = engineContext().slot('grammar/helpers wildcard-only expansions', () => new WeakMap<readonly string[], boolean>());
  for (const v of s.action) {
    if (typeof v.value !== 'string' || placeholderAt(policy, v.path)) continue;
    const expanded = expandActionPattern(v.value);
    let found = memo.get(expanded);
    if (found === undefined) {
      found = false;
      for (let i = 0; i < expanded.length && !found; i++) found = isWildcardOnly(expanded[i]!);
      memo.set(expanded, found);
    }
    if (found) return true;
  }
  return false;
}

/**
 * The ARN formats of the ARN's service whose resource part could match the ARN's resource part (the resource types
 * the author may have meant). [] when the service is unknown or nothing matches.
 */
export function candidateArnFormats(arn: ArnParts): readonly { type: string; format: ArnParts }[] {
  const resource = arn.resource.replace(/\$\{[^}]*\}/g, '*');
  // a pure function of the service and the resource part, asked by two rules for every ARN of every statement:
  // memoised per pair for the run (the JSON-quoted service ends where its closing quote is: no two pairs share a key)
  const key = `${JSON.stringify(arn.service)}${resource}`;
  if (key.length > 1_024) return candidatesUncached(arn.service, resource);
  const memo = engineContext().slot('grammar/helpers candidate ARN formats', () => new Memo<string, readonly { type: string; format: ArnParts }[]>(10_000));
  // stored under a copy of its own (the resource part may be a slice of its file's text)
  return memo.get(key) ?? memo.set(ownCopy(key), candidatesUncached(arn.service, resource));
}

function candidatesUncached(service: string, resource: string): readonly { type: string; format: ArnParts }[] {
  const out: { type: string; format: ArnParts }[] = [];
  for (const rt of serviceResourceTypes(service)) {
    for (const f of rt.arnFormats) {
      const fp = parseArn(f);
      if (!fp) continue;
      if (globsIntersect(resource, fp.resource, true) !== false) out.push({ type: rt.name, format: fp });
    }
  }
  return out;
}
