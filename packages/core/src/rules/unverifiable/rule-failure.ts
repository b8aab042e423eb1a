import { defineRule } from '../rule';

/** A rule crashed on an input: the input is reported rather than passed. */
export default defineRule({
  meta: {
    id: 'unverifiable/rule-failure',
    description: 'A rule failed with an internal error on this input, so the input is not known to pass it.',
    rationale:
      'A crashed check fails closed. Report the message to the iamgate maintainers; suppress only with a reason.',
    defaultSeverity: 'error',
    recommended: true,
    appliesTo: { resources: true },
    emittedByEngine: true,
    messages: {
      failed: 'rule `{{rule}}` failed on {{subject}}: {{error}}',
    },
  },
  examples: { valid: [], invalid: [] },
});
