import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { runScanCommand } from '@iamgate/core';
import { fakeIo } from '../../core/test/helpers/fake-io';
import { TF_SCAN_COMMAND } from '../src/cli';

/**
 * Root module variables given values their type constraint may refuse (a default, a
 * `terraform.tfvars` value, a `-var`), with `nullable` and `validation` blocks, each with what
 * `terraform console` made of it, recorded by scripts/record-variable-cases.mjs (never written by
 * hand): the JSON text of the value, or Terraform's error. `tf-scan --hcl` must give the
 * configuration that value (or the value of the case's `expr`, seen in the key of the policy it names), or stop with one line naming the
 * variable, exit 2, where Terraform stops.
 */
interface VariableCase {
  readonly group: string;
  readonly type: string;
  readonly default?: string;
  readonly tfvars?: string;
  readonly var?: string;
  readonly nullable?: string;
  readonly sensitive?: string;
  readonly ephemeral?: string;
  readonly validation?: string;
  /** What the console printed, when not `var.v`. */
  readonly expr?: string;
  readonly message?: string;
  readonly terraform: { readonly json: string } | { readonly error: string };
}

const recorded = JSON.parse(readFileSync(path.join(__dirname, 'console', 'variables.json'), 'utf8')) as {
  terraform: string;
  cases: VariableCase[];
};

/** The recorder's configuration, and a policy passing any role keyed by the variable's JSON text. */
function configuration(c: VariableCase): string {
  const lines = ['variable "v" {', `  type = ${c.type}`];
  if (c.default !== undefined) lines.push(`  default = ${c.default}`);
  if (c.nullable !== undefined) lines.push(`  nullable = ${c.nullable}`);
  if (c.sensitive !== undefined) lines.push(`  sensitive = ${c.sensitive}`);
  if (c.ephemeral !== undefined) lines.push(`  ephemeral = ${c.ephemeral}`);
  if (c.validation !== undefined)
    lines.push(
      '  validation {',
      `    condition     = ${c.validation}`,
      `    error_message = ${JSON.stringify(c.message)}`,
      '  }',
    );
  lines.push(
    '}',
    'resource "aws_iam_policy" "p" {',
    `  for_each = toset([jsonencode(${c.expr ?? 'var.v'})])`,
    '  name     = "p"',
    '  policy = jsonencode({',
    '    Version   = "2012-10-17"',
    '    Statement = [{ Effect = "Allow", Action = "iam:PassRole", Resource = "*" }]',
    '  })',
    '}',
    '',
  );
  return lines.join('\n');
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'tf-scan-variable-cases-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

async function scan(c: VariableCase): Promise<{ code: number; keys: string[]; stderr: string }> {
  writeFileSync(path.join(dir, 'main.tf'), configuration(c));
  if (c.tfvars !== undefined) writeFileSync(path.join(dir, 'terraform.tfvars'), `v = ${c.tfvars}\n`);
  const io = fakeIo({ cwd: dir });
  const args = ['--hcl', '.', '--format', 'json', ...(c.var !== undefined ? ['-var', `v=${c.var}`] : [])];
  const code = await runScanCommand(TF_SCAN_COMMAND, args, io);
  const keys =
    io.out === ''
      ? []
      : (JSON.parse(io.out) as { findings: { location: { address?: string } }[] }).findings.map((f) => {
          const key = /^aws_iam_policy\.p\[(".*")\]$/.exec(f.location.address ?? '')?.[1];
          return key === undefined ? '' : (JSON.parse(key) as string);
        });
  return { code, keys: [...new Set(keys)], stderr: io.err };
}

describe(`root module variables as terraform ${recorded.terraform} converts and checks them`, () => {
  const named = (c: VariableCase): string =>
    `${c.type} given ${[
      c.default !== undefined ? `default ${c.default}` : '',
      c.tfvars !== undefined ? `tfvars ${c.tfvars}` : '',
      c.var !== undefined ? `-var ${c.var}` : '',
      c.nullable !== undefined ? `nullable = ${c.nullable}` : '',
      c.sensitive !== undefined ? `sensitive = ${c.sensitive}` : '',
      c.ephemeral !== undefined ? `ephemeral = ${c.ephemeral}` : '',
      c.expr !== undefined ? `read as ${c.expr}` : '',
      c.validation !== undefined ? `validation ${c.validation}` : '',
    ]
      .filter((s) => s !== '')
      .join(', ')}`;
  describe.each([...new Set(recorded.cases.map((c) => c.group))])('%s', (group) => {
    const cases = recorded.cases.filter((c) => c.group === group).map((c) => [named(c), c] as const);
    it.each(cases)('%s', async (_, c) => {
      const { code, keys, stderr } = await scan(c);
      if ('error' in c.terraform) {
        expect(code).toBe(2);
        expect(stderr).toMatch(/`v`/);
        expect(stderr.trimEnd().split('\n')).toHaveLength(1);
      } else {
        expect(stderr).toBe('');
        expect(code).toBe(1);
        expect(keys).toEqual([c.terraform.json]);
      }
    });
  });

  it('records values and errors of each kind (the recording is not one-sided)', () => {
    expect(recorded.cases.filter((c) => 'json' in c.terraform).length).toBeGreaterThan(40);
    expect(recorded.cases.filter((c) => 'error' in c.terraform).length).toBeGreaterThan(40);
  });
});
