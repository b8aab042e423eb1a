/**
 * `cdk-guard` on shapes found in a survey of templates other tools generate or users deploy with
 * them (Serverless Framework, SAM, Amplify, Copilot), each re-authored as a minimal template of our
 * own (see README.md). Each test runs the real binary on one template, as a user runs it.
 */
import { rulesByLogicalId, scanTemplate } from '../run-cdk-guard';

const DIR = 'integ/cfn-survey7';
const scan = (template: string, args: readonly string[] = []): ReturnType<typeof scanTemplate> =>
  scanTemplate(DIR, template, args);

describe('deploy-time-actions.yaml', () => {
  const { status, report, stderr } = scan('deploy-time-actions.yaml');
  const at = (policy: string, pointer: string): string[] =>
    report.findings
      .filter((f) => f.message.includes(`(in inline policy \`${policy}\`)`) && f.location.pointer?.startsWith(pointer))
      .map((f) => f.ruleId)
      .sort();

  test('no input error; the role fails the run', () => {
    expect(report.errors).toEqual([]);
    expect(stderr).toBe('');
    expect(status).toBe(1);
  });

  test('the statements whose actions are known are judged beside those known only at deploy (the whole policy was unread)', () => {
    expect(at('worker', '/Statement/2')).toContain('privilege-escalation/pass-role-wildcard');
  });

  test('a bucket policy for everyone with one action from a parameter: the known action is public (it was only unknown)', () => {
    expect(rulesByLogicalId(report)['DataPolicy']).toEqual([
      'resource-exposure/public-principal',
      'unverifiable/unknown-value',
    ]);
  });

  test('an action from a parameter without `AllowedValues` is unknown, naming the parameter, at its element', () => {
    const unknown = report.findings.filter(
      (f) => f.ruleId === 'unverifiable/unknown-value' && f.location.logicalId === 'WorkerRole',
    );
    expect(unknown.map((f) => f.location.pointer).sort()).toEqual([
      '/Statement/0/Action',
      '/Statement/2/Action/0',
      '/Statement/3/Action',
    ]);
    for (const f of unknown.filter((f) => f.message.includes('`worker`')))
      expect(f.message).toContain('parameter ExtraActions');
  });

  test('a `Deny` of an action chosen at deploy is not counted on, and says so', () => {
    const deny = report.findings.find((f) => f.location.pointer === '/Statement/3/Action');
    expect(deny?.message).toContain('parameter DeniedAction');
  });

  test('actions from `AllowedValues`, from a list text split at deploy and from a mapping chosen by a parameter are each judged', () => {
    expect(at('choices', '/Statement/0')).toContain('wildcard-action/service-wildcard');
    expect(at('choices', '/Statement/1')).toContain('wildcard-action/service-wildcard');
    expect(at('choices', '/Statement/2')).toContain('wildcard-action/service-wildcard');
    // The mapping entry that grants it, as the sides of a `Fn::If` are named.
    const tables = report.findings.find(
      (f) => f.ruleId === 'wildcard-action/service-wildcard' && f.location.pointer === '/Statement/2',
    );
    expect(tables?.message).toMatch(/\(when `Tier` chooses `Mappings\/TierActions\/operator\/Actions`\)$/);
    const sqs = report.findings.find((f) => f.message.includes('`sqs:*`'));
    expect(sqs?.location.pointer).toBe('/Statement/1');
    expect(rulesByLogicalId(report)['WorkerRole']).toEqual(
      expect.arrayContaining(['privilege-escalation/pass-role-wildcard', 'unverifiable/unknown-value']),
    );
  });
});

describe('broken/sam-template-arns.yaml', () => {
  const { status, report, stderr } = scan('broken/sam-template-arns.yaml');
  const policies = '/Resources/Handler/Properties/Policies';

  test('a SAM policy template given an ARN or a URL for a name: one input error line per parameter, naming it (exit 2)', () => {
    expect(status).toBe(2);
    expect(report.errors.map((e) => e.pointer)).toEqual([
      `${policies}/0/S3ReadPolicy/BucketName`,
      `${policies}/2/SQSSendMessagePolicy/QueueName`,
      `${policies}/3/LambdaInvokePolicy/FunctionName`,
      `${policies}/5/DynamoDBReadPolicy/TableName`,
    ]);
    const lines = stderr.trim().split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]?.startsWith(`${DIR}/broken/sam-template-arns.yaml: ${policies}/0/S3ReadPolicy/BucketName: `)).toBe(
      true,
    );
  });

  test('each says what was given and what gives the name', () => {
    const [bucket, queue, fn] = report.errors.map((e) => e.message);
    expect(bucket).toMatch(
      /`BucketName` of SAM policy template `S3ReadPolicy` is an ARN \(`!GetAtt Uploads\.Arn`\).*\(`!Ref Uploads`\)$/,
    );
    expect(queue).toMatch(/is a URL \(`!Ref Outbox`\).*\(`!GetAtt Outbox\.QueueName`\)$/);
    expect(fn).toMatch(/is an ARN \(`!GetAtt Notifier\.Arn`\).*\(`!Ref Notifier`\)$/);
  });

  test('the policies SAM writes from them name no resource: no finding on them beside the errors (a table ARN in a table ARN was nine `resource-mismatch`)', () => {
    expect(report.findings.filter((f) => f.location.logicalId === 'HandlerRole')).toEqual([]);
  });
});

describe('sam-generated-permissions.yaml', () => {
  const { status, report, stderr } = scan('sam-generated-permissions.yaml');

  test('no input error; warnings only', () => {
    expect(report.errors).toEqual([]);
    expect(stderr).toBe('');
    expect(status).toBe(0);
  });

  test('what the transform grants is judged: the managed policy of an SQS event, connectors to event buses (one was not checked, one not seen)', () => {
    expect(rulesByLogicalId(report)).toEqual({
      IngestRole: ['data-exfiltration/unscoped-read'],
      AnyBusPolicy: ['wildcard-resource/write-on-star'],
    });
    const ingest = report.findings.find((f) => f.location.logicalId === 'IngestRole');
    expect(ingest?.message).toContain('AWSLambdaSQSQueueExecutionRole');
    expect(report.findings.find((f) => f.location.logicalId === 'AnyBusPolicy')?.message).toContain('events:PutEvents');
  });
});

describe('files other tools turn into templates', () => {
  test.each([
    [
      'serverless.yml',
      /a Serverless Framework service file: run `serverless package` and scan `\.serverless\/cloudformation-template-update-stack\.json`/,
    ],
    ['copilot-manifest.yml', /an AWS Copilot manifest: run `copilot svc package --output-dir DIR`/],
  ])(
    'broken/%s: one input error line saying how to get the template to scan (it said only "no `Resources` section")',
    (file, hint) => {
      const { status, report, stderr } = scan(`broken/${file}`);
      expect(status).toBe(2);
      expect(report.errors).toHaveLength(1);
      expect(report.errors[0]?.message).toMatch(hint);
      expect(stderr.trim().split('\n')).toHaveLength(1);
    },
  );
});

describe('mapping-choices.yaml (trusted: 444455556666, 111122223333)', () => {
  const { status, report, stderr } = scan('mapping-choices.yaml', ['--config', `${DIR}/trust.config.json`]);

  test('no input error; the untrusted account fails the run', () => {
    expect(report.errors).toEqual([]);
    expect(stderr).toBe('');
    expect(status).toBe(1);
  });

  test('an account from a mapping keyed by a parameter is judged per value the key may take (both were unknown-value)', () => {
    const untrusted = report.findings.filter((f) => f.ruleId === 'trust-policy/untrusted-account');
    expect(untrusted.map((f) => f.location.logicalId)).toEqual(['AnyStageRole']);
    expect(untrusted[0]?.message).toContain('`999988887777`');
    expect(untrusted[0]?.message).toContain('parameter `Stage`');
    expect(report.findings.filter((f) => f.ruleId === 'unverifiable/unknown-value')).toEqual([]);
  });
});

describe('broken/sam-connector-typos.yaml', () => {
  const { status, report, stderr } = scan('broken/sam-connector-typos.yaml');

  test('a connector naming no resource, or asking a permission its pair has not: one input error each, at what SAM rejects (they were unresolved-policy warnings, exit 0)', () => {
    expect(status).toBe(2);
    expect(report.errors.map((e) => e.pointer).sort()).toEqual([
      '/Resources/Handler/Connectors/ToOrders/Properties/Destination/1/Id',
      '/Resources/ReadAlerts/Properties/Permissions/0',
    ]);
    expect(report.errors.map((e) => e.message).sort()).toEqual([
      expect.stringMatching(
        /^SAM connector `HandlerToOrders`: its `Destination` names `OrderTable`, which is no resource/,
      ),
      expect.stringMatching(/^SAM connector `ReadAlerts`: `Read` is not a permission SAM connects .* \(`Write`\)/),
    ]);
    expect(stderr.trim().split('\n')).toHaveLength(2);
  });

  test('not reported a second time as unchecked', () => {
    expect(report.findings.filter((f) => f.ruleId === 'unverifiable/unresolved-policy')).toEqual([]);
  });
});
