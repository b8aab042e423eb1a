/**
 * CloudFront origin access control granted without a source of named accounts: any account's
 * distribution may read (or write, or invoke) the origin for anyone, which public-principal
 * reports as an error, once per statement (confused-deputy leaves it); a grant bound to the
 * account's distributions, by a condition or by a Deny of every other source, is silent.
 */
import { runGuard } from '../../src/analysis/engine';
import { RULES } from '../../src/rules/index';
import type { ResolvedConfig } from '../../src/config/types';
import type { Finding, RuleId, Severity } from '../../src/analysis/finding';
import type { ResourceInput } from '../../src/analysis/input';

const BOTH = RULES.filter(
  (r) => r.meta.id === 'resource-exposure/confused-deputy' || r.meta.id === 'resource-exposure/public-principal',
);
const CDN = 'cloudfront.amazonaws.com';
const SITE = 'arn:aws:s3:::acme-site';
const FUNCTION = 'arn:aws:lambda:eu-west-1:444455556666:function:render';

const allow = (action: unknown, resource: unknown, condition?: Record<string, unknown>): unknown => ({
  Effect: 'Allow',
  Principal: { Service: CDN },
  Action: action,
  Resource: resource,
  ...(condition === undefined ? {} : { Condition: condition }),
});
const denyOtherSources = (condition: Record<string, unknown>): unknown => ({
  Effect: 'Deny',
  Principal: '*',
  Action: 's3:*',
  Resource: `${SITE}/*`,
  Condition: condition,
});

/** The findings of both rules on a policy of `statements` on a resource of `type`. */
function scan(statements: unknown[], resource: Partial<ResourceInput> = {}): readonly Finding[] {
  const config: ResolvedConfig = {
    severities: new Map(BOTH.map((r): [RuleId, Severity] => [r.meta.id, r.meta.defaultSeverity])),
    settings: { boundary: {}, trust: {}, scps: [], tuning: {} },
    suppressions: [],
  };
  const input: ResourceInput = {
    id: 'SitePolicy',
    type: 'AWS::S3::BucketPolicy',
    arn: SITE,
    account: '111122223333',
    policy: {
      id: 'SitePolicy',
      name: 'SitePolicy',
      location: {},
      document: { Version: '2012-10-17', Statement: statements },
    },
    location: {},
    ...resource,
  };
  return runGuard({ principals: [], resources: [input], policies: [], errors: [] }, config).findings;
}

const ruleAndPointer = (f: Finding): string => `${f.ruleId} ${f.severity} ${f.location.pointer ?? ''}`;
const PUBLIC = 'resource-exposure/public-principal error /Statement/0';

describe('reported once, as public, under public-principal', () => {
  const cases: [string, unknown[], string][] = [
    ['a bucket CloudFront reads with no condition', [allow('s3:GetObject', `${SITE}/*`)], 'read its objects'],
    [
      'a bucket CloudFront reads and writes (origin access control with PUT and DELETE)',
      [allow(['s3:GetObject', 's3:PutObject', 's3:DeleteObject'], `${SITE}/*`)],
      'read, write and delete its objects',
    ],
    ['every s3 action (`s3:*`)', [allow('s3:*', [SITE, `${SITE}/*`])], 'read, list, write and delete its objects'],
    [
      'every s3 action on the objects alone (no listing)',
      [allow('s3:*', `${SITE}/*`)],
      'read, write and delete its objects',
    ],
    [
      'the distributions of any account (`ArnLike` `arn:aws:cloudfront::*:distribution/*`)',
      [allow('s3:GetObject', `${SITE}/*`, { ArnLike: { 'AWS:SourceArn': 'arn:aws:cloudfront::*:distribution/*' } })],
      'read its objects',
    ],
    [
      'a source test of `*`',
      [allow('s3:GetObject', `${SITE}/*`, { ArnLike: { 'aws:SourceArn': '*' } })],
      'read its objects',
    ],
    [
      'a source account that is a pattern',
      [allow('s3:GetObject', `${SITE}/*`, { StringLike: { 'aws:SourceAccount': '*' } })],
      'read its objects',
    ],
    [
      'the source the request names itself (`${aws:SourceAccount}`)',
      [allow('s3:GetObject', `${SITE}/*`, { StringEquals: { 'aws:SourceAccount': '${aws:SourceAccount}' } })],
      'read its objects',
    ],
    [
      'a Deny of other sources that lets every service through (`BoolIfExists` `aws:PrincipalIsAWSService` `false`)',
      [
        allow('s3:GetObject', `${SITE}/*`),
        denyOtherSources({
          StringNotEquals: { 'aws:SourceAccount': '111122223333' },
          BoolIfExists: { 'aws:PrincipalIsAWSService': 'false' },
        }),
      ],
      'read its objects',
    ],
    [
      'a Deny of other sources that covers other objects only',
      [
        allow('s3:GetObject', `${SITE}/*`),
        {
          ...(denyOtherSources({ StringNotEquals: { 'aws:SourceAccount': '111122223333' } }) as object),
          Resource: `${SITE}/private/*`,
        },
      ],
      'read its objects',
    ],
    [
      '`Principal: "*"` narrowed to CloudFront by `aws:PrincipalServiceName`',
      [
        {
          Effect: 'Allow',
          Principal: '*',
          Action: 's3:GetObject',
          Resource: `${SITE}/*`,
          Condition: { StringEquals: { 'aws:PrincipalServiceName': CDN } },
        },
      ],
      'read its objects',
    ],
  ];
  test.each(cases)('%s', (_name, statements, what) => {
    const found = scan(statements);
    expect(found.map(ruleAndPointer)).toEqual([PUBLIC]);
    expect(found[0]?.message).toContain(
      `any CloudFront distribution, of any account, may ${what} on behalf of anyone on the internet`,
    );
    // The fix: the pattern of the distributions of the bucket's account.
    expect(found[0]?.message).toContain('`ArnLike` `aws:SourceArn` `arn:aws:cloudfront::111122223333:distribution/*`');
  });

  test('a bucket whose Block Public Access restricts public buckets: S3 counts a service principal as not public', () => {
    expect(scan([allow('s3:GetObject', `${SITE}/*`)], { publicAccessRestricted: true }).map(ruleAndPointer)).toEqual([
      PUBLIC,
    ]);
  });

  test('a function URL CloudFront may invoke for any distribution: the pattern names the function account', () => {
    const found = scan([allow('lambda:InvokeFunctionUrl', FUNCTION)], {
      id: 'RenderPermission',
      type: 'AWS::Lambda::Permission',
      arn: FUNCTION,
      account: undefined,
    });
    expect(found.map(ruleAndPointer)).toEqual([PUBLIC]);
    expect(found[0]?.message).toContain('may invoke its function URL on behalf of anyone on the internet');
    expect(found[0]?.message).toContain('`arn:aws:cloudfront::444455556666:distribution/*`');
  });

  test('a MediaPackage v2 origin endpoint CloudFront reads for any distribution', () => {
    const endpoint = 'arn:aws:mediapackagev2:us-east-1:111122223333:channelGroup/live/channel/main/originEndpoint/hls';
    const found = scan([allow('mediapackagev2:GetObject', endpoint)], {
      type: 'AWS::MediaPackageV2::OriginEndpointPolicy',
      arn: endpoint,
    });
    expect(found.map(ruleAndPointer)).toEqual([PUBLIC]);
    expect(found[0]?.message).toContain('may read its content');
  });

  test.each([
    ['an access point', 'arn:aws:s3:us-east-1:111122223333:accesspoint/site/object/*'],
    [
      'a Multi-Region Access Point (the CloudFront guide origin)',
      'arn:aws:s3::111122223333:accesspoint/site.mrap/object/*',
    ],
  ])('the objects of %s CloudFront reads for any distribution', (_name, objects) => {
    const found = scan([allow('s3:GetObject', objects)], { type: 'AWS::S3::AccessPoint', arn: undefined });
    expect(found.map(ruleAndPointer)).toEqual([PUBLIC]);
    expect(found[0]?.message).toContain('`arn:aws:cloudfront::111122223333:distribution/*`');
  });

  test('an access point listed for any distribution is public; a listing of its objects only is not', () => {
    const point = 'arn:aws:s3:us-east-1:111122223333:accesspoint/site';
    const at = { type: 'AWS::S3::AccessPoint', arn: undefined };
    expect(scan([allow('s3:ListBucket', point)], at).map(ruleAndPointer)).toEqual([PUBLIC]);
    expect(scan([allow('s3:ListBucket', `${point}/object/*`)], at).map(ruleAndPointer)).toEqual([
      'resource-exposure/confused-deputy warning /Statement/0',
    ]);
  });

  test('a bucket of the China partition: the pattern is of that partition', () => {
    const found = scan([allow('s3:GetObject', 'arn:aws-cn:s3:::acme-site/*')], { arn: 'arn:aws-cn:s3:::acme-site' });
    expect(found.map(ruleAndPointer)).toEqual([PUBLIC]);
    expect(found[0]?.message).toContain('`arn:aws-cn:cloudfront::111122223333:distribution/*`');
  });
});

describe('CloudFront of the China partition (`cloudfront.amazonaws.com.cn`) is read as CloudFront', () => {
  const CN_CDN = 'cloudfront.amazonaws.com.cn';
  const CN_SITE = 'arn:aws-cn:s3:::acme-site';
  const cnAllow = (condition?: Record<string, unknown>): unknown => ({
    ...(allow('s3:GetObject', `${CN_SITE}/*`, condition) as object),
    Principal: { Service: CN_CDN },
  });
  const inChina = { arn: CN_SITE };

  test('a China bucket it reads for any distribution: public, naming the service as written, once', () => {
    const found = scan([cnAllow()], inChina);
    expect(found.map(ruleAndPointer)).toEqual([PUBLIC]);
    expect(found[0]?.message).toContain(`allows service \`${CN_CDN}\` to call \`s3:GetObject\``);
    expect(found[0]?.message).toContain('`arn:aws-cn:cloudfront::111122223333:distribution/*`');
  });

  test.each<[string, unknown[]]>([
    [
      'one distribution (`AWS:SourceArn` `arn:aws-cn:cloudfront::...`)',
      [cnAllow({ StringEquals: { 'AWS:SourceArn': 'arn:aws-cn:cloudfront::111122223333:distribution/E2CNEXAMPLE' } })],
    ],
    [
      'a Deny naming the China service for every source account but one',
      [
        cnAllow(),
        {
          Effect: 'Deny',
          Principal: { Service: CN_CDN },
          Action: 's3:*',
          Resource: `${CN_SITE}/*`,
          Condition: { StringNotEquals: { 'aws:SourceAccount': '111122223333' } },
        },
      ],
    ],
  ])('bound: %s', (_name, statements) => {
    expect(scan(statements, inChina)).toEqual([]);
  });
});

describe('bound to distributions of named accounts: no finding', () => {
  const cases: [string, unknown[]][] = [
    [
      'a Deny naming CloudFront itself for every source account but one',
      [
        allow('s3:GetObject', `${SITE}/*`),
        {
          Effect: 'Deny',
          Principal: { Service: CDN },
          Action: 's3:GetObject',
          Resource: `${SITE}/*`,
          Condition: { StringNotEquals: { 'aws:SourceAccount': '111122223333' } },
        },
      ],
    ],
    [
      'one distribution (`StringEquals` `AWS:SourceArn`, as the CloudFront guide writes it)',
      [
        allow('s3:GetObject', `${SITE}/*`, {
          StringEquals: { 'AWS:SourceArn': 'arn:aws:cloudfront::111122223333:distribution/EDFDVBD6EXAMPLE' },
        }),
      ],
    ],
    [
      'the distributions of the account (`ArnLike` pattern)',
      [
        allow('s3:GetObject', `${SITE}/*`, {
          ArnLike: { 'aws:SourceArn': 'arn:aws:cloudfront::111122223333:distribution/*' },
        }),
      ],
    ],
    [
      'the account (`aws:SourceAccount`)',
      [allow('s3:GetObject', `${SITE}/*`, { StringEquals: { 'aws:SourceAccount': '111122223333' } })],
    ],
    [
      'the organization (`aws:SourceOrgID`)',
      [allow('s3:GetObject', `${SITE}/*`, { StringEquals: { 'aws:SourceOrgID': 'o-a1b2c3d4e5' } })],
    ],
    [
      'any distribution, beside a Deny of every source account but one',
      [
        allow('s3:GetObject', `${SITE}/*`),
        denyOtherSources({ StringNotEquals: { 'aws:SourceAccount': '111122223333' } }),
      ],
    ],
    [
      'any distribution, beside a Deny of every distribution but those of the account',
      [
        allow(['s3:GetObject', 's3:PutObject'], `${SITE}/*`),
        denyOtherSources({ ArnNotLike: { 'aws:SourceArn': 'arn:aws:cloudfront::111122223333:distribution/*' } }),
      ],
    ],
    [
      'any distribution, beside a Deny of every principal but two of the account (`NotPrincipal`, which refuses CloudFront)',
      [
        allow('s3:GetObject', `${SITE}/*`),
        {
          Effect: 'Deny',
          NotPrincipal: { AWS: ['arn:aws:iam::111122223333:role/deployer', 'arn:aws:iam::111122223333:root'] },
          Action: 's3:*',
          Resource: `${SITE}/*`,
        },
      ],
    ],
    [
      'any distribution, beside a Deny of every caller but the roles of the account (`ArnNotLike` `aws:PrincipalArn`)',
      [
        allow('s3:GetObject', `${SITE}/*`),
        denyOtherSources({ ArnNotLike: { 'aws:PrincipalArn': 'arn:aws:iam::111122223333:role/*' } }),
      ],
    ],
    [
      'any distribution, beside a Deny of every principal but another service and of other source accounts',
      [
        allow('s3:GetObject', `${SITE}/*`),
        {
          Effect: 'Deny',
          NotPrincipal: { Service: 'logging.s3.amazonaws.com' },
          Action: 's3:*',
          Resource: `${SITE}/*`,
          Condition: { StringNotEquals: { 'aws:SourceAccount': '111122223333' } },
        },
      ],
    ],
  ];
  test.each(cases)('%s', (_name, statements) => {
    expect(scan(statements)).toEqual([]);
  });

  test('a Deny whose `NotPrincipal` spares CloudFront does not bind it: still public', () => {
    const spared = {
      Effect: 'Deny',
      NotPrincipal: { Service: CDN, AWS: 'arn:aws:iam::111122223333:root' },
      Action: 's3:*',
      Resource: `${SITE}/*`,
      Condition: { StringNotEquals: { 'aws:SourceAccount': '111122223333' } },
    };
    expect(scan([allow('s3:GetObject', `${SITE}/*`), spared]).map(ruleAndPointer)).toEqual([PUBLIC]);
  });
});

describe('what is no viewer access stays a confused deputy', () => {
  test('a listing granted on objects only, which lists nothing: not public', () => {
    const found = scan([allow('s3:ListBucket', `${SITE}/*`)]);
    expect(found.map(ruleAndPointer)).toEqual(['resource-exposure/confused-deputy warning /Statement/0']);
  });

  test('a key CloudFront may decrypt with for any distribution: confused-deputy, a warning', () => {
    const found = scan([allow('kms:Decrypt', '*')], { type: 'AWS::KMS::Key', arn: undefined });
    expect(found.map(ruleAndPointer)).toEqual(['resource-exposure/confused-deputy warning /Statement/0']);
  });

  test('a source tested only if present (`ArnLikeIfExists`): CloudFront always sends it, so not public, but loose', () => {
    const found = scan([
      allow('s3:GetObject', `${SITE}/*`, {
        ArnLikeIfExists: { 'aws:SourceArn': 'arn:aws:cloudfront::111122223333:distribution/EDFDVBD6EXAMPLE' },
      }),
    ]);
    expect(found.map(ruleAndPointer)).toEqual(['resource-exposure/confused-deputy warning /Statement/0']);
    expect(found[0]?.message).toContain('`...IfExists` holds when the service sends no such key');
  });
});
