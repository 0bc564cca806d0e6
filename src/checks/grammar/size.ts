/** Policy size measurement as IAM and Organizations count it (pure). */
import type { PolicyRecord } from '../../policy/types.js';

/** Characters of the document without whitespace (IAM quotas: managed, inline, trust). */
export function sizeWithoutWhitespace(document: unknown): number {
  return (JSON.stringify(document) ?? '').replace(/\s/g, '').length;
}

/** Characters of the compact JSON document (SCP/RCP count every character; this is the least it can be). */
export function compactSize(document: unknown): number {
  return (JSON.stringify(document) ?? '').length;
}

/** Is this identity policy inline (embedded in a user, group or role) rather than a managed policy? */
export function isInline(policy: PolicyRecord): boolean {
  if (policy.attachedTo.some((a) => a.via === 'inline')) return true;
  return /^(AWS::IAM::(Role|User|Group|Policy)|aws_iam_(role|user|group)_policy|aws_iam_role|aws_iam_user|aws_iam_group)$/.test(policy.resourceType) && policy.resourceType !== 'AWS::IAM::ManagedPolicy';
}

export function approxNote(policy: PolicyRecord): string {
  return policy.placeholders.length ? ' (approximate: the policy contains values known only at deploy time)' : '';
}
