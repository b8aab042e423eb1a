/** The `tf-scan` command: `tf-scan PLAN.json... | -` (and `--hcl DIR`). */
import { readdirSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { readFailure, runScanCommand } from '@iamgate/core';
import type { ScanCommandSpec, ScanInput } from '@iamgate/core';
import { HclInputError } from './hcl-input-error';
import type * as HclConfig from './hcl-config';
import { extractFiles } from './scan';
import { configurationFiles } from './tf-text';

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
    // `-` is standard input among the plans; here it would be a file named `-` (Terraform has no such form).
    if (given.some((r) => r.name === '--var-file' && r.value === '-'))
      throw new Error(
        '`--var-file` reads a file, not standard input (`-`): name `/dev/stdin` to read the values from standard input',
      );
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
      return asInputError(
        extractConfiguration(resolve(io.cwd, hcl), hcl, {
          environment: io.env,
          arguments: given.map((r) =>
            r.name === '--var'
              ? { kind: 'var', text: r.value }
              : { kind: 'file', file: resolve(io.cwd, r.value), display: r.value },
          ),
          note: (line) => {
            io.stderr(`tf-scan: ${line}\n`);
          },
        }),
      );
    }
    // A plan holds the values its variables had when it was made.
    if (given.length > 0)
      throw new Error(
        '`--var` and `--var-file` apply to `--hcl DIR` without a plan: a plan already holds the values of its variables',
      );
    if (files.filter((f) => f === '-').length > 1) throw new Error('standard input (`-`) can be read only once');
    // A `--hcl` folder beside plans is read only when a plan leaves something to it: one that cannot
    // serve is said now, not passed over in silence.
    if (typeof hcl === 'string') {
      const problem = notAConfigurationFolder(resolve(io.cwd, hcl));
      if (problem !== undefined)
        return { principals: [], resources: [], policies: [], errors: [{ file: hcl, message: problem }] };
    }
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

/**
 * The configuration's input, or a file of it that cannot be read as an input error of the scan:
 * said as a plan that cannot be read is (`FILE: what is wrong`, exit 2, in the report's errors).
 */
async function asInputError(extracted: Promise<ScanInput>): Promise<ScanInput> {
  try {
    return await extracted;
  } catch (error) {
    if (!(error instanceof HclInputError)) throw error;
    return { principals: [], resources: [], policies: [], errors: [{ file: error.file, message: error.problem }] };
  }
}

/** Why `dir` is no folder of Terraform files (said as `--hcl DIR` alone says it), or `undefined`. */
function notAConfigurationFolder(dir: string): string | undefined {
  let names: string[];
  try {
    if (!statSync(dir).isDirectory())
      return 'is a file, expected a directory of .tf (or .tf.json, .tofu, .tofu.json) files';
    names = readdirSync(dir);
  } catch (error) {
    return readFailure(error);
  }
  return configurationFiles(names, 'opentofu').length === 0
    ? 'holds no .tf, .tf.json, .tofu or .tofu.json file'
    : undefined;
}

/** Runs `tf-scan` with the given arguments; resolves to the exit code. */
export function main(argv: readonly string[]): Promise<number> {
  return runScanCommand(TF_SCAN_COMMAND, argv);
}
