import { describe, expect, it } from 'vitest';
import { commentSuppressions, metadataSuppressions, parseIgnoreComment } from '../../src/findings/inline.js';

describe('inline suppression forms', () => {
  it('Terraform comments: rule and reason, # or //, on or above the block', () => {
    expect(parseIgnoreComment('# iam-policy-gate:ignore admin-wildcard break-glass role (SEC-42)')).toEqual({ rule: 'admin-wildcard', reason: 'break-glass role (SEC-42)' });
    expect(parseIgnoreComment('  policy = data.x.json // iam-policy-gate:ignore PASS_ROLE_WITH_STAR_IN_RESOURCE deploy role')).toEqual({
      rule: 'PASS_ROLE_WITH_STAR_IN_RESOURCE',
      reason: 'deploy role',
    });
    expect(parseIgnoreComment('# iam-policy-gate:ignore admin-wildcard')).toEqual({ rule: 'admin-wildcard', reason: '' });
    expect(parseIgnoreComment('# iam-policy-gate:ignore')).toBeUndefined();
    expect(parseIgnoreComment('name = "iam-policy-gate:ignore"')).toBeUndefined();

    const tf = [
      'resource "aws_iam_role" "other" {}', // 1
      '', // 2
      '# break-glass access, reviewed quarterly', // 3
      '# iam-policy-gate:ignore admin-wildcard break-glass role (SEC-42)', // 4
      'resource "aws_iam_role_policy" "admin" {', // 5
      '  policy = jsonencode({', // 6
      '    Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }] # iam-policy-gate:ignore REDUNDANT_ACTION generated', // 7
      '  })', // 8
      '}', // 9
      '# iam-policy-gate:ignore missing-version belongs to the next block', // 10
    ].join('\n');
    expect(commentSuppressions(tf, 'main.tf', 5, 9)).toEqual([
      { rule: 'admin-wildcard', reason: 'break-glass role (SEC-42)', file: 'main.tf', line: 4 },
      { rule: 'REDUNDANT_ACTION', reason: 'generated', file: 'main.tf', line: 7 },
    ]);
  });

  it('CloudFormation Metadata: entries with pointers; malformed entries are problems; a missing reason is kept empty', () => {
    expect(
      metadataSuppressions({
        'iam-policy-gate': { ignore: [{ rule: 'admin-wildcard', reason: 'SEC-42' }, { rule: 'x' }, { reason: 'no rule' }] },
        Other: 1,
      }),
    ).toEqual({
      entries: [
        { rule: 'admin-wildcard', reason: 'SEC-42', pointer: '/iam-policy-gate/ignore/0' },
        { rule: 'x', reason: '', pointer: '/iam-policy-gate/ignore/1' },
      ],
      problems: [{ pointer: '/iam-policy-gate/ignore/2', message: 'each iam-policy-gate.ignore entry needs a rule (a rule id or Access Analyzer issue code)' }],
    });
    expect(metadataSuppressions({ 'iam-policy-gate': { ignore: 'admin-wildcard' } }).problems).toHaveLength(1);
    expect(metadataSuppressions(undefined)).toEqual({ entries: [], problems: [] });
  });
});
