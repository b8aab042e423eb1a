/**
 * How the catalog rules read permissions: across all the policies of a principal, through
 * denies, boundaries, conditions and references to the principal itself.
 */
import { SymbolicValue } from '../../src/model/symbolic';
import type { PolicySource } from '../../src/analysis/input';
import type { RuleId } from '../../src/analysis/finding';
import { doc, inline, principal, runCatalog, runOnPolicy, source } from './helpers';

const PASS_ANY = { Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' };
const LAMBDA_CREATE = { Effect: 'Allow', Action: ['lambda:CreateFunction', 'lambda:InvokeFunction'], Resource: '*' };

function ids(findings: readonly { ruleId: string; evidence?: Readonly<Record<string, unknown>> }[]): string[] {
  return findings
    .map((f) => `${f.ruleId}${typeof f.evidence?.['path'] === 'string' ? ` ${f.evidence['path']}` : ''}`)
    .sort();
}

describe('escalation paths over a principal', () => {
  const pathRules: RuleId[] = [
    'privilege-escalation/pass-role-to-service',
    'privilege-escalation/iam-policy-modification',
  ];

  it.each([
    [
      'PassRole and lambda:CreateFunction split over two policies open the path once, in the PassRole policy',
      [inline('Pass', doc(PASS_ANY)), inline('Lambda', doc(LAMBDA_CREATE))],
      undefined,
      ['privilege-escalation/pass-role-to-service lambda-001'],
    ],
    [
      'a boundary without iam:PassRole closes the path',
      [inline('Pass', doc(PASS_ANY)), inline('Lambda', doc(LAMBDA_CREATE))],
      doc({ Effect: 'Allow', Action: 'lambda:*', Resource: '*' }),
      [],
    ],
    [
      'an unconditional deny of lambda:CreateFunction closes the path',
      [inline('All', doc(PASS_ANY, LAMBDA_CREATE, { Effect: 'Deny', Action: 'lambda:Create*', Resource: '*' }))],
      undefined,
      [],
    ],
    [
      'iam:PassedToService naming another service closes the path',
      [
        inline(
          'All',
          doc(
            { ...PASS_ANY, Condition: { StringEquals: { 'iam:PassedToService': 'ecs-tasks.amazonaws.com' } } },
            LAMBDA_CREATE,
          ),
        ),
      ],
      undefined,
      [],
    ],
  ])('%s', (_name, policies, boundary, expected) => {
    const boundaryArn = 'arn:aws:iam::111122223333:policy/boundary';
    const role = principal('App', 'role', policies, {
      ...(boundary ? { permissionsBoundary: { arn: boundaryArn, policy: source('Boundary', boundary) } } : {}),
    });
    expect(ids(runCatalog({ principals: [role] }, pathRules))).toEqual(expected);
  });

  it('a role allowed iam:PutRolePolicy on its own (deploy-time) ARN escalates on itself', () => {
    const arn = new SymbolicValue([{ id: 'App.Arn', source: 'the ARN of role App' }]);
    const role = principal(
      'App',
      'role',
      [inline('Self', doc({ Effect: 'Allow', Action: 'iam:PutRolePolicy', Resource: arn }))],
      {
        arn,
      },
    );
    const findings = runCatalog({ principals: [role] }, ['privilege-escalation/iam-policy-modification']);
    expect(findings.map((f) => f.evidence?.['grantedBy'])).toEqual([
      [{ action: 'iam:PutRolePolicy', policy: 'Self', pointer: '/Statement/0', onItself: true }],
    ]);
  });

  it('iam:PutRolePolicy on another named role is not an escalation path', () => {
    const role = principal('App', 'role', [
      inline(
        'Other',
        doc({ Effect: 'Allow', Action: 'iam:PutRolePolicy', Resource: 'arn:aws:iam::111122223333:role/Other' }),
      ),
    ]);
    expect(runCatalog({ principals: [role] }, ['privilege-escalation/iam-policy-modification'])).toEqual([]);
  });

  it('a longer path is folded into the shorter one it contains', () => {
    const findings = runOnPolicy(
      doc({ Effect: 'Allow', Action: ['iam:PutRolePolicy', 'sts:AssumeRole'], Resource: '*' }),
      ['privilege-escalation/iam-policy-modification', 'privilege-escalation/assume-any-role'],
    );
    expect(ids(findings)).toEqual([
      'privilege-escalation/assume-any-role sts-001',
      'privilege-escalation/iam-policy-modification iam-005',
    ]);
    expect(findings.find((f) => f.evidence?.['path'] === 'iam-005')?.evidence?.['alsoOpens']).toEqual(['iam-017']);
  });

  it('every action on every resource is left to admin-access', () => {
    expect(runOnPolicy(doc({ Effect: 'Allow', Action: '*', Resource: '*' }))).toEqual([]);
  });
});

describe('unscoped sensitive actions', () => {
  it.each([
    [
      'sts:AssumeRole on `*` returns credentials, reported once (not again as a write on `*`)',
      doc({ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }),
      ['credentials-exposure/unscoped-credential-action'],
    ],
    [
      'a write on `*` with actions of its own is kept beside the credentials finding',
      doc({ Effect: 'Allow', Action: ['sts:AssumeRole', 'sns:Publish'], Resource: '*' }),
      ['credentials-exposure/unscoped-credential-action', 'wildcard-resource/write-on-star'],
    ],
    [
      'a condition on the source VPC keeps parameters read-scoped',
      doc({
        Effect: 'Allow',
        Action: 'ssm:GetParameters',
        Resource: '*',
        Condition: { StringEquals: { 'aws:SourceVpc': 'vpc-1' } },
      }),
      [],
    ],
    [
      'ssm:GetParameter* on every parameter',
      doc({ Effect: 'Allow', Action: 'ssm:GetParameter*', Resource: 'arn:aws:ssm:*:*:parameter/*' }),
      ['data-exfiltration/unscoped-read'],
    ],
    [
      'the type word and `*` (`parameter*`) names every parameter as `parameter/*` does',
      doc({ Effect: 'Allow', Action: 'ssm:GetParameter', Resource: 'arn:aws:ssm:eu-west-1:111122223333:parameter*' }),
      ['data-exfiltration/unscoped-read'],
    ],
    [
      'a name prefix where the name comes first (`orders*` of SQS) is not every queue',
      doc({ Effect: 'Allow', Action: 'sqs:SendMessage', Resource: 'arn:aws:sqs:eu-west-1:111122223333:orders*' }),
      [],
    ],
    [
      'a name prefix after the type word (`secret:app-*`) is not every secret',
      doc({
        Effect: 'Allow',
        Action: 'secretsmanager:GetSecretValue',
        Resource: 'arn:aws:secretsmanager:eu-west-1:111122223333:secret:app-*',
      }),
      [],
    ],
    [
      '`secret*` is every secret',
      doc({
        Effect: 'Allow',
        Action: 'secretsmanager:GetSecretValue',
        Resource: 'arn:aws:secretsmanager:eu-west-1:111122223333:secret*',
      }),
      ['data-exfiltration/unscoped-read'],
    ],
    [
      'sns:* on `*` writes to every topic',
      doc({ Effect: 'Allow', Action: 'sns:*', Resource: '*' }),
      ['wildcard-resource/write-on-star'],
    ],
  ])('%s', (_name, document, expected) => {
    const rules: RuleId[] = [
      'credentials-exposure/unscoped-credential-action',
      'data-exfiltration/unscoped-read',
      'wildcard-resource/write-on-star',
    ];
    expect(ids(runOnPolicy(document, rules))).toEqual(expected);
  });

  it('tuning.dataExfiltrationActions replaces the list of sensitive reads', () => {
    const document = doc({ Effect: 'Allow', Action: ['dynamodb:Scan', 's3:GetObject'], Resource: '*' });
    const policies = [{ policy: source('p', document), type: 'identity' as const }];
    const findings = runCatalog({ policies }, ['data-exfiltration/unscoped-read'], {
      tuning: { dataExfiltrationActions: ['dynamodb:Scan'] },
    });
    expect(findings.map((f) => f.evidence?.['actions'])).toEqual([['dynamodb:Scan']]);
  });

  it('write-on-star names the Permissions management actions of a NotAction', () => {
    const findings = runOnPolicy(doc({ Effect: 'Allow', NotAction: ['iam:*', 'sts:*'], Resource: '*' }), [
      'wildcard-resource/write-on-star',
    ]);
    const actions = (findings[0]?.evidence?.['actions'] ?? []) as string[];
    expect(actions).toContain('s3:PutBucketPolicy');
    expect(actions.some((a) => a.startsWith('iam:'))).toBe(false);
    expect(actions).not.toContain('xray:PutTraceSegments');
  });

  it.each([
    ['no deny', [], ['s3:PutBucketPolicy', 's3:PutBucketAcl']],
    [
      'a deny of the policy changes',
      [{ Effect: 'Deny', Action: ['s3:PutBucketPolicy', 's3:PutBucketAcl'], Resource: '*' }],
      ['s3:DeleteBucketPolicy'],
    ],
  ])('service-wildcard names the Permissions management actions left open (%s)', (_, denies, named) => {
    const findings = runOnPolicy(doc({ Effect: 'Allow', Action: 's3:*', Resource: '*' }, ...denies), [
      'wildcard-action/service-wildcard',
    ]);
    const includes = (findings[0]?.evidence?.['includes'] ?? []) as string[];
    for (const action of named) expect(includes).toContain(action);
    for (const denied of denies.flatMap((d) => d.Action)) expect(includes).not.toContain(denied);
  });
});

it('service-wildcard names first the actions that write a resource policy or an ACL, then those that remove one', () => {
  const findings = runOnPolicy(doc({ Effect: 'Allow', Action: 's3:*', Resource: '*' }), [
    'wildcard-action/service-wildcard',
  ]);
  const includes = (findings[0]?.evidence?.['includes'] ?? []) as string[];
  const writesPolicy = includes.indexOf('s3:PutBucketPolicy');
  expect(writesPolicy).toBeGreaterThanOrEqual(0);
  expect(writesPolicy).toBeLessThan(includes.indexOf('s3:DeleteBucketPolicy'));
  expect(includes.indexOf('s3:DeleteBucketPolicy')).toBeLessThan(includes.indexOf('s3:BypassGovernanceRetention'));
  expect(findings[0]?.message).toMatch(/including `s3:Put\w*(Policy|Acl)`/);
});

describe('one finding per risk per statement', () => {
  const rules: RuleId[] = [
    'privilege-escalation/pass-role-wildcard',
    'privilege-escalation/pass-role-to-service',
    'privilege-escalation/assume-any-role',
    'credentials-exposure/unscoped-credential-action',
    'privilege-escalation/user-credentials',
    'wildcard-resource/write-on-star',
  ];
  it.each([
    [
      'iam:PassRole on `*` is not reported again as a write on `*`',
      doc({ Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' }),
      ['privilege-escalation/pass-role-wildcard'],
    ],
    [
      'iam:PassRole on every role but one (NotResource) passes all the others',
      doc({ Effect: 'Allow', Action: 'iam:PassRole', NotResource: 'arn:aws:iam::111122223333:role/admin-*' }),
      ['privilege-escalation/pass-role-wildcard'],
    ],
    [
      'iam:PassRole with a NotResource known only after deploy is no pass-role-wildcard (it might exclude every role)',
      doc({
        Effect: 'Allow',
        Action: 'iam:PassRole',
        NotResource: new SymbolicValue([{ id: 'Roles', source: 'the value of parameter Roles' }]),
      }),
      ['wildcard-resource/write-on-star'],
    ],
    [
      'sts:AssumeRole on `*` is reported by assume-any-role only',
      doc({ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }),
      ['privilege-escalation/assume-any-role sts-001'],
    ],
    [
      'the paths through one iam:PassRole statement give one finding, which answers for the statements they run through',
      doc(
        PASS_ANY,
        {
          Effect: 'Allow',
          Action: ['lambda:CreateFunction', 'lambda:InvokeFunction', 'ec2:RunInstances'],
          Resource: 'arn:aws:lambda:*:*:function:*',
        },
        { Effect: 'Allow', Action: 'ec2:RunInstances', Resource: '*' },
      ),
      ['privilege-escalation/pass-role-to-service ec2-001', 'privilege-escalation/pass-role-wildcard'],
    ],
    [
      'a write on `*` beside an action of the path, in another statement, is still reported',
      doc(PASS_ANY, { Effect: 'Allow', Action: ['ec2:RunInstances', 'sqs:DeleteQueue'], Resource: '*' }),
      [
        'privilege-escalation/pass-role-to-service ec2-001',
        'privilege-escalation/pass-role-wildcard',
        'wildcard-resource/write-on-star',
      ],
    ],
    [
      'the path split into one statement per action gives the findings of the one statement',
      doc({
        Effect: 'Allow',
        Action: ['iam:PassRole', 'lambda:CreateFunction', 'lambda:InvokeFunction'],
        Resource: '*',
      }),
      ['privilege-escalation/pass-role-to-service lambda-001', 'privilege-escalation/pass-role-wildcard'],
    ],
    [
      'the same, one statement per action',
      doc(
        PASS_ANY,
        { Effect: 'Allow', Action: 'lambda:CreateFunction', Resource: '*' },
        { Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: '*' },
      ),
      ['privilege-escalation/pass-role-to-service lambda-001', 'privilege-escalation/pass-role-wildcard'],
    ],
    [
      'access keys of every user granted by two statements: one risk, the escalation path',
      doc(
        { Effect: 'Allow', Action: ['iam:CreateAccessKey', 'iam:ListUsers'], Resource: '*' },
        { Effect: 'Allow', Action: 'iam:CreateAccessKey', Resource: '*' },
      ),
      ['privilege-escalation/user-credentials iam-002'],
    ],
    [
      'access keys of every user beside another credential action: the other is still reported',
      doc(
        { Effect: 'Allow', Action: 'iam:CreateAccessKey', Resource: '*' },
        { Effect: 'Allow', Action: ['iam:CreateAccessKey', 'redshift:GetClusterCredentials'], Resource: '*' },
      ),
      ['credentials-exposure/unscoped-credential-action', 'privilege-escalation/user-credentials iam-002'],
    ],
  ])('%s', (_name, document, expected) => {
    expect(ids(runOnPolicy(document, rules))).toEqual(expected);
  });
});

describe('iam users', () => {
  const group = (name: string): { kind: 'group'; policy: PolicySource; via: string } => ({
    kind: 'group',
    via: name,
    policy: source(`${name}Policy`, doc({ Effect: 'Allow', Action: 's3:ListBucket', Resource: 'arn:aws:s3:::b' })),
  });

  it.each([
    ['a user with permissions only through groups', [group('Devs')], []],
    [
      'a user with an AWS managed policy attached',
      [{ kind: 'aws-managed' as const, arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }, group('Devs')],
      ['iam-user/direct-policy'],
    ],
  ])('%s', (_name, policies, expected) => {
    const user = principal('alice', 'user', policies);
    expect(ids(runCatalog({ principals: [user] }, ['iam-user/direct-policy']))).toEqual(expected);
  });
});

describe('conditions that do not scope resources', () => {
  const rules: RuleId[] = ['privilege-escalation/pass-role-to-service', 'data-exfiltration/unscoped-read'];
  it.each([
    [
      'a region condition leaves every role passable',
      doc({ ...PASS_ANY, Condition: { StringEquals: { 'aws:RequestedRegion': 'eu-west-1' } } }, LAMBDA_CREATE),
      ['privilege-escalation/pass-role-to-service lambda-001'],
    ],
    [
      'a request-tag condition on lambda:CreateFunction only labels the function',
      doc(PASS_ANY, { ...LAMBDA_CREATE, Condition: { StringEquals: { 'aws:RequestTag/team': 'a' } } }),
      ['privilege-escalation/pass-role-to-service lambda-001'],
    ],
    [
      'TLS-only reads of every secret',
      doc({
        Effect: 'Allow',
        Action: 'secretsmanager:GetSecretValue',
        Resource: '*',
        Condition: { Bool: { 'aws:SecureTransport': 'true' } },
      }),
      ['data-exfiltration/unscoped-read'],
    ],
    [
      'an MFA requirement is a restriction',
      doc({ ...PASS_ANY, Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } }, LAMBDA_CREATE),
      [],
    ],
  ])('%s', (_name, document, expected) => {
    expect(ids(runOnPolicy(document, rules))).toEqual(expected);
  });
});
