/**
 * The shared corpus of real `terraform show -json` outputs (see its PROVENANCE.md): every plan is
 * read without an input error, and the verdicts recorded there that concern extraction hold.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isSymbolic, valueToString } from '@iamgate/core';
import type { PolicySource, ScanInput } from '@iamgate/core';
import { extractFiles } from '../src/scan';

const CORPUS = path.join(__dirname, '../../../../shared/corpus/terraform-plans');

function plans(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) =>
      entry.isDirectory()
        ? entry.name === 'expected'
          ? []
          : plans(path.join(dir, entry.name))
        : entry.name.endsWith('.json')
          ? [path.join(dir, entry.name)]
          : [],
    )
    .sort();
}

const cache = new Map<string, Promise<ScanInput>>();
function scan(relative: string): Promise<ScanInput> {
  let result = cache.get(relative);
  if (result === undefined) {
    result = extractFiles([path.join(CORPUS, relative)]);
    cache.set(relative, result);
  }
  return result;
}

/** Every policy source of a scan input, by id. */
function sources(input: ScanInput): Map<string, PolicySource> {
  const all = new Map<string, PolicySource>();
  const add = (source: PolicySource | undefined): void => {
    if (source !== undefined) all.set(source.id, source);
  };
  for (const principal of input.principals) {
    add(principal.trustPolicy);
    add(principal.permissionsBoundary?.policy);
    principal.policies.forEach((p) => {
      add(p.policy);
    });
  }
  input.resources.forEach((r) => {
    add(r.policy);
  });
  input.policies.forEach((p) => {
    add(p.policy);
  });
  return all;
}

function statements(source: PolicySource | undefined): Record<string, unknown>[] {
  const document = typeof source?.document === 'string' ? (JSON.parse(source.document) as unknown) : source?.document;
  const statement = (document as { Statement?: unknown } | undefined)?.Statement;
  return (Array.isArray(statement) ? statement : [statement]) as Record<string, unknown>[];
}

function asList(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [value];
}

describe('every plan of the corpus is read', () => {
  const files = plans(CORPUS).map((f) => path.relative(CORPUS, f));
  it('finds the plans', () => {
    expect(files.length).toBeGreaterThanOrEqual(42);
  });
  it.each(files)('%s has no input error', async (file) => {
    const input = await scan(file);
    expect(input.errors).toEqual([]);
  });
});

describe('verdicts of PROVENANCE.md that concern extraction', () => {
  it('plan_with_iam_data_block: the deferred document with `Action: *` is attributed to the bucket policy', async () => {
    const input = await scan('checkov/plan_with_iam_data_block.tfplan.json');
    const policy = input.resources.find((r) => r.id === 'aws_s3_bucket_policy.allow_access_from_another_account');
    expect(policy?.policy.unresolved).toBeUndefined();
    expect(statements(policy?.policy).map((s) => s['Action'])).toEqual([['*']]);
    expect(policy?.arn).toBe('arn:aws:s3:::my-tf-test-bucket');
  });

  it('GithubActionsOIDCTrustPolicy: each role instance gets the document of its own for_each key', async () => {
    const input = await scan('checkov/GithubActionsOIDCTrustPolicy.tfplan.json');
    for (const name of ['r1', 'r6']) {
      for (const key of ['p1', 'p2']) {
        const role = input.principals.find((p) => p.id === `module.poc.aws_iam_role.${name}["${key}"]`);
        const condition = statements(role?.trustPolicy)[0]?.['Condition'] as Record<string, Record<string, unknown[]>>;
        const sub = Object.entries(condition['StringEquals'] ?? {}).find(([k]) => k.endsWith(':sub'))?.[1];
        expect(sub).toEqual([`system:serviceaccount:${key}:default`]);
      }
    }
    // The inline policies come from `each.value`, known at plan time: each names its own key's prefix.
    for (const role of input.principals) {
      const key = /\["(p\d)"\]/.exec(role.id)?.[1];
      const condition = statements(role.policies[0]?.policy)[0]?.['Condition'] as Record<
        string,
        Record<string, unknown>
      >;
      expect(condition['StringLike']?.['s3:prefix']).toEqual([`${String(key)}/*`]);
    }
  });

  it('GithubActionsOIDCTrustPolicy: the OIDC provider created in the plan is the federated principal of r1', async () => {
    const input = await scan('checkov/GithubActionsOIDCTrustPolicy.tfplan.json');
    const role = input.principals.find((p) => p.id === 'module.poc.aws_iam_role.r1["p1"]');
    const federated = (statements(role?.trustPolicy)[0]?.['Principal'] as { Federated: unknown[] }).Federated[0];
    expect(isSymbolic(federated)).toBe(true);
    expect(valueToString(federated as string)).toMatch(/:oidc-provider\/accounts\.google\.com$/);
    expect(input.identityProviders?.map((p) => p.id)).toEqual(['module.poc.aws_iam_openid_connect_provider.r5']);
  });

  it('modules_edges: declarations with count 0 yield nothing', async () => {
    const input = await scan('checkov/modules_edges.tfplan.json');
    expect([input.principals, input.resources, input.policies]).toEqual([[], [], []]);
  });

  it("plan_nested_child_modules_with_connections: declarations with count 0 yield nothing; the s3-bucket module's `public-read-write` ACL (its public access block ignores no public ACL) is the one resource, as its ACL", async () => {
    const input = await scan('checkov/plan_nested_child_modules_with_connections.tfplan.json');
    expect([input.principals, input.policies]).toEqual([[], []]);
    expect(input.resources.map((r) => [r.id, r.grantedBy])).toEqual([
      ['module.s3_bucket.aws_s3_bucket_acl.this[0]', 'acl'],
    ]);
  });

  it('plan_with_utf_16_encoding: the UTF-16 plan is read and its role policy extracted', async () => {
    const input = await scan('checkov/plan_with_utf_16_encoding.tfplan.json');
    expect([...sources(input).keys()]).toEqual(['aws_iam_role_policy.fail_1']);
  });

  it('plan_with_iam_policies: the three failing policies allow `iam:*` and the passing one exists', async () => {
    const all = sources(await scan('checkov/plan_with_iam_policies.tfplan.json'));
    for (const id of ['aws_iam_role_policy.fail_1', 'aws_iam_group_policy.fail_2', 'aws_iam_user_policy.fail_3']) {
      expect(statements(all.get(id)).flatMap((s) => asList(s['Action']))).toContain('iam:*');
    }
    expect(all.has('aws_iam_policy.policy_pass')).toBe(true);
  });

  it('admin_policy_infra: every valid and invalid policy is extracted, the deny one as written', async () => {
    const all = sources(await scan('regula/admin_policy_infra.json'));
    for (const kind of ['group_policy', 'policy', 'role_policy', 'user_policy']) {
      expect(all.has(`aws_iam_${kind}.invalid_${kind === 'policy' ? 'policy' : kind}`)).toBe(true);
    }
    expect(statements(all.get('aws_iam_policy.valid_deny_policy'))[0]?.['Effect']).toBe('Deny');
  });

  it('bucketpolicy_allowlist: external bucket policies land on their bucket', async () => {
    const input = await scan('regula/bucketpolicy_allowlist_infra.json');
    const buckets = new Map(input.resources.filter((r) => r.type === 'aws_s3_bucket').map((r) => [r.id, r.arn]));
    expect([...buckets.keys()].sort()).toEqual([
      'aws_s3_bucket.allowget-inline-policy',
      'aws_s3_bucket.allowlist-inline-policy',
      'aws_s3_bucket.denylist-inline-policy',
    ]);
    const external = input.resources.filter((r) => r.type === 'aws_s3_bucket_policy');
    expect(external).toHaveLength(3);
    for (const policy of external) expect(valueToString(policy.arn ?? '')).toMatch(/^arn:aws:s3:::/);
  });

  // The plan does not tell `aws_s3_bucket.example.arn` from `"${aws_s3_bucket.example.arn}/*"`: the
  // element is the referenced ARN and what may follow it.
  it('resource_view_01: the unknown statement resource becomes the referenced bucket, then what may follow', async () => {
    const input = await scan('regula/resource_view_01_infra.json');
    const resource = asList(statements(input.resources[0]?.policy)[0]?.['Resource']);
    expect(resource.map((v) => valueToString(v as string))).toEqual([
      expect.stringMatching(/^arn:aws:s3:::\$\{aws_s3_bucket\.example\.bucket\}\$\{.+\}$/),
    ]);
  });

  it('resource_view_02: a partly unknown list keeps the known element and rebuilds the unknown one', async () => {
    const all = sources(await scan('regula/resource_view_02_infra.json'));
    const resource = asList(statements(all.get('aws_iam_policy.example'))[0]?.['Resource']);
    expect(resource.map((v) => valueToString(v as string))).toEqual([
      'arn:aws:s3:::some-example-bucket/*',
      expect.stringMatching(/^arn:aws:s3:::\$\{aws_s3_bucket\.example\.bucket\}\$\{.+\}$/),
    ]);
  });

  it('data-01: a document read at plan time and used by nothing is surfaced from prior_state', async () => {
    const input = await scan('snyk-policy-engine/data-01.plan.json');
    expect(input.policies.map((p) => p.policy.id)).toEqual(['data.aws_iam_policy_document.denied']);
    expect(JSON.stringify(input.policies[0]?.policy.document)).toContain('sts:ExternalId');
  });

  it('resource-changes: a destroyed bucket, an unknown unconfigured policy and `private` ACLs yield nothing; the bucket updated to `acl = "public-read"` is public through its ACL', async () => {
    const input = await scan('snyk-policy-engine/resource-changes.plan.json');
    expect(input.resources.map((r) => [r.id, r.grantedBy])).toEqual([['aws_s3_bucket.update_bucket', 'acl']]);
  });

  it.each([
    [
      'terraform-iam-policy-validator/identity_policies/test_plan.json',
      [
        'aws_iam_group_policy.my_developer_policy',
        'aws_iam_policy.policy',
        'aws_iam_role.example.inline_policy.0',
        'aws_iam_role.example.inline_policy.1',
        'aws_iam_role_policy.test_policy',
        'aws_iam_user_policy.lb_ro',
      ],
    ],
    [
      'terraform-iam-policy-validator/multiple_policies/test_plan.json',
      ['aws_iam_user_policy.lb_ro', 'aws_s3_bucket_policy.allow_access_from_another_account'],
    ],
    [
      'terraform-iam-policy-validator/role_inline_assume_policy/test_plan.json',
      ['aws_iam_role.test_role.inline_policy.0', 'aws_iam_role.test_role.assume_role_policy'],
    ],
    [
      'terraform-iam-policy-validator/public_access/test_plan.json',
      [
        'aws_backup_vault_policy.example',
        'aws_codeartifact_domain_permissions_policy.example',
        'aws_dynamodb_resource_policy.example',
        'aws_iam_role.default.assume_role_policy',
        'aws_iam_role.test_role.assume_role_policy',
        'aws_kinesis_resource_policy.example_consumer_policy',
        'aws_kinesis_resource_policy.example_strem_policy',
        'aws_opensearch_domain_policy.main',
        'aws_s3_bucket_policy.allow_public_access',
        'aws_s3tables_table_bucket_policy.example',
        'aws_s3tables_table_policy.example',
        'aws_sns_topic_policy.default',
        'aws_s3_bucket_policy.no_public_access_bucket',
      ],
    ],
  ])('%s: every policy the Access Analyzer oracle reports on is extracted with its document', async (file, ids) => {
    const all = sources(await scan(file));
    for (const id of ids) {
      expect([id, all.get(id)?.document === undefined]).toEqual([id, false]);
    }
  });

  it('test_issue_796: an unknown source_arn that references a module output is present', async () => {
    const input = await scan('terraform-compliance/test_issue_796.plan.out.json');
    const condition = statements(input.resources[0]?.policy)[0]?.['Condition'] as Record<
      string,
      Record<string, unknown>
    >;
    expect(valueToString(condition['ArnLike']?.['aws:SourceArn'] as string)).toMatch(/:rule\/example$/);
  });

  it('test_non_created_module_resource_parameter: the boundary from a module variable and the count-paired attachment', async () => {
    const input = await scan('terraform-compliance/test_non_created_module_resource_parameter.plan.out.json');
    const role = input.principals[0];
    expect(role?.permissionsBoundary?.arn).toBe('arn:aws:iam::123456789101:policy/product-pb');
    expect(role?.policies.map((p) => p.policy?.id)).toEqual([
      'module.apigw_test_1.module.api_gw_log_role.aws_iam_policy.default[0]',
    ]);
    expect(input.policies).toEqual([]);
  });

  it('user_attached_policy: invalid users have policies of their own, valid users only through groups', async () => {
    const input = await scan('regula/user_attached_policy_infra.json');
    for (const user of input.principals.filter((p) => p.kind === 'user' && p.policies.length > 0)) {
      const direct = user.policies.some((p) => p.kind !== 'group');
      expect([user.id, direct]).toEqual([user.id, user.id.includes('invalid')]);
    }
  });

  it('runner_plan_large_0.12: the access key lands on its user and the default key policy is skipped', async () => {
    const input = await scan('checkov/runner_plan_large_0.12.tfplan.json');
    expect(input.principals.filter((p) => (p.credentials ?? []).length > 0).map((p) => p.id)).toEqual([
      'aws_iam_user.user',
    ]);
    expect(input.resources.some((r) => r.type === 'aws_kms_key')).toBe(false);
  });
});
