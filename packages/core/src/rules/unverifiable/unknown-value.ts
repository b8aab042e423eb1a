import { defineRule } from '../rule';

/** A rule could not decide because a value is only known after deploy. */
export default defineRule({
  meta: {
    id: 'unverifiable/unknown-value',
    description: 'A rule could not decide because a value it depends on is only known after deploy.',
    rationale:
      'A check that cannot decide says so rather than passing silently. Make the value known before deploy (a literal, or a reference to a resource of the same app or plan), or suppress the finding with the reason it is safe.',
    defaultSeverity: 'warning',
    recommended: true,
    appliesTo: { resources: true },
    emittedByEngine: true,
    messages: {
      unknown: '{{rule}} could not decide: {{reason}}',
    },
  },
  examples: { valid: [], invalid: [] },
});
