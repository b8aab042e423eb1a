/**
 * Escalation paths the last round left open, on documents and templates of our own (see README.md
 * beside this file): tagging any resource with the caller's own team (`aws:RequestTag/team` =
 * `${aws:PrincipalTag/team}` without `aws:ResourceTag/team` pinned too) relabels another team's
 * resource as its own; an attach on one named role under an `iam:PolicyARN` condition that admits
 * `AdministratorAccess`, then assuming the role or passing it to a function the caller creates.
 * A delegation pinned to a boundary the template holds only as a managed policy of its own is
 * judged by that policy's text. A user the caller creates and adds to an administrators group of
 * the template is `iam-013` toward that group. The pinned tagging of AWS's ABAC tutorial, an attach
 * of a harmless policy and a boundary that holds are not reported.
 */
import { describeEscalationTemplates, describeLintFolders } from '../../lint-folders';
import type { Row, TemplateRow } from '../../lint-folders';

const DIR = 'integ/lint-realworld/escalation-9';
const CONFIG = 'integ/lint-realworld/lint-realworld.config.json';
const MODIFY = 'privilege-escalation/iam-policy-modification';

const ROWS: readonly Row[] = [
  {
    file: 'identity/abac-secrets-tag-any-secret-own-value.json',
    behaviour: 'secrets of its own team, and any secret may be tagged with its own team',
    expected: [`${MODIFY} /Statement/1`],
    mentions: [
      'tagged `team` = `${aws:PrincipalTag/team}`',
      '`secretsmanager:TagResource`',
      'tag-scope-retag-resource',
    ],
  },
  {
    file: 'identity/abac-instances-label-any-own-value-keys-listed.json',
    behaviour: 'instances of its own team, any instance labelled with its own team (`aws:TagKeys` lists `team`)',
    expected: [`${MODIFY} /Statement/1`],
    mentions: ['`ec2:CreateTags`'],
  },
  {
    file: 'identity/abac-secrets-tag-own-secrets-only.json',
    behaviour: 'tagging only secrets already of its own team (the IAM ABAC tutorial pins the resource tag)',
    expected: [],
  },
];

describeLintFolders('iamgate lint on the tag scopes the last round left open', {
  dir: DIR,
  config: CONFIG,
  types: ['identity'],
  rows: ROWS,
});

const TEMPLATES: readonly TemplateRow[] = [
  {
    file: 'templates/attach-any-aws-managed-then-assume.json',
    behaviour:
      'attach on role `worker` limited to `arn:aws:iam::aws:policy/*` (AdministratorAccess is one), then assume it',
    expected: ['DeployerRole iam-014 /Statement/0'],
  },
  {
    file: 'templates/attach-administrator-then-pass-to-function.json',
    behaviour:
      'attach `AdministratorAccess` on role `worker`, then pass it to a function the caller creates and invokes',
    expected: ['DeployerRole role-attach-lambda-001 /Statement/0'],
  },
  {
    file: 'templates/attach-read-only-then-assume.json',
    behaviour: 'attach on role `worker` limited to `ReadOnlyAccess`, then assume it',
    expected: [],
  },
  {
    file: 'templates/delegation-standalone-boundary-caps-nothing.json',
    behaviour:
      'roles created pinned to `policy/app-boundary`, a managed policy of the template nothing attaches, which allows `iam:*`',
    expected: ['DeveloperRole new-role-attach-assume /Statement/0'],
  },
  {
    file: 'templates/delegation-standalone-boundary-holds.json',
    behaviour: 'the same delegation with a boundary that caps IAM and denies rewriting or removing itself',
    expected: [],
  },
  {
    file: 'templates/created-user-admin-group.json',
    behaviour:
      'users created under `user/ci/*` with their access keys, and added to the `Admins` group of the template',
    expected: ['Provisioner iam-013 /Statement/1'],
  },
  {
    file: 'templates/attach-read-only-then-pass-to-function.json',
    behaviour: 'attach on role `worker` limited to `ReadOnlyAccess`, then pass it to a function',
    expected: [],
  },
];

describeEscalationTemplates('cdk-guard on templates whose named roles, groups and boundaries escalation depends on', {
  dir: DIR,
  config: CONFIG,
  rows: TEMPLATES,
});
