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
