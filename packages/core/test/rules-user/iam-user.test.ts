/**
 * The iam-user rules on scan inputs the static examples cannot express: group policies, policies
 * unknown before deploy, password policy settings by their API names or unknown, several
 * credentials, and where findings are located.
 */
import { runGuard } from '../../src/analysis/engine';
import type { AccountSettingInput, AttachedPolicy, PrincipalInput, ScanInput } from '../../src/analysis/input';
import type { RuleId, Severity } from '../../src/analysis/finding';
import type { ResolvedConfig } from '../../src/config/types';
import { SymbolicValue } from '../../src/model/symbolic';

const V = '2012-10-17';
const MFA = 'aws:MultiFactorAuthPresent';
const FORCE_MFA = {
  Version: V,
  Statement: [
    {
      Effect: 'Deny',
      NotAction: ['iam:ChangePassword', 'iam:EnableMFADevice', 'sts:GetSessionToken'],
      Resource: '*',
      Condition: { BoolIfExists: { [MFA]: 'false' } },
    },
  ],
};
const S3_ADMIN = { Version: V, Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] };

function config(...rules: RuleId[]): ResolvedConfig {
  const severities = new Map<RuleId, Severity>(rules.map((r) => [r, 'warning']));
  severities.set('unverifiable/unknown-value', 'info');
  severities.set('unverifiable/rule-failure', 'error');
  return { severities, settings: { boundary: {}, trust: {}, scps: [], tuning: {} }, suppressions: [] };
}

function inline(name: string, document: unknown): AttachedPolicy {
  return { kind: 'inline', policy: { id: name, name, document, location: { file: 'main.tf', address: name } } };
}

function viaGroup(name: string, document: unknown): AttachedPolicy {
  return {
    kind: 'group',
    via: 'aws_iam_group.staff',
    policy: { id: name, name, document, location: { file: 'main.tf', address: name } },
  };
}

function user(
  name: string,
  policies: AttachedPolicy[],
  credentials: ('access-key' | 'login-profile')[],
): PrincipalInput {
  return {
    id: `aws_iam_user.${name}`,
    kind: 'user',
    name,
    path: '/',
    arn: `arn:aws:iam::111122223333:user/${name}`,
    policies,
    tags: {},
    credentials: credentials.map((kind, i) => ({
      kind,
      location: {
        file: 'main.tf',
        address: `aws_iam_${kind === 'access-key' ? 'access_key' : 'user_login_profile'}.${name}_${i}`,
      },
    })),
    location: { file: 'main.tf', address: `aws_iam_user.${name}` },
  };
}

function scan(principals: PrincipalInput[], accountSettings?: AccountSettingInput[]): ScanInput {
  return { principals, resources: [], policies: [], errors: [], ...(accountSettings ? { accountSettings } : {}) };
}

describe('iam-user/console-without-mfa', () => {
  const cases: readonly [string, PrincipalInput, string[]][] = [
    [
      "an MFA Deny in the group covers the user's own grants",
      user('alice', [inline('own', S3_ADMIN), viaGroup('force-mfa', FORCE_MFA)], ['login-profile']),
      [],
    ],
    [
      'grants through the group and no MFA Deny anywhere',
      user('bob', [viaGroup('admins', S3_ADMIN)], ['login-profile']),
      ['iam-user/console-without-mfa'],
    ],
    [
      'an MFA Deny scoped to another service than the grants',
      user(
        'carol',
        [
          viaGroup('admins', S3_ADMIN),
          viaGroup('ec2-mfa', {
            Version: V,
            Statement: [{ ...FORCE_MFA.Statement[0], NotAction: undefined, Action: 'ec2:*' }],
          }),
        ],
        ['login-profile'],
      ),
      ['iam-user/console-without-mfa'],
    ],
    [
      'an MFA requirement stated with Null and Bool in two Denies',
      user(
        'dora',
        [
          inline('own', S3_ADMIN),
          inline('mfa', {
            Version: V,
            Statement: [
              {
                Effect: 'Deny',
                NotAction: 'iam:ChangePassword',
                Resource: '*',
                Condition: { Bool: { [MFA]: 'false' } },
              },
              {
                Effect: 'Deny',
                NotAction: 'iam:ChangePassword',
                Resource: '*',
                Condition: { Null: { [MFA]: 'true' } },
              },
            ],
          }),
        ],
        ['login-profile'],
      ),
      [],
    ],
    ['a console user without any permission', user('erin', [], ['login-profile']), []],
    [
      'an MFA Deny on a resource known only after deploy',
      user(
        'gail',
        [
          inline('own', { Version: V, Statement: [{ Effect: 'Allow', Action: 'sqs:SendMessage', Resource: '*' }] }),
          inline('mfa', {
            Version: V,
            Statement: [
              {
                ...FORCE_MFA.Statement[0],
                Resource: new SymbolicValue([{ id: 'q', source: 'aws_sqs_queue.jobs.arn' }]),
              },
            ],
          }),
        ],
        ['login-profile'],
      ),
      ['unverifiable/unknown-value'],
    ],
    [
      'a group policy unknown before deploy that may hold the MFA Deny',
      user(
        'finn',
        [
          inline('own', S3_ADMIN),
          {
            kind: 'group',
            via: 'aws_iam_group.x',
            policy: {
              id: 'g',
              name: 'g',
              document: undefined,
              unresolved: { reason: 'known after apply', references: ['aws_iam_policy.g'] },
              location: { file: 'main.tf' },
            },
          },
        ],
        ['login-profile'],
      ),
      ['unverifiable/unknown-value'],
    ],
  ];
  it.each(cases)('%s', (_name, principal, expected) => {
    const findings = runGuard(scan([principal]), config('iam-user/console-without-mfa')).findings;
    expect(findings.map((f) => f.ruleId).filter((id) => id !== 'unverifiable/unresolved-policy')).toEqual(expected);
  });

  it('a user that exists outside the input may hold an MFA Deny there: unverifiable, not a finding', () => {
    const existing = { ...user('erin', [inline('own', S3_ADMIN)], ['login-profile']), existing: true };
    const findings = runGuard(scan([existing]), config('iam-user/console-without-mfa')).findings;
    expect(findings.map((f) => f.ruleId)).toEqual(['unverifiable/unknown-value']);
    expect(findings[0]?.message).toContain('unless a policy it holds outside the input requires it');
  });

  it('names the actions a console session may call without MFA', () => {
    const [finding] = runGuard(
      scan([user('bob', [viaGroup('admins', S3_ADMIN)], ['login-profile'])]),
      config('iam-user/console-without-mfa'),
    ).findings;
    const actions = finding?.evidence?.['actions'] as string[];
    expect(actions).toContain('s3:GetObject');
    expect(actions).not.toContain('iam:CreateAccessKey');
  });
});

describe('iam-user/access-key', () => {
  it('reports each key at its own resource, so that a suppression can name one key', () => {
    const findings = runGuard(
      scan([user('ci', [], ['access-key', 'access-key'])]),
      config('iam-user/access-key'),
    ).findings;
    expect(findings.map((f) => f.location.address).sort()).toEqual([
      'aws_iam_access_key.ci_0',
      'aws_iam_access_key.ci_1',
    ]);
    expect(new Set(findings.map((f) => f.fingerprint)).size).toBe(2);
    expect(findings.every((f) => f.principal === 'aws_iam_user.ci')).toBe(true);
  });

  it('reports a service-specific credential with the service it is for', () => {
    const git = user('mirror', [], []);
    const withCredential: PrincipalInput = {
      ...git,
      credentials: [
        {
          kind: 'service-credential',
          service: 'codecommit.amazonaws.com',
          location: { file: 'main.tf', address: 'aws_iam_service_specific_credential.git' },
        },
      ],
    };
    const [finding, ...others] = runGuard(scan([withCredential]), config('iam-user/access-key')).findings;
    expect(others).toEqual([]);
    expect(finding?.message).toBe(
      'a long-term credential for `codecommit.amazonaws.com` is created for user `mirror`, its secret stored in the state; use a role or federation for temporary credentials instead',
    );
    expect(finding?.location.address).toBe('aws_iam_service_specific_credential.git');
    expect(finding?.evidence).toEqual({ user: 'aws_iam_user.mirror', service: 'codecommit.amazonaws.com' });
  });

  it('is silenced by a suppression naming the key address', () => {
    const resolved: ResolvedConfig = {
      ...config('iam-user/access-key'),
      suppressions: [
        {
          rule: 'iam-user/access-key',
          target: 'aws_iam_access_key.ci_0',
          reason: 'legacy vendor integration',
          source: 'config: /suppressions/0',
        },
      ],
    };
    const result = runGuard(scan([user('ci', [], ['access-key', 'access-key'])]), resolved);
    expect(result.findings.map((f) => f.location.address)).toEqual(['aws_iam_access_key.ci_1']);
    expect(result.suppressed).toHaveLength(1);
  });
});

const STRONG = {
  minimum_password_length: 14,
  password_reuse_prevention: 24,
  max_password_age: 60,
  require_uppercase_characters: true,
  require_lowercase_characters: true,
  require_numbers: true,
  require_symbols: true,
};

function passwordPolicy(
  settings: Record<string, unknown>,
  address = 'aws_iam_account_password_policy.this',
): AccountSettingInput {
  return { kind: 'password-policy', settings, location: { file: 'main.tf', address } };
}

describe('iam-user/weak-password-policy', () => {
  const unknown = new SymbolicValue([{ id: 'len', source: 'var.min_length' }]);
  const cases: readonly [string, AccountSettingInput[] | undefined, PrincipalInput[], string[]][] = [
    ['exactly the recommended thresholds', [passwordPolicy(STRONG)], [], []],
    [
      'settings by their IAM API names',
      [
        passwordPolicy({
          MinimumPasswordLength: 8,
          PasswordReusePrevention: 24,
          MaxPasswordAge: 90,
          RequireUppercaseCharacters: true,
          RequireLowercaseCharacters: true,
          RequireNumbers: true,
          RequireSymbols: true,
        }),
      ],
      [],
      ['shortLength'],
    ],
    [
      'numbers given as strings',
      [passwordPolicy({ ...STRONG, minimum_password_length: '14', password_reuse_prevention: '23' })],
      [],
      ['reuse'],
    ],
    ['passwords that live longer than 90 days', [passwordPolicy({ ...STRONG, max_password_age: 365 })], [], ['expiry']],
    [
      'unset attributes in a plan (null) read as IAM defaults',
      [
        passwordPolicy({
          minimum_password_length: null,
          password_reuse_prevention: null,
          max_password_age: null,
          require_numbers: true,
        }),
      ],
      [],
      ['complexity', 'expiry', 'reuse', 'shortLength'],
    ],
    [
      'a length known only after deploy',
      [passwordPolicy({ ...STRONG, minimum_password_length: unknown })],
      [],
      ['unknown'],
    ],
    ['a console user and a password policy', [passwordPolicy(STRONG)], [user('alice', [], ['login-profile'])], []],
    [
      'console users and no password policy',
      undefined,
      [user('alice', [], ['login-profile']), user('bob', [], ['login-profile'])],
      ['missing'],
    ],
    ['no console user and no password policy', undefined, [user('ci', [], ['access-key'])], []],
  ];
  it.each(cases)('%s', (_name, settings, principals, expected) => {
    const reports: string[] = [];
    runGuard(scan(principals, settings), config('iam-user/weak-password-policy'), {
      observe: (r) => reports.push(r.messageId),
    });
    expect(reports.sort()).toEqual(expected);
  });

  it('reports a missing policy once, at the first login profile, naming every console user', () => {
    const findings = runGuard(
      scan([user('alice', [], ['login-profile']), user('bob', [], ['login-profile'])]),
      config('iam-user/weak-password-policy'),
    ).findings;
    expect(findings).toHaveLength(1);
    expect(findings[0]?.location.address).toBe('aws_iam_user_login_profile.alice_0');
    expect(findings[0]?.evidence?.['users']).toEqual(['aws_iam_user.alice', 'aws_iam_user.bob']);
  });

  it('checks each password policy of a multi-root scan at its own address', () => {
    const findings = runGuard(
      scan(
        [],
        [
          passwordPolicy({ ...STRONG, minimum_password_length: 8 }, 'a'),
          passwordPolicy({ ...STRONG, minimum_password_length: 10 }, 'b'),
        ],
      ),
      config('iam-user/weak-password-policy'),
    ).findings;
    expect(findings.map((f) => `${f.location.address}: ${f.message}`).sort()).toEqual([
      'a: the account password policy accepts passwords of 8 characters; require at least 14',
      'b: the account password policy accepts passwords of 10 characters; require at least 14',
    ]);
  });
});

test('a user whose name is known only after deploy is named by its id in every iam-user message', () => {
  const named = {
    ...user('ci', [inline('aws_iam_user_policy.ci', S3_ADMIN)], ['access-key', 'login-profile']),
    name: new SymbolicValue([{ id: 'n', source: 'the name of user `CiA080E7EE`' }]),
  };
  const result = runGuard(
    scan([named]),
    config('iam-user/access-key', 'iam-user/direct-policy', 'iam-user/console-without-mfa'),
  );
  const messages = result.findings.filter((f) => f.ruleId.startsWith('iam-user/')).map((f) => f.message);
  expect(messages.length).toBe(3);
  for (const message of messages) {
    expect(message).toContain('`aws_iam_user.ci`');
    expect(message).not.toContain('${');
  }
});
