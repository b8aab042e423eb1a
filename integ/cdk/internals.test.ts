/**
 * The defaults for IAM that aws-cdk-lib writes on the user's behalf (packages/cdk-guard/src/cdk/
 * internals.ts), on the survey app of internals-survey.ts synthesized once with the Aspect: what
 * each default accepts is listed as suppressed with its reason, what it does not accept (the same
 * grant on the user's own role, a broader grant on the role aws-cdk-lib created) stays reported,
 * and the CLI without the defaults reports everything they accepted.
 */
import type { Finding } from '@iamgate/core';
import { CDK_INTERNALS } from '../../packages/cdk-guard/src/cdk/internals';
import type { CdkInternalName } from '../../packages/cdk-guard/src/cdk/internals';
import { runCli } from './run-cli';
import { findingsAt, key, synthesize } from './synthesize';
import type { Synthesized } from './synthesize';
import { internalsCasesApp, internalsSurveyApp } from './internals-survey';

const BUCKET_DEPLOYMENT = 'Custom::CDKBucketDeployment8693BB64968944B69AAFB0CC9EB8756C';
const ALB_CONTROLLER_ROLE = 'Internals/InternalsEksNodesCluster236E4328-AlbController/alb-sa/Role';

describe('defaults for IAM that aws-cdk-lib writes', () => {
  let app: Synthesized;
  beforeAll(() => {
    app = synthesize(internalsSurveyApp, {});
  });

  // Each default accepts this finding of the survey, listed as suppressed with the default's reason.
  const accepted: [string, CdkInternalName, string, string][] = [
    [
      'LogRetention: the retention of log groups named at deploy',
      'logRetention',
      'wildcard-resource/write-on-star',
      'Internals/LogRetentionaae0aa3c5b4d4f87b02d85b201efdd8a/ServiceRole/DefaultPolicy/Resource',
    ],
    [
      'BucketDeployment: the invalidation of the distribution it is given',
      'bucketDeployment',
      'wildcard-resource/write-on-star',
      `Internals/${BUCKET_DEPLOYMENT}/ServiceRole/DefaultPolicy/Resource`,
    ],
    [
      'iam.OpenIdConnectProvider (EKS): the provider managed through a custom resource',
      'customResourceProvider',
      'wildcard-resource/write-on-star',
      'Internals/Custom::AWSCDKOpenIdConnectProviderCustomResourceProvider/Role',
    ],
    [
      'an events rule with a log group target: EventBridge may write the log group (no source condition)',
      'logGroupResourcePolicy',
      'resource-exposure/confused-deputy',
      'Internals/EventsLogGroupPolicyInternalsEcrAndEventLogsRule0FC0F43C/Resource/Default',
    ],
    [
      'opensearch.Domain logging: OpenSearch may write the log groups of its logs (no source condition)',
      'logGroupResourcePolicy',
      'resource-exposure/confused-deputy',
      'Internals/OpenSearchLogs/Domain/ESLogGroupPolicyc83947945fb028aefee0c2da0e5b5a92691112049b/Resource/Default',
    ],
    [
      'eks.Cluster: the creation role of the cluster resource',
      'eksClusterResource',
      'wildcard-resource/write-on-star',
      'Internals/EksNodes/Cluster/Resource/CreationRole/DefaultPolicy/Resource',
    ],
    [
      'eks.Cluster albController: load balancers, target groups and security groups the controller creates',
      'eksAlbController',
      'wildcard-resource/write-on-star',
      `${ALB_CONTROLLER_ROLE}/DefaultPolicy/Resource`,
    ],
    [
      'dynamodb.Table replicationRegions: `dynamodb:*` on the table and its replicas',
      'dynamoDbReplica',
      'wildcard-action/service-wildcard',
      'Internals/DynamoReplica/Table/SourceTableAttachedManagedPolicy-InternalsawscdkawsdynamodbReplicaProviderOnEventHandlerServiceRoleC32B7DE9/Resource/Resource',
    ],
    [
      'BastionHostLinux: the Session Manager messaging services (`*` only)',
      'bastionHost',
      'wildcard-action/service-wildcard',
      'Internals/Ec2Instances/Bastion/Resource/InstanceRole/DefaultPolicy/Resource',
    ],
    [
      'BastionHostLinux: the instance the agent registers, created after its role',
      'bastionHost',
      'wildcard-resource/write-on-star',
      'Internals/Ec2Instances/Bastion/Resource/InstanceRole/DefaultPolicy/Resource',
    ],
  ];
  test.each(accepted)('%s: suppressed by `%s` with its reason', (_name, name, ruleId, constructPath) => {
    const at = (f: Finding): boolean => f.ruleId === ruleId && f.location.constructPath === constructPath;
    // The AWS Load Balancer Controller keeps one finding there (see below).
    if (!constructPath.startsWith(ALB_CONTROLLER_ROLE)) expect(app.findings.filter(at)).toEqual([]);
    const suppressed = app.suppressed.filter(at);
    expect(suppressed.length).toBeGreaterThan(0);
    for (const f of suppressed) {
      expect(f.suppression.source).toBe(`cdk-guard default: ${name}`);
      expect(f.suppression.reason).toBe(CDK_INTERNALS[name].reason);
    }
  });

  // Kept: aws-cdk-lib writes them, but each is a risk the user can act on (or suppress with a
  // reason of their own).
  const kept: [string, string, string][] = [
    [
      'AWS Load Balancer Controller: ingress changes to every security group of the account (give `albController.policy` scoped to the cluster groups)',
      'wildcard-resource/write-on-star',
      `${ALB_CONTROLLER_ROLE}/DefaultPolicy/Resource`,
    ],
    [
      'AWS Load Balancer Controller: the secret of every user pool app client (cognito-idp:DescribeUserPoolClient on `*`)',
      'data-exfiltration/unscoped-read',
      `${ALB_CONTROLLER_ROLE}/DefaultPolicy/Resource`,
    ],
    [
      'ECS capacity instance role: the ECS agent writes to every log group (as AmazonEC2ContainerServiceforEC2Role)',
      'wildcard-resource/write-on-star',
      'Internals/EcsAsgCapacity/Group/InstanceRole/DefaultPolicy/Resource',
    ],
    [
      'EcsRunTask (RUN_JOB): ecs:StopTask on `*` (a task ARN can be scoped to the cluster: `task/<cluster>/*`)',
      'wildcard-resource/write-on-star',
      'Internals/SfnEcsRunTask/Machine/Role/DefaultPolicy/Resource',
    ],
    [
      'EcsDeployAction: iam:PassRole on `*` to ECS tasks and EC2 (pass a `role` without policy updates, scoped)',
      'privilege-escalation/pass-role-wildcard',
      'Internals/PipelineActions/Pipeline/Deploy/Ecs/CodePipelineActionRole/DefaultPolicy/Resource',
    ],
    [
      'EcsDeployAction: any role passed to a task definition it registers and puts on any service (ecs-update-service)',
      'privilege-escalation/pass-role-to-service',
      'Internals/PipelineActions/Pipeline/Deploy/Ecs/CodePipelineActionRole/DefaultPolicy/Resource',
    ],
    [
      'EcsDeployAction: ecs:RegisterTaskDefinition, TagResource, UpdateService on `*`',
      'wildcard-resource/write-on-star',
      'Internals/PipelineActions/Pipeline/Deploy/Ecs/CodePipelineActionRole/DefaultPolicy/Resource',
    ],
    [
      'ec2.Instance ssmSessionPermissions: AmazonSSMManagedInstanceCore reads every parameter',
      'data-exfiltration/unscoped-read',
      'Internals/Ec2Instances/Web/InstanceRole/Resource',
    ],
    [
      'EmrCreateCluster: the default service role has AmazonElasticMapReduceRole (give `serviceRole` with the v2 policy)',
      'privilege-escalation/pass-role-wildcard',
      'Internals/SfnAnalytics/Emr/ServiceRole/Resource',
    ],
    [
      'AthenaStartQueryExecution: s3:GetObject on `*`',
      'data-exfiltration/unscoped-read',
      'Internals/SfnAnalytics/Machine/Role/DefaultPolicy/Resource',
    ],
    [
      'SageMakerCreateTrainingJob: the role it creates writes to every log group (give `role`)',
      'wildcard-resource/write-on-star',
      'Internals/SfnTraining/Train/SagemakerRole/Resource',
    ],
    [
      'a topic notified by a bucket: `aws:SourceArn` of a bucket ARN names no account',
      'resource-exposure/confused-deputy',
      'Internals/S3Handlers/Topic/Policy/Resource',
    ],
    [
      'CloudTrail bucket: the trail service without `aws:SourceArn`',
      'resource-exposure/confused-deputy',
      'Internals/LogsPlumbing/Trail/S3/Policy/Resource',
    ],
  ];
  test.each(kept)('%s: still reported', (_name, ruleId, constructPath) => {
    expect(app.findings.map(key)).toContain(`${ruleId} @ ${constructPath}`);
  });

  test('the AWS Load Balancer Controller: only the ingress changes and the app client secrets on `*` stay reported', () => {
    const left = app.findings.filter((f) => f.principal === ALB_CONTROLLER_ROLE).map((f) => f.message);
    expect(left).toHaveLength(2);
    expect(left.join('\n')).toContain('`ec2:AuthorizeSecurityGroupIngress`, `ec2:RevokeSecurityGroupIngress`');
    expect(left.join('\n')).toContain('`cognito-idp:DescribeUserPoolClient`');
  });

  // aws-cdk-lib 2.x scopes these (or they only use actions authorized on `*`): no finding, no default.
  const clean: [string, string][] = [
    ['autoDeleteObjects, bucket notifications (function, topic), EventBridge', 'Internals/S3Handlers/Fn'],
    ['restrictDefaultSecurityGroup, flow log to CloudWatch Logs', 'Internals/VpcDefaults'],
    ['a function in a VPC', 'Internals/LambdaVpc'],
    ['cross-account zone delegation', 'Internals/ZoneDelegation'],
    ['Aurora with enhanced monitoring and a rotated secret', 'Internals/RdsCluster'],
    ['distributed map with logs and tracing', 'Internals/SfnDistributedMap'],
    ['lifecycle hooks to a topic and a function', 'Internals/AsgLifecycleHooks'],
    ['provider framework with isComplete (waiter state machine)', 'Internals/ProviderWaiter'],
    ['triggers.TriggerFunction', 'Internals/Trigger'],
    ['REST API CloudWatch role, CloudFront EdgeFunction', 'Internals/ApiAndEdge'],
    ['ECR emptyOnDelete, EventBridge to a log group', 'Internals/EcrAndEventLogs'],
    ['OpenSearch slow and application logs', 'Internals/OpenSearchLogs'],
    ['CodeDeploy server and Lambda deployment groups', 'Internals/CodeDeploy'],
    ['Batch on Fargate', 'Internals/Batch'],
    ['Synthetics canary', 'Internals/Canary'],
    ['self-managed Kafka in a VPC, Kinesis, Lambda Insights', 'Internals/EventSources'],
    ['EventBridge Scheduler, scheduled Fargate task', 'Internals/Schedules'],
    ['ECS execute command with a log group', 'Internals/EcsExec'],
    ['CodeBuild batch builds, report groups, a log group', 'Internals/CodeBuildExtras'],
    ['AwsCustomResource fromSdkCalls, Cognito SMS role', 'Internals/KnownDefaults'],
    ['CloudFront with origin access control and logging', 'Internals/CloudFront'],
    ['SES drop spam, HTTP API to Step Functions', 'Internals/SesAndHttpApi'],
    ['NAT instance', 'Internals/NatInstance'],
    ['CodeCommit source, CodeBuild, CloudFormation and S3 deploy actions', 'Internals/PipelineStages'],
    ['StepFunctionsRestApi, QueueProcessingFargateService, Firehose to S3', 'Internals/ServicePatterns'],
    [
      'ALB access logs: the log delivery writes only under `AWSLogs/<the account>/`',
      'Internals/LogsPlumbing/AccessLogs',
    ],
  ];
  test.each(clean)('%s: no finding', (_name, construct) => {
    expect(app.paths.has(construct)).toBe(true);
    expect(findingsAt(app.findings, construct).map(key)).toEqual([]);
  });

  test('no finding anywhere else in the survey stack, no input error', () => {
    const expected = new Set(kept.map(([, ruleId, at]) => `${ruleId} @ ${at}`));
    const rest = app.findings.filter((f) => f.location.stack === 'Internals' && !expected.has(key(f)));
    // Besides the kept findings, the EMR and Athena tasks give the state machine and the EMR service
    // role more of the same (see `kept`).
    expect(
      rest.filter((f) => !(f.location.constructPath ?? '').startsWith('Internals/SfnAnalytics/')).map(key),
    ).toEqual([]);
    expect(app.errors).toEqual([]);
  });

  describe('near misses', () => {
    test('a write on `*` added to the BucketDeployment handler role is reported; its invalidation is not', () => {
      const at = `InternalsNearMiss/${BUCKET_DEPLOYMENT}/ServiceRole/DefaultPolicy/Resource`;
      const reported = app.findings.filter((f) => f.location.constructPath === at);
      expect(reported.map((f) => f.ruleId)).toEqual(['wildcard-resource/write-on-star']);
      expect(reported[0]?.message).toContain('`s3:PutObject`');
      expect(reported[0]?.message).not.toContain('cloudfront:');
      expect(app.suppressed.filter((f) => f.location.constructPath === at).map((f) => f.message)).toEqual([
        expect.stringContaining('`cloudfront:CreateInvalidation`'),
      ]);
    });

    test('ssm:SendCommand on `*` added to the bastion role is reported', () => {
      const bastion = 'InternalsNearMiss/NearMiss/Bastion/Resource/InstanceRole';
      const reported = app.findings.filter((f) => f.principal === bastion);
      expect(reported.map((f) => f.ruleId)).toEqual(['privilege-escalation/run-as-existing-role']);
      expect(reported[0]?.message).toContain('`ssm:SendCommand`');
    });

    test('the grants the defaults accept, written on the user role, are all reported', () => {
      const own = app.findings.filter((f) => f.principal === 'InternalsNearMiss/NearMiss/Own');
      expect(own.map((f) => f.ruleId).sort()).toEqual([
        'wildcard-action/service-wildcard',
        'wildcard-action/service-wildcard',
        'wildcard-resource/write-on-star',
      ]);
      const messages = own.map((f) => f.message).join('\n');
      for (const action of ['dynamodb:*', 'ssmmessages:*', 'cloudfront:CreateInvalidation', 'logs:PutRetentionPolicy'])
        expect(messages).toContain(`\`${action}\``);
      expect(app.suppressed.filter((f) => f.principal === 'InternalsNearMiss/NearMiss/Own')).toEqual([]);
    });
  });

  test('`cdk-guard --no-cdk-internals` on the assembly reports every finding the defaults accepted', async () => {
    const fromDefaults = app.suppressed.filter((f) => f.suppression.source.startsWith('cdk-guard default: '));
    expect(fromDefaults.length).toBeGreaterThan(0);
    const { code, stdout } = await runCli([app.outdir, '--format', 'json', '--config', app.configFile]);
    const withDefaults = JSON.parse(stdout) as { findings: Finding[]; suppressed: Finding[] };
    expect(code).toBe(1);
    expect(withDefaults.suppressed.map(key).sort()).toEqual(app.suppressed.map(key).sort());
    const off = await runCli([app.outdir, '--format', 'json', '--config', app.configFile, '--no-cdk-internals']);
    const without = JSON.parse(off.stdout) as { findings: Finding[]; suppressed: Finding[] };
    expect(without.suppressed).toEqual([]);
    expect(without.findings.map(key).sort()).toEqual([...app.findings, ...fromDefaults].map(key).sort());
  });
});

describe('defaults turned off one by one', () => {
  let app: Synthesized;
  beforeAll(() => {
    app = synthesize(internalsCasesApp(['Ec2Instances', 'DynamoReplica']), {
      cdkInternals: { bastionHost: false },
    });
  });

  test('the findings of the default turned off are reported; the other defaults still apply', () => {
    expect(findingsAt(app.findings, 'Internals/Ec2Instances/Bastion').map(key)).toContain(
      'wildcard-action/service-wildcard @ Internals/Ec2Instances/Bastion/Resource/InstanceRole/DefaultPolicy/Resource',
    );
    const sources = new Set(app.suppressed.map((f) => f.suppression.source));
    expect(sources).not.toContain('cdk-guard default: bastionHost');
    expect(sources).toContain('cdk-guard default: dynamoDbReplica');
  });
});
