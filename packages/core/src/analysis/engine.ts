/**
 * The guard engine: parses every policy of a scan input, runs the enabled rules on it, builds
 * findings (location, principal, severity from the configuration, fingerprint), then applies
 * suppressions and the baseline. Pure: no file system, no process.
 */
import { isManagedPolicyArn } from '../catalog/managed-policies';
import { guessPolicyType } from '../model/guess-type';
import type { PolicyType, Result, Policy, Statement } from '../model/policy';
import { parsePolicy, withDuplicateKeys } from '../model/parse';
import { escapePointerToken, pointerTokens } from '../model/pointer';
import { isSymbolic, valueToString } from '../model/symbolic';
import type { PolicyValue } from '../model/symbolic';
import type { AttachedPolicy, PolicySource, PrincipalInput, ScanInput, SourceLocation } from './input';
import type { Finding, GuardResult, ReportError, RuleId, Severity, SuppressedFinding, Summary } from './finding';
import { SEVERITIES } from './finding';
import type { ActionCatalog } from './catalog-view';
import { defaultCatalog } from './default-catalog';
import { catalogPolicySource, managedPolicyName } from './catalog-attachment';
import { hasBeforeVersions, planChanges } from './changes';
import { permissionViews } from './views';
import type { PermissionQueries } from './permissions';
import { namesOneRegionCall } from '../catalog/requested-region';
import { NO_PRINCIPAL, guardrailLevels, principalPermissions } from './permissions';
import { canonicalJson, digestOf, fingerprintOf } from './fingerprint';
import { bothChoices, choiceKey, choiceSuffix, mergedChoices } from './choices';
import type { DeployChoice } from './choices';
import { PolicyUses } from './policy-uses';
import type {
  AccountSubject,
  AnyRule,
  PolicySubject,
  PrincipalSubject,
  ReportDescriptor,
  RuleContext,
  UnverifiableDescriptor,
} from '../rules/rule';
import { categoryOf, formatMessage } from '../rules/rule';
import { RULES, getRule } from '../rules/index';
import type { GuardConfig, ResolvedConfig } from '../config/types';
import { ConfigError, resolveConfig } from '../config/resolve';
import { applySuppressions } from '../config/suppress';
import type { Baseline } from '../config/baseline';

/** Options of {@link runGuard}. */
export interface GuardOptions {
  /** Today, for suppression expiry (default: the current date). */
  readonly now?: Date;
  /** Fingerprints accepted on an earlier run. */
  readonly baseline?: Baseline;
  /** The action catalog (default: the bundled AWS catalog when available). */
  readonly catalog?: ActionCatalog;
  /** Called with each report and the message id it used (rule example tests, docs). */
  readonly observe?: (report: { readonly finding: Finding; readonly messageId: string }) => void;
  /** Also compute each principal's permission view (`GuardResult.principals`, HTML report). */
  readonly views?: boolean;
}

/**
 * A finding before suppressions, with what suppressions match on. Internal to the engine and
 * config/suppress.ts.
 */
export interface DraftFinding {
  readonly finding: Finding;
  /** Ids a suppression `target` may name: principal, resource, address, logical id, path. */
  readonly targets: readonly string[];
  readonly sid: string | undefined;
  /** Actions the finding is about (from `evidence.actions`). */
  readonly actions: readonly string[];
}

/**
 * The input with the document of each permissions boundary that is an AWS managed policy the
 * adapter could not give (`arn:aws:iam::aws:policy/PowerUserAccess`), from the catalog: such a
 * boundary caps like any other.
 */
function withCatalogBoundaries(input: ScanInput, catalog: ActionCatalog): ScanInput {
  if (catalog.awsManagedPolicy === undefined) return input;
  const resolve = (principal: PrincipalInput): PrincipalInput => {
    const boundary = principal.permissionsBoundary;
    const arn = boundary?.arn;
    if (boundary === undefined || boundary.policy !== undefined || typeof arn !== 'string') return principal;
    if (!isManagedPolicyArn(arn)) return principal;
    const document = catalog.awsManagedPolicy?.(arn);
    if (document === undefined) return principal;
    return {
      ...principal,
      permissionsBoundary: {
        arn,
        policy: { id: arn, name: managedPolicyName(arn), document, location: principal.location },
      },
    };
  };
  return input.principals.some((p) => resolve(p) !== p)
    ? { ...input, principals: input.principals.map(resolve) }
    : input;
}

/** Runs the rules on a scan input; `config` is the user configuration object (validated here). */
export function runGuard(
  input: ScanInput,
  config?: GuardConfig | ResolvedConfig,
  options: GuardOptions = {},
): GuardResult {
  const resolved = toResolved(config);
  const catalog = options.catalog ?? defaultCatalog();
  const run = new Run(resolved, catalog, options.observe);
  input = withCatalogBoundaries(input, catalog);
  run.scan(input);
  run.nameSides();
  // Suppressions recorded in the input (CDK metadata) apply like the configuration's.
  const suppressions = [...resolved.suppressions, ...(input.suppressions ?? [])];
  const { active, suppressed } = applySuppressions(
    run.drafts,
    suppressions,
    options.baseline,
    options.now ?? new Date(),
  );
  const findings = sortFindings(active);
  const kept = sortFindings<SuppressedFinding>(suppressed);
  const errors: ReportError[] = input.errors.map((e) => ({
    file: e.file,
    ...(e.pointer !== undefined ? { pointer: e.pointer } : {}),
    message: e.message,
  }));
  return {
    findings,
    suppressed: kept,
    errors,
    summary: summarize(findings, kept),
    statements: run.statements,
    ...(hasBeforeVersions(input) ? { changes: planChanges(input, catalog) } : {}),
    ...(options.views === true ? { principals: permissionViews(input, catalog) } : {}),
  };
}

function toResolved(config: GuardConfig | ResolvedConfig | undefined): ResolvedConfig {
  if (config !== undefined && 'severities' in config && config.severities instanceof Map) return config;
  const result = resolveConfig(config ?? {});
  if (!result.ok) throw new ConfigError(result.issues);
  return result.value;
}

/** Counts of a finished result. */
function summarize(findings: readonly Finding[], suppressed: readonly SuppressedFinding[]): Summary {
  const count = (s: Severity): number => findings.filter((f) => f.severity === s).length;
  return { error: count('error'), warning: count('warning'), info: count('info'), suppressed: suppressed.length };
}

function sortFindings<T extends Finding>(findings: readonly T[]): T[] {
  const key = (f: Finding): string =>
    [
      SEVERITIES.indexOf(f.severity),
      f.principal ?? '',
      f.location.file ?? '',
      f.location.address ?? '',
      f.location.logicalId ?? '',
      f.ruleId,
      f.location.pointer ?? '',
      f.fingerprint,
    ].join('\u0000');
  // Keys built once per finding, not per comparison.
  const keyed = findings.map((finding) => ({ finding, key: key(finding) }));
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return keyed.map((k) => k.finding);
}

// Rules that the engine itself reports.
const UNRESOLVED: RuleId = 'unverifiable/unresolved-policy';
const UNKNOWN: RuleId = 'unverifiable/unknown-value';
const FAILURE: RuleId = 'unverifiable/rule-failure';

/** One run of the engine over one input. */
class Run {
  readonly drafts: DraftFinding[] = [];
  readonly statements = new Map<string, unknown>();
  // Findings on statements an adapter made from one written statement (a template's `Fn::If`
  // branches: a `Federated` principal that is a new provider or a parameter): one that says the
  // same at the same place as an earlier one is the same finding to the reader, reported once.
  // Each is kept with the deploy choices (`statementChoices`) it was found under, so that a finding
  // on only some sides of a choice names them, and one on every side names none.
  private readonly variantFindings = new Map<string, VariantFinding>();
  // Parsed policies, by document then type, kept only while a later subject still needs them: a
  // policy attached to many principals is parsed once, one used once is not retained after its
  // principal (uses counted up front, see `countUses`).
  private readonly parsed = new Map<unknown, Map<PolicyType, Result<Policy>>>();
  private readonly uses = new Map<unknown, number>();
  private readonly managed = new Map<string, unknown>();
  // JSON text documents decoded once (only documents with findings are decoded: to fingerprint
  // and show the statement).
  private readonly decodedTexts = new Map<string, unknown>();
  private readonly canonicalDigests = new WeakMap<object, string>();
  // The canonical texts of the statements findings are said on again (see `sidesDigest`), and a
  // number for each, by which the digest of a set of sides is kept.
  private readonly canonicalTexts = new WeakMap<object, { readonly text: string; readonly id: number }>();
  private readonly sidesDigests = new Map<string, string>();
  private canonicalIds = 0;
  // Policies found at the same place as another policy of their principal (the inline policies of
  // one CloudFormation role, a Terraform role's `inline_policy` blocks): how a finding names the
  // one it is in (`inline policy \`reads\``), as the location and the pointer cannot tell them apart.
  private readonly sharedPlace = new WeakMap<PolicySource, string>();
  // The rules of each kind of check, resolved once per run instead of filtering every rule on
  // every subject: policy rules by what the subject is (`rulesOfPolicy`), principal rules by kind.
  private readonly policyRules = new Map<PolicyType, (readonly RuleSlot[] | undefined)[]>();
  private readonly principalRules = new Map<string, readonly RuleSlot[]>();
  private readonly slots: readonly RuleSlot[];
  // The customer managed policies of the input by ARN text, made when a rule first asks (few
  // inputs have a rule that does; the ARN of every policy made text for none was a measurable
  // share of the guard on large plans).
  private inputPolicies: Map<string, unknown> | undefined;
  private input: ScanInput | undefined;
  private policyUses: PolicyUses | undefined;
  private groups: readonly PrincipalInput[] = [];
  private account: AccountSubject | undefined;
  // Permission views of principals an account check asks about, built on demand (see `permissionsOf`).
  private readonly views = new WeakMap<PrincipalInput, PermissionQueries>();
  // One function for every rule of the run: account checks may key what they compute once per run on it.
  private readonly viewOf = (principal: PrincipalInput): PermissionQueries => this.permissionsOf(principal);
  // What the rule running now is looking at: rules report through one context each, made once
  // per run, that reads the current subject from here (checks are synchronous, one at a time).
  private scope: Scope = { anchor: undefined, subject: undefined, principal: undefined, permissions: NO_PRINCIPAL };

  // The Deny statements of the configuration's service control policies, as the SCP level of every
  // principal's effective permissions (undefined without any).
  private readonly scps: readonly (readonly Policy[])[] | undefined;

  constructor(
    private readonly config: ResolvedConfig,
    private readonly catalog: ActionCatalog,
    private readonly observe: GuardOptions['observe'],
  ) {
    // Validated when the configuration was read: a document that does not parse is left out there.
    this.scps = guardrailLevels(
      config.settings.scps.flatMap((document) => {
        const parsed = parsePolicy(document, { type: 'scp' });
        return parsed.ok ? [parsed.value] : [];
      }),
    );
    this.slots = RULES.filter((r) => !r.meta.emittedByEngine && config.severities.has(r.meta.id)).map((rule) =>
      this.slotOf(rule),
    );
  }

  private slotOf(rule: AnyRule): RuleSlot {
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the context reads the run's current scope
    const run = this;
    const context: RuleContext<string> = {
      settings: this.config.settings,
      catalog: this.catalog,
      get permissions() {
        return run.scope.permissions;
      },
      inputPolicy: (arn) => this.inputPolicyIndex().get(valueToString(arn)),
      inputGroups: () => this.groups,
      inputAccount: () => this.account,
      permissionsOf: this.viewOf,
      scps: this.scps,
      report: (descriptor) => {
        this.fromRule(rule, this.anchor(), descriptor);
      },
      reportUnverifiable: (descriptor) => {
        this.unverifiable(rule, this.anchor(), descriptor);
      },
    };
    return { rule, context };
  }

  scan(input: ScanInput): void {
    this.countUses(input);
    this.groups = input.principals.filter((p) => p.kind === 'group');
    this.account = {
      settings: input.accountSettings ?? [],
      principals: input.principals,
      ...(input.workloads !== undefined ? { workloads: input.workloads } : {}),
    };
    // How the input uses the managed policies nothing attaches (asked only when it has some).
    if (input.policies.some((p) => p.arn !== undefined)) {
      this.policyUses = new PolicyUses();
      for (const principal of input.principals) this.policyUses.addBoundary(principal.permissionsBoundary?.arn);
    }
    this.input = input;
    for (const principal of input.principals) this.scanPrincipal(principal);
    for (const resource of input.resources) {
      // Removed by the change (see `PolicySource.document`): only what the plan changes reads it.
      if (resource.policy.document === null) continue;
      const subject = this.subject(resource.policy, 'resource', { resource });
      if (subject) this.checkPolicy(subject, NO_PRINCIPAL);
    }
    const standalones = input.policies
      // Deleted by the change (an SCP or RCP destroyed): only what the plan changes reads it.
      .filter((standalone) => standalone.policy.document !== null)
      .map((standalone) => ({
        standalone,
        subject: this.subject(standalone.policy, standalone.type ?? guessPolicyType(standalone.policy.document), {}),
      }));
    if (this.policyUses !== undefined)
      for (const { subject } of standalones)
        if (subject?.type === 'identity' && subject.parsed.ok)
          this.policyUses.addStatements(subject.parsed.value.statements);
    for (const { standalone, subject } of standalones) {
      if (subject === undefined) continue;
      const arn = standalone.arn;
      // A managed policy nothing attaches that the input uses as a permissions boundary grants
      // nothing: read as the boundary it is (and as a grant too when a condition lets it be attached).
      if (subject.type === 'identity' && arn !== undefined && this.policyUses?.isBoundary(arn) === true) {
        const document = standalone.policy.document;
        this.checkPolicy(
          { ...subject, type: 'boundary', parsed: parsePolicy(document, { type: 'boundary' }) },
          NO_PRINCIPAL,
        );
        if (!this.policyUses.isAttached(arn)) continue;
      }
      // A standalone identity policy is read as the only policy of some principal.
      this.checkPolicy(
        subject,
        subject.type === 'identity' ? principalPermissions([subject], undefined, this.scps) : NO_PRINCIPAL,
      );
    }
    this.scanAccount();
  }

  /** The customer managed policies of the input by ARN text, for `RuleContext.inputPolicy`. */
  private inputPolicyIndex(): Map<string, unknown> {
    const input = this.input;
    if (this.inputPolicies !== undefined || input === undefined)
      return this.inputPolicies ?? new Map<string, unknown>();
    const index = new Map<string, unknown>();
    this.inputPolicies = index;
    const add = (arn: PolicyValue | undefined, source: PolicySource | undefined): void => {
      if (arn === undefined || source?.document === undefined || source.unresolved !== undefined) return;
      const key = valueToString(arn);
      if (!index.has(key)) index.set(key, source.document);
    };
    for (const standalone of input.policies) add(standalone.arn, standalone.policy);
    for (const principal of input.principals) {
      add(principal.permissionsBoundary?.arn, principal.permissionsBoundary?.policy);
      for (const attachment of principal.policies)
        if (attachment.kind === 'managed') add(attachment.arn, attachment.policy);
    }
    return index;
  }

  /** How many subjects read each document of the input, so that `subject` knows when to let it go. */
  private countUses(input: ScanInput): void {
    const count = (source: PolicySource | undefined): void => {
      const document = source?.document;
      if (document !== undefined && source?.unresolved === undefined)
        this.uses.set(document, (this.uses.get(document) ?? 0) + 1);
    };
    for (const principal of input.principals) {
      for (const attachment of principal.policies) count(attachment.policy);
      count(principal.permissionsBoundary?.policy);
      count(principal.trustPolicy);
    }
    for (const resource of input.resources) count(resource.policy);
    for (const standalone of input.policies) count(standalone.policy);
  }

  /** Runs the account checks once: settings and principals of the whole input. */
  private scanAccount(): void {
    const subject = this.account;
    if (subject === undefined) return;
    const anchor: Anchor = { source: undefined, location: {}, principal: undefined, targets: [], document: undefined };
    this.scope = { anchor, subject: undefined, principal: undefined, permissions: NO_PRINCIPAL };
    for (const { rule, context } of this.slots) {
      if (!rule.checkAccount) continue;
      try {
        rule.checkAccount(context, subject);
      } catch (error) {
        this.failed(rule, error, 'the account');
      }
    }
  }

  private scanPrincipal(principal: PrincipalInput): void {
    // Rules that add up a principal's policies read them from `identityPolicies` instead of
    // parsing them again: each subject lists all of them (itself included).
    const identity: PolicySubject[] = [];
    for (const attachment of principal.policies) {
      const source = attachment.policy ?? this.awsManaged(attachment, principal);
      if (source === undefined) continue;
      const subject = this.subject(source, 'identity', { principal, attachment, identityPolicies: identity });
      if (subject) identity.push(subject);
    }
    this.nameSharedPlaces(principal);
    const boundarySource = principal.permissionsBoundary?.policy;
    const boundary = boundarySource ? this.subject(boundarySource, 'boundary', { principal }) : undefined;
    // What the principal holds weighs on who may assume it (a role anyone may assume allowed to write).
    const trust = principal.trustPolicy
      ? this.subject(principal.trustPolicy, 'trust', { principal, identityPolicies: identity })
      : undefined;
    // Answers are memoized per principal by the queries themselves (analysis/effective-queries.ts).
    const permissions = principalPermissions(identity, boundary, this.scps);
    for (const subject of identity) {
      if (this.policyUses !== undefined && subject.parsed.ok)
        this.policyUses.addStatements(subject.parsed.value.statements);
      this.checkPolicy(subject, permissions);
    }
    if (boundary) this.checkPolicy(boundary, permissions);
    if (trust) this.checkPolicy(trust, permissions);
    const rules = this.rulesOfPrincipal(principal.kind);
    if (rules.length === 0) return;
    const principalSubject: PrincipalSubject = { principal, identityPolicies: identity, boundary, trust };
    this.scope = { anchor: undefined, subject: undefined, principal, permissions };
    for (const { rule, context } of rules) {
      try {
        rule.checkPrincipal?.(context, principalSubject);
      } catch (error) {
        this.failed(rule, error, `${principal.kind} \`${principal.id}\``);
      }
    }
  }

  /**
   * The permission view of a principal for account checks, which run after every principal was
   * scanned and its parsed policies let go: its identity policies and boundary parsed again (only
   * for the principals asked about), with the configured SCPs, as `scanPrincipal` builds it.
   */
  private permissionsOf(principal: PrincipalInput): PermissionQueries {
    let view = this.views.get(principal);
    if (view !== undefined) return view;
    const identity: PolicySubject[] = [];
    for (const attachment of principal.policies) {
      const source = attachment.policy ?? this.awsManaged(attachment, principal);
      if (source === undefined || source.document === undefined || source.unresolved !== undefined) continue;
      const parsed = parsePolicy(source.document, { type: 'identity' });
      identity.push({ source, type: 'identity', parsed, principal, attachment, identityPolicies: identity });
    }
    const held = principal.permissionsBoundary?.policy;
    const boundary: PolicySubject | undefined =
      held?.document !== undefined && held.unresolved === undefined
        ? { source: held, type: 'boundary', parsed: parsePolicy(held.document, { type: 'boundary' }), principal }
        : undefined;
    view = principalPermissions(identity, boundary, this.scps);
    this.views.set(principal, view);
    return view;
  }

  /** Marks the identity policies of `principal` that share their location with another one. */
  private nameSharedPlaces(principal: PrincipalInput): void {
    // Places compared field by field: a principal has few policies, and a key string made per
    // policy was a measurable share of the guard's time on large plans.
    const places: { location: SourceLocation; sharing: { source: PolicySource; attachment: AttachedPolicy }[] }[] = [];
    for (const attachment of principal.policies) {
      const source = attachment.policy;
      // AWS managed policies are named in findings already (located where they are attached).
      if (source === undefined || isManagedPolicyArn(source.id)) continue;
      let place = places.find((p) => samePlace(p.location, source.location));
      if (place === undefined) places.push((place = { location: source.location, sharing: [] }));
      if (!place.sharing.some((s) => s.source.id === source.id)) place.sharing.push({ source, attachment });
    }
    for (const { sharing } of places) {
      // A label another principal set (the same source reached through a group) is not this one's.
      if (sharing.length < 2) {
        for (const { source } of sharing) this.sharedPlace.delete(source);
        continue;
      }
      for (const { source, attachment } of sharing) {
        const what = attachment.kind === 'inline' ? 'inline policy' : 'policy';
        const via =
          attachment.kind === 'group' && attachment.via !== undefined ? ` of group \`${attachment.via}\`` : '';
        this.sharedPlace.set(source, `${what} \`${source.name}\`${via}`);
      }
    }
  }

  private rulesOfPrincipal(kind: PrincipalInput['kind']): readonly RuleSlot[] {
    let rules = this.principalRules.get(kind);
    if (rules === undefined) {
      rules = this.slots.filter(({ rule }) => {
        const kinds = rule.meta.appliesTo.principals;
        return rule.checkPrincipal !== undefined && (kinds === undefined || kinds.includes(kind));
      });
      this.principalRules.set(kind, rules);
    }
    return rules;
  }

  /** The policy rules that run on a subject: by its type, whether it protects a resource and parses. */
  private rulesOfPolicy(subject: PolicySubject): readonly RuleSlot[] {
    const onResource = subject.resource !== undefined;
    const variant = (onResource ? 2 : 0) + (subject.parsed.ok ? 1 : 0);
    let variants = this.policyRules.get(subject.type);
    if (variants === undefined) this.policyRules.set(subject.type, (variants = []));
    let rules = variants[variant];
    if (rules === undefined) {
      rules = this.slots.filter(({ rule }) => {
        if (!rule.checkPolicy) return false;
        const { policyTypes, resources } = rule.meta.appliesTo;
        if (policyTypes && !policyTypes.includes(subject.type)) return false;
        if (onResource && resources === false) return false;
        return subject.parsed.ok || rule.meta.runsOnInvalidPolicies === true;
      });
      variants[variant] = rules;
    }
    return rules;
  }

  /** Why an AWS managed policy ARN has no document: not in the catalog, and what it likely means. */
  private notInCatalog(arn: string): string {
    const meant = this.catalog.suggestManagedPolicy?.(arn);
    const hint = meant === undefined ? '' : ` (did you mean \`${meant}\`?)`;
    return `aws managed policy \`${arn}\` is not in the catalog${hint}`;
  }

  /**
   * The AWS managed policy an attachment names by ARN alone, from the catalog (read once per ARN),
   * located at the principal that attaches it; unresolved when the catalog lacks it.
   */
  private awsManaged(attachment: AttachedPolicy, principal: PrincipalInput): PolicySource | undefined {
    const source = catalogPolicySource(attachment, (arn) => this.managedDocument(arn), principal.location);
    if (source === undefined || source.document !== undefined) return source;
    return { ...source, unresolved: { reason: this.notInCatalog(source.id), references: [source.id] } };
  }

  private managedDocument(arn: string): unknown {
    if (!this.managed.has(arn)) this.managed.set(arn, this.catalog.awsManagedPolicy?.(arn));
    return this.managed.get(arn);
  }

  /** Parses a policy source, or reports it unresolved and returns undefined. */
  private subject(
    source: PolicySource,
    type: PolicyType,
    owner: Pick<PolicySubject, 'principal' | 'resource' | 'attachment' | 'identityPolicies'>,
  ): PolicySubject | undefined {
    if (source.unresolved !== undefined || source.document === undefined) {
      if (source.unresolved?.inputError === true) return undefined;
      const reason = source.unresolved?.reason ?? 'its document is not in the input';
      const anchor = this.anchorOf({ source, type, parsed: { ok: false, issues: [] }, ...owner });
      // Held on some sides only (a policy created under a `Condition`, attached by an `Fn::If`): named.
      const held = writtenWhen(anchor);
      this.emit(UNRESOLVED, 'unresolved', { policy: source.name, reason }, anchor, {
        key: 'unresolved',
        ...(held === undefined ? {} : { choice: held }),
        evidence: { reason, references: source.unresolved?.references ?? [] },
      });
      return undefined;
    }
    const parsed = withDuplicateKeys(this.parse(source.document, type), source.duplicateKeys);
    return { source, type, parsed, ...owner };
  }

  private parse(document: unknown, type: PolicyType): Result<Policy> {
    // Documents not counted (AWS managed policies from the catalog) are few: kept for the run.
    const left = this.uses.get(document) ?? Infinity;
    let byType = this.parsed.get(document);
    const parsed = byType?.get(type) ?? parsePolicy(document, { type });
    if (left <= 1) {
      // Its last subject: nothing will ask for this document again.
      this.uses.delete(document);
      this.parsed.delete(document);
      return parsed;
    }
    if (left !== Infinity) this.uses.set(document, left - 1);
    if (!byType) this.parsed.set(document, (byType = new Map<PolicyType, Result<Policy>>()));
    byType.set(type, parsed);
    return parsed;
  }

  private checkPolicy(subject: PolicySubject, permissions: PermissionQueries): void {
    const start = this.drafts.length;
    this.runPolicyRules(subject, permissions);
    dropRedundant(this.drafts, start, subject.source.name);
  }

  private runPolicyRules(subject: PolicySubject, permissions: PermissionQueries): void {
    this.scope = { anchor: undefined, subject, principal: undefined, permissions };
    for (const { rule, context } of this.rulesOfPolicy(subject)) {
      try {
        rule.checkPolicy?.(context, subject);
      } catch (error) {
        this.failed(rule, error, `policy \`${subject.source.name}\``);
      }
    }
  }

  /** The anchor of the current scope, made when a rule first reports on it. */
  private anchor(): Anchor {
    const scope = this.scope;
    if (scope.anchor === undefined && scope.subject !== undefined) scope.anchor = this.anchorOf(scope.subject);
    if (scope.anchor === undefined && scope.principal !== undefined) scope.anchor = principalAnchor(scope.principal);
    return scope.anchor as Anchor;
  }

  private decoded(document: unknown): unknown {
    if (typeof document !== 'string') return document;
    if (!this.decodedTexts.has(document)) this.decodedTexts.set(document, decodeDocument(document));
    return this.decodedTexts.get(document);
  }

  private anchorOf(subject: PolicySubject): Anchor {
    const principal = subject.principal?.id;
    const targets = [
      ...(subject.principal ? principalTargets(subject.principal) : []),
      ...(subject.resource ? [subject.resource.id, ...locationTargets(subject.resource.location)] : []),
      subject.source.id,
      ...locationTargets(subject.source.location),
    ];
    return {
      source: subject.source,
      location: subject.source.location,
      principal,
      targets,
      document: this.decoded(subject.source.document),
      ...(subject.attachment?.deployedWhen === undefined ? {} : { attachedWhen: subject.attachment.deployedWhen }),
    };
  }

  /** Reports a check that threw, on what it was checking (fail closed). */
  private failed(rule: AnyRule, error: unknown, subjectName: string): void {
    const message = (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
    this.emit(FAILURE, 'failed', { rule: rule.meta.id, subject: subjectName, error: message }, this.anchor(), {
      key: rule.meta.id,
      evidence: { rule: rule.meta.id, error: message },
      forceSeverity: true,
    });
  }

  private fromRule(rule: AnyRule, anchor: Anchor, descriptor: ReportDescriptor<string>): void {
    const template = rule.meta.messages[descriptor.messageId];
    if (template === undefined) throw new Error(`unknown message id \`${descriptor.messageId}\``);
    const located = descriptor.location
      ? {
          ...anchor,
          location: descriptor.location,
          targets: [...anchor.targets, ...locationTargets(descriptor.location)],
        }
      : anchor;
    const policy = descriptor.policy;
    const at =
      policy === undefined
        ? located
        : {
            ...located,
            source: policy,
            document: this.decoded(policy.document),
            targets: [...located.targets, policy.id],
          };
    // A message reported at its own severity while the rule keeps its default severity.
    const raised = (rule.meta.messageSeverity as Readonly<Record<string, Severity>> | undefined)?.[
      descriptor.messageId
    ];
    const configured = this.config.severities.get(rule.meta.id);
    // A Region test read in `aws` because nothing named the partition: a finding at a statement
    // on IAM's or Organizations' calls says so, as it would read otherwise in `aws-cn` or
    // `aws-us-gov` (IAM answering outside `us-east-1` there); other services answer in every Region.
    // Likewise one read in the partition of the deployment's Region names that Region.
    const permissions = this.scope.permissions;
    const partitionTold =
      permissions !== NO_PRINCIPAL &&
      (permissions.partitionAssumed || permissions.partitionRegion !== undefined) &&
      descriptor.statement !== undefined &&
      namesOneRegionCall(descriptor.statement);
    const evidence = !partitionTold
      ? descriptor.evidence
      : permissions.partitionAssumed
        ? { ...descriptor.evidence, partition: permissions.partition, partitionAssumed: true }
        : { ...descriptor.evidence, partition: permissions.partition, partitionRegion: permissions.partitionRegion };
    this.build(rule.meta.id, formatMessage(template, descriptor.data), at, {
      ...(raised !== undefined && configured === rule.meta.defaultSeverity ? { severity: raised } : {}),
      messageId: descriptor.messageId,
      key: `${descriptor.messageId} ${descriptor.key ?? ''}`,
      statement: descriptor.statement,
      pointer: descriptor.pointer,
      principal: descriptor.principal,
      evidence,
      choice: descriptor.choice,
    });
  }

  private unverifiable(rule: AnyRule, anchor: Anchor, descriptor: UnverifiableDescriptor): void {
    this.emit(UNKNOWN, 'unknown', { rule: rule.meta.id, reason: descriptor.reason }, anchor, {
      key: `${rule.meta.id} ${descriptor.reason}`,
      statement: descriptor.statement,
      pointer: descriptor.pointer,
      evidence: {
        rule: rule.meta.id,
        ...(descriptor.values ? { values: descriptor.values } : {}),
        ...(descriptor.actions ? { actions: descriptor.actions } : {}),
      },
    });
  }

  private emit(
    id: RuleId,
    messageId: string,
    data: Readonly<Record<string, string>>,
    anchor: Anchor,
    extra: BuildExtra,
  ): void {
    const template = getRule(id)?.meta.messages[messageId] ?? '{{reason}}';
    this.build(id, formatMessage(template, data), anchor, { ...extra, messageId });
  }

  /**
   * The digest of a statement's `canonicalJson`, once per statement object: several rules report
   * on one statement, and one rule may report thousands of times on one large statement (an
   * unknown action each), which would otherwise hash the whole statement every time.
   */
  private canonical(raw: unknown): string {
    if (raw === null || typeof raw !== 'object') return digestOf(canonicalJson(raw));
    let digest = this.canonicalDigests.get(raw);
    if (digest === undefined) this.canonicalDigests.set(raw, (digest = digestOf(canonicalJson(raw))));
    return digest;
  }

  /**
   * The digest of `canonicalJson(sides)`, each side's text made once and each set of sides digested
   * once: a large statement written under `Fn::If` may carry thousands of findings said on both of
   * its sides, which would otherwise hash both whole at every one.
   */
  private sidesDigest(sides: readonly unknown[]): string {
    const texts = sides.map((side) => {
      if (side === null || typeof side !== 'object') return { text: canonicalJson(side), id: -1 };
      let known = this.canonicalTexts.get(side);
      if (known === undefined) {
        known = { text: canonicalJson(side), id: this.canonicalIds++ };
        this.canonicalTexts.set(side, known);
      }
      return known;
    });
    if (texts.some((t) => t.id < 0)) return digestOf(canonicalJson(sides));
    const key = texts
      .map((t) => t.id)
      .sort((a, b) => a - b)
      .join(',');
    let digest = this.sidesDigests.get(key);
    if (digest === undefined) {
      // The text `canonicalJson` makes of an array: its items' texts, sorted.
      digest = digestOf(
        `[${texts
          .map((t) => t.text)
          .sort()
          .join(',')}]`,
      );
      this.sidesDigests.set(key, digest);
    }
    return digest;
  }

  private build(ruleId: RuleId, message: string, anchor: Anchor, extra: BuildExtra): void {
    const configured = this.config.severities.get(ruleId) ?? (extra.forceSeverity ? 'error' : undefined);
    if (configured === undefined) return;
    const severity = extra.severity ?? configured;
    const pointer = extra.pointer ?? extra.statement?.pointer;
    const statementPointer =
      extra.statement?.pointer ?? (pointer !== undefined ? statementPointerOf(pointer) : undefined);
    const raw = statementPointer !== undefined ? valueAt(anchor.document, statementPointer) : undefined;
    const principal = extra.principal ?? anchor.principal;
    const written = pointer === undefined ? undefined : writtenPointer(anchor.source, pointer);
    const location: SourceLocation = { ...anchor.location, ...(written !== undefined ? { pointer: written } : {}) };
    // An AWS managed policy is located where it is attached (it has no place of its own in the
    // input): the finding names it, or a reader would look for the statement in the wrong place.
    const managed = raw !== undefined && anchor.source !== undefined && isManagedPolicyArn(anchor.source.id);
    // So is a policy that shares its place with another policy of the principal.
    const shared = raw !== undefined && anchor.source !== undefined ? this.sharedPlace.get(anchor.source) : undefined;
    const shown = managed
      ? `${message} (in AWS managed policy \`${anchor.source?.name ?? ''}\`)`
      : shared !== undefined
        ? `${message} (in ${shared})`
        : message;
    // A rule that combines statements names the sides they hold together on (an escalation path of
    // grants written on some sides only); otherwise the statement's sides, and those of its policy.
    const choice =
      extra.choice === 'every-deploy'
        ? undefined
        : (extra.choice ??
          (statementPointer === undefined
            ? undefined
            : bothChoices(choiceOf(anchor.source, statementPointer), writtenWhen(anchor))));
    const parts = [ruleId, principal ?? '', anchor.source?.id ?? '', extra.key ?? ''] as const;
    let variant: VariantFinding | undefined;
    if (anchor.source?.statementPointers !== undefined && written !== undefined) {
      // The place names the file and stack too: two templates scanned together may hold the same
      // logical ids (one app's template per stage), each written statement its own.
      const { file, stack, logicalId, address, constructPath } = anchor.location;
      const place = [file ?? '', stack ?? '', logicalId ?? '', address ?? '', constructPath ?? ''];
      const said = canonicalJson([
        ruleId,
        principal ?? '',
        anchor.source.id,
        ...place,
        writtenPlace(written),
        shown,
        extra.evidence ?? null,
      ]);
      const earlier = this.variantFindings.get(said);
      if (earlier !== undefined) {
        this.alsoFoundOn(earlier, raw, choice, anchor.source, written, statementPointer, writtenWhen(anchor));
        return;
      }
      variant = {
        message: shown,
        choices: choice === undefined ? undefined : new Map([[choiceKey(choice), choice]]),
        sides: raw === undefined ? [] : [raw],
        parts,
        draft: undefined,
      };
      this.variantFindings.set(said, variant);
    }
    const fingerprint = fingerprintOf([
      parts[0],
      parts[1],
      parts[2],
      raw !== undefined ? this.canonical(raw) : '',
      parts[3],
    ]);
    const finding: Finding = {
      ruleId,
      category: categoryOf(ruleId),
      severity,
      message: `${shown}${choiceSuffix(choice)}`,
      location,
      ...(principal !== undefined ? { principal } : {}),
      fingerprint,
      ...(extra.evidence !== undefined || managed || shared !== undefined
        ? {
            evidence: {
              ...(managed || shared !== undefined ? { policy: anchor.source?.id } : {}),
              ...extra.evidence,
            },
          }
        : {}),
    };
    if (raw !== undefined) this.statements.set(fingerprint, raw);
    const actions = Array.isArray(extra.evidence?.['actions'])
      ? (extra.evidence['actions'] as unknown[]).filter((a): a is string => typeof a === 'string')
      : [];
    this.observe?.({ finding, messageId: extra.messageId ?? '' });
    const draft = { finding, targets: anchor.targets, sid: extra.statement?.sid ?? sidOf(raw), actions };
    if (variant !== undefined) variant.draft = draft;
    this.drafts.push(draft);
  }

  /**
   * A finding said again on another side of the statement it is written as: it names the sides
   * it is found on, or none once it is found on every side of that written statement, and its
   * fingerprint holds every side it is found on, whichever was found first.
   */
  private alsoFoundOn(
    earlier: VariantFinding,
    raw: unknown,
    choice: DeployChoice | undefined,
    source: PolicySource,
    written: string,
    statementPointer: string | undefined,
    when: DeployChoice | undefined,
  ): void {
    if (earlier.draft === undefined) return;
    const index = this.drafts.indexOf(earlier.draft);
    if (index < 0) return;
    let { finding } = earlier.draft;
    // Said again on a side it is found on already (two values of one statement, one message): nothing new.
    if (raw !== undefined && !earlier.sides.includes(raw)) {
      earlier.sides.push(raw);
      const [ruleId, principal, policy, key] = earlier.parts;
      const fingerprint = fingerprintOf([ruleId, principal, policy, this.sidesDigest(earlier.sides), key]);
      // The statement shown with the finding stays the first side found.
      const shownStatement = this.statements.get(finding.fingerprint);
      if (shownStatement !== undefined) this.statements.set(fingerprint, shownStatement);
      finding = { ...finding, fingerprint };
    }
    if (earlier.choices !== undefined) {
      if (choice === undefined) earlier.choices = undefined;
      else earlier.choices.set(choiceKey(choice), choice);
      // The statements made of the same written one (those made of a whole `Fn::If` have no place).
      const at = /^\/Statement\/(\d+)$/.exec(statementPointer ?? '')?.[1];
      const place = at === undefined ? statementPointerOf(written) : source.statementPointers?.[Number(at)];
      const sides = new Set(
        (source.statementChoices ?? []).flatMap((c, i) =>
          c !== undefined &&
          place !== undefined &&
          writtenPlace(source.statementPointers?.[i] ?? '') === writtenPlace(place)
            ? [choiceKey(bothChoices(c, when) ?? c)]
            : [],
        ),
      );
      // A statement made on one side only (the other `AWS::NoValue`, or unreadable and reported
      // apart) stays on that side, however often its finding is said.
      const everySide =
        earlier.choices === undefined || (sides.size > 1 && [...sides].every((c) => earlier.choices?.has(c) === true));
      // The sides are put in words once every side is found (see `nameSides`).
      earlier.unnamed = !everySide;
      if (everySide) {
        earlier.choices = undefined;
        // Every side of the statement, and still only those its policy is written on.
        finding = { ...finding, message: `${earlier.message}${choiceSuffix(when)}` };
      }
    }
    earlier.draft = { ...earlier.draft, finding };
    this.drafts[index] = earlier.draft;
  }

  /**
   * Names the sides of each finding found on several sides of a choice (see `alsoFoundOn`), in as
   * few words as they allow, once the run has found them all: merging them at every side found
   * cost more than the rest of the run on a statement that may deploy in a hundred ways.
   */
  nameSides(): void {
    for (const variant of this.variantFindings.values()) {
      if (!variant.unnamed || variant.draft === undefined || variant.choices === undefined) continue;
      const index = this.drafts.indexOf(variant.draft);
      if (index < 0) continue;
      const message = `${variant.message}${choiceSuffix(mergedChoices(variant.choices.values()))}`;
      variant.draft = { ...variant.draft, finding: { ...variant.draft.finding, message } };
      this.drafts[index] = variant.draft;
    }
  }
}

/** A finding on a statement an adapter made of one written statement (see `variantFindings`). */
interface VariantFinding {
  /** Its message without the choices it is found under. */
  readonly message: string;
  /** The choices it is found under; undefined when it is found on every side, or on no choice. */
  choices: Map<string, DeployChoice> | undefined;
  /** The statements (sides) it is found on, which its fingerprint holds. */
  readonly sides: unknown[];
  /** The rest of its fingerprint: rule, principal, policy and key. */
  readonly parts: readonly [string, string, string, string];
  /** Found on more sides than its message names yet (see `nameSides`). */
  unnamed?: boolean;
  draft: DraftFinding | undefined;
}

/** The sides the anchor's policy is written on for its principal (a policy resource under a `Condition`, an attachment chosen by `Fn::If`). */
function writtenWhen(anchor: Anchor): DeployChoice | undefined {
  return bothChoices(anchor.source?.deployedWhen, anchor.attachedWhen);
}

/** What the statement at `statementPointer` of the analyzed document is chosen by at deploy, if anything. */
function choiceOf(source: PolicySource | undefined, statementPointer: string): DeployChoice | undefined {
  const index = /^\/Statement\/(\d+)$/.exec(statementPointer)?.[1];
  return index === undefined ? undefined : source?.statementChoices?.[Number(index)];
}

// One finding per risk per statement: a finding of a broad rule (writes on `*`) whose actions
// the findings of more specific rules (an escalation path, `iam:PassRole` on every role,
// credentials) on the same statement already name is left out; a broad finding with actions of
// its own is kept whole, its evidence listing them all. Ranks: lower is more specific. A check
// that could not decide ranks as the rule it names: writes on a Resource given at deploy are
// left out where `iam:PassRole` on it is already undecided.
function specificity(finding: Finding): number | undefined {
  const named = finding.evidence?.['rule'];
  const ruleId = finding.ruleId === UNKNOWN && typeof named === 'string' ? (named as RuleId) : finding.ruleId;
  const category = categoryOf(ruleId);
  if (category === 'privilege-escalation') return 0;
  if (category === 'credentials-exposure' || category === 'data-exfiltration') return 1;
  if (ruleId === 'wildcard-resource/write-on-star') return 2;
  return undefined;
}

// The actions a finding answers for, by statement of its policy: its own actions on its own
// statement; for an escalation path (`evidence.grantedBy`), each action on the statement of this
// policy that grants it, wherever the finding is anchored (a path is reported once, on the
// statement granting its first action, and answers for the other statements it runs through).
function claimsOf(draft: DraftFinding, statement: string | undefined, policyName: string): Map<string, Set<string>> {
  const claims = new Map<string, Set<string>>();
  const claim = (at: string | undefined, action: string): void => {
    if (at === undefined) return;
    let set = claims.get(at);
    if (set === undefined) claims.set(at, (set = new Set()));
    set.add(action.toLowerCase());
  };
  const grantedBy = draft.finding.evidence?.['grantedBy'];
  if (!Array.isArray(grantedBy)) {
    for (const action of draft.actions) claim(statement, action);
    return claims;
  }
  for (const entry of grantedBy as unknown[]) {
    if (entry === null || typeof entry !== 'object') continue;
    const { action, pointer, policy } = entry as Record<string, unknown>;
    if (typeof action !== 'string' || typeof pointer !== 'string') continue;
    if (policy !== undefined && policy !== policyName) continue;
    claim(statementPointerOf(pointer), action);
  }
  return claims;
}

/** Removes, among the drafts from `start` on (one policy's findings), those more specific ones cover. */
function dropRedundant(drafts: DraftFinding[], start: number, policyName: string): void {
  if (drafts.length - start < 2) return;
  const ranked = drafts.slice(start).map((draft) => {
    const pointer = draft.finding.location.pointer;
    const statement = pointer !== undefined ? statementPointerOf(pointer) : undefined;
    return { draft, rank: specificity(draft.finding), statement };
  });
  // Only a finding outranked by another can be redundant: most policies have none, and the claims
  // of a finding listing hundreds of actions are then never built.
  const ranks = ranked.flatMap((r) => (r.rank === undefined ? [] : [r.rank]));
  if (ranks.length < 2 || Math.min(...ranks) === Math.max(...ranks)) return;
  const claims = new Map<DraftFinding, Map<string, Set<string>>>();
  const claimsOfDraft = (r: (typeof ranked)[number]): Map<string, Set<string>> => {
    let found = claims.get(r.draft);
    if (found === undefined) claims.set(r.draft, (found = claimsOf(r.draft, r.statement, policyName)));
    return found;
  };
  const redundant = new Set<DraftFinding>();
  for (const broad of ranked) {
    if (broad.rank === undefined || broad.statement === undefined || broad.draft.actions.length === 0) continue;
    const covered = new Set<string>();
    for (const other of ranked) {
      if (other.rank === undefined || other.rank >= broad.rank) continue;
      for (const action of claimsOfDraft(other).get(broad.statement) ?? []) covered.add(action);
    }
    if (covered.size > 0 && broad.draft.actions.every((a) => covered.has(a.toLowerCase()))) redundant.add(broad.draft);
  }
  if (redundant.size === 0) return;
  const kept = drafts.slice(start).filter((d) => !redundant.has(d));
  drafts.splice(start, drafts.length - start, ...kept);
}

/** A rule with the one context it reports through during a run. */
interface RuleSlot {
  readonly rule: AnyRule;
  readonly context: RuleContext<string>;
}

/** What the checks running now look at (see `Run.scope`). */
interface Scope {
  /** Made on the first report (its targets and decoded document are only needed then). */
  anchor: Anchor | undefined;
  readonly subject: PolicySubject | undefined;
  /** The principal that principal checks look at (its anchor is made lazily too). */
  readonly principal: PrincipalInput | undefined;
  readonly permissions: PermissionQueries;
}

interface Anchor {
  readonly source: PolicySource | undefined;
  /** The sides the principal holds the policy on, when only some deploys attach it. */
  readonly attachedWhen?: DeployChoice;
  readonly location: SourceLocation;
  readonly principal: string | undefined;
  readonly targets: readonly string[];
  /** The document as a JSON value (JSON text decoded), to show and fingerprint statements. */
  readonly document: unknown;
}

interface BuildExtra {
  /** The finding's severity when not the configured one (a message a rule reports higher). */
  readonly severity?: Severity;
  readonly messageId?: string;
  readonly key?: string;
  readonly statement?: Statement | undefined;
  readonly pointer?: string | undefined;
  readonly principal?: string | undefined;
  readonly evidence?: Readonly<Record<string, unknown>> | undefined;
  /** The deploy choices the finding holds under, when the rule worked them out (see `ReportDescriptor.choice`). */
  readonly choice?: DeployChoice | 'every-deploy' | undefined;
  /** Report even when the configuration turned the rule off (fail closed). */
  readonly forceSeverity?: boolean;
}

/** Whether two locations name the same place (the fields that tell policies apart). */
function samePlace(a: SourceLocation, b: SourceLocation): boolean {
  return (
    a.file === b.file &&
    a.address === b.address &&
    a.stack === b.stack &&
    a.logicalId === b.logicalId &&
    a.constructPath === b.constructPath
  );
}

/** Where a principal check reports: the principal itself. */
function principalAnchor(principal: PrincipalInput): Anchor {
  return {
    source: undefined,
    location: principal.location,
    principal: principal.id,
    targets: principalTargets(principal),
    document: undefined,
  };
}

function principalTargets(principal: PrincipalInput): string[] {
  const name = principal.name;
  return [principal.id, ...(typeof name === 'string' ? [name] : []), ...locationTargets(principal.location)];
}

function locationTargets(location: SourceLocation): string[] {
  const targets: string[] = [];
  if (location.address) {
    targets.push(location.address);
    // The declaration too: a target names a resource of the configuration for all its instances.
    const declaration = withoutInstanceKeys(location.address);
    if (declaration !== location.address) targets.push(declaration);
  }
  if (location.logicalId) targets.push(location.logicalId);
  if (location.stack && location.logicalId) targets.push(`${location.stack}/${location.logicalId}`);
  if (location.constructPath) targets.push(location.constructPath);
  return targets;
}

/**
 * A Terraform address without its instance keys (`module.app["eu"].aws_iam_role.r[0]` ->
 * `module.app.aws_iam_role.r`): a `[` opens a key, a number or a quoted string whose escapes are
 * skipped, up to its `]`.
 */
export function withoutInstanceKeys(address: string): string {
  if (!address.includes('[')) return address;
  let out = '';
  let i = 0;
  while (i < address.length) {
    const c = address[i] as string;
    if (c !== '[') {
      out += c;
      i++;
      continue;
    }
    let j = i + 1;
    if (address[j] === '"') {
      j++;
      while (j < address.length && address[j] !== '"') j += address[j] === '\\' ? 2 : 1;
      j++;
    } else {
      while (j < address.length && address[j] !== ']') j++;
    }
    if (address[j] !== ']') return address;
    i = j + 1;
  }
  return out;
}

function decodeDocument(document: unknown): unknown {
  if (typeof document !== 'string') return document;
  try {
    return JSON.parse(document) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * The written statement a pointer is in, whichever branch of a `Fn::If` of its element of the
 * `Statement` list (`/Statement/1/Fn::If/2/Action` -> `/Statement/1/Action`): the sides of one place.
 */
function writtenPlace(pointer: string): string {
  return pointer.replace(/^(\/Statement\/\d+)(?:\/Fn::If\/[12])+(?=\/|$)/, '$1');
}

/** `/Statement/2/Action/0` -> `/Statement/2` (or `/Statement` for a single statement object). */
/** `pointer` into the analyzed document, as a pointer into the document as the input writes it. */
function writtenPointer(source: PolicySource | undefined, pointer: string): string {
  const places = source?.statementPointers;
  if (places === undefined) return pointer;
  const match = /^\/Statement\/(\d+)(?=\/|$)/.exec(pointer);
  const place = match === null ? undefined : places[Number(match[1])];
  return match === null || place === undefined ? pointer : place + pointer.slice(match[0].length);
}

/**
 * The pointer of the statement `pointer` is in: `/Statement/2` of `/Statement/2/Action/0`; where a
 * template's `Fn::If` chooses the document or its statements, the branch written
 * (`/Statement/Fn::If/2/0` of `/Statement/Fn::If/2/0/Action`).
 */
function statementPointerOf(pointer: string): string | undefined {
  const tokens = pointerTokens(pointer);
  let end = 0;
  while (tokens[end] === 'Fn::If' && /^[12]$/.test(tokens[end + 1] ?? '')) end += 2;
  if (tokens[end] !== 'Statement') return undefined;
  end++;
  for (;;) {
    if (tokens[end] === 'Fn::If' && /^[12]$/.test(tokens[end + 1] ?? '')) end += 2;
    else if (/^\d+$/.test(tokens[end] ?? '')) end++;
    else break;
  }
  return tokens
    .slice(0, end)
    .map((token) => `/${escapePointerToken(token)}`)
    .join('');
}

function valueAt(document: unknown, pointer: string): unknown {
  let current = document;
  for (const token of pointerTokens(pointer)) {
    if (current === null || typeof current !== 'object' || isSymbolic(current)) return undefined;
    if (Array.isArray(current)) {
      // `/Statement` of a single-statement document names the object itself.
      if (!/^\d+$/.test(token)) return undefined;
      current = current[Number(token)];
    } else {
      current = Object.prototype.hasOwnProperty.call(current, token)
        ? (current as Record<string, unknown>)[token]
        : undefined;
    }
  }
  return current;
}

function sidOf(raw: unknown): string | undefined {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return undefined;
  const sid = (raw as Record<string, unknown>)['Sid'];
  return typeof sid === 'string' ? sid : undefined;
}
