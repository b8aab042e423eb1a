import * as fs from 'node:fs';
import * as path from 'node:path';
import { extractFiles } from '../../packages/tf-scan/src/scan';
import { extractPlan, leftToSources } from '../../packages/tf-scan/src/extract';
import { HclSources } from '../../packages/tf-scan/src/hcl-source';
import type { PlanJson } from '../../packages/tf-scan/src/plan-types';
import { valueToString } from '@iamgate/core';
import type { PolicyValue, ScanInput } from '@iamgate/core';
import { ROOT, runTfScan } from './run-tf-scan';

const fixture = (name: string): string => path.join('integ/tf-scan/real-shapes', name);

const ADMIN = 'arn:aws:iam::aws:policy/AdministratorAccess';
const READ = 'arn:aws:iam::aws:policy/ReadOnlyAccess';

interface Finding {
  readonly ruleId: string;
  readonly principal?: string;
  readonly location: { readonly address?: string };
}

/** The findings of the real binary on a fixture (built by `npm test`). */
function findings(name: string): Finding[] {
  const result = runTfScan([fixture(name), '--format', 'json', '--fail-on', 'never']);
  expect(result.stderr).toBe('');
  return (JSON.parse(result.stdout) as { findings: Finding[] }).findings;
}

/** Where the full-access verdict lands: the principal, else the address of the policy checked on its own. */
function fullAccess(name: string): string[] {
  return findings(name)
    .filter((f) => f.ruleId === 'admin-access/full-access')
    .map((f) => f.principal ?? `no principal: ${f.location.address ?? ''}`)
    .sort();
}

/** Managed policy ARNs by principal, as extracted. */
async function attachments(name: string): Promise<Record<string, string[]>> {
  const input = await extractFiles([path.join(ROOT, fixture(name))]);
  return Object.fromEntries(
    input.principals.map((p) => [
      p.id,
      p.policies.map((a) => (a.kind === 'inline' ? 'inline' : typeof a.arn === 'string' ? a.arn : '?')),
    ]),
  );
}

describe('an attachment links to the role instance its index names', () => {
  it.each([
    {
      behaviour: 'counted roles picked through a local in another order: the role name the plan shows wins',
      file: 'counted-roles-reordered.json',
      admin: ['aws_iam_role.app[1]'],
      linked: { 'aws_iam_role.app[0]': [READ], 'aws_iam_role.app[1]': [ADMIN] },
    },
    {
      behaviour: '`each.value.role` of a for_each map written in the configuration names the role',
      file: 'each-value-map.json',
      admin: ['aws_iam_role.this["ci"]'],
      linked: { 'aws_iam_role.this["app"]': [READ], 'aws_iam_role.this["ci"]': [ADMIN] },
    },
    {
      behaviour: '`module.svc[each.key].role_name` (the configuration lists only `module.svc`) pairs module instances',
      file: 'module-each-key.json',
      admin: ['module.svc["api"].aws_iam_role.this'],
      linked: {
        'module.svc["api"].aws_iam_role.this': [ADMIN],
        'module.svc["worker"].aws_iam_role.this': ['arn:aws:iam::aws:policy/AmazonSQSReadOnlyAccess'],
      },
    },
    {
      behaviour:
        'an exclusive attachment reaches a role and, through a group, its member; `module.fn[0].role_name` its role',
      file: 'exclusive-and-counted-module.json',
      admin: ['aws_iam_group.devs', 'aws_iam_role.ops', 'aws_iam_user.alice', 'module.fn[0].aws_iam_role.this[0]'],
      linked: {
        'aws_iam_role.ops': ['?'],
        'aws_iam_user.alice': ['?'],
        'aws_iam_user.bob': [],
        'aws_iam_group.devs': ['?'],
        'module.fn[0].aws_iam_role.this[0]': ['inline', '?'],
      },
    },
    {
      behaviour: 'a module output and a module variable lead to the role, its name unknown until apply',
      file: 'module-role.json',
      admin: ['module.ci_role.aws_iam_role.this'],
      linked: { 'module.ci_role.aws_iam_role.this': [ADMIN], 'aws_iam_role.app': [READ] },
    },
  ])('$behaviour', async ({ file, admin, linked }) => {
    expect(fullAccess(file)).toEqual(admin);
    expect(await attachments(file)).toEqual(linked);
  });

  // The binary reads the .tf files only when a policy is unresolved (scan.ts); `leftToSources`
  // tells it that they may also tell a link.
  it('`element(var.custom_role_policy_arns, count.index)` pairs the unknown ARNs in order: the escalation needs both', async () => {
    const file = 'policy-arns-by-count-index.json';
    expect(await attachments(file)).toEqual({ 'module.deployer.aws_iam_role.this[0]': [READ, '?', '?'] });
    const input = await extractFiles([path.join(ROOT, fixture(file))]);
    expect(input.principals[0]?.policies.map((a) => a.policy?.id)).toEqual([
      undefined,
      'aws_iam_policy.pass',
      'aws_iam_policy.lambda',
    ]);
    expect(
      findings(file)
        .filter((f) => f.ruleId === 'privilege-escalation/pass-role-to-service')
        .map((f) => f.principal),
    ).toEqual(['module.deployer.aws_iam_role.this[0]']);
  });

  it('`aws_iam_role.app[local.grants[count.index].role]`: evaluated from the .tf files, else no principal', async () => {
    const file = path.join(ROOT, fixture('local-index/plan.json'));
    const plan = JSON.parse(fs.readFileSync(file, 'utf8')) as PlanJson;
    const linked = (input: ScanInput): [string, unknown[]][] =>
      input.principals.map((p) => [p.id, p.policies.map((a) => a.arn)]);
    const sources = await HclSources.load(path.dirname(file), plan.configuration?.root_module);
    const withSources = extractPlan(file, plan, sources);
    expect(linked(withSources)).toEqual([
      ['aws_iam_role.app["admin"]', [ADMIN]],
      ['aws_iam_role.app["reader"]', [READ]],
    ]);
    expect([withSources.policies, leftToSources(withSources)]).toEqual([[], undefined]);
    const planOnly = extractPlan(file, plan);
    // Each AWS managed policy is then held by a stand-in named by its attachment.
    expect(linked(planOnly)).toEqual([
      ['aws_iam_role.app["admin"]', []],
      ['aws_iam_role.app["reader"]', []],
      ['aws_iam_role_policy_attachment.grant[0]', [READ]],
      ['aws_iam_role_policy_attachment.grant[1]', [ADMIN]],
    ]);
    expect(planOnly.policies).toEqual([]);
    expect(leftToSources(planOnly)).toEqual({ kind: 'link' });
  });

  it('a plan beside its .tf files: the scan reads them for such a link, as for an unresolved policy', async () => {
    const input = await extractFiles([path.join(ROOT, fixture('local-index/plan.json'))]);
    expect(input.principals.map((p) => [p.id, p.policies.map((a) => a.arn)])).toEqual([
      ['aws_iam_role.app["admin"]', [ADMIN]],
      ['aws_iam_role.app["reader"]', [READ]],
    ]);
  });
});

describe('a policy attached to a role outside the plan is still judged', () => {
  it('AWS managed policies are judged as on a role of the plan: on what they grant, not on their text', () => {
    const all = findings('aws-managed-outside.json');
    expect([...new Set(all.map((f) => f.principal))]).toEqual(['existing']);
    expect(all.filter((f) => f.ruleId.startsWith('policy-validity/'))).toEqual([]);
    expect(all.length).toBeGreaterThan(0);
  });

  it('a managed policy of the plan and an AWS managed policy, each on the role named as the plan shows it', () => {
    expect(fullAccess('outside-role.json')).toEqual(['existing-deployer', 'existing-operator']);
  });
});

describe('trust and resource policies of common real-world shapes', () => {
  it('an existing policy read by `data.aws_iam_policy` is judged on the role the plan attaches it to', () => {
    const verdicts = findings('existing-policy-data-source.json').map((f) => [f.ruleId, f.principal]);
    expect(verdicts).toEqual([
      ['privilege-escalation/pass-role-to-service', 'aws_iam_role.app'],
      ['privilege-escalation/pass-role-wildcard', 'aws_iam_role.app'],
    ]);
  });

  it("an IRSA trust document whose condition key names an OIDC provider made in the same plan is keyed on the `sub` of the cluster's issuer and checked", async () => {
    expect(findings('irsa-unknown-condition-key.json')).toEqual([]);
    const input = await extractFiles([path.join(ROOT, fixture('irsa-unknown-condition-key.json'))]);
    const trust = input.principals[0]?.trustPolicy;
    expect(trust?.unresolved).toBeUndefined();
    expect(JSON.stringify(trust?.document)).toContain(
      '"StringEquals":{"oidc.eks.${the region of aws_eks_cluster.this}.${the DNS suffix of the region of aws_eks_cluster.this}/id/${the OIDC issuer id of aws_eks_cluster.this}:sub":["system:serviceaccount:kube-system:aws-node"]}',
    );
  });

  it('a deferred document picked through a local index is unverifiable on each role, never paired by position', () => {
    const verdicts = findings('document-by-local-index.json').map((f) => [f.ruleId, f.principal]);
    expect(verdicts).toEqual([
      ['unverifiable/unresolved-policy', 'aws_iam_role.r[0]'],
      ['unverifiable/unresolved-policy', 'aws_iam_role.r[1]'],
    ]);
  });

  it('`templatefile("${path.module}/...", { bucket = <unknown ARN> })` is rendered from the .tf files, the ARN a hole', () => {
    const verdicts = findings('templatefile/plan.json').map((f) => [f.ruleId, f.principal]);
    expect(verdicts).toEqual([
      ['privilege-escalation/pass-role-wildcard', 'aws_iam_role.app'],
      ['wildcard-action/service-wildcard', 'aws_iam_role.app'],
    ]);
  });

  it('bucket policies picked through a local index land on the bucket the plan names, not the one of the same position', async () => {
    const input = await extractFiles([path.join(ROOT, fixture('bucket-policies-by-local-index.json'))]);
    expect(input.resources.map((r) => [r.id, r.arn])).toEqual([
      ['aws_s3_bucket_policy.p[0]', 'arn:aws:s3:::public'],
      ['aws_s3_bucket_policy.p[1]', 'arn:aws:s3:::logs'],
    ]);
  });

  it('`aws_s3_bucket.b[each.value]` in a deferred document names the bucket of the map, and `/*` after it is not ruled out', async () => {
    const file = 'document-resources-by-each-value.json';
    const input = await extractFiles([path.join(ROOT, fixture(file))]);
    const resources = input.principals.map((p) => {
      const document = p.policies[0]?.policy?.document as { Statement: { Resource: PolicyValue[] }[] };
      return [p.id, document.Statement[0]?.Resource.map(valueToString)];
    });
    expect(resources).toEqual([
      ['aws_iam_role.r["reader"]', [expect.stringMatching(/^arn:aws:s3:::logs\$\{.+\}$/)]],
      ['aws_iam_role.r["publisher"]', [expect.stringMatching(/^arn:aws:s3:::public\$\{.+\}$/)]],
    ]);
    // `s3:GetObject` on `"${aws_s3_bucket.b[each.value].arn}/*"` applies to objects: no mismatch is claimed.
    expect(findings(file)).toEqual([]);
  });

  it('resource policies land on the ARN of what they protect, an existing queue named by its URL included', async () => {
    const input = await extractFiles([path.join(ROOT, fixture('resource-policies.json'))]);
    const arns = Object.fromEntries(
      input.resources.map((r) => [r.id, typeof r.arn === 'string' ? r.arn : valueToString(r.arn ?? '')]),
    );
    expect(arns).toEqual({
      'aws_sqs_queue_policy.existing': 'arn:aws:sqs:eu-west-1:111122223333:jobs',
      'aws_sqs_queue_policy.q': expect.stringMatching(/^arn:aws:sqs:eu-west-1:\$\{.+\}:events$/),
      'aws_secretsmanager_secret_policy.s': expect.stringMatching(
        /^arn:aws:secretsmanager:eu-west-1:\$\{.+\}:secret:db-/,
      ),
      'aws_ecr_repository_policy.r': expect.stringMatching(/:repository\/app$/),
      'aws_kms_key_policy.k': expect.stringMatching(
        /^arn:aws:kms:eu-west-1:\$\{.+\}:key\/\$\{aws_kms_key\.k\.key_id\}$/,
      ),
      'aws_sns_topic_policy.t': expect.stringMatching(/^arn:aws:sns:eu-west-1:\$\{.+\}:alerts$/),
      'aws_lambda_permission.url': expect.stringMatching(/:function:api$/),
      'aws_lambda_permission.s3': expect.stringMatching(/:function:api$/),
    });
    const verdicts = findings('resource-policies.json').map((f) => `${f.ruleId} ${f.location.address ?? ''}`);
    expect(verdicts.sort()).toEqual([
      'resource-exposure/confused-deputy aws_lambda_permission.s3',
      'resource-exposure/public-principal aws_ecr_repository_policy.r',
      'resource-exposure/public-principal aws_kms_key_policy.k',
      'resource-exposure/public-principal aws_lambda_permission.url',
      'resource-exposure/public-principal aws_secretsmanager_secret_policy.s',
      'resource-exposure/public-principal aws_sns_topic_policy.t',
      'resource-exposure/public-principal aws_sqs_queue_policy.existing',
      'unverifiable/unresolved-policy aws_sqs_queue_policy.q',
    ]);
  });
});

describe('an organization or account only apply knows in a condition is judged, never taken as trusted', () => {
  const dir = fixture('unknown-organization');
  const plan = fs.readFileSync(path.join(ROOT, dir, 'plan.json'), 'utf8');
  const ONE = `${dir}/trust-one-organization.json`;
  const TWO = `${dir}/trust-two-organizations.json`;

  /** Rule and address of each finding, with the first value `${...}` its message names. */
  function verdicts(args: readonly string[], stdin?: string): string[] {
    const result = runTfScan([...args, '--format', 'json', '--fail-on', 'never'], stdin);
    expect(result.stderr).toBe('');
    return (JSON.parse(result.stdout) as { findings: (Finding & { message: string })[] }).findings
      .map((f) => {
        const named = /`\$\{([^}]+)\}/.exec(f.message)?.[1];
        return `${f.ruleId} ${f.location.address ?? ''}${named === undefined ? '' : ` ${named}`}`;
      })
      .sort();
  }

  // Another account of the organization, another account's organization (read through an aliased
  // provider): unverifiable whatever the configuration trusts. The organization the configuration
  // creates is its one trusted organization, or unverifiable when it lists two.
  const alwaysUnverifiable = [
    'unverifiable/unknown-value aws_lambda_layer_version_permission.partner data.aws_organizations_organization.partner.id',
    'unverifiable/unknown-value aws_sns_topic_policy.alerts aws_organizations_account.tools.id',
    'unverifiable/unknown-value aws_sqs_queue_policy.intake data.aws_organizations_organization.partner.id',
  ];
  const wholeOrganization = 'trust-policy/account-root aws_iam_role.auditor aws_organizations_organization.org.id';
  const ownUnverifiable = [
    'unverifiable/unknown-value aws_iam_role.auditor aws_organizations_organization.org.id',
    'unverifiable/unknown-value aws_lambda_layer_version_permission.org aws_organizations_organization.org.id',
    'unverifiable/unknown-value aws_s3_bucket_policy.artifacts aws_organizations_organization.org.id',
  ];

  it.each([
    ['the plan beside its .tf files', [`${dir}/plan.json`]],
    ['--hcl', ['--hcl', dir]],
  ])('%s: the own organization passes one trusted organization, not two', (_name, args) => {
    expect(verdicts([...args, '--config', ONE])).toEqual([...alwaysUnverifiable, wholeOrganization].sort());
    expect(verdicts([...args, '--config', TWO])).toEqual(
      [...alwaysUnverifiable, wholeOrganization, ...ownUnverifiable].sort(),
    );
  });

  it('the plan alone: a deferred document may hold text around the reference, so even the own organization is unverifiable', () => {
    const unresolved = ['aws_iam_role.auditor', 'aws_sns_topic_policy.alerts', 'aws_sqs_queue_policy.intake'].map(
      (address) => `unverifiable/unresolved-policy ${address}`,
    );
    const common = [
      'unverifiable/unknown-value aws_lambda_layer_version_permission.partner data.aws_organizations_organization.partner.id',
      'unverifiable/unknown-value aws_s3_bucket_policy.artifacts aws_organizations_organization.org.id',
      ...unresolved,
    ];
    expect(verdicts(['-', '--config', ONE], plan)).toEqual(common.sort());
    expect(verdicts(['-', '--config', TWO], plan)).toEqual(
      [
        ...common,
        'unverifiable/unknown-value aws_lambda_layer_version_permission.org aws_organizations_organization.org.id',
      ].sort(),
    );
  });
});

describe('plans of newer Terraform versions, and values marked sensitive', () => {
  it('identities, actions, ephemeral and write-only values are accepted; a sensitive policy is read when shown, unverifiable when left out', () => {
    const result = runTfScan([fixture('terraform-1.14-redacted.json'), '--format', 'json', '--fail-on', 'never']);
    expect([result.status, result.stderr]).toEqual([0, '']);
    const report = JSON.parse(result.stdout) as { errors: unknown[]; findings: (Finding & { message: string })[] };
    expect(report.errors).toEqual([]);
    const verdicts = report.findings.map((f) => [f.ruleId, f.location.address]).sort();
    expect(verdicts).toEqual([
      // Sensitive, and shown: read as any other.
      ['resource-exposure/public-principal', 'aws_iam_role.deployer'],
      // Sensitive, and left out: neither passed nor read as absent.
      ['unverifiable/unresolved-policy', 'aws_iam_role.worker'],
      ['unverifiable/unresolved-policy', 'aws_iam_role_policy.worker'],
    ]);
    for (const f of report.findings.filter((x) => x.ruleId === 'unverifiable/unresolved-policy'))
      expect(f.message).toContain('is sensitive and the plan leaves its value out');
  });
});

describe('RAM: a share is reported with what it shares', () => {
  const dir = fixture('ram-share');
  it.each([
    ['the plan', [`${dir}/plan.json`]],
    ['--hcl', ['--hcl', dir]],
  ])(
    '%s: the share with an untrusted account names its resources; a share with nobody in it is no finding',
    (_name, args) => {
      const result = runTfScan([...args, '--config', `${dir}/trust.json`, '--format', 'json', '--fail-on', 'never']);
      expect(result.stderr).toBe('');
      const found = (JSON.parse(result.stdout) as { findings: (Finding & { message: string })[] }).findings;
      expect(found.map((f) => [f.ruleId, f.location.address])).toEqual([
        ['trust-policy/untrusted-account', 'aws_ram_principal_association.partner'],
      ]);
      const message = found[0]?.message ?? '';
      expect(message).toContain('`aws_ram_resource_share.network`');
      expect(message).toContain('`${aws_ec2_transit_gateway.hub.arn}`');
      expect(message).toContain('`arn:aws:ec2:eu-west-1:111122223333:subnet/subnet-0a1b2c3d4e5f67890`');
      expect(message).toContain('`777788889999`');
      expect(message).toContain('under the default permission of each resource type');
    },
  );
});
