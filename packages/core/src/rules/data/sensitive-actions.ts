/**
 * Actions whose result is a secret: credentials, or data that usually holds secrets.
 *
 * Source of the credential list: Cloudsplaining by Salesforce, `ACTIONS_THAT_RETURN_CREDENTIALS`
 * (BSD-3-Clause), kept in its lowercase form; names the AWS catalog does not know are dropped
 * (`sso:getrolecredentials`: the portal authorizes it with a bearer token, no policy grants it),
 * and so is `cognito-idp:getsigningcertificate`, which returns the user pool's public certificate;
 * the database logins of Aurora DSQL are added beside `rds-db:connect`.
 * The read list starts from Cloudsplaining's `READ_ONLY_DATA_EXFILTRATION_ACTIONS` and adds the
 * object versions of S3, `kms:Decrypt`, the item reads of DynamoDB and the reads of message,
 * stream, log and search-index contents (SQS, Kinesis, DynamoDB Streams, CloudWatch Logs, MSK,
 * OpenSearch).
 */

/** Actions that return credentials (keys, tokens, passwords). */
export const CREDENTIAL_ACTIONS: readonly string[] = [
  'airflow:createclitoken',
  'airflow:createweblogintoken',
  'appsync:createapikey',
  'chime:createapikey',
  'cloud9:createenvironmenttoken',
  'codeartifact:getauthorizationtoken',
  'codepipeline:pollforjobs',
  'cognito-identity:getopenidtoken',
  'cognito-identity:getopenidtokenfordeveloperidentity',
  'cognito-identity:getcredentialsforidentity',
  'connect:getfederationtoken',
  // Aurora DSQL logins: an IAM authentication token, as `rds-db:connect` gives, as the admin role or another.
  'dsql:dbconnect',
  'dsql:dbconnectadmin',
  'ec2:getpassworddata',
  'ecr:getauthorizationtoken',
  'ecr-public:getauthorizationtoken',
  'emr-containers:getmanagedendpointsessioncredentials',
  'finspace-api:getprogrammaticaccesscredentials',
  'gamelift:requestuploadcredentials',
  'gamelift:getinstanceaccess',
  'grafana:createworkspaceapikey',
  'iam:createaccesskey',
  'iam:createloginprofile',
  'iam:createservicespecificcredential',
  'iam:resetservicespecificcredential',
  'iam:updateaccesskey',
  'license-manager:getaccesstoken',
  'lightsail:getinstanceaccessdetails',
  'lightsail:downloaddefaultkeypair',
  'lightsail:createbucketaccesskey',
  'lightsail:getrelationaldatabasemasteruserpassword',
  'mediapackage:rotatechannelcredentials',
  'mediapackage:rotateingestendpointcredentials',
  'rds-db:connect',
  'redshift:getclustercredentials',
  'redshift:getclustercredentialswithiam',
  'redshift-serverless:getcredentials',
  'sts:assumerole',
  'sts:assumerolewithsaml',
  'sts:assumerolewithwebidentity',
  'sts:getfederationtoken',
  'sts:getsessiontoken',
];

/** Read actions that can carry data out of the account; `tuning.dataExfiltrationActions` replaces it. */
export const DATA_EXFILTRATION_ACTIONS: readonly string[] = [
  's3:GetObject',
  's3:GetObjectVersion',
  'secretsmanager:GetSecretValue',
  'ssm:GetParameter',
  'ssm:GetParameters',
  'ssm:GetParametersByPath',
  'kms:Decrypt',
  // Every item of every table (checkov's CKV_AWS_355 fails these on `*` too).
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
  'dynamodb:Scan',
  'dynamodb:PartiQLSelect',
  // The contents of messages, streams and logs, not their metadata: a shard iterator or a
  // scheduled Logs Insights query returns no record, the records and query results do.
  'sqs:ReceiveMessage',
  'kinesis:GetRecords',
  'kinesis:SubscribeToShard',
  'dynamodb:GetRecords',
  'logs:GetLogEvents',
  'logs:FilterLogEvents',
  'logs:GetLogRecord',
  'logs:GetQueryResults',
  'logs:StartLiveTail',
  'kafka-cluster:ReadData',
  'es:ESHttpGet',
];

/**
 * Write actions that the catalog lists with a resource type although they are only scoped by
 * condition keys in practice (`cloudwatch:namespace`): on `*` they are the expected idiom.
 */
export const CONDITION_SCOPED_WRITES: readonly string[] = ['cloudwatch:PutMetricData'];

/**
 * Actions creating a resource whose name the caller picks, by the resource-type word of the ARN
 * pattern that is their documented grant: every resource of that type (not `*`) is the idiom
 * (`iam:CreateVirtualMFADevice` on `arn:aws:iam::*:mfa/*`, AWS's self-managed MFA example), and so
 * is every resource of the service in one account (`logs:CreateLogGroup` on
 * `arn:aws:logs:REGION:ACCOUNT:*`, the execution role the Lambda console creates).
 */
export const CALLER_NAMED_CREATES: ReadonlyMap<string, string> = new Map([
  ['iam:createvirtualmfadevice', 'mfa'],
  ['logs:createloggroup', 'log-group'],
]);
