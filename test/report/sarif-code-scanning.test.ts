/** SARIF as code scanning reads it: category, baselineState, security-severity only on security rules, only used rules. */
import { describe, expect, it } from 'vitest';
import { runGate } from '../../src/gate.js';
import { defaultOptions } from '../../src/config/options.js';
import { toSarif } from '../../src/report/sarif.js';
import { tmpRepo } from '../helpers/tmp-repo.js';

type Run = {
  automationDetails: { id: string };
  tool: { driver: { rules: { id: string; properties: Record<string, unknown> }[] } };
  results: { ruleId: string; baselineState?: string; properties: Record<string, unknown> }[];
};

const doc = (statements: unknown[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, 2);

describe('SARIF for code scanning', () => {
  it('lists only the rules that have results; grammar rules carry no security-severity; the category is the automation id', async () => {
    const root = tmpRepo({
      'p/admin.json': doc([{ Sid: 'A', Effect: 'Allow', Action: '*', Resource: '*' }]),
      'p/sids.json': doc([
        { Sid: 'Same', Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' },
        { Sid: 'Same', Effect: 'Allow', Action: 's3:PutObject', Resource: 'arn:aws:s3:::b/*' },
      ]),
    });
    const result = await runGate(['.'], defaultOptions(root));
    const run = (toSarif(result, { category: 'iam/prod' }) as { runs: Run[] }).runs[0]!;
    expect(run.automationDetails.id).toBe('iam/prod/');
    expect((toSarif(result) as { runs: Run[] }).runs[0]!.automationDetails.id).toBe('iam-policy-gate/');
    const ruleIds = run.tool.driver.rules.map((r) => r.id).sort();
    expect(ruleIds).toEqual([...new Set(run.results.map((r) => r.ruleId))].sort());
    const rule = (id: string) => run.tool.driver.rules.find((r) => r.id === id)!;
    expect(rule('admin-wildcard').properties['security-severity']).toBe('9.5');
    expect(rule('admin-wildcard').properties.tags).toContain('security');
    expect(rule('UNIQUE_SIDS_REQUIRED').properties).not.toHaveProperty('security-severity');
    expect(rule('UNIQUE_SIDS_REQUIRED').properties.tags).not.toContain('security');
  });

  it('new vs the base is baselineState (new / unchanged), not a custom property', async () => {
    const root = tmpRepo({ 'p/admin.json': doc([{ Sid: 'A', Effect: 'Allow', Action: '*', Resource: '*' }]) });
    const result = await runGate(['.'], defaultOptions(root));
    const withBase = { ...result, findings: [{ ...result.findings[0]!, new: true }, { ...result.findings[0]!, new: false, fingerprint: 'other' }] };
    const run = (toSarif(withBase) as { runs: Run[] }).runs[0]!;
    expect(run.results.map((r) => r.baselineState)).toEqual(['new', 'unchanged']);
    expect(run.results[0]!.properties).not.toHaveProperty('new');
    expect((toSarif(result) as { runs: Run[] }).runs[0]!.results[0]).not.toHaveProperty('baselineState');
  });
});
