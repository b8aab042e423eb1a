/**
 * Files met when running `tf-scan` on public plans and on the ways CI jobs save them
 * (integ/tf-scan/survey, written by hand), through the real binary (`npx tsc -b packages/tf-scan`
 * first): what is not the output of `terraform show -json` is refused in one line that says what
 * it is, and a plan saved in another encoding is read as its UTF-8 form.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { jsonReport, runTfScan } from './run-tf-scan';

const fixture = (name: string): string => path.join('integ/tf-scan/survey', name);

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'tf-scan-survey-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** `bytes` written to a file of the temporary folder; its path. */
function written(name: string, bytes: Buffer): string {
  const file = path.join(dir, name);
  writeFileSync(file, bytes);
  return file;
}

/** The plan of `pass-role-plan.json` as UTF-16 without a byte order mark, in either byte order. */
function utf16WithoutBom(order: 'le' | 'be'): Buffer {
  const le = Buffer.from(readFileSync(fixture('pass-role-plan.json'), 'utf8'), 'utf16le');
  return order === 'le' ? le : Buffer.from(le).swap16();
}

/** Rule ids by principal, from the JSON report of `file` (stderr must stay empty). */
function verdicts(file: string): Record<string, string[]> {
  const report = jsonReport([file]);
  expect(report.stderr).toBe('');
  expect(report.errors).toEqual([]);
  const out: Record<string, string[]> = {};
  for (const f of report.findings) (out[f.principal ?? '(none)'] ??= []).push(f.ruleId);
  return out;
}

/** Exit code and the one line on stderr of the binary on `file`. */
function refused(file: string): { status: number | null; line: string } {
  const { status, stderr } = runTfScan([file, '--format', 'json']);
  const lines = stderr.split('\n').filter((l) => l !== '');
  expect(lines).toHaveLength(1);
  return { status, line: lines[0] ?? '' };
}

describe('a plan saved as UTF-16 without a byte order mark', () => {
  const utf8 = (): Record<string, string[]> => verdicts(fixture('pass-role-plan.json'));

  it('the plan in UTF-8 (the near miss): `iam:PassRole` on `*` is reported', () => {
    expect(utf8()).toEqual({ 'aws_iam_role.deployer': ['privilege-escalation/pass-role-wildcard'] });
  });

  it.each(['le', 'be'] as const)('UTF-16 %s is read as its UTF-8 form: the same findings', (order) => {
    expect(verdicts(written(`plan-utf16${order}.json`, utf16WithoutBom(order)))).toEqual(utf8());
  });
});

describe('a plan with whitespace between its tokens, larger than what the reader holds at once', () => {
  it("a run of spaces across the end of the reader's first window (4 MiB), after a `:` in an entry: read, and reported", () => {
    const text = JSON.stringify(JSON.parse(readFileSync(fixture('pass-role-plan.json'), 'utf8')));
    const at = text.indexOf('"policy":', text.indexOf('"resource_changes"')) + '"policy":'.length;
    // 1 MiB to 9 MiB into the file: wherever a window of a few MiB ends, it ends in these spaces.
    const spaced = `${text.slice(0, at)}${' '.repeat(8 * 1024 * 1024)}${text.slice(at)}`;
    expect(verdicts(written('spaced.json', Buffer.from(spaced)))).toEqual({
      'aws_iam_role.deployer': ['privilege-escalation/pass-role-wildcard'],
    });
  });
});

describe('files that are not the output of `terraform show -json` are refused with what they are', () => {
  it('the output of the hashicorp/setup-terraform wrapper (a `[command]` line first): exit 2, what to change', () => {
    const file = fixture('setup-terraform-wrapper.json');
    expect(refused(file)).toEqual({
      status: 2,
      line: `${file}: not the output of \`terraform show -json\` alone: it starts with the \`[command]\` line of the hashicorp/setup-terraform wrapper (set \`terraform_wrapper: false\`, or call \`terraform-bin\`)`,
    });
  });

  it('a binary plan file (a zip archive), not told to be saved as UTF-8', () => {
    // A zip local file header (version 2.0, deflated) for an entry `tfplan`, then compressed bytes.
    const header = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x08, 0x00, 0x08, 0x00]);
    const file = written(
      'tfplan',
      Buffer.concat([header, Buffer.alloc(16), Buffer.from('tfplan'), Buffer.from([0x9c, 0xe2, 0xff, 0x80])]),
    );
    expect(refused(file)).toEqual({
      status: 2,
      line: `${file}: a binary plan file (saved by \`terraform plan -out\`), not JSON: scan the output of \`terraform show -json PLANFILE\` instead`,
    });
  });

  it('the text of `terraform plan` saved instead: where, and what was expected', () => {
    const file = fixture('terraform-plan-text.json');
    expect(refused(file)).toEqual({
      status: 2,
      line: `${file}: invalid JSON at line 2, column 1 near "Terraform us": expected the output of \`terraform show -json\``,
    });
  });

  it('several plans in one file, one a line (`terragrunt run-all show -json`): where the second starts, what to do', () => {
    const file = fixture('terragrunt-run-all.json');
    expect(refused(file)).toEqual({
      status: 2,
      line: `${file}: invalid JSON at line 2, column 1: another JSON object after the plan (several plans in one file, one a line, as \`terragrunt run-all show -json\` writes them): give each plan its own file`,
    });
  });

  it.each([
    ['plan-json-log.json', 'the machine-readable log of `terraform plan -json` (one message a line), not a plan'],
    [
      'show-state.json',
      'the state as `terraform show -json` shows it without a plan file (what exists, not what a plan changes)',
    ],
    ['terraform.tfstate', 'a Terraform state file (`terraform.tfstate`), not a plan'],
  ])('%s, given by mistake: exit 2, what it is, what to scan instead', (name, what) => {
    const file = fixture(name);
    expect(refused(file)).toEqual({
      status: 2,
      line: `${file}: ${what}: save a plan with \`terraform plan -out tfplan\` and scan \`terraform show -json tfplan\``,
    });
  });

  it("an HCP Terraform run's plan record (`GET /api/v2/plans/:id`) instead of its JSON output: what to download", () => {
    const file = fixture('hcp-plan-record.json');
    expect(refused(file)).toEqual({
      status: 2,
      line: `${file}: a record of the HCP Terraform API (\`plans\`), not a plan: download the plan's \`json-output\` (\`GET /api/v2/plans/PLAN_ID/json-output\`), or scan \`terraform show -json\` of a saved plan`,
    });
  });

  it('an empty state (`terraform show -json` before any apply: the format version alone) is refused, not passed', () => {
    const file = written('empty-state.json', Buffer.from('{"format_version":"1.0","terraform_version":"1.10.5"}\n'));
    const { status, line } = refused(file);
    expect(status).toBe(2);
    expect(line).toContain(`${file}: the state as \`terraform show -json\` shows it without a plan file`);
  });

  it.each([
    ['a policy test input (`{"plan": PLAN}`)', (plan: unknown) => ({ plan }), '/plan', '.plan'],
    [
      'a policy engine input beside run data (`{"terraform": PLAN, "run": ...}`)',
      (plan: unknown) => ({ run: { type: 'PROPOSED' }, terraform: plan }),
      '/terraform',
      '.terraform',
    ],
    ['a plan under a key that is no identifier', (plan: unknown) => ({ 'tf-plan': plan }), '/tf-plan', '.["tf-plan"]'],
  ])('%s: the pointer to the plan inside, and how to take it out', (_, wrap, pointer, select) => {
    const plan = JSON.parse(readFileSync(fixture('pass-role-plan.json'), 'utf8')) as unknown;
    const file = written('wrapped.json', Buffer.from(JSON.stringify(wrap(plan))));
    expect(refused(file)).toEqual({
      status: 2,
      line: `${file}: ${pointer}: a plan nested in another document (as policy engines wrap their input), not the output of \`terraform show -json\` itself: scan the plan alone (\`jq '${select}'\`)`,
    });
  });

  it('one message of that log alone is told the same way', () => {
    const [first = ''] = readFileSync(fixture('plan-json-log.json'), 'utf8').split('\n');
    const { status, line } = refused(written('one-message.json', Buffer.from(first)));
    expect(status).toBe(2);
    expect(line).toContain('the machine-readable log of `terraform plan -json`');
  });

  it('the first of those plans in a file of its own scans', () => {
    const [first = ''] = readFileSync(fixture('terragrunt-run-all.json'), 'utf8').split('\n');
    expect(verdicts(written('first.json', Buffer.from(first)))).toEqual({
      'aws_iam_role.deployer': ['privilege-escalation/pass-role-wildcard'],
    });
  });

  it('a plan that only holds those texts inside its strings is a plan, and scans', () => {
    const plan = JSON.parse(readFileSync(fixture('pass-role-plan.json'), 'utf8')) as { terraform_version: string };
    plan.terraform_version = '[command] PK\u0003\u0004';
    const file = written('strings.json', Buffer.from(JSON.stringify(plan)));
    expect(verdicts(file)).toEqual({ 'aws_iam_role.deployer': ['privilege-escalation/pass-role-wildcard'] });
  });
});
