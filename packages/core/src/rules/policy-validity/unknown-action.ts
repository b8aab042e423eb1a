import { defineRule } from '../rule';
import { distinctValues } from '../statement-helpers';
import type { UnknownActionReason } from '../../catalog/actions';
import { diagnoseUnknownAction } from '../../catalog/actions';
import type { Statement } from '../../model/policy';
import type { ActionCatalog } from '../../analysis/catalog-view';
import { ACTION_FORM, catalogKnowsActions, didYouMean, isAwsManaged } from '../validity/common';

/** Actions, services and action patterns that name nothing AWS knows. */
export default defineRule({
  meta: {
    id: 'policy-validity/unknown-action',
    description:
      'An action of an unknown service, an action its service does not have, or an action pattern that matches no action.',
    rationale:
      'IAM accepts any action name, so a misspelt action grants (or, in a Deny, refuses) nothing and the workload fails at run time, or a guard silently does not apply. Use the action name from the Service Authorization Reference.',
    defaultSeverity: 'warning',
    recommended: true,
    appliesTo: { resources: true },
    messages: {
      unknownService: 'service `{{service}}` of action `{{action}}` does not exist{{suggestion}}',
      unknownAction: 'action `{{action}}` does not exist in service `{{service}}`{{suggestion}}',
      noMatch: 'action pattern `{{action}}` matches no `{{service}}` action',
      legacyAction:
        'action `{{action}}` is not an action of service `{{service}}` and grants nothing ({{why}}): it can be left out',
    },
    // AWS's own default policies hold these: worth knowing, not worth a warning on every topic.
    messageSeverity: { legacyAction: 'info' },
  },
  examples: {
    valid: [
      {
        name: 'actions spelt as in the Service Authorization Reference, in any case',
        type: 'identity',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Action: ['s3:GetObject', 's3:listbucket'],
              Resource: ['arn:aws:s3:::data', 'arn:aws:s3:::data/*'],
            },
          ],
        },
      },
      {
        name: 'a pattern that matches some actions',
        type: 'identity',
        document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'ec2:Describe*', Resource: '*' }] },
      },
    ],
    invalid: [
      {
        name: 'a misspelt action gets a suggestion',
        type: 'identity',
        document: {
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: 's3:GetObjekt', Resource: 'arn:aws:s3:::data/*' }],
        },
        errors: [{ messageId: 'unknownAction', pointer: '/Statement/0/Action' }],
      },
      {
        name: 'a pattern that matches no action',
        type: 'identity',
        document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:Fetch*', Resource: '*' }] },
        errors: [{ messageId: 'noMatch' }],
      },
      {
        name: 'an unknown service prefix',
        type: 'identity',
        document: {
          Version: '2012-10-17',
          Statement: [{ Effect: 'Deny', Action: 'dynamo:DeleteTable', Resource: '*' }],
        },
        errors: [{ messageId: 'unknownService' }],
      },
      {
        name: "the legacy `SNS:Receive` of AWS's default topic policy is told apart (at info level)",
        type: 'resource',
        document: {
          Version: '2008-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { AWS: 'arn:aws:iam::111122223333:root' },
              Action: ['SNS:Publish', 'SNS:Receive'],
              Resource: 'arn:aws:sns:eu-west-1:111122223333:alerts',
            },
          ],
        },
        errors: [{ messageId: 'legacyAction' }],
      },
    ],
  },
  checkPolicy(context, subject) {
    if (!subject.parsed.ok || isAwsManaged(subject) || !catalogKnowsActions(context.catalog)) return;
    for (const statement of subject.parsed.value.statements) {
      const set = statement.action;
      if (set === undefined) continue;
      for (const { action, reason } of unknownActionsOf(context.catalog, statement, set.values)) {
        const legacy = reason.kind === 'legacy';
        const suggestion = legacy ? undefined : reason.suggestion;
        const messageId = legacy
          ? 'legacyAction'
          : reason.kind === 'unknown-service'
            ? 'unknownService'
            : /[*?]/.test(action)
              ? 'noMatch'
              : 'unknownAction';
        context.report({
          messageId,
          data: { action, service: reason.service, suggestion: didYouMean(suggestion), why: legacy ? reason.why : '' },
          statement,
          pointer: set.pointer,
          key: action,
          evidence: { actions: [action], ...(suggestion !== undefined ? { suggestion } : {}) },
        });
      }
    }
  },
});

interface UnknownAction {
  readonly action: string;
  readonly reason: Exclude<UnknownActionReason, { kind: 'malformed' }>;
}

// A statement is shared by every principal its policy is attached to (the engine's parse cache),
// and its verdict depends on it and the catalog alone: judged once per catalog.
const judged = new WeakMap<
  Statement,
  { readonly catalog: ActionCatalog; readonly unknown: readonly UnknownAction[] }
>();
// Not frozen: V8 (Node 20) loops over a frozen array on a slow path that allocates per item.
const NONE_UNKNOWN: readonly UnknownAction[] = [];

/** The actions of a statement's Action element that the catalog does not know, in value order. */
function unknownActionsOf(
  catalog: ActionCatalog,
  statement: Statement,
  values: readonly string[],
): readonly UnknownAction[] {
  const known = judged.get(statement);
  if (known !== undefined && known.catalog === catalog) return known.unknown;
  let unknown: UnknownAction[] | undefined;
  for (const action of distinctValues(values)) {
    // Malformed values are the parser's (policy-validity/invalid-policy).
    if (action === '*' || !ACTION_FORM.test(action) || catalog.expand(action) !== undefined) continue;
    const reason = diagnoseUnknownAction(action);
    if (reason === undefined || reason.kind === 'malformed') continue;
    (unknown ??= []).push({ action, reason });
  }
  judged.set(statement, { catalog, unknown: unknown ?? NONE_UNKNOWN });
  return unknown ?? NONE_UNKNOWN;
}
