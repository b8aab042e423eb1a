/** The `tf-scan` command: `tf-scan PLAN.json... | -` (and `--hcl DIR`). */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { runScanCommand } from '@iamgate/core';
import type { ScanCommandSpec } from '@iamgate/core';
import { extractFiles } from './scan';

const USAGE = 'usage: tf-scan [options] PLAN.json... | -   (PLAN.json from `terraform show -json tfplan > plan.json`)';

/** The command as the shared scan command line runs it. */
export const TF_SCAN_COMMAND: ScanCommandSpec = {
  name: 'tf-scan',
  usage: USAGE,
  extraOptions: [
    {
      name: '--hcl',
      takesValue: true,
      description: 'also read the .tf files of DIR to rebuild policies unknown in the plan',
    },
  ],
  async extract({ files, options, io }) {
    if (files.length === 0) {
      throw new Error(
        options['--hcl'] === undefined
          ? 'no plan given: pass PLAN.json or `-` for standard input'
          : '`--hcl` without a plan is not supported yet: pass PLAN.json',
      );
    }
    if (files.filter((f) => f === '-').length > 1) throw new Error('standard input (`-`) can be read only once');
    const hcl = options['--hcl'];
    return extractFiles(files, {
      readFile: (file) => readFile(resolve(io.cwd, file)),
      resolvePath: (file) => resolve(io.cwd, file),
      ...(typeof hcl === 'string' ? { hclDir: resolve(io.cwd, hcl) } : {}),
    });
  },
};

/** Runs `tf-scan` with the given arguments; resolves to the exit code. */
export function main(argv: readonly string[]): Promise<number> {
  return runScanCommand(TF_SCAN_COMMAND, argv);
}
