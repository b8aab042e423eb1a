import { getConditionKey } from '../../src/catalog/condition-keys';

describe('getConditionKey', () => {
  const cases = [
    { name: 'a global key', key: 'aws:SourceIp', type: 'IPAddress', global: true },
    { name: 'global keys are case-insensitive', key: 'AWS:PRINCIPALARN', type: 'ARN', global: true },
    { name: 'a global date key', key: 'aws:CurrentTime', type: 'Date', global: true },
    { name: 'a global bool key', key: 'aws:SecureTransport', type: 'Bool', global: true },
    { name: 'a global multivalued key', key: 'aws:TagKeys', type: 'ArrayOfString', global: true },
    { name: 'a patterned global key', key: 'aws:RequestTag/team', type: 'String', global: true },
    { name: 'a patterned principal tag', key: 'aws:PrincipalTag/cost-center', type: 'String', global: true },
    { name: 'a service key', key: 'iam:PassedToService', type: 'String', global: false },
    { name: 'a patterned service key', key: 's3:ExistingObjectTag/classification', type: 'String', global: false },
    {
      name: 'a patterned service key with a ${} variable',
      key: 'kms:EncryptionContext:app',
      type: 'String',
      global: false,
    },
    {
      name: 'an OIDC provider key the catalog lists',
      key: 'token.actions.githubusercontent.com:repository',
      type: 'String',
      global: false,
    },
    {
      name: 'the sub claim of any OIDC provider',
      key: 'token.actions.githubusercontent.com:sub',
      type: 'String',
      global: false,
    },
    {
      name: 'a key Lake Formation documents for Data Catalog policies, absent from the reference',
      key: 'glue:EvaluatedByLakeFormationTags',
      type: 'Bool',
      global: false,
    },
    {
      name: 'a tag key of a service whose reference leaves the tag name blank (`glacier:ResourceTag/`)',
      key: 'glacier:ResourceTag/LegalHold',
      type: 'String',
      global: false,
    },
    {
      name: 'the external ID of a CloudTrail Lake channel, absent from the reference',
      key: 'cloudtrail:ExternalId',
      type: 'String',
      global: false,
    },
    {
      name: 'the aud claim of an EKS OIDC provider',
      key: 'oidc.eks.us-east-1.amazonaws.com/id/ABC:aud',
      type: 'String',
      global: false,
    },
  ];
  it.each(cases)('$name', ({ key, type, global }) => {
    const info = getConditionKey(key);
    expect(info?.type).toBe(type);
    expect(info?.global).toBe(global);
  });

  it.each([
    'aws:NoSuchKey',
    's3:NoSuchKey',
    'nosuchservice:Key',
    'no-colon',
    'aws:RequestTag/',
    'glacier:ResourceTag/',
    'glue:EvaluatedByLakeFormationTag',
  ])('%s is unknown', (key) => {
    expect(getConditionKey(key)).toBeUndefined();
  });

  it.each([
    { key: 'ec2:osuser', service: 'ec2-instance-connect', action: 'ec2-instance-connect:SendSSHPublicKey' },
    { key: 'iot:JobId', service: 'iotjobsdata', action: undefined },
  ])('$key, listed by $service under the prefix of another service, is known', ({ key, service, action }) => {
    expect(getConditionKey(key)).toMatchObject({ service, global: false });
    if (action !== undefined) expect(getConditionKey(key, action)?.appliesToAction).toBe(true);
  });

  it('names the service of a service key and its catalog spelling', () => {
    expect(getConditionKey('s3:existingobjecttag/x')).toMatchObject({
      key: 's3:ExistingObjectTag/<key>',
      service: 's3',
    });
  });

  const applies = [
    { name: 'a key the action lists', key: 'iam:PassedToService', action: 'iam:PassRole', expected: true },
    { name: 'a key of another action', key: 'iam:PassedToService', action: 's3:GetObject', expected: false },
    { name: 'a global key applies to every action', key: 'aws:SourceIp', action: 's3:GetObject', expected: true },
    { name: 'resource tags of the resource type', key: 'aws:ResourceTag/team', action: 'iam:PassRole', expected: true },
    {
      name: 'request tags of an action that takes no tags',
      key: 'aws:RequestTag/team',
      action: 's3:GetObject',
      expected: false,
    },
    {
      name: 'a patterned key listed by the action',
      key: 's3:ExistingObjectTag/x',
      action: 's3:GetObject',
      expected: true,
    },
    {
      name: 'a key the reference defines for the service but lists for no action: not known (Step Functions HTTP tasks)',
      key: 'states:HTTPEndpoint',
      action: 'states:InvokeHTTPEndpoint',
      expected: undefined,
    },
    {
      name: 'that key on an action of another service does not apply',
      key: 'states:HTTPMethod',
      action: 's3:GetObject',
      expected: false,
    },
    {
      name: 'a key listed for some actions of the service does not apply to the others',
      key: 'states:StateMachineQualifier',
      action: 'states:InvokeHTTPEndpoint',
      expected: false,
    },
    {
      name: 'which Glue actions carry that Lake Formation key is not known',
      key: 'glue:EvaluatedByLakeFormationTags',
      action: 'glue:GetTable',
      expected: undefined,
    },
    {
      name: 'that key on an action of another service does not apply',
      key: 'glue:EvaluatedByLakeFormationTags',
      action: 's3:GetObject',
      expected: false,
    },
    {
      name: 'a key of API Gateway V2 authorizers on the verb both API Gateway references share (data-perimeter SCP)',
      key: 'apigateway:Request/AuthorizerUri',
      action: 'apigateway:POST',
      expected: true,
    },
    {
      name: 'that key does not apply to an API Gateway action on another resource',
      key: 'apigateway:Request/AuthorizerUri',
      action: 'apigateway:UpdateRestApiPolicy',
      expected: false,
    },
    {
      name: 'which Glacier actions carry a vault tag is not known: the reference lists `glacier:ResourceTag/` for none',
      key: 'glacier:ResourceTag/LegalHold',
      action: 'glacier:DeleteArchive',
      expected: undefined,
    },
    {
      name: 'the external ID of a CloudTrail Lake channel on the action that sends it',
      key: 'cloudtrail:ExternalId',
      action: 'cloudtrail-data:PutAuditEvents',
      expected: true,
    },
    {
      name: 'that key on an action of another service does not apply',
      key: 'cloudtrail:ExternalId',
      action: 's3:PutObject',
      expected: false,
    },
  ];
  it.each(applies)('applies to action: $name', ({ key, action, expected }) => {
    expect(getConditionKey(key, action)?.appliesToAction).toBe(expected);
  });
});
