/**
 * `cdk-guard` on the hand-written templates of the SAM and CloudFormation gaps (see README.md):
 * `Fn::If` with `AWS::NoValue` inside statements, parameters passed to local nested templates,
 * `Auth.ResourcePolicy` of SAM REST APIs and SAM connectors. One run of the real binary for all
 * templates; rule ids compared by logical id (`file#logicalId` for a nested template). An idiom has
 * none.
 */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

const ROOT = path.join(__dirname, '../..');
const BIN = path.join(ROOT, 'packages/cdk-guard/bin/cdk-guard.js');
const DIR = 'integ/cfn-idioms';

interface Finding {
  readonly ruleId: string;
  readonly location: { readonly file?: string; readonly logicalId?: string };
}

interface Row {
  readonly behaviour: string;
  readonly template: string;
  /** Rule ids by logical id (`file#logicalId` for a nested template); `[]` marks an idiom. */
  readonly expected: Readonly<Record<string, readonly string[]>>;
}

const ROWS: readonly Row[] = [
  {
    behaviour:
      'an AWS::NoValue branch of Resource, Action or Principal cannot deploy: the other branch is checked, no invalid-policy',
    template: 'novalue-branches.yaml',
    expected: {
      // Item reads on the `TableArn` parameter given whole: it may be `*`, the value decides.
      ReaderRole: ['unverifiable/unknown-value'],
      WriterRole: ['wildcard-resource/write-on-star'],
      DeployerRole: ['privilege-escalation/pass-role-wildcard'],
      LogsPolicy: ['resource-exposure/public-principal'],
    },
  },
  {
    behaviour:
      "parameters passed to local nested templates: the parent's bucket and table are scoped, a literal `*` is not",
    template: 'nested-params.yaml',
    expected: {
      Readers: [],
      Uploader: [],
      'integ/cfn-idioms/nested-params-child.yaml#ReaderRole': [],
      'integ/cfn-idioms/nested-params-wide.yaml#UploaderRole': ['wildcard-resource/write-on-star'],
    },
  },
  {
    behaviour:
      'SAM Auth.ResourcePolicy: an account allow-list is clean; a deny-list or a custom `*` statement is public (the API and the implicit API)',
    template: 'sam-api-policies.yaml',
    expected: {
      PartnerApi: [],
      HandlerRole: [],
      HttpApi: [],
      BlocklistApi: ['resource-exposure/public-principal'],
      OpenApi: ['resource-exposure/public-principal'],
      ServerlessRestApi: ['resource-exposure/public-principal'],
    },
  },
  {
    behaviour:
      "SAM connectors grant to the source's role (or, topic to queue, in the queue's policy): scoped pairs are clean, a bucket ARN of `*` is not",
    template: 'sam-connectors.yaml',
    expected: {
      ApiRole: [],
      FlowRole: [],
      WorkerRole: [],
      ApiToOrdersPolicy: [],
      ApiToUploadsPolicy: [],
      ApiToJobsAndAlertsPolicy: [],
      ApiToFlowPolicy: [],
      ApiToWorkerPolicy: [],
      FlowToWorkerPolicy: [],
      ExporterToAnyBucketPolicy: ['wildcard-resource/write-on-star'],
      AlertsToJobsQueuePolicy: [],
    },
  },
];

let status: number | null = null;
let stderr = '';
let findings: readonly Finding[] = [];

beforeAll(() => {
  const result = spawnSync(
    process.execPath,
    [BIN, ...ROWS.map((r) => `${DIR}/${r.template}`), '--format', 'json', '--fail-on', 'never'],
    { cwd: ROOT, encoding: 'utf8' },
  );
  status = result.status;
  stderr = result.stderr;
  findings = status === 0 ? (JSON.parse(result.stdout) as { findings: Finding[] }).findings : [];
});

/** Rule ids by logical id for the row's template and the nested templates it names. */
function verdicts(row: Row, only?: readonly string[]): Record<string, string[]> {
  const own = `${DIR}/${row.template}`;
  const byId: Record<string, string[]> = {};
  for (const id of only ?? Object.keys(row.expected)) byId[id] = [];
  for (const f of findings) {
    const file = f.location.file ?? '';
    const logicalId = f.location.logicalId ?? '(no logical id)';
    const id = file === own ? logicalId : `${file}#${logicalId}`;
    if (file !== own && !Object.keys(row.expected).some((k) => k.startsWith(`${file}#`))) continue;
    if (only !== undefined && !only.includes(id)) continue;
    const ids = (byId[id] ??= []);
    if (!ids.includes(f.ruleId)) ids.push(f.ruleId);
  }
  for (const ids of Object.values(byId)) ids.sort();
  return byId;
}

describe('cdk-guard on the SAM and CloudFormation gap templates', () => {
  it('the run ends with a report', () => {
    expect({ status, stderr }).toEqual({ status: 0, stderr: '' });
  });

  it.each(ROWS.map((row) => [row.behaviour, row] as const))('%s', (_, row) => {
    // The allow-lists of sam-api-policies.yaml are checked in their own test below.
    const known = new Set(['OfficeApi', 'PrivateApi']);
    const all = Object.fromEntries(Object.entries(verdicts(row)).filter(([id]) => !known.has(id)));
    expect(all).toEqual(row.expected);
  });

  // The documented allow-list form: Allow `*` plus a Deny `NotIpAddress` / `StringNotEquals
  // aws:SourceVpce` on the same resources admits only the listed addresses or endpoint.
  it('SAM IpRangeWhitelist and SourceVpcWhitelist allow-lists are not public', () => {
    const row = ROWS.find((r) => r.template === 'sam-api-policies.yaml') as Row;
    expect(verdicts(row, ['OfficeApi', 'PrivateApi'])).toEqual({ OfficeApi: [], PrivateApi: [] });
  });
});
