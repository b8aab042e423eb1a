// Benchmark of "what the plan changes" when a plan takes broad permissions away from many roles:
// each role of a plan keeps existing and its inline policy goes from a broad grant to one read.
// `shared`: every role's policy is the same text (a policy module applied to many roles), `*` on `*`;
// `sid`: `*` on `*`, each policy with its own Sid (analyzed once: a Sid does not change what a
// policy allows);
// `resources`: `*` on the role's own bucket, so no two analyses are alike and each reaches every
// action of the catalog;
// `admin+own`: `*` on `*` and on the role's own bucket: distinct analyses that each lose every action.
// Prints the wall time of `tf-scan --format json` and `--format text`, and the JSON report size.
// Usage: node bench/changes.mjs [roles...]   (needs `npm run build` first; default 20 200)
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const BIN = path.join(ROOT, 'packages/tf-scan/bin/tf-scan.js');
const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
const COUNTS = sizes.length > 0 ? sizes : [20, 200];
const PROVIDER = 'registry.terraform.io/hashicorp/aws';

/** A plan where `count` kept roles lose a broad grant (their inline policy rewritten). */
function plan(count, variant) {
  const policy = (statement) => JSON.stringify({ Version: '2012-10-17', Statement: [statement] });
  const narrow = policy({ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::reports/*' });
  const trust = policy({ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' });
  const changes = [];
  for (let i = 0; i < count; i += 1) {
    const role = { name: `app-${i}`, path: '/', assume_role_policy: trust, permissions_boundary: null };
    const admin = policy({
      ...(variant === 'sid' ? { Sid: `Admin${i}` } : {}),
      Effect: 'Allow',
      Action: '*',
      Resource:
        variant === 'resources'
          ? [`arn:aws:s3:::data-${i}`, `arn:aws:s3:::data-${i}/*`]
          : variant === 'admin+own'
            ? ['*', `arn:aws:s3:::data-${i}`]
            : '*',
    });
    changes.push(
      {
        address: `aws_iam_role.app[${i}]`,
        mode: 'managed',
        type: 'aws_iam_role',
        name: 'app',
        index: i,
        provider_name: PROVIDER,
        change: { actions: ['no-op'], before: role, after: role, after_unknown: {} },
      },
      {
        address: `aws_iam_role_policy.app[${i}]`,
        mode: 'managed',
        type: 'aws_iam_role_policy',
        name: 'app',
        index: i,
        provider_name: PROVIDER,
        change: {
          actions: ['update'],
          before: { name: 'app', role: `app-${i}`, policy: admin },
          after: { name: 'app', role: `app-${i}`, policy: narrow },
          after_unknown: {},
        },
      },
    );
  }
  const each = (address, type, expressions) => ({
    address,
    mode: 'managed',
    type,
    name: 'app',
    expressions,
    count_expression: { constant_value: count },
  });
  return {
    format_version: '1.2',
    terraform_version: '1.9.5',
    resource_changes: changes,
    configuration: {
      root_module: {
        resources: [
          each('aws_iam_role.app', 'aws_iam_role', { name: { references: ['count.index'] } }),
          each('aws_iam_role_policy.app', 'aws_iam_role_policy', {
            role: { references: ['aws_iam_role.app', 'count.index'] },
            policy: {},
          }),
        ],
      },
    },
  };
}

function timed(args) {
  const start = process.hrtime.bigint();
  const run = spawnSync(process.execPath, [BIN, ...args, '--fail-on', 'never'], { encoding: 'utf8' });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (run.status !== 0) throw new Error(`tf-scan exited ${run.status}: ${run.stderr.trim().split('\n')[0]}`);
  return seconds;
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'changes-bench-'));
const rows = [];
try {
  for (const count of COUNTS) {
    for (const variant of ['shared', 'sid', 'resources', 'admin+own']) {
      const file = path.join(dir, `plan-${count}-${variant}.json`);
      fs.writeFileSync(file, JSON.stringify(plan(count, variant)));
      const output = path.join(dir, 'report.json');
      const json = timed([file, '--format', 'json', '--output', output]);
      const report = JSON.parse(fs.readFileSync(output, 'utf8'));
      const rowsPerRole = report.changes.reduce((n, c) => n + c.lost.length, 0) / report.changes.length;
      const text = timed([file, '--output', path.join(dir, 'report.txt')]);
      rows.push({
        roles: count,
        policies: variant,
        'json (s)': json.toFixed(2),
        'text (s)': text.toFixed(2),
        'json size': `${(fs.statSync(output).size / 1024).toFixed(0)} KB`,
        'rows per role': rowsPerRole,
      });
    }
  }
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
console.table(rows);
