/**
 * Coverage of the IAM Access Analyzer policy checks (MIT-0, ../shared/corpus/aws-access-analyzer,
 * May 2023 snapshot of the 138 checks). Each check maps to the rule that reports the same problem,
 * to the parser issue code that does (reported by policy-validity/invalid-policy or
 * policy-warning), or to `not-covered` with the reason. Mapped ids must exist; checks handled by
 * the policy-validity rules carry a witness policy that must produce the mapped finding.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PolicyType } from '../../src/model/policy';
import { POLICY_ISSUE_CODES } from '../../src/model/issue-codes';
import { ALL_RULES, doc, label, lint } from './helpers';

const FILE = join(
  __dirname,
  '..',
  '..',
  '..',
  '..',
  '..',
  'shared',
  'corpus',
  'aws-access-analyzer',
  'policy-checks-2023-05.json',
);

const DOC = join(__dirname, '..', '..', '..', '..', 'docs', 'access-analyzer-checks.md');

/** A rule id, `issue:<parser issue code>`, or `not-covered: <reason>`. */
type Target = `${string}/${string}` | `issue:${string}` | `not-covered: ${string}`;

interface Mapping {
  readonly to: Target;
  /** A policy that must produce the mapped finding (for the policy-validity rules). */
  readonly witness?: { readonly document: unknown; readonly type?: PolicyType };
}

const S3_READ = { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::reports/*' };
const withCondition = (condition: unknown): unknown => doc({ ...S3_READ, Condition: condition });
const SLR = 'iam:CreateServiceLinkedRole';
const SLR_ARN = 'arn:aws:iam::*:role/aws-service-role/elasticbeanstalk.amazonaws.com/*';
const ADMIN_ROLE = 'arn:aws:iam::111122223333:role/admin';

// Keyed by the check's anchor without `access-analyzer-reference-policy-checks-`.
const CHECKS: Readonly<Record<string, Mapping>> = {
  // An ARN with a Region or account its service's ARNs never have (or without one they always
  // have) matches none of the resource types of the catalog.
  'error-arn-account-not-allowed': {
    to: 'policy-validity/resource-mismatch',
    witness: { document: doc({ ...S3_READ, Resource: 'arn:aws:s3::111122223333:reports/*' }) },
  },
  'error-arn-region-not-allowed': {
    to: 'policy-validity/resource-mismatch',
    witness: {
      document: doc({ Effect: 'Allow', Action: 'iam:GetRole', Resource: 'arn:aws:iam:us-east-1:111122223333:role/ci' }),
    },
  },
  'error-data-type-mismatch': { to: 'issue:invalid-type' },
  'error-duplicate-keys-with-different-case': { to: 'issue:duplicate-condition-key' },
  'error-invalid-action': {
    to: 'policy-validity/unknown-action',
    witness: { document: doc({ ...S3_READ, Action: 's3:GetObjekt' }) },
  },
  'error-invalid-arn-account': {
    to: 'policy-validity/invalid-arn',
    witness: { document: doc({ ...S3_READ, Action: 'sqs:SendMessage', Resource: 'arn:aws:sqs:us-east-1:1234:q' }) },
  },
  'error-invalid-arn-prefix': {
    to: 'policy-validity/invalid-arn',
    witness: { document: doc({ ...S3_READ, Resource: 'reports/*' }) },
  },
  'error-invalid-arn-region': {
    to: 'policy-validity/invalid-arn',
    witness: {
      document: doc({ ...S3_READ, Action: 'sqs:SendMessage', Resource: 'arn:aws:sqs:useast:111122223333:q' }),
    },
  },
  'error-invalid-arn-resource': {
    to: 'policy-validity/resource-mismatch',
    witness: { document: doc({ ...S3_READ, Resource: 'arn:aws:s3:::reports' }) },
  },
  'error-invalid-arn-service-case': {
    to: 'policy-validity/invalid-arn',
    witness: { document: doc({ ...S3_READ, Resource: 'arn:aws:S3:::reports/*' }) },
  },
  'error-invalid-condition-data-type': {
    to: 'not-covered: IAM reads every condition value as text, so values of mixed JSON types compare as written',
  },
  'error-invalid-condition-key-format': {
    to: 'policy-validity/unknown-condition-key',
    witness: { document: withCondition({ StringEquals: { SourceVpc: 'vpc-1a2b3c4d' } }) },
  },
  'error-invalid-condition-multiple-boolean': {
    to: 'policy-validity/condition-type-mismatch',
    witness: { document: withCondition({ Bool: { 'aws:SecureTransport': ['true', 'false'] } }) },
  },
  'error-invalid-condition-operator': { to: 'issue:unknown-condition-operator' },
  'error-invalid-effect': { to: 'issue:invalid-effect' },
  'error-invalid-global-condition-key': {
    to: 'policy-validity/unknown-condition-key',
    witness: { document: withCondition({ StringEquals: { 'aws:SourceVpcc': 'vpc-1a2b3c4d' } }) },
  },
  'error-invalid-partition': {
    to: 'policy-validity/invalid-arn',
    witness: { document: doc({ ...S3_READ, Resource: 'arn:amazon:s3:::reports/*' }) },
  },
  'error-invalid-policy-element': { to: 'issue:unknown-element' },
  'error-invalid-principal-format': { to: 'issue:invalid-principal' },
  'error-invalid-principal-key': { to: 'issue:unknown-principal-type' },
  'error-invalid-region': {
    to: 'issue:condition-key-format',
    witness: { document: withCondition({ StringEquals: { 'aws:RequestedRegion': 'us-east1' } }) },
  },
  'error-invalid-service': {
    to: 'policy-validity/unknown-action',
    witness: { document: doc({ ...S3_READ, Action: 'dynamo:GetItem' }) },
  },
  'error-invalid-service-condition-key': {
    to: 'policy-validity/unknown-condition-key',
    witness: { document: withCondition({ StringEquals: { 's3:ExistingObjectTagg': 'x' } }) },
  },
  'error-invalid-service-in-action': {
    to: 'policy-validity/unknown-action',
    witness: { document: doc({ ...S3_READ, Action: 's4:GetObject' }) },
  },
  'error-invalid-variable-for-operator': {
    to: 'policy-validity/policy-variable',
    witness: { document: withCondition({ NumericLessThan: { 's3:max-keys': '${aws:username}' } }) },
  },
  'error-invalid-version': { to: 'issue:unknown-version' },
  'error-json-syntax-error': { to: 'issue:invalid-json' },
  'error-missing-action': { to: 'issue:missing-action' },
  'error-missing-arn-field': {
    to: 'policy-validity/invalid-arn',
    witness: { document: doc({ ...S3_READ, Resource: 'arn:aws:s3:reports/*' }) },
  },
  'error-missing-arn-region': {
    to: 'policy-validity/resource-mismatch',
    witness: {
      document: doc({
        Effect: 'Allow',
        Action: 'dynamodb:GetItem',
        Resource: 'arn:aws:dynamodb::111122223333:table/orders',
      }),
    },
  },
  'error-missing-effect': { to: 'issue:missing-effect' },
  'error-missing-principal': { to: 'issue:missing-principal' },
  'error-missing-qualifier': {
    to: 'policy-validity/condition-type-mismatch',
    witness: {
      document: doc({
        ...S3_READ,
        Action: 'ec2:CreateTags',
        Resource: '*',
        Condition: { StringEquals: { 'aws:TagKeys': 'team' } },
      }),
    },
  },
  'error-missing-resource': { to: 'issue:missing-resource' },
  'error-missing-statement': { to: 'issue:missing-statement' },
  'error-null-with-if-exists': { to: 'issue:null-if-exists' },
  'error-scp-syntax-error-action-wildcard': {
    to: 'not-covered: SCPs accept the full IAM policy language since September 2025',
  },
  'error-scp-syntax-error-allow-condition': {
    to: 'not-covered: SCPs accept the full IAM policy language since September 2025',
  },
  'error-scp-syntax-error-allow-notaction': {
    to: 'not-covered: SCPs accept the full IAM policy language since September 2025',
  },
  'error-scp-syntax-error-allow-resource': {
    to: 'not-covered: SCPs accept the full IAM policy language since September 2025',
  },
  'error-scp-syntax-error-notresource': {
    to: 'not-covered: SCPs accept the full IAM policy language since September 2025',
  },
  'error-scp-syntax-error-principal': { to: 'issue:principal-not-allowed' },
  'error-unique-sids-required': { to: 'issue:duplicate-sid' },
  // Partial: role trust policies only (the actions other resource types accept are not in the catalog).
  'error-unsupported-action-in-policy': {
    to: 'issue:unsupported-trust-action',
    witness: {
      type: 'trust',
      document: doc({
        Effect: 'Allow',
        Principal: { AWS: 'arn:aws:iam::111122223333:role/admin' },
        Action: ['sts:AssumeRole', 'sts:AssumeRoot'],
      }),
    },
  },
  'error-unsupported-element-combination': { to: 'issue:conflicting-elements' },
  'error-unsupported-global-condition-key': {
    to: 'policy-validity/unknown-condition-key',
    witness: { document: withCondition({ ArnEquals: { 'aws:ARN': 'arn:aws:iam::111122223333:role/app' } }) },
  },
  'error-unsupported-principal': { to: 'issue:principal-not-allowed' },
  'error-unsupported-resource-arn-in-policy': {
    to: 'not-covered: the resource types of a resource policy are not checked against its resource',
  },
  'error-unsupported-sid': { to: 'issue:invalid-sid' },
  'error-unsupported-wildcard-in-principal': { to: 'issue:principal-wildcard' },
  'error-missing-brace-in-variable': {
    to: 'policy-validity/policy-variable',
    witness: { document: doc({ ...S3_READ, Resource: 'arn:aws:s3:::home/${aws:username/*' }) },
  },
  'error-missing-quote-in-variable': {
    to: 'policy-validity/policy-variable',
    witness: { document: doc({ ...S3_READ, Resource: 'arn:aws:s3:::home/${aws:username, nobody}/*' }) },
  },
  'error-unsupported-space-in-variable': {
    to: 'policy-validity/policy-variable',
    witness: { document: doc({ ...S3_READ, Resource: 'arn:aws:s3:::home/${aws: username}/*' }) },
  },
  'error-empty-variable': {
    to: 'policy-validity/policy-variable',
    witness: { document: doc({ ...S3_READ, Resource: 'arn:aws:s3:::home/${}/*' }) },
  },
  'error-variable-unsupported-in-element': {
    // Action values with `${` are rejected by the parser (malformed-action); principals here.
    to: 'policy-validity/policy-variable',
    witness: {
      type: 'resource',
      document: doc({ ...S3_READ, Principal: { AWS: 'arn:aws:iam::111122223333:user/${aws:username}' } }),
    },
  },
  'error-variable-unsupported-in-version': { to: 'issue:variable-needs-version' },
  'error-private-ip-address': {
    to: 'policy-validity/source-ip-condition',
    witness: { document: withCondition({ IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } }) },
  },
  'error-private-not-ip-address': {
    to: 'policy-validity/source-ip-condition',
    witness: { document: withCondition({ NotIpAddress: { 'aws:SourceIp': '192.168.0.0/16' } }) },
  },
  'error-policy-size-exceeds-scp-quota': {
    to: 'policy-validity/policy-size',
    witness: {
      type: 'scp',
      document: doc({ Effect: 'Deny', Action: Array.from({ length: 400 }, (_, i) => `ec2:Action${i}`), Resource: '*' }),
    },
  },
  'error-invalid-service-principal-format': {
    to: 'issue:invalid-service-principal',
    witness: {
      type: 'trust',
      document: doc({ Effect: 'Allow', Principal: { Service: 'lambda' }, Action: 'sts:AssumeRole' }),
    },
  },
  'error-missing-tag-key-in-condition': {
    to: 'policy-validity/unknown-condition-key',
    witness: { document: withCondition({ StringEquals: { 'aws:ResourceTag/': 'x' } }) },
  },
  'error-invalid-vpc-format': {
    to: 'issue:condition-key-format',
    witness: { document: withCondition({ StringEquals: { 'aws:SourceVpc': 'vpce-1a2b3c4d' } }) },
  },
  'error-invalid-vpce-format': {
    to: 'issue:condition-key-format',
    witness: { document: withCondition({ StringEquals: { 'aws:SourceVpce': 'vpc-1a2b3c4d' } }) },
  },
  'error-federated-principal-not-supported': {
    to: 'issue:federated-principal-not-allowed',
    witness: {
      type: 'resource',
      document: doc({ ...S3_READ, Principal: { Federated: 'cognito-identity.amazonaws.com' } }),
    },
  },
  'error-unsupported-action-for-condition-key': {
    // Partial: reported when no action of the statement supports the key.
    to: 'policy-validity/unknown-condition-key',
    witness: { document: withCondition({ StringEquals: { 'ec2:InstanceType': 't3.micro' } }) },
  },
  'error-unsupported-condition-key-for-service-principal': {
    // Partial: the organization keys (principal tags are in IAM Roles Anywhere requests).
    to: 'issue:service-principal-key',
    witness: {
      type: 'resource',
      document: doc({
        ...S3_READ,
        Principal: { Service: 'cloudtrail.amazonaws.com' },
        Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } },
      }),
    },
  },
  'error-role-trust-policy-syntax-error-notprincipal': { to: 'issue:not-principal-not-allowed' },
  'error-role-trust-policy-unsupported-wildcard-in-principal': { to: 'resource-exposure/public-principal' },
  'error-role-trust-policy-syntax-error-resource': { to: 'issue:resource-not-allowed' },
  'error-missing-action-for-condition-key': {
    to: 'issue:missing-companion-action',
    witness: {
      type: 'trust',
      document: doc({
        Effect: 'Allow',
        Principal: { AWS: 'arn:aws:iam::111122223333:root' },
        Action: 'sts:AssumeRole',
        Condition: { StringEquals: { 'aws:RequestTag/team': 'blue' } },
      }),
    },
  },
  'error-invalid-federated-principal-syntax-in-role-trust-policy': {
    to: 'issue:invalid-federated-principal',
    witness: {
      type: 'trust',
      document: doc({
        Effect: 'Allow',
        Principal: { Federated: 'token.actions.githubusercontent.com' },
        Action: 'sts:AssumeRoleWithWebIdentity',
      }),
    },
  },
  'error-mismatched-action-for-principal': {
    to: 'issue:mismatched-assume-action',
    witness: {
      type: 'trust',
      document: doc({
        Effect: 'Allow',
        Principal: { Federated: 'arn:aws:iam::111122223333:saml-provider/corp' },
        Action: 'sts:AssumeRole',
      }),
    },
  },
  'error-missing-action-for-roles-anywhere-trust-policy': {
    to: 'issue:missing-companion-action',
    witness: {
      type: 'trust',
      document: doc({
        Effect: 'Allow',
        Principal: { Service: 'rolesanywhere.amazonaws.com' },
        Action: 'sts:AssumeRole',
      }),
    },
  },
  // Creating any service-linked role: the write on every resource, or the administrator access, it is part of.
  'general-warning-create-slr-with-not-resource': {
    to: 'wildcard-resource/write-on-star',
    witness: { document: doc({ Effect: 'Allow', Action: SLR, NotResource: SLR_ARN }) },
  },
  'general-warning-create-slr-with-star-in-action-and-not-resource': {
    to: 'admin-access/full-access',
    witness: { document: doc({ Effect: 'Allow', Action: '*', NotResource: SLR_ARN }) },
  },
  'general-warning-create-slr-with-not-action-and-not-resource': {
    to: 'admin-access/not-action-allow',
    witness: { document: doc({ Effect: 'Allow', NotAction: 's3:*', NotResource: SLR_ARN }) },
  },
  'general-warning-create-slr-with-star-in-resource': {
    to: 'wildcard-resource/write-on-star',
    witness: { document: doc({ Effect: 'Allow', Action: SLR, Resource: '*' }) },
  },
  'general-warning-create-slr-with-star-in-action-and-resource': {
    to: 'admin-access/full-access',
    witness: { document: doc({ Effect: 'Allow', Action: '*', Resource: '*' }) },
  },
  'general-warning-create-slr-with-star-in-resource-and-not-action': {
    to: 'admin-access/not-action-allow',
    witness: { document: doc({ Effect: 'Allow', NotAction: 's3:*', Resource: '*' }) },
  },
  'general-warning-deprecated-global-condition-key': {
    to: 'policy-validity/unknown-condition-key',
    witness: { document: withCondition({ ArnLike: { 'aws:arn': 'arn:aws:iam::111122223333:role/*' } }) },
  },
  'general-warning-invalid-date-value': { to: 'issue:condition-value-format' },
  'general-warning-invalid-role-reference': {
    to: 'issue:unique-id-principal',
    witness: {
      type: 'trust',
      document: doc({ Effect: 'Allow', Principal: { AWS: 'AROAEXAMPLEROLEID1234' }, Action: 'sts:AssumeRole' }),
    },
  },
  'general-warning-invalid-user-reference': {
    to: 'issue:unique-id-principal',
    witness: {
      type: 'resource',
      document: doc({ ...S3_READ, Principal: { AWS: 'AIDAEXAMPLEUSERID1234' } }),
    },
  },
  'general-warning-missing-version': {
    to: 'not-covered: a missing Version is legal; it is reported only when policy variables need it',
  },
  'general-warning-unique-sids-recommended': { to: 'issue:duplicate-sid' },
  'general-warning-wildcard-without-like-operator': {
    to: 'policy-validity/condition-type-mismatch',
    witness: { document: withCondition({ StringEquals: { 'aws:PrincipalTag/team': 'data-*' } }) },
  },
  'general-warning-policy-size-exceeds-identity-policy-quota': {
    to: 'policy-validity/policy-size',
    witness: {
      document: doc({ ...S3_READ, Resource: Array.from({ length: 300 }, (_, i) => `arn:aws:s3:::bucket-${i}/*`) }),
    },
  },
  'general-warning-policy-size-exceeds-resource-policy-quota': { to: 'policy-validity/policy-size' },
  'general-warning-type-mismatch': {
    to: 'policy-validity/condition-type-mismatch',
    witness: { document: withCondition({ StringEquals: { 'aws:CurrentTime': '2027-01-01' } }) },
  },
  'general-warning-type-mismatch-boolean': { to: 'issue:condition-value-format' },
  'general-warning-type-mismatch-date': { to: 'issue:condition-value-format' },
  'general-warning-type-mismatch-ip-range': { to: 'issue:condition-value-format' },
  'general-warning-type-mismatch-number': { to: 'issue:condition-value-format' },
  'general-warning-type-mismatch-string': { to: 'issue:condition-value-format' },
  'general-warning-specific-github-repo-and-branch-recommended': { to: 'trust-policy/oidc-missing-sub' },
  'general-warning-policy-size-exceeds-role-trust-policy-quota': { to: 'policy-validity/policy-size' },
  'security-warning-allow-with-not-principal': { to: 'issue:not-principal-with-allow' },
  'security-warning-forallvalues-with-single-valued-key': {
    to: 'policy-validity/condition-type-mismatch',
    witness: { document: withCondition({ 'ForAllValues:StringEquals': { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } }) },
  },
  // Every role but the excluded ones is still a way up.
  'security-warning-pass-role-with-not-resource': {
    to: 'privilege-escalation/pass-role-wildcard',
    witness: { document: doc({ Effect: 'Allow', Action: 'iam:PassRole', NotResource: ADMIN_ROLE }) },
  },
  'security-warning-pass-role-with-star-in-action-and-not-resource': {
    to: 'privilege-escalation/pass-role-wildcard',
    witness: { document: doc({ Effect: 'Allow', Action: 'iam:*', NotResource: ADMIN_ROLE }) },
  },
  'security-warning-pass-role-with-not-action-and-not-resource': {
    to: 'privilege-escalation/pass-role-wildcard',
    witness: { document: doc({ Effect: 'Allow', NotAction: 's3:*', NotResource: ADMIN_ROLE }) },
  },
  'security-warning-pass-role-with-star-in-resource': { to: 'privilege-escalation/pass-role-wildcard' },
  'security-warning-pass-role-with-star-in-action-and-resource': { to: 'privilege-escalation/pass-role-wildcard' },
  'security-warning-pass-role-with-star-in-resource-and-not-action': { to: 'privilege-escalation/pass-role-wildcard' },
  'security-warning-missing-paired-condition-keys': {
    to: 'not-covered: paired keys (aws:SourceArn with aws:SourceAccount) are not checked',
  },
  'security-warning-deny-with-unsupported-tag-condition-key-for-service': {
    // Reported for each service none of whose actions in the statement carries the key.
    to: 'policy-validity/unknown-condition-key',
    witness: {
      document: doc({
        Effect: 'Deny',
        Action: ['ec2:TerminateInstances', 'route53:DeleteHostedZone'],
        Resource: '*',
        Condition: { StringEquals: { 'aws:ResourceTag/env': 'prod' } },
      }),
    },
  },
  'security-warning-deny-notaction-with-unsupported-tag-condition-key-for-service': {
    to: 'policy-validity/unknown-condition-key',
    witness: {
      document: doc({
        Effect: 'Deny',
        NotAction: 'iam:*',
        Resource: '*',
        Condition: { StringEquals: { 'aws:ResourceTag/env': 'prod' } },
      }),
    },
  },
  'security-warning-restrict-access-to-service-principal': {
    to: 'resource-exposure/confused-deputy',
    witness: {
      type: 'resource',
      document: doc({
        Effect: 'Allow',
        Principal: { Service: 'sns.amazonaws.com' },
        Action: 'sqs:SendMessage',
        Resource: 'arn:aws:sqs:us-east-1:111122223333:jobs',
      }),
    },
  },
  'security-warning-missing-condition-key-for-oidc-principal': { to: 'trust-policy/oidc-missing-sub' },
  'security-warning-missing-github-repo-condition-key': { to: 'trust-policy/oidc-missing-sub' },
  'suggestion-empty-array-action': { to: 'issue:empty-array' },
  'suggestion-empty-array-condition': { to: 'issue:empty-condition-values' },
  'suggestion-empty-array-condition-forallvalues': { to: 'issue:empty-condition-values' },
  'suggestion-empty-array-condition-foranyvalue': { to: 'issue:empty-condition-values' },
  'suggestion-empty-array-condition-ifexists': { to: 'issue:empty-condition-values' },
  'suggestion-empty-array-principal': { to: 'issue:empty-array' },
  'suggestion-empty-array-resource': { to: 'issue:empty-array' },
  'suggestion-empty-object-condition': { to: 'issue:empty-condition', witness: { document: withCondition({}) } },
  'suggestion-empty-object-principal': { to: 'issue:empty-principal' },
  'suggestion-empty-sid-value': { to: 'not-covered: an empty Sid is legal' },
  'suggestion-improve-ip-range': {
    to: 'policy-validity/source-ip-condition',
    witness: { document: withCondition({ IpAddress: { 'aws:VpcSourceIp': '10.0.1.7/24' } }) },
  },
  'suggestion-null-with-qualifier': {
    to: 'policy-validity/condition-type-mismatch',
    witness: { document: withCondition({ 'ForAllValues:Null': { 'aws:TagKeys': 'false' } }) },
  },
  'suggestion-private-ip-address-subset': {
    to: 'policy-validity/source-ip-condition',
    witness: { document: withCondition({ IpAddress: { 'aws:SourceIp': ['10.0.0.0/8', '203.0.113.0/24'] } }) },
  },
  'suggestion-private-not-ip-address-subset': {
    to: 'policy-validity/source-ip-condition',
    witness: { document: withCondition({ NotIpAddress: { 'aws:SourceIp': ['10.0.0.0/8', '203.0.113.0/24'] } }) },
  },
  'suggestion-redundant-action': {
    to: 'policy-validity/redundant-value',
    witness: { document: doc({ ...S3_READ, Action: ['s3:GetObject', 's3:Get*'] }) },
  },
  'suggestion-redundant-condition-value-num': {
    to: 'policy-validity/redundant-value',
    witness: { document: withCondition({ NumericGreaterThanEquals: { 's3:TlsVersion': ['1.2', '1.3'] } }) },
  },
  'suggestion-redundant-resource': {
    to: 'policy-validity/redundant-value',
    witness: { document: doc({ ...S3_READ, Resource: ['arn:aws:s3:::reports/*', 'arn:aws:s3:::reports/a/*'] }) },
  },
  'suggestion-redundant-statement': {
    to: 'policy-validity/redundant-statement',
    witness: { document: doc(S3_READ, { ...S3_READ, Action: 's3:Get*' }) },
  },
  'suggestion-wildcard-in-service-name': { to: 'issue:malformed-action' },
  'suggestion-allow-with-unsupported-tag-condition-key-for-service': {
    // Partial: reported when no action of the statement supports the tag key.
    to: 'policy-validity/unknown-condition-key',
    witness: { document: withCondition({ StringEquals: { 'aws:RequestTag/env': 'prod' } }) },
  },
  'suggestion-allow-notaction-with-unsupported-tag-condition-key-for-service': {
    to: 'policy-validity/unknown-condition-key',
    witness: {
      document: doc({
        Effect: 'Allow',
        NotAction: 'iam:*',
        Resource: '*',
        Condition: { StringEquals: { 'aws:ResourceTag/team': 'data' } },
      }),
    },
  },
  'suggestion-recommended-condition-key-for-service-principal': {
    // A service principal scoped by anything but its source is a confused deputy.
    to: 'resource-exposure/confused-deputy',
    witness: {
      type: 'resource',
      document: doc({
        Effect: 'Allow',
        Principal: { Service: 'sns.amazonaws.com' },
        Action: 'sqs:SendMessage',
        Resource: 'arn:aws:sqs:us-east-1:111122223333:jobs',
        Condition: { StringEquals: { 'aws:PrincipalAccount': '111122223333' } },
      }),
    },
  },
  'suggestion-irrelevant-condition-key-in-policy': {
    to: 'not-covered: keys irrelevant to a resource policy type are not reported',
  },
  'suggestion-redundant-principal-in-role-trust-policy': {
    to: 'policy-validity/redundant-value',
    witness: {
      type: 'trust',
      document: doc({
        Effect: 'Allow',
        Principal: {
          AWS: ['arn:aws:iam::111122223333:role/ops/deployer', 'arn:aws:sts::111122223333:assumed-role/deployer/ci'],
        },
        Action: 'sts:AssumeRole',
      }),
    },
  },
  'suggestion-confirm-audience-claim-type': { to: 'not-covered: OIDC audience claim types are not reported' },
};

interface Check {
  readonly findingType: string;
  readonly title: string;
  readonly anchor: string;
}

const checks: Check[] = existsSync(FILE) ? (JSON.parse(readFileSync(FILE, 'utf8')) as { checks: Check[] }).checks : [];
const keyOf = (check: Check): string => check.anchor.replace('access-analyzer-reference-policy-checks-', '');

describe('access analyzer policy checks', () => {
  it('maps every one of the 138 checks, and nothing else', () => {
    expect(checks).toHaveLength(138);
    const keys = new Set(checks.map(keyOf));
    expect([...keys].filter((k) => !(k in CHECKS))).toEqual([]);
    expect(Object.keys(CHECKS).filter((k) => !keys.has(k))).toEqual([]);
  });

  it('maps to rules and issue codes that exist', () => {
    const codes = new Set(Object.keys(POLICY_ISSUE_CODES));
    for (const { to } of Object.values(CHECKS)) {
      if (to.startsWith('not-covered: ')) continue;
      if (to.startsWith('issue:')) expect(codes.has(to.slice('issue:'.length))).toBe(true);
      else expect(ALL_RULES).toContain(to);
    }
  });

  it.each(Object.entries(CHECKS).filter(([, m]) => m.witness !== undefined))(
    '%s: the witness policy is reported',
    (_key, mapping) => {
      const witness = mapping.witness as NonNullable<Mapping['witness']>;
      const labels = lint(witness.document, witness.type ?? 'identity').map(label);
      if (mapping.to.startsWith('issue:')) {
        // A parser issue is reported by invalid-policy (errors) or policy-warning (warnings).
        const code = mapping.to.slice('issue:'.length);
        expect(labels.some((l) => l.endsWith(`#${code}`))).toBe(true);
      } else {
        expect(labels).toContain(mapping.to);
      }
    },
  );

  it('agrees with the table of docs/access-analyzer-checks.md', () => {
    const rows = readFileSync(DOC, 'utf8').split('\n');
    const wrong: string[] = [];
    for (const check of checks) {
      const row = rows.find((r) => r.startsWith(`| ${check.title}: `));
      const to = CHECKS[keyOf(check)]?.to ?? '';
      const said = row?.split(' | ')[1] ?? '';
      const agrees = to.startsWith('not-covered')
        ? said.startsWith('not checked')
        : said.includes('`' + (to.startsWith('issue:') ? to.slice('issue:'.length) : to) + '`');
      if (!agrees) wrong.push(`${check.title} (${to}): ${said || 'no row'}`);
    }
    expect(wrong).toEqual([]);
  });

  it('prints the coverage', () => {
    const covered = checks.filter((c) => !(CHECKS[keyOf(c)]?.to.startsWith('not-covered') ?? true));
    const byRule = checks.filter((c) => /^[a-z-]+\/[a-z-]+$/.test(CHECKS[keyOf(c)]?.to ?? ''));
    const uncovered = checks.filter((c) => !covered.includes(c)).map((c) => `${c.findingType} ${c.title}`);
    console.log(
      `access-analyzer: ${covered.length}/${checks.length} checks covered (${byRule.length} by rules, ${covered.length - byRule.length} by parser issues)\nnot covered:\n  ${uncovered.join('\n  ')}`,
    );
    expect(covered.length).toBeGreaterThanOrEqual(COVERED_AT_LEAST);
  });
});

/** The level reached; lower means a regression. */
const COVERED_AT_LEAST = 125;
