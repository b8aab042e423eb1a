/**
 * Input the guard cannot read inside a CDK app (a policy document that is not JSON, a `Policies`
 * property that is no list, a malformed iamgate suppression written as metadata) makes a check
 * impossible: the Aspect annotates it as an error on the construct, so `cdk synth` fails, as the
 * CLI exits 2 on the same assembly and the validation plugin fails. It was a warning: the synthesis
 * passed with the policy unchecked.
 */
import { App, Aspects, Stack, Stage } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as aoss from 'aws-cdk-lib/aws-opensearchserverless';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { IamGuardAspect } from '../../packages/cdk-guard/src/cdk/aspect';
import { pipelineApp } from './idiom-apps';
import { runCli } from './run-cli';
import { pluginReport, synthesize, tempOutdir } from './synthesize';

const ENV = { account: '111122223333', region: 'eu-west-1' };

const TRUST = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
};

/** Constructs whose IAM the guard cannot read, each as an escape hatch writes it. */
function unreadable(scope: Stack): void {
  const text = new iam.CfnManagedPolicy(scope, 'NotJson', { policyDocument: {} });
  text.addPropertyOverride('PolicyDocument', '{ "Statement": [ { "Effect": "Allow", ');
  const role = new iam.CfnRole(scope, 'NotAList', { assumeRolePolicyDocument: TRUST });
  role.addPropertyOverride('Policies', 'read-everything');
  const suppressed = new iam.CfnRole(scope, 'BadSuppression', { assumeRolePolicyDocument: TRUST });
  suppressed.addMetadata('iamgate', { suppressions: [{ rule: 'admin-access/full-access' }] });
  const queue = new sqs.CfnQueue(scope, 'Queue');
  const number = new sqs.CfnQueuePolicy(scope, 'NumberDocument', { queues: [queue.ref], policyDocument: {} });
  number.addPropertyOverride('PolicyDocument', 42);
  const statements = new s3.CfnBucketPolicy(scope, 'StatementList', { bucket: 'site', policyDocument: {} });
  statements.addPropertyOverride('PolicyDocument', [
    { Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::site/*' },
  ]);
  new aoss.CfnAccessPolicy(scope, 'NoEntry', { name: 'search', type: 'data', policy: '42' });
}

/**
 * A template CloudFormation rejects, written through an escape hatch: CDK's own constructs and
 * `Fn.conditionIf` always write a well-formed `Fn::If`, but an override writes what it is given.
 */
function rejected(scope: Stack): void {
  const role = new iam.CfnRole(scope, 'HalfIf', { assumeRolePolicyDocument: TRUST });
  role.addPropertyOverride('Policies', [
    { 'Fn::If': ['IsProd', { PolicyName: 'admin', PolicyDocument: { Statement: [] } }] },
  ]);
}

function app(props: { outdir: string }): App {
  const created = new App(props);
  unreadable(new Stack(created, 'Shop', { env: ENV }));
  rejected(new Stack(created, 'Hatch', { env: ENV }));
  return created;
}

describe('an input error inside a CDK app', () => {
  const cases: [string, string, RegExp][] = [
    [
      'a policy document that is JSON text cut short',
      'Shop/NotJson',
      /not valid JSON \(at `\/Resources\/NotJson\/Properties\/PolicyDocument`\)$/,
    ],
    ['a `Policies` property that is a string', 'Shop/NotAList', /must be a list of policies.*\(at `.*\/Policies`\)$/],
    ['a suppression without its reason', 'Shop/BadSuppression', /reason.*\(at `.*\/Metadata\/iamgate`\)$/],
    [
      'a policy document written as a number',
      'Shop/NumberDocument',
      /a policy document must be an object with `Version` and `Statement`, found number `42` \(at `\/Resources\/NumberDocument\/Properties\/PolicyDocument`\)$/,
    ],
    [
      'statements written straight under PolicyDocument',
      'Shop/StatementList',
      /found a list of 1 statement: put them under `Statement` \(at `\/Resources\/StatementList\/Properties\/PolicyDocument`\)$/,
    ],
    [
      'an OpenSearch Serverless data access policy of no entry',
      'Shop/NoEntry',
      /must be a list of entries, each with `Rules` and `Principal`, found number `42` \(at `\/Resources\/NoEntry\/Properties\/Policy`\)$/,
    ],
    [
      'an `Fn::If` of two arguments (CloudFormation rejects the template)',
      'Hatch/HalfIf',
      /`Fn::If` takes a list of three: .*\(at `\/Resources\/HalfIf\/Properties\/Policies\/0\/Fn::If`\)$/,
    ],
  ];
  let synthesized: ReturnType<typeof synthesize>;
  beforeAll(() => {
    synthesized = synthesize(app, {});
  });

  test.each(cases)('%s is an error annotation on its construct (synth fails)', (_name, at, message) => {
    const annotations = synthesized.messages.filter(([, path, m]) => path === at && m.startsWith('[iamgate] '));
    expect(annotations.map(([level]) => level)).toEqual(['error']);
    expect(annotations[0]?.[2]).toMatch(message);
  });

  test('no input error is only a warning', () => {
    expect(synthesized.messages.filter(([level, , m]) => level === 'warning' && m.startsWith('[iamgate] '))).toEqual(
      [],
    );
  });

  test('the rejected resource is one error, not also the errors read through the malformed value', () => {
    expect(synthesized.messages.filter(([, path]) => path === 'Hatch/HalfIf')).toHaveLength(1);
  });

  test('in a CDK Pipelines stage synthesized before the guard, the rejected resource is one error too', () => {
    const late = synthesize(
      (props) =>
        pipelineApp(props, (handler) => {
          rejected(Stack.of(handler));
        }),
      {},
    );
    expect(late.messages.filter(([, , m]) => m.startsWith('[iamgate] '))).toEqual([
      [
        'error',
        'Delivery',
        expect.stringMatching(/^\[iamgate\] `Fn::If` takes a list of three: .*\(in stage `Delivery\/Prod`/),
      ],
    ]);
  });

  test('in an app of stages only, the rejected resource is one error of the synthesis', () => {
    const staged = new App({ outdir: tempOutdir() });
    rejected(new Stack(new Stage(staged, 'Beta'), 'Hatch', { env: ENV }));
    Aspects.of(staged).add(new IamGuardAspect({}));
    const quiet = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    let thrown: unknown;
    try {
      staged.synth();
    } catch (err) {
      thrown = err;
    } finally {
      quiet.mockRestore();
    }
    const lines = (thrown instanceof Error ? thrown.message : '').split('\n').filter((l) => l.includes('[iamgate]'));
    expect(lines).toEqual([expect.stringMatching(/\[iamgate\] `Fn::If` takes a list of three: .*\(in stage `Beta`/)]);
  });

  test('one aspect on a second app reports its input errors, whatever the first app rejected', () => {
    const aspect = new IamGuardAspect({});
    const quiet = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      const first = new App({ outdir: tempOutdir() });
      rejected(new Stack(first, 'Hatch', { env: ENV }));
      Aspects.of(first).add(aspect);
      first.synth();
      // The same logical id, in a template file of the same name: now a `Policies` that is no list.
      const second = new App({ outdir: tempOutdir() });
      const role = new iam.CfnRole(new Stack(second, 'Hatch', { env: ENV }), 'HalfIf', {
        assumeRolePolicyDocument: TRUST,
      });
      role.addPropertyOverride('Policies', 'read-everything');
      Aspects.of(second).add(aspect);
      const messages = second
        .synth()
        .getStackByName('Hatch')
        .messages.map((m) => [m.level, m.entry.data]);
      expect(messages).toEqual([
        [
          'error',
          expect.stringMatching(
            /^\[iamgate\] .*`Policies` must be a list of policies.*`\/Resources\/HalfIf\/Properties\/Policies`\)$/,
          ),
        ],
      ]);
    } finally {
      quiet.mockRestore();
    }
  });

  test('the validation plugin fails on it with one violation naming the pointer', () => {
    const report = pluginReport((props) => {
      const created = new App(props);
      rejected(new Stack(created, 'Hatch', { env: ENV }));
      return created;
    }, {});
    expect(report.success).toBe(false);
    expect(report.violations.map((v) => v.description)).toEqual([
      expect.stringMatching(/^`Fn::If` takes a list of three: /),
    ]);
    expect(JSON.stringify(report.violations)).toContain('/Resources/HalfIf/Properties/Policies/0/Fn::If');
  });

  test('the validation plugin fails on a document of the wrong type, naming what it found', () => {
    const report = pluginReport((props) => {
      const created = new App(props);
      unreadable(new Stack(created, 'Shop', { env: ENV }));
      return created;
    }, {});
    expect(report.success).toBe(false);
    const descriptions = report.violations.map((v) => v.description);
    expect(descriptions).toContainEqual(expect.stringMatching(/^a policy document must be .*found number `42`$/));
    expect(descriptions).toContainEqual(
      expect.stringMatching(/OpenSearch Serverless data access policy must be a list of entries.*found number `42`$/),
    );
  });

  test('a data access policy open to `*` is reported on its construct, not on the stack', () => {
    const open = synthesize((props) => {
      const created = new App(props);
      new aoss.CfnAccessPolicy(new Stack(created, 'Search', { env: ENV }), 'Everyone', {
        name: 'search',
        type: 'data',
        policy: JSON.stringify([
          {
            Rules: [{ ResourceType: 'index', Resource: ['index/logs/*'], Permission: ['aoss:ReadDocument'] }],
            Principal: ['*'],
          },
        ]),
      });
      return created;
    }, {});
    expect(
      open.messages.filter(([, , m]) => m.startsWith('[resource-exposure/public-principal] ')).map(([, path]) => path),
    ).toEqual(['Search/Everyone']);
  });

  test('the CLI on the same assembly exits 2, naming each place', async () => {
    const { code, stderr } = await runCli([synthesized.outdir]);
    expect(code).toBe(2);
    for (const pointer of [
      '/Resources/NotJson/Properties/PolicyDocument',
      '/Resources/NotAList/Properties/Policies',
      '/Resources/BadSuppression/Metadata/iamgate',
      '/Resources/HalfIf/Properties/Policies/0/Fn::If',
    ])
      expect(stderr).toContain(pointer);
  });

  test('in a stage the guard did not annotate (an app of stages only), the input error fails the synthesis', () => {
    const staged = new App({ outdir: tempOutdir() });
    unreadable(new Stack(new Stage(staged, 'Beta'), 'Shop', { env: ENV }));
    Aspects.of(staged).add(new IamGuardAspect({}));
    const quiet = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      expect(() => staged.synth()).toThrow(/\[iamgate\] .*not valid JSON .*\(in stage `Beta`/);
    } finally {
      quiet.mockRestore();
    }
  });
});
