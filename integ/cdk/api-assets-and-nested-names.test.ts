/**
 * A `SpecRestApi` whose definition is an asset of the cloud assembly (`ApiDefinition.fromAsset`),
 * in a stack and in a `NestedStack`, and findings in a `NestedStack`: the Aspect, the validation
 * plugin and the CLI on `cdk.out` judge the definition's `x-amazon-apigateway-policy` alike, and
 * locate each finding at the same stack (a nested stack named as the CLI names it,
 * `<parent>/<nested stack id>`), with the same fingerprint. A definition in a bucket the app does
 * not write stays not checked in every path; one that cannot be read is an input error.
 */
import { readdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { App, Aws, NestedStack, Stack } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { SymbolicValue, valueToString } from '@iamgate/core';
import type { Finding, ScanInput } from '@iamgate/core';
import { IamGuardAspect } from '../../packages/cdk-guard/src/cdk/aspect';
import { IamGuardValidation } from '../../packages/cdk-guard/src/cdk/validation-plugin';
import { treeStacks } from '../../packages/cdk-guard/src/cdk/tree-source';
import { extractStacks } from '../../packages/cdk-guard/src/extract/extract';
import { guardStacks } from '../../packages/cdk-guard/src/guard';
import { loadInputs } from '../../packages/cdk-guard/src/template/cloud-assembly';
import { runCli } from './run-cli';
import { synthesize, tempOutdir } from './synthesize';

const DEFINITION = path.join(__dirname, 'spec-rest-api.openapi.yaml');

/** `Shop` with a public SpecRestApi and one whose definition is in a bucket; `Shop/Back` (nested) with another and a role passing any role. */
function app(props: { outdir: string }): App {
  const created = new App(props);
  const shop = new Stack(created, 'Shop', { env: { account: '111122223333', region: 'eu-west-1' } });
  new apigateway.SpecRestApi(shop, 'Front', { apiDefinition: apigateway.ApiDefinition.fromAsset(DEFINITION) });
  const specs = new s3.Bucket(shop, 'Specs');
  new apigateway.SpecRestApi(shop, 'FromBucket', {
    apiDefinition: apigateway.ApiDefinition.fromBucket(specs, 'openapi.yaml'),
  });
  const back = new NestedStack(shop, 'Back');
  new apigateway.SpecRestApi(back, 'Internal', { apiDefinition: apigateway.ApiDefinition.fromAsset(DEFINITION) });
  const deployer = new iam.Role(back, 'Deployer', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
  deployer.addToPolicy(new iam.PolicyStatement({ actions: ['iam:PassRole'], resources: ['*'] }));
  return created;
}

/** `rule @ construct path [stack]` of each finding, sorted; the CloudWatch roles of the APIs aside. */
const rows = (findings: readonly Pick<Finding, 'ruleId' | 'location'>[]): string[] =>
  findings
    .filter((f) => !(f.location.constructPath ?? '').includes('CloudWatchRole'))
    .map((f) => `${f.ruleId} @ ${f.location.constructPath ?? '?'} [${f.location.stack ?? 'no stack'}]`)
    .sort();

const EXPECTED = [
  'privilege-escalation/pass-role-wildcard @ Shop/Back/Deployer/DefaultPolicy/Resource [Shop/Back]',
  'resource-exposure/public-principal @ Shop/Back/Internal/Resource [Shop/Back]',
  'resource-exposure/public-principal @ Shop/Front/Resource [Shop]',
  'unverifiable/unresolved-policy @ Shop/FromBucket/Resource [Shop]',
];

describe('SpecRestApi definitions as assets, and the names of nested stacks, in every path', () => {
  let aspect: readonly Finding[];
  let cli: readonly Finding[];
  beforeAll(async () => {
    const synthesized = synthesize(app, {});
    expect(synthesized.errors).toEqual([]);
    aspect = synthesized.findings;
    const run = await runCli(['--format', 'json', '--fail-on', 'never', synthesized.outdir]);
    expect([run.code, run.stderr]).toEqual([0, '']);
    cli = (JSON.parse(run.stdout) as { findings: Finding[] }).findings;
  }, 60_000);

  it('the Aspect reads the asset definitions and names the nested stack', () => {
    expect(rows(aspect)).toEqual(EXPECTED);
  });

  it('the CLI on cdk.out finds the same', () => {
    expect(rows(cli)).toEqual(EXPECTED);
  });

  it('the Aspect and the CLI give each finding the same fingerprint', () => {
    const fingerprints = (findings: readonly Finding[]): string[] => findings.map((f) => f.fingerprint).sort();
    expect(fingerprints(aspect)).toEqual(fingerprints(cli));
  });

  it('resolving the construct tree (the fallback of the Aspect, for a stage synthesized early) finds the same', () => {
    const created = app({ outdir: tempOutdir() });
    created.synth();
    const { result } = guardStacks(treeStacks(created).stacks, {});
    expect(rows(result.findings)).toEqual(EXPECTED);
  }, 60_000);

  it('the validation plugin finds the same, with the same fingerprints', () => {
    const created = app({ outdir: tempOutdir() });
    created.synth();
    const templatePath = path.join(created.outdir, 'Shop.template.json');
    const report = new IamGuardValidation({}).validate({
      templatePaths: [templatePath],
      stackTemplates: [{ stackConstructPath: 'Shop', templatePath, accountId: '111122223333', region: 'eu-west-1' }],
      appConstruct: created,
    });
    const violations = report.violations
      .filter((v) => !(v.violatingResources[0]?.constructPath ?? '').includes('CloudWatchRole'))
      .map((v) => `${v.ruleName} @ ${v.violatingResources[0]?.constructPath ?? '?'}`)
      .sort();
    expect(violations).toEqual(EXPECTED.map((row) => row.replace(/ \[.*\]$/, '')));
    expect(report.violations.map((v) => v.ruleMetadata?.['fingerprint']).sort()).toEqual(
      cli.map((f) => f.fingerprint).sort(),
    );
  }, 60_000);
});

describe('an asset definition that cannot be read is said so, never a silent pass', () => {
  it('the validation plugin reports an input error and fails; the API stays not checked', () => {
    const created = app({ outdir: tempOutdir() });
    created.synth();
    const asset = readdirSync(created.outdir).find((f) => f.startsWith('asset.') && f.endsWith('.yaml'));
    if (asset === undefined) throw new Error('no asset written');
    writeFileSync(path.join(created.outdir, asset), 'paths: [unclosed');
    const templatePath = path.join(created.outdir, 'Shop.template.json');
    const report = new IamGuardValidation({ failOn: 'never' }).validate({
      templatePaths: [templatePath],
      stackTemplates: [{ stackConstructPath: 'Shop', templatePath, accountId: '111122223333', region: 'eu-west-1' }],
      appConstruct: created,
    });
    expect(report.success).toBe(false);
    expect(
      report.violations
        .filter((v) => v.ruleName === 'iamgate/input-error')
        .map((v) => [v.violatingResources[0]?.locations, v.description.replace(/: invalid YAML.*/, '')]),
    ).toEqual([
      [
        ['/Resources/Front0087DB4F/Properties/BodyS3Location'],
        `API definition asset \`${asset}\` of \`Front0087DB4F\``,
      ],
      [
        ['/Resources/Internal606E9597/Properties/BodyS3Location'],
        `API definition asset \`${asset}\` of \`Internal606E9597\``,
      ],
    ]);
    expect(
      report.violations
        .filter((v) => v.ruleName === 'unverifiable/unresolved-policy')
        .map((v) => v.violatingResources[0]?.constructPath)
        .sort(),
    ).toEqual(['Shop/Back/Internal/Resource', 'Shop/FromBucket/Resource', 'Shop/Front/Resource']);
  }, 60_000);
});

describe('an asset definition the Aspect cannot read', () => {
  it('is an error on the stack (the synthesis fails, as the plugin does), and the API stays not checked', () => {
    const dir = tempOutdir();
    const broken = path.join(dir, 'broken.yaml');
    writeFileSync(broken, 'paths: [unclosed');
    const synthesized = synthesize((props) => {
      const created = new App(props);
      const shop = new Stack(created, 'Shop', { env: { account: '111122223333', region: 'eu-west-1' } });
      new apigateway.SpecRestApi(shop, 'Front', { apiDefinition: apigateway.ApiDefinition.fromAsset(broken) });
      return created;
    }, {});
    expect(rows(synthesized.findings)).toEqual(['unverifiable/unresolved-policy @ Shop/Front/Resource [Shop]']);
    expect(
      synthesized.messages
        .filter(([, , message]) => message.startsWith('[iamgate] API definition asset'))
        .map(([level, at, message]) => [level, at, message.replace(/: invalid YAML.*/s, '')]),
    ).toEqual([
      [
        'error',
        'Shop',
        expect.stringMatching(/^\[iamgate\] API definition asset `asset\.[0-9a-f]+\.yaml` of `Front[0-9A-F]{8}`$/),
      ],
    ]);
  }, 60_000);
});

describe('`AWS::StackName` in a nested stack is unknown before deploy (its name in findings is not its CloudFormation name)', () => {
  /** A nested stack whose role writes to the buckets named after the stack. */
  const named = (props: { outdir: string }): App => {
    const created = new App(props);
    const shop = new Stack(created, 'Shop', { env: { account: '111122223333', region: 'eu-west-1' } });
    const back = new NestedStack(shop, 'Back');
    const role = new iam.Role(back, 'Writer', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    role.addToPolicy(
      new iam.PolicyStatement({ actions: ['s3:PutObject'], resources: [`arn:aws:s3:::${Aws.STACK_NAME}-uploads/*`] }),
    );
    return created;
  };
  const resources = (input: ScanInput): unknown[] =>
    input.principals
      .filter((p) => p.location.logicalId?.startsWith('Writer') === true)
      .flatMap((p) => p.policies)
      .flatMap((p) => (p.policy?.document as { Statement?: { Resource?: unknown }[] } | undefined)?.Statement ?? [])
      .map((s) => (s.Resource instanceof SymbolicValue ? valueToString(s.Resource) : s.Resource));

  it('in the Aspect and in the CLI', async () => {
    const outdir = tempOutdir();
    const created = named({ outdir });
    const aspect = IamGuardAspect.addTo(created, {});
    created.synth();
    const { stacks, errors } = await loadInputs([outdir], outdir);
    expect(errors).toEqual([]);
    const expected = ['arn:aws:s3:::${the name of the stack}-uploads/*'];
    expect(resources(aspect.report?.input ?? extractStacks([]))).toEqual(expected);
    expect(resources(extractStacks(stacks))).toEqual(expected);
  }, 60_000);
});
