/**
 * Shared body of the per-CLI battery tests: stages the fast cases of integ/hostile/cases.js in a
 * temporary directory, runs them a few at a time against the built binary, one test per case.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

interface HostileCase {
  name: string;
  slow?: boolean;
  content: unknown;
  expect: { code: number | number[]; pointer?: string };
  bug?: string;
}
interface Outcome {
  problems: string[];
  observed: { code: number | null; ms: number; stderr: string };
}
interface RunCaseModule {
  runCase: (cli: string, c: HostileCase, dir: string, index: number, timeoutMs: number) => Promise<Outcome>;
  pool: <T>(jobs: (() => Promise<T>)[], width: number) => Promise<T[]>;
  unstageable: (c: HostileCase) => boolean;
}

// Plain CommonJS shared with scripts/hostile-slow.mjs.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { casesFor } = require('./cases') as { casesFor: (cli: string) => HostileCase[] };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { runCase, pool, unstageable } = require('./run-case') as RunCaseModule;

const TIMEOUT_MS = 60_000;
const WIDTH = 3;

const describeExit = (code: number | number[]): string =>
  [code]
    .flat()
    .map((c) => (c === 2 ? 'an input error (exit 2)' : c === 1 ? 'a finding (exit 1)' : 'exit 0'))
    .join(' or ');

/** Declares one test per fast case of `cli`. */
export function battery(cli: string): void {
  const cases = casesFor(cli).filter((c) => !c.slow);
  const outcomes = new Map<string, Outcome>();
  let dir = '';

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), `iamgate-hostile-${cli}-`));
    const staged = cases.filter((c) => !unstageable(c));
    const results = await pool(
      staged.map((c, i) => () => runCase(cli, c, dir, i, TIMEOUT_MS)),
      WIDTH,
    );
    staged.forEach((c, i) => outcomes.set(c.name, results[i] as Outcome));
  }, 600_000);

  afterAll(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  for (const c of cases) {
    // Root reads a file whatever its mode: without runuser, an unreadable file cannot be staged as root.
    // A case with a known bug of the CLI fails until the bug is fixed (see `bug` in cases.js).
    const declare = unstageable(c) ? test.skip : c.bug ? test.failing : test;
    declare(`${c.name}: ${describeExit(c.expect.code)}${c.bug ? ` (known bug: ${c.bug})` : ''}`, () => {
      const outcome = outcomes.get(c.name);
      expect(outcome).toBeDefined();
      expect({ problems: outcome?.problems, observed: outcome?.observed }).toEqual({
        problems: [],
        observed: expect.objectContaining({ code: expect.any(Number) }) as unknown,
      });
    });
  }
}
