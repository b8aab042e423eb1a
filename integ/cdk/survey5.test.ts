/**
 * The fifth survey (survey5-apps.ts), IAM that aws-cdk-lib constructs create for the user, each app
 * synthesized once with the Aspect: the idioms get no finding (what aws-cdk-lib writes on `*`
 * for its own plumbing is accepted by a cdk-guard default, visible as suppressed), what
 * aws-cdk-lib writes that a reviewer would still raise is reported where it is written, every
 * planted risk is reported and annotated on its construct, and the CLI reads the same from the
 * cloud assembly.
 */
import type { Finding } from '@iamgate/core';
import { runCli } from './run-cli';
import { expectAnnotatedRisk, findingsAt, key, synthesize } from './synthesize';
import type { Synthesized } from './synthesize';
import {
  SURVEY5_CONFIG,
  SURVEY5_IDIOMS,
  SURVEY5_REAL,
  SURVEY5_RISKS,
  survey5App,
  survey5RisksApp,
} from './survey5-apps';

// Synthesizing apps of a dozen constructs with assets, nested stacks and a support stack takes seconds.
jest.setTimeout(120_000);

/** The CLI's findings on an assembly, compared with the Aspect's. */
async function cliFindings(app: Synthesized): Promise<{ code: number; findings: Finding[]; stderr: string }> {
  const { code, stdout, stderr } = await runCli([app.outdir, '--format', 'json', '--config', app.configFile]);
  return { code, findings: (JSON.parse(stdout) as { findings: Finding[] }).findings, stderr };
}

/** The support stack aws-cdk-lib generates in the partner account for the cross-account source. */
const SUPPORT_STACK = 'cross-account-support-stack-444455556666';
const SUPPORT_ACTION_ROLE = `${SUPPORT_STACK}/Survey5CrossAccountSourcePipeline31B2369D-Source-Source-ActionRole`;

describe('survey5 idioms', () => {
  let app: Synthesized;
  beforeAll(() => {
    app = synthesize(survey5App, SURVEY5_CONFIG);
  });

  // Each case wires IAM the way aws-cdk-lib and public apps do: no finding on it or below it.
  const idioms: [string, string][] = [
    [
      'AwsCustomResource: a parameter put and deleted on its ARN, SDK v3 names, getCallerIdentity on ANY_RESOURCE, a client of one pool described',
      'SdkCalls',
    ],
    ['Lambda addPermission by an SDK call: IoT for one provisioning template', 'SdkPermission'],
    ['the provider framework in a VPC with its log group', 'ProviderInVpc'],
    [
      'BucketDeployment under a prefix with a distribution invalidated, and into an imported bucket',
      'BucketDeployments',
    ],
    ['CallAwsService: `iamAction` s3:ListAllMyBuckets on `*`, DescribeExecution of one machine', 'SfnSdkCalls'],
    ['eks.FargateCluster: cluster, creation, kubectl and pod execution roles', 'FargateCluster'],
    ['CDK Pipelines: CodeBuildStep assuming lookup roles by tag, self-mutation and asset roles', 'CdkPipeline'],
    [
      'CodePipeline with a CodeCommit source in the partner account, a build, a deploy through the partner roles',
      'CrossAccountSource',
    ],
    ['addPermission for the organization and the partner, an IAM-auth function URL', 'LambdaPermissions'],
    ['LambdaRestApi, proxy and per method', 'LambdaRestApi'],
    ['EventBridge targets: function, queue, log group, state machine', 'EventTargets'],
    ['AWS Batch on Fargate (job role granted a bucket) and on Spot', 'Batch'],
    ['ECS patterns: queue worker, scheduled task, NLB service', 'EcsPatterns'],
    ['LogGroup.grantWrite and grantRead to roles', 'LogGroupGrants'],
    ['SNS subscriptions: queue, function, a queue on the partner topic', 'SnsSubscriptions'],
    ['Config: managed rule, custom rule and its function, AccessKeysRotated', 'ConfigRules'],
    ['Backup plan selecting by tag, with restores', 'BackupByTag'],
    ['Auto Scaling group with its role granted a bucket', 'AutoScalingRole'],
    ['Glue CfnJob whose role reads its script prefix', 'GlueCfnJob'],
    ['Cognito triggers and addTrigger', 'CognitoTriggers'],
  ];
  test.each(idioms)('%s: no finding', (_name, name) => {
    const construct = `Survey5/${name}`;
    expect(app.paths.has(construct)).toBe(true);
    expect(findingsAt(app.findings, construct).map(key)).toEqual([]);
  });

  test('every idiom of the app is judged here', () => {
    const judged = new Set(idioms.map(([, name]) => name));
    expect(Object.keys(SURVEY5_IDIOMS).filter((name) => !judged.has(name))).toEqual([]);
  });

  // Written by aws-cdk-lib or by public apps with it, and worth raising: a developer can act on
  // each or suppress it with a reason.
  const real: [string, string, string][] = [
    [
      'the SnsTopic target: `events.amazonaws.com` may publish without `aws:SourceArn` (the SqsQueue target adds it)',
      'resource-exposure/confused-deputy',
      'Survey5/EventTopic/Topic/Policy/Resource',
    ],
    [
      'a post confirmation trigger adding users to the groups of every user pool of the account (`userpool/*`)',
      'wildcard-resource/write-on-star',
      'Survey5/GroupsOfEveryPool/PostConfirm/ServiceRole/DefaultPolicy/Resource',
    ],
    // The artifact key lives in the pipeline's account; the support stack cannot name it.
    [
      'the source action role aws-cdk-lib generates in the partner account: kms:Decrypt on every key',
      'data-exfiltration/unscoped-read',
      `${SUPPORT_ACTION_ROLE}/DefaultPolicy/Resource`,
    ],
    [
      'the same role: kms:Encrypt and GenerateDataKey on every key',
      'wildcard-resource/write-on-star',
      `${SUPPORT_ACTION_ROLE}/DefaultPolicy/Resource`,
    ],
  ];
  test.each(real)('%s', (_name, ruleId, constructPath) => {
    expectAnnotatedRisk(app, constructPath, [ruleId]);
  });

  test('nothing else is reported: no input error, no unverifiable', () => {
    expect(
      Object.keys(SURVEY5_REAL).filter((name) => !real.some(([, , at]) => at.startsWith(`Survey5/${name}/`))),
    ).toEqual([]);
    const expected = new Set(real.map(([, ruleId, at]) => `${ruleId} @ ${at}`));
    expect(app.findings.filter((f) => !expected.has(key(f))).map(key)).toEqual([]);
    expect(app.errors).toEqual([]);
    expect(app.messages.filter(([, , m]) => m.startsWith('[iamgate]'))).toEqual([]);
  });

  test("the support stack's action role, trusted by one pipeline role of an account of the configuration: no trust finding", () => {
    // Listed in `trust.accounts`, the pipeline's account raises no trust finding; the trust names one role.
    expect(app.principals).toContain(SUPPORT_ACTION_ROLE);
    expect(app.findings.filter((f) => f.ruleId.startsWith('trust-policy/'))).toEqual([]);
  });

  test("aws-cdk-lib's own plumbing (invalidations and the EKS creation role on `*`, the log group policy of the rule's log target) is accepted by cdk-guard defaults, visible as suppressed", () => {
    expect(app.suppressed.map((f) => `${f.suppression.source} @ ${f.location.constructPath ?? '?'}`)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^cdk-guard default: bucketDeployment @ Survey5\/Custom::CDKBucketDeployment[0-9A-F]+\//),
        expect.stringMatching(
          /^cdk-guard default: eksClusterResource @ Survey5\/FargateCluster\/Cluster\/Resource\/CreationRole\//,
        ),
        expect.stringMatching(
          /^cdk-guard default: logGroupResourcePolicy @ Survey5\/EventsLogGroupPolicySurvey5EventTargetsRule[0-9A-F]+\//,
        ),
      ]),
    );
    const sources = new Set(app.suppressed.map((f) => f.suppression.source));
    expect([...sources].sort()).toEqual([
      'cdk-guard default: bucketDeployment',
      'cdk-guard default: eksClusterResource',
      'cdk-guard default: logGroupResourcePolicy',
    ]);
  });

  test('the CLI on the cloud assembly (nested stacks, the support stack) reports what the Aspect did', async () => {
    const cli = await cliFindings(app);
    expect([cli.code, cli.stderr]).toEqual([0, '']);
    expect(cli.findings.map(key).sort()).toEqual(app.findings.map(key).sort());
  });
});

describe('survey5 risks', () => {
  let app: Synthesized;
  beforeAll(() => {
    app = synthesize(survey5RisksApp, SURVEY5_CONFIG);
  });

  /** The construct below `parent` whose id starts with `prefix` (ids aws-cdk-lib derives from a hash). */
  const childOf = (parent: string, prefix: string): string =>
    [...app.paths].find((p) => p.startsWith(`${parent}/${prefix}`) && !p.slice(parent.length + 1).includes('/')) ??
    `${parent}/${prefix}?`;

  // The case, what a reviewer refuses, the construct the finding is on, and its rules.
  const risks: [string, string, () => string, string[]][] = [
    [
      'SdkCreateUser',
      'AwsCustomResource on ANY_RESOURCE creating an IAM user',
      () => 'Survey5Risks/SdkCreateUser/User/CustomResourcePolicy/Resource',
      ['wildcard-resource/write-on-star'],
    ],
    [
      'SdkDeleteBucket',
      'AwsCustomResource on ANY_RESOURCE deleting a bucket; `listBuckets` granted as `s3:ListBuckets`, no IAM action',
      () => 'Survey5Risks/SdkDeleteBucket/Cleanup/CustomResourcePolicy/Resource',
      ['wildcard-resource/write-on-star', 'policy-validity/unknown-action'],
    ],
    [
      'SdkV3DropTable',
      'AwsCustomResource on ANY_RESOURCE dropping a table (SDK v3 names)',
      () => 'Survey5Risks/SdkV3DropTable/Drop/CustomResourcePolicy/Resource',
      ['wildcard-resource/write-on-star'],
    ],
    [
      'SdkTagAnything',
      'AwsCustomResource on ANY_RESOURCE tagging any EC2 resource',
      () => 'Survey5Risks/SdkTagAnything/Tag/CustomResourcePolicy/Resource',
      ['wildcard-resource/write-on-star'],
    ],
    [
      'SdkTablePolicy',
      'a table policy for every principal set by DynamoDB putResourcePolicy',
      () => 'Survey5Risks/SdkTablePolicy/Policy/Resource/Default',
      ['resource-exposure/public-principal'],
    ],
    [
      'SfnDropTable',
      'CallAwsService deleteTable on `*`',
      () => 'Survey5Risks/SfnDropTable/Machine/Role/DefaultPolicy/Resource',
      ['wildcard-resource/write-on-star'],
    ],
    [
      'SfnUserKeys',
      'CallAwsService creating users and their access keys on `*`',
      () => 'Survey5Risks/SfnUserKeys/Machine/Role/DefaultPolicy/Resource',
      ['privilege-escalation/user-credentials', 'wildcard-resource/write-on-star'],
    ],
    [
      'InvokeByAnyone',
      'grantInvoke(new AnyPrincipal())',
      () => childOf('Survey5Risks/InvokeByAnyone/Fn', 'Invoke'),
      ['resource-exposure/public-principal'],
    ],
    [
      'SdkPublicPermission',
      'Lambda addPermission by an SDK call for every principal',
      () => 'Survey5Risks/SdkPublicPermission/Open/Resource/Default',
      ['resource-exposure/public-principal'],
    ],
    [
      'SdkBusForAnyone',
      'the default bus opened to every principal by EventBridge putPermission (older form)',
      () => 'Survey5Risks/SdkBusForAnyone/Open/Resource/Default',
      ['resource-exposure/public-principal'],
    ],
    [
      'SdkLogsPolicy',
      'a CloudWatch Logs resource policy for every principal set by putResourcePolicy',
      () => 'Survey5Risks/SdkLogsPolicy/Open/Resource/Default',
      ['resource-exposure/public-principal'],
    ],
    [
      'SdkLogsPolicy',
      'the copy of the CDK log group policy for Route 53 query logs, without a source condition',
      () => 'Survey5Risks/SdkLogsPolicy/QueryLogs/Resource/Default',
      ['resource-exposure/confused-deputy'],
    ],
    [
      'LogsForAnyDomain',
      'LogGroup.grantWrite to es.amazonaws.com without a source condition',
      () => 'Survey5Risks/LogsForAnyDomain/Slow/Policy/ResourcePolicy',
      ['resource-exposure/confused-deputy'],
    ],
    [
      'BuildDefaultsAdmin',
      'codeBuildDefaults.rolePolicy `*` on `*`: the synth project role',
      () => 'Survey5Risks/BuildDefaultsAdmin/Pipeline/Pipeline/Build/Synth/CdkBuildProject/Role/DefaultPolicy/Resource',
      ['admin-access/full-access'],
    ],
    [
      'BuildDefaultsAdmin',
      'the self-mutation role gets it too',
      () => 'Survey5Risks/BuildDefaultsAdmin/Pipeline/UpdatePipeline/SelfMutation/Role/DefaultPolicy/Resource',
      ['admin-access/full-access'],
    ],
    [
      'BuildDefaultsAdmin',
      "the pipeline's CodeBuild action role may start both projects",
      () => 'Survey5Risks/BuildDefaultsAdmin/Pipeline/CodeBuildActionRole/DefaultPolicy/Resource',
      ['privilege-escalation/run-as-existing-role'],
    ],
    [
      'DeploymentHandlerGrant',
      "writes on `*` granted to BucketDeployment's handler role: on the stack's singleton handler",
      () => childOf('Survey5Risks', 'Custom::CDKBucketDeployment').concat('/ServiceRole/DefaultPolicy/Resource'),
      ['wildcard-resource/write-on-star'],
    ],
    [
      'ProviderHandlerAdmin',
      'the handler of a provider given AdministratorAccess',
      () => 'Survey5Risks/ProviderHandlerAdmin/OnEvent/ServiceRole/Resource',
      ['admin-access/full-access'],
    ],
  ];
  // Each is found on that construct and annotated there, at its severity.
  test.each(risks)('%s: %s', (_case, _name, at, ruleIds) => {
    expectAnnotatedRisk(app, at(), ruleIds);
  });

  test('the escalation names both projects the action role may start', () => {
    const paths = app.findings
      .filter((f) => f.ruleId === 'privilege-escalation/run-as-existing-role')
      .map((f) => f.message.match(/as role `([^`]+)`/)?.[1]);
    expect(paths.sort()).toEqual([
      'Survey5Risks/BuildDefaultsAdmin/Pipeline/Pipeline/Build/Synth/CdkBuildProject/Role',
      'Survey5Risks/BuildDefaultsAdmin/Pipeline/UpdatePipeline/SelfMutation/Role',
    ]);
  });

  test('every case of the app is judged here, and nothing else is reported', () => {
    const judged = new Set(risks.map(([name]) => name));
    expect(Object.keys(SURVEY5_RISKS).filter((name) => !judged.has(name))).toEqual([]);
    const expected = new Set(risks.flatMap(([, , at, ruleIds]) => ruleIds.map((r) => `${r} @ ${at()}`)));
    expect(app.findings.filter((f) => !expected.has(key(f))).map(key)).toEqual([]);
    expect(app.errors).toEqual([]);
    expect(app.findings.filter((f) => f.ruleId.startsWith('unverifiable/'))).toEqual([]);
  });

  test('the cdk-guard CLI on the cloud assembly reports what the Aspect reported, and fails', async () => {
    const cli = await cliFindings(app);
    expect(cli.code).toBe(1);
    expect(cli.findings.map(key).sort()).toEqual(app.findings.map(key).sort());
  });
});
