/**
 * What the twenty-fifth round left open, on templates of our own (see README.md beside this file):
 * a Deny on the requested Region is read with the Region IAM is asked in (`us-east-1`, `cn-north-1`
 * or `us-gov-west-1` by partition), and left aside for a service whose Region the caller picks (and
 * for `iam:PassRole`, checked in the Region of the service the role is passed to); a role that reaches an administrator only by
 * rewriting a SAML provider is a step of a chain for whoever may assume it.
 */
import { describeEscalationTemplates } from '../../lint-folders';
import type { TemplateRow } from '../../lint-folders';

const DIR = 'integ/lint-realworld/escalation-26';
const CONFIG = 'integ/lint-realworld/lint-realworld.config.json';
const MODIFY = 'privilege-escalation/iam-policy-modification';
const RUN_AS = 'privilege-escalation/run-as-existing-role';
const ROOT_TRUST = 'trust-policy/account-root';

const TEMPLATES: readonly TemplateRow[] = [
  {
    file: 'templates/region-deny-blocks-iam.json',
    behaviour:
      'a role may create policy versions, and is denied `iam:*` outside `eu-west-1`: IAM is asked in `us-east-1`',
    expected: [],
    all: [],
  },
  {
    file: 'templates/region-deny-passrole.json',
    behaviour:
      'a role may pass any role to a function it creates, denied `iam:*` outside `eu-west-1`: `iam:PassRole` is checked in the Region of Lambda, which the caller picks',
    expected: ['Deployer pass-role-wildcard /Statement/0', 'Deployer lambda-001 /Statement/0'],
    all: [
      'admin-access/full-access Admin /Statement/0',
      'privilege-escalation/pass-role-to-service Deployer /Statement/0',
      'privilege-escalation/pass-role-wildcard Deployer /Statement/0',
    ],
  },
  {
    file: 'templates/region-deny-aws-cn.json',
    behaviour:
      'in aws-cn, a role may create policy versions, and is denied `iam:*` outside the China Regions: IAM is asked in `cn-north-1`',
    expected: ['Deployer iam-001 /Statement/0'],
    all: [`${MODIFY} Deployer /Statement/0`],
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
  {
    file: 'templates/saml-chain.json',
    behaviour:
      'a role may assume `identity-ops`, which may rewrite the SAML provider the administrator role `sso-admin` trusts',
    expected: ['IdentityOps iam-update-saml-provider /Statement/0', 'Support sts-001 /Statement/0'],
    all: [
      `${MODIFY} IdentityOps /Statement/0`,
      'admin-access/full-access SsoAdmin /Statement/0',
      `${ROOT_TRUST} IdentityOps /Statement/0`,
      'privilege-escalation/assume-any-role Support /Statement/0',
      `${ROOT_TRUST} Support /Statement/0`,
    ],
  },
  {
    file: 'templates/saml-provider-parameter.json',
    behaviour:
      'a role may rewrite the `okta` provider, and the administrator role trusts the provider a stack parameter names',
    expected: [],
    all: [
      'admin-access/full-access SsoAdmin /Statement/0',
      `${ROOT_TRUST} IdentityOps /Statement/0`,
      'unverifiable/unknown-value IdentityOps /Statement/0',
    ],
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
