import { listServices } from '../../src/catalog/actions';
import { readCatalogIndex, readResourceTypes, readServiceKeys } from '../../src/catalog/data';
import {
  ResourceProbe,
  actionResourceMatch,
  getResourceType,
  listResourceTypes,
  resourceTypesForArn,
} from '../../src/catalog/resource-types';
import { SymbolicValue } from '../../src/model/symbolic';
import type { PolicyValue } from '../../src/model/symbolic';

const bucket = { id: 'b', source: 'aws_s3_bucket.logs.id' };
const bucketArn = { id: 'ba', source: 'the ARN of bucket Logs' };

const typesOf = (arn: PolicyValue, service: string): string[] =>
  resourceTypesForArn(arn)
    .filter((t) => t.resourceType.service === service)
    .map((t) => `${t.resourceType.name}:${t.certainty}`)
    .sort();

describe('resourceTypesForArn', () => {
  const cases: { name: string; arn: PolicyValue; service: string; expected: string[] }[] = [
    { name: 'a bucket ARN is a bucket', arn: 'arn:aws:s3:::my-bucket', service: 's3', expected: ['bucket:match'] },
    {
      name: 'an object ARN is an object, not a bucket named with a slash',
      arn: 'arn:aws:s3:::my-bucket/a/b.txt',
      service: 's3',
      expected: ['object:match'],
    },
    {
      name: 'a role with a path is a role',
      arn: 'arn:aws:iam::111122223333:role/service-role/app',
      service: 'iam',
      expected: ['role:match'],
    },
    {
      name: 'a table ARN is a table',
      arn: 'arn:aws:dynamodb:us-east-1:111122223333:table/Orders',
      service: 'dynamodb',
      expected: ['table:match'],
    },
    {
      name: 'an index ARN is an index, not a table',
      arn: 'arn:aws:dynamodb:us-east-1:111122223333:table/Orders/index/ByDate',
      service: 'dynamodb',
      expected: ['index:match'],
    },
    {
      name: 'a log group name with slashes',
      arn: 'arn:aws:logs:us-east-1:111122223333:log-group:/aws/lambda/fn',
      service: 'logs',
      expected: ['log-group:match'],
    },
    { name: 'another partition', arn: 'arn:aws-cn:s3:::my-bucket', service: 's3', expected: ['bucket:match'] },
    {
      name: 'an object pattern covers objects only',
      arn: 'arn:aws:s3:::my-bucket/*',
      service: 's3',
      expected: ['object:match'],
    },
    {
      name: 'a bucket-name pattern also covers objects',
      arn: 'arn:aws:s3:::logs-*',
      service: 's3',
      expected: ['bucket:match', 'object:match'],
    },
    {
      name: 'a hole where the bucket name goes is one bucket name: a bucket, never an object',
      arn: new SymbolicValue(['arn:aws:s3:::', bucket]),
      service: 's3',
      expected: ['bucket:unknown'],
    },
    {
      name: 'a hole that ends a bucket name begun in text is still the bucket name',
      arn: new SymbolicValue(['arn:aws:s3:::logs-', bucket]),
      service: 's3',
      expected: ['bucket:unknown'],
    },
    {
      name: 'a hole in the object key may hold slashes: an object',
      arn: new SymbolicValue(['arn:aws:s3:::reports/', bucket]),
      service: 's3',
      expected: ['object:unknown'],
    },
    {
      name: 'a hole in the region field holds no colon: the table is not an index',
      arn: new SymbolicValue(['arn:aws:dynamodb:', bucket, ':111122223333:table/Orders']),
      service: 'dynamodb',
      expected: ['global-table:unknown', 'table:unknown'],
    },
    {
      name: 'a symbolic object is an object',
      arn: new SymbolicValue(['arn:aws:s3:::', bucket, '/key']),
      service: 's3',
      expected: ['object:unknown'],
    },
    { name: 'not an ARN', arn: 'my-bucket', service: 's3', expected: [] },
  ];
  it.each(cases)('$name', ({ arn, service, expected }) => {
    expect(typesOf(arn, service)).toEqual(expected);
  });

  it('a whole symbolic ARN may be of any service', () => {
    const services = new Set(resourceTypesForArn(new SymbolicValue([bucketArn])).map((t) => t.resourceType.service));
    expect(services.has('s3')).toBe(true);
    expect(services.has('iam')).toBe(true);
  });
});

describe('actionResourceMatch', () => {
  const cases: { name: string; action: string; arn: PolicyValue; expected: string | undefined }[] = [
    { name: 'GetObject on an object', action: 's3:GetObject', arn: 'arn:aws:s3:::b/k', expected: 'match' },
    {
      name: 'GetObject on a bucket is a mismatch',
      action: 's3:GetObject',
      arn: 'arn:aws:s3:::b',
      expected: 'no-match',
    },
    {
      name: 'ListBucket on objects is a mismatch',
      action: 's3:ListBucket',
      arn: 'arn:aws:s3:::b/*',
      expected: 'no-match',
    },
    { name: 'ListBucket on a bucket', action: 's3:ListBucket', arn: 'arn:aws:s3:::b', expected: 'match' },
    {
      name: "AWS's public parameters, named without an account",
      action: 'ssm:GetParameters',
      arn: 'arn:aws:ssm:us-east-1::parameter/aws/service/ami-amazon-linux-latest/*',
      expected: 'match',
    },
    {
      name: 'a document AWS owns, named without an account',
      action: 'ssm:SendCommand',
      arn: 'arn:aws:ssm:us-east-1::document/AWS-RunShellScript',
      expected: 'match',
    },
    {
      name: 'a document AWS owns is no parameter',
      action: 'ssm:GetParameter',
      arn: 'arn:aws:ssm:us-east-1::document/AWS-RunShellScript',
      expected: 'no-match',
    },
    {
      name: 'no account is only a form of the types AWS owns (queues have one)',
      action: 'sqs:SendMessage',
      arn: 'arn:aws:sqs:us-east-1::jobs',
      expected: 'no-match',
    },
    { name: 'star covers everything', action: 's3:GetObject', arn: '*', expected: 'match' },
    {
      name: 'a service-wide pattern of another service',
      action: 's3:GetObject',
      arn: 'arn:aws:sqs:*',
      expected: 'no-match',
    },
    { name: 'an action that only accepts star, on star', action: 'ec2:DescribeInstances', arn: '*', expected: 'match' },
    {
      name: 'an action that only accepts star, on an ARN',
      action: 'sts:GetCallerIdentity',
      arn: 'arn:aws:iam::111122223333:role/x',
      expected: 'no-match',
    },
    {
      name: 'log streams of a log group (the usual `:*` idiom)',
      action: 'logs:PutLogEvents',
      arn: 'arn:aws:logs:us-east-1:1:log-group:/aws/lambda/f:*',
      expected: 'match',
    },
    {
      name: 'symbolic object of a symbolic bucket',
      action: 's3:GetObject',
      arn: new SymbolicValue([bucketArn, '/*']),
      expected: 'unknown',
    },
    {
      name: 'symbolic bucket name for an object action',
      action: 's3:GetObject',
      arn: new SymbolicValue(['arn:aws:sqs:us-east-1:1:', bucket]),
      expected: 'no-match',
    },
    { name: 'unknown action', action: 's3:Nope', arn: '*', expected: undefined },
    {
      name: 'an empty account field fits no format that names an account',
      action: 'logs:PutLogEvents',
      arn: 'arn:aws:logs:us-east-1::log-group:x:*',
      expected: 'no-match',
    },
    {
      name: 'a Region in an S3 object pattern fits no object',
      action: 's3:GetObject',
      arn: 'arn:aws:s3:us-east-1::b/*',
      expected: 'no-match',
    },
    {
      name: 'wildcards in the Region and account fields',
      action: 'logs:PutLogEvents',
      arn: 'arn:aws:logs:*:*:log-group:x:*',
      expected: 'match',
    },
    {
      name: 'a bucket-name prefix pattern covers objects',
      action: 's3:GetObject',
      arn: 'arn:aws:s3:::b*',
      expected: 'match',
    },
    {
      name: 'Elastic Load Balancing V2 tags a target group (the classic reference shares the prefix and the action)',
      action: 'elasticloadbalancing:AddTags',
      arn: 'arn:aws:elasticloadbalancing:us-east-1:111122223333:targetgroup/web/0123456789abcdef',
      expected: 'match',
    },
    {
      name: 'a listener of an application load balancer for V2 tagging',
      action: 'elasticloadbalancing:RemoveTags',
      arn: 'arn:aws:elasticloadbalancing:us-east-1:111122223333:listener/app/web/0123456789abcdef/fedcba9876543210',
      expected: 'match',
    },
    {
      name: 'a classic-only action still acts on no target group',
      action: 'elasticloadbalancing:ConfigureHealthCheck',
      arn: 'arn:aws:elasticloadbalancing:us-east-1:111122223333:targetgroup/web/0123456789abcdef',
      expected: 'no-match',
    },
    {
      name: 'the stage of a REST API, the second of the two formats the merged entry joins',
      action: 'apigateway:PATCH',
      arn: 'arn:aws:apigateway:us-east-1::/restapis/a1b2c3d4e5/stages/prod',
      expected: 'match',
    },
    {
      name: 'the API mappings of a custom domain, an API Gateway V2 type, for the V1 verb',
      action: 'apigateway:GET',
      arn: 'arn:aws:apigateway:us-east-1::/domainnames/api.example.com/apimappings',
      expected: 'match',
    },
    {
      name: 'a Lex V2 bot alias (the Lex V1 and V2 formats joined in one entry)',
      action: 'lex:RecognizeText',
      arn: 'arn:aws:lex:us-east-1:111122223333:bot-alias/BOTID12345/TSTALIASID',
      expected: 'match',
    },
    {
      name: 'the SAM transform, which AWS owns, for creating a change set (CloudFormation User Guide)',
      action: 'cloudformation:CreateChangeSet',
      arn: 'arn:aws:cloudformation:eu-west-1:aws:transform/Serverless-2016-10-31',
      expected: 'match',
    },
    {
      name: 'the transform is no stack for updating one',
      action: 'cloudformation:UpdateStack',
      arn: 'arn:aws:cloudformation:eu-west-1:aws:transform/Serverless-2016-10-31',
      expected: 'no-match',
    },
    {
      name: 'an API Gateway path of no resource type',
      action: 'apigateway:POST',
      arn: 'arn:aws:apigateway:us-east-1::/restapis/a1b2c3d4e5/no-such-collection',
      expected: 'no-match',
    },
    {
      name: 'a pattern of another resource type of the service',
      action: 'logs:PutLogEvents',
      arn: 'arn:aws:logs:us-east-1:1:destination:*',
      expected: 'no-match',
    },
  ];
  it.each(cases)('$name', ({ action, arn, expected }) => {
    expect(actionResourceMatch(action, arn)).toBe(expected);
  });

  // A probe reads a value once and is asked about several actions in turn, sharing answers
  // between actions of the same resource types: the order of questions must not matter.
  it.each(cases)('a probe answers as actionResourceMatch: $name', ({ arn }) => {
    const actions = [...new Set(cases.map((c) => c.action))];
    const probe = new ResourceProbe(arn);
    for (const action of [...actions, ...actions.reverse()]) {
      expect(probe.match(action)).toBe(actionResourceMatch(action, arn));
    }
  });
});

describe('getResourceType', () => {
  it('gives the ARN format and condition keys', () => {
    const object = getResourceType('s3', 'object');
    expect(object?.arnTemplate).toBe('arn:${Partition}:s3:::${BucketName}/${ObjectName}');
    expect(getResourceType('s3', 'nope')).toBeUndefined();
  });
});

describe('every ARN format of the catalog', () => {
  it('recognizes an ARN built from it as its own type', () => {
    const misses: string[] = [];
    for (const service of listServices()) {
      for (const type of listResourceTypes(service.prefix)) {
        // A format whose service field is itself a variable (`${Vendor}`) cannot be found by service.
        if (type.arnTemplate.split(':')[2]?.startsWith('${')) continue;
        const arn = type.arnTemplate
          .replace(/\$\{Partition\}/g, 'aws')
          .replace(/\$\{Region\}/g, 'us-east-1')
          .replace(/\$\{Account\}/g, '111122223333')
          .replace(/\$\{[^}]*\}/g, 'name1');
        if (!resourceTypesForArn(arn).some((t) => t.resourceType === type))
          misses.push(`${service.prefix}:${type.name} ${arn}`);
      }
    }
    expect(misses).toEqual([]);
  });
});

describe('generated catalog index', () => {
  it('holds the same resource types as the catalog files', () => {
    const index = readCatalogIndex();
    expect(index).toBeDefined();
    for (const service of readServiceKeys()) {
      const fromFiles = Object.values(readResourceTypes(service)).map((rt) => [rt.key, rt.arn, rt.conditionKeys ?? []]);
      expect([service, index?.services[service]?.resourceTypes]).toEqual([service, fromFiles]);
    }
  });
});
