import { defineRule } from '../rule';
import { isAwsManaged } from '../validity/common';

/** `aws:MultiFactorAuthPresent` tested with `Bool false`, which misses requests made with access keys. */
export default defineRule({
  meta: {
    id: 'policy-validity/mfa-condition',
    description:
      '`"Bool": {"aws:MultiFactorAuthPresent": "false"}`: the key is absent from requests signed with long-term access keys, so the condition never matches them.',
    rationale:
      'AWS leaves `aws:MultiFactorAuthPresent` out of the request context for long-term credentials, and a condition on an absent key is false. A Deny meant to refuse requests without MFA then lets every access-key request through. Use `BoolIfExists` with `false` in a Deny, or `Null` `true` to catch absent keys.',
    defaultSeverity: 'warning',
    recommended: true,
    appliesTo: { resources: true },
    messages: {
      boolFalse:
        '`Bool` `aws:MultiFactorAuthPresent` `false` never matches requests made with access keys (the key is absent); use `BoolIfExists`',
      ifExistsTrue:
        '`BoolIfExists` `aws:MultiFactorAuthPresent` `true` in an Allow also matches requests made with access keys (the key is absent): they get the grant without MFA; use `Bool`',
    },
  },
  examples: {
    valid: [
      {
        name: 'a Deny with BoolIfExists',
        type: 'identity',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Deny',
              NotAction: ['iam:ChangePassword', 'sts:GetSessionToken'],
              Resource: '*',
              Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } },
            },
          ],
        },
      },
      {
        name: 'an Allow that requires MFA',
        type: 'identity',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Action: 'ec2:TerminateInstances',
              Resource: '*',
              Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
            },
          ],
        },
      },
    ],
    invalid: [
      {
        name: 'an Allow with BoolIfExists true, which access-key requests also satisfy',
        type: 'identity',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Action: 'ec2:TerminateInstances',
              Resource: '*',
              Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'true' } },
            },
          ],
        },
        errors: [{ messageId: 'ifExistsTrue' }],
      },
      {
        name: 'a Deny without MFA that access keys slip through',
        type: 'identity',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Deny',
              Action: '*',
              Resource: '*',
              Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'false' } },
            },
          ],
        },
        errors: [{ messageId: 'boolFalse' }],
      },
      {
        name: 'an Allow for sessions without MFA',
        type: 'identity',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Action: 's3:GetObject',
              Resource: 'arn:aws:s3:::public-docs/*',
              Condition: { Bool: { 'aws:MultiFactorAuthPresent': false } },
            },
          ],
        },
        errors: [{ messageId: 'boolFalse' }],
      },
    ],
  },
  checkPolicy(context, subject) {
    if (!subject.parsed.ok || isAwsManaged(subject)) return;
    for (const statement of subject.parsed.value.statements) {
      for (const clause of statement.conditions) {
        if (clause.baseOperator !== 'Bool' || clause.setOperator !== undefined) continue;
        if (clause.key.toLowerCase() !== 'aws:multifactorauthpresent') continue;
        const tests = (value: string): boolean =>
          clause.values.some((v) => typeof v === 'string' && v.toLowerCase() === value);
        if (!clause.ifExists && tests('false'))
          context.report({ messageId: 'boolFalse', statement, pointer: clause.pointer });
        else if (clause.ifExists && statement.effect === 'Allow' && tests('true'))
          context.report({ messageId: 'ifExistsTrue', statement, pointer: clause.pointer });
      }
    }
  },
});
