/**
 * The sensitive reads of data-exfiltration/unscoped-read are a curated list: each entry must stay
 * a `Read` action the catalog knows and that accepts resource-level permissions (an action that
 * only accepts `*` cannot be scoped, so reporting it would ask for the impossible).
 */
import { getAction } from '../../src/catalog/actions';
import { actionResourceMatch } from '../../src/catalog/resource-types';
import { DATA_EXFILTRATION_ACTIONS, DATA_ON_RESOURCES } from '../../src/rules/data/sensitive-actions';

// The Service Authorization Reference files it under Write, though it returns the plaintext.
const READS_FILED_AS_WRITES = new Set(['kms:Decrypt']);

describe('the sensitive reads of unscoped-read', () => {
  it.each(DATA_EXFILTRATION_ACTIONS.map((a) => [a]))('%s is a Read action that can be scoped', (name) => {
    const action = getAction(name);
    expect(action?.action).toBe(name);
    expect(action?.accessLevels).toContain(READS_FILED_AS_WRITES.has(name) ? 'Write' : 'Read');
    expect(action?.wildcardOnly).toBe(false);
  });

  it.each([...DATA_ON_RESOURCES].map(([action, on]) => [action, on] as const))(
    '%s: the resources its data is on are resources of the action',
    (action, { resources }) => {
      expect(DATA_EXFILTRATION_ACTIONS.map((a) => a.toLowerCase())).toContain(action);
      for (const pattern of resources)
        expect(actionResourceMatch(action, pattern.replace('apigateway:*', 'apigateway:eu-west-1'))).not.toBe(
          'no-match',
        );
    },
  );
});
