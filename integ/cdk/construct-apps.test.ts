/**
 * The construct audit: IAM wired through aws-cdk-lib constructs that idioms.test.ts does not cover
 * (Step Functions tasks, EventBridge targets and pipes, cross-account CodePipeline and CDK
 * Pipelines, ECS, EKS, Glue, Firehose, AppSync, Cognito identity pools, custom resources,
 * imported and immutable roles, cross-stack grants, conditioned statements), each app
 * synthesized once with the Aspect.
 */
import type { Finding } from '@iamgate/core';
import { runCli } from './run-cli';
import { expectAnnotatedRisk, findingsAt, key, synthesize, under } from './synthesize';
import type { Synthesized } from './synthesize';
import { constructIdiomsApp, constructRisksApp } from './construct-apps';

describe('construct idioms', () => {
  let app: Synthesized;
  beforeAll(() => {
    app = synthesize(constructIdiomsApp, {});
  });

  // Each case wires IAM the way aws-cdk-lib and its README do: no finding on it or below it.
  const idioms: [string, string][] = [
    ['CallAwsService scoped with iamResources (DynamoDB table, S3 objects)', 'Constructs/SfnSdkScoped'],
    [
      'BedrockInvokeModel, nested StepFunctionsStartExecution (RUN_JOB), GlueStartJobRun, SqsSendMessage, LambdaInvoke',
      'Constructs/SfnServiceTasks/Machine/Role/Resource',
    ],
    ['the CodeBuild project a state machine starts', 'Constructs/SfnServiceTasks/Project'],
    [
      'EventBridge targets with roles: Kinesis, a bus of another account, a Fargate task, CodeBuild, an API destination',
      'Constructs/EventTargets',
    ],
    ['an EventBridge pipe (L1) with a role granted the queue and the state machine', 'Constructs/Pipe'],
    [
      'CodePipeline deploying into another account with imported immutable action and deployment roles',
      'Constructs/CrossAccountDeploy',
    ],
    [
      'Fargate service with execute command, secrets from Secrets Manager and SSM',
      'Constructs/EcsService/Task/ExecutionRole',
    ],
    ['ECS on EC2 capacity: the drain hook', 'Constructs/EcsEc2Capacity/Cluster/Capacity/DrainECSHook'],
    [
      'EKS: the cluster role, the kubectl provider, the OIDC provider, a service account (IRSA)',
      'Constructs/Eks/Cluster/Role',
    ],
    ['EKS: an IRSA service account role pinned to one service account', 'Constructs/Eks/Cluster/Reports'],
    ['EKS: the kubectl handler role', 'Constructs/Eks/Cluster/KubectlHandlerRole'],
    ['Firehose from Kinesis to S3 with a processor and a customer managed key', 'Constructs/Firehose'],
    ['AppSync data sources, logging and grantMutation', 'Constructs/AppSync'],
    [
      'Cognito identity pool authenticated role scoped to the identity prefix',
      'Constructs/IdentityPool/Pool/AuthenticatedRole',
    ],
    ['identity pool wired by hand: the authenticated role', 'Constructs/IdentityPoolL1/Authenticated'],
    ['AwsCustomResource fromStatements, Provider with a waiter, SingletonFunction grant', 'Constructs/CustomResources'],
    ['grants to immutable, frozen, imported and cross-account roles', 'Constructs/ImportedRoles'],
    ['Grant.addToPrincipalOrResource to a role and to another account', 'Constructs/CustomGrant'],
    [
      'conditioned statements: tag-based EC2, PassRole to one service, service-linked role, metric namespace',
      'Constructs/Conditions',
    ],
    ['distributed map reading S3, grantTaskResponse for a callback', 'Constructs/SfnMapAndCallback'],
    ['cross-stack: PassRole of a role of another stack, events on its bus, a rule on its bus', 'Constructs/CrossStack'],
    ['the shared stack the cross-stack case references', 'ConstructsShared'],
    ['CDK Pipelines in a tools account deploying a stage to another account', 'CrossAccountDelivery'],
    ['eks-v2: an access entry for an SSO role, an EKS Pod Identity role', 'Constructs/EksV2/PodRole'],
    ['eks-v2: the access entry', 'Constructs/EksV2/Cluster/Admins'],
    ['eks-v2: the Auto Mode node role', 'Constructs/EksV2/Cluster/ClusternodePoolRole'],
    ['a Bedrock agent role trusted with aws:SourceAccount and aws:SourceArn', 'Constructs/BedrockAgent'],
    [
      'EventBridge Lambda target with a DLQ, an AwsApi target given its policy statement',
      'Constructs/EventTargetsExtras',
    ],
    [
      'CodeBuild in a VPC: the project role granted a secret and a bucket',
      'Constructs/CodeBuildVpc/Project/Role/DefaultPolicy',
    ],
    ['ApplicationLoadBalancedFargateService with a task role granted a table', 'Constructs/EcsPatterns'],
    ['S3 replication (the replication role)', 'Constructs/S3Replication'],
    ['AWS Backup plan: the vault and plan', 'Constructs/Backup/Plan/Vault'],
    ['Aurora Data API and RDS Proxy IAM auth granted to a function', 'Constructs/RdsDataApiProxy'],
  ];
  test.each(idioms)('%s: no finding', (_name, construct) => {
    expect(app.paths.has(construct)).toBe(true);
    expect(findingsAt(app.findings, construct).map(key)).toEqual([]);
  });

  // Real, if written by aws-cdk-lib or an AWS managed policy: a developer can act on each or
  // suppress it with a reason.
  const real: [string, string, string][] = [
    [
      'AWSGlueServiceRole: `glue:*` on `*`, which includes glue:PutResourcePolicy',
      'resource-exposure/policy-change',
      'Constructs/Glue/Role/Resource',
    ],
    [
      'AWSGlueServiceRole: glue:UpdateDevEndpoint runs code as the role of any dev endpoint',
      'privilege-escalation/run-as-existing-role',
      'Constructs/Glue/Role/Resource',
    ],
    ['AWSGlueServiceRole: `glue:*`', 'wildcard-action/service-wildcard', 'Constructs/Glue/Role/Resource'],
    [
      'AWSGlueServiceRole: `glue:*` on `*` reads the password of every Glue connection (glue:GetConnections)',
      'data-exfiltration/unscoped-read',
      'Constructs/Glue/Role/Resource',
    ],
    [
      'enableExecuteCommand without a log group on the cluster: the task role writes to every log group',
      'wildcard-resource/write-on-star',
      'Constructs/EcsService/Task/TaskRole/DefaultPolicy/Resource',
    ],
    [
      'EC2 capacity instance role: the ECS agent writes to every log group (as AmazonEC2ContainerServiceforEC2Role)',
      'wildcard-resource/write-on-star',
      'Constructs/EcsEc2Capacity/Cluster/Capacity/InstanceRole/DefaultPolicy/Resource',
    ],
    [
      'CodeBuild in a VPC: ec2:CreateNetworkInterface and ec2:DeleteNetworkInterface on `*` (as the CodeBuild docs write it)',
      'wildcard-resource/write-on-star',
      'Constructs/CodeBuildVpc/Project/PolicyDocument/Resource',
    ],
    [
      'EKS masters role assumable by the whole account (AccountRootPrincipal, as the aws-eks README writes it)',
      'trust-policy/account-root',
      'Constructs/Eks/Masters/Resource',
    ],
    [
      'a guest role of a pool that allows guests, granted a stream',
      'trust-policy/federation-conditions',
      'Constructs/IdentityPoolL1/Guest/Resource',
    ],
    [
      'CodeBuildStartBuild (RUN_JOB): codebuild:BatchGetReports granted on the project, which it does not act on',
      'policy-validity/resource-mismatch',
      'Constructs/SfnServiceTasks/Machine/Role/DefaultPolicy/Resource',
    ],
  ];
  test.each(real)('%s', (_name, ruleId, constructPath) => {
    expect(app.findings.map(key)).toContain(`${ruleId} @ ${constructPath}`);
  });

  test('no finding anywhere else, no input error, no unverifiable', () => {
    const expected = real.map(([, ruleId, at]) => `${ruleId} @ ${at}`);
    const rest = new Set(app.findings.map(key));
    expect([...rest].sort()).toEqual([...new Set(expected)].sort());
    expect(app.errors).toEqual([]);
    expect(app.messages.filter(([, , m]) => m.startsWith('[iamgate]'))).toEqual([]);
  });

  test('the guest role granted a stream (`grantWrite`: Kinesis `PutRecord(s)`, client events): a warning, not the error of a guest role that changes resources', () => {
    const guest = app.findings.filter((f) => f.location.constructPath === 'Constructs/IdentityPoolL1/Guest/Resource');
    expect(guest.map((f) => [f.ruleId, f.severity])).toEqual([['trust-policy/federation-conditions', 'warning']]);
  });

  test('service roles: the default guest role of an IdentityPool allowing no guests, the AWS managed policies of roles only AWS Backup or EKS assume: no finding', () => {
    for (const role of [
      'Constructs/IdentityPool/Pool/UnauthenticatedRole',
      'Constructs/Backup/Plan/Tables/Role',
      'Constructs/EksV2/Cluster/Role',
    ])
      expect(app.findings.filter((f) => f.principal === role).map(key)).toEqual([]);
  });

  test('the EKS cluster resource creation role: its writes on `*` are accepted by a cdk-guard default', () => {
    const role = 'Constructs/Eks/Cluster/Resource/CreationRole';
    expect(app.findings.filter((f) => f.principal === role && !f.ruleId.startsWith('unverifiable/'))).toEqual([]);
    expect(
      app.suppressed.filter((f) => f.principal === role).map((f) => [f.ruleId, f.suppression.source]),
    ).toContainEqual(['wildcard-resource/write-on-star', 'cdk-guard default: eksClusterResource']);
  });

  test('the IRSA role of addServiceAccount (issuer of the cluster, one namespace and account): no finding', () => {
    expect(app.findings.filter((f) => f.principal?.startsWith('Constructs/Eks/Cluster/Reports') === true)).toEqual([]);
  });

  test('the cdk-guard CLI on the cloud assembly (nested stacks, a nested assembly) reports what the Aspect did', async () => {
    const { stdout } = await runCli([app.outdir, '--format', 'json', '--config', app.configFile]);
    const cli = JSON.parse(stdout) as { findings: Finding[] };
    expect(cli.findings.map(key).sort()).toEqual(app.findings.map(key).sort());
  });
});

describe('construct risks', () => {
  let app: Synthesized;
  beforeAll(() => {
    app = synthesize(constructRisksApp, {});
  });

  const risks: [string, string, string[]][] = [
    [
      'CallAwsService with iamResources `*`: s3:PutObject, iam:AttachRolePolicy, secretsmanager:GetSecretValue',
      'ConstructRisks/SfnSdkStar/Machine/Role/DefaultPolicy/Resource',
      [
        'wildcard-resource/write-on-star',
        'privilege-escalation/iam-policy-modification',
        'data-exfiltration/unscoped-read',
      ],
    ],
    [
      'AwsCustomResource ANY_RESOURCE for an IAM write',
      'ConstructRisks/CustomResourceStar/Attach/CustomResourcePolicy/Resource',
      ['privilege-escalation/iam-policy-modification'],
    ],
    [
      'CloudFormation deploy action with adminPermissions',
      'ConstructRisks/PipelineAdmin/Pipeline/Deploy/Deploy/Role/DefaultPolicy/Resource',
      ['admin-access/full-access'],
    ],
    [
      'the action role of that deploy, which may hand the administrator deployment role to CloudFormation for its stack',
      'ConstructRisks/PipelineAdmin/Pipeline/Deploy/Deploy/CodePipelineActionRole/DefaultPolicy/Resource',
      ['privilege-escalation/pass-role-to-service'],
    ],
    [
      'identity pool role without the `aud` condition (any pool of any account)',
      'ConstructRisks/IdentityPoolNoAud/Authenticated/Resource',
      ['trust-policy/oidc-missing-sub'],
    ],
    [
      'Grant.addToPrincipalOrResource to ArnPrincipal(`*`)',
      'ConstructRisks/StarGrants/Queue/Policy/Resource',
      ['resource-exposure/public-principal'],
    ],
    [
      'grantPublish to StarPrincipal',
      'ConstructRisks/StarGrants/Topic/Policy/Resource',
      ['resource-exposure/public-principal'],
    ],
    [
      'PassRole on `*` limited to one service, IAM writes limited to us-east-1 where IAM answers: neither narrows the grant',
      'ConstructRisks/WeakConditions/Role/DefaultPolicy/Resource',
      ['privilege-escalation/pass-role-wildcard', 'privilege-escalation/iam-policy-modification'],
    ],
    [
      'IRSA role trusting the cluster provider without a condition: every pod of the cluster',
      'ConstructRisks/EksIrsa/AnyPod/Resource',
      ['trust-policy/oidc-missing-sub'],
    ],
    [
      'IRSA role for every service account of every namespace (CfnJson conditions)',
      'ConstructRisks/EksIrsa/AllServiceAccountsRole/Resource',
      ['trust-policy/oidc-broad-subject'],
    ],
    [
      'AwsApi event target without a policy statement: the SDK action on `*` (the singleton function of the stack)',
      'ConstructRisks/AWSb4cf1abd4e4f4bc699441af7ccd9ec37/ServiceRole/DefaultPolicy/Resource',
      ['wildcard-resource/write-on-star'],
    ],
  ];
  // Each is found on that construct and annotated there, at its severity.
  test.each(risks)('%s', (_name, constructPath, ruleIds) => {
    expectAnnotatedRisk(app, constructPath, ruleIds);
  });

  test('the action role passes the administrator deployment role to CloudFormation for the stack it deploys', () => {
    const [finding] = findingsAt(
      app.findings,
      'ConstructRisks/PipelineAdmin/Pipeline/Deploy/Deploy/CodePipelineActionRole/DefaultPolicy/Resource',
    );
    expect(finding?.message).toContain(
      'can run code as role `ConstructRisks/PipelineAdmin/Pipeline/Deploy/Deploy/Role`, which holds administrator access',
    );
    expect(finding?.message).toContain('(escalation path `cloudformation-001`)');
  });

  test('grantInvoke to s3.amazonaws.com: a confused deputy', () => {
    const found = findingsAt(app.findings, 'ConstructRisks/ServiceInvoke').map((f) => f.ruleId);
    expect(found).toEqual(['resource-exposure/confused-deputy']);
  });

  test("IAM writes on `*` conditioned on the stack's Region (eu-west-1; IAM answers in us-east-1): no finding, they are allowed nowhere", () => {
    const found = findingsAt(app.findings, 'ConstructRisks/StackRegionIam').map((f) => f.ruleId);
    expect(found).toEqual([]);
  });

  test('no finding anywhere else, no input error', () => {
    const expected = new Set(risks.map(([, at]) => at));
    const rest = app.findings.filter(
      (f) =>
        !expected.has(f.location.constructPath ?? '') &&
        !under(f.location.constructPath, 'ConstructRisks/ServiceInvoke') &&
        !under(f.location.constructPath, 'ConstructRisks/StackRegionIam'),
    );
    expect(rest.map(key)).toEqual([]);
    expect(app.errors).toEqual([]);
  });

  test('the cdk-guard CLI on the cloud assembly reports what the Aspect reported', async () => {
    const { code, stdout } = await runCli([app.outdir, '--format', 'json', '--config', app.configFile]);
    expect(code).toBe(1);
    const cli = (JSON.parse(stdout) as { findings: Finding[] }).findings;
    expect(cli.map(key).sort()).toEqual(app.findings.map(key).sort());
  });
});
