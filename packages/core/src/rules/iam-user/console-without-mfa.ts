import { defineRule } from '../rule';
import type { PrincipalSubject } from '../rule';
import { listValues, principalLabel } from '../describe';
import type { ActionCatalog } from '../../analysis/catalog-view';
import type { Policy } from '../../model/policy';
import { valueToString } from '../../model/symbolic';
import { compilePolicySet, evaluate } from '../../evaluator/evaluate';
import type { ContextValue } from '../../evaluator/types';

const V = '2012-10-17';
const MFA_KEY = 'aws:MultiFactorAuthPresent';

/**
 * What a user needs before having MFA: AWS's example "manage your own MFA device" policy leaves
 * these open, so that a new console user can sign in, change the password and enrol a device.
 */
const SELF_SERVICE = new Set(
  [
    'iam:ChangePassword',
    'iam:GetAccountPasswordPolicy',
    'iam:GetUser',
    'iam:GetMFADevice',
    'iam:CreateVirtualMFADevice',
    'iam:EnableMFADevice',
    'iam:ListMFADevices',
    'iam:ListVirtualMFADevices',
    'iam:ResyncMFADevice',
    'sts:GetSessionToken',
  ].map((a) => a.toLowerCase()),
);

/** Sensitive actions probed whatever the policies name (they matter for `*` and `NotAction` grants). */
const SENSITIVE = [
  'iam:CreateAccessKey',
  'iam:AttachUserPolicy',
  'iam:PutUserPolicy',
  'iam:CreateUser',
  'iam:PassRole',
  'sts:AssumeRole',
  's3:GetObject',
  's3:PutObject',
  's3:DeleteBucket',
  'ec2:RunInstances',
  'ec2:TerminateInstances',
  'kms:Decrypt',
  'secretsmanager:GetSecretValue',
  'lambda:UpdateFunctionCode',
  'dynamodb:DeleteTable',
  'rds:DeleteDBInstance',
  'cloudtrail:StopLogging',
  'organizations:LeaveOrganization',
];

/** How many actions of one wildcard pattern are probed besides the sensitive ones. */
const PER_PATTERN = 20;

// A console sign-in without MFA carries the key with `false`; a request signed with a long-term
// access key does not carry it at all.
const WITH_MFA: Readonly<Record<string, ContextValue>> = { [MFA_KEY]: 'true', 'aws:MultiFactorAuthAge': '60' };
const CONSOLE_WITHOUT_MFA: Readonly<Record<string, ContextValue>> = { [MFA_KEY]: 'false' };
const ACCESS_KEY: Readonly<Record<string, ContextValue>> = {};

/** Console users whose permissions do not depend on MFA. */
export default defineRule({
  meta: {
    id: 'iam-user/console-without-mfa',
    description:
      'An IAM user with a console password keeps its permissions without MFA: no Deny refuses its requests when `aws:MultiFactorAuthPresent` is false or absent.',
    rationale:
      'A password alone is phished, guessed or reused. AWS advises requiring MFA for every console user; since IAM cannot make MFA mandatory at sign-in, the usual way is a Deny, in the user\'s policies or its group\'s, of everything except the MFA self-service actions with `"BoolIfExists": {"aws:MultiFactorAuthPresent": "false"}` (which also catches access-key requests, where the key is absent). Better still, give people federated access through IAM Identity Center.',
    defaultSeverity: 'warning',
    recommended: true,
    appliesTo: { principals: ['user'] },
    messages: {
      noMfa:
        "console user `{{user}}` may call {{actions}} without MFA; deny requests with `BoolIfExists` `aws:MultiFactorAuthPresent` `false` in its policies or its group's",
      accessKeysBypass:
        'user `{{user}}` needs MFA at the console, but requests signed with its access keys (no `aws:MultiFactorAuthPresent` key) may call {{actions}}; test the key with `BoolIfExists`',
    },
  },
  examples: {
    valid: [
      {
        name: 'a console user whose policy denies everything but MFA self-service without MFA',
        principal: { kind: 'user', name: 'alice', credentials: ['login-profile'] },
        document: {
          Version: V,
          Statement: [
            { Effect: 'Allow', Action: ['s3:*', 'ec2:Describe*'], Resource: '*' },
            {
              Effect: 'Deny',
              NotAction: [
                'iam:ChangePassword',
                'iam:CreateVirtualMFADevice',
                'iam:EnableMFADevice',
                'iam:ListMFADevices',
                'sts:GetSessionToken',
              ],
              Resource: '*',
              Condition: { BoolIfExists: { [MFA_KEY]: 'false' } },
            },
          ],
        },
      },
      {
        name: 'a console user allowed to act only with MFA',
        principal: { kind: 'user', name: 'operator', credentials: ['login-profile'] },
        document: {
          Version: V,
          Statement: [
            {
              Effect: 'Allow',
              Action: 'ec2:TerminateInstances',
              Resource: '*',
              Condition: { Bool: { [MFA_KEY]: 'true' } },
            },
          ],
        },
      },
      {
        name: 'a user without a console password',
        principal: { kind: 'user', name: 'reporter' },
        document: {
          Version: V,
          Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::reports/*' }],
        },
      },
    ],
    invalid: [
      {
        name: 'a console user with permissions and no MFA condition',
        principal: { kind: 'user', name: 'bob', credentials: ['login-profile'] },
        document: {
          Version: V,
          Statement: [{ Effect: 'Allow', Action: 's3:PutObject', Resource: 'arn:aws:s3:::site/*' }],
        },
        errors: [{ messageId: 'noMfa' }],
      },
      {
        name: 'an MFA Deny that covers IAM only',
        principal: { kind: 'user', name: 'carol', credentials: ['login-profile'] },
        document: {
          Version: V,
          Statement: [
            { Effect: 'Allow', Action: '*', Resource: '*' },
            { Effect: 'Deny', Action: 'iam:*', Resource: '*', Condition: { BoolIfExists: { [MFA_KEY]: 'false' } } },
          ],
        },
        errors: [{ messageId: 'noMfa' }],
      },
      {
        name: 'an MFA Deny with `Bool`, which access-key requests slip through',
        principal: { kind: 'user', name: 'dave', credentials: ['login-profile', 'access-key'] },
        document: {
          Version: V,
          Statement: [
            { Effect: 'Allow', Action: 'dynamodb:*', Resource: '*' },
            {
              Effect: 'Deny',
              NotAction: 'iam:ChangePassword',
              Resource: '*',
              Condition: { Bool: { [MFA_KEY]: 'false' } },
            },
          ],
        },
        errors: [{ messageId: 'accessKeysBypass' }],
      },
    ],
  },
  checkPrincipal(context, subject) {
    const { principal } = subject;
    if (!(principal.credentials ?? []).some((c) => c.kind === 'login-profile')) return;
    const user = principalLabel(principal);
    const policies = subject.identityPolicies.flatMap((s) => (s.parsed.ok ? [s.parsed.value] : []));
    const boundary = subject.boundary?.parsed.ok ? subject.boundary.parsed.value : undefined;
    const compiled = compilePolicySet({ identityPolicies: policies, permissionsBoundary: boundary });
    const arn =
      typeof principal.arn === 'string' && principal.arn.startsWith('arn:')
        ? principal.arn
        : 'arn:aws:iam::123456789012:user/iamgate-console-user';
    const console: string[] = [];
    const keys: string[] = [];
    const unknown: string[] = [];
    for (const action of probes(policies, context.catalog)) {
      const ask = (requestContext: Readonly<Record<string, ContextValue>>) =>
        evaluate({ principal: arn, action, resource: '*', context: requestContext }, compiled);
      if (ask(WITH_MFA).mostAccess !== 'Allowed') continue;
      const withoutMfa = ask(CONSOLE_WITHOUT_MFA);
      const withKey = ask(ACCESS_KEY);
      if (withoutMfa.decision === 'Allowed') console.push(action);
      else if (withKey.decision === 'Allowed') keys.push(action);
      else if (withoutMfa.mostAccess === 'Allowed' || withKey.mostAccess === 'Allowed') unknown.push(action);
    }
    const missing = missingPolicies(subject);
    if ((console.length > 0 || keys.length > 0) && (missing.length > 0 || principal.existing === true)) {
      context.reportUnverifiable({
        // A user that exists already may hold a policy that requires MFA.
        reason:
          missing.length > 0
            ? `user \`${user}\` may act without MFA unless one of its policies not known before deploy requires it`
            : `user \`${user}\` may act without MFA unless a policy it holds outside the input requires it`,
        values: missing.length > 0 ? missing : [principal.id],
      });
      return;
    }
    if (console.length > 0) {
      context.report({
        messageId: 'noMfa',
        data: { user, actions: listValues(console) },
        evidence: { actions: console },
      });
    } else if (keys.length > 0) {
      context.report({
        messageId: 'accessKeysBypass',
        data: { user, actions: listValues(keys) },
        evidence: { actions: keys },
      });
    } else if (unknown.length > 0) {
      context.reportUnverifiable({
        reason: `whether user \`${user}\` may act without MFA depends on values known only after deploy`,
        values: unknown,
      });
    }
  },
});

/**
 * The actions to ask about: those the Allow statements name, a sample of each wildcard pattern,
 * and the sensitive actions; without the MFA self-service actions.
 */
function probes(policies: readonly Policy[], catalog: ActionCatalog): string[] {
  const found = new Map<string, string>();
  const add = (action: string): void => {
    const key = action.toLowerCase();
    if (!SELF_SERVICE.has(key) && !found.has(key)) found.set(key, action);
  };
  for (const action of SENSITIVE) add(action);
  for (const policy of policies) {
    for (const statement of policy.statements) {
      if (statement.effect !== 'Allow' || statement.action === undefined || statement.action.negated) continue;
      for (const value of statement.action.values) {
        if (!/[*?]/.test(value)) {
          add(value);
          continue;
        }
        const expanded = catalog.expand(value) ?? [];
        const sample = expanded.filter((a) => !SELF_SERVICE.has(a.toLowerCase()) && !found.has(a.toLowerCase()));
        for (const action of sample.slice(0, PER_PATTERN)) add(action);
      }
    }
  }
  return [...found.values()];
}

/** Names of the user's policies the engine could not read (unresolved or not in the catalog). */
function missingPolicies(subject: PrincipalSubject): string[] {
  const read = new Set(subject.identityPolicies.map((s) => s.attachment));
  return subject.principal.policies
    .filter((attachment) => !read.has(attachment))
    .map(
      (attachment) =>
        attachment.policy?.name ?? (attachment.arn !== undefined ? valueToString(attachment.arn) : attachment.kind),
    );
}
