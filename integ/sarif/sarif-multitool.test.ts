/**
 * Microsoft's SARIF validator (`sarif-multitool validate`) on the SARIF that `iamgate lint` writes
 * for the bundled example policies: no result of level error.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const MULTITOOL = join(ROOT, 'node_modules', '.bin', 'sarif-multitool');

interface SarifLog {
  runs: { results?: { ruleId?: string; level?: string; message?: { text?: string; id?: string } }[] }[];
}

describe('sarif-multitool validate', () => {
  it('reports no error on the SARIF of iamgate lint', () => {
    const dir = mkdtempSync(join(tmpdir(), 'iamgate-sarif-'));
    const report = join(dir, 'iamgate.sarif');
    const lint = spawnSync(
      process.execPath,
      [
        join(ROOT, 'packages/core/bin/iamgate.js'),
        'lint',
        'examples/policies',
        '--format',
        'sarif',
        '--output',
        report,
      ],
      { cwd: ROOT, encoding: 'utf8', timeout: 120_000 },
    );
    expect(lint.stderr).toBe('');
    expect(lint.status).toBe(1);

    const validation = join(dir, 'validation.sarif');
    const run = spawnSync(MULTITOOL, ['validate', report, '--output', validation, '--quiet'], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 300_000,
    });
    expect(run.status).toBe(0);
    const log = JSON.parse(readFileSync(validation, 'utf8')) as SarifLog;
    const errors = log.runs.flatMap((r) => r.results ?? []).filter((r) => r.level === 'error');
    expect(errors).toEqual([]);
  }, 360_000);
});
