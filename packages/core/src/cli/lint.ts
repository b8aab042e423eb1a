import type { CliIo } from './io';

/** `iamgate lint`: placeholder until the guard engine lands. */
export async function runLint(_argv: readonly string[], io: CliIo): Promise<number> {
  io.stderr('iamgate lint: not available yet\n');
  return 2;
}
