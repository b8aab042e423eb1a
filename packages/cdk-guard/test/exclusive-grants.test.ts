/**
 * An escalation path is made of grants a deploy makes together: a role's grants written on sides
 * that never hold together (two policy resources under `IsProd` and `IsDev`, two `Fn::If` sides on
 * one parameter) open no path of both. A path one side opens alone is still reported, naming the
 * side, and so is a finding on a policy resource created only under a `Condition`.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { guardStacks } from '../src/guard';
import { loadInputs } from '../src/template/cloud-assembly';

const dir = mkdtempSync(join(tmpdir(), 'cdk-guard-exclusive-grants-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const NO_VALUE = { Ref: 'AWS::NoValue' };
const ifThen = (condition: string, whenTrue: unknown, otherwise: unknown): object => ({
  'Fn::If': [condition, whenTrue, otherwise],
});
const allow = (action: string | string[]): object => ({ Effect: 'Allow', Action: action, Resource: '*' });
const CREATES_FUNCTIONS = allow(['lambda:CreateFunction', 'lambda:InvokeFunction']);
const PASSES_ANY_ROLE = allow('iam:PassRole');

const TRUST = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'codebuild.amazonaws.com' }, Action: 'sts:AssumeRole' }],
};

/**
 * A role `Deployer` and its policies: each an `AWS::IAM::Policy` of one statement under the
 * `Condition` given (none: every deploy), or the statements of one inline policy as written.
 * `IsProd` and `IsDev` compare one parameter to two texts; `IsEU` another parameter.
 */
function template(policies: readonly (readonly [string | undefined, object])[] | readonly object[]): object {
  const resources: Record<string, object> = {};
  const inline = policies.every((p) => !Array.isArray(p));
  if (!inline)
    for (const [i, [condition, statement]] of (
      policies as readonly (readonly [string | undefined, object])[]
    ).entries())
      resources[`Grant${String(i)}`] = {
        Type: 'AWS::IAM::Policy',
        ...(condition === undefined ? {} : { Condition: condition }),
        Properties: {
          PolicyName: `grant-${String(i)}`,
          Roles: [{ Ref: 'Deployer' }],
          PolicyDocument: { Version: '2012-10-17', Statement: [statement] },
        },
      };
  return {
    Parameters: { Env: { Type: 'String', AllowedValues: ['prod', 'dev'] }, Region: { Type: 'String' } },
    Conditions: {
      IsProd: { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] },
      IsDev: { 'Fn::Equals': [{ Ref: 'Env' }, 'dev'] },
      IsEU: { 'Fn::Equals': [{ Ref: 'Region' }, 'eu-west-1'] },
    },
    Resources: {
      Deployer: {
        Type: 'AWS::IAM::Role',
        Properties: {
          AssumeRolePolicyDocument: TRUST,
          ...(inline
            ? { Policies: [{ PolicyName: 'deploy', PolicyDocument: { Version: '2012-10-17', Statement: policies } }] }
            : {}),
        },
      },
      ...resources,
    },
  };
}

/** The escalation findings of `written`, each `rule: message`. */
async function escalations(name: string, written: object): Promise<string[]> {
  writeFileSync(join(dir, name), JSON.stringify(written));
  const loaded = await loadInputs([name], dir);
  expect(loaded.errors).toEqual([]);
  return guardStacks(loaded.stacks, {})
    .result.findings.filter((f) => f.category === 'privilege-escalation')
    .map((f) => `${f.ruleId.replace('privilege-escalation/', '')}: ${f.message}`)
    .sort();
}

const RUNS_ANY = 'role `Deployer` can run code as any role with `iam:PassRole` + ';
const LAMBDA = `${RUNS_ANY}\`lambda:CreateFunction\` + \`lambda:InvokeFunction\` (escalation path \`lambda-001\`)`;
const PASSES = 'role `Deployer` may pass any role (`iam:PassRole` on `*`), and so act with the permissions of any role';

describe('grants of one role made on sides of conditions', () => {
  it.each<[string, readonly (readonly [string | undefined, object])[] | readonly object[], string[]]>([
    [
      'policy resources under IsProd and IsDev (one parameter, two texts): no path of both; the pass alone named by its side',
      [
        ['IsProd', CREATES_FUNCTIONS],
        ['IsDev', PASSES_ANY_ROLE],
      ],
      [`pass-role-wildcard: ${PASSES} (when condition \`IsDev\` is true)`],
    ],
    [
      'the two sides of one Fn::If of an inline policy: no path of both',
      [ifThen('IsProd', CREATES_FUNCTIONS, PASSES_ANY_ROLE)],
      [`pass-role-wildcard: ${PASSES} (when condition \`IsProd\` is false)`],
    ],
    [
      'a policy under IsDev with a policy of every deploy: the path opens on that side, and says so',
      [
        [undefined, CREATES_FUNCTIONS],
        ['IsDev', PASSES_ANY_ROLE],
      ],
      [
        `pass-role-to-service: ${LAMBDA} (when condition \`IsDev\` is true)`,
        `pass-role-wildcard: ${PASSES} (when condition \`IsDev\` is true)`,
      ],
    ],
    [
      'two conditions on two parameters (IsProd, IsEU): a deploy may take both, the path opens there',
      [
        ['IsProd', CREATES_FUNCTIONS],
        ['IsEU', PASSES_ANY_ROLE],
      ],
      [
        `pass-role-to-service: ${LAMBDA} (when condition \`IsEU\` is true and condition \`IsProd\` is true)`,
        `pass-role-wildcard: ${PASSES} (when condition \`IsEU\` is true)`,
      ],
    ],
    [
      'Fn::If sides: EC2 on prod, PassRole on dev, Lambda always: only the Lambda path, on dev',
      [
        CREATES_FUNCTIONS,
        ifThen('IsDev', PASSES_ANY_ROLE, NO_VALUE),
        ifThen('IsProd', allow('ec2:RunInstances'), NO_VALUE),
      ],
      [
        `pass-role-to-service: ${LAMBDA} (when condition \`IsDev\` is true)`,
        `pass-role-wildcard: ${PASSES} (when condition \`IsDev\` is true)`,
      ],
    ],
    [
      'the pass under IsDev, the functions under IsProd, both in a policy of every deploy: one path, of every deploy',
      [
        ['IsDev', PASSES_ANY_ROLE],
        ['IsProd', CREATES_FUNCTIONS],
        [undefined, PASSES_ANY_ROLE],
        [undefined, CREATES_FUNCTIONS],
      ],
      [
        `pass-role-to-service: ${LAMBDA}`,
        `pass-role-wildcard: ${PASSES}`,
        `pass-role-wildcard: ${PASSES} (when condition \`IsDev\` is true)`,
      ],
    ],
    [
      'the pass under IsDev and under IsProd (every deploy, Env being one of them), the functions always: one path, of every deploy',
      [
        ['IsDev', PASSES_ANY_ROLE],
        ['IsProd', PASSES_ANY_ROLE],
        [undefined, CREATES_FUNCTIONS],
      ],
      [
        `pass-role-to-service: ${LAMBDA}`,
        `pass-role-wildcard: ${PASSES} (when condition \`IsDev\` is true)`,
        `pass-role-wildcard: ${PASSES} (when condition \`IsProd\` is true)`,
      ],
    ],
    [
      'every grant on every deploy: the path, naming no side',
      [
        [undefined, CREATES_FUNCTIONS],
        [undefined, PASSES_ANY_ROLE],
      ],
      [`pass-role-to-service: ${LAMBDA}`, `pass-role-wildcard: ${PASSES}`],
    ],
  ])('%s', async (_name, policies, expected) => {
    expect(await escalations(`${_name.slice(0, 20).replace(/\W+/g, '-')}.json`, template(policies))).toEqual(expected);
  });
});

describe('a role passed to a function, an administrator on some sides only', () => {
  const ADMINISTRATOR = { 'Fn::Sub': 'arn:${AWS::Partition}:iam::aws:policy/AdministratorAccess' };
  const role = (service: string, props: object): object => ({
    Type: 'AWS::IAM::Role',
    Properties: {
      AssumeRolePolicyDocument: {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { Service: service }, Action: 'sts:AssumeRole' }],
      },
      ...props,
    },
  });
  const passesAdmin = { Effect: 'Allow', Action: 'iam:PassRole', Resource: { 'Fn::GetAtt': ['Admin', 'Arn'] } };
  /** `Admin` holds `AdministratorAccess` when `IsProd`; `Caller` runs functions and passes it as written. */
  const written = (statements: readonly object[]): object => ({
    Parameters: { Env: { Type: 'String', AllowedValues: ['prod', 'dev'] } },
    Conditions: {
      IsProd: { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] },
      IsDev: { 'Fn::Equals': [{ Ref: 'Env' }, 'dev'] },
    },
    Resources: {
      Admin: role('lambda.amazonaws.com', { ManagedPolicyArns: [ifThen('IsProd', ADMINISTRATOR, NO_VALUE)] }),
      Caller: role('codebuild.amazonaws.com', {
        Policies: [{ PolicyName: 'deploy', PolicyDocument: { Version: '2012-10-17', Statement: statements } }],
      }),
    },
  });
  const RUNS_ADMIN =
    'pass-role-to-service: role `Caller` can run code as role `Admin`, which holds administrator access, with `iam:PassRole` + `lambda:CreateFunction` + `lambda:InvokeFunction` (escalation path `lambda-001`)';

  it.each<[string, readonly object[], string[]]>([
    [
      'the pass written only when IsDev: no deploy makes both, no path',
      [CREATES_FUNCTIONS, ifThen('IsDev', passesAdmin, NO_VALUE)],
      [],
    ],
    [
      'the functions written only when IsProd: the path on that side, named',
      [ifThen('IsProd', CREATES_FUNCTIONS, NO_VALUE), passesAdmin],
      [`${RUNS_ADMIN} (when condition \`IsProd\` is true)`],
    ],
    [
      'everything of the caller on every deploy: the path holds where the target is an administrator',
      [CREATES_FUNCTIONS, passesAdmin],
      [`${RUNS_ADMIN} (when condition \`IsProd\` is true)`],
    ],
  ])('%s', async (name, statements, expected) => {
    expect(await escalations(`targeted-${name.slice(0, 20).replace(/\W+/g, '-')}.json`, written(statements))).toEqual(
      expected,
    );
  });

  test('the administrator access attached on one side is named on its finding', async () => {
    writeFileSync(join(dir, 'admin-side.json'), JSON.stringify(written([])));
    const loaded = await loadInputs(['admin-side.json'], dir);
    const full = guardStacks(loaded.stacks, {}).result.findings.filter((f) => f.ruleId === 'admin-access/full-access');
    expect(full.map((f) => f.message)).toEqual([
      'role `Admin` is allowed every action on every resource (`"Action": "*"`, `"Resource": "*"`) (in AWS managed policy `AdministratorAccess`) (when condition `IsProd` is true)',
    ]);
  });
});

describe('a role passed to a function: every grant of each action, and what the target holds, on their sides', () => {
  const ADMINISTRATOR = { 'Fn::Sub': 'arn:${AWS::Partition}:iam::aws:policy/AdministratorAccess' };
  const role = (service: string, props: object = {}): object => ({
    Type: 'AWS::IAM::Role',
    Properties: {
      AssumeRolePolicyDocument: {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { Service: service }, Action: 'sts:AssumeRole' }],
      },
      ...props,
    },
  });
  const passes = (roleId: string): object => ({
    Effect: 'Allow',
    Action: 'iam:PassRole',
    Resource: { 'Fn::GetAtt': [roleId, 'Arn'] },
  });
  /** An `AWS::IAM::Policy` of `roleId` with `statements`, under `condition` (none: every deploy). */
  const policy = (roleId: string, condition: string | undefined, statements: readonly object[]): object => ({
    Type: 'AWS::IAM::Policy',
    ...(condition === undefined ? {} : { Condition: condition }),
    Properties: {
      PolicyName: `${roleId}-${condition ?? 'always'}-${String(statements.length)}`,
      Roles: [{ Ref: roleId }],
      PolicyDocument: { Version: '2012-10-17', Statement: statements },
    },
  });
  const written = (resources: Record<string, object>): object => ({
    Parameters: { Env: { Type: 'String', AllowedValues: ['prod', 'dev'] } },
    Conditions: {
      IsProd: { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] },
      IsDev: { 'Fn::Equals': [{ Ref: 'Env' }, 'dev'] },
    },
    Resources: resources,
  });
  const runs = (caller: string, target: string, holds: string): string =>
    `pass-role-to-service: role \`${caller}\` can run code as role \`${target}\`, which holds ${holds}, with \`iam:PassRole\` + \`lambda:CreateFunction\` + \`lambda:InvokeFunction\` (escalation path \`lambda-001\`)`;
  const ADMIN = 'administrator access';
  const PATH = 'an escalation path to administrator access';
  const admins = { Admin: role('lambda.amazonaws.com', { ManagedPolicyArns: [ADMINISTRATOR] }) };
  const caller = role('codebuild.amazonaws.com');
  // Ten roles administrators in prod only, then one always: a pattern passing them all on dev.
  const apps: Record<string, object> = {};
  for (let i = 0; i < 10; i++)
    apps[`App${String(i)}`] = role('lambda.amazonaws.com', {
      RoleName: `app-${String(i)}`,
      ManagedPolicyArns: [ifThen('IsProd', ADMINISTRATOR, NO_VALUE)],
    });
  apps.AppZ = role('lambda.amazonaws.com', { RoleName: 'app-z', ManagedPolicyArns: [ADMINISTRATOR] });

  it.each<[string, Record<string, object>, string[]]>([
    [
      'the pass on dev, the functions on prod, both in a policy of every deploy: the path on every deploy',
      {
        ...admins,
        Caller: caller,
        OnDev: policy('Caller', 'IsDev', [passes('Admin')]),
        OnProd: policy('Caller', 'IsProd', [CREATES_FUNCTIONS]),
        Always: policy('Caller', undefined, [passes('Admin'), CREATES_FUNCTIONS]),
      },
      [runs('Caller', 'Admin', ADMIN)],
    ],
    [
      'the pass on dev and on prod (Env is one of them), the functions always: the path on every deploy',
      {
        ...admins,
        Caller: caller,
        OnDev: policy('Caller', 'IsDev', [passes('Admin')]),
        OnProd: policy('Caller', 'IsProd', [passes('Admin')]),
        Always: policy('Caller', undefined, [CREATES_FUNCTIONS]),
      },
      [runs('Caller', 'Admin', ADMIN)],
    ],
    [
      'Mid escalates in prod only, Caller passes Mid in dev only: no deploy has the path of Caller',
      {
        ...admins,
        Mid: role('lambda.amazonaws.com'),
        MidPolicy: policy('Mid', 'IsProd', [CREATES_FUNCTIONS, passes('Admin')]),
        Caller: caller,
        CallerPolicy: policy('Caller', 'IsDev', [CREATES_FUNCTIONS, passes('Mid')]),
      },
      [`${runs('Mid', 'Admin', ADMIN)} (when condition \`IsProd\` is true)`],
    ],
    [
      'Mid escalates in prod only, Caller passes Mid always: the path of Caller names prod',
      {
        ...admins,
        Mid: role('lambda.amazonaws.com'),
        MidPolicy: policy('Mid', 'IsProd', [CREATES_FUNCTIONS, passes('Admin')]),
        Caller: caller,
        CallerPolicy: policy('Caller', undefined, [CREATES_FUNCTIONS, passes('Mid')]),
      },
      [
        `${runs('Caller', 'Mid', PATH)} (when condition \`IsProd\` is true)`,
        `${runs('Mid', 'Admin', ADMIN)} (when condition \`IsProd\` is true)`,
      ],
    ],
    [
      'Caller an administrator in prod only, passing Admin in dev: its path in dev',
      {
        ...admins,
        Caller: role('codebuild.amazonaws.com', { ManagedPolicyArns: [ifThen('IsProd', ADMINISTRATOR, NO_VALUE)] }),
        CallerPolicy: policy('Caller', 'IsDev', [CREATES_FUNCTIONS, passes('Admin')]),
      },
      [`${runs('Caller', 'Admin', ADMIN)} (when condition \`IsDev\` is true)`],
    ],
    [
      'role/app-* passed in dev, ten app roles administrators in prod only: app-z, an administrator always, still reached',
      {
        ...apps,
        Caller: caller,
        CallerPolicy: policy('Caller', 'IsDev', [
          CREATES_FUNCTIONS,
          {
            Effect: 'Allow',
            Action: 'iam:PassRole',
            Resource: { 'Fn::Sub': 'arn:aws:iam::${AWS::AccountId}:role/app-*' },
          },
        ]),
      },
      [`${runs('Caller', 'app-z', ADMIN)} (when condition \`IsDev\` is true)`],
    ],
  ])('%s', async (name, resources, expected) => {
    expect(await escalations(`sides-${name.slice(0, 24).replace(/\W+/g, '-')}.json`, written(resources))).toEqual(
      expected,
    );
  });
});

describe('a customer managed policy created under a Condition', () => {
  test('its statements are held on that side only: with a policy of the other side, no path', async () => {
    const written = template([['IsDev', CREATES_FUNCTIONS]]) as { Resources: Record<string, object> };
    written.Resources.Passing = {
      Type: 'AWS::IAM::ManagedPolicy',
      Condition: 'IsProd',
      Properties: {
        Roles: [{ Ref: 'Deployer' }],
        PolicyDocument: { Version: '2012-10-17', Statement: [PASSES_ANY_ROLE] },
      },
    };
    expect(await escalations('managed-under-condition.json', written)).toEqual([
      `pass-role-wildcard: ${PASSES} (when condition \`IsProd\` is true)`,
    ]);
  });
});

describe('two look-ups of one mapping by the same key', () => {
  const findInMap = (name: string): object => ({ 'Fn::FindInMap': ['EnvMap', { Ref: 'Env' }, name] });
  /** `Deployer` reads its actions from `EnvMap` by `Env` in two statements; `Builder` its managed policies too. */
  const written = {
    Parameters: { Env: { Type: 'String', AllowedValues: ['prod', 'dev'] } },
    Mappings: {
      EnvMap: {
        prod: {
          Actions: ['lambda:CreateFunction', 'lambda:InvokeFunction'],
          Passed: ['iam:GetRole'],
          Managed: ['arn:aws:iam::aws:policy/ReadOnlyAccess'],
        },
        dev: {
          Actions: ['lambda:GetFunction'],
          Passed: ['iam:PassRole'],
          Managed: ['arn:aws:iam::aws:policy/AdministratorAccess'],
        },
      },
    },
    Resources: {
      Deployer: {
        Type: 'AWS::IAM::Role',
        Properties: {
          AssumeRolePolicyDocument: TRUST,
          Policies: [
            {
              PolicyName: 'deploy',
              PolicyDocument: {
                Version: '2012-10-17',
                Statement: [
                  { Effect: 'Allow', Action: findInMap('Actions'), Resource: '*' },
                  { Effect: 'Allow', Action: findInMap('Passed'), Resource: '*' },
                ],
              },
            },
          ],
        },
      },
      Builder: {
        Type: 'AWS::IAM::Role',
        Properties: { AssumeRolePolicyDocument: TRUST, ManagedPolicyArns: findInMap('Managed') },
      },
    },
  };
  const DEV = (name: string): string => `(when \`Env\` chooses \`Mappings/EnvMap/dev/${name}\`)`;

  test('one key value picks one entry everywhere: no path of the prod entry and the dev entry', async () => {
    expect(await escalations('one-key-one-entry.json', written)).toEqual([
      `pass-role-wildcard: ${PASSES} ${DEV('Passed')}`,
    ]);
  });

  test('an administrator on the dev entry only: no escalation besides, full access named by its entry', async () => {
    writeFileSync(join(dir, 'one-key-managed.json'), JSON.stringify(written));
    const loaded = await loadInputs(['one-key-managed.json'], dir);
    const builder = guardStacks(loaded.stacks, {}).result.findings.filter(
      (f) => f.location.logicalId === 'Builder' && /^(admin-access|privilege-escalation)\//.test(f.ruleId),
    );
    expect(builder.map((f) => `${f.ruleId}: ${f.message}`)).toEqual([
      `admin-access/full-access: role \`Builder\` is allowed every action on every resource (\`"Action": "*"\`, \`"Resource": "*"\`) (in AWS managed policy \`AdministratorAccess\`) ${DEV('Managed')}`,
    ]);
  });
});

describe('a chain through a workload or a SAML provider, a step of it under a Condition', () => {
  // `Mid` may change the code of a function running as an administrator, and `Rewriter` the SAML
  // provider an administrator trusts, on dev only; `Top` passes `Mid` on every deploy, `TopProd`
  // and `RewriterAbove` (created on prod only) pass `Mid` and `Rewriter`.
  const CHAIN = `
Parameters:
  Env: { Type: String, AllowedValues: [prod, dev] }
Conditions:
  IsDev: !Equals [!Ref Env, dev]
  IsProd: !Equals [!Ref Env, prod]
Resources:
  AdminRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal: { Service: lambda.amazonaws.com }
            Action: sts:AssumeRole
      ManagedPolicyArns: [arn:aws:iam::aws:policy/AdministratorAccess]
  AdminFn:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: python3.12
      Handler: index.handler
      Role: !GetAtt AdminRole.Arn
      Code: { ZipFile: 'def handler(e, c): pass' }
  Mid:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal: { Service: lambda.amazonaws.com }
            Action: sts:AssumeRole
  MidDev:
    Type: AWS::IAM::Policy
    Condition: IsDev
    Properties:
      PolicyName: mid-dev
      Roles: [!Ref Mid]
      PolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Action: [lambda:UpdateFunctionCode, lambda:InvokeFunction]
            Resource: !GetAtt AdminFn.Arn
  Top:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal: { Service: ec2.amazonaws.com }
            Action: sts:AssumeRole
      Policies:
        - PolicyName: top
          PolicyDocument:
            Version: '2012-10-17'
            Statement:
              - Effect: Allow
                Action: iam:PassRole
                Resource: !GetAtt Mid.Arn
              - Effect: Allow
                Action: [lambda:CreateFunction, lambda:InvokeFunction]
                Resource: '*'
  TopProd:
    Type: AWS::IAM::Role
    Condition: IsProd
    Properties:
      AssumeRolePolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal: { Service: ec2.amazonaws.com }
            Action: sts:AssumeRole
      Policies:
        - PolicyName: top
          PolicyDocument:
            Version: '2012-10-17'
            Statement:
              - Effect: Allow
                Action: iam:PassRole
                Resource: !GetAtt Mid.Arn
              - Effect: Allow
                Action: [lambda:CreateFunction, lambda:InvokeFunction]
                Resource: '*'
  Saml:
    Type: AWS::IAM::SAMLProvider
    Properties:
      Name: corp
      SamlMetadataDocument: '<xml/>'
  SamlAdmin:
    Type: AWS::IAM::Role
    Properties:
      ManagedPolicyArns: [arn:aws:iam::aws:policy/AdministratorAccess]
      AssumeRolePolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal: { Federated: !Ref Saml }
            Action: sts:AssumeRoleWithSAML
            Condition: { StringEquals: { 'SAML:aud': 'https://signin.aws.amazon.com/saml' } }
  Rewriter:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal: { Service: ec2.amazonaws.com }
            Action: sts:AssumeRole
      Policies:
        - PolicyName: rw
          PolicyDocument:
            Version: '2012-10-17'
            Statement:
              - !If
                - IsDev
                - Effect: Allow
                  Action: iam:UpdateSAMLProvider
                  Resource: !Ref Saml
                - !Ref AWS::NoValue
  RewriterAbove:
    Type: AWS::IAM::Role
    Condition: IsProd
    Properties:
      AssumeRolePolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal: { Service: ec2.amazonaws.com }
            Action: sts:AssumeRole
      Policies:
        - PolicyName: above
          PolicyDocument:
            Version: '2012-10-17'
            Statement:
              - Effect: Allow
                Action: iam:PassRole
                Resource: !GetAtt Rewriter.Arn
              - Effect: Allow
                Action: [ec2:RunInstances, iam:AddRoleToInstanceProfile, iam:CreateInstanceProfile]
                Resource: '*'
`;

  test('the chain is held on the sides of its steps: named on dev, none from a principal of prod', async () => {
    writeFileSync(join(dir, 'chain.yaml'), CHAIN);
    const loaded = await loadInputs(['chain.yaml'], dir);
    expect(loaded.errors).toEqual([]);
    const found = guardStacks(loaded.stacks, {})
      .result.findings.filter((f) => f.category === 'privilege-escalation')
      .map((f) => `${String(f.location.logicalId)}: ${f.message.replace(/ \(escalation path.*?\)/, '')}`)
      .sort();
    expect(found).toEqual([
      'MidDev: role `Mid` can run code as role `AdminRole`, which holds administrator access, through `AdminFn` with `lambda:UpdateFunctionCode` (when condition `IsDev` is true)',
      'Rewriter: role `Rewriter` can act as role `SamlAdmin`, which holds administrator access, by replacing the signing certificate of the SAML provider `arn:aws:iam::${the account of the stack}:saml-provider/corp` it trusts (`iam:UpdateSAMLProvider` + `sts:AssumeRoleWithSAML`, escalation path `iam-update-saml-provider`) (when condition `IsDev` is true)',
      'Top: role `Top` can run code as role `Mid`, which holds an escalation path to administrator access, with `iam:PassRole` + `lambda:CreateFunction` + `lambda:InvokeFunction` (when condition `IsDev` is true)',
    ]);
  });
});
