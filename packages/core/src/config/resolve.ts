/**
 * Validating and resolving the user configuration. Pure: an object in, a result out; reading
 * files is the CLI's job. Errors name the key path as a JSON pointer (`/rules/foo`).
 */
import type { ErrorObject, ValidateFunction } from 'ajv';
import type { Category, RuleId, Severity, SeverityOrOff } from '../analysis/finding';
import { CATEGORIES } from '../analysis/finding';
import type { Result } from '../model/policy';
import { parsePolicy } from '../model/parse';
import { loadGeneratedValidators } from '../model/generated-validators';
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

let validator: ValidateFunction | undefined;

/** Thrown by `runGuard` when given a configuration object that does not validate. */
export class ConfigError extends Error {
  constructor(readonly issues: readonly ConfigIssue[]) {
    super(`invalid iamgate configuration: ${issues.map((i) => `${i.pointer || '/'}: ${i.message}`).join('; ')}`);
    this.name = 'ConfigError';
  }
}

/** Validates a configuration object and resolves each rule's severity. */
export function resolveConfig(input: unknown): Result<ResolvedConfig, ConfigIssue> {
  // Compiled from schema.json at build time (scripts/build-validators.js), not by ajv at run time.
  validator ??= (loadGeneratedValidators('config-validator.js') as { config: ValidateFunction }).config;
  const valid = validator(input);
  const schemaIssues = valid ? [] : (validator.errors ?? []).map((e) => schemaIssue(e, input));
  // The checks the schema cannot express run on whatever has the right shape, so that one run
  // reports every problem.
  const issues = dedupe([...schemaIssues, ...semanticIssues(input)]);
  if (!valid || issues.length > 0) return { ok: false, issues };
  return { ok: true, value: resolveValid(input as GuardConfig), issues: [] };
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

function semanticIssues(input: unknown): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  if (!isObject(input)) return issues;
  const isKnown = (key: string): boolean => getRule(key) !== undefined || isCategory(key);
  const rules = input['rules'];
  if (isObject(rules)) {
    for (const key of Object.keys(rules)) {
      if (!isKnown(key))
        issues.push({
          pointer: `/rules/${escapePointerToken(key)}`,
          message: `unknown rule id or category \`${key}\`${suggestion(key)}`,
        });
    }
  }
  const suppressions = input['suppressions'];
  if (Array.isArray(suppressions)) {
    suppressions.forEach((s: unknown, i) => {
      if (!isObject(s)) return;
      const at = `/suppressions/${i}`;
      const { rule, target, reason, expires } = s;
      if (typeof rule === 'string' && rule !== '' && !isKnown(rule)) {
        issues.push({ pointer: `${at}/rule`, message: `unknown rule id or category \`${rule}\`${suggestion(rule)}` });
      }
      if (typeof target === 'string' && target !== '') {
        const glob = compileGlob(target);
        if (!glob.ok) issues.push({ pointer: `${at}/target`, message: glob.message });
      }
      if (typeof reason === 'string' && reason.trim().length < 10) {
        issues.push({ pointer: `${at}/reason`, message: 'a reason of at least 10 characters is required' });
      }
      if (typeof expires === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(expires) && !isCalendarDate(expires)) {
        issues.push({ pointer: `${at}/expires`, message: `\`${expires}\` is not a date (expected \`YYYY-MM-DD\`)` });
      }
    });
  }
  const boundary = input['boundary'];
  if (isObject(boundary)) {
    const allowed = boundary['allowed'];
    if (Array.isArray(allowed)) {
      allowed.forEach((pattern: unknown, i) => {
        if (typeof pattern === 'string' && pattern !== '' && !pattern.startsWith('arn:')) {
          issues.push({
            pointer: `/boundary/allowed/${i}`,
            message: `\`${pattern}\` is not an ARN pattern (expected \`arn:...\`)`,
          });
        }
      });
    }
    const scope = boundary['scope'];
    const paths = isObject(scope) ? scope['paths'] : undefined;
    if (Array.isArray(paths)) {
      paths.forEach((pattern: unknown, i) => {
        if (typeof pattern !== 'string' || pattern === '') return;
        const glob = compileGlob(pattern);
        if (!glob.ok) issues.push({ pointer: `/boundary/scope/paths/${i}`, message: glob.message });
      });
    }
  }
  const scps = input['scps'];
  if (Array.isArray(scps)) {
    scps.forEach((document: unknown, i) => {
      for (const issue of parsePolicy(document, { type: 'scp' }).issues) {
        if (issue.severity === 'error') issues.push({ pointer: `/scps/${i}${issue.pointer}`, message: issue.message });
      }
    });
  }
  return issues;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
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
      const where = at === '' ? 'configuration' : `\`${at.slice(1)}\``;
      const near = closestMatch(key, knownKeysAt(at));
      return {
        pointer: `${at}/${escapePointerToken(key)}`,
        message: `unknown key \`${key}\` in ${where}${near === undefined ? '' : ` (did you mean \`${near}\`?)`}`,
      };
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

/** The keys the schema knows for the object at `pointer` (`/boundary`: `required`, `allowed`, ...). */
function knownKeysAt(pointer: string): string[] {
  let node: unknown = SCHEMA;
  for (const token of pointer.split('/').slice(1)) {
    if (!isObject(node)) return [];
    const properties = node['properties'];
    node =
      isObject(properties) && token in properties ? properties[token] : /^\d+$/.test(token) ? node['items'] : undefined;
  }
  const properties = isObject(node) ? node['properties'] : undefined;
  return isObject(properties) ? Object.keys(properties).filter((key) => key !== '$schema') : [];
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
function isCategory(key: string): key is Category {
  return (CATEGORIES as readonly string[]).includes(key);
}
