/** Access Analyzer answers -> located, fingerprinted findings. Pure. */
import type { PolicyRecord } from '../../policy/types.js';
import type { Finding, Severity } from '../../findings/types.js';
import type { Options } from '../../config/options.js';
import { fingerprint, statementIdentity } from '../../policy/fingerprint.js';
import { isObject, statementAt } from '../../policy/statements.js';
import { segments } from '../../policy/source-map.js';
import { pathToPointer } from './locations.js';
import type { AaValidateFinding, ReasonSummary } from './client.js';

export const SEVERITY_OF_FINDING_TYPE: Record<string, Severity> = {
  ERROR: 'error',
  SECURITY_WARNING: 'security-warning',
  WARNING: 'warning',
  SUGGESTION: 'suggestion',
};

export const AA_DOCS = 'https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html';

/** `PASS_ROLE_WITH_STAR_IN_RESOURCE` -> `Pass role with star in resource`. */
export function titleOf(code: string): string {
  const s = code.toLowerCase().replace(/_/g, ' ');
  return s.charAt(0).toUpperCase() + s.slice(1);
}


/** What a finding is about, for its fingerprint: the pointer below the statement, without array indices. */
function subjectOf(ptr: string): string {
  const segs = segments(ptr);
  const rest = segs[0] === 'Statement' ? segs.slice(/^\d+$/.test(segs[1] ?? '') ? 2 : 1) : segs;
  return rest.filter((s) => !/^\d+$/.test(s)).join('/');
}

function located(record: PolicyRecord, ptr: string) {
  const span = record.sourceMap.locate(ptr);
  return {
    file: span.file,
    line: span.start.line,
    endLine: Math.max(span.start.line, span.end.line),
    column: span.start.column,
  };
}

function identityFor(record: PolicyRecord, ptr: string): string {
  const stmt = statementAt(record.document, ptr);
  return stmt === undefined ? subjectOf(ptr) : statementIdentity(stmt);
}

/** The placeholder a pointer lies in (the finding is about a stand-in), if any. */
export function placeholderAt(record: PolicyRecord, ptr: string, details: string) {
  return record.placeholders.find((p) => ptr === p.path || ptr.startsWith(p.path + '/') || (p.standIn !== '' && details.includes(p.standIn)));
}

/** One ValidatePolicy finding -> one Finding (undefined when the rule is turned off in the config). */
export function validateFindingToFinding(record: PolicyRecord, f: AaValidateFinding, options: Options): Finding | undefined {
  const code = f.issueCode || 'UNKNOWN_ISSUE';
  const override = options.rules[code];
  if (override?.enabled === false) return undefined;
  const ptr = pathToPointer(record.document, f.locations?.[0]?.path);
  let severity: Severity = override?.severity ?? SEVERITY_OF_FINDING_TYPE[f.findingType ?? ''] ?? 'warning';
  let message = f.findingDetails || titleOf(code);
  const details: Record<string, unknown> = {
    issueCode: code,
    findingType: f.findingType,
    findingDetails: f.findingDetails,
    ...(f.locations && f.locations.length > 1 ? { locations: f.locations.map((l) => pathToPointer(record.document, l.path)) } : {}),
  };
  const ph = placeholderAt(record, ptr, f.findingDetails ?? '');
  if (ph) {
    // exists only because of the stand-in we sent for a value known at deploy time: shown, never blocking
    severity = 'suggestion';
    message += ` (Reported on the stand-in "${ph.standIn}" for ${ph.expression}, which is only known at deploy time; probably not a problem in the deployed policy.)`;
    details.placeholder = { expression: ph.expression, standIn: ph.standIn };
  }
  return {
    ruleId: code,
    source: 'access-analyzer',
    severity,
    title: titleOf(code),
    message,
    learnMore: f.learnMoreLink || AA_DOCS,
    ...located(record, ptr),
    policyId: record.id,
    resource: record.resource,
    path: ptr,
    fingerprint: fingerprint([code, record.id, identityFor(record, ptr), subjectOf(ptr)]),
    details,
  };
}

export type CustomCheck = 'check-no-new-access' | 'check-access-not-granted' | 'check-no-public-access';

export const CUSTOM_CHECK_TITLES: Record<CustomCheck, string> = {
  'check-no-new-access': 'The policy grants new access',
  'check-access-not-granted': 'The policy grants sensitive access',
  'check-no-public-access': 'The policy grants public access',
};

const CUSTOM_FIX: Record<CustomCheck, string> = {
  'check-no-new-access': 'Confirm the new access is intended; otherwise narrow the statements pointed at (actions, resources, conditions).',
  'check-access-not-granted': 'Remove the sensitive actions from the statement, scope them to specific resources, or move them to a dedicated, tightly trusted role.',
  'check-no-public-access': 'Restrict the Principal to specific accounts or roles, or add a condition such as aws:PrincipalOrgID or aws:SourceAccount.',
};

const CUSTOM_DOCS = 'https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-custom-policy-checks.html';

/** The statement a reason points at, as a JSON pointer. */
export function reasonPointer(document: unknown, r: ReasonSummary): string {
  if (!isObject(document)) return '';
  const st = document.Statement;
  if (Array.isArray(st)) {
    if (typeof r.statementIndex === 'number' && r.statementIndex >= 0 && r.statementIndex < st.length) return `/Statement/${r.statementIndex}`;
    if (r.statementId) {
      const i = st.findIndex((s) => isObject(s) && s.Sid === r.statementId);
      if (i >= 0) return `/Statement/${i}`;
    }
    return '';
  }
  return st !== undefined && (r.statementIndex === 0 || r.statementIndex === undefined) ? '/Statement' : '';
}

export interface CustomFindingInput {
  check: CustomCheck;
  /** Distinguishes checks of the same kind (base vs reference policy): part of the fingerprint. */
  variant: string;
  severity: Severity;
  /** Lead sentence, e.g. "This change grants access the base version did not". */
  lead: string;
  message?: string;
  reasons: ReasonSummary[];
  /** Extra text per statement pointer (e.g. the sensitive actions it allows). */
  perStatement?: (ptr: string) => string | undefined;
  details?: Record<string, unknown>;
}

/** A FAIL answer of a custom check -> one finding per statement it names (one on the policy when it names none). */
export function customFindings(record: PolicyRecord, c: CustomFindingInput, options: Options): Finding[] {
  const override = options.rules[c.check];
  if (override?.enabled === false) return [];
  const byPtr = new Map<string, string[]>();
  for (const r of c.reasons.length ? c.reasons : [{}]) {
    const ptr = reasonPointer(record.document, r);
    const list = byPtr.get(ptr) ?? [];
    if (r.description && !list.includes(r.description)) list.push(r.description);
    byPtr.set(ptr, list);
  }
  const out: Finding[] = [];
  for (const [ptr, descriptions] of byPtr) {
    const stmt = statementAt(record.document, ptr);
    const sid = isObject(stmt) && typeof stmt.Sid === 'string' && stmt.Sid ? ` (Sid "${stmt.Sid}")` : '';
    const extra = c.perStatement?.(ptr);
    const text = [
      `${c.lead}${ptr ? ` in this statement${sid}` : ''}.`,
      extra,
      descriptions.length ? descriptions.join(' ') : c.message,
    ]
      .filter(Boolean)
      .join(' ');
    out.push({
      ruleId: c.check,
      source: 'access-analyzer',
      severity: override?.severity ?? c.severity,
      title: CUSTOM_CHECK_TITLES[c.check],
      message: text,
      fix: CUSTOM_FIX[c.check],
      learnMore: CUSTOM_DOCS,
      ...located(record, ptr),
      policyId: record.id,
      resource: record.resource,
      path: ptr,
      fingerprint: fingerprint([c.check, record.id, stmt === undefined ? '' : statementIdentity(stmt), c.variant]),
      details: { ...c.details, ...(c.message ? { message: c.message } : {}), reasons: c.reasons },
    });
  }
  return out;
}

/** The statement part of a pointer: `/Statement/2/Action/0` -> `/Statement/2`; `` for the document. */
function statementKey(ptr: string | undefined): string {
  const m = /^\/Statement(\/\d+)?/.exec(ptr ?? '');
  return m ? m[0] : '';
}

/**
 * Where an offline rule reports the same code as Access Analyzer on the same line of the same policy (or, failing
 * that, in the same statement), keep one: Access Analyzer's text and place, our fix.
 */
export function mergeWithOffline(offline: Finding[], aa: Finding[]): Finding[] {
  const kept: Finding[] = [];
  const used = new Set<Finding>();
  const candidates = (f: Finding) => aa.filter((a) => !used.has(a) && a.ruleId === f.ruleId && a.policyId === f.policyId && a.file === f.file);
  const pending: Finding[] = [];
  // exact line first, so that two findings of one code in one statement pair up with their own twins
  for (const f of offline) {
    const twin = f.source === 'rules' && f.policyId ? candidates(f).find((a) => a.line === f.line) : undefined;
    if (twin) {
      used.add(twin);
      if (!twin.fix && f.fix) twin.fix = f.fix;
    } else pending.push(f);
  }
  for (const f of pending) {
    const twin = f.source === 'rules' && f.policyId ? candidates(f).find((a) => statementKey(a.path) === statementKey(f.path)) : undefined;
    if (twin) {
      used.add(twin);
      if (!twin.fix && f.fix) twin.fix = f.fix;
    } else kept.push(f);
  }
  return [...kept, ...aa];
}
