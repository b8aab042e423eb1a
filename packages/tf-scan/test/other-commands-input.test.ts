/** A file meant for another iamgate command, given to `tf-scan`: one line naming that command. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runScanCommand } from '@iamgate/core';
import { fakeIo } from '../../core/test/helpers/fake-io';
import { TF_SCAN_COMMAND } from '../src/cli';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'tf-scan-other-input-'));
  mkdirSync(join(dir, 'cdk.out'));
  writeFileSync(join(dir, 'cdk.out', 'manifest.json'), JSON.stringify({ version: '36.0.0', artifacts: {} }));
  mkdirSync(join(dir, 'infra'));
  writeFileSync(join(dir, 'infra', 'main.tf'), 'resource "aws_iam_role" "r" {}\n');
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const TEMPLATE = { Resources: { B: { Type: 'AWS::S3::Bucket' } } };

it.each([
  [
    'a CloudFormation template',
    'template.json',
    JSON.stringify(TEMPLATE),
    'template.json: this looks like a CloudFormation template, not a Terraform plan: run `cdk-guard template.json`',
  ],
  [
    'a YAML CloudFormation template',
    'template.yaml',
    'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  B:\n    Type: AWS::S3::Bucket\n',
    'template.yaml: this looks like a CloudFormation template, not a Terraform plan: run `cdk-guard template.yaml`',
  ],
  [
    'a YAML template without a format version',
    'stack.yml',
    '# a stack\nResources:\n  Role:\n    Type: "AWS::IAM::Role"\n',
    'stack.yml: this looks like a CloudFormation template, not a Terraform plan: run `cdk-guard stack.yml`',
  ],
  [
    'a policy document',
    'policy.json',
    JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }),
    'policy.json: this looks like an IAM policy document, not a Terraform plan: run `iamgate lint policy.json`',
  ],
  [
    'a YAML policy document',
    'policy.yaml',
    'Version: "2012-10-17"\nStatement:\n  - Effect: Allow\n    Action: "*"\n    Resource: "*"\n',
    'policy.yaml: this looks like an IAM policy document, not a Terraform plan: run `iamgate lint policy.yaml`',
  ],
  [
    'a cloud assembly manifest',
    'cdk.out/manifest.json',
    undefined,
    'cdk.out/manifest.json: this looks like a CDK cloud assembly manifest, not a Terraform plan: run `cdk-guard cdk.out`',
  ],
  [
    'a cloud assembly directory',
    'cdk.out',
    undefined,
    'cdk.out: this looks like a CDK cloud assembly manifest, not a Terraform plan: run `cdk-guard cdk.out`',
  ],
  [
    'a directory of .tf files',
    'infra',
    undefined,
    'infra: is a directory of Terraform files, expected a plan file: scan the configuration with `tf-scan --hcl infra`, or a plan of it',
  ],
  [
    'a .tf file',
    'infra/main.tf',
    undefined,
    'infra/main.tf: a Terraform configuration file, not a plan: scan its folder with `tf-scan --hcl infra`, or the plan `terraform show -json` prints',
  ],
  ['a file that does not exist', 'missing.json', undefined, 'missing.json: no such file or directory'],
])('%s: one line naming the command that reads it, exit 2', async (_what, name, content, message) => {
  if (content !== undefined) writeFileSync(join(dir, name), content);
  const io = fakeIo({ cwd: dir });
  const code = await runScanCommand(TF_SCAN_COMMAND, ['--format', 'json', name], io);
  expect(code).toBe(2);
  expect(io.err).toBe(`${message}\n`);
});
