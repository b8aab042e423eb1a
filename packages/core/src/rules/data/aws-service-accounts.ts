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

/**
 * The accounts whose logs a statement granting only log writes may deliver: the literal account of
 * `/AWSLogs/<account-id>/` in each of its resources, when every resource holds one (undefined
 * otherwise; the stack's own account, known only after deploy, is no literal account).
 */
export function logPathAccounts(resources: readonly unknown[]): readonly string[] | undefined {
  const accounts: string[] = [];
  for (const value of resources) {
    const account = typeof value === 'string' ? /\/AWSLogs\/(\d{12})\//.exec(value)?.[1] : undefined;
    if (account === undefined) return undefined;
    if (!accounts.includes(account)) accounts.push(account);
  }
  return accounts.length > 0 ? accounts : undefined;
}
