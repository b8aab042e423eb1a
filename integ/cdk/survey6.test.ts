/**
 * The sixth survey (survey6-apps.ts), IAM that third-party construct libraries write, reproduced
 * with aws-cdk-lib and synthesized once with the Aspect: the idioms get no finding, what the
 * libraries write that a reviewer would still raise is reported where it is written, the planted
 * risks in stacks whose template is an asset of another stack (a Service Catalog product, a stack
 * set) are reported by the Aspect and by the validation plugin alike, boundaries applied to a
 * stage are seen, and the CLI reads the same from the cloud assembly.
 */
import type { Finding } from '@iamgate/core';
import { runCli } from './run-cli';
import { expectAnnotatedRisk, findingsAt, key, pluginReport, synthesize, violationKeys } from './synthesize';
import type { Synthesized } from './synthesize';
import {
  SURVEY6_BOUNDARY_CONFIG,
  SURVEY6_CONFIG,
  SURVEY6_IDIOMS,
  SURVEY6_REAL,
  SURVEY6_RISKS,
  survey6App,
  survey6BoundaryApp,
  survey6RisksApp,
} from './survey6-apps';

// Synthesizing apps with a VPC, a load balancer and assets takes seconds on a shared machine.
jest.setTimeout(120_000);

/** The CLI's findings on an assembly, compared with the Aspect's. */
async function cliFindings(app: Synthesized): Promise<{ code: number; findings: Finding[]; stderr: string }> {
  const { code, stdout, stderr } = await runCli([app.outdir, '--format', 'json', '--config', app.configFile]);
  return { code, findings: (JSON.parse(stdout) as { findings: Finding[] }).findings, stderr };
}

describe('survey6 idioms', () => {
  let app: Synthesized;
  beforeAll(() => {
    app = synthesize(survey6App, SURVEY6_CONFIG);
  });

  // Each case wires IAM the way the libraries do: no finding on it or below it.
  const idioms: [string, string][] = [
    [
      "an ECS service deployed blue/green by CodeDeploy: the deployment group's role has AWSCodeDeployRoleForECS",
      'Survey6/EcsBlueGreen',
    ],
    [
      'statements a builder renders: instances started by tag on `*`, compacted KMS reads on `*`, objects of one prefix',
      'Survey6/StatementBuilder',
    ],
    ['a Service Catalog product whose stack grants one table', 'Survey6/ScopedProduct'],
  ];
  test.each(idioms)('%s: no finding', (_name, construct) => {
    expect(app.paths.has(construct)).toBe(true);
    expect(findingsAt(app.findings, construct).map(key)).toEqual([]);
  });

  test('every idiom of the app is judged here', () => {
    const judged = new Set(idioms.map(([, at]) => at));
    expect(Object.keys(SURVEY6_IDIOMS).filter((name) => !judged.has(`Survey6/${name}`))).toEqual([]);
  });

  test("the product's stack is checked: its function's role is among the principals", () => {
    expect(app.principals).toContain('Survey6/ScopedProduct/Stack/Api/ServiceRole');
  });

  // Written by the libraries, and worth raising: a developer can act on each or suppress it.
  const real: [string, string, string][] = [
    [
      '`dynamodb:*` on one table (`grantFullAccess`), its resource policy included',
      'wildcard-action/service-wildcard',
      'Survey6/TableAllActions/Fn/ServiceRole/DefaultPolicy/Resource',
    ],
    [
      "the Lambda VPC actions written inline on `*`: the function's code may delete any network interface",
      'wildcard-resource/write-on-star',
      'Survey6/VpcActionsInline/Fn/ServiceRole/DefaultPolicy/Resource',
    ],
    [
      "API Gateway's logging role written inline: the log reads on every log group of the account",
      'data-exfiltration/unscoped-read',
      'Survey6/ApiLogsRoleInline/LogsRole/Resource',
    ],
    [
      'the same role: log writes on every log group of the account',
      'wildcard-resource/write-on-star',
      'Survey6/ApiLogsRoleInline/LogsRole/Resource',
    ],
    [
      'an image copy handler pushing images to every repository',
      'wildcard-resource/write-on-star',
      'Survey6/ImageCopyHandler/Copy/ServiceRole/DefaultPolicy/Resource',
    ],
    [
      'the same handler reading every object of every bucket',
      'data-exfiltration/unscoped-read',
      'Survey6/ImageCopyHandler/Copy/ServiceRole/DefaultPolicy/Resource',
    ],
    [
      'a NAT instance attaching and changing any network interface',
      'wildcard-resource/write-on-star',
      'Survey6/NatInstanceEni/NatRole/Resource',
    ],
  ];
  test.each(real)('%s', (_name, ruleId, constructPath) => {
    expectAnnotatedRisk(app, constructPath, [ruleId]);
  });

  test('nothing else is reported: no input error, no unverifiable', () => {
    expect(
      Object.keys(SURVEY6_REAL).filter((name) => !real.some(([, , at]) => at.startsWith(`Survey6/${name}/`))),
    ).toEqual([]);
    const expected = new Set(real.map(([, ruleId, at]) => `${ruleId} @ ${at}`));
    expect(app.findings.filter((f) => !expected.has(key(f))).map(key)).toEqual([]);
    expect(app.errors).toEqual([]);
    expect(app.messages.filter(([, , m]) => m.startsWith('[iamgate]'))).toEqual([]);
  });

  test('the validation plugin reports what the Aspect did', () => {
    const report = pluginReport(survey6App, SURVEY6_CONFIG);
    expect(violationKeys(report).sort()).toEqual(app.findings.map(key).sort());
  });
});

describe('survey6 risks in stacks written as assets of another stack', () => {
  let app: Synthesized;
  beforeAll(() => {
    app = synthesize(survey6RisksApp, SURVEY6_CONFIG);
  });

  // The case, what a reviewer refuses, the construct the finding is on, and its rules.
  const risks: [string, string, string, string[]][] = [
    [
      'AdminProduct',
      'a product whose stack creates a role with AdministratorAccess that the account assumes',
      'Survey6Risks/AdminProduct/Stack/Admin/Resource',
      ['admin-access/full-access', 'trust-policy/account-root'],
    ],
    [
      'StackSetPassRole',
      'a stack set deploying a function role that may pass any role',
      'Survey6Risks/StackSetPassRole/Deployed/Worker/DefaultPolicy/Resource',
      ['privilege-escalation/pass-role-wildcard'],
    ],
  ];
  test('AdminProduct: found on the role in the product stack and annotated there (CDK collects its annotations into the parent)', () => {
    const [, , at, ruleIds] = risks[0] ?? [];
    expectAnnotatedRisk(app, at ?? '?', ruleIds ?? ['?']);
  });

  test("StackSetPassRole: found on the role's policy in the stack set's stack, and annotated on the construct the stack is defined in (no artifact collects the stack's own)", () => {
    const [, , at] = risks[1] ?? [];
    const finding = app.findings.find((f) => f.location.constructPath === at);
    expect(finding?.ruleId).toBe('privilege-escalation/pass-role-wildcard');
    const relayed = app.messages.filter(
      ([, where, m]) => where === 'Survey6Risks/StackSetPassRole' && m.includes(`(on \`${at ?? '?'}\`:`),
    );
    expect(relayed.map(([level, , m]) => [level, m.slice(0, m.indexOf(']') + 1)])).toEqual([
      ['error', '[privilege-escalation/pass-role-wildcard]'],
    ]);
  });

  test('every case of the app is judged here, and nothing else is reported', () => {
    const judged = new Set(risks.map(([name]) => name));
    expect(Object.keys(SURVEY6_RISKS).filter((name) => !judged.has(name))).toEqual([]);
    const expected = new Set(risks.flatMap(([, , at, ruleIds]) => ruleIds.map((r) => `${r} @ ${at}`)));
    expect(app.findings.filter((f) => !expected.has(key(f))).map(key)).toEqual([]);
    expect(app.errors).toEqual([]);
  });

  test('the validation plugin reads the templates CDK writes as assets, and fails as the Aspect does', () => {
    const report = pluginReport(survey6RisksApp, SURVEY6_CONFIG);
    expect(report.success).toBe(false);
    expect(violationKeys(report).sort()).toEqual(app.findings.map(key).sort());
  });

  test('the CLI on the assembly reads the templates CDK writes as assets (product, stack set) and reports what the Aspect does', async () => {
    const cli = await cliFindings(app);
    // Without path metadata (`cdk synth` writes it; this synthesis does not), the assembly names the
    // construct of a stack set stack's resource nowhere: the findings are compared by logical id.
    const byId = (f: Finding): string => `${f.ruleId} @ ${f.location.logicalId ?? '?'}`;
    expect(cli.findings.map(byId).sort()).toEqual(app.findings.map(byId).sort());
    const product = cli.findings.filter((f) => f.ruleId === 'admin-access/full-access');
    expect(product.map(key)).toEqual(['admin-access/full-access @ Survey6Risks/AdminProduct/Stack/Admin/Resource']);
    const stackSet = cli.findings.find((f) => f.ruleId === 'privilege-escalation/pass-role-wildcard');
    expect(stackSet?.location.file).toMatch(/Deployed[0-9A-F]*\.template\.json$/);
    expect(cli.code).toBe(1);
  });
});

describe('survey6 boundaries applied to a stage or to the app', () => {
  let app: Synthesized;
  beforeAll(() => {
    app = synthesize(survey6BoundaryApp, SURVEY6_BOUNDARY_CONFIG);
  });

  test("a stage's stacks under `PermissionsBoundary.of(stage)` or the stage's `permissionsBoundary` have it: no finding", () => {
    for (const stage of ['ByAspect', 'ByProp']) {
      expect(app.principals).toContain(`${stage}/Service/Fn/ServiceRole`);
      expect(findingsAt(app.findings, stage).map(key)).toEqual([]);
    }
  });

  test('`PermissionsBoundary.of(app)` does not reach a stage CDK synthesized before: its role has none, reported', () => {
    expectAnnotatedRisk(app, 'UnderApp/Service/Fn/ServiceRole/Resource', ['boundary/missing-required']);
    expect(app.findings.map(key)).toEqual(['boundary/missing-required @ UnderApp/Service/Fn/ServiceRole/Resource']);
  });

  test('the CLI on the nested assemblies agrees, and fails', async () => {
    const cli = await cliFindings(app);
    expect(cli.code).toBe(1);
    expect(cli.findings.map(key).sort()).toEqual(app.findings.map(key).sort());
  });
});
