#!/usr/bin/env node
// Writes docs/rules/** and docs/configuration.md from the rule metadata (build the core first:
// `npx tsc -b packages/core`). Run from anywhere: paths are relative to the repository root.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const require = createRequire(import.meta.url);
const { renderDocs } = require('../dist/rules/docs.js');

for (const [path, content] of renderDocs()) {
  const target = join(root, path);
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, content);
  console.log(`wrote ${path}`);
}
