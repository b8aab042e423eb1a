import { CDK_INTERNALS, internalSuppressions } from '../src/cdk/internals';
import { templateSource } from '../src/extract/stack-source';
import type { StackSource } from '../src/extract/stack-source';
import { guardStacks, scanInput } from '../src/guard';

const all = Object.keys(CDK_INTERNALS).sort();

describe('defaults for CDK-internal constructs', () => {
  const cases: [string, Parameters<typeof internalSuppressions>[0], string[]][] = [
    ['all apply by default', undefined, all],
    ['`true` is the default', true, all],
    ['`false` turns them all off', false, []],
    ['one can be turned off by name', { logRetention: false }, all.filter((n) => n !== 'logRetention')],
  ];
  test.each(cases)('%s', (_name, option, expected) => {
    expect([...new Set(internalSuppressions(option).map((s) => s.name))].sort()).toEqual(expected);
  });

  test('each default says why, and is a valid suppression of the configuration', () => {
    for (const s of internalSuppressions(undefined)) {
      expect(s.reason.length).toBeGreaterThanOrEqual(10);
      expect(s.target).toMatch(/^\*\*\//);
    }
  });

  test('each default accepts named actions only, never every finding on a construct', () => {
    for (const s of internalSuppressions(undefined)) {
      expect(s.actions?.length).toBeGreaterThan(0);
      expect(s.actions).not.toContain('*');
    }
  });

  test('the defaults travel in the scan input, named as their source', () => {
    const input = scanInput(
      [],
      {
        bucketDeployment: false,
        awsCustomResource: false,
        logGroupResourcePolicy: false,
        customResourceProvider: false,
        cognitoSmsRole: false,
        eksClusterResource: false,
        eksAlbController: false,
        dynamoDbReplica: false,
        bastionHost: false,
        importedStreamReads: false,
      },
      'aws',
    );
    expect(input.suppressions?.map((s) => [s.rule, s.target, s.source])).toEqual([
      ['wildcard-resource', '**/LogRetentionaae0aa3c5b4d4f87b02d85b201efdd8a/**', 'cdk-guard default: logRetention'],
    ]);
  });
});

/** A stack of one role at `path` (its policy at `path/DefaultPolicy/Resource`) allowed `actions` on `*`. */
function roleAt(path: string, actions: string[]): StackSource {
  const cdkPath = (p: string) => ({ 'aws:cdk:path': `S/${p}` });
  return templateSource(
    {
      Resources: {
        Role: {
          Type: 'AWS::IAM::Role',
          Metadata: cdkPath(path),
          Properties: {
            AssumeRolePolicyDocument: {
              Statement: [
                { Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' },
              ],
            },
          },
        },
        Policy: {
          Type: 'AWS::IAM::Policy',
          Metadata: cdkPath(`${path}/DefaultPolicy/Resource`),
          Properties: {
            PolicyName: 'p',
            Roles: [{ Ref: 'Role' }],
            PolicyDocument: { Statement: [{ Effect: 'Allow', Action: actions, Resource: '*' }] },
          },
        },
      },
    },
    { stackName: 'S', account: '111122223333', region: 'eu-west-1' },
  );
}

describe('what each default accepts, and its near misses', () => {
  const LOG_RETENTION = 'LogRetentionaae0aa3c5b4d4f87b02d85b201efdd8a/ServiceRole';
  const DEPLOYMENT = 'Custom::CDKBucketDeployment8693BB64968944B69AAFB0CC9EB8756C/ServiceRole';
  const ALB = 'ClusterA1B2C3D4-AlbController/alb-sa/Role';
  const BASTION = 'Bastion/Resource/InstanceRole';
  // [case, role path, actions on `*`, default that accepts it (or none: reported)]
  const cases: [string, string, string[], string | undefined][] = [
    [
      'LogRetention sets retention',
      LOG_RETENTION,
      ['logs:PutRetentionPolicy', 'logs:DeleteRetentionPolicy'],
      'logRetention',
    ],
    ['LogRetention role also deleting log groups', LOG_RETENTION, ['logs:DeleteLogGroup'], undefined],
    ['retention set by a role of the user', 'Ops/Role', ['logs:PutRetentionPolicy'], undefined],
    ['BucketDeployment invalidates', DEPLOYMENT, ['cloudfront:CreateInvalidation'], 'bucketDeployment'],
    ['BucketDeployment handler also writing objects anywhere', DEPLOYMENT, ['s3:PutObject'], undefined],
    ['the controller registers targets', ALB, ['elasticloadbalancing:RegisterTargets'], 'eksAlbController'],
    ['the controller opens any security group', ALB, ['ec2:AuthorizeSecurityGroupIngress'], undefined],
    ['the controller deleting any load balancer', ALB, ['elasticloadbalancing:DeleteLoadBalancer'], undefined],
    ['targets registered by a role of the user', 'Web/Role', ['elasticloadbalancing:RegisterTargets'], undefined],
    ['the bastion agent registers', BASTION, ['ssm:UpdateInstanceInformation'], 'bastionHost'],
    ['the bastion role running commands anywhere', BASTION, ['ssm:SendCommand'], undefined],
    ['the agent registration on a role of the user', 'Web/InstanceRole', ['ssm:UpdateInstanceInformation'], undefined],
  ];
  test.each(cases)('%s', (_name, path, actions, accepted) => {
    const { result } = guardStacks([roleAt(path, actions)], {});
    const all = [...result.findings, ...result.suppressed];
    expect(all.length).toBeGreaterThan(0);
    if (accepted === undefined) {
      expect(result.suppressed).toEqual([]);
    } else {
      expect(result.findings).toEqual([]);
      for (const f of result.suppressed) expect(f.suppression.source).toBe(`cdk-guard default: ${accepted}`);
    }
  });

  test('turned off by name, the finding is reported', () => {
    const { result } = guardStacks([roleAt(BASTION, ['ssm:UpdateInstanceInformation'])], {
      cdkInternals: { bastionHost: false },
    });
    expect(result.findings.map((f) => f.ruleId)).toEqual(['wildcard-resource/write-on-star']);
  });
});

/**
 * A stack of a role of the user's (logical id `Ops`, `paths` giving construct paths or none) allowed
 * `actions` on `*`, and a function `functionId` run as that role.
 */
function functionRunAs(functionId: string, actions: string[], paths: boolean): StackSource {
  const at = (p: string) => (paths ? { Metadata: { 'aws:cdk:path': `S/${p}` } } : {});
  return templateSource(
    {
      Resources: {
        Ops: {
          Type: 'AWS::IAM::Role',
          ...at('Ops/Resource'),
          Properties: {
            AssumeRolePolicyDocument: {
              Statement: [
                { Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' },
              ],
            },
          },
        },
        OpsDefaultPolicy: {
          Type: 'AWS::IAM::Policy',
          ...at('Ops/DefaultPolicy/Resource'),
          Properties: {
            PolicyName: 'p',
            Roles: [{ Ref: 'Ops' }],
            PolicyDocument: { Statement: [{ Effect: 'Allow', Action: actions, Resource: '*' }] },
          },
        },
        [functionId]: {
          Type: 'AWS::Lambda::Function',
          ...at(`${functionId}/Resource`),
          Properties: { Handler: 'index.handler', Runtime: 'nodejs22.x', Role: { 'Fn::GetAtt': ['Ops', 'Arn'] } },
        },
      },
    },
    { stackName: 'S', account: '111122223333', region: 'eu-west-1' },
  );
}

describe('a role of the user run by a CDK-internal function', () => {
  const SINGLETON = 'LogRetentionaae0aa3c5b4d4f87b02d85b201efdd8a';
  const RETENTION = ['logs:PutRetentionPolicy', 'logs:DeleteRetentionPolicy'];
  // [case, function, actions on `*`, construct paths known, option, accepted]
  const cases: [string, string, string[], boolean, Parameters<typeof guardStacks>[1], boolean][] = [
    ['`LogRetention` given the role: its retention actions accepted', SINGLETON, RETENTION, true, {}, true],
    ['the same in a template without construct paths', SINGLETON, RETENTION, false, {}, true],
    ['the role also deleting log groups: reported', SINGLETON, [...RETENTION, 'logs:DeleteLogGroup'], true, {}, false],
    ['a function of the user run as the role: reported', 'Worker', RETENTION, true, {}, false],
    [
      '`logRetention` turned off: reported',
      SINGLETON,
      RETENTION,
      true,
      { cdkInternals: { logRetention: false } },
      false,
    ],
    ['every default turned off: reported', SINGLETON, RETENTION, true, { cdkInternals: false }, false],
  ];
  test.each(cases)('%s', (_name, functionId, actions, paths, props, accepted) => {
    const { result } = guardStacks([functionRunAs(functionId, actions, paths)], props);
    const onRole = (f: { principal?: string }) => f.principal === 'S/Ops';
    if (accepted) {
      expect(result.findings.filter(onRole)).toEqual([]);
      expect(result.suppressed.filter(onRole).map((f) => [f.ruleId, f.suppression.source])).toEqual([
        ['wildcard-resource/write-on-star', 'cdk-guard default: logRetention'],
      ]);
    } else {
      expect(result.findings.filter(onRole).map((f) => f.ruleId)).toEqual(['wildcard-resource/write-on-star']);
      expect(result.suppressed.filter(onRole)).toEqual([]);
    }
  });
});

describe('a role run by LogRetention in templates without stack names or construct paths', () => {
  const SINGLETON = 'LogRetentionaae0aa3c5b4d4f87b02d85b201efdd8a';
  const OWN_ROLE = `${SINGLETON}ServiceRole9741ECFB`;
  const RETENTION = ['logs:PutRetentionPolicy', 'logs:DeleteRetentionPolicy'];
  const role = (properties: object = {}): object => ({
    Type: 'AWS::IAM::Role',
    Properties: {
      AssumeRolePolicyDocument: {
        Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
      },
      ...properties,
    },
  });
  const retention = (roleId: string): object => ({
    Type: 'AWS::IAM::Policy',
    Properties: {
      PolicyName: 'p',
      Roles: [{ Ref: roleId }],
      PolicyDocument: { Statement: [{ Effect: 'Allow', Action: RETENTION, Resource: '*' }] },
    },
  });
  const singleton = (roleId: string): object => ({
    Type: 'AWS::Lambda::Function',
    Properties: { Handler: 'index.handler', Runtime: 'nodejs22.x', Role: { 'Fn::GetAtt': [roleId, 'Arn'] } },
  });
  const plain = (file: string, resources: Record<string, unknown>): StackSource =>
    templateSource({ Resources: resources }, { file });
  const withSingleton = plain('with.json', { Ops: role(), OpsPolicy: retention('Ops'), [SINGLETON]: singleton('Ops') });
  /** The write-on-star findings on principal `principal` of `file`, reported or accepted. */
  const onRole = (stacks: StackSource[], file: string, principal: string) => {
    const { result } = guardStacks(stacks, {});
    const here = (f: { principal?: string; location: { file?: string } }) =>
      f.principal === principal && f.location.file === file;
    return {
      reported: result.findings.filter(here).map((f) => f.ruleId),
      accepted: result.suppressed.filter(here).map((f) => f.ruleId),
    };
  };
  const STAR = ['wildcard-resource/write-on-star'];

  it('the role alone in its input: accepted', () => {
    expect(onRole([withSingleton], 'with.json', 'Ops')).toEqual({ reported: [], accepted: STAR });
  });

  it.each([
    ['a role of the same logical id', { Ops: role(), OpsPolicy: retention('Ops') }, 'Ops'],
    ['a role named as that logical id', { Other: role({ RoleName: 'Ops' }), OtherPolicy: retention('Other') }, 'Other'],
  ])('beside a template with %s: the retention actions of neither are accepted', (_name, resources, principal) => {
    const stacks = [withSingleton, plain('other.json', resources)];
    expect(onRole(stacks, 'other.json', principal)).toEqual({ reported: STAR, accepted: [] });
    expect(onRole(stacks, 'with.json', 'Ops')).toEqual({ reported: STAR, accepted: [] });
  });

  it("the singleton's own role, without a construct path the default's glob could match: accepted", () => {
    const own = plain('own.json', {
      [OWN_ROLE]: role(),
      [`${SINGLETON}ServiceRoleDefaultPolicy9741ECFB`]: retention(OWN_ROLE),
      [`${SINGLETON}FD4BFC8A`]: singleton(OWN_ROLE),
    });
    expect(onRole([own], 'own.json', OWN_ROLE)).toEqual({ reported: [], accepted: STAR });
  });
});
