/**
 * Escalation paths published by security research and AWS documentation beyond pathfinding.cloud
 * and the Pathfinding Labs: an instance profile associated with (or swapped onto) a running
 * instance, an Auto Scaling group launching instances from a new launch configuration, an
 * existing ECS service moved to a new task definition, a new MWAA environment running the DAGs of
 * a bucket the caller writes, an existing function whose
 * configuration (layers, environment) changes the code it runs, a SageMaker Studio user's
 * presigned URL. Each is reported on a minimal identity policy granting its actions on every
 * resource, and not without one of them or with roles passed to another service only. The role
 * passed runs on the instance or service named as well as on any; an existing resource named
 * whole is not any existing resource.
 */
import { runGuard } from '../../src/analysis/engine';
import { ESCALATION_PATHS } from '../../src/rules/data/escalation-paths';
import { ESCALATION_CONFIG } from './escalation-config';

const V = '2012-10-17';
const ACCOUNT = '111122223333';

/** The path ids (named or folded into `alsoOpens`) each rule reports on the policy, as `rule path`. */
function pathsOf(statements: unknown[]): string[] {
  const document = { Version: V, Statement: statements };
  const result = runGuard(
    {
      principals: [],
      resources: [],
      policies: [{ type: 'identity', policy: { id: 'p', name: 'p', location: {}, document } }],
      errors: [],
    },
    ESCALATION_CONFIG,
  );
  return result.findings.flatMap((f) => {
    const evidence = f.evidence as { path?: string; alsoOpens?: string[] } | undefined;
    if (evidence?.path === undefined) return [];
    return [evidence.path, ...(evidence.alsoOpens ?? [])].map((p) => `${f.ruleId} ${p}`);
  });
}

const passRoleRule = 'privilege-escalation/pass-role-to-service';
const runAsRule = 'privilege-escalation/run-as-existing-role';

// [path id, rule, actions, a service the role may be passed to, one resource of the last action]
const CASES: readonly (readonly [string, string, readonly string[], string | undefined, string])[] = [
  [
    'ec2-associate-profile',
    passRoleRule,
    ['ec2:AssociateIamInstanceProfile'],
    'ec2.amazonaws.com',
    `arn:aws:ec2:us-east-1:${ACCOUNT}:instance/i-0123456789abcdef0`,
  ],
  [
    'ec2-replace-profile',
    passRoleRule,
    ['ec2:ReplaceIamInstanceProfileAssociation'],
    'ec2.amazonaws.com',
    `arn:aws:ec2:us-east-1:${ACCOUNT}:instance/i-0123456789abcdef0`,
  ],
  [
    'ecs-update-service',
    passRoleRule,
    ['ecs:RegisterTaskDefinition', 'ecs:UpdateService'],
    'ecs-tasks.amazonaws.com',
    `arn:aws:ecs:us-east-1:${ACCOUNT}:service/web/api`,
  ],
  [
    'mwaa-create-environment',
    passRoleRule,
    ['s3:PutObject', 'airflow:CreateEnvironment'],
    'airflow.amazonaws.com',
    `arn:aws:airflow:us-east-1:${ACCOUNT}:environment/etl`,
  ],
  [
    'mwaa-update-environment',
    passRoleRule,
    ['s3:PutObject', 'airflow:UpdateEnvironment'],
    'airflow.amazonaws.com',
    `arn:aws:airflow:us-east-1:${ACCOUNT}:environment/etl`,
  ],
  [
    'autoscaling-launch-configuration',
    passRoleRule,
    ['autoscaling:CreateLaunchConfiguration', 'autoscaling:CreateAutoScalingGroup'],
    'ec2.amazonaws.com',
    `arn:aws:autoscaling:us-east-1:${ACCOUNT}:autoScalingGroup:7d1f3a52-0b5e-4f0e-9c1a-3e2b1f0a9d44:autoScalingGroupName/web`,
  ],
  [
    'autoscaling-update-group',
    passRoleRule,
    ['autoscaling:CreateLaunchConfiguration', 'autoscaling:UpdateAutoScalingGroup'],
    'ec2.amazonaws.com',
    `arn:aws:autoscaling:us-east-1:${ACCOUNT}:autoScalingGroup:7d1f3a52-0b5e-4f0e-9c1a-3e2b1f0a9d44:autoScalingGroupName/web`,
  ],
  [
    'lambda-update-configuration',
    runAsRule,
    ['lambda:UpdateFunctionConfiguration'],
    undefined,
    `arn:aws:lambda:us-east-1:${ACCOUNT}:function:report`,
  ],
  [
    'sagemaker-presigned-domain-url',
    runAsRule,
    ['sagemaker:CreatePresignedDomainUrl'],
    undefined,
    `arn:aws:sagemaker:us-east-1:${ACCOUNT}:user-profile/d-abc123/alice`,
  ],
];

const passRole = (service?: string): unknown => ({
  Effect: 'Allow',
  Action: 'iam:PassRole',
  Resource: '*',
  ...(service ? { Condition: { StringEquals: { 'iam:PassedToService': service } } } : {}),
});
const allowOn = (actions: readonly string[], resource = '*'): unknown => ({
  Effect: 'Allow',
  Action: actions,
  Resource: resource,
});

describe('escalation paths of published research', () => {
  it('each path is in the table with the actions it needs, none a pathfinding.cloud page', () => {
    for (const [id, , actions, passedTo] of CASES) {
      const path = ESCALATION_PATHS.find((p) => p.id === id);
      expect(path?.actions).toEqual(passedTo ? ['iam:PassRole', ...actions] : actions);
      if (passedTo) expect(path?.passedTo).toContain(passedTo);
      expect(path?.url).toBeUndefined();
    }
  });

  describe.each(CASES.map((c) => [c[0], c] as const))('%s', (_id, [id, rule, actions, passedTo, one]) => {
    const grants = (list: readonly string[], last = '*'): unknown[] => [
      ...(passedTo ? [passRole(passedTo)] : []),
      ...(list.length > 1 ? [allowOn(list.slice(0, -1))] : []),
      ...(list.length > 0 ? [allowOn(list.slice(-1), last)] : []),
    ];
    const only = (found: string[]): string[] => found.filter((p) => p.endsWith(` ${id}`));

    it('all its actions on every resource: reported', () => {
      expect(only(pathsOf(grants(actions)))).toEqual([`${rule} ${id}`]);
    });

    it('without its last action: not reported', () => {
      expect(only(pathsOf(grants(actions.slice(0, -1))))).toEqual([]);
    });

    if (passedTo)
      it('its last action on one named resource only: still reported (that one runs as any role)', () => {
        expect(only(pathsOf(grants(actions, one)))).toEqual([`${rule} ${id}`]);
      });
    else
      it('its last action on one named resource only: not reported', () => {
        expect(only(pathsOf(grants(actions, one)))).toEqual([]);
      });

    if (passedTo) {
      it('roles passed to another service only: not reported', () => {
        const statements = [passRole('lambda.amazonaws.com'), allowOn(actions)];
        expect(only(pathsOf(statements))).toEqual([]);
      });

      it('no iam:PassRole: not reported', () => {
        expect(only(pathsOf([allowOn(actions)]))).toEqual([]);
      });
    }
  });
});

describe('mwaa-create-environment needs a bucket the caller writes its code to', () => {
  const statements = (...extra: unknown[]): unknown[] => [
    passRole('airflow.amazonaws.com'),
    allowOn(['airflow:CreateEnvironment']),
    ...extra,
  ];
  const mwaa = (found: string[]): string[] => found.filter((p) => p.endsWith(' mwaa-create-environment'));

  it('s3:PutObject on every bucket: reported', () => {
    expect(mwaa(pathsOf(statements(allowOn(['s3:PutObject']))))).toEqual([`${passRoleRule} mwaa-create-environment`]);
  });

  it('s3:PutObject on the objects of one bucket (the caller names it as the DAG bucket): reported', () => {
    expect(mwaa(pathsOf(statements(allowOn(['s3:PutObject'], 'arn:aws:s3:::my-dags/*'))))).toEqual([
      `${passRoleRule} mwaa-create-environment`,
    ]);
  });

  it('s3:PutObject on one bucket and a Deny of it there: not reported', () => {
    const found = pathsOf(
      statements(allowOn(['s3:PutObject'], 'arn:aws:s3:::my-dags/*'), {
        Effect: 'Deny',
        Action: 's3:PutObject',
        Resource: 'arn:aws:s3:::my-dags/*',
      }),
    );
    expect(mwaa(found)).toEqual([]);
  });

  it('no s3:PutObject (the environment runs only DAGs others wrote): not reported', () => {
    expect(mwaa(pathsOf(statements(allowOn(['s3:GetObject']))))).toEqual([]);
  });

  it('roles passed only to airflow-env.amazonaws.com, the other principal its execution role trusts: reported', () => {
    const found = pathsOf([
      passRole('airflow-env.amazonaws.com'),
      allowOn(['airflow:CreateEnvironment', 's3:PutObject']),
    ]);
    expect(mwaa(found)).toEqual([`${passRoleRule} mwaa-create-environment`]);
  });
});

/**
 * The launch configuration a path creates must be the one its group launches from: the group names
 * it by `autoscaling:LaunchConfigurationName`, a name, which a grant may pin to configurations the
 * caller cannot create (an approved one only).
 */
describe('the Auto Scaling paths launch from the launch configuration they create', () => {
  const LC = `arn:aws:autoscaling:*:${ACCOUNT}:launchConfiguration:*:launchConfigurationName`;
  const named = (operator: string, names: string | string[]): unknown => ({
    [operator]: { 'autoscaling:LaunchConfigurationName': names },
  });
  const statements = (created: string, group: string, condition?: unknown): unknown[] => [
    passRole('ec2.amazonaws.com'),
    allowOn(['autoscaling:CreateLaunchConfiguration'], created),
    {
      ...(allowOn([group]) as object),
      ...(condition === undefined ? {} : { Condition: condition }),
    },
  ];
  it.each<[string, string, string, unknown, boolean]>([
    ['a new group from any launch configuration', 'autoscaling-launch-configuration', `${LC}/web-*`, undefined, true],
    [
      'a new group only from `approved-lc`, configurations created only as `web-*`',
      'autoscaling-launch-configuration',
      `${LC}/web-*`,
      named('StringEquals', 'approved-lc'),
      false,
    ],
    [
      'a new group from `web-*` configurations, which the caller creates',
      'autoscaling-launch-configuration',
      `${LC}/web-*`,
      named('StringLike', 'web-*'),
      true,
    ],
    [
      'an existing group moved only to `approved-lc`, configurations created only as `web-*`',
      'autoscaling-update-group',
      `${LC}/web-*`,
      named('StringEquals', ['approved-lc', 'legacy-lc']),
      false,
    ],
    [
      'an existing group moved to `approved-lc`, which the caller may create (any name)',
      'autoscaling-update-group',
      '*',
      named('StringEquals', 'approved-lc'),
      true,
    ],
    [
      'an existing group moved to any configuration but `web-*` ones, the only ones created',
      'autoscaling-update-group',
      `${LC}/web-*`,
      named('StringNotLike', 'web-*'),
      false,
    ],
  ])('%s (%s)', (_name, id, created, condition, reported) => {
    const group =
      id === 'autoscaling-update-group' ? 'autoscaling:UpdateAutoScalingGroup' : 'autoscaling:CreateAutoScalingGroup';
    const found = pathsOf(statements(created, group, condition)).filter((p) => p.endsWith(` ${id}`));
    expect(found).toEqual(reported ? [`${passRoleRule} ${id}`] : []);
  });
});

/**
 * The methods of the published lists (Rhino Security Labs' AWS IAM privilege escalation methods,
 * Bishop Fox's iam-vulnerable paths) that this round's audit checked beyond pathfinding.cloud's
 * ids: each is reported, on a minimal policy granting its actions on every resource, under the
 * path that covers it.
 */
describe('methods of the published lists, each under the path that covers it', () => {
  const passAny = { Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' };
  const on = (actions: readonly string[]): unknown[] => [allowOn(actions)];
  const passing = (actions: readonly string[]): unknown[] => [passAny, allowOn(actions)];
  it.each<[string, unknown[], string]>([
    [
      'a new CloudFormation StackSet run with a passed role',
      passing(['cloudformation:CreateStackSet', 'cloudformation:CreateStackInstances']),
      `${passRoleRule} cloudformation-003`,
    ],
    [
      'an existing StackSet updated to run with a passed role',
      passing(['cloudformation:UpdateStackSet']),
      `${passRoleRule} cloudformation-004`,
    ],
    [
      'a presigned URL into an existing SageMaker notebook instance',
      on(['sagemaker:CreatePresignedNotebookInstanceUrl']),
      `${runAsRule} sagemaker-004`,
    ],
    [
      "an existing Glue development endpoint given the caller's SSH key",
      on(['glue:UpdateDevEndpoint']),
      `${runAsRule} glue-002`,
    ],
    [
      'a new Glue interactive session run with a passed role',
      passing(['glue:CreateSession', 'glue:RunStatement']),
      `${passRoleRule} glue-007`,
    ],
    [
      'a layer added to an existing function (lambda:UpdateFunctionConfiguration)',
      on(['lambda:UpdateFunctionConfiguration']),
      `${runAsRule} lambda-update-configuration`,
    ],
    [
      'a command sent to an instance with its profile (ssm:SendCommand)',
      on(['ssm:SendCommand']),
      `${runAsRule} ssm-002`,
    ],
    [
      'a build of an existing CodeBuild project with a buildspec override',
      on(['codebuild:StartBuild']),
      `${runAsRule} codebuild-002`,
    ],
    [
      'a new Data Pipeline run with a passed role',
      passing(['datapipeline:CreatePipeline', 'datapipeline:PutPipelineDefinition', 'datapipeline:ActivatePipeline']),
      `${passRoleRule} datapipeline-create`,
    ],
    [
      'a new App Runner service run with a passed role',
      passing(['apprunner:CreateService']),
      `${passRoleRule} apprunner-001`,
    ],
    [
      "an existing App Runner service given the caller's image",
      on(['apprunner:UpdateService']),
      `${runAsRule} apprunner-002`,
    ],
    [
      'a new Bedrock AgentCore code interpreter run with a passed role',
      passing([
        'bedrock-agentcore:CreateCodeInterpreter',
        'bedrock-agentcore:StartCodeInterpreterSession',
        'bedrock-agentcore:InvokeCodeInterpreter',
      ]),
      // Its session and invoke steps alone are bedrock-002 (an existing interpreter): one finding
      // names both.
      `${runAsRule} bedrock-001`,
    ],
  ])('%s', (_name, statements, expected) => {
    expect(pathsOf(statements)).toContain(expected);
  });

  // AWS stopped creating CodeStar projects on 2024-07-31 (the CodeStar API reference): the
  // methods through a new project (codestar:CreateProject with iam:PassRole, and the undocumented
  // CreateProjectFromTemplate, no longer in the catalog) have no service to run on.
  it('codestar:CreateProject with iam:PassRole (the service creates no project since July 2024): no path', () => {
    // What iam:PassRole on every role opens alone, and nothing more.
    expect(pathsOf(passing(['codestar:CreateProject']))).toEqual(pathsOf([passAny]));
  });
});
