import { defineRule } from '../rule';
import { principalLabel } from '../describe';
import type { PolicyValue } from '../../model/symbolic';
import { valueToString } from '../../model/symbolic';

/** The service of a service-specific credential, as written, or a placeholder when not known. */
function serviceName(service: PolicyValue | undefined): string {
  return service === undefined ? 'an AWS service' : `\`${valueToString(service)}\``;
}

/** Access keys (and service-specific credentials) created by the infrastructure code itself. */
export default defineRule({
  meta: {
    id: 'iam-user/access-key',
    description:
      'An IAM access key, or a service-specific credential (a CodeCommit or Keyspaces password, an Amazon Bedrock API key), is created in code: a long-lived secret that lands in the Terraform state or the stack outputs.',
    rationale:
      'An access key never expires on its own, and the code that creates it must store or output its secret, where anyone who reads the state, the template outputs or the CI logs can use it. AWS advises temporary credentials instead: roles for workloads (instance profiles, task roles, OIDC federation for CI) and IAM Identity Center for people. If a key cannot be avoided, create it out of band and rotate it.',
    defaultSeverity: 'warning',
    recommended: true,
    appliesTo: { principals: ['user'] },
    messages: {
      accessKey:
        'an access key is created for user `{{user}}`; use a role or federation for temporary credentials instead',
      serviceCredential:
        'a long-term credential for {{service}} is created for user `{{user}}`, its secret stored in the state; use a role or federation for temporary credentials instead',
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
      {
        name: 'a service-specific credential (a Git password for CodeCommit, an Amazon Bedrock API key)',
        principal: { kind: 'user', name: 'git-mirror', credentials: ['service-credential'] },
        errors: [{ messageId: 'serviceCredential' }],
      },
    ],
  },
  checkPrincipal(context, subject) {
    const { principal } = subject;
    const user = principalLabel(principal);
    for (const [index, credential] of (principal.credentials ?? []).entries()) {
      if (credential.kind === 'login-profile') continue;
      const service = credential.kind === 'service-credential';
      context.report({
        messageId: service ? 'serviceCredential' : 'accessKey',
        data: { user, ...(service ? { service: serviceName(credential.service) } : {}) },
        location: credential.location,
        key: credential.location.address ?? credential.location.logicalId ?? String(index),
        evidence: {
          user: principal.id,
          ...(service && credential.service !== undefined ? { service: valueToString(credential.service) } : {}),
        },
      });
    }
  },
});
