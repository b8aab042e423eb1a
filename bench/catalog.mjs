// Catalog benchmarks. Run `npx tsc -b packages/core` first; this reads packages/core/dist.
//   node bench/catalog.mjs
// Start-up figures are for a fresh process: run this file on its own.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

function once(label, fn) {
  const start = performance.now();
  const result = fn();
  const ms = performance.now() - start;
  console.log(`${label.padEnd(60)} ${ms.toFixed(2).padStart(10)} ms  (${String(result)})`);
  return result;
}

const core = once('require @iamgate/core (dist)', () => {
  const module = require('../packages/core/dist/index.js');
  return typeof module.getAction;
});
const api = require('../packages/core/dist/index.js');

once('first getAction (loads s3)', () => api.getAction('s3:GetObject')?.accessLevel);
once('second getAction, same service', () => api.getAction('s3:PutObject')?.accessLevel);
once('getAction, another service (loads iam)', () => api.getAction('iam:PassRole')?.accessLevel);
once('expandActionPattern s3:Get*', () => api.expandActionPattern('s3:Get*').length);
once('expandActionPattern * (generated action index)', () => api.expandActionPattern('*').length);
once('expandNotAction [iam:*]', () => api.expandNotAction(['iam:*']).length);
once('listWildcardOnlyActions', () => api.listWildcardOnlyActions().length);
once('first getConditionKey', () => api.getConditionKey('aws:SourceIp')?.type);
once('diagnoseUnknownAction s3:GetObjetc', () => api.diagnoseUnknownAction('s3:GetObjetc')?.suggestion);
once('diagnoseUnknownAction iamm:PassRole', () => api.diagnoseUnknownAction('iamm:PassRole')?.suggestion);
once('first resourceTypesForArn (indexes every ARN format)', () => api.resourceTypesForArn('arn:aws:s3:::b/k').length);
once(
  'first getManagedPolicy (index + one shard)',
  () => api.getManagedPolicy('arn:aws:iam::aws:policy/ReadOnlyAccess')?.name,
);
once(
  'second getManagedPolicy, another shard',
  () => api.getManagedPolicy('arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole')?.name,
);
once('listManagedPolicies', () => api.listManagedPolicies().length);

const arns = [
  'arn:aws:s3:::my-bucket',
  'arn:aws:s3:::my-bucket/path/to/object.txt',
  'arn:aws:iam::111122223333:role/service-role/app',
  'arn:aws:dynamodb:us-east-1:111122223333:table/Orders',
  'arn:aws:dynamodb:us-east-1:111122223333:table/Orders/index/ByDate',
  'arn:aws:lambda:us-east-1:111122223333:function:handler',
  'arn:aws:sqs:us-east-1:111122223333:queue',
  'arn:aws:logs:us-east-1:111122223333:log-group:/aws/lambda/handler',
  'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab',
  'arn:aws:ec2:us-east-1:111122223333:instance/i-0123456789abcdef0',
];
once('100k ARN-to-resource-type mappings, distinct ARNs', () => {
  let found = 0;
  for (let i = 0; i < 100_000; i++) found += api.resourceTypesForArn(arns[i % arns.length] + i).length;
  return found;
});
once('100k ARN-to-resource-type mappings, 10 repeated ARNs', () => {
  let found = 0;
  for (let i = 0; i < 100_000; i++) found += api.resourceTypesForArn(arns[i % arns.length]).length;
  return found;
});
once('10k ARN-pattern-to-resource-type mappings', () => {
  let found = 0;
  for (let i = 0; i < 10_000; i++) found += api.resourceTypesForArn(`arn:aws:s3:::bucket-${i}/*`).length;
  return found;
});
once('100k actionResourceMatch', () => {
  let matches = 0;
  for (let i = 0; i < 100_000; i++) if (api.actionResourceMatch('s3:GetObject', arns[i % 2]) === 'match') matches++;
  return matches;
});
once('1M expandActionPattern (cached patterns)', () => {
  const patterns = ['s3:Get*', 'iam:*', 'ec2:Describe*', 'dynamodb:*', 'kms:Decrypt'];
  let total = 0;
  for (let i = 0; i < 1_000_000; i++) total += api.expandActionPattern(patterns[i % patterns.length]).length;
  return total;
});
void core;
