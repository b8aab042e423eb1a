/**
 * The SAM policy templates (`S3ReadPolicy: {BucketName: !Ref Data}`), every one of SAM's published
 * list (`samtranslator/policy_templates_data/policy_templates.json`), as the statements the
 * transform writes for them: actions, resource patterns and conditions, the parameters substituted
 * by `Fn::Sub` so that an intrinsic argument resolves like any other. A `*` argument
 * (`BucketName: '*'`) is then a grant on every bucket, which the rules see. A name SAM does not
 * know (its transform rejects it) is reported as not checked, never skipped; a template without
 * one of its parameters (`DynamoDBCrudPolicy: {}`), which the transform rejects too, is an input
 * error (serverless.ts).
 * `VPCAccessPolicy` (the network interfaces of a function in a VPC, on `*`) is read as the AWS
 * managed policy with the same grants, `AWSLambdaVPCAccessExecutionRole` (serverless.ts).
 */

/** One statement of a template: its actions, and resource patterns over `${Parameter}` names. */
interface TemplateStatement {
  readonly actions: readonly string[];
  readonly resources: readonly string[];
  /** `StringEquals` condition values, patterns over `${Parameter}` names like the resources. */
  readonly stringEquals?: Readonly<Record<string, string>>;
}

const ARN = 'arn:${AWS::Partition}';
const HERE = '${AWS::Region}:${AWS::AccountId}';
const bucket = [`${ARN}:s3:::\${BucketName}`, `${ARN}:s3:::\${BucketName}/*`];
const table = [`${ARN}:dynamodb:${HERE}:table/\${TableName}`, `${ARN}:dynamodb:${HERE}:table/\${TableName}/index/*`];
const queue = [`${ARN}:sqs:${HERE}:\${QueueName}`];
const stream = [`${ARN}:kinesis:${HERE}:stream/\${StreamName}`];
const identity = `${ARN}:ses:${HERE}:identity/\${IdentityName}`;
const collection = `${ARN}:rekognition:${HERE}:collection/\${CollectionId}`;
const cluster = [`${ARN}:elasticmapreduce:${HERE}:cluster/\${ClusterId}`];
const stateMachine = [`${ARN}:states:${HERE}:stateMachine:\${StateMachineName}`];
const repository = [`${ARN}:codecommit:${HERE}:\${RepositoryName}`];
const ssmDescribe: TemplateStatement = { actions: ['ssm:DescribeParameters'], resources: ['*'] };
const ssmGet = ['ssm:GetParameters', 'ssm:GetParameter', 'ssm:GetParametersByPath'];
const s3Read = [
  's3:GetObject',
  's3:ListBucket',
  's3:GetBucketLocation',
  's3:GetObjectVersion',
  's3:GetLifecycleConfiguration',
];

const TEMPLATES: ReadonlyMap<string, readonly TemplateStatement[]> = new Map<string, readonly TemplateStatement[]>([
  ['S3ReadPolicy', [{ actions: s3Read, resources: bucket }]],
  [
    'S3WritePolicy',
    [{ actions: ['s3:PutObject', 's3:PutObjectAcl', 's3:PutLifecycleConfiguration'], resources: bucket }],
  ],
  [
    'S3CrudPolicy',
    [
      {
        actions: [...s3Read, 's3:PutObject', 's3:PutObjectAcl', 's3:PutLifecycleConfiguration', 's3:DeleteObject'],
        resources: bucket,
      },
    ],
  ],
  [
    'S3FullAccessPolicy',
    [
      {
        actions: [
          's3:GetObject',
          's3:GetObjectAcl',
          's3:GetObjectVersion',
          's3:PutObject',
          's3:PutObjectAcl',
          's3:DeleteObject',
          's3:DeleteObjectTagging',
          's3:DeleteObjectVersionTagging',
          's3:GetObjectTagging',
          's3:GetObjectVersionTagging',
          's3:PutObjectTagging',
          's3:PutObjectVersionTagging',
        ],
        resources: [`${ARN}:s3:::\${BucketName}/*`],
      },
      {
        actions: [
          's3:ListBucket',
          's3:GetBucketLocation',
          's3:GetLifecycleConfiguration',
          's3:PutLifecycleConfiguration',
        ],
        resources: [`${ARN}:s3:::\${BucketName}`],
      },
    ],
  ],
  [
    'DynamoDBReadPolicy',
    [
      {
        actions: [
          'dynamodb:GetItem',
          'dynamodb:Scan',
          'dynamodb:Query',
          'dynamodb:BatchGetItem',
          'dynamodb:DescribeTable',
        ],
        resources: table,
      },
    ],
  ],
  [
    'DynamoDBWritePolicy',
    [{ actions: ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:BatchWriteItem'], resources: table }],
  ],
  [
    'DynamoDBCrudPolicy',
    [
      {
        actions: [
          'dynamodb:GetItem',
          'dynamodb:DeleteItem',
          'dynamodb:PutItem',
          'dynamodb:Scan',
          'dynamodb:Query',
          'dynamodb:UpdateItem',
          'dynamodb:BatchWriteItem',
          'dynamodb:BatchGetItem',
          'dynamodb:DescribeTable',
          'dynamodb:ConditionCheckItem',
        ],
        resources: table,
      },
    ],
  ],
  [
    'DynamoDBReconfigurePolicy',
    [{ actions: ['dynamodb:UpdateTable'], resources: [`${ARN}:dynamodb:${HERE}:table/\${TableName}`] }],
  ],
  ['SQSSendMessagePolicy', [{ actions: ['sqs:SendMessage*'], resources: queue }]],
  [
    'SQSPollerPolicy',
    [
      {
        actions: [
          // SAM also lists `sqs:ChangeMessageVisibilityBatch` and `sqs:DeleteMessageBatch`: IAM has
          // no such actions (the batch calls are authorized by the single ones), so they grant
          // nothing, and a finding about them would be about text the author never wrote.
          'sqs:ChangeMessageVisibility',
          'sqs:DeleteMessage',
          'sqs:GetQueueAttributes',
          'sqs:ReceiveMessage',
        ],
        resources: queue,
      },
    ],
  ],
  ['SNSPublishMessagePolicy', [{ actions: ['sns:Publish'], resources: [`${ARN}:sns:${HERE}:\${TopicName}`] }]],
  [
    'LambdaInvokePolicy',
    [{ actions: ['lambda:InvokeFunction'], resources: [`${ARN}:lambda:${HERE}:function:\${FunctionName}*`] }],
  ],
  ['KMSDecryptPolicy', [{ actions: ['kms:Decrypt'], resources: [`${ARN}:kms:${HERE}:key/\${KeyId}`] }]],
  ['KMSEncryptPolicy', [{ actions: ['kms:Encrypt'], resources: [`${ARN}:kms:${HERE}:key/\${KeyId}`] }]],
  [
    'SSMParameterReadPolicy',
    [ssmDescribe, { actions: ssmGet, resources: [`${ARN}:ssm:${HERE}:parameter/\${ParameterName}`] }],
  ],
  [
    'AWSSecretsManagerGetSecretValuePolicy',
    [{ actions: ['secretsmanager:GetSecretValue'], resources: ['${SecretArn}'] }],
  ],
  ['StepFunctionsExecutionPolicy', [{ actions: ['states:StartExecution'], resources: stateMachine }]],
  [
    'EventBridgePutEventsPolicy',
    [{ actions: ['events:PutEvents'], resources: [`${ARN}:events:${HERE}:event-bus/\${EventBusName}`] }],
  ],
  [
    'KinesisStreamReadPolicy',
    [
      { actions: ['kinesis:ListStreams', 'kinesis:DescribeLimits'], resources: [`${ARN}:kinesis:${HERE}:stream/*`] },
      {
        actions: [
          'kinesis:DescribeStream',
          'kinesis:DescribeStreamSummary',
          'kinesis:GetRecords',
          'kinesis:GetShardIterator',
        ],
        resources: stream,
      },
    ],
  ],
  [
    'KinesisCrudPolicy',
    [
      {
        actions: [
          'kinesis:AddTagsToStream',
          'kinesis:CreateStream',
          'kinesis:DecreaseStreamRetentionPeriod',
          'kinesis:DeleteStream',
          'kinesis:DescribeStream',
          'kinesis:DescribeStreamSummary',
          'kinesis:GetShardIterator',
          'kinesis:IncreaseStreamRetentionPeriod',
          'kinesis:ListTagsForStream',
          'kinesis:MergeShards',
          'kinesis:PutRecord',
          'kinesis:PutRecords',
          'kinesis:SplitShard',
          'kinesis:RemoveTagsFromStream',
        ],
        resources: stream,
      },
    ],
  ],
  ['CloudWatchPutMetricPolicy', [{ actions: ['cloudwatch:PutMetricData'], resources: ['*'] }]],
  ['EC2DescribePolicy', [{ actions: ['ec2:DescribeRegions', 'ec2:DescribeInstances'], resources: ['*'] }]],
  // SAM wrote `image/*` until ec2:DescribeImages was found to take only `*`; it writes `*` now.
  ['AMIDescribePolicy', [{ actions: ['ec2:DescribeImages'], resources: ['*'] }]],
  [
    'CloudFormationDescribeStacksPolicy',
    [{ actions: ['cloudformation:DescribeStacks'], resources: [`${ARN}:cloudformation:${HERE}:stack/*`] }],
  ],
  [
    'DynamoDBStreamReadPolicy',
    [
      {
        actions: ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator'],
        resources: [`${ARN}:dynamodb:${HERE}:table/\${TableName}/stream/\${StreamName}`],
      },
      { actions: ['dynamodb:ListStreams'], resources: [`${ARN}:dynamodb:${HERE}:table/\${TableName}/stream/*`] },
    ],
  ],
  [
    'DynamoDBBackupFullAccessPolicy',
    [
      {
        actions: ['dynamodb:CreateBackup', 'dynamodb:DescribeContinuousBackups'],
        resources: [`${ARN}:dynamodb:${HERE}:table/\${TableName}`],
      },
      {
        actions: ['dynamodb:DeleteBackup', 'dynamodb:DescribeBackup', 'dynamodb:ListBackups'],
        resources: [`${ARN}:dynamodb:${HERE}:table/\${TableName}/backup/*`],
      },
    ],
  ],
  [
    'DynamoDBRestoreFromBackupPolicy',
    [
      {
        actions: ['dynamodb:RestoreTableFromBackup'],
        resources: [`${ARN}:dynamodb:${HERE}:table/\${TableName}/backup/*`],
      },
      {
        actions: [
          'dynamodb:PutItem',
          'dynamodb:UpdateItem',
          'dynamodb:DeleteItem',
          'dynamodb:GetItem',
          'dynamodb:Query',
          'dynamodb:Scan',
          'dynamodb:BatchWriteItem',
        ],
        resources: [`${ARN}:dynamodb:${HERE}:table/\${TableName}`],
      },
    ],
  ],
  ['SESSendBouncePolicy', [{ actions: ['ses:SendBounce'], resources: [identity] }]],
  [
    'SESCrudPolicy',
    [
      {
        actions: [
          'ses:GetIdentityVerificationAttributes',
          'ses:SendEmail',
          'ses:SendRawEmail',
          'ses:VerifyEmailIdentity',
        ],
        resources: [identity],
      },
    ],
  ],
  [
    'SESBulkTemplatedCrudPolicy',
    [
      {
        actions: [
          'ses:GetIdentityVerificationAttributes',
          'ses:SendEmail',
          'ses:SendRawEmail',
          'ses:SendTemplatedEmail',
          'ses:SendBulkTemplatedEmail',
          'ses:VerifyEmailIdentity',
        ],
        resources: [identity],
      },
    ],
  ],
  [
    'SESEmailTemplateCrudPolicy',
    [
      {
        actions: [
          'ses:CreateTemplate',
          'ses:GetTemplate',
          'ses:ListTemplates',
          'ses:UpdateTemplate',
          'ses:DeleteTemplate',
          'ses:TestRenderTemplate',
        ],
        resources: ['*'],
      },
    ],
  ],
  [
    'SNSCrudPolicy',
    [
      {
        actions: [
          'sns:ListSubscriptionsByTopic',
          'sns:CreateTopic',
          'sns:SetTopicAttributes',
          'sns:Subscribe',
          'sns:Publish',
        ],
        resources: [`${ARN}:sns:${HERE}:\${TopicName}*`],
      },
    ],
  ],
  [
    'ElasticsearchHttpPostPolicy',
    [{ actions: ['es:ESHttpPost', 'es:ESHttpPut'], resources: [`${ARN}:es:${HERE}:domain/\${DomainName}/*`] }],
  ],
  [
    'FilterLogEventsPolicy',
    [{ actions: ['logs:FilterLogEvents'], resources: [`${ARN}:logs:${HERE}:log-group:\${LogGroupName}:log-stream:*`] }],
  ],
  [
    'FirehoseWritePolicy',
    [
      {
        actions: ['firehose:PutRecord', 'firehose:PutRecordBatch'],
        resources: [`${ARN}:firehose:${HERE}:deliverystream/\${DeliveryStreamName}`],
      },
    ],
  ],
  [
    'FirehoseCrudPolicy',
    [
      {
        actions: [
          'firehose:CreateDeliveryStream',
          'firehose:DeleteDeliveryStream',
          'firehose:DescribeDeliveryStream',
          'firehose:PutRecord',
          'firehose:PutRecordBatch',
          'firehose:UpdateDestination',
        ],
        resources: [`${ARN}:firehose:${HERE}:deliverystream/\${DeliveryStreamName}`],
      },
    ],
  ],
  [
    'AWSSecretsManagerRotationPolicy',
    [
      {
        actions: [
          'secretsmanager:DescribeSecret',
          'secretsmanager:GetSecretValue',
          'secretsmanager:PutSecretValue',
          'secretsmanager:UpdateSecretVersionStage',
        ],
        resources: [`${ARN}:secretsmanager:${HERE}:secret:*`],
        stringEquals: {
          'secretsmanager:resource/AllowRotationLambdaArn': `${ARN}:lambda:${HERE}:function:\${FunctionName}`,
        },
      },
      { actions: ['secretsmanager:GetRandomPassword'], resources: ['*'] },
    ],
  ],
  ['CloudWatchDescribeAlarmHistoryPolicy', [{ actions: ['cloudwatch:DescribeAlarmHistory'], resources: ['*'] }]],
  [
    'CloudWatchDashboardPolicy',
    [
      {
        actions: [
          'cloudwatch:GetDashboard',
          'cloudwatch:ListDashboards',
          'cloudwatch:PutDashboard',
          'cloudwatch:ListMetrics',
        ],
        resources: ['*'],
      },
    ],
  ],
  [
    'CodePipelineLambdaExecutionPolicy',
    [{ actions: ['codepipeline:PutJobSuccessResult', 'codepipeline:PutJobFailureResult'], resources: ['*'] }],
  ],
  [
    'CodePipelineReadOnlyPolicy',
    [{ actions: ['codepipeline:ListPipelineExecutions'], resources: [`${ARN}:codepipeline:${HERE}:\${PipelineName}`] }],
  ],
  ['EC2CopyImagePolicy', [{ actions: ['ec2:CopyImage'], resources: [`${ARN}:ec2:${HERE}:image/\${ImageId}`] }]],
  ['EKSDescribePolicy', [{ actions: ['eks:DescribeCluster', 'eks:ListClusters'], resources: ['*'] }]],
  ['OrganizationsListAccountsPolicy', [{ actions: ['organizations:ListAccounts'], resources: ['*'] }]],
  [
    'CostExplorerReadOnlyPolicy',
    [
      {
        actions: [
          'ce:GetCostAndUsage',
          'ce:GetDimensionValues',
          'ce:GetReservationCoverage',
          'ce:GetReservationPurchaseRecommendation',
          'ce:GetReservationUtilization',
          'ce:GetTags',
        ],
        resources: ['*'],
      },
    ],
  ],
  [
    'ComprehendBasicAccessPolicy',
    [
      {
        actions: [
          'comprehend:BatchDetectKeyPhrases',
          'comprehend:DetectDominantLanguage',
          'comprehend:DetectEntities',
          'comprehend:BatchDetectEntities',
          'comprehend:DetectKeyPhrases',
          'comprehend:DetectSentiment',
          'comprehend:BatchDetectDominantLanguage',
          'comprehend:BatchDetectSentiment',
        ],
        resources: ['*'],
      },
    ],
  ],
  [
    'RekognitionDetectOnlyPolicy',
    [
      {
        actions: [
          'rekognition:DetectFaces',
          'rekognition:DetectLabels',
          'rekognition:DetectModerationLabels',
          'rekognition:DetectText',
        ],
        resources: ['*'],
      },
    ],
  ],
  ['RekognitionFacesPolicy', [{ actions: ['rekognition:CompareFaces', 'rekognition:DetectFaces'], resources: ['*'] }]],
  [
    'RekognitionLabelsPolicy',
    [{ actions: ['rekognition:DetectLabels', 'rekognition:DetectModerationLabels'], resources: ['*'] }],
  ],
  [
    'RekognitionNoDataAccessPolicy',
    [
      {
        // SAM also lists `rekognition:DetectModerationLabels`, which acts on project versions (or
        // `*`), not on a collection: on this resource it grants nothing, and a finding about it
        // would be about text the author never wrote.
        actions: ['rekognition:CompareFaces', 'rekognition:DetectFaces', 'rekognition:DetectLabels'],
        resources: [collection],
      },
    ],
  ],
  [
    'RekognitionReadPolicy',
    [
      {
        actions: [
          'rekognition:ListCollections',
          'rekognition:ListFaces',
          'rekognition:SearchFaces',
          'rekognition:SearchFacesByImage',
        ],
        resources: [collection],
      },
    ],
  ],
  [
    'RekognitionWriteOnlyAccessPolicy',
    [{ actions: ['rekognition:CreateCollection', 'rekognition:IndexFaces'], resources: [collection] }],
  ],
  [
    'RekognitionFacesManagementPolicy',
    [
      {
        actions: [
          'rekognition:IndexFaces',
          'rekognition:DeleteFaces',
          'rekognition:SearchFaces',
          'rekognition:SearchFacesByImage',
          'rekognition:ListFaces',
        ],
        resources: [collection],
      },
    ],
  ],
  [
    'TextractDetectAnalyzePolicy',
    [
      {
        actions: [
          'textract:DetectDocumentText',
          'textract:StartDocumentTextDetection',
          'textract:StartDocumentAnalysis',
          'textract:AnalyzeDocument',
        ],
        resources: ['*'],
      },
    ],
  ],
  [
    'TextractGetResultPolicy',
    [{ actions: ['textract:GetDocumentTextDetection', 'textract:GetDocumentAnalysis'], resources: ['*'] }],
  ],
  [
    'PollyFullAccessPolicy',
    [
      {
        actions: ['polly:GetLexicon', 'polly:DeleteLexicon'],
        resources: [`${ARN}:polly:${HERE}:lexicon/\${LexiconName}`],
      },
      {
        actions: ['polly:DescribeVoices', 'polly:ListLexicons', 'polly:PutLexicon', 'polly:SynthesizeSpeech'],
        resources: [`${ARN}:polly:${HERE}:lexicon/*`],
      },
    ],
  ],
  ['AcmGetCertificatePolicy', [{ actions: ['acm:GetCertificate'], resources: ['${CertificateArn}'] }]],
  [
    'AthenaQueryPolicy',
    [
      {
        actions: [
          'athena:ListWorkGroups',
          'athena:GetExecutionEngine',
          'athena:GetExecutionEngines',
          'athena:GetNamespace',
          'athena:GetCatalogs',
          'athena:GetNamespaces',
          'athena:GetTables',
          'athena:GetTable',
        ],
        resources: ['*'],
      },
      {
        actions: [
          'athena:StartQueryExecution',
          'athena:GetQueryResults',
          'athena:DeleteNamedQuery',
          'athena:GetNamedQuery',
          'athena:ListQueryExecutions',
          'athena:StopQueryExecution',
          'athena:GetQueryResultsStream',
          'athena:ListNamedQueries',
          'athena:CreateNamedQuery',
          'athena:GetQueryExecution',
          'athena:BatchGetNamedQuery',
          'athena:BatchGetQueryExecution',
          'athena:GetWorkGroup',
        ],
        resources: [`${ARN}:athena:${HERE}:workgroup/\${WorkGroupName}`],
      },
    ],
  ],
  [
    'CodeCommitCrudPolicy',
    [
      {
        actions: [
          'codecommit:GitPull',
          'codecommit:GitPush',
          'codecommit:CreateBranch',
          'codecommit:DeleteBranch',
          'codecommit:GetBranch',
          'codecommit:ListBranches',
          'codecommit:MergeBranchesByFastForward',
          'codecommit:MergeBranchesBySquash',
          'codecommit:MergeBranchesByThreeWay',
          'codecommit:UpdateDefaultBranch',
          'codecommit:BatchDescribeMergeConflicts',
          'codecommit:CreateUnreferencedMergeCommit',
          'codecommit:DescribeMergeConflicts',
          'codecommit:GetMergeCommit',
          'codecommit:GetMergeOptions',
          'codecommit:BatchGetPullRequests',
          'codecommit:CreatePullRequest',
          'codecommit:DescribePullRequestEvents',
          'codecommit:GetCommentsForPullRequest',
          'codecommit:GetCommitsFromMergeBase',
          'codecommit:GetMergeConflicts',
          'codecommit:GetPullRequest',
          'codecommit:ListPullRequests',
          'codecommit:MergePullRequestByFastForward',
          'codecommit:MergePullRequestBySquash',
          'codecommit:MergePullRequestByThreeWay',
          'codecommit:PostCommentForPullRequest',
          'codecommit:UpdatePullRequestDescription',
          'codecommit:UpdatePullRequestStatus',
          'codecommit:UpdatePullRequestTitle',
          'codecommit:DeleteFile',
          'codecommit:GetBlob',
          'codecommit:GetFile',
          'codecommit:GetFolder',
          'codecommit:PutFile',
          'codecommit:DeleteCommentContent',
          'codecommit:GetComment',
          'codecommit:GetCommentsForComparedCommit',
          'codecommit:PostCommentForComparedCommit',
          'codecommit:PostCommentReply',
          'codecommit:UpdateComment',
          'codecommit:BatchGetCommits',
          'codecommit:CreateCommit',
          'codecommit:GetCommit',
          'codecommit:GetCommitHistory',
          'codecommit:GetDifferences',
          'codecommit:GetObjectIdentifier',
          'codecommit:GetReferences',
          'codecommit:GetTree',
          'codecommit:GetRepository',
          'codecommit:UpdateRepositoryDescription',
          'codecommit:ListTagsForResource',
          'codecommit:TagResource',
          'codecommit:UntagResource',
          'codecommit:GetRepositoryTriggers',
          'codecommit:PutRepositoryTriggers',
          'codecommit:TestRepositoryTriggers',
          'codecommit:UploadArchive',
          'codecommit:GetUploadArchiveStatus',
          'codecommit:CancelUploadArchive',
        ],
        resources: repository,
      },
    ],
  ],
  [
    'CodeCommitReadPolicy',
    [
      {
        actions: [
          'codecommit:GitPull',
          'codecommit:GetBranch',
          'codecommit:ListBranches',
          'codecommit:BatchDescribeMergeConflicts',
          'codecommit:DescribeMergeConflicts',
          'codecommit:GetMergeCommit',
          'codecommit:GetMergeOptions',
          'codecommit:BatchGetPullRequests',
          'codecommit:DescribePullRequestEvents',
          'codecommit:GetCommentsForPullRequest',
          'codecommit:GetCommitsFromMergeBase',
          'codecommit:GetMergeConflicts',
          'codecommit:GetPullRequest',
          'codecommit:ListPullRequests',
          'codecommit:GetBlob',
          'codecommit:GetFile',
          'codecommit:GetFolder',
          'codecommit:GetComment',
          'codecommit:GetCommentsForComparedCommit',
          'codecommit:BatchGetCommits',
          'codecommit:GetCommit',
          'codecommit:GetCommitHistory',
          'codecommit:GetDifferences',
          'codecommit:GetObjectIdentifier',
          'codecommit:GetReferences',
          'codecommit:GetTree',
          'codecommit:GetRepository',
          'codecommit:ListTagsForResource',
          'codecommit:GetRepositoryTriggers',
          'codecommit:TestRepositoryTriggers',
          'codecommit:GetUploadArchiveStatus',
        ],
        resources: repository,
      },
    ],
  ],
  [
    'EFSWriteAccessPolicy',
    [
      {
        actions: ['elasticfilesystem:ClientMount', 'elasticfilesystem:ClientWrite'],
        resources: [`${ARN}:elasticfilesystem:${HERE}:file-system/\${FileSystem}`],
        stringEquals: {
          'elasticfilesystem:AccessPointArn': `${ARN}:elasticfilesystem:${HERE}:access-point/\${AccessPoint}`,
        },
      },
    ],
  ],
  [
    'EcsRunTaskPolicy',
    [{ actions: ['ecs:RunTask'], resources: [`${ARN}:ecs:${HERE}:task-definition/\${TaskDefinition}`] }],
  ],
  ['ElasticMapReduceAddJobFlowStepsPolicy', [{ actions: ['elasticmapreduce:AddJobFlowSteps'], resources: cluster }]],
  ['ElasticMapReduceCancelStepsPolicy', [{ actions: ['elasticmapreduce:CancelSteps'], resources: cluster }]],
  [
    'ElasticMapReduceModifyInstanceFleetPolicy',
    [
      {
        actions: ['elasticmapreduce:ModifyInstanceFleet', 'elasticmapreduce:ListInstanceFleets'],
        resources: cluster,
      },
    ],
  ],
  [
    'ElasticMapReduceModifyInstanceGroupsPolicy',
    [
      {
        actions: ['elasticmapreduce:ModifyInstanceGroups', 'elasticmapreduce:ListInstanceGroups'],
        resources: cluster,
      },
    ],
  ],
  [
    'ElasticMapReduceSetTerminationProtectionPolicy',
    [{ actions: ['elasticmapreduce:SetTerminationProtection'], resources: cluster }],
  ],
  [
    'ElasticMapReduceTerminateJobFlowsPolicy',
    [{ actions: ['elasticmapreduce:TerminateJobFlows'], resources: cluster }],
  ],
  [
    'KMSEncryptPolicy_v2',
    [
      {
        actions: [
          'kms:Encrypt',
          'kms:GenerateDataKey',
          'kms:GenerateDataKeyWithoutPlaintext',
          'kms:GenerateDataKeyPair',
          'kms:GenerateDataKeyPairWithoutPlaintext',
        ],
        resources: [`${ARN}:kms:${HERE}:key/\${KeyId}`],
      },
    ],
  ],
  ['MobileAnalyticsWriteOnlyAccessPolicy', [{ actions: ['mobileanalytics:PutEvents'], resources: ['*'] }]],
  [
    'PinpointEndpointAccessPolicy',
    [
      {
        // SAM also lists `mobiletargeting:UpdateEndpointsBatch`, which acts on the application
        // (`apps/<id>`), not on its endpoints: on these resources it grants nothing (as the batch
        // actions of SQSPollerPolicy), and a finding about it would be about text the author never wrote.
        actions: ['mobiletargeting:GetEndpoint', 'mobiletargeting:UpdateEndpoint'],
        resources: [`${ARN}:mobiletargeting:${HERE}:apps/\${PinpointApplicationId}/endpoints/*`],
      },
    ],
  ],
  [
    'Route53ChangeResourceRecordSetsPolicy',
    [{ actions: ['route53:ChangeResourceRecordSets'], resources: [`${ARN}:route53:::hostedzone/\${HostedZoneId}`] }],
  ],
  [
    'SESBulkTemplatedCrudPolicy_v2',
    [
      {
        actions: ['ses:SendEmail', 'ses:SendRawEmail', 'ses:SendTemplatedEmail', 'ses:SendBulkTemplatedEmail'],
        resources: [identity, `${ARN}:ses:${HERE}:template/\${TemplateName}`],
      },
      { actions: ['ses:GetIdentityVerificationAttributes', 'ses:VerifyEmailIdentity'], resources: ['*'] },
    ],
  ],
  [
    'SSMParameterWithSlashPrefixReadPolicy',
    // The parameter name is given with its leading slash: no `/` after `parameter`.
    [ssmDescribe, { actions: ssmGet, resources: [`${ARN}:ssm:${HERE}:parameter\${ParameterName}`] }],
  ],
  [
    'SageMakerCreateEndpointConfigPolicy',
    [
      {
        actions: ['sagemaker:CreateEndpointConfig'],
        resources: [`${ARN}:sagemaker:${HERE}:endpoint-config/\${EndpointConfigName}`],
      },
    ],
  ],
  [
    'SageMakerCreateEndpointPolicy',
    [{ actions: ['sagemaker:CreateEndpoint'], resources: [`${ARN}:sagemaker:${HERE}:endpoint/\${EndpointName}`] }],
  ],
  [
    'StepFunctionsCallbackPolicy',
    [
      {
        actions: ['states:SendTaskFailure', 'states:SendTaskHeartbeat', 'states:SendTaskSuccess'],
        resources: stateMachine,
      },
    ],
  ],
  [
    'StepFunctionsExecutionPolicy_v2',
    [{ actions: ['states:StartExecution', 'states:StartSyncExecution'], resources: stateMachine }],
  ],
  ['TextractPolicy', [{ actions: ['textract:*'], resources: ['*'] }]],
  [
    'ServerlessRepoReadWriteAccessPolicy',
    [
      {
        actions: [
          'serverlessrepo:CreateApplication',
          'serverlessrepo:CreateApplicationVersion',
          'serverlessrepo:UpdateApplication',
          'serverlessrepo:GetApplication',
          'serverlessrepo:ListApplications',
          'serverlessrepo:ListApplicationVersions',
          'serverlessrepo:ListApplicationDependencies',
        ],
        resources: [`${ARN}:serverlessrepo:${HERE}:applications/*`],
      },
    ],
  ],
]);

let parametersByTemplate: ReadonlyMap<string, readonly string[]> | undefined;

/**
 * The parameters of template `name` (`['TableName']`), or undefined when SAM has no such template.
 * SAM requires every one of them: its transform rejects a template without one (a misspelled name
 * is one missing); a name that is not a parameter is ignored.
 */
export function samTemplateParameters(name: string): readonly string[] | undefined {
  if (parametersByTemplate === undefined) {
    const map = new Map<string, readonly string[]>();
    for (const [template, statements] of TEMPLATES) {
      const patterns = statements.flatMap((s) => [...s.resources, ...Object.values(s.stringEquals ?? {})]);
      const names = patterns.flatMap((pattern) => [...pattern.matchAll(/\$\{([^}]+)\}/g)].map((m) => m[1] ?? ''));
      map.set(template, [...new Set(names.filter((n) => n !== '' && !n.includes('::')))]);
    }
    parametersByTemplate = map;
  }
  return parametersByTemplate.get(name);
}

/**
 * The parameters of template `name` that SAM writes into an ARN or a condition value of its own
 * (`arn:...:s3:::${BucketName}`), with that pattern: they take a name or an id, never an ARN or a
 * URL. A parameter that is a whole resource (`${SecretArn}`) is none of them.
 */
export function samEmbeddedParameters(name: string): ReadonlyMap<string, string> {
  const embedded = new Map<string, string>();
  for (const s of TEMPLATES.get(name) ?? [])
    for (const pattern of [...s.resources, ...Object.values(s.stringEquals ?? {})])
      for (const match of pattern.matchAll(/\$\{([^}:]+)\}/g)) {
        const parameter = match[1] ?? '';
        if (pattern !== match[0] && !embedded.has(parameter)) embedded.set(parameter, pattern);
      }
  return embedded;
}

/**
 * The policy document SAM writes for template `name` with `parameters`, or undefined when SAM has
 * no such template. Each parameter is substituted as it is given (a literal or an intrinsic).
 */
export function samTemplateDocument(name: string, parameters: Record<string, unknown>): unknown {
  const statements = TEMPLATES.get(name);
  if (statements === undefined) return undefined;
  return {
    Version: '2012-10-17',
    Statement: statements.map((s) => ({
      Effect: 'Allow',
      Action: [...s.actions],
      Resource: s.resources.map((pattern) => ({ 'Fn::Sub': [pattern, { ...parameters }] })),
      ...(s.stringEquals === undefined
        ? {}
        : {
            Condition: {
              StringEquals: Object.fromEntries(
                Object.entries(s.stringEquals).map(([key, pattern]) => [
                  key,
                  { 'Fn::Sub': [pattern, { ...parameters }] },
                ]),
              ),
            },
          }),
    })),
  };
}
