#!/usr/bin/env node
/**
 * Opt-in fuzzer (`node scripts/fuzz.mjs --minutes 10 [--seed S] [--targets a,b]`), after
 * `npm run build`. Feeds generated inputs to the pure entry points of the built core and reports
 * crashes (an exception escaping a function that promises a value), hangs (one input running past
 * the watchdog) and slow inputs (past the per-input budget).
 *
 * The work runs in a worker thread that announces each input before running it, so that the main
 * thread can stop a worker stuck in a loop and name the input: target, seed and index replay it
 * (`fc.sample(arbitrary, { seed, numRuns: index + 1 })`).
 */
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';

const require = createRequire(import.meta.url);
const TARGETS = ['parse-text', 'parse-value', 'evaluate', 'read-case', 'cli-args'];
const BATCH = 200;
const SLOW_MS = 2000;
const HANG_MS = 20000;

// ---------------------------------------------------------------- generators

const SEED_POLICIES = [
  {
    Version: '2012-10-17',
    Statement: [
      { Sid: 'A', Effect: 'Allow', Action: ['s3:GetObject', 's3:Put*'], Resource: 'arn:aws:s3:::b/*' },
      {
        Effect: 'Deny',
        NotAction: 'iam:*',
        NotResource: ['arn:aws:iam::123456789012:role/x'],
        Condition: { StringLike: { 'aws:PrincipalTag/team': ['a*', 'b?'] }, Bool: { 'aws:SecureTransport': 'false' } },
      },
    ],
  },
  {
    Version: '2012-10-17',
    Id: 'trust',
    Statement: {
      Effect: 'Allow',
      Principal: { AWS: ['arn:aws:iam::111122223333:root', '*'], Service: 'lambda.amazonaws.com' },
      Action: 'sts:AssumeRole',
      Condition: { 'ForAnyValue:StringEquals': { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } },
    },
  },
  { Version: '2012-10-17', Statement: [{ Effect: 'Allow', NotPrincipal: { AWS: '123456789012' }, Action: '*', Resource: '*' }] },
];
const SEED_TEXTS = SEED_POLICIES.map((p, i) => JSON.stringify(p, null, i === 0 ? 2 : undefined));
const HOSTILE_CHARS = ['{', '}', '[', ']', '"', ',', ':', '\\', '\u0000', '\ud800', '\ufeff', '0', '-', 'e', 'true', 'null', '\n'];
const HOSTILE_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', 'Statement', 'Effect', 'Action', 'Resource', 'Condition', 'Principal', 'AWS', ''];

/** A seed text with a few character-level mutations. */
const mutatedText = fc
  .tuple(
    fc.constantFrom(...SEED_TEXTS),
    fc.array(
      fc.tuple(fc.constantFrom('delete', 'insert', 'duplicate', 'replace'), fc.nat(), fc.nat({ max: 12 }), fc.constantFrom(...HOSTILE_CHARS, ...HOSTILE_KEYS.map((k) => JSON.stringify(k)))),
      { minLength: 1, maxLength: 6 },
    ),
  )
  .map(([seed, mutations]) => {
    let s = seed;
    for (const [kind, at, len, piece] of mutations) {
      const i = at % (s.length + 1);
      if (kind === 'delete') s = s.slice(0, i) + s.slice(i + len);
      else if (kind === 'insert') s = s.slice(0, i) + piece + s.slice(i);
      else if (kind === 'duplicate') s = s.slice(0, i) + s.slice(i, i + len) + s.slice(i);
      else s = s.slice(0, i) + piece + s.slice(i + 1);
    }
    return s;
  });

const hostileScalar = fc.oneof(
  fc.string(),
  fc.constantFrom('*', '', 'arn:aws:s3:::b/*', 's3:GetObject', 'Allow', 'Deny', '2012-10-17', '${aws:username}', '${', 'arn:', '::::::'),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
);
const hostileValue = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, hostileScalar, tie('array'), tie('object')),
  array: fc.array(tie('value'), { maxLength: 4 }),
  object: fc.dictionary(fc.oneof(fc.constantFrom(...HOSTILE_KEYS), fc.string({ maxLength: 6 })), tie('value'), { maxKeys: 5 }),
})).value;

/** Policy-shaped objects whose every position may hold a hostile value. */
const policyShaped = fc.record(
  {
    Version: fc.oneof(fc.constant('2012-10-17'), hostileScalar),
    Id: hostileScalar,
    Statement: fc.oneof(
      hostileValue,
      fc.array(
        fc.record(
          {
            Sid: hostileScalar,
            Effect: fc.oneof(fc.constantFrom('Allow', 'Deny'), hostileScalar),
            Action: fc.oneof(fc.constantFrom('*', 's3:*', 's3:GetObject'), hostileValue),
            NotAction: hostileValue,
            Resource: fc.oneof(fc.constantFrom('*', 'arn:aws:s3:::b/*'), hostileValue),
            NotResource: hostileValue,
            Principal: fc.oneof(fc.constant('*'), hostileValue),
            NotPrincipal: hostileValue,
            Condition: hostileValue,
            __proto__: hostileValue,
          },
          { requiredKeys: ['Effect'] },
        ),
        { maxLength: 4 },
      ),
    ),
  },
  { requiredKeys: [] },
);

/** A JSON text of a policy-shaped value, so that `__proto__` keys arrive as own properties. */
const policyText = fc.oneof(policyShaped, hostileValue).map((v) => JSON.stringify(v) ?? 'undefined');

const ACTIONS = ['s3:GetObject', 's3:PutObject', 'iam:PassRole', 's3:*', '*', 's3:Get*', 'S3:getobject'];
const RESOURCES = ['*', 'arn:aws:s3:::b/*', 'arn:aws:s3:::b/k', 'arn:aws:s3:::*', 'arn:aws:iam::123456789012:role/r', 'arn:aws:s3:::b/${aws:username}'];
const KEYS = ['aws:PrincipalTag/team', 'aws:SourceIp', 'aws:username', 's3:prefix', 'aws:CurrentTime'];
const OPS = ['StringEquals', 'StringLike', 'StringNotEquals', 'IpAddress', 'NumericLessThan', 'DateGreaterThan', 'Bool', 'Null', 'ArnLike', 'ForAllValues:StringEquals', 'ForAnyValue:StringLike', 'StringEqualsIfExists', 'BinaryEquals'];
const CONDITION_VALUES = ['a', 'a*', '10.0.0.0/8', '5', '2020-01-01T00:00:00Z', 'true', 'arn:aws:*', '', 'ZGF0YQ=='];

const statement = fc.record(
  {
    Effect: fc.constantFrom('Allow', 'Deny'),
    Action: fc.oneof(fc.constantFrom(...ACTIONS), fc.array(fc.constantFrom(...ACTIONS), { minLength: 1, maxLength: 3 })),
    Resource: fc.oneof(fc.constantFrom(...RESOURCES), fc.array(fc.constantFrom(...RESOURCES), { minLength: 1, maxLength: 3 })),
    Condition: fc.dictionary(fc.constantFrom(...OPS), fc.dictionary(fc.constantFrom(...KEYS), fc.array(fc.constantFrom(...CONDITION_VALUES), { minLength: 1, maxLength: 2 }), { minKeys: 1, maxKeys: 2 }), { maxKeys: 2 }),
  },
  { requiredKeys: ['Effect', 'Action', 'Resource'] },
);
const policyDoc = fc.array(statement, { minLength: 0, maxLength: 4 }).map((Statement) => ({ Version: '2012-10-17', Statement }));
const resourcePolicyDoc = fc
  .array(fc.tuple(statement, fc.constantFrom('*', { AWS: '123456789012' }, { AWS: 'arn:aws:iam::123456789012:user/u' }, { AWS: '999988887777' }, { Service: 'lambda.amazonaws.com' })), { maxLength: 3 })
  .map((pairs) => ({ Version: '2012-10-17', Statement: pairs.map(([s, Principal]) => ({ ...s, Principal })) }));
const evaluatorCase = fc.record(
  {
    request: fc.record({
      principal: fc.constantFrom('arn:aws:iam::123456789012:user/u', 'arn:aws:sts::123456789012:assumed-role/r/s', 'arn:aws:iam::999988887777:root', 'lambda.amazonaws.com', 'anonymous', 'not-an-arn', ''),
      action: fc.constantFrom(...ACTIONS, 'nocolon', ''),
      resource: fc.constantFrom(...RESOURCES, 'arn:aws:s3', 'arn:aws:s3:::other/k', ''),
      context: fc.dictionary(fc.constantFrom(...KEYS), fc.oneof(fc.constantFrom(...CONDITION_VALUES), fc.array(fc.constantFrom(...CONDITION_VALUES), { maxLength: 3 })), { maxKeys: 3 }),
    }),
    identityPolicies: fc.array(policyDoc, { maxLength: 2 }),
    permissionsBoundary: policyDoc,
    sessionPolicy: policyDoc,
    resourcePolicy: resourcePolicyDoc,
    serviceControlPolicies: fc.array(fc.array(policyDoc, { minLength: 1, maxLength: 2 }), { maxLength: 2 }),
  },
  { requiredKeys: ['request'] },
);

const CLI_TOKENS = ['lint', 'simulate', '--batch', '--trace', '--type', 'identity', 'resource', 'trust', 'scp', 'bogus', '--format', 'json', 'sarif', 'text', 'github', 'markdown', 'xml', '--fail-on', 'never', 'warning', 'error', '--quiet', '--config', '--baseline', '--', '-x', '--help', '--version', '', '=', '--format=json', '--fail-on=', 'FILE_GOOD', 'FILE_BAD', 'FILE_MISSING', 'DIR'];

// ---------------------------------------------------------------- targets

function loadCore() {
  return require('../packages/core/dist/index.js');
}

const DECISIONS = new Set(['Allowed', 'ImplicitlyDenied', 'ExplicitlyDenied']);

function checkPollution() {
  if ({}.polluted !== undefined || Object.prototype.polluted !== undefined) throw new Error('prototype polluted');
}

function makeTargets(dir) {
  const core = loadCore();
  const { main } = require('../packages/core/dist/cli/main.js');
  const checkParse = (input) => {
    const result = core.parsePolicy(input, { file: 'fuzz.json' });
    if (typeof result !== 'object' || result === null || typeof result.ok !== 'boolean') throw new Error('parsePolicy returned no result');
    if (!result.ok) {
      if (!Array.isArray(result.issues) || result.issues.length === 0) throw new Error('failure without issues');
      for (const issue of result.issues) {
        if (typeof issue.message !== 'string' || /[\n\r\u2028\u2029]/.test(issue.message)) throw new Error(`bad issue message: ${issue.message}`);
        if (typeof issue.pointer !== 'string' || (issue.pointer !== '' && !issue.pointer.startsWith('/'))) throw new Error(`bad pointer: ${issue.pointer}`);
      }
    } else {
      // A parsed policy must survive serialization and re-parsing.
      const again = core.parsePolicy(core.serializePolicy(result.value));
      if (!again.ok) throw new Error(`serialized policy does not re-parse: ${again.issues[0]?.message}`);
    }
    checkPollution();
  };
  const files = {
    FILE_GOOD: join(dir, 'good.json'),
    FILE_BAD: join(dir, 'bad.json'),
    FILE_MISSING: join(dir, 'missing.json'),
    DIR: dir,
  };
  writeFileSync(files.FILE_GOOD, JSON.stringify(SEED_POLICIES[0]));
  writeFileSync(files.FILE_BAD, '{"Statement": [');
  return {
    'parse-text': { arbitrary: fc.oneof(mutatedText, policyText, fc.string()), run: checkParse },
    'parse-value': { arbitrary: fc.oneof(policyShaped, hostileValue, fc.anything({ withNullPrototype: true, withBigInt: true, withDate: true, withMap: true, withSet: true, withSparseArray: true, withTypedArray: true, withBoxedValues: true })), run: checkParse },
    evaluate: {
      arbitrary: evaluatorCase,
      run: (c) => {
        const read = core.readCase(c);
        if (!read.ok) return;
        const a = core.evaluate(read.value.request, read.value.policies, { trace: true });
        const b = core.evaluate(read.value.request, core.compilePolicySet(read.value.policies));
        if (!DECISIONS.has(a.decision) || !DECISIONS.has(a.mostAccess)) throw new Error(`bad decision ${a.decision}`);
        if (a.decision !== b.decision || a.mostAccess !== b.mostAccess) throw new Error('traced and compiled evaluations disagree');
        core.formatResult(a);
        checkPollution();
      },
    },
    'read-case': {
      arbitrary: fc.oneof(hostileValue, fc.record({ request: hostileValue, identityPolicies: hostileValue, permissionsBoundary: hostileValue, resourcePolicy: hostileValue, serviceControlPolicies: hostileValue, resourceControlPolicies: hostileValue })),
      run: (c) => {
        const read = core.readCase(c);
        if (typeof read.ok !== 'boolean') throw new Error('readCase returned no result');
        if (read.ok) core.evaluate(read.value.request, read.value.policies, { trace: true });
        checkPollution();
      },
    },
    'cli-args': {
      arbitrary: fc.array(fc.oneof(fc.constantFrom(...CLI_TOKENS), fc.string({ maxLength: 8 })), { maxLength: 6 }),
      run: async (tokens) => {
        // Writing options are left out: the fuzzer must not write files where argv says.
        const argv = tokens.map((t) => (Object.hasOwn(files, t) ? files[t] : t)).filter((t) => !/^--(output|write-baseline)/.test(t));
        let err = '';
        const io = { stdout: () => {}, stderr: (t) => void (err += t), readStdin: async () => Buffer.alloc(0), cwd: dir, env: {}, isTty: false };
        const code = await main(argv, io);
        if (![0, 1, 2].includes(code)) throw new Error(`exit code ${code}`);
        if (/\n\s+at /.test(err)) throw new Error(`stack trace on stderr: ${err.slice(0, 200)}`);
        if (/internal error/.test(err)) throw new Error(`internal error: ${err.trim()}`);
        checkPollution();
      },
    },
  };
}

// ---------------------------------------------------------------- worker

async function workerMain({ targets, seed, deadline, dir }) {
  const all = makeTargets(dir);
  let round = 0;
  while (Date.now() < deadline) {
    for (const name of targets) {
      const target = all[name];
      const batchSeed = seed + round;
      const inputs = fc.sample(target.arbitrary, { seed: batchSeed, numRuns: BATCH });
      for (let index = 0; index < inputs.length; index++) {
        parentPort.postMessage({ type: 'start', target: name, seed: batchSeed, index });
        const started = performance.now();
        try {
          await target.run(inputs[index]);
        } catch (error) {
          parentPort.postMessage({ type: 'crash', target: name, seed: batchSeed, index, error: String(error?.stack ?? error).split('\n').slice(0, 4).join(' | '), input: preview(inputs[index]) });
        }
        const ms = performance.now() - started;
        if (ms > SLOW_MS) parentPort.postMessage({ type: 'slow', target: name, seed: batchSeed, index, ms: Math.round(ms), input: preview(inputs[index]) });
      }
      if (Date.now() >= deadline) break;
    }
    round++;
  }
  parentPort.postMessage({ type: 'done' });
}

function preview(input) {
  let text;
  try {
    text = typeof input === 'string' ? JSON.stringify(input) : fc.stringify(input);
  } catch {
    text = String(input);
  }
  return text.length > 600 ? `${text.slice(0, 600)}...(${text.length} chars)` : text;
}

// ---------------------------------------------------------------- main

function parseArgs(argv) {
  const options = { minutes: 1, seed: Date.now() % 2 ** 31, targets: TARGETS };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--minutes') options.minutes = Number(argv[++i]);
    else if (arg === '--seed') options.seed = Number(argv[++i]);
    else if (arg === '--targets') options.targets = String(argv[++i]).split(',');
    else {
      console.error(`fuzz: unknown option \`${arg}\` (usage: node scripts/fuzz.mjs --minutes N [--seed S] [--targets ${TARGETS.join(',')}])`);
      process.exit(2);
    }
  }
  if (!(options.minutes > 0) || !Number.isInteger(options.seed) || options.targets.some((t) => !TARGETS.includes(t))) {
    console.error('fuzz: --minutes must be positive, --seed an integer, --targets among ' + TARGETS.join(','));
    process.exit(2);
  }
  return options;
}

async function runMain() {
  const options = parseArgs(process.argv.slice(2));
  const started = Date.now();
  const deadline = started + options.minutes * 60_000;
  const dir = mkdtempSync(join(tmpdir(), 'iamgate-fuzz-'));
  const tried = Object.fromEntries(options.targets.map((t) => [t, 0]));
  const findings = [];
  const signatures = new Set();
  let seed = options.seed;
  console.log(`fuzz: seed ${seed}, ${options.minutes} min, targets ${options.targets.join(',')}`);
  while (Date.now() < deadline - 1000) {
    const done = await new Promise((resolve) => {
      const worker = new Worker(fileURLToPath(import.meta.url), { workerData: { targets: options.targets, seed, deadline, dir } });
      let current;
      let lastProgress = Date.now();
      const watchdog = setInterval(() => {
        if (Date.now() - lastProgress > HANG_MS) {
          clearInterval(watchdog);
          findings.push({ kind: 'hang', ...current });
          console.log(`HANG ${JSON.stringify(current)}`);
          void worker.terminate().then(() => resolve(false));
        }
      }, 1000);
      worker.on('message', (m) => {
        if (m.type === 'start') {
          current = { target: m.target, seed: m.seed, index: m.index };
          tried[m.target]++;
          lastProgress = Date.now();
        } else if (m.type === 'crash' || m.type === 'slow') {
          findings.push({ kind: m.type, ...m });
          // One line per distinct failure; numbers and quoted values vary between inputs.
          const signature = `${m.type} ${m.target} ${String(m.error ?? '').split(' | ')[0].replace(/`[^`]*`|\d+/g, '_')}`;
          if (!signatures.has(signature)) console.log(`${m.type.toUpperCase()} ${JSON.stringify(m)}`);
          signatures.add(signature);
        } else if (m.type === 'done') {
          clearInterval(watchdog);
          void worker.terminate().then(() => resolve(true));
        }
      });
      worker.on('error', (error) => {
        clearInterval(watchdog);
        findings.push({ kind: 'worker-error', ...current, error: String(error) });
        console.log(`WORKER ERROR ${JSON.stringify(current)} ${String(error)}`);
        resolve(false);
      });
    });
    if (done) break;
    seed += 1_000_003; // after a hang or a worker death, go on with fresh inputs
  }
  rmSync(dir, { recursive: true, force: true });
  const total = Object.values(tried).reduce((a, b) => a + b, 0);
  const seconds = Math.round((Date.now() - started) / 1000);
  const crashes = findings.filter((f) => f.kind !== 'slow').length;
  console.log(`fuzz: ${total} inputs in ${seconds} s (${Object.entries(tried).map(([t, n]) => `${t} ${n}`).join(', ')}); ${crashes} crashes or hangs (${signatures.size} distinct), ${findings.length - crashes} slow inputs`);
  process.exitCode = crashes > 0 ? 1 : 0;
}

if (isMainThread) await runMain();
else await workerMain(workerData);
