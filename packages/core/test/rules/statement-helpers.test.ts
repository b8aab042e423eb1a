import { distinctValues } from '../../src/rules/statement-helpers';

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
