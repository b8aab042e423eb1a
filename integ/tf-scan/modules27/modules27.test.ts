import * as path from 'node:path';
import { jsonReport, ruleIdsByAddress } from '../run-tf-scan';
import type { Finding } from '../run-tf-scan';

const fixture = (name: string): string => path.join('integ/tf-scan/modules27', name);

/** The findings of `tf-scan` on `args` (a plan, or `--hcl DIR`); standard error must stay empty. */
function findings(...args: string[]): readonly Finding[] {
  const report = jsonReport(args);
  expect({ stderr: report.stderr, errors: report.errors }).toEqual({ stderr: '', errors: [] });
  return report.findings;
}

// Runs the built binary: `npm run build` first.
describe('module instances picked by a computed key', () => {
  // `role = module.r[count.index + 1].name` leaves the plan the references of `module.r[count.index].name`.
  it('the plan alone: the instance whose role name is the one the plan shows, not the attachment’s own index', () => {
    const { got, want } = ruleIdsByAddress(findings(fixture('shifted-instance/plan.json')), {
      'module.r[1].aws_iam_role.this': ['admin-access/full-access'],
      'module.r[0].aws_iam_role.this': [],
    });
    expect(got).toEqual(want);
  });

  it('beside a .tf text the key cannot be read from (`trimspace(...)`), no instance is guessed: the attachment is judged on its own', () => {
    const { got, want } = ruleIdsByAddress(findings(fixture('shifted-instance-beside-tf/plan.json')), {
      'aws_iam_role_policy_attachment.admin[0]': ['admin-access/full-access'],
      'module.r[0].aws_iam_role.this': [],
      'module.r[1].aws_iam_role.this': [],
    });
    expect(got).toEqual(want);
  });
});

describe('why a policy stays unresolved', () => {
  it('`format` of a specification only apply knows says so, after the expression', () => {
    const [only, ...others] = findings('--hcl', fixture('format-unknown-spec'));
    expect(others).toEqual([]);
    expect(only?.ruleId).toBe('unverifiable/unresolved-policy');
    expect(only?.message).toMatch(
      /\(`format` of a specification holding `aws_s3_bucket\.b\.bucket`, whose value \(and so its verbs\) is unknown\)$/,
    );
  });
});
