import { defineRule } from '../rule';
import { reportPaths } from '../data/escalation-report';
import { reportTargetedPaths } from '../data/escalation-targets';

const V = '2012-10-17';

/** Escalation by changing IAM policies: one's own, or those of a role, user or group one can use. */
export default defineRule({
  meta: {
    id: 'privilege-escalation/iam-policy-modification',
    description:
      'An identity policy allows changing IAM permissions (`iam:PutRolePolicy`, `iam:AttachUserPolicy`, `iam:CreatePolicyVersion`, `iam:UpdateAssumeRolePolicy`, ...) on any principal or policy, or on the principal itself.',
    rationale:
      'A principal that may write policies may grant itself, or a role it can assume, any permission: its own policy no longer limits it. Give policy-writing actions only to the pipeline that deploys IAM, scoped to the ARNs it manages, and guard them with a permissions boundary.',
    defaultSeverity: 'error',
    recommended: true,
    appliesTo: { policyTypes: ['identity'] },
    messages: {
      path: '{{owner}} can escalate its privileges with {{actions}} on any principal or policy (escalation path `{{path}}`)',
      onItself: '{{owner}} can change its own permissions with {{actions}} on itself (escalation path `{{path}}`)',
      created:
        '{{owner}} can create a {{kind}} under `{{resource}}`, give it any permissions and act as it with {{actions}} (escalation path `{{path}}`)',
      targeted:
        '{{owner}} can act with the permissions of {{target}}, which holds {{holds}}, with {{actions}} on it (escalation path `{{path}}`)',
    },
  },
  examples: {
    valid: [
      {
        name: 'reading IAM only',
        type: 'identity',
        document: { Version: V, Statement: [{ Effect: 'Allow', Action: ['iam:Get*', 'iam:List*'], Resource: '*' }] },
      },
      {
        name: 'iam:PutRolePolicy on the roles of one path, under a deny of policy versions',
        type: 'identity',
        document: {
          Version: V,
          Statement: [
            { Effect: 'Allow', Action: 'iam:PutRolePolicy', Resource: 'arn:aws:iam::111122223333:role/app/tasks-*' },
            { Effect: 'Allow', Action: 'iam:CreatePolicyVersion', Resource: '*' },
            { Effect: 'Deny', Action: 'iam:CreatePolicyVersion', Resource: '*' },
          ],
        },
      },
      {
        name: 'policy changes only with a tag condition',
        type: 'identity',
        document: {
          Version: V,
          Statement: [
            {
              Effect: 'Allow',
              Action: 'iam:AttachRolePolicy',
              Resource: '*',
              Condition: { StringEquals: { 'iam:PolicyARN': 'arn:aws:iam::aws:policy/ReadOnlyAccess' } },
            },
          ],
        },
      },
      {
        name: 'roles created and written only with a boundary the caller may neither remove nor rewrite',
        type: 'identity',
        document: {
          Version: V,
          Statement: [
            {
              Effect: 'Allow',
              Action: ['iam:CreateRole', 'iam:PutRolePolicy', 'iam:AttachRolePolicy'],
              Resource: 'arn:aws:iam::111122223333:role/app/*',
              Condition: {
                StringEquals: { 'iam:PermissionsBoundary': 'arn:aws:iam::111122223333:policy/app-boundary' },
              },
            },
            { Effect: 'Allow', Action: 'sts:AssumeRole', Resource: 'arn:aws:iam::111122223333:role/app/*' },
            {
              Effect: 'Deny',
              Action: ['iam:CreatePolicyVersion', 'iam:DeleteRolePermissionsBoundary'],
              Resource: '*',
            },
          ],
        },
      },
    ],
    invalid: [
      {
        name: 'users created under a path, given any policy and an access key',
        type: 'identity',
        document: {
          Version: V,
          Statement: [
            {
              Effect: 'Allow',
              Action: ['iam:CreateUser', 'iam:AttachUserPolicy', 'iam:CreateAccessKey'],
              Resource: 'arn:aws:iam::111122223333:user/ci/*',
            },
          ],
        },
        errors: [{ messageId: 'created', pointer: '/Statement/0' }],
      },
      {
        name: 'iam:CreatePolicyVersion on every policy',
        type: 'identity',
        document: {
          Version: V,
          Statement: [
            { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::reports/*' },
            { Effect: 'Allow', Action: 'iam:CreatePolicyVersion', Resource: 'arn:aws:iam::111122223333:policy/*' },
          ],
        },
        errors: [{ messageId: 'path', pointer: '/Statement/1' }],
      },
      {
        name: 'a role that may put an inline policy on itself',
        principal: { kind: 'role', name: 'app' },
        document: {
          Version: V,
          Statement: [{ Effect: 'Allow', Action: 'iam:PutRolePolicy', Resource: 'arn:aws:iam::111122223333:role/app' }],
        },
        errors: [{ messageId: 'onItself' }],
      },
      {
        name: 'NotAction that leaves iam:AttachUserPolicy and iam:AddUserToGroup',
        type: 'identity',
        document: {
          Version: V,
          Statement: [
            {
              Effect: 'Allow',
              NotAction: [
                'iam:Create*',
                'iam:Put*',
                'iam:Update*',
                'iam:Attach*Role*',
                'iam:AttachGroupPolicy',
                'iam:SetDefaultPolicyVersion',
                'iam:PassRole',
                'sts:*',
              ],
              Resource: '*',
            },
          ],
        },
        // Both paths go through the one statement: one finding names them.
        errors: [{ messageId: 'path' }],
      },
    ],
  },
  checkPolicy(context, subject) {
    reportPaths(context, subject, 'iam-policy-modification', {
      path: 'path',
      onItself: 'onItself',
      created: 'created',
    });
  },
  checkAccount(context, subject) {
    reportTargetedPaths(context, subject, 'iam-policy-modification', 'targeted');
  },
});
