/**
 * checkShape's direct check of statements parsed from JSON (`parsedJson`) must report exactly what
 * the schema validator reports: hand-written statements at each keyword of the schema, then
 * generated near-valid statements.
 */
import fc from 'fast-check';
import { checkShape } from '../../src/model/shape';

/** Both paths on the same JSON text: the issues with the direct check, then without. */
function bothPaths(statements: unknown): [unknown, unknown] {
  const text = JSON.stringify({ Version: '2012-10-17', Statement: statements });
  const fast = checkShape(JSON.parse(text) as Record<string, unknown>, { parsedJson: true });
  const schema = checkShape(JSON.parse(text) as Record<string, unknown>);
  return [fast, schema];
}

const VALID = [
  { Effect: 'Allow', Action: 's3:GetObject', Resource: '*' },
  { Sid: 'A', Effect: 'Deny', NotAction: ['iam:*'], NotResource: ['arn:aws:s3:::b', 'x'] },
  { Effect: 'Allow', Principal: '*', Action: 'sts:AssumeRole' },
  { Effect: 'Allow', NotPrincipal: { AWS: ['1', '2'], Service: 'ec2.amazonaws.com' }, Action: 'a:b' },
  { Effect: 'Allow', Action: 'a:b', Condition: { Bool: { 'aws:SecureTransport': false, k: [1, 'x', true], e: [] } } },
  { Effect: 'Allow', Condition: {} },
];

const INVALID: [string, unknown][] = [
  ['no Effect', { Action: 'a:b' }],
  ['a lower-case Effect', { Effect: 'allow' }],
  ['a numeric Sid', { Effect: 'Allow', Sid: 1 }],
  ['an unknown element', { Effect: 'Allow', Actions: 'a:b' }],
  ['a `__proto__` element', JSON.parse('{"Effect":"Allow","__proto__":"a"}')],
  ['Action and NotAction', { Effect: 'Allow', Action: 'a:b', NotAction: 'a:c' }],
  ['Resource and NotResource', { Effect: 'Allow', Resource: '*', NotResource: '*' }],
  ['Principal and NotPrincipal', { Effect: 'Allow', Principal: '*', NotPrincipal: '*' }],
  ['an empty Action list', { Effect: 'Allow', Action: [] }],
  ['a number in Resource', { Effect: 'Allow', Resource: ['*', 1] }],
  ['an object as Action', { Effect: 'Allow', Action: { a: 'b' } }],
  ['a Principal string other than `*`', { Effect: 'Allow', Principal: 'x' }],
  ['an empty Principal', { Effect: 'Allow', Principal: {} }],
  ['an empty Principal list', { Effect: 'Allow', Principal: { AWS: [] } }],
  ['a Principal list', { Effect: 'Allow', Principal: ['*'] }],
  ['a Condition list', { Effect: 'Allow', Condition: [] }],
  ['a Condition operator that is a string', { Effect: 'Allow', Condition: { Bool: 'true' } }],
  ['a null condition value', { Effect: 'Allow', Condition: { Bool: { k: null } } }],
  ['a nested condition list', { Effect: 'Allow', Condition: { Bool: { k: [['x']] } } }],
  ['a statement that is a string', 'Allow'],
];

describe('checkShape of statements parsed from JSON', () => {
  it.each(VALID.map((s) => [JSON.stringify(s), s] as const))('accepts %s', (_name, statement) => {
    expect(bothPaths([statement])).toEqual([[], []]);
  });

  it.each(INVALID)('reports what the schema reports: %s', (_name, statement) => {
    const [fast, schema] = bothPaths([statement]);
    expect(schema).not.toEqual([]);
    expect(fast).toEqual(schema);
  });

  it('reports what the schema reports on generated statements', () => {
    // Mostly valid elements, each now and then replaced by any JSON value: a statement is often
    // valid, or invalid in one place only.
    const text = fc.constantFrom('*', 'a:b', 'Allow', 'Deny', 'allow', '', 'x');
    const scalar = fc.oneof(text, fc.integer(), fc.boolean(), fc.constant(null));
    const map = <T>(value: fc.Arbitrary<T>, minKeys = 0): fc.Arbitrary<Record<string, T>> =>
      fc.dictionary(fc.constantFrom('AWS', 'Bool', 'k', '__proto__'), value, { minKeys, maxKeys: 2 });
    const anyValue = fc.oneof(scalar, fc.array(scalar, { maxLength: 2 }), map(scalar));
    const mostly = <T>(valid: fc.Arbitrary<T>): fc.Arbitrary<unknown> =>
      fc.oneof({ arbitrary: valid, weight: 8 }, { arbitrary: anyValue, weight: 1 });
    const strings = fc.oneof(text, fc.array(text, { minLength: 1, maxLength: 2 }));
    const conditionScalar = fc.oneof(text, fc.integer(), fc.boolean());
    const conditionValue = fc.oneof(conditionScalar, fc.array(mostly(conditionScalar), { maxLength: 2 }));
    const principal = fc.oneof(fc.constant('*'), map(mostly(strings), 1));
    const statement = fc.record(
      {
        Sid: mostly(text),
        Effect: mostly(fc.constantFrom('Allow', 'Deny')),
        Action: mostly(strings),
        NotAction: mostly(strings),
        Resource: mostly(strings),
        NotResource: mostly(strings),
        Principal: mostly(principal),
        NotPrincipal: mostly(principal),
        Condition: mostly(map(mostly(map(mostly(conditionValue))))),
        Extra: anyValue,
      },
      { requiredKeys: [] },
    );
    // Extra is rare; the pairs (Action/NotAction...) are dropped often enough to leave one of them.
    const lessExtra = statement.map((s) => {
      const copy: Record<string, unknown> = { ...s };
      const keys = Object.keys(copy);
      if (keys.length % 4 !== 0) delete copy['Extra'];
      if (keys.length % 3 !== 0) {
        delete copy['NotAction'];
        delete copy['NotResource'];
        delete copy['NotPrincipal'];
      }
      return copy;
    });
    let valid = 0;
    fc.assert(
      fc.property(fc.array(fc.oneof(lessExtra, scalar), { minLength: 1, maxLength: 2 }), (statements) => {
        const [fast, schema] = bothPaths(statements);
        expect(fast).toEqual(schema);
        if ((schema as unknown[]).length === 0) valid++;
      }),
      { numRuns: 1000 },
    );
    // The direct check is exercised on valid statements too, not only on invalid ones.
    expect(valid).toBeGreaterThan(20);
  });
});
