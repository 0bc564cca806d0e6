/**
 * Finding ids that are not offline rules: what extraction could not do, the suppressions' own findings, Access
 * Analyzer's custom checks and limits, and `not-analysed` (a file that could not be read, in SARIF). Each has docs,
 * SARIF metadata and a config id like any rule. The severity is the one the producer reports by default.
 */
import type { RuleMeta } from './types.js';

const analysis = (id: string, title: string, severity: RuleMeta['severity'], description: string, fix: string): RuleMeta => ({
  id, title, severity, category: 'analysis', description, fix,
});

/** `not-analysed` is an error of the run (the verdict is incomplete), not a finding: `rules:` cannot lower it. */
const NOT_ANALYSED_CONFIG =
  'This is not a finding a team can accept: a file that could not be analysed makes the verdict `incomplete`, which fails. `rules:` and `ignore:` cannot change it; exclude the file with `paths` if it holds no IAM policy.';

export const OTHER_FINDINGS: readonly RuleMeta[] = [
  {
    ...analysis('not-analysed', 'File could not be analysed', 'error',
      'A file the gate was asked to check could not be read or parsed, so its policies were not checked. The verdict is incomplete, which fails the check: nothing in the file may pass unseen.',
      'Fix the syntax error or the unsupported construct so the file can be analysed, or exclude the file in the config if it holds no IAM policy.'),
    notConfigurable: NOT_ANALYSED_CONFIG,
  },
  // CloudFormation / SAM
  analysis('cfn-invalid-template', 'Template problem', 'warning',
    'The template has a structural problem (a malformed resource, an unresolvable reference, a DependsOn cycle) that CloudFormation would reject or that hides what a policy contains.',
    'Fix the template so `aws cloudformation validate-template` and cfn-lint accept it.'),
  analysis('cfn-invalid-policy-json', 'Policy document is not valid', 'error',
    'A policy property holds a string that is not valid JSON, or a value that is not a policy document; CloudFormation would fail with MalformedPolicyDocument, and the gate cannot check it.',
    'Write the policy as a YAML/JSON object (Version and Statement) instead of a string, or fix the JSON.'),
  analysis('cfn-macro-not-expanded', 'Macro not expanded', 'suggestion',
    'The template uses a CloudFormation macro (Transform other than AWS::Serverless / AWS::LanguageExtensions, or Fn::Transform); what the macro produces is not known offline and is not checked.',
    'Check the processed template (`aws cloudformation get-template --template-stage Processed`) or avoid macros around IAM resources.'),
  analysis('cfn-nested-stack-not-analysed', 'Nested stack not analysed with its parameters', 'warning',
    'A nested stack (AWS::CloudFormation::Stack, AWS::Serverless::Application) points at a template the gate could not read in the repository, or nests too deeply; the policies it creates are not checked here.',
    'Keep nested templates in the repository with a relative TemplateURL, or scan them separately.'),
  analysis('cfn-boundary-external', 'Permissions boundary defined outside the template', 'suggestion',
    'A role or user names a permissions boundary the scanned files do not define, so the gate cannot take its limits into account.',
    'Nothing to do if the boundary is managed elsewhere; define it in the same repository to have it checked with the role.'),
  analysis('include-refused', 'Include refused', 'warning',
    'An AWS::Include or Fn::Transform Include points outside the repository, at S3, or at a path the gate will not read (absolute, `..`, a link). Its content is not checked.',
    'Include files from the repository by a relative path, or inline the snippet.'),
  analysis('include-failed', 'Include not resolved', 'warning',
    'An included snippet is missing or does not parse, so the part of the template it provides is not checked.',
    'Fix the path or the snippet so it parses.'),
  analysis('sam-policies-ignored', 'SAM Policies ignored', 'warning',
    'A SAM function or state machine has both Role and Policies: SAM ignores Policies when Role is given, so those statements never apply.',
    'Remove Policies, or drop Role and let SAM create the role from Policies.'),
  analysis('sam-policy-template-parameter', 'SAM policy template parameter missing', 'warning',
    'A SAM policy template is used without a parameter it needs, so SAM fails to transform the template or the statement is scoped wrongly.',
    'Give every parameter the policy template needs (see the SAM policy template list).'),
  analysis('sam-unknown-policy-template', 'Unknown SAM policy template', 'warning',
    'A SAM Policies entry names a policy template SAM does not know: the transform fails and nothing is checked for it.',
    'Use a template from the SAM policy template list, or write the statement as an inline policy.'),
  analysis('sam-invalid-policy', 'Unrecognised SAM Policies entry', 'warning',
    'A SAM Policies entry is neither a managed policy name/ARN, a policy template, nor a policy document, so it is not checked.',
    'Write the entry as a managed policy ARN, a SAM policy template or an inline policy document.'),
  // Terraform
  analysis('terraform-not-checked', 'Policy not checked', 'suggestion',
    'A Terraform resource holds a policy the gate does not check (for example an AWS Organizations policy that is not an SCP or RCP); the finding says why.',
    'Nothing to do if the reason given is expected.'),
  analysis('terraform-invalid-policy', 'Policy attribute is not a valid policy document', 'error',
    'A policy argument is not valid JSON or not an object: Terraform would fail at apply (MalformedPolicyDocument), and the gate cannot check it.',
    'Write the policy with jsonencode({ ... }) or data "aws_iam_policy_document" so Terraform produces valid JSON.'),
  // suppressions
  {
    id: 'suppression-expired', title: 'Expired suppression', severity: 'warning', category: 'suppression',
    description: 'An ignore entry or inline suppression has passed its `expires` date: it no longer suppresses, and the finding it accepted is reported again.',
    fix: 'Fix the finding, or renew the exception with a new date and reason after review.',
  },
  {
    id: 'suppression-unused', title: 'Unused suppression', severity: 'suggestion', category: 'suppression',
    description: 'A suppression matched no finding in this run; it may be stale (the finding was fixed, or the rule, file, resource, Sid or action changed) and could silence a future finding nobody reviewed.',
    fix: 'Remove the suppression, or correct its matchers.',
  },
  {
    id: 'suppression-without-reason', title: 'Suppression without a reason', severity: 'warning', category: 'suppression',
    description: 'An inline suppression gives no reason, so it does not suppress anything: every accepted finding needs a reason a reviewer can read.',
    fix: 'Add a reason (for example a ticket) after the rule id.',
  },
  // Access Analyzer
  {
    id: 'POLICY_SIZE_EXCEEDS_VALIDATE_POLICY_MAXIMUM', title: 'Policy too large for IAM Access Analyzer', severity: 'error', category: 'access-analyzer',
    description: 'The policy is larger than IAM Access Analyzer validates, so it was not sent; it also exceeds every IAM policy size quota, so AWS would reject it.',
    fix: 'Split the policy into several smaller policies, or use wildcards and fewer repeated ARNs.',
  },
  {
    id: 'check-no-new-access', title: 'The policy grants new access', severity: 'warning', category: 'access-analyzer',
    description: 'IAM Access Analyzer CheckNoNewAccess: the changed policy grants access its base version (or the reference policy in the config) does not.',
    fix: 'Confirm the new access is intended; otherwise narrow the statements pointed at (actions, resources, conditions).',
    reference: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-custom-policy-checks.html',
  },
  {
    id: 'check-access-not-granted', title: 'The policy grants sensitive access', severity: 'security-warning', category: 'access-analyzer',
    description: 'IAM Access Analyzer CheckAccessNotGranted: the policy grants one of the sensitive actions (or resources) listed in the config.',
    fix: 'Remove the sensitive actions from the statement, scope them to specific resources, or move them to a dedicated, tightly trusted role.',
    reference: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-custom-policy-checks.html',
  },
  {
    id: 'check-no-public-access', title: 'The policy grants public access', severity: 'security-warning', category: 'access-analyzer',
    description: 'IAM Access Analyzer CheckNoPublicAccess: the resource policy lets anyone (outside your accounts and organisation) reach the resource.',
    fix: 'Restrict the Principal to specific accounts or roles, or add a condition such as aws:PrincipalOrgID or aws:SourceAccount.',
    reference: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-custom-policy-checks.html',
  },
];
