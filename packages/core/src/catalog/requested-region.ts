/**
 * The Region a request is sent to (`aws:RequestedRegion`) when the caller has no choice of it.
 * IAM and AWS Organizations have one endpoint per partition: IAM in `us-east-1`, `cn-north-1` and
 * `us-gov-west-1`, Organizations in `us-east-1`, `cn-northwest-1` and `us-gov-west-1` (their user
 * guides say so). Every request for them carries that Region, so a Deny "unless the Region is
 * eu-west-1" denies every IAM call. `iam:PassRole` is no call to IAM: AWS checks it inside the
 * request of the service the role is passed to (Lambda, EC2...), whose Region the caller picks.
 * `iam:CreateServiceLinkedRole` is a call to IAM even when a service makes it for the caller (ECS
 * creating its role on the first cluster): the service sends IAM the request with the caller's
 * identity and permissions (AWS's forward access sessions), and IAM answers it in its one Region,
 * which is why AWS's Region-deny examples leave `iam:*` out. STS has regional endpoints beside its
 * global one, and other services answer in every Region they run in: the caller picks, and the
 * Region is not known.
 */
import type { ConditionClause } from '../model/policy';
import type { PolicyValue } from '../model/symbolic';

/** The partitions whose IAM Region is known. */
export type Partition = 'aws' | 'aws-cn' | 'aws-us-gov';

const PARTITIONS: readonly Partition[] = ['aws', 'aws-cn', 'aws-us-gov'];

/** The Region every IAM request of each partition is sent to. */
const IAM_REGIONS: Readonly<Record<Partition, string>> = {
  aws: 'us-east-1',
  'aws-cn': 'cn-north-1',
  'aws-us-gov': 'us-gov-west-1',
};

// Services whose every request names one Region of its partition.
const FIXED_REGIONS: Readonly<Record<string, Readonly<Record<Partition, string>>>> = {
  iam: IAM_REGIONS,
  organizations: { aws: IAM_REGIONS.aws, 'aws-cn': 'cn-northwest-1', 'aws-us-gov': IAM_REGIONS['aws-us-gov'] },
};

// Actions of those services that are no request to them: checked inside another service's request.
const NOT_CALLS: ReadonlySet<string> = new Set(['iam:passrole']);

/** Whether a condition clause tests the Region the request is sent to. */
export const isRegionClause = (clause: ConditionClause): boolean => clause.key.toLowerCase() === 'aws:requestedregion';

/**
 * The Regions a request for `action` may be sent to when the caller has no choice of it: the one of
 * `partition`, or one per partition when the partition is not known; undefined when the caller
 * chooses the Region (a regional service, STS, `iam:PassRole`).
 */
export function fixedRequestedRegions(action: string, partition: Partition | undefined): readonly string[] | undefined {
  const colon = action.indexOf(':');
  if (colon <= 0) return undefined;
  const service = action.slice(0, colon).toLowerCase();
  // A pattern over services (`*`, `i*:...`) or actions is no one service's API.
  if (/[*?]/.test(action) || NOT_CALLS.has(action.toLowerCase()) || !Object.hasOwn(FIXED_REGIONS, service))
    return undefined;
  const regions = FIXED_REGIONS[service] as Readonly<Record<Partition, string>>;
  return partition === undefined ? [...new Set(PARTITIONS.map((p) => regions[p]))] : [regions[partition]];
}

/** The Regions of IAM's own calls in `partition`, or in every partition when it is not known. */
export function iamRegions(partition: Partition | undefined): readonly string[] {
  return partition === undefined ? [...new Set(PARTITIONS.map((p) => IAM_REGIONS[p]))] : [IAM_REGIONS[partition]];
}

/**
 * The partition the ARNs among `values` are written in, when they all name the same known one
 * (`arn:aws-cn:...`); undefined when none names it (`*`, `arn:${AWS::Partition}:...`) or two differ.
 */
export function partitionOf(values: Iterable<PolicyValue | undefined>): Partition | undefined {
  let found: Partition | undefined;
  for (const value of values) {
    if (value === undefined) continue;
    const head = typeof value === 'string' ? value : value.parts[0];
    if (typeof head !== 'string') continue;
    const match = /^arn:([^:]*):/.exec(head);
    const partition = PARTITIONS.find((p) => p === match?.[1]);
    if (partition === undefined) continue;
    if (found !== undefined && found !== partition) return undefined;
    found = partition;
  }
  return found;
}
