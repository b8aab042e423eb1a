import { defineRule } from '../rule';
import type { RuleContext } from '../rule';
import type { AccountSettingInput, SourceLocation } from '../../analysis/input';
import { listValues } from '../describe';
import { isSymbolic, valueToString } from '../../model/symbolic';

/** CIS AWS Foundations 1.8 / Security Hub IAM.15: at least 14 characters. */
const MIN_LENGTH = 14;
/** CIS AWS Foundations 1.9 / Security Hub IAM.16: remember the last 24 passwords. */
const MIN_REUSE_PREVENTION = 24;
/** CIS AWS Foundations 1.2 (1.11) / Security Hub IAM.7: passwords expire within 90 days. */
const MAX_AGE = 90;
/** IAM's default minimum length when the policy does not set one. */
const DEFAULT_LENGTH = 6;

/** The character classes CIS 1.2 (1.5 to 1.8) and Security Hub IAM.7 require, by setting. */
const CLASSES: readonly (readonly [setting: string, label: string])[] = [
  ['require_uppercase_characters', 'uppercase letters'],
  ['require_lowercase_characters', 'lowercase letters'],
  ['require_numbers', 'numbers'],
  ['require_symbols', 'symbols'],
];

/** An account password policy weaker than AWS's and CIS's recommendations, or none for console users. */
export default defineRule({
  meta: {
    id: 'iam-user/weak-password-policy',
    description:
      'The account password policy is weaker than the CIS AWS Foundations recommendations (14 characters, 24 remembered passwords, expiry within 90 days, all character classes), or console users are created without one.',
    rationale:
      'Console passwords of IAM users are only as strong as the account password policy: without one IAM accepts 6-character passwords that never expire and may be reused. CIS AWS Foundations (and Security Hub controls IAM.7, IAM.15 and IAM.16) ask for at least 14 characters and the reuse prevention of the last 24 passwords; its earlier versions also ask for uppercase, lowercase, numbers and symbols and for passwords to expire within 90 days. Define `aws_iam_account_password_policy` accordingly (when another stack or an organization baseline owns the policy, suppress the `missing` finding), and prefer federated access for people.',
    defaultSeverity: 'warning',
    recommended: true,
    appliesTo: {},
    messages: {
      missing:
        'console users are created ({{users}}) but no account password policy is defined; IAM then accepts 6-character passwords that never expire',
      shortLength: 'the account password policy accepts passwords of {{length}} characters; require at least 14',
      reuse: 'the account password policy {{reuse}}; prevent the reuse of the last 24 passwords',
      expiry: 'the account password policy {{expiry}}; expire passwords within 90 days',
      complexity: 'the account password policy does not require {{classes}}',
    },
  },
  examples: {
    valid: [
      {
        name: 'a password policy as CIS recommends',
        accountSettings: [
          {
            kind: 'password-policy',
            settings: {
              minimum_password_length: 16,
              password_reuse_prevention: 24,
              max_password_age: 90,
              require_uppercase_characters: true,
              require_lowercase_characters: true,
              require_numbers: true,
              require_symbols: true,
            },
          },
        ],
        principal: { kind: 'user', name: 'alice', credentials: ['login-profile'] },
      },
      {
        name: 'no password policy and no console user',
        principal: { kind: 'user', name: 'ci', credentials: ['access-key'] },
      },
    ],
    invalid: [
      {
        name: 'a console user without a password policy',
        principal: { kind: 'user', name: 'bob', credentials: ['login-profile'] },
        errors: [{ messageId: 'missing' }],
      },
      {
        name: 'a policy with short passwords and little reuse prevention',
        accountSettings: [
          {
            kind: 'password-policy',
            settings: {
              minimum_password_length: 8,
              password_reuse_prevention: 5,
              max_password_age: 90,
              require_uppercase_characters: true,
              require_lowercase_characters: true,
              require_numbers: true,
              require_symbols: true,
            },
          },
        ],
        errors: [{ messageId: 'shortLength' }, { messageId: 'reuse' }],
      },
      {
        name: 'a long-password policy without expiry or symbols',
        accountSettings: [
          {
            kind: 'password-policy',
            settings: {
              minimum_password_length: 20,
              password_reuse_prevention: 24,
              require_uppercase_characters: true,
              require_lowercase_characters: true,
              require_numbers: true,
            },
          },
        ],
        errors: [{ messageId: 'expiry' }, { messageId: 'complexity' }],
      },
    ],
  },
  checkAccount(context, subject) {
    const policies = subject.settings.filter((s) => s.kind === 'password-policy');
    if (policies.length === 0) {
      const console = subject.principals.filter(
        (p) => p.kind === 'user' && (p.credentials ?? []).some((c) => c.kind === 'login-profile'),
      );
      const first = console[0]?.credentials?.find((c) => c.kind === 'login-profile');
      if (first === undefined) return;
      context.report({
        messageId: 'missing',
        data: { users: listValues(console.map((p) => p.id)) },
        location: first.location,
        evidence: { users: console.map((p) => p.id) },
      });
      return;
    }
    for (const policy of policies) checkPolicy(context, policy);
  },
});

type Context = RuleContext<'missing' | 'shortLength' | 'reuse' | 'expiry' | 'complexity'>;

/** Checks one password policy; unknown values are reported as unverifiable. */
function checkPolicy(context: Context, policy: AccountSettingInput): void {
  const location = policy.location;
  const key = keyOf(location);
  const read = (name: string): Setting => setting(policy.settings, name);
  const unknown: string[] = [];

  const length = read('minimum_password_length');
  if (length.kind === 'unknown') unknown.push(length.text);
  else {
    const value = length.kind === 'absent' ? DEFAULT_LENGTH : numberOf(length.value);
    if (value < MIN_LENGTH)
      context.report({
        messageId: 'shortLength',
        data: { length: value },
        location,
        key: `${key} length`,
        evidence: { minimumPasswordLength: value },
      });
  }

  const reuse = read('password_reuse_prevention');
  if (reuse.kind === 'unknown') unknown.push(reuse.text);
  else {
    const value = reuse.kind === 'absent' ? 0 : numberOf(reuse.value);
    if (value < MIN_REUSE_PREVENTION)
      context.report({
        messageId: 'reuse',
        data: {
          reuse: value <= 0 ? 'allows reusing any earlier password' : `remembers only the last ${value} passwords`,
        },
        location,
        key: `${key} reuse`,
        evidence: { passwordReusePrevention: value },
      });
  }

  const age = read('max_password_age');
  if (age.kind === 'unknown') unknown.push(age.text);
  else {
    const value = age.kind === 'absent' ? 0 : numberOf(age.value);
    if (value <= 0 || value > MAX_AGE)
      context.report({
        messageId: 'expiry',
        data: { expiry: value <= 0 ? 'lets passwords live forever' : `lets passwords live ${value} days` },
        location,
        key: `${key} expiry`,
        evidence: { maxPasswordAge: value },
      });
  }

  const missing: string[] = [];
  for (const [name, label] of CLASSES) {
    const value = read(name);
    if (value.kind === 'unknown') unknown.push(value.text);
    else if (value.kind === 'absent' || !truthy(value.value)) missing.push(label);
  }
  if (missing.length > 0)
    context.report({
      messageId: 'complexity',
      data: { classes: joinLabels(missing) },
      location,
      key: `${key} complexity`,
      evidence: { missing },
    });

  if (unknown.length > 0)
    context.reportUnverifiable({
      reason: 'settings of the account password policy are known only after deploy',
      values: unknown,
    });
}

type Setting =
  | { readonly kind: 'absent' }
  | { readonly kind: 'unknown'; readonly text: string }
  | { readonly kind: 'known'; readonly value: unknown };

/**
 * A setting by its Terraform name, or by its IAM API name (`MinimumPasswordLength`); `null` is
 * absent (the plan of an unset attribute).
 */
function setting(settings: Readonly<Record<string, unknown>>, name: string): Setting {
  const apiName = name.replace(/(^|_)([a-z])/g, (_m, _s: string, c: string) => c.toUpperCase());
  const value = settings[name] ?? settings[apiName];
  if (value === undefined || value === null) return { kind: 'absent' };
  if (isSymbolic(value)) return { kind: 'unknown', text: `${name} = ${valueToString(value)}` };
  return { kind: 'known', value };
}

function numberOf(value: unknown): number {
  const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : NaN;
  return Number.isFinite(n) ? n : 0;
}

function truthy(value: unknown): boolean {
  return value === true || (typeof value === 'string' && value.toLowerCase() === 'true');
}

function joinLabels(labels: readonly string[]): string {
  if (labels.length === 1) return labels[0] ?? '';
  return `${labels.slice(0, -1).join(', ')} or ${labels[labels.length - 1] ?? ''}`;
}

function keyOf(location: SourceLocation): string {
  return location.address ?? location.logicalId ?? location.file ?? '';
}
