import { queueArnOfUrl } from '../src/resource-policies';

describe('the ARN of an SQS queue from its URL', () => {
  it.each([
    [
      'a regional endpoint',
      'https://sqs.eu-west-1.amazonaws.com/111122223333/jobs',
      'arn:aws:sqs:eu-west-1:111122223333:jobs',
    ],
    [
      'a FIFO queue',
      'https://sqs.us-east-2.amazonaws.com/111122223333/orders.fifo',
      'arn:aws:sqs:us-east-2:111122223333:orders.fifo',
    ],
    [
      'a China region',
      'https://sqs.cn-north-1.amazonaws.com.cn/111122223333/jobs',
      'arn:aws-cn:sqs:cn-north-1:111122223333:jobs',
    ],
    [
      'a legacy regional endpoint',
      'https://eu-west-1.queue.amazonaws.com/111122223333/jobs',
      'arn:aws:sqs:eu-west-1:111122223333:jobs',
    ],
    [
      'the legacy global endpoint',
      'https://queue.amazonaws.com/111122223333/jobs',
      'arn:aws:sqs:us-east-1:111122223333:jobs',
    ],
    ['not a queue URL', 'arn:aws:sqs:eu-west-1:111122223333:jobs', undefined],
    ['an account that is not 12 digits', 'https://sqs.eu-west-1.amazonaws.com/1234/jobs', undefined],
  ])('%s', (_, url, arn) => {
    expect(queueArnOfUrl(url)).toBe(arn);
  });
});
