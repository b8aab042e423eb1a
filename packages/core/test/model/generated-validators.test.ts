/**
 * The schema validators of the core, generated at build time by scripts/build-validators.js
 * (ajv standalone code): fresh relative to their schemas, and reporting the same error objects as
 * ajv compiling the schema at run time (issue messages and pointers are built from them).
 */
import { join } from 'node:path';
import Ajv from 'ajv';
import type { ErrorObject, ValidateFunction } from 'ajv';
import type * as BuildValidators from '../../../../scripts/build-validators';

const ROOT = join(__dirname, '..', '..', '..', '..');
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a CommonJS build script
const build = require(join(ROOT, 'scripts', 'build-validators.js')) as typeof BuildValidators;
const OURS = build.VALIDATORS.filter((v) => v.module.startsWith('packages/core/'));

/** Inputs on which each export must behave as the run-time compiled schema, one keyword at least each. */
const CASES: Readonly<Record<string, Readonly<Record<string, readonly unknown[]>>>> = {
  'packages/core/generated/policy-validators.js': {
    document: [
      { Version: '2012-10-17', Statement: [] },
      { Version: '2012-10-18', Statement: {} },
      { Id: 3, Statement: 'x', Extra: true },
      {},
      [],
      'text',
    ],
    statement: [
      { Effect: 'Allow', Action: 's3:GetObject', Resource: '*' },
      { Effect: 'Permit', Action: [], NotAction: ['s3:*'], Resource: [1] },
      { Action: 's3:*', Principal: 'everyone', NotPrincipal: {} },
      { Effect: 'Deny', Principal: { AWS: [] }, Condition: { StringEquals: { 'aws:userid': [{}] } } },
      { Effect: 'Allow', Condition: { Bool: 'true' }, Resource: '*', NotResource: '*', Sid: 7 },
      // Inherited properties are not elements (`ownProperties`).
      Object.create({ Effect: 'Allow' }) as unknown,
      'statement',
    ],
  },
  'packages/core/generated/config-validator.js': {
    config: [
      {},
      { extends: 'lenient', rules: { 'wildcard-action': 'loud' }, unknown: 1 },
      { boundary: { allowed: [''], scope: { paths: [3], kinds: ['group'] } } },
      { trust: { accounts: ['12345'], organizationIds: ['o-x'], oidc: [{ provider: '', subjects: [''] }] } },
      { suppressions: [{ rule: 'x', target: 'y', reason: 'short', expires: 'tomorrow' }, 'x'] },
      { scps: [{}, 'x'], tuning: [] },
      'config',
    ],
  },
};

/** The validators of a spec compiled by ajv at run time, as the code did before generation. */
function compiledAtRunTime(spec: BuildValidators.ValidatorSpec): Record<string, ValidateFunction> {
  const ajv = new Ajv(spec.options);
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the schema file the generator reads
  const schema = require(join(ROOT, spec.schema)) as unknown;
  const refs = spec.prepare(ajv, schema);
  const validators: Record<string, ValidateFunction> = {};
  for (const [name, ref] of Object.entries(refs)) validators[name] = ajv.getSchema(ref)!;
  return validators;
}

const errorsOf = (validate: ValidateFunction, input: unknown): ErrorObject[] | null | undefined => {
  validate(input);
  return validate.errors;
};

describe('generated schema validators of the core', () => {
  it('cover the policy and configuration schemas', () => {
    expect(OURS.map((v) => v.schema).sort()).toEqual([
      'packages/core/src/config/schema.json',
      'packages/core/src/model/policy.schema.json',
    ]);
  });

  it.each(OURS.map((v) => [v.module, v] as const))(
    '%s is generated from the current schema and generator (else run `npm run build`)',
    (_, spec) => {
      expect(build.recordedHash(spec)).toBe(build.sourceHash(spec));
    },
  );

  const cases = OURS.flatMap((spec) => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the generated CommonJS module
    const generated = require(join(ROOT, spec.module)) as Record<string, ValidateFunction>;
    const runTime = compiledAtRunTime(spec);
    return Object.keys(runTime).flatMap((name) =>
      (CASES[spec.module]?.[name] ?? []).map(
        (input, i) => [`${spec.module} ${name}`, i, input, generated[name]!, runTime[name]!] as const,
      ),
    );
  });

  it('have cases for every export', () => {
    const covered = new Set(cases.map(([name]) => name));
    const exported = OURS.flatMap((spec) =>
      Object.keys(compiledAtRunTime(spec)).map((name) => `${spec.module} ${name}`),
    );
    expect([...covered].sort()).toEqual(exported.sort());
  });

  it.each(cases)(
    '%s reports the errors of the run-time compiled schema on case %i',
    (_, _i, input, generated, runTime) => {
      expect(errorsOf(generated, input)).toEqual(errorsOf(runTime, input));
    },
  );
});
