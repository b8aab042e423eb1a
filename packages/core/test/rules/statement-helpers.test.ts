import { distinctValues, neverHolds } from '../../src/rules/statement-helpers';
import { parsePolicy } from '../../src/model/parse';

describe('distinctValues', () => {
  const many = Array.from({ length: 20 }, (_, i) => `v${i % 15}`);
  const cases: { name: string; values: string[]; expected: string[] }[] = [
    { name: 'no values', values: [], expected: [] },
    { name: 'one value', values: ['a'], expected: ['a'] },
    { name: 'values without repeats keep their order', values: ['b', 'a', 'c'], expected: ['b', 'a', 'c'] },
    { name: 'a repeat is dropped where it repeats', values: ['b', 'a', 'b', 'c', 'a'], expected: ['b', 'a', 'c'] },
    {
      name: 'values differing in case are distinct',
      values: ['s3:GetObject', 's3:getobject'],
      expected: ['s3:GetObject', 's3:getobject'],
    },
    { name: 'a long list with repeats', values: many, expected: Array.from({ length: 15 }, (_, i) => `v${i}`) },
  ];
  it.each(cases)('$name', ({ values, expected }) => {
    expect(distinctValues(values)).toEqual(expected);
  });

  it('returns the list itself when nothing repeats', () => {
    const values = ['a', 'b'];
    expect(distinctValues(values)).toBe(values);
  });
});

describe('neverHolds', () => {
  const cases: { name: string; condition: Record<string, Record<string, string | string[]>>; expected: boolean }[] = [
    {
      name: '`Bool` on a value that is no boolean',
      condition: { Bool: { 'aws:PrincipalTag/admin': 'yes' } },
      expected: true,
    },
    {
      name: '`NumericLessThan` on a value that is no number',
      condition: { NumericLessThan: { 'aws:MultiFactorAuthAge': 'one hour' } },
      expected: true,
    },
    {
      name: '`DateLessThan` on a value that is no date',
      condition: { DateLessThan: { 'aws:CurrentTime': 'tomorrow' } },
      expected: true,
    },
    { name: '`Bool` on a Date key', condition: { Bool: { 'aws:CurrentTime': 'true' } }, expected: true },
    {
      name: 'a negated Numeric operator on an address key',
      condition: { NumericNotEquals: { 'aws:SourceIp': '0' } },
      expected: true,
    },
    {
      name: '`Bool` `true` on a String tag key (the tag may be `true`)',
      condition: { Bool: { 'aws:PrincipalTag/admin': 'true' } },
      expected: false,
    },
    {
      name: '`DateLessThan` on a Numeric key (epoch seconds are dates)',
      condition: { DateLessThan: { 'aws:MultiFactorAuthAge': '3600' } },
      expected: false,
    },
    {
      name: '`NumericLessThan` on `aws:EpochTime` (Date and Numeric)',
      condition: { NumericLessThan: { 'aws:EpochTime': '1798761600' } },
      expected: false,
    },
    {
      name: 'one readable value among others',
      condition: { Bool: { 'aws:SecureTransport': ['yes', 'true'] } },
      expected: false,
    },
    {
      name: '`...IfExists` holds without the key',
      condition: { BoolIfExists: { 'aws:PrincipalTag/admin': 'yes' } },
      expected: false,
    },
    {
      name: '`ForAllValues` holds without the key',
      condition: { 'ForAllValues:NumericLessThan': { 'aws:MultiFactorAuthAge': 'x' } },
      expected: false,
    },
    {
      name: 'a policy variable is read per request',
      condition: { Bool: { 'aws:SecureTransport': '${aws:ViaAWSService}' } },
      expected: false,
    },
  ];
  it.each(cases)('$name', ({ condition, expected }) => {
    const parsed = parsePolicy(
      {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*', Condition: condition }],
      },
      { type: 'identity' },
    );
    if (!parsed.ok) throw new Error('the case does not parse');
    const clause = parsed.value.statements[0]?.conditions[0];
    if (clause === undefined) throw new Error('the case has no condition');
    expect(neverHolds(clause)).toBe(expected);
  });
});
