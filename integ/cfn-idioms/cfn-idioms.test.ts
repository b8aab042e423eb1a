/**
 * `cdk-guard` on CloudFormation and SAM templates written by hand (see README.md): each row runs
 * the real binary on one template and compares rule ids by logical id. An idiom has none; a risk
 * has its rules; a value known only at deploy is an `unverifiable` finding; a broken template is
 * one input error line (exit 2) naming the file and the JSON pointer.
 */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

const ROOT = path.join(__dirname, '../..');
const BIN = path.join(ROOT, 'packages/cdk-guard/bin/cdk-guard.js');
const DIR = 'integ/cfn-idioms';

interface Finding {
  readonly ruleId: string;
  readonly location: { readonly file?: string; readonly logicalId?: string };
}

function run(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

interface Row {
  readonly behaviour: string;
  readonly template: string;
  readonly config?: string;
  /** Rule ids by `file#logicalId` (file omitted for the template itself); `[]` marks an idiom. */
  readonly expected: Readonly<Record<string, readonly string[]>>;
}

const ROWS: readonly Row[] = [
  {
    behaviour:
      'scoped inline policies with !GetAtt/!Sub/!Join and an instance profile are clean; `s3:*` + PassRole on `*` is not',
    template: 'roles.yaml',
    expected: {
      // AmazonSSMManagedInstanceCore allows `ssm:GetParameter(s)` on `*`
      AppRole: ['data-exfiltration/unscoped-read'],
      AppInstanceProfile: [],
      BatchRole: [
        'data-exfiltration/unscoped-read',
        'privilege-escalation/pass-role-wildcard',
        'resource-exposure/policy-change',
        'wildcard-action/service-wildcard',
        'wildcard-resource/write-on-star',
      ],
    },
  },
  {
    behaviour: 'managed policies attached to roles, users and groups are judged where they are defined',
    template: 'managed-policies.json',
    expected: {
      ReadLogsPolicy: [],
      OperatorsPolicy: [],
      ServiceRole: [],
      ReadersGroup: [],
      IamAdminPolicy: [
        // `iam:*` on `*`: administrator access and its escalation paths, not again as a wildcard, writes, credentials.
        'admin-access/service-admin',
        'privilege-escalation/iam-policy-modification',
        'privilege-escalation/pass-role-wildcard',
        'privilege-escalation/user-credentials',
      ],
      Auditor: ['iam-user/direct-policy'],
    },
  },
  {
    behaviour:
      'a CI user in a scoped group gets only the access-key warning; a console admin with a key gets the user rules',
    template: 'users.yaml',
    expected: {
      DeployGroup: [],
      CiUser: [],
      CiUserKey: ['iam-user/access-key'],
      AdminUser: [
        'admin-access/full-access',
        'iam-user/console-without-mfa',
        'iam-user/direct-policy',
        'iam-user/weak-password-policy',
      ],
      AdminUserKey: ['iam-user/access-key'],
    },
  },
  {
    behaviour: 'CloudFront OAC, TLS-only deny and log delivery bucket policies are clean; a public read policy is not',
    template: 'bucket-policies.yaml',
    expected: {
      SiteBucketPolicy: [],
      LogsBucketPolicy: [],
      PublicBucketPolicy: ['resource-exposure/public-principal'],
    },
  },
  {
    behaviour: 'SNS-to-SQS and EventBridge-to-SNS with aws:SourceArn are clean; a queue open to `*` is not',
    template: 'queues-topics.json',
    expected: { QueuePolicy: [], TopicPolicy: [], OpenQueuePolicy: ['resource-exposure/public-principal'] },
  },
  {
    behaviour:
      'the default key policy, a secret for one role and ECR pull for the organization are clean; a key anyone may use is not',
    template: 'key-secret-ecr.yaml',
    expected: {
      Key: [],
      SecretPolicy: [],
      Repository: [],
      AppRole: [],
      OpenKey: ['resource-exposure/public-principal'],
    },
  },
  {
    behaviour:
      'Lambda permissions with a source are clean; S3 without source account and API Gateway without source are not',
    template: 'lambda-permissions.yaml',
    expected: {
      S3Invoke: [],
      ApiInvoke: [],
      ScheduleInvoke: [],
      FnRole: [],
      S3InvokeNoAccount: ['resource-exposure/confused-deputy'],
      ApiInvokeAnyApi: ['resource-exposure/confused-deputy'],
    },
  },
  {
    behaviour: 'GitHub OIDC pinned to a branch or environment is clean; org-wide or no subject is not',
    template: 'github-oidc.yaml',
    expected: {
      DeployRole: [],
      EnvironmentRole: [],
      OrgWideRole: ['trust-policy/oidc-broad-subject'],
      NoSubjectRole: ['trust-policy/oidc-missing-sub'],
    },
  },
  {
    behaviour:
      'SAM policy templates and managed policy names (also under !If) are clean; `dynamodb:*` on `*` is not, nor the given Role whose AWSLambdaSQSQueueExecutionRole reads the messages of every queue',
    template: 'sam-app.yaml',
    expected: {
      GetOrderFunctionRole: [],
      PutOrderFunctionRole: [],
      WorkerRole: ['data-exfiltration/unscoped-read'],
      AdminFunctionRole: [
        'data-exfiltration/unscoped-read',
        'resource-exposure/policy-change',
        'wildcard-action/service-wildcard',
        'wildcard-resource/write-on-star',
      ],
    },
  },
  {
    behaviour:
      'a required boundary from SAM Globals is met; one from a parameter or an import is unverifiable; none is an error',
    template: 'sam-boundary.yaml',
    config: 'boundary.config.json',
    expected: {
      GlobalBoundaryFunctionRole: [],
      ParameterBoundaryFunctionRole: ['unverifiable/unknown-value'],
      ParameterBoundaryRole: ['unverifiable/unknown-value'],
      ImportedBoundaryRole: ['unverifiable/unknown-value'],
      UnboundedRole: ['boundary/missing-required'],
    },
  },
  {
    behaviour: 'a state machine role with a trust policy given as a JSON string through Fn::Sub is clean',
    template: 'step-functions.json',
    expected: { StateMachineRole: [], WorkerRole: [] },
  },
  {
    behaviour: 'conditions, mappings, Select/Split and NoValue resolve; a `*` in one Fn::If branch is reported',
    template: 'conditions.yaml',
    expected: {
      // `!Select [0, !Ref QueueArns]` is given at deploy as a `String` parameter is: it may be `*`.
      ReaderRole: ['unverifiable/unknown-value'],
      DebugRole: ['wildcard-resource/write-on-star'],
    },
  },
  {
    behaviour:
      'an external id pins a vendor; a trusted account, managed policy or document chosen at deploy is unverifiable',
    template: 'cross-account.yaml',
    expected: {
      // SecurityAudit reads every function's environment and every app client's secret.
      VendorRole: ['data-exfiltration/unscoped-read'],
      PartnerRole: ['unverifiable/unknown-value'],
      ExtensibleRole: ['unverifiable/unresolved-policy'],
      // a policy document given as a parameter: unverifiable, not an input error
      ExtraInlinePolicy: ['unverifiable/unresolved-policy'],
    },
  },
  {
    behaviour: 'Fn::ForEach expands over a literal list and a list default: each copy is judged on its own',
    template: 'language-extensions.yaml',
    expected: {
      dataengRole: [],
      webRole: [],
      OrdersPolicy: ['resource-exposure/public-principal'],
      PaymentsPolicy: ['resource-exposure/public-principal'],
    },
  },
  {
    behaviour:
      'a local nested template is scanned (once per nesting); a nested stack from a URL is reported as not checked',
    template: 'nested-stack.yaml',
    expected: {
      Network: ['unverifiable/unresolved-policy'],
      Permissions: [],
      Shared: [],
      'integ/cfn-idioms/child-roles.yaml#ChildRole': ['privilege-escalation/pass-role-wildcard'],
    },
  },
  {
    behaviour:
      'object reads on a bucket ARN whose name is known at deploy (`!GetAtt Bucket.Arn`, a parameter) reach no object; `${Bucket.Arn}/*` does',
    template: 'bucket-arn-for-objects.yaml',
    expected: {
      Reports: [],
      ForgotObjectsRole: ['policy-validity/resource-mismatch'],
      ArchiveReaderRole: ['policy-validity/resource-mismatch'],
      ReaderRole: [],
    },
  },
];

function verdicts(findings: readonly Finding[], row: Row): Record<string, string[]> {
  const byId: Record<string, string[]> = {};
  for (const id of Object.keys(row.expected)) byId[id] = [];
  const own = `${DIR}/${row.template}`;
  for (const f of findings) {
    const logicalId = f.location.logicalId ?? '(no logical id)';
    const id = f.location.file === own ? logicalId : `${f.location.file ?? ''}#${logicalId}`;
    const ids = (byId[id] ??= []);
    if (!ids.includes(f.ruleId)) ids.push(f.ruleId);
  }
  for (const ids of Object.values(byId)) ids.sort();
  return byId;
}

/** One run of the binary per configuration, on every template of the rows that use it: findings by file. */
const reports = new Map<string, { status: number | null; stderr: string; findings: readonly Finding[] }>();

beforeAll(() => {
  const configs = [...new Set(ROWS.map((r) => r.config ?? ''))];
  for (const config of configs) {
    const templates = ROWS.filter((r) => (r.config ?? '') === config).map((r) => `${DIR}/${r.template}`);
    const options = config === '' ? [] : ['--config', `${DIR}/${config}`];
    const { status, stdout, stderr } = run(...templates, '--format', 'json', '--fail-on', 'never', ...options);
    const findings = status === 0 ? (JSON.parse(stdout) as { findings: Finding[] }).findings : [];
    reports.set(config, { status, stderr, findings });
  }
});

/** The findings of the row's template and of the templates it nests (not given on the command line). */
function findingsOf(row: Row): readonly Finding[] {
  const report = reports.get(row.config ?? '');
  const given = new Set(ROWS.map((r) => `${DIR}/${r.template}`));
  const own = `${DIR}/${row.template}`;
  const nested = new Set(
    Object.keys(row.expected)
      .filter((k) => k.includes('#'))
      .map((k) => k.slice(0, k.indexOf('#'))),
  );
  return (report?.findings ?? []).filter(
    (f) => f.location.file === own || (!given.has(f.location.file ?? '') && nested.has(f.location.file ?? '')),
  );
}

describe('cdk-guard on hand-written CloudFormation and SAM templates', () => {
  it('every run ends with a report', () => {
    for (const report of reports.values())
      expect({ status: report.status, stderr: report.stderr }).toEqual({ status: 0, stderr: '' });
  });

  it.each(ROWS.map((row) => [row.behaviour, row] as const))('%s', (_, row) => {
    expect(verdicts(findingsOf(row), row)).toEqual(row.expected);
  });
});

const BROKEN: readonly (readonly [string, string, RegExp])[] = [
  ['invalid YAML', 'bad-yaml.yaml', /^integ\/cfn-idioms\/broken\/bad-yaml\.yaml: invalid YAML at line 6, column 1: /],
  [
    'an unknown short-form intrinsic',
    'unknown-intrinsic.yaml',
    /^integ\/cfn-idioms\/broken\/unknown-intrinsic\.yaml: invalid YAML at line 16, column 27: unknown intrinsic function `!Frobnicate`$/,
  ],
  [
    'an unknown long-form intrinsic',
    'unknown-function.json',
    /^integ\/cfn-idioms\/broken\/unknown-function\.json: \/Resources\/Role\/Properties\/Policies\/0\/PolicyDocument\/Statement\/0\/Resource\/Fn::Frobnicate: unknown intrinsic function `Fn::Frobnicate`$/,
  ],
  [
    'a !GetAtt of a missing resource',
    'missing-getatt.yaml',
    /^integ\/cfn-idioms\/broken\/missing-getatt\.yaml: \/Resources\/Role\/Properties\/Policies\/0\/PolicyDocument\/Statement\/0\/Resource\/Fn::GetAtt: `Fn::GetAtt` names `Tabel`, which is not a resource of the template$/,
  ],
  [
    'a ${Name} in !Sub that is neither a parameter nor a resource',
    'missing-sub.yaml',
    /^integ\/cfn-idioms\/broken\/missing-sub\.yaml: \/Resources\/Role\/Properties\/Policies\/0\/PolicyDocument\/Statement\/0\/Resource\/Fn::Sub: `Fn::Sub` names `BucketName`, which is neither a parameter nor a resource$/,
  ],
  [
    'a circular Ref',
    'circular-ref.json',
    /^integ\/cfn-idioms\/broken\/circular-ref\.json: \/Resources\/B\/Properties\/RoleName\/Fn::Sub: circular dependency between resources: `A` -> `B` -> `A`$/,
  ],
  [
    'a local nested template that does not exist',
    'missing-nested.yaml',
    /^integ\/cfn-idioms\/broken\/missing-nested\.yaml: \/Resources\/Child\/Properties\/TemplateURL: nested stack template `\.\/no-such-child\.yaml` of `Child`: no such file$/,
  ],
  [
    "a !GetAtt of a missing resource in a stack set's template body",
    'stack-set-body.yaml',
    /^integ\/cfn-idioms\/broken\/stack-set-body\.yaml: \/Resources\/Readers\/Properties\/TemplateBody: template body of stack set `Readers`: \/Resources\/Role\/Properties\/Policies\/0\/PolicyDocument\/Statement\/0\/Resource\/Fn::GetAtt: `Fn::GetAtt` names `Tabel`, which is not a resource of the template$/,
  ],
  [
    'a SAM policy template without its parameter (misspelled)',
    'sam-template-parameter.yaml',
    /^integ\/cfn-idioms\/broken\/sam-template-parameter\.yaml: \/Resources\/Api\/Properties\/Policies\/0\/DynamoDBCrudPolicy: resource `Api`: SAM policy template `DynamoDBCrudPolicy` is not given `TableName` \(`Table` is not one of its parameters\): the SAM transform rejects it/,
  ],
];

describe('broken templates are one input error line each (exit 2), never a stack trace', () => {
  let result: { status: number | null; stdout: string; stderr: string };
  beforeAll(() => {
    result = run(...BROKEN.map(([, file]) => `${DIR}/broken/${file}`));
  });

  it('exits 2 with one line per template', () => {
    expect(result.status).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(BROKEN.length);
  });

  it.each(BROKEN)('%s', (_, file, line) => {
    const lines = result.stderr.split('\n').filter((l) => l.startsWith(`${DIR}/broken/${file}:`));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(line);
  });
});
