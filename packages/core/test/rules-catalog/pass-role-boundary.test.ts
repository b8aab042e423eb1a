/** `iam:PassRole` on every role under a permissions boundary that allows it on some roles only. */
import { SymbolicValue } from '../../src/model/symbolic';
import { parsePolicy } from '../../src/model/parse';
import { principalPermissions } from '../../src/analysis/permissions';
import { doc, inline, principal, runCatalog, source } from './helpers';

const PASS_ANY = { Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' };
const EVERYTHING = { Effect: 'Allow', Action: '*', Resource: '*' };

function passRoleFindings(boundary: unknown): string[] {
  const role = principal('Deployer', 'role', [inline('Deploy', doc(PASS_ANY))], {
    permissionsBoundary: { arn: 'arn:aws:iam::111122223333:policy/boundary', policy: source('Boundary', boundary) },
  });
  return runCatalog({ principals: [role] }, ['privilege-escalation/pass-role-wildcard']).map((f) => f.ruleId);
}

describe('pass-role-wildcard under a permissions boundary', () => {
  it.each([
    [
      'a boundary passing the roles of one path only',
      doc(
        { Effect: 'Allow', Action: 's3:*', Resource: '*' },
        { Effect: 'Allow', Action: 'iam:PassRole', Resource: 'arn:aws:iam::111122223333:role/app/*' },
      ),
    ],
    [
      'a boundary passing two named roles',
      doc({
        Effect: 'Allow',
        Action: ['iam:PassRole', 'lambda:*'],
        Resource: ['arn:aws:iam::111122223333:role/app-task', 'arn:aws:lambda:*:111122223333:function:*'],
      }),
    ],
    [
      'a boundary passing roles by tag',
      doc({
        Effect: 'Allow',
        Action: 'iam:PassRole',
        Resource: '*',
        Condition: { StringEquals: { 'iam:ResourceTag/team': 'app' } },
      }),
    ],
  ])('%s: the identity policy passes only what the boundary allows, no finding', (_name, boundary) => {
    expect(passRoleFindings(boundary)).toEqual([]);
  });

  it.each([
    ['a boundary allowing everything', doc(EVERYTHING)],
    [
      'a boundary allowing iam:PassRole on every role of the account',
      doc({ ...PASS_ANY, Resource: 'arn:aws:iam::111122223333:role/*' }),
    ],
    [
      'a boundary allowing it on every role of the account the stack deploys to',
      doc({
        ...PASS_ANY,
        Resource: new SymbolicValue(['arn:aws:iam::', { id: 'account', source: 'AWS::AccountId' }, ':role/*']),
      }),
    ],
    [
      'a boundary passing a path to one service, and every role to another',
      doc(
        { ...PASS_ANY, Resource: 'arn:aws:iam::111122223333:role/app/*' },
        { ...PASS_ANY, Condition: { StringEquals: { 'iam:PassedToService': 'ec2.amazonaws.com' } } },
      ),
    ],
  ])('%s: still every role', (_name, boundary) => {
    expect(passRoleFindings(boundary)).toEqual(['privilege-escalation/pass-role-wildcard']);
  });
});

describe('what a boundary naming resources known only after deploy blocks', () => {
  const boundary = doc({
    Effect: 'Allow',
    Action: ['iam:PassRole', 's3:GetObject'],
    Resource: new SymbolicValue(['arn:aws:iam::', { id: 'account', source: 'AWS::AccountId' }, ':role/app-*']),
  });
  const parsed = parsePolicy(boundary, { type: 'boundary' });
  const queries = principalPermissions([], {
    source: source('Boundary', boundary),
    type: 'boundary',
    parsed,
  });

  it('an action it allows on some resource is not blocked everywhere; one it does not allow is', () => {
    expect(queries.blockedEverywhere('iam:PassRole')).toBe('no');
    expect(queries.blockedEverywhere('iam:CreateRole')).toBe('yes');
  });
});

describe('escalation by passing any role, under a boundary that lets only some roles go', () => {
  const LAMBDA = { Effect: 'Allow', Action: ['lambda:CreateFunction', 'lambda:InvokeFunction'], Resource: '*' };
  const pathFindings = (boundary: unknown): string[] => {
    const role = principal('Deployer', 'role', [inline('Deploy', doc(PASS_ANY, LAMBDA))], {
      permissionsBoundary: { arn: 'arn:aws:iam::111122223333:policy/boundary', policy: source('Boundary', boundary) },
    });
    return runCatalog({ principals: [role] }, ['privilege-escalation/pass-role-to-service']).map((f) => f.ruleId);
  };

  it('roles of one path only: the path to any role is closed', () => {
    expect(
      pathFindings(
        doc(
          { Effect: 'Allow', Action: 'lambda:*', Resource: '*' },
          { Effect: 'Allow', Action: 'iam:PassRole', Resource: 'arn:aws:iam::111122223333:role/app/*' },
        ),
      ),
    ).toEqual([]);
  });

  it('every role of the account: still open', () => {
    expect(
      pathFindings(
        doc(
          { Effect: 'Allow', Action: 'lambda:*', Resource: '*' },
          { Effect: 'Allow', Action: 'iam:PassRole', Resource: 'arn:aws:iam::111122223333:role/*' },
        ),
      ),
    ).toEqual(['privilege-escalation/pass-role-to-service']);
  });
});
