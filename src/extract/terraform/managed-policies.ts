/**
 * AWS managed policy documents by ARN, for attachments (`aws_iam_role_policy_attachment` of
 * `arn:aws:iam::aws:policy/ReadOnlyAccess`), from the same bundled snapshot the CloudFormation extractor uses. A
 * policy the snapshot does not know stays a `managed-policy-attachment` entity.
 */
import { awsManagedPolicy as fromSnapshot } from '../cloudformation/managed-policies.js';
export interface ManagedPolicyDocument {
  document: unknown;
  version?: string;
}

export type ManagedPolicyLookup = (arn: string) => ManagedPolicyDocument | undefined;

const snapshotLookup: ManagedPolicyLookup = (arn) => {
  const p = fromSnapshot(arn.replace(/^arn:[^:]+:iam::aws:policy\//, ''));
  return p ? { document: p.document, version: p.version } : undefined;
};

let lookup: ManagedPolicyLookup = snapshotLookup;

/** Install the managed-policy lookup (the gate or tests). */
export function setManagedPolicyLookup(fn: ManagedPolicyLookup): void {
  lookup = fn;
}

/** The document of an AWS managed policy (`arn:<partition>:iam::aws:policy/...`), when known. */
export function awsManagedPolicy(arn: string): ManagedPolicyDocument | undefined {
  if (!/^arn:[^:]+:iam::aws:policy\//.test(arn)) return undefined;
  return lookup(arn);
}
