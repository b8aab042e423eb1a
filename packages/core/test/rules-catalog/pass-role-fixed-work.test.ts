/** `iam:PassRole` on every role limited by `iam:PassedToService`: which services make it a way up. */
import { doc, inline, principal, runCatalog } from './helpers';

function passRoleFindings(condition: unknown): string[] {
  const statement = { Effect: 'Allow', Action: 'iam:PassRole', Resource: '*', Condition: condition };
  const role = principal('Operator', 'role', [inline('Operate', doc(statement))]);
  return runCatalog({ principals: [role] }, ['privilege-escalation/pass-role-wildcard']).map((f) => f.ruleId);
}

const passedTo = (services: string | readonly string[]): unknown => ({
  StringEquals: { 'iam:PassedToService': services },
});

describe('pass-role-wildcard with iam:PassedToService', () => {
  it.each([
    [
      'GuardDuty Malware Protection for S3 (AmazonGuardDutyFullAccess)',
      passedTo(['malware-protection-plan.guardduty.amazonaws.com', 'malware-protection.guardduty.amazonaws.com']),
    ],
    ['flow logs and CloudTrail log delivery', passedTo(['vpc-flow-logs.amazonaws.com', 'cloudtrail.amazonaws.com'])],
    [
      'RDS Enhanced Monitoring, by StringLike without a wildcard',
      { StringLike: { 'iam:PassedToService': 'monitoring.rds.amazonaws.com' } },
    ],
    ['Amazon Inspector Classic', passedTo('inspector.amazonaws.com')],
  ])('passing any role only to a service that does fixed work with it is not reported: %s', (_name, condition) => {
    expect(passRoleFindings(condition)).toEqual([]);
  });

  it.each([
    ['EventBridge: a rule target runs an ECS task or an SSM command with the role', passedTo('events.amazonaws.com')],
    ['EventBridge Scheduler: a universal target calls any API', passedTo('scheduler.amazonaws.com')],
    ['Lambda', passedTo('lambda.amazonaws.com')],
    ['EC2', passedTo('ec2.amazonaws.com')],
    ['ECS tasks', passedTo('ecs-tasks.amazonaws.com')],
    ['CodeBuild', passedTo('codebuild.amazonaws.com')],
    ['Glue', passedTo('glue.amazonaws.com')],
    ['SageMaker', passedTo('sagemaker.amazonaws.com')],
    ['Step Functions', passedTo('states.amazonaws.com')],
    ['CloudFormation', passedTo('cloudformation.amazonaws.com')],
    ['SSM', passedTo('ssm.amazonaws.com')],
    ['Batch', passedTo('batch.amazonaws.com')],
    ['EMR', passedTo('elasticmapreduce.amazonaws.com')],
    ['Data Pipeline', passedTo('datapipeline.amazonaws.com')],
    ['EKS: a node group runs the customer pods with the node role', passedTo('eks.amazonaws.com')],
    ['AWS Backup: a restore creates resources and copies data where the caller says', passedTo('backup.amazonaws.com')],
    ['S3 replication copies objects to a bucket the caller names', passedTo('s3.amazonaws.com')],
    ['a fixed-work service beside a steerable one', passedTo(['vpc-flow-logs.amazonaws.com', 'lambda.amazonaws.com'])],
    [
      'a wildcard that admits more than the fixed-work service',
      { StringLike: { 'iam:PassedToService': '*.guardduty.amazonaws.com' } },
    ],
    ['a negated operator', { StringNotEquals: { 'iam:PassedToService': 'vpc-flow-logs.amazonaws.com' } }],
    [
      'IfExists, which any request without the key satisfies',
      { StringEqualsIfExists: { 'iam:PassedToService': 'vpc-flow-logs.amazonaws.com' } },
    ],
  ])('passing any role is still reported: %s', (_name, condition) => {
    expect(passRoleFindings(condition)).toEqual(['privilege-escalation/pass-role-wildcard']);
  });
});
