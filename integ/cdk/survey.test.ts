/**
 * The survey of aws-cdk-lib constructs the other audits do not cover (survey-apps.ts), each app
 * synthesized once with the Aspect: least-privilege idioms get no finding, what aws-cdk-lib writes
 * that is a real risk is reported with the reason it is kept, planted risks are reported on their
 * construct, and the CLI on the written cloud assembly agrees. The idioms app is synthesized again
 * with the feature flags a new project gets.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Finding } from '@iamgate/core';
import { CURRENTLY_RECOMMENDED_FLAGS } from 'aws-cdk-lib/cx-api';
import { runCli } from './run-cli';
import { expectAnnotatedRisk, findingsAt, key, synthesize } from './synthesize';
import type { Synthesized } from './synthesize';
import { SURVEY_CONFIG, surveyApp, surveyRisksApp } from './survey-apps';

describe('survey idioms', () => {
  let app: Synthesized;
  beforeAll(() => {
    app = synthesize(surveyApp, SURVEY_CONFIG);
  });

  // Each construct wires IAM the way aws-cdk-lib and AWS document it: no finding on it or below it.
  const idioms: [string, string][] = [
    [
      'Lambda permissions with a source ARN and account, for the organization and a trusted account; IAM function URLs, grantInvokeUrl, alias, latest version, composite principal',
      'Survey/LambdaPermissions',
    ],
    ['Lambda destinations (SQS, EventBridge, Lambda) and a dead-letter topic', 'Survey/LambdaDestinations'],
    ['HTTP API with a Lambda integration and authorizer; WebSocket API, grantManagementApiAccess', 'Survey/HttpApi'],
    ['REST API token authorizer, an SQS integration with a credentials role', 'Survey/RestAuthorizer'],
    [
      'alarm -> Lambda (lambda.alarms.cloudwatch.amazonaws.com with source ARN and account), log subscription -> Lambda',
      'Survey/ServiceTargets',
    ],
    ['SES receipt rule: S3 (aws:SourceAccount), Lambda, SNS', 'Survey/SesReceipt'],
    [
      "EFS: the policy aws-cdk-lib adds with a grant (`Principal: *`, no `Resource`, through the file system's mount targets), grantRead/grantReadWrite, a function mounting an access point",
      'Survey/Efs',
    ],
    ['OpenSearch domain grantReadWrite, grantIndexRead, grantPathRead', 'Survey/OpenSearch'],
    ['CodeBuild report group grantWrite, build-spec reports, batch builds', 'Survey/CodeBuildReports'],
    ['a key shared with a trusted account (grantEncryptDecrypt)', 'Survey/CrossAccountKms/Key'],
    ['a secret shared with a trusted account (grantRead)', 'Survey/CrossAccountKms/Shared'],
    ['Secret.grantWrite', 'Survey/CrossAccountKms/Rotator'],
    ['Key.grantAdmin: administers one key', 'Survey/CrossAccountKms/KeyAdmin/DefaultPolicy'],
    [
      'grantPassRole of an imported role, grantAssumeRole, a service trust with aws:SourceAccount, SAML console federation',
      'Survey/Trust',
    ],
    ['EventBridge Scheduler: SQS with a DLQ, Step Functions, Fargate task, event bus targets', 'Survey/Scheduler'],
    [
      'DynamoDB get/update/delete, SNS and EventBridge tasks, a customer managed key, grantStartExecution/Read/Execution/StartSyncExecution',
      'Survey/SfnMore',
    ],
    ['encrypted topic, grantPublish', 'Survey/EncryptedMessaging/Topic'],
    ['the encrypted queue subscribed to the topic, with a DLQ', 'Survey/EncryptedMessaging/Queue'],
    ['CloudFront with an origin access identity (`CanonicalUser` principal)', 'Survey/S3Idioms/Site'],
    ['the bucket whose inventory is delivered', 'Survey/S3Idioms/Data'],
    ['a bucket read by a trusted account', 'Survey/S3Idioms/Shared'],
    ['event bus, topic, queue and KMS-encrypted bucket shared with a trusted account', 'Survey/SharedWithPartner'],
    [
      'PutMetricData (only `*`), log group read, parameter write, ECR pull/push, encrypted stream, TableV2 data and stream, SES send, activity, asset read',
      'Survey/PlainGrants',
    ],
    ['an instance with CloudFormation init and signals', 'Survey/Ec2Init'],
    ['private registry credentials, TaskDefinition.grantRun', 'Survey/EcsExtras'],
    ['VPC flow log bucket', 'Survey/LogDelivery/FlowLogs'],
    ['a trail key', 'Survey/LogDelivery/TrailKey'],
    ['Route 53 grantDelegation to a role a trusted account assumes with an external id', 'Survey/ZoneDelegation'],
    ['AwsCustomResource ANY_RESOURCE for an action that only accepts `*`', 'Survey/DescribeAnyResource'],
    ['Cognito grant, custom email sender and its key', 'Survey/CognitoExtras'],
    ['RDS S3 import/export roles, enhanced monitoring', 'Survey/RdsExtras'],
    [
      'CloudFront origin access control for a function URL (permissions with the distribution ARN) and a KMS-encrypted bucket (key policy on `distribution/*` of the account)',
      'Survey/CloudFrontOac',
    ],
    [
      'a stream, a table and a log destination shared with a trusted account through their resource policies',
      'Survey/ResourcePolicies',
    ],
    ['Lambda Insights and MSK managed policies, a Firehose stream with a customer managed key', 'Survey/LambdaExtras'],
    ['CodePipeline V2: manual approval with a topic, Step Functions invoke, commands action', 'Survey/PipelineActions'],
    ['EventBridge rule -> Firehose', 'Survey/EventTargetsMore'],
    [
      'an imported KMS alias granted to a role (applyImportedAliasPermissionsToPrincipal: keys of the account, by the alias)',
      'Survey/ImportedAlias',
    ],
    [
      'IAM-authorized APIs: HTTP route grantInvoke, REST Method.grantExecute, EventBridge -> API Gateway',
      'Survey/ApiExecute',
    ],
    [
      'Google web identity federation for one application (`accounts.google.com:aud`); session tags from a trusted account of the organization',
      'Survey/Federation',
    ],
    [
      'Step Functions creating a schedule (PassRole of its role to the scheduler), an SDK call in another region',
      'Survey/SfnSchedulesAndRegions',
    ],
    ['AppSync EventBridge data source, HTTP data source signed for Step Functions', 'Survey/AppSyncMore'],
    [
      'Deny statements for `Principal: *`: TLS only and a minimum TLS version (bucket), TLS only (queue, topic), recovery points kept (backup vault)',
      'Survey/Denies',
    ],
    [
      'VPC endpoint policies with `Principal: *` on one bucket and one queue (a filter, not a grant)',
      'Survey/VpcEndpoints',
    ],
    ['instance user data downloading from a bucket, the instance granted read', 'Survey/InstanceUserData'],
    [
      'event bus and queue shared with the organization, a topic S3 publishes to with aws:SourceArn and aws:SourceAccount',
      'Survey/OrgShares',
    ],
    ['CodeBuild with an ECR build image, an S3 cache, logs to S3', 'Survey/CodeBuildImages'],
    [
      'a permission for any principal limited by aws:SourceAccount, an S3 permission with aws:SourceAccount, a domain policy (set by a custom resource) limited to public addresses',
      'Survey/NearMisses',
    ],
    [
      "a REST API's account CloudWatch role (AmazonAPIGatewayPushToCloudWatchLogs), a launch template role, SNS delivery status logging role (AmazonSNSRole)",
      'Survey/Misc',
    ],
  ];
  test.each(idioms)('%s: no finding', (_name, construct) => {
    expect(app.paths.has(construct)).toBe(true);
    expect(findingsAt(app.findings, construct).map(key)).toEqual([]);
  });

  // Real, if written by aws-cdk-lib: a developer can act on each or suppress it with a reason.
  const real: [string, string, string][] = [
    [
      'SqsSubscription to a queue with a customer managed key: the key lets sns.amazonaws.com use it for any topic of any account',
      'resource-exposure/confused-deputy',
      'Survey/EncryptedMessaging/QueueKey/Resource',
    ],
    [
      'S3 inventory: the destination bucket admits s3.amazonaws.com on `aws:SourceArn` of a bucket (no account in its ARN) without `aws:SourceAccount`, which the S3 documentation adds',
      'resource-exposure/confused-deputy',
      'Survey/S3Idioms/Reports/Policy/Resource',
    ],
    [
      'CloudTrail bucket policy without `aws:SourceArn` (as in idioms.test.ts)',
      'resource-exposure/confused-deputy',
      'Survey/LogDelivery/Trail/S3/Policy/Resource',
    ],
    [
      'a key administrator role assumable by the whole account (AccountRootPrincipal)',
      'trust-policy/account-root',
      'Survey/CrossAccountKms/KeyAdmin/Resource',
    ],
    [
      'state machine logs encrypted with a key of the stack: the key lets delivery.logs.amazonaws.com decrypt for any account (no aws:SourceAccount or aws:SourceArn)',
      'resource-exposure/confused-deputy',
      'Survey/SfnEncryptedLogs/Key/Resource',
    ],
    // Arguably either: aws-cdk-lib writes the condition of the Step Functions guide, `StringEquals`
    // on `kms:EncryptionContext:SourceArn` with `arn:aws:logs:<region>:<account>:*`. If the context
    // CloudWatch Logs sends is that text, the advice (`StringLike`) changes nothing; if it is the ARN
    // of a log group, the grant never applies. A warning, to suppress with that reason.
    [
      'state machine logs encrypted: `StringEquals` with a `*` on kms:EncryptionContext:SourceArn (a warning)',
      'policy-validity/condition-type-mismatch',
      'Survey/SfnEncryptedLogs/Machine/Role/DefaultPolicy/Resource',
    ],
    [
      'BatchSubmitJob: batch:SubmitJob on every job definition of the account runs code as the job role of any of them',
      'privilege-escalation/run-as-existing-role',
      'Survey/SfnTasks/Machine/Role/DefaultPolicy/Resource',
    ],
    // An info: `grantRead(role, ['AWSCURRENT'])` puts `secretsmanager:DescribeSecret` under the
    // `secretsmanager:VersionStage` condition, a key only requests for a version carry, so the role
    // may never describe the secret (the access denied users of that idiom meet).
    [
      'Secret.grantRead of one version stage: DescribeSecret is never allowed (an info)',
      'policy-validity/unknown-condition-key',
      'Survey/CrossAccountKms/Current/DefaultPolicy/Resource',
    ],
  ];
  test.each(real)('%s', (_name, ruleId, constructPath) => {
    expect(app.findings.map(key)).toContain(`${ruleId} @ ${constructPath}`);
  });

  test('HttpInvoke: the `states:HTTPEndpoint` condition AWS documents is not reported; only the Batch statement is', () => {
    const role = findingsAt(app.findings, 'Survey/SfnTasks/Machine/Role');
    expect(role.map((f) => [f.ruleId, f.location.pointer])).toEqual([
      ['privilege-escalation/run-as-existing-role', '/Statement/3'],
    ]);
  });

  test('no finding anywhere else, no input error, no unverifiable', () => {
    const expected = real.map(([, ruleId, at]) => `${ruleId} @ ${at}`);
    expect([...new Set(app.findings.map(key))].sort()).toEqual([...new Set(expected)].sort());
    expect(app.errors).toEqual([]);
    // aws-cdk-lib's plain table and stream grants add the stream reads on the table ARN and the
    // consumer actions on the stream ARN, which act on nothing: accepted by the cdk-guard default.
    expect([...new Set(app.suppressed.map((f) => `${key(f)} (${f.suppression.source})`))]).toEqual([
      'policy-validity/resource-mismatch @ Survey/PlainGrants/Role/DefaultPolicy/Resource (cdk-guard default: importedStreamReads)',
    ]);
    expect(app.messages.filter(([, , m]) => m.startsWith('[iamgate]'))).toEqual([]);
  });

  test('the cdk-guard CLI on the cloud assembly reports what the Aspect did', async () => {
    const { stdout } = await runCli([app.outdir, '--format', 'json', '--config', app.configFile]);
    const cli = JSON.parse(stdout) as { findings: Finding[] };
    expect(cli.findings.map(key).sort()).toEqual(app.findings.map(key).sort());
  });
});

// What `cdk init` writes into cdk.json: the recommended feature flags change the IAM aws-cdk-lib
// writes (policies minimized, stricter defaults). The two flags that turn annotations and
// CloudFormation validation into synthesis errors are left off, so that the findings are read.
const CDK_INIT_CONTEXT = {
  ...CURRENTLY_RECOMMENDED_FLAGS,
  '@aws-cdk/core:annotationsInValidationReport': false,
  '@aws-cdk/core:validateAgainstDefaultRules': false,
};

describe('survey idioms with the feature flags of a new project', () => {
  test('the same findings, but for the queue key: restrictSqsDescryption adds `aws:SourceArn` of the topic', () => {
    const app = synthesize((props) => surveyApp({ ...props, context: CDK_INIT_CONTEXT }), SURVEY_CONFIG);
    expect([...new Set(app.findings.map(key))].sort()).toEqual(
      [
        'resource-exposure/confused-deputy @ Survey/S3Idioms/Reports/Policy/Resource',
        'resource-exposure/confused-deputy @ Survey/LogDelivery/Trail/S3/Policy/Resource',
        'trust-policy/account-root @ Survey/CrossAccountKms/KeyAdmin/Resource',
        'privilege-escalation/run-as-existing-role @ Survey/SfnTasks/Machine/Role/DefaultPolicy/Resource',
        'resource-exposure/confused-deputy @ Survey/SfnEncryptedLogs/Key/Resource',
        'policy-validity/condition-type-mismatch @ Survey/SfnEncryptedLogs/Machine/Role/DefaultPolicy/Resource',
        'policy-validity/unknown-condition-key @ Survey/CrossAccountKms/Current/DefaultPolicy/Resource',
      ].sort(),
    );
    expect(app.errors).toEqual([]);
  });
});

describe('survey risks', () => {
  let app: Synthesized;
  beforeAll(() => {
    app = synthesize(surveyRisksApp, SURVEY_CONFIG);
  });

  const risks: [string, string, string[]][] = [
    [
      'iam:PassRole on `*` added to a CodeBuild project role',
      'SurveyRisks/CodeBuildPassRole/Project/Role/DefaultPolicy/Resource',
      ['privilege-escalation/pass-role-wildcard'],
    ],
    [
      'GitHub OIDC (OpenIdConnectPrincipal) without a `sub` condition',
      'SurveyRisks/GithubOidc/NoSub/Resource',
      ['trust-policy/oidc-missing-sub'],
    ],
    [
      'GitHub OIDC with `sub` `repo:acme/*`: every repository of the owner',
      'SurveyRisks/GithubOidc/AnyRepo/Resource',
      ['trust-policy/oidc-broad-subject'],
    ],
    [
      'a function URL without authentication on an alias',
      'SurveyRisks/PublicFunction/Live/FunctionUrl/Resource',
      ['resource-exposure/public-principal'],
    ],
    [
      'its permission to invoke the URL',
      'SurveyRisks/PublicFunction/Live/invoke-function-url',
      ['resource-exposure/public-principal'],
    ],
    [
      'its permission to invoke the function through the URL',
      'SurveyRisks/PublicFunction/Live/invoke-function',
      ['resource-exposure/public-principal'],
    ],
    [
      'addPermission for AnyPrincipal',
      'SurveyRisks/PublicFunction/Open/Anyone',
      ['resource-exposure/public-principal'],
    ],
    ['publicReadAccess: true', 'SurveyRisks/PublicBucket/Site/Policy/Resource', ['resource-exposure/public-principal']],
    [
      'grantPublicAccess on a prefix',
      'SurveyRisks/PublicBucket/Downloads/Policy/Resource',
      ['resource-exposure/public-principal'],
    ],
    [
      'a key any principal may decrypt with',
      'SurveyRisks/PublicKeyAndSecret/Key/Resource',
      ['resource-exposure/public-principal'],
    ],
    [
      'a secret any principal may read',
      'SurveyRisks/PublicKeyAndSecret/Secret/Policy/Resource',
      ['resource-exposure/public-principal'],
    ],
    [
      'a key shared with an account the configuration does not trust',
      'SurveyRisks/UntrustedAccount/Key/Resource',
      ['trust-policy/untrusted-account'],
    ],
    [
      'a role an untrusted account assumes, external id or not',
      'SurveyRisks/UntrustedTrust/Role/Resource',
      ['trust-policy/untrusted-account'],
    ],
    [
      'AwsCustomResource ANY_RESOURCE for s3:PutBucketPolicy: any bucket policy of the account',
      'SurveyRisks/CustomResourceWrite/OpenBucket/CustomResourcePolicy/Resource',
      ['resource-exposure/policy-change', 'wildcard-resource/write-on-star'],
    ],
    [
      'a Glue job role with AmazonS3FullAccess beside AWSGlueServiceRole',
      'SurveyRisks/GlueS3Full/Role/Resource',
      [
        'data-exfiltration/unscoped-read',
        'resource-exposure/policy-change',
        'wildcard-action/service-wildcard',
        'privilege-escalation/run-as-existing-role',
      ],
    ],
    [
      'AwsCustomResource putBucketPolicy with a public policy: the policy it sets is read as a bucket policy',
      'SurveyRisks/CustomResourceWrite/OpenBucket/Resource/Default',
      ['resource-exposure/public-principal'],
    ],
    [
      'an OpenSearch domain open to everyone (accessPolicies, set by a custom resource)',
      'SurveyRisks/OpenDomain/Search/AccessPolicy/Resource/Default',
      ['resource-exposure/public-principal'],
    ],
    [
      'ECR repository grantPull to AnyPrincipal',
      'SurveyRisks/GrantsToAnyone/Images/Resource',
      ['resource-exposure/public-principal'],
    ],
    [
      'topic grantSubscribe to AnyPrincipal',
      'SurveyRisks/GrantsToAnyone/Topic/Policy/Resource',
      ['resource-exposure/public-principal'],
    ],
    [
      'an IAM-auth function URL granted to AnyPrincipal',
      'SurveyRisks/GrantsToAnyone/Fn/InvokeFunctionUrlAnyPrincipal()',
      ['resource-exposure/public-principal'],
    ],
    [
      'ecs:RunTask and iam:PassRole on `*`',
      'SurveyRisks/ServiceEscalation/Role/DefaultPolicy/Resource',
      ['privilege-escalation/pass-role-to-service', 'privilege-escalation/pass-role-wildcard'],
    ],
    [
      'sts:AssumeRole on `*`',
      'SurveyRisks/ServiceEscalation/Hopper/DefaultPolicy/Resource',
      ['privilege-escalation/assume-any-role'],
    ],
    [
      'a secret granted to a role of an untrusted account',
      'SurveyRisks/UntrustedReader/Secret/Policy/Resource',
      ['trust-policy/untrusted-account'],
    ],
    [
      'its key, granted to the same role',
      'SurveyRisks/UntrustedReader/Key/Resource',
      ['trust-policy/untrusted-account'],
    ],
    [
      'Google web identity federation without the application: any Google account',
      'SurveyRisks/GoogleAnyApp/Role/Resource',
      ['trust-policy/oidc-missing-sub'],
    ],
    [
      'an EFS policy letting any principal mount and write without the mount target condition',
      'SurveyRisks/EfsOpen/Files/Resource',
      ['resource-exposure/public-principal'],
    ],
  ];
  // Each is found on that construct and annotated there, at its severity.
  test.each(risks)('%s', (_name, constructPath, ruleIds) => {
    expectAnnotatedRisk(app, constructPath, ruleIds);
  });

  // Lambda permissions whose ids are hashes: found by the function they are on.
  const deputies: [string, string][] = [
    ['an ALB Lambda target: elasticloadbalancing.amazonaws.com without the target group ARN', 'ServiceDeputy/Fn'],
    ['addPermission for sns.amazonaws.com without a source ARN', 'ServiceDeputy/Hook'],
    ['grantInvoke to apigateway.amazonaws.com without a source ARN', 'ApiGatewayInvoke/Fn'],
  ];
  test.each(deputies)('%s: a confused deputy', (_name, construct) => {
    expect(findingsAt(app.findings, `SurveyRisks/${construct}`).map((f) => f.ruleId)).toEqual([
      'resource-exposure/confused-deputy',
    ]);
  });

  test('the open EFS statement is reported, not the default one aws-cdk-lib adds after it', () => {
    const template = JSON.parse(readFileSync(path.join(app.outdir, 'SurveyRisks.template.json'), 'utf8')) as {
      Resources: Record<string, { Type: string; Properties?: { FileSystemPolicy?: { Statement: unknown[] } } }>;
    };
    const statements = Object.values(template.Resources).find((r) => r.Type === 'AWS::EFS::FileSystem')?.Properties
      ?.FileSystemPolicy?.Statement;
    expect(statements?.[1]).toMatchObject({
      Principal: { AWS: '*' },
      Condition: { Bool: { 'elasticfilesystem:AccessedViaMountTarget': 'true' } },
    });
    const efs = findingsAt(app.findings, 'SurveyRisks/EfsOpen');
    expect(efs.map((f) => [f.ruleId, f.location.pointer])).toEqual([
      ['resource-exposure/public-principal', '/Statement/0'],
    ]);
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
