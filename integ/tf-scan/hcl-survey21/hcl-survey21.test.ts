import * as path from 'node:path';
import { runTfScan } from '../run-tf-scan';
import type { Finding, Report } from '../run-tf-scan';

const dir = (name: string): string => path.join('integ/tf-scan/hcl-survey21', name);

interface Scan {
  readonly report: Omit<Report, 'findings'> & {
    readonly findings: readonly (Finding & { readonly message: string })[];
  };
  readonly stderr: string;
}

const scans = new Map<string, Scan>();

/** The JSON report of `tf-scan --hcl` on one configuration of this folder, never failing on findings. */
function scanned(name: string): Scan {
  let scan = scans.get(name);
  if (scan === undefined) {
    const { stdout, stderr } = runTfScan(['--hcl', dir(name), '--format', 'json', '--fail-on', 'never']);
    scan = { report: JSON.parse(stdout) as Scan['report'], stderr };
    scans.set(name, scan);
  }
  return scan;
}

/** Rule id and address of each finding, as `ruleId address`. */
function found(name: string): string[] {
  const { report, stderr } = scanned(name);
  expect(stderr).toBe('');
  return report.findings.map((f) => `${f.ruleId} ${f.location.address ?? ''}`).sort();
}

/** The message of the finding of `ruleId` on `address`. */
function message(name: string, ruleId: string, address: string): string {
  const finding = scanned(name).report.findings.find((f) => f.ruleId === ruleId && f.location.address === address);
  if (finding === undefined) throw new Error(`no ${ruleId} on ${address}`);
  return finding.message;
}

// Runs the built binary: `npm run build` first.
describe('tf-scan --hcl on configurations as users write them, without a plan (round 21)', () => {
  const cases: { name: string; dir: string; expected: string[] }[] = [
    {
      name: "the caller's name after the first / of its ARN is one user or role; what depends on the kind of caller stays unresolved",
      dir: 'caller-name-after-slash',
      // The break-glass trust of one user and the pass of one role stay quiet (both were unresolved).
      expected: [
        'privilege-escalation/pass-role-wildcard aws_iam_role_policy.pass_any',
        'unverifiable/unresolved-policy aws_iam_role_policy.fallback',
        'unverifiable/unresolved-policy aws_iam_role_policy.field_count',
        'unverifiable/unresolved-policy aws_iam_role_policy.session_name',
        'unverifiable/unresolved-policy aws_iam_role_policy.wrapped',
      ],
    },
    {
      name: "issensitive() of a module's input follows the marks of the value its caller gives, through modules too",
      dir: 'sensitive-module-inputs',
      // Each was unverifiable: the inputs given a sensitive value (directly, in text, by
      // `sensitive()`, through another module) keep the fixed role; the others pass any role.
      expected: [
        'privilege-escalation/pass-role-wildcard module.defaulted.aws_iam_role_policy.this',
        'privilege-escalation/pass-role-wildcard module.plain.aws_iam_role_policy.this',
        'privilege-escalation/pass-role-wildcard module.unmarked.aws_iam_role_policy.this',
        'unverifiable/unresolved-policy module.from_resource.aws_iam_role_policy.this',
      ],
    },
  ];

  it.each(cases)('$name', ({ dir: name, expected }) => {
    expect(found(name)).toEqual(expected);
  });

  it.each([
    ['an element past the name', 'aws_iam_role_policy.session_name', 'only `[1]` (the user or role name) is known)'],
    ['the number of fields', 'aws_iam_role_policy.field_count', "has 1 field for the account's root user, 2 or more"],
    ['element(), which wraps around', 'aws_iam_role_policy.wrapped', 'only `[1]` (the user or role name) is known)'],
    [
      '[1] under try()',
      'aws_iam_role_policy.fallback',
      'except under `try()` or `can()`, which fall back where it has no element `[1]`',
    ],
  ])("says why %s of the caller's ARN split at / stays unresolved", (_what, address, why) => {
    expect(message('caller-name-after-slash', 'unverifiable/unresolved-policy', address)).toContain(why);
  });

  it('says why the marks of a resource attribute given to a module are not known', () => {
    expect(
      message(
        'sensitive-module-inputs',
        'unverifiable/unresolved-policy',
        'module.from_resource.aws_iam_role_policy.this',
      ),
    ).toContain('`issensitive` of a value whose sensitivity is not tracked');
  });
});
