/**
 * `iamgate lint` on the shapes of policies a seventh survey found answered wrong: the
 * data-perimeter and service-control examples, key, bucket, queue, topic, registry and function
 * policies, and the identity policies of Kubernetes controllers and deploy roles. Each document is a
 * minimal one of our own (see README.md beside this file); the accounts and the configuration are
 * those of `lint-realworld/`.
 */
import { describeLintFolders } from '../../lint-folders';
import type { Row } from '../../lint-folders';

const ROWS: readonly Row[] = [
  {
    file: 'scp/api-authorizers-trusted-function-only.json',
    behaviour:
      '`apigateway:Request/AuthorizerUri` (an API Gateway V2 key) on the verbs both API Gateway references share: a key of the actions',
    expected: [],
  },
  {
    file: 'identity/load-balancer-tags-by-arn.json',
    behaviour: 'Elastic Load Balancing V2 tags on one target group and one listener, a network load balancer by ARN',
    expected: [],
  },
  {
    file: 'identity/api-stages-and-domain-mappings.json',
    behaviour: 'the stage of a REST API and the API mappings of a custom domain, for the API Gateway verbs',
    expected: [],
  },
  {
    file: 'identity/chat-bot-alias-runtime.json',
    behaviour: 'Lex V2 runtime on one bot alias',
    expected: [],
  },
  {
    file: 'identity/api-path-of-no-resource.json',
    behaviour: 'an API Gateway path that is no resource type of either reference still applies to nothing',
    expected: ['policy-validity/resource-mismatch /Statement/0'],
    mentions: ['/restapis/k2x9q7w1ab/widgets'],
  },
  {
    file: 'scp/statement-published-alone.json',
    behaviour: 'a statement published alone, to be pasted into an SCP: one error saying it needs `Statement`',
    expected: ['policy-validity/invalid-policy'],
    mentions: ['single statement', '"Statement": [...]'],
    notMentions: ['unknown policy element'],
  },
  {
    file: 'identity/load-balancers-created-by-tag-key.json',
    behaviour:
      'creates on `*` under `ForAnyValue` on `aws:TagKeys` (any value of keys the caller names) reach every resource; a request tag of one value still scopes',
    expected: ['wildcard-resource/write-on-star /Statement/0'],
    mentions: ['elasticloadbalancing:CreateLoadBalancer'],
  },
  {
    file: 'identity/scanner-opt-out-tag-on-layers.json',
    behaviour:
      'an opt-out tag (`StringNotEquals` ... `false`) on layers, which carry no tags: the message says the condition limits nothing; on functions the opt-out leaves every untagged function (environment and code) readable',
    expected: [
      'data-exfiltration/unscoped-read /Statement/0',
      'policy-validity/unknown-condition-key /Statement/1/Condition/StringNotEquals/aws:ResourceTag~1shop.example~1scan',
    ],
    mentions: ['always true', 'limits nothing the statement allows', 'lambda:GetFunction'],
  },
  {
    file: 'resource/data-catalog-shared-through-ram.json',
    behaviour:
      'a Data Catalog policy for Lake Formation sharing: reads by tag (`glue:EvaluatedByLakeFormationTags`), AWS RAM shares (`glue:ShareResource`), both documented by Lake Formation and absent from the reference',
    expected: [],
  },
  {
    file: 'resource/function-invoked-by-voice-skill.json',
    behaviour:
      'an Alexa skill invoking a function: bound by its skill id (`lambda:EventSourceToken`); without it every skill may invoke',
    expected: ['resource-exposure/confused-deputy /Statement/1'],
    mentions: ['alexa-appkit.amazon.com'],
  },
  {
    file: 'resource/search-collection-key.json',
    behaviour:
      'a key policy granting OpenSearch Serverless `kms:ListKeys` (acts on no key: grants nothing) and grants on the key without a source condition; `kms:DescribeKey` under `kms:GrantIsForAWSResource`, a key only grant operations carry, is never allowed (info)',
    expected: [
      'resource-exposure/confused-deputy /Statement/2',
      'policy-validity/unknown-condition-key /Statement/2/Condition/Bool/kms:GrantIsForAWSResource',
    ],
    mentions: ['aoss.amazonaws.com'],
  },
  {
    file: 'identity/serverless-app-deployer.json',
    behaviour: 'a SAM deploy role: change sets on its stacks and on the `Serverless-2016-10-31` transform AWS owns',
    expected: [],
  },
  {
    file: 'resource/topic-subscriptions-of-own-domain.json',
    behaviour:
      'anyone may subscribe endpoints of the owner (`sns:Endpoint` on one mail domain, queues of one account); any HTTPS endpoint is still public',
    expected: ['resource-exposure/public-principal /Statement/1'],
    mentions: ['sns:Subscribe'],
  },
];

// trusts the own account 111122223333, the partner 444455556666 and organization o-a1b2c3d4e5
describeLintFolders('iamgate lint on the shapes of a seventh survey of published policies', {
  dir: 'integ/lint-realworld/services-7',
  config: 'integ/lint-realworld/lint-realworld.config.json',
  types: ['identity', 'resource', 'scp'],
  rows: ROWS,
});
