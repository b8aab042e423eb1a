/**
 * Broken plans a user could feed tf-scan (integ/tf-scan/badinput29, README.md says how each was
 * made), through the real binary: each is an input error of one line naming the file and, where a
 * place in the JSON is at fault, its JSON pointer (exit 2), or is read as the plan it is. Never a
 * stack trace, a hang or a silent pass. The large and the deep ones are written here, in a
 * temporary folder.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ROOT, runTfScan } from '../run-tf-scan';

const DIR = 'integ/tf-scan/badinput29';
/** The plan the fixtures were made from: a module given `aws.us`, one of whose roles may pass any role. */
const BASE = 'integ/tf-scan/formats28/provider-alias.json';
const PASS_ANY = 'privilege-escalation/pass-role-wildcard';

interface Row {
  readonly file: string;
  readonly behaviour: string;
  /** The one line of standard error, the file name and `: ` left out; `''` for none. */
  readonly stderr: string | RegExp;
  readonly status: number;
  /** A rule the scan must report (the plan read as it is). */
  readonly finding?: string;
}

const ROWS: readonly Row[] = [
  {
    file: 'truncated.json',
    behaviour: 'a plan cut short (a CI log limit)',
    stderr: 'invalid JSON: the file ends too early (truncated?)',
    status: 2,
  },
  {
    file: 'empty.json',
    behaviour: 'an empty file (`terraform show -json` that failed, its output redirected)',
    stderr: 'is empty, expected the output of `terraform show -json`',
    status: 2,
  },
  {
    file: 'state-shown.json',
    behaviour: '`terraform show -json` of the state (`values`, no `planned_values`)',
    stderr: /^the state as `terraform show -json` shows it without a plan file/,
    status: 2,
  },
  {
    file: 'resource-changes-null.json',
    behaviour: '`resource_changes` null',
    stderr: '/resource_changes: not a Terraform plan: expected array, found null',
    status: 2,
  },
  {
    file: 'duplicate-address.json',
    behaviour: 'an address listed twice, the second change granting more',
    stderr:
      '/resource_changes/5/address: not a Terraform plan: `module.iam.aws_iam_role_policy.deploy` is listed twice in `resource_changes` (also at /resource_changes/1)',
    status: 2,
  },
  {
    file: 'format-2.json',
    behaviour: 'a format version of the future',
    stderr: '/format_version: unsupported format_version `2.0`: tf-scan reads versions 0.x and 1.x',
    status: 2,
  },
  {
    file: 'number-overflow.json',
    behaviour: 'an instance index too large for a number (`1e400`)',
    stderr: '/resource_changes/1/index: not a Terraform plan: number out of range: expected at most 9007199254740991',
    status: 2,
  },
  {
    file: 'attachment-wrong-types.json',
    behaviour: 'an SCP attachment with `policy_id: 5`, `target_id: null`',
    stderr:
      '/resource_changes/0/change/after/policy_id: not a Terraform plan: in an `aws_organizations_policy_attachment`, expected string or null, found number `5`',
    status: 2,
  },
  {
    file: 'role-as-list.json',
    behaviour: 'an inline policy whose `role` is a list',
    stderr:
      '/resource_changes/1/change/after/role: not a Terraform plan: in an `aws_iam_role_policy`, expected string or null, found an array',
    status: 2,
  },
  {
    file: 'actions-as-string.json',
    behaviour: 'a policy document whose statement `actions` is a string, not a list',
    stderr:
      '/resource_changes/3/change/after/statement/0/actions: not a Terraform plan: in an `aws_iam_policy_document`, expected array or null, found string `*`',
    status: 2,
  },
  {
    file: 'azurerm-only.json',
    behaviour: 'a plan of the azurerm provider only: nothing to check, and said',
    stderr: 'no resource of the hashicorp/aws provider (only `azurerm`): nothing tf-scan reads',
    status: 0,
  },
  {
    file: 'awscc-only.json',
    behaviour: 'a plan of the AWS Cloud Control provider only: said not read, not said to have no AWS resource',
    stderr:
      'no resource of the hashicorp/aws provider (only `awscc`): nothing tf-scan reads; AWS Cloud Control resources (`awscc_*`) are not read',
    status: 0,
  },
  {
    file: 'lambda-principal-as-list.json',
    behaviour: 'a Lambda permission whose `principal` is `["*"]`, not a string',
    stderr:
      '/resource_changes/0/change/after/principal: not a Terraform plan: in an `aws_lambda_permission`, expected string or null, found an array',
    status: 2,
  },
  {
    file: 'bom-crlf.json',
    behaviour: 'a byte order mark and CRLF line ends (PowerShell): read as the plan',
    stderr: '',
    status: 1,
    finding: PASS_ANY,
  },
  {
    file: 'lone-surrogate.json',
    behaviour: 'a policy whose `Sid` holds a lone UTF-16 surrogate (`\\ud800`): read, the Sid refused',
    stderr: '',
    status: 1,
    finding: 'policy-validity/invalid-policy',
  },
];

/** Runs the binary on `file` (relative to the root), checking the shape of what it prints whatever the case. */
function scan(file: string): { status: number | null; stderr: string; rules: string[] } {
  const run = runTfScan([file, '--format', 'json'], undefined);
  expect(run.stderr).not.toMatch(/\n\s+at |Error:|TypeError|RangeError/);
  const lines = run.stderr.split('\n').filter((l) => l !== '');
  expect(lines.length).toBeLessThanOrEqual(1);
  const report = JSON.parse(run.stdout) as { findings: { ruleId: string }[] };
  return { status: run.status, stderr: lines[0] ?? '', rules: report.findings.map((f) => f.ruleId) };
}

/** What the binary prints before the message: the file (notes add `tf-scan: `). */
function prefixOf(file: string, status: number): string {
  return status === 2 ? `${file}: ` : `tf-scan: ${file}: `;
}

describe('broken plans a user could feed', () => {
  it.each(ROWS)('$file: $behaviour', ({ file, stderr, status, finding }) => {
    const name = `${DIR}/${file}`;
    const run = scan(name);
    expect(run.status).toBe(status);
    if (stderr === '') expect(run.stderr).toBe('');
    else {
      expect(run.stderr.startsWith(prefixOf(name, status))).toBe(true);
      const message = run.stderr.slice(prefixOf(name, status).length);
      if (typeof stderr === 'string') expect(message).toBe(stderr);
      else expect(message).toMatch(stderr);
    }
    if (finding !== undefined) expect(run.rules).toContain(finding);
    else expect(run.rules).toEqual([]);
  });

  it('a directory given as the plan file', () => {
    const run = scan(DIR);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(`${DIR}: is a directory, expected a file`);
  });

  describe('written here', () => {
    let tmp: string;
    beforeAll(() => {
      tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'badinput29-'));
    });
    afterAll(() => {
      fs.rmSync(tmp, { recursive: true, force: true });
    });
    const base = (): { resource_changes: { type: string; change: { after: Record<string, unknown> } }[] } =>
      JSON.parse(fs.readFileSync(path.join(ROOT, BASE), 'utf8')) as ReturnType<typeof base>;
    const inline = (plan: ReturnType<typeof base>): Record<string, unknown> => {
      const change = plan.resource_changes.find(
        (c) => c.type === 'aws_iam_role_policy' && typeof c.change.after['policy'] === 'string',
      );
      if (change === undefined) throw new Error(`${BASE} has no inline policy`);
      return change.change.after;
    };

    it('200 MB of whitespace: refused as no plan, in bounded time', () => {
      const file = path.join(tmp, 'whitespace.json');
      const fd = fs.openSync(file, 'w');
      const block = Buffer.alloc(1 << 20, ' ');
      for (let i = 0; i < 200; i += 1) fs.writeSync(fd, block);
      fs.closeSync(fd);
      const run = scan(file);
      expect(run.status).toBe(2);
      expect(run.stderr).toBe(`${file}: is only whitespace, expected the output of \`terraform show -json\``);
    }, 120_000);

    it('a policy nested 10,000 levels deep (as a string and as an object): read, refused as a policy', () => {
      const deep = `${'['.repeat(10_000)}"x"${']'.repeat(10_000)}`;
      const statement = `{"Effect":"Allow","Action":"iam:PassRole","Resource":"*","Condition":{"StringEquals":{"aws:x":${deep}}}}`;
      const asString = base();
      inline(asString)['policy'] = `{"Version":"2012-10-17","Statement":[${statement}]}`;
      const asObject = base();
      inline(asObject)['policy'] = '@deep@';
      for (const [name, text] of [
        ['deep-string.json', JSON.stringify(asString)],
        [
          'deep-object.json',
          JSON.stringify(asObject).replace('"@deep@"', `{"Statement":${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}}`),
        ],
      ] as const) {
        const file = path.join(tmp, name);
        fs.writeFileSync(file, text);
        const run = scan(file);
        expect(run.status).toBe(1);
        expect(run.rules).toContain('policy-validity/invalid-policy');
      }
    }, 60_000);

    it('a condition value too large for a number (`1e400`) in a policy document: refused with its pointer', () => {
      const plan = base();
      const document = plan.resource_changes.find((c) => c.type === 'aws_iam_policy_document');
      if (document === undefined) throw new Error(`${BASE} has no policy document`);
      const statements = document.change.after['statement'] as Record<string, unknown>[];
      statements[0] = {
        ...statements[0],
        condition: [{ test: 'NumericLessThan', variable: 'aws:x', values: ['@n@'] }],
      };
      const file = path.join(tmp, 'condition-overflow.json');
      fs.writeFileSync(file, JSON.stringify(plan).replace('"@n@"', '1e400'));
      const index = plan.resource_changes.indexOf(document);
      const run = scan(file);
      expect(run.status).toBe(2);
      expect(run.stderr).toBe(
        `${file}: /resource_changes/${index}/change/after/statement/0/condition/0/values/0: not a Terraform plan: in an \`aws_iam_policy_document\`, number out of range: expected at most 1.7976931348623157e+308`,
      );
    });
  });
});
