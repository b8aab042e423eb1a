/**
 * Writes the plan of this folder (`node integ/tf-scan/survey-34/build-plans.js`) in the shape
 * `terraform show -json` gives for the log bucket module of `hcl/elb-log-module` called with
 * `depends_on`: every data source of the module is read only at apply (`read_because_dependency_pending`),
 * so `data.aws_elb_service_account.this[0]` has no id in the plan and the policy document is
 * rebuilt from the configuration; the provider's `region` is `var.region`, given `eu-west-1`.
 * No .tf file lies beside the plan. Laid out by `../estates/estate-builder.js`; checked in.
 */
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { Estate, constant } = require('../estates/estate-builder');
const { ref } = require('../plan-parts');

const e = new Estate();
e.variable('region', 'eu-west-1');
e.create('aws_s3_bucket.dependency', { bucket: 'orders-dependency' }, { bucket: constant('orders-dependency') });
e.module('logs', { source: '../elb-log-module', expressions: { bucket: constant('orders-lb-logs') } });
const m = 'module.logs';
const deferred = { actions: ['read'], reason: 'read_because_dependency_pending' };
e.resource(`${m}.data.aws_caller_identity.current`, {
  ...deferred,
  after: {},
  unknown: ['account_id', 'arn', 'id', 'user_id'],
  config: {},
});
e.resource(`${m}.data.aws_elb_service_account.this[0]`, {
  ...deferred,
  after: { region: null },
  unknown: ['arn', 'id'],
  config: {},
  count: { references: ['var.attach_elb_log_delivery_policy'] },
});
e.create(`${m}.aws_s3_bucket.this`, { bucket: 'orders-lb-logs' }, { bucket: ref('var.bucket') });
const statement = (sid, principals) => ({
  sid,
  effect: 'Allow',
  actions: ['s3:PutObject'],
  not_actions: [],
  resources: [null],
  not_resources: [],
  principals,
  not_principals: [],
  condition: [],
});
const resources = {
  references: [
    'aws_s3_bucket.this.arn',
    'aws_s3_bucket.this',
    'data.aws_caller_identity.current.account_id',
    'data.aws_caller_identity.current',
  ],
};
e.resource(`${m}.data.aws_iam_policy_document.elb_log_delivery[0]`, {
  ...deferred,
  after: {
    statement: [
      statement('ELBRegion', [{ type: 'AWS', identifiers: [null] }]),
      statement('ELBLogDelivery', [
        { type: 'Service', identifiers: ['logdelivery.elasticloadbalancing.amazonaws.com'] },
      ]),
    ],
  },
  unknown: ['id', 'json', 'minified_json'],
  unknownTree: {
    statement: [{ resources: [true], principals: [{ identifiers: [true] }] }, { resources: [true] }],
  },
  config: {},
  count: { references: ['var.attach_elb_log_delivery_policy'] },
});
e.create(
  `${m}.aws_s3_bucket_policy.this[0]`,
  { bucket: 'orders-lb-logs' },
  { bucket: ref('aws_s3_bucket.this', 'id'), policy: ref('data.aws_iam_policy_document.elb_log_delivery[0]', 'json') },
  { unknown: ['id', 'policy'], count: { references: ['var.attach_elb_log_delivery_policy'] } },
);

const plan = e.toJSON();
// The configuration's expressions of the module: the document's statements as written.
const logsModule = plan.configuration.root_module.module_calls.logs.module;
logsModule.variables = { bucket: { default: 'orders-lb-logs' }, attach_elb_log_delivery_policy: { default: true } };
const doc = logsModule.resources.find((r) => r.address === 'data.aws_iam_policy_document.elb_log_delivery');
doc.expressions = {
  statement: [
    {
      sid: constant('ELBRegion'),
      effect: constant('Allow'),
      actions: constant(['s3:PutObject']),
      resources,
      principals: [
        {
          type: constant('AWS'),
          identifiers: {
            references: [
              'data.aws_elb_service_account.this[0].arn',
              'data.aws_elb_service_account.this[0]',
              'data.aws_elb_service_account.this',
            ],
          },
        },
      ],
    },
    {
      sid: constant('ELBLogDelivery'),
      effect: constant('Allow'),
      actions: constant(['s3:PutObject']),
      resources,
      principals: [
        { type: constant('Service'), identifiers: constant(['logdelivery.elasticloadbalancing.amazonaws.com']) },
      ],
    },
  ],
};
plan.configuration.root_module.module_calls.logs.depends_on = ['aws_s3_bucket.dependency'];
// The provider's Region is a variable of the root, as most roots write it.
plan.configuration.provider_config.aws.expressions.region = { references: ['var.region'] };
plan.configuration.root_module.variables = { region: { default: 'eu-west-1' } };
fs.writeFileSync(path.join(__dirname, 'elb-deferred.json'), `${JSON.stringify(plan, null, 2)}\n`);
