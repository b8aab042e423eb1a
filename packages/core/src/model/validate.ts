/**
 * Semantic validation of a parsed policy: rules that depend on the policy type or on element
 * values. Severity: `error` when AWS rejects the document (or, for types AWS does not check at
 * write time, when it cannot work as written); `warning` when it is legal but almost surely not
 * what the author meant.
 */
import type { ConditionClause, Effect, Policy, PolicyType, Statement } from './policy';
import type { ModelIssue, PolicyIssueCode } from './issue-codes';
import type { PolicyValue } from './symbolic';
import { isSymbolic, valueToString } from './symbolic';
import { decodeOperator, holdsWhenAbsent } from './operators';
import { childPointer } from './pointer';
import { parseIpRange } from './ip-range';
import { showValue } from './shape';
import { arnConditionParts } from '../match/arn-pattern';
import { matchWildcard } from '../match/wildcard';
import { isAssumedRoleArn, neverPrincipalArn } from './principal-arn';

/** Options of `validatePolicy`. */
export interface ValidatePolicyOptions {
  /** What the policy is used as; without it, element requirements of a type are warnings. */
  readonly type?: PolicyType | undefined;
}

/** Human names of the policy types, for messages. */
const TYPE_NAMES: Readonly<Record<PolicyType, string>> = {
  identity: 'an identity policy',
  resource: 'a resource policy',
  trust: 'a role trust policy',
  boundary: 'a permissions boundary',
  scp: 'a service control policy',
  rcp: 'a resource control policy',
  session: 'a session policy',
};

/** Types whose documents IAM itself stores, with IAM's Sid rules (unique, ASCII letters and digits). */
const IAM_STORED: ReadonlySet<PolicyType> = new Set(['identity', 'boundary', 'session', 'trust']);
/** Types in which Principal and NotPrincipal are not allowed. */
const NO_PRINCIPAL: ReadonlySet<PolicyType> = new Set(['identity', 'boundary', 'session', 'scp']);
/** Types whose statements need Resource or NotResource. */
const NEEDS_RESOURCE: ReadonlySet<PolicyType> = new Set(['identity', 'boundary', 'session', 'resource', 'scp', 'rcp']);
/** Types where duplicate Sids are rejected. */
const UNIQUE_SIDS: ReadonlySet<PolicyType> = new Set(['identity', 'boundary', 'session', 'trust', 'scp', 'rcp']);

const KNOWN_PRINCIPAL_TYPES: ReadonlySet<string> = new Set(['AWS', 'Service', 'Federated', 'CanonicalUser']);

/** Checks a parsed policy against the rules of its type; returns errors and warnings. */
export function validatePolicy(policy: Policy, options: ValidatePolicyOptions = {}): ModelIssue[] {
  const type = options.type;
  const issues: ModelIssue[] = [];
  // Large policies repeat the same operators; judge each distinct one once (actions: see `actionVerdicts`).
  const operatorIssues = new Map<string, readonly Omit<ModelIssue, 'pointer'>[]>();
  checkVersion(policy, type, issues);
  for (const statement of policy.statements) {
    checkElements(statement, type, issues);
    checkExcludesEverything(statement, issues);
    checkActions(statement, issues);
    if (statement.principal !== undefined) {
      checkPrincipalValues(statement, type, issues);
      checkServicePrincipalKeys(statement, issues);
    }
    if (type === 'trust' && statement.effect === 'Allow') {
      checkTrustActions(statement, issues);
      checkAssumeActions(statement, policy.statements, issues);
      checkForeignClaims(statement, issues);
    }
    if (statement.conditions.length > 0) checkConditions(statement, operatorIssues, issues);
    if (type === 'rcp') checkRcpStatement(statement, issues);
  }
  if (type === 'boundary') checkBoundaryAllows(policy, issues);
  checkSids(policy, type, issues);
  return issues;
}

/**
 * A permissions boundary only lets through what it allows: one made of Deny statements alone
 * (written as if it were a guardrail on top of the role's policies) leaves its holder nothing.
 */
function checkBoundaryAllows(policy: Policy, issues: ModelIssue[]): void {
  if (policy.statements.length === 0 || policy.statements.some((s) => s.effect === 'Allow')) return;
  issues.push({
    code: 'boundary-no-allow',
    severity: 'warning',
    message:
      'a permissions boundary with no `Allow` statement allows nothing: every request of the role or user it bounds is denied (allow what the holder may do, e.g. `"Action": "*", "Resource": "*"`, next to the denies)',
    pointer: '/Statement',
  });
}

function checkVersion(policy: Policy, type: PolicyType | undefined, issues: ModelIssue[]): void {
  if (type === 'rcp' && policy.version !== '2012-10-17') {
    issues.push({
      code: 'rcp-version',
      severity: 'error',
      message: `a resource control policy needs \`Version\` \`2012-10-17\`, found ${
        policy.version === undefined ? 'none' : showValue(policy.version)
      }`,
      pointer: policy.version === undefined ? '' : '/Version',
    });
    return;
  }
  if (policy.version === '2012-10-17') return;
  const variable = firstPolicyVariable(policy);
  if (variable === undefined) return;
  issues.push({
    code: 'variable-needs-version',
    severity: 'warning',
    message: `policy variable ${showValue(variable.value)} is taken literally without \`"Version": "2012-10-17"\``,
    pointer: variable.pointer,
  });
}

function firstPolicyVariable(policy: Policy): { value: string; pointer: string } | undefined {
  const hasVariable = (v: PolicyValue): boolean =>
    isSymbolic(v) ? v.parts.some((p) => typeof p === 'string' && p.includes('${')) : v.includes('${');
  for (const statement of policy.statements) {
    const resourceValue = statement.resource?.values.find(hasVariable);
    if (resourceValue !== undefined && statement.resource !== undefined) {
      return { value: String(resourceValue), pointer: statement.resource.pointer };
    }
    for (const clause of statement.conditions) {
      const value = clause.values.find(hasVariable);
      if (value !== undefined) return { value: String(value), pointer: clause.pointer };
    }
  }
  return undefined;
}

/** `error` when the type is known, `warning` when the element is only missing for some types. */
function requirement(type: PolicyType | undefined): 'error' | 'warning' {
  return type === undefined ? 'warning' : 'error';
}

function inType(type: PolicyType | undefined): string {
  return type === undefined ? 'every policy type' : TYPE_NAMES[type];
}

/** `NotResource: "*"` (or `NotAction: "*"`) leaves nothing for the statement: an Allow grants and a Deny denies nothing. */
function checkExcludesEverything(statement: Statement, issues: ModelIssue[]): void {
  for (const [element, name] of [
    [statement.action, 'NotAction'],
    [statement.resource, 'NotResource'],
  ] as const) {
    if (element?.negated !== true || !element.values.includes('*')) continue;
    issues.push({
      code: 'excludes-everything',
      severity: 'warning',
      message: `\`${name}\` holds \`*\`: the statement ${statement.effect === 'Deny' ? 'denies' : 'allows'} nothing`,
      pointer: element.pointer,
    });
  }
}

/**
 * A repository policy of Amazon ECR (every action `ecr:` or `ecr-public:`) or an application
 * policy of the Serverless Application Repository (every action `serverlessrepo:`) names no
 * Resource: its statements apply to the repository or application that holds the policy, as the
 * services document.
 */
function impliesResource(statement: Statement, type: PolicyType): boolean {
  const actions = statement.action;
  return (
    type === 'resource' &&
    actions !== undefined &&
    !actions.negated &&
    actions.values.length > 0 &&
    actions.values.every((a) => typeof a === 'string' && /^(ecr|ecr-public|serverlessrepo):/i.test(a))
  );
}

function checkElements(statement: Statement, type: PolicyType | undefined, issues: ModelIssue[]): void {
  const where = statement.pointer;
  if (statement.action === undefined) {
    issues.push({
      code: 'missing-action',
      severity: requirement(type),
      message: `statement has no \`Action\` or \`NotAction\`; ${inType(type)} needs one`,
      pointer: where,
    });
  }
  const { resource, principal } = statement;
  if (type === 'trust') {
    if (resource !== undefined) {
      const name = resource.negated ? 'NotResource' : 'Resource';
      issues.push({
        code: 'resource-not-allowed',
        severity: 'error',
        message: `\`${name}\` is not allowed in a role trust policy (it applies to its role)`,
        pointer: resource.pointer,
      });
    }
  } else if (
    resource === undefined &&
    type !== undefined &&
    NEEDS_RESOURCE.has(type) &&
    !impliesResource(statement, type)
  ) {
    // Without a type nothing is said: the statement may belong to a trust policy, which has none.
    issues.push({
      code: 'missing-resource',
      severity: 'error',
      message: `statement has no \`Resource\` or \`NotResource\`; ${TYPE_NAMES[type]} needs one`,
      pointer: where,
    });
  }
  if (type !== undefined && NO_PRINCIPAL.has(type) && principal !== undefined) {
    const name = principal.negated ? 'NotPrincipal' : 'Principal';
    issues.push({
      code: 'principal-not-allowed',
      severity: 'error',
      message: `\`${name}\` is not allowed in ${TYPE_NAMES[type]}`,
      pointer: principal.pointer,
    });
  }
  if ((type === 'trust' || type === 'resource') && principal === undefined) {
    issues.push({
      code: 'missing-principal',
      // Most resource policies (S3, KMS, SQS, SNS, ...) reject a statement without one; a few services don't.
      severity: type === 'trust' ? 'error' : 'warning',
      message: `statement has no \`Principal\`; ${TYPE_NAMES[type]} names whom it applies to`,
      pointer: where,
    });
  }
  if (type === 'trust' && principal?.negated === true) {
    issues.push({
      code: 'not-principal-not-allowed',
      severity: 'error',
      message: '`NotPrincipal` is not allowed in a role trust policy; use `Principal`',
      pointer: principal.pointer,
    });
  } else if (
    principal?.negated === true &&
    statement.effect === 'Allow' &&
    (type === undefined || type === 'resource')
  ) {
    issues.push({
      code: 'not-principal-with-allow',
      severity: 'warning',
      message: '`NotPrincipal` with `Allow` grants access to every principal but the listed ones',
      pointer: principal.pointer,
    });
  }
}

const SERVICE_PREFIX = /^[A-Za-z0-9-]+$/;
const ACTION_NAME = /^[A-Za-z0-9*?-]*$/;

interface ActionVerdict {
  readonly code: PolicyIssueCode;
  readonly severity: 'error' | 'warning';
  readonly why: string;
}

// Policies repeat the same actions, within one document and across a scan: each distinct action
// text is judged once (a verdict is only read, to build issues).
const actionVerdicts = new Map<string, ActionVerdict | null>();
const ACTION_VERDICTS_LIMIT = 10_000;

/** What is wrong with an action string, or `null` when nothing is. */
function judgeAction(value: string): ActionVerdict | null {
  if (value === '*') return null;
  const parts = value.split(':');
  const [service, name] = parts;
  if (parts.length !== 2 || service === undefined || name === undefined) {
    return { code: 'malformed-action', severity: 'error', why: 'must be `*` or `service:action`' };
  }
  if (!SERVICE_PREFIX.test(service)) {
    return {
      code: 'malformed-action',
      severity: 'error',
      why: 'has an invalid service prefix (letters, digits and `-` only, no wildcards)',
    };
  }
  if (name.trim() === '') {
    return {
      code: 'empty-action-name',
      severity: 'warning',
      why: 'names no action after the service prefix; it matches nothing',
    };
  }
  if (ACTION_NAME.test(name)) return null;
  if (/^[A-Za-z0-9*?\-, ]*$/.test(name)) {
    return {
      code: 'suspicious-action',
      severity: 'warning',
      why: 'contains spaces or commas; it matches no action (list actions as separate strings)',
    };
  }
  return { code: 'malformed-action', severity: 'error', why: 'has characters not allowed in an action name' };
}

/** `*`, or `service:action` where the action may hold `*` and `?` wildcards. */
function checkActions(statement: Statement, issues: ModelIssue[]): void {
  const action = statement.action;
  if (action === undefined) return;
  const element = action.negated ? 'NotAction' : 'Action';
  for (const value of action.values) {
    let verdict: ActionVerdict | null | undefined;
    if (typeof value !== 'string') {
      verdict = { code: 'malformed-action', severity: 'error', why: 'is not a string' };
    } else {
      verdict = actionVerdicts.get(value);
      if (verdict === undefined) {
        verdict = judgeAction(value);
        if (actionVerdicts.size >= ACTION_VERDICTS_LIMIT) actionVerdicts.clear();
        actionVerdicts.set(value, verdict);
      }
    }
    if (verdict === null) continue;
    issues.push({
      code: verdict.code,
      severity: verdict.severity,
      message: `\`${element}\` ${showValue(value)} ${verdict.why}`,
      pointer: action.pointer,
      params: { value },
    });
  }
}

function checkPrincipalValues(statement: Statement, type: PolicyType | undefined, issues: ModelIssue[]): void {
  const principal = statement.principal;
  if (principal === undefined || principal.wildcard) return;
  const reportedTypes = new Set<string>();
  for (const entry of principal.entries) {
    const pointer = childPointer(principal.pointer, entry.type);
    if (!KNOWN_PRINCIPAL_TYPES.has(entry.type)) {
      if (!reportedTypes.has(entry.type)) {
        reportedTypes.add(entry.type);
        issues.push({
          code: 'unknown-principal-type',
          severity: 'error',
          message: `unknown principal type ${showValue(entry.type)} (expected \`AWS\`, \`Service\`, \`Federated\` or \`CanonicalUser\`)`,
          pointer,
          params: { type: entry.type },
        });
      }
      continue;
    }
    const literal = isSymbolic(entry.value)
      ? entry.value.parts.filter((p): p is string => typeof p === 'string').join('')
      : entry.value;
    // `*` alone means everyone only as an `AWS` principal (or `"Principal": "*"`); IAM accepts
    // no wildcard in a service, identity provider or canonical user.
    if (entry.type !== 'AWS' && /[*?]/.test(literal)) {
      const what =
        entry.type === 'Service'
          ? 'service (`ec2.amazonaws.com`)'
          : entry.type === 'Federated'
            ? 'identity provider'
            : 'canonical user';
      issues.push({
        code: 'principal-wildcard',
        severity: 'error',
        message: `a wildcard in a \`${entry.type}\` principal (${showValue(entry.value)}), which IAM refuses; name each ${what}`,
        pointer,
        params: { value: String(entry.value) },
      });
      continue;
    }
    if (entry.value !== '*' && /[*?]/.test(literal)) {
      issues.push({
        code: 'principal-wildcard',
        severity: 'error',
        message: `principal ${showValue(entry.value)} uses a wildcard; only \`"*"\` alone is allowed (match ARNs with a condition on \`aws:PrincipalArn\`)`,
        pointer,
        params: { value: String(entry.value) },
      });
      continue;
    }
    if (typeof entry.value !== 'string' || entry.value === '*') continue;
    if (entry.type === 'AWS' && UNIQUE_ID.test(entry.value)) {
      issues.push({
        code: 'unique-id-principal',
        severity: 'warning',
        message: `principal ${showValue(entry.value)} is the unique id of a ${entry.value.startsWith('AROA') ? 'role' : 'user'} that was deleted: the statement names no one (a new one of the same name is another principal)`,
        pointer,
        params: { value: entry.value },
      });
    } else if (entry.type === 'AWS' && !AWS_PRINCIPAL.test(entry.value) && !entry.value.includes('${')) {
      issues.push({
        code: 'invalid-aws-principal',
        // A warning, so that the statement is still analyzed as written.
        severity: 'warning',
        message: `principal ${showValue(entry.value)} of type \`AWS\` is neither a 12-digit account id nor the ARN of an account root, user or role (\`arn:aws:iam::ACCOUNT:root\`, \`:user/...\`, \`:role/...\`) or of an STS session: IAM refuses the policy`,
        pointer,
        params: { value: entry.value },
      });
    } else if (entry.type === 'Federated' && type === 'resource') {
      issues.push({
        code: 'federated-principal-not-allowed',
        // A warning, so that the statement is still analyzed as written.
        severity: 'warning',
        message: `federated principal ${showValue(entry.value)} in a resource policy: identity providers are principals of role trust policies only (name the role their users assume, or its sessions, instead)`,
        pointer,
        params: { value: entry.value },
      });
    } else if (entry.type === 'Federated' && !FEDERATED_PRINCIPAL.test(entry.value)) {
      issues.push({
        code: 'invalid-federated-principal',
        // A warning, so that the statement is still analyzed as written.
        severity: 'warning',
        message: `federated principal ${showValue(entry.value)} is neither an identity provider ARN (\`arn:aws:iam::ACCOUNT:oidc-provider/...\`, \`saml-provider/...\`) nor \`cognito-identity.amazonaws.com\`, \`accounts.google.com\`, \`graph.facebook.com\` or \`www.amazon.com\``,
        pointer,
        params: { value: entry.value },
      });
    } else if (entry.type === 'Service' && !SERVICE_PRINCIPAL.test(entry.value)) {
      issues.push({
        code: 'invalid-service-principal',
        // A warning, so that the statement is still analyzed as written.
        severity: 'warning',
        message: `service principal ${showValue(entry.value)} is not a service name such as \`lambda.amazonaws.com\``,
        pointer,
        params: { value: entry.value },
      });
    }
  }
}

/**
 * Keys that the request of an AWS service principal never carries: a service belongs to no
 * organization. (Principal tags are not among them: IAM Roles Anywhere sessions carry the
 * certificate's attributes as `aws:PrincipalTag/x509...`.) Lower case.
 */
const ABSENT_FOR_SERVICES: ReadonlySet<string> = new Set(['aws:principalorgid', 'aws:principalorgpaths']);

/**
 * A condition on a key that service principals never send, in a statement whose principals are
 * all services: a positive test is never true for them (the statement never applies), a negated
 * or `ForAllValues` one always is (it restricts nothing). `IfExists` and `Null` are deliberate
 * tests of absence and are left alone.
 */
function checkServicePrincipalKeys(statement: Statement, issues: ModelIssue[]): void {
  const principal = statement.principal;
  if (principal === undefined || principal.negated || principal.wildcard || principal.entries.length === 0) return;
  if (!principal.entries.every((e) => e.type === 'Service' && typeof e.value === 'string')) return;
  for (const clause of statement.conditions) {
    if (clause.ifExists || clause.baseOperator === 'Null') continue;
    if (!ABSENT_FOR_SERVICES.has(clause.key.toLowerCase())) continue;
    const alwaysTrue =
      clause.setOperator === 'ForAllValues' ||
      (clause.setOperator === undefined && clause.baseOperator.includes('Not'));
    const services = principal.entries.map((e) => showValue(e.value)).join(', ');
    issues.push({
      code: 'service-principal-key',
      severity: 'warning',
      message: `condition key ${showValue(clause.key)} is never in the requests of service principals (${services}): ${
        alwaysTrue
          ? 'the condition is always true for them and restricts nothing'
          : 'the condition is never true for them, so the statement never applies'
      } (scope a service by \`aws:SourceArn\`, \`aws:SourceAccount\` or \`aws:SourceOrgID\`)`,
      pointer: clause.pointer,
      params: { key: clause.key },
    });
  }
}

/**
 * What an `AWS` principal may be: an account id, or the ARN of an account root, user or role (the
 * CloudFront origin access identities are users of account `cloudfront`), of an assumed-role or
 * federated-user session. A value with `${...}` (a template's `${AWS::AccountId}` pasted into a
 * policy file) is read as the template's value, not checked here.
 */
const AWS_PRINCIPAL =
  /^(\d{12}|arn:aws[a-z-]*:iam::(\d{12}|cloudfront):(root|user\/.+|role\/.+)|arn:aws[a-z-]*:sts::\d{12}:(assumed-role\/.+|federated-user\/.+))$/;
/**
 * IAM puts the unique id of a role (`AROA...`) or user (`AIDA...`) in place of its ARN when the
 * principal is deleted; the policy then names no one.
 */
const UNIQUE_ID = /^A(ROA|IDA)[A-Z0-9]{12,}$/;
/** `lambda.amazonaws.com`, `logs.eu-west-1.amazonaws.com`, `states.amazonaws.com.cn`, `alexa-appkit.amazon.com`. */
const SERVICE_PRINCIPAL = /^[a-z0-9][a-z0-9.-]*\.(amazonaws\.com(\.cn)?|amazon\.com|api\.aws)$/i;

/** An IAM identity provider, or one of the web identity providers IAM knows by name. */
const FEDERATED_PRINCIPAL =
  /^(arn:aws[a-z-]*:iam::\d{12}:(oidc-provider|saml-provider)\/.+|cognito-identity\.amazonaws\.com|accounts\.google\.com|graph\.facebook\.com|www\.amazon\.com)$/i;

/** The principal kinds of a trust statement and the assume-role action each needs. */
const ASSUME_ACTION = {
  role: 'sts:AssumeRole',
  saml: 'sts:AssumeRoleWithSAML',
  web: 'sts:AssumeRoleWithWebIdentity',
} as const;

function assumeKind(entry: { readonly type: string; readonly value: PolicyValue }): keyof typeof ASSUME_ACTION {
  if (entry.type !== 'Federated') return 'role';
  const value = typeof entry.value === 'string' ? entry.value : '';
  return /:saml-provider\//i.test(value) ? 'saml' : 'web';
}

/**
 * Each kind of principal assumes a role with its own action (AWS and Service principals
 * `sts:AssumeRole`, SAML providers `sts:AssumeRoleWithSAML`, OIDC providers
 * `sts:AssumeRoleWithWebIdentity`): a trust statement that allows only the others leaves that
 * principal unable to assume the role.
 */
function checkAssumeActions(statement: Statement, statements: readonly Statement[], issues: ModelIssue[]): void {
  const principal = statement.principal;
  const action = statement.action;
  if (principal === undefined || principal.negated || principal.wildcard || action === undefined || action.negated)
    return;
  const actions = action.values.filter((a): a is string => typeof a === 'string');
  // Wildcards, symbolic values and unknown spellings are judged elsewhere.
  if (actions.length !== action.values.length || actions.some((a) => a.includes('*') || a.includes('?'))) return;
  const assumes = new Set(actions.map((a) => a.toLowerCase()).filter((a) => a.startsWith('sts:assumerole')));
  if (assumes.size === 0) return;
  checkCompanionActions(
    statement,
    principal,
    actions,
    () => allowedBeside(statement, statements),
    action.pointer,
    issues,
  );
  const reported = new Set<string>();
  for (const entry of principal.entries) {
    if (!KNOWN_PRINCIPAL_TYPES.has(entry.type) || typeof entry.value !== 'string') continue;
    const needed = ASSUME_ACTION[assumeKind(entry)];
    if (assumes.has(needed.toLowerCase()) || reported.has(needed)) continue;
    reported.add(needed);
    issues.push({
      code: 'mismatched-assume-action',
      // AWS stores it; the principal just cannot assume the role.
      severity: 'warning',
      message: `principal ${showValue(entry.value)} assumes a role only with \`${needed}\`, which the statement does not allow (it allows ${actions.map((a) => showValue(a)).join(', ')})`,
      pointer: action.pointer,
      params: { principal: entry.value, needed },
    });
  }
}

/**
 * The actions a role trust policy can grant: those of STS whose resource is the role. Anything
 * else (`s3:GetObject`, `sts:AssumeRoot`, whose resource is a member account's root user) grants
 * nothing there, as IAM Access Analyzer reports.
 */
const TRUST_ACTIONS = [
  'sts:AssumeRole',
  'sts:AssumeRoleWithSAML',
  'sts:AssumeRoleWithWebIdentity',
  'sts:TagSession',
  'sts:SetSourceIdentity',
  'sts:SetContext',
];

function checkTrustActions(statement: Statement, issues: ModelIssue[]): void {
  const action = statement.action;
  if (action === undefined || action.negated) return;
  for (const value of action.values) {
    if (typeof value !== 'string' || value.includes('${')) continue;
    // Unknown spellings and malformed actions are reported by the action checks.
    if (
      !/^[a-z0-9-]+:[A-Za-z0-9*?]+$/i.test(value) ||
      TRUST_ACTIONS.some((a) => matchWildcard(value, a, { ignoreCase: true }))
    )
      continue;
    issues.push({
      code: 'unsupported-trust-action',
      // AWS stores it; it just grants nothing on a role.
      severity: 'warning',
      message: `action ${showValue(value)} cannot be granted by a role trust policy: it allows only ${TRUST_ACTIONS.map((a) => `\`${a}\``).join(', ')}`,
      pointer: action.pointer,
      params: { action: value },
    });
  }
}

/** The issuer (host and path) of an OIDC provider ARN or of a bare web identity provider; undefined otherwise. */
function issuerOf(value: string): string | undefined {
  const arn = /^arn:[^:]+:iam::[^:]*:oidc-provider\/(.+)$/.exec(value);
  if (arn) return arn[1]?.toLowerCase().replace(/\/+$/, '');
  return value.startsWith('arn:') || !value.includes('.') ? undefined : value.toLowerCase().replace(/\/+$/, '');
}

/**
 * A web identity trust statement whose positive condition names a claim of another issuer
 * (`token.actions.github.usercontent.com:aud` under the GitHub provider): tokens of the trusted
 * provider never carry it, so the statement lets no one assume the role. AWS names the claims of
 * web identity tokens `<issuer>:<claim>`; global and service keys have no dot before the colon.
 */
function checkForeignClaims(statement: Statement, issues: ModelIssue[]): void {
  const principal = statement.principal;
  if (principal === undefined || principal.negated || principal.wildcard) return;
  const issuers = new Set<string>();
  for (const entry of principal.entries) {
    if (entry.type !== 'Federated' || typeof entry.value !== 'string') return;
    const issuer = issuerOf(entry.value);
    if (issuer === undefined) return;
    issuers.add(issuer);
  }
  if (issuers.size === 0) return;
  for (const clause of statement.conditions) {
    if (clause.ifExists || clause.setOperator === 'ForAllValues') continue;
    if (!/^(String|Arn)(Equals|Like)/.test(clause.baseOperator)) continue;
    const colon = clause.key.lastIndexOf(':');
    const prefix = colon < 0 ? '' : clause.key.slice(0, colon).toLowerCase().replace(/\/+$/, '');
    // A prefix known only after deploy (`${the issuer of cluster X}:sub`) may well be the trusted issuer.
    if (!prefix.includes('.') || issuers.has(prefix) || prefix.includes('${')) continue;
    issues.push({
      code: 'foreign-claim-key',
      severity: 'warning',
      message: `condition key ${showValue(clause.key)} is a claim of \`${prefix}\`, but the statement trusts ${[
        ...issuers,
      ]
        .map((i) => `\`${i}\``)
        .join(', ')}: no token of it carries the claim, so the statement lets no one assume the role`,
      pointer: clause.pointer,
      params: { key: clause.key },
    });
  }
}

function checkConditions(
  statement: Statement,
  operatorIssues: Map<string, readonly Omit<ModelIssue, 'pointer'>[]>,
  issues: ModelIssue[],
): void {
  const clauses = statement.conditions;
  for (let i = 0; i < clauses.length; i++) {
    const clause = clauses[i] as ConditionClause;
    // Clauses of one operator are adjacent (one JSON object per operator).
    const firstOfOperator = i === 0 || clauses[i - 1]?.operator !== clause.operator;
    if (firstOfOperator) {
      let found = operatorIssues.get(clause.operator);
      if (found === undefined) {
        found = judgeOperator(clause.operator);
        operatorIssues.set(clause.operator, found);
      }
      const operatorPointer = clause.pointer.slice(0, clause.pointer.lastIndexOf('/'));
      for (const issue of found) issues.push({ ...issue, pointer: operatorPointer });
    } else {
      checkKeyCase(clauses, i, issues);
    }
    if (clause.key === '') {
      issues.push({
        code: 'empty-condition-key',
        severity: 'error',
        message: 'condition key is empty',
        pointer: clause.pointer,
      });
    }
    if (clause.values.length === 0) {
      issues.push({
        code: 'empty-condition-values',
        severity: 'warning',
        message: `condition key ${showValue(clause.key)} has no values`,
        pointer: clause.pointer,
      });
    }
    checkValueFormat(clause, issues);
    checkPrincipalArnValues(statement, clause, issues);
    checkKeyFormat(clause, issues);
  }
}

/** The service principal of IAM Roles Anywhere, and the three actions each of its sessions needs. */
export const ROLES_ANYWHERE = 'rolesanywhere.amazonaws.com';
export const ROLES_ANYWHERE_SESSION_ACTIONS: readonly string[] = [
  'sts:AssumeRole',
  'sts:TagSession',
  'sts:SetSourceIdentity',
];

/**
 * Session actions that must be allowed beside the assume action: IAM Roles Anywhere sets tags and
 * a source identity on every session it makes, and a condition on the session's tags or source
 * identity only ever applies when setting them is allowed.
 */
function checkCompanionActions(
  statement: Statement,
  principal: NonNullable<Statement['principal']>,
  actions: readonly string[],
  // Read only for a statement that needs a companion action: gathering it scans every statement
  // of the policy, which done for each of thousands of trust statements made linting quadratic.
  besideOf: () => readonly string[],
  pointer: string,
  issues: ModelIssue[],
): void {
  const allowed = new Set(actions.map((a) => a.toLowerCase()));
  // Each action needed, with the condition keys that need it (every one named, in order).
  const needed = new Map<string, string[]>();
  if (principal.entries.some((e) => e.type === 'Service' && e.value === ROLES_ANYWHERE)) {
    for (const a of ROLES_ANYWHERE_SESSION_ACTIONS) needed.set(a, []);
  }
  const need = (action: string, key: string): void => {
    const keys = needed.get(action) ?? [];
    if (!keys.includes(key)) keys.push(key);
    needed.set(action, keys);
  };
  for (const clause of statement.conditions) {
    const key = clause.key.toLowerCase();
    if (key.startsWith('aws:requesttag/') || key === 'aws:tagkeys' || key === 'sts:transitivetagkeys')
      need('sts:TagSession', clause.key);
    else if (key === 'sts:sourceidentity') need('sts:SetSourceIdentity', clause.key);
  }
  let beside: readonly string[] | undefined;
  for (const [action, keys] of needed) {
    if (allowed.has(action.toLowerCase())) continue;
    beside ??= besideOf();
    if (beside.some((pattern) => matchWildcard(pattern, action, { ignoreCase: true }))) continue;
    const named = keys.map((k) => `\`${k}\``);
    const reason =
      named.length === 0
        ? 'IAM Roles Anywhere needs'
        : named.length === 1
          ? `condition key ${named[0] ?? ''} needs`
          : `condition keys ${named.slice(0, -1).join(', ')} and ${named[named.length - 1] ?? ''} need`;
    issues.push({
      code: 'missing-companion-action',
      severity: 'warning',
      message: `${reason} \`${action}\` in the statement's actions; without it the role cannot be assumed this way`,
      pointer,
      params: { action },
    });
  }
}

/**
 * The actions (patterns) other Allow statements of the policy grant to a principal of `statement`: AWS authorizes each action of a session on its own, so `sts:TagSession` may be
 * allowed by a statement of its own.
 */
function allowedBeside(statement: Statement, statements: readonly Statement[]): string[] {
  const own = new Set(
    (statement.principal?.entries ?? []).flatMap((e) => (typeof e.value === 'string' ? [`${e.type}|${e.value}`] : [])),
  );
  const patterns: string[] = [];
  for (const other of statements) {
    if (other === statement || other.effect !== 'Allow' || other.action === undefined || other.action.negated) continue;
    const principal = other.principal;
    if (principal === undefined || principal.negated) continue;
    if (!principal.wildcard && !principal.entries.some((e) => own.has(`${e.type}|${String(e.value)}`))) continue;
    for (const value of other.action.values) if (typeof value === 'string') patterns.push(value);
  }
  return patterns;
}

/** Keys whose values have a fixed form; a string comparison with another form never matches. */
const KEY_FORMATS: ReadonlyMap<string, { readonly test: RegExp; readonly expected: string }> = new Map([
  ['aws:sourcevpc', { test: /^vpc-[0-9a-f*?]+$/, expected: 'a VPC id (`vpc-...`)' }],
  ['aws:sourcevpce', { test: /^vpce-[0-9a-f*?]+$/, expected: 'a VPC endpoint id (`vpce-...`)' }],
  // An organizational unit (`ou-...`) or a placeholder (`<org-id>`) in an organization key never matches.
  ...['aws:principalorgid', 'aws:sourceorgid', 'aws:resourceorgid'].map(
    (key) => [key, { test: /^(o-[a-z0-9]{10,32}|.*[*?].*)$/, expected: 'an organization id (`o-...`)' }] as const,
  ),
  // Account ids are 12 digits: `__ACCOUNT_ID__`, `<account-a>` or a digit short match no account.
  ...['aws:principalaccount', 'aws:sourceaccount', 'aws:resourceaccount', 'kms:calleraccount'].map(
    (key) => [key, { test: /^(\d{12}|.*[*?].*)$/, expected: 'a 12-digit account id' }] as const,
  ),
  // `eu-west-1`, `us-gov-east-1`, `cn-north-1`; patterns (`eu-*`) are left alone.
  ['aws:requestedregion', { test: /^([a-z]{2}(-[a-z]+)+-\d+|.*[*?].*)$/, expected: 'a Region name (`eu-west-1`)' }],
  // Keys whose values are a fixed list (the Service Authorization Reference and the API of each
  // service): `require` for `required` makes an SCP that requires IMDSv2 deny every launch.
  oneOf('ec2:MetadataHttpTokens', 'required', 'optional'),
  oneOf('ec2:MetadataHttpEndpoint', 'enabled', 'disabled'),
  oneOf('ec2:InstanceMetadataTags', 'enabled', 'disabled'),
  oneOf('ec2:Tenancy', 'default', 'dedicated', 'host'),
  oneOf('s3:x-amz-server-side-encryption', 'AES256', 'aws:kms', 'aws:kms:dsse'),
  oneOf(
    's3:x-amz-acl',
    'private',
    'public-read',
    'public-read-write',
    'aws-exec-read',
    'authenticated-read',
    'bucket-owner-read',
    'bucket-owner-full-control',
    'log-delivery-write',
  ),
  oneOf('s3:authType', 'REST-HEADER', 'REST-QUERY-STRING', 'POST'),
  oneOf('s3:signatureversion', 'AWS', 'AWS4-HMAC-SHA256'),
  oneOf('s3:x-amz-object-ownership', 'BucketOwnerEnforced', 'BucketOwnerPreferred', 'ObjectWriter'),
]);

/** A key whose values are one of `values` (a pattern with `*` or `?` is left alone). */
function oneOf(key: string, ...values: string[]): [string, { readonly test: RegExp; readonly expected: string }] {
  const escaped = values.map((v) => v.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return [
    key.toLowerCase(),
    {
      test: new RegExp(`^(${escaped.join('|')}|.*[*?].*)$`),
      expected: `one of ${values.map((v) => `\`${v}\``).join(', ')}`,
    },
  ];
}

/** `aws:SourceVpc` compared with `vpce-...` (or the reverse): the condition never matches as meant. */
function checkKeyFormat(clause: ConditionClause, issues: ModelIssue[]): void {
  const format = KEY_FORMATS.get(clause.key.toLowerCase());
  if (format === undefined || !clause.baseOperator.startsWith('String')) return;
  const test = clause.baseOperator.includes('IgnoreCase') ? new RegExp(format.test.source, 'i') : format.test;
  for (const value of clause.values) {
    if (typeof value !== 'string' || value.includes('${') || test.test(value)) continue;
    issues.push({
      code: 'condition-key-format',
      // AWS stores it; the condition just never matches as meant.
      severity: 'warning',
      message: `condition value ${showValue(value)} of ${showValue(clause.key)} is not ${format.expected}`,
      pointer: clause.pointer,
      params: { value, key: clause.key },
    });
    return;
  }
}

/** What values of an operator family look like; String operators take any text. */
const VALUE_FORMATS: readonly { prefix: string; test: (v: string) => boolean; expected: string }[] = [
  // Decimal only, as the evaluator reads numbers (evaluator/conditions/numeric.ts): not `0x10`.
  { prefix: 'Numeric', test: (v) => /^\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?\s*$/.test(v), expected: 'a number' },
  {
    prefix: 'Date',
    test: isDateValue,
    expected: 'an ISO 8601 date or epoch seconds',
  },
  { prefix: 'Bool', test: (v) => /^(true|false)$/i.test(v), expected: '`true` or `false`' },
  { prefix: 'Null', test: (v) => /^(true|false)$/i.test(v), expected: '`true` or `false`' },
  { prefix: 'IpAddress', test: isIpOrCidr, expected: 'an IP address or CIDR range' },
  { prefix: 'NotIpAddress', test: isIpOrCidr, expected: 'an IP address or CIDR range' },
  // Compared part by part (evaluator/conditions/arn.ts): a value of fewer than six parts matches no ARN.
  { prefix: 'Arn', test: (v) => arnConditionParts(v) !== undefined, expected: 'an ARN of six parts' },
  { prefix: 'BinaryEquals', test: (v) => /^[A-Za-z0-9+/]*={0,2}$/.test(v), expected: 'base64 text' },
];

/** ISO 8601 (W3C profile) with fields in range (no 13th month, no 31st of April), or seconds since the epoch. */
function isDateValue(value: string): boolean {
  if (/^\d+$/.test(value)) return true;
  const m =
    /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:Z|[+-](\d{2}):?(\d{2}))?)?)?)?$/.exec(
      value,
    );
  if (m === null) return false;
  const [year, month = 1, day = 1, hour = 0, minute = 0, second = 0, offsetHours = 0, offsetMinutes = 0] = m
    .slice(1)
    .map((f) => (f === undefined ? undefined : Number(f)));
  const daysInMonth = new Date(Date.UTC(year ?? 0, month, 0)).getUTCDate();
  return (
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth &&
    hour <= 23 &&
    minute <= 59 &&
    // A leap second is a valid time.
    second <= 60 &&
    offsetHours <= 23 &&
    offsetMinutes <= 59
  );
}

function isIpOrCidr(value: string): boolean {
  return parseIpRange(value) !== undefined;
}

/** A value the operator cannot compare (e.g. `NumericLessThan` on `ten`) makes the condition never match. */
function checkValueFormat(clause: ConditionClause, issues: ModelIssue[]): void {
  const format = VALUE_FORMATS.find((f) => clause.baseOperator.startsWith(f.prefix));
  if (format === undefined) return;
  for (const value of clause.values) {
    // Symbolic values and policy variables are only known at request time.
    if (typeof value !== 'string' || value.includes('${') || format.test(value)) continue;
    issues.push({
      code: 'condition-value-format',
      severity: 'warning',
      message: `condition value ${showValue(value)} of ${showValue(clause.key)} is not ${format.expected} as ${showValue(clause.baseOperator)} expects`,
      pointer: clause.pointer,
      params: { value, operator: clause.baseOperator },
    });
    return;
  }
}

/**
 * An `aws:PrincipalArn` value no caller's ARN matches: the key holds the ARN of a user, of a role
 * (for a role session the role's, never the `assumed-role` one), of a federated user or of the
 * root. The test then holds for no signed-in caller, or in its negated form (`ArnNotLike`) for
 * every one; anonymous callers, who have no such key, pass it when it holds on a missing key.
 */
function checkPrincipalArnValues(statement: Statement, clause: ConditionClause, issues: ModelIssue[]): void {
  if (clause.key.toLowerCase() !== 'aws:principalarn') return;
  for (const value of clause.values) {
    if (!neverPrincipalArn(value, clause.baseOperator)) continue;
    const text = valueToString(value);
    const session = isAssumedRoleArn(value)
      ? ": a role session's `aws:PrincipalArn` is its role's ARN (`arn:aws:iam::ACCOUNT:role/NAME`)"
      : ': it only holds the ARN of a user, a role, a federated user or the root';
    issues.push({
      code: 'never-principal-arn',
      severity: 'warning',
      message: `condition value ${showValue(text)} of \`aws:PrincipalArn\` matches no caller${session}; ${whatTheTestDoes(statement.effect, clause)}`,
      pointer: clause.pointer,
      params: { value: text, operator: clause.baseOperator },
    });
  }
}

// Who passes a test no signed-in caller's ARN matches, by whether it is negated and whether it
// holds on the missing key of an anonymous caller.
const PASSED_BY: Readonly<Record<'signed-in' | 'anonymous' | 'both' | 'none', string>> = {
  none: 'no one',
  'signed-in': 'every signed-in caller',
  anonymous: 'only anonymous callers',
  both: 'every caller',
};

/** What an Allow or Deny does with a test on `aws:PrincipalArn` that no caller's ARN matches. */
function whatTheTestDoes(effect: Effect, clause: ConditionClause): string {
  const signedIn = clause.baseOperator.includes('Not');
  const anonymous = holdsWhenAbsent(clause);
  const who = PASSED_BY[signedIn ? (anonymous ? 'both' : 'signed-in') : anonymous ? 'anonymous' : 'none'];
  if (effect === 'Deny') return `this Deny refuses ${who}`;
  return signedIn ? `this Allow's condition holds for ${who}` : `this Allow admits ${who}`;
}

/** Condition keys ignore case, so `aws:userid` and `aws:UserId` under one operator collide. */
function checkKeyCase(clauses: readonly ConditionClause[], i: number, issues: ModelIssue[]): void {
  const clause = clauses[i] as ConditionClause;
  const lower = clause.key.toLowerCase();
  for (let j = i - 1; j >= 0; j--) {
    const earlier = clauses[j] as ConditionClause;
    if (earlier.operator !== clause.operator) return;
    if (earlier.key.toLowerCase() === lower) {
      issues.push({
        code: 'duplicate-condition-key',
        severity: 'error',
        message: `condition key ${showValue(clause.key)} appears again as ${showValue(earlier.key)} under ${showValue(clause.operator)} (keys ignore case)`,
        pointer: clause.pointer,
      });
      return;
    }
  }
}

/** Problems of a condition operator name, wherever it appears. */
function judgeOperator(operator: string): Omit<ModelIssue, 'pointer'>[] {
  const decoded = decodeOperator(operator);
  if (decoded.unknownPrefix !== undefined) {
    return [
      {
        code: 'unknown-set-operator',
        severity: 'error',
        message: `condition operator ${showValue(operator)} has an unknown prefix ${showValue(decoded.unknownPrefix)} (expected \`ForAllValues\` or \`ForAnyValue\`)`,
      },
    ];
  }
  if (!decoded.known) {
    return [
      {
        code: 'unknown-condition-operator',
        severity: 'error',
        message: `unknown condition operator ${showValue(operator)}`,
        params: { operator },
      },
    ];
  }
  const found: Omit<ModelIssue, 'pointer'>[] = [];
  if (decoded.baseOperator === 'Null' && decoded.ifExists) {
    found.push({
      code: 'null-if-exists',
      severity: 'error',
      message: `condition operator ${showValue(operator)}: \`Null\` cannot take the \`IfExists\` suffix`,
    });
  }
  if (decoded.canonical !== operator) {
    found.push({
      code: 'operator-case',
      severity: 'warning',
      message: `condition operator ${showValue(operator)} is usually written ${showValue(decoded.canonical)}`,
      params: { canonical: decoded.canonical },
    });
  }
  return found;
}

const SID_CHARACTERS = /^[A-Za-z0-9]*$/;

function checkSids(policy: Policy, type: PolicyType | undefined, issues: ModelIssue[]): void {
  const seen = new Set<string>();
  const restricted = type !== undefined && IAM_STORED.has(type);
  for (const statement of policy.statements) {
    const sid = statement.sid;
    if (sid === undefined) continue;
    if (restricted && !SID_CHARACTERS.test(sid)) {
      issues.push({
        code: 'invalid-sid',
        severity: 'error',
        message: `\`Sid\` ${showValue(sid)} may only contain ASCII letters and digits in ${TYPE_NAMES[type]}`,
        pointer: statement.pointer + '/Sid',
      });
    }
    // Terraform's aws_iam_policy_document wrote `"Sid": ""` for every statement without one; AWS accepts those.
    if (sid !== '' && seen.has(sid)) {
      const strict = type !== undefined && UNIQUE_SIDS.has(type);
      issues.push({
        code: 'duplicate-sid',
        severity: strict ? 'error' : 'warning',
        message: `\`Sid\` ${showValue(sid)} is used by an earlier statement`,
        pointer: statement.pointer + '/Sid',
      });
    }
    seen.add(sid);
  }
}

/** `RCPFullAWSAccess`, attached by AWS everywhere: the one RCP allowed to `Allow`. */
function isFullAccessRcpStatement(statement: Statement): boolean {
  return (
    statement.effect === 'Allow' &&
    statement.principal?.wildcard === true &&
    !statement.principal.negated &&
    statement.action?.negated === false &&
    statement.action.values.length === 1 &&
    statement.action.values[0] === '*' &&
    statement.resource?.negated === false &&
    statement.resource.values.length === 1 &&
    statement.resource.values[0] === '*' &&
    statement.conditions.length === 0
  );
}

function checkRcpStatement(statement: Statement, issues: ModelIssue[]): void {
  if (isFullAccessRcpStatement(statement)) return;
  const push = (code: PolicyIssueCode, message: string, pointer: string): void => {
    issues.push({ code, severity: 'error', message, pointer });
  };
  if (statement.effect !== 'Deny') {
    push('rcp-effect', 'a resource control policy statement must have `Effect` `Deny`', statement.pointer + '/Effect');
  }
  const principal = statement.principal;
  if (principal === undefined) {
    push(
      'missing-principal',
      'statement has no `Principal`; a resource control policy needs `"Principal": "*"`',
      statement.pointer,
    );
  } else if (principal.negated) {
    push(
      'rcp-principal',
      '`NotPrincipal` is not allowed in a resource control policy; use `"Principal": "*"` and conditions',
      principal.pointer,
    );
  } else if (!principal.wildcard) {
    push(
      'rcp-principal',
      '`Principal` must be `"*"` in a resource control policy; narrow it with conditions',
      principal.pointer,
    );
  }
  const action = statement.action;
  if (action?.negated === true) {
    push('rcp-not-action', '`NotAction` is not allowed in a resource control policy', action.pointer);
  } else if (action?.values.includes('*') === true) {
    push(
      'rcp-action-wildcard',
      '`Action` `*` is not allowed in a resource control policy; name the services',
      action.pointer,
    );
  }
}
