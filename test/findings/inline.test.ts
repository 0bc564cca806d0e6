import { describe, expect, it } from 'vitest';
import { commentSuppressions, metadataSuppressions, parseIgnoreComment } from '../../src/findings/inline.js';
import { scanTfBlocks } from '../../src/extract/terraform/plan-blocks.js';
import { parseHcl } from '../../src/extract/terraform/hcl-syntax.js';

describe('inline suppression forms', () => {
  it('a comment is a suppression only when its body starts with the marker; a missing reason is kept empty', () => {
    expect(parseIgnoreComment('# iam-policy-gate:ignore admin-wildcard break-glass role (SEC-42)')).toEqual({ rule: 'admin-wildcard', reason: 'break-glass role (SEC-42)' });
    expect(parseIgnoreComment('// iam-policy-gate:ignore PASS_ROLE_WITH_STAR_IN_RESOURCE deploy role')).toEqual({ rule: 'PASS_ROLE_WITH_STAR_IN_RESOURCE', reason: 'deploy role' });
    expect(parseIgnoreComment('/* iam-policy-gate:ignore admin-wildcard two\n   lines */')).toEqual({ rule: 'admin-wildcard', reason: 'two lines' });
    expect(parseIgnoreComment('iam-policy-gate:ignore admin-wildcard from a "//" key')).toEqual({ rule: 'admin-wildcard', reason: 'from a "//" key' });
    expect(parseIgnoreComment('# iam-policy-gate:ignore admin-wildcard')).toEqual({ rule: 'admin-wildcard', reason: '' });
    expect(parseIgnoreComment('# iam-policy-gate:ignore')).toBeUndefined();
    expect(parseIgnoreComment('# iam-policy-gate:ignored admin-wildcard x')).toBeUndefined();
    expect(parseIgnoreComment('# see iam-policy-gate:ignore admin-wildcard x')).toBeUndefined();
  });

  it('Terraform: only real comments (the HCL parser\'s) on or directly above the block count, never strings or heredocs', () => {
    const tf = [
      'resource "aws_iam_role" "other" {}', // 1
      '', // 2
      '# break-glass access, reviewed quarterly', // 3
      '# iam-policy-gate:ignore admin-wildcard break-glass role (SEC-42)', // 4
      'resource "aws_iam_role_policy" "admin" {', // 5
      '  name = "x # iam-policy-gate:ignore admin-wildcard in a string"', // 6
      '  policy = jsonencode({', // 7
      '    Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }] # iam-policy-gate:ignore REDUNDANT_ACTION generated', // 8
      '  })', // 9
      '  description = <<EOT', // 10
      '// iam-policy-gate:ignore privilege-escalation inside a heredoc', // 11
      'EOT', // 12
      '}', // 13
      '# iam-policy-gate:ignore missing-version belongs to the next block', // 14
    ].join('\n');
    const blocks = scanTfBlocks('main.tf', tf)!;
    expect(blocks.find((b) => b.name === 'admin')!.suppressions).toEqual([
      { rule: 'admin-wildcard', reason: 'break-glass role (SEC-42)', line: 4 },
      { rule: 'REDUNDANT_ACTION', reason: 'generated', line: 8 },
    ]);
    expect(commentSuppressions(tf, parseHcl(tf).comments, 'main.tf', 1, 1)).toEqual([]);
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
