import type { CliIo } from './io';

/** `iamgate simulate`: placeholder until the evaluator lands. */
export async function runSimulate(_argv: readonly string[], io: CliIo): Promise<number> {
  io.stderr('iamgate simulate: not available yet\n');
  return 2;
}
