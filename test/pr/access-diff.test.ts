/** The access diff per principal: what a role can newly do, what it can no longer do. */
import { describe, expect, it } from 'vitest';
import { computeAccessDiff } from '../../src/findings/access-diff.js';
import type { PolicyRecord } from '../../src/policy/types.js';

const record = (file: string, document: unknown, attachedTo: PolicyRecord['attachedTo'] = [], policyType: PolicyRecord['policyType'] = 'identity') =>
  ({ id: `${file}#x`, file, resource: file.split('/').pop()!, propertyPath: '', policyType, attachedTo, document }) as unknown as PolicyRecord;

const allow = (...statements: Record<string, unknown>[]) => ({ Version: '2012-10-17', Statement: statements.map((s) => ({ Effect: 'Allow', Resource: '*', ...s })) });
const role = (id: string): PolicyRecord['attachedTo'] => [{ kind: 'role', id, via: 'inline' }];

describe('access diff', () => {
  it('expands wildcards with the catalogue and reports per role, across policies', () => {
    const base = [record('cfn/app.yaml', allow({ Action: ['s3:GetObject', 'sqs:SendMessage'] }), role('AppRole'))];
    const head = [
      record('cfn/app.yaml', allow({ Action: 's3:GetObject' }), role('AppRole')),
      record('cfn/app.yaml', allow({ Action: 'iam:Pass*' }), role('AppRole')),
    ];
    const [d] = computeAccessDiff(head, base);
    expect(d).toMatchObject({
      principal: 'role AppRole',
      added: ['iam:PassRole'],
      removed: ['sqs:SendMessage'],
      addedCount: 1,
      removedCount: 1,
      addedPatterns: ['iam:Pass*'],
      addedByLevel: { Write: 1 },
    });
  });

  it('ignores Deny statements, SCPs and unchanged grants; NotAction counts as everything else', () => {
    const same = allow({ Action: 's3:*' });
    const diff = computeAccessDiff(
      [
        record('p/same.json', same),
        record('p/deny.json', { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: '*', Resource: '*' }] }),
        record('scp/guard.json', allow({ Action: '*' }), [], 'scp'),
        record('p/broad.json', allow({ NotAction: 'iam:*' })),
      ],
      [record('p/same.json', same), record('p/broad.json', allow({ Action: 'ec2:DescribeInstances' }))],
    );
    expect(diff.map((d) => d.principal)).toEqual(['policy broad.json']);
    expect(diff[0]!.addedCount).toBeGreaterThan(20_000);
    expect(diff[0]!.added).not.toContain('iam:PassRole');
    expect(diff[0]!.addedRanked[0]).not.toMatch(/^iam:/);
    expect(diff[0]!.removed).toEqual([]); // ec2:DescribeInstances is still allowed through NotAction
  });

  it('stops expanding after the computation limit and names the principals it skipped', () => {
    const head = ['a', 'b', 'c'].map((n) => record(`p/${n}.json`, allow({ Action: ['*', `sqs:Custom${n}`] })));
    const skipped: string[] = [];
    const diff = computeAccessDiff(head, [], { maxComputations: 2, onSkip: (p) => skipped.push(p) });
    expect(diff.map((d) => d.principal)).toEqual(['policy a.json', 'policy b.json']);
    expect(skipped).toEqual(['policy c.json']);
  });
});
