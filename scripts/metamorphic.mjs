#!/usr/bin/env node
/**
 * Opt-in metamorphic check of the rules, after `npm run build` (not part of `npm test`):
 *
 *   node scripts/metamorphic.mjs [--seed PATH] [--rewrite NAME,...] [--preset strict|recommended]
 *                                [--corpus DIR] [--extra DIR,...] [--out DIR] [--verbose]
 *
 * Two policies that mean the same to AWS must get the same findings. Starting from seed policies
 * (every JSON or YAML policy under integ/lint-realworld, integ/lint-idioms and examples/policies,
 * and, when the folder exists, every policy document found in the JSON files of ../shared/corpus,
 * read where it is and never copied; `--extra` adds other folders searched the same way), each rewrite of scripts/metamorphic-rewrites.js is applied
 * on its own and the built engine runs on the original and on the rewrite, with the seed's policy
 * type (its folder's name, else guessed from the original) and its suite's configuration (the
 * nearest `*.config.json` up to the suite's folder) on the `strict` preset, so that every rule
 * takes part. The multisets of `rule id + severity` are compared (sets for the rewrites that add
 * statements), leaving out the (rewrite, rule) pairs that metamorphic-rewrites.js allows with
 * their reason.
 *
 * Every disagreement is printed with the seed, the rewrite and the findings before and after;
 * `--out DIR` keeps each as DIR/<n>-<seed>-<rewrite>/{original,rewritten}.json and findings.json.
 * `--seed PATH` runs the seeds whose path contains PATH; `--rewrite` a comma-separated list.
 * Exit 0 when every rewrite agrees, 1 when one does not, 2 on a usage error.
 */
import { createRequire } from 'node:module';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const YAML = require('yaml');
const core = require('../packages/core/dist/index.js');
const { guessPolicyType } = require('../packages/core/dist/model/guess-type.js');
const { makeRewrites, compareFindings } = require('./metamorphic-rewrites.js');

// ---------------------------------------------------------------- options

const argv = process.argv.slice(2);
function option(name, fallback) {
  const at = argv.indexOf(name);
  if (at < 0) return fallback;
  const value = argv[at + 1];
  if (value === undefined) usage(`option ${name} needs a value`);
  return value;
}
function usage(message) {
  console.error(`metamorphic: ${message}`);
  console.error(
    'usage: node scripts/metamorphic.mjs [--seed PATH] [--rewrite NAME,...] [--preset strict|recommended] [--corpus DIR] [--extra DIR,...] [--out DIR] [--verbose]',
  );
  process.exit(2);
}
const KNOWN = new Set(['--seed', '--rewrite', '--preset', '--corpus', '--extra', '--out', '--verbose']);
for (const arg of argv) if (arg.startsWith('--') && !KNOWN.has(arg)) usage(`unknown option \`${arg}\``);
const SEED = option('--seed', undefined);
const OUT = option('--out', undefined);
const PRESET = option('--preset', 'strict');
if (!['strict', 'recommended'].includes(PRESET)) usage(`unknown preset \`${PRESET}\``);
const CORPUS = option('--corpus', join(ROOT, '..', 'shared', 'corpus'));
// More folders whose JSON files hold policy documents (templates, plans): `--extra DIR,DIR`.
const EXTRA = (option('--extra', undefined)?.split(',') ?? []).map((dir) => resolve(dir));
const VERBOSE = argv.includes('--verbose');
const REWRITES = makeRewrites({ expandActionPattern: core.expandActionPattern });
const ONLY = option('--rewrite', undefined)?.split(',');
for (const name of ONLY ?? [])
  if (!(name in REWRITES)) usage(`unknown rewrite \`${name}\` (${Object.keys(REWRITES).join(', ')})`);

// ---------------------------------------------------------------- seeds

const TYPES = new Set(['identity', 'resource', 'trust', 'boundary', 'scp', 'rcp']);
const REPO_SEEDS = ['integ/lint-realworld', 'integ/lint-idioms', 'examples/policies'];

function walk(dir, keep) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      if (name !== 'node_modules' && name !== 'cdk.out') out.push(...walk(path, keep));
    } else if (keep(name)) out.push(path);
  }
  return out;
}

/** The policy type a folder name declares (`trust-2` is a second folder of trust policies). */
function declaredType(file) {
  const folder = basename(dirname(file)).replace(/-\d+$/, '');
  return TYPES.has(folder) ? folder : undefined;
}

/** The nearest `*.config.json` from the seed's folder up to its suite's folder. */
function suiteConfig(file, top) {
  for (let dir = dirname(file); dir.startsWith(top); dir = dirname(dir)) {
    const config = readdirSync(dir).find((name) => name.endsWith('.config.json'));
    if (config !== undefined) return join(dir, config);
    if (dir === top) break;
  }
  return undefined;
}

// A document that holds CloudFormation intrinsics or CDK tokens is not a standalone policy.
const isIntrinsic = (text) => /"(?:Fn::[A-Za-z]+|Ref)"|\$\{Token\[/.test(text);

const isPolicy = (v) =>
  v !== null &&
  typeof v === 'object' &&
  !Array.isArray(v) &&
  (Array.isArray(v.Statement) || typeof v.Statement === 'object');

/** Policy documents anywhere in a JSON value (and in strings that hold one), at most `limit`. */
function policiesIn(value, found, limit = 200) {
  if (found.length >= limit) return found;
  if (typeof value === 'string') {
    if (/^\s*\{/.test(value) && value.includes('Statement')) {
      try {
        policiesIn(JSON.parse(value), found, limit);
      } catch {
        // not JSON: not a policy
      }
    }
  } else if (Array.isArray(value)) {
    for (const v of value) policiesIn(v, found, limit);
  } else if (value !== null && typeof value === 'object') {
    if (isPolicy(value)) found.push(value);
    else for (const v of Object.values(value)) policiesIn(v, found, limit);
  }
  return found;
}

function loadSeeds() {
  const seeds = [];
  for (const top of REPO_SEEDS) {
    const dir = join(ROOT, top);
    for (const file of walk(dir, (name) => /\.(json|ya?ml)$/.test(name) && !name.endsWith('.config.json'))) {
      const text = readFileSync(file, 'utf8');
      let doc;
      try {
        doc = file.endsWith('.json') ? JSON.parse(text) : YAML.parse(text);
      } catch {
        continue;
      }
      if (!isPolicy(doc)) continue;
      const config = suiteConfig(file, dir);
      seeds.push({ name: relative(ROOT, file), doc, type: declaredType(file), config });
    }
  }
  // Policy documents found inside other files (plans, templates, test vectors), each once.
  const seen = new Set();
  const embedded = (top, label) => {
    for (const file of walk(top, (name) => name.endsWith('.json'))) {
      if (statSync(file).size > 5_000_000) continue;
      let value;
      try {
        value = JSON.parse(readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));
      } catch {
        continue;
      }
      policiesIn(value, []).forEach((doc, n) => {
        const key = JSON.stringify(doc);
        if (seen.has(key) || isIntrinsic(key)) return;
        seen.add(key);
        seeds.push({ name: `${label}/${relative(top, file)}#${n}`, doc, type: undefined, config: undefined });
      });
    }
  };
  if (existsSync(CORPUS)) embedded(CORPUS, 'corpus');
  for (const dir of EXTRA) embedded(dir, relative(ROOT, dir) || dir);
  return SEED === undefined ? seeds : seeds.filter((s) => s.name.includes(SEED));
}

// ---------------------------------------------------------------- engine

const configs = new Map();
function configFor(file) {
  const key = file ?? '';
  if (!configs.has(key)) {
    const raw = file === undefined ? {} : JSON.parse(readFileSync(file, 'utf8'));
    const resolved = core.resolveConfig({ ...raw, extends: PRESET });
    if (!resolved.ok) usage(`${file}: ${resolved.issues.map((i) => i.message).join('; ')}`);
    configs.set(key, resolved.value);
  }
  return configs.get(key);
}

function lint(name, doc, type, config) {
  const text = JSON.stringify(doc, null, 2);
  const input = {
    principals: [],
    resources: [],
    policies: [{ policy: { id: name, name: basename(name), document: text, location: { file: name } }, type }],
    errors: [],
  };
  const result = core.runGuard(input, config, {});
  return [
    ...result.findings,
    ...result.errors.map((e) => ({ ruleId: 'input-error', severity: 'error', message: e.message })),
  ];
}

// ---------------------------------------------------------------- run

const seeds = loadSeeds();
const names = ONLY ?? Object.keys(REWRITES);
let cases = 0;
const disagreements = [];
const started = Date.now();
for (const seed of seeds) {
  const type = seed.type ?? guessPolicyType(seed.doc);
  const config = configFor(seed.config);
  let before;
  try {
    before = lint(seed.name, seed.doc, type, config);
  } catch (error) {
    disagreements.push({
      seed,
      rewrite: '(original)',
      type,
      before: [],
      after: [],
      crash: String(error?.stack ?? error),
    });
    continue;
  }
  const original = JSON.stringify(seed.doc);
  for (const rewrite of names) {
    const rewritten = REWRITES[rewrite](seed.doc);
    if (rewritten === undefined || JSON.stringify(rewritten) === original) continue;
    cases++;
    let after;
    try {
      after = lint(seed.name, rewritten, type, config);
    } catch (error) {
      disagreements.push({ seed, rewrite, type, rewritten, before, after: [], crash: String(error?.stack ?? error) });
      continue;
    }
    const { lost, gained } = compareFindings(rewrite, before, after);
    if (lost.length > 0 || gained.length > 0)
      disagreements.push({ seed, rewrite, type, rewritten, before, after, lost, gained });
    else if (VERBOSE) console.log(`ok   ${seed.name} ${rewrite}`);
  }
}

/** Findings as `rule severity pointer`, repeats folded into `xN`. */
function show(findings) {
  if (findings.length === 0) return '(none)';
  const counts = new Map();
  for (const f of findings) {
    const key = `${f.ruleId} ${f.severity} ${f.location?.pointer ?? ''}`.trim();
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts].map(([key, n]) => (n > 1 ? `${key} x${n}` : key)).join(', ');
}
disagreements.forEach((d, n) => {
  console.log(`\n#${n + 1} ${d.seed.name} (${d.type}) rewrite ${d.rewrite}`);
  if (d.crash) console.log(`  crash: ${d.crash.split('\n').slice(0, 4).join(' | ')}`);
  else {
    console.log(`  lost:   ${d.lost.join(', ') || '-'}`);
    console.log(`  gained: ${d.gained.join(', ') || '-'}`);
    console.log(`  before: ${show(d.before)}`);
    console.log(`  after:  ${show(d.after)}`);
  }
  if (OUT !== undefined) {
    const dir = join(OUT, `${n + 1}-${d.seed.name.replace(/[^A-Za-z0-9.-]+/g, '_').slice(-80)}-${d.rewrite}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'original.json'), JSON.stringify(d.seed.doc, null, 2) + '\n');
    if (d.rewritten !== undefined)
      writeFileSync(join(dir, 'rewritten.json'), JSON.stringify(d.rewritten, null, 2) + '\n');
    const brief = (fs) =>
      fs.map((f) => ({ ruleId: f.ruleId, severity: f.severity, pointer: f.location?.pointer, message: f.message }));
    writeFileSync(
      join(dir, 'findings.json'),
      JSON.stringify(
        {
          seed: d.seed.name,
          type: d.type,
          rewrite: d.rewrite,
          crash: d.crash,
          lost: d.lost,
          gained: d.gained,
          before: brief(d.before),
          after: brief(d.after),
        },
        null,
        2,
      ) + '\n',
    );
  }
});

const byRewrite = new Map();
for (const d of disagreements) byRewrite.set(d.rewrite, (byRewrite.get(d.rewrite) ?? 0) + 1);
console.log(
  `\nmetamorphic: ${seeds.length} seeds, ${cases} rewritten documents, ${disagreements.length} disagreement${disagreements.length === 1 ? '' : 's'}` +
    (byRewrite.size > 0 ? ` (${[...byRewrite].map(([r, n]) => `${r}: ${n}`).join(', ')})` : '') +
    ` in ${((Date.now() - started) / 1000).toFixed(1)} s`,
);
if (disagreements.length > 0) process.exitCode = 1;
