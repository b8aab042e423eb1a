/**
 * Inputs as large as generated infrastructure makes them: a check asked for every statement of a
 * principal must not read all its statements again each time (the scan would grow with the
 * square of the input and hang a pipeline).
 */
import { runGuard } from '../../src/analysis/engine';
import type { Finding } from '../../src/analysis/finding';
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
