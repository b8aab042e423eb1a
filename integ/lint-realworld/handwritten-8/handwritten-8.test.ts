/**
 * `iamgate lint` on the shapes of policies written by hand in application repositories (policy
 * folders, Terraform `jsonencode` blocks, Serverless and SAM statements, CI deploy roles, data
 * pipeline, ML, backup and log-shipping roles), which an eighth rules survey found answered wrong.
 * Each document is a minimal one of our own (see README.md beside this file); the accounts and the
 * configuration are those of `lint-realworld/`.
 */
import { describeLintFolders } from '../../lint-folders';
import type { Row } from '../../lint-folders';

const S0 = '/Statement/0';
const WRITE = 'wildcard-resource/write-on-star';
const UNSCOPED_READ = 'data-exfiltration/unscoped-read';
const POLICY_CHANGE = 'resource-exposure/policy-change';
const MODIFY = 'privilege-escalation/iam-policy-modification';
const DEPUTY = 'resource-exposure/confused-deputy';
const RUN_AS = 'privilege-escalation/run-as-existing-role';
const TYPE_MISMATCH = 'policy-validity/condition-type-mismatch';

const ROWS: readonly Row[] = [
  {
    file: 'identity/ledger-deletes-for-team-sessions.json',
    behaviour: 'object deletes on `*` for the sessions tagged `team` `payments`: the tag says who deletes, not what',
    expected: [`${WRITE} ${S0}`],
    mentions: ['s3:DeleteObject'],
  },
  {
    file: 'identity/secrets-read-inside-organization.json',
    behaviour:
      'every secret read by a caller of the own organization (`aws:PrincipalOrgID`), which every caller of its is',
    expected: [`${UNSCOPED_READ} ${S0}`],
    mentions: ['secretsmanager:GetSecretValue'],
  },
  {
    file: 'identity/role-policies-edited-by-platform-ou.json',
    behaviour:
      'inline policies of every role written by the callers of one organizational unit (`aws:PrincipalOrgPaths`)',
    expected: [`${MODIFY} ${S0}`, `${WRITE} ${S0}`],
    mentions: ['iam:PutRolePolicy'],
  },
  {
    file: 'identity/keys-used-by-own-account-callers.json',
    behaviour:
      'decrypts on `*` for callers of the own account (`kms:CallerAccount`, which every caller of its is); encrypts with the key of one alias are scoped',
    expected: [`${UNSCOPED_READ} ${S0}`, `${WRITE} ${S0}`],
    mentions: ['kms:Decrypt'],
    notMentions: ['kms:Encrypt`'],
  },
  {
    file: 'identity/bucket-policies-for-one-user.json',
    behaviour: 'bucket policies of every bucket set by the user named `release-bot` (`aws:username`)',
    expected: [`${POLICY_CHANGE} ${S0}`, `${WRITE} ${S0}`],
    mentions: ['s3:PutBucketPolicy'],
  },
  {
    file: 'identity/objects-written-through-organization-endpoints.json',
    behaviour:
      'object writes on `*` through the endpoints of the own organization (`aws:VpceOrgID`), code updates of every function for federated sessions (`aws:FederatedProvider`)',
    expected: [`${WRITE} ${S0}`, `${RUN_AS} /Statement/1`],
    mentions: ['s3:PutObject', 'lambda:UpdateFunctionCode'],
  },
  {
    file: 'identity/services-deployed-on-every-cluster.json',
    behaviour:
      'services updated on `*` under `ecs:cluster` `ArnLike` every cluster of every account, event source mappings under `lambda:FunctionArn` every function',
    expected: [`${WRITE} ${S0}`, `${WRITE} /Statement/1`],
    mentions: ['ecs:UpdateService', 'lambda:DeleteEventSourceMapping'],
  },
  {
    file: 'identity/services-deployed-on-app-clusters.json',
    behaviour: 'the same on the clusters and functions of one name prefix: scoped by the condition',
    expected: [],
  },
  {
    file: 'identity/roles-created-with-any-boundary.json',
    behaviour:
      'roles created and given policies under `iam:PermissionsBoundary` `ArnLike` every policy of the account: the caller picks the boundary',
    expected: [`${MODIFY} ${S0}`, `${WRITE} ${S0}`],
    mentions: ['iam:AttachRolePolicy'],
  },
  {
    file: 'identity/objects-on-star-denied-outside-team-bucket.json',
    behaviour:
      'object reads and writes allowed on `*`, denied without condition on everything but the team bucket (`NotResource`)',
    expected: [],
  },
  {
    file: 'identity/objects-on-star-deletes-denied-outside.json',
    behaviour:
      'the same with only deletes denied outside a scratch bucket: the reads and writes still reach every bucket',
    expected: [`${UNSCOPED_READ} ${S0}`, `${WRITE} ${S0}`],
    mentions: ['s3:PutObject', 's3:GetObject'],
    notMentions: ['s3:DeleteObject'],
  },
  {
    file: 'identity/assistant-retrieves-every-knowledge-base.json',
    behaviour:
      'an assistant role that retrieves from every knowledge base and search index, and pulls every repository: the documents and source behind them',
    expected: [`${UNSCOPED_READ} ${S0}`, `${UNSCOPED_READ} /Statement/1`],
    mentions: ['bedrock:Retrieve', 'kendra:Query', 'codecommit:GitPull'],
    notMentions: ['bedrock:InvokeModel', 'codecommit:ListRepositories'],
  },
  {
    file: 'identity/assistant-retrieves-one-knowledge-base.json',
    behaviour: 'the same assistant on its own knowledge base and repository, with any foundation model',
    expected: [],
  },
  {
    file: 'identity/model-access-until-epoch-second.json',
    behaviour:
      'access until an epoch second: `NumericLessThan` on `aws:EpochTime` (a Date and a Numeric key) is right, on `aws:CurrentTime` it is not',
    expected: [`${TYPE_MISMATCH} /Statement/1/Condition/NumericLessThan/aws:CurrentTime`],
    notMentions: ['aws:EpochTime'],
  },
  {
    file: 'identity/team-prefix-and-team-instances.json',
    behaviour:
      "the caller's team prefix (`${aws:PrincipalTag/team}` in Resource) and the instances tagged with its team: scoped, the organization condition beside them changes nothing",
    expected: [],
  },
  {
    file: 'resource/topic-notified-if-source-account-sent.json',
    behaviour:
      'S3 notifications under `StringEqualsIfExists` `aws:SourceAccount`: the test holds when no source is sent',
    expected: [`${DEPUTY} ${S0}`],
    mentions: ['StringEqualsIfExists aws:SourceAccount', '`...IfExists` holds when the service sends no such key'],
    notMentions: ['without an `aws:SourceArn` or `aws:SourceAccount` condition'],
  },
  {
    file: 'resource/queue-fed-by-rules-of-any-account.json',
    behaviour: 'EventBridge sending to a queue under `StringLike` `aws:SourceAccount` `*`: every account',
    expected: [`${DEPUTY} ${S0}`],
    mentions: ['`*` matches every source'],
    notMentions: ['without an `aws:SourceArn` or `aws:SourceAccount` condition'],
  },
  {
    file: 'resource/topic-notified-by-own-bucket.json',
    behaviour: 'S3 notifications from one bucket of the own account: bound',
    expected: [],
  },
];

// trusts the own account 111122223333, the partner 444455556666 and organization o-a1b2c3d4e5
describeLintFolders('iamgate lint on policies written by hand in application repositories (eighth rules survey)', {
  dir: 'integ/lint-realworld/handwritten-8',
  config: 'integ/lint-realworld/lint-realworld.config.json',
  types: ['identity', 'resource'],
  rows: ROWS,
});
