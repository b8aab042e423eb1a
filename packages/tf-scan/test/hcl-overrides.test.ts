import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse } from '@cdktf/hcl2json';
import { extractConfiguration } from '../src/hcl-config';
import { isOverrideFile, mergeOverrides } from '../src/hcl-overrides';

const ADMIN = '{ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }] }';
const READ = '{ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "*" }] }';

async function files(texts: Record<string, string>): Promise<{ name: string; parsed: Record<string, unknown> }[]> {
  const out: { name: string; parsed: Record<string, unknown> }[] = [];
  for (const [name, text] of Object.entries(texts))
    out.push({ name, parsed: (await parse(name, text)) as Record<string, unknown> });
  return out;
}

describe('override files', () => {
  it.each([
    ['override.tf', true],
    ['iam_override.tf', true],
    ['modules/x/backend_override.tf.json', true],
    ['main.tf', false],
    ['overrides.tf', false],
    ['my-override.tf', false],
  ])('%s is an override file: %s', (name, expected) => {
    expect(isOverrideFile(name)).toBe(expected);
  });

  it('an override block changes the arguments it sets and keeps the others, whatever the file order', async () => {
    const merged = mergeOverrides(
      await files({
        'a_override.tf': 'resource "aws_iam_policy" "p" {\n  name = "renamed"\n}\n',
        'main.tf': `resource "aws_iam_policy" "p" {\n  name = "p"\n  policy = jsonencode(${READ})\n}\n`,
      }),
    );
    expect(merged.map((f) => f.name)).toEqual(['main.tf']);
    expect(merged[0]?.parsed['resource']).toEqual({
      aws_iam_policy: { p: [{ name: 'renamed', policy: `\${jsonencode(${READ})}` }] },
    });
  });

  it('nested blocks of a type the override sets replace all the original blocks of that type', async () => {
    const merged = mergeOverrides(
      await files({
        'main.tf':
          'data "aws_iam_policy_document" "d" {\n  statement {\n    actions = ["s3:GetObject"]\n    resources = ["*"]\n  }\n  statement {\n    actions = ["s3:ListBucket"]\n    resources = ["*"]\n  }\n}\n',
        'override.tf':
          'data "aws_iam_policy_document" "d" {\n  statement {\n    actions = ["iam:*"]\n    resources = ["*"]\n  }\n}\n',
      }),
    );
    expect(merged[0]?.parsed['data']).toEqual({
      aws_iam_policy_document: { d: [{ statement: [{ actions: ['iam:*'], resources: ['*'] }] }] },
    });
  });

  it('a dynamic block of a type replaces the static blocks of that type, and a static one the dynamic', async () => {
    const merged = mergeOverrides(
      await files({
        'main.tf':
          'data "aws_iam_policy_document" "d" {\n  statement {\n    actions = ["s3:GetObject"]\n    resources = ["*"]\n  }\n  dynamic "principals" {\n    for_each = var.p\n    content {\n      type = "AWS"\n      identifiers = [principals.value]\n    }\n  }\n}\n',
        'override.tf':
          'data "aws_iam_policy_document" "d" {\n  dynamic "statement" {\n    for_each = var.s\n    content {\n      actions = [statement.value]\n      resources = ["*"]\n    }\n  }\n  principals {\n    type = "AWS"\n    identifiers = ["*"]\n  }\n}\n',
      }),
    );
    const [document] = (merged[0]?.parsed['data'] as Record<string, Record<string, Record<string, unknown>[]>>)[
      'aws_iam_policy_document'
    ]?.['d'] ?? [{}];
    expect(Object.keys(document ?? {}).sort()).toEqual(['dynamic', 'principals']);
    expect(Object.keys(document?.['dynamic'] as object)).toEqual(['statement']);
    expect(document?.['principals']).toEqual([{ type: 'AWS', identifiers: ['*'] }]);
  });

  it('override files apply in name order, the last one winning; locals are replaced by name', async () => {
    const merged = mergeOverrides(
      await files({
        'z_override.tf': 'locals {\n  actions = ["iam:*"]\n}\n',
        'main.tf': 'locals {\n  actions = ["s3:GetObject"]\n  bucket = "b"\n}\n',
        'a_override.tf': 'locals {\n  actions = ["s3:*"]\n}\n',
      }),
    );
    expect(merged.map((f) => f.name)).toEqual(['main.tf']);
    expect(merged[0]?.parsed['locals']).toEqual([{ actions: ['iam:*'], bucket: 'b' }]);
  });

  it('an override block without an original is kept in its own file', async () => {
    const merged = mergeOverrides(
      await files({ 'main.tf': 'locals {\n  a = 1\n}\n', 'override.tf': 'module "m" {\n  source = "./m"\n}\n' }),
    );
    expect(merged.map((f) => f.name)).toEqual(['main.tf', 'override.tf']);
    expect(merged[1]?.parsed).toEqual({ module: { m: [{ source: './m' }] } });
  });

  it('tf-scan --hcl checks the policy as the override leaves it', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tf-scan-override-'));
    fs.writeFileSync(
      path.join(dir, 'main.tf'),
      `resource "aws_iam_policy" "p" {\n  name = "p"\n  policy = jsonencode(${READ})\n}\nresource "aws_iam_policy" "q" {\n  name = "q"\n  policy = jsonencode(${READ})\n}\n`,
    );
    // Renaming `p` keeps its policy; replacing `q`'s policy makes it an administrator's.
    fs.writeFileSync(
      path.join(dir, 'iam_override.tf'),
      `resource "aws_iam_policy" "p" {\n  name = "p-renamed"\n}\nresource "aws_iam_policy" "q" {\n  policy = jsonencode(${ADMIN})\n}\n`,
    );
    const input = await extractConfiguration(dir);
    expect(input.errors).toEqual([]);
    const documents = Object.fromEntries(
      input.policies.map((p) => [p.policy.id, JSON.parse(String(p.policy.document)) as unknown]),
    );
    expect(documents).toEqual({
      'aws_iam_policy.p': {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }],
      },
      'aws_iam_policy.q': { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] },
    });
  });
});
