/** What a plan changes in who a role's trust policy or a resource policy admits (`changes[].admits`). */
import { runGuard } from '../../src/analysis/engine';
import type { PolicySource, ResourceInput, ScanInput } from '../../src/analysis/input';
import { FORMATTERS } from '../../src/report/formatters/index';
import { doc, input, role, source } from '../engine/helpers';

const ACCOUNT = '111122223333';
const ROOT = `arn:aws:iam::${ACCOUNT}:root`;
const PARTNER = 'arn:aws:iam::999988887777:root';
const DEPLOYER = `arn:aws:iam::${ACCOUNT}:role/deployer`;
const GITHUB = `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com`;
const QUEUE = `arn:aws:sqs:eu-west-1:${ACCOUNT}:jobs`;
const OBJECTS = 'arn:aws:s3:::site/*';

const assume = (principal: unknown, extra: Record<string, unknown> = {}): unknown => ({
  Effect: 'Allow',
  Principal: principal,
  Action: 'sts:AssumeRole',
  ...extra,
});
const webIdentity = (sub: string | string[] | undefined): unknown => ({
  Effect: 'Allow',
  Principal: { Federated: GITHUB },
  Action: 'sts:AssumeRoleWithWebIdentity',
  Condition: {
    StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' },
    ...(sub === undefined ? {} : { StringLike: { 'token.actions.githubusercontent.com:sub': sub } }),
  },
});
const grant = (
  principal: unknown,
  action: string | string[],
  resource: string,
  extra: Record<string, unknown> = {},
) => ({
  Effect: 'Allow',
  Principal: principal,
  Action: action,
  Resource: resource,
  ...extra,
});

function changed(id: string, before: unknown, after: unknown): PolicySource {
  return source(id, after, { before: { document: before } });
}

/** A kept role whose trust policy (only) changes. */
function trustChange(before: unknown, after: unknown): ScanInput {
  return input({
    principals: [
      role('aws_iam_role.ci', [], { trustPolicy: changed('aws_iam_role.ci.assume_role_policy', before, after) }),
    ],
  });
}

/** A queue or bucket policy that changes. */
function resourceChange(before: unknown, after: unknown): ScanInput {
  const resource: ResourceInput = {
    id: 'aws_sqs_queue_policy.jobs',
    type: 'aws_sqs_queue_policy',
    arn: QUEUE,
    location: { file: 'plan.json', address: 'aws_sqs_queue_policy.jobs' },
    policy: changed('aws_sqs_queue_policy.jobs', before, after),
  };
  return input({ resources: [resource] });
}

/** `sign principal[ sub] action[ resource] before>after` rows of the only change's admissions. */
function admissionRows(scan: ScanInput): string[] {
  const result = runGuard(scan);
  expect(result.changes).toHaveLength(1);
  const admits = result.changes?.[0]?.admits;
  const rows = (sign: string, list: NonNullable<typeof admits>['gained']): string[] =>
    list.map((a) =>
      [
        sign,
        a.principal,
        a.sub === undefined ? '' : `sub=${a.sub}`,
        a.action,
        a.resource ?? '',
        `${a.before}>${a.after}`,
        a.except === undefined ? '' : `except ${a.except.join(',')}`,
      ]
        .filter(Boolean)
        .join(' '),
    );
  return [...rows('+', admits?.gained ?? []), ...rows('-', admits?.lost ?? [])];
}

describe('who a changed trust policy lets assume the role', () => {
  it.each<[string, unknown, unknown, string[]]>([
    [
      'another account newly trusted, the service trusted before no longer',
      doc(assume({ Service: 'ec2.amazonaws.com' })),
      doc(assume({ AWS: PARTNER })),
      [`+ ${PARTNER} sts:AssumeRole denied>allowed`, '- ec2.amazonaws.com sts:AssumeRole allowed>denied'],
    ],
    [
      'anyone narrowed to one account: anyone loses, the account (part of anyone) keeps',
      doc(assume({ AWS: '*' })),
      doc(assume({ AWS: PARTNER })),
      ['- * sts:AssumeRole allowed>denied'],
    ],
    [
      'one account widened to anyone',
      doc(assume({ AWS: PARTNER })),
      doc(assume('*')),
      ['+ * sts:AssumeRole denied>allowed'],
    ],
    [
      'a bare account id is its root: rewriting one as the other changes nothing',
      doc(assume({ AWS: PARTNER })),
      doc(assume({ AWS: '999988887777' })),
      [],
    ],
    [
      'an account root narrowed to one of its roles: the root loses, the role keeps',
      doc(assume({ AWS: ROOT })),
      doc(assume({ AWS: DEPLOYER })),
      [`- ${ROOT} sts:AssumeRole allowed>denied`],
    ],
    [
      'an external id required: the account is admitted only under conditions now',
      doc(assume({ AWS: PARTNER })),
      doc(assume({ AWS: PARTNER }, { Condition: { StringEquals: { 'sts:ExternalId': 'x-1' } } })),
      [`- ${PARTNER} sts:AssumeRole allowed>conditional`],
    ],
    [
      'session tagging added for the same principal',
      doc(assume({ AWS: PARTNER })),
      doc(assume({ AWS: PARTNER }, { Action: ['sts:AssumeRole', 'sts:TagSession'] })),
      [`+ ${PARTNER} sts:TagSession denied>allowed`],
    ],
    [
      'a wider OIDC subject: the new pattern is admitted, the old one (inside it) keeps its access',
      doc(webIdentity('repo:acme/app:ref:refs/heads/main')),
      doc(webIdentity('repo:acme/*')),
      [`+ ${GITHUB} sub=repo:acme/* sts:AssumeRoleWithWebIdentity denied>conditional`],
    ],
    [
      'a narrower OIDC subject: the old pattern loses',
      doc(webIdentity('repo:acme/*')),
      doc(webIdentity('repo:acme/app:ref:refs/heads/main')),
      [`- ${GITHUB} sub=repo:acme/* sts:AssumeRoleWithWebIdentity conditional>denied`],
    ],
    [
      'the subject condition dropped: any subject of the provider is admitted',
      doc(webIdentity('repo:acme/app:*')),
      doc(webIdentity(undefined)),
      [`+ ${GITHUB} sub=* sts:AssumeRoleWithWebIdentity denied>conditional`],
    ],
    [
      // A trust policy may not hold NotPrincipal: the new version does not parse (validation reports it).
      'a new version that is not a valid trust policy (NotPrincipal) is not compared',
      doc(assume('*')),
      doc(assume('*'), { Effect: 'Deny', NotPrincipal: { AWS: PARTNER }, Action: 'sts:AssumeRole' }),
      [],
    ],
    [
      'anyone of one organization, then of another: the other admitted, the first no longer (under changed conditions)',
      doc(assume({ AWS: '*' }, { Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-aaaa' } } })),
      doc(assume({ AWS: '*' }, { Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-bbbb' } } })),
      ['+ * sts:AssumeRole conditional>conditional', '- * sts:AssumeRole conditional>conditional'],
    ],
    [
      'a second organization added: gained under changed conditions only',
      doc(assume({ AWS: '*' }, { Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-aaaa' } } })),
      doc(assume({ AWS: '*' }, { Condition: { StringEquals: { 'aws:PrincipalOrgID': ['o-aaaa', 'o-bbbb'] } } })),
      ['+ * sts:AssumeRole conditional>conditional'],
    ],
    [
      'the same trust rewritten (statements reordered, a list of one) admits no one new',
      doc(assume({ Service: 'ec2.amazonaws.com' }), assume({ AWS: PARTNER })),
      doc(assume({ AWS: [PARTNER] }), assume({ Service: ['ec2.amazonaws.com'] })),
      [],
    ],
  ])('%s', (_name, before, after, expected) => {
    expect(admissionRows(trustChange(before, after))).toEqual(expected);
  });

  it('a role whose trust policy alone changes is a change naming it, with nothing gained or lost itself', () => {
    const [change] = runGuard(trustChange(doc(assume({ AWS: PARTNER })), doc(assume('*')))).changes ?? [];
    expect([change?.subject, change?.kind, change?.policies, change?.gained, change?.lost]).toEqual([
      'aws_iam_role.ci',
      'role',
      ['aws_iam_role.ci.assume_role_policy'],
      [],
      [],
    ]);
  });

  it('a role whose identity policy and trust both change has both in one change', () => {
    const scan = input({
      principals: [
        role(
          'aws_iam_role.ci',
          [
            changed(
              'aws_iam_role_policy.ci',
              doc(),
              doc({ Effect: 'Allow', Action: 'sqs:SendMessage', Resource: QUEUE }),
            ),
          ],
          { trustPolicy: changed('aws_iam_role.ci.assume_role_policy', doc(assume({ AWS: ROOT })), doc(assume('*'))) },
        ),
      ],
    });
    const [change] = runGuard(scan).changes ?? [];
    expect(change?.policies).toEqual(['aws_iam_role_policy.ci', 'aws_iam_role.ci.assume_role_policy']);
    expect(change?.gained.map((d) => d.action)).toEqual(['sqs:SendMessage']);
    expect(change?.admits?.gained.map((a) => a.principal)).toEqual(['*']);
  });

  it('a trust policy only known after apply is not compared', () => {
    const scan = input({
      principals: [
        role('aws_iam_role.ci', [], {
          trustPolicy: source('aws_iam_role.ci.assume_role_policy', undefined, {
            before: { document: doc(assume({ AWS: PARTNER })) },
            unresolved: { reason: 'known after apply', references: ['aws_iam_role.other.arn'] },
          }),
        }),
      ],
    });
    const [change] = runGuard(scan).changes ?? [];
    expect([change?.unresolved, change?.admits]).toEqual([
      ['aws_iam_role.ci.assume_role_policy'],
      { gained: [], lost: [] },
    ]);
  });
});

describe('who a changed resource policy admits', () => {
  it.each<[string, unknown, unknown, string[]]>([
    [
      'a queue narrowed from anyone to the account root: anyone loses, the account keeps',
      doc(grant('*', 'sqs:SendMessage', QUEUE)),
      doc(grant({ AWS: ROOT }, 'sqs:SendMessage', QUEUE)),
      [`- * sqs:SendMessage ${QUEUE} allowed>denied`],
    ],
    [
      'a queue opened to anyone',
      doc(grant({ AWS: ROOT }, 'sqs:SendMessage', QUEUE)),
      doc(grant({ AWS: '*' }, 'sqs:SendMessage', QUEUE)),
      [`+ * sqs:SendMessage ${QUEUE} denied>allowed`],
    ],
    [
      'a partner account added next to the own account',
      doc(grant({ AWS: ROOT }, 'sqs:SendMessage', QUEUE)),
      doc(grant({ AWS: [ROOT, PARTNER] }, 'sqs:SendMessage', QUEUE)),
      [`+ ${PARTNER} sqs:SendMessage ${QUEUE} denied>allowed`],
    ],
    [
      'anyone held to an organization: admitted only under conditions now',
      doc(grant('*', 'sqs:SendMessage', QUEUE)),
      doc(grant('*', 'sqs:SendMessage', QUEUE, { Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abc' } } })),
      [`- * sqs:SendMessage ${QUEUE} allowed>conditional`],
    ],
    [
      'a public bucket narrowed to CloudFront under its SourceArn: one row besides anyone’s',
      doc(grant('*', ['s3:GetObject', 's3:PutObject'], OBJECTS)),
      doc(
        grant({ Service: 'cloudfront.amazonaws.com' }, 's3:GetObject', OBJECTS, {
          Condition: { StringEquals: { 'AWS:SourceArn': `arn:aws:cloudfront::${ACCOUNT}:distribution/E1` } },
        }),
      ),
      [
        `- * s3:GetObject ${OBJECTS} allowed>denied`,
        `- * s3:PutObject ${OBJECTS} allowed>denied`,
        `- cloudfront.amazonaws.com s3:GetObject ${OBJECTS} allowed>conditional`,
      ],
    ],
    [
      'a Deny with NotPrincipal added: everyone but the account loses',
      doc(grant('*', 'sqs:SendMessage', QUEUE)),
      doc(grant('*', 'sqs:SendMessage', QUEUE), {
        Effect: 'Deny',
        NotPrincipal: { AWS: ROOT },
        Action: 'sqs:*',
        Resource: QUEUE,
      }),
      [`- * sqs:SendMessage ${QUEUE} allowed>denied`],
    ],
    [
      'a Deny on another resource takes nothing from this one',
      doc(grant({ AWS: PARTNER }, 's3:GetObject', OBJECTS)),
      doc(grant({ AWS: PARTNER }, 's3:GetObject', OBJECTS), {
        Effect: 'Deny',
        Principal: '*',
        Action: 's3:*',
        Resource: 'arn:aws:s3:::other/*',
      }),
      [],
    ],
    [
      'a public bucket whose Deny on private/ is removed: anyone now reads private/',
      doc(grant('*', 's3:GetObject', OBJECTS), {
        Effect: 'Deny',
        Principal: '*',
        Action: 's3:GetObject',
        Resource: 'arn:aws:s3:::site/private/*',
      }),
      doc(grant('*', 's3:GetObject', OBJECTS)),
      ['+ * s3:GetObject arn:aws:s3:::site/private/* denied>allowed'],
    ],
    [
      'a public bucket whose Deny on private/ is narrowed to private/hr/: anyone now reads private/ but private/hr/',
      doc(grant('*', 's3:GetObject', OBJECTS), {
        Effect: 'Deny',
        Principal: '*',
        Action: 's3:GetObject',
        Resource: 'arn:aws:s3:::site/private/*',
      }),
      doc(grant('*', 's3:GetObject', OBJECTS), {
        Effect: 'Deny',
        Principal: '*',
        Action: 's3:GetObject',
        Resource: 'arn:aws:s3:::site/private/hr/*',
      }),
      ['+ * s3:GetObject arn:aws:s3:::site/private/* denied>allowed except arn:aws:s3:::site/private/hr/*'],
    ],
    [
      'a public bucket whose Deny on private/hr/ is widened to private/: anyone no longer reads private/, private/hr/ already denied',
      doc(grant('*', 's3:GetObject', OBJECTS), {
        Effect: 'Deny',
        Principal: '*',
        Action: 's3:GetObject',
        Resource: 'arn:aws:s3:::site/private/hr/*',
      }),
      doc(grant('*', 's3:GetObject', OBJECTS), {
        Effect: 'Deny',
        Principal: '*',
        Action: 's3:GetObject',
        Resource: 'arn:aws:s3:::site/private/*',
      }),
      ['- * s3:GetObject arn:aws:s3:::site/private/* allowed>denied except arn:aws:s3:::site/private/hr/*'],
    ],
    [
      'a public bucket gaining a Deny on private/: anyone no longer reads private/, still reads the rest',
      doc(grant('*', 's3:GetObject', OBJECTS)),
      doc(grant('*', 's3:GetObject', OBJECTS), {
        Effect: 'Deny',
        Principal: '*',
        Action: 's3:*',
        Resource: 'arn:aws:s3:::site/private/*',
      }),
      ['- * s3:GetObject arn:aws:s3:::site/private/* allowed>denied'],
    ],
    [
      'a partner held to another VPC endpoint: admitted and no longer admitted under changed conditions',
      doc(
        grant({ AWS: PARTNER }, 's3:GetObject', OBJECTS, {
          Condition: { StringEquals: { 'aws:SourceVpce': 'vpce-1' } },
        }),
      ),
      doc(
        grant({ AWS: PARTNER }, 's3:GetObject', OBJECTS, {
          Condition: { StringEquals: { 'aws:SourceVpce': 'vpce-2' } },
        }),
      ),
      [
        `+ ${PARTNER} s3:GetObject ${OBJECTS} conditional>conditional`,
        `- ${PARTNER} s3:GetObject ${OBJECTS} conditional>conditional`,
      ],
    ],
    [
      'the same grant rewritten (account id for its root) admits no one new',
      doc(grant({ AWS: ROOT }, 'sqs:SendMessage', QUEUE)),
      doc(grant({ AWS: ACCOUNT }, ['sqs:SendMessage'], QUEUE)),
      [],
    ],
  ])('%s', (_name, before, after, expected) => {
    expect(admissionRows(resourceChange(before, after))).toEqual(expected);
  });
});

describe('who a resource admits when its policy is new or its Block Public Access changes', () => {
  const BUCKET_OBJECTS = 'arn:aws:s3:::www/*';
  const bucketPolicy = (extra: Partial<ResourceInput>, before: unknown, after: unknown): ScanInput =>
    input({
      resources: [
        {
          id: 'aws_s3_bucket_policy.www',
          type: 'aws_s3_bucket_policy',
          arn: 'arn:aws:s3:::www',
          location: { file: 'plan.json', address: 'aws_s3_bucket_policy.www' },
          policy: source(
            'aws_s3_bucket_policy.www',
            after,
            before === undefined ? {} : { before: { document: before } },
          ),
          ...extra,
        },
      ],
    });
  const open = doc(grant('*', 's3:GetObject', BUCKET_OBJECTS));

  it.each<[string, ScanInput, string[]]>([
    [
      'a first policy on a resource that had none (`null` before) admits whom it names',
      bucketPolicy({}, null, open),
      [`+ * s3:GetObject ${BUCKET_OBJECTS} denied>allowed`],
    ],
    [
      'a public policy kept while Block Public Access stops restricting it newly admits anyone',
      bucketPolicy({ publicAccessRestrictedBefore: true }, undefined, open),
      [`+ * s3:GetObject ${BUCKET_OBJECTS} denied>allowed`],
    ],
    [
      'Block Public Access turned on takes a public grant from anyone',
      bucketPolicy({ publicAccessRestricted: true, publicAccessRestrictedBefore: false }, undefined, open),
      [`- * s3:GetObject ${BUCKET_OBJECTS} allowed>denied`],
    ],
    [
      'a policy opened to anyone while Block Public Access restricts it admits no one new',
      bucketPolicy({ publicAccessRestricted: true }, doc(grant({ AWS: ROOT }, 's3:GetObject', BUCKET_OBJECTS)), open),
      [],
    ],
  ])('%s', (_name, scan, expected) => {
    expect(admissionRows(scan)).toEqual(expected);
  });

  it('the change says Block Public Access was turned off, in JSON and text', () => {
    const result = runGuard(bucketPolicy({ publicAccessRestrictedBefore: true }, undefined, open));
    expect(result.changes?.[0]?.publicAccessRestricted).toEqual({ before: true, after: false });
    expect(FORMATTERS.text(result, { toolVersion: '0.1.0', color: false })).toContain(
      '+ S3 Block Public Access no longer restricts its public grants (`RestrictPublicBuckets` off)',
    );
  });

  it('in a key policy, `*` is the key', () => {
    const key = `arn:aws:kms:eu-west-1:${ACCOUNT}:key/k1`;
    const scan = input({
      resources: [
        {
          id: 'aws_kms_key.k',
          type: 'aws_kms_key',
          arn: key,
          location: { file: 'plan.json', address: 'aws_kms_key.k' },
          policy: changed(
            'aws_kms_key.k',
            doc(grant({ AWS: ROOT }, 'kms:*', '*')),
            doc(grant({ AWS: ROOT }, 'kms:*', '*'), grant({ AWS: PARTNER }, 'kms:Decrypt', '*')),
          ),
        },
      ],
    });
    expect(admissionRows(scan)).toEqual([`+ ${PARTNER} kms:Decrypt ${key} denied>allowed`]);
  });
});

describe('which actions a resource policy admits to', () => {
  it('`*` on a bucket stands for the actions of S3 only', () => {
    const scan = resourceChange(doc(grant({ AWS: ROOT }, '*', OBJECTS)), doc(grant({ AWS: PARTNER }, '*', OBJECTS)));
    const gained = runGuard(scan).changes?.[0]?.admits?.gained ?? [];
    expect(gained.map((a) => a.action)).toContain('s3:GetObject');
    expect([...new Set(gained.map((a) => a.action.split(':')[0]))]).toEqual(['s3']);
  });

  it('`*` on `*` of a resource whose service is unknown is one entry, shown as every action', () => {
    const scan = input({
      resources: [
        {
          id: 'aws_kms_key_policy.data',
          type: 'aws_kms_key_policy',
          arn: undefined,
          location: { file: 'plan.json', address: 'aws_kms_key_policy.data' },
          policy: changed('aws_kms_key_policy.data', doc(grant({ AWS: ROOT }, '*', '*')), doc(grant('*', '*', '*'))),
        },
      ],
    });
    const result = runGuard(scan);
    expect(result.changes?.[0]?.admits?.gained.map((a) => [a.principal, a.action, a.resource])).toEqual([
      ['*', '*', '*'],
    ]);
    expect(FORMATTERS.text(result, { toolVersion: '0.1.0', color: false })).toContain(
      '+ now admits `*` (anyone) to every action (`*`) on every resource',
    );
  });
});

describe('how the formats show who a policy admits', () => {
  const context = { toolVersion: '0.1.0', color: false, command: 'tf-scan' };
  const lines = (scan: ScanInput): string[] =>
    FORMATTERS.text(runGuard(scan), context)
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l.startsWith('+ ') || l.startsWith('- '));

  it.each<[string, ScanInput, string[]]>([
    [
      'a trust policy: may now (no longer) be assumed by',
      trustChange(doc(assume({ Service: 'ec2.amazonaws.com' })), doc(assume({ AWS: PARTNER }))),
      [
        `+ may now be assumed by \`${PARTNER}\` (\`sts:AssumeRole\`)`,
        '- may no longer be assumed by `ec2.amazonaws.com` (`sts:AssumeRole`)',
      ],
    ],
    [
      'anyone is named as such',
      trustChange(doc(assume({ AWS: PARTNER })), doc(assume('*'))),
      ['+ may now be assumed by `*` (anyone) (`sts:AssumeRole`)'],
    ],
    [
      'an OIDC subject pattern, under the conditions left',
      trustChange(doc(webIdentity('repo:acme/app:*')), doc(webIdentity('repo:acme/*'))),
      [
        `+ may now be assumed by \`${GITHUB}\` with \`sub\` \`repo:acme/*\` (\`sts:AssumeRoleWithWebIdentity\`) (under conditions)`,
      ],
    ],
    [
      'a trust narrowed to conditions: still assumable, only under them',
      trustChange(
        doc(assume({ AWS: PARTNER })),
        doc(assume({ AWS: PARTNER }, { Condition: { StringEquals: { 'sts:ExternalId': 'x-1' } } })),
      ),
      [`- may now be assumed by \`${PARTNER}\` only under conditions (\`sts:AssumeRole\`)`],
    ],
    [
      'a resource policy: now (no longer) admits, on its resource',
      resourceChange(
        doc(grant({ AWS: ROOT }, 'sqs:SendMessage', QUEUE)),
        doc(grant({ AWS: PARTNER }, 'sqs:SendMessage', QUEUE)),
      ),
      [
        `+ now admits \`${PARTNER}\` to \`sqs:SendMessage\` on \`${QUEUE}\``,
        `- no longer admits \`${ROOT}\` to \`sqs:SendMessage\` on \`${QUEUE}\``,
      ],
    ],
    [
      'a resource policy: its grants are said per principal only, not as gains of nobody in particular',
      resourceChange(
        doc(grant({ AWS: ROOT }, 'sqs:SendMessage', QUEUE)),
        doc(grant({ AWS: ROOT }, ['sqs:SendMessage', 'sqs:DeleteMessage'], QUEUE)),
      ),
      [`+ now admits \`${ROOT}\` to \`sqs:DeleteMessage\` on \`${QUEUE}\``],
    ],
    [
      'anyone named as such on a resource policy',
      resourceChange(doc(grant('*', 'sqs:SendMessage', QUEUE)), doc(grant({ AWS: ROOT }, 'sqs:SendMessage', QUEUE))),
      [`- no longer admits \`*\` (anyone) to \`sqs:SendMessage\` on \`${QUEUE}\``],
    ],
  ])('text: %s', (_name, scan, expected) => {
    expect(lines(scan)).toEqual(expected);
  });

  it('markdown and html show the same lines', () => {
    const result = runGuard(trustChange(doc(assume({ AWS: PARTNER })), doc(assume('*'))));
    expect(FORMATTERS.markdown(result, context)).toContain(
      '- :heavy_plus_sign: **role `aws_iam_role.ci`** (`aws_iam_role.ci.assume_role_policy`) may now be assumed by `*` (anyone) (`sts:AssumeRole`)',
    );
    expect(FORMATTERS.html(result, context).match(/<li class="change change-gain">/g)).toHaveLength(1);
  });

  it('json: `admits` is added after the existing keys, each entry with its keys in order', () => {
    const report = JSON.parse(
      FORMATTERS.json(
        runGuard(
          resourceChange(
            doc(grant({ AWS: ROOT }, 'sqs:SendMessage', QUEUE)),
            doc(grant('*', 'sqs:SendMessage', QUEUE)),
          ),
        ),
        context,
      ),
    ) as { changes: Record<string, unknown>[] };
    const [change] = report.changes;
    expect(Object.keys(change ?? {})).toEqual(['subject', 'kind', 'location', 'policies', 'gained', 'lost', 'admits']);
    expect(change?.['admits']).toEqual({
      gained: [
        {
          principal: '*',
          principalType: '*',
          action: 'sqs:SendMessage',
          resource: QUEUE,
          before: 'denied',
          after: 'allowed',
        },
      ],
      lost: [],
    });
  });

  it('json: a trust entry has no resource, a provider entry its `sub`', () => {
    const report = JSON.parse(
      FORMATTERS.json(
        runGuard(trustChange(doc(webIdentity('repo:acme/app:*')), doc(webIdentity('repo:acme/*')))),
        context,
      ),
    ) as { changes: { admits: { gained: Record<string, unknown>[] } }[] };
    expect(report.changes[0]?.admits.gained.map((a) => Object.keys(a))).toEqual([
      ['principal', 'principalType', 'sub', 'action', 'before', 'after'],
    ]);
  });
});
