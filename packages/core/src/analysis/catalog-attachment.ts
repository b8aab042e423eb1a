/**
 * The AWS managed policy a principal attaches by its ARN alone, read from the catalog: one source
 * for the engine, the permission views, the change comparison and the rules that add up a
 * principal's policies, named and located alike wherever it is read.
 */
import type { AttachedPolicy, PolicySource, SourceLocation } from './input';

/**
 * The policy source of an attachment that names an AWS managed policy by ARN without its document
 * (directly or through a group): the catalog's document (`undefined` when the catalog lacks it),
 * named as AWS names the policy (`SystemAdministrator`), located where the attachment is written or
 * else at `fallback` (the principal). Undefined for any other attachment (one holding its policy,
 * an ARN known only after deploy).
 */
export function catalogPolicySource(
  attachment: AttachedPolicy,
  awsManaged: ((arn: string) => unknown) | undefined,
  fallback: SourceLocation,
): PolicySource | undefined {
  const arn = attachment.arn;
  if (attachment.policy !== undefined || typeof arn !== 'string') return undefined;
  if (attachment.kind !== 'aws-managed' && attachment.kind !== 'group') return undefined;
  return {
    id: arn,
    name: managedPolicyName(arn),
    document: awsManaged?.(arn),
    location: attachment.location ?? fallback,
  };
}

/** The name of a managed policy in its ARN (`arn:aws:iam::aws:policy/job-function/SystemAdministrator`). */
export function managedPolicyName(arn: string): string {
  return arn.slice(arn.lastIndexOf('/') + 1);
}
