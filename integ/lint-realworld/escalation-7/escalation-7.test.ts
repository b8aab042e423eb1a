/**
 * `iamgate lint --type identity` on policies that let automation manage IAM principals: creating
 * users or roles under a path, writing their permissions and using them (an access key, a console
 * password, assuming the role, passing it to a function). Escalation through the principal the
 * caller creates is reported; the documented delegation (a pinned permissions boundary the caller
 * can neither remove nor rewrite) and an attach limited to harmless policies are not. Each document
 * is a minimal one of our own (see README.md beside this file); the accounts and the configuration
 * are those of `lint-realworld/`.
 */
import { describeLintFolders } from '../../lint-folders';
import type { Row } from '../../lint-folders';

const CREATED = 'privilege-escalation/iam-policy-modification /Statement/0';

const ROWS: readonly Row[] = [
  {
    file: 'identity/new-user-ci-path-key.json',
    behaviour: 'create users under `user/ci/*`, attach any policy to them, create their access keys',
    expected: [CREATED],
    mentions: ['create a user under `arn:aws:iam::111122223333:user/ci/*`', 'new-user-attach-key'],
  },
  {
    file: 'identity/new-user-inline-console.json',
    behaviour: 'create contractor users, write their inline policy and their console password',
    expected: [CREATED],
    mentions: ['iam:PutUserPolicy', 'iam:CreateLoginProfile', 'new-user-put-console'],
  },
  {
    file: 'identity/new-user-own-policy.json',
    behaviour: 'attach limited to `policy/bots/*`, which the caller may create itself',
    expected: [CREATED],
    mentions: ['new-user-attach-key'],
  },
  {
    file: 'identity/new-user-read-only-policy.json',
    behaviour: 'attach limited to `ReadOnlyAccess` by `iam:PolicyARN`',
    expected: [],
  },
  {
    file: 'identity/new-user-paths-disjoint.json',
    behaviour: 'users created under one path, written and keyed under another: no user has every step',
    expected: [],
  },
  {
    file: 'identity/new-user-denied-in-path.json',
    behaviour: 'user creation denied on every user',
    expected: [],
  },
  {
    file: 'identity/new-role-assume.json',
    behaviour: 'create `role/sandbox-*` roles, attach any policy, assume them',
    expected: [CREATED],
    mentions: ['create a role under', 'sts:AssumeRole', 'new-role-attach-assume'],
  },
  {
    file: 'identity/new-role-pass-to-function.json',
    behaviour: 'create function roles, write their inline policy, pass them to Lambda, create and invoke functions',
    expected: [CREATED],
    mentions: ['lambda:CreateFunction', 'new-role-put-lambda-001'],
  },
  {
    file: 'identity/new-role-function-deployer.json',
    behaviour:
      'a function deployer: roles and functions named `orders-api-*`, functions created on `*` and invoked by that prefix',
    expected: [CREATED],
    mentions: ['new-role-put-lambda-001'],
  },
  {
    file: 'identity/new-role-boundary-pinned.json',
    behaviour:
      'the documented delegation: roles created and written only with `iam:PermissionsBoundary` one boundary, which the caller may not rewrite or remove',
    expected: ['wildcard-resource/write-on-star /Statement/2'],
    notMentions: ['escalation path'],
  },
  {
    file: 'identity/new-role-boundary-by-deny.json',
    behaviour: 'the boundary pinned by a Deny with `StringNotEquals` `iam:PermissionsBoundary`',
    expected: ['wildcard-resource/write-on-star /Statement/1'],
    notMentions: ['escalation path'],
  },
  {
    file: 'identity/new-role-boundary-removable.json',
    behaviour: 'the boundary pinned, but `iam:DeleteRolePermissionsBoundary` allowed on the roles',
    expected: [CREATED],
    mentions: ['new-role-attach-assume'],
  },
  {
    file: 'identity/new-role-boundary-rewritable.json',
    behaviour: 'the boundary pinned, but `iam:CreatePolicyVersion` allowed on it',
    expected: [CREATED],
    mentions: ['new-role-put-assume'],
  },
  {
    file: 'identity/new-role-boundary-administrator.json',
    behaviour: 'the boundary required to be an AWS managed policy: `AdministratorAccess` is one',
    expected: [CREATED],
    mentions: ['new-role-attach-assume'],
  },
  {
    file: 'identity/new-role-boundary-if-exists.json',
    behaviour: '`StringEqualsIfExists` on the boundary: a role created without one passes',
    expected: [CREATED],
    mentions: ['new-role-put-assume'],
  },
];

describeLintFolders('iamgate lint on policies that let automation create IAM principals', {
  dir: 'integ/lint-realworld/escalation-7',
  config: 'integ/lint-realworld/lint-realworld.config.json',
  types: ['identity'],
  rows: ROWS,
});
