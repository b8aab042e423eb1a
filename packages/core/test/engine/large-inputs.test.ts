/**
 * Inputs as large as generated infrastructure makes them: a check asked for every statement of a
 * principal must not read all its statements again each time (the scan would grow with the
 * square of the input and hang a pipeline).
 */
import { runGuard } from '../../src/analysis/engine';
import type { Finding } from '../../src/analysis/finding';
import type { AttachedPolicy, PrincipalInput } from '../../src/analysis/input';
import { doc, input, only, role, source } from './helpers';

const WRITE_ON_STAR = 'wildcard-resource/write-on-star';

function writeFindings(findings: readonly Finding[]): Finding[] {
  return findings.filter((f) => f.ruleId === WRITE_ON_STAR);
}

describe('a principal with thousands of statements', () => {
  // Each policy allows one write on every resource; a Deny outside the team's bucket confines
  // the deletes, so only the puts are writes on every resource.
  const policies = Array.from({ length: 2000 }, (_, i) =>
    source(
      `aws_iam_role_policy.p${i}`,
      doc({ Effect: 'Allow', Action: i % 2 === 0 ? 'dynamodb:*' : 's3:Delete*', Resource: '*' }),
    ),
  );
  const confine = source(
    'aws_iam_role_policy.confine',
    doc({ Effect: 'Deny', Action: 's3:Delete*', NotResource: 'arn:aws:s3:::team-bucket/*' }),
  );

  it('a Deny outside one bucket confines the writes of every policy, each checked once', () => {
    const result = runGuard(
      input({ principals: [role('aws_iam_role.app', [...policies, confine])] }),
      only([WRITE_ON_STAR]),
    );
    const found = writeFindings(result.findings);
    expect(found).toHaveLength(1000);
    expect(new Set(found.map((f) => f.location.address))).toEqual(
      new Set(policies.filter((_, i) => i % 2 === 0).map((p) => p.id)),
    );
    expect(found.every((f) => f.message.includes('dynamodb:') && !f.message.includes('s3:Delete'))).toBe(true);
  });

  it('one policy of thousands of statements: the Deny among them confines the deletes', () => {
    const statements = policies.map((_, i) => ({
      Effect: 'Allow',
      Action: i % 2 === 0 ? 'dynamodb:*' : 's3:Delete*',
      Resource: '*',
    }));
    const deny = { Effect: 'Deny', Action: 's3:Delete*', NotResource: 'arn:aws:s3:::team-bucket/*' };
    const result = runGuard(
      input({ principals: [role('aws_iam_role.app', [source('aws_iam_role_policy.big', doc(...statements, deny))])] }),
      only([WRITE_ON_STAR]),
    );
    const found = writeFindings(result.findings);
    expect(found).toHaveLength(1000);
    expect(new Set(found.map((f) => f.location.pointer))).toEqual(
      new Set(statements.flatMap((_, i) => (i % 2 === 0 ? [`/Statement/${i}`] : []))),
    );
  });
});

describe('a policy of thousands of statements open to everyone', () => {
  it('a Deny outside one VPC endpoint keeps the reads it covers private, the writes beside them still public', () => {
    const statements = Array.from({ length: 12000 }, (_, i) => ({
      Effect: 'Allow',
      Principal: '*',
      Action: i % 2 === 0 ? 's3:PutObject' : 's3:GetObject',
      Resource: `arn:aws:s3:::reports/team-${i}/*`,
    }));
    const endpointOnly = {
      Effect: 'Deny',
      Principal: '*',
      Action: 's3:GetObject',
      Resource: 'arn:aws:s3:::reports/*',
      Condition: { StringNotEquals: { 'aws:SourceVpce': 'vpce-0123abcd' } },
    };
    const result = runGuard(
      input({
        policies: [{ policy: source('reports-policy.json', doc(...statements, endpointOnly)), type: 'resource' }],
      }),
      only(['resource-exposure/public-principal']),
    );
    expect(result.findings).toHaveLength(6000);
    expect(new Set(result.findings.map((f) => f.location.pointer))).toEqual(
      new Set(statements.flatMap((_, i) => (i % 2 === 0 ? [`/Statement/${i}`] : []))),
    );
  });
});

describe('thousands of roles attaching the same AWS managed policies', () => {
  const managed = (name: string): AttachedPolicy => ({
    kind: 'aws-managed',
    arn: `arn:aws:iam::aws:policy/${name}`,
  });
  const attaching = (id: string, names: readonly string[], extra: Partial<PrincipalInput> = {}): PrincipalInput => ({
    ...role(id, []),
    policies: names.map(managed),
    ...extra,
  });
  const readers = Array.from({ length: 400 }, (_, i) => attaching(`aws_iam_role.reader${i}`, ['ReadOnlyAccess']));
  const admins = Array.from({ length: 200 }, (_, i) => attaching(`aws_iam_role.admin${i}`, ['AdministratorAccess']));
  const powerUsers = Array.from({ length: 100 }, (_, i) => attaching(`aws_iam_role.power${i}`, ['PowerUserAccess']));
  // After the others, so that what was found for them is at hand: it must not be taken as theirs.
  const denied = attaching('aws_iam_role.denied', ['PowerUserAccess'], {
    policies: [
      managed('PowerUserAccess'),
      {
        kind: 'inline',
        policy: source(
          'aws_iam_role_policy.deny',
          doc({ Effect: 'Deny', Action: ['sts:AssumeRole', 's3:GetObject'], Resource: '*' }),
        ),
      },
    ],
  });
  const reads = {
    arn: 'arn:aws:iam::111122223333:policy/reads',
    policy: source(
      'aws_iam_policy.reads',
      doc({ Effect: 'Allow', Action: ['s3:GetObject', 'dynamodb:Query'], Resource: '*' }),
    ),
  };
  const bounded = attaching('aws_iam_role.bounded', ['PowerUserAccess'], { permissionsBoundary: reads });
  const boundedToo = attaching('aws_iam_role.bounded_too', ['PowerUserAccess'], { permissionsBoundary: reads });
  const result = runGuard(
    input({ principals: [...readers, ...admins, ...powerUsers, denied, bounded, boundedToo] }),
    {},
  );
  const byPrincipal = new Map<string, Finding[]>();
  for (const finding of result.findings) {
    const list = byPrincipal.get(finding.principal ?? '') ?? [];
    byPrincipal.set(finding.principal ?? '', [...list, finding]);
  }
  // The findings of a principal as said of any principal (its own name replaced), in one order.
  const said = (principal: PrincipalInput): string[] =>
    (byPrincipal.get(principal.id) ?? [])
      .map((f) =>
        JSON.stringify([
          f.ruleId,
          f.message.split(`\`${principal.id}\``).join('`ROLE`'),
          f.location.pointer,
          f.evidence,
        ]),
      )
      .sort();
  const wildcard = (pattern: string): RegExp =>
    new RegExp(
      `^${pattern
        .replace(/[.+^$()|[\]\\{}]/g, '\\$&')
        .replace(/\*/g, '.*')
        .replace(/\?/g, '.')}$`,
      'i',
    );

  it('each role reading everything is reported as the first one is, its evidence naming the patterns that grant each action', () => {
    const first = readers[0] as PrincipalInput;
    const findings = byPrincipal.get(first.id) ?? [];
    // The credentials of statement 0; the reads of statement 0 and 1, and the API keys apart.
    expect(findings.map((f) => `${f.ruleId} ${f.location.pointer ?? ''}`).sort()).toEqual([
      'credentials-exposure/unscoped-credential-action /Statement/0',
      'data-exfiltration/unscoped-read /Statement/0',
      'data-exfiltration/unscoped-read /Statement/0',
      'data-exfiltration/unscoped-read /Statement/1',
    ]);
    for (const finding of findings) {
      expect(finding.message).toContain('(in AWS managed policy `ReadOnlyAccess`)');
      const actions = finding.evidence?.['actions'] as string[];
      const patterns = (finding.evidence?.['grantedBy'] as { action: string[] }).action;
      expect(actions.length).toBeGreaterThan(0);
      // Every action is granted by a listed pattern, and every listed pattern grants one.
      for (const action of actions) expect(patterns.some((p) => wildcard(p).test(action))).toBe(true);
      for (const pattern of patterns) expect(actions.some((a) => wildcard(pattern).test(a))).toBe(true);
    }
    expect(
      findings.find((f) => f.ruleId === 'credentials-exposure/unscoped-credential-action')?.evidence?.['actions'],
    ).toContain('ec2:GetPasswordData');
    for (const reader of readers) expect(said(reader)).toEqual(said(first));
  });

  it('each administrator is reported once, as having full access', () => {
    for (const admin of admins)
      expect((byPrincipal.get(admin.id) ?? []).map((f) => [f.ruleId, f.message])).toEqual([
        [
          'admin-access/full-access',
          `role \`${admin.id}\` is allowed every action on every resource (\`"Action": "*"\`, \`"Resource": "*"\`) (in AWS managed policy \`AdministratorAccess\`)`,
        ],
      ]);
  });

  it('a deny or a boundary of one role among many holding the same policy changes only its own findings', () => {
    const rules = (principal: PrincipalInput): string[] =>
      [...new Set((byPrincipal.get(principal.id) ?? []).map((f) => f.ruleId))].sort();
    const readsOf = (principal: PrincipalInput): string[] =>
      (byPrincipal.get(principal.id) ?? [])
        .filter((f) => f.ruleId === 'data-exfiltration/unscoped-read')
        .flatMap((f) => f.evidence?.['actions'] as string[])
        .sort();
    const plain = powerUsers[0] as PrincipalInput;
    for (const power of powerUsers) expect(said(power)).toEqual(said(plain));
    expect(rules(plain)).toContain('privilege-escalation/assume-any-role');
    expect(readsOf(plain)).toContain('s3:GetObject');
    expect(rules(denied)).toEqual(rules(plain).filter((id) => id !== 'privilege-escalation/assume-any-role'));
    expect(readsOf(denied)).toEqual(readsOf(plain).filter((a) => a !== 's3:GetObject'));
    expect(rules(bounded)).toEqual([
      'admin-access/not-action-allow',
      'data-exfiltration/unscoped-read',
      'wildcard-action/service-wildcard',
    ]);
    expect(readsOf(bounded)).toEqual(['dynamodb:Query', 's3:GetObject']);
    expect(said(boundedToo)).toEqual(said(bounded));
  });
});

describe('roles sharing a customer managed policy that names one of them', () => {
  it('only the role the policy names may change its own permissions', () => {
    const ops = source(
      'aws_iam_policy.ops',
      doc({ Effect: 'Allow', Action: 'iam:PutRolePolicy', Resource: 'arn:aws:iam::111122223333:role/self' }),
      {
        id: 'arn:aws:iam::111122223333:policy/ops',
      },
    );
    const holder = (name: string): PrincipalInput => ({
      ...role(`aws_iam_role.${name}`, []),
      arn: `arn:aws:iam::111122223333:role/${name}`,
      policies: [{ kind: 'managed', arn: ops.id, policy: ops }],
    });
    const principals = [holder('other'), holder('self'), holder('another')];
    const result = runGuard(input({ principals }), only(['privilege-escalation/iam-policy-modification']));
    expect(result.findings.map((f) => [f.principal, f.message])).toEqual([
      [
        'aws_iam_role.self',
        'role `aws_iam_role.self` can change its own permissions with `iam:PutRolePolicy` on itself (escalation path `iam-005`)',
      ],
    ]);
  });
});
