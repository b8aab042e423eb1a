/**
 * Actions that set or widen the resource-based policy (or ACL, or grant) of a resource. Not
 * `logs:PutResourcePolicy`: the logging of AWS's own services (Step Functions, EventBridge, Route 53
 * query logs, vended logs) needs it on `*`, the only resource it accepts, to let those services
 * deliver logs; it is the documented grant of every such integration, not a way to share data.
 */
export const RESOURCE_POLICY_ACTIONS: readonly string[] = [
  's3:PutBucketPolicy',
  's3:DeleteBucketPolicy',
  's3:PutBucketAcl',
  's3:PutObjectAcl',
  's3:PutAccessPointPolicy',
  's3:PutBucketPublicAccessBlock',
  's3:PutAccountPublicAccessBlock',
  'sqs:SetQueueAttributes',
  'sqs:AddPermission',
  'sns:SetTopicAttributes',
  'sns:AddPermission',
  'kms:PutKeyPolicy',
  'kms:CreateGrant',
  'lambda:AddPermission',
  'lambda:AddLayerVersionPermission',
  'lambda:CreateFunctionUrlConfig',
  'secretsmanager:PutResourcePolicy',
  'ecr:SetRepositoryPolicy',
  'events:PutPermission',
  'glacier:SetVaultAccessPolicy',
  'backup:PutBackupVaultAccessPolicy',
  'glue:PutResourcePolicy',
  'dynamodb:PutResourcePolicy',
  'apigateway:UpdateRestApiPolicy',
  'efs:PutFileSystemPolicy',
  'ssm:ModifyDocumentPermission',
  'ec2:ModifySnapshotAttribute',
  'ec2:ModifyImageAttribute',
  'rds:ModifyDBSnapshotAttribute',
  'rds:ModifyDBClusterSnapshotAttribute',
  'redshift:AuthorizeSnapshotAccess',
  'ec2:ModifyFpgaImageAttribute',
  'ecr-public:SetRepositoryPolicy',
  'kinesis:PutResourcePolicy',
  'codeartifact:PutDomainPermissionsPolicy',
  'codeartifact:PutRepositoryPermissionsPolicy',
  // Resource Access Manager shares resources with other accounts (unless
  // `ram:RequestedAllowsExternalPrincipals` is false, a condition that exempts the statement).
  'ram:CreateResourceShare',
  'ram:AssociateResourceShare',
];

/**
 * A VPC endpoint's policy (Terraform `aws_vpc_endpoint`, `aws_vpc_endpoint_policy`;
 * CloudFormation `AWS::EC2::VPCEndpoint`) grants nothing: it only filters the requests that go
 * through the endpoint, which only the VPC reaches, on top of the identity and resource policies
 * that decide them. Its default (`Principal: "*"`, `Action: "*"`) exposes nothing.
 */
export function isEndpointFilter(resourceType: string | undefined): boolean {
  return resourceType !== undefined && /^(?:aws_vpc_endpoint(?:_policy)?|AWS::EC2::VPCEndpoint)$/.test(resourceType);
}
