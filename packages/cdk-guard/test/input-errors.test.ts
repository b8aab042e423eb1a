/**
 * Templates and assemblies that once answered in a garbled line (found by scripts/fuzz-cli.mjs):
 * bad input ends in exit 2 and one line naming the file and the problem; odd but valid input
 * (UTF-16 with a byte order mark) gets a normal report.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fakeIo } from '../../core/test/helpers/fake-io';
import { main } from '../src/cli';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cdk-guard-input-errors-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

async function guard(files: Record<string, string | Buffer>, arg: string): Promise<{ code: number; stderr: string }> {
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  const io = fakeIo({ cwd: dir });
  const code = await main(['--format', 'json', arg], io);
  return { code, stderr: io.err };
}

const TEMPLATE = JSON.stringify({
  Resources: {
    Role: {
      Type: 'AWS::IAM::Role',
      Properties: {
        AssumeRolePolicyDocument: {
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
        },
      },
    },
  },
});
const MANIFEST = JSON.stringify({
  version: '36.0.0',
  artifacts: { App: { type: 'aws:cloudformation:stack', properties: { templateFile: 'App.template.json' } } },
});
/** A role whose `Policies` property is the YAML given, in a template where condition `Prod` is `prod`. */
const roleWithPolicies = (policies: string, prod = '!Equals [!Ref Env, prod]'): string =>
  [
    'Parameters:',
    '  Env: {Type: String}',
    'Conditions:',
    `  Prod: ${prod}`,
    '  Never: !Equals [a, b]',
    'Resources:',
    '  Role:',
    '    Type: AWS::IAM::Role',
    '    Properties:',
    '      AssumeRolePolicyDocument:',
    '        Statement: [{Effect: Allow, Principal: {Service: lambda.amazonaws.com}, Action: sts:AssumeRole}]',
    `      Policies: ${policies}`,
    '',
  ].join('\n');
const PASS_ROLE_POLICY =
  '{PolicyName: deploy, PolicyDocument: {Statement: [{Effect: Allow, Action: iam:PassRole, Resource: "*"}]}}';
/** A role granted iam:PassRole on `*` when condition `Prod` (the YAML given) holds. */
const passRoleWhen = (prod: string): string =>
  roleWithPolicies(`[!If [Prod, ${PASS_ROLE_POLICY}, !Ref AWS::NoValue]]`, prod);

const withBom = (bytes: number[], body: Buffer): Buffer => Buffer.concat([Buffer.from(bytes), body]);
const utf16le = (text: string): Buffer => withBom([0xff, 0xfe], Buffer.from(text, 'utf16le'));
const utf16be = (text: string): Buffer => withBom([0xfe, 0xff], Buffer.from(text, 'utf16le').swap16());
const notUtf8 = (text: string, at: number): Buffer =>
  Buffer.concat([Buffer.from(text.slice(0, at)), Buffer.from([0xc3, 0x28]), Buffer.from(text.slice(at))]);

const errors: [string, Record<string, string | Buffer>, string, string][] = [
  [
    'a template with a byte that is not UTF-8 is refused with its place',
    { 'bad.json': notUtf8(TEMPLATE, 30) },
    'bad.json',
    'bad.json: not UTF-8 text: invalid byte 0xC3 at line 1, column 31 (save the file as UTF-8)',
  ],
  [
    'a JSON syntax error in a template gives its line, column and what was found',
    { 'syntax.json': '{\n  "Resources": {,}\n}' },
    'syntax.json',
    'syntax.json: invalid JSON at line 2, column 17: expected a property name, found `,`',
  ],
  [
    'a manifest that is not JSON is named with its line and column',
    { 'broken.out/manifest.json': '{"artifacts": ', 'broken.out/App.template.json': TEMPLATE },
    'broken.out',
    'broken.out/manifest.json: cloud assembly manifest: invalid JSON at line 1, column 14: unexpected end of input',
  ],
  [
    'a stack template of an assembly that is not UTF-8 is refused with its place',
    { 'stack.out/manifest.json': MANIFEST, 'stack.out/App.template.json': notUtf8(TEMPLATE, 12) },
    'stack.out',
    'stack.out/App.template.json: not UTF-8 text: invalid byte 0xC3 at line 1, column 13 (save the file as UTF-8)',
  ],
  [
    'an assembly without a stack is an input error, not a clean pass',
    {
      'empty.out/manifest.json': JSON.stringify({
        version: '36.0.0',
        artifacts: { Tree: { type: 'cdk:tree', properties: { file: 'tree.json' } } },
      }),
    },
    'empty.out',
    'empty.out/manifest.json: /artifacts: the cloud assembly has no stack: no artifact of type `aws:cloudformation:stack`',
  ],
  [
    'a stack artifact without its template file is named, not skipped',
    {
      'no-template.out/manifest.json': JSON.stringify({
        version: '36.0.0',
        artifacts: { 'App/Stack': { type: 'aws:cloudformation:stack', properties: { templateFile: ['App.json'] } } },
      }),
    },
    'no-template.out',
    'no-template.out/manifest.json: /artifacts/App~1Stack/properties/templateFile: artifact `App/Stack` has no `templateFile` (a string)',
  ],
  [
    'a role whose Properties are a function call is an input error, not a role without policies',
    { 'split.yaml': 'Resources:\n  Role:\n    Type: AWS::IAM::Role\n    Properties: !Split [",", !Ref List]\n' },
    'split.yaml',
    'split.yaml: /Resources/Role/Properties: `Properties` of resource `Role` must be an object, found the function `Fn::Split`',
  ],
  [
    'Properties given as a list are an input error',
    { 'list.json': JSON.stringify({ Resources: { Policy: { Type: 'AWS::IAM::ManagedPolicy', Properties: [] } } }) },
    'list.json',
    'list.json: /Resources/Policy/Properties: `Properties` of resource `Policy` must be an object, found an array',
  ],
  [
    'inline policies given as a string are an input error, not a role without policies',
    { 'string-policies.yaml': roleWithPolicies('Allow') },
    'string-policies.yaml',
    'string-policies.yaml: /Resources/Role/Properties/Policies: resource `Role`: `Policies` must be a list of policies, found a string',
  ],
  [
    'an inline policy that is not an object is an input error',
    { 'number-policy.yaml': roleWithPolicies('[42]') },
    'number-policy.yaml',
    'number-policy.yaml: /Resources/Role/Properties/Policies/0: resource `Role`: an inline policy must be an object with `PolicyName` and `PolicyDocument`, found a number',
  ],
  [
    'a stack whose template is missing is named in the manifest',
    { 'missing.out/manifest.json': MANIFEST },
    'missing.out',
    'missing.out/manifest.json: /artifacts/App/properties/templateFile: template `App.template.json` of stack `App` cannot be read: no such file',
  ],
  [
    'a template name of 70,000 characters is cut short in the message, not echoed whole',
    {
      'long.out/manifest.json': JSON.stringify({
        artifacts: { App: { type: 'aws:cloudformation:stack', properties: { templateFile: 'A'.repeat(70000) } } },
      }),
    },
    'long.out',
    `long.out/manifest.json: /artifacts/App/properties/templateFile: template \`${'A'.repeat(117)}...\` of stack \`App\` cannot be read`,
  ],
  [
    'a resource policy document written as a number is an input error naming what it found, not a finding',
    {
      'number-document.yaml':
        'Resources:\n  Queue: {Type: AWS::SQS::Queue}\n  QueuePolicy:\n    Type: AWS::SQS::QueuePolicy\n    Properties:\n      Queues: [!Ref Queue]\n      PolicyDocument: 42\n',
    },
    'number-document.yaml',
    'number-document.yaml: /Resources/QueuePolicy/Properties/PolicyDocument: a policy document must be an object with `Version` and `Statement`, found number `42`',
  ],
  [
    'statements written straight under PolicyDocument are told to go under Statement',
    {
      'statement-list.yaml':
        'Resources:\n  BucketPolicy:\n    Type: AWS::S3::BucketPolicy\n    Properties:\n      Bucket: site\n      PolicyDocument:\n        - {Effect: Allow, Principal: "*", Action: s3:GetObject, Resource: "arn:aws:s3:::site/*"}\n',
    },
    'statement-list.yaml',
    'statement-list.yaml: /Resources/BucketPolicy/Properties/PolicyDocument: a policy document must be an object with `Version` and `Statement`, found a list of 1 statement: put them under `Statement`',
  ],
  [
    'an OpenSearch Serverless data access policy of JSON that is no entry says what one is',
    {
      'collection-number.yaml':
        "Resources:\n  Access:\n    Type: AWS::OpenSearchServerless::AccessPolicy\n    Properties: {Name: a, Type: data, Policy: '42'}\n",
    },
    'collection-number.yaml',
    'collection-number.yaml: /Resources/Access/Properties/Policy: resource `Access`: an OpenSearch Serverless data access policy must be a list of entries, each with `Rules` and `Principal`, found number `42`',
  ],
  [
    'an `Fn::If` of two arguments is an input error, not an unverifiable value',
    { 'malformed-if.yaml': roleWithPolicies(`[!If [Prod, ${PASS_ROLE_POLICY}]]`) },
    'malformed-if.yaml',
    'malformed-if.yaml: /Resources/Role/Properties/Policies/0/Fn::If: `Fn::If` takes a list of three: a condition name, the value when it holds and the value when it does not, not `["Prod",{"PolicyName":"deploy","PolicyDocument":{"Stateme...`',
  ],
  [
    'an `Fn::If` whose condition name is not a string is an input error',
    { 'number-if.yaml': roleWithPolicies(`[!If [42, ${PASS_ROLE_POLICY}, !Ref AWS::NoValue]]`) },
    'number-if.yaml',
    'number-if.yaml: /Resources/Role/Properties/Policies/0/Fn::If: `Fn::If` takes a list of three: a condition name, the value when it holds and the value when it does not, not `[42,{"PolicyName":"deploy","PolicyDocument":{"Statement":...`',
  ],
  [
    'an `Fn::If` on a condition the template does not define is an input error',
    { 'undefined-if.yaml': roleWithPolicies(`[!If [Staging, ${PASS_ROLE_POLICY}, !Ref AWS::NoValue]]`) },
    'undefined-if.yaml',
    'undefined-if.yaml: /Resources/Role/Properties/Policies/0/Fn::If/0: condition `Staging` is not defined in `Conditions`',
  ],
  [
    'a `Fn::GetAtt` without an attribute is an input error',
    { 'getatt.yaml': roleWithPolicies('[{PolicyName: !GetAtt Role, PolicyDocument: {}}]') },
    'getatt.yaml',
    'getatt.yaml: /Resources/Role/Properties/Policies/0/PolicyName/Fn::GetAtt: `Fn::GetAtt` takes a logical id and an attribute (`[Name, Attribute]` or `Name.Attribute`), not `["Role"]`',
  ],
  [
    'a `Fn::Join` without its list is an input error',
    { 'join.yaml': roleWithPolicies('[{PolicyName: !Join ["-"], PolicyDocument: {}}]') },
    'join.yaml',
    'join.yaml: /Resources/Role/Properties/Policies/0/PolicyName/Fn::Join: `Fn::Join` takes a list of two: a delimiter and the list to join, not `["-"]`',
  ],
  [
    'a `Fn::Select` whose index is no number is an input error',
    { 'select.yaml': roleWithPolicies('[{PolicyName: !Select [first, [a]], PolicyDocument: {}}]') },
    'select.yaml',
    'select.yaml: /Resources/Role/Properties/Policies/0/PolicyName/Fn::Select: `Fn::Select` takes a list of two: an index (0 or more) and a list, not `["first",["a"]]`',
  ],
  [
    'a `Fn::Select` of a negative index is an input error',
    { 'select-negative.yaml': roleWithPolicies('[{PolicyName: !Select [-1, [a]], PolicyDocument: {}}]') },
    'select-negative.yaml',
    'select-negative.yaml: /Resources/Role/Properties/Policies/0/PolicyName/Fn::Select: `Fn::Select` takes a list of two: an index (0 or more) and a list, not `[-1,["a"]]`',
  ],
  [
    'a `Fn::GetAtt` of an empty attribute is an input error, not an attribute the type lacks',
    { 'getatt-empty.yaml': roleWithPolicies('[{PolicyName: !GetAtt [Role, ""], PolicyDocument: {}}]') },
    'getatt-empty.yaml',
    'getatt-empty.yaml: /Resources/Role/Properties/Policies/0/PolicyName/Fn::GetAtt: `Fn::GetAtt` takes a logical id and an attribute (`[Name, Attribute]` or `Name.Attribute`), not `["Role",""]`',
  ],
  [
    'a `Ref` of a function without `AWS::LanguageExtensions` is an input error',
    { 'ref-sub.yaml': roleWithPolicies('[{PolicyName: !Ref {"Fn::Sub": Env}, PolicyDocument: {}}]') },
    'ref-sub.yaml',
    'ref-sub.yaml: /Resources/Role/Properties/Policies/0/PolicyName/Ref: `Ref` takes the name of a parameter or resource, not `{"Fn::Sub":"Env"}`',
  ],
  [
    'a `Fn::Sub` whose variables are no map is an input error',
    { 'sub.yaml': roleWithPolicies('[{PolicyName: !Sub ["${X}", [X]], PolicyDocument: {}}]') },
    'sub.yaml',
    'sub.yaml: /Resources/Role/Properties/Policies/0/PolicyName/Fn::Sub: `Fn::Sub` takes a text, or a list of a text and a map of its variables, not `["${X}",["X"]]`',
  ],
  [
    'a `Fn::Split` without its text is an input error',
    { 'split.yaml': roleWithPolicies('[{PolicyName: !Select [0, !Split [","]], PolicyDocument: {}}]') },
    'split.yaml',
    'split.yaml: /Resources/Role/Properties/Policies/0/PolicyName/Fn::Select/1/Fn::Split: `Fn::Split` takes a list of two: a delimiter and a text, not `[","]`',
  ],
  [
    'a `Fn::FindInMap` without its second-level key is an input error',
    { 'findinmap.yaml': roleWithPolicies('[{PolicyName: !FindInMap [Names, prod], PolicyDocument: {}}]') },
    'findinmap.yaml',
    'findinmap.yaml: /Resources/Role/Properties/Policies/0/PolicyName/Fn::FindInMap: `Fn::FindInMap` takes a list of a map name, a top-level key and a second-level key (and, with `AWS::LanguageExtensions`, a default), not `["Names","prod"]`',
  ],
  [
    'a `Fn::Cidr` without the bits of each block is an input error',
    { 'cidr.yaml': roleWithPolicies('[{PolicyName: !Select [0, !Cidr [10.0.0.0/16, 2]], PolicyDocument: {}}]') },
    'cidr.yaml',
    'cidr.yaml: /Resources/Role/Properties/Policies/0/PolicyName/Fn::Select/1/Fn::Cidr: `Fn::Cidr` takes a list of three: an address block, a count and the bits of each, not `["10.0.0.0/16",2]`',
  ],
  [
    'a condition `Fn::Equals` of one value is an input error, not a condition that may hold',
    { 'equals-one.yaml': passRoleWhen('!Equals [!Ref Env]') },
    'equals-one.yaml',
    'equals-one.yaml: /Conditions/Prod/Fn::Equals: `Fn::Equals` takes a list of the two values it compares, not `[{"Ref":"Env"}]`',
  ],
  [
    'a condition `Fn::Equals` of a text is an input error',
    { 'equals-text.yaml': passRoleWhen('{"Fn::Equals": prod}') },
    'equals-text.yaml',
    'equals-text.yaml: /Conditions/Prod/Fn::Equals: `Fn::Equals` takes a list of the two values it compares, not `"prod"`',
  ],
  [
    'a condition `Fn::And` of one condition is an input error',
    { 'and-one.yaml': passRoleWhen('!And [!Equals [!Ref Env, prod]]') },
    'and-one.yaml',
    'and-one.yaml: /Conditions/Prod/Fn::And: `Fn::And` takes a list of 2 to 10 conditions, not `[{"Fn::Equals":[{"Ref":"Env"},"prod"]}]`',
  ],
  [
    'a condition `Fn::Or` of eleven conditions is an input error',
    { 'or-eleven.yaml': passRoleWhen(`!Or [${Array.from({ length: 11 }, () => '!Condition Never').join(', ')}]`) },
    'or-eleven.yaml',
    'or-eleven.yaml: /Conditions/Prod/Fn::Or: `Fn::Or` takes a list of 2 to 10 conditions, not `[{"Condition":"Never"},{"Condition":"Never"},{"Condition"...`',
  ],
  [
    'a condition `Fn::Not` of two conditions is an input error',
    { 'not-two.yaml': passRoleWhen('!Not [!Equals [!Ref Env, prod], !Condition Never]') },
    'not-two.yaml',
    'not-two.yaml: /Conditions/Prod/Fn::Not: `Fn::Not` takes a list of one condition, not `[{"Fn::Equals":[{"Ref":"Env"},"prod"]},{"Condition":"Neve...`',
  ],
  [
    'a rule assertion `Fn::Equals` of one value is an input error',
    {
      'rule.yaml': [
        roleWithPolicies(`[${PASS_ROLE_POLICY}]`),
        'Rules:',
        '  ProdOnly:',
        '    Assertions: [{Assert: !Equals [!Ref Env]}]',
        '',
      ].join('\n'),
    },
    'rule.yaml',
    'rule.yaml: /Rules/ProdOnly/Assertions/0/Assert/Fn::Equals: `Fn::Equals` takes a list of the two values it compares, not `[{"Ref":"Env"}]`',
  ],
];

const readable: [string, Record<string, string | Buffer>, string][] = [
  ['a UTF-16 little-endian template (PowerShell)', { 'le.json': utf16le(TEMPLATE) }, 'le.json'],
  ['a UTF-16 big-endian template', { 'be.json': utf16be(TEMPLATE) }, 'be.json'],
  ['a UTF-16 YAML template', { 'le.yaml': utf16le('Resources:\n  Queue:\n    Type: AWS::SQS::Queue\n') }, 'le.yaml'],
  [
    'an assembly with a UTF-16 manifest and a UTF-8 template with a byte order mark',
    {
      'mixed.out/manifest.json': utf16le(MANIFEST),
      'mixed.out/App.template.json': withBom([0xef, 0xbb, 0xbf], Buffer.from(TEMPLATE)),
    },
    'mixed.out',
  ],
  [
    // A type that is only `constructor` is not of the form of a resource type: an input error (extract.test.ts).
    'resource types and attributes named like Object members (`Custom::constructor`, `toString`)',
    {
      'proto.json': JSON.stringify({
        Transform: 'AWS::Serverless-2016-10-31',
        Resources: {
          X: { Type: 'Custom::constructor', Properties: {} },
          Y: { Type: 'Custom::toString' },
          Fn: { Type: 'AWS::Serverless::Function', Properties: { Role: { 'Fn::GetAtt': ['X', 'constructor'] } } },
        },
      }),
    },
    'proto.json',
  ],
  [
    'intrinsics in each form CloudFormation accepts (`Name.Attribute`, an index given by `Ref`, a mapping default)',
    {
      'forms.yaml': [
        'Transform: AWS::LanguageExtensions',
        'Parameters:',
        '  Index: {Type: Number, Default: 0}',
        'Mappings:',
        '  Names: {prod: {role: app}}',
        'Resources:',
        '  Role:',
        '    Type: AWS::IAM::Role',
        '    Properties:',
        '      RoleName: !FindInMap [Names, staging, role, {DefaultValue: app}]',
        '      AssumeRolePolicyDocument:',
        '        Statement: [{Effect: Allow, Principal: {Service: lambda.amazonaws.com}, Action: sts:AssumeRole}]',
        '      Policies:',
        '        - PolicyName: !Select [!Ref Index, [read, write]]',
        '          PolicyDocument:',
        '            Statement:',
        '              - Effect: Allow',
        '                Action: sqs:SendMessage',
        '                Resource: [{"Fn::GetAtt": "Queue.Arn"}, !GetAtt [Queue, Arn], !Sub ["${Q}", {Q: !GetAtt Queue.Arn}]]',
        '  Queue: {Type: AWS::SQS::Queue}',
        '',
      ].join('\n'),
    },
    'forms.yaml',
  ],
];

/** Inline policies chosen by a condition: each branch is checked, none passes unseen. */
const conditional: [string, string][] = [
  ['the list of inline policies chosen by `Fn::If`', `!If [Prod, [${PASS_ROLE_POLICY}], !Ref AWS::NoValue]`],
  ['one inline policy chosen by `Fn::If`', `[!If [Prod, ${PASS_ROLE_POLICY}, !Ref AWS::NoValue]]`],
  [
    'an inline policy in the false branch of a nested `Fn::If`',
    `!If [Prod, [], !If [Prod, !Ref AWS::NoValue, [${PASS_ROLE_POLICY}]]]`,
  ],
];

describe('cdk-guard input errors', () => {
  test('a branch the template rules out is not checked', async () => {
    const { code } = await guard(
      { 'never.yaml': roleWithPolicies(`!If [Never, [${PASS_ROLE_POLICY}], !Ref AWS::NoValue]`) },
      'never.yaml',
    );
    expect(code).toBe(0);
  });

  test.each(conditional)('checks %s', async (_name, policies) => {
    writeFileSync(join(dir, 'conditional.yaml'), roleWithPolicies(policies));
    const io = fakeIo({ cwd: dir });
    expect(await main(['--format', 'json', 'conditional.yaml'], io)).toBe(1);
    const report = JSON.parse(io.out) as { findings: { ruleId: string }[] };
    expect(report.findings.map((f) => f.ruleId)).toContain('privilege-escalation/pass-role-wildcard');
  });

  test.each(errors)('%s', async (_name, files, arg, line) => {
    const { code, stderr } = await guard(files, arg);
    expect(code).toBe(2);
    expect(stderr).toBe(`${line}\n`);
  });

  test('a policy document missing or not JSON is one input error each, not also an unchecked-policy finding', async () => {
    const template = JSON.stringify({
      Resources: {
        ...(JSON.parse(TEMPLATE) as { Resources: object }).Resources,
        Missing: { Type: 'AWS::IAM::Policy', Properties: { PolicyName: 'missing', Roles: [{ Ref: 'Role' }] } },
        NotJson: {
          Type: 'AWS::IAM::Policy',
          Properties: { PolicyName: 'garbled', Roles: [{ Ref: 'Role' }], PolicyDocument: '{"Statement": [' },
        },
      },
    });
    writeFileSync(join(dir, 'documents.json'), template);
    const io = fakeIo({ cwd: dir });
    expect(await main(['--format', 'json', 'documents.json'], io)).toBe(2);
    const report = JSON.parse(io.out) as { findings: unknown[]; errors: { pointer?: string }[] };
    expect(report.errors.map((e) => e.pointer)).toEqual([
      '/Resources/Missing/Properties/PolicyDocument',
      '/Resources/NotJson/Properties/PolicyDocument',
    ]);
    expect(report.findings).toEqual([]);
  });

  test('an OpenSearch Serverless data access policy missing or not JSON is an input error at its `Policy`', async () => {
    const access = (policy: object): object => ({
      Type: 'AWS::OpenSearchServerless::AccessPolicy',
      Properties: { Name: 'readers', Type: 'data', ...policy },
    });
    const template = JSON.stringify({
      Resources: { Missing: access({}), NotJson: access({ Policy: '[{"Rules": [' }) },
    });
    writeFileSync(join(dir, 'access.json'), template);
    const io = fakeIo({ cwd: dir });
    expect(await main(['--format', 'json', 'access.json'], io)).toBe(2);
    const report = JSON.parse(io.out) as { findings: unknown[]; errors: { pointer?: string }[] };
    expect(report.errors.map((e) => e.pointer)).toEqual([
      '/Resources/Missing/Properties/Policy',
      '/Resources/NotJson/Properties/Policy',
    ]);
    expect(report.findings).toEqual([]);
  });

  test('reads a template on standard input (`-`), named <stdin>', async () => {
    const io = fakeIo({ cwd: dir, stdin: roleWithPolicies(`[${PASS_ROLE_POLICY}]`) });
    expect(await main(['--format', 'json', '-'], io)).toBe(1);
    const report = JSON.parse(io.out) as { findings: { ruleId: string; location: { file?: string } }[] };
    expect(report.findings.map((f) => [f.ruleId, f.location.file])).toContainEqual([
      'privilege-escalation/pass-role-wildcard',
      '<stdin>',
    ]);
  });

  test('reads a template on standard input in UTF-16 with a byte order mark, as it reads such a file', async () => {
    const text = roleWithPolicies(`[${PASS_ROLE_POLICY}]`);
    const stdin = Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]);
    const io = fakeIo({ cwd: dir, stdin });
    expect(await main(['--format', 'json', '-'], io)).toBe(1);
    expect(io.err).toBe('');
    const report = JSON.parse(io.out) as { findings: { ruleId: string }[] };
    expect(report.findings.map((f) => f.ruleId)).toContain('privilege-escalation/pass-role-wildcard');
  });

  test('an empty standard input is one line and exit 2', async () => {
    const io = fakeIo({ cwd: dir, stdin: '' });
    expect(await main(['-'], io)).toBe(2);
    expect(io.err).toBe('<stdin>: is empty, expected a CloudFormation template\n');
  });

  test.each(readable)('reads %s', async (_name, files, arg) => {
    const { code, stderr } = await guard(files, arg);
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });
});

describe('transforms the guard does not read', () => {
  const findings = async (transform: unknown): Promise<[string, string | undefined, string][]> => {
    const template = { Transform: transform, Resources: { Topic: { Type: 'AWS::SNS::Topic' } } };
    writeFileSync(join(dir, 'macro.json'), JSON.stringify(template));
    const io = fakeIo({ cwd: dir });
    await main(['--format', 'json', 'macro.json'], io);
    const report = JSON.parse(io.out) as {
      findings: { ruleId: string; message: string; location: { pointer?: string } }[];
    };
    return report.findings.map((f) => [f.ruleId, f.location.pointer, f.message]);
  };

  // A macro may add roles and policies at deploy: what it makes is reported unchecked, never passed.
  it.each([
    ['a macro by name', 'AcmeTagger', 'AcmeTagger'],
    [
      'AWS::Include beside SAM',
      ['AWS::Serverless-2016-10-31', { Name: 'AWS::Include', Parameters: {} }],
      'AWS::Include',
    ],
  ])('%s is reported as not checked', async (_name, transform, macro) => {
    const found = await findings(transform);
    expect(found).toHaveLength(1);
    expect(found[0]?.slice(0, 2)).toEqual(['unverifiable/unresolved-policy', '/Transform']);
    expect(found[0]?.[2]).toContain(`the template's transform \`${macro}\` rewrites it at deploy`);
  });

  it("the transforms it reads (SAM, language extensions) and AWS's own fixed ones are no finding", async () => {
    expect(await findings(['AWS::LanguageExtensions', 'AWS::Serverless-2016-10-31'])).toEqual([]);
    expect(await findings('AWS::SecretsManager-2020-07-23')).toEqual([]);
    expect(await findings('AWS::SecretsManager-2024-09-16')).toEqual([]);
  });
});
