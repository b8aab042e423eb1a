import { SymbolicValue, valueToString } from '@iamgate/core';
import type { PolicySource, PolicyValue, ScanInput } from '@iamgate/core';
import { extractPlan } from '../src/extract';
import { buildPlan } from './plan-builder';
import type { TestResource } from './plan-builder';

const trust = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
});
const readLogs = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Sid: 'Read', Effect: 'Allow', Action: 'logs:Get*', Resource: '*' }],
});

function scan(resources: TestResource[], extra?: Record<string, unknown>): ScanInput {
  return extractPlan('plan.json', buildPlan(resources, extra));
}

function role(
  address: string,
  values: Record<string, unknown> = {},
  unknown: Record<string, unknown> = {},
  expressions: Record<string, unknown> = {},
): TestResource {
  return {
    address,
    values: { name: address.split('.').pop()?.replace(/\W/g, ''), path: '/', assume_role_policy: trust, ...values },
    unknown: { arn: true, inline_policy: true, managed_policy_arns: true, ...unknown },
    expressions,
  };
}

function documentOf(source: PolicySource | undefined): { Statement: Record<string, unknown>[] } {
  const document = source?.document;
  return (typeof document === 'string' ? JSON.parse(document) : document) as { Statement: Record<string, unknown>[] };
}

function policyDoc(
  address: string,
  statement: Record<string, unknown>[],
  extra: Partial<TestResource> = {},
): TestResource {
  const blocks = statement.map((s) => ({
    sid: null,
    effect: null,
    actions: null,
    not_actions: null,
    resources: null,
    not_resources: null,
    principals: [],
    not_principals: [],
    condition: [],
    ...s,
  }));
  return {
    address,
    values: {
      statement: blocks,
      source_policy_documents: null,
      override_policy_documents: null,
      version: null,
      policy_id: null,
    },
    unknown: { json: true },
    ...extra,
  };
}

describe('principals', () => {
  it('a role carries its name, path, tags, trust policy and a symbolic ARN with its known name', () => {
    const input = scan([role('aws_iam_role.app', { name: 'app', path: '/svc/', tags: { team: 'a' } })]);
    const app = input.principals[0];
    expect(app?.id).toBe('aws_iam_role.app');
    expect(app?.name).toBe('app');
    expect(app?.tags).toEqual({ team: 'a' });
    expect(app?.trustPolicy?.document).toBe(trust);
    expect(app?.arn).toBeInstanceOf(SymbolicValue);
    expect(String(app?.arn)).toMatch(/^arn:aws:iam::\$\{.*\}:role\/svc\/app$/);
  });

  it('computed and unconfigured inline_policy and managed_policy_arns are not policies', () => {
    const input = scan([role('aws_iam_role.app')]);
    expect(input.principals[0]?.policies).toEqual([]);
    expect(input.policies).toEqual([]);
  });

  it('inline_policy blocks of a role are inline policies', () => {
    const input = scan([
      role('aws_iam_role.app', { inline_policy: [{ name: 'logs', policy: readLogs }] }, { inline_policy: false }),
    ]);
    expect(input.principals[0]?.policies.map((p) => [p.kind, p.policy?.name])).toEqual([
      ['inline', 'aws_iam_role.app.inline_policy.logs'],
    ]);
  });

  it('a role policy joins its role through the configuration reference', () => {
    const input = scan([
      role('aws_iam_role.app', { name: 'app' }),
      {
        address: 'aws_iam_role_policy.app',
        values: { policy: readLogs, name: 'x' },
        unknown: { role: true },
        expressions: { role: { references: ['aws_iam_role.app.id', 'aws_iam_role.app'] } },
      },
    ]);
    expect(input.principals[0]?.policies[0]?.policy?.document).toBe(readLogs);
  });

  it('a role policy joins its role by the known name', () => {
    const input = scan([
      role('aws_iam_role.app', { name: 'app' }),
      { address: 'aws_iam_role_policy.app', values: { policy: readLogs, role: 'app' } },
    ]);
    expect(input.principals[0]?.policies).toHaveLength(1);
  });

  it('a role policy for a role outside the plan is judged on a role standing for it, with its other policies', () => {
    const input = scan([
      { address: 'aws_iam_role_policy.app', values: { policy: readLogs, role: 'existing' } },
      {
        address: 'aws_iam_role_policy_attachment.app',
        values: { role: 'existing', policy_arn: 'arn:aws:iam::aws:policy/AWSLambda_FullAccess' },
      },
    ]);
    expect(input.policies).toEqual([]);
    expect(input.principals.map((p) => [p.id, p.kind, p.policies.map((a) => a.kind)])).toEqual([
      ['existing', 'role', ['inline', 'aws-managed']],
    ]);
  });

  it.each([
    ['a managed policy of a child module', 'module.shared.aws_iam_policy.logs'],
    ['a managed policy of the same module', 'aws_iam_policy.logs'],
  ])(
    "a kept role's known managed_policy_arns and boundary find %s wherever the plan lists it",
    (_name, policyAddress) => {
      const arn = 'arn:aws:iam::111122223333:policy/logs';
      const existing = { actions: ['no-op'], unknown: {} };
      const kept = (address: string, values: Record<string, unknown>): TestResource => ({
        address,
        values,
        ...existing,
        before: values,
      });
      const policy = kept(policyAddress, {
        name: 'logs',
        path: '/',
        arn,
        policy: readLogs,
      });
      const app = kept('aws_iam_role.app', {
        name: 'app',
        path: '/',
        arn: 'arn:aws:iam::111122223333:role/app',
        assume_role_policy: trust,
        inline_policy: [],
        managed_policy_arns: [arn],
        permissions_boundary: arn,
      });
      // The role is listed first (a plan lists the root module before its children).
      const input = scan([app, policy]);
      const principal = input.principals[0];
      expect(principal?.policies.map((p) => [p.kind, p.policy?.document, p.policy?.unresolved])).toEqual([
        ['managed', readLogs, undefined],
      ]);
      expect(principal?.permissionsBoundary?.policy?.document).toBe(readLogs);
    },
  );

  it('the inline_policy a kept role shows mirrors its aws_iam_role_policy: the resource, as planned, stands for it', () => {
    const passAny = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' }],
    });
    const roleValues = {
      name: 'app',
      path: '/',
      arn: 'arn:aws:iam::111122223333:role/app',
      assume_role_policy: trust,
      // As last read: the policy this plan narrows, and one made outside Terraform.
      inline_policy: [
        { name: 'logs', policy: passAny },
        { name: 'console', policy: readLogs },
      ],
      managed_policy_arns: [],
    };
    const input = scan([
      { address: 'aws_iam_role.app', values: roleValues, before: roleValues, actions: ['no-op'], unknown: {} },
      {
        address: 'aws_iam_role_policy.logs',
        values: { name: 'logs', role: 'app', policy: readLogs },
        before: { name: 'logs', role: 'app', policy: passAny },
        actions: ['update'],
      },
    ]);
    expect(input.principals[0]?.policies.map((p) => [p.policy?.id, p.policy?.document])).toEqual([
      ['aws_iam_role.app.inline_policy.1', readLogs],
      ['aws_iam_role_policy.logs', readLogs],
    ]);
  });

  it.each([
    ['an attachment', 'aws_iam_role_policy_attachment.admin', { role: 'app', policy_arn: 'ADMIN' }, []],
    ['an aws_iam_policy_attachment', 'aws_iam_policy_attachment.admin', { roles: ['app'], policy_arn: 'ADMIN' }, []],
    ['a role policy', 'aws_iam_role_policy.wide', { role: 'app', name: 'wide' }, []],
    ['an attachment to another role', 'aws_iam_role_policy_attachment.other', { role: 'b', policy_arn: 'ADMIN' }, null],
  ])('a kept role no longer holds what the plan destroys: %s', (_name, address, before, left) => {
    const admin = 'arn:aws:iam::aws:policy/AdministratorAccess';
    const roleValues = {
      name: 'app',
      path: '/',
      arn: 'arn:aws:iam::111122223333:role/app',
      assume_role_policy: trust,
      inline_policy: address.includes('role_policy.') ? [{ name: 'wide', policy: readLogs }] : [],
      managed_policy_arns: address.includes('role_policy.') ? [] : [admin],
    };
    const destroyed = Object.fromEntries(Object.entries(before).map(([k, v]) => [k, v === 'ADMIN' ? admin : v]));
    const plan = buildPlan([
      { address: 'aws_iam_role.app', values: roleValues, before: roleValues, actions: ['no-op'], unknown: {} },
    ]);
    const [type = '', name = ''] = address.split('.');
    const changes = [
      ...(plan.resource_changes ?? []),
      { address, mode: 'managed', type, name, change: { actions: ['delete'], before: destroyed, after: null } },
    ];
    const input = extractPlan('plan.json', { ...plan, resource_changes: changes } as typeof plan);
    const policies = input.principals[0]?.policies ?? [];
    if (left === null) expect(policies).toHaveLength(1);
    else expect(policies).toEqual(left);
  });

  it('an attachment of a policy created in the same plan carries that policy', () => {
    const input = scan([
      role('aws_iam_role.app', { name: 'app' }),
      { address: 'aws_iam_policy.logs', values: { name: 'logs', path: '/', policy: readLogs }, unknown: { arn: true } },
      {
        address: 'aws_iam_role_policy_attachment.logs',
        values: { role: 'app' },
        unknown: { policy_arn: true },
        expressions: { policy_arn: { references: ['aws_iam_policy.logs.arn', 'aws_iam_policy.logs'] } },
      },
    ]);
    const attached = input.principals[0]?.policies[0];
    expect(attached?.kind).toBe('managed');
    expect(attached?.policy?.id).toBe('aws_iam_policy.logs');
    expect(input.policies).toEqual([]);
  });

  it('an AWS managed policy is attached by ARN for the engine to resolve', () => {
    const input = scan([
      role('aws_iam_role.app', { name: 'app' }),
      {
        address: 'aws_iam_role_policy_attachment.ro',
        values: { role: 'app', policy_arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' },
      },
    ]);
    expect(input.principals[0]?.policies).toEqual([
      { kind: 'aws-managed', arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' },
    ]);
  });

  it('a boundary created in the same plan is matched by its symbolic ARN and carries its policy', () => {
    const input = scan([
      {
        address: 'aws_iam_policy.boundary',
        values: { name: 'boundary', path: '/', policy: readLogs },
        unknown: { arn: true },
      },
      role(
        'aws_iam_role.app',
        { name: 'app' },
        { permissions_boundary: true },
        { permissions_boundary: { references: ['aws_iam_policy.boundary.arn', 'aws_iam_policy.boundary'] } },
      ),
    ]);
    const boundary = input.principals[0]?.permissionsBoundary;
    expect(String(boundary?.arn)).toMatch(/:policy\/boundary$/);
    expect(boundary?.policy?.id).toBe('aws_iam_policy.boundary');
    expect(input.policies).toEqual([]);
  });

  it('users get the policies of their groups, with the group they come through', () => {
    const input = scan([
      { address: 'aws_iam_user.ann', values: { name: 'ann', path: '/' }, unknown: { arn: true } },
      { address: 'aws_iam_group.ops', values: { name: 'ops', path: '/' }, unknown: { arn: true } },
      { address: 'aws_iam_group_policy.ops', values: { group: 'ops', policy: readLogs } },
      { address: 'aws_iam_group_membership.ops', values: { group: 'ops', users: ['ann'] } },
      { address: 'aws_iam_access_key.ann', values: { user: 'ann' } },
    ]);
    const ann = input.principals.find((p) => p.id === 'aws_iam_user.ann');
    const ops = input.principals.find((p) => p.id === 'aws_iam_group.ops');
    expect(ops?.members).toEqual(['aws_iam_user.ann']);
    expect(ann?.policies.map((p) => [p.kind, p.via])).toEqual([['group', 'aws_iam_group.ops']]);
    expect(ann?.credentials?.map((c) => c.kind)).toEqual(['access-key']);
  });
});

describe('policy documents', () => {
  it('a deferred document is rebuilt, its unknown resource becoming the ARN of the referenced bucket and what may follow it', () => {
    const input = scan([
      { address: 'aws_s3_bucket.logs', values: { bucket: 'logs' }, unknown: { arn: true, policy: true } },
      policyDoc(
        'data.aws_iam_policy_document.p',
        [
          {
            actions: ['s3:GetObject'],
            resources: [null],
            principals: [{ type: 'AWS', identifiers: ['111122223333'] }],
          },
        ],
        {
          unknown: { json: true, statement: [{ resources: [true] }] },
          expressions: { statement: [{ resources: { references: ['aws_s3_bucket.logs.arn', 'aws_s3_bucket.logs'] } }] },
        },
      ),
      {
        address: 'aws_s3_bucket_policy.logs',
        values: { bucket: 'logs' },
        unknown: { policy: true },
        expressions: {
          policy: { references: ['data.aws_iam_policy_document.p.json', 'data.aws_iam_policy_document.p'] },
        },
      },
    ]);
    const statement = documentOf(input.resources[0]?.policy).Statement[0];
    // `aws_s3_bucket.logs.arn` and `"${aws_s3_bucket.logs.arn}/*"` look the same in the plan.
    expect((statement?.['Resource'] as PolicyValue[]).map(valueToString)).toEqual([
      expect.stringMatching(/^arn:aws:s3:::logs\$\{.+\}$/),
    ]);
    expect(statement?.['Principal']).toEqual({ AWS: ['111122223333'] });
    expect(input.resources[0]?.arn).toBe('arn:aws:s3:::logs');
  });

  it('source and override documents merge by Sid', () => {
    const base = JSON.stringify({
      Statement: [
        { Sid: 'A', Effect: 'Allow', Action: 'a:1', Resource: '*' },
        { Sid: 'B', Effect: 'Allow', Action: 'b:1', Resource: '*' },
      ],
    });
    const override = JSON.stringify({
      Statement: [
        { Sid: 'B', Effect: 'Deny', Action: 'b:2', Resource: '*' },
        { Effect: 'Allow', Action: 'c:1', Resource: '*' },
      ],
    });
    const input = scan([
      policyDoc('data.aws_iam_policy_document.p', [{ sid: 'A', actions: ['a:own'], resources: ['*'] }], {
        values: {
          statement: [
            { sid: 'A', actions: ['a:own'], resources: ['*'], principals: [], not_principals: [], condition: [] },
          ],
          source_policy_documents: [base],
          override_policy_documents: [override],
        },
        unknown: { json: true },
      }),
      {
        address: 'aws_iam_policy.p',
        values: { name: 'p', path: '/' },
        unknown: { policy: true },
        expressions: {
          policy: { references: ['data.aws_iam_policy_document.p.json', 'data.aws_iam_policy_document.p'] },
        },
      },
    ]);
    const statements = documentOf(input.policies[0]?.policy).Statement;
    expect(statements.map((s) => [s['Sid'], s['Action']])).toEqual([
      ['A', ['a:own']],
      ['B', 'b:2'],
      [undefined, 'c:1'],
    ]);
  });

  it.each([
    ['read at apply first, read at plan time second', ['later', 'early'], ['L', 'E1', 'E2', 'own']],
    ['read at plan time first, read at apply second', ['early', 'later'], ['E1', 'E2', 'L', 'own']],
  ])('source documents, one %s: each document once, in the order of the list', (_, order, sids) => {
    const early = JSON.stringify({
      Statement: [
        { Sid: 'E1', Effect: 'Allow', Action: 'e:1', Resource: '*' },
        { Sid: 'E2', Effect: 'Allow', Action: 'e:2', Resource: '*' },
      ],
    });
    const input = scan([
      { address: 'data.aws_iam_policy_document.early', values: { json: early }, prior: true },
      policyDoc('data.aws_iam_policy_document.later', [{ sid: 'L', actions: ['l:1'], resources: [null] }], {
        unknown: { json: true, statement: [{ resources: [true] }] },
      }),
      policyDoc('data.aws_iam_policy_document.p', [{ sid: 'own', actions: ['o:1'], resources: ['*'] }], {
        values: {
          statement: [
            { sid: 'own', actions: ['o:1'], resources: ['*'], principals: [], not_principals: [], condition: [] },
          ],
          // the list as the plan shows it: the entry read at apply unknown (null), the other known
          source_policy_documents: order.map((name) => (name === 'early' ? early : null)),
          override_policy_documents: null,
        },
        unknown: { json: true, source_policy_documents: order.map((name) => name === 'later') },
        expressions: {
          source_policy_documents: {
            references: order.flatMap((name) => [
              `data.aws_iam_policy_document.${name}.json`,
              `data.aws_iam_policy_document.${name}`,
            ]),
          },
        },
      }),
      {
        address: 'aws_iam_policy.p',
        values: { name: 'p', path: '/' },
        unknown: { policy: true },
        expressions: {
          policy: { references: ['data.aws_iam_policy_document.p.json', 'data.aws_iam_policy_document.p'] },
        },
      },
    ]);
    expect(documentOf(input.policies[0]?.policy).Statement.map((s) => s['Sid'])).toEqual(sids);
  });

  it('condition blocks and a `*` principal become the JSON grammar', () => {
    const input = scan([
      policyDoc('data.aws_iam_policy_document.p', [
        {
          actions: ['s3:GetObject'],
          resources: ['*'],
          principals: [{ type: '*', identifiers: ['*'] }],
          condition: [{ test: 'StringEquals', variable: 'aws:PrincipalOrgID', values: ['o-1'] }],
        },
      ]),
      {
        address: 'aws_s3_bucket_policy.b',
        values: { bucket: 'b' },
        unknown: { policy: true },
        expressions: { policy: { references: ['data.aws_iam_policy_document.p.json'] } },
      },
    ]);
    const statement = documentOf(input.resources[0]?.policy).Statement[0];
    expect(statement?.['Principal']).toBe('*');
    expect(statement?.['Condition']).toEqual({ StringEquals: { 'aws:PrincipalOrgID': ['o-1'] } });
    expect(statement?.['Effect']).toBe('Allow');
  });

  it('for_each instances pair with the document instance of the same key', () => {
    const doc = (key: string): TestResource =>
      policyDoc(`data.aws_iam_policy_document.trust["${key}"]`, [
        {
          actions: ['sts:AssumeRole'],
          principals: [{ type: 'AWS', identifiers: [`arn:aws:iam::111122223333:role/${key}`] }],
        },
      ]);
    const input = scan([
      doc('a'),
      doc('b'),
      role(
        'aws_iam_role.r["a"]',
        { name: 'ra', assume_role_policy: null },
        { assume_role_policy: true },
        { assume_role_policy: { references: ['data.aws_iam_policy_document.trust', 'each.key'] } },
      ),
      role('aws_iam_role.r["b"]', { name: 'rb', assume_role_policy: null }, { assume_role_policy: true }),
    ]);
    const principalOf = (id: string) =>
      documentOf(input.principals.find((p) => p.id === id)?.trustPolicy).Statement[0]?.['Principal'];
    expect(principalOf('aws_iam_role.r["a"]')).toEqual({ AWS: ['arn:aws:iam::111122223333:role/a'] });
    expect(principalOf('aws_iam_role.r["b"]')).toEqual({ AWS: ['arn:aws:iam::111122223333:role/b'] });
  });

  it('a policy that cannot be rebuilt is unresolved, naming its references', () => {
    const input = scan([
      {
        address: 'aws_iam_policy.p',
        values: { name: 'p', path: '/' },
        unknown: { policy: true },
        expressions: { policy: { references: ['local.document', 'aws_s3_bucket.x.arn'] } },
      },
    ]);
    const source = input.policies[0]?.policy;
    expect(source?.document).toBeUndefined();
    expect(source?.unresolved?.references).toEqual(['local.document', 'aws_s3_bucket.x.arn']);
    expect(source?.unresolved?.reason).toMatch(/known only after apply/);
  });

  it('a document from `each.value` is unresolved, not skipped', () => {
    const input = scan([
      role(
        'aws_iam_role.r["a"]',
        { name: 'r', inline_policy: [] },
        { inline_policy: true },
        { inline_policy: [{ name: { constant_value: 'x' }, policy: { references: ['each.value'] } }] },
      ),
    ]);
    expect(input.principals[0]?.policies[0]?.policy?.unresolved?.reason).toMatch(/each\.value/);
  });

  it('an update keeps the document before the change', () => {
    const before = JSON.stringify({ Statement: [{ Effect: 'Allow', Action: 'logs:GetLogEvents', Resource: '*' }] });
    const input = scan([
      {
        address: 'aws_iam_policy.p',
        values: { name: 'p', path: '/', arn: 'arn:aws:iam::1:policy/p', policy: readLogs },
        actions: ['update'],
        before: { name: 'p', policy: before },
      },
    ]);
    expect(input.policies[0]?.policy.before?.document).toBe(before);
  });

  it('an unchanged document has no before', () => {
    const input = scan([
      {
        address: 'aws_iam_policy.p',
        values: { name: 'p', path: '/', arn: 'arn:aws:iam::1:policy/p', policy: readLogs },
        actions: ['update'],
        before: { name: 'old', policy: readLogs },
      },
    ]);
    expect(input.policies[0]?.policy.before).toBeUndefined();
  });

  it('a resource being destroyed is not extracted', () => {
    const input = scan([{ address: 'aws_iam_policy.p', values: { name: 'p', policy: readLogs }, actions: ['delete'] }]);
    expect(input.policies).toEqual([]);
  });
});

describe('resource policies', () => {
  it('a Lambda permission becomes the statement it adds to the function policy', () => {
    const input = scan(
      [
        { address: 'aws_cloudwatch_event_rule.tick', values: { name: 'tick' }, unknown: { arn: true } },
        {
          address: 'aws_lambda_permission.tick',
          values: {
            statement_id: 'Tick',
            action: 'lambda:InvokeFunction',
            function_name: 'worker',
            principal: 'events.amazonaws.com',
          },
          unknown: { source_arn: true },
          expressions: {
            source_arn: { references: ['aws_cloudwatch_event_rule.tick.arn', 'aws_cloudwatch_event_rule.tick'] },
          },
        },
      ],
      { configuration: { provider_config: { aws: { expressions: { region: { constant_value: 'eu-west-1' } } } } } },
    );
    const statement = documentOf(input.resources[0]?.policy).Statement[0];
    expect(statement?.['Principal']).toEqual({ Service: 'events.amazonaws.com' });
    expect(statement?.['Action']).toBe('lambda:InvokeFunction');
    expect(String(statement?.['Resource'])).toMatch(/^arn:aws:lambda:eu-west-1:\$\{.*\}:function:worker$/);
    expect(
      String((statement?.['Condition'] as Record<string, Record<string, unknown>>)['ArnLike']?.['aws:SourceArn']),
    ).toMatch(/:rule\/tick$/);
  });

  it.each([
    ['`invoked_via_function_url = true` allows invocations through the function URL only', true, 1],
    ['`invoked_via_function_url = false` leaves the statement without that condition', false, 0],
  ])('a Lambda permission with %s', (_behaviour, viaUrl, conditions) => {
    const input = scan([
      {
        address: 'aws_lambda_permission.url',
        values: {
          statement_id: 'ViaUrl',
          action: 'lambda:InvokeFunction',
          function_name: 'arn:aws:lambda:eu-west-1:123456789012:function:webhook',
          principal: '*',
          invoked_via_function_url: viaUrl,
        },
      },
    ]);
    const condition = documentOf(input.resources[0]?.policy).Statement[0]?.['Condition'];
    expect(condition === undefined ? [] : [condition]).toEqual(
      conditions === 0 ? [] : [{ Bool: { 'lambda:InvokedViaFunctionUrl': 'true' } }],
    );
  });

  it('an EventBridge permission becomes the statement it adds to the policy of the bus it names', () => {
    const input = scan(
      [
        { address: 'data.aws_caller_identity.current', values: { account_id: '123456789012' }, prior: true },
        { address: 'aws_cloudwatch_event_bus.orders', values: { name: 'orders' }, unknown: { arn: true } },
        { address: 'aws_cloudwatch_event_permission.any', values: { principal: '*', statement_id: 'Any' } },
        {
          address: 'aws_cloudwatch_event_permission.org',
          values: {
            principal: '*',
            statement_id: 'Org',
            action: 'events:PutEvents',
            event_bus_name: 'orders',
            condition: [{ key: 'aws:PrincipalOrgID', type: 'StringEquals' }],
          },
          unknown: { condition: [{ value: true }] },
          expressions: {
            event_bus_name: { references: ['aws_cloudwatch_event_bus.orders.name', 'aws_cloudwatch_event_bus.orders'] },
            condition: [
              {
                key: { constant_value: 'aws:PrincipalOrgID' },
                type: { constant_value: 'StringEquals' },
                value: { references: ['aws_organizations_organization.o.id', 'aws_organizations_organization.o'] },
              },
            ],
          },
        },
        {
          address: 'aws_cloudwatch_event_permission.partner',
          values: { principal: '444455556666', statement_id: 'P' },
        },
      ],
      { configuration: { provider_config: { aws: { expressions: { region: { constant_value: 'eu-west-1' } } } } } },
    );
    const statements = Object.fromEntries(
      input.resources.map((r) => [r.id, documentOf(r.policy).Statement[0] ?? {}] as const),
    );
    expect(statements['aws_cloudwatch_event_permission.any']).toEqual({
      Effect: 'Allow',
      Sid: 'Any',
      Principal: '*',
      Action: 'events:PutEvents',
      Resource: 'arn:aws:events:eu-west-1:123456789012:event-bus/default',
    });
    const org = statements['aws_cloudwatch_event_permission.org'] ?? {};
    expect(valueToString(org['Resource'] as PolicyValue)).toBe(
      'arn:aws:events:eu-west-1:123456789012:event-bus/orders',
    );
    const orgId = (org['Condition'] as Record<string, Record<string, PolicyValue>>)['StringEquals']?.[
      'aws:PrincipalOrgID'
    ];
    expect(orgId).toBeInstanceOf(SymbolicValue);
    expect(valueToString(orgId as PolicyValue)).toContain('aws_organizations_organization.o.id');
    expect(statements['aws_cloudwatch_event_permission.partner']?.['Principal']).toEqual({ AWS: '444455556666' });
  });

  it.each([
    [
      'aws_sesv2_email_identity_policy.p',
      { email_identity: 'example.com', policy_name: 'p', policy: readLogs },
      'arn:aws:ses:eu-west-1:123456789012:identity/example.com',
    ],
    [
      'aws_cloudwatch_log_delivery_destination_policy.p',
      { delivery_destination_name: 'central', delivery_destination_policy: readLogs },
      'arn:aws:logs:eu-west-1:123456789012:delivery-destination:central',
    ],
    [
      'aws_oam_sink_policy.p',
      { sink_identifier: 'arn:aws:oam:eu-west-1:123456789012:sink/abc', policy: readLogs },
      'arn:aws:oam:eu-west-1:123456789012:sink/abc',
    ],
    [
      'aws_redshift_resource_policy.p',
      { resource_arn: 'arn:aws:redshift:eu-west-1:123456789012:namespace:abc', policy: readLogs },
      'arn:aws:redshift:eu-west-1:123456789012:namespace:abc',
    ],
    [
      'aws_s3_bucket_policy.directory',
      { bucket: 'fast--use1-az4--x-s3', policy: readLogs },
      'arn:aws:s3express:eu-west-1:123456789012:bucket/fast--use1-az4--x-s3',
    ],
    [
      'aws_backup_vault_policy.p',
      { backup_vault_name: 'archive', policy: readLogs },
      'arn:aws:backup:eu-west-1:123456789012:backup-vault:archive',
    ],
    [
      'aws_kms_key_policy.p',
      { key_id: '1234abcd-12ab-34cd-56ef-1234567890ab', policy: readLogs },
      'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab',
    ],
    [
      'aws_kms_key_policy.by_arn',
      { key_id: 'arn:aws:kms:us-east-1:444455556666:key/1234abcd', policy: readLogs },
      'arn:aws:kms:us-east-1:444455556666:key/1234abcd',
    ],
    [
      'aws_opensearch_domain_policy.p',
      { domain_name: 'search', access_policies: readLogs },
      'arn:aws:es:eu-west-1:123456789012:domain/search',
    ],
    [
      'aws_glacier_vault_lock.p',
      { vault_name: 'cold', policy: readLogs, complete_lock: false },
      'arn:aws:glacier:eu-west-1:123456789012:vaults/cold',
    ],
    [
      'aws_cloudwatch_log_destination_policy.p',
      { destination_name: 'central', access_policy: readLogs },
      'arn:aws:logs:eu-west-1:123456789012:destination:central',
    ],
    [
      'aws_cloudwatch_event_bus_policy.p',
      { event_bus_name: null, policy: readLogs },
      'arn:aws:events:eu-west-1:123456789012:event-bus/default',
    ],
    [
      'aws_codeartifact_domain_permissions_policy.p',
      { domain: 'shared', domain_owner: '555566667777', policy_document: readLogs },
      'arn:aws:codeartifact:eu-west-1:555566667777:domain/shared',
    ],
    [
      'aws_codeartifact_repository_permissions_policy.p',
      { domain: 'shared', repository: 'npm', policy_document: readLogs },
      'arn:aws:codeartifact:eu-west-1:123456789012:repository/shared/npm',
    ],
    [
      'aws_media_store_container_policy.p',
      { container_name: 'media', policy: readLogs },
      'arn:aws:mediastore:eu-west-1:123456789012:container/media',
    ],
    [
      'aws_ses_identity_policy.p',
      { identity: 'example.com', name: 'p', policy: readLogs },
      'arn:aws:ses:eu-west-1:123456789012:identity/example.com',
    ],
    [
      'aws_sagemaker_model_package_group_policy.p',
      { model_package_group_name: 'models', resource_policy: readLogs },
      'arn:aws:sagemaker:eu-west-1:123456789012:model-package-group/models',
    ],
    [
      'aws_schemas_registry_policy.p',
      { registry_name: 'events', policy: readLogs },
      'arn:aws:schemas:eu-west-1:123456789012:registry/events',
    ],
    [
      'aws_vpc_endpoint_policy.p',
      { vpc_endpoint_id: 'vpce-0a1b2c3d', policy: readLogs },
      'arn:aws:ec2:eu-west-1:123456789012:vpc-endpoint/vpce-0a1b2c3d',
    ],
    [
      'aws_s3control_object_lambda_access_point_policy.p',
      { name: 'redact', account_id: '444455556666', policy: readLogs },
      'arn:aws:s3-object-lambda:eu-west-1:444455556666:accesspoint/redact',
    ],
    [
      'aws_s3control_access_grants_instance_resource_policy.p',
      { account_id: null, policy: readLogs },
      'arn:aws:s3:eu-west-1:123456789012:access-grants/default',
    ],
    ['aws_glue_resource_policy.p', { policy: readLogs }, 'arn:aws:glue:eu-west-1:123456789012:catalog'],
    ['aws_ecr_registry_policy.p', { policy: readLogs }, 'arn:aws:ecr:eu-west-1:123456789012:repository/*'],
    [
      'aws_cloudwatch_log_resource_policy.p',
      { policy_name: 'p', policy_document: readLogs },
      'arn:aws:logs:eu-west-1:123456789012:log-group:*',
    ],
    [
      'aws_cloudsearch_domain_service_access_policy.p',
      { domain_name: 'catalog', access_policy: readLogs },
      'arn:aws:cloudsearch:eu-west-1:123456789012:domain/catalog',
    ],
    [
      'aws_prometheus_resource_policy.p',
      { workspace_id: 'ws-0123', policy_document: readLogs },
      'arn:aws:aps:eu-west-1:123456789012:workspace/ws-0123',
    ],
    [
      'aws_dsql_cluster_policy.p',
      { identifier: 'abcde1f234', policy: readLogs },
      'arn:aws:dsql:eu-west-1:123456789012:cluster/abcde1f234',
    ],
    [
      'aws_ssm_resource_policy.p',
      { resource_arn: 'arn:aws:ssm:eu-west-1:123456789012:parameter/shared', policy: readLogs },
      'arn:aws:ssm:eu-west-1:123456789012:parameter/shared',
    ],
    [
      'aws_bedrockagentcore_resource_policy.p',
      { resource_arn: 'arn:aws:bedrock-agentcore:eu-west-1:123456789012:runtime/agent-1', policy: readLogs },
      'arn:aws:bedrock-agentcore:eu-west-1:123456789012:runtime/agent-1',
    ],
    [
      'aws_pinpointsmsvoicev2_resource_policy.p',
      { resource_arn: 'arn:aws:sms-voice:eu-west-1:123456789012:pool/pool-1', policy: readLogs },
      'arn:aws:sms-voice:eu-west-1:123456789012:pool/pool-1',
    ],
    [
      'aws_s3vectors_vector_bucket_policy.p',
      { vector_bucket_arn: 'arn:aws:s3vectors:eu-west-1:123456789012:bucket/embeddings', policy: readLogs },
      'arn:aws:s3vectors:eu-west-1:123456789012:bucket/embeddings',
    ],
    [
      'aws_lambda_resource_policy.p',
      { resource_arn: 'arn:aws:lambda:eu-west-1:123456789012:function:ingest:live', policy: readLogs },
      'arn:aws:lambda:eu-west-1:123456789012:function:ingest:live',
    ],
    [
      'aws_osis_resource_policy.p',
      { resource_arn: 'arn:aws:osis:eu-west-1:123456789012:pipeline/logs-ingest', policy: readLogs },
      'arn:aws:osis:eu-west-1:123456789012:pipeline/logs-ingest',
    ],
  ])('%s is a resource policy on the resource it names', (address, values, arn) => {
    const input = scan(
      [
        { address: 'data.aws_caller_identity.current', values: { account_id: '123456789012' }, prior: true },
        { address, values },
      ],
      { configuration: { provider_config: { aws: { expressions: { region: { constant_value: 'eu-west-1' } } } } } },
    );
    expect(input.resources.map((r) => [r.id, valueToString(r.arn as PolicyValue)])).toEqual([[address, arn]]);
    expect(input.resources[0]?.policy.document).toBe(readLogs);
  });

  it('a policy on an OpenSearch Ingestion pipeline the plan creates is on its `pipeline_arn` (its ARN attribute), known after apply', () => {
    const input = scan([
      { address: 'aws_osis_pipeline.logs', values: { pipeline_name: 'logs' }, unknown: { pipeline_arn: true } },
      {
        address: 'aws_osis_resource_policy.p',
        values: { policy: readLogs },
        unknown: { resource_arn: true },
        expressions: {
          resource_arn: { references: ['aws_osis_pipeline.logs.pipeline_arn', 'aws_osis_pipeline.logs'] },
        },
      },
    ]);
    expect(input.resources.map((r) => [r.id, valueToString(r.arn as PolicyValue)])).toEqual([
      ['aws_osis_resource_policy.p', '${aws_osis_pipeline.logs.pipeline_arn}'],
    ]);
  });

  it("the provider's account owns the resources whose ARN names no account, not those of another provider configuration", () => {
    const policy = (bucket: string): Record<string, unknown> => ({ bucket, policy: readLogs });
    const plan = buildPlan(
      [
        { address: 'data.aws_caller_identity.current', values: { account_id: '123456789012' }, prior: true },
        { address: 'aws_s3_bucket_policy.home', values: policy('home') },
        { address: 'aws_s3_bucket_policy.replica', values: policy('replica') },
        {
          address: 'aws_sns_topic_policy.partner',
          values: { arn: 'arn:aws:sns:eu-west-1:444455556666:events', policy: readLogs },
        },
      ],
      {
        configuration: {
          provider_config: { aws: { name: 'aws' }, 'aws.replica': { name: 'aws', alias: 'replica' } },
        },
      },
    );
    const keys: Record<string, string> = {
      'data.aws_caller_identity.current': 'aws',
      'aws_s3_bucket_policy.home': 'aws',
      'aws_s3_bucket_policy.replica': 'aws.replica',
      'aws_sns_topic_policy.partner': 'aws',
    };
    const root = plan.configuration?.root_module;
    const keyed = {
      ...plan,
      configuration: {
        ...plan.configuration,
        root_module: {
          ...root,
          resources: (root?.resources ?? []).map((r) => ({ ...r, provider_config_key: keys[r.address] })),
        },
      },
    };
    const owners = extractPlan('plan.json', keyed).resources.map((r) => [r.id, r.account]);
    expect(owners).toEqual([
      ['aws_s3_bucket_policy.home', '123456789012'],
      ['aws_s3_bucket_policy.replica', undefined],
      ['aws_sns_topic_policy.partner', undefined],
    ]);
  });

  it("a resource's own `region` (AWS provider 6) is the Region of the ARN made from its name", () => {
    const input = scan(
      [
        { address: 'data.aws_caller_identity.current', values: { account_id: '123456789012' }, prior: true },
        {
          address: 'aws_backup_vault_policy.dr',
          values: { backup_vault_name: 'dr', region: 'us-east-2', policy: readLogs },
        },
        { address: 'aws_backup_vault_policy.home', values: { backup_vault_name: 'home', policy: readLogs } },
        {
          address: 'aws_lambda_permission.p',
          values: { function_name: 'fn', region: 'us-east-2', action: 'lambda:InvokeFunction', principal: '*' },
        },
        {
          address: 'aws_sns_topic.t',
          values: { name: 't', region: 'us-east-2', policy: readLogs },
          unknown: { arn: true },
          expressions: { policy: { constant_value: readLogs } },
        },
      ],
      { configuration: { provider_config: { aws: { expressions: { region: { constant_value: 'eu-west-1' } } } } } },
    );
    expect(input.resources.map((r) => valueToString(r.arn as PolicyValue))).toEqual([
      'arn:aws:backup:us-east-2:123456789012:backup-vault:dr',
      'arn:aws:backup:eu-west-1:123456789012:backup-vault:home',
      'arn:aws:lambda:us-east-2:123456789012:function:fn',
      'arn:aws:sns:us-east-2:123456789012:t',
    ]);
  });

  it('a resource managed through an aliased provider (`provider_config_key`) has the Region of that provider in its ARN', () => {
    const topic = (address: string): TestResource => ({
      address,
      values: { name: address.split('.').pop() ?? '', policy: readLogs },
      unknown: { arn: true },
      expressions: { policy: { constant_value: readLogs } },
    });
    const plan = buildPlan(
      [
        { address: 'data.aws_caller_identity.current', values: { account_id: '123456789012' }, prior: true },
        topic('aws_sns_topic.home'),
        topic('aws_sns_topic.us'),
        topic('aws_sns_topic.elsewhere'),
        topic('module.iam.aws_sns_topic.passed'),
      ],
      {
        configuration: {
          provider_config: {
            aws: { name: 'aws', expressions: { region: { constant_value: 'eu-west-1' } } },
            'aws.us': { name: 'aws', alias: 'us', expressions: { region: { constant_value: 'us-east-1' } } },
            'aws.other': { name: 'aws', alias: 'other', expressions: { region: { references: ['var.region'] } } },
          },
        },
      },
    );
    const root = plan.configuration?.root_module;
    const keys: Record<string, string> = { us: 'aws.us', elsewhere: 'aws.other', passed: 'aws.us' };
    for (const resource of [...(root?.resources ?? []), ...(root?.module_calls?.['iam']?.module?.resources ?? [])])
      (resource as { provider_config_key?: string }).provider_config_key = keys[resource.name] ?? 'aws';
    const arns = extractPlan('plan.json', plan).resources.map((r) => valueToString(r.arn as PolicyValue));
    expect(arns.slice(0, 2)).toEqual([
      'arn:aws:sns:eu-west-1:123456789012:home',
      'arn:aws:sns:us-east-1:123456789012:us',
    ]);
    // A Region only apply knows is no Region of the default provider.
    expect(arns[2]).not.toContain('eu-west-1');
    expect(arns[2]).toMatch(/^arn:aws:sns:.+:123456789012:elsewhere$/);
    expect(arns[3]).toBe('arn:aws:sns:us-east-1:123456789012:passed');
  });

  describe("Block Public Access of access points (on unless turned off, and the bucket's)", () => {
    const open = { restrict_public_buckets: false, block_public_policy: false };
    const point = (
      name: string,
      values: Record<string, unknown>,
      unknown: Record<string, unknown> = {},
    ): TestResource => ({
      address: `aws_s3_access_point.${name}`,
      values: { name, bucket: values['bucket'] ?? 'assets', policy: readLogs, ...values },
      unknown: { arn: true, ...unknown },
    });
    const restricted = (resources: TestResource[]): Record<string, boolean> =>
      Object.fromEntries(scan(resources).resources.map((r) => [r.id, r.publicAccessRestricted === true]));

    it.each([
      ['without a block (S3 turns every setting on)', point('p', {}), true],
      ['with an empty block list', point('p', { public_access_block_configuration: [] }), true],
      [
        'with restrict_public_buckets = true',
        point('p', { public_access_block_configuration: [{ restrict_public_buckets: true }] }),
        true,
      ],
      ['with restrict_public_buckets = false', point('p', { public_access_block_configuration: [open] }), false],
      ['with a block known only after apply', point('p', {}, { public_access_block_configuration: true }), false],
    ])('an access point %s', (_, resource, expected) => {
      expect(restricted([resource])).toEqual({ 'aws_s3_access_point.p': expected });
    });

    it('an access point that turns it off, on a bucket whose own block restricts public buckets, is restricted', () => {
      expect(
        restricted([
          point('on_blocked', { bucket: 'blocked', public_access_block_configuration: [open] }),
          point('on_open', { bucket: 'assets', public_access_block_configuration: [open] }),
          {
            address: 'aws_s3_bucket_public_access_block.blocked',
            values: { bucket: 'blocked', restrict_public_buckets: true },
          },
        ]),
      ).toEqual({ 'aws_s3_access_point.on_blocked': true, 'aws_s3_access_point.on_open': false });
    });

    it('an access point policy resource on an access point of the plan follows that access point', () => {
      const policy = (name: string, target: string): TestResource => ({
        address: `aws_s3control_access_point_policy.${name}`,
        values: { policy: readLogs },
        unknown: { access_point_arn: true },
        expressions: {
          access_point_arn: { references: [`aws_s3_access_point.${target}.arn`, `aws_s3_access_point.${target}`] },
        },
      });
      const found = restricted([
        point('closed', { policy: null }),
        point('opened', { policy: null, public_access_block_configuration: [open] }),
        policy('closed', 'closed'),
        policy('opened', 'opened'),
      ]);
      expect(found).toEqual({
        'aws_s3control_access_point_policy.closed': true,
        'aws_s3control_access_point_policy.opened': false,
      });
    });
  });

  it('a CloudSearch statement without `Resource` is on the domain, as CloudSearch reads it', () => {
    const search = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: '*', Action: 'cloudsearch:search' }],
    });
    const input = scan(
      [
        { address: 'data.aws_caller_identity.current', values: { account_id: '123456789012' }, prior: true },
        {
          address: 'aws_cloudsearch_domain_service_access_policy.d',
          values: { domain_name: 'catalog', access_policy: search },
        },
      ],
      { configuration: { provider_config: { aws: { expressions: { region: { constant_value: 'eu-west-1' } } } } } },
    );
    expect(valueToString(documentOf(input.resources[0]?.policy).Statement[0]?.['Resource'] as PolicyValue)).toBe(
      'arn:aws:cloudsearch:eu-west-1:123456789012:domain/catalog',
    );
  });

  it('a signing profile permission becomes the statement it adds to the profile (or profile version) policy', () => {
    const input = scan(
      [
        { address: 'data.aws_caller_identity.current', values: { account_id: '123456789012' }, prior: true },
        {
          address: 'aws_signer_signing_profile.release',
          values: { name: 'release', platform_id: 'AWSLambda-SHA384-ECDSA' },
          unknown: { arn: true, version: true, version_arn: true },
        },
        {
          address: 'aws_signer_signing_profile_permission.partner',
          values: { profile_name: 'release', action: 'signer:StartSigningJob', principal: '444455556666' },
          unknown: { statement_id: true },
          expressions: {
            profile_name: {
              references: ['aws_signer_signing_profile.release.name', 'aws_signer_signing_profile.release'],
            },
          },
        },
        {
          address: 'aws_signer_signing_profile_permission.version',
          values: {
            profile_name: 'other',
            profile_version: 'a1b2c3d4e5',
            action: 'signer:RevokeSignature',
            principal: 'arn:aws:iam::444455556666:role/release',
            statement_id: 'revoke',
          },
        },
      ],
      { configuration: { provider_config: { aws: { expressions: { region: { constant_value: 'eu-west-1' } } } } } },
    );
    const statements = Object.fromEntries(
      input.resources.map((r) => [r.id, documentOf(r.policy).Statement[0] as Record<string, unknown>]),
    );
    const partner = statements['aws_signer_signing_profile_permission.partner'];
    expect(partner?.['Principal']).toEqual({ AWS: '444455556666' });
    expect(partner?.['Action']).toBe('signer:StartSigningJob');
    expect(valueToString(partner?.['Resource'] as PolicyValue)).toContain('aws_signer_signing_profile.release.arn');
    expect(statements['aws_signer_signing_profile_permission.version']).toEqual({
      Effect: 'Allow',
      Sid: 'revoke',
      Principal: { AWS: 'arn:aws:iam::444455556666:role/release' },
      Action: 'signer:RevokeSignature',
      Resource: 'arn:aws:signer:eu-west-1:123456789012:/signing-profiles/other/a1b2c3d4e5',
    });
  });

  it('a policy a caller gives in the `for_each` map of a module two levels down is read from the map the plan shows; a null one leaves the provider default', () => {
    const endpoint = (key: string): TestResource => ({
      address: `module.network.module.endpoint["${key}"].aws_vpc_endpoint.this`,
      values: { service_name: `com.amazonaws.eu-west-1.${key}`, vpc_endpoint_type: 'Interface' },
      unknown: { arn: true, id: true, policy: true },
      expressions: { policy: { references: ['var.policy'] } },
    });
    const open = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: '*', Action: 'sts:AssumeRole', Resource: '*' }],
    });
    const plan = buildPlan([endpoint('sts'), endpoint('ecr')], {
      variables: { endpoints: { value: { sts: { policy: open }, ecr: { policy: null } } } },
    });
    const calls = (plan.configuration as { root_module: { module_calls: Record<string, Record<string, unknown>> } })
      .root_module.module_calls;
    const network = calls['network'] as { module: { module_calls: Record<string, Record<string, unknown>> } };
    Object.assign(calls['network'] ?? {}, { expressions: { endpoints: { references: ['var.endpoints'] } } });
    Object.assign(network.module.module_calls['endpoint'] ?? {}, {
      for_each_expression: { references: ['var.endpoints'] },
      expressions: { policy: { references: ['each.value.policy', 'each.value'] } },
    });
    const input = extractPlan('plan.json', plan);
    const policies = Object.fromEntries(input.resources.map((r) => [r.id, r.policy] as const));
    expect(policies['module.network.module.endpoint["sts"].aws_vpc_endpoint.this']).toMatchObject({ document: open });
    expect(policies['module.network.module.endpoint["sts"].aws_vpc_endpoint.this']?.unresolved).toBeUndefined();
    // Null: the endpoint gets the default policy, as one configured without any.
    expect(Object.keys(policies)).not.toContain('module.network.module.endpoint["ecr"].aws_vpc_endpoint.this');
  });

  it('the principals an endpoint service lets connect become `ec2:CreateVpcEndpoint` on it; a list the service only shows as last read is not read', () => {
    const input = scan(
      [
        { address: 'data.aws_caller_identity.current', values: { account_id: '123456789012' }, prior: true },
        {
          address: 'aws_vpc_endpoint_service.open',
          values: { acceptance_required: false, allowed_principals: ['*'] },
          unknown: { arn: true, id: true },
          expressions: { allowed_principals: { constant_value: ['*'] } },
        },
        {
          address: 'aws_vpc_endpoint_service.managed_apart',
          values: { acceptance_required: true, allowed_principals: ['arn:aws:iam::444455556666:root'] },
          unknown: { arn: true, id: true },
        },
        {
          address: 'aws_vpc_endpoint_service_allowed_principal.partner',
          values: {
            vpc_endpoint_service_id: 'vpce-svc-0a1b2c3d4e5f60718',
            principal_arn: 'arn:aws:iam::444455556666:root',
          },
        },
      ],
      { configuration: { provider_config: { aws: { expressions: { region: { constant_value: 'eu-west-1' } } } } } },
    );
    const statements = Object.fromEntries(
      input.resources.map((r) => [r.id, documentOf(r.policy).Statement[0]] as const),
    );
    expect(Object.keys(statements).sort()).toEqual([
      'aws_vpc_endpoint_service.open',
      'aws_vpc_endpoint_service_allowed_principal.partner',
    ]);
    expect(statements['aws_vpc_endpoint_service.open']).toMatchObject({
      Principal: '*',
      Action: 'ec2:CreateVpcEndpoint',
    });
    expect(statements['aws_vpc_endpoint_service_allowed_principal.partner']).toEqual({
      Effect: 'Allow',
      Principal: { AWS: ['arn:aws:iam::444455556666:root'] },
      Action: 'ec2:CreateVpcEndpoint',
      Resource: 'arn:aws:ec2:eu-west-1:123456789012:vpc-endpoint-service/vpce-svc-0a1b2c3d4e5f60718',
    });
  });

  it('snapshots, images and documents shared by an attribute become what the sharing allows: `all` is everyone, an organization ARN its principals', () => {
    const input = scan(
      [
        {
          address: 'aws_db_snapshot.public',
          values: { db_snapshot_identifier: 'orders-final', shared_accounts: ['all'] },
          unknown: { db_snapshot_arn: true },
          expressions: { shared_accounts: { constant_value: ['all'] } },
        },
        // shared_accounts not configured: the list as last read, not read again
        {
          address: 'aws_db_snapshot.unshared',
          values: { db_snapshot_identifier: 'x', shared_accounts: ['444455556666'] },
        },
        { address: 'aws_ami_launch_permission.public', values: { image_id: 'ami-0a1b2c3d', group: 'all' } },
        {
          address: 'aws_ami_launch_permission.org',
          values: {
            image_id: 'ami-0a1b2c3d',
            organization_arn: 'arn:aws:organizations::111122223333:organization/o-a1b2c3d4e5',
          },
        },
        {
          address: 'aws_ebs_snapshot_create_volume_permission.partner',
          values: { snapshot_id: 'snap-0a1b2c3d', account_id: '444455556666' },
        },
        {
          address: 'aws_ssm_document.runbook',
          values: { name: 'runbook', permissions: { type: 'Share', account_ids: 'All' } },
          unknown: { arn: true },
          expressions: { permissions: { constant_value: { type: 'Share', account_ids: 'All' } } },
        },
      ],
      { configuration: { provider_config: { aws: { expressions: { region: { constant_value: 'eu-west-1' } } } } } },
    );
    const statements = Object.fromEntries(input.resources.map((r) => [r.id, documentOf(r.policy).Statement] as const));
    expect(Object.keys(statements)).not.toContain('aws_db_snapshot.unshared');
    expect(statements['aws_db_snapshot.public']?.[0]).toMatchObject({
      Principal: '*',
      Action: ['rds:RestoreDBInstanceFromDBSnapshot', 'rds:CopyDBSnapshot'],
    });
    expect(statements['aws_ami_launch_permission.public']).toEqual([
      {
        Effect: 'Allow',
        Principal: '*',
        Action: ['ec2:RunInstances'],
        Resource: 'arn:aws:ec2:eu-west-1::image/ami-0a1b2c3d',
      },
    ]);
    expect(statements['aws_ami_launch_permission.org']?.[0]).toMatchObject({
      Principal: '*',
      Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } },
    });
    expect(statements['aws_ebs_snapshot_create_volume_permission.partner']?.[0]).toMatchObject({
      Principal: { AWS: ['444455556666'] },
      Resource: 'arn:aws:ec2:eu-west-1::snapshot/snap-0a1b2c3d',
    });
    expect(statements['aws_ssm_document.runbook']?.[0]).toMatchObject({ Principal: '*', Action: ['ssm:GetDocument'] });
  });

  it('an IoT Core policy is checked as an identity policy', () => {
    const document = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 'iot:*', Resource: '*' }],
    });
    const input = scan([{ address: 'aws_iot_policy.gateway', values: { name: 'gateway', policy: document } }]);
    expect(input.policies).toEqual([
      expect.objectContaining({
        type: 'identity',
        policy: expect.objectContaining({ id: 'aws_iot_policy.gateway', document }),
      }),
    ]);
  });

  it('a KMS grant becomes what it allows on its key: the grantee its operations under the context its constraints require, the retiring principal retirement', () => {
    const input = scan(
      [
        { address: 'data.aws_caller_identity.current', values: { account_id: '123456789012' }, prior: true },
        { address: 'aws_kms_key.lake', values: { description: 'lake' }, unknown: { arn: true, key_id: true } },
        {
          address: 'aws_kms_grant.etl',
          values: {
            grantee_principal: 'arn:aws:iam::123456789012:role/etl',
            operations: ['Decrypt', 'GenerateDataKey'],
            constraints: [{ encryption_context_equals: { zone: 'curated' }, encryption_context_subset: null }],
            retiring_principal: 'arn:aws:iam::123456789012:role/ops',
          },
          unknown: { key_id: true },
          expressions: { key_id: { references: ['aws_kms_key.lake.key_id', 'aws_kms_key.lake'] } },
        },
        {
          address: 'aws_kms_grant.partner',
          values: {
            key_id: '0d5c4b3a-1111-2222-3333-444455556666',
            grantee_principal: 'arn:aws:iam::444455556666:root',
            operations: ['Decrypt', 'CreateGrant'],
            constraints: [{ encryption_context_equals: null, encryption_context_subset: { app: 'orders' } }],
          },
        },
        {
          address: 'aws_kms_grant.by_variable',
          values: {
            key_id: 'arn:aws:kms:eu-west-1:123456789012:key/abc',
            grantee_principal: 'logs.eu-west-1.amazonaws.com',
          },
          unknown: { operations: true },
        },
      ],
      { configuration: { provider_config: { aws: { expressions: { region: { constant_value: 'eu-west-1' } } } } } },
    );
    const statements = Object.fromEntries(input.resources.map((r) => [r.id, documentOf(r.policy).Statement] as const));
    const [etl, retire] = statements['aws_kms_grant.etl'] ?? [];
    expect(etl?.['Principal']).toEqual({ AWS: 'arn:aws:iam::123456789012:role/etl' });
    expect(etl?.['Action']).toEqual(['kms:Decrypt', 'kms:GenerateDataKey']);
    // The key of the plan `key_id` refers to, only known after apply.
    expect(valueToString(etl?.['Resource'] as PolicyValue)).toMatch(
      /^arn:aws:kms:eu-west-1:123456789012:key\/\$\{aws_kms_key\.lake\.key_id\}$/,
    );
    expect(etl?.['Condition']).toEqual({
      StringEquals: { 'kms:EncryptionContext:zone': 'curated' },
      'ForAllValues:StringEquals': { 'kms:EncryptionContextKeys': ['zone'] },
    });
    expect(retire).toMatchObject({
      Principal: { AWS: 'arn:aws:iam::123456789012:role/ops' },
      Action: 'kms:RetireGrant',
    });
    expect(statements['aws_kms_grant.partner']).toEqual([
      {
        Effect: 'Allow',
        Principal: { AWS: 'arn:aws:iam::444455556666:root' },
        Action: ['kms:Decrypt', 'kms:CreateGrant'],
        Resource: 'arn:aws:kms:eu-west-1:123456789012:key/0d5c4b3a-1111-2222-3333-444455556666',
        Condition: { StringEquals: { 'kms:EncryptionContext:app': 'orders' } },
      },
    ]);
    const byVariable = statements['aws_kms_grant.by_variable']?.[0];
    expect(byVariable?.['Principal']).toEqual({ Service: 'logs.eu-west-1.amazonaws.com' });
    expect(byVariable?.['Resource']).toBe('arn:aws:kms:eu-west-1:123456789012:key/abc');
    expect((byVariable?.['Action'] as PolicyValue[]).map((a) => valueToString(a))).toEqual([
      expect.stringContaining('aws_kms_grant.by_variable.operations'),
    ]);
  });

  it('a Multi-Region Access Point policy is read from its `details` block, unresolved when only apply knows it', () => {
    const input = scan([
      {
        address: 'aws_s3control_multi_region_access_point_policy.known',
        values: { account_id: '123456789012', details: [{ name: 'assets', policy: readLogs }] },
      },
      {
        address: 'aws_s3control_multi_region_access_point_policy.later',
        values: { account_id: '123456789012', details: [{ name: 'assets' }] },
        unknown: { details: [{ policy: true }] },
      },
    ]);
    expect(input.resources.map((r) => [r.id, r.policy.document, r.policy.unresolved?.reason])).toEqual([
      ['aws_s3control_multi_region_access_point_policy.known', readLogs, undefined],
      [
        'aws_s3control_multi_region_access_point_policy.later',
        undefined,
        '`aws_s3control_multi_region_access_point_policy.later.details[0].policy` is not in the plan',
      ],
    ]);
  });

  it('the account id comes from aws_caller_identity when the plan read it', () => {
    const input = scan([
      { address: 'data.aws_caller_identity.current', values: { account_id: '123456789012' }, prior: true },
      { address: 'aws_sns_topic.t', values: { name: 't', policy: readLogs }, unknown: { arn: true } },
    ]);
    expect(String(input.resources[0]?.arn)).toMatch(/^arn:aws:sns:.*:123456789012:t$/);
  });

  it.each([
    ['aws_s3_bucket_policy.b', { bucket: 'logs' }, 'aws_s3_bucket_policy.b.policy'],
    [
      'aws_cloudwatch_log_resource_policy.r',
      { policy_name: 'r' },
      'aws_cloudwatch_log_resource_policy.r.policy_document',
    ],
    ['aws_glacier_vault_lock.v', { vault_name: 'v' }, 'aws_glacier_vault_lock.v.policy'],
    ['aws_s3_bucket.b', { bucket: 'logs' }, undefined],
    ['aws_vpc_endpoint_policy.e', { vpc_endpoint_id: 'vpce-1' }, undefined],
    ['aws_s3control_access_grants_instance_resource_policy.g', { account_id: null }, undefined],
    [
      'aws_cloudsearch_domain_service_access_policy.d',
      { domain_name: 'catalog' },
      'aws_cloudsearch_domain_service_access_policy.d.access_policy',
    ],
  ])('a plan without the policy of %s: unresolved when the resource requires one', (address, values, missing) => {
    const input = scan([{ address, values }]);
    if (missing === undefined) expect(input.resources).toEqual([]);
    else expect(input.resources[0]?.policy.unresolved?.reason).toBe(`\`${missing}\` is not in the plan`);
  });

  describe('the policy a resource shows as last read (unconfigured) against a policy resource of the plan', () => {
    const publicRead = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::logs/*' }],
    });
    const kept = (address: string, values: Record<string, unknown>, expressions = {}): TestResource => ({
      address,
      values,
      before: values,
      actions: ['no-op'],
      unknown: {},
      expressions,
    });
    const bucket = (expressions = {}): TestResource =>
      kept('aws_s3_bucket.logs', { bucket: 'logs', arn: 'arn:aws:s3:::logs', policy: publicRead }, expressions);
    const destroy = (type: string, before: Record<string, unknown>): Record<string, unknown> => ({
      address: `${type}.old`,
      mode: 'managed',
      type,
      name: 'old',
      change: { actions: ['delete'], before, after: null },
    });
    const extract = (resources: TestResource[], destroyed: Record<string, unknown>[] = []): [string, string][] => {
      const plan = buildPlan(resources);
      const changes = [...(plan.resource_changes ?? []), ...destroyed];
      // What the plan leaves: a policy it removes (document `null`) is only part of what it changes.
      return extractPlan('plan.json', { ...plan, resource_changes: changes } as typeof plan)
        .resources.filter((r) => r.policy.document !== null)
        .map((r) => [r.id, String(r.policy.document)]);
    };

    it('a bucket policy the plan narrows stands for the policy the bucket shows', () => {
      const narrowed = readLogs;
      const policy: TestResource = {
        address: 'aws_s3_bucket_policy.logs',
        values: { bucket: 'logs', policy: narrowed },
        before: { bucket: 'logs', policy: publicRead },
        actions: ['update'],
      };
      expect(extract([bucket(), policy])).toEqual([['aws_s3_bucket_policy.logs', narrowed]]);
    });

    it('a bucket policy the plan destroys leaves nothing of it on the bucket', () => {
      expect(extract([bucket()], [destroy('aws_s3_bucket_policy', { bucket: 'logs', policy: publicRead })])).toEqual(
        [],
      );
    });

    it('a queue policy destroyed by its URL leaves nothing of it on the queue', () => {
      const queue = kept('aws_sqs_queue.jobs', {
        name: 'jobs',
        arn: 'arn:aws:sqs:eu-west-1:111122223333:jobs',
        policy: publicRead,
      });
      const url = 'https://sqs.eu-west-1.amazonaws.com/111122223333/jobs';
      expect(extract([queue], [destroy('aws_sqs_queue_policy', { queue_url: url, policy: publicRead })])).toEqual([]);
    });

    it.each([
      [
        'a key policy naming the key by id, the account only known after apply',
        kept('aws_kms_key.k', { key_id: 'k-1', arn: 'arn:aws:kms:eu-west-1:111122223333:key/k-1', policy: publicRead }),
        { address: 'aws_kms_key_policy.k', values: { key_id: 'k-1', policy: readLogs } },
      ],
      [
        'an endpoint policy naming the endpoint by id',
        kept('aws_vpc_endpoint.s3', {
          id: 'vpce-1',
          arn: 'arn:aws:ec2:eu-west-1:111122223333:vpc-endpoint/vpce-1',
          policy: publicRead,
        }),
        { address: 'aws_vpc_endpoint_policy.s3', values: { vpc_endpoint_id: 'vpce-1', policy: readLogs } },
      ],
    ])('%s stands for the policy the resource shows', (_, resource, policy: TestResource) => {
      expect(extract([resource, policy])).toEqual([[policy.address, readLogs]]);
    });

    it('without a policy resource for it, the policy the bucket shows is its policy (set outside Terraform)', () => {
      expect(extract([bucket()], [destroy('aws_s3_bucket_policy', { bucket: 'other', policy: publicRead })])).toEqual([
        ['aws_s3_bucket.logs', publicRead],
      ]);
    });

    it('a policy the configuration sets on the bucket is kept beside a policy resource', () => {
      const policy: TestResource = {
        address: 'aws_s3_bucket_policy.logs',
        values: { bucket: 'logs', policy: readLogs },
      };
      expect(extract([bucket({ policy: { constant_value: publicRead } }), policy]).map(([id]) => id)).toEqual([
        'aws_s3_bucket.logs',
        'aws_s3_bucket_policy.logs',
      ]);
    });
  });

  it('the computed default key policy of a KMS key is not a policy to check', () => {
    const input = scan([{ address: 'aws_kms_key.k', values: {}, unknown: { policy: true, arn: true } }]);
    expect(input.resources).toEqual([]);
  });
});

describe('account-wide settings and identity providers', () => {
  it('the password policy is kept as found, in accountSettings', () => {
    const input = scan([
      {
        address: 'aws_iam_account_password_policy.strict',
        values: { minimum_password_length: 8, require_symbols: false },
      },
    ]);
    expect(input.accountSettings).toEqual([
      {
        kind: 'password-policy',
        settings: { minimum_password_length: 8, require_symbols: false },
        location: { file: 'plan.json', address: 'aws_iam_account_password_policy.strict' },
      },
    ]);
  });

  it('an OIDC provider has its issuer without scheme and its audiences', () => {
    const input = scan([
      {
        address: 'aws_iam_openid_connect_provider.github',
        values: { url: 'https://token.actions.githubusercontent.com', client_id_list: ['sts.amazonaws.com'] },
        unknown: { arn: true },
      },
    ]);
    const provider = input.identityProviders?.[0];
    expect([provider?.kind, provider?.url, provider?.clientIds]).toEqual([
      'oidc',
      'token.actions.githubusercontent.com',
      ['sts.amazonaws.com'],
    ]);
    expect(String(provider?.arn)).toMatch(/:oidc-provider\/token\.actions\.githubusercontent\.com$/);
  });

  it('aws_iam_policy_attachment reaches the roles, users and groups it lists, and the group members', () => {
    const input = scan([
      { address: 'aws_iam_user.ann', values: { name: 'ann', path: '/' }, unknown: { arn: true } },
      { address: 'aws_iam_group.ops', values: { name: 'ops', path: '/' }, unknown: { arn: true } },
      role('aws_iam_role.app', { name: 'app' }),
      { address: 'aws_iam_user_group_membership.ann', values: { user: 'ann', groups: ['ops'] } },
      {
        address: 'aws_iam_policy_attachment.admin',
        values: {
          name: 'admin',
          policy_arn: 'arn:aws:iam::aws:policy/AdministratorAccess',
          roles: ['app'],
          groups: ['ops'],
          users: [],
        },
      },
    ]);
    const kinds = Object.fromEntries(input.principals.map((p) => [p.id, p.policies.map((a) => a.kind)]));
    expect(kinds).toEqual({
      'aws_iam_user.ann': ['group'],
      'aws_iam_group.ops': ['aws-managed'],
      'aws_iam_role.app': ['aws-managed'],
    });
  });
});

describe('policy attributes that are neither text nor absent', () => {
  // A number or boolean reaches the policy parser (an invalid-policy finding) instead of being skipped.
  const cases: [string, TestResource[], (input: ScanInput) => unknown, unknown][] = [
    [
      'a standalone policy',
      [{ address: 'aws_iam_policy.p', values: { name: 'p', path: '/', policy: 5 } }],
      (i) => i.policies[0]?.policy?.document,
      5,
    ],
    [
      'a role trust policy',
      [role('aws_iam_role.app', { assume_role_policy: true })],
      (i) => i.principals[0]?.trustPolicy?.document,
      true,
    ],
    [
      'an inline policy block',
      [role('aws_iam_role.app', { inline_policy: [{ name: 'x', policy: 7 }] }, { inline_policy: false })],
      (i) => i.principals[0]?.policies[0]?.policy?.document,
      7,
    ],
  ];
  it.each(cases)('%s is kept as its value', (_name, resources, documentIn, expected) => {
    expect(documentIn(scan(resources))).toBe(expected);
  });
});

describe('deposed objects', () => {
  it('the change of a deposed object (same address) does not stand for the current one', () => {
    const admin = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
    });
    const plan = buildPlan([
      { address: 'aws_iam_policy.p', values: { name: 'p', path: '/', policy: readLogs }, unknown: { arn: true } },
    ]);
    const deposed = {
      address: 'aws_iam_policy.p',
      mode: 'managed',
      type: 'aws_iam_policy',
      name: 'p',
      deposed: '00000001',
      change: { actions: ['delete'], before: { name: 'p', path: '/', policy: admin }, after: null },
    };
    const input = extractPlan('plan.json', {
      ...plan,
      resource_changes: [...(plan.resource_changes ?? []), deposed],
    } as typeof plan);
    expect(input.policies.map((p) => p.policy.document)).toEqual([readLogs]);
  });
});

describe('access given without a policy document: RAM shares and Lake Formation grants', () => {
  const region = {
    configuration: { provider_config: { aws: { expressions: { region: { constant_value: 'eu-west-1' } } } } },
  };
  const statementOf = (input: ScanInput, id: string): Record<string, unknown> | undefined => {
    const found = input.resources.find((r) => r.id === id);
    return found === undefined ? undefined : documentOf(found.policy).Statement[0];
  };
  const render = (value: unknown): unknown =>
    JSON.parse(JSON.stringify(value, (_, v: unknown) => (v instanceof SymbolicValue ? valueToString(v) : v)));
  const share: TestResource = {
    address: 'aws_ram_resource_share.tgw',
    values: { name: 'tgw', allow_external_principals: true },
    unknown: { arn: true, id: true },
  };
  const toShare = {
    resource_share_arn: { references: ['aws_ram_resource_share.tgw.arn', 'aws_ram_resource_share.tgw'] },
  };

  it.each([
    {
      behaviour: 'an account is its root, let into the share',
      principal: '777788889999',
      expected: { Principal: { AWS: 'arn:aws:iam::777788889999:root' } },
    },
    {
      behaviour: 'an organization is every principal within it',
      principal: 'arn:aws:organizations::111122223333:organization/o-a1b2c3d4e5',
      expected: { Principal: '*', Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } } },
    },
    {
      behaviour: 'an organizational unit is every principal under it',
      principal: 'arn:aws:organizations::111122223333:ou/o-a1b2c3d4e5/ou-ab12-34567890',
      expected: {
        Principal: '*',
        Condition: { 'ForAnyValue:StringLike': { 'aws:PrincipalOrgPaths': 'o-a1b2c3d4e5/*/ou-ab12-34567890/*' } },
      },
    },
    {
      behaviour: 'a role is itself',
      principal: 'arn:aws:iam::777788889999:role/network',
      expected: { Principal: { AWS: 'arn:aws:iam::777788889999:role/network' } },
    },
  ])('RAM principal association: $behaviour', ({ principal, expected }) => {
    const input = scan(
      [
        share,
        {
          address: 'aws_ram_principal_association.p',
          values: { principal },
          unknown: { id: true, resource_share_arn: true },
          expressions: { principal: { constant_value: principal }, ...toShare },
        },
      ],
      region,
    );
    expect(render(statementOf(input, 'aws_ram_principal_association.p'))).toEqual({
      Effect: 'Allow',
      ...expected,
      Action: 'ram:ListResourceSharePermissions',
      Resource: '${aws_ram_resource_share.tgw.arn}',
    });
  });

  it('RAM: a share with a service principal, and a principal only apply knows as an account', () => {
    const input = scan(
      [
        share,
        {
          address: 'aws_ram_principal_association.service',
          values: { principal: 'pca-connector-ad.amazonaws.com' },
          expressions: { principal: { constant_value: 'pca-connector-ad.amazonaws.com' }, ...toShare },
        },
        {
          address: 'aws_ram_principal_association.sandbox',
          values: {},
          unknown: { principal: true },
          expressions: {
            principal: { references: ['aws_organizations_account.sandbox.id', 'aws_organizations_account.sandbox'] },
            ...toShare,
          },
        },
      ],
      region,
    );
    expect(statementOf(input, 'aws_ram_principal_association.service')).toBeUndefined();
    expect(render(statementOf(input, 'aws_ram_principal_association.sandbox'))).toMatchObject({
      Principal: { AWS: 'arn:aws:iam::${aws_organizations_account.sandbox.id}:root' },
    });
  });

  it('RAM: the resources associated with the share are named beside it, not one the plan removes', () => {
    const association = (name: string, arn: string, actions?: string[]): TestResource => ({
      address: `aws_ram_resource_association.${name}`,
      values: { resource_arn: arn },
      ...(actions === undefined ? {} : { actions, before: { resource_arn: arn } }),
      unknown: { id: true, resource_share_arn: true },
      expressions: { resource_arn: { constant_value: arn }, ...toShare },
    });
    const kept = 'arn:aws:ec2:eu-west-1:111122223333:transit-gateway/tgw-0a1b2c3d4e5f67890';
    const input = scan(
      [
        share,
        association('kept', kept),
        association('gone', 'arn:aws:ec2:eu-west-1:111122223333:subnet/subnet-0a1b2c3d4e5f67890', ['delete']),
        {
          address: 'aws_ram_principal_association.p',
          values: { principal: '777788889999' },
          unknown: { id: true, resource_share_arn: true },
          expressions: { principal: { constant_value: '777788889999' }, ...toShare },
        },
      ],
      region,
    );
    expect(render(statementOf(input, 'aws_ram_principal_association.p'))).toMatchObject({
      Resource: ['${aws_ram_resource_share.tgw.arn}', kept],
    });
    const label = input.resources.find((r) => r.id === 'aws_ram_principal_association.p')?.label ?? '';
    expect(label).toContain('`aws_ram_resource_share.tgw`');
    expect(label).toContain(kept);
    expect(label).not.toContain('subnet');
    expect(label).toContain('under the default permission of each resource type');
  });

  it('RAM: the permissions a share names are named beside what it shares, a managed one by its name', () => {
    const kept = 'arn:aws:ec2:eu-west-1:111122223333:transit-gateway/tgw-0a1b2c3d4e5f67890';
    const labelWith = (permissions: unknown[]): string => {
      const input = scan(
        [
          { ...share, values: { ...share.values, permission_arns: permissions } },
          {
            address: 'aws_ram_resource_association.kept',
            values: { resource_arn: kept },
            unknown: { id: true, resource_share_arn: true },
            expressions: { resource_arn: { constant_value: kept }, ...toShare },
          },
          {
            address: 'aws_ram_principal_association.p',
            values: { principal: '777788889999' },
            unknown: { id: true, resource_share_arn: true },
            expressions: { principal: { constant_value: '777788889999' }, ...toShare },
          },
        ],
        region,
      );
      return input.resources.find((r) => r.id === 'aws_ram_principal_association.p')?.label ?? '';
    };
    expect(labelWith(['arn:aws:ram::aws:permission/AWSRAMDefaultPermissionTransitGateway'])).toContain(
      `sharing \`${kept}\` under permission \`AWSRAMDefaultPermissionTransitGateway\`, by`,
    );
    expect(
      labelWith([
        'arn:aws:ram::aws:permission/AWSRAMPermissionTransitGatewayReadOnly',
        'arn:aws:ram:eu-west-1:111122223333:permission/NetworkViewers',
      ]),
    ).toContain('under permissions `AWSRAMPermissionTransitGatewayReadOnly`, `NetworkViewers`, by');
  });

  const grant = (values: Record<string, unknown>): TestResource => ({
    address: 'aws_lakeformation_permissions.g',
    values: { catalog_resource: false, permissions_with_grant_option: [], ...values },
    unknown: { id: true },
  });
  it.each([
    {
      behaviour: '`ALL` on a database to an account: the Glue operations on a database',
      values: { principal: '777788889999', permissions: ['ALL'], database: [{ name: 'curated' }] },
      principal: { AWS: 'arn:aws:iam::777788889999:root' },
      resource: 'arn:aws:glue:eu-west-1:${the account of the AWS provider}:database/curated',
      includes: ['glue:GetDatabase', 'glue:UpdateDatabase', 'glue:DeleteDatabase', 'glue:CreateTable'],
    },
    {
      behaviour: '`SELECT` on every table of a database, with the grant option, to a role',
      values: {
        principal: 'arn:aws:iam::777788889999:role/reader',
        permissions: [],
        permissions_with_grant_option: ['SELECT'],
        table: [{ database_name: 'sales', wildcard: true }],
      },
      principal: { AWS: 'arn:aws:iam::777788889999:role/reader' },
      resource: 'arn:aws:glue:eu-west-1:${the account of the AWS provider}:table/sales/*',
      includes: ['glue:GetTable', 'glue:GetPartitions'],
    },
    {
      behaviour: '`IAM_ALLOWED_PRINCIPALS`: the IAM principals of the catalog account, as their policies allow',
      values: {
        principal: 'IAM_ALLOWED_PRINCIPALS',
        permissions: ['ALL'],
        database: [{ name: 'raw', catalog_id: '111122223333' }],
      },
      principal: { AWS: 'arn:aws:iam::111122223333:root' },
      resource: 'arn:aws:glue:eu-west-1:111122223333:database/raw',
      includes: ['glue:GetDatabase'],
    },
    {
      behaviour: '`DATA_LOCATION_ACCESS`: tables and databases of the catalog made over the location',
      values: {
        principal: '777788889999',
        permissions: ['DATA_LOCATION_ACCESS'],
        data_location: [{ arn: 'arn:aws:s3:::acme-curated' }],
      },
      principal: { AWS: 'arn:aws:iam::777788889999:root' },
      resource: 'arn:aws:glue:eu-west-1:${the account of the AWS provider}:catalog',
      includes: ['glue:CreateTable', 'glue:CreateDatabase'],
    },
  ])('Lake Formation: $behaviour', ({ values, principal, resource, includes }) => {
    const input = scan([grant(values)], {
      ...region,
      variables: {},
    });
    const statement = render(statementOf(input, 'aws_lakeformation_permissions.g')) as Record<string, unknown>;
    expect(statement['Principal']).toEqual(principal);
    expect(statement['Resource']).toBe(resource);
    expect(statement['Action']).toEqual(expect.arrayContaining(includes));
    // only the operations that act on the resource granted
    if (resource.endsWith(':catalog') || resource.includes(':table/'))
      expect(statement['Action']).not.toContain('glue:DeleteDatabase');
  });

  it.each([
    {
      behaviour: 'a portfolio shared with an account: that account may accept and see it',
      type: 'ACCOUNT',
      principal: '777788889999',
      expected: { Principal: { AWS: 'arn:aws:iam::777788889999:root' } },
    },
    {
      behaviour: 'a portfolio shared with an organization by its id: every principal within it',
      type: 'ORGANIZATION',
      principal: 'o-a1b2c3d4e5',
      expected: { Principal: '*', Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } } },
    },
  ])('Service Catalog: $behaviour', ({ type, principal, expected }) => {
    const input = scan(
      [
        {
          address: 'aws_servicecatalog_portfolio_share.s',
          values: { portfolio_id: 'port-abcdefgh12345', principal_id: principal, type },
        },
      ],
      region,
    );
    expect(render(statementOf(input, 'aws_servicecatalog_portfolio_share.s'))).toEqual({
      Effect: 'Allow',
      ...expected,
      Action: ['servicecatalog:AcceptPortfolioShare', 'servicecatalog:DescribePortfolio'],
      Resource: 'arn:aws:catalog:eu-west-1:${the account of the AWS provider}:portfolio/port-abcdefgh12345',
    });
  });

  it('a DB cluster snapshot shared with `all` may be restored and copied by everyone; one not configured is as last read', () => {
    const input = scan(
      [
        {
          address: 'aws_db_cluster_snapshot.public',
          values: { db_cluster_snapshot_identifier: 'final', shared_accounts: ['all'] },
          unknown: { db_cluster_snapshot_arn: true },
          expressions: { shared_accounts: { constant_value: ['all'] } },
        },
        {
          address: 'aws_db_cluster_snapshot.unconfigured',
          values: { db_cluster_snapshot_identifier: 'x', shared_accounts: ['777788889999'] },
        },
      ],
      region,
    );
    expect(statementOf(input, 'aws_db_cluster_snapshot.public')).toMatchObject({
      Principal: '*',
      Action: ['rds:RestoreDBClusterFromSnapshot', 'rds:CopyDBClusterSnapshot'],
    });
    expect(statementOf(input, 'aws_db_cluster_snapshot.unconfigured')).toBeUndefined();
  });

  it('OpenSearch Serverless data access: its principals may reach the collections (SAML users of the account left); a policy only apply knows stays unresolved', () => {
    const entry = (principals: string[]): string =>
      JSON.stringify([
        {
          Rules: [
            { ResourceType: 'index', Resource: ['index/kb/*'], Permission: ['aoss:ReadDocument'] },
            { ResourceType: 'dashboard', Resource: ['collection/kb'], Permission: ['aoss:*'] },
          ],
          Principal: principals,
        },
      ]);
    const input = scan(
      [
        {
          address: 'aws_opensearchserverless_access_policy.data',
          values: {
            type: 'data',
            policy: entry(['arn:aws:iam::777788889999:role/reader', '777788889999', 'saml/111122223333/idp/group/x']),
          },
        },
        {
          address: 'aws_opensearchserverless_access_policy.network',
          values: { type: 'network', policy: JSON.stringify([{ Rules: [], AllowFromPublic: true }]) },
        },
        {
          address: 'aws_opensearchserverless_access_policy.later',
          values: { type: 'data' },
          unknown: { policy: true },
          expressions: { policy: { references: ['aws_iam_role.kb.arn', 'aws_iam_role.kb'] } },
        },
      ],
      region,
    );
    expect(render(statementOf(input, 'aws_opensearchserverless_access_policy.data'))).toEqual({
      Effect: 'Allow',
      Principal: { AWS: ['arn:aws:iam::777788889999:role/reader', 'arn:aws:iam::777788889999:root'] },
      Action: ['aoss:APIAccessAll', 'aoss:DashboardsAccessAll'],
      Resource: [
        'arn:aws:aoss:eu-west-1:${the account of the AWS provider}:collection/*',
        'arn:aws:aoss:eu-west-1:${the account of the AWS provider}:dashboards/default',
      ],
    });
    expect(input.resources.map((r) => r.id)).not.toContain('aws_opensearchserverless_access_policy.network');
    // no JSON: kept as written, for the policy checks to report
    const broken = scan([
      { address: 'aws_opensearchserverless_access_policy.b', values: { type: 'data', policy: '[{' } },
    ]);
    expect(broken.resources.find((r) => r.id === 'aws_opensearchserverless_access_policy.b')?.policy?.document).toBe(
      '[{',
    );
    // JSON of no entry (a number): an input error saying what a data access policy is, as cdk-guard
    // says it; not read as a policy of no entries, nor as an IAM document
    const number = scan([
      { address: 'aws_opensearchserverless_access_policy.n', values: { type: 'data', policy: '42' } },
    ]);
    expect(
      number.resources.find((r) => r.id === 'aws_opensearchserverless_access_policy.n')?.policy?.unresolved,
    ).toEqual(expect.objectContaining({ inputError: true }));
    expect(number.errors).toEqual([
      {
        file: 'plan.json',
        pointer: '/resource_changes/0/change/after/policy',
        message:
          'resource `aws_opensearchserverless_access_policy.n`: `policy`: an OpenSearch Serverless data access policy must be a list of entries, each with `Rules` and `Principal`, found number `42`',
      },
    ]);
    // A list of no entry (`[42]`) grants nothing the rules could see: the same input error
    const list = scan([
      { address: 'aws_opensearchserverless_access_policy.l', values: { type: 'data', policy: '[42]' } },
    ]);
    expect(list.errors.map((e) => e.message)).toEqual([
      expect.stringMatching(/data access policy must be a list of entries, .*found number `42` as entry 1$/),
    ]);
    const later = input.resources.find((r) => r.id === 'aws_opensearchserverless_access_policy.later');
    expect(later?.policy?.document).toBeUndefined();
    expect(later?.policy?.unresolved).toBeDefined();
  });

  it('Lake Formation: a grant on an LF-tag itself gives no access to data; a tag policy reaches the databases or tables it selects', () => {
    const input = scan(
      [
        grant({
          principal: '777788889999',
          permissions: ['ASSOCIATE', 'DESCRIBE'],
          lf_tag: [{ key: 'domain', values: ['sales'] }],
        }),
        {
          ...grant({
            principal: '777788889999',
            permissions: ['DESCRIBE'],
            lf_tag_policy: [{ resource_type: 'DATABASE', expression: [{ key: 'domain', values: ['sales'] }] }],
          }),
          address: 'aws_lakeformation_permissions.by_tag',
        },
      ],
      region,
    );
    expect(statementOf(input, 'aws_lakeformation_permissions.g')).toBeUndefined();
    expect(render(statementOf(input, 'aws_lakeformation_permissions.by_tag'))).toMatchObject({
      Principal: { AWS: 'arn:aws:iam::777788889999:root' },
      Resource: 'arn:aws:glue:eu-west-1:${the account of the AWS provider}:database/*',
    });
  });

  it('a Redshift endpoint authorization lets the account create endpoints to the cluster', () => {
    const input = scan(
      [
        {
          address: 'aws_redshift_endpoint_authorization.partner',
          values: { account: '777788889999', cluster_identifier: 'analytics' },
          unknown: { id: true },
        },
        {
          address: 'aws_redshift_endpoint_authorization.short',
          values: { account: '77778888999', cluster_identifier: 'analytics' },
          unknown: { id: true },
        },
      ],
      region,
    );
    // An account one digit short is what the authorization names, for policy-validity to report.
    expect(render(statementOf(input, 'aws_redshift_endpoint_authorization.short'))).toMatchObject({
      Principal: { AWS: '77778888999' },
    });
    expect(render(statementOf(input, 'aws_redshift_endpoint_authorization.partner'))).toEqual({
      Effect: 'Allow',
      Principal: { AWS: 'arn:aws:iam::777788889999:root' },
      Action: 'redshift:CreateEndpointAccess',
      Resource: 'arn:aws:redshift:eu-west-1:${the account of the AWS provider}:cluster:analytics',
    });
  });

  it('an OpenSearch VPC endpoint authorization lets the account create endpoints to the domain', () => {
    const input = scan(
      [
        {
          address: 'aws_opensearch_authorize_vpc_endpoint_access.partner',
          values: { account: '777788889999', domain_name: 'search' },
          unknown: { id: true, authorized_principal: true },
        },
      ],
      region,
    );
    expect(render(statementOf(input, 'aws_opensearch_authorize_vpc_endpoint_access.partner'))).toEqual({
      Effect: 'Allow',
      Principal: { AWS: 'arn:aws:iam::777788889999:root' },
      Action: 'es:CreateVpcEndpoint',
      Resource: 'arn:aws:es:eu-west-1:${the account of the AWS provider}:domain/search',
    });
  });

  it('a directory shared with an account lets it accept the directory (the account in `target`)', () => {
    const input = scan(
      [
        {
          address: 'aws_directory_service_shared_directory.partner',
          values: {
            directory_id: 'd-1234567890',
            method: 'HANDSHAKE',
            target: [{ id: '777788889999', type: 'ACCOUNT' }],
          },
          unknown: { id: true, shared_directory_id: true },
        },
      ],
      region,
    );
    expect(render(statementOf(input, 'aws_directory_service_shared_directory.partner'))).toEqual({
      Effect: 'Allow',
      Principal: { AWS: 'arn:aws:iam::777788889999:root' },
      Action: 'ds:AcceptSharedDirectory',
      Resource: 'arn:aws:ds:eu-west-1:${the account of the AWS provider}:directory/d-1234567890',
    });
  });

  it('a datashare authorized for an account, or its Lake Formation Data Catalog, lets it associate its clusters; one for AWS Data Exchange (`ADX`) reaches accounts known once they subscribe', () => {
    const share = 'arn:aws:redshift:eu-west-1:111122223333:datashare:3072dae5-022b-4d45-9cd3-01f010aae4b2/sales';
    const input = scan(
      [
        {
          address: 'aws_redshift_data_share_authorization.partner',
          values: { consumer_identifier: '777788889999', data_share_arn: share, allow_writes: false },
          unknown: { id: true },
        },
        {
          address: 'aws_redshift_data_share_authorization.exchange',
          values: { consumer_identifier: 'ADX', data_share_arn: share, allow_writes: false },
          unknown: { id: true },
        },
        {
          address: 'aws_redshift_data_share_authorization.catalog',
          values: { consumer_identifier: 'DataCatalog/777788889999', data_share_arn: share, allow_writes: false },
          unknown: { id: true },
        },
      ],
      region,
    );
    expect(render(statementOf(input, 'aws_redshift_data_share_authorization.partner'))).toEqual({
      Effect: 'Allow',
      Principal: { AWS: 'arn:aws:iam::777788889999:root' },
      Action: 'redshift:AssociateDataShareConsumer',
      Resource: share,
    });
    expect(render(statementOf(input, 'aws_redshift_data_share_authorization.catalog'))).toEqual(
      render(statementOf(input, 'aws_redshift_data_share_authorization.partner')),
    );
    expect(render(statementOf(input, 'aws_redshift_data_share_authorization.exchange'))).toEqual({
      Effect: 'Allow',
      Principal: {
        AWS: 'arn:aws:iam::${the accounts that subscribe to the AWS Data Exchange products of the datashare}:root',
      },
      Action: 'redshift:AssociateDataShareConsumer',
      Resource: share,
    });
  });

  it('a License Manager grant lets its account, or the accounts of its organization, check out the license', () => {
    const license = 'arn:aws:license-manager::111122223333:license:l-0123456789abcdef0123456789abcdef';
    const input = scan(
      [
        {
          address: 'aws_licensemanager_grant.partner',
          values: { name: 'partner', principal: 'arn:aws:iam::777788889999:root', license_arn: license },
          unknown: { id: true, arn: true },
        },
        {
          address: 'aws_licensemanager_grant.org',
          values: {
            name: 'org',
            principal: 'arn:aws:organizations::111122223333:organization/o-a1b2c3d4e5',
            license_arn: license,
          },
          unknown: { id: true, arn: true },
        },
        { address: 'aws_organizations_organization.own', values: {}, unknown: { id: true, arn: true } },
        {
          address: 'aws_licensemanager_grant.own',
          values: { name: 'own', license_arn: license },
          unknown: { id: true, arn: true, principal: true },
          expressions: {
            principal: { references: ['aws_organizations_organization.own.arn', 'aws_organizations_organization.own'] },
          },
        },
      ],
      region,
    );
    // The organization the configuration creates, by its ARN: its principals, not an account.
    const own = statementOf(input, 'aws_licensemanager_grant.own');
    expect(own?.['Principal']).toBe('*');
    const orgId = (own?.['Condition'] as Record<string, Record<string, PolicyValue>>)['StringEquals']?.[
      'aws:PrincipalOrgID'
    ];
    expect(orgId instanceof SymbolicValue ? orgId.parts : orgId).toEqual([
      {
        id: 'aws_organizations_organization.own.id',
        source: 'aws_organizations_organization.own.id',
        ownOrganization: true,
      },
    ]);
    expect(render(statementOf(input, 'aws_licensemanager_grant.partner'))).toEqual({
      Effect: 'Allow',
      Principal: { AWS: 'arn:aws:iam::777788889999:root' },
      Action: 'license-manager:CheckoutLicense',
      Resource: license,
    });
    expect(render(statementOf(input, 'aws_licensemanager_grant.org'))).toMatchObject({
      Principal: '*',
      Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } },
    });
  });

  it('Lake Formation: a QuickSight user of the account is no cross-account grant: not read', () => {
    const input = scan([
      grant({
        principal: 'arn:aws:quicksight:eu-west-1:111122223333:user/default/analyst',
        permissions: ['SELECT'],
        table: [{ database_name: 'sales', name: 'orders' }],
      }),
    ]);
    expect(statementOf(input, 'aws_lakeformation_permissions.g')).toBeUndefined();
  });
});

describe('a managed policy nothing attaches', () => {
  it('is handed over with its ARN, by which a boundary condition may name it', () => {
    const known = scan([
      {
        address: 'aws_iam_policy.boundary',
        values: {
          name: 'app-boundary',
          path: '/',
          policy: readLogs,
          arn: 'arn:aws:iam::111122223333:policy/app-boundary',
        },
      },
    ]);
    expect(known.policies.map((p) => [p.policy.id, p.arn])).toEqual([
      ['aws_iam_policy.boundary', 'arn:aws:iam::111122223333:policy/app-boundary'],
    ]);
    const planned = scan([
      {
        address: 'aws_iam_policy.boundary',
        values: { name: 'app-boundary', path: '/', policy: readLogs },
        unknown: { arn: true },
      },
    ]);
    // Known after apply: the ARN the name makes in the provider's account.
    expect(planned.policies.map((p) => valueToString(p.arn ?? ''))).toEqual([
      expect.stringMatching(/^arn:aws:iam::.+:policy\/app-boundary$/),
    ]);
  });
});
