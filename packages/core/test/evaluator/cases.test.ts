/**
 * The evaluator against the JSON case folders of cases/ (one folder per IAM concept), each file
 * validated against case.schema.json before use.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import Ajv from 'ajv';
import { evaluate, readCase } from '@iamgate/core';
import type { EvaluationResult, StatementRef } from '@iamgate/core';

interface ExpectedCase {
  readonly name: string;
  readonly deriveContextKeys?: boolean;
  readonly expected: {
    readonly decision: string;
    readonly reason?: string;
    readonly deniedBy?: string;
    readonly allowedBy?: string;
    readonly missingAllow?: string;
  };
}

const root = join(__dirname, 'cases');
const validate = new Ajv({ allErrors: true }).compile(
  JSON.parse(readFileSync(join(__dirname, 'case.schema.json'), 'utf8')),
);

function jsonFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? jsonFiles(join(dir, e.name)) : e.name.endsWith('.json') ? [join(dir, e.name)] : [],
  );
}

/** Where a statement sits in the case document, as a JSON pointer. */
function casePointer(ref: StatementRef): string {
  const p = ref.policy;
  switch (p.kind) {
    case 'identity':
      return `/identityPolicies/${p.index}${ref.pointer}`;
    case 'boundary':
      return `/permissionsBoundary${ref.pointer}`;
    case 'session':
      return `/sessionPolicy${ref.pointer}`;
    case 'resource':
      return `/resourcePolicy${ref.pointer}`;
    case 'scp':
      return `/serviceControlPolicies/${p.level ?? 0}/${p.index}${ref.pointer}`;
    case 'rcp':
      return `/resourceControlPolicies/${p.level ?? 0}/${p.index}${ref.pointer}`;
  }
}

function missingNames(result: EvaluationResult): string[] {
  return (result.trace?.missingAllows ?? []).map((m) => (m.level === undefined ? m.kind : `${m.kind}:${m.level}`));
}

const files = jsonFiles(root);
const table: [string, string, unknown][] = [];
for (const file of files) {
  const cases = JSON.parse(readFileSync(file, 'utf8')) as unknown;
  const folder = relative(root, file).replace(/\.json$/, '');
  if (!validate(cases)) {
    throw new Error(`${folder}: does not follow case.schema.json: ${JSON.stringify(validate.errors?.slice(0, 3))}`);
  }
  for (const c of cases as ExpectedCase[]) table.push([folder, c.name, c]);
}

describe('evaluator cases', () => {
  it('finds the case folders', () => {
    expect(files.length).toBeGreaterThan(10);
  });

  it('has no two cases with the same name', () => {
    const names = table.map(([, name]) => name);
    expect(names.filter((n, i) => names.indexOf(n) !== i)).toEqual([]);
  });

  describe.each(Array.from(new Set(table.map(([folder]) => folder))))('%s', (folder) => {
    it.each(table.filter(([f]) => f === folder).map(([, name, c]) => [name, c] as const))('%s', (_name, raw) => {
      const c = raw as ExpectedCase;
      const read = readCase(raw);
      if (!read.ok) throw new Error(`case does not read: ${read.error.pointer} ${read.error.message}`);
      const result = evaluate(read.value.request, read.value.policies, {
        trace: true,
        deriveContextKeys: c.deriveContextKeys === true,
      });
      expect(result.decision).toBe(c.expected.decision);
      expect(result.unknown).toBe(false);
      const trace = result.trace;
      if (trace === undefined) throw new Error('no trace');
      if (c.expected.reason !== undefined) expect(trace.reason).toBe(c.expected.reason);
      if (c.expected.deniedBy !== undefined) expect(trace.denies.map(casePointer)).toContain(c.expected.deniedBy);
      if (c.expected.allowedBy !== undefined) expect(trace.allows.map(casePointer)).toContain(c.expected.allowedBy);
      if (c.expected.missingAllow !== undefined) expect(missingNames(result)).toContain(c.expected.missingAllow);
      if (c.expected.decision === 'ExplicitlyDenied') expect(trace.denies.length).toBeGreaterThan(0);
      // Without a trace the decision is the same: tracing only observes.
      expect(
        evaluate(read.value.request, read.value.policies, { deriveContextKeys: c.deriveContextKeys === true }).decision,
      ).toBe(result.decision);
    });
  });
});
