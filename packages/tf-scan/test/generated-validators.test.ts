/**
 * The plan schema validator, generated at build time by scripts/build-validators.js (ajv
 * standalone code): fresh relative to plan-schema.json, and reporting the same error objects as
 * ajv compiling the schema at run time (the first one becomes the message and its pointer).
 */
import { join } from 'node:path';
import Ajv from 'ajv';
import type { ErrorObject, ValidateFunction } from 'ajv';
import type * as BuildValidators from '../../../scripts/build-validators';
import { CHANGES_READ } from '../src/extract';
import { RESOURCE_POLICY_TYPES } from '../src/resource-policies';

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

// eslint-disable-next-line @typescript-eslint/no-require-imports -- the schema file the generator reads
const SCHEMA = require(join(ROOT, 'packages/tf-scan/src/plan-schema.json')) as {
  definitions: { attributes: Record<string, unknown> };
};

/** Attributes of one resource type with a type Terraform never writes there (and one with none), with the pointer of the first. */
const ATTRIBUTE_CASES: readonly [string, string, unknown, string | null][] = [
  [
    'an SCP attachment with a number as policy_id',
    'aws_organizations_policy_attachment',
    { policy_id: 5 },
    '/policy_id',
  ],
  ['an SCP attachment with nulls', 'aws_organizations_policy_attachment', { policy_id: null, target_id: null }, null],
  ['a role with a list as name', 'aws_iam_role', { name: ['a'] }, '/name'],
  [
    'a role whose inline policy is a number',
    'aws_iam_role',
    { inline_policy: [{ name: 'a', policy: 1 }] },
    '/inline_policy/0/policy',
  ],
  ['a role with a tag that is a list', 'aws_iam_role', { tags: { team: ['a'] } }, '/tags/team'],
  ['an attachment with an object as policy_arn', 'aws_iam_role_policy_attachment', { policy_arn: {} }, '/policy_arn'],
  ['a group membership with a string as users', 'aws_iam_group_membership', { users: 'alice' }, '/users'],
  [
    'a document statement whose principals are an object',
    'aws_iam_policy_document',
    { statement: [{ principals: { type: 'AWS', identifiers: ['*'] } }] },
    '/statement/0/principals',
  ],
  [
    'a document condition whose values hold an object',
    'aws_iam_policy_document',
    { statement: [{ condition: [{ test: 'StringEquals', variable: 'aws:x', values: [{}] }] }] },
    '/statement/0/condition/0/values/0',
  ],
  ['a bucket policy that is a number', 'aws_s3_bucket_policy', { policy: 5 }, '/policy'],
  ['a bucket policy as a document object', 'aws_s3_bucket_policy', { policy: { Statement: [] } }, null],
  ['a Lambda permission with a list as principal', 'aws_lambda_permission', { principal: ['*'] }, '/principal'],
  ['a Lambda permission as Terraform writes it', 'aws_lambda_permission', { principal: '*', qualifier: null }, null],
  ['an IoT policy as a list of texts', 'aws_iot_policy', { policy: ['{}'] }, '/policy'],
  [
    'a permission set inline policy as a list of texts',
    'aws_ssoadmin_permission_set_inline_policy',
    { inline_policy: ['{}'] },
    '/inline_policy',
  ],
  ['a KMS grant with a text as operations', 'aws_kms_grant', { operations: 'Decrypt' }, '/operations'],
  [
    'a Multi-Region Access Point policy whose details are an object',
    'aws_s3control_multi_region_access_point_policy',
    { details: { policy: '{}' } },
    '/details',
  ],
  [
    'a RAM association with a number as principal',
    'aws_ram_principal_association',
    { principal: 123456789012 },
    '/principal',
  ],
  [
    'a Lake Formation permission with a text as permissions',
    'aws_lakeformation_permissions',
    { principal: 'arn:aws:iam::123456789012:role/a', permissions: 'ALL' },
    '/permissions',
  ],
  [
    'an OpenSearch Serverless access policy as a number',
    'aws_opensearchserverless_access_policy',
    { type: 'data', policy: 5 },
    '/policy',
  ],
  [
    'an EKS access entry with a text as groups',
    'aws_eks_access_entry',
    { kubernetes_groups: 'admins' },
    '/kubernetes_groups',
  ],
  [
    'a public access block with a text as a setting',
    'aws_s3_bucket_public_access_block',
    { restrict_public_buckets: 'true' },
    '/restrict_public_buckets',
  ],
  ['an instance profile with a list as role', 'aws_iam_instance_profile', { role: ['a'] }, '/role'],
  [
    "a bucket's grant with a text as permissions",
    'aws_s3_bucket',
    { grant: [{ type: 'Group', uri: 'http://acs.amazonaws.com/groups/global/AllUsers', permissions: 'READ' }] },
    '/grant/0/permissions',
  ],
  [
    "a bucket's grants as Terraform writes them",
    'aws_s3_bucket',
    {
      grant: [{ id: '', type: 'Group', uri: 'http://acs.amazonaws.com/groups/global/AllUsers', permissions: ['READ'] }],
    },
    null,
  ],
  [
    'a bucket ACL whose grantee is an object',
    'aws_s3_bucket_acl',
    { access_control_policy: [{ grant: [{ grantee: { type: 'Group' }, permission: 'READ' }] }] },
    '/access_control_policy/0/grant/0/grantee',
  ],
  [
    'a bucket ACL whose grant permission is a number',
    'aws_s3_bucket_acl',
    { access_control_policy: [{ grant: [{ grantee: [{ type: 'Group', uri: null }], permission: 1 }] }] },
    '/access_control_policy/0/grant/0/permission',
  ],
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

    it('for its exports: `plan`, and the attributes of each resource type the schema lists', () => {
      const types = Object.keys(SCHEMA.definitions.attributes).filter((key) => !key.startsWith('$'));
      expect(types.length).toBeGreaterThan(80);
      expect(Object.keys(refs)).toEqual(['plan', ...types]);
      expect(Object.keys(generated).sort()).toEqual(['plan', ...types].sort());
    });

    it.each(CASES)('on %s', (_, input) => {
      expect(errorsOf(generated['plan']!, input)).toEqual(errorsOf(ajv.getSchema(refs['plan']!)!, input));
    });

    it.each(ATTRIBUTE_CASES)('on %s', (_, type, values, pointer) => {
      const errors = errorsOf(generated[type]!, values);
      expect(errors).toEqual(errorsOf(ajv.getSchema(refs[type]!)!, values));
      expect(errors?.[0]?.instancePath ?? null).toBe(pointer);
    });
  });

  it('has the attributes of every resource type extraction reads', () => {
    // What a workload's role is found through (workloads.ts): read, though no type of CHANGES_READ.
    const linked = ['aws_iam_instance_profile', 'aws_ecs_task_definition', 'aws_ecs_cluster'];
    const read = [...CHANGES_READ.types, ...linked];
    expect(read.length).toBeGreaterThan(150);
    expect(read.filter((type) => !Object.hasOwn(SCHEMA.definitions.attributes, type))).toEqual([]);
  });

  it('checks the policy attribute of every resource policy type extraction reads', () => {
    for (const [type, { attribute }] of Object.entries(RESOURCE_POLICY_TYPES)) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- the generated CommonJS module
      const validate = (require(join(ROOT, PLAN!.module)) as Record<string, ValidateFunction | undefined>)[type];
      expect([type, validate?.({ [attribute]: 5 })]).toEqual([type, false]);
      expect([type, validate?.({ [attribute]: '{"Statement":[]}' })]).toEqual([type, true]);
    }
  });
});
