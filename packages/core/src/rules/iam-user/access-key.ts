import { defineRule } from '../rule';
import { principalLabel } from '../describe';

/** Access keys created by the infrastructure code itself. */
export default defineRule({
  meta: {
    id: 'iam-user/access-key',
    description:
      'An IAM access key is created in code: a long-lived secret that lands in the Terraform state or the stack outputs.',
    rationale:
      'An access key never expires on its own, and the code that creates it must store or output its secret, where anyone who reads the state, the template outputs or the CI logs can use it. AWS advises temporary credentials instead: roles for workloads (instance profiles, task roles, OIDC federation for CI) and IAM Identity Center for people. If a key cannot be avoided, create it out of band and rotate it.',
    defaultSeverity: 'warning',
    recommended: true,
    appliesTo: { principals: ['user'] },
    messages: {
      accessKey:
        'an access key is created for user `{{user}}`; use a role or federation for temporary credentials instead',
    },
  },
  examples: {
    valid: [
      {
        name: 'a user without credentials',
        principal: { kind: 'user', name: 'auditor' },
      },
      {
        name: 'a console user (login profile, no access key)',
        principal: { kind: 'user', name: 'alice', credentials: ['login-profile'] },
      },
    ],
    invalid: [
      {
        name: 'a CI user with an access key',
        principal: { kind: 'user', name: 'ci', path: '/automation/', credentials: ['access-key'] },
        errors: [{ messageId: 'accessKey' }],
      },
      {
        name: 'a user with two access keys and a login profile',
        principal: { kind: 'user', name: 'legacy', credentials: ['access-key', 'login-profile', 'access-key'] },
        errors: [{ messageId: 'accessKey' }, { messageId: 'accessKey' }],
      },
    ],
  },
  checkPrincipal(context, subject) {
    const { principal } = subject;
    const user = principalLabel(principal);
    for (const [index, credential] of (principal.credentials ?? []).entries()) {
      if (credential.kind !== 'access-key') continue;
      context.report({
        messageId: 'accessKey',
        data: { user },
        location: credential.location,
        key: credential.location.address ?? credential.location.logicalId ?? String(index),
        evidence: { user: principal.id },
      });
    }
  },
});
