/**
 * The fourth survey of real CDK apps (survey4-apps.ts), each app synthesized once with the Aspect:
 * the idioms get no finding, every planted risk (escape hatches included) is reported and
 * annotated on its construct, an escape hatch that names nothing is an input error of the Aspect,
 * the CLI and the validation plugin alike, an empty stack is no error, and the validation plugin
 * given to `App` fails `cdk synth` with the report CDK prints and writes.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { App, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { Finding } from '@iamgate/core';
import { IamGuardValidation } from '../../packages/cdk-guard/src/cdk/validation-plugin';
import { pipelineApp } from './idiom-apps';
import { runCli } from './run-cli';
import { expectAnnotatedRisk, findingsAt, key, synthesize, tempOutdir } from './synthesize';
import type { Synthesized } from './synthesize';
import {
  SURVEY4_BROKEN,
  SURVEY4_CONFIG,
  SURVEY4_IDIOMS,
  SURVEY4_RISKS,
  survey4App,
  survey4BrokenApp,
  survey4RisksApp,
} from './survey4-apps';

// Synthesizing an app of a dozen constructs with assets takes seconds on a shared machine.
jest.setTimeout(120_000);

/** The CLI's findings on an assembly, compared with the Aspect's. */
async function cliFindings(app: Synthesized): Promise<{ code: number; findings: Finding[]; stderr: string }> {
  const { code, stdout, stderr } = await runCli([app.outdir, '--format', 'json', '--config', app.configFile]);
  return { code, findings: (JSON.parse(stdout) as { findings: Finding[] }).findings, stderr };
}

describe('survey4 idioms', () => {
  let app: Synthesized;
  beforeAll(() => {
    app = synthesize(survey4App, SURVEY4_CONFIG);
  });

  // Each construct wires IAM the way public CDK apps write it: no finding on it or below it.
  const idioms: [string, string][] = [
    [
      '`PolicyDocument.fromJson` in policies shared by two roles and attached later, and as an inline policy: functions, a table, a prefix',
      'Survey4/PolicyFromJson',
    ],
    [
      'a group with the ViewOnlyAccess job function and a member; one policy attached to two groups (one prefix)',
      'Survey4/ViewOnlyGroups',
    ],
    [
      'immutable roles (`withoutPolicyUpdates`) handed to a function, a build and a state machine: their grants are dropped',
      'Survey4/ImmutableRoles',
    ],
    [
      'the account trusted only for named roles (`withConditions` on `aws:PrincipalArn`), zone delegation, a deployer assuming the bootstrap roles',
      'Survey4/AccountTrustWithConditions',
    ],
    [
      '`SessionTagsPrincipal`: a tenant role chained from a function (leading keys by tag), a Pod Identity role, GitHub OIDC with `aud` and `sub`',
      'Survey4/SessionTags',
    ],
    [
      'ABAC: instance and secret actions on the account, only where the resource tag equals the team tag `Tags.of` put on the role',
      'Survey4/TagAbac',
    ],
    [
      '`NodejsFunction` `initialPolicy`: one sender identity with `ses:FromAddress`, X-Ray, one EKS cluster',
      'Survey4/NodejsInitialPolicy',
    ],
    [
      'an existing template brought in by `CfnInclude`: its role writes one prefix and passes the one role given as a parameter',
      'Survey4/IncludedTemplate',
    ],
    [
      'a `Lazy` list of queues in a policy; grants to an imported function land on its imported role',
      'Survey4/LazyAndImported',
    ],
    [
      "the AWS guide's self-managed credentials with MFA: `NotAction` deny without MFA, own password, keys and device by `${aws:username}`",
      'Survey4/SelfManagedMfa',
    ],
    [
      'resource policies for S3 and every principal, narrowed by `aws:SourceArn` and `aws:SourceAccount`',
      'Survey4/ConditionedResourcePolicies',
    ],
    ['a CI role deploying change sets of `app-*` stacks and passing one execution role', 'Survey4/ChangeSetDeployer'],
  ];
  test.each(idioms)('%s: no finding', (_name, construct) => {
    expect(app.paths.has(construct)).toBe(true);
    expect(findingsAt(app.findings, construct).map(key)).toEqual([]);
  });

  test('every case of the app is judged here', () => {
    const judged = new Set(idioms.map(([, at]) => at));
    expect(Object.keys(SURVEY4_IDIOMS).filter((name) => !judged.has(`Survey4/${name}`))).toEqual([]);
  });

  test('the immutable roles got none of the grants of the constructs they were given to', () => {
    // The function's table grant and the state machine's and build's own policies go nowhere.
    const policies = app.principals.filter((p) => p.startsWith('Survey4/ImmutableRoles/'));
    expect(policies.sort()).toEqual(
      ['Survey4/ImmutableRoles/BuildRole', 'Survey4/ImmutableRoles/MachineRole', 'Survey4/ImmutableRoles/Role'].sort(),
    );
  });

  test('no finding, no input error, no suppression, no unverifiable; the CLI agrees', async () => {
    expect(app.findings.map(key)).toEqual([]);
    expect(app.errors).toEqual([]);
    expect(app.suppressed).toEqual([]);
    expect(app.messages.filter(([, , m]) => m.startsWith('[iamgate]'))).toEqual([]);
    const cli = await cliFindings(app);
    expect([cli.code, cli.findings.map(key), cli.stderr]).toEqual([0, [], '']);
  });
});

describe('survey4 risks', () => {
  let app: Synthesized;
  beforeAll(() => {
    app = synthesize(survey4RisksApp, SURVEY4_CONFIG);
  });

  const risks: [string, string, string[]][] = [
    [
      'a `NodejsFunction` whose `initialPolicy` allows `*` on `*`',
      'Survey4Risks/SeederAdmin/Seeder/ServiceRole/DefaultPolicy/Resource',
      ['admin-access/full-access'],
    ],
    [
      'a `fromJson` managed policy with `s3:*` on every bucket of a name prefix',
      'Survey4Risks/FromJsonS3Star/Buckets/Resource',
      ['wildcard-action/service-wildcard'],
    ],
    [
      'the DatabaseAdministrator job function: every table, database and cache of the account, their resource policies, credentials',
      'Survey4Risks/DatabaseAdministrator/Dba/Resource',
      [
        'credentials-exposure/unscoped-credential-action',
        'resource-exposure/policy-change',
        'data-exfiltration/unscoped-read',
        'wildcard-action/service-wildcard',
      ],
    ],
    ['a policy attached to a user directly', 'Survey4Risks/UserPolicy/Reporter/Resource', ['iam-user/direct-policy']],
    [
      'a key policy letting any principal decrypt (`AnyPrincipal`, no condition)',
      'Survey4Risks/KeyForAnyone/Key/Resource',
      ['resource-exposure/public-principal'],
    ],
    [
      'every secret of the account read (the ABAC condition forgotten)',
      'Survey4Risks/SecretsWithoutTag/Role/DefaultPolicy/Resource',
      ['data-exfiltration/unscoped-read'],
    ],
    [
      'an included template whose role is given `*` as the role it passes',
      'Survey4Risks/IncludedPassRole/Legacy/ExporterRole',
      ['privilege-escalation/pass-role-wildcard'],
    ],
    [
      '`addPropertyOverride` widening a grant to `Resource: *`',
      'Survey4Risks/OverrideToStar/Role/DefaultPolicy/Resource',
      ['wildcard-resource/write-on-star'],
    ],
    [
      '`addDeletionOverride` removing the `sub` condition of a GitHub trust',
      'Survey4Risks/OverrideDropsSub/Deploy/Resource',
      ['trust-policy/oidc-missing-sub'],
    ],
    [
      'a trust policy replaced through `node.defaultChild` with every principal',
      'Survey4Risks/DefaultChildTrust/Role/Resource',
      ['resource-exposure/public-principal'],
    ],
  ];
  // Each is found on that construct and annotated there, at its severity.
  test.each(risks)('%s', (_name, constructPath, ruleIds) => {
    expectAnnotatedRisk(app, constructPath, ruleIds);
  });

  test('every case of the app is judged here, and nothing else is reported', () => {
    const judged = new Set(risks.map(([, at]) => at.split('/')[1]));
    expect(Object.keys(SURVEY4_RISKS).filter((name) => !judged.has(name))).toEqual([]);
    const expected = new Set(risks.flatMap(([, at, ruleIds]) => ruleIds.map((r) => `${r} @ ${at}`)));
    expect(app.findings.filter((f) => !expected.has(key(f))).map(key)).toEqual([]);
    expect(app.errors).toEqual([]);
    expect(app.findings.filter((f) => f.ruleId.startsWith('unverifiable/'))).toEqual([]);
  });

  test('the cdk-guard CLI on the cloud assembly reports what the Aspect reported, and fails', async () => {
    const cli = await cliFindings(app);
    expect(cli.code).toBe(1);
    expect(cli.findings.map(key).sort()).toEqual(app.findings.map(key).sort());
  });
});

describe('escape hatches that leave a reference to nothing', () => {
  let app: Synthesized;
  beforeAll(() => {
    app = synthesize(survey4BrokenApp, SURVEY4_CONFIG);
  });

  // The construct the reference is on, and what names nothing.
  const broken: [string, string, RegExp][] = [
    [
      'GetAttOfOtherStack',
      'Survey4BrokenGetAttOfOtherStack/Role/DefaultPolicy/Resource',
      /^\[iamgate\] `Fn::GetAtt` names `Jobs[0-9A-F]{8}`, which is not a resource of the template \(at `\/Resources\/RoleDefaultPolicy[0-9A-F]{8}\/Properties\/PolicyDocument\/Statement\/0\/Resource\/Fn::GetAtt`\)$/,
    ],
    [
      'RefOfMissingRole',
      'Survey4BrokenRefOfMissingRole/Deploy',
      /^\[iamgate\] `Ref` names `DeployRole`, which is neither a parameter nor a resource \(at `\/Resources\/Deploy\/Properties\/Roles\/0\/Ref`\)$/,
    ],
    [
      'SubOfMissingBucket',
      'Survey4BrokenSubOfMissingBucket/Role/DefaultPolicy/Resource',
      /^\[iamgate\] `Fn::GetAtt` names `ArchiveBucket`, which is not a resource of the template \(at `.*\/Statement\/0\/Resource\/Fn::Sub`\)$/,
    ],
    [
      'BoundaryOfMissingParameter',
      'Survey4BrokenBoundaryOfMissingParameter/Role/Resource',
      /^\[iamgate\] `Ref` names `BoundaryArn`, which is neither a parameter nor a resource \(at `.*\/Properties\/PermissionsBoundary\/Ref`\)$/,
    ],
    [
      'MisspelledFunction',
      'Survey4BrokenMisspelledFunction/Site/Policy/Resource',
      /^\[iamgate\] unknown intrinsic function `Fn::GetAttr` \(at `.*\/Statement\/0\/Principal\/AWS\/Fn::GetAttr`\)$/,
    ],
  ];

  test('every case of the app is judged here', () => {
    expect(Object.keys(SURVEY4_BROKEN).sort()).toEqual(broken.map(([name]) => name).sort());
  });

  test.each(broken)(
    '%s: an error on the construct that holds it (cdk synth fails)',
    (_name, constructPath, message) => {
      const errors = app.messages.filter(([, at, m]) => at === constructPath && m.startsWith('[iamgate]'));
      expect(errors).toEqual([['error', constructPath, expect.stringMatching(message)]]);
    },
  );

  test('the empty stack, which the CDK CLI does not deploy, is no error', () => {
    expect(app.messages.filter(([level, at]) => level === 'error' && at.startsWith('Survey4Empty'))).toEqual([]);
  });

  test('the CLI exits 2 with the same error, one line per broken template (file and pointer), none for the empty stack', async () => {
    const { code, stderr } = await runCli([app.outdir, '--config', app.configFile]);
    expect(code).toBe(2);
    // The Aspect says `[iamgate] message (at `pointer`)` where the CLI says `file: pointer: message`.
    const expected = broken.map(([name, constructPath]) => {
      const annotation = app.messages.find(([, at, m]) => at === constructPath && m.startsWith('[iamgate]'))?.[2] ?? '';
      const [, message, pointer] = /^\[iamgate\] (.*) \(at `([^`]+)`\)$/.exec(annotation) ?? [];
      return `${path.join(app.outdir, `Survey4Broken${name}.template.json`)}: ${pointer ?? '?'}: ${message ?? '?'}`;
    });
    expect(stderr.trim().split('\n').sort()).toEqual(expected.sort());
  });

  test('in a CDK Pipelines stage synthesized before the guard ran: an error on the pipeline stack that names the stage', () => {
    const pipeline = synthesize(
      (props) =>
        pipelineApp(props, (handler) => {
          handler.addToRolePolicy(new iam.PolicyStatement({ actions: ['sqs:SendMessage'], resources: ['*'] }));
          const policy = handler.role?.node.findChild('DefaultPolicy').node.defaultChild as iam.CfnPolicy;
          policy.addPropertyOverride('PolicyDocument.Statement.0.Resource', { 'Fn::GetAtt': ['Outbox', 'Arn'] });
        }),
      SURVEY4_CONFIG,
    );
    expect(pipeline.messages.filter(([, , m]) => m.startsWith('[iamgate]'))).toEqual([
      [
        'error',
        'Delivery',
        expect.stringMatching(
          /^\[iamgate\] `Fn::GetAtt` names `Outbox`, which is not a resource of the template \(at `.*\/Statement\/0\/Resource\/Fn::GetAtt`\) \(in stack `Delivery\/Prod\/Service`\) \(in stage `Delivery\/Prod`/,
        ),
      ],
    ]);
  });

  test('the validation plugin reports each as an input error and fails', () => {
    const outdir = tempOutdir();
    const plugin = new IamGuardValidation(SURVEY4_CONFIG);
    const synthesized = survey4BrokenApp({ outdir });
    quietly(() => synthesized.synth());
    const report = plugin.validate({
      templatePaths: [],
      stackTemplates: stackTemplates(synthesized.node.children.filter(Stack.isStack), outdir),
      appConstruct: synthesized,
    });
    expect(report.success).toBe(false);
    const inputErrors = report.violations.filter((v) => v.ruleName === 'iamgate/input-error');
    expect(inputErrors.map((v) => path.basename(v.violatingResources[0]?.templatePath ?? '')).sort()).toEqual(
      broken.map(([name]) => `Survey4Broken${name}.template.json`).sort(),
    );
  });
});

describe('the validation plugin given to `App` (policyValidationBeta1)', () => {
  test('the risks app: `cdk synth` fails, the report names each rule, construct and template, as the Aspect found them', () => {
    const outdir = tempOutdir();
    // The form the README shows, type-checked here: the plugin is a Beta1 plugin too.
    // eslint-disable-next-line @typescript-eslint/no-deprecated -- the form apps on CDK before Validations.of write
    const app = survey4RisksApp({ outdir, policyValidationBeta1: [new IamGuardValidation(SURVEY4_CONFIG)] });
    let printed = '';
    try {
      quietly(() => app.synth());
    } catch (err) {
      printed = err instanceof Error ? err.message : String(err);
    }
    // What CDK prints: each violation, its construct and its acknowledgement id, then where the report is.
    expect(printed).toMatch(/A copy of this report can be found in: .*validation-report\.json$/);
    const aspect = synthesize(survey4RisksApp, SURVEY4_CONFIG);
    for (const finding of aspect.findings) {
      expect(printed).toContain(`${finding.message} (iamgate)`);
      expect(printed).toContain(`Acknowledge with 'iamgate::${finding.ruleId}'`);
    }
    // What CDK writes beside the assembly: the plugin's report, each violation on its construct.
    const written = JSON.parse(readFileSync(path.join(outdir, 'validation-report.json'), 'utf8')) as ValidationReport;
    const iamgate = written.pluginReports.find((r) => r.pluginName === 'iamgate');
    expect(iamgate?.conclusion).toBe('failure');
    const found = (iamgate?.violations ?? []).flatMap((v) =>
      v.violatingConstructs.map((c) => `${v.ruleName} @ ${c.constructPath}`),
    );
    const templates = (iamgate?.violations ?? []).flatMap((v) =>
      v.violatingConstructs.map((c) => path.basename(c.cloudFormationResource?.templatePath ?? '')),
    );
    expect([...new Set(templates)]).toEqual(['Survey4Risks.template.json']);
    expect(found.sort()).toEqual(aspect.findings.map(key).sort());
  });

  // A warning (`write-on-star` on `sqs:PurgeQueue`) is printed either way; `failOn` decides whether it fails.
  test.each([
    ['never', false],
    ['error', false],
    ['warning', true],
  ] as const)('a warning with failOn `%s`: printed, synth fails: %s', (failOn, fails) => {
    const outdir = tempOutdir();
    const app = new App({ outdir });
    Validations.of(app).addPlugins(new IamGuardValidation({ ...SURVEY4_CONFIG, failOn }));
    const stack = new Stack(app, 'Warned', { env: { account: '111122223333', region: 'eu-west-1' } });
    const role = new iam.Role(stack, 'Role', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    role.addToPolicy(new iam.PolicyStatement({ actions: ['sqs:PurgeQueue'], resources: ['*'] }));
    let thrown = false;
    try {
      quietly(() => app.synth());
    } catch {
      thrown = true;
    }
    expect(thrown).toBe(fails);
    const written = JSON.parse(readFileSync(path.join(outdir, 'validation-report.json'), 'utf8')) as ValidationReport;
    const iamgate = written.pluginReports.find((r) => r.pluginName === 'iamgate');
    expect([iamgate?.conclusion, iamgate?.violations.map((v) => v.ruleName)]).toEqual([
      fails ? 'failure' : 'success',
      ['wildcard-resource/write-on-star'],
    ]);
  });

  test('the idioms app with an empty stack beside it: `cdk synth` passes', () => {
    // eslint-disable-next-line @typescript-eslint/no-deprecated -- the form apps on CDK before Validations.of write
    const app = survey4App({ outdir: tempOutdir(), policyValidationBeta1: [new IamGuardValidation(SURVEY4_CONFIG)] });
    new Stack(app, 'Survey4Empty', { env: { account: '111122223333', region: 'eu-west-1' } });
    expect(() => {
      quietly(() => app.synth());
    }).not.toThrow();
  });
});

/** The part of CDK's `validation-report.json` read here. */
interface ValidationReport {
  readonly pluginReports: {
    readonly pluginName: string;
    readonly conclusion: string;
    readonly violations: {
      readonly ruleName: string;
      readonly violatingConstructs: {
        readonly constructPath: string;
        readonly cloudFormationResource?: { readonly templatePath: string };
      }[];
    }[];
  }[];
}

/** Runs `fn` with the console silenced (aws-cdk-lib prints its own notes). */
function quietly(fn: () => void): void {
  const spies = (['log', 'warn', 'error', 'info'] as const).map((level) =>
    jest.spyOn(console, level).mockImplementation(() => undefined),
  );
  try {
    fn();
  } finally {
    for (const spy of spies) spy.mockRestore();
  }
}

/** The templates of the stacks of an assembly, as CDK gives them to a plugin. */
function stackTemplates(
  stacks: readonly Stack[],
  outdir: string,
): { stackConstructPath: string; templatePath: string; accountId: string; region: string }[] {
  return stacks.map((s) => ({
    stackConstructPath: s.node.path,
    templatePath: path.join(outdir, s.templateFile),
    accountId: s.account,
    region: s.region,
  }));
}
