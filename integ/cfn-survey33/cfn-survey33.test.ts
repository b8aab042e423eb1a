/**
 * `cdk-guard` on CloudFormation and SAM templates written in the shapes of AWS samples (see
 * README.md): SAM policy templates, `Globals`, `Role` given by `!If`, nested applications and
 * stacks, connectors, API resource policies, `Fn::ForEach`, `AWS::Include`, `!Sub` escapes, a CRLF
 * file with statement-level `!If`. The real binary runs with `survey33.config.json` (the account
 * and the shared-services account trusted). `npm run build` first.
 */
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { scanTemplate } from '../run-cdk-guard';
import { pointedLines } from '../sarif-lines';

const DIR = 'integ/cfn-survey33';
const ROOT = path.join(__dirname, '../..');
const CONFIG = ['--config', `${DIR}/survey33.config.json`];
type Scan = ReturnType<typeof scanTemplate>;
const verdicts = ({ report }: Scan): string[] =>
  [
    ...new Set(report.findings.map((f) => `${f.location.logicalId ?? ''} ${f.ruleId} ${f.location.pointer ?? ''}`)),
  ].sort();

const ROWS: readonly { template: string; expected: readonly string[] }[] = [
  {
    // Policy templates on the table, bucket, queue and topic of the stack, a conditional metric
    // policy and a statement on one parameter path are least privilege; so is the state machine.
    template: 'sam-app.yaml',
    expected: [
      'AdminRole privilege-escalation/iam-policy-modification /Statement/0',
      'AdminRole privilege-escalation/pass-role-wildcard /Statement/0',
      'AdminRole wildcard-resource/write-on-star /Statement/0',
      // Read from the nested application's local template.
      'FlowLogRole privilege-escalation/pass-role-wildcard /Statement/1',
      'NestedRaw unverifiable/unresolved-policy ',
      'WideFunctionRole data-exfiltration/unscoped-read /Statement/0',
      'WideFunctionRole privilege-escalation/pass-role-wildcard /Statement/2',
      'WideFunctionRole resource-exposure/policy-change /Statement/0',
      'WideFunctionRole wildcard-action/service-wildcard /Statement/0',
      'WideFunctionRole wildcard-resource/write-on-star /Statement/0',
    ],
  },
  {
    // Clean: the key policy's root and trusted tools account, the TLS deny, the log resource
    // policy bound by `aws:SourceAccount`, every ForEach task role.
    template: 'platform.yaml',
    expected: [
      'ArtifactBucketPolicy trust-policy/untrusted-account /Statement/2',
      'OpsPolicy unverifiable/unresolved-policy ',
      'PipelinePolicy privilege-escalation/pass-role-to-service /Statement/0',
      'PipelinePolicy privilege-escalation/pass-role-wildcard /Statement/0',
      'SharedBusPolicy unverifiable/unknown-value /Statement/0/Condition/StringEquals/aws:PrincipalOrgID',
      'SupportRole trust-policy/account-root /Statement/0',
      'SupportRole wildcard-action/service-wildcard /Statement/0',
      'TopicPolicy resource-exposure/confused-deputy /Statement/0',
      'TopicPolicy resource-exposure/public-principal /Statement/1',
      'UrlPermission resource-exposure/public-principal /Statement/0',
    ],
  },
  {
    // Connectors scoped to the table and a function whose `Policies` SAM ignores beside `Role` are quiet.
    template: 'sam-edges.yaml',
    expected: [
      'OneDocFunctionRole privilege-escalation/pass-role-wildcard /Statement',
      'OpenApi resource-exposure/public-principal /Statement/1',
      'OpenApi trust-policy/untrusted-account /Statement/0',
      'StringPolicyFunctionRole data-exfiltration/unscoped-read /Statement/0',
      'StringPolicyFunctionRole resource-exposure/policy-change /Statement/0',
      'StringPolicyFunctionRole wildcard-action/service-wildcard /Statement/0',
    ],
  },
  {
    template: 'crlf.yaml',
    expected: [
      'AppRole admin-access/full-access /Statement/0/Fn::If/1',
      'AppRole unverifiable/unknown-value /Statement/1/Action',
      'SecondRole resource-exposure/public-principal /Statement/0',
    ],
  },
  {
    // Sixty SAM policy templates on resources of the account: quiet but where the template itself
    // writes on every resource of a kind (or on `*`), and where it is handed a name it cannot match.
    template: 'sam-policy-templates.yaml',
    expected: [
      'CloudWatchDashboardPolicyFnRole wildcard-resource/write-on-star /Statement/0',
      'EcsRunTaskFamilyOnlyFnRole policy-validity/resource-mismatch /Statement/0',
      'PollyFullAccessPolicyFnRole wildcard-resource/write-on-star /Statement/1',
      'ServerlessRepoReadWriteAccessPolicyFnRole wildcard-resource/write-on-star /Statement/0',
      'TextractPolicyFnRole wildcard-action/service-wildcard /Statement/0',
      'TextractPolicyFnRole wildcard-resource/write-on-star /Statement/0',
    ],
  },
  {
    // `${!aws:username}` is the policy variable: each user manages only their own keys and MFA.
    template: 'selfservice.yaml',
    expected: ['SelfService privilege-escalation/user-credentials /Statement/1'],
  },
];

describe('survey 33: CloudFormation and SAM templates in the shapes of AWS samples', () => {
  it.each(ROWS)(
    '$template: no input error, each resource gets the verdict a reviewer gives it',
    ({ template, expected }) => {
      const result = scanTemplate(DIR, template, CONFIG);
      expect(result.report.errors).toEqual([]);
      expect(result.stderr).toBe('');
      expect(verdicts(result)).toEqual(expected);
    },
  );

  it('a permissions boundary set in Globals reaches every function role SAM generates', () => {
    const result = scanTemplate(DIR, 'sam-edges.yaml', ['--config', `${DIR}/boundary.config.json`]);
    const missing = result.report.findings.filter((f) => f.ruleId.startsWith('boundary/'));
    expect(missing.map((f) => `${f.location.logicalId ?? ''} ${f.ruleId}`)).toEqual([
      'QuietRole boundary/missing-required',
    ]);
  });

  it.each(['sam-app.yaml', 'platform.yaml', 'crlf.yaml'])(
    '%s: each finding names the line its resource (or the function of a generated role) is declared on',
    (template) => {
      const result = spawnSync(
        process.execPath,
        ['packages/cdk-guard/bin/cdk-guard.js', path.join(DIR, template), '--format', 'sarif', '--fail-on', 'never'],
        { cwd: ROOT, encoding: 'utf8' },
      );
      const found = pointedLines(result.stdout);
      expect(found.length).toBeGreaterThan(0);
      for (const { name, line, lines } of found) {
        const id = name.split('/').pop() ?? '';
        const declared = [id, id.replace(/Role$/, '')]
          .map((written) => lines.findIndex((l) => l === `  ${written}:`) + 1)
          .find((at) => at > 0);
        expect({ id, line }).toEqual({ id, line: declared });
      }
    },
  );
});
