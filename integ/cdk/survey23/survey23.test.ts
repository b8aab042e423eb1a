/**
 * The twenty-third survey (survey23-apps.ts, README.md): Scheduler schedule groups, Firehose to an
 * HTTP endpoint, AppSync merged and Events APIs, ECS patterns with several target groups, more Step
 * Functions tasks and CodePipeline actions, an EventBridge OAuth connection, synthesized once with
 * the Aspect: the idioms get no finding; what aws-cdk-lib writes too wide and the planted risks are
 * reported on the construct that holds them; the validation plugin and the CLI on the assembly
 * report what the Aspect does.
 */
import { expectAnnotatedRisk, expectParity, findingsAt, key, synthesize } from '../synthesize';
import type { Synthesized } from '../synthesize';
import { SURVEY23_CONFIG, SURVEY23_IDIOMS, SURVEY23_RISKS, survey23App, survey23RisksApp } from './survey23-apps';

// Synthesizing apps with VPCs, clusters and a dozen pipelines takes seconds on a shared machine.
jest.setTimeout(300_000);

describe('survey23 idioms', () => {
  let app: Synthesized;
  beforeAll(() => {
    app = synthesize(survey23App, SURVEY23_CONFIG);
  });

  const idioms: [string, string][] = [
    ['a schedule group read, written and deleted by a function; a schedule with its own key', 'ScheduleGroupGrants'],
    ['a Firehose stream to an HTTP endpoint, its key in a secret, failed records to a bucket', 'FirehoseHttpEndpoint'],
    ['an AppSync merged API of a source API with a `NONE` data source', 'AppSyncMergedApi'],
    ['an AppSync Events API handing events to a function, with a DynamoDB data source', 'EventApiHandlers'],
    ['Fargate services with several target groups behind an ALB and an NLB', 'EcsMultipleTargetGroups'],
    ['`GlueStartCrawlerRun` then `CodeBuildStartBuildBatch` in a state machine', 'SfnCrawlerAndBatchBuild'],
    ['a pipeline deploying a StackSet and its instances (self-managed)', 'StackSetDeploy'],
    ['a pipeline building an image into a repository and scanning it with Inspector', 'EcrBuildAndScan'],
    ['a pipeline starting another pipeline, then deleting one stack', 'PipelineInvokeAndDelete'],
    ['an EventBridge connection with OAuth, an API destination a rule calls', 'OAuthApiDestination'],
  ];
  test.each(idioms)('%s: no finding', (_name, name) => {
    expect(app.paths.has(`Survey23/${name}`)).toBe(true);
    expect(findingsAt(app.findings, `Survey23/${name}`).map(key)).toEqual([]);
  });

  test('every idiom of the app is judged here', () => {
    const judged = new Set(idioms.map(([, name]) => name));
    expect(Object.keys(SURVEY23_IDIOMS).filter((name) => !judged.has(name))).toEqual([]);
  });

  test('the roles these constructs create are checked', () => {
    expect(app.principals).toEqual(
      expect.arrayContaining([
        'Survey23/ScheduleGroupGrants/Admin/ServiceRole',
        'Survey23/FirehoseHttpEndpoint/Stream/Http Destination Role',
        'Survey23/AppSyncMergedApi/Merged/MergedApiExecutionRole',
        'Survey23/EventApiHandlers/Events/Handler/ServiceRole',
        'Survey23/EventApiHandlers/Events/Store/ServiceRole',
        'Survey23/EcsMultipleTargetGroups/Web/TaskDef/ExecutionRole',
        'Survey23/SfnCrawlerAndBatchBuild/Machine/Role',
        'Survey23/StackSetDeploy/Pipeline/Deploy/StackSet/CodePipelineActionRole',
        'Survey23/StackSetDeploy/Pipeline/Deploy/StackSet/StackSetAdministrationRole',
        'Survey23/EcrBuildAndScan/Pipeline/Build/Image/CodePipelineActionRole',
        'Survey23/EcrBuildAndScan/Pipeline/Build/Scan/CodePipelineActionRole',
        'Survey23/PipelineInvokeAndDelete/Pipeline/Next/DeletePreview/Role',
        'Survey23/OAuthApiDestination/Destination/EventsRole',
      ]),
    );
    // The schedule's role (one per target, made at the stack) may decrypt the schedule's key.
    expect(app.principals.some((p) => p.startsWith('Survey23/SchedulerRoleForTarget-'))).toBe(true);
  });

  test('the Aspect, the plugin and the CLI find nothing', async () => {
    await expectParity(app, survey23App, SURVEY23_CONFIG, []);
  });
});

describe('survey23 what aws-cdk-lib writes wide, and planted risks', () => {
  let app: Synthesized;
  beforeAll(() => {
    app = synthesize(survey23RisksApp, SURVEY23_CONFIG);
  });

  const BEANSTALK = 'Survey23Risks/ElasticBeanstalkDeploy/Pipeline/Deploy/Beanstalk/CodePipelineActionRole/Resource';
  const BLUE_GREEN =
    'Survey23Risks/CodeDeployEcsDeploy/Pipeline/Deploy/BlueGreen/CodePipelineActionRole/DefaultPolicy/Resource';
  // The case, what a reviewer refuses, the construct the findings are on, and their rules.
  const risks: [string, string, string, string[]][] = [
    [
      'AppSyncAuroraSource',
      '`addRdsDataSourceV2`: `rds-data:DeleteItems`, `GetItems`, `InsertItems`, `UpdateItems` are no IAM actions',
      'Survey23Risks/AppSyncAuroraSource/Api/Aurora/ServiceRole/DefaultPolicy/Resource',
      ['policy-validity/unknown-action'],
    ],
    [
      'ScheduledEc2Task',
      'the cluster capacity: the ECS agent writes to every log group',
      'Survey23Risks/ScheduledEc2Task/Cluster/Instances/InstanceRole/DefaultPolicy/Resource',
      ['wildcard-resource/write-on-star'],
    ],
    [
      'CodeDeployEcsDeploy',
      '`CodeDeployEcsDeployAction`: `iam:PassRole` on `*` to ECS tasks, `ecs:RegisterTaskDefinition` on `*`',
      BLUE_GREEN,
      ['privilege-escalation/pass-role-wildcard', 'wildcard-resource/write-on-star'],
    ],
    [
      'ElasticBeanstalkDeploy',
      '`ElasticBeanstalkDeployAction`: AWS managed `AdministratorAccess-AWSElasticBeanstalk` on the action role',
      BEANSTALK,
      [
        'data-exfiltration/unscoped-read',
        'privilege-escalation/pass-role-to-service',
        'privilege-escalation/pass-role-wildcard',
        'wildcard-action/service-wildcard',
      ],
    ],
    [
      'AthenaQueryResults',
      '`AthenaGetQueryResults`: `athena:GetQueryResults` and `s3:GetObject` on `*`',
      'Survey23Risks/AthenaQueryResults/Machine/Role/DefaultPolicy/Resource',
      ['data-exfiltration/unscoped-read'],
    ],
    [
      'SageMakerModelUpdate',
      '`SageMakerCreateModel` without `role`: the role it creates writes to every log group',
      'Survey23Risks/SageMakerModelUpdate/Model/SagemakerRole/Resource',
      ['wildcard-resource/write-on-star'],
    ],
    [
      'ScheduleGroupAll',
      '`group.grant(fn, "scheduler:*")`: every Scheduler action',
      'Survey23Risks/ScheduleGroupAll/Ops/ServiceRole/DefaultPolicy/Resource',
      ['wildcard-action/service-wildcard'],
    ],
    [
      'CfnDeleteAdmin',
      '`CloudFormationDeleteStackAction` with `adminPermissions: true`: `*` on `*`',
      'Survey23Risks/CfnDeleteAdmin/Pipeline/Cleanup/DeleteAny/Role/DefaultPolicy/Resource',
      ['admin-access/full-access'],
    ],
    [
      'AnyApiDestination',
      '`events:InvokeApiDestination` on `*` written by hand',
      'Survey23Risks/AnyApiDestination/EventsRole/DefaultPolicy/Resource',
      ['wildcard-resource/write-on-star'],
    ],
  ];
  test.each(risks)('%s: %s, annotated on the construct', (_case, _name, at, ruleIds) => {
    expectAnnotatedRisk(app, at, ruleIds);
  });

  test('the four rds-data actions IAM does not have are each named, the five it has are not', () => {
    const unknown = app.findings.filter((f) => f.ruleId === 'policy-validity/unknown-action').map((f) => f.message);
    expect(unknown.sort()).toEqual(
      ['DeleteItems', 'GetItems', 'InsertItems', 'UpdateItems'].map(
        (a) => `action \`rds-data:${a}\` does not exist in service \`rds-data\``,
      ),
    );
  });

  test('AdministratorAccess-AWSElasticBeanstalk: no retag escalation on `aws:cloudformation:stack-id`, a key only AWS sets', () => {
    const beanstalk = app.findings.filter((f) => f.location.constructPath === BEANSTALK);
    expect(beanstalk.filter((f) => f.ruleId === 'privilege-escalation/iam-policy-modification')).toEqual([]);
    expect(beanstalk.map((f) => f.message).join('\n')).not.toContain('aws:cloudformation:stack-id');
    // Passing any role to CloudFormation beside `cloudformation:CreateStack` on `awseb-*` stacks stays.
    expect(beanstalk.find((f) => f.ruleId === 'privilege-escalation/pass-role-to-service')?.message).toContain(
      '`iam:PassRole` + `cloudformation:CreateStack`',
    );
  });

  test('the SageMaker state machine passes only the model role, to SageMaker: no pass-role finding there', () => {
    expect(
      app.findings
        .filter((f) => f.ruleId.startsWith('privilege-escalation/pass-role'))
        .map((f) => f.location.constructPath),
    ).toEqual(expect.not.arrayContaining([expect.stringContaining('SageMakerModelUpdate')]));
  });

  test('every case of the app is judged, and the Aspect, the plugin and the CLI report only these', async () => {
    const judged = new Set(risks.map(([name]) => name));
    expect(Object.keys(SURVEY23_RISKS).filter((name) => !judged.has(name))).toEqual([]);
    const expected = risks.flatMap(([, , at, ruleIds]) => ruleIds.map((r) => `${r} @ ${at}`));
    const found = app.findings.map(key);
    // A rule may report a construct more than once (one finding per statement or per action).
    expect([...new Set(found)].sort()).toEqual([...expected].sort());
    await expectParity(app, survey23RisksApp, SURVEY23_CONFIG, found);
  });
});
