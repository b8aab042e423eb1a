/**
 * S3 ACLs that make a bucket or object public (integ/tf-scan/acl, plans written by hand), through
 * the real binary: each public grant is reported as the statements S3 maps its permission to,
 * unless Object Ownership turns ACLs off or Block Public Access ignores public ACLs.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { jsonReport, ROOT, runTfScan } from './run-tf-scan';
import type { Finding } from './run-tf-scan';

interface Reported extends Finding {
  readonly message: string;
}

function report(name: string): Reported[] {
  const result = jsonReport([path.join('integ/tf-scan/acl', name)]);
  expect(result.stderr).toBe('');
  expect(result.errors).toEqual([]);
  return result.findings as Reported[];
}

/** `address pointer` of each finding, sorted. */
function places(findings: readonly Finding[]): string[] {
  return findings.map((f) => `${f.location.address ?? ''} ${f.location.pointer ?? ''}`).sort();
}

describe('public ACLs of `aws_s3_bucket_acl` and `aws_s3_object`', () => {
  const findings = report('bucket-acls.json');

  it('every public grant is a public-principal finding at the grant; private, log-delivery, ignored and disabled ACLs are not', () => {
    expect(places(findings.filter((f) => f.ruleId === 'resource-exposure/public-principal'))).toEqual([
      'aws_s3_bucket_acl.blocked /acl',
      'aws_s3_bucket_acl.site /acl',
      'aws_s3_bucket_acl.uploads /access_control_policy/0/grant/1',
      'aws_s3_bucket_acl.uploads /access_control_policy/0/grant/2',
      'aws_s3_object.index /acl',
    ]);
  });

  it('a canned ACL known only after apply is unverifiable, named as the ACL', () => {
    const others = findings.filter((f) => f.ruleId !== 'resource-exposure/public-principal');
    expect(others.map((f) => [f.ruleId, f.location.address])).toEqual([
      ['unverifiable/unresolved-policy', 'aws_s3_bucket_acl.chosen'],
    ]);
    expect(others[0]?.message).toMatch(
      /\(ACL\)` could not be checked: its canned ACL \(`acl`\) is known only after apply/,
    );
  });

  it.each([
    ['aws_s3_bucket_acl.site', /^the ACL set by `aws_s3_bucket_acl\.site` allows .*`s3:ListBucket`/],
    [
      'aws_s3_bucket_acl.uploads',
      /^the ACL set by `aws_s3_bucket_acl\.uploads` allows .*`s3:PutObject`, `s3:DeleteObject`/,
    ],
    ['aws_s3_object.index', /^the ACL set by `aws_s3_object\.index` allows .*`s3:GetObject`/],
  ])('the message of %s says the ACL grants it, with the actions S3 maps the permission to', (address, message) => {
    const messages = findings.filter((f) => f.location.address === address).map((f) => f.message);
    expect(messages.some((m) => message.test(m))).toBe(true);
    expect(messages.join('\n')).not.toMatch(/policy/);
  });
});

describe('the ACL arguments of `aws_s3_bucket` (provider < 4)', () => {
  it('a canned `acl` and a `grant` to AllUsers are public; grants the configuration does not set (computed, provider 4+) are not', () => {
    expect(places(report('bucket-acls-legacy.json'))).toEqual([
      'aws_s3_bucket.granted /grant/0',
      'aws_s3_bucket.legacy /acl',
    ]);
  });
});

describe("the account's Block Public Access", () => {
  it('`ignore_public_acls = true` on the account makes the public ACLs of its buckets ineffective, not those of another provider configuration', () => {
    expect(places(report('bucket-acls-account-block.json'))).toEqual(['aws_s3_bucket_acl.replica /acl']);
  });
});

describe('ACL grants of a type Terraform never writes there', () => {
  /** `bucket-acls*.json` with one grant's attribute replaced, written to a temporary folder. */
  function broken(name: string, address: string, edit: (after: Record<string, unknown>) => void): string {
    const plan = JSON.parse(fs.readFileSync(path.join(ROOT, 'integ/tf-scan/acl', name), 'utf8')) as {
      resource_changes: { address: string; change: { after: Record<string, unknown> } }[];
    };
    const change = plan.resource_changes.find((c) => c.address === address);
    if (change === undefined) throw new Error(`no change of ${address} in ${name}`);
    edit(change.change.after);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tf-scan-acl-')), name);
    fs.writeFileSync(file, JSON.stringify(plan));
    return file;
  }
  const grants = (after: Record<string, unknown>): Record<string, unknown>[] =>
    (after['access_control_policy'] as { grant: Record<string, unknown>[] }[])[0]!.grant;

  it.each<[string, string, string, (after: Record<string, unknown>) => void, string]>([
    [
      "a bucket's `grant` permissions as one text",
      'bucket-acls-legacy.json',
      'aws_s3_bucket.granted',
      (after) => {
        (after['grant'] as Record<string, unknown>[])[0]!['permissions'] = 'READ_ACP';
      },
      '/resource_changes/1/change/after/grant/0/permissions: not a Terraform plan: in an `aws_s3_bucket`, expected array or null, found string `READ_ACP`',
    ],
    [
      "a bucket's `grant` as one object, not a list of blocks",
      'bucket-acls-legacy.json',
      'aws_s3_bucket.granted',
      (after) => {
        after['grant'] = (after['grant'] as unknown[])[0];
      },
      '/resource_changes/1/change/after/grant: not a Terraform plan: in an `aws_s3_bucket`, expected array or null, found an object',
    ],
    [
      'an `access_control_policy` as one object, not a list of one block',
      'bucket-acls.json',
      'aws_s3_bucket_acl.uploads',
      (after) => {
        after['access_control_policy'] = (after['access_control_policy'] as unknown[])[0];
      },
      '/resource_changes/5/change/after/access_control_policy: not a Terraform plan: in an `aws_s3_bucket_acl`, expected array or null, found an object',
    ],
    [
      'a grantee given as an object, not a list of one block',
      'bucket-acls.json',
      'aws_s3_bucket_acl.uploads',
      (after) => {
        const grant = grants(after)[1]!;
        grant['grantee'] = (grant['grantee'] as unknown[])[0];
      },
      '/resource_changes/5/change/after/access_control_policy/0/grant/1/grantee: not a Terraform plan: in an `aws_s3_bucket_acl`, expected array or null, found an object',
    ],
    [
      "a grantee's `uri` as a list",
      'bucket-acls.json',
      'aws_s3_bucket_acl.uploads',
      (after) => {
        const grantee = (grants(after)[1]!['grantee'] as Record<string, unknown>[])[0]!;
        grantee['uri'] = [grantee['uri']];
      },
      '/resource_changes/5/change/after/access_control_policy/0/grant/1/grantee/0/uri: not a Terraform plan: in an `aws_s3_bucket_acl`, expected string or null, found an array',
    ],
    [
      "a grant's `permission` as a list",
      'bucket-acls.json',
      'aws_s3_bucket_acl.uploads',
      (after) => {
        grants(after)[1]!['permission'] = ['WRITE'];
      },
      '/resource_changes/5/change/after/access_control_policy/0/grant/1/permission: not a Terraform plan: in an `aws_s3_bucket_acl`, expected string or null, found an array',
    ],
  ])(
    '%s is an input error naming where (was: the public grant read as absent, a pass)',
    (_, name, address, edit, line) => {
      const file = broken(name, address, edit);
      const { status, stdout, stderr } = runTfScan([file, '--format', 'json']);
      expect([status, stderr.trim()]).toEqual([2, `${file}: ${line}`]);
      expect(stderr).not.toMatch(/\n\s+at /);
      expect(stdout).not.toMatch(/public-principal/);
    },
  );
});
