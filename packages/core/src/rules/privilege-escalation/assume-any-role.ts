import { defineRule } from '../rule';
import { reportPaths } from '../data/escalation-report';
import { reportTargetedPaths } from '../data/escalation-targets';

const V = '2012-10-17';

/** sts:AssumeRole allowed on every role. */
export default defineRule({
  meta: {
    id: 'privilege-escalation/assume-any-role',
    description:
      'An identity policy allows `sts:AssumeRole` on every role (`"Resource": "*"` or `role/*`), or, in a scan, on a role that holds administrator access or a path to it and whose trust policy may let the caller in (trusting its account, or naming it: not a role that trusts only another role or user); a Deny of `sts:AssumeRole` that tests a key the request may or may not carry (`aws:MultiFactorAuthPresent`) leaves it open unless that key decides, which the finding says.',
    rationale:
      'Every role whose trust policy trusts the account (`:root`) can then be assumed, so the principal holds the union of their permissions. Name the roles it must assume. A role of the scan that holds administrator access, or an escalation path to it, is reported even when named: assuming it makes an administrator of the caller.',
    defaultSeverity: 'warning',
    recommended: true,
    appliesTo: { policyTypes: ['identity'] },
    messages: {
      path: '{{owner}} may assume any role{{but}} that trusts its account ({{actions}} {{scope}}, escalation {{path}}){{why}}',
      targeted:
        '{{owner}} can act as {{target}}, which holds {{holds}}, with {{actions}} on it (escalation {{path}}){{why}}',
    },
  },
  examples: {
    valid: [
      {
        name: 'one deployment role',
        type: 'identity',
        document: {
          Version: V,
          Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: 'arn:aws:iam::444455556666:role/deploy' }],
        },
      },
      {
        name: 'roles of one path in one account',
        type: 'identity',
        document: {
          Version: V,
          Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: 'arn:aws:iam::444455556666:role/ci/*' }],
        },
      },
    ],
    invalid: [
      {
        name: 'any role',
        type: 'identity',
        document: { Version: V, Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }] },
        errors: [{ messageId: 'path' }],
      },
      {
        name: 'every role of an account, through sts:Assume*',
        type: 'identity',
        document: {
          Version: V,
          Statement: [{ Effect: 'Allow', Action: 'sts:Assume*', Resource: 'arn:aws:iam::444455556666:role/*' }],
        },
        errors: [{ messageId: 'path' }],
      },
    ],
  },
  checkPolicy(context, subject) {
    reportPaths(context, subject, 'assume-any-role', { path: 'path' });
  },
  checkAccount(context, subject) {
    reportTargetedPaths(context, subject, 'assume-any-role', 'targeted');
  },
});
