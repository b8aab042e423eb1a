/**
 * `Fn::GetAtt [<nested stack>, Outputs.<name>]`: the output of a nested stack, resolved in the
 * nested stack's template (CDK writes one for every reference of a parent to a resource of a
 * `NestedStack`), for local templates, a cloud assembly, the Aspect, the construct tree and the
 * validation plugin. An output that cannot be found or that refers back to itself stays unknown.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, NestedStack, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { SymbolicValue, valueToString } from '@iamgate/core';
import type { Finding, ScanInput } from '@iamgate/core';
import { IamGuardAspect } from '../src/cdk/aspect';
import { treeStacks } from '../src/cdk/tree-source';
import { IamGuardValidation } from '../src/cdk/validation-plugin';
import { extractStacks } from '../src/extract/extract';
import { templateSource } from '../src/extract/stack-source';
import type { StackSource } from '../src/extract/stack-source';
import { guardStacks } from '../src/guard';
import { loadInputs } from '../src/template/cloud-assembly';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'cdk-guard-nested-outputs-'));
  dirs.push(dir);
  return dir;
}

const render = (v: unknown): unknown =>
  v instanceof SymbolicValue ? valueToString(v) : Array.isArray(v) ? v.map(render) : v;

/** The `Principal.AWS` of each statement of the trust policy of role `logicalId`, rendered as text. */
function trustedBy(input: ScanInput, logicalId: string): unknown[] {
  const role = input.principals.find((p) => p.location.logicalId === logicalId);
  if (role === undefined) throw new Error(`no role ${logicalId}`);
  const document = role.trustPolicy?.document as { Statement?: { Principal?: { AWS?: unknown } }[] } | undefined;
  return (document?.Statement ?? []).map((s) => render(s.Principal?.AWS));
}

const ruleIds = (findings: readonly Finding[]): string[] => findings.map((f) => f.ruleId).sort();

const lambdaTrust = {
  Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
};
const trusting = (principal: unknown): object => ({
  Type: 'AWS::IAM::Role',
  Properties: {
    AssumeRolePolicyDocument: {
      Statement: [{ Effect: 'Allow', Principal: { AWS: principal }, Action: 'sts:AssumeRole' }],
    },
  },
});
const nestedStack = (templateUrl: string, parameters?: object): object => ({
  Type: 'AWS::CloudFormation::Stack',
  Properties: { TemplateURL: templateUrl, ...(parameters === undefined ? {} : { Parameters: parameters }) },
});
/** A nested template with a role of its own (`Role`) and the given outputs. */
const child = (
  outputs: Record<string, unknown>,
  parameters: Record<string, unknown> = {},
): Record<string, unknown> => ({
  Parameters: parameters,
  Resources: { Role: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: lambdaTrust } } },
  Outputs: Object.fromEntries(Object.entries(outputs).map(([name, value]) => [name, { Value: value }])),
});
const ROLE_ARN = { 'Fn::GetAtt': ['Role', 'Arn'] };
const THE_CHILD_ROLE = 'arn:aws:iam::${the account of the stack}:role/${the name of role `Role`}';

/** Writes the templates into a fresh directory, loads `parent.json` as the CLI does, and runs the guard. */
async function scan(files: Record<string, object>): Promise<{ input: ScanInput; findings: Finding[] }> {
  const dir = tempDir();
  for (const [name, template] of Object.entries(files)) writeFileSync(join(dir, name), JSON.stringify(template));
  const loaded = await loadInputs(['parent.json'], dir);
  expect(loaded.errors).toEqual([]);
  const { input, result } = guardStacks(loaded.stacks, {});
  return { input, findings: [...result.findings] };
}

describe('nested stack outputs of local templates', () => {
  it.each([
    [
      'an output naming the nested stack`s role: that role, no finding',
      { 'Fn::GetAtt': ['Nested', 'Outputs.RoleArn'] },
      child({ RoleArn: ROLE_ARN }),
      [THE_CHILD_ROLE],
      [],
    ],
    [
      'the same output named in `Fn::Sub`',
      { 'Fn::Sub': '${Nested.Outputs.RoleArn}' },
      child({ RoleArn: ROLE_ARN }),
      [THE_CHILD_ROLE],
      [],
    ],
    [
      'an output `*`: everyone',
      { 'Fn::GetAtt': ['Nested', 'Outputs.RoleArn'] },
      child({ RoleArn: '*' }),
      ['*'],
      ['resource-exposure/public-principal'],
    ],
    [
      'an output naming an account root: the whole account',
      { 'Fn::GetAtt': ['Nested', 'Outputs.RoleArn'] },
      child({ RoleArn: { 'Fn::Sub': 'arn:aws:iam::${AWS::AccountId}:root' } }),
      ['arn:aws:iam::${the account of the stack}:root'],
      ['trust-policy/account-root'],
    ],
    [
      'an output the nested template does not have: still unknown',
      { 'Fn::GetAtt': ['Nested', 'Outputs.Missing'] },
      child({ RoleArn: ROLE_ARN }),
      ['${the Outputs.Missing of AWS::CloudFormation::Stack `Nested`}'],
      ['unverifiable/unknown-value'],
    ],
  ])('%s', async (_name, principal, nested, expectedTrust, expectedRules) => {
    const { input, findings } = await scan({
      'parent.json': { Resources: { Nested: nestedStack('child.json'), Trusting: trusting(principal) } },
      'child.json': nested,
    });
    expect(trustedBy(input, 'Trusting')).toEqual(expectedTrust);
    expect(ruleIds(findings)).toEqual(expectedRules);
  });

  it('an output of a stack nested twice, passed up through the middle stack`s own output', async () => {
    const { input, findings } = await scan({
      'parent.json': {
        Resources: {
          Middle: nestedStack('middle.json'),
          Trusting: trusting({ 'Fn::GetAtt': ['Middle', 'Outputs.Arn'] }),
        },
      },
      'middle.json': {
        Resources: { Inner: nestedStack('inner.json') },
        Outputs: { Arn: { Value: { 'Fn::GetAtt': ['Inner', 'Outputs.RoleArn'] } } },
      },
      'inner.json': child({ RoleArn: ROLE_ARN }),
    });
    expect(trustedBy(input, 'Trusting')).toEqual([THE_CHILD_ROLE]);
    expect(ruleIds(findings)).toEqual([]);
  });

  it('a parameter of one nested stack given the output of a sibling: the sibling`s role', async () => {
    const { input, findings } = await scan({
      'parent.json': {
        Resources: {
          Owner: nestedStack('owner.json'),
          User: nestedStack('user.json', { TrustedArn: { 'Fn::GetAtt': ['Owner', 'Outputs.RoleArn'] } }),
        },
      },
      'owner.json': child({ RoleArn: ROLE_ARN }),
      'user.json': {
        Parameters: { TrustedArn: { Type: 'String' } },
        Resources: { Trusting: trusting({ Ref: 'TrustedArn' }) },
      },
    });
    expect(trustedBy(input, 'Trusting')).toEqual([THE_CHILD_ROLE]);
    expect(ruleIds(findings)).toEqual([]);
  });

  // CloudFormation refuses such a template (and the CLI reports the cycle of a template file); the
  // templates of a cloud assembly and of the construct tree are not checked so.
  it('an output that refers back to itself through the parameter its parent passes: unknown, and no hang', () => {
    const children = new Map<string, StackSource>();
    const parent = templateSource(
      {
        Resources: {
          Nested: nestedStack('child.json', { Back: { 'Fn::GetAtt': ['Nested', 'Outputs.Loop'] } }),
          Trusting: trusting({ 'Fn::GetAtt': ['Nested', 'Outputs.Loop'] }),
        },
      },
      { file: 'parent.json', nestedStack: (logicalId) => children.get(logicalId) },
    );
    const nested = templateSource(child({ Loop: { Ref: 'Back' } }, { Back: { Type: 'String' } }), {
      file: 'child.json',
      passedParameters: { parent, values: { Back: { 'Fn::GetAtt': ['Nested', 'Outputs.Loop'] } } },
    });
    children.set('Nested', nested);
    const { input, result } = guardStacks([parent, nested], {});
    expect(trustedBy(input, 'Trusting')).toEqual(['${the Outputs.Loop of AWS::CloudFormation::Stack `Nested`}']);
    expect(ruleIds(result.findings)).toEqual(['unverifiable/unknown-value']);
  });

  it('an output of a nested template that is not in the input (a URL): unknown', async () => {
    const { findings } = await scan({
      'parent.json': {
        Resources: {
          Nested: nestedStack('https://example-bucket.s3.amazonaws.com/child.json'),
          Trusting: trusting({ 'Fn::GetAtt': ['Nested', 'Outputs.RoleArn'] }),
        },
      },
    });
    expect(ruleIds(findings)).toContain('unverifiable/unknown-value');
  });

  it('a SAM application`s output (`Location` a local template)', async () => {
    const { input, findings } = await scan({
      'parent.json': {
        Transform: 'AWS::Serverless-2016-10-31',
        Resources: {
          App: { Type: 'AWS::Serverless::Application', Properties: { Location: 'child.json' } },
          Trusting: trusting({ 'Fn::GetAtt': ['App', 'Outputs.RoleArn'] }),
        },
      },
      'child.json': child({ RoleArn: ROLE_ARN }),
    });
    expect(trustedBy(input, 'Trusting')).toEqual([THE_CHILD_ROLE]);
    expect(ruleIds(findings)).toEqual([]);
  });
});

/**
 * A parent role trusting the role of its `NestedStack` (CDK turns the reference into a nested
 * stack output), and a role of the nested stack that may pass any role.
 */
function nestedApp(outdir: string): App {
  const app = new App({ outdir });
  const parent = new Stack(app, 'Parent', { env: { account: '111122223333', region: 'eu-west-1' } });
  const nested = new NestedStack(parent, 'Child');
  const inner = new iam.Role(nested, 'Inner', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
  inner.addToPolicy(new iam.PolicyStatement({ actions: ['iam:PassRole'], resources: ['*'] }));
  new iam.Role(parent, 'Outer', { assumedBy: new iam.ArnPrincipal(inner.roleArn) });
  return app;
}

/** Each finding as its rule and logical id (a nested template names no construct path without path metadata). */
const keys = (findings: readonly Finding[]): string[] =>
  findings.map((f) => `${f.ruleId} @ ${f.location.logicalId ?? '?'}`).sort();
/** The only finding: the nested role's `iam:PassRole` on `*`; none on the parent role that trusts it. */
const EXPECTED = [expect.stringMatching(/^privilege-escalation\/pass-role-wildcard @ InnerDefaultPolicy[0-9A-F]{8}$/)];
const INNER_ROLE = /^arn:aws:iam::111122223333:role\/\$\{the name of role `Inner[0-9A-F]{8}`\}$/;

describe('nested stack outputs in a CDK app', () => {
  let outdir: string;
  let app: App;
  let aspect: IamGuardAspect;
  beforeAll(() => {
    outdir = tempDir();
    app = nestedApp(outdir);
    aspect = IamGuardAspect.addTo(app, {});
    const quiet = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      app.synth();
    } catch {
      // The planted error fails the synthesis; the report is read below.
    } finally {
      quiet.mockRestore();
    }
  });

  it('the Aspect: the parent role trusts the nested role, no unverifiable', () => {
    const report = aspect.report;
    expect(keys(report?.result.findings ?? [])).toEqual(EXPECTED);
    expect(report?.result.findings[0]?.location.constructPath).toBe('Parent/Child/Inner/DefaultPolicy/Resource');
    const outer = report?.input.principals.find((p) => p.id === 'Parent/Outer');
    const statements = (outer?.trustPolicy?.document as { Statement: { Principal: { AWS: unknown } }[] }).Statement;
    expect(statements.map((s) => render(s.Principal.AWS))).toEqual([expect.stringMatching(INNER_ROLE)]);
  });

  it('the construct tree (stacks the Aspect cannot render): the same principal', () => {
    const input = extractStacks(treeStacks(app).stacks);
    const outer = input.principals.find((p) => p.id === 'Parent/Outer');
    const statements = (outer?.trustPolicy?.document as { Statement: { Principal: { AWS: unknown } }[] }).Statement;
    expect(statements.map((s) => render(s.Principal.AWS))).toEqual([expect.stringMatching(INNER_ROLE)]);
  });

  it('the CLI on the cloud assembly: what the Aspect reported', async () => {
    const loaded = await loadInputs([outdir], process.cwd());
    expect(loaded.errors).toEqual([]);
    expect(keys(guardStacks(loaded.stacks, {}).result.findings)).toEqual(EXPECTED);
  });

  it('the validation plugin: the nested template is checked, and its output resolved', () => {
    const plugin = new IamGuardValidation({});
    const pluginApp = nestedApp(tempDir());
    Validations.of(pluginApp).addPlugins(plugin);
    const quiet = [jest.spyOn(console, 'error'), jest.spyOn(console, 'log')].map((s) =>
      s.mockImplementation(() => undefined),
    );
    try {
      expect(() => pluginApp.synth()).toThrow(/iamgate::privilege-escalation\/pass-role-wildcard/);
    } finally {
      for (const s of quiet) s.mockRestore();
    }
    const dir = pluginApp.outdir;
    const templatePath = join(dir, 'Parent.template.json');
    const report = plugin.validate({
      templatePaths: [templatePath],
      stackTemplates: [{ stackConstructPath: 'Parent', templatePath, accountId: '111122223333', region: 'eu-west-1' }],
      appConstruct: pluginApp,
    });
    expect(
      report.violations.map((v) => `${v.ruleName} @ ${v.violatingResources[0]?.resourceLogicalId ?? '?'}`),
    ).toEqual(EXPECTED);
    expect(report.violations[0]?.violatingResources[0]?.constructPath).toBe(
      'Parent/Child/Inner/DefaultPolicy/Resource',
    );
  });
});
