// Benchmark of tf-scan on generated plans of 1k, 10k and 50k IAM resources:
// end-to-end time and peak memory against `JSON.parse(fs.readFileSync(f))` on the same file.
// Usage: node bench/tf-scan.mjs [--no-op PERCENT] [--broad PERCENT] [--pass-own | --pass-prefix] [sizes...]   (needs `npm run build` first)
// `--no-op 90` makes that share of the changes `no-op`, with `before` equal to `after`, as in the
// plan of a mostly unchanged infrastructure (by default every change is a `create`).
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const BIN = path.join(ROOT, 'packages/tf-scan/bin/tf-scan.js');
const SCAN = path.join(ROOT, 'packages/tf-scan/dist/scan.js');
const CORE = path.join(ROOT, 'packages/core/dist/index.js');
const args = process.argv.slice(2);
const noOpAt = args.indexOf('--no-op');
const NO_OP_PERCENT = noOpAt < 0 ? 0 : Number(args.splice(noOpAt, 2)[1]);
// `--pass-own`: each role may pass its own role (iam:PassRole on its ARN, the idiom of a deploy
// role handing its function its execution role), and the first role holds AdministratorAccess:
// every principal names a principal of the plan, none may reach the administrator.
const passOwnAt = args.indexOf('--pass-own');
const PASS_OWN = passOwnAt >= 0 && args.splice(passOwnAt, 1).length > 0;
// `--pass-prefix`: as `--pass-own`, but each role may pass every role of the prefix (`role/app-*`,
// the first of which holds AdministratorAccess) and create and invoke functions: every principal
// reaches the administrator, and a pattern names every principal of the plan.
const passPrefixAt = args.indexOf('--pass-prefix');
const PASS_PREFIX = passPrefixAt >= 0 && args.splice(passPrefixAt, 1).length > 0;
const broadAt = args.indexOf('--broad');
const BROAD_PERCENT = broadAt < 0 ? 0 : Number(args.splice(broadAt, 2)[1]);
// `--write FILE N` only writes the generated plan (for profiling) and exits.
const writeOnly = args[0] === '--write' ? { file: args[1], count: Number(args[2]) } : undefined;
const sizes = args.map(Number).filter((n) => n > 0);
const SIZES = sizes.length > 0 ? sizes : [1000, 10000, 50000];

/** Writes a plan with `count` IAM resources: roles, their inline policies, managed policies and attachments, in modules. */
function writePlan(file, count) {
  const out = fs.createWriteStream(file);
  const groups = Math.ceil(count / 4);
  const trust = JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
  });
  // Of each hundred groups, the first BROAD_PERCENT get the policies of an estate grown by habit:
  // whole services on every resource, roles passed to any service, data read everywhere.
  const broad = (i) =>
    JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'Data',
          Effect: 'Allow',
          Action: ['s3:*', 'dynamodb:*', `sqs:${i % 2 ? 'Send' : 'Receive'}Message`],
          Resource: '*',
        },
        {
          Sid: 'Deploy',
          Effect: 'Allow',
          Action: ['iam:PassRole', 'lambda:CreateFunction', 'ec2:RunInstances'],
          Resource: '*',
        },
        {
          Sid: 'Logs',
          Effect: 'Allow',
          Action: 'logs:*',
          Resource: `arn:aws:logs:eu-west-1:111122223333:log-group:/app/${i}:*`,
        },
      ],
    });
  const doc = (i) =>
    i % 100 < BROAD_PERCENT
      ? broad(i)
      : JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            {
              Sid: 'Read',
              Effect: 'Allow',
              Action: ['s3:GetObject', 's3:ListBucket'],
              Resource: [`arn:aws:s3:::bucket-${i}`, `arn:aws:s3:::bucket-${i}/*`],
            },
            {
              Sid: 'Logs',
              Effect: 'Allow',
              Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
              Resource: `arn:aws:logs:eu-west-1:111122223333:log-group:/app/${i}:*`,
            },
          ],
        });
  const inlineDoc = (g, name) => {
    if (!PASS_OWN && !PASS_PREFIX) return doc(g);
    if (g === 0)
      return JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] });
    const document = JSON.parse(doc(g));
    document.Statement.push({
      Sid: 'PassOwn',
      Effect: 'Allow',
      Action: 'iam:PassRole',
      Resource: `arn:aws:iam::111122223333:role/${PASS_PREFIX ? 'app-*' : name}`,
    });
    if (PASS_PREFIX)
      document.Statement.push({
        Sid: 'Functions',
        Effect: 'Allow',
        Action: ['lambda:CreateFunction', 'lambda:InvokeFunction'],
        Resource: '*',
      });
    return JSON.stringify(document);
  };
  const modules = Math.max(1, Math.ceil(groups / 500));
  const instances = [];
  for (let g = 0; g < groups; g += 1) {
    const m = g % modules;
    const prefix = `module.svc["m${m}"].`;
    const name = `app-${g}`;
    instances.push(
      {
        address: `${prefix}aws_iam_role.app[${g}]`,
        type: 'aws_iam_role',
        name: 'app',
        index: g,
        module: m,
        values: {
          assume_role_policy: trust,
          description: null,
          force_detach_policies: false,
          max_session_duration: 3600,
          name,
          path: '/',
          permissions_boundary: null,
          tags: { team: `t${g % 20}` },
          tags_all: { team: `t${g % 20}` },
        },
        unknown: {
          arn: true,
          create_date: true,
          id: true,
          inline_policy: true,
          managed_policy_arns: true,
          name_prefix: true,
          role_last_used: true,
          tags: {},
          tags_all: {},
          unique_id: true,
        },
        sensitive: { inline_policy: [], managed_policy_arns: [], role_last_used: [], tags: {}, tags_all: {} },
      },
      {
        address: `${prefix}aws_iam_role_policy.app[${g}]`,
        type: 'aws_iam_role_policy',
        name: 'app',
        index: g,
        module: m,
        values: { name: 'inline', name_prefix: null, policy: inlineDoc(g, name), role: name },
        unknown: { id: true },
        sensitive: {},
      },
      {
        address: `${prefix}aws_iam_policy.shared[${g}]`,
        type: 'aws_iam_policy',
        name: 'shared',
        index: g,
        module: m,
        values: { description: null, name: `shared-${g}`, path: '/', policy: doc(g + 1), tags: null },
        unknown: { arn: true, attachment_count: true, id: true, name_prefix: true, policy_id: true, tags_all: true },
        sensitive: { tags_all: {} },
      },
      {
        address: `${prefix}aws_iam_role_policy_attachment.shared[${g}]`,
        type: 'aws_iam_role_policy_attachment',
        name: 'shared',
        index: g,
        module: m,
        values: { role: name },
        unknown: { id: true, policy_arn: true },
        sensitive: {},
      },
    );
    // What the provider shows of each once it exists (`no-op` changes and the prior state).
    const roleArn = `arn:aws:iam::111122223333:role/${name}`;
    const policyArn = `arn:aws:iam::111122223333:policy/shared-${g}`;
    const [role, inline, policy, attachment] = instances.slice(-4);
    role.existing = {
      ...role.values,
      arn: roleArn,
      create_date: '2026-01-05T10:00:00Z',
      id: name,
      inline_policy: [{ name: 'inline', policy: inline.values.policy }],
      managed_policy_arns: [policyArn],
      name_prefix: '',
      role_last_used: [{ last_used_date: '', region: '' }],
      unique_id: `AROA${String(g).padStart(17, '0')}`,
    };
    inline.existing = { ...inline.values, id: `${name}:inline` };
    policy.existing = {
      ...policy.values,
      arn: policyArn,
      attachment_count: 1,
      id: policyArn,
      name_prefix: '',
      policy_id: `ANPA${String(g).padStart(17, '0')}`,
      tags_all: {},
    };
    attachment.existing = { ...attachment.values, id: `${name}-20260105100000000000000001`, policy_arn: policyArn };
  }
  // Of each hundred groups (a role, its policies, its attachment), the first NO_OP_PERCENT exist
  // already (`no-op`), the others are created.
  instances.forEach((i, n) => {
    i.noOp = Math.floor(n / 4) % 100 < NO_OP_PERCENT;
  });
  const write = (s) => out.write(s);
  /** A module's resources as `planned_values` or `prior_state` list them. */
  const writeModules = (shown, valuesOf) => {
    write('{"root_module":{"child_modules":[');
    for (let m = 0; m < modules; m += 1) {
      write(`${m ? ',' : ''}{"address":${JSON.stringify(`module.svc["m${m}"]`)},"resources":[`);
      let first = true;
      for (const i of instances) {
        if (i.module !== m || !shown(i)) continue;
        write(
          `${first ? '' : ','}${JSON.stringify({ address: i.address, mode: 'managed', type: i.type, name: i.name, index: i.index, provider_name: 'registry.terraform.io/hashicorp/aws', schema_version: 0, values: valuesOf(i), sensitive_values: i.sensitive })}`,
        );
        first = false;
      }
      write(']}');
    }
    write(']}}');
  };
  write('{"format_version":"1.2","terraform_version":"1.9.5","planned_values":');
  writeModules(
    () => true,
    (i) => (i.noOp ? i.existing : i.values),
  );
  write(',"resource_changes":[');
  instances.forEach((i, n) => {
    const change = i.noOp
      ? {
          actions: ['no-op'],
          before: i.existing,
          after: i.existing,
          after_unknown: {},
          before_sensitive: i.sensitive,
          after_sensitive: i.sensitive,
        }
      : {
          actions: ['create'],
          before: null,
          after: i.values,
          after_unknown: i.unknown,
          before_sensitive: false,
          after_sensitive: i.sensitive,
        };
    write(
      `${n ? ',' : ''}${JSON.stringify({ address: i.address, module_address: `module.svc["m${i.module}"]`, mode: 'managed', type: i.type, name: i.name, index: i.index, provider_name: 'registry.terraform.io/hashicorp/aws', change })}`,
    );
  });
  const config = {
    provider_config: { aws: { name: 'aws', expressions: { region: { constant_value: 'eu-west-1' } } } },
    root_module: {
      module_calls: {
        svc: {
          source: './svc',
          for_each_expression: { references: ['local.services'] },
          module: {
            resources: [
              {
                address: 'aws_iam_role.app',
                mode: 'managed',
                type: 'aws_iam_role',
                name: 'app',
                expressions: { name: { references: ['count.index'] }, assume_role_policy: {} },
                count_expression: { references: ['var.n'] },
              },
              {
                address: 'aws_iam_role_policy.app',
                mode: 'managed',
                type: 'aws_iam_role_policy',
                name: 'app',
                expressions: { role: { references: ['aws_iam_role.app', 'count.index'] }, policy: {} },
                count_expression: { references: ['var.n'] },
              },
              {
                address: 'aws_iam_policy.shared',
                mode: 'managed',
                type: 'aws_iam_policy',
                name: 'shared',
                expressions: { policy: {} },
                count_expression: { references: ['var.n'] },
              },
              {
                address: 'aws_iam_role_policy_attachment.shared',
                mode: 'managed',
                type: 'aws_iam_role_policy_attachment',
                name: 'shared',
                expressions: {
                  role: { references: ['aws_iam_role.app', 'count.index'] },
                  policy_arn: { references: ['aws_iam_policy.shared', 'count.index'] },
                },
                count_expression: { references: ['var.n'] },
              },
            ],
          },
        },
      },
    },
  };
  write(']');
  // Resources that exist are in the prior state too, as `terraform show -json` writes it.
  if (NO_OP_PERCENT > 0) {
    write(',"prior_state":{"format_version":"1.0","terraform_version":"1.9.5","values":');
    writeModules(
      (i) => i.noOp,
      (i) => i.existing,
    );
    write('}');
  }
  write(`,"configuration":${JSON.stringify(config)}}\n`);
  return new Promise((resolve) => out.end(resolve));
}

/** Wall time and CPU time (s, user + system) and peak resident memory (bytes) of a command, from /usr/bin/time -v. */
function measure(args) {
  const result = spawnSync('/usr/bin/time', ['-v', process.execPath, ...args], {
    encoding: 'utf8',
    maxBuffer: 1 << 30,
  });
  const rss = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(result.stderr)?.[1] ?? NaN) * 1024;
  const wall = /Elapsed \(wall clock\) time.*: (?:(\d+):)?(\d+):(\d+(?:\.\d+)?)/.exec(result.stderr);
  const seconds = wall ? Number(wall[1] ?? 0) * 3600 + Number(wall[2]) * 60 + Number(wall[3]) : NaN;
  const cpu = ['User', 'System'].reduce(
    (sum, kind) => sum + Number(new RegExp(`${kind} time \\(seconds\\): ([\\d.]+)`).exec(result.stderr)?.[1] ?? NaN),
    0,
  );
  return { seconds, cpu, rss, code: result.status };
}

/**
 * Where the time goes, timed inside one process (modules from dist/, best of `runs`): reading and
 * extraction, the guard's first run, and a second run of the guard on the same input (the
 * difference is V8 warming up and the per-process caches filling).
 */
function phases(file, runs) {
  const script = `
    const core = require(${JSON.stringify(CORE)});
    const { extractFiles } = require(${JSON.stringify(SCAN)});
    const t0 = performance.now();
    extractFiles([${JSON.stringify(file)}]).then((input) => {
      const t1 = performance.now();
      core.runGuard(input, {});
      const t2 = performance.now();
      core.runGuard(input, {});
      const t3 = performance.now();
      console.log(JSON.stringify([t1 - t0, t2 - t1, t3 - t2]));
    });`;
  const all = [];
  for (let run = 0; run < runs; run += 1) {
    const result = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', maxBuffer: 1 << 30 });
    const last = result.stdout.trim().split('\n').pop() ?? '';
    if (!last.startsWith('[')) return `failed: ${result.stderr.trim().split('\n')[0] ?? ''}`;
    all.push(JSON.parse(last));
  }
  const [read, guard, again] = [0, 1, 2].map((i) => Math.min(...all.map((a) => a[i])) / 1000);
  return `read+extract ${read.toFixed(2)} s, guard ${guard.toFixed(2)} s (again: ${again.toFixed(2)} s)`;
}

function best(args, runs) {
  const all = Array.from({ length: runs }, () => measure(args));
  return {
    seconds: Math.min(...all.map((r) => r.seconds)),
    cpu: Math.min(...all.map((r) => r.cpu)),
    rss: Math.max(...all.map((r) => r.rss)),
    code: all[0].code,
  };
}

if (writeOnly) {
  await writePlan(writeOnly.file, writeOnly.count);
  process.exit(0);
}

const mb = (n) => `${(n / 1024 / 1024).toFixed(1)} MB`;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tf-scan-bench-'));
const rows = [];
// The runtime's own cost (`node -e ''`), so that memory above it can be read next to the absolute figure.
const bare = best(['-e', ''], 3);
console.log(`bare node: ${bare.seconds.toFixed(2)} s, ${mb(bare.rss)}`);
const above = (run) => `+${mb(run.rss - bare.rss)} over bare node`;
try {
  for (const count of SIZES) {
    const file = path.join(dir, `plan-${count}.json`);
    if (NO_OP_PERCENT > 0) console.log(`${count}: ${NO_OP_PERCENT}% of the changes no-op`);
    await writePlan(file, count);
    const size = fs.statSync(file).size;
    const runs = count >= 50000 ? 1 : 3;
    const parse = best(['-e', `JSON.parse(require('fs').readFileSync(${JSON.stringify(file)}))`], runs);
    const extract = best(
      [
        '-e',
        `require(${JSON.stringify(SCAN)}).extractFiles([${JSON.stringify(file)}]).then((r) => { if (r.errors.length) { console.error(r.errors); process.exit(2); } })`,
      ],
      runs,
    );
    const cli = best([BIN, file, '--format', 'json', '--output', '/dev/null', '--fail-on', 'never'], runs);
    const split = phases(file, runs);
    rows.push({
      resources: count,
      file: mb(size),
      'JSON.parse': `${parse.seconds.toFixed(2)} s (${parse.cpu.toFixed(2)} s CPU), ${mb(parse.rss)} (${above(parse)})`,
      'extract only': `${extract.seconds.toFixed(2)} s (${extract.cpu.toFixed(2)} s CPU, ${(extract.seconds / parse.seconds).toFixed(2)}x), ${mb(extract.rss)} (${(extract.rss / size).toFixed(2)}x file, ${above(extract)})`,
      'tf-scan CLI (with engine)': `${cli.seconds.toFixed(2)} s (${cli.cpu.toFixed(2)} s CPU, ${(cli.seconds / parse.seconds).toFixed(2)}x), ${mb(cli.rss)} (${(cli.rss / size).toFixed(2)}x file, ${above(cli)}), exit ${cli.code}`,
      'phases in one process': split,
    });
    fs.rmSync(file);
  }
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
console.table(rows);
