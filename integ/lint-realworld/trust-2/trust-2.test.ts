/**
 * `iamgate lint --type trust` on the trust policies a real account holds beyond CI federation:
 * IAM Roles Anywhere, EKS Pod Identity and IRSA, service roles of Bedrock, Amazon Q, SageMaker,
 * Lambda@Edge, EventBridge and Step Functions, IAM Identity Center, and `Principal` `*` confined
 * by organization or account conditions. Each document is a minimal one of our own (see README.md
 * beside this file); the accounts and the configuration are those of `lint-realworld/`.
 */
import { describeLintFolders } from '../../lint-folders';
import type { Row } from '../../lint-folders';

const S0 = '/Statement/0';

const ROWS: readonly Row[] = [
  {
    file: 'trust/assume-root-in-trust.json',
    behaviour: '`sts:AssumeRoot` in a trust policy: its resource is a member account, not a role, so it lets no one in',
    expected: ['policy-validity/policy-warning /Statement/0/Action'],
    mentions: ['sts:AssumeRoot', 'cannot be granted by a role trust policy'],
  },
  // IAM Roles Anywhere: any certificate of any trust anchor of the account, unless a condition names one
  {
    file: 'trust/roles-anywhere-any-certificate.json',
    behaviour: 'IAM Roles Anywhere without condition: any certificate of any trust anchor of the account',
    expected: [`trust-policy/federation-conditions ${S0}`],
    mentions: ['IAM Roles Anywhere', 'aws:SourceArn', 'x509Subject'],
  },
  {
    file: 'trust/roles-anywhere-one-trust-anchor.json',
    behaviour: 'IAM Roles Anywhere for one trust anchor and one certificate subject',
    expected: [],
  },
  {
    file: 'trust/roles-anywhere-certificate-subject.json',
    behaviour:
      'IAM Roles Anywhere for certificates of one issuer and organizational unit, of any trust anchor: the CA of another anchor can sign the same names',
    expected: [`trust-policy/federation-conditions ${S0}`],
    mentions: ['without naming one trust anchor', 'aws:PrincipalTag/x509Subject/OU'],
  },
  {
    file: 'trust/roles-anywhere-own-account-only.json',
    behaviour: 'IAM Roles Anywhere confined by `aws:SourceAccount` only: every trust anchor of the account',
    expected: [`trust-policy/federation-conditions ${S0}`],
    mentions: ['any trust anchor of the account'],
  },
  {
    file: 'trust/roles-anywhere-every-trust-anchor.json',
    behaviour: 'IAM Roles Anywhere with `aws:SourceArn` on `trust-anchor/*`: names no trust anchor',
    expected: [`trust-policy/federation-conditions ${S0}`],
    mentions: ['naming one trust anchor'],
  },
  {
    file: 'trust/roles-anywhere-without-source-identity.json',
    behaviour:
      'IAM Roles Anywhere without `sts:SetSourceIdentity`: no session can be made, so no certificate is admitted',
    expected: ['policy-validity/policy-warning /Statement/0/Action'],
    mentions: ['sts:SetSourceIdentity'],
    notMentions: ['any certificate'],
  },
  // EKS
  {
    file: 'trust/eks-pod-identity.json',
    behaviour: 'EKS Pod Identity (`pods.eks.amazonaws.com`, AssumeRole and TagSession), as AWS documents it',
    expected: [],
  },
  {
    file: 'trust/irsa-service-accounts-of-one-namespace.json',
    behaviour: 'EKS IRSA for the service accounts of one namespace (`StringLike` `system:serviceaccount:payments:*`)',
    expected: [],
  },
  {
    file: 'trust/irsa-namespaces-by-prefix.json',
    behaviour: 'EKS IRSA for namespaces by prefix: a caution of oidc-weak-subject, a rule not in the recommended set',
    expected: [],
  },
  {
    file: 'trust/irsa-audience-only.json',
    behaviour: 'EKS IRSA with the audience only: every service account of the cluster',
    expected: [`trust-policy/oidc-missing-sub ${S0}`],
    mentions: [':sub'],
  },
  // service roles: a service assumes a role only when a principal of the role's own account passed
  // it (`iam:PassRole` passes no role of another account), so AWS's source conditions are advised,
  // not needed; a source condition naming another account hands the role to that account.
  {
    file: 'trust/bedrock-agent-of-own-account.json',
    behaviour: 'a Bedrock agent role confined to the agents of the own account',
    expected: [],
  },
  {
    file: 'trust/amazon-q-business-application.json',
    behaviour: 'an Amazon Q Business application role confined to one application',
    expected: [],
  },
  { file: 'trust/sagemaker-execution-role.json', behaviour: 'a SageMaker execution role', expected: [] },
  { file: 'trust/lambda-at-edge.json', behaviour: 'a Lambda@Edge function role (`edgelambda`)', expected: [] },
  {
    file: 'trust/scheduler-without-source.json',
    behaviour: 'EventBridge, Scheduler and Step Functions without source condition (passed by the own account only)',
    expected: [],
  },
  {
    file: 'trust/services-for-another-account.json',
    behaviour: 'SNS and CloudWatch Logs confined by `aws:SourceAccount` to an unknown account',
    expected: [`trust-policy/untrusted-account ${S0}`],
    mentions: ['`sns.amazonaws.com`, `logs.amazonaws.com`', 'resources of account `999988887777`'],
  },
  // IAM Identity Center
  {
    file: 'trust/identity-center-permission-set.json',
    behaviour:
      'the role of a permission set: its SAML provider, AssumeRoleWithSAML and TagSession, the sign-in audience',
    expected: [],
  },
  { file: 'trust/identity-center-service.json', behaviour: 'the role IAM Identity Center assumes', expected: [] },
  {
    file: 'trust/trusted-identity-propagation.json',
    behaviour: 'an application role that may set the identity context (`sts:SetContext`)',
    expected: [],
  },
  // Principal "*" confined by conditions
  {
    file: 'trust/any-principal-of-org-path.json',
    behaviour: '`Principal` `*` confined to one role name under an organizational unit of the organization',
    expected: [],
  },
  {
    file: 'trust/any-principal-of-trusted-account.json',
    behaviour: '`Principal` `*` confined to one role of a trusted account',
    expected: [],
  },
  {
    file: 'trust/any-principal-of-organization.json',
    behaviour: '`Principal` `*` confined only to the organization: every principal of every account of it',
    expected: [`trust-policy/account-root ${S0}`],
    mentions: ['o-a1b2c3d4e5'],
  },
  {
    file: 'trust/any-principal-of-unknown-account.json',
    behaviour:
      '`Principal` `*` confined by `aws:PrincipalAccount` to an unknown account: as `Principal` `999988887777`',
    expected: [
      `trust-policy/account-root ${S0}`,
      `trust-policy/cross-account-external-id ${S0}`,
      `trust-policy/untrusted-account ${S0}`,
    ],
    mentions: ['999988887777', 'sts:ExternalId'],
  },
  {
    file: 'trust/any-principal-of-other-organization.json',
    behaviour: '`Principal` `*` confined by `aws:PrincipalOrgID` to an unknown organization',
    expected: [`trust-policy/account-root ${S0}`, `trust-policy/untrusted-account ${S0}`],
    mentions: ['o-zz99yy88xx', 'not among the trusted organizations'],
  },
];

describeLintFolders('iamgate lint on the trust policies of a real account', {
  dir: 'integ/lint-realworld/trust-2',
  config: 'integ/lint-realworld/lint-realworld.config.json',
  types: ['trust'],
  rows: ROWS,
});
