/**
 * Issue 19: cfn_nag / checkov / cfn-lint suppressions in template Metadata are shown on the resource's findings and
 * never applied, unless the config maps them to our rules (suppression-mappings), and then the finding says so.
 */
import { describe, expect, it } from 'vitest';
import { scan } from '../extract/cloudformation/scan-helper.js';

const TEMPLATE = `Resources:
  Deployer:
    Type: AWS::IAM::ManagedPolicy
    Metadata:
      cfn_nag:
        rules_to_suppress:
          - id: F5
            reason: "deployer needs s3:* on its buckets"
      checkov:
        skip:
          - id: CKV_AWS_111
            comment: reviewed
      cfn-lint:
        config:
          ignore_checks: [W3005]
    Properties:
      PolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Action: 's3:*'
            Resource: '*'
`;

describe("other tools' suppression metadata", () => {
  it('unmapped: shown on the finding, not applied', async () => {
    const r = await scan({ 'template.yaml': TEMPLATE });
    const f = r.findings.find((x) => x.ruleId === 'service-wildcard')!;
    expect(f.suppressed).toBeFalsy();
    expect(f.message).toContain('cfn_nag suppression F5 (line 7), checkov suppression CKV_AWS_111 (line 11), cfn-lint suppression W3005 (line 15): not applied');
    expect(r.verdict.status).toBe('fail');
  });
  it('mapped in suppression-mappings: that rule is suppressed by it, with its reason; other rules are not', async () => {
    const r = await scan({ 'template.yaml': TEMPLATE }, (o) => {
      o.suppressionMappings = { 'cfn_nag:F5': ['service-wildcard'], 'checkov:CKV_AWS_1': ['admin-wildcard'] };
    });
    const f = r.findings.find((x) => x.ruleId === 'service-wildcard')!;
    expect(f.suppressed).toBe(true);
    expect(f.suppressionReason).toBe('cfn_nag suppression F5: deployer needs s3:* on its buckets (mapped to service-wildcard by suppression-mappings)');
    const others = r.findings.filter((x) => !x.suppressed && x.file === 'template.yaml' && x.ruleId !== 'suppression-unused');
    expect(others.length).toBeGreaterThan(0);
    expect(others.every((x) => !x.message.includes('cfn_nag suppression F5'))).toBe(true);
    expect(others.every((x) => x.message.includes('checkov suppression CKV_AWS_111 (line 11)'))).toBe(true);
    expect(r.findings.filter((x) => x.ruleId === 'suppression-unused')).toEqual([]);
  });
});
