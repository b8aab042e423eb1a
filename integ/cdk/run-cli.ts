/** The `cdk-guard` command run in process, its output collected. */
import type { CliIo } from '@iamgate/core';
import { main } from '../../packages/cdk-guard/src/cli';

export async function runCli(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    readStdin: () => Promise.resolve(Buffer.alloc(0)),
    cwd: process.cwd(),
    env: {},
    isTty: false,
  };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}
