/**
 * Shared body of the per-CLI battery tests: stages the fast cases of integ/hostile/cases.js in a
 * temporary directory, runs them a few at a time against the built binary, one test per case.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

// Plain CommonJS shared with scripts/hostile-slow.mjs.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { casesFor } = require('./cases') as { casesFor: (cli: string) => HostileCase[] };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { runCase, pool, unstageable } = require('./run-case') as RunCaseModule;

interface HostileCase {
  name: string;
  slow?: boolean;
  content: unknown;
  expect: { code: number; pointer?: string };
}
interface Outcome {
  problems: string[];
  observed: { code: number | null; ms: number; stderr: string };
}
interface RunCaseModule {
  runCase(cli: string, c: HostileCase, dir: string, index: number, timeoutMs: number): Promise<Outcome>;
  pool<T>(jobs: (() => Promise<T>)[], width: number): Promise<T[]>;
  unstageable(c: HostileCase): boolean;
}

const TIMEOUT_MS = 30_000;
const WIDTH = 3;

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
  }, 180_000);

  afterAll(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  const exit = (code: number): string => (code === 2 ? 'an input error (exit 2)' : code === 1 ? 'a finding (exit 1)' : 'exit 0');
  for (const c of cases) {
    // Root reads a file whatever its mode, so an unreadable file cannot be staged when running as root.
    const declare = unstageable(c) ? test.skip : test;
    declare(`${c.name}: ${exit(c.expect.code)}`, () => {
      const outcome = outcomes.get(c.name);
      expect(outcome).toBeDefined();
      expect({ problems: outcome?.problems, observed: outcome?.observed }).toEqual({
        problems: [],
        observed: expect.objectContaining({ code: c.expect.code }) as unknown,
      });
    });
  }
}
