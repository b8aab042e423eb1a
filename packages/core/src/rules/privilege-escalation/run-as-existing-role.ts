import { defineRule } from '../rule';
import { reportPaths } from '../data/escalation-report';
import { reportWorkloadPaths } from '../data/escalation-targets';
import { reportHiddenRoles } from '../data/escalation-hidden-roles';

const V = '2012-10-17';

/**
 * Escalation by running code in existing functions, instances, builds or stacks that hold a role:
 * on any of them, or on one of the scan whose role holds administrator access (or a path to it).
 */
export default defineRule({
  meta: {
    id: 'privilege-escalation/run-as-existing-role',
    description:
      'An identity policy allows changing or entering any existing function, instance, notebook, build project, stack or AgentCore runtime, browser or code interpreter (`lambda:UpdateFunctionCode`, `ssm:SendCommand`, `ssm:StartSession`, `bedrock-agentcore:InvokeAgentRuntimeCommand`, `cloudformation:UpdateStack`, ...), or one that the same input creates with an administrator role, which then acts with its own role. A Deny of an action of the path that tests a key the request may or may not carry (`aws:MultiFactorAuthPresent`) leaves it open unless that key decides, which the finding says, whether the path goes through any resource or one named.',
    rationale:
      "Replacing the code of a function, sending a command to an instance or updating a stack runs the attacker's code with the role of that resource, which may hold more permissions than the caller. Scope these actions to the resources the workload owns. A workload of the scan whose role the input does not tell (a function's `Role` given by `Fn::ImportValue` or a parameter, a Terraform role reference known only after apply) is reported as undecided (`unverifiable/unknown-value`) when a principal may change or enter it: what its role holds cannot be told; it is not reported when no principal can.",
    defaultSeverity: 'warning',
    recommended: true,
    appliesTo: { policyTypes: ['identity'] },
    messages: {
      path: '{{owner}} can run code as the role of any existing resource{{but}} with {{actions}} (escalation {{path}}){{why}}',
      targeted:
        '{{owner}} can run code as {{target}}, which holds {{holds}}, through {{workload}} with {{actions}} (escalation {{path}}){{why}}',
    },
    // Changing a workload that runs as an administrator is a path to administrator access, not a
    // broad grant that may be one.
    messageSeverity: { targeted: 'error' },
  },
  examples: {
    valid: [
      {
        name: 'every action on every layer, which runs as no role (functions are another resource type)',
        type: 'identity',
        document: {
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Action: 'lambda:*', Resource: 'arn:aws:lambda:us-east-1:111122223333:layer:*' },
          ],
        },
      },
      {
        name: 'updating the code of one function',
        type: 'identity',
        document: {
          Version: V,
          Statement: [
            {
              Effect: 'Allow',
              Action: ['lambda:UpdateFunctionCode', 'lambda:InvokeFunction'],
              Resource: 'arn:aws:lambda:us-east-1:111122223333:function:api',
            },
          ],
        },
      },
      {
        name: 'SSM sessions only on instances tagged for the team',
        type: 'identity',
        document: {
          Version: V,
          Statement: [
            {
              Effect: 'Allow',
              Action: 'ssm:StartSession',
              Resource: 'arn:aws:ec2:*:111122223333:instance/*',
              Condition: { StringEquals: { 'ssm:resourceTag/team': 'payments' } },
            },
          ],
        },
      },
    ],
    invalid: [
      {
        name: 'code of any function replaced',
        type: 'identity',
        document: { Version: V, Statement: [{ Effect: 'Allow', Action: 'lambda:Update*', Resource: '*' }] },
        errors: [{ messageId: 'path' }],
      },
      {
        name: 'commands sent to every instance',
        type: 'identity',
        document: {
          Version: V,
          Statement: [
            {
              Effect: 'Allow',
              Action: 'ssm:SendCommand',
              Resource: ['arn:aws:ec2:*:*:instance/*', 'arn:aws:ssm:*:*:document/*'],
            },
          ],
        },
        errors: [{ messageId: 'path' }],
      },
    ],
  },
  checkPolicy(context, subject) {
    reportPaths(context, subject, 'run-as-existing-role', { path: 'path' });
    reportHiddenRoles(context, subject);
  },
  checkAccount(context, subject) {
    reportWorkloadPaths(context, subject, 'targeted');
  },
});
