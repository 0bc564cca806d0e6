/** The validated config file as one layer of options (precedence.ts merges the layers). */
import type { Options } from './options.js';
import type { Severity } from '../result.js';
import type { PolicyType } from '../policy/types.js';
import type { Parsed } from '../text/positions.js';
import type { Config, OrganizationModel, OuModel } from './schema.js';
import type { OptionsLayer } from './precedence.js';
import { lineOf } from '../text/positions.js';
import type { OuLike } from './issues.js';

/** Account ids as 12-digit strings (YAML reads 012345678901 as a number). */
export function accountString(a: string | number): string {
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
function normaliseOrganisation(org: NonNullable<Config['organization']>): OrganizationModel {
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

export function toLayer(cfg: Config, file: string, parsed: Parsed): OptionsLayer {
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
  if (cfg.rules !== undefined) layer.rules = rulesLayer(cfg.rules);
  if (cfg.account !== undefined) layer.account = accountString(cfg.account);
  if (cfg.region !== undefined) layer.region = cfg.region;
  if (cfg.partition !== undefined) layer.partition = cfg.partition;
  if (cfg['trusted-accounts'] !== undefined) layer.trustedAccounts = cfg['trusted-accounts'].map(accountString);
  if (cfg['trusted-org-ids'] !== undefined) layer.trustedOrgIds = cfg['trusted-org-ids'];
  if (cfg.placeholders !== undefined) layer.placeholders = cfg.placeholders;
  if (cfg['trusted-oidc-subjects'] !== undefined) layer.trustedOidcSubjects = cfg['trusted-oidc-subjects'];
  if (cfg['external-policies'] !== undefined) layer.externalPolicies = cfg['external-policies'].map((e) => ({ arn: e.arn, reason: e.reason }));
  if (cfg['sensitive-actions'] !== undefined) layer.sensitiveActions = cfg['sensitive-actions'];
  if (cfg['sensitive-resources'] !== undefined) layer.sensitiveResources = cfg['sensitive-resources'];
  if (cfg['reference-policies'] !== undefined) layer.referencePolicies = { ...cfg['reference-policies'] };
  if (cfg.organization !== undefined) layer.organization = normaliseOrganisation(cfg.organization);
  if (cfg['organization-live'] !== undefined) layer.organizationLive = cfg['organization-live'];
  const params = cfg.cloudformation?.parameters;
  if (params !== undefined) {
    layer.cfnParameters = Array.isArray(params)
      ? params.map((e) => ({ files: globList(e.files), values: { ...(e.values ?? {}) }, ...(e.file ? { file: e.file } : {}) }))
      : Object.entries(params).map(([glob, values]) => ({ files: globList(glob), values: { ...values } }));
  }
  if (cfg.terraform?.tfvars !== undefined) layer.tfvarsFiles = globList(cfg.terraform.tfvars);
  if (cfg.terraform?.['all-resources'] !== undefined) layer.terraformAllResources = cfg.terraform['all-resources'];
  accessAnalyzerLayer(cfg['access-analyzer'], layer);
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

/** `rules:` as per-rule settings (off/on, a severity, or both). */
function rulesLayer(rules: NonNullable<Config['rules']>): NonNullable<OptionsLayer['rules']> {
  const out: NonNullable<OptionsLayer['rules']> = {};
  for (const [id, s] of Object.entries(rules)) {
    if (s === 'off' || s === false) out[id] = { enabled: false };
    else if (s === 'on' || s === true) out[id] = { enabled: true };
    else if (typeof s === 'string') out[id] = { severity: s as Severity };
    else
      out[id] = {
        ...(s.enabled !== undefined ? { enabled: s.enabled } : {}),
        ...(s.severity !== undefined ? { severity: s.severity as Severity } : {}),
      };
  }
  return out;
}

/** `access-analyzer:` (a mode, or a mapping of settings). */
function accessAnalyzerLayer(aa: Config['access-analyzer'], layer: OptionsLayer): void {
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
}
