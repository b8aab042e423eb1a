/**
 * The bad-input battery: hostile files for each CLI, written at test time into a temporary
 * directory, and what each must answer. Plain CommonJS so that the jest tests (fast cases) and
 * scripts/hostile-slow.mjs (slow cases) share one table.
 *
 * An expectation is `{ code, pointer? }` (`code` may list the acceptable codes): exit code 2 means an input error (exactly one line on
 * stderr naming the file, and the JSON pointer when given), 1 a finding, 0 a clean run (or, for
 * `simulate`, a decision). Every case also asserts: bounded time, no stack frame on stderr, no
 * internal error. `bug` names a known bug of the CLI that makes the case fail today (the jest
 * battery declares it `test.failing`, so that the fix is noticed).
 */
'use strict';

const CLIS = {
  lint: { bin: 'packages/core/bin/iamgate.js', args: ['lint'] },
  simulate: { bin: 'packages/core/bin/iamgate.js', args: ['simulate'] },
  'tf-scan': { bin: 'packages/tf-scan/bin/tf-scan.js', args: [] },
  'cdk-guard': { bin: 'packages/cdk-guard/bin/cdk-guard.js', args: [] },
};

const A = '123456789012';
const statement = (extra = {}) => ({ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*', ...extra });
const policy = (statements) => ({ Version: '2012-10-17', Statement: statements });

/** How each CLI carries one policy document (an object, or any raw value in its place). */
const WRAP = {
  lint: (doc) => doc,
  simulate: (doc) => ({
    request: { principal: `arn:aws:iam::${A}:user/dana`, action: 's3:GetObject', resource: 'arn:aws:s3:::b/k', resourceAccount: A },
    identityPolicies: [doc],
  }),
  'tf-scan': (doc) => ({
    format_version: '1.2',
    terraform_version: '1.9.5',
    planned_values: {
      root_module: {
        resources: [
          {
            address: 'aws_iam_policy.p',
            mode: 'managed',
            type: 'aws_iam_policy',
            name: 'p',
            values: { name: 'p', path: '/', policy: typeof doc === 'string' ? doc : JSON.stringify(doc) },
          },
        ],
      },
    },
  }),
  'cdk-guard': (doc) => ({
    Resources: { P: { Type: 'AWS::IAM::ManagedPolicy', Properties: { PolicyDocument: doc } } },
  }),
};

/** Where the policy document sits inside each CLI's file, as a JSON pointer prefix. */
const AT = {
  lint: '',
  simulate: '/identityPolicies/0',
  'tf-scan': '',
  'cdk-guard': '/Resources/P/Properties/PolicyDocument',
};

const deepArray = (depth) => '['.repeat(depth) + ']'.repeat(depth);
/** `"*"` wrapped `depth` times by `wrap` (JSON text), built as text: it may nest deeper than the call stack goes. */
const nested = (depth, wrap) => {
  let text = '"*"';
  for (let i = 0; i < depth; i++) text = wrap(text);
  return text;
};
/**
 * `count` Lambda roles, each with a policy reading its own bucket and a bucket of its own; the last
 * role may also pass any role (the one finding).
 */
const manyRoles = (count) => {
  const resources = {};
  for (let i = 0; i < count; i++) {
    const actions = i === count - 1 ? ['s3:GetObject', 'iam:PassRole'] : ['s3:GetObject'];
    resources[`Role${i}`] = {
      Type: 'AWS::IAM::Role',
      Properties: {
        AssumeRolePolicyDocument: policy([{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }]),
        Policies: [{ PolicyName: 'read', PolicyDocument: policy([{ Effect: 'Allow', Action: actions, Resource: i === count - 1 ? '*' : `arn:aws:s3:::bucket-${i}/*` }]) }],
      },
    };
    resources[`Bucket${i}`] = { Type: 'AWS::S3::Bucket', Properties: { BucketName: `bucket-${i}` } };
  }
  return resources;
};
const json = (value) => JSON.stringify(value);

/**
 * The cases of one CLI. `content` is the file text (or `{ kind: 'dir' | 'missing' | 'unreadable' }`);
 * `slow` cases run only in scripts/hostile-slow.mjs.
 */
function casesFor(cli) {
  const wrap = WRAP[cli];
  const at = AT[cli];
  const doc = (statements) => json(wrap(policy(statements)));
  // The file with a policy given as JSON text, so that keys like `__proto__` stay own properties.
  const withPolicyText = (text) =>
    cli === 'tf-scan' ? json(wrap(text)) : json(wrap('@POLICY@')).replace('"@POLICY@"', () => text);
  const valid = doc([statement()]);
  // What a valid document with a bad policy gives: a finding, except simulate (which evaluates,
  // and rejects shapes it cannot evaluate as input errors).
  const policyProblem = cli === 'simulate' ? { code: 2 } : { code: 1 };
  const wrongTop = cli === 'lint' ? { code: 1 } : { code: 2 };
  // Over 6,144 characters, a policy gets the size finding (AWS refuses it), except in simulate.
  const oversized = cli === 'simulate' ? { code: 0 } : { code: 1 };
  const cases = [
    { name: 'a valid small policy (the baseline every other case departs from)', content: valid, expect: { code: 0 } },
    { name: 'an empty file', content: '', expect: { code: 2 } },
    { name: 'a file of whitespace and a byte order mark', content: '\ufeff  \n', expect: { code: 2 } },
    { name: 'text that is not JSON', content: 'hello, world', expect: { code: 2 } },
    { name: 'truncated JSON', content: valid.slice(0, Math.floor(valid.length / 2)), expect: { code: 2 } },
    { name: 'binary garbage', content: Buffer.from([0xff, 0xfe, 0x00, 0x01, 0x80, 0x7b]), expect: { code: 2 } },
    { name: 'a top-level array', content: '[1, 2]', expect: wrongTop },
    { name: 'a top-level string', content: '"text"', expect: wrongTop },
    { name: 'a top-level null', content: 'null', expect: wrongTop },
    // An empty one for lint, which reads the policy files of a folder: nothing to check is no pass.
    { name: 'a directory where a file is expected', content: { kind: 'dir' }, expect: { code: 2 } },
    { name: 'a missing file', content: { kind: 'missing' }, expect: { code: 2 } },
    { name: 'an unreadable file', content: { kind: 'unreadable', text: valid }, expect: { code: 2 } },
    {
      name: 'a policy given as a string that is not JSON',
      content: json(wrap('{"Version": "2012-10-17", "Statement": [')),
      expect: cli === 'tf-scan' ? { code: 1 } : cli === 'lint' ? { code: 1 } : { code: 2, pointer: at || undefined },
    },
    {
      name: 'numbers and objects where strings belong',
      content: doc([statement({ Action: 5, Resource: { arn: 'x' } })]),
      expect: cli === 'simulate' ? { code: 2, pointer: `${at}/Statement/0/Action` } : { code: 1 },
    },
    { name: 'an invalid resource ARN', content: doc([statement({ Resource: 'arn:aws:s3' })]), expect: cli === 'simulate' ? { code: 0 } : { code: 1 } },
    {
      // Fuzzer find: each occurrence was judged and reported, the value rebuilt each time (quadratic).
      name: 'a resource of 100,000 repeated policy variables',
      content: doc([statement({ Resource: '${x}'.repeat(100_000) })]),
      expect: cli === 'simulate' ? { code: [0, 2] } : { code: 1 },
    },
    {
      name: 'an unknown condition operator',
      content: doc([statement({ Condition: { StringFooBar: { 'aws:username': 'x' } } })]),
      expect: cli === 'simulate' ? { code: 0 } : { code: 1 },
    },
    {
      name: '__proto__ and constructor keys',
      content: withPolicyText(
        json(policy([statement()])).replace(
          '"Statement":[{',
          '"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":1}},"Statement":[{"__proto__":{"polluted":1},',
        ),
      ),
      expect: cli === 'simulate' ? { code: 2, pointer: `${at}/__proto__` } : { code: 1 },
    },
    { name: 'a 1,000-statement policy', content: doc(Array.from({ length: 1000 }, (_, i) => statement({ Sid: `S${i}` }))), expect: oversized },
    { name: '1,000-level nested JSON', content: json(wrap({ Version: '2012-10-17', Statement: 'X' })).replace('"X"', deepArray(1000)), expect: policyProblem },
    // Slow: run by scripts/hostile-slow.mjs.
    {
      name: 'a 100,000-statement policy',
      slow: true,
      content: doc(Array.from({ length: 100_000 }, (_, i) => statement({ Sid: `S${i}` }))),
      expect: oversized,
    },
    {
      // Each unknown action is compared with every action of its service for a did-you-mean.
      name: '20,000 distinct unknown actions of one service in one statement',
      slow: true,
      content: doc([statement({ Action: Array.from({ length: 20_000 }, (_, i) => `ec2:NoSuchAction${i}`) })]),
      expect: cli === 'simulate' ? { code: 0 } : { code: 1 },
    },
    { name: '10,000-level nested JSON (file level)', slow: true, content: deepArray(10_000), expect: wrongTop },
    {
      name: '10,000-level nested JSON (in the policy)',
      slow: true,
      content: json(wrap({ Version: '2012-10-17', Statement: 'X' })).replace('"X"', deepArray(10_000)),
      expect: policyProblem,
    },
    { name: '10,000-level unclosed JSON', slow: true, content: '{"a":'.repeat(10_000), expect: { code: 2 } },
    {
      name: 'a 10 MB resource string',
      slow: true,
      content: doc([statement({ Resource: `arn:aws:s3:::b/${'x'.repeat(10 * 1024 * 1024)}` })]),
      expect: oversized,
    },
    {
      name: 'a 10 MB action string',
      slow: true,
      content: doc([statement({ Action: `s3:${'G'.repeat(10 * 1024 * 1024)}` })]),
      expect: cli === 'simulate' ? { code: 0 } : { code: 1 },
    },
    { name: 'a 10 MB key', slow: true, content: `{"${'k'.repeat(10 * 1024 * 1024)}": 1}`, expect: cli === 'lint' ? { code: 1 } : { code: 2 } },
  ];
  if (cli === 'tf-scan') {
    cases.push(
      { name: 'a plan of an unknown major format version', content: json({ ...wrap(policy([statement()])), format_version: '2.0' }), expect: { code: 2, pointer: '/format_version' } },
      { name: 'a plan whose format_version is a number', content: json({ ...wrap(policy([statement()])), format_version: 1.2 }), expect: { code: 2, pointer: '/format_version' } },
      {
        name: 'a policy attribute that is a number',
        content: json(wrap(5)).replace('"policy":"5"', '"policy":5'),
        expect: { code: [1, 2] },
      },
      {
        // The plan schema types the attribute: a list where Terraform writes a string or an object is no plan.
        name: 'a policy attribute that is a 20,000-level nested array',
        content: json(wrap(5)).replace('"policy":"5"', `"policy":${deepArray(20_000)}`),
        expect: { code: 2, pointer: '/policy' },
      },
    );
  }
  if (cli === 'cdk-guard') {
    cases.push(
      { name: 'a template that is not CloudFormation', content: json({ hello: 'world' }), expect: { code: 2 } },
      {
        name: 'a template with a format version but no resources',
        content: json({ AWSTemplateFormatVersion: '2010-09-09', Description: 'x' }),
        expect: { code: 2 },
      },
      { name: 'a template whose Resources is an array', content: json({ Resources: [1] }), expect: { code: 2 } },
      {
        name: 'a resource without a Type',
        content: json({ Resources: { P: { Properties: {} } } }),
        expect: { code: 2, pointer: '/Resources/P' },
      },
      {
        // Fuzzer find: the search for `AWS::Include` snippets recursed without bound and overflowed the stack.
        name: 'a role property that is a 20,000-level nested array',
        content: json({
          Resources: {
            R: {
              Type: 'AWS::IAM::Role',
              Properties: { AssumeRolePolicyDocument: policy([{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }]), Tags: 'X' },
            },
          },
        }).replace('"X"', deepArray(20_000)),
        expect: { code: 0 },
      },
      {
        // Found by cfn9: past 32 levels the resolver cut the value short as an unknown resource, and `*` passed silently.
        name: 'a `Fn::Join` chain 100 deep around `*` (what CloudFormation deploys is `*`)',
        content: json(wrap(policy([statement({ Action: 'iam:PassRole', Resource: 'X' })]))).replace('"X"', () => nested(100, (v) => `{"Fn::Join":["",[${v}]]}`)),
        expect: { code: 1 },
      },
      {
        name: 'a `Fn::Sub` chain 10,000 deep',
        content: json(wrap(policy([statement({ Action: 'iam:PassRole', Resource: 'X' })]))).replace('"X"', () => nested(10_000, (v) => `{"Fn::Sub":["\${x}",{"x":${v}}]}`)),
        expect: { code: 2, pointer: `${at}/Statement/0/Resource/Fn::Sub/1/x/Fn::Sub` },
      },
      {
        name: 'a `Fn::Sub` with a mapping of 1,000 variables',
        content: json(
          wrap(
            policy([
              statement({
                Action: 'iam:PassRole',
                Resource: { 'Fn::Sub': ['*' + Array.from({ length: 1000 }, (_, i) => `\${v${i}}`).join(''), Object.fromEntries(Array.from({ length: 1000 }, (_, i) => [`v${i}`, '']))] },
              }),
            ]),
          ),
        ),
        expect: { code: 1 },
      },
      {
        name: 'a `Fn::Join` of 100,000 elements',
        content: json(wrap(policy([statement({ Action: 'iam:PassRole', Resource: { 'Fn::Join': ['', ['*', ...Array(100_000).fill('')]] } })]))),
        expect: { code: 1 },
      },
      {
        // YAML in a file named .json: read by its content. Merge keys were not read (exit 2: "no `Type`").
        name: 'YAML anchors, aliases and merge keys in resources and statements',
        content: [
          'Resources:',
          '  A: &base',
          '    Type: AWS::IAM::ManagedPolicy',
          '    Properties:',
          '      PolicyDocument:',
          '        Version: "2012-10-17"',
          '        Statement:',
          '          - &read {Effect: Allow, Action: s3:GetObject, Resource: "arn:aws:s3:::b/*"}',
          '  B:',
          '    <<: *base',
          '  C:',
          '    Type: AWS::IAM::ManagedPolicy',
          '    Properties:',
          '      PolicyDocument:',
          '        Version: "2012-10-17"',
          '        Statement:',
          '          - *read',
          '          - <<: *read',
          '            Action: iam:PassRole',
          '            Resource: "*"',
        ].join('\n'),
        expect: { code: 1 },
      },
      {
        name: 'YAML 1.1 booleans (`yes`, `on`) in `Effect` and a condition',
        content: [
          'Resources:',
          '  P:',
          '    Type: AWS::IAM::ManagedPolicy',
          '    Properties:',
          '      PolicyDocument:',
          '        Version: "2012-10-17"',
          '        Statement:',
          '          - {Effect: on, Action: s3:GetObject, Resource: "arn:aws:s3:::b/*", Condition: {Bool: {aws:SecureTransport: yes}}}',
        ].join('\n'),
        expect: { code: 1 },
      },
      {
        name: '10,000 resources (5,000 roles with a policy each)',
        slow: true,
        content: json({ Resources: manyRoles(5000) }),
        expect: { code: 1 },
      },
      {
        name: 'a 50 MB template',
        slow: true,
        content: json({ Metadata: { Notes: 'x'.repeat(50 * 1024 * 1024) }, Resources: manyRoles(100) }),
        expect: { code: 1 },
      },
    );
  }
  if (cli === 'simulate') {
    cases.push(
      { name: 'a case whose request is missing', content: json({ identityPolicies: [] }), expect: { code: 2, pointer: '/request' } },
      { name: 'a request principal that is a number', content: json({ ...wrap(policy([])), request: { principal: 5, action: 's3:GetObject', resource: '*' } }), expect: { code: 2, pointer: '/request/principal' } },
    );
  }
  return cases;
}

module.exports = { CLIS, casesFor };
