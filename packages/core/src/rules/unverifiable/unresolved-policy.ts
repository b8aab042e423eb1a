import { defineRule } from '../rule';

/** A policy whose document is only known after deploy: no rule could check it. */
export default defineRule({
  meta: {
    id: 'unverifiable/unresolved-policy',
    description:
      'A policy document is only known after deploy (built at run time, read from a file or a data source), so no rule could check it.',
    rationale:
      'iamgate never passes what it could not check. Write the document in the template or plan, or suppress this finding with the reason you trust the document.',
    defaultSeverity: 'warning',
    recommended: true,
    appliesTo: { resources: true },
    emittedByEngine: true,
    messages: {
      unresolved: 'policy `{{policy}}` could not be checked: {{reason}}',
    },
  },
  examples: { valid: [], invalid: [] },
});
