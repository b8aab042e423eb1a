#!/usr/bin/env node
/**
 * Generates HCL expressions of the shapes policies are built with (format verbs, regular
 * expressions, templates and their directives, conversions, yamlencode, CIDR functions, for
 * expressions, splats, heredocs...) and records what `terraform console` gives for each into
 * packages/tf-scan/test/console/cases.json, which test/console-cases.test.ts checks the --hcl
 * evaluator against. Run it again after changing the generator; it needs `terraform` on the PATH
 * and no network (the expressions name no provider or module).
 *
 *   node packages/tf-scan/scripts/record-console-cases.mjs
 *
 * Each expression is a local of a scratch configuration, wrapped as
 * `try(nonsensitive(jsonencode(EXPR)), false)`, so that one console run records many: a JSON text
 * is the value, `false` an error. A batch Terraform refuses whole (an error before evaluation,
 * such as a wrong number of arguments) is split until each refused expression stands alone.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const here = path.dirname(new URL(import.meta.url).pathname);
const out = path.join(here, '..', 'test', 'console');

/** Template files the `templatefile` expressions read, relative to the configuration. */
const TEMPLATES = {
  'for.tpl': '[%{ for i, a in actions }"${a}"%{ if i < length(actions) - 1 },%{ endif }%{ endfor }]',
  'strip.tpl': '%{ for a in actions ~}\n  "${a}",\n%{ endfor ~}\nend\n',
  'strip-both.tpl': 'start\n  %{~ for a in actions ~}\n  ${a}\n  %{~ endfor ~}\n\nend',
  'if-else.tpl': '%{ if admin }*%{ else }${join(",", actions)}%{ endif }',
  'if-strip.tpl': 'a\n%{~ if admin ~}\n  yes\n%{~ else ~}\n  no\n%{~ endif ~}\n  b\n',
  'nested.tpl':
    '{\n%{ for k, v in tags ~}\n  "${k}": [%{ for i, x in v }${jsonencode(x)}%{ if i + 1 < length(v) }, %{ endif }%{ endfor }]\n%{ endfor ~}\n}\n',
  'escapes.tpl': '$${literal} %%{ not a directive } ${"quoted"} ${upper(name)}\n',
  'policy.json.tpl':
    '{\n  "Version": "2012-10-17",\n  "Statement": [\n%{ for i, b in buckets ~}\n    {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::${b}/*"}${i < length(buckets) - 1 ? "," : ""}\n%{ endfor ~}\n  ]\n}\n',
  'crlf.tpl': 'line1\r\n%{ for a in actions ~}\r\n${a}\r\n%{ endfor ~}\r\nend',
  'strip-blank.tpl': 'a\n\n  %{~ if admin ~}  \n\n  x  \n  %{~ endif ~}  \n\nb\n',
  'strip-interp.tpl': 'k = [\n  ${~ join(", ", actions) ~}\n]\n%{ for a in actions ~}   ${a}   %{~ endfor }\n',
  'nested-if.tpl': '%{ for k, v in tags ~}\n%{ if length(v) > 1 ~}\n${k} many\n%{ else ~}\n${k} one\n%{ endif ~}\n%{ endfor ~}\n',
  'else-strip.tpl': '[%{ if admin }\n  "*"\n%{~ else ~}\n  ${join(", ", [for a in actions : "\"${a}\""])}\n%{~ endif }\n]',
  'yaml.tpl': 'statements:\n%{ for a in actions ~}\n  - action: ${a}\n    resource: "*"\n%{ endfor ~}\n',
  'indent.tpl': '  ${indent(2, jsonencode(tags))}\n  ${name}  ',
  'map-users.tpl': 'data:\n  mapUsers: |\n%{ for a in buckets ~}\n    - userarn: arn:aws:iam::111122223333:user/${a}\n      username: ${split("/", "u/${a}")[1]}\n%{ endfor ~}\n',
  'managed-arns.yaml.tpl': 'Role:\n  Type: AWS::IAM::Role\n%{ if length(actions) > 0 }\n  ManagedPolicyArns:\n%{ for a in actions }\n    - ${a}\n%{ endfor }\n%{ endif }',
  'trailing-comma.tpl': '{"Resource": [\n  %{ for b in buckets }"arn:aws:s3:::${b}",%{ endfor }\n  "arn:aws:s3:::last"]}',
  'inline-if.tpl': '[%{ for i, a in actions }"${a}"%{ if i != length(actions) - 1 },%{ endif }%{ endfor }]\n%{ if admin ~} admin %{~ endif ~}\n\nend',
  'unicode.tpl': 'é ${name} \u00e9\u0301 %{ if name == "x" }x%{ endif }',
};

/** Data files the file functions read (`file`, `fileset`, `fileexists`, decoders), relative to the configuration. */
const FILES = {
  'files/valid.json': '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}\n',
  'files/trailing-comma.json': '{"Version": "2012-10-17", "Statement": [],}\n',
  'files/duplicate-keys.json': '{"Effect": "Allow", "Effect": "Deny"}',
  'files/bom.json': '\ufeff{"a": 1}',
  'files/comment.json': '// a comment\n{"a": 1}',
  'files/empty.json': '',
  'files/roles.yaml': 'roles:\n  deployer:\n    policies: [deploy.json]\n  reader:\n    policies:\n      - read.json\n',
  'files/tabs.yaml': 'roles:\n\tdeployer: 1\n',
  'files/users.csv': 'name,policy\nana,read\n"bo, jr",admin\n',
  'files/ragged.csv': 'name,policy\nana\n',
  'files/.hidden.json': '{}',
  'files/nested/a.json': '{"n": "a"}',
  'files/nested/deep/b.json': '{"n": "b"}',
  'files/nested/deep/c.yaml': 'n: c\n',
  'files/[x].json': '{}',
};

const TEMPLATE_VARS = '{ actions = ["s3:GetObject", "s3:PutObject"], admin = false, tags = { b = [1, "x"], a = [true] }, name = "app", buckets = ["logs", "data"] }';

/** The expressions, by what they exercise. */
function generate() {
  const cases = [];
  const add = (group, ...exprs) => {
    for (const expr of exprs) cases.push({ group, expr });
  };

  // format and formatlist verbs over values of each type.
  const verbs = ['%q', '%#v', '%5.2f', '%-8s|', '%8s|', '%d', '%5d', '%-5d|', '%05d', '%+d', '%x', '%X', '%o', '%b',
    '%e', '%g', '%t', '%v', '%s', '%.2s', '%10.3f', '%.0f', '%f', '%%', '%[2]s-%[1]s', '%3.1q', '%-6v|', '%08.3f', '% d'];
  const operands = ['"abc"', '1', '-42', '3.14159', '-2.5', 'true', 'null', '["a", 1]', '{ a = 1 }', '1e21', '255', '"é<>"', '0.1', '12345678.9'];
  for (const verb of verbs) for (const value of operands) add('format', `format("${verb}", ${value}${verb.includes('[2]') ? ', "z"' : ''})`);
  add('format',
    'format("%s and %s", "a")', 'format("%d", "12")', 'format("%s", 1.0)', 'format("%v", 1.50)', 'format("%q", 42)',
    'format("%t", "true")', 'format("no verbs")', 'format("%s")', 'format("%z", 1)', 'format("%5%")', 'format("%-5q|", "a")',
    'format("%q", "tab\\there")', 'format("%#v", "é")', 'format("%v", [1, "a", true])', 'format("%#v", [1, "a", true])',
    'format("%v", tolist(["a"]))', 'format("%#v", toset(["b", "a"]))', 'format("%v", { b = 2, a = 1 })', 'format("%x", "hi")',
    'format("%X", "hi")', 'format("%s", sensitive("s"))', 'format("%d", 9007199254740993)', 'format("%f", 1e21)',
    'format("%.3e", 123456)', 'format("%g", 100000)', 'format("%g", 1e21)', 'format("%g", 0.00001)');
  add('format widths',
    'format("app-%02d", 7)', 'format("app-%03d", 1234)', 'format("%+05d", 3)', 'format("%-05d|", 3)', 'format("% 5d", 3)', 'format("% 05d", -3)',
    'format("%x", 0)', 'format("%b", 5)', 'format("%o", 8)', 'format("%08b", 5)', 'format("%-10s|", "é😀")', 'format("%.3s", "é😀xy")',
    'format("%6.2s|", "abc")', 'format("%.0s|", "abc")', 'format("%.s|", "abc")', 'format("%10v|", true)', 'format("%-4t|", false)',
    'format("%5v|", 1e6)', 'format("%3s|", "abcdef")', 'format("%d", "12")', 'format("%x", "255")', 'format("%05s", "ab")', 'format("%+s", "a")',
    'format("%t", "true")', 'format("%2d-%-2d|", 1, 2)', 'format("%s-%03d", "web", 12)', 'formatlist("%s-%02d", ["a", "b"], [1, 2])',
    'format("%10q", "a")', 'format("%-12v|", ["a"])', 'format("%5.1d", 3)', 'format("%#x", 255)');
  // floating-point verbs: rounding of the 512-bit value, precisions, widths, flags, upper case.
  const floats = ['2.675', '0.125', '1.005', '0.5', '1.5', '2.5', '-0.5', '0.05', '99.995', '9.9999', '0', '100', '1000000', '123456',
    '0.000123', '0.0001234', '1.1', '0.3', '1234.5678', '-7.25', '33.333333333333'];
  for (const verb of ['%.2f', '%.0f', '%.1f', '%.3e', '%.0e', '%g', '%.3g', '%.10g', '%G', '%E', '%F', '%+.3e', '% 8.2f|', '%-10.4g|', '%010.2f', '%12e', '%-12.1E|'])
    for (const value of floats) add('format floats', `format("${verb}", ${value})`);
  add('format floats', 'format("%.2f", "2.675")', 'format("%.20f", 0.1)', 'format("%.30e", 2.675)', 'format("%.25g", 1.1)', 'format("%5.1f%%", 99.95)',
    'formatlist("%.1f", [1.25, 1.35, "2.45"])', 'format("%.f|", 2.5)', 'format("%.e", 1234)', 'format("%.g", 1234)', 'format("%#.2f", 1)');
  add('formatlist',
    'formatlist("%s-%d", ["a", "b"], [1, 2])', 'formatlist("%q", ["a", "b"])', 'formatlist("%s", [])', 'formatlist("x")',
    'formatlist("%s=%s", ["a", "b"], "c")', 'formatlist("%5.1f|", [1, 2.25])', 'formatlist("%s", [true, 1, "x"])',
    'formatlist("%[2]s%[1]s", ["a", "b"], ["c", "d"])', 'formatlist("%s", toset(["b", "a"]))', 'formatlist("%s %s", [], [])');

  // replace with text and with regular expressions.
  const subjects = ['"arn:aws:s3:::my-bucket/path/to/key"', '"Hello World"', '"a.b.c"', '"aaa"', '""', '"x-1_y-22"', '"éa"'];
  const replacements = [
    ['"/[aeiou]/"', '"_"'], ['"/(\\\\w+)-(\\\\d+)/"', '"$2-$1"'], ['"/(?P<word>\\\\w+)/"', '"<${word}>"'],
    ['"/(?i)hello/"', '"bye"'], ['"/^/"', '"^"'], ['"/$/"', '"$"'], ['"/.*/"', '"X"'], ['"/a*/"', '"-"'],
    ['"."', '"/"'], ['"/\\\\./"', '"/"'], ['"a"', '"$1"'], ['"/(a)/"', '"$1$1"'], ['"/(a)/"', '"$$1"'],
    ['"/(?P<x>a)/"', '"${x}b"'], ['"/(a)/"', '"${1}b"'], ['"/(a)/"', '"$1b"'], ['"/[[:alpha:]]+/"', '"W"'],
    ['"/\\\\bW/"', '"w"'], ['"/s3:::([^/]+)/"', '"s3:::$1-copy"'], ['"/"', '"|"'], ['"//"', '"|"'],
  ];
  for (const subject of subjects) for (const [search, replacement] of replacements) add('replace', `replace(${subject}, ${search}, ${replacement})`);

  // regex and regexall, named groups included.
  const patterns = [
    '"^arn:(?P<partition>[^:]+):(?P<service>[^:]+):(?P<region>[^:]*):(?P<account>\\\\d*):(?P<resource>.*)$"',
    '"^arn:([^:]+):([^:]+):"', '"[0-9]+"', '"(\\\\d)(\\\\d)?"', '"(?P<first>\\\\w)(?P<rest>\\\\w*)"', '"x"', '"(?i)ARN"',
    '"^(?:arn):(\\\\w+)"', '"(a)|(b)"', '"[[:digit:]]{3}"', '"\\\\p{L}+"', '"(?s)a.b"', '"\\\\Aarn"', '"^$"',
  ];
  const texts = ['"arn:aws:iam::123456789012:role/app"', '"arn:aws:s3:::bucket"', '"a1b22c333"', '"no match"', '"ab"', '"a\\nb"', '""'];
  for (const pattern of patterns)
    for (const text of texts) add('regex', `regex(${pattern}, ${text})`, `regexall(${pattern}, ${text})`);
  add('regex', 'try(regex("x", "y"), "none")', 'can(regex("^[a-z]+$", "abc"))', 'can(regex("(", "abc"))', 'regex("(?P<a>x)(?P<a>y)", "xy")',
    'regex("(?P<a>x)(y)", "xy")', 'length(regexall("[a-z]", "abc"))', 'regex("(?:x)", "x")');

  for (const pattern of ['[[:alnum:]]+', '[[:upper:]][[:lower:]]*', '[[:space:]]', '[[:punct:]]+', '[[:word:]]+', '[^[:digit:]]+',
    '[[:^digit:]]+', '(?i)[[:upper:]]+', '[[:xdigit:]]{2}', '[[:alpha:]-]+', '\\\\pL+', '\\\\p{Lu}', '\\\\P{L}+', '\\\\p{Greek}+',
    '[\\\\p{L}\\\\d]+', '[[:bogus:]]'])
    add('regex classes', `regexall("${pattern}", "Arn:aws-S3 é_ÉΩ 0x1F! {x}")`, `try(regex("${pattern}", "Ab-c é"), "none")`,
      `replace("Ab-c é9", "/${pattern}/", "#")`);

  // split, join, trims.
  add('text',
    'split(",", "a,b,,c")', 'split(",", "")', 'split("", "abc")', 'split(",", ",")', 'split("::", "a::b:::c")', 'join(",", [])',
    'join("", ["a", 1, true])', 'join(", ", ["a"], ["b", "c"])', 'join("-", toset(["b", "a"]))', 'trimprefix("arn:aws:x", "arn:")',
    'trimprefix("arn:arn:x", "arn:")', 'trimprefix("x", "")', 'trimsuffix("file.json.json", ".json")', 'trimsuffix("a", "abc")',
    'trim("?!hello?!", "!?")', 'trim("aaa", "a")', 'trim("  x  ", " ")', 'trimspace("\\n\\t x y \\r\\n")', 'chomp("a\\n\\n")',
    'chomp("a\\r\\n")', 'chomp("a\\r")', 'split("/", "arn:aws:iam::1:role/path/name")[2]', 'element(split("/", "a/b/c"), -0)',
    'reverse(split(".", "a.b.c"))', 'join(",", split(",", "x,y"))', 'substr("hello", -3, 2)', 'substr("hello", 1, -1)',
    'substr("hello", 10, 1)', 'substr("", 0, 1)', 'strrev("héllo")', 'lower("ÀÉ")', 'title("hello world-wide")', 'indent(2, "a\\nb\\n")',
    'indent(2, "a\\n\\nb")', 'startswith("arn:aws", "")', 'endswith("", "")', 'strcontains("abc", "")');

  // collections: flatten, setproduct, merge, lookup, conversions, sort.
  add('collections',
    'flatten([["a", ["b"]], [], "c"])', 'flatten([[1, "a"], [true]])', 'flatten([[], []])', 'flatten([{ a = 1 }, [{ b = 2 }]])',
    'flatten(["a", null, ["b"]])', 'flatten(toset([["a"]]))', 'setproduct(["a", "b"], [1, 2])', 'setproduct(["a"], [])',
    'setproduct(toset(["b", "a"]), ["x"])', 'setproduct([["a"]], [{ b = 1 }])', 'setproduct(["a", "a"], ["b"])',
    'merge({ a = 1 }, { a = "x" })', 'merge({ a = 1 }, { b = "x" })', 'merge({ a = [1] }, { a = { b = 1 } })',
    'merge({ a = 1 }, null, { b = 2 })', 'merge({}, {})', 'merge()', 'merge({ a = { x = 1 } }, { a = { y = 2 } })',
    'merge(tomap({ a = 1 }), { b = "x" })', 'merge({ a = 1 }, [1])', 'lookup({ a = 1 }, "a", 0)', 'lookup({ a = 1 }, "b", "x")',
    'lookup({ a = "1" }, "b", 2)', 'lookup({ a = { b = 1 } }, "a", {})', 'lookup({ a = [1] }, "b", null)', 'lookup({}, "b", [])',
    'lookup({ a = 1 }, "b")', 'lookup({ a = 1, b = "x" }, "a", true)', 'sort(["10", "9", "1", "-1", "1.5"])',
    'sort([10, 9, 1])', 'sort(["b", "B", "a", "_"])', 'sort([])', 'sort([true, "a"])', 'sort(toset(["z", "y"]))',
    'tostring(true)', 'tostring(1.5)', 'tostring(null)', 'tostring("x")', 'tostring([1])', 'tonumber("1e3")', 'tonumber("01")',
    'tonumber(" 1")', 'tonumber("-0")', 'tonumber("1.0")', 'tonumber(true)', 'tobool("true")', 'tobool("yes")', 'tobool(1)',
    'tomap({ a = 1, b = "x" })', 'tomap({ a = 1, b = true })', 'tomap({ a = [1], b = ["x"] })', 'tomap({ a = [1], b = "x" })',
    'tomap({})', 'tomap({ a = null, b = 1 })', 'tomap({ a = { x = 1 }, b = { y = "z" } })', 'tolist(["a", 1])', 'tolist([])',
    'tolist([null, 1])', 'tolist(toset(["b", "a"]))', 'tolist([[1], ["a"]])', 'tolist([{ a = 1 }, { a = "x" }])',
    'tolist([{ a = 1 }, { b = 1 }])', 'toset(["a", "a", "b"])', 'toset([1, "1"])', 'toset([[1], [1]])', 'toset([])',
    'keys({ b = 1, a = 2, "10" = 3, "9" = 4 })', 'values({ b = 1, a = "x" })', 'values({})', 'length({ a = 1 })', 'length(toset([1, 1]))',
    'contains(["1", "2"], 1)', 'contains([1, 2], "1")', 'index(["a", "b"], "b")', 'index([1, 2], "2")', 'distinct([1, "1", 1.0])',
    'concat(["a"], [1])', 'concat([], [])', 'concat(["a"], toset(["b"]))', 'coalesce("", "a")', 'coalesce(null, 1, "x")',
    'coalesce([], ["a"])', 'coalescelist([], ["a"])', 'coalescelist(["a"], [1])', 'one([])', 'one(["a"])', 'one(toset([1, 1]))',
    'one([1, 2])', 'range(3)', 'range(1, 2.5, 0.5)', 'range(5, 1, -2)', 'range(0)', 'zipmap(["a", "b"], [1, "x"])',
    'zipmap(["a", "a"], [1, 2])', 'transpose({ a = ["1", "2"], b = ["2"] })', 'chunklist(["a", "b", "c"], 2)', 'chunklist([], 3)',
    'chunklist(["a"], 0)', 'slice(["a", "b"], 0, 0)', 'reverse([])', 'sum([1, 2.5])', 'sum(["1", 2])', 'min(1, "2")', 'max("10", 9)',
    'abs(-0)', 'ceil(1.2)', 'floor(-1.2)', 'log(8, 2)', 'pow(2, 64)', 'pow(2, 0.5)', 'signum(-3)', 'parseint("ff", 16)',
    'parseint("-101", 2)', 'parseint("zz", 36)', 'parseint("1", 1)', 'matchkeys(["a", "b"], [1, 2], [2])', 'alltrue([])', 'anytrue([])',
    'alltrue(["true", true])', 'setintersection(["a", "b"], ["b"])', 'setunion(["b"], ["a"])', 'setsubtract(["a"], [])',
    'setsymmetricdifference([1, 2], [2, 3])', 'compact(["a", "", null])', 'length(null)', 'length("")', 'element([], 0)');

  // try and can.
  add('try',
    'try(["a"][1], "fallback")', 'try({ a = 1 }.b, "none")', 'try(tonumber("x"), 0)', 'try(local.nothing, 1)',
    'try(jsondecode("{"), {})', 'try(jsondecode("{\\"a\\": 1}").a, 0)', 'try(null, "x")', 'try(["a"][0], 1)', 'try("a", 1)',
    'try(1, "a")', 'try([], {})', 'can(["a"][1])', 'can(tonumber("1"))', 'can(null)', 'try(regex("z", "abc"), tostring(null))',
    'try(lookup({}, "a"), "d")', 'try(element([], 0), "e")', 'try(split(",", null), [])', 'try(format("%d", "x"), "f")',
    'try(file("missing.txt"), "no file")', 'try(tolist({ a = 1 }), ["m"])', 'try(cidrsubnet("10.0.0.0/8", 30, 0), "big")');

  // cidr functions.
  add('cidr',
    'cidrsubnet("10.0.0.0/16", 8, 2)', 'cidrsubnet("10.0.0.0/16", 0, 0)', 'cidrsubnet("10.1.2.3/16", 4, 15)', 'cidrsubnet("10.0.0.0/16", 8, 256)',
    'cidrsubnet("fd00::/56", 8, 3)', 'cidrsubnet("2001:db8::/32", 16, 65535)', 'cidrsubnet("10.0.0.0/30", 3, 0)',
    'cidrsubnets("10.0.0.0/16", 4, 4, 8, 4)', 'cidrsubnets("10.0.0.0/8")', 'cidrsubnets("fd00::/56", 16, 8)', 'cidrsubnets("10.0.0.0/24", 1, 1, 1)',
    'cidrhost("10.0.0.0/24", 5)', 'cidrhost("10.0.0.0/24", -1)', 'cidrhost("10.0.0.0/24", 256)', 'cidrhost("10.0.0.0/24", -256)',
    'cidrhost("fd00::/64", 10)', 'cidrhost("192.168.1.7/32", 0)', 'cidrnetmask("10.0.0.0/12")', 'cidrnetmask("10.0.0.0/0")',
    'cidrnetmask("fd00::/64")', 'cidrhost("10.0.0.0/8", 16777216)', 'cidrsubnet("10.0.0.0", 8, 1)', 'cidrhost("010.0.0.0/8", 1)',
    'cidrsubnet("::ffff:10.0.0.0/104", 8, 1)', 'cidrhost("10.0.0.0/24", 1.5)');

  // numbers as text.
  const numbers = ['1e21', '1e20', '123456789012345678', '9007199254740993', '1.5e300', '0.1', '1/3', '2/3', '10/4', '-0', '0 * -1', '1e-7',
    '0.000001', '3.0', '1.10', '100000000000000000000', '1e+3', '0.1 + 0.2', '1.1 * 3', '7 % 3', '-7 % 3', '7.5 % 2', '2e-308 / 10',
    '1 / 3 * 3', '12345678901234567890123', '255 / 256', '1.0e0', '-1.5e-5', '4294967296 * 4294967296', '0.5 + 0.25'];
  for (const number of numbers) add('numbers', `"\${${number}}"`, `tostring(${number})`, number);
  add('numbers', 'jsonencode(1e21)', 'jsonencode(0.1 + 0.2)', 'jsonencode(-0)', 'jsondecode("1e400")', 'jsondecode("12345678901234567890")',
    'jsondecode("1.0")', 'tonumber("1e21")', '1 == 1.0', '0.1 + 0.2 == 0.3', '"1" == 1', 'floor(1e21)', 'ceil(-0.5)');

  // for expressions, grouping, splats.
  add('for',
    '{ for s in ["a", "b", "a"] : s => s... }', '{ for i, s in ["x", "y", "x"] : s => i... }', '{ for k, v in { b = 1, a = 2 } : v => k }',
    '[for k, v in { b = 1, a = 2 } : "${k}=${v}"]', '[for s in toset(["b", "a"]) : upper(s)]', '{ for s in [] : s => s... }',
    '[for i, v in ["a", "b"] : i]', '{ for s in ["a", "b"] : s => upper(s) if s != "a" }', '[for c in "abc" : c]',
    '{ for x in [1, 2, 1] : x => x * 2... }', '{ for k, v in { a = [1, 2], b = [] } : k => length(v) }',
    '{ for o in [{ n = "a", r = 1 }, { n = "a", r = 2 }] : o.n => o.r... }', '{ for s in ["a", "a"] : s => s }',
    '[for x in null : x]', '{ for k, v in tomap({ b = "1", a = "2" }) : k => tonumber(v) }', '[for x in [1, "a"] : x]',
    '{ for s in ["b", "a", "b"] : s => s }["b"]', '{ for i in range(3) : tostring(i) => i }', '{ for i in [true] : i => i }',
    '[for s in ["a", "b"] : s if s == "z"]', '{ for k, v in { a = 1 } : upper(k) => v... }');
  add('splat',
    '[{ a = 1 }, { a = 2 }][*].a', 'null[*]', 'null[*].a', '"x"[*]', '{ a = 1 }[*]', '{ a = 1 }[*].a', 'toset(["b", "a"])[*]',
    '[[1, 2], [3]][*][0]', '[{ a = { b = 1 } }][*].a.b', '[][*].a', 'length(null[*])', 'tolist([{ a = "x" }])[*].a',
    '[{ a = 1 }, { a = 2 }].*.a', '[{ a = [1] }][*].a[0]', 'toset([{ a = 1 }])[*].a', '[null, { a = 1 }][*]',
    '[{ a = "x" }, { a = "y" }].*.a[1]', '[{ a = ["p", "q"] }, { a = ["r", "s"] }].*.a[1]', '[{ a = ["p", "q"] }, { a = ["r", "s"] }][*].a[1]',
    'length([{ a = 1 }, { a = 2 }].*.a)', '[{ a = { b = "x" } }].*.a.b[0]', '[{ a = "x" }].*.a[0] == "x"', '[{ a = "x" }].*.a[3]',
    '{ k = { a = "v" } }.*.a[0]', 'try([{ a = "x" }].*.a[5], "none")');

  // templates and escapes.
  add('template',
    '"\\u00e9\\U0001F600"', '"\\u0041\\u030A"', '"a\\tb\\\\c\\"d"', '"$${x}"', '"%%{x}"', '"$$"', '"%"', '"${"a"}${1}${true}"',
    '"%{ if true }yes%{ else }no%{ endif }"', '"%{ for x in [1, 2] }${x},%{ endfor }"', '"%{ for k, v in { b = 1, a = 2 } }${k}${v}%{ endfor }"',
    '"a %{~ if true ~} b %{~ endif ~} c"', '"x ${~ "y" ~} z"', '"  ${~ "y"}"', '"%{ for x in [] }${x}%{ endfor }"',
    '"${null}"', '"a${tostring(null)}"', '"${[1]}"', '"${jsonencode({ a = "<b>" })}"', '"\\r\\n"', '"\\u2028"');
  add('heredoc',
    '<<EOT\n  a\n    b\nEOT', '<<-EOT\n    a\n      b\n    EOT', '<<-EOT\n\ta\n\t  b\n\tEOT', '<<-EOT\n    a\n\n      b\n    EOT',
    '<<-EOT\n    a\n  b\n    EOT', '<<-EOT\n    ${"x"}\n      y\n    EOT', '<<-EOT\n      %{ for a in ["p", "q"] ~}\n      ${a}\n      %{ endfor ~}\n    EOT',
    '<<EOT\n${jsonencode({ a = 1 })}\nEOT', '<<-EOT\n  \ta\n  b\n  EOT', '<<-EOT\nEOT', '<<EOT\n\nEOT', '<<-EOT\n    $${a}\n    EOT',
    '<<-EOT\n    a ${"b\n  c"}\n    EOT', '<<-EOT\n        {\n          "a": 1\n        }\n    EOT');

  // conditionals and type unification.
  add('conditional',
    'true ? 1 : "a"', 'false ? 1 : "a"', 'true ? [1] : ["a"]', 'true ? { a = 1 } : { a = "x" }', 'true ? null : "a"', 'false ? null : 1',
    'true ? [] : ["a"]', 'true ? ["a"] : []', 'true ? true : "x"', 'true ? [1] : [1, 2]', 'true ? { a = 1 } : { b = 2 }', 'true ? tolist([1]) : ["a"]',
    'true ? 1 : [1]', 'null ? 1 : 2', '"true" ? 1 : 2', '1 == 1 ? "a" : 0', 'true ? toset(["a"]) : toset([])', 'false ? 1.5 : "2.50"',
    'true ? tomap({ a = 1 }) : { b = "x" }');

  // sensitive values.
  add('sensitive',
    'nonsensitive(sensitive("a"))', 'sensitive("a")', 'nonsensitive("a")', 'sensitive([1, 2])[0]', 'length(sensitive([1, 2]))',
    'issensitive(sensitive(1))', 'issensitive(nonsensitive(sensitive(1)))', '"${sensitive("x")}y"', 'upper(sensitive("x"))',
    'issensitive(upper(sensitive("x")))', 'jsonencode(sensitive({ a = 1 }))', 'keys(sensitive({ a = 1 }))');

  // yamlencode: multi-line text, special strings, keys needing quotes, widths.
  const yamlValues = ['"a\\nb"', '"a\\nb\\n"', '"a\\n\\n"', '"\\n"', '"line1\\nline2\\n\\nline4"', '"  indented\\nx"', '"trailing \\nx"',
    '"yes"', '"no"', '"on"', '"off"', '"true"', '"null"', '"~"', '"1.0"', '"1e3"', '"0x10"', '"012"', '"-"', '"- a"', '":"', '"a: b"',
    '"#x"', '"a #b"', '"@x"', '"`x"', '"!x"', '"&x"', '"*x"', '"|"', '">"', '"%x"', '"[a]"', '"{a}"', '"\'q\'"', '"\\"q\\""', '""', '" "',
    '"x "', '" x"', '"é"', '"\\t"', '"a\\tb"', '"a\\rb"', '"2001-01-01"', '"1_000"', '"+1"', '".5"', '".inf"', '"NaN"', '"Y"', '"="',
    '"<<"', '"a,b"', '"?x"', '"a\\u0085b"', '"a\\u2028b"', '1', '1.5', '-0', '1e21', 'true', 'null', '[]', '{}',
    '"${join(" ", [for i in range(20) : "w${i}"])}\\n${join(" ", [for i in range(3) : "v${i}"])}"',
    '"${join("", [for i in range(100) : "x"])}"', '"${join(" ", [for i in range(40) : "ab"])}"',
    '"${join(" ", [for i in range(30) : "word${i}"])}"', '"${join("  ", [for i in range(30) : "word${i}"])}"'];
  for (const value of yamlValues) {
    add('yamlencode', `yamlencode(${value})`, `yamlencode({ k = ${value} })`, `yamlencode([${value}])`);
  }
  add('yamlencode',
    'yamlencode({ "yes" = 1, "1" = 2, "a b" = 3, "" = 4, "a:b" = 5, "-x" = 6, "null" = 7, "é" = 8, "a\\nb" = 9 })',
    'yamlencode({ a = { b = { c = ["x", { d = "line\\nnext" }] } } })', 'yamlencode([[1, 2], [], [[3]]])',
    'yamlencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = ["s3:GetObject"], Resource = "*" }] })',
    'yamlencode(toset(["b", "a"]))', 'yamlencode({ k = "${join("", [for i in range(130) : "k"])}" })',
    'yamlencode({ "${join("", [for i in range(130) : "k"])}" = 1 })', 'yamlencode(sensitive("a"))');

  add('yamlencode',
    'yamlencode({ a = ["x\ny", "z\n"], b = { c = "p\n q" } })', 'yamlencode("a\tb\nc")', 'yamlencode("a\r\nb")',
    'yamlencode("é\n😀")', 'yamlencode("\n\na")', 'yamlencode(" \n")', 'yamlencode("a\n ")', 'yamlencode([["a\nb"]])',
    'yamlencode({ k = [{ m = "1\n2\n" }] })');
  add('unify',
    'toset([1, true])', 'distinct([1, true])', 'compact([1, true])', 'tolist([null, true, 1])', 'tomap({ a = null, b = 1, c = true })',
    'true ? { a = 1 } : [1]', 'true ? "a" : {}', 'true ? [] : {}', 'true ? [[1]] : [["a"]]', 'false ? [1] : ["a"]',
    'true ? { a = [1] } : { a = ["x"] }', 'tolist([[1], [2]])', 'tolist([{ a = [true] }, { a = ["x"] }])', 'cidrsubnet("10.0.0.0/16", 8, 1.5)',
    'cidrsubnet("10.0.0.0/16", 8.5, 1)', 'cidrsubnets("10.0.0.0/16", 4.5)', 'format("%v", -1234567)', 'format("%v", 0.000012)',
    'format("%v", 999999)', 'format("%v", 1000000.5)', 'format("%v and %v", 1, 2, 3)', 'formatlist("%v", [1e6, 1.5])');

  // nested conversions: elements of lists, maps and conditionals unified to one type, deep inside.
  add('nested conversions',
    'tolist([[1, true], ["a"]])', 'tolist([[1, true], ["a", false]])', 'tolist([[1, true], [true, 1]])', 'tolist([{}, { a = 1 }])',
    'tolist([[], [1]])', 'tolist([[], ["a", 1]])', 'tolist([{ a = [1] }, { a = ["x", "y"] }])', 'tolist([{ a = { p = 1 } }, { a = { q = "x" } }])',
    'tolist([{ a = null }, { a = 1 }])', 'tolist([{ a = null }, { b = 1 }])', 'tolist([[null], [1, 2]])', 'tolist([null, [1]])',
    'tolist([null, { a = 1 }])', 'tolist([{ a = null }, { a = [1] }])', 'tomap({ a = null, b = [1] })',
    'tomap({ a = { x = 1, y = true }, b = { x = "s", y = false } })', 'tomap({ a = { x = 1 }, b = { y = true } })',
    'tomap({ a = [1, "x"], b = [true] })', 'tomap({ a = { x = [1] }, b = { x = ["y"], z = 2 } })', 'toset([{ a = 1 }, { a = "1" }])',
    'toset([[1], ["1"]])', 'true ? [1, "a"] : ["b"]', 'true ? { a = 1, b = true } : { a = "x" }', 'false ? { a = 1, b = true } : { a = "x" }',
    'true ? [{ a = 1 }] : [{ a = "x" }]', 'true ? { s = [{ Effect = "Allow", Max = 5 }] } : { s = [{ Effect = "Deny", Max = "none" }] }',
    'tolist([{ Sid = "a", Actions = ["s3:*"], Cond = { k = 1 } }, { Sid = "b", Actions = ["sqs:*"], Cond = { k = "x" } }])',
    'tomap({ read = { actions = ["s3:GetObject"], max = 3 }, write = { actions = ["s3:PutObject"], max = "3" } })',
    'distinct([{ a = 1 }, { a = "1" }])', 'setproduct([{ a = 1 }, { a = "x" }], ["r"])', 'tolist([{ a = 1, b = 2 }, { a = "x" }])',
    'tolist([[1, [true]], ["a", ["b"]]])', 'tomap({ a = [[1]], b = [["x"]] })', 'tolist([{ a = true }, { a = 1 }])',
    'true ? { a = [1] } : { a = [true] }', 'tolist([[[1]], [["x", true]]])');
  // operators as Terraform converts their operands.
  add('operators',
    '"1" + 1', '"3" * "4"', '5 / 2', '-5 % 3', '5 % -3', '"a" < "b"', '1 < "2"', '!"true"', '"true" && true', '"false" || false',
    '1 == "1"', '[1] == [1]', '{ a = 1 } == { a = 1 }', 'tolist(["a"]) == ["a"]', 'toset(["a"]) == toset(["a"])', 'null == null',
    '"" == null', '-"1"', '- -1', '1 - -1', '2 * 3 + 4 % 3', '10 / 4 * 2', '1 + 2 == 3 && !false', 'true == "true"', '"1.0" == 1',
    '1.0 == 1', '"a" != "A"', '0.5 > 0.25', '"10" > "9"', '[1, 2] != [1, 2, 3]', '{ a = 1 }.a', '{ "a b" = 1 }["a b"]',
    '["a", "b"][1]', '["a", "b"]["1"]', '{ a = { b = [1, { c = "x" }] } }.a.b[1].c', '{ a = 1 }["b"]', '[for x in [1, 2] : x * 2][1]',
    '{ for k in ["a"] : k => k }.a', 'length([for x in range(5) : x if x % 2 == 0])', 'true ? "y" : null', 'false ? null : null');
  add('objects',
    'merge({ a = { b = 1 } }, { a = { c = 2 } }).a', 'keys({ "é" = 1, "z" = 2, "A" = 3, "_" = 4 })', 'values({ b = "2", a = "1" })',
    'zipmap(["b", "a"], ["2", "1"])', 'transpose({ "a" = ["x", "y"], "b" = ["y"] })', 'flatten([for k, v in { a = [1, 2], b = [3] } : [for x in v : "${k}${x}"]])',
    'flatten([for k, v in { a = ["x"] } : { key = k, v = v }])', '{ for p in setproduct(["a", "b"], ["r", "w"]) : "${p[0]}-${p[1]}" => p }',
    'distinct(flatten([["a", "b"], ["b", "c"]]))', 'element(["a", "b", "c"], 5)', 'index(["x", "y"], "z")', 'contains(toset(["a"]), "a")',
    'lookup({ a = { b = 1 } }, "a").b', 'try({ a = 1 }.a.b, "deep")', 'try(["x"][0].y, "attr of text")', 'can({ a = 1 }.a)',
    'jsonencode([for s in ["a", "b"] : { Sid = upper(s), Effect = "Allow" }])', 'jsonencode({ for k, v in { b = 1, a = 2 } : k => v })',
    'jsonencode(merge({ Version = "2012-10-17" }, { Statement = [] }))', 'templatestring("${a}-%{ for x in b }${x}%{ endfor }", { a = 1, b = ["p", "q"] })',
    'sort(keys({ "10" = 1, "9" = 2, "1a" = 3 }))', 'reverse(sort(["b", "a"]))', 'concat(flatten([["a"]]), ["b"])', 'slice(range(10), 2, 4)',
    'coalesce(tostring(null), "d")', 'compact(split(",", "a,,b,"))', 'join(",", compact(["a", "", "b"]))', 'tolist(toset(["b", "a", "b"]))[0]',
    'one(toset(["x"]))', 'length(regexall("/", "a/b/c"))', 'substr("arn:aws:s3:::b", 0, 3)', 'split(":", "arn:aws:iam::123456789012:role/x")[4]',
    'trimsuffix(trimprefix("arn:aws:iam::1:role/app", "arn:aws:iam::1:role/"), "p")', 'replace(replace("a.b-c", ".", "_"), "-", "_")',
    'format("arn:aws:s3:::%s/%s", "bucket", "*")', 'formatlist("arn:aws:s3:::%s/*", ["a", "b"])', 'format("%s", ["a"])',
    'format("%s", { a = 1 })', 'format("%v", null)', 'format("%q", true)', 'format("%d", true)', 'format("%d", "1e3")', 'format("%s", 1e3)');

  // templatefile with directives and strip markers.
  for (const name of Object.keys(TEMPLATES)) add('templatefile', `templatefile("tpl/${name}", ${TEMPLATE_VARS})`);
  add('templatefile', 'templatefile("tpl/for.tpl", { actions = [] })', 'templatefile("tpl/if-else.tpl", { admin = true, actions = [] })',
    'templatefile("tpl/for.tpl", {})', 'templatefile("tpl/escapes.tpl", { name = "x", extra = 1 })', 'templatefile("tpl/unicode.tpl", { name = "x" })',
    'templatefile("tpl/policy.json.tpl", { buckets = [] })', 'jsondecode(templatefile("tpl/policy.json.tpl", { buckets = ["a", "b"] }))');

  // files: read, listed, tested, decoded; missing ones and text that is not JSON, YAML or CSV are Terraform's errors.
  add('files',
    'file("files/valid.json")', 'file("files/none.json")', 'file("files")', 'file("files/nested/../valid.json")', 'file("./files//valid.json")',
    'jsondecode(file("files/valid.json")).Statement[0].Action', 'jsondecode(file("files/trailing-comma.json"))', 'jsondecode(file("files/duplicate-keys.json"))',
    'jsondecode(file("files/bom.json"))', 'jsondecode(file("files/comment.json"))', 'jsondecode(file("files/empty.json"))', 'jsondecode(file("files/none.json"))',
    'yamldecode(file("files/roles.yaml"))', 'yamldecode(file("files/tabs.yaml"))', 'yamldecode(file("files/valid.json"))', 'yamldecode(file("files/empty.json"))',
    'csvdecode(file("files/users.csv"))', 'csvdecode(file("files/ragged.csv"))', 'templatefile("files/none.tpl", {})', 'templatefile("files", {})',
    'fileexists("files/valid.json")', 'fileexists("files/none.json")', 'fileexists("files/none/x.json")', 'fileexists("files/nested")',
    'fileexists("${path.module}/files/valid.json")', 'fileexists("./files/.hidden.json")',
    'fileset("files", "*.json")', 'fileset("files", "**")', 'fileset("files", "**/*.json")', 'fileset("files", "nested/**")', 'fileset("files", "**/deep/*")',
    'fileset("files", "{valid,empty}.json")', 'fileset("files", "[tv]*.json")', 'fileset("files", "*")', 'fileset("files/", "*.yaml")', 'fileset("./files", "*.csv")',
    'fileset("files", "nested/*")', 'fileset("files", "*/*.json")', 'fileset("files", "none/*")', 'fileset("none", "*")', 'fileset("files", "\\[x\\].json")',
    'fileset(path.module, "files/nested/**/*.json")', 'fileset("${path.module}/files", "*.yaml")', 'fileset("files/valid.json", "*")', 'fileset("files", "nested")',
    '{ for f in fileset("files/nested", "**/*.json") : f => jsondecode(file("files/nested/${f}")).n }',
    'trimprefix(abspath("files/../files/valid.json"), abspath("."))', 'abspath("/x/../y")', 'trimprefix(abspath("files/"), abspath("."))',
    'path.module', 'path.root', '"${path.module}/files/valid.json"', 'dirname("files/nested/a.json")', 'basename("files/nested/")',
    'try(jsondecode(file("files/trailing-comma.json")), { fallback = true })', 'can(file("files/none.json"))', 'can(yamldecode(file("files/tabs.yaml")))');

  // jsonencode/jsondecode round trips.
  add('json',
    'jsonencode("\\u2028<>&")', 'jsonencode({ "b" = [null, true], "a" = { "z" = 1.5 } })', 'jsonencode(toset(["b", "a"]))',
    'jsondecode("[1, \\"a\\", null, {\\"b\\": [true]}]")', 'jsondecode("\\"\\\\u00e9\\"")', 'jsondecode(" 1 ")', 'jsondecode("")',
    'jsondecode("{\\"a\\": 1, \\"a\\": 2}")', 'jsonencode(jsondecode("{\\"b\\":1,\\"a\\":2}"))', 'jsonencode(1.0)', 'jsonencode(100)');

  // each error above, with a fallback: try() must fall back from Terraform's errors.
  return cases;
}

function runConsole(dir, exprs) {
  const body = exprs.map((e, i) => `  c${i} = try(nonsensitive(jsonencode(${e}\n)), false)\n`).join('');
  writeFileSync(path.join(dir, 'main.tf'), `locals {\n${body}}\n`);
  const input = `base64encode(jsonencode([${exprs.map((_, i) => `local.c${i}`).join(', ')}]))\n`;
  const run = spawnSync('terraform', ['console', '-no-color'], {
    cwd: dir,
    input,
    encoding: 'utf8',
    env: { ...process.env, TF_CLI_CONFIG_FILE: '/dev/null', CHECKPOINT_DISABLE: '1', TF_IN_AUTOMATION: '1' },
    timeout: 120_000,
  });
  const match = /^"([A-Za-z0-9+/=]*)"\s*$/.exec(run.stdout);
  if (run.status !== 0 || match === null) return undefined;
  return JSON.parse(Buffer.from(match[1], 'base64').toString('utf8'));
}

/** Terraform's result for each expression: `{ json }` or `{ error: true }`. */
function record(dir, exprs) {
  if (exprs.length === 0) return [];
  const results = runConsole(dir, exprs);
  if (results !== undefined) return results.map((r) => (r === false ? { error: true } : { json: r }));
  if (exprs.length === 1) return [{ error: true }];
  const half = Math.ceil(exprs.length / 2);
  return [...record(dir, exprs.slice(0, half)), ...record(dir, exprs.slice(half))];
}

const cases = generate();
const dir = mkdtempSync(path.join(tmpdir(), 'console-cases-'));
try {
  mkdirSync(path.join(out, 'tpl'), { recursive: true });
  for (const [name, text] of Object.entries(TEMPLATES)) writeFileSync(path.join(out, 'tpl', name), text);
  cpSync(path.join(out, 'tpl'), path.join(dir, 'tpl'), { recursive: true });
  rmSync(path.join(out, 'files'), { recursive: true, force: true });
  for (const [name, text] of Object.entries(FILES)) {
    mkdirSync(path.dirname(path.join(out, name)), { recursive: true });
    writeFileSync(path.join(out, name), text);
  }
  cpSync(path.join(out, 'files'), path.join(dir, 'files'), { recursive: true });
  const version = spawnSync('terraform', ['version', '-json'], { encoding: 'utf8' });
  const results = [];
  for (let i = 0; i < cases.length; i += 200) results.push(...record(dir, cases.slice(i, i + 200).map((c) => c.expr)));
  const recorded = cases.map((c, i) => ({ ...c, terraform: results[i] }));
  // Every error again behind a fallback: try() must fall back from what Terraform refuses.
  const errors = recorded.filter((c) => c.terraform.error === true);
  const fallbacks = errors.map((c) => ({ group: `${c.group} fallback`, expr: `try(${c.expr}\n, "fallback")` }));
  const fallbackResults = record(dir, fallbacks.map((c) => c.expr));
  const all = [...recorded, ...fallbacks.map((c, i) => ({ ...c, terraform: fallbackResults[i] }))];
  writeFileSync(
    path.join(out, 'cases.json'),
    `${JSON.stringify({ terraform: JSON.parse(version.stdout).terraform_version, cases: all }, null, 1)}\n`,
  );
  console.log(`${all.length} expressions recorded, ${errors.length} errors in Terraform`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
