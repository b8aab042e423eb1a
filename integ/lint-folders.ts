/**
 * The harness of the folder-per-policy-type lint suites (`lint-idioms/`, `lint-realworld/`): one
 * run of the built `iamgate lint` per folder, every document of the folders asserted by a row
 * (its findings as `rule pointer`, words its messages must and must not contain).
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.join(__dirname, '..');
const BIN = path.join(ROOT, 'packages/core/bin/iamgate.js');

type PolicyType = 'identity' | 'resource' | 'trust' | 'boundary' | 'scp' | 'rcp';

export interface Row {
  /** `type/name.json`, relative to the suite's folder. */
  readonly file: string;
  readonly behaviour: string;
  /** Every finding as `rule pointer`; `[]` marks a document that deserves none. */
  readonly expected: readonly string[];
  /** Words the messages must contain for a developer to act on them. */
  readonly mentions?: readonly string[];
  /** Words that would mislead: the messages must not contain them. */
  readonly notMentions?: readonly string[];
}

export interface LintSuite {
  /** The suite's folder from the repository root (`integ/lint-idioms`). */
  readonly dir: string;
  /** Its configuration file, from the repository root. */
  readonly config: string;
  readonly types: readonly PolicyType[];
  readonly rows: readonly Row[];
  /** Documents linted with their folder but asserted neither way (repros of what core gets wrong), with why. */
  readonly leftOut?: Readonly<Record<string, string>>;
}

interface Finding {
  readonly ruleId: string;
  readonly message: string;
  readonly location: { readonly file: string; readonly pointer?: string };
}
interface Run {
  readonly status: number | null;
  readonly stderr: string;
  readonly report: { readonly findings: readonly Finding[]; readonly errors: readonly unknown[] };
}

/** Declares the tests of a suite: each folder lints cleanly, every document is listed, each row holds. */
export function describeLintFolders(title: string, suite: LintSuite): void {
  const { dir, config, types, rows } = suite;
  const runs = new Map<PolicyType, Run>();
  const lintFolder = (type: PolicyType): Run => {
    let run = runs.get(type);
    if (run === undefined) {
      const args = [BIN, 'lint', `${dir}/${type}`, '--type', type, '--config', config, '--format', 'json'];
      const result = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8' });
      run = {
        status: result.status,
        stderr: result.stderr,
        report: JSON.parse(result.stdout || '{}') as Run['report'],
      };
      runs.set(type, run);
    }
    return run;
  };
  const findingsOf = (file: string): { keys: string[]; messages: string[] } => {
    const own = lintFolder(file.split('/')[0] as PolicyType).report.findings.filter(
      (f) => path.normalize(f.location.file) === path.normalize(`${dir}/${file}`),
    );
    const keys = [...new Set(own.map((f) => `${f.ruleId} ${f.location.pointer ?? ''}`.trim()))].sort();
    return { keys, messages: own.map((f) => f.message) };
  };

  describe(title, () => {
    test.each(types)('the %s folder lints without input error, rule failure or stack trace', (type) => {
      const run = lintFolder(type);
      expect(run.stderr).toBe('');
      expect([0, 1]).toContain(run.status);
      expect(run.report.errors).toEqual([]);
      expect(run.report.findings.filter((f) => f.ruleId.startsWith('unverifiable/rule-failure'))).toEqual([]);
    });

    test('every document of the folders is asserted (or a listed repro)', () => {
      const onDisk = types
        .flatMap((type) =>
          fs
            .readdirSync(path.join(ROOT, dir, type))
            .filter((name) => name.endsWith('.json'))
            .map((name) => `${type}/${name}`),
        )
        .sort();
      const listed = [...rows.map((r) => r.file), ...Object.keys(suite.leftOut ?? {})].sort();
      expect(listed).toEqual(onDisk);
    });

    test.each(rows.map((row) => [`${row.file}: ${row.behaviour}`, row] as const))('%s', (_name, row) => {
      const { keys, messages } = findingsOf(row.file);
      expect(keys).toEqual([...row.expected].sort());
      for (const word of row.mentions ?? []) expect(messages.join('\n')).toContain(word);
      for (const word of row.notMentions ?? []) expect(messages.join('\n')).not.toContain(word);
    });
  });
}

const CDK_GUARD = path.join(ROOT, 'packages/cdk-guard/bin/cdk-guard.js');

/** The name of a rule without its category (`pass-role-wildcard`). */
const ruleName = (ruleId: string): string => ruleId.slice(ruleId.indexOf('/') + 1);

/** A template of an escalation suite: principals (a group, a boundary policy) a lone document cannot show. */
export interface TemplateRow {
  /** `templates/name.json`, relative to the suite's folder. */
  readonly file: string;
  readonly behaviour: string;
  /**
   * Every privilege-escalation finding of a principal as `principal path pointer`, a finding of no
   * path (`pass-role-wildcard`) naming its rule instead (a managed policy nothing attaches, read as a
   * policy of its own, has no principal: see `all`).
   */
  readonly expected: readonly string[];
  /**
   * When given, every finding of the template, whatever its rule and principal, as
   * `rule logicalId pointer` (what a managed policy nothing attaches is reported for, an undecided
   * check).
   */
  readonly all?: readonly string[];
}

/** Declares the tests of a suite's `templates/` folder: every template is listed, each is scanned by `cdk-guard` and its row holds. */
export function describeEscalationTemplates(
  title: string,
  suite: { readonly dir: string; readonly config: string; readonly rows: readonly TemplateRow[] },
): void {
  const { dir, config, rows } = suite;
  describe(title, () => {
    test('every template of the folder is asserted', () => {
      const onDisk = fs
        .readdirSync(path.join(ROOT, dir, 'templates'))
        .filter((name) => name.endsWith('.json'))
        .map((name) => `templates/${name}`)
        .sort();
      expect(rows.map((t) => t.file).sort()).toEqual(onDisk);
    });

    test.each(rows.map((row) => [`${row.file}: ${row.behaviour}`, row] as const))('%s', (_name, row) => {
      const args = [CDK_GUARD, `${dir}/${row.file}`, '--config', config, '--format', 'json'];
      const result = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8' });
      expect(result.stderr).toBe('');
      const report = JSON.parse(result.stdout) as {
        findings: {
          ruleId: string;
          principal?: string;
          location: { logicalId?: string; pointer?: string };
          evidence?: { path?: string };
        }[];
        errors: unknown[];
      };
      expect(report.errors).toEqual([]);
      const found = report.findings
        .filter((f) => f.ruleId.startsWith('privilege-escalation/') && f.principal !== undefined)
        .map((f) => `${f.principal ?? ''} ${f.evidence?.path ?? ruleName(f.ruleId)} ${f.location.pointer ?? ''}`);
      expect(found.sort()).toEqual([...row.expected].sort());
      if (row.all !== undefined) {
        const every = report.findings.map(
          (f) => `${f.ruleId} ${f.location.logicalId ?? ''} ${f.location.pointer ?? ''}`,
        );
        expect(every.sort()).toEqual([...row.all].sort());
      }
    });
  });
}
