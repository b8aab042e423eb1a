/**
 * Tag-scoped permissions (ABAC) a principal can widen: an Allow limited to resources tagged like
 * its own team, next to a tagging grant that lets it label other resources with that tag, or one
 * that lets it retag itself. The documented ABAC pattern (tagging only its own resources, only
 * while creating them, only other keys, or only with the value it has) is not reported.
 */
import { runGuard } from '../../src/analysis/engine';
import type { PrincipalInput, ScanInput } from '../../src/analysis/input';
import { ESCALATION_CONFIG } from './escalation-config';

const V = '2012-10-17';
const A = '111122223333';
const OWN_TEAM = { StringEquals: { 'aws:ResourceTag/team': '${aws:PrincipalTag/team}' } };

type Json = Record<string, unknown>;
const allow = (action: string | string[], resource: string | string[], condition?: Json): Json => ({
  Effect: 'Allow',
  Action: action,
  Resource: resource,
  ...(condition ? { Condition: condition } : {}),
});

function standalone(statements: Json[]): ScanInput {
  const document = { Version: V, Statement: statements };
  return {
    principals: [],
    resources: [],
    policies: [{ type: 'identity', policy: { id: 'p', name: 'p', location: {}, document } }],
    errors: [],
  };
}

function role(statements: Json[]): ScanInput {
  const id = 'aws_iam_role.analyst';
  const principal: PrincipalInput = {
    id,
    kind: 'role',
    name: 'analyst',
    path: '/',
    arn: `arn:aws:iam::${A}:role/analyst`,
    policies: [
      { kind: 'inline', policy: { id: 'p', name: 'p', location: {}, document: { Version: V, Statement: statements } } },
    ],
    tags: { team: 'blue' },
    location: { address: id },
  };
  return { principals: [principal], resources: [], policies: [], errors: [] };
}

/** `path pointer` of each tag-scope finding. */
function tagPaths(input: ScanInput): string[] {
  return runGuard(input, ESCALATION_CONFIG).findings.flatMap((f) => {
    const path = (f.evidence as { path?: string } | undefined)?.path ?? '';
    return path.startsWith('tag-scope-') ? [`${path} ${f.location.pointer ?? ''}`] : [];
  });
}

const INSTANCES = ['ec2:StartInstances', 'ec2:StopInstances', 'ec2:TerminateInstances'];
const RETAG = 'tag-scope-retag-resource /Statement/1';
const SELF = 'tag-scope-retag-self /Statement/1';

describe('other resources retagged into a tag scope', () => {
  const CASES: readonly (readonly [string, Json[], string[]])[] = [
    [
      'instances of its team, `ec2:CreateTags` on `*`',
      [allow(INSTANCES, '*', OWN_TEAM), allow('ec2:CreateTags', '*')],
      [RETAG],
    ],
    [
      'a literal tag value, `secretsmanager:TagResource` on every secret',
      [
        allow('secretsmanager:GetSecretValue', '*', { StringEquals: { 'secretsmanager:ResourceTag/env': 'dev' } }),
        allow('secretsmanager:TagResource', 'arn:aws:secretsmanager:*:*:secret:*'),
      ],
      [RETAG],
    ],
    [
      "the request tag pinned to its own team, the resource tag not: another team's instance relabelled as its own",
      [
        allow(INSTANCES, '*', OWN_TEAM),
        allow('ec2:CreateTags', '*', { StringEquals: { 'aws:RequestTag/team': '${aws:PrincipalTag/team}' } }),
      ],
      [RETAG],
    ],
    [
      'the request tag and the resource tag pinned to its own team (the IAM ABAC tutorial): not reported',
      [
        allow(INSTANCES, '*', OWN_TEAM),
        allow('ec2:CreateTags', '*', {
          StringEquals: {
            'aws:RequestTag/team': '${aws:PrincipalTag/team}',
            'aws:ResourceTag/team': '${aws:PrincipalTag/team}',
          },
        }),
      ],
      [],
    ],
    [
      'the request tag pinned to its own team, tagging only while launching: not reported',
      [
        allow(INSTANCES, '*', OWN_TEAM),
        allow('ec2:CreateTags', '*', {
          StringEquals: { 'aws:RequestTag/team': '${aws:PrincipalTag/team}', 'ec2:CreateAction': 'RunInstances' },
        }),
      ],
      [],
    ],
    [
      'the request tag pinned to the literal value the scope requires: any secret relabelled into it',
      [
        allow('secretsmanager:GetSecretValue', '*', { StringEquals: { 'secretsmanager:ResourceTag/env': 'dev' } }),
        allow('secretsmanager:TagResource', '*', { StringEquals: { 'aws:RequestTag/env': 'dev' } }),
      ],
      [RETAG],
    ],
    [
      '`aws:TagKeys` that lists the scoping key',
      [
        allow(INSTANCES, '*', OWN_TEAM),
        allow('ec2:CreateTags', '*', { 'ForAllValues:StringEquals': { 'aws:TagKeys': ['Name', 'team'] } }),
      ],
      [RETAG],
    ],
    [
      'tagging only resources it already owns (the Lambda ABAC tutorial)',
      [
        allow(['lambda:CreateFunction', 'lambda:TagResource'], 'arn:aws:lambda:*:*:function:*', {
          StringEquals: {
            'aws:RequestTag/project': '${aws:PrincipalTag/project}',
            'aws:ResourceTag/project': '${aws:PrincipalTag/project}',
          },
          'ForAllValues:StringEquals': { 'aws:TagKeys': 'project' },
        }),
        allow('lambda:InvokeFunction', 'arn:aws:lambda:*:*:function:*', {
          StringEquals: { 'aws:ResourceTag/project': '${aws:PrincipalTag/project}' },
        }),
      ],
      [],
    ],
    [
      'tagging only while creating (`ec2:CreateAction`)',
      [
        allow(INSTANCES, '*', OWN_TEAM),
        allow('ec2:CreateTags', 'arn:aws:ec2:*:*:instance/*', { StringEquals: { 'ec2:CreateAction': 'RunInstances' } }),
      ],
      [],
    ],
    [
      '`aws:TagKeys` limited to other keys',
      [
        allow(INSTANCES, '*', OWN_TEAM),
        allow(['ec2:CreateTags', 'ec2:DeleteTags'], '*', { 'ForAllValues:StringEquals': { 'aws:TagKeys': ['Name'] } }),
      ],
      [],
    ],
    [
      '`ForAnyValue:StringNotEquals` on `aws:TagKeys`: one other key in the request lets the scoping key through',
      [
        allow(INSTANCES, '*', OWN_TEAM),
        allow('ec2:CreateTags', '*', { 'ForAnyValue:StringNotEquals': { 'aws:TagKeys': 'team' } }),
      ],
      [RETAG],
    ],
    [
      '`ForAllValues:StringNotEquals` on `aws:TagKeys` keeps the scoping key out',
      [
        allow(INSTANCES, '*', OWN_TEAM),
        allow('ec2:CreateTags', '*', { 'ForAllValues:StringNotEquals': { 'aws:TagKeys': 'team' } }),
      ],
      [],
    ],
    [
      'tagging in another service than the scoped one',
      [allow(INSTANCES, '*', OWN_TEAM), allow('secretsmanager:TagResource', '*')],
      [],
    ],
    [
      'tagging one named instance',
      [allow(INSTANCES, '*', OWN_TEAM), allow('ec2:CreateTags', `arn:aws:ec2:eu-west-1:${A}:instance/i-0abc`)],
      [],
    ],
    ['no tag scope at all', [allow(INSTANCES, '*'), allow('ec2:CreateTags', '*')], []],
    [
      'instances of the stacks CloudFormation tags (`aws:cloudformation:stack-id`, a key only AWS sets), `ec2:CreateTags` on `*`',
      [
        allow(['ec2:RebootInstances', 'ec2:TerminateInstances'], 'arn:aws:ec2:*:*:instance/*', {
          StringLike: { 'ec2:ResourceTag/aws:cloudformation:stack-id': 'arn:aws:cloudformation:*:*:stack/awseb-e-*' },
        }),
        allow('ec2:CreateTags', '*'),
      ],
      [],
    ],
    [
      'a reserved key beside a key of the user in one scope: the user key is still settable',
      [
        allow(INSTANCES, '*', {
          StringLike: { 'ec2:ResourceTag/aws:cloudformation:stack-id': 'arn:aws:cloudformation:*:*:stack/app-*' },
          StringEquals: { 'ec2:ResourceTag/team': 'blue' },
        }),
        allow('ec2:CreateTags', '*'),
      ],
      [RETAG],
    ],
    [
      '`ec2:CreateTags` on `*` in eu-west-1 only (EC2 answers where the caller sends it)',
      [
        allow(INSTANCES, '*', OWN_TEAM),
        allow('ec2:CreateTags', '*', { StringEquals: { 'aws:RequestedRegion': 'eu-west-1' } }),
      ],
      [RETAG],
    ],
  ];

  it.each(CASES)('%s', (_name, statements, expected) => {
    expect(tagPaths(standalone(statements))).toEqual(expected);
  });
});

describe('a principal retagging itself', () => {
  const CASES: readonly (readonly [string, Json[], string[]])[] = [
    [
      '`iam:TagRole` on its own role',
      [allow('secretsmanager:GetSecretValue', '*', OWN_TEAM), allow('iam:TagRole', `arn:aws:iam::${A}:role/analyst`)],
      [SELF],
    ],
    [
      '`iam:TagRole` on every role',
      [allow('secretsmanager:GetSecretValue', '*', OWN_TEAM), allow('iam:Tag*', '*')],
      [SELF],
    ],
    [
      'access granted to principals tagged `team` = `admins`',
      [
        allow('secretsmanager:GetSecretValue', '*', { StringEquals: { 'aws:PrincipalTag/team': 'admins' } }),
        allow('iam:TagRole', `arn:aws:iam::${A}:role/analyst`),
      ],
      [SELF],
    ],
    [
      'its own tag only set to the value it has',
      [
        allow('secretsmanager:GetSecretValue', '*', OWN_TEAM),
        allow('iam:TagRole', `arn:aws:iam::${A}:role/analyst`, {
          StringEquals: { 'aws:RequestTag/team': '${aws:PrincipalTag/team}' },
        }),
      ],
      [],
    ],
    [
      'only other keys on itself',
      [
        allow('secretsmanager:GetSecretValue', '*', OWN_TEAM),
        allow('iam:TagRole', `arn:aws:iam::${A}:role/analyst`, {
          'ForAllValues:StringEquals': { 'aws:TagKeys': ['owner'] },
        }),
      ],
      [],
    ],
    [
      'another role only',
      [allow('secretsmanager:GetSecretValue', '*', OWN_TEAM), allow('iam:TagRole', `arn:aws:iam::${A}:role/other`)],
      [],
    ],
    [
      '`iam:TagRole` on its own role in eu-west-1 only (IAM answers in us-east-1): not reported',
      [
        allow('secretsmanager:GetSecretValue', '*', OWN_TEAM),
        allow('iam:TagRole', `arn:aws:iam::${A}:role/analyst`, {
          StringEquals: { 'aws:RequestedRegion': 'eu-west-1' },
        }),
      ],
      [],
    ],
    [
      '`iam:TagRole` on its own role in us-east-1 only, where IAM answers',
      [
        allow('secretsmanager:GetSecretValue', '*', OWN_TEAM),
        allow('iam:TagRole', `arn:aws:iam::${A}:role/analyst`, {
          StringEquals: { 'aws:RequestedRegion': 'us-east-1' },
        }),
      ],
      [SELF],
    ],
  ];

  it.each(CASES)('%s', (_name, statements, expected) => {
    expect(tagPaths(role(statements))).toEqual(expected);
  });
});

/** A role holding one inline policy per list of statements, named `p0`, `p1`, ... */
function roleWith(policies: Json[][]): ScanInput {
  const input = role([]);
  const principal = input.principals[0] as PrincipalInput;
  const attached = policies.map((statements, i) => ({
    kind: 'inline' as const,
    policy: { id: `p${i}`, name: `p${i}`, location: {}, document: { Version: V, Statement: statements } },
  }));
  return { ...input, principals: [{ ...principal, policies: attached }] };
}

/** `path tagging-policy scoped-policy` of each tag-scope finding. */
function tagPathsByPolicy(input: ScanInput): string[] {
  return runGuard(input, ESCALATION_CONFIG).findings.flatMap((f) => {
    const evidence = f.evidence as
      { path?: string; scopedBy?: { policy: string }; grantedBy?: { policy: string }[] } | undefined;
    const path = evidence?.path ?? '';
    const tagging = evidence?.grantedBy?.[1]?.policy ?? '';
    return path.startsWith('tag-scope-') ? [`${path} ${tagging} ${evidence?.scopedBy?.policy ?? ''}`] : [];
  });
}

describe('a tag scope and the tagging grant in different policies of one role', () => {
  const SCOPED = [allow(INSTANCES, '*', OWN_TEAM)];
  const TAGGING = [allow('ec2:CreateTags', '*')];
  const CASES: readonly (readonly [string, Json[][], string[]])[] = [
    ['the scope first, the tagging after', [SCOPED, TAGGING], ['tag-scope-retag-resource p1 p0']],
    ['the tagging first, the scope after', [TAGGING, SCOPED], ['tag-scope-retag-resource p0 p1']],
    [
      'tagging in two policies, the scope in a third',
      [TAGGING, TAGGING, SCOPED],
      ['tag-scope-retag-resource p0 p2', 'tag-scope-retag-resource p1 p2'],
    ],
    ['tagging in two policies, no scope anywhere', [TAGGING, [allow(INSTANCES, '*')], TAGGING], []],
  ];

  it.each(CASES)('%s', (_name, policies, expected) => {
    expect(tagPathsByPolicy(roleWith(policies)).sort()).toEqual(expected);
  });
});
