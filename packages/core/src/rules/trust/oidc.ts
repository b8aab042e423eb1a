/**
 * What an OIDC trust statement admits, per CI provider: each subject condition is read with the
 * semantics of its operator (`StringEquals` compares literally, `StringLike` expands `*` across
 * `:` and `/`) against the subject format the provider documents, and graded `caution` (a
 * residual risk: mutable names, repository-wide trust) or `dangerous` (code outside review or
 * outside the intended project can assume the role).
 */
import type { ConditionClause, Statement } from '../../model/policy';
import { isSymbolic, SymbolicValue, valueToString } from '../../model/symbolic';
import type { PolicyValue } from '../../model/symbolic';
import { overlapOf, patternCovers } from '../../evaluator/pattern';
import { hasWildcard, matchWildcard } from '../../match/wildcard';
import { isRestrictingClause } from '../statement-helpers';

/** Issuers whose subject format is known: CI and infrastructure-as-code services, and the issuers of EKS clusters (IRSA). */
export type CiProvider =
  | 'github'
  | 'gitlab'
  | 'circleci'
  | 'bitbucket'
  | 'terraform-cloud'
  | 'buildkite'
  | 'spacelift'
  | 'pulumi'
  | 'azure-devops'
  | 'env0'
  | 'codefresh'
  | 'scalr'
  | 'vercel'
  | 'flyio'
  | 'eks';

/** How bad an OIDC condition is. */
export type OidcGrade = 'safe' | 'caution' | 'dangerous';

/** One reason an OIDC statement is not safe. */
export interface OidcConcern {
  readonly grade: Exclude<OidcGrade, 'safe'>;
  /** Short tag, e.g. `org-wide`, `pull-request`, `name-based`. */
  readonly pattern: string;
  /** Lowercase, one line, user values in backticks. */
  readonly detail: string;
  /** The condition value concerned, when there is one. */
  readonly value?: string;
}

// The issuer id of a cluster created with the app is known after deploy, and so are its region and
// DNS suffix in a template or configuration written for any region: `${...}` in their place.
const UNKNOWN = String.raw`\$\{[^{}]*\}`;
const EKS_ISSUER = new RegExp(
  String.raw`^oidc\.eks\.([a-z0-9-]+|${UNKNOWN})\.(amazonaws\.com(\.cn)?|${UNKNOWN})\/id\/([0-9a-z]+|${UNKNOWN})$`,
);

// The issuers of HCP Terraform, in the US and in Europe, each shared by all its organizations.
const HCP_TERRAFORM: ReadonlySet<string> = new Set(['app.terraform.io', 'app.eu.terraform.io']);

/** The provider of an OIDC issuer host (`token.actions.githubusercontent.com`, ...), if known. */
export function ciProviderOf(host: string): CiProvider | undefined {
  const h = host.toLowerCase();
  if (h === 'token.actions.githubusercontent.com' || h.startsWith('token.actions.githubusercontent.com/'))
    return 'github';
  if (h === 'gitlab.com' || /^gitlab\./.test(h)) return 'gitlab';
  if (h.startsWith('oidc.circleci.com/org/')) return 'circleci';
  if (h.startsWith('api.bitbucket.org/') && h.includes('/pipelines-config/identity/oidc')) return 'bitbucket';
  if (HCP_TERRAFORM.has(h)) return 'terraform-cloud';
  if (h === 'agent.buildkite.com') return 'buildkite';
  if (/^[^/]+\.app\.(?:us\.)?spacelift\.io$/.test(h)) return 'spacelift';
  if (h === 'api.pulumi.com/oidc') return 'pulumi';
  if (h.startsWith('vstoken.dev.azure.com/')) return 'azure-devops';
  if (h === 'login.app.env0.com' || h === 'login.app.env0.com/') return 'env0';
  if (h === 'oidc.codefresh.io') return 'codefresh';
  if (h === 'scalr.io') return 'scalr';
  if (h === 'oidc.vercel.com' || h.startsWith('oidc.vercel.com/')) return 'vercel';
  if (h.startsWith('oidc.fly.io/')) return 'flyio';
  if (EKS_ISSUER.test(h)) return 'eks';
  return undefined;
}

// The subject formats a self-hosted issuer (GitLab, GitHub Enterprise Server or Terraform
// Enterprise on its own host, a Kubernetes cluster outside EKS) shares with its hosted counterpart.
const SUBJECT_FORMATS: readonly (readonly [RegExp, CiProvider])[] = [
  [/^repo:[^:]/, 'github'],
  [/^project_path:[^:]/, 'gitlab'],
  // Terraform Enterprise: `organization:<org>:project:...`, or a wildcard over the project
  // (`organization:acme:*`, `organization:*`); Buildkite, hosted only, writes `:pipeline:` there.
  [/^organization:[^:]*(?::(?:project:|\*)|\*)/, 'terraform-cloud'],
  [/^system:serviceaccount:/, 'eks'],
];

/**
 * The provider whose subject format every `sub` value of an issuer of unknown host follows
 * (`project_path:...` of a GitLab instance at `git.example.com`); undefined when none, or when
 * the values follow different formats.
 */
export function ciProviderBySubject(conditions: OidcConditions): CiProvider | undefined {
  const subs = conditions.claims.get('sub') ?? [];
  const providers = new Set(subs.map((pin) => SUBJECT_FORMATS.find(([format]) => format.test(pin.value))?.[1]));
  const [only] = providers;
  return providers.size === 1 ? only : undefined;
}

/**
 * The text of a `Federated` principal as far as it identifies the provider: a provider ARN known
 * only after deploy (CDK without an explicit account: `arn:${Partition}:iam::${Account}:oidc-provider/host`)
 * still names its host in the literal part after its last unknown.
 */
export function federatedText(value: PolicyValue): string | undefined {
  if (!isSymbolic(value)) return value;
  // The literal part that names the provider, and what follows it: a host with parts known only
  // after deploy (an EKS cluster's issuer id) is rendered with their provenance, as the condition
  // keys that name the same values are.
  const index = value.parts.findIndex((p) => typeof p === 'string' && p.includes(':oidc-provider/'));
  if (index < 0) return undefined;
  const part = value.parts[index] as string;
  const rest = new SymbolicValue([part.slice(part.indexOf(':oidc-provider/')), ...value.parts.slice(index + 1)]);
  return 'arn:aws:iam::000000000000' + valueToString(rest);
}

// Tests a token passes only when its claim has one of the values: under a claim that never holds
// such a value no token passes.
const ADMITTING_OPERATORS: ReadonlySet<string> = new Set(['StringEquals', 'StringLike', 'StringEqualsIgnoreCase']);

/**
 * The claim of an issuer's key whose claim name the input lost (a Terraform plan shows
 * `"${replace(aws_iam_openid_connect_provider.eks.url, "https://", "")}:sub"` only as a reference
 * to the provider's URL), told by the values its test compares: an IRSA service account
 * (`system:serviceaccount:...`) is only ever a `sub`, `sts.amazonaws.com` an `aud`. Under any
 * other claim `StringEquals` or `StringLike` admits no token, so this reading is the one that
 * admits the most. Undefined for another operator (`operator` as written: `ForAnyValue:...`,
 * `...IfExists` and negated tests are not read) or other values.
 */
export function claimOfLostKey(operator: string, values: readonly PolicyValue[]): 'sub' | 'aud' | undefined {
  if (!ADMITTING_OPERATORS.has(operator) || values.length === 0) return undefined;
  const texts = values.filter((v): v is string => typeof v === 'string');
  if (texts.length !== values.length) return undefined;
  if (texts.every((v) => v.startsWith('system:serviceaccount:'))) return 'sub';
  if (texts.every((v) => v === 'sts.amazonaws.com')) return 'aud';
  return undefined;
}

/** The issuer host of a `Federated` principal: an OIDC provider ARN or a bare host. */
export function oidcHostOf(principal: PolicyValue): string | undefined {
  const value = federatedText(principal);
  if (value === undefined) return undefined;
  const arn = /^arn:[^:]+:iam::[^:]*:oidc-provider\/(.+)$/.exec(value);
  if (arn) return arn[1];
  if (value.startsWith('arn:') || value.includes('cognito-identity')) return undefined;
  return value.includes('.') ? value : undefined;
}

/** A condition value with how its operator reads it. */
interface Pin {
  readonly value: string;
  /** `StringLike`: `*` and `?` are wildcards. */
  readonly like: boolean;
  /** `StringEqualsIgnoreCase`: every spelling of the value in any case. */
  readonly ignoreCase?: boolean;
  /** The values of several clauses that all must hold, whose strings in common this pin stands for. */
  readonly of?: readonly string[];
}

/** The conditions of a statement on one issuer, by claim name (lowercase). */
export interface OidcConditions {
  readonly host: string;
  readonly claims: ReadonlyMap<string, readonly Pin[]>;
  /** Clauses on the issuer's keys that a token can satisfy without carrying the claim. */
  readonly forAllValues: readonly ConditionClause[];
  /** Values wholly known only after deploy (`!Ref SubjectParameter`), rendered, by claim name: pinned, but to what cannot be told. */
  readonly unknown: ReadonlyMap<string, readonly string[]>;
  /**
   * Session tags required by `aws:RequestTag/<tag>` (lowercase tag name): a web identity request
   * takes its tags only from the token (the `https://aws.amazon.com/tags` claim the issuer signs),
   * so a provider that puts its claims there (Buildkite) is pinned by them as by its claims.
   */
  readonly tags: ReadonlyMap<string, readonly Pin[]>;
  /**
   * Claims whose clauses no value satisfies together (`StringEquals` `repo:acme/api:pull_request`
   * beside `StringLike` `repo:other/*`): the statement admits no token.
   */
  readonly unsatisfiable: ReadonlySet<string>;
}

// Claims every accepted federation request carries: STS refuses a web identity token without `sub`
// or `aud` ("Missing a required claim"), AWS sign-in a SAML response without the `NameID` of its
// subject (`SAML:sub`) or the `Recipient` it reads as `SAML:aud`. `...IfExists` on them pins as
// much as the operator without it; on any other claim a token without it passes.
const ALWAYS_PRESENT = new Set(['sub', 'aud']);

/** Whether every accepted federation request carries claim `claim` (`sub`, `aud`). */
export function isAlwaysPresentClaim(claim: string): boolean {
  return ALWAYS_PRESENT.has(claim.toLowerCase());
}

/**
 * Whether a clause on claim `claim` of the issuer whose tokens the statement admits lets only
 * matching tokens through: a positive test, or its `...IfExists` form on a claim every token has.
 */
export function pinsFederatedClaim(clause: ConditionClause, claim: string): boolean {
  if (isRestrictingClause(clause)) return true;
  return clause.ifExists && isAlwaysPresentClaim(claim) && isRestrictingClause({ ...clause, ifExists: false });
}

const REQUEST_TAG = 'aws:requesttag/';

/** Collects the restricting conditions of `statement` on keys `<host>:<claim>`, and on the session tags it requires. */
export function oidcConditions(statement: Statement, host: string): OidcConditions {
  const prefix = `${host.toLowerCase()}:`;
  const claims = new Map<string, Pin[]>();
  // The pins of each clause on a claim: the clauses of one statement must all hold (AND), the
  // values of one clause are alternatives (OR).
  const groups = new Map<string, Clause[]>();
  const unknown = new Map<string, string[]>();
  const forAllValues: ConditionClause[] = [];
  const tags = new Map<string, Pin[]>();
  for (const clause of statement.conditions) {
    const key = clause.key.toLowerCase();
    if (key.startsWith(REQUEST_TAG) && isRestrictingClause(clause)) {
      const like = clause.baseOperator === 'StringLike';
      const values = clause.values.filter((v): v is string => typeof v === 'string');
      const tag = key.slice(REQUEST_TAG.length);
      tags.set(tag, [...(tags.get(tag) ?? []), ...values.map((value) => ({ value, like }))]);
    }
    if (!key.startsWith(prefix)) continue;
    if (clause.setOperator === 'ForAllValues' && !clause.baseOperator.startsWith('StringNot'))
      forAllValues.push(clause);
    const claim = key.slice(prefix.length);
    if (!pinsFederatedClaim(clause, claim)) continue;
    const like = clause.baseOperator === 'StringLike';
    const ignoreCase = clause.baseOperator === 'StringEqualsIgnoreCase';
    const group: Clause = { pins: [], known: true };
    for (const v of clause.values) {
      // A value with parts known only at deploy (`repo:${GitHubOrg}/${Repo}:*`) is graded by what is
      // written around them: the `:*` after a repository admits pull requests whoever owns it.
      if (!isSymbolic(v)) group.pins.push({ value: v, like, ignoreCase });
      else {
        group.known = false;
        if (v.parts.some((part) => typeof part === 'string'))
          group.pins.push({ value: valueToString(v), like, ignoreCase });
        else unknown.set(claim, [...(unknown.get(claim) ?? []), valueToString(v)]);
      }
    }
    groups.set(claim, [...(groups.get(claim) ?? []), group]);
  }
  const unsatisfiable = new Set<string>();
  for (const [claim, clauses] of groups) {
    const pins = pinsOfAll(clauses);
    if (pins === undefined) unsatisfiable.add(claim);
    // Still pinned (to nothing), for whoever asks whether the claim is tested at all.
    claims.set(claim, pins ?? clauses.flatMap((c) => c.pins));
  }
  return { host, claims, forAllValues, unknown, tags, unsatisfiable };
}

/** The values of one clause on a claim, alternatives; `known` false when some are known only at deploy. */
interface Clause {
  readonly pins: Pin[];
  known: boolean;
}

/**
 * The pins of a claim tested by several clauses, all of which must hold: when some clause names
 * exact values (`StringEquals` `sub` beside `StringLike` `sub`, as iam-assumable-role-with-oidc
 * writes `oidc_fully_qualified_subjects` beside `oidc_subjects_with_wildcards`), only those exact
 * values every other clause admits; a token matching a wildcard of another clause alone is refused.
 * Undefined when no value is admitted by every clause: no token passes, whatever the order of the
 * clauses. Otherwise (wildcards in each, values known only at deploy) every value, as alternatives.
 */
function pinsOfAll(clauses: readonly Clause[]): Pin[] | undefined {
  const all = clauses.flatMap((c) => c.pins);
  if (clauses.length < 2 || clauses.some((c) => !c.known)) return all;
  const exact = clauses.find((c) => c.pins.every((pin) => !pin.like || !hasWildcard(pin.value)));
  if (exact === undefined) {
    const together = wildcardsOfAll(clauses);
    return together === undefined ? all : together.length > 0 ? together : undefined;
  }
  const admitted = exact.pins.filter((pin) =>
    clauses.every((other) => other === exact || other.pins.some((o) => admitsSome(o, pin))),
  );
  return admitted.length > 0 ? admitted : undefined;
}

/**
 * The pins of a claim tested by several `StringLike` clauses with wildcards (a `StringEquals`
 * clause is read as exact values first), all of which must hold (`repo:acme/api:*` beside
 * `ForAnyValue:StringLike` `repo:acme/*:ref:refs/heads/main`): what one value of each clause
 * admits together (`repo:acme/api:ref:refs/heads/main`), each result naming the values it comes
 * from. Undefined when that cannot be told at a bounded cost (values too long or too many
 * combinations): every value is then read as an alternative, which reports more, never less.
 */
function wildcardsOfAll(clauses: readonly Clause[]): Pin[] | undefined {
  let combined: { value: string; of: string[] }[] = [{ value: '*', of: [] }];
  for (const clause of clauses) {
    const next: { value: string; of: string[] }[] = [];
    for (const sofar of combined)
      for (const pin of clause.pins) {
        const both = overlapOf(sofar.value, pin.value);
        if (both === undefined) return undefined;
        next.push(...both.map((value) => ({ value, of: [...sofar.of, pin.value] })));
      }
    if (next.length > 64) return undefined;
    combined = next;
  }
  const byValue = new Map<string, Pin>();
  for (const { value, of } of combined)
    if (!byValue.has(value)) byValue.set(value, { value, like: hasWildcard(value), of });
  // What one pair of values admits is already pruned; across pairs, `repo:acme/:pull_request`
  // beside `repo:acme/*:pull_request` says nothing more.
  let kept: Pin[] = [];
  for (const pin of byValue.values()) {
    if (kept.some((other) => patternCovers(other.value, pin.value))) continue;
    kept = [...kept.filter((other) => !patternCovers(pin.value, other.value)), pin];
  }
  return kept;
}

/**
 * Whether `pin` admits some token that the exact pin `exact` admits: the one value of `exact`, or
 * for `StringEqualsIgnoreCase` any spelling of it in another case (`REPO:ACME/API:PULL_REQUEST`
 * admits the token `repo:acme/api:pull_request`, which `StringLike` `repo:acme/*` admits too).
 */
function admitsSome(pin: Pin, exact: Pin): boolean {
  const ignoreCase = exact.ignoreCase === true || pin.ignoreCase === true;
  if (pin.like) return matchWildcard(pin.value, exact.value, { ignoreCase });
  return ignoreCase ? pin.value.toLowerCase() === exact.value.toLowerCase() : pin.value === exact.value;
}

/** The concerns of a statement's conditions on a CI provider; empty means safe. */
export function gradeOidc(provider: CiProvider, conditions: OidcConditions): OidcConcern[] {
  // Clauses on one claim that no token satisfies together: the statement admits no token.
  if (conditions.unsatisfiable.size > 0) return [];
  const concerns = forAllValuesConcerns(conditions);
  // A `StringEqualsIgnoreCase` value admits the token in the case the provider writes its subjects
  // (`repo:acme/api:pull_request` for `REPO:ACME/API:PULL_REQUEST`): graded in lowercase.
  const subs = (conditions.claims.get('sub') ?? []).map((pin) =>
    pin.ignoreCase === true ? { ...pin, value: pin.value.toLowerCase() } : pin,
  );
  const has = (claim: string): boolean =>
    (conditions.claims.get(claim) ?? []).length > 0 || conditions.unknown.has(claim);
  // A key AWS refuses for a literal value of no token: OR of values, so each one is graded.
  for (const pin of subs) concerns.push(...SUBJECT_GRADERS[provider](pin, has, subs, conditions));
  // A subject known only after deploy is pinned: what it admits is for `unknownSubjects` to say.
  if (subs.length === 0 && !conditions.unknown.has('sub')) concerns.push(...withoutSubject(provider, conditions));
  return concerns;
}

// Claims STS checks before it reads the trust policy: the token's issuer is the provider's URL and
// its audience one of the provider's client IDs, so no accepted token lacks them.
const CHECKED_BY_STS = new Set(['aud', 'iss']);

/** `ForAllValues` clauses on the issuer's claims: true for a token without the claim. */
export function forAllValuesConcerns(conditions: OidcConditions): OidcConcern[] {
  const prefix = `${conditions.host.toLowerCase()}:`;
  const unchecked = conditions.forAllValues.filter(
    (c) => !CHECKED_BY_STS.has(c.key.toLowerCase().slice(prefix.length)),
  );
  return unchecked.map((c) => ({
    grade: 'dangerous' as const,
    pattern: 'for-all-values',
    detail: `\`${c.operator}\` on \`${c.key}\` is true for a token without that claim (an empty set satisfies \`ForAllValues\`)`,
  }));
}

/** The worst grade of a list of concerns. */
export function worstGrade(concerns: readonly OidcConcern[]): OidcGrade {
  if (concerns.some((c) => c.grade === 'dangerous')) return 'dangerous';
  return concerns.length > 0 ? 'caution' : 'safe';
}

type Has = (claim: string) => boolean;
/** Every `sub` value of the statement, whatever its operator; the statement's conditions on the issuer's other claims. */
type SubjectGrader = (pin: Pin, has: Has, subs: readonly Pin[], conditions: OidcConditions) => OidcConcern[];

const wild = (pin: Pin, part: string): boolean => pin.like && hasWildcard(part);
const admits = (pin: Pin, subject: string): boolean =>
  pin.like ? matchWildcard(pin.value, subject) : pin.value === subject;
const SHA = /@[0-9a-f]{40}$/;
/** The reusable workflow a GitHub custom subject names (`...job_workflow_ref:<path>@<ref>...`); a Git ref holds no `:`. */
const subjectWorkflow = (subject: string): string | undefined => /(?:^|:)job_workflow_ref:([^:]*)/.exec(subject)?.[1];
// A name no real organization, project, pipeline or stack has: a pattern that admits it admits any.
const PROBE = '\u0000another';

function concern(grade: OidcConcern['grade'], pattern: string, pin: Pin, why: string): OidcConcern {
  const together =
    pin.of === undefined || pin.of.length < 2
      ? ''
      : ` (what ${pin.of.map((v) => `\`${v}\``).join(' and ')} admit together)`;
  return { grade, pattern, value: pin.value, detail: `subject \`${pin.value}\`${together} ${why}` };
}

/**
 * A pattern on the subject of an issuer every customer account shares, the subject starting
 * `account:<id>:`: one that leaves the account open admits other customers; one that admits the
 * probe subject `probe` of the account admits every pipeline or workspace of it.
 */
function sharedIssuerAccount(
  pin: Pin,
  says: { others: string; probe: (account: string) => string; pattern: string; every: string },
): OidcConcern[] {
  if (!pin.like || !hasWildcard(pin.value)) return [];
  const account = /^account:([^:*?]+):/.exec(pin.value)?.[1];
  if (account === undefined) return [concern('dangerous', 'any-organization', pin, says.others)];
  return admits(pin, says.probe(account)) ? [concern('dangerous', says.pattern, pin, says.every)] : [];
}

/** The `<owner>/<repo>` a workflow path (`<owner>/<repo>/.github/workflows/<file>`) starts with. */
const workflowRepository = (path: string): string => /^[^/]*(?:\/[^/]*)?/.exec(path)?.[0] ?? path;

/** A reusable workflow pattern (`<owner>/<repo>/<path>@<ref>`) split into its path and the repository it starts with. */
function splitWorkflow(workflow: string): { path: string; repository: string } {
  const at = workflow.lastIndexOf('@');
  const path = at < 0 ? workflow : workflow.slice(0, at);
  return { path, repository: workflowRepository(path) };
}

/**
 * The repository pattern of a workflow pattern open to every repository whose name matches
 * (`acme/*`), unless the caller's repository is pinned (`callerPinned`): then only its runs get a
 * token, whatever workflow they call.
 */
function workflowAcrossRepositories(pin: Pin, workflow: string, callerPinned: boolean): string | undefined {
  const { repository } = splitWorkflow(workflow);
  return wild(pin, repository) && !callerPinned ? repository : undefined;
}

// The claims GitHub can put in a custom subject: the name before each value.
const GITHUB_SUBJECT_CLAIMS: ReadonlySet<string> = new Set([
  'actor',
  'actor_id',
  'base_ref',
  'context',
  'enterprise',
  'enterprise_id',
  'environment',
  'event_name',
  'head_ref',
  'job_workflow_ref',
  'job_workflow_sha',
  'ref',
  'ref_protected',
  'ref_type',
  'repo',
  'repository',
  'repository_id',
  'repository_owner',
  'repository_owner_id',
  'repository_visibility',
  'run_attempt',
  'runner_environment',
  'sha',
  'workflow',
  'workflow_ref',
  'workflow_sha',
]);

/** The `claim:value` parts of a GitHub custom subject (pattern), in order; a value may hold `:` only before the next claim name. */
function githubSubjectParts(subject: string): { claim: string; value: string }[] {
  const parts: { claim: string; value: string[] }[] = [];
  for (const token of subject.split(':')) {
    const last = parts.at(-1);
    if (GITHUB_SUBJECT_CLAIMS.has(token) && (last === undefined || last.value.length > 0))
      parts.push({ claim: token, value: [] });
    else if (last === undefined) parts.push({ claim: '', value: [token] });
    else last.value.push(token);
  }
  return parts.map(({ claim, value }) => ({ claim, value: value.join(':') }));
}

/** The repository a custom subject names literally (`repository:acme/api`, `repo:acme/api`), if one. */
function subjectRepository(pin: Pin): string | undefined {
  const part = githubSubjectParts(pin.value).find((p) => p.claim === 'repository' || p.claim === 'repo');
  const repository = part === undefined ? undefined : /^[^:]*/.exec(part.value)?.[0];
  return repository === undefined || wild(pin, repository) || !repository.includes('/') ? undefined : repository;
}

/** Whether a custom subject names one caller repository, by name or id, without a wildcard. */
function subjectPinsCaller(pin: Pin): boolean {
  if (subjectRepository(pin) !== undefined) return true;
  return githubSubjectParts(pin.value).some(
    (p) => p.claim === 'repository_id' && p.value !== '' && !wild(pin, p.value),
  );
}

/**
 * Whether the caller of a reusable workflow is pinned: by a custom subject naming its repository
 * or owner (by name or id, without a wildcard), or by the `repository`, `repository_id`,
 * `repository_owner` or `repository_owner_id` key.
 */
function githubCallerPinned(conditions: OidcConditions, pin?: Pin): boolean {
  if (pin !== undefined) {
    if (subjectPinsCaller(pin)) return true;
    const owner = githubSubjectParts(pin.value).find(
      (p) => (p.claim === 'repository_owner' || p.claim === 'repository_owner_id') && p.value !== '',
    );
    if (owner !== undefined && !wild(pin, owner.value)) return true;
  }
  if (githubRepositoryByKey(conditions)) return true;
  const owners = [
    ...(conditions.claims.get('repository_owner') ?? []),
    ...(conditions.claims.get('repository_owner_id') ?? []),
  ];
  return owners.length > 0 && owners.every((p) => !wild(p, p.value));
}

/**
 * A reusable workflow pinned while its caller is not: any repository that can call the workflow
 * (every repository on GitHub when the workflow's repository is public) gets a matching token,
 * and such a workflow usually checks out and deploys the caller's code. `head` says how the
 * workflow itself is pinned, in words.
 */
function anyCaller(value: string, path: string, head: string): OidcConcern {
  return {
    grade: 'dangerous',
    pattern: 'any-caller',
    value,
    detail: `${head}, but no condition names the repository that calls it, so any repository that can call the workflow (every repository on GitHub if \`${workflowRepository(path)}\` is public) can assume the role, usually to deploy its own code (pin the caller's \`repository\` or \`repository_owner\` too)`,
  };
}

/** Words for a reusable workflow pinned at a commit. */
const atCommitWords = (path: string): string => `reusable workflow \`${path}\` is pinned at a commit`;

/**
 * The subject a pull request run of the workflow a custom subject names would carry, in the
 * subject's own claim order: the workflow at `@refs/pull/<n>/merge` run in the repository the
 * subject names, else in its own (a caller names the ref it calls the workflow at, a pull request
 * of the workflow's own repository runs it as changed), `ref` the same, `event_name` `pull_request`, a
 * context `pull_request`; other claims as the pattern writes them. Undefined when the subject
 * names an environment: a job that names one runs under that environment's protection rules.
 */
function githubPullRequestSubject(pin: Pin, workflow: string, calledAsWritten = false): string | undefined {
  const parts = githubSubjectParts(pin.value);
  if (parts.some((p) => p.claim === 'environment')) return undefined;
  const { path, repository } = splitWorkflow(workflow);
  // The run is in the repository the subject names, else in the workflow's; a workflow repository
  // the pattern leaves open is the caller's.
  const caller = subjectRepository(pin) ?? repository;
  const workflowIn = wild(pin, repository) ? caller : repository;
  const prRef = `refs/pull/${PROBE}/merge`;
  const pullRequestValue = (claim: string, value: string): string => {
    switch (claim) {
      case 'job_workflow_ref':
        // A workflow called at a commit keeps it: a caller's pull request runs the workflow there.
        return calledAsWritten
          ? (value.split(':', 1)[0] ?? value)
          : `${workflowIn}${path.slice(repository.length)}@${prRef}`;
      case 'ref':
        return prRef;
      case 'repository':
        return caller;
      case 'event_name':
        return 'pull_request';
      case 'repo': {
        // `repo:<owner>/<repo>` is followed by the context where the customization keeps it.
        const context = value.indexOf(':');
        return context < 0 ? caller : `${caller}:pull_request`;
      }
      default:
        return value;
    }
  };
  // A wildcard that spans claims (`...@refs/heads/main:*`) stays after the claim's own value.
  const probe = (claim: string, value: string): string => {
    const colon = value.indexOf(':');
    return colon < 0 || claim === 'repo'
      ? pullRequestValue(claim, value)
      : pullRequestValue(claim, value) + value.slice(colon);
  };
  return parts.map(({ claim, value }) => (claim === '' ? value : `${claim}:${probe(claim, value)}`)).join(':');
}

/**
 * What a custom subject's workflow pattern (`job_workflow_ref:<owner>/<repo>/<path>@<ref>`, in
 * any claim order) opens beyond a ref that can move: the workflows of every repository whose
 * name matches, unless the subject or a key pins the caller's repository; or the workflow as a
 * pull request changed it (its runs carry `@refs/pull/<n>/merge`, as `ref` does), unless the
 * `ref` or `environment` keys keep pull requests out or the subject never matches such a run.
 */
function openWorkflow(pin: Pin, workflow: string, conditions: OidcConditions): OidcConcern | undefined {
  const across = workflowAcrossRepositories(pin, workflow, subjectPinsCaller(pin) || githubRepositoryByKey(conditions));
  if (across !== undefined)
    return concern(
      'dangerous',
      'wildcard',
      pin,
      `trusts the workflows of every repository whose name matches \`${across}\`, including new ones`,
    );
  return workflowPullRequest(pin, workflow, conditions);
}

/**
 * Whether a custom subject naming a reusable workflow matches a pull request run that calls it,
 * the `ref` and `environment` keys letting one through: a concern that says so, of the workflow's
 * own repository or of the other repositories that call it at a ref of their choosing.
 */
function workflowPullRequest(pin: Pin, workflow: string, conditions: OidcConditions): OidcConcern | undefined {
  if (githubRefGuards(conditions).pullRequest) return undefined;
  const { path, repository } = splitWorkflow(workflow);
  const pullRequest = githubPullRequestSubject(pin, workflow);
  if (pullRequest === undefined || !admits(pin, pullRequest)) return undefined;
  const callers = subjectCallers(pin, repository, conditions);
  return concern(
    'dangerous',
    'pull-request',
    pin,
    callers === undefined
      ? `admits workflow \`${path}\` as a pull request changed it (\`@refs/pull/<n>/merge\`): unreviewed code can assume the role`
      : `admits workflow \`${path}\`, which ${callerChoosesRef({ ...pin, value: workflow }, path, callers)}`,
  );
}

/**
 * The other repositories, in words, whose calls of a workflow of `repository` a custom subject
 * admits: the one it names, else those the keys name; undefined when the workflow's own
 * repository (or, under a wildcard, the caller's) runs it.
 */
function subjectCallers(pin: Pin, repository: string, conditions: OidcConditions): string | undefined {
  if (wild(pin, repository)) return undefined;
  const named = subjectRepository(pin);
  if (named === undefined) return otherCallers(conditions, repository);
  return named === repository ? undefined : `\`${named}\``;
}

/**
 * What a CircleCI subject of the issuer's own organization admits
 * (`org/<id>/project/<id>/user/<id>...`), said of the subject as written (`shown`).
 */
function circleciSubject(pin: Pin, shown: Pin = pin): OidcConcern[] {
  const m = /^org\/([^/]*)\/project\/([^/]*)(?:\/user\/([^/]*))?(.*)$/.exec(pin.value);
  const orgId = /^org\/([^/*?]+)\//.exec(pin.value)?.[1];
  if (m === null && orgId !== undefined && pin.like && admits(pin, `org/${orgId}/project/${PROBE}/user/${PROBE}`))
    return [concern('dangerous', 'wildcard-project', shown, 'admits every project of the organization')];
  if (m === null)
    return pin.like && hasWildcard(pin.value)
      ? [concern('dangerous', 'wildcard', shown, 'has a wildcard outside a project pin')]
      : [];
  const [, org = '', project = '', user = '', rest = ''] = m;
  if (wild(pin, org) || wild(pin, project))
    return [concern('dangerous', 'wildcard-project', shown, 'admits every project of the organization')];
  // Without a user segment (`org/<id>/project/<id>/*`) the project is still the one named.
  if (m[3] === undefined ? admits(pin, `org/${org}/project/${project}/user/${PROBE}`) : wild(pin, user))
    return [concern('caution', 'wildcard-user', shown, 'admits every user who can trigger a pipeline of the project')];
  if (rest.includes('/vcs-ref/'))
    return [concern('caution', 'name-based', shown, 'relies on a branch name, which anyone who can push can create')];
  return [];
}

/** Whether the `project_id` key (a condition of its own beside `sub`) pins one GitLab project (no wildcard). */
function gitlabProjectByKey(conditions: OidcConditions): boolean {
  const pins = conditions.claims.get('project_id') ?? [];
  return pins.length > 0 && pins.every((p) => !p.like || !hasWildcard(p.value));
}

/** A Buildkite subject of a build of `pipeline` at `ref` in organization `org`. */
function buildkiteBuild(pipeline: string, ref: string, org: string = PROBE): string {
  return `organization:${org}:pipeline:${pipeline}:ref:${ref}:commit:0123456789abcdef0123456789abcdef01234567:step:deploy`;
}

/** Whether the statement requires session tag `name` to be one value (no wildcard). */
function pinnedTag(conditions: OidcConditions, name: string): boolean {
  const pins = conditions.tags.get(name) ?? [];
  return pins.length > 0 && pins.every((p) => !p.like || !hasWildcard(p.value));
}

/** The owner and repository of a GitHub `repo:` subject, by name and, in the immutable format (`octo-org@123/app@456`), by id. */
interface GithubRepository {
  readonly owner: string;
  readonly ownerId?: string;
  /** Undefined when the subject names no repository (`repo:acme*`). */
  readonly name?: string;
  readonly id?: string;
}

function githubRepository(ownerRepo: string): GithubRepository {
  // Names hold neither `/` nor `@`: the first `/` ends the owner, an `@` starts an id.
  const slash = ownerRepo.indexOf('/');
  const withId = (part: string): { name: string; id?: string } => {
    const at = part.lastIndexOf('@');
    return at < 0 ? { name: part } : { name: part.slice(0, at), id: part.slice(at + 1) };
  };
  const owner = withId(slash < 0 ? ownerRepo : ownerRepo.slice(0, slash));
  if (slash < 0) return { owner: owner.name, ownerId: owner.id };
  const repository = withId(ownerRepo.slice(slash + 1));
  return { owner: owner.name, ownerId: owner.id, name: repository.name, id: repository.id };
}

/**
 * Whether a GitHub subject pattern admits the repositories of any owner on GitHub's shared issuer:
 * a wildcard owner (`repo:*`, `repo:acme*`) that no owner id (`repo:*@123/app:...`) ties down.
 */
export function githubAnyOwner(value: string): boolean {
  const repo = /^repo:([^:]*)/.exec(value);
  if (repo === null || !/^[*?]/.test(repo[1] ?? '')) return false;
  const { ownerId } = githubRepository(repo[1] ?? '');
  return ownerId === undefined || ownerId === '' || hasWildcard(ownerId);
}

/**
 * Whether the keys `repository_id` or `repository`, conditions of their own beside `sub`, pin
 * one repository (no wildcard): whatever a subject pattern says of the repository then, it is that one.
 */
export function githubRepositoryByKey(conditions: OidcConditions): boolean {
  return ['repository_id', 'repository'].some((claim) => {
    const pins = conditions.claims.get(claim) ?? [];
    return pins.length > 0 && pins.every((p) => !p.like || !hasWildcard(p.value));
  });
}

/**
 * The callers, in words, that the `repository` and `repository_owner` keys admit when they keep
 * out a run in the reusable workflow's own `repository` (`<owner>/<repo>`); undefined when they
 * admit such a run. Called from another repository, the workflow's `job_workflow_ref` still names
 * its own repository, the caller's being `repository`, and the caller's workflow file names the
 * ref: its runs, pull requests from its own branches included, run the workflow at the ref they
 * choose.
 */
function otherCallers(conditions: OidcConditions, repository: string): string | undefined {
  const owner = repository.split('/', 1)[0] ?? '';
  const pinsOf = (claim: string): readonly Pin[] => conditions.claims.get(claim) ?? [];
  const passes = (claim: string, value: string): boolean =>
    pinsOf(claim).length === 0 || pinsOf(claim).some((p) => admitsSome(p, { value, like: false }));
  if (passes('repository', repository) && passes('repository_owner', owner)) return undefined;
  const named = (pins: readonly Pin[]): string => pins.map((p) => `\`${p.value}\``).join(' or ');
  const repositories = pinsOf('repository');
  return repositories.length > 0 ? named(repositories) : `the repositories of ${named(pinsOf('repository_owner'))}`;
}

/** A 40-digit commit id no repository has: a workflow pattern that admits it admits any commit. */
const PROBE_COMMIT = '0000000000000000000000000000000000000000';

/** Whether a workflow pattern at `path@<ref pattern>` admits any commit of its repository by id. */
const admitsAnyCommit = (pin: Pin, path: string): boolean => admits(pin, `${path}@${PROBE_COMMIT}`);

/**
 * The refs of its repository that reusable workflow `workflow` (`<path>@<ref>`, a pattern in
 * `pin`) is admitted at, in words: the kinds of ref it admits whatever their name (a commit too
 * under `@*`), else the branches or tags whose names match; undefined for a ref without wildcard.
 */
function workflowRefs(pin: Pin, workflow: string): string | undefined {
  const { path, repository } = splitWorkflow(workflow);
  const ref = workflow.slice(path.length + 1);
  const at = (candidate: string): boolean => admits(pin, pin.value.replace(workflow, `${path}@${candidate}`));
  const probes: readonly (readonly [string, string])[] = [
    ['branch', `refs/heads/${PROBE}`],
    ['tag', `refs/tags/${PROBE}`],
    ['commit', PROBE_COMMIT],
  ];
  const kinds = probes.filter(([, candidate]) => at(candidate)).map(([kind]) => kind);
  if (kinds.length > 0) return `any ${eitherOf(kinds)} of \`${repository}\``;
  if (!wild(pin, ref)) return undefined;
  const named = /^refs\/(heads|tags)\/(.+)$/.exec(ref);
  if (named === null) return `every ref of \`${repository}\` that matches \`${ref}\``;
  return `every ${named[1] === 'heads' ? 'branch' : 'tag'} of \`${repository}\` whose name matches \`${named[2] ?? ''}\``;
}

/**
 * What a subject naming reusable workflow `workflow` (`<path>@<ref>`, the ref a pattern or not)
 * admits of the code that runs, in words: the refs of the workflow's repository it admits
 * ({@link workflowRefs}), else the branch or tag it names. Only a commit fixes the code; a branch
 * moves with each push, a tag can be moved.
 */
function workflowPinWords(pin: Pin, workflow: string): string {
  const { path, repository } = splitWorkflow(workflow);
  const ref = workflow.slice(path.length + 1);
  const fix = 'the role does not fix which code runs (pin a commit, `@<sha>`)';
  const trusts = `trusts reusable workflow \`${path}\``;
  const refs = workflowRefs(pin, workflow);
  if (refs !== undefined) return `${trusts} at ${refs} that its caller names: ${fix}`;
  const named = /^refs\/(heads|tags)\/(.+)$/.exec(ref);
  if (named === null) return `${trusts} at \`${ref}\`, no commit: ${fix}`;
  const kind = named[1] === 'heads' ? 'branch' : 'tag';
  const moves = kind === 'branch' ? 'which moves with every push to it' : 'which can be moved';
  return `${trusts} at ${kind} \`${named[2] ?? ''}\` of \`${repository}\`, ${moves}: pin a commit (\`@<sha>\`)`;
}

/** What a workflow pattern open to pull request refs admits when other repositories call it. */
function callerChoosesRef(pin: Pin, path: string, callers: string): string {
  const repository = workflowRepository(path);
  const chosen = admitsAnyCommit(pin, path)
    ? `any branch, tag or commit of \`${repository}\` to run (a branch not merged, a commit pushed to a fork)`
    : `any matching ref of \`${repository}\` to run, a pull request's \`refs/pull/<n>/merge\` included`;
  return `is called by ${callers}: their runs, pull requests included, choose ${chosen}: unreviewed code can assume the role`;
}

/**
 * What the claims `ref` and `environment` (keys of their own, beside `sub`) keep out: a
 * `pull_request` run carries `ref` `refs/pull/<n>/merge` and no environment unless its job names
 * one (whose protection rules then apply); `branch` when they pin the ref or environment exactly.
 */
function githubRefGuards(conditions: OidcConditions): { pullRequest: boolean; branch: boolean } {
  const environment = conditions.claims.get('environment') ?? [];
  const ref = conditions.claims.get('ref') ?? [];
  if (environment.length > 0) return { pullRequest: true, branch: true };
  return {
    pullRequest: ref.length > 0 && ref.every((p) => !admits(p, `refs/pull/${PROBE}/merge`)),
    branch: ref.length > 0 && ref.every((p) => !p.like || !hasWildcard(p.value)),
  };
}

/**
 * The reusable workflows the `job_workflow_ref` key pins, when it pins each at a commit
 * (`<path>@<sha>`, no wildcard); undefined otherwise.
 */
function workflowsAtCommit(conditions: OidcConditions): readonly string[] | undefined {
  const pins = conditions.claims.get('job_workflow_ref') ?? [];
  const fixed = pins.length > 0 && pins.every((p) => SHA.test(p.value) && !(p.like && hasWildcard(p.value)));
  return fixed ? pins.map((p) => p.value) : undefined;
}

/**
 * A subject admitting the `pull_request` runs of `repository` only in reusable workflows pinned at
 * a commit: the code that gets the role is fixed, so not the open door of any pull request; what
 * the run hands it (inputs, the checked-out change it may build) is still unreviewed.
 */
function pullRequestAtCommit(pin: Pin, repository: string, workflows: readonly string[]): OidcConcern {
  const named = workflows.map((w) => `\`${splitWorkflow(w).path}\``).join(' or ');
  return concern(
    'caution',
    'pull-request-pinned-workflow',
    pin,
    `admits the \`pull_request\` runs of \`${repository}\` only in reusable workflow ${named} at a commit: the code that gets the role is fixed, yet it runs with the inputs of unreviewed changes and on whatever of them it checks out`,
  );
}

// The kinds of context a GitHub subject names after the repository, each with a tail of a name no
// branch, tag or environment has.
const GITHUB_CONTEXTS: readonly (readonly [kind: string, tail: string])[] = [
  ['branch', `ref:refs/heads/${PROBE}`],
  ['tag', `ref:refs/tags/${PROBE}`],
  ['environment', `environment:${PROBE}`],
];

/** `a`, `a or b`, `a, b or c`. */
const eitherOf = (words: readonly string[]): string =>
  words.length < 2 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} or ${words[words.length - 1] ?? ''}`;

/**
 * What a GitHub subject with a wildcard after the repository (`ref:refs/heads/*`, `ref:*`,
 * `environment:prod-*`) admits of `repository`, in words: the kinds of context (branches, tags,
 * environments) it admits whatever their name, else the names of one kind it matches. Anyone who
 * can push creates a branch or tag; a job that names an environment that does not exist creates it,
 * without protection rules. A custom subject naming reusable workflow `workflow` after the context
 * (`ref:refs/heads/*:job_workflow_ref:...`) keeps it in each probe, and out of the names.
 */
function githubRefScope(pin: Pin, repository: string, rest: string, workflow: string | undefined): string {
  const at = workflow === undefined ? -1 : rest.indexOf(`job_workflow_ref:${workflow}`);
  const context = at < 0 ? rest : rest.slice(0, at).replace(/:$/, '');
  const after = at < 0 ? '' : `:${rest.slice(at)}`;
  const anyOf = GITHUB_CONTEXTS.filter(([, tail]) => admits(pin, `repo:${repository}:${tail}${after}`)).map(
    ([kind]) => kind,
  );
  // A repository the subject leaves open is pinned by a key of its own (`repository_id`).
  const of = wild(pin, repository) ? 'the repository' : `\`${repository}\``;
  const refs = anyOf.filter((kind) => kind !== 'environment');
  const how = [
    ...(refs.length > 0 ? [`anyone who can push can create a ${eitherOf(refs)}`] : []),
    ...(anyOf.includes('environment')
      ? ['a job that names a new environment creates it, without protection rules']
      : []),
  ];
  if (anyOf.length > 0) return `admits any ${eitherOf(anyOf)} of ${of}: ${how.join(', and ')}`;
  const one = /^(?:ref:refs\/(heads|tags)\/|(environment):)(.*)$/.exec(context);
  if (one === null)
    return context.startsWith('ref:')
      ? 'admits every branch or tag that matches the wildcard'
      : 'admits every branch, tag or environment that matches the wildcard';
  const kind = one[1] === 'heads' ? 'branch' : one[1] === 'tags' ? 'tag' : 'environment';
  const by =
    kind === 'environment'
      ? 'which a job that names a new one creates, without protection rules'
      : 'which anyone who can push can create';
  return `admits every ${kind} of ${of} whose name matches \`${one[3] ?? ''}\`, ${by}`;
}

/**
 * What an HCP Terraform subject pattern with a fixed organization admits, in words: every project
 * of the organization, or every workspace of one project, in the run phases it lets through.
 */
function terraformScope(pin: Pin): string {
  const org = /^organization:([^:]+):/.exec(pin.value)?.[1] ?? '';
  const project = /^organization:[^:]+:project:([^:*?]+):/.exec(pin.value)?.[1];
  const run = (p: string, phase: string): string =>
    `organization:${org}:project:${p}:workspace:${PROBE}:run_phase:${phase}`;
  const phases = (p: string): string[] => ['plan', 'apply'].filter((phase) => admits(pin, run(p, phase)));
  const inPhases = (found: readonly string[]): string =>
    found.length === 2 ? 'in both the plan and the apply phase' : `in the ${found[0] ?? ''} phase`;
  const everyProject = phases(PROBE);
  if (everyProject.length > 0)
    return `admits every project and workspace of organization \`${org}\`, including new ones, ${inPhases(everyProject)}`;
  const everyWorkspace = project === undefined ? [] : phases(project);
  if (project !== undefined && everyWorkspace.length > 0)
    return `admits every workspace of project \`${project}\`, including new ones, ${inPhases(everyWorkspace)}`;
  return 'admits every workspace and run phase that matches the wildcard';
}

/** An HCP Terraform subject that names one workspace: still by names that can be reused. */
function nameBased(pin: Pin): OidcConcern {
  return concern(
    'caution',
    'name-based',
    pin,
    'names organization, project and workspace by names that can be reused after a rename or delete',
  );
}

const SUBJECT_GRADERS: Readonly<Record<CiProvider, SubjectGrader>> = {
  github(pin, _has, _subs, conditions) {
    const repo = /^repo:([^:]*)(?::(.*))?$/.exec(pin.value);
    if (repo === null) {
      // A custom subject naming the reusable workflow and no `repo:` reads as that workflow pinned:
      // at a commit the code that runs is fixed; a branch or tag can be moved.
      const workflow = subjectWorkflow(pin.value);
      if (workflow !== undefined && (!wild(pin, pin.value) || pin.value.startsWith('job_workflow_ref:'))) {
        const open = openWorkflow(pin, workflow, conditions);
        if (open !== undefined) return [open];
        const atCommit = SHA.test(workflow) && !wild(pin, workflow);
        const words = workflowPinWords(pin, workflow);
        if (!githubCallerPinned(conditions, pin))
          return [
            anyCaller(
              pin.value,
              splitWorkflow(workflow).path,
              atCommit ? atCommitWords(splitWorkflow(workflow).path) : words,
            ),
          ];
        if (!atCommit) return [concern('caution', 'mutable-ref-pin', pin, words)];
        // At a commit: the pull requests of the caller it names are still unreviewed input.
        const caller = subjectRepository(pin);
        const call = githubRefGuards(conditions).pullRequest
          ? undefined
          : githubPullRequestSubject(pin, workflow, true);
        return caller !== undefined && call !== undefined && admits(pin, call)
          ? [pullRequestAtCommit(pin, caller, [workflow])]
          : [];
      }
      if (!pin.like || !hasWildcard(pin.value)) return [];
      // A custom subject (`repository_owner_id:1:repository_id:2:environment:prod`) pins what the
      // claims before its first wildcard name.
      const head = pin.value.slice(0, pin.value.search(/[*?]/));
      const pinned = /(?:^|:)(?:repository_id:\d+|repository:[^:/]+\/[^:]+|repo:[^:/]+\/[^:]+)(?=:)/.exec(head);
      if (pinned === null)
        return [
          concern(
            'dangerous',
            'wildcard',
            pin,
            'names no repository before its wildcard: every repository whose subject matches, including new ones, is admitted',
          ),
        ];
      // A workflow named after other claims (`repository:acme/api:job_workflow_ref:...@*`) is read as one named first.
      const asPullRequest = workflow === undefined ? undefined : workflowPullRequest(pin, workflow, conditions);
      if (asPullRequest !== undefined) return [asPullRequest];
      const guards = githubRefGuards(conditions);
      if (!guards.pullRequest && admits(pin, `${head.slice(0, pinned.index + pinned[0].length)}:pull_request`))
        return [
          concern(
            'dangerous',
            'pull-request',
            pin,
            'admits `pull_request` tokens: unreviewed code can assume the role',
          ),
        ];
      return guards.branch
        ? []
        : [
            concern(
              'caution',
              'wildcard-ref',
              pin,
              'admits every branch, tag or environment that matches the wildcard',
            ),
          ];
    }
    const [, ownerRepo = '', rest = ''] = repo;
    const named = githubRepository(ownerRepo);
    const idPinned = (id: string | undefined): boolean => id !== undefined && id !== '' && !wild(pin, id);
    const byKey = githubRepositoryByKey(conditions);
    // An owner or repository is pinned by its name, or, in the immutable format, by its id
    // (`repo:acme@123/*@456:...`: ids are never reused, whatever the name around them).
    if (!byKey && wild(pin, named.owner) && !idPinned(named.ownerId))
      return [
        concern(
          'dangerous',
          'org-wide',
          pin,
          `admits the repositories of every owner whose name matches \`${named.owner}\`, including new ones`,
        ),
      ];
    // A subject without a repository (`repo:acme`) and without a wildcard matches no token.
    const noRepository = named.name === undefined && wild(pin, ownerRepo);
    if (!byKey && (noRepository || (named.name !== undefined && wild(pin, named.name) && !idPinned(named.id)))) {
      // `acme/payments-*` is narrower than `acme/*`, yet open to any repository created under that name.
      const owner = ownerRepo.split('/', 1)[0] ?? '';
      const why =
        named.name !== undefined && !/^[*?]*$/.test(named.name)
          ? `admits every repository of \`${owner}\` whose name matches \`${named.name}\`, including new ones`
          : 'admits every repository of the owner, including new ones';
      return [concern('dangerous', 'org-wide', pin, why)];
    }
    const guards = githubRefGuards(conditions);
    if (!guards.pullRequest && admits(pin, `repo:${ownerRepo}:pull_request`)) {
      const atCommit = workflowsAtCommit(conditions);
      return [
        atCommit === undefined
          ? concern(
              'dangerous',
              'pull-request',
              pin,
              'admits `pull_request` tokens: unreviewed code can assume the role',
            )
          : pullRequestAtCommit(pin, ownerRepo, atCommit),
      ];
    }
    // A custom subject that also names the reusable workflow (`...:job_workflow_ref:<path>@<ref>`).
    const workflow = subjectWorkflow(rest);
    const asPullRequest = workflow === undefined ? undefined : workflowPullRequest(pin, workflow, conditions);
    if (asPullRequest !== undefined) return [asPullRequest];
    if (workflow !== undefined && SHA.test(workflow) && !wild(pin, workflow) && !guards.pullRequest) {
      const call = githubPullRequestSubject(pin, workflow, true);
      if (call !== undefined && admits(pin, call)) return [pullRequestAtCommit(pin, ownerRepo, [workflow])];
    }
    const context = workflow === undefined ? rest : rest.replace(`job_workflow_ref:${workflow}`, '');
    if (workflow !== undefined && !wild(pin, context) && wild(pin, workflow))
      return [concern('caution', 'mutable-ref-pin', pin, workflowPinWords(pin, workflow))];
    if (!guards.branch && wild(pin, rest))
      return [concern('caution', 'wildcard-ref', pin, githubRefScope(pin, ownerRepo, rest, workflow))];
    // `repo:acme@*/api@*:...` names the repository by its names only, as the format before ids did.
    if ((named.ownerId !== undefined && wild(pin, named.ownerId)) || (named.id !== undefined && wild(pin, named.id)))
      return [
        concern(
          'caution',
          'name-based',
          pin,
          'has a wildcard for the immutable id of the owner or repository: a repository that reuses the name after a rename or delete matches',
        ),
      ];
    return [];
  },
  gitlab(pin, has, subs, conditions) {
    if (pin.like && hasWildcard(pin.value)) {
      const path = /^project_path:([^:]*)/.exec(pin.value)?.[1] ?? '';
      if (hasWildcard(path) && gitlabProjectByKey(conditions)) {
        // `project_id` (a key of its own) pins one project whatever path the subject matches: the
        // rest of the subject is graded as for that project, said of the subject as written.
        // A real subject holds no `:` in its path or ref, so a trailing wildcard of the path spans
        // the rest only where no `:ref_type:` follows it (`project_path:*` admits every ref).
        const rest = pin.value.slice(`project_path:${path}`.length);
        const spans = /[*?]$/.test(path) && !rest.startsWith(':ref_type:');
        const named = { ...pin, value: `project_path:\u0000project${spans ? `:*${rest}` : rest}` };
        return SUBJECT_GRADERS.gitlab(named, has, subs, conditions).map((c) => ({
          ...c,
          value: pin.value,
          detail: c.detail.replace(`\`${named.value}\``, `\`${pin.value}\``),
        }));
      }
      if (hasWildcard(path))
        return [concern('dangerous', 'wildcard-group', pin, 'admits every project under the group, at any depth')];
      // `ref_protected` `true` (a key of its own) keeps out the refs GitLab does not protect.
      const isProtected = (conditions.claims.get('ref_protected') ?? []).some((p) => p.value.toLowerCase() === 'true');
      const ref = /^project_path:[^:]*:ref_type:([^:*?]+):ref:(.*)$/.exec(pin.value);
      // The ref types it admits whatever the name; else, read loosely, the names it matches.
      const anyOf = ['branch', 'tag'].filter((type) =>
        admits(pin, `project_path:${path}:ref_type:${type}:ref:${PROBE}`),
      );
      const loose = /^project_path:[^:]*:ref_type:([^:]*):ref:(.*)$/.exec(pin.value);
      // A ref type written as a pattern (`t*`) says the types it matches, the name read as written.
      const matched = (name: string): string =>
        eitherOf(['branch', 'tag'].filter((t) => admits(pin, `project_path:${path}:ref_type:${t}:ref:${name}`))) ||
        'branch or tag';
      const types =
        loose === null ? 'branch or tag' : hasWildcard(loose[1] ?? '') ? matched(loose[2] ?? '') : (loose[1] ?? '');
      // With the project pinned, an open ref is what anyone who can push creates, as on GitHub
      // (`repo:<owner>/<repo>:ref:refs/heads/*`): a residual risk. A merge request pipeline carries
      // its source branch, which its author pushed; one from a fork names the fork's project.
      const named = /^project_path:[^:]*:ref_type:[^:]*:ref:([^:*?]+)$/.exec(pin.value)?.[1];
      if (ref === null && named !== undefined && !isProtected)
        return [
          concern(
            'caution',
            'wildcard-ref-type',
            pin,
            `admits any ref type named \`${named}\`: a tag of that name, which anyone who can push can create, matches too (pin \`ref_type:branch\`)`,
          ),
        ];
      if (anyOf.length > 0 && !isProtected)
        return [
          concern(
            'caution',
            'wildcard-ref',
            pin,
            `admits any ${eitherOf(anyOf)} of the project, protected or not: anyone who can push can create one (require \`ref_protected\`)`,
          ),
        ];
      if (loose === null && !isProtected)
        return [
          concern(
            'caution',
            'wildcard-ref',
            pin,
            'admits every ref of the project that matches the wildcard, protected or not (require `ref_protected`)',
          ),
        ];
      if (!isProtected)
        return [
          concern(
            'caution',
            'wildcard-ref',
            pin,
            `admits every ${types} whose name matches \`${loose?.[2] ?? ''}\`, which anyone who can push can create (require \`ref_protected\`)`,
          ),
        ];
      const protectedRefs =
        anyOf.length > 0
          ? `any protected ${eitherOf(anyOf)} of the project`
          : loose === null
            ? 'every protected ref of the project that matches the wildcard'
            : `every protected ${types} whose name matches \`${loose[2] ?? ''}\``;
      return [concern('caution', 'wildcard-ref', pin, `admits ${protectedRefs}`)];
    }
    const out: OidcConcern[] = [];
    if (pin.value.startsWith('project_path:') && !has('project_id'))
      out.push(
        concern(
          'caution',
          'name-based',
          pin,
          'names the project by its path, which a renamed or recreated project can reuse (pin `project_id` too)',
        ),
      );
    if (/:ref_type:tag:/.test(pin.value) && !has('ref_protected'))
      out.push(
        concern(
          'caution',
          'tag-ref',
          pin,
          'pins a tag, which anyone who can push can create or move (require `ref_protected`)',
        ),
      );
    return out;
  },
  circleci(written, _has, _subs, conditions) {
    // The issuer `oidc.circleci.com/org/<id>` signs the tokens of that organization only, each
    // subject starting `org/<id>/`: an organization segment is read as what it admits of that one.
    const issuer = /^oidc\.circleci\.com\/org\/([^/]+)$/i.exec(conditions.host)?.[1]?.toLowerCase();
    const segment = /^org\/([^/]*)\//.exec(written.value)?.[1];
    if (issuer === undefined || segment === undefined || segment.toLowerCase() === issuer)
      return circleciSubject(written);
    if (!written.like || !matchWildcard(segment.toLowerCase(), issuer))
      return [
        concern(
          'caution',
          'other-organization',
          written,
          `names organization \`${segment}\`, yet every token of the issuer starts \`org/${issuer}/\`: it never matches`,
        ),
      ];
    const pin = { ...written, value: `org/${issuer}/${written.value.slice(`org/${segment}/`.length)}` };
    return circleciSubject(pin, written);
  },
  bitbucket(pin) {
    if (pin.like && /^[*?]/.test(pin.value))
      return [concern('dangerous', 'wildcard-repo', pin, 'admits every repository of the workspace')];
    const segments = pin.value.split(':');
    const named = segments.find((s) => !/^\{[^}]*\}$/.test(s) && !(pin.like && hasWildcard(s)));
    if (named !== undefined)
      return [
        concern(
          'caution',
          'name-based',
          pin,
          `has segment \`${named}\` where the token carries a \`{uuid}\`: it never matches`,
        ),
      ];
    if (!pin.like || !hasWildcard(pin.value))
      return [concern('caution', 'volatile-sub', pin, 'pins the step uuid, which changes on every run')];
    if (segments.length < 3)
      return [
        concern('caution', 'repo-wide', pin, 'admits every step of the repository, in any deployment environment'),
      ];
    return [];
  },
  eks(pin, _has, subs) {
    // `system:serviceaccount:<namespace>:<service account>`: AWS documents a wildcard for the
    // service accounts of one namespace; one in the namespace admits namespaces nobody reviewed.
    const account = /^system:serviceaccount:([^:]*)(?::(.*))?$/.exec(pin.value);
    if (account === null)
      return pin.like && hasWildcard(pin.value)
        ? [concern('dangerous', 'wildcard', pin, 'has a wildcard outside a service account pin')]
        : [];
    const namespace = account[1] ?? '';
    if (!wild(pin, namespace)) {
      // Every service account of one namespace: AWS documents `StringLike` `...:sub` =
      // `system:serviceaccount:<namespace>:*` for it
      // (https://docs.aws.amazon.com/eks/latest/userguide/associate-service-account-role.html).
      // The namespace is the boundary Kubernetes RBAC draws, as the repository is for GitHub, so
      // this is the residual risk of `repo:org/repo:ref:refs/heads/*`, not the open door of
      // `repo:org/*`: whoever may create a service account or a pod in that namespace, and any
      // other workload of it, gets the role. A `StringEquals` on the subject beside it (a separate
      // clause, so both must hold) pins one service account.
      const serviceAccount = account[2];
      const pinnedElsewhere = subs.some((other) => !other.like);
      if (serviceAccount === undefined || !wild(pin, serviceAccount) || pinnedElsewhere) return [];
      const which = /^[*?]*$/.test(serviceAccount) ? '' : ` whose name matches \`${serviceAccount}\``;
      return [
        concern(
          'caution',
          'any-service-account',
          pin,
          `admits every service account of namespace \`${namespace}\`${which}, including ones created later: anyone who may create a service account or pod there gets the role`,
        ),
      ];
    }
    if (/^[*?]*$/.test(namespace))
      return [
        concern(
          'dangerous',
          'any-namespace',
          pin,
          'admits the service accounts of every namespace of the cluster, including namespaces created later',
        ),
      ];
    return [concern('caution', 'namespace-wildcard', pin, 'admits every namespace whose name matches the wildcard')];
  },
  buildkite(pin, _has, _subs, conditions) {
    // `organization:<org>:pipeline:<pipeline>:ref:<ref>:commit:<sha>:step:<key>`; every Buildkite
    // organization gets its tokens from the one issuer, so the organization is the tenant. Buildkite
    // documents a subject open after the organization with session tags from the token pinning the
    // rest (`aws:RequestTag/pipeline_slug`, `aws:RequestTag/build_branch`, ...).
    if (!pin.like || !hasWildcard(pin.value)) return [];
    const tagged = (...names: string[]): boolean => names.some((name) => pinnedTag(conditions, name));
    const org = /^organization:([^:*?]+):/.exec(pin.value)?.[1];
    if (org === undefined && !tagged('organization_slug', 'organization_id'))
      return [
        concern(
          'dangerous',
          'any-organization',
          pin,
          'admits the pipelines of other Buildkite organizations (every organization shares the issuer)',
        ),
      ];
    const build = (pipeline: string, ref: string): string => buildkiteBuild(pipeline, ref, org ?? PROBE);
    const pipelineTagged = tagged('pipeline_slug', 'pipeline_id');
    if (!pipelineTagged && admits(pin, build(PROBE, 'refs/heads/main')))
      return [concern('dangerous', 'wildcard-pipeline', pin, 'admits every pipeline of the organization')];
    const written = /^organization:[^:]+:pipeline:([^:]*)/.exec(pin.value)?.[1];
    if (!pipelineTagged && written !== undefined && hasWildcard(written))
      return [concern('caution', 'wildcard-pipeline', pin, `admits every pipeline whose slug matches \`${written}\``)];
    const pipeline = pipelineTagged || written === undefined ? PROBE : written;
    // A pull request build is a build of its branch (a fork's branch, `<owner>:<branch>`, where the
    // pipeline builds forks): its `ref` is `refs/heads/<branch>`, and no claim tells it apart.
    if (!tagged('build_branch') && admits(pin, build(pipeline, `refs/heads/${PROBE}`)))
      return [
        concern(
          'dangerous',
          'pull-request',
          pin,
          'admits builds of every branch of the pipeline, and a pull request build is a build of its branch: unreviewed code can assume the role (pin `ref:refs/heads/main` in the subject or `aws:RequestTag/build_branch`)',
        ),
      ];
    return [];
  },
  spacelift(pin) {
    // `space:<space>:(stack|module):<id>:run_type:<type>:scope:<read|write>`; the issuer is the
    // Spacelift account's own host.
    if (!pin.like || !hasWildcard(pin.value)) return [];
    const run = (space: string): string => `space:${space}:stack:${PROBE}:run_type:TRACKED:scope:write`;
    if (admits(pin, run(PROBE)))
      return [
        concern('dangerous', 'wildcard-stack', pin, 'admits every stack and module of every space of the account'),
      ];
    const space = /^space:([^:*?]+):/.exec(pin.value)?.[1];
    if (space !== undefined && admits(pin, run(space)))
      return [concern('caution', 'wildcard-stack', pin, 'admits every stack and module of the space')];
    return [];
  },
  pulumi(pin, has) {
    // `pulumi:deploy:org:<org>:project:<project>:stack:<stack>:...` (Deployments),
    // `pulumi:environments:org:<org>:env:<project>/<environment>` (ESC); every Pulumi organization
    // gets its tokens from the one issuer, its name in `aud`.
    if (!pin.like || !hasWildcard(pin.value)) return [];
    const m = /^pulumi:([a-z-]+):org:([^:*?]+):/.exec(pin.value);
    if (m === null && !has('aud'))
      return [
        concern(
          'dangerous',
          'any-organization',
          pin,
          'admits the stacks and environments of other Pulumi organizations (every organization shares the issuer)',
        ),
      ];
    const [, service = '', org = PROBE] = m ?? [];
    const probes =
      service === 'deploy'
        ? [`pulumi:deploy:org:${org}:project:${PROBE}:stack:${PROBE}:operation:update:scope:write`]
        : service === 'environments'
          ? [`pulumi:environments:org:${org}:env:${PROBE}/${PROBE}`]
          : [
              `pulumi:deploy:org:${org}:project:${PROBE}:stack:${PROBE}:operation:update:scope:write`,
              `pulumi:environments:org:${org}:env:${PROBE}/${PROBE}`,
            ];
    if (probes.some((probe) => admits(pin, probe)))
      return [
        concern(
          'dangerous',
          'wildcard-project',
          pin,
          'admits the stacks or environments of every project of the organization',
        ),
      ];
    return [];
  },
  'azure-devops'(pin) {
    // `sc://<organization>/<project>/<service connection>`; the issuer is the organization's own.
    if (!pin.like || !hasWildcard(pin.value)) return [];
    if (!/^sc:\/\/[^/*?]+\/[^/*?]+\//.test(pin.value))
      return [
        concern(
          'dangerous',
          'wildcard-project',
          pin,
          'admits the service connections of every project of the organization',
        ),
      ];
    return [concern('caution', 'wildcard-connection', pin, 'admits every service connection of the project')];
  },
  env0(pin) {
    // One subject per env zero organization (`auth0|<id>`), one issuer and audience for all of them.
    if (!pin.like || !hasWildcard(pin.value)) return [];
    return [
      concern(
        'dangerous',
        'any-organization',
        pin,
        'admits the deployments of other env zero organizations (every organization shares the issuer and has one subject)',
      ),
    ];
  },
  codefresh(pin) {
    // `account:<account id>:pipeline:<pipeline id>:...` (and the trigger's claims after it); every
    // Codefresh account gets its tokens from the one issuer, `oidc.codefresh.io`.
    return sharedIssuerAccount(pin, {
      others: 'admits the pipelines of other Codefresh accounts (every account shares the issuer)',
      probe: (account) => `account:${account}:pipeline:${PROBE}:initiator:${PROBE}`,
      pattern: 'wildcard-pipeline',
      every: 'admits every pipeline of the Codefresh account',
    });
  },
  scalr(pin) {
    // `account:<account>:environment:<environment>:workspace:<workspace>:run_phase:<plan|apply>`;
    // every Scalr account gets its tokens from the one issuer, `scalr.io`.
    return sharedIssuerAccount(pin, {
      others: 'admits the workspaces of other Scalr accounts (every account shares the issuer)',
      probe: (account) => `account:${account}:environment:${PROBE}:workspace:${PROBE}:run_phase:apply`,
      pattern: 'wildcard-workspace',
      every: 'admits every environment and workspace of the Scalr account',
    });
  },
  vercel(pin) {
    // `owner:<team>:project:<project>:environment:<production|preview|development>`; the issuer is
    // the team's (`oidc.vercel.com/<team>`), or the global one with the team in `aud`.
    if (!pin.like || !hasWildcard(pin.value)) return [];
    const owner = /^owner:([^:*?]+):/.exec(pin.value)?.[1];
    if (owner === undefined) return [];
    if (admits(pin, `owner:${owner}:project:${PROBE}:environment:production`))
      return [
        concern('dangerous', 'wildcard-project', pin, 'admits every project of the Vercel team, including new ones'),
      ];
    const project = /^owner:[^:]+:project:([^:*?]+):/.exec(pin.value)?.[1] ?? '';
    if (admits(pin, `owner:${owner}:project:${project}:environment:preview`))
      return [
        concern(
          'caution',
          'preview',
          pin,
          'admits preview deployments, built from every branch pushed to the project (pin `environment:production`)',
        ),
      ];
    return [];
  },
  flyio(pin) {
    // `<organization>:<app>:<machine>`; the issuer is the organization's own (`oidc.fly.io/<org>`).
    if (!pin.like || !hasWildcard(pin.value)) return [];
    const org = /^([^:*?]+):/.exec(pin.value)?.[1];
    if (org !== undefined && admits(pin, `${org}:${PROBE}:${PROBE}`))
      return [
        concern(
          'dangerous',
          'wildcard-app',
          pin,
          'admits the machines of every app of the Fly.io organization, including new ones',
        ),
      ];
    return [];
  },
  'terraform-cloud'(pin, _has, _subs, conditions) {
    // Every HCP Terraform organization gets its tokens from the one issuer; every organization
    // of a Terraform Enterprise instance from the instance's.
    if (pin.like && hasWildcard(pin.value) && !/^organization:[^:*?]+:/.test(pin.value))
      return [
        concern(
          'dangerous',
          'any-organization',
          pin,
          HCP_TERRAFORM.has(conditions.host.toLowerCase())
            ? 'admits the workspaces of other HCP Terraform organizations (every organization shares the issuer)'
            : 'admits the workspaces of every organization of the Terraform Enterprise instance, including new ones',
        ),
      ];
    // A workspace name is unique in its organization (and a project name holds no colon), so a
    // wildcard for the project alone still names one workspace: only its run phase may be open.
    const workspace = /^organization:[^:*?]+:project:(?:[^:*?]+|\*):workspace:[^:*?]+:run_phase:([^:]*)$/.exec(
      pin.value,
    );
    if (pin.like && workspace !== null) {
      const open = ['plan', 'apply'].every((phase) => matchWildcard(workspace[1] ?? '', phase));
      if (!open) return [nameBased(pin)];
    }
    if (pin.like && hasWildcard(pin.value)) {
      const phase =
        workspace !== null ||
        (/:run_phase:[*?]*$/.test(pin.value) && !hasWildcard(pin.value.replace(/:run_phase:[*?]*$/, '')));
      return [
        concern(
          'dangerous',
          phase ? 'run-phase-wildcard' : 'wildcard-workspace',
          pin,
          phase
            ? 'admits both the plan and the apply phase: the plan of an unreviewed change (a speculative plan of a pull request) gets what apply may do; trust `run_phase:apply` here and give plans a role of their own'
            : terraformScope(pin),
        ),
      ];
    }
    return [nameBased(pin)];
  },
};

const noSubject: OidcConcern = {
  grade: 'dangerous',
  pattern: 'no-subject',
  detail: 'no condition pins the token subject',
};

function withoutSubject(provider: CiProvider, conditions: OidcConditions): OidcConcern[] {
  const only = (claim: string): readonly Pin[] => conditions.claims.get(claim) ?? [];
  if (provider === 'github') return githubWithoutSubject(conditions) ?? [noSubject];
  if (provider === 'gitlab') return gitlabWithoutSubject(conditions) ?? [noSubject];
  if (provider === 'circleci' && only('oidc.circleci.com/project-id').length > 0)
    return [
      {
        grade: 'caution',
        pattern: 'project-wide',
        detail: 'only the project is pinned: every user, branch and SSH rerun of it can assume the role',
      },
    ];
  return [noSubject];
}

/**
 * A GitLab statement pinned by the claims its tokens carry beside `sub` (`project_id`,
 * `project_path`, `namespace_id`, `namespace_path`) instead of `sub`; undefined when none is.
 */
function gitlabWithoutSubject(conditions: OidcConditions): OidcConcern[] | undefined {
  const only = (claim: string): readonly Pin[] => conditions.claims.get(claim) ?? [];
  const open = (pins: readonly Pin[]): Pin | undefined => pins.find((p) => p.like && hasWildcard(p.value));
  const named = (pins: readonly Pin[]): string => pins.map((p) => `\`${p.value}\``).join(' or ');
  const projects = [...only('project_id'), ...only('project_path')];
  const namespaces = [...only('namespace_id'), ...only('namespace_path')];
  const wildProject = open(projects);
  if (projects.length === 0 || wildProject !== undefined) {
    if (namespaces.length === 0) return wildProject === undefined ? undefined : [projectPattern(wildProject)];
    // A namespace is the group or user the project sits in directly, as the GitHub owner is: every
    // project of it, those created later included, gets a token that matches.
    const wildNamespace = open(namespaces);
    return [
      wildNamespace === undefined
        ? {
            grade: 'dangerous',
            pattern: 'org-wide',
            detail: `only the namespace is pinned (${named(namespaces)}): any project of it, including new ones, can assume the role`,
          }
        : {
            grade: 'dangerous',
            pattern: 'org-wide',
            value: wildNamespace.value,
            detail: `namespace pattern \`${wildNamespace.value}\` admits any project of every namespace whose path matches, including new ones`,
          },
    ];
  }
  // One project with no ref pinned: any of its branches or tags, as a subject `:ref_type:*:ref:*` admits.
  const isProtected = only('ref_protected').some((p) => p.value.toLowerCase() === 'true');
  return [
    {
      grade: 'caution',
      pattern: 'wildcard-ref',
      detail: isProtected
        ? `only the project is pinned (${named(projects)}): any protected branch or tag of it can assume the role`
        : `only the project is pinned (${named(projects)}): any branch or tag of it, protected or not, can assume the role, and anyone who can push can create one (require \`ref_protected\`)`,
    },
  ];
}

/** A GitLab project key holding a wildcard, with no namespace beside it. */
function projectPattern(pin: Pin): OidcConcern {
  return {
    grade: 'dangerous',
    pattern: 'wildcard-group',
    value: pin.value,
    detail: `project pattern \`${pin.value}\` admits every project whose id or path matches, including new ones`,
  };
}

/**
 * A GitHub statement pinned by the claims AWS offers as keys of their own (`job_workflow_ref`,
 * `repository`, `repository_id`, `repository_owner`, `repository_owner_id`, `enterprise_id`)
 * instead of `sub`; undefined when none is pinned.
 */
function githubWithoutSubject(conditions: OidcConditions): OidcConcern[] | undefined {
  const only = (claim: string): readonly Pin[] => conditions.claims.get(claim) ?? [];
  const guards = githubRefGuards(conditions);
  const pullRequest = (what: string): OidcConcern => ({
    grade: 'dangerous',
    pattern: 'pull-request',
    detail: `${what}: its \`pull_request\` runs, unreviewed code, can assume the role`,
  });
  const workflows = only('job_workflow_ref');
  if (workflows.length > 0)
    return workflows.flatMap((p): OidcConcern[] => {
      // `owner/repo/.github/workflows/deploy.yml@*` also matches the workflow as a pull request changed it.
      const { path } = splitWorkflow(p.value);
      const across = workflowAcrossRepositories(p, p.value, githubRepositoryByKey(conditions));
      if (across !== undefined)
        return [
          {
            grade: 'dangerous',
            pattern: 'wildcard',
            value: p.value,
            detail: `workflow pattern \`${p.value}\` admits the workflows of every repository whose name matches \`${across}\`, including new ones`,
          },
        ];
      const repository = workflowRepository(path);
      if (!guards.pullRequest && admits(p, `${path}@refs/pull/${PROBE}/merge`)) {
        const callers = wild(p, repository) ? undefined : otherCallers(conditions, repository);
        return callers === undefined
          ? [{ ...pullRequest(`workflow pattern \`${p.value}\` admits any ref`), value: p.value }]
          : [
              {
                grade: 'dangerous',
                pattern: 'pull-request',
                value: p.value,
                detail: `workflow pattern \`${p.value}\` ${callerChoosesRef(p, path, callers)}`,
              },
            ];
      }
      const atCommit = SHA.test(p.value) && !(p.like && hasWildcard(p.value));
      const callerPinned = githubCallerPinned(conditions);
      if (atCommit) return callerPinned ? [] : [anyCaller(p.value, path, atCommitWords(path))];
      const refs = workflowRefs(p, p.value);
      // One workflow at one branch or tag, called by one repository pinned at one ref or
      // environment: what a subject `repo:<caller>:environment:<env>` beside it admits, which
      // is no finding; the workflow's branch is the code its owners merge, as the caller's is.
      if (refs === undefined && guards.branch && githubRepositoryByKey(conditions)) return [];
      const notOne = admitsAnyCommit(p, path) ? '' : ', not one commit';
      const words =
        refs !== undefined
          ? `reusable workflow pattern \`${p.value}\` admits ${refs} that its caller names${notOne}`
          : `reusable workflow \`${p.value}\` is pinned to a branch or tag, not a commit`;
      if (!callerPinned) return [anyCaller(p.value, path, words)];
      return [{ grade: 'caution', pattern: 'mutable-ref-pin', value: p.value, detail: words }];
    });
  const ids = only('repository_id');
  const names = only('repository');
  if (ids.length + names.length > 0) {
    const open = ids.length === 0 ? names.find((p) => p.like && hasWildcard(p.value)) : undefined;
    if (open !== undefined)
      return [
        {
          grade: 'dangerous',
          pattern: 'org-wide',
          value: open.value,
          detail: `repository \`${open.value}\` admits every repository whose name matches, including new ones`,
        },
      ];
    if (!guards.pullRequest) return [pullRequest('only the repository is pinned, not the ref or environment')];
    if (!guards.branch)
      return [
        {
          grade: 'caution',
          pattern: 'wildcard-ref',
          detail:
            'the repository is pinned, the ref only by a pattern: every branch or tag that matches can assume the role',
        },
      ];
    return [];
  }
  const owners = [...only('repository_owner'), ...only('repository_owner_id')];
  if (owners.length > 0)
    return [
      {
        grade: 'dangerous',
        pattern: 'org-wide',
        detail: `only the owner is pinned (${owners.map((p) => `\`${p.value}\``).join(' or ')}): every repository of it, including new ones, can assume the role`,
      },
    ];
  if (only('enterprise_id').length > 0)
    return [
      {
        grade: 'dangerous',
        pattern: 'enterprise-wide',
        detail:
          'only the enterprise is pinned: every repository of its organizations, including new ones, can assume the role',
      },
    ];
  return undefined;
}
