/**
 * Writes the plans of this folder (`node integ/tf-scan/survey-33/build-plans.js`) in the shapes
 * `terraform show -json` gives for the module idioms of the `hcl/` configurations: a Lambda module
 * called twice whose extra statements come through a variable into a `dynamic "statement"`
 * document (one instance's read deferred to apply, its resources unknown and shown as `null` list
 * elements), and a document merged from `source_policy_documents` with one sid overridden by
 * `override_policy_documents`, read at plan time. Laid out by `../estates/estate-builder.js`;
 * see README.md. The plans are checked in.
 */
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { Estate, constant, policy, ACCOUNT, REGION } = require('../estates/estate-builder');
const { ref } = require('../plan-parts');

const plans = {};
const DEPLOYER = policy(
  {
    Sid: 'lambda',
    Effect: 'Allow',
    Action: ['lambda:CreateFunction', 'lambda:UpdateFunctionConfiguration'],
    Resource: '*',
  },
  { Sid: 'pass', Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' },
);
const LAMBDA_TRUST = policy({
  Effect: 'Allow',
  Action: 'sts:AssumeRole',
  Principal: { Service: 'lambda.amazonaws.com' },
});
const BASIC = 'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole';
/** A statement of `aws_iam_policy_document` as its `statement` attribute holds it. */
const block = (sid, actions, resources, condition = []) => ({
  sid,
  effect: 'Allow',
  actions,
  not_actions: [],
  resources,
  not_resources: [],
  principals: [],
  not_principals: [],
  condition,
});

{
  const e = new Estate();
  e.create(
    'aws_dynamodb_table.events',
    { name: 'events', hash_key: 'id', billing_mode: 'PAY_PER_REQUEST' },
    { name: constant('events'), hash_key: constant('id') },
  );
  e.create('aws_s3_bucket.raw', { bucket: 'raw-landing' }, { bucket: constant('raw-landing') });
  e.create('aws_kms_key.raw', { description: 'raw' }, { description: constant('raw') });

  for (const name of ['ingest', 'deployer'])
    e.module(name, {
      source: './modules/fn',
      expressions: {
        function_name: constant(name),
        attach_policy_statements: constant(true),
        ...(name === 'ingest'
          ? {
              policy_statements: {
                references: [
                  'aws_dynamodb_table.events.arn',
                  'aws_dynamodb_table.events',
                  'aws_s3_bucket.raw.arn',
                  'aws_s3_bucket.raw',
                  'aws_kms_key.raw.arn',
                  'aws_kms_key.raw',
                ],
              },
            }
          : {}),
      },
    });

  for (const name of ['ingest', 'deployer']) {
    const m = `module.${name}`;
    e.data(
      `${m}.data.aws_iam_policy_document.assume_role`,
      { id: '2690255455', json: LAMBDA_TRUST, minified_json: LAMBDA_TRUST },
      {},
    );
    e.create(
      `${m}.aws_iam_role.lambda[0]`,
      { name, assume_role_policy: LAMBDA_TRUST },
      { name: ref('var.function_name'), assume_role_policy: ref('data.aws_iam_policy_document.assume_role', 'json') },
      { count: constant(1) },
    );
    e.create(
      `${m}.aws_iam_role_policy_attachment.logs[0]`,
      { role: name, policy_arn: BASIC },
      {
        role: ref('aws_iam_role.lambda[0]', 'name'),
        policy_arn: { references: ['data.aws_partition.current.partition', 'data.aws_partition.current'] },
      },
      { count: constant(1), unknown: ['id'] },
    );
    e.create(
      `${m}.aws_iam_policy.additional_inline[0]`,
      { name: `${name}-inline`, ...(name === 'deployer' ? { policy: DEPLOYER } : {}) },
      {
        name: { references: ['var.function_name'] },
        policy: ref('data.aws_iam_policy_document.additional_inline[0]', 'json'),
      },
      { count: constant(1), unknown: ['id', 'arn', ...(name === 'deployer' ? [] : ['policy'])] },
    );
    e.create(
      `${m}.aws_iam_role_policy_attachment.additional_inline[0]`,
      { role: name },
      { role: ref('aws_iam_role.lambda[0]', 'name'), policy_arn: ref('aws_iam_policy.additional_inline[0]', 'arn') },
      { count: constant(1), unknown: ['id', 'policy_arn'] },
    );
  }

  // The deployer's statements are literals: read at plan time, its document in the prior state.
  e.data(
    'module.deployer.data.aws_iam_policy_document.additional_inline[0]',
    { id: '1403383717', json: DEPLOYER, minified_json: DEPLOYER },
    {},
  );
  // The ingest's name resources of this plan: Terraform reads the document at apply time, its
  // `resources` unknown (a `null` element where `after_unknown` says `true`).
  e.resource('module.ingest.data.aws_iam_policy_document.additional_inline[0]', {
    actions: ['read'],
    reason: 'read_because_config_unknown',
    after: {
      override_json: null,
      override_policy_documents: null,
      policy_id: null,
      source_json: null,
      source_policy_documents: null,
      version: null,
      statement: [
        block('dynamodb', ['dynamodb:PutItem', 'dynamodb:UpdateItem'], [null]),
        block(
          'kms',
          ['kms:Decrypt'],
          [null],
          [{ test: 'StringEquals', variable: 'kms:ViaService', values: [`s3.${REGION}.amazonaws.com`] }],
        ),
        block('s3read', ['s3:GetObject'], [null]),
      ],
    },
    unknown: ['id', 'json', 'minified_json'],
    unknownTree: {
      statement: [
        { actions: [false, false], resources: [true], condition: [] },
        { actions: [false], resources: [true], condition: [{ values: [false] }] },
        { actions: [false], resources: [true], condition: [] },
      ],
    },
    config: {},
    count: constant(1),
  });
  plans['lambda-module.json'] = e;
}

{
  // cloudposse's aggregation: `source_policy_documents` merged, one sid overridden; a second
  // document merging the same base without the override keeps `s3:*` on `*`.
  const e = new Estate();
  const base = policy(
    {
      Sid: 'ReadConfig',
      Effect: 'Allow',
      Action: ['ssm:GetParametersByPath', 'ssm:GetParameter'],
      Resource: `arn:aws:ssm:${REGION}:${ACCOUNT}:parameter/app/*`,
    },
    { Sid: 'Artifacts', Effect: 'Allow', Action: 's3:*', Resource: '*' },
  );
  const narrowing = policy({
    Sid: 'Artifacts',
    Effect: 'Allow',
    Action: ['s3:PutObject', 's3:GetObject'],
    Resource: 'arn:aws:s3:::eg-prod-artifacts/*',
  });
  const merged = policy(JSON.parse(base).Statement[0], JSON.parse(narrowing).Statement[0]);
  const trust = policy({
    Effect: 'Allow',
    Action: ['sts:TagSession', 'sts:AssumeRole'],
    Principal: { AWS: 'arn:aws:iam::444455556666:role/ci' },
  });
  const docs = (address) => ({ references: [address] });
  e.data('data.aws_iam_policy_document.base[0]', { id: '1', json: base, minified_json: base }, {});
  e.data('data.aws_iam_policy_document.narrowing[0]', { id: '2', json: narrowing, minified_json: narrowing }, {});
  e.data(
    'data.aws_iam_policy_document.merged[0]',
    {
      id: '3',
      json: merged,
      minified_json: merged,
      source_policy_documents: [base],
      override_policy_documents: [narrowing],
    },
    {
      source_policy_documents: { references: ['data.aws_iam_policy_document.base', 'var.policy_documents'] },
      override_policy_documents: { references: ['data.aws_iam_policy_document.narrowing'] },
    },
  );
  e.data(
    'data.aws_iam_policy_document.wide[0]',
    { id: '4', json: base, minified_json: base, source_policy_documents: [base] },
    { source_policy_documents: docs('data.aws_iam_policy_document.base') },
  );
  e.data('data.aws_iam_policy_document.assume_role[0]', { id: '6', json: trust, minified_json: trust }, {});
  e.data(
    'data.aws_iam_policy_document.assume_role_aggregated[0]',
    { id: '5', json: trust, minified_json: trust, override_policy_documents: [trust] },
    { override_policy_documents: docs('data.aws_iam_policy_document.assume_role') },
  );
  e.create(
    'aws_iam_role.default[0]',
    { name: 'eg-prod-app', assume_role_policy: trust },
    {
      name: constant('eg-prod-app'),
      assume_role_policy: { references: ['data.aws_iam_policy_document.assume_role_aggregated'] },
    },
    { count: { references: ['local.enabled'] } },
  );
  e.create(
    'aws_iam_policy.default[0]',
    { name: 'eg-prod-app', policy: merged },
    { name: constant('eg-prod-app'), policy: { references: ['data.aws_iam_policy_document.merged'] } },
    { count: { references: ['local.enabled'] } },
  );
  e.create(
    'aws_iam_role_policy_attachment.default[0]',
    { role: 'eg-prod-app' },
    { role: { references: ['aws_iam_role.default'] }, policy_arn: { references: ['aws_iam_policy.default'] } },
    { count: { references: ['local.enabled'] }, unknown: ['id', 'policy_arn'] },
  );
  e.create(
    'aws_iam_role_policy.wide[0]',
    { name: 'wide', policy: base },
    {
      name: constant('wide'),
      role: { references: ['aws_iam_role.default'] },
      policy: {
        references: [
          'data.aws_iam_policy_document.wide[0].json',
          'data.aws_iam_policy_document.wide[0]',
          'data.aws_iam_policy_document.wide',
        ],
      },
    },
    { count: { references: ['local.enabled'] }, unknown: ['id', 'role'] },
  );
  plans['cloudposse-aggregation.json'] = e;
}

module.exports = { plans };

if (require.main === module) {
  for (const [name, estate] of Object.entries(plans))
    fs.writeFileSync(path.join(__dirname, name), `${JSON.stringify(estate.toJSON(), null, 2)}\n`);
}
