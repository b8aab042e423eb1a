/**
 * `cdk-guard` on values computed at deploy, duplicate keys inside policies and SAM connectors SAM
 * rejects, each written as a minimal template of our own (see README.md). Each test runs the real
 * binary on one template, as a user runs it.
 */
import { scanTemplate } from '../run-cdk-guard';

const DIR = 'integ/cfn-survey10';
const scan = (template: string, args: readonly string[] = []): ReturnType<typeof scanTemplate> =>
  scanTemplate(DIR, template, args);

describe('values-chosen-at-deploy.yaml', () => {
  const { status, report, stderr } = scan('values-chosen-at-deploy.yaml');

  test('no input error; the `*` a mapping or a list offers fails the run (it passed silently, exit 0)', () => {
    expect(report.errors).toEqual([]);
    expect(stderr).toBe('');
    expect(status).toBe(1);
  });

  test('a value that may be `*` is judged as each choice or said undecided at its pointer; scoped ARNs around such values pass', () => {
    expect(
      report.findings
        .map((f) => [f.location.logicalId, f.ruleId, f.location.pointer])
        .sort((a, b) => String(a[2]).localeCompare(String(b[2]))),
    ).toEqual([
      ['ReleaseRole', 'unverifiable/unknown-value', '/Statement/0/Resource'],
      // `!Select [!Ref TargetIndex, [<role>, '*']]`: one of the listed values, `*` among them.
      ['ReleaseRole', 'privilege-escalation/pass-role-wildcard', '/Statement/1'],
      // `!FindInMap [StageRoles, !Ref Stage, Arn]`: the `sandbox` entry is `*`.
      ['ReleaseRole', 'privilege-escalation/pass-role-wildcard', '/Statement/2'],
      ['ReleaseRole', 'unverifiable/unknown-value', '/Statement/3/Resource'],
    ]);
  });

  test('the undecided ones name the function and the input they come from', () => {
    const reasons = report.findings.filter((f) => f.ruleId === 'unverifiable/unknown-value').map((f) => f.message);
    expect(reasons).toEqual([
      expect.stringContaining('the Fn::Join of the value of parameter DeployRoleArns') as unknown,
      expect.stringContaining('element 1 of a list split from the value exported as shared-release-roles') as unknown,
    ]);
  });
});

describe('files the SAM transform rejects', () => {
  test("broken/sam-connector-function-role-arn.yaml: a connector from a function whose `Role` is a `!Sub` of a role ARN is one input error at that `Role` (the policy went to the name at the ARN's end, a role not in the template: no finding, exit 0)", () => {
    const { status, report, stderr } = scan('broken/sam-connector-function-role-arn.yaml');
    expect(status).toBe(2);
    expect(report.errors).toEqual([
      expect.objectContaining({
        pointer: '/Resources/Reporter/Properties/Role',
        message: expect.stringContaining("the `Role` of `Reporter`, the connector's `Source`") as unknown,
      }),
    ]);
    expect(stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe.each(['json', 'yaml'])('duplicate-keys-in-policies.%s', (extension) => {
  const { status, report, stderr } = scan(`duplicate-keys-in-policies.${extension}`);

  test('no input error: CloudFormation deploys the last of the keys (the template is valid)', () => {
    expect(report.errors).toEqual([]);
    expect(stderr).toBe('');
    expect(status).toBe(0);
  });

  test('a key given twice inside a policy is a `policy-warning` at that key; a key given twice outside one (`QueueName`) and a key beside a merge key are not', () => {
    const expected =
      extension === 'json'
        ? [
            ['IngestRole', '/Statement/0/Action', 'Action'],
            ['UploadsPolicy', '/Statement/0/Condition', 'Condition'],
          ]
        : [
            ['EventsPolicy', '/Statement/0/Condition/ArnEquals', 'ArnEquals'],
            ['ReportRole', '/Statement/0/Effect', 'Effect'],
          ];
    expect(
      report.findings
        .map((f) => [f.location.logicalId, f.location.pointer, f.ruleId, f.message])
        .sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    ).toEqual(
      expected.map(([id, pointer, key]) => [
        id,
        pointer,
        'policy-validity/policy-warning',
        expect.stringContaining(`\`${key}\` is given more than once in one object: only the last is read`) as unknown,
      ]),
    );
  });
});

describe('newer-resource-policies.yaml (trusted: 444455556666)', () => {
  const { status, report, stderr } = scan('newer-resource-policies.yaml', ['--config', `${DIR}/partner.config.json`]);

  test('no input error; the public function and bus fail the run (every policy here passed silently, exit 0)', () => {
    expect(report.errors).toEqual([]);
    expect(stderr).toBe('');
    expect(status).toBe(1);
  });

  test('a function`s, an event bus`s, a knowledge base`s and an S3 Files file system`s policies are checked as the resource policies they are', () => {
    expect(
      report.findings
        .map((f) => [f.location.logicalId, f.ruleId, f.location.pointer])
        .sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    ).toEqual([
      ['BusPolicy', 'resource-exposure/public-principal', '/Statement/0'],
      ['FsPolicy', 'trust-policy/untrusted-account', '/Statement/0'],
      ['HandlerPolicy', 'resource-exposure/public-principal', '/Statement/0'],
    ]);
  });
});
