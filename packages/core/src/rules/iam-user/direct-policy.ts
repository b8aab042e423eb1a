import { bothChoices, mergedChoices } from '../../analysis/choices';
import { defineRule } from '../rule';
import { listValues, principalLabel } from '../describe';

const V = '2012-10-17';

/** IAM users with policies of their own instead of through groups. */
export default defineRule({
  meta: {
    id: 'iam-user/direct-policy',
    description: 'An IAM user has inline or managed policies attached directly instead of through a group.',
    rationale:
      'AWS advises granting users permissions through groups (or, better, giving workloads roles and people federated access): permissions attached user by user drift apart and are hard to review and revoke. Move the policies to a group and add the user to it.',
    defaultSeverity: 'warning',
    recommended: true,
    appliesTo: { principals: ['user'] },
    messages: {
      direct:
        'user `{{user}}` has {{count}} directly attached {{policies}} ({{names}}); attach permissions to a group instead',
    },
  },
  examples: {
    valid: [
      {
        name: 'a user without policies of its own',
        principal: { kind: 'user', name: 'alice' },
      },
      {
        name: 'a role with an inline policy',
        principal: { kind: 'role', name: 'app' },
        document: {
          Version: V,
          Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::reports/*' }],
        },
      },
    ],
    invalid: [
      {
        name: 'a user with an inline policy',
        principal: { kind: 'user', name: 'deployer' },
        document: {
          Version: V,
          Statement: [{ Effect: 'Allow', Action: 's3:PutObject', Resource: 'arn:aws:s3:::site/*' }],
        },
        errors: [{ messageId: 'direct' }],
      },
      {
        name: 'a user in a path with an inline policy',
        principal: { kind: 'user', name: 'ci', path: '/automation/' },
        document: {
          Version: V,
          Statement: [
            { Effect: 'Allow', Action: 'sqs:SendMessage', Resource: 'arn:aws:sqs:us-east-1:111122223333:jobs' },
          ],
        },
        errors: [{ messageId: 'direct' }],
      },
    ],
  },
  checkPrincipal(context, subject) {
    const direct = subject.principal.policies.filter((p) => p.kind !== 'group');
    if (direct.length === 0) return;
    const names = direct.map((p) => p.policy?.name ?? (p.arn !== undefined ? shortName(p.arn) : p.kind));
    // A user created under a `Condition`, or policies attached on some sides only: named by them.
    const choice = mergedChoices(direct.map((p) => bothChoices(p.deployedWhen, p.policy?.deployedWhen)));
    context.report({
      messageId: 'direct',
      ...(choice === undefined ? {} : { choice }),
      data: {
        user: principalLabel(subject.principal),
        count: direct.length,
        policies: direct.length === 1 ? 'policy' : 'policies',
        names: listValues(names),
      },
      evidence: { policies: direct.map((p, i) => ({ kind: p.kind, name: names[i] })) },
    });
  },
});

function shortName(arn: string | { toString(): string }): string {
  const text = String(arn);
  return text.slice(text.lastIndexOf('/') + 1);
}
