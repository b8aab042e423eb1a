/**
 * Bucket and topic policies aws-cdk-lib writes for log deliveries and event notifications, under
 * resource-exposure/confused-deputy: load balancer access logs (in a region with an Elastic Load
 * Balancing account, one with the log delivery service, an account-agnostic stack) write only
 * under `AWSLogs/<the stack's account>/` and get no finding; a CloudTrail trail (no
 * `aws:SourceArn`), an S3 -> SNS notification (a bucket ARN names no account) and a bucket policy
 * granting the log delivery every account's path stay reported.
 */
import { App, Stack } from 'aws-cdk-lib';
import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3n from 'aws-cdk-lib/aws-s3-notifications';
import * as sns from 'aws-cdk-lib/aws-sns';
import { findingsAt, synthesize } from './synthesize';
import type { Synthesized } from './synthesize';

const RULE = 'resource-exposure/confused-deputy';
const ACCOUNT = '111122223333';
// eu-west-1 has an Elastic Load Balancing account; ap-southeast-4 (opened after August 2022)
// uses `logdelivery.elasticloadbalancing.amazonaws.com`; the last stack names no account.
const STACKS = {
  Legacy: { account: ACCOUNT, region: 'eu-west-1' },
  Recent: { account: ACCOUNT, region: 'ap-southeast-4' },
  Agnostic: { region: 'us-east-1' },
} as const;

function logDeliveryApp({ outdir }: { outdir: string }): App {
  const app = new App({ outdir });
  for (const [name, env] of Object.entries(STACKS)) {
    const stack = new Stack(app, name, { env });
    const vpc = new ec2.Vpc(stack, 'Vpc', {
      maxAzs: 2,
      natGateways: 0,
      subnetConfiguration: [{ name: 'Public', subnetType: ec2.SubnetType.PUBLIC }],
    });
    new elbv2.ApplicationLoadBalancer(stack, 'Alb', { vpc, internetFacing: true }).logAccessLogs(
      new s3.Bucket(stack, 'AlbLogs', { enforceSSL: true }),
      'web',
    );
    new elbv2.NetworkLoadBalancer(stack, 'Nlb', { vpc, internetFacing: true }).logAccessLogs(
      new s3.Bucket(stack, 'NlbLogs'),
    );
    new cloudtrail.Trail(stack, 'Trail');
    new s3.Bucket(stack, 'Uploads').addEventNotification(
      s3.EventType.OBJECT_CREATED,
      new s3n.SnsDestination(new sns.Topic(stack, 'Uploaded')),
    );
    // A near miss written by hand: the log delivery may write the logs of every account.
    const open = new s3.Bucket(stack, 'AnyAccountLogs');
    open.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [new iam.ServicePrincipal('delivery.logs.amazonaws.com')],
        actions: ['s3:PutObject'],
        resources: [open.arnForObjects('AWSLogs/*')],
      }),
    );
  }
  return app;
}

describe('log delivery and notification policies aws-cdk-lib writes', () => {
  let app: Synthesized;
  beforeAll(() => {
    app = synthesize(logDeliveryApp, {});
  });
  const stacks = Object.keys(STACKS);
  const ruleAt = (construct: string): string[] =>
    findingsAt(app.findings, construct)
      .filter((f) => f.ruleId === RULE)
      .map((f) => (f.evidence as { service: string }).service)
      .sort();

  test.each(stacks)('%s: ALB and NLB access-log buckets get no confused-deputy finding', (stack) => {
    expect(app.paths.has(`${stack}/AlbLogs/Policy`)).toBe(true);
    expect(app.paths.has(`${stack}/NlbLogs/Policy`)).toBe(true);
    expect(ruleAt(`${stack}/AlbLogs`)).toEqual([]);
    expect(ruleAt(`${stack}/NlbLogs`)).toEqual([]);
  });

  test.each(stacks)('%s: the trail bucket (no `aws:SourceArn`): its write and its bucket check', (stack) => {
    expect(ruleAt(`${stack}/Trail/S3/Policy`)).toEqual(['cloudtrail.amazonaws.com', 'cloudtrail.amazonaws.com']);
  });

  test.each(stacks)('%s: the topic notified by a bucket (`aws:SourceArn` of a bucket, no account)', (stack) => {
    expect(ruleAt(`${stack}/Uploaded/Policy`)).toEqual(['s3.amazonaws.com']);
  });

  test.each(stacks)('%s: a bucket policy letting the log delivery write under `AWSLogs/*`', (stack) => {
    expect(ruleAt(`${stack}/AnyAccountLogs/Policy`)).toEqual(['delivery.logs.amazonaws.com']);
  });

  test('no input error', () => {
    expect(app.errors).toEqual([]);
  });
});
