/**
 * What a principal may do on every resource: the Allow statements of all its identity policies
 * that grant an action without a resource or condition restriction, read the way AWS reads them
 * (NotAction, NotResource, wildcard ARNs, denies and the boundary through `context.permissions`).
 * Shared by the privilege-escalation, credentials-exposure and data-exfiltration rules.
 */
import type { ConditionClause, Statement } from '../../model/policy';
import { parsePolicy } from '../../model/parse';
import { matchPolicyValue } from '../../match/value';
import { isSymbolic, isWhollyInput, textWithHolesAs } from '../../model/symbolic';
import { actionResourceMatch, coversEveryResourceOfAType, isTypeWordOf } from '../../catalog/resource-types';
import type { PolicyValue } from '../../model/symbolic';
import type { ActionCatalog } from '../../analysis/catalog-view';
import type { PermissionQueries } from '../../analysis/permissions';
import type { PolicySubject } from '../rule';
import type { AttachedPolicy, PolicySource } from '../../analysis/input';
import { bothChoices } from '../../analysis/choices';
import { catalogPolicySource } from '../../analysis/catalog-attachment';
import type { DeployChoice } from '../../analysis/choices';
import { matchWildcard } from '../../match/wildcard';
import type { Partition } from '../../catalog/requested-region';
import { fixedRequestedRegions } from '../../catalog/requested-region';
import { regionTestFailsFor } from '../../analysis/effective-queries';
import {
  actionMatcherOf,
  actionMatches,
  coversEveryResource,
  isRestrictingClause,
  neverHolds,
} from '../statement-helpers';

/**
 * Whether a Deny, the boundary or an SCP keeps a principal from `action` on `resource`. An ARN is
 * asked of its permissions; a pattern or a value known after deploy (a reference, an ARN whose
 * account comes at apply) is blocked by a denial everywhere, or by an unconditional Deny among
 * the principal's statements (`own`) whose resource names it (`arn:aws:iam::*:saml-provider/*`).
 */
export function blockedOnValue(
  permissions: PermissionQueries,
  own: readonly { readonly statement: Statement }[],
  action: string,
  resource: PolicyValue,
): boolean {
  if (typeof resource === 'string' && !/[*?]/.test(resource)) return permissions.blockedOn(action, resource) === 'yes';
  if (permissions.blockedEverywhere(action) === 'yes') return true;
  return own.some(
    ({ statement: s }) =>
      s.effect === 'Deny' &&
      s.conditions.length === 0 &&
      actionMatches(s, action) &&
      s.resource !== undefined &&
      !s.resource.negated &&
      s.resource.values.some((v) => matchPolicyValue(v, resource) === 'match'),
  );
}

/** A statement with the policy it comes from. */
export interface OwnedStatement {
  readonly statement: Statement;
  /** `PolicySource.id` of its policy. */
  readonly policyId: string;
  readonly policyName: string;
  /**
   * The deploy choices the statement is made under (a template's `Fn::If` side, a policy resource
   * under a `Condition`); absent when every deploy makes it.
   */
  readonly choice?: DeployChoice;
}

/**
 * The deploy choices a statement of `source` is made under for a principal holding it through
 * `attachment` (see `OwnedStatement.choice`).
 */
export function statementChoice(
  source: PolicySource | undefined,
  statement: Statement,
  attachment?: AttachedPolicy,
): DeployChoice | undefined {
  if (source?.statementChoices === undefined && source?.deployedWhen === undefined) return attachment?.deployedWhen;
  const at = /^\/Statement(?:\/(\d+))?$/.exec(statement.pointer);
  const written = at === null ? undefined : source.statementChoices?.[Number(at[1] ?? 0)];
  return bothChoices(bothChoices(written, source.deployedWhen), attachment?.deployedWhen);
}

function choiceIn(
  source: PolicySource | undefined,
  statement: Statement,
  attachment?: AttachedPolicy,
): { choice?: DeployChoice } {
  const choice = statementChoice(source, statement, attachment);
  return choice === undefined ? {} : { choice };
}

const parsedDocuments = new WeakMap<object, readonly Statement[]>();
// Terraform documents are JSON text: remembered by their text, a bounded number of them.
const parsedTexts = new Map<string, readonly Statement[]>();
const MAX_TEXTS = 10_000;

function statementsOf(document: unknown): readonly Statement[] {
  if (document === null || document === undefined) return [];
  const cached =
    typeof document === 'object'
      ? parsedDocuments.get(document)
      : typeof document === 'string'
        ? parsedTexts.get(document)
        : undefined;
  if (cached) return cached;
  const parsed = parsePolicy(document, { type: 'identity' });
  const statements = parsed.ok ? parsed.value.statements : [];
  if (typeof document === 'object') parsedDocuments.set(document, statements);
  else if (typeof document === 'string') {
    if (parsedTexts.size >= MAX_TEXTS) parsedTexts.clear();
    parsedTexts.set(document, statements);
  }
  return statements;
}

/**
 * Which actions (lowercase) the Allow statements may allow, at a glance: those they name exactly,
 * and every action of a service a wildcard pattern names literally (`sqs:*`).
 */
export interface PossibleActions {
  readonly names: ReadonlySet<string>;
  /** Service prefixes with their colon, e.g. `sqs:`. */
  readonly services: ReadonlySet<string>;
}

/**
 * The {@link PossibleActions} of Allow statements, or undefined when a NotAction or a pattern
 * without a literal service (`*`, `s*:Get*`) may allow any action. Lets a caller skip actions no
 * statement can allow.
 */
export function possibleActions(statements: readonly OwnedStatement[]): PossibleActions | undefined {
  const names = new Set<string>();
  const services = new Set<string>();
  for (const { statement } of statements) {
    if (statement.effect !== 'Allow') continue;
    const matcher = actionMatcherOf(statement);
    if (matcher === null) continue;
    if (matcher.negated) return undefined;
    for (const name of matcher.exact) names.add(name);
    for (const { service } of matcher.wildcards) {
      if (service === undefined) return undefined;
      services.add(service);
    }
  }
  return { names, services };
}

/**
 * The statements of every identity policy of the subject's principal, in attachment order (for a
 * standalone policy: its own statements). Permissions split over several policies add up.
 */
export function principalStatements(subject: PolicySubject, catalog: ActionCatalog): OwnedStatement[] {
  const own = (subject.parsed.ok ? subject.parsed.value.statements : []).map((statement) => ({
    statement,
    policyId: subject.source.id,
    policyName: subject.source.name,
    ...choiceIn(subject.source, statement, subject.attachment),
  }));
  const principal = subject.principal;
  if (principal === undefined || subject.type !== 'identity') return own;
  if (subject.identityPolicies !== undefined) return withSiblings(subject, subject.identityPolicies, own);
  const all: OwnedStatement[] = [];
  let seenOwn = false;
  for (const attachment of principal.policies) {
    const arn = typeof attachment.arn === 'string' ? attachment.arn : undefined;
    const id = attachment.policy?.id ?? arn;
    if (id === subject.source.id) {
      if (!seenOwn) all.push(...own);
      seenOwn = true;
      continue;
    }
    if (attachment.policy?.unresolved) continue;
    const source =
      attachment.policy ?? catalogPolicySource(attachment, (a) => catalog.awsManagedPolicy?.(a), principal.location);
    if (source === undefined) continue;
    for (const statement of statementsOf(source.document))
      all.push({
        statement,
        policyId: source.id,
        policyName: source.name,
        ...choiceIn(attachment.policy, statement, attachment),
      });
  }
  if (!seenOwn) all.push(...own);
  return all;
}

/** {@link principalStatements} from the policies the engine already parsed, in attachment order. */
function withSiblings(
  subject: PolicySubject,
  siblings: readonly PolicySubject[],
  own: readonly OwnedStatement[],
): OwnedStatement[] {
  const all: OwnedStatement[] = [];
  let seenOwn = false;
  for (const sibling of siblings) {
    if (sibling.source.id === subject.source.id) {
      if (!seenOwn) all.push(...own);
      seenOwn = true;
      continue;
    }
    const arn = typeof sibling.attachment?.arn === 'string' ? sibling.attachment.arn : undefined;
    const id = sibling.attachment?.policy?.id ?? arn;
    const name = sibling.attachment?.policy?.name ?? arn ?? '';
    const statements = sibling.parsed.ok ? sibling.parsed.value.statements : [];
    for (const statement of statements)
      all.push({
        statement,
        policyId: id ?? name,
        policyName: name,
        ...choiceIn(sibling.source, statement, sibling.attachment),
      });
  }
  if (!seenOwn) all.push(...own);
  return all;
}

/**
 * True when a resource ARN pattern names every resource of its type (`role/*`, `function:*`,
 * `arn:aws:s3:::*`, `*`). The service of the ARN may differ from the action's (`ssm:SendCommand`
 * acts on EC2 instances).
 */
export function isUnrestrictedArn(value: PolicyValue): boolean {
  // A value known only after deploy is read with each unknown as one specific name: unrestricted
  // only where its literal text is (`arn:${Partition}:dynamodb:${Region}:${Account}:table/*`).
  if (isSymbolic(value)) return isUnrestrictedArn(textWithHolesAs(value, 'x'));
  if (value === '*') return true;
  // Only a `*` in the resource part can make it unrestricted: most ARNs stop here.
  if (!value.includes('*')) return false;
  const match = /^arn:[^:]*:([^:]*):[^:]*:([^:]*):(.*)$/.exec(value);
  // Shorter than an ARN, wildcards after at most a partition and a service (`*/*`, `arn:*`,
  // `arn:aws:s3:*`): every resource (of the service) the pattern reaches.
  if (!match) return /^(?:arn(?::[^:*?]*){0,2}:)?[*?/:]*$/.test(value);
  const [, arnService = '', account = '', resource = ''] = match;
  // Resources AWS owns (the SAM transform, AWS managed policies) are no resources of the account.
  if (account === 'aws') return false;
  // S3 ARNs have no resource-type word: the first segment is the bucket name. Some services start
  // the resource with a `/` (`/keyspace/*` of Keyspaces, `/restapis/*` of API Gateway), and some
  // with a name the catalog's formats show in its place (`${ApiId}/*/*/*` of execute-api: one API).
  const word = arnService === 's3' ? undefined : /^\/?[A-Za-z][A-Za-z0-9-]*[/:](?=.)/.exec(resource)?.[0];
  const rest = word !== undefined && isTypeWordOf(arnService, word) !== false ? resource.slice(word.length) : resource;
  if (rest.includes('*') && /^[*/:]+$/.test(rest)) return true;
  // `parameter*`, `function*`: the type word and `*`, every resource of the type (not a name
  // prefix, which the catalog tells apart: `orders*` of SQS). Only that form asks the catalog.
  return arnService !== 's3' && /^[A-Za-z][A-Za-z0-9-]*\*$/.test(resource) && coversEveryResourceOfAType(value);
}

/** The Resource values of a statement that name every resource of their type (`arn:aws:ec2:*:*:subnet/*`). */
export function unrestrictedValues(statement: Statement): PolicyValue[] {
  const set = statement.resource;
  return set === undefined || set.negated ? [] : set.values.filter(isUnrestrictedArn);
}

/** Does the statement apply to every resource of some type (so to every resource an action may act on)? */
export function coversAllResourcesOf(statement: Statement): boolean {
  // Asked of every statement by several rules (each sensitive-action rule, each escalation path).
  let answer = coversAll.get(statement);
  if (answer === undefined) {
    const set = statement.resource;
    answer =
      coversEveryResource(statement) || (set !== undefined && !set.negated && set.values.some(isUnrestrictedArn));
    coversAll.set(statement, answer);
  }
  return answer;
}

const coversAll = new WeakMap<Statement, boolean>();

/**
 * Does the statement apply to every resource `action` acts on: `*`, or a value naming every
 * resource of a type the action accepts? `lambda:*` on `layer:*` reaches every layer, not the
 * functions that `lambda:UpdateFunctionCode` changes; `cloudformation:*` on the SAM transform's
 * ARN reaches no stack. A value known only after deploy, or an action the catalog does not know,
 * counts as reaching them.
 */
export function coversAllResourcesFor(statement: Statement, action: string): boolean {
  if (!coversAllResourcesOf(statement)) return false;
  if (coversEveryResource(statement)) return true;
  // Each unknown read as one name, as `isUnrestrictedArn` reads it: the region of
  // `arn:aws:cloudformation:${AWS::Region}:aws:transform/*` is a region, not a `*` that could
  // reach across the fields to a stack.
  return unrestrictedValues(statement).some(
    (value) => actionResourceMatch(action, textWithHolesAs(value, 'x')) !== 'no-match',
  );
}

/**
 * The Resource values of a statement that the deployer gives whole (`Resource = var.arns`, a
 * template parameter): each may be `*` as well as one resource's ARN. None when another value
 * already names every resource, which the statement is then read as.
 */
export function givenWholeValues(statement: Statement): PolicyValue[] {
  const set = statement.resource;
  // Most statements name their resources in text: told before asking whether they cover all.
  if (set === undefined || set.negated || !set.values.some(isWhollyInput) || coversAllResourcesOf(statement)) return [];
  return set.values.filter(isWhollyInput);
}

/** The statement as it reads if its Resource is `*`: what it allows when an input given whole is `*`. */
export function onEveryResource(statement: Statement): Statement {
  let star = everyResourceCopies.get(statement);
  if (star === undefined) {
    const pointer = statement.resource?.pointer ?? `${statement.pointer}/Resource`;
    star = Object.freeze({ ...statement, resource: Object.freeze({ negated: false, values: ['*'], pointer }) });
    everyResourceCopies.set(statement, star);
  }
  return star;
}

const everyResourceCopies = new WeakMap<Statement, Statement>();

/** Does the statement's resource list name one of `targets` (the principal itself, its policies)? */
export function namesOneOf(statement: Statement, targets: readonly PolicyValue[]): boolean {
  const set = statement.resource;
  if (set === undefined || set.negated || targets.length === 0) return false;
  return set.values.some((pattern) => targets.some((t) => matchPolicyValue(pattern, t) === 'match'));
}

/**
 * The request a statement's conditions are asked about: its action, and the partition of the
 * principal's ARNs (`PermissionQueries.partition`), whose IAM Region a Region test is read in.
 */
export interface RequestOf {
  readonly action: string;
  readonly partition: Partition | undefined;
}

/**
 * The restricting condition clauses of a statement, except those `tolerated` says do not stop
 * the request in question (e.g. an `iam:PassedToService` that lets the role go to the service).
 * A clause that never holds (a value or key the operator cannot read) stops every request: the
 * evaluator allows nothing through the statement, so no grant rule reports it. Asked for one
 * `action`, a test of `aws:RequestedRegion` that its fixed Region fails (IAM's) stops it too.
 */
export function constrainingClauses(
  statement: Statement,
  tolerated: (clause: ConditionClause) => boolean = () => false,
  request?: RequestOf,
): ConditionClause[] {
  // The Region of IAM's calls is not the caller's to pick: a Region test it fails is no scope but a closed door.
  return statement.conditions.filter(
    (c) =>
      neverHolds(c) ||
      (request !== undefined && regionTestFailsFor(c, request.action, request.partition)) ||
      ((isRestrictingClause(c) || requiresResourceTag(c)) &&
        !NON_SCOPING_KEYS.has(c.key.toLowerCase()) &&
        !describesThePrincipal(c) &&
        !namesEveryResourceOfAType(c) &&
        !tolerated(c)),
  );
}

/**
 * Whether a Region test of the statement fails wherever `action` is answered (IAM's Region of
 * `partition`): the statement grants no `action` (`iam:*` allowed in `eu-west-1` alone).
 */
export function outOfRegion(statement: Statement, action: string, partition: Partition | undefined): boolean {
  return statement.conditions.some((c) => regionTestFailsFor(c, action, partition));
}

/**
 * An ARN condition whose every value names every resource of its type (`ecs:cluster` `ArnLike`
 * `arn:aws:ecs:*:*:cluster/*`, `lambda:FunctionArn` on `function:*` of the account): it lets every
 * such resource through, as the same pattern in Resource would. `ArnEquals` takes wildcards too.
 */
function namesEveryResourceOfAType(clause: ConditionClause): boolean {
  if (!ARN_PATTERN_OPERATORS.has(clause.baseOperator) || clause.values.length === 0) return false;
  return clause.values.every(
    (v) => (isSymbolic(v) ? textWithHolesAs(v, 'x') : v).startsWith('arn:') && isUnrestrictedArn(v),
  );
}

const ARN_PATTERN_OPERATORS: ReadonlySet<string> = new Set(['ArnLike', 'ArnEquals', 'StringLike']);

/**
 * `"Null": {"aws:ResourceTag/k": "false"}`, or `StringLike` with `*` on it: only resources that
 * carry tag `k`, whatever its value (the ABAC form of the AWS Load Balancer Controller, EBS CSI
 * driver, Karpenter or cluster autoscaler policies). Resource tags are set by whoever may tag the
 * resource, not by the caller of this request, so the test scopes the resources as `StringEquals`
 * on the tag would. Neither scopes request tags, which the caller chooses.
 */
function requiresResourceTag(clause: ConditionClause): boolean {
  if (clause.setOperator !== undefined || clause.values.length === 0) return false;
  if (!/^[a-z0-9-]+:resourcetag\//.test(clause.key.toLowerCase())) return false;
  if (clause.baseOperator === 'Null')
    return clause.values.every((v) => typeof v === 'string' && v.toLowerCase() === 'false');
  // `*` matches every value of a tag the resource has, and nothing when it has none.
  return clause.baseOperator === 'StringLike' && !clause.ifExists && clause.values.includes('*');
}

// Keys that say when, from where in AWS, through which service or over what transport a request
// is made, not on which resources: a statement conditioned on them still reaches every resource.
// `ec2:Region` is EC2's own name for the requested region. A service the request comes through
// (`aws:CalledVia`, AWS's example of S3 reads only through Athena) reads or writes every resource
// its caller names: Athena queries every bucket, CloudFormation deletes every table. The account or
// organization that owns the resources (`aws:ResourceAccount` equal to the caller's) is every
// resource of that account, as `arn:aws:ssm:*:111122223333:parameter/*` is.
const NON_SCOPING_KEYS: ReadonlySet<string> = new Set([
  'aws:requestedregion',
  'ec2:region',
  'aws:securetransport',
  'aws:currenttime',
  'aws:epochtime',
  'aws:useragent',
  'aws:calledvia',
  'aws:calledviafirst',
  'aws:calledvialast',
  'aws:viaawsservice',
  'aws:resourceaccount',
  's3:resourceaccount',
  's3express:resourceaccount',
  'aws:resourceorgid',
  'aws:resourceorgpaths',
]);

// Keys that say who the caller is: its tags, ARN, account, organization, user name or id. In the
// principal's own identity policy they hold for every request it makes with them (a workload's
// session carries its role's tags and account wherever it reaches), so they pick which principals
// or sessions use the statement, never which resources it reaches: `s3:DeleteObject` on `*` for
// the holders of `aws:PrincipalTag/team` `payments`, or in organization `o-...`, is every bucket.
const PRINCIPAL_KEYS: ReadonlySet<string> = new Set([
  'aws:principalarn',
  'aws:principalaccount',
  'aws:principalorgid',
  'aws:principalorgpaths',
  'aws:principaltype',
  'aws:userid',
  'aws:username',
  'aws:sourceidentity',
  'aws:federatedprovider',
  // KMS's name for the caller's account: in its own policy, every key it may use.
  'kms:calleraccount',
]);

/** Is the clause on who the caller is (`aws:PrincipalTag/...`, `aws:PrincipalOrgID`, `aws:username`)? */
function describesThePrincipal(clause: ConditionClause): boolean {
  const key = clause.key.toLowerCase();
  return PRINCIPAL_KEYS.has(key) || key.startsWith('aws:principaltag/');
}

/**
 * Keys that say from which network place a request comes (an address, a VPC, a VPC endpoint and
 * its owner, the VPC an instance's credentials were issued in), not which resources it reaches.
 */
export const NETWORK_ORIGIN_KEYS: ReadonlySet<string> = new Set([
  'aws:sourceip',
  'aws:vpcsourceip',
  'aws:sourcevpc',
  'aws:sourcevpce',
  'aws:sourcevpcarn',
  'aws:vpceaccount',
  'aws:vpceorgid',
  'aws:vpceorgpaths',
  'aws:ec2instancesourcevpc',
  'aws:ec2instancesourceprivateipv4',
]);

/** Is the clause on the network place the request comes from (`aws:SourceIp`, `aws:SourceVpce`)? */
export function isNetworkOriginClause(clause: ConditionClause): boolean {
  return NETWORK_ORIGIN_KEYS.has(clause.key.toLowerCase());
}

/**
 * Does the clause leave an escalation path open? Request tags are the caller's choice, and the
 * network place a request comes from is where whoever acts as the principal (its own workload) is.
 */
export function leavesEscalationOpen(clause: ConditionClause): boolean {
  return isRequestTagClause(clause) || isNetworkOriginClause(clause);
}

/** Is the clause about the tags of the request (which the caller chooses, so it only labels what it creates)? */
export function isRequestTagClause(clause: ConditionClause): boolean {
  const key = clause.key.toLowerCase();
  return key.startsWith('aws:requesttag/') || key === 'aws:tagkeys';
}

/** Is the statement an Allow of every action on every resource (reported as administrator access)? */
export function isFullAccess(statement: Statement): boolean {
  const action = statement.action;
  if (statement.effect !== 'Allow' || action === undefined || action.negated) return false;
  // Asked of every statement by most rules: the answer on an AWS managed policy's statement, which
  // lists thousands of actions and is shared by every principal attaching the policy, is kept.
  if (action.values.length <= 16) return action.values.some(isEveryAction) && coversEveryResource(statement);
  let answer = fullAccess.get(statement);
  if (answer === undefined) {
    answer = action.values.some(isEveryAction) && coversEveryResource(statement);
    fullAccess.set(statement, answer);
  }
  return answer;
}

function isEveryAction(action: string): boolean {
  return action === '*' || action === '*:*';
}

const fullAccess = new WeakMap<Statement, boolean>();

/**
 * The actions that make every action of a control service administrator access (the
 * admin-access rules ask whether a boundary or a deny blocks them all). IAM: the single-action
 * escalation paths (writing, attaching or versioning policies, group membership, trust, other
 * users' credentials), `iam:PassRole`, and removing or replacing the principal's own boundary.
 * STS: becoming any role that trusts the account, or a member account's root user.
 * Organizations: changing the service control policies or moving an account out from under them.
 */
export const ADMIN_ACTIONS: Readonly<Record<'iam' | 'sts' | 'organizations', readonly string[]>> = {
  iam: [
    'iam:AttachRolePolicy',
    'iam:AttachUserPolicy',
    'iam:AttachGroupPolicy',
    'iam:PutRolePolicy',
    'iam:PutUserPolicy',
    'iam:PutGroupPolicy',
    'iam:CreatePolicyVersion',
    'iam:SetDefaultPolicyVersion',
    'iam:AddUserToGroup',
    'iam:UpdateAssumeRolePolicy',
    'iam:CreateAccessKey',
    'iam:CreateLoginProfile',
    'iam:UpdateLoginProfile',
    'iam:PassRole',
    'iam:DeleteRolePermissionsBoundary',
    'iam:DeleteUserPermissionsBoundary',
    'iam:PutRolePermissionsBoundary',
    'iam:PutUserPermissionsBoundary',
  ],
  sts: ['sts:AssumeRole', 'sts:AssumeRoot'],
  organizations: [
    'organizations:AttachPolicy',
    'organizations:DetachPolicy',
    'organizations:UpdatePolicy',
    'organizations:DeletePolicy',
    'organizations:DisablePolicyType',
    'organizations:MoveAccount',
    'organizations:RemoveAccountFromOrganization',
    'organizations:LeaveOrganization',
    'organizations:RegisterDelegatedAdministrator',
    'organizations:PutResourcePolicy',
  ],
};

/** A control service (IAM, STS, Organizations) whose every action a statement allows on every resource. */
export interface ServiceAdminGrant {
  readonly service: ControlService;
  /** The Action value that names every action of the service (`iam:*`, `sts:*`), when one does. */
  readonly pattern: string | undefined;
  /** How many actions the statement lists one by one, when no single value names them all. */
  readonly listed: number | undefined;
}

/** The services of which every action on every resource amounts to administrator access. */
type ControlService = keyof typeof ADMIN_ACTIONS;
const CONTROL_SERVICES: readonly ControlService[] = ['iam', 'sts', 'organizations'];
const PROBE = 'Iamgate0Probe';

/**
 * The control services an Allow statement grants whole on every resource, the ones
 * admin-access/service-admin reports: not `*` on `*` (full-access's), nor a service whose
 * admin-making actions a boundary or an unconditional deny blocks everywhere, nor one whose calls
 * the statement allows only in Regions the service never answers in. The other rules
 * leave these services' actions to it on that statement: `sts:*` on `*` is one finding saying
 * administrator access, not four more saying it writes, wildcards and obtains credentials.
 */
export function serviceAdminGrants(
  catalog: ActionCatalog,
  permissions: PermissionQueries,
  statement: Statement,
): ServiceAdminGrant[] {
  const grants = controlServiceGrants(catalog, statement);
  if (grants.length === 0) return [];
  // A Region test that IAM's (or Organizations') one Region fails closes every call of the
  // service, whether an Allow requires another Region or a Deny names that one: what is left
  // (`iam:PassRole`, checked in the Region of the service it goes to) is not every action, and the
  // rules of that action report it.
  return grants.filter((g) => {
    const calls = ADMIN_ACTIONS[g.service].filter((a) => fixedRequestedRegions(a, permissions.partition) !== undefined);
    return (
      !calls.some((a) => outOfRegion(statement, a, permissions.partition)) &&
      !(calls.length > 0 && calls.every((a) => permissions.closedByRegion(a))) &&
      !ADMIN_ACTIONS[g.service].every((a) => permissions.blockedEverywhere(a) === 'yes')
    );
  });
}

// What `serviceAdminGrants` reads of the statement alone, once per statement (and catalog): the
// principal's boundary and denies are asked apart, as they differ between the principals that
// share a managed policy's statement.
const controlGrants = new WeakMap<
  Statement,
  { readonly catalog: ActionCatalog; readonly grants: readonly ServiceAdminGrant[] }
>();

/** The control services the statement grants whole on every resource, whatever blocks them. */
function controlServiceGrants(catalog: ActionCatalog, statement: Statement): readonly ServiceAdminGrant[] {
  const known = controlGrants.get(statement);
  if (known?.catalog === catalog) return known.grants;
  const action = statement.action;
  const grants: ServiceAdminGrant[] = [];
  if (
    statement.effect === 'Allow' &&
    action !== undefined &&
    !action.negated &&
    !isFullAccess(statement) &&
    coversAllResourcesOf(statement)
  ) {
    for (const service of CONTROL_SERVICES) {
      const pattern = action.values.find((p) => matchWildcard(p, `${service}:${PROBE}`, { ignoreCase: true }));
      if (pattern === '*') continue;
      const listed = pattern === undefined ? listsEveryAction(catalog, statement, service) : undefined;
      if (pattern === undefined && listed === undefined) continue;
      grants.push({ service, pattern, listed });
    }
  }
  controlGrants.set(statement, { catalog, grants });
  return grants;
}

/** Whether the action belongs to one of the services of `grants`. */
export function isOfAdminService(grants: readonly ServiceAdminGrant[], action: string): boolean {
  if (grants.length === 0) return false;
  const service = action.slice(0, action.indexOf(':')).toLowerCase();
  return grants.some((g) => g.service === service);
}

/**
 * The number of the service's actions when the statement's Action lists every one of them (by
 * name or by narrower patterns: `iam:*` spelt out is `iam:*`), else undefined.
 */
function listsEveryAction(catalog: ActionCatalog, statement: Statement, service: string): number | undefined {
  const prefix = `${service}:`;
  if (!statement.action?.values.some((v) => typeof v === 'string' && v.toLowerCase().startsWith(prefix)))
    return undefined;
  const every = catalog.expand(`${service}:*`);
  if (every === undefined || every.length === 0) return undefined;
  return every.every((a) => actionMatches(statement, a)) ? every.length : undefined;
}
