import { checkStdin, describeWriteError } from './fs-error';

/** The process seen by a CLI command, replaceable in tests. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Reads standard input whole, as bytes: each command decodes them as it decodes a file. */
  readStdin(): Promise<Buffer>;
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** True when stdout is a terminal (colors allowed unless NO_COLOR). */
  readonly isTty: boolean;
}

/**
 * What a failed write to a standard stream does. A reader that stops early (`iamgate ... | head`)
 * closes the pipe: the rest of the output goes nowhere, quietly, and the command ends as it would
 * have. Any other failure (a full disk behind `> report.txt`) is one line on stderr and exit 2.
 */
function guardStream(stream: NodeJS.WriteStream, name: string): void {
  if (stream.listenerCount('error') > 0) return;
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') return;
    process.stderr.write(`cannot write to ${name}: ${describeWriteError(error)}\n`);
    process.exit(2);
  });
}

/** The real process. */
export function processIo(): CliIo {
  guardStream(process.stdout, 'standard output');
  guardStream(process.stderr, 'standard error');
  return {
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    readStdin: async () => {
      checkStdin();
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks);
    },
    cwd: process.cwd(),
    env: process.env,
    isTty: process.stdout.isTTY,
  };
}
