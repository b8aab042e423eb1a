/**
 * The engine's {@link PermissionQueries} answered through the evaluator, so that rules read AWS
 * semantics (NotResource, NotAction, SCP levels, unknown values) instead of matching strings.
 */
import type { CompiledPolicySet } from '../evaluator/evaluate';
import { compilePolicySet, evaluate } from '../evaluator/evaluate';
import type { ConditionClause, Policy, Statement } from '../model/policy';
import { holdsWhenAbsent } from '../model/operators';
import { getConditionKey } from '../catalog/condition-keys';
import { fixedRequestedRegions, isRegionClause, partitionReading } from '../catalog/requested-region';
import type { Partition } from '../catalog/requested-region';
import type { EvaluationResult } from '../evaluator/types';
import type { PolicyValue } from '../model/symbolic';
import type { PolicySubject } from '../rules/rule';
import { widenDeny } from './effective';
import type { Answer, PermissionQueries } from './permissions';

/** Extra guardrails and identity of the principal, when the caller knows them. */
export interface EffectiveQueryOptions {
  /** One list per organization level, root first. */
  readonly scps?: readonly (readonly Policy[])[];
  /** The principal ARN (default: a role of `account`). */
  readonly principal?: string;
  readonly account?: string;
}

/**
 * Grants every action: stands for "the statement that grants it" when asking what else blocks it,
 * and for the `FullAWSAccess` SCP every account has unless its organization replaced it.
 */
export const ALLOW_ALL: Policy = {
  version: '2012-10-17',
  id: undefined,
  statements: [
    {
      sid: undefined,
      effect: 'Allow',
      action: { negated: false, values: ['*'], pointer: '/Statement/0/Action' },
      resource: { negated: false, values: ['*'], pointer: '/Statement/0/Resource' },
      principal: undefined,
      conditions: [],
      index: 0,
      pointer: '/Statement/0',
    },
  ],
};

/** Roles (trust policies) and KMS keys (key policies): resources whose own policy must let a caller in. */
const NEEDS_RESOURCE_POLICY = /^arn:[^:]*:(?:iam::[^:]*:role\/|kms:[^:]*:[^:]*:key\/)/;

/** A trust or key policy that lets every principal of `account` in (its identity policies decide). */
function trustsAccount(account: string): Policy {
  const statement = ALLOW_ALL.statements[0] as Statement;
  return {
    ...ALLOW_ALL,
    statements: [
      {
        ...statement,
        principal: {
          negated: false,
          wildcard: false,
          entries: [{ type: 'AWS', value: `arn:aws:iam::${account}:root` }],
          pointer: '/Statement/0/Principal',
        },
      },
    ],
  };
}

function isUnconditionalDeny(statement: Statement): boolean {
  return statement.effect === 'Deny' && statement.conditions.length === 0;
}

/** Unconditional Denies only: a conditional Deny does not block every request. */
function unconditionalDenies(policy: Policy): Policy {
  return { ...policy, statements: policy.statements.filter(isUnconditionalDeny).map(widenDeny) };
}

/**
 * Service keys that requests of every service carry, set from the credentials the caller uses
 * (an instance role, a function's role): the catalog lists them for no action but their own.
 */
const CREDENTIAL_KEYS: ReadonlySet<string> = new Set([
  'ec2:sourceinstancearn',
  'ec2:sourceinstanceprivateipv4',
  'ec2:roledelivery',
  'lambda:sourcefunctionarn',
  'ssm:sourceinstancearn',
  'glue:roleassumedby',
  'glue:credentialissuingservice',
]);

/**
 * Whether no request for `action` carries `key`: a service key the catalog lists neither for the
 * action nor for its resource types. Global (`aws:`) keys, identity-provider claims and the keys
 * of the caller's credentials may be on any request.
 */
export function neverCarried(key: string, action: string): boolean {
  const lowered = key.toLowerCase();
  const colon = lowered.indexOf(':');
  if (colon <= 0) return false;
  const prefix = lowered.slice(0, colon);
  if (prefix === 'aws' || prefix.includes('.') || prefix.includes('/') || CREDENTIAL_KEYS.has(lowered)) return false;
  return getConditionKey(key, action)?.appliesToAction === false;
}

/** A conditional Deny that may hold for every request of some action (each clause holds when its key is absent). */
function mayHoldWithoutKeys(statement: Statement): boolean {
  return statement.effect === 'Deny' && statement.conditions.length > 0 && statement.conditions.every(holdsWhenAbsent);
}

/**
 * A Deny conditioned on the Region the request is sent to, each other test holding without its key:
 * decided, for the actions of a service answering in one Region, by that Region.
 */
function mayHoldInOneRegion(statement: Statement): boolean {
  return (
    statement.effect === 'Deny' &&
    statement.conditions.some(isRegionClause) &&
    statement.conditions.every((c) => isRegionClause(c) || holdsWhenAbsent(c))
  );
}

/** Allows without conditions (some context satisfies them), conditional Denies dropped. */
function relaxed(policy: Policy): Policy {
  const statements: Statement[] = [];
  for (const s of policy.statements) {
    if (s.conditions.length === 0) statements.push(widenDeny(s));
    else if (s.effect === 'Allow') statements.push({ ...s, conditions: [] });
  }
  return { ...policy, statements };
}

/**
 * A Deny read on a request for `action` that carries the keys `names`: its tests of those keys
 * kept, its tests of keys no request for `action` carries decided by their absence (undefined when
 * one then fails: the Deny never applies), and the keys, as written, of its other tests (`other`),
 * which the request may or may not meet.
 */
function denyWith(
  s: Statement,
  names: ReadonlySet<string>,
  action: string,
): { statement: Statement; other: readonly string[] } | undefined {
  const kept: ConditionClause[] = [];
  const other: string[] = [];
  for (const c of s.conditions) {
    if (names.has(c.key.toLowerCase())) kept.push(c);
    else if (neverCarried(c.key, action)) {
      if (!holdsWhenAbsent(c)) return undefined;
    } else other.push(c.key);
  }
  return { statement: widenDeny({ ...s, conditions: kept }), other };
}

/**
 * The statements of a policy the request keys `names` decide: Denies read by {@link denyWith}, one
 * with tests of other keys the request may carry kept (those tests taken as met) only when
 * `keepUndecided` says so; unless `denyOnly`, Allows with their tests of other keys dropped (some
 * request meets those).
 */
function decidedBy(
  policy: Policy,
  names: ReadonlySet<string>,
  denyOnly: boolean,
  action: string,
  keepUndecided: (deny: Statement) => boolean,
): Policy {
  const statements: Statement[] = [];
  for (const s of policy.statements) {
    if (s.effect === 'Deny') {
      const read = denyWith(s, names, action);
      if (read !== undefined && (read.other.length === 0 || keepUndecided(s))) statements.push(read.statement);
    } else if (!denyOnly)
      statements.push({ ...s, conditions: s.conditions.filter((c) => names.has(c.key.toLowerCase())) });
  }
  return { ...policy, statements };
}

/** Answers for a principal from its identity policies, boundary and (optionally) SCPs, through the evaluator. */
export function effectivePermissionQueries(
  identity: readonly PolicySubject[],
  boundary: PolicySubject | undefined,
  options: EffectiveQueryOptions = {},
): PermissionQueries {
  const account = options.account ?? '123456789012';
  const principal = options.principal ?? `arn:aws:iam::${account}:role/iamgate-effective-principal`;
  const boundaryUnreadable = boundary !== undefined && !boundary.parsed.ok;
  let compiled: CompiledPolicySet | undefined;
  const denies = (): Policy[] => identity.flatMap((s) => (s.parsed.ok ? [unconditionalDenies(s.parsed.value)] : []));
  const policies = (): CompiledPolicySet => {
    if (compiled === undefined) {
      compiled = compilePolicySet({
        identityPolicies: [ALLOW_ALL, ...denies()],
        permissionsBoundary: boundary?.parsed.ok ? relaxed(boundary.parsed.value) : undefined,
        serviceControlPolicies: options.scps?.map((level) => level.map(relaxed)),
      });
    }
    return compiled;
  };
  // Conditional Denies whose every test holds without its key: certain for the actions whose
  // requests never carry those keys (`StringNotEquals` on `iam:PermissionsBoundary` denies
  // `iam:CreateAccessKey`, which has no permissions boundary to compare).
  const keyless = identity.flatMap((s) => (s.parsed.ok ? s.parsed.value.statements.filter(mayHoldWithoutKeys) : []));
  const certainFor = (action: string): Statement[] =>
    keyless
      .filter((s) => s.conditions.every((c) => neverCarried(c.key, action)))
      .map((s) => widenDeny({ ...s, conditions: [] }));
  // Denies of any policy on the Region (`aws:RequestedRegion` not `eu-west-1`): IAM's own calls and
  // Organizations' are sent to one Region of the partition whatever the caller does, so such a
  // Deny is read with that Region instead of dropped as a conditional Deny (`aws`'s when the ARNs
  // of the input name no partition); other services, STS and `iam:PassRole` are asked where the
  // caller chooses.
  const regional = [
    ...identity.flatMap((s) => (s.parsed.ok ? s.parsed.value.statements : [])),
    ...(boundary?.parsed.ok ? boundary.parsed.value.statements : []),
    ...(options.scps ?? []).flat().flatMap((p) => p.statements),
  ].filter(mayHoldInOneRegion);
  // Nothing naming one (`*`, `arn:${AWS::Partition}:...`, no Region it acts in): read in `aws`, where
  // most accounts are, and said so (`partitionAssumed`): `iam:*` allowed outside `us-east-1` allows
  // no IAM call there, whereas read in every partition it would be administrator access in `aws-cn`
  // and `aws-us-gov`. Two named: read in every partition.
  const { partition, assumed, region } = partitionOfSubjects(identity, boundary);
  const regionTested = regional.length > 0 || tested(identity) || tested(boundary === undefined ? [] : [boundary]);
  const partitionAssumed = assumed && regionTested;
  // Read in the partition of the deployment's Region: said where it decides, as an assumption is.
  const partitionRegion = region !== undefined && regionTested ? { partitionRegion: region } : {};
  const regionsFor = (action: string): readonly string[] | undefined =>
    regional.length === 0 ? undefined : fixedRequestedRegions(action, partition);
  const inRegionFor = (action: string): Statement[] =>
    regionsFor(action) === undefined
      ? []
      : regional
          .filter((s) => s.conditions.every((c) => isRegionClause(c) || neverCarried(c.key, action)))
          .map((s) => widenDeny({ ...s, conditions: s.conditions.filter(isRegionClause) }));
  const perAction = new Map<string, CompiledPolicySet>();
  const policiesFor = (action: string): CompiledPolicySet => {
    const extra = [...(keyless.length === 0 ? [] : certainFor(action)), ...inRegionFor(action)];
    if (extra.length === 0) return policies();
    const key = action.toLowerCase();
    let set = perAction.get(key);
    if (set === undefined) {
      const certain: Policy = { version: '2012-10-17', id: undefined, statements: extra };
      set = compilePolicySet({
        identityPolicies: [ALLOW_ALL, ...denies(), certain],
        permissionsBoundary: boundary?.parsed.ok ? relaxed(boundary.parsed.value) : undefined,
        serviceControlPolicies: options.scps?.map((level) => level.map(relaxed)),
      });
      perAction.set(key, set);
    }
    return set;
  };
  // Most principals have no unconditional Deny, no boundary and no SCP: then nothing but the
  // granting statement decides, and no action is blocked (the evaluator would say so after
  // compiling the policies; a scan asks this of every principal).
  const nothingBlocks =
    boundary === undefined &&
    options.scps === undefined &&
    keyless.length === 0 &&
    regional.length === 0 &&
    identity.every((s) => !s.parsed.ok || !s.parsed.value.statements.some((t) => isUnconditionalDeny(t)));
  // Blocked when blocked in every Region the request may be sent to.
  const answerIn = (
    regions: readonly string[] | undefined,
    ask: (context: Record<string, string> | undefined) => EvaluationResult,
  ): Answer => {
    const each = (regions ?? [undefined]).map((region): Answer => {
      const result = ask(region === undefined ? undefined : { 'aws:RequestedRegion': region });
      if (result.decision === 'Allowed') return boundaryUnreadable ? 'unknown' : 'no';
      return result.mostAccess === 'Allowed' ? 'unknown' : 'yes';
    });
    return each.includes('no') ? 'no' : each.includes('unknown') ? 'unknown' : 'yes';
  };
  const answersWith = new Map<string, { answer: Answer; unless: readonly string[] }>();
  // A Deny that tests the asked keys and others the request may carry (the caller's MFA, its
  // network, a tag) may refuse some of those requests and not others: the answer is `unknown`, and
  // the keys of the Denies that would refuse it are the path's "unless". Tests of keys no request
  // for the action carries are decided by their absence.
  const readWith = (action: string, keys: Readonly<Record<string, string>>) => {
    const cacheKey = `${action.toLowerCase()} ${JSON.stringify(keys)}`;
    let read = answersWith.get(cacheKey);
    if (read === undefined) {
      const regions = regionsFor(action);
      const names = new Set(Object.keys(keys).map((k) => k.toLowerCase()));
      if (regions !== undefined) names.add('aws:requestedregion');
      const ask = (keepUndecided: (deny: Statement) => boolean): Answer => {
        const set = compilePolicySet({
          identityPolicies: [
            ALLOW_ALL,
            ...identity.flatMap((s) =>
              s.parsed.ok ? [decidedBy(s.parsed.value, names, true, action, keepUndecided)] : [],
            ),
          ],
          permissionsBoundary: boundary?.parsed.ok
            ? decidedBy(boundary.parsed.value, names, false, action, keepUndecided)
            : undefined,
          serviceControlPolicies: options.scps?.map((level) =>
            level.map((p) => decidedBy(p, names, false, action, keepUndecided)),
          ),
        });
        return answerIn(regions, (context) =>
          evaluate(
            { principal, action, resource: '*', resourceAccount: account, context: { ...context, ...keys } },
            set,
          ),
        );
      };
      const surely = ask(() => false);
      const undecided = surely === 'yes' ? [] : undecidedDenies(action, names);
      const refusing =
        undecided.length === 0 || ask(() => true) !== 'yes'
          ? []
          : undecided.filter((d) => ask((s) => s === d.statement) === 'yes');
      const unless = [...new Map(refusing.flatMap((d) => d.other).map((k) => [k.toLowerCase(), k])).values()];
      read = { answer: unless.length > 0 ? 'unknown' : surely, unless };
      answersWith.set(cacheKey, read);
    }
    return read;
  };
  // The Denies of every policy with tests of keys a request for `action` may carry besides `names`.
  const undecidedDenies = (action: string, names: ReadonlySet<string>) =>
    [
      ...identity.flatMap((s) => (s.parsed.ok ? s.parsed.value.statements : [])),
      ...(boundary?.parsed.ok ? boundary.parsed.value.statements : []),
      ...(options.scps ?? []).flat().flatMap((p) => p.statements),
    ].flatMap((statement) => {
      if (statement.effect !== 'Deny') return [];
      const read = denyWith(statement, names, action);
      return read === undefined || read.other.length === 0 ? [] : [{ statement, other: read.other }];
    });
  const blockedWith = (action: string, keys: Readonly<Record<string, string>>): Answer => readWith(action, keys).answer;
  // Only a Deny with conditions is read apart for some requests: most principals have none, and
  // every action of each path they open is asked this.
  const someConditionalDeny = [
    ...identity.flatMap((s) => (s.parsed.ok ? s.parsed.value.statements : [])),
    ...(boundary?.parsed.ok ? boundary.parsed.value.statements : []),
    ...(options.scps ?? []).flat().flatMap((p) => p.statements),
  ].some((s) => s.effect === 'Deny' && s.conditions.length > 0);
  const refusedUnless = (action: string, keys: Readonly<Record<string, string>>): readonly string[] =>
    someConditionalDeny ? readWith(action, keys).unless : [];
  // A new object each time: callers key per-principal caches by it.
  if (nothingBlocks)
    return {
      blockedEverywhere: () => 'no',
      blockedOn: () => 'no',
      blockedWith,
      refusedUnless,
      closedByRegion: () => false,
      partition,
      partitionAssumed,
      ...partitionRegion,
    };
  const answers = new Map<string, Answer>();
  const closedAnswers = new Map<string, boolean>();
  const answersOn = new Map<string, Answer>();
  // A role's trust policy or a key's policy must let the account in as well: a question about
  // what else than the granting statement blocks the action takes them to (the trust of a role the
  // caller creates is its own choice), or every role and key would be blocked.
  const trusting = new Map<string, CompiledPolicySet>();
  const withTrust = (action: string, resource: string): CompiledPolicySet => {
    const base = policiesFor(action);
    if (!NEEDS_RESOURCE_POLICY.test(resource)) return base;
    let set = trusting.get(action.toLowerCase());
    if (set === undefined) {
      set = { ...base, resource: compilePolicySet({ resourcePolicy: trustsAccount(account) }).resource };
      trusting.set(action.toLowerCase(), set);
    }
    return set;
  };
  return {
    partition,
    partitionAssumed,
    ...partitionRegion,
    blockedWith,
    refusedUnless,
    blockedOn(action, resource) {
      const key = `${action.toLowerCase()} ${resource}`;
      let answer = answersOn.get(key);
      if (answer === undefined) {
        answer = answerIn(regionsFor(action), (context) =>
          evaluate({ principal, action, resource, resourceAccount: account, context }, withTrust(action, resource)),
        );
        if (answersOn.size >= 10_000) answersOn.clear();
        answersOn.set(key, answer);
      }
      return answer;
    },
    closedByRegion(action) {
      const key = action.toLowerCase();
      let closed = closedAnswers.get(key);
      if (closed === undefined) {
        const regions = regionsFor(action);
        const denies = regions === undefined ? [] : inRegionFor(action);
        const alone = compilePolicySet({
          identityPolicies: [ALLOW_ALL, { version: '2012-10-17', id: undefined, statements: denies }],
        });
        closed =
          denies.length > 0 &&
          answerIn(regions, (context) =>
            evaluate({ principal, action, resource: '*', resourceAccount: account, context }, alone),
          ) === 'yes';
        closedAnswers.set(key, closed);
      }
      return closed;
    },
    blockedEverywhere(action) {
      const key = action.toLowerCase();
      let answer = answers.get(key);
      if (answer === undefined) {
        // `*` asks whether ANY resource is allowed: blocked everywhere means none is.
        answer = answerIn(regionsFor(action), (context) =>
          evaluate({ principal, action, resource: '*', resourceAccount: account, context }, policiesFor(action)),
        );
        answers.set(key, answer);
      }
      return answer;
    },
  };
}

/** Whether a statement of the subjects' policies tests the Region. */
function tested(subjects: readonly PolicySubject[]): boolean {
  return subjects.some((s) => s.parsed.ok && s.parsed.value.statements.some((t) => t.conditions.some(isRegionClause)));
}

/** The partition a principal's policies are read in (see `partitionReading`): its ARN, those of its policies, their Region tests. */
function partitionOfSubjects(
  identity: readonly PolicySubject[],
  boundary: PolicySubject | undefined,
): ReturnType<typeof partitionReading> {
  const subjects = boundary === undefined ? identity : [...identity, boundary];
  const statements = subjects.flatMap((s) => (s.parsed.ok ? s.parsed.value.statements : []));
  return partitionReading(
    [...subjects.map((s) => s.principal?.arn), ...statements.flatMap((t) => t.resource?.values ?? [])],
    statements,
    subjects.find((s) => s.principal?.region !== undefined)?.principal?.region,
  );
}

/**
 * How one test of `aws:RequestedRegion` reads on a request sent to `region` (`unknown`: a Region
 * given at deploy, or read from the request, as `${aws:PrincipalTag/region}` is: the caller's tags
 * are not known here, and a test against them may hold in any Region).
 */
function regionClauseIn(clause: ConditionClause, region: string): 'holds' | 'fails' | 'unknown' {
  if (clause.values.some(readsTheRequest)) return 'unknown';
  const test: Policy = {
    ...ALLOW_ALL,
    statements: [{ ...(ALLOW_ALL.statements[0] as Statement), conditions: [clause] }],
  };
  const result = evaluate(
    {
      principal: 'arn:aws:iam::123456789012:role/iamgate-effective-principal',
      action: 'iam:GetUser',
      resource: '*',
      context: { 'aws:RequestedRegion': region },
    },
    { identityPolicies: [test] },
  );
  if (result.unknown) return 'unknown';
  return result.decision === 'Allowed' ? 'holds' : 'fails';
}

// `${*}`, `${?}` and `${$}` stand for the characters themselves, not for a value of the request.
const VARIABLE = /\$\{(?![*?$]\})[^}]*\}/;

/** Whether a condition value holds a policy variable, read from the request (`${aws:PrincipalTag/region}`). */
function readsTheRequest(value: PolicyValue): boolean {
  return (typeof value === 'string' ? [value] : value.parts).some((p) => typeof p === 'string' && VARIABLE.test(p));
}

/**
 * Whether a test of `aws:RequestedRegion` fails on every request for `action` whose Region the
 * caller has no choice of: IAM's calls, in the Region of `partition` (of each partition when it is
 * not known). An Allow on it then grants no `action` (`StringEquals` `eu-west-1` on `iam:*`). False
 * for an action whose Region the caller picks, and for a Region given at deploy.
 */
export function regionTestFailsFor(clause: ConditionClause, action: string, partition: Partition | undefined): boolean {
  if (!isRegionClause(clause)) return false;
  const regions = fixedRequestedRegions(action, partition);
  return regions !== undefined && regions.every((region) => regionClauseIn(clause, region) === 'fails');
}

/**
 * A policy as it reads for requests sent to one of `regions` (those of a service answering in one
 * Region of a partition, each partition's when the partition is not known): each test of
 * `aws:RequestedRegion` decided where it reads the same in all of them, a statement whose test
 * fails dropped (an Allow of `iam:*` in `eu-west-1` grants no IAM call) and one whose test holds
 * without it; a test read apart in two of them, or of a Region given at deploy, is left as written.
 */
export function inRegion(policy: Policy, regions: readonly string[]): Policy {
  const decided = (s: Statement): boolean => s.conditions.some(isRegionClause);
  if (!policy.statements.some(decided)) return policy;
  const statements = policy.statements.flatMap((s) => {
    if (!decided(s)) return [s];
    const answers = s.conditions.map((c) => {
      if (!isRegionClause(c)) return 'unknown';
      const each = new Set(regions.map((r) => regionClauseIn(c, r)));
      return each.size === 1 ? ([...each][0] as 'holds' | 'fails' | 'unknown') : 'unknown';
    });
    if (answers.includes('fails')) return [];
    return [{ ...s, conditions: s.conditions.filter((_c, i) => answers[i] !== 'holds') }];
  });
  return { ...policy, statements };
}
