/**
 * The eighth survey (survey8-apps.ts, README.md): CDK apps on the newer parts of aws-cdk-lib
 * (Bedrock agents and knowledge bases in L1, EventBridge Pipes and Scheduler, a Step Functions
 * distributed map, `Grant` on imported resources, `notActions`, `notPrincipals`,
 * `CompositePrincipal`, `SessionTagsPrincipal`, `PrincipalWithConditions`), synthesized once with
 * the Aspect: the idioms get no finding, the planted risks are reported on the construct that
 * holds them, and the validation plugin and the CLI on the assembly report what the Aspect does.
 */
import { expectAnnotatedRisk, expectParity, findingsAt, key, synthesize } from '../synthesize';
import type { Synthesized } from '../synthesize';
import { SURVEY8_CONFIG, SURVEY8_IDIOMS, SURVEY8_RISKS, survey8App, survey8RisksApp } from './survey8-apps';

// Synthesizing apps with state machines, pipes and schedules takes seconds on a shared machine.
jest.setTimeout(180_000);

describe('survey8 idioms', () => {
  let app: Synthesized;
  beforeAll(() => {
    app = synthesize(survey8App, SURVEY8_CONFIG);
  });

  const idioms: [string, string][] = [
    ['a Bedrock agent (L1) whose role invokes one model, trusted for agents of the account', 'BedrockAgent'],
    ['a Bedrock knowledge base (L1) reading one bucket, one embeddings model, one collection', 'BedrockKnowledgeBase'],
    ['a pipe (L1) from a queue to a state machine', 'PipeQueueToMachine'],
    ['a pipe from a table stream through an enrichment function to an event bus', 'PipeStreamEnrichBus'],
    ['Scheduler schedules invoking a function and sending to a queue, a group with a key', 'Schedules'],
    ['a distributed map over the objects of one bucket, each batch a function', 'DistributedMap'],
    [
      '`Grant.addToPrincipal` on a prefix of an imported bucket, a secret granted to a role imported by name',
      'ImportedGrant',
    ],
    ['a deny with `notActions`: everything but reads on one bucket', 'NotActionsDeny'],
    ['a bucket policy deny with `notPrincipals`: writes by anyone but the uploader', 'NotPrincipalsDeny'],
    ['`CompositePrincipal` of two services', 'CompositeServices'],
    ['`SessionTagsPrincipal` of a role of the trusted partner, with an external id', 'SessionTags'],
    ['`PrincipalWithConditions`: a service held to one topic by source ARN', 'ConditionedService'],
    ['a key policy letting the trusted partner decrypt through S3 only', 'PartnerKeyViaService'],
  ];
  test.each(idioms)('%s: no finding', (_name, name) => {
    expect(app.paths.has(`Survey8/${name}`)).toBe(true);
    expect(findingsAt(app.findings, `Survey8/${name}`).map(key)).toEqual([]);
  });

  test('every idiom of the app is judged here', () => {
    const judged = new Set(idioms.map(([, name]) => name));
    expect(Object.keys(SURVEY8_IDIOMS).filter((name) => !judged.has(name))).toEqual([]);
  });

  test('the service roles of the cases are checked, those CDK creates for schedule targets included', () => {
    expect(app.principals).toEqual(
      expect.arrayContaining([
        'Survey8/BedrockAgent/AgentRole',
        'Survey8/BedrockKnowledgeBase/KbRole',
        'Survey8/PipeStreamEnrichBus/PipeRole',
        'Survey8/DistributedMap/Batch/Role',
        'Survey8/SessionTags/PartnerAccess',
      ]),
    );
    expect(app.principals.filter((p) => p.startsWith('Survey8/SchedulerRoleForTarget-'))).toHaveLength(2);
  });

  test('the Aspect, the plugin and the CLI find nothing', async () => {
    await expectParity(app, survey8App, SURVEY8_CONFIG, []);
  });
});

describe('survey8 planted risks', () => {
  let app: Synthesized;
  beforeAll(() => {
    app = synthesize(survey8RisksApp, SURVEY8_CONFIG);
  });

  const ROLE_POLICY = (at: string): string => `Survey8Risks/${at}/DefaultPolicy/Resource`;
  // The case, what a reviewer refuses, the construct the findings are on, and their rules.
  const risks: [string, string, string, string[]][] = [
    [
      'AgentAnyModelPassRole',
      'a Bedrock agent role allowed `bedrock:*` and `iam:PassRole` on every resource',
      ROLE_POLICY('AgentAnyModelPassRole/AgentRole'),
      [
        'data-exfiltration/unscoped-read',
        'privilege-escalation/pass-role-wildcard',
        'wildcard-action/service-wildcard',
        'wildcard-resource/write-on-star',
      ],
    ],
    [
      'KnowledgeBaseAllBuckets',
      'a knowledge base role reading every bucket',
      ROLE_POLICY('KnowledgeBaseAllBuckets/KbRole'),
      ['data-exfiltration/unscoped-read'],
    ],
    [
      'PipeAnyTarget',
      'a pipe role starting any state machine and invoking any function',
      ROLE_POLICY('PipeAnyTarget/PipeRole'),
      ['wildcard-resource/write-on-star'],
    ],
    [
      'NotActionsAllow',
      '`notActions: [iam:*]` in an allow on every resource',
      ROLE_POLICY('NotActionsAllow/Fn/ServiceRole'),
      [
        'admin-access/not-action-allow',
        'credentials-exposure/unscoped-credential-action',
        'data-exfiltration/unscoped-read',
        'privilege-escalation/assume-any-role',
        'privilege-escalation/run-as-existing-role',
        'resource-exposure/policy-change',
        'wildcard-action/service-wildcard',
        'wildcard-resource/write-on-star',
      ],
    ],
    [
      'NotPrincipalsAllow',
      '`notPrincipals` in an allow of a bucket policy: everyone but one role reads',
      'Survey8Risks/NotPrincipalsAllow/Public/Policy/Resource',
      ['policy-validity/policy-warning', 'resource-exposure/public-principal'],
    ],
    [
      'CompositeWithStranger',
      '`CompositePrincipal` of a service and an account nobody trusts, without an external id',
      'Survey8Risks/CompositeWithStranger/Worker/Resource',
      ['trust-policy/account-root', 'trust-policy/cross-account-external-id', 'trust-policy/untrusted-account'],
    ],
    [
      'ConditionedStar',
      '`PrincipalWithConditions` of `AnyPrincipal` whose condition (`aws:SecureTransport`) holds it to nobody',
      'Survey8Risks/ConditionedStar/Inbox/Policy/Resource',
      ['resource-exposure/public-principal'],
    ],
    [
      'UniversalIam',
      'a schedule whose universal target attaches role policies (CDK grants `iam:AttachRolePolicy` on every role)',
      'Survey8Risks/SchedulerRoleForTarget-5b673a/DefaultPolicy/Resource',
      ['privilege-escalation/iam-policy-modification'],
    ],
    [
      'MapAnyBucket',
      'a distributed map reading a bucket named at run time, its role reading every object of every bucket',
      ROLE_POLICY('MapAnyBucket/Batch/Role'),
      ['data-exfiltration/unscoped-read'],
    ],
    [
      'PassRoleFromListParameter',
      '`iam:PassRole` on `Fn.select(0, listParameter.valueAsList)`, given at deploy (it was read as one role, no finding)',
      ROLE_POLICY('PassRoleFromListParameter/Deployer/ServiceRole'),
      ['unverifiable/unknown-value'],
    ],
    [
      'PassRoleFromMapping',
      '`iam:PassRole` on `CfnMapping.findInMap(stage, ...)` whose sandbox entry is `*` (it was read as one role, no finding)',
      ROLE_POLICY('PassRoleFromMapping/Deployer/ServiceRole'),
      ['privilege-escalation/pass-role-wildcard'],
    ],
  ];
  test.each(risks)('%s: %s, annotated on the construct', (_case, _name, at, ruleIds) => {
    expectAnnotatedRisk(app, at, ruleIds);
  });

  test('every case of the app is judged, and the Aspect, the plugin and the CLI report only these', async () => {
    const judged = new Set(risks.map(([name]) => name));
    expect(Object.keys(SURVEY8_RISKS).filter((name) => !judged.has(name))).toEqual([]);
    const expected = [
      ...new Set(risks.flatMap(([, , at, ruleIds]) => ruleIds.map((r) => `${r} @ ${at}`))),
      // Two reads of every resource in one statement: `s3:GetObject` and friends, and API keys.
      `data-exfiltration/unscoped-read @ ${ROLE_POLICY('NotActionsAllow/Fn/ServiceRole')}`,
    ];
    await expectParity(app, survey8RisksApp, SURVEY8_CONFIG, expected);
  });
});
