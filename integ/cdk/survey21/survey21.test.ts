/**
 * The twenty-first survey (survey21-apps.ts, README.md): the `grants` classes of aws-cdk-lib on L1
 * and L2 resources (`BucketGrants`, `QueueGrants`, `TopicGrants`, `KeyGrants`, `RoleGrants`,
 * `TableGrants`, `LogGroupGrants`, `EventBusGrants`, `StateMachineGrants`), KMS sign, verify and
 * MAC grants, grants on function versions, a `TableV2` replica, the stack's account as a token in
 * conditions, the Parameters and Secrets extension, and Stages with a nested stack given a
 * boundary and tags at the Stage, an app whose roles `Role.customizeRoles` keeps out of the
 * templates, synthesized once with the Aspect: the idioms get no finding,
 * the planted risks are reported on the construct that holds them, and the validation plugin and
 * the CLI on the assembly report what the Aspect does.
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { runCli } from '../run-cli';
import { expectAnnotatedRisk, expectParity, findingsAt, key, synthesize, tempOutdir } from '../synthesize';
import type { Synthesized } from '../synthesize';
import {
  STAGE_CONFIG,
  SURVEY21_CONFIG,
  SURVEY21_IDIOMS,
  SURVEY21_RISKS,
  survey21App,
  survey21PrecreatedApp,
  survey21RisksApp,
  survey21StageApp,
} from './survey21-apps';

// Synthesizing apps with a dozen functions and a global table takes seconds on a shared machine.
jest.setTimeout(240_000);

describe('survey21 idioms', () => {
  let app: Synthesized;
  beforeAll(() => {
    app = synthesize(survey21App, SURVEY21_CONFIG);
  });

  const idioms: [string, string][] = [
    ['`BucketGrants.fromBucket(cfnBucket)`: read, put under one prefix, delete under another', 'L1BucketGrants'],
    ['`QueueGrants.fromQueue` on an L1 queue encrypted with an L1 key: consume and send', 'L1EncryptedQueue'],
    ['`TopicGrants.fromTopic(cfnTopic).publish` to the trusted partner account', 'L1TopicForPartner'],
    ['`TableGrants.fromTable` on an L1 table with a stream: read and write its data', 'L1TableGrants'],
    ['`KeyGrants.fromKey(cfnKey).decrypt` for the trusted partner account', 'L1KeyForPartner'],
    ['`KeyGrants` sign, verify, generate and verify MACs on L1 keys', 'L1SigningKeys'],
    ['`grantSign`, `grantVerify`, `grantGenerateMac`, `grantVerifyMac` on L2 keys', 'SigningKeys'],
    ['`RoleGrants.fromRole(cfnRole).passRole` of one execution role to a CloudFormation role', 'L1RoleGrants'],
    [
      'the `grants` property of a bucket (one prefix), queue, topic, log group and state machine, `TableV2.grants`',
      'L2GrantsProperty',
    ],
    ['`grantInvokeVersion` of the current version, `grantInvokeLatestVersion`', 'FunctionVersions'],
    ['a `TableV2` replica read with `table.replica(region).grantReadData`', 'TableV2Replica'],
    ['`Stack.of(this).account` and `Aws.ACCOUNT_ID` in trust and resource policy conditions', 'AccountTokenConditions'],
    ['the Parameters and Secrets extension reading one secret and one string list', 'ParamsAndSecrets'],
  ];
  test.each(idioms)('%s: no finding', (_name, name) => {
    expect(app.paths.has(`Survey21/${name}`)).toBe(true);
    expect(findingsAt(app.findings, `Survey21/${name}`).map(key)).toEqual([]);
  });

  test('every idiom of the app is judged here', () => {
    const judged = new Set(idioms.map(([, name]) => name));
    expect(Object.keys(SURVEY21_IDIOMS).filter((name) => !judged.has(name))).toEqual([]);
  });

  test('the roles the grants classes extend are checked, the L1 role included', () => {
    expect(app.principals).toEqual(
      expect.arrayContaining([
        'Survey21/L1BucketGrants/Worker/ServiceRole',
        'Survey21/L1EncryptedQueue/Consumer/ServiceRole',
        'Survey21/L1TableGrants/Reader/ServiceRole',
        'Survey21/L1SigningKeys/Signer/ServiceRole',
        'Survey21/L1RoleGrants/Execution',
        'Survey21/L1RoleGrants/Deployer',
        'Survey21/L2GrantsProperty/Worker/ServiceRole',
        'Survey21/TableV2Replica/ReplicaReader/ServiceRole',
        'Survey21/AccountTokenConditions/Invoker',
      ]),
    );
  });

  test('the stream reads CDK writes on a table ARN are the `importedStreamReads` default, not findings', () => {
    expect(app.suppressed.map(key).sort()).toEqual([
      'policy-validity/resource-mismatch @ Survey21/L1TableGrants/Reader/ServiceRole/DefaultPolicy/Resource',
      'policy-validity/resource-mismatch @ Survey21/L2GrantsProperty/Worker/ServiceRole/DefaultPolicy/Resource',
      'policy-validity/resource-mismatch @ Survey21/TableV2Replica/ReplicaReader/ServiceRole/DefaultPolicy/Resource',
      'policy-validity/resource-mismatch @ Survey21/TableV2Replica/Writer/ServiceRole/DefaultPolicy/Resource',
    ]);
  });

  test('the Aspect, the plugin and the CLI find nothing', async () => {
    await expectParity(app, survey21App, SURVEY21_CONFIG, []);
  });
});

describe('survey21 planted risks', () => {
  let app: Synthesized;
  beforeAll(() => {
    app = synthesize(survey21RisksApp, SURVEY21_CONFIG);
  });

  // The case, what a reviewer refuses, the construct the findings are on, and their rules.
  const risks: [string, string, string, string[]][] = [
    [
      'L1BucketPublic',
      '`BucketGrants.fromBucket(cfnBucket).publicAccess(...)`: the bucket policy CDK adds lets anyone read',
      'Survey21Risks/L1BucketPublic/Bucket/S3BucketPolicy',
      ['resource-exposure/public-principal'],
    ],
    [
      'L1QueueForStranger',
      '`QueueGrants.fromQueue(cfnQueue).sendMessages` to an account nobody trusts (the queue policy CDK adds)',
      'Survey21Risks/L1QueueForStranger/Queue/QueuePolicy',
      ['trust-policy/untrusted-account'],
    ],
    [
      'L1TopicForAnyone',
      '`TopicGrants.fromTopic(cfnTopic).publish(new AnyPrincipal())`',
      'Survey21Risks/L1TopicForAnyone/Topic/TopicPolicy',
      ['resource-exposure/public-principal'],
    ],
    [
      'L1KeyForStranger',
      '`KeyGrants.fromKey(cfnKey).decrypt` for an account nobody trusts (written into the L1 key policy)',
      'Survey21Risks/L1KeyForStranger/Key',
      ['trust-policy/untrusted-account'],
    ],
    [
      'AllPutEvents',
      '`bus.grants.allPutEvents`: `events:PutEvents` on every bus',
      'Survey21Risks/AllPutEvents/Producer/ServiceRole/DefaultPolicy/Resource',
      ['wildcard-resource/write-on-star'],
    ],
    [
      'RedriveOnMachineArn',
      '`machine.grants.redriveExecution`: `states:RedriveExecution` on `stateMachine:NAME:*`, no execution',
      'Survey21Risks/RedriveOnMachineArn/Operator/ServiceRole/DefaultPolicy/Resource',
      ['policy-validity/resource-mismatch'],
    ],
    [
      'L1LogGroupForService',
      '`LogGroupGrants.fromLogGroup(cfnLogGroup).write` to a service principal without a source condition',
      'Survey21Risks/L1LogGroupForService/Group/LogGroupPolicy',
      ['resource-exposure/confused-deputy'],
    ],
    [
      'QueueAllActions',
      '`queue.grants.actions(fn, ["sqs:*"])`: the queue policy may be changed',
      'Survey21Risks/QueueAllActions/Worker/ServiceRole/DefaultPolicy/Resource',
      ['wildcard-action/service-wildcard'],
    ],
  ];
  test.each(risks)('%s: %s, annotated on the construct', (_case, _name, at, ruleIds) => {
    expectAnnotatedRisk(app, at, ruleIds);
  });

  test('the redrive grant names the state machine, where `grantRedriveExecution` names its executions', () => {
    const finding = app.findings.find((f) => f.ruleId === 'policy-validity/resource-mismatch');
    expect(finding?.message).toMatch(/`arn:aws:states:eu-west-1:111122223333:stateMachine:\$\{[^}]*\}:\*`/);
    expect(finding?.message).toContain('`states:RedriveExecution` acts on `execution`');
  });

  test('every case of the app is judged, and the Aspect, the plugin and the CLI report only these', async () => {
    const judged = new Set(risks.map(([name]) => name));
    expect(Object.keys(SURVEY21_RISKS).filter((name) => !judged.has(name))).toEqual([]);
    const expected = [...new Set(risks.flatMap(([, , at, ruleIds]) => ruleIds.map((r) => `${r} @ ${at}`)))];
    await expectParity(app, survey21RisksApp, SURVEY21_CONFIG, expected);
  });
});

describe('survey21 stages with a nested stack, the boundary and tags applied to the Stage', () => {
  let app: Synthesized;
  beforeAll(() => {
    app = synthesize(survey21StageApp, STAGE_CONFIG);
  });

  test('the roles of the stage stacks and of their nested stacks are checked', () => {
    expect([...app.principals].sort()).toEqual([
      'Prod/Service/Api/ServiceRole',
      'Prod/Service/Workers/Worker/ServiceRole',
      'Sandbox/Service/Api/ServiceRole',
      'Sandbox/Service/Workers/Worker/ServiceRole',
    ]);
  });

  test('`PermissionsBoundary.of(stage)` reaches the nested stack: no role misses the required boundary', () => {
    expect(app.findings.filter((f) => f.ruleId.startsWith('boundary/')).map(key)).toEqual([]);
  });

  test('`iam:PassRole` on `*` in the nested stack of one stage is annotated there', () => {
    expectAnnotatedRisk(app, 'Sandbox/Service/Workers/Worker/ServiceRole/DefaultPolicy/Resource', [
      'privilege-escalation/pass-role-wildcard',
    ]);
  });

  test('the Aspect, the plugin and the CLI report only the sandbox risk', async () => {
    await expectParity(app, survey21StageApp, STAGE_CONFIG, [
      'privilege-escalation/pass-role-wildcard @ Sandbox/Service/Workers/Worker/ServiceRole/DefaultPolicy/Resource',
    ]);
  });
});

describe('survey21 roles kept out of the templates by `Role.customizeRoles`', () => {
  let app: Synthesized;
  beforeAll(() => {
    app = synthesize(survey21PrecreatedApp, SURVEY21_CONFIG);
  });

  // Before: no role in the templates, so nothing checked and no finding: the roles created by
  // hand from the IAM policy report would pass any role and hold AdministratorAccess unseen.
  test('each role of the IAM policy report is checked as the role created by hand, nested stack included', () => {
    expect([...app.principals].sort()).toEqual([
      'Precreated/Builder/ServiceRole',
      'Precreated/Operator',
      'Precreated/Reader/ServiceRole',
      'Precreated/Workers/Worker/ServiceRole',
    ]);
  });

  test.each([
    [
      'a builder function whose role may pass any role',
      'Precreated/Builder/ServiceRole',
      'privilege-escalation/pass-role-wildcard',
    ],
    ['a role given `AdministratorAccess`', 'Precreated/Operator', 'admin-access/full-access'],
  ])('%s is reported on the role construct', (_name, at, ruleId) => {
    expectAnnotatedRisk(app, at, [ruleId]);
  });

  test('the grants of the reader (a bucket, a table) and of the nested worker (a queue) are no finding', () => {
    expect(findingsAt(app.findings, 'Precreated/Reader').map(key)).toEqual([]);
    expect(findingsAt(app.findings, 'Precreated/Workers').map(key)).toEqual([]);
  });

  test('the Aspect, the plugin and the CLI (reading `iam-policy-report.json`) report only the two risks', async () => {
    await expectParity(app, survey21PrecreatedApp, SURVEY21_CONFIG, [
      'admin-access/full-access @ Precreated/Operator',
      'privilege-escalation/pass-role-wildcard @ Precreated/Builder/ServiceRole',
    ]);
  });

  // An administrator creates these roles and sets their boundary; the report does not carry it.
  test('a required boundary is not asked of the roles of the report, and the risks are still found', async () => {
    const config = {
      ...SURVEY21_CONFIG,
      boundary: { required: true, allowed: ['arn:aws:iam::*:policy/app-boundary'] },
    };
    const bounded = synthesize(survey21PrecreatedApp, config);
    await expectParity(bounded, survey21PrecreatedApp, config, [
      'admin-access/full-access @ Precreated/Operator',
      // Its AdministratorAccess creates roles and users without the boundary, three ways.
      ...Array<string>(3).fill('boundary/delegation-escape @ Precreated/Operator'),
      'boundary/self-editable @ Precreated/Operator',
      'privilege-escalation/pass-role-wildcard @ Precreated/Builder/ServiceRole',
    ]);
  });

  test('a role of the report in no stack of the assembly is an input error of the CLI (exit 2), not a pass', async () => {
    const copy = tempOutdir();
    cpSync(app.outdir, copy, { recursive: true });
    const file = path.join(copy, 'iam-policy-report.json');
    const report = JSON.parse(readFileSync(file, 'utf8')) as { roles: { roleConstructPath: string }[] };
    const moved = report.roles.findIndex((r) => r.roleConstructPath === 'Precreated/Operator');
    const role = report.roles[moved];
    if (role === undefined) throw new Error('the report has no role `Precreated/Operator`');
    role.roleConstructPath = 'Elsewhere/Operator';
    writeFileSync(file, JSON.stringify(report));
    const { code, stderr } = await runCli([copy]);
    expect(code).toBe(2);
    expect(stderr).toContain(`/roles/${String(moved)}`);
    expect(stderr).toContain('role `Elsewhere/Operator` of the IAM policy report is in no stack of the assembly');
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});
