/**
 * `cdk-guard` on shapes found in a survey of SAM serverless patterns, StackSets, Service Catalog
 * portfolios, Control Tower customizations and templates written for other tools, each re-authored
 * as a minimal template of our own (see README.md). Each test runs the real binary on one
 * template, as a user runs it.
 */
import { rulesByLogicalId, scanTemplate } from '../run-cdk-guard';

const DIR = 'integ/cfn-survey8';
const scan = (template: string, args: readonly string[] = []): ReturnType<typeof scanTemplate> =>
  scanTemplate(DIR, template, args);

describe('sam-connectors-from-apis.yaml', () => {
  const { status, report, stderr } = scan('sam-connectors-from-apis.yaml');

  test('no input error; warnings only', () => {
    expect(report.errors).toEqual([]);
    expect(stderr).toBe('');
    expect(status).toBe(0);
  });

  test('connectors from an API Gateway REST or HTTP API, an AppSync API or data source are checked (each was `unresolved-policy`)', () => {
    expect(report.findings.filter((f) => f.ruleId === 'unverifiable/unresolved-policy')).toEqual([]);
  });

  test('what a data source connector grants lands on its service role: every table of the account is judged, the one table is not', () => {
    expect(rulesByLogicalId(report)).toEqual({
      LegacySourceToTablesPolicy: ['data-exfiltration/unscoped-read', 'wildcard-resource/write-on-star'],
    });
    for (const f of report.findings) expect(f.principal).toBe('LegacySourceRole');
  });
});

describe('sam-connectors-to-resource-policies.yaml (trusted: 444455556666, 111122223333)', () => {
  const { status, report, stderr } = scan('sam-connectors-to-resource-policies.yaml', [
    '--config',
    `${DIR}/trust.config.json`,
  ]);

  test('no input error; the untrusted account fails the run', () => {
    expect(report.errors).toEqual([]);
    expect(stderr).toBe('');
    expect(status).toBe(1);
  });

  test('connectors from a topic, a bucket, a rule, a queue, a table and to a queue from a state machine are checked (each was `unresolved-policy`)', () => {
    expect(report.findings.filter((f) => f.ruleId === 'unverifiable/unresolved-policy')).toEqual([]);
  });

  test('a topic of another account sending to the queue or invoking the function: the queue policy and the permission SAM writes name that account', () => {
    expect(rulesByLogicalId(report)).toEqual({
      PartnerFeedToInboxQueuePolicy: ['trust-policy/untrusted-account'],
      PartnerFeedToWorkerWriteLambdaPermission: ['trust-policy/untrusted-account'],
    });
    for (const f of report.findings) expect(f.message).toContain('`999988887777`');
  });
});

describe('conditional-effect.yaml', () => {
  const { status, report, stderr } = scan('conditional-effect.yaml');
  const rules = (logicalId: string, policy?: string): string[] =>
    report.findings
      .filter(
        (f) => f.location.logicalId === logicalId && (policy === undefined || f.message.includes(`\`${policy}\``)),
      )
      .map((f) => f.ruleId)
      .sort();

  test('no input error; the run fails', () => {
    expect(report.errors).toEqual([]);
    expect(stderr).toBe('');
    expect(status).toBe(1);
  });

  test('a bucket policy whose other branch is a typo: the public branch is judged, the typo reported on its own (the policy was only invalid)', () => {
    expect(rules('SitePolicy')).toEqual(['policy-validity/invalid-policy', 'resource-exposure/public-principal']);
    const invalid = report.findings.find(
      (f) => f.ruleId === 'policy-validity/invalid-policy' && f.location.logicalId === 'SitePolicy',
    );
    expect(invalid?.location.pointer).toBe('/Statement/0/Fn::If/1/Effect');
    expect(invalid?.message).toContain('`Alow`');
  });

  test('`Effect: !If [C, Deny, Dney]` beside `iam:PassRole` on `*`: the pass is judged, the typo reported at its `Effect`', () => {
    expect(rules('Deployer', 'deploy')).toEqual([
      'policy-validity/invalid-policy',
      'privilege-escalation/pass-role-wildcard',
    ]);
    const pass = report.findings.find((f) => f.ruleId === 'privilege-escalation/pass-role-wildcard');
    expect(pass?.location.pointer).toBe('/Statement/1');
  });

  test('an `Effect` from a parameter in one branch: the `Allow` of the other is judged, the parameter one unknown on its own', () => {
    expect(rules('Deployer', 'break-glass')).toEqual([
      'privilege-escalation/user-credentials',
      'unverifiable/unknown-value',
    ]);
    const unknown = report.findings.find((f) => f.ruleId === 'unverifiable/unknown-value');
    expect(unknown?.location.pointer).toBe('/Statement/0/Effect');
    expect(unknown?.message).toContain('BreakGlassEffect');
    expect(unknown?.message).toMatch(/\(when condition `IsHardened` is true\)$/);
    // The parameter may be `Allow` when IsHardened is true: the grant is found on the other side only.
    const grant = report.findings.find((f) => f.ruleId === 'privilege-escalation/user-credentials');
    expect(grant?.message).toBe(
      'role `Deployer` can obtain the credentials of any user with `iam:CreateAccessKey` (escalation path `iam-002`) (in inline policy `break-glass`) (when condition `IsHardened` is false)',
    );
  });
});

describe('files that are not templates to scan as they are', () => {
  test.each([
    [
      'rain-directives.yaml',
      'unknown intrinsic function `!Rain::Embed`',
      /run `rain pkg FILE` and scan the template it writes/,
    ],
    [
      'rain-directive-object.json',
      'unknown intrinsic function `Rain::Embed`',
      /run `rain pkg FILE` and scan the template it writes/,
    ],
    [
      'cfct-manifest.yaml',
      'no `Resources` section',
      /a Customizations for Control Tower manifest: scan the templates its `resource_file` entries name, and lint its `scp` and `rcp` policies with `iamgate lint FILE --type scp`/,
    ],
    ['deny-leaving-scp.json', 'no `Resources` section', /an IAM policy document: lint it with `iamgate lint FILE`/],
    [
      'local-module.yaml',
      '`LocalModule` (the type of resource `Site`) is no CloudFormation resource type',
      /local modules: run `aws cloudformation package` on the template that uses them/,
    ],
  ])(
    'broken/%s: one input error line saying what to run (a Rain object and a local module passed silently; the others said only what was missing)',
    (file, what, hint) => {
      const { status, report, stderr } = scan(`broken/${file}`);
      expect(status).toBe(2);
      expect(report.errors).toHaveLength(1);
      expect(report.errors[0]?.message).toContain(what);
      expect(report.errors[0]?.message).toMatch(hint);
      expect(stderr.trim().split('\n')).toHaveLength(1);
    },
  );

  test('broken/sam-dangling-ref.yaml: a SAM function naming a resource nobody declares is one input error at the `Ref` (it passed: SAM templates had no names checked); `<Function>Role`, which SAM makes, is accepted', () => {
    const { status, report, stderr } = scan('broken/sam-dangling-ref.yaml');
    expect(status).toBe(2);
    expect(report.errors).toEqual([
      expect.objectContaining({
        pointer: '/Resources/Notifier/Properties/Environment/Variables/TABLE_NAME/Ref',
        message: '`Ref` names `Subscriptions`, which is neither a parameter nor a resource',
      }),
    ]);
    expect(stderr.trim().split('\n')).toHaveLength(1);
  });

  test('the Rain object is located where it is written', () => {
    const { report } = scan('broken/rain-directive-object.json');
    expect(report.errors[0]?.pointer).toBe('/Resources/Handler/Properties/Code/ZipFile');
  });
});
