/**
 * What a pull request's change to the config file would do once merged: the base config's options against the head
 * config's options (both resolved over the same defaults, Action inputs and CLI flags, so a setting an input
 * overrides changes nothing). Only changes that can hide or downgrade a finding are returned: new or extended
 * suppressions, narrower scope (paths/include/exclude), re-typed files, a lower `fail-on`, rules turned off or
 * lowered, more trusted accounts/organisations/OIDC subjects/external policies, fewer Access Analyzer checks,
 * changed reference policies, parameter values, tfvars lists or organisation model (these decide what is analysed
 * and how: they need the same review). Changes that only strengthen return nothing. Pure.
 */
import type { Options } from './options.js';
import type { Severity } from '../result.js';
import { severityRank } from '../result.js';
import { pathGlobCovers } from '../util/path-glob.js';

export interface Weakening {
  /** JSON pointer of the key in the config file (for its line), e.g. `/fail-on`, `/ignore/2`. */
  pointer: string;
  /** Short phrase for the summary sentence ("adds 2 suppressions"); entries with the same `kind` are counted. */
  kind: string;
  /** What this one change does, one sentence. */
  message: string;
}

type IgnoreEntry = Options['ignore'][number];

const json = (v: unknown) => JSON.stringify(v);
const ignoreKey = (e: IgnoreEntry) => json([e.rule.toLowerCase(), e.files ?? null, e.resource ?? null, e.sid ?? null, e.action?.toLowerCase() ?? null]);
const AA_MODES: Record<Options['accessAnalyzer'], number> = { on: 2, auto: 1, off: 0 };

function describeIgnore(e: IgnoreEntry): string {
  const parts = [`rule ${e.rule}`];
  if (e.files) parts.push(`files ${e.files.join(', ')}`);
  if (e.resource) parts.push(`resource ${e.resource}`);
  if (e.sid) parts.push(`sid ${e.sid}`);
  if (e.action) parts.push(`action ${e.action}`);
  return parts.join(', ');
}

/** Later expiry (or none) than every base entry with the same matchers. */
function extends_(head: IgnoreEntry, base: IgnoreEntry[]): boolean {
  if (!head.expires) return base.every((b) => b.expires !== undefined);
  return base.every((b) => b.expires !== undefined && b.expires < head.expires!);
}

function ignoreChanges(base: Options, head: Options, out: Weakening[]): void {
  const byKey = new Map<string, IgnoreEntry[]>();
  for (const e of base.ignore) byKey.set(ignoreKey(e), [...(byKey.get(ignoreKey(e)) ?? []), e]);
  head.ignore.forEach((e, i) => {
    const same = byKey.get(ignoreKey(e));
    const pointer = `/ignore/${i}`;
    if (!same) out.push({ pointer, kind: 'suppression', message: `adds a suppression (${describeIgnore(e)})` });
    else if (extends_(e, same))
      out.push({ pointer, kind: 'extended suppression', message: `extends the suppression (${describeIgnore(e)}) ${e.expires ? `to ${e.expires}` : 'without an expiry date'}` });
  });
}

function globChanges(base: Options, head: Options, out: Weakening[]): void {
  // an include list can only narrow what is analysed: no list (everything) -> a list, or a base glob no head glob covers
  // `!` patterns take paths back out of a list: a new one in include narrows, a dropped one in exclude excludes more;
  // with any of them in play the coverage shortcut is not used
  const neg = (l: string[]) => l.filter((g) => g.startsWith('!'));
  const plain = neg(base.include).length === 0 && neg(head.include).length === 0;
  const covered = (g: string) => (plain ? head.include.some((h) => pathGlobCovers(h, g)) : head.include.includes(g));
  if (head.include.length && (!base.include.length || !base.include.every(covered) || neg(head.include).some((g) => !base.include.includes(g))))
    out.push({ pointer: '/paths', kind: 'narrower scope', message: `narrows the files analysed to ${head.include.join(', ')}` });
  const plainEx = neg(base.exclude).length === 0 && neg(head.exclude).length === 0;
  const added = head.exclude.filter((g) => !g.startsWith('!') && !base.exclude.some((b) => b === g || (plainEx && pathGlobCovers(b, g))));
  const dropped = neg(base.exclude).filter((g) => !head.exclude.includes(g));
  if (added.length || dropped.length)
    out.push({ pointer: '/exclude', kind: 'exclusion', message: `excludes ${[...added, ...dropped.map((g) => g.slice(1))].join(', ')} from the analysis` });
  if (json(head.policyTypes) !== json(base.policyTypes)) {
    const changed = head.policyTypes.filter((e) => !base.policyTypes.some((b) => json(b) === json(e)));
    out.push({
      pointer: '/policy-types',
      kind: 're-typed files',
      message: changed.length ? `re-types files: ${changed.map((e) => `${e.files.join(', ')} as ${e.type}`).join('; ')}` : 'changes which policy type raw files are read as',
    });
  }
}

function severityChanges(base: Options, head: Options, defaultSeverity: (id: string) => Severity | undefined, out: Weakening[]): void {
  if (severityRank(head.failOn) < severityRank(base.failOn)) out.push({ pointer: '/fail-on', kind: `fail-on lowered to ${head.failOn}`, message: `lowers fail-on from ${base.failOn} to ${head.failOn} (only findings at ${head.failOn} or above would block)` });
  if (base.failOnExisting && !head.failOnExisting) out.push({ pointer: '/fail-on-existing', kind: 'fail-on-existing off', message: 'stops failing on findings that already existed' });
  for (const [id, h] of Object.entries(head.rules)) {
    const b = base.rules[id] ?? {};
    const pointer = `/rules/${id.replace(/~/g, '~0').replace(/\//g, '~1')}`;
    if (h.enabled === false && b.enabled !== false) {
      out.push({ pointer, kind: 'rule turned off', message: `turns rule ${id} off` });
      continue;
    }
    if (h.severity === undefined || h.severity === b.severity) continue;
    const was = b.severity ?? defaultSeverity(id);
    if (was === undefined || severityRank(h.severity) > severityRank(was))
      out.push({ pointer, kind: 'rule severity lowered', message: `sets the severity of ${id} to ${h.severity}${was ? ` (was ${was})` : ''}` });
  }
}

function added(base: string[], head: string[]): string[] {
  return head.filter((x) => !base.includes(x));
}

function trustChanges(base: Options, head: Options, out: Weakening[]): void {
  const lists: [keyof Options & ('trustedAccounts' | 'trustedOrgIds' | 'trustedOidcSubjects'), string, string][] = [
    ['trustedAccounts', '/trusted-accounts', 'trusted account'],
    ['trustedOrgIds', '/trusted-org-ids', 'trusted organisation'],
    ['trustedOidcSubjects', '/trusted-oidc-subjects', 'trusted OIDC subject'],
  ];
  for (const [k, pointer, what] of lists) {
    const more = added(base[k], head[k]);
    if (more.length) out.push({ pointer, kind: what, message: `trusts ${more.length === 1 ? `the ${what}` : `${more.length} more ${what}s:`} ${more.join(', ')}` });
  }
  const tokens = added(base.placeholders, head.placeholders);
  if (tokens.length)
    out.push({ pointer: '/placeholders', kind: 'more placeholders', message: `treats more values as template tokens (no grammar, ARN or type finding about them): ${tokens.join(', ')}` });
  const ext = added(base.externalPolicies.map((e) => e.arn), head.externalPolicies.map((e) => e.arn));
  if (ext.length) out.push({ pointer: '/external-policies', kind: 'external policy accepted', message: `accepts external policies without analysis: ${ext.join(', ')}` });
  for (const [k, pointer] of [['sensitiveActions', '/sensitive-actions'], ['sensitiveResources', '/sensitive-resources']] as const) {
    const dropped = base[k].filter((x) => !head[k].includes(x));
    if (dropped.length) out.push({ pointer, kind: 'fewer sensitive actions/resources', message: `no longer checks access to ${dropped.join(', ')}` });
  }
}

function accessAnalyzerChanges(base: Options, head: Options, out: Weakening[]): void {
  if (AA_MODES[head.accessAnalyzer] < AA_MODES[base.accessAnalyzer])
    out.push({ pointer: '/access-analyzer', kind: `Access Analyzer ${head.accessAnalyzer}`, message: `sets access-analyzer from ${base.accessAnalyzer} to ${head.accessAnalyzer}` });
  const checks = [
    ['checkNoNewAccess', 'no-new-access'],
    ['checkAccessNotGranted', 'access-not-granted'],
    ['checkNoPublicAccess', 'no-public-access'],
  ] as const;
  for (const [k, name] of checks)
    if (base.aa[k] && !head.aa[k]) out.push({ pointer: '/access-analyzer/custom-checks', kind: 'Access Analyzer check off', message: `turns the ${name} custom check off` });
  if (!base.aa.allowFailures && head.aa.allowFailures)
    out.push({ pointer: '/access-analyzer/allow-failures', kind: 'Access Analyzer failures allowed', message: 'lets a failed Access Analyzer call pass instead of making the verdict incomplete' });
  if (head.aa.maxBilledCalls < base.aa.maxBilledCalls)
    out.push({ pointer: '/access-analyzer/max-billed-calls', kind: 'fewer Access Analyzer checks', message: `lowers max-billed-calls from ${base.aa.maxBilledCalls} to ${head.aa.maxBilledCalls}` });
}

/** Settings that decide what is analysed and how: any change needs review (it can hide a finding). */
function inputChanges(base: Options, head: Options, out: Weakening[]): void {
  const same = (a: unknown, b: unknown) => json(a) === json(b);
  if (!same(base.referencePolicies, head.referencePolicies))
    out.push({ pointer: '/reference-policies', kind: 'reference policies changed', message: 'changes the reference policies CheckNoNewAccess compares with' });
  if (!same(base.organization ?? null, head.organization ?? null))
    out.push({ pointer: '/organization', kind: 'organisation model changed', message: 'changes the organisation model the SCP checks use' });
  if (base.organizationLive && !head.organizationLive)
    out.push({ pointer: '/organization-live', kind: 'organisation not read', message: 'stops reading the organisation from AWS Organizations for the SCP checks' });
  if (!same(base.cfnParameters, head.cfnParameters))
    out.push({ pointer: '/cloudformation/parameters', kind: 'parameter values changed', message: 'changes the CloudFormation parameter values templates are analysed with' });
  if (!same(base.tfvarsFiles, head.tfvarsFiles)) out.push({ pointer: '/terraform/tfvars', kind: 'tfvars changed', message: 'changes the Terraform variable files the analysis uses' });
  if (!base.defaultExcludes && head.defaultExcludes)
    out.push({ pointer: '/default-excludes', kind: 'exclusion', message: 'skips build and vendor folders (vendor/, site-packages/, cdk.out/asset.*, dist/) in a directory walk' });
  for (const [k, rules] of Object.entries(head.suppressionMappings)) {
    const was = base.suppressionMappings[k] ?? [];
    const added = rules.filter((r) => !was.includes(r));
    if (added.length)
      out.push({ pointer: '/suppression-mappings', kind: 'suppression', message: `lets a template's ${k} suppression hide ${added.join(', ')} findings` });
  }
  if (base.terraformAllResources && !head.terraformAllResources)
    out.push({ pointer: '/terraform/all-resources', kind: 'fewer plan resources', message: 'stops analysing plan resources whose change is no-op or delete' });
  for (const [k, pointer] of [['account', '/account'], ['partition', '/partition']] as const)
    if (base[k] !== head[k]) out.push({ pointer, kind: `${k} changed`, message: `changes ${k} from ${base[k]} to ${head[k]} (what counts as "this account")` });
  // max-file-size and file-time-budget-ms: a file over a bound is "not analysed" (incomplete), so no bound hides a finding
  if (head.maxSuppressionDays > base.maxSuppressionDays)
    out.push({ pointer: '/max-suppression-days', kind: 'longer suppressions allowed', message: `allows suppressions up to ${head.maxSuppressionDays} days ahead (was ${base.maxSuppressionDays})` });
}

export function configWeakenings(base: Options, head: Options, defaultSeverity: (id: string) => Severity | undefined = () => undefined): Weakening[] {
  const out: Weakening[] = [];
  ignoreChanges(base, head, out);
  globChanges(base, head, out);
  severityChanges(base, head, defaultSeverity, out);
  trustChanges(base, head, out);
  accessAnalyzerChanges(base, head, out);
  inputChanges(base, head, out);
  return out;
}

/** "adds 2 suppressions and lowers fail-on to error" */
export function summariseWeakenings(list: Weakening[]): string {
  const counts = new Map<string, number>();
  for (const w of list) counts.set(w.kind, (counts.get(w.kind) ?? 0) + 1);
  const phrase = ([kind, n]: [string, number]): string => {
    if (kind === 'suppression') return `adds ${n} suppression${n === 1 ? '' : 's'}`;
    if (kind === 'extended suppression') return `extends ${n} suppression${n === 1 ? '' : 's'}`;
    if (kind === 'exclusion') return 'excludes files';
    if (kind.startsWith('fail-on lowered to ')) return `lowers fail-on to ${kind.slice('fail-on lowered to '.length)}`;
    return n > 1 ? `${kind} (${n})` : kind;
  };
  const parts = [...counts].map(phrase);
  return parts.length <= 1 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}
