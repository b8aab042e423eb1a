/**
 * The services whose actions resource control policies restrict. An RCP has no effect on a request
 * for any other service, whatever its statements name (AWS Organizations User Guide, "List of AWS
 * services that support RCPs":
 * https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps.html#rcp-supported-services).
 * AWS adds services to this list over time: a service missing here makes the evaluator ignore RCPs
 * that AWS applies (more access than real, never less), so keep it in step with that page.
 */
const RCP_SERVICES: ReadonlySet<string> = new Set([
  'aoss',
  'appconfig',
  'appstream',
  'autoscaling',
  'autoscaling-plans',
  'budgets',
  'clouddirectory',
  'cloudfront',
  'cloudsearch',
  'cloudtrail-data',
  'codeartifact',
  'codebuild',
  'codecommit',
  'codepipeline',
  'cognito-identity',
  'cognito-idp',
  'comprehend',
  'comprehendmedical',
  'compute-optimizer',
  'cost-optimization-hub',
  'dax',
  'dsql',
  'dynamodb',
  'ecr',
  'ecr-public',
  'events',
  'firehose',
  'fis',
  'fms',
  'gamelift',
  'health',
  'inspector-scan',
  'kendra',
  'kinesisvideo',
  'kms',
  'logs',
  'memorydb',
  'networkmonitor',
  'notifications',
  'opensearch',
  'pca-connector-ad',
  'personalize',
  'polly',
  'pricing',
  'resource-groups',
  'rolesanywhere',
  's3',
  'secretsmanager',
  'servicediscovery',
  'signin',
  'sqs',
  'sts',
  'support',
  'swf',
  'textract',
  'timestream-influxdb',
  'transcribe',
  'transfer',
  'translate',
  'wafv2',
  'workspaces',
  'xray',
]);

/** True when resource control policies restrict `action` (`service:Name`, any case). */
export function rcpRestrictsAction(action: string): boolean {
  const colon = action.indexOf(':');
  return colon > 0 && RCP_SERVICES.has(action.slice(0, colon).toLowerCase());
}
