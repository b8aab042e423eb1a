import { defineRule } from '../rule';
import { reportParserIssues } from '../validity/common';

/** Reports the parser's warnings: legal documents with elements that likely do not do what was meant. */
export default defineRule({
  meta: {
    id: 'policy-validity/policy-warning',
    description:
      'A legal policy document with an element that likely does not do what was meant (unknown action, redundant value, ...).',
    rationale:
      'AWS accepts these documents, but a misspelled action or condition key silently grants or restricts nothing. Correct the element or remove it.',
    defaultSeverity: 'warning',
    recommended: true,
    appliesTo: { resources: true },
    runsOnInvalidPolicies: true,
    messages: {
      issue: 'policy `{{policy}}`: {{message}}',
    },
  },
  examples: {
    valid: [
      {
        name: 'a policy without questionable elements',
        type: 'identity',
        document: {
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Action: 'sqs:SendMessage', Resource: 'arn:aws:sqs:us-east-1:111122223333:jobs' },
          ],
        },
      },
      {
        name: 'a policy variable under Version 2012-10-17',
        type: 'identity',
        document: {
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::home/${aws:username}/*' }],
        },
      },
      {
        name: 'a service principal scoped by the organization of its source',
        type: 'resource',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { Service: 'sns.amazonaws.com' },
              Action: 'sqs:SendMessage',
              Resource: 'arn:aws:sqs:us-east-1:111122223333:jobs',
              Condition: { StringEquals: { 'aws:SourceOrgID': 'o-a1b2c3d4e5' } },
            },
          ],
        },
      },
    ],
    invalid: [
      {
        name: 'a policy variable without Version 2012-10-17 is taken literally',
        type: 'identity',
        document: {
          Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::home/${aws:username}/*' }],
        },
        errors: [{ messageId: 'issue' }],
      },
      {
        name: 'an empty condition value list',
        type: 'identity',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Action: 's3:GetObject',
              Resource: 'arn:aws:s3:::reports/*',
              Condition: { StringEquals: { 'aws:PrincipalTag/team': [] } },
            },
          ],
        },
        errors: [{ messageId: 'issue' }],
      },
      {
        name: 'a condition operator given twice in one block: only the last is read',
        type: 'resource',
        document: [
          '{',
          '  "Version": "2012-10-17",',
          '  "Statement": [',
          '    {',
          '      "Effect": "Allow",',
          '      "Principal": { "Service": "sns.amazonaws.com" },',
          '      "Action": "sqs:SendMessage",',
          '      "Resource": "arn:aws:sqs:us-east-1:111122223333:jobs",',
          '      "Condition": {',
          '        "ArnEquals": { "aws:SourceArn": "arn:aws:sns:us-east-1:111122223333:orders" },',
          '        "ArnEquals": { "aws:SourceArn": "arn:aws:sns:us-east-1:111122223333:*" }',
          '      }',
          '    }',
          '  ]',
          '}',
        ].join('\n'),
        errors: [{ messageId: 'issue', pointer: '/Statement/0/Condition/ArnEquals' }],
      },
      {
        name: 'a service principal confined to an organization: services belong to none, so it may never send',
        type: 'resource',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { Service: 'sns.amazonaws.com' },
              Action: 'sqs:SendMessage',
              Resource: 'arn:aws:sqs:us-east-1:111122223333:jobs',
              Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } },
            },
          ],
        },
        errors: [{ messageId: 'issue', pointer: '/Statement/0/Condition/StringEquals/aws:PrincipalOrgID' }],
      },
      {
        name: 'an identity provider in a bucket policy: only role trust policies trust identity providers',
        type: 'resource',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { Federated: 'cognito-identity.amazonaws.com' },
              Action: 's3:GetObject',
              Resource: 'arn:aws:s3:::reports/*',
            },
          ],
        },
        errors: [{ messageId: 'issue', pointer: '/Statement/0/Principal/Federated' }],
      },
      {
        name: 'an empty Condition: the statement is unconditional',
        type: 'identity',
        document: {
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::reports/*', Condition: {} }],
        },
        errors: [{ messageId: 'issue', pointer: '/Statement/0/Condition' }],
      },
      {
        name: 'a Deny of all but the role sessions of an account by their `assumed-role` ARN (`aws:PrincipalArn` holds the role ARN: the Deny refuses every caller)',
        type: 'resource',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Deny',
              Principal: '*',
              Action: 's3:*',
              Resource: 'arn:aws:s3:::reports/*',
              Condition: { ArnNotLike: { 'aws:PrincipalArn': 'arn:aws:sts::111122223333:assumed-role/*' } },
            },
          ],
        },
        errors: [{ messageId: 'issue', pointer: '/Statement/0/Condition/ArnNotLike/aws:PrincipalArn' }],
      },
      {
        name: 'a Deny of one role session by its `assumed-role` ARN (`aws:PrincipalArn` holds the role ARN: this Deny refuses no one)',
        type: 'resource',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Deny',
              Principal: '*',
              Action: 's3:*',
              Resource: 'arn:aws:s3:::reports/*',
              Condition: { ArnLike: { 'aws:PrincipalArn': 'arn:aws:sts::111122223333:assumed-role/intruder/*' } },
            },
          ],
        },
        errors: [{ messageId: 'issue', pointer: '/Statement/0/Condition/ArnLike/aws:PrincipalArn' }],
      },
      {
        name: 'an Allow to the role sessions of an account by their `assumed-role` ARN (`aws:PrincipalArn` holds the role ARN: this Allow admits no one)',
        type: 'resource',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { AWS: 'arn:aws:iam::111122223333:root' },
              Action: 's3:GetObject',
              Resource: 'arn:aws:s3:::reports/*',
              Condition: { ArnLike: { 'aws:PrincipalArn': 'arn:aws:sts::111122223333:assumed-role/*' } },
            },
          ],
        },
        errors: [{ messageId: 'issue', pointer: '/Statement/0/Condition/ArnLike/aws:PrincipalArn' }],
      },
      {
        name: 'an Allow to all but the role sessions of an account by their `assumed-role` ARN (its condition holds for every caller)',
        type: 'resource',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { AWS: 'arn:aws:iam::111122223333:root' },
              Action: 's3:GetObject',
              Resource: 'arn:aws:s3:::reports/*',
              Condition: { ArnNotLike: { 'aws:PrincipalArn': 'arn:aws:sts::111122223333:assumed-role/*' } },
            },
          ],
        },
        errors: [{ messageId: 'issue', pointer: '/Statement/0/Condition/ArnNotLike/aws:PrincipalArn' }],
      },
    ],
  },
  checkPolicy(context, subject) {
    reportParserIssues(context, subject, 'warning');
  },
});
