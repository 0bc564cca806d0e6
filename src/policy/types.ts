/**
 * The policy model: what every extractor produces and every check consumes.
 *
 * A PolicyRecord is one IAM policy document found in one file, fully resolved to plain JSON, together with a
 * source map from JSON pointers inside that document to spans in the file(s) it came from.
 */

export type PolicyType = 'identity' | 'resource' | 'trust' | 'scp' | 'rcp' | 'boundary';

export const POLICY_TYPES: readonly PolicyType[] = ['identity', 'resource', 'trust', 'scp', 'rcp', 'boundary'];

/** 1-based line, 1-based column. */
export interface Position {
  line: number;
  column: number;
}

/** A region of a source file. `file` is repository-relative (posix separators). */
export interface Span {
  file: string;
  start: Position;
  end: Position;
}

/** Where the record came from, by format. */
export type SourceFormat = 'raw' | 'cloudformation' | 'terraform-plan' | 'terraform-json' | 'terraform-hcl';

/**
 * A value we could not know statically (an ARN created at deploy time, an imported value, ...). The document
 * holds `standIn` at `path`; checks must never mistake a stand-in for a wildcard.
 */
export interface Placeholder {
  /** JSON pointer inside the document, e.g. `/Statement/0/Resource/1`. */
  path: string;
  /** The unresolved expression as the user wrote it, e.g. `!GetAtt Bucket.Arn` or `aws_s3_bucket.logs.arn`. */
  expression: string;
  /** The well-formed stand-in value placed into the document. */
  standIn: string;
  /** Why it could not be resolved. */
  reason: string;
}

/** A principal a policy applies to (identity policies), known from the IaC. */
export interface PrincipalRef {
  kind: 'role' | 'user' | 'group' | 'permission-set';
  /** Logical id / Terraform address / name, unique within the file set. */
  id: string;
  /** How it is attached: inline, managed attachment, permissions boundary. */
  via: 'inline' | 'managed' | 'boundary';
  /**
   * `id` is the name of a principal the scanned files do not declare (an existing role named in `Roles:`): it is
   * matched against declared principals' names only, never against their logical ids / addresses.
   */
  external?: boolean;
}

export interface PolicyRecord {
  /** Stable id: `file#resource/propertyPath` (no line numbers). */
  id: string;
  file: string;
  /** Line of the policy document's start in `file` (1-based). */
  line: number;
  endLine: number;
  format: SourceFormat;
  /** CloudFormation logical id, Terraform address, or the file name for raw files. */
  resource: string;
  /** `AWS::IAM::Role`, `aws_iam_role`, or `policy-file` for raw files. */
  resourceType: string;
  /** Where inside the resource the document sits, e.g. `Policies/0/PolicyDocument` (empty for raw files). */
  propertyPath: string;
  policyType: PolicyType;
  /** Access Analyzer `validatePolicyResourceType`, e.g. `AWS::IAM::AssumeRolePolicyDocument`, `AWS::S3::Bucket`. */
  validateResourceType?: string;
  /** Policy name where the IaC gives one. */
  name?: string;
  /** The resolved policy document (plain JSON). */
  document: unknown;
  sourceMap: SourceMap;
  placeholders: Placeholder[];
  attachedTo: PrincipalRef[];
  /** Set for a child template's record analysed through a nested stack: the parent's `file#StackLogicalId`. */
  nestedIn?: string;
  /** A Terraform policy document data source: the ids of the records that consume it (same document). */
  consumers?: string[];
  /** Set (to its ARN) when the document is an AWS managed policy from the bundled snapshot: AWS wrote it, so
   * grammar checks do not apply; what it grants still counts. */
  awsManaged?: string;
  /** The base version of this same policy (e.g. a plan's `before`), for new-vs-existing and CheckNoNewAccess. */
  base?: unknown;
  /**
   * Set when the record may not exist: its resource is created only under a condition that is not certainly true
   * (CloudFormation `Condition`, Terraform `count = var.x ? 1 : 0`), or this version of the document applies only
   * in some branches (`when IsProd`). Its Allow statements are analysed; its Deny statements, boundaries and SCPs
   * take nothing away for sure, so no evaluation relies on them. The text names the condition ("when IsProd").
   */
  when?: string;
  /**
   * Values the repository does not decide that were analysed at their worst (`path` in the document, `text` saying
   * what was assumed); findings at that place repeat the text.
   */
  assumptions?: { path: string; text: string }[];
  /**
   * The configured template-token patterns (`placeholders:` in the config; `*`/`?` wildcards, found inside a value),
   * set by the rule runner: values holding one are stand-ins, as the built-in tokens are (checks/grammar/helpers.ts).
   */
  tokenPatterns?: readonly string[];
  /** Free-form notes shown with the record (e.g. "count expanded from a static list"). */
  notes?: string[];
  /** Suppressions written next to the resource (CloudFormation Metadata, Terraform comments). */
  inlineSuppressions?: InlineSuppression[];
  /** Other tools' suppressions on the resource that the config does not map (shown on its findings). */
  foreignSuppressions?: ForeignSuppression[];
  /** SCP/RCP: the Organizations targets (root, OU, account ids) the IaC attaches it to, where it says so. */
  targets?: string[];
  /**
   * Set for a Terraform child module's record analysed with the arguments of a local module call: the call site
   * (`module.x["admin"]`) and the caller's lines (the call, the arguments the document uses), outermost call first.
   * Findings on the record carry them as related locations.
   */
  calledFrom?: RelatedLocation[];
  /** Repository files its value was read from (its own file, includes, module files, tfvars, `file()` targets, ...):
   * a change to any of them is a change to this policy. */
  inputs?: string[];
}

/** A second place a finding concerns (SARIF `relatedLocations`): e.g. the module call whose argument decides it. */
export interface RelatedLocation {
  file: string;
  line: number;
  message: string;
}

/** `Metadata: { iam-policy-gate: { ignore: [{ rule, reason }] } }` or `# iam-policy-gate:ignore RULE reason`. */
export interface InlineSuppression {
  rule: string;
  reason: string;
  file: string;
  line: number;
  /** Another tool's suppression mapped to `rule` by the config's `suppression-mappings` (`cfn_nag:F3`). */
  foreign?: string;
}

/** Another tool's suppression on a resource that no `suppression-mappings` entry maps: shown, never applied. */
export interface ForeignSuppression {
  tool: 'cfn_nag' | 'checkov' | 'cfn-lint';
  id: string;
  file: string;
  line: number;
}

/**
 * Non-policy IAM entities that account-practice rules need (users, access keys, login profiles, password policy,
 * group membership). Kept generic: `properties` is the resolved resource body.
 */
export interface IamEntity {
  kind:
    | 'user'
    | 'group'
    | 'role'
    | 'access-key'
    | 'login-profile'
    | 'password-policy'
    | 'group-membership'
    | 'permission-set'
    | 'managed-policy-attachment';
  id: string;
  file: string;
  line: number;
  endLine: number;
  resource: string;
  resourceType: string;
  /** Where `resource` names are unique: the template or plan file, or the Terraform module directory. */
  scope?: string;
  format?: SourceFormat;
  /** Set when the IaC declares the resource but will not create it (Terraform `count = 0`): listed, not checked. */
  notCreated?: string;
  properties: Record<string, unknown>;
  /** Optional map from JSON pointers inside `properties` to spans. */
  sourceMap?: SourceMap;
  inlineSuppressions?: InlineSuppression[];
  foreignSuppressions?: ForeignSuppression[];
  /** Repository files its value was read from (as on PolicyRecord). */
  inputs?: string[];
}

/** JSON pointer (RFC 6901) -> span. */
export interface SourceMap {
  /** Exact span of the value at `pointer`, if recorded. */
  get(pointer: string): Span | undefined;
  /** Span of the value at `pointer`, or of its nearest recorded ancestor; the record's own span as last resort. */
  locate(pointer: string): Span;
  /** All recorded pointers (for tests and debugging). */
  pointers(): string[];
}
