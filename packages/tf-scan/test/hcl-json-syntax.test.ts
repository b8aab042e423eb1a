import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse } from '@cdktf/hcl2json';
import { extractConfiguration } from '../src/hcl-config';
import { firstDiagnostic, isConfigurationFile, isVariablesFile, parseTerraformFile } from '../src/hcl-json-syntax';

/** The same configuration in the native syntax and in Terraform's JSON syntax. */
const NATIVE = `
variable "buckets" {
  type    = list(string)
  default = ["logs"]
}
locals {
  prefix = "app"
}
data "aws_iam_policy_document" "read" {
  statement {
    sid       = "Read"
    actions   = ["s3:GetObject"]
    resources = ["arn:aws:s3:::\${local.prefix}-data/$\${aws:username}/*"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::111122223333:root"]
    }
    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["true"]
    }
  }
  dynamic "statement" {
    for_each = var.buckets
    iterator = b
    content {
      actions   = ["s3:PutObject"]
      resources = ["arn:aws:s3:::\${b.value}/*"]
    }
  }
}
resource "aws_iam_role" "app" {
  name               = "app"
  assume_role_policy = data.aws_iam_policy_document.read.json
  tags               = { team = "orders" }
  inline_policy {
    name   = "inline"
    policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "sqs:SendMessage", Resource = "*" }] })
  }
}
module "network" {
  source = "./network"
}
output "role" {
  value = aws_iam_role.app.arn
}
`;

const JSON_SYNTAX = {
  '//': 'generated',
  variable: { buckets: { type: 'list(string)', default: ['logs'] } },
  locals: { prefix: 'app' },
  data: {
    aws_iam_policy_document: {
      read: {
        '//': { metadata: { path: 'stack/read' } },
        statement: {
          sid: 'Read',
          actions: ['s3:GetObject'],
          resources: ['arn:aws:s3:::${local.prefix}-data/$${aws:username}/*'],
          principals: { type: 'AWS', identifiers: ['arn:aws:iam::111122223333:root'] },
          condition: [{ test: 'Bool', variable: 'aws:SecureTransport', values: ['true'] }],
        },
        dynamic: {
          statement: {
            for_each: '${var.buckets}',
            iterator: 'b',
            content: { actions: ['s3:PutObject'], resources: ['arn:aws:s3:::${b.value}/*'] },
          },
        },
      },
    },
  },
  resource: [
    {
      aws_iam_role: {
        app: {
          name: 'app',
          assume_role_policy: '${data.aws_iam_policy_document.read.json}',
          tags: { team: 'orders' },
          inline_policy: {
            name: 'inline',
            policy:
              '${jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "sqs:SendMessage", Resource = "*" }] })}',
          },
        },
      },
    },
  ],
  module: { network: { source: './network' } },
  output: { role: { value: '${aws_iam_role.app.arn}' } },
};

describe('Terraform JSON configuration syntax (*.tf.json)', () => {
  it('reads into the shape hcl2json gives the same configuration in the native syntax', async () => {
    const native = (await parse('main.tf', NATIVE)) as Record<string, unknown>;
    const json = await parseTerraformFile(parse, 'main.tf.json', JSON.stringify(JSON_SYNTAX));
    // hcl2json renders `jsonencode(...)` as it was written; the JSON form carries it verbatim.
    expect(json).toEqual(native);
  });

  it('keeps the values of a .tfvars.json file literal: a `${` there is text, not an interpolation', async () => {
    const values = await parseTerraformFile(
      parse,
      'terraform.tfvars.json',
      JSON.stringify({ prefix: 'a${b}', list: ['%{x}'], n: 2 }),
    );
    expect(values).toEqual({ prefix: 'a$${b}', list: ['%%{x}'], n: 2 });
  });

  it("keeps a variable's default literal, as Terraform reads it without an evaluation context", async () => {
    const json = await parseTerraformFile(
      parse,
      'variables.tf.json',
      JSON.stringify({
        variable: {
          home: { type: 'string', default: 'arn:aws:s3:::home/${aws:username}/*' },
          paths: { default: { read: ['%{x}'], n: 2 } },
        },
        locals: { home: '${var.home}' },
      }),
    );
    expect(json).toEqual({
      variable: {
        home: [{ type: '${string}', default: 'arn:aws:s3:::home/$${aws:username}/*' }],
        paths: [{ default: { read: ['%%{x}'], n: 2 } }],
      },
      locals: [{ home: '${var.home}' }],
    });
  });

  it.each([
    ['{"resource": ', /ends too early/],
    ['[1]', /expected a JSON object of Terraform blocks/],
  ])('rejects %s with what is wrong', async (text, message) => {
    await expect(parseTerraformFile(parse, 'main.tf.json', text)).rejects.toThrow(message);
  });

  it.each([
    ['main.tf', true],
    ['cdk.tf.json', true],
    ['main.tfvars', false],
    ['notes.json', false],
    ['.draft.tf', false],
    ['.#main.tf', false],
    ['#main.tf#', false],
    ['main.tf~', false],
  ])('%s is a configuration file: %s', (name, expected) => {
    expect(isConfigurationFile(name)).toBe(expected);
  });

  it.each([
    [
      'the diagnostics that follow from the first are cut',
      'main.tf:2,12-3,1: Invalid multi-line string; Quoted strings may not be split. main.tf:2,12-3,1: Unterminated template string; No closing marker.',
      'main.tf:2,12-3,1: Invalid multi-line string; Quoted strings may not be split.',
    ],
    [
      'a later diagnostic on one line is cut too',
      'main.tf:2,14-15: Missing newline after argument; An argument must end. main.tf:4,3-9: Unsupported argument; x.',
      'main.tf:2,14-15: Missing newline after argument; An argument must end.',
    ],
    [
      'one diagnostic naming the file in its detail stays whole',
      'main.tf:1,1-5: Invalid block; see main.tf: it is wrong.',
      'main.tf:1,1-5: Invalid block; see main.tf: it is wrong.',
    ],
  ])('firstDiagnostic: %s', (_name, message, expected) => {
    expect(firstDiagnostic(message, 'main.tf')).toBe(expected);
  });

  it.each([
    ['terraform.tfvars', true],
    ['terraform.tfvars.json', true],
    ['prod.auto.tfvars.json', true],
    ['prod.tfvars', false],
  ])('%s is read for variable values: %s', (name, expected) => {
    expect(isVariablesFile(name)).toBe(expected);
  });

  it('scans a configuration of .tf.json files alone, with values from terraform.tfvars.json', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tf-scan-json-syntax-'));
    fs.writeFileSync(
      path.join(dir, 'main.tf.json'),
      JSON.stringify({
        variable: { actions: { type: 'list(string)' } },
        resource: {
          aws_iam_role: {
            r: {
              name: 'r',
              assume_role_policy: JSON.stringify({
                Version: '2012-10-17',
                Statement: [
                  { Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' },
                ],
              }),
            },
          },
          aws_iam_role_policy: {
            p: {
              role: '${aws_iam_role.r.id}',
              policy:
                '${jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = var.actions, Resource = "*" }] })}',
            },
          },
        },
      }),
    );
    fs.writeFileSync(path.join(dir, 'terraform.tfvars.json'), JSON.stringify({ actions: ['iam:PassRole'] }));
    const input = await extractConfiguration(dir);
    expect(input.errors).toEqual([]);
    const [role] = input.principals;
    expect(role?.id).toBe('aws_iam_role.r');
    // The policy as the provider would store it: JSON text.
    expect(role?.policies.map((p) => JSON.parse(String(p.policy?.document)) as unknown)).toEqual([
      { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['iam:PassRole'], Resource: '*' }] },
    ]);
  });
});
