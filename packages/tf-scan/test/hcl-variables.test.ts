/**
 * `tf-scan --hcl DIR` given variable values as `terraform plan` takes them: `TF_VAR_` variables,
 * `terraform.tfvars`, `*.auto.tfvars`, `-var` and `-var-file`, with Terraform's precedence and its
 * errors. Each configuration names its policy instances by a variable (`for_each = toset([var.env])`),
 * so the address of the finding shows the value that won.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runScanCommand } from '@iamgate/core';
import { fakeIo } from '../../core/test/helpers/fake-io';
import { TF_SCAN_COMMAND } from '../src/cli';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tf-scan-variables-'));
  mkdirSync(join(dir, 'infra'));
  write(
    'infra/main.tf',
    `variable "env" {
  type = string
}
variable "names" {
  type    = list(string)
  default = []
}
variable "raw" {
  default = "none"
}
resource "aws_iam_policy" "p" {
  for_each = toset(concat([var.env], var.names, [var.raw]))
  name     = each.key
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "iam:PassRole", Resource = "*" }]
  })
}
`,
  );
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function write(name: string, text: string): void {
  writeFileSync(join(dir, name), text);
}

async function scan(
  args: readonly string[],
  env: Record<string, string> = {},
): Promise<{ code: number; keys: string[]; stderr: string }> {
  const io = fakeIo({ cwd: dir, env });
  const code = await runScanCommand(
    TF_SCAN_COMMAND,
    ['--hcl', 'infra', '--format', 'json', '--fail-on', 'never', ...args],
    io,
  );
  const keys =
    io.out === ''
      ? []
      : (JSON.parse(io.out) as { findings: { location: { address?: string } }[] }).findings
          .map((f) => /^aws_iam_policy\.p\["(.*)"\]$/.exec(f.location.address ?? '')?.[1] ?? '')
          .sort();
  return { code, keys, stderr: io.err };
}

describe('tf-scan --hcl with variable values', () => {
  it('takes TF_VAR_ variables, then terraform.tfvars, terraform.tfvars.json and *.auto.tfvars in name order', async () => {
    const env = { TF_VAR_env: 'from-env', TF_VAR_unused: 'x' };
    expect((await scan([], env)).keys).toEqual(['from-env', 'none']);
    write('infra/terraform.tfvars', 'env = "tfvars"\n');
    expect((await scan([], env)).keys).toEqual(['none', 'tfvars']);
    write('infra/terraform.tfvars.json', '{"env": "tfvars-json"}');
    expect((await scan([], env)).keys).toEqual(['none', 'tfvars-json']);
    write('infra/b.auto.tfvars', 'env = "b-auto"\n');
    write('infra/a.auto.tfvars', 'env = "a-auto"\n');
    const { keys, stderr } = await scan([], env);
    expect(keys).toEqual(['b-auto', 'none']);
    expect(stderr).toBe('');
    // Five scans in one case, the first loading the HCL parser: more than jest's 5 s on a busy machine.
  }, 20_000);

  it('takes -var and -var-file after the files of the directory, in command-line order, later ones winning', async () => {
    write('infra/terraform.tfvars', 'env = "tfvars"\n');
    write('one.tfvars', 'env = "one"\n');
    write('two.tfvars', 'env = "two"\n');
    expect((await scan(['-var-file', 'one.tfvars', '-var', 'env=cli', '--var-file=two.tfvars'])).keys).toEqual([
      'none',
      'two',
    ]);
    expect((await scan(['-var-file', 'one.tfvars', '--var-file', 'two.tfvars', '-var=env=cli'])).keys).toEqual([
      'cli',
      'none',
    ]);
  });

  it('reads text for a variable of no type or a primitive type as it is, and HCL for the others', async () => {
    const { keys } = await scan(['-var', 'env=a=b ${x}', '-var', 'names=["n1", "n2"]', '-var', 'raw=[1]']);
    expect(keys).toEqual(['[1]', 'a=b ${x}', 'n1', 'n2']);
    const fromEnv = await scan([], { TF_VAR_env: 'e', TF_VAR_names: '["m"]' });
    expect(fromEnv.keys).toEqual(['e', 'm', 'none']);
  });

  it('reads a -var-file named .json as JSON, its strings literal', async () => {
    write('values.json', '{"env": "${literal}", "names": ["j"]}');
    expect((await scan(['-var-file', 'values.json'])).keys).toEqual(['${literal}', 'j', 'none']);
  });

  it("warns of a file's value for an undeclared variable, as Terraform does, and goes on", async () => {
    write('extra.tfvars', 'env = "x"\nregion = "eu-west-1"\n');
    const { code, keys, stderr } = await scan(['-var-file', 'extra.tfvars']);
    expect(code).toBe(0);
    expect(keys).toEqual(['none', 'x']);
    expect(stderr).toBe(
      'tf-scan: extra.tfvars: value for undeclared variable `region` ignored (the root module declares no variable of that name)\n',
    );
  });

  const errors: [string, readonly string[], Record<string, string>, RegExp][] = [
    [
      'a -var without `=`',
      ['-var', 'env'],
      {},
      /^tf-scan: -var 'env': expected a variable name and its value separated by `=`/,
    ],
    [
      'a -var for an undeclared variable',
      ['-var', 'region=x'],
      {},
      /^tf-scan: -var 'region=x': the root module declares no variable `region`/,
    ],
    [
      'a -var-file that does not exist',
      ['-var-file', 'env/prod.tfvars'],
      {},
      /^env\/prod\.tfvars: no such variables file\n$/,
    ],
    ['a -var-file that is a directory', ['-var-file', 'infra'], {}, /^infra: is a directory, expected a file\n$/],
    [
      'a -var-file that is not HCL',
      ['-var-file', 'bad.tfvars'],
      {},
      /^bad\.tfvars: invalid HCL at line 2, column \d+: invalid expression/,
    ],
    [
      'a -var-file that refers to a variable',
      ['-var-file', 'ref.tfvars'],
      {},
      /^tf-scan: ref\.tfvars:2: the value of `names` refers to `var\.env`: variables may not be used here/,
    ],
    [
      'a -var-file that calls a function',
      ['-var-file', 'call.tfvars'],
      {},
      /^tf-scan: call\.tfvars:1: the value of `env` calls a function/,
    ],
    ['a .json -var-file that is not a JSON object', ['-var-file', 'list.json'], {}, /^list\.json: /],
    [
      'a -var whose HCL does not parse',
      ['-var', 'names=["a"'],
      {},
      /^tf-scan: -var 'names=\["a"': Unterminated tuple constructor expression/,
    ],
    [
      'a -var with more than one value',
      ['-var', 'names=["a"]\nenv = "b"'],
      {},
      /^tf-scan: -var 'names=\["a"\] env = "b"': extra characters after the value of `names`\n$/,
    ],
    ['a TF_VAR_ variable whose HCL does not parse', [], { TF_VAR_names: '[a' }, /^tf-scan: TF_VAR_names: /],
    [
      'a terraform.tfvars that does not parse',
      [],
      {},
      /^infra\/terraform\.tfvars: invalid HCL at line 2, column 1: missing expression/,
    ],
  ];
  it.each(errors)('%s is an input error of one line (exit 2)', async (_, args, env, message) => {
    write('bad.tfvars', 'env = "x"\nnames = \n');
    write('ref.tfvars', 'env = "x"\nnames = [var.env]\n');
    write('call.tfvars', 'env = upper("x")\n');
    write('list.json', '["env"]');
    if (Object.keys(env).length === 0 && args.length === 0) write('infra/terraform.tfvars', 'env = {\n');
    const { code, stderr } = await scan(args, { TF_VAR_env: 'e', ...env });
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(stderr.trimEnd().split('\n')).toHaveLength(1);
  });

  const refused: [string, string, readonly string[], Record<string, string>, string][] = [
    [
      'a text for a list in terraform.tfvars',
      'names = "n1"\n',
      [],
      {},
      'infra/terraform.tfvars:1: the value of variable `names` is not of its type `list(string)`: list of string required',
    ],
    [
      'a list element that is a list, from -var',
      '',
      ['-var', 'names=["a", ["b"]]'],
      {},
      '-var \'names=["a", ["b"]]\': the value of variable `names` is not of its type `list(string)`: element 1: string required',
    ],
    [
      'an object for a list, from TF_VAR_',
      '',
      [],
      { TF_VAR_names: '{ a = "b" }' },
      'TF_VAR_names: the value of variable `names` is not of its type `list(string)`: list of string required',
    ],
    [
      'a list for a string, from a -var-file',
      '',
      ['-var-file', 'env.tfvars'],
      {},
      'env.tfvars:2: the value of variable `env` is not of its type `string`: string required',
    ],
  ];
  it.each(refused)(
    '%s is refused as Terraform refuses it, naming the variable and where the value comes from',
    async (_, tfvars, args, env, message) => {
      if (tfvars !== '') write('infra/terraform.tfvars', tfvars);
      write('env.tfvars', 'names = []\nenv = ["prod"]\n');
      const { code, stderr } = await scan(args, { TF_VAR_env: 'e', ...env });
      expect(code).toBe(2);
      expect(stderr).toBe(`tf-scan: ${message}\n`);
    },
  );

  it("refuses a module block's input its variable's type does not hold, and gives a non-nullable one its default", async () => {
    mkdirSync(join(dir, 'infra', 'grant'));
    write(
      'infra/grant/main.tf',
      'variable "actions" {\n  type     = list(string)\n  nullable = false\n  default  = ["s3:GetObject"]\n}\n' +
        'resource "aws_iam_policy" "p" {\n  for_each = toset(var.actions)\n  name     = each.key\n  policy   = "{}"\n}\n',
    );
    write(
      'infra/main.tf',
      'variable "env" {\n  default = "x"\n}\nmodule "grant" {\n  source  = "./grant"\n  actions = var.env == "x" ? null : []\n}\n',
    );
    const io = fakeIo({ cwd: dir });
    expect(
      await runScanCommand(TF_SCAN_COMMAND, ['--hcl', 'infra', '--format', 'json', '--fail-on', 'never'], io),
    ).toBe(0);
    const addresses = (JSON.parse(io.out) as { findings: { location: { address?: string } }[] }).findings.map(
      (f) => f.location.address,
    );
    expect(addresses).toContain('module.grant.aws_iam_policy.p["s3:GetObject"]');
    // An empty list given is no null: nothing to create, and no error.
    expect((await scan(['-var', 'env=y'])).stderr).toBe('');
    write('infra/main.tf', 'module "grant" {\n  source  = "./grant"\n  actions = "s3:GetObject"\n}\n');
    const { code, stderr } = await scan([]);
    expect(code).toBe(2);
    expect(stderr).toBe(
      'tf-scan: infra/main.tf: the input `actions` of module `grant` is not of its type `list(string)`: list of string required\n',
    );
  });

  it('names a type written over several lines on one line', async () => {
    write(
      'infra/main.tf',
      'variable "env" {\n  type = object({\n    name = string\n    tags = optional(map(string), {})\n  })\n}\n',
    );
    const { code, stderr } = await scan(['-var', 'env={ tags = {} }']);
    expect(code).toBe(2);
    expect(stderr).toBe(
      'tf-scan: -var \'env={ tags = {} }\': the value of variable `env` is not of its type `object({name = string tags = optional(map(string), {})})`: attribute "name" is required\n',
    );
    write(
      'infra/main.tf',
      'variable "env" {\n  type = map(object({\n    effect    = optional(string, "Allow")\n    actions   = set(string)\n    resources = set(string)\n  }))\n}\n',
    );
    // A long type by its outer shape: the issue names the attribute at fault.
    expect((await scan(['-var', 'env={ Read = { resources = ["x"] } }'])).stderr).toBe(
      'tf-scan: -var \'env={ Read = { resources = ["x"] } }\': the value of variable `env` is not of its type `map(object({...}))`: element "Read": attribute "actions" is required\n',
    );
  });

  it('refuses a default its type does not hold, a null `nullable = false` refuses and a failed validation', async () => {
    const base =
      'variable "env" {\n  type = string\n}\nresource "aws_iam_policy" "p" {\n  name = var.env\n  policy = "{}"\n}\n';
    write('infra/main.tf', `${base}variable "count_of" {\n  type    = number\n  default = "three"\n}\n`);
    expect((await scan([], { TF_VAR_env: 'e' })).stderr).toBe(
      'tf-scan: infra/main.tf: the default of variable `count_of` is not of its type `number`: a number is required\n',
    );
    write('infra/main.tf', `${base}variable "team" {\n  type     = string\n  nullable = false\n}\n`);
    write('infra/terraform.tfvars', 'env = "e"\nteam = null\n');
    expect((await scan([])).stderr).toBe(
      'tf-scan: infra/terraform.tfvars:2: the value of variable `team` is null, which `nullable = false` refuses, and it has no default to take instead\n',
    );
    write('infra/terraform.tfvars', 'env = "e"\n');
    write(
      'infra/main.tf',
      `${base}variable "account" {\n  type    = string\n  default = "*"\n  validation {\n    condition     = can(regex("^\\\\d{12}$", var.account))\n    error_message = <<-EOT\n      An account id:\n      12 digits.\n    EOT\n  }\n}\n`,
    );
    const failed = await scan([]);
    expect(failed.code).toBe(2);
    expect(failed.stderr).toBe(
      'tf-scan: infra/main.tf: the default of variable `account` fails its validation: An account id: 12 digits.\n',
    );
    expect((await scan(['-var', 'account=111122223333'])).code).toBe(0);
  });

  it("stops where terraform plan does on a resource's precondition known false, and leaves the rest to Terraform", async () => {
    const role = (lifecycle: string, meta = ''): string =>
      `variable "admin" {\n  type    = bool\n  default = true\n}\nresource "aws_iam_role" "app" {\n${meta}  name = "app"\n  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = { Service = "lambda.amazonaws.com" }, Action = "sts:AssumeRole" }] })\n  lifecycle {\n${lifecycle}  }\n}\n`;
    const precondition = (condition: string): string =>
      `    precondition {\n      condition     = ${condition}\n      error_message = <<-EOT\n        Admin roles are\n        the platform team's.\n      EOT\n    }\n`;
    write('infra/main.tf', role(precondition('!var.admin')));
    const failed = await scan([]);
    expect(failed.code).toBe(2);
    expect(failed.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(failed.stderr).toContain('infra/main.tf');
    expect(failed.stderr).toContain('`aws_iam_role.app` fails its precondition');
    expect(failed.stderr).toContain("Admin roles are the platform team's.");
    expect((await scan(['-var', 'admin=false'])).code).toBe(0);
    // What only apply tells (another resource's ARN, the role's own): Terraform's to check.
    for (const tf of [
      `${role(precondition('aws_s3_bucket.logs.arn != ""'))}resource "aws_s3_bucket" "logs" {}\n`,
      role(`    postcondition {\n      condition     = self.arn == "x"\n      error_message = "no."\n    }\n`),
      role(precondition('count.index >= 0'), '  count = 2\n'),
    ]) {
      write('infra/main.tf', tf);
      expect(await scan([])).toMatchObject({ code: 0, stderr: '' });
    }
    // Known at plan: an instance's `count.index`, and `self.name` the text sets (postconditions are
    // checked on the planned object too).
    for (const [tf, line] of [
      [
        role(precondition('count.index > 0'), '  count = 1\n'),
        "tf-scan: infra/main.tf: `aws_iam_role.app[0]` fails its precondition: Admin roles are the platform team's.\n",
      ],
      [
        role(`    postcondition {\n      condition     = self.name == "x"\n      error_message = "no."\n    }\n`),
        'tf-scan: infra/main.tf: `aws_iam_role.app` fails its postcondition: no.\n',
      ],
    ] as const) {
      write('infra/main.tf', tf);
      expect(await scan([])).toMatchObject({ code: 2, stderr: line });
    }
  });

  it("names the var file of the configuration's directory when the one given is not there", async () => {
    mkdirSync(join(dir, 'infra', 'env'));
    write('infra/env/prod.tfvars', 'env = "prod"\n');
    const { code, stderr } = await scan(['--var-file', 'env/prod.tfvars']);
    expect(code).toBe(2);
    expect(stderr).toBe(
      'env/prod.tfvars: no such variables file (paths are relative to the working directory: `infra/env/prod.tfvars` is one)\n',
    );
    expect((await scan(['--var-file', 'infra/env/prod.tfvars'])).keys).toEqual(['none', 'prod']);
  });

  it('refuses -var and -var-file beside a plan: a plan holds its variables already', async () => {
    write('plan.json', '{"format_version":"1.2"}');
    const io = fakeIo({ cwd: dir });
    const code = await runScanCommand(TF_SCAN_COMMAND, ['plan.json', '-var', 'env=x'], io);
    expect(code).toBe(2);
    expect(io.err).toMatch(/^tf-scan: `--var` and `--var-file` apply to `--hcl DIR` without a plan/);
  });
});
