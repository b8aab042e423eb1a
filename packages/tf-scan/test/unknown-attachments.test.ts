/**
 * A managed policy attached to a role whose document the plan does not hold (an ARN known only
 * after apply, an existing customer managed policy) is reported unverifiable, never skipped.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runScanCommand } from '@iamgate/core';
import { fakeIo } from '../../core/test/helpers/fake-io';
import { TF_SCAN_COMMAND } from '../src/cli';
import { buildPlan } from './plan-builder';
import type { TestResource } from './plan-builder';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'tf-scan-unknown-attachments-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const TRUST = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
});

/** A plan with role `aws_iam_role.app` (when `withRole`) and one attachment, its ARN a constant or these references. */
function plan(
  withRole: boolean,
  after: Record<string, unknown>,
  unknown: Record<string, unknown>,
  references: string[],
) {
  const role: TestResource = {
    address: 'aws_iam_role.app',
    values: { name: 'app', assume_role_policy: TRUST },
    unknown: { arn: true },
  };
  const attachment: TestResource = {
    address: 'aws_iam_role_policy_attachment.a',
    values: after,
    unknown,
    expressions: {
      ...(withRole ? { role: { references: ['aws_iam_role.app.name', 'aws_iam_role.app'] } } : {}),
      policy_arn: references.length > 0 ? { references } : { constant_value: after['policy_arn'] },
    },
  };
  return JSON.stringify(buildPlan(withRole ? [role, attachment] : [attachment]));
}

async function verdicts(text: string): Promise<[string, string | undefined, unknown][]> {
  writeFileSync(join(dir, 'plan.json'), text);
  const io = fakeIo({ cwd: dir });
  await runScanCommand(TF_SCAN_COMMAND, ['--format', 'json', '--fail-on', 'never', 'plan.json'], io);
  const report = JSON.parse(io.out) as {
    findings: { ruleId: string; principal?: string; evidence?: { references?: unknown } }[];
  };
  return report.findings.map((f) => [f.ruleId, f.principal, f.evidence?.references]);
}

describe('managed policies the plan does not hold', () => {
  it.each([
    [
      'an ARN known only after apply (a deferred data source), on a role of the plan',
      plan(true, {}, { role: true, policy_arn: true }, ['data.aws_iam_policy.p.arn', 'data.aws_iam_policy.p']),
      [['unverifiable/unresolved-policy', 'aws_iam_role.app', ['data.aws_iam_policy.p.arn']]],
    ],
    [
      'an ARN known only after apply, on a role outside the plan',
      plan(false, { role: 'existing' }, { policy_arn: true }, ['aws_iam_policy.other.arn', 'aws_iam_policy.other']),
      [['unverifiable/unresolved-policy', 'existing', ['aws_iam_policy.other.arn']]],
    ],
    [
      'an existing customer managed policy by its ARN',
      plan(true, { policy_arn: 'arn:aws:iam::111122223333:policy/legacy' }, { role: true }, []),
      [['unverifiable/unresolved-policy', 'aws_iam_role.app', ['arn:aws:iam::111122223333:policy/legacy']]],
    ],
    ['an empty ARN, which attaches nothing', plan(true, { policy_arn: '' }, { role: true }, []), []],
  ])('%s', async (_, text, expected) => {
    expect(await verdicts(text)).toEqual(expected);
  });
});

test('a role policy whose plan shows no `policy` (nor says it is unknown) is reported unverifiable, not passed', async () => {
  const role: TestResource = {
    address: 'aws_iam_role.app',
    values: { name: 'app', assume_role_policy: TRUST },
    unknown: { arn: true },
  };
  const inline: TestResource = {
    address: 'aws_iam_role_policy.app',
    values: { name: 'inline', role: 'app' },
    unknown: { id: true },
    expressions: { role: { references: ['aws_iam_role.app.name', 'aws_iam_role.app'] } },
  };
  expect(await verdicts(JSON.stringify(buildPlan([role, inline])))).toEqual([
    ['unverifiable/unresolved-policy', 'aws_iam_role.app', ['aws_iam_role_policy.app']],
  ]);
});
