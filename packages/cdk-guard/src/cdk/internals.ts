/**
 * Defaults for constructs that aws-cdk-lib creates on the user's behalf, whose IAM the user does
 * not write and cannot scope. Each default is a suppression with its reason, applied like a
 * user's suppression (so it is visible in the report's `suppressed` list), and each can be turned
 * off: `new IamGuardAspect({ cdkInternals: { logRetention: false } })` or `cdkInternals: false`.
 */
import type { SuppressionConfig } from '@iamgate/core';
import { resourceId } from '../extract/stack-source';
import type { SourceResource, StackSource } from '../extract/stack-source';

/** Names of the CDK-internal constructs that have defaults. */
export type CdkInternalName =
  | 'logRetention'
  | 'bucketDeployment'
  | 'customResourceProvider'
  | 'awsCustomResource'
  | 'logGroupResourcePolicy'
  | 'cognitoSmsRole'
  | 'eksClusterResource'
  | 'eksAlbController'
  | 'dynamoDbReplica'
  | 'bastionHost'
  | 'importedStreamReads';

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
    // Only the retention actions: a grant added to the singleton's role stays checked.
    suppressions: [
      {
        rule: 'wildcard-resource',
        target: '**/LogRetentionaae0aa3c5b4d4f87b02d85b201efdd8a/**',
        actions: ['logs:PutRetentionPolicy', 'logs:DeleteRetentionPolicy'],
      },
    ],
    reason:
      'aws-cdk-lib LogRetention sets the retention of log groups created by other services, named only at deploy time',
  },
  // The same statement in a role of the user's, given to `LogRetention` (`role`) or to a function
  // (`logRetentionRole`): see `roleDefaults`.
  bucketDeployment: {
    description: 'the function behind `s3deploy.BucketDeployment`',
    // The singleton handler invalidates the distributions of every deployment of the stack, which
    // aws-cdk-lib grants on `*`; anything else on `*` (a grant to `handlerRole`) stays checked.
    suppressions: [
      {
        rule: 'wildcard-resource',
        target: '**/Custom::CDKBucketDeployment*/**',
        actions: ['cloudfront:CreateInvalidation', 'cloudfront:GetInvalidation'],
      },
      {
        rule: 'wildcard-action',
        target: '**/Custom::CDKBucketDeployment*/**',
        actions: ['s3:GetObject*', 's3:GetBucket*', 's3:List*', 's3:DeleteObject*', 's3:PutObject*', 's3:Abort*'],
      },
    ],
    reason:
      'aws-cdk-lib BucketDeployment copies assets with the grants aws-cdk-lib gives it (read on the asset bucket, write on the destination, invalidation of the distribution it is given)',
  },
  customResourceProvider: {
    description: 'the roles of custom resource providers (`CustomResourceProvider`, the provider framework)',
    suppressions: [
      {
        rule: 'wildcard-resource',
        target: '**/Custom::*CustomResourceProvider/**',
        actions: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents', 'lambda:InvokeFunction'],
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
  logGroupResourcePolicy: {
    description:
      'the CloudWatch Logs resource policy aws-cdk-lib sets for the log group target of an events rule and for the logs of an OpenSearch domain',
    // Written through an `AwsCustomResource` call, read as the account's logs resource policy: the
    // service grants it on the log groups the construct names, with no source condition the
    // construct takes. Only the missing source condition on the log writes: the same call written
    // by hand elsewhere, or any other finding here, stays checked.
    suppressions: ['**/EventsLogGroupPolicy*/**', '**/ESLogGroupPolicy*/**'].map((target) => ({
      rule: 'resource-exposure/confused-deputy',
      target,
      actions: ['logs:PutLogEvents', 'logs:CreateLogStream'],
    })),
    reason:
      'aws-cdk-lib lets EventBridge (a log group target) or OpenSearch (domain logs) write the log groups it names, without a source condition the construct can be given',
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
  eksAlbController: {
    description:
      'the service account role of the AWS Load Balancer Controller that `eks.Cluster` installs (`albController`)',
    // The controller's published policy: load balancers, listeners, rules, target groups and
    // security groups that the controller itself creates for Kubernetes objects, named at run
    // time. Changing the ingress of any existing security group (`ec2:AuthorizeSecurityGroupIngress`
    // on `*`) is not accepted: give `albController.policy` scoped to the cluster's groups.
    suppressions: [
      {
        rule: 'wildcard-resource',
        target: '**/*-AlbController/alb-sa/Role/**',
        actions: [
          'elasticloadbalancing:CreateLoadBalancer',
          'elasticloadbalancing:CreateTargetGroup',
          'elasticloadbalancing:CreateListener',
          'elasticloadbalancing:DeleteListener',
          'elasticloadbalancing:CreateRule',
          'elasticloadbalancing:DeleteRule',
          'elasticloadbalancing:ModifyListener',
          'elasticloadbalancing:ModifyRule',
          'elasticloadbalancing:AddListenerCertificates',
          'elasticloadbalancing:RemoveListenerCertificates',
          'elasticloadbalancing:SetWebAcl',
          'elasticloadbalancing:RegisterTargets',
          'elasticloadbalancing:DeregisterTargets',
          'ec2:CreateSecurityGroup',
          'waf-regional:AssociateWebACL',
          'waf-regional:DisassociateWebACL',
          'wafv2:AssociateWebACL',
          'wafv2:DisassociateWebACL',
          'shield:CreateProtection',
          'shield:DeleteProtection',
        ],
      },
    ],
    reason:
      'the AWS Load Balancer Controller (installed by aws-eks with its published policy, assumable by its service account only) creates and manages load balancers, target groups and security groups named at run time',
  },
  dynamoDbReplica: {
    description: 'the replica handler of a `dynamodb.Table` with `replicationRegions`',
    // `dynamodb:*` on the table and its replicas only (the resources stay checked): aws-dynamodb
    // grants every action because the replication calls need undocumented ones.
    suppressions: [
      { rule: 'wildcard-action', target: '**/SourceTableAttachedManagedPolicy-*/**', actions: ['dynamodb:*'] },
    ],
    reason:
      'aws-dynamodb gives the handler that creates the replicas of a table `dynamodb:*` on that table and its replicas only',
  },
  bastionHost: {
    description: 'the instance role of `ec2.BastionHostLinux` (Session Manager)',
    // The SSM agent's messaging actions have no resource type (`*` only); the instance the agent
    // registers (`ssm:UpdateInstanceInformation`) is created after its role.
    suppressions: [
      {
        rule: 'wildcard-action',
        target: '**/Resource/InstanceRole/**',
        actions: ['ssmmessages:*', 'ec2messages:*'],
      },
      {
        rule: 'wildcard-resource',
        target: '**/Resource/InstanceRole/**',
        actions: ['ssm:UpdateInstanceInformation'],
      },
    ],
    reason:
      'the Session Manager agent of a bastion host needs `ssmmessages` and `ec2messages`, authorized on `"Resource": "*"` only, and registers an instance created after its role',
  },
  importedStreamReads: {
    description:
      'the grants of a table (of the app, or imported by name or ARN: `table.grantReadData`, `Table.fromTableName(...).grantReadData`) or of a Kinesis stream (`Stream.fromStreamArn(...).grantRead`)',
    // aws-cdk-lib adds the stream reads of a table on the table's ARN (`grantReadData` names no
    // stream) and the enhanced fan-out actions of a stream's consumers on the stream's ARN: a
    // statement or actions that apply to nothing, in the grantee's default policy (`Policy` for a
    // role imported with `Role.fromRoleArn`). Only resource-mismatch on those actions: the same
    // actions on `*` stay checked.
    suppressions: ['**/DefaultPolicy/**', '**/Policy/**'].flatMap((target) => [
      {
        rule: 'policy-validity/resource-mismatch',
        target,
        actions: ['dynamodb:GetRecords', 'dynamodb:GetShardIterator'],
      },
      {
        rule: 'policy-validity/resource-mismatch',
        target,
        actions: ['kinesis:SubscribeToShard', 'kinesis:DescribeStreamConsumer'],
      },
    ]),
    reason:
      'aws-cdk-lib grants the stream reads of a table on the table ARN, and the consumer actions of a stream on the stream ARN: they apply to nothing, and the grant is least privilege otherwise',
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

/** The logical id aws-cdk-lib gives the singleton function behind `LogRetention`, in every stack. */
const LOG_RETENTION_FUNCTION = 'LogRetentionaae0aa3c5b4d4f87b02d85b201efdd8a';

/**
 * The defaults for roles of the user's that a CDK-internal function runs as: `LogRetention` with
 * `role` (or a function's `logRetentionRole`) adds its retention actions on `*` to that role, as
 * it does to its own. Found through the singleton function's `Role`, so a role of any name; not
 * given when its id names something else of the input too (the bare logical id of a template
 * without a stack name, beside another template with the same logical id or role name), as it
 * would accept their statements as well.
 */
export function roleDefaults(
  stacks: readonly StackSource[],
  option: CdkInternalsOption | undefined,
): (SuppressionConfig & { name: CdkInternalName })[] {
  if (option === false || (typeof option === 'object' && option.logRetention === false)) return [];
  const [own] = CDK_INTERNALS.logRetention.suppressions;
  if (own === undefined) return [];
  return stacks.flatMap((stack) =>
    [...stack.resources.values()]
      .filter((r) => r.type === 'AWS::Lambda::Function' && r.logicalId.startsWith(LOG_RETENTION_FUNCTION))
      .flatMap((fn) => {
        const role = roleOf(stack, fn.properties()['Role']);
        if (role === undefined) return [];
        // The singleton's own role is covered by the path of the default, when it has a path.
        if (role.constructPath !== undefined && role.logicalId.startsWith(LOG_RETENTION_FUNCTION)) return [];
        const id = resourceId(stack, role);
        if (namedElsewhere(stacks, stack, role, id)) return [];
        return [
          {
            ...own,
            target: globOf(id),
            reason: CDK_INTERNALS.logRetention.reason,
            name: 'logRetention' as const,
          },
        ];
      }),
  );
}

/** The role of the stack a function's `Role` names with `Fn::GetAtt [<role>, Arn]`. */
function roleOf(stack: StackSource, value: unknown): SourceResource | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const getAtt = (value as Record<string, unknown>)['Fn::GetAtt'];
  if (!Array.isArray(getAtt) || getAtt[1] !== 'Arn' || typeof getAtt[0] !== 'string') return undefined;
  const role = stack.resources.get(getAtt[0]);
  return role?.type === 'AWS::IAM::Role' ? role : undefined;
}

/** The names a resource literally gives itself (`RoleName`, `PolicyName`, ...), which targets match. */
const NAME_PROPERTIES = ['RoleName', 'UserName', 'GroupName', 'PolicyName', 'ManagedPolicyName'] as const;

/**
 * Whether a target of `id` matches a resource of `stacks` other than `role` of `home`: by its id,
 * logical id (under its stack's name too), construct path or literal name.
 */
function namedElsewhere(stacks: readonly StackSource[], home: StackSource, role: SourceResource, id: string): boolean {
  const same = sameAs(id);
  return stacks.some((stack) =>
    [...stack.resources.values()].some((resource) => {
      if (stack === home && resource === role) return false;
      const properties = resource.properties();
      const names = [
        resourceId(stack, resource),
        resource.logicalId,
        ...(stack.stackName === undefined ? [] : [`${stack.stackName}/${resource.logicalId}`]),
        ...(resource.constructPath === undefined ? [] : [resource.constructPath]),
        ...NAME_PROPERTIES.map((key) => properties[key]),
      ];
      return names.some((name) => typeof name === 'string' && same(name));
    }),
  );
}

/** Whether a value is matched by the glob of `id` (`globOf`). */
function sameAs(id: string): (value: string) => boolean {
  const glob = globOf(id);
  return (value) => {
    if (value.length !== glob.length) return false;
    for (let i = 0; i < glob.length; i++) if (glob[i] === '?' ? value[i] === '/' : value[i] !== glob[i]) return false;
    return true;
  };
}

/** A glob matching `id` (its glob characters each matched as any one character). */
const globOf = (id: string): string => id.replace(/[*?{},]/g, '?');
