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

  describe('a module directory called three times, beside two plans of its configuration', () => {
    // `./shared`, `./shared/` and `../<root>/shared` are one directory: its comments suppress on each
    // call, and what is wrong with one of them is said once, not once per call and plan.
    const calls = ['a', 'b', 'c'];
    let dir: string;
    beforeAll(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'iamgate-shared-'));
      const sources = ['./shared', './shared/', `../${path.basename(dir)}/shared`];
      fs.writeFileSync(
        path.join(dir, 'main.tf'),
        calls.map((name, i) => `module "${name}" {\n  source = "${sources[i] ?? ''}"\n}\n`).join(''),
      );
      fs.mkdirSync(path.join(dir, 'shared'));
      const document = JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' }],
      });
      fs.writeFileSync(
        path.join(dir, 'shared', 'main.tf'),
        [
          '# iamgate:suppress privilege-escalation/pass-role-wildcard passes the roles of the stacks it deploys',
          'resource "aws_iam_policy" "deploy" {',
          `  policy = ${JSON.stringify(document)}`,
          '}',
          '',
          '# iamgate:suppress not-a-rule this comment names no rule',
          'resource "aws_iam_policy" "other" {',
          `  policy = ${JSON.stringify(document)}`,
          '}',
          '',
        ].join('\n'),
      );
      const plan = {
        format_version: '1.2',
        terraform_version: '1.9.0',
        resource_changes: calls.flatMap((name) =>
          ['deploy', 'other'].map((policy) => ({
            address: `module.${name}.aws_iam_policy.${policy}`,
            module_address: `module.${name}`,
            mode: 'managed',
            type: 'aws_iam_policy',
            name: policy,
            provider_name: 'registry.terraform.io/hashicorp/aws',
            change: { actions: ['create'], before: null, after: { policy: document }, after_unknown: { arn: true } },
          })),
        ),
        configuration: {
          root_module: {
            module_calls: Object.fromEntries(calls.map((name, i) => [name, { source: sources[i], module: {} }])),
          },
        },
      };
      for (const file of ['one.json', 'two.json']) fs.writeFileSync(path.join(dir, file), JSON.stringify(plan));
    });
    afterAll(() => {
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it.each([
      ['the configuration alone (`--hcl DIR`)', (): string[] => ['--hcl', dir]],
      ['two plans beside it', (): string[] => [path.join(dir, 'one.json'), path.join(dir, 'two.json')]],
    ])('%s: the bad comment is one error line', (_name, args) => {
      const { status, stdout, stderr } = runTfScan([...args(), '--format', 'json']);
      expect(status).toBe(2);
      expect(stderr.trim().split('\n')).toEqual([
        `${path.join(dir, 'shared', 'main.tf')}: line 6: unknown rule id or category \`not-a-rule\``,
      ]);
      const json = JSON.parse(stdout) as { suppressed: Reported[]; findings: { location: { address?: string } }[] };
      // The good comment suppresses on every call of the module.
      expect(
        json.suppressed.filter((f) => f.ruleId === 'privilege-escalation/pass-role-wildcard').map((f) => f.principal),
      ).toHaveLength(calls.length * (args()[0] === '--hcl' ? 1 : 2));
    });
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
