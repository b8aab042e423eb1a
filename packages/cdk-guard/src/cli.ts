/**
 * `cdk-guard CDK_OUT | TEMPLATE...`: the guard on a cloud assembly (CDK apps in any language) or on
 * CloudFormation templates (JSON or YAML), through the common scanning command line.
 */
import { PARTITION_NAMES, closestMatch, runScanCommand } from '@iamgate/core';
import type { CliIo, ScanCommandSpec } from '@iamgate/core';
import { scanInput } from './guard';
import { loadInputs } from './template/cloud-assembly';

const USAGE = 'usage: cdk-guard CDK_OUT_DIR | TEMPLATE.(json|yaml)... | - [options]';

/** The command's spec: reading inputs and extracting; the rest is the common command. */
export const CDK_GUARD_COMMAND: ScanCommandSpec = {
  name: 'cdk-guard',
  usage: USAGE,
  extraOptions: [
    {
      name: '--no-cdk-internals',
      takesValue: false,
      description: 'do not apply the defaults for constructs aws-cdk-lib creates',
    },
    {
      name: '--partition',
      takesValue: true,
      valueName: 'PARTITION',
      description: `AWS partition assumed for \`AWS::Partition\`: ${PARTITION_NAMES.join(' | ')} (default aws)`,
    },
  ],
  async extract({ files, options, io }) {
    // Nothing to read would pass as "no findings": a gate that checks nothing.
    if (files.length === 0)
      throw new Error('no input: give a cloud assembly directory (cdk.out), templates, or `-` for standard input');
    // Said as tf-scan and lint say it: the second `-` would read nothing, quietly.
    if (files.filter((f) => f === '-').length > 1) throw new Error('standard input (`-`) can be read only once');
    const partition = typeof options['--partition'] === 'string' ? options['--partition'] : 'aws';
    if (!PARTITION_NAMES.includes(partition)) {
      // `aws-gov` for `aws-us-gov`: the partition named by its last word; else a typo of one.
      const tail = partition.toLowerCase().replace(/^aws-/, '');
      const near =
        closestMatch(partition, PARTITION_NAMES, 1) ??
        PARTITION_NAMES.find((p) => p !== 'aws' && tail !== '' && p.endsWith(`-${tail}`));
      throw new Error(
        `unknown --partition \`${partition}\`${near === undefined ? '' : ` (did you mean \`${near}\`?)`}: expected one of ${PARTITION_NAMES.join(', ')}`,
      );
    }
    const { stacks, errors } = await loadInputs(files, io.cwd, () => io.readStdin());
    const input = scanInput(stacks, options['--no-cdk-internals'] === true ? false : undefined, partition);
    return { ...input, errors: [...errors, ...input.errors] };
  },
};

/** Runs the CLI; resolves to the exit code. */
export function main(argv: readonly string[], io?: CliIo): Promise<number> {
  return io === undefined ? runScanCommand(CDK_GUARD_COMMAND, argv) : runScanCommand(CDK_GUARD_COMMAND, argv, io);
}
