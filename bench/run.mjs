#!/usr/bin/env node
// `npm run bench [-- NAME...]`: runs the named benchmarks of this folder (all but the slow CDK
// ones by default), one after the other, each in its own process. See bench/README.md.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const FAST = ['matching', 'catalog', 'evaluator', 'effective', 'engine', 'tf-scan'];
const ALL = [...FAST, 'cdk', 'compare'];
const names = process.argv.slice(2);
const chosen = names.length === 0 ? FAST : names;
const unknown = chosen.filter((n) => !ALL.includes(n));
if (unknown.length > 0) {
  console.error(`bench: unknown benchmark \`${unknown[0]}\` (expected one of ${ALL.join(', ')})`);
  process.exit(2);
}
let failed = 0;
for (const name of chosen) {
  console.log(`\n=== bench/${name}.mjs`);
  const run = spawnSync(process.execPath, [path.join(here, `${name}.mjs`)], { stdio: 'inherit' });
  if (run.status !== 0) failed++;
}
process.exitCode = failed > 0 ? 1 : 0;
