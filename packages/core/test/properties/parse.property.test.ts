/**
 * parsePolicy on generated hostile input (test/model/parse.test.ts has the hand-written cases and
 * test/model/serialize.test.ts the round trip of ordinary documents): it never throws, every issue
 * is one line with a JSON pointer that exists in the document, no `__proto__` key reaches a
 * prototype, and documents that parse survive serialize -> parse whatever their strings hold.
 */
import fc from 'fast-check';
import { parsePolicy, serializePolicy } from '@iamgate/core';
import type { PolicyIssue } from '@iamgate/core';

const NASTY_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  'Statement',
  'Effect',
  'Action',
  'Resource',
  'Condition',
  'Principal',
  'AWS',
  '',
];
const nastyString = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 8 }),
  fc.string({ unit: 'binary', maxLength: 8 }), // lone surrogates, control characters
  fc.constantFrom(
    '*',
    '',
    '\n',
    '\r\n',
    '\u2028',
    '${',
    '${*}',
    '`',
    'arn:',
    's3:GetObject',
    'Allow',
    'Deny',
    '2012-10-17',
  ),
);
const scalar = fc.oneof(nastyString, fc.integer(), fc.double(), fc.boolean(), fc.constant(null));
const value = fc.letrec((tie) => ({
  v: fc.oneof({ depthSize: 'small' }, scalar, tie('arr'), tie('obj')),
  arr: fc.array(tie('v'), { maxLength: 3 }),
  obj: fc.dictionary(fc.oneof(fc.constantFrom(...NASTY_KEYS), nastyString), tie('v'), { maxKeys: 4 }),
})).v;
const statement = fc.dictionary(
  fc.constantFrom(
    'Sid',
    'Effect',
    'Action',
    'NotAction',
    'Resource',
    'NotResource',
    'Principal',
    'NotPrincipal',
    'Condition',
    '__proto__',
    'constructor',
  ),
  fc.oneof(value, fc.constantFrom('Allow', 'Deny', '*')),
  { maxKeys: 6 },
);
const document = fc.oneof(
  value,
  fc.record(
    {
      Version: fc.oneof(fc.constant('2012-10-17'), scalar),
      Statement: fc.oneof(statement, fc.array(statement, { maxLength: 3 }), value),
    },
    { requiredKeys: [] },
  ),
);

/** Follows a JSON pointer; false when a step is missing. */
function pointerExists(doc: unknown, pointer: string): boolean {
  if (pointer === '') return true;
  let at: unknown = doc;
  for (const raw of pointer.slice(1).split('/')) {
    const step = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (typeof at !== 'object' || at === null || !Object.prototype.hasOwnProperty.call(at, step)) return false;
    at = (at as Record<string, unknown>)[step];
  }
  return true;
}

function expectWellFormed(issues: readonly PolicyIssue[], doc: unknown): void {
  for (const issue of issues) {
    expect(issue.message).not.toMatch(/[\n\r\u2028\u2029]/);
    expect(issue.pointer === '' || issue.pointer.startsWith('/')).toBe(true);
    // A pointer may name a missing element (where it should be) but its parent must exist.
    const parent = issue.pointer.slice(0, Math.max(0, issue.pointer.lastIndexOf('/')));
    if (!pointerExists(doc, issue.pointer))
      expect([issue.code, pointerExists(doc, parent)]).toEqual([issue.code, true]);
  }
}

describe('parsePolicy on hostile documents', () => {
  afterEach(() => {
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(Object.getPrototypeOf({})).toBe(Object.prototype);
  });

  it('never throws and reports one-line issues at pointers that exist, given as values', () => {
    fc.assert(
      fc.property(document, (doc) => {
        const result = parsePolicy(doc);
        // On success the issues are the warnings; they follow the same rules.
        expectWellFormed(result.issues, doc);
      }),
      { numRuns: 600 },
    );
  });

  it('never throws and pollutes no prototype, given as JSON text with __proto__ keys', () => {
    fc.assert(
      fc.property(
        document,
        fc.constantFrom('{"polluted": 1}', '{"prototype": {"polluted": 1}}', '[1]'),
        (doc, payload) => {
          // JSON.stringify drops own __proto__ keys; splice them into the text so that JSON.parse creates them.
          const text = (JSON.stringify(doc) ?? 'null')
            .replace(/^\{/, `{"__proto__": ${payload}, "constructor": ${payload}, `)
            .replace(/, \}$/, '}');
          const result = parsePolicy(text);
          expect(typeof result.ok).toBe('boolean');
          if (!result.ok) for (const issue of result.issues) expect(issue.message).not.toMatch(/[\n\r]/);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('reports broken JSON text on one line whatever character breaks it', () => {
    // Regression (fuzz): the offending character was quoted raw, so a newline split the message.
    const cases: [string, string][] = [
      ['a newline inside a string', '{"Statement": "a\nb"}'],
      ['a tab inside a key', '{"St\tatement": 1}'],
      ['a NUL where a value belongs', '{"Statement": \u0000}'],
      ['a lone surrogate where a value belongs', '{"Statement": \ud800}'],
      ['a line separator where a value belongs', '{"Statement": \u2028}'],
    ];
    for (const [name, text] of cases) {
      const result = parsePolicy(text);
      expect([name, result.ok]).toEqual([name, false]);
      const message = result.ok ? '' : (result.issues[0]?.message ?? '');
      expect([name, message]).toEqual([
        name,
        expect.stringMatching(/^invalid JSON at line \d+ column \d+ \(offset \d+\): [^\n\r\u2028]+$/),
      ]);
    }
  });

  it('keeps documents that parse stable through serialize -> parse, whatever their strings hold', () => {
    const text = fc.oneof(nastyString, fc.constantFrom('__proto__', 'constructor'));
    const doc = fc.record({
      Version: fc.constant('2012-10-17'),
      Statement: fc.array(
        fc.record({
          Sid: fc.stringMatching(/^[A-Za-z0-9]{0,6}$/),
          Effect: fc.constantFrom('Allow', 'Deny'),
          Action: fc.array(fc.constantFrom('s3:GetObject', '*', 's3:Get*', 'iam:PassRole'), {
            minLength: 1,
            maxLength: 3,
          }),
          Resource: fc.array(text, { minLength: 1, maxLength: 3 }),
          Condition: fc.dictionary(
            fc.constantFrom('StringEquals', 'StringLike', 'ForAnyValue:StringEquals'),
            fc.dictionary(text, fc.array(text, { minLength: 1, maxLength: 2 }), { minKeys: 1, maxKeys: 2 }),
            { maxKeys: 2 },
          ),
        }),
        { minLength: 1, maxLength: 3 },
      ),
    });
    let parsedCount = 0;
    fc.assert(
      fc.property(doc, (d) => {
        // Through JSON text, so that `__proto__` condition keys are own properties.
        const first = parsePolicy(JSON.stringify(d));
        if (!first.ok) return;
        parsedCount++;
        const serialized = serializePolicy(first.value);
        const second = parsePolicy(JSON.stringify(serialized));
        expect(second.ok).toBe(true);
        if (second.ok) expect(serializePolicy(second.value)).toEqual(serialized);
      }),
      { numRuns: 500 },
    );
    expect(parsedCount).toBeGreaterThan(100);
  });
});
