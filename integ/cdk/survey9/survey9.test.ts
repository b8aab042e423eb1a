/**
 * The ninth survey (survey9-apps.ts, README.md): CDK apps on parts of aws-cdk-lib the earlier
 * surveys left out (Aurora with IAM auth and a proxy, DocumentDB, Redshift and Neptune roles, an
 * IoT topic rule, AppConfig, access and flow logs, Cognito triggers and SMS, a function URL with
 * IAM auth, an event archive, SNS FIFO to SQS FIFO, an ECR pull through cache, task tokens, an MQ
 * event source, ElastiCache IAM auth, ECS exec and Service Connect, S3 replication rules, KMS
 * alias grants, hosted rotation), synthesized once with the Aspect: the idioms get no finding,
 * the planted risks are reported on the construct that holds them, and the validation plugin and
 * the CLI on the assembly report what the Aspect does.
 */
import { expectAnnotatedRisk, expectParity, findingsAt, key, synthesize } from '../synthesize';
import type { Synthesized } from '../synthesize';
import { SURVEY9_CONFIG, SURVEY9_IDIOMS, SURVEY9_RISKS, survey9App, survey9RisksApp } from './survey9-apps';

// Synthesizing apps with VPCs, databases and load balancers takes seconds on a shared machine.
jest.setTimeout(240_000);

describe('survey9 idioms', () => {
  let app: Synthesized;
  beforeAll(() => {
    app = synthesize(survey9App, SURVEY9_CONFIG);
  });

  const idioms: [string, string][] = [
    ['Aurora with IAM auth, enhanced monitoring and a proxy; one function connects as `app`', 'AuroraIamAuth'],
    ['DocumentDB whose generated secret one function reads', 'DocumentDb'],
    ['a Redshift role (L1) loading from one bucket and unloading to another', 'RedshiftRoles'],
    ['Neptune (L1) with IAM auth: a loader role on one bucket, a function connecting', 'NeptuneIamAuth'],
    ['an IoT topic rule (L1) whose role sends to one queue', 'IotTopicRule'],
    [
      'AppConfig rolled back by an alarm (the role CDK creates), a function reading its configuration',
      'AppConfigMonitor',
    ],
    ["a load balancer's access logs to a bucket (the policy for the Region's ELB account)", 'AlbAccessLogs'],
    ['VPC flow logs to CloudWatch Logs (the role CDK creates) and to S3', 'VpcFlowLogs'],
    ['a user pool with a pre sign-up trigger and SMS MFA (the SMS role, held by an external id)', 'CognitoTriggersSms'],
    ['a function URL with IAM auth, `grantInvokeUrl` to one role', 'FunctionUrlIam'],
    ['an event bus with an archive, a producer putting events', 'EventArchive'],
    ['an SNS FIFO topic delivering to an SQS FIFO queue', 'FifoFanOut'],
    ['an ECR pull through cache rule with credentials, a build role pulling through its prefix', 'EcrPullThrough'],
    ['`grantStartExecution`, `grantTaskResponse` and `grantRead` of a state machine', 'TaskTokens'],
    ['an Amazon MQ event source reading its broker and its credentials secret', 'MqEventSource'],
    ['an ElastiCache serverless cache with an IAM user; a function connects as it', 'CacheIamAuth'],
    ['an ECS service with ECS exec (the SSM channels on `*`) and Service Connect', 'EcsExecServiceConnect'],
    ['S3 replication with `replicationRules` (the role CDK creates)', 'S3Replication'],
    ['`alias.grantDecrypt` and `key.grantEncryptDecrypt`', 'KmsAliasGrants'],
    // Was `unverifiable/unresolved-policy` without a construct: aws-cdk-lib 2.276 writes the
    // transform `AWS::SecretsManager-2024-09-16`, read as a macro that may add any IAM.
    ['a secret rotated by a hosted rotation function', 'HostedRotation'],
  ];
  test.each(idioms)('%s: no finding', (_name, name) => {
    expect(app.paths.has(`Survey9/${name}`)).toBe(true);
    expect(findingsAt(app.findings, `Survey9/${name}`).map(key)).toEqual([]);
  });

  test('every idiom of the app is judged here', () => {
    const judged = new Set(idioms.map(([, name]) => name));
    expect(Object.keys(SURVEY9_IDIOMS).filter((name) => !judged.has(name))).toEqual([]);
  });

  test('the service roles of the cases are checked, those CDK creates included', () => {
    expect(app.principals).toEqual(
      expect.arrayContaining([
        'Survey9/AuroraIamAuth/Db/MonitoringRole',
        'Survey9/RedshiftRoles/CopyRole',
        'Survey9/NeptuneIamAuth/LoaderRole',
        'Survey9/IotTopicRule/RuleRole',
        'Survey9/VpcFlowLogs/Vpc/ToLogs/IAMRole',
        'Survey9/CognitoTriggersSms/Users/smsRole',
        'Survey9/EcsExecServiceConnect/Task/TaskRole',
      ]),
    );
  });

  test('the Aspect, the plugin and the CLI find nothing', async () => {
    await expectParity(app, survey9App, SURVEY9_CONFIG, []);
  });
});

describe('survey9 planted risks', () => {
  let app: Synthesized;
  beforeAll(() => {
    app = synthesize(survey9RisksApp, SURVEY9_CONFIG);
  });

  // The case, what a reviewer refuses, the construct the findings are on, and their rules.
  const risks: [string, string, string, string[]][] = [
    [
      'UrlForAnyone',
      '`grantInvokeUrl(new AnyPrincipal())` on a URL with IAM auth: any principal of any account',
      'Survey9Risks/UrlForAnyone/Api/InvokeFunctionUrlAnyPrincipal()',
      ['resource-exposure/public-principal'],
    ],
    [
      'UrlForAnyone',
      'the same grant: `lambda:InvokeFunction` for anyone, through the URL',
      'Survey9Risks/UrlForAnyone/Api/InvokeFunctionUrlAnyPrincipal()-DualAuth',
      ['resource-exposure/public-principal'],
    ],
    [
      'FlowLogRoleStar',
      'a flow log role written with every action on every resource',
      'Survey9Risks/FlowLogRoleStar/FlowRole/DefaultPolicy/Resource',
      ['admin-access/full-access'],
    ],
    [
      'KeyForStranger',
      '`key.grantDecrypt(new AccountPrincipal(...))` for an account nobody trusts',
      'Survey9Risks/KeyForStranger/Key/Resource',
      ['trust-policy/untrusted-account'],
    ],
    [
      'IotRulePassAnyRole',
      'an IoT topic rule role that may pass any role',
      'Survey9Risks/IotRulePassAnyRole/RuleRole/DefaultPolicy/Resource',
      ['privilege-escalation/pass-role-wildcard'],
    ],
    [
      'PrincipalChosenAtDeploy',
      "a permission (L1) whose principal is `Fn.conditionIf(isPublic, '*', account)` (it was unverifiable as a whole)",
      'Survey9Risks/PrincipalChosenAtDeploy/Invoke',
      ['resource-exposure/public-principal'],
    ],
  ];
  test.each(risks)('%s: %s, annotated on the construct', (_case, _name, at, ruleIds) => {
    expectAnnotatedRisk(app, at, ruleIds);
  });

  test('every case of the app is judged, and the Aspect, the plugin and the CLI report only these', async () => {
    const judged = new Set(risks.map(([name]) => name));
    expect(Object.keys(SURVEY9_RISKS).filter((name) => !judged.has(name))).toEqual([]);
    const expected = [...new Set(risks.flatMap(([, , at, ruleIds]) => ruleIds.map((r) => `${r} @ ${at}`)))];
    await expectParity(app, survey9RisksApp, SURVEY9_CONFIG, expected);
  });
});
