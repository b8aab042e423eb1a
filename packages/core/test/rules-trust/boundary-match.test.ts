/** Matching permissions boundary ARNs, known or known only after deploy, against approved patterns. */
import { SymbolicValue } from '../../src/model/symbolic';
import type { PolicyValue } from '../../src/model/symbolic';
import { matchBoundary } from '../../src/rules/trust/boundary';
import type { Tristate } from '../../src/match/value';

const partition = { id: 'partition', source: 'AWS::Partition' };
const account = { id: 'account', source: 'AWS::AccountId' };
const cdkArn = (tail: string): SymbolicValue =>
  new SymbolicValue(['arn:', partition, ':iam::', account, `:policy${tail}`]);
const opaque = new SymbolicValue([{ id: 'b', source: 'the ARN of policy Boundary' }]);

const cases: readonly [string, string, PolicyValue, Tristate][] = [
  [
    'a concrete ARN under an approved path',
    'arn:aws:iam::*:policy/boundaries/*',
    'arn:aws:iam::111122223333:policy/boundaries/app',
    'match',
  ],
  [
    'a concrete ARN elsewhere',
    'arn:aws:iam::*:policy/boundaries/*',
    'arn:aws:iam::111122223333:policy/app',
    'no-match',
  ],
  ['a CDK ARN matched by its path and name', 'arn:aws:iam::*:policy/boundaries/*', cdkArn('/boundaries/app'), 'match'],
  ['a CDK ARN with another name', 'arn:aws:iam::*:policy/app-boundary', cdkArn('/other'), 'no-match'],
  [
    'a CDK ARN against a pattern naming the account',
    'arn:aws:iam::111122223333:policy/app-boundary',
    cdkArn('/app-boundary'),
    'unknown',
  ],
  ['an ARN wholly unknown before deploy', 'arn:aws:iam::*:policy/app-boundary', opaque, 'unknown'],
];

describe('matchBoundary', () => {
  it.each(cases)('%s', (_name, pattern, arn, expected) => {
    expect(matchBoundary(pattern, arn)).toBe(expected);
  });
});
