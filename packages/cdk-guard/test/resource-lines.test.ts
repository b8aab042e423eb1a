/**
 * The line of each resource of a template file: the line of its key under `Resources`, found in
 * the text of YAML (block and flow style, comments, anchors, quoted keys) and JSON (pretty or
 * minified, keys with escapes, braces and quotes inside strings), and carried to the locations of
 * findings (`location.declared`) for templates read from files; not for a stack set's
 * `TemplateBody`, whose lines are not the file's.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { extractStacks } from '../src/extract/extract';
import { loadInputs } from '../src/template/cloud-assembly';
import { parseTemplate } from '../src/template/read-template';

/** The 1-based line of the `nth` line of `text` that contains `needle` (the expectation, read from the text). */
function lineOf(text: string, needle: string, nth = 1): number {
  let seen = 0;
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) if ((lines[i] as string).includes(needle) && ++seen === nth) return i + 1;
  throw new Error(`no line ${nth} with ${needle}`);
}

function linesOf(text: string): Record<string, number> {
  const parsed = parseTemplate('t', text);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return Object.fromEntries(parsed.lines);
}

const YAML_BLOCK = `# Resources:
#   Role: a comment that looks like a key
AWSTemplateFormatVersion: '2010-09-09'
Description: "Resources: {Decoy: 1}"
Metadata:
  Shared: &path /app/
Resources:

  # the role of the app
  Role:   # trailing comment
    Type: AWS::IAM::Role
    Properties:
      Path: *path
      AssumeRolePolicyDocument: { Statement: [] }
  "Quoted":
    Type: AWS::SQS::Queue
  'Single':
    Type: AWS::SNS::Topic
  Copy: &body
    Type: AWS::S3::Bucket
  Alias: *body
Outputs:
  Role: { Value: !Ref Role }
`;

const YAML_FLOW = `Resources: { Queue: { Type: 'AWS::SQS::Queue' },
  Topic: { Type: 'AWS::SNS::Topic' },
  "Bucket": { Type: 'AWS::S3::Bucket' } }
`;

const YAML_ALIASED = `Metadata:
  Kept: &resources
    Queue:
      Type: AWS::SQS::Queue
Resources: *resources
`;

const YAML_PASTED_JSON = `Resources:
  Policy:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument: {
        "Statement": [{
          "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"
        }]
      }
  Queue:
    Type: AWS::SQS::Queue
`;

const YAML_DUPLICATE = `Resources:
  Queue:
    Type: AWS::SNS::Topic
  Queue:
    Type: AWS::SQS::Queue
`;

const JSON_PRETTY = `{
  "Description": "a \\"Resources\\": { \\"Decoy\\": {} } in a string\\n",
  "Metadata": { "Resources": { "Nested": { "Type": "x" } } },
  "Resources": {
    "Role": {
      "Type": "AWS::IAM::Role",
      "Properties": { "Path": "/{braces}/[brackets]/", "Tags": [{ "Key": "q\\"", "Value": "\\\\" }] }
    },
    "Bu\\u0063ket"
      : { "Type": "AWS::S3::Bucket" },
    "Queue": {"Type": "AWS::SQS::Queue"}
  },
  "Outputs": { "Role": { "Value": { "Ref": "Role" } } }
}
`;

const JSON_MINIFIED =
  '{"Metadata":{"Resources":{"Nested":{}}},"Resources":{"Role":{"Type":"AWS::IAM::Role","Properties":{"Path":"/a\\n/"}},"Topic\\u0031":{"Type":"AWS::SNS::Topic"}}}';

const JSON_DUPLICATE = `{
  "Resources": { "Stale": { "Type": "AWS::SNS::Topic" } },
  "Resources": {
    "Queue": { "Type": "AWS::SNS::Topic" },
    "Queue": { "Type": "AWS::SQS::Queue" }
  }
}
`;

const FOR_EACH = `Transform: AWS::LanguageExtensions
Resources:
  Fn::ForEach::Queues:
    - Name
    - [Orders, Payments]
    - \${Name}Queue:
        Type: AWS::SQS::Queue
  Topic:
    Type: AWS::SNS::Topic
`;

describe('the line of each resource key under `Resources`', () => {
  it.each<[string, string, Record<string, number>]>([
    [
      'YAML block style: comments, a decoy in a string, quoted keys, an anchored body and its alias',
      YAML_BLOCK,
      {
        Role: lineOf(YAML_BLOCK, '  Role:   #'),
        Quoted: lineOf(YAML_BLOCK, '"Quoted":'),
        Single: lineOf(YAML_BLOCK, "'Single':"),
        Copy: lineOf(YAML_BLOCK, 'Copy: &body'),
        Alias: lineOf(YAML_BLOCK, 'Alias: *body'),
      },
    ],
    [
      'YAML flow style over several lines',
      YAML_FLOW,
      { Queue: lineOf(YAML_FLOW, 'Queue:'), Topic: lineOf(YAML_FLOW, 'Topic:'), Bucket: lineOf(YAML_FLOW, 'Bucket') },
    ],
    ['a `Resources` mapping reached through an alias: where its keys are written', YAML_ALIASED, { Queue: 3 }],
    [
      'YAML with JSON pasted in, its closers at the key’s indentation (read one space deeper)',
      YAML_PASTED_JSON,
      { Policy: lineOf(YAML_PASTED_JSON, 'Policy:'), Queue: lineOf(YAML_PASTED_JSON, 'Queue:') },
    ],
    ['a YAML key written twice: the last one, the one parsed', YAML_DUPLICATE, { Queue: 4 }],
    [
      'pretty JSON: strings with braces, quotes and escapes, a nested `Resources`, a key with a unicode escape',
      JSON_PRETTY,
      {
        Role: lineOf(JSON_PRETTY, '"Role": {'),
        Bucket: lineOf(JSON_PRETTY, '"Bu\\u0063ket"'),
        Queue: lineOf(JSON_PRETTY, '"Queue":'),
      },
    ],
    ['minified JSON: one line for all, nothing from the nested `Resources`', JSON_MINIFIED, { Role: 1, Topic1: 1 }],
    [
      'JSON keys written twice: the last `Resources` and the last key, as JSON.parse keeps them',
      JSON_DUPLICATE,
      { Queue: lineOf(JSON_DUPLICATE, '"Queue"', 2) },
    ],
    [
      'JSON with CRLF line ends and a byte order mark',
      '\uFEFF{\r\n  "Resources": {\r\n    "Topic": { "Type": "AWS::SNS::Topic" }\r\n  }\r\n}\r\n',
      { Topic: 3 },
    ],
    [
      'resources a `Fn::ForEach` loop makes: the line of the loop',
      FOR_EACH,
      {
        OrdersQueue: lineOf(FOR_EACH, 'Fn::ForEach::Queues'),
        PaymentsQueue: lineOf(FOR_EACH, 'Fn::ForEach::Queues'),
        Topic: lineOf(FOR_EACH, 'Topic:'),
      },
    ],
  ])('%s', (_name, text, expected) => {
    expect(linesOf(text)).toEqual(expected);
  });
});

it('the JSON scan is one walk: a template of 20,000 resources is read in seconds, not minutes', () => {
  const resources: Record<string, unknown> = {};
  for (let i = 0; i < 20_000; i++)
    resources[`Queue${i}`] = { Type: 'AWS::SQS::Queue', Properties: { QueueName: `queue-${i}`, Tags: [] } };
  const text = JSON.stringify({ Description: 'a \\ b', Resources: resources }, undefined, 1);
  const started = process.hrtime.bigint();
  const lines = linesOf(text);
  const elapsed = Number(process.hrtime.bigint() - started) / 1e6;
  expect(Object.keys(lines)).toHaveLength(20_000);
  expect(lines['Queue19999']).toBe(lineOf(text, '"Queue19999"'));
  // A scan that looks back over the text for each string takes minutes here; one walk takes a
  // fraction of a second. The bound leaves room for a loaded CI machine: it tells the two apart,
  // it does not measure speed (bench/cdk.mjs does).
  expect(elapsed).toBeLessThan(20_000);
});

describe('findings on template files name the line of their resource', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'cdk-guard-lines-'));
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  const ROLE = `    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement: [{ Effect: Allow, Principal: { Service: ec2.amazonaws.com }, Action: sts:AssumeRole }]
      Policies:
        - PolicyName: all
          PolicyDocument:
            Statement: [{ Effect: Allow, Action: 'iam:PassRole', Resource: '*' }]
`;
  const CHILD = `Resources:\n  Queue:\n    Type: AWS::SQS::Queue\n  ChildRole:\n${ROLE}`;
  const BODY = JSON.stringify({ Resources: { SetRole: { Type: 'AWS::IAM::Role', Properties: {} } } });
  const PARENT = `Resources:
  Child:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: ./child.yaml
  Members:
    Type: AWS::CloudFormation::StackSet
    Properties:
      StackSetName: members
      PermissionModel: SELF_MANAGED
      TemplateBody: '${BODY}'
  ParentRole:
${ROLE}`;

  async function locations(): Promise<Record<string, unknown>> {
    writeFileSync(join(dir, 'child.yaml'), CHILD);
    writeFileSync(join(dir, 'parent.yaml'), PARENT);
    const { stacks, errors } = await loadInputs(['parent.yaml'], dir);
    expect(errors).toEqual([]);
    const input = extractStacks(stacks);
    return Object.fromEntries(input.principals.map((p) => [p.location.logicalId ?? '', p.location.declared ?? 'none']));
  }

  it('a resource of the template, of a local nested template in its own file, not of a stack set body', async () => {
    expect(await locations()).toEqual({
      ParentRole: { file: 'parent.yaml', line: lineOf(PARENT, 'ParentRole:') },
      ChildRole: { file: 'child.yaml', line: lineOf(CHILD, 'ChildRole:') },
      SetRole: 'none',
    });
  });

  it("what the SAM transform makes (a function's role, an embedded connector's policy) is on the line of what makes it", async () => {
    const sam = `Transform: AWS::Serverless-2016-10-31
Resources:
  Orders:
    Type: AWS::DynamoDB::Table
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: index.handler
      InlineCode: 'def handler(e, c): pass'
      Policies:
        - Statement: [{ Effect: Allow, Action: 'iam:PassRole', Resource: '*' }]
    Connectors:
      ToOrders:
        Properties:
          Destination: { Id: Orders }
          Permissions: [Read]
`;
    writeFileSync(join(dir, 'sam.yaml'), sam);
    const { stacks, errors } = await loadInputs(['sam.yaml'], dir);
    expect(errors).toEqual([]);
    const input = extractStacks(stacks);
    const fn = { file: 'sam.yaml', line: lineOf(sam, '  Fn:') };
    expect(input.principals.map((p) => [p.location.logicalId, p.location.declared])).toEqual([['FnRole', fn]]);
    const attached = input.principals.flatMap((p) => p.policies.map((a) => a.policy?.location));
    const connector = attached.find((l) => l?.logicalId === 'FnToOrdersPolicy');
    expect(connector?.declared).toEqual(fn);
  });

  it('templates of a cloud assembly: the template file in the assembly', async () => {
    const out = join(dir, 'cdk.out');
    mkdirSync(out);
    const template = JSON.stringify(
      { Resources: { Bucket: { Type: 'AWS::S3::Bucket' }, AppRole: { Type: 'AWS::IAM::Role', Properties: {} } } },
      undefined,
      1,
    );
    writeFileSync(join(out, 'App.template.json'), template);
    writeFileSync(
      join(out, 'manifest.json'),
      JSON.stringify({
        version: '36.0.0',
        artifacts: { App: { type: 'aws:cloudformation:stack', properties: { templateFile: 'App.template.json' } } },
      }),
    );
    const { stacks, errors } = await loadInputs(['cdk.out'], dir);
    expect(errors).toEqual([]);
    const role = extractStacks(stacks).principals.find((p) => p.location.logicalId === 'AppRole');
    expect(role?.location.declared).toEqual({
      file: join('cdk.out', 'App.template.json'),
      line: lineOf(template, '"AppRole"'),
    });
  });
});
