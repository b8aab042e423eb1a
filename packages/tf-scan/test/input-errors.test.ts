/**
 * Plans that once crashed `tf-scan` or answered in a garbled line (found by scripts/fuzz-cli.mjs):
 * each must end in exit 2 and one line on stderr naming the file, the pointer and the problem.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runScanCommand } from '@iamgate/core';
import { fakeIo } from '../../core/test/helpers/fake-io';
import { TF_SCAN_COMMAND } from '../src/cli';
import { buildPlan } from './plan-builder';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'tf-scan-input-errors-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

async function scan(name: string, content: string | Buffer): Promise<{ code: number; stderr: string }> {
  writeFileSync(join(dir, name), content);
  const io = fakeIo({ cwd: dir });
  const code = await runScanCommand(TF_SCAN_COMMAND, ['--format', 'json', name], io);
  return { code, stderr: io.err };
}

/** A plan whose configuration declares one resource with these expressions; a change of a type no scan reads. */
function planWithExpressions(expressions: string): string {
  return (
    '{"format_version":"1.2","resource_changes":[' +
    '{"address":"aws_s3_bucket.b","mode":"managed","type":"aws_s3_bucket","name":"b","change":{"actions":["create"],"after":{}}}],' +
    '"configuration":{"root_module":{"resources":[{"address":"aws_iam_role_policy.p","mode":"managed",' +
    `"type":"aws_iam_role_policy","name":"p","expressions":${expressions}}]}}}`
  );
}

const nested = (depth: number): string => '{"a":'.repeat(depth) + 'null' + '}'.repeat(depth);
const deepModules = (depth: number): string =>
  '{"format_version":"1.2","planned_values":{"root_module":' +
  '{"child_modules":['.repeat(depth) +
  '{}' +
  ']}'.repeat(depth) +
  '}}';

const cases: [string, string | Buffer, RegExp][] = [
  [
    '`references` that is not a list is an input error, not a crash in extraction',
    planWithExpressions('{"policy":{"references":"data.aws_iam_policy_document.d.json"}}'),
    /^case\.json: \/configuration\/root_module\/resources\/0\/expressions\/policy\/references: not a Terraform plan: expected `references` to be an array of strings$/,
  ],
  [
    '`references` listing a number is an input error',
    planWithExpressions('{"policy":{"references":[42]}}'),
    /^case\.json: \/configuration\/root_module\/resources\/0\/expressions\/policy\/references: .*array of strings$/,
  ],
  [
    'a configuration nested 20,000 levels deep is an input error, not a stack overflow',
    planWithExpressions(nested(20000)),
    /^case\.json: \/configuration\/root_module\/resources\/0\/expressions(\/a)+: not a Terraform plan: nested deeper than 256 levels$/,
  ],
  [
    'modules nested 20,000 levels deep are an input error, not a stack overflow in the schema check',
    deepModules(20000),
    /^case\.json: \/planned_values\/root_module(\/child_modules\/0)+: not a Terraform plan: modules nested deeper than 256 levels$/,
  ],
  [
    // Fuzzer find: the plan passed silently (nothing to judge), though its planned values held the policy.
    'a change that creates an object but shows `after` as null is an input error, not a silent pass',
    '{"format_version":"1.2","resource_changes":[{"address":"aws_iam_policy.p","mode":"managed","type":"aws_iam_policy",' +
      '"name":"p","change":{"actions":["create"],"before":null,"after":null}}]}',
    /^case\.json: \/resource_changes\/0\/change\/after: not a Terraform plan: a change whose actions create or update the object must show it in `after`, found null$/,
  ],
  [
    // Review find: the pairing of `module.p[count.index]` read the null output and crashed.
    'a module output shown as null is an input error, not an internal error',
    '{"format_version":"1.2","resource_changes":[{"address":"aws_iam_policy.x[0]","mode":"managed","type":"aws_iam_policy",' +
      '"name":"x","index":0,"change":{"actions":["create"],"before":null,"after":{},"after_unknown":{"policy":true}}}],' +
      '"configuration":{"root_module":{"resources":[{"address":"aws_iam_policy.x","mode":"managed","type":"aws_iam_policy",' +
      '"name":"x","expressions":{"policy":{"references":["module.p","count.index"]}},"count_expression":{"constant_value":1}}],' +
      '"module_calls":{"p":{"source":"./p","count_expression":{"constant_value":1},"module":{"outputs":{' +
      '"policy_json":{"expression":{"constant_value":"{}"}},"bad":null}}}}}}}',
    /^case\.json: \/configuration\/root_module\/module_calls\/p\/module\/outputs\/bad: not a Terraform plan: expected object, found null$/,
  ],
  [
    'a stray byte that is not UTF-8 is named by its value, not shown as a replacement character',
    Buffer.concat([Buffer.from('{"format_version":"1.2",'), Buffer.from([0xff]), Buffer.from('}')]),
    /^case\.json: invalid JSON at line 1, column 25: unexpected byte 0xFF$/,
  ],
];

describe('tf-scan input errors', () => {
  test.each(cases)('%s', async (_name, content, line) => {
    const { code, stderr } = await scan('case.json', content);
    expect(code).toBe(2);
    const lines = stderr.split('\n').filter((l) => l !== '');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(line);
  });

  test('a plan whose configuration has two policies read each other is an input error naming the cycle, not a stack overflow', async () => {
    // Terraform refuses such a configuration: only a plan written by hand holds it.
    const plan = buildPlan([
      {
        address: 'aws_iam_policy.x',
        values: { name: 'x' },
        unknown: { policy: true },
        expressions: { policy: { references: ['aws_iam_policy.y.policy', 'aws_iam_policy.y'] } },
      },
      {
        address: 'aws_iam_policy.y',
        values: { name: 'y' },
        unknown: { policy: true },
        expressions: { policy: { references: ['aws_iam_policy.x.policy', 'aws_iam_policy.x'] } },
      },
    ]);
    const { code, stderr } = await scan('cycle.json', JSON.stringify(plan));
    expect(code).toBe(2);
    expect(stderr).toBe(
      'cycle.json: `aws_iam_policy.x.policy` reads itself in a cycle, which Terraform refuses: `aws_iam_policy.x.policy` -> `aws_iam_policy.y.policy` -> `aws_iam_policy.x.policy`\n',
    );
  });

  test('`references` inside a constant value is a user key, and scans', async () => {
    const { code, stderr } = await scan(
      'constant.json',
      planWithExpressions('{"tags":{"constant_value":{"references":"a tag value"}}}'),
    );
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });

  test('a resource type named like an Object member (`constructor`) is an unknown type, and scans', async () => {
    const plan = buildPlan([
      { address: 'constructor.x', values: { policy: '{}' }, unknown: { arn: true } },
      {
        address: 'aws_iam_role_policy_attachment.a',
        values: { role: 'r' },
        unknown: { policy_arn: true },
        expressions: { policy_arn: { references: ['constructor.x.arn', 'constructor.x'] } },
      },
    ]);
    const { code, stderr } = await scan('proto.json', JSON.stringify(plan));
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });
});
