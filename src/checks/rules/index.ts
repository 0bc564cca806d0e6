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
import { rcpAllowStatement } from './rcp-allow-statement.js';
import { rcpPrincipal } from './rcp-principal.js';
import { rcpUnsupportedElement } from './rcp-unsupported-element.js';
import { uniqueSidsRecommended } from './unique-sids-recommended.js';
import { uniqueSidsRequired } from './unique-sids-required.js';
import { unsupportedElementCombination } from './unsupported-element-combination.js';
import { unsupportedPrincipal } from './unsupported-principal.js';
import { serviceWildcard } from './service-wildcard.js';
import { writeOnAllResources } from './write-on-all-resources.js';
import { statementNeverApplies } from './statement-never-applies.js';
import { allowNotAction } from './allow-not-action.js';
import { allowNotResource } from './allow-not-resource.js';
import { passroleUnrestricted } from './passrole-unrestricted.js';
import { privilegeEscalation } from './privilege-escalation.js';
import { boundaryGaps } from './boundary-gaps.js';
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
// catalogue-backed validation (src/catalog)
import { invalidServiceInAction } from './invalid-service-in-action.js';
import { invalidAction } from './invalid-action.js';
import { actionWildcardMatchesNothing } from './action-wildcard-matches-nothing.js';
import { invalidArnPrefix } from './invalid-arn-prefix.js';
import { missingArnField } from './missing-arn-field.js';
import { invalidArnAccount } from './invalid-arn-account.js';
import { invalidArnServiceCase } from './invalid-arn-service-case.js';
import { arnAccountNotAllowed } from './arn-account-not-allowed.js';
import { arnRegionNotAllowed } from './arn-region-not-allowed.js';
import { resourceTypeMismatch } from './resource-type-mismatch.js';
import { invalidGlobalConditionKey } from './invalid-global-condition-key.js';
import { invalidServiceConditionKey } from './invalid-service-condition-key.js';
import { unsupportedActionForConditionKey } from './unsupported-action-for-condition-key.js';
import { typeMismatch } from './type-mismatch.js';
import { typeMismatchBoolean } from './type-mismatch-boolean.js';
import { typeMismatchDate } from './type-mismatch-date.js';
import { typeMismatchIpRange } from './type-mismatch-ip-range.js';
import { typeMismatchNumber } from './type-mismatch-number.js';
import { typeMismatchString } from './type-mismatch-string.js';
import { nullWithIfExists } from './null-with-if-exists.js';
import { allowWithIfExists } from './allow-with-if-exists.js';
import { forAllValuesWithSingleValuedKey } from './forallvalues-with-single-valued-key.js';
import { forAllValuesAllowAbsentKey } from './forallvalues-allow-absent-key.js';
import { missingQualifier } from './missing-qualifier.js';
import { variableUnsupportedInVersion } from './variable-unsupported-in-version.js';
import { invalidPrincipalFormat } from './invalid-principal-format.js';
import { invalidPrincipalKey } from './invalid-principal-key.js';
import { unsupportedWildcardInPrincipal } from './unsupported-wildcard-in-principal.js';
import { invalidServicePrincipalFormat } from './invalid-service-principal-format.js';
import { invalidAwsPrincipal } from './invalid-aws-principal.js';
import { invalidUserReference } from './invalid-user-reference.js';
import { invalidRoleReference } from './invalid-role-reference.js';
import { allowWithNotPrincipal } from './allow-with-not-principal.js';
import { redundantAction } from './redundant-action.js';
import { redundantResource } from './redundant-resource.js';
import { policySizeExceedsIdentityPolicyQuota } from './policy-size-exceeds-identity-policy-quota.js';
import { inlinePoliciesSizeExceedsQuota } from './inline-policies-size-exceeds-quota.js';
import { policySizeExceedsRoleTrustPolicyQuota } from './policy-size-exceeds-role-trust-policy-quota.js';
import { policySizeExceedsScpQuota } from './policy-size-exceeds-scp-quota.js';
import { policySizeExceedsRcpQuota } from './policy-size-exceeds-rcp-quota.js';
import { rcpUnsupportedService } from './rcp-unsupported-service.js';
import { dataTypeMismatch } from './data-type-mismatch.js';
import { configWeakened } from './config-weakened.js';
import { templateTokenDecidesAccess } from './template-token-decides-access.js';

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
  // organisation policies
  rcpAllowStatement,
  rcpUnsupportedElement,
  rcpPrincipal,
  // least privilege
  adminWildcard,
  serviceWildcard,
  writeOnAllResources,
  statementNeverApplies,
  allowNotAction,
  allowNotResource,
  passroleUnrestricted,
  privilegeEscalation,
  boundaryGaps,
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
  // catalogue-backed validation (src/catalog)
  invalidServiceInAction,
  invalidAction,
  actionWildcardMatchesNothing,
  invalidArnPrefix,
  missingArnField,
  invalidArnAccount,
  invalidArnServiceCase,
  arnAccountNotAllowed,
  arnRegionNotAllowed,
  resourceTypeMismatch,
  invalidGlobalConditionKey,
  invalidServiceConditionKey,
  unsupportedActionForConditionKey,
  typeMismatch,
  typeMismatchBoolean,
  typeMismatchDate,
  typeMismatchIpRange,
  typeMismatchNumber,
  typeMismatchString,
  nullWithIfExists,
  allowWithIfExists,
  forAllValuesWithSingleValuedKey,
  forAllValuesAllowAbsentKey,
  missingQualifier,
  variableUnsupportedInVersion,
  invalidPrincipalFormat,
  invalidPrincipalKey,
  unsupportedWildcardInPrincipal,
  invalidServicePrincipalFormat,
  invalidAwsPrincipal,
  invalidUserReference,
  invalidRoleReference,
  allowWithNotPrincipal,
  redundantAction,
  redundantResource,
  policySizeExceedsIdentityPolicyQuota,
  inlinePoliciesSizeExceedsQuota,
  policySizeExceedsRoleTrustPolicyQuota,
  policySizeExceedsScpQuota,
  policySizeExceedsRcpQuota,
  rcpUnsupportedService,
  dataTypeMismatch,
  // the gate's own config (reported by src/config/trusted.ts)
  configWeakened,
  templateTokenDecidesAccess,
];

export function findRule(id: string): Rule | undefined {
  return rules.find((r) => r.meta.id === id);
}
