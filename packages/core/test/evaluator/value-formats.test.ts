/**
 * The evaluator and `iamgate lint` agree on which condition values an operator can read: a value
 * lint reports as not of the operator's type (`condition-value-format`) never matches, even
 * itself (the address of itself, for a CIDR range), and a value lint accepts matches itself.
 */
import { evaluate, parsePolicy, validatePolicy } from '@iamgate/core';

const KEY = 'x:value';

function policyWith(operator: string, value: string) {
  const parsed = parsePolicy({
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Action: 's3:GetObject', Resource: '*', Condition: { [operator]: { [KEY]: value } } },
    ],
  });
  if (!parsed.ok) throw new Error('the policy does not parse');
  return parsed.value;
}

const lintAccepts = (operator: string, value: string): boolean =>
  !validatePolicy(policyWith(operator, value), { type: 'identity' }).some((i) => i.code === 'condition-value-format');

const matches = (operator: string, value: string, requestValue: string): boolean =>
  evaluate(
    {
      principal: 'arn:aws:iam::123456789012:user/dana',
      action: 's3:GetObject',
      resource: '*',
      context: { [KEY]: requestValue },
    },
    { identityPolicies: [policyWith(operator, value)] },
  ).decision === 'Allowed';

const matchesItself = (operator: string, value: string): boolean =>
  evaluate(
    {
      principal: 'arn:aws:iam::123456789012:user/dana',
      action: 's3:GetObject',
      resource: '*',
      context: { [KEY]: operator === 'IpAddress' ? (value.split('/')[0] ?? value) : value },
    },
    { identityPolicies: [policyWith(operator, value)] },
  ).decision === 'Allowed';

describe.each([
  [
    'DateEquals',
    [
      '2026',
      '2026-04',
      '2026-04-01',
      '2026-04-01T10:00Z',
      '2026-04-01T10:00:00',
      '2026-04-01T10:00:00.250+02:00',
      '2026-04-01T10:00:00-0530',
      '2026-12-31T23:59:60Z',
      '1767225600',
      '2026-02-29',
      '2026-13-01',
      '2026-04-01 10:00:00',
      '2026-04-01t10:00:00Z',
      '2026-04-01T10:00:00+01',
      '2026-04-01T24:00:00Z',
      '2026-04-01junk',
      'yesterday',
    ],
  ],
  ['Bool', ['true', 'FALSE', 'True', 'yes', '1', '']],
  ['NumericEquals', ['10', '-2.5', '+3', '.5', '1e3', '0x10', '0b101', 'Infinity', 'ten', '']],
  [
    'IpAddress',
    [
      '10.0.0.1',
      '10.0.0.0/8',
      '2001:db8::1',
      '2001:db8::/32',
      '::ffff:10.0.0.0/104',
      '::',
      '1:2:3:4:5:6:7:8',
      '10.0.0.0/33',
      '256.0.0.1',
      '10.0.0',
      '2001:db8:::1',
      '2001:db8::1::2',
      '1:2:3:4:5:6:7:8:9',
      '1:2:3:4:5:6:7',
      '2001:db8::/129',
      '10.0.0.0/8 ',
      ' 10.0.0.1',
      '10.0.0.0/',
    ],
  ],
])('%s', (operator, values) => {
  it.each(values)('%s', (value) => {
    expect(matchesItself(operator, value)).toBe(lintAccepts(operator, value));
  });
});

// An ARN value is a pattern: each row pairs it with an ARN its text describes (what StringLike
// would match), which it matches exactly when lint accepts it.
describe.each(['ArnLike', 'ArnEquals'])('%s', (operator) => {
  it.each([
    ['arn:aws:sqs:us-east-1:123456789012:jobs', 'arn:aws:sqs:us-east-1:123456789012:jobs'],
    ['arn:aws:sqs:*:123456789012:*', 'arn:aws:sqs:us-east-1:123456789012:jobs'],
    ['*:*:sqs:*:123456789012:jobs', 'arn:aws:sqs:us-east-1:123456789012:jobs'],
    ['ar?:aws:s3:::logs/*', 'arn:aws:s3:::logs/2026/app.log'],
    ['*', 'arn:aws:sqs:us-east-1:123456789012:jobs'],
    ['arn:aws:sqs:*', 'arn:aws:sqs:us-east-1:123456789012:jobs'],
    ['arn:aws:iam::123456789012', 'arn:aws:iam::123456789012'],
    ['ARN:aws:sqs:us-east-1:123456789012:jobs', 'arn:aws:sqs:us-east-1:123456789012:jobs'],
    ['arn', 'arn'],
  ])('%s', (value, arn) => {
    expect(matches(operator, value, arn)).toBe(lintAccepts(operator, value));
  });
});
