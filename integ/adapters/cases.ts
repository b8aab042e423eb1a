/**
 * The policies the equivalence test writes in every form: identity policies that each trigger
 * other rules, two clean least-privilege ones, and trust policies, taken from the lint fixtures
 * (integ/lint-idioms, integ/lint-realworld, examples/policies).
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { getManagedPolicy } from '@iamgate/core';

/** A policy document as JSON holds it. */
export interface PolicyDocument {
  readonly Version?: string;
  readonly Statement: readonly Record<string, unknown>[];
}

/** One policy of the test and the rule a scan of its reference form must report (none when clean). */
export interface Case {
  /** Short, unique, `[a-z0-9-]`: names the principals built for it. */
  readonly id: string;
  readonly kind: 'identity' | 'trust' | 'managed' | 'symbolic' | 'bounded';
  /** The policy (for an AWS managed policy, its document in the core catalog). */
  readonly document: PolicyDocument;
  /** An AWS managed policy: its name with its path (`service-role/AWSLambdaBasicExecutionRole`). */
  readonly managed?: string;
  /** A rule the reference form must report, so that an empty comparison cannot pass unnoticed. */
  readonly expects: string | undefined;
}

const ROOT = path.join(__dirname, '../..');

const SOURCES: readonly {
  readonly id: string;
  readonly kind: Case['kind'];
  readonly file: string;
  readonly expects?: string;
}[] = [
  { id: 'admin', kind: 'identity', file: 'examples/policies/admin.json', expects: 'admin-access/full-access' },
  {
    id: 'ci-deployer',
    kind: 'identity',
    file: 'examples/policies/ci-deployer.json',
    expects: 'privilege-escalation/pass-role-to-service',
  },
  {
    id: 'pass-role-star',
    kind: 'identity',
    file: 'integ/lint-idioms/identity/risk-pass-role-star.json',
    expects: 'privilege-escalation/pass-role-wildcard',
  },
  {
    id: 'pass-role-typo',
    kind: 'identity',
    file: 'integ/lint-realworld/identity/ci-pass-any-role-typo.json',
    expects: 'policy-validity/unknown-action',
  },
  {
    id: 'not-action-allow',
    kind: 'identity',
    file: 'integ/lint-idioms/identity/risk-not-action-allow.json',
    expects: 'admin-access/not-action-allow',
  },
  {
    id: 's3-star',
    kind: 'identity',
    file: 'integ/lint-idioms/identity/risk-s3-star-on-star.json',
    expects: 'wildcard-action/service-wildcard',
  },
  {
    id: 'create-role',
    kind: 'identity',
    file: 'integ/lint-idioms/identity/risk-create-role-without-boundary.json',
    expects: 'privilege-escalation/iam-policy-modification',
  },
  {
    id: 'own-user-policies',
    kind: 'identity',
    file: 'integ/lint-idioms/identity/risk-manage-own-user-policies.json',
    expects: 'privilege-escalation/iam-policy-modification',
  },
  {
    id: 'ram-share',
    kind: 'identity',
    file: 'integ/lint-idioms/identity/risk-ram-share-with-anyone.json',
    expects: 'resource-exposure/policy-change',
  },
  {
    id: 'region-not-equals',
    kind: 'identity',
    file: 'integ/lint-idioms/identity/risk-region-allow-string-not-equals.json',
    expects: 'admin-access/full-access',
  },
  {
    id: 'abac-key',
    kind: 'identity',
    file: 'integ/lint-idioms/identity/risk-abac-misspelt-key.json',
    expects: 'policy-validity/unknown-condition-key',
  },
  {
    id: 'abac-variable',
    kind: 'identity',
    file: 'integ/lint-idioms/identity/risk-abac-misspelt-variable.json',
    expects: 'policy-validity/policy-variable',
  },
  {
    id: 'dynamodb-every-table',
    kind: 'identity',
    file: 'integ/lint-idioms/identity/risk-dynamodb-read-every-table.json',
    expects: 'data-exfiltration/unscoped-read',
  },
  {
    id: 'mfa-bool',
    kind: 'identity',
    file: 'integ/lint-idioms/identity/risk-mfa-deny-with-bool.json',
    expects: 'policy-validity/mfa-condition',
  },
  {
    id: 'autoscaler',
    kind: 'identity',
    file: 'integ/lint-realworld/identity/autoscaler-unscoped.json',
    expects: 'wildcard-resource/write-on-star',
  },
  // clean: least privilege, and condition values JSON writes as numbers and booleans
  { id: 's3-read-one', kind: 'identity', file: 'integ/lint-idioms/identity/s3-read-one-bucket.json' },
  { id: 'table-read', kind: 'identity', file: 'integ/lint-idioms/identity/dynamodb-table-read-only.json' },
  { id: 'unquoted', kind: 'identity', file: 'integ/lint-realworld/identity/numbers-and-booleans-unquoted.json' },
  // trust policies
  {
    id: 'oidc-no-sub',
    kind: 'trust',
    file: 'integ/lint-idioms/trust/risk-github-oidc-no-sub.json',
    expects: 'trust-policy/oidc-missing-sub',
  },
  {
    id: 'oidc-org-wildcard',
    kind: 'trust',
    file: 'integ/lint-idioms/trust/risk-github-oidc-org-wildcard.json',
    expects: 'trust-policy/oidc-broad-subject',
  },
  {
    id: 'no-external-id',
    kind: 'trust',
    file: 'integ/lint-idioms/trust/risk-cross-account-no-external-id.json',
    expects: 'trust-policy/cross-account-external-id',
  },
  {
    id: 'any-principal',
    kind: 'trust',
    file: 'integ/lint-idioms/trust/risk-any-principal.json',
    expects: 'resource-exposure/public-principal',
  },
  {
    id: 'irsa-every-namespace',
    kind: 'trust',
    file: 'integ/lint-realworld/trust/irsa-every-namespace.json',
    expects: 'trust-policy/oidc-broad-subject',
  },
  {
    id: 'cognito-no-amr',
    kind: 'trust',
    file: 'integ/lint-realworld/trust/cognito-pool-without-amr.json',
    expects: 'trust-policy/federation-conditions',
  },
  { id: 'github-pinned', kind: 'trust', file: 'integ/lint-idioms/trust/github-oidc-pinned.json' },
  // clean: a role of the own account; a partner account with an external id
  { id: 'same-account', kind: 'trust', file: 'integ/lint-idioms/trust/same-account-role.json' },
  { id: 'partner-external-id', kind: 'trust', file: 'integ/lint-idioms/trust/cross-account-external-id.json' },
  { id: 'lambda', kind: 'trust', file: 'integ/lint-idioms/trust/lambda.json' },
];

/** AWS managed policies attached by ARN, and the rule each must get. */
const MANAGED: readonly { readonly id: string; readonly name: string; readonly expects?: string }[] = [
  { id: 'aws-admin', name: 'AdministratorAccess', expects: 'admin-access/full-access' },
  { id: 'aws-power-user', name: 'PowerUserAccess', expects: 'admin-access/not-action-allow' },
  { id: 'aws-iam-full', name: 'IAMFullAccess', expects: 'privilege-escalation/pass-role-wildcard' },
  { id: 'aws-s3-read', name: 'AmazonS3ReadOnlyAccess', expects: 'data-exfiltration/unscoped-read' },
  { id: 'aws-read-only', name: 'ReadOnlyAccess', expects: 'data-exfiltration/unscoped-read' },
  // clean: a Lambda function's own logs (`logs:CreateLogGroup` on `*` is not reported on execution roles)
  { id: 'aws-lambda-basic', name: 'service-role/AWSLambdaBasicExecutionRole' },
];

/**
 * Policies on resources created beside them, whose ARNs are known only after apply: `@BUCKET@`,
 * `@TABLE@`, `@QUEUE@` stand for the ARN of a bucket, a table and a queue of the same
 * configuration, `@ROLE@` for the ARN of the role itself. Each form writes them as references.
 */
const SYMBOLIC: readonly { readonly id: string; readonly document: PolicyDocument; readonly expects?: string }[] = [
  {
    id: 'sym-bucket-objects',
    document: {
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: '@BUCKET@/*' },
        { Effect: 'Allow', Action: 's3:ListBucket', Resource: '@BUCKET@' },
      ],
    },
  },
  {
    id: 'sym-table',
    document: {
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Action: ['dynamodb:GetItem', 'dynamodb:Query'], Resource: ['@TABLE@', '@TABLE@/index/*'] },
      ],
    },
  },
  {
    id: 'sym-pass-self',
    document: {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Action: 'iam:PassRole',
          Resource: '@ROLE@',
          Condition: { StringEquals: { 'iam:PassedToService': 'lambda.amazonaws.com' } },
        },
      ],
    },
  },
  {
    id: 'sym-bucket-star',
    document: {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: ['@BUCKET@', '@BUCKET@/*'] }],
    },
    expects: 'wildcard-action/service-wildcard',
  },
  {
    id: 'sym-queue-pass-any',
    document: {
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Action: 'sqs:SendMessage', Resource: '@QUEUE@' },
        { Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' },
      ],
    },
    expects: 'privilege-escalation/pass-role-wildcard',
  },
];

/** Identity policies of roles under the permissions boundary BOUNDARY, and the rule each must keep. */
const BOUNDED: readonly { readonly id: string; readonly file: string; readonly expects?: string }[] = [
  { id: 'bounded-admin', file: 'examples/policies/admin.json', expects: 'admin-access/full-access' },
  // clean: the boundary allows no iam:PassRole
  { id: 'bounded-pass-role-star', file: 'integ/lint-idioms/identity/risk-pass-role-star.json' },
  {
    id: 'bounded-ci-deployer',
    file: 'examples/policies/ci-deployer.json',
    expects: 'wildcard-action/service-wildcard',
  },
  {
    id: 'bounded-s3-star',
    file: 'integ/lint-idioms/identity/risk-s3-star-on-star.json',
    expects: 'data-exfiltration/unscoped-read',
  },
];

/**
 * The permissions boundary of the bounded cases: the developer boundary of the lint fixtures
 * without its `iam:PassRole` statement, so that it caps every IAM action that grants more.
 */
export const BOUNDARY: PolicyDocument = ((doc) => ({
  ...doc,
  Statement: doc.Statement.filter((s) => s['Sid'] !== 'PassOnlyAppRoles'),
}))(read('integ/lint-idioms/boundary/developer-boundary.json'));

function read(file: string): PolicyDocument {
  return JSON.parse(readFileSync(path.join(ROOT, file), 'utf8')) as PolicyDocument;
}

/** The cases, their documents read from the fixtures and the catalog. */
export function loadCases(): Case[] {
  return [
    ...SOURCES.map((s) => ({
      id: s.id,
      kind: s.kind,
      document: JSON.parse(readFileSync(path.join(ROOT, s.file), 'utf8')) as PolicyDocument,
      expects: s.expects,
    })),
    ...MANAGED.map((m) => {
      const found = getManagedPolicy(`arn:aws:iam::aws:policy/${m.name}`);
      if (found === undefined) throw new Error(`no AWS managed policy ${m.name} in the catalog`);
      return {
        id: m.id,
        kind: 'managed' as const,
        document: found.document as unknown as PolicyDocument,
        managed: m.name,
        expects: m.expects,
      };
    }),
    ...SYMBOLIC.map((c) => ({ id: c.id, kind: 'symbolic' as const, document: c.document, expects: c.expects })),
    ...BOUNDED.map((c) => ({ id: c.id, kind: 'bounded' as const, document: read(c.file), expects: c.expects })),
  ];
}

/** The OIDC providers the trust cases name (`Federated`), by the host their ARN ends with. */
export const OIDC_PROVIDERS: Readonly<Record<string, string>> = {
  github: 'token.actions.githubusercontent.com',
  eks: 'oidc.eks.eu-west-2.amazonaws.com/id/A1B2C3D4E5F60718293A4B5C6D7E8F90',
};

/** The provider (a key of OIDC_PROVIDERS) an ARN of the fixtures names, if any. */
export function providerOf(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  return Object.entries(OIDC_PROVIDERS).find(
    ([, host]) => value === `arn:aws:iam::111122223333:oidc-provider/${host}`,
  )?.[0];
}

/** The trust policy of the roles whose identity policies are compared. */
export const LAMBDA_TRUST: PolicyDocument = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
};
