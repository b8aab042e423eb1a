/**
 * `__proto__` and `constructor` keys through the in-process entry points of each package: no
 * prototype is polluted, and no key of the input becomes the prototype of what is read.
 */
import { parsePolicy, readCase } from '@iamgate/core';
import { parsePlanText } from '../../packages/tf-scan/src/read-plan';
import { parseTemplate } from '../../packages/cdk-guard/src/template/read-template';

const PAYLOAD = '{"polluted": "yes", "format_version": "1.2", "Resources": {}, "Statement": [], "request": {}}';
const text = (body: string): string => `{"__proto__": ${PAYLOAD}, "constructor": {"prototype": ${PAYLOAD}}, ${body}}`;

function expectUnpolluted(): void {
  expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  expect(Object.getPrototypeOf({})).toBe(Object.prototype);
}

/** A value read from JSON must not inherit from the input: its prototype is Object's or none. */
function expectPlainPrototype(value: unknown): void {
  if (typeof value !== 'object' || value === null) return;
  expect([Object.prototype, null]).toContain(Object.getPrototypeOf(value));
  expect((value as Record<string, unknown>)['polluted']).toBe(Object.hasOwn(value, 'polluted') ? 'yes' : undefined);
}

describe('__proto__ keys read in-process', () => {
  afterEach(expectUnpolluted);

  test('parsePolicy reports them as unknown elements and pollutes nothing', () => {
    const result = parsePolicy(
      text('"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "*", "Resource": "*"}'),
    );
    expect(result.ok).toBe(false);
    expect(result.issues.map((i) => i.pointer)).toEqual(expect.arrayContaining(['/__proto__', '/constructor']));
  });

  test('readCase ignores them at the top of a case and pollutes nothing', () => {
    const result = readCase(
      JSON.parse(text('"request": {"principal": "anonymous", "action": "s3:GetObject", "resource": "*"}')),
    );
    expect(result.ok && result.value.request.principal).toBe('anonymous');
    if (result.ok) expectPlainPrototype(result.value.request);
  });

  test('tf-scan reads a plan with them without taking one as the prototype', () => {
    const parsed = parsePlanText('plan.json', text('"format_version": "1.2", "planned_values": {"root_module": {}}'));
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expectPlainPrototype(parsed.value);
  });

  test('tf-scan does not accept a plan whose only format_version is under __proto__', () => {
    const parsed = parsePlanText('plan.json', '{"__proto__": {"format_version": "1.2"}}');
    if (parsed.ok) {
      expectPlainPrototype(parsed.value);
      expect((parsed.value as Record<string, unknown>)['format_version']).toBeUndefined();
    }
  });

  test('cdk-guard reads a template with them without taking one as the prototype', () => {
    const parsed = parseTemplate(
      't.json',
      text('"Resources": {"R": {"Type": "AWS::SNS::Topic", "__proto__": {"polluted": "yes"}}}'),
    );
    if (parsed.ok) expectPlainPrototype(parsed.template);
  });
});
