/**
 * Actions whose result is a secret: credentials, or data that usually holds secrets.
 *
 * Source of the credential list: Cloudsplaining by Salesforce, `ACTIONS_THAT_RETURN_CREDENTIALS`
 * (BSD-3-Clause), kept in its lowercase form; names the AWS catalog does not know are dropped
 * (`sso:getrolecredentials`: the portal authorizes it with a bearer token, no policy grants it),
 * and so is `cognito-idp:getsigningcertificate`, which returns the user pool's public certificate,
 * and `codeartifact:getauthorizationtoken`, whose bearer token carries the caller's own identity
 * and permissions (IAM User Guide, service bearer tokens) as ECR's login token does: AWS's
 * CodeArtifact consumer examples grant it on `*`; the database logins of Aurora DSQL are added
 * beside `rds-db:connect`.
 * The read list starts from Cloudsplaining's `READ_ONLY_DATA_EXFILTRATION_ACTIONS` and adds the
 * object versions of S3, `kms:Decrypt`, the item reads of DynamoDB and the reads of message,
 * stream, log and search-index contents (SQS, Kinesis, DynamoDB Streams, CloudWatch Logs, MSK,
 * OpenSearch). It is curated, not derived from the catalog: of the catalog's thousands of `Read`
 * actions most return metadata (a bucket's versioning, a queue's attributes), which a reviewer
 * grants on `*` without a second look. An action belongs here when it is a `Read` action that
 * accepts resource-level permissions (so it can be scoped) and returns the records of a data
 * store, media, mail or log contents, or a secret kept in a resource's configuration
 * (a connection password, a function's environment, an app client secret).
 */

/** Actions that return credentials (keys, tokens, passwords). */
export const CREDENTIAL_ACTIONS: readonly string[] = [
  'airflow:createclitoken',
  'airflow:createweblogintoken',
  'appsync:createapikey',
  'chime:createapikey',
  'cloud9:createenvironmenttoken',
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
  // The records of other data stores: archives retrieved from Glacier, Keyspaces, DAX, Timestream,
  // Neptune, QLDB and SimpleDB rows, Athena query results (anyone's query in the workgroup), objects
  // through S3 Object Lambda, EBS snapshot blocks, EFS file systems mounted with IAM
  // authorization, IoT Analytics datasets and HealthLake records.
  'glacier:GetJobOutput',
  'cassandra:Select',
  'dax:GetItem',
  'dax:BatchGetItem',
  'dax:Query',
  'dax:Scan',
  'timestream:Select',
  'neptune-db:ReadDataViaQuery',
  'neptune-graph:ReadDataViaQuery',
  'qldb:PartiQLSelect',
  'sdb:Select',
  'sdb:GetAttributes',
  'athena:GetQueryResults',
  'athena:GetQueryResultsStream',
  's3-object-lambda:GetObject',
  's3-object-lambda:GetObjectVersion',
  'ebs:GetSnapshotBlock',
  'elasticfilesystem:ClientMount',
  'iotanalytics:GetDatasetContent',
  'healthlake:ReadResource',
  // Media, mail and log contents: video streams, raw email messages in transit, database log
  // files, and the values that a log group's data protection policy masks.
  'kinesisvideo:GetMedia',
  'kinesisvideo:GetMediaForFragmentList',
  'kinesisvideo:GetClip',
  'kinesisvideo:GetHLSStreamingSessionURL',
  'kinesisvideo:GetDASHStreamingSessionURL',
  'workmailmessageflow:GetRawMessageContent',
  'rds:DownloadDBLogFilePortion',
  'rds:DownloadCompleteDBLogFile',
  'logs:Unmask',
  // The documents behind retrieval: the passages a knowledge base or search index returns (Bedrock
  // knowledge bases, Kendra indexes, S3 vector indexes with the metadata stored beside each
  // vector), which an assistant's role reads on behalf of its users, and the source code of
  // CodeCommit repositories.
  'bedrock:Retrieve',
  'kendra:Query',
  'kendra:Retrieve',
  's3vectors:GetVectors',
  's3vectors:QueryVectors',
  'codecommit:GitPull',
  'codecommit:GetFile',
  'codecommit:GetBlob',
  // Secrets kept in a resource's configuration: the passwords of Glue connections (unless the
  // caller asks to hide them), the environment variables of a function (and, with `GetFunction`,
  // a link to download its code), of an Amplify app or branch (with its basic-auth credentials)
  // and of a CodeBuild project, every past value of a parameter, a user pool app client's
  // secret, a Location Service API key, the CHAP secrets of Storage Gateway targets, and a
  // certificate's private key.
  'glue:GetConnection',
  'glue:GetConnections',
  'lambda:GetFunction',
  'lambda:GetFunctionConfiguration',
  'amplify:GetApp',
  'amplify:GetBranch',
  'codebuild:BatchGetProjects',
  'ssm:GetParameterHistory',
  'cognito-idp:DescribeUserPoolClient',
  'geo:DescribeKey',
  'storagegateway:DescribeChapCredentials',
  'acm:ExportCertificate',
  // API key values: reported on the API keys only (`DATA_ON_RESOURCES`).
  'apigateway:GET',
];

/** Where an action reads data on some of its resources only, and what it reads there. */
export interface DataOnResources {
  /** What the action reads there, for the message (`the value of every API key`). */
  readonly data: string;
  /** ARN patterns of those resources; a statement reaching every resource of one of them reads it all. */
  readonly resources: readonly string[];
}

/**
 * Reads of `DATA_EXFILTRATION_ACTIONS` whose data is on some of their resources only, by lowercase
 * action. `apigateway:GET` reads the configuration of every API Gateway resource, and with
 * `includeValue(s)` the values of API keys: on the collection `/apikeys` every key at once.
 */
export const DATA_ON_RESOURCES: ReadonlyMap<string, DataOnResources> = new Map([
  [
    'apigateway:get',
    {
      data: 'the value of every API key',
      resources: ['arn:aws:apigateway:*::/apikeys', 'arn:aws:apigateway:*::/apikeys/*'],
    },
  ],
]);

/**
 * Write actions that the catalog lists with a resource type although they are only scoped by
 * condition keys in practice (`cloudwatch:namespace`): on `*` they are the expected idiom.
 */
export const CONDITION_SCOPED_WRITES: readonly string[] = ['cloudwatch:PutMetricData'];

/**
 * Write actions whose request names no resource: they act on the caller's own identity
 * (`iam:ChangePassword` changes the password of the user who signs it), so `*` reaches nothing else.
 */
export const CALLER_ONLY_WRITES: readonly string[] = ['iam:ChangePassword'];

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
