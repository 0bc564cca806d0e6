/** Risk findings on the statements of AWS SAM policy templates name the template (the fix is its parameters or a narrower template). */
import { describe, expect, it } from 'vitest';
import { runGate } from '../../src/gate.js';
import { defaultOptions } from '../../src/config/options.js';
import { tmpRepo } from '../helpers/tmp-repo.js';

const TEMPLATE = `Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: index.handler
      CodeUri: s3://bucket/code.zip
      Policies:
        - AWSSecretsManagerGetSecretValuePolicy:
            SecretArn: '*'
        - SQSPollerPolicy:
            QueueName: jobs
`;

describe('SAM policy templates', () => {
  it('name the template in their risk findings and never get a grammar finding', async () => {
    const root = tmpRepo({ 'template.yaml': TEMPLATE });
    const options = defaultOptions(root, root);
    options.accessAnalyzer = 'off';
    const r = await runGate(['.'], options);
    const secrets = r.findings.find((f) => f.ruleId === 'data-exfiltration');
    expect(secrets?.message).toMatch(/^SAM policy template AWSSecretsManagerGetSecretValuePolicy: Statement 0 can read data or secrets on every resource: secretsmanager:GetSecretValue/);
    expect(secrets?.severity).toBe('security-warning');
    expect(secrets?.line).toBe(10);
    expect(r.findings.filter((f) => f.line >= 12 && /^[A-Z_]+$/.test(f.ruleId))).toEqual([]);
  });
});
