/**
 * Config validation messages: a zod issue as the key written in the file and its line, "did you mean" for unknown
 * keys, and the checks across keys the schema cannot express.
 */
import type { z } from 'zod';
import type { Parsed } from '../text/positions.js';
import { lineOf } from '../text/positions.js';
import { escapeSegment } from '../policy/source-map.js';
import { configJsonSchema } from './schema.js';
import type { Config } from './schema.js';
import type { ConfigIssue } from './load.js';
import { checkRuleId } from '../rules-meta/index.js';
import { accountString } from './layer.js';

// ---------------------------------------------------------------------------------------------------------------
// errors: zod issue -> (key as written, line)

function pointerOf(p: readonly PropertyKey[]): string {
  return p.map((s) => '/' + escapeSegment(typeof s === 'symbol' ? String(s.description) : (s as string | number))).join('');
}

/** `ignore[2].reason` for ['ignore', 2, 'reason']. */
function keyOf(p: readonly PropertyKey[]): string {
  let out = '';
  for (const s of p) {
    if (typeof s === 'number') out += `[${s}]`;
    else {
      const k = String(typeof s === 'symbol' ? s.description : s);
      out += /^[A-Za-z0-9_$-]+$/.test(k) ? (out ? '.' : '') + k : `[${JSON.stringify(k)}]`;
    }
  }
  return out;
}

/** The value at `ptr` in the parsed data. */
function valueAt(parsed: Parsed, p: readonly PropertyKey[]): unknown {
  let v: unknown = parsed.value;
  for (const s of p) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[s as string];
  }
  return v;
}

let knownKeys: string[] | undefined;
/** Every key name the schema knows (for "did you mean"). */
function allKeys(): string[] {
  if (knownKeys) return knownKeys;
  const out = new Set<string>();
  const walk = (s: unknown) => {
    if (!s || typeof s !== 'object') return;
    const o = s as Record<string, unknown>;
    if (o.properties && typeof o.properties === 'object') for (const k of Object.keys(o.properties)) out.add(k);
    for (const v of Object.values(o)) walk(v);
  };
  walk(configJsonSchema());
  knownKeys = [...out];
  return knownKeys;
}

function distance(a: string, b: string): number {
  const d = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = d[0]!;
    d[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = d[j]!;
      d[j] = Math.min(d[j]! + 1, d[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return d[b.length]!;
}

function suggestion(key: string): string {
  const norm = key.toLowerCase().replace(/_/g, '-').replace(/([a-z])([A-Z])/g, '$1-$2');
  let best: string | undefined;
  let bestD = Infinity;
  for (const k of allKeys()) {
    const d = distance(norm, k);
    if (d < bestD) {
      bestD = d;
      best = k;
    }
  }
  return best && bestD <= Math.max(1, Math.floor(key.length / 3)) ? ` (did you mean "${best}"?)` : '';
}

export function toIssues(issue: z.core.$ZodIssue, parsed: Parsed, prefix: readonly PropertyKey[] = []): ConfigIssue[] {
  const p = [...prefix, ...issue.path];
  if (issue.code === 'invalid_union' && issue.errors.length) {
    // the value has the right overall shape for one alternative (e.g. a mapping) and is wrong inside it: report that
    // alternative's own problems rather than "must be X or Y"
    const inside = issue.errors.filter((branch) => branch.length > 0 && branch.every((i) => i.path.length > 0));
    if (inside.length >= 1) return inside[0]!.flatMap((i) => toIssues(i, parsed, p));
  }
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((k) => {
      const kp = [...p, k];
      return { key: keyOf(kp), line: lineOf(parsed, pointerOf(kp)), message: `unknown key${suggestion(k)}` };
    });
  }
  let message = issue.message;
  if (issue.code === 'invalid_type' && valueAt(parsed, p) === undefined && !/required/.test(message)) message = 'is required';
  else if (issue.code === 'invalid_key') message = `invalid key: ${issue.issues[0]?.message ?? message}`;
  else if (issue.code === 'invalid_type') message = message.replace(/^Invalid input: expected (\w+), received (\w+)$/, 'must be a $1 (got $2)');
  return [{ key: keyOf(p), line: lineOf(parsed, pointerOf(p)), message }];
}

/** Checks across keys that the schema cannot express. */
export function crossChecks(cfg: Config, parsed: Parsed): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const at = (p: PropertyKey[], message: string) => issues.push({ key: keyOf(p), line: lineOf(parsed, pointerOf(p)), message });
  if (cfg.paths !== undefined && cfg.include !== undefined) at(['include'], 'give either paths or include, not both');
  const org = cfg.organization;
  if (org) {
    const scps = new Set(Object.keys(org.scps ?? {}));
    const ouNames = new Map<string, string>(); // name or id -> path
    const accountsSeen = new Map<string, string>();
    const walk = (ous: Record<string, OuLike>, base: PropertyKey[], depth: number) => {
      for (const [name, ou] of Object.entries(ous)) {
        const p = [...base, name];
        if (depth > 5) at(p, 'OUs nest at most 5 levels under the root');
        for (const k of [name, ou.id].filter((x): x is string => !!x)) {
          if (ouNames.has(k)) at(ou.id === k ? [...p, 'id'] : p, `OU "${k}" appears twice in the tree`);
          ouNames.set(k, keyOf(p));
        }
        (ou.accounts ?? []).forEach((a, i) => {
          const id = accountString(a);
          if (accountsSeen.has(id)) at([...p, 'accounts', i], `account ${id} is already in ${accountsSeen.get(id)}`);
          accountsSeen.set(id, keyOf(p));
        });
        if (ou.ous) walk(ou.ous, [...p, 'ous'], depth + 1);
      }
    };
    walk(org.ous ?? {}, ['organization', 'ous'], 1);
    const isTarget = (t: string) => t === 'root' || t === org.root || ouNames.has(t) || /^\d{1,12}$/.test(t) || /^ou-[0-9a-z]{4,32}-[0-9a-z]{8,32}$/.test(t);
    for (const [target, names] of Object.entries(org.attachments ?? {})) {
      if (!isTarget(target)) at(['organization', 'attachments', target], `"${target}" is not root, an OU of organization.ous, an OU id or an account id`);
      const list = typeof names === 'string' ? [names] : names;
      list.forEach((n, i) => {
        if (!scps.has(n) && n !== 'FullAWSAccess')
          at(['organization', 'attachments', target, ...(typeof names === 'string' ? [] : [i])], `SCP "${n}" is not defined under organization.scps`);
      });
    }
    for (const [glob, targets] of Object.entries(org.deployments ?? {})) {
      const list = Array.isArray(targets) ? targets : [targets];
      list.forEach((t, i) => {
        const s = typeof t === 'number' ? accountString(t) : t;
        if (!isTarget(s))
          at(['organization', 'deployments', glob, ...(Array.isArray(targets) ? [i] : [])], `"${s}" is not an account id, an OU of organization.ous or an OU id`);
      });
    }
  }
  // every rule id named must be one a finding can carry: a typo would leave the rule blocking (or the entry idle)
  for (const id of Object.keys(cfg.rules ?? {})) {
    const c = checkRuleId(id, 'rules');
    if (!c.ok) at(['rules', id], c.message);
  }
  (cfg.ignore ?? []).forEach((e, i) => {
    const c = checkRuleId(e.rule, 'ignore');
    if (!c.ok) at(['ignore', i, 'rule'], c.message);
    if (e.action !== undefined && !/^(\*|[A-Za-z0-9*?-]+:[A-Za-z0-9*?]+)$/.test(e.action)) at(['ignore', i, 'action'], 'must be an IAM action pattern such as s3:* or iam:PassRole');
  });
  return issues;
}

export interface OuLike {
  id?: string;
  accounts?: (string | number)[];
  ous?: Record<string, OuLike>;
}

