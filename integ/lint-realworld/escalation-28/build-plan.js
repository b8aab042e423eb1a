/**
 * Writes `managed-policies.plan.json`: the `terraform show -json` output of a plan creating one
 * role per AWS managed policy users attach (job functions and service roles), each attached by
 * ARN, two administrator roles whose names those policies let a holder pass, and a console user
 * with `IAMUserChangePassword`. Run `node build-plan.js > managed-policies.plan.json`.
 */
'use strict';

const { PROVIDER, ACCOUNT, policy, managed } = require('../../tf-scan/plan-parts');

const accountTrust = { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'sts:AssumeRole' };
const service = (name) => ({ Effect: 'Allow', Principal: { Service: name }, Action: 'sts:AssumeRole' });

// [role name, who may assume it, managed policy]
const ROLES = [
  ['administrator', accountTrust, 'AdministratorAccess'],
  ['power-user', accountTrust, 'PowerUserAccess'],
  ['system-administrator', accountTrust, 'job-function/SystemAdministrator'],
  ['database-administrator', accountTrust, 'job-function/DatabaseAdministrator'],
  ['network-administrator', accountTrust, 'job-function/NetworkAdministrator'],
  ['data-scientist', accountTrust, 'job-function/DataScientist'],
  ['security-audit', accountTrust, 'SecurityAudit'],
  ['view-only', accountTrust, 'job-function/ViewOnlyAccess'],
  ['read-only', accountTrust, 'ReadOnlyAccess'],
  ['lambda-basic', service('lambda.amazonaws.com'), 'service-role/AWSLambdaBasicExecutionRole'],
  ['ecs-task-execution', service('ecs-tasks.amazonaws.com'), 'service-role/AmazonECSTaskExecutionRolePolicy'],
  ['glue-service', service('glue.amazonaws.com'), 'service-role/AWSGlueServiceRole'],
  ['sagemaker-full', accountTrust, 'AmazonSageMakerFullAccess'],
  ['codebuild-admin', accountTrust, 'AWSCodeBuildAdminAccess'],
  ['cloudformation-full', accountTrust, 'AWSCloudFormationFullAccess'],
  ['ec2-full', accountTrust, 'AmazonEC2FullAccess'],
  ['lambda-full', accountTrust, 'AWSLambda_FullAccess'],
  ['ssm-instance', service('ec2.amazonaws.com'), 'AmazonSSMManagedInstanceCore'],
  ['iam-full', accountTrust, 'IAMFullAccess'],
  ['organizations-full', accountTrust, 'AWSOrganizationsFullAccess'],
  // Administrators of the names SystemAdministrator (`ec2-sysadmin-*`, to EC2) and
  // DatabaseAdministrator (`lambda-dynamodb-*`, to Lambda) pass, each trusting that service.
  ['ec2-sysadmin-ops', service('ec2.amazonaws.com'), 'AdministratorAccess'],
  ['lambda-dynamodb-ops', service('lambda.amazonaws.com'), 'AdministratorAccess'],
];

function change(type, name, after, unknown) {
  return {
    address: `${type}.${name}`,
    mode: 'managed',
    type,
    name,
    provider_name: PROVIDER,
    change: {
      actions: ['create'],
      before: null,
      after,
      after_unknown: unknown,
      before_sensitive: false,
      after_sensitive: {},
    },
  };
}

const created = { arn: true, id: true, unique_id: true };
const resources = ROLES.flatMap(([name, trust, arn]) => {
  const local = name.replace(/-/g, '_');
  return [
    change(
      'aws_iam_role',
      local,
      { name, path: '/', assume_role_policy: policy(trust), permissions_boundary: null, tags: null },
      created,
    ),
    change('aws_iam_role_policy_attachment', local, { role: name, policy_arn: managed(arn) }, { id: true }),
  ];
});
resources.push(
  change('aws_iam_user', 'console', { name: 'console', path: '/', permissions_boundary: null, tags: null }, created),
  change(
    'aws_iam_user_policy_attachment',
    'console',
    { user: 'console', policy_arn: managed('IAMUserChangePassword') },
    { id: true },
  ),
);

const plan = {
  format_version: '1.2',
  terraform_version: '1.9.5',
  planned_values: { root_module: { resources: [] } },
  resource_changes: resources,
};
process.stdout.write(`${JSON.stringify(plan, null, 2)}\n`);
