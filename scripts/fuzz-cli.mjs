#!/usr/bin/env node
/**
 * Opt-in mutation fuzzer of the command-line front-ends, after `npm run build` (not part of `npm test`):
 *
 *   node scripts/fuzz-cli.mjs [--seed S] [--minutes M] [--cli tf-scan,cdk-guard,lint]
 *                             [--timeout MS] [--out DIR] [--case N] [--verbose]
 *
 * Starting from real inputs (the plans of ../shared/corpus/terraform-plans and examples/terraform,
 * the CloudFormation templates and the cloud assembly of examples/, the policies of
 * examples/policies, and a few small templates written here), each case applies one to three
 * structural mutations (a key deleted, duplicated or renamed, a value replaced by null, a number,
 * an array, an object, a huge string or a deep nesting, `format_version` changed, `after` and
 * `after_unknown` swapped, unknown markers where none belong, CloudFormation intrinsics where a
 * policy, principal, action or resource is expected), sometimes a byte-level one (truncation, a
 * UTF-8 or UTF-16 byte order mark, invalid UTF-8, NUL bytes), and runs the built CLI on the
 * result, one process at a time, with a timeout.
 *
 * The contract checked: exit 0 or 1 with a JSON report that holds no `unverifiable/rule-failure`
 * finding and no input error, and on stderr only tf-scan's notes (`tf-scan: FILE: ...`); or exit 2
 * with one line per error on stderr, each naming the file.
 * Anything else (a stack trace, a leaked exception message, another exit code, a timeout, an
 * error line without the file name, an overlong line) is a bug: the input is kept under `--out`
 * with what was observed, and the run ends with one line per distinct problem.
 *
 * Two heuristics look for silent passes, kept as `suspect` problems to read rather than bugs: a
 * clean run of a seed that has findings after mutations that delete nothing, and a rule of the seed
 * that no longer fires once values are only put under a `Fn::If` on a deploy-time condition.
 *
 * Case N of seed S (with the same `--cli` list) is always the same input: `--seed S --case N`
 * replays it alone and keeps it. Inputs of another version of this script differ.
 */
import { createRequire } from 'node:module';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const CORPUS = join(ROOT, '..', 'shared', 'corpus');
const YAML = require('yaml');
// The battery's spawner: a child killed at the deadline, its output collected.
const { run: runProcess } = require('../integ/hostile/run-case.js');
// The notes tf-scan gives of a plan that is no error (built by `npm run build`, as the CLIs run).
const { isPlanNote } = require('../packages/tf-scan/dist/scan.js');

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
  console.error(`fuzz-cli: ${message}`);
  console.error(
    'usage: node scripts/fuzz-cli.mjs [--seed S] [--minutes M] [--cli tf-scan,cdk-guard,lint] [--timeout MS] [--out DIR] [--case N] [--verbose]',
  );
  process.exit(2);
}
const CLIS = {
  'tf-scan': { bin: 'packages/tf-scan/bin/tf-scan.js', args: [] },
  'cdk-guard': { bin: 'packages/cdk-guard/bin/cdk-guard.js', args: [] },
  lint: { bin: 'packages/core/bin/iamgate.js', args: ['lint'] },
};
const SEED = Number(option('--seed', '1'));
const MINUTES = Number(option('--minutes', '5'));
const TIMEOUT_MS = Number(option('--timeout', '30000'));
const OUT = option('--out', join(tmpdir(), 'fuzz-cli'));
const ONLY_CASE = option('--case', undefined);
const VERBOSE = argv.includes('--verbose');
const SELECTED = option('--cli', Object.keys(CLIS).join(',')).split(',');
for (const name of SELECTED)
  if (!(name in CLIS)) usage(`unknown CLI \`${name}\` (expected ${Object.keys(CLIS).join(', ')})`);
if (!Number.isInteger(SEED) || !(MINUTES > 0) || !(TIMEOUT_MS > 0))
  usage('--seed is an integer, --minutes and --timeout positive');
for (const name of SELECTED) {
  const dist = join(ROOT, dirname(CLIS[name].bin), '..', 'dist');
  if (!existsSync(dist)) usage(`${dist} is missing: run \`npm run build\` first`);
}

// ---------------------------------------------------------------- random

/** mulberry32: small, seedable, the same sequence on every machine. */
function rng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n) => Math.floor(next() * n),
    pick: (list) => list[Math.floor(next() * list.length)],
    chance: (p) => next() < p,
  };
}
const caseSeed = (seed, index) => (Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) + Math.imul(index + 1, 0xc2b2ae35)) >>> 0;

// ---------------------------------------------------------------- seeds

function filesUnder(dir, test) {
  if (!existsSync(dir)) return [];
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...filesUnder(path, test));
    else if (test(name)) out.push(path);
  }
  return out;
}

function loadJson(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8').replace(/^\uFEFF/, ''));
  } catch {
    return undefined;
  }
}

/** CloudFormation YAML with short-form intrinsics, read through cdk-guard's own reader (long form out). */
function loadTemplate(path) {
  const { parseTemplate } = require(join(ROOT, 'packages/cdk-guard/dist/template/read-template.js'));
  const parsed = parseTemplate(path, readFileSync(path, 'utf8'));
  return parsed.ok ? parsed.template : undefined;
}

const SMALL_TEMPLATES = [
  {
    Resources: {
      Role: {
        Type: 'AWS::IAM::Role',
        Properties: {
          AssumeRolePolicyDocument: {
            Version: '2012-10-17',
            Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
          },
          ManagedPolicyArns: [
            { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::aws:policy/ReadOnlyAccess']] },
          ],
          Policies: [
            {
              PolicyName: 'inline',
              PolicyDocument: {
                Version: '2012-10-17',
                Statement: [
                  {
                    Effect: 'Allow',
                    Action: ['s3:GetObject', 's3:PutObject'],
                    Resource: { 'Fn::Sub': '${Bucket.Arn}/*' },
                  },
                  { Effect: 'Allow', Action: 'iam:PassRole', Resource: { 'Fn::GetAtt': ['Other', 'Arn'] } },
                ],
              },
            },
          ],
        },
      },
      Other: {
        Type: 'AWS::IAM::Role',
        Properties: {
          AssumeRolePolicyDocument: {
            Statement: [
              {
                Effect: 'Allow',
                Principal: { AWS: { 'Fn::Sub': 'arn:${AWS::Partition}:iam::${AWS::AccountId}:root' } },
                Action: 'sts:AssumeRole',
              },
            ],
          },
          PermissionsBoundary: { 'Fn::ImportValue': 'boundary-arn' },
        },
      },
      Bucket: { Type: 'AWS::S3::Bucket' },
      BucketPolicy: {
        Type: 'AWS::S3::BucketPolicy',
        Properties: {
          Bucket: { Ref: 'Bucket' },
          PolicyDocument: {
            Statement: [
              {
                Effect: 'Allow',
                Principal: '*',
                Action: 's3:GetObject',
                Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': ['Bucket', 'Arn'] }, '/*']] },
              },
            ],
          },
        },
      },
    },
  },
  {
    AWSTemplateFormatVersion: '2010-09-09',
    Conditions: { IsProd: { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] } },
    Parameters: { Env: { Type: 'String', Default: 'dev' } },
    Resources: {
      Policy: {
        Type: 'AWS::IAM::ManagedPolicy',
        Properties: {
          Roles: [{ Ref: 'Role' }],
          PolicyDocument: {
            Version: '2012-10-17',
            Statement: {
              Effect: 'Allow',
              Action: { 'Fn::If': ['IsProd', 's3:GetObject', 's3:*'] },
              Resource: '*',
            },
          },
        },
      },
      Role: {
        Type: 'AWS::IAM::Role',
        Properties: {
          AssumeRolePolicyDocument: {
            Statement: [
              {
                Effect: 'Allow',
                Principal: { Federated: 'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com' },
                Action: 'sts:AssumeRoleWithWebIdentity',
                Condition: { StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' } },
              },
            ],
          },
        },
      },
      User: {
        Type: 'AWS::IAM::User',
        Properties: {
          Policies: [
            {
              PolicyName: 'p',
              PolicyDocument: { Statement: [{ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }] },
            },
          ],
        },
      },
      Queue: { Type: 'AWS::SQS::Queue' },
      QueuePolicy: {
        Type: 'AWS::SQS::QueuePolicy',
        Properties: {
          Queues: [{ Ref: 'Queue' }],
          PolicyDocument: {
            Statement: [
              {
                Effect: 'Allow',
                Principal: { AWS: '*' },
                Action: 'sqs:SendMessage',
                Resource: { 'Fn::GetAtt': ['Queue', 'Arn'] },
              },
            ],
          },
        },
      },
    },
  },
];

function loadSeeds() {
  const seeds = { 'tf-scan': [], 'cdk-guard': [], lint: [] };
  const planFiles = [
    ...filesUnder(join(CORPUS, 'terraform-plans'), (n) => n.endsWith('.json')),
    ...filesUnder(join(ROOT, 'examples/terraform'), (n) => /^plan.*\.json$/.test(n)),
  ];
  for (const file of planFiles) {
    const value = loadJson(file);
    // A plan beside its configuration: tf-scan reads the .tf files when the plan leaves a policy unknown.
    const tf = filesUnder(dirname(file), (n) => n.endsWith('.tf')).filter((f) => dirname(f) === dirname(file));
    // Expected-result files beside the plans are no seeds: only `terraform show -json` output.
    if (value !== null && typeof value === 'object' && 'format_version' in value)
      seeds['tf-scan'].push({
        name: rel(file),
        value,
        beside: Object.fromEntries(tf.map((f) => [basename(f), readFileSync(f)])),
      });
  }
  for (const file of [
    ...filesUnder(join(ROOT, 'examples/cloudformation'), (n) => /\.(ya?ml|json)$/.test(n) && !n.startsWith('iamgate.')),
  ]) {
    const value = loadTemplate(file);
    if (value !== undefined) seeds['cdk-guard'].push({ name: rel(file), value });
  }
  SMALL_TEMPLATES.forEach((value, i) => seeds['cdk-guard'].push({ name: `small-template-${i}`, value }));
  for (const dir of [join(ROOT, 'examples/cdk-app/cdk.out')]) {
    if (!existsSync(join(dir, 'manifest.json'))) continue;
    const files = {};
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isFile() && name.endsWith('.json')) files[name] = loadJson(path);
    }
    // The template as an assembly (mutations of the manifest and the template) and alone.
    seeds['cdk-guard'].push({ name: rel(dir), assembly: files });
    for (const [name, value] of Object.entries(files))
      if (name.endsWith('.template.json') && value !== undefined)
        seeds['cdk-guard'].push({ name: rel(join(dir, name)), value });
  }
  for (const file of filesUnder(join(ROOT, 'examples/policies'), (n) => /\.(ya?ml|json)$/.test(n))) {
    const value = file.endsWith('.json') ? loadJson(file) : YAML.parse(readFileSync(file, 'utf8'));
    if (value !== undefined) seeds.lint.push({ name: rel(file), value });
  }
  return seeds;
}
const rel = (path) =>
  path.startsWith(ROOT) ? path.slice(ROOT.length + 1) : path.replace(join(ROOT, '..') + '/', '../');

// ---------------------------------------------------------------- structural mutations

/** Text markers, replaced after serialization: duplicate keys, odd key names, deep nestings. */
class Markers {
  constructor() {
    this.list = [];
  }
  key(real) {
    const marker = `@@FUZZKEY${this.list.length}@@`;
    this.list.push([JSON.stringify(marker), JSON.stringify(real)]);
    return marker;
  }
  value(text) {
    const marker = `@@FUZZVAL${this.list.length}@@`;
    this.list.push([JSON.stringify(marker), text]);
    return marker;
  }
  apply(text) {
    for (const [from, to] of this.list) text = text.split(from).join(to);
    return text;
  }
}

const INTERESTING =
  /^(policy|assume_role_policy|inline_policy|Policy|PolicyDocument|Policies|AssumeRolePolicyDocument|Statement|Principal|NotPrincipal|Action|NotAction|Resource|NotResource|Condition|Effect|AWS|Service|Federated|after|after_unknown|before|after_sensitive|change|actions|values|format_version|resources|resource_changes|child_modules|planned_values|prior_state|configuration|expressions|references|Properties|Type|Resources|ManagedPolicyArns|PermissionsBoundary|permissions_boundary|Roles|Users|Groups|artifacts|templateFile|properties|arn|role|policy_arn|json|type|address|mode)$/;

/** Every path in `value` (arrays of keys), at most `limit`, the interesting ones apart. */
function paths(value, limit = 20000) {
  const all = [];
  const interesting = [];
  const stack = [[value, []]];
  while (stack.length > 0 && all.length < limit) {
    const [node, path] = stack.pop();
    if (node === null || typeof node !== 'object') continue;
    for (const key of Object.keys(node)) {
      const child = [...path, Array.isArray(node) ? Number(key) : key];
      all.push(child);
      if (INTERESTING.test(String(key)) || (typeof node[key] === 'string' && looksLikePolicy(node[key])))
        interesting.push(child);
      if (child.length < 64) stack.push([node[key], child]);
    }
  }
  return { all, interesting };
}
const looksLikePolicy = (text) => text.length < 200000 && /^\s*\{/.test(text) && text.includes('Statement');

const get = (root, path) =>
  path.reduce((node, key) => (node === null || node === undefined ? undefined : node[key]), root);
function parentOf(root, path) {
  return { parent: get(root, path.slice(0, -1)), key: path[path.length - 1] };
}

const INTRINSICS = [
  (r) => ({ Ref: r.pick(['Role', 'Bucket', 'AWS::AccountId', 'AWS::NoValue', 'Missing', 'AWS::Partition', '', 42]) }),
  (r) => ({
    'Fn::GetAtt': r.pick([
      ['Role', 'Arn'],
      ['Bucket', 'Arn'],
      'Role.Arn',
      ['Missing', 'Arn'],
      [],
      ['Role'],
      7,
      [{ Ref: 'X' }, 'Arn'],
    ]),
  }),
  (r) => ({
    'Fn::Join': r.pick([
      ['', ['arn:aws:s3:::', { Ref: 'Bucket' }, '/*']],
      [':', ['*']],
      ['', []],
      'not-an-array',
      [null, null],
      [',', { Ref: 'List' }],
      ['', [{ 'Fn::Join': ['', ['a', { Ref: 'B' }]] }]],
    ]),
  }),
  (r) => ({
    'Fn::Sub': r.pick([
      'arn:${AWS::Partition}:s3:::${Bucket}/*',
      '${Role.Arn}',
      '${!Literal}*',
      '${',
      ['${X}', { X: { Ref: 'Role' } }],
      ['${X}', 'not-a-map'],
      12,
      ['*'],
    ]),
  }),
  (r) => ({
    'Fn::If': r.pick([
      ['Cond', '*', { Ref: 'AWS::NoValue' }],
      ['Cond', 's3:GetObject', 's3:*'],
      ['Cond'],
      'x',
      ['Cond', { 'Fn::If': ['C2', 'a', 'b'] }, []],
    ]),
  }),
  (r) => ({ 'Fn::ImportValue': r.pick(['shared-role-arn', { 'Fn::Sub': '${Env}-arn' }, null, []]) }),
  (r) => ({
    'Fn::Select': r.pick([
      [0, ['*', 'a']],
      ['x', []],
      [5, { Ref: 'List' }],
    ]),
  }),
  (r) => ({ 'Fn::Split': [',', { Ref: 'List' }] }),
  (r) => ({ 'Fn::FindInMap': ['Map', { Ref: 'AWS::Region' }, 'Arn'] }),
  (r) => ({ 'Fn::Base64': '*' }),
  (r) => ({ 'Fn::Unknown': r.pick(['*', []]) }),
  (r) => ({ Ref: 'Role', Extra: 'x' }),
];

const STRINGS = [
  '',
  '*',
  '?',
  's3:*',
  '*:*',
  'iam:PassRole',
  'arn:aws:iam::*:role/*',
  'arn:aws:s3:::*',
  'sts:AssumeRole',
  '${aws:username}',
  '${aws_iam_role.x.arn}',
  'Allow',
  'Deny',
  'allow',
  'arn:',
  '123456789012',
  'arn:aws:iam::123456789012:root',
  '\u0000',
  '\ud800',
  'é*ü',
  '\n\r\t',
  'true',
  'null',
  '{"Statement":[]}',
  '{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}',
  '{not json',
];
const NUMBERS = [0, -1, 1, 3.5, 1e308, -0, 2 ** 53 + 1, 1e-300];
const ODD_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  'hasOwnProperty',
  'toString',
  '',
  ' ',
  'Statement',
  'Effect',
  'Action',
  'Resource',
  'Principal',
  'after',
  'after_unknown',
  'Fn::Join',
  'Ref',
  '~1/',
  'Properties',
  'Type',
];

function hugeString(r) {
  const unit = r.pick(['A', '*', 'arn:aws:s3:::bucket/', 'é', '\\"', '${x}']);
  const length = r.pick([70000, 1 << 20, 3 << 20]);
  return unit.repeat(Math.ceil(length / unit.length));
}
function deepNesting(r, markers) {
  const depth = r.pick([200, 2000, 20000, 200000]);
  const [open, close] = r.chance(0.5) ? ['[', ']'] : ['{"a":', '}'];
  return markers.value(open.repeat(depth) + 'null' + close.repeat(depth));
}

/** Replacement values of every JSON type, some of them hostile. */
function anyValue(r, markers, old) {
  switch (r.int(12)) {
    case 0:
      return null;
    case 1:
      return r.pick(NUMBERS);
    case 2:
      return r.chance(0.5);
    case 3:
      return r.chance(0.5) ? [] : [old ?? null, r.pick(STRINGS)];
    case 4:
      return r.chance(0.5) ? {} : { x: old ?? null };
    case 5:
      return hugeString(r);
    case 6:
      return deepNesting(r, markers);
    case 7:
      return r.pick(INTRINSICS)(r);
    case 8:
      return r.pick(STRINGS);
    case 9:
      return old === undefined ? null : [old, old];
    case 10:
      return typeof old === 'string' ? old.toUpperCase() + r.pick(['*', '', ' ', '/']) : r.pick(STRINGS);
    default:
      return Array.from({ length: r.pick([0, 1, 5, 3000]) }, () => r.pick(STRINGS));
  }
}

/** A set of keys whose values all become `true` (marks a whole `after` unknown, or parts of it). */
function unknownMarkers(r, after) {
  if (after === null || typeof after !== 'object') return r.pick([true, {}, [], [true]]);
  const out = Array.isArray(after) ? [] : {};
  for (const key of Object.keys(after)) {
    const child = after[key];
    if (r.chance(0.3)) out[key] = true;
    else if (child !== null && typeof child === 'object' && r.chance(0.5)) out[key] = unknownMarkers(r, child);
    else if (r.chance(0.1)) out[key] = r.pick([false, 'yes', 1, null, {}]);
  }
  if (r.chance(0.2)) out[r.pick(ODD_KEYS)] = true;
  return out;
}

/** Applies one structural mutation to `root` (in place); returns the new root and a description. */
function mutate(r, root, markers, cli) {
  const { all, interesting } = paths(root);
  if (all.length === 0) return { root: anyValue(r, markers, root), what: 'replace root' };
  const path = interesting.length > 0 && r.chance(0.75) ? r.pick(interesting) : r.pick(all);
  const { parent, key } = parentOf(root, path);
  const old = parent[key];
  const at = '/' + path.join('/');
  const op = r.int(cli === 'tf-scan' ? 14 : 12);
  switch (op) {
    case 0:
      if (Array.isArray(parent)) parent.splice(key, 1);
      else delete parent[key];
      return { root, what: `delete ${at}` };
    case 1:
    case 2:
    case 3: {
      parent[key] = anyValue(r, markers, old);
      return { root, what: `replace ${at} with ${describe(parent[key])}` };
    }
    case 4: {
      // A duplicate of a sibling key, with a value of another kind: which one wins is the parser's choice.
      if (Array.isArray(parent) || Object.keys(parent).length === 0) {
        parent[key] = r.pick(INTRINSICS)(r);
        return { root, what: `intrinsic at ${at}` };
      }
      const dup = r.pick(Object.keys(parent));
      parent[markers.key(dup)] = r.chance(0.5) ? anyValue(r, markers, parent[dup]) : parent[dup];
      return { root, what: `duplicate key ${at.replace(/[^/]*$/, '')}${dup}` };
    }
    case 5: {
      if (Array.isArray(parent)) {
        parent.push(r.chance(0.5) ? old : anyValue(r, markers, old));
        return { root, what: `append to ${at.replace(/\/[^/]*$/, '')}` };
      }
      const odd = r.pick(ODD_KEYS);
      delete parent[key];
      parent[markers.key(r.chance(0.5) ? odd : String(key).toLowerCase())] = old;
      return { root, what: `rename ${at} to an odd key` };
    }
    case 6:
    case 7: {
      if (cli === 'cdk-guard' && root !== null && typeof root === 'object' && !Array.isArray(root) && r.chance(0.5)) {
        // A value chosen by a condition known only at deploy: every finding of the value must stay.
        root.Parameters = {
          ...(typeof root.Parameters === 'object' && root.Parameters !== null ? root.Parameters : {}),
          FuzzEnv: { Type: 'String' },
        };
        root.Conditions = {
          ...(typeof root.Conditions === 'object' && root.Conditions !== null ? root.Conditions : {}),
          FuzzCond: { 'Fn::Equals': [{ Ref: 'FuzzEnv' }, 'prod'] },
        };
        const other = r.pick([{ Ref: 'AWS::NoValue' }, old, r.pick(STRINGS)]);
        parent[key] = { 'Fn::If': r.chance(0.5) ? ['FuzzCond', old, other] : ['FuzzCond', other, old] };
        return { root, what: `keep under Fn::If at ${at}` };
      }
      parent[key] = r.pick(INTRINSICS)(r);
      return { root, what: `intrinsic ${Object.keys(parent[key])[0]} at ${at}` };
    }
    case 8: {
      // A policy kept as JSON text (Terraform): mutated inside, written back as text.
      if (typeof old === 'string' && looksLikePolicy(old)) {
        let inner;
        try {
          inner = JSON.parse(old);
        } catch {
          inner = undefined;
        }
        if (inner !== undefined) {
          const innerMarkers = new Markers();
          const result = mutate(r, inner, innerMarkers, 'lint');
          parent[key] = innerMarkers.apply(JSON.stringify(result.root));
          return { root, what: `inside the policy text at ${at}: ${result.what}` };
        }
      }
      parent[key] = r.pick(STRINGS);
      return { root, what: `string at ${at}` };
    }
    case 9: {
      parent[key] = r.chance(0.5) ? [old] : { [r.pick(ODD_KEYS)]: old };
      return { root, what: `wrap ${at}` };
    }
    case 10: {
      parent[key] = typeof old === 'string' ? old + r.pick(STRINGS) : JSON.stringify(old ?? null);
      return { root, what: `stringify or extend ${at}` };
    }
    case 11: {
      parent[key] = deepNesting(r, markers);
      return { root, what: `deep nesting at ${at}` };
    }
    // Terraform only.
    case 12: {
      if (root && typeof root === 'object' && !Array.isArray(root) && r.chance(0.4)) {
        root.format_version = r.pick([
          '0.1',
          '0.2',
          '1.0',
          '1.1',
          '1.2',
          '1.99',
          '2.0',
          '10.0',
          '1',
          '',
          'abc',
          '1.2.3.4',
          ' 1.0',
          1,
          1.2,
          null,
          [],
          {},
        ]);
        return { root, what: `format_version ${JSON.stringify(root.format_version)}` };
      }
      const change = findChange(r, root);
      if (change === undefined) return { root, what: 'no change to swap' };
      const swapped = change.after;
      change.after = change.after_unknown;
      change.after_unknown = swapped;
      return { root, what: 'swap after and after_unknown' };
    }
    default: {
      const change = findChange(r, root);
      if (change === undefined) {
        parent[key] = true;
        return { root, what: `true at ${at}` };
      }
      switch (r.int(5)) {
        case 4: {
          // What Terraform writes for a policy built from values known only after apply.
          const after = change.after !== null && typeof change.after === 'object' ? change.after : (change.after = {});
          const name = r.pick([
            'policy',
            'assume_role_policy',
            'permissions_boundary',
            'arn',
            'role',
            'policy_arn',
            'json',
          ]);
          delete after[name];
          const unknown =
            change.after_unknown !== null && typeof change.after_unknown === 'object'
              ? change.after_unknown
              : (change.after_unknown = {});
          unknown[name] = true;
          return { root, what: `\`${name}\` known after apply` };
        }
        case 0:
          change.after_unknown = unknownMarkers(r, change.after);
          return { root, what: 'unknown markers over after' };
        case 1:
          change.after_unknown = r.pick([
            true,
            false,
            null,
            [],
            'true',
            { policy: [true] },
            { policy: { Statement: true } },
          ]);
          return { root, what: `after_unknown ${JSON.stringify(change.after_unknown)}` };
        case 2:
          change.after_sensitive = r.chance(0.5) ? true : unknownMarkers(r, change.after);
          change.before_sensitive = r.pick([true, false, {}, null]);
          return { root, what: 'sensitive markers' };
        default:
          change.actions = r.pick([
            ['create'],
            ['delete', 'create'],
            ['update'],
            ['no-op'],
            ['read'],
            ['delete'],
            [],
            ['bogus'],
            'create',
            null,
            [['create']],
          ]);
          return { root, what: `actions ${JSON.stringify(change.actions)}` };
      }
    }
  }
}

function findChange(r, root) {
  const changes = root?.resource_changes;
  if (!Array.isArray(changes) || changes.length === 0) return undefined;
  const withAfter = changes.filter((c) => c?.change && typeof c.change === 'object');
  const entry = withAfter.length > 0 ? r.pick(withAfter) : undefined;
  return entry?.change && typeof entry.change === 'object' ? entry.change : undefined;
}

function describe(value) {
  if (typeof value === 'string') return value.length > 40 ? `a string of ${value.length}` : JSON.stringify(value);
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (value === null || typeof value !== 'object') return String(value);
  const keys = Object.keys(value);
  return keys.length === 1 && /^(Ref|Fn::)/.test(keys[0]) ? keys[0] : `an object of ${keys.length} keys`;
}

// ---------------------------------------------------------------- byte mutations

function mutateBytes(r, bytes) {
  switch (r.int(9)) {
    case 0: {
      const at = r.int(bytes.length + 1);
      return { bytes: bytes.subarray(0, at), what: `truncate at ${at} of ${bytes.length}` };
    }
    case 1:
      return { bytes: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes]), what: 'UTF-8 BOM' };
    case 2:
      return {
        bytes: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(bytes.toString('utf8'), 'utf16le')]),
        what: 'UTF-16 LE with BOM',
      };
    case 3: {
      const be = Buffer.from(bytes.toString('utf8'), 'utf16le');
      be.swap16();
      return { bytes: Buffer.concat([Buffer.from([0xfe, 0xff]), be]), what: 'UTF-16 BE with BOM' };
    }
    case 4:
      return { bytes: Buffer.from(bytes.toString('utf8'), 'utf16le'), what: 'UTF-16 LE without BOM' };
    case 5: {
      // Invalid UTF-8 inside a string value (after a quote).
      const bad = r.pick([
        [0xff],
        [0xc3, 0x28],
        [0xed, 0xa0, 0x80],
        [0xf8, 0x88, 0x80, 0x80, 0x80],
        [0xc0, 0xaf],
        [0xe2, 0x82],
      ]);
      const quotes = [];
      for (let i = bytes.indexOf(0x22); i >= 0 && quotes.length < 5000; i = bytes.indexOf(0x22, i + 1)) quotes.push(i);
      const at = quotes.length > 0 ? r.pick(quotes) + 1 : r.int(bytes.length + 1);
      return {
        bytes: Buffer.concat([bytes.subarray(0, at), Buffer.from(bad), bytes.subarray(at)]),
        what: `invalid UTF-8 ${bad.map((b) => b.toString(16)).join(' ')} at ${at}`,
      };
    }
    case 6: {
      const at = r.int(bytes.length + 1);
      return {
        bytes: Buffer.concat([bytes.subarray(0, at), Buffer.from([0]), bytes.subarray(at)]),
        what: `NUL at ${at}`,
      };
    }
    case 7: {
      const copy = Buffer.from(bytes);
      const at = r.int(Math.max(1, copy.length));
      if (copy.length > 0) copy[at] = r.pick([0x7b, 0x7d, 0x5b, 0x5d, 0x22, 0x2c, 0x3a, 0x5c, 0x20, 0x0a, 0x30]);
      return { bytes: copy, what: `byte at ${at}` };
    }
    default:
      return {
        bytes: Buffer.concat([bytes, Buffer.from(r.pick(['\n{}', ' x', ',', '\n\n', '\u0000']))]),
        what: 'trailing bytes',
      };
  }
}

// ---------------------------------------------------------------- cases

/** The input of case `index`: files to write (relative path -> bytes), the argument, what was done. */
function makeCase(seeds, index) {
  const r = rng(caseSeed(SEED, index));
  const cli = SELECTED[index % SELECTED.length];
  const seed = r.pick(seeds[cli]);
  const markers = new Markers();
  const done = [];
  const base = `fz${index}`;
  let root;
  let target;
  let assembly;
  if (seed.assembly !== undefined) {
    assembly = structuredClone(seed.assembly);
    target = r.chance(0.3) ? 'manifest.json' : r.pick(Object.keys(assembly));
    root = assembly[target];
  } else root = structuredClone(seed.value);
  const count = 1 + r.int(3);
  for (let k = 0; k < count; k++) {
    const result = mutate(r, root, markers, cli);
    root = result.root;
    done.push(result.what);
  }
  const yaml = cli !== 'tf-scan' && assembly === undefined && markers.list.length === 0 && r.chance(0.2);
  let text;
  try {
    text = yaml
      ? YAML.stringify(root, { aliasDuplicateObjects: false })
      : JSON.stringify(root, null, r.chance(0.5) ? 2 : undefined);
  } catch {
    text = JSON.stringify(root);
  }
  let bytes = Buffer.from(yaml ? text : markers.apply(text ?? 'null'), 'utf8');
  if (r.chance(0.25)) {
    const result = mutateBytes(r, bytes);
    bytes = result.bytes;
    done.push(result.what);
  }
  const files = {};
  let arg;
  if (assembly !== undefined) {
    arg = `${base}.out`;
    for (const [name, value] of Object.entries(assembly))
      files[join(arg, name)] = name === target ? bytes : Buffer.from(JSON.stringify(value));
  } else {
    const ext = cli === 'tf-scan' ? '.json' : yaml ? '.yaml' : '.json';
    arg = `${base}${ext}`;
    files[arg] = bytes;
    for (const [name, content] of Object.entries(seed.beside ?? {})) files[name] = content;
  }
  return {
    index,
    cli,
    seed: seed.name,
    done,
    files,
    arg,
    mutatedFile: assembly === undefined ? arg : join(arg, target),
  };
}

// ---------------------------------------------------------------- running and judging

function run(cli, arg, cwd) {
  const { bin, args } = CLIS[cli];
  return runProcess(process.execPath, [join(ROOT, bin), ...args, '--format', 'json', arg], cwd, TIMEOUT_MS);
}

/** The contract's breaches in one run: `[kind, detail]` pairs, none when the run was fine. */
function judge(c, result) {
  const problems = [];
  const { stderr, stdout, code } = result;
  const lines = stderr.split('\n').filter((l) => l.trim() !== '');
  if (result.timedOut) problems.push(['timeout', `no answer after ${TIMEOUT_MS} ms`]);
  if (/^\s+at .+[(:]\d+/m.test(stderr)) problems.push(['stack trace', lines[0] ?? '']);
  // (`condition \`X\` is not defined in \`Conditions\`` is a template's error, not a ReferenceError.)
  const leaked = lines.find((l) =>
    /internal error|maximum call stack|out of memory|heap limit|cannot read propert|is not a function|is not iterable|is not defined(?! in `)|undefined \(reading|TypeError|RangeError|SyntaxError|ReferenceError/i.test(
      l,
    ),
  );
  if (leaked !== undefined) problems.push(['leaked exception', leaked]);
  if (!result.timedOut && code !== 0 && code !== 1 && code !== 2)
    problems.push(['exit code', `exit ${code} signal ${result.signal}`]);
  if (code === 0 || code === 1) {
    let report;
    try {
      report = JSON.parse(stdout);
    } catch {
      problems.push(['no JSON report', stdout.slice(0, 120)]);
    }
    if (report !== undefined) {
      const failures = (report.findings ?? []).filter((f) => f.ruleId === 'unverifiable/rule-failure');
      for (const f of failures) problems.push(['rule failure', f.message]);
      if ((report.errors ?? []).length > 0) problems.push(['errors with exit 0/1', JSON.stringify(report.errors[0])]);
      if (!Array.isArray(report.findings)) problems.push(['no findings array', stdout.slice(0, 120)]);
    }
    // tf-scan's notes (`tf-scan: FILE: ...`, one a line: a refresh-only plan, a plan with no AWS
    // resource) say what a user should know of a plan that is no error: those texts, of this file.
    const noteOf = `tf-scan: ${c.arg}: `;
    const other = lines.filter(
      (l) => !(c.cli === 'tf-scan' && l.startsWith(noteOf) && isPlanNote(l.slice(noteOf.length))),
    );
    if (other.length > 0) problems.push(['stderr on success', other[0]]);
  }
  if (code === 2) {
    if (lines.length === 0) problems.push(['exit 2 without a message', '']);
    const name = basename(c.arg);
    for (const line of lines) {
      if (!line.includes(name)) problems.push(['error line without the file', line]);
      if (line.length > 1000) problems.push(['overlong error line', `${line.length} characters`]);
      if (/\uFFFD/.test(line)) problems.push(['replacement character in the error line', line]);
    }
  }
  return problems.map(([kind, detail]) => ({ kind, detail: truncate(detail) }));
}

const truncate = (s) => (s.length > 300 ? `${s.slice(0, 300)}...` : s);
/** Groups problems that are the same bug: numbers, quoted values and file names blurred. */
const signature = (cli, p) =>
  `${cli}: ${p.kind}: ${p.detail
    .replace(/fz\d+[^\s:]*/g, 'FILE')
    .replace(/`[^`]*`/g, '`_`')
    .replace(/"[^"]*"/g, '"_"')
    .replace(/\d+/g, 'N')
    .slice(0, 140)}`;

function save(c, result, problems) {
  const dir = join(OUT, `seed${SEED}-case${c.index}-${c.cli}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const [name, bytes] of Object.entries(c.files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), bytes);
  }
  const { bin, args } = CLIS[c.cli];
  writeFileSync(
    join(dir, 'observed.txt'),
    [
      `replay: node scripts/fuzz-cli.mjs --seed ${SEED} --case ${c.index} --cli ${SELECTED.join(',')}`,
      `run: cd ${dir} && node ${join(ROOT, bin)} ${[...args, '--format', 'json', c.arg].join(' ')}`,
      `seed input: ${c.seed}`,
      `mutations of ${c.mutatedFile}: ${c.done.join('; ')}`,
      `exit ${result.code} signal ${result.signal} in ${result.ms} ms${result.timedOut ? ' (timed out)' : ''}`,
      ...problems.map((p) => `problem: ${p.kind}: ${p.detail}`),
      '--- stderr',
      result.stderr.slice(0, 4000),
      '--- stdout (start)',
      result.stdout.slice(0, 2000),
    ].join('\n') + '\n',
  );
  return dir;
}

/** Findings of each seed input unmutated (run once, lazily). */
const seedCounts = new Map();
async function seedFindings(c, work) {
  const key = `${c.cli} ${c.seed}`;
  if (seedCounts.has(key)) return seedCounts.get(key);
  const seed = loadedSeeds[c.cli].find((s) => s.name === c.seed);
  const dir = join(work, `seed-${seedCounts.size}`);
  mkdirSync(dir);
  let arg;
  if (seed.assembly !== undefined) {
    arg = 'seed.out';
    mkdirSync(join(dir, arg));
    for (const [name, value] of Object.entries(seed.assembly))
      writeFileSync(join(dir, arg, name), JSON.stringify(value));
  } else {
    arg = 'seed.json';
    writeFileSync(join(dir, arg), JSON.stringify(seed.value));
  }
  const result = await run(c.cli, arg, dir);
  rmSync(dir, { recursive: true, force: true });
  let rules = [];
  try {
    rules = JSON.parse(result.stdout).findings.map((f) => f.ruleId);
  } catch {
    rules = [];
  }
  seedCounts.set(key, rules);
  return rules.length;
}

/** Rules of the seed that no longer fire when the only change put values under a `Fn::If` that keeps them. */
function lostUnderIf(c, result) {
  if (!c.done.every((d) => d.startsWith('keep under Fn::If'))) return [];
  let now;
  try {
    now = new Set(JSON.parse(result.stdout).findings.map((f) => f.ruleId));
  } catch {
    return [];
  }
  return [...new Set(seedCounts.get(`${c.cli} ${c.seed}`) ?? [])].filter((rule) => !now.has(rule));
}

/**
 * Whether a clean run after these mutations deserves a look: every finding of the seed gone
 * though nothing was deleted or cut, only values made odd or unknown (which should leave at least
 * an `unverifiable` finding). A heuristic: suspects are kept apart from bugs, to be read.
 */
function mayHideRisk(c, result) {
  // Deleting, cutting or retyping takes risk away for real; so does a resource that changes `Type`.
  if (c.done.some((d) => /^(delete|truncate|rename|format_version|actions|swap|string at)|\/Type\b|\/type\b/.test(d)))
    return false;
  // So does replacing a whole section (`/Resources`, `/Resources/Role`).
  if (c.done.some((d) => /^replace \/[^/ ]+(\/[^/ ]+)? with/.test(d))) return false;
  try {
    return JSON.parse(result.stdout).findings.length === 0;
  } catch {
    return false;
  }
}

let loadedSeeds;

async function main() {
  const seeds = loadSeeds();
  loadedSeeds = seeds;
  for (const cli of SELECTED) if (seeds[cli].length === 0) usage(`no seed input for ${cli}`);
  console.log(
    `fuzz-cli: seed ${SEED}, ${MINUTES} min, timeout ${TIMEOUT_MS} ms; seeds: ${SELECTED.map((c) => `${c} ${seeds[c].length}`).join(', ')}`,
  );
  const work = mkdtempSync(join(tmpdir(), 'fuzz-cli-'));
  const deadline = Date.now() + MINUTES * 60_000;
  const bySignature = new Map();
  const counts = { cases: 0, ok0: 0, ok1: 0, ok2: 0, bad: 0 };
  const first = ONLY_CASE === undefined ? 0 : Number(ONLY_CASE);
  try {
    for (let index = first; ONLY_CASE !== undefined ? index === first : Date.now() < deadline; index++) {
      const c = makeCase(seeds, index);
      const dir = join(work, String(index));
      mkdirSync(dir);
      for (const [name, bytes] of Object.entries(c.files)) {
        mkdirSync(dirname(join(dir, name)), { recursive: true });
        writeFileSync(join(dir, name), bytes);
      }
      const result = await run(c.cli, c.arg, dir);
      rmSync(dir, { recursive: true, force: true });
      counts.cases += 1;
      const problems = judge(c, result);
      if (problems.length === 0 && result.code === 0 && (await seedFindings(c, work)) > 0 && mayHideRisk(c, result))
        problems.push({
          kind: 'suspect silent pass',
          detail: `the seed has findings, this case none: ${c.done.join('; ')}`,
        });
      if (problems.length === 0 && (result.code === 0 || result.code === 1) && (await seedFindings(c, work)) >= 0) {
        const lost = lostUnderIf(c, result);
        if (lost.length > 0)
          problems.push({ kind: 'finding lost under Fn::If', detail: `${lost.join(', ')}: ${c.done.join('; ')}` });
      }
      if (problems.length === 0) counts[`ok${result.code}`] += 1;
      else counts.bad += 1;
      if (VERBOSE || ONLY_CASE !== undefined)
        console.log(
          `#${index} ${c.cli} ${c.seed} [${c.done.join('; ')}] -> exit ${result.code} ${result.ms} ms ${(result.stderr.split('\n')[0] ?? '').slice(0, 160)}`,
        );
      if (problems.length === 0) continue;
      const kept = save(c, result, problems);
      for (const p of problems) {
        const key = signature(c.cli, p);
        const seen = bySignature.get(key);
        if (seen === undefined) {
          bySignature.set(key, { count: 1, kept });
          console.log(`BUG ${key}\n    case ${index} kept in ${kept}`);
        } else seen.count += 1;
      }
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  console.log(
    `fuzz-cli: ${counts.cases} cases (exit 0: ${counts.ok0}, exit 1: ${counts.ok1}, exit 2: ${counts.ok2}, bad: ${counts.bad}); ${bySignature.size} distinct problem(s)`,
  );
  for (const [key, { count, kept }] of bySignature) console.log(`  ${count}x ${key}  (e.g. ${kept})`);
  process.exitCode = bySignature.size > 0 ? 1 : 0;
}

await main();
