/**
 * AWS managed policy documents by ARN, for attachments (`aws_iam_role_policy_attachment` of
 * `arn:aws:iam::aws:policy/ReadOnlyAccess`). No snapshot is bundled yet: the lookup returns undefined and the
 * attachment stays a `managed-policy-attachment` entity. When a snapshot is wired in (one function, shared with
 * the CloudFormation extractor), attachments become policy records attached to their principals.
 */
export interface ManagedPolicyDocument {
  document: unknown;
  version?: string;
}

export type ManagedPolicyLookup = (arn: string) => ManagedPolicyDocument | undefined;

let lookup: ManagedPolicyLookup = () => undefined;

/** Install the managed-policy lookup (the gate or tests). */
export function setManagedPolicyLookup(fn: ManagedPolicyLookup): void {
  lookup = fn;
}

/** The document of an AWS managed policy (`arn:<partition>:iam::aws:policy/...`), when known. */
export function awsManagedPolicy(arn: string): ManagedPolicyDocument | undefined {
  if (!/^arn:[^:]+:iam::aws:policy\//.test(arn)) return undefined;
  return lookup(arn);
}
