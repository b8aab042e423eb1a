/** The codes of the issues that parsing and validating a policy report, with what each means. */
import type { PolicyIssue } from './policy';

/** Every issue code of the policy model, with a one-line meaning (for docs and tooling). */
export const POLICY_ISSUE_CODES = {
  // Reading the document
  'invalid-json': 'the text is not JSON',
  'not-an-object': 'the document is not a JSON object',
  'duplicate-key': 'a JSON object that names one member twice: only the last is read',
  'unreadable-input': 'reading the given object threw (a getter or proxy)',
  // Shape (policy.schema.json)
  'missing-statement': 'the policy has no Statement',
  'empty-statement': 'Statement is an empty array',
  'missing-effect': 'a statement has no Effect',
  'invalid-effect': 'Effect is not exactly Allow or Deny',
  'unknown-version': 'Version is not 2012-10-17 or 2008-10-17',
  'unknown-element': 'an element IAM does not know, at the top or in a statement',
  'invalid-type': 'a value of the wrong JSON type',
  'deploy-time-value':
    'an element whose value is only known at deploy where the model needs text (a whole Action list)',
  'empty-array': 'an element with an empty list of values',
  'empty-principal': 'Principal is an empty object',
  'invalid-principal': 'Principal is a string other than *',
  'conflicting-elements': 'a statement has both X and NotX',
  'excludes-everything': 'NotAction or NotResource holding `*`: the statement applies to nothing',
  'invalid-shape': 'any other schema violation',
  // Elements the policy type requires or forbids
  'missing-action': 'a statement has no Action or NotAction',
  'missing-resource': 'a statement has no Resource or NotResource where the type needs one',
  'missing-principal': 'a statement has no Principal where the type needs one',
  'principal-not-allowed': 'Principal or NotPrincipal in a type that has none',
  'resource-not-allowed': 'Resource or NotResource in a role trust policy',
  'not-principal-not-allowed': 'NotPrincipal in a role trust policy',
  'not-principal-with-allow': 'NotPrincipal with Allow grants every principal but the listed ones',
  'boundary-no-allow': 'a permissions boundary without an Allow statement: whoever it bounds may do nothing',
  'rcp-version': 'a resource control policy without Version 2012-10-17',
  'rcp-effect': 'a resource control policy statement that does not Deny',
  'rcp-principal': 'a resource control policy principal other than "*"',
  'rcp-not-action': 'NotAction in a resource control policy',
  'rcp-action-wildcard': 'Action "*" in a resource control policy',
  // Values
  'malformed-action': 'an action that is not * or service:action',
  'suspicious-action': 'an action name with spaces or commas, which matches nothing',
  'empty-action-name': 'an action with nothing after the colon',
  'principal-wildcard': 'a partial wildcard in a principal value',
  'unique-id-principal': 'a principal that is the unique id of a role or user IAM deleted (AROA..., AIDA...)',
  'invalid-service-principal': 'a Service principal that is not a service name (`lambda.amazonaws.com`)',
  'mismatched-assume-action': 'a trust statement whose assume-role actions none of a principal can use',
  'invalid-aws-principal':
    'an AWS principal that is neither an account id nor the ARN of an account root, user, role or STS session',
  'federated-principal-not-allowed':
    'a Federated principal in a resource policy: identity providers are trusted by roles only',
  'service-principal-key':
    'a condition on a key service principals never send (aws:PrincipalOrgID, ...) in a statement that names only services',
  'invalid-federated-principal': 'a Federated principal that is neither an identity provider ARN nor a known provider',
  'foreign-claim-key':
    'a web identity trust statement that requires a claim of another identity provider: it admits no one',
  'missing-companion-action':
    'a trust statement without the session action its principal or condition needs (sts:TagSession)',
  'unknown-principal-type': 'a principal type other than AWS, Service, Federated, CanonicalUser',
  'unknown-condition-operator': 'a condition operator IAM does not know',
  'unknown-set-operator': 'an operator prefix other than ForAllValues or ForAnyValue',
  'null-if-exists': 'Null with the IfExists suffix',
  'operator-case': 'a condition operator written in unusual case',
  'empty-condition-key': 'an empty condition key',
  'duplicate-condition-key': 'condition keys under one operator differing only in case',
  'empty-condition-values': 'a condition key with no values',
  'empty-condition': 'a Condition or a condition operator with no keys: it tests nothing',
  'condition-value-format': 'a condition value its operator cannot compare',
  'never-principal-arn':
    'an aws:PrincipalArn value no caller has (an assumed-role session ARN: the key holds the role ARN)',
  'condition-key-format': 'a condition value its key never holds (a VPC id that is not `vpc-...`)',
  'unsupported-trust-action': 'an action a role trust policy cannot grant (only the STS actions that act on a role)',
  'variable-needs-version': 'a policy variable in a policy without Version 2012-10-17',
  'invalid-sid': 'a Sid with characters IAM does not accept',
  'duplicate-sid': 'two statements with the same Sid',
} as const satisfies Readonly<Record<string, string>>;

/** An issue code of the policy model. */
export type PolicyIssueCode = keyof typeof POLICY_ISSUE_CODES;

/** A `PolicyIssue` whose code is typed, so that a misspelt code fails compilation. */
export interface ModelIssue extends PolicyIssue {
  readonly code: PolicyIssueCode;
}
