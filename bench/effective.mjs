#!/usr/bin/env node
// Effective permissions: AdministratorAccess, PowerUserAccess, and 1,000 CDK-style least-privilege
// principals (each its own policy, so no analysis is shared between them).
// Build first: `npx tsc -b packages/core`. Run: `node bench/effective.mjs`.
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';

const require = createRequire(import.meta.url);
const core = require('../packages/core/dist/index.js');
const { effectivePermissions, effectivePermissionQueries } = core;

const PRINCIPALS = Number(process.env.BENCH_PRINCIPALS ?? 1000);
const ACCOUNT = '111122223333';

function parse(document) {
  const parsed = core.parsePolicy(document);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.value;
}

function managed(name) {
  return parse(core.getManagedPolicy(`arn:aws:iam::aws:policy/${name}`).document);
}

// Wall time and CPU time (process user + system): on a shared machine the CPU time is the figure
// that does not depend on the other processes.
function time(label, fn, note = (r) => r) {
  const cpu0 = process.cpuUsage();
  const start = performance.now();
  const result = fn();
  const ms = performance.now() - start;
  const used = process.cpuUsage(cpu0);
  const cpu = (used.user + used.system) / 1000;
  console.log(
    `${label.padEnd(58)} ${ms.toFixed(1).padStart(9)} ms wall ${cpu.toFixed(1).padStart(9)} ms cpu  ${note(result)}`,
  );
  return { ms, cpu };
}

// What `grantRead`, `grantWrite` and the Lambda execution role produce in a CDK app.
function cdkPolicy(i) {
  const bucket = `arn:aws:s3:::app-bucket-${i}`;
  const table = `arn:aws:dynamodb:eu-west-1:${ACCOUNT}:table/Orders${i}`;
  const statements = [
    {
      Effect: 'Allow',
      Action: ['s3:GetObject*', 's3:GetBucket*', 's3:List*'],
      Resource: [bucket, `${bucket}/*`],
    },
    {
      Effect: 'Allow',
      Action: [
        'dynamodb:BatchGetItem',
        'dynamodb:GetRecords',
        'dynamodb:GetShardIterator',
        'dynamodb:Query',
        'dynamodb:GetItem',
        'dynamodb:Scan',
        'dynamodb:ConditionCheckItem',
        'dynamodb:BatchWriteItem',
        'dynamodb:PutItem',
        'dynamodb:UpdateItem',
        'dynamodb:DeleteItem',
        'dynamodb:DescribeTable',
      ],
      Resource: [table, `${table}/index/*`],
    },
    {
      Effect: 'Allow',
      Action: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'],
      Resource: `arn:aws:logs:eu-west-1:${ACCOUNT}:log-group:/aws/lambda/fn${i}:*`,
    },
    { Effect: 'Allow', Action: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'], Resource: '*' },
  ];
  if (i % 5 === 0) {
    statements.push({
      Effect: 'Allow',
      Action: ['kms:Decrypt', 'kms:DescribeKey'],
      Resource: `arn:aws:kms:eu-west-1:${ACCOUNT}:key/${i}`,
      Condition: { StringEquals: { 'kms:ViaService': 's3.eu-west-1.amazonaws.com' } },
    });
  }
  return parse({ Version: '2012-10-17', Statement: statements });
}

const role = (i) => `arn:aws:iam::${ACCOUNT}:role/app-${i}`;
const describe = (e) => {
  const allowed = e.allowedActions();
  return `${e.actions.size} actions reached, ${allowed.length} allowed, ${allowed.filter((a) => a.scope === 'all').length} on every resource`;
};

time(
  'load catalog (every service, once per process)',
  () => core.listAllActions().length,
  (n) => `${n} actions`,
);

const admin = managed('AdministratorAccess');
const power = managed('PowerUserAccess');
time('AdministratorAccess', () => effectivePermissions(role('admin'), { identityPolicies: [admin] }), describe);
time(
  'AdministratorAccess, same policies (memoized)',
  () => effectivePermissions(role('admin'), { identityPolicies: [admin] }),
  describe,
);
time('PowerUserAccess', () => effectivePermissions(role('power'), { identityPolicies: [power] }), describe);
const boundary = parse({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', NotAction: ['iam:*', 'organizations:*', 'account:*'], Resource: '*' }],
});
time(
  'AdministratorAccess under a boundary without iam',
  () => effectivePermissions(role('bounded'), { identityPolicies: [admin], boundary }),
  (e) => `${describe(e)}, ${e.cutByBoundary().length} cut by the boundary`,
);

const policies = Array.from({ length: PRINCIPALS }, (_, i) => cdkPolicy(i));
// Warm-up: the first principal loads the services it names.
effectivePermissions(role('warm'), { identityPolicies: [cdkPolicy(-1)] });
let sample;
const { ms, cpu } = time(
  `${PRINCIPALS} CDK-style least-privilege principals`,
  () => {
    for (let i = 0; i < PRINCIPALS; i++) sample = effectivePermissions(role(i), { identityPolicies: [policies[i]] });
    return sample;
  },
  describe,
);
console.log(
  `${'  per principal'.padEnd(58)} ${(ms / PRINCIPALS).toFixed(3).padStart(9)} ms wall ${(cpu / PRINCIPALS).toFixed(3).padStart(9)} ms cpu`,
);

const subjects = policies.map((p, i) => [
  {
    source: { id: `p${i}`, name: `p${i}`, document: {}, location: {} },
    type: 'identity',
    parsed: { ok: true, value: p, issues: [] },
  },
]);
const q = time(
  `${PRINCIPALS} x PermissionQueries.blockedEverywhere (3 actions)`,
  () => {
    let blocked = 0;
    for (const s of subjects) {
      const queries = effectivePermissionQueries(s, undefined);
      for (const a of ['iam:PassRole', 's3:GetObject', 'xray:PutTraceSegments'])
        if (queries.blockedEverywhere(a) === 'yes') blocked++;
    }
    return blocked;
  },
  (n) => `${n} blocked`,
);
console.log(
  `${'  per principal'.padEnd(58)} ${(q.ms / PRINCIPALS).toFixed(3).padStart(9)} ms wall ${(q.cpu / PRINCIPALS).toFixed(3).padStart(9)} ms cpu`,
);
