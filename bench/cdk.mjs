// Synthesis time of a generated CDK app of 1,000 roles with grants, without any guard, with
// `IamGuardAspect` and with cdk-nag's AwsSolutionsChecks, and the findings each gives on this
// idiom-only app. Target: the guard adds at most 10%. Run after `npm run build`:
//   node bench/cdk.mjs [--roles 1000] [--runs 5] [--no-cdk-nag]
// With `--templates`: the `cdk-guard` CLI on generated plain templates of 2,500 to 20,000
// resources (half Lambda roles with a policy each, half buckets), time per 1,000 resources, which
// should stay flat (linear).
// cdk-nag is installed by this script into a temporary folder outside the repository.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { loadCdkNag, nagFindingCount } from './cdk-nag.mjs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';

const require = createRequire(import.meta.url);
const cdk = require('aws-cdk-lib');
const iam = require('aws-cdk-lib/aws-iam');
const s3 = require('aws-cdk-lib/aws-s3');
const dynamodb = require('aws-cdk-lib/aws-dynamodb');
const sqs = require('aws-cdk-lib/aws-sqs');
const sns = require('aws-cdk-lib/aws-sns');
const { IamGuardAspect } = require('../packages/cdk-guard/dist/index.js');
const { CATEGORIES } = require('../packages/core/dist/index.js');
// Every rule off: what the adapter costs (templates -> scan input, policy parsing), without the rules.
const RULES_OFF = { rules: Object.fromEntries(CATEGORIES.map((c) => [c, 'off'])) };

const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const ROLES = arg('--roles', 1000);
const RUNS = arg('--runs', 5);

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** A plain template of `count` resources: Lambda roles reading their own bucket, and the buckets. */
function generatedTemplate(count) {
  const resources = {};
  for (let i = 0; i < count / 2; i++) {
    resources[`Role${i}`] = {
      Type: 'AWS::IAM::Role',
      Properties: {
        AssumeRolePolicyDocument: {
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
        },
        Policies: [
          {
            PolicyName: 'read',
            PolicyDocument: {
              Version: '2012-10-17',
              Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: { 'Fn::Sub': `\${Bucket${i}.Arn}/*` } }],
            },
          },
        ],
      },
    };
    resources[`Bucket${i}`] = { Type: 'AWS::S3::Bucket' };
  }
  return { Resources: resources };
}

if (process.argv.includes('--templates')) {
  const dir = mkdtempSync(path.join(tmpdir(), 'iamgate-bench-templates-'));
  const bin = path.join(import.meta.dirname, '../packages/cdk-guard/bin/cdk-guard.js');
  const rows = [];
  try {
    for (const count of [2500, 5000, 10000, 20000]) {
      const file = path.join(dir, `t${count}.json`);
      writeFileSync(file, JSON.stringify(generatedTemplate(count)));
      const times = [];
      for (let i = 0; i < RUNS; i++) {
        const started = performance.now();
        const result = spawnSync(process.execPath, [bin, file, '--quiet'], { encoding: 'utf8' });
        times.push(performance.now() - started);
        if (result.status !== 0) throw new Error(`cdk-guard exited ${result.status}: ${result.stderr}`);
      }
      const ms = median(times);
      rows.push({
        resources: count,
        'median ms': Math.round(ms),
        'ms per 1,000 resources': Math.round((ms / count) * 1000),
      });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  console.table(rows);
  process.exit(0);
}
// CloudFormation allows 500 resources per stack: 100 roles (+ their policies) per stack.
const ROLES_PER_STACK = 100;
const SHARED = 10;

function buildApp(outdir) {
  const app = new cdk.App({ outdir });
  for (let s = 0; s * ROLES_PER_STACK < ROLES; s++) {
    const stack = new cdk.Stack(app, `Service${s}`);
    const buckets = Array.from({ length: SHARED }, (_, i) => new s3.Bucket(stack, `Bucket${i}`));
    const tables = Array.from(
      { length: SHARED },
      (_, i) =>
        new dynamodb.Table(stack, `Table${i}`, { partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING } }),
    );
    const queues = Array.from({ length: SHARED }, (_, i) => new sqs.Queue(stack, `Queue${i}`));
    const topics = Array.from({ length: SHARED }, (_, i) => new sns.Topic(stack, `Topic${i}`));
    for (let r = 0; r < ROLES_PER_STACK && s * ROLES_PER_STACK + r < ROLES; r++) {
      const role = new iam.Role(stack, `Role${r}`, { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
      buckets[r % SHARED].grantRead(role);
      tables[(r + 1) % SHARED].grantReadWriteData(role);
      queues[(r + 2) % SHARED].grantSendMessages(role);
      topics[(r + 3) % SHARED].grantPublish(role);
    }
  }
  return app;
}

const nag = process.argv.includes('--no-cdk-nag') ? undefined : loadCdkNag();

function run(withGuard, props = {}, withNag = false) {
  const outdir = mkdtempSync(path.join(tmpdir(), 'bench-cdk-'));
  try {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    const app = buildApp(outdir);
    let aspect;
    if (withGuard) aspect = IamGuardAspect.addTo(app, props);
    const nagRun = withNag ? nag.attach(app) : undefined;
    const t1 = performance.now();
    const c1 = process.cpuUsage();
    app.synth();
    const t2 = performance.now();
    const c2 = process.cpuUsage();
    const cpu = (a, b) => (b.user - a.user + b.system - a.system) / 1000;
    if (withGuard && aspect.report.result.findings.length !== 0)
      throw new Error(`unexpected findings: ${aspect.report.result.findings.length}`);
    if (withGuard && aspect.report.input.principals.length !== ROLES)
      throw new Error(`expected ${ROLES} roles, got ${aspect.report.input.principals.length}`);
    const findings = withGuard ? aspect.report.result.findings.length : withNag ? nagFindingCount(nagRun.report) : 0;
    const iamFindings = withNag ? nagFindingCount(nagRun.report, /^AwsSolutions-IAM/) : findings;
    return { build: t1 - t0, synth: t2 - t1, cpuTotal: cpu(c0, c2), cpuSynth: cpu(c1, c2), findings, iamFindings };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

run(false); // warm-up: module loading and JIT
run(true);
const plain = [];
const guarded = [];
const adapterOnly = [];
const nagged = [];
if (nag) run(false, {}, true);
for (let i = 0; i < RUNS; i++) {
  // Interleaved, so that load from other processes affects all alike.
  plain.push(run(false));
  guarded.push(run(true));
  adapterOnly.push(run(true, RULES_OFF));
  if (nag) nagged.push(run(false, {}, true));
}
const p = median(plain.map((r) => r.build + r.synth));
const g = median(guarded.map((r) => r.build + r.synth));
const ps = median(plain.map((r) => r.synth));
const gs = median(guarded.map((r) => r.synth));
const pct = (a, b) => `${(((b - a) / a) * 100).toFixed(1)}%`;
console.log(
  `cdk app: ${ROLES} roles with 4 grants each, ${Math.ceil(ROLES / ROLES_PER_STACK)} stacks, median of ${RUNS} runs`,
);
console.log(
  `  construct + synth: without guard ${p.toFixed(0)} ms, with IamGuardAspect ${g.toFixed(0)} ms (+${pct(p, g)})`,
);
console.log(
  `  app.synth() only:  without guard ${ps.toFixed(0)} ms, with IamGuardAspect ${gs.toFixed(0)} ms (+${pct(ps, gs)})`,
);
// CPU time of the process: less sensitive than wall time to other processes on a shared machine.
const pc = median(plain.map((r) => r.cpuTotal));
const gc = median(guarded.map((r) => r.cpuTotal));
const pcs = median(plain.map((r) => r.cpuSynth));
const gcs = median(guarded.map((r) => r.cpuSynth));
const ac = median(adapterOnly.map((r) => r.cpuTotal));
const acs = median(adapterOnly.map((r) => r.cpuSynth));
console.log(
  `  CPU with every rule off (adapter + engine without rules): construct + synth ${ac.toFixed(0)} ms (+${pct(pc, ac)}), app.synth() only ${acs.toFixed(0)} ms (+${pct(pcs, acs)})`,
);
console.log(
  `  CPU, construct + synth: without ${pc.toFixed(0)} ms, with ${gc.toFixed(0)} ms (+${pct(pc, gc)}); app.synth() only: without ${pcs.toFixed(0)} ms, with ${gcs.toFixed(0)} ms (+${pct(pcs, gcs)})`,
);

// The three configurations side by side (median of the runs, ms).
const row = (name, rs) => ({
  configuration: name,
  'wall total': Math.round(median(rs.map((r) => r.build + r.synth))),
  'wall synth': Math.round(median(rs.map((r) => r.synth))),
  'CPU total': Math.round(median(rs.map((r) => r.cpuTotal))),
  'CPU synth': Math.round(median(rs.map((r) => r.cpuSynth))),
  findings: rs[0].findings,
  'IAM findings': rs[0].iamFindings,
});
const rows = [row('no guard', plain), row('IamGuardAspect', guarded)];
if (nag) rows.push(row(`cdk-nag ${nag.version} AwsSolutionsChecks`, nagged));
else console.log('  cdk-nag: skipped (--no-cdk-nag)');
console.table(rows);
if (nag) console.log(`  cdk-nag IAM findings per role: ${(nagged[0].iamFindings / ROLES).toFixed(2)}`);
