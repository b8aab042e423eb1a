/**
 * Writes the plans of this folder (`node integ/tf-scan/survey29/build-plans.js`): Redshift
 * datashares authorized for consumers that are no plain account (AWS Data Exchange, a Lake
 * Formation Data Catalog) and OpenSearch Serverless data access policies, laid out by
 * `../estates/estate-builder.js`. See README.md; the plans are checked in.
 */
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { Estate, constant, ACCOUNT, REGION } = require('../estates/estate-builder');

const PARTNER = '777788889999';
const SHARED = '444455556666';
const plans = {};

{
  const e = new Estate();
  // A Redshift datashare authorized for each kind of consumer the Redshift API takes.
  const datashare = `arn:aws:redshift:${REGION}:${ACCOUNT}:datashare:3072dae5-022b-4d45-9cd3-01f010aae4b2/sales`;
  for (const [name, consumer] of [
    ['shared', SHARED],
    ['partner', PARTNER],
    ['data_exchange', 'ADX'],
    ['catalog_shared', `DataCatalog/${SHARED}`],
    ['catalog_partner', `DataCatalog/${PARTNER}`],
  ])
    e.create(
      `aws_redshift_data_share_authorization.${name}`,
      { consumer_identifier: consumer, data_share_arn: datashare, allow_writes: false },
      { consumer_identifier: constant(consumer), data_share_arn: constant(datashare) },
      { unknown: ['id', 'managed_by', 'producer_arn'] },
    );

  // OpenSearch Serverless data access policies: rules on a collection and its indexes for principals.
  const rules = [
    { ResourceType: 'collection', Resource: ['collection/logs'], Permission: ['aoss:DescribeCollectionItems'] },
    { ResourceType: 'index', Resource: ['index/logs/*'], Permission: ['aoss:ReadDocument'] },
  ];
  for (const [name, principals] of [
    ['readers_shared', [`arn:aws:iam::${SHARED}:role/search-reader`, `arn:aws:iam::${ACCOUNT}:role/search-reader`]],
    ['readers_partner', [`arn:aws:iam::${PARTNER}:role/search-reader`]],
    ['readers_saml', [`saml/${ACCOUNT}/corp-idp/group/analysts`]],
  ]) {
    const text = JSON.stringify([{ Rules: rules, Principal: principals }]);
    e.create(
      `aws_opensearchserverless_access_policy.${name}`,
      { name, type: 'data', policy: text },
      { name: constant(name), type: constant('data'), policy: constant(text) },
      { unknown: ['id', 'policy_version'] },
    );
  }
  plans['consumers.json'] = e;
}

module.exports = { plans };

if (require.main === module) {
  for (const [name, estate] of Object.entries(plans))
    fs.writeFileSync(path.join(__dirname, name), `${JSON.stringify(estate.toJSON(), null, 2)}\n`);
}
