/**
 * Semantics, not strings: the repository's own seed policies (integ/lint-realworld and
 * integ/lint-idioms) rewritten without changing what they mean to AWS get the same findings.
 * A fixed subset of the rewrites of scripts/metamorphic-rewrites.js, on the `strict` preset so
 * that every rule takes part; `node scripts/metamorphic.mjs` runs them all, on more seeds.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import type * as Metamorphic from '../../../../scripts/metamorphic-rewrites';
import { runGuard } from '../../src/analysis/engine';
import type { Finding } from '../../src/analysis/finding';
import { resolveConfig } from '../../src/config/resolve';
import type { ResolvedConfig } from '../../src/config/types';
import { expandActionPattern } from '../../src/catalog/actions';
import type { PolicyType } from '../../src/model/policy';

const ROOT = join(__dirname, '..', '..', '..', '..');
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a CommonJS script shared with scripts/metamorphic.mjs
const metamorphic = require(join(ROOT, 'scripts', 'metamorphic-rewrites.js')) as typeof Metamorphic;
const REWRITES = metamorphic.makeRewrites({ expandActionPattern });

const SUITES = ['integ/lint-realworld', 'integ/lint-idioms'];
const TYPES: ReadonlySet<string> = new Set(['identity', 'resource', 'trust', 'boundary', 'scp', 'rcp']);
// One of each kind: order, element shape, spelling, Sids, statement layout, principal spelling.
const CHECKED = [
  'reverse-statements',
  'reverse-values',
  'scalar-to-array',
  'action-upper-prefix',
  'condition-key-lower-case',
  'sid-remove',
  'split-actions',
  'duplicate-statement',
  'principal-root-to-account',
] as const;

interface Seed {
  readonly file: string;
  readonly document: unknown;
  readonly type: PolicyType;
  readonly config: ResolvedConfig;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? filesUnder(path) : [path];
    });
}

/** The suite's configuration on the `strict` preset: the nearest `*.config.json` up to the suite. */
function configOf(file: string, suite: string): ResolvedConfig {
  for (let dir = dirname(file); dir.startsWith(suite); dir = dirname(dir)) {
    const name = readdirSync(dir).find((n) => n.endsWith('.config.json'));
    if (name === undefined) continue;
    const raw = JSON.parse(readFileSync(join(dir, name), 'utf8')) as Record<string, unknown>;
    const resolved = resolveConfig({ ...raw, extends: 'strict' });
    if (!resolved.ok) throw new Error(`${name}: ${JSON.stringify(resolved.issues)}`);
    return resolved.value;
  }
  throw new Error(`no configuration for ${file}`);
}

const SEEDS: readonly Seed[] = SUITES.flatMap((suite) => {
  const dir = join(ROOT, suite);
  return filesUnder(dir)
    .filter((file) => file.endsWith('.json') && !file.endsWith('.config.json'))
    .map((file) => ({
      file: relative(ROOT, file),
      document: JSON.parse(readFileSync(file, 'utf8')) as unknown,
      type: basename(dirname(file)).replace(/-\d+$/, '') as PolicyType,
      config: configOf(file, dir),
    }))
    .filter((seed) => TYPES.has(seed.type));
});

function lint(seed: Seed, document: unknown): readonly Finding[] {
  const result = runGuard(
    {
      principals: [],
      resources: [],
      policies: [
        {
          policy: {
            id: seed.file,
            name: basename(seed.file),
            document: JSON.stringify(document, null, 2),
            location: { file: seed.file },
          },
          type: seed.type,
        },
      ],
      errors: [],
    },
    seed.config,
  );
  expect(result.errors).toEqual([]);
  return result.findings;
}

describe('the seed policies keep their findings under meaning-preserving rewrites', () => {
  const before = new Map<Seed, readonly Finding[]>();
  const findingsOf = (seed: Seed): readonly Finding[] => {
    let found = before.get(seed);
    if (found === undefined) before.set(seed, (found = lint(seed, seed.document)));
    return found;
  };

  it('reads the seed folders of both suites, with findings to compare', () => {
    expect(SEEDS.filter((s) => s.file.startsWith('integ/lint-realworld/')).length).toBeGreaterThan(50);
    expect(SEEDS.filter((s) => s.file.startsWith('integ/lint-idioms/')).length).toBeGreaterThan(50);
    expect(SEEDS.filter((s) => findingsOf(s).length > 0).length).toBeGreaterThan(30);
  });

  it.each(CHECKED)('%s', (name) => {
    const rewrite = REWRITES[name]!;
    const disagreements: string[] = [];
    let rewritten = 0;
    for (const seed of SEEDS) {
      const document = rewrite(seed.document);
      if (document === undefined || JSON.stringify(document) === JSON.stringify(seed.document)) continue;
      rewritten++;
      const { lost, gained } = metamorphic.compareFindings(name, findingsOf(seed), lint(seed, document));
      if (lost.length > 0 || gained.length > 0)
        disagreements.push(`${seed.file}: lost [${lost.join(', ')}], gained [${gained.join(', ')}]`);
    }
    // A rewrite that changes no document checks nothing.
    expect(rewritten).toBeGreaterThan(5);
    expect(disagreements).toEqual([]);
  });
});

describe('the comparison', () => {
  const f = (ruleId: string, severity = 'warning'): Metamorphic.ComparedFinding => ({ ruleId, severity });

  it.each([
    [
      'a finding lost is a disagreement',
      'reverse-values',
      [f('a/x'), f('b/y')],
      [f('a/x')],
      { lost: ['b/y warning'], gained: [] },
    ],
    [
      'a severity changed is a disagreement',
      'reverse-values',
      [f('a/x')],
      [f('a/x', 'error')],
      { lost: ['a/x warning'], gained: ['a/x error'] },
    ],
    [
      'one more finding of a rule is a disagreement',
      'reverse-values',
      [f('a/x')],
      [f('a/x'), f('a/x')],
      { lost: [], gained: ['a/x warning'] },
    ],
    [
      'one more finding of a rule after a split is not',
      'split-actions',
      [f('a/x')],
      [f('a/x'), f('a/x')],
      { lost: [], gained: [] },
    ],
    [
      'an allowed pair is left out',
      'duplicate-statement',
      [],
      [f('policy-validity/redundant-statement')],
      { lost: [], gained: [] },
    ],
    [
      'the same rule after another rewrite is not',
      'reverse-values',
      [],
      [f('policy-validity/redundant-statement')],
      { lost: [], gained: ['policy-validity/redundant-statement warning'] },
    ],
  ])('%s', (_name, rewrite, before, after, expected) => {
    expect(metamorphic.compareFindings(rewrite, before, after)).toEqual(expected);
  });

  it('gives every allowed pair a reason', () => {
    for (const allowed of metamorphic.ALLOWED_CHANGES) {
      expect(Object.keys(REWRITES)).toContain(allowed.rewrite);
      expect(allowed.reason.length).toBeGreaterThan(10);
    }
  });
});

describe('the rewrites', () => {
  const policy = {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'Read',
        Effect: 'Allow',
        Principal: { AWS: '111122223333' },
        Action: ['s3:GetObject', 's3:List*'],
        Resource: 'arn:aws:s3:::reports/*',
        Condition: { StringEquals: { 'aws:PrincipalTag/Team': ['a', 'b'] } },
      },
    ],
  };

  it.each([
    ['scalar-to-array', { Resource: ['arn:aws:s3:::reports/*'], Principal: { AWS: ['111122223333'] } }],
    [
      'reverse-values',
      { Action: ['s3:List*', 's3:GetObject'], Condition: { StringEquals: { 'aws:PrincipalTag/Team': ['b', 'a'] } } },
    ],
    ['action-upper-prefix', { Action: ['S3:GetObject', 'S3:List*'] }],
    ['condition-key-upper-case', { Condition: { StringEquals: { 'AWS:PRINCIPALTAG/Team': ['a', 'b'] } } }],
    ['sid-remove', { Sid: undefined }],
    ['principal-account-to-root', { Principal: { AWS: 'arn:aws:iam::111122223333:root' } }],
  ])('%s', (name, changed) => {
    const out = REWRITES[name]!(policy) as { Statement: Record<string, unknown>[] };
    const expected = Object.fromEntries(
      Object.entries({ ...policy.Statement[0], ...changed }).filter(([, value]) => value !== undefined),
    );
    expect(out.Statement).toEqual([expected]);
  });

  it('splits a statement into one per action, each Sid unique', () => {
    const out = REWRITES['split-actions']!(policy) as { Statement: Record<string, unknown>[] };
    expect(out.Statement.map((s) => [s['Sid'], s['Action']])).toEqual([
      ['Read', 's3:GetObject'],
      ['ReadPart1', 's3:List*'],
    ]);
  });

  it('spells an action pattern out from the catalog, without repeating a listed action', () => {
    const out = REWRITES['expand-action-wildcard']!(policy) as { Statement: { Action: string[] }[] };
    const actions = out.Statement[0]!.Action;
    expect(actions).toEqual(['s3:GetObject', ...expandActionPattern('s3:List*')]);
    expect(actions).not.toContain('s3:List*');
  });

  it('leaves a document without statements alone', () => {
    for (const rewrite of Object.values(REWRITES)) expect(rewrite({ Version: '2012-10-17' })).toBeUndefined();
  });
});
