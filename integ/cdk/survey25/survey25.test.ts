/**
 * The twenty-fifth survey (survey25-apps.ts, README.md): what aws-cdk-lib's L2 and L3 constructs
 * write, synthesized once with the Aspect: the idioms get no finding but the ones a reviewer keeps;
 * the planted risks are reported on the construct that holds them; the validation plugin and the
 * CLI on the assembly report what the Aspect does.
 */
import { expectAnnotatedRisk, expectParity, findingsAt, key, synthesize } from '../synthesize';
import type { Synthesized } from '../synthesize';
import {
  SURVEY25_CONFIG,
  SURVEY25_IDIOMS,
  SURVEY25_PLATFORM,
  SURVEY25_RISKS,
  survey25App,
  survey25PlatformApp,
  survey25RisksApp,
} from './survey25-apps';

// Three apps with a VPC, a database, a load-balanced service and pipelines, synthesized three times each.
jest.setTimeout(300_000);

const ORG_AUDITOR = 'Survey25/AccountTrustWithConditions/OrgAuditor';
const GUESTS = 'Survey25/IdentityPoolGuests/Pool/UnauthenticatedRole';
const RETENTION_ROLE = 'Survey25/LogRetentionRole/RetentionRole';

describe('survey25 idioms', () => {
  let app: Synthesized;
  beforeAll(() => {
    app = synthesize(survey25App, SURVEY25_CONFIG);
  });

  const idioms: [string, string][] = [
    ['the provider framework given one role, or one for `onEvent` and one for the waiter', 'ProviderOwnRoles'],
    [
      '`AwsCustomResource` with a role of the user, `fromSdkCalls` on one parameter, `fromStatements`',
      'SdkCallsOwnRole',
    ],
    ['`BucketDeployment` into a bucket under a key, with `autoDeleteObjects`', 'DeploymentToKeyBucket'],
    ['`LogRetention` and `logRetentionRole` given a role of the user', 'LogRetentionRole'],
    ['a rotating key granted to a role of the partner account', 'KeyForPartnerRole'],
    ['`LambdaInvoke` of a version, `CallAwsService` on `*`-only and one-table actions', 'SfnVersionsAndSdk'],
    ['a Fargate service reading a field of a secret and a SecureString parameter', 'FargateSecretFields'],
    ['a pipeline deploying into the partner account with a role there', 'PipelineToPartner'],
    ['a request authorizer and a user pool authorizer on a `LambdaRestApi`', 'RestApiAuthorizers'],
    ['rule targets: the partner bus, a function with a DLQ, a FIFO queue, a Firehose stream', 'EventTargets'],
    ['Firehose from an encrypted Kinesis stream to a bucket under a key, with a processor', 'FirehoseFromStream'],
    ['Aurora with log exports, monitoring, an import bucket, single and multi-user rotation', 'AuroraRotation'],
    ['a key for the log groups of the account (`kms:EncryptionContext:aws:logs:arn`)', 'LogGroupKey'],
    [
      'a bus for the partner (`grantPutEventsTo`) and the organization (`aws:PrincipalOrgID`)',
      'BusForPartnerAndOrganization',
    ],
    ['an RDS proxy with IAM auth reading the secret under a key of the app', 'ProxyIamAuth'],
    ['a secret under a key of the app read by the partner account', 'SecretForPartner'],
    ['the account trusted for principals tagged with one team', 'TaggedAccountTrust'],
  ];
  test.each(idioms)('%s: no finding', (_name, name) => {
    expect(app.paths.has(`Survey25/${name}`)).toBe(true);
    expect(findingsAt(app.findings, `Survey25/${name}`).map(key)).toEqual([]);
  });

  test('every idiom of the app is judged here', () => {
    const judged = new Set([...idioms.map(([, name]) => name), 'AccountTrustWithConditions', 'IdentityPoolGuests']);
    expect(Object.keys(SURVEY25_IDIOMS).filter((name) => !judged.has(name))).toEqual([]);
  });

  test('the retention actions aws-cdk-lib adds to the role of the user: accepted by the `logRetention` default', () => {
    // aws-cdk-lib writes them on `*` (log groups named at deploy), as on its own role.
    expect(
      app.suppressed
        .filter((f) => f.principal === RETENTION_ROLE)
        .map((f) => [key(f), f.message, f.suppression.source]),
    ).toEqual([
      [
        `wildcard-resource/write-on-star @ ${RETENTION_ROLE}/DefaultPolicy/Resource`,
        `role \`${RETENTION_ROLE}\` may write to every resource with \`logs:DeleteRetentionPolicy\`, \`logs:PutRetentionPolicy\`, which can be scoped to resources`,
        'cdk-guard default: logRetention',
      ],
    ]);
  });

  test('the partner trusted for its CI roles: no finding; an account trusted through the organization: the account root, kept', () => {
    // `aws:PrincipalOrgID` keeps out principals of other organizations, not those of the account.
    expect(findingsAt(app.findings, 'Survey25/AccountTrustWithConditions').map((f) => [key(f), f.message])).toEqual([
      [
        `trust-policy/account-root @ ${ORG_AUDITOR}/Resource`,
        `role \`${ORG_AUDITOR}\` trusts every principal of account \`777788889999\` that is allowed to assume it`,
      ],
    ]);
  });

  test('guests of the identity pool given a public prefix: the reminder on the guest role, kept', () => {
    expect(findingsAt(app.findings, 'Survey25/IdentityPoolGuests').map((f) => [key(f), f.severity])).toEqual([
      [`trust-policy/federation-conditions @ ${GUESTS}/Resource`, 'warning'],
    ]);
  });

  test('the roles aws-cdk-lib creates for these constructs are checked', () => {
    expect(app.principals).toEqual(
      expect.arrayContaining([
        'Survey25/ProviderOwnRoles/FrameworkRole',
        'Survey25/ProviderOwnRoles/OnEventRole',
        'Survey25/ProviderOwnRoles/WaiterRole',
        'Survey25/SdkCallsOwnRole/ReleaseRole',
        RETENTION_ROLE,
        'Survey25/SfnVersionsAndSdk/Machine/Role',
        'Survey25/FargateSecretFields/Api/TaskDef/ExecutionRole',
        'Survey25/PipelineToPartner/Pipeline/Role',
        'Survey25/EventTargets/Orders/EventsRole',
        'Survey25/EventTargets/Archive/EventsRole',
        'Survey25/FirehoseFromStream/Delivery/Service Role',
        'Survey25/AuroraRotation/Db/MonitoringRole',
        'Survey25/AuroraRotation/Db/S3ImportRole',
        'Survey25/IdentityPoolGuests/Pool/AuthenticatedRole',
        GUESTS,
      ]),
    );
  });

  test('the Aspect, the plugin and the CLI report only these', async () => {
    await expectParity(app, survey25App, SURVEY25_CONFIG, [
      `trust-policy/account-root @ ${ORG_AUDITOR}/Resource`,
      `trust-policy/federation-conditions @ ${GUESTS}/Resource`,
    ]);
  });
});

describe('survey25 planted risks', () => {
  let app: Synthesized;
  beforeAll(() => {
    app = synthesize(survey25RisksApp, SURVEY25_CONFIG);
  });

  const at = (construct: string): string => `Survey25Risks/${construct}/Resource`;
  // The case, what a reviewer refuses, and the rules reported on each construct.
  const risks: [string, string, [string, string[]][]][] = [
    [
      'SdkTaskDeleteAny',
      '`CallAwsService` deleting objects with `iamResources: [*]`',
      [[at('SdkTaskDeleteAny/Machine/Role/DefaultPolicy'), ['wildcard-resource/write-on-star']]],
    ],
    [
      'KeyForStrangerRole',
      'a key granted to a role of an account nobody configured',
      [[at('KeyForStrangerRole/Key'), ['trust-policy/untrusted-account']]],
    ],
    [
      'StatementsPassAny',
      '`fromStatements` with `iam:PassRole` and `lambda:CreateFunction` on `*`',
      [
        [
          at('StatementsPassAny/Launch/CustomResourcePolicy'),
          ['privilege-escalation/pass-role-wildcard', 'wildcard-resource/write-on-star'],
        ],
      ],
    ],
    [
      'GuestsWrite',
      'guests of an identity pool allowed to write a bucket',
      [[at('GuestsWrite/Pool/UnauthenticatedRole'), ['trust-policy/federation-conditions']]],
    ],
    [
      'StrangerCi',
      'the roles `ci-*` of an account nobody configured, without an external id',
      [[at('StrangerCi/Ci'), ['trust-policy/untrusted-account', 'trust-policy/cross-account-external-id']]],
    ],
    [
      'PipelineToStranger',
      'a pipeline deploying with a role of an account nobody configured',
      [
        [at('PipelineToStranger/Pipeline/ArtifactsBucketEncryptionKey'), ['trust-policy/untrusted-account']],
        [at('PipelineToStranger/Pipeline/ArtifactsBucket/Policy'), ['trust-policy/untrusted-account']],
      ],
    ],
    [
      'LogsKeyNoContext',
      'a key granted to CloudWatch Logs without an encryption context',
      [[at('LogsKeyNoContext/Key'), ['resource-exposure/confused-deputy']]],
    ],
    [
      'QueueForBucketName',
      'a queue S3 may send to for a bucket named without its account',
      [[at('QueueForBucketName/Uploads/Policy'), ['resource-exposure/confused-deputy']]],
    ],
  ];
  test.each(risks)('%s: %s, annotated on the construct', (_case, _name, constructs) => {
    for (const [construct, ruleIds] of constructs) expectAnnotatedRisk(app, construct, ruleIds);
  });

  test('the custom resource passing any role: reported on the policy `fromStatements` writes, about the singleton role', () => {
    const passRole = app.findings.find((f) => f.ruleId === 'privilege-escalation/pass-role-wildcard');
    expect(passRole?.principal).toBe('Survey25Risks/AWS679f53fac002430cb0da5b7982bd2287/ServiceRole');
    expect(passRole?.severity).toBe('error');
  });

  test('guests allowed to write a bucket: an error naming a write action, not the reminder a reading guest role gets', () => {
    const guests = app.findings.filter((f) => f.location.constructPath === at('GuestsWrite/Pool/UnauthenticatedRole'));
    expect(guests.map((f) => [f.ruleId, f.severity])).toEqual([['trust-policy/federation-conditions', 'error']]);
    expect(guests[0]?.message).toMatch(
      /is allowed to change resources \(`s3:[A-Za-z]+\*?`(, `s3:[A-Za-z]+\*?`)*( and \d+ more)?\): anyone on the internet/,
    );
    // The actions as the policy writes them, not their expansion into other services' actions.
    expect(guests[0]?.evidence).toMatchObject({ patterns: expect.arrayContaining(['s3:PutObject']) });
  });

  test('S3 for a bucket named without its account: the message says why the name is not enough', () => {
    expect(
      app.findings.find((f) => f.location.constructPath === at('QueueForBucketName/Uploads/Policy'))?.message,
    ).toBe(
      "resource `Survey25Risks/QueueForBucketName/Uploads/Policy` allows service `s3.amazonaws.com` for `arn:aws:s3:::shop-uploads`, an ARN that names no account, without `aws:SourceAccount`: a resource of another account can take that name (a deleted bucket's name is free to reuse)",
    );
  });

  test('every case of the app is judged, and the Aspect, the plugin and the CLI report only these', async () => {
    const judged = new Set(risks.map(([name]) => name));
    expect(Object.keys(SURVEY25_RISKS).filter((name) => !judged.has(name))).toEqual([]);
    const expected = risks.flatMap(([, , constructs]) =>
      constructs.flatMap(([construct, ruleIds]) => ruleIds.map((r) => `${r} @ ${construct}`)),
    );
    const found = app.findings.map(key);
    expect(found.sort()).toEqual([...expected].sort());
    await expectParity(app, survey25RisksApp, SURVEY25_CONFIG, found);
  });
});

describe('survey25 an EKS cluster, keys, and a CDK pipeline deploying to the partner', () => {
  let app: Synthesized;
  beforeAll(() => {
    app = synthesize(survey25PlatformApp, SURVEY25_CONFIG);
  });

  const ASSETS = 'Survey25Pipeline/Pipeline/Assets/FileRole';
  const assetFindings = [
    `privilege-escalation/run-as-existing-role @ ${ASSETS}/DefaultPolicy/Resource`,
    `wildcard-resource/write-on-star @ ${ASSETS}/DefaultPolicy/Resource`,
    `wildcard-resource/write-on-star @ ${ASSETS}/DefaultPolicy/Resource`,
  ];

  test.each(Object.keys(SURVEY25_PLATFORM))('%s: no finding', (name) => {
    expect(app.paths.has(`Survey25Platform/${name}`)).toBe(true);
    expect(findingsAt(app.findings, `Survey25Platform/${name}`).map(key)).toEqual([]);
  });

  test('the roles of the cluster, the keys and the pipeline are checked', () => {
    expect(app.principals).toEqual(
      expect.arrayContaining([
        'Survey25Platform/EksAccess/Masters',
        'Survey25Platform/EksAccess/KubectlHandler',
        'Survey25Platform/EksAccess/NodeRole',
        'Survey25Platform/EksAccess/Cluster/App/Role',
        'Survey25Platform/EksAccess/Developer',
        'Survey25Platform/KeysAndTopics/KeyAdmin',
        'Survey25Pipeline/Pipeline/Pipeline/Build/Synth/CdkBuildProject/Role',
        'Survey25Pipeline/Pipeline/Pipeline/Partner/Smoke/Smoke/Role',
        'Survey25Pipeline/Pipeline/UpdatePipeline/SelfMutation/Role',
        ASSETS,
        'Partner/Site/Custom::CDKBucketDeployment8693BB64968944B69AAFB0CC9EB8756C/ServiceRole',
      ]),
    );
  });

  test('the asset role of CDK Pipelines: any project started, any report group written, kept', () => {
    // aws-cdk-lib writes `codebuild:StartBuild` on `*` (a project runs as its own role) and the
    // report actions on `report-group/*`, where the other build roles name their project's groups.
    expect(
      findingsAt(app.findings, 'Survey25Pipeline')
        .map((f) => [key(f), f.severity, f.location.pointer])
        .sort(),
    ).toEqual([
      [assetFindings[0], 'warning', '/Statement/2'],
      [assetFindings[1], 'warning', '/Statement/1'],
      [assetFindings[2], 'warning', '/Statement/2'],
    ]);
  });

  test('the cluster creation role and the OIDC provider handler: accepted by their defaults', () => {
    expect([...new Set(app.suppressed.map((f) => f.suppression.source))].sort()).toEqual([
      'cdk-guard default: customResourceProvider',
      'cdk-guard default: eksClusterResource',
    ]);
  });

  test('the Aspect, the plugin and the CLI report only the asset role', async () => {
    await expectParity(app, survey25PlatformApp, SURVEY25_CONFIG, assetFindings);
  });
});
