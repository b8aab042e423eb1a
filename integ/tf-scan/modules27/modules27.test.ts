import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { jsonReport, ruleIdsByAddress, runTfScan } from '../run-tf-scan';
import type { Finding } from '../run-tf-scan';

const fixture = (name: string): string => path.join('integ/tf-scan/modules27', name);

/** The findings of `tf-scan` on `args` (a plan, or `--hcl DIR`); standard error must stay empty. */
function findings(...args: string[]): readonly Finding[] {
  const report = jsonReport(args);
  expect({ stderr: report.stderr, errors: report.errors }).toEqual({ stderr: '', errors: [] });
  return report.findings;
}

// Runs the built binary: `npm run build` first.
describe('module instances picked by a computed key', () => {
  // `role = module.r[count.index + 1].name` leaves the plan the references of `module.r[count.index].name`.
  it('the plan alone: the instance whose role name is the one the plan shows, not the attachment’s own index', () => {
    const { got, want } = ruleIdsByAddress(findings(fixture('shifted-instance/plan.json')), {
      'module.r[1].aws_iam_role.this': ['admin-access/full-access'],
      'module.r[0].aws_iam_role.this': [],
    });
    expect(got).toEqual(want);
  });
});

/**
 * The fixture `dir` copied with the attachment's `role = ...` line written `role`: the plan is the
 * same for every form (its references are `aws_iam_role.r` or `module.r`, and `count.index`).
 */
const copies: string[] = [];
afterAll(() => {
  for (const copy of copies) fs.rmSync(copy, { recursive: true, force: true });
});

/** A copy of the fixture `dir` (a new folder) with `main.tf` rewritten by `edit`. */
function copyWith(dir: string, edit: (text: string) => string): string {
  const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'modules27-'));
  copies.push(copy);
  fs.cpSync(fixture(dir), copy, { recursive: true });
  const main = path.join(copy, 'main.tf');
  fs.writeFileSync(main, edit(fs.readFileSync(main, 'utf8')));
  return copy;
}

/**
 * The plan of the fixture `dir` beside a copy of its text with the attachment's `role = ...` line
 * written `role`: the plan is the same for every form (its references are `aws_iam_role.r` or
 * `module.r`, and `count.index`).
 */
function besideText(dir: string, role: string): string {
  const copy = copyWith(dir, (text) => text.replace(/^( {2}role {7}= ).*$/m, `$1${role}`));
  const lines = fs.readFileSync(path.join(copy, 'main.tf'), 'utf8').split('\n');
  expect(lines.filter((line) => line.startsWith('  role '))).toEqual([`  role       = ${role}`]);
  return path.join(copy, 'plan.json');
}

// Names from `name_prefix`: the plan shows neither the roles' names nor the attachment's `role`, and
// its references read the same for every form below; the .tf text beside it tells the key.
describe('instances of a repeated role picked by a key the .tf text computes (attachment `count = 1`)', () => {
  it.each<{ dir: string; role: string; admin: string }>([
    { dir: 'shifted-resource-beside-tf', role: 'aws_iam_role.r[count.index].name', admin: 'aws_iam_role.r[0]' },
    { dir: 'shifted-resource-beside-tf', role: 'lower(aws_iam_role.r[count.index].name)', admin: 'aws_iam_role.r[0]' },
    {
      dir: 'shifted-resource-beside-tf',
      role: 'trimspace(aws_iam_role.r[count.index + 1].name)',
      admin: 'aws_iam_role.r[1]',
    },
    {
      dir: 'shifted-resource-beside-tf',
      role: 'element(aws_iam_role.r.*.name, count.index)',
      admin: 'aws_iam_role.r[0]',
    },
    {
      dir: 'shifted-resource-beside-tf',
      role: 'element(aws_iam_role.r[*].name, count.index + 1)',
      admin: 'aws_iam_role.r[1]',
    },
    // `element` past the last of two instances starts again from the first.
    {
      dir: 'shifted-resource-beside-tf',
      role: 'element(aws_iam_role.r[*].name, count.index + 2)',
      admin: 'aws_iam_role.r[0]',
    },
    { dir: 'shifted-resource-beside-tf', role: 'aws_iam_role.r.*.name[count.index + 1]', admin: 'aws_iam_role.r[1]' },
    // No one key: the attachment is judged on its own, no instance guessed.
    {
      dir: 'shifted-resource-beside-tf',
      role: 'coalesce(aws_iam_role.r[count.index].name, aws_iam_role.r[count.index + 1].name)',
      admin: 'aws_iam_role_policy_attachment.admin[0]',
    },
    {
      dir: 'shifted-resource-beside-tf',
      role: 'join("", aws_iam_role.r[*].name)',
      admin: 'aws_iam_role_policy_attachment.admin[0]',
    },
    {
      dir: 'shifted-instance-beside-tf',
      role: 'element(module.r[*].name, count.index)',
      admin: 'module.r[0].aws_iam_role.this',
    },
    {
      dir: 'shifted-instance-beside-tf',
      role: 'trimspace(module.r[count.index + 1].name)',
      admin: 'module.r[1].aws_iam_role.this',
    },
    // `element` over a module's instances wraps as over a resource's (was: the attachment's stand-in).
    {
      dir: 'shifted-instance-beside-tf',
      role: 'element(module.r[*].name, count.index + 2)',
      admin: 'module.r[0].aws_iam_role.this',
    },
    {
      dir: 'shifted-instance-beside-tf',
      role: 'element(module.r[*].name, count.index + 3)',
      admin: 'module.r[1].aws_iam_role.this',
    },
  ])('`role = $role` grants admin to $admin', ({ dir, role, admin }) => {
    const roles =
      dir === 'shifted-resource-beside-tf'
        ? ['aws_iam_role.r[0]', 'aws_iam_role.r[1]']
        : ['module.r[0].aws_iam_role.this', 'module.r[1].aws_iam_role.this'];
    const expected = Object.fromEntries(roles.map((r) => [r, r === admin ? ['admin-access/full-access'] : []]));
    const { got, want } = ruleIdsByAddress(findings(besideText(dir, role)), {
      ...expected,
      [admin]: ['admin-access/full-access'],
    });
    expect(got).toEqual(want);
  });
});

describe('a pairing from the plan alone, beside its .tf files', () => {
  /** Whether extracting `plan` (the .tf files beside it) loads the .tf parser, and the admin's principals. */
  const scanned = (plan: string): { parser: boolean; admins: string[] } => {
    const script = `
      const { extractFiles } = require('./packages/tf-scan/dist/scan.js');
      extractFiles([process.argv[1]]).then((input) => {
        const parser = Object.keys(require.cache).some((k) => k.includes('hcl2json'));
        const admins = input.principals
          .filter((p) => JSON.stringify(p.policies).includes('AdministratorAccess'))
          .map((p) => p.id);
        console.log(JSON.stringify({ parser, admins }));
      });`;
    const run = spawnSync(process.execPath, ['-e', script, plan], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    return JSON.parse(run.stdout) as { parser: boolean; admins: string[] };
  };

  // Read from the text every scan reads (its declarations): no parser loaded, half a second saved.
  it.each([
    ['aws_iam_role.r[count.index].name', 'aws_iam_role.r[0]', false],
    ['lower(aws_iam_role.r[count.index].name)', 'aws_iam_role.r[0]', false],
    ['trimspace(aws_iam_role.r[count.index + 1].name)', 'aws_iam_role.r[1]', true],
    ['element(aws_iam_role.r[*].name, count.index)', 'aws_iam_role.r[0]', true],
  ])('`role = %s` goes to %s, the .tf files parsed: %s', (role, admin, parser) => {
    expect(scanned(besideText('shifted-resource-beside-tf', role))).toEqual({ parser, admins: [admin] });
  });

  it('a block an override file may change is left to the parser', () => {
    const plan = besideText('shifted-resource-beside-tf', 'aws_iam_role.r[count.index].name');
    fs.writeFileSync(
      path.join(path.dirname(plan), 'admin_override.tf'),
      'resource "aws_iam_role_policy_attachment" "admin" {\n  role = aws_iam_role.r[count.index + 1].name\n}\n',
    );
    expect(scanned(plan)).toEqual({ parser: true, admins: ['aws_iam_role.r[1]'] });
  });
});

describe('why a policy stays unresolved', () => {
  it('`format` of a specification only apply knows says so, after the expression', () => {
    const [only, ...others] = findings('--hcl', fixture('format-unknown-spec'));
    expect(others).toEqual([]);
    expect(only?.ruleId).toBe('unverifiable/unresolved-policy');
    expect(only?.message).toMatch(
      /\(`format` of a specification holding `aws_s3_bucket\.b\.bucket`, whose value \(and so its verbs\) is unknown\)$/,
    );
  });

  it('`try` does not fall back from such a `format`: what it gives is unknown, not an error', () => {
    const plain = 'format("%s/${aws_s3_bucket.b.bucket}/*", "x")';
    const tried = 'try(format("${aws_s3_bucket.b.bucket}/%s", "x"), "*")';
    const dir = copyWith('format-unknown-spec', (text) => {
      expect(text).toContain(plain);
      return text.replace(plain, tried);
    });
    const [only, ...others] = findings('--hcl', dir);
    expect(others).toEqual([]);
    expect(only?.ruleId).toBe('unverifiable/unresolved-policy');
    expect(only?.message).toMatch(
      /\(`format` of a specification holding `aws_s3_bucket\.b\.bucket`, whose value \(and so its verbs\) is unknown\)$/,
    );
  });

  it('IRSA from a plan: names the module input from another module (not the one read visibly) and suggests --hcl', () => {
    const unresolved = findings('integ/tf-scan/modules/irsa-roles.json').filter((f) =>
      f.ruleId.startsWith('unverifiable/'),
    );
    expect(unresolved.map((f) => [f.location.address, f.message])).toEqual([
      [
        'module.ebs_csi.aws_iam_role.this[0]',
        'policy `module.ebs_csi.aws_iam_role.this[0].assume_role_policy` could not be checked: ' +
          '`module.ebs_csi.data.aws_iam_policy_document.this[0]` statement[1].condition[0].variable is known only after apply: ' +
          'the plan shows no expression for it (a `dynamic` block), and `module.ebs_csi` is given `oidc_providers` ' +
          '(from `module.eks.oidc_provider_arn`), known only after apply; the .tf files build it: ' +
          '`tf-scan PLAN.json --hcl DIR` (after `terraform init`, which fetches the module)',
      ],
    ]);
  });
});

// Plans of registry modules as `build-plans.js` writes them; each address with what a reviewer
// expects of it, and no `unverifiable` finding: every value these plans hold is known.
describe('plans of popular registry modules', () => {
  it.each<{ behaviour: string; file: string; expected: Readonly<Record<string, readonly string[]>> }>([
    {
      behaviour:
        'iam-assumable-role-with-oidc: no `sub` condition is any repository; `role_policy_arns[count.index]` of a policy of the plan',
      file: 'oidc-roles.json',
      expected: {
        'module.any_branch.aws_iam_role.this[0]': [
          'credentials-exposure/unscoped-credential-action',
          'data-exfiltration/unscoped-read',
          'trust-policy/oidc-missing-sub',
        ],
        'module.main_only.aws_iam_role.this[0]': [],
        'aws_iam_policy.deploy': [
          'privilege-escalation/pass-role-to-service',
          'privilege-escalation/pass-role-wildcard',
        ],
      },
    },
    {
      behaviour:
        'iam-policy attached by iam-group-with-policies (`element(var.custom_group_policy_arns, count.index)`); the self-management policy is no escalation',
      file: 'group-with-policies.json',
      expected: {
        'module.ops_policy.aws_iam_policy.policy[0]': ['privilege-escalation/pass-role-wildcard'],
        'module.admins.aws_iam_group.this[0]': [],
        'module.admins.aws_iam_policy.iam_self_management[0]': [],
      },
    },
    {
      behaviour:
        'eks managed node group: the worker policies attached over `for_each` pass; SSM core reads every parameter',
      file: 'eks-node-group.json',
      expected: {
        'module.eks.module.eks_managed_node_group["default"].aws_iam_role.this[0]': ['data-exfiltration/unscoped-read'],
      },
    },
    {
      behaviour: 's3-bucket `attach_policy` merged with `attach_deny_insecure_transport_policy`: the public read only',
      file: 'bucket-attach-policy.json',
      expected: { 'module.assets.aws_s3_bucket_policy.this[0]': ['resource-exposure/public-principal'] },
    },
    {
      behaviour:
        'cloudposse iam-role: another account trusted without external id, `ec2:*` on `*` through `policy_documents`',
      file: 'cloudposse-role.json',
      expected: {
        'module.fleet_role.aws_iam_role.default[0]': [
          'data-exfiltration/unscoped-read',
          'trust-policy/account-root',
          'trust-policy/cross-account-external-id',
        ],
        'module.fleet_role.aws_iam_policy.default[0]': [
          'credentials-exposure/unscoped-credential-action',
          'privilege-escalation/run-as-existing-role',
          'resource-exposure/policy-change',
          'wildcard-action/service-wildcard',
          'wildcard-resource/write-on-star',
        ],
      },
    },
  ])('$behaviour', ({ file, expected }) => {
    const { got, want } = ruleIdsByAddress(findings(fixture(file)), expected);
    expect(got).toEqual(want);
  });

  it('the findings of the policies attached through module inputs are on the principals they reach', () => {
    const principals = (file: string, ruleId: string): (string | undefined)[] =>
      findings(fixture(file))
        .filter((f) => f.ruleId === ruleId)
        .map((f) => f.principal);
    expect(principals('oidc-roles.json', 'privilege-escalation/pass-role-wildcard')).toEqual([
      'module.main_only.aws_iam_role.this[0]',
    ]);
    expect(principals('group-with-policies.json', 'privilege-escalation/pass-role-wildcard')).toEqual([
      'module.admins.aws_iam_group.this[0]',
    ]);
  });
});

describe('the input a dynamic block reads', () => {
  // `role_policy_arns` is also only known after apply (a policy of the plan), but `ebs_csi` passes
  // it to the module making its attachments: read where the plan shows it, it is not the one.
  it('an input passed on to a module the called module calls is read visibly, so not named', () => {
    const [unresolved, ...others] = findings(fixture('irsa-nested-attachments.json')).filter((f) =>
      f.ruleId.startsWith('unverifiable/'),
    );
    expect(others).toEqual([]);
    expect(unresolved?.message).toContain(
      'and `module.ebs_csi` is given `oidc_providers` (from `module.eks.oidc_provider_arn`), known only after apply;',
    );
  });

  it('the policy attached by that inner module still reaches the role', () => {
    const passing = findings(fixture('irsa-nested-attachments.json')).filter(
      (f) => f.ruleId === 'privilege-escalation/pass-role-wildcard',
    );
    expect(passing.map((f) => f.principal)).toEqual(['module.ebs_csi.aws_iam_role.this[0]']);
  });
});

describe('what the message of a trust left unknown by a module says', () => {
  const unresolved = (...args: string[]): string[] =>
    findings(...args)
      .filter((f) => f.ruleId.startsWith('unverifiable/'))
      .map((f) => f.message);
  const given = (module: string): string =>
    `and \`${module}\` is given \`oidc_providers\` (from \`module.eks.oidc_provider_arn\`), known only after apply;`;

  it('an input a wrapper module passes on (`var.oidc_providers`) is followed to where the root makes it', () => {
    const [message, ...others] = unresolved(fixture('irsa-wrapped.json'));
    expect(others).toEqual([]);
    expect(message).toContain(given('module.wrap.module.ebs_csi'));
  });

  it('an input of a value the plan shows (tags of a policy) is not named as known only after apply', () => {
    const [message, ...others] = unresolved(fixture('irsa-known-input.json'));
    expect(others).toEqual([]);
    expect(message).toContain(given('module.ebs_csi'));
  });

  it('a module output made a map names the part only apply knows; one whose parts are all shown is not named', () => {
    const [message, ...others] = unresolved(fixture('irsa-map-output.json'));
    expect(others).toEqual([]);
    expect(message).toContain(
      'and `module.ebs_csi` is given `oidc_providers` (from `module.eks.aws_iam_openid_connect_provider.oidc_provider[0].arn` in `module.eks.oidc`), known only after apply;',
    );
    expect(message).not.toContain('`tags`');
  });

  it.each([
    { plan: 'irsa-local-output.json', output: 'module.eks.oidc_provider_arn', made: 'a local' },
    { plan: 'irsa-map-local-output.json', output: 'module.eks.oidc', made: 'a map with a local' },
  ])(
    'a module output made of $made (which the plan never shows) is named whole, with the --hcl hint',
    ({ plan, output }) => {
      const [message, ...others] = unresolved(fixture(plan));
      expect(others).toEqual([]);
      expect(message).toContain(
        `and \`module.ebs_csi\` is given \`oidc_providers\` (from \`${output}\`), known only after apply; the .tf files build it: \`tf-scan PLAN.json --hcl DIR\``,
      );
    },
  );

  it('a word the plan shows an expression for is not said to come from a `dynamic` block', () => {
    const [message, ...others] = unresolved(fixture('irsa-shown-variable.json'));
    expect(others).toEqual([]);
    expect(message).toMatch(/statement\[1\]\.condition\[0\]\.variable is known only after apply$/);
  });

  it('with --hcl DIR but the module not fetched (no `terraform init`), says to run it', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'modules27-'));
    copies.push(dir);
    fs.copyFileSync(path.join(fixture('irsa-sources'), 'main.tf'), path.join(dir, 'main.tf'));
    const [message, ...others] = unresolved('integ/tf-scan/modules/irsa-roles.json', '--hcl', dir);
    expect(others).toEqual([]);
    expect(message).toContain(given('module.ebs_csi'));
    expect(message).toMatch(
      /; the \.tf files of `module\.ebs_csi` were not found under --hcl DIR: `terraform init` fetches the module$/,
    );
  });

  it('a call input whose expression is `null` is scanned, not an internal error', () => {
    const { status, stderr } = runTfScan([fixture('irsa-null-input.json')]);
    expect({ status, stderr }).toEqual({ status: 1, stderr: '' });
    expect(unresolved(fixture('irsa-null-input.json'))).toEqual(unresolved('integ/tf-scan/modules/irsa-roles.json'));
  });
});

describe('IRSA through terraform-aws-iam with the .tf files (`--hcl DIR`, modules as `terraform init` installs them)', () => {
  it('the trust is rebuilt from the dynamic blocks: one service account passes, the attached policy is still judged', () => {
    const { got, want } = ruleIdsByAddress(
      findings('integ/tf-scan/modules/irsa-roles.json', '--hcl', fixture('irsa-sources')),
      {
        'module.ebs_csi.aws_iam_role.this[0]': [],
        'aws_iam_policy.ebs_extra': ['privilege-escalation/pass-role-wildcard'],
        'module.any_sa.aws_iam_role.this[0]': ['data-exfiltration/unscoped-read', 'trust-policy/oidc-broad-subject'],
      },
    );
    expect(got).toEqual(want);
  });

  it('every service account of the cluster (`StringLike` `*:*`) is broad once the sources are read, unverifiable from the plan alone', () => {
    const plan = fixture('irsa-broad-subject.json');
    const rules = (...args: string[]): string[] =>
      findings(...args)
        .filter((f) => f.location.address === 'module.ebs_csi.aws_iam_role.this[0]')
        .map((f) => f.ruleId);
    expect(rules(plan, '--hcl', fixture('irsa-sources-broad'))).toEqual(['trust-policy/oidc-broad-subject']);
    expect(rules(plan)).toEqual(['unverifiable/unresolved-policy']);
  });
});
