#!/usr/bin/env node
/**
 * The slow half of the bad-input battery (integ/hostile/cases.js): 100,000 statements, 10 MB
 * strings, 10,000-level nesting, against each built CLI (`npm run build` first). `--all` runs the
 * fast cases too; `--cli NAME` keeps one CLI. Prints one line per case and exits 1 if any failed.
 */
import { createRequire } from 'node:module';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const { CLIS, casesFor } = require('../integ/hostile/cases.js');
const { runCase, unstageable } = require('../integ/hostile/run-case.js');

const args = process.argv.slice(2);
const all = args.includes('--all');
const cliAt = args.indexOf('--cli');
const only = cliAt >= 0 ? args[cliAt + 1] : undefined;
if (only !== undefined && !(only in CLIS)) {
  console.error(`hostile-slow: unknown CLI \`${only}\` (expected ${Object.keys(CLIS).join(', ')})`);
  process.exit(2);
}
const TIMEOUT_MS = 120_000;

const dir = mkdtempSync(join(tmpdir(), 'iamgate-hostile-'));
let failed = 0;
let index = 0;
try {
  for (const cli of Object.keys(CLIS)) {
    if (only && cli !== only) continue;
    for (const c of casesFor(cli)) {
      if (!all && !c.slow) continue;
      if (unstageable(c)) {
        console.log(`SKIP ${cli}: ${c.name} (running as root without runuser: every file is readable)`);
        continue;
      }
      const { problems, observed } = await runCase(cli, c, dir, index++, TIMEOUT_MS);
      if (problems.length > 0) failed++;
      console.log(
        `${problems.length ? 'FAIL' : 'ok  '} ${cli}: ${c.name} -> exit ${observed.code} in ${observed.ms} ms` +
          (observed.stderr ? ` | ${observed.stderr}` : '') +
          (problems.length ? ` | ${problems.join('; ')}` : '') +
          (c.bug ? ` | known bug: ${c.bug}` : ''),
      );
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
console.log(failed ? `${failed} case(s) failed` : 'all cases passed');
process.exitCode = failed ? 1 : 0;
