/**
 * `cdk-guard` on origins behind CloudFront origin access control (cloudfront-origins.yaml): the
 * real binary. A bucket policy or function URL permission for `cloudfront.amazonaws.com` bound to
 * the stack's distribution (`AWS:SourceArn`), or fenced by a Deny of every other source account,
 * is clean; one any account's distribution may use is public: a `public-principal` error that says
 * what is exposed, exit 1, and no `confused-deputy` warning beside it.
 */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

const ROOT = path.join(__dirname, '../..');
const BIN = path.join(ROOT, 'packages/cdk-guard/bin/cdk-guard.js');

interface Finding {
  readonly ruleId: string;
  readonly severity: string;
  readonly message: string;
  readonly location: { readonly logicalId?: string; readonly pointer?: string };
}

const result = spawnSync(process.execPath, [BIN, 'integ/cfn-idioms/cloudfront-origins.yaml', '--format', 'json'], {
  cwd: ROOT,
  encoding: 'utf8',
});
const report = JSON.parse(result.stdout) as { findings: Finding[]; errors: unknown[] };
const messageAt = (logicalId: string): string =>
  report.findings.find((f) => f.location.logicalId === logicalId)?.message ?? '';

test('exit 1 on the open origins alone, each one public-principal error on its statement', () => {
  expect(result.stderr).toBe('');
  expect(report.errors).toEqual([]);
  expect(result.status).toBe(1);
  expect(
    report.findings
      .map((f) => `${f.ruleId} ${f.severity} ${f.location.logicalId ?? ''} ${f.location.pointer ?? ''}`)
      .sort(),
  ).toEqual([
    'resource-exposure/public-principal error OpenBucketPolicy /Statement/0',
    'resource-exposure/public-principal error OpenGlobalPointPolicy /Statement/0',
    'resource-exposure/public-principal error RenderUrlForAnyone /Statement/0',
  ]);
});

test('the bucket: what any distribution may do with it, and the fix', () => {
  expect(messageAt('OpenBucketPolicy')).toContain(
    'to call `s3:GetObject`, `s3:DeleteObject` with no `aws:SourceArn`, `aws:SourceAccount` or `aws:SourceOrgID` condition that names an account: any CloudFront distribution, of any account, may read and delete its objects on behalf of anyone on the internet',
  );
  expect(messageAt('OpenBucketPolicy')).toContain(
    'bind it with `ArnLike` `aws:SourceArn` `arn:aws:cloudfront::<account-id>:distribution/*`',
  );
});

test('the function URL permission without `SourceArn`: any distribution may invoke it', () => {
  expect(messageAt('RenderUrlForAnyone')).toContain('may invoke its function URL on behalf of anyone on the internet');
});

test('the Multi-Region Access Point: its objects, for the distributions of the stack account', () => {
  expect(messageAt('OpenGlobalPointPolicy')).toContain('may read its objects on behalf of anyone on the internet');
  expect(messageAt('OpenGlobalPointPolicy')).toMatch(/`arn:aws:cloudfront::(\d{12}|<account-id>):distribution\/\*`/);
});
