import { defineRule } from '../rule';
import { reportPaths } from '../data/escalation-report';
import { reportTargetedPaths, swapPathsOf } from '../data/escalation-targets';
import { reportProfileSwaps } from '../data/escalation-instance-profile';
import { reportBootstrapExecution } from '../data/escalation-cdk-bootstrap';

const V = '2012-10-17';

/** Escalation by passing any role to a new Lambda function, instance, task, job or stack. */
export default defineRule({
  meta: {
    id: 'privilege-escalation/pass-role-to-service',
    description:
      'An identity policy allows `iam:PassRole` on any role together with the actions that create and run a resource with that role (`lambda:CreateFunction`, `ec2:RunInstances`, `ecs:RunTask`, `glue:CreateJob`, `cloudformation:CreateStack`, ...).',
    rationale:
      "Passing a role to a new function, instance, task or stack and running it executes code with the permissions of that role: with any role, those of the most privileged role of the account. Scope `iam:PassRole` to the roles the workload creates and add an `iam:PassedToService` condition. An Auto Scaling launch configuration carries an instance profile and user data: a new group launched from it (`autoscaling:CreateAutoScalingGroup`), or an existing group moved to it (`autoscaling:UpdateAutoScalingGroup`), starts instances that run that script with the role (a launch template needs `ec2:RunInstances` as well, which is `ec2-001` already). An instance role (one EC2 may assume) allowed `iam:RemoveRoleFromInstanceProfile` and `iam:AddRoleToInstanceProfile` on every instance profile, and `iam:PassRole` on a role of the scan that EC2 may assume and that holds administrator access or a path to it, can swap the role of its own profile for that one: its instance receives the new role's credentials within the hour. A principal not known to run on an instance is not reported for it: it would also need a way to run code on the instance. Such an instance role is a step of a chain only for whoever lands on an instance running as it (a session started on it, a command sent to it, or a new instance it is passed to: `ec2:RunInstances`, a spot request, a profile associated with an instance): a session of it assumed with `sts:AssumeRole` runs on no instance and gets nothing from the profile. A role of the scan is reached only through a service its trust policy lets in (Lambda refuses a function whose role it cannot assume): an administrator role only EC2 may assume is reached by the paths that put it on an instance (a Data Pipeline resource, a Batch compute environment built for the job), not by those that create a function. A service principal is read in its regional (`states.eu-west-1.amazonaws.com`) and China (`ec2.amazonaws.com.cn`) forms, and a part of it known only after deploy (`states.${AWS::Region}.amazonaws.com`) rules no service out. A role the input does not hold that is named as the CloudFormation execution role `cdk bootstrap` creates (`cdk-<qualifier>-cfn-exec-role-<account>-<region>`, `role/cdk-*` too), passed with a way to make CloudFormation deploy a template of the caller's (`cloudformation:CreateStack`, `cloudformation:UpdateStack`, or `cloudformation:CreateChangeSet` + `cloudformation:ExecuteChangeSet` on one stack, a `cloudformation:RoleArn` condition admitting it), is a path as well: the bootstrap template gives that role `AdministratorAccess` unless `--cloudformation-execution-policies` named other policies, which the input does not show, so the finding says the role is known by its name only. A path is read with the keys of its requests: a stack the caller may create or update only without a role (`Null` `cloudformation:RoleArn` `true`) takes no role passed to it (an update still runs as the role the stack has: `run-as-existing-role`), and a Deny, the permissions boundary or a service control policy that refuses passing roles to the path's service (`iam:PassedToService`), CloudFormation calls naming any role but some (`StringNotEquals` `cloudformation:RoleArn`), or `iam:PassRole` on any role but some (`NotResource`) closes the path through any role; the roles they leave are judged by their own policies when the input holds them; such a Deny that also tests a key the request may or may not carry (`aws:MultiFactorAuthPresent`, `aws:SourceIp`) may close it or not, so the path is reported saying which keys it is open unless, and a test of a key no such request carries (`iam:PermissionsBoundary` on `iam:PassRole`) is read as the key absent. A path through one named role is read the same way: such a Deny closes it, or leaves it open unless those keys decide, and a Deny of another action of any path (`lambda:CreateFunction` off the office network) is said the same way. `iam:PassRole` on every role but those a `NotResource` excludes is reported as running code as any role but those, which the message names (their path and name) and the evidence lists (`excluded`).",
    defaultSeverity: 'error',
    recommended: true,
    appliesTo: { policyTypes: ['identity'] },
    messages: {
      path: '{{owner}} can run code as any role{{but}} with {{actions}} (escalation {{path}}){{why}}',
      targeted:
        '{{owner}} can run code as {{target}}, which holds {{holds}}, with {{actions}} (escalation {{path}}){{why}}',
      targetedNamed:
        '{{owner}} can run code as {{target}}, which holds {{holds}}, with {{actions}} on {{resource}}: the deploy defines no resource of that name, so it may create it with the role and run it (escalation {{path}}){{why}}',
      bootstrapExecution:
        '{{owner}} can deploy any resource as the CDK bootstrap execution role {{role}}, with {{actions}} (escalation {{path}}): that role is {{presumed}}',
      swapsProfile:
        "{{owner}} may run on EC2 instances (EC2 may assume it) and can put {{target}}, which holds {{holds}}, into its own instance profile in its place with {{actions}}: its instance then receives that role's credentials (escalation {{path}})",
    },
  },
  examples: {
    valid: [
      {
        name: 'iam:PassRole scoped to the function role',
        type: 'identity',
        document: {
          Version: V,
          Statement: [
            { Effect: 'Allow', Action: ['lambda:CreateFunction', 'lambda:InvokeFunction'], Resource: '*' },
            { Effect: 'Allow', Action: 'iam:PassRole', Resource: 'arn:aws:iam::111122223333:role/fn-exec' },
          ],
        },
      },
      {
        name: 'roles passed only to ECS tasks, with EC2 launch rights',
        type: 'identity',
        document: {
          Version: V,
          Statement: [
            { Effect: 'Allow', Action: 'ec2:RunInstances', Resource: '*' },
            {
              Effect: 'Allow',
              Action: 'iam:PassRole',
              Resource: '*',
              Condition: { StringEquals: { 'iam:PassedToService': 'ecs-tasks.amazonaws.com' } },
            },
          ],
        },
      },
    ],
    invalid: [
      {
        name: 'the CDK bootstrap execution role passed to CloudFormation, with change sets on any stack',
        type: 'identity',
        document: {
          Version: V,
          Statement: [
            {
              Effect: 'Allow',
              Action: 'iam:PassRole',
              Resource: 'arn:aws:iam::111122223333:role/cdk-hnb659fds-cfn-exec-role-111122223333-eu-west-1',
            },
            {
              Effect: 'Allow',
              Action: ['cloudformation:CreateChangeSet', 'cloudformation:ExecuteChangeSet'],
              Resource: 'arn:aws:cloudformation:eu-west-1:111122223333:stack/*',
            },
          ],
        },
        errors: [{ messageId: 'bootstrapExecution', pointer: '/Statement/0' }],
      },
      {
        name: 'any role passed to the instances of a new Auto Scaling group, through its launch configuration',
        type: 'identity',
        document: {
          Version: V,
          Statement: [
            { Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' },
            {
              Effect: 'Allow',
              Action: ['autoscaling:CreateLaunchConfiguration', 'autoscaling:CreateAutoScalingGroup'],
              Resource: '*',
            },
          ],
        },
        errors: [{ messageId: 'path', pointer: '/Statement/0' }],
      },
      {
        name: 'any role passed to a new EC2 instance',
        type: 'identity',
        document: {
          Version: V,
          Statement: [
            { Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' },
            { Effect: 'Allow', Action: 'ec2:RunInstances', Resource: '*' },
          ],
        },
        errors: [{ messageId: 'path', pointer: '/Statement/0' }],
      },
      {
        name: 'PassedToService that names Lambda still lets any role run in Lambda',
        type: 'identity',
        document: {
          Version: V,
          Statement: [
            {
              Effect: 'Allow',
              Action: 'iam:PassRole',
              Resource: 'arn:aws:iam::111122223333:role/*',
              Condition: { StringEquals: { 'iam:PassedToService': 'lambda.amazonaws.com' } },
            },
            {
              Effect: 'Allow',
              Action: ['lambda:CreateFunction', 'lambda:InvokeFunction', 'ec2:RunInstances'],
              Resource: '*',
            },
          ],
        },
        errors: [{ messageId: 'path' }],
      },
    ],
  },
  checkPolicy(context, subject) {
    reportPaths(context, subject, 'pass-role-to-service', { path: 'path' });
    reportBootstrapExecution(context, subject, 'bootstrapExecution');
  },
  checkAccount(context, subject) {
    reportTargetedPaths(context, subject, 'pass-role-to-service', 'targeted', 'targetedNamed');
    reportProfileSwaps(context, swapPathsOf(context, subject), 'swapsProfile');
  },
});
