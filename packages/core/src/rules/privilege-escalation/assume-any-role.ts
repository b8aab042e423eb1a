import { defineRule } from '../rule';
import { reportPaths } from '../data/escalation-report';
import { reportTargetedPaths } from '../data/escalation-targets';
import { reportFederatedPaths } from '../data/escalation-federation';

const V = '2012-10-17';

/** sts:AssumeRole allowed on every role. */
export default defineRule({
  meta: {
    id: 'privilege-escalation/assume-any-role',
    description: 'An identity policy allows `sts:AssumeRole` on every role (`"Resource": "*"` or `role/*`).',
    rationale:
      "Every role whose trust policy trusts the account (`:root`) can then be assumed, so the principal holds the union of their permissions. Name the roles it must assume. Reported too, in a scan, toward a role holding administrator access (or a path to it) that trusts a SAML identity provider the principal may update (`iam:UpdateSAMLProvider`): it replaces the provider's signing certificate with its own, signs its own assertions and assumes the role with `sts:AssumeRoleWithSAML`.",
    defaultSeverity: 'warning',
    recommended: true,
    appliesTo: { policyTypes: ['identity'] },
    messages: {
      path: '{{owner}} may assume any role that trusts its account ({{actions}} on every role, escalation {{path}}){{why}}',
      targeted: '{{owner}} can act as {{target}}, which holds {{holds}}, with {{actions}} on it (escalation {{path}})',
      federated:
        '{{owner}} can act as {{target}}, which holds {{holds}}, by replacing the signing certificate of the SAML provider {{provider}} it trusts ({{actions}}, escalation {{path}})',
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
    reportFederatedPaths(context, subject, 'federated');
  },
});
