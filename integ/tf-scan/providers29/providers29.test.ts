/**
 * Provider configurations beyond one alias a module is given: the ARN a resource gets is in its own
 * provider's Region, never the default provider's (`eu-west-1` here). The plans are
 * formats28/provider-alias.json (a module given `aws.us`, whose queue's ARN only apply knows) with
 * its provider configurations rewritten by hand; no tool made them.
 *
 * What they rest on: OpenTofu's JSON of the configuration (internal/command/jsonconfig/config.go,
 * `marshalResources`) writes one `provider_config_key` a resource, `aws.by_region` for an instance of
 * a provider block with `for_each` too, and each configuration once in `provider_config`, its
 * `region` the expression written (`each.value`). That source has no `provider_config_keys`: the
 * cases of several keys are of plans made or converted by hand, read rather than left to the
 * default provider's Region.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROOT, runTfScan } from '../run-tf-scan';

interface ConfigResource {
  provider_config_key?: string;
  provider_config_keys?: string[];
}
interface Plan {
  configuration: {
    provider_config: Record<string, unknown>;
    root_module: { module_calls: { iam: { module: { resources: ConfigResource[] } } } };
  };
}

const BASE = path.join(ROOT, 'integ/tf-scan/formats28/provider-alias.json');
const provider = (alias: string, region: unknown): unknown => ({
  name: 'aws',
  full_name: 'registry.opentofu.org/hashicorp/aws',
  alias,
  expressions: { region },
});

/** The plan with `providers` configured and every resource of the module planned with `keys`. */
function planWith(providers: Record<string, unknown>, keys: readonly string[]): string {
  const plan = JSON.parse(fs.readFileSync(BASE, 'utf8')) as Plan;
  delete plan.configuration.provider_config['aws.us'];
  Object.assign(plan.configuration.provider_config, providers);
  for (const resource of plan.configuration.root_module.module_calls.iam.module.resources) {
    delete resource.provider_config_key;
    if (keys.length === 1) resource.provider_config_key = keys[0];
    else resource.provider_config_keys = [...keys];
  }
  return JSON.stringify(plan);
}

/** The message of the finding on the queue policy, whose resource is the queue's ARN. */
function queueFinding(plan: string): string {
  const run = runTfScan(['-', '--format', 'json'], plan);
  expect(run.stderr).toBe('');
  expect(run.status).toBe(1);
  const report = JSON.parse(run.stdout) as {
    findings: { ruleId: string; message: string; location: { address?: string } }[];
  };
  const finding = report.findings.find(
    (f) =>
      f.location.address === 'module.iam.aws_iam_role_policy.jobs' && f.ruleId === 'wildcard-action/service-wildcard',
  );
  expect(finding).toBeDefined();
  return finding?.message ?? '';
}

describe('provider configurations beyond an alias', () => {
  // A guard, no evidence of a change: an alias whose Region only apply knows was read so before
  // `provider_config_keys` were; kept so that such an alias never falls back to the default.
  it('guard: a provider block with for_each (region = each.value) keeps that provider’s Region, unknown, not the default’s', () => {
    const message = queueFinding(
      planWith({ 'aws.by_region': provider('by_region', { references: ['each.value'] }) }, ['aws.by_region']),
    );
    expect(message).not.toContain('eu-west-1');
    expect(message).toContain('arn:aws:sqs:${the region of the AWS provider aws.by_region}:');
  });

  it('several provider configurations (`provider_config_keys`, a hand-made plan) in different Regions: one of theirs, not the default’s', () => {
    const message = queueFinding(
      planWith(
        {
          'aws.eu': provider('eu', { constant_value: 'eu-central-1' }),
          'aws.us': provider('us', { constant_value: 'us-east-1' }),
        },
        ['aws.eu', 'aws.us'],
      ),
    );
    expect(message).not.toContain('eu-west-1');
    expect(message).toContain('arn:aws:sqs:${the region of one of the AWS providers aws.eu, aws.us}:');
  });

  it('several provider configurations in the same Region: that Region', () => {
    const message = queueFinding(
      planWith(
        {
          'aws.a': provider('a', { constant_value: 'us-east-1' }),
          'aws.b': provider('b', { constant_value: 'us-east-1' }),
        },
        ['aws.a', 'aws.b'],
      ),
    );
    expect(message).toContain('arn:aws:sqs:us-east-1:');
  });

  it('a list of provider keys that is not a list of strings is an input error naming its pointer', () => {
    const plan = JSON.parse(planWith({}, ['aws'])) as Plan;
    plan.configuration.root_module.module_calls.iam.module.resources[0] = {
      ...plan.configuration.root_module.module_calls.iam.module.resources[0],
      provider_config_keys: [7 as unknown as string],
    };
    const run = runTfScan(['-'], JSON.stringify(plan));
    expect(run.status).toBe(2);
    expect(run.stderr.trim().split('\n')).toEqual([
      '<stdin>: /configuration/root_module/module_calls/iam/module/resources/0/provider_config_keys/0: not a Terraform plan: expected string, found number `7`',
    ]);
  });
});
