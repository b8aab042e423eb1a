import { defineRule } from '../rule';
import { reportParserIssues } from '../validity/common';

/** Reports the parser's errors: documents AWS would reject or that cannot be read. */
export default defineRule({
  meta: {
    id: 'policy-validity/invalid-policy',
    description: 'A policy document that AWS would reject (syntax errors, missing or illegal elements).',
    rationale:
      'A document AWS rejects fails the deployment late, and a document iamgate cannot read cannot be checked by any other rule. Fix the element the message names.',
    defaultSeverity: 'error',
    recommended: true,
    appliesTo: { resources: true },
    runsOnInvalidPolicies: true,
    messages: {
      issue: 'policy `{{policy}}` is invalid: {{message}}',
    },
  },
  examples: {
    valid: [
      {
        name: 'a well-formed identity policy',
        type: 'identity',
        document: {
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::reports/*' }],
        },
      },
      {
        name: 'a trust policy needs no Resource',
        type: 'trust',
        document: {
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
        },
      },
    ],
    invalid: [
      {
        name: 'a statement without Effect',
        type: 'identity',
        document: { Version: '2012-10-17', Statement: [{ Action: 's3:GetObject', Resource: '*' }] },
        errors: [{ messageId: 'issue' }],
      },
      {
        name: 'a JSON text that does not parse',
        type: 'identity',
        document: '{"Version": "2012-10-17", "Statement": [',
        errors: [{ messageId: 'issue' }],
      },
    ],
  },
  checkPolicy(context, subject) {
    reportParserIssues(context, subject, 'error');
  },
});
