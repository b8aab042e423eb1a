/**
 * Parity with cdk-nag's IAM rules (parity-apps.ts, one app synthesized once in-process with the
 * Aspect): for each rule, the construct cdk-nag fails gets the rule of ours that names the risk,
 * on the construct that causes it (the finding and the CDK annotation), and the least-privilege
 * construct gets nothing. Where iamgate deliberately answers differently (README, "Compared with
 * cdk-nag"), the row says why and pins our verdict.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Finding } from '@iamgate/core';
import { IamGuardAspect } from '../../packages/cdk-guard/src/cdk/aspect';
import { PARITY_CASES, PARITY_STACK, parityApp } from './parity-apps';

interface Row {
  /** The cdk-nag rule: AwsSolutions id and, for the compliance packs, the rule name. */
  readonly cdkNag: string;
  /** The case in parity-apps.ts. */
  readonly case: string;
  /** cdk-nag's verdict on the construct. */
  readonly nag: 'fails' | 'passes';
  /** Our findings below the case scope: `rule-id @ construct path relative to the case`. */
  readonly ours: readonly string[];
  /** Why our verdict is not cdk-nag's, when it is not. */
  readonly differs?: string;
}

const ROWS: readonly Row[] = [
  {
    cdkNag: 'AwsSolutions-IAM4',
    case: 'IAM4-Failing-Admin',
    nag: 'fails',
    ours: ['admin-access/full-access @ Role/Resource'],
  },
  {
    cdkNag: 'AwsSolutions-IAM4',
    case: 'IAM4-Failing-Basic',
    nag: 'fails',
    ours: [],
    differs: 'a narrow AWS managed policy (logs of the function only) is least privilege',
  },
  { cdkNag: 'AwsSolutions-IAM4', case: 'IAM4-Passing', nag: 'passes', ours: [] },
  {
    cdkNag: 'AwsSolutions-IAM5',
    case: 'IAM5-Failing-Star',
    nag: 'fails',
    ours: [
      'data-exfiltration/unscoped-read @ Role/DefaultPolicy/Resource',
      'resource-exposure/policy-change @ Role/DefaultPolicy/Resource',
      'wildcard-action/service-wildcard @ Role/DefaultPolicy/Resource',
      'wildcard-resource/write-on-star @ Role/DefaultPolicy/Resource',
    ],
  },
  {
    cdkNag: 'AwsSolutions-IAM5',
    case: 'IAM5-Failing-Grant',
    nag: 'fails',
    ours: [],
    differs: '`bucket.grantRead` (`s3:GetObject*` on the objects of one bucket) is scoped, not a wildcard permission',
  },
  { cdkNag: 'AwsSolutions-IAM5', case: 'IAM5-Passing', nag: 'passes', ours: [] },
  {
    cdkNag: 'iam-no-inline-policy',
    case: 'NoInline-Failing-Risky',
    nag: 'fails',
    ours: ['privilege-escalation/pass-role-wildcard @ Role/Resource'],
  },
  {
    cdkNag: 'iam-no-inline-policy',
    case: 'NoInline-Failing-Scoped',
    nag: 'fails',
    ours: [],
    differs: 'an inline policy is judged on what it grants; where it is written is no risk',
  },
  { cdkNag: 'iam-no-inline-policy', case: 'NoInline-Passing', nag: 'passes', ours: [] },
  {
    cdkNag: 'iam-policy-no-statements-with-admin-access',
    case: 'AdminAccess-Failing',
    nag: 'fails',
    ours: ['admin-access/full-access @ Policy/Resource'],
  },
  { cdkNag: 'iam-policy-no-statements-with-admin-access', case: 'AdminAccess-Passing', nag: 'passes', ours: [] },
  {
    cdkNag: 'iam-policy-no-statements-with-full-access',
    case: 'FullAccess-Failing',
    nag: 'fails',
    ours: [
      'data-exfiltration/unscoped-read @ Policy/Resource',
      'resource-exposure/policy-change @ Policy/Resource',
      'wildcard-action/service-wildcard @ Policy/Resource',
      'wildcard-resource/write-on-star @ Policy/Resource',
    ],
  },
  { cdkNag: 'iam-policy-no-statements-with-full-access', case: 'FullAccess-Passing', nag: 'passes', ours: [] },
  {
    cdkNag: 'iam-user-group-membership',
    case: 'UserGroup-Failing',
    nag: 'fails',
    ours: [],
    differs: 'a user with no policy and no credential grants nothing; its policies are judged where they attach',
  },
  { cdkNag: 'iam-user-group-membership', case: 'UserGroup-Passing', nag: 'passes', ours: [] },
  {
    cdkNag: 'iam-user-no-policies',
    case: 'UserPolicies-Failing',
    nag: 'fails',
    ours: ['iam-user/direct-policy @ User/Resource'],
  },
  { cdkNag: 'iam-user-no-policies', case: 'UserPolicies-Passing', nag: 'passes', ours: [] },
  {
    cdkNag: 'AwsSolutions-S10 / s3-bucket-ssl-requests-only',
    case: 'S3Ssl-Failing',
    nag: 'fails',
    ours: [],
    differs: 'transport encryption is not what a policy allows: no TLS-only rule',
  },
  {
    cdkNag: 'AwsSolutions-S10 / s3-bucket-ssl-requests-only',
    case: 'S3Ssl-Failing-Public',
    nag: 'passes',
    ours: ['resource-exposure/public-principal @ Bucket/Policy/Resource'],
    differs: 'TLS-only does not make a public read private: the grant to `*` is the risk',
  },
  { cdkNag: 'AwsSolutions-S10 / s3-bucket-ssl-requests-only', case: 'S3Ssl-Passing', nag: 'passes', ours: [] },
  {
    cdkNag: 'AwsSolutions-SNS3',
    case: 'SnsPolicy-Failing',
    nag: 'fails',
    ours: ['resource-exposure/public-principal @ Topic/Policy/Resource'],
  },
  { cdkNag: 'AwsSolutions-SNS3', case: 'SnsPolicy-Passing', nag: 'passes', ours: [] },
  {
    cdkNag: 'AwsSolutions-SQS4',
    case: 'SqsPolicy-Failing',
    nag: 'fails',
    ours: ['resource-exposure/public-principal @ Queue/Policy/Resource'],
  },
  { cdkNag: 'AwsSolutions-SQS4', case: 'SqsPolicy-Passing', nag: 'passes', ours: [] },
  {
    cdkNag: 'AwsSolutions-KMS5',
    case: 'KmsPolicy-Failing',
    nag: 'passes',
    ours: ['resource-exposure/public-principal @ Key/Resource'],
    differs: 'cdk-nag checks key rotation, not the key policy: a key anyone may decrypt with is a finding here',
  },
  { cdkNag: 'AwsSolutions-KMS5', case: 'KmsPolicy-Passing', nag: 'passes', ours: [] },
];

let findings: readonly Finding[] = [];
let errors: readonly unknown[] = [];
/** `level [rule-id] @ construct path` of each annotation iamgate made on the assembly. */
let annotations: readonly string[] = [];
let outdir = '';

beforeAll(() => {
  outdir = mkdtempSync(path.join(tmpdir(), 'cdk-parity-'));
  const quiet = [jest.spyOn(console, 'warn'), jest.spyOn(console, 'error')].map((s) =>
    s.mockImplementation(() => undefined),
  );
  try {
    const app = parityApp({ outdir });
    const aspect = IamGuardAspect.addTo(app, {});
    const assembly = app.synth();
    const report = aspect.report;
    if (report === undefined) throw new Error('the aspect did not run');
    findings = report.result.findings;
    errors = [...report.result.errors, ...report.input.errors];
    annotations = assembly.stacks.flatMap((s) =>
      s.messages.flatMap((m) => {
        const rule = typeof m.entry.data === 'string' ? /^\[([^\]]+)\]/.exec(m.entry.data)?.[1] : undefined;
        return rule === undefined ? [] : [`${m.level} [${rule}] @ ${m.id.replace(/^\//, '')}`];
      }),
    );
  } finally {
    for (const s of quiet) s.mockRestore();
  }
}, 60_000);

afterAll(() => {
  rmSync(outdir, { recursive: true, force: true });
});

function findingsOf(row: Row): Finding[] {
  const scope = `${PARITY_STACK}/${row.case}/`;
  return findings.filter(
    (f) => f.location.constructPath?.startsWith(scope) === true || f.principal?.startsWith(scope) === true,
  );
}

describe('cdk-nag IAM rules: our verdict on the construct cdk-nag fails and on the one it passes', () => {
  it('every case of the app has a row, and the app scans without an input error', () => {
    expect(ROWS.map((r) => r.case).sort()).toEqual(Object.keys(PARITY_CASES).sort());
    expect(errors).toEqual([]);
  });

  it.each(
    ROWS.map((r) => [`${r.cdkNag}: ${r.case} (cdk-nag ${r.nag})${r.differs ? ` - differs: ${r.differs}` : ''}`, r]),
  )('%s', (_, row) => {
    const scope = `${PARITY_STACK}/${row.case}/`;
    const ours = [
      ...new Set(findingsOf(row).map((f) => `${f.ruleId} @ ${(f.location.constructPath ?? '?').replace(scope, '')}`)),
    ].sort();
    expect(ours).toEqual([...row.ours].sort());
  });

  it.each(ROWS.filter((r) => r.ours.length > 0).map((r) => [r.case, r]))(
    '%s: each finding is annotated on its construct with its level',
    (_, row) => {
      const expected = findingsOf(row).map((f) => `${f.severity} [${f.ruleId}] @ ${f.location.constructPath ?? '?'}`);
      expect(annotations).toEqual(expect.arrayContaining(expected));
    },
  );

  it.each(ROWS.filter((r) => r.ours.length === 0).map((r) => [r.case, r]))(
    '%s: no annotation of iamgate at any level',
    (_, row) => {
      expect(annotations.filter((a) => a.includes(` @ ${PARITY_STACK}/${row.case}/`))).toEqual([]);
    },
  );
});
