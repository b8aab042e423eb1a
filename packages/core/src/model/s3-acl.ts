/**
 * S3 access control lists read as what they grant: each public grant is the resource-policy
 * statement S3 documents for its permission ("Mapping of ACL permissions and access policy
 * permissions"), so that the rules judge an ACL as they judge a bucket policy.
 */
import type { PolicyValue } from './symbolic';

/** The S3 predefined groups whose grants make a bucket or object public. */
export type AclGrantee = 'AllUsers' | 'AuthenticatedUsers';

/** An ACL permission. */
export type AclPermission = 'READ' | 'WRITE' | 'READ_ACP' | 'WRITE_ACP' | 'FULL_CONTROL';

/** One public grant of an ACL, and where the input writes it (a JSON pointer), if known. */
export interface AclGrant {
  readonly grantee: AclGrantee;
  readonly permission: AclPermission;
  readonly pointer?: string;
}

const GROUP_URIS: Readonly<Record<string, AclGrantee>> = {
  'http://acs.amazonaws.com/groups/global/AllUsers': 'AllUsers',
  'http://acs.amazonaws.com/groups/global/AuthenticatedUsers': 'AuthenticatedUsers',
};

/** The public group a grantee URI names; `undefined` for any other grantee (an account, `LogDelivery`). */
export function publicGrantee(uri: unknown): AclGrantee | undefined {
  if (typeof uri !== 'string') return undefined;
  // S3 accepts the `https` form of a group URI too.
  const key = uri.trim().replace(/^https:/, 'http:');
  return Object.hasOwn(GROUP_URIS, key) ? GROUP_URIS[key] : undefined;
}

const PERMISSIONS: ReadonlySet<string> = new Set(['READ', 'WRITE', 'READ_ACP', 'WRITE_ACP', 'FULL_CONTROL']);

/** The ACL permission a value names, as S3 spells it; `undefined` for anything else. */
export function aclPermission(value: unknown): AclPermission | undefined {
  return typeof value === 'string' && PERMISSIONS.has(value) ? (value as AclPermission) : undefined;
}

// The public grants of the canned ACLs, by their S3 API name (`x-amz-acl`, Terraform's `acl`) and
// their CloudFormation name (`AccessControl`). The owner's FULL_CONTROL each also holds is not public.
const PUBLIC_READ: readonly AclGrant[] = [{ grantee: 'AllUsers', permission: 'READ' }];
const PUBLIC_READ_WRITE: readonly AclGrant[] = [...PUBLIC_READ, { grantee: 'AllUsers', permission: 'WRITE' }];
const AUTHENTICATED_READ: readonly AclGrant[] = [{ grantee: 'AuthenticatedUsers', permission: 'READ' }];
const CANNED: Readonly<Record<string, readonly AclGrant[]>> = {
  'public-read': PUBLIC_READ,
  'public-read-write': PUBLIC_READ_WRITE,
  'authenticated-read': AUTHENTICATED_READ,
  PublicRead: PUBLIC_READ,
  PublicReadWrite: PUBLIC_READ_WRITE,
  AuthenticatedRead: AUTHENTICATED_READ,
};

/** The public grants of a canned ACL (none for `private`, `log-delivery-write` and the others). */
export function cannedAclGrants(acl: unknown, pointer?: string): readonly AclGrant[] {
  if (typeof acl !== 'string' || !Object.hasOwn(CANNED, acl)) return [];
  const grants = CANNED[acl] ?? [];
  return pointer === undefined ? grants : grants.map((g) => ({ ...g, pointer }));
}

/** What an ACL is set on: a bucket (its ARN and the ARN of its objects, `BUCKET/*`) or one object. */
export type AclTarget =
  | { readonly kind: 'bucket'; readonly bucket: PolicyValue; readonly objects: PolicyValue }
  | { readonly kind: 'object'; readonly object: PolicyValue };

// The actions S3 maps each permission to, and on what: on a bucket, READ lists it, WRITE creates,
// overwrites and deletes its objects, READ_ACP and WRITE_ACP read and write the bucket's ACL; on an
// object, READ reads it and READ_ACP and WRITE_ACP its ACL (WRITE is not a permission of objects).
const BUCKET_ACTIONS: Readonly<
  Record<Exclude<AclPermission, 'FULL_CONTROL'>, readonly [string[], 'bucket' | 'objects']>
> = {
  READ: [['s3:ListBucket', 's3:ListBucketVersions', 's3:ListBucketMultipartUploads'], 'bucket'],
  WRITE: [['s3:PutObject', 's3:DeleteObject'], 'objects'],
  READ_ACP: [['s3:GetBucketAcl'], 'bucket'],
  WRITE_ACP: [['s3:PutBucketAcl'], 'bucket'],
};
const OBJECT_ACTIONS: Readonly<Record<Exclude<AclPermission, 'FULL_CONTROL'>, readonly string[]>> = {
  READ: ['s3:GetObject', 's3:GetObjectVersion'],
  WRITE: [],
  READ_ACP: ['s3:GetObjectAcl', 's3:GetObjectVersionAcl'],
  WRITE_ACP: ['s3:PutObjectAcl', 's3:PutObjectVersionAcl'],
};
const GRANTED: Readonly<Record<AclPermission, readonly Exclude<AclPermission, 'FULL_CONTROL'>[]>> = {
  READ: ['READ'],
  WRITE: ['WRITE'],
  READ_ACP: ['READ_ACP'],
  WRITE_ACP: ['WRITE_ACP'],
  FULL_CONTROL: ['READ', 'WRITE', 'READ_ACP', 'WRITE_ACP'],
};

/**
 * The resource policy an ACL's public grants amount to: for each grant, the statements of its
 * permission, `Principal: "*"` for everyone (`AllUsers`) and `{"AWS": "*"}` for any AWS account
 * (`AuthenticatedUsers`); with the pointer of the grant each statement comes from. `undefined`
 * when the ACL grants the public nothing.
 */
export function aclPolicy(
  target: AclTarget,
  grants: readonly AclGrant[],
): { readonly document: unknown; readonly statementPointers: readonly (string | undefined)[] } | undefined {
  const statements: unknown[] = [];
  const pointers: (string | undefined)[] = [];
  for (const grant of grants) {
    const principal = grant.grantee === 'AllUsers' ? '*' : { AWS: '*' };
    for (const permission of GRANTED[grant.permission]) {
      let action: readonly string[];
      let resource: PolicyValue;
      if (target.kind === 'bucket') {
        const [actions, on] = BUCKET_ACTIONS[permission];
        action = actions;
        resource = on === 'bucket' ? target.bucket : target.objects;
      } else {
        action = OBJECT_ACTIONS[permission];
        resource = target.object;
      }
      if (action.length === 0) continue;
      statements.push({ Effect: 'Allow', Principal: principal, Action: [...action], Resource: resource });
      pointers.push(grant.pointer);
    }
  }
  if (statements.length === 0) return undefined;
  return { document: { Version: '2012-10-17', Statement: statements }, statementPointers: pointers };
}
