#!/usr/bin/env node
// The README's first command: runs each iamgate entry point on the bundled examples and says
// what a user would see in CI. Runs after `npm run build`.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const steps = [
  {
    title: 'iamgate lint on example policies (risky ones fail the build)',
    bin: 'packages/core/bin/iamgate.js',
    args: ['lint', 'examples/policies'],
    needs: 'examples/policies',
  },
  {
    title: 'tf-scan on an example Terraform plan',
    bin: 'packages/tf-scan/bin/tf-scan.js',
    args: ['examples/terraform/plan.json'],
    needs: 'examples/terraform/plan.json',
  },
  {
    title: 'cdk-guard on an example CloudFormation template',
    bin: 'packages/cdk-guard/bin/cdk-guard.js',
    args: ['examples/cloudformation/template.yaml'],
    needs: 'examples/cloudformation/template.yaml',
  },
];

const meaning = { 0: 'pass: nothing at or above --fail-on', 1: 'fail: findings at or above --fail-on', 2: 'input or usage error' };
let failed = false;
for (const step of steps) {
  if (!existsSync(path.join(root, step.needs))) continue;
  console.log(`\n=== ${step.title}\n$ ${path.basename(step.bin, '.js')} ${step.args.join(' ')}\n`);
  const run = spawnSync(process.execPath, [step.bin, ...step.args], { cwd: root, stdio: 'inherit' });
  const code = run.status ?? 2;
  console.log(`\n(exit code ${code}: ${meaning[code] ?? 'unexpected'})`);
  if (code === 2) failed = true;
}
process.exitCode = failed ? 1 : 0;
