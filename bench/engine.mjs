#!/usr/bin/env node
// The guard engine over generated principals: time and scaling (1k, 5k, 10k principals).
// Build first: `npx tsc -b packages/core`. Run: `node bench/engine.mjs`.
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';

const require = createRequire(import.meta.url);
const { runGuard, RULES, CATEGORIES } = require('../packages/core/dist/index.js');

const SIZES = (process.env.BENCH_SIZES ?? '1000,5000,10000').split(',').map(Number);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);

// A deterministic mix: mostly least-privilege roles, some risky ones, as a real estate looks.
function principal(i) {
  const id = `module.svc${i % 50}.aws_iam_role.r${i}`;
  const statements = [
    {
      Sid: 'Read',
      Effect: 'Allow',
      Action: ['s3:GetObject', 's3:ListBucket'],
      Resource: [`arn:aws:s3:::bucket-${i}`, `arn:aws:s3:::bucket-${i}/*`],
    },
    {
      Sid: 'Table',
      Effect: 'Allow',
      Action: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query'],
      Resource: `arn:aws:dynamodb:us-east-1:111122223333:table/t${i}`,
    },
    {
      Sid: 'Trace',
      Effect: 'Allow',
      Action: ['xray:PutTraceSegments', 'logs:CreateLogStream', 'logs:PutLogEvents'],
      Resource: '*',
    },
  ];
  if (i % 10 === 0) statements.push({ Sid: 'Pass', Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' });
  if (i % 7 === 0)
    statements.push({
      Sid: 'All',
      Effect: 'Allow',
      Action: 'sqs:*',
      Resource: `arn:aws:sqs:us-east-1:111122223333:q${i}`,
    });
  const policy = (n, doc) => ({
    kind: 'inline',
    policy: {
      id: `${id}-p${n}`,
      name: `p${n}`,
      document: doc,
      location: { file: 'plan.json', address: `${id}_policy.p${n}` },
    },
  });
  return {
    id,
    kind: 'role',
    name: `r${i}`,
    path: '/',
    arn: undefined,
    policies: [
      policy(0, { Version: '2012-10-17', Statement: statements }),
      policy(1, {
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Action: 'kms:Decrypt', Resource: `arn:aws:kms:us-east-1:111122223333:key/k${i}` },
        ],
      }),
    ],
    trustPolicy: {
      id: `${id}-trust`,
      name: 'trust',
      document: {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
      },
      location: { file: 'plan.json', address: id },
    },
    tags: {},
    location: { file: 'plan.json', address: id },
  };
}

function scan(n) {
  return { principals: Array.from({ length: n }, (_, i) => principal(i)), resources: [], policies: [], errors: [] };
}

// BENCH_RULES=id,id,... times only those rules (the others off); default: the recommended preset.
const onlyRules = process.env.BENCH_RULES?.split(',');
const config = onlyRules && {
  rules: {
    ...Object.fromEntries(CATEGORIES.map((c) => [c, 'off'])),
    ...Object.fromEntries(onlyRules.map((id) => [id, 'error'])),
  },
};

// BENCH_PER_RULE=1: time each rule alone on 1,000 principals, slowest first.
if (process.env.BENCH_PER_RULE) {
  const input = scan(1000);
  runGuard(input);
  const rows = RULES.filter((r) => !r.meta.emittedByEngine).map((r) => {
    const rules = { ...Object.fromEntries(CATEGORIES.map((c) => [c, 'off'])), [r.meta.id]: 'error' };
    const start = performance.now();
    runGuard(input, { rules });
    return [r.meta.id, performance.now() - start];
  });
  rows.sort((a, b) => b[1] - a[1]);
  for (const [id, ms] of rows) console.log(`${ms.toFixed(0).padStart(7)} ms  ${id}`);
  process.exit(0);
}

// Warm-up: loads the catalog and compiles the configuration schema once, as a CLI run does.
runGuard(scan(2000), config);

// CPU time next to wall time: on a shared machine the wall clock also counts waiting for a core.
console.log('principals  policies  findings   median ms   min ms   cpu ms (min)   per principal µs (median)');
for (const n of SIZES) {
  const input = scan(n);
  const times = [];
  const cpu = [];
  let findings = 0;
  for (let r = 0; r < RUNS; r++) {
    const start = performance.now();
    const startCpu = process.cpuUsage();
    const result = runGuard(input, config);
    times.push(performance.now() - start);
    const used = process.cpuUsage(startCpu);
    cpu.push((used.user + used.system) / 1000);
    findings = result.findings.length;
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)];
  const min = times[0];
  console.log(
    `${String(n).padStart(10)}  ${String(n * 3).padStart(8)}  ${String(findings).padStart(8)}  ${median.toFixed(0).padStart(10)}  ${min.toFixed(0).padStart(7)}  ${Math.min(...cpu).toFixed(0).padStart(13)}  ${((median * 1000) / n).toFixed(0).padStart(17)}`,
  );
}
