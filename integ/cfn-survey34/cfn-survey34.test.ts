/**
 * `cdk-guard` on CloudFormation and SAM templates written in the shapes of AWS samples for services
 * the earlier surveys left out (see README.md): Step Functions (SAM and plain), EventBridge
 * Scheduler, CodePipeline/CodeBuild, Glue (a job role and a Data Catalog policy), Firehose, MSK,
 * OpenSearch, AWS Backup, API Gateway resource policies, AppSync, Transfer Family and Bedrock. The
 * real binary runs with `survey34.config.json` (the account and the shared-services account
 * trusted). `npm run build` first.
 */
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { scanTemplate } from '../run-cdk-guard';
import { pointedLines } from '../sarif-lines';

const DIR = 'integ/cfn-survey34';
const ROOT = path.join(__dirname, '../..');
const CONFIG = ['--config', `${DIR}/survey34.config.json`];
type Scan = ReturnType<typeof scanTemplate>;
const verdicts = ({ report }: Scan): string[] =>
  [
    ...new Set(report.findings.map((f) => `${f.location.logicalId ?? ''} ${f.ruleId} ${f.location.pointer ?? ''}`)),
  ].sort();

const ROWS: readonly { template: string; expected: readonly string[] }[] = [
  {
    // The SAM state machine's LambdaInvokePolicy and log delivery, the scheduler starting one
    // state machine, the build and pipeline roles on their own resources are quiet; the deploy
    // flow passing any role is found, and so is what AWS's PowerUserAccess itself allows.
    template: 'orchestration.yaml',
    expected: [
      'DeployFlowRole privilege-escalation/pass-role-wildcard /Statement/1',
      'DeployFlowRole wildcard-resource/write-on-star /Statement/0',
      'DeployRole admin-access/not-action-allow /Statement/0/NotAction',
      'DeployRole credentials-exposure/unscoped-credential-action /Statement/0',
      'DeployRole data-exfiltration/unscoped-read /Statement/0',
      'DeployRole privilege-escalation/assume-any-role /Statement/0',
      'DeployRole privilege-escalation/run-as-existing-role /Statement/0',
      'DeployRole resource-exposure/policy-change /Statement/0',
      'DeployRole wildcard-action/service-wildcard /Statement/0/NotAction',
    ],
  },
  {
    // Firehose, the MSK policy for the trusted shared-services account, the account's own
    // OpenSearch domain and the vault's deny and organization copy are quiet; the partner from a
    // parameter without AllowedValues cannot be judged; AWSGlueServiceRole is reported as written.
    template: 'data.yaml',
    expected: [
      'CatalogPolicy unverifiable/unknown-value /Statement/0/Principal',
      'GlueRole data-exfiltration/unscoped-read /Statement/0',
      'GlueRole privilege-escalation/run-as-existing-role /Statement/0',
      'GlueRole resource-exposure/policy-change /Statement/0',
      'GlueRole wildcard-action/service-wildcard /Statement/0',
      'OpenSearch resource-exposure/public-principal /Statement/0',
    ],
  },
  {
    // The private API fenced to its endpoint, AppSync on one table, the Transfer user's role and
    // session policy, the Bedrock agent on one model are quiet.
    template: 'apis.yaml',
    expected: [
      'KnowledgeBaseRole data-exfiltration/unscoped-read /Statement/0',
      'KnowledgeBaseRole data-exfiltration/unscoped-read /Statement/1',
      'KnowledgeBaseRole wildcard-action/service-wildcard /Statement/0',
      'KnowledgeBaseRole wildcard-resource/write-on-star /Statement/0',
      'PublicApi resource-exposure/public-principal /Statement/0',
    ],
  },
  {
    // The partner's reader in the serverless collection's rules; the Scheduler permission without
    // a source. The functions are named, not referenced (read as their ARNs, not invalid ones).
    template: 'resource-policies.yaml',
    expected: [
      'DataAccess trust-policy/untrusted-account /Statement/0',
      'SchedulerPermission resource-exposure/confused-deputy /Statement/0',
    ],
  },
];

describe('survey 34: CloudFormation and SAM templates for the services earlier surveys left out', () => {
  it.each(ROWS)(
    '$template: no input error, each resource gets the verdict a reviewer gives it',
    ({ template, expected }) => {
      const result = scanTemplate(DIR, template, CONFIG);
      expect(result.report.errors).toEqual([]);
      expect(result.stderr).toBe('');
      expect(verdicts(result)).toEqual(expected);
    },
  );

  it.each(['orchestration.yaml', 'data.yaml', 'apis.yaml', 'resource-policies.yaml'])(
    '%s: each finding names the line its resource is declared on',
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
        const declared = lines.findIndex((l) => l === `  ${id}:`) + 1;
        expect({ id, line }).toEqual({ id, line: declared });
      }
    },
  );
});
