/** What a user wiring the scan commands into CI sees: headlines, baselines, write errors, usage. */
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fakeIo } from '../helpers/fake-io';
import type { ScanCommandSpec } from '../../src/cli/scan-command';
import { runScanCommand } from '../../src/cli/scan-command';
import type { ScanInput } from '../../src/analysis/input';
import { only } from '../engine/helpers';

const WRITE_ON_STAR = 'wildcard-resource/write-on-star';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'iamgate-ux-'));
  writeFileSync(join(dir, 'iamgate.config.json'), JSON.stringify(only([WRITE_ON_STAR])));
});
afterEach(() => {
  chmodSync(dir, 0o700);
  rmSync(dir, { recursive: true, force: true });
});

/** One identity policy that writes on `*`: a warning, nothing else. */
const WARNING_INPUT: ScanInput = {
  principals: [],
  resources: [],
  policies: [
    {
      type: 'identity',
      policy: {
        id: 'p',
        name: 'p',
        document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:PutObject', Resource: '*' }] },
        location: { file: 'policy.json' },
      },
    },
  ],
  errors: [],
};

const SPEC: ScanCommandSpec = {
  name: 'tf-scan',
  usage: 'usage: tf-scan PLAN.json',
  extract: () => Promise.resolve(WARNING_INPUT),
};

async function run(argv: readonly string[], spec: ScanCommandSpec = SPEC) {
  const io = fakeIo({ cwd: dir });
  const code = await runScanCommand(spec, argv, io);
  return { code, out: io.out, err: io.err };
}

describe('the markdown headline follows the exit code', () => {
  it.each([
    ['error', 0, ':white_check_mark: iamgate passed'],
    ['warning', 1, ':x: iamgate failed: 1 finding at warning or above blocks the change'],
  ])('a warning-only run with --fail-on %s exits %d and says so', async (failOn, exit, headline) => {
    const { code, out } = await run(['--format', 'markdown', '--fail-on', failOn]);
    expect(code).toBe(exit);
    expect(out.split('\n')[0]).toContain(headline);
  });
});
