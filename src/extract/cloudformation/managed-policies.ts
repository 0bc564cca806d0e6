/**
 * AWS managed policies by name, from a bundled snapshot (latest version of each policy only). Returns undefined
 * when the snapshot does not know the policy (or no snapshot is bundled): the attachment is then kept as a
 * `managed-policy-attachment` entity only.
 */
export interface ManagedPolicy {
  document: unknown;
  version: string;
  /** Date of the policy version (ISO). */
  date: string;
}

export function awsManagedPolicy(_name: string): ManagedPolicy | undefined {
  return undefined;
}
