/** serializePolicy: the model back to a canonical document; parse -> serialize -> parse is stable. */
import fc from 'fast-check';
import { CONDITION_OPERATORS, parsePolicy, serializePolicy, SymbolicValue } from '@iamgate/core';
import type { Policy } from '@iamgate/core';

function parsedOrThrow(input: unknown): Policy {
  const result = parsePolicy(input);
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.value;
}

const symbolicWith = (suffixes: string[]): fc.Arbitrary<SymbolicValue> =>
  fc
    .tuple(
      fc.constantFrom('arn:aws:s3:::', 'arn:aws:iam::', ''),
      fc.constantFrom('a', 'b', 'c'),
      fc.constantFrom(...suffixes),
    )
    .map(([before, id, after]) => new SymbolicValue([before, { id, source: `resource ${id}` }, after]));
const symbolic = symbolicWith(['', '/*', ':root']);
// Principal values take no partial wildcards.
const principalSymbolic = symbolicWith(['', ':root']);

const text = fc.string({ maxLength: 12 });
const principalText = fc.stringMatching(/^[^*?]{0,12}$/);
const oneOrMany = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | T[]> =>
  fc.oneof(arb, fc.array(arb, { minLength: 1, maxLength: 3 }));

const action = fc.oneof(
  fc.constant('*'),
  fc
    .tuple(fc.constantFrom('s3', 'iam', 'ec2', 'sts', 'dynamo-db'), fc.stringMatching(/^[A-Za-z*?]{1,10}$/))
    .map(([s, a]) => `${s}:${a}`),
);
const resourceValue = fc.oneof(text, symbolic);
const principal = fc.oneof(
  fc.constant('*'),
  fc.dictionary(
    fc.constantFrom('AWS', 'Service', 'Federated', 'CanonicalUser'),
    oneOrMany(fc.oneof(principalText, principalSymbolic)),
    {
      minKeys: 1,
      maxKeys: 4,
    },
  ),
);
const operator = fc
  .tuple(
    fc.constantFrom('', 'ForAllValues:', 'ForAnyValue:'),
    fc.constantFrom(...CONDITION_OPERATORS),
    fc.constantFrom('', 'IfExists'),
  )
  .map(([prefix, base, suffix]) => prefix + base + (base === 'Null' ? '' : suffix));
const conditionValue = fc.oneof(
  text,
  fc.boolean(),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  symbolic,
);
const condition = fc.dictionary(
  operator,
  // Lowercase keys: keys differing only in case are an error (they collide in IAM).
  fc.dictionary(
    fc.oneof(
      fc.stringMatching(/^[a-z0-9:/~_-]{1,12}$/),
      fc.constantFrom('aws:requesttag/a~b', '__proto__', 'constructor'),
    ),
    fc.oneof(conditionValue, fc.array(conditionValue, { maxLength: 3 })),
    {
      maxKeys: 3,
    },
  ),
  { maxKeys: 3 },
);

const statement = fc
  .record(
    {
      Sid: fc.stringMatching(/^[A-Za-z0-9]{0,8}$/),
      Effect: fc.constantFrom('Allow', 'Deny'),
      actionElement: fc.constantFrom('Action', 'NotAction', undefined),
      actions: oneOrMany(action),
      resourceElement: fc.constantFrom('Resource', 'NotResource', undefined),
      resources: oneOrMany(resourceValue),
      principalElement: fc.constantFrom('Principal', 'NotPrincipal', undefined),
      principal,
      Condition: condition,
    },
    { requiredKeys: ['Effect', 'actions', 'resources', 'principal'] },
  )
  .map(({ actionElement, actions, resourceElement, resources, principalElement, principal: p, ...rest }) => {
    const out: Record<string, unknown> = { ...rest };
    if (actionElement !== undefined) out[actionElement] = actions;
    if (resourceElement !== undefined) out[resourceElement] = resources;
    if (principalElement !== undefined) out[principalElement] = p;
    return out;
  });

const policyDocument = fc.record(
  {
    Version: fc.constantFrom('2012-10-17', '2008-10-17'),
    Id: text,
    Statement: fc.oneof(statement, fc.array(statement, { minLength: 1, maxLength: 4 })),
  },
  { requiredKeys: ['Statement'] },
);

test('parse -> serialize -> parse yields an equal model', () => {
  fc.assert(
    fc.property(policyDocument, (doc) => {
      const first = parsedOrThrow(doc);
      const second = parsedOrThrow(serializePolicy(first));
      expect(second).toEqual(first);
    }),
    { numRuns: 300 },
  );
});

test('serialize -> JSON text -> parse yields an equal model when nothing is symbolic', () => {
  const literalDocument = policyDocument.filter(
    (doc) =>
      !JSON.stringify(doc, (_k, v: unknown) => (v instanceof SymbolicValue ? 'SYMBOLIC!' : v)).includes('SYMBOLIC!'),
  );
  fc.assert(
    fc.property(literalDocument, (doc) => {
      const first = parsedOrThrow(doc);
      expect(parsedOrThrow(JSON.stringify(serializePolicy(first)))).toEqual(first);
    }),
    { numRuns: 200 },
  );
});

describe('canonical form', () => {
  const policy = parsedOrThrow({
    Statement: [
      {
        Resource: ['arn:aws:s3:::b/*'],
        Action: ['s3:GetObject', 's3:PutObject'],
        Effect: 'Allow',
        Condition: { Bool: { 'aws:SecureTransport': true }, NumericLessThan: { 's3:max-keys': [10] } },
      },
    ],
  });
  const doc = serializePolicy(policy) as { Statement: Record<string, unknown>[] };

  test('condition values are strings, one value as a scalar', () => {
    expect(doc.Statement[0]?.['Condition']).toEqual({
      Bool: { 'aws:SecureTransport': 'true' },
      NumericLessThan: { 's3:max-keys': '10' },
    });
  });

  test('elements come in a fixed order', () => {
    expect(Object.keys(doc.Statement[0] ?? {})).toEqual(['Effect', 'Action', 'Resource', 'Condition']);
  });

  test('a single statement object stays an object', () => {
    const single = serializePolicy(parsedOrThrow({ Statement: { Effect: 'Deny', Action: '*', Resource: '*' } }));
    expect(Array.isArray(single['Statement'])).toBe(false);
  });

  test('a one-statement array stays an array', () => {
    expect(Array.isArray(doc.Statement)).toBe(true);
  });

  test('a __proto__ condition key is an own key of the output', () => {
    const p = parsedOrThrow(
      JSON.parse('{"Statement": {"Effect": "Allow", "Condition": {"StringEquals": {"__proto__": "x"}}}}'),
    );
    const out = serializePolicy(p) as { Statement: { Condition: { StringEquals: object } } };
    expect(Object.keys(out.Statement.Condition.StringEquals)).toEqual(['__proto__']);
  });
});
