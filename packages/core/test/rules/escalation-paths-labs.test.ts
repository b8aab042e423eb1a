/**
 * The escalation paths the Pathfinding Labs scenarios show beyond pathfinding.cloud's list: each
 * is reported on a minimal identity policy that grants its actions on every resource, and not
 * when one of its actions is missing or when `iam:PassedToService` names another service.
 */
import { runGuard } from '../../src/analysis/engine';
import { ESCALATION_PATHS } from '../../src/rules/data/escalation-paths';
import { ESCALATION_CONFIG } from './escalation-config';

const V = '2012-10-17';
const config = ESCALATION_CONFIG;

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
    config,
  );
  return result.findings.flatMap((f) => {
    const evidence = f.evidence as { path?: string; alsoOpens?: string[] } | undefined;
    if (evidence?.path === undefined) return [];
    return [evidence.path, ...(evidence.alsoOpens ?? [])].map((p) => `${f.ruleId} ${p}`);
  });
}

const passRoleRule = 'privilege-escalation/pass-role-to-service';
const runAsRule = 'privilege-escalation/run-as-existing-role';

// [path id, rule, actions, a service the role may be passed to (for PassRole paths)]
const CASES: readonly (readonly [string, string, readonly string[], string?])[] = [
  [
    'amplify-001',
    passRoleRule,
    ['amplify:CreateApp', 'amplify:CreateBranch', 'amplify:StartJob'],
    'amplify.amazonaws.com',
  ],
  // Contains batch-002 (`batch:SubmitJob` alone): named in that finding's `alsoOpens`.
  ['batch-001', runAsRule, ['batch:RegisterJobDefinition', 'batch:SubmitJob'], 'batch.amazonaws.com'],
  ['braket-001', passRoleRule, ['braket:CreateJob'], 'braket.amazonaws.com'],
  ['cognitoidentity-001', passRoleRule, ['cognito-identity:SetIdentityPoolRoles'], 'cognito-identity.amazonaws.com'],
  ['ecs-008', passRoleRule, ['ecs:RunTask'], 'ecs-tasks.amazonaws.com'],
  ['ecs-009', passRoleRule, ['ecs:StartTask'], 'ecs-tasks.amazonaws.com'],
  ['emr-001', passRoleRule, ['elasticmapreduce:RunJobFlow'], 'ec2.amazonaws.com'],
  [
    'emrserverless-001',
    passRoleRule,
    ['emr-serverless:CreateApplication', 'emr-serverless:StartJobRun'],
    'emr-serverless.amazonaws.com',
  ],
  ['gamelift-001', passRoleRule, ['gamelift:CreateBuild', 'gamelift:CreateFleet'], 'gamelift.amazonaws.com'],
  ['glue-007', passRoleRule, ['glue:CreateSession', 'glue:RunStatement'], 'glue.amazonaws.com'],
  [
    'imagebuilder-001',
    passRoleRule,
    [
      'imagebuilder:CreateComponent',
      'imagebuilder:CreateImageRecipe',
      'imagebuilder:CreateInfrastructureConfiguration',
      'imagebuilder:CreateImage',
    ],
    'ec2.amazonaws.com',
  ],
  [
    'kinesisanalytics-001',
    passRoleRule,
    ['kinesisanalytics:CreateApplication', 'kinesisanalytics:StartApplication'],
    'kinesisanalytics.amazonaws.com',
  ],
  ['omics-001', passRoleRule, ['omics:CreateWorkflow', 'omics:StartRun'], 'omics.amazonaws.com'],
  ['scheduler-001', passRoleRule, ['scheduler:CreateSchedule'], 'scheduler.amazonaws.com'],
  ['ssm-003', passRoleRule, ['ssm:CreateDocument', 'ssm:StartAutomationExecution'], 'ssm.amazonaws.com'],
  ['stepfunctions-001', passRoleRule, ['states:CreateStateMachine', 'states:StartExecution'], 'states.amazonaws.com'],
  ['batch-002', runAsRule, ['batch:SubmitJob']],
  [
    'codedeploy-001',
    runAsRule,
    ['codedeploy:CreateDeployment', 'codedeploy:RegisterApplicationRevision', 'codedeploy:GetDeploymentConfig'],
  ],
  ['stepfunctions-002', runAsRule, ['states:UpdateStateMachine', 'states:StartExecution']],
];

const passRole = (service?: string): unknown => ({
  Effect: 'Allow',
  Action: 'iam:PassRole',
  Resource: '*',
  ...(service ? { Condition: { StringEquals: { 'iam:PassedToService': service } } } : {}),
});
const allowOnAll = (actions: readonly string[]): unknown => ({ Effect: 'Allow', Action: actions, Resource: '*' });

describe('escalation paths of the Pathfinding Labs scenarios', () => {
  it('each path is in the table with the actions the scenario needs', () => {
    for (const [id, , actions, passedTo] of CASES) {
      const path = ESCALATION_PATHS.find((p) => p.id === id);
      expect(path?.actions).toEqual(passedTo ? ['iam:PassRole', ...actions] : actions);
      if (passedTo) expect(path?.passedTo).toContain(passedTo);
    }
  });

  describe.each(CASES.map((c) => [c[0], c] as const))('%s', (_id, [id, rule, actions, passedTo]) => {
    const grants = (list: readonly string[]): unknown[] =>
      passedTo ? [passRole(passedTo), allowOnAll(list)] : [allowOnAll(list)];

    it('all its actions on every resource: reported', () => {
      expect(pathsOf(grants(actions))).toContain(`${rule} ${id}`);
    });

    it('without its last action: not reported', () => {
      const fewer = actions.slice(0, -1);
      const statements = passedTo
        ? fewer.length > 0
          ? grants(fewer)
          : [passRole(passedTo)]
        : fewer.length > 0
          ? grants(fewer)
          : [];
      expect(pathsOf(statements).filter((p) => p.endsWith(` ${id}`))).toEqual([]);
    });

    if (passedTo) {
      it('roles passed to another service only: not reported', () => {
        const statements = [passRole('lambda.amazonaws.com'), allowOnAll(actions)];
        expect(pathsOf(statements).filter((p) => p.endsWith(` ${id}`))).toEqual([]);
      });
    }
  });
});
