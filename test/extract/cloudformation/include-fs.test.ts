import { describe, expect, it } from 'vitest';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runGate } from '../../../src/gate.js';
import { defaultOptions } from '../../../src/config/options.js';

const template = (location: string) => `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Policy:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          Fn::Include: ${location}
`;

describe('Fn::Include on a real checkout', () => {
  it('reads a repository file and refuses a symlink that leaves the repository', async () => {
    const outside = mkdtempSync(path.join(tmpdir(), 'cfn-outside-'));
    const root = mkdtempSync(path.join(tmpdir(), 'cfn-repo-'));
    try {
      writeFileSync(path.join(outside, 'secret.yaml'), '- Effect: Allow\n  Action: "*"\n  Resource: "*"\n');
      mkdirSync(path.join(root, 'stacks', 'snippets'), { recursive: true });
      writeFileSync(path.join(root, 'stacks', 'snippets', 'read.yaml'), '- Effect: Allow\n  Action: s3:GetObject\n  Resource: arn:aws:s3:::docs/*\n');
      symlinkSync(path.join(outside, 'secret.yaml'), path.join(root, 'stacks', 'snippets', 'link.yaml'));
      writeFileSync(path.join(root, 'stacks', 'ok.yaml'), template('snippets/read.yaml'));
      writeFileSync(path.join(root, 'stacks', 'escape.yaml'), template('snippets/link.yaml'));
      const options = defaultOptions(root, root);
      options.accessAnalyzer = 'off';
      const res = await runGate(['stacks/ok.yaml', 'stacks/escape.yaml'], options);
      const ok = res.policies.find((p) => p.file === 'stacks/ok.yaml')!;
      expect(ok.document).toEqual({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::docs/*' }] });
      expect(ok.sourceMap.locate('/Statement/0/Action')).toMatchObject({ file: 'stacks/snippets/read.yaml', start: { line: 2 } });
      const escaped = res.policies.find((p) => p.file === 'stacks/escape.yaml')!;
      expect(JSON.stringify(escaped.document)).not.toContain('"*"');
      expect(escaped.notes?.some((n) => n.startsWith('incomplete'))).toBe(true);
      const f = res.findings.find((x) => x.ruleId === 'include-failed' || x.ruleId === 'include-refused')!;
      expect([f.file, f.line]).toEqual(['stacks/escape.yaml', 9]);
    } finally {
      rmSync(root, { recursive: true, force: true });
      rmSync(outside, { recursive: true, force: true });
    }
  });
});
