/** The rule API catches message id typos at compile time (checked by `tsc -p tsconfig.test.json`). */
import { defineRule } from '../../src/rules/rule';

describe('defineRule', () => {
  it('types message ids after the messages of the rule', () => {
    const rule = defineRule({
      meta: {
        id: 'wildcard-action/type-check-fixture',
        description: 'a fixture for the compile-time check of message ids',
        rationale: 'not registered; exists only to be type checked',
        defaultSeverity: 'info',
        recommended: false,
        appliesTo: {},
        messages: { known: 'a known message' },
      },
      examples: {
        valid: [],
        // @ts-expect-error -- `unknown` is not a message id of this rule
        invalid: [{ name: 'typo', type: 'identity', document: {}, errors: [{ messageId: 'unknown' }] }],
      },
      checkPolicy(context) {
        context.report({ messageId: 'known' });
        // @ts-expect-error -- a typo in a message id does not compile
        context.report({ messageId: 'knwon' });
      },
    });
    expect(Object.keys(rule.meta.messages)).toEqual(['known']);
  });
});
