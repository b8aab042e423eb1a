/**
 * `iamgate lint` on the shapes of policies written by hand in application repositories (identity
 * policies with conditions of the wrong type, resource policies of buckets, keys, topics, queues,
 * event buses, repositories and secrets), which a ninth rules survey found answered wrong. Each
 * document is a minimal one of our own (see README.md beside this file); the accounts and the
 * configuration are those of `lint-realworld/`.
 */
import { describeLintFolders } from '../../lint-folders';
import type { Row } from '../../lint-folders';

const S0 = '/Statement/0';
const S1 = '/Statement/1';
const WRITE = 'wildcard-resource/write-on-star';
const UNSCOPED_READ = 'data-exfiltration/unscoped-read';
const TYPE_MISMATCH = 'policy-validity/condition-type-mismatch';
const WARNING = 'policy-validity/policy-warning';
const PUBLIC = 'resource-exposure/public-principal';

const ROWS: readonly Row[] = [
  {
    file: 'identity/deletes-behind-conditions-that-never-hold.json',
    behaviour:
      'grants on `*` behind a condition no request satisfies (`Bool` `yes`, a date that is none, `Bool` on a Date key, `NumericNotEquals` on an address): the statements allow nothing, only their conditions are reported',
    expected: [
      `${TYPE_MISMATCH} ${S0}/Condition/Bool/aws:PrincipalTag~1admin`,
      `${WARNING} ${S0}/Condition/Bool/aws:PrincipalTag~1admin`,
      `${WARNING} ${S1}/Condition/DateLessThan/aws:CurrentTime`,
      `${TYPE_MISMATCH} /Statement/2/Condition/Bool/aws:CurrentTime`,
      `${TYPE_MISMATCH} /Statement/3/Condition/NumericNotEquals/aws:SourceIp`,
    ],
  },
  {
    file: 'identity/deletes-for-sessions-tagged-true.json',
    behaviour:
      '`Bool` `true` and `DateGreaterThan` on String tag keys: of the wrong type, yet they hold for a tag `true` or a date, so the grants on `*` are reported too',
    expected: [
      `${TYPE_MISMATCH} ${S0}/Condition/Bool/aws:PrincipalTag~1admin`,
      `${WRITE} ${S0}`,
      `${TYPE_MISMATCH} ${S1}/Condition/DateGreaterThan/aws:PrincipalTag~1access-from`,
      `${UNSCOPED_READ} ${S1}`,
    ],
    mentions: ['s3:DeleteObject', 'secretsmanager:GetSecretValue'],
  },
  {
    file: 'identity/tags-created-only-without-request-tags.json',
    behaviour:
      '`ForAnyValue:Null` and `ForAllValues:Null` on `aws:TagKeys`: they test whether the request sends tags, as `Null` does, not a condition that always or never holds; every instance and launch template of the account is every one',
    expected: [
      `${TYPE_MISMATCH} ${S0}/Condition/ForAnyValue:Null/aws:TagKeys`,
      `${WRITE} ${S0}`,
      `${TYPE_MISMATCH} ${S1}/Condition/ForAllValues:Null/aws:TagKeys`,
      `${WRITE} ${S1}`,
    ],
    mentions: ['tests only whether the request has the key', 'use `Null` alone'],
    notMentions: ['always true or always false'],
  },
  {
    file: 'resource/log-bucket-written-by-any-service.json',
    behaviour:
      'log delivery by `"Principal": "*"` under `aws:PrincipalIsAWSService` `true` alone: every service, for whichever account points it at the bucket',
    expected: [`${PUBLIC} ${S0}`],
    mentions: ['every AWS service', 'aws:PrincipalIsAWSService', 'aws:SourceAccount'],
    notMentions: ['without a condition that restricts who'],
  },
  {
    file: 'resource/repository-token-for-everyone.json',
    behaviour:
      '`ecr:GetAuthorizationToken` for `"Principal": "*"` in a repository policy, pulls for the partner: only an IAM policy grants the token (the ECR guide), so the repository policy grants it to nobody',
    expected: [],
  },
  {
    file: 'resource/repository-pulled-by-everyone.json',
    behaviour: 'pulls and the token for `"Principal": "*"`: the pulls are public, the token is not named as granted',
    expected: [`${PUBLIC} ${S0}`],
    mentions: ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'],
    notMentions: ['ecr:GetAuthorizationToken'],
  },
  {
    file: 'resource/log-bucket-written-by-own-services.json',
    behaviour: 'the same delivery bound to the own account with `aws:SourceAccount`: restricted',
    expected: [],
  },
];

// trusts the own account 111122223333, the partner 444455556666 and organization o-a1b2c3d4e5
describeLintFolders('iamgate lint on policies written by hand in application repositories (ninth rules survey)', {
  dir: 'integ/lint-realworld/handwritten-9',
  config: 'integ/lint-realworld/lint-realworld.config.json',
  types: ['identity', 'resource'],
  rows: ROWS,
});
