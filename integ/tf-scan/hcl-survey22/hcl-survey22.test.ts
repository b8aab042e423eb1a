import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ROOT, runTfScan } from '../run-tf-scan';
import type { Finding, Report } from '../run-tf-scan';

const dir = (name: string): string => path.join('integ/tf-scan/hcl-survey22', name);

interface Scan {
  readonly report: Omit<Report, 'findings'> & {
    readonly findings: readonly (Finding & { readonly message: string })[];
  };
  readonly stderr: string;
}

const scans = new Map<string, Scan>();

/** The JSON report of `tf-scan --hcl` on one configuration, never failing on findings. */
function scanned(where: string): Scan {
  let scan = scans.get(where);
  if (scan === undefined) {
    const { stdout, stderr } = runTfScan(['--hcl', where, '--format', 'json', '--fail-on', 'never']);
    scan = { report: JSON.parse(stdout) as Scan['report'], stderr };
    scans.set(where, scan);
  }
  return scan;
}

/** Rule id and address of each finding, as `ruleId address`. */
function found(where: string): string[] {
  const { report, stderr } = scanned(where);
  expect(stderr).toBe('');
  return report.findings.map((f) => `${f.ruleId} ${f.location.address ?? ''}`).sort();
}

/** The message of the finding of `ruleId` on `address`. */
function message(where: string, ruleId: string, address: string): string {
  const finding = scanned(where).report.findings.find((f) => f.ruleId === ruleId && f.location.address === address);
  if (finding === undefined) throw new Error(`no ${ruleId} on ${address}`);
  return finding.message;
}

/** A copy of a configuration of this folder in a fresh directory, to add what git does not keep. */
function copied(name: string): string {
  const target = fs.mkdtempSync(path.join(os.tmpdir(), 'tf-scan-survey22-'));
  fs.cpSync(path.join(ROOT, dir(name)), target, { recursive: true });
  return target;
}

// Runs the built binary: `npm run build` first.
describe('tf-scan --hcl on configurations as users write them, without a plan (round 22)', () => {
  const cases: { name: string; dir: string; expected: string[] }[] = [
    {
      name: 'documents built from source and override documents, principals from formatlist()',
      dir: 'document-chains',
      // The override and the document's own statement of the same sid replace the source's (one
      // role), later overrides win, the trust needs an external id: quiet. Only the override
      // that widens the sid to `*` passes any role.
      expected: ['privilege-escalation/pass-role-wildcard aws_iam_role_policy.widened'],
    },
    {
      name: 'resource lists from for filters, splats, one(), try(), alltrue(), zipmap(), setproduct(), regex() and replace()',
      dir: 'expressions',
      // Every list is what Terraform computes (nothing unresolved); one() of no batch role is null,
      // coalesced to `*`; a name cut by split() and element() is `*`.
      expected: [
        'privilege-escalation/pass-role-wildcard aws_iam_role_policy.batch',
        'privilege-escalation/pass-role-wildcard aws_iam_role_policy.split_name',
      ],
    },
    {
      name: 'values from terraform.tfvars and *.auto.tfvars(.json) in a .tf.json configuration, templates and heredocs',
      dir: 'variables-and-templates',
      // deploy.auto.tfvars.json wins over terraform.tfvars and turns the template's admin switch on
      // ("true" converted to a bool); z.auto.tfvars names the heredoc's bucket (quiet); the JSON
      // default and the heredoc keep `${aws:username}` as text, a user name no role has.
      expected: [
        'admin-access/full-access aws_iam_role_policy.deploy',
        'policy-validity/policy-variable aws_iam_role_policy.home',
        'policy-validity/policy-variable aws_iam_role_policy.list_home',
      ],
    },
    {
      name: 'local modules two levels deep, count and for_each calls, provider aliases, moved and import blocks, a module not installed',
      dir: 'nested-modules',
      // The services' buckets and the worker's pass of the api role are quiet; the module turned
      // off by count = 0 says nothing though not installed.
      expected: [
        'privilege-escalation/pass-role-wildcard aws_iam_role_policy.legacy',
        'privilege-escalation/pass-role-wildcard module.reader.aws_iam_role_policy.this',
        'privilege-escalation/pass-role-wildcard module.reader_cn.aws_iam_role_policy.this',
        'unverifiable/unresolved-policy module.ops_role',
      ],
    },
    {
      name: 'outputs of for_each module instances read by a sibling module',
      dir: 'module-instances-to-siblings',
      // The CI role's grants on the instances' roles are one role each: quiet.
      expected: ['data-exfiltration/unscoped-read module.roles["api"].aws_iam_role.this'],
    },
    {
      name: "hidden files, an editor's backups and a folder named like a .tf file are left out",
      dir: 'ignored-files',
      expected: [],
    },
  ];

  it.each(cases)('$name', ({ dir: name, expected }) => {
    expect(found(dir(name))).toEqual(expected);
  });

  it("the module handed the China provider configuration passes roles of that partition's ARNs", () => {
    expect(
      message(
        dir('nested-modules'),
        'privilege-escalation/pass-role-wildcard',
        'module.reader_cn.aws_iam_role_policy.this',
      ),
    ).toContain('`iam:PassRole` on `arn:aws-cn:iam::111122223333:role/*`');
  });

  it('a name computed by split() and element() is shown as Terraform computes it', () => {
    expect(
      message(dir('expressions'), 'privilege-escalation/pass-role-wildcard', 'aws_iam_role_policy.split_name'),
    ).toContain('`iam:PassRole` on `arn:aws:iam::111122223333:role/*`');
  });

  it("a variable's default in a .tf.json file is literal: the policy variable is checked, not left unresolved", () => {
    expect(
      message(dir('variables-and-templates'), 'policy-validity/policy-variable', 'aws_iam_role_policy.home'),
    ).toContain('`arn:aws:s3:::acme-home/${aws:username}/*`');
  });

  it('a module not installed says what could not be checked and how to check it', () => {
    expect(message(dir('nested-modules'), 'unverifiable/unresolved-policy', 'module.ops_role')).toMatch(
      /module source `terraform-aws-modules\/iam\/aws\/\/modules\/iam-assumable-role` is not installed, so the roles and policies it creates are not read: run `terraform init` first, or scan the plan$/,
    );
  });

  it('the lock Emacs links beside a file being edited (a link to nothing) is left out, as Terraform leaves it', () => {
    const target = copied('ignored-files');
    fs.symlinkSync('dev@laptop.4242:1764460800', path.join(target, '.#main.tf'));
    expect(found(target)).toEqual([]);
  });

  const errors: { name: string; where: () => string; message: RegExp }[] = [
    {
      name: 'a syntax error in one file: its first diagnostic, with file and line',
      where: () => dir('broken/syntax-error'),
      message:
        /^integ\/tf-scan\/hcl-survey22\/broken\/syntax-error\/policy\.tf: invalid HCL at line 3, column 16: invalid multi-line string; [^\n]*template syntax\.\n$/,
    },
    {
      name: 'a terraform.tfvars that does not parse: its file and line, no name of our own',
      where: () => dir('broken/bad-tfvars'),
      message:
        /^integ\/tf-scan\/hcl-survey22\/broken\/bad-tfvars\/terraform\.tfvars: invalid HCL at line 1, column 20: invalid multi-line string; [^\n]*template syntax\.\n$/,
    },
    {
      name: 'a directory of .tfvars only: says to scan the configuration with --var-file',
      where: () => dir('broken/tfvars-only'),
      message:
        /^integ\/tf-scan\/hcl-survey22\/broken\/tfvars-only: holds no \.tf, \.tf\.json, \.tofu or \.tofu\.json file: it holds variable values only \(`terraform\.tfvars`\); scan the configuration they are for, giving them with `--var-file integ\/tf-scan\/hcl-survey22\/broken\/tfvars-only\/terraform\.tfvars`\n$/,
    },
    {
      name: 'a local module whose folder is missing: the call that names it',
      where: () => dir('broken/missing-local-module'),
      message:
        /^integ\/tf-scan\/hcl-survey22\/broken\/missing-local-module\/main\.tf: module `iam` \(source `\.\/modules\/iam`\): `integ\/tf-scan\/hcl-survey22\/broken\/missing-local-module\/modules\/iam` is not a directory\n$/,
    },
    {
      name: 'a value of terraform.tfvars failing a validation block: its error message',
      where: () => dir('broken/failed-validation'),
      message:
        /^tf-scan: integ\/tf-scan\/hcl-survey22\/broken\/failed-validation\/terraform\.tfvars:1: the value of variable `environment` fails its validation: The environment must be dev or prod\.\n$/,
    },
    {
      name: 'an empty directory',
      where: () => fs.mkdtempSync(path.join(os.tmpdir(), 'tf-scan-survey22-empty-')),
      message: /^[^`:]+: holds no \.tf, \.tf\.json, \.tofu or \.tofu\.json file\n$/,
    },
    {
      name: 'a .tf file that is a link to nothing: why it cannot be read',
      where: () => {
        const target = copied('ignored-files');
        fs.symlinkSync(path.join(target, 'shared', 'providers.tf'), path.join(target, 'providers.tf'));
        return target;
      },
      message: /\/providers\.tf: cannot read: a symbolic link to a file that does not exist\n$/,
    },
  ];

  it.each(errors)('input error (exit 2, one line): $name', ({ where, message: expected }) => {
    const result = runTfScan(['--hcl', where()]);
    expect(result.status).toBe(2);
    // A file that cannot be read is said as a plan that cannot be: the report says nothing was checked;
    // a plan Terraform would stop (a failed validation) is the command's own line.
    expect(result.stdout).toBe(expected.source.startsWith('^tf-scan: ') ? '' : '1 input error: not checked\n');
    expect(result.stderr).toMatch(expected);
  });
});
