import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { valueToString } from '@iamgate/core';
import type { PolicySource, ScanInput } from '@iamgate/core';
import { extractConfiguration } from '../src/hcl-config';

/** Writes the files of a configuration into a fresh directory. */
function configuration(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tf-scan-hcl-'));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

function isSymbolic(value: unknown): value is Parameters<typeof valueToString>[0] {
  return value !== null && typeof value === 'object' && Array.isArray((value as { parts?: unknown }).parts);
}

/** A document with every symbolic value written as its text, for comparison. */
function plain(document: unknown): unknown {
  return JSON.parse(
    JSON.stringify(document, (_key, value: unknown) => (isSymbolic(value) ? valueToString(value) : value)),
  );
}

/** Every policy source of the input by id. */
function sources(input: ScanInput): Map<string, PolicySource> {
  const out = new Map<string, PolicySource>();
  const add = (source: PolicySource | undefined): void => {
    if (source !== undefined) out.set(source.id, source);
  };
  for (const p of input.principals) {
    add(p.trustPolicy);
    add(p.permissionsBoundary?.policy);
    p.policies.forEach((a) => {
      add(a.policy);
    });
  }
  input.resources.forEach((r) => {
    add(r.policy);
  });
  input.policies.forEach((p) => {
    add(p.policy);
  });
  return out;
}

function documentOf(source: PolicySource | undefined): unknown {
  const document = source?.document;
  return plain(typeof document === 'string' ? JSON.parse(document) : document);
}

const ROLE = `
resource "aws_iam_role" "app" {
  name               = "app"
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = { Service = "lambda.amazonaws.com" }, Action = "sts:AssumeRole" }] })
}
`;

describe('documents rebuilt from the .tf text alone', () => {
  const cases: { name: string; tf: string; id: string; statement: unknown }[] = [
    {
      name: 'a jsonencode of literals is the document as written',
      tf: `${ROLE}
resource "aws_iam_role_policy" "app" {
  role   = aws_iam_role.app.id
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "s3:*", Resource = "*" }] })
}`,
      id: 'aws_iam_role_policy.app',
      statement: { Effect: 'Allow', Action: 's3:*', Resource: '*' },
    },
    {
      name: 'a heredoc JSON string is the document as written',
      tf: `${ROLE}
resource "aws_iam_role_policy" "app" {
  role   = aws_iam_role.app.id
  policy = <<JSON
{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sqs:SendMessage", "Resource": "*"}]}
JSON
}`,
      id: 'aws_iam_role_policy.app',
      statement: { Effect: 'Allow', Action: 'sqs:SendMessage', Resource: '*' },
    },
    {
      name: 'a variable default and a local built from it fill the document',
      tf: `${ROLE}
variable "bucket" {
  default = "reports"
}
locals {
  objects = "arn:aws:s3:::\${var.bucket}/*"
}
resource "aws_iam_role_policy" "app" {
  role   = aws_iam_role.app.id
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = local.objects }] })
}`,
      id: 'aws_iam_role_policy.app',
      statement: { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::reports/*' },
    },
    {
      name: 'a local around a reference is followed into the symbolic value',
      tf: `${ROLE}
resource "aws_s3_bucket" "data" {
  bucket = "acme-data"
}
locals {
  objects = "\${aws_s3_bucket.data.arn}/in/*"
}
resource "aws_iam_role_policy" "app" {
  role   = aws_iam_role.app.id
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = local.objects }] })
}`,
      id: 'aws_iam_role_policy.app',
      statement: { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::acme-data/in/*' },
    },
    {
      name: "another resource's ARN takes the shape of its type, with its known name",
      tf: `${ROLE}
resource "aws_s3_bucket" "data" {
  bucket = "acme-data"
}
resource "aws_iam_role_policy" "app" {
  role   = aws_iam_role.app.id
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "\${aws_s3_bucket.data.arn}/*" }] })
}`,
      id: 'aws_iam_role_policy.app',
      statement: { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::acme-data/*' },
    },
    {
      name: 'a variable without default stays a symbolic value',
      tf: `${ROLE}
variable "queue_arn" {
  type = string
}
resource "aws_iam_role_policy" "app" {
  role   = aws_iam_role.app.id
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "sqs:SendMessage", Resource = var.queue_arn }] })
}`,
      id: 'aws_iam_role_policy.app',
      statement: { Effect: 'Allow', Action: 'sqs:SendMessage', Resource: '${var.queue_arn}' },
    },
    {
      name: 'a policy document data source with principals, conditions and a templated resource',
      tf: `
resource "aws_s3_bucket" "logs" {
  bucket = "acme-logs"
}
resource "aws_s3_bucket_policy" "logs" {
  bucket = aws_s3_bucket.logs.id
  policy = data.aws_iam_policy_document.logs.json
}
data "aws_iam_policy_document" "logs" {
  statement {
    sid       = "Delivery"
    actions   = ["s3:PutObject"]
    resources = ["\${aws_s3_bucket.logs.arn}/AWSLogs/*"]
    principals {
      type        = "Service"
      identifiers = ["delivery.logs.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = ["111122223333"]
    }
  }
}`,
      id: 'aws_s3_bucket_policy.logs',
      statement: {
        Sid: 'Delivery',
        Effect: 'Allow',
        Principal: { Service: ['delivery.logs.amazonaws.com'] },
        Action: ['s3:PutObject'],
        Resource: ['arn:aws:s3:::acme-logs/AWSLogs/*'],
        Condition: { StringEquals: { 'aws:SourceAccount': ['111122223333'] } },
      },
    },
  ];

  it.each(cases)('$name', async ({ tf, id, statement }) => {
    const input = await extractConfiguration(configuration({ 'main.tf': tf }));
    const document = documentOf(sources(input).get(id)) as { Statement: unknown[] };
    expect(document.Statement).toEqual([statement]);
    expect(input.errors).toEqual([]);
  });

  it('source documents come before the statements of the document that names them', async () => {
    const input = await extractConfiguration(
      configuration({
        'main.tf': `
data "aws_iam_policy_document" "base" {
  statement {
    sid       = "Read"
    actions   = ["s3:GetObject"]
    resources = ["*"]
  }
}
data "aws_iam_policy_document" "full" {
  source_policy_documents = [data.aws_iam_policy_document.base.json]
  statement {
    sid       = "Write"
    actions   = ["s3:PutObject"]
    resources = ["*"]
  }
}
resource "aws_iam_policy" "p" {
  policy = data.aws_iam_policy_document.full.json
}`,
      }),
    );
    const document = documentOf(sources(input).get('aws_iam_policy.p')) as { Statement: { Sid: string }[] };
    expect(document.Statement.map((s) => s.Sid)).toEqual(['Read', 'Write']);
  });
});

describe('expressions Terraform computes from the text', () => {
  const cases: { name: string; files: Record<string, string>; id: string; statements: unknown[] }[] = [
    {
      name: 'a for expression over a list default makes one statement per element',
      files: {
        'main.tf': `variable "buckets" {
  default = ["logs", "data"]
}
resource "aws_iam_policy" "p" {
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [for b in var.buckets : { Effect = "Allow", Action = "s3:GetObject", Resource = "arn:aws:s3:::\${b}/*" } if b != "logs"]
  })
}`,
      },
      id: 'aws_iam_policy.p',
      statements: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::data/*' }],
    },
    {
      name: 'dynamic statements with an iterator and a nested dynamic condition are expanded',
      files: {
        'main.tf': `locals {
  grants = {
    reader = { actions = ["s3:GetObject"], prefix = "in" }
    writer = { actions = ["s3:PutObject"], prefix = "out" }
  }
}
data "aws_iam_policy_document" "d" {
  statement {
    sid       = "List"
    actions   = ["s3:ListBucket"]
    resources = ["arn:aws:s3:::acme"]
  }
  dynamic "statement" {
    for_each = local.grants
    iterator = grant
    content {
      sid       = title(grant.key)
      actions   = grant.value.actions
      resources = ["arn:aws:s3:::acme/\${grant.value.prefix}/*"]
      dynamic "condition" {
        for_each = grant.key == "writer" ? ["x"] : []
        content {
          test     = "StringEquals"
          variable = "s3:x-amz-acl"
          values   = ["bucket-owner-full-control"]
        }
      }
    }
  }
}
resource "aws_iam_policy" "p" {
  policy = data.aws_iam_policy_document.d.json
}`,
      },
      id: 'aws_iam_policy.p',
      statements: [
        { Sid: 'List', Effect: 'Allow', Action: ['s3:ListBucket'], Resource: ['arn:aws:s3:::acme'] },
        { Sid: 'Reader', Effect: 'Allow', Action: ['s3:GetObject'], Resource: ['arn:aws:s3:::acme/in/*'] },
        {
          Sid: 'Writer',
          Effect: 'Allow',
          Action: ['s3:PutObject'],
          Resource: ['arn:aws:s3:::acme/out/*'],
          Condition: { StringEquals: { 's3:x-amz-acl': ['bucket-owner-full-control'] } },
        },
      ],
    },
    {
      name: 'statements written out and generated by dynamic blocks keep their declaration order',
      files: {
        'main.tf': `data "aws_iam_policy_document" "d" {
  statement { # one line, a brace in a comment: }
    sid = "First"
    actions = ["s3:ListBucket"]
    resources = ["arn:aws:s3:::acme"]
  }
  dynamic "statement" {
    for_each = { a = "in", b = "out" }
    content {
      sid       = "Objects\${upper(statement.key)}"
      actions   = ["s3:GetObject"]
      resources = ["arn:aws:s3:::acme/\${statement.value}/*"]
    }
  }
  statement {
    sid     = "Middle"
    actions = [
      "sqs:SendMessage", # "}" in a string and a comment
    ]
    resources = [<<ARN
arn:aws:sqs:eu-west-1:111122223333:q
ARN
    ]
  }
  dynamic "statement" {
    for_each = ["Last"]
    iterator = s
    content {
      sid       = s.value
      actions   = ["sns:Publish"]
      resources = ["*"]
    }
  }
}
resource "aws_iam_policy" "p" {
  policy = data.aws_iam_policy_document.d.json
}`,
      },
      id: 'aws_iam_policy.p',
      statements: [
        { Sid: 'First', Effect: 'Allow', Action: ['s3:ListBucket'], Resource: ['arn:aws:s3:::acme'] },
        { Sid: 'ObjectsA', Effect: 'Allow', Action: ['s3:GetObject'], Resource: ['arn:aws:s3:::acme/in/*'] },
        { Sid: 'ObjectsB', Effect: 'Allow', Action: ['s3:GetObject'], Resource: ['arn:aws:s3:::acme/out/*'] },
        {
          Sid: 'Middle',
          Effect: 'Allow',
          Action: ['sqs:SendMessage'],
          Resource: ['arn:aws:sqs:eu-west-1:111122223333:q\n'],
        },
        { Sid: 'Last', Effect: 'Allow', Action: ['sns:Publish'], Resource: ['*'] },
      ],
    },
    {
      name: 'in JSON syntax, a dynamic property before the statement property generates the first statements',
      files: {
        'main.tf.json': JSON.stringify({
          data: {
            aws_iam_policy_document: {
              d: {
                dynamic: {
                  statement: {
                    for_each: '${["Generated"]}',
                    content: { sid: '${statement.value}', actions: ['s3:GetObject'], resources: ['*'] },
                  },
                },
                statement: [{ sid: 'Written', actions: ['s3:PutObject'], resources: ['*'] }],
              },
            },
          },
          resource: { aws_iam_policy: { p: { policy: '${data.aws_iam_policy_document.d.json}' } } },
        }),
      },
      id: 'aws_iam_policy.p',
      statements: [
        { Sid: 'Generated', Effect: 'Allow', Action: ['s3:GetObject'], Resource: ['*'] },
        { Sid: 'Written', Effect: 'Allow', Action: ['s3:PutObject'], Resource: ['*'] },
      ],
    },
    {
      name: "an override file's statements replace the original's in the override's order",
      files: {
        'main.tf': `data "aws_iam_policy_document" "d" {
  statement {
    sid       = "Original"
    actions   = ["s3:GetObject"]
    resources = ["*"]
  }
  dynamic "statement" {
    for_each = ["OriginalGenerated"]
    content {
      sid       = statement.value
      actions   = ["s3:GetObject"]
      resources = ["*"]
    }
  }
}
resource "aws_iam_policy" "p" {
  policy = data.aws_iam_policy_document.d.json
}`,
        'main_override.tf': `data "aws_iam_policy_document" "d" {
  dynamic "statement" {
    for_each = ["Generated"]
    content {
      sid       = statement.value
      actions   = ["sqs:SendMessage"]
      resources = ["*"]
    }
  }
  statement {
    sid       = "Written"
    actions   = ["sns:Publish"]
    resources = ["*"]
  }
}`,
      },
      id: 'aws_iam_policy.p',
      statements: [
        { Sid: 'Generated', Effect: 'Allow', Action: ['sqs:SendMessage'], Resource: ['*'] },
        { Sid: 'Written', Effect: 'Allow', Action: ['sns:Publish'], Resource: ['*'] },
      ],
    },
    {
      name: "the AWS provider's functions under the local name the module's required_providers gives it",
      files: {
        'versions.tf': `terraform {
  required_providers {
    amazon = { source = "hashicorp/aws", version = ">= 5.40" }
  }
}`,
        'main.tf': `resource "aws_iam_policy" "p" {
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = provider::amazon::arn_build("aws", "s3", "", "", "acme/*") }]
  })
}`,
      },
      id: 'aws_iam_policy.p',
      statements: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::acme/*' }],
    },
    {
      name: 'conditionals, concat, format, merge and a for over a map build the statement',
      files: {
        'main.tf': `variable "read_only" {
  default = false
}
variable "bucket" {
  default = "acme"
}
locals {
  base = ["s3:GetObject"]
  tags = { team = "data", env = "prod" }
}
resource "aws_iam_policy" "p" {
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = var.read_only ? local.base : concat(local.base, ["s3:PutObject"])
      Resource  = format("arn:aws:s3:::%s/*", var.bucket)
      Condition = { StringEquals = merge({ for k, v in local.tags : "aws:ResourceTag/\${k}" => v }, { "aws:RequestedRegion" = "eu-west-1" }) }
    }]
  })
}`,
      },
      id: 'aws_iam_policy.p',
      statements: [
        {
          Effect: 'Allow',
          Action: ['s3:GetObject', 's3:PutObject'],
          Resource: 'arn:aws:s3:::acme/*',
          Condition: {
            StringEquals: {
              'aws:ResourceTag/env': 'prod',
              'aws:ResourceTag/team': 'data',
              'aws:RequestedRegion': 'eu-west-1',
            },
          },
        },
      ],
    },
    {
      name: 'try falls back on a missing attribute, and a list variable is indexed',
      files: {
        'main.tf': `variable "buckets" {
  default = ["first", "second"]
}
locals {
  settings = { actions = ["s3:GetObject"] }
}
resource "aws_iam_policy" "p" {
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = try(local.settings.effect, "Allow"), Action = local.settings.actions, Resource = "arn:aws:s3:::\${var.buckets[1]}/*" }]
  })
}`,
      },
      id: 'aws_iam_policy.p',
      statements: [{ Effect: 'Allow', Action: ['s3:GetObject'], Resource: 'arn:aws:s3:::second/*' }],
    },
    {
      name: 'file() reads a policy beside the module',
      files: {
        'main.tf': `resource "aws_iam_policy" "p" {
  policy = file("\${path.module}/policies/deploy.json")
}`,
        'policies/deploy.json':
          '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:PassRole","Resource":"*"}]}',
      },
      id: 'aws_iam_policy.p',
      statements: [{ Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' }],
    },
    {
      name: 'templatefile() fills a template with its variables and directives',
      files: {
        'main.tf': `variable "queues" {
  default = ["jobs", "events"]
}
resource "aws_iam_policy" "p" {
  policy = templatefile("policy.json.tpl", { queues = var.queues, account = "111122223333" })
}`,
        'policy.json.tpl': `{
  "Version": "2012-10-17",
  "Statement": [{
    "Effect": "Allow",
    "Action": "sqs:SendMessage",
    "Resource": [
      %{~ for i, q in queues ~}
      "arn:aws:sqs:*:\${account}:\${q}"%{ if i < length(queues) - 1 },%{ endif }
      %{~ endfor ~}
    ]
  }]
}`,
      },
      id: 'aws_iam_policy.p',
      statements: [
        {
          Effect: 'Allow',
          Action: 'sqs:SendMessage',
          Resource: ['arn:aws:sqs:*:111122223333:jobs', 'arn:aws:sqs:*:111122223333:events'],
        },
      ],
    },
    {
      name: 'a template_file rendered from its file and its Terraform 0.11 `vars` block',
      files: {
        'main.tf': `variable "account_id" {
  default = "111122223333"
}
data "template_file" "key" {
  template = "\${file("\${path.module}/key.json.tpl")}"

  vars {
    account_id = "\${var.account_id}"
  }
}
resource "aws_iam_policy" "p" {
  policy = "\${data.template_file.key.rendered}"
}`,
        'key.json.tpl':
          '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "kms:Decrypt", "Resource": "arn:aws:kms:eu-west-1:${account_id}:key/*"}]}',
      },
      id: 'aws_iam_policy.p',
      statements: [{ Effect: 'Allow', Action: 'kms:Decrypt', Resource: 'arn:aws:kms:eu-west-1:111122223333:key/*' }],
    },
    {
      name: 'a template_file with a `vars` map and a for directive escaped in its heredoc',
      files: {
        'main.tf': `data "template_file" "t" {
  template = <<EOT
{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": [%%{ for b in split(",", buckets) ~}"arn:aws:s3:::$\${b}/*",%%{ endfor ~}"arn:aws:s3:::$\${last}/*"]}]}
EOT
  vars = {
    buckets = "logs,data"
    last    = "archive"
  }
}
resource "aws_iam_policy" "p" {
  policy = data.template_file.t.rendered
}`,
      },
      id: 'aws_iam_policy.p',
      statements: [
        {
          Effect: 'Allow',
          Action: 's3:GetObject',
          Resource: ['arn:aws:s3:::logs/*', 'arn:aws:s3:::data/*', 'arn:aws:s3:::archive/*'],
        },
      ],
    },
    {
      name: 'templatefile under path.module with an account known only after apply keeps a hole for it (the provider account, as ARNs name it)',
      files: {
        'main.tf': `data "aws_caller_identity" "current" {}
resource "aws_iam_policy" "p" {
  policy = templatefile("\${path.module}/policy.json.tpl", { account_id = data.aws_caller_identity.current.account_id, prefix = "app" })
}`,
        'policy.json.tpl':
          '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "iam:PassRole", "Resource": "arn:aws:iam::${account_id}:role/${prefix}-*"}]}',
      },
      id: 'aws_iam_policy.p',
      statements: [
        {
          Effect: 'Allow',
          Action: 'iam:PassRole',
          Resource: 'arn:aws:iam::${the account of the AWS provider}:role/app-*',
        },
      ],
    },
    ...[true, false].map((create) => ({
      name: `a conditional on a boolean variable picks its branch when the other is known only after apply (${String(create)})`,
      files: {
        'main.tf': `variable "create_provider" {
  type    = bool
  default = ${String(create)}
}
resource "aws_iam_openid_connect_provider" "github" {
  count          = var.create_provider ? 1 : 0
  url            = "https://token.actions.githubusercontent.com"
  client_id_list = ["sts.amazonaws.com"]
}
resource "aws_iam_policy" "p" {
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = "iam:GetOpenIDConnectProvider"
      Resource = var.create_provider ? (
        aws_iam_openid_connect_provider.github[0].arn
      ) : (
        "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"
      )
    }]
  })
}`,
      },
      id: 'aws_iam_policy.p',
      statements: [
        {
          Effect: 'Allow',
          Action: 'iam:GetOpenIDConnectProvider',
          Resource: create
            ? 'arn:aws:iam::${the account of the AWS provider}:oidc-provider/token.actions.githubusercontent.com'
            : 'arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com',
        },
      ],
    })),
    ...(['p', 'q'] as const).map((id) => ({
      name: `the partition and region data sources read what the provider block sets, and only it (${id})`,
      files: {
        'main.tf': `variable "region" {
  default = "us-gov-west-1"
}
provider "aws" {
  region = var.region
}
provider "aws" {
  alias  = "east"
  region = "us-east-1"
}
data "aws_partition" "current" {}
data "aws_region" "current" {}
data "aws_region" "east" {
  provider = aws.east
}
resource "aws_iam_policy" "p" {
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "logs:PutLogEvents", Resource = "arn:\${data.aws_partition.current.partition}:logs:\${data.aws_region.current.name}:111122223333:log-group:app:*" }]
  })
}
resource "aws_iam_policy" "q" {
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "logs:PutLogEvents", Resource = "arn:aws:logs:\${data.aws_region.east.name}:111122223333:log-group:app:*" }]
  })
}`,
      },
      id: `aws_iam_policy.${id}`,
      statements: [
        {
          Effect: 'Allow',
          Action: 'logs:PutLogEvents',
          // Each data source reads through its own provider configuration: the alias's region for `east`.
          Resource:
            id === 'p'
              ? 'arn:aws-us-gov:logs:us-gov-west-1:111122223333:log-group:app:*'
              : 'arn:aws:logs:us-east-1:111122223333:log-group:app:*',
        },
      ],
    })),
    ...(['china', 'implicit', 'unlisted'] as const).map((call) => ({
      name: `a module reads the region of the provider configuration its call hands it (${call})`,
      files: {
        'main.tf': `provider "aws" {
  region = "eu-west-1"
}
provider "aws" {
  alias  = "china"
  region = "cn-north-1"
}
provider "aws" {
  alias = "unset"
}
module "china" {
  source    = "./logs"
  providers = { aws = aws.china }
}
module "implicit" {
  source = "./logs"
}
module "unlisted" {
  source    = "./logs"
  providers = { aws = aws.unset }
}`,
        'logs/main.tf': `data "aws_partition" "current" {}
data "aws_region" "current" {}
resource "aws_iam_policy" "p" {
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "logs:PutLogEvents", Resource = "arn:\${data.aws_partition.current.partition}:logs:\${data.aws_region.current.name}:111122223333:log-group:app:*" }]
  })
}`,
      },
      id: `module.${call}.aws_iam_policy.p`,
      statements: [
        {
          Effect: 'Allow',
          Action: 'logs:PutLogEvents',
          // A configuration whose region the text does not set (`aws.unset`) is left to apply.
          Resource: {
            china: 'arn:aws-cn:logs:cn-north-1:111122223333:log-group:app:*',
            implicit: 'arn:aws:logs:eu-west-1:111122223333:log-group:app:*',
            unlisted:
              'arn:${module.unlisted.data.aws_partition.current.partition}:logs:${module.unlisted.data.aws_region.current.name}:111122223333:log-group:app:*',
          }[call],
        },
      ],
    })),
    ...[false, true].map((assumeSelf) => ({
      name: `try() over an instance of a counted document skips it when its count is 0, keeps it when 1 (${String(assumeSelf)})`,
      files: {
        'main.tf': `variable "assume_self" {
  default = ${String(assumeSelf)}
}
data "aws_iam_policy_document" "main" {
  count = 1
  statement {
    actions   = ["iam:PassRole"]
    resources = ["*"]
  }
}
data "aws_iam_policy_document" "self" {
  count = var.assume_self ? 1 : 0
  statement {
    actions   = ["sts:AssumeRole"]
    resources = ["arn:aws:iam::111122223333:role/app"]
  }
}
data "aws_iam_policy_document" "combined" {
  source_policy_documents = concat(
    try([data.aws_iam_policy_document.main[0].json], []),
    try([data.aws_iam_policy_document.self[0].json], []),
  )
}
resource "aws_iam_policy" "p" {
  policy = data.aws_iam_policy_document.combined.json
}`,
      },
      id: 'aws_iam_policy.p',
      statements: [
        { Effect: 'Allow', Action: ['iam:PassRole'], Resource: ['*'] },
        ...(assumeSelf
          ? [{ Effect: 'Allow', Action: ['sts:AssumeRole'], Resource: ['arn:aws:iam::111122223333:role/app'] }]
          : []),
      ],
    })),
    // `aws_elb_service_account` reads the load balancers' account of its Region from a fixed list:
    // the Region known, so is the account (a plan shows it read at plan time).
    ...(
      [
        ['the provider region', 'region = "eu-west-1"', '', 'arn', 'arn:aws:iam::156460612806:root'],
        ['the provider region, by id', 'region = "eu-west-1"', '', 'id', 'arn:aws:iam::156460612806:root'],
        ['a GovCloud provider region', 'region = "us-gov-west-1"', '', 'arn', 'arn:aws-us-gov:iam::048591011584:root'],
        [
          'its own region argument',
          'region = "eu-west-1"',
          'region = "us-east-1"',
          'arn',
          'arn:aws:iam::127311923021:root',
        ],
        [
          'its region argument left null',
          'region = "eu-west-2"',
          'region = var.lb_region',
          'arn',
          'arn:aws:iam::652711504416:root',
        ],
        [
          'a Region with no such account (opened after August 2022)',
          'region = "ap-southeast-3"',
          '',
          'arn',
          'arn:aws:iam::${data.aws_elb_service_account.this.id}:root',
        ],
        ['no region known', '', '', 'arn', 'arn:aws:iam::${data.aws_elb_service_account.this.id}:root'],
      ] as const
    ).map(([how, provider, own, attribute, principal]) => ({
      name: `the load balancers' account of a Region is read through ${how}`,
      files: {
        'main.tf': `provider "aws" {
  ${provider}
}
variable "lb_region" {
  default = null
}
data "aws_elb_service_account" "this" {
  ${own}
}
resource "aws_s3_bucket_policy" "logs" {
  bucket = "lb-logs"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = ${attribute === 'arn' ? 'data.aws_elb_service_account.this.arn' : '"arn:aws:iam::${data.aws_elb_service_account.this.id}:root"'} }
      Action    = "s3:PutObject"
      Resource  = "arn:aws:s3:::lb-logs/AWSLogs/111122223333/*"
    }]
  })
}`,
      },
      id: 'aws_s3_bucket_policy.logs',
      statements: [
        {
          Effect: 'Allow',
          Principal: { AWS: principal },
          Action: 's3:PutObject',
          Resource: 'arn:aws:s3:::lb-logs/AWSLogs/111122223333/*',
        },
      ],
    })),
    // A log bucket module's policy names the deployer's account too (unknown in the text): the
    // document is rebuilt around that hole, and the load balancers' account is still read from its Region.
    ...(
      [
        [
          'the provider region, a variable with a default',
          'provider "aws" {\n  region = var.region\n}',
          '',
          '',
          '156460612806',
        ],
        ['its own region argument, a variable with a default', '', 'region = var.region', '', '156460612806'],
        [
          "the caller's provider, in a module called from a root",
          '',
          '',
          'provider "aws" {\n  region = "us-east-1"\n}\nmodule "logs" {\n  source = "./logs"\n}',
          '127311923021',
        ],
        ['no region known', '', '', '', '${data.aws_elb_service_account.this.id}'],
      ] as const
    ).map(([how, provider, own, root, account]) => {
      const module = `${provider}
variable "region" {
  type    = string
  default = "eu-west-1"
}
data "aws_caller_identity" "current" {}
data "aws_elb_service_account" "this" {
  ${own}
}
resource "aws_s3_bucket" "logs" {
  bucket = "lb-logs"
}
resource "aws_s3_bucket_policy" "logs" {
  bucket = aws_s3_bucket.logs.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = data.aws_elb_service_account.this.arn }
      Action    = "s3:PutObject"
      Resource  = "\${aws_s3_bucket.logs.arn}/AWSLogs/\${data.aws_caller_identity.current.account_id}/*"
    }]
  })
}`;
      const called = root !== '';
      const prefix = called ? 'module.logs.' : '';
      return {
        name: `a log bucket module's load balancers' account is read through ${how}, beside an account the text does not know`,
        files: called ? { 'main.tf': root, 'logs/main.tf': module } : { 'main.tf': module },
        id: `${prefix}aws_s3_bucket_policy.logs`,
        statements: [
          {
            Effect: 'Allow',
            Principal: {
              AWS: `arn:aws:iam::${account === '${data.aws_elb_service_account.this.id}' ? `\${${prefix}data.aws_elb_service_account.this.id}` : account}:root`,
            },
            Action: 's3:PutObject',
            Resource: 'arn:aws:s3:::lb-logs/AWSLogs/${the account of the AWS provider}/*',
          },
        ],
      };
    }),
  ];

  it.each(cases)('$name', async ({ files, id, statements }) => {
    const dir = configuration({});
    for (const [name, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      fs.writeFileSync(path.join(dir, name), text);
    }
    const input = await extractConfiguration(dir);
    const source = sources(input).get(id);
    expect(source?.unresolved).toBeUndefined();
    expect((documentOf(source) as { Statement: unknown[] }).Statement).toEqual(statements);
    expect(input.errors).toEqual([]);
  });
});

/** A trust policy letting `federated` assume the role with `condition`, in HCL. */
const webIdentityRole = (federated: string, condition: string): string => `
resource "aws_iam_role" "irsa" {
  name = "irsa"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Federated = ${federated} }
      Action    = "sts:AssumeRoleWithWebIdentity"
      Condition = { ${condition} }
    }]
  })
}`;

const CLUSTER = `
data "aws_eks_cluster" "this" {
  name = "prod"
}
data "aws_iam_openid_connect_provider" "this" {
  url = data.aws_eks_cluster.this.identity[0].oidc[0].issuer
}`;

// The issuer of `data.aws_eks_cluster.this` read through a provider whose region the text does not set.
const ISSUER =
  'oidc.eks.${the region of the AWS provider}.${the DNS suffix of the region of data.aws_eks_cluster.this}/id/${the OIDC issuer id of data.aws_eks_cluster.this}';
const ACCOUNT = '${the account of the AWS provider}';

describe('values of data sources only apply reads keep what is known of them', () => {
  const trust = (federated: string, condition: unknown): unknown[] => [
    {
      Effect: 'Allow',
      Principal: { Federated: federated },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: condition,
    },
  ];
  const cases: { name: string; tf: string; id: string; statements: unknown[] }[] = [
    {
      name: "a condition key around a cluster's issuer, the principal the provider looked up by that URL",
      tf: `${CLUSTER}
locals {
  issuer = replace(data.aws_eks_cluster.this.identity[0].oidc[0].issuer, "https://", "")
}
${webIdentityRole('data.aws_iam_openid_connect_provider.this.arn', 'StringEquals = { "${local.issuer}:aud" = "sts.amazonaws.com" }')}`,
      id: 'aws_iam_role.irsa.assume_role_policy',
      statements: trust(`arn:aws:iam::${ACCOUNT}:oidc-provider/${ISSUER}`, {
        StringEquals: { [`${ISSUER}:aud`]: 'sts.amazonaws.com' },
      }),
    },
    // The provider's ARN in the partition of that region (`arn:aws-cn:` in China).
    ...[
      ['eu-west-1', 'amazonaws.com', 'aws'],
      ['cn-north-1', 'amazonaws.com.cn', 'aws-cn'],
    ].map(([region = '', suffix = '', partition = '']) => ({
      name: `the issuer of a cluster in the region of the provider block is an EKS issuer of that region (${region})`,
      tf: `provider "aws" {
  region = "${region}"
}
${CLUSTER}
${webIdentityRole('data.aws_iam_openid_connect_provider.this.arn', 'StringEquals = { "${trimprefix(data.aws_eks_cluster.this.identity[0].oidc[0].issuer, "https://")}:sub" = "system:serviceaccount:ns:sa" }')}`,
      id: 'aws_iam_role.irsa.assume_role_policy',
      statements: trust(
        `arn:${partition}:iam::${ACCOUNT}:oidc-provider/oidc.eks.${region}.${suffix}/id/\${the OIDC issuer id of data.aws_eks_cluster.this}`,
        {
          StringEquals: {
            [`oidc.eks.${region}.${suffix}/id/\${the OIDC issuer id of data.aws_eks_cluster.this}:sub`]:
              'system:serviceaccount:ns:sa',
          },
        },
      ),
    })),
    {
      name: 'a cluster created here, its provider created from its issuer, keys cut from the provider ARN by a regular expression',
      tf: `provider "aws" {
  region = "eu-west-1"
}
resource "aws_eks_cluster" "this" {
  name     = "prod"
  role_arn = "arn:aws:iam::111122223333:role/eks"
  vpc_config {
    subnet_ids = ["subnet-1"]
  }
}
resource "aws_iam_openid_connect_provider" "this" {
  url            = aws_eks_cluster.this.identity[0].oidc[0].issuer
  client_id_list = ["sts.amazonaws.com"]
}
${webIdentityRole('aws_iam_openid_connect_provider.this.arn', 'StringLike = { "${replace(aws_iam_openid_connect_provider.this.arn, "/^(.*provider/)/", "")}:sub" = "system:serviceaccount:ns:*" }')}`,
      id: 'aws_iam_role.irsa.assume_role_policy',
      statements: trust(
        `arn:aws:iam::${ACCOUNT}:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/\${the OIDC issuer id of aws_eks_cluster.this}`,
        {
          StringLike: {
            'oidc.eks.eu-west-1.amazonaws.com/id/${the OIDC issuer id of aws_eks_cluster.this}:sub':
              'system:serviceaccount:ns:*',
          },
        },
      ),
    },
    {
      name: 'a provider looked up by an ARN the text gives is that ARN',
      tf: `variable "provider_arn" {
  default = "arn:aws:iam::111122223333:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/0A1B"
}
data "aws_iam_openid_connect_provider" "this" {
  arn = var.provider_arn
}
${webIdentityRole('data.aws_iam_openid_connect_provider.this.arn', 'StringEquals = { "oidc.eks.eu-west-1.amazonaws.com/id/0A1B:sub" = "system:serviceaccount:ns:sa" }')}`,
      id: 'aws_iam_role.irsa.assume_role_policy',
      statements: trust('arn:aws:iam::111122223333:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/0A1B', {
        StringEquals: { 'oidc.eks.eu-west-1.amazonaws.com/id/0A1B:sub': 'system:serviceaccount:ns:sa' },
      }),
    },
    {
      name: "a policy document's condition variable around a cluster's issuer",
      tf: `${CLUSTER}
data "aws_caller_identity" "current" {}
data "aws_iam_policy_document" "trust" {
  statement {
    actions = ["sts:AssumeRoleWithWebIdentity"]
    principals {
      type        = "Federated"
      identifiers = ["arn:aws:iam::\${data.aws_caller_identity.current.account_id}:oidc-provider/\${replace(data.aws_eks_cluster.this.identity[0].oidc[0].issuer, "https://", "")}"]
    }
    condition {
      test     = "StringEquals"
      variable = "\${replace(data.aws_eks_cluster.this.identity[0].oidc[0].issuer, "https://", "")}:sub"
      values   = ["system:serviceaccount:ns:sa"]
    }
  }
}
resource "aws_iam_role" "irsa" {
  name               = "irsa"
  assume_role_policy = data.aws_iam_policy_document.trust.json
}`,
      id: 'aws_iam_role.irsa.assume_role_policy',
      statements: [
        {
          Effect: 'Allow',
          Principal: { Federated: [`arn:aws:iam::${ACCOUNT}:oidc-provider/${ISSUER}`] },
          Action: ['sts:AssumeRoleWithWebIdentity'],
          Condition: { StringEquals: { [`${ISSUER}:sub`]: ['system:serviceaccount:ns:sa'] } },
        },
      ],
    },
    {
      name: 'a nested attribute of a data source with no known shape is named by its whole path',
      tf: `${ROLE}
data "aws_eks_cluster" "this" {
  name = "prod"
}
resource "aws_iam_role_policy" "app" {
  role   = aws_iam_role.app.id
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "ec2:AuthorizeSecurityGroupIngress", Resource = "arn:aws:ec2:eu-west-1:111122223333:security-group/\${data.aws_eks_cluster.this.vpc_config[0].cluster_security_group_id}" }] })
}`,
      id: 'aws_iam_role_policy.app',
      statements: [
        {
          Effect: 'Allow',
          Action: 'ec2:AuthorizeSecurityGroupIngress',
          Resource:
            'arn:aws:ec2:eu-west-1:111122223333:security-group/${data.aws_eks_cluster.this.vpc_config[0].cluster_security_group_id}',
        },
      ],
    },
  ];

  it.each(cases)('$name', async ({ tf, id, statements }) => {
    const input = await extractConfiguration(configuration({ 'main.tf': tf }));
    const source = sources(input).get(id);
    expect(source?.unresolved).toBeUndefined();
    expect((documentOf(source) as { Statement: unknown[] }).Statement).toEqual(statements);
    expect(input.errors).toEqual([]);
  });
});

describe('the workspace Terraform plans in', () => {
  const tf = `locals {
  actions = { default = "s3:GetObject", staging = "sqs:SendMessage" }
}
resource "aws_iam_policy" "p" {
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = local.actions[terraform.workspace], Resource = "*" }] })
}`;

  const given = process.env['TF_WORKSPACE'];
  afterEach(() => {
    if (given === undefined) delete process.env['TF_WORKSPACE'];
    else process.env['TF_WORKSPACE'] = given;
  });

  it.each<{ name: string; files: Record<string, string>; env: string; action: string }>([
    { name: 'without a workspace selected, `default`', files: { 'main.tf': tf }, env: '', action: 's3:GetObject' },
    {
      name: 'the one `terraform workspace select` recorded in .terraform/environment',
      files: { 'main.tf': tf, '.terraform/environment': 'staging\n' },
      env: '',
      action: 'sqs:SendMessage',
    },
    {
      name: 'the one TF_WORKSPACE names, before the recorded one',
      files: { 'main.tf': tf, '.terraform/environment': 'default\n' },
      env: 'staging',
      action: 'sqs:SendMessage',
    },
  ])('$name', async ({ files, env, action }) => {
    process.env['TF_WORKSPACE'] = env;
    const input = await extractConfiguration(configuration(files));
    const statement = (documentOf(sources(input).get('aws_iam_policy.p')) as { Statement: { Action: unknown }[] })
      .Statement[0];
    expect(statement?.Action).toBe(action);
  });
});

describe('variable values Terraform loads on its own', () => {
  it('terraform.tfvars beats the default and *.auto.tfvars beats terraform.tfvars', async () => {
    const input = await extractConfiguration(
      configuration({
        'main.tf': `${ROLE}
variable "table" {
  default = "from-default"
}
variable "bucket" {
  default = "from-default"
}
resource "aws_iam_role_policy" "app" {
  role   = aws_iam_role.app.id
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = ["arn:aws:s3:::\${var.bucket}/*", "arn:aws:dynamodb:eu-west-1:111122223333:table/\${var.table}"] }] })
}`,
        'terraform.tfvars': 'bucket = "from-tfvars"\ntable = "from-tfvars"\n',
        'z.auto.tfvars': 'table = "from-auto"\n',
      }),
    );
    const document = documentOf(sources(input).get('aws_iam_role_policy.app')) as {
      Statement: { Resource: string[] }[];
    };
    expect(document.Statement[0]?.Resource).toEqual([
      'arn:aws:s3:::from-tfvars/*',
      'arn:aws:dynamodb:eu-west-1:111122223333:table/from-auto',
    ]);
  });
});

describe('provider functions', () => {
  it("arn_parse of the caller's ARN only apply knows gives its partition, and its account as the provider's", async () => {
    const input = await extractConfiguration(
      configuration({
        'main.tf': `data "aws_caller_identity" "current" {}
locals {
  caller = provider::aws::arn_parse(data.aws_caller_identity.current.arn)
}
resource "aws_iam_policy" "p" {
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "arn:\${local.caller.partition}:s3:::logs-\${local.caller.account_id}/*" }] })
}`,
      }),
    );
    const source = sources(input).get('aws_iam_policy.p');
    expect(source?.unresolved).toBeUndefined();
    expect((documentOf(source) as { Statement: { Resource: unknown }[] }).Statement[0]?.Resource).toBe(
      'arn:${the partition of data.aws_caller_identity.current.arn}:s3:::logs-${the account of the AWS provider}/*',
    );
  });
});

describe('ephemeral values', () => {
  it('a part of a local that is not ephemeral is read: the policy passes the role it names', async () => {
    const input = await extractConfiguration(
      configuration({
        'main.tf': `ephemeral "aws_secretsmanager_secret_version" "token" {
  secret_id = "deploy-token"
}
locals {
  config = { token = ephemeral.aws_secretsmanager_secret_version.token.secret_string, role = aws_iam_role.r.arn }
}
resource "aws_iam_role" "r" {
  name               = "r"
  assume_role_policy = "{}"
}
resource "aws_iam_policy" "p" {
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "iam:PassRole", Resource = local.config.role }] })
}`,
      }),
    );
    const source = sources(input).get('aws_iam_policy.p');
    expect(source?.unresolved).toBeUndefined();
    expect((documentOf(source) as { Statement: { Resource: unknown }[] }).Statement[0]?.Resource).toBe(
      'arn:aws:iam::${the account of the AWS provider}:role/r',
    );
  });

  it('ephemeralasnull() of a local object nulls its ephemeral attribute and keeps the others', async () => {
    const input = await extractConfiguration(
      configuration({
        'main.tf': `ephemeral "aws_secretsmanager_secret_version" "token" {
  secret_id = "deploy-token"
}
variable "session" {
  type      = string
  ephemeral = true
  default   = "s"
}
locals {
  config = { token = ephemeral.aws_secretsmanager_secret_version.token.secret_string, session = "id-\${var.session}", actions = ["s3:GetObject"], bucket = "reports" }
  safe   = ephemeralasnull(local.config)
}
resource "aws_iam_policy" "p" {
  policy = jsonencode({ Version = "2012-10-17", Statement = [
    { Effect = "Allow", Action = local.safe.actions, Resource = "arn:aws:s3:::\${local.safe.bucket}/*" },
    { Effect = "Allow", Action = "s3:*", Resource = local.safe.token == null && ephemeralasnull(local.config).session == null ? "*" : "arn:aws:s3:::reports" },
  ] })
}`,
      }),
    );
    const source = sources(input).get('aws_iam_policy.p');
    expect(source?.unresolved).toBeUndefined();
    expect(documentOf(source)).toEqual({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Action: ['s3:GetObject'], Resource: 'arn:aws:s3:::reports/*' },
        { Effect: 'Allow', Action: 's3:*', Resource: '*' },
      ],
    });
  });
});

describe('what the .tf text alone cannot tell is reported, never skipped', () => {
  const cases: { name: string; tf: string; id: string; reason: RegExp }[] = [
    {
      name: 'a file() of a file that does not exist names the file: terraform plan fails there too',
      tf: `resource "aws_iam_policy" "p" {
  policy = file("\${path.module}/policy.json")
}`,
      id: 'aws_iam_policy.p',
      reason:
        /^`aws_iam_policy\.p\.policy` cannot be evaluated: `\.\/policy\.json` does not exist \(Terraform's error: `terraform plan` fails there too\)$/,
    },
    {
      name: 'an ephemeral resource read by a policy, through a local, is the error terraform plan stops at',
      tf: `ephemeral "aws_secretsmanager_secret_version" "token" {
  secret_id = "deploy-token"
}
locals {
  target = ephemeral.aws_secretsmanager_secret_version.token.arn
}
resource "aws_iam_policy" "p" {
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "iam:PassRole", Resource = local.target }] })
}`,
      id: 'aws_iam_policy.p',
      reason:
        /^`aws_iam_policy\.p\.policy` cannot be evaluated: `local\.target` \(from `ephemeral\.aws_secretsmanager_secret_version\.token\.arn`\) is ephemeral, and Terraform keeps no ephemeral value in an argument that is not write-only \(Terraform's error: `terraform plan` fails there too\)$/,
    },
    {
      name: 'a provider function named without its provider is the error terraform plan stops at, try() or not',
      tf: `resource "aws_organizations_policy" "p" {
  type    = "SERVICE_CONTROL_POLICY"
  content = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Deny", Action = "rds:AddTagsToResource", Resource = try(provider::arn_build("aws", "rds", "*", "*", "db:*"), "*") }] })
}`,
      id: 'aws_organizations_policy.p',
      reason:
        /^`aws_organizations_policy\.p\.content` cannot be evaluated: `provider::arn_build` names no provider: Terraform calls a provider function as `provider::NAME::arn_build` \(Terraform's error: `terraform plan` fails there too\)$/,
    },
    {
      name: 'a variable declared ephemeral and terraform.applying are ephemeral too; ephemeralasnull() of them is not',
      tf: `variable "token" {
  type      = string
  ephemeral = true
  default   = "arn:aws:iam::111122223333:role/x"
}
resource "aws_iam_policy" "p" {
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "iam:PassRole", Resource = ephemeralasnull(var.token) == null ? (terraform.applying ? "*" : var.token) : "*" }] })
}`,
      id: 'aws_iam_policy.p',
      reason:
        /^`aws_iam_policy\.p\.policy` cannot be evaluated: `terraform\.applying` is ephemeral, and Terraform keeps no ephemeral value in an argument that is not write-only \(Terraform's error: `terraform plan` fails there too\)$/,
    },
    {
      name: 'a whole number beyond 2^53 says that Terraform holds it exactly and this reader does not',
      tf: `variable "tenant" {
  default = 12345678901234567890
}
resource "aws_iam_policy" "p" {
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "arn:aws:s3:::tenant-\${format("%d", var.tenant)}/*" }] })
}`,
      id: 'aws_iam_policy.p',
      reason:
        /cannot be evaluated without a plan: `jsonencode.*` \(the number exceeds 2\^53: Terraform holds it exactly, this reader does not\)$/,
    },
    {
      name: 'a fraction the doubles drift on says that Terraform computes it with more precision',
      tf: `resource "aws_iam_policy" "p" {
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "arn:aws:s3:::share-\${0.1 + 0.2}/*" }] })
}`,
      id: 'aws_iam_policy.p',
      reason: /\(a sum is a fraction Terraform computes with 512-bit precision, this reader does not\)$/,
    },
    {
      name: 'a for expression over a variable without default names the expression',
      tf: `variable "arns" {
  type = list(string)
}
resource "aws_iam_policy" "p" {
  policy = jsonencode({ Version = "2012-10-17", Statement = [for a in var.arns : { Effect = "Allow", Action = "s3:*", Resource = a }] })
}`,
      id: 'aws_iam_policy.p',
      reason: /cannot be evaluated without a plan: `jsonencode\(\{ Version/,
    },
    {
      name: 'a document built with dynamic statements over what only apply knows says so',
      tf: `variable "names" {
  type = list(string)
}
data "aws_iam_policy_document" "d" {
  dynamic "statement" {
    for_each = var.names
    content {
      actions   = ["s3:*"]
      resources = ["*"]
    }
  }
}
resource "aws_iam_policy" "p" {
  policy = data.aws_iam_policy_document.d.json
}`,
      id: 'aws_iam_policy.p',
      reason: /`data\.aws_iam_policy_document\.d` builds its statements with a `dynamic` block/,
    },
    {
      name: 'a template_file whose vars hold what only apply knows names the rendering',
      tf: `resource "aws_s3_bucket" "b" {
  bucket = "reports"
}
data "template_file" "t" {
  template = "{\\"Version\\": \\"2012-10-17\\", \\"Statement\\": [{\\"Effect\\": \\"Allow\\", \\"Action\\": \\"s3:*\\", \\"Resource\\": \\"\${arn}/*\\"}]}"
  vars = {
    arn = aws_s3_bucket.b.arn
  }
}
resource "aws_iam_policy" "p" {
  policy = data.template_file.t.rendered
}`,
      id: 'aws_iam_policy.p',
      reason: /cannot be evaluated without a plan: `data\.template_file\.t\.rendered`/,
    },
    {
      name: 'an object key known only after apply as a whole names the expression: no claim to read in it',
      tf: `variable "key" {
  type = string
}
${webIdentityRole('"arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"', 'StringEquals = { (var.key) = "repo:acme/app:ref:refs/heads/main" }')}`,
      id: 'aws_iam_role.irsa.assume_role_policy',
      reason: /`aws_iam_role\.irsa\.assume_role_policy` cannot be evaluated without a plan/,
    },
  ];

  it.each(cases)('$name', async ({ tf, id, reason }) => {
    const input = await extractConfiguration(configuration({ 'main.tf': tf }));
    const source = sources(input).get(id);
    expect(source).toBeDefined();
    expect(source?.document).toBeUndefined();
    expect(source?.unresolved?.reason).toMatch(reason);
  });
});

describe('a reference to a block no file declares is named as such, not as known only after apply', () => {
  const document = `data "aws_iam_policy_document" "app" {
  statement {
    actions   = ["s3:GetObject"]
    resources = ["arn:aws:s3:::reports/*"]
  }
}
resource "aws_iam_policy" "app" {
  name   = "app"
  policy = data.aws_iam_policy_document.app.json
}
resource "aws_iam_role" "app" {
  name               = "app"
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "lambda.amazonaws.com" } }] })
}
`;
  const cases: { name: string; files: Record<string, string>; id: string; reason: RegExp }[] = [
    {
      name: 'a policy document data source written without `data.`: the data form is suggested',
      files: {
        'main.tf': `${document}resource "aws_iam_role_policy" "p" {
  role   = aws_iam_role.app.id
  policy = aws_iam_policy_document.app.json
}`,
      },
      id: 'aws_iam_role_policy.p',
      reason:
        /refers to `aws_iam_policy_document\.app`, which no block of the root module declares \(Terraform rejects the configuration: reference to undeclared resource\); did you mean `data\.aws_iam_policy_document\.app`\?$/,
    },
    {
      name: 'a typo in the name of a data source: the nearest declared name is suggested',
      files: {
        'main.tf': `${document}resource "aws_iam_policy" "p" {\n  policy = data.aws_iam_policy_document.apps.json\n}`,
      },
      id: 'aws_iam_policy.p',
      reason:
        /refers to `data\.aws_iam_policy_document\.apps`, which no block .* did you mean `data\.aws_iam_policy_document\.app`\?$/,
    },
    {
      name: 'the ARN of an undeclared policy in an attachment',
      files: {
        'main.tf': `${document}resource "aws_iam_role_policy_attachment" "a" {
  role       = aws_iam_role.app.name
  policy_arn = aws_iam_policy.apps.arn
}`,
      },
      id: '${aws_iam_policy.apps.arn}',
      reason:
        /attaches refers to `aws_iam_policy\.apps`, which no block of the root module declares .* did you mean `aws_iam_policy\.app`\?$/,
    },
    {
      name: 'an undeclared name nothing resembles: no suggestion',
      files: {
        'main.tf': `${document}resource "aws_iam_policy" "p" {\n  policy = data.aws_iam_policy_document.unrelated_name.json\n}`,
      },
      id: 'aws_iam_policy.p',
      reason:
        /refers to `data\.aws_iam_policy_document\.unrelated_name`, which no block of the root module declares \(Terraform rejects the configuration: reference to undeclared resource\)$/,
    },
    {
      name: 'inside a local module, the module is named',
      files: {
        'main.tf': 'module "api" {\n  source = "./api"\n}\n',
        'api/main.tf': `${document}resource "aws_iam_role_policy" "p" {
  role   = aws_iam_role.app.id
  policy = aws_iam_policy_document.app.json
}`,
      },
      id: 'module.api.aws_iam_role_policy.p',
      reason: /which no block of `module\.api` declares .* did you mean `data\.aws_iam_policy_document\.app`\?$/,
    },
  ];

  it.each(cases)('$name', async ({ files, id, reason }) => {
    const input = await extractConfiguration(configuration(files));
    const source = sources(input).get(id);
    expect(source?.document).toBeUndefined();
    expect(source?.unresolved?.reason).toMatch(reason);
  });

  it.each([
    [
      'an output of a module that is not installed',
      'module "policies" {\n  source = "acme/policies/aws"\n}\n',
      'module.policies.json',
    ],
    ['a variable without a value', 'variable "policy" {\n  type = string\n}\n', 'var.policy'],
  ])('%s is not called undeclared', async (_name, declarations, reference) => {
    const input = await extractConfiguration(
      configuration({ 'main.tf': `${declarations}resource "aws_iam_policy" "p" {\n  policy = ${reference}\n}` }),
    );
    const source = sources(input).get('aws_iam_policy.p');
    expect(source?.unresolved?.reason).toBeDefined();
    expect(source?.unresolved?.reason).not.toMatch(/undeclared/);
  });

  it('a declared block in another file of the module resolves', async () => {
    const input = await extractConfiguration(
      configuration({
        'documents.tf': document,
        'main.tf': 'resource "aws_iam_policy" "p" {\n  policy = data.aws_iam_policy_document.app.json\n}',
      }),
    );
    expect(sources(input).get('aws_iam_policy.p')?.unresolved).toBeUndefined();
  });
});

describe('principals, attachments and locations', () => {
  it('a counted role is one principal per instance, each with its boundary, managed policies and inline blocks', async () => {
    const dir = configuration({
      'roles.tf': `
resource "aws_iam_role" "worker" {
  count                = 2
  name                 = "worker-\${count.index}"
  assume_role_policy   = data.aws_iam_policy_document.trust.json
  permissions_boundary = aws_iam_policy.boundary.arn
  managed_policy_arns  = ["arn:aws:iam::aws:policy/ReadOnlyAccess"]
  inline_policy {
    name   = "queue"
    policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "sqs:SendMessage", Resource = "*" }] })
  }
}
data "aws_iam_policy_document" "trust" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["ec2.amazonaws.com"]
    }
  }
}`,
      'policies.tf': `
resource "aws_iam_policy" "boundary" {
  name   = "boundary"
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "sqs:*", Resource = "*" }] })
}`,
    });
    const input = await extractConfiguration(dir, 'conf');
    expect(input.principals.map((p) => [p.id, p.name])).toEqual([
      ['aws_iam_role.worker[0]', 'worker-0'],
      ['aws_iam_role.worker[1]', 'worker-1'],
    ]);
    const role = input.principals[1];
    // Each location names its file and the line that declares its block there.
    const roles = path.join('conf', 'roles.tf');
    expect(role?.location).toEqual({
      file: roles,
      address: 'aws_iam_role.worker[1]',
      declared: { file: roles, line: 2 },
    });
    const policies = path.join('conf', 'policies.tf');
    expect(role?.permissionsBoundary?.policy?.location).toEqual({
      file: policies,
      address: 'aws_iam_policy.boundary',
      declared: { file: policies, line: 2 },
    });
    expect(valueToString(role?.permissionsBoundary?.arn ?? '')).toMatch(/^arn:aws:iam::\$\{.+\}:policy\/boundary$/);
    expect(role?.policies.map((a) => [a.kind, a.policy?.name ?? a.arn])).toEqual([
      ['inline', 'aws_iam_role.worker[1].inline_policy.queue'],
      ['aws-managed', 'arn:aws:iam::aws:policy/ReadOnlyAccess'],
    ]);
    expect(documentOf(role?.trustPolicy)).toMatchObject({
      Statement: [{ Principal: { Service: ['ec2.amazonaws.com'] }, Action: ['sts:AssumeRole'] }],
    });
    // Attached as a boundary, the policy is not also scanned on its own.
    expect(input.policies).toEqual([]);
  });

  it('for_each and count known from the text make the instances Terraform would plan', async () => {
    const input = await extractConfiguration(
      configuration({
        'main.tf': `
variable "roles" {
  default = {
    reader = "s3:GetObject"
    writer = "s3:PutObject"
  }
}
variable "managed" {
  default = ["arn:aws:iam::aws:policy/AdministratorAccess"]
}
variable "legacy" {
  default = false
}
resource "aws_iam_role" "r" {
  for_each           = var.roles
  name               = each.key
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = { Service = "lambda.amazonaws.com" }, Action = "sts:AssumeRole" }] })
}
resource "aws_iam_role_policy" "p" {
  for_each = var.roles
  role     = aws_iam_role.r[each.key].id
  policy   = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = each.value, Resource = "*" }] })
}
resource "aws_iam_role_policy_attachment" "m" {
  count      = length(var.managed)
  role       = aws_iam_role.r["writer"].name
  policy_arn = var.managed[count.index]
}
resource "aws_iam_user" "legacy" {
  count = var.legacy ? 1 : 0
  name  = "legacy"
}`,
      }),
    );
    expect(input.principals.map((p) => p.id)).toEqual(['aws_iam_role.r["reader"]', 'aws_iam_role.r["writer"]']);
    const actions = input.principals.map((p) =>
      p.policies.map((a) =>
        a.policy === undefined
          ? a.arn
          : (documentOf(a.policy) as { Statement: { Action: string }[] }).Statement[0]?.Action,
      ),
    );
    expect(actions).toEqual([['s3:GetObject'], ['s3:PutObject', 'arn:aws:iam::aws:policy/AdministratorAccess']]);
  });

  it('a counted block named whole: splats pair by count.index, a dynamic block over it has its instances', async () => {
    const input = await extractConfiguration(
      configuration({
        'main.tf': `
variable "documents" {
  default = [
    { name = "reads", action = "s3:GetObject" },
    { name = "writes", action = "s3:PutObject" },
  ]
}
resource "aws_iam_role" "r" {
  name               = "r"
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = { Service = "lambda.amazonaws.com" }, Action = "sts:AssumeRole" }] })
}
resource "aws_iam_policy" "p" {
  count  = length(var.documents)
  name   = var.documents[count.index]["name"]
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = var.documents[count.index]["action"], Resource = "*" }] })
}
resource "aws_iam_role_policy_attachment" "a" {
  count      = length(var.documents)
  role       = aws_iam_role.r.name
  policy_arn = element(aws_iam_policy.p[*].arn, count.index)
}
data "aws_elb_service_account" "here" {
  count = 1
}
resource "aws_s3_bucket" "logs" {
  bucket = "logs"
}
data "aws_iam_policy_document" "logs" {
  dynamic "statement" {
    for_each = { for i, account in data.aws_elb_service_account.here : i => account }
    content {
      actions   = ["s3:PutObject"]
      resources = ["\${aws_s3_bucket.logs.arn}/*"]
      principals {
        type        = "AWS"
        identifiers = [statement.value.arn]
      }
    }
  }
}
resource "aws_s3_bucket_policy" "logs" {
  bucket = aws_s3_bucket.logs.id
  policy = data.aws_iam_policy_document.logs.json
}`,
      }),
    );
    expect(input.principals[0]?.policies.map((a) => a.policy?.id)).toEqual([
      'aws_iam_policy.p[0]',
      'aws_iam_policy.p[1]',
    ]);
    expect(input.policies).toEqual([]);
    const bucket = input.resources.find((r) => r.id === 'aws_s3_bucket_policy.logs');
    const statements = (documentOf(bucket?.policy) as { Statement: { Principal: { AWS: string[] } }[] }).Statement;
    expect(statements.map((s) => s.Principal.AWS[0])).toEqual([
      'arn:aws:iam::${data.aws_elb_service_account.here[0].id}:root',
    ]);
  });

  it('group policies reach the users of the group, and attachments land on their role', async () => {
    const input = await extractConfiguration(
      configuration({
        'main.tf': `${ROLE}
resource "aws_iam_user" "u" {
  name = "u"
}
resource "aws_iam_group" "g" {
  name = "g"
}
resource "aws_iam_group_membership" "m" {
  name  = "m"
  group = aws_iam_group.g.name
  users = [aws_iam_user.u.name]
}
resource "aws_iam_group_policy" "g" {
  group  = aws_iam_group.g.id
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "iam:*", Resource = "*" }] })
}
resource "aws_iam_policy" "p" {
  name   = "p"
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "*" }] })
}
resource "aws_iam_role_policy_attachment" "a" {
  role       = aws_iam_role.app.name
  policy_arn = aws_iam_policy.p.arn
}`,
      }),
    );
    const byId = new Map(input.principals.map((p) => [p.id, p]));
    expect(byId.get('aws_iam_user.u')?.policies.map((a) => [a.kind, a.policy?.id])).toEqual([
      ['group', 'aws_iam_group_policy.g'],
    ]);
    expect(byId.get('aws_iam_role.app')?.policies.map((a) => [a.kind, a.policy?.id])).toEqual([
      ['managed', 'aws_iam_policy.p'],
    ]);
  });

  it('the provider region written in the configuration shapes regional ARNs', async () => {
    const input = await extractConfiguration(
      configuration({
        'main.tf': `${ROLE}
provider "aws" {
  region = "eu-west-1"
}
resource "aws_sqs_queue" "jobs" {
  name = "jobs"
}
resource "aws_iam_role_policy" "app" {
  role   = aws_iam_role.app.id
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "sqs:SendMessage", Resource = aws_sqs_queue.jobs.arn }] })
}`,
      }),
    );
    const document = documentOf(sources(input).get('aws_iam_role_policy.app')) as {
      Statement: { Resource: string }[];
    };
    expect(document.Statement[0]?.Resource).toMatch(/^arn:aws:sqs:eu-west-1:\$\{.+\}:jobs$/);
  });

  it('an attribute written as a template around an unknown keeps its text: an AWS managed policy in any partition, a prefixed name', async () => {
    const input = await extractConfiguration(
      configuration({
        'main.tf': `${ROLE}
data "aws_partition" "current" {}
variable "prefix" {}
resource "aws_iam_role_policy_attachment" "admin" {
  role       = aws_iam_role.app.name
  policy_arn = "arn:\${data.aws_partition.current.partition}:iam::aws:policy/AdministratorAccess"
}
resource "aws_iam_role_policy_attachment" "custom" {
  role       = aws_iam_role.app.name
  policy_arn = "arn:aws:iam::111122223333:policy/\${var.prefix}-reader"
}`,
      }),
    );
    const attachments = input.principals.find((p) => p.id === 'aws_iam_role.app')?.policies ?? [];
    const admin = attachments.find((a) => a.kind === 'aws-managed');
    expect(admin?.arn).toBe('arn:aws:iam::aws:policy/AdministratorAccess');
    const custom = attachments.find((a) => a.kind === 'managed');
    expect(custom?.arn === undefined ? undefined : valueToString(custom.arn)).toMatch(
      /^arn:aws:iam::111122223333:policy\/\$\{.*var\.prefix.*\}-reader$/,
    );
  });
});

describe('local modules', () => {
  it("a module's policy takes the caller's known input, the caller's resource ARN and its own list default", async () => {
    const dir = configuration({
      'main.tf': `
resource "aws_sqs_queue" "jobs" {
  name = "jobs"
}
module "worker" {
  source    = "./worker"
  name      = "worker"
  queue_arn = aws_sqs_queue.jobs.arn
}`,
    });
    fs.mkdirSync(path.join(dir, 'worker'));
    fs.writeFileSync(
      path.join(dir, 'worker', 'main.tf'),
      `
variable "name" {}
variable "queue_arn" {}
variable "actions" {
  default = ["sqs:ReceiveMessage", "sqs:DeleteMessage"]
}
resource "aws_iam_role" "this" {
  name               = var.name
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = { Service = "ecs-tasks.amazonaws.com" }, Action = "sts:AssumeRole" }] })
}
resource "aws_iam_role_policy" "queue" {
  role   = aws_iam_role.this.id
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = var.actions, Resource = var.queue_arn }] })
}`,
    );
    const input = await extractConfiguration(dir, 'conf');
    const role = input.principals.find((p) => p.id === 'module.worker.aws_iam_role.this');
    expect(role?.name).toBe('worker');
    expect(role?.location.file).toBe(path.join('conf', 'worker', 'main.tf'));
    const document = documentOf(sources(input).get('module.worker.aws_iam_role_policy.queue')) as {
      Statement: { Action: unknown; Resource: string }[];
    };
    expect(document.Statement[0]?.Action).toEqual(['sqs:ReceiveMessage', 'sqs:DeleteMessage']);
    expect(document.Statement[0]?.Resource).toMatch(/^arn:aws:sqs:\$\{.+\}:\$\{.+\}:jobs$/);
  });

  it("optional attributes of a variable's object type take their default, or null, as Terraform converts the input", async () => {
    const dir = configuration({
      'main.tf': `
module "app" {
  source = "./role"
  permissions = {
    Write = { actions = ["s3:PutObject"], resources = ["arn:aws:s3:::uploads/*"] }
    Guard = { effect = "Deny", actions = ["s3:DeleteObject"], resources = ["*"] }
  }
}`,
    });
    fs.mkdirSync(path.join(dir, 'role'));
    fs.writeFileSync(
      path.join(dir, 'role', 'main.tf'),
      `
variable "permissions" {
  type = map(object({
    sid         = optional(string)
    effect      = optional(string, "Allow")
    actions     = optional(list(string))
    not_actions = optional(list(string))
    resources   = list(string)
  }))
}
variable "extra" {
  type    = list(object({ actions = list(string), effect = optional(string, "Allow") }))
  default = [{ actions = ["sqs:SendMessage"] }]
}
resource "aws_iam_role" "this" {
  name               = "app"
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = { Service = "ecs-tasks.amazonaws.com" }, Action = "sts:AssumeRole" }] })
}
data "aws_iam_policy_document" "inline" {
  dynamic "statement" {
    for_each = var.permissions
    content {
      sid         = coalesce(statement.value.sid, statement.key)
      effect      = statement.value.effect
      actions     = statement.value.actions
      not_actions = statement.value.not_actions
      resources   = statement.value.resources
    }
  }
  dynamic "statement" {
    for_each = var.extra
    content {
      effect    = statement.value.effect
      actions   = statement.value.actions
      resources = ["arn:aws:sqs:eu-west-1:111122223333:jobs"]
    }
  }
}
resource "aws_iam_role_policy" "inline" {
  role   = aws_iam_role.this.id
  policy = data.aws_iam_policy_document.inline.json
}`,
    );
    const input = await extractConfiguration(dir, 'conf');
    const source = sources(input).get('module.app.aws_iam_role_policy.inline');
    expect(source?.unresolved).toBeUndefined();
    expect(documentOf(source)).toEqual({
      Version: '2012-10-17',
      Statement: [
        { Sid: 'Guard', Effect: 'Deny', Action: ['s3:DeleteObject'], Resource: ['*'] },
        { Sid: 'Write', Effect: 'Allow', Action: ['s3:PutObject'], Resource: ['arn:aws:s3:::uploads/*'] },
        { Effect: 'Allow', Action: ['sqs:SendMessage'], Resource: ['arn:aws:sqs:eu-west-1:111122223333:jobs'] },
      ],
    });
  });

  it("primitives of a variable's value are converted to the primitive types its type declares, as Terraform converts them", async () => {
    // terraform console gives this default, converted: {"account":"111122223333","enabled":true,
    // "ids":["1","2.5","true"],"opt":"5","port":443,"tags":{"a":"1","b":"false"}}
    const dir = configuration({
      'main.tf': `
variable "x" {
  type    = object({ account = string, port = number, enabled = bool, ids = list(string), tags = map(string), opt = optional(string, 5) })
  default = { account = 111122223333, port = "443", enabled = "true", ids = [1, 2.5, true], tags = { a = 1, b = false } }
}
resource "aws_sqs_queue" "q" {
  name   = "jobs"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { AWS = var.x.account }, Action = "sqs:SendMessage", Resource = "*", Condition = { StringEquals = { "aws:PrincipalTag/ids" = var.x.ids, "aws:PrincipalTag/port" = var.x.port, "aws:PrincipalTag/on" = var.x.enabled, "aws:PrincipalTag/opt" = var.x.opt, "aws:PrincipalTag/a" = var.x.tags.a } } }]
  })
}`,
    });
    const input = await extractConfiguration(dir, 'conf');
    const source = sources(input).get('aws_sqs_queue.q');
    expect(source?.unresolved).toBeUndefined();
    expect(documentOf(source)).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { AWS: '111122223333' },
          Action: 'sqs:SendMessage',
          Resource: '*',
          Condition: {
            StringEquals: {
              'aws:PrincipalTag/ids': ['1', '2.5', 'true'],
              'aws:PrincipalTag/port': 443,
              'aws:PrincipalTag/on': true,
              'aws:PrincipalTag/opt': '5',
              'aws:PrincipalTag/a': '1',
            },
          },
        },
      ],
    });
  });

  it('a map input whose values only apply knows keeps its keys: one attachment per key, the literal ARN included', async () => {
    const dir = configuration({
      'main.tf': `
resource "aws_iam_policy" "custom" {
  name   = "custom"
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "sqs:SendMessage", Resource = "*" }] })
}
module "app" {
  source = "./role"
  policies = {
    custom = aws_iam_policy.custom.arn
    admin  = "arn:aws:iam::aws:policy/AdministratorAccess"
  }
}`,
    });
    fs.mkdirSync(path.join(dir, 'role'));
    fs.writeFileSync(
      path.join(dir, 'role', 'main.tf'),
      `
variable "policies" {
  type = map(string)
}
resource "aws_iam_role" "this" {
  name               = "app"
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = { Service = "ec2.amazonaws.com" }, Action = "sts:AssumeRole" }] })
}
resource "aws_iam_role_policy_attachment" "this" {
  for_each   = var.policies
  role       = aws_iam_role.this.name
  policy_arn = each.value
}`,
    );
    const input = await extractConfiguration(dir, 'conf');
    const role = input.principals.find((p) => p.id === 'module.app.aws_iam_role.this');
    expect(role?.policies.map((a) => [a.kind, a.policy?.id ?? a.arn]).sort()).toEqual([
      ['aws-managed', 'arn:aws:iam::aws:policy/AdministratorAccess'],
      ['managed', 'aws_iam_policy.custom'],
    ]);
  });

  it('dynamic statements over a map input with a resource ARN in one value are expanded, that value rebuilt from the caller', async () => {
    const dir = configuration({
      'main.tf': `
resource "aws_s3_bucket" "b" {
  bucket = "reports"
}
module "app" {
  source = "./role"
  grants = {
    Read = { actions = ["s3:GetObject"], resources = ["\${aws_s3_bucket.b.arn}/*"] }
    Pass = { actions = ["iam:PassRole"], resources = ["*"] }
  }
}`,
    });
    fs.mkdirSync(path.join(dir, 'role'));
    fs.writeFileSync(
      path.join(dir, 'role', 'main.tf'),
      `
variable "grants" {
  type = map(object({ actions = list(string), resources = list(string) }))
}
resource "aws_iam_role" "this" {
  name               = "app"
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = { Service = "ec2.amazonaws.com" }, Action = "sts:AssumeRole" }] })
}
data "aws_iam_policy_document" "p" {
  dynamic "statement" {
    for_each = var.grants
    content {
      sid       = statement.key
      actions   = statement.value.actions
      resources = statement.value.resources
    }
  }
}
resource "aws_iam_role_policy" "p" {
  role   = aws_iam_role.this.id
  policy = data.aws_iam_policy_document.p.json
}`,
    );
    const input = await extractConfiguration(dir, 'conf');
    const source = sources(input).get('module.app.aws_iam_role_policy.p');
    expect(source?.unresolved).toBeUndefined();
    const document = documentOf(source) as { Statement: { Sid: string; Action: string[]; Resource: string[] }[] };
    expect(document.Statement.map((s) => [s.Sid, s.Action])).toEqual([
      ['Pass', ['iam:PassRole']],
      ['Read', ['s3:GetObject']],
    ]);
    expect(document.Statement[0]?.Resource).toEqual(['*']);
    // The caller's template around the bucket's ARN, as Terraform renders it: not a hole after the ARN.
    expect(document.Statement[1]?.Resource).toEqual(['arn:aws:s3:::reports/*']);
  });

  it('instances iterated whole, a resource given whole and try() over a data source with no instance read what Terraform reads', async () => {
    const input = await extractConfiguration('integ/tf-scan/hcl-survey/rendered-documents-and-instances');
    const all = sources(input);
    const statements = (id: string): unknown => {
      const source = all.get(id);
      expect(source?.unresolved).toBeUndefined();
      return (documentOf(source) as { Statement: unknown }).Statement;
    };
    const account = '${the account of the AWS provider}';
    const workers = [`arn:aws:iam::${account}:role/worker-0`, `arn:aws:iam::${account}:role/worker-1`];
    expect(statements('aws_iam_role_policy.zones')).toEqual([
      {
        Effect: 'Allow',
        Action: ['s3:GetObject', 's3:PutObject'],
        Resource: ['arn:aws:s3:::acme-curated/*', 'arn:aws:s3:::acme-raw/*'],
      },
      { Effect: 'Allow', Action: ['s3:ListBucket'], Resource: ['arn:aws:s3:::acme-curated', 'arn:aws:s3:::acme-raw'] },
      { Effect: 'Allow', Action: ['iam:PassRole'], Resource: workers },
    ]);
    expect(statements('aws_iam_role_policy.dispatch')).toEqual([
      { Effect: 'Allow', Action: 'iam:PassRole', Resource: [...workers, '*'] },
    ]);
    // The data source has no instance (count 0): try() falls back to the group made here.
    expect(statements('aws_iam_role_policy.logs')).toEqual([
      {
        Effect: 'Allow',
        Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        Resource: `arn:aws:logs:eu-west-1:${account}:log-group:/aws/lambda/dispatcher:*`,
      },
    ]);
    expect(statements('module.deploy_main.aws_iam_role.this.assume_role_policy')).toMatchObject([
      {
        Principal: { Federated: [`arn:aws:iam::${account}:oidc-provider/token.actions.githubusercontent.com`] },
        Condition: { StringLike: { 'token.actions.githubusercontent.com:sub': ['repo:acme/app:ref:refs/heads/main'] } },
      },
    ]);
    // The placeholder replaced in the rendered document, the variable's document kept beside it.
    expect(statements('aws_sns_topic_policy.alerts')).toEqual([
      {
        Sid: 'Owner',
        Effect: 'Allow',
        Principal: { AWS: ['*'] },
        Action: ['sns:Publish', 'sns:Subscribe'],
        Resource: [`arn:aws:sns:eu-west-1:${account}:alerts`],
        Condition: { StringEquals: { 'AWS:SourceOwner': [account] } },
      },
      {
        Sid: 'Anyone',
        Effect: 'Allow',
        Principal: '*',
        Action: 'sns:Publish',
        Resource: `arn:aws:sns:eu-west-1:${account}:alerts`,
      },
    ]);
  });

  it('dynamic statements keep the text around values known only after apply, as Terraform renders them', async () => {
    // Templates around the bucket ARN, the account and the partition, in `dynamic` blocks of a module
    // fed by the caller's map; `values = [false]` and `resources == null` beside a list with an unknown.
    const input = await extractConfiguration('integ/tf-scan/hcl-survey/dynamic-statement-templates');
    const source = sources(input).get('module.logs_policy.aws_s3_bucket_policy.this');
    expect(source?.unresolved).toBeUndefined();
    const account = '${the account of the AWS provider}';
    expect((documentOf(source) as { Statement: unknown[] }).Statement).toEqual([
      {
        Sid: 'DenyInsecureTransport',
        Effect: 'Deny',
        Principal: '*',
        Action: ['s3:*'],
        Resource: ['arn:aws:s3:::acme-logs', 'arn:aws:s3:::acme-logs/*'],
        Condition: { Bool: { 'aws:SecureTransport': ['false'] } },
      },
      {
        Sid: 'AccessLogs',
        Effect: 'Allow',
        Principal: { Service: ['logging.s3.amazonaws.com'] },
        Action: ['s3:PutObject'],
        Resource: ['arn:aws:s3:::acme-logs/access/*'],
        Condition: { StringEquals: { 'aws:SourceAccount': [account] } },
      },
      {
        Sid: 'Public',
        Effect: 'Allow',
        Principal: { AWS: ['*'] },
        Action: ['s3:GetObject'],
        Resource: ['arn:aws:s3:::acme-logs/public/*'],
      },
      {
        Sid: 'Readers',
        Effect: 'Allow',
        Principal: { AWS: [`arn:aws:iam::${account}:role/analyst`] },
        Action: ['s3:GetObject'],
        Resource: ['arn:aws:s3:::acme-logs/reports/*'],
      },
      {
        Sid: 'Writers',
        Effect: 'Allow',
        Principal: { AWS: [`arn:aws:iam::${account}:role/ingest`] },
        Action: ['s3:PutObject'],
        Resource: ['arn:aws:s3:::acme-logs/*'],
      },
    ]);
  });

  it.each([
    [
      'jsonencode',
      `jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "sqs:SendMessage", Resource = aws_sqs_queue.jobs.arn }] })`,
    ],
    [
      'a heredoc',
      `<<EOT
{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sqs:SendMessage", "Resource": "\${aws_sqs_queue.jobs.arn}"}]}
EOT`,
    ],
  ])(
    'a policy the caller writes with %s around a resource ARN and passes as a string input is the document it wrote',
    async (_name, written) => {
      const dir = configuration({
        'main.tf': `
resource "aws_sqs_queue" "jobs" {
  name = "jobs"
}
module "policy" {
  source = "./policy"
  policy = ${written}
}`,
      });
      fs.mkdirSync(path.join(dir, 'policy'));
      fs.writeFileSync(
        path.join(dir, 'policy', 'main.tf'),
        `
variable "policy" {
  type = string
}
resource "aws_iam_policy" "this" {
  name   = "p"
  policy = var.policy
}`,
      );
      const input = await extractConfiguration(dir, 'conf');
      const source = sources(input).get('module.policy.aws_iam_policy.this');
      expect(source?.unresolved).toBeUndefined();
      const document = documentOf(source) as { Statement: { Action: string; Resource: string }[] };
      expect(document.Statement[0]?.Action).toBe('sqs:SendMessage');
      // The queue's ARN: its name known, its region and account those of the provider.
      expect(document.Statement[0]?.Resource).toMatch(/^arn:aws:sqs:\$\{.+\}:\$\{.+\}:jobs$/);
    },
  );

  it('a registry module is read where `terraform init` installed it, and reported unread when it did not', async () => {
    const call = `
module "deployer" {
  source  = "example-org/deploy-role/aws"
  version = "1.2.0"
  name    = "deployer"
}`;
    const module = `
variable "name" {}
resource "aws_iam_role" "this" {
  name               = var.name
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = { Service = "codebuild.amazonaws.com" }, Action = "sts:AssumeRole" }] })
}
resource "aws_iam_role_policy" "deploy" {
  role   = aws_iam_role.this.id
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "iam:PassRole", Resource = "*" }] })
}`;
    const initialised = configuration({ 'main.tf': call });
    const installed = path.join(initialised, '.terraform', 'modules', 'deployer');
    fs.mkdirSync(installed, { recursive: true });
    fs.writeFileSync(path.join(installed, 'main.tf'), module);
    fs.writeFileSync(
      path.join(initialised, '.terraform', 'modules', 'modules.json'),
      JSON.stringify({
        Modules: [
          { Key: '', Source: '', Dir: '.' },
          {
            Key: 'deployer',
            Source: 'registry.terraform.io/example-org/deploy-role/aws',
            Version: '1.2.0',
            Dir: '.terraform/modules/deployer',
          },
        ],
      }),
    );
    const input = await extractConfiguration(initialised, 'conf');
    const role = input.principals.find((p) => p.id === 'module.deployer.aws_iam_role.this');
    expect(role?.name).toBe('deployer');
    expect(role?.location.file).toBe(path.join('conf', '.terraform', 'modules', 'deployer', 'main.tf'));
    const document = documentOf(sources(input).get('module.deployer.aws_iam_role_policy.deploy')) as {
      Statement: unknown[];
    };
    expect(document.Statement).toEqual([{ Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' }]);
    expect(input.policies.filter((p) => p.policy.unresolved !== undefined)).toEqual([]);

    const dir = configuration({ 'main.tf': call });
    const uninitialised = await extractConfiguration(dir, 'conf');
    expect(uninitialised.principals).toEqual([]);
    expect(uninitialised.errors).toEqual([]);
    // Its roles may exist: said, not passed in silence.
    expect(
      uninitialised.policies.map((p) => [p.policy.id, p.policy.location.file, p.policy.unresolved?.reason]),
    ).toEqual([
      [
        'module.deployer',
        path.join('conf', 'main.tf'),
        'module source `example-org/deploy-role/aws` is not installed, so the roles and policies it creates are not read: run `terraform init` first, or scan the plan',
      ],
    ]);
  });
});

describe('modules not installed that make no instance', () => {
  it('a call of count 0 or an empty for_each, or inside a module called so, creates nothing: no unresolved policy', async () => {
    const registry = (name: string, meta: string): string =>
      `module "${name}" {\n  source = "terraform-aws-modules/iam/aws//modules/iam-role"\n${meta}}\n`;
    const dir = configuration({
      'main.tf': [
        'variable "enabled" {\n  type = bool\n}\n',
        registry('off', '  count = 0\n'),
        registry('none', '  for_each = {}\n'),
        registry('on', '  count = 2\n'),
        registry('maybe', '  count = var.enabled ? 1 : 0\n'),
        'module "team_off" {\n  source = "./team"\n  count  = 0\n}\n',
        'module "team" {\n  source   = "./team"\n  for_each = toset(["a", "b"])\n}\n',
      ].join(''),
      'team/main.tf': registry('deployer', ''),
    });
    const input = await extractConfiguration(dir);
    expect(input.policies.map((p) => p.policy.id).sort()).toEqual([
      'module.maybe',
      'module.on',
      'module.team.module.deployer',
    ]);
  });
});

describe('paths of modules', () => {
  it("path.module, path.root and path.cwd are Terraform's values in a child module: no path of this machine in a key", async () => {
    const dir = configuration({
      'main.tf': 'module "iam" {\n  source = "./modules/../modules/iam"\n}\n',
      'modules/iam/main.tf': `resource "aws_iam_policy" "p" {
  for_each = { for f in fileset("\${path.module}/policies", "*.json") : "\${path.module}/policies/\${f}" => f }
  policy   = file(each.key)
}
resource "aws_iam_policy" "root" {
  for_each = toset([path.root])
  policy   = file("\${each.key}/modules/iam/policies/read.json")
}
resource "aws_iam_policy" "cwd" {
  for_each = toset([path.cwd])
  policy   = file("\${each.key}/modules/iam/policies/read.json")
}`,
      'modules/iam/policies/read.json':
        '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::reports/*"}]}',
    });
    const input = await extractConfiguration(dir, 'conf');
    // As `terraform plan` names them: `path.module` relative to the root module, `path.root` `.`,
    // `path.cwd` the directory Terraform runs in; each file read from the root module's directory.
    expect(input.policies.map((p) => [p.policy.id, p.policy.unresolved]).sort()).toEqual(
      [
        ['module.iam.aws_iam_policy.p["modules/iam/policies/read.json"]', undefined],
        ['module.iam.aws_iam_policy.root["."]', undefined],
        [`module.iam.aws_iam_policy.cwd["${path.resolve(dir)}"]`, undefined],
      ].sort(),
    );
  });
});

describe('files Terraform cannot read', () => {
  const DOCUMENT =
    '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::reports/*"}]}';
  const cases: { name: string; files: Record<string, string>; id: string; reason: RegExp | undefined }[] = [
    {
      name: 'jsondecode() of a file that is not JSON names the file',
      files: {
        'main.tf': 'resource "aws_iam_policy" "p" {\n  policy = jsonencode(jsondecode(file("policy.json")))\n}\n',
        'policy.json': '{"Version": "2012-10-17", "Statement": [],}',
      },
      id: 'aws_iam_policy.p',
      reason:
        /^`aws_iam_policy\.p\.policy` cannot be evaluated: `policy\.json` is not valid JSON \(`jsondecode` refuses it\) \(Terraform's error/,
    },
    {
      name: 'a local decoding a YAML file that is not YAML, read through the local',
      files: {
        'main.tf':
          'locals {\n  roles = yamldecode(file("${path.module}/roles.yaml"))\n}\nresource "aws_iam_policy" "p" {\n  policy = jsonencode(local.roles.policy)\n}\n',
        'roles.yaml': 'policy:\n\tVersion: 1\n',
      },
      id: 'aws_iam_policy.p',
      reason: /^`aws_iam_policy\.p\.policy` cannot be evaluated: `\.\/roles\.yaml` is not valid YAML/,
    },
    {
      name: 'a template_file whose template file does not exist',
      files: {
        'main.tf':
          'data "template_file" "t" {\n  template = file("templates/policy.json.tpl")\n}\nresource "aws_iam_policy" "p" {\n  policy = data.template_file.t.rendered\n}\n',
      },
      id: 'aws_iam_policy.p',
      reason: /^`aws_iam_policy\.p\.policy` cannot be evaluated: `templates\/policy\.json\.tpl` does not exist/,
    },
    {
      name: 'templatefile() of a template that does not parse says where it stops, a policy variable written as an interpolation',
      files: {
        'main.tf':
          'resource "aws_iam_policy" "p" {\n  policy = templatefile("home.json.tftpl", { bucket = "home" })\n}\n',
        'home.json.tftpl':
          '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "arn:aws:s3:::${bucket}/${aws:username}/*"}]}',
      },
      id: 'aws_iam_policy.p',
      reason:
        /^`aws_iam_policy\.p\.policy` cannot be evaluated: `home\.json\.tftpl` does not parse as a template: expected `\}` at `:username\}[^`]*` \(a policy variable is written `\$\$\{aws:username\}` in a template\) \(Terraform's error/,
    },
    {
      name: 'templatefile() of a directory',
      files: {
        'main.tf': 'resource "aws_iam_policy" "p" {\n  policy = templatefile("policies", {})\n}\n',
        'policies/x.json': DOCUMENT,
      },
      id: 'aws_iam_policy.p',
      reason: /^`aws_iam_policy\.p\.policy` cannot be evaluated: `policies` is a directory, not a file/,
    },
    {
      name: 'a for_each over a data file that is not JSON: every instance fails, and says why',
      files: {
        'main.tf':
          'locals {\n  groups = jsondecode(file("groups.json"))\n}\nresource "aws_iam_policy" "p" {\n  for_each = local.groups\n  policy   = jsonencode(each.value)\n}\n',
        'groups.json': '{"readers": {"Version": "2012-10-17", "Statement": []},}',
      },
      id: 'aws_iam_policy.p',
      reason:
        /^`aws_iam_policy\.p` cannot be evaluated: its `for_each` fails: `groups\.json` is not valid JSON \(`jsondecode` refuses it\)/,
    },
    {
      name: 'templatefile() of a template naming a variable it is not given',
      files: {
        'main.tf':
          'resource "aws_iam_policy" "p" {\n  policy = templatefile("bucket.json.tpl", { buckt = "data" })\n}\n',
        'bucket.json.tpl':
          '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::${bucket}/*"}]}',
      },
      id: 'aws_iam_policy.p',
      reason:
        /^`aws_iam_policy\.p\.policy` cannot be evaluated: `bucket\.json\.tpl` refers to `bucket`, which the variables given to `templatefile` do not hold/,
    },
    {
      name: 'a module instance reading a policy file its input names that does not exist: no document guessed from the name',
      files: {
        'main.tf':
          'module "policy" {\n  source      = "./modules/policy"\n  for_each    = toset(["s3-list", "s3-lst"])\n  policy_name = each.value\n}\n',
        'modules/policy/main.tf':
          'variable "policy_name" {}\nresource "aws_iam_policy" "this" {\n  policy = file("${path.module}/json/${var.policy_name}.json")\n}\n',
        'modules/policy/json/s3-list.json': DOCUMENT,
      },
      id: 'module.policy["s3-lst"].aws_iam_policy.this',
      // It was the text `s3-lst`, reported as a policy of invalid JSON.
      reason:
        /^`module\.policy\["s3-lst"\]\.aws_iam_policy\.this\.policy` cannot be evaluated: `modules\/policy\/json\/s3-lst\.json` does not exist/,
    },
    {
      name: 'the instance of that module whose policy file exists is read: the error belongs to the other instance',
      files: {
        'main.tf':
          'module "policy" {\n  source      = "./modules/policy"\n  for_each    = toset(["s3-list", "s3-lst"])\n  policy_name = each.value\n}\n',
        'modules/policy/main.tf':
          'variable "policy_name" {}\nresource "aws_iam_policy" "this" {\n  policy = file("${path.module}/json/${var.policy_name}.json")\n}\n',
        'modules/policy/json/s3-list.json': DOCUMENT,
      },
      id: 'module.policy["s3-list"].aws_iam_policy.this',
      reason: undefined,
    },
    {
      name: 'try() falls back from a file that does not exist, as Terraform does: no error then',
      files: {
        'main.tf': `resource "aws_iam_policy" "p" {\n  policy = try(file("missing.json"), file("policy.json"))\n}\n`,
        'policy.json': DOCUMENT,
      },
      id: 'aws_iam_policy.p',
      reason: undefined,
    },
  ];

  it.each(cases)('$name', async ({ files, id, reason }) => {
    const source = sources(await extractConfiguration(configuration(files))).get(id);
    expect(source).toBeDefined();
    if (reason === undefined) {
      expect(source?.unresolved).toBeUndefined();
      expect(source?.document).toBeDefined();
    } else {
      expect(source?.unresolved?.reason).toMatch(reason);
      expect(source?.document).toBeUndefined();
    }
  });
});

describe('configurations that cannot be read', () => {
  const cases: { name: string; files: Record<string, string> | undefined; message: RegExp }[] = [
    {
      name: 'a directory that does not exist',
      files: undefined,
      message: /tf-scan-hcl-missing-dir: no such file or directory$/,
    },
    {
      name: 'a directory without .tf files',
      files: { 'notes.txt': 'x' },
      message: /holds no \.tf, \.tf\.json, \.tofu or \.tofu\.json file/,
    },
    {
      name: 'a syntax error names the file and the line',
      files: { 'ok.tf': ROLE, 'broken.tf': 'resource "aws_iam_role" "x" {\n  name = \n}\n' },
      message: /broken\.tf: invalid HCL at line 2, column \d+: invalid expression/,
    },
    // Twelve levels of three self-calls were half a million modules before the loop was told.
    {
      name: 'a module that calls itself is a module loop',
      files: { 'main.tf': ['a', 'b', 'c'].map((n) => `module "${n}" {\n  source = "./"\n}\n`).join('') + ROLE },
      message: /\/main\.tf: module `a` \(source `\.\/`\) calls a module that calls it: a module loop$/,
    },
    {
      name: 'two modules that call each other are a module loop',
      files: {
        'main.tf': 'module "a" {\n  source = "./a"\n}\n',
        'a/main.tf': 'module "b" {\n  source = "../b"\n}\n',
        'b/main.tf': 'module "a" {\n  source = "../a"\n}\n',
      },
      message: /b\/main\.tf: module `a` \(source `\.\.\/a`\) calls a module that calls it: a module loop$/,
    },
    {
      name: 'a local module whose folder does not exist names the call',
      files: { 'main.tf': 'module "iam" {\n  source = "./modules/iam"\n}\n' },
      message: /\/main\.tf: module `iam` \(source `\.\/modules\/iam`\): `.+\/modules\/iam` is not a directory$/,
    },
    {
      name: 'a directory of variable values only names them and says to give them with --var-file',
      files: { 'terraform.tfvars': 'env = "prod"\n', 'network.auto.tfvars.json': '{}' },
      message:
        /holds no \.tf, \.tf\.json, \.tofu or \.tofu\.json file: it holds variable values only \(`network\.auto\.tfvars\.json` and 1 more\); scan the configuration they are for, giving them with `--var-file .+network\.auto\.tfvars\.json`$/,
    },
    {
      name: 'only the first of the diagnostics of a syntax error, which follow from it',
      files: { 'main.tf': 'resource "aws_iam_role" "x" {\n  name = "x\n}\n' },
      message:
        /\/main\.tf: invalid HCL at line 2, column 12: invalid multi-line string; [^\n]*heredoc" multi-line template syntax\.$/,
    },
    // Terraform stops at `Error: Cycle: ...`: no plan exists. It overflowed the stack and said
    // "expressions nested too deeply", naming no file.
    {
      name: 'a policy read back through a local is a cycle naming the file and the local',
      files: {
        'main.tf': ROLE,
        'policy.tf':
          'locals {\n  a = aws_iam_policy.x.policy\n}\nresource "aws_iam_policy" "x" {\n  policy = local.a\n}\n',
      },
      message:
        /\/policy\.tf: `aws_iam_policy\.x\.policy` reads itself in a cycle, which Terraform refuses: `aws_iam_policy\.x\.policy` -> `local\.a` -> `aws_iam_policy\.x\.policy`$/,
    },
    {
      name: 'two policies reading each other through two locals are a cycle naming both',
      files: {
        'main.tf':
          'locals {\n  one = aws_iam_policy.y.policy\n  two = "${local.one}"\n}\n' +
          'resource "aws_iam_policy" "x" {\n  policy = local.two\n}\n' +
          'resource "aws_iam_policy" "y" {\n  policy = aws_iam_policy.x.policy\n}\n',
      },
      message:
        /\/main\.tf: `aws_iam_policy\.x\.policy` reads itself in a cycle, which Terraform refuses: `aws_iam_policy\.x\.policy` -> `local\.two` -> `local\.one` -> `aws_iam_policy\.y\.policy` -> `aws_iam_policy\.x\.policy`$/,
    },
    {
      name: "a policy given to a module and read back from the module's output is a cycle",
      files: {
        'main.tf':
          'module "m" {\n  source = "./m"\n  doc    = aws_iam_policy.x.policy\n}\n' +
          'resource "aws_iam_policy" "x" {\n  policy = module.m.doc\n}\n',
        'm/main.tf': 'variable "doc" {\n  type = string\n}\noutput "doc" {\n  value = var.doc\n}\n',
      },
      message:
        /\/main\.tf: `aws_iam_policy\.x\.policy` reads itself in a cycle, which Terraform refuses: `aws_iam_policy\.x\.policy` -> `module\.m\.doc` -> `aws_iam_policy\.x\.policy`$/,
    },
    {
      name: 'a policy document that takes the statements of the policy built on it is a cycle',
      files: {
        'main.tf':
          'data "aws_iam_policy_document" "d" {\n  source_policy_documents = [aws_iam_policy.x.policy]\n}\n' +
          'resource "aws_iam_policy" "x" {\n  policy = data.aws_iam_policy_document.d.json\n}\n',
      },
      message:
        /\/main\.tf: `aws_iam_policy\.x\.policy` reads itself in a cycle, which Terraform refuses: `aws_iam_policy\.x\.policy` -> `data\.aws_iam_policy_document\.d\.json` -> `aws_iam_policy\.x\.policy`$/,
    },
    {
      name: 'a policy document that reads the policy built on it through a local names the local',
      files: {
        'main.tf':
          'locals {\n  doc = aws_iam_policy.x.policy\n}\n' +
          'data "aws_iam_policy_document" "d" {\n  source_policy_documents = [local.doc]\n}\n' +
          'resource "aws_iam_policy" "x" {\n  policy = data.aws_iam_policy_document.d.json\n}\n',
      },
      message:
        /\/main\.tf: `aws_iam_policy\.x\.policy` reads itself in a cycle, which Terraform refuses: `aws_iam_policy\.x\.policy` -> `data\.aws_iam_policy_document\.d\.json` -> `local\.doc` -> `aws_iam_policy\.x\.policy`$/,
    },
  ];

  it.each(cases)('$name', async ({ files, message }) => {
    const dir = files === undefined ? path.join(os.tmpdir(), 'tf-scan-hcl-missing-dir') : configuration(files);
    await expect(extractConfiguration(dir)).rejects.toThrow(message);
  });

  it('a .tf file that is a link to nothing is an error saying so', async () => {
    const dir = configuration({ 'main.tf': ROLE });
    fs.symlinkSync(path.join(dir, 'shared', 'roles.tf'), path.join(dir, 'roles.tf'));
    await expect(extractConfiguration(dir)).rejects.toThrow(
      /\/roles\.tf: cannot read: a symbolic link to a file that does not exist$/,
    );
  });
});

describe('conditions known false at plan time', () => {
  const ADMIN =
    'resource "aws_iam_role_policy" "admin" {\n  role   = aws_iam_role.app.id\n  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }] })\n';
  const ENV = 'variable "env" {\n  default = "dev"\n}\n';
  const condition = (kind: string, test: string, message: string): string =>
    `  ${kind} {\n    condition     = ${test}\n    error_message = "${message}"\n  }\n`;
  // Terraform stops the plan: nothing behind them deploys, so no policy is scanned as if it did.
  it.each<{ name: string; files: Record<string, string>; message: RegExp }>([
    {
      name: 'a postcondition on a variable stops the plan',
      files: {
        'main.tf': ROLE + ENV,
        'p.tf': `${ADMIN}  lifecycle {\n${condition('postcondition', 'var.env == "prod"', 'prod only')}  }\n}\n`,
      },
      message: /\/p\.tf: `aws_iam_role_policy\.admin` fails its postcondition: prod only$/,
    },
    {
      name: 'a message reading what only apply knows is said as written',
      files: {
        'main.tf': ROLE + ENV,
        'p.tf': `${ADMIN}  lifecycle {\n${condition('postcondition', 'var.env == "prod"', 'role ${self.role} is prod only')}  }\n}\n`,
      },
      message: /\/p\.tf: `aws_iam_role_policy\.admin` fails its postcondition: role \$\{self\.role\} is prod only$/,
    },
    {
      name: 'a precondition of an output stops the plan',
      files: {
        'main.tf':
          ROLE +
          ENV +
          `${ADMIN}}\noutput "role" {\n  value = aws_iam_role.app.name\n${condition('precondition', 'var.env == "prod"', 'prod only')}}\n`,
      },
      message: /\/main\.tf: output `role` fails its precondition: prod only$/,
    },
    {
      name: 'a precondition of an output of a module called stops the plan, naming the module',
      files: {
        'main.tf': ROLE + 'module "iam" {\n  source = "./iam"\n  env    = "dev"\n}\n',
        'iam/main.tf': `${ENV}output "env" {\n  value = var.env\n${condition('precondition', 'var.env != "dev"', 'not in dev')}}\n`,
      },
      message: /iam\/main\.tf: output `module\.iam\.env` fails its precondition: not in dev$/,
    },
  ])('$name', async ({ files, message }) => {
    await expect(extractConfiguration(configuration(files))).rejects.toThrow(message);
  });

  // Terraform leaves them to apply, planning on: the policies behind them are scanned.
  it.each<{ name: string; files: Record<string, string> }>([
    {
      name: 'a postcondition on `self` of an argument set to null, which the provider may compute (`name`), is left to apply',
      files: {
        'main.tf': `variable "name" {\n  default = null\n}\nresource "aws_iam_role" "app" {\n  name               = var.name\n  assume_role_policy = "{}"\n  lifecycle {\n${condition('postcondition', 'self.name != null', 'name must be set')}  }\n}\n${ADMIN}}\n`,
      },
    },
  ])('$name', async ({ files }) => {
    const input = await extractConfiguration(configuration(files));
    expect(documentOf(sources(input).get('aws_iam_role_policy.admin'))).toEqual({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
    });
  });

  it('a `check` known to fail is a note, Terraform warning and still planning: the policies are scanned', async () => {
    const notes: string[] = [];
    const dir = configuration({
      'main.tf':
        ROLE +
        ENV +
        `${ADMIN}}\ncheck "env" {\n  assert {\n    condition     = var.env == "prod"\n    error_message = "not prod"\n  }\n}\n`,
    });
    const input = await extractConfiguration(dir, undefined, { note: (line) => notes.push(line) });
    expect(notes).toEqual([
      `${path.join(dir, 'main.tf')}: check \`env\` fails: not prod (Terraform warns and still plans: its policies are scanned as planned)`,
    ]);
    expect(documentOf(sources(input).get('aws_iam_role_policy.admin'))).toEqual({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
    });
  });

  it('a `check` of a module called several times is a note per instance, each named by its address', async () => {
    const notes: string[] = [];
    const dir = configuration({
      'main.tf': `${ROLE}module "on" {\n  source = "./m"\n  count  = 2\n  x      = ""\n}\n`,
      'm/main.tf': `variable "x" {}\ncheck "c" {\n  assert {\n    condition     = var.x != ""\n    error_message = "x is empty"\n  }\n}\n`,
    });
    await extractConfiguration(dir, undefined, { note: (line) => notes.push(line) });
    const planned = '(Terraform warns and still plans: its policies are scanned as planned)';
    expect(notes).toEqual([
      `${path.join(dir, 'm', 'main.tf')}: check \`module.on[0].check.c\` fails: x is empty ${planned}`,
      `${path.join(dir, 'm', 'main.tf')}: check \`module.on[1].check.c\` fails: x is empty ${planned}`,
    ]);
  });
});

describe('the tool a folder is read for', () => {
  const user = (name: string): string => `resource "aws_iam_user" "${name}" {\n  name = "${name}"\n}\n`;
  const lock = (registry: string): string => `provider "${registry}/hashicorp/aws" {\n  version = "5.100.0"\n}\n`;
  const cases: { name: string; files: Record<string, string>; users: string[]; note: RegExp | undefined }[] = [
    {
      name: 'a lock file of OpenTofu has .tofu files read, each in place of the .tf file of its name',
      files: {
        'a.tf': user('tf'),
        'a.tofu': user('tofu'),
        'b.tofu': user('only_tofu'),
        '.terraform.lock.hcl': lock('registry.opentofu.org'),
      },
      users: ['aws_iam_user.only_tofu', 'aws_iam_user.tofu'],
      note: undefined,
    },
    {
      name: 'a lock file of Terraform has them left out, without a note',
      files: { 'a.tf': user('tf'), 'a.tofu': user('tofu'), '.terraform.lock.hcl': lock('registry.terraform.io') },
      users: ['aws_iam_user.tf'],
      note: undefined,
    },
    {
      name: 'without a lock file, Terraform is assumed and the .tofu files left out are named',
      files: { 'a.tf': user('tf'), 'a.tofu': user('tofu') },
      users: ['aws_iam_user.tf'],
      note: /: read as Terraform reads it, leaving out OpenTofu's `[^`]+\/a\.tofu`: no lock file or plan names OpenTofu's registry \(if OpenTofu runs it, `tofu init` writes the lock file that has them read\)$/,
    },
    {
      name: 'a lock file headed by `tofu init` says OpenTofu, whatever registry its providers come from',
      files: {
        'a.tf': user('tf'),
        'a.tofu': user('tofu'),
        '.terraform.lock.hcl': `# This file is maintained automatically by "tofu init".\n# Manual edits may be lost in future updates.\n\n${lock('registry.terraform.io')}`,
      },
      users: ['aws_iam_user.tofu'],
      note: undefined,
    },
    {
      name: 'a lock file headed by `terraform init` says Terraform, whatever registry its providers come from',
      files: {
        'a.tf': user('tf'),
        'a.tofu': user('tofu'),
        '.terraform.lock.hcl': `# This file is maintained automatically by "terraform init".\n# Manual edits may be lost in future updates.\n\n${lock('registry.opentofu.org')}`,
      },
      users: ['aws_iam_user.tf'],
      note: undefined,
    },
    {
      name: 'the .tofu files of a module called twice are named once',
      files: {
        'a.tf': `${user('tf')}module "one" {\n  source = "./m"\n}\nmodule "two" {\n  source = "./m"\n}\n`,
        'm/main.tf': user('m'),
        'm/extra.tofu': user('extra'),
      },
      users: ['aws_iam_user.tf', 'module.one.aws_iam_user.m', 'module.two.aws_iam_user.m'],
      note: /: read as Terraform reads it, leaving out OpenTofu's `[^`]+\/m\/extra\.tofu`: no lock file/,
    },
    {
      name: 'without a lock file, a folder of .tofu files only is read as OpenTofu, saying so',
      files: { 'a.tofu': user('tofu') },
      users: ['aws_iam_user.tofu'],
      note: /: read as OpenTofu reads it: it holds \.tofu files only, which Terraform never reads$/,
    },
  ];
  it.each(cases)('$name', async ({ files, users, note }) => {
    const notes: string[] = [];
    const input = await extractConfiguration(configuration(files), undefined, { note: (line) => notes.push(line) });
    expect(input.principals.map((p) => p.id).sort()).toEqual(users);
    if (note === undefined) expect(notes).toEqual([]);
    else {
      expect(notes).toHaveLength(1);
      expect(notes[0]).toMatch(note);
    }
  });
});

describe('files Terraform leaves out of a configuration', () => {
  it("hidden files, an editor's lock and backups, and folders named like .tf files are not read", async () => {
    const dir = configuration({
      'main.tf': ROLE,
      '.draft.tf': 'this is { not HCL',
      'main.tf~': 'nor { this',
      '#main.tf#': 'nor { this',
      'legacy.tf/main.tf': 'resource "aws_iam_user" "old" {\n  name = "old"\n}\n',
    });
    // The lock Emacs keeps beside a file being edited: a link to `user@host.pid`, which is no file.
    fs.symlinkSync('dev@laptop.4242:1764460800', path.join(dir, '.#main.tf'));
    const input = await extractConfiguration(dir);
    expect(input.principals.map((p) => p.id)).toEqual(['aws_iam_role.app']);
  });
});

describe('EventBridge permissions written in the configuration', () => {
  it('`aws_cloudwatch_event_permission` is the statement it adds to the bus policy, its condition block included', async () => {
    const input = await extractConfiguration(
      configuration({
        'main.tf': `
resource "aws_cloudwatch_event_bus" "orders" {
  name = "orders"
}
resource "aws_cloudwatch_event_permission" "any" {
  principal    = "*"
  statement_id = "Any"
}
resource "aws_cloudwatch_event_permission" "org" {
  principal      = "*"
  statement_id   = "Org"
  event_bus_name = aws_cloudwatch_event_bus.orders.name
  condition {
    key   = "aws:PrincipalOrgID"
    type  = "StringEquals"
    value = "o-a1b2c3d4e5"
  }
}`,
      }),
    );
    const byId = sources(input);
    expect(documentOf(byId.get('aws_cloudwatch_event_permission.any'))).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Sid: 'Any',
          Principal: '*',
          Action: 'events:PutEvents',
          Resource:
            'arn:aws:events:${the region of the AWS provider}:${the account of the AWS provider}:event-bus/default',
        },
      ],
    });
    const org = documentOf(byId.get('aws_cloudwatch_event_permission.org')) as {
      Statement: { Condition?: unknown; Resource?: string }[];
    };
    expect(org.Statement[0]?.Condition).toEqual({ StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } });
    expect(org.Statement[0]?.Resource).toMatch(/:event-bus\/orders$/);
  });
});

describe('the account a caller identity reads through the provider configuration a module is handed', () => {
  const MODULE = `data "aws_caller_identity" "current" {}
resource "aws_s3_bucket" "logs" {
  bucket = "lb-logs"
}
resource "aws_s3_bucket_policy" "logs" {
  bucket = aws_s3_bucket.logs.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "logdelivery.elasticloadbalancing.amazonaws.com" }
      Action    = "s3:PutObject"
      Resource  = "\${aws_s3_bucket.logs.arn}/AWSLogs/\${data.aws_caller_identity.current.account_id}/*"
    }]
  })
}`;

  it.each([
    {
      behaviour: 'an alias for another Region, signed in as the default: the deployer’s account',
      alias: 'region = "us-east-1"',
      account: '${the account of the AWS provider}',
    },
    {
      behaviour: 'an alias that assumes a role of its own: its own value',
      alias: 'region = "us-east-1"\n  assume_role {\n    role_arn = "arn:aws:iam::999988887777:role/deploy"\n  }',
      account: '${module.logs.data.aws_caller_identity.current.account_id}',
    },
    {
      behaviour: 'an alias with a profile of its own: its own value',
      alias: 'region = "us-east-1"\n  profile = "partner"',
      account: '${module.logs.data.aws_caller_identity.current.account_id}',
    },
  ])('$behaviour', async ({ alias, account }) => {
    const dir = configuration({
      'main.tf': `provider "aws" {
  region = "eu-west-1"
}
provider "aws" {
  alias = "other"
  ${alias}
}
module "logs" {
  source    = "./logs"
  providers = { aws = aws.other }
}`,
      'logs/main.tf': MODULE,
    });
    const input = await extractConfiguration(dir);
    const document = documentOf(sources(input).get('module.logs.aws_s3_bucket_policy.logs')) as {
      Statement: { Resource: string }[];
    };
    expect(document.Statement[0]?.Resource).toBe(`arn:aws:s3:::lb-logs/AWSLogs/${account}/*`);
  });
});

describe('two managed policies of one name and path', () => {
  it('are both checked: the one the plan maps last is attached, the other is read on its own', async () => {
    const dir = configuration({
      'main.tf': `resource "aws_iam_policy" "p" {
  name   = "shared"
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "iam:PassRole", Resource = "*" }] })
}
module "m" {
  source = "./m"
}`,
      'm/main.tf': `resource "aws_iam_policy" "q" {
  name   = "shared"
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "arn:aws:s3:::b/*" }] })
}`,
    });
    const input = await extractConfiguration(dir);
    expect(input.policies.map((p) => p.policy.id).sort()).toEqual(['aws_iam_policy.p', 'module.m.aws_iam_policy.q']);
  });
});
