/**
 * The Access Analyzer checks of one record: ValidatePolicy, CheckNoNewAccess (against the base version and the
 * configured reference), CheckAccessNotGranted (sensitive actions and resources, in batches) and
 * CheckNoPublicAccess. What could not be checked is a problem of the record (denied, failed) or capped.
 */
import type { PolicyRecord } from '../../policy/types.js';
import type { Finding } from '../../findings/types.js';
import type { Options } from '../../config/options.js';
import { canonicalJson, fingerprint } from '../../policy/fingerprint.js';
import { isObject } from '../../policy/statements.js';
import { segments } from '../../policy/source-map.js';
import type { AaValidateFinding, CheckResponse } from './client.js';
import { aaPolicyType, aaValidateResourceType, accessCheckPolicyType, publicAccessResourceType } from './resource-types.js';
import { AA_DOCS, customFindings, validateFindingToFinding } from './findings.js';
import { isDenied, type AaRequester, type Outcome } from './requester.js';
import { actionMatches } from '../../engine/actions.js';
import { appendAll } from '../../util/arrays.js';

/** cfn-policy-validator's practical maximum for ValidatePolicy: characters without whitespace. */
export const MAX_POLICY_CHARS = 32_768;

/** What every record's checks share in one run. */
export interface RunSetting {
  options: Options;
  aa: AaRequester;
  /** Reference policies for CheckNoNewAccess, by Access Analyzer policy type (canonical JSON). */
  references: Partial<Record<'IDENTITY_POLICY' | 'RESOURCE_POLICY', string>>;
  locale?: string;
  batches: { actions?: string[]; resources?: string[] }[];
  permissions: string[];
}

export interface RecordOutcome {
  findings: Finding[];
  problems: string[];
  capped: string[];
}

export function errorText(e: unknown): string {
  const err = (e ?? {}) as { name?: string; message?: string; reason?: string; $metadata?: { httpStatusCode?: number } };
  const name = err.name && err.name !== 'Error' ? err.name : `HTTP ${err.$metadata?.httpStatusCode ?? 'error'}`;
  return `${name}${err.reason ? ` (${err.reason})` : ''}: ${(err.message ?? String(e)).split('\n')[0]}`;
}

/** Every check of one record; findings sorted by line. */
export async function checkRecord(record: PolicyRecord, run: RunSetting): Promise<RecordOutcome> {
  const out: RecordOutcome = { findings: [], problems: [], capped: [] };
  if (!isObject(record.document)) return out; // the offline rules report a document that is not an object
  const doc = JSON.stringify(record.document);
  if (doc.length > MAX_POLICY_CHARS) {
    out.findings.push(tooLarge(record, doc.length));
    return out;
  }
  const fail = (what: string, o: Outcome<unknown>) => {
    if (o.ok) return;
    if (o.kind === 'cap') out.capped.push(what);
    else if (isDenied(o.error))
      out.problems.push(
        `IAM Access Analyzer denied ${what} (${errorText(o.error)}). The CI role needs ${run.permissions.join(', ')} on "Resource": "*" (see docs/access-analyzer.md).`,
      );
    else out.problems.push(`IAM Access Analyzer ${what} failed: ${errorText(o.error)}`);
  };
  const jobs: Promise<void>[] = [];
  // an AWS managed policy's grammar is AWS's; what it grants is still checked below
  if (!record.awsManaged) jobs.push(validateJob(record, doc, run, out, fail));
  appendAll(jobs, noNewAccessJobs(record, doc, run, out, fail));
  const sensitiveHits: SensitiveHit[] = [];
  appendAll(jobs, accessNotGrantedJobs(record, doc, run, sensitiveHits, fail));
  const publicJob = noPublicAccessJob(record, doc, run, out, fail);
  if (publicJob) jobs.push(publicJob);
  await Promise.all(jobs);
  if (sensitiveHits.length) appendAll(out.findings, sensitiveFindings(record, sensitiveHits, run.options));
  out.findings.sort((a, b) => a.line - b.line || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0) || (a.fingerprint < b.fingerprint ? -1 : 1));
  return out;
}

type Fail = (what: string, o: Outcome<unknown>) => void;

function tooLarge(record: PolicyRecord, characters: number): Finding {
  const span = record.sourceMap.locate('');
  return {
    ruleId: 'POLICY_SIZE_EXCEEDS_VALIDATE_POLICY_MAXIMUM',
    source: 'access-analyzer',
    severity: 'error',
    title: 'Policy too large for IAM Access Analyzer',
    message: `The policy has ${characters} characters without whitespace, over the ${MAX_POLICY_CHARS} that IAM Access Analyzer validates; it was not sent, and it exceeds every IAM policy size quota.`,
    fix: 'Split the policy into several smaller policies, or use wildcards and fewer repeated ARNs.',
    learnMore: AA_DOCS,
    file: span.file,
    line: span.start.line,
    endLine: Math.max(span.start.line, span.end.line),
    policyId: record.id,
    resource: record.resource,
    path: '',
    fingerprint: fingerprint(['POLICY_SIZE_EXCEEDS_VALIDATE_POLICY_MAXIMUM', record.id]),
    details: { characters, maximum: MAX_POLICY_CHARS },
  };
}

function validateJob(record: PolicyRecord, doc: string, run: RunSetting, out: RecordOutcome, fail: Fail): Promise<void> {
  const vtype = aaValidateResourceType(record);
  return run.aa
    .validate({
      policyDocument: doc,
      policyType: aaPolicyType(record),
      ...(vtype ? { validatePolicyResourceType: vtype } : {}),
      ...(run.locale ? { locale: run.locale } : {}),
    })
    .then((o) => {
      if (!o.ok) return fail('ValidatePolicy', o);
      for (const f of o.value as AaValidateFinding[]) {
        const finding = validateFindingToFinding(record, f, run.options);
        if (finding) out.findings.push(finding);
      }
    });
}

function noNewAccessJobs(record: PolicyRecord, doc: string, run: RunSetting, out: RecordOutcome, fail: Fail): Promise<void>[] {
  const { options } = run;
  const ctype = accessCheckPolicyType(record);
  if (!ctype || !options.aa.checkNoNewAccess) return [];
  const variants: { variant: string; existing: string; lead: string; severity: Finding['severity'] }[] = [];
  if (record.base !== undefined && isObject(record.base) && canonicalJson(record.base) !== canonicalJson(record.document))
    variants.push({ variant: 'base', existing: JSON.stringify(record.base), lead: 'This change grants access the base version of the policy did not grant', severity: 'warning' });
  const ref = run.references[ctype];
  if (ref)
    variants.push({
      variant: 'reference',
      existing: ref,
      lead: `The policy grants access beyond the reference ${ctype === 'IDENTITY_POLICY' ? options.referencePolicies.identity : options.referencePolicies.resource}`,
      severity: 'security-warning',
    });
  return variants.map((v) => {
    const req = { newPolicyDocument: doc, existingPolicyDocument: v.existing, policyType: ctype };
    return run.aa.check('CheckNoNewAccess', req, (r) => run.aa.api.checkNoNewAccess(r)).then((o) => {
      if (!o.ok) return fail(`CheckNoNewAccess (${v.variant})`, o);
      if (o.value.result === 'FAIL')
        appendAll(out.findings, customFindings(record, { check: 'check-no-new-access', variant: v.variant, severity: v.severity, lead: v.lead, message: o.value.message, reasons: o.value.reasons }, options));
    });
  });
}

interface SensitiveHit {
  access: RunSetting['batches'][number];
  message?: string;
  reasons: CheckResponse['reasons'];
}

function accessNotGrantedJobs(record: PolicyRecord, doc: string, run: RunSetting, hits: SensitiveHit[], fail: Fail): Promise<void>[] {
  const ctype = accessCheckPolicyType(record);
  if (!ctype || !run.options.aa.checkAccessNotGranted || record.policyType === 'trust') return [];
  return run.batches.map((access, bi) => {
    const req = { policyDocument: doc, access: [access], policyType: ctype };
    return run.aa.check('CheckAccessNotGranted', req, (r) => run.aa.api.checkAccessNotGranted(r)).then((o) => {
      if (!o.ok) return fail(`CheckAccessNotGranted (batch ${bi + 1} of ${run.batches.length})`, o);
      if (o.value.result === 'FAIL') hits.push({ access, message: o.value.message, reasons: o.value.reasons });
    });
  });
}

function noPublicAccessJob(record: PolicyRecord, doc: string, run: RunSetting, out: RecordOutcome, fail: Fail): Promise<void> | undefined {
  const ptype = run.options.aa.checkNoPublicAccess ? publicAccessResourceType(record) : undefined;
  if (!ptype) return undefined;
  const req = { policyDocument: doc, resourceType: ptype };
  return run.aa.check('CheckNoPublicAccess', req, (r) => run.aa.api.checkNoPublicAccess(r)).then((o) => {
    if (!o.ok) return fail('CheckNoPublicAccess', o);
    if (o.value.result === 'FAIL')
      appendAll(out.findings,
        customFindings(
          record,
          { check: 'check-no-public-access', variant: ptype, severity: 'security-warning', lead: `The policy grants public access to the ${ptype}`, message: o.value.message, reasons: o.value.reasons, details: { resourceType: ptype } },
          run.options,
        ),
      );
  });
}

/** Every batch that failed, as one finding per statement. */
function sensitiveFindings(record: PolicyRecord, hits: SensitiveHit[], options: Options): Finding[] {
  const actions = hits.flatMap((h) => h.access.actions ?? []);
  const resources = hits.flatMap((h) => h.access.resources ?? []);
  return customFindings(
    record,
    {
      check: 'check-access-not-granted',
      variant: 'sensitive',
      severity: 'security-warning',
      lead: 'The policy allows sensitive access',
      message: hits[0]!.message,
      reasons: hits.flatMap((h) => h.reasons ?? []),
      perStatement: (ptr) => {
        const matched = matchedActions(record.document, ptr, actions);
        return matched.length ? `Sensitive actions allowed here: ${matched.slice(0, 8).join(', ')}${matched.length > 8 ? `, and ${matched.length - 8} more` : ''}.` : undefined;
      },
      details: { failedBatches: hits.length, ...(resources.length ? { sensitiveResources: [...new Set(resources)].slice(0, 20) } : {}) },
    },
    options,
  );
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
