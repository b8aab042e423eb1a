import { isSymbolic } from '../../model/symbolic';
import type { PolicyValue } from '../../model/symbolic';
import { isOwnAccountHole } from '../trust/condition-accounts';

/**
 * Accounts AWS owns and documents for granting a service access in a resource policy, by what
 * they may be granted. Elastic Load Balancing writes access logs to S3 from one account per Region
 * (Regions opened before August 2022; later ones use the `logdelivery.elasticloadbalancing.amazonaws.com`
 * service principal), granted `s3:PutObject` on the log prefix by the bucket policy.
 */
export const ELB_LOG_DELIVERY_ACCOUNTS: ReadonlyMap<string, string> = new Map([
  ['127311923021', 'us-east-1'],
  ['033677994240', 'us-east-2'],
  ['027434742980', 'us-west-1'],
  ['797873946194', 'us-west-2'],
  ['098369216593', 'af-south-1'],
  ['754344448648', 'ap-east-1'],
  ['718504428378', 'ap-south-1'],
  ['383597477331', 'ap-northeast-3'],
  ['600734575887', 'ap-northeast-2'],
  ['114774131450', 'ap-southeast-1'],
  ['783225319266', 'ap-southeast-2'],
  ['582318560864', 'ap-northeast-1'],
  ['985666609251', 'ca-central-1'],
  ['054676820928', 'eu-central-1'],
  ['156460612806', 'eu-west-1'],
  ['652711504416', 'eu-west-2'],
  ['635631232127', 'eu-south-1'],
  ['009996457667', 'eu-west-3'],
  ['897822967062', 'eu-north-1'],
  ['076674570225', 'me-south-1'],
  ['507241528517', 'sa-east-1'],
  ['048591011584', 'us-gov-west-1'],
  ['190560391635', 'us-gov-east-1'],
  ['638102146993', 'cn-north-1'],
  ['037604701340', 'cn-northwest-1'],
]);

/**
 * The Elastic Load Balancing account a principal names, as the guide writes it (the account id or
 * its `:root`): undefined for any other account or principal (a role is none of AWS's grants).
 */
export function elbAccountOf(principal: string): string | undefined {
  const account = /^(?:arn:[^:]+:iam::)?(\d{12})(?::root)?$/.exec(principal)?.[1];
  return account !== undefined && ELB_LOG_DELIVERY_ACCOUNTS.has(account) ? account : undefined;
}

/**
 * The Elastic Load Balancing account of a Region, as Terraform's `aws_elb_service_account` reads it:
 * undefined for a Region that has none (opened after August 2022, a service principal instead).
 */
export function elbAccountOfRegion(region: string): string | undefined {
  for (const [account, of] of ELB_LOG_DELIVERY_ACCOUNTS) if (of === region) return account;
  return undefined;
}

/** What the Elastic Load Balancing accounts are granted: writing log objects. */
export const ELB_LOG_DELIVERY_ACTIONS: ReadonlySet<string> = new Set(['s3:putobject']);

/**
 * Log delivery services that write each account's logs under `<prefix>/AWSLogs/<account-id>/` and
 * refuse a prefix holding `AWSLogs` (Elastic Load Balancing: "the prefix must not include
 * AWSLogs"; VPC flow logs and the other vended logs: "AWSLogs" is a reserved folder name): a write
 * confined to `AWSLogs/<one account>/` is a write of that account's logs only.
 */
export const ACCOUNT_PATH_SERVICES: ReadonlySet<string> = new Set([
  'delivery.logs.amazonaws.com',
  'logdelivery.elasticloadbalancing.amazonaws.com',
]);

/** What a log delivery is granted on its `AWSLogs/<account-id>/` path. */
export const LOG_WRITE_ACTIONS: ReadonlySet<string> = new Set(['s3:putobject', 's3:putobjectacl']);

/**
 * What {@link logPathAccount} gives for the account of the policy itself, known only after deploy
 * (`AWSLogs/${AWS::AccountId}/`, or the account of Terraform's AWS provider).
 */
const STACK_ACCOUNT = '${AWS::AccountId}';

/**
 * The account of the `/AWSLogs/<account-id>/` a resource confines a write to, read in its literal
 * parts so that a bucket known only after deploy (`${Logs.Arn}/AWSLogs/111122223333/*`, the
 * `Fn::Join` of the CDK) counts: twelve digits, {@link STACK_ACCOUNT}, or undefined when it names
 * none (`AWSLogs/*`, an organization, another value known only after deploy).
 */
export function logPathAccount(value: PolicyValue): string | undefined {
  const parts = isSymbolic(value) ? value.parts : [value];
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    if (typeof part !== 'string') continue;
    let at = part.indexOf('/AWSLogs/');
    while (at >= 0) {
      const rest = part.slice(at + '/AWSLogs/'.length);
      const account = /^(\d{12})\//.exec(rest)?.[1];
      if (account !== undefined) return account;
      const next = parts[i + 1];
      const after = parts[i + 2];
      if (
        rest === '' &&
        next !== undefined &&
        isOwnAccountHole(next) &&
        typeof after === 'string' &&
        after.startsWith('/')
      )
        return STACK_ACCOUNT;
      at = part.indexOf('/AWSLogs/', at + 1);
    }
  }
  return undefined;
}

/**
 * The accounts whose logs a statement granting only log writes may deliver: the literal account of
 * `/AWSLogs/<account-id>/` in each of its resources, when every resource holds one (undefined
 * otherwise); the stack's own account, known only after deploy, confines the write but is no
 * literal account to judge.
 */
export function logPathAccounts(resources: readonly PolicyValue[]): readonly string[] | undefined {
  const accounts: string[] = [];
  for (const value of resources) {
    const account = logPathAccount(value);
    if (account === undefined) return undefined;
    if (account !== STACK_ACCOUNT && !accounts.includes(account)) accounts.push(account);
  }
  return accounts;
}

/**
 * The resources a service principal acts for when it calls on a resource policy, and the
 * `aws:SourceArn` pattern naming those of one account and Region (`{partition}`, `{region}` and
 * `{account}` to fill): the EventBridge rule that targets a log group, topic or queue, the log
 * delivery writing a log group (the policy the EventBridge console writes for a log group target
 * grants both and binds neither), the trail, topic or alarm that writes or publishes, the
 * distribution that reads an origin through origin access control.
 */
export const SOURCE_ARN_PATTERNS: ReadonlyMap<string, { readonly source: string; readonly pattern: string }> = new Map([
  [
    'events.amazonaws.com',
    { source: 'the EventBridge rule', pattern: 'arn:{partition}:events:{region}:{account}:rule/*' },
  ],
  ['delivery.logs.amazonaws.com', { source: 'the log delivery', pattern: 'arn:{partition}:logs:{region}:{account}:*' }],
  [
    'cloudtrail.amazonaws.com',
    // A trail or a CloudTrail Lake event data store or channel: not `trail/*` alone.
    { source: 'the trail or event data store', pattern: 'arn:{partition}:cloudtrail:{region}:{account}:*' },
  ],
  ['sns.amazonaws.com', { source: 'the topic', pattern: 'arn:{partition}:sns:{region}:{account}:*' }],
  [
    'cloudwatch.amazonaws.com',
    { source: 'the alarm', pattern: 'arn:{partition}:cloudwatch:{region}:{account}:alarm:*' },
  ],
  // Global: a distribution's ARN names no Region. Any account's distribution with origin access
  // control can read a bucket (or call a function URL) granted to the service without a source.
  [
    'cloudfront.amazonaws.com',
    { source: 'the distribution', pattern: 'arn:{partition}:cloudfront::{account}:distribution/*' },
  ],
]);
