/**
 * An AWS managed policy a principal attaches by ARN alone is read from the catalog the same way
 * wherever it is read: named as AWS names it, located where the attachment is written.
 */
import { catalogPolicySource } from '../../src/analysis/catalog-attachment';
import { defaultCatalog } from '../../src/analysis/default-catalog';
import type { AttachedPolicy, PrincipalInput } from '../../src/analysis/input';
import { parsePolicy } from '../../src/model/parse';
import { SymbolicValue } from '../../src/model/symbolic';
import { principalStatements } from '../../src/rules/data/grants';
import type { PolicySubject } from '../../src/rules/rule';

const SYSADMIN = 'arn:aws:iam::aws:policy/job-function/SystemAdministrator';
const catalog = defaultCatalog();
const awsManaged = (arn: string): unknown => catalog.awsManagedPolicy?.(arn);
const AT_PRINCIPAL = { address: 'aws_iam_user.dev' };

describe('the source of an attachment naming an AWS managed policy by ARN', () => {
  it.each<[string, AttachedPolicy, { id: string; name: string; location: unknown } | undefined]>([
    [
      'attached directly: named by the last segment of its ARN, located at the principal',
      { kind: 'aws-managed', arn: SYSADMIN },
      { id: SYSADMIN, name: 'SystemAdministrator', location: AT_PRINCIPAL },
    ],
    [
      'through a group, the attachment written elsewhere: located there',
      { kind: 'group', arn: SYSADMIN, via: 'ops', location: { address: 'aws_iam_group_policy_attachment.ops' } },
      { id: SYSADMIN, name: 'SystemAdministrator', location: { address: 'aws_iam_group_policy_attachment.ops' } },
    ],
    [
      'an ARN known only after deploy: none',
      { kind: 'aws-managed', arn: new SymbolicValue([{ id: 'var.policy', source: 'var.policy' }]) },
      undefined,
    ],
    ['an inline policy: none', { kind: 'inline' }, undefined],
  ])('%s', (_name, attachment, expected) => {
    const source = catalogPolicySource(attachment, awsManaged, AT_PRINCIPAL);
    expect(source === undefined ? undefined : { id: source.id, name: source.name, location: source.location }).toEqual(
      expected,
    );
    if (source !== undefined) expect(source.document).toBe(awsManaged(SYSADMIN));
  });
});

it('the statements a principal adds up name an AWS managed sibling as the engine does (`SystemAdministrator`)', () => {
  const own = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] };
  const inline: AttachedPolicy = {
    kind: 'inline',
    policy: { id: 'aws_iam_user_policy.dev', name: 'dev', location: AT_PRINCIPAL, document: own },
  };
  const principal: PrincipalInput = {
    id: 'aws_iam_user.dev',
    kind: 'user',
    name: 'dev',
    path: '/',
    arn: 'arn:aws:iam::111122223333:user/dev',
    policies: [inline, { kind: 'aws-managed', arn: SYSADMIN }],
    tags: {},
    location: AT_PRINCIPAL,
  };
  const subject: PolicySubject = {
    source: inline.policy!,
    type: 'identity',
    parsed: parsePolicy(own, { type: 'identity' }),
    principal,
    attachment: inline,
  };
  const names = new Set(principalStatements(subject, catalog).map((s) => s.policyName));
  expect([...names]).toEqual(['dev', 'SystemAdministrator']);
});
