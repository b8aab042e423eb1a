import { defineRule } from '../rule';
import { serviceAdminGrants } from '../data/grants';
import { ownerOf } from '../describe';

// Services whose every action on every resource amounts to administrator access: IAM lets the
// principal grant itself anything, STS lets it become any role that trusts the account,
// Organizations lets it rewrite the guardrails of every account. A service whose admin-making
// actions (ADMIN_ACTIONS) a boundary or an unconditional deny blocks everywhere is not reported
// (see serviceAdminGrants).

/** Every action of IAM, STS or Organizations on every resource (IAMFullAccess and the like). */
export default defineRule({
  meta: {
    id: 'admin-access/service-admin',
    description:
      'An identity policy allows every action of IAM, STS or Organizations (`iam:*`, `sts:*`, `organizations:*` or a pattern as broad) on every resource.',
    rationale:
      "`iam:*` on `*` (the AWS managed `IAMFullAccess`) lets the principal attach `AdministratorAccess` to itself; `sts:*` on `*` lets it assume every role that trusts the account; `organizations:*` lets it detach the service control policies. Each is administrator access. Grant the few actions the workload calls, on named resources. A service is not reported when the principal's permissions boundary or an unconditional deny blocks every action that makes it administrator access (for IAM: attaching, writing and versioning policies, trust changes, `iam:PassRole`, other users' credentials, removing the boundary); a boundary that cannot be read keeps the finding. Nor is one allowed only on a Region the service never answers in (IAM and Organizations answer in `us-east-1` alone in the `aws` partition): `iam:*` on `eu-west-1` allows no IAM call, and the `iam:PassRole` it leaves (checked in the Region of the service the role goes to) is `privilege-escalation/pass-role-wildcard`'s.",
    defaultSeverity: 'error',
    recommended: true,
    appliesTo: { policyTypes: ['identity'] },
    messages: {
      serviceAdmin:
        '{{owner}} is allowed every `{{service}}` action on every resource (`{{pattern}}`), which amounts to administrator access',
      serviceAdminListed:
        '{{owner}} is allowed every `{{service}}` action on every resource (all {{count}}, listed one by one), which amounts to administrator access',
    },
  },
  examples: {
    valid: [
      {
        name: 'every STS action but the session-tagging ones, listed',
        type: 'identity',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Action: ['sts:Assume*', 'sts:Get*', 'sts:Set*', 'sts:DecodeAuthorizationMessage'],
              Resource: '*',
            },
          ],
        },
      },
      {
        name: 'read-only IAM on every resource',
        type: 'identity',
        document: {
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: ['iam:Get*', 'iam:List*'], Resource: '*' }],
        },
      },
      {
        name: 'every IAM action on the roles of one path',
        type: 'identity',
        document: {
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: 'iam:*', Resource: 'arn:aws:iam::111122223333:role/sandbox/*' }],
        },
      },
      {
        name: 'a deny of every STS action',
        type: 'identity',
        document: { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 'sts:*', Resource: '*' }] },
      },
      {
        name: 'every IAM and Organizations action under the PowerUserAccess boundary, which allows neither',
        principal: { kind: 'role', name: 'ops', permissionsBoundary: 'arn:aws:iam::aws:policy/PowerUserAccess' },
        document: {
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: ['iam:*', 'organizations:*'], Resource: '*' }],
        },
      },
      {
        name: 'every IAM action allowed in eu-west-1 only, where IAM never answers (its Region is us-east-1)',
        type: 'identity',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Action: 'iam:*',
              Resource: '*',
              Condition: { StringEquals: { 'aws:RequestedRegion': 'eu-west-1' } },
            },
          ],
        },
      },
      {
        name: 'every IAM action but those that grant, denied',
        type: 'identity',
        document: {
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Action: 'iam:*', Resource: '*' },
            {
              Effect: 'Deny',
              Action: [
                'iam:Attach*',
                'iam:Put*',
                'iam:*PolicyVersion',
                'iam:AddUserToGroup',
                'iam:UpdateAssumeRolePolicy',
                'iam:CreateAccessKey',
                'iam:*LoginProfile',
                'iam:PassRole',
                'iam:Delete*PermissionsBoundary',
              ],
              Resource: '*',
            },
          ],
        },
      },
    ],
    invalid: [
      {
        name: 'the IAMFullAccess document',
        type: 'identity',
        document: {
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: ['iam:*', 'organizations:DescribeAccount'], Resource: '*' }],
        },
        errors: [{ messageId: 'serviceAdmin', pointer: '/Statement/0' }],
      },
      {
        name: "every IAM action allowed in us-east-1 and eu-west-1, so in IAM's Region",
        type: 'identity',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Action: 'iam:*',
              Resource: '*',
              Condition: { StringEquals: { 'aws:RequestedRegion': ['us-east-1', 'eu-west-1'] } },
            },
          ],
        },
        errors: [{ messageId: 'serviceAdmin', pointer: '/Statement/0' }],
      },
      {
        name: 'every STS action on every role ARN',
        type: 'identity',
        document: {
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: 'sts:*', Resource: 'arn:aws:iam::*:role/*' }],
        },
        errors: [{ messageId: 'serviceAdmin' }],
      },
      {
        name: 'every STS action under the PowerUserAccess boundary, which still allows sts:AssumeRole',
        principal: { kind: 'role', name: 'ops', permissionsBoundary: 'arn:aws:iam::aws:policy/PowerUserAccess' },
        document: {
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: ['iam:*', 'sts:*'], Resource: '*' }],
        },
        errors: [{ messageId: 'serviceAdmin', pointer: '/Statement/0' }],
      },
      {
        name: 'every STS action listed by patterns narrower than `sts:*`',
        type: 'identity',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Action: ['sts:Assume*', 'sts:Get*', 'sts:Set*', 'sts:Tag*', 'sts:DecodeAuthorizationMessage'],
              Resource: '*',
            },
          ],
        },
        errors: [{ messageId: 'serviceAdminListed', pointer: '/Statement/0' }],
      },
    ],
  },
  checkPolicy(context, subject) {
    if (!subject.parsed.ok) return;
    for (const statement of subject.parsed.value.statements) {
      // `*` on `*` is admin-access/full-access; NotAction is admin-access/not-action-allow.
      for (const { service, pattern, listed } of serviceAdminGrants(context.catalog, context.permissions, statement)) {
        if (pattern !== undefined)
          context.report({
            messageId: 'serviceAdmin',
            data: { owner: ownerOf(subject), service, pattern },
            statement,
            key: service,
            evidence: { service, pattern },
          });
        else
          context.report({
            messageId: 'serviceAdminListed',
            data: { owner: ownerOf(subject), service, count: String(listed) },
            statement,
            key: service,
            evidence: { service, listed },
          });
      }
    }
  },
});
