/**
 * The plan schema validator, generated at build time by scripts/build-validators.js (ajv
 * standalone code): fresh relative to plan-schema.json, and reporting the same error objects as
 * ajv compiling the schema at run time (the first one becomes the message and its pointer).
 */
import { join } from 'node:path';
import Ajv from 'ajv';
import type { ErrorObject, ValidateFunction } from 'ajv';
import type * as BuildValidators from '../../../scripts/build-validators';

const ROOT = join(__dirname, '..', '..', '..');
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a CommonJS build script
const build = require(join(ROOT, 'scripts', 'build-validators.js')) as typeof BuildValidators;
const [PLAN, ...others] = build.VALIDATORS.filter((v) => v.module.startsWith('packages/tf-scan/'));

const resource = { address: 'aws_iam_role.app', type: 'aws_iam_role', name: 'app' };

/** Plans that break each constraint of the schema once, and one that breaks none. */
const CASES: readonly [string, unknown][] = [
  ['a minimal plan', { format_version: '1.2' }],
  ['no format_version', { planned_values: {} }],
  ['a format_version that is not a version', { format_version: 'one' }],
  ['a number as format_version', { format_version: 1.2 }],
  ['resources that are not an array', { format_version: '1.2', planned_values: { root_module: { resources: {} } } }],
  [
    'a resource without a name',
    { format_version: '1.2', planned_values: { root_module: { resources: [{ address: 'a', type: 't' }] } } },
  ],
  [
    'an unknown resource mode in a child module',
    {
      format_version: '1.2',
      values: { root_module: { child_modules: [{ resources: [{ ...resource, mode: 'other' }] }] } },
    },
  ],
  [
    'a resource index that is neither a string nor an integer',
    { format_version: '1.2', prior_state: { values: { root_module: { resources: [{ ...resource, index: 1.5 }] } } } },
  ],
  [
    'a resource change without actions',
    { format_version: '1.2', resource_changes: [{ ...resource, change: { after: {} } }] },
  ],
  [
    'after_unknown that is a string',
    { format_version: '1.2', resource_changes: [{ ...resource, change: { actions: [], after_unknown: 'x' } }] },
  ],
  [
    'a configuration resource that is not an object',
    { format_version: '1.2', configuration: { root_module: { resources: ['aws_iam_role.app'] } } },
  ],
  ['an array', []],
];

const errorsOf = (validate: ValidateFunction, input: unknown): ErrorObject[] | null | undefined => {
  validate(input);
  return validate.errors;
};

describe('generated plan schema validator', () => {
  it('is the one validator of tf-scan', () => {
    expect(PLAN?.schema).toBe('packages/tf-scan/src/plan-schema.json');
    expect(others).toEqual([]);
  });

  it('is generated from the current schema and generator (else run `npm run build`)', () => {
    expect(build.recordedHash(PLAN!)).toBe(build.sourceHash(PLAN!));
  });

  describe('reports the errors of the run-time compiled schema', () => {
    const ajv = new Ajv(PLAN!.options);
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the schema file the generator reads
    const refs = PLAN!.prepare(ajv, require(join(ROOT, PLAN!.schema)));
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the generated CommonJS module
    const generated = require(join(ROOT, PLAN!.module)) as Record<string, ValidateFunction>;

    it('for the one export, `plan`', () => {
      expect(Object.keys(refs)).toEqual(['plan']);
    });

    it.each(CASES)('on %s', (_, input) => {
      expect(errorsOf(generated['plan']!, input)).toEqual(errorsOf(ajv.getSchema(refs['plan']!)!, input));
    });
  });
});
