/**
 * The same resource policy names its statements alike in both adapters: a statement the adapter
 * makes from a resource's properties (a function URL open to all, an OpenSearch Serverless data
 * access rule, a layer version permission) carries the Sid tf-scan gives it, or none, never the
 * logical id only cdk-guard knows. What a user sees of it: a suppression by `sid` silences the
 * same findings of `tf-scan` and `cdk-guard`. The real binaries run on a plan and a template
 * written here (`npm run build` first).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { scanTemplate } from '../run-cdk-guard';
import { runTfScan } from '../tf-scan/run-tf-scan';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { Estate, constant } = require('../tf-scan/estates/estate-builder') as {
  Estate: new () => {
    create(address: string, values: object, config: object, options?: object): void;
    toJSON(): unknown;
  };
  constant: (value: unknown) => unknown;
};

const DATA_ACCESS = JSON.stringify([
  {
    Rules: [{ ResourceType: 'index', Resource: ['index/logs/*'], Permission: ['aoss:ReadDocument'] }],
    Principal: ['*'],
  },
]);

const TEMPLATE = `Resources:
  Hook:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      Role: arn:aws:iam::111122223333:role/hook
      Code: { ZipFile: 'def handler(e, c): return 200' }
  HookUrl:
    Type: AWS::Lambda::Url
    Properties: { TargetFunctionArn: !GetAtt Hook.Arn, AuthType: NONE }
  SearchAccess:
    Type: AWS::OpenSearchServerless::AccessPolicy
    Properties:
      Name: search
      Type: data
      Policy: '${DATA_ACCESS}'
`;

function plan(): unknown {
  const e = new Estate();
  e.create(
    'aws_lambda_function.hook',
    {
      function_name: 'hook',
      runtime: 'python3.12',
      handler: 'app.handler',
      role: 'arn:aws:iam::111122223333:role/hook',
    },
    { function_name: constant('hook') },
    { unknown: ['arn', 'id', 'invoke_arn', 'qualified_arn', 'version'] },
  );
  e.create(
    'aws_lambda_function_url.hook',
    { function_name: 'hook', authorization_type: 'NONE', qualifier: null, cors: [] },
    { function_name: constant('hook'), authorization_type: constant('NONE') },
    { unknown: ['id', 'function_arn', 'function_url', 'url_id'] },
  );
  e.create(
    'aws_opensearchserverless_access_policy.search',
    { name: 'search', type: 'data', policy: DATA_ACCESS },
    { name: constant('search'), type: constant('data'), policy: constant(DATA_ACCESS) },
    { unknown: ['id', 'policy_version'] },
  );
  return e.toJSON();
}

interface Finding {
  readonly ruleId: string;
  readonly location: { readonly address?: string; readonly logicalId?: string };
}
interface Report {
  readonly findings: readonly Finding[];
  readonly suppressed: readonly Finding[];
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'iamgate-statement-names-'));
  writeFileSync(path.join(dir, 'template.yaml'), TEMPLATE);
  writeFileSync(path.join(dir, 'plan.json'), JSON.stringify(plan()));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** Both reports under a configuration suppressing public-principal on the statements of `sid`. */
function reportsSuppressing(sid: string): { tf: Report; cdk: Report } {
  const config = path.join(dir, `${sid}.config.json`);
  writeFileSync(
    config,
    JSON.stringify({
      suppressions: [
        { rule: 'resource-exposure/public-principal', target: '**', sid, reason: 'accepted by the survey' },
      ],
    }),
  );
  const tf = runTfScan([path.join(dir, 'plan.json'), '--format', 'json', '--config', config]);
  expect(tf.stderr).toBe('');
  const cdk = scanTemplate(dir, 'template.yaml', ['--config', config]);
  expect(cdk.stderr).toBe('');
  return { tf: JSON.parse(tf.stdout) as Report, cdk: cdk.report as unknown as Report };
}

const named = (findings: readonly Finding[]): string[] =>
  findings
    .filter((f) => f.ruleId === 'resource-exposure/public-principal')
    .map((f) => (f.location.address ?? f.location.logicalId ?? '').replace(/^aws_[a-z_]+\./, ''))
    .sort();

describe('a statement an adapter makes from properties is named alike in both', () => {
  test('the Sid of a public function URL silences it in both, and only it', () => {
    const { tf, cdk } = reportsSuppressing('FunctionURLAllowPublicAccess');
    expect(named(tf.suppressed)).toEqual(['hook']);
    expect(named(cdk.suppressed)).toEqual(['HookUrl']);
    expect(named(tf.findings)).toEqual(['search']);
    expect(named(cdk.findings)).toEqual(['SearchAccess']);
  });

  test('a data access rule has no Sid in either: the logical id is none', () => {
    const { tf, cdk } = reportsSuppressing('SearchAccess');
    expect(named(tf.suppressed)).toEqual([]);
    expect(named(cdk.suppressed)).toEqual([]);
  });
});
