/**
 * The thirtieth survey (survey30-apps.ts, README.md): grants and roles of constructs the earlier
 * surveys left out, synthesized once with the Aspect under a configuration that requires the
 * organization's boundary. The idioms get no finding but what aws-cdk-lib writes wider than the
 * grant needs; the risks a user plants on the same constructs are reported on the construct that
 * holds them, errors failing the synthesis; the validation plugin, the CLI on the assembly and the
 * CLI on one template report what the Aspect does.
 */
import * as path from 'node:path';
import type { Finding } from '@iamgate/core';
import { runCli } from '../run-cli';
import { expectAnnotatedRisk, expectParity, findingsAt, key, synthesize } from '../synthesize';
import type { Synthesized } from '../synthesize';
import { SURVEY30_CONFIG, survey30App, survey30Idioms, survey30Risks } from './survey30-apps';

// One app of two stacks (and the pipeline's support stack), synthesized twice: seconds each.
jest.setTimeout(240_000);

const SUPPORT = 'cross-account-support-stack-444455556666/Survey30CrossAccountDeployPipeline7F066749-Deploy-Partner';

/** What aws-cdk-lib writes wider than the grant needs, each read by hand and kept. */
const WIDE = [
  'resource-exposure/confused-deputy @ Survey30/AppSyncDataSources/Authorizer/Api-appsync',
  'wildcard-resource/write-on-star @ Survey30/SfnAthenaControl/Machine/Role/DefaultPolicy/Resource',
  ...Array.from(
    { length: 4 },
    () => 'wildcard-resource/write-on-star @ Survey30/SfnEmrClusterControl/Machine/Role/DefaultPolicy/Resource',
  ),
  `data-exfiltration/unscoped-read @ ${SUPPORT}-ActionRole/DefaultPolicy/Resource`,
  `data-exfiltration/unscoped-read @ ${SUPPORT}-DeploymentRole/DefaultPolicy/Resource`,
];

describe('survey30', () => {
  let app: Synthesized;
  beforeAll(() => {
    app = synthesize(survey30App, SURVEY30_CONFIG);
  });
  const at = (construct: string): string[] => findingsAt(app.findings, construct).map(key).sort();

  const idioms: [string, string][] = [
    ['`EmrContainersStartJobRun`: the job role it creates, its trust rewritten by a singleton function', 'SfnEmrOnEks'],
    ['`CallApiGatewayHttpApiEndpoint` on an HTTP API of the stack', 'SfnHttpApiCall'],
    ['`BedrockInvokeModel` with a guardrail', 'SfnBedrockGuardrail'],
    ['rule targets: a Batch job, an AppSync mutation, a pipeline, a Redshift query, an HTTP API', 'EventTargetsMore'],
    [
      'a schedule starting an Inspector assessment (`inspector:StartAssessmentRun` acts on `*` only)',
      'InspectorSchedule',
    ],
    ['HTTP API routes to SQS, EventBridge and a private ALB; `route.grantInvoke`', 'HttpApiServiceIntegrations'],
    [
      'a WebSocket API: DynamoDB integration role, Lambda authorizer, `grantManagementApiAccess`, `grantManageConnections`',
      'WebSocketApiIntegrations',
    ],
    ['an Events API: `grantConnect`, `grantPublishAndSubscribe` of a channel namespace', 'EventApiGrants'],
    ['a Glue table on a bucket under a key: `grantRead`, `grantWrite` to a streaming job', 'GlueTables'],
    ['Firehose to S3 under a customer key, the stream under another; `grantPutRecords`', 'FirehoseEncrypted'],
    ['event sources failing to S3 and SNS; Kafka with a Glue schema registry', 'EventSourceFailures'],
    ['SES receipt rules: S3 under a key, SNS, bounce, stop, WorkMail', 'SesReceiptActions'],
    [
      'CloudFront: an origin group of two buckets, a writable bucket, a function URL, realtime logs',
      'CloudFrontOrigins',
    ],
  ];
  test.each(idioms)('%s: no finding', (_name, name) => {
    expect(app.paths.has(`Survey30/${name}`)).toBe(true);
    expect(at(`Survey30/${name}`)).toEqual([]);
  });

  const risks: [string, string, string[]][] = [
    [
      '`addToRolePolicy` of `athena:*` and `s3:*` on `*` to a state machine',
      'Survey30Risks/AthenaAnything/Machine/Role/DefaultPolicy/Resource',
      ['resource-exposure/policy-change', 'wildcard-action/service-wildcard', 'data-exfiltration/unscoped-read'],
    ],
    [
      '`grantPassRole` of every role of the account to a state machine',
      'Survey30Risks/EmrJobPassAnyRole/Machine/Role/DefaultPolicy/Resource',
      ['privilege-escalation/pass-role-wildcard'],
    ],
    [
      'a bucket policy for CloudFront without `AWS:SourceArn`',
      'Survey30Risks/OacWithoutSourceArn/Site/Policy/Resource',
      ['resource-exposure/public-principal'],
    ],
    [
      '`addToResourcePolicy` letting anyone send to a queue',
      'Survey30Risks/InboxForAnyone/Inbox/Policy/Resource',
      ['resource-exposure/public-principal'],
    ],
    [
      '`*` on `*` added to a Glue job role',
      'Survey30Risks/GlueJobAdmin/JobRole/DefaultPolicy/Resource',
      ['admin-access/full-access'],
    ],
    [
      'a role whose boundary the user cleared',
      'Survey30Risks/UnboundedJobRole/JobRole/Resource',
      ['boundary/missing-required'],
    ],
  ];

  test('every idiom and every planted risk of the app is judged here', () => {
    const judged = new Set([
      ...idioms.map(([, name]) => name),
      'AppSyncDataSources',
      'SfnAthenaControl',
      'SfnEmrClusterControl',
      'CrossAccountDeploy',
    ]);
    expect(Object.keys(survey30Idioms(() => undefined as never)).filter((name) => !judged.has(name))).toEqual([]);
    const planted = new Set(risks.map(([, at]) => at.split('/')[1]));
    expect(Object.keys(survey30Risks()).filter((name) => !planted.has(name))).toEqual([]);
  });

  test('the roles these constructs create are checked, each with the boundary the app applies', () => {
    expect(app.principals).toEqual(
      expect.arrayContaining([
        'Survey30/SfnEmrOnEks/Spark/Job-Execution-Role',
        'Survey30/EventTargetsMore/Job/EventsRole',
        'Survey30/EventTargetsMore/Rule/EventsRole',
        'Survey30/HttpApiServiceIntegrations/Api/POST--orders/InvokeRole',
        'Survey30/AppSyncDataSources/Api/Sfn/ServiceRole',
        'Survey30/FirehoseEncrypted/Stream/S3 Destination Role',
        'Survey30/CloudFrontOrigins/Realtime/RealtimeLogKinesisRole',
        `${SUPPORT}-ActionRole`,
      ]),
    );
    expect(app.principals.some((p) => p.startsWith('Survey30/SchedulerRoleForTarget-'))).toBe(true);
    // Only the role whose boundary the user cleared lacks it.
    expect(app.findings.filter((f) => f.ruleId.startsWith('boundary/missing')).map(key)).toEqual([
      'boundary/missing-required @ Survey30Risks/UnboundedJobRole/JobRole/Resource',
    ]);
  });

  test('an AppSync Lambda authorizer: aws-cdk-lib lets `appsync.amazonaws.com` invoke it for any API', () => {
    expect(at('Survey30/AppSyncDataSources')).toEqual([WIDE[0]]);
    expect(findingsAt(app.findings, 'Survey30/AppSyncDataSources')[0]?.severity).toBe('warning');
  });

  test('Athena and EMR tasks: stopping any query, changing and terminating every cluster of the account', () => {
    expect(at('Survey30/SfnAthenaControl')).toEqual([WIDE[1]]);
    const emr = findingsAt(app.findings, 'Survey30/SfnEmrClusterControl');
    expect(emr.map((f) => f.message)).toEqual(
      ['SetTerminationProtection', 'ModifyInstanceFleet', 'CancelSteps', 'TerminateJobFlows'].map(
        (action) =>
          `role \`Survey30/SfnEmrClusterControl/Machine/Role\` may write to every resource matching \`arn:aws:elasticmapreduce:us-east-1:111122223333:cluster/*\` with \`elasticmapreduce:${action}\`, which can be scoped to resources`,
      ),
    );
  });

  test("the pipeline's support stack in the partner account: its roles trust one pipeline role; they decrypt with any key", () => {
    expect(app.findings.filter((f) => f.ruleId.startsWith('trust-policy/'))).toEqual([]);
    expect(at('cross-account-support-stack-444455556666')).toEqual(WIDE.slice(6));
  });

  test.each(risks)('%s: reported and annotated on the construct', (_name, constructPath, ruleIds) => {
    expectAnnotatedRisk(app, constructPath, ruleIds);
  });

  test('a bucket policy for CloudFront without a source is public, an error that names the pattern of the account', () => {
    const found = findingsAt(app.findings, 'Survey30Risks/OacWithoutSourceArn');
    expect(found.map((f) => `${f.ruleId} ${f.severity}`)).toEqual(['resource-exposure/public-principal error']);
    expect(found[0]?.message).toContain(
      'any CloudFront distribution, of any account, may read its objects on behalf of anyone on the internet; bind it with `ArnLike` `aws:SourceArn` `arn:aws:cloudfront::111122223333:distribution/*`',
    );
  });

  test('`cdk-guard` on the risks template alone: exit 1 and the findings of the Aspect on that stack', async () => {
    const template = path.join(app.outdir, 'Survey30Risks.template.json');
    const { code, stdout } = await runCli([template, '--format', 'json', '--config', app.configFile]);
    const findings = (JSON.parse(stdout) as { findings: Finding[] }).findings;
    expect(code).toBe(1);
    // A template alone holds no construct paths: compared by logical id.
    const byLogicalId = (f: Finding): string => `${f.ruleId} @ ${f.location.logicalId ?? '?'}`;
    const aspect = findingsAt(app.findings, 'Survey30Risks').map(byLogicalId).sort();
    expect(aspect.every((k) => !k.endsWith(' @ ?'))).toBe(true);
    expect(findings.map(byLogicalId).sort()).toEqual(aspect);
  });

  test('the validation plugin and `cdk-guard cdk.out` report what the Aspect does; the errors fail the synthesis', async () => {
    const risky = app.findings.filter((f) => f.location.constructPath?.startsWith('Survey30Risks/')).map(key);
    expect(risky.length).toBeGreaterThan(10);
    await expectParity(app, survey30App, SURVEY30_CONFIG, [...WIDE, ...risky]);
  });
});
