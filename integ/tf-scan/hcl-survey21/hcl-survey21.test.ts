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
    {
      name: 'policies from templatefile() (lists, a resource ARN, a switch) and file()',
      dir: 'templated-policy-files',
      // The reader's named buckets, log objects and one key stay quiet; the template given `s3:*`
      // is a wildcard action on those objects only, and the file's iam:PassRole on `*` an error.
      expected: [
        'privilege-escalation/pass-role-wildcard aws_iam_policy.ops',
        'wildcard-action/service-wildcard aws_iam_role_policy.writer',
      ],
    },
    {
      name: 'statements built by for expressions over a map, conditions from merge() of tag maps',
      dir: 'statements-from-maps',
      // One statement per queue on its queue, and the instances conditioned on three tags, stay
      // quiet; the twin whose for filters every tag out has an empty condition on every instance.
      expected: [
        'policy-validity/policy-warning aws_iam_role_policy.untagged_instances',
        'wildcard-resource/write-on-star aws_iam_role_policy.untagged_instances',
      ],
    },
    {
      name: 'dynamic "statement" and "condition" blocks of aws_iam_policy_document over a typed map',
      dir: 'dynamic-document-statements',
      // The parameters of the app stay quiet; iam:PassRole on `*` limited to ECS tasks still passes
      // any role; the admin document (with `iterator`) is full access of the break-glass role.
      expected: [
        'admin-access/full-access aws_iam_policy.admin',
        'privilege-escalation/pass-role-wildcard aws_iam_role_policy.app',
      ],
    },
    {
      name: 'resource lists from concat() and flatten() in locals, settings read with try(), coalesce() and lookup()',
      dir: 'list-locals-and-defaults',
      // Two tables, their indexes and streams, one log stream: quiet; the archive table that
      // try() falls back to `*` for is every table.
      expected: [
        'data-exfiltration/unscoped-read aws_iam_role_policy.archive',
        'wildcard-resource/write-on-star aws_iam_role_policy.archive',
      ],
    },
    {
      name: 'roles for_each over toset() of a list with a duplicate, modules toggled by count = var.x ? 1 : 0',
      dir: 'roles-by-set-and-toggled-modules',
      // One role per distinct service, only search passes any role; the legacy module is off.
      expected: [
        'privilege-escalation/iam-policy-modification module.ci[0].aws_iam_role_policy.this',
        'privilege-escalation/pass-role-wildcard aws_iam_role_policy.service["search"]',
        'privilege-escalation/user-credentials module.ci[0].aws_iam_role_policy.this',
        'wildcard-resource/write-on-star module.ci[0].aws_iam_role_policy.this',
      ],
    },
    {
      name: 'conditions rendered only with tags, null optional inputs, null policy elements and a trailing comma',
      dir: 'rendered-conditions-and-nulls',
      // merge() skips the null map and the dynamic block over [] adds nothing: quiet. Without tags
      // the template has no condition; null elements and the comma are refused by IAM.
      expected: [
        'policy-validity/invalid-policy aws_iam_role_policy.null_condition',
        'policy-validity/invalid-policy aws_iam_role_policy.null_resource',
        'policy-validity/invalid-policy aws_iam_role_policy.trailing_comma',
        'wildcard-resource/write-on-star aws_iam_role_policy.no_tags',
      ],
    },
    {
      name: 'a for_each filtered by a for expression, outputs of a toggled module, setproduct() and a dynamic condition',
      dir: 'filtered-instances-and-module-outputs',
      // The disabled `b` (sqs:* on every queue) makes no role; the CI role, the buckets' objects,
      // the prefixes and the tagged instances stay quiet (nothing left unresolved).
      expected: ['wildcard-action/service-wildcard aws_iam_role_policy.svc["c"]'],
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
