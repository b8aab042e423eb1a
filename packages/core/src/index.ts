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
export { SymbolicValue, isInputHole, isSymbolic, valueToString } from './model/symbolic';
export { sharePrincipal } from './model/share-principal';
export { collectionAccessProblem, collectionAccessStatements } from './model/collection-access';
export type { CollectionAccessNames } from './model/collection-access';
export type { AclGrant, AclGrantee, AclPermission, AclTarget } from './model/s3-acl';
export { aclPermission, aclPolicy, cannedAclGrants, publicGrantee } from './model/s3-acl';
export type { ParsePolicyOptions } from './model/parse';
export { notAPolicyDocument, parsePolicy } from './model/parse';
export { escapePointerToken, pointerTokens } from './model/pointer';
export { describeFound } from './model/shape';
export type { DuplicateKey } from './model/json-text';
export { duplicateKeys } from './model/json-text';
export { defineOwn, serializePolicy } from './model/serialize';
export type { ValidatePolicyOptions } from './model/validate';
export { validatePolicy } from './model/validate';
export type { DecodedOperator } from './model/operators';
export { CONDITION_OPERATORS, SET_OPERATORS, decodeOperator } from './model/operators';
export type { PolicyIssueCode, ModelIssue } from './model/issue-codes';
export { POLICY_ISSUE_CODES } from './model/issue-codes';

// --- match ---
export type { WildcardOptions } from './match/wildcard';
export { matchWildcard, hasWildcard } from './match/wildcard';
export type { Tristate } from './match/value';
export { matchPolicyValue, couldOverlap } from './match/value';

// --- catalog ---
export type { AccessLevel, ActionResourceType, ActionInfo, ServiceInfo, UnknownActionReason } from './catalog/actions';
export {
  listServices,
  getService,
  getAction,
  listServiceActions,
  listAllActions,
  expandActionPattern,
  expandNotAction,
  acceptsOnlyWildcardResource,
  listWildcardOnlyActions,
  diagnoseUnknownAction,
} from './catalog/actions';
export { PARTITION_NAMES, partitionOfRegion } from './catalog/requested-region';
export { elbAccountOfRegion } from './rules/data/aws-service-accounts';
export type { ResourceTypeInfo, ArnResourceType } from './catalog/resource-types';
export { getResourceType, listResourceTypes, resourceTypesForArn, actionResourceMatch } from './catalog/resource-types';
export type { ConditionKeyType, ConditionKeyInfo } from './catalog/condition-keys';
export { getConditionKey, suggestConditionKey } from './catalog/condition-keys';
export { closestMatch } from './catalog/suggest';
export type { ManagedPolicy, ManagedPolicySummary } from './catalog/managed-policies';
export {
  getManagedPolicy,
  listManagedPolicies,
  isManagedPolicyArn,
  managedPolicySourceVersion,
} from './catalog/managed-policies';

// --- evaluator ---
export type {
  Decision,
  ContextValue,
  EvaluationRequest,
  PolicySet,
  PolicyKind,
  PolicyRef,
  StatementRef,
  MissingAllow,
  ConditionFailure,
  UnknownMatch,
  DecisionReason,
  Trace,
  EvaluationResult,
  EvaluateOptions,
} from './evaluator/types';
export type { CompiledPolicySet } from './evaluator/evaluate';
export { evaluate, compilePolicySet } from './evaluator/evaluate';
export type { SimulationCase, CaseError, CaseResult } from './evaluator/case';
export { readCase } from './evaluator/case';
export { formatResult, describeStatement, describePolicy } from './evaluator/trace';

// --- engine (analysis, rules, config, report) ---
export type {
  SourceLocation,
  PolicySource,
  AttachmentKind,
  AttachedPolicy,
  PrincipalKind,
  CredentialKind,
  PrincipalInput,
  ResourceInput,
  StandalonePolicyInput,
  OrganizationTarget,
  InputError,
  ScanInput,
  IdentityProviderInput,
  AccountSettingInput,
  InputSuppression,
  WorkloadInput,
} from './analysis/input';
export type {
  Severity,
  SeverityOrOff,
  Category,
  RuleId,
  Finding,
  SuppressionInfo,
  SuppressedFinding,
  ReportError,
  Summary,
  GuardResult,
} from './analysis/finding';
export { CATEGORIES, SEVERITIES, atOrAbove } from './analysis/finding';
export type { GuardOptions } from './analysis/engine';
export { runGuard, withoutInstanceKeys } from './analysis/engine';
export { canonicalJson } from './analysis/fingerprint';
export { bothChoices, choiceConditions, choiceKey, conditionChoice, mergedChoices, sideKey } from './analysis/choices';
export type { ChoiceAlternative, ChoiceSide, DeployChoice } from './analysis/choices';
export type { ActionCatalog } from './analysis/catalog-view';
export type { Answer, PermissionQueries } from './analysis/permissions';
export type {
  PresetName,
  AppliesTo,
  RuleMeta,
  RuleExample,
  InvalidRuleExample,
  ExamplePrincipal,
  PolicySubject,
  PrincipalSubject,
  AccountSubject,
  ReportDescriptor,
  UnverifiableDescriptor,
  RuleContext,
  Rule,
  AnyRule,
} from './rules/rule';
export { defineRule } from './rules/rule';
export { RULES, getRule, presetSeverities } from './rules/index';
export { claimOfLostKey } from './rules/trust/oidc';
export type {
  GuardConfig,
  BoundaryConfig,
  BoundaryScope,
  TrustConfig,
  OidcTrust,
  TuningConfig,
  SuppressionConfig,
  GuardSettings,
  ResolvedConfig,
  ConfigIssue,
} from './config/types';
export { resolveConfig, configSchema, ConfigError } from './config/resolve';
export type { Baseline, BaselineFile } from './config/baseline';
export { createBaseline, parseBaseline } from './config/baseline';
export type { FormatContext, Formatter, FormatName } from './report/types';
export { FORMATTERS, formatHtml } from './report/formatters/index';
export type { HtmlReportInput, PrincipalPermissionsView, PermissionCount } from './report/formatters/html';
export type { JsonReport } from './report/json-report';
export { toJsonReport } from './report/json-report';
export type { CliIo } from './cli/io';
export type { ScanCommandSpec, ExtraOption, FailOn, RepeatedOption } from './cli/scan-command';
export { runScanCommand, discoverConfig, CONFIG_FILE_NAMES } from './cli/scan-command';
export type { DataResult, TextResult } from './cli/read-data';
export { decodeDataBytes, parseJsonText } from './cli/read-data';
export { lowerInitial } from './cli/one-line';
export type { InputKind } from './cli/input-kind';
export { inputKindOf, inputKindOfText, wrongInputMessage } from './cli/input-kind';
export {
  DEVICE,
  checkStdin,
  describeReadError,
  deviceError,
  isDevice,
  readFailure,
  readInputFile,
} from './cli/fs-error';

// --- effective permissions ---
export type {
  EffectiveOptions,
  Access,
  CutBy,
  ResourceAccess,
  ActionPermission,
  PermissionSummary,
  CanDoAnswer,
  ActionFilter,
  DeadGrant,
  GainedPermission,
  EffectivePermissions,
} from './analysis/effective';
export { effectivePermissions, gained } from './analysis/effective';
export type { EffectiveQueryOptions } from './analysis/effective-queries';
export { effectivePermissionQueries } from './analysis/effective-queries';
export type {
  AdmissionChanges,
  AdmissionDelta,
  ChangeTarget,
  PermissionChange,
  PermissionDelta,
} from './analysis/changes';
export { planChanges, hasBeforeVersions } from './analysis/changes';
export { permissionViews } from './analysis/views';
