import { defineRule } from '../rule';
import { listValues, ownerOf } from '../describe';
import { CREDENTIAL_ACTIONS } from '../data/sensitive-actions';
import { grantedBy, reportGivenResources, unscopedGrants } from '../data/unscoped-report';
import { isOfAdminService, serviceAdminGrants } from '../data/grants';

const V = '2012-10-17';

/** Actions that return credentials, allowed on every resource. */
export default defineRule({
  meta: {
    id: 'credentials-exposure/unscoped-credential-action',
    description:
      'An identity policy allows, on every resource and without a restricting condition, actions that return credentials (`iam:CreateAccessKey`, `sts:AssumeRole`, `redshift:GetClusterCredentials`, `ec2:GetPasswordData`, ...).',
    rationale:
      'These actions hand out keys, tokens or passwords for other identities or databases; on every resource, for all of them. Scope them to the users, roles, clusters or instances the workload needs. Actions whose token carries the caller\'s own identity and permissions are not reported: those that only accept `"Resource": "*"` (`ecr:GetAuthorizationToken`, `sts:GetSessionToken`) and `codeartifact:GetAuthorizationToken`, a bearer token for the caller\'s own CodeArtifact calls. An action the principal\'s permissions boundary allows on some resources only (a bucket prefix, named resources, resources by tag) is not reported: the boundary scopes it. So does an unconditional Deny of the principal\'s policies that refuses the action outside the resources it names in `NotResource`. A Resource given whole at deploy (a Terraform variable, a template parameter) may be `*`: the check reports that it cannot decide. `sts:*` or `iam:*` on every resource is reported once, as administrator access, by admin-access/service-admin.',
    defaultSeverity: 'error',
    recommended: true,
    appliesTo: { policyTypes: ['identity'] },
    messages: {
      unscoped: '{{owner}} may obtain credentials with {{actions}} on every resource',
    },
  },
  examples: {
    valid: [
      {
        name: 'ECR login token for image pulls (only accepts `*`)',
        type: 'identity',
        document: { Version: V, Statement: [{ Effect: 'Allow', Action: 'ecr:GetAuthorizationToken', Resource: '*' }] },
      },
      {
        name: "a CodeArtifact bearer token on every domain (the token acts with the caller's own permissions)",
        type: 'identity',
        document: {
          Version: V,
          Statement: [
            {
              Effect: 'Allow',
              Action: ['codeartifact:GetAuthorizationToken', 'codeartifact:ReadFromRepository'],
              Resource: '*',
            },
            {
              Effect: 'Allow',
              Action: 'sts:GetServiceBearerToken',
              Resource: '*',
              Condition: { StringEquals: { 'sts:AWSServiceName': 'codeartifact.amazonaws.com' } },
            },
          ],
        },
      },
      {
        name: 'database credentials for one user of one cluster',
        type: 'identity',
        document: {
          Version: V,
          Statement: [
            {
              Effect: 'Allow',
              Action: 'redshift:GetClusterCredentials',
              Resource: 'arn:aws:redshift:us-east-1:111122223333:dbuser:analytics/reporter',
            },
          ],
        },
      },
    ],
    invalid: [
      {
        name: 'admin logins to every Aurora DSQL cluster through dsql:*',
        type: 'identity',
        document: { Version: V, Statement: [{ Effect: 'Allow', Action: 'dsql:*', Resource: '*' }] },
        errors: [{ messageId: 'unscoped', pointer: '/Statement/0' }],
      },
      {
        name: 'access keys for every user',
        type: 'identity',
        document: {
          Version: V,
          Statement: [{ Effect: 'Allow', Action: ['iam:CreateAccessKey', 'iam:ListUsers'], Resource: '*' }],
        },
        errors: [{ messageId: 'unscoped', pointer: '/Statement/0' }],
      },
      {
        name: 'Windows passwords of every instance through ec2:Get*',
        type: 'identity',
        document: {
          Version: V,
          Statement: [
            { Effect: 'Allow', Action: 'ec2:Describe*', Resource: '*' },
            { Effect: 'Allow', Action: 'ec2:Get*', Resource: 'arn:aws:ec2:*:111122223333:instance/*' },
          ],
        },
        errors: [{ messageId: 'unscoped', pointer: '/Statement/1' }],
      },
    ],
  },
  checkPolicy(context, subject) {
    const skip = (action: string): boolean => context.catalog.acceptsOnlyWildcardResource(action) === true;
    for (const grant of unscopedGrants(context, subject, CREDENTIAL_ACTIONS, skip)) {
      const { statement } = grant;
      // `sts:*` or `iam:*` on `*` is admin-access/service-admin's: administrator access, credentials included.
      const admin = serviceAdminGrants(context.catalog, context.permissions, statement);
      const actions = grant.actions.filter((a) => !isOfAdminService(admin, a));
      if (actions.length === 0) continue;
      context.report({
        messageId: 'unscoped',
        data: { owner: ownerOf(subject), actions: listValues(actions) },
        statement,
        evidence: { actions, grantedBy: grantedBy(statement, actions) },
      });
    }
    reportGivenResources(context, subject, CREDENTIAL_ACTIONS, 'obtain credentials with', skip);
  },
});
