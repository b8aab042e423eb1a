import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ROOT, runTfScan } from '../run-tf-scan';
import type { Finding, Report } from '../run-tf-scan';

const dir = (name: string): string => path.join('integ/tf-scan/hcl-survey26', name);

type Scan = Omit<Report, 'findings'> & { readonly findings: readonly (Finding & { readonly message: string })[] };

/** The JSON report of `tf-scan` on `args`, never failing on findings; standard error must stay empty. */
function scanned(...args: string[]): Scan {
  const { stdout, stderr, status } = runTfScan([...args, '--format', 'json', '--fail-on', 'never']);
  expect({ stderr, status }).toEqual({ stderr: '', status: 0 });
  return JSON.parse(stdout) as Scan;
}

/** Rule id and address of each finding, as `ruleId address`. */
function found(report: Scan): string[] {
  return report.findings.map((f) => `${f.ruleId} ${f.location.address ?? ''}`).sort();
}

// Runs the built binary: `npm run build` first.
describe('tf-scan --hcl on configurations as users write them, without a plan (round 26)', () => {
  describe('a cycle of locals alone is an input error naming the file and the cycle, as Terraform refuses it', () => {
    it.each([
      [
        'read by a policy document statement',
        'cycle-through-document',
        'cycle-through-document/main.tf: the locals refer to each other in a cycle, which Terraform refuses: ' +
          '`local.bucket` -> `local.objects` -> `local.bucket`',
      ],
      [
        'in a called module, read by its output',
        'cycle-in-module',
        'cycle-in-module/modules/doc/locals.tf: `local.resources` refers to itself, which Terraform refuses',
      ],
      // Terraform's graph holds every local, read or not, and refuses the configuration before it
      // plans anything: there is no plan to judge, so the policy passing every role is not reported.
      [
        'read by no policy (a tag only)',
        'cycle-nothing-reads',
        'cycle-nothing-reads/main.tf: the locals refer to each other in a cycle, which Terraform refuses: ' +
          '`local.a` -> `local.b` -> `local.a`',
      ],
    ])('%s', (_name, fixture, line) => {
      const { stdout, stderr, status } = runTfScan(['--hcl', dir(fixture)]);
      expect({ stdout, stderr, status }).toEqual({
        stdout: '',
        stderr: `tf-scan: integ/tf-scan/hcl-survey26/${line}\n`,
        status: 2,
      });
    });
  });

  it('says once per folder which OpenTofu files Terraform leaves out, however many plans share the folder', () => {
    const where = dir('tofu-beside-plans');
    const { stderr, status } = runTfScan([path.join(where, 'staging.json'), path.join(where, 'production.json')]);
    expect({ stderr, status }).toEqual({
      stderr:
        `tf-scan: ${where}: read as Terraform reads it, leaving out OpenTofu's \`${path.join(where, 'ci.tofu')}\`: ` +
        "no lock file or plan names OpenTofu's registry (if OpenTofu runs it, `tofu init` writes the lock file that has them read)\n",
      status: 0,
    });
  });

  describe('a plan without its sources, `policy = module.policy[count.index].policy_json` (or `[each.key]`)', () => {
    // Terraform names no output after a key only the instance knows: the references are
    // `["module.policy", "count.index"]`. The module's one document output is rebuilt per instance,
    // each from its own `base` document (the one passing every role is the second's).
    it.each([
      ['count.index', 'count-index.json', 'aws_iam_policy.x[1]'],
      ['each.key', 'each-key.json', 'aws_iam_policy.x["deployer"]'],
    ])('is paired with the instance of its own key (%s)', (_pair, plan, passing) => {
      const report = scanned(dir(`module-instance-plan/${plan}`));
      expect(found(report)).toEqual([`privilege-escalation/pass-role-wildcard ${passing}`]);
    });

    it('stays unverifiable when the module has two outputs that can hold a document: the plan does not say which', () => {
      const text = fs.readFileSync(path.join(ROOT, dir('module-instance-plan/count-index.json')), 'utf8');
      const plan = JSON.parse(text) as {
        configuration: { root_module: { module_calls: { policy: { module: { outputs: Record<string, unknown> } } } } };
      };
      plan.configuration.root_module.module_calls.policy.module.outputs['base_json'] = {
        expression: { references: ['data.aws_iam_policy_document.base.json', 'data.aws_iam_policy_document.base'] },
      };
      const target = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tf-scan-survey26-')), 'plan.json');
      fs.writeFileSync(target, JSON.stringify(plan));
      expect(found(scanned(target))).toEqual([
        'unverifiable/unresolved-policy aws_iam_policy.x[0]',
        'unverifiable/unresolved-policy aws_iam_policy.x[1]',
      ]);
    });
  });
});
