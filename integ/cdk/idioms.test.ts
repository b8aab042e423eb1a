/**
 * The CDK idioms audit: apps written the way application teams write them (idiom-apps.ts),
 * synthesized once each with the Aspect. Least-privilege idioms get no finding; risky patterns
 * get the right rule on the right construct; the CLI on the written cloud assembly agrees.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Aspects } from 'aws-cdk-lib';
import type { App } from 'aws-cdk-lib';
import type { CloudAssembly } from 'aws-cdk-lib/cx-api';
import type { Finding, SuppressedFinding } from '@iamgate/core';
import * as iam from 'aws-cdk-lib/aws-iam';
import { IamGuardAspect } from '../../packages/cdk-guard/src/cdk/aspect';
import type { IamGuardProps } from '../../packages/cdk-guard/src/guard';
import { runCli } from './run-cli';
import { IDIOMS_CONFIG, idiomsApp, pipelineApp, riskyIdiomsApp, stagedApp } from './idiom-apps';

interface Synthesized {
  readonly findings: readonly Finding[];
  readonly suppressed: readonly SuppressedFinding[];
  readonly errors: readonly unknown[];
  /** `[level, construct path, message]` of the assembly's annotations. */
  readonly messages: readonly [string, string, string][];
  /** Ids of the principals the guard extracted. */
  readonly principals: readonly string[];
  /** Paths of every construct of the app. */
  readonly paths: ReadonlySet<string>;
  readonly outdir: string;
  readonly configFile: string;
}

const outdirs: string[] = [];
afterAll(() => {
  for (const dir of outdirs) rmSync(dir, { recursive: true, force: true });
});

function synthesize(make: (props: { outdir: string }) => App, config: IamGuardProps): Synthesized {
  const outdir = mkdtempSync(path.join(tmpdir(), 'cdk-idioms-'));
  outdirs.push(outdir);
  // aws-cdk-lib reports its own deprecations and validation notes on the console.
  const quiet = [jest.spyOn(console, 'warn'), jest.spyOn(console, 'error')].map((s) =>
    s.mockImplementation(() => undefined),
  );
  let app: App;
  let aspect: IamGuardAspect;
  let assembly: ReturnType<App['synth']>;
  try {
    app = make({ outdir });
    aspect = IamGuardAspect.addTo(app, config);
    assembly = app.synth();
  } finally {
    for (const s of quiet) s.mockRestore();
  }
  const report = aspect.report;
  if (report === undefined) throw new Error('the aspect did not run');
  const configFile = path.join(outdir, 'iamgate.config.json');
  writeFileSync(configFile, JSON.stringify(config));
  return {
    findings: report.result.findings,
    suppressed: report.result.suppressed,
    errors: [...report.result.errors, ...report.input.errors],
    messages: messagesOf(assembly),
    principals: report.input.principals.map((p) => p.id),
    paths: new Set(app.node.findAll().map((c) => c.node.path)),
    outdir,
    configFile,
  };
}

/** Annotations of the stacks of an assembly and of its nested assemblies (stages). */
function messagesOf(assembly: CloudAssembly): [string, string, string][] {
  return [
    ...assembly.stacks.flatMap((s) =>
      s.messages.map((m): [string, string, string] => [
        m.level,
        m.id.replace(/^\//, ''),
        typeof m.entry.data === 'string' ? m.entry.data : '',
      ]),
    ),
    ...assembly.nestedAssemblies.flatMap((n) => messagesOf(n.nestedAssembly)),
  ];
}

/** Findings on a construct or below it: by construct path, or by the principal they are about. */
function findingsAt(findings: readonly Finding[], construct: string): Finding[] {
  return findings.filter(
    (f) =>
      f.location.constructPath === construct ||
      f.location.constructPath?.startsWith(`${construct}/`) === true ||
      f.principal === construct,
  );
}

const key = (f: Finding): string => `${f.ruleId} @ ${f.location.constructPath ?? '?'}`;

describe('least-privilege idioms', () => {
  let app: Synthesized;
  beforeAll(() => {
    app = synthesize(idiomsApp, IDIOMS_CONFIG);
  });

  // Each construct wires services the way aws-cdk-lib does it: no finding on it or below it.
  const idioms: [string, string][] = [
    [
      'Lambda in a VPC, traced, with a DLQ, SQS/DynamoDB/Kinesis sources, secret, parameters, log group',
      'Idioms/Worker',
    ],
    ['S3 -> Lambda and S3 -> SQS notifications', 'Idioms/Uploads'],
    [
      'the BucketNotificationsHandler role (scoped to the bucket)',
      'Idioms/BucketNotificationsHandler050a0587b7544547bf325f094a3db834',
    ],
    [
      'Step Functions role: Lambda, DynamoDB, S3 SDK call on `*`, PassRole of the task roles',
      'Idioms/Checkout/Role/Resource',
    ],
    ['Fargate task role granted a queue', 'Idioms/Api/TaskRole'],
    [
      'Fargate execution role: ECR pull (`ecr:GetAuthorizationToken` on `*`), logs, imported secret',
      'Idioms/Api/ExecutionRole',
    ],
    ['CodeBuild project role', 'Idioms/Build'],
    ['CodePipeline role, action roles, artifact bucket (TLS-only deny) and key policy', 'Idioms/Pipeline'],
    ['API Gateway -> Lambda permissions', 'Idioms/Gateway'],
    ['private REST API: `Principal: *` with aws:SourceVpce, resources as `execute-api:/*`', 'Idioms/PrivateApi'],
    ['EventBridge rule -> Lambda, SQS, SNS, Step Functions', 'Idioms/Nightly'],
    ['Cognito trigger permission', 'Idioms/Users/PreSignUpCognito'],
    [
      'Cognito SMS role (`sns:Publish` on `*`, a role only Cognito assumes: no finding in core)',
      'Idioms/Users/smsRole',
    ],
    ['CloudFront origin access control, TLS-only bucket, access-log bucket', 'Idioms/Web'],
    ['server access log bucket policy', 'Idioms/AccessLogs'],
    ['BucketDeployment', 'Idioms/Custom::CDKBucketDeployment8693BB64968944B69AAFB0CC9EB8756C'],
    ['provider framework', 'Idioms/Seeder'],
    ['AwsCustomResource scoped to one parameter', 'Idioms/ReadFlag'],
    ['AwsCustomResource singleton role', 'Idioms/AWS679f53fac002430cb0da5b7982bd2287'],
    [
      'LogRetention singleton (accepted by the `logRetention` default)',
      'Idioms/LogRetentionaae0aa3c5b4d4f87b02d85b201efdd8a',
    ],
    [
      'OpenIdConnectProvider custom resource provider',
      'Idioms/Custom::AWSCDKOpenIdConnectProviderCustomResourceProvider',
    ],
    ['GitHub OIDC trust scoped to one branch', 'Idioms/GithubDeploy'],
    ['GitHub OIDC trust scoped to environments of one repository', 'Idioms/GithubPreview'],
    ['grant to an imported role', 'Idioms/Shared'],
    ['CompositePrincipal trust', 'Idioms/Both'],
    ['PassRole on one role, put on an imported bucket', 'Idioms/Deployer'],
    ['the permissions boundary applied to the stack', 'Idioms/Boundary'],
    ['rds-db:connect for one database user (RDS IAM authentication)', 'Idioms/Bastion/InstanceRole/DefaultPolicy'],
    ['bucket with autoDeleteObjects: its bucket policy', 'Idioms/Scratch'],
    ['the auto-delete-objects provider role', 'Idioms/Custom::S3AutoDeleteObjectsCustomResourceProvider'],
    ['event bus', 'Idioms/Bus'],
    ['event bus policy: `Principal: *` limited to the organization', 'Idioms/OrderEvents'],
    ['layer shared with the organization', 'Idioms/Layer'],
    ['ECR repository a partner account pulls from (repository policy without `Resource`)', 'Idioms/Images'],
    ['the secret rotated by a function of the stack', 'Idioms/Rotated'],
    ['the log group encrypted with a key of the stack', 'Idioms/Encrypted'],
    ['queue encrypted with a customer managed key, and the key policy', 'Idioms/QueueKey'],
  ];
  test.each(idioms)('%s: no finding', (_name, construct) => {
    expect(app.paths.has(construct)).toBe(true);
    expect(findingsAt(app.findings, construct).map(key)).toEqual([]);
  });

  // Real, if generated by aws-cdk-lib: a developer can act on each (or suppress it with a reason).
  const real: [string, string, string][] = [
    [
      'EventBridge SnsTopic target: the topic policy lets events.amazonaws.com publish for any rule of any account',
      'resource-exposure/confused-deputy',
      'Idioms/Alerts/Policy/Resource',
    ],
    [
      'EcsRunTask (RUN_JOB): `ecs:StopTask` on `*`, though the action takes task ARNs',
      'wildcard-resource/write-on-star',
      'Idioms/Checkout/Role/DefaultPolicy/Resource',
    ],
    [
      'ALB access logs: the bucket policy lets delivery.logs.amazonaws.com write for any account',
      'resource-exposure/confused-deputy',
      'Idioms/BalancerLogs/Policy/Resource',
    ],
    [
      'key granted to logs.<region>.amazonaws.com without a `kms:EncryptionContext:aws:logs:arn` condition',
      'resource-exposure/confused-deputy',
      'Idioms/LogsKey/Resource',
    ],
    [
      'S3 -> SQS notification: `aws:SourceArn` of a bucket (no account in its ARN) without `aws:SourceAccount`',
      'resource-exposure/confused-deputy',
      'Idioms/Jobs/Policy/Resource',
    ],
    [
      'CloudTrail bucket policy without `aws:SourceArn`',
      'resource-exposure/confused-deputy',
      'Idioms/Trail/S3/Policy/Resource',
    ],
    [
      'addRotationSchedule: secretsmanager.amazonaws.com may invoke the rotation function for any secret',
      'resource-exposure/confused-deputy',
      'Idioms/Rotator/InvokeN0--a2GKfZP0JmDqDE--Vhhu6+A0TUv3NyNbk4YM+FKNc=',
    ],
    [
      'AmazonSSMManagedInstanceCore (ssmSessionPermissions): `ssm:GetParameter(s)` on every parameter',
      'data-exfiltration/unscoped-read',
      'Idioms/Bastion/InstanceRole/Resource',
    ],
  ];
  test.each(real)('%s', (_name, ruleId, constructPath) => {
    expect(app.findings.map(key)).toContain(`${ruleId} @ ${constructPath}`);
  });

  // Among the idioms: a partner account trusted with an external id (AWS's third-party access
  // pattern), state machine logging (`logs:*Delivery*` and `logs:PutResourcePolicy` on `*`, as AWS
  // documents), the Elastic Load Balancing account of eu-west-1 writing access logs.
  test('no finding anywhere else in the app, and no input error', () => {
    const expected = real.map(([, ruleId, path]) => `${ruleId} @ ${path}`);
    const rest = new Set(app.findings.map(key));
    expect([...rest].sort()).toEqual(expected.sort());
    expect(app.errors).toEqual([]);
    expect(app.messages.filter(([, , m]) => m.startsWith('[iamgate]'))).toEqual([]);
  });

  test('the defaults for CDK-internal constructs are listed as suppressed, with their source', () => {
    const sources = app.suppressed.map((f) => [f.location.constructPath?.split('/')[1], f.suppression.source]);
    expect(sources).toEqual(
      expect.arrayContaining([['LogRetentionaae0aa3c5b4d4f87b02d85b201efdd8a', 'cdk-guard default: logRetention']]),
    );
  });

  test('the cdk-guard CLI on the cloud assembly reports and suppresses what the Aspect did', async () => {
    const { stdout } = await runCli([app.outdir, '--format', 'json', '--config', app.configFile]);
    const cli = JSON.parse(stdout) as { findings: Finding[]; suppressed: Finding[] };
    expect(cli.findings.map(key).sort()).toEqual(app.findings.map(key).sort());
    expect(cli.suppressed.map(key).sort()).toEqual(app.suppressed.map(key).sort());
  });
});

describe('risky patterns', () => {
  let app: Synthesized;
  beforeAll(() => {
    app = synthesize(riskyIdiomsApp, {});
  });

  const risks: [string, string, string[]][] = [
    ['AdministratorAccess attached to a role', 'Risks/Admin/Resource', ['admin-access/full-access']],
    [
      'PowerUserAccess attached to a role',
      'Risks/PowerUser/Resource',
      [
        'admin-access/not-action-allow',
        'data-exfiltration/unscoped-read',
        'privilege-escalation/assume-any-role',
        'resource-exposure/policy-change',
      ],
    ],
    ['ReadOnlyAccess attached to a role', 'Risks/ReadOnly/Resource', ['data-exfiltration/unscoped-read']],
    ['an IAM user with a policy of its own', 'Risks/Ci/Resource', ['iam-user/direct-policy']],
    ['an access key for that user', 'Risks/CiKey/Resource', ['iam-user/access-key']],
    ['bucket.grantRead(new AnyPrincipal())', 'Risks/Open/Policy/Resource', ['resource-exposure/public-principal']],
    ['GitHub OIDC trust without a `sub` condition', 'Risks/AnyRepo/Resource', ['trust-policy/oidc-missing-sub']],
    ['GitHub OIDC trust with `sub` `repo:*`', 'Risks/AnyBranch/Resource', ['trust-policy/oidc-missing-sub']],
    [
      'AccountPrincipal of another account without an external id',
      'Risks/Vendor/Resource',
      ['trust-policy/account-root', 'trust-policy/cross-account-external-id'],
    ],
    [
      'AwsCustomResource with ANY_RESOURCE: reported on the policy the user wrote',
      'Risks/ReadAnything/CustomResourcePolicy/Resource',
      ['data-exfiltration/unscoped-read'],
    ],
    [
      'iam:PassRole on `*` added to a function role',
      'Risks/Handler/ServiceRole/DefaultPolicy/Resource',
      ['privilege-escalation/pass-role-wildcard'],
    ],
    ['a bounded role that may rewrite its own boundary', 'Risks/SelfEditor/Resource', ['boundary/self-editable']],
    ['a role any principal may assume (AnyPrincipal)', 'Risks/Anyone/Resource', ['resource-exposure/public-principal']],
    [
      'iam:PassRole on `*` granted to an imported role (Role.fromRoleName)',
      'Risks/Legacy/Policy/Resource',
      ['privilege-escalation/pass-role-wildcard'],
    ],
    [
      'an event bus any account may put events on',
      'Risks/OpenBus/cdk-Everyone/Resource',
      ['resource-exposure/public-principal'],
    ],
    ['a layer version shared with everyone', 'Risks/SharedLayer/Everyone', ['resource-exposure/public-principal']],
    [
      'a function URL without authentication',
      'Risks/Handler/invoke-function-url',
      ['resource-exposure/public-principal'],
    ],
    [
      'CallAwsService whose SDK action is not the IAM action',
      'Risks/Report/Role/DefaultPolicy/Resource',
      ['policy-validity/unknown-action'],
    ],
  ];
  test.each(risks)('%s', (_name, constructPath, ruleIds) => {
    const found = app.findings.filter((f) => f.location.constructPath === constructPath);
    expect(found.map((f) => f.ruleId)).toEqual(expect.arrayContaining(ruleIds));
    // Each is annotated on that construct, at its severity.
    for (const ruleId of ruleIds) {
      const finding = found.find((f) => f.ruleId === ruleId);
      const annotation = app.messages.find(([, at, m]) => at === constructPath && m.startsWith(`[${ruleId}] `));
      expect(annotation?.[0]).toBe(finding?.severity);
    }
  });

  test('no input error and no failed rule', () => {
    expect(app.errors).toEqual([]);
    expect(app.findings.filter((f) => f.ruleId.startsWith('unverifiable/'))).toEqual([]);
  });

  test('the cdk-guard CLI on the cloud assembly reports what the Aspect reported', async () => {
    const { code, stdout } = await runCli([app.outdir, '--format', 'json', '--config', app.configFile]);
    expect(code).toBe(1);
    const cli = (JSON.parse(stdout) as { findings: Finding[] }).findings;
    expect(cli.map(key).sort()).toEqual(app.findings.map(key).sort());
  });
});

describe('stages', () => {
  const passRole = 'privilege-escalation/pass-role-wildcard';

  test('CDK Pipelines: the pipeline is least privilege; a risk in the stage addStage synthesized early fails the pipeline stack', () => {
    const app = synthesize(
      (props) =>
        pipelineApp(props, (handler) => {
          handler.addToRolePolicy(new iam.PolicyStatement({ actions: ['iam:PassRole'], resources: ['*'] }));
        }),
      {},
    );
    expect(findingsAt(app.findings, 'Delivery/Pipeline').map(key)).toEqual([]);
    expect(app.findings.map((f) => [f.ruleId, f.principal])).toEqual([
      [passRole, 'Delivery/Prod/Service/Handler/ServiceRole'],
    ]);
    const annotation = app.messages.find(([, , m]) => m.startsWith(`[${passRole}] `));
    expect(annotation?.slice(0, 2)).toEqual(['error', 'Delivery']);
    expect(annotation?.[2]).toContain('in stage `Delivery/Prod`');
  });

  test('an app of stages only, the guard added to the app without addTo: the errors fail the synthesis', () => {
    const outdir = mkdtempSync(path.join(tmpdir(), 'cdk-idioms-'));
    outdirs.push(outdir);
    const app = stagedApp({ outdir });
    Aspects.of(app).add(new IamGuardAspect({}));
    const quiet = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      expect(() => app.synth()).toThrow(
        /\[privilege-escalation\/pass-role-wildcard\] role `Beta\/Service\/Handler\/ServiceRole` .*\(in stage `Beta`/,
      );
    } finally {
      quiet.mockRestore();
    }
  });

  test('a stage that exists when the guard is added is checked on its own constructs', () => {
    const app = synthesize(stagedApp, {});
    expect(app.findings.map((f) => [f.ruleId, f.principal])).toEqual([[passRole, 'Beta/Service/Handler/ServiceRole']]);
    expect(app.messages.filter(([, , m]) => m.startsWith(`[${passRole}] `)).map(([level, at]) => [level, at])).toEqual([
      ['error', 'Beta/Service/Handler/ServiceRole/DefaultPolicy/Resource'],
    ]);
  });
});
