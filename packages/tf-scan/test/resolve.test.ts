import { SymbolicValue, valueToString } from '@iamgate/core';
import { PlanIndex } from '../src/plan-index';
import { Resolver, jsonWithHoles } from '../src/resolve';
import { buildPlan } from './plan-builder';

const queue = { address: 'aws_sqs_queue.jobs', values: { name: 'jobs' }, unknown: { arn: true, id: true, url: true } };

describe('the region of the AWS provider in the ARNs the plan leaves unknown', () => {
  it.each([
    { behaviour: 'a constant', region: { constant_value: 'eu-west-3' }, variables: {}, arn: /^arn:aws:sqs:eu-west-3:/ },
    {
      behaviour: 'a root variable, with the value the plan lists',
      region: { references: ['var.region'] },
      variables: { region: { value: 'us-west-2' } },
      arn: /^arn:aws:sqs:us-west-2:/,
    },
    {
      behaviour: 'an expression the plan does not evaluate stays unknown',
      region: { references: ['local.region'] },
      variables: {},
      arn: /^arn:aws:sqs:\$\{the region of the AWS provider\}:/,
    },
  ])('$behaviour', ({ region, variables, arn }) => {
    const plan = buildPlan([queue], {
      variables,
      configuration: { provider_config: { aws: { name: 'aws', expressions: { region } } } },
    });
    const index = new PlanIndex(plan);
    const instance = index.get('aws_sqs_queue.jobs');
    if (instance === undefined) throw new Error('no queue');
    expect(valueToString(new Resolver(index).attribute(instance, 'arn'))).toMatch(arn);
  });
});

describe('a JSON text with holes as a document', () => {
  const arn = { id: 'aws_s3_bucket.b.arn', source: 'aws_s3_bucket.b.arn' };
  const text = (...parts: (string | typeof arn)[]): SymbolicValue => new SymbolicValue(parts);
  const render = (value: unknown): unknown =>
    JSON.parse(JSON.stringify(value, (_, v: unknown) => (v instanceof SymbolicValue ? valueToString(v) : v)));
  it.each([
    {
      behaviour: 'a hole inside a string stays a hole of that string',
      input: text('{"Statement":[{"Resource":["', arn, '", "', arn, '/*"]}]}'),
      document: { Statement: [{ Resource: ['${aws_s3_bucket.b.arn}', '${aws_s3_bucket.b.arn}/*'] }] },
    },
    { behaviour: 'a hole outside a string is no document', input: text('{"Resource":', arn, '}'), document: undefined },
    { behaviour: 'a hole in a key is no document', input: text('{"', arn, '":"x"}'), document: undefined },
    { behaviour: 'a text that is no JSON object is no document', input: text('["', arn, '"]'), document: undefined },
  ])('$behaviour', ({ input, document }) => {
    const result = jsonWithHoles(input);
    expect(result === undefined ? undefined : render(result)).toEqual(document);
  });
});

describe('the ARN of an OIDC provider created from the issuer of a cluster', () => {
  const issuer = ['identity[0].oidc[0].issuer', 'identity[0].oidc[0]', 'identity[0].oidc', 'identity[0]', 'identity'];
  const provider = (cluster: string): Parameters<typeof buildPlan>[0][number] => ({
    address: 'aws_iam_openid_connect_provider.this',
    values: { client_id_list: ['sts.amazonaws.com'] },
    unknown: { arn: true, id: true, url: true },
    expressions: { url: { references: [...issuer.map((step) => `${cluster}.${step}`), cluster] } },
  });
  it.each([
    {
      behaviour: 'a cluster created in the plan: its issuer id (and region) known only after apply, named after it',
      resources: [
        { address: 'aws_eks_cluster.this', values: { name: 'prod' }, unknown: { identity: true, arn: true } },
        provider('aws_eks_cluster.this'),
      ],
      arn:
        'arn:aws:iam::${the account of the AWS provider}:oidc-provider/oidc.eks.${the region of aws_eks_cluster.this}.' +
        '${the DNS suffix of the region of aws_eks_cluster.this}/id/${the OIDC issuer id of aws_eks_cluster.this}',
    },
    {
      behaviour: 'a cluster the plan read: its issuer as the plan shows it',
      resources: [
        {
          address: 'data.aws_eks_cluster.this',
          values: {
            name: 'prod',
            identity: [{ oidc: [{ issuer: 'https://oidc.eks.eu-west-1.amazonaws.com/id/0A1B' }] }],
          },
          prior: true,
        },
        provider('data.aws_eks_cluster.this'),
      ],
      arn: 'arn:aws:iam::${the account of the AWS provider}:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/0A1B',
    },
  ])('$behaviour', ({ resources, arn }) => {
    const index = new PlanIndex(buildPlan(resources));
    const instance = index.get('aws_iam_openid_connect_provider.this');
    if (instance === undefined) throw new Error('no provider');
    expect(valueToString(new Resolver(index).attribute(instance, 'arn'))).toBe(arn);
  });
});
