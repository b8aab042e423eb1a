/** The role pattern a `pass-role-wildcard` finding names, among the other resources of its statement. */
import { doc, runOnPolicy } from './helpers';

describe('pass-role-wildcard names the resource that covers every role', () => {
  it.each([
    [
      'an S3 pattern with a `*` before the role pattern',
      ['arn:aws:s3:::acme-data/releases/*', 'arn:aws:iam::111122223333:role/*'],
      'arn:aws:iam::111122223333:role/*',
    ],
    [
      'a path of roles before every role',
      ['arn:aws:iam::111122223333:role/app/*', 'arn:aws:iam::*:role/*'],
      'arn:aws:iam::*:role/*',
    ],
    ['`*` alone', ['*'], '*'],
  ])('%s', (_name, resources, shown) => {
    const findings = runOnPolicy(
      doc({ Effect: 'Allow', Action: ['s3:PutObject', 'iam:PassRole'], Resource: resources }),
      ['privilege-escalation/pass-role-wildcard'],
    );
    expect(findings.map((f) => f.message)).toEqual([
      `policy \`policy\` may pass any role (\`iam:PassRole\` on \`${shown}\`), and so act with the permissions of any role`,
    ]);
  });
});
