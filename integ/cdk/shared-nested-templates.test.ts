/**
 * Two `NestedStack`s whose templates are identical share one asset in the cloud assembly (CDK names
 * the asset by the template's hash). Each is still its own stack: judged with the parameters its
 * resource passes, its outputs read by the parent, by the Aspect, the validation plugin and the
 * CLI alike; the CLI locates each finding at its own nested stack.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { App, CfnOutput, CfnParameter, NestedStack, Stack, Token } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import type { Finding } from '@iamgate/core';
import { IamGuardValidation } from '../../packages/cdk-guard/src/cdk/validation-plugin';
import { nestedStackApp } from './apps';
import { runCli } from './run-cli';
import { synthesize, tempOutdir } from './synthesize';

// Each test synthesizes a CDK app; the first one loads aws-cdk-lib.
const SYNTH_TIMEOUT = 30_000;

/** A role that may write objects to the `Target` its parent passes, and that target as an output. */
class Workers extends NestedStack {
  constructor(scope: Construct, id: string, target: string) {
    super(scope, id, { parameters: { Target: target } });
    const param = new CfnParameter(this, 'Target');
    const role = new iam.Role(this, 'Worker', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    role.addToPolicy(new iam.PolicyStatement({ actions: ['s3:PutObject'], resources: [param.valueAsString] }));
    new CfnOutput(this, 'TargetOut', { value: param.valueAsString });
  }
}

type Target = 'bucket' | '*';

/**
 * A parent with a bucket and two `Workers` (`A`, `B`) given `targets`; a role of the parent
 * (`UsesA`, `UsesB`) writes to what each nested stack outputs.
 */
function sharedApp(targets: readonly [Target, Target], context: Record<string, unknown> = {}) {
  return (props: { outdir: string }): App => {
    const app = new App({ ...props, context });
    const parent = new Stack(app, 'Parent', { env: { account: '111122223333', region: 'eu-west-1' } });
    const bucket = new s3.Bucket(parent, 'Data');
    const value = (t: Target): string => (t === '*' ? '*' : bucket.arnForObjects('*'));
    const nested = { A: new Workers(parent, 'A', value(targets[0])), B: new Workers(parent, 'B', value(targets[1])) };
    for (const [id, stack] of Object.entries(nested)) {
      const user = new iam.Role(parent, `Uses${id}`, { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
      const output = Token.asString(stack.nestedStackResource?.getAtt('Outputs.TargetOut'));
      user.addToPolicy(new iam.PolicyStatement({ actions: ['s3:PutObject'], resources: [output] }));
    }
    return app;
  };
}

/** Each finding as `rule @ principal`, sorted. */
const keys = (findings: readonly { ruleId: string; principal?: string }[]): string[] =>
  findings.map((f) => `${f.ruleId} @ ${f.principal ?? '?'}`).sort();

const write = (principal: string): string => `wildcard-resource/write-on-star @ ${principal}`;

describe.each([
  ['B given `*`', ['bucket', '*'] as const, [write('Parent/B/Worker'), write('Parent/UsesB')]],
  ['A given `*`', ['*', 'bucket'] as const, [write('Parent/A/Worker'), write('Parent/UsesA')]],
  [
    'both given `*`',
    ['*', '*'] as const,
    [write('Parent/A/Worker'), write('Parent/B/Worker'), write('Parent/UsesA'), write('Parent/UsesB')],
  ],
])('two nested stacks with one template, %s', (_name, targets, expected) => {
  const make = sharedApp(targets);

  it(
    'the templates are identical: one asset for both',
    () => {
      const { outdir } = synthesize(make, {});
      const assets = JSON.parse(readFileSync(path.join(outdir, 'Parent.assets.json'), 'utf8')) as {
        files: Record<string, { source: { path: string } }>;
      };
      const nested = Object.values(assets.files).filter((f) => f.source.path.endsWith('.nested.template.json'));
      expect(nested).toHaveLength(1);
    },
    SYNTH_TIMEOUT,
  );

  it(
    'the Aspect judges each with its own parameters and outputs',
    () => {
      const { findings, errors } = synthesize(make, {});
      expect(errors).toEqual([]);
      expect(keys(findings)).toEqual(expected);
    },
    SYNTH_TIMEOUT,
  );

  it(
    'the CLI on the cloud assembly: the same findings, each at its own nested stack',
    async () => {
      const { outdir } = synthesize(make, {});
      const { stdout } = await runCli([outdir, '--format', 'json']);
      const report = JSON.parse(stdout) as { findings: Finding[]; errors: unknown[] };
      expect(report.errors).toEqual([]);
      expect(keys(report.findings)).toEqual(expected);
      for (const f of report.findings.filter((f) => /^Parent\/[AB]\//.test(f.principal ?? ''))) {
        const id = (f.principal ?? '').split('/')[1] ?? '';
        expect(f.location).toEqual({
          file: expect.stringMatching(new RegExp(`Parent${id}[0-9A-F]{8}\\.nested\\.template\\.json$`)) as unknown,
          stack: `Parent/${id}`,
          logicalId: expect.stringMatching(/^WorkerDefaultPolicy/) as unknown,
          constructPath: `Parent/${id}/Worker/DefaultPolicy/Resource`,
          pointer: '/Statement/0',
        });
      }
    },
    SYNTH_TIMEOUT,
  );

  it(
    'the validation plugin: the same findings',
    () => {
      const app = make({ outdir: tempOutdir() });
      app.synth();
      const templatePath = path.join(app.outdir, 'Parent.template.json');
      const report = new IamGuardValidation({}).validate({
        templatePaths: [templatePath],
        stackTemplates: [
          { stackConstructPath: 'Parent', templatePath, accountId: '111122223333', region: 'eu-west-1' },
        ],
        appConstruct: app,
      });
      expect(
        keys(report.violations.map((v) => ({ ruleId: v.ruleName, principal: v.ruleMetadata?.['principal'] }))),
      ).toEqual(expected);
    },
    SYNTH_TIMEOUT,
  );
});

describe('nested stacks located by the CLI on an assembly without construct metadata', () => {
  it(
    'a template nested twice is located by the parent stack and the logical id of its nested stack resource',
    async () => {
      const { outdir } = synthesize(sharedApp(['bucket', '*'], { 'aws:cdk:disable-logicalId-metadata': true }), {});
      const { stdout } = await runCli([outdir, '--format', 'json']);
      const report = JSON.parse(stdout) as { findings: Finding[] };
      const worker = report.findings.find((f) => f.location.logicalId?.startsWith('WorkerDefaultPolicy') === true);
      expect(worker?.ruleId).toBe('wildcard-resource/write-on-star');
      // No construct path: the parent stack and the logical id of the nested stack resource say where.
      expect(worker?.location.constructPath).toBeUndefined();
      expect(worker?.location.stack).toMatch(/^Parent\/BNestedStackBNestedStackResource[0-9A-F]{8}$/);
      expect(worker?.principal).toMatch(/^Parent\/BNestedStackBNestedStackResource[0-9A-F]{8}\/Worker[0-9A-F]{8}$/);
    },
    SYNTH_TIMEOUT,
  );

  it(
    'a template nested once, two levels down, is located by the nested stacks CDK names in its asset',
    async () => {
      const { outdir } = synthesize(
        (props) => nestedStackApp({ ...props, context: { 'aws:cdk:disable-logicalId-metadata': true } }),
        {},
      );
      const { stdout } = await runCli([outdir, '--format', 'json']);
      const [finding, ...others] = (JSON.parse(stdout) as { findings: Finding[] }).findings;
      expect(others).toEqual([]);
      expect([finding?.ruleId, finding?.location.stack, finding?.location.constructPath]).toEqual([
        'privilege-escalation/pass-role-wildcard',
        'Platform/Deploy/Runner',
        undefined,
      ]);
    },
    SYNTH_TIMEOUT,
  );

  it(
    'with the metadata, the same finding has its construct path, as the Aspect reports it',
    async () => {
      const synthesized = synthesize(nestedStackApp, {});
      const { stdout } = await runCli([synthesized.outdir, '--format', 'json']);
      const byCli = (JSON.parse(stdout) as { findings: Finding[] }).findings;
      const where = (f: Finding | undefined): unknown[] => [f?.location.constructPath, f?.principal, f?.fingerprint];
      expect(byCli.map(where)).toEqual(synthesized.findings.map(where));
      expect(byCli[0]?.location.constructPath).toBe('Platform/Deploy/Runner/Deployer/DefaultPolicy/Resource');
    },
    SYNTH_TIMEOUT,
  );
});

describe('construct paths from the manifest metadata', () => {
  it(
    'a role of the parent with the logical id of a nested role keeps its own construct path',
    async () => {
      const make = (props: { outdir: string }): App => {
        const app = new App(props);
        const parent = new Stack(app, 'Parent');
        for (const scope of [parent, new NestedStack(parent, 'Child')]) {
          const role = new iam.Role(scope, 'Worker', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
          role.addToPolicy(new iam.PolicyStatement({ actions: ['iam:PassRole'], resources: ['*'] }));
        }
        return app;
      };
      const { outdir, findings } = synthesize(make, {});
      const { stdout } = await runCli([outdir, '--format', 'json']);
      const byCli = (JSON.parse(stdout) as { findings: Finding[] }).findings;
      const at = (list: readonly Finding[]): string[] =>
        list.map((f) => `${f.location.logicalId ?? '?'} @ ${f.location.constructPath ?? '?'}`).sort();
      expect(at(byCli)).toEqual([
        expect.stringMatching(/^WorkerDefaultPolicy[0-9A-F]{8} @ Parent\/Child\/Worker\/DefaultPolicy\/Resource$/),
        expect.stringMatching(/^WorkerDefaultPolicy[0-9A-F]{8} @ Parent\/Worker\/DefaultPolicy\/Resource$/),
      ]);
      expect(at(byCli)).toEqual(at(findings));
    },
    SYNTH_TIMEOUT,
  );
});
