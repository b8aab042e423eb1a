/**
 * The third survey of real CDK apps (survey3-apps.ts), each app synthesized once with the Aspect:
 * the idioms public apps write get no finding, what aws-cdk-lib writes that is a real risk is
 * reported with the reason it is kept, every planted risk is reported and annotated on its
 * construct, boundaries applied with `PermissionsBoundary.of` are seen, and the CLI on the written
 * cloud assemblies agrees.
 */
import type { Finding } from '@iamgate/core';
import { runCli } from './run-cli';
import { expectAnnotatedRisk, findingsAt, key, synthesize } from './synthesize';
import type { Synthesized } from './synthesize';
import {
  SURVEY3_BOUNDARY_CONFIG,
  SURVEY3_CONFIG,
  SURVEY3_IDIOMS,
  survey3App,
  survey3BoundaryApp,
  survey3RisksApp,
} from './survey3-apps';

/** The CLI's findings on an assembly, compared with the Aspect's. */
async function cliFindings(app: Synthesized): Promise<{ code: number; findings: Finding[] }> {
  const { code, stdout } = await runCli([app.outdir, '--format', 'json', '--config', app.configFile]);
  return { code, findings: (JSON.parse(stdout) as { findings: Finding[] }).findings };
}

describe('survey3 idioms', () => {
  let app: Synthesized;
  beforeAll(() => {
    app = synthesize(survey3App(), SURVEY3_CONFIG);
  });

  // Each construct wires IAM the way public CDK apps and the AWS guides write it: no finding on it or below it.
  const idioms: [string, string][] = [
    [
      'a Bedrock knowledge base on OpenSearch Serverless: aoss:APIAccessAll on one collection, the embedding model, the documents bucket; trust limited to the account and its knowledge bases',
      'Survey3/BedrockKnowledgeBase',
    ],
    [
      'a Bedrock agent: one model, Retrieve on one knowledge base, an action group function only that agent may invoke (source account and ARN)',
      'Survey3/BedrockAgentActions',
    ],
    [
      'Glue L2 jobs (PySparkEtlJob, PythonShellJob): the script of one bucket, continuous logs, prefixes of the lake, one table',
      'Survey3/GlueJobs',
    ],
    [
      'Scheduler in a schedule group with a customer managed key and a dead-letter queue: a SageMaker pipeline, a state machine, a queue',
      'Survey3/SchedulerGroup',
    ],
    ['Scheduler running a task on ECS on EC2 (its task and execution roles passed to ECS)', 'Survey3/SchedulerEcsEc2'],
    [
      'a pipe from an encrypted queue to a state machine with a Lambda enrichment and error logs; trust limited to the account',
      'Survey3/PipeQueueToMachine',
    ],
    [
      'AppSync with OpenSearch and EventBridge data sources; a client granted two mutations and a subscription',
      'Survey3/AppSyncSearch',
    ],
    [
      'CloudFormation change sets created and executed in the partner account through its (immutable) action and deployment roles, cross-account keys',
      'Survey3/PipelineChangeSets',
    ],
    [
      'a bucket policy for CloudFront written by hand with the distribution ARN as `AWS:SourceArn`',
      'Survey3/CloudFrontOacByHand',
    ],
    [
      'Firehose (L1) to OpenSearch with an S3 backup: one domain, its settings and mappings, one bucket; trust by external id',
      'Survey3/FirehoseToSearch',
    ],
    [
      'a domain with fine-grained access control: the access policy lets the account in, the master user is a named role, a function granted one index',
      'Survey3/SearchAccessPolicy',
    ],
    [
      'an identity pool mapping the editors group to a role that trusts only this pool (`aud`, authenticated), granted one prefix',
      'Survey3/IdentityPoolMappings',
    ],
    [
      'ECS on Fargate: secrets from Parameter Store and Secrets Manager for the execution role, ECS Exec with a key and its logs, a table and a queue for the task role',
      'Survey3/EcsSecretsAndExec',
    ],
    [
      'cross-stack grants: a role of another stack reading an encrypted bucket; a partner role imported immutable whose grants go into the bucket and queue policies',
      'Survey3/CrossStackGrants',
    ],
    ['the role of the other stack, granted the bucket and its key', 'Survey3Roles/Worker'],
    [
      'grants on resources imported by name or ARN: keys (by alias too), secrets, parameters, a log group, the default bus, tables, a bucket prefix, a queue, a topic, a stream, a repository, a function, a state machine, an AppSync API',
      'Survey3/ImportedGrants',
    ],
    [
      'AwsCustomResource reading one parameter of another Region with the latest SDK; a Provider with a completion handler',
      'Survey3/CustomResourcesMore',
    ],
  ];
  test.each(idioms)('%s: no finding', (_name, construct) => {
    expect(app.paths.has(construct)).toBe(true);
    expect(findingsAt(app.findings, construct).map(key)).toEqual([]);
  });

  // Real, and written by aws-cdk-lib: kept as in internals.test.ts, where each is judged.
  const real: [string, string, string][] = [
    [
      'EcsRunTask (RUN_JOB) on EC2: ecs:StopTask on `*` (a task ARN can be scoped to the cluster)',
      'wildcard-resource/write-on-star',
      'Survey3/SfnSdkAndEcs/Machine/Role/DefaultPolicy/Resource',
    ],
    [
      'the instance role of ECS capacity: log writes on `*`',
      'wildcard-resource/write-on-star',
      'Survey3/Ec2Cluster/Capacity/InstanceRole/DefaultPolicy/Resource',
    ],
  ];
  test.each(real)('%s', (_name, ruleId, constructPath) => {
    expect(app.findings.map(key)).toContain(`${ruleId} @ ${constructPath}`);
  });

  test('every case of the app is judged here', () => {
    const judged = new Set([...idioms.map(([, at]) => at), 'Survey3/SfnSdkAndEcs']);
    expect(Object.keys(SURVEY3_IDIOMS).filter((name) => !judged.has(`Survey3/${name}`))).toEqual([]);
  });

  test('the SDK calls on `*` of list-only actions (ec2:DescribeInstances, ce:GetCostAndUsage) and Bedrock with S3 input are no finding', () => {
    const machineRole = app.findings.filter((f) => f.principal === 'Survey3/SfnSdkAndEcs/Machine/Role');
    expect(machineRole.map((f) => f.evidence?.['actions'])).toEqual([['ecs:StopTask']]);
  });

  // aws-cdk-lib grants the stream reads of an imported table on the table ARN, and a stream's
  // consumer actions on the stream ARN: they apply to nothing, and the user does not write them.
  test('the stream reads aws-cdk-lib adds to imported table and stream grants are accepted by a default, with its reason', async () => {
    const policy = 'Survey3/ImportedGrants/Worker/DefaultPolicy/Resource';
    const accepted = app.suppressed.filter((f) => f.location.constructPath === policy);
    // A dead statement for each of the three tables, and the two consumer actions of the stream.
    expect(accepted.length).toBe(5);
    for (const f of accepted) {
      expect([f.ruleId, f.suppression.source]).toEqual([
        'policy-validity/resource-mismatch',
        'cdk-guard default: importedStreamReads',
      ]);
    }
    const actions = accepted.flatMap((f) => f.evidence?.['actions'] as string[]);
    expect([...new Set(actions)].sort()).toEqual([
      'dynamodb:GetRecords',
      'dynamodb:GetShardIterator',
      'kinesis:DescribeStreamConsumer',
      'kinesis:SubscribeToShard',
    ]);
    // Without the defaults, the CLI reports them.
    const { stdout } = await runCli([app.outdir, '--format', 'json', '--config', app.configFile, '--no-cdk-internals']);
    const bare = (JSON.parse(stdout) as { findings: Finding[] }).findings.filter(
      (f) => f.location.constructPath === policy,
    );
    expect(bare.map((f) => f.ruleId)).toEqual(accepted.map((f) => f.ruleId));
  });

  test('no finding outside the kept ones, no input error, no user suppression, no unverifiable', () => {
    const kept = new Set(real.map(([, ruleId, at]) => `${ruleId} @ ${at}`));
    expect(app.findings.filter((f) => !kept.has(key(f))).map(key)).toEqual([]);
    expect(app.errors).toEqual([]);
    expect(app.suppressed.filter((f) => !f.suppression.source.startsWith('cdk-guard default: '))).toEqual([]);
    expect(app.messages.filter(([, , m]) => m.startsWith('[iamgate]'))).toEqual([]);
  });

  test('the cdk-guard CLI on the cloud assembly reports what the Aspect did', async () => {
    const cli = await cliFindings(app);
    expect(cli.findings.map(key).sort()).toEqual(app.findings.map(key).sort());
  });
});

describe('survey3 boundaries applied by PermissionsBoundary.of', () => {
  let app: Synthesized;
  beforeAll(() => {
    app = synthesize(survey3BoundaryApp, SURVEY3_BOUNDARY_CONFIG);
  });

  test('every role under the stack-wide boundary has it (a function, a state machine, a build): no finding', () => {
    expect(findingsAt(app.findings, 'Survey3Boundary/Bounded').map(key)).toEqual([]);
    expect(app.principals.filter((p) => p.startsWith('Survey3Boundary/Bounded/')).length).toBeGreaterThanOrEqual(3);
  });

  const risks: [string, string, string[]][] = [
    [
      'a construct whose boundary is cleared (`PermissionsBoundary.of(x).clear()`)',
      'Survey3Boundary/Cleared/Admin/ServiceRole/Resource',
      ['boundary/missing-required'],
    ],
    [
      'a construct given another boundary than the approved one',
      'Survey3Boundary/OtherBoundary/Fn/ServiceRole/Resource',
      ['boundary/missing-required'],
    ],
  ];
  test.each(risks)('%s', (_name, constructPath, ruleIds) => {
    expectAnnotatedRisk(app, constructPath, ruleIds);
  });

  test('nothing else, and the CLI agrees (and fails)', async () => {
    expect(app.findings.map(key).sort()).toEqual(risks.map(([, at, [ruleId]]) => `${ruleId ?? ''} @ ${at}`).sort());
    const cli = await cliFindings(app);
    expect(cli.code).toBe(1);
    expect(cli.findings.map(key).sort()).toEqual(app.findings.map(key).sort());
  });
});

describe('survey3 risks', () => {
  let app: Synthesized;
  beforeAll(() => {
    app = synthesize(survey3RisksApp, SURVEY3_CONFIG);
  });

  const risks: [string, string, string[]][] = [
    [
      'a knowledge base role allowed `aoss:*` and `bedrock:*` on `*`',
      'Survey3Risks/WideKnowledgeBase/Role/DefaultPolicy/Resource',
      ['wildcard-action/service-wildcard', 'wildcard-resource/write-on-star'],
    ],
    [
      'an action group function any Bedrock agent of any account may invoke',
      'Survey3Risks/AgentFunctionDeputy/Actions/InvokedByBedrock',
      ['resource-exposure/confused-deputy'],
    ],
    [
      'a state machine deleting any object of any bucket (CallAwsService on `*`)',
      'Survey3Risks/SfnSdkWrite/Machine/Role/DefaultPolicy/Resource',
      ['wildcard-resource/write-on-star'],
    ],
    [
      'a CloudFormation deployment role with AdministratorAccess',
      'Survey3Risks/AdminDeploymentRole/Deployment/Resource',
      ['admin-access/full-access'],
    ],
    [
      'a bucket policy for CloudFront without `AWS:SourceArn` (any distribution of any account)',
      'Survey3Risks/OacWithoutSource/Site/Policy/Resource',
      ['resource-exposure/public-principal'],
    ],
    [
      'a domain access policy for every principal',
      'Survey3Risks/OpenDomainPolicy/Search/AccessPolicy/Resource/Default',
      ['resource-exposure/public-principal'],
    ],
    [
      'a pipe role starting every state machine and consuming every queue',
      'Survey3Risks/WidePipeRole/Role/DefaultPolicy/Resource',
      ['wildcard-resource/write-on-star'],
    ],
    [
      'AwsCustomResource with ANY_RESOURCE reading every parameter (decrypted)',
      'Survey3Risks/AnyParameterLookup/Lookup/CustomResourcePolicy/Resource',
      ['data-exfiltration/unscoped-read'],
    ],
    [
      'a Glue job role that may pass any role',
      'Survey3Risks/GluePassRole/Role/DefaultPolicy/Resource',
      ['privilege-escalation/pass-role-wildcard'],
    ],
    [
      'an L1 role whose second inline policy passes any role',
      'Survey3Risks/InlinePolicies/Worker',
      ['privilege-escalation/pass-role-wildcard'],
    ],
    [
      'an L1 group (with a member) whose second inline policy passes any role',
      'Survey3Risks/InlinePolicies/Operators',
      ['privilege-escalation/pass-role-wildcard'],
    ],
  ];
  // Each is found on that construct and annotated there, at its severity.
  test.each(risks)('%s', (_name, constructPath, ruleIds) => {
    expectAnnotatedRisk(app, constructPath, ruleIds);
  });

  // The inline policies of one L1 role or group are all at its construct, and `/Statement/0` is in
  // each: the finding names the policy, for the role, the group and the group's member.
  const named: [string, string, RegExp][] = [
    ['the role', 'Survey3Risks/InlinePolicies/Worker', / \(in inline policy `deploy`\)$/],
    ['the group', 'Survey3Risks/InlinePolicies/Operators', / \(in inline policy `deploy`\)$/],
    [
      'the member of the group',
      'Survey3Risks/InlinePolicies/Operator',
      / \(in policy `deploy` of group `Survey3Risks\/InlinePolicies\/Operators`\)$/,
    ],
  ];
  test.each(named)('an inline policy among several is named in the finding on %s', (_name, principal, message) => {
    const found = app.findings.filter((f) => f.principal === principal);
    expect(found.map((f) => [f.ruleId, f.location.pointer])).toEqual([
      ['privilege-escalation/pass-role-wildcard', '/Statement/0'],
    ]);
    expect(found[0]?.message).toMatch(message);
    expect(found[0]?.evidence?.['policy']).toMatch(/#deploy$/);
  });

  // A group has no boundary: what it grants, any member added later (by another stack, by hand)
  // gets in full. Its finding stands; its bounded member's says what the boundary caps.
  test('a group with AdministratorAccess is reported on its own, its bounded member as capped', () => {
    const group = app.findings.filter((f) => f.principal === 'Survey3Risks/GroupOfBoundedUsers/Admins');
    const member = app.findings.filter((f) => f.principal === 'Survey3Risks/GroupOfBoundedUsers/Member');
    expect(group.map((f) => f.ruleId)).toEqual(['admin-access/full-access']);
    expect(group[0]?.message).not.toContain('capped');
    expect(member.map((f) => f.ruleId)).toEqual(['admin-access/full-access']);
    expect(member[0]?.message).toContain('capped by its permissions boundary');
  });

  test('no input error and no failed rule', () => {
    expect(app.errors).toEqual([]);
    expect(app.findings.filter((f) => f.ruleId.startsWith('unverifiable/'))).toEqual([]);
  });

  test('the cdk-guard CLI on the cloud assembly reports what the Aspect reported, and fails', async () => {
    const cli = await cliFindings(app);
    expect(cli.code).toBe(1);
    expect(cli.findings.map(key).sort()).toEqual(app.findings.map(key).sort());
    expect(cli.findings.map((f) => f.message).sort()).toEqual(app.findings.map((f) => f.message).sort());
  });
});
