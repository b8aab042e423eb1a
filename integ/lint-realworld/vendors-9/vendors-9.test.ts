/**
 * `iamgate lint` on the shapes of the roles vendors ask their customers to create (security
 * posture, observability, FinOps, CI), which a ninth survey found answered wrong: reads of data
 * and of secrets kept in configuration hidden in "read-only" policies. Each document is a minimal
 * one of our own (see README.md beside this file); the accounts and the configuration are those of
 * `lint-realworld/`.
 */
import { describeLintFolders } from '../../lint-folders';
import type { Row } from '../../lint-folders';

const S0 = '/Statement/0';
const UNSCOPED_READ = 'data-exfiltration/unscoped-read';

const ROWS: readonly Row[] = [
  {
    file: 'identity/metrics-poller-every-api.json',
    behaviour: '`apigateway:GET` on `*` in a metrics poller: the value of every API key, said as such',
    expected: [`${UNSCOPED_READ} ${S0}`],
    mentions: ['the value of every API key', 'apigateway:GET'],
  },
  {
    file: 'identity/usage-plans-key-collection.json',
    behaviour: '`apigateway:GET` on the `/apikeys` collection of a region: every key value at once',
    expected: [`${UNSCOPED_READ} ${S0}`],
    mentions: ['arn:aws:apigateway:eu-west-1::/apikeys'],
    notMentions: ['/usageplans'],
  },
  {
    file: 'identity/posture-scanner-rest-apis-only.json',
    behaviour: '`apigateway:GET` on the REST APIs and on one named key: configuration, not every key',
    expected: [],
  },
  {
    file: 'identity/posture-extras-configuration-secrets.json',
    behaviour:
      'connection passwords, function and app environments, a location key and build projects read on `*` beside listings',
    expected: [`${UNSCOPED_READ} ${S0}`],
    mentions: ['glue:GetConnections', 'lambda:GetFunction', 'amplify:GetApp'],
    notMentions: ['lambda:ListFunctions', 'glue:GetDatabases'],
  },
  {
    file: 'identity/archive-and-table-reads.json',
    behaviour:
      'every keyspace (`/keyspace/*`, a resource starting with `/`) and every vault read; the schema tables alone are fine',
    expected: [`${UNSCOPED_READ} /Statement/1`, 'wildcard-resource/write-on-star /Statement/1'],
    mentions: ['cassandra:Select', 'glacier:GetJobOutput'],
  },
  {
    file: 'identity/read-only-with-deny-list-gap.json',
    behaviour:
      'a deny list that blocks `logs:GetLogEvents` but not `logs:FilterLogEvents`, which reads the same events',
    expected: [`${UNSCOPED_READ} ${S0}`],
    mentions: ['logs:FilterLogEvents'],
    notMentions: ['logs:GetLogEvents', 'athena:GetQueryResults'],
  },
];

// trusts the own account 111122223333, the partner 444455556666 and organization o-a1b2c3d4e5
describeLintFolders('iamgate lint on the shapes of vendor cross-account roles (ninth survey)', {
  dir: 'integ/lint-realworld/vendors-9',
  config: 'integ/lint-realworld/lint-realworld.config.json',
  types: ['identity'],
  rows: ROWS,
});
