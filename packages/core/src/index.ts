/** @iamgate/core: the public API, exported by name. Each area keeps to its own section. */

// --- model ---
export type {
  PolicyType,
  Effect,
  PolicyVersion,
  ValueSet,
  PrincipalType,
  PrincipalEntry,
  PrincipalSet,
  SetOperator,
  ConditionClause,
  Statement,
  Policy,
  IssueSeverity,
  PolicyIssue,
  Result,
} from './model/policy';
export type { Hole, PolicyValue } from './model/symbolic';
export { SymbolicValue, isSymbolic, valueToString } from './model/symbolic';

// --- match ---
export type { WildcardOptions } from './match/wildcard';
export { matchWildcard, hasWildcard } from './match/wildcard';
export type { Tristate } from './match/value';
export { matchPolicyValue, couldOverlap } from './match/value';

// --- catalog ---

// --- evaluator ---

// --- engine (analysis, rules, config, report) ---
export type {
  SourceLocation,
  PolicySource,
  AttachmentKind,
  AttachedPolicy,
  PrincipalKind,
  PrincipalInput,
  ResourceInput,
  StandalonePolicyInput,
  InputError,
  ScanInput,
  IdentityProviderInput,
  AccountSettingInput,
} from './analysis/input';
