/**
 * What an SCP or RCP changes, and where: a resource control policy read as what it permits on
 * the resources of the accounts under it, the roots, OUs and accounts an SCP stays attached to,
 * is attached to or detached from, and a new version that is not a policy (invalid) told apart
 * from one known only after apply.
 */
import { runGuard } from '../../src/analysis/engine';
import type { OrganizationTarget, StandalonePolicyInput } from '../../src/analysis/input';
import type { PermissionChange } from '../../src/analysis/changes';
import { formatText } from '../../src/report/formatters/text';
import { input, role, source } from '../engine/helpers';

const doc = (...statements: unknown[]): unknown => ({ Version: '2012-10-17', Statement: statements });
const LEAVE = { Effect: 'Deny', Action: 'organizations:LeaveOrganization', Resource: '*' };
const CREATE_USER = { Effect: 'Deny', Action: 'iam:CreateUser', Resource: '*' };
const rcpDeny = (Action: string | string[]): unknown => ({ Effect: 'Deny', Principal: '*', Action, Resource: '*' });

const target = (id: string, to: string, change: OrganizationTarget['change']): OrganizationTarget => ({
  target: to,
  targetKind: to.startsWith('r-') ? 'root' : to.startsWith('ou-') ? 'ou' : 'account',
  id,
  location: { file: 'plan.json', address: id },
  change,
});

function organizationPolicy(
  type: 'scp' | 'rcp',
  before: unknown,
  after: unknown,
  targets: OrganizationTarget[] = [],
  extra: Parameters<typeof source>[2] = {},
): StandalonePolicyInput {
  return {
    policy: source('aws_organizations_policy.p', after, {
      ...(before === undefined ? {} : { before: { document: before } }),
      ...extra,
    }),
    type,
    ...(targets.length > 0 ? { targets } : {}),
  };
}

const changesOf = (...policies: StandalonePolicyInput[]): readonly PermissionChange[] =>
  runGuard(input({ policies })).changes ?? [];

const rows = (c: PermissionChange | undefined, side: 'gained' | 'lost'): string[] =>
  (c?.[side] ?? []).map((d) => `${d.action} ${d.resource} ${d.before}>${d.after}`);

describe('a resource control policy that changes', () => {
  // AWS: an RCP Deny refuses the request on the resources of every account under it, to any
  // caller; RCPFullAWSAccess stays attached beside it and permits the rest.
  it('a Deny widened to s3:PutBucketPolicy: no longer permits it', () => {
    const [change] = changesOf(
      organizationPolicy(
        'rcp',
        doc(rcpDeny('s3:DeleteBucket')),
        doc(rcpDeny(['s3:DeleteBucket', 's3:PutBucketPolicy'])),
      ),
    );
    expect([change?.kind, rows(change, 'gained'), rows(change, 'lost')]).toEqual([
      'rcp',
      [],
      ['s3:PutBucketPolicy * allowed>denied'],
    ]);
  });

  it('one of its Denies removed: newly permits what it refused', () => {
    const [change] = changesOf(
      organizationPolicy(
        'rcp',
        doc(rcpDeny('sts:AssumeRole'), rcpDeny('s3:DeleteBucket')),
        doc(rcpDeny('s3:DeleteBucket')),
      ),
    );
    expect(rows(change, 'gained')).toEqual(['sts:AssumeRole * denied>allowed']);
  });

  it('text says it of the resources of the member accounts, never the management account', () => {
    const before = doc(rcpDeny(['sts:AssumeRole', 's3:DeleteBucket']));
    const result = runGuard(input({ policies: [organizationPolicy('rcp', before, doc(rcpDeny('s3:DeleteBucket')))] }));
    const text = formatText(result, { color: false, toolVersion: '0.0.0' });
    expect(text).toContain('rcp `aws_organizations_policy.p`');
    expect(text).toContain('+ newly permits `sts:AssumeRole` on every resource of the member accounts it applies to');
  });

  it('an RCP unchanged and attached nowhere new: not listed', () => {
    expect(changesOf(organizationPolicy('rcp', undefined, doc(rcpDeny('s3:*'))))).toEqual([]);
  });
});

describe('where an SCP applies', () => {
  it('a document change names the targets it stays attached to, not those attached or detached', () => {
    const [change] = changesOf(
      organizationPolicy('scp', doc(LEAVE, CREATE_USER), doc(CREATE_USER), [
        target('aws_organizations_policy_attachment.workloads', 'ou-ab12-34567890', 'kept'),
        target('aws_organizations_policy_attachment.payments', '444455556666', 'added'),
        target('aws_organizations_policy_attachment.root', 'r-ab12', 'kept'),
        target('aws_organizations_policy_attachment.sandbox', 'ou-ab12-11111111', 'removed'),
      ]),
    );
    expect(change?.subject).toBe('aws_organizations_policy.p');
    expect(change?.targets).toEqual([
      { target: 'ou-ab12-34567890', targetKind: 'ou' },
      { target: 'r-ab12', targetKind: 'root' },
    ]);
    expect(rows(change, 'gained')).toEqual(['organizations:LeaveOrganization * denied>allowed']);
  });

  // AWS: FullAWSAccess stays attached to every root, OU and account; an SCP attached beside it
  // limits by its Denies, and detached the account gets back what they refused.
  it('attached to an account, the policy unchanged: the account no longer permits what it denies', () => {
    const changes = changesOf(
      organizationPolicy('scp', undefined, doc(LEAVE), [
        target('aws_organizations_policy_attachment.payments', '444455556666', 'added'),
      ]),
    );
    expect(changes.map((c) => [c.subject, c.targets, rows(c, 'gained'), rows(c, 'lost')])).toEqual([
      [
        'aws_organizations_policy_attachment.payments',
        [{ target: '444455556666', targetKind: 'account', change: 'attached' }],
        [],
        ['organizations:LeaveOrganization * allowed>denied'],
      ],
    ]);
  });

  it('detached from its only OU while the policy changes: the OU gets back what the old version denied', () => {
    const result = runGuard(
      input({
        policies: [
          organizationPolicy('scp', doc(LEAVE, CREATE_USER), doc(CREATE_USER), [
            target('aws_organizations_policy_attachment.sandbox', 'ou-ab12-11111111', 'removed'),
          ]),
        ],
      }),
    );
    expect((result.changes ?? []).map((c) => [c.subject, c.targets, rows(c, 'gained')])).toEqual([
      // Its document change applies nowhere the plan shows: said so, not left without a target.
      ['aws_organizations_policy.p', [], ['organizations:LeaveOrganization * denied>allowed']],
      [
        'aws_organizations_policy_attachment.sandbox',
        [{ target: 'ou-ab12-11111111', targetKind: 'ou', change: 'detached' }],
        ['iam:CreateUser * denied>allowed', 'organizations:LeaveOrganization * denied>allowed'],
      ],
    ]);
    const text = formatText(result, { color: false, toolVersion: '0.0.0' });
    expect(text).toContain('scp `aws_organizations_policy.p` attached nowhere in this plan  (');
  });

  it('changed and only newly attached: the document row names no target (the attachment row says where)', () => {
    const [change] = changesOf(
      organizationPolicy('scp', doc(LEAVE, CREATE_USER), doc(CREATE_USER), [
        target('aws_organizations_policy_attachment.payments', '444455556666', 'added'),
      ]),
    );
    expect([change?.subject, change?.targets]).toEqual(['aws_organizations_policy.p', undefined]);
  });

  it('attached to a target known only after apply: said in words, not as a name in backquotes', () => {
    const result = runGuard(
      input({
        policies: [
          organizationPolicy('scp', undefined, doc(CREATE_USER), [
            { ...target('aws_organizations_policy_attachment.a', '', 'added'), targetKind: 'unknown' },
            { ...target('aws_organizations_policy_attachment.d', 'data.x.id', 'added'), targetKind: 'unknown' },
          ]),
        ],
      }),
    );
    const text = formatText(result, { color: false, toolVersion: '0.0.0' });
    expect(text).toContain('scp `aws_organizations_policy_attachment.a` attached to a target known after apply  (');
    expect(text).toContain('scp `aws_organizations_policy_attachment.d` attached to `data.x.id`  (');
  });

  // An allow list attached beside FullAWSAccess permits nothing less: the level still permits all.
  it('an allow-list SCP attached beside FullAWSAccess: no effective change', () => {
    const [change] = changesOf(
      organizationPolicy('scp', undefined, doc({ Effect: 'Allow', Action: 's3:*', Resource: '*' }), [
        target('aws_organizations_policy_attachment.a', '444455556666', 'added'),
      ]),
    );
    expect([rows(change, 'gained'), rows(change, 'lost')]).toEqual([[], []]);
  });

  it('text names where: on, attached to, detached from', () => {
    const result = runGuard(
      input({
        policies: [
          organizationPolicy('scp', doc(LEAVE, CREATE_USER), doc(CREATE_USER), [
            target('aws_organizations_policy_attachment.w', 'ou-ab12-34567890', 'kept'),
            target('aws_organizations_policy_attachment.a', '444455556666', 'added'),
            target('aws_organizations_policy_attachment.s', 'ou-ab12-11111111', 'removed'),
          ]),
        ],
      }),
    );
    const text = formatText(result, { color: false, toolVersion: '0.0.0' });
    expect(text).toContain('scp `aws_organizations_policy.p` on OU `ou-ab12-34567890`');
    expect(text).toContain('scp `aws_organizations_policy_attachment.a` attached to account `444455556666`');
    expect(text).toContain('scp `aws_organizations_policy_attachment.s` detached from OU `ou-ab12-11111111`');
    // Attached to an account, the new version: it refuses creating users there.
    expect(text).toMatch(
      /attached to account `444455556666`.*\n {4}- no longer permits `iam:CreateUser` on every resource\n/,
    );
  });
});

describe('an SCP whose new version is not compared', () => {
  it('not JSON: invalid, pointing at the invalid-policy finding', () => {
    const result = runGuard(input({ policies: [organizationPolicy('scp', doc(LEAVE), '{"Statement": [')] }));
    expect(result.changes?.map((c) => [c.unresolved, c.invalid])).toEqual([
      [undefined, ['aws_organizations_policy.p']],
    ]);
    expect(result.findings.map((f) => f.ruleId)).toContain('policy-validity/invalid-policy');
    const text = formatText(result, { color: false, toolVersion: '0.0.0' });
    expect(text).toContain('`aws_organizations_policy.p` is not a valid policy');
    expect(text).not.toContain('unknown until apply');
  });

  it('known only after apply: unknown until apply', () => {
    const result = runGuard(
      input({
        policies: [
          organizationPolicy('scp', doc(LEAVE), undefined, [], {
            unresolved: { reason: 'known after apply', references: ['data.aws_iam_policy_document.p'] },
          }),
        ],
      }),
    );
    expect(result.changes?.map((c) => [c.unresolved, c.invalid])).toEqual([
      [['aws_organizations_policy.p'], undefined],
    ]);
    const text = formatText(result, { color: false, toolVersion: '0.0.0' });
    expect(text).toContain('`aws_organizations_policy.p` is unknown until apply: what it permits is not compared');
  });
});

describe('a grant on several resources under one condition', () => {
  const VPC = { StringEquals: { 'aws:SourceVpc': 'vpc-1' } };
  const TWO = ['arn:aws:s3:::a/*', 'arn:aws:s3:::b/*'];
  const textOf = (before: unknown, after: unknown): string =>
    formatText(
      runGuard(
        input({
          principals: [
            role('aws_iam_role.r', [source('aws_iam_role_policy.r', after, { before: { document: before } })]),
          ],
        }),
      ),
      { color: false, toolVersion: '0.0.0' },
    );

  // IAM: both buckets' objects were readable from anywhere, now from vpc-1 only: one change.
  it('a condition added to a statement naming two buckets: one line naming both', () => {
    const read = { Effect: 'Allow', Action: 's3:GetObject', Resource: TWO };
    const text = textOf(doc(read), doc({ ...read, Condition: VPC }));
    expect(text.split('\n').filter((l) => l.includes('s3:GetObject'))).toEqual([
      '    - loses `s3:GetObject` on `arn:aws:s3:::a/*`, `arn:aws:s3:::b/*` (now only under conditions)',
    ]);
  });

  it('two statements granting under the same condition: one line', () => {
    const text = textOf(
      doc({ Effect: 'Allow', Action: 's3:ListBucket', Resource: '*' }),
      doc(
        { Effect: 'Allow', Action: 's3:GetObject', Resource: TWO[0], Condition: VPC },
        { Effect: 'Allow', Action: 's3:GetObject', Resource: TWO, Condition: VPC },
      ),
    );
    expect(text.split('\n').filter((l) => l.includes('s3:GetObject'))).toEqual([
      '    + gains `s3:GetObject` on `arn:aws:s3:::a/*`, `arn:aws:s3:::b/*` (under conditions)',
    ]);
  });

  // IAM: a/* is readable from vpc-1, b/* with MFA: two different changes, not one.
  it('two statements under different conditions stay apart', () => {
    const MFA = { Bool: { 'aws:MultiFactorAuthPresent': 'true' } };
    const text = textOf(
      doc({ Effect: 'Allow', Action: 's3:ListBucket', Resource: '*' }),
      doc(
        { Effect: 'Allow', Action: 's3:GetObject', Resource: TWO[0], Condition: VPC },
        { Effect: 'Allow', Action: 's3:GetObject', Resource: TWO[1], Condition: MFA },
      ),
    );
    expect(text.split('\n').filter((l) => l.includes('s3:GetObject'))).toEqual([
      '    + gains `s3:GetObject` on `arn:aws:s3:::a/*` (under conditions)',
      '    + gains `s3:GetObject` on `arn:aws:s3:::b/*` (under conditions)',
    ]);
  });

  it('one statement naming twelve buckets: counted, three named', () => {
    const buckets = Array.from({ length: 12 }, (_, i) => `arn:aws:s3:::bucket-${String(i).padStart(2, '0')}/*`);
    const text = textOf(
      doc({ Effect: 'Allow', Action: 's3:ListBucket', Resource: '*' }),
      doc({ Effect: 'Allow', Action: 's3:GetObject', Resource: buckets }),
    );
    expect(text.split('\n').filter((l) => l.includes('s3:GetObject'))).toEqual([
      '    + gains `s3:GetObject` on 12 resources: `arn:aws:s3:::bucket-00/*`, `arn:aws:s3:::bucket-01/*`, `arn:aws:s3:::bucket-02/*` and 9 more',
    ]);
  });

  it('different qualifiers stay apart', () => {
    const text = textOf(
      doc({ Effect: 'Allow', Action: 's3:ListBucket', Resource: '*' }),
      doc(
        { Effect: 'Allow', Action: 's3:GetObject', Resource: TWO[0] },
        { Effect: 'Allow', Action: 's3:GetObject', Resource: TWO[1], Condition: VPC },
      ),
    );
    expect(text.split('\n').filter((l) => l.includes('s3:GetObject'))).toEqual([
      '    + gains `s3:GetObject` on `arn:aws:s3:::a/*`',
      '    + gains `s3:GetObject` on `arn:aws:s3:::b/*` (under conditions)',
    ]);
  });
});
