import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ROOT, runTfScan } from '../run-tf-scan';
import type { Finding, Report } from '../run-tf-scan';

const dir = (name: string): string => path.join('integ/tf-scan/hcl-survey24', name);

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

/** The message of the finding of `ruleId` on `address`. */
function message(report: Scan, ruleId: string, address: string): string {
  const finding = report.findings.find((f) => f.ruleId === ruleId && f.location.address === address);
  if (finding === undefined) throw new Error(`no ${ruleId} on ${address}`);
  return finding.message;
}

/** A copy of a configuration of this folder in a fresh directory, to add what is generated. */
function copied(name: string): string {
  const target = fs.mkdtempSync(path.join(os.tmpdir(), 'tf-scan-survey24-'));
  fs.cpSync(path.join(ROOT, dir(name)), target, { recursive: true });
  return target;
}

/** `locals` of `links` links per chain, each reading the one before, as configuration generators write them. */
function chainOf(links: number): string {
  const lines = ['locals {', '  link_0 = "arn:aws:iam::111122223333:role/*"', '  bucket_0 = "artifacts"'];
  for (let i = 1; i < links; i += 1) {
    lines.push(`  link_${String(i)} = local.link_${String(i - 1)}`);
    lines.push(`  bucket_${String(i)} = "\${local.bucket_${String(i - 1)}}"`);
  }
  lines.push(`  last_link = local.link_${String(links - 1)}`, `  bucket_link = local.bucket_${String(links - 1)}`, '}');
  return `${lines.join('\n')}\n`;
}

// Runs the built binary: `npm run build` first.
describe('tf-scan --hcl on configurations as users write them, without a plan (round 24)', () => {
  it.each([30, 1_000, 5_000])('a chain of %i locals, each reading the one before, is evaluated to its end', (links) => {
    const target = copied('long-local-chains');
    fs.writeFileSync(path.join(target, 'chain.tf'), chainOf(links));
    const report = scanned('--hcl', target);
    // The bucket reached through every link is one bucket: quiet; the role pattern passes them all.
    expect(found(report)).toEqual(['privilege-escalation/pass-role-wildcard aws_iam_role_policy.pass']);
    expect(message(report, 'privilege-escalation/pass-role-wildcard', 'aws_iam_role_policy.pass')).toContain(
      '`arn:aws:iam::111122223333:role/*`',
    );
  });

  it('locals that read each other are a cycle Terraform refuses: an input error naming the file, the line and the cycle', () => {
    // `terraform plan` stops at `Cycle: local.prefix, local.arn` before it plans anything.
    const { stdout, stderr, status } = runTfScan(['--hcl', dir('local-cycles')]);
    expect({ stdout, stderr, status }).toEqual({
      stdout: '',
      stderr:
        'tf-scan: integ/tf-scan/hcl-survey24/local-cycles/main.tf:5: the locals refer to each other in a cycle, ' +
        'which Terraform refuses: `local.arn` -> `local.prefix` -> `local.arn`\n',
      status: 2,
    });
  });

  it('a local that reads itself is a cycle Terraform refuses too', () => {
    const target = copied('local-cycles');
    const text = fs.readFileSync(path.join(target, 'main.tf'), 'utf8');
    fs.writeFileSync(path.join(target, 'main.tf'), text.replace('prefix = "${local.arn}-x"', 'prefix = "x"'));
    const { stderr, status } = runTfScan(['--hcl', target]);
    expect({ stderr, status }).toEqual({
      stderr: `tf-scan: ${path.join(target, 'main.tf')}:6: \`local.self\` refers to itself, which Terraform refuses\n`,
      status: 2,
    });
  });

  describe('a plan whose policies are unknown (`after_unknown`), next to its .tf sources', () => {
    const where = dir('plan-beside-sources');
    const plan = path.join(where, 'plan.json');

    it.each([
      ['the plan', [plan]],
      ['the sources alone', ['--hcl', where]],
    ])('rebuilds the `for` over a map of terraform.tfvars and the templatefile() policy from %s', (_name, args) => {
      // The teams' prefixes of one bucket and the pass of the role the plan creates are quiet; the
      // template's role pattern passes every role; the `for` over tags only apply knows is not rebuilt.
      const report = scanned(...args);
      expect(found(report)).toEqual([
        'privilege-escalation/pass-role-wildcard aws_iam_role_policy.deploy',
        'unverifiable/unresolved-policy aws_iam_role_policy.tagged',
      ]);
      expect(message(report, 'privilege-escalation/pass-role-wildcard', 'aws_iam_role_policy.deploy')).toContain(
        '(`iam:PassRole` on `arn:aws:iam::111122223333:role/*`)',
      );
    });

    it('says which collection of the policy it could not rebuild, with the plan and without', () => {
      const suffix = '(a `for` over `aws_s3_bucket.data.tags_all`, which only apply knows)';
      expect(message(scanned(plan), 'unverifiable/unresolved-policy', 'aws_iam_role_policy.tagged')).toBe(
        'policy `aws_iam_role_policy.tagged` could not be checked: `aws_iam_role_policy.tagged.policy` is computed from ' +
          `\`aws_s3_bucket.data.tags_all\`, \`aws_s3_bucket.data.arn\` and known only after apply ${suffix}`,
      );
      expect(message(scanned('--hcl', where), 'unverifiable/unresolved-policy', 'aws_iam_role_policy.tagged')).toMatch(
        /cannot be evaluated without a plan: `jsonencode\(.*` \(a `for` over `aws_s3_bucket\.data\.tags_all`, which only apply knows\)$/,
      );
    });

    it('says a `for` over a variable given no value needs `--var-file`, and rebuilds it with one', () => {
      const where = dir('for-over-variable');
      expect(message(scanned('--hcl', where), 'unverifiable/unresolved-policy', 'aws_iam_role_policy.read')).toMatch(
        /\(a `for` over `var\.buckets`, a variable given no value: give it with `--var-file`\)$/,
      );
      // Every bucket's objects, once the variable says `*`.
      const given = scanned('--hcl', where, '--var-file', path.join(where, 'every.tfvars'));
      expect(found(given)).toContain('wildcard-resource/write-on-star aws_iam_role_policy.read');
      expect(found(given)).not.toContain('unverifiable/unresolved-policy aws_iam_role_policy.read');
    });

    it("rebuilds with the variables' values the plan holds, not the ones terraform.tfvars says now", () => {
      const target = copied('plan-beside-sources');
      const json = JSON.parse(fs.readFileSync(path.join(target, 'plan.json'), 'utf8')) as {
        variables: Record<string, { value: unknown }>;
      };
      json.variables['deploy_actions'] = { value: ['s3:PutObject'] };
      fs.writeFileSync(path.join(target, 'plan.json'), JSON.stringify(json));
      expect(found(scanned(path.join(target, 'plan.json')))).toEqual([
        'unverifiable/unresolved-policy aws_iam_role_policy.tagged',
      ]);
    });

    it.each([50, 1_000])(
      'rebuilds a policy read through a chain of %i locals from the role the plan creates',
      (links) => {
        const target = copied('plan-beside-sources');
        const locals = [
          'locals {',
          '  link_0 = { Effect = "Allow", Action = "iam:PassRole", Resource = aws_iam_role.etl.arn }',
          ...Array.from({ length: links - 1 }, (_, i) => `  link_${String(i + 1)} = local.link_${String(i)}`),
          '}',
        ];
        fs.writeFileSync(path.join(target, 'chain.tf'), `${locals.join('\n')}\n`);
        const last = `local.link_${String(links - 1)}`;
        const main = path.join(target, 'main.tf');
        fs.writeFileSync(main, fs.readFileSync(main, 'utf8').replace('[local.pass_self]', `[${last}]`));
        const json = JSON.parse(fs.readFileSync(path.join(target, 'plan.json'), 'utf8')) as {
          configuration: { root_module: { resources: { address: string; expressions: Record<string, unknown> }[] } };
        };
        const policy = json.configuration.root_module.resources.find(
          (r) => r.address === 'aws_iam_role_policy.pass_self',
        );
        if (policy === undefined) throw new Error('no aws_iam_role_policy.pass_self in the plan');
        policy.expressions['policy'] = { references: [last] };
        fs.writeFileSync(path.join(target, 'plan.json'), JSON.stringify(json));
        // The role's own ARN at the end of the chain: one role, quiet (it was left unresolved past 20 links).
        const expected = [
          'privilege-escalation/pass-role-wildcard aws_iam_role_policy.deploy',
          'unverifiable/unresolved-policy aws_iam_role_policy.tagged',
        ];
        expect(found(scanned(path.join(target, 'plan.json')))).toEqual(expected);
        expect(found(scanned('--hcl', target))).toEqual(expected);
      },
    );
  });

  it('import blocks with for_each, moved, check with its own data, terraform_data, lifecycle conditions, provider functions', () => {
    const report = scanned('--hcl', dir('newer-blocks'));
    // The team roles (optional() defaults, a nullable list left null) and the pass of the module's
    // role through a sensitive output are quiet; the findings are on the renamed role's new address.
    expect(found(report)).toEqual([
      'privilege-escalation/pass-role-wildcard aws_iam_role_policy.operator',
      'trust-policy/account-root aws_iam_role.operator',
      'trust-policy/cross-account-external-id aws_iam_role.operator',
    ]);
    const pass = report.findings.find((f) => f.ruleId === 'privilege-escalation/pass-role-wildcard');
    // The third statement: arn_build() of `role/*` in the account arn_parse() reads; not the
    // trim_iam_role_path() of one role before it.
    expect(pass?.location.pointer).toBe('/Statement/2');
    expect(pass?.message).toContain('`arn:aws:iam::${the account of the AWS provider}:role/*`');
  });

  it("OpenTofu's .tofu files are read, each in place of the .tf file of the same name, when `tofu init` locked the providers", () => {
    // The lock file `tofu init` writes names the providers by OpenTofu's registry.
    const target = copied('opentofu-files');
    fs.writeFileSync(
      path.join(target, '.terraform.lock.hcl'),
      '# This file is maintained automatically by "tofu init".\nprovider "registry.opentofu.org/hashicorp/aws" {\n  version = "5.100.0"\n}\n',
    );
    const report = scanned('--hcl', target);
    // iam.tofu passes every role where iam.tf passed one; ci.tofu has no .tf twin.
    expect(found(report)).toEqual([
      'admin-access/full-access aws_iam_user_policy.ci',
      'iam-user/direct-policy aws_iam_user.ci',
      'privilege-escalation/pass-role-wildcard aws_iam_role_policy.deployer',
    ]);
    const pass = report.findings.find((f) => f.ruleId === 'privilege-escalation/pass-role-wildcard');
    const location = pass?.location as { readonly file?: string } | undefined;
    expect(location?.file).toBe(path.join(target, 'iam.tofu'));
  });

  it('without a lock file, the folder is read as Terraform reads it, and a note names the .tofu files left out', () => {
    const { stdout, stderr, status } = runTfScan([
      '--hcl',
      dir('opentofu-files'),
      '--format',
      'json',
      '--fail-on',
      'never',
    ]);
    expect(status).toBe(0);
    // Terraform's iam.tf passes one role: quiet; ci.tofu is not read.
    expect(found(JSON.parse(stdout) as Scan)).toEqual([]);
    expect(stderr).toBe(
      `tf-scan: ${dir('opentofu-files')}: read as Terraform reads it, leaving out OpenTofu's \`${path.join(dir('opentofu-files'), 'ci.tofu')}\`, \`${path.join(dir('opentofu-files'), 'iam.tofu')}\`: no lock file or plan names OpenTofu's registry (if OpenTofu runs it, \`tofu init\` writes the lock file that has them read)\n`,
    );
  });
});
