import { runGuard } from '../../src/analysis/engine';
import type { ResourceInput } from '../../src/analysis/input';
import { aclPermission, aclPolicy, cannedAclGrants, publicGrantee } from '../../src/model/s3-acl';
import type { AclGrant, AclTarget } from '../../src/model/s3-acl';
import { SymbolicValue } from '../../src/model/symbolic';
import { input } from '../engine/helpers';

const BUCKET: AclTarget = { kind: 'bucket', bucket: 'arn:aws:s3:::site', objects: 'arn:aws:s3:::site/*' };
const OBJECT: AclTarget = { kind: 'object', object: 'arn:aws:s3:::site/index.html' };
const ALL_USERS = 'http://acs.amazonaws.com/groups/global/AllUsers';

/** Principal, actions and resource of each statement. */
function statements(target: AclTarget, grants: readonly AclGrant[]): unknown[] {
  const document = aclPolicy(target, grants)?.document as { Statement: Record<string, unknown>[] } | undefined;
  return (document?.Statement ?? []).map((s) => [s['Principal'], s['Action'], s['Resource']]);
}

describe('the public grants of a canned ACL', () => {
  it.each([
    ['public-read', [['AllUsers', 'READ']]],
    ['PublicRead', [['AllUsers', 'READ']]],
    [
      'public-read-write',
      [
        ['AllUsers', 'READ'],
        ['AllUsers', 'WRITE'],
      ],
    ],
    [
      'PublicReadWrite',
      [
        ['AllUsers', 'READ'],
        ['AllUsers', 'WRITE'],
      ],
    ],
    ['authenticated-read', [['AuthenticatedUsers', 'READ']]],
    ['AuthenticatedRead', [['AuthenticatedUsers', 'READ']]],
    ['private', []],
    ['log-delivery-write', []],
    ['bucket-owner-full-control', []],
    ['constructor', []],
  ])('%s', (acl, expected) => {
    expect(cannedAclGrants(acl).map((g) => [g.grantee, g.permission])).toEqual(expected);
  });
});

describe('grantees and permissions as S3 names them', () => {
  it.each([
    [ALL_USERS, 'AllUsers'],
    ['https://acs.amazonaws.com/groups/global/AllUsers', 'AllUsers'],
    ['http://acs.amazonaws.com/groups/global/AuthenticatedUsers', 'AuthenticatedUsers'],
    ['http://acs.amazonaws.com/groups/s3/LogDelivery', undefined],
    [null, undefined],
  ])('grantee %s', (uri, expected) => {
    expect(publicGrantee(uri)).toBe(expected);
  });

  it.each([
    ['FULL_CONTROL', 'FULL_CONTROL'],
    ['read', undefined],
    [7, undefined],
  ])('permission %s', (value, expected) => {
    expect(aclPermission(value)).toBe(expected);
  });
});

describe('an ACL is the resource policy S3 maps its permissions to', () => {
  it.each<[string, AclTarget, AclGrant[], unknown[]]>([
    [
      'READ on a bucket lists it, for everyone',
      BUCKET,
      [{ grantee: 'AllUsers', permission: 'READ' }],
      [['*', ['s3:ListBucket', 's3:ListBucketVersions', 's3:ListBucketMultipartUploads'], 'arn:aws:s3:::site']],
    ],
    [
      'WRITE on a bucket writes and deletes its objects, for any AWS account',
      BUCKET,
      [{ grantee: 'AuthenticatedUsers', permission: 'WRITE' }],
      [[{ AWS: '*' }, ['s3:PutObject', 's3:DeleteObject'], 'arn:aws:s3:::site/*']],
    ],
    [
      'FULL_CONTROL on a bucket is READ, WRITE, READ_ACP and WRITE_ACP',
      BUCKET,
      [{ grantee: 'AllUsers', permission: 'FULL_CONTROL' }],
      [
        ['*', ['s3:ListBucket', 's3:ListBucketVersions', 's3:ListBucketMultipartUploads'], 'arn:aws:s3:::site'],
        ['*', ['s3:PutObject', 's3:DeleteObject'], 'arn:aws:s3:::site/*'],
        ['*', ['s3:GetBucketAcl'], 'arn:aws:s3:::site'],
        ['*', ['s3:PutBucketAcl'], 'arn:aws:s3:::site'],
      ],
    ],
    [
      'READ and WRITE_ACP on an object read it and write its ACL; WRITE is no permission of objects',
      OBJECT,
      [
        { grantee: 'AllUsers', permission: 'READ' },
        { grantee: 'AllUsers', permission: 'WRITE' },
        { grantee: 'AllUsers', permission: 'WRITE_ACP' },
      ],
      [
        ['*', ['s3:GetObject', 's3:GetObjectVersion'], 'arn:aws:s3:::site/index.html'],
        ['*', ['s3:PutObjectAcl', 's3:PutObjectVersionAcl'], 'arn:aws:s3:::site/index.html'],
      ],
    ],
  ])('%s', (_name, target, grants, expected) => {
    expect(statements(target, grants)).toEqual(expected);
  });

  it('no public grant is no policy', () => {
    expect(aclPolicy(BUCKET, [])).toBeUndefined();
    expect(aclPolicy(OBJECT, [{ grantee: 'AllUsers', permission: 'WRITE' }])).toBeUndefined();
  });

  it('each statement points at the grant it comes from', () => {
    const grants: AclGrant[] = [
      { grantee: 'AllUsers', permission: 'READ', pointer: '/grant/0' },
      { grantee: 'AllUsers', permission: 'READ_ACP', pointer: '/grant/3' },
    ];
    expect(aclPolicy(BUCKET, grants)?.statementPointers).toEqual(['/grant/0', '/grant/3']);
  });
});

describe('the rules on an ACL', () => {
  const bucket = new SymbolicValue([
    'arn:aws:s3:::',
    { id: 'aws_s3_bucket.site.bucket', source: 'aws_s3_bucket.site.bucket' },
  ]);
  const policy = aclPolicy(
    { kind: 'bucket', bucket, objects: new SymbolicValue([...bucket.parts, '/*']) },
    cannedAclGrants('public-read-write', '/acl'),
  ) ?? { document: undefined, statementPointers: [] };
  const location = { file: 'plan.json', address: 'aws_s3_bucket_acl.site' };
  const acl: ResourceInput = {
    id: 'aws_s3_bucket_acl.site',
    type: 'aws_s3_bucket_acl',
    arn: bucket,
    grantedBy: 'acl',
    policy: { id: 'aws_s3_bucket_acl.site#acl', name: 'aws_s3_bucket_acl.site (ACL)', location, ...policy },
    location,
  };

  it('public-read-write is reported by public-principal only (every recommended rule on), as the ACL, at the grant', () => {
    const findings = runGuard(input({ resources: [acl] })).findings;
    expect(findings.map((f) => [f.ruleId, f.location.pointer])).toEqual([
      ['resource-exposure/public-principal', '/acl'],
      ['resource-exposure/public-principal', '/acl'],
    ]);
    for (const f of findings)
      expect(f.message).toMatch(/^the ACL set by `aws_s3_bucket_acl\.site` allows any principal/);
    expect(new Set(findings.map((f) => f.fingerprint)).size).toBe(2);
  });

  it('the same statements written as a bucket policy are named as the resource', () => {
    const written: ResourceInput = { ...acl, grantedBy: undefined };
    const findings = runGuard(input({ resources: [written] })).findings;
    expect(findings.map((f) => f.message)).toEqual([
      expect.stringMatching(/^resource `aws_s3_bucket_acl\.site` allows/),
      expect.stringMatching(/^resource `aws_s3_bucket_acl\.site` allows/),
    ]);
  });
});
