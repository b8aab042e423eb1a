// iamgate and cdk-nag (AwsSolutionsChecks) on the same CDK apps: (a) the grant idioms, where any
// finding is a false positive; (b) planted risks, each in a risky and a safe variant of one stack,
// a finding counting when it appears with the risk and not without it; (c) synthesis time.
// checkov runs on the synthesized templates when a `checkov` binary is on PATH. Run after
// `npm run build`, writes docs/comparison.md:
//   node bench/compare.mjs [--no-write]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadCdkNag, nagFindings } from './cdk-nag.mjs';

const require = createRequire(import.meta.url);
const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cdk = require('aws-cdk-lib');
const iam = require('aws-cdk-lib/aws-iam');
const s3 = require('aws-cdk-lib/aws-s3');
const dynamodb = require('aws-cdk-lib/aws-dynamodb');
const sqs = require('aws-cdk-lib/aws-sqs');
const sns = require('aws-cdk-lib/aws-sns');
const kms = require('aws-cdk-lib/aws-kms');
const lambda = require('aws-cdk-lib/aws-lambda');
const secretsmanager = require('aws-cdk-lib/aws-secretsmanager');
const { IamGuardAspect } = require('../packages/cdk-guard/dist/index.js');
const nag = loadCdkNag();

const lambdaRole = (scope, id, props = {}) =>
  new iam.Role(scope, id, { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'), ...props });
const fnProps = {
  runtime: lambda.Runtime.NODEJS_20_X,
  handler: 'index.handler',
  code: lambda.Code.fromInline('exports.handler = async () => {};'),
};

/** (a) The grant idioms: one stack each, a role and what it is granted on. */
const IDIOMS = {
  'bucket.grantRead': (s, r) => new s3.Bucket(s, 'Bucket').grantRead(r),
  'bucket.grantReadWrite': (s, r) => new s3.Bucket(s, 'Bucket').grantReadWrite(r),
  'table.grantReadWriteData': (s, r) =>
    new dynamodb.Table(s, 'Table', {
      partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING },
    }).grantReadWriteData(r),
  'queue.grantSendMessages': (s, r) => new sqs.Queue(s, 'Queue').grantSendMessages(r),
  'topic.grantPublish': (s, r) => new sns.Topic(s, 'Topic').grantPublish(r),
  'key.grantDecrypt': (s, r) => new kms.Key(s, 'Key').grantDecrypt(r),
  'fn.grantInvoke': (s, r) => new lambda.Function(s, 'Fn', fnProps).grantInvoke(r),
  'secret.grantRead': (s, r) => new secretsmanager.Secret(s, 'Secret').grantRead(r),
};

const ACCOUNT = '123456789012';
const GITHUB = `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com`;
const allow = (actions, resources, extra = {}) => new iam.PolicyStatement({ actions, resources, ...extra });
const BOUNDARY = { boundary: { required: true, allowed: ['arn:aws:iam::*:policy/app-boundary'] } };

/** (b) Planted risks: `build(stack, risky)`; the safe variant is the usual way of writing it. */
const RISKS = {
  'service wildcard on *': (s, risky) =>
    lambdaRole(s, 'Role').addToPolicy(
      risky ? allow(['s3:*'], ['*']) : allow(['s3:GetObject'], ['arn:aws:s3:::reports/*']),
    ),
  'iam:PassRole on *': (s, risky) =>
    lambdaRole(s, 'Role').addToPolicy(allow(['iam:PassRole'], [risky ? '*' : `arn:aws:iam::${ACCOUNT}:role/app-task`])),
  'iam:CreatePolicyVersion on *': (s, risky) =>
    lambdaRole(s, 'Role').addToPolicy(
      allow(['iam:CreatePolicyVersion'], [risky ? '*' : `arn:aws:iam::${ACCOUNT}:policy/app-reports`]),
    ),
  'public bucket policy': (s, risky) => {
    const bucket = new s3.Bucket(s, 'Bucket');
    bucket.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [risky ? new iam.AnyPrincipal() : new iam.AccountRootPrincipal()],
        actions: ['s3:GetObject'],
        resources: [bucket.arnForObjects('*')],
      }),
    );
  },
  'GitHub OIDC trust without sub': (s, risky) =>
    new iam.Role(s, 'Deployer', {
      assumedBy: new iam.WebIdentityPrincipal(GITHUB, {
        StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' },
        ...(risky
          ? {}
          : { StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:acme/app:ref:refs/heads/main' } }),
      }),
    }),
  'role missing the required boundary': (s, risky) =>
    lambdaRole(s, 'Role', risky ? { permissionsBoundary: undefined } : {}),
  'NotAction allow': (s, risky) =>
    lambdaRole(s, 'Role').addToPolicy(
      risky ? allow(undefined, ['*'], { notActions: ['iam:*'] }) : allow(['s3:GetObject'], ['arn:aws:s3:::reports/*']),
    ),
  'cross-account trust without ExternalId': (s, risky) =>
    new iam.Role(s, 'Partner', {
      assumedBy: new iam.AccountPrincipal('210987654321'),
      ...(risky ? {} : { externalIds: ['acme-partner-7f3a'] }),
    }),
};
// The same, in a stack whose account is set (\`env.account\`) rather than known only at deploy.
const WITH_ACCOUNT = 'cross-account trust without ExternalId, stack with env.account';
RISKS[WITH_ACCOUNT] = RISKS['cross-account trust without ExternalId'];

const checkov = spawnSync('checkov', ['--version'], { encoding: 'utf8' });
const CHECKOV = checkov.status === 0 ? checkov.stdout.trim() : undefined;
const checkovSkip = CHECKOV
  ? undefined
  : `checkov not on PATH (${checkov.error?.code ?? `exit ${checkov.status}`}): column skipped`;
if (checkovSkip) console.log(checkovSkip);

/** Synthesizes one stack built by `build` with `tool` ('none' | 'iamgate' | 'cdk-nag'), returns findings and time. */
function synth(build, tool, { boundary = false, risky = false, env } = {}) {
  const outdir = mkdtempSync(path.join(tmpdir(), 'bench-compare-'));
  try {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const app = new cdk.App({ outdir });
    const stack = new cdk.Stack(app, 'Case', env ? { env } : {});
    const result = build(stack);
    // Every role of the risk apps gets the required boundary, except the planted one.
    if (boundary && !(risky && result === 'no-boundary'))
      iam.PermissionsBoundary.of(stack).apply(
        iam.ManagedPolicy.fromManagedPolicyName(stack, 'Boundary', 'app-boundary'),
      );
    const aspect = tool === 'iamgate' ? IamGuardAspect.addTo(app, boundary ? BOUNDARY : {}) : undefined;
    const nagRun = tool === 'cdk-nag' ? nag.attach(app) : undefined;
    app.synth();
    const c1 = process.cpuUsage();
    const ms = { wall: performance.now() - t0, cpu: (c1.user - c0.user + c1.system - c0.system) / 1000 };
    let findings = [];
    if (aspect)
      findings = aspect.report.result.findings.map((f) => ({ rule: f.ruleId, detail: `${f.ruleId} (${f.severity})` }));
    if (nagRun) findings = nagFindings(nagRun.report);
    if (tool === 'checkov') findings = runCheckov(outdir);
    return { findings, ms };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

function runCheckov(outdir) {
  const r = spawnSync(
    'checkov',
    [
      '-f',
      path.join(outdir, 'Case.template.json'),
      '--framework',
      'cloudformation',
      '--output',
      'json',
      '--quiet',
      '--compact',
    ],
    { encoding: 'utf8', maxBuffer: 1 << 26 },
  );
  const out = JSON.parse(r.stdout || '{}');
  const reports = Array.isArray(out) ? out : [out];
  return reports
    .flatMap((rep) => rep.results?.failed_checks ?? [])
    .map((c) => ({ rule: c.check_id, detail: `${c.check_id} ${c.resource}` }));
}

const TOOLS = ['iamgate', 'cdk-nag', ...(CHECKOV ? ['checkov'] : [])];
const isIam = {
  iamgate: () => true,
  'cdk-nag': (f) => /^AwsSolutions-IAM/.test(f.rule),
  checkov: (f) => /IAM|iam/.test(f.detail),
};

const idiomRows = [];
for (const [name, build] of Object.entries(IDIOMS)) {
  const row = { idiom: name };
  const make = (s) => build(s, lambdaRole(s, 'Role'));
  for (const tool of TOOLS) {
    const { findings } = synth(make, tool);
    const iamOnes = findings.filter(isIam[tool]);
    row[tool] = iamOnes.length;
    row[`${tool} (all)`] = findings.length;
    row[`${tool} rules`] = [...new Set(iamOnes.map((f) => f.rule))].join(', ');
  }
  idiomRows.push(row);
}

/**
 * Rules with a finding on the risky variant that the safe one does not have. A finding is its
 * rule and detail (cdk-nag's finding id such as `IAM5[Resource::*]`, checkov's resource), counted.
 */
function planted(safe, risky, tool) {
  const key = (f) => (tool === 'iamgate' ? f.rule : f.detail);
  const count = (fs) => fs.reduce((m, f) => m.set(key(f), (m.get(key(f)) ?? 0) + 1), new Map());
  const a = count(safe);
  const rules = risky.filter((f) => {
    const k = key(f);
    a.set(k, (a.get(k) ?? 0) - 1);
    return a.get(k) < 0;
  });
  return [...new Set(rules.map((f) => f.rule))];
}

const riskRows = [];
for (const [name, build] of Object.entries(RISKS)) {
  const row = { risk: name };
  const noBoundary = name === 'role missing the required boundary';
  for (const tool of TOOLS) {
    const runs = [false, true].map((risky) =>
      synth((s) => (build(s, risky), noBoundary ? 'no-boundary' : undefined), tool, {
        boundary: true,
        risky,
        env: name === WITH_ACCOUNT ? { account: ACCOUNT, region: 'eu-west-1' } : undefined,
      }),
    );
    const rules = planted(runs[0].findings, runs[1].findings, tool);
    row[tool] = rules.length ? rules.join(', ') : '-';
  }
  riskRows.push(row);
}

// (c) Time: the idiom apps, ROUNDS rounds, the configurations interleaved in a rotating order so
// that load from other processes and warm-up affect all alike; median of the round totals.
const ROUNDS = 5;
const CONFIGS = ['none', 'iamgate', 'cdk-nag'];
const rounds = Object.fromEntries(CONFIGS.map((c) => [c, []]));
for (let round = -1; round < ROUNDS; round++) {
  const totals = Object.fromEntries(CONFIGS.map((c) => [c, { wall: 0, cpu: 0 }]));
  for (const [i, build] of Object.values(IDIOMS).entries()) {
    for (let k = 0; k < CONFIGS.length; k++) {
      const tool = CONFIGS[(i + k + round + 1) % CONFIGS.length];
      const { ms } = synth((s) => build(s, lambdaRole(s, 'Role')), tool);
      totals[tool].wall += ms.wall;
      totals[tool].cpu += ms.cpu;
    }
  }
  if (round >= 0) for (const c of CONFIGS) rounds[c].push(totals[c]); // round -1: warm-up
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

console.log('(a) grant idioms: IAM findings (false positives); "(all)" counts every finding of the pack');
console.table(idiomRows);
console.log('(b) planted risks: rules that fire with the risk and not on the safe variant');
console.table(riskRows);
const timeRows = CONFIGS.map((c) => ({
  configuration: c === 'none' ? 'no guard' : c === 'iamgate' ? 'IamGuardAspect' : `cdk-nag AwsSolutionsChecks`,
  'wall ms': Math.round(median(rounds[c].map((t) => t.wall))),
  'CPU ms': Math.round(median(rounds[c].map((t) => t.cpu))),
}));
console.log(`(c) construct + synth of the ${idiomRows.length} idiom apps, median of ${ROUNDS} rounds`);
console.table(timeRows);

if (!process.argv.includes('--no-write')) {
  const versions = {
    iamgate: require('../packages/core/package.json').version,
    'cdk-nag': nag.version,
    'aws-cdk-lib': require('aws-cdk-lib/package.json').version,
    node: process.version,
    checkov: CHECKOV ?? 'not run',
  };
  writeFileSync(
    path.join(REPO, 'docs', 'comparison.md'),
    renderDoc({ versions, idiomRows, riskRows, timeRows, ROUNDS }),
  );
  console.log('wrote docs/comparison.md');
}

function table(rows, columns) {
  const esc = (v) => String(v ?? '').replace(/\|/g, '\\|');
  return [
    `| ${columns.join(' | ')} |`,
    `| ${columns.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${columns.map((c) => esc(r[c])).join(' | ')} |`),
  ].join('\n');
}

function renderDoc({ versions, idiomRows, riskRows, timeRows, ROUNDS }) {
  const date = new Date().toISOString().slice(0, 10);
  const nagOnly = riskRows.filter((r) => r['cdk-nag'] !== '-' && r.iamgate === '-').map((r) => r.risk);
  const iamgateOnly = riskRows.filter((r) => r.iamgate !== '-' && r['cdk-nag'] === '-').map((r) => r.risk);
  const both = riskRows.filter((r) => r.iamgate !== '-' && r['cdk-nag'] !== '-').map((r) => r.risk);
  const neither = riskRows.filter((r) => r.iamgate === '-' && r['cdk-nag'] === '-').map((r) => r.risk);
  const fp = (tool) => idiomRows.reduce((n, r) => n + r[tool], 0);
  const list = (xs) => (xs.length ? xs.map((x) => `\`${x}\``).join(', ') : 'none');
  const idiomCols = [
    'idiom',
    'iamgate',
    'cdk-nag',
    'cdk-nag rules',
    'cdk-nag (all)',
    ...(versions.checkov !== 'not run' ? ['checkov', 'checkov (all)'] : []),
  ];
  const riskCols = ['risk', 'iamgate', 'cdk-nag', ...(versions.checkov !== 'not run' ? ['checkov'] : [])];
  return `# iamgate and cdk-nag

<!-- Generated by bench/compare.mjs: do not edit by hand, rerun it. -->

Measured on ${date} with ${Object.entries(versions)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ')}. Rerun
(after \`npm run build\`; cdk-nag is installed into a temporary folder outside the repository):

    node bench/compare.mjs

Both tools read the same CDK apps, one stack per case. iamgate runs as \`IamGuardAspect\` (default
configuration; the risk apps require the \`app-boundary\` permissions boundary, which every role
there has except the planted one). cdk-nag runs its \`AwsSolutionsChecks\` pack as a CDK validation
plugin, the way cdk-nag v3 is used.

## (a) Grant idioms: false positives

A role and one \`grant*\` call. Whatever the tool reports on the IAM side here is a false positive:
the idiom is the least-privilege way to write it in CDK. The cdk-nag column counts its IAM rules
(\`AwsSolutions-IAM*\`); "(all)" adds its other rules on the same stack (server access logs,
SSL-only, key rotation, ...), which are about the resources and not false positives of the grant.

${table(idiomRows, idiomCols)}

IAM findings on the ${idiomRows.length} idioms: iamgate ${fp('iamgate')}, cdk-nag ${fp('cdk-nag')}.

## (b) Planted risks: what each tool finds

Each risk is a stack in two variants, risky and safe (the usual way of writing the same thing). A
rule counts when it fires on the risky variant and not on the safe one (cdk-nag findings are told
apart by their finding id, \`AwsSolutions-IAM5[Resource::*]\` is not \`AwsSolutions-IAM5[Action::s3:*]\`).

${table(riskRows, riskCols)}

## (c) Time

Construct + synth of the ${idiomRows.length} idiom apps (one stack each), total in ms, median of ${ROUNDS} rounds, the
configurations interleaved. aws-cdk-lib's own CloudFormation validation runs in every configuration.
Small apps mostly measure CDK itself; on a large app, \`node bench/cdk.mjs\` compares the three
configurations on 1,000 roles with grants.

${table(timeRows, ['configuration', 'wall ms', 'CPU ms'])}

## Reading

- Found by both: ${list(both)}.
- Found by iamgate only: ${list(iamgateOnly)}.
- Found by cdk-nag only: ${list(nagOnly)}.
- Found by neither: ${list(neither)}.
- In an environment-agnostic stack (account known only at deploy) iamgate's
  \`trust-policy/cross-account-external-id\` treats a literal account as another one and says
  so in its message ("unless the role is deployed to that account"); with \`env.account\` set it
  compares the accounts. cdk-nag has no rule for it.
- cdk-nag's IAM5 rule flags a \`*\` in an action or resource: the actions and object ARNs CDK's
  S3 grants write (\`s3:GetObject*\`, \`s3:List*\`, \`<bucket arn>/*\`) and the resource of
  \`fn.grantInvoke\` are findings to acknowledge one by one (${idiomRows
    .filter((r) => r['cdk-nag'] > 0)
    .map((r) => `\`${r.idiom}\``)
    .join(', ')} here),
  while iamgate expands the wildcards against the AWS catalog and reads what the grant reaches.
  On the planted risks cdk-nag's finding is that same IAM5 rule: it marks a wildcard, not an
  escalation path, a public principal or a trust problem, and does not tell \`iam:PassRole\` on
  \`*\` from \`s3:List*\` on one bucket. cdk-nag also flags AWS managed policies (IAM4, here the
  function's \`AWSLambdaBasicExecutionRole\`), which iamgate reports only when they give admin or
  escalation rights: a finding cdk-nag gives and iamgate does not, by design.
- cdk-nag checks far more than IAM (logging, encryption, network exposure of many services): it
  is not replaced by iamgate, and both can run on the same app.

## checkov

checkov is a Python tool; ${versions.checkov === 'not run' ? 'PyPI could not be reached from the machine these figures were produced on, so the checkov column is missing. To produce it, install checkov (`pipx install checkov`) so that `checkov` is on PATH and rerun `node bench/compare.mjs`: the script runs `checkov -f <template> --framework cloudformation` on each synthesized template and adds the column.' : `the column above comes from checkov ${versions.checkov} run on each synthesized template.`}
`;
}
