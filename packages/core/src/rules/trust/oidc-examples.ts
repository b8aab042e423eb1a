/** Trust policy documents the examples of the OIDC rules share. */

const GITHUB_PROVIDER = 'arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com';

/** A trust policy that lets GitHub Actions tokens meeting `condition` assume the role. */
export function githubTrust(condition: unknown): unknown {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Federated: GITHUB_PROVIDER },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: condition,
      },
    ],
  };
}
