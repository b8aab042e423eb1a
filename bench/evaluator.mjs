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
    const r = spawnSync('node', [oracle, '--random', '20000', '--seed', '4242', '--no-vectors', '--out', out, '--', 'true'], { stdio: 'ignore' });
    if (!fs.existsSync(file)) throw new Error(`could not generate cases with ${oracle} (exit ${r.status})`);
  }
  return file;
}

function reference() {
  const prefix = path.join(os.tmpdir(), `iamgate-bench-reference-${REFERENCE_VERSION}`);
  const pkg = path.join(prefix, 'node_modules/@cloud-copilot/iam-simulate/package.json');
  if (!fs.existsSync(pkg)) {
    fs.mkdirSync(prefix, { recursive: true });
    const r = spawnSync('npm', ['install', '--prefix', prefix, '--no-audit', '--no-fund', '--no-save', `@cloud-copilot/iam-simulate@${REFERENCE_VERSION}`], { stdio: 'ignore' });
    if (r.status !== 0) return undefined;
  }
  return createRequire(pkg)('@cloud-copilot/iam-simulate');
}

const rcpAllowAll = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }] });
function referenceRequest(sim, c) {
  const r = c.request;
  return {
    request: { principal: r.principal === 'anonymous' ? sim.anonymousPrincipal : r.principal, action: r.action,
      resource: { resource: r.resource, accountId: r.resourceAccount }, contextVariables: r.context || {} },
    identityPolicies: (c.identityPolicies || []).map((policy, i) => ({ name: `identity-${i}`, policy })),
    permissionBoundaryPolicies: c.permissionsBoundary ? [{ name: 'boundary', policy: c.permissionsBoundary }] : undefined,
    resourcePolicy: c.resourcePolicy,
    sessionPolicy: c.sessionPolicy,
    serviceControlPolicies: (c.serviceControlPolicies || []).map((lvl, i) => ({ orgIdentifier: `scp-${i}`, policies: lvl.map((policy, j) => ({ name: `scp-${i}-${j}`, policy })) })),
    resourceControlPolicies: (c.resourceControlPolicies || []).map((lvl, i) => ({ orgIdentifier: `rcp-${i}`, policies: lvl.filter((p) => JSON.stringify(p) !== rcpAllowAll).map((policy, j) => ({ name: `rcp-${i}-${j}`, policy })) })),
  };
}

const rate = (n, ms) => Math.round((n / ms) * 1000);
const fmt = (n) => n.toLocaleString('en-US');

const lines = fs.readFileSync(casesFile(), 'utf8').split('\n').filter((l) => l.trim() !== '');
const raw = lines.map((l) => JSON.parse(l));
console.log(`${fmt(raw.length)} cases (oracle random mix), one core, node ${process.version}`);

// ---- iamgate: parse (case object -> model), then evaluate
let t = performance.now();
const parsed = raw.map((c) => readCase(c)).filter((r) => r.ok).map((r) => r.value);
const parseMs = performance.now() - t;

const options = { deriveContextKeys: false };
// First pass: policies are compiled on first use (cached per policy object).
t = performance.now();
let allowed = 0;
for (const c of parsed) if (evaluate(c.request, c.policies, options).decision === 'Allowed') allowed++;
const firstMs = performance.now() - t;

// Steady state: the same parsed policies evaluated again (compiled forms cached).
const compiled = parsed.map((c) => ({ request: c.request, policies: compilePolicySet(c.policies) }));
const rounds = 10;
for (const c of compiled) evaluate(c.request, c.policies, options); // warm-up
t = performance.now();
for (let r = 0; r < rounds; r++) for (const c of compiled) evaluate(c.request, c.policies, options);
const steadyMs = (performance.now() - t) / rounds;

console.log(`iamgate parse (readCase, parsePolicy)        ${fmt(rate(parsed.length, parseMs)).padStart(12)} cases/s`);
console.log(`iamgate evaluate, first use (with compile)   ${fmt(rate(parsed.length, firstMs)).padStart(12)} decisions/s  (${allowed} allowed)`);
console.log(`iamgate evaluate, pre-compiled policies      ${fmt(rate(parsed.length, steadyMs)).padStart(12)} decisions/s`);
console.log(`iamgate parse + evaluate                     ${fmt(rate(parsed.length, parseMs + firstMs)).padStart(12)} decisions/s`);

// ---- reference: its public API parses and evaluates in one call
const sim = reference();
if (!sim) {
  console.log('reference: npm install failed; no comparison');
} else {
  const requests = raw.map((c) => referenceRequest(sim, c));
  const sample = requests.slice(0, Math.min(requests.length, 5000));
  for (const r of sample.slice(0, 200)) await sim.runSimulation(r, {}); // warm-up
  t = performance.now();
  for (const r of sample) await sim.runSimulation(r, {});
  const refMs = performance.now() - t;
  const refRate = rate(sample.length, refMs);
  console.log(`reference runSimulation (parse + evaluate)   ${fmt(refRate).padStart(12)} decisions/s  (${sample.length} cases)`);
  console.log(`ratio parse + evaluate: ${(rate(parsed.length, parseMs + firstMs) / refRate).toFixed(1)}x; evaluate (pre-compiled) vs reference: ${(rate(parsed.length, steadyMs) / refRate).toFixed(1)}x`);
}
