/**
 * Parameters a parent stack passes to its nested stacks: a child's `!Ref Param` is the value the
 * parent gives (a literal, or the parent's own resource), for local templates and for the
 * `NestedStack` templates of a cloud assembly synthesized in-process with aws-cdk-lib.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { App, Aws, CfnCondition, CfnMapping, CfnParameter, Fn, NestedStack, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { SymbolicValue, valueToString } from '@iamgate/core';
import type { ScanInput } from '@iamgate/core';
import { IamGuardAspect } from '../../packages/cdk-guard/src/cdk/aspect';
import { extractStacks } from '../../packages/cdk-guard/src/extract/extract';
import { loadInputs } from '../../packages/cdk-guard/src/template/cloud-assembly';
import { IamGuardValidation } from '../../packages/cdk-guard/src/cdk/validation-plugin';
import { guardStacks } from '../../packages/cdk-guard/src/guard';
import { synthesize, tempOutdir } from './synthesize';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});
function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'cdk-guard-nested-params-'));
  dirs.push(dir);
  return dir;
}

/** The `Resource` of every statement of the role's inline policies, rendered as text. */
function resourcesOf(input: ScanInput, logicalId: string): unknown[] {
  const role = input.principals.find((p) => p.location.logicalId === logicalId);
  if (role === undefined) throw new Error(`no role ${logicalId}`);
  const render = (v: unknown): unknown =>
    v instanceof SymbolicValue ? valueToString(v) : Array.isArray(v) ? v.map(render) : v;
  return role.policies.flatMap((p) =>
    (
      (p.policy?.document as { Statement?: { Resource?: unknown; Action?: unknown }[] } | undefined)?.Statement ?? []
    ).map((s) => [render(s.Action), render(s.Resource)]),
  );
}

const childRole = (statement: object): object => ({
  Type: 'AWS::IAM::Role',
  Properties: {
    AssumeRolePolicyDocument: {
      Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
    },
    Policies: [{ PolicyName: 'p', PolicyDocument: { Statement: [{ Effect: 'Allow', ...statement }] } }],
  },
});

describe('parameters passed to a local nested template', () => {
  it.each([
    [
      'a literal `*` reaches the child',
      'AWS::CloudFormation::Stack',
      'TemplateURL',
      { Target: '*' },
      [['s3:PutObject', '*']],
    ],
    [
      "the parent's `!GetAtt Bucket.Arn` is the parent's bucket",
      'AWS::Serverless::Application',
      'Location',
      { Target: { 'Fn::GetAtt': ['Data', 'Arn'] } },
      [['s3:PutObject', 'arn:aws:s3:::${the name of bucket `Data`}']],
    ],
    [
      'a parameter the parent does not pass stays a parameter of the child',
      'AWS::CloudFormation::Stack',
      'TemplateURL',
      {},
      [['s3:PutObject', '${the value of parameter `Target`}']],
    ],
    [
      "a parameter of the parent passed on stays the parent's unknown",
      'AWS::CloudFormation::Stack',
      'TemplateURL',
      { Target: { Ref: 'ParentTarget' } },
      [['s3:PutObject', '${the value of parameter `ParentTarget`}']],
    ],
  ])('%s', async (_, type, property, values, expected) => {
    const dir = tempDir();
    writeFileSync(
      path.join(dir, 'child.json'),
      JSON.stringify({
        Parameters: { Target: { Type: 'String' } },
        Resources: { Writer: childRole({ Action: 's3:PutObject', Resource: { Ref: 'Target' } }) },
      }),
    );
    writeFileSync(
      path.join(dir, 'parent.json'),
      JSON.stringify({
        // CloudFormation knows `AWS::Serverless::Application` only through the SAM transform.
        ...(type.startsWith('AWS::Serverless::') ? { Transform: 'AWS::Serverless-2016-10-31' } : {}),
        Parameters: { ParentTarget: { Type: 'String' } },
        Resources: {
          Data: { Type: 'AWS::S3::Bucket' },
          Child: { Type: type, Properties: { [property]: './child.json', Parameters: values } },
        },
      }),
    );
    const { stacks, errors } = await loadInputs(['parent.json'], dir);
    expect(errors).toEqual([]);
    expect(resourcesOf(extractStacks(stacks), 'Writer')).toEqual(expected);
  });

  it('a comma-separated text passed to a CommaDelimitedList parameter is its list, members trimmed', async () => {
    const dir = tempDir();
    writeFileSync(
      path.join(dir, 'child.json'),
      JSON.stringify({
        Parameters: { Actions: { Type: 'CommaDelimitedList' } },
        Resources: { Reader: childRole({ Action: { Ref: 'Actions' }, Resource: 'arn:aws:s3:::b/*' }) },
      }),
    );
    writeFileSync(
      path.join(dir, 'parent.json'),
      JSON.stringify({
        Resources: {
          Child: {
            Type: 'AWS::CloudFormation::Stack',
            Properties: { TemplateURL: 'child.json', Parameters: { Actions: 's3:GetObject, s3:ListBucket' } },
          },
        },
      }),
    );
    const { stacks } = await loadInputs(['parent.json'], dir);
    expect(resourcesOf(extractStacks(stacks), 'Reader')).toEqual([
      [['s3:GetObject', 's3:ListBucket'], 'arn:aws:s3:::b/*'],
    ]);
  });
});

/** A parent with a bucket, and a role in a nested stack and one level further granted on its objects. */
function nestedApp(outdir: string): { app: App; bucketId: string } {
  const app = new App({ outdir });
  const parent = new Stack(app, 'Parent', { env: { account: '111122223333', region: 'eu-west-1' } });
  const bucket = new s3.Bucket(parent, 'Data');
  const child = new NestedStack(parent, 'Workers');
  const grandchild = new NestedStack(child, 'Uploads');
  for (const [scope, id] of [
    [child, 'Reader'],
    [grandchild, 'Writer'],
  ] as const) {
    const role = new iam.Role(scope, id, { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    role.addToPolicy(new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: [bucket.arnForObjects('*')] }));
  }
  return { app, bucketId: parent.getLogicalId(bucket.node.defaultChild as s3.CfnBucket) };
}

/** What the roles named `Reader*` and `Writer*` are granted. */
function readerAndWriter(input: ScanInput): Record<string, unknown[]> {
  const of = (prefix: string): unknown[] =>
    input.principals
      .filter((p) => p.location.logicalId?.startsWith(prefix) === true)
      .flatMap((p) => resourcesOf(input, p.location.logicalId as string));
  return { reader: of('Reader'), writer: of('Writer') };
}

describe('parameters CDK passes to a NestedStack', () => {
  it.each([
    [
      'on the cloud assembly',
      async (dir: string): Promise<[ScanInput, string]> => {
        const { app, bucketId } = nestedApp(dir);
        app.synth();
        const { stacks, errors } = await loadInputs([dir], dir);
        expect(errors).toEqual([]);
        return [extractStacks(stacks), bucketId];
      },
    ],
    [
      'in the Aspect while cdk synth runs',
      (dir: string): Promise<[ScanInput, string]> => {
        const { app, bucketId } = nestedApp(dir);
        const aspect = IamGuardAspect.addTo(app, {});
        app.synth();
        if (aspect.report === undefined) throw new Error('the aspect did not run');
        return Promise.resolve([aspect.report.input, bucketId]);
      },
    ],
  ])(
    "%s, a bucket of the parent granted in a nested stack (and one level further) is the parent's bucket",
    async (_, scan) => {
      const [input, bucketId] = await scan(tempDir());
      const expected = [['s3:GetObject', `arn:aws:s3:::\${the name of bucket \`${bucketId}\`}/*`]];
      expect(readerAndWriter(input)).toEqual({ reader: expected, writer: expected });
    },
    30_000,
  );
});

/**
 * A parent passing a Stage to a `NestedStack` whose role gets `iam:PassRole` on `*` (an `Fn::If`
 * in its `Policies` list) only when that Stage is dev; the Stage comes from the parent's mapping,
 * a parent's condition decided before deploy (its Region), or one that is not.
 */
function stagedApp(stage: 'mapping' | 'region' | 'either-side-not-dev' | 'dev-or-prod') {
  return (props: { outdir: string }): App => {
    const app = new App(props);
    const parent = new Stack(app, 'Parent', { env: { account: '111122223333', region: 'us-east-1' } });
    const stages = new CfnMapping(parent, 'Stages', { mapping: { live: { Name: 'prod' } } });
    const env = new CfnParameter(parent, 'Env');
    const inUs = new CfnCondition(parent, 'InUs', { expression: Fn.conditionEquals(Aws.REGION, 'us-east-1') });
    const isProd = new CfnCondition(parent, 'IsProd', { expression: Fn.conditionEquals(env.valueAsString, 'prod') });
    const value = {
      mapping: stages.findInMap('live', 'Name'),
      region: Fn.conditionIf(inUs.logicalId, 'prod', 'dev').toString(),
      'either-side-not-dev': Fn.conditionIf(isProd.logicalId, 'prod', 'staging').toString(),
      'dev-or-prod': Fn.conditionIf(isProd.logicalId, 'prod', 'dev').toString(),
    }[stage];
    const nested = new NestedStack(parent, 'Child', { parameters: { Stage: value } });
    const isDev = new CfnCondition(nested, 'IsDev', {
      expression: Fn.conditionEquals(new CfnParameter(nested, 'Stage').valueAsString, 'dev'),
    });
    const debug = {
      PolicyName: 'debug',
      PolicyDocument: { Statement: [{ Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' }] },
    };
    new iam.CfnRole(nested, 'Worker', {
      assumeRolePolicyDocument: {
        Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
      },
      policies: [Fn.conditionIf(isDev.logicalId, debug, Aws.NO_VALUE)],
    });
    return app;
  };
}

describe("an `Fn::If` in a NestedStack role's `Policies` list, on the Stage its parent passes", () => {
  it.each([
    ["the parent's mapping (prod)", 'mapping', []],
    ["the parent's condition on its Region, decided (prod)", 'region', []],
    ["the parent's condition on a parameter, prod or staging", 'either-side-not-dev', []],
    ["the parent's condition on a parameter, prod or dev", 'dev-or-prod', ['privilege-escalation/pass-role-wildcard']],
  ] as const)(
    '%s: the Aspect, the CLI and the validation plugin agree',
    async (_, stage, expected) => {
      const synthesized = synthesize(stagedApp(stage), {});
      expect(synthesized.findings.map((f) => f.ruleId)).toEqual(expected);
      const { stacks, errors } = await loadInputs([synthesized.outdir], synthesized.outdir);
      expect(errors).toEqual([]);
      expect(guardStacks(stacks, {}).result.findings.map((f) => f.ruleId)).toEqual(expected);
      const app = stagedApp(stage)({ outdir: tempOutdir() });
      // aws-cdk-lib reports the parent's conditions the template does not use.
      const quiet = jest.spyOn(console, 'error').mockImplementation(() => undefined);
      try {
        app.synth();
      } finally {
        quiet.mockRestore();
      }
      const templatePath = path.join(app.outdir, 'Parent.template.json');
      const report = new IamGuardValidation({}).validate({
        templatePaths: [templatePath],
        stackTemplates: [
          { stackConstructPath: 'Parent', templatePath, accountId: '111122223333', region: 'us-east-1' },
        ],
        appConstruct: app,
      });
      expect(report.violations.map((v) => v.ruleName)).toEqual(expected);
    },
    30_000,
  );
});
