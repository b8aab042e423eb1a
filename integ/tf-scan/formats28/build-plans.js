/**
 * Writes the plans of round 28 (`node integ/tf-scan/formats28/build-plans.js` from the repository
 * root): the features of `terraform show -json` that newer Terraform (1.5-1.11) and OpenTofu
 * (1.8+) plans carry, each around one role whose inline policy passes any role (`iam:PassRole` on
 * `*`), so that a plan read wrong shows as a missing finding. Written by hand from the documented
 * JSON output format; none was produced by Terraform.
 */
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { PROVIDER, constant, policy, iamArn, allow, ref } = require('../plan-parts');

const TRUST = policy({ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' });
const PASS_ANY = policy(allow(['iam:PassRole', 'lambda:CreateFunction'], '*'));

/** A role as the provider shows it once it exists. */
const roleValues = (name) => ({ name, arn: iamArn('role', name), id: name, assume_role_policy: TRUST, path: '/' });
/** An inline policy of that role. */
const inlineValues = (role, document = PASS_ANY) => ({ role, name: 'deploy', id: `${role}:deploy`, policy: document });

/**
 * One resource change: `address` in `module` (`module.iam`), its values `after` (null when
 * deleted), `before` (null when created), and the optional keys of a change of newer versions.
 */
function change(
  address,
  type,
  actions,
  { after = null, before = null, unknown = {}, module, provider = PROVIDER, ...more } = {},
) {
  const [, name] = /\.([\w-]+)(\[.*\])?$/.exec(address) ?? [];
  return {
    address: module === undefined ? address : `${module}.${address}`,
    ...(module === undefined ? {} : { module_address: module }),
    mode: address.startsWith('data.') ? 'data' : 'managed',
    type,
    name,
    provider_name: provider,
    ...(more.previous_address === undefined ? {} : { previous_address: more.previous_address }),
    change: {
      actions,
      before,
      after,
      after_unknown: unknown,
      before_sensitive: before === null ? false : {},
      after_sensitive: after === null ? false : (more.after_sensitive ?? {}),
      ...(more.importing === undefined ? {} : { importing: more.importing }),
      ...(more.generated_config === undefined ? {} : { generated_config: more.generated_config }),
    },
    ...(more.action_reason === undefined ? {} : { action_reason: more.action_reason }),
  };
}

/** The resources of the changes Terraform will have after apply, as `planned_values` lists them. */
function plannedValues(changes) {
  const root = { resources: [], child_modules: [] };
  for (const c of changes) {
    if (c.change.after === null || c.change.actions.includes('read') || c.change.actions.includes('forget')) continue;
    const resource = {
      address: c.address,
      mode: c.mode,
      type: c.type,
      name: c.name,
      provider_name: c.provider_name,
      schema_version: 0,
      values: c.change.after,
      sensitive_values: {},
    };
    if (c.module_address === undefined) root.resources.push(resource);
    else {
      let child = root.child_modules.find((m) => m.address === c.module_address);
      if (child === undefined) root.child_modules.push((child = { address: c.module_address, resources: [] }));
      child.resources.push(resource);
    }
  }
  if (root.child_modules.length === 0) delete root.child_modules;
  return { root_module: root };
}

/** The configuration of a role and its inline policy (`role = aws_iam_role.deploy.name`). */
function roleConfig(providerKey = 'aws') {
  return [
    {
      address: 'aws_iam_role.deploy',
      mode: 'managed',
      type: 'aws_iam_role',
      name: 'deploy',
      provider_config_key: providerKey,
      expressions: { name: constant('deploy'), assume_role_policy: constant(TRUST) },
      schema_version: 0,
    },
    {
      address: 'aws_iam_role_policy.deploy',
      mode: 'managed',
      type: 'aws_iam_role_policy',
      name: 'deploy',
      provider_config_key: providerKey,
      expressions: {
        name: constant('deploy'),
        role: { references: ['aws_iam_role.deploy.name', 'aws_iam_role.deploy'] },
        policy: constant(PASS_ANY),
      },
      schema_version: 0,
    },
  ];
}

/** A whole plan: `changes` and the configuration's root `resources`; `extra` keys of newer formats. */
function plan(changes, resources, extra = {}) {
  return {
    format_version: '1.2',
    terraform_version: '1.9.8',
    planned_values: plannedValues(changes),
    resource_changes: changes,
    configuration: {
      provider_config: { aws: { name: 'aws', full_name: PROVIDER, expressions: { region: constant('eu-west-1') } } },
      root_module: { resources },
    },
    timestamp: '2026-11-30T10:00:00Z',
    applyable: true,
    complete: true,
    errored: false,
    ...extra,
  };
}

/** A role and its policy created (the role's ARN known only after apply). */
const created = (options = {}) => [
  change('aws_iam_role.deploy', 'aws_iam_role', ['create'], {
    after: { name: 'deploy', assume_role_policy: TRUST, path: '/' },
    unknown: { arn: true, id: true, unique_id: true },
    ...options,
  }),
  change('aws_iam_role_policy.deploy', 'aws_iam_role_policy', ['create'], {
    after: { name: 'deploy', role: 'deploy', policy: PASS_ANY },
    unknown: { id: true },
    ...options,
  }),
];

const PLANS = {
  // Terraform 1.9: a check block that fails, drift of the policy outside Terraform, the attributes
  // the drift is relevant to, and a sensitive output.
  'checks-drift.json': () => {
    const changes = created();
    return plan(changes, roleConfig(), {
      resource_drift: [
        change('aws_iam_role_policy.old', 'aws_iam_role_policy', ['delete'], {
          before: inlineValues('old'),
          action_reason: 'delete_because_no_resource_config',
        }),
      ],
      relevant_attributes: [{ resource: 'aws_iam_role_policy.deploy', attribute: ['policy'] }],
      output_changes: {
        token: {
          actions: ['create'],
          before: null,
          after: 'secret',
          after_unknown: false,
          before_sensitive: false,
          after_sensitive: true,
        },
        role: {
          actions: ['create'],
          before: null,
          after_unknown: true,
          before_sensitive: false,
          after_sensitive: false,
        },
      },
      checks: [
        {
          address: { kind: 'check', name: 'deploy_role', to_display: 'check.deploy_role' },
          status: 'fail',
          instances: [
            {
              address: { to_display: 'check.deploy_role' },
              status: 'fail',
              problems: [{ message: 'the deploy role must not pass every role' }],
            },
          ],
        },
      ],
    });
  },
  // Terraform 1.5+: an `import` block bringing an existing role and its policy under management;
  // `-generate-config-out` wrote the policy's configuration.
  'import-generated.json': () => {
    const changes = [
      change('aws_iam_role.deploy', 'aws_iam_role', ['no-op'], {
        before: roleValues('deploy'),
        after: roleValues('deploy'),
        importing: { id: 'deploy' },
      }),
      change('aws_iam_role_policy.deploy', 'aws_iam_role_policy', ['no-op'], {
        before: inlineValues('deploy'),
        after: inlineValues('deploy'),
        importing: { id: 'deploy:deploy' },
        generated_config: `resource "aws_iam_role_policy" "deploy" {\n  name   = "deploy"\n  policy = ${JSON.stringify(PASS_ANY)}\n  role   = "deploy"\n}\n`,
      }),
    ];
    return plan(changes, roleConfig());
  },
  // Terraform 1.1+: `moved` blocks: the role and policy renamed from `ci`, nothing else changes.
  'moved.json': () => {
    const changes = [
      change('aws_iam_role.deploy', 'aws_iam_role', ['no-op'], {
        before: roleValues('deploy'),
        after: roleValues('deploy'),
        previous_address: 'aws_iam_role.ci',
      }),
      change('aws_iam_role_policy.deploy', 'aws_iam_role_policy', ['no-op'], {
        before: inlineValues('deploy'),
        after: inlineValues('deploy'),
        previous_address: 'aws_iam_role_policy.ci',
      }),
    ];
    return plan(changes, roleConfig());
  },
  // Terraform 1.10+ `-allow-deferral`: the policy's `for_each` known only after apply, deferred
  // under the one address whose key Terraform writes `[*]` (any key).
  'deferred.json': () => {
    const changes = created().slice(0, 1);
    const deferred = change('aws_iam_role_policy.deploy[*]', 'aws_iam_role_policy', ['create'], {
      after: { name: 'deploy', role: 'deploy' },
      unknown: { id: true, policy: true },
    });
    return plan(changes, roleConfig(), {
      complete: false,
      deferred_changes: [{ reason: 'instance_count_unknown', resource_change: deferred }],
    });
  },
  // The policy's document (`data.aws_iam_policy_document.deploy`) deferred, the policy itself
  // planned with its text unknown: Terraform defers what depends on a deferred change too, but a
  // plan edited or written by a tool may list it.
  'deferred-document.json': () => {
    const changes = created();
    changes[1].change.after = { name: 'deploy', role: 'deploy' };
    changes[1].change.after_unknown = { id: true, policy: true };
    const read = plan(changes, roleConfig(), {
      complete: false,
      deferred_changes: [
        {
          reason: 'deferred_prereq',
          resource_change: {
            ...change('data.aws_iam_policy_document.deploy', 'aws_iam_policy_document', ['read'], {
              after: {},
              unknown: { id: true, json: true },
            }),
            action_reason: 'read_because_config_unknown',
          },
        },
      ],
    });
    const [, policyConfig] = read.configuration.root_module.resources;
    policyConfig.expressions.policy = {
      references: ['data.aws_iam_policy_document.deploy.json', 'data.aws_iam_policy_document.deploy'],
    };
    read.configuration.root_module.resources.push({
      address: 'data.aws_iam_policy_document.deploy',
      mode: 'data',
      type: 'aws_iam_policy_document',
      name: 'deploy',
      provider_config_key: 'aws',
      expressions: { statement: [{ actions: { references: ['var.actions'] }, resources: constant(['*']) }] },
      schema_version: 0,
    });
    return read;
  },
  // The usual deferral of a document: its `count` only apply knows (`count = var.n`), so every
  // instance deferred as `data.aws_iam_policy_document.deploy[*]`; the policy reads `deploy[0]`.
  'deferred-keyed-document.json': () => {
    const read = PLANS['deferred-document.json']();
    const [deferred] = read.deferred_changes;
    deferred.reason = 'instance_count_unknown';
    deferred.resource_change.address = 'data.aws_iam_policy_document.deploy[*]';
    const [, policyConfig, documentConfig] = read.configuration.root_module.resources;
    policyConfig.expressions.policy = {
      references: [
        'data.aws_iam_policy_document.deploy[0].json',
        'data.aws_iam_policy_document.deploy[0]',
        'data.aws_iam_policy_document.deploy',
      ],
    };
    documentConfig.count_expression = { references: ['var.n'] };
    return read;
  },
  // Reasons Terraform gives an action: the policy replaced because tainted, a document read at
  // apply (`read_because_dependency_pending`), a role of a module no longer called deleted.
  'action-reasons.json': () => {
    const changes = [
      change('aws_iam_role.deploy', 'aws_iam_role', ['no-op'], {
        before: roleValues('deploy'),
        after: roleValues('deploy'),
      }),
      change('aws_iam_role_policy.deploy', 'aws_iam_role_policy', ['delete', 'create'], {
        before: inlineValues('deploy'),
        after: { name: 'deploy', role: 'deploy', policy: PASS_ANY },
        unknown: { id: true },
        action_reason: 'replace_because_tainted',
      }),
      change('data.aws_iam_policy_document.extra', 'aws_iam_policy_document', ['read'], {
        after: { statement: [{ actions: ['s3:GetObject'], resources: null }] },
        unknown: { id: true, json: true, minified_json: true, statement: [{ resources: true }] },
        action_reason: 'read_because_dependency_pending',
      }),
      change('aws_iam_role.legacy', 'aws_iam_role', ['delete'], {
        module: 'module.legacy',
        before: {
          ...roleValues('legacy'),
          assume_role_policy: policy({ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole' }),
        },
        action_reason: 'delete_because_no_module',
      }),
    ];
    return plan(changes, roleConfig());
  },
  // Terraform 1.11: a secret written with a write-only argument (null in the plan) beside an
  // ephemeral password; the secret's resource policy open to every account.
  'write-only.json': () => {
    const secretPolicy = policy({
      Effect: 'Allow',
      Principal: '*',
      Action: 'secretsmanager:GetSecretValue',
      Resource: '*',
    });
    const changes = [
      ...created(),
      change('aws_secretsmanager_secret.db', 'aws_secretsmanager_secret', ['create'], {
        after: { name: 'db' },
        unknown: { arn: true, id: true },
      }),
      change('aws_secretsmanager_secret_version.db', 'aws_secretsmanager_secret_version', ['create'], {
        after: { secret_string: null, secret_string_wo: null, secret_string_wo_version: 1 },
        unknown: { id: true, secret_id: true, version_id: true },
        after_sensitive: { secret_string_wo: true },
      }),
      change('aws_secretsmanager_secret_policy.db', 'aws_secretsmanager_secret_policy', ['create'], {
        after: { policy: secretPolicy },
        unknown: { id: true, secret_arn: true },
      }),
    ];
    const config = [
      ...roleConfig(),
      {
        address: 'ephemeral.random_password.db',
        mode: 'ephemeral',
        type: 'random_password',
        name: 'db',
        provider_config_key: 'random',
        expressions: { length: constant(24) },
        schema_version: 0,
      },
      {
        address: 'aws_secretsmanager_secret_version.db',
        mode: 'managed',
        type: 'aws_secretsmanager_secret_version',
        name: 'db',
        provider_config_key: 'aws',
        expressions: {
          secret_id: { references: ['aws_secretsmanager_secret.db.id', 'aws_secretsmanager_secret.db'] },
          secret_string_wo: { references: ['ephemeral.random_password.db.result', 'ephemeral.random_password.db'] },
          secret_string_wo_version: constant(1),
        },
        schema_version: 0,
      },
      {
        address: 'aws_secretsmanager_secret_policy.db',
        mode: 'managed',
        type: 'aws_secretsmanager_secret_policy',
        name: 'db',
        provider_config_key: 'aws',
        expressions: {
          secret_arn: { references: ['aws_secretsmanager_secret.db.arn', 'aws_secretsmanager_secret.db'] },
          policy: constant(secretPolicy),
        },
        schema_version: 0,
      },
    ];
    return plan(changes, config);
  },
  // A plan Terraform stopped at an error (`terraform plan` exits 1; `show -json` of its saved plan).
  'errored.json': () => plan(created(), roleConfig(), { errored: true, applyable: false, complete: false }),
  // `terraform plan -target=aws_iam_role_policy.deploy`: only the targeted policy and what it needs.
  'target.json': () => plan(created(), roleConfig(), { complete: false }),
  // `terraform plan -refresh-only`: the policy changed outside Terraform, no change planned.
  'refresh-only.json': () => {
    const changes = [
      change('aws_iam_role.deploy', 'aws_iam_role', ['no-op'], {
        before: roleValues('deploy'),
        after: roleValues('deploy'),
      }),
      change('aws_iam_role_policy.deploy', 'aws_iam_role_policy', ['no-op'], {
        before: inlineValues('deploy', policy(allow('lambda:CreateFunction', '*'))),
        after: inlineValues('deploy', policy(allow('lambda:CreateFunction', '*'))),
      }),
    ];
    const drifted = change('aws_iam_role_policy.deploy', 'aws_iam_role_policy', ['update'], {
      before: inlineValues('deploy', policy(allow('lambda:CreateFunction', '*'))),
      after: inlineValues('deploy'),
    });
    return plan([], roleConfig(), {
      resource_drift: [drifted],
      prior_state: {
        format_version: '1.0',
        terraform_version: '1.9.8',
        values: {
          root_module: {
            resources: plannedValues([drifted]).root_module.resources.concat(
              plannedValues([changes[0]]).root_module.resources,
            ),
          },
        },
      },
      planned_values: { root_module: {} },
    });
  },
  // `terraform plan -destroy`: the role and its policy go.
  'destroy.json': () => {
    const changes = [
      change('aws_iam_role.deploy', 'aws_iam_role', ['delete'], { before: roleValues('deploy') }),
      change('aws_iam_role_policy.deploy', 'aws_iam_role_policy', ['delete'], { before: inlineValues('deploy') }),
    ];
    return plan(changes, roleConfig(), { planned_values: { root_module: {} } });
  },
  // OpenTofu 1.8: its registry's AWS provider, its version numbers.
  'opentofu.json': () => {
    const tofu = 'registry.opentofu.org/hashicorp/aws';
    const read = plan(created({ provider: tofu }), roleConfig(), { terraform_version: '1.8.5' });
    read.configuration.provider_config.aws.full_name = tofu;
    return read;
  },
  // A module given an aliased provider (`providers = { aws = aws.us }`): its resources name the
  // provider configuration of the root (`provider_config_key`). The role is also allowed every
  // action on the module's queue, whose ARN only apply knows: tf-scan builds it, in `aws.us`'s Region.
  'provider-alias.json': () => {
    const module = 'module.iam';
    const changes = [
      ...created({ module }),
      change('aws_sqs_queue.jobs', 'aws_sqs_queue', ['create'], {
        after: { name: 'jobs' },
        unknown: { arn: true, id: true, url: true },
        module,
      }),
      change('data.aws_iam_policy_document.jobs', 'aws_iam_policy_document', ['read'], {
        after: { statement: [{ actions: ['*'], effect: 'Allow' }] },
        unknown: { id: true, json: true, statement: [{ actions: [false], resources: true }] },
        module,
        action_reason: 'read_because_config_unknown',
      }),
      change('aws_iam_role_policy.jobs', 'aws_iam_role_policy', ['create'], {
        after: { name: 'jobs', role: 'deploy' },
        unknown: { id: true, policy: true },
        module,
      }),
    ];
    const read = plan(changes, []);
    read.configuration.provider_config['aws.us'] = {
      name: 'aws',
      full_name: PROVIDER,
      alias: 'us',
      expressions: { region: constant('us-east-1') },
    };
    const resources = [
      ...roleConfig('aws.us'),
      {
        address: 'aws_sqs_queue.jobs',
        mode: 'managed',
        type: 'aws_sqs_queue',
        name: 'jobs',
        provider_config_key: 'aws.us',
        expressions: { name: constant('jobs') },
        schema_version: 0,
      },
      {
        address: 'data.aws_iam_policy_document.jobs',
        mode: 'data',
        type: 'aws_iam_policy_document',
        name: 'jobs',
        provider_config_key: 'aws.us',
        expressions: {
          statement: [{ actions: constant(['*']), resources: ref('aws_sqs_queue.jobs', 'arn') }],
        },
        schema_version: 0,
      },
      {
        address: 'aws_iam_role_policy.jobs',
        mode: 'managed',
        type: 'aws_iam_role_policy',
        name: 'jobs',
        provider_config_key: 'aws.us',
        expressions: {
          name: constant('jobs'),
          role: ref('aws_iam_role.deploy', 'name'),
          policy: ref('data.aws_iam_policy_document.jobs', 'json'),
        },
        schema_version: 0,
      },
    ];
    read.configuration.root_module.module_calls = { iam: { source: './iam', module: { resources } } };
    return read;
  },
};

/** Every plan by file name. */
function buildPlans() {
  return Object.fromEntries(Object.entries(PLANS).map(([name, build]) => [name, build()]));
}

if (require.main === module) {
  for (const [name, value] of Object.entries(buildPlans()))
    fs.writeFileSync(path.join(__dirname, name), `${JSON.stringify(value, null, 2)}\n`);
}

module.exports = { buildPlans };
