/**
 * Date conditions decide the same on every machine: the cases of cases/conditions/date.json are
 * run through the built `iamgate simulate --batch` with the process in time zones east and west of
 * UTC (a time written without offset is UTC, never the local time).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

interface DateCase {
  readonly name: string;
  readonly expected: { readonly decision: string };
}

const BIN = join(__dirname, '..', '..', 'bin', 'iamgate.js');
const cases = JSON.parse(
  readFileSync(join(__dirname, 'cases', 'conditions', 'date.json'), 'utf8'),
) as readonly DateCase[];
const batch = join(mkdtempSync(join(tmpdir(), 'iamgate-time-zone-')), 'date.jsonl');
// The case format ignores the test-only fields (name, docs, note, expected).
writeFileSync(batch, cases.map((c) => JSON.stringify({ ...c, id: c.name })).join('\n'));

describe.each(['America/Los_Angeles', 'Asia/Kolkata', 'Pacific/Kiritimati'])('with TZ=%s', (zone) => {
  const decisions = new Map<string, string>();
  beforeAll(() => {
    const run = spawnSync(process.execPath, [BIN, 'simulate', '--batch', batch], {
      encoding: 'utf8',
      env: { PATH: process.env['PATH'] ?? '', TZ: zone },
    });
    for (const line of run.stdout.split('\n').filter(Boolean)) {
      const answer = JSON.parse(line) as { id: string; decision?: string; error?: string };
      decisions.set(answer.id, answer.decision ?? `error: ${answer.error ?? ''}`);
    }
  });

  it.each(cases.map((c) => [c.name, c.expected.decision] as const))('%s', (name, decision) => {
    expect(decisions.get(name)).toBe(decision);
  });
});
