/** The `tf-scan` command: `tf-scan PLAN.json... | -` (and `--hcl DIR`). */
import { resolve } from 'node:path';
import { runScanCommand } from '@iamgate/core';
import type { ScanCommandSpec } from '@iamgate/core';
import type * as HclConfig from './hcl-config';
import { extractFiles } from './scan';

const USAGE =
  'usage: tf-scan [options] PLAN.json... | - | --hcl DIR [--var-file FILE] [--var NAME=VALUE]   (PLAN.json from `terraform show -json tfplan > plan.json`)';

/** The command as the shared scan command line runs it. */
export const TF_SCAN_COMMAND: ScanCommandSpec = {
  name: 'tf-scan',
  usage: USAGE,
  extraOptions: [
    {
      name: '--hcl',
      takesValue: true,
      valueName: 'DIR',
      description:
        'read the .tf (and .tf.json, .tofu, .tofu.json) files of DIR: alone, to scan the configuration without a plan; with a plan, to rebuild policies unknown in it',
    },
    {
      name: '--var-file',
      aliases: ['-var-file'],
      takesValue: true,
      valueName: 'FILE',
      repeatable: true,
      description:
        'with --hcl alone: values of the root module variables from FILE (.tfvars, or JSON for .json), as `terraform plan -var-file`; repeatable',
    },
    {
      name: '--var',
      aliases: ['-var'],
      takesValue: true,
      valueName: 'NAME=VALUE',
      repeatable: true,
      description:
        "with --hcl alone: a root module variable's value, 'NAME=VALUE', as `terraform plan -var`; repeatable, later ones win (TF_VAR_NAME is read too)",
    },
  ],
  async extract({ files, options, repeated, io }) {
    const hcl = options['--hcl'];
    const given = repeated.filter((r) => r.name === '--var' || r.name === '--var-file');
    if (files.length === 0) {
      if (typeof hcl !== 'string')
        throw new Error(
          given.length > 0
            ? '`--var` and `--var-file` need `--hcl DIR`: they give values to the variables of its configuration'
            : 'no plan given: pass PLAN.json or `-` for standard input',
        );
      // No plan: the configuration alone, with what only apply would tell as symbolic values.
      // Loaded only here: a scan of plans never needs the configuration reader.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { extractConfiguration } = require('./hcl-config') as typeof HclConfig;
      return extractConfiguration(resolve(io.cwd, hcl), hcl, {
        environment: io.env,
        arguments: given.map((r) =>
          r.name === '--var'
            ? { kind: 'var', text: r.value }
            : { kind: 'file', file: resolve(io.cwd, r.value), display: r.value },
        ),
        note: (line) => {
          io.stderr(`tf-scan: ${line}\n`);
        },
      });
    }
    // A plan holds the values its variables had when it was made.
    if (given.length > 0)
      throw new Error(
        '`--var` and `--var-file` apply to `--hcl DIR` without a plan: a plan already holds the values of its variables',
      );
    if (files.filter((f) => f === '-').length > 1) throw new Error('standard input (`-`) can be read only once');
    // Files are read from disk through a window (extractFiles' default), never whole.
    return extractFiles(files, {
      resolvePath: (file) => resolve(io.cwd, file),
      note: (line) => {
        io.stderr(`tf-scan: ${line}\n`);
      },
      ...(typeof hcl === 'string' ? { hclDir: resolve(io.cwd, hcl), hclDirName: hcl } : {}),
    });
  },
};

/** Runs `tf-scan` with the given arguments; resolves to the exit code. */
export function main(argv: readonly string[]): Promise<number> {
  return runScanCommand(TF_SCAN_COMMAND, argv);
}
