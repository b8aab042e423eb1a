import { defineRule } from '../rule';
import { reportPaths } from '../data/escalation-report';
import { reportTargetedPaths, samlPathsOf } from '../data/escalation-targets';
import { reportTagBypasses } from '../data/escalation-tags';
import { reportGuardLifts } from '../data/escalation-guards';
import { reportUnknownGroups } from '../data/escalation-groups';
import { reportUndecidedProviders } from '../data/escalation-saml-undecided';
import { reportFederatedPaths } from '../data/escalation-federation';

const V = '2012-10-17';

/** Escalation by changing IAM policies: one's own, or those of a role, user or group one can use. */
export default defineRule({
  meta: {
    id: 'privilege-escalation/iam-policy-modification',
    description:
      'An identity policy allows changing IAM permissions (`iam:PutRolePolicy`, `iam:AttachUserPolicy`, `iam:CreatePolicyVersion`, `iam:UpdateAssumeRolePolicy`, ...) on any principal or policy, or on the principal itself; setting the tag its tag-scoped (ABAC) permissions depend on; lifting the guard that limits it (its own permissions boundary, the service control policies); or, in a scan, updating a SAML provider (`iam:UpdateSAMLProvider`) trusted by a role that holds administrator access or a path to it. A Deny of an action of the path that also tests a key its request may or may not carry (`aws:MultiFactorAuthPresent`, `aws:SourceIp`) may close it or not: the finding says which keys it is open unless, whether the path goes through any policy or one named policy.',
    rationale:
      "A principal that may write policies may grant itself, or a role it can assume, any permission: its own policy no longer limits it. Give policy-writing actions only to the pipeline that deploys IAM, scoped to the ARNs it manages, and guard them with a permissions boundary. `iam:AddUserToGroup` on a group the input does not hold (a group ARN written out, a pattern that may name others) is reported as undecided (`unverifiable/unknown-value`): what the group grants its members is not known, for the caller itself or for a user it creates, adds there and makes a key for. In the policy of a role, `iam:AddUserToGroup` is a path too: a role cannot join a group, but whoever acts as the role can add their own user. A statement that lets the caller join an administrators group of the input is that path alone, whatever other groups it may name. An `iam:PermissionsBoundary` condition closes a path only if the boundary it pins gives away no IAM escalation and the caller can neither rewrite nor remove it: a boundary the input holds is judged by its document (one that denies the IAM escalations, and creating or writing roles under any other boundary, keeps them closed). A request on an existing role or user carries its current boundary in `iam:PermissionsBoundary`: `iam:DeleteRolePermissionsBoundary` allowed where that key is the caller's own boundary lifts it, while a Deny of `iam:PutRolePermissionsBoundary` with any boundary but listed ones keeps the caller inside them. A Deny written `ForAnyValue:StringNotEquals` `iam:PermissionsBoundary` holds for no request without a boundary, so it does not stop a role created without one. A principal's own ARN and policies whose account is the template's or provider's own, known only after deploy, are named by a resource pattern of the account the policy names (`arn:aws:iam::111122223333:policy/ci-deploy-*`). `iam:UpdateSAMLProvider` on a SAML provider trusted by a role of the scan that holds administrator access, or a path to it (`AdministratorAccess`, `IAMFullAccess`, `iam:*`, or a path to such a role), rewrites who may act as that role, as `iam:UpdateAssumeRolePolicy` does: the caller replaces the signing certificate with its own, signs its own assertions and assumes the role with `sts:AssumeRoleWithSAML`. The role's permissions boundary, Denies and the service control policies are read: it stays an administrator while they leave it some action that grants permissions (`iam:AttachRolePolicy`, `iam:PassRole`...), and one that may write its own policy gains what its boundary and the SCPs allow; a boundary the input does not hold, or a condition the policies do not decide, is named in the finding. A condition on `aws:RequestedRegion` is read with the Region IAM answers in (a Deny of `iam:*` outside `eu-west-1` takes every IAM action away), in these paths and in every Deny, boundary or SCP an escalation path is checked against: `us-east-1`, `cn-north-1` in `aws-cn` and `us-gov-west-1` in `aws-us-gov` (Organizations: `us-east-1`, `cn-northwest-1`, `us-gov-west-1`), the partition taken from the ARNs of the input; when they name none (`${AWS::Partition}`, `*`), a Deny closes a path only if it denies in the Region of every partition. A path's own Allow of an IAM action on a Region test is read the same way: `iam:*` allowed in `eu-west-1` alone grants no IAM call, so it opens no path (with no partition named, it grants the action when some partition's IAM Region meets the test). `iam:PassRole` is no call to IAM: AWS checks it in the request of the service the role is passed to, so it follows that service's Region. For a service whose Region the caller picks (STS, Lambda, EC2...), and for `iam:PassRole`, a Deny on the Region is left aside. A role trusting a provider whose ARN is given only at deploy (`${var.saml_provider_arn}`), against a grant on named providers, is reported as undecided (`unverifiable/unknown-value`): the given provider may be one of them. A role reached this way is a step of a chain: whoever may assume or pass the caller reaches it too (each caller keeps the paths of the round that found it, so two roles rewriting each other's provider make no loop). A condition of the role's trust policy keeps that path shut only if every request of the caller's meets it (a Deny) or none can (an Allow): the assertion's keys (`SAML:*`, session tags, `sts:SourceIdentity`) are the caller's to write, and where or when it calls from (`aws:SourceIp`, `aws:CurrentTime`) is not decided by the policies.",
    defaultSeverity: 'error',
    recommended: true,
    appliesTo: { policyTypes: ['identity'] },
    messages: {
      path: '{{owner}} can escalate its privileges with {{actions}} on any principal or policy{{but}} (escalation {{path}}){{why}}',
      onItself: '{{owner}} can change its own permissions with {{actions}} on itself (escalation {{path}}){{why}}',
      created:
        '{{owner}} can create a {{kind}} under `{{resource}}`, give it any permissions and act as it with {{actions}} (escalation {{path}}){{why}}',
      targeted:
        '{{owner}} can act with the permissions of {{target}}, which holds {{holds}}, with {{actions}} on it (escalation {{path}}){{why}}',
      federated:
        '{{owner}} can act as {{target}}, which holds {{holds}}, by replacing the signing certificate of the SAML provider {{provider}} it trusts ({{actions}}, escalation {{path}})',
      retagsResources:
        '{{owner}} can widen its tag-scoped permissions: it may use {{scoped}} on resources tagged `{{key}}` = `{{value}}`, and set that tag on resources it does not own yet with {{tagging}} (escalation {{path}})',
      retagsItself:
        '{{owner}} can widen its tag-scoped permissions: its use of {{scoped}} depends on its own tag `{{key}}`, which it may set to any value with {{tagging}} on itself (escalation {{path}})',
      liftsBoundary:
        '{{owner}} can lift its own permissions boundary with {{actions}} on itself, and then use every permission its identity policies grant (escalation {{path}})',
      liftsScps:
        '{{owner}} can change, detach or delete the service control policies that limit it with {{actions}} (escalation {{path}})',
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
      {
        name: 'ABAC: instances of its own team, tagged only while they are its own',
        type: 'identity',
        document: {
          Version: V,
          Statement: [
            {
              Effect: 'Allow',
              Action: ['ec2:StartInstances', 'ec2:StopInstances', 'ec2:CreateTags'],
              Resource: 'arn:aws:ec2:*:111122223333:instance/*',
              Condition: { StringEquals: { 'aws:ResourceTag/team': '${aws:PrincipalTag/team}' } },
            },
          ],
        },
      },
      {
        name: 'ABAC: a role that may tag itself, but not change its own team',
        principal: { kind: 'role', name: 'analyst' },
        document: {
          Version: V,
          Statement: [
            {
              Effect: 'Allow',
              Action: 'secretsmanager:GetSecretValue',
              Resource: '*',
              Condition: { StringEquals: { 'aws:ResourceTag/team': '${aws:PrincipalTag/team}' } },
            },
            {
              Effect: 'Allow',
              Action: 'iam:TagRole',
              Resource: 'arn:aws:iam::111122223333:role/analyst',
              Condition: { 'ForAllValues:StringEquals': { 'aws:TagKeys': ['cost-center', 'owner'] } },
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
      {
        name: 'ABAC: instances of its own team, and any instance may be tagged',
        type: 'identity',
        document: {
          Version: V,
          Statement: [
            {
              Effect: 'Allow',
              Action: ['ec2:StartInstances', 'ec2:StopInstances'],
              Resource: '*',
              Condition: { StringEquals: { 'aws:ResourceTag/team': '${aws:PrincipalTag/team}' } },
            },
            { Effect: 'Allow', Action: 'ec2:CreateTags', Resource: 'arn:aws:ec2:*:111122223333:instance/*' },
          ],
        },
        errors: [{ messageId: 'retagsResources', pointer: '/Statement/1' }],
      },
      {
        name: 'ABAC: secrets of its own team, and the role may retag itself',
        principal: { kind: 'role', name: 'analyst' },
        document: {
          Version: V,
          Statement: [
            {
              Effect: 'Allow',
              Action: 'secretsmanager:GetSecretValue',
              Resource: '*',
              Condition: { StringEquals: { 'aws:ResourceTag/team': '${aws:PrincipalTag/team}' } },
            },
            { Effect: 'Allow', Action: 'iam:TagRole', Resource: 'arn:aws:iam::111122223333:role/analyst' },
          ],
        },
        errors: [{ messageId: 'retagsItself', pointer: '/Statement/1' }],
      },
      {
        name: 'an attach limited by iam:PolicyARN to AWS managed policies, AdministratorAccess among them',
        type: 'identity',
        document: {
          Version: V,
          Statement: [
            {
              Effect: 'Allow',
              Action: 'iam:AttachRolePolicy',
              Resource: '*',
              Condition: { ArnLike: { 'iam:PolicyARN': 'arn:aws:iam::aws:policy/*' } },
            },
          ],
        },
        errors: [{ messageId: 'path', pointer: '/Statement/0' }],
      },
      {
        name: 'a role that may remove its own permissions boundary',
        principal: { kind: 'role', name: 'ops', permissionsBoundary: 'arn:aws:iam::111122223333:policy/ops-boundary' },
        document: {
          Version: V,
          Statement: [
            {
              Effect: 'Allow',
              Action: 'iam:DeleteRolePermissionsBoundary',
              Resource: 'arn:aws:iam::111122223333:role/ops',
            },
          ],
        },
        errors: [{ messageId: 'liftsBoundary', pointer: '/Statement/0' }],
      },
      {
        name: 'the service control policies that apply may be detached',
        type: 'identity',
        settings: {
          scps: [{ Version: V, Statement: [{ Effect: 'Deny', Action: 'iam:CreateUser', Resource: '*' }] }],
        },
        document: {
          Version: V,
          Statement: [
            { Effect: 'Allow', Action: ['organizations:DetachPolicy', 'organizations:List*'], Resource: '*' },
          ],
        },
        errors: [{ messageId: 'liftsScps', pointer: '/Statement/0' }],
      },
    ],
  },
  checkPolicy(context, subject) {
    reportPaths(context, subject, 'iam-policy-modification', {
      path: 'path',
      onItself: 'onItself',
      created: 'created',
    });
    reportTagBypasses(context, subject, { resource: 'retagsResources', self: 'retagsItself' });
    reportGuardLifts(context, subject, { boundary: 'liftsBoundary', scp: 'liftsScps' });
    reportUnknownGroups(context, subject);
    reportUndecidedProviders(context, subject);
  },
  checkAccount(context, subject) {
    reportTargetedPaths(context, subject, 'iam-policy-modification', 'targeted');
    reportFederatedPaths(context, samlPathsOf(context, subject), 'federated');
  },
});
