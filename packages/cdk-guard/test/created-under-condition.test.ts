/**
 * A resource created only when its `Condition` holds grants on that side only: the findings of its
 * own documents (a bucket policy, a role's trust and inline policies, a managed policy attached to
 * no one) name the condition, as those of a policy attached on one side do.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { guardStacks } from '../src/guard';
import { loadInputs } from '../src/template/cloud-assembly';

const dir = mkdtempSync(join(tmpdir(), 'cdk-guard-created-under-condition-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const document = (statement: object): object => ({ Version: '2012-10-17', Statement: [statement] });
const ON_DEV = ' (when condition `IsDev` is true)';

/** The resources given, in a template whose `IsDev` compares a parameter `Env` to `dev`. */
function template(resources: Record<string, object>): object {
  return {
    Parameters: { Env: { Type: 'String', AllowedValues: ['prod', 'dev'] } },
    Conditions: { IsDev: { 'Fn::Equals': [{ Ref: 'Env' }, 'dev'] } },
    Resources: { Bucket: { Type: 'AWS::S3::Bucket' }, ...resources },
  };
}

/** The findings about `logicalId`, each `rule: message`. */
async function findingsOf(name: string, written: object, logicalId: string): Promise<string[]> {
  writeFileSync(join(dir, name), JSON.stringify(written));
  const loaded = await loadInputs([name], dir);
  expect(loaded.errors).toEqual([]);
  return guardStacks(loaded.stacks, {})
    .result.findings.filter((f) => f.location.logicalId === logicalId)
    .map((f) => `${f.ruleId}: ${f.message}`)
    .sort();
}

describe('a resource created under a Condition', () => {
  const PUBLIC_READ = {
    Effect: 'Allow',
    Principal: '*',
    Action: 's3:GetObject',
    Resource: { 'Fn::Sub': '${Bucket.Arn}/*' },
  };
  const bucketPolicy = (condition?: string): object => ({
    Type: 'AWS::S3::BucketPolicy',
    ...(condition === undefined ? {} : { Condition: condition }),
    Properties: { Bucket: { Ref: 'Bucket' }, PolicyDocument: document(PUBLIC_READ) },
  });
  const PUBLIC =
    'resource-exposure/public-principal: resource `Shared` allows any principal (`"Principal": "*"`) to call `s3:GetObject` without a condition that restricts who';

  it.each<[string, Record<string, object>, string, string[]]>([
    ['a bucket policy: its side named', { Shared: bucketPolicy('IsDev') }, 'Shared', [`${PUBLIC}${ON_DEV}`]],
    ['the same bucket policy on every deploy: no side', { Shared: bucketPolicy() }, 'Shared', [PUBLIC]],
    [
      'a role: its trust and its inline policy name the side',
      {
        DevRole: {
          Type: 'AWS::IAM::Role',
          Condition: 'IsDev',
          Properties: {
            AssumeRolePolicyDocument: document({ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole' }),
            Policies: [
              {
                PolicyName: 'deploy',
                PolicyDocument: document({ Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' }),
              },
            ],
          },
        },
      },
      'DevRole',
      [
        `privilege-escalation/pass-role-wildcard: role \`DevRole\` may pass any role (\`iam:PassRole\` on \`*\`), and so act with the permissions of any role${ON_DEV}`,
        `resource-exposure/public-principal: role \`DevRole\` allows any principal (\`"Principal": "*"\`) to call \`sts:AssumeRole\` without a condition that restricts who${ON_DEV}`,
      ],
    ],
    [
      'a role holding an AWS managed policy: its side named',
      {
        DevAdmin: {
          Type: 'AWS::IAM::Role',
          Condition: 'IsDev',
          Properties: {
            AssumeRolePolicyDocument: document({
              Effect: 'Allow',
              Principal: { Service: 'ec2.amazonaws.com' },
              Action: 'sts:AssumeRole',
            }),
            ManagedPolicyArns: ['arn:aws:iam::aws:policy/AdministratorAccess'],
          },
        },
      },
      'DevAdmin',
      [
        `admin-access/full-access: role \`DevAdmin\` is allowed every action on every resource (\`"Action": "*"\`, \`"Resource": "*"\`) (in AWS managed policy \`AdministratorAccess\`)${ON_DEV}`,
      ],
    ],
    [
      'a managed policy attached to no one: its side named',
      {
        Loose: {
          Type: 'AWS::IAM::ManagedPolicy',
          Condition: 'IsDev',
          Properties: { PolicyDocument: document({ Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' }) },
        },
      },
      'Loose',
      [
        `privilege-escalation/pass-role-wildcard: policy \`Loose\` may pass any role (\`iam:PassRole\` on \`*\`), and so act with the permissions of any role${ON_DEV}`,
      ],
    ],
    [
      'a role holding a policy created outside the template: its side named',
      {
        DevOutside: {
          Type: 'AWS::IAM::Role',
          Condition: 'IsDev',
          Properties: {
            AssumeRolePolicyDocument: document({
              Effect: 'Allow',
              Principal: { Service: 'ec2.amazonaws.com' },
              Action: 'sts:AssumeRole',
            }),
            ManagedPolicyArns: ['arn:aws:iam::111122223333:policy/team-boundary'],
          },
        },
      },
      'DevOutside',
      [
        `unverifiable/unresolved-policy: policy \`arn:aws:iam::111122223333:policy/team-boundary\` could not be checked: it is a customer managed policy created outside the template, so what it grants is unknown${ON_DEV}`,
      ],
    ],
    [
      'a user with a policy of its own: its side named',
      {
        DevUser: {
          Type: 'AWS::IAM::User',
          Condition: 'IsDev',
          Properties: {
            Policies: [
              {
                PolicyName: 'read',
                PolicyDocument: document({ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::site/*' }),
              },
            ],
          },
        },
      },
      'DevUser',
      [
        `iam-user/direct-policy: user \`DevUser\` has 1 directly attached policy (\`read\`); attach permissions to a group instead${ON_DEV}`,
      ],
    ],
  ])('%s', async (name, resources, logicalId, expected) => {
    expect(await findingsOf(`${name.slice(0, 20).replace(/\W+/g, '-')}.json`, template(resources), logicalId)).toEqual(
      expected,
    );
  });
});

describe('one value written on both sides of an Fn::If', () => {
  const ADMINISTRATOR = 'arn:aws:iam::aws:policy/AdministratorAccess';
  const PASSES = { Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' };
  const role = (props: object): Record<string, object> => ({
    Same: {
      Type: 'AWS::IAM::Role',
      Properties: {
        AssumeRolePolicyDocument: document({
          Effect: 'Allow',
          Principal: { Service: 'ec2.amazonaws.com' },
          Action: 'sts:AssumeRole',
        }),
        ...props,
      },
    },
  });
  const ifDev = (value: unknown, otherwise: unknown = value): object => ({ 'Fn::If': ['IsDev', value, otherwise] });

  it.each<[string, Record<string, object>, string[]]>([
    [
      'a managed policy ARN: one finding, on every deploy',
      role({ ManagedPolicyArns: [ifDev(ADMINISTRATOR)] }),
      [
        'admin-access/full-access: role `Same` is allowed every action on every resource (`"Action": "*"`, `"Resource": "*"`) (in AWS managed policy `AdministratorAccess`)',
      ],
    ],
    [
      'an entry of Policies: one finding, on every deploy',
      role({ Policies: [ifDev({ PolicyName: 'deploy', PolicyDocument: document(PASSES) })] }),
      [
        'privilege-escalation/pass-role-wildcard: role `Same` may pass any role (`iam:PassRole` on `*`), and so act with the permissions of any role',
      ],
    ],
    [
      'two documents of one name: each on its side',
      role({
        Policies: [
          ifDev(
            { PolicyName: 'deploy', PolicyDocument: document(PASSES) },
            { PolicyName: 'deploy', PolicyDocument: document({ ...PASSES, Action: 'iam:GetRole' }) },
          ),
        ],
      }),
      [
        `privilege-escalation/pass-role-wildcard: role \`Same\` may pass any role (\`iam:PassRole\` on \`*\`), and so act with the permissions of any role${ON_DEV}`,
      ],
    ],
  ])('%s', async (name, resources, expected) => {
    const found = await findingsOf(`same-${name.slice(0, 20).replace(/\W+/g, '-')}.json`, template(resources), 'Same');
    expect(found.filter((f) => /^(admin-access|privilege-escalation)\//.test(f))).toEqual(expected);
  });
});

describe('managed policy ARNs that read alike', () => {
  const ROLE = {
    Type: 'AWS::IAM::Role',
    Properties: {
      AssumeRolePolicyDocument: document({
        Effect: 'Allow',
        Principal: { Service: 'ec2.amazonaws.com' },
        Action: 'sts:AssumeRole',
      }),
      // Two exports whose names are known only at deploy.
      ManagedPolicyArns: [
        { 'Fn::ImportValue': { 'Fn::Sub': '${Env}-deploy' } },
        { 'Fn::ImportValue': { 'Fn::Sub': '${Env}-audit' } },
        { Ref: 'Env' },
        { Ref: 'Env' },
      ],
    },
  };

  it('two different unreadable entries are two findings; one parameter listed twice is one', async () => {
    const findings = await findingsOf('alike.json', template({ Role: ROLE }), 'Role');
    expect(findings.filter((f) => f.includes('the value exported as'))).toHaveLength(2);
    expect(findings.filter((f) => f.includes('parameter `Env`'))).toHaveLength(1);
  });
});
