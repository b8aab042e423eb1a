/**
 * Conditions of a nested stack over a parameter its parent passes: a literal decides them; one of
 * the parent's own parameters makes them the parent's choice, searched within the values the
 * parent allows (`IsProd` and `IsDev` on one passed parameter never hold together).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { guardStacks } from '../src/guard';
import { loadInputs } from '../src/template/cloud-assembly';

const dir = mkdtempSync(join(tmpdir(), 'cdk-guard-nested-conditions-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const NO_VALUE = { Ref: 'AWS::NoValue' };
const ifThen = (condition: string, whenTrue: unknown, otherwise: unknown): object => ({
  'Fn::If': [condition, whenTrue, otherwise],
});
/** A statement of about 4,400 characters: two in one managed policy are over its 6,144. */
const large = (prefix: string): object => ({
  Effect: 'Allow',
  Action: 's3:GetObject',
  Resource: Array.from({ length: 110 }, (_, i) => `arn:aws:s3:::${prefix}-reports-bucket-${String(i)}/*`),
});
const both = JSON.stringify({ Version: '2012-10-17', Statement: [large('prod'), large('dev')] }).length;
const over = (sides: string): string =>
  `policy \`Policy\` has ${both.toLocaleString('en-US')} characters, over the 6,144 of a managed policy (when ${sides})`;

const overAlways = `policy \`Policy\` has ${both.toLocaleString('en-US')} characters, over the 6,144 of a managed policy`;

/** A child whose managed policy writes one large statement on a side of `IsProd`, one on a side of `IsDev`. */
const child = (side: 'true' | 'false'): object => ({
  Parameters: { Env: { Type: 'String' } },
  Conditions: {
    IsProd: { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] },
    IsDev: { 'Fn::Equals': [{ Ref: 'Env' }, 'dev'] },
  },
  Resources: {
    Policy: {
      Type: 'AWS::IAM::ManagedPolicy',
      Properties: {
        PolicyDocument: {
          Version: '2012-10-17',
          Statement:
            side === 'true'
              ? [ifThen('IsProd', large('prod'), NO_VALUE), ifThen('IsDev', large('dev'), NO_VALUE)]
              : [ifThen('IsProd', NO_VALUE, large('prod')), ifThen('IsDev', NO_VALUE, large('dev'))],
        },
      },
    },
  },
});

const parent = (parameters: object, passed: unknown): object => ({
  Parameters: parameters,
  Resources: {
    Child: {
      Type: 'AWS::CloudFormation::Stack',
      Properties: { TemplateURL: './child.json', Parameters: { Env: passed } },
    },
  },
});

const ALLOWED = { ParentEnv: { Type: 'String', AllowedValues: ['prod', 'dev'] } };
const OPEN = { ParentEnv: { Type: 'String' } };
const PARENT_ENV = { Ref: 'ParentEnv' };

describe('conditions of a nested stack over a parameter its parent passes', () => {
  it.each<[string, 'true' | 'false', object, unknown, string[]]>([
    ["the parent's parameter: IsProd and IsDev never both true", 'true', OPEN, PARENT_ENV, []],
    [
      "the parent's parameter, open: both false when it is a third text",
      'false',
      OPEN,
      PARENT_ENV,
      [over('condition `IsProd` is false and condition `IsDev` is false')],
    ],
    ["the parent's parameter allowed prod or dev: never both false", 'false', ALLOWED, PARENT_ENV, []],
    ['a literal: decided, one statement written', 'true', {}, 'prod', []],
    ['a literal of neither (`qa`): both statements written by every deploy', 'false', {}, 'qa', [overAlways]],
  ])('%s', async (_name, side, parameters, passed, expected) => {
    writeFileSync(join(dir, 'child.json'), JSON.stringify(child(side)));
    writeFileSync(join(dir, 'parent.json'), JSON.stringify(parent(parameters, passed)));
    const loaded = await loadInputs(['parent.json'], dir);
    expect(loaded.errors).toEqual([]);
    const found = guardStacks(loaded.stacks, {}).result.findings;
    expect(found.filter((f) => f.ruleId === 'policy-validity/policy-size').map((f) => f.message)).toEqual(expected);
  });
});

/** A child whose `IsProd` reads its parameter `A` and `IsDev` its parameter `B`, a large statement on the true side of each. */
const twoParameters = {
  Parameters: { A: { Type: 'String' }, B: { Type: 'String' } },
  Conditions: {
    IsProd: { 'Fn::Equals': [{ Ref: 'A' }, 'prod'] },
    IsDev: { 'Fn::Equals': [{ Ref: 'B' }, 'dev'] },
  },
  Resources: {
    Policy: {
      Type: 'AWS::IAM::ManagedPolicy',
      Properties: {
        PolicyDocument: {
          Version: '2012-10-17',
          Statement: [ifThen('IsProd', large('prod'), NO_VALUE), ifThen('IsDev', large('dev'), NO_VALUE)],
        },
      },
    },
  },
};

describe('two parameters of a nested stack passed by its parent', () => {
  it.each<[string, object, unknown, unknown, string[]]>([
    ["both the parent's `ParentEnv`: one value, IsProd and IsDev never both true", OPEN, PARENT_ENV, PARENT_ENV, []],
    [
      'two parameters of the parent: IsProd and IsDev may hold together',
      { ...OPEN, Other: { Type: 'String' } },
      PARENT_ENV,
      { Ref: 'Other' },
      [over('condition `IsProd` is true and condition `IsDev` is true')],
    ],
  ])('%s', async (_name, parameters, a, b, expected) => {
    writeFileSync(join(dir, 'child-two.json'), JSON.stringify(twoParameters));
    writeFileSync(
      join(dir, 'parent-two.json'),
      JSON.stringify({
        Parameters: parameters,
        Resources: {
          Child: {
            Type: 'AWS::CloudFormation::Stack',
            Properties: { TemplateURL: './child-two.json', Parameters: { A: a, B: b } },
          },
        },
      }),
    );
    const loaded = await loadInputs(['parent-two.json'], dir);
    expect(loaded.errors).toEqual([]);
    const found = guardStacks(loaded.stacks, {}).result.findings;
    expect(found.filter((f) => f.ruleId === 'policy-validity/policy-size').map((f) => f.message)).toEqual(expected);
  });
});

describe('one condition over two parameters passed one value', () => {
  /** `Both` holds when `A` is `prod` and `B` is `dev`; a large statement always, one more when `Both`. */
  const child = {
    Parameters: { A: { Type: 'String' }, B: { Type: 'String' } },
    Conditions: {
      Both: {
        'Fn::And': [{ 'Fn::Equals': [{ Ref: 'A' }, 'prod'] }, { 'Fn::Equals': [{ Ref: 'B' }, 'dev'] }],
      },
    },
    Resources: {
      Policy: {
        Type: 'AWS::IAM::ManagedPolicy',
        Properties: {
          PolicyDocument: {
            Version: '2012-10-17',
            Statement: [large('prod'), ifThen('Both', large('dev'), NO_VALUE)],
          },
        },
      },
    },
  };

  it.each<[string, unknown, string[]]>([
    ["both the parent's `ParentEnv`: `Both` never holds, the second statement is never written", PARENT_ENV, []],
    ['`B` another parameter of the parent: `Both` may hold', { Ref: 'Other' }, [over('condition `Both` is true')]],
  ])('%s', async (_name, b, expected) => {
    writeFileSync(join(dir, 'child-and.json'), JSON.stringify(child));
    writeFileSync(
      join(dir, 'parent-and.json'),
      JSON.stringify({
        Parameters: { ...OPEN, Other: { Type: 'String' } },
        Resources: {
          Child: {
            Type: 'AWS::CloudFormation::Stack',
            Properties: { TemplateURL: './child-and.json', Parameters: { A: PARENT_ENV, B: b } },
          },
        },
      }),
    );
    const loaded = await loadInputs(['parent-and.json'], dir);
    expect(loaded.errors).toEqual([]);
    const found = guardStacks(loaded.stacks, {}).result.findings;
    expect(found.filter((f) => f.ruleId === 'policy-validity/policy-size').map((f) => f.message)).toEqual(expected);
  });
});
