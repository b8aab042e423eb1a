import type { CliIo } from '../../src/cli/io';

/** What a test's command sees of the process: what it writes is kept in `out` and `err`. */
export function fakeIo(
  options: {
    readonly cwd?: string;
    readonly stdin?: string | Buffer;
    readonly isTty?: boolean;
    readonly env?: Readonly<Record<string, string>>;
  } = {},
): CliIo & { out: string; err: string } {
  const io = {
    out: '',
    err: '',
    stdout(text: string) {
      io.out += text;
    },
    stderr(text: string) {
      io.err += text;
    },
    readStdin: () => Promise.resolve(Buffer.from(options.stdin ?? '')),
    cwd: options.cwd ?? process.cwd(),
    env: options.env ?? {},
    isTty: options.isTty ?? false,
  };
  return io;
}
