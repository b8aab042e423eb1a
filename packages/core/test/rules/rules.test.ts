/**
 * Every rule, generically: its file name is its id, its metadata is complete, and its static
 * examples run (valid ones report nothing, invalid ones report exactly their message ids).
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { RULES } from '../../src/rules/index';
import { runExample } from '../../src/rules/examples';
import { CATEGORIES } from '../../src/analysis/finding';
import type { AnyRule } from '../../src/rules/rule';

const RULES_DIR = join(__dirname, '..', '..', 'src', 'rules');

describe('rule registry', () => {
  it('registers every rule file of every category folder', () => {
    const files = CATEGORIES.filter((c) => existsSync(join(RULES_DIR, c))).flatMap((c) =>
      readdirSync(join(RULES_DIR, c))
        .filter((f) => f.endsWith('.ts'))
        .map((f) => `${c}/${f.slice(0, -3)}`),
    );
    expect(files.sort()).toEqual(RULES.map((r) => r.meta.id).sort());
  });

  it.each(RULES.map((r) => [r.meta.id, r] as const))('%s lives in the file named after its id', (id, rule) => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const loaded = require(join(RULES_DIR, `${id}.ts`)) as { default: AnyRule };
    expect(loaded.default).toBe(rule);
  });

  it.each(RULES.map((r) => [r.meta.id, r] as const))(
    '%s has a kebab-case id in a known category and complete metadata',
    (id, rule) => {
      expect(id).toMatch(/^[a-z]+(-[a-z]+)*\/[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(CATEGORIES).toContain(id.slice(0, id.indexOf('/')));
      expect(rule.meta.description.length).toBeGreaterThan(20);
      expect(rule.meta.rationale.length).toBeGreaterThan(40);
      expect(Object.keys(rule.meta.messages).length).toBeGreaterThan(0);
      for (const message of Object.values(rule.meta.messages)) expect(message).toMatch(/^[a-z{`]/);
    },
  );

  it.each(RULES.filter((r) => !r.meta.emittedByEngine).map((r) => [r.meta.id, r] as const))(
    '%s has at least two valid and two invalid examples',
    (_id, rule) => {
      expect(rule.examples.valid.length).toBeGreaterThanOrEqual(2);
      expect(rule.examples.invalid.length).toBeGreaterThanOrEqual(2);
    },
  );
});

const valid = RULES.flatMap((rule) =>
  rule.examples.valid.map((example) => [rule.meta.id, example.name, rule, example] as const),
);
const invalid = RULES.flatMap((rule) =>
  rule.examples.invalid.map((example) => [rule.meta.id, example.name, rule, example] as const),
);

describe('valid examples report nothing', () => {
  it.each(valid)('%s: %s', (_id, _name, rule, example) => {
    const reports = runExample(rule, example);
    expect(reports.map((r) => `${r.finding.ruleId}: ${r.finding.message}`)).toEqual([]);
  });
});

describe('invalid examples report their message ids', () => {
  it.each(invalid)('%s: %s', (_id, _name, rule, example) => {
    const reports = runExample(rule, example);
    expect(reports.every((r) => r.finding.ruleId === rule.meta.id)).toBe(true);
    expect(reports.map((r) => r.messageId).sort()).toEqual(example.errors.map((e) => e.messageId).sort());
    for (const [i, expected] of example.errors.entries()) {
      if (expected.pointer !== undefined) expect(reports[i]?.finding.location.pointer).toBe(expected.pointer);
    }
  });
});
