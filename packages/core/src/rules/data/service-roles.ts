/**
 * Roles only AWS services assume: who acts with such a role is the service, not a user, so what
 * it may do is no path for a user to more permissions than they hold.
 */
import { patternCovers } from '../../evaluator/pattern';
import { matchWildcard } from '../../match/wildcard';
import { parsePolicy } from '../../model/parse';
import type { Statement } from '../../model/policy';
import type { PolicySubject } from '../rule';
import { isAwsManaged } from '../validity/common';

/**
 * Services that use a role for their own work and run no code of the customer with it (unlike
 * Lambda, EC2, ECS tasks, CodeBuild, Glue or Step Functions, whose role is the customer's code's).
 */
const NO_CUSTOMER_CODE: ReadonlySet<string> = new Set([
  'backup.amazonaws.com',
  // AWS Batch launches the instances and Fargate tasks of compute environments and jobs with the
  // roles they name (the `iam:PassRole` in `AWSBatchServiceRole`): whoever creates the compute
  // environment or registers the job definition must be allowed to pass those roles (the
  // pathfinding.cloud paths batch-001 and batch-003 go through that `iam:PassRole`).
  'batch.amazonaws.com',
  'cloudtrail.amazonaws.com',
  // CodeDeploy shifts traffic to what a deployment names (an ECS task set of a registered task
  // definition, a Lambda alias version, instances of a group) and invokes the deployment's hook
  // functions: what runs is theirs, under roles whoever registered them had to be allowed to pass
  // (the `iam:PassRole` to ECS tasks in `AWSCodeDeployRoleForECS`, which aws-codedeploy's
  // `EcsDeploymentGroup` attaches).
  'codedeploy.amazonaws.com',
  'cognito-idp.amazonaws.com',
  'config.amazonaws.com',
  'delivery.logs.amazonaws.com',
  'dlm.amazonaws.com',
  'eks.amazonaws.com',
  // EventBridge rules call their targets' APIs with the role (`ecs:RunTask` and the `iam:PassRole`
  // of the task's roles in `AmazonEC2ContainerServiceEventsRole`): what runs is the target, under a
  // role of its own that whoever defines the target must be allowed to pass. Not EventBridge
  // Scheduler: its universal targets call any AWS API the schedule names, with the role.
  'events.amazonaws.com',
  'monitoring.rds.amazonaws.com',
  's3.amazonaws.com',
  'vpc-flow-logs.amazonaws.com',
]);

/**
 * AWS managed policies that one more service uses only for its own work, on a role only it assumes.
 * API Gateway writes the access and execution logs of every API of the account with the role of
 * its account settings (the one CDK's `RestApi` creates); the policy AWS wrote for it also lists
 * log reads, which API Gateway makes no use of. Not API Gateway as a whole: an integration role
 * calls whatever AWS API the integration names, for whoever calls the API.
 */
const OWN_WORK_POLICIES: ReadonlyMap<string, string> = new Map([
  ['AmazonAPIGatewayPushToCloudWatchLogs', 'apigateway.amazonaws.com'],
]);

const trusted = new WeakMap<object, readonly string[]>();

/**
 * The service principals the subject's role trusts, when its trust admits services alone (else
 * empty: a statement with `"Principal": "*"`, a `NotPrincipal` or a principal that is no service).
 */
export function trustedServicesOnly(subject: PolicySubject): readonly string[] {
  const principal = subject.principal;
  const document = principal?.trustPolicy?.document;
  if (principal === undefined || principal.kind !== 'role' || document === undefined) return [];
  let services = trusted.get(principal);
  if (services === undefined) {
    const parsed = parsePolicy(document, { type: 'trust' });
    const allows = parsed.ok ? parsed.value.statements.filter((s) => s.effect === 'Allow') : [];
    // `"Principal": "*"` names no entry yet admits anyone (an organization condition beside it
    // still admits every principal of the organization), and `NotPrincipal` everyone but those named.
    const open = allows.some((s) => s.principal === undefined || s.principal.wildcard || s.principal.negated);
    const entries = allows.flatMap((s) => s.principal?.entries ?? []);
    services =
      !open && entries.every((e) => e.type === 'Service' && typeof e.value === 'string')
        ? entries.map((e) => e.value as string)
        : [];
    trusted.set(principal, services);
  }
  return services;
}

/**
 * An AWS managed policy of a role only services that run no customer code assume (AWS Backup's
 * `AWSBackupServiceRolePolicyForBackup`, EKS Auto Mode's `AmazonEKSComputePolicy` on the cluster
 * role, or API Gateway's logging role with `AmazonAPIGatewayPushToCloudWatchLogs`): the
 * `iam:PassRole` and the like AWS wrote into it are the service's to use, not a user's.
 */
export function isServiceOwnedGrant(subject: PolicySubject): boolean {
  if (!isAwsManaged(subject)) return false;
  const services = trustedServicesOnly(subject);
  const ownWork = OWN_WORK_POLICIES.get(subject.source.name);
  return services.length > 0 && services.every((s) => NO_CUSTOMER_CODE.has(s) || s === ownWork);
}

/**
 * Services that, given a role through `iam:PassRole`, use it only for work of their own that AWS
 * fixes: the caller can make them run none of its code and call no API it names, so passing them
 * the most privileged role of the account yields nothing beyond what the service does with it.
 * Another question than `NO_CUSTOMER_CODE` (who may assume a role): EventBridge, for one, runs no
 * code of the customer yet calls whatever target a rule names (an ECS task, an SSM command), so it
 * is not here; nor is any service that copies or exposes data where the caller says (AWS Backup,
 * S3 replication, DataSync, Transfer Family, DLM snapshot sharing) or hands the role's credentials
 * to someone (Cognito identity pools, IAM Roles Anywhere), nor EKS (`eks:CreateNodegroup` passes the
 * node role to `eks.amazonaws.com`, and the customer's pods run on those nodes).
 */
const FIXED_WORK_ON_PASS: ReadonlySet<string> = new Set([
  // GuardDuty Malware Protection for S3 (AmazonGuardDutyFullAccess passes its role): reads the new
  // objects of the protected bucket to scan them, tags them with the verdict and publishes the
  // result to EventBridge.
  // https://docs.aws.amazon.com/guardduty/latest/ug/tag-based-access-s3-malware-protection.html
  'malware-protection-plan.guardduty.amazonaws.com',
  // GuardDuty malware scans of EC2 volumes and of AWS Backup recovery points (the same managed
  // policy, and AWSBackupServiceRolePolicyForScans): snapshots the volumes, shares the snapshots
  // with GuardDuty's own account for the scan and deletes them.
  // https://docs.aws.amazon.com/guardduty/latest/ug/slr-permissions-malware-protection.html
  'malware-protection.guardduty.amazonaws.com',
  // Amazon Inspector Classic (AmazonInspectorFullAccess): describes the EC2 instances of an
  // assessment target.
  'inspector.amazonaws.com',
  // Deliver records to a CloudWatch Logs group: create the group and its streams, put log events.
  // https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs-iam-role.html
  'vpc-flow-logs.amazonaws.com',
  // A trail's CloudWatch Logs delivery (AWSCloudTrail_FullAccess): create a stream, put events.
  'cloudtrail.amazonaws.com',
  // RDS Enhanced Monitoring: publishes the OS metrics of the instance to the `RDSOSMetrics` group.
  'monitoring.rds.amazonaws.com',
]);

/**
 * One action of a service's documented work: an action pattern, and when AWS grants it on some
 * resources only (`ec2:CreateTags` on snapshots), the ARN patterns every resource must be under.
 */
type FixedWork = string | { readonly action: string; readonly resources: readonly string[] };

/**
 * What services that alone assume a role use it for, as AWS documents the role's policy: the
 * writes of that work only (a flow log role's `logs:PutLogEvents`), not whatever else its
 * policies grant (the service never calls `ec2:TerminateInstances` with a flow log role, so that
 * grant serves no one but could serve someone later trusted by the role). Another question than
 * `FIXED_WORK_ON_PASS` (what passing a role to the service yields). Reads never reach this list.
 */
const FIXED_WORK_ACTIONS: ReadonlyMap<string, readonly FixedWork[]> = new Map<string, readonly FixedWork[]>([
  // Publish flow records to a CloudWatch Logs group.
  // https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs-iam-role.html
  ['vpc-flow-logs.amazonaws.com', ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents']],
  // Deliver a trail's events to a CloudWatch Logs group.
  // https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-required-policy-for-cloudwatch-logs.html
  ['cloudtrail.amazonaws.com', ['logs:CreateLogStream', 'logs:PutLogEvents']],
  // Data Lifecycle Manager's snapshot policies, as the default role AWSDataLifecycleManagerDefaultRole
  // (AWSDataLifecycleManagerServiceRole) grants them on `*`: snapshot the volumes and instances a
  // lifecycle policy targets, delete them once their retention ends, turn fast snapshot restore
  // on and off and archive them (all on the snapshots it creates); tag snapshots and, for AMI
  // policies (AWSDataLifecycleManagerServiceRoleForAMIManagement), images, on those ARNs only.
  // Not its cross-account copies and sharing (`ec2:CopySnapshot`, `ec2:ModifySnapshotAttribute`):
  // they hand snapshots to where the caller says.
  // https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AWSDataLifecycleManagerServiceRole.html
  [
    'dlm.amazonaws.com',
    [
      'ec2:CreateSnapshot',
      'ec2:CreateSnapshots',
      'ec2:DeleteSnapshot',
      'ec2:EnableFastSnapshotRestores',
      'ec2:DisableFastSnapshotRestores',
      'ec2:ModifySnapshotTier',
      { action: 'ec2:CreateTags', resources: ['arn:*:ec2:*::snapshot/*', 'arn:*:ec2:*::image/*'] },
    ],
  ],
  // RDS Enhanced Monitoring: OS metrics into the `RDSOSMetrics` group, with its retention
  // (the managed policy AmazonRDSEnhancedMonitoringRole).
  [
    'monitoring.rds.amazonaws.com',
    ['logs:CreateLogGroup', 'logs:PutRetentionPolicy', 'logs:CreateLogStream', 'logs:PutLogEvents'],
  ],
]);

/**
 * Whether `action`, as `statement` grants it, is the documented work of the services that alone
 * assume the subject's role (`logs:PutLogEvents` of a VPC flow log role): only they act with the
 * role, and only for that.
 */
export function isFixedWorkOfRole(subject: PolicySubject, statement: Statement, action: string): boolean {
  const services = trustedServicesOnly(subject);
  const work = services.map((s) => FIXED_WORK_ACTIONS.get(s.toLowerCase()));
  return (
    work.length > 0 &&
    work.every((entries) => entries !== undefined) &&
    work.some((entries) => entries?.some((entry) => isWorkOf(entry, statement, action)))
  );
}

function isWorkOf(entry: FixedWork, statement: Statement, action: string): boolean {
  const pattern = typeof entry === 'string' ? entry : entry.action;
  if (!matchWildcard(pattern, action, { ignoreCase: true })) return false;
  if (typeof entry === 'string') return true;
  // `ec2:CreateTags` on `*` tags every instance and volume too: only the ARNs AWS grants it on.
  const set = statement.resource;
  return (
    set !== undefined &&
    !set.negated &&
    set.values.length > 0 &&
    set.values.every((v) => typeof v === 'string' && entry.resources.some((outer) => patternCovers(outer, v)))
  );
}

// Operators that let a request through only when the key has one of the values: each value then
// names the one service the role may go to (a `StringLike` value without a wildcard is literal).
const NAMING_OPERATORS = new Set(['stringequals', 'stringequalsignorecase', 'stringlike']);

/**
 * The services a statement lets `iam:PassRole` pass roles to, when an `iam:PassedToService`
 * condition names them all, every one a service of `FIXED_WORK_ON_PASS`; undefined otherwise
 * (no such condition, a wildcard, a value known only after deploy, a negated or set operator).
 */
export function passesOnlyToFixedWorkServices(statement: Statement): readonly string[] | undefined {
  const clauses = statement.conditions.filter((c) => c.key.toLowerCase() === 'iam:passedtoservice');
  for (const clause of clauses) {
    if (clause.setOperator !== undefined || clause.ifExists) continue;
    if (!NAMING_OPERATORS.has(clause.baseOperator.toLowerCase()) || clause.values.length === 0) continue;
    const services: string[] = [];
    for (const value of clause.values) {
      if (typeof value !== 'string' || /[*?$]/.test(value)) break;
      if (!FIXED_WORK_ON_PASS.has(value.toLowerCase())) break;
      services.push(value);
    }
    if (services.length === clause.values.length) return services;
  }
  return undefined;
}
