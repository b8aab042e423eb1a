import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parse } from '@cdktf/hcl2json';
import { StaticEvaluator } from '../src/hcl-config';
import { parseTerraformFile } from '../src/hcl-json-syntax';

/**
 * Expressions of the shapes policies are built with, each with what `terraform console` gave for
 * it, recorded by scripts/record-console-cases.mjs (never written by hand): the JSON text of its
 * value (`jsonencode`), or an error (or a value Terraform leaves unknown). Each is read as a
 * configuration gives it (a local of a .tf file, through hcl2json) and must come out as Terraform's
 * value, or as no value at all: never another value, and never a value where Terraform has none.
 */
interface ConsoleCase {
  readonly group: string;
  readonly expr: string;
  readonly terraform: { readonly json: string } | { readonly error: true };
}

const directory = path.join(__dirname, 'console');
const recorded = JSON.parse(readFileSync(path.join(directory, 'cases.json'), 'utf8')) as {
  terraform: string;
  cases: ConsoleCase[];
};

/**
 * Groups whose cases the evaluator may leave without a value: format verbs with flags and widths,
 * numbers Terraform computes with more precision than JavaScript, POSIX classes and Unicode
 * properties in regular expressions.
 */
const MAY_REFUSE = new Set(['format', 'formatlist', 'numbers', 'regex', 'replace']);

/** Cases of the other groups that are left without a value, and why. */
const REFUSED: Readonly<Record<string, string>> = {
  'cidrhost("010.0.0.0/8", 1)': 'an address with leading zeros',
  'cidrsubnet("::ffff:10.0.0.0/104", 8, 1)': 'an IPv4-mapped IPv6 prefix',
  'pow(2, 64)': 'a number beyond the integers JavaScript holds exactly',
  'pow(2, 0.5)': 'an irrational number, which Terraform computes with more precision',
  'format("%05s", "ab")': 'zeros before text, a Go rule not reproduced',
  'format("%+s", "a")': 'a sign flag beside text, a Go rule not reproduced',
  'format("%t", "true")': '%t of text Terraform converts to a boolean',
  'format("%5.1d", 3)': 'a precision of a whole number',
  'format("%#x", 255)': 'the # flag',
  'regexall("[[:^digit:]]+", "Arn:aws-S3 é_ÉΩ 0x1F! {x}")': 'a negated POSIX class',
  'try(regex("[[:^digit:]]+", "Ab-c é"), "none")': 'a negated POSIX class',
  'replace("Ab-c é9", "/[[:^digit:]]+/", "#")': 'a negated POSIX class',
  'regexall("\\\\p{Greek}+", "Arn:aws-S3 é_ÉΩ 0x1F! {x}")': 'a Unicode script, which JavaScript names otherwise',
  'try(regex("\\\\p{Greek}+", "Ab-c é"), "none")': 'a Unicode script, which JavaScript names otherwise',
  'replace("Ab-c é9", "/\\\\p{Greek}+/", "#")': 'a Unicode script, which JavaScript names otherwise',
  'try(regex("[[:bogus:]]", "Ab-c é"), "none")': 'a POSIX class RE2 does not know: not guessed as its error',
  'try(regexall("[[:bogus:]]", "Arn:aws-S3 é_ÉΩ 0x1F! {x}")\n, "fallback")':
    'a POSIX class RE2 does not know: not guessed as its error',
  'try(replace("Ab-c é9", "/[[:bogus:]]/", "#")\n, "fallback")':
    'a POSIX class RE2 does not know: not guessed as its error',
  '[1] == [1]': 'collections equal only when of one type, list or tuple, which is not recorded',
  '{ a = 1 } == { a = 1 }': 'collections equal only when of one type, map or object, which is not recorded',
  'tolist(["a"]) == ["a"]': 'collections equal only when of one type, list or tuple, which is not recorded',
  'toset(["a"]) == toset(["a"])': 'collections equal only when of one type, list or tuple, which is not recorded',
  'yamlencode("trailing \\nx")': 'a line break after a space, double-quoted by the YAML emitter',
  'yamlencode({ k = "trailing \\nx" })': 'a line break after a space, double-quoted by the YAML emitter',
  'yamlencode(["trailing \\nx"])': 'a line break after a space, double-quoted by the YAML emitter',
  'yamlencode(1e21)': 'a number beyond the integers JavaScript holds exactly',
  'yamlencode({ k = 1e21 })': 'a number beyond the integers JavaScript holds exactly',
  'yamlencode([1e21])': 'a number beyond the integers JavaScript holds exactly',
  'yamlencode({ "yes" = 1, "1" = 2, "a b" = 3, "" = 4, "a:b" = 5, "-x" = 6, "null" = 7, "é" = 8, "a\\nb" = 9 })':
    'a key with a line break, written as a complex key',
  'yamlencode({ "${join("", [for i in range(130) : "k"])}" = 1 })': 'a key longer than 128 bytes, a complex key',
  'try(setsymmetricdifference([1, 2], [2, 3])\n, "fallback")': 'a function this evaluator does not implement',
};

/** The JSON text the configuration reader gives the expression, or `undefined` when it gives none. */
async function evaluated(expr: string): Promise<string | undefined> {
  let parsed: Record<string, unknown>;
  try {
    parsed = await parseTerraformFile(parse, 'main.tf', `locals {\n  c = ${expr}\n}\n`);
  } catch {
    return undefined;
  }
  const evaluator = new StaticEvaluator({ files: [{ parsed }] }, undefined, { module: directory, root: directory });
  const { constant_value: value } = evaluator.expression('${jsonencode(local.c)}');
  return typeof value === 'string' ? value : undefined;
}

describe(`expressions as terraform console ${recorded.terraform} computes them`, () => {
  const groups = [...new Set(recorded.cases.map((c) => c.group))];
  describe.each(groups)('%s', (group) => {
    const base = group.replace(/ fallback$/, '');
    const cases = recorded.cases.filter((c) => c.group === group).map((c) => [c.expr, c.terraform] as const);

    it.each(cases)('%s', async (expr, terraform) => {
      const value = await evaluated(expr);
      if ('error' in terraform) expect(value).toBeUndefined();
      else if (Object.hasOwn(REFUSED, expr)) expect(value).toBeUndefined();
      else if (MAY_REFUSE.has(base) && value === undefined) return;
      else expect(value).toBe(terraform.json);
    });
  });

  it('records errors and values of every group (the recording is not empty or one-sided)', () => {
    expect(recorded.cases.filter((c) => 'json' in c.terraform).length).toBeGreaterThan(1000);
    expect(recorded.cases.filter((c) => 'error' in c.terraform).length).toBeGreaterThan(100);
  });
});
