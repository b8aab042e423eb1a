/**
 * The second survey of real CDK apps (survey2-apps.ts), each app synthesized once with the Aspect:
 * the idioms public apps write get no finding, what aws-cdk-lib writes that is a real risk is
 * reported with the reason it is kept, every planted risk is reported and annotated on its
 * construct, and the CLI on the written cloud assemblies agrees.
 */
import type { Finding } from '@iamgate/core';
import { runCli } from './run-cli';
import { expectAnnotatedRisk, findingsAt, key, synthesize } from './synthesize';
import type { Synthesized } from './synthesize';
import { SURVEY2_CONFIG, SURVEY2_IDIOMS, survey2App, survey2RisksApp } from './survey2-apps';

// The idiom cases in apps of 16 cases each, to keep each synthesis short.
const CASES = Object.keys(SURVEY2_IDIOMS);
const PARTS = Array.from({ length: Math.ceil(CASES.length / 16) }, (_, i) => CASES.slice(i * 16, i * 16 + 16));

describe('survey2 idioms', () => {
  let apps: Synthesized[];
  let findings: Finding[];
  beforeAll(() => {
    apps = PARTS.map((cases) => synthesize(survey2App(cases), SURVEY2_CONFIG));
    findings = apps.flatMap((a) => a.findings);
  });

  // Each construct wires IAM the way public CDK apps and the AWS guides write it: no finding on it or below it.
  const idioms: [string, string][] = [
    [
      'IRSA on an imported cluster: external-dns on one zone (ListHostedZones on `*`), a secret read, the cluster autoscaler (Describe on `*`, writes by cluster tag)',
      'Survey2/EksIrsa',
    ],
    [
      'ServiceAccount with Pod Identity granted a bucket; the EBS CSI add-on role with its AWS managed policy',
      'Survey2/EksPodIdentity',
    ],
    [
      "self-managed StackSets: CloudFormation limited to the account's stack sets assumes the execution role of every target account",
      'Survey2/StackSets',
    ],
    [
      'CDK Pipelines lookups (sts:AssumeRole on `*` for roles tagged `aws-cdk:bootstrap-role` lookup), a deploy job assuming the bootstrap roles by tag',
      'Survey2/BootstrapRoles',
    ],
    [
      'GitHub OIDC (imported provider) for the main branch, assuming the bootstrap roles of its account by name',
      'Survey2/OidcDeployers/Deployer',
    ],
    ['Vercel OIDC with its audience and the production environment as subject', 'Survey2/OidcDeployers/Preview'],
    ['a private REST API: Allow `*`, Deny unless `aws:SourceVpce`', 'Survey2/PrivateApi'],
    [
      'REST API policies: the office network by `aws:SourceIp`, a trusted account with IAM auth',
      'Survey2/RestApiPolicies',
    ],
    ['AppSync HTTP data source signed for Bedrock granted one model; grantQuery', 'Survey2/AppSyncBedrock'],
    [
      'EventBridge Pipe (L1): stream read, enrichment invoke, events on one bus, trust limited to the account',
      'Survey2/PipeStream',
    ],
    [
      'Scheduler: Lambda, Kinesis, SNS, CodeBuild targets; the universal target scoped by its statement',
      'Survey2/SchedulerTargets',
    ],
    [
      'Bedrock roles whose trust is rewritten through the CfnRole escape hatch (source account and knowledge base ARN), a cross-region inference profile and its models',
      'Survey2/BedrockRoles',
    ],
    [
      'Batch: job role granted a bucket, grantSubmitJob to one queue, a managed EC2 compute environment',
      'Survey2/BatchJobs',
    ],
    [
      'Glue: the catalog, database and table of a job, lakeformation:GetDataAccess (only `*`), a key of its security configuration',
      'Survey2/GlueCatalog',
    ],
    ['a log subscription to Firehose (the role CloudWatch Logs assumes)', 'Survey2/LogsToFirehose'],
    ['MSK with IAM auth: connect, one topic, one group; a cluster policy for a trusted account', 'Survey2/MskIam'],
    [
      'ECS patterns: task role putting events on one bus, sending from one identity and sender, AI actions that only take `*`; execution role decrypting through Secrets Manager only',
      'Survey2/EcsPatternRoles',
    ],
    ['SES: a configuration set publishing bounces to a topic, grantSendEmail', 'Survey2/SesEvents'],
    [
      'SageMaker: an execution role (account condition) reading one prefix and pulling its image; InvokeEndpoint on one endpoint',
      'Survey2/SageMakerEndpoint',
    ],
    [
      'Backup: a vault the organization copies into; a plan allowing restores (AWSBackupServiceRolePolicyForRestores on a role only AWS Backup assumes)',
      'Survey2/BackupSharing',
    ],
    [
      'CodeBuild secrets: Secrets Manager by ARN and by name, Parameter Store, registry credentials',
      'Survey2/CodeBuildSecrets',
    ],
    [
      'Lambda event sources: a KMS queue, a DynamoDB stream with an SQS on-failure destination, SNS, S3 (v2), a Kinesis consumer',
      'Survey2/EventSourcesMore',
    ],
    [
      'the Provider framework with its own role and an environment key; a custom resource backed by a function',
      'Survey2/ProviderRoles',
    ],
    ['BucketDeployment into a bucket encrypted with a key of the stack', 'Survey2/EncryptedDeployment'],
    ['a Trigger running an existing function after a table', 'Survey2/TriggerAfter'],
    [
      'Step Functions: SQS, PutItem, an IAM-authorized REST API, an activity, an SDK call with iamAction and an extra statement',
      'Survey2/SfnTasksMore',
    ],
    [
      'CodeStar connection source with a `codestar-connections` ARN',
      'Survey2/PipelineCrossAccount/Pipeline/Source/GitHub',
    ],
    [
      "S3 deploy into a partner's bucket through the partner's role, a Lambda invoke",
      'Survey2/PipelineCrossAccount/Pipeline/Deploy',
    ],
    ['the pipeline role and artifact key', 'Survey2/PipelineCrossAccount/Pipeline/Role'],
    [
      'hand grants on grantPrincipal: DSQL, a signing key, Route 53 records of one name, a secret and its key',
      'Survey2/HandGrants',
    ],
    [
      'key policies: CloudWatch Logs by encryption context, CloudWatch alarms with aws:SourceAccount, the account through EC2 (`kms:CallerAccount`, `kms:ViaService`), an encrypted volume (the grant aws-cdk-lib writes with `kms:CallerAccount`)',
      'Survey2/ServiceKeys',
    ],
    [
      'bucket policies: CloudFront listing with `AWS:SourceArn`, `*` through one VPC endpoint, a Deny for all but the account, a function role as principal',
      'Survey2/BucketPolicies',
    ],
    ['topic policies: Budgets and S3 with the source account and ARN', 'Survey2/TopicPolicies'],
    [
      'a topic for the services of the account, a secret for a trusted account, images pulled by the functions of a trusted account',
      'Survey2/ConditionalShares',
    ],
    [
      'OpenSearch Ingestion on one domain; a Cognito SMS role given its external id through the escape hatch',
      'Survey2/IngestionAndSms',
    ],
    ['read-only discovery of ECS and EC2 (actions that only take `*`)', 'Survey2/Discovery'],
    ['PolicyDocument.fromJson in a managed policy, PolicyStatement.fromJson', 'Survey2/JsonPolicies'],
    ['Scheduler: a Firehose stream, an imported pipeline', 'Survey2/SchedulerMore'],
    [
      'Step Functions: a DataBrew job, a SageMaker endpoint from a configuration (ListTags only takes `*`), the role passed to Bedrock',
      'Survey2/SfnMlTasks/Customize',
    ],
    [
      'ECS: an EBS volume ECS manages (the infrastructure role ecs.amazonaws.com assumes, its AWS managed policy)',
      'Survey2/EcsVolumes',
    ],
    ['AppSync Events: publish to one namespace, subscribe and connect to one API', 'Survey2/AppSyncEvents'],
    ['MSK with SASL/SCRAM: the secret the event source names, and its key', 'Survey2/KafkaScram'],
    [
      'Grant.addToPrincipalAndResource for a role of a trusted account; origin access control with LIST',
      'Survey2/BothSides',
    ],
    ['a PartiQL read granted by name', 'Survey2/TableOwner/Query'],
  ];
  test.each(idioms)('%s: no finding', (_name, construct) => {
    expect(apps.some((a) => a.paths.has(construct))).toBe(true);
    expect(findingsAt(findings, construct).map(key)).toEqual([]);
  });

  // Real, if written by public apps or aws-cdk-lib: a developer can act on each or suppress it with a reason.
  const real: [string, string, string][] = [
    [
      'GitHub OIDC with `sub` `repo:acme/shop:*`: pull_request tokens too (unreviewed code)',
      'trust-policy/oidc-broad-subject',
      'Survey2/OidcDeployers/AnyRef/Resource',
    ],
    [
      'GitHub OIDC for pull requests: the role is for unreviewed code',
      'trust-policy/oidc-broad-subject',
      'Survey2/OidcDeployers/PullRequests/Resource',
    ],
    // The CodeConnections guide: the service prefix of the action must match the one of the
    // connection's ARN. aws-cdk-lib grants `codestar-connections:UseConnection` whatever the ARN.
    [
      'CodeStarConnectionsSourceAction on a `codeconnections` ARN: its UseConnection applies to nothing',
      'policy-validity/resource-mismatch',
      'Survey2/PipelineCrossAccount/Pipeline/Source/Infra/CodePipelineActionRole/DefaultPolicy/Resource',
    ],
    [
      'SageMakerCreateTransformJob: the role it creates has AmazonSageMakerFullAccess (give `role`): PassRole of any SageMaker role',
      'privilege-escalation/pass-role-wildcard',
      'Survey2/SfnTransform/Transform/SagemakerTransformRole/Resource',
    ],
    [
      'the same role: `sagemaker:*`',
      'wildcard-action/service-wildcard',
      'Survey2/SfnTransform/Transform/SagemakerTransformRole/Resource',
    ],
    [
      'SageMakerCreateTransformJob: the state machine may create and stop every transform job of the account',
      'wildcard-resource/write-on-star',
      'Survey2/SfnTransform/Machine/Role/DefaultPolicy/Resource',
    ],
    // The policy of the CodeBuild guide for Session Manager in builds, which aws-cdk-lib writes.
    [
      'CodeBuild ssmSessionPermissions: s3:PutObject (and log writes) on `*`',
      'wildcard-resource/write-on-star',
      'Survey2/CodeBuildDebug/Project/Role/DefaultPolicy/Resource',
    ],
    [
      'BedrockCreateModelCustomizationJob: bedrock:TagResource on every custom model and job of the account',
      'wildcard-resource/write-on-star',
      'Survey2/SfnMlTasks/Machine/Role/DefaultPolicy/Resource',
    ],
    [
      'Table.grantFullAccess: `dynamodb:*` on the table',
      'wildcard-action/service-wildcard',
      'Survey2/TableOwner/Owner/ServiceRole/DefaultPolicy/Resource',
    ],
  ];
  test.each(real)('%s', (_name, ruleId, constructPath) => {
    expect(findings.map(key)).toContain(`${ruleId} @ ${constructPath}`);
  });

  test('no finding outside the kept ones and the transform role, no input error, no user suppression, no unverifiable', () => {
    const kept = new Set(real.map(([, ruleId, at]) => `${ruleId} @ ${at}`));
    const rest = findings.filter(
      (f) => !kept.has(key(f)) && f.principal !== 'Survey2/SfnTransform/Transform/SagemakerTransformRole',
    );
    expect(rest.map(key)).toEqual([]);
    for (const app of apps) {
      expect(app.errors).toEqual([]);
      // Only the defaults for what aws-cdk-lib creates itself (the OIDC provider's custom resource).
      expect(app.suppressed.filter((f) => !f.suppression.source.startsWith('cdk-guard default: '))).toEqual([]);
      expect(app.messages.filter(([, , m]) => m.startsWith('[iamgate]'))).toEqual([]);
    }
  });

  test('the AWS Backup restore role: no unscoped read of its AWS managed policy', () => {
    const restores = findings.filter((f) => f.principal === 'Survey2/BackupSharing/Plan/Tagged/Role');
    expect(restores.map(key)).toEqual([]);
    expect(apps.some((a) => a.paths.has('Survey2/BackupSharing/Plan/Tagged/Role'))).toBe(true);
  });

  test('the cdk-guard CLI on each cloud assembly reports what the Aspect did', async () => {
    for (const app of apps) {
      const { stdout } = await runCli([app.outdir, '--format', 'json', '--config', app.configFile]);
      const cli = JSON.parse(stdout) as { findings: Finding[] };
      expect(cli.findings.map(key).sort()).toEqual(app.findings.map(key).sort());
    }
  });
});

describe('survey2 risks', () => {
  let app: Synthesized;
  beforeAll(() => {
    app = synthesize(survey2RisksApp, SURVEY2_CONFIG);
  });

  const risks: [string, string, string[]][] = [
    [
      'a REST API policy for every principal without a condition',
      'Survey2Risks/OpenApiPolicy/Api/Resource',
      ['resource-exposure/public-principal'],
    ],
    [
      'a key policy letting any principal decrypt',
      'Survey2Risks/OpenKey/Key/Resource',
      ['resource-exposure/public-principal'],
    ],
    [
      'a topic S3 of any account may publish to',
      'Survey2Risks/TopicDeputy/Topic/Policy/Resource',
      ['resource-exposure/confused-deputy'],
    ],
    [
      'a repository whose layers anyone may download',
      'Survey2Risks/PublicRepository/Images/Resource',
      ['resource-exposure/public-principal'],
    ],
    [
      'GitHub OIDC without any condition',
      'Survey2Risks/OidcLoose/NoCondition/Resource',
      ['trust-policy/oidc-missing-sub'],
    ],
    [
      'GitHub OIDC for every repository of the owner, with AdministratorAccess',
      'Survey2Risks/OidcLoose/Admin/Resource',
      ['trust-policy/oidc-broad-subject', 'admin-access/full-access'],
    ],
    ['GitHub OIDC with `sub` `*`', 'Survey2Risks/OidcAnySubject/Role/Resource', ['trust-policy/oidc-missing-sub']],
    [
      'an EKS service account that may pass any role',
      'Survey2Risks/EksServiceAccount/Cluster/Deployer/Role/DefaultPolicy/Resource',
      ['privilege-escalation/pass-role-wildcard'],
    ],
    [
      'an IRSA trust rewritten to the audience only (every service account of the cluster)',
      'Survey2Risks/EksServiceAccount/AnyPod/Resource',
      ['trust-policy/oidc-missing-sub'],
    ],
    [
      'a trust principal rewritten to `*` through the escape hatch',
      'Survey2Risks/OverrideTrust/Role/Resource',
      ['resource-exposure/public-principal'],
    ],
    [
      'StackSets administration assuming every role of every account',
      'Survey2Risks/AssumeAnywhere/Administration/DefaultPolicy/Resource',
      ['privilege-escalation/assume-any-role'],
    ],
    [
      'sts:AssumeRole on `*` with a tag condition any role can meet (`StringLikeIfExists` `*`)',
      'Survey2Risks/AssumeAnywhere/Deploy/Role/DefaultPolicy/Resource',
      ['privilege-escalation/assume-any-role'],
    ],
    [
      'kms:Decrypt on every key',
      'Survey2Risks/UnscopedSecrets/Fn/ServiceRole/DefaultPolicy/Resource',
      ['data-exfiltration/unscoped-read'],
    ],
    [
      'a build reading every secret',
      'Survey2Risks/UnscopedSecrets/Build/Role/DefaultPolicy/Resource',
      ['data-exfiltration/unscoped-read'],
    ],
    [
      'a bucket policy for everyone with only a TLS condition',
      'Survey2Risks/TlsOnlyCondition/Bucket/Policy/Resource',
      ['resource-exposure/public-principal'],
    ],
    [
      'a backup vault any account may copy into',
      'Survey2Risks/OpenVaultAndCluster/Vault/Resource',
      ['resource-exposure/public-principal'],
    ],
    [
      'an MSK cluster policy for every principal',
      'Survey2Risks/OpenVaultAndCluster/ClusterPolicy',
      ['resource-exposure/public-principal'],
    ],
    [
      'inline policies rewritten to `*` on `*` through the escape hatch',
      'Survey2Risks/OverridePolicies/Role/Resource',
      ['admin-access/full-access'],
    ],
    [
      'a topic policy principal rewritten to `*` through the escape hatch',
      'Survey2Risks/OverrideTopicPolicy/Topic/Policy/Resource',
      ['resource-exposure/public-principal'],
    ],
    [
      'everyone with a role of that name in any account (`aws:PrincipalArn` `arn:aws:iam::*:role/deployer`)',
      'Survey2Risks/LooseConditions/Bucket/Policy/Resource',
      ['resource-exposure/public-principal'],
    ],
    [
      'everyone of any organization (`aws:PrincipalOrgID` `o-*`)',
      'Survey2Risks/LooseConditions/Shared/Policy/Resource',
      ['resource-exposure/public-principal'],
    ],
    [
      'a key every principal of an untrusted account may use (`kms:CallerAccount`)',
      'Survey2Risks/LooseConditions/Key/Resource',
      ['trust-policy/untrusted-account'],
    ],
    [
      'a repository the Lambda service pulls from for functions of any account',
      'Survey2Risks/RepositoryDeputy/Images/Resource',
      ['resource-exposure/confused-deputy'],
    ],
    [
      'a pipe role invoking every function and starting every state machine',
      'Survey2Risks/WideServiceRoles/PipeRole/DefaultPolicy/Resource',
      ['wildcard-resource/write-on-star'],
    ],
    [
      'an MSK client allowed `kafka-cluster:*` on `*`',
      'Survey2Risks/WideServiceRoles/Client/DefaultPolicy/Resource',
      ['wildcard-action/service-wildcard', 'wildcard-resource/write-on-star'],
    ],
    [
      'a grant whose resource is rewritten to `*` through the escape hatch',
      'Survey2Risks/OverrideGrants/Reader/DefaultPolicy/Resource',
      ['data-exfiltration/unscoped-read'],
    ],
    [
      'AdministratorAccess added to ManagedPolicyArns through the escape hatch',
      'Survey2Risks/OverrideGrants/Admin/Resource',
      ['admin-access/full-access'],
    ],
    [
      'an inline policy passing any role, on a role imported by name',
      'Survey2Risks/L1AndImported/OpsPolicy/Resource',
      ['privilege-escalation/pass-role-wildcard'],
    ],
    [
      'a managed policy with `iam:*` on a group',
      'Survey2Risks/L1AndImported/GroupPolicy/Resource',
      ['admin-access/service-admin', 'privilege-escalation/pass-role-wildcard'],
    ],
    [
      'an L1 CfnRole trusting an untrusted account, with `s3:*` on `*`',
      'Survey2Risks/L1AndImported/Vendor',
      ['trust-policy/untrusted-account', 'wildcard-action/service-wildcard', 'data-exfiltration/unscoped-read'],
    ],
    [
      'a composite principal: a service and a role of an untrusted account',
      'Survey2Risks/L1AndImported/Mixed/Resource',
      ['trust-policy/untrusted-account'],
    ],
    [
      'an event bus policy (L1, older form) for every principal',
      'Survey2Risks/L1ResourcePolicies/BusPolicy',
      ['resource-exposure/public-principal'],
    ],
    [
      'a CodeArtifact domain policy for every principal',
      'Survey2Risks/L1ResourcePolicies/Domain',
      ['resource-exposure/public-principal'],
    ],
    [
      'a queue inline policy (L1) for every principal',
      'Survey2Risks/L1ResourcePolicies/QueuePolicy',
      ['resource-exposure/public-principal'],
    ],
    [
      'an inline policy granting everything, written by AwsCustomResource (IAM putRolePolicy)',
      'Survey2Risks/SdkCallPolicies/Inline/Resource/Default',
      ['admin-access/full-access'],
    ],
    [
      'a trust for every principal, written by AwsCustomResource (IAM updateAssumeRolePolicy)',
      'Survey2Risks/SdkCallPolicies/Trust/Resource/Default',
      ['resource-exposure/public-principal'],
    ],
    [
      'a role an untrusted account assumes, created by AwsCustomResource (IAM createRole)',
      'Survey2Risks/SdkCallPolicies/CreateRole/Resource/Default',
      ['trust-policy/untrusted-account'],
    ],
    [
      'AdministratorAccess attached by AwsCustomResource (IAM attachRolePolicy)',
      'Survey2Risks/SdkCallPolicies/Attached/Resource',
      ['admin-access/full-access'],
    ],
    [
      'a topic policy for everyone, written by AwsCustomResource (SNS setTopicAttributes)',
      'Survey2Risks/SdkCallPolicies/TopicPolicy/Resource/Default',
      ['resource-exposure/public-principal'],
    ],
  ];
  // Each is found on that construct and annotated there, at its severity.
  test.each(risks)('%s', (_name, constructPath, ruleIds) => {
    expectAnnotatedRisk(app, constructPath, ruleIds);
  });

  test('a universal Scheduler target that may pass any role (its role is named by a hash)', () => {
    const role = app.findings.filter((f) => f.principal?.startsWith('Survey2Risks/SchedulerRoleForTarget-') === true);
    expect(role.map((f) => f.ruleId).sort()).toEqual([
      'privilege-escalation/pass-role-to-service',
      'privilege-escalation/pass-role-wildcard',
    ]);
  });

  test('the account of the key policy itself (`kms:CallerAccount` of the stack) is trusted', () => {
    expect(
      app.findings.filter((f) => f.ruleId === 'trust-policy/untrusted-account').map((f) => f.evidence),
    ).not.toContainEqual({ account: '111122223333' });
  });

  test('no input error and no failed rule', () => {
    expect(app.errors).toEqual([]);
    expect(app.findings.filter((f) => f.ruleId.startsWith('unverifiable/'))).toEqual([]);
  });

  test('the cdk-guard CLI on the cloud assembly reports what the Aspect reported, and fails', async () => {
    const { code, stdout } = await runCli([app.outdir, '--format', 'json', '--config', app.configFile]);
    expect(code).toBe(1);
    const cli = (JSON.parse(stdout) as { findings: Finding[] }).findings;
    expect(cli.map(key).sort()).toEqual(app.findings.map(key).sort());
  });
});
