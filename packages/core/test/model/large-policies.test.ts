/** Validating policies as large as generated trust policies make them, issue by issue. */
import { parsePolicy, validatePolicy } from '@iamgate/core';

const GITHUB = 'arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com';
const GITLAB = 'arn:aws:iam::111122223333:oidc-provider/gitlab.com';

describe('a trust policy of thousands of statements', () => {
  // One statement per repository, as a generated CI trust policy has them, and two statements
  // that tag sessions: one whose sts:TagSession another statement of its principal allows, one
  // whose principal no statement allows to tag.
  const repos = Array.from({ length: 6000 }, (_, i) => ({
    Effect: 'Allow',
    Principal: { Federated: GITHUB },
    Action: 'sts:AssumeRoleWithWebIdentity',
    Condition: { StringLike: { 'token.actions.githubusercontent.com:sub': `repo:acme/service-${i}:*` } },
  }));
  const tagged = (federated: string, claim: string): object => ({
    Effect: 'Allow',
    Principal: { Federated: federated },
    Action: 'sts:AssumeRoleWithWebIdentity',
    Condition: { StringEquals: { [`${claim}:sub`]: 'deploy', 'aws:RequestTag/team': 'platform' } },
  });
  const policy = {
    Version: '2012-10-17',
    Statement: [
      ...repos,
      tagged(GITHUB, 'token.actions.githubusercontent.com'),
      { Effect: 'Allow', Principal: { Federated: GITHUB }, Action: 'sts:TagSession' },
      tagged(GITLAB, 'gitlab.com'),
    ],
  };

  it('says the one statement that tags sessions its principal may not tag', () => {
    const parsed = parsePolicy(policy, { type: 'trust' });
    if (!parsed.ok) throw new Error(`expected a valid policy: ${JSON.stringify(parsed.issues)}`);
    const companions = validatePolicy(parsed.value, { type: 'trust' }).filter(
      (i) => i.code === 'missing-companion-action',
    );
    expect(companions.map((i) => [i.pointer, i.message])).toEqual([
      [
        '/Statement/6002/Action',
        "condition key `aws:RequestTag/team` needs `sts:TagSession` in the statement's actions; without it the role cannot be assumed this way",
      ],
    ]);
  });
});
