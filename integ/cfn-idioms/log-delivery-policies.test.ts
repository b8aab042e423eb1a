/**
 * `cdk-guard` on log-delivery-policies.yaml: bucket policies for load balancer access logs and VPC
 * flow logs that confine the write to `AWSLogs/<this account>/` (`${AWS::AccountId}` or written
 * out) get no finding, nor do policies bound by a source condition; the same delivery for every
 * account or for an account from a parameter, CloudTrail on its account path without
 * `aws:SourceArn`, and an S3 notification bound only by a bucket ARN are reported.
 */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

const ROOT = path.join(__dirname, '../..');
const BIN = path.join(ROOT, 'packages/cdk-guard/bin/cdk-guard.js');
const TEMPLATE = 'integ/cfn-idioms/log-delivery-policies.yaml';
const RULE = 'resource-exposure/confused-deputy';

interface Finding {
  readonly ruleId: string;
  readonly location: { readonly logicalId?: string; readonly pointer?: string };
  readonly evidence?: { readonly service?: string; readonly path?: string };
}

let status: number | null;
let stderr: string;
/** `service @ pointer` of each finding, by logical id. */
const byLogicalId = new Map<string, string[]>();

beforeAll(() => {
  const result = spawnSync(process.execPath, [BIN, TEMPLATE, '--format', 'json', '--fail-on', 'never'], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  status = result.status;
  stderr = result.stderr;
  const findings = (JSON.parse(result.stdout) as { findings: Finding[] }).findings;
  for (const f of findings) {
    const at = `${f.ruleId === RULE ? '' : `${f.ruleId} `}${f.evidence?.service ?? '?'} @ ${f.location.pointer ?? '?'}`;
    const list = byLogicalId.get(f.location.logicalId ?? '?') ?? [];
    list.push(at);
    byLogicalId.set(f.location.logicalId ?? '?', list.sort());
  }
});

test('the template is read without error', () => {
  expect({ status, stderr }).toEqual({ status: 0, stderr: '' });
});

const idioms: [string, string][] = [
  ['ALB access logs with a prefix: ELB account root and log delivery on `AWSLogs/${AWS::AccountId}/`', 'AlbLogsPolicy'],
  [
    'ALB access logs in a recent Region: the ELB log delivery service (`Fn::Join` with the account)',
    'RecentRegionLogsPolicy',
  ],
  ['VPC flow logs of one account written out, with GetBucketAcl and ListBucket', 'FlowLogsPolicy'],
  ['CloudTrail with `aws:SourceArn` naming the trail', 'SourcedTrailLogsPolicy'],
  ['S3 notification with `aws:SourceArn` and `aws:SourceAccount`', 'ArchivedPolicy'],
];
test.each(idioms)('%s: no finding', (_name, logicalId) => {
  expect(byLogicalId.get(logicalId)).toBeUndefined();
});

const risks: [string, string, string[]][] = [
  [
    'log delivery for every account (`AWSLogs/*`), and its bucket check',
    'AnyAccountLogsPolicy',
    ['delivery.logs.amazonaws.com @ /Statement/0', 'delivery.logs.amazonaws.com @ /Statement/1'],
  ],
  [
    'log delivery for an account from a parameter',
    'ParameterAccountLogsPolicy',
    ['delivery.logs.amazonaws.com @ /Statement/0'],
  ],
  [
    'CloudTrail on its account path without `aws:SourceArn`: the bucket check and the write',
    'TrailLogsPolicy',
    ['cloudtrail.amazonaws.com @ /Statement/0', 'cloudtrail.amazonaws.com @ /Statement/1'],
  ],
  ['S3 notification bound by a bucket ARN only', 'UploadedPolicy', ['s3.amazonaws.com @ /Statement/0']],
];
test.each(risks)('%s: reported', (_name, logicalId, expected) => {
  expect(byLogicalId.get(logicalId)).toEqual(expected);
});

test('no finding on any other resource', () => {
  const known = new Set([...idioms.map(([, id]) => id), ...risks.map(([, id]) => id)]);
  expect([...byLogicalId.keys()].filter((id) => !known.has(id))).toEqual([]);
});
