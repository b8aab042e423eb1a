/**
 * cdk-guard on real CDK apps synthesized in-process with aws-cdk-lib: the Aspect's annotations,
 * the extracted scan input, the CLI on the written cloud assembly, and the validation plugin.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Aspects, Validations } from 'aws-cdk-lib';
import type { App } from 'aws-cdk-lib';
import type * as iam from 'aws-cdk-lib/aws-iam';
import { SymbolicValue, valueToString } from '@iamgate/core';
import type { Finding, PolicyValue, PrincipalInput, ScanInput } from '@iamgate/core';
import { IamGuard, IamGuardAspect } from '../../packages/cdk-guard/src/cdk/aspect';
import type { IamGuardReport } from '../../packages/cdk-guard/src/cdk/aspect';
import { IamGuardValidation } from '../../packages/cdk-guard/src/cdk/validation-plugin';
import { runCli } from './run-cli';
import { treeStacks } from '../../packages/cdk-guard/src/cdk/tree-source';
import { extractStacks } from '../../packages/cdk-guard/src/extract/extract';
import { loadInputs } from '../../packages/cdk-guard/src/template/cloud-assembly';
import { PLANTED, RISKY_CONFIG, crossStackApp, grantsApp, nestedStackApp, riskyApp } from './apps';

const outdirs: string[] = [];
function outdir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'cdk-guard-integ-'));
  outdirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of outdirs) rmSync(dir, { recursive: true, force: true });
});

interface Synthesized {
  readonly report: IamGuardReport;
  readonly outdir: string;
  /** Annotations of the assembly: `[level, path, message]`. */
  readonly messages: [string, string, string][];
}

function synthWithAspect(
  make: (props: { outdir: string }) => App,
  config: object,
  before?: (app: App) => void,
): Synthesized {
  const dir = outdir();
  const app = make({ outdir: dir });
  before?.(app);
  const aspect = IamGuardAspect.addTo(app, config);
  const assembly = app.synth();
  const messages = assembly.stacks.flatMap((s) =>
    s.messages.map(
      (m) =>
        [
          m.level,
          m.id.replace(/^\//, ''),
          typeof m.entry.data === 'string' ? m.entry.data : JSON.stringify(m.entry.data),
        ] as [string, string, string],
    ),
  );
  if (aspect.report === undefined) throw new Error('the aspect did not run');
  return { report: aspect.report, outdir: dir, messages };
}

function principal(report: IamGuardReport, id: string): PrincipalInput {
  const found = report.input.principals.find((p) => p.id === id);
  if (found === undefined)
    throw new Error(`no principal \`${id}\` in ${report.input.principals.map((p) => p.id).join(', ')}`);
  return found;
}

/** Every `Resource` of the identity policies of a principal, as text. */
function resourcesOf(p: PrincipalInput): string[] {
  return p.policies.flatMap((a) => {
    const document = a.policy?.document as { Statement?: { Resource?: PolicyValue | PolicyValue[] }[] } | undefined;
    return (document?.Statement ?? []).flatMap((s) =>
      s.Resource === undefined ? [] : [s.Resource].flat().map(valueToString),
    );
  });
}

describe('grant idioms', () => {
  let synthesized: Synthesized;
  beforeAll(() => {
    synthesized = synthWithAspect(grantsApp, {});
  });

  test('give no finding and no annotation', () => {
    expect(synthesized.report.result.findings).toEqual([]);
    expect(synthesized.report.result.errors).toEqual([]);
    expect(synthesized.messages.filter(([, , m]) => m.startsWith('['))).toEqual([]);
  });

  const grants: [string, RegExp][] = [
    ['Grants/BucketReader', /^arn:aws:s3:::\$\{the name of bucket `Data[0-9A-F]{8}`\}\/\*$/],
    ['Grants/BucketWriter', /^arn:aws:s3:::\$\{the name of bucket `Data[0-9A-F]{8}`\}$/],
    [
      'Grants/TableWriter',
      /^arn:aws:dynamodb:\$\{the region of the stack\}:\$\{the account of the stack\}:table\/\$\{the name of table `Orders[0-9A-F]{8}`\}$/,
    ],
    [
      'Grants/QueueSender',
      /^arn:aws:sqs:\$\{the region of the stack\}:\$\{the account of the stack\}:\$\{the name of queue `Jobs[0-9A-F]{8}`\}$/,
    ],
    [
      'Grants/TopicPublisher',
      /^arn:aws:sns:\$\{the region of the stack\}:\$\{the account of the stack\}:\$\{the name of topic `Events[0-9A-F]{8}`\}$/,
    ],
    [
      'Grants/KeyUser',
      /^arn:aws:kms:\$\{the region of the stack\}:\$\{the account of the stack\}:key\/\$\{the id of key `Key[0-9A-F]{8}`\}$/,
    ],
    [
      'Grants/Invoker',
      /^arn:aws:lambda:\$\{the region of the stack\}:\$\{the account of the stack\}:function:\$\{the name of function `Worker[0-9A-F]{8}`\}:\*$/,
    ],
    [
      'Grants/SecretReader',
      /^arn:aws:secretsmanager:\$\{the region of the stack\}:\$\{the account of the stack\}:secret:\$\{the name of secret `Token[0-9A-F]{8}`\}-\$\{the generated suffix of secret `Token[0-9A-F]{8}`\}$/,
    ],
  ];
  test.each(grants)('%s is scoped to the one resource it was granted', (id, expected) => {
    const resources = resourcesOf(principal(synthesized.report, id));
    expect(resources).not.toContain('*');
    expect(resources.some((r) => expected.test(r))).toBe(true);
  });

  test('the KMS key policy is extracted as a resource policy of that key', () => {
    const key = synthesized.report.input.resources.find((r) => r.type === 'AWS::KMS::Key');
    expect(key?.location.constructPath).toMatch(/^Grants\/Key\/Resource$/);
    expect(key && key.arn !== undefined && valueToString(key.arn)).toMatch(
      /:key\/\$\{the id of key `Key[0-9A-F]{8}`\}$/,
    );
  });
});

describe('cross-stack references', () => {
  test('a grant on a resource of another stack is that resource, for the Aspect and the CLI alike', async () => {
    const synthesized = synthWithAspect(crossStackApp, {});
    expect(synthesized.report.result.findings).toEqual([]);
    const resources = resourcesOf(principal(synthesized.report, 'Api/Handler'));
    expect(resources).toEqual(
      expect.arrayContaining([expect.stringMatching(/^arn:aws:s3:::\$\{the name of bucket `Store[0-9A-F]{8}`\}\/\*$/)]),
    );
    expect(resources).toEqual(
      expect.arrayContaining([expect.stringMatching(/:table\/\$\{the name of table `Orders[0-9A-F]{8}`\}$/)]),
    );
    const { stacks } = await loadInputs([synthesized.outdir], '/');
    const fromCli = extractStacks(stacks);
    const handler = fromCli.principals.find((p) => p.id === 'Api/Handler');
    expect(handler && resourcesOf(handler)).toEqual(resources);
  });
});

describe('nested stacks', () => {
  test('a role two NestedStacks down is judged by the CLI on the cloud assembly as by the Aspect', async () => {
    const synthesized = synthWithAspect(nestedStackApp, {});
    const byAspect = synthesized.report.result.findings.map((f) => [f.ruleId, f.principal]);
    expect(byAspect).toEqual([['privilege-escalation/pass-role-wildcard', expect.stringContaining('Deployer')]]);
    const { code, stdout } = await runCli([synthesized.outdir, '--format', 'json']);
    expect(code).toBe(1);
    const report = JSON.parse(stdout) as { findings: Finding[] };
    expect(report.findings.map((f) => [f.ruleId, f.principal])).toEqual([
      ['privilege-escalation/pass-role-wildcard', expect.stringMatching(/^Platform\/Deploy\/Runner\/Deployer/)],
    ]);
    // A synthesis and a CLI process: seconds on a busy machine.
  }, 60_000);
});

describe('planted risks', () => {
  let synthesized: Synthesized;
  beforeAll(() => {
    synthesized = synthWithAspect(riskyApp, RISKY_CONFIG);
  });

  test.each(Object.entries(PLANTED))(
    '%s is reported on the construct that has it',
    (_name, { ruleId, constructPath }) => {
      const findings = synthesized.report.result.findings.filter((f) => f.ruleId === ruleId);
      expect(findings.map((f) => f.location.constructPath)).toContain(constructPath);
      const annotation = synthesized.messages.find(
        ([, where, message]) => where === constructPath && message.startsWith(`[${ruleId}] `),
      );
      expect(annotation?.[0]).toBe(findings.find((f) => f.location.constructPath === constructPath)?.severity);
    },
  );

  test('the boundary applied by an aspect is read from the managed policy of the app', () => {
    const deployer = principal(synthesized.report, 'Risky/Team/Deployer');
    expect(deployer.permissionsBoundary?.arn).toBe('arn:aws:iam::111122223333:policy/app-boundary');
    expect(deployer.permissionsBoundary?.policy?.name).toBe('app-boundary');
    expect(principal(synthesized.report, 'Risky/Outsider').permissionsBoundary).toBeUndefined();
  });

  test('the OIDC trust names the provider by its ARN, and the provider is extracted', () => {
    const trust = principal(synthesized.report, 'Risky/Team/GithubDeploy').trustPolicy?.document as {
      Statement: { Principal: unknown }[];
    };
    expect(trust.Statement[0]?.Principal).toEqual({
      Federated: 'arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com',
    });
    expect(synthesized.report.input.identityProviders?.map((p) => [p.kind, p.url])).toEqual([
      ['oidc', 'token.actions.githubusercontent.com'],
    ]);
  });

  test('the public bucket policy protects that bucket', () => {
    const policy = synthesized.report.input.resources.find(
      (r) => r.location.constructPath === PLANTED.publicBucket.constructPath,
    );
    expect(policy?.type).toBe('AWS::S3::BucketPolicy');
    expect(policy?.arn && valueToString(policy.arn)).toMatch(
      /^arn:aws:s3:::\$\{the name of bucket `Public[0-9A-F]{8}`\}$/,
    );
  });

  test('resolving the construct tree (the fallback when a stack does not expose its template) extracts the same', () => {
    const app = riskyApp({ outdir: outdir() });
    app.synth();
    const { stacks } = treeStacks(app);
    const fromTree = extractStacks(stacks);
    const summary = (input: ScanInput): unknown =>
      JSON.parse(
        JSON.stringify(
          input.principals.map((p) => [
            p.id,
            p.location.constructPath,
            p.policies.map((a) => a.policy?.document),
            p.trustPolicy?.document,
            p.permissionsBoundary?.arn,
          ]),
          (_k, v: unknown) => (v instanceof SymbolicValue ? valueToString(v) : v),
        ),
      );
    expect(summary(fromTree)).toEqual(summary(synthesized.report.input));
  });

  test('the cdk-guard binary on cdk.out exits 1 and names the constructs', () => {
    const bin = path.join(__dirname, '../../packages/cdk-guard/bin/cdk-guard.js');
    if (!existsSync(path.join(__dirname, '../../packages/cdk-guard/dist/cli.js')))
      throw new Error('build first: npm run build');
    const configFile = path.join(synthesized.outdir, 'iamgate.config.json');
    writeFileSync(configFile, JSON.stringify(RISKY_CONFIG));
    const run = spawnSync(process.execPath, [bin, synthesized.outdir, '--config', configFile, '--format', 'json'], {
      encoding: 'utf8',
    });
    expect(run.status).toBe(1);
    const paths = (JSON.parse(run.stdout) as { findings: Finding[] }).findings.map((f) => f.location.constructPath);
    expect(paths.sort()).toEqual(synthesized.report.result.findings.map((f) => f.location.constructPath).sort());
    expect(paths).toEqual(expect.arrayContaining(Object.values(PLANTED).map((p) => p.constructPath)));
  });

  test('the CLI on cdk.out gives the same findings as the Aspect', async () => {
    const configFile = path.join(synthesized.outdir, 'iamgate.config.json');
    writeFileSync(configFile, JSON.stringify(RISKY_CONFIG));
    const { code, stdout } = await runCli([synthesized.outdir, '--format', 'json', '--config', configFile]);
    expect(code).toBe(1);
    const cli = (JSON.parse(stdout) as { findings: Finding[] }).findings;
    const key = (f: Finding): string =>
      [
        f.ruleId,
        f.severity,
        f.location.constructPath,
        f.location.logicalId,
        f.principal,
        f.message,
        f.fingerprint,
      ].join(' | ');
    expect(cli.map(key).sort()).toEqual(synthesized.report.result.findings.map(key).sort());
  });
});

describe('suppressions', () => {
  const reason = 'the deployer passes the roles of the pipeline it creates';
  let synthesized: Synthesized;
  beforeAll(() => {
    synthesized = synthWithAspect(riskyApp, RISKY_CONFIG, (app) => {
      const deployer = app.node.findAll().find((c) => c.node.path === 'Risky/Team/Deployer') as iam.Role;
      IamGuard.suppress(deployer, { rule: 'privilege-escalation/pass-role-wildcard', reason, expires: '2099-12-31' });
    });
  });

  test('a suppressed finding is kept with its reason and not annotated', () => {
    const passRole = (f: Finding): boolean => f.ruleId === 'privilege-escalation/pass-role-wildcard';
    expect(synthesized.report.result.findings.filter(passRole)).toEqual([]);
    expect(synthesized.report.result.suppressed.filter(passRole).map((f) => f.suppression.reason)).toEqual([reason]);
    expect(synthesized.messages.some(([, , m]) => m.startsWith('[privilege-escalation/pass-role-wildcard]'))).toBe(
      false,
    );
  });

  test('the suppression is recorded in the template metadata of the construct', () => {
    const template = JSON.parse(readFileSync(path.join(synthesized.outdir, 'Risky.template.json'), 'utf8')) as {
      Resources: Record<string, { Metadata?: Record<string, unknown> }>;
    };
    const recorded = Object.entries(template.Resources).filter(([, r]) => r.Metadata?.['iamgate'] !== undefined);
    expect(recorded.map(([id]) => id.replace(/[0-9A-F]{8}$/, '')).sort()).toEqual([
      'TeamDeployer',
      'TeamDeployerDefaultPolicy',
    ]);
    expect(recorded[0]?.[1].Metadata?.['iamgate']).toEqual({
      suppressions: [{ rule: 'privilege-escalation/pass-role-wildcard', reason, expires: '2099-12-31' }],
    });
  });

  test('a malformed suppression throws when it is added', () => {
    const app = riskyApp();
    expect(() => {
      IamGuard.suppress(app, { rule: 'privilege-escalation/pass-role-wildcard', reason: '' });
    }).toThrow(/reason/);
  });

  test('the CLI honours the suppressions recorded in the templates', async () => {
    const configFile = path.join(synthesized.outdir, 'iamgate.config.json');
    writeFileSync(configFile, JSON.stringify(RISKY_CONFIG));
    const { stdout } = await runCli([synthesized.outdir, '--format', 'json', '--config', configFile]);
    const report = JSON.parse(stdout) as {
      findings: Finding[];
      suppressed: { ruleId: string; suppression: { reason: string } }[];
    };
    expect(report.findings.some((f) => f.ruleId === 'privilege-escalation/pass-role-wildcard')).toBe(false);
    expect(report.suppressed.map((f) => [f.ruleId, f.suppression.reason])).toEqual([
      ['privilege-escalation/pass-role-wildcard', reason],
    ]);
  });
});

describe('validation plugin', () => {
  test('violations name the rule and the resource, and fail the synthesis', () => {
    const plugin = new IamGuardValidation(RISKY_CONFIG);
    const dir = outdir();
    const app = riskyApp({ outdir: dir });
    Validations.of(app).addPlugins(plugin);
    const log = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      expect(() => app.synth()).toThrow(/Acknowledge with 'iamgate::privilege-escalation\/pass-role-wildcard'/);
    } finally {
      log.mockRestore();
    }
    const templatePath = path.join(dir, 'Risky.template.json');
    const report = plugin.validate({
      templatePaths: [templatePath],
      stackTemplates: [{ stackConstructPath: 'Risky', templatePath, accountId: '111122223333', region: 'eu-west-1' }],
      appConstruct: app,
    });
    expect(report.success).toBe(false);
    const found = report.violations.map((v) => [v.ruleName, v.violatingResources[0]?.resourceLogicalId]);
    expect(found).toContainEqual([
      'privilege-escalation/pass-role-wildcard',
      expect.stringMatching(/^TeamDeployerDefaultPolicy/),
    ]);
    expect(report.violations.map((v) => v.ruleName)).toEqual(
      expect.arrayContaining(Object.values(PLANTED).map((p) => p.ruleId)),
    );
    const aspect = synthWithAspect(riskyApp, RISKY_CONFIG).report.result.findings;
    expect(report.violations.map((v) => v.ruleName).sort()).toEqual(aspect.map((f) => f.ruleId).sort());
  });

  test('an app without risk passes', () => {
    const plugin = new IamGuardValidation();
    const app = grantsApp({ outdir: outdir() });
    Validations.of(app).addPlugins(plugin);
    expect(() => app.synth()).not.toThrow();
  });
});

describe('configuration', () => {
  test('an invalid configuration throws when the aspect is created', () => {
    expect(() => new IamGuardAspect({ rules: { 'wildcard-action': 'loud' } } as never)).toThrow(
      /invalid iamgate configuration/,
    );
  });

  test('an aspect added without a priority still sees the boundary applied by a mutating aspect', () => {
    const app = riskyApp({ outdir: outdir() });
    const aspect = new IamGuardAspect(RISKY_CONFIG);
    Aspects.of(app).add(aspect);
    app.synth();
    const missing = aspect.report?.result.findings
      .filter((f) => f.ruleId === 'boundary/missing-required')
      .map((f) => f.principal);
    expect(missing).toEqual(['Risky/Outsider']);
  });
});
