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
import type { ConditionClause, Statement } from '../model/policy';
import type { PolicyValue } from '../model/symbolic';
import { matchWildcard } from '../match/wildcard';

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
 * Whether `statement` may allow or deny a call of a service answering in one Region (IAM's,
 * Organizations'; not `iam:PassRole`): the statements whose reading follows the partition.
 */
export function namesOneRegionCall(statement: Statement): boolean {
  const action = statement.action;
  if (action === undefined) return false;
  if (action.negated) return true;
  return action.values.some((value) => {
    if (NOT_CALLS.has(value.toLowerCase())) return false;
    const colon = value.indexOf(':');
    const service = colon < 0 ? value : value.slice(0, colon);
    return Object.keys(FIXED_REGIONS).some((s) => matchWildcard(service, s, { ignoreCase: true }));
  });
}

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
 * The partition a principal's policies are read in for the Region of IAM's calls (`undefined`:
 * each partition's, certain only where all agree) and whether it was assumed: the one the ARNs
 * name (`arn:aws-cn:...`; every partition when they name two); else the one the Regions where the
 * statements let the principal act lie in (a Region an Allow requires, or one a Deny leaves out:
 * `StringLike` `cn-*` on an Allow, a Deny outside `cn-north-1`, name `aws-cn`; every partition when
 * they lie in two); else the one of the Region the deployment creates the principal in, when the
 * adapter knows it (`deployedIn`: a Terraform provider's `region`, a stack's environment; then
 * `region` says it); else `aws`, where most accounts are, assumed. A Region an Allow leaves out, or
 * a Deny names, says where the principal does not act, not where it does.
 */
export function partitionReading(
  arns: Iterable<PolicyValue | undefined>,
  statements: readonly Statement[],
  deployedIn?: string,
): { readonly partition: Partition | undefined; readonly assumed: boolean; readonly region?: string } {
  const named = partitionsOf(arns);
  if (named.size > 0) return { partition: named.size === 1 ? [...named][0] : undefined, assumed: false };
  const regions = new Set(
    statements.flatMap((s) =>
      s.conditions
        .filter((c) => isRegionClause(c) && c.baseOperator.includes('Not') === (s.effect === 'Deny'))
        .flatMap((c) => c.values.flatMap((v) => regionPartition(v) ?? [])),
    ),
  );
  if (regions.size > 0) return { partition: regions.size === 1 ? [...regions][0] : undefined, assumed: false };
  // A Region's name (`cn-north-1`), not a pattern nor other text: one a deployment is made in.
  const deployed =
    deployedIn !== undefined && /^[a-z]{2}(?:-[a-z]+)+-\d+$/.test(deployedIn) ? regionPartition(deployedIn) : undefined;
  if (deployed !== undefined) return { partition: deployed, assumed: false, region: deployedIn };
  return { partition: 'aws', assumed: true };
}

/** The known partitions the ARNs among `values` are written in (none for `*`, `arn:${AWS::Partition}:...`). */
function partitionsOf(values: Iterable<PolicyValue | undefined>): Set<Partition> {
  const found = new Set<Partition>();
  for (const value of values) {
    if (value === undefined) continue;
    const head = typeof value === 'string' ? value : value.parts[0];
    if (typeof head !== 'string') continue;
    const match = /^arn:([^:]*):/.exec(head);
    const partition = PARTITIONS.find((p) => p === match?.[1]);
    if (partition !== undefined) found.add(partition);
  }
  return found;
}

// The Region prefixes of the partitions other than `aws` (and of those whose IAM Region is not known).
const REGION_PREFIXES: readonly (readonly [string, Partition | undefined])[] = [
  ['cn-', 'aws-cn'],
  ['us-gov-', 'aws-us-gov'],
  ['us-iso', undefined],
  ['eu-isoe-', undefined],
  ['eusc-', undefined],
];

/**
 * The partition every Region a value of `aws:RequestedRegion` matches lies in, read from its text
 * before the first wildcard (`cn-*` lies in `aws-cn`, `eu-*` in `aws`; `us-*` or `*` in no one
 * partition); undefined when it is not one, or is read from the request or given at deploy.
 */
function regionPartition(value: PolicyValue): Partition | undefined {
  if (typeof value !== 'string' || value.includes('${')) return undefined;
  const wildcard = value.search(/[*?]/);
  const literal = (wildcard < 0 ? value : value.slice(0, wildcard)).toLowerCase();
  for (const [prefix, partition] of REGION_PREFIXES) {
    if (literal.startsWith(prefix)) return partition;
    // The text stops inside the prefix (`us-*`, `c*`): Regions of that partition match too.
    if (wildcard >= 0 && prefix.startsWith(literal)) return undefined;
  }
  return literal === '' ? undefined : 'aws';
}

// The Region prefixes of each partition but `aws` (`us-iso-` after the longer `us-isob-`, `us-isof-`).
const PARTITION_REGION_PREFIXES: readonly (readonly [string, string])[] = [
  ['cn-', 'aws-cn'],
  ['us-gov-', 'aws-us-gov'],
  ['us-isob-', 'aws-iso-b'],
  ['us-isof-', 'aws-iso-f'],
  ['us-iso-', 'aws-iso'],
  ['eu-isoe-', 'aws-iso-e'],
  ['eusc-', 'aws-eusc'],
];
const AWS_REGION_NAME = /^[a-z]{2}-[a-z]+-\d+$/;

/** The names of the AWS partitions (`aws`, `aws-cn`, `aws-us-gov`, the ISO ones), as ARNs spell them. */
export const PARTITION_NAMES: readonly string[] = [
  'aws',
  ...PARTITION_REGION_PREFIXES.map(([, partition]) => partition),
];

/**
 * The partition of a Region by its name, as AWS names them (`cn-north-1`: `aws-cn`,
 * `us-iso-east-1`: `aws-iso`); undefined for text that is no Region name.
 */
export function partitionOfRegion(region: string): string | undefined {
  for (const [prefix, partition] of PARTITION_REGION_PREFIXES) if (region.startsWith(prefix)) return partition;
  return AWS_REGION_NAME.test(region) ? 'aws' : undefined;
}
