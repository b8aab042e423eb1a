/**
 * `cdk-guard` on SAM `Globals` (merged into every API and function as the transform merges them,
 * `IgnoreGlobals` honoured), state machines started from API routes, and an API resource policy
 * the transform rejects, each written as a minimal template of our own (see README.md). Each test
 * runs the real binary on one template, as a user runs it.
 */
import { scanTemplate } from '../run-cdk-guard';

const DIR = 'integ/cfn-survey12';
const scan = (template: string, args: readonly string[] = []): ReturnType<typeof scanTemplate> =>
  scanTemplate(DIR, template, args);

type Scan = ReturnType<typeof scanTemplate>;
const verdicts = ({ report }: Scan): string[] =>
  report.findings.map((f) => `${f.location.logicalId ?? ''} ${f.ruleId} ${f.location.pointer ?? ''}`).sort();

describe('globals-api-policy.yaml', () => {
  const result = scan('globals-api-policy.yaml');

  test('no input error; the public APIs fail the run (it passed, exit 0: Globals.Api was not read)', () => {
    expect(result.report.errors).toEqual([]);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(1);
  });

  test('the global `IpRangeBlacklist` policy opens the implicit API and `OrdersApi` to everyone; `AdminApi` ignores Globals and lets only its account in', () => {
    expect(verdicts(result)).toEqual([
      'OrdersApi resource-exposure/public-principal /Statement/0',
      'ServerlessRestApi resource-exposure/public-principal /Statement/0',
    ]);
  });

  test('the implicit API is placed at the function whose event makes it (it had no line)', () => {
    const sarif = scan('globals-api-policy.yaml', ['--format', 'sarif']).report as unknown as {
      runs: {
        results: { message: { text: string }; locations: { physicalLocation: { region?: { startLine: number } } }[] }[];
      }[];
    };
    const implicit = sarif.runs[0]?.results.find((r) => r.message.text.includes('`ServerlessRestApi`'));
    // `StatusFunction:` is declared on line 20.
    expect(implicit?.locations[0]?.physicalLocation.region?.startLine).toBe(20);
  });
});

describe('globals-private-api.yaml', () => {
  test('private APIs whose global policy admits one VPC endpoint (`IntrinsicVpceWhitelist`) are quiet, the implicit one included', () => {
    const result = scan('globals-private-api.yaml');
    expect(result.report.errors).toEqual([]);
    expect(result.status).toBe(0);
    expect(verdicts(result)).toEqual([]);
  });
});

describe('globals-function-boundary.yaml (a boundary is required)', () => {
  const result = scan('globals-function-boundary.yaml', ['--config', `${DIR}/boundary.config.json`]);

  test('only the function whose `IgnoreGlobals` drops the global boundary lacks one (it was taken as bounded, exit 0)', () => {
    expect(result.report.errors).toEqual([]);
    expect(result.status).toBe(1);
    expect(verdicts(result)).toEqual(['ExporterFunctionRole boundary/missing-required ']);
  });
});

describe('state-machine-api-events.yaml', () => {
  const result = scan('state-machine-api-events.yaml');

  test("a state machine's route open to `*` is public on the implicit API (it passed, exit 0); policy templates and a route for the own account are quiet", () => {
    expect(result.report.errors).toEqual([]);
    expect(result.status).toBe(1);
    expect(verdicts(result)).toEqual(['ServerlessRestApi resource-exposure/public-principal /Statement/0']);
  });
});

describe('broken/source-vpc-from-parameter.yaml', () => {
  test('`SourceVpcWhitelist: [!Ref AppVpcId]` is one input error at the entry, naming the key to use (it was dropped silently, exit 0)', () => {
    const result = scan('broken/source-vpc-from-parameter.yaml');
    expect(result.status).toBe(2);
    expect(result.report.errors).toEqual([
      {
        file: `${DIR}/broken/source-vpc-from-parameter.yaml`,
        pointer: '/Resources/ReportsApi/Properties/Auth/ResourcePolicy/SourceVpcWhitelist/0',
        message: expect.stringContaining('use `IntrinsicVpcWhitelist` or `IntrinsicVpceWhitelist`') as unknown,
      },
    ]);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe.each([
  [
    'broken/globals-function-policies.yaml',
    '/Globals/Function/Policies',
    '`Policies` is not supported in `Globals.Function`',
    'it was judged as every function’s policy, a pass-role finding each',
  ],
  [
    'broken/account-whitelist-text.yaml',
    '/Resources/PartnerApi/Properties/Auth/ResourcePolicy/AwsAccountWhitelist',
    '`AwsAccountWhitelist` takes a list of account ids',
    'it was read as a list of one, exit 0',
  ],
])('%s', (template, pointer, what, before) => {
  test(`what the SAM transform rejects is one input error at \`${pointer}\`, exit 2 (${before})`, () => {
    const result = scan(template);
    expect(result.status).toBe(2);
    expect(result.report.errors).toEqual([
      { file: `${DIR}/${template}`, pointer, message: expect.stringContaining(what) as unknown },
    ]);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('stack-set-sub-bodies.yaml (trusted: 111122223333)', () => {
  const result = scan('stack-set-sub-bodies.yaml', ['--config', `${DIR}/trust-management.json`]);

  test('no input error; the wildcard pass in a stack set body fails the run (every body was unread, exit 0)', () => {
    expect(result.report.errors).toEqual([]);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(1);
  });

  test('bodies written as `!Sub` are read with the parent values in them: the forwarder trusting the parent role is quiet, the support role judged; a body pasted from a parameter stays unchecked', () => {
    expect(verdicts(result)).toEqual([
      'PastedStackSet unverifiable/unresolved-policy ',
      'SupportRole privilege-escalation/pass-role-wildcard /Statement/0',
      // `arn:${AWS::Partition}:iam::${SupportAccount}:root`: the parent's parameter, not among the trusted accounts for sure.
      'SupportRole unverifiable/unknown-value /Statement/0/Principal',
    ]);
    const support = result.report.findings.find((f) => f.ruleId === 'unverifiable/unknown-value');
    expect(support?.message).toContain('parameter SupportAccount');
    expect(result.report.findings.find((f) => f.location.logicalId === 'PastedStackSet')?.message).toContain(
      'a `Fn::Sub` whose text is no template before deploy',
    );
  });
});

describe('stack-set-json-text-body.yaml', () => {
  test("a body written as `Fn::ToJsonString` of a template is read, the parent's intrinsics in it resolved: the `*` branch reads every object (it was unread)", () => {
    const result = scan('stack-set-json-text-body.yaml');
    expect(result.report.errors).toEqual([]);
    expect(result.status).toBe(0);
    expect(verdicts(result)).toEqual(['ArchiveReader data-exfiltration/unscoped-read /Statement/0']);
  });
});
