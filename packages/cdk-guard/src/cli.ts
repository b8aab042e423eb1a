/**
 * `cdk-guard CDK_OUT | TEMPLATE...`: the guard on a cloud assembly (CDK apps in any language) or on
 * CloudFormation templates (JSON or YAML), through the common scanning command line.
 */
import { runScanCommand } from '@iamgate/core';
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
    { name: '--partition', takesValue: true, description: 'AWS partition assumed for `AWS::Partition` (default aws)' },
  ],
  async extract({ files, options, io }) {
    const { stacks, errors } = await loadInputs(files, io.cwd, () => io.readStdin());
    const partition = typeof options['--partition'] === 'string' ? options['--partition'] : 'aws';
    const input = scanInput(stacks, options['--no-cdk-internals'] === true ? false : undefined, partition);
    return { ...input, errors: [...errors, ...input.errors] };
  },
};

/** Runs the CLI; resolves to the exit code. */
export function main(argv: readonly string[], io?: CliIo): Promise<number> {
  return io === undefined ? runScanCommand(CDK_GUARD_COMMAND, argv) : runScanCommand(CDK_GUARD_COMMAND, argv, io);
}
