/**
 * Escalation the path tables alone missed, on documents and templates of our own shaped after
 * those public projects publish (see README.md beside this file): tag-scoped (ABAC) grants the
 * principal can widen by setting the scoping tag, attaches whose `iam:PolicyARN` admits
 * `AdministratorAccess`, the service control policies of the configuration lifted, a user added
 * to an administrators group of the same template, a delegation pinned to a boundary the template
 * holds and that caps nothing, a role that may remove its own boundary. The documented ABAC and
 * delegation patterns are not reported.
 */
import { describeEscalationTemplates, describeLintFolders } from '../../lint-folders';
import type { Row, TemplateRow } from '../../lint-folders';

const DIR = 'integ/lint-realworld/escalation-8';
const CONFIG = `${DIR}/escalation-8.config.json`;
const MODIFY = 'privilege-escalation/iam-policy-modification';
const WRITE = 'wildcard-resource/write-on-star';

const ROWS: readonly Row[] = [
  {
    file: 'identity/abac-instances-any-retag.json',
    behaviour: 'instances of its own team, and any instance may be tagged',
    expected: [`${MODIFY} /Statement/1`, `${WRITE} /Statement/1`],
    mentions: ['tagged `team` = `${aws:PrincipalTag/team}`', '`ec2:CreateTags`', 'tag-scope-retag-resource'],
  },
  {
    file: 'identity/abac-instances-request-tag-only.json',
    behaviour:
      "the tag it sets is pinned to its own team, the instance tagged is not: another team's instance relabelled as its own (see escalation-9)",
    expected: [`${MODIFY} /Statement/1`],
    mentions: ['tag-scope-retag-resource'],
  },
  {
    file: 'identity/abac-instances-tag-on-launch.json',
    behaviour: 'tagging only while launching (`ec2:CreateAction`)',
    expected: [],
  },
  {
    file: 'identity/abac-secrets-own-project.json',
    behaviour: 'the IAM ABAC tutorial shape: tagging only secrets of its own project, with the keys listed',
    expected: [],
  },
  {
    file: 'identity/abac-secrets-literal-env.json',
    behaviour: 'secrets tagged `env` = `dev`, and any secret may be tagged',
    expected: [`${MODIFY} /Statement/1`, `${WRITE} /Statement/1`],
    mentions: ['tagged `env` = `dev`', '`secretsmanager:TagResource`'],
  },
  {
    file: 'identity/abac-tags-other-keys.json',
    behaviour: '`aws:TagKeys` keeps the scoping key out',
    expected: [`${WRITE} /Statement/1`],
    notMentions: ['escalation path'],
  },
  {
    file: 'identity/abac-tags-any-value-not-equals.json',
    behaviour: '`ForAnyValue:StringNotEquals` on `aws:TagKeys`: one other key lets the scoping key through',
    expected: [`${MODIFY} /Statement/1`, `${WRITE} /Statement/1`],
  },
  {
    file: 'identity/abac-role-retags-itself.json',
    behaviour: 'tables of its own team, and every role (itself too) may be retagged',
    expected: [`${MODIFY} /Statement/1`, `${WRITE} /Statement/1`],
    mentions: ['depends on its own tag `team`', '`iam:TagRole`', 'tag-scope-retag-self'],
  },
  {
    file: 'identity/abac-role-retags-itself-pinned.json',
    behaviour: 'roles retagged only with the team the caller has',
    expected: [],
  },
  {
    file: 'identity/attach-any-aws-managed.json',
    behaviour: 'attach limited by `iam:PolicyARN` to `arn:aws:iam::aws:policy/*`: `AdministratorAccess` is one',
    expected: [`${MODIFY} /Statement/0`],
    mentions: ['iam-009'],
  },
  {
    file: 'identity/attach-list-with-administrator.json',
    behaviour: 'attach limited to a list that names `AdministratorAccess`',
    expected: [`${MODIFY} /Statement/0`],
    mentions: ['iam-008'],
  },
  {
    file: 'identity/attach-own-named-policies.json',
    behaviour: 'attach limited to `policy/ci-*`, which the caller may create',
    expected: [`${MODIFY} /Statement/0`],
    mentions: ['iam-009'],
  },
  {
    file: 'identity/attach-lambda-basic-only.json',
    behaviour: 'attach limited to `AWSLambdaBasicExecutionRole`',
    expected: [],
  },
  {
    file: 'identity/scp-manager-every-policy.json',
    behaviour: 'an organization policy manager: update, detach, delete every SCP (`aws:PrincipalOrgID` scopes nothing)',
    expected: [`${MODIFY} /Statement/0`, `${WRITE} /Statement/0`],
    mentions: ['service control policies that limit it', '`organizations:DetachPolicy`', 'scp-lifted'],
  },
  {
    file: 'identity/scp-manager-tag-policies-only.json',
    behaviour: 'organization policies of type `TAG_POLICY` only',
    expected: [],
  },
  {
    file: 'identity/scp-budget-action-one-policy.json',
    behaviour: 'a budget action: attach and detach one SCP named by its id',
    expected: [],
  },
];

describeLintFolders('iamgate lint on escalation around tags, policy ARNs and guards', {
  dir: DIR,
  config: CONFIG,
  types: ['identity'],
  rows: ROWS,
});

// Principals of one template (a group, a boundary policy) that the lint of a lone document cannot see.
const TEMPLATES: readonly TemplateRow[] = [
  {
    file: 'templates/admin-group-membership.json',
    behaviour: 'a role may add users to the administrators group of the template (not to the auditors group)',
    expected: ['OnboardingRole iam-013 /Statement/0'],
  },
  {
    file: 'templates/delegation-boundary-caps-nothing.json',
    behaviour: 'roles created pinned to the developer boundary of the template, which allows `iam:*`',
    expected: ['DeveloperRole new-role-attach-assume /Statement/0'],
  },
  {
    file: 'templates/delegation-boundary-holds.json',
    behaviour: 'the same delegation with a boundary that denies rewriting or removing itself',
    expected: [],
  },
  {
    file: 'templates/own-boundary-removable.json',
    behaviour: 'a role whose boundary cuts EC2 out of its policy may remove that boundary from itself',
    expected: ['OpsRole own-boundary-lifted /Statement/1'],
  },
];

describeEscalationTemplates('cdk-guard on templates whose groups and boundaries escalation depends on', {
  dir: DIR,
  config: 'integ/lint-realworld/lint-realworld.config.json',
  rows: TEMPLATES,
});
