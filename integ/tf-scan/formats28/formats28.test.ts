/**
 * Plans of newer Terraform and OpenTofu versions (integ/tf-scan/formats28, written by
 * `build-plans.js`) through the real binary (`npm run build` first): what each is scanned as, what
 * is said of it, and the exit code. Every plan holds a role whose inline policy passes any role, so
 * a plan read wrong shows as that finding missing. README.md says why each verdict is expected.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { jsonReport, ruleIdsByAddress, runTfScan } from '../run-tf-scan';

const DIR = 'integ/tf-scan/formats28';
const plan = (name: string): string => path.join(DIR, name);

const PASS_ANY = ['privilege-escalation/pass-role-wildcard', 'wildcard-resource/write-on-star'];

interface Row {
  readonly plan: string;
  readonly behaviour: string;
  readonly status: number;
  readonly expected: Readonly<Record<string, readonly string[]>>;
  /** What standard error says (a note, or the input error), `''` for nothing. */
  readonly stderr?: RegExp;
}

const ROWS: readonly Row[] = [
  {
    plan: 'checks-drift.json',
    behaviour: 'checks, resource_drift, relevant_attributes and a sensitive output change are read around',
    status: 1,
    // the drifted policy deleted outside the configuration is not the plan's
    expected: { 'aws_iam_role_policy.deploy': PASS_ANY, 'aws_iam_role_policy.old': [] },
  },
  {
    plan: 'import-generated.json',
    behaviour: 'an imported policy (`importing.id`, `generated_config`) is judged as it will be managed',
    status: 1,
    expected: { 'aws_iam_role_policy.deploy': PASS_ANY },
  },
  {
    plan: 'moved.json',
    behaviour: 'a policy moved (`previous_address`) is judged at its new address',
    status: 1,
    expected: { 'aws_iam_role_policy.deploy': PASS_ANY, 'aws_iam_role_policy.ci': [] },
  },
  {
    plan: 'deferred.json',
    behaviour: 'a policy deferred for an unknown `for_each` is unverifiable, never passed',
    status: 0,
    expected: { 'aws_iam_role_policy.deploy[*]': ['unverifiable/unresolved-policy'] },
  },
  {
    plan: 'deferred-document.json',
    behaviour: 'a policy reading a deferred document says so, not which instance it reads',
    status: 0,
    expected: { 'aws_iam_role_policy.deploy': ['unverifiable/unresolved-policy'] },
  },
  {
    plan: 'deferred-keyed-document.json',
    behaviour: 'a policy reading an instance of a document whose `count` was deferred (`[*]`) says so',
    status: 0,
    expected: { 'aws_iam_role_policy.deploy': ['unverifiable/unresolved-policy'] },
  },
  {
    plan: 'action-reasons.json',
    behaviour: 'a tainted policy replaced is judged; a role deleted with its module is not',
    status: 1,
    expected: { 'aws_iam_role_policy.deploy': PASS_ANY, 'module.legacy.aws_iam_role.legacy': [] },
  },
  {
    plan: 'write-only.json',
    behaviour: 'a write-only argument shown null and an ephemeral resource are no error; the secret policy is judged',
    status: 1,
    expected: {
      'aws_iam_role_policy.deploy': PASS_ANY,
      'aws_secretsmanager_secret_policy.db': ['resource-exposure/public-principal'],
    },
  },
  {
    plan: 'errored.json',
    behaviour: 'an errored plan is an input error, what it holds reported too',
    status: 2,
    expected: { 'aws_iam_role_policy.deploy': PASS_ANY },
    stderr: /^integ\/tf-scan\/formats28\/errored\.json: \/errored: the plan is errored: /,
  },
  {
    plan: 'target.json',
    behaviour: 'a `-target` plan (`complete: false`, nothing deferred) is scanned and said to leave resources out',
    status: 1,
    expected: { 'aws_iam_role_policy.deploy': PASS_ANY },
    stderr:
      /^tf-scan: integ\/tf-scan\/formats28\/target\.json: an incomplete plan \(`complete: false`, as `terraform plan -target` writes\): only the changes it lists are scanned/,
  },
  {
    plan: 'refresh-only.json',
    behaviour: 'a refresh-only plan judges the drifted state as it exists',
    status: 1,
    expected: { 'aws_iam_role_policy.deploy': PASS_ANY },
    stderr: /^tf-scan: integ\/tf-scan\/formats28\/refresh-only\.json: a refresh-only plan /,
  },
  {
    plan: 'destroy.json',
    behaviour: 'a `-destroy` plan leaves nothing to judge',
    status: 0,
    expected: { 'aws_iam_role_policy.deploy': [] },
  },
  {
    plan: 'opentofu.json',
    behaviour: 'an OpenTofu plan (its registry, version 1.8) is read as a Terraform one',
    status: 1,
    expected: { 'aws_iam_role_policy.deploy': PASS_ANY },
  },
  {
    plan: 'provider-alias.json',
    behaviour: 'a module given an aliased provider (`provider_config_key` `aws.us`) is scanned',
    status: 1,
    expected: {
      'module.iam.aws_iam_role_policy.deploy': PASS_ANY,
      'module.iam.aws_iam_role_policy.jobs': ['wildcard-action/service-wildcard'],
    },
  },
];

describe('plans of newer Terraform and OpenTofu versions', () => {
  it.each(ROWS)('$plan: $behaviour', ({ plan: name, status, expected, stderr }) => {
    const run = runTfScan([plan(name), '--format', 'json']);
    expect(run.status).toBe(status);
    if (stderr === undefined) expect(run.stderr).toBe('');
    else expect(run.stderr).toMatch(stderr);
    expect(run.stderr.split('\n').filter((l) => l !== '').length).toBeLessThanOrEqual(1);
    const report = jsonReport([plan(name)]);
    const { got, want } = ruleIdsByAddress(report.findings, expected);
    expect(got).toEqual(want);
  });

  it('the plans on disk are those build-plans.js writes', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the builder is plain CommonJS
    const { buildPlans } = require('./build-plans') as { buildPlans: () => Record<string, unknown> };
    for (const [name, value] of Object.entries(buildPlans()))
      expect(fs.readFileSync(plan(name), 'utf8')).toBe(`${JSON.stringify(value, null, 2)}\n`);
  });

  it('the deferred document is named with its reason', () => {
    const [only, ...others] = jsonReport([plan('deferred-document.json')]).findings;
    expect(others).toEqual([]);
    expect(only?.message).toMatch(
      /: `aws_iam_role_policy\.deploy\.policy` reads `data\.aws_iam_policy_document\.deploy`, which Terraform deferred to a later plan because something it depends on is deferred$/,
    );
  });

  it('the instance of a document deferred for its unknown `count` is named with its reason', () => {
    const [only, ...others] = jsonReport([plan('deferred-keyed-document.json')]).findings;
    expect(others).toEqual([]);
    expect(only?.message).toMatch(
      /: `aws_iam_role_policy\.deploy\.policy` reads `data\.aws_iam_policy_document\.deploy\[0\]`, which Terraform deferred to a later plan because its `count` or `for_each` is known only after apply$/,
    );
  });

  it("the ARN tf-scan builds for a queue of the aliased provider is in that provider's Region", () => {
    const wildcard = jsonReport([plan('provider-alias.json')]).findings.filter(
      (f) => f.ruleId === 'wildcard-action/service-wildcard',
    );
    expect(wildcard.map((f) => f.message)).toEqual([
      expect.stringContaining('is allowed every action (`*`) on `arn:aws:sqs:us-east-1:'),
    ]);
  });

  it('`complete` that is not a boolean is an input error naming its pointer', () => {
    const read = JSON.parse(fs.readFileSync(plan('target.json'), 'utf8')) as Record<string, unknown>;
    const run = runTfScan(['-'], JSON.stringify({ ...read, complete: 'no' }));
    expect({ status: run.status, stderr: run.stderr.trim() }).toEqual({
      status: 2,
      stderr: '<stdin>: /complete: not a Terraform plan: expected boolean, found string `no`',
    });
  });
});
