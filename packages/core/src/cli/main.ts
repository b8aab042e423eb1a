/**
 * The `iamgate` command: dispatches to its subcommands. This folder is the only part of the core
 * that touches the file system and the process.
 */
import type * as Lint from './lint';
import type * as Simulate from './simulate';
import type { CliIo } from './io';
import { processIo } from './io';
import { TOOL_VERSION } from '../report/types';
import { closestMatch } from '../catalog/suggest';

const COMMANDS: readonly string[] = ['lint', 'simulate'];

const USAGE = `usage: iamgate <command> [options]

commands:
  simulate FILE|-              evaluate one request case and explain the decision
  simulate --batch FILE.jsonl  evaluate one case per line, print {"id","decision"} lines
  lint FILE|DIR...             lint standalone policy documents

run \`iamgate <command> --help\` for the options of a command`;

/** Runs the CLI with the given arguments; resolves to the exit code. */
export async function main(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      // Each subcommand is loaded when run: `lint` needs the whole engine and every rule,
      // `simulate` only the request evaluator.
      case 'simulate':
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        return await (require('./simulate') as typeof Simulate).runSimulate(rest, io);
      case 'lint':
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        return await (require('./lint') as typeof Lint).runLint(rest, io);
      case undefined:
        io.stderr('iamgate: no command: give `lint` or `simulate` (`iamgate --help` shows the usage)\n');
        return 2;
      case '-h':
      case '--help':
      case 'help':
        io.stdout(USAGE + '\n');
        return 0;
      case '--version':
        io.stdout(`${TOOL_VERSION}\n`);
        return 0;
      default: {
        const near = closestMatch(command, COMMANDS);
        const shown = command.length > 80 ? `${command.slice(0, 77)}...` : command;
        io.stderr(
          `iamgate: unknown command \`${shown}\`${near === undefined ? ' (expected lint or simulate)' : ` (did you mean \`${near}\`?)`}\n`,
        );
        return 2;
      }
    }
  } catch (error) {
    // A programmer error must still end in one line and exit 2, never a stack trace.
    const message = error instanceof Error ? error.message : String(error);
    io.stderr(`iamgate: internal error: ${message.split('\n')[0] ?? ''}\n`);
    if (process.env['IAMGATE_DEBUG']) io.stderr(String((error as Error).stack) + '\n');
    return 2;
  }
}
