/**
 * The twenty-second survey (survey22-apps.ts, README.md): the Amazon Bedrock AgentCore constructs
 * of aws-cdk-lib and their grants, an execution role shared by several functions, Step Functions
 * tasks left out before (`EvaluateExpression`, `EksCall`, `MediaConvertCreateJob`), managed
 * policies attached to groups and to a user, and a partner role with a session limit and inline
 * policies, synthesized once with the Aspect: the idioms get no finding, the planted risks are
 * reported on the construct that holds them, and the validation plugin and the CLI on the assembly
 * report what the Aspect does.
 */
import { expectAnnotatedRisk, expectParity, findingsAt, key, synthesize } from '../synthesize';
import type { Synthesized } from '../synthesize';
import { SURVEY22_CONFIG, SURVEY22_IDIOMS, SURVEY22_RISKS, survey22App, survey22RisksApp } from './survey22-apps';

// Synthesizing apps with a dozen functions and state machines takes seconds on a shared machine.
jest.setTimeout(240_000);

describe('survey22 idioms', () => {
  let app: Synthesized;
  beforeAll(() => {
    app = synthesize(survey22App, SURVEY22_CONFIG);
  });

  const idioms: [string, string][] = [
    [
      'an AgentCore runtime granted its memory, a gateway to a Lambda tool, a code interpreter and a browser; a function invoking it',
      'AgentCoreRuntime',
    ],
    ['`grantAdmin` and `grantFullAccess` of one AgentCore memory', 'AgentCoreMemoryAdmin'],
    ['one execution role given to two functions, each granted what it uses', 'SharedExecutionRole'],
    ['`EvaluateExpression` in a state machine', 'EvaluateExpression'],
    ['`EksCall` on an imported cluster', 'EksCallImported'],
    ['a managed policy given to two groups (`groups:`, `attachToGroup`)', 'ManagedPolicyOnGroups'],
    ['a partner role with an external id, 12-hour sessions and inline policies on its export prefix', 'PartnerRole'],
  ];
  test.each(idioms)('%s: no finding', (_name, name) => {
    expect(app.paths.has(`Survey22/${name}`)).toBe(true);
    expect(findingsAt(app.findings, `Survey22/${name}`).map(key)).toEqual([]);
  });

  test('every idiom of the app is judged here', () => {
    const judged = new Set(idioms.map(([, name]) => name));
    expect(Object.keys(SURVEY22_IDIOMS).filter((name) => !judged.has(name))).toEqual([]);
  });

  test('the roles the AgentCore constructs create, the shared role and the users are checked', () => {
    expect(app.principals).toEqual(
      expect.arrayContaining([
        'Survey22/AgentCoreRuntime/Runtime/ExecutionRole',
        'Survey22/AgentCoreRuntime/Memory/ServiceRole',
        'Survey22/AgentCoreRuntime/Gateway/ServiceRole',
        'Survey22/AgentCoreRuntime/Interpreter/ServiceRole',
        'Survey22/AgentCoreRuntime/Browser/ServiceRole',
        'Survey22/AgentCoreRuntime/Caller/ServiceRole',
        'Survey22/AgentCoreMemoryAdmin/Ops/ServiceRole',
        'Survey22/SharedExecutionRole/FunctionsRole',
        'Survey22/EvaluateExpression/Machine/Role',
        'Survey22/ManagedPolicyOnGroups/Readers',
        'Survey22/ManagedPolicyOnGroups/Auditors',
        'Survey22/ManagedPolicyOnGroups/Analyst',
        'Survey22/PartnerRole/Partner',
      ]),
    );
  });

  test('the Aspect, the plugin and the CLI find nothing', async () => {
    await expectParity(app, survey22App, SURVEY22_CONFIG, []);
  });
});

describe('survey22 planted risks', () => {
  let app: Synthesized;
  beforeAll(() => {
    app = synthesize(survey22RisksApp, SURVEY22_CONFIG);
  });

  // The case, what a reviewer refuses, the construct the findings are on, and their rules.
  const risks: [string, string, string, string[]][] = [
    [
      'AgentCoreWideGrant',
      '`runtime.grant(["bedrock-agentcore:*"], ["*"])`: every AgentCore action on every resource, code interpreters included',
      'Survey22Risks/AgentCoreWideGrant/Runtime/ExecutionRole/DefaultPolicy/Resource',
      [
        'privilege-escalation/run-as-existing-role',
        'wildcard-action/service-wildcard',
        'wildcard-resource/write-on-star',
      ],
    ],
    [
      'SharedRolePassAny',
      '`iam:PassRole` on `*` added through one function: on the role both functions run as',
      'Survey22Risks/SharedRolePassAny/FunctionsRole/DefaultPolicy/Resource',
      ['privilege-escalation/pass-role-wildcard'],
    ],
    [
      'MediaConvertJob',
      '`MediaConvertCreateJob`: `mediaconvert:CreateJob` and `CancelJob` on `*`, written by aws-cdk-lib',
      'Survey22Risks/MediaConvertJob/Machine/Role/DefaultPolicy/Resource',
      ['wildcard-resource/write-on-star'],
    ],
    [
      'ManagedPolicyOnUser',
      '`policy.attachToUser(user)`: permissions on a user, not through a group',
      'Survey22Risks/ManagedPolicyOnUser/BreakGlass/Resource',
      ['iam-user/direct-policy'],
    ],
  ];
  test.each(risks)('%s: %s, annotated on the construct', (_case, _name, at, ruleIds) => {
    expectAnnotatedRisk(app, at, ruleIds);
  });

  test('the MediaConvert state machine may pass only the transcoder role, to MediaConvert: no pass-role finding', () => {
    expect(app.findings.filter((f) => f.ruleId.startsWith('privilege-escalation/pass-role')).map(key)).toEqual([
      'privilege-escalation/pass-role-wildcard @ Survey22Risks/SharedRolePassAny/FunctionsRole/DefaultPolicy/Resource',
    ]);
  });

  test('every case of the app is judged, and the Aspect, the plugin and the CLI report only these', async () => {
    const judged = new Set(risks.map(([name]) => name));
    expect(Object.keys(SURVEY22_RISKS).filter((name) => !judged.has(name))).toEqual([]);
    const expected = risks.flatMap(([, , at, ruleIds]) => ruleIds.map((r) => `${r} @ ${at}`));
    const found = app.findings.map(key);
    // A rule may report a construct more than once (one finding per statement or per action group).
    expect([...new Set(found)].sort()).toEqual([...expected].sort());
    await expectParity(app, survey22RisksApp, SURVEY22_CONFIG, found);
  });
});
