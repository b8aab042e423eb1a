/**
 * A path that passes any role, beside a Deny of passing roles to the path's service that also tests
 * another key. When that key is one no request for `iam:PassRole` carries, the Deny is decided by its
 * absence (it closes the path, or never applies); when the request may carry it (MFA, the network),
 * the path is reported, saying which key it is open unless.
 */
import { runGuard } from '../../src/analysis/engine';
import { ESCALATION_CONFIG } from './escalation-config';

const V = '2012-10-17';
const GRANTS = [
  { Effect: 'Allow', Action: ['lambda:CreateFunction', 'lambda:InvokeFunction'], Resource: '*' },
  { Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' },
];

/** `path message-tail` of each pass-role-to-service finding on the grants and `deny`. */
function lambdaPaths(condition: Record<string, unknown>): string[] {
  const deny = { Effect: 'Deny', Action: 'iam:PassRole', Resource: '*', Condition: condition };
  const document = { Version: V, Statement: [...GRANTS, deny] };
  const result = runGuard(
    {
      principals: [],
      resources: [],
      policies: [{ type: 'identity', policy: { id: 'p', name: 'p', location: {}, document } }],
      errors: [],
    },
    ESCALATION_CONFIG,
  );
  return result.findings
    .filter((f) => f.ruleId === 'privilege-escalation/pass-role-to-service')
    .map((f) => `${String(f.evidence?.['path'])}${f.message.slice(f.message.indexOf(')') + 1)}`);
}

const TO_LAMBDA = { StringEquals: { 'iam:PassedToService': 'lambda.amazonaws.com' } };

describe('a Deny of passing roles to Lambda that tests another key', () => {
  it.each<[string, Record<string, unknown>, string[]]>([
    ['tested alone: the path is closed', TO_LAMBDA, []],
    [
      'only without MFA: open unless MFA decides',
      { ...TO_LAMBDA, BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } },
      ['lambda-001: open unless a Deny testing `aws:MultiFactorAuthPresent` refuses its `iam:PassRole`'],
    ],
    [
      'only off the office network: open unless the source address decides',
      { ...TO_LAMBDA, NotIpAddress: { 'aws:SourceIp': '203.0.113.0/24' } },
      ['lambda-001: open unless a Deny testing `aws:SourceIp` refuses its `iam:PassRole`'],
    ],
    [
      'unless the new role gets a boundary (`StringNotEquals` `iam:PermissionsBoundary`, which PassRole never carries): closed',
      { ...TO_LAMBDA, StringNotEquals: { 'iam:PermissionsBoundary': 'arn:aws:iam::111122223333:policy/b' } },
      [],
    ],
    [
      'only when the request names a boundary (`StringEquals` `iam:PermissionsBoundary`, never on PassRole): open, nothing to add',
      {
        StringEquals: {
          'iam:PassedToService': 'lambda.amazonaws.com',
          'iam:PermissionsBoundary': 'arn:aws:iam::111122223333:policy/b',
        },
      },
      ['lambda-001'],
    ],
  ])('%s', (_name, condition, expected) => {
    expect(lambdaPaths(condition)).toEqual(expected);
  });
});
