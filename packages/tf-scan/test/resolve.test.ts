import { SymbolicValue, valueToString } from '@iamgate/core';
import { PlanIndex } from '../src/plan-index';
import { Resolver, jsonWithHoles } from '../src/resolve';
import type { PlanJson } from '../src/plan-types';
import { buildPlan } from './plan-builder';

const queue = { address: 'aws_sqs_queue.jobs', values: { name: 'jobs' }, unknown: { arn: true, id: true, url: true } };

describe('the region of the AWS provider in the ARNs the plan leaves unknown', () => {
  it.each([
    { behaviour: 'a constant', region: { constant_value: 'eu-west-3' }, variables: {}, arn: /^arn:aws:sqs:eu-west-3:/ },
    {
      behaviour: 'a root variable, with the value the plan lists',
      region: { references: ['var.region'] },
      variables: { region: { value: 'us-west-2' } },
      arn: /^arn:aws:sqs:us-west-2:/,
    },
    {
      behaviour: 'an expression the plan does not evaluate stays unknown',
      region: { references: ['local.region'] },
      variables: {},
      arn: /^arn:aws:sqs:\$\{the region of the AWS provider\}:/,
    },
  ])('$behaviour', ({ region, variables, arn }) => {
    const plan = buildPlan([queue], {
      variables,
      configuration: { provider_config: { aws: { name: 'aws', expressions: { region } } } },
    });
    const index = new PlanIndex(plan);
    const instance = index.get('aws_sqs_queue.jobs');
    if (instance === undefined) throw new Error('no queue');
    expect(valueToString(new Resolver(index).attribute(instance, 'arn'))).toMatch(arn);
  });
});

describe('the Region of an aliased AWS provider in the ARNs of what it manages', () => {
  /** The ARN tf-scan builds for a queue managed through `key`, with `providers` and `variables` as the plan shows them. */
  const queueArn = (
    key: string,
    providers: Record<string, unknown>,
    variables: Record<string, unknown> = {},
    others: readonly { address: string; values: Record<string, unknown>; key: string }[] = [],
  ): string => {
    const plan = buildPlan([queue, ...others], { variables, configuration: { provider_config: providers } });
    const keys = new Map([
      ['jobs', key],
      ...others.map((o): [string, string] => [o.address.split('.').pop() ?? '', o.key]),
    ]);
    for (const resource of plan.configuration?.root_module?.resources ?? [])
      (resource as { provider_config_key?: string }).provider_config_key = keys.get(resource.name) ?? 'aws';
    const index = new PlanIndex(plan);
    const instance = index.get('aws_sqs_queue.jobs');
    if (instance === undefined) throw new Error('no queue');
    return valueToString(new Resolver(index).attribute(instance, 'arn'));
  };
  const provider = (region: unknown, alias?: string): Record<string, unknown> => ({
    name: 'aws',
    ...(alias === undefined ? {} : { alias }),
    expressions: { region },
  });
  const byVariable = {
    aws: provider({ references: ['var.region'] }),
    'aws.us': provider({ references: ['var.us_region'] }, 'us'),
  };
  const variables = { region: { value: 'eu-west-1' }, us_region: { value: 'us-east-1' } };

  it('an alias whose `region` is a root variable has the value the plan lists, as the default provider', () => {
    expect(queueArn('aws.us', byVariable, variables)).toMatch(/^arn:aws:sqs:us-east-1:/);
    expect(queueArn('aws', byVariable, variables)).toMatch(/^arn:aws:sqs:eu-west-1:/);
  });

  it('an alias whose `region` the plan does not give has the Region an `aws_region` read through it shows', () => {
    const region = { address: 'data.aws_region.us', values: { name: 'ap-south-1' }, key: 'aws.us' };
    const providers = {
      aws: provider({ references: ['local.region'] }),
      'aws.us': provider({ references: ['local.us'] }, 'us'),
    };
    expect(queueArn('aws.us', providers, {}, [region])).toMatch(/^arn:aws:sqs:ap-south-1:/);
    // Nor is it the default provider's Region.
    expect(queueArn('aws', providers, {}, [region])).toMatch(/^arn:aws:sqs:\$\{the region of the AWS provider\}:/);
  });

  it('an alias whose `region` is unknown is a Region of its own, named after it', () => {
    expect(
      queueArn('aws.us', {
        aws: provider({ constant_value: 'eu-west-1' }),
        'aws.us': provider({ references: ['var.us_region'] }, 'us'),
      }),
    ).toMatch(/^arn:aws:sqs:\$\{the region of the AWS provider `aws\.us`\}:/);
  });
});

describe('the deferred change a reference to an instance the plan does not hold finds', () => {
  const deferredAt = (address: string): PlanJson => ({
    format_version: '1.2',
    deferred_changes: [
      {
        reason: 'instance_count_unknown',
        resource_change: {
          address,
          mode: 'data',
          type: 'aws_iam_policy_document',
          name: 'deploy',
          change: { actions: ['read'] },
        },
      },
    ],
  });
  it.each([
    { behaviour: 'the same address', deferred: 'data.aws_iam_policy_document.deploy', module: '', key: undefined },
    { behaviour: 'any instance under `[*]`', deferred: 'data.aws_iam_policy_document.deploy[*]', module: '', key: 0 },
    {
      behaviour: 'any instance under `["*"]`',
      deferred: 'data.aws_iam_policy_document.deploy["*"]',
      module: '',
      key: 'a',
    },
    { behaviour: 'the same key', deferred: 'data.aws_iam_policy_document.deploy["a"]', module: '', key: 'a' },
    {
      behaviour: 'a module instance under `[*]`',
      deferred: 'module.ci[*].data.aws_iam_policy_document.deploy[*]',
      module: 'module.ci[1]',
      key: 0,
    },
  ])('$behaviour', ({ deferred, module, key }) => {
    const index = new PlanIndex(deferredAt(deferred));
    expect(index.deferred(module, 'data', 'aws_iam_policy_document', 'deploy', key)).toBe(
      'because its `count` or `for_each` is known only after apply',
    );
  });
  it.each([
    { behaviour: 'another key', deferred: 'data.aws_iam_policy_document.deploy["b"]', module: '', key: 'a' },
    { behaviour: 'another module', deferred: 'module.ci.data.aws_iam_policy_document.deploy[*]', module: '', key: 0 },
    {
      behaviour: 'another module instance',
      deferred: 'module.ci[0].data.aws_iam_policy_document.deploy',
      module: 'module.ci[1]',
      key: undefined,
    },
  ])('not $behaviour', ({ deferred, module, key }) => {
    const index = new PlanIndex(deferredAt(deferred));
    expect(index.deferred(module, 'data', 'aws_iam_policy_document', 'deploy', key)).toBeUndefined();
  });
});

describe('a JSON text with holes as a document', () => {
  const arn = { id: 'aws_s3_bucket.b.arn', source: 'aws_s3_bucket.b.arn' };
  const text = (...parts: (string | typeof arn)[]): SymbolicValue => new SymbolicValue(parts);
  const render = (value: unknown): unknown =>
    JSON.parse(JSON.stringify(value, (_, v: unknown) => (v instanceof SymbolicValue ? valueToString(v) : v)));
  it.each([
    {
      behaviour: 'a hole inside a string stays a hole of that string',
      input: text('{"Statement":[{"Resource":["', arn, '", "', arn, '/*"]}]}'),
      document: { Statement: [{ Resource: ['${aws_s3_bucket.b.arn}', '${aws_s3_bucket.b.arn}/*'] }] },
    },
    { behaviour: 'a hole outside a string is no document', input: text('{"Resource":', arn, '}'), document: undefined },
    { behaviour: 'a hole in a key is no document', input: text('{"', arn, '":"x"}'), document: undefined },
    { behaviour: 'a text that is no JSON object is no document', input: text('["', arn, '"]'), document: undefined },
  ])('$behaviour', ({ input, document }) => {
    const result = jsonWithHoles(input);
    expect(result === undefined ? undefined : render(result)).toEqual(document);
  });
});

describe('the ARN of an OIDC provider created from the issuer of a cluster', () => {
  const issuer = ['identity[0].oidc[0].issuer', 'identity[0].oidc[0]', 'identity[0].oidc', 'identity[0]', 'identity'];
  const provider = (cluster: string): Parameters<typeof buildPlan>[0][number] => ({
    address: 'aws_iam_openid_connect_provider.this',
    values: { client_id_list: ['sts.amazonaws.com'] },
    unknown: { arn: true, id: true, url: true },
    expressions: { url: { references: [...issuer.map((step) => `${cluster}.${step}`), cluster] } },
  });
  it.each([
    {
      behaviour: 'a cluster created in the plan: its issuer id (and region) known only after apply, named after it',
      resources: [
        { address: 'aws_eks_cluster.this', values: { name: 'prod' }, unknown: { identity: true, arn: true } },
        provider('aws_eks_cluster.this'),
      ],
      arn:
        'arn:aws:iam::${the account of the AWS provider}:oidc-provider/oidc.eks.${the region of aws_eks_cluster.this}.' +
        '${the DNS suffix of the region of aws_eks_cluster.this}/id/${the OIDC issuer id of aws_eks_cluster.this}',
    },
    {
      behaviour: 'a cluster the plan read: its issuer as the plan shows it',
      resources: [
        {
          address: 'data.aws_eks_cluster.this',
          values: {
            name: 'prod',
            identity: [{ oidc: [{ issuer: 'https://oidc.eks.eu-west-1.amazonaws.com/id/0A1B' }] }],
          },
          prior: true,
        },
        provider('data.aws_eks_cluster.this'),
      ],
      arn: 'arn:aws:iam::${the account of the AWS provider}:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/0A1B',
    },
  ])('$behaviour', ({ resources, arn }) => {
    const index = new PlanIndex(buildPlan(resources));
    const instance = index.get('aws_iam_openid_connect_provider.this');
    if (instance === undefined) throw new Error('no provider');
    expect(valueToString(new Resolver(index).attribute(instance, 'arn'))).toBe(arn);
  });
});

describe('an element of a module output made of a repeated resource, known only after apply', () => {
  const role = (address: string): Parameters<typeof buildPlan>[0][number] => ({
    address,
    values: { name_prefix: 'app-' },
    unknown: { arn: true, id: true, name: true },
  });
  /** Module `m` with roles `r` by `count` (two) and `t` by `for_each` (`b`, `a`), and the outputs given. */
  const plan = (outputs: Record<string, unknown>, passed: Record<string, unknown> | undefined): PlanIndex => {
    const built = buildPlan([
      role('module.m.aws_iam_role.r[0]'),
      role('module.m.aws_iam_role.r[1]'),
      role('module.m.aws_iam_role.t["b"]'),
      role('module.m.aws_iam_role.t["a"]'),
      // module `n` is given what `passed` says
      { address: 'module.n.aws_sqs_queue.q', values: { name: 'q' } },
    ]);
    const root = (
      built.configuration as { root_module: { module_calls: Record<string, { module: Record<string, unknown> }> } }
    ).root_module;
    const n = root.module_calls['n'];
    if (n !== undefined && passed !== undefined) Object.assign(n, { expressions: passed });
    const m = root.module_calls['m']?.module ?? {};
    m['outputs'] = Object.fromEntries(
      Object.entries(outputs).map(([k, references]) => [k, { expression: { references } }]),
    );
    const resources = m['resources'] as { name: string; count_expression?: unknown; for_each_expression?: unknown }[];
    for (const r of resources)
      if (r.name === 'r') r.count_expression = { constant_value: 2 };
      else r.for_each_expression = { references: ['var.teams'] };
    return new PlanIndex(built);
  };
  /** The ARN of a role of the module whose name only apply knows. */
  const roleArn = (instance: string): string =>
    `arn:aws:iam::\${the account of the AWS provider}:role/\${module.m.aws_iam_role.${instance}.name}`;
  it.each([
    {
      behaviour: '`aws_iam_role.r[*].arn` picked by `count.index`: the instance of that index',
      outputs: { arns: ['aws_iam_role.r'] },
      references: ['module.m.arns', 'module.m', 'count.index'],
      key: 1,
      value: roleArn('r[1]'),
    },
    {
      behaviour: '`{ for k, r in aws_iam_role.t : k => r.arn }` picked by `each.key`: the instance of that key',
      outputs: { arns: ['aws_iam_role.t'] },
      references: ['module.m.arns', 'module.m', 'each.key'],
      key: 'b',
      value: roleArn('t["b"]'),
    },
    {
      behaviour: '`values(aws_iam_role.t)[*].arn` picked by `count.index`: the instances in key order',
      outputs: { arns: ['aws_iam_role.t'] },
      references: ['module.m.arns', 'module.m', 'count.index'],
      key: 0,
      value: roleArn('t["a"]'),
    },
    {
      behaviour: 'a key written after the output, and the attribute after it (`module.m.roles["b"].name`)',
      outputs: { roles: ['aws_iam_role.t'] },
      references: ['module.m.roles["b"].name', 'module.m.roles["b"]', 'module.m.roles', 'module.m'],
      key: undefined,
      value: '${module.m.aws_iam_role.t["b"].name}',
    },
    {
      behaviour:
        '`[aws_iam_role.r[1].arn, aws_iam_role.r[0].arn]` picked by `count.index`: the reference at that place',
      outputs: {
        arns: [
          'aws_iam_role.r[1].arn',
          'aws_iam_role.r[1]',
          'aws_iam_role.r',
          'aws_iam_role.r[0].arn',
          'aws_iam_role.r[0]',
        ],
      },
      references: ['module.m.arns', 'module.m', 'count.index'],
      key: 0,
      value: roleArn('r[1]'),
    },
    {
      behaviour: 'an output of one role is no collection: the pairing key does not pick among the instances',
      outputs: { arn: ['aws_iam_role.r[0].arn', 'aws_iam_role.r[0]', 'aws_iam_role.r'] },
      references: ['module.m.arn', 'module.m', 'count.index'],
      key: 1,
      value: roleArn('r[0]'),
    },
  ])('$behaviour', ({ outputs, references, key, value }) => {
    const index = plan(outputs, undefined);
    const resolved = new Resolver(index).scalar({ references }, { moduleAddress: '', key }, 'arn');
    expect(resolved === undefined ? undefined : valueToString(resolved)).toBe(value);
  });

  it('`var.arns[count.index]` in a module given the collection `module.m.arns`: the instance of that index', () => {
    const index = plan({ arns: ['aws_iam_role.r'] }, { arns: { references: ['module.m.arns', 'module.m'] } });
    const resolved = new Resolver(index).scalar(
      { references: ['var.arns', 'count.index'] },
      { moduleAddress: 'module.n', key: 1 },
      'arn',
    );
    expect(resolved === undefined ? undefined : valueToString(resolved)).toBe(roleArn('r[1]'));
  });

  it('`var.arns[each.value]` picks the element the value names, not the instance key', () => {
    const index = plan({ arns: ['aws_iam_role.t'] }, { arns: { references: ['module.m.arns', 'module.m'] } });
    // the queue of `module.n` by `for_each = { first = "b" }`
    const queue = index.configModule('module.n')?.resources?.find((r) => r.name === 'q');
    if (queue === undefined) throw new Error('no queue');
    Object.assign(queue, { for_each_expression: { constant_value: { first: 'b' } } });
    const resolved = new Resolver(index).scalar(
      { references: ['var.arns', 'each.value'] },
      {
        moduleAddress: 'module.n',
        key: 'first',
        binder: { kind: 'resource', mode: 'managed', type: 'aws_sqs_queue', name: 'q' },
      },
      'arn',
    );
    expect(resolved === undefined ? undefined : valueToString(resolved)).toBe(roleArn('t["b"]'));
  });
});

describe('a plan without its sources pairs `module.p[count.index]` with an output only when it tells which', () => {
  const documentOf = (action: string): string =>
    JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: action, Resource: '*' }] });
  const documentOutput = {
    expression: { references: ['data.aws_iam_policy_document.d.json', 'data.aws_iam_policy_document.d'] },
  };
  const arnOutput = { expression: { references: ['aws_s3_bucket.b.arn', 'aws_s3_bucket.b'] } };
  /** `aws_iam_policy.x[0..1]`, unknown, reading `module.p[0..1]`, whose documents the plan shows. */
  const plan = (references: readonly string[], outputs: Record<string, unknown>): PlanJson => {
    const policy = (i: number): Record<string, unknown> => ({
      address: `aws_iam_policy.x[${String(i)}]`,
      mode: 'managed',
      type: 'aws_iam_policy',
      name: 'x',
      index: i,
    });
    const document = (i: number): Record<string, unknown> => ({
      address: `module.p[${String(i)}].data.aws_iam_policy_document.d`,
      module_address: `module.p[${String(i)}]`,
      mode: 'data',
      type: 'aws_iam_policy_document',
      name: 'd',
    });
    const actions = ['s3:GetObject', 'iam:PassRole'];
    return {
      format_version: '1.2',
      resource_changes: [
        ...[0, 1].map((i) => ({
          ...policy(i),
          change: {
            actions: ['create'],
            before: null,
            after: { name: `x-${String(i)}` },
            after_unknown: { policy: true },
          },
        })),
        ...[0, 1].map((i) => ({
          ...document(i),
          change: { actions: ['read'], before: null, after: { json: documentOf(actions[i] ?? '') }, after_unknown: {} },
        })),
      ],
      configuration: {
        root_module: {
          resources: [
            {
              address: 'aws_iam_policy.x',
              mode: 'managed',
              type: 'aws_iam_policy',
              name: 'x',
              expressions: { policy: { references } },
              count_expression: { constant_value: 2 },
            },
          ],
          module_calls: {
            p: {
              source: './p',
              count_expression: { constant_value: 2 },
              module: {
                outputs,
                resources: [
                  {
                    address: 'data.aws_iam_policy_document.d',
                    mode: 'data',
                    type: 'aws_iam_policy_document',
                    name: 'd',
                  },
                ],
              },
            },
          },
        },
      },
    } as unknown as PlanJson;
  };

  it.each([
    [
      "the module's sole output, in the instance of its own key",
      ['module.p', 'count.index'],
      { policy_json: documentOutput },
      'iam:PassRole',
    ],
    // `jsonencode({... Resource = module.p[count.index].arn})` leaves the same references.
    [
      'not with a second output: which one is read is not told',
      ['module.p', 'count.index'],
      { policy_json: documentOutput, arn: arnOutput },
      undefined,
    ],
    ['not with two document outputs', ['module.p', 'count.index'], { a: documentOutput, b: documentOutput }, undefined],
    [
      "not by a key that is not the instance's own (`local.k[count.index]`)",
      ['module.p', 'local.k', 'count.index'],
      { policy_json: documentOutput },
      undefined,
    ],
    ['not without a key (`module.p` whole)', ['module.p'], { policy_json: documentOutput }, undefined],
  ])('%s', (_name, references, outputs, action) => {
    const index = new PlanIndex(plan(references, outputs));
    const instance = index.get('aws_iam_policy.x[1]');
    if (instance === undefined) throw new Error('no policy');
    const result = new Resolver(index).policyAttribute(instance, ['policy']);
    const read =
      result?.ok === true ? (JSON.parse(result.document as string) as { Statement: { Action: string }[] }) : undefined;
    expect(read?.Statement[0]?.Action).toBe(action);
  });
});

describe('the organization a data source reads, by the provider configuration it is read through', () => {
  /** Whether the id of `data.aws_organizations_organization.org`, read through `config`, is the deployer's organization's. */
  const own = (config: { provider_config_key?: string; provider_config_keys?: string[] }): boolean => {
    const plan = buildPlan([{ address: 'data.aws_organizations_organization.org', values: {}, unknown: { id: true } }]);
    for (const resource of plan.configuration?.root_module?.resources ?? []) Object.assign(resource, config);
    const index = new PlanIndex(plan);
    const instance = index.get('data.aws_organizations_organization.org');
    if (instance === undefined) throw new Error('no organization');
    const id = new Resolver(index).attribute(instance, 'id');
    return (
      id instanceof SymbolicValue && id.parts.some((part) => typeof part !== 'string' && part.ownOrganization === true)
    );
  };

  it.each([
    { behaviour: 'the default provider: the own organization', config: { provider_config_key: 'aws' }, expected: true },
    { behaviour: 'an alias: maybe another account’s', config: { provider_config_key: 'aws.partner' }, expected: false },
    {
      behaviour: 'an empty `provider_config_keys` says nothing: the alias of `provider_config_key` holds',
      config: { provider_config_key: 'aws.partner', provider_config_keys: [] },
      expected: false,
    },
    {
      behaviour: 'several configurations, one an alias: maybe another account’s',
      config: { provider_config_keys: ['aws', 'aws.partner'] },
      expected: false,
    },
  ])('$behaviour', ({ config, expected }) => {
    expect(own(config)).toBe(expected);
  });
});

describe("the load balancers' account of an `aws_elb_service_account` read only at apply", () => {
  /** The id and ARN tf-scan gives `data.aws_elb_service_account.this` deferred to apply, and what it says is missing. */
  const elbAccount = (
    region: unknown,
    own: { values?: Record<string, unknown>; expressions?: Record<string, unknown> } = {},
    variables: Record<string, unknown> = {},
  ): { id: string; arn: string; knownWith: (string | undefined)[] } => {
    const plan = buildPlan(
      [
        {
          address: 'data.aws_elb_service_account.this',
          values: own.values ?? {},
          unknown: { id: true, arn: true },
          expressions: own.expressions ?? {},
        },
      ],
      {
        variables,
        configuration: {
          provider_config: { aws: { name: 'aws', expressions: region === undefined ? {} : { region } } },
        },
      },
    );
    const index = new PlanIndex(plan);
    const instance = index.get('data.aws_elb_service_account.this');
    if (instance === undefined) throw new Error('no data source');
    const resolver = new Resolver(index);
    const id = resolver.attribute(instance, 'id');
    return {
      id: valueToString(id),
      arn: valueToString(resolver.attribute(instance, 'arn')),
      knownWith: id instanceof SymbolicValue ? id.parts.map((p) => (typeof p === 'string' ? p : p.knownWith)) : [],
    };
  };

  it.each([
    {
      behaviour: 'the provider region written as a constant',
      region: { constant_value: 'eu-west-1' },
      own: {},
      variables: {},
      expected: { id: '156460612806', arn: 'arn:aws:iam::156460612806:root' },
    },
    {
      behaviour: 'the provider region given by a root variable, with the value the plan lists',
      region: { references: ['var.region'] },
      own: {},
      variables: { region: { value: 'us-east-1' } },
      expected: { id: '127311923021', arn: 'arn:aws:iam::127311923021:root' },
    },
    {
      behaviour: 'its own region argument over the provider’s, in that Region’s partition',
      region: { constant_value: 'eu-west-1' },
      own: { values: { region: 'us-gov-west-1' }, expressions: { region: { constant_value: 'us-gov-west-1' } } },
      variables: {},
      expected: { id: '048591011584', arn: 'arn:aws-us-gov:iam::048591011584:root' },
    },
    {
      behaviour: 'its own region argument left null: the provider’s',
      region: { constant_value: 'eu-west-2' },
      own: { values: { region: null }, expressions: { region: { references: ['var.lb_region'] } } },
      variables: { lb_region: { value: null } },
      expected: { id: '652711504416', arn: 'arn:aws:iam::652711504416:root' },
    },
  ])('is the account of $behaviour', ({ region, own, variables, expected }) => {
    const { id, arn, knownWith } = elbAccount(region, own, variables);
    expect({ id, arn, knownWith }).toEqual({ ...expected, knownWith: [] });
  });

  it.each([
    {
      behaviour: 'no region on the provider nor on the data source says a `region` makes it known',
      region: undefined,
      knownWith: /^known once a `region` is set on the AWS provider or on `data\.aws_elb_service_account\.this`/,
    },
    {
      behaviour: 'a provider region the plan does not evaluate says a `region` makes it known',
      region: { references: ['local.region'] },
      knownWith: /^known once a `region` is set/,
    },
    {
      behaviour: 'a Region opened after August 2022 says it has none and which service writes instead',
      region: { constant_value: 'ap-southeast-3' },
      knownWith: /^none in `ap-southeast-3`, whose load balancers deliver logs as the service `logdelivery/,
    },
  ])('stays unknown: $behaviour', ({ region, knownWith }) => {
    const got = elbAccount(region);
    expect(got.id).toBe('${data.aws_elb_service_account.this.id}');
    expect(got.knownWith).toEqual([expect.stringMatching(knownWith)]);
  });

  it('a data source read at plan time keeps the account the plan shows', () => {
    const plan = buildPlan([
      {
        address: 'data.aws_elb_service_account.this',
        values: { id: '797873946194', arn: 'arn:aws:iam::797873946194:root' },
        prior: true,
      },
    ]);
    const index = new PlanIndex(plan);
    const instance = index.get('data.aws_elb_service_account.this');
    if (instance === undefined) throw new Error('no data source');
    expect(valueToString(new Resolver(index).attribute(instance, 'arn'))).toBe('arn:aws:iam::797873946194:root');
  });
});

describe('the account of a caller identity read only at apply, in a plan without its .tf files', () => {
  /** What `account_id` of `data.aws_caller_identity.current` read through the configuration `key` is. */
  const accountThrough = (key: string, providers: Record<string, unknown>): string => {
    const plan = buildPlan(
      [{ address: 'module.logs.data.aws_caller_identity.current', values: {}, unknown: { account_id: true } }],
      { configuration: { provider_config: providers } },
    );
    const config = plan.configuration?.root_module?.module_calls?.['logs']?.module?.resources?.[0];
    if (config !== undefined) (config as { provider_config_key?: string }).provider_config_key = key;
    const index = new PlanIndex(plan);
    const instance = index.get('module.logs.data.aws_caller_identity.current');
    if (instance === undefined) throw new Error('no data source');
    return valueToString(new Resolver(index).attribute(instance, 'account_id'));
  };
  const aws = { name: 'aws', expressions: { region: { constant_value: 'eu-west-1' } } };

  it.each([
    { behaviour: 'the default provider', key: 'aws', providers: { aws } },
    {
      behaviour: 'a module’s configuration listed without arguments (inherited)',
      key: 'logs:aws',
      providers: { aws, 'module.logs:aws': { name: 'aws', module_address: 'module.logs' } },
    },
    {
      behaviour: 'an alias that only changes the Region',
      key: 'aws.us',
      providers: {
        aws,
        'aws.us': { name: 'aws', alias: 'us', expressions: { region: { constant_value: 'us-east-1' } } },
      },
    },
  ])('is the deployer’s account through $behaviour', ({ key, providers }) => {
    expect(accountThrough(key, providers)).toBe('${the account of the AWS provider}');
  });

  it('is its own value through an alias that assumes a role of its own', () => {
    const partner = {
      name: 'aws',
      alias: 'partner',
      expressions: { assume_role: [{ role_arn: { constant_value: 'arn:aws:iam::999988887777:role/deploy' } }] },
    };
    expect(accountThrough('aws.partner', { aws, 'aws.partner': partner })).toBe(
      '${module.logs.data.aws_caller_identity.current.account_id}',
    );
  });
});
