/**
 * The partition a principal's policies are read in (`partitionReading`): the ARNs first, then the
 * Regions the statements let it act in, then the Region the deployment creates it in, else `aws`
 * assumed.
 */
import { partitionReading } from '../../src/catalog/requested-region';
import { parsePolicy } from '../../src/model/parse';
import type { Statement } from '../../src/model/policy';

function statements(document: unknown): readonly Statement[] {
  const parsed = parsePolicy(document, { type: 'identity' });
  if (!parsed.ok) throw new Error('bad example');
  return parsed.value.statements;
}

const DENIED_IN_US_EAST_1 = statements({
  Version: '2012-10-17',
  Statement: [
    { Effect: 'Allow', Action: 'iam:*', Resource: '*' },
    {
      Effect: 'Deny',
      Action: 'iam:*',
      Resource: '*',
      Condition: { StringEquals: { 'aws:RequestedRegion': 'us-east-1' } },
    },
  ],
});
const ALLOWED_IN_CHINA = statements({
  Version: '2012-10-17',
  Statement: [
    { Effect: 'Allow', Action: 'iam:*', Resource: '*', Condition: { StringLike: { 'aws:RequestedRegion': 'cn-*' } } },
  ],
});

describe('partitionReading', () => {
  it.each<[string, readonly string[], readonly Statement[], string | undefined, unknown]>([
    ['nothing names one: aws, assumed', [], DENIED_IN_US_EAST_1, undefined, { partition: 'aws', assumed: true }],
    [
      'the deployment in cn-north-1, nothing else naming one: aws-cn, from that Region',
      [],
      DENIED_IN_US_EAST_1,
      'cn-north-1',
      { partition: 'aws-cn', assumed: false, region: 'cn-north-1' },
    ],
    [
      'the deployment in us-gov-west-1: aws-us-gov',
      ['*'],
      DENIED_IN_US_EAST_1,
      'us-gov-west-1',
      { partition: 'aws-us-gov', assumed: false, region: 'us-gov-west-1' },
    ],
    [
      'the deployment in eu-west-1: aws, not assumed',
      [],
      DENIED_IN_US_EAST_1,
      'eu-west-1',
      { partition: 'aws', assumed: false, region: 'eu-west-1' },
    ],
    [
      'an ARN names the partition: it wins over the deployment',
      ['arn:aws:iam::111122223333:role/ops'],
      DENIED_IN_US_EAST_1,
      'cn-north-1',
      { partition: 'aws', assumed: false },
    ],
    [
      'a Region the statements act in wins over the deployment',
      [],
      ALLOWED_IN_CHINA,
      'eu-west-1',
      { partition: 'aws-cn', assumed: false },
    ],
    [
      'a deployment Region written as a pattern names none',
      [],
      DENIED_IN_US_EAST_1,
      'cn-*',
      { partition: 'aws', assumed: true },
    ],
    [
      'the deployment in an ISO-E Region (eu-isoe-west-1): no partition of the three, aws assumed',
      [],
      DENIED_IN_US_EAST_1,
      'eu-isoe-west-1',
      { partition: 'aws', assumed: true },
    ],
    [
      'a deployment Region that is no Region name (a variable set to `europe`) names none',
      [],
      DENIED_IN_US_EAST_1,
      'europe',
      { partition: 'aws', assumed: true },
    ],
  ])('%s', (_name, arns, read, deployedIn, expected) => {
    expect(partitionReading(arns, read, deployedIn)).toEqual(expected);
  });
});
