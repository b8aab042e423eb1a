/**
 * Validating and resolving the user configuration. Pure: an object in, a result out; reading
 * files is the CLI's job. Errors name the key path as a JSON pointer (`/rules/foo`).
 */
import Ajv from 'ajv';
import type { ErrorObject } from 'ajv';
import type { Category, RuleId, Severity, SeverityOrOff } from '../analysis/finding';
import { CATEGORIES } from '../analysis/finding';
import type { Result } from '../model/policy';
import { parsePolicy } from '../model/parse';
import { escapePointerToken } from '../model/pointer';
import { RULES, getRule, presetSeverities } from '../rules/index';
import { categoryOf } from '../rules/rule';
import { compileGlob } from './glob';
import { closestMatch } from '../catalog/suggest';
import type { ConfigIssue, GuardConfig, ResolvedConfig, ResolvedSuppression } from './types';

// eslint-disable-next-line @typescript-eslint/no-require-imports -- a JSON file copied beside the build
const SCHEMA = require('./schema.json') as Record<string, unknown>;

/** The JSON Schema of the configuration object. */
export function configSchema(): Readonly<Record<string, unknown>> {
  return SCHEMA;
}

let validator: ReturnType<Ajv['compile']> | undefined;

/** Thrown by `runGuard` when given a configuration object that does not validate. */
export class ConfigError extends Error {
  constructor(readonly issues: readonly ConfigIssue[]) {
    super(`invalid iamgate configuration: ${issues.map((i) => `${i.pointer || '/'}: ${i.message}`).join('; ')}`);
    this.name = 'ConfigError';
  }
}

/** Validates a configuration object and resolves each rule's severity. */
export function resolveConfig(input: unknown): Result<ResolvedConfig, ConfigIssue> {
  validator ??= new Ajv({ allErrors: true, strict: true }).compile(SCHEMA);
  if (!validator(input)) {
    return { ok: false, issues: dedupe((validator.errors ?? []).map((e) => schemaIssue(e, input))) };
  }
  const config = input as GuardConfig;
  const issues = semanticIssues(config);
  if (issues.length > 0) return { ok: false, issues };
  return { ok: true, value: resolveValid(config), issues: [] };
}

function resolveValid(config: GuardConfig): ResolvedConfig {
  const severities = new Map<RuleId, Severity>(presetSeverities(config.extends ?? 'recommended'));
  const entries = Object.entries(config.rules ?? {});
  // Categories first, then ids: an id is more specific than its category whatever the key order.
  const apply = (id: RuleId, level: SeverityOrOff): void => {
    if (level === 'off') severities.delete(id);
    else severities.set(id, level);
  };
  for (const [key, level] of entries) {
    if (key.includes('/')) continue;
    for (const rule of RULES) if (categoryOf(rule.meta.id) === key) apply(rule.meta.id, level);
  }
  for (const [key, level] of entries) if (key.includes('/')) apply(key as RuleId, level);
  const suppressions: ResolvedSuppression[] = (config.suppressions ?? []).map((s, i) => ({
    ...s,
    source: `config: /suppressions/${i}`,
  }));
  return {
    severities,
    settings: {
      boundary: config.boundary ?? {},
      trust: config.trust ?? {},
      scps: config.scps ?? [],
      tuning: config.tuning ?? {},
    },
    suppressions,
  };
}

function semanticIssues(config: GuardConfig): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const isCategory = (key: string): boolean => (CATEGORIES as readonly string[]).includes(key);
  for (const key of Object.keys(config.rules ?? {})) {
    if (getRule(key) || isCategory(key)) continue;
    issues.push({
      pointer: `/rules/${escapePointerToken(key)}`,
      message: `unknown rule id or category \`${key}\`${suggestion(key)}`,
    });
  }
  config.suppressions?.forEach((s, i) => {
    const at = `/suppressions/${i}`;
    if (!getRule(s.rule) && !isCategory(s.rule)) {
      issues.push({ pointer: `${at}/rule`, message: `unknown rule id or category \`${s.rule}\`${suggestion(s.rule)}` });
    }
    const glob = compileGlob(s.target);
    if (!glob.ok) issues.push({ pointer: `${at}/target`, message: glob.message });
    if (s.reason.trim().length < 10)
      issues.push({ pointer: `${at}/reason`, message: 'a reason of at least 10 characters is required' });
    if (s.expires !== undefined && !isCalendarDate(s.expires)) {
      issues.push({ pointer: `${at}/expires`, message: `\`${s.expires}\` is not a date (expected \`YYYY-MM-DD\`)` });
    }
  });
  config.boundary?.allowed?.forEach((pattern, i) => {
    if (!pattern.startsWith('arn:'))
      issues.push({
        pointer: `/boundary/allowed/${i}`,
        message: `\`${pattern}\` is not an ARN pattern (expected \`arn:...\`)`,
      });
  });
  config.boundary?.scope?.paths?.forEach((pattern, i) => {
    const glob = compileGlob(pattern);
    if (!glob.ok) issues.push({ pointer: `/boundary/scope/paths/${i}`, message: glob.message });
  });
  config.scps?.forEach((document, i) => {
    const parsed = parsePolicy(document, { type: 'scp' });
    for (const issue of parsed.issues) {
      if (issue.severity === 'error') issues.push({ pointer: `/scps/${i}${issue.pointer}`, message: issue.message });
    }
  });
  return issues;
}

function suggestion(key: string): string {
  const close = closestMatch(key, [...RULES.map((r) => r.meta.id as string), ...CATEGORIES]);
  return close ? ` (did you mean \`${close}\`?)` : '';
}

function isCalendarDate(text: string): boolean {
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

const PATTERN_MESSAGES: readonly [RegExp, string][] = [
  [/^\/suppressions\/\d+\/expires$/, 'expected a date `YYYY-MM-DD`'],
  [/^\/trust\/accounts\/\d+$/, 'expected a 12-digit account id'],
  [/^\/trust\/organizationIds\/\d+$/, 'expected an organization id such as `o-a1b2c3d4e5`'],
];

function schemaIssue(error: ErrorObject, input: unknown): ConfigIssue {
  const at = error.instancePath;
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties': {
      const key = String(params['additionalProperty']);
      const where = at === '' ? 'configuration' : `\`${at.slice(at.lastIndexOf('/') + 1)}\``;
      return { pointer: `${at}/${escapePointerToken(key)}`, message: `unknown key \`${key}\` in ${where}` };
    }
    case 'required': {
      const key = String(params['missingProperty']);
      return { pointer: `${at}/${escapePointerToken(key)}`, message: `missing required key \`${key}\`` };
    }
    case 'type':
      return { pointer: at, message: `expected ${String(params['type'])}, found ${describe(valueAt(input, at))}` };
    case 'enum': {
      const allowed = (params['allowedValues'] as unknown[]).map((v) => `\`${String(v)}\``).join(', ');
      return { pointer: at, message: `expected one of ${allowed}, found ${describe(valueAt(input, at))}` };
    }
    case 'minLength':
      if (/\/reason$/.test(at)) return { pointer: at, message: 'a reason of at least 10 characters is required' };
      return { pointer: at, message: `must not be empty` };
    case 'pattern': {
      const known = PATTERN_MESSAGES.find(([re]) => re.test(at));
      return {
        pointer: at,
        message: `${known ? known[1] : 'unexpected format'}, found ${describe(valueAt(input, at))}`,
      };
    }
    default:
      return { pointer: at, message: (error.message ?? 'invalid value').toLowerCase() };
  }
}

function dedupe(issues: ConfigIssue[]): ConfigIssue[] {
  const seen = new Set<string>();
  return issues.filter((i) => {
    const key = `${i.pointer}\u0000${i.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function valueAt(input: unknown, pointer: string): unknown {
  let current = input;
  for (const token of pointer.split('/').slice(1)) {
    const key = token.replace(/~1/g, '/').replace(/~0/g, '~');
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

function describe(value: unknown): string {
  if (value === null) return '`null`';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return `\`${value}\``;
  return `\`${JSON.stringify(value) ?? 'undefined'}\``;
}

/** Whether a key of `rules` is a category (as opposed to a rule id). */
export function isCategory(key: string): key is Category {
  return (CATEGORIES as readonly string[]).includes(key);
}
