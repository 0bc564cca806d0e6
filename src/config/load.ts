/**
 * Config file -> Options. The file is YAML (`.github/iam-policy-gate.yml` by default), validated against the zod
 * schema in schema.ts; unknown keys and bad values are config errors naming the file, the line and the key. The
 * validated file becomes one layer of options; precedence.ts merges it with the defaults, Action inputs and CLI
 * flags.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import type { Options } from './options.js';
import { defaultOptions } from './options.js';
import { parseWithPositions, InputError } from '../extract/positions.js';
import type { Parsed } from '../extract/positions.js';
import type { Severity } from '../result.js';
import { SEVERITIES } from '../result.js';
import type { PolicyType } from '../policy/types.js';
import { escapeSegment } from '../policy/source-map.js';
import { configSchema, configJsonSchema } from './schema.js';
import { checkRuleId } from '../rules-meta/index.js';
import type { OrganizationModel, OuModel } from './schema.js';
import { readRepoFile, decodeUtf8, ReadError } from '../sources/files.js';
import type { OptionLayers, OptionsLayer } from './precedence.js';
import { resolveOptions } from './precedence.js';
import { appendAll } from '../util/arrays.js';

export const DEFAULT_CONFIG_PATH = '.github/iam-policy-gate.yml';

/** Config files larger than this are refused (a config file is a few kilobytes). */
const MAX_CONFIG_BYTES = 1024 * 1024;

export interface ConfigIssue {
  /** The key, dotted, as written in the file (e.g. `ignore[2].reason`). */
  key: string;
  line?: number;
  message: string;
}

export class ConfigError extends Error {
  constructor(
    message: string,
    readonly file?: string,
    readonly line?: number,
    /** Every problem found (the first one is `message`). */
    readonly issues: ConfigIssue[] = [],
  ) {
    const where = (l?: number) => (file ? `${file}${l ? `:${l}` : ''}: ` : '');
    const more = issues.slice(1).map((i) => `\n${where(i.line)}${i.key ? `${i.key}: ` : ''}${i.message}`);
    super(`${where(line)}${message}${more.join('')}`);
    this.name = 'ConfigError';
  }
}

export function parseSeverity(v: unknown, where: string): Severity {
  if (typeof v === 'string' && (SEVERITIES as readonly string[]).includes(v)) return v as Severity;
  throw new ConfigError(`${where} must be one of ${SEVERITIES.join(', ')} (got ${JSON.stringify(v)})`);
}

export interface LoadedConfig {
  options: Options;
  /** The config file used, if any (cwd-relative). */
  file?: string;
}

/**
 * Load options: defaults, then the config file if present (`configPath` given explicitly must exist), then the
 * Action inputs and CLI flags given in `layers` (see precedence.ts).
 */
export function loadOptions(root: string, cwd: string, configPath?: string, layers: Omit<OptionLayers, 'file'> = {}): LoadedConfig {
  const defaults = defaultOptions(root, cwd);
  const explicit = configPath !== undefined && configPath !== '';
  const abs = explicit ? path.resolve(cwd, configPath) : path.join(root, DEFAULT_CONFIG_PATH);
  if (!existsSync(abs)) {
    if (explicit) throw new ConfigError(`config file not found: ${configPath}`);
    return { options: resolveOptions(defaults, layers) };
  }
  const display = toPosix(path.relative(cwd, abs)) || abs;
  const file = parseConfig(readConfigText(root, abs, display), display);
  const options = resolveOptions(defaults, { ...layers, file });
  checkSuppressionHorizon(options);
  return { options, file: display };
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * An `ignore` entry whose `expires` lies more than `max-suppression-days` (default 365) after `now` is a config
 * error: a far-future date is a permanent exception in disguise.
 */
export function checkSuppressionHorizon(options: Pick<Options, 'ignore' | 'maxSuppressionDays' | 'now'>): void {
  const limit = options.now.getTime() + options.maxSuppressionDays * DAY_MS;
  const issues: ConfigIssue[] = [];
  let file: string | undefined;
  options.ignore.forEach((e, i) => {
    if (!e.expires || Date.parse(`${e.expires}T00:00:00Z`) <= limit) return;
    file ??= e.source?.file;
    issues.push({
      key: `ignore[${i}].expires`,
      ...(e.source ? { line: e.source.line } : {}),
      message: `${e.expires} is more than ${options.maxSuppressionDays} days ahead (max-suppression-days): renew the exception when it expires instead`,
    });
  });
  if (issues.length) throw new ConfigError(`${issues[0]!.key}: ${issues[0]!.message}`, file, issues[0]!.line, issues);
}

/**
 * The config text. A file inside the repository is read like every repository file (a symlink that leaves the
 * repository is refused: the default config path is PR content). Only a file named explicitly by the operator
 * (`--config`, the `config` input) may lie outside the repository.
 */
export function readConfigText(root: string, abs: string, display: string): string {
  const rel = path.relative(root, abs);
  const inside = rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
  try {
    if (inside) return readRepoFile(root, toPosix(rel), MAX_CONFIG_BYTES);
    const st = statSync(abs);
    if (!st.isFile()) throw new ReadError('not a regular file');
    if (st.size > MAX_CONFIG_BYTES) throw new ReadError(`file is ${st.size} bytes, over the ${MAX_CONFIG_BYTES}-byte limit`);
    return decodeUtf8(readFileSync(abs));
  } catch (e) {
    throw new ConfigError(`cannot read the config file: ${(e as Error).message}`, display);
  }
}

function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}

/**
 * Parse and validate config text (YAML or JSON) into the options it sets. Pure. `file` is the name used in errors
 * and recorded with each ignore entry.
 */
export function parseConfig(text: string, file: string): OptionsLayer {
  let parsed: Parsed;
  try {
    parsed = parseWithPositions(text, file);
  } catch (e) {
    const err = e as InputError;
    throw new ConfigError(`invalid YAML: ${err.message}`, file, err.line);
  }
  if (parsed.value === null || parsed.value === undefined) return {};
  if (typeof parsed.value !== 'object' || Array.isArray(parsed.value)) throw new ConfigError('the config must be a mapping of keys', file, 1);
  const result = configSchema.safeParse(parsed.value);
  const issues: ConfigIssue[] = result.success ? [] : result.error.issues.flatMap((i) => toIssues(i, parsed));
  if (result.success) appendAll(issues, crossChecks(result.data, parsed));
  if (issues.length || !result.success) {
    issues.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
    const first = issues[0] ?? { key: '', message: 'invalid config' };
    throw new ConfigError(first.key ? `${first.key}: ${first.message}` : first.message, file, first.line, issues);
  }
  return toLayer(result.data, file, parsed);
}

type Config = z.output<typeof configSchema>;

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

/** Line of the key at `ptr` (or of its value, or of the nearest ancestor written in the file). */
export function lineOf(parsed: Parsed, ptr: string): number | undefined {
  let p = ptr;
  for (;;) {
    const line = parsed.keySpans.get(p)?.start.line ?? parsed.spans.get(p)?.start.line;
    if (line !== undefined) return line;
    if (p === '') return 1;
    p = p.slice(0, p.lastIndexOf('/'));
  }
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

function toIssues(issue: z.core.$ZodIssue, parsed: Parsed, prefix: readonly PropertyKey[] = []): ConfigIssue[] {
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
function crossChecks(cfg: Config, parsed: Parsed): ConfigIssue[] {
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

interface OuLike {
  id?: string;
  accounts?: (string | number)[];
  ous?: Record<string, OuLike>;
}

function accountString(a: string | number): string {
  return typeof a === 'number' ? String(a).padStart(12, '0') : /^\d{1,11}$/.test(a) ? a.padStart(12, '0') : a;
}

// ---------------------------------------------------------------------------------------------------------------
// validated file -> options layer

const list = (v: string | string[]): string[] => (typeof v === 'string' ? [v] : v);
/** Globs and paths are repository-relative: a leading `./` is dropped so `./infra/**` matches `infra/x.yml`. */
const globList = (v: string | string[]): string[] => list(v).map((g) => g.replace(/^(!?)(\.\/)+/, '$1'));

function parseSize(v: number | string): number {
  if (typeof v === 'number') return v;
  const m = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(v)!;
  const unit = (m[2] ?? '').toLowerCase();
  const mult = unit === 'kb' || unit === 'kib' ? 1024 : unit === 'mb' || unit === 'mib' ? 1024 * 1024 : 1;
  return Math.max(1, Math.round(Number(m[1]) * mult));
}

/** Normalise the organisation model: account ids as 12-digit strings, scalar shorthands as lists. */
function normaliseOrganization(org: NonNullable<Config['organization']>): OrganizationModel {
  const ous = (tree: Record<string, OuLike>): Record<string, OuModel> =>
    Object.fromEntries(
      Object.entries(tree).map(([name, ou]) => [
        name,
        {
          ...(ou.id ? { id: ou.id } : {}),
          accounts: (ou.accounts ?? []).map(accountString),
          ous: ous(ou.ous ?? {}),
        },
      ]),
    );
  return {
    ...(org.root ? { root: org.root } : {}),
    scps: { ...(org.scps ?? {}) },
    attachments: Object.fromEntries(Object.entries(org.attachments ?? {}).map(([t, n]) => [accountString(t), list(n)])),
    ous: ous(org.ous ?? {}),
    deployments: Object.fromEntries(
      Object.entries(org.deployments ?? {}).map(([g, t]) => [g, (Array.isArray(t) ? t : [t]).map((x) => accountString(x))]),
    ),
    exemptPrincipals: org['exempt-principals'] ?? [],
    pipelinePrincipals: org['pipeline-principals'] ?? [],
    ...(org['management-account'] !== undefined ? { managementAccount: accountString(org['management-account']) } : {}),
  };
}

function toLayer(cfg: Config, file: string, parsed: Parsed): OptionsLayer {
  const layer: OptionsLayer = {};
  const include = cfg.paths ?? cfg.include;
  if (include !== undefined) layer.include = globList(include);
  if (cfg.exclude !== undefined) layer.exclude = globList(cfg.exclude);
  if (cfg['default-excludes'] !== undefined) layer.defaultExcludes = cfg['default-excludes'];
  if (cfg['suppression-mappings'] !== undefined)
    layer.suppressionMappings = Object.fromEntries(Object.entries(cfg['suppression-mappings']).map(([k, v]) => [k, Array.isArray(v) ? v : [v]]));
  if (cfg['fail-on'] === 'none') layer.reportOnly = true;
  // the lowest layer: nothing earlier to reset (inputs and CLI flags set reportOnly back to false with a severity)
  else if (cfg['fail-on'] !== undefined) layer.failOn = cfg['fail-on'] as Severity;
  if (cfg['fail-on-existing'] !== undefined) layer.failOnExisting = cfg['fail-on-existing'];
  if (cfg['max-file-size'] !== undefined) layer.maxFileBytes = parseSize(cfg['max-file-size']);
  if (cfg['file-time-budget-ms'] !== undefined) layer.fileTimeBudgetMs = cfg['file-time-budget-ms'];
  if (cfg['policy-types'] !== undefined) layer.policyTypes = cfg['policy-types'].map((e) => ({ files: globList(e.files), type: e.type as PolicyType }));
  if (cfg.rules !== undefined) {
    layer.rules = {};
    for (const [id, s] of Object.entries(cfg.rules)) {
      if (s === 'off' || s === false) layer.rules[id] = { enabled: false };
      else if (s === 'on' || s === true) layer.rules[id] = { enabled: true };
      else if (typeof s === 'string') layer.rules[id] = { severity: s as Severity };
      else
        layer.rules[id] = {
          ...(s.enabled !== undefined ? { enabled: s.enabled } : {}),
          ...(s.severity !== undefined ? { severity: s.severity as Severity } : {}),
        };
    }
  }
  if (cfg.account !== undefined) layer.account = accountString(cfg.account);
  if (cfg.region !== undefined) layer.region = cfg.region;
  if (cfg.partition !== undefined) layer.partition = cfg.partition;
  if (cfg['trusted-accounts'] !== undefined) layer.trustedAccounts = cfg['trusted-accounts'].map(accountString);
  if (cfg['trusted-org-ids'] !== undefined) layer.trustedOrgIds = cfg['trusted-org-ids'];
  if (cfg['trusted-oidc-subjects'] !== undefined) layer.trustedOidcSubjects = cfg['trusted-oidc-subjects'];
  if (cfg['external-policies'] !== undefined) layer.externalPolicies = cfg['external-policies'].map((e) => ({ arn: e.arn, reason: e.reason }));
  if (cfg['sensitive-actions'] !== undefined) layer.sensitiveActions = cfg['sensitive-actions'];
  if (cfg['sensitive-resources'] !== undefined) layer.sensitiveResources = cfg['sensitive-resources'];
  if (cfg['reference-policies'] !== undefined) layer.referencePolicies = { ...cfg['reference-policies'] };
  if (cfg.organization !== undefined) layer.organization = normaliseOrganization(cfg.organization);
  if (cfg['organization-live'] !== undefined) layer.organizationLive = cfg['organization-live'];
  const params = cfg.cloudformation?.parameters;
  if (params !== undefined) {
    layer.cfnParameters = Array.isArray(params)
      ? params.map((e) => ({ files: globList(e.files), values: { ...(e.values ?? {}) }, ...(e.file ? { file: e.file } : {}) }))
      : Object.entries(params).map(([glob, values]) => ({ files: globList(glob), values: { ...values } }));
  }
  if (cfg.terraform?.tfvars !== undefined) layer.tfvarsFiles = globList(cfg.terraform.tfvars);
  if (cfg.terraform?.['all-resources'] !== undefined) layer.terraformAllResources = cfg.terraform['all-resources'];
  const aa = cfg['access-analyzer'];
  if (typeof aa === 'string') layer.accessAnalyzer = aa;
  else if (aa) {
    if (aa.mode !== undefined) layer.accessAnalyzer = aa.mode;
    const s: Partial<Options['aa']> = {};
    if (aa.region !== undefined) s.region = aa.region;
    if (aa.locale !== undefined) s.locale = aa.locale;
    if (aa['max-billed-calls'] !== undefined) s.maxBilledCalls = aa['max-billed-calls'];
    if (aa.concurrency !== undefined) s.concurrency = aa.concurrency;
    if (aa['cache-dir'] !== undefined) s.cacheDir = aa['cache-dir'] === false ? '' : aa['cache-dir'];
    if (aa['custom-checks'] !== undefined) {
      const on = new Set(aa['custom-checks']);
      s.checkNoNewAccess = on.has('no-new-access');
      s.checkAccessNotGranted = on.has('access-not-granted');
      s.checkNoPublicAccess = on.has('no-public-access');
    }
    if (aa['allow-failures'] !== undefined) s.allowFailures = aa['allow-failures'];
    if (Object.keys(s).length) layer.aa = s;
  }
  if (cfg['max-inline-comments'] !== undefined) layer.maxInlineComments = cfg['max-inline-comments'];
  if (cfg.comment !== undefined) layer.comment = cfg.comment;
  if (cfg.inline !== undefined) layer.inline = cfg.inline;
  if (cfg.annotations !== undefined) layer.annotations = cfg.annotations;
  if (cfg['comment-tag'] !== undefined) layer.commentTag = cfg['comment-tag'];
  if (cfg['max-suppression-days'] !== undefined) layer.maxSuppressionDays = cfg['max-suppression-days'];
  if (cfg.ignore !== undefined) {
    layer.ignore = cfg.ignore.map((e, i) => ({
      rule: e.rule,
      ...(e.files !== undefined ? { files: globList(e.files) } : {}),
      ...(e.resource !== undefined ? { resource: e.resource } : {}),
      ...(e.sid !== undefined ? { sid: e.sid } : {}),
      ...(e.action !== undefined ? { action: e.action } : {}),
      reason: e.reason,
      ...(e.expires !== undefined ? { expires: e.expires } : {}),
      source: { file, line: lineOf(parsed, `/ignore/${i}`) ?? 1 },
    }));
  }
  return layer;
}
