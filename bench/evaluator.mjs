// Request evaluator benchmark: decisions per second on the conformance oracle's random case mix,
// parsing and evaluation measured apart, side by side with the reference implementation
// (@cloud-copilot/iam-simulate, installed here into a temporary folder, never a dependency).
//   npx tsc -b packages/core && node bench/evaluator.mjs [cases.jsonl]
// Without an argument the cases come from ../shared/tools/oracle/oracle.mjs --random 20000.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));
const { readCase, evaluate, compilePolicySet } = require('../packages/core/dist/index.js');
const REFERENCE_VERSION = '0.1.173';

function casesFile() {
  if (process.argv[2]) return process.argv[2];
  const out = path.join(os.tmpdir(), 'iamgate-bench-evaluator-cases');
  const file = path.join(out, 'cases.jsonl');
  if (!fs.existsSync(file)) {
    const oracle = path.resolve(here, '../../shared/tools/oracle/oracle.mjs');
    const r = spawnSync(
      'node',
      [oracle, '--random', '20000', '--seed', '4242', '--no-vectors', '--out', out, '--', 'true'],
      { stdio: 'ignore' },
    );
    if (!fs.existsSync(file)) throw new Error(`could not generate cases with ${oracle} (exit ${r.status})`);
  }
  return file;
}

function reference() {
  const prefix = path.join(os.tmpdir(), `iamgate-bench-reference-${REFERENCE_VERSION}`);
  const pkg = path.join(prefix, 'node_modules/@cloud-copilot/iam-simulate/package.json');
  if (!fs.existsSync(pkg)) {
    fs.mkdirSync(prefix, { recursive: true });
    const r = spawnSync(
      'npm',
      [
        'install',
        '--prefix',
        prefix,
        '--no-audit',
        '--no-fund',
        '--no-save',
        `@cloud-copilot/iam-simulate@${REFERENCE_VERSION}`,
      ],
      { stdio: 'ignore' },
    );
    if (r.status !== 0) return undefined;
  }
  return createRequire(pkg)('@cloud-copilot/iam-simulate');
}

const rcpAllowAll = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }],
});
function referenceRequest(sim, c) {
  const r = c.request;
  return {
    request: {
      principal: r.principal === 'anonymous' ? sim.anonymousPrincipal : r.principal,
      action: r.action,
      resource: { resource: r.resource, accountId: r.resourceAccount },
      contextVariables: r.context || {},
    },
    identityPolicies: (c.identityPolicies || []).map((policy, i) => ({ name: `identity-${i}`, policy })),
    permissionBoundaryPolicies: c.permissionsBoundary
      ? [{ name: 'boundary', policy: c.permissionsBoundary }]
      : undefined,
    resourcePolicy: c.resourcePolicy,
    sessionPolicy: c.sessionPolicy,
    serviceControlPolicies: (c.serviceControlPolicies || []).map((lvl, i) => ({
      orgIdentifier: `scp-${i}`,
      policies: lvl.map((policy, j) => ({ name: `scp-${i}-${j}`, policy })),
    })),
    resourceControlPolicies: (c.resourceControlPolicies || []).map((lvl, i) => ({
      orgIdentifier: `rcp-${i}`,
      policies: lvl
        .filter((p) => JSON.stringify(p) !== rcpAllowAll)
        .map((policy, j) => ({ name: `rcp-${i}-${j}`, policy })),
    })),
  };
}

const fmt = (n) => Math.round(n).toLocaleString('en-US');

/**
 * Runs `fn` (after `warmup` untimed runs) and returns its wall and CPU milliseconds. The machine
 * may be shared: CPU time (user + system of this process) is the steadier figure of the two.
 */
function measure(fn, warmup = 1) {
  for (let i = 0; i < warmup; i++) fn();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  fn();
  const wall = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  return { wall, cpu: (cpu.user + cpu.system) / 1000 };
}
const report = (label, count, m, unit = 'decisions/s') =>
  console.log(
    `${label.padEnd(46)} ${fmt((count / m.cpu) * 1000).padStart(10)} ${unit} per CPU second  (${fmt((count / m.wall) * 1000)} wall)`,
  );

const lines = fs
  .readFileSync(casesFile(), 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '');
const raw = lines.map((l) => JSON.parse(l));
console.log(`${fmt(raw.length)} cases (oracle random mix), one core, node ${process.version}`);

// ---- iamgate: parse (case object -> model), compile, evaluate; each measured apart
let parsed = [];
const parse = measure(() => {
  parsed = raw
    .map((c) => readCase(c))
    .filter((r) => r.ok)
    .map((r) => r.value);
});
// Compilation is cached per Policy object: measure it on a fresh parse (warm-up on another).
const compileOnce = () => {
  const fresh = raw
    .map((c) => readCase(c))
    .filter((r) => r.ok)
    .map((r) => r.value);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const out = fresh.map((c) => ({ request: c.request, policies: compilePolicySet(c.policies) }));
  const cpu = process.cpuUsage(cpu0);
  return { out, m: { wall: performance.now() - t0, cpu: (cpu.user + cpu.system) / 1000 } };
};
compileOnce();
const { out: compiled, m: compile } = compileOnce();
const options = { deriveContextKeys: false };
let allowed = 0;
const rounds = 10;
const evaluation = measure(() => {
  allowed = 0;
  for (let r = 0; r < rounds; r++)
    for (const c of compiled) if (evaluate(c.request, c.policies, options).decision === 'Allowed') allowed++;
}, 1);
const evalPerRound = { wall: evaluation.wall / rounds, cpu: evaluation.cpu / rounds };

report('iamgate parse (readCase: JSON -> Policy)', parsed.length, parse, 'cases/s');
report('iamgate compile (policies of a case)', compiled.length, compile, 'cases/s');
report('iamgate evaluate (pre-compiled policies)', compiled.length, evalPerRound);
const endToEnd = {
  wall: parse.wall + compile.wall + evalPerRound.wall,
  cpu: parse.cpu + compile.cpu + evalPerRound.cpu,
};
report('iamgate parse + compile + evaluate', compiled.length, endToEnd);
console.log(`(${fmt(allowed / rounds)} of ${fmt(compiled.length)} allowed)`);

// ---- reference: its public API parses and evaluates in one call
const sim = reference();
if (!sim) {
  console.log('reference: npm install failed; no comparison');
} else {
  const requests = raw.map((c) => referenceRequest(sim, c));
  const sample = requests.slice(0, Math.min(requests.length, 5000));
  for (const r of sample.slice(0, 500)) await sim.runSimulation(r, {}); // warm-up
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for (const r of sample) await sim.runSimulation(r, {});
  const wall = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const ref = { wall, cpu: (cpu.user + cpu.system) / 1000 };
  report(`reference runSimulation (${sample.length} cases)`, sample.length, ref);
  const perCpu = (count, m) => count / m.cpu;
  console.log(
    `ratio evaluate / reference: ${(perCpu(compiled.length, evalPerRound) / perCpu(sample.length, ref)).toFixed(0)}x; ` +
      `parse + compile + evaluate / reference: ${(perCpu(compiled.length, endToEnd) / perCpu(sample.length, ref)).toFixed(1)}x (CPU time)`,
  );
}
