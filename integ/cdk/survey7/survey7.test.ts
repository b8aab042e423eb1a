/**
 * The seventh survey (survey7-apps.ts, README.md), whole CDK apps as public projects write them,
 * synthesized once with the Aspect: the idioms get no finding, the planted risks are reported on
 * the construct that holds them, the validation plugin and the CLI on the assembly report what the
 * Aspect does; across stacks, the values of another stack (`Fn::ImportValue`, CDK's cross-region
 * references, a nested stack's parameters) are read where they are defined.
 */
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { Aspects } from 'aws-cdk-lib';
import type { App } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import type { Finding } from '@iamgate/core';
import { IamGuardAspect } from '../../../packages/cdk-guard/src/cdk/aspect';
import { runCli } from '../run-cli';
import { expectAnnotatedRisk, expectParity, findingsAt, key, synthesize, tempOutdir } from '../synthesize';
import type { Synthesized } from '../synthesize';
import {
  SURVEY7_BOUNDARY_CONFIG,
  SURVEY7_CONFIG,
  SURVEY7_IDIOMS,
  SURVEY7_RISKS,
  survey7App,
  survey7BoundaryApp,
  survey7CrossRegionApp,
  survey7CrossStackApp,
  survey7CrossStackRisksApp,
  survey7PipelineApp,
  survey7RisksApp,
  survey7SharedNamesApp,
  survey7WeakReferencesApp,
} from './survey7-apps';

// Synthesizing apps with a VPC, an EKS cluster and a pipeline takes seconds on a shared machine.
jest.setTimeout(180_000);

describe('survey7 idioms in one stack', () => {
  let app: Synthesized;
  beforeAll(() => {
    app = synthesize(survey7App, SURVEY7_CONFIG);
  });

  const idioms: [string, string][] = [
    ['a REST API proxying to a function that reads and writes one table', 'ApiLambdaDynamo'],
    ['a bucket notifying a function that reads one prefix (and the notifications handler CDK adds)', 'S3Lambda'],
    ['a queue with a dead-letter queue feeding a function', 'SqsLambda'],
    [
      'a rule on a custom bus starting a state machine that invokes a function and writes an item',
      'EventBridgeStepFunctions',
    ],
    ['grants on a function, bucket, secret, table, queue, topic, stream and key imported by ARN', 'ImportedGrants'],
    ['`grantPassRole` of one role, a statement given to `grantPrincipal`, `grantStartExecution`', 'PassOneRole'],
    [
      '`Grant.addToPrincipalOrResource` and a key grant for a role of the trusted production account',
      'GrantToOtherAccount',
    ],
    ['`AwsCustomResource` with `fromSdkCalls` on one parameter, the provider framework', 'CustomResources'],
    ['`BucketDeployment` under a prefix of a bucket', 'Website'],
    ['an EKS cluster whose masters role the platform administrator role assumes, an imported master', 'EksMasters'],
    ['a Cognito identity pool whose authenticated role is held to its pool (`aud`) and `amr`', 'IdentityPool'],
    ['GitHub OIDC for the main branch of one repository, assuming the CDK bootstrap roles', 'GitHubOidc'],
    ['grants to a role imported with `mutable: false`', 'ImmutableRole'],
    ['`Lazy` values, a parameter and stack attributes in the ARNs of one table, queue and parameter', 'TokensInArns'],
  ];
  test.each(idioms)('%s: no finding', (_name, name) => {
    expect(app.paths.has(`Survey7/${name}`)).toBe(true);
    expect(findingsAt(app.findings, `Survey7/${name}`).map(key)).toEqual([]);
  });

  test('every idiom of the app is judged here', () => {
    const judged = new Set(idioms.map(([, name]) => name));
    expect(Object.keys(SURVEY7_IDIOMS).filter((name) => !judged.has(name))).toEqual([]);
  });

  test('the roles of the cases are checked, those CDK creates included', () => {
    expect(app.principals).toEqual(
      expect.arrayContaining([
        'Survey7/ApiLambdaDynamo/Handler/ServiceRole',
        'Survey7/GitHubOidc/Deployer',
        'Survey7/IdentityPool/Authenticated',
        'Survey7/EksMasters/Masters',
      ]),
    );
  });

  test('the Aspect, the plugin and the CLI find nothing', async () => {
    await expectParity(app, survey7App, SURVEY7_CONFIG, []);
  });
});

describe('survey7 planted risks', () => {
  let app: Synthesized;
  beforeAll(() => {
    app = synthesize(survey7RisksApp, SURVEY7_CONFIG);
  });

  // The case, what a reviewer refuses, the construct the finding is on, and its rules.
  const risks: [string, string, string, string[]][] = [
    [
      'OidcNoSub',
      'a GitHub OIDC role checked on its audience only',
      'Survey7Risks/OidcNoSub/Deployer/Resource',
      ['trust-policy/oidc-missing-sub'],
    ],
    [
      'CognitoNoAud',
      'a Cognito role that names no identity pool',
      'Survey7Risks/CognitoNoAud/Authenticated/Resource',
      ['trust-policy/oidc-missing-sub'],
    ],
    [
      'PassAnyImportedRole',
      '`grantPassRole` on a role imported by a wildcard ARN',
      'Survey7Risks/PassAnyImportedRole/Launcher/ServiceRole/DefaultPolicy/Resource',
      ['privilege-escalation/pass-role-wildcard'],
    ],
    [
      'LazyPassRole',
      'a `Lazy` list producing `*` for `iam:PassRole`',
      'Survey7Risks/LazyPassRole/Fn/ServiceRole/DefaultPolicy/Resource',
      ['privilege-escalation/pass-role-wildcard'],
    ],
    [
      'AnyResourceIam',
      '`AwsCustomResource` with `ANY_RESOURCE` attaching role policies',
      'Survey7Risks/AnyResourceIam/Attach/CustomResourcePolicy/Resource',
      ['privilege-escalation/iam-policy-modification'],
    ],
    [
      'EksMastersAccount',
      'an EKS masters role every principal of the account may assume',
      'Survey7Risks/EksMastersAccount/Masters/Resource',
      ['trust-policy/account-root'],
    ],
    [
      'SdkCallActionName',
      'a state machine calling S3 `listBuckets`: CDK grants `s3:listBuckets`, no IAM action (`s3:ListAllMyBuckets` is)',
      'Survey7Risks/SdkCallActionName/Inventory/Role/DefaultPolicy/Resource',
      ['policy-validity/unknown-action'],
    ],
    [
      'WildcardImportedTable',
      'every DynamoDB action on every table, through a table imported by a wildcard ARN',
      'Survey7Risks/WildcardImportedTable/Fn/ServiceRole/DefaultPolicy/Resource',
      [
        'data-exfiltration/unscoped-read',
        'resource-exposure/policy-change',
        'wildcard-action/service-wildcard',
        'wildcard-resource/write-on-star',
      ],
    ],
  ];
  test.each(risks)('%s: %s, annotated on the construct', (_case, _name, at, ruleIds) => {
    expectAnnotatedRisk(app, at, ruleIds);
  });

  test('every case of the app is judged, and the Aspect, the plugin and the CLI report only these', async () => {
    const judged = new Set(risks.map(([name]) => name));
    expect(Object.keys(SURVEY7_RISKS).filter((name) => !judged.has(name))).toEqual([]);
    const expected = risks.flatMap(([, , at, ruleIds]) => ruleIds.map((r) => `${r} @ ${at}`));
    await expectParity(app, survey7RisksApp, SURVEY7_CONFIG, expected);
  });
});

describe('survey7 a boundary the stack creates, applied with PermissionsBoundary.of', () => {
  let app: Synthesized;
  beforeAll(() => {
    app = synthesize(survey7BoundaryApp, SURVEY7_BOUNDARY_CONFIG);
  });

  test("the roles CDK creates have it, and a role's removal of its boundary the boundary denies is no finding", () => {
    expect(app.principals).toEqual(
      expect.arrayContaining([
        'Survey7Bounded/OnUpload/ServiceRole',
        'Survey7Bounded/Provider/framework-onEvent/ServiceRole',
        'Survey7Bounded/Escaping',
      ]),
    );
    expect(findingsAt(app.findings, 'Survey7Bounded/Escaping').map(key)).toEqual([]);
  });

  test('a role whose boundary `PermissionsBoundary.of(role).clear()` removes is reported, by all three', async () => {
    expectAnnotatedRisk(app, 'Survey7Bounded/Exempt/Resource', ['boundary/missing-required']);
    await expectParity(app, survey7BoundaryApp, SURVEY7_BOUNDARY_CONFIG, [
      'boundary/missing-required @ Survey7Bounded/Exempt/Resource',
    ]);
  });
});

describe('survey7 across stacks', () => {
  test("grants on another stack's table and bucket (`Fn::ImportValue`) and a nested stack's grant are read as those resources; an export of no stack of the app is unverifiable", async () => {
    const app = synthesize(survey7CrossStackApp, SURVEY7_CONFIG);
    expect(app.principals).toEqual(
      expect.arrayContaining(['Survey7Service/Api/ServiceRole', 'Survey7Service/Workers/Reader/ServiceRole']),
    );
    const unverifiable = app.findings.find((f) => f.ruleId === 'unverifiable/unknown-value');
    expect(unverifiable?.message).toContain('shop-events-queue-arn');
    await expectParity(app, survey7CrossStackApp, SURVEY7_CONFIG, [
      'unverifiable/unknown-value @ Survey7Service/Api/ServiceRole/DefaultPolicy/Resource',
    ]);
  });

  test('cross-region references (`crossRegionReferences`) are read as the resources of the us-east-1 stack: a table grant, a queue policy and a trust naming its role get no finding', async () => {
    const app = synthesize(survey7CrossRegionApp, SURVEY7_CONFIG);
    expect(app.principals).toEqual(
      expect.arrayContaining(['Survey7Regional/Api/ServiceRole', 'Survey7Regional/Reporter']),
    );
    await expectParity(app, survey7CrossRegionApp, SURVEY7_CONFIG, []);
  });

  test('weak references (`Fn::GetStackOutput`) are read as the outputs of the data stack: the grant and the queue policy get no finding, `iam:PassRole` on an output that is `*` is reported', async () => {
    const app = synthesize(survey7WeakReferencesApp, SURVEY7_CONFIG);
    const at = 'Survey7WeakService/Launcher/ServiceRole/DefaultPolicy/Resource';
    expectAnnotatedRisk(app, at, ['privilege-escalation/pass-role-wildcard']);
    await expectParity(app, survey7WeakReferencesApp, SURVEY7_CONFIG, [
      `privilege-escalation/pass-role-wildcard @ ${at}`,
    ]);
  });

  test('the CLI reads `Fn::GetStackOutput` in a YAML template by its short form, and a stack it is not given stays unverifiable (no input error)', async () => {
    const dir = tempOutdir();
    const file = path.join(dir, 'consumer.yaml');
    writeFileSync(
      file,
      [
        'Resources:',
        '  Queue:',
        '    Type: AWS::SQS::Queue',
        '  QueuePolicy:',
        '    Type: AWS::SQS::QueuePolicy',
        '    Properties:',
        '      Queues: [!Ref Queue]',
        '      PolicyDocument:',
        "        Version: '2012-10-17'",
        '        Statement:',
        '          - Effect: Allow',
        '            Action: sqs:SendMessage',
        '            Resource: !GetAtt Queue.Arn',
        '            Principal:',
        '              AWS: !GetStackOutput',
        '                StackName: producer',
        '                OutputName: IngestRoleArn',
        '',
      ].join('\n'),
    );
    const { code, stdout, stderr } = await runCli([file, '--format', 'json']);
    expect(stderr).toBe('');
    const report = JSON.parse(stdout) as { findings: Finding[]; errors: unknown[] };
    expect(report.errors).toEqual([]);
    expect(
      report.findings.map((f) => [f.ruleId, f.message.includes('output IngestRoleArn of stack producer')]),
    ).toEqual([['unverifiable/unknown-value', true]]);
    expect(code).toBe(0);
  });

  test("a nested stack's function passing any role and a policy giving every action to a role named by an import are reported", async () => {
    const app = synthesize(survey7CrossStackRisksApp, SURVEY7_CONFIG);
    expectAnnotatedRisk(app, 'Survey7CrossRisks/Jobs/Launcher/ServiceRole/DefaultPolicy/Resource', [
      'privilege-escalation/pass-role-wildcard',
    ]);
    expectAnnotatedRisk(app, 'Survey7CrossRisks/OpsAll/Resource', ['admin-access/full-access']);
    await expectParity(app, survey7CrossStackRisksApp, SURVEY7_CONFIG, [
      'privilege-escalation/pass-role-wildcard @ Survey7CrossRisks/Jobs/Launcher/ServiceRole/DefaultPolicy/Resource',
      'admin-access/full-access @ Survey7CrossRisks/OpsAll/Resource',
    ]);
  });
});

describe('survey7 stacks of the same name in two accounts', () => {
  test("`Fn::GetStackOutput` without a role, and `Fn::ImportValue`, read the stack of the consuming stack's account: development's `*` is reported, production's one role is not, by the Aspect and by the CLI on both stages", async () => {
    const app = synthesize(survey7SharedNamesApp, SURVEY7_CONFIG);
    await expectParity(app, survey7SharedNamesApp, SURVEY7_CONFIG, [
      'privilege-escalation/pass-role-wildcard @ Dev/Service/Launcher/ServiceRole/DefaultPolicy/Resource',
      'privilege-escalation/pass-role-wildcard @ Dev/Service/Scheduler/ServiceRole/DefaultPolicy/Resource',
    ]);
  });
});

describe('survey7 the Aspect added to the consuming stack, or to a construct in it, only', () => {
  // `Aspects.of(stack).add(new IamGuardAspect())` in a stack's constructor, or in a construct's, as
  // per-stack and per-construct checks are often added: the stacks the references come from are
  // outside its scope, yet in the app.
  const cases: [string, string, (props: { outdir: string }) => App, string[]][] = [
    [
      'exports (`Fn::ImportValue`)',
      'Survey7Service',
      survey7CrossStackApp,
      ['unverifiable/unknown-value @ Survey7Service/Api/ServiceRole/DefaultPolicy/Resource'],
    ],
    [
      'exports (`Fn::ImportValue`)',
      'Survey7Service/Api',
      survey7CrossStackApp,
      ['unverifiable/unknown-value @ Survey7Service/Api/ServiceRole/DefaultPolicy/Resource'],
    ],
    ['cross-region references', 'Survey7Regional', survey7CrossRegionApp, []],
    ['cross-region references', 'Survey7Regional/Api', survey7CrossRegionApp, []],
    [
      'weak references (`Fn::GetStackOutput`)',
      'Survey7WeakService',
      survey7WeakReferencesApp,
      ['privilege-escalation/pass-role-wildcard @ Survey7WeakService/Launcher/ServiceRole/DefaultPolicy/Resource'],
    ],
    [
      'weak references (`Fn::GetStackOutput`)',
      'Survey7WeakService/Launcher',
      survey7WeakReferencesApp,
      ['privilege-escalation/pass-role-wildcard @ Survey7WeakService/Launcher/ServiceRole/DefaultPolicy/Resource'],
    ],
  ];
  test.each(cases)(
    '%s of stacks outside its scope `%s` are read where they are defined',
    (_name, scope, make, expected) => {
      const app = make({ outdir: tempOutdir() });
      const aspect = new IamGuardAspect(SURVEY7_CONFIG);
      Aspects.of(scope.split('/').reduce<IConstruct>((c, id) => c.node.findChild(id), app)).add(aspect);
      app.synth();
      expect(aspect.report?.input.principals.every((p) => p.id.startsWith(`${scope}/`))).toBe(true);
      expect(aspect.report?.result.findings.map(key).sort()).toEqual([...expected].sort());
      expect(aspect.report?.result.errors).toEqual([]);
    },
  );
});

describe('survey7 CDK Pipelines with crossAccountKeys', () => {
  test("the pipeline's roles and the production stage are checked; `codestar-connections:UseConnection` on a `codeconnections` ARN applies to nothing (AWS: the prefixes must match)", async () => {
    const app = synthesize(survey7PipelineApp, SURVEY7_CONFIG);
    expect(app.principals).toEqual(
      expect.arrayContaining([
        'Survey7Pipeline/Pipeline/UpdatePipeline/SelfMutation/Role',
        'Survey7Pipeline/Pipeline/Pipeline/Role',
        'Prod/Api/Handler/ServiceRole',
      ]),
    );
    const at = 'Survey7Pipeline/Pipeline/Pipeline/Source/shop_web/CodePipelineActionRole/DefaultPolicy/Resource';
    expectAnnotatedRisk(app, at, ['policy-validity/resource-mismatch']);
    await expectParity(app, survey7PipelineApp, SURVEY7_CONFIG, [`policy-validity/resource-mismatch @ ${at}`]);
  });
});
