/** The rule registry: every rule, in id order. Presets are derived from rule metadata. */
import type { RuleId, Severity } from '../analysis/finding';
import type { AnyRule, PresetName } from './rule';
import fullAccess from './admin-access/full-access';
import missingRequiredBoundary from './boundary/missing-required';
import invalidPolicy from './policy-validity/invalid-policy';
import policyWarning from './policy-validity/policy-warning';
import unknownAction from './policy-validity/unknown-action';
import resourceMismatch from './policy-validity/resource-mismatch';
import unknownConditionKey from './policy-validity/unknown-condition-key';
import conditionTypeMismatch from './policy-validity/condition-type-mismatch';
import policySize from './policy-validity/policy-size';
import redundantStatement from './policy-validity/redundant-statement';
import invalidArn from './policy-validity/invalid-arn';
import sourceIpCondition from './policy-validity/source-ip-condition';
import mfaCondition from './policy-validity/mfa-condition';
import starOnlyAction from './policy-validity/star-only-action';
import redundantValue from './policy-validity/redundant-value';
import policyVariable from './policy-validity/policy-variable';
import passRoleWildcard from './privilege-escalation/pass-role-wildcard';
import assumeAnyRole from './privilege-escalation/assume-any-role';
import iamPolicyModification from './privilege-escalation/iam-policy-modification';
import passRoleToService from './privilege-escalation/pass-role-to-service';
import runAsExistingRole from './privilege-escalation/run-as-existing-role';
import userCredentials from './privilege-escalation/user-credentials';
import unscopedCredentialAction from './credentials-exposure/unscoped-credential-action';
import unscopedRead from './data-exfiltration/unscoped-read';
import writeOnStar from './wildcard-resource/write-on-star';
import directPolicy from './iam-user/direct-policy';
import accessKey from './iam-user/access-key';
import consoleWithoutMfa from './iam-user/console-without-mfa';
import weakPasswordPolicy from './iam-user/weak-password-policy';
import publicPrincipal from './resource-exposure/public-principal';
import ruleFailure from './unverifiable/rule-failure';
import unknownValue from './unverifiable/unknown-value';
import unresolvedPolicy from './unverifiable/unresolved-policy';
import oidcMissingSub from './trust-policy/oidc-missing-sub';
import untrustedAccount from './trust-policy/untrusted-account';
import oidcBroadSubject from './trust-policy/oidc-broad-subject';
import oidcWeakSubject from './trust-policy/oidc-weak-subject';
import crossAccountExternalId from './trust-policy/cross-account-external-id';
import confusedDeputy from './resource-exposure/confused-deputy';
import serviceAdmin from './admin-access/service-admin';
import notActionAllow from './admin-access/not-action-allow';
import boundaryNotApproved from './boundary/not-approved';
import boundaryCapsNothing from './boundary/caps-nothing';
import delegationEscape from './boundary/delegation-escape';
import deadGrant from './boundary/dead-grant';
import selfEditable from './boundary/self-editable';
import accountRoot from './trust-policy/account-root';
import federationConditions from './trust-policy/federation-conditions';
import policyChange from './resource-exposure/policy-change';
import resourcePolicyBypass from './boundary/resource-policy-bypass';
import serviceWildcard from './wildcard-action/service-wildcard';

/** Every rule, sorted by id. */
export const RULES: readonly AnyRule[] = [
  fullAccess,
  missingRequiredBoundary,
  invalidPolicy,
  policyWarning,
  unknownAction,
  resourceMismatch,
  unknownConditionKey,
  conditionTypeMismatch,
  policySize,
  redundantStatement,
  invalidArn,
  sourceIpCondition,
  mfaCondition,
  starOnlyAction,
  redundantValue,
  policyVariable,
  passRoleWildcard,
  assumeAnyRole,
  iamPolicyModification,
  passRoleToService,
  runAsExistingRole,
  userCredentials,
  unscopedCredentialAction,
  unscopedRead,
  writeOnStar,
  directPolicy,
  accessKey,
  consoleWithoutMfa,
  weakPasswordPolicy,
  publicPrincipal,
  ruleFailure,
  unknownValue,
  unresolvedPolicy,
  oidcMissingSub,
  untrustedAccount,
  oidcBroadSubject,
  oidcWeakSubject,
  crossAccountExternalId,
  confusedDeputy,
  serviceAdmin,
  notActionAllow,
  boundaryNotApproved,
  boundaryCapsNothing,
  delegationEscape,
  deadGrant,
  selfEditable,
  accountRoot,
  federationConditions,
  policyChange,
  resourcePolicyBypass,
  serviceWildcard,
  // Code-unit order: `localeCompare` would load ICU collation at start-up for no difference on ids.
].sort((a, b) => (a.meta.id < b.meta.id ? -1 : a.meta.id > b.meta.id ? 1 : 0));

const BY_ID = new Map<string, AnyRule>(RULES.map((r) => [r.meta.id, r]));

/** The rule with this id, if any. */
export function getRule(id: string): AnyRule | undefined {
  return BY_ID.get(id);
}

/** A preset: rule id -> severity, from each rule's metadata. */
export function presetSeverities(preset: PresetName): ReadonlyMap<RuleId, Severity> {
  const entries = RULES.filter((r) => preset === 'strict' || r.meta.recommended).map((r): [RuleId, Severity] => [
    r.meta.id,
    preset === 'strict' && r.meta.defaultSeverity === 'info' ? 'warning' : r.meta.defaultSeverity,
  ]);
  return new Map(entries);
}
