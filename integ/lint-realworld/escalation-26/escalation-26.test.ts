/**
 * What the twenty-fifth round left open, on templates of our own (see README.md beside this file):
 * a Deny on the requested Region is read with the Region IAM is asked in (`us-east-1`), and left
 * aside for a service whose Region the caller picks.
 */
import { describeEscalationTemplates } from '../../lint-folders';
import type { TemplateRow } from '../../lint-folders';

const DIR = 'integ/lint-realworld/escalation-26';
const CONFIG = 'integ/lint-realworld/lint-realworld.config.json';
const MODIFY = 'privilege-escalation/iam-policy-modification';
const RUN_AS = 'privilege-escalation/run-as-existing-role';

const TEMPLATES: readonly TemplateRow[] = [
  {
    file: 'templates/region-deny-blocks-iam.json',
    behaviour:
      'a role may create policy versions, and is denied `iam:*` outside `eu-west-1`: IAM is asked in `us-east-1`',
    expected: [],
    all: [],
  },
  {
    file: 'templates/region-deny-exempts-iam.json',
    behaviour: 'the same, the region Deny exempting IAM, STS and Organizations by `NotAction`',
    expected: ['Deployer iam-001 /Statement/0'],
    all: [`${MODIFY} Deployer /Statement/0`],
  },
  {
    file: 'templates/region-deny-lambda-code.json',
    behaviour: "a role may update any function's code, denied everything outside `eu-west-1`: Lambda answers there too",
    expected: ['Deployer lambda-003 /Statement/0'],
    all: [`${RUN_AS} Deployer /Statement/0`],
  },
];

describeEscalationTemplates(
  'cdk-guard on escalation paths read with the requested Region, and chains through SAML and instance profiles',
  {
    dir: DIR,
    config: CONFIG,
    rows: TEMPLATES,
  },
);
