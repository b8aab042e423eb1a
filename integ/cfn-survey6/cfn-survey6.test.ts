/**
 * `cdk-guard` on shapes found in a survey of CloudFormation and SAM templates (cross-account roles,
 * permission sets, access points, key policies), each re-authored as a minimal template of our own
 * (see README.md). Each test runs the real binary on one template, as a user runs it.
 */
import * as path from 'node:path';
import { rulesByLogicalId, scanTemplate } from '../run-cdk-guard';

const DIR = 'integ/cfn-survey6';
const TRUST = ['--config', path.join(DIR, 'trust.config.json')];
const scan = (template: string, args: readonly string[] = []): ReturnType<typeof scanTemplate> =>
  scanTemplate(DIR, template, args);

describe('parameter-account-choices.yaml (trusted: 444455556666, o-a1b2c3d4e5)', () => {
  const { status, report, stderr } = scan('parameter-account-choices.yaml', TRUST);

  test('no input error; an untrusted account fails the run', () => {
    expect(report.errors).toEqual([]);
    expect(stderr).toBe('');
    expect(status).toBe(1);
  });

  test('an account or organization parameter is judged by its `AllowedValues`; one that lists none is unknown, not a pass', () => {
    expect(rulesByLogicalId(report)).toEqual({
      ReaderRole: ['trust-policy/untrusted-account'],
      InboxPolicy: ['trust-policy/untrusted-account'],
      ExportsPolicy: ['trust-policy/untrusted-account'],
      SharedKey: ['unverifiable/unknown-value'],
    });
  });

  test('the untrusted value is named, with the parameter it may be the value of', () => {
    const reader = report.findings.find((f) => f.location.logicalId === 'ReaderRole');
    expect(reader?.message).toContain('`999988887777`');
    expect(reader?.message).toContain('parameter `ReaderAccount`');
    expect(reader?.message).not.toContain('444455556666');
    const inbox = report.findings.find((f) => f.location.logicalId === 'InboxPolicy');
    expect(inbox?.message).toContain('`111100002222`');
    const exported = report.findings.find((f) => f.location.logicalId === 'ExportsPolicy');
    expect(exported?.message).toContain('organization `o-zz99yy88xx`');
  });

  test('the unknown caller account is reported at its condition, naming the parameter', () => {
    const key = report.findings.find((f) => f.location.logicalId === 'SharedKey');
    expect(key?.location.pointer).toBe('/Statement/1/Condition/StringEquals/kms:CallerAccount');
    expect(key?.message).toMatch(/^trust-policy\/untrusted-account could not decide: .*parameter ConsumerAccount/);
  });
});

describe('json-text-spliced-values.yaml', () => {
  const { status, report, stderr } = scan('json-text-spliced-values.yaml');

  test('no input error; warnings only', () => {
    expect(report.errors).toEqual([]);
    expect(stderr).toBe('');
    expect(status).toBe(0);
  });

  test('JSON text with a parameter among the elements of an array is read and its statements judged; one spliced in as a whole value is still unresolved', () => {
    expect(rulesByLogicalId(report)).toEqual({
      DirectoryAdmins: ['wildcard-action/service-wildcard', 'wildcard-resource/write-on-star'],
      Readers: ['unverifiable/unresolved-policy'],
    });
    const sso = report.findings.find((f) => f.message.includes('`sso:*`'));
    expect(sso?.location.pointer).toBe('/Statement/0');
  });
});

describe('statement-ids.yaml', () => {
  const { status, report, stderr } = scan('statement-ids.yaml');

  test('no input error; the public bus fails the run', () => {
    expect(report.errors).toEqual([]);
    expect(stderr).toBe('');
    expect(status).toBe(1);
  });

  test('a `StatementId` from a parameter is no unknown; the statement it names is judged (the public one was not)', () => {
    expect(rulesByLogicalId(report)).toEqual({ OpenPut: ['resource-exposure/public-principal'] });
  });
});

describe('Fn::GetAtt of attributes', () => {
  test('getatt-attributes.yaml: attributes the types have, and those of custom and SAM resources, are no input error', () => {
    const { status, report, stderr } = scan('getatt-attributes.yaml');
    expect(report.errors).toEqual([]);
    expect(stderr).toBe('');
    expect(status).toBe(0);
    expect(rulesByLogicalId(report)).toEqual({});
  });

  test.each([
    [
      'getatt-role-name.yaml',
      '/Resources/PassDeployRole/Properties/PolicyDocument/Statement/0/Resource/Fn::Sub',
      /reads `DeployRole\.RoleName`, an attribute `AWS::IAM::Role` does not have \(`Ref: DeployRole` gives its name\)$/,
    ],
    [
      'getatt-queue-arn.yaml',
      '/Resources/Producer/Properties/Policies/0/Statement/0/Resource/Fn::GetAtt',
      /reads `Jobs\.QueueArn`, an attribute `AWS::SQS::Queue` does not have \(did you mean `Arn`\?\)$/,
    ],
  ])(
    'broken/%s: one input error line naming the file, the pointer and the attribute (exit 2)',
    (template, pointer, message) => {
      const { status, report, stderr } = scan(`broken/${template}`);
      expect(status).toBe(2);
      expect(report.errors.map((e) => e.pointer)).toEqual([pointer]);
      expect(report.errors[0]?.message).toMatch(message);
      const lines = stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]?.startsWith(`${DIR}/broken/${template}: ${pointer}: `)).toBe(true);
    },
  );
});
