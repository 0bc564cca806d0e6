import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runGate } from '../../src/gate.js';
import { loadOptions } from '../../src/config/load.js';
import { toJsonReport } from '../../src/report/json.js';
import { toMarkdown } from '../../src/report/markdown.js';
import { toText } from '../../src/report/text.js';
import { toSarif } from '../../src/report/sarif.js';

const ADMIN = `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "AllowLegacy",
      "Effect": "Allow",
      "Action": "*",
      "Resource": "*"
    }
  ]
}
`;

describe('suppressions through the whole gate', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'ipg-gate-'));
    mkdirSync(path.join(dir, '.github'));
    mkdirSync(path.join(dir, 'infra/legacy'), { recursive: true });
    mkdirSync(path.join(dir, 'infra/app'), { recursive: true });
    writeFileSync(path.join(dir, 'infra/legacy/admin.json'), ADMIN);
    writeFileSync(path.join(dir, 'infra/app/admin.json'), ADMIN);
    writeFileSync(
      path.join(dir, '.github/iam-policy-gate.yml'),
      [
        'fail-on: error',
        'ignore:',
        '  - rule: admin-wildcard',
        '    files: infra/legacy/**',
        '    sid: AllowLegacy',
        '    reason: accepted until the migration (TICKET-123)',
        '    expires: 2026-12-31',
        '  - rule: admin-wildcard',
        '    files: infra/app/**',
        '    reason: was accepted for the launch',
        '    expires: 2026-01-31',
        '  - rule: trust-github-oidc',
        '    reason: nothing matches this',
        '',
      ].join('\n'),
    );
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function gate() {
    const { options } = loadOptions(dir, dir);
    options.now = new Date('2026-06-15T08:00:00Z');
    return runGate(['infra'], options);
  }

  it('JSON: the suppressed finding stays with its reason; expired and unused entries are findings on their config lines', async () => {
    const result = await gate();
    const report = toJsonReport(result) as { verdict: string; summary: { suppressed: number; blocking: number }; findings: Record<string, unknown>[] };
    expect(report.findings.map((f) => `${f.file}:${f.line} ${f.ruleId} ${f.severity}${f.suppressed ? ` suppressed: ${f.suppressionReason}` : ''}`)).toEqual([
      '.github/iam-policy-gate.yml:8 suppression-expired warning',
      '.github/iam-policy-gate.yml:12 suppression-unused suggestion',
      'infra/app/admin.json:7 admin-wildcard error',
      'infra/legacy/admin.json:7 admin-wildcard error suppressed: accepted until the migration (TICKET-123)',
    ]);
    // the expired entry no longer suppresses: the app finding blocks
    expect(report.verdict).toBe('fail');
    expect(report.summary.blocking).toBe(1);
    expect(report.summary.suppressed).toBe(1);
  });

  it('Markdown and terminal reports list the suppressed finding with its reason', async () => {
    const result = await gate();
    const md = toMarkdown(result);
    expect(md).toContain('### Suppressed (1)');
    expect(md).toContain('Suppressed: accepted until the migration \\(TICKET\\-123\\)');
    const text = toText(result);
    expect(text).toContain('infra/legacy/admin.json:7  error  admin-wildcard');
    expect(text).toContain('suppressed: accepted until the migration (TICKET-123)');
  });

  it('SARIF: config suppressions are external, inline ones inSource, both with the reason as justification', async () => {
    const result = await gate();
    type Sarif = { runs: { results: { ruleId: string; suppressions?: { kind: string; justification: string }[] }[] }[] };
    const suppressionsOf = (r: typeof result) =>
      (toSarif(r) as Sarif).runs[0]!.results.filter((x) => x.suppressions).map((x) => `${x.ruleId} ${x.suppressions![0]!.kind}: ${x.suppressions![0]!.justification}`);
    expect(suppressionsOf(result)).toEqual(['admin-wildcard external: accepted until the migration (TICKET-123)']);
    const inline = {
      ...result,
      findings: result.findings.map((f) => (f.suppressed ? { ...f, suppressionReason: 'SEC-42', details: { suppressedBy: { kind: 'inline', file: f.file, line: 2 } } } : f)),
    };
    expect(suppressionsOf(inline)).toEqual(['admin-wildcard inSource: SEC-42']);
  });
});
