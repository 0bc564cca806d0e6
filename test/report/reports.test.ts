import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { runGate } from '../../src/gate.js';
import type { GateResult } from '../../src/result.js';
import { defaultOptions } from '../../src/config/options.js';
import { toSarif } from '../../src/report/sarif.js';
import { toJsonReport } from '../../src/report/json.js';
import { toMarkdown } from '../../src/report/markdown.js';
import { toAnnotations } from '../../src/report/annotations.js';
import { toText } from '../../src/report/text.js';
import { mdCode, mdText } from '../../src/report/escape.js';
import { tmpRepo } from '../helpers/tmp-repo.js';

const require = createRequire(import.meta.url);
const Ajv = (require('ajv-draft-04') as { default: typeof import('ajv-draft-04').default }).default;
const sarifSchema = JSON.parse(readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'));

const admin = `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "Everything",
      "Effect": "Allow",
      "Action": "*",
      "Resource": "*"
    }
  ]
}`;
// hostile names and Sids: markdown/HTML/mention injection attempts
const hostileSid = 'x<img src=x onerror=alert(1)>[click](https://evil.example)@octocat`` ``';
const hostile = JSON.stringify({ Statement: [{ Sid: hostileSid, Effect: 'Allow', Action: '*', Resource: '*' }] }, null, 2);

async function sample(): Promise<GateResult> {
  const root = tmpRepo({ 'iam/admin.json': admin, 'iam/<b>evil</b>@team.json': hostile, 'broken.json': '{ "Version": ' });
  return runGate(['.'], defaultOptions(root));
}

describe('reports', () => {
  it('SARIF validates against the SARIF 2.1.0 schema and carries rule help, levels and fingerprints', async () => {
    const r = await sample();
    const sarif = toSarif(r) as { runs: { tool: { driver: { rules: { id: string; help: { markdown: string }; properties: Record<string, unknown> }[] } }; results: { ruleId: string; level: string; partialFingerprints: Record<string, string>; locations: { physicalLocation: { region: { startLine: number }; artifactLocation: { uri: string } } }[] }[] }[] };
    const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false, validateFormats: false });
    const validate = ajv.compile(sarifSchema);
    const ok = validate(sarif);
    expect(validate.errors?.slice(0, 5) ?? []).toEqual([]);
    expect(ok).toBe(true);
    const run = sarif.runs[0]!;
    const adminRule = run.tool.driver.rules.find((x) => x.id === 'admin-wildcard')!;
    expect(adminRule.properties['security-severity']).toBe('9.5');
    expect(adminRule.help.markdown).toContain('**Fix:**');
    const res = run.results.find((x) => x.ruleId === 'admin-wildcard' && x.locations[0]!.physicalLocation.artifactLocation.uri === 'iam/admin.json')!;
    expect(res.level).toBe('error');
    expect(res.locations[0]!.physicalLocation.region.startLine).toBe(7);
    expect(res.partialFingerprints['iamPolicyGate/v1']).toMatch(/^[0-9a-f]{32}$/);
    expect(run.results.some((x) => x.ruleId === 'not-analysed')).toBe(true);
    // file names are URI-encoded
    expect(run.results.some((x) => x.locations[0]!.physicalLocation.artifactLocation.uri === 'iam/%3Cb%3Eevil%3C/b%3E%40team.json')).toBe(true);
  });

  it('JSON report has the documented contract', async () => {
    const r = await sample();
    const j = toJsonReport(r) as Record<string, any>;
    expect(j.schemaVersion).toBe('1.2');
    expect(j.verdict).toBe('incomplete');
    expect(Object.keys(j.policies[0]).sort()).toEqual(expect.arrayContaining(['id', 'file', 'line', 'resource', 'resourceType', 'policyType', 'document']));
    const f = j.findings.find((x: any) => x.file === 'iam/admin.json');
    expect(f).toMatchObject({ ruleId: 'admin-wildcard', source: 'rules', severity: 'error', file: 'iam/admin.json', line: 7, endLine: 7, policyId: 'iam/admin.json', resource: 'admin.json', suppressed: false });
    expect(typeof f.fingerprint).toBe('string');
    expect(j.errors).toEqual([expect.objectContaining({ file: 'broken.json', line: 1, message: expect.stringMatching(/invalid JSON/) })]);
  });

  it('fingerprints survive unrelated edits (lines moving, a Sid renamed) but change with what the statement grants', async () => {
    const a = await runGate(['.'], defaultOptions(tmpRepo({ 'p.json': admin })));
    const moved = admin.replace('"Statement": [', '"Id": "moved",\n\n\n  "Statement": [');
    const b = await runGate(['.'], defaultOptions(tmpRepo({ 'p.json': moved })));
    expect(b.findings[0]!.line).toBe(a.findings[0]!.line + 3);
    expect(b.findings[0]!.fingerprint).toBe(a.findings[0]!.fingerprint);
    const renamed = await runGate(['.'], defaultOptions(tmpRepo({ 'p.json': admin.replace('Everything', 'Other') })));
    expect(renamed.findings[0]!.fingerprint).toBe(a.findings[0]!.fingerprint);
    const changed = await runGate(['.'], defaultOptions(tmpRepo({ 'p.json': admin.replace('"Action": "*"', '"Action": ["*", "iam:PassRole"]') })));
    expect(changed.findings[0]!.ruleId).toBe(a.findings[0]!.ruleId);
    expect(changed.findings[0]!.fingerprint).not.toBe(a.findings[0]!.fingerprint);
  });

  it('Markdown: verdict first, counts, findings by file; untrusted text cannot inject HTML, links, mentions or break code spans', async () => {
    const r = await sample();
    const md = toMarkdown(r, { lineUrl: (file, line) => `https://github.com/o/r/blob/abc/${encodeURIComponent(file)}#L${line}` });
    expect(md.split('\n')[0]).toBe('## IAM Policy Gate: ⚠️ **Incomplete**');
    expect(md).toMatch(/\| 🛑 error \| 2 \|/);
    expect(md).toContain('[`iam/admin.json:7`](https://github.com/o/r/blob/abc/iam%2Fadmin.json#L7)');
    // outside code spans (where GitHub renders nothing) no HTML, no mention, no foreign link survives
    const prose = md.replace(/(`+)([\s\S]*?[^`])\1(?!`)/g, '');
    // our own folding and emphasis tags only (their text is escaped)
    expect(prose).not.toMatch(/<(?!\/?(?:br|sub|details|summary|b|code)>)/);
    expect(prose).not.toContain('@octocat');
    expect(prose).not.toMatch(/\]\(https:\/\/evil/);
    expect(md).toContain('&lt;img src=x onerror=alert\\(1\\)&gt;');
    expect(md).toContain('Not analysed');
    expect(mdText('a <b>@x</b> [l](u) `c`')).toBe('a &lt;b&gt;&#64;x&lt;/b&gt; \\[l\\]\\(u\\) \\`c\\`');
    expect(mdCode('a ``b`` c')).toBe('```a ``b`` c```');
    expect(mdCode('`x')).toBe('`` `x ``');
  });

  it('Markdown: a run with many unreadable files lists 50 of them and counts the rest, leaving room for the findings', async () => {
    const files: Record<string, string> = { 'iam/admin.json': admin };
    for (let i = 0; i < 120; i++) files[`broken/policy-${String(i).padStart(3, '0')}.json`] = '{ "Version": ';
    const r = await runGate(['.'], defaultOptions(tmpRepo(files)));
    expect(r.errors).toHaveLength(120);
    const md = toMarkdown(r);
    expect(md).toContain('### ⚠️ Not analysed (120)');
    expect(md.match(/^- `broken\/policy-/gm)).toHaveLength(50);
    expect(md).toContain("- … and 70 more (every one is in the JSON report's `errors`)");
    expect(md).toContain('iam/admin.json');
  });

  it('annotations escape what the runner interprets; text strips control characters', async () => {
    const r = await sample();
    const ann = toAnnotations(r);
    expect(ann).toMatch(/^::error file=iam\/admin.json,line=7,endLine=7,title=admin-wildcard%3A Full administrator access/m);
    expect(ann).toMatch(/^::error file=broken.json,line=1,col=\d+,title=Not analysed::invalid JSON/m);
    const t = toText({ ...r, findings: [{ ...r.findings[0]!, message: 'bad\x1b[31mred\x07' }] }, { colour: false });
    expect(t).not.toContain('\x1b');
    expect(t).toContain('bad?[31mred?');
  });
});
