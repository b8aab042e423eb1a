#!/usr/bin/env node
/**
 * Records what Terraform makes of a root module variable given a value that its type constraint
 * may or may not accept (a default, a `terraform.tfvars` value, a `-var`), with `nullable` and
 * `validation` blocks, and what `issensitive` and `ephemeralasnull` say of a variable declared
 * `sensitive` or `ephemeral` (the case's `expr`, else `var.v`), into packages/tf-scan/test/console/variables.json, which
 * test/variable-cases.test.ts checks `tf-scan --hcl` against. Each case is a scratch configuration
 * of one `variable "v"` whose value (or `expr`) `terraform console` prints as JSON, or refuses (the error
 * `terraform plan` stops at too). Needs `terraform` on the PATH and no network.
 *
 *   node packages/tf-scan/scripts/record-variable-cases.mjs
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const here = path.dirname(new URL(import.meta.url).pathname);
const out = path.join(here, '..', 'test', 'console', 'variables.json');

/** The cases: a type, and a value given as a default, in terraform.tfvars or as -var text. */
function generate() {
  const cases = [];
  const add = (group, type, where, value, extra = {}) => cases.push({ group, type, [where]: value, ...extra });
  const OBJECT = 'object({ name = string, actions = optional(list(string), ["s3:GetObject"]), effect = optional(string, "Allow") })';
  for (const where of ['default', 'tfvars']) {
    add('primitives', 'string', where, '111122223333');
    add('primitives', 'string', where, 'true');
    add('primitives', 'string', where, '["a"]');
    add('primitives', 'string', where, '{ a = "b" }');
    add('primitives', 'number', where, '"3"');
    add('primitives', 'number', where, '"1e3"');
    add('primitives', 'number', where, '"0x10"');
    add('primitives', 'number', where, '" 3"');
    add('primitives', 'number', where, '"three"');
    add('primitives', 'number', where, 'true');
    add('primitives', 'bool', where, '"yes"');
    add('primitives', 'bool', where, '"true"');
    add('primitives', 'bool', where, '"1"');
    add('primitives', 'bool', where, '"False"');
    add('primitives', 'bool', where, '1');
    add('primitives', 'bool', where, 'null');
    add('collections', 'list(string)', where, '"arn:aws:s3:::b"');
    add('collections', 'list(string)', where, '["a", 1, true]');
    add('collections', 'list(string)', where, '["a", ["b"]]');
    add('collections', 'list(string)', where, '{ a = "b" }');
    add('collections', 'list(string)', where, '[]');
    add('collections', 'list(string)', where, '["a", null]');
    add('collections', 'set(string)', where, '["b", "a", "b"]');
    add('collections', 'list(number)', where, '["1", "x"]');
    add('collections', 'map(string)', where, '{ a = 1, b = true }');
    add('collections', 'map(string)', where, '["a"]');
    add('collections', 'map(string)', where, '{ a = ["x"] }');
    add('collections', 'map(list(string))', where, '{ a = "x" }');
    add('collections', 'tuple([string, number])', where, '["a", "2"]');
    add('collections', 'tuple([string, number])', where, '["a"]');
    add('collections', 'tuple([string, number])', where, '["a", "b"]');
    add('collections', 'list(any)', where, '["a", 1]');
    add('collections', 'any', where, '"x"');
    add('objects', OBJECT, where, '{ name = "r" }');
    add('objects', OBJECT, where, '{ actions = ["s3:*"] }');
    add('objects', OBJECT, where, '{ name = "r", actions = "s3:*" }');
    add('objects', OBJECT, where, '{ name = "r", extra = 1 }');
    add('objects', OBJECT, where, '{ name = "r", actions = null }');
    add('objects', OBJECT, where, '"r"');
    add('objects', `map(${OBJECT})`, where, '{ a = { name = "r" }, b = { name = "s", effect = "Deny" } }');
    add('objects', `map(${OBJECT})`, where, '{ a = { name = "r" }, b = { effect = "Deny" } }');
    add('objects', `list(${OBJECT})`, where, '[{ name = "r" }, { name = ["s"] }]');
    add('objects', 'object({ a = optional(object({ b = optional(string, "d"), c = optional(number) }), {}) })', where, '{}');
    add('objects', 'object({ a = optional(object({ b = optional(string, "d"), c = optional(number) })) })', where, '{}');
    add('objects', 'object({ a = optional(object({ b = optional(string, "d") })) })', where, '{ a = {} }');
    add('objects', 'object({ a = optional(list(object({ b = optional(string, "d") })), [{}]) })', where, '{}');
    add('objects', 'object({ a = string })', where, '{ a = null }');
    add('objects', 'object({ a = optional(string, "x") })', where, '{ a = null }');
    add('objects', 'object({ a = optional(number, 5) })', where, '{ a = "7" }');
  }
  add('-var', 'number', 'var', '3');
  add('-var', 'number', 'var', 'x');
  add('-var', 'bool', 'var', 'yes');
  add('-var', 'bool', 'var', 'true');
  add('-var', 'list(string)', 'var', '["a", 1]');
  add('-var', 'list(string)', 'var', '"a"');
  add('-var', 'list(string)', 'var', 'a');
  add('-var', OBJECT, 'var', '{ name = "r" }');
  add('-var', OBJECT, 'var', '{}');
  add('nullable', 'string', 'tfvars', 'null', { default: '"d"', nullable: 'false' });
  add('nullable', 'string', 'tfvars', 'null', { default: '"d"' });
  add('nullable', 'string', 'tfvars', 'null', { nullable: 'false' });
  add('nullable', 'string', 'default', 'null', { nullable: 'false' });
  add('nullable', 'list(string)', 'tfvars', '["a"]', { nullable: 'false' });
  const accountValidation = { validation: 'can(regex("^[0-9]{12}$", var.v))', message: 'an account id has 12 digits.' };
  add('validation', 'string', 'tfvars', '"111122223333"', accountValidation);
  add('validation', 'string', 'tfvars', '"1111"', accountValidation);
  add('validation', 'string', 'default', '"*"', accountValidation);
  add('validation', 'list(string)', 'tfvars', '["s3:GetObject", "*"]', {
    validation: 'alltrue([for a in var.v : a != "*"])',
    message: 'no wildcard action.',
  });
  add('validation', 'list(string)', 'tfvars', '["s3:GetObject"]', {
    validation: 'alltrue([for a in var.v : a != "*"])',
    message: 'no wildcard action.',
  });
  add('validation', 'string', 'tfvars', 'null', { validation: 'var.v == null || length(var.v) > 3', message: 'too short.' });
  add('validation', 'string', 'tfvars', 'null', { validation: 'length(var.v) > 3', message: 'too short.' });
  add('validation', 'number', 'tfvars', '"5"', { validation: 'var.v < 4', message: 'at most 3.' });
  // What a declaration says of its values: issensitive and ephemeralasnull of variables.
  for (const [flags, expr] of [
    [{ sensitive: 'true' }, 'issensitive(var.v)'],
    [{}, 'issensitive(var.v)'],
    [{}, 'issensitive("arn:aws:iam::${var.v}:root")'],
    [{ ephemeral: 'true' }, 'issensitive(var.v)'],
    [{ ephemeral: 'true' }, 'ephemeralasnull(var.v)'],
    [{}, 'ephemeralasnull(var.v)'],
    [{}, 'ephemeralasnull("arn:aws:iam::${var.v}:root")'],
    [{ sensitive: 'true' }, 'issensitive(nonsensitive(var.v))'],
    // Expressions over a variable: sensitivity goes through templates, operators and functions of
    // it, not to a collection built around it (a function of such a collection may or may not
    // carry it: length([var.v]) does not, jsonencode({ a = var.v }) does; left unverifiable).
    [{ sensitive: 'true' }, 'issensitive(upper(var.v))'],
    [{ sensitive: 'true' }, 'issensitive("arn:aws:iam::${var.v}:root")'],
    [{ sensitive: 'true' }, 'issensitive(var.v == "111122223333")'],
    [{ sensitive: 'true' }, 'issensitive(length(var.v))'],
    [{ sensitive: 'true' }, 'issensitive([var.v])'],
    [{ sensitive: 'true' }, 'issensitive({ account = var.v, role = "app" })'],
    [{}, 'issensitive(upper(var.v))'],
    // A collection given to a function: `jsonencode`, `join` and the like take on the marks inside
    // it as a whole; `tolist`, `merge`, `concat` keep them on the elements; `lookup` and `try` take
    // those of what they pick; a conditional those of both branches.
    [{ sensitive: 'true' }, 'issensitive(jsonencode({ account = var.v }))'],
    [{ sensitive: 'true' }, 'issensitive(join(",", [var.v, "a"]))'],
    [{ sensitive: 'true' }, 'issensitive(tolist([var.v]))'],
    [{ sensitive: 'true' }, 'issensitive(merge({ a = "b" }, { account = var.v }))'],
    [{ sensitive: 'true' }, 'issensitive(jsonencode(merge({ a = "b" }, { account = var.v })))'],
    [{ sensitive: 'true' }, 'issensitive(concat(["a"], [var.v]))'],
    [{ sensitive: 'true' }, 'issensitive(lookup({ a = "b" }, "a", var.v))'],
    [{ sensitive: 'true' }, 'issensitive(lookup({ a = "b" }, "z", var.v))'],
    [{ sensitive: 'true' }, 'issensitive(["a", var.v][0])'],
    [{ sensitive: 'true' }, 'issensitive(["a", var.v][1])'],
    [{ sensitive: 'true' }, 'issensitive(try(var.v, "a"))'],
    [{ sensitive: 'true' }, 'issensitive(can(var.v))'],
    [{ sensitive: 'true' }, 'issensitive(false ? var.v : "a")'],
    [{ sensitive: 'true' }, 'issensitive([for a in ["x"] : var.v])'],
    [{ sensitive: 'true' }, 'issensitive(jsonencode([for a in ["x"] : var.v]))'],
    [{ sensitive: 'true' }, 'issensitive(jsonencode(nonsensitive(var.v)))'],
    // A collection holding an ephemeral value: that value alone becomes null.
    [{ ephemeral: 'true' }, 'ephemeralasnull({ account = var.v, role = "app" })'],
    [{ ephemeral: 'true' }, 'ephemeralasnull([var.v, "app"])'],
    [{ ephemeral: 'true' }, 'ephemeralasnull({ nested = { account = var.v }, roles = ["app"] })'],
    [{ ephemeral: 'true' }, 'ephemeralasnull("arn:aws:iam::${var.v}:root")'],
    [{ ephemeral: 'true' }, 'ephemeralasnull({ account = var.v, role = "app" }).role'],
  ])
    add('declared sensitive or ephemeral', 'string', 'default', '"111122223333"', { ...flags, expr });
  // A sensitive map whole: what functions of the collection give.
  for (const expr of [
    'issensitive(jsonencode(var.v))',
    'issensitive(merge(var.v, { c = "d" }))',
    'issensitive(tolist(values(var.v)))',
    'issensitive(keys(var.v))',
    'issensitive(length(var.v))',
    'issensitive(var.v["a"])',
    'issensitive(lookup(var.v, "a", "z"))',
    'issensitive({ for k, x in var.v : k => x })',
  ])
    add('declared sensitive or ephemeral', 'map(string)', 'default', '{ a = "111122223333" }', { sensitive: 'true', expr });
  return cases;
}

/** The configuration of one case: a variable `v`, its value printed by the console. */
function configuration(c) {
  const lines = [`variable "v" {`, `  type = ${c.type}`];
  if (c.default !== undefined) lines.push(`  default = ${c.default}`);
  if (c.nullable !== undefined) lines.push(`  nullable = ${c.nullable}`);
  if (c.sensitive !== undefined) lines.push(`  sensitive = ${c.sensitive}`);
  if (c.ephemeral !== undefined) lines.push(`  ephemeral = ${c.ephemeral}`);
  if (c.validation !== undefined)
    lines.push('  validation {', `    condition     = ${c.validation}`, `    error_message = ${JSON.stringify(c.message)}`, '  }');
  lines.push('}', '');
  return lines.join('\n');
}

function record(c) {
  const dir = mkdtempSync(path.join(tmpdir(), 'variable-cases-'));
  try {
    writeFileSync(path.join(dir, 'main.tf'), configuration(c));
    if (c.tfvars !== undefined) writeFileSync(path.join(dir, 'terraform.tfvars'), `v = ${c.tfvars}\n`);
    const run = spawnSync('terraform', ['console', '-no-color', ...(c.var !== undefined ? ['-var', `v=${c.var}`] : [])], {
      cwd: dir,
      input: `jsonencode(${c.expr ?? 'var.v'})\n`,
      encoding: 'utf8',
      env: { ...process.env, TF_CLI_CONFIG_FILE: '/dev/null', CHECKPOINT_DISABLE: '1', TF_IN_AUTOMATION: '1' },
      timeout: 60_000,
    });
    const match = /^"(.*)"\s*$/.exec(run.stdout);
    if (run.status !== 0 || match === null) {
      // The summary line of Terraform's error ("Invalid value for input variable"), kept to read the file by.
      const summary = /Error: (.*)/.exec(run.stderr)?.[1] ?? 'error';
      return { error: summary.trim() };
    }
    return { json: JSON.parse(`"${match[1]}"`) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const cases = generate();
const version = spawnSync('terraform', ['version', '-json'], { encoding: 'utf8' });
const recorded = cases.map((c) => ({ ...c, terraform: record(c) }));
writeFileSync(out, `${JSON.stringify({ terraform: JSON.parse(version.stdout).terraform_version, cases: recorded }, null, 1)}\n`);
console.log(`${recorded.length} variable cases recorded, ${recorded.filter((c) => 'error' in c.terraform).length} refused`);
