/**
 * A policy that only some deploys attach to a principal (`Roles: [!If [IsProd, !Ref App, !Ref
 * AWS::NoValue]]`, an entry of a role's `Policies` chosen by `Fn::If`) is written for it on those
 * sides only: two attached on sides that never hold together are not summed for its inline quota,
 * as two policy resources under exclusive `Condition`s are not.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { guardStacks } from '../src/guard';
import { loadInputs } from '../src/template/cloud-assembly';

const dir = mkdtempSync(join(tmpdir(), 'cdk-guard-conditional-attachments-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const NO_VALUE = { Ref: 'AWS::NoValue' };
const ifThen = (condition: string, whenTrue: unknown, otherwise: unknown): object => ({
  'Fn::If': [condition, whenTrue, otherwise],
});

/** A document reading `count` buckets named after `prefix`: 140 make about 5,500 characters. */
const reads = (prefix: string, count: number): object => ({
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Action: 's3:GetObject',
      Resource: Array.from({ length: count }, (_, i) => `arn:aws:s3:::${prefix}-bucket-number-${String(i)}/*`),
    },
  ],
});
/** The size IAM measures of `reads(prefix, count)`: without white space. */
const sizeOf = (prefix: string, count: number): number => JSON.stringify(reads(prefix, count)).length;

const TRUST = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
};

/** Conditions on one parameter `Env`: `IsProd` and `IsDev` never hold together, `IsLive` and `IsProd` always do. */
const CONDITIONS = {
  IsProd: { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] },
  IsDev: { 'Fn::Equals': [{ Ref: 'Env' }, 'dev'] },
  IsLive: { 'Fn::Equals': ['prod', { Ref: 'Env' }] },
};

/** A role (or user) `App` and one `AWS::IAM::Policy` per entry of `attached`, listing it as written. */
function template(attached: readonly (readonly [string, unknown])[], kind: 'Role' | 'User' = 'Role'): object {
  const policies = Object.fromEntries(
    attached.map(([prefix, listing]) => [
      `${prefix}Policy`,
      {
        Type: 'AWS::IAM::Policy',
        Properties: {
          PolicyName: prefix,
          [`${kind}s`]: listing,
          PolicyDocument: reads(prefix, kind === 'Role' ? 140 : 25),
        },
      },
    ]),
  );
  return {
    Parameters: { Env: { Type: 'String' } },
    Conditions: CONDITIONS,
    Resources: {
      App:
        kind === 'Role'
          ? { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: TRUST } }
          : { Type: 'AWS::IAM::User', Properties: {} },
      ...policies,
    },
  };
}

async function sizeFindings(name: string, written: object): Promise<string[]> {
  writeFileSync(join(dir, name), JSON.stringify(written));
  const loaded = await loadInputs([name], dir);
  expect(loaded.errors).toEqual([]);
  return guardStacks(loaded.stacks, {})
    .result.findings.filter((f) => f.ruleId === 'policy-validity/policy-size')
    .map((f) => f.message);
}

const APP = { Ref: 'App' };
const roleTotal = (sides: string): string =>
  `the inline policies of role \`App\` have ${(sizeOf('prod', 140) + sizeOf('dev', 140)).toLocaleString('en-US')} characters together, over the 10,240 allowed for a role${sides}`;

describe('policies attached on sides of Fn::If', () => {
  it.each<[string, readonly (readonly [string, unknown])[], string[]]>([
    [
      'listed under IsProd and IsDev (one parameter, two texts): never summed',
      [
        ['prod', [ifThen('IsProd', APP, NO_VALUE)]],
        ['dev', [ifThen('IsDev', APP, NO_VALUE)]],
      ],
      [],
    ],
    [
      'listed on the two sides of one condition: never summed',
      [
        ['prod', [ifThen('IsProd', APP, NO_VALUE)]],
        ['dev', [ifThen('IsProd', NO_VALUE, APP)]],
      ],
      [],
    ],
    [
      'a whole list chosen by Fn::If: never summed',
      [
        ['prod', ifThen('IsProd', [APP], [])],
        ['dev', ifThen('IsDev', [APP], [])],
      ],
      [],
    ],
    [
      'listed under two conditions that hold together: summed on that side',
      [
        ['prod', [ifThen('IsProd', APP, NO_VALUE)]],
        ['dev', [ifThen('IsLive', APP, NO_VALUE)]],
      ],
      [roleTotal(' (when condition `IsProd` is true and condition `IsLive` is true)')],
    ],
    [
      'one listed always, one under a condition: summed on that side',
      [
        ['prod', [APP]],
        ['dev', [ifThen('IsDev', APP, NO_VALUE)]],
      ],
      [roleTotal(' (when condition `IsDev` is true)')],
    ],
    [
      'listed on both sides of a condition: every deploy, summed',
      [
        ['prod', [ifThen('IsProd', APP, APP)]],
        ['dev', [APP]],
      ],
      [roleTotal('')],
    ],
  ])('%s', async (_name, attached, expected) => {
    expect(await sizeFindings('roles.json', template(attached))).toEqual(expected);
  });

  it("a user's policies under IsProd and IsDev: its 2,048 quota is not exceeded by both together", async () => {
    const apart = template(
      [
        ['prod', [ifThen('IsProd', APP, NO_VALUE)]],
        ['dev', [ifThen('IsDev', APP, NO_VALUE)]],
      ],
      'User',
    );
    expect(await sizeFindings('users-apart.json', apart)).toEqual([]);
    const together = template(
      [
        ['prod', [APP]],
        ['dev', [APP]],
      ],
      'User',
    );
    expect(await sizeFindings('users-together.json', together)).toHaveLength(1);
  });

  it("entries of a role's Policies chosen by Fn::If: apart when their conditions never hold together", async () => {
    const role = (second: string): object => ({
      Parameters: { Env: { Type: 'String' } },
      Conditions: CONDITIONS,
      Resources: {
        App: {
          Type: 'AWS::IAM::Role',
          Properties: {
            AssumeRolePolicyDocument: TRUST,
            Policies: [
              ifThen('IsProd', { PolicyName: 'prod', PolicyDocument: reads('prod', 140) }, NO_VALUE),
              ifThen(second, { PolicyName: 'dev', PolicyDocument: reads('dev', 140) }, NO_VALUE),
            ],
          },
        },
      },
    });
    expect(await sizeFindings('inline-apart.json', role('IsDev'))).toEqual([]);
    expect(await sizeFindings('inline-together.json', role('IsLive'))).toEqual([
      roleTotal(' (when condition `IsProd` is true and condition `IsLive` is true)'),
    ]);
  });
});
