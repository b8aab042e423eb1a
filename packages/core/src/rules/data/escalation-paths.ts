/**
 * Known IAM privilege-escalation paths, as sets of permissions that together let a principal gain
 * more privileges than it was given.
 *
 * Sources (facts only, turned into this table): pathfinding.cloud by Datadog (its 86 AWS paths,
 * `apprunner-001` to `sts-001`, Apache-2.0, https://pathfinding.cloud), the scenarios of Datadog's
 * Pathfinding Labs (Apache-2.0: which actions each escalation needs) and Cloudsplaining by Salesforce
 * (its `PRIVILEGE_ESCALATION_METHODS`, BSD-3-Clause). Ids are pathfinding.cloud's where it
 * documents the path (its current ids: `cognitoidentity-001`, `emrserverless-001`, `ecs-006`); ids
 * it has since retired (`ec2instanceconnect-003`, `glue-002`, `sagemaker-003`) stay, as their paths
 * stay open; the few paths only Cloudsplaining or the labs show get an id of their own.
 */

/** Which rule reports a path. */
export type EscalationFamily =
  'iam-policy-modification' | 'user-credentials' | 'pass-role-to-service' | 'run-as-existing-role' | 'assume-any-role';

/** One escalation path. */
export interface EscalationPath {
  /** pathfinding.cloud id (`iam-005`) or our own for paths it does not document. */
  readonly id: string;
  readonly family: EscalationFamily;
  /** The permissions the path needs, canonical case; the first is the one the finding is anchored on. */
  readonly actions: readonly string[];
  /** For paths through `iam:PassRole`: the service principals the role is passed to. */
  readonly passedTo?: readonly string[];
  /** The names Cloudsplaining gives the path. */
  readonly cloudsplaining: readonly string[];
  /** Documentation of the path, when pathfinding.cloud has it. */
  readonly url?: string;
  /**
   * For a path through a principal the caller creates (`iam:CreateUser`, `iam:CreateRole`): its
   * kind. Its actions on that principal need not be allowed on every resource, only on some name
   * the caller may create (escalation-created.ts).
   */
  readonly creates?: 'user' | 'role';
  /**
   * For paths through `iam:PassRole`: the actions that must act on one same resource for the path
   * to work (the function created is the one invoked). Granted on resources of that type that
   * share none, the resource made with the role is not one the caller can run.
   */
  readonly meets?: readonly PathMeet[];
}

/** Actions of a path that act on one same resource, of a type of the catalog. */
export interface PathMeet {
  /** The service prefix whose catalog lists the type (`lambda`). */
  readonly service: string;
  /** The resource type, as the catalog names it (`function`). */
  readonly resourceType: string;
  /** The actions, canonical case, in the path's order. */
  readonly actions: readonly string[];
  /**
   * Whether the path makes that resource (a new function, a new revision of a job definition) or
   * changes one that exists (`glue:UpdateJob`): a resource the deploy itself holds is never one
   * the path makes.
   */
  readonly resource: 'created' | 'existing';
  /**
   * Actions that take no resource but name the resource of the meet in a condition key, by
   * action: `lambda:CreateEventSourceMapping` aims at the function its `lambda:FunctionArn` names.
   */
  readonly keys?: Readonly<Record<string, string>>;
}

// Service principals a role is passed to, by the service whose resource receives it.
const PASSED_TO: Readonly<Record<string, readonly string[]>> = {
  // An MWAA environment's execution role (AWS's MWAA access policies pass it to
  // `airflow.amazonaws.com`; its trust policy names `airflow-env.amazonaws.com` too).
  airflow: ['airflow.amazonaws.com', 'airflow-env.amazonaws.com'],
  amplify: ['amplify.amazonaws.com'],
  apprunner: ['build.apprunner.amazonaws.com', 'tasks.apprunner.amazonaws.com'],
  // A launch configuration's instance profile role goes to the instances the group launches.
  autoscaling: ['ec2.amazonaws.com'],
  // A job definition's job role runs in an ECS task.
  batch: ['batch.amazonaws.com', 'ecs-tasks.amazonaws.com'],
  braket: ['braket.amazonaws.com'],
  'cognito-identity': ['cognito-identity.amazonaws.com'],
  'bedrock-agentcore': ['bedrock-agentcore.amazonaws.com'],
  cloudformation: ['cloudformation.amazonaws.com'],
  codebuild: ['codebuild.amazonaws.com'],
  // The pipeline role, and the resource role its EC2 instances and EMR clusters' nodes run with.
  datapipeline: ['datapipeline.amazonaws.com', 'elasticmapreduce.amazonaws.com', 'ec2.amazonaws.com'],
  ec2: ['ec2.amazonaws.com'],
  // A task role (`taskRoleArn` of RegisterTaskDefinition, or of a RunTask or StartTask override)
  // goes to `ecs-tasks.amazonaws.com`, which vends it to the containers. A role passed to
  // `ecs.amazonaws.com` (CreateService's ELB role, the infrastructure role) is one ECS itself
  // uses to manage load balancers and volumes: no code of the caller's runs as it.
  ecs: ['ecs-tasks.amazonaws.com'],
  // A cluster's instance profile role (EC2) and its service role.
  elasticmapreduce: ['elasticmapreduce.amazonaws.com', 'ec2.amazonaws.com'],
  'emr-serverless': ['emr-serverless.amazonaws.com'],
  gamelift: ['gamelift.amazonaws.com'],
  glue: ['glue.amazonaws.com'],
  // The build instance's instance profile role.
  imagebuilder: ['imagebuilder.amazonaws.com', 'ec2.amazonaws.com'],
  kinesisanalytics: ['kinesisanalytics.amazonaws.com'],
  lambda: ['lambda.amazonaws.com'],
  omics: ['omics.amazonaws.com'],
  sagemaker: ['sagemaker.amazonaws.com'],
  scheduler: ['scheduler.amazonaws.com'],
  ssm: ['ssm.amazonaws.com'],
  states: ['states.amazonaws.com'],
};

// Paths that pass one more role than their service's own: a Batch compute environment's instance
// role goes to the EC2 instances its jobs' containers run on.
const ALSO_PASSED_TO: Readonly<Record<string, readonly string[]>> = {
  'batch-003': ['ec2.amazonaws.com'],
};

/**
 * The pass-role paths whose service actions act on the resource the caller creates (or changes)
 * and then runs itself: `service:type` and the actions joined by `+`. The other pass-role paths
 * have none: one action makes and starts the resource (`ec2:RunInstances`,
 * `cloudformation:CreateStack`), the service runs it by itself (a Glue trigger, an ECS service, a
 * schedule), or the catalog lists no resource type shared by two of their actions (the resource's
 * id is made by AWS: `amplify`, `omics`, `emr-serverless`). An action that takes no resource but
 * names it in a condition key is written `action@key`.
 */
const MEETS: Readonly<Record<string, readonly (readonly [type: string, actions: string, resource?: 'existing'])[]>> = {
  'bedrock-001': [
    [
      'bedrock-agentcore:code-interpreter-custom',
      'bedrock-agentcore:StartCodeInterpreterSession+bedrock-agentcore:InvokeCodeInterpreter',
    ],
  ],
  'bedrock-003': [
    [
      'bedrock-agentcore:runtime',
      'bedrock-agentcore:CreateAgentRuntimeEndpoint+bedrock-agentcore:InvokeAgentRuntimeCommand',
    ],
  ],
  'bedrock-005': [
    [
      'bedrock-agentcore:runtime',
      'bedrock-agentcore:CreateAgentRuntimeEndpoint+bedrock-agentcore:InvokeAgentRuntimeCommand',
    ],
  ],
  // The job definition registered is the one submitted; the queue (batch-003) is the one created
  // on the compute environment created.
  'batch-001': [['batch:job-definition', 'batch:RegisterJobDefinition+batch:SubmitJob']],
  'batch-003': [
    ['batch:compute-environment', 'batch:CreateComputeEnvironment+batch:CreateJobQueue'],
    ['batch:job-queue', 'batch:CreateJobQueue+batch:SubmitJob'],
    ['batch:job-definition', 'batch:RegisterJobDefinition+batch:SubmitJob'],
  ],
  // The launch configuration created (with the role's profile and the caller's user data) is the
  // one the group launches from, which it names by `autoscaling:LaunchConfigurationName`.
  'autoscaling-launch-configuration': [
    [
      'autoscaling:launchConfiguration',
      'autoscaling:CreateLaunchConfiguration+autoscaling:CreateAutoScalingGroup@autoscaling:LaunchConfigurationName',
    ],
  ],
  'autoscaling-update-group': [
    [
      'autoscaling:launchConfiguration',
      'autoscaling:CreateLaunchConfiguration+autoscaling:UpdateAutoScalingGroup@autoscaling:LaunchConfigurationName',
    ],
  ],
  'codebuild-001': [['codebuild:project', 'codebuild:CreateProject+codebuild:StartBuild']],
  'codebuild-004': [['codebuild:project', 'codebuild:CreateProject+codebuild:StartBuildBatch']],
  'datapipeline-001': [['datapipeline:pipeline', 'datapipeline:PutPipelineDefinition+datapipeline:ActivatePipeline']],
  'ecs-002': [['ecs:task-definition', 'ecs:RegisterTaskDefinition+ecs:RunTask']],
  'ecs-004': [['ecs:task-definition', 'ecs:RegisterTaskDefinition+ecs:RunTask']],
  'ecs-005': [['ecs:task-definition', 'ecs:RegisterTaskDefinition+ecs:StartTask']],
  'glue-003': [['glue:job', 'glue:CreateJob+glue:StartJobRun']],
  'glue-005': [['glue:job', 'glue:UpdateJob+glue:StartJobRun', 'existing']],
  'glue-007': [['glue:session', 'glue:CreateSession+glue:RunStatement']],
  'lambda-001': [['lambda:function', 'lambda:CreateFunction+lambda:InvokeFunction']],
  // The event source mapping runs the function its `lambda:FunctionArn` names (the action takes
  // only `*`): the function created, for the path to run the caller's code.
  'lambda-002': [['lambda:function', 'lambda:CreateFunction+lambda:CreateEventSourceMapping@lambda:FunctionArn']],
  'lambda-002-dynamodb': [
    ['lambda:function', 'lambda:CreateFunction+lambda:CreateEventSourceMapping@lambda:FunctionArn'],
  ],
  // The permission added is on the function created (whoever it lets in then invokes it).
  'lambda-006': [['lambda:function', 'lambda:CreateFunction+lambda:AddPermission']],
  'ssm-003': [['ssm:document', 'ssm:CreateDocument+ssm:StartAutomationExecution']],
  'stepfunctions-001': [['states:statemachine', 'states:CreateStateMachine+states:StartExecution']],
};

function meetsOf(id: string): PathMeet[] | undefined {
  const notes = MEETS[id];
  return notes?.map(([type, written, existing]): PathMeet => {
    const [service, resourceType] = type.split(':') as [string, string];
    const keyed = written.split('+').map((a) => a.split('@') as [string, string?]);
    const keys = Object.fromEntries(keyed.flatMap(([a, key]) => (key === undefined ? [] : [[a, key]])));
    return {
      service,
      resourceType,
      actions: keyed.map(([a]) => a),
      resource: existing ?? 'created',
      ...(Object.keys(keys).length > 0 ? { keys } : {}),
    };
  });
}

// [id, family, actions joined by `+`, Cloudsplaining names joined by `,`]
type Row = readonly [string, EscalationFamily, string, string?];

const ROWS: readonly Row[] = [
  // Changing the permissions of oneself or of a role, user or group one can use.
  ['iam-001', 'iam-policy-modification', 'iam:CreatePolicyVersion', 'CreateNewPolicyVersion'],
  [
    'set-default-policy-version',
    'iam-policy-modification',
    'iam:SetDefaultPolicyVersion',
    'SetExistingDefaultPolicyVersion',
  ],
  ['iam-005', 'iam-policy-modification', 'iam:PutRolePolicy', 'PutRolePolicy'],
  ['iam-007', 'iam-policy-modification', 'iam:PutUserPolicy', 'PutUserPolicy'],
  ['iam-008', 'iam-policy-modification', 'iam:AttachUserPolicy', 'AttachUserPolicy'],
  ['iam-009', 'iam-policy-modification', 'iam:AttachRolePolicy', 'AttachRolePolicy'],
  ['iam-010', 'iam-policy-modification', 'iam:AttachGroupPolicy', 'AttachGroupPolicy'],
  ['iam-011', 'iam-policy-modification', 'iam:PutGroupPolicy', 'PutGroupPolicy'],
  ['iam-012', 'iam-policy-modification', 'iam:UpdateAssumeRolePolicy', 'UpdateRolePolicyToAssumeIt'],
  ['iam-013', 'iam-policy-modification', 'iam:AddUserToGroup', 'AddUserToGroup'],
  ['iam-014', 'iam-policy-modification', 'iam:AttachRolePolicy+sts:AssumeRole'],
  ['iam-016', 'iam-policy-modification', 'iam:CreatePolicyVersion+sts:AssumeRole', 'CreatePolicyVersionThenAssumeRole'],
  ['iam-017', 'iam-policy-modification', 'iam:PutRolePolicy+sts:AssumeRole'],
  [
    'iam-019',
    'iam-policy-modification',
    'iam:AttachRolePolicy+iam:UpdateAssumeRolePolicy',
    'AttachRolePolicyThenUpdateAssumeRolePolicy',
  ],
  [
    'iam-020',
    'iam-policy-modification',
    'iam:CreatePolicyVersion+iam:UpdateAssumeRolePolicy',
    'CreatePolicyVersionThenUpdateAssumeRolePolicy',
  ],
  [
    'iam-021',
    'iam-policy-modification',
    'iam:PutRolePolicy+iam:UpdateAssumeRolePolicy',
    'PutRolePolicyThenUpdateAssumeRolePolicy',
  ],
  // Obtaining the credentials of another user.
  ['iam-002', 'user-credentials', 'iam:CreateAccessKey', 'CreateAccessKey'],
  ['iam-003', 'user-credentials', 'iam:CreateAccessKey+iam:DeleteAccessKey', 'CreateAndRotateAccessKey'],
  ['iam-004', 'user-credentials', 'iam:CreateLoginProfile', 'CreateLoginProfile'],
  ['iam-006', 'user-credentials', 'iam:UpdateLoginProfile', 'UpdateLoginProfile'],
  ['iam-015', 'user-credentials', 'iam:CreateAccessKey+iam:AttachUserPolicy', 'AttachUserPolicyThenCreateAccessKey'],
  ['iam-018', 'user-credentials', 'iam:CreateAccessKey+iam:PutUserPolicy', 'PutUserPolicyThenCreateAccessKey'],
  // Passing a role to a new resource of a service, then running code as that role.
  [
    'apprunner-001',
    'pass-role-to-service',
    'iam:PassRole+apprunner:CreateService',
    'PassExistingRoleToNewAppRunnerService',
  ],
  [
    'bedrock-001',
    'pass-role-to-service',
    'iam:PassRole+bedrock-agentcore:CreateCodeInterpreter+bedrock-agentcore:StartCodeInterpreterSession+bedrock-agentcore:InvokeCodeInterpreter',
    'PassExistingRoleToNewBedrockCodeInterpreter',
  ],
  [
    'cloudformation-001',
    'pass-role-to-service',
    'iam:PassRole+cloudformation:CreateStack',
    'PassExistingRoleToCloudFormation',
  ],
  [
    'cloudformation-003',
    'pass-role-to-service',
    'iam:PassRole+cloudformation:CreateStackSet+cloudformation:CreateStackInstances',
    'PassExistingRoleToNewCloudFormationStackSet',
  ],
  [
    'cloudformation-004',
    'pass-role-to-service',
    'iam:PassRole+cloudformation:UpdateStackSet',
    'PassRoleToUpdateCloudFormationStackSet',
  ],
  [
    'codebuild-001',
    'pass-role-to-service',
    'iam:PassRole+codebuild:CreateProject+codebuild:StartBuild',
    'PassExistingRoleToNewCodeBuildProjectThenBuild',
  ],
  [
    'codebuild-004',
    'pass-role-to-service',
    'iam:PassRole+codebuild:CreateProject+codebuild:StartBuildBatch',
    'PassExistingRoleToNewCodeBuildProjectThenBuildBatch',
  ],
  [
    'datapipeline-001',
    'pass-role-to-service',
    'iam:PassRole+datapipeline:CreatePipeline+datapipeline:PutPipelineDefinition+datapipeline:ActivatePipeline',
  ],
  [
    'datapipeline-create',
    'pass-role-to-service',
    'iam:PassRole+datapipeline:CreatePipeline',
    'PassExistingRoleToNewDataPipeline',
  ],
  ['ec2-001', 'pass-role-to-service', 'iam:PassRole+ec2:RunInstances', 'CreateEC2WithExistingIP'],
  ['ec2-003', 'pass-role-to-service', 'iam:PassRole+ec2:RequestSpotInstances', 'PassExistingRoleToNewEC2SpotInstance'],
  [
    'ecs-001',
    'pass-role-to-service',
    'iam:PassRole+ecs:CreateCluster+ecs:RegisterTaskDefinition+ecs:CreateService',
    'PassExistingRoleToNewECSClusterServiceTask',
  ],
  [
    'ecs-002',
    'pass-role-to-service',
    'iam:PassRole+ecs:CreateCluster+ecs:RegisterTaskDefinition+ecs:RunTask',
    'PassExistingRoleToNewECSClusterRunTask',
  ],
  [
    'ecs-003',
    'pass-role-to-service',
    'iam:PassRole+ecs:RegisterTaskDefinition+ecs:CreateService',
    'PassExistingRoleToNewECSService',
  ],
  [
    'ecs-004',
    'pass-role-to-service',
    'iam:PassRole+ecs:RegisterTaskDefinition+ecs:RunTask',
    'PassExistingRoleToNewECSTaskViaRunTask',
  ],
  [
    'ecs-005',
    'pass-role-to-service',
    'iam:PassRole+ecs:RegisterTaskDefinition+ecs:StartTask',
    'PassExistingRoleToNewECSTaskViaStartTask',
  ],
  ['glue-001', 'pass-role-to-service', 'iam:PassRole+glue:CreateDevEndpoint', 'PassExistingRoleToNewGlueDevEndpoint'],
  [
    'glue-003',
    'pass-role-to-service',
    'iam:PassRole+glue:CreateJob+glue:StartJobRun',
    'PassExistingRoleToNewGlueJobThenRun',
  ],
  [
    'glue-004',
    'pass-role-to-service',
    'iam:PassRole+glue:CreateJob+glue:CreateTrigger',
    'PassExistingRoleToNewGlueJobViaTrigger',
  ],
  [
    'glue-005',
    'pass-role-to-service',
    'iam:PassRole+glue:UpdateJob+glue:StartJobRun',
    'PassExistingRoleToUpdatedGlueJobThenRun',
  ],
  [
    'glue-006',
    'pass-role-to-service',
    'iam:PassRole+glue:UpdateJob+glue:CreateTrigger',
    'PassExistingRoleToUpdatedGlueJobViaTrigger',
  ],
  [
    'lambda-001',
    'pass-role-to-service',
    'iam:PassRole+lambda:CreateFunction+lambda:InvokeFunction',
    'PassExistingRoleToNewLambdaThenInvoke',
  ],
  [
    'lambda-002',
    'pass-role-to-service',
    'iam:PassRole+lambda:CreateFunction+lambda:CreateEventSourceMapping',
    'PassExistingRoleToNewLambdaThenTriggerWithExistingDynamo',
  ],
  [
    'lambda-002-dynamodb',
    'pass-role-to-service',
    'iam:PassRole+lambda:CreateFunction+lambda:CreateEventSourceMapping+dynamodb:CreateTable+dynamodb:PutItem',
    'PassExistingRoleToNewLambdaThenTriggerWithNewDynamo',
  ],
  [
    'lambda-006',
    'pass-role-to-service',
    'iam:PassRole+lambda:CreateFunction+lambda:AddPermission',
    'PassExistingRoleToNewLambdaThenAddPermission',
  ],
  [
    'sagemaker-001',
    'pass-role-to-service',
    'iam:PassRole+sagemaker:CreateNotebookInstance',
    'PassExistingRoleToNewSageMakerNotebookInstance',
  ],
  [
    'sagemaker-002',
    'pass-role-to-service',
    'iam:PassRole+sagemaker:CreateTrainingJob',
    'PassExistingRoleToNewSageMakerTrainingJob',
  ],
  [
    'sagemaker-003',
    'pass-role-to-service',
    'iam:PassRole+sagemaker:CreateProcessingJob',
    'PassExistingRoleToNewSageMakerProcessingJob',
  ],
  // Paths the Pathfinding Labs scenarios (pathfinding.cloud ids) show beyond the list above.
  ['amplify-001', 'pass-role-to-service', 'iam:PassRole+amplify:CreateApp+amplify:CreateBranch+amplify:StartJob'],
  ['batch-001', 'pass-role-to-service', 'iam:PassRole+batch:RegisterJobDefinition+batch:SubmitJob'],
  // The whole Batch pipeline built from nothing: compute environment, queue, job definition, job.
  [
    'batch-003',
    'pass-role-to-service',
    'iam:PassRole+batch:CreateComputeEnvironment+batch:CreateJobQueue+batch:RegisterJobDefinition+batch:SubmitJob',
  ],
  // AgentCore: a new runtime (or a harness, which makes one) whose microVM runs commands as root
  // with the execution role's credentials; a new custom browser driven over its automation stream.
  [
    'bedrock-003',
    'pass-role-to-service',
    'iam:PassRole+bedrock-agentcore:CreateAgentRuntime+bedrock-agentcore:CreateAgentRuntimeEndpoint+bedrock-agentcore:CreateWorkloadIdentity+bedrock-agentcore:InvokeAgentRuntimeCommand',
  ],
  [
    'bedrock-005',
    'pass-role-to-service',
    'iam:PassRole+bedrock-agentcore:CreateHarness+bedrock-agentcore:CreateAgentRuntime+bedrock-agentcore:CreateAgentRuntimeEndpoint+bedrock-agentcore:CreateWorkloadIdentity+bedrock-agentcore:GetAgentRuntime+bedrock-agentcore:GetHarness+bedrock-agentcore:InvokeAgentRuntimeCommand',
  ],
  [
    'bedrock-006',
    'pass-role-to-service',
    'iam:PassRole+bedrock-agentcore:CreateBrowser+bedrock-agentcore:StartBrowserSession+bedrock-agentcore:ConnectBrowserAutomationStream',
  ],
  ['braket-001', 'pass-role-to-service', 'iam:PassRole+braket:CreateJob'],
  ['cognitoidentity-001', 'pass-role-to-service', 'iam:PassRole+cognito-identity:SetIdentityPoolRoles'],
  // A task started on a container instance the caller registers into the cluster itself.
  ['ecs-007', 'pass-role-to-service', 'iam:PassRole+ecs:StartTask+ecs:RegisterContainerInstance'],
  // A task run or started with a task role override (`overrides.taskRoleArn`).
  ['ecs-008', 'pass-role-to-service', 'iam:PassRole+ecs:RunTask'],
  ['ecs-009', 'pass-role-to-service', 'iam:PassRole+ecs:StartTask'],
  ['emr-001', 'pass-role-to-service', 'iam:PassRole+elasticmapreduce:RunJobFlow'],
  [
    'emrserverless-001',
    'pass-role-to-service',
    'iam:PassRole+emr-serverless:CreateApplication+emr-serverless:StartJobRun',
  ],
  ['gamelift-001', 'pass-role-to-service', 'iam:PassRole+gamelift:CreateBuild+gamelift:CreateFleet'],
  ['glue-007', 'pass-role-to-service', 'iam:PassRole+glue:CreateSession+glue:RunStatement'],
  [
    'imagebuilder-001',
    'pass-role-to-service',
    'iam:PassRole+imagebuilder:CreateComponent+imagebuilder:CreateImageRecipe+imagebuilder:CreateInfrastructureConfiguration+imagebuilder:CreateImage',
  ],
  [
    'kinesisanalytics-001',
    'pass-role-to-service',
    'iam:PassRole+kinesisanalytics:CreateApplication+kinesisanalytics:StartApplication',
  ],
  ['omics-001', 'pass-role-to-service', 'iam:PassRole+omics:CreateWorkflow+omics:StartRun'],
  ['scheduler-001', 'pass-role-to-service', 'iam:PassRole+scheduler:CreateSchedule'],
  ['ssm-003', 'pass-role-to-service', 'iam:PassRole+ssm:CreateDocument+ssm:StartAutomationExecution'],
  ['stepfunctions-001', 'pass-role-to-service', 'iam:PassRole+states:CreateStateMachine+states:StartExecution'],
  // Paths of published research and AWS documentation beyond both lists (our own ids): an instance
  // profile associated with, or swapped onto, a running instance (whose metadata service then
  // hands out the role's credentials, AWS's EC2 guide on passing roles and the detection rules for
  // these calls); an existing ECS service moved to a task definition registered with the role.
  ['ec2-associate-profile', 'pass-role-to-service', 'iam:PassRole+ec2:AssociateIamInstanceProfile'],
  ['ec2-replace-profile', 'pass-role-to-service', 'iam:PassRole+ec2:ReplaceIamInstanceProfileAssociation'],
  ['ecs-update-service', 'pass-role-to-service', 'iam:PassRole+ecs:RegisterTaskDefinition+ecs:UpdateService'],
  // A launch configuration naming the role's instance profile, with the caller's user data: the
  // instances of a new Auto Scaling group launched from it, or of an existing group moved to it,
  // run that script with the role (AWS's Auto Scaling guide: creating the configuration with an
  // instance profile needs `iam:PassRole`; a group on a launch configuration needs no
  // `ec2:RunInstances` of the caller's, unlike one on a launch template, which is `ec2-001`).
  [
    'autoscaling-launch-configuration',
    'pass-role-to-service',
    'iam:PassRole+autoscaling:CreateLaunchConfiguration+autoscaling:CreateAutoScalingGroup',
  ],
  [
    'autoscaling-update-group',
    'pass-role-to-service',
    'iam:PassRole+autoscaling:CreateLaunchConfiguration+autoscaling:UpdateAutoScalingGroup',
  ],
  // A new MWAA environment whose execution role is the role passed: its workers run the DAGs (and
  // requirements, plugins, startup script) of the S3 bucket it names, which the caller writes
  // (AWS's MWAA guide: the environment reads its code from the bucket with the execution role).
  ['mwaa-create-environment', 'pass-role-to-service', 'iam:PassRole+s3:PutObject+airflow:CreateEnvironment'],
  // The same with an existing environment: UpdateEnvironment swaps its execution role for the one
  // passed and points it at the caller's DAG bucket.
  ['mwaa-update-environment', 'pass-role-to-service', 'iam:PassRole+s3:PutObject+airflow:UpdateEnvironment'],
  // Running code in, or as, an existing resource that already holds a role.
  ['apprunner-002', 'run-as-existing-role', 'apprunner:UpdateService'],
  [
    'bedrock-002',
    'run-as-existing-role',
    'bedrock-agentcore:StartCodeInterpreterSession+bedrock-agentcore:InvokeCodeInterpreter',
    'AccessExistingBedrockCodeInterpreterSession',
  ],
  ['cloudformation-002', 'run-as-existing-role', 'cloudformation:UpdateStack'],
  [
    'cloudformation-005',
    'run-as-existing-role',
    'cloudformation:CreateChangeSet+cloudformation:ExecuteChangeSet',
    'ExecuteCloudFormationChangeSet',
  ],
  ['codebuild-002', 'run-as-existing-role', 'codebuild:StartBuild'],
  ['codebuild-003', 'run-as-existing-role', 'codebuild:StartBuildBatch'],
  [
    'ec2-002',
    'run-as-existing-role',
    'ec2:ModifyInstanceAttribute+ec2:StopInstances+ec2:StartInstances',
    'ModifyEC2InstanceUserDataThenRestart',
  ],
  [
    'ec2-004',
    'run-as-existing-role',
    'ec2:CreateLaunchTemplateVersion+ec2:ModifyLaunchTemplate',
    'ModifyExistingEC2LaunchTemplate',
  ],
  // pathfinding.cloud documents the launch template path twice (ec2-004, and ec2-005 whose new
  // version inherits the instance profile through `--source-version`): one finding names both.
  ['ec2-005', 'run-as-existing-role', 'ec2:CreateLaunchTemplateVersion+ec2:ModifyLaunchTemplate'],
  [
    'ec2instanceconnect-003',
    'run-as-existing-role',
    'ec2-instance-connect:SendSSHPublicKey+ec2:DescribeInstances',
    'EC2InstanceConnectSendSSHPublicKey',
  ],
  ['ecs-006', 'run-as-existing-role', 'ecs:ExecuteCommand+ecs:DescribeTasks', 'ECSExecuteCommandOnRunningTask'],
  ['glue-002', 'run-as-existing-role', 'glue:UpdateDevEndpoint', 'UpdateExistingGlueDevEndpoint'],
  ['lambda-003', 'run-as-existing-role', 'lambda:UpdateFunctionCode', 'EditExistingLambdaFunctionWithRole'],
  [
    'lambda-004',
    'run-as-existing-role',
    'lambda:UpdateFunctionCode+lambda:InvokeFunction',
    'UpdateAndInvokeLambdaFunction',
  ],
  [
    'lambda-005',
    'run-as-existing-role',
    'lambda:UpdateFunctionCode+lambda:AddPermission',
    'UpdateLambdaFunctionAndAddPermission',
  ],
  [
    'sagemaker-004',
    'run-as-existing-role',
    'sagemaker:CreatePresignedNotebookInstanceUrl',
    'CreatePresignedSageMakerNotebookUrl',
  ],
  [
    'sagemaker-005',
    'run-as-existing-role',
    'sagemaker:CreateNotebookInstanceLifecycleConfig+sagemaker:StopNotebookInstance+sagemaker:UpdateNotebookInstance+sagemaker:StartNotebookInstance',
    'UpdateSageMakerNotebookLifecycleConfig',
  ],
  ['ssm-001', 'run-as-existing-role', 'ssm:StartSession'],
  ['ssm-002', 'run-as-existing-role', 'ssm:SendCommand'],
  // Existing resources that hold a role, from the Pathfinding Labs scenarios: a job submitted with
  // a command override on a job definition that names a job role, a deployment whose lifecycle
  // hooks run on instances with their profile, a state machine definition replaced and run.
  ['batch-002', 'run-as-existing-role', 'batch:SubmitJob'],
  [
    'codedeploy-001',
    'run-as-existing-role',
    'codedeploy:CreateDeployment+codedeploy:RegisterApplicationRevision+codedeploy:GetDeploymentConfig',
  ],
  // A command run as root in an existing AgentCore runtime or harness, or an existing custom
  // browser driven over its automation stream: both read the execution role's credentials.
  ['bedrock-004', 'run-as-existing-role', 'bedrock-agentcore:InvokeAgentRuntimeCommand'],
  [
    'bedrock-007',
    'run-as-existing-role',
    'bedrock-agentcore:StartBrowserSession+bedrock-agentcore:ConnectBrowserAutomationStream',
  ],
  ['stepfunctions-002', 'run-as-existing-role', 'states:UpdateStateMachine+states:StartExecution'],
  // From published research too: a layer (or an environment variable that loads code) added to an
  // existing function overrides what it runs with its role; a presigned URL into SageMaker Studio
  // as a user profile whose apps run with its execution role.
  ['lambda-update-configuration', 'run-as-existing-role', 'lambda:UpdateFunctionConfiguration'],
  ['sagemaker-presigned-domain-url', 'run-as-existing-role', 'sagemaker:CreatePresignedDomainUrl'],
  // Assuming any role whose trust policy lets the account in.
  ['sts-001', 'assume-any-role', 'sts:AssumeRole'],
  // Not rows: paths that hold only for some callers or targets of a scan (a SAML provider's role,
  // escalation-federation.ts; an instance role's own profile, escalation-instance-profile.ts).
  // Not paths: CodeStar's new projects (codestar:CreateProject with iam:PassRole), as AWS creates
  // none since 2024-07-31; a Bedrock agent's service role (bedrock:CreateAgent), which Bedrock
  // itself uses to call models and the functions of action groups, each with its own role.
];

// Ids in pathfinding.cloud's form that have no page there: the labs' own scenario ids, and the
// paths pathfinding.cloud has retired since they were added here.
const WITHOUT_PAGE: ReadonlySet<string> = new Set([
  'amplify-001',
  'scheduler-001',
  'stepfunctions-001',
  'stepfunctions-002',
  'ec2instanceconnect-003',
  'glue-002',
  'sagemaker-003',
]);

function pathOf(
  [id, family, actions, names]: Row,
  meets: readonly PathMeet[] | undefined = meetsOf(id),
): EscalationPath {
  const list = actions.split('+');
  // The service the role goes to: the first of the path's that takes roles (S3 only holds the code).
  const service = list
    .map((a) => a.split(':')[0] as string)
    .find((s) => s !== 'iam' && s !== 'sts' && Object.hasOwn(PASSED_TO, s));
  const passedTo =
    list.includes('iam:PassRole') && service !== undefined
      ? [...(PASSED_TO[service] ?? []), ...(ALSO_PASSED_TO[id] ?? [])]
      : undefined;
  const creates = list.includes('iam:CreateUser') ? 'user' : list.includes('iam:CreateRole') ? 'role' : undefined;
  return {
    id,
    family,
    actions: list,
    ...(passedTo ? { passedTo } : {}),
    cloudsplaining: names === undefined ? [] : names.split(','),
    ...(/^[a-z0-9]+-\d{3}$/.test(id) && !WITHOUT_PAGE.has(id) ? { url: `https://pathfinding.cloud/paths/${id}` } : {}),
    ...(creates ? { creates } : {}),
    ...(meets !== undefined && passedTo !== undefined ? { meets } : {}),
  };
}

const DOCUMENTED: readonly EscalationPath[] = ROWS.map((row) => pathOf(row));

// Paths through a principal the caller creates, then gives permissions and acts as: a user it
// makes credentials for, a role it assumes or passes to a service that runs its code (each
// pass-role-to-service path above, with the new role as the role passed, and its `meets`). Our
// own ids.
const GIVE_USER: readonly (readonly [string, string])[] = [
  ['attach', 'iam:AttachUserPolicy'],
  ['put', 'iam:PutUserPolicy'],
];
const USE_USER: readonly (readonly [string, string])[] = [
  ['key', 'iam:CreateAccessKey'],
  ['console', 'iam:CreateLoginProfile'],
];
const GIVE_ROLE: readonly (readonly [string, string])[] = [
  ['attach', 'iam:AttachRolePolicy'],
  ['put', 'iam:PutRolePolicy'],
];
const CREATED: readonly EscalationPath[] = [
  ...GIVE_USER.flatMap(([give, g]) =>
    USE_USER.map(([use, u]) =>
      pathOf([`new-user-${give}-${use}`, 'iam-policy-modification', `iam:CreateUser+${g}+${u}`]),
    ),
  ),
  ...USE_USER.map(([use, u]) =>
    pathOf([`new-user-group-${use}`, 'iam-policy-modification', `iam:CreateUser+iam:AddUserToGroup+${u}`]),
  ),
  ...GIVE_ROLE.map(([give, g]) =>
    pathOf([`new-role-${give}-assume`, 'iam-policy-modification', `iam:CreateRole+${g}+sts:AssumeRole`]),
  ),
  ...GIVE_ROLE.flatMap(([give, g]) =>
    DOCUMENTED.filter((p) => p.family === 'pass-role-to-service').map((p) =>
      pathOf(
        [`new-role-${give}-${p.id}`, 'iam-policy-modification', `iam:CreateRole+${g}+${p.actions.join('+')}`],
        p.meets,
      ),
    ),
  ),
];

/** Every known path. */
export const ESCALATION_PATHS: readonly EscalationPath[] = [...DOCUMENTED, ...CREATED];

/**
 * Actions whose target can be the principal itself (or a policy attached to it): on itself they
 * are a self-escalation even when the statement names no wildcard.
 */
export const SELF_TARGETS: Readonly<Record<string, 'principal' | 'attached-policy'>> = {
  'iam:putrolepolicy': 'principal',
  'iam:attachrolepolicy': 'principal',
  'iam:updateassumerolepolicy': 'principal',
  'iam:putuserpolicy': 'principal',
  'iam:attachuserpolicy': 'principal',
  'iam:createpolicyversion': 'attached-policy',
  'iam:setdefaultpolicyversion': 'attached-policy',
};

// Each path's actions in lower case, made once: the escalation checks pair every path with every other.
const lowerActions = new WeakMap<EscalationPath, ReadonlySet<string>>();

function lowerActionsOf(path: EscalationPath): ReadonlySet<string> {
  let lower = lowerActions.get(path);
  if (lower === undefined) lowerActions.set(path, (lower = new Set(path.actions.map((x) => x.toLowerCase()))));
  return lower;
}

/** Whether the actions of path `a` are a strict subset of those of `b` (`a` is the shorter way to the same end). */
export function isStrictSubset(a: EscalationPath, b: EscalationPath): boolean {
  if (a.actions.length >= b.actions.length) return false;
  const lower = lowerActionsOf(b);
  for (const action of lowerActionsOf(a)) if (!lower.has(action)) return false;
  return true;
}
