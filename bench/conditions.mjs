// The sides a template's Conditions may take together (`deployableSides`), on generated templates
// over more and more parameter values: a managed policy whose two large statements are written
// under `IsProd` and `IsDev` (one parameter `Env` equal to `prod` or `dev`: never both), and
// `features` more conditions tied to `Env`, each `Env` is `prod` and its own parameter equal to one
// of `texts` texts. `IsProd` and `IsDev` never hold together whatever the other parameters, so a
// `policy-size` finding is a false one; the CPU time of the `cdk-guard` CLI is printed beside the
// parameter values the conditions compare (their product is what an exhaustive search tries).
// Run after `npm run build`:
//   node bench/conditions.mjs [--runs 3] [features:texts ...]   (default 2:2 6:2 6:3 6:5 6:9)
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

const CDK_GUARD = path.join(import.meta.dirname, '..', 'packages', 'cdk-guard', 'bin', 'cdk-guard.js');
const runsAt = process.argv.indexOf('--runs');
const RUNS = runsAt >= 0 ? Number(process.argv[runsAt + 1]) : 3;
const shapes = process.argv.slice(2).filter((a, i, all) => /^\d+:\d+$/.test(a) && all[i - 1] !== '--runs');
const SHAPES = (shapes.length > 0 ? shapes : ['2:2', '6:2', '6:3', '6:5', '6:9']).map((s) => s.split(':').map(Number));

/** The template described above. */
export function conditionsTemplate(features, texts) {
  const buckets = (prefix) => Array.from({ length: 120 }, (_, i) => `arn:aws:s3:::${prefix}-reports-bucket-${i}/*`);
  const large = (prefix) => ({ Effect: 'Allow', Action: 's3:GetObject', Resource: buckets(prefix) });
  const onSide = (condition, statement) => ({ 'Fn::If': [condition, statement, { Ref: 'AWS::NoValue' }] });
  const parameters = { Env: { Type: 'String' } };
  const conditions = {
    IsProd: { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] },
    IsDev: { 'Fn::Equals': [{ Ref: 'Env' }, 'dev'] },
  };
  for (let f = 0; f < features; f++) {
    parameters[`Flag${f}`] = { Type: 'String' };
    const named = Array.from({ length: texts }, (_, t) => ({ 'Fn::Equals': [{ Ref: `Flag${f}` }, `on${t}`] }));
    conditions[`Feature${f}`] = {
      'Fn::And': [{ Condition: 'IsProd' }, named.length === 1 ? named[0] : { 'Fn::Or': named }],
    };
  }
  return {
    Parameters: parameters,
    Conditions: conditions,
    Resources: {
      Policy: {
        Type: 'AWS::IAM::ManagedPolicy',
        Properties: {
          PolicyDocument: {
            Version: '2012-10-17',
            Statement: [onSide('IsProd', large('prod')), onSide('IsDev', large('dev'))],
          },
        },
      },
    },
  };
}

/** CPU seconds of one run of the CLI on `file`, and its `policy-size` findings. */
function scan(file) {
  const run = spawnSync('bash', ['-c', `TIMEFORMAT='%U %S'; time node "${CDK_GUARD}" "${file}" --format json`], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const [user, system] = run.stderr.trim().split('\n').pop().split(' ').map(Number);
  const findings = JSON.parse(run.stdout).findings.filter((f) => f.ruleId === 'policy-validity/policy-size');
  return { cpu: user + system, findings: findings.length };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dir = mkdtempSync(path.join(tmpdir(), 'iamgate-bench-conditions-'));
  try {
    console.log('features texts values-compared   cpu-s(median)  policy-size findings (0 expected)');
    for (const [features, texts] of SHAPES) {
      const file = path.join(dir, `t-${features}-${texts}.json`);
      writeFileSync(file, JSON.stringify(conditionsTemplate(features, texts)));
      const results = Array.from({ length: RUNS }, () => scan(file));
      const cpu = results.map((r) => r.cpu).sort((a, b) => a - b)[Math.floor(RUNS / 2)];
      const values = 3 * (texts + 1) ** features;
      console.log(
        `${String(features).padStart(8)} ${String(texts).padStart(5)} ${values.toLocaleString('en-US').padStart(15)}   ${cpu.toFixed(2).padStart(13)}  ${results[0].findings}`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
