/**
 * Roles only AWS services assume: who acts with such a role is the service, not a user, so what
 * it may do is no path for a user to more permissions than they hold.
 */
import { parsePolicy } from '../../model/parse';
import type { PolicySubject } from '../rule';
import { isAwsManaged } from '../validity/common';

/**
 * Services that use a role for their own work and run no code of the customer with it (unlike
 * Lambda, EC2, ECS tasks, CodeBuild, Glue or Step Functions, whose role is the customer's code's).
 */
const NO_CUSTOMER_CODE: ReadonlySet<string> = new Set([
  'backup.amazonaws.com',
  'cloudtrail.amazonaws.com',
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

const trusted = new WeakMap<object, readonly string[]>();

/** The service principals the subject's role trusts, when its trust admits services alone (else empty). */
export function trustedServicesOnly(subject: PolicySubject): readonly string[] {
  const principal = subject.principal;
  const document = principal?.trustPolicy?.document;
  if (principal === undefined || principal.kind !== 'role' || document === undefined) return [];
  let services = trusted.get(principal);
  if (services === undefined) {
    const parsed = parsePolicy(document, { type: 'trust' });
    const entries = parsed.ok
      ? parsed.value.statements.flatMap((s) => (s.effect === 'Allow' ? (s.principal?.entries ?? []) : []))
      : [];
    services = entries.every((e) => e.type === 'Service' && typeof e.value === 'string')
      ? entries.map((e) => e.value as string)
      : [];
    trusted.set(principal, services);
  }
  return services;
}

/**
 * An AWS managed policy of a role only services that run no customer code assume (AWS Backup's
 * `AWSBackupServiceRolePolicyForBackup`, EKS Auto Mode's `AmazonEKSComputePolicy` on the cluster
 * role): the `iam:PassRole` and the like AWS wrote into it are the service's to use, not a user's.
 */
export function isServiceOwnedGrant(subject: PolicySubject): boolean {
  if (!isAwsManaged(subject)) return false;
  const services = trustedServicesOnly(subject);
  return services.length > 0 && services.every((s) => NO_CUSTOMER_CODE.has(s));
}
