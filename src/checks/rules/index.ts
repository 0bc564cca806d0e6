/** The rule registry: adding a rule is one file and one line here. */
import type { Rule } from './types.js';
import { adminWildcard } from './admin-wildcard.js';
import { emptyArrayAction } from './empty-array-action.js';
import { emptyArrayPrincipal } from './empty-array-principal.js';
import { emptyArrayResource } from './empty-array-resource.js';
import { emptyObjectCondition } from './empty-object-condition.js';
import { emptyObjectPrincipal } from './empty-object-principal.js';
import { emptySidValue } from './empty-sid-value.js';
import { invalidEffect } from './invalid-effect.js';
import { invalidPolicyElement } from './invalid-policy-element.js';
import { invalidVersion } from './invalid-version.js';
import { missingAction } from './missing-action.js';
import { missingPrincipal } from './missing-principal.js';
import { missingResource } from './missing-resource.js';
import { missingStatement } from './missing-statement.js';
import { missingVersion } from './missing-version.js';
import { scpSyntaxErrorPrincipal } from './scp-syntax-error-principal.js';
import { uniqueSidsRecommended } from './unique-sids-recommended.js';
import { uniqueSidsRequired } from './unique-sids-required.js';
import { unsupportedElementCombination } from './unsupported-element-combination.js';
import { unsupportedPrincipal } from './unsupported-principal.js';
import { serviceWildcard } from './service-wildcard.js';
import { writeOnAllResources } from './write-on-all-resources.js';
import { allowNotAction } from './allow-not-action.js';
import { allowNotResource } from './allow-not-resource.js';
import { passroleUnrestricted } from './passrole-unrestricted.js';
import { privilegeEscalation } from './privilege-escalation.js';
import { dataExfiltration } from './data-exfiltration.js';
import { credentialsExposure } from './credentials-exposure.js';
import { resourceExposure } from './resource-exposure.js';
import { infrastructureModification } from './infrastructure-modification.js';
import { defenseEvasion } from './defense-evasion.js';
import { trustAnyPrincipal } from './trust-any-principal.js';
import { trustCrossAccount } from './trust-cross-account.js';
import { trustMissingExternalId } from './trust-missing-external-id.js';
import { trustGithubOidc } from './trust-github-oidc.js';
import { trustFederatedAudience } from './trust-federated-audience.js';
import { trustPrivilegedWithoutMfa } from './trust-privileged-without-mfa.js';
import { resourcePolicyExposure } from './resource-policy-exposure.js';
import { s3InsecureTransport } from './s3-insecure-transport.js';
import { kmsKeyAdminNonRoot } from './kms-key-admin-non-root.js';
import { accessKeyLongLived } from './access-key-long-lived.js';
import { userDirectPolicy } from './user-direct-policy.js';
import { loginProfileNoReset } from './login-profile-no-reset.js';
import { userTooManyGroups } from './user-too-many-groups.js';
import { weakPasswordPolicy } from './weak-password-policy.js';
import { awsManagedAdminPolicy } from './aws-managed-admin-policy.js';

export const rules: Rule[] = [
  // policy grammar (Access Analyzer issue codes)
  missingVersion,
  invalidVersion,
  missingStatement,
  invalidEffect,
  missingAction,
  missingResource,
  unsupportedElementCombination,
  unsupportedPrincipal,
  scpSyntaxErrorPrincipal,
  missingPrincipal,
  uniqueSidsRequired,
  uniqueSidsRecommended,
  invalidPolicyElement,
  emptyArrayAction,
  emptyArrayResource,
  emptyArrayPrincipal,
  emptyObjectPrincipal,
  emptyObjectCondition,
  emptySidValue,
  // least privilege
  adminWildcard,
  serviceWildcard,
  writeOnAllResources,
  allowNotAction,
  allowNotResource,
  passroleUnrestricted,
  privilegeEscalation,
  dataExfiltration,
  credentialsExposure,
  resourceExposure,
  infrastructureModification,
  defenseEvasion,
  // trust policies
  trustAnyPrincipal,
  trustCrossAccount,
  trustMissingExternalId,
  trustGithubOidc,
  trustFederatedAudience,
  trustPrivilegedWithoutMfa,
  // resource policies
  resourcePolicyExposure,
  s3InsecureTransport,
  kmsKeyAdminNonRoot,
  // account practices
  accessKeyLongLived,
  userDirectPolicy,
  loginProfileNoReset,
  userTooManyGroups,
  weakPasswordPolicy,
  awsManagedAdminPolicy,
];

export function findRule(id: string): Rule | undefined {
  return rules.find((r) => r.meta.id === id);
}
