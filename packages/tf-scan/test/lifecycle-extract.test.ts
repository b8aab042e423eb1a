/**
 * Plans of an infrastructure that already exists: what a kept principal or resource holds after
 * apply, when the plan replaces, narrows, detaches or adds what it shows as last read.
 */
import { valueToString } from '@iamgate/core';
import type { AttachedPolicy, PrincipalInput, ScanInput } from '@iamgate/core';
import { extractPlan } from '../src/extract';
import { buildPlan } from './plan-builder';
import type { TestResource } from './plan-builder';

const ACCOUNT = '111122223333';
const ADMIN = 'arn:aws:iam::aws:policy/AdministratorAccess';
const READ_ONLY = 'arn:aws:iam::aws:policy/ReadOnlyAccess';
const doc = (action: string, resource = '*'): string =>
  JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: action, Resource: resource }] });
const trust = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
});
const ref = (address: string, attribute: string): unknown => ({
  references: [`${address}.${attribute}`, address],
});

/** An existing role as last read: its computed inline policies and managed ARNs, unconfigured. */
function keptRole(
  name: string,
  shows: { inline?: [string, string][]; managed?: string[]; boundary?: string } = {},
  change: { actions?: string[]; after?: Record<string, unknown>; expressions?: Record<string, unknown> } = {},
): TestResource {
  const values = {
    name,
    path: '/',
    arn: `arn:aws:iam::${ACCOUNT}:role/${name}`,
    assume_role_policy: trust,
    inline_policy: (shows.inline ?? []).map(([n, policy]) => ({ name: n, policy })),
    managed_policy_arns: shows.managed ?? [],
    permissions_boundary: shows.boundary ?? '',
  };
  return {
    address: `aws_iam_role.${name}`,
    values: { ...values, ...change.after },
    before: values,
    actions: change.actions ?? ['no-op'],
    unknown: {},
    expressions: change.expressions ?? { name: { constant_value: name } },
  };
}
function keptUser(name: string): TestResource {
  const values = { name, path: '/', arn: `arn:aws:iam::${ACCOUNT}:user/${name}` };
  return { address: `aws_iam_user.${name}`, values, before: values, actions: ['no-op'], unknown: {} };
}
function keptGroup(name: string): TestResource {
  const values = { name, path: '/', arn: `arn:aws:iam::${ACCOUNT}:group/${name}` };
  return { address: `aws_iam_group.${name}`, values, before: values, actions: ['no-op'], unknown: {} };
}
function kept(address: string, values: Record<string, unknown>): TestResource {
  return { address, values, before: values, actions: ['no-op'], unknown: {} };
}
function destroyed(address: string, before: Record<string, unknown>): TestResource {
  return { address, values: {}, before, actions: ['delete'], unknown: {} };
}
function managedPolicy(name: string, policy: string): Record<string, unknown> {
  return {
    name,
    path: '/',
    arn: `arn:aws:iam::${ACCOUNT}:policy/${name}`,
    policy,
    policy_id: 'ANPAX',
    attachment_count: 1,
  };
}

function scan(resources: TestResource[]): ScanInput {
  return extractPlan('plan.json', buildPlan(resources));
}
function principal(input: ScanInput, id: string): PrincipalInput | undefined {
  return input.principals.find((p) => p.id === id);
}
/** Each policy as `name-or-arn`, `+` when added by the plan, `~` when it has a before-version. */
function held(input: ScanInput, id: string): string[] {
  return (principal(input, id)?.policies ?? []).map(
    (p: AttachedPolicy) =>
      `${p.policy?.name ?? valueToString(p.arn ?? '')}${p.added === true ? ' +' : ''}${p.policy?.before ? ' ~' : ''}`,
  );
}

describe('a kept role holds what the plan leaves it, not what it showed', () => {
  it.each<[string, TestResource[], string, string[]]>([
    [
      'a role policy replaced under a new name: the old one, still shown, is gone',
      [
        keptRole('worker', { inline: [['worker-old', doc('s3:*')]] }),
        {
          address: 'aws_iam_role_policy.worker',
          values: { name: 'worker', role: 'worker', policy: doc('s3:GetObject') },
          before: { name: 'worker-old', role: 'worker', policy: doc('s3:*') },
          actions: ['delete', 'create'],
          unknown: { id: true },
        },
      ],
      'aws_iam_role.worker',
      ['aws_iam_role_policy.worker ~'],
    ],
    [
      'an attachment replaced (AdministratorAccess for ReadOnlyAccess): the administrator access is gone',
      [
        keptRole('ops', { managed: [ADMIN] }),
        {
          address: 'aws_iam_role_policy_attachment.ops',
          values: { role: 'ops', policy_arn: READ_ONLY },
          before: { role: 'ops', policy_arn: ADMIN },
          actions: ['delete', 'create'],
          unknown: { id: true },
        },
      ],
      'aws_iam_role.ops',
      [`${READ_ONLY} +`],
    ],
    [
      'a managed policy replaced with create_before_destroy: the same policy, changed, not an unknown old ARN',
      [
        keptRole('svc', { managed: [`arn:aws:iam::${ACCOUNT}:policy/shared`] }),
        {
          address: 'aws_iam_policy.shared',
          values: { name: 'shared-v2', path: '/', policy: doc('sqs:SendMessage') },
          before: managedPolicy('shared', doc('sqs:*')),
          actions: ['create', 'delete'],
          unknown: { arn: true, id: true, policy_id: true },
        },
        {
          address: 'aws_iam_role_policy_attachment.svc',
          values: { role: 'svc' },
          before: { role: 'svc', policy_arn: `arn:aws:iam::${ACCOUNT}:policy/shared` },
          actions: ['create', 'delete'],
          unknown: { id: true, policy_arn: true },
          expressions: { role: ref('aws_iam_role.svc', 'name'), policy_arn: ref('aws_iam_policy.shared', 'arn') },
        },
      ],
      'aws_iam_role.svc',
      ['aws_iam_policy.shared ~'],
    ],
    [
      'an exclusive aws_iam_policy_attachment updated to leave a role off: that role no longer holds it',
      [
        keptRole('b', { managed: [`arn:aws:iam::${ACCOUNT}:policy/readers`] }),
        kept('aws_iam_policy.readers', managedPolicy('readers', doc('sqs:ReceiveMessage'))),
        {
          address: 'aws_iam_policy_attachment.readers',
          values: {
            name: 'readers',
            roles: ['a'],
            users: [],
            groups: [],
            policy_arn: `arn:aws:iam::${ACCOUNT}:policy/readers`,
          },
          before: {
            name: 'readers',
            roles: ['a', 'b'],
            users: [],
            groups: [],
            policy_arn: `arn:aws:iam::${ACCOUNT}:policy/readers`,
          },
          actions: ['update'],
        },
      ],
      'aws_iam_role.b',
      [],
    ],
    [
      'aws_iam_role_policy_attachments_exclusive: the ARNs it leaves off are detached',
      [
        keptRole('svc', { managed: [ADMIN, READ_ONLY] }),
        {
          address: 'aws_iam_role_policy_attachments_exclusive.svc',
          values: { role_name: 'svc', policy_arns: [READ_ONLY] },
          expressions: { role_name: ref('aws_iam_role.svc', 'name') },
        },
      ],
      'aws_iam_role.svc',
      [READ_ONLY],
    ],
    [
      'aws_iam_role_policies_exclusive: the inline policies it leaves off are deleted',
      [
        keptRole('svc', {
          inline: [
            ['svc', doc('sqs:ReceiveMessage')],
            ['stray', doc('*')],
          ],
        }),
        {
          address: 'aws_iam_role_policies_exclusive.svc',
          values: { role_name: 'svc', policy_names: ['svc'] },
          expressions: { role_name: ref('aws_iam_role.svc', 'name') },
        },
      ],
      'aws_iam_role.svc',
      ['aws_iam_role.svc.inline_policy.svc'],
    ],
    [
      'aws_iam_role_policies_exclusive whose names are known only after apply drops nothing',
      [
        keptRole('svc', { inline: [['stray', doc('*')]] }),
        {
          address: 'aws_iam_role_policies_exclusive.svc',
          values: { role_name: 'svc' },
          unknown: { policy_names: true },
          expressions: { role_name: ref('aws_iam_role.svc', 'name') },
        },
      ],
      'aws_iam_role.svc',
      ['aws_iam_role.svc.inline_policy.stray'],
    ],
    [
      'a destroyed exclusive attachment detaches nothing (the provider leaves the policies)',
      [
        keptRole('svc', { managed: [ADMIN] }),
        destroyed('aws_iam_role_policy_attachments_exclusive.svc', { role_name: 'svc', policy_arns: [] }),
      ],
      'aws_iam_role.svc',
      [ADMIN],
    ],
    [
      'a role policy created under a name the role already shows (made outside Terraform): the one shown is its previous version',
      [
        keptRole('app', { inline: [['console', doc('s3:*')]] }),
        {
          address: 'aws_iam_role_policy.console',
          values: { name: 'console', role: 'app', policy: doc('s3:GetObject') },
        },
      ],
      'aws_iam_role.app',
      ['aws_iam_role_policy.console ~'],
    ],
    [
      'an inline policy created for a kept permission set is added',
      [
        kept('aws_ssoadmin_permission_set.ops', {
          name: 'ops',
          arn: 'arn:aws:sso:::permissionSet/ssoins-1/ps-1',
          instance_arn: 'arn:aws:sso:::instance/ssoins-1',
        }),
        {
          address: 'aws_ssoadmin_permission_set_inline_policy.ops',
          values: {
            permission_set_arn: 'arn:aws:sso:::permissionSet/ssoins-1/ps-1',
            inline_policy: doc('s3:GetObject'),
          },
          unknown: { id: true },
        },
      ],
      'aws_ssoadmin_permission_set.ops',
      ['aws_ssoadmin_permission_set_inline_policy.ops +'],
    ],
    [
      'a forgotten role policy (a `removed` block) is left in AWS: the role still holds it',
      [
        keptRole('kept', { inline: [['legacy', doc('*')]] }),
        {
          address: 'aws_iam_role_policy.kept',
          values: {},
          before: { role: 'kept', name: 'legacy' },
          actions: ['forget'],
        },
      ],
      'aws_iam_role.kept',
      ['aws_iam_role.kept.inline_policy.legacy'],
    ],
  ])('%s', (_name, resources, id, expected) => {
    expect(held(scan(resources), id)).toEqual(expected);
  });
});

describe('configured inline_policy blocks are compared by name', () => {
  const role = (blocks: [string, string][], before: [string, string][]): TestResource => {
    const values = {
      name: 'app',
      path: '/',
      arn: `arn:aws:iam::${ACCOUNT}:role/app`,
      assume_role_policy: trust,
      inline_policy: blocks.map(([name, policy]) => ({ name, policy })),
    };
    return {
      address: 'aws_iam_role.app',
      values,
      before: { ...values, inline_policy: before.map(([name, policy]) => ({ name, policy })) },
      actions: ['update'],
      unknown: {},
      expressions: { inline_policy: blocks.map(() => ({ name: {}, policy: {} })) },
    };
  };

  it.each<[string, [string, string][], [string, string][], string[]]>([
    [
      'blocks listed in another order are unchanged',
      [
        ['a', doc('s3:GetObject')],
        ['b', doc('sqs:SendMessage')],
      ],
      [
        ['b', doc('sqs:SendMessage')],
        ['a', doc('s3:GetObject')],
      ],
      ['aws_iam_role.app.inline_policy.a', 'aws_iam_role.app.inline_policy.b'],
    ],
    [
      'a new block is added, the changed one has its own previous version',
      [
        ['a', doc('s3:PutObject')],
        ['new', doc('kms:Decrypt')],
      ],
      [['a', doc('s3:GetObject')]],
      ['aws_iam_role.app.inline_policy.a ~', 'aws_iam_role.app.inline_policy.new +'],
    ],
  ])('%s', (_name, blocks, before, expected) => {
    expect(held(scan([role(blocks, before)]), 'aws_iam_role.app')).toEqual(expected);
  });

  it('an unchanged role (its `before` not kept by the reader) adds nothing', () => {
    const unchanged = { ...role([['a', doc('s3:GetObject')]], []), before: {}, actions: ['no-op'] };
    expect(held(scan([unchanged]), 'aws_iam_role.app')).toEqual(['aws_iam_role.app.inline_policy.a']);
  });

  it('the previous version of a changed block is its own', () => {
    const input = scan([
      role(
        [
          ['new', doc('kms:Decrypt')],
          ['a', doc('s3:PutObject')],
        ],
        [['a', doc('s3:GetObject')]],
      ),
    ]);
    const a = principal(input, 'aws_iam_role.app')?.policies.find((p) => p.policy?.name.endsWith('.a'));
    expect(a?.policy?.before?.document).toBe(doc('s3:GetObject'));
  });
});

describe('group memberships a plan adds bring the group policies as gains', () => {
  const admins = [
    keptGroup('admins'),
    kept('aws_iam_group_policy_attachment.admins', { group: 'admins', policy_arn: ADMIN }),
  ];
  it.each<[string, TestResource[], string, string[]]>([
    [
      'a kept user joins an existing group',
      [
        ...admins,
        keptUser('alice'),
        {
          address: 'aws_iam_user_group_membership.alice',
          values: { user: 'alice', groups: ['admins'] },
          unknown: { id: true },
        },
      ],
      'aws_iam_user.alice',
      [`${ADMIN} +`],
    ],
    [
      'a membership unchanged brings nothing new',
      [
        ...admins,
        keptUser('alice'),
        kept('aws_iam_user_group_membership.alice', { user: 'alice', groups: ['admins'] }),
      ],
      'aws_iam_user.alice',
      [ADMIN],
    ],
    [
      'a new user joining is no gain of a kept principal',
      [
        ...admins,
        { address: 'aws_iam_user.carol', values: { name: 'carol', path: '/' }, unknown: { arn: true } },
        { address: 'aws_iam_user_group_membership.carol', values: { user: 'carol', groups: ['admins'] } },
      ],
      'aws_iam_user.carol',
      [ADMIN],
    ],
    [
      'aws_iam_group_membership updated to add a user: only that user gains',
      [
        ...admins,
        keptUser('bob'),
        keptUser('dave'),
        {
          address: 'aws_iam_group_membership.admins',
          values: { name: 'admins', group: 'admins', users: ['bob', 'dave'] },
          before: { name: 'admins', group: 'admins', users: ['bob'] },
          actions: ['update'],
        },
      ],
      'aws_iam_user.dave',
      [`${ADMIN} +`],
    ],
    [
      'a new inline policy of a kept group is a gain of its members',
      [
        keptGroup('devs'),
        keptUser('bob'),
        kept('aws_iam_group_membership.devs', { name: 'devs', group: 'devs', users: ['bob'] }),
        { address: 'aws_iam_group_policy.devs', values: { group: 'devs', name: 'devs', policy: doc('iam:PassRole') } },
      ],
      'aws_iam_user.bob',
      ['aws_iam_group_policy.devs +'],
    ],
  ])('%s', (_name, resources, id, expected) => {
    expect(held(scan(resources), id)).toEqual(expected);
  });
});

describe('a boundary set on a kept role has a before-version: what it cuts is lost', () => {
  const boundaryDoc = doc('s3:GetObject');
  const boundaryArn = `arn:aws:iam::${ACCOUNT}:policy/boundary`;
  const oldArn = `arn:aws:iam::${ACCOUNT}:policy/old-boundary`;
  const policies = [
    kept('aws_iam_policy.boundary', managedPolicy('boundary', boundaryDoc)),
    kept('aws_iam_policy.old', managedPolicy('old-boundary', doc('s3:*'))),
  ];
  it('an unchanged role (its `before` not kept by the reader) has no before-version of its boundary', () => {
    const unchanged = { ...keptRole('app', { boundary: boundaryArn }), before: {} };
    const input = scan([...policies, unchanged]);
    expect(principal(input, 'aws_iam_role.app')?.permissionsBoundary?.policy?.before).toBeUndefined();
  });

  it.each<[string, string, unknown]>([
    ['a boundary added: before, nothing was cut (a boundary allowing everything)', '', 'unbounded'],
    ['a boundary swapped: before, the previous boundary', oldArn, doc('s3:*')],
    ['a boundary unchanged: no before-version', boundaryArn, undefined],
  ])('%s', (_name, previous, expected) => {
    const input = scan([
      ...policies,
      keptRole('app', { boundary: previous }, { actions: ['update'], after: { permissions_boundary: boundaryArn } }),
    ]);
    const boundary = principal(input, 'aws_iam_role.app')?.permissionsBoundary?.policy;
    expect(boundary?.document).toBe(boundaryDoc);
    const before = boundary?.before?.document;
    if (expected === 'unbounded')
      expect(before).toEqual({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] });
    else expect(before).toEqual(expected);
  });
});

describe('a resource policy a dedicated resource manages is not judged on its stale copy', () => {
  const keyId = '1234abcd-12ab-34cd-56ef-1234567890ab';
  const open = JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: '*', Action: 'kms:Decrypt', Resource: '*' }],
  });
  const scoped = doc('kms:Decrypt');
  const key = kept('aws_kms_key.data', {
    arn: `arn:aws:kms:eu-west-1:${ACCOUNT}:key/${keyId}`,
    key_id: keyId,
    id: keyId,
    policy: open,
  });
  const queueUrl = (name: string): string => `https://sqs.eu-west-1.amazonaws.com/${ACCOUNT}/${name}`;
  const queue = kept('aws_sqs_queue.old', {
    arn: `arn:aws:sqs:eu-west-1:${ACCOUNT}:old`,
    name: 'old',
    url: queueUrl('old'),
    id: queueUrl('old'),
    policy: open,
  });
  it.each<[string, TestResource[], string[]]>([
    [
      'a key policy whose key_id is given as text',
      [
        key,
        {
          address: 'aws_kms_key_policy.data',
          values: { key_id: keyId, policy: scoped },
          before: { key_id: keyId, policy: open },
          actions: ['update'],
        },
      ],
      ['aws_kms_key_policy.data'],
    ],
    [
      'a queue policy replaced onto another queue: the old queue loses it',
      [
        queue,
        {
          address: 'aws_sqs_queue_policy.q',
          values: { queue_url: queueUrl('new'), policy: scoped },
          before: { queue_url: queueUrl('old'), policy: open },
          actions: ['delete', 'create'],
        },
      ],
      ['aws_sqs_queue_policy.q'],
    ],
    ['a key without a dedicated policy resource keeps its own', [key], ['aws_kms_key.data']],
    [
      'a destroyed bucket policy of a bucket named like a queue leaves the queue its own',
      [queue, destroyed('aws_s3_bucket_policy.old', { bucket: 'old', policy: open })],
      ['aws_sqs_queue.old'],
    ],
    [
      'a destroyed domain policy naming its domain drops the domain’s copy',
      [
        kept('aws_opensearch_domain.search', {
          arn: `arn:aws:es:eu-west-1:${ACCOUNT}:domain/search`,
          domain_name: 'search',
          access_policies: open,
        }),
        destroyed('aws_opensearch_domain_policy.search', { domain_name: 'search', access_policies: open }),
      ],
      [],
    ],
  ])('%s', (_name, resources, expected) => {
    // A policy the plan destroys is kept apart, as removed (its document `null`): see below.
    const current = scan(resources).resources.filter((r) => r.policy.document !== null);
    expect(current.map((r) => r.id)).toEqual(expected);
  });

  it('a destroyed policy of a resource that stays is kept as removed: no document, what it granted as its before-version', () => {
    const removed = scan([queue, destroyed('aws_s3_bucket_policy.old', { bucket: 'old', policy: open })])
      .resources.filter((r) => r.policy.document === null)
      .map((r) => [r.id, r.arn, r.policy.before?.document]);
    expect(removed).toEqual([['aws_s3_bucket_policy.old', 'arn:aws:s3:::old', open]]);
  });
});
