/**
 * resource-exposure/confused-deputy on the bucket and topic policies log deliveries and event
 * notifications need: a write a log delivery can only make for one account's logs (its path under
 * `AWSLogs/<account-id>/`, the account literal or the stack's) is not reported, with the bucket
 * check beside it; the same grant to any account, to a service that does not refuse such a prefix
 * (CloudTrail), or on a broader action stays reported.
 */
import { runGuard } from '../../src/analysis/engine';
import { RULES } from '../../src/rules/index';
import type { ResolvedConfig } from '../../src/config/types';
import type { RuleId, Severity } from '../../src/analysis/finding';
import type { ResourceInput } from '../../src/analysis/input';
import { SymbolicValue } from '../../src/model/symbolic';
import type { Hole } from '../../src/model/symbolic';

const RULE = RULES.filter((r) => r.meta.id === 'resource-exposure/confused-deputy');
const V = '2012-10-17';
const ELB = 'logdelivery.elasticloadbalancing.amazonaws.com';
const DELIVERY = 'delivery.logs.amazonaws.com';
const TRAIL = 'cloudtrail.amazonaws.com';
const BUCKET: Hole = { id: 'Logs.Arn', source: 'the ARN of bucket Logs' };
const STACK_ACCOUNT: Hole = { id: 'AWS::AccountId', source: 'the account of the stack' };
const OTHER_VALUE: Hole = { id: 'AccountParam', source: 'the value of parameter Account' };
const PROVIDER_ACCOUNT: Hole = { id: 'aws_account_id', source: 'the account of the AWS provider' };

/** `<bucket ARN>` followed by `parts` (strings and holes), as an adapter renders `Fn::Join`. */
const path = (...parts: (string | Hole)[]): SymbolicValue => new SymbolicValue([BUCKET, ...parts]);
const write = (service: string | string[], resource: unknown, action: unknown = 's3:PutObject'): unknown => ({
  Effect: 'Allow',
  Principal: { Service: service },
  Action: action,
  Resource: resource,
  Condition: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control' } },
});
const aclCheck = (service: string): unknown => ({
  Effect: 'Allow',
  Principal: { Service: service },
  Action: 's3:GetBucketAcl',
  Resource: new SymbolicValue([BUCKET]),
});

/** The findings of the rule on one bucket policy: `[message id, service, statement pointer]`. */
/**
 * Each finding of `rules` (confused-deputy alone by default) on a bucket policy of `statements`:
 * `noSource` or `accountPathOnly` with the service, or `public` with `*` for public-principal.
 */
function findings(statements: unknown[], rules: readonly (typeof RULES)[number][] = RULE): [string, string, string][] {
  const config: ResolvedConfig = {
    severities: new Map(rules.map((r): [RuleId, Severity] => [r.meta.id, r.meta.defaultSeverity])),
    settings: { boundary: {}, trust: {}, scps: [], tuning: {} },
    suppressions: [],
  };
  const resource: ResourceInput = {
    id: 'LogsPolicy',
    type: 'AWS::S3::BucketPolicy',
    arn: new SymbolicValue([BUCKET]),
    policy: { id: 'LogsPolicy', name: 'LogsPolicy', location: {}, document: { Version: V, Statement: statements } },
    location: {},
  };
  const result = runGuard({ principals: [], resources: [resource], policies: [], errors: [] }, config);
  return result.findings.map((f) => {
    if (f.ruleId === 'resource-exposure/public-principal') return ['public', '*', f.location.pointer ?? ''];
    // Only the account-path message carries the path in its evidence.
    const evidence = f.evidence as { service: string; path?: string };
    return [evidence.path === undefined ? 'noSource' : 'accountPathOnly', evidence.service, f.location.pointer ?? ''];
  });
}

describe('log deliveries bound to one account by their path: no finding', () => {
  const accepted: [string, unknown[]][] = [
    [
      'ALB access logs in a recent region (ELB log delivery service), prefix, stack account as a value',
      [write([ELB, DELIVERY], path('/alb/AWSLogs/', STACK_ACCOUNT, '/*')), aclCheck(DELIVERY)],
    ],
    [
      'ALB access logs of a Terraform configuration, the account of its AWS provider as a value',
      [write([ELB, DELIVERY], path('/AWSLogs/', PROVIDER_ACCOUNT, '/*')), aclCheck(DELIVERY)],
    ],
    [
      'ALB access logs without prefix, the stack account written out',
      [write(DELIVERY, path('/AWSLogs/111122223333/*')), aclCheck(DELIVERY)],
    ],
    [
      'VPC flow logs: write and the GetBucketAcl/ListBucket check',
      [
        write(DELIVERY, 'arn:aws:s3:::flow-logs/vpc/AWSLogs/111122223333/*'),
        {
          Effect: 'Allow',
          Principal: { Service: DELIVERY },
          Action: ['s3:GetBucketAcl', 's3:ListBucket'],
          Resource: 'arn:aws:s3:::flow-logs',
        },
      ],
    ],
    [
      'the log paths of two accounts, each named',
      [write(DELIVERY, ['arn:aws:s3:::logs/AWSLogs/111122223333/*', 'arn:aws:s3:::logs/AWSLogs/444455556666/*'])],
    ],
  ];
  test.each(accepted)('%s', (_name, statements) => {
    expect(findings(statements)).toEqual([]);
  });
});

describe('near misses: still reported', () => {
  const reported: [string, unknown[], [string, string, string][]][] = [
    [
      'the path of any account (`AWSLogs/*`), and its bucket check',
      [write(DELIVERY, path('/AWSLogs/*')), aclCheck(DELIVERY)],
      [
        ['noSource', DELIVERY, '/Statement/0'],
        ['noSource', DELIVERY, '/Statement/1'],
      ],
    ],
    [
      'an account segment with a wildcard (`AWSLogs/*/`)',
      [write(DELIVERY, 'arn:aws:s3:::logs/AWSLogs/*/elasticloadbalancing/*')],
      [['noSource', DELIVERY, '/Statement/0']],
    ],
    [
      'an account segment that is a prefix of accounts (`AWSLogs/1111*`)',
      [write(DELIVERY, 'arn:aws:s3:::logs/AWSLogs/1111*')],
      [['noSource', DELIVERY, '/Statement/0']],
    ],
    [
      'an account followed by more characters in the same segment (`AWSLogs/111122223333*`)',
      [write(DELIVERY, 'arn:aws:s3:::logs/AWSLogs/111122223333*')],
      [['noSource', DELIVERY, '/Statement/0']],
    ],
    [
      'the account segment from a value that is not the stack account (a parameter)',
      [write(DELIVERY, path('/AWSLogs/', OTHER_VALUE, '/*'))],
      [['noSource', DELIVERY, '/Statement/0']],
    ],
    [
      'the whole bucket (no `AWSLogs/<account>/` in the path)',
      [write(ELB, path('/*')), aclCheck(DELIVERY)],
      [
        ['noSource', ELB, '/Statement/0'],
        ['noSource', DELIVERY, '/Statement/1'],
      ],
    ],
    [
      'one of two resources not confined to an account',
      [write(DELIVERY, ['arn:aws:s3:::logs/AWSLogs/111122223333/*', 'arn:aws:s3:::logs/other/*'])],
      [['noSource', DELIVERY, '/Statement/0']],
    ],
    [
      'more than writing on the path (`s3:*`)',
      [write(DELIVERY, 'arn:aws:s3:::logs/AWSLogs/111122223333/*', 's3:*')],
      [['noSource', DELIVERY, '/Statement/0']],
    ],
    [
      'NotResource naming the path',
      [
        {
          Effect: 'Allow',
          Principal: { Service: DELIVERY },
          Action: 's3:PutObject',
          NotResource: 'arn:aws:s3:::logs/AWSLogs/111122223333/*',
        },
      ],
      [['noSource', DELIVERY, '/Statement/0']],
    ],
    [
      'the bucket check alone (no path-bound write of that service in the policy)',
      [aclCheck(DELIVERY)],
      [['noSource', DELIVERY, '/Statement/0']],
    ],
    [
      'CloudTrail under its account path (no documented limit on its prefix), and its bucket check',
      [write(TRAIL, path('/AWSLogs/', STACK_ACCOUNT, '/*')), aclCheck(TRAIL)],
      [
        ['accountPathOnly', TRAIL, '/Statement/0'],
        ['noSource', TRAIL, '/Statement/1'],
      ],
    ],
    [
      'another service beside a log delivery on the same bound path: only the other one',
      [write([DELIVERY, 's3.amazonaws.com'], 'arn:aws:s3:::logs/AWSLogs/111122223333/*')],
      [['accountPathOnly', 's3.amazonaws.com', '/Statement/0']],
    ],
    [
      'an organization trail path (`AWSLogs/o-...`)',
      [write(TRAIL, 'arn:aws:s3:::logs/AWSLogs/o-a1b2c3d4e5/*')],
      [['noSource', TRAIL, '/Statement/0']],
    ],
  ];
  test.each(reported)('%s', (_name, statements, expected) => {
    expect(findings(statements).sort()).toEqual(expected.sort());
  });
});

test('CloudTrail bound by `aws:SourceArn` naming the trail: no finding', () => {
  const bySource = {
    ...(write(TRAIL, 'arn:aws:s3:::logs/AWSLogs/111122223333/*') as object),
    Condition: { StringEquals: { 'aws:SourceArn': 'arn:aws:cloudtrail:eu-west-1:111122223333:trail/main' } },
  };
  expect(findings([bySource])).toEqual([]);
});

describe('`Principal: "*"` narrowed to services by `aws:PrincipalServiceName`', () => {
  const anyone = (condition: Record<string, unknown>): unknown => ({
    Effect: 'Allow',
    Principal: '*',
    Action: 's3:PutObject',
    Resource: 'arn:aws:s3:::logs/*',
    Condition: condition,
  });
  const cases: [string, Record<string, unknown>, [string, string, string][]][] = [
    [
      'one service, no source: reported as that service',
      { StringEquals: { 'aws:PrincipalServiceName': 's3.amazonaws.com' } },
      [['noSource', 's3.amazonaws.com', '/Statement/0']],
    ],
    [
      'two services, no source: each reported',
      { StringEquals: { 'aws:PrincipalServiceName': [DELIVERY, 'config.amazonaws.com'] } },
      [
        ['noSource', DELIVERY, '/Statement/0'],
        ['noSource', 'config.amazonaws.com', '/Statement/0'],
      ],
    ],
    [
      'one service bound by `aws:SourceAccount`',
      {
        StringEquals: { 'aws:PrincipalServiceName': 's3.amazonaws.com', 'aws:SourceAccount': '111122223333' },
      },
      [],
    ],
    [
      'one service named in `aws:PrincipalServiceNamesList` (`ForAnyValue`), no source: reported as that service',
      { 'ForAnyValue:StringEquals': { 'aws:PrincipalServiceNamesList': 'logging.s3.amazonaws.com' } },
      [['noSource', 'logging.s3.amazonaws.com', '/Statement/0']],
    ],
    // a service principal has no organization: nothing passes both, a grant to the organization
    // that public-principal reads as restricting who
    [
      'beside `aws:PrincipalOrgID`',
      { StringEquals: { 'aws:PrincipalServiceName': 's3.amazonaws.com', 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } },
      [],
    ],
    // `...IfExists` holds for every caller that is no service: public-principal reports it
    [
      'under `StringEqualsIfExists`',
      { StringEqualsIfExists: { 'aws:PrincipalServiceName': 's3.amazonaws.com' } },
      [['public', '*', '/Statement/0']],
    ],
  ];
  const BOTH = RULES.filter(
    (r) => r.meta.id === 'resource-exposure/confused-deputy' || r.meta.id === 'resource-exposure/public-principal',
  );
  test.each(cases)('%s', (_name, condition, expected) => {
    expect(findings([anyone(condition)], BOTH).sort()).toEqual(expected.sort());
  });
});

describe('a service bound by a Deny of every other source (a fence) rather than by a condition', () => {
  const TOPIC = 'arn:aws:sns:us-east-1:111122223333:alerts';
  const publish = (service: string): unknown => ({
    Effect: 'Allow',
    Principal: { Service: service },
    Action: 'sns:Publish',
    Resource: TOPIC,
  });
  // A field given `undefined` is left out (`Principal` where `NotPrincipal` stands).
  const deny = (fields: Record<string, unknown>): unknown =>
    Object.fromEntries(
      Object.entries({ Effect: 'Deny', Principal: '*', Action: 'sns:Publish', Resource: TOPIC, ...fields }).filter(
        ([, value]) => value !== undefined,
      ),
    );
  const fenced: [string, unknown[]][] = [
    [
      'a Deny of everyone outside the source account',
      [
        publish('events.amazonaws.com'),
        deny({ Condition: { StringNotEquals: { 'aws:SourceAccount': '111122223333' } } }),
      ],
    ],
    [
      'a Deny of everyone outside the source organization',
      [
        publish('events.amazonaws.com'),
        deny({ Condition: { StringNotEquals: { 'aws:SourceOrgID': 'o-a1b2c3d4e5' } } }),
      ],
    ],
    [
      'a Deny naming the service itself, outside rules of the account (`ArnNotLike` `aws:SourceArn`)',
      [
        publish('events.amazonaws.com'),
        deny({
          Principal: { Service: 'events.amazonaws.com' },
          Condition: { ArnNotLike: { 'aws:SourceArn': 'arn:aws:events:us-east-1:111122223333:rule/*' } },
        }),
      ],
    ],
    [
      'a Deny of every principal but the account root (`NotPrincipal`): the service is refused',
      [
        publish('s3.amazonaws.com'),
        deny({ Principal: undefined, NotPrincipal: { AWS: 'arn:aws:iam::111122223333:root' } }),
      ],
    ],
  ];
  test.each(fenced)('%s: no finding', (_name, statements) => {
    expect(findings(statements)).toEqual([]);
  });

  const open: [string, unknown[], string][] = [
    [
      'a Deny that lets services through (`BoolIfExists` `aws:PrincipalIsAWSService` `false`)',
      [
        publish('events.amazonaws.com'),
        deny({
          Condition: {
            StringNotEquals: { 'aws:SourceAccount': '111122223333' },
            BoolIfExists: { 'aws:PrincipalIsAWSService': 'false' },
          },
        }),
      ],
      'events.amazonaws.com',
    ],
    [
      'a Deny of sources outside a bucket name, which names no account',
      [
        publish('s3.amazonaws.com'),
        deny({ Condition: { ArnNotLike: { 'aws:SourceArn': 'arn:aws:s3:::acme-uploads' } } }),
      ],
      's3.amazonaws.com',
    ],
    [
      'a Deny whose `NotPrincipal` spares the service',
      [publish('s3.amazonaws.com'), deny({ Principal: undefined, NotPrincipal: { Service: 's3.amazonaws.com' } })],
      's3.amazonaws.com',
    ],
    [
      'a Deny of everyone outside the source account for another topic only',
      [
        publish('events.amazonaws.com'),
        deny({ Resource: `${TOPIC}-other`, Condition: { StringNotEquals: { 'aws:SourceAccount': '111122223333' } } }),
      ],
      'events.amazonaws.com',
    ],
  ];
  test.each(open)('%s: still reported', (_name, statements, service) => {
    expect(findings(statements)).toEqual([['noSource', service, '/Statement/0']]);
  });
});
