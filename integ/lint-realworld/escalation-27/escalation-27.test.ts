/**
 * What the twenty-sixth round left open, on templates of our own (see README.md beside this file):
 * a path's own Allow on the requested Region grants IAM actions only where IAM answers; an instance
 * role reaching an administrator by swapping its own instance profile is a step of the chains that
 * put it on a new instance; an Auto Scaling launch configuration runs any role passed to it; and
 * the least-privilege roles AWS documents for CodeBuild, ECS tasks and Step Functions open no path.
 */
import { describeEscalationTemplates } from '../../lint-folders';
import type { TemplateRow } from '../../lint-folders';

const DIR = 'integ/lint-realworld/escalation-27';
const CONFIG = 'integ/lint-realworld/lint-realworld.config.json';
const ROOT_TRUST = 'trust-policy/account-root';
const PASS_TO = 'privilege-escalation/pass-role-to-service';
const WRITE_ON_STAR = 'wildcard-resource/write-on-star';

const TEMPLATES: readonly TemplateRow[] = [
  {
    file: 'templates/region-allow-iam-elsewhere.json',
    behaviour:
      'a role may create policy versions and write role policies in `eu-west-1` and `eu-central-1` only: IAM answers in `us-east-1`, so no IAM call is allowed',
    expected: [],
    all: [`${ROOT_TRUST} Deployer /Statement/0`],
  },
  {
    file: 'templates/region-allow-iam-us-east-1.json',
    behaviour: 'the same Allow naming `us-east-1` too: the path is open',
    expected: ['Deployer iam-001 /Statement/0'],
    all: ['privilege-escalation/iam-policy-modification Deployer /Statement/0', `${ROOT_TRUST} Deployer /Statement/0`],
  },
  {
    file: 'templates/swap-via-run-instances.json',
    behaviour:
      'a role may pass the instance role `web` to a new instance; `web` may swap its own profile for the administrator role',
    expected: ['Launcher ec2-001 /Statement/0', 'Web ec2-swap-own-profile /Statement/1'],
    all: [
      'admin-access/full-access Admin /Statement/0',
      `${PASS_TO} Launcher /Statement/0`,
      `${PASS_TO} Web /Statement/1`,
      `${ROOT_TRUST} Launcher /Statement/0`,
      `${WRITE_ON_STAR} Launcher /Statement/1`,
      `${WRITE_ON_STAR} Web /Statement/0`,
    ],
  },
  {
    file: 'templates/autoscaling-launch-configuration.json',
    behaviour:
      'a role may pass any role to EC2, create launch configurations and update Auto Scaling groups: an existing group launches instances from its configuration',
    expected: ['Scaler pass-role-wildcard /Statement/0', 'Scaler autoscaling-update-group /Statement/0'],
    all: [
      `${PASS_TO} Scaler /Statement/0`,
      'privilege-escalation/pass-role-wildcard Scaler /Statement/0',
      `${ROOT_TRUST} Scaler /Statement/0`,
    ],
  },
  {
    file: 'templates/codebuild-project-role.json',
    behaviour: "a CodeBuild project's service role scoped to its log group, artifact bucket, repository and reports",
    expected: [],
    all: [],
  },
  {
    file: 'templates/ecs-task-execution-role.json',
    behaviour: 'an ECS task execution role with `AmazonECSTaskExecutionRolePolicy`, and a task role reading one queue',
    expected: [],
    all: [],
  },
  {
    file: 'templates/stepfunctions-invoke-one-function.json',
    behaviour: "a state machine's role that invokes one function (and its versions)",
    expected: [],
    all: [],
  },
];

describeEscalationTemplates('cdk-guard on the escalation questions of round 27', {
  dir: DIR,
  config: CONFIG,
  rows: TEMPLATES,
});
