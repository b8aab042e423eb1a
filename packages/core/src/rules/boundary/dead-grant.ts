import { defineRule } from '../rule';
import { listValues } from '../describe';
import { boundaryStatements } from '../trust/boundary-policy';
import { deadPatterns } from '../trust/boundary';

const V = '2012-10-17';
const S3_READ_ONLY = 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess';

/** Identity grants the principal's permissions boundary never lets through. */
export default defineRule({
  meta: {
    id: 'boundary/dead-grant',
    description:
      'An identity policy of a bounded role or user allows actions its permissions boundary allows nothing of: the grant has no effect.',
    rationale:
      'A permission is effective only where the identity policy and the boundary both allow it. A grant the boundary excludes is dead code that misleads reviewers (and fails at run time). Remove it, or extend the boundary if the workload needs it.',
    defaultSeverity: 'warning',
    recommended: false,
    appliesTo: { principals: ['role', 'user'] },
    messages: {
      deadGrant:
        '{{kind}} `{{principal}}` is granted {{actions}}, which its permissions boundary `{{boundary}}` does not allow',
    },
  },
  examples: {
    valid: [
      {
        name: 'reads inside a read-only boundary',
        principal: { kind: 'role', name: 'reader', permissionsBoundary: S3_READ_ONLY },
        document: { Version: V, Statement: [{ Effect: 'Allow', Action: ['s3:GetObject', 's3:List*'], Resource: '*' }] },
      },
      {
        name: 'a boundary whose document is not known',
        principal: { kind: 'role', name: 'app', permissionsBoundary: 'arn:aws:iam::111122223333:policy/app-boundary' },
        document: { Version: V, Statement: [{ Effect: 'Allow', Action: 'dynamodb:PutItem', Resource: '*' }] },
      },
    ],
    invalid: [
      {
        name: 'a write under a read-only boundary',
        principal: { kind: 'role', name: 'reader', permissionsBoundary: S3_READ_ONLY },
        document: {
          Version: V,
          Statement: [{ Effect: 'Allow', Action: ['s3:GetObject', 'dynamodb:PutItem'], Resource: '*' }],
        },
        errors: [{ messageId: 'deadGrant', pointer: '/Statement/0' }],
      },
      {
        name: 'a whole service outside the boundary',
        principal: { kind: 'user', name: 'ops', permissionsBoundary: S3_READ_ONLY },
        document: { Version: V, Statement: [{ Effect: 'Allow', Action: 'sqs:*', Resource: '*' }] },
        errors: [{ messageId: 'deadGrant' }],
      },
    ],
  },
  checkPrincipal(context, subject) {
    const boundary = boundaryStatements(subject, context.catalog);
    const arn = subject.principal.permissionsBoundary?.arn;
    if (boundary === undefined || arn === undefined) return;
    for (const policy of subject.identityPolicies) {
      if (!policy.parsed.ok) continue;
      for (const statement of policy.parsed.value.statements) {
        const dead = deadPatterns(statement, boundary, context.catalog);
        if (dead.length === 0) continue;
        context.report({
          messageId: 'deadGrant',
          data: {
            kind: subject.principal.kind,
            principal: subject.principal.id,
            actions: listValues(dead, 5),
            boundary: String(arn),
          },
          statement,
          key: `${policy.source.id} ${statement.pointer}`,
          evidence: { actions: dead },
        });
      }
    }
  },
});
