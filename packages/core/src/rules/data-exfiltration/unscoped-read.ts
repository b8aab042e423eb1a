import { defineRule } from '../rule';
import { listValues, ownerOf } from '../describe';
import { DATA_EXFILTRATION_ACTIONS } from '../data/sensitive-actions';
import { grantedBy, unscopedGrants } from '../data/unscoped-report';
import type { ActionCatalog } from '../../analysis/catalog-view';

const V = '2012-10-17';

/** Reads of objects, secrets, parameters or decryption allowed on every resource. */
export default defineRule({
  meta: {
    id: 'data-exfiltration/unscoped-read',
    description:
      'An identity policy allows reading data on every resource without a restricting condition: `s3:GetObject`, `secretsmanager:GetSecretValue`, `ssm:GetParameter*`, `kms:Decrypt` (the list is `tuning.dataExfiltrationActions` when set).',
    rationale:
      "Unrestricted reads of objects, secrets and parameters let a compromised workload copy every bucket and secret of the account. Grant them on the buckets, prefixes, secrets and keys the workload owns. An action the principal's permissions boundary allows on some resources only (a bucket prefix, named resources, resources by tag) is not reported: the boundary scopes it. Nor is an AWS managed policy of a role only AWS services that run no customer code assume (the restore role of AWS Backup): the service reads for its own work.",
    defaultSeverity: 'warning',
    recommended: true,
    appliesTo: { policyTypes: ['identity'] },
    messages: {
      unscoped: '{{owner}} may read {{actions}} on every resource',
    },
  },
  examples: {
    valid: [
      {
        name: 'objects of one bucket',
        type: 'identity',
        document: {
          Version: V,
          Statement: [
            {
              Effect: 'Allow',
              Action: ['s3:GetObject*', 's3:List*'],
              Resource: ['arn:aws:s3:::reports', 'arn:aws:s3:::reports/*'],
            },
          ],
        },
      },
      {
        name: 'secrets of the organization only',
        type: 'identity',
        document: {
          Version: V,
          Statement: [
            {
              Effect: 'Allow',
              Action: 'secretsmanager:GetSecretValue',
              Resource: '*',
              Condition: { StringEquals: { 'secretsmanager:ResourceTag/app': 'billing' } },
            },
          ],
        },
      },
    ],
    invalid: [
      {
        name: 'every object of every bucket',
        type: 'identity',
        document: {
          Version: V,
          Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::*/*' }],
        },
        errors: [{ messageId: 'unscoped' }],
      },
      {
        name: 'NotAction that leaves secrets and parameters',
        type: 'identity',
        document: { Version: V, Statement: [{ Effect: 'Allow', NotAction: ['s3:*', 'kms:*'], Resource: '*' }] },
        errors: [{ messageId: 'unscoped', pointer: '/Statement/0' }],
      },
    ],
  },
  checkPolicy(context, subject) {
    const configured = context.settings.tuning.dataExfiltrationActions;
    const candidates = expanded(context.catalog, configured ?? DATA_EXFILTRATION_ACTIONS);
    for (const { statement, actions } of unscopedGrants(context, subject, candidates)) {
      context.report({
        messageId: 'unscoped',
        data: { owner: ownerOf(subject), actions: listValues(actions) },
        statement,
        evidence: { actions, grantedBy: grantedBy(statement, actions) },
      });
    }
  },
});

// The candidates depend only on the catalog and the configured list: expanded once per run, not
// once per policy.
const expansions = new WeakMap<ActionCatalog, WeakMap<readonly string[], readonly string[]>>();

function expanded(catalog: ActionCatalog, actions: readonly string[]): readonly string[] {
  let byList = expansions.get(catalog);
  if (byList === undefined) expansions.set(catalog, (byList = new WeakMap()));
  let result = byList.get(actions);
  if (result === undefined) byList.set(actions, (result = actions.flatMap((a) => catalog.expand(a) ?? [a])));
  return result;
}
