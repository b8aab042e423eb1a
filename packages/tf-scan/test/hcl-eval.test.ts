import { createHash } from 'node:crypto';
import { SymbolicValue } from '@iamgate/core';
import {
  AttributeReader,
  PendingValue,
  UnimplementedHcl,
  UnknownHcl,
  evaluateHcl,
  pendingReferences,
  referencesOf,
  sampledHole,
  stepsOf,
} from '../src/hcl-eval';
import type { EvalHooks } from '../src/hcl-eval';
import { UnsupportedHcl, parseHclAttribute } from '../src/hcl-expression';

/** Known names of the configuration these expressions run in; anything else is unknown until apply. */
const KNOWN: Record<string, unknown> = {
  'var.buckets': ['logs', 'data'],
  'var.tags': { team: 'data', env: 'prod' },
  'var.name': 'app',
  'var.count': 3,
  'var.enabled': true,
  'local.grants': [
    { sid: 'a', actions: ['s3:GetObject'] },
    { sid: 'b', actions: ['s3:PutObject', 's3:GetObject'] },
  ],
};

const hooks: EvalHooks = {
  // As the configuration reader does: a missing attribute of a known value is an error, not an unknown.
  reference: (text) => {
    const known = Object.keys(KNOWN).find((name) => text === name || text.startsWith(`${name}.`));
    if (known === undefined) throw new UnknownHcl([text]);
    let value = KNOWN[known];
    for (const step of stepsOf(text).slice(stepsOf(known).length)) {
      value = (value as Record<string | number, unknown>)[step];
      if (value === undefined) throw new UnsupportedHcl(`no \`${String(step)}\``);
    }
    return value;
  },
  readFile: (file) => (file === 'policy.tpl' ? '{"Resource": "arn:aws:s3:::${bucket}/*"}' : undefined),
};

const evaluate = (source: string): unknown => evaluateHcl(parseHclAttribute(source), hooks);

describe('evaluateHcl computes what Terraform computes from the text', () => {
  const cases: [string, string, unknown][] = [
    ['a template with a number', 'n-${var.count}', 'n-3'],
    ['arithmetic by precedence', '${1 + 2 * var.count - 4 / 2}', 5],
    ['a conditional', '${var.enabled ? "on" : "off"}', 'on'],
    ['lists of different lengths are unequal, list or tuple', '${var.buckets == ["logs"]}', false],
    ['a list for with a condition', '${[for b in var.buckets : upper(b) if b != "logs"]}', ['DATA']],
    ['a map for over sorted keys', '${{ for k, v in var.tags : v => k }}', { data: 'team', prod: 'env' }],
    [
      'a grouping for',
      '${{ for g in local.grants : g.actions[0] => g.sid... }}',
      { 's3:GetObject': ['a'], 's3:PutObject': ['b'] },
    ],
    ['a splat', '${local.grants[*].sid}', ['a', 'b']],
    ['flatten of a splat', '${distinct(flatten(local.grants[*].actions))}', ['s3:GetObject', 's3:PutObject']],
    ['format', '${format("arn:aws:s3:::%s/%d/%%", var.name, var.count)}', 'arn:aws:s3:::app/3/%'],
    ['formatlist', '${formatlist("arn:aws:s3:::%s", var.buckets)}', ['arn:aws:s3:::logs', 'arn:aws:s3:::data']],
    ['join and split', '${join(",", split("/", "a/b/c"))}', 'a,b,c'],
    ['merge and lookup', '${lookup(merge(var.tags, { team = "ops" }), "team", "none")}', 'ops'],
    ['keys and values', '${concat(keys(var.tags), values(var.tags))}', ['env', 'team', 'prod', 'data']],
    ['toset sorts and dedups', '${toset(["b", "a", "b"])}', ['a', 'b']],
    ['try falls back on an error', '${try(var.tags.missing, "fallback")}', 'fallback'],
    ['can of a missing attribute', '${can(var.tags.missing)}', false],
    ['an index by expression', '${var.buckets[var.count - 2]}', 'data'],
    ['element wraps around', '${element(var.buckets, 3)}', 'data'],
    ['a spread call', '${max([3, var.count + 4, 5]...)}', 7],
    ['a template for directive', '%{ for b in var.buckets }[${b}]%{ endfor }', '[logs][data]'],
    ['a template if directive with strip markers', 'a  %{~ if var.enabled ~}  b  %{~ endif ~}  c', 'abc'],
    ['jsonencode of data', '${jsonencode({ Action = var.buckets })}', '{"Action":["logs","data"]}'],
    ['jsondecode', '${jsondecode("{\\"a\\": [1]}").a[0]}', 1],
    ['templatefile', '${templatefile("policy.tpl", { bucket = var.name })}', '{"Resource": "arn:aws:s3:::app/*"}'],
    ['trimprefix, replace and substr', '${substr(replace(trimprefix("arn:x:y", "arn:"), ":", "/"), 0, 3)}', 'x/y'],
    ['a range', '${range(1, 7, 2)}', [1, 3, 5]],
    ['a regular expression replace anchored', '${replace("repo:org/app:*", "/^repo:/", "")}', 'org/app:*'],
    [
      'a regular expression replace of an OIDC provider ARN to its host',
      '${replace("arn:aws:iam::1:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/AB", "/^(.*provider/)/", "")}',
      'oidc.eks.eu-west-1.amazonaws.com/id/AB',
    ],
    ['a regular expression replace that matches empty text', '${replace("a-b", "/[^a-z]*/", "X")}', 'XaXbX'],
    [
      'a regular expression replace with groups as Go expands them',
      '${replace("ab cd", "/(\\\\w+) (\\\\w+)/", "$2-$1x-$$")}',
      'cd--$',
    ],
    ['a regular expression replace ignoring case', '${replace("Prod.x", "/(?i)prod\\\\./", "")}', 'x'],
    ['a regular expression dot stops only at a newline', '${replace("a\rb", "/a.b/", "ok")}', 'ok'],
    ['zipmap', '${zipmap(var.buckets, [1, 2])}', { logs: 1, data: 2 }],
    [
      'regex with unnamed groups gives the list of groups',
      '${regex("^arn:([^:]+):iam::(\\\\d{12}):role/(.*)$", "arn:aws:iam::111122223333:role/ci/deployer")}',
      ['aws', '111122223333', 'ci/deployer'],
    ],
    [
      'regex with named groups (both RE2 spellings) gives a map',
      '${regex("(?P<account>\\\\d{12}):(?<kind>[a-z]+)/", "arn:aws:iam::111122223333:role/x")}',
      { account: '111122223333', kind: 'role' },
    ],
    ['regex without groups gives the match', '${regex("[a-z]+", "123abc456")}', 'abc'],
    ['regex: a group that took no part is null', '${regex("(a)|(b)", "b")}', [null, 'b']],
    ['regexall gives every match', '${regexall("[a-z]+", "1234abcd5678efgh9")}', ['abcd', 'efgh']],
    [
      'regexall with groups gives a list per match',
      '${regexall("(\\\\w)=(\\\\d)", "a=1,b=2")}',
      [
        ['a', '1'],
        ['b', '2'],
      ],
    ],
    ['regexall matching nothing is empty', '${length(regexall("^prod-", var.name)) > 0}', false],
    ['a regex dot with the s flag crosses lines', '${regex("(?s)a.b", "a\\nb")}', 'a\nb'],
    ['a regex anchored by \\A and \\z', '${regex("\\\\Aapp\\\\z", var.name)}', 'app'],
    ['can() of a regex that does not match', '${can(regex("^[0-9]+$", var.name))}', false],
    ['replace with a named group', '${replace("ab", "/(?P<first>a)/", "[$first]")}', '[a]b'],
    [
      'setproduct, the first collection slowest',
      '${setproduct(var.buckets, ["r", "w"])}',
      [
        ['logs', 'r'],
        ['logs', 'w'],
        ['data', 'r'],
        ['data', 'w'],
      ],
    ],
    ['md5', '${md5("hello world")}', '5eb63bbbe01eeed093cb22bb8f5acdc3'],
    ['sha1', '${sha1("hello world")}', '2aae6c35c94fcfb415dbe95f408b9ce91ee846ed'],
    ['sha256', '${sha256("hello world")}', 'b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9'],
    [
      'sha512',
      '${sha512("hello world")}',
      '309ecc489c12d6eb4cc40f50c902f2b4d0ed77ee511a7c7a9bcd3ca86d4cd86f989dd35bc5ff499670da34255b45b0cfd830e81f605dcf7dc5542e93ae9cd76f',
    ],
    ['base64sha256', '${base64sha256("hello world")}', 'uU0nuZNNPgilLlLX2n2r+sSE7+N6U4DukIj3rOLvzek='],
    [
      'base64sha512',
      '${base64sha512("hello world")}',
      'MJ7MSJwS1utMxA9QyQLytNDtd+5RGnx6m808qG1M2G+YndNbxf9JlnDaNCVbRbDP2DDoH2Bdz33FVC6TrpzXbw==',
    ],
    ['base64encode and base64decode', '${base64decode(base64encode("Hello World"))}', 'Hello World'],
    ['textencodebase64 in UTF-16LE', '${textencodebase64("Hello", "UTF-16LE")}', 'SABlAGwAbABvAA=='],
    ['urlencode as Go escapes a query', '${urlencode("a b&c=d/é!")}', 'a+b%26c%3Dd%2F%C3%A9%21'],
    ['uuidv5 in a named namespace', '${uuidv5("dns", "www.terraform.io")}', 'a5008fae-b28c-5ba5-96cd-82b4c53552d6'],
    ['indent of every line but the first', '${indent(2, "[\\n  a,\\n]\\n")}', '[\n    a,\n  ]\n  '],
    ['strrev by characters', '${strrev("añb")}', 'bña'],
    ['chunklist', '${chunklist(["a", "b", "c"], 2)}', [['a', 'b'], ['c']]],
    ['index', '${index(var.buckets, "data")}', 1],
    ['matchkeys', '${matchkeys(["i-1", "i-2"], ["us", "eu"], ["eu"])}', ['i-2']],
    ['transpose', '${transpose({ a = ["1", "2"], b = ["2"] })}', { '1': ['a'], '2': ['a', 'b'] }],
    ['alltrue and anytrue', '${[alltrue(["true", true]), anytrue([false]), alltrue([])]}', [true, false, true]],
    ['parseint in bases up to 62', '${[parseint("FF", 16), parseint("-10", 2), parseint("aA", 62)]}', [255, -2, 656]],
    ['pow, signum and log', '${[pow(2, 10), signum(-3), log(16, 2)]}', [1024, -1, 4]],
    ['sensitive and nonsensitive keep the value', '${nonsensitive(sensitive(var.name))}', 'app'],
    ['templatestring renders with the variables given', '${templatestring(var.name, {})}', 'app'],
    ['cidrsubnet of IPv4', '${cidrsubnet("172.16.0.0/12", 4, 2)}', '172.18.0.0/16'],
    ['cidrsubnet of IPv6', '${cidrsubnet("fd00:fd12:3456:7890::/56", 16, 162)}', 'fd00:fd12:3456:7800:a200::/72'],
    [
      'cidrhost, counted from the end when negative',
      '${[cidrhost("10.12.112.0/20", 268), cidrhost("10.0.0.0/24", -1)]}',
      ['10.12.113.12', '10.0.0.255'],
    ],
    ['cidrhost of IPv6', '${cidrhost("fd00:fd12:3456:7890:00a2::/72", 34)}', 'fd00:fd12:3456:7890::22'],
    ['cidrnetmask', '${cidrnetmask("172.16.0.0/12")}', '255.240.0.0'],
    [
      'cidrsubnets each aligned after the previous',
      '${cidrsubnets("10.1.0.0/16", 4, 4, 8, 4)}',
      ['10.1.0.0/20', '10.1.16.0/20', '10.1.32.0/24', '10.1.48.0/20'],
    ],
    [
      'csvdecode with quoted fields',
      '${csvdecode("name,arn\\n\\"lee, j\\",\\"a \\"\\"b\\"\\"\\"\\n\\nkim,c\\n")}',
      [
        { name: 'lee, j', arn: 'a "b"' },
        { name: 'kim', arn: 'c' },
      ],
    ],
    [
      "the AWS provider's arn_build",
      '${provider::aws::arn_build("aws", "s3", "", "", "${var.name}/*")}',
      'arn:aws:s3:::app/*',
    ],
    [
      "the AWS provider's arn_parse (colons of the resource kept)",
      '${provider::aws::arn_parse("arn:aws:logs:eu-west-1:111122223333:log-group:/app:*")}',
      {
        partition: 'aws',
        service: 'logs',
        region: 'eu-west-1',
        account_id: '111122223333',
        resource: 'log-group:/app:*',
      },
    ],
    [
      "the AWS provider's trim_iam_role_path",
      '${provider::aws::trim_iam_role_path("arn:aws:iam::111122223333:role/team/ci/deployer")}',
      'arn:aws:iam::111122223333:role/deployer',
    ],
  ];
  it.each(cases)('%s', (_name, source, expected) => {
    expect(evaluate(source)).toEqual(expected);
  });

  const unknown: [string, string, string[]][] = [
    ['a reference only apply knows', '${aws_s3_bucket.b.arn}', ['aws_s3_bucket.b.arn']],
    ['a for over an unknown', '${[for b in var.other : b]}', ['var.other']],
    ['a conditional on an unknown', '${var.flag ? "a" : "b"}', ['var.flag']],
    ['try does not hide an unknown', '${try(var.other, "x")}', ['var.other']],
    ['timestamp() is known only at apply', '${timeadd(timestamp(), "1h")}', []],
    ['uuid() is new at each apply', '${"id-${uuid()}"}', []],
  ];
  it.each(unknown)('%s is unknown, naming it', (_name, source, references) => {
    const node = parseHclAttribute(source);
    expect(() => evaluateHcl(node, hooks)).toThrow(UnknownHcl);
    expect(referencesOf(node).filter((r) => !(r in KNOWN))).toEqual(references);
  });

  const unsupported: [string, string][] = [
    ['a function it does not know', '${rsadecrypt("x", "y")}'],
    ['a regular expression with a negated POSIX class', '${replace(var.name, "/[[:^alpha:]]/", "b")}'],
    ['a regular expression with a multi-line flag', '${replace(var.name, "/(?m)^a/", "b")}'],
    ['regex that does not match', '${regex("^prod-", var.name)}'],
    ['regex mixing named and unnamed groups', '${regex("(?P<a>x)(y)", "xy")}'],
    ['base64decode of text that is not base64', '${base64decode("a*b=")}'],
    ['base64decode of bytes that are not UTF-8', '${base64decode("/w==")}'],
    ['index of a value not in the list', '${index(var.buckets, "other")}'],
    ['parseint of a digit outside the base', '${parseint("12", 2)}'],
    ['cidrsubnet of a subnet number outside the prefix', '${cidrsubnet("10.1.0.0/16", 8, 256)}'],
    ['cidrhost of text that is not a prefix', '${cidrhost("10.1.0.256/16", 1)}'],
    ['csvdecode of a record with a missing field', '${csvdecode("a,b\\n1")}'],
    ['csvdecode of a quote inside a field', '${csvdecode("a\\nx\\"y")}'],
    ['a regular expression with a Unicode script', '${replace(var.name, "/\\\\p{Greek}/", "b")}'],
    ['a regular expression JavaScript reads otherwise', '${replace(var.name, "/a{/", "b")}'],
    ['a missing attribute', '${var.tags.missing}'],
    ['a condition that is not a boolean', '${var.name ? 1 : 2}'],
    ['a file that cannot be read', '${file("nope.json")}'],
    ['a template variable not given', '${templatefile("policy.tpl", {})}'],
    ['a range too long to compute', '${range(1000000000)}'],
    ['a duplicate key of a map for', '${{ for b in ["a", "a"] : b => b }}'],
    ['a function of another provider', '${provider::time::rfc3339_parse("2026-01-01T00:00:00Z")}'],
    ['arn_parse of text that is not an ARN', '${provider::aws::arn_parse("role/deployer")}'],
    ['arn_parse of an ARN without a resource', '${provider::aws::arn_parse("arn:aws:s3")}'],
    ['trim_iam_role_path of a policy ARN', '${provider::aws::trim_iam_role_path("arn:aws:iam::1:policy/p")}'],
    ['a name the table holds only by inheritance', '${constructor("x")}'],
  ];
  it.each(unsupported)('%s is unsupported', (_name, source) => {
    expect(() => evaluate(source)).toThrow(UnsupportedHcl);
  });

  it("calls the AWS provider's functions under the local name `required_providers` gives it, and only then", () => {
    const source = '${provider::amazon::arn_build("aws", "s3", "", "", "${var.name}/*")}';
    const named: EvalHooks = { ...hooks, awsProviderNames: new Set(['amazon']) };
    expect(evaluateHcl(parseHclAttribute(source), named)).toBe('arn:aws:s3:::app/*');
    // Without that requirement, `amazon` is some other provider: its function is not guessed.
    expect(() => evaluate(source)).toThrow(UnsupportedHcl);
    expect(() =>
      evaluateHcl(parseHclAttribute('${provider::amazon::rfc3339_parse("2026-01-01T00:00:00Z")}'), named),
    ).toThrow(UnsupportedHcl);
  });

  it('replaces a placeholder with a value known only after apply, leaving a hole where it goes', () => {
    // A value that is not data, as the resolver's symbolic values are.
    class Hole {
      constructor(readonly hole: string) {}
    }
    const holes: EvalHooks = {
      ...hooks,
      reference: (text) => (text === 'aws_s3_bucket.b.arn' ? new Hole(text) : hooks.reference(text)),
      join: (pieces) => ({ joined: pieces }),
    };
    const source = '${replace("[\\"_ARN_\\", \\"_ARN_/*\\"]", "_ARN_", aws_s3_bucket.b.arn)}';
    expect(evaluateHcl(parseHclAttribute(source), holes)).toEqual({
      joined: ['["', new Hole('aws_s3_bucket.b.arn'), '", "', new Hole('aws_s3_bucket.b.arn'), '/*"]'],
    });
    // No placeholder in the text: the text as it is, whatever the replacement.
    expect(evaluateHcl(parseHclAttribute('${replace("x", "_ARN_", aws_s3_bucket.b.arn)}'), holes)).toBe('x');
    // A regular expression needs its replacement as text.
    expect(() => evaluateHcl(parseHclAttribute('${replace("x", "/x/", aws_s3_bucket.b.arn)}'), holes)).toThrow(
      UnsupportedHcl,
    );
  });

  it('replaces a placeholder in text with holes (a rendered document), keeping each hole', () => {
    const account = { id: 'account', source: 'the account' };
    const rendered = new SymbolicValue(['{"Resource": "_TOPIC_", "Owner": "', account, '"}']);
    const withHoles: EvalHooks = {
      ...hooks,
      reference: (text) => (text === 'data.d.json' ? rendered : hooks.reference(text)),
      join: (pieces) =>
        new SymbolicValue(pieces.flatMap((p) => (p instanceof SymbolicValue ? p.parts : [p as string]))),
    };
    const run = (source: string): unknown => evaluateHcl(parseHclAttribute(source), withHoles);
    expect((run('${replace(data.d.json, "_TOPIC_", "arn:aws:sns:eu-west-1:1:t")}') as SymbolicValue).parts).toEqual([
      '{"Resource": "arn:aws:sns:eu-west-1:1:t", "Owner": "',
      account,
      '"}',
    ]);
    // A regular expression whose matches depend on what the hole holds: left to apply.
    expect(() => run('${replace(data.d.json, "/[0-9]{12}/", "ACCOUNT")}')).toThrow(UnsupportedHcl);
  });

  it('applies a regular expression to text with unknown parts only where the result does not depend on them', () => {
    const account = { id: 'account', source: 'the account' };
    const provider = new SymbolicValue(['arn:aws:iam::', account, ':oidc-provider/oidc.example.com/id/A1']);
    const whole = new SymbolicValue([{ id: 'provider', source: 'the provider ARN' }]);
    const withHoles: EvalHooks = {
      ...hooks,
      reference: (text) => (text === 'var.provider' ? provider : text === 'var.whole' ? whole : hooks.reference(text)),
      join: (pieces) =>
        new SymbolicValue(pieces.flatMap((p) => (p instanceof SymbolicValue ? p.parts : [p as string]))),
    };
    const run = (source: string): unknown => evaluateHcl(parseHclAttribute(source), withHoles);
    // The issuer after the last `provider/`, whatever the account.
    expect(run('${replace(var.provider, "/^(.*provider/)/", "")}')).toBe('oidc.example.com/id/A1');
    // The account kept where it is when the expression does not reach it.
    expect((run('${replace(var.provider, "/A1$/", "B2")}') as SymbolicValue).parts).toEqual([
      'arn:aws:iam::',
      account,
      ':oidc-provider/oidc.example.com/id/B2',
    ]);
    // A wholly unknown ARN cut by a pattern is another value only apply knows, named after it
    // (its id keeps the input's: a variable's stays a variable's, possibly `*`).
    expect((run('${replace(var.whole, "/^(.*provider/)/", "")}') as SymbolicValue).parts).toEqual([
      {
        id: 'provider|replace(provider, "/^(.*provider/)/", "")',
        source: 'replace(the provider ARN, "/^(.*provider/)/", "")',
      },
    ]);
    // Digits an account has decide the result among known text: left to apply.
    expect(() => run('${replace(var.provider, "/[0-9]+/", "N")}')).toThrow(UnsupportedHcl);
  });

  it('indexes a collection of text by a key only apply knows: one of its values, the text around it kept', () => {
    const environment = new SymbolicValue([{ id: 'var.environment', source: 'var.environment' }]);
    const withKey: EvalHooks = {
      ...hooks,
      reference: (text) =>
        text === 'var.environment'
          ? environment
          : text === 'local.names'
            ? { dev: 'Development', prod: 'Production' }
            : text === 'local.roles'
              ? { dev: { arn: 'x' } }
              : hooks.reference(text),
      join: (pieces) =>
        new SymbolicValue(pieces.flatMap((p) => (p instanceof SymbolicValue ? p.parts : [p as string]))),
    };
    const run = (source: string): unknown => evaluateHcl(parseHclAttribute(source), withKey);
    const subject = run('repo:acme/*:environment:${local.names[var.environment]}') as SymbolicValue;
    expect(subject.toString()).toBe('repo:acme/*:environment:${local.names[var.environment]}');
    expect(subject.parts[0]).toBe('repo:acme/*:environment:');
    // The hole is one of the values: a regular expression that treats them alike decides.
    expect(run('${replace(local.names[var.environment], "/^.*$/", "any")}')).toBe('any');
    expect(() => run('${replace(local.names[var.environment], "/^Dev.*$/", "d")}')).toThrow(UnsupportedHcl);
    // Objects are not text: what an attribute of one of them holds is left to apply.
    expect(() => run('${local.roles[var.environment].arn}')).toThrow(UnsupportedHcl);
  });

  describe('format whose specification holds a value only the plan or apply knows', () => {
    // Holes for the partition (read at plan time, no `%` in it) and for what only apply knows.
    const HOLES = /^(?:module\.\S+\.)?data\.aws_partition\.current\.partition$|^aws_s3_bucket\.b\.arn$/;
    const withHoles: EvalHooks = {
      ...hooks,
      reference: (text) => (HOLES.test(text) ? new SymbolicValue([{ id: text, source: text }]) : hooks.reference(text)),
      join: (pieces) => new SymbolicValue(pieces.flatMap((p) => (p instanceof SymbolicValue ? p.parts : [String(p)]))),
    };
    const run = (source: string): unknown => evaluateHcl(parseHclAttribute(source), withHoles);

    it.each([
      ['the partition of the root module', 'data.aws_partition.current.partition'],
      ['the partition of a called module', 'module.m.data.aws_partition.current.partition'],
      ['the partition of a module instance, nested', 'module.m["a"].module.n[0].data.aws_partition.current.partition'],
    ])('is formatted around %s', (_name, partition) => {
      const formatted = run(`\${format("arn:\${${partition}}:s3:::%s/*", var.name)}`) as SymbolicValue;
      expect(formatted.toString()).toBe(`arn:\${${partition}}:s3:::app/*`);
    });

    // A value only apply knows may hold verbs of its own: the result is unknown, as in Terraform
    // (never a reason for `try()` to fall back), and the error says why.
    it('is unknown when the specification holds a value only apply knows, saying why', () => {
      let thrown: unknown;
      try {
        run('${format("${aws_s3_bucket.b.arn}/%s", var.name)}');
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(UnknownHcl);
      expect(thrown).toMatchObject({
        references: ['aws_s3_bucket.b.arn'],
        message: '`format` of a specification holding `aws_s3_bucket.b.arn`, whose value (and so its verbs) is unknown',
      });
    });

    it('is refused when the specification is no string at all', () => {
      expect(() => run('${format(var.buckets, var.name)}')).toThrow(
        new UnsupportedHcl('`format` of a specification that is not a string'),
      );
    });
  });

  describe('files listed by fileset() and the path and YAML functions', () => {
    const listed: EvalHooks = {
      ...hooks,
      listFiles: (directory) =>
        directory === 'policies'
          ? ['admin.json', 'read.json', 'notes.txt', 'team/deploy.json', 'team/sub/audit.json', '.hidden.json']
          : directory === 'missing'
            ? []
            : undefined,
      absolutePath: (file) => `/srv/config/${file}`,
    };
    const run = (source: string): unknown => evaluateHcl(parseHclAttribute(source), listed);

    it.each([
      ['*.json', ['.hidden.json', 'admin.json', 'read.json']],
      ['**/*.json', ['.hidden.json', 'admin.json', 'read.json', 'team/deploy.json', 'team/sub/audit.json']],
      ['team/**', ['team/deploy.json', 'team/sub/audit.json']],
      ['{admin,read}.json', ['admin.json', 'read.json']],
      ['[ab]*.json', ['admin.json']],
      ['?ead.*', ['read.json']],
    ])('fileset with `%s` lists the matching files, sorted', (pattern, expected) => {
      expect(run(`\${fileset("policies", "${pattern}")}`)).toEqual(expected);
    });

    it('a directory that does not exist has no files; one that cannot be listed is not guessed', () => {
      expect(run('${fileset("missing", "*.json")}')).toEqual([]);
      expect(() => run('${fileset("elsewhere", "*.json")}')).toThrow(UnsupportedHcl);
    });

    it.each([
      ['dirname("team/sub/audit.json")', 'team/sub'],
      ['dirname("audit.json")', '.'],
      ['dirname("/audit.json")', '/'],
      ['basename("team/sub/audit.json")', 'audit.json'],
      ['basename("team/sub/")', 'sub'],
      ['abspath("roles")', '/srv/config/roles'],
    ])('%s is %s', (call, expected) => {
      expect(run(`\${${call}}`)).toBe(expected);
    });

    it('yamldecode reads YAML data', () => {
      expect(run('${yamldecode("policy_arns:\\n  - arn:aws:iam::aws:policy/ReadOnlyAccess\\n")}')).toEqual({
        policy_arns: ['arn:aws:iam::aws:policy/ReadOnlyAccess'],
      });
      expect(() => run('${yamldecode("a: [")}')).toThrow(UnsupportedHcl);
    });

    it('try() falls back on an error, never on a function this evaluator does not implement', () => {
      expect(run('${try(yamldecode("a: ["), [])}')).toEqual([]);
      expect(() => run('${try(rsadecrypt("x", "y"), "fallback")}')).toThrow(UnimplementedHcl);
      expect(() => run('${can(rsadecrypt("x", "y"))}')).toThrow(UnimplementedHcl);
    });
  });

  describe('the time functions on given RFC 3339 timestamps', () => {
    it.each([
      // Terraform's documented examples.
      ['formatdate("DD MMM YYYY hh:mm ZZZ", "2018-01-02T23:12:01Z")', '02 Jan 2018 23:12 UTC'],
      ['formatdate("EEEE, DD-MMM-YY hh:mm:ss ZZZ", "2018-01-02T23:12:01Z")', 'Tuesday, 02-Jan-18 23:12:01 UTC'],
      ['formatdate("EEE, DD MMM YYYY hh:mm:ss ZZZ", "2018-01-02T23:12:01-08:00")', 'Tue, 02 Jan 2018 23:12:01 -0800'],
      ['formatdate("MMM DD, YYYY", "2018-01-02T23:12:01Z")', 'Jan 02, 2018'],
      ['formatdate("HH:mmaa", "2018-01-02T23:12:01Z")', '11:12pm'],
      // Single-letter verbs, the offset verbs, quoted literals and a doubled quote.
      ['formatdate("YYYY-M-D h:m:s", "2026-03-04T05:06:07Z")', '2026-3-4 5:6:7'],
      ['formatdate("Z ZZZZ ZZZZZ", "2026-03-04T05:06:07+05:30")', '+05:30 +0530 +05:30'],
      ['formatdate("Z ZZZ", "2026-03-04T05:06:07+00:00")', 'Z UTC'],
      ['formatdate("\'Day\' D \'of\' MMMM, H AA", "2026-03-04T00:06:07Z")', 'Day 4 of March, 12 AM'],
      ['formatdate("hh\'\'mm", "2026-03-04T05:06:07Z")', "05'06"],
      ['timeadd("2017-11-22T00:00:00Z", "10m")', '2017-11-22T00:10:00Z'],
      ['timeadd("2024-02-28T23:30:00+05:30", "1h")', '2024-02-29T00:30:00+05:30'],
      ['timeadd("2026-01-01T00:00:00Z", "-1.5h")', '2025-12-31T22:30:00Z'],
      ['timeadd("2026-01-01T00:00:00Z", "1h30m15s")', '2026-01-01T01:30:15Z'],
      ['timeadd("2026-01-01T00:00:00.9Z", "200ms")', '2026-01-01T00:00:01Z'],
      ['timeadd("2026-01-01T00:00:00+00:00", "0")', '2026-01-01T00:00:00Z'],
      ['timeadd("2026-12-31T23:59:59Z", "1s")', '2027-01-01T00:00:00Z'],
      ['timecmp("2017-11-22T00:00:00Z", "2017-11-22T00:00:00Z")', 0],
      ['timecmp("2017-11-22T00:00:00Z", "2017-11-22T01:00:00Z")', -1],
      ['timecmp("2017-11-22T01:00:00Z", "2017-11-22T00:00:00-01:00")', 0],
      ['timecmp("2017-11-22T00:00:00.5Z", "2017-11-22T00:00:00Z")', 1],
    ])('%s is %s', (call, expected) => {
      expect(evaluate(`\${${call}}`)).toBe(expected);
    });

    it.each([
      ['a date that does not exist', 'formatdate("YYYY", "2026-02-29T00:00:00Z")'],
      ['a space for the time introducer', 'formatdate("YYYY", "2026-01-01 00:00:00Z")'],
      ['a timestamp without an offset', 'timecmp("2026-01-01T00:00:00", "2026-01-01T00:00:00Z")'],
      ['an hour of 24', 'timeadd("2026-01-01T24:00:00Z", "1h")'],
      ['a year of three letters', 'formatdate("YYY", "2026-01-01T00:00:00Z")'],
      ['a letter that is no verb', 'formatdate("YYYY Q", "2026-01-01T00:00:00Z")'],
      ['ZZ, which is no offset verb', 'formatdate("ZZ", "2026-01-01T00:00:00Z")'],
      ['an unterminated literal', 'formatdate("\'at hh", "2026-01-01T00:00:00Z")'],
      ['a duration in days', 'timeadd("2026-01-01T00:00:00Z", "1d")'],
      ['an empty duration', 'timeadd("2026-01-01T00:00:00Z", "")'],
      ['a duration without a unit', 'timeadd("2026-01-01T00:00:00Z", "10")'],
      ['a duration of a lone dot', 'timeadd("2026-01-01T00:00:00Z", ".h")'],
      ['a duration beyond 292 years', 'timeadd("2026-01-01T00:00:00Z", "2562048h")'],
    ])("%s is Terraform's error", (_name, call) => {
      expect(() => evaluate(`\${${call}}`)).toThrow(UnsupportedHcl);
      expect(() => evaluate(`\${${call}}`)).not.toThrow(UnimplementedHcl);
      expect(evaluate(`\${try(${call}, "fallback")}`)).toBe('fallback');
    });

    it('a form Go may read but this scanner does not is not guessed, not even by try()', () => {
      expect(() => evaluate('${try(formatdate("h", "2026-01-01T5:00:00Z"), "x")}')).toThrow(UnimplementedHcl);
      expect(() => evaluate('${timeadd("9999-12-31T23:00:00Z", "2h")}')).toThrow(UnimplementedHcl);
      expect(() => evaluate('${timecmp("2026-01-01T00:00:00+24:00", "2026-01-01T00:00:00Z")}')).toThrow(
        UnimplementedHcl,
      );
    });

    it('a timestamp only apply gives stays unknown', () => {
      expect(() => evaluate('${formatdate("YYYY", timestamp())}')).toThrow(UnknownHcl);
    });

    it('over a time apply gives, a caller that keeps symbolic values gets one; try() never falls back from it', () => {
      const symbolic: EvalHooks = {
        ...hooks,
        unknownResult: (call) => new SymbolicValue([{ id: call, source: call }]),
      };
      const run = (source: string): unknown => evaluateHcl(parseHclAttribute(source), symbolic);
      for (const source of [
        '${timeadd(timestamp(), "2h")}',
        '${try(timeadd(timestamp(), "2h"), "2000-01-01T00:00:00Z")}',
      ])
        expect(String(run(source))).toBe('${timeadd(timestamp(), "2h")}');
      expect(String(run('${formatdate("YYYY", plantimestamp())}'))).toBe('${formatdate("YYYY", plantimestamp())}');
      expect(() => run('${timecmp(timestamp(), "2026-01-01T00:00:00Z")}')).toThrow(UnknownHcl);
    });
  });

  describe('functions of a file read as bytes', () => {
    const blob = Buffer.from([0xff, 0x00, 0x41, 0xfe]);
    const policy = Buffer.from('{"Version": "2012-10-17"}\n', 'utf8');
    const withBytes: EvalHooks = {
      ...hooks,
      readFile: (file) => (file === 'policy.json' ? policy.toString('utf8') : undefined),
      readBytes: (file) => (file === 'blob.bin' ? blob : file === 'policy.json' ? policy : undefined),
    };
    const run = (source: string): unknown => evaluateHcl(parseHclAttribute(source), withBytes);
    const hash = (algorithm: string, bytes: Buffer, encoding: 'hex' | 'base64'): string =>
      createHash(algorithm).update(bytes).digest(encoding);

    it.each([
      ['filemd5', 'md5', 'hex'],
      ['filesha1', 'sha1', 'hex'],
      ['filesha256', 'sha256', 'hex'],
      ['filesha512', 'sha512', 'hex'],
      ['filebase64sha256', 'sha256', 'base64'],
      ['filebase64sha512', 'sha512', 'base64'],
    ] as const)('%s hashes the bytes of any file, not text decoded from them', (fn, algorithm, encoding) => {
      expect(run(`\${${fn}("blob.bin")}`)).toBe(hash(algorithm, blob, encoding));
      expect(run(`\${${fn}("policy.json")}`)).toBe(hash(algorithm, policy, encoding));
    });

    it('filebase64 is the base64 of the bytes, and decodes back to a policy file', () => {
      expect(run('${filebase64("blob.bin")}')).toBe('/wBB/g==');
      expect(run('${jsondecode(base64decode(filebase64("policy.json")))}')).toEqual({ Version: '2012-10-17' });
    });

    it('a file that cannot be read, or a path that is not text, is an error', () => {
      expect(() => run('${filesha256("missing.bin")}')).toThrow(UnsupportedHcl);
      expect(() => run('${filebase64(["blob.bin"])}')).toThrow(UnsupportedHcl);
      expect(run('${try(filemd5("missing.bin"), "none")}')).toBe('none');
    });
  });

  describe('conversions and sums as Terraform types them', () => {
    it.each([
      ['tobool(null)', null],
      ['tobool("false")', false],
      ['tobool("1")', true],
      ['alltrue([true, "1", "true"])', true],
      ['anytrue(["0", false])', false],
      ['tonumber("1.5e3")', 1500],
      ['tonumber(".5")', 0.5],
      ['sum([1, "2", 3.5])', 6.5],
    ])('%s is %s', (call, expected) => {
      expect(evaluate(`\${${call}}`)).toBe(expected);
    });

    it.each([
      ['toset of numbers orders them by value', 'toset([10, 9, 10, 100])', [9, 10, 100]],
      ['toset of text and numbers makes them all text', 'toset(["b", 2, "a", "2"])', ['2', 'a', 'b']],
      ['setunion unifies its elements as toset does', 'setunion(["x"], [1, true])', ['1', 'true', 'x']],
      [
        'tomap of text and numbers makes them all text',
        'tomap({ a = 1, b = "x", c = true, d = null })',
        { a: '1', b: 'x', c: 'true', d: null },
      ],
      ['tomap of numbers keeps them numbers', 'tomap({ a = 1, b = 2 })', { a: 1, b: 2 }],
      ['coalesce of a number and text is text', 'coalesce(null, 443, "8080")', '443'],
      ['coalesce of a boolean and text is text', 'coalesce(false, "x")', 'false'],
      ['coalesce of numbers stays a number', 'coalesce(null, 0, 1)', 0],
      ['a number in a template is written in decimal', '"n-${1000000 * 1000}"', 'n-1000000000'],
    ])('%s', (_name, call, expected) => {
      expect(evaluate(`\${${call}}`)).toEqual(expected);
    });

    it('coalesce does not guess the type of a number when another argument is known only after apply', () => {
      expect(() => evaluate('${coalesce(1, aws_s3_bucket.b.bucket)}')).toThrow(UnimplementedHcl);
      expect(() => evaluate('${coalesce(aws_s3_bucket.b.bucket, 1)}')).toThrow(UnknownHcl);
    });

    it('a number JavaScript would write with an exponent is not guessed as text', () => {
      expect(() => evaluate('${"n-${1000000000 * 1000000000000}"}')).toThrow(UnimplementedHcl);
    });

    it.each([
      ['sum of an empty list', 'sum([])'],
      ['sum of a list holding null', 'sum([1, null])'],
      ['tonumber of hexadecimal text', 'tonumber("0x10")'],
      ['tonumber of text with spaces', 'tonumber(" 5 ")'],
      ['arithmetic on text with an underscore', '"1_000" + 1'],
      ['tobool of a number', 'tobool(1)'],
      ['tobool of capitalised text', 'tobool("True")'],
      ['tolist of a map', 'tolist({ a = "x" })'],
      ['tomap of text beside a list', 'tomap({ a = "x", b = ["y"] })'],
    ])('%s is an error', (_name, call) => {
      expect(() => evaluate(`\${${call}}`)).toThrow(UnsupportedHcl);
      expect(evaluate(`\${try(${call}, "fallback")}`)).toBe('fallback');
    });
  });

  describe('an issuer whose host or id only apply knows', () => {
    const account = { id: 'account', source: 'the account' };
    const host = sampledHole({ id: 'host', source: 'the issuer host' }, ['', 'a', 'oidc.example.com/id/A1']);
    const free = { id: 'free', source: 'a value of any shape' };
    const values: Record<string, SymbolicValue> = {
      'var.issuer': new SymbolicValue(['https://', host]),
      'var.provider': new SymbolicValue(['arn:aws:iam::', account, ':oidc-provider/', host]),
      'var.unshaped': new SymbolicValue(['arn:aws:iam::', account, ':oidc-provider/', free]),
    };
    const withHoles = (symbolicKey?: EvalHooks['symbolicKey']): EvalHooks => ({
      ...hooks,
      reference: (text) => values[text] ?? hooks.reference(text),
      join: (pieces) =>
        new SymbolicValue(pieces.flatMap((p) => (p instanceof SymbolicValue ? p.parts : [p as string]))),
      ...(symbolicKey === undefined ? {} : { symbolicKey }),
    });
    const run = (source: string, symbolicKey?: EvalHooks['symbolicKey']): unknown =>
      evaluateHcl(parseHclAttribute(source), withHoles(symbolicKey));
    const parts = (source: string): unknown => (run(source) as SymbolicValue).parts;

    it.each([
      ['replace() of the scheme', '${replace(var.issuer, "https://", "")}'],
      ['trimprefix() of the scheme', '${trimprefix(var.issuer, "https://")}'],
      ['a regular expression cutting the ARN up to the host', '${replace(var.provider, "/^(.*provider/)/", "")}'],
    ])('%s leaves the host, a hole', (_name, source) => {
      expect(parts(source)).toEqual([host]);
    });

    it('keeps the known suffix of a condition key built around the host', () => {
      expect(parts('${replace(var.provider, "/^(.*provider/)/", "")}:sub')).toEqual([host, ':sub']);
    });

    it('trims only what the known text decides', () => {
      expect(parts('${trimprefix(var.issuer, "http://")}')).toEqual(['https://', host]);
      expect(parts('${trimsuffix("${var.issuer}/", "/")}')).toEqual(['https://', host]);
      expect(() => run('${trimsuffix(var.provider, "/")}')).toThrow(UnsupportedHcl);
      expect(() => run('${trimprefix(var.provider, "arn:aws:iam::1")}')).toThrow(UnsupportedHcl);
    });

    it('cuts a hole of any shape out of nothing: what it holds may decide the match', () => {
      expect(() => run('${replace(var.unshaped, "/^(.*provider/)/", "")}')).toThrow(UnsupportedHcl);
    });

    it('gives an object key with a hole to the caller, or refuses it', () => {
      const source = '${{ "${replace(var.issuer, "https://", "")}:sub" = "system:serviceaccount:ns:sa" }}';
      expect(() => run(source)).toThrow(new UnsupportedHcl('an object key that is not text'));
      expect(run(source, (key) => key.toString())).toEqual({
        '${the issuer host}:sub': 'system:serviceaccount:ns:sa',
      });
    });
  });

  describe("pieces of an ARN whose form is known: the caller's, with its account and partition only apply knows", () => {
    const partition = sampledHole({ id: 'partition', source: 'the partition' }, ['aws', 'aws-cn', 'aws-us-gov']);
    const service = sampledHole({ id: 'service', source: 'the service' }, ['iam', 'sts']);
    const account = sampledHole({ id: 'account', source: 'the account' }, ['123456789012']);
    const principal = sampledHole({ id: 'principal', source: 'the principal' }, [
      'root',
      'user/ci',
      'assumed-role/deploy/session',
    ]);
    const free = { id: 'free', source: 'a value of any shape' };
    const values: Record<string, SymbolicValue> = {
      'var.caller': new SymbolicValue(['arn:', partition, ':', service, '::', account, ':', principal]),
      'var.role': new SymbolicValue(['arn:aws:iam::', account, ':role/app']),
      'var.unshaped': new SymbolicValue(['arn:aws:iam::', free, ':role/app']),
    };
    const withHoles: EvalHooks = {
      ...hooks,
      reference: (text) => values[text] ?? hooks.reference(text),
      join: (pieces) =>
        new SymbolicValue(pieces.flatMap((p) => (p instanceof SymbolicValue ? p.parts : [p as string]))),
    };
    const run = (source: string): unknown => evaluateHcl(parseHclAttribute(source), withHoles);
    const parts = (source: string): unknown => (run(source) as SymbolicValue).parts;

    it.each([
      ['split() at colons, indexed', '${split(":", var.caller)[4]}'],
      ['element() of the split', '${element(split(":", var.caller), 4)}'],
      ['reverse() of the split, from the end', '${reverse(split(":", var.role))[1]}'],
      ['a group of regex()', '${regex("^arn:[^:]+:[^:]+::([0-9]+):", var.caller)[0]}'],
      ['a named group of regex()', '${regex("^arn:[^:]+:[^:]+::(?P<account>[0-9]+):", var.caller).account}'],
      [
        'replace() keeping a group that reads digits',
        '${replace(var.caller, "/^arn:[^:]+:[^:]+::([0-9]+):.*$/", "$1")}',
      ],
    ])('%s is the account', (_name, source) => {
      expect(parts(source)).toEqual([account]);
    });

    it('splits into the known fields and holes, in order', () => {
      const fields = run('${split(":", var.role)}') as unknown[];
      expect(fields.map((f) => (f instanceof SymbolicValue ? f.parts : f))).toEqual([
        'arn',
        'aws',
        'iam',
        '',
        [account],
        'role/app',
      ]);
      expect(parts('${split(":", var.caller)[1]}')).toEqual([partition]);
      expect(run('${split("/", var.role)[1]}')).toBe('app');
    });

    it('leaves to apply what depends on what a hole holds', () => {
      // The caller may be root, a user or a role session: the name after the first `/` is no one piece.
      expect(() => run('${split("/", var.caller)[1]}')).toThrow(UnknownHcl);
      expect(() => run('${split(":", var.unshaped)[4]}')).toThrow(UnknownHcl);
    });

    it('reads a pattern only some forms match as the one that deploys, but not under try(), which may fall back', () => {
      // A role session's ARN is `arn:aws:sts::...`: the pattern fails there, Terraform's error.
      expect(parts('${regex("^arn:[^:]+:iam::([0-9]+):", var.caller)[0]}')).toEqual([account]);
      expect(() => run('${try(regex("^arn:[^:]+:iam::([0-9]+):", var.caller)[0], "111122223333")}')).toThrow(
        UnknownHcl,
      );
      expect(() => run('${can(regex("^arn:[^:]+:iam::([0-9]+):", var.caller))}')).toThrow(UnknownHcl);
    });

    it('reads a pattern that fails for some values of a hole of any form as unknown: another value may match otherwise', () => {
      expect(() => run('${regex("^arn:aws:iam::([0-9]+):", var.unshaped)[0]}')).toThrow(UnknownHcl);
    });
  });

  describe('issensitive() of locals and module variables, by the marks Terraform carries', () => {
    const locals: Record<string, string> = {
      secret_doc: '${jsonencode({ token = var.token })}',
      plain_doc: '${jsonencode({ name = var.name })}',
      settings: '${{ token = var.token, name = var.name }}',
    };
    const flags: Record<string, { sensitive: boolean; ephemeral: boolean; root: boolean }> = {
      token: { sensitive: true, ephemeral: false, root: true },
      name: { sensitive: false, ephemeral: false, root: true },
      given: { sensitive: false, ephemeral: false, root: false },
    };
    const marked: EvalHooks = {
      ...hooks,
      reference: (text) => {
        if (text === 'var.token' || text === 'var.given') return 'x';
        const local = locals[text.slice('local.'.length)];
        return local === undefined ? hooks.reference(text) : evaluateHcl(parseHclAttribute(local), marked);
      },
      variable: (name) => flags[name],
      localNode: (name) => {
        const source = locals[name];
        return source === undefined ? undefined : parseHclAttribute(source);
      },
    };
    const sensitive = (source: string): unknown => evaluateHcl(parseHclAttribute(source), marked);

    it.each([
      ['a local whose document holds a sensitive variable', '${issensitive(local.secret_doc)}', true],
      ['a local whose document holds none', '${issensitive(local.plain_doc)}', false],
      ['an object of a sensitive and a plain value, whole', '${issensitive(local.settings)}', false],
      ['its JSON text', '${issensitive(jsonencode(local.settings))}', true],
    ])('%s', (_name, source, expected) => {
      expect(sensitive(source)).toBe(expected);
    });

    it('leaves a module variable to its caller: a sensitive value given makes it sensitive, which is not read here', () => {
      expect(() => sensitive('${issensitive(var.given)}')).toThrow(UnimplementedHcl);
      expect(() => sensitive('${issensitive(jsonencode([var.given]))}')).toThrow(UnimplementedHcl);
    });
  });

  it('steps into an object whose attributes are read on demand (a resource named whole)', () => {
    const role = (name: string): AttributeReader =>
      new AttributeReader((attribute) => (attribute === 'arn' ? `arn:aws:iam::1:role/${name}` : undefined));
    const instances: EvalHooks = {
      ...hooks,
      reference: (text) => (text === 'aws_iam_role.worker' ? [role('a'), role('b')] : hooks.reference(text)),
    };
    const run = (source: string): unknown => evaluateHcl(parseHclAttribute(source), instances);
    expect(run('${[for r in aws_iam_role.worker : r.arn]}')).toEqual([
      'arn:aws:iam::1:role/a',
      'arn:aws:iam::1:role/b',
    ]);
    expect(run('${aws_iam_role.worker[*].arn}')).toEqual(['arn:aws:iam::1:role/a', 'arn:aws:iam::1:role/b']);
    expect(() => run('${[for r in aws_iam_role.worker : r.tags]}')).toThrow(
      new UnsupportedHcl('`r.tags` has no `tags`'),
    );
  });

  it('reads a nested attribute of an instance picked by a computed key as the reference with that key written out', () => {
    const issuer = new SymbolicValue(['https://oidc.eks.eu-west-1.amazonaws.com/id/', { id: 'id', source: 'id' }]);
    const asked: string[] = [];
    const clusters: EvalHooks = {
      ...hooks,
      reference: (text) => {
        asked.push(text);
        // The instance whole knows no nested block; the caller knows the whole path.
        if (text === 'data.aws_eks_cluster.c') return { app: new AttributeReader(() => new SymbolicValue(['x'])) };
        if (text === 'data.aws_eks_cluster.c["app"].identity[0].oidc[0].issuer') return issuer;
        // Any other attribute path is a value of its own, opaque as the resolver's holes are.
        if (text.startsWith('data.aws_eks_cluster.c[')) return new SymbolicValue([{ id: text, source: text }]);
        return hooks.reference(text);
      },
    };
    const scope = new Map([['statement', { key: 'app', value: ['default:api'] }]]);
    const node = parseHclAttribute('${data.aws_eks_cluster.c[statement.key].identity[0].oidc[0].issuer}');
    expect(evaluateHcl(node, clusters, scope)).toBe(issuer);
    expect(asked).toContain('data.aws_eks_cluster.c["app"].identity[0].oidc[0].issuer');
    // A key that is no text or number leaves the expression without a value.
    const unkeyed = parseHclAttribute('${data.aws_eks_cluster.c[statement.value].identity[0].oidc[0].issuer}');
    expect(() => evaluateHcl(unkeyed, clusters, scope)).toThrow(UnsupportedHcl);
  });

  describe('== compares types before values, as Terraform does without converting', () => {
    // The resolver's symbolic value: text known only after apply.
    const arn = new SymbolicValue([{ id: 'aws_s3_bucket.b.arn', source: 'aws_s3_bucket.b.arn' }]);
    const symbolic: EvalHooks = {
      ...hooks,
      reference: (text) => (text === 'aws_s3_bucket.b.arn' ? arn : hooks.reference(text)),
      join: (pieces) =>
        new SymbolicValue(pieces.flatMap((p) => (p instanceof SymbolicValue ? p.parts : [p as string]))),
    };
    const run = (source: string): unknown => evaluateHcl(parseHclAttribute(source), symbolic);
    const decided: [string, string, unknown][] = [
      ['a list holding an unknown against a boolean', '${[aws_s3_bucket.b.arn] == true ? "all" : "some"}', 'some'],
      ['unknown text against a boolean', '${aws_s3_bucket.b.arn == true}', false],
      ['lists of different lengths', '${[aws_s3_bucket.b.arn] == ["x", "y"]}', false],
      ['a list holding an unknown against null', '${[aws_s3_bucket.b.arn] != null}', true],
      ['objects with different keys', '${{ a = aws_s3_bucket.b.arn } == { b = "x" }}', false],
      ['text around an unknown against null', '${"${aws_s3_bucket.b.arn}/*" != null}', true],
      ['text around an unknown against text with another start', '${"arn:${aws_s3_bucket.b.arn}" == "*"}', false],
      [
        'text around an unknown against text with another end',
        '${"${aws_s3_bucket.b.arn}/*" != "arn:aws:s3:::b"}',
        true,
      ],
      ['text whose written part is longer than the other text', '${"abcd${aws_s3_bucket.b.arn}" == "abc"}', false],
      ['the same text around the same unknown', '${"${aws_s3_bucket.b.arn}/*" == "${aws_s3_bucket.b.arn}/*"}', true],
      [
        'an object holding an unknown found in a list by index()',
        '${index([{ r = "a" }, { r = "${aws_s3_bucket.b.arn}/*" }], { r = "${aws_s3_bucket.b.arn}/*" })}',
        1,
      ],
    ];
    it.each(decided)('%s is decided', (_name, source, expected) => {
      expect(run(source)).toEqual(expected);
    });
    const undecided: [string, string][] = [
      ['unknown text against text', '${aws_s3_bucket.b.arn == "x"}'],
      ['unknown text against null', '${aws_s3_bucket.b.arn == null}'],
      ['lists of one length with an unknown element', '${[aws_s3_bucket.b.arn] == ["x"]}'],
      ['an unknown before a difference', '${[aws_s3_bucket.b.arn, "a"] == ["x", "b"]}'],
      ['text around an unknown against text of that start and end', '${"a${aws_s3_bucket.b.arn}z" == "abcz"}'],
      ['index() past an element only apply can tell apart', '${index([aws_s3_bucket.b.arn, "x"], "x")}'],
      [
        'text around an unknown against other text around it',
        '${"a${aws_s3_bucket.b.arn}" == "${aws_s3_bucket.b.arn}a"}',
      ],
    ];
    it.each(undecided)('%s is left to apply', (_name, source) => {
      expect(() => run(source)).toThrow(UnsupportedHcl);
    });
  });

  describe('a collection with elements only apply knows keeps its shape', () => {
    const arn = new PendingValue(['aws_s3_bucket.b.arn']);
    const grants = {
      read: { arn, actions: ['s3:GetObject'] },
      write: { arn: 'arn:aws:s3:::w', actions: ['s3:PutObject'] },
    };
    // As the configuration reader does: a step onto a pending element is that element's unknown.
    const partial: EvalHooks = {
      ...hooks,
      reference: (text) => {
        if (!text.startsWith('var.grants')) return hooks.reference(text);
        let value: unknown = grants;
        for (const step of stepsOf(text).slice(1)) {
          if (value instanceof PendingValue) throw new UnknownHcl(value.references);
          value = (value as Record<string, unknown>)[step];
          if (value === undefined) throw new UnsupportedHcl(`no \`${String(step)}\``);
        }
        if (value instanceof PendingValue) throw new UnknownHcl(value.references);
        return value;
      },
    };
    const run = (source: string): unknown => evaluateHcl(parseHclAttribute(source), partial);
    const known: [string, string, unknown][] = [
      ['its keys', '${keys(var.grants)}', ['read', 'write']],
      ['its length', '${length([for k, g in var.grants : g.arn])}', 2],
      ['a known element', '${var.grants.write.arn}', 'arn:aws:s3:::w'],
      [
        'a known element beside a pending one',
        '${[for g in values(var.grants) : g.actions[0]]}',
        ['s3:GetObject', 's3:PutObject'],
      ],
      ['a pending element moved by lookup', '${lookup(var.grants.read, "arn", "")}', arn],
      ['a pending element moved by a for', '${[for g in var.grants : g.arn]}', [arn, 'arn:aws:s3:::w']],
      // Terraform keeps the length and keys of a collection whose elements only apply knows.
      [
        'a template around an element a for reached',
        '${[for g in var.grants : "${g.arn}/*"]}',
        [arn, 'arn:aws:s3:::w/*'],
      ],
      ['a comparison with an element a for reached', '${[for g in var.grants : g.arn == "x"]}', [arn, false]],
      [
        'a map literal whose value is a template around it',
        '${{ read = "${var.grants.read.arn}/*", write = "w" }}',
        { read: arn, write: 'w' },
      ],
      // coalesce returns the first argument with a value, whatever follows it.
      ['coalesce of a value before a pending one', '${coalesce("{}", var.grants.read.arn)}', '{}'],
      ['coalesce past null and empty text', '${coalesce(null, "", "x", var.grants.read.arn)}', 'x'],
      ['coalescelist past an empty list', '${coalescelist([], ["a"], [var.grants.read.arn])}', ['a']],
      ['coalescelist of a list holding a pending element', '${coalescelist([], [var.grants.read.arn])}', [arn]],
      ['the keys of a map whose value is pending', '${keys({ b = "${var.grants.read.arn}/*", a = 1 })}', ['a', 'b']],
      [
        'a filtered for over a merge of such maps',
        '${{ for k, v in merge({ a = "${var.grants.read.arn}/x" }, { b = "y" }) : k => v if k != "c" }}',
        { a: arn, b: 'y' },
      ],
    ];
    it.each(known)('%s is known', (_name, source, expected) => {
      expect(run(source)).toEqual(expected);
    });
    const unknown: [string, string][] = [
      ['a template around the pending element', '${"${var.grants.read.arn}/*"}'],
      ['jsonencode of it', '${jsonencode(var.grants)}'],
      ['a comparison with it', '${var.grants.read.arn == "x" ? 1 : 2}'],
      ['a function that reads it', '${distinct([for g in var.grants : g.arn])}'],
      ['jsonencode of elements a for reached', '${jsonencode([for g in var.grants : g.arn])}'],
      ['a map keyed by it', '${{ for g in var.grants : g.arn => 1 }}'],
      ['try around a step into it', '${try(var.grants.read.arn.x, "fallback")}'],
      ['coalesce of the pending value first', '${coalesce(var.grants.read.arn, "x")}'],
      ['coalesce of the pending value after null', '${coalesce(null, var.grants.read.arn, "x")}'],
    ];
    it.each(unknown)('%s is unknown, naming where it comes from', (_name, source) => {
      expect(() => run(source)).toThrow(new UnknownHcl(['aws_s3_bucket.b.arn']));
    });
    it('names the pending references of a value', () => {
      expect(pendingReferences({ a: [1, arn], b: new PendingValue(['x.y']) })).toEqual(['aws_s3_bucket.b.arn', 'x.y']);
      expect(pendingReferences({ a: [1, 'b'] })).toEqual([]);
    });
  });

  // Expected values are what `terraform console` (1.11) gives for the same expression.
  describe('functions and operators as Terraform computes them, edge cases included', () => {
    const cases: [string, string, unknown][] = [
      [
        'yamlencode: keys sorted and quoted, lists under a key not indented, empty collections inline',
        '${yamlencode({ b = [1, { d = null, c = true }], a = "x", e = {}, f = [], g = { h = [[]] } })}',
        '"a": "x"\n"b":\n- 1\n- "c": true\n  "d": null\n"e": {}\n"f": []\n"g":\n  "h":\n  - []\n',
      ],
      ['yamlencode: a plain scalar alone ends the document', '${yamlencode(42)}', '42\n...\n'],
      [
        'yamlencode: escapes as YAML writes them, keys in byte order',
        '${yamlencode({ "é" = "tab\\there \\"q\\" \\\\ \\U0001F600", Z = "\\ufeff" })}',
        '"Z": "\\uFEFF"\n"é": "tab\\there \\"q\\" \\\\ \\U0001F600"\n',
      ],
      [
        'yamlencode: a long value folded at a space past column 80, continued two columns in',
        '${yamlencode({ k = join(" ", [for i in range(30) : "word${i}"]) })}',
        '"k": "word0 word1 word2 word3 word4 word5 word6 word7 word8 word9 word10 word11 word12\n' +
          '  word13 word14 word15 word16 word17 word18 word19 word20 word21 word22 word23 word24\n' +
          '  word25 word26 word27 word28 word29"\n',
      ],
      ['textencodebase64 in UTF-16, with its byte order mark', '${textencodebase64("hé", "UTF-16")}', '/v8AaADp'],
      ['textencodebase64 in UTF-16BE', '${textencodebase64("hé", "utf-16be")}', 'AGgA6Q=='],
      ['textencodebase64 in ISO-8859-1 by an alias', '${textencodebase64("hé", "latin1")}', 'aOk='],
      ['textdecodebase64 in UTF-16 reads and drops the mark', '${textdecodebase64("//5oAA==", "UTF-16")}', 'h'],
      ['textdecodebase64 in UTF-16LE keeps a mark', '${textdecodebase64("//5oAA==", "UTF-16LE")}', '\ufeffh'],
      ['element past the end wraps around', '${element(["a", "b", "c"], 4)}', 'b'],
      ['slice', '${slice(["a", "b", "c"], 1, 3)}', ['b', 'c']],
      ['distinct of mixed primitives converts them to text', '${distinct(["a", "a", 1])}', ['a', '1']],
      ['formatlist repeats a value that is not a list', '${formatlist("%s-%q", ["a", "b"], "c")}', ['a-"c"', 'b-"c"']],
      ['upper maps each character alone', '${upper("ǆé")}', 'ǄÉ'],
      ['title as Go finds words', '${title("élan vital_x o\'neil ǆx")}', "Élan Vital_x O'Neil ǅx"],
      ['issensitive of a value sensitive() marks', '${issensitive(sensitive("a"))}', true],
      ['issensitive of a literal', '${issensitive("a")}', false],
      ['ephemeralasnull of a value naming nothing ephemeral', '${ephemeralasnull("x")}', 'x'],
      ['pathexpand without ~', '${pathexpand("a/b")}', 'a/b'],
      ['try() falls back from type(), an error outside the console', '${try(type("x"), "f")}', 'f'],
      ['replace of empty text before each character and at the end', '${replace("abc", "", "-")}', '-a-b-c-'],
      [
        'jsonencode as Go writes JSON',
        '${jsonencode({ b = 1, a = "<&>", "10" = 2, "9" = 3 })}',
        '{"10":2,"9":3,"a":"\\u003c\\u0026\\u003e","b":1}',
      ],
      ['format %q as JSON', '${format("%q", "é<")}', '"é\\u003c"'],
      ['a conditional unifies a number with text', '${true ? 1 : "a"}', '1'],
      ['negative zero as text', '${"x${0 * -1}"}', 'x-0'],
      [
        'a template strip marker removes escaped line breaks too',
        '%{ for x in ["a", "b"] ~}\n${x}\n%{~ endfor ~}\n',
        'ab',
      ],
      ['a \\U escape of eight hex digits', '${"\\U0001F600"}', '😀'],
      ['text in Unicode normal form C: A and a combining acute are one character', '${"A\\u0301"}', '\u00c1'],
      [
        'the hash of text in normal form C',
        '${sha256("A\\u0301")}',
        createHash('sha256').update('\u00c1').digest('hex'),
      ],
      ['length counts grapheme clusters', '${length("x\\r\\n")}', 2],
      ['substr by grapheme clusters', '${substr("e\\u0308\\u0301x", 1, 1)}', 'x'],
      ['sort by UTF-8 bytes', '${sort(["\\U0001F600", "\\uffee", "b"])}', ['b', '\uffee', '\u{1f600}']],
      ['tolist converts mixed primitives to text', '${tolist([1, "1", true])}', ['1', '1', 'true']],
      ['compact makes a list of text', '${compact([1, "", null, 2.5])}', ['1', '2.5']],
      ['toset puts null last', '${toset([null, "b", "a"])}', ['a', 'b', null]],
      ['setsubtract compares as one element type', '${setsubtract([1, 2.5, -1], ["1"])}', ['-1', '2.5']],
      [
        'setproduct converts each collection',
        '${setproduct([true, "x"], [1])}',
        [
          ['true', 1],
          ['x', 1],
        ],
      ],
      ['chunklist converts mixed primitives', '${chunklist([1, "1"], 1)}', [['1'], ['1']]],
      ['trimspace of the spaces Go knows', '${trimspace("\\u0085x\\u00a0")}', 'x'],
    ];
    it.each(cases)('%s', (_name, source, expected) => {
      expect(evaluate(source)).toEqual(expected);
    });

    const errors: [string, string][] = [
      ['element at a negative index', '${element(["a", "b"], -1)}'],
      ['element at a fractional index', '${element(["a", "b"], 1.5)}'],
      ['slice from after its end', '${slice(["a", "b", "c"], 2, 1)}'],
      ['formatlist of lists of different lengths', '${formatlist("%s%s", ["a", "b"], ["c"])}'],
      ['format %d of a fraction', '${format("%d", 1.5)}'],
      ['max of nothing', '${max()}'],
      ['a division by zero', '${1 / 0}'],
      ['textencodebase64 of a character ISO-8859-1 lacks', '${textencodebase64("😀", "ISO-8859-1")}'],
      ['textdecodebase64 of an odd number of UTF-16 bytes', '${textdecodebase64("aA==", "UTF-16LE")}'],
      ['templatestring of a literal template', '${templatestring("hello", {})}'],
      ['type outside the console', '${type("x")}'],
      ['an escape HCL does not know', '${"\\q"}'],
      ['zipmap of lists of different lengths', '${zipmap(["a", "b"], [1])}'],
      ['alltrue of an element that is no boolean after a false one', '${alltrue([false, "x"])}'],
      ['compact of a list of lists', '${compact([["a"]])}'],
      ['tolist of collections and primitives together', '${tolist([["a"], "b"])}'],
      ['matchkeys of keys of another type than the searched', '${matchkeys(["v"], [["a"]], ["a"])}'],
    ];
    it.each(errors)("%s is Terraform's error", (_name, source) => {
      expect(() => evaluate(source)).toThrow(UnsupportedHcl);
      expect(() => evaluate(source)).not.toThrow(UnimplementedHcl);
    });

    // Forms Terraform computes differently from JavaScript, or from what is known here: not guessed.
    const notGuessed: [string, string][] = [
      ['text encodings Terraform refuses or this scanner does not reproduce', '${textencodebase64("a", "utf8")}'],
      ['upper of ß (JavaScript gives SS, Go keeps it)', '${upper("straße")}'],
      ['a sum JavaScript rounds otherwise', '${0.1 + 0.2}'],
      ['a third as text', '${"${1 / 3}"}'],
      ['format with zeros before text', '${format("%05s", "ab")}'],
      ['yamlencode of text with a line break after a space (double-quoted by YAML)', '${yamlencode("a \nb")}'],
      ['issensitive of a variable', '${issensitive(var.name)}'],
      ['ephemeralasnull of a variable', '${ephemeralasnull(var.name)}'],
      ['the remainder of a division by zero', '${5 % 0}'],
      ['lists with equal elements (a list typed list(string) is no tuple)', '${var.buckets == ["logs", "data"]}'],
    ];
    it.each(notGuessed)('%s is not guessed, not even by try()', (_name, source) => {
      expect(() => evaluate(source)).toThrow(UnimplementedHcl);
      expect(() => evaluate(`\${try(${source.slice(2, -1)}, "fallback")}`)).toThrow(UnimplementedHcl);
    });

    it('base64gzip and pathexpand of ~ are values this scanner does not compute: known to the plan, not here', () => {
      expect(() => evaluate('${base64gzip("hello")}')).toThrow(new UnknownHcl(['base64gzip("hello")']));
      expect(() => evaluate('${pathexpand("~/x")}')).toThrow(new UnknownHcl(['pathexpand("~/x")']));
    });
  });

  describe('text functions over values only apply knows keep what is known', () => {
    const bucket = { id: 'aws_s3_bucket.b.bucket', source: 'aws_s3_bucket.b.bucket' };
    const arn = { id: 'aws_s3_bucket.b.arn', source: 'aws_s3_bucket.b.arn' };
    const values: Record<string, SymbolicValue> = {
      'aws_s3_bucket.b.bucket': new SymbolicValue([bucket]),
      'aws_s3_bucket.b.arn': new SymbolicValue([arn]),
    };
    const symbolic: EvalHooks = {
      ...hooks,
      reference: (text) => values[text] ?? hooks.reference(text),
      join: (pieces) =>
        new SymbolicValue(pieces.flatMap((p) => (p instanceof SymbolicValue ? p.parts : [p as string]))),
    };
    const run = (source: string): unknown => evaluateHcl(parseHclAttribute(source), symbolic);
    const parts = (source: string): unknown => (run(source) as SymbolicValue).parts;

    it.each([
      ['format', '${format("arn:aws:s3:::%s/*", aws_s3_bucket.b.bucket)}', ['arn:aws:s3:::', bucket, '/*']],
      ['join', '${join("", ["arn:aws:s3:::", aws_s3_bucket.b.bucket, "/*"])}', ['arn:aws:s3:::', bucket, '/*']],
      ['join with a separator', '${join(",", ["a", aws_s3_bucket.b.bucket])}', ['a,', bucket]],
      ['tostring', '${tostring(aws_s3_bucket.b.arn)}', [arn]],
    ])('%s keeps the hole in place', (_name, source, expected) => {
      expect(parts(source)).toEqual(expected);
    });

    it('a conditional keeps a map of text with a hole beside an empty map: one element type', () => {
      const value = run('${true ? { a = aws_s3_bucket.b.arn, b = "x" } : {}}') as Record<string, unknown>;
      expect((value['a'] as SymbolicValue).parts).toEqual([arn]);
      expect(value['b']).toBe('x');
    });

    it.each([
      ['a width', '${format("%-20s|", aws_s3_bucket.b.arn)}'],
      ['a precision', '${format("%.3s", aws_s3_bucket.b.arn)}'],
    ])('format with %s of a value only apply knows is not guessed', (_name, source) => {
      expect(() => run(source)).toThrow(UnimplementedHcl);
    });

    it('formatlist keeps a hole per row', () => {
      const rows = run('${formatlist("%s/*", [aws_s3_bucket.b.arn, "arn:aws:s3:::logs"])}') as unknown[];
      expect((rows[0] as SymbolicValue).parts).toEqual([arn, '/*']);
      expect(rows[1]).toBe('arn:aws:s3:::logs/*');
    });

    it('yamlencode of a value holding one only apply knows is not written out (never its internals)', () => {
      expect(() => run('${yamlencode({ a = aws_s3_bucket.b.arn })}')).toThrow(UnimplementedHcl);
      expect(() => run('${yamlencode(aws_s3_bucket.b.arn)}')).toThrow(UnimplementedHcl);
    });

    it('lower and upper map the known text; a hole becomes the mapped value, one specific unknown of its own', () => {
      expect(parts('${lower("ARN:${aws_s3_bucket.b.arn}/X")}')).toEqual([
        'arn:',
        { id: 'lower(aws_s3_bucket.b.arn)', source: 'lower(aws_s3_bucket.b.arn)' },
        '/x',
      ]);
    });

    it.each([
      ['startswith decided by the known start', '${startswith("arn:${aws_s3_bucket.b.bucket}", "arn:")}', true],
      ['startswith refuted by the known start', '${startswith("arn:${aws_s3_bucket.b.bucket}", "s3:")}', false],
      ['endswith decided by the known end', '${endswith("${aws_s3_bucket.b.arn}/*", "/*")}', true],
      ['strcontains found in the known text', '${strcontains("a-${aws_s3_bucket.b.bucket}-b", "-b")}', true],
    ])('%s', (_name, source, expected) => {
      expect(run(source)).toBe(expected);
    });

    it.each([
      ['a function that needs the value whole', '${try(jsondecode(aws_s3_bucket.b.arn), {})}'],
      ['the length of a value only apply knows', '${try(length(aws_s3_bucket.b.arn), 0)}'],
      ['a condition only apply decides', '${try(aws_s3_bucket.b.arn ? "a" : "b", "c")}'],
      ['arithmetic on a value only apply knows', '${try(aws_s3_bucket.b.bucket + 1, 0)}'],
      ['a for over a value only apply knows', '${try([for x in aws_s3_bucket.b.arn : x], [])}'],
      ['an element of a value only apply knows', '${try(aws_s3_bucket.b.arn[0], "x")}'],
    ])('try() does not fall back from %s: it is unknown, as in Terraform', (_name, source) => {
      expect(() => run(source)).toThrow(UnknownHcl);
    });

    it.each([
      ['startswith where the hole may go on with the prefix', '${startswith("ar${aws_s3_bucket.b.bucket}", "arn")}'],
      ['startswith of a value that starts unknown', '${startswith(aws_s3_bucket.b.arn, "arn:")}'],
      ['strcontains not in the known text', '${strcontains("a-${aws_s3_bucket.b.bucket}", "x")}'],
    ])('%s is unknown', (_name, source) => {
      expect(() => run(source)).toThrow(UnknownHcl);
    });
  });

  it('binds for variables before the configuration: a local name shadows nothing outside', () => {
    expect(referencesOf(parseHclAttribute('${[for var in local.grants : var.sid]}'))).toEqual(['local.grants']);
    expect(evaluate('${[for var in local.grants : var.sid]}')).toEqual(['a', 'b']);
  });

  it('splits reference steps, quoted keys and indexes included', () => {
    expect(stepsOf('aws_iam_role.r["a.b"].arn')).toEqual(['r', 'a.b', 'arn']);
    expect(stepsOf('module.m[0].out')).toEqual(['m', 0, 'out']);
  });
});
