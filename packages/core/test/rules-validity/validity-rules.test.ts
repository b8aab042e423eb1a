/**
 * Behaviour of the policy-validity rules beyond their examples: values known only after deploy,
 * policy types, size accounting, and the cases that must not be reported.
 */
import type { RuleId } from '../../src/analysis/finding';
import type { PolicyType } from '../../src/model/policy';
import { SymbolicValue } from '../../src/model/symbolic';
import { EMPTY_CATALOG } from '../../src/analysis/catalog-view';
import { runGuard } from '../../src/analysis/engine';
import type { ResolvedConfig } from '../../src/config/types';
import { VALIDITY_RULES, doc, lint } from './helpers';
import { documentSize } from '../../src/rules/validity/size';

const hole = (id: string): SymbolicValue => new SymbolicValue([{ id, source: `the value of ${id}` }]);
const bucketArn = new SymbolicValue(['arn:aws:s3:::', { id: 'Bucket.Name', source: 'the name of bucket Data' }]);
const tableArn = new SymbolicValue([{ id: 'Table.Arn', source: 'the ARN of table Orders' }]);

interface Case {
  readonly name: string;
  readonly document: unknown;
  readonly type?: PolicyType;
  /** `rule-id` of each expected policy-validity finding (parser rules aside), sorted. */
  readonly expected: readonly string[];
}

const PARSER_RULES = new Set(['policy-validity/invalid-policy', 'policy-validity/policy-warning']);

const CASES: readonly Case[] = [
  {
    name: 'a resource that is all hole may be anything: no mismatch',
    document: doc({ Effect: 'Allow', Action: ['dynamodb:GetItem', 'sts:GetCallerIdentity'], Resource: tableArn }),
    expected: [],
  },
  {
    // The hole is one bucket name, which holds no `/`: `${bucket.arn}` without `/*`, a common slip.
    name: 'a bucket ARN whose name is known after deploy is a bucket, on which s3:GetObject acts on nothing',
    document: doc({ Effect: 'Allow', Action: 's3:GetObject', Resource: bucketArn }),
    expected: ['policy-validity/resource-mismatch'],
  },
  {
    name: 'a bucket ARN whose name is known after deploy is what s3:ListBucket acts on',
    document: doc({ Effect: 'Allow', Action: 's3:ListBucket', Resource: bucketArn }),
    expected: [],
  },
  {
    name: 'a key known after deploy may hold slashes: s3:GetObject acts on the object',
    document: doc({
      Effect: 'Allow',
      Action: 's3:GetObject',
      Resource: new SymbolicValue(['arn:aws:s3:::reports/', { id: 'Key', source: 'the value of parameter Key' }]),
    }),
    expected: [],
  },
  {
    name: 'an ARN known after deploy of another service is a mismatch for sure',
    document: doc({
      Effect: 'Allow',
      Action: 'dynamodb:GetItem',
      Resource: new SymbolicValue([
        'arn:aws:sqs:us-east-1:111122223333:',
        { id: 'Queue.Name', source: 'the name of queue Jobs' },
      ]),
    }),
    expected: ['policy-validity/resource-mismatch'],
  },
  {
    name: 'an object ARN built from a bucket known after deploy matches s3:GetObject',
    document: doc({
      Effect: 'Allow',
      Action: 's3:GetObject',
      Resource: new SymbolicValue([...bucketArn.parts, '/*']),
    }),
    expected: [],
  },
  {
    name: 'an action that only accepts `*` with a value known after deploy is not judged',
    document: doc({ Effect: 'Allow', Action: 'sts:GetCallerIdentity', Resource: hole('Var.Resource') }),
    expected: [],
  },
  {
    name: 'a Deny on an ARN its actions never act on is dead too',
    document: doc({ Effect: 'Deny', Action: 's3:DeleteObject', Resource: 'arn:aws:s3:::backups' }),
    expected: ['policy-validity/resource-mismatch'],
  },
  {
    name: 'NotResource and NotAction statements are not judged for resource types',
    document: doc(
      { Effect: 'Deny', Action: 's3:GetObject', NotResource: 'arn:aws:s3:::reports' },
      { Effect: 'Deny', NotAction: 's3:GetObject', Resource: 'arn:aws:s3:::reports' },
    ),
    expected: [],
  },
  {
    name: 'a log group with its stream suffix matches logs:PutLogEvents',
    document: doc({
      Effect: 'Allow',
      Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
      Resource: 'arn:aws:logs:us-east-1:111122223333:log-group:/aws/lambda/app:*',
    }),
    expected: [],
  },
  {
    name: 'unknown actions in NotAction are reported too',
    document: doc({ Effect: 'Deny', NotAction: ['iam:ChangePasword'], Resource: '*' }),
    expected: ['policy-validity/unknown-action'],
  },
  {
    name: 'a malformed action is left to the parser',
    document: doc({ Effect: 'Allow', Action: 's3 GetObject', Resource: '*' }),
    expected: [],
  },
  {
    name: 'an ARN key compared with a String operator is correct',
    document: doc({
      Effect: 'Allow',
      Action: 'sqs:SendMessage',
      Resource: 'arn:aws:sqs:us-east-1:111122223333:jobs',
      Condition: { StringLike: { 'aws:SourceArn': 'arn:aws:sns:us-east-1:111122223333:*' } },
    }),
    expected: [],
  },
  {
    name: 'a Bool key compared with StringEquals',
    document: doc({
      Effect: 'Deny',
      Action: 's3:*',
      Resource: '*',
      Condition: { StringEqualsIfExists: { 'aws:SecureTransport': 'false' } },
    }),
    expected: ['policy-validity/condition-type-mismatch'],
  },
  {
    name: 'the `${*}` escape is a literal star, not a wildcard in StringEquals',
    document: doc({
      Effect: 'Allow',
      Action: 's3:ListBucket',
      Resource: 'arn:aws:s3:::reports',
      Condition: { StringEquals: { 's3:prefix': 'a${*}b' } },
    }),
    expected: [],
  },
  {
    name: 'an identity-provider key the catalog does not list is not called unknown',
    type: 'trust',
    document: doc({
      Effect: 'Allow',
      Principal: { Federated: 'cognito-identity.amazonaws.com' },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: {
        StringEquals: { 'cognito-identity.amazonaws.com:aud': 'us-east-1:12345678-aaaa-bbbb-cccc-123456789012' },
        'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': 'authenticated' },
      },
    }),
    expected: [],
  },
  {
    name: 'sts:ExternalId beside sts:TagSession: the session action is authorized within the AssumeRole request, which carries the key',
    type: 'trust',
    document: doc({
      Effect: 'Allow',
      Principal: { AWS: 'arn:aws:iam::444455556666:root' },
      Action: ['sts:AssumeRole', 'sts:TagSession'],
      Condition: { StringEquals: { 'sts:ExternalId': 'tagged-5d1e' } },
    }),
    expected: [],
  },
  {
    name: 'a tag key without its tag name is unknown',
    document: doc({
      Effect: 'Allow',
      Action: 'ec2:StartInstances',
      Resource: '*',
      Condition: { StringEquals: { 'aws:ResourceTag': 'prod' } },
    }),
    expected: ['policy-validity/unknown-condition-key'],
  },
  {
    name: 'a service key one named action supports and another lacks: the one lacking it is never allowed',
    document: doc({
      Effect: 'Allow',
      Action: ['s3:ListBucket', 's3:GetObject'],
      Resource: ['arn:aws:s3:::reports', 'arn:aws:s3:::reports/*'],
      Condition: { StringLike: { 's3:prefix': 'home/*' } },
    }),
    expected: ['policy-validity/unknown-condition-key'],
  },
  {
    name: 'a service key that a pattern brings actions without: the pattern is not about them',
    document: doc({
      Effect: 'Allow',
      Action: ['s3:List*'],
      Resource: ['arn:aws:s3:::reports'],
      Condition: { StringLike: { 's3:prefix': 'home/*' } },
    }),
    expected: [],
  },
  {
    name: 'a service key under IfExists: the named action without it is allowed unconditioned, not dead',
    document: doc({
      Effect: 'Allow',
      Action: ['s3:ListBucket', 's3:GetObject'],
      Resource: ['arn:aws:s3:::reports', 'arn:aws:s3:::reports/*'],
      Condition: { StringLikeIfExists: { 's3:prefix': 'home/*' } },
    }),
    expected: [],
  },
  {
    name: 'a resource known after deploy is not an invalid ARN',
    document: doc({ Effect: 'Allow', Action: 's3:GetObject', Resource: hole('Var.Arn') }),
    expected: [],
  },
  {
    name: 'statements of a resource policy with different principals are not redundant',
    type: 'resource',
    document: doc(
      {
        Effect: 'Allow',
        Principal: { AWS: 'arn:aws:iam::111122223333:root' },
        Action: 's3:GetObject',
        Resource: 'arn:aws:s3:::reports/*',
      },
      {
        Effect: 'Allow',
        Principal: { AWS: 'arn:aws:iam::444455556666:root' },
        Action: 's3:GetObject',
        Resource: 'arn:aws:s3:::reports/*',
      },
    ),
    expected: [],
  },
  {
    name: 'an Allow and a Deny on the same actions are not redundant',
    document: doc(
      { Effect: 'Allow', Action: 's3:*', Resource: 'arn:aws:s3:::reports/*' },
      { Effect: 'Deny', Action: 's3:DeleteObject', Resource: 'arn:aws:s3:::reports/*' },
    ),
    expected: [],
  },
  {
    name: 'a Deny covered by a wider unconditional Deny is redundant',
    document: doc(
      { Effect: 'Deny', Action: 'iam:*', Resource: '*' },
      {
        Effect: 'Deny',
        Action: 'iam:PassRole',
        Resource: '*',
        Condition: { StringNotEquals: { 'iam:PassedToService': 'lambda.amazonaws.com' } },
      },
    ),
    expected: ['policy-validity/redundant-statement'],
  },
  {
    name: 'a `?` pattern does not cover a `*` pattern',
    document: doc(
      { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::report?/*' },
      { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::report*/*' },
    ),
    expected: ['policy-validity/redundant-statement'],
  },
  {
    name: 'two action patterns are not compared through the catalog of today',
    document: doc({ Effect: 'Deny', Action: ['sns:*Remove*', 'sns:*Permission*'], Resource: '*' }),
    expected: [],
  },
  {
    name: 'a concrete action inside a pattern is redundant by the catalog',
    document: doc({ Effect: 'Deny', Action: ['sns:RemovePermission', 'sns:*Permission*'], Resource: '*' }),
    expected: ['policy-validity/redundant-value'],
  },
  {
    name: 'a misspelt aws key in a policy variable of a condition value',
    document: doc({
      Effect: 'Allow',
      Action: 's3:ListBucket',
      Resource: 'arn:aws:s3:::home',
      Condition: { StringLike: { 's3:prefix': 'home/${aws:PrincipalTags/team}/*' } },
    }),
    expected: ['policy-validity/policy-variable'],
  },
  {
    name: 'a quoted default holding a closing brace or a policy variable is one variable, well formed',
    document: doc({
      Effect: 'Allow',
      Action: 's3:GetObject',
      Resource: [
        "arn:aws:s3:::home/${aws:PrincipalTag/home, 'a}b'}/*",
        "arn:aws:s3:::home/${aws:PrincipalTag/home, '${aws:username}'}/*",
        "arn:aws:s3:::home/${aws:PrincipalTag/home, 'o''brien'}/*",
      ],
    }),
    expected: [],
  },
  {
    name: 'a default not in quotes is reported',
    document: doc({
      Effect: 'Allow',
      Action: 's3:GetObject',
      Resource: 'arn:aws:s3:::home/${aws:PrincipalTag/home, 5}/*',
    }),
    expected: ['policy-validity/policy-variable'],
  },
  {
    name: 'a wildcard-only action on an ARN known after deploy is not judged',
    document: doc({ Effect: 'Allow', Action: 's3:ListAllMyBuckets', Resource: bucketArn }),
    expected: [],
  },
  {
    name: 'private IPv6 ranges under aws:SourceIp',
    document: doc({
      Effect: 'Allow',
      Action: 's3:GetObject',
      Resource: 'arn:aws:s3:::reports/*',
      Condition: { IpAddress: { 'aws:SourceIp': 'fd00::/8' } },
    }),
    expected: ['policy-validity/source-ip-condition'],
  },
  {
    name: 'bounds of one key known only after deploy are not compared',
    document: doc({
      Effect: 'Allow',
      Action: 's3:ListBucket',
      Resource: 'arn:aws:s3:::reports',
      Condition: { NumericLessThanEquals: { 's3:max-keys': [hole('Limit'), '10'] } },
    }),
    expected: [],
  },
  {
    name: 'a bound given twice: the second is redundant',
    document: doc({
      ...{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::reports/*' },
      Condition: { NumericGreaterThanEquals: { 's3:TlsVersion': ['1.2', '1.20'] } },
    }),
    expected: ['policy-validity/redundant-value'],
  },
  {
    name: 'of two upper bounds of a date, the later decides',
    document: doc({
      ...{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::reports/*' },
      Condition: { DateLessThan: { 'aws:CurrentTime': ['2027-06-30T00:00:00Z', '2027-01-01'] } },
    }),
    expected: ['policy-validity/redundant-value'],
  },
  {
    name: 'a session of a role with a path, beside that role',
    type: 'resource',
    document: doc({
      Effect: 'Allow',
      Principal: {
        AWS: ['arn:aws:iam::111122223333:role/ops/deployer', 'arn:aws:sts::111122223333:assumed-role/deployer/ci'],
      },
      Action: 's3:GetObject',
      Resource: 'arn:aws:s3:::reports/*',
    }),
    expected: ['policy-validity/redundant-value'],
  },
  {
    name: 'a session of a same-named role of another account is another principal',
    type: 'resource',
    document: doc({
      Effect: 'Allow',
      Principal: {
        AWS: ['arn:aws:iam::111122223333:role/deployer', 'arn:aws:sts::444455556666:assumed-role/deployer/ci'],
      },
      Action: 's3:GetObject',
      Resource: 'arn:aws:s3:::reports/*',
    }),
    expected: [],
  },
  {
    name: 'a key of S3 beside a KMS action: the KMS action is never allowed',
    document: doc({
      Effect: 'Allow',
      Action: ['s3:ListBucket', 'kms:Decrypt'],
      Resource: '*',
      Condition: { StringLike: { 's3:prefix': 'home/*' } },
    }),
    expected: ['policy-validity/unknown-condition-key'],
  },
  {
    name: 'IfExists on a tag key beside a service without tags applies to it on purpose',
    document: doc({
      Effect: 'Deny',
      Action: ['ec2:TerminateInstances', 'route53:DeleteHostedZone'],
      Resource: '*',
      Condition: { StringEqualsIfExists: { 'aws:ResourceTag/env': 'prod' } },
    }),
    expected: [],
  },
  {
    name: 'a negated tag test beside NotAction is true for the services without tags: it denies them',
    type: 'scp',
    document: doc({
      Effect: 'Deny',
      NotAction: 'iam:*',
      Resource: '*',
      Condition: { StringNotEquals: { 'aws:ResourceTag/env': 'dev' } },
    }),
    expected: [],
  },
];

function validityFindings(document: unknown, type: PolicyType = 'identity'): string[] {
  return lint(document, type, VALIDITY_RULES)
    .map((f) => f.ruleId)
    .filter((id) => !PARSER_RULES.has(id))
    .sort();
}

describe('policy-validity rules', () => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    expect(validityFindings(c.document, c.type)).toEqual([...c.expected].sort());
  });

  it('say nothing about actions, keys or resource types without a catalog', () => {
    const document = doc({
      Effect: 'Allow',
      Action: ['s3:GetObjekt', 's3:GetObject'],
      Resource: 'arn:aws:s3:::reports',
      Condition: { NumericEquals: { 's3:prefx': '1' } },
    });
    const found = lint(document, 'identity', VALIDITY_RULES, EMPTY_CATALOG).map((f) => f.ruleId);
    expect(found.filter((id) => !PARSER_RULES.has(id))).toEqual([]);
  });

  // The rules keep each statement's verdict; a policy parsed once for several files must still
  // be reported in each, with the same messages.
  it('report a statement shared by several policies in each of them', () => {
    const text = JSON.stringify(
      doc({
        Effect: 'Allow',
        Action: ['s3:GetObjekt', 's3:GetObject'],
        Resource: ['arn:aws:S3:::reports/*', 'arn:aws:s3:::${aws:usrname}/*'],
      }),
    );
    const rules: readonly RuleId[] = [
      'policy-validity/invalid-arn',
      'policy-validity/unknown-action',
      'policy-validity/policy-variable',
    ];
    const config: ResolvedConfig = {
      severities: new Map(rules.map((id) => [id, 'warning'] as const)),
      settings: { boundary: {}, trust: {}, scps: [], tuning: {} },
      suppressions: [],
    };
    const policies = ['a.json', 'b.json'].map((file) => ({
      policy: { id: file, name: file, document: text, location: { file } },
      type: 'identity' as const,
    }));
    const once = lint(text, 'identity', rules).map((f) => `${f.ruleId} ${f.message}`);
    const { findings } = runGuard({ principals: [], resources: [], policies, errors: [] }, config, {
      now: new Date('2026-11-27'),
    });
    expect(once).toHaveLength(3);
    for (const file of ['a.json', 'b.json']) {
      expect(findings.filter((f) => f.location.file === file).map((f) => `${f.ruleId} ${f.message}`)).toEqual(once);
    }
  });

  it('unknown-action suggests the closest action', () => {
    const [finding] = lint(doc({ Effect: 'Allow', Action: 's3:GetObjekt', Resource: '*' }), 'identity', [
      'policy-validity/unknown-action',
    ]);
    expect(finding?.message).toContain('did you mean `s3:GetObject`?');
  });
});

describe('policy-validity/policy-size', () => {
  const bigStatement = (n: number): unknown => ({
    Effect: 'Deny',
    Action: Array.from({ length: n }, (_, i) => `ec2:ActionNumber${String(i).padStart(3, '0')}`),
    Resource: '*',
  });
  const sizeFindings = (document: unknown, type: PolicyType): number =>
    lint(document, type, ['policy-validity/policy-size']).length;

  it.each([
    // Each action takes 22 characters compact (quotes and comma included).
    ['an identity policy under 6,144 characters', doc(bigStatement(250)), 'identity', 0],
    ['an identity policy over 6,144 characters', doc(bigStatement(300)), 'identity', 1],
    ['an SCP over 5,120 characters', doc(bigStatement(250)), 'scp', 1],
    [
      'a trust policy under 2,048 characters',
      doc({ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }),
      'trust',
      0,
    ],
  ] as const)('%s', (_name, document, type, count) => {
    expect(sizeFindings(document, type)).toBe(count);
  });

  it('counts white space in an SCP given as text, but not in an IAM policy', () => {
    const padded = JSON.stringify(doc(bigStatement(200)), null, 40);
    expect(padded.replace(/\s/g, '').length).toBeLessThan(5_120);
    expect(padded.length).toBeGreaterThan(6_144);
    expect(sizeFindings(padded, 'scp')).toBe(1);
    expect(sizeFindings(padded, 'identity')).toBe(0);
  });

  it.each([
    ['ASCII white space', '{ "Sid":\t"a b",\r\n\v\f "x": 1 }'],
    ['Unicode white space', '{"Sid": "a\u00a0b\u2003c\u3000d\ufeffe\u2028f"}'],
    ['no white space', '{"Sid":"ab"}'],
  ])('an IAM policy text counts every character but white space as `\\s` reads it: %s', (_name, text) => {
    expect(documentSize(text, false)).toBe(text.replace(/\s/g, '').length);
    expect(documentSize(text, true)).toBe(text.length);
  });

  it.each([
    ['plain values', { Version: '2012-10-17', Statement: [{ Sid: 'A1', Effect: 'Allow', Action: ['s3:GetObject'] }] }],
    ['values to escape', { Sid: 'quote " backslash \\ tab \t nul \u0000 lone \ud800 pair \ud83d\ude00 é' }],
    ['keys to escape and undefined members', { 'a"b': 1, 'c\nd': [true, null], e: undefined, f: { g: 'h' } }],
  ])('a document object counts its compact JSON text: %s', (_name, document) => {
    expect(documentSize(document, false)).toBe(JSON.stringify(document).length);
  });

  it('sums the inline policies of a role against 10,240 characters', () => {
    const inline = (id: string) => ({
      kind: 'inline' as const,
      policy: { id, name: id, document: doc(bigStatement(300)), location: { file: 'template.json' } },
    });
    const config: ResolvedConfig = {
      severities: new Map<RuleId, 'error'>([['policy-validity/policy-size', 'error']]),
      settings: { boundary: {}, trust: {}, scps: [], tuning: {} },
      suppressions: [],
    };
    const role = (count: number) => ({
      id: 'App',
      kind: 'role' as const,
      name: 'App',
      path: '/',
      arn: undefined,
      policies: Array.from({ length: count }, (_, i) => inline(`Policy${i}`)),
      tags: {},
      location: { file: 'template.json' },
    });
    const run = (count: number) =>
      runGuard({ principals: [role(count)], resources: [], policies: [], errors: [] }, config).findings;
    expect(run(1)).toHaveLength(0);
    const findings = run(2);
    expect(findings).toHaveLength(1);
    expect(findings[0]?.message).toContain('10,240');
  });
});

describe('policy-validity/policy-variable on the policies of a role', () => {
  const RULE: RuleId = 'policy-validity/policy-variable';
  const config: ResolvedConfig = {
    severities: new Map<RuleId, 'warning'>([[RULE, 'warning']]),
    settings: { boundary: {}, trust: {}, scps: [], tuning: {} },
    suppressions: [],
  };
  const principal = (kind: 'role' | 'user', document: unknown) => ({
    id: `${kind}.home`,
    kind,
    name: 'home',
    path: '/',
    arn: undefined,
    policies: [
      { kind: 'inline' as const, policy: { id: 'Home', name: 'Home', document, location: { file: 'a.json' } } },
    ],
    tags: {},
    location: { file: 'a.json' },
  });
  const run = (kind: 'role' | 'user', document: unknown) =>
    runGuard({ principals: [principal(kind, document)], resources: [], policies: [], errors: [] }, config).findings;
  const folder = (resource: string, version = '2012-10-17') => ({
    Version: version,
    Statement: [{ Effect: 'Allow', Action: 's3:PutObject', Resource: ['arn:aws:s3:::shared/*', resource] }],
  });

  it('names the variable, the value and the role, and suggests what a role session has', () => {
    const findings = run('role', folder('arn:aws:s3:::home/${aws:username}/*'));
    expect(findings.map((f) => [f.location.pointer, f.principal])).toEqual([['/Statement/0/Resource', 'role.home']]);
    const message = findings[0]?.message ?? '';
    expect(message).toContain('`${aws:username}`');
    expect(message).toContain('`arn:aws:s3:::home/${aws:username}/*`');
    expect(message).toContain('`${aws:userid}`');
  });

  it('reports a condition value too, whatever the case of the key', () => {
    const findings = run(
      'role',
      doc({
        Effect: 'Allow',
        Action: 's3:ListBucket',
        Resource: 'arn:aws:s3:::home',
        Condition: { StringLike: { 's3:prefix': ['${AWS:UserName}/*'] } },
      }),
    );
    expect(findings.map((f) => f.location.pointer)).toEqual(['/Statement/0/Condition/StringLike/s3:prefix']);
  });

  it.each([
    ['the same policy of a user', 'user', folder('arn:aws:s3:::home/${aws:username}/*')],
    ['a variable with a default', 'role', folder("arn:aws:s3:::home/${aws:username, 'nobody'}/*")],
    ['a variable a role session has', 'role', folder('arn:aws:s3:::home/${aws:userid}/*')],
    [
      'a policy of Version 2008-10-17, which substitutes nothing',
      'role',
      folder('arn:aws:s3:::home/${aws:username}/*', '2008-10-17'),
    ],
  ] as const)('says nothing about %s', (_name, kind, document) => {
    expect(run(kind, document)).toEqual([]);
  });
});

describe('messages quoting values known after deploy', () => {
  // An adapter's provenance quotes names itself; a message quoting the whole value must not end
  // its quote inside the provenance.
  const named = (source: string): SymbolicValue => new SymbolicValue(['arn:aws:s3:::', { id: 'Data.Name', source }]);
  const messages = (document: unknown): string[] => lint(document, 'identity', VALIDITY_RULES).map((f) => f.message);

  it('drop the backticks of a provenance inside a quoted value', () => {
    const [message] = messages(
      doc({ Effect: 'Allow', Action: 's3:GetObject', Resource: named('the name of bucket `Data`') }),
    );
    expect(message).toContain('`arn:aws:s3:::${the name of bucket Data}`');
  });

  it('keep a provenance holding braces whole', () => {
    const [message] = messages(
      doc({ Effect: 'Allow', Action: 's3:GetObject', Resource: named('the value of `jsonencode({ a = "b" })`') }),
    );
    expect(message).toContain('`arn:aws:s3:::${the value of jsonencode({ a = "b" })}`');
  });

  it('leave a policy variable and a quote outside any value as written', () => {
    const [message] = messages(
      doc({ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::home/${aws:usrname}/*' }),
    );
    expect(message).toContain('policy variable `${aws:usrname}`');
  });

  it('leave an unclosed variable as written, even before a quoted brace', () => {
    const [message] = messages(
      doc({ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::home/${aws:userid/*' }),
    );
    expect(message).toContain('`arn:aws:s3:::home/${aws:userid/*` has no closing `}`');
  });
});

describe('policy-validity/redundant-value on a value written twice', () => {
  const messages = (statement: unknown): string[] =>
    lint(doc(statement), 'identity', ['policy-validity/redundant-value']).map((f) => f.message);

  it.each([
    [
      'an action, spelt in another case',
      { Action: ['ec2:DescribeVpcs', 'ec2:describevpcs'], Resource: '*' },
      'action `ec2:describevpcs` is listed twice',
    ],
    [
      'an action pattern',
      { Action: ['ec2:Describe*', 'ec2:Describe*'], Resource: '*' },
      'action `ec2:Describe*` is listed twice',
    ],
    [
      'a resource',
      { Action: 's3:GetObject', Resource: ['arn:aws:s3:::a/*', 'arn:aws:s3:::a/*'] },
      'resource `arn:aws:s3:::a/*` is listed twice',
    ],
  ])('says %s is listed twice, not covered by itself', (_name, statement, expected) => {
    expect(messages({ Effect: 'Allow', ...statement })).toEqual([expect.stringContaining(expected)]);
  });

  it('still names the wider value that covers a narrower one', () => {
    expect(messages({ Effect: 'Allow', Action: ['ec2:Describe*', 'ec2:DescribeVpcs'], Resource: '*' })).toEqual([
      expect.stringContaining('action `ec2:DescribeVpcs` is already covered by `ec2:Describe*`'),
    ]);
  });
});

describe('policy-validity/condition-type-mismatch on keys whose catalog type the service guide corrects', () => {
  const on = (operator: string, key: string, values: unknown): string[] =>
    lint(
      doc({ Effect: 'Allow', Action: 'events:PutRule', Resource: '*', Condition: { [operator]: { [key]: values } } }),
      'identity',
      ['policy-validity/condition-type-mismatch'],
    ).map((f) => f.message);
  it.each<[string, string, string, unknown, string[]]>([
    [
      '`StringEquals` on `events:source`, as the EventBridge guide writes it',
      'StringEquals',
      'events:source',
      ['aws.ec2', 'aws.ecs'],
      [],
    ],
    [
      "`StringEqualsIfExists` on `events:source`, the guide's event bus example",
      'StringEqualsIfExists',
      'events:source',
      'com.example.store',
      [],
    ],
    [
      '`ForAllValues:StringEquals` on `events:source`: a rule of any of the sources',
      'ForAllValues:StringEquals',
      'events:source',
      ['aws.ec2', 'aws.ecs'],
      [],
    ],
    [
      '`StringEquals` on `events:detail-type`, which the guide gives one value too',
      'StringEquals',
      'events:detail-type',
      'EC2 Instance State-change Notification',
      [],
    ],
    [
      '`StringEquals` on `aws:TagKeys`, multi-valued in the catalog and in its guide: still reported',
      'StringEquals',
      'aws:TagKeys',
      ['team'],
      ['condition key `aws:TagKeys` has several values; `StringEquals` needs `ForAllValues:` or `ForAnyValue:`'],
    ],
    [
      '`StringEquals` on `events:TargetArn` (catalog `ArrayOfARN`, not corrected): still reported',
      'StringEquals',
      'events:TargetArn',
      'arn:aws:lambda:eu-west-1:111122223333:function:f',
      ['condition key `events:TargetArn` has several values; `StringEquals` needs `ForAllValues:` or `ForAnyValue:`'],
    ],
  ])('%s', (_name, operator, key, values, expected) => {
    expect(on(operator, key, values)).toEqual(expected);
  });
});
