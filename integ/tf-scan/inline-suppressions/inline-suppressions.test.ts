/**
 * What tf-scan reads of the .tf text, through the built binary: `iamgate:suppress` comments and the
 * line declaring each resource (for annotations), read by `tf-scan --hcl DIR`
 * and by `tf-scan plan.json` when the plan sits beside the files, with the same outcome.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runTfScan } from '../run-tf-scan';

const DIR = 'integ/tf-scan/inline-suppressions';

interface Reported {
  readonly ruleId: string;
  readonly principal?: string;
  readonly suppression?: { readonly source: string; readonly reason: string; readonly expires?: string };
}

function report(args: string[]): { findings: string[]; suppressed: string[] } {
  const { status, stdout, stderr } = runTfScan([...args, '--format', 'json']);
  expect(stderr).toBe('');
  expect(status).toBe(1);
  const json = JSON.parse(stdout) as { findings: Reported[]; suppressed: Reported[] };
  return {
    findings: json.findings.map((f) => `${f.principal ?? ''} ${f.ruleId}`).sort(),
    suppressed: json.suppressed.map((f) => `${f.principal ?? ''} ${f.ruleId} (${f.suppression?.source ?? ''})`).sort(),
  };
}

const SUPPRESSED = [
  `aws_iam_role.auditor data-exfiltration/unscoped-read (comment: ${DIR}/main.tf:50)`,
  `aws_iam_role.auditor wildcard-action/service-wildcard (comment: ${DIR}/main.tf:50)`,
  `aws_iam_role.deployer privilege-escalation/pass-role-wildcard (comment: ${DIR}/main.tf:17)`,
  `module.workers.aws_iam_role.worker[0] wildcard-action/service-wildcard (comment: ${DIR}/main.tf:62)`,
  `module.workers.aws_iam_role.worker[1] wildcard-action/service-wildcard (comment: ${DIR}/main.tf:62)`,
];

describe('suppressions written in the .tf files', () => {
  it.each([
    ['the configuration alone (`--hcl DIR`)', ['--hcl', DIR]],
    ['a plan beside the files', [`${DIR}/plan.json`]],
  ])('%s: each comment accepts its rules on its block, every instance of it, and nothing else', (_name, args) => {
    const { findings, suppressed } = report(args);
    expect(suppressed).toEqual(SUPPRESSED);
    // What no comment names is still reported, on the same roles.
    expect(findings).toEqual(
      expect.arrayContaining([
        'aws_iam_role.deployer wildcard-action/service-wildcard',
        'aws_iam_role.auditor wildcard-resource/write-on-star',
        'module.workers.aws_iam_role.worker[0] privilege-escalation/pass-role-wildcard',
        'module.workers.aws_iam_role.worker[1] privilege-escalation/pass-role-wildcard',
      ]),
    );
  });

  it.each([
    ['the configuration alone (`--hcl DIR`)', ['--hcl', DIR]],
    ['a plan beside the files', [`${DIR}/plan.json`]],
  ])('%s: GitHub annotations land on the line that declares the resource, in its module', (_name, args) => {
    const { stdout } = runTfScan([...args, '--format', 'github', '--fail-on', 'never']);
    const sites = stdout
      .trim()
      .split('\n')
      .map((line) => /^::\w+ file=([^,]+),line=(\d+),title=iamgate ([^:]+)::/.exec(line)?.slice(1).join(' '));
    expect(sites).toEqual(
      expect.arrayContaining([
        `${DIR}/main.tf 18 wildcard-action/service-wildcard`,
        `${DIR}/main.tf 52 wildcard-resource/write-on-star`,
        `${DIR}/workers/main.tf 14 privilege-escalation/pass-role-wildcard`,
      ]),
    );
    expect(sites).not.toContain(undefined);
  });

  it('a bad directive stops the scan with exit 2 and one line naming the file and line', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'iamgate-suppress-'));
    try {
      fs.writeFileSync(
        path.join(dir, 'main.tf'),
        'resource "aws_iam_role" "a" {\n  # iamgate:suppress wildcard-actions the reason is long enough\n}\n',
      );
      const { status, stderr } = runTfScan(['--hcl', dir, '--format', 'json']);
      expect(status).toBe(2);
      expect(stderr.trim().split('\n')).toEqual([
        `${path.join(dir, 'main.tf')}: line 2: unknown rule id or category \`wildcard-actions\` (did you mean \`wildcard-action\`?)`,
      ]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
