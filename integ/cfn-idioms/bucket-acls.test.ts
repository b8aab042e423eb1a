/**
 * `cdk-guard` on buckets whose canned ACL (`AccessControl`) makes them public (bucket-acls.yaml,
 * see README.md): the real binary. A public ACL is `public-principal`, said to come from the ACL
 * and pointing at it; one S3 turns off (`BucketOwnerEnforced`) or ignores (`IgnorePublicAcls`) is not.
 */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

const ROOT = path.join(__dirname, '../..');
const BIN = path.join(ROOT, 'packages/cdk-guard/bin/cdk-guard.js');

interface Finding {
  readonly ruleId: string;
  readonly message: string;
  readonly location: { readonly logicalId?: string; readonly pointer?: string };
}

function findings(template = 'integ/cfn-idioms/bucket-acls.yaml'): Finding[] {
  const result = spawnSync(process.execPath, [BIN, template, '--format', 'json', '--fail-on', 'never'], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  expect(result.stderr).toBe('');
  const report = JSON.parse(result.stdout) as { findings: Finding[]; errors: unknown[] };
  expect(report.errors).toEqual([]);
  return report.findings;
}

describe('canned ACLs of AWS::S3::Bucket', () => {
  const found = findings();

  it('PublicRead, PublicReadWrite and AuthenticatedRead (in a branch of Fn::If) are public; disabled, ignored, log delivery and private ACLs are not', () => {
    expect(found.every((f) => f.ruleId === 'resource-exposure/public-principal')).toBe(true);
    expect(found.map((f) => `${f.location.logicalId ?? ''} ${f.location.pointer ?? ''}`).sort()).toEqual([
      'DropBoxBucket /Properties/AccessControl',
      'DropBoxBucket /Properties/AccessControl',
      'PartnerBucket /Properties/AccessControl',
      'SiteBucket /Properties/AccessControl',
      'SiteBucketPolicy /Statement/0',
    ]);
  });

  it('the ACL of a bucket with a public policy too is reported apart, as the ACL', () => {
    const site = found.filter((f) => f.location.logicalId === 'SiteBucket');
    expect(site.map((f) => f.message)).toEqual([
      expect.stringMatching(/^the ACL set by `SiteBucket` allows any principal .*`s3:ListBucket`/),
    ]);
    const policy = found.filter((f) => f.location.logicalId === 'SiteBucketPolicy');
    expect(policy.map((f) => f.message)).toEqual([expect.stringMatching(/^resource `SiteBucketPolicy` allows/)]);
  });

  it('PublicReadWrite lets anyone write and delete objects', () => {
    const messages = found.filter((f) => f.location.logicalId === 'DropBoxBucket').map((f) => f.message);
    expect(messages.some((m) => m.includes('`s3:PutObject`, `s3:DeleteObject`'))).toBe(true);
  });
});

describe('canned ACLs chosen by a parameter (bucket-acl-parameters.yaml)', () => {
  const found = findings('integ/cfn-idioms/bucket-acl-parameters.yaml');

  it('AllowedValues that include a public ACL are public; a parameter nothing bounds is unverifiable, never a silent pass', () => {
    expect(found.map((f) => `${f.location.logicalId ?? ''} ${f.ruleId}`).sort()).toEqual([
      'ConfiguredBucket unverifiable/unresolved-policy',
      'WebsiteBucket resource-exposure/public-principal',
    ]);
    const configured = found.find((f) => f.location.logicalId === 'ConfiguredBucket');
    expect(configured?.message).toMatch(/canned ACL \(`AccessControl`\) is the value of parameter `AnyAcl`/);
  });
});
