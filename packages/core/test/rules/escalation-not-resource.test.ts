/**
 * A grant on every role (user) but those a `NotResource` keeps out is not one on "any role": the
 * messages name the excluded ones briefly (path and name, the first three), and the evidence lists
 * them; values the action cannot act on (a bucket beside `iam:PassRole`) exclude nothing.
 */
import { runGuard } from '../../src/analysis/engine';
import { ESCALATION_CONFIG } from './escalation-config';

const V = '2012-10-17';
const ROLE = (name: string): string => `arn:aws:iam::111122223333:role/${name}`;
const CREATE_AND_RUN = { Effect: 'Allow', Action: ['lambda:CreateFunction', 'lambda:InvokeFunction'], Resource: '*' };

/** `[rule name, excluded, message]` of each finding of `rules` on a policy of `statements`. */
function findings(statements: unknown[], rules: readonly string[]): [string, unknown, string][] {
  const document = { Version: V, Statement: statements };
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
    .filter((f) => rules.includes(f.ruleId))
    .map((f) => [f.ruleId.split('/')[1] ?? '', f.evidence?.['excluded'], f.message]);
}

const PASS_RULES = ['privilege-escalation/pass-role-to-service', 'privilege-escalation/pass-role-wildcard'];

describe('every role but some, said so', () => {
  it.each<[string, unknown[], readonly string[], [string, unknown, string][]]>([
    [
      'PassRole on every role but two, with Lambda: both messages name them by name',
      [{ Effect: 'Allow', Action: 'iam:PassRole', NotResource: [ROLE('admin'), ROLE('prod-*')] }, CREATE_AND_RUN],
      PASS_RULES,
      [
        [
          'pass-role-to-service',
          ['admin', 'prod-*'],
          'policy `p` can run code as any role but `admin`, `prod-*` with `iam:PassRole` + `lambda:CreateFunction` + `lambda:InvokeFunction` (escalation path `lambda-001`)',
        ],
        [
          'pass-role-wildcard',
          ['admin', 'prod-*'],
          'policy `p` may pass every role but `admin`, `prod-*` (`iam:PassRole` with `NotResource`), and so act with the permissions of any other role',
        ],
      ],
    ],
    [
      'a role under a path, and a bucket that is no role: the path kept, the bucket left out',
      [
        { Effect: 'Allow', Action: 'iam:PassRole', NotResource: [ROLE('ops/breakglass'), 'arn:aws:s3:::logs/*'] },
        CREATE_AND_RUN,
      ],
      ['privilege-escalation/pass-role-to-service'],
      [
        [
          'pass-role-to-service',
          ['ops/breakglass'],
          'policy `p` can run code as any role but `ops/breakglass` with `iam:PassRole` + `lambda:CreateFunction` + `lambda:InvokeFunction` (escalation path `lambda-001`)',
        ],
      ],
    ],
    [
      'more than three excluded: the first three and a count',
      [{ Effect: 'Allow', Action: 'iam:PassRole', NotResource: ['a', 'b', 'c', 'd'].map(ROLE) }, CREATE_AND_RUN],
      ['privilege-escalation/pass-role-wildcard'],
      [
        [
          'pass-role-wildcard',
          ['a', 'b', 'c', 'd'],
          'policy `p` may pass every role but `a`, `b`, `c` and 1 more (`iam:PassRole` with `NotResource`), and so act with the permissions of any other role',
        ],
      ],
    ],
    [
      'only a bucket excluded: still any role',
      [{ Effect: 'Allow', Action: 'iam:PassRole', NotResource: 'arn:aws:s3:::logs/*' }, CREATE_AND_RUN],
      ['privilege-escalation/pass-role-to-service'],
      [
        [
          'pass-role-to-service',
          undefined,
          'policy `p` can run code as any role with `iam:PassRole` + `lambda:CreateFunction` + `lambda:InvokeFunction` (escalation path `lambda-001`)',
        ],
      ],
    ],
    [
      'AssumeRole on every role but the break-glass one',
      [{ Effect: 'Allow', Action: 'sts:AssumeRole', NotResource: ROLE('breakglass') }],
      ['privilege-escalation/assume-any-role'],
      [
        [
          'assume-any-role',
          ['breakglass'],
          'policy `p` may assume any role but `breakglass` that trusts its account (`sts:AssumeRole` with `NotResource`, escalation path `sts-001`)',
        ],
      ],
    ],
    [
      'access keys of every user but the automation one',
      [{ Effect: 'Allow', Action: 'iam:CreateAccessKey', NotResource: 'arn:aws:iam::111122223333:user/automation' }],
      ['privilege-escalation/user-credentials'],
      [
        [
          'user-credentials',
          ['automation'],
          'policy `p` can obtain the credentials of any user but `automation` with `iam:CreateAccessKey` (escalation path `iam-002`)',
        ],
      ],
    ],
  ])('%s', (_name, statements, rules, expected) => {
    expect(findings(statements, rules)).toEqual(expected);
  });
});
