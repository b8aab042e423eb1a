import { statementJson } from '../../src/report/describe';

describe('statementJson', () => {
  it('indents a statement as JSON', () => {
    expect(statementJson({ Effect: 'Allow', Action: ['s3:GetObject'] })).toBe(
      '{\n  "Effect": "Allow",\n  "Action": [\n    "s3:GetObject"\n  ]\n}',
    );
  });

  it('shows the beginning of a statement nested deeper than JSON.stringify goes, on one line', () => {
    let condition: unknown = 'x';
    for (let i = 0; i < 100_000; i++) condition = { a: condition };
    const shown = statementJson({ Effect: 'Allow', Condition: condition });
    expect(shown.startsWith('{"Condition":{"a":{"a":')).toBe(true);
    expect(shown.endsWith('... (too deeply nested to show whole)')).toBe(true);
    expect(shown.split('\n')).toHaveLength(1);
  });
});
