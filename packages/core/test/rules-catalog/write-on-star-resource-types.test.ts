/**
 * Actions real ECS, EKS, Lambda and EC2 policies put on `*`: reported by write-on-star exactly when
 * the Service Authorization Reference (the catalog) gives them a resource type to scope them to.
 */
import { doc, inline, principal, runCatalog } from './helpers';

function reported(statement: Record<string, unknown>): boolean {
  const role = principal('Deployer', 'role', [inline('Deploy', doc({ Effect: 'Allow', ...statement }))]);
  return runCatalog({ principals: [role] }, ['wildcard-resource/write-on-star']).length > 0;
}

describe('write-on-star follows the resource types AWS documents', () => {
  it.each([
    // `task-definition*`: `arn:aws:ecs:REGION:ACCOUNT:task-definition/FAMILY:*` scopes it.
    ['ecs:RegisterTaskDefinition'],
    // `eventSourceMapping*`
    ['lambda:UpdateEventSourceMapping'],
    ['lambda:DeleteEventSourceMapping'],
    // `cluster*`
    ['eks:CreateNodegroup'],
    // `network-interface*`, `subnet*`
    ['ec2:CreateNetworkInterface'],
    // Every taggable EC2 resource type, and no condition
    ['ec2:CreateTags'],
  ])('%s on `*` can be scoped: reported', (action) => {
    expect(reported({ Action: action, Resource: '*' })).toBe(true);
  });

  it.each([
    // No resource type: AWS requires `"Resource": "*"`.
    ['ecs:DeregisterTaskDefinition'],
    ['ecs:ListTaskDefinitions'],
    ['ecs:DescribeTaskDefinition'],
    ['ecs:PutAccountSetting'],
    // No resource type; narrowed by the `lambda:FunctionArn` condition key, not by Resource.
    ['lambda:CreateEventSourceMapping'],
    ['lambda:CreateCodeSigningConfig'],
    ['eks:CreateCluster'],
  ])('%s accepts only `*`: not reported', (action) => {
    expect(reported({ Action: action, Resource: '*' })).toBe(false);
  });

  it.each([
    ['`*/*`: every object of every bucket', 's3:DeleteObject', '*/*'],
    ['`arn:aws:s3:*`: every bucket and object', 's3:PutObject', 'arn:aws:s3:*'],
    ['`*:*`', 'sqs:DeleteQueue', '*:*'],
  ])('a pattern shorter than an ARN, %s, is every resource: reported', (_name, action, resource) => {
    expect(reported({ Action: action, Resource: resource })).toBe(true);
  });

  it('a pattern shorter than an ARN that ends in a name (`*/uploads/*`) is not every resource', () => {
    expect(reported({ Action: 's3:PutObject', Resource: '*/uploads/*' })).toBe(false);
  });

  it.each([
    // The format is `${ApiId}/${Stage}/${Method}/${ApiSpecificResourcePath}`: the id is a name, no type word.
    ['every stage and route of one API', 'arn:aws:execute-api:eu-west-1:111122223333:a1b2c3d4e5/*/*/*', false],
    ['every API', 'arn:aws:execute-api:eu-west-1:111122223333:*/*/*/*', true],
  ])('execute-api:Invoke on %s: reported %s', (_name, resource, expected) => {
    expect(reported({ Action: 'execute-api:Invoke', Resource: resource })).toBe(expected);
  });

  it('a type word of the catalog before the wildcards (`table/*`) is still every resource of the type', () => {
    expect(reported({ Action: 'dynamodb:PutItem', Resource: 'arn:aws:dynamodb:eu-west-1:111122223333:table/*' })).toBe(
      true,
    );
  });

  it('ecs:RegisterTaskDefinition scoped to the task definitions of one family is not reported', () => {
    expect(
      reported({
        Action: 'ecs:RegisterTaskDefinition',
        Resource: 'arn:aws:ecs:eu-west-1:111122223333:task-definition/app:*',
      }),
    ).toBe(false);
  });

  it('ec2:CreateTags limited by ec2:CreateAction to tagging on create is not reported', () => {
    expect(
      reported({
        Action: 'ec2:CreateTags',
        Resource: '*',
        Condition: { StringEquals: { 'ec2:CreateAction': ['RunInstances', 'CreateVolume'] } },
      }),
    ).toBe(false);
  });
});

describe('write-on-star says what the statement reaches', () => {
  const messageOf = (resource: unknown, action: unknown = 'ec2:DeleteTags'): string[] => {
    const document = doc({ Effect: 'Allow', Action: action, Resource: resource });
    const role = principal('Driver', 'role', [inline('Driver', document)]);
    return runCatalog({ principals: [role] }, ['wildcard-resource/write-on-star']).map((f) => f.message);
  };

  it('`*` is every resource', () => {
    expect(messageOf('*')).toEqual([
      'role `Driver` may tag every resource with `ec2:DeleteTags`, which can be scoped to resources',
    ]);
  });

  it('every volume and snapshot is named by its ARNs, not called every resource', () => {
    expect(messageOf(['arn:aws:ec2:*:*:volume/*', 'arn:aws:ec2:*:*:snapshot/*'])).toEqual([
      'role `Driver` may tag every resource matching `arn:aws:ec2:*:*:volume/*`, `arn:aws:ec2:*:*:snapshot/*` with `ec2:DeleteTags`, which can be scoped to resources',
    ]);
  });

  it('only the ARNs the reported actions act on: the volumes of `ec2:DeleteVolume`, not the snapshots or queues beside them', () => {
    expect(
      messageOf(['arn:aws:ec2:*:*:volume/*', 'arn:aws:ec2:*:*:snapshot/*', 'arn:aws:sqs:*:*:*'], 'ec2:DeleteVolume'),
    ).toEqual([
      'role `Driver` may write to every resource matching `arn:aws:ec2:*:*:volume/*` with `ec2:DeleteVolume`, which can be scoped to resources',
    ]);
  });
});
