import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { SymbolicValue, valueToString } from '@iamgate/core';
import type { PrincipalInput, ScanInput } from '@iamgate/core';
import { extractStacks } from '../src/extract/extract';
import { templateSource } from '../src/extract/stack-source';
import { loadInputs } from '../src/template/cloud-assembly';
import { parseTemplate } from '../src/template/read-template';

const trust = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
};
const doc = (...statements: object[]): object => ({ Version: '2012-10-17', Statement: statements });
const allow = (action: string, resource: unknown): object => ({ Effect: 'Allow', Action: action, Resource: resource });

function extract(resources: Record<string, object>, extra: Record<string, unknown> = {}): ScanInput {
  return extractStacks([templateSource({ Resources: resources, ...extra }, { file: 'app.json', stackName: 'App' })]);
}

function principal(input: ScanInput, id: string): PrincipalInput {
  const found = input.principals.find((p) => p.id === id);
  if (found === undefined) throw new Error(`no ${id} in ${input.principals.map((p) => p.id).join(', ')}`);
  return found;
}

/** JSON with symbolic values rendered as text, for comparisons. */
function plain(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value, (_k, v: unknown) => (v instanceof SymbolicValue ? valueToString(v) : v)));
}

describe('extraction of IAM resources', () => {
  test('a policy attached by Ref is an inline policy of the role, located at the policy', () => {
    const input = extract({
      AppRole: {
        Type: 'AWS::IAM::Role',
        Properties: { AssumeRolePolicyDocument: trust, Tags: [{ Key: 'team', Value: 'api' }] },
      },
      AppPolicy: {
        Type: 'AWS::IAM::Policy',
        Properties: { PolicyName: 'app', PolicyDocument: doc(allow('s3:GetObject', '*')), Roles: [{ Ref: 'AppRole' }] },
      },
    });
    const role = principal(input, 'App/AppRole');
    expect(role.tags).toEqual({ team: 'api' });
    expect(role.trustPolicy?.document).toEqual(trust);
    expect(role.policies.map((p) => [p.kind, p.policy?.name, p.policy?.location.logicalId])).toEqual([
      ['inline', 'app', 'AppPolicy'],
    ]);
    expect(input.policies).toEqual([]);
  });

  test('managed policies: from the stack by Ref or by their own Roles, AWS managed by ARN', () => {
    const input = extract({
      AppRole: {
        Type: 'AWS::IAM::Role',
        Properties: {
          AssumeRolePolicyDocument: trust,
          ManagedPolicyArns: [
            { Ref: 'Shared' },
            { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::aws:policy/ReadOnlyAccess']] },
          ],
        },
      },
      OtherRole: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: trust } },
      Shared: { Type: 'AWS::IAM::ManagedPolicy', Properties: { PolicyDocument: doc(allow('sqs:SendMessage', '*')) } },
      Attaching: {
        Type: 'AWS::IAM::ManagedPolicy',
        Properties: {
          ManagedPolicyName: 'attaching',
          PolicyDocument: doc(allow('sns:Publish', '*')),
          Roles: [{ Ref: 'OtherRole' }],
        },
      },
      Orphan: { Type: 'AWS::IAM::ManagedPolicy', Properties: { PolicyDocument: doc(allow('sns:Publish', '*')) } },
    });
    expect(
      principal(input, 'App/AppRole').policies.map((p) => [
        p.kind,
        p.arn && valueToString(p.arn),
        p.policy?.location.logicalId,
      ]),
    ).toEqual([
      ['managed', 'arn:aws:iam::${the account of the stack}:policy/${the name of managed policy `Shared`}', 'Shared'],
      ['aws-managed', 'arn:aws:iam::aws:policy/ReadOnlyAccess', undefined],
    ]);
    expect(principal(input, 'App/OtherRole').policies.map((p) => [p.kind, p.arn && valueToString(p.arn)])).toEqual([
      ['managed', 'arn:aws:iam::${the account of the stack}:policy/attaching'],
    ]);
    expect(input.policies.map((p) => [p.type, p.policy.location.logicalId])).toEqual([['identity', 'Orphan']]);
  });

  test('a boundary that is a managed policy of the stack is read from it, and is not a grant', () => {
    const input = extract({
      AppRole: {
        Type: 'AWS::IAM::Role',
        Properties: { AssumeRolePolicyDocument: trust, PermissionsBoundary: { Ref: 'Boundary' } },
      },
      Boundary: {
        Type: 'AWS::IAM::ManagedPolicy',
        Properties: { ManagedPolicyName: 'app-boundary', PolicyDocument: doc(allow('s3:*', '*')) },
      },
      Literal: {
        Type: 'AWS::IAM::Role',
        Properties: {
          AssumeRolePolicyDocument: trust,
          PermissionsBoundary: { 'Fn::Sub': 'arn:${AWS::Partition}:iam::${AWS::AccountId}:policy/app-boundary' },
        },
      },
    });
    const role = principal(input, 'App/AppRole');
    expect(role.permissionsBoundary && valueToString(role.permissionsBoundary.arn)).toBe(
      'arn:aws:iam::${the account of the stack}:policy/app-boundary',
    );
    expect(role.permissionsBoundary?.policy?.document).toEqual(doc(allow('s3:*', '*')));
    expect(role.policies).toEqual([]);
    // The same ARN written with Fn::Sub designates the same managed policy.
    expect(principal(input, 'App/Literal').permissionsBoundary?.policy?.location.logicalId).toBe('Boundary');
    expect(input.policies).toEqual([]);
  });

  test('a managed policy of the stack named by its ARN written out, with an account, is that policy', () => {
    const arn = (name: string): string => `arn:aws:iam::111122223333:policy/${name}`;
    const input = extract({
      Bounded: {
        Type: 'AWS::IAM::Role',
        Properties: {
          AssumeRolePolicyDocument: trust,
          PermissionsBoundary: arn('app-boundary'),
          ManagedPolicyArns: [arn('app-access')],
        },
      },
      // near misses: another name, a path the policy does not have, an account that is not one
      Other: {
        Type: 'AWS::IAM::Role',
        Properties: {
          AssumeRolePolicyDocument: trust,
          PermissionsBoundary: arn('app-boundary-v2'),
          ManagedPolicyArns: ['arn:aws:iam::111122223333:policy/team/app-access', 'arn:aws:iam::1:policy/app-access'],
        },
      },
      Boundary: {
        Type: 'AWS::IAM::ManagedPolicy',
        Properties: { ManagedPolicyName: 'app-boundary', PolicyDocument: doc(allow('s3:*', '*')) },
      },
      Access: {
        Type: 'AWS::IAM::ManagedPolicy',
        Properties: { ManagedPolicyName: 'app-access', PolicyDocument: doc(allow('sqs:SendMessage', '*')) },
      },
    });
    const bounded = principal(input, 'App/Bounded');
    expect(bounded.permissionsBoundary?.policy?.location.logicalId).toBe('Boundary');
    expect(bounded.policies.map((p) => p.policy?.location.logicalId)).toEqual(['Access']);
    const other = principal(input, 'App/Other');
    expect(other.permissionsBoundary).toEqual({ arn: arn('app-boundary-v2') });
    // Not the stack's policies: created outside the template, so not checked (and said so).
    expect(other.policies.map((p) => [p.arn, p.policy?.unresolved?.reason])).toEqual([
      ['arn:aws:iam::111122223333:policy/team/app-access', expect.stringContaining('created outside the template')],
      ['arn:aws:iam::1:policy/app-access', expect.stringContaining('created outside the template')],
    ]);
    // Both are used where they are named: neither is linted again on its own.
    expect(input.policies).toEqual([]);
  });

  test('a policy attached to a role created elsewhere is linted on its own', () => {
    const input = extract({
      P: {
        Type: 'AWS::IAM::Policy',
        Properties: { PolicyName: 'p', PolicyDocument: doc(allow('s3:*', '*')), Roles: ['imported-role'] },
      },
    });
    expect(input.policies.map((p) => [p.type, p.policy.name])).toEqual([['identity', 'p']]);
  });

  test('users: credentials, group membership and the group policies they get', () => {
    const input = extract({
      Ci: { Type: 'AWS::IAM::User', Properties: { UserName: 'ci', LoginProfile: { Password: 'x' } } },
      Ops: { Type: 'AWS::IAM::User', Properties: { Groups: [{ Ref: 'Admins' }] } },
      Key: { Type: 'AWS::IAM::AccessKey', Properties: { UserName: { Ref: 'Ci' } } },
      Admins: {
        Type: 'AWS::IAM::Group',
        Properties: { Policies: [{ PolicyName: 'admin', PolicyDocument: doc(allow('*', '*')) }] },
      },
      Add: { Type: 'AWS::IAM::UserToGroupAddition', Properties: { GroupName: { Ref: 'Admins' }, Users: ['ci'] } },
    });
    expect(principal(input, 'App/Ci').credentials?.map((c) => [c.kind, c.location.logicalId])).toEqual([
      ['login-profile', 'Ci'],
      ['access-key', 'Key'],
    ]);
    expect([...(principal(input, 'App/Admins').members ?? [])].sort()).toEqual(['App/Ci', 'App/Ops']);
    expect(principal(input, 'App/Ci').policies.map((p) => [p.kind, p.via, p.policy?.name])).toEqual([
      ['group', 'App/Admins', 'admin'],
    ]);
  });
});

describe('extraction of resource policies', () => {
  test('a bucket policy protects the bucket it names', () => {
    const input = extract({
      Bucket: { Type: 'AWS::S3::Bucket' },
      Policy: {
        Type: 'AWS::S3::BucketPolicy',
        Properties: {
          Bucket: { Ref: 'Bucket' },
          PolicyDocument: doc({ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: '*' }),
        },
      },
      ByName: { Type: 'AWS::S3::BucketPolicy', Properties: { Bucket: 'logs', PolicyDocument: doc() } },
    });
    expect(input.resources.map((r) => [r.type, r.arn && valueToString(r.arn)])).toEqual([
      ['AWS::S3::BucketPolicy', 'arn:aws:s3:::${the name of bucket `Bucket`}'],
      ['AWS::S3::BucketPolicy', 'arn:aws:s3:::logs'],
    ]);
  });

  test('a key policy, a queue policy and a topic policy', () => {
    const input = extract({
      Key: { Type: 'AWS::KMS::Key', Properties: { KeyPolicy: doc() } },
      Queue: { Type: 'AWS::SQS::Queue' },
      QueuePolicy: { Type: 'AWS::SQS::QueuePolicy', Properties: { Queues: [{ Ref: 'Queue' }], PolicyDocument: doc() } },
      Topic: { Type: 'AWS::SNS::Topic' },
      TopicPolicy: { Type: 'AWS::SNS::TopicPolicy', Properties: { Topics: [{ Ref: 'Topic' }], PolicyDocument: doc() } },
    });
    expect(
      input.resources.map((r) => [
        r.type,
        r.arn && valueToString(r.arn).replace(/\$\{the (region|account) of the stack\}/g, '?'),
      ]),
    ).toEqual([
      ['AWS::KMS::Key', 'arn:aws:kms:?:?:key/${the id of key `Key`}'],
      ['AWS::SQS::QueuePolicy', 'arn:aws:sqs:?:?:${the name of queue `Queue`}'],
      ['AWS::SNS::TopicPolicy', 'arn:aws:sns:?:?:${the name of topic `Topic`}'],
    ]);
  });

  test.each([
    ['a name', 'worker', 'arn:aws:lambda:${the region of the stack}:${the account of the stack}:function:worker'],
    [
      'a name with an alias',
      'worker:live',
      'arn:aws:lambda:${the region of the stack}:${the account of the stack}:function:worker:live',
    ],
    [
      'a partial ARN',
      '444455556666:function:worker',
      'arn:aws:lambda:${the region of the stack}:444455556666:function:worker',
    ],
    [
      'a whole ARN',
      'arn:aws:lambda:eu-west-1:111122223333:function:worker',
      'arn:aws:lambda:eu-west-1:111122223333:function:worker',
    ],
  ])('a Lambda permission whose FunctionName is %s is on that function of the stack’s Region', (_how, name, arn) => {
    const input = extract({
      Invoke: {
        Type: 'AWS::Lambda::Permission',
        Properties: { FunctionName: name, Action: 'lambda:InvokeFunction', Principal: 'scheduler.amazonaws.com' },
      },
    });
    expect(input.resources.map((r) => plain(r.policy.document))).toEqual([
      doc({
        Sid: 'Invoke',
        Effect: 'Allow',
        Principal: { Service: 'scheduler.amazonaws.com' },
        Action: 'lambda:InvokeFunction',
        Resource: arn,
      }),
    ]);
  });

  test('a Lambda permission becomes the equivalent statement', () => {
    const input = extract({
      Fn: { Type: 'AWS::Lambda::Function' },
      Url: {
        Type: 'AWS::Lambda::Permission',
        Properties: {
          FunctionName: { Ref: 'Fn' },
          Action: 'lambda:InvokeFunctionUrl',
          Principal: '*',
          FunctionUrlAuthType: 'NONE',
        },
      },
      ViaUrl: {
        Type: 'AWS::Lambda::Permission',
        Properties: {
          FunctionName: { Ref: 'Fn' },
          Action: 'lambda:InvokeFunction',
          Principal: '*',
          InvokedViaFunctionUrl: true,
        },
      },
      S3: {
        Type: 'AWS::Lambda::Permission',
        Properties: {
          FunctionName: { 'Fn::GetAtt': ['Fn', 'Arn'] },
          Action: 'lambda:InvokeFunction',
          Principal: 's3.amazonaws.com',
          SourceAccount: '111122223333',
        },
      },
    });
    const fnArn =
      'arn:aws:lambda:${the region of the stack}:${the account of the stack}:function:${the name of function `Fn`}';
    expect(input.resources.map((r) => plain(r.policy.document))).toEqual([
      doc({
        Sid: 'Url',
        Effect: 'Allow',
        Principal: '*',
        Action: 'lambda:InvokeFunctionUrl',
        Resource: fnArn,
        Condition: { StringEquals: { 'lambda:FunctionUrlAuthType': 'NONE' } },
      }),
      doc({
        Sid: 'ViaUrl',
        Effect: 'Allow',
        Principal: '*',
        Action: 'lambda:InvokeFunction',
        Resource: fnArn,
        Condition: { Bool: { 'lambda:InvokedViaFunctionUrl': 'true' } },
      }),
      doc({
        Sid: 'S3',
        Effect: 'Allow',
        Principal: { Service: 's3.amazonaws.com' },
        Action: 'lambda:InvokeFunction',
        Resource: fnArn,
        Condition: { StringEquals: { 'aws:SourceAccount': '111122223333' } },
      }),
    ]);
  });

  test('Lambda addPermission made by an AwsCustomResource call becomes the statement of the same permission', () => {
    const call = (service: string, action: string, parameters: object): object => ({
      Type: 'Custom::AWS',
      Properties: {
        Create: JSON.stringify({ service, action, parameters }),
        Update: JSON.stringify({ service, action, parameters }),
      },
    });
    const hook = 'arn:aws:lambda:eu-west-1:111122223333:function:provisioning-hook';
    const input = extract({
      Anyone: call('Lambda', 'addPermission', {
        FunctionName: hook,
        StatementId: 'open',
        Action: 'lambda:InvokeFunction',
        Principal: '*',
      }),
      Iot: call('@aws-sdk/client-lambda', 'AddPermissionCommand', {
        FunctionName: hook,
        StatementId: 'iot',
        Action: 'lambda:InvokeFunction',
        Principal: 'iot.amazonaws.com',
        SourceArn: 'arn:aws:iot:eu-west-1:111122223333:provisioningtemplate/shop',
      }),
      Remove: call('Lambda', 'removePermission', { FunctionName: hook, StatementId: 'open' }),
    });
    expect(input.resources.map((r) => [r.id, r.type, plain(r.policy.document)])).toEqual([
      [
        'App/Anyone',
        'AWS::Lambda::Permission',
        doc({ Sid: 'Anyone', Effect: 'Allow', Principal: '*', Action: 'lambda:InvokeFunction', Resource: hook }),
      ],
      [
        'App/Iot',
        'AWS::Lambda::Permission',
        doc({
          Sid: 'Iot',
          Effect: 'Allow',
          Principal: { Service: 'iot.amazonaws.com' },
          Action: 'lambda:InvokeFunction',
          Resource: hook,
          Condition: { ArnLike: { 'aws:SourceArn': 'arn:aws:iot:eu-west-1:111122223333:provisioningtemplate/shop' } },
        }),
      ],
    ]);
    expect(input.errors).toEqual([]);
  });

  test('EventBridge putPermission in its older form made by an AwsCustomResource call becomes the statement it adds to the bus', () => {
    const call = (parameters: object): object => ({
      Type: 'Custom::AWS',
      Properties: { Create: JSON.stringify({ service: 'EventBridge', action: 'putPermission', parameters }) },
    });
    const input = extract({
      Anyone: call({ EventBusName: 'orders', StatementId: 'all', Action: 'events:PutEvents', Principal: '*' }),
      Organization: call({
        StatementId: 'org',
        Action: 'events:PutEvents',
        Principal: '*',
        Condition: { Type: 'StringEquals', Key: 'aws:PrincipalOrgID', Value: 'o-a1b2c3d4e5' },
      }),
      Partner: call({
        EventBusName: 'arn:aws:events:eu-west-1:111122223333:event-bus/orders',
        StatementId: 'partner',
        Action: 'events:PutEvents',
        Principal: '444455556666',
      }),
    });
    const bus = (name: string): string =>
      `arn:aws:events:\${the region of the stack}:\${the account of the stack}:event-bus/${name}`;
    expect(input.resources.map((r) => [r.id, r.type, plain(r.policy.document)])).toEqual([
      [
        'App/Anyone',
        'AWS::Events::EventBusPolicy',
        doc({ Sid: 'all', Effect: 'Allow', Principal: '*', Action: 'events:PutEvents', Resource: bus('orders') }),
      ],
      [
        'App/Organization',
        'AWS::Events::EventBusPolicy',
        doc({
          Sid: 'org',
          Effect: 'Allow',
          Principal: '*',
          Action: 'events:PutEvents',
          Resource: bus('default'),
          Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } },
        }),
      ],
      [
        'App/Partner',
        'AWS::Events::EventBusPolicy',
        doc({
          Sid: 'partner',
          Effect: 'Allow',
          Principal: { AWS: '444455556666' },
          Action: 'events:PutEvents',
          Resource: 'arn:aws:events:eu-west-1:111122223333:event-bus/orders',
        }),
      ],
    ]);
    expect(input.errors).toEqual([]);
  });

  test('a layer permission and an event bus policy (statement or older properties) become statements on them', () => {
    const input = extract({
      Layer: { Type: 'AWS::Lambda::LayerVersion', Properties: { LayerName: 'shared' } },
      Everyone: {
        Type: 'AWS::Lambda::LayerVersionPermission',
        Properties: { Action: 'lambda:GetLayerVersion', LayerVersionArn: { Ref: 'Layer' }, Principal: '*' },
      },
      Organization: {
        Type: 'AWS::Lambda::LayerVersionPermission',
        Properties: {
          Action: 'lambda:GetLayerVersion',
          LayerVersionArn: { Ref: 'Layer' },
          Principal: '*',
          OrganizationId: 'o-a1b2c3d4e5',
        },
      },
      Bus: { Type: 'AWS::Events::EventBus', Properties: { Name: 'orders' } },
      Written: {
        Type: 'AWS::Events::EventBusPolicy',
        Properties: {
          EventBusName: { Ref: 'Bus' },
          StatementId: 'open',
          Statement: {
            Effect: 'Allow',
            Principal: '*',
            Action: 'events:PutEvents',
            Resource: { 'Fn::GetAtt': ['Bus', 'Arn'] },
          },
        },
      },
      Older: {
        Type: 'AWS::Events::EventBusPolicy',
        Properties: {
          StatementId: 'partner',
          Action: 'events:PutEvents',
          Principal: '444455556666',
          Condition: { Type: 'StringEquals', Key: 'aws:PrincipalOrgID', Value: 'o-a1b2c3d4e5' },
        },
      },
    });
    const layer =
      'arn:aws:lambda:${the region of the stack}:${the account of the stack}:layer:shared:${the id of layer version `Layer`}';
    const bus = 'arn:aws:events:${the region of the stack}:${the account of the stack}:event-bus/orders';
    const defaultBus = 'arn:aws:events:${the region of the stack}:${the account of the stack}:event-bus/default';
    const org = { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } };
    const layerRead = { Effect: 'Allow', Principal: '*', Action: 'lambda:GetLayerVersion', Resource: layer };
    expect(input.resources.map((r) => [r.id, plain(r.arn), plain(r.policy.document)])).toEqual([
      ['App/Everyone', layer, doc(layerRead)],
      ['App/Organization', layer, doc({ ...layerRead, Condition: org })],
      ['App/Written', bus, doc({ Effect: 'Allow', Principal: '*', Action: 'events:PutEvents', Resource: bus })],
      [
        'App/Older',
        defaultBus,
        doc({
          Sid: 'partner',
          Effect: 'Allow',
          Principal: { AWS: '444455556666' },
          Action: 'events:PutEvents',
          Resource: defaultBus,
          Condition: org,
        }),
      ],
    ]);
  });

  test('an ECR repository policy statement without Resource applies to the repository', () => {
    const pull = { Effect: 'Allow', Principal: { AWS: '444455556666' }, Action: 'ecr:BatchGetImage' };
    const input = extract({
      Images: {
        Type: 'AWS::ECR::Repository',
        Properties: { RepositoryPolicyText: doc(pull, { ...pull, Sid: 'scoped', Resource: '*' }) },
      },
    });
    const repository =
      'arn:aws:ecr:${the region of the stack}:${the account of the stack}:repository/${the name of repository `Images`}';
    expect(plain(input.resources[0]?.policy.document)).toEqual(
      doc({ ...pull, Resource: repository }, { ...pull, Sid: 'scoped', Resource: '*' }),
    );
  });

  test('an EFS file system policy statement without Resource applies to the file system (as aws-cdk-lib writes it)', () => {
    const clients = {
      Effect: 'Allow',
      Principal: { AWS: '*' },
      Action: ['elasticfilesystem:ClientWrite', 'elasticfilesystem:ClientRootAccess'],
      Condition: { Bool: { 'elasticfilesystem:AccessedViaMountTarget': 'true' } },
    };
    const input = extract({ Files: { Type: 'AWS::EFS::FileSystem', Properties: { FileSystemPolicy: doc(clients) } } });
    const fileSystem =
      'arn:aws:elasticfilesystem:${the region of the stack}:${the account of the stack}:file-system/${the id of file system `Files`}';
    expect(plain(input.resources[0]?.policy.document)).toEqual(doc({ ...clients, Resource: fileSystem }));
  });

  test('an AwsCustomResource call that sets a resource policy is read as that policy; other calls and Update repeating Create are not', () => {
    const open = {
      Effect: 'Allow',
      Principal: { AWS: '*' },
      Action: 'es:ESHttp*',
      Resource: 'arn:aws:es:eu-west-1:111122223333:domain/shop/*',
    };
    // As aws-cdk-lib writes it: the call is JSON text with the domain's name in it, the policy JSON text inside.
    const call = (service: string, action: string, parameters: string) => ({
      'Fn::Join': [
        '',
        [
          `{"service":"${service}","action":"${action}","parameters":{"DomainName":"`,
          { Ref: 'Search' },
          `",${parameters}}}`,
        ],
      ],
    });
    const policy = `"AccessPolicies":${JSON.stringify(JSON.stringify(doc(open)))}`;
    const input = extract({
      Search: { Type: 'AWS::OpenSearchService::Domain', Properties: {} },
      Policy: {
        Type: 'Custom::OpenSearchAccessPolicy',
        Properties: {
          Create: call('OpenSearch', 'updateDomainConfig', policy),
          Update: call('OpenSearch', 'updateDomainConfig', policy),
        },
      },
      V3: {
        Type: 'Custom::AWS',
        Properties: { Create: call('@aws-sdk/client-opensearch', 'UpdateDomainConfigCommand', policy) },
      },
      Other: { Type: 'Custom::AWS', Properties: { Create: call('OpenSearch', 'describeDomain', policy) } },
    });
    expect(input.resources.map((r) => [r.id, r.type, plain(r.policy.document)])).toEqual([
      ['App/Policy', 'AWS::OpenSearchService::Domain', doc(open)],
      ['App/V3', 'AWS::OpenSearchService::Domain', doc(open)],
    ]);
    expect(input.errors).toEqual([]);
  });

  test('AwsCustomResource calls that set a queue, key, repository or secret policy are read as that policy', () => {
    const open = { Effect: 'Allow', Principal: '*', Action: 'sqs:SendMessage', Resource: '*' };
    const text = JSON.stringify(JSON.stringify(doc(open)));
    const call = (service: string, action: string, parameters: string): object => ({
      Type: 'Custom::AWS',
      Properties: { Create: `{"service":"${service}","action":"${action}","parameters":{${parameters}}}` },
    });
    const input = extract({
      Queue: call('SQS', 'setQueueAttributes', `"QueueUrl":"q","Attributes":{"Policy":${text}}`),
      QueueOther: call('SQS', 'setQueueAttributes', `"QueueUrl":"q","Attributes":{"VisibilityTimeout":"30"}`),
      Key: call('@aws-sdk/client-kms', 'PutKeyPolicyCommand', `"KeyId":"k","Policy":${text}`),
      Repository: call('ECR', 'setRepositoryPolicy', `"repositoryName":"r","policyText":${text}`),
      Secret: call('SecretsManager', 'putResourcePolicy', `"SecretId":"s","ResourcePolicy":${text}`),
    });
    expect(input.resources.map((r) => [r.id, r.type, plain(r.policy.document)])).toEqual([
      ['App/Queue', 'AWS::SQS::QueuePolicy', doc(open)],
      ['App/Key', 'AWS::KMS::Key', doc(open)],
      ['App/Repository', 'AWS::ECR::Repository', doc(open)],
      ['App/Secret', 'AWS::SecretsManager::ResourcePolicy', doc(open)],
    ]);
  });

  test('AwsCustomResource calls that set a table, stream, vault, catalog, parameter, trace, event bus or CloudWatch Logs policy are read as that policy; the calls that only read it are not', () => {
    const open = { Effect: 'Allow', Principal: '*', Action: 'dynamodb:GetItem', Resource: '*' };
    const text = JSON.stringify(JSON.stringify(doc(open)));
    const call = (service: string, action: string, parameters: string): object => ({
      Type: 'Custom::AWS',
      Properties: { Create: `{"service":"${service}","action":"${action}","parameters":{${parameters}}}` },
    });
    const input = extract({
      Table: call('DynamoDB', 'putResourcePolicy', `"ResourceArn":"t","Policy":${text}`),
      TableV3: call('@aws-sdk/client-dynamodb', 'PutResourcePolicyCommand', `"ResourceArn":"t","Policy":${text}`),
      Stream: call('Kinesis', 'putResourcePolicy', `"ResourceARN":"s","Policy":${text}`),
      Vault: call('Backup', 'putBackupVaultAccessPolicy', `"BackupVaultName":"v","Policy":${text}`),
      Catalog: call('Glue', 'putResourcePolicy', `"PolicyInJson":${text}`),
      Parameter: call('SSM', 'putResourcePolicy', `"ResourceArn":"p","Policy":${text}`),
      Traces: call('XRay', 'putResourcePolicy', `"PolicyName":"x","PolicyDocument":${text}`),
      Bus: call('EventBridge', 'putPermission', `"EventBusName":"b","Policy":${text}`),
      OlderBus: call('CloudWatchEvents', 'putPermission', `"Policy":${text}`),
      Read: call('DynamoDB', 'getResourcePolicy', `"ResourceArn":"t","Policy":${text}`),
      Logs: call('CloudWatchLogs', 'putResourcePolicy', `"policyName":"l","policyDocument":${text}`),
      LogsDashed: call('cloudwatch-logs', 'PutResourcePolicy', `"policyName":"l","policyDocument":${text}`),
      LogsV3: call('@aws-sdk/client-cloudwatch-logs', 'PutResourcePolicyCommand', `"policyDocument":${text}`),
    });
    expect(input.resources.map((r) => [r.id, r.type, plain(r.policy.document)])).toEqual([
      ['App/Table', 'AWS::DynamoDB::Table', doc(open)],
      ['App/TableV3', 'AWS::DynamoDB::Table', doc(open)],
      ['App/Stream', 'AWS::Kinesis::ResourcePolicy', doc(open)],
      ['App/Vault', 'AWS::Backup::BackupVault', doc(open)],
      ['App/Catalog', 'AWS::Glue::ResourcePolicy', doc(open)],
      ['App/Parameter', 'AWS::SSM::ResourcePolicy', doc(open)],
      ['App/Traces', 'AWS::XRay::ResourcePolicy', doc(open)],
      ['App/Bus', 'AWS::Events::EventBus', doc(open)],
      ['App/OlderBus', 'AWS::Events::EventBus', doc(open)],
      ['App/Logs', 'AWS::Logs::ResourcePolicy', doc(open)],
      ['App/LogsDashed', 'AWS::Logs::ResourcePolicy', doc(open)],
      ['App/LogsV3', 'AWS::Logs::ResourcePolicy', doc(open)],
    ]);
    expect(input.errors).toEqual([]);
  });

  test('AwsCustomResource calls that set a topic policy, an inline policy of a principal or a trust policy are read as that policy; a managed policy they attach is held by the principal; a role or managed policy they create is checked on its own', () => {
    const open = { Effect: 'Allow', Principal: '*', Action: 'sns:Publish', Resource: '*' };
    const admin = { Effect: 'Allow', Action: '*', Resource: '*' };
    const anyone = { Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole' };
    const text = (statement: object): string => JSON.stringify(JSON.stringify(doc(statement)));
    // As aws-cdk-lib writes it: JSON text, the role's name a reference within it.
    const call = (service: string, action: string, parameters: (string | object)[]): object => ({
      Type: 'Custom::AWS',
      Properties: {
        Create: {
          'Fn::Join': ['', [`{"service":"${service}","action":"${action}","parameters":{`, ...parameters, '}}']],
        },
      },
    });
    const input = extract({
      Worker: {
        Type: 'AWS::IAM::Role',
        Properties: {
          AssumeRolePolicyDocument: doc({
            Effect: 'Allow',
            Principal: { Service: 'lambda.amazonaws.com' },
            Action: 'sts:AssumeRole',
          }),
        },
      },
      Topic: call('SNS', 'setTopicAttributes', [
        `"TopicArn":"t","AttributeName":"Policy","AttributeValue":${text(open)}`,
      ]),
      Display: call('SNS', 'setTopicAttributes', [
        '"TopicArn":"t","AttributeName":"DisplayName","AttributeValue":"Shop"',
      ]),
      Inline: call('IAM', 'putRolePolicy', [
        '"RoleName":"',
        { Ref: 'Worker' },
        `","PolicyName":"all","PolicyDocument":${text(admin)}`,
      ]),
      Elsewhere: call('@aws-sdk/client-iam', 'PutRolePolicyCommand', [
        `"RoleName":"ops","PolicyName":"all","PolicyDocument":${text(admin)}`,
      ]),
      Trust: call('IAM', 'updateAssumeRolePolicy', [
        '"RoleName":"',
        { Ref: 'Worker' },
        `","PolicyDocument":${text(anyone)}`,
      ]),
      Created: call('IAM', 'createRole', [`"RoleName":"vendor","AssumeRolePolicyDocument":${text(anyone)}`]),
      Managed: call('IAM', 'createPolicy', [`"PolicyName":"all","PolicyDocument":${text(admin)}`]),
      Attach: call('IAM', 'attachRolePolicy', [
        '"RoleName":"',
        { Ref: 'Worker' },
        '","PolicyArn":"arn:aws:iam::aws:policy/AdministratorAccess"',
      ]),
    });
    expect(input.resources.map((r) => [r.id, r.type, plain(r.policy.document)])).toEqual([
      ['App/Topic', 'AWS::SNS::TopicPolicy', doc(open)],
    ]);
    const worker = input.principals.find((p) => p.id === 'App/Worker');
    expect(worker?.policies.map((a) => [a.kind, a.arn, a.policy?.id, a.policy && plain(a.policy.document)])).toEqual([
      ['inline', undefined, 'App/Inline', doc(admin)],
      ['aws-managed', 'arn:aws:iam::aws:policy/AdministratorAccess', undefined, undefined],
    ]);
    expect(input.policies.map((p) => [p.type, p.policy.id, plain(p.policy.document)])).toEqual([
      ['identity', 'App/Elsewhere', doc(admin)],
      ['trust', 'App/Trust', doc(anyone)],
      ['trust', 'App/Created', doc(anyone)],
      ['identity', 'App/Managed', doc(admin)],
    ]);
    expect(input.errors).toEqual([]);
  });

  test('a REST API policy names its resources as API Gateway saves them: `execute-api:/...` below the API', () => {
    const shorthand = (resource: unknown): object => ({
      Effect: 'Allow',
      Principal: '*',
      Action: 'execute-api:Invoke',
      Resource: resource,
    });
    const input = extract({
      Api: {
        Type: 'AWS::ApiGateway::RestApi',
        Properties: {
          Policy: doc(
            shorthand('execute-api:/*'),
            shorthand(['execute-api:/prod/GET/pets', 'arn:aws:execute-api:eu-west-1:111122223333:other/*']),
            { Effect: 'Allow', Principal: '*', Action: 'execute-api:Invoke', NotResource: 'execute-api:/*/DELETE/*' },
          ),
        },
      },
    });
    const api =
      'arn:aws:execute-api:${the region of the stack}:${the account of the stack}:${the id of REST API `Api`}';
    const [resource] = input.resources;
    expect(plain(resource?.arn)).toBe(`${api}/*`);
    expect(plain(resource?.policy.document)).toEqual(
      doc(
        shorthand(`${api}/*`),
        shorthand([`${api}/prod/GET/pets`, 'arn:aws:execute-api:eu-west-1:111122223333:other/*']),
        { Effect: 'Allow', Principal: '*', Action: 'execute-api:Invoke', NotResource: `${api}/*/DELETE/*` },
      ),
    );
  });

  test('an abbreviated resource with a stage known only at deploy (`!Sub execute-api:/${Stage}/*`) is below the API too', () => {
    const input = extract(
      {
        Api: {
          Type: 'AWS::ApiGateway::RestApi',
          Properties: {
            Policy: doc({
              Effect: 'Allow',
              Principal: '*',
              Action: 'execute-api:Invoke',
              Resource: [{ 'Fn::Sub': 'execute-api:/${Stage}/GET/*' }, { 'Fn::Sub': 'execute-api:${Stage}/*' }],
            }),
          },
        },
      },
      { Parameters: { Stage: { Type: 'String' } } },
    );
    const api =
      'arn:aws:execute-api:${the region of the stack}:${the account of the stack}:${the id of REST API `Api`}';
    const [resource] = input.resources;
    // The second is no abbreviation (`execute-api:` and no `/`): left as written, for the linter to report.
    expect(plain(resource?.policy.document)).toEqual(
      doc({
        Effect: 'Allow',
        Principal: '*',
        Action: 'execute-api:Invoke',
        Resource: [
          `${api}/\${the value of parameter \`Stage\`}/GET/*`,
          'execute-api:${the value of parameter `Stage`}/*',
        ],
      }),
    );
  });

  test('a policy given as JSON text built with Fn::Join keeps its holes', () => {
    const input = extract({
      Group: { Type: 'AWS::Logs::LogGroup' },
      Policy: {
        Type: 'AWS::Logs::ResourcePolicy',
        Properties: {
          PolicyName: 'p',
          PolicyDocument: {
            'Fn::Join': [
              '',
              [
                '{"Statement":[{"Effect":"Allow","Principal":{"Service":"es.amazonaws.com"},"Action":"logs:PutLogEvents","Resource":"',
                { 'Fn::GetAtt': ['Group', 'Arn'] },
                '"}]}',
              ],
            ],
          },
        },
      },
    });
    const document = input.resources[0]?.policy.document as { Statement: { Resource: unknown }[] };
    expect(document.Statement[0]?.Resource).toBeInstanceOf(SymbolicValue);
    expect(plain(document.Statement[0]?.Resource)).toBe(
      'arn:aws:logs:${the region of the stack}:${the account of the stack}:log-group:${the name of log group `Group`}:*',
    );
  });
});

describe('conditions and unknowns', () => {
  test('Fn::If: an Allow is kept with each branch, a conditional Deny is dropped', () => {
    const input = extract(
      {
        R: {
          Type: 'AWS::IAM::Role',
          Properties: {
            AssumeRolePolicyDocument: trust,
            Policies: [
              {
                PolicyName: 'p',
                PolicyDocument: doc(
                  allow('s3:GetObject', { 'Fn::If': ['IsProd', 'arn:aws:s3:::prod/*', 'arn:aws:s3:::dev/*'] }),
                  {
                    'Fn::If': [
                      'IsProd',
                      { Effect: 'Deny', Action: 's3:DeleteObject', Resource: '*' },
                      { Ref: 'AWS::NoValue' },
                    ],
                  },
                  { Effect: 'Deny', Action: 's3:PutObject', Resource: '*' },
                ),
              },
            ],
          },
        },
      },
      { Parameters: { Env: { Type: 'String' } }, Conditions: { IsProd: { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] } } },
    );
    expect(principal(input, 'App/R').policies[0]?.policy?.document).toEqual({
      Version: '2012-10-17',
      Statement: [
        allow('s3:GetObject', 'arn:aws:s3:::prod/*'),
        allow('s3:GetObject', 'arn:aws:s3:::dev/*'),
        { Effect: 'Deny', Action: 's3:PutObject', Resource: '*' },
      ],
    });
  });

  test('a policy document imported at deploy is unresolved, not an input error; the rest is still extracted', () => {
    const input = extract({
      Broken: {
        Type: 'AWS::IAM::Policy',
        Properties: { PolicyName: 'b', PolicyDocument: { 'Fn::ImportValue': 'shared-policy' }, Roles: [{ Ref: 'R' }] },
      },
      R: {
        Type: 'AWS::IAM::Role',
        Properties: {
          AssumeRolePolicyDocument: trust,
          Policies: [{ PolicyName: 'ok', PolicyDocument: doc(allow('s3:GetObject', '*')) }],
        },
      },
    });
    expect(input.errors).toEqual([]);
    expect(principal(input, 'App/R').policies.map((p) => [p.policy?.name, p.policy?.unresolved?.reason])).toEqual([
      ['ok', undefined],
      ['b', expect.stringMatching(/known only after deploy/)],
    ]);
  });

  test('suppressions in metadata are read, with their target; malformed ones are input errors', () => {
    const spec = { rule: 'wildcard-action', reason: 'the admin role of the platform team' };
    const input = extract({
      R: {
        Type: 'AWS::IAM::Role',
        Metadata: { 'aws:cdk:path': 'App/Admin/Resource', iamgate: { suppressions: [spec] } },
        Properties: { AssumeRolePolicyDocument: trust },
      },
      Bad: {
        Type: 'AWS::IAM::Role',
        Metadata: { iamgate: { suppressions: [{ rule: 'x' }] } },
        Properties: { AssumeRolePolicyDocument: trust },
      },
    });
    expect(input.suppressions).toEqual([{ ...spec, target: 'App/Admin', source: 'metadata: App/Admin/Resource' }]);
    expect(input.errors.map((e) => e.pointer)).toEqual(['/Resources/Bad/Metadata/iamgate']);
  });
});

describe('cross-stack references', () => {
  test("an import of another template's export resolves in the exporting stack", () => {
    const producer = templateSource(
      {
        Resources: { Store: { Type: 'AWS::S3::Bucket' } },
        Outputs: {
          StoreArn: {
            Value: { 'Fn::GetAtt': ['Store', 'Arn'] },
            Export: { Name: { 'Fn::Sub': '${AWS::StackName}:StoreArn' } },
          },
        },
      },
      { file: 'data.json', stackName: 'Data' },
    );
    const consumer = templateSource(
      {
        Resources: {
          R: {
            Type: 'AWS::IAM::Role',
            Properties: {
              AssumeRolePolicyDocument: trust,
              Policies: [
                {
                  PolicyName: 'p',
                  PolicyDocument: doc(
                    allow('s3:GetObject', { 'Fn::Join': ['', [{ 'Fn::ImportValue': 'Data:StoreArn' }, '/*']] }),
                  ),
                },
              ],
            },
          },
          Other: {
            Type: 'AWS::IAM::Role',
            Properties: {
              AssumeRolePolicyDocument: trust,
              Policies: [
                { PolicyName: 'p', PolicyDocument: doc(allow('s3:GetObject', { 'Fn::ImportValue': 'Elsewhere:Arn' })) },
              ],
            },
          },
        },
      },
      { file: 'api.json', stackName: 'Api' },
    );
    const input = extractStacks([producer, consumer]);
    const resource = (id: string): unknown =>
      plain(
        (principal(input, id).policies[0]?.policy?.document as { Statement: { Resource: unknown }[] }).Statement[0]
          ?.Resource,
      );
    expect(resource('Api/R')).toBe('arn:aws:s3:::${the name of bucket `Store`}/*');
    expect(resource('Api/Other')).toBe('${the value exported as `Elsewhere:Arn`}');
  });
});

describe('template files', () => {
  test('YAML short-form intrinsics become their long form', () => {
    const yaml = [
      'Resources:',
      '  Role:',
      '    Type: AWS::IAM::Role',
      '    Properties:',
      '      RoleName: !Sub "${AWS::StackName}-app"',
      '      Path: !If [IsProd, /prod/, !Ref AWS::NoValue]',
      '      ManagedPolicyArns:',
      '        - !GetAtt Shared.PolicyArn',
      '        - !Join [":", [arn, !Ref AWS::Partition, "iam::aws:policy/ReadOnlyAccess"]]',
      '      Tags:',
      '        - { Key: az, Value: !Select [0, !GetAZs ""] }',
    ].join('\n');
    const parsed = parseTemplate('t.yaml', yaml);
    expect(parsed.ok && parsed.template['Resources']).toEqual({
      Role: {
        Type: 'AWS::IAM::Role',
        Properties: {
          RoleName: { 'Fn::Sub': '${AWS::StackName}-app' },
          Path: { 'Fn::If': ['IsProd', '/prod/', { Ref: 'AWS::NoValue' }] },
          ManagedPolicyArns: [
            { 'Fn::GetAtt': ['Shared', 'PolicyArn'] },
            { 'Fn::Join': [':', ['arn', { Ref: 'AWS::Partition' }, 'iam::aws:policy/ReadOnlyAccess']] },
          ],
          Tags: [{ Key: 'az', Value: { 'Fn::Select': [0, { 'Fn::GetAZs': '' }] } }],
        },
      },
    });
  });

  const bad: [string, string, string, object][] = [
    [
      'invalid JSON names the file',
      'a.json',
      '{"Resources": ',
      { file: 'a.json', message: expect.stringMatching(/^invalid JSON/) },
    ],
    [
      'invalid YAML gives the line',
      'a.yaml',
      'Resources:\n  A: [unclosed\n',
      { file: 'a.yaml', message: expect.stringMatching(/^invalid YAML at line \d+/) },
    ],
    [
      'a document that is not a template',
      'a.yaml',
      'name: x\n',
      { file: 'a.yaml', pointer: '', message: expect.stringMatching(/not a CloudFormation template/) },
    ],
    [
      'Resources that are not an object',
      'a.json',
      '{"Resources": []}',
      { file: 'a.json', pointer: '/Resources', message: '`Resources` must be an object' },
    ],
    ['an empty file', 'a.json', '  ', { file: 'a.json', message: expect.stringMatching(/empty/) }],
    [
      'a format version without Resources',
      'a.json',
      '{"AWSTemplateFormatVersion": "2010-09-09", "Description": "x"}',
      { file: 'a.json', pointer: '/Resources', message: expect.stringMatching(/`Resources` is required/) },
    ],
    [
      'a resource without Type',
      'a.json',
      '{"Resources": {"P": {"Properties": {}}}}',
      { file: 'a.json', pointer: '/Resources/P/Type', message: expect.stringMatching(/`P` has no `Type`/) },
    ],
    [
      'a resource whose Type is not a string',
      'a.json',
      '{"Resources": {"a/b": {"Type": 5}}}',
      { file: 'a.json', pointer: '/Resources/a~1b/Type', message: expect.stringMatching(/no `Type`/) },
    ],
    [
      'a resource whose Type is no CloudFormation type',
      'a.json',
      '{"Resources": {"P": {"Type": "SNSTopic"}}}',
      {
        file: 'a.json',
        pointer: '/Resources/P/Type',
        message: '`SNSTopic` (the type of resource `P`) is no CloudFormation resource type',
      },
    ],
    [
      'a local module used as a resource',
      'a.yaml',
      'Resources:\n  Site:\n    Type: LocalModule\n    Source: modules/site.yaml\n',
      {
        file: 'a.yaml',
        pointer: '/Resources/Site/Type',
        message: expect.stringMatching(
          /^`LocalModule` .* \(local modules: run `aws cloudformation package` on the template/,
        ),
      },
    ],
    [
      'a Modules section',
      'a.yaml',
      'Modules:\n  Site:\n    Source: ./site.yaml\nResources:\n  T:\n    Type: AWS::SNS::Topic\n',
      {
        file: 'a.yaml',
        pointer: '/Modules',
        message: expect.stringMatching(/^`Modules` is no section of a CloudFormation template \(local modules/),
      },
    ],
    [
      'a local module itself (its Inputs)',
      'a.yaml',
      'Inputs:\n  Name:\n    Type: String\nResources:\n  T:\n    Type: AWS::SNS::Topic\n',
      {
        file: 'a.yaml',
        pointer: '/Inputs',
        message: expect.stringMatching(/^`Inputs` is no section of a CloudFormation template \(local modules/),
      },
    ],
    [
      'a resource that is not an object',
      'a.json',
      '{"Resources": {"P": "AWS::SNS::Topic"}}',
      { file: 'a.json', pointer: '/Resources/P', message: 'resource `P` must be an object' },
    ],
  ];
  test.each(bad)('%s', (_name, file, text, error) => {
    expect(parseTemplate(file, text)).toEqual({ ok: false, error });
  });
});

describe('cloud assemblies', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'cdk-guard-asm-'));
    const stage = path.join(dir, 'assembly-Prod');
    mkdirSync(stage);
    writeFileSync(
      path.join(dir, 'manifest.json'),
      JSON.stringify({
        version: '36.0.0',
        artifacts: { 'assembly-Prod': { type: 'cdk:cloud-assembly', properties: { directoryName: 'assembly-Prod' } } },
      }),
    );
    writeFileSync(
      path.join(stage, 'manifest.json'),
      JSON.stringify({
        version: '36.0.0',
        artifacts: {
          ProdApi: {
            type: 'aws:cloudformation:stack',
            environment: 'aws://111122223333/eu-west-1',
            properties: { templateFile: 'ProdApi.template.json', stackName: 'Prod-Api' },
            additionalMetadataFile: 'ProdApi.metadata.json',
          },
        },
      }),
    );
    writeFileSync(
      path.join(stage, 'ProdApi.metadata.json'),
      JSON.stringify({ '/Prod/Api/AppRole/Resource': [{ type: 'aws:cdk:logicalId', data: 'AppRole1234' }] }),
    );
    writeFileSync(
      path.join(stage, 'ProdApi.template.json'),
      JSON.stringify({
        Resources: { AppRole1234: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: trust } } },
      }),
    );
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  test('stacks of nested assemblies are read with their name, environment and construct paths', async () => {
    const { stacks, errors } = await loadInputs([dir], '/');
    expect(errors).toEqual([]);
    const input = extractStacks(stacks);
    expect(input.principals.map((p) => [p.id, p.location.stack, p.location.constructPath, p.arn])).toEqual([
      [
        'Prod/Api/AppRole',
        'Prod-Api',
        'Prod/Api/AppRole/Resource',
        'arn:aws:iam::111122223333:role/${the name of role `AppRole1234`}',
      ].map((v, i): unknown => (i === 3 ? (expect.anything() as unknown) : v)),
    ]);
    expect(valueToString(input.principals[0]?.arn ?? '')).toBe(
      'arn:aws:iam::111122223333:role/${the name of role `AppRole1234`}',
    );
  });

  test('a directory without a manifest and a missing file are input errors', async () => {
    const empty = mkdtempSync(path.join(tmpdir(), 'cdk-guard-empty-'));
    try {
      const { errors } = await loadInputs([empty, 'missing.json'], '/');
      expect(errors).toEqual([
        {
          file: path.join(empty, 'manifest.json'),
          message: 'not a cloud assembly: no `manifest.json` in the directory',
        },
        { file: 'missing.json', message: 'no such file or directory' },
      ]);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
