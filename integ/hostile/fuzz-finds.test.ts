/**
 * Inputs `scripts/fuzz-cli.mjs` found to end in an internal error, written down as the smallest
 * change to a real input that shows it: each is one line naming the file and the pointer, exit 2.
 * The real binaries, as a user runs them.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.join(__dirname, '../..');
const TF_SCAN = path.join(ROOT, 'packages/tf-scan/bin/tf-scan.js');
const PLAN = path.join(ROOT, 'integ/tf-scan/plans/policy-update.json');

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'iamgate-fuzz-finds-'));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

type Plan = {
  resource_changes: Record<string, unknown>[];
  configuration?: { provider_config?: Record<string, Record<string, unknown>> };
};

describe('a plan member of the wrong type is an input error at its pointer, not an internal error', () => {
  it.each<[string, (plan: Plan) => void, string]>([
    [
      'a resource change whose provider_name is an object (seed 5401, case 18)',
      (plan) => {
        (plan.resource_changes[0] as Record<string, unknown>)['provider_name'] = {
          Principal: 'registry.terraform.io/hashicorp/aws',
        };
      },
      '/resource_changes/0/provider_name: not a Terraform plan: expected string, found an object',
    ],
    [
      'a provider configuration whose full_name is a number',
      (plan) => {
        plan.configuration = {
          ...plan.configuration,
          provider_config: { aws: { name: 'aws', full_name: 5 } },
        };
      },
      '/configuration/provider_config/aws/full_name: not a Terraform plan: expected string, found number `5`',
    ],
  ])('%s', (_name, mutate, message) => {
    const plan = JSON.parse(fs.readFileSync(PLAN, 'utf8')) as Plan;
    mutate(plan);
    fs.writeFileSync(path.join(dir, 'plan.json'), JSON.stringify(plan));
    const result = spawnSync(process.execPath, [TF_SCAN, 'plan.json'], { cwd: dir, encoding: 'utf8', timeout: 30_000 });
    expect(result.status).toBe(2);
    expect(result.stderr).toBe(`plan.json: ${message}\n`);
  });
});
