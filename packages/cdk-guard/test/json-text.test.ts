/**
 * JSON text with values known only at deploy in it: a value in a string or among the elements of
 * an array is read as the value it will be; one that is a whole value, or the whole text, makes the
 * text no JSON before deploy (it could add keys or be anything).
 */
import { SymbolicValue } from '@iamgate/core';
import type { Hole } from '@iamgate/core';
import { parseJsonText } from '../src/resolve/json-text';

const RANGES: Hole = { id: 'S:param:Ranges', source: 'the value of parameter `Ranges`' };
const text = (...parts: (string | Hole)[]): SymbolicValue => new SymbolicValue(parts);

describe('parseJsonText', () => {
  test.each([
    ['an element of an array', text('{"ip": [ ', RANGES, ' ]}'), { ip: [new SymbolicValue([RANGES])] }],
    ['beside written elements', text('["10.0.0.0/8", ', RANGES, ']'), ['10.0.0.0/8', new SymbolicValue([RANGES])]],
    ['inside a string', text('{"arn": "arn:aws:s3:::', RANGES, '/*"}'), { arn: text('arn:aws:s3:::', RANGES, '/*') }],
    [
      'inside a string after an escaped quote and a bracket',
      text('{"a": "x\\"[", "b": "', RANGES, '"}'),
      { a: 'x"[', b: new SymbolicValue([RANGES]) },
    ],
  ])('%s: read', (_name, input, expected) => {
    expect(parseJsonText(input)).toEqual({ value: expected });
  });

  test.each([
    ['a whole value of an object', text('{"Resource": ', RANGES, '}')],
    ['the whole text', text('', RANGES)],
    ['a whole value after a string holding a bracket', text('{"a": "[", "b": ', RANGES, '}')],
  ])('%s: no JSON before deploy', (_name, input) => {
    expect(parseJsonText(input)).toBeUndefined();
  });
});
