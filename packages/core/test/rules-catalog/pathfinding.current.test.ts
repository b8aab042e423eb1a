/**
 * The privilege-escalation paths pathfinding.cloud documents today (86 AWS paths, read from its
 * public repository, `data/paths/aws/<service>/<id>.yaml`: facts only, each id with the
 * permissions it lists as required). The corpus copy beside the repository is an older snapshot
 * (65 paths, pathfinding.corpus.test.ts); since then pathfinding.cloud added AgentCore runtimes,
 * harnesses and browsers, Batch, EMR, GameLift, HealthOmics and more, renamed two ids
 * (`cognitoidentity-001`, `emrserverless-001`), gave an id to ECS Exec (`ecs-006`) and documents
 * the launch-template path twice (`ec2-004`, `ec2-005`).
 *
 * Every path, its permissions allowed on `*` as one identity policy, gives a privilege-escalation
 * finding that names it (or lists it in `alsoOpens` when a shorter path it contains is the one
 * named). Each path new since the corpus copy has least-privilege neighbours that stay quiet.
 */
import type { Finding } from '../../src/analysis/finding';
import { ESCALATION_PATHS } from '../../src/rules/data/escalation-paths';
import { CATALOG_RULES, doc, runOnPolicy } from './helpers';

const ESCALATION_RULES = CATALOG_RULES.filter((id) => id.startsWith('privilege-escalation/'));

// [id, required permissions joined by ` + `]: the current list, path by path.
const CURRENT: readonly (readonly [string, string])[] = [
  ['apprunner-001', 'iam:PassRole + apprunner:CreateService'],
  ['apprunner-002', 'apprunner:UpdateService'],
  ['batch-001', 'iam:PassRole + batch:RegisterJobDefinition + batch:SubmitJob'],
  ['batch-002', 'batch:SubmitJob'],
  [
    'batch-003',
    'iam:PassRole + batch:CreateComputeEnvironment + batch:CreateJobQueue + batch:RegisterJobDefinition + batch:SubmitJob',
  ],
  [
    'bedrock-001',
    'iam:PassRole + bedrock-agentcore:CreateCodeInterpreter + bedrock-agentcore:StartCodeInterpreterSession + bedrock-agentcore:InvokeCodeInterpreter',
  ],
  ['bedrock-002', 'bedrock-agentcore:StartCodeInterpreterSession + bedrock-agentcore:InvokeCodeInterpreter'],
  [
    'bedrock-003',
    'iam:PassRole + bedrock-agentcore:CreateAgentRuntime + bedrock-agentcore:CreateAgentRuntimeEndpoint + bedrock-agentcore:CreateWorkloadIdentity + bedrock-agentcore:InvokeAgentRuntimeCommand',
  ],
  ['bedrock-004', 'bedrock-agentcore:InvokeAgentRuntimeCommand'],
  [
    'bedrock-005',
    'iam:PassRole + bedrock-agentcore:CreateHarness + bedrock-agentcore:CreateAgentRuntime + bedrock-agentcore:CreateAgentRuntimeEndpoint + bedrock-agentcore:CreateWorkloadIdentity + bedrock-agentcore:GetAgentRuntime + bedrock-agentcore:GetHarness + bedrock-agentcore:InvokeAgentRuntimeCommand',
  ],
  [
    'bedrock-006',
    'iam:PassRole + bedrock-agentcore:CreateBrowser + bedrock-agentcore:StartBrowserSession + bedrock-agentcore:ConnectBrowserAutomationStream',
  ],
  ['bedrock-007', 'bedrock-agentcore:StartBrowserSession + bedrock-agentcore:ConnectBrowserAutomationStream'],
  ['braket-001', 'iam:PassRole + braket:CreateJob'],
  ['cloudformation-001', 'iam:PassRole + cloudformation:CreateStack'],
  ['cloudformation-002', 'cloudformation:UpdateStack'],
  ['cloudformation-003', 'iam:PassRole + cloudformation:CreateStackSet + cloudformation:CreateStackInstances'],
  ['cloudformation-004', 'iam:PassRole + cloudformation:UpdateStackSet'],
  ['cloudformation-005', 'cloudformation:CreateChangeSet + cloudformation:ExecuteChangeSet'],
  ['codebuild-001', 'iam:PassRole + codebuild:CreateProject + codebuild:StartBuild'],
  ['codebuild-002', 'codebuild:StartBuild'],
  ['codebuild-003', 'codebuild:StartBuildBatch'],
  ['codebuild-004', 'iam:PassRole + codebuild:CreateProject + codebuild:StartBuildBatch'],
  [
    'codedeploy-001',
    'codedeploy:CreateDeployment + codedeploy:RegisterApplicationRevision + codedeploy:GetDeploymentConfig',
  ],
  ['cognitoidentity-001', 'iam:PassRole + cognito-identity:SetIdentityPoolRoles'],
  [
    'datapipeline-001',
    'iam:PassRole + datapipeline:CreatePipeline + datapipeline:PutPipelineDefinition + datapipeline:ActivatePipeline',
  ],
  ['ec2-001', 'iam:PassRole + ec2:RunInstances'],
  ['ec2-002', 'ec2:ModifyInstanceAttribute + ec2:StopInstances + ec2:StartInstances'],
  ['ec2-003', 'iam:PassRole + ec2:RequestSpotInstances'],
  ['ec2-004', 'ec2:CreateLaunchTemplateVersion + ec2:ModifyLaunchTemplate'],
  ['ec2-005', 'ec2:CreateLaunchTemplateVersion + ec2:ModifyLaunchTemplate'],
  ['ecs-001', 'iam:PassRole + ecs:CreateCluster + ecs:RegisterTaskDefinition + ecs:CreateService'],
  ['ecs-002', 'iam:PassRole + ecs:CreateCluster + ecs:RegisterTaskDefinition + ecs:RunTask'],
  ['ecs-003', 'iam:PassRole + ecs:RegisterTaskDefinition + ecs:CreateService'],
  ['ecs-004', 'iam:PassRole + ecs:RegisterTaskDefinition + ecs:RunTask'],
  ['ecs-005', 'iam:PassRole + ecs:RegisterTaskDefinition + ecs:StartTask'],
  ['ecs-006', 'ecs:ExecuteCommand + ecs:DescribeTasks'],
  ['ecs-007', 'iam:PassRole + ecs:StartTask + ecs:RegisterContainerInstance'],
  ['ecs-008', 'iam:PassRole + ecs:RunTask'],
  ['ecs-009', 'iam:PassRole + ecs:StartTask'],
  ['emr-001', 'iam:PassRole + elasticmapreduce:RunJobFlow'],
  ['emrserverless-001', 'iam:PassRole + emr-serverless:CreateApplication + emr-serverless:StartJobRun'],
  ['gamelift-001', 'iam:PassRole + gamelift:CreateBuild + gamelift:CreateFleet + gamelift:RequestUploadCredentials'],
  ['glue-001', 'iam:PassRole + glue:CreateDevEndpoint'],
  ['glue-003', 'iam:PassRole + glue:CreateJob + glue:StartJobRun'],
  ['glue-004', 'iam:PassRole + glue:CreateJob + glue:CreateTrigger'],
  ['glue-005', 'iam:PassRole + glue:UpdateJob + glue:StartJobRun'],
  ['glue-006', 'iam:PassRole + glue:UpdateJob + glue:CreateTrigger'],
  ['glue-007', 'iam:PassRole + glue:CreateSession + glue:RunStatement'],
  ['iam-001', 'iam:CreatePolicyVersion'],
  ['iam-002', 'iam:CreateAccessKey'],
  ['iam-003', 'iam:CreateAccessKey + iam:DeleteAccessKey'],
  ['iam-004', 'iam:CreateLoginProfile'],
  ['iam-005', 'iam:PutRolePolicy'],
  ['iam-006', 'iam:UpdateLoginProfile'],
  ['iam-007', 'iam:PutUserPolicy'],
  ['iam-008', 'iam:AttachUserPolicy'],
  ['iam-009', 'iam:AttachRolePolicy'],
  ['iam-010', 'iam:AttachGroupPolicy'],
  ['iam-011', 'iam:PutGroupPolicy'],
  ['iam-012', 'iam:UpdateAssumeRolePolicy'],
  ['iam-013', 'iam:AddUserToGroup'],
  ['iam-014', 'iam:AttachRolePolicy + sts:AssumeRole'],
  ['iam-015', 'iam:AttachUserPolicy + iam:CreateAccessKey'],
  ['iam-016', 'iam:CreatePolicyVersion + sts:AssumeRole'],
  ['iam-017', 'iam:PutRolePolicy + sts:AssumeRole'],
  ['iam-018', 'iam:PutUserPolicy + iam:CreateAccessKey'],
  ['iam-019', 'iam:AttachRolePolicy + iam:UpdateAssumeRolePolicy'],
  ['iam-020', 'iam:CreatePolicyVersion + iam:UpdateAssumeRolePolicy'],
  ['iam-021', 'iam:PutRolePolicy + iam:UpdateAssumeRolePolicy'],
  [
    'imagebuilder-001',
    'iam:PassRole + imagebuilder:CreateComponent + imagebuilder:CreateImageRecipe + imagebuilder:CreateInfrastructureConfiguration + imagebuilder:CreateImage',
  ],
  ['kinesisanalytics-001', 'iam:PassRole + kinesisanalytics:CreateApplication + kinesisanalytics:StartApplication'],
  ['lambda-001', 'iam:PassRole + lambda:CreateFunction + lambda:InvokeFunction'],
  ['lambda-002', 'iam:PassRole + lambda:CreateFunction + lambda:CreateEventSourceMapping'],
  ['lambda-003', 'lambda:UpdateFunctionCode'],
  ['lambda-004', 'lambda:UpdateFunctionCode + lambda:InvokeFunction'],
  ['lambda-005', 'lambda:UpdateFunctionCode + lambda:AddPermission'],
  ['lambda-006', 'iam:PassRole + lambda:CreateFunction + lambda:AddPermission'],
  ['omics-001', 'iam:PassRole + omics:CreateWorkflow + omics:StartRun + s3:GetObject'],
  ['sagemaker-001', 'iam:PassRole + sagemaker:CreateNotebookInstance'],
  ['sagemaker-002', 'iam:PassRole + sagemaker:CreateTrainingJob'],
  ['sagemaker-004', 'sagemaker:CreatePresignedNotebookInstanceUrl'],
  [
    'sagemaker-005',
    'sagemaker:CreateNotebookInstanceLifecycleConfig + sagemaker:StopNotebookInstance + sagemaker:UpdateNotebookInstance + sagemaker:StartNotebookInstance',
  ],
  ['ssm-001', 'ssm:StartSession'],
  ['ssm-002', 'ssm:SendCommand'],
  ['ssm-003', 'iam:PassRole + ssm:CreateDocument + ssm:StartAutomationExecution'],
  ['sts-001', 'sts:AssumeRole'],
];

const permissionsOf = (line: string): string[] => line.split(' + ');

function names(findings: readonly Finding[], id: string): boolean {
  return findings.some((f) => {
    const evidence = f.evidence as { path?: unknown; alsoOpens?: unknown } | undefined;
    return evidence?.path === id || (Array.isArray(evidence?.alsoOpens) && evidence.alsoOpens.includes(id));
  });
}

const ROLE = 'arn:aws:iam::111122223333:role/app-worker';
const allowOnAll = (actions: readonly string[]): unknown => ({ Effect: 'Allow', Action: actions, Resource: '*' });
// PassRole on one non-administrator role, and only to the service the path passes it to.
const passOneRole = (service: string): unknown => ({
  Effect: 'Allow',
  Action: 'iam:PassRole',
  Resource: ROLE,
  Condition: { StringEquals: { 'iam:PassedToService': service } },
});

describe('pathfinding.cloud paths of today', () => {
  it('lists 86 paths, each once', () => {
    expect(new Set(CURRENT.map(([id]) => id)).size).toBe(86);
  });

  it.each(CURRENT)('%s: its permissions on every resource are reported under its id', (id, line) => {
    const findings = runOnPolicy(doc(allowOnAll(permissionsOf(line))), ESCALATION_RULES);
    expect(names(findings, id)).toBe(true);
  });

  it('links only to the paths it documents today', () => {
    const documented = new Set(CURRENT.map(([id]) => id));
    const linked = ESCALATION_PATHS.filter((p) => p.url !== undefined);
    expect(linked.filter((p) => !documented.has(p.id)).map((p) => p.id)).toEqual([]);
    expect(linked.map((p) => p.url)).toContain('https://pathfinding.cloud/paths/bedrock-007');
  });

  it.each(CURRENT)('%s: the table models it with no permission beyond those listed', (id, line) => {
    const listed = new Set(permissionsOf(line).map((p) => p.toLowerCase()));
    const path = ESCALATION_PATHS.find((p) => p.id === id);
    expect(path?.actions.filter((a) => !listed.has(a.toLowerCase()))).toEqual([]);
  });
});

// The paths new since the corpus copy that pass a role: the service it goes to.
const NEW_PASS_ROLE: readonly (readonly [string, string])[] = [
  ['batch-001', 'ecs-tasks.amazonaws.com'],
  ['batch-003', 'ecs-tasks.amazonaws.com'],
  ['bedrock-003', 'bedrock-agentcore.amazonaws.com'],
  ['bedrock-005', 'bedrock-agentcore.amazonaws.com'],
  ['bedrock-006', 'bedrock-agentcore.amazonaws.com'],
  ['braket-001', 'braket.amazonaws.com'],
  ['cognitoidentity-001', 'cognito-identity.amazonaws.com'],
  ['ecs-007', 'ecs-tasks.amazonaws.com'],
  ['ecs-008', 'ecs-tasks.amazonaws.com'],
  ['ecs-009', 'ecs-tasks.amazonaws.com'],
  ['emr-001', 'ec2.amazonaws.com'],
  ['emrserverless-001', 'emr-serverless.amazonaws.com'],
  ['gamelift-001', 'gamelift.amazonaws.com'],
  ['glue-007', 'glue.amazonaws.com'],
  ['imagebuilder-001', 'ec2.amazonaws.com'],
  ['kinesisanalytics-001', 'kinesisanalytics.amazonaws.com'],
  ['omics-001', 'omics.amazonaws.com'],
  ['ssm-003', 'ssm.amazonaws.com'],
];

const lineOf = (id: string): string => CURRENT.find(([other]) => other === id)?.[1] ?? '';

describe.each(NEW_PASS_ROLE)('%s, least-privilege neighbours', (id, service) => {
  const others = permissionsOf(lineOf(id)).filter((p) => p !== 'iam:PassRole');

  it('the role passed to its service on every resource: reported', () => {
    const passAny = {
      Effect: 'Allow',
      Action: 'iam:PassRole',
      Resource: '*',
      Condition: { StringEquals: { 'iam:PassedToService': service } },
    };
    expect(names(runOnPolicy(doc(passAny, allowOnAll(others)), ESCALATION_RULES), id)).toBe(true);
  });

  it('PassRole on one role, to that service only: quiet', () => {
    const findings = runOnPolicy(doc(passOneRole(service), allowOnAll(others)), [
      'privilege-escalation/pass-role-to-service',
    ]);
    expect(findings.map((f) => f.evidence?.['path'])).toEqual([]);
  });

  it('the service actions without PassRole: not this path', () => {
    expect(names(runOnPolicy(doc(allowOnAll(others)), ESCALATION_RULES), id)).toBe(false);
  });
});

// Paths new since the corpus copy through an existing resource that holds a role: the actions
// scoped to the resources a team runs (whose roles it knows) stay quiet. An action that acts on no
// resource type (`bedrock-agentcore:ConnectBrowserAutomationStream`) can only be granted on `*`.
const scopedTo = (actions: readonly string[], resources: readonly string[]): unknown => ({
  Effect: 'Allow',
  Action: actions,
  Resource: resources,
});
const NEW_EXISTING: readonly (readonly [string, readonly unknown[]])[] = [
  [
    'batch-002',
    [
      scopedTo(
        ['batch:SubmitJob'],
        [
          'arn:aws:batch:us-east-1:111122223333:job-queue/etl',
          'arn:aws:batch:us-east-1:111122223333:job-definition/etl:3',
        ],
      ),
    ],
  ],
  [
    'bedrock-004',
    [
      scopedTo(
        ['bedrock-agentcore:InvokeAgentRuntimeCommand'],
        ['arn:aws:bedrock-agentcore:us-east-1:111122223333:runtime/support_agent-a1b2c3d4e5'],
      ),
    ],
  ],
  [
    'bedrock-007',
    [
      scopedTo(
        ['bedrock-agentcore:StartBrowserSession'],
        ['arn:aws:bedrock-agentcore:us-east-1:111122223333:browser-custom/research_browser-a1b2c3d4e5'],
      ),
      allowOnAll(['bedrock-agentcore:ConnectBrowserAutomationStream']),
    ],
  ],
  [
    'codedeploy-001',
    [
      scopedTo(
        ['codedeploy:CreateDeployment', 'codedeploy:RegisterApplicationRevision', 'codedeploy:GetDeploymentConfig'],
        [
          'arn:aws:codedeploy:us-east-1:111122223333:application:web',
          'arn:aws:codedeploy:us-east-1:111122223333:deploymentgroup:web/staging',
          'arn:aws:codedeploy:us-east-1:111122223333:deploymentconfig:CodeDeployDefault.OneAtATime',
        ],
      ),
    ],
  ],
  [
    'ec2-005',
    [
      scopedTo(
        ['ec2:CreateLaunchTemplateVersion', 'ec2:ModifyLaunchTemplate'],
        ['arn:aws:ec2:us-east-1:111122223333:launch-template/lt-0a1b2c3d4e5f67890'],
      ),
    ],
  ],
  [
    'ecs-006',
    [
      scopedTo(
        ['ecs:ExecuteCommand', 'ecs:DescribeTasks'],
        ['arn:aws:ecs:us-east-1:111122223333:task/dev/0123456789abcdef0123456789abcdef'],
      ),
    ],
  ],
];

describe.each(NEW_EXISTING)('%s, scoped to the resources a team runs', (id, statements) => {
  it('on every resource: reported; on those resources only: quiet', () => {
    expect(names(runOnPolicy(doc(allowOnAll(permissionsOf(lineOf(id)))), ESCALATION_RULES), id)).toBe(true);
    expect(runOnPolicy(doc(...statements), ESCALATION_RULES).map((f) => f.ruleId)).toEqual([]);
  });
});

describe('AgentCore and ECS idioms next to the new paths', () => {
  it('an application that calls agents (InvokeAgentRuntime, not the command API): quiet', () => {
    const calls = allowOnAll(['bedrock-agentcore:InvokeAgentRuntime', 'bedrock-agentcore:GetAgentRuntime']);
    expect(runOnPolicy(doc(calls), ESCALATION_RULES).map((f) => f.ruleId)).toEqual([]);
  });

  it('an agent driving the AWS-managed browser, which holds no role of the account: quiet', () => {
    const managed = scopedTo(
      ['bedrock-agentcore:StartBrowserSession', 'bedrock-agentcore:StopBrowserSession'],
      ['arn:aws:bedrock-agentcore:us-east-1:aws:browser/aws.browser.v1'],
    );
    const stream = allowOnAll(['bedrock-agentcore:ConnectBrowserAutomationStream']);
    expect(runOnPolicy(doc(managed, stream), ESCALATION_RULES).map((f) => f.ruleId)).toEqual([]);
  });

  it('sessions on every custom browser of the account (each may hold a role): reported', () => {
    const custom = scopedTo(
      ['bedrock-agentcore:StartBrowserSession'],
      ['arn:aws:bedrock-agentcore:us-east-1:111122223333:browser-custom/*'],
    );
    const stream = allowOnAll(['bedrock-agentcore:ConnectBrowserAutomationStream']);
    expect(names(runOnPolicy(doc(custom, stream), ESCALATION_RULES), 'bedrock-007')).toBe(true);
  });

  it('an ECS container instance role (registers itself, starts tasks, passes no role): quiet', () => {
    const agent = allowOnAll([
      'ecs:RegisterContainerInstance',
      'ecs:DeregisterContainerInstance',
      'ecs:DiscoverPollEndpoint',
      'ecs:Poll',
      'ecs:StartTelemetrySession',
      'ecs:SubmitContainerStateChange',
      'ecs:SubmitTaskStateChange',
      'ecs:StartTask',
    ]);
    expect(runOnPolicy(doc(agent), ESCALATION_RULES).map((f) => f.ruleId)).toEqual([]);
  });
});
