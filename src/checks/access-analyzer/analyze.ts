/**
 * The Access Analyzer stage: for every record, ValidatePolicy plus the three custom checks, deduplicated within
 * the run, cached across runs, under a concurrency cap with adaptive backoff, and a cap on billed calls. Every
 * call that finally fails leaves the record listed as not analysed.
 */
import type { PolicyRecord } from '../../policy/types.js';
import type { AnalysisError, Finding } from '../../findings/types.js';
import type { Options } from '../../config/options.js';
import { canonicalJson, fingerprint } from '../../policy/fingerprint.js';
import { isObject } from '../../policy/statements.js';
import { segments } from '../../policy/source-map.js';
import type { AaApi, AaValidateFinding, CheckResponse } from './client.js';
import { CircuitOpen, Scheduler, classifyError } from './scheduler.js';
import type { SchedulerSettings } from './scheduler.js';
import type { ResultCache } from './cache.js';
import { requestKey } from './cache.js';
import { aaPolicyType, aaValidateResourceType, accessCheckPolicyType, publicAccessResourceType } from './resource-types.js';
import { DEFAULT_SENSITIVE_ACTIONS } from './sensitive-actions.js';
import { AA_DOCS, customFindings, validateFindingToFinding } from './findings.js';
import { actionMatches } from '../../engine/actions.js';
import { appendAll } from '../../util/arrays.js';

/** cfn-policy-validator's practical maximum for ValidatePolicy: characters without whitespace. */
export const MAX_POLICY_CHARS = 32_768;
/** CheckAccessNotGranted: at most 100 actions and 100 resources per access entry. */
export const ACCESS_BATCH = 100;
const MAX_PAGES = 200;

export type Operation = 'ValidatePolicy' | 'CheckNoNewAccess' | 'CheckAccessNotGranted' | 'CheckNoPublicAccess';
export const BILLED: readonly Operation[] = ['CheckNoNewAccess', 'CheckAccessNotGranted', 'CheckNoPublicAccess'];

export interface AaStats {
  records: number;
  /** HTTP requests made (every page and every retry). */
  requests: number;
  /** HTTP requests per operation, retries included (a paginated ValidatePolicy counts once per page). */
  calls: Record<Operation, number>;
  billedCalls: number;
  cacheHits: number;
  /** Identical requests within the run answered by one call. */
  deduped: number;
  throttled: number;
  retried: number;
  /** Custom checks not made because the billed-call cap was reached. */
  skippedForCap: number;
}

export interface AaRunInput {
  policies: PolicyRecord[];
  options: Options;
  api: AaApi;
  cache: ResultCache;
  region: string;
  /** Reads a repository file (reference policies); contained to the repository root. */
  readRepoFile?: (repoRelative: string) => string;
  scheduler?: Partial<SchedulerSettings>;
}

export interface AaRunResult {
  findings: Finding[];
  /** Records (and config) that could not be analysed. */
  errors: AnalysisError[];
  notes: string[];
  stats: AaStats;
}

type Outcome<T> = { ok: true; value: T } | { ok: false; kind: 'cap' } | { ok: false; kind: 'error'; error: unknown };

/** The exact permissions the CI role needs for the enabled checks. */
export function requiredPermissions(options: Options): string[] {
  return [
    'access-analyzer:ValidatePolicy',
    ...(options.aa.checkNoNewAccess ? ['access-analyzer:CheckNoNewAccess'] : []),
    ...(options.aa.checkAccessNotGranted ? ['access-analyzer:CheckAccessNotGranted'] : []),
    ...(options.aa.checkNoPublicAccess ? ['access-analyzer:CheckNoPublicAccess'] : []),
  ];
}

function errorText(e: unknown): string {
  const err = (e ?? {}) as { name?: string; message?: string; reason?: string; $metadata?: { httpStatusCode?: number } };
  const name = err.name && err.name !== 'Error' ? err.name : `HTTP ${err.$metadata?.httpStatusCode ?? 'error'}`;
  return `${name}${err.reason ? ` (${err.reason})` : ''}: ${(err.message ?? String(e)).split('\n')[0]}`;
}

function isDenied(e: unknown): boolean {
  const err = (e ?? {}) as { name?: string; $metadata?: { httpStatusCode?: number } };
  return err.name === 'AccessDeniedException' || err.$metadata?.httpStatusCode === 403;
}

export const LOCALES = ['DE', 'EN', 'ES', 'FR', 'IT', 'JA', 'KO', 'PT_BR', 'ZH_CN', 'ZH_TW'] as const;

/** `pt-BR`, `ja`, `ZH_TW` -> Access Analyzer's Locale enum value, or undefined when it has none. */
export function normaliseLocale(locale: string): string | undefined {
  const l = locale.trim().toUpperCase().replace(/-/g, '_');
  return (LOCALES as readonly string[]).includes(l) ? l : undefined;
}

function chunk<T>(list: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

/** Access entries for CheckAccessNotGranted: ≤100 actions × ≤100 resources each (the cross product of chunks). */
export function accessBatches(actions: readonly string[], resources: readonly string[]): { actions?: string[]; resources?: string[] }[] {
  const a = chunk([...new Set(actions)], ACCESS_BATCH);
  const r = chunk([...new Set(resources)], ACCESS_BATCH);
  if (!a.length) return r.map((resources) => ({ resources }));
  if (!r.length) return a.map((actions) => ({ actions }));
  return a.flatMap((actions) => r.map((resources) => ({ actions, resources })));
}

export async function runAccessAnalyzerChecks(input: AaRunInput): Promise<AaRunResult> {
  const { policies, options, api, cache, region } = input;
  const findings: Finding[] = [];
  const errors: AnalysisError[] = [];
  const notes: string[] = [];
  const stats: AaStats = {
    records: policies.length,
    requests: 0,
    calls: { ValidatePolicy: 0, CheckNoNewAccess: 0, CheckAccessNotGranted: 0, CheckNoPublicAccess: 0 },
    billedCalls: 0,
    cacheHits: 0,
    deduped: 0,
    throttled: 0,
    retried: 0,
    skippedForCap: 0,
  };
  const scheduler = new Scheduler({ concurrency: options.aa.concurrency, ...input.scheduler });
  const inFlight = new Map<string, Promise<Outcome<unknown>>>();
  const denied = new Map<Operation, unknown>();
  /** Set when a call failed after every retry (throttled/5xx/network): the rest fail fast, bounding the run's time. */
  let unavailable: unknown;

  /** One logical request: deduplicated, cached, capped, scheduled. */
  function call<T>(op: Operation, request: unknown, perform: () => Promise<T>): Promise<Outcome<T>> {
    const key = requestKey(op, region, request);
    const running = inFlight.get(key);
    if (running) {
      stats.deduped++;
      return running as Promise<Outcome<T>>;
    }
    const p = (async (): Promise<Outcome<T>> => {
      const cached = cache.get(key);
      if (cached !== undefined) {
        stats.cacheHits++;
        return { ok: true, value: cached as T };
      }
      const billed = BILLED.includes(op);
      if (billed) {
        if (stats.billedCalls >= options.aa.maxBilledCalls) {
          stats.skippedForCap++;
          return { ok: false, kind: 'cap' };
        }
        stats.billedCalls++;
      }
      const before = denied.get(op) ?? unavailable;
      if (before) return { ok: false, kind: 'error', error: before };
      try {
        const value = await perform();
        cache.set(key, value);
        return { ok: true, value };
      } catch (e) {
        const error = e instanceof CircuitOpen ? e.original : e;
        if (isDenied(error)) denied.set(op, error);
        else if (classifyError(error) !== 'fatal') unavailable ??= error;
        return { ok: false, kind: 'error', error };
      }
    })();
    inFlight.set(key, p);
    return p;
  }

  /** One HTTP request through the scheduler. */
  function request<T>(op: Operation, fn: () => Promise<T>): Promise<T> {
    return scheduler.run(() => {
      const d = denied.get(op) ?? unavailable;
      if (d) return Promise.reject(new CircuitOpen(d));
      stats.requests++;
      stats.calls[op]++;
      return fn();
    });
  }

  function validate(req: { policyDocument: string; policyType: string; validatePolicyResourceType?: string; locale?: string }) {
    return call('ValidatePolicy', req, async () => {
      const all: AaValidateFinding[] = [];
      const seen = new Set<string>();
      let nextToken: string | undefined;
      for (let page = 0; ; page++) {
        if (page >= MAX_PAGES) throw new Error(`ValidatePolicy returned more than ${MAX_PAGES} pages`);
        const out = await request('ValidatePolicy', () => api.validatePolicy({ ...req, ...(nextToken ? { nextToken } : {}) }));
        appendAll(all, out.findings);
        if (!out.nextToken) break;
        if (seen.has(out.nextToken)) throw new Error('ValidatePolicy repeated a pagination token');
        seen.add(out.nextToken);
        nextToken = out.nextToken;
      }
      return all;
    });
  }

  const check = <R>(op: Operation, req: R, fn: (r: R) => Promise<CheckResponse>) =>
    call(op, req, async () => {
      const out = await request(op, () => fn(req));
      if (out.result !== 'PASS' && out.result !== 'FAIL') throw new Error(`${op} returned no result`);
      return { result: out.result, ...(out.message ? { message: out.message } : {}), reasons: out.reasons ?? [] };
    });

  // reference policies from the config, read once
  const references: Partial<Record<'IDENTITY_POLICY' | 'RESOURCE_POLICY', string>> = {};
  if (options.aa.checkNoNewAccess) {
    for (const [kind, rel] of [
      ['IDENTITY_POLICY', options.referencePolicies.identity],
      ['RESOURCE_POLICY', options.referencePolicies.resource],
    ] as const) {
      if (!rel) continue;
      try {
        // in a pull request the reference comes from the base commit (config/trusted.ts), never from the PR
        const trusted = options.trustedConfigFiles;
        let text: string;
        if (trusted) {
          const t = trusted[rel];
          if (t === undefined || t === null) throw new Error('the file does not exist at the base commit');
          text = t;
        } else if (input.readRepoFile) text = input.readRepoFile(rel);
        else throw new Error('no repository reader');
        references[kind] = JSON.stringify(JSON.parse(text));
      } catch (e) {
        errors.push({ file: rel, message: `reference policy for CheckNoNewAccess cannot be used: ${(e as Error).message}`, kind: 'config' });
      }
    }
  }
  let locale: string | undefined;
  if (options.aa.locale) {
    locale = normaliseLocale(options.aa.locale);
    if (!locale) notes.push(`Access Analyzer locale "${options.aa.locale}" is not one of ${LOCALES.join(', ')}; findings are in English.`);
  }
  const sensitiveActions = options.sensitiveActions.length ? options.sensitiveActions : DEFAULT_SENSITIVE_ACTIONS;
  const batches = accessBatches(sensitiveActions, options.sensitiveResources);
  const permissions = requiredPermissions(options);

  const perRecord = policies.map(async (record): Promise<{ findings: Finding[]; problems: string[]; capped: string[] }> => {
    const out = { findings: [] as Finding[], problems: [] as string[], capped: [] as string[] };
    if (!isObject(record.document)) return out; // the offline rules report a document that is not an object
    const doc = JSON.stringify(record.document);
    if (doc.length > MAX_POLICY_CHARS) {
      const span = record.sourceMap.locate('');
      out.findings.push({
        ruleId: 'POLICY_SIZE_EXCEEDS_VALIDATE_POLICY_MAXIMUM',
        source: 'access-analyzer',
        severity: 'error',
        title: 'Policy too large for IAM Access Analyzer',
        message: `The policy has ${doc.length} characters without whitespace, over the ${MAX_POLICY_CHARS} that IAM Access Analyzer validates; it was not sent, and it exceeds every IAM policy size quota.`,
        fix: 'Split the policy into several smaller policies, or use wildcards and fewer repeated ARNs.',
        learnMore: AA_DOCS,
        file: span.file,
        line: span.start.line,
        endLine: Math.max(span.start.line, span.end.line),
        policyId: record.id,
        resource: record.resource,
        path: '',
        fingerprint: fingerprint(['POLICY_SIZE_EXCEEDS_VALIDATE_POLICY_MAXIMUM', record.id]),
        details: { characters: doc.length, maximum: MAX_POLICY_CHARS },
      });
      return out;
    }
    const fail = (what: string, o: Outcome<unknown>) => {
      if (o.ok) return;
      if (o.kind === 'cap') out.capped.push(what);
      else if (isDenied(o.error))
        out.problems.push(
          `IAM Access Analyzer denied ${what} (${errorText(o.error)}). The CI role needs ${permissions.join(', ')} on "Resource": "*" (see docs/access-analyzer.md).`,
        );
      else out.problems.push(`IAM Access Analyzer ${what} failed: ${errorText(o.error)}`);
    };
    const jobs: Promise<void>[] = [];

    const vtype = aaValidateResourceType(record);
    // an AWS managed policy's grammar is AWS's; what it grants is still checked below
    if (!record.awsManaged) jobs.push(
      validate({
        policyDocument: doc,
        policyType: aaPolicyType(record),
        ...(vtype ? { validatePolicyResourceType: vtype } : {}),
        ...(locale ? { locale } : {}),
      }).then((o) => {
        if (!o.ok) return fail('ValidatePolicy', o);
        for (const f of o.value as AaValidateFinding[]) {
          const finding = validateFindingToFinding(record, f, options);
          if (finding) out.findings.push(finding);
        }
      }),
    );

    const ctype = accessCheckPolicyType(record);
    if (ctype && options.aa.checkNoNewAccess) {
      const variants: { variant: string; existing: string; lead: string; severity: Finding['severity'] }[] = [];
      if (record.base !== undefined && isObject(record.base) && canonicalJson(record.base) !== canonicalJson(record.document))
        variants.push({ variant: 'base', existing: JSON.stringify(record.base), lead: 'This change grants access the base version of the policy did not grant', severity: 'warning' });
      const ref = references[ctype];
      if (ref)
        variants.push({
          variant: 'reference',
          existing: ref,
          lead: `The policy grants access beyond the reference ${ctype === 'IDENTITY_POLICY' ? options.referencePolicies.identity : options.referencePolicies.resource}`,
          severity: 'security-warning',
        });
      for (const v of variants) {
        const req = { newPolicyDocument: doc, existingPolicyDocument: v.existing, policyType: ctype };
        jobs.push(
          check('CheckNoNewAccess', req, (r) => api.checkNoNewAccess(r)).then((o) => {
            if (!o.ok) return fail(`CheckNoNewAccess (${v.variant})`, o);
            if (o.value.result === 'FAIL')
              appendAll(out.findings,
                customFindings(record, { check: 'check-no-new-access', variant: v.variant, severity: v.severity, lead: v.lead, message: o.value.message, reasons: o.value.reasons }, options),
              );
          }),
        );
      }
    }

    const sensitiveHits: { access: (typeof batches)[number]; message?: string; reasons: CheckResponse['reasons'] }[] = [];
    if (ctype && options.aa.checkAccessNotGranted && record.policyType !== 'trust') {
      batches.forEach((access, bi) => {
        const req = { policyDocument: doc, access: [access], policyType: ctype };
        jobs.push(
          check('CheckAccessNotGranted', req, (r) => api.checkAccessNotGranted(r)).then((o) => {
            if (!o.ok) return fail(`CheckAccessNotGranted (batch ${bi + 1} of ${batches.length})`, o);
            if (o.value.result === 'FAIL') sensitiveHits.push({ access, message: o.value.message, reasons: o.value.reasons });
          }),
        );
      });
    }

    const ptype = options.aa.checkNoPublicAccess ? publicAccessResourceType(record) : undefined;
    if (ptype) {
      const req = { policyDocument: doc, resourceType: ptype };
      jobs.push(
        check('CheckNoPublicAccess', req, (r) => api.checkNoPublicAccess(r)).then((o) => {
          if (!o.ok) return fail('CheckNoPublicAccess', o);
          if (o.value.result === 'FAIL')
            appendAll(out.findings,
              customFindings(
                record,
                { check: 'check-no-public-access', variant: ptype, severity: 'security-warning', lead: `The policy grants public access to the ${ptype}`, message: o.value.message, reasons: o.value.reasons, details: { resourceType: ptype } },
                options,
              ),
            );
        }),
      );
    }
    await Promise.all(jobs);
    if (sensitiveHits.length) {
      // every batch that failed, as one finding per statement
      const actions = sensitiveHits.flatMap((h) => h.access.actions ?? []);
      const resources = sensitiveHits.flatMap((h) => h.access.resources ?? []);
      appendAll(out.findings,
        customFindings(
          record,
          {
            check: 'check-access-not-granted',
            variant: 'sensitive',
            severity: 'security-warning',
            lead: 'The policy allows sensitive access',
            message: sensitiveHits[0]!.message,
            reasons: sensitiveHits.flatMap((h) => h.reasons ?? []),
            perStatement: (ptr) => {
              const matched = matchedActions(record.document, ptr, actions);
              return matched.length ? `Sensitive actions allowed here: ${matched.slice(0, 8).join(', ')}${matched.length > 8 ? `, and ${matched.length - 8} more` : ''}.` : undefined;
            },
            details: { failedBatches: sensitiveHits.length, ...(resources.length ? { sensitiveResources: [...new Set(resources)].slice(0, 20) } : {}) },
          },
          options,
        ),
      );
    }
    out.findings.sort((a, b) => a.line - b.line || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0) || (a.fingerprint < b.fingerprint ? -1 : 1));
    return out;
  });

  const results = await Promise.all(perRecord);
  results.forEach((r, i) => {
    const record = policies[i]!;
    appendAll(findings, r.findings);
    const problems = [...r.problems];
    if (r.capped.length)
      problems.push(
        `not checked by IAM Access Analyzer (${r.capped.join(', ')}): the per-run cap of ${options.aa.maxBilledCalls} billed calls was reached; raise access-analyzer.max-billed-calls or narrow the scan.`,
      );
    for (const message of problems) {
      const e: AnalysisError = { file: record.file, line: record.line, message: `${record.resource}: ${message}`, kind: 'access-analyzer', policyId: record.id };
      if (options.aa.allowFailures && !message.startsWith('not checked')) notes.push(`${e.file}:${e.line}: ${e.message} (ignored: allow failures is set)`);
      else errors.push(e);
    }
  });
  stats.throttled = scheduler.stats.throttled;
  stats.retried = scheduler.stats.retried;
  return { findings, errors, notes, stats };
}

/** The configured sensitive actions a statement's Action allows (for a readable message; AA has the final word). */
function matchedActions(document: unknown, ptr: string, sensitive: readonly string[]): string[] {
  if (!isObject(document) || !ptr) return [];
  const segs = segments(ptr);
  const st = document.Statement;
  const stmt = Array.isArray(st) ? st[Number(segs[1])] : st;
  if (!isObject(stmt) || stmt.Effect !== 'Allow') return [];
  const patterns = (Array.isArray(stmt.Action) ? stmt.Action : [stmt.Action]).filter((a): a is string => typeof a === 'string');
  return sensitive.filter((a) => patterns.some((p) => actionMatches(p, a)));
}
