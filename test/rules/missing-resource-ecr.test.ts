/** Amazon ECR repository policies take no Resource element: MISSING_RESOURCE says nothing about them. */
import { describe, expect, it } from 'vitest';
import { missingResource } from '../../src/checks/rules/missing-resource.js';
import { runRules } from '../../src/checks/rules/run.js';
import { record } from '../helpers/records.js';
import { defaultOptions } from '../../src/config/options.js';

describe('MISSING_RESOURCE and Amazon ECR repository policies', () => {
  it('an ECR repository policy takes no Resource; other resource policies still need one', () => {
    const doc = { Version: '2012-10-17', Statement: [{ Sid: 'AllowPull', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'] }] };
    const run = (file: string, resourceType?: string) => {
      const rec = record(file, doc, { type: 'resource' });
      return runRules([missingResource], { policies: [resourceType ? { ...rec, resourceType, format: 'cloudformation' as const } : rec], entities: [], options: defaultOptions('/repo') });
    };
    expect(run('resource-policies/ecr.json')).toEqual([]);
    expect(run('template.yaml', 'AWS::ECR::Repository')).toEqual([]);
    expect(run('resource-policies/sqs.json').map((f) => f.ruleId)).toEqual(['MISSING_RESOURCE']);
  });
});
