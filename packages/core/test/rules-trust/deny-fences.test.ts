/**
 * A Deny written with `NotPrincipal` (every principal but those listed) or `NotAction` (every
 * action but those listed) fences a grant to everyone as the Deny of everyone with a condition
 * does: public-principal stays silent on what it fences and names only what it leaves open, and
 * untrusted-account names the accounts a `NotPrincipal` spares.
 */
import { runGuard } from '../../src/analysis/engine';
import { RULES } from '../../src/rules/index';
import type { ResolvedConfig } from '../../src/config/types';
import type { RuleId, Severity } from '../../src/analysis/finding';
import type { ResourceInput } from '../../src/analysis/input';

const CHECKED = RULES.filter(
  (r) => r.meta.id === 'resource-exposure/public-principal' || r.meta.id === 'trust-policy/untrusted-account',
);
const BUCKET = 'arn:aws:s3:::acme-media';
const OBJECTS = `${BUCKET}/*`;
const ORG = 'o-a1b2c3d4e5';

/** Each finding of a bucket policy of `statements`, as `rule pointer: message`. */
function scan(statements: unknown[]): string[] {
  const config: ResolvedConfig = {
    severities: new Map(CHECKED.map((r): [RuleId, Severity] => [r.meta.id, r.meta.defaultSeverity])),
    settings: {
      boundary: {},
      trust: { accounts: ['111122223333', '444455556666'], organizationIds: [ORG] },
      scps: [],
      tuning: {},
    },
    suppressions: [],
  };
  const bucket: ResourceInput = {
    id: 'MediaPolicy',
    type: 'AWS::S3::BucketPolicy',
    arn: BUCKET,
    account: '111122223333',
    policy: {
      id: 'MediaPolicy',
      name: 'MediaPolicy',
      location: {},
      document: { Version: '2012-10-17', Statement: statements },
    },
    location: {},
  };
  return runGuard({ principals: [], resources: [bucket], policies: [], errors: [] }, config).findings.map(
    (f) => `${f.ruleId} ${f.location.pointer ?? ''}: ${f.message}`,
  );
}

const anyone = (action: unknown, resource: unknown = OBJECTS): unknown => ({
  Effect: 'Allow',
  Principal: '*',
  Action: action,
  Resource: resource,
});
const denyAllBut = (spared: Record<string, unknown>, action: unknown = 's3:*'): unknown => ({
  Effect: 'Deny',
  NotPrincipal: spared,
  Action: action,
  Resource: [BUCKET, OBJECTS],
});
const denyOutsideOrganization = (notAction: string[]): unknown => ({
  Effect: 'Deny',
  Principal: '*',
  NotAction: notAction,
  Resource: [BUCKET, OBJECTS],
  Condition: { StringNotEquals: { 'aws:PrincipalOrgID': ORG } },
});

describe('a Deny of everyone but the principals `NotPrincipal` lists fences a grant to everyone', () => {
  test.each<[string, Record<string, unknown>]>([
    [
      'roles and the root of the own account',
      { AWS: ['arn:aws:iam::111122223333:role/reader', 'arn:aws:iam::111122223333:root'] },
    ],
    ["the partner's root, by its bare account id", { AWS: ['444455556666'] }],
    [
      'a role of the own account and a service',
      { AWS: 'arn:aws:iam::111122223333:role/reader', Service: 'logging.s3.amazonaws.com' },
    ],
  ])('sparing %s: no finding', (_name, spared) => {
    expect(scan([anyone(['s3:GetObject', 's3:ListBucket'], [BUCKET, OBJECTS]), denyAllBut(spared)])).toEqual([]);
  });

  test('sparing a role of an unknown account: not public, but a grant to that account', () => {
    const found = scan([
      anyone('s3:GetObject'),
      denyAllBut({ AWS: ['arn:aws:iam::999988887777:role/feed', 'arn:aws:iam::999988887777:root'] }),
    ]);
    expect(found).toEqual([
      'trust-policy/untrusted-account /Statement/0: resource `MediaPolicy` grants access (`Principal` `*` fenced by the Deny at `/Statement/1`) to account `999988887777`, which is not among the trusted accounts',
    ]);
  });

  test.each<[string, Record<string, unknown>]>([
    ['sparing `*`', { AWS: '*' }],
    ['sparing a federated provider', { Federated: 'cognito-identity.amazonaws.com' }],
  ])('%s: no fence, the grant stays public', (_name, spared) => {
    expect(scan([anyone('s3:GetObject'), denyAllBut(spared)])).toEqual([
      expect.stringContaining(
        'resource-exposure/public-principal /Statement/0: resource `MediaPolicy` allows any principal',
      ),
    ]);
  });

  test('a Deny of the uploads alone leaves the reads public', () => {
    const found = scan([
      anyone(['s3:GetObject', 's3:PutObject']),
      denyAllBut({ AWS: 'arn:aws:iam::111122223333:role/uploader' }, 's3:PutObject'),
    ]);
    expect(found).toEqual([
      'resource-exposure/public-principal /Statement/0: resource `MediaPolicy` allows any principal (`"Principal": "*"`) to call `s3:GetObject` without a condition that restricts who',
    ]);
  });
});

describe('a Deny of everyone outside the organization for every action but some (`NotAction`)', () => {
  test('fences a grant of other actions: no finding', () => {
    expect(
      scan([anyone(['s3:PutObject', 's3:AbortMultipartUpload']), denyOutsideOrganization(['s3:GetObject'])]),
    ).toEqual([]);
  });

  test('leaves the actions it excepts public, and the finding names those alone', () => {
    const found = scan([anyone(['s3:GetObject', 's3:PutObject']), denyOutsideOrganization(['s3:Get*'])]);
    expect(found).toEqual([
      'resource-exposure/public-principal /Statement/0: resource `MediaPolicy` allows any principal (`"Principal": "*"`) to call `s3:GetObject` without a condition that restricts who',
    ]);
  });

  test('does not fence an action one of its patterns may match (`s3:*` beside `NotAction` `s3:GetObject`)', () => {
    expect(scan([anyone('s3:*'), denyOutsideOrganization(['s3:GetObject'])])).toEqual([
      expect.stringContaining('allows any principal (`"Principal": "*"`) to call `s3:*`'),
    ]);
  });

  test('a Deny of every resource but one (`NotResource`) fences the grant on the others', () => {
    const deny = {
      Effect: 'Deny',
      Principal: '*',
      Action: 's3:*',
      NotResource: `${BUCKET}/public/*`,
      Condition: { StringNotEquals: { 'aws:PrincipalOrgID': ORG } },
    };
    expect(scan([anyone('s3:GetObject', `${BUCKET}/private/*`), deny])).toEqual([]);
    expect(scan([anyone('s3:GetObject', `${BUCKET}/public/*`), deny])).toEqual([
      expect.stringContaining('resource-exposure/public-principal /Statement/0'),
    ]);
  });
});
