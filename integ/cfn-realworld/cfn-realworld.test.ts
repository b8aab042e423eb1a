/**
 * `cdk-guard` on shapes found in public CloudFormation, SAM and CDK-synthesized templates, each
 * re-authored as a minimal template of our own (see README.md). Each row runs the real binary on
 * one template and compares rule ids by logical id: an idiom has none; a value known only at
 * deploy is an `unverifiable` finding; a template CloudFormation accepts is never an input error.
 */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

const ROOT = path.join(__dirname, '../..');
const BIN = path.join(ROOT, 'packages/cdk-guard/bin/cdk-guard.js');
const DIR = 'integ/cfn-realworld';

interface Finding {
  readonly ruleId: string;
  readonly location: { readonly logicalId?: string };
}

interface Report {
  readonly findings: readonly Finding[];
  readonly errors: readonly unknown[];
}

function scan(
  template: string,
  args: readonly string[] = [],
): { status: number | null; report: Report; stderr: string } {
  const result = spawnSync(process.execPath, [BIN, path.join(DIR, template), '--format', 'json', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  return { status: result.status, report: JSON.parse(result.stdout) as Report, stderr: result.stderr };
}

interface Row {
  readonly behaviour: string;
  readonly template: string;
  /** Options after the template, e.g. `--partition aws-cn`. */
  readonly args?: readonly string[];
  readonly status: 0 | 1;
  /** Rule ids by logical id; `[]` marks an idiom. */
  readonly expected: Readonly<Record<string, readonly string[]>>;
}

const ROWS: readonly Row[] = [
  {
    behaviour:
      'nested `Fn::ForEach` whose inner collection is a `Fn::FindInMap` keyed by another (the outer element, a `DefaultValue` for a team the mapping lacks) make one copy per element of each (the template was an input error: the inner identifier taken for a parameter on the second outer copy)',
    template: 'foreach-nested-mappings.yaml',
    status: 1,
    expected: {
      PaymentsApiBuildRole: ['wildcard-resource/write-on-star'],
      PaymentsWebBuildRole: ['wildcard-resource/write-on-star'],
      SearchMonoBuildRole: ['wildcard-resource/write-on-star'],
      ApiDeployRole: ['privilege-escalation/pass-role-wildcard', 'wildcard-resource/write-on-star'],
      WebDeployRole: ['privilege-escalation/pass-role-wildcard', 'wildcard-resource/write-on-star'],
    },
  },
  {
    behaviour:
      "`iam:PassRole` on every role of the stack's account written with `${AWS::AccountId}` (`role/*`, `:*`) is `pass-role-wildcard`, as the same ARN with a written account is (it was only a `write-on-star` warning: exit 0); roles named by the stack name or a parameter are not",
    template: 'pass-role-account-arns.yaml',
    status: 1,
    expected: {
      PipelineRole: ['privilege-escalation/pass-role-wildcard'],
      LauncherRole: ['privilege-escalation/pass-role-wildcard'],
      StackRolesPasserRole: [],
    },
  },
  {
    behaviour:
      '`AWS::Include` of a local file (an OpenAPI `DefinitionBody`, a policy document, keys merged into `Properties`) is read from the file, as `sam package` uploads it (the public API and bucket policy in them passed silently)',
    template: 'aws-include-local.yaml',
    status: 1,
    expected: {
      PublicApi: ['resource-exposure/public-principal'],
      PartnerApi: [],
      DeployRole: ['privilege-escalation/pass-role-wildcard', 'privilege-escalation/run-as-existing-role'],
      UploadsBucketPolicy: ['resource-exposure/public-principal'],
    },
  },
  {
    behaviour:
      '`AWS::Include` of a snippet in S3 (a whole resource, `Properties`, a statement, an OpenAPI `Body`) and a SAM `DefinitionUri` in S3 are unresolved (the template was an input error, or the API passed silently)',
    template: 'aws-include-s3.yaml',
    status: 0,
    expected: {
      AuditRole: ['unverifiable/unresolved-policy'],
      ArtifactsBucket: ['unverifiable/unresolved-policy'],
      WorkerRole: ['unverifiable/unresolved-policy'],
      OrdersApi: ['unverifiable/unresolved-policy'],
      LegacyApi: ['unverifiable/unresolved-policy'],
    },
  },
  {
    behaviour:
      "a `Rules` section written with the rule functions' short forms (`!EachMemberEquals`, `!EachMemberIn`, `!Contains`, `!RefAll`, `!ValueOf`, `!ValueOfAll`) is read as CloudFormation reads it (the template was an input error, every check lost)",
    template: 'rules-section.yaml',
    status: 1,
    expected: {
      ReportReaderRole: [],
      LauncherRole: ['privilege-escalation/pass-role-to-service', 'privilege-escalation/pass-role-wildcard'],
    },
  },
  {
    behaviour:
      "the template a stack set deploys is checked: its `TemplateBody` (YAML or JSON text) with the stack set's `Parameters`, a template in S3 unresolved (stack sets passed unchecked)",
    template: 'stack-set-templates.yaml',
    args: ['--config', 'integ/cfn-realworld/trust.config.json'],
    status: 1,
    expected: {
      AuditRole: [],
      VendorRole: ['admin-access/full-access', 'trust-policy/untrusted-account'],
      NetworkBaseline: ['unverifiable/unresolved-policy'],
    },
  },
  {
    behaviour:
      "a comment right after a quoted value (`'...:function:tag-compliance'#shared`) is a comment, as CloudFormation reads it (the template was an input error, every check lost)",
    template: 'unspaced-comments.yaml',
    status: 1,
    expected: {
      Compliance: [],
      ReaderRole: [],
      ReportsBucketPolicy: ['resource-exposure/public-principal'],
    },
  },
  {
    behaviour:
      'a permission set whose boundary is a customer managed policy by name and path is bounded by that policy in each assigned account (it was reported without a boundary); an AWS managed policy from a parameter is unresolved (it passed)',
    template: 'permission-set-boundaries.yaml',
    args: ['--config', 'integ/cfn-realworld/boundary.config.json'],
    status: 1,
    expected: {
      DataAnalyst: [],
      LegacyOperator: ['boundary/missing-required'],
      SupportEngineer: ['unverifiable/unresolved-policy'],
    },
  },
  {
    behaviour:
      'a `Fn::ForEach` over a list of the `Mappings` section (`!FindInMap` with literal keys) is expanded per element: an untrusted account among them is named, not unverifiable',
    template: 'foreach-mapping-collection.yaml',
    args: ['--config', 'integ/cfn-realworld/trust.config.json'],
    status: 1,
    expected: {
      Reader444455556666: [],
      Reader999988887777: ['trust-policy/untrusted-account'],
    },
  },
  {
    behaviour:
      'conditions and outputs made by `Fn::ForEach` are the ones resources name (the template was an input error: condition not defined)',
    template: 'foreach-conditions-outputs.yaml',
    status: 1,
    expected: {
      BreakGlassRole: ['admin-access/full-access'],
      OrdersQueue: [],
      RefundsQueue: [],
    },
  },
  {
    behaviour:
      'a `Fn::ForEach` over a list parameter without a default is a valid template (it was an input error): its output template is checked once, the identifier a value known at deploy',
    template: 'foreach-deploy-time-collections.yaml',
    status: 1,
    expected: {
      'Partner${Account}Role': [],
      '${Feed}Queue': [],
      '${Feed}QueuePolicy': [],
      '${Team}Admin': ['admin-access/full-access'],
    },
  },
  {
    behaviour:
      'with trusted accounts configured, a loop over partner accounts given at deploy trusts accounts that cannot be told: unverifiable',
    template: 'foreach-deploy-time-collections.yaml',
    args: ['--config', 'integ/cfn-realworld/trust.config.json'],
    status: 1,
    expected: {
      'Partner${Account}Role': ['unverifiable/unknown-value'],
      '${Feed}QueuePolicy': [],
      '${Team}Admin': ['admin-access/full-access'],
    },
  },
  {
    behaviour:
      'a policy written as `Fn::ToJsonString` around values known at deploy (`${AWS::AccountId}`, a parameter) is read, not left unresolved',
    template: 'json-text-policies.yaml',
    status: 1,
    expected: {
      OrgDestination: [],
      OpenDestination: ['resource-exposure/public-principal'],
      PartnerDestination: [],
      AlertsPolicy: [],
      InboxPolicy: [],
      // `kinesis:PutRecord` on the stream parameter given whole: it may be `*`.
      DeliveryRole: ['unverifiable/unknown-value'],
    },
  },
  {
    behaviour:
      'with trusted organizations configured, an organization condition (`aws:PrincipalOrgID`, `aws:PrincipalOrgPaths`, `aws:SourceOrgID`) from a parameter is unverifiable; a trusted literal one is not',
    template: 'json-text-policies.yaml',
    args: ['--config', 'integ/cfn-realworld/org-trust.config.json'],
    status: 1,
    expected: {
      OrgDestination: [],
      OpenDestination: ['resource-exposure/public-principal'],
      PartnerDestination: ['unverifiable/unknown-value'],
      AlertsPolicy: ['unverifiable/unknown-value'],
      InboxPolicy: ['unverifiable/unknown-value'],
      DeliveryRole: ['unverifiable/unknown-value'],
    },
  },
  {
    behaviour:
      'a SAM function whose `Events` name its API, the API definition naming the function, is no circular dependency (the transform moves events out of the function)',
    template: 'sam-events-of-own-api.yaml',
    status: 0,
    expected: { QueryFunctionRole: [], QueryApi: [] },
  },
  {
    behaviour:
      'a SAM function URL with `AuthType: NONE` (its own `FunctionUrlConfig` or `Globals`, for the alias of `AutoPublishAlias`) is the public endpoint the transform creates; `AWS_IAM` is not',
    template: 'sam-function-urls.yaml',
    status: 1,
    expected: {
      McpFunctionUrl: ['resource-exposure/public-principal'],
      ApiFunctionUrl: ['resource-exposure/public-principal'],
      InternalFunctionUrl: [],
      McpFunctionRole: [],
    },
  },
  {
    behaviour:
      'statements that never deploy together (the branches of a `Fn::If` inside one statement, of a statement, of a document) may share a `Sid`; two written statements of one document may not',
    template: 'branch-sids.yaml',
    status: 1,
    expected: {
      // An element of a list parameter is given at deploy, as a `String` parameter is: it may be `*`.
      SyncRole: ['unverifiable/unknown-value'],
      DuplicateSidRole: ['policy-validity/invalid-policy'],
    },
  },
  {
    behaviour:
      'with trusted accounts configured, a principal ARN whose account is a parameter is unverifiable in key, secret and trust policies; a configured partner, the stack account and a role of the template are not',
    template: 'parameter-accounts.yaml',
    args: ['--config', 'integ/cfn-realworld/trust.config.json'],
    status: 0,
    expected: {
      SharedKey: ['unverifiable/unknown-value'],
      SharedSecretPolicy: ['unverifiable/unknown-value'],
      PartnerSecretPolicy: [],
      ReaderRole: ['unverifiable/unknown-value'],
      OwnAccountRole: [],
    },
  },
  {
    behaviour:
      'a wildcard that names every resource of one type reaches only the actions on that type: `cloudformation:*` on the SAM transform reaches no stack, `lambda:*` on every layer no function (the layer writes stay reported)',
    template: 'wildcards-of-other-types.yaml',
    status: 1,
    expected: {
      DeployRole: ['trust-policy/account-root'],
      StacksPolicy: ['wildcard-action/service-wildcard'],
      FunctionsPolicy: [
        'resource-exposure/policy-change',
        'wildcard-action/service-wildcard',
        'wildcard-resource/write-on-star',
      ],
    },
  },
  {
    behaviour:
      'a policy `Id` built at deploy does not stop the checks; GitHub subjects with parameter parts are graded by their literal text, one wholly from a parameter is unverifiable',
    template: 'deploy-time-id-and-subjects.yaml',
    status: 1,
    expected: {
      SitePolicy: ['resource-exposure/public-principal'],
      AnyRefRole: ['trust-policy/oidc-broad-subject'],
      MainBranchRole: [],
      ParameterSubjectRole: ['unverifiable/unknown-value'],
    },
  },
  {
    behaviour:
      'a CDK `CfnJson` condition (a tag key from a parameter, EKS issuer keys from the provider) is read as the object it stands for; one whose text is not JSON before deploy is unverifiable',
    template: 'cfn-json-conditions.json',
    status: 0,
    expected: {
      CfnJsonProviderRole: [],
      TaggedRole: [],
      PodRole: [],
      OpaqueConditionRole: ['unverifiable/unresolved-policy'],
    },
  },
  {
    behaviour: 'flow collections closed at the indentation of their key are read, and so is everything after them',
    template: 'flow-closers.yaml',
    status: 1,
    expected: {
      SitePolicy: ['resource-exposure/public-principal'],
      DeployRole: ['privilege-escalation/pass-role-wildcard'],
    },
  },
  {
    behaviour:
      'SAM policy templates beyond the common few are written out and checked: the SQS poller without batch actions IAM lacks, stream, log, SES and rotation templates are clean; SNSCrudPolicy on `*` is not',
    template: 'sam-more-policy-templates.yaml',
    status: 1,
    expected: {
      WorkerRole: [],
      RotatorRole: [],
      NotifierRole: ['resource-exposure/policy-change', 'wildcard-resource/write-on-star'],
    },
  },
  {
    behaviour:
      'the SAM policy templates added later (Athena, EMR, EFS through an access point, Step Functions callbacks and v2, slash-prefixed SSM, KMS v2) are written out and clean when scoped; TextractPolicy (textract:* on `*`) and a task definition given as `*` are not',
    template: 'sam-policy-templates-rest.yaml',
    status: 0,
    expected: {
      PipelineRole: [],
      ReporterRole: [],
      ScannerRole: ['wildcard-action/service-wildcard', 'wildcard-resource/write-on-star'],
      LauncherRole: ['wildcard-resource/write-on-star'],
    },
  },
  {
    behaviour:
      "the Serverless Framework's `Policy: ''` on a REST API is no policy, not an input error; a public REST API policy is still reported",
    template: 'serverless-framework-api.json',
    status: 1,
    expected: {
      HandlerRole: [],
      ApiGatewayRestApi: [],
      HandlerPermissionApiGateway: [],
      PartnerApi: ['resource-exposure/public-principal'],
    },
  },
  {
    behaviour:
      '`Principal: { AWS: !Ref AWS::AccountId }` is the stack account, read like its root ARN, also as the `Principal` of a layer, function or event bus permission (those were unknown-value); so is a parameter constrained to an account id (12 characters, or a 12-digit `AllowedPattern`: it was unknown-value, whether it is everyone); an account from another parameter stays unknown',
    template: 'account-id-principals.yaml',
    status: 0,
    expected: {
      AssetsKey: [],
      SharedLayer: [],
      SharedLayerPermission: [],
      Worker: [],
      WorkerInvokePermission: [],
      Bus: [],
      BusPutEventsPermission: [],
      StackSetExecutionRole: ['trust-policy/account-root'],
      AuditBucket: [],
      AuditBucketPolicy: [],
      SharedBucket: [],
      SharedBucketPolicy: ['unverifiable/unknown-value'],
      PublishingRole: ['trust-policy/account-root'],
      PublishingRoleArnForm: ['trust-policy/account-root'],
      PartnerRole: ['unverifiable/unknown-value'],
    },
  },
  {
    behaviour:
      'dynamic references (`{{resolve:ssm:...}}`) are values known at deploy: a resource is not a malformed ARN, but given whole it may be `*` (the write on it is undecided); a principal is unknown',
    template: 'dynamic-references.yaml',
    status: 0,
    expected: {
      WorkflowRole: ['unverifiable/unknown-value'],
      SharedSecretPolicy: ['unverifiable/unknown-value'],
    },
  },
  {
    behaviour:
      'a resource whose `Condition` is decided false before deploy is never created; one on a condition known only at deploy is checked',
    template: 'resource-conditions.yaml',
    status: 1,
    expected: {
      ChinaBreakGlassRole: [],
      ChinaBreakGlassPolicy: [],
      EdgeDeployRole: ['privilege-escalation/pass-role-wildcard'],
    },
  },
  {
    behaviour: 'the same template in the China partition creates the break-glass policy',
    template: 'resource-conditions.yaml',
    args: ['--partition', 'aws-cn'],
    status: 1,
    expected: {
      ChinaBreakGlassPolicy: ['privilege-escalation/pass-role-wildcard'],
      EdgeDeployRole: ['privilege-escalation/pass-role-wildcard'],
    },
  },
];

describe.each(ROWS.map((row) => [[row.template, ...(row.args ?? [])].join(' '), row] as const))('%s', (_, row) => {
  const { status, report, stderr } = scan(row.template, row.args);

  test(`${row.behaviour}: no input error, exit ${String(row.status)}`, () => {
    expect(report.errors).toEqual([]);
    expect(stderr).toBe('');
    expect(status).toBe(row.status);
  });

  test.each(Object.entries(row.expected))('%s', (logicalId, ruleIds) => {
    const found = report.findings
      .filter((f) => f.location.logicalId === logicalId)
      .map((f) => f.ruleId)
      .sort();
    expect([...new Set(found)]).toEqual([...ruleIds].sort());
  });
});

describe('oidc-provider-or-parameter.yaml', () => {
  test('the branches of a `Federated: !If` that say the same of one statement make one finding, not one per branch', () => {
    const { status, report, stderr } = scan('oidc-provider-or-parameter.yaml');
    expect(stderr).toBe('');
    expect(status).toBe(1);
    const findings = report.findings as readonly (Finding & { location: { pointer?: string } })[];
    expect(findings.map((f) => [f.ruleId, f.location.logicalId, f.location.pointer])).toEqual([
      ['trust-policy/oidc-broad-subject', 'DeployRole', '/Statement/0'],
    ]);
  });
});

describe('functions-in-ref-and-getatt.yaml', () => {
  test('a policy attached through `Ref: !Sub <logical id>` (AWS::LanguageExtensions) is a policy of that role, also in a loop over a collection known at deploy', () => {
    const { status, report, stderr } = scan('functions-in-ref-and-getatt.yaml');
    expect(stderr).toBe('');
    expect(status).toBe(1);
    const findings = report.findings as readonly (Finding & { principal?: string })[];
    expect(findings.map((f) => [f.ruleId, f.location.logicalId, f.principal]).sort()).toEqual([
      ['privilege-escalation/pass-role-wildcard', '${Feed}ReaderPolicy', '${Feed}ReaderRole'],
      ['wildcard-resource/write-on-star', 'ExportPolicy', 'ExportRole'],
      ['wildcard-resource/write-on-star', 'IngestPolicy', 'IngestRole'],
    ]);
  });
});

describe('aws-include-s3.yaml', () => {
  test('an `AWS::Include` merged into `Resources` is one unresolved finding at its pointer; each message names the S3 location it is not checked from', () => {
    const { report } = scan('aws-include-s3.yaml');
    const findings = report.findings as readonly (Finding & { message: string; location: { pointer?: string } })[];
    const section = findings.filter((f) => f.location.logicalId === undefined);
    expect(section.map((f) => [f.ruleId, f.location.pointer])).toEqual([
      ['unverifiable/unresolved-policy', '/Resources/Fn::Transform'],
    ]);
    expect(section[0]?.message).toContain('s3://shared-snippets-example/baseline-roles.yaml');
    const named = (logicalId: string): string =>
      findings.find((f) => f.location.logicalId === logicalId)?.message ?? '';
    expect(named('AuditRole')).toContain('s3://shared-snippets-example/audit-role.yaml');
    expect(named('ArtifactsBucket')).toContain('s3://shared-snippets-example/bucket-settings.json');
    expect(named('WorkerRole')).toContain('s3://shared-snippets-example/extra-statement.yaml');
    expect(named('LegacyApi')).toContain('s3://shared-snippets-example/legacy-openapi.yaml');
    expect(named('OrdersApi')).toContain('`DefinitionUri` names S3');
  });
});

describe('aws-include-missing.yaml', () => {
  test('an `AWS::Include` of a local file that does not exist is one input error line with its pointer (exit 2)', () => {
    const { status, report, stderr } = scan('aws-include-missing.yaml');
    expect(status).toBe(2);
    expect(report.errors).toHaveLength(1);
    expect(stderr.trim().split('\n')).toEqual([
      `${DIR}/aws-include-missing.yaml: /Resources/DeployRole/Properties/Policies/0/PolicyDocument/Fn::Transform/Parameters/Location: file \`aws-include-local/no-such-policy.yaml\` of \`AWS::Include\`: no such file`,
    ]);
  });
});

describe('foreach-same-identifier.yaml', () => {
  test('a nested `Fn::ForEach` reusing the identifier of the loop it is in is one input error line naming it (exit 2), as CloudFormation rejects it', () => {
    const { status, stderr } = scan('foreach-same-identifier.yaml');
    expect(status).toBe(2);
    expect(stderr.trim().split('\n')).toEqual([
      `${DIR}/foreach-same-identifier.yaml: /Resources/Fn::ForEach::Teams/Fn::ForEach::Queues/0: the identifier \`Name\` of \`Fn::ForEach::Queues\` is also the identifier of a loop it is nested in`,
    ]);
  });
});
