/**
 * Escalation through a SAML identity provider that a role of the scan trusts:
 * `iam:UpdateSAMLProvider` replaces the provider's metadata document, and the signing certificate
 * in it, by the caller's own. The caller then signs SAML assertions itself, and
 * `sts:AssumeRoleWithSAML` (a call no permission of the caller's governs: the trust policy alone
 * decides) hands it every role whose trust policy lets that provider in, since the `SAML:*` keys a
 * trust policy tests are read from the assertion the caller writes. It needs no resource of the
 * caller's own, so the policies of the scan decide it: reported toward a role that holds
 * administrator access or a path to it.
 *
 * `iam:UpdateOpenIDConnectProviderThumbprint` is not such a path: the provider's issuer URL stays,
 * and STS still fetches and checks the tokens' keys from that host, which the caller does not serve.
 */
import { matchPolicyValue } from '../../match/value';
import { patternCovers, patternsOverlap } from '../../evaluator/pattern';
import { parsePolicy } from '../../model/parse';
import type { ConditionClause, Policy, PrincipalSet, Statement } from '../../model/policy';
import type { PolicyValue } from '../../model/symbolic';
import { isInputHole, valueToString } from '../../model/symbolic';
import type { PrincipalInput } from '../../analysis/input';
import type { RuleContext } from '../rule';
import { mergedChoices } from '../../analysis/choices';
import type { DeployChoice } from '../../analysis/choices';
import { principalLabel } from '../describe';
import { actionMatches } from '../statement-helpers';
import type { ActionCatalog } from '../../analysis/catalog-view';
import { effectivePermissions } from '../../analysis/effective';
import type { ActionPermission, EffectivePermissions } from '../../analysis/effective';
import { ALLOW_ALL, inRegion, neverCarried } from '../../analysis/effective-queries';
import { holdsWhenAbsent } from '../../model/operators';
import { iamRegions, isRegionClause, partitionReading } from '../../catalog/requested-region';
import type { Partition } from '../../catalog/requested-region';
import { principalPolicies } from '../../analysis/views';
import { canonicalJson } from '../../analysis/fingerprint';
import {
  ADMIN_ACTIONS,
  blockedOnValue,
  constrainingClauses,
  coversAllResourcesFor,
  isFullAccess,
  leavesEscalationOpen,
  statementChoice,
} from './grants';
import { byStatement } from './escalation-principals';
import type { EngineView, Grant, TargetHolds } from './escalation-targets';

/** The path's id (our own) and its actions. */
const PATH = 'iam-update-saml-provider';
/** The action that rewrites a SAML provider. */
export const UPDATE = 'iam:UpdateSAMLProvider';
const ASSUME = 'sts:AssumeRoleWithSAML';

/** A role of the scan the caller acts as by rewriting the SAML provider it trusts. */
export interface FederatedPath {
  readonly principal: PrincipalInput;
  readonly target: PrincipalInput;
  readonly targetHolds: TargetHolds;
  /** What would make the target hold less, when the policies do not decide it. */
  readonly unless: string | undefined;
  /** The provider, as the target's trust policy names it. */
  readonly provider: PolicyValue;
  readonly grant: Grant;
  /** The deploy choices the target's trust lets the provider in under (absent: every deploy). */
  readonly trusted?: DeployChoice;
  /** The deploy choices it is open under: its grant, the target's trust and what it holds (absent: every deploy). */
  readonly choice?: DeployChoice;
}

/**
 * Whether a trust policy written as JSON text surely has no `Federated` principal: the word is
 * nowhere in it, not even behind a `\u` escape. Most roles trust a service or an account, and
 * their trust needs no second parse.
 */
function namesNoFederatedPrincipal(document: unknown): boolean {
  return typeof document === 'string' && !document.includes('Federated') && !document.includes('\\u');
}

/**
 * The SAML providers a role's trust policy lets assume it (`Federated` principals allowed
 * `sts:AssumeRoleWithSAML`), from statements whose conditions the caller's own request may meet; a
 * Deny of the call drops the providers it names only when its conditions hold for every request
 * the caller may make (see {@link clauseOnAssertion}).
 */
function samlProvidersOf(role: PrincipalInput): TrustedProvider[] {
  const document = role.trustPolicy?.document;
  if (document === undefined || namesNoFederatedPrincipal(document)) return [];
  const parsed = parsePolicy(document, { type: 'trust' });
  if (!parsed.ok) return [];
  const statements = parsed.value.statements;
  const denies = statements.filter(
    (s) =>
      s.effect === 'Deny' && actionMatches(s, ASSUME) && s.conditions.every((c) => clauseOnAssertion(c) === 'holds'),
  );
  // Each provider once, on the sides of the statements that let it in (a statement of one side of
  // an `Fn::If` lets it in on that side only).
  const trusted = new Map<string, { value: PolicyValue; choices: (DeployChoice | undefined)[] }>();
  for (const s of statements) {
    const principal = s.principal;
    if (s.effect !== 'Allow' || principal === undefined || principal.negated || !actionMatches(s, ASSUME)) continue;
    if (s.conditions.some((c) => clauseOnAssertion(c) === 'fails')) continue;
    for (const e of principal.entries) {
      if (e.type !== 'Federated' || !maybeSamlProvider(e.value)) continue;
      if (denies.some((d) => deniesProvider(d.principal, e.value))) continue;
      const key = canonicalJson(e.value);
      let entry = trusted.get(key);
      if (entry === undefined) trusted.set(key, (entry = { value: e.value, choices: [] }));
      entry.choices.push(statementChoice(role.trustPolicy, s));
    }
  }
  return [...trusted.values()].map(({ value, choices }) => {
    const when = mergedChoices(choices);
    return when === undefined ? { value } : { value, trusted: when };
  });
}

/** A SAML provider a role's trust lets in, and the deploy choices it does so under (absent: every deploy). */
interface TrustedProvider {
  readonly value: PolicyValue;
  readonly trusted?: DeployChoice;
}

// Keys only a request an AWS service makes on someone's behalf carries (AWS's global condition
// keys: `aws:SourceAccount` is available only when a service principal calls): the caller calls
// `sts:AssumeRoleWithSAML` itself.
const SERVICE_CALL_KEYS: ReadonlySet<string> = new Set([
  'aws:sourceaccount',
  'aws:sourcearn',
  'aws:sourceorgid',
  'aws:sourceorgpaths',
  'aws:sourceowner',
]);

/**
 * How a condition clause of the trust policy reads on the `sts:AssumeRoleWithSAML` request of a
 * caller that signs its own assertions: `holds` or `fails` whatever the caller does when the
 * request never carries the key (a service key the catalog lists neither for the action nor its
 * resource, a key only a service's call carries), by whether the test holds without it; else
 * `either`. The assertion's keys (`SAML:*`, session tags, `sts:RoleSessionName`,
 * `sts:SourceIdentity`) are the caller's own choice; where it calls from and when (`aws:SourceIp`,
 * `aws:SourceVpc`, `aws:CurrentTime`) is not decided by the policies (whoever acts as the caller
 * may be on that network): unknown, so a Deny on them does not close the path and an Allow on them
 * does not keep it shut.
 */
function clauseOnAssertion(clause: ConditionClause): 'holds' | 'fails' | 'either' {
  const key = clause.key.toLowerCase();
  if (!SERVICE_CALL_KEYS.has(key) && !neverCarried(clause.key, ASSUME)) return 'either';
  return holdsWhenAbsent(clause) ? 'holds' : 'fails';
}

// Any SAML provider's ARN: an OIDC provider or `cognito-identity.amazonaws.com` signs no assertion.
const SAML_PROVIDERS = 'arn:*:iam::*:saml-provider/*';

function maybeSamlProvider(value: PolicyValue): boolean {
  return matchPolicyValue(SAML_PROVIDERS, value) !== 'no-match';
}

/** Whether the Principal (or NotPrincipal) of a Deny in a trust policy takes in the provider. */
function deniesProvider(set: PrincipalSet | undefined, provider: PolicyValue): boolean {
  if (set === undefined) return false;
  const names = (exact: boolean): boolean =>
    set.entries.some(
      (e) =>
        e.type === 'Federated' &&
        (exact ? matchPolicyValue(e.value, provider) === 'match' : matchPolicyValue(e.value, provider) !== 'no-match'),
    );
  if (set.negated) return !names(false);
  return set.wildcard || set.entries.some((e) => e.type === 'AWS' && e.value === '*') || names(true);
}

/**
 * Whether an unconditional Deny of the update names every SAML provider of its partition: the
 * trusted provider among them whatever a value known only at deploy turns out to be (the trust
 * policy lets it in for `sts:AssumeRoleWithSAML`, which only a SAML provider serves).
 */
function deniesEveryProvider(own: readonly Grant[]): boolean {
  return own.some(({ statement: s }) => {
    if (s.effect !== 'Deny' || s.conditions.length > 0 || s.resource === undefined || s.resource.negated) return false;
    if (!actionMatches(s, UPDATE)) return false;
    return s.resource.values.some((v) => {
      if (typeof v !== 'string') return false;
      const partition = v.split(':')[1] ?? '*';
      return patternCovers(v, `arn:${partition}:iam::*:saml-provider/*`);
    });
  });
}

/** A provider whose name is an input given at deploy (`${var.saml_provider_arn}`, `saml-provider/${var.name}`). */
function isNameless(provider: PolicyValue): boolean {
  if (typeof provider === 'string') return false;
  const last = provider.parts[provider.parts.length - 1];
  return last !== undefined && typeof last !== 'string' && isInputHole(last);
}

/** Whether an Allow, conditioned on request tags or the network at most, lets the caller update `provider`. */
function updates(statement: Statement, provider: PolicyValue, partition: Partition | undefined): boolean {
  if (statement.effect !== 'Allow' || !actionMatches(statement, UPDATE)) return false;
  if (constrainingClauses(statement, leavesEscalationOpen, { action: UPDATE, partition }).length > 0) return false;
  const set = statement.resource;
  if (set === undefined) return false;
  // A NotResource lets through only the providers none of its values may name.
  if (set.negated) return set.values.every((v) => matchPolicyValue(v, provider) === 'no-match');
  // A value given at deploy matches any pattern: only one that may name a SAML provider reaches it.
  return (
    coversAllResourcesFor(statement, UPDATE) ||
    set.values.some(
      (v) => matchPolicyValue(v, provider) === 'match' && (typeof v !== 'string' || patternsOverlap(v, SAML_PROVIDERS)),
    )
  );
}

// What makes a role an administrator once any identity policy grants it, whatever else it cannot do
// (as admin-access/service-admin reads `iam:*`). `sts:AssumeRole` alone is not: it reaches only the
// roles that trust the account.
const ADMIN_MAKING = ADMIN_ACTIONS.iam;
// A role writing administrator access into itself, free of its boundary when it may lift it; or a
// user it creates, gives any policy and signs in as (no boundary of the role's follows the user).
const SELF_REWRITES = ['iam:PutRolePolicy', 'iam:AttachRolePolicy'];
const BOUNDARY_LIFTS = ['iam:DeleteRolePermissionsBoundary', 'iam:PutRolePermissionsBoundary'];
const NEW_USER_GIVES = ['iam:PutUserPolicy', 'iam:AttachUserPolicy'];
const NEW_USER_USES = ['iam:CreateAccessKey', 'iam:CreateLoginProfile'];
const ASKED: ReadonlySet<string> = new Set(
  [...ADMIN_MAKING, ...SELF_REWRITES, ...BOUNDARY_LIFTS, 'iam:CreateUser', ...NEW_USER_GIVES, ...NEW_USER_USES].map(
    (a) => a.toLowerCase(),
  ),
);

/** What a role holds, and when undecided, what leaves it so (said in the finding). */
interface Verdict {
  readonly holds: TargetHolds;
  readonly unless?: string;
}

// Condition keys about the principal making the request: a policy testing one is asked with the
// role's own ARN, not as a stand-in role of its account.
const PRINCIPAL_KEY = /^aws:(principal|userid$|username$)/i;

function testsPrincipal(policies: readonly (Policy | undefined)[]): boolean {
  return policies.some((p) => p?.statements.some((s) => s.conditions.some((c) => PRINCIPAL_KEY.test(c.key))));
}

/**
 * What a role of the scan holds as the evaluator reads its identity policies under its boundary,
 * its Denies and the configured SCPs: administrator access when an Allow of every action on every
 * resource leaves it some administrator-making action (as admin-access/service-admin judges a
 * service granted whole), a path to it when it may write a policy into itself that its boundary and
 * the SCPs leave such an action, or create a user, give it any policy and sign in as it. A region
 * condition is read with the Region IAM answers in (that of the partition the role's policies are
 * read in, see `partitionReading`, or of each partition), and met when it names a Region given at deploy or for
 * `iam:PassRole` (checked in the Region of the service the role is passed to, which the caller
 * picks); other conditions, or a boundary the input does not hold, leave the answer to the
 * finding's `unless`.
 */
function effectiveHolds(
  role: PrincipalInput,
  catalog: ActionCatalog,
  scps: readonly (readonly Policy[])[] | undefined,
  providers: readonly PolicyValue[],
): Verdict | undefined {
  const policies = principalPolicies(role, catalog, 'after');
  const statements = [...policies.identity, ...(policies.boundary === undefined ? [] : [policies.boundary])].flatMap(
    (p) => p.statements,
  );
  const { partition } = partitionReading(
    [role.arn, ...providers, ...statements.flatMap((s) => s.resource?.values ?? [])],
    statements,
    role.region,
  );
  // IAM's own calls are sent to the one Region IAM answers in: a test of the Region is decided.
  const regions = iamRegions(partition);
  const identity = policies.identity.map((p) => inRegion(p, regions));
  const boundary = policies.boundary && inRegion(policies.boundary, regions);
  const guardrails = scps?.map((level) => level.map((p) => inRegion(p, regions)));
  const regional =
    identity.some((p, i) => p !== policies.identity[i]) ||
    boundary !== policies.boundary ||
    (guardrails ?? []).some((level, i) => level.some((p, j) => p !== scps?.[i]?.[j]));
  // `iam:PassRole` read as written (its Region the caller's choice), when a test of the Region was decided.
  const passing = (written: readonly Policy[], lifted: Policy | undefined): ReadonlyMap<string, ActionPermission> =>
    regional ? analyzed(role, written, lifted, scps, PASS_ONLY).actions : new Map();
  const withPass = (
    answers: ReadonlyMap<string, ActionPermission>,
    pass: ReadonlyMap<string, ActionPermission>,
  ): ReadonlyMap<string, ActionPermission> => {
    const found = pass.get(PASS);
    return found === undefined ? answers : new Map(answers).set(PASS, found);
  };
  const fullAccess = identity.some((p) => p.statements.some((s) => isFullAccess(s) && s.conditions.length === 0));
  if (role.permissionsBoundary !== undefined && boundary === undefined) {
    const arn = role.permissionsBoundary.arn;
    const named = arn !== undefined ? ` \`${valueToString(arn)}\`` : '';
    return fullAccess ? { holds: 'admin', unless: `its boundary${named} (not in the input) caps it` } : undefined;
  }
  const reach = analyzed(role, identity, boundary, guardrails);
  const undecided = new Set<string>();
  // 'yes' on every resource but some the role's own ARN is none of (for `itself`), 'no', or 'maybe'.
  const allows = (answers: ReadonlyMap<string, ActionPermission>, action: string, itself: boolean): Reach => {
    const found = answers.get(action.toLowerCase());
    const everywhere = found?.scope === 'all' || found?.conditionalEverywhere === true;
    if (found === undefined || found.access === 'denied' || !everywhere) return 'no';
    const arn = role.arn;
    const exceptionsOk = itself
      ? found.exceptions.every((e) => arn !== undefined && matchPolicyValue(e, arn) === 'no-match')
      : found.exceptions.length === 0;
    if (!exceptionsOk) return 'no';
    if (found.access === 'allowed') return 'yes';
    const clauses = [...(found.resources[0]?.conditions ?? []), ...(found.guards ?? []).flatMap((g) => g.conditions)];
    const open = clauses.filter((c) => !isRegionClause(c));
    if (open.length === 0) return 'yes';
    // Asked with the role's own ARN, a test of the principal is decided: not met.
    if (typeof role.arn === 'string' && open.every((c) => PRINCIPAL_KEY.test(c.key))) return 'no';
    for (const c of open) undecided.add(c.key);
    return 'maybe';
  };
  const verdict = (holds: TargetHolds, answers: readonly Reach[]): Verdict | undefined => {
    if (answers.includes('yes')) return { holds };
    if (!answers.includes('maybe')) return undefined;
    return { holds, unless: `conditions on ${[...undecided].map((k) => `\`${k}\``).join(', ')} take it away` };
  };
  const own = withPass(reach.actions, passing(policies.identity, policies.boundary));
  const admin = fullAccess
    ? verdict(
        'admin',
        ADMIN_MAKING.map((a) => allows(own, a, false)),
      )
    : undefined;
  if (admin !== undefined && admin.unless === undefined) return admin;
  let self: Verdict | undefined;
  const rewrites = best(SELF_REWRITES.map((a) => allows(own, a, true)));
  if (rewrites !== 'no') {
    // What it writes into itself, under what it cannot rewrite: its boundary (unless it may lift
    // it), its Denies and the SCPs.
    const written = withPass(
      analyzed(role, [...identity, ALLOW_ALL], boundary, guardrails).actions,
      passing([...policies.identity, ALLOW_ALL], policies.boundary),
    );
    const lifts = boundary === undefined ? [] : BOUNDARY_LIFTS.map((a) => allows(own, a, true));
    const gains = best([...lifts, ...ADMIN_MAKING.map((a) => allows(written, a, false))]);
    self = verdict('escalation', [gains === 'no' ? 'no' : rewrites === 'yes' && gains === 'yes' ? 'yes' : 'maybe']);
    if (self !== undefined && self.unless === undefined) return self;
  }
  const anywhere = (actions: readonly string[]): boolean => actions.some((a) => allows(own, a, false) === 'yes');
  if (anywhere(['iam:CreateUser']) && anywhere(NEW_USER_GIVES) && anywhere(NEW_USER_USES))
    return { holds: 'escalation' };
  return admin ?? self;
}

type Reach = 'yes' | 'no' | 'maybe';

const PASS = 'iam:passrole';
const PASS_ONLY: ReadonlySet<string> = new Set([PASS]);

/** The most open of some answers. */
function best(answers: readonly Reach[]): Reach {
  return answers.includes('yes') ? 'yes' : answers.includes('maybe') ? 'maybe' : 'no';
}

/**
 * The asked actions of a role's policies. Asked as a role of its account, not by its ARN, unless a
 * policy tests the principal: roles holding the same policies (every SAML role given
 * `AdministratorAccess` under one boundary) then share one analysis.
 */
function analyzed(
  role: PrincipalInput,
  identity: readonly Policy[],
  boundary: Policy | undefined,
  scps: readonly (readonly Policy[])[] | undefined,
  actions: ReadonlySet<string> = ASKED,
): EffectivePermissions {
  const own = testsPrincipal([...identity, boundary, ...(scps ?? []).flat()]);
  return effectivePermissions(own ? role.arn : undefined, {
    identityPolicies: identity,
    boundary,
    scps,
    account: role.account,
    actions,
  });
}

/**
 * What a role trusting a SAML provider holds: a path to administrator access as the scan's chain
 * search found it (with what may close that path, as the chains through it say), administrator
 * access while no boundary, Deny or SCP may take it away; else as the evaluator reads its policies.
 */
function samlTargetHolds(
  role: PrincipalInput,
  held: TargetHolds | undefined,
  caveat: string | undefined,
  context: EngineView,
  providers: readonly PolicyValue[],
): Verdict | undefined {
  if (held === 'escalation') return caveat === undefined ? { holds: held } : { holds: held, unless: caveat };
  const unguarded =
    role.permissionsBoundary === undefined &&
    context.scps === undefined &&
    !principalPolicies(role, context.catalog, 'after').identity.some((p) =>
      p.statements.some((s) => s.effect === 'Deny'),
    );
  if (held === 'admin' && unguarded) return { holds: held };
  return effectiveHolds(role, context.catalog, context.scps, providers);
}

/** A role trusting a provider given at deploy, and a grant of updating providers it may or may not name. */
export interface UndecidedFederatedPath {
  readonly principal: PrincipalInput;
  readonly target: PrincipalInput;
  readonly targetHolds: TargetHolds;
  readonly provider: PolicyValue;
  readonly grant: Grant;
  /** The providers the grant names, one of which the given provider may be. */
  readonly named: readonly string[];
  /** The grant is a `NotResource`: every provider but `named`, which the given provider may be or not. */
  readonly except: boolean;
  /** What would make the target hold less, when the policies do not decide it. */
  readonly unless: string | undefined;
}

/**
 * The named SAML providers of an unconditioned Allow of the update that a provider given at deploy
 * may be (for a `NotResource`, those it leaves out, which it may be or not: `except`).
 */
function mayUpdate(
  statement: Statement,
  provider: PolicyValue,
  partition: Partition | undefined,
): { named: string[]; except: boolean } {
  const none = { named: [], except: false };
  if (!isNameless(provider) || statement.effect !== 'Allow' || !actionMatches(statement, UPDATE)) return none;
  if (constrainingClauses(statement, leavesEscalationOpen, { action: UPDATE, partition }).length > 0) return none;
  const set = statement.resource;
  if (set === undefined) return none;
  const named = set.values.flatMap((v) =>
    typeof v === 'string' && patternsOverlap(v, SAML_PROVIDERS) && matchPolicyValue(v, provider) !== 'no-match'
      ? [v]
      : [],
  );
  if (!set.negated) return { named, except: false };
  // Leaving out some providers by name, not every one (nor a value given at deploy, which may be any).
  const leavesSome = set.values.every(
    (v) => typeof v === 'string' && !patternCovers(v, `arn:${v.split(':')[1] ?? '*'}:iam::*:saml-provider/*`),
  );
  return leavesSome && named.length > 0 ? { named, except: true } : none;
}

/**
 * Every role of the scan that holds something (`holds`), reached by a principal that may rewrite a
 * SAML provider it trusts (asked as the chain of targeted paths grows: whoever may act as that
 * principal reaches the role too; `caveats` says what may close the path of a role holding one);
 * and the paths the policies cannot decide: the caller may
 * rewrite some named SAML providers, and a role holding something trusts a provider given only at
 * deploy (`${var.saml_provider_arn}`), which may be one of them or not.
 */
export function federation(
  context: EngineView,
  principals: readonly PrincipalInput[],
  holds: ReadonlyMap<PrincipalInput, TargetHolds>,
  statements: ReadonlyMap<PrincipalInput, readonly Grant[]>,
  caveats: ReadonlyMap<PrincipalInput, string>,
): { paths: FederatedPath[]; undecided: UndecidedFederatedPath[] } {
  const trusting = principals.flatMap((role) => {
    if (role.kind !== 'role') return [];
    // The trust policy first: most roles trust no SAML provider, and need no evaluation.
    const providers = samlProvidersOf(role);
    if (providers.length === 0) return [];
    const verdict = samlTargetHolds(
      role,
      holds.get(role),
      caveats.get(role),
      context,
      providers.map((p) => p.value),
    );
    return verdict === undefined ? [] : [{ role, verdict, providers }];
  });
  const found: FederatedPath[] = [];
  const undecided: UndecidedFederatedPath[] = [];
  if (trusting.length === 0) return { paths: found, undecided };
  for (const [principal, own] of statements) {
    // An administrator gains nothing (admin-access reports it).
    if (holds.get(principal) === 'admin') continue;
    const granting = own.filter((g) => actionMatches(g.statement, UPDATE) && g.statement.effect === 'Allow');
    if (granting.length === 0) continue;
    const permissions = context.permissionsOf(principal);
    for (const { role, verdict, providers } of trusting) {
      if (role === principal) continue;
      let maybe: UndecidedFederatedPath | undefined;
      let reached = false;
      for (const { value: provider, trusted } of providers) {
        if (deniesEveryProvider(own)) break;
        const grant = granting.find((g) => updates(g.statement, provider, permissions.partition));
        if (grant === undefined) {
          // Not a match whatever the provider turns out to be: one of the named providers, or another.
          for (const g of granting) {
            const { named, except } = mayUpdate(g.statement, provider, permissions.partition);
            // A provider left out of a NotResource needs no update of its own to be undecided.
            const open = except ? named : named.filter((v) => !blockedOnValue(permissions, own, UPDATE, v));
            if (maybe === undefined && open.length > 0)
              maybe = {
                principal,
                target: role,
                targetHolds: verdict.holds,
                provider,
                grant: g,
                named: open,
                except,
                unless: verdict.unless,
              };
          }
          continue;
        }
        if (blockedOnValue(permissions, own, UPDATE, provider)) continue;
        found.push({
          principal,
          target: role,
          targetHolds: verdict.holds,
          unless: verdict.unless,
          provider,
          grant,
          ...(trusted === undefined ? {} : { trusted }),
        });
        reached = true;
        break;
      }
      if (!reached && maybe !== undefined) undecided.push(maybe);
    }
  }
  return { paths: found, undecided };
}

/**
 * Reports each statement that lets a principal of the scan rewrite a SAML provider trusted by a
 * role holding administrator access (or a path to it): one finding per (principal, statement),
 * naming the most privileged role and listing the others in `evidence.targets`.
 */
export function reportFederatedPaths<M extends string>(
  context: RuleContext<M>,
  paths: readonly FederatedPath[],
  messageId: M,
): void {
  for (const sorted of byStatement(paths, (o) => `${o.grant.source.id} ${o.grant.statement.pointer}`)) {
    const open = sorted[0] as FederatedPath;
    const { grant, target } = open;
    const provider = valueToString(open.provider);
    // On some sides only: named by them (several targets: those of any).
    const choice = mergedChoices(sorted.map((o) => o.choice));
    context.report({
      messageId,
      choice: choice ?? 'every-deploy',
      data: {
        owner: `${open.principal.kind} \`${open.principal.id}\``,
        target: `role \`${principalLabel(target)}\``,
        holds: `${open.targetHolds === 'admin' ? 'administrator access' : 'an escalation path to administrator access'}${open.unless !== undefined ? ` unless ${open.unless}` : ''}`,
        provider: `\`${provider}\`${isNameless(open.provider) ? ' (its name given only at deploy)' : ''}`,
        actions: `\`${UPDATE}\` + \`${ASSUME}\``,
        path: `path \`${PATH}\``,
      },
      principal: open.principal.id,
      location: grant.source.location,
      statement: grant.statement,
      policy: grant.source,
      key: `${PATH} ${grant.source.id} ${grant.statement.pointer}`,
      evidence: {
        path: PATH,
        actions: [UPDATE, ASSUME],
        target: target.id,
        targetHolds: open.targetHolds,
        ...(open.unless !== undefined ? { unless: open.unless } : {}),
        provider,
        grantedBy: [{ action: UPDATE, policy: grant.source.name, pointer: grant.statement.pointer }],
        ...(sorted.length > 1 ? { targets: sorted.map((o) => o.target.id) } : {}),
      },
    });
  }
}
