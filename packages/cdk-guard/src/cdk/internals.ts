/**
 * Defaults for constructs that aws-cdk-lib creates on the user's behalf, whose IAM the user does
 * not write and cannot scope. Each default is a suppression with its reason, applied like a
 * user's suppression (so it is visible in the report's `suppressed` list), and each can be turned
 * off: `new IamGuardAspect({ cdkInternals: { logRetention: false } })` or `cdkInternals: false`.
 */
import type { SuppressionConfig } from '@iamgate/core';

/** Names of the CDK-internal constructs that have defaults. */
export type CdkInternalName =
  | 'logRetention'
  | 'bucketDeployment'
  | 'customResourceProvider'
  | 'awsCustomResource'
  | 'cognitoSmsRole'
  | 'eksClusterResource';

/** One internal construct: where it lives in the tree, and what is accepted there. */
export interface CdkInternalDefault {
  readonly description: string;
  readonly suppressions: readonly Omit<SuppressionConfig, 'reason'>[];
  readonly reason: string;
}

/** The defaults, by name. */
export const CDK_INTERNALS: Readonly<Record<CdkInternalName, CdkInternalDefault>> = {
  logRetention: {
    description: 'the singleton function behind `logRetention` on functions and log groups',
    // Log groups of any function in the stack may be configured, so the role acts on all of them.
    suppressions: [{ rule: 'wildcard-resource', target: '**/LogRetentionaae0aa3c5b4d4f87b02d85b201efdd8a/**' }],
    reason:
      'aws-cdk-lib LogRetention sets the retention of log groups created by other services, named only at deploy time',
  },
  bucketDeployment: {
    description: 'the function behind `s3deploy.BucketDeployment`',
    suppressions: [
      { rule: 'wildcard-resource', target: '**/Custom::CDKBucketDeployment*/**' },
      {
        rule: 'wildcard-action',
        target: '**/Custom::CDKBucketDeployment*/**',
        actions: ['s3:GetObject*', 's3:GetBucket*', 's3:List*', 's3:DeleteObject*', 's3:PutObject*', 's3:Abort*'],
      },
    ],
    reason:
      'aws-cdk-lib BucketDeployment copies assets with the grants aws-cdk-lib gives it (read on the asset bucket, write on the destination)',
  },
  customResourceProvider: {
    description: 'the roles of custom resource providers (`CustomResourceProvider`, the provider framework)',
    suppressions: [
      {
        rule: 'wildcard-resource',
        target: '**/Custom::*CustomResourceProvider/**',
        actions: ['logs:*', 'lambda:InvokeFunction'],
      },
      {
        rule: 'wildcard-resource',
        target: '**/framework-*/**',
        actions: ['lambda:InvokeFunction', 'lambda:GetFunction', 'states:StartExecution'],
      },
      // `iam.OpenIdConnectProvider` manages the provider through a custom resource: the provider's
      // ARN is not known when the role is created.
      {
        rule: 'wildcard-resource',
        target: '**/Custom::AWSCDKOpenIdConnectProviderCustomResourceProvider/**',
        actions: ['iam:*OpenIDConnectProvider*'],
      },
    ],
    reason:
      'aws-cdk-lib custom resource providers only write their logs, invoke their handlers and manage the resource they stand for',
  },
  awsCustomResource: {
    description: 'the singleton function behind `custom_resources.AwsCustomResource`',
    // No blanket acceptance: the policy comes from the user's `policy` prop and is checked as
    // written; only the provider's own log writing is accepted.
    suppressions: [
      {
        rule: 'wildcard-resource',
        target: '**/AWS679f53fac002430cb0da5b7982bd2287/**',
        actions: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'],
      },
    ],
    reason:
      'aws-cdk-lib AwsCustomResource writes its own logs; the calls it makes are the user policy and stay checked',
  },
  eksClusterResource: {
    description: 'the role `eks.Cluster` creates for the custom resource that creates and updates the cluster',
    // The cluster's name is generated at deploy, after the role's policy exists; only the
    // provider's handler roles (and the kubectl handler) may assume the role.
    suppressions: [
      {
        rule: 'wildcard-resource',
        target: '**/Resource/CreationRole/**',
        actions: ['eks:*', 'iam:CreateServiceLinkedRole'],
      },
    ],
    reason:
      'aws-eks creates the cluster through a custom resource whose role acts on a cluster named only at deploy time',
  },
  cognitoSmsRole: {
    description: 'the role a `cognito.UserPool` creates to send SMS (MFA, phone verification) through SNS',
    // Publishing to a phone number (not a topic) is authorized on `*` only.
    suppressions: [{ rule: 'wildcard-resource', target: '**/smsRole/**', actions: ['sns:Publish'] }],
    reason: 'Amazon SNS authorizes sending an SMS to a phone number only on `"Resource": "*"`',
  },
};

/** Which defaults apply: all (default), none (`false`), or per name. */
export type CdkInternalsOption = boolean | Partial<Record<CdkInternalName, boolean>>;

/** The suppressions of the enabled defaults, each with the name of its default. */
export function internalSuppressions(
  option: CdkInternalsOption | undefined,
): (SuppressionConfig & { name: CdkInternalName })[] {
  if (option === false) return [];
  return (Object.keys(CDK_INTERNALS) as CdkInternalName[])
    .filter((name) => option === undefined || option === true || option[name] !== false)
    .flatMap((name) =>
      CDK_INTERNALS[name].suppressions.map((s) => ({ ...s, reason: CDK_INTERNALS[name].reason, name })),
    );
}
