/**
 * `parsePolicy`: any legal form of an IAM policy document (object or JSON text, symbolic values
 * in string positions) into the immutable model of policy.ts, with every problem as an issue.
 */
import type {
  ConditionClause,
  Effect,
  Policy,
  PolicyIssue,
  PolicyType,
  PolicyVersion,
  PrincipalEntry,
  PrincipalSet,
  Result,
  Statement,
  ValueSet,
} from './policy';
import type { PolicyValue } from './symbolic';
import type { ModelIssue } from './issue-codes';
import { isSymbolic } from './symbolic';
import { decodeJsonText, duplicateKeys } from './json-text';
import type { DuplicateKey } from './json-text';
import { childPointer } from './pointer';
import { checkShape, describeFound, isRecord, oneLine, ownValue, showValue } from './shape';
import { validatePolicy } from './validate';
import type { DecodedOperator } from './operators';
import { decodeOperator } from './operators';

/** Options of `parsePolicy`. */
export interface ParsePolicyOptions {
  /** What the document is used as; without it only type-independent rules are errors. */
  readonly type?: PolicyType;
  /** File the document comes from, copied into every issue. */
  readonly file?: string;
}

/** Parses and validates a policy document given as an object or as JSON text. Never throws. */
export function parsePolicy(input: unknown, options: ParsePolicyOptions = {}): Result<Policy> {
  let result: Result<Policy>;
  try {
    result = parseUnguarded(input, options);
  } catch (error) {
    // A getter or proxy in a caller-built object can throw; that is bad input, not a crash.
    result = failure([
      {
        code: 'unreadable-input',
        severity: 'error',
        message: `the policy could not be read: ${String(error instanceof Error ? error.message : error)
          .toLowerCase()
          .replace(/[\r\n]+/g, ' ')}`,
        pointer: '',
      },
    ]);
  }
  return options.file === undefined ? result : withFile(result, options.file);
}

function parseUnguarded(input: unknown, options: ParsePolicyOptions): Result<Policy> {
  let doc = input;
  const parsedJson = typeof input === 'string';
  let duplicates: ModelIssue[] = [];
  if (typeof input === 'string') {
    const decoded = decodeJsonText(input);
    if (!decoded.ok) {
      const { offset, line, column, reason } = decoded.error;
      return failure([
        {
          code: 'invalid-json',
          severity: 'error',
          message: `invalid JSON at line ${line} column ${column} (offset ${offset}): ${reason}`,
          pointer: '',
          params: { offset, line, column },
        },
      ]);
    }
    doc = decoded.value;
    duplicates = duplicateKeyIssues(duplicateKeys(input, doc));
  }
  if (!isRecord(doc)) {
    return failure([
      {
        code: 'not-an-object',
        severity: 'error',
        message: notAPolicyDocument(doc) ?? '',
        pointer: '',
      },
    ]);
  }
  const read = withAccountNumbersAsText(doc);
  const shapeIssues = checkShape(read, { parsedJson });
  const deployTime = shapeIssues.length > 0 ? withoutDeployTimeActions(read, shapeIssues) : undefined;
  if (shapeIssues.length > 0 && deployTime === undefined) return failure([...duplicates, ...shapeIssues]);
  const written: ModelIssue[] = [];
  const policy = buildPolicy(read, written, deployTime?.statements);
  const validity = validatePolicy(policy, { type: options.type });
  const unknown = deployTime?.issues ?? [];
  const all =
    duplicates.length > 0 || written.length > 0 || unknown.length > 0
      ? [...duplicates, ...unknown, ...written, ...validity]
      : validity;
  const issues = Object.freeze(all.map(freezeIssue));
  if (issues.some((i) => i.severity === 'error')) return Object.freeze({ ok: false, issues });
  return Object.freeze({ ok: true, value: policy, issues });
}

/**
 * What is wrong with a value written where a policy document belongs, `undefined` when it is an
 * object: what it is, beside what a document is (an object of `Version` and `Statement`, a YAML
 * mapping in a template, where "JSON object" misled). A list of statements, the likeliest slip, is
 * told where they go.
 */
export function notAPolicyDocument(doc: unknown): string | undefined {
  if (isRecord(doc)) return undefined;
  const expected = 'a policy document must be an object with `Version` and `Statement`';
  if (!Array.isArray(doc)) return `${expected}, found ${describeFound(doc)}`;
  const items = doc as unknown[];
  const statements = items.length > 0 && items.every((item) => isRecord(item) && 'Effect' in item);
  const count = (noun: string): string => `${String(items.length)} ${noun}${items.length === 1 ? '' : 's'}`;
  return statements
    ? `${expected}, found a list of ${count('statement')}: put them under \`Statement\``
    : `${expected}, found a list of ${count('value')}`;
}

/**
 * The document with each whole number in an `AWS` principal (`"AWS": 123456789012`, an account id a
 * YAML template or `jsonencode` left unquoted) as its decimal text: IAM reads it as that account.
 * A number that is no account id (one whose leading zero a YAML parser dropped) is then reported as
 * the principal IAM rejects. The same document when there is none.
 */
function withAccountNumbersAsText(doc: Record<string, unknown>): Record<string, unknown> {
  const text = (value: unknown): unknown =>
    typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? String(value) : value;
  const principal = (value: unknown): unknown => {
    if (!isRecord(value)) return value;
    const aws = ownValue(value, 'AWS');
    const after = Array.isArray(aws) ? aws.map(text) : text(aws);
    const changed = Array.isArray(aws) ? (after as unknown[]).some((v, i) => v !== aws[i]) : after !== aws;
    return changed ? { ...value, AWS: after } : value;
  };
  const statement = (value: unknown): unknown => {
    if (!isRecord(value)) return value;
    let out = value;
    for (const key of ['Principal', 'NotPrincipal']) {
      const before = ownValue(value, key);
      const after = principal(before);
      if (after !== before) out = { ...out, [key]: after };
    }
    return out;
  };
  const statements = ownValue(doc, 'Statement');
  const after = Array.isArray(statements) ? statements.map(statement) : statement(statements);
  const changed = Array.isArray(statements)
    ? (after as unknown[]).some((v, i) => v !== statements[i])
    : after !== statements;
  return changed ? { ...doc, Statement: after } : doc;
}

/**
 * The warnings for member names given more than once in one object of a document (found in its
 * text here, or by an adapter in the template that holds it): only the last is read.
 */
function duplicateKeyIssues(duplicates: readonly DuplicateKey[]): ModelIssue[] {
  return duplicates.map(({ pointer, key }) => ({
    code: 'duplicate-key',
    severity: 'warning',
    message: `\`${key}\` is given more than once in one object: only the last is read and the others are ignored (merge them into one)`,
    pointer,
    params: { key },
  }));
}

/** `parsed` with the warnings for the duplicate member names an adapter found where the document is written. */
export function withDuplicateKeys(
  parsed: Result<Policy>,
  duplicates: readonly DuplicateKey[] | undefined,
): Result<Policy> {
  if (duplicates === undefined || duplicates.length === 0) return parsed;
  const issues = Object.freeze([...duplicateKeyIssues(duplicates).map(freezeIssue), ...parsed.issues]);
  return Object.freeze(parsed.ok ? { ok: true, value: parsed.value, issues } : { ok: false, issues });
}

function failure(issues: ModelIssue[]): Result<Policy> {
  return Object.freeze({ ok: false, issues: Object.freeze(issues.map(freezeIssue)) });
}

/** Freezes an issue with its params (whose values are scalars or flat lists). */
function freezeIssue<T extends PolicyIssue>(issue: T): T {
  // Keys and values of the document appear in messages; one with a line break would split the line.
  const message = oneLine(issue.message);
  if (message !== issue.message) issue = { ...issue, message };
  if (issue.params !== undefined) {
    for (const value of Object.values(issue.params)) {
      if (typeof value === 'object' && value !== null) Object.freeze(value);
    }
    Object.freeze(issue.params);
  }
  return Object.freeze(issue);
}

function withFile(result: Result<Policy>, file: string): Result<Policy> {
  const issues = Object.freeze(result.issues.map((i) => freezeIssue({ ...i, file })));
  return Object.freeze(result.ok ? { ok: true, value: result.value, issues } : { ok: false, issues });
}

// Building the model. The document has passed the schema, so types are as the schema says.
// What the model no longer shows (an empty condition block) is reported into `written` while
// building.

/**
 * A document whose only shape errors are actions known only at deploy (`Action: ${ActionsParam}`,
 * one element of an `Action` list), read without them: each such element is left out of its
 * statement, as a `deploy-time-value` warning that the rules report as unverifiable, so that the
 * other statements are still checked. A statement is left out whole when nothing known is left of
 * it, or when it is a `Deny` with `NotAction` (leaving an element out would widen what it denies);
 * leaving out part of an `Allow`'s `NotAction` widens what it allows, which hides no finding.
 * Undefined when another error remains, when the document has one statement not in a list, or
 * when no statement is left: the document is then invalid as a whole, as before.
 */
function withoutDeployTimeActions(
  doc: Record<string, unknown>,
  shapeIssues: readonly ModelIssue[],
): { statements: readonly { raw: Record<string, unknown>; index: number }[]; issues: ModelIssue[] } | undefined {
  const raw = ownValue(doc, 'Statement');
  if (!Array.isArray(raw)) return undefined;
  const affected = new Set<number>();
  for (const issue of shapeIssues) {
    const match = /^\/Statement\/(\d+)\/(Not)?Action(\/\d+)?$/.exec(issue.pointer);
    if (issue.code !== 'deploy-time-value' || match === null) return undefined;
    affected.add(Number(match[1]));
  }
  const statements: { raw: Record<string, unknown>; index: number }[] = [];
  raw.forEach((s: unknown, index) => {
    const statement = s as Record<string, unknown>;
    if (!affected.has(index)) {
      statements.push({ raw: statement, index });
      return;
    }
    const name = ownValue(statement, 'Action') === undefined ? 'NotAction' : 'Action';
    const value = ownValue(statement, name);
    const known = Array.isArray(value) ? value.filter((v) => !isSymbolic(v)) : [];
    const widensDeny = name === 'NotAction' && ownValue(statement, 'Effect') === 'Deny';
    if (known.length > 0 && !widensDeny) statements.push({ raw: { ...statement, [name]: known }, index });
  });
  if (statements.length === 0) return undefined;
  return { statements, issues: shapeIssues.map((issue) => ({ ...issue, severity: 'warning' as const })) };
}

function buildPolicy(
  doc: Record<string, unknown>,
  written: ModelIssue[],
  only?: readonly { raw: Record<string, unknown>; index: number }[],
): Policy {
  const raw = ownValue(doc, 'Statement');
  // Operator names repeat across statements; decode each once.
  const operators = new Map<string, DecodedOperator>();
  const statements =
    only !== undefined
      ? only.map(({ raw: s, index }) => buildStatement(s, index, childPointer('/Statement', index), operators, written))
      : Array.isArray(raw)
        ? raw.map((s: unknown, i) =>
            buildStatement(s as Record<string, unknown>, i, childPointer('/Statement', i), operators, written),
          )
        : [buildStatement(raw as Record<string, unknown>, 0, '/Statement', operators, written)];
  return Object.freeze({
    version: ownValue(doc, 'Version') as PolicyVersion,
    id: ownValue(doc, 'Id') as string | undefined,
    statements: Object.freeze(statements),
  });
}

function buildStatement(
  raw: Record<string, unknown>,
  index: number,
  pointer: string,
  operators: Map<string, DecodedOperator>,
  written: ModelIssue[],
): Statement {
  return Object.freeze({
    sid: ownValue(raw, 'Sid') as string | undefined,
    effect: ownValue(raw, 'Effect') as Effect,
    // Symbolic values fail the schema in Action/NotAction, so its values are plain strings.
    action: buildValueSet(raw, 'Action', pointer) as ValueSet<string> | undefined,
    resource: buildValueSet(raw, 'Resource', pointer),
    principal: buildPrincipal(raw, pointer),
    conditions: buildConditions(ownValue(raw, 'Condition'), pointer, operators, written),
    index,
    pointer,
  });
}

/** A frozen copy of an element's values: the schema has checked they are (symbolic) strings. */
function asList(value: unknown): readonly PolicyValue[] {
  return Object.freeze(Array.isArray(value) ? (value.slice() as PolicyValue[]) : [value as PolicyValue]);
}

function buildValueSet(
  raw: Record<string, unknown>,
  element: 'Action' | 'Resource',
  pointer: string,
): ValueSet<PolicyValue> | undefined {
  let name = element;
  let value = ownValue(raw, name);
  if (value === undefined) {
    name = 'Not' + element;
    value = ownValue(raw, name);
    if (value === undefined) return undefined;
  }
  return Object.freeze({ negated: name !== element, values: asList(value), pointer: childPointer(pointer, name) });
}

const NO_ENTRIES: readonly PrincipalEntry[] = Object.freeze([]);

function buildPrincipal(raw: Record<string, unknown>, pointer: string): PrincipalSet | undefined {
  for (const name of ['Principal', 'NotPrincipal'] as const) {
    const value = ownValue(raw, name);
    if (value === undefined) continue;
    const negated = name === 'NotPrincipal';
    const elementPointer = childPointer(pointer, name);
    if (!isRecord(value)) {
      return Object.freeze({ negated, wildcard: true, entries: NO_ENTRIES, pointer: elementPointer });
    }
    const entries: PrincipalEntry[] = [];
    for (const type of Object.keys(value)) {
      for (const v of asList(value[type])) entries.push(Object.freeze({ type, value: v }));
    }
    return Object.freeze({ negated, wildcard: false, entries: Object.freeze(entries), pointer: elementPointer });
  }
  return undefined;
}

/** Condition values keep their JSON text: `true` is `"true"`, `10` is `"10"`. */
function conditionValueText(value: unknown): PolicyValue {
  if (typeof value === 'string' || isSymbolic(value)) return value;
  return String(value);
}

const NO_CLAUSES: readonly ConditionClause[] = Object.freeze([]);

function buildConditions(
  raw: unknown,
  pointer: string,
  operators: Map<string, DecodedOperator>,
  written: ModelIssue[],
): readonly ConditionClause[] {
  if (!isRecord(raw)) return NO_CLAUSES;
  const conditionPointer = childPointer(pointer, 'Condition');
  const operatorNames = Object.keys(raw);
  if (operatorNames.length === 0) written.push(emptyCondition('`Condition`', conditionPointer));
  const clauses: ConditionClause[] = [];
  for (const operator of operatorNames) {
    const block = raw[operator] as Record<string, unknown>;
    let decoded = operators.get(operator);
    if (decoded === undefined) {
      decoded = decodeOperator(operator);
      operators.set(operator, decoded);
    }
    const operatorPointer = childPointer(conditionPointer, operator);
    const keys = Object.keys(block);
    if (keys.length === 0) written.push(emptyCondition(`condition operator ${showValue(operator)}`, operatorPointer));
    for (const key of keys) {
      const values = block[key];
      clauses.push(
        Object.freeze({
          operator,
          baseOperator: decoded.baseOperator,
          ifExists: decoded.ifExists,
          setOperator: decoded.setOperator,
          key,
          values: Object.freeze((Array.isArray(values) ? values : [values]).map(conditionValueText)),
          pointer: childPointer(operatorPointer, key),
        }),
      );
    }
  }
  return Object.freeze(clauses);
}

function emptyCondition(what: string, pointer: string): ModelIssue {
  return {
    code: 'empty-condition',
    severity: 'warning',
    message: `${what} is empty: it tests nothing, and the statement applies as if it had no condition`,
    pointer,
  };
}
