import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { valueToString } from '@iamgate/core';
import type { SymbolicValue } from '@iamgate/core';
import { extractConfiguration } from '../../../packages/tf-scan/src/hcl-config';
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
  describe('a cycle of locals alone is an input error naming the file, the line and the cycle, as Terraform refuses it', () => {
    it.each([
      [
        'read by a policy document statement',
        'cycle-through-document',
        'cycle-through-document/main.tf:4: the locals refer to each other in a cycle, which Terraform refuses: ' +
          '`local.bucket` -> `local.objects` -> `local.bucket`',
      ],
      [
        'in a called module, read by its output',
        'cycle-in-module',
        'cycle-in-module/modules/doc/locals.tf:3: `local.resources` refers to itself, which Terraform refuses',
      ],
      // Terraform's graph holds every local, read or not, and refuses the configuration before it
      // plans anything (`terraform validate`: `Error: Cycle: local.b (expand), local.a (expand)`):
      // there is no plan to judge, so the policy passing every role is not reported.
      [
        'read by no policy (a tag only)',
        'cycle-nothing-reads',
        'cycle-nothing-reads/main.tf:6: the locals refer to each other in a cycle, which Terraform refuses: ' +
          '`local.a` -> `local.b` -> `local.a`',
      ],
      // `main.tf` alone has no cycle: the read closing it is the override's, and so is the line named.
      [
        'made by an override file',
        'cycle-made-by-override',
        'cycle-made-by-override/override.tf:4: the locals refer to each other in a cycle, which Terraform refuses: ' +
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

  it('a cycle an override file breaks is no cycle: Terraform merges the override first', () => {
    expect(found(scanned('--hcl', dir('cycle-broken-by-override')))).toEqual([
      'privilege-escalation/pass-role-wildcard aws_iam_policy.deploy',
    ]);
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

    // `jsonencode({Statement = [{..., Resource = module.policy[count.index].arn}]})` leaves the same
    // references as `module.policy[count.index].policy_json`: which output is read the plan does not say.
    it.each([
      ['a second document (`base_json`)', 'base_json', 'data.aws_iam_policy_document.base'],
      ['an ARN (`arn`), not a document', 'arn', 'aws_s3_bucket.logs'],
    ])('stays unverifiable when the module has another output, %s', (_name, output, read) => {
      const text = fs.readFileSync(path.join(ROOT, dir('module-instance-plan/count-index.json')), 'utf8');
      const plan = JSON.parse(text) as {
        configuration: { root_module: { module_calls: { policy: { module: { outputs: Record<string, unknown> } } } } };
      };
      const attribute = output === 'arn' ? 'arn' : 'json';
      plan.configuration.root_module.module_calls.policy.module.outputs[output] = {
        expression: { references: [`${read}.${attribute}`, read] },
      };
      const target = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tf-scan-survey26-')), 'plan.json');
      fs.writeFileSync(target, JSON.stringify(plan));
      expect(found(scanned(target))).toEqual([
        'unverifiable/unresolved-policy aws_iam_policy.x[0]',
        'unverifiable/unresolved-policy aws_iam_policy.x[1]',
      ]);
    });
  });

  describe('the same plan beside its `.tf` files: the text, not the plan, says which output and instance are read', () => {
    const where = dir('module-instance-beside-tf');

    // `concat(jsondecode(module.policy[count.index].policy_json).Statement, [pass of every role])`
    // leaves the plan's references of the plain form: read as it, `x[0]` passed quietly.
    it('an output read inside `jsondecode` stays unverifiable on both instances', () => {
      expect(found(scanned(path.join(where, 'plan.json')))).toEqual([
        'unverifiable/unresolved-policy aws_iam_policy.x[0]',
        'unverifiable/unresolved-policy aws_iam_policy.x[1]',
      ]);
    });

    it('the plain `policy = module.policy[count.index].policy_json` is paired with the instance of its own key', () => {
      const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'tf-scan-survey26-'));
      fs.cpSync(path.join(ROOT, where), copy, { recursive: true });
      const main = fs.readFileSync(path.join(copy, 'main.tf'), 'utf8');
      const plain = main.replace(
        /policy = jsonencode\([\s\S]*\n {2}\}\)\n/,
        'policy = module.policy[count.index].policy_json\n',
      );
      expect(plain).not.toBe(main);
      fs.writeFileSync(path.join(copy, 'main.tf'), plain);
      // The text also names the bucket the module's `s3:GetObject` statement is on (not its objects).
      expect(found(scanned(path.join(copy, 'plan.json')))).toEqual([
        'policy-validity/resource-mismatch aws_iam_policy.x[0]',
        'policy-validity/resource-mismatch aws_iam_policy.x[1]',
        'privilege-escalation/pass-role-wildcard aws_iam_policy.x[1]',
      ]);
    });
  });

  describe('idioms a careful reviewer reads, scanned from the text alone', () => {
    it.each([
      // Two bucket reads joined by the commas `%{ if }` places, then the pass `%{ if var.allow_pass }` adds.
      [
        'a heredoc JSON policy with `%{ for }` and `%{ if }` directives',
        'heredoc-directives',
        [],
        ['privilege-escalation/pass-role-wildcard aws_iam_role_policy.read'],
      ],
      // Nine statements, each on one bucket, table, log group or key: quiet.
      [
        '`jsonencode` over merge, concat, flatten, setproduct, lookup, try, coalesce and one',
        'jsonencode-functions',
        [],
        [],
      ],
      // `var.debug` adds `s3:*` on `*`, `environment = "dev"` the pass of every role.
      [
        'the same, with the conditionals turned on',
        'jsonencode-functions',
        ['--var', 'debug=true', '--var', 'environment=dev'],
        [
          'data-exfiltration/unscoped-read aws_iam_role_policy.worker',
          'privilege-escalation/pass-role-wildcard aws_iam_role_policy.worker',
          'resource-exposure/policy-change aws_iam_role_policy.worker',
          'wildcard-action/service-wildcard aws_iam_role_policy.worker',
          'wildcard-resource/write-on-star aws_iam_role_policy.worker',
        ],
      ],
      // The pass of prefixed roles (`role/orders-*`) the template's `%{ for }` writes is not the pass of any role.
      ['`jsondecode(file())`, `file()` and `templatefile()` JSON with variables', 'files-and-templates', [], []],
      [
        'the same, the template given `deployer = true`',
        'files-and-templates',
        ['--var-file', dir('files-and-templates/deployer.tfvars')],
        ['privilege-escalation/pass-role-wildcard aws_iam_role_policy.queues'],
      ],
      // The override narrows the `Write` statement of `combined`; `unnarrowed` keeps it on `*`.
      [
        '`source_policy_documents` / `override_policy_documents` built from locals',
        'source-override',
        [],
        ['wildcard-resource/write-on-star aws_iam_policy.unnarrowed'],
      ],
      // `pass` is disabled by default; `tagged` is on `*` under a tag condition.
      [
        '`dynamic "statement"` over a validated map of objects with optional attributes',
        'dynamic-validated-grants',
        [],
        [],
      ],
      [
        'the same, `pass` enabled by a var file',
        'dynamic-validated-grants',
        ['--var-file', dir('dynamic-validated-grants/pass-enabled.tfvars')],
        ['privilege-escalation/pass-role-wildcard aws_iam_policy.grants'],
      ],
      // The worker's policy, in a module given the roles by `for_each`, passes every role.
      [
        '`moved`, `import` with `for_each` and `removed` blocks',
        'refactoring-blocks',
        [],
        ['privilege-escalation/pass-role-wildcard module.policies.aws_iam_role_policy.this["worker"]'],
      ],
      [
        '`format` and `formatlist` around the partition, in the root module and in a called one',
        'format-around-partition',
        [],
        [
          'privilege-escalation/pass-role-wildcard aws_iam_role_policy.deployer',
          'privilege-escalation/pass-role-wildcard module.publisher.aws_iam_policy.publisher',
        ],
      ],
    ])('%s', (_name, fixture, args, expected) => {
      expect(found(scanned('--hcl', dir(fixture), ...args))).toEqual(expected);
    });

    it('a variable value failing its `validation` block is an input error naming the var file', () => {
      const where = dir('dynamic-validated-grants');
      const { stdout, stderr, status } = runTfScan([
        '--hcl',
        where,
        '--var-file',
        path.join(where, 'no-actions.tfvars'),
      ]);
      expect({ stdout, stderr, status }).toEqual({
        stdout: '',
        stderr: `tf-scan: ${path.join(where, 'no-actions.tfvars')}:1: the value of variable \`grants\` fails its validation: Every grant needs at least one action.\n`,
        status: 2,
      });
    });

    // What no finding shows: the object ARNs `formatlist` writes, one per bucket, sorted and distinct.
    it.each([
      [
        'aws_iam_role_policy.deployer',
        [
          'arn:${data.aws_partition.current.partition}:s3:::assets/*',
          'arn:${data.aws_partition.current.partition}:s3:::logs/*',
        ],
      ],
      [
        'module.publisher.aws_iam_policy.publisher',
        [
          'arn:${module.publisher.data.aws_partition.current.partition}:s3:::events/*',
          'arn:${module.publisher.data.aws_partition.current.partition}:s3:::audit/*',
        ],
      ],
    ])('`formatlist` writes the object ARNs of %s around the partition', async (id, objects) => {
      const input = await extractConfiguration(path.join(ROOT, dir('format-around-partition')));
      const sources = [
        ...input.principals.flatMap((p) => p.policies.map((a) => a.policy)),
        ...input.policies.map((p) => p.policy),
      ];
      const document = sources.find((s) => s?.id === id)?.document as
        { Statement: { Resource: unknown }[] } | undefined;
      const resources = document?.Statement[0]?.Resource;
      expect(Array.isArray(resources) ? resources.map((r) => valueToString(r as SymbolicValue)) : resources).toEqual(
        objects,
      );
    });

    it('the partition of `format` stays a hole: the ARN is the partition of the provider, not any', () => {
      const report = scanned('--hcl', dir('format-around-partition'));
      const deployer = report.findings.find((f) => f.location.address === 'aws_iam_role_policy.deployer');
      expect(deployer?.message).toContain(
        '`arn:${data.aws_partition.current.partition}:iam::${the account of the AWS provider}:role/*`',
      );
    });
  });
});
