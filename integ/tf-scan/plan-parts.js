/**
 * The pieces of `terraform show -json` output both plan builders write (`parity/` and
 * `lifecycle/plan-builder.js`): the AWS provider, the account and region of the plans, and
 * configuration arguments and policy texts as Terraform shows them.
 */
'use strict';

const PROVIDER = 'registry.terraform.io/hashicorp/aws';
const ACCOUNT = '111122223333';
const REGION = 'eu-west-1';

/** A reference as the configuration lists it: the attribute, then the resource. */
function ref(address, attribute) {
  return { references: attribute === undefined ? [address] : [`${address}.${attribute}`, address] };
}

/** A literal argument. */
function constant(value) {
  return { constant_value: value };
}

/** A policy document as text (`jsonencode`, a heredoc, or the normalized JSON the provider stores). */
function policy(...statements) {
  return JSON.stringify({ Version: '2012-10-17', Statement: statements });
}

/** The ARN of an IAM entity of the plans' account: `iamArn('role', 'ci')`, under `path` when given. */
function iamArn(kind, name, path = '/') {
  return `arn:aws:iam::${ACCOUNT}:${kind}${path}${name}`;
}

/** The ARN of an AWS managed policy. */
function managed(name) {
  return `arn:aws:iam::aws:policy/${name}`;
}

/** An `Allow` statement. */
function allow(Action, Resource, extra = {}) {
  return { Effect: 'Allow', Action, Resource, ...extra };
}

module.exports = { PROVIDER, ACCOUNT, REGION, ref, constant, policy, iamArn, managed, allow };
