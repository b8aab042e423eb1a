// Matching benchmarks. Run `npx tsc -b packages/core` first; this reads packages/core/dist.
//   node bench/matching.mjs
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { matchWildcard, matchPolicyValue, couldOverlap, SymbolicValue } = require('../packages/core/dist/index.js');

function time(label, fn, repeat = 1) {
  fn(); // warm-up
  const start = performance.now();
  let result;
  for (let i = 0; i < repeat; i++) result = fn();
  const ms = (performance.now() - start) / repeat;
  console.log(`${label.padEnd(64)} ${ms.toFixed(3).padStart(10)} ms  (${String(result)})`);
  return ms;
}

const n = 10_000;
console.log('pathological patterns (10,000 characters) against 10,000-character strings, per match:');
time('`*a*a*...*a` vs `aaaa...` (match)', () => matchWildcard('*a'.repeat(n / 2), 'a'.repeat(n)), 20);
time(
  '`*a*a*...*a*b*` vs `aaaa...` (no match, scans to the end)',
  () => matchWildcard('*a'.repeat(n / 2 - 1) + '*b*', 'a'.repeat(n)),
  20,
);
time(
  '`a*a*a*...*c` vs `aaaa...` (no match at the suffix)',
  () => matchWildcard('a*'.repeat(n / 2 - 1) + 'c', 'a'.repeat(n)),
  20,
);
time(
  '`*aaaa...ab*` (one literal segment) vs `aaaa...`',
  () => matchWildcard('*' + 'a'.repeat(n - 3) + 'b*', 'a'.repeat(n)),
  20,
);
time(
  '`*a?a?...?b*` (one `?` segment) vs `aaaa...`',
  () => matchWildcard('*' + 'a?'.repeat(n / 2 - 2) + 'b*', 'a'.repeat(n)),
  5,
);
time('`*?*?*...` vs `aaaa...`', () => matchWildcard('*?'.repeat(n / 2), 'a'.repeat(n)), 20);
time(
  '`*ab*ab*...*` (3-char segments) vs `aaaa...` (no match)',
  () => matchWildcard('*ab'.repeat(n / 3) + '*', 'a'.repeat(n)),
  20,
);
time('couldOverlap `*a*a*...` vs `*b*b*...` (bounded)', () => couldOverlap('*a'.repeat(n / 2), '*b'.repeat(n / 2)), 5);

const actions = [
  's3:GetObject',
  's3:PutObject',
  'iam:PassRole',
  'ec2:DescribeInstances',
  'dynamodb:Query',
  'kms:Decrypt',
  'sts:AssumeRole',
  'lambda:InvokeFunction',
];
const patterns = [
  's3:Get*',
  'iam:*',
  '*',
  'ec2:Describe*',
  'dynamodb:?uery',
  'kms:*crypt*',
  'sts:Assume*',
  'lambda:Invoke*',
  'logs:*',
  's3:*Object',
];
const count = 1_000_000;
time('1M action-pattern matches (ignoreCase)', () => {
  let hits = 0;
  for (let i = 0; i < count; i++) {
    if (matchWildcard(patterns[i % patterns.length], actions[i % actions.length], { ignoreCase: true })) hits++;
  }
  return hits;
});
time('1M action-pattern matches (case-sensitive)', () => {
  let hits = 0;
  for (let i = 0; i < count; i++) if (matchWildcard(patterns[i % patterns.length], actions[i % actions.length])) hits++;
  return hits;
});

const bucket = new SymbolicValue(['arn:aws:s3:::', { id: 'b', source: 'aws_s3_bucket.logs.id' }, '/*']);
const resourcePatterns = ['arn:aws:s3:::*', 'arn:aws:s3:::logs-*', 'arn:aws:sqs:*', '*'];
time('100k symbolic matchPolicyValue', () => {
  let unknown = 0;
  for (let i = 0; i < 100_000; i++) if (matchPolicyValue(resourcePatterns[i % 4], bucket) === 'unknown') unknown++;
  return unknown;
});
