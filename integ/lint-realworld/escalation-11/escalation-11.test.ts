/**
 * What the tenth round left open, on templates of our own (see README.md beside this file): a
 * pattern of group names that reaches an administrators group of the template is that path alone
 * (the groups outside it may name cannot grant more); `iam:AddUserToGroup` in a role's policy stays a
 * path whether or not the role may make keys (whoever acts as the role adds their own user).
 */
import { describeEscalationTemplates } from '../../lint-folders';
import type { TemplateRow } from '../../lint-folders';

const DIR = 'integ/lint-realworld/escalation-11';
const CONFIG = 'integ/lint-realworld/lint-realworld.config.json';
const UNKNOWN = 'unverifiable/unknown-value';
const MODIFY = 'privilege-escalation/iam-policy-modification';
const ADMINS = 'admin-access/full-access PlatformAdmins /Statement/0';
const DIRECT = 'iam-user/direct-policy TeamLead ';

const TEMPLATES: readonly TemplateRow[] = [
  {
    file: 'templates/team-pattern-reaches-admins.json',
    behaviour: 'a user may add users to every `team-*` group, among them the administrators group of the template',
    expected: ['TeamLead iam-013 /Statement/0'],
    all: [ADMINS, `${MODIFY} TeamLead /Statement/0`, DIRECT],
  },
  {
    file: 'templates/team-pattern-admins-denied.json',
    behaviour: 'the same, with the administrators group denied: the groups outside the template are undecided',
    expected: [],
    all: [ADMINS, `${UNKNOWN} TeamLead /Statement/0`, DIRECT],
  },
  {
    file: 'templates/team-pattern-and-outside-group.json',
    behaviour: 'the pattern and the `Support` group the template does not hold, in one statement',
    expected: ['TeamLead iam-013 /Statement/0'],
    all: [ADMINS, `${MODIFY} TeamLead /Statement/0`, DIRECT],
  },
  {
    file: 'templates/onboarding-role-no-user.json',
    behaviour:
      'a build role may add users to the administrators group (one statement) and to `Support` (another), and makes no key: whoever steers the build puts their own user in the administrators group',
    expected: ['Onboarding iam-013 /Statement/0'],
    all: [ADMINS, `${MODIFY} Onboarding /Statement/0`, `${UNKNOWN} Onboarding /Statement/1`],
  },
  {
    file: 'templates/onboarding-role-every-group.json',
    behaviour: 'a build role may add users to every group, and makes no key',
    expected: ['Onboarding iam-013 /Statement/0'],
    all: ['wildcard-resource/write-on-star Onboarding /Statement/0', `${MODIFY} Onboarding /Statement/0`],
  },
  {
    file: 'templates/onboarding-role-with-keys.json',
    behaviour: 'a build role may add users to the administrators group and make keys for the users under `user/ci/`',
    expected: ['Onboarding iam-013 /Statement/0'],
    all: [ADMINS, `${MODIFY} Onboarding /Statement/0`],
  },
];

describeEscalationTemplates('cdk-guard on group patterns that reach administrators, and roles adding users', {
  dir: DIR,
  config: CONFIG,
  rows: TEMPLATES,
});
