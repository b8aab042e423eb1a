/**
 * Shape validation of raw policy documents against policy.schema.json, with the schema's errors
 * (ajv's error objects) turned into `PolicyIssue`s. Symbolic values are accepted where the model
 * allows them.
 */
import type { ErrorObject, ValidateFunction } from 'ajv';
import type { ModelIssue } from './issue-codes';
import { isSymbolic, valueToString } from './symbolic';
import { childPointer, pointerTokens } from './pointer';
import { defineOwn } from './serialize';
import { loadGeneratedValidators } from './generated-validators';

interface Validators {
  /** The document without its statements (checked one by one, see `checkShape`). */
  readonly document: ValidateFunction;
  readonly statement: ValidateFunction;
}

let compiled: Validators | undefined;

/**
 * The validators of policy.schema.json, compiled at build time by scripts/build-validators.js
 * (ajv standalone code): compiling them at run time cost more than the rest of a small scan.
 * ajv gathers the errors of a `$ref` by `Array.concat`, quadratic when thousands of statements
 * fail; so the document validator stops at `Statement` and each statement is validated on its own.
 */
function validators(): Validators {
  compiled ??= loadGeneratedValidators('policy-validators.js') as Validators;
  return compiled;
}

/** Stands for a symbolic value during schema validation only; never reaches the model. */
const SYMBOLIC_PLACEHOLDER = '${symbolic}';

/** Elements whose values may be symbolic (besides Principal maps and condition values). */
const SYMBOLIC_STRING_ELEMENTS = ['Resource', 'NotResource'] as const;

/** Reads an own property only: user documents may carry `__proto__` or `constructor` keys. */
export function ownValue(container: unknown, key: string): unknown {
  if (typeof container !== 'object' || container === null) return undefined;
  return Object.prototype.hasOwnProperty.call(container, key) ? (container as Record<string, unknown>)[key] : undefined;
}

/** True for a JSON-object-like value: not null, not an array, not a symbolic value. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !isSymbolic(value);
}

/** A shallow copy of `source` with some own properties replaced (safe for `__proto__` keys). */
function withReplaced(source: Record<string, unknown>, replaced: Map<string, unknown>): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(source)) {
    defineOwn(copy, key, replaced.has(key) ? replaced.get(key) : source[key]);
  }
  return copy;
}

/** `value` with symbolic strings (or symbolic items of a list) replaced by the placeholder. */
function placeholderStrings(value: unknown): unknown {
  if (isSymbolic(value)) return SYMBOLIC_PLACEHOLDER;
  if (Array.isArray(value) && value.some(isSymbolic)) {
    return value.map((v: unknown) => (isSymbolic(v) ? SYMBOLIC_PLACEHOLDER : v));
  }
  return value;
}

/** Applies `fn` to each own property value of a record; the same record when nothing changed. */
function mapValues(record: Record<string, unknown>, fn: (v: unknown) => unknown): Record<string, unknown> {
  let replaced: Map<string, unknown> | undefined;
  for (const key of Object.keys(record)) {
    const before = record[key];
    const after = fn(before);
    if (after !== before) (replaced ??= new Map()).set(key, after);
  }
  return replaced === undefined ? record : withReplaced(record, replaced);
}

/**
 * The statement as the schema sees it: symbolic values at the positions where the model accepts
 * them (Resource, NotResource, Principal maps, condition values) become a placeholder string.
 * Copies only what changes; the input is never touched.
 */
function statementView(statement: unknown): unknown {
  if (!isRecord(statement)) return statement;
  let replaced: Map<string, unknown> | undefined;
  for (const element of SYMBOLIC_STRING_ELEMENTS) {
    const before = ownValue(statement, element);
    const after = placeholderStrings(before);
    if (after !== before) (replaced ??= new Map()).set(element, after);
  }
  for (const element of ['Principal', 'NotPrincipal']) {
    const before = ownValue(statement, element);
    if (!isRecord(before)) continue;
    const after = mapValues(before, placeholderStrings);
    if (after !== before) (replaced ??= new Map()).set(element, after);
  }
  const condition = ownValue(statement, 'Condition');
  if (isRecord(condition)) {
    const after = mapValues(condition, (block) => (isRecord(block) ? mapValues(block, placeholderStrings) : block));
    if (after !== condition) (replaced ??= new Map()).set('Condition', after);
  }
  return replaced === undefined ? statement : withReplaced(statement, replaced);
}

/** Options of `checkShape`. */
export interface CheckShapeOptions {
  /**
   * The document is the result of `JSON.parse`: plain objects and arrays of own data properties,
   * strings, numbers, booleans and null, nothing symbolic. Lets common statements skip the schema.
   */
  readonly parsedJson?: boolean;
}

/** Validates the shape of a policy document (an object); returns the problems found. */
export function checkShape(doc: Record<string, unknown>, options: CheckShapeOptions = {}): ModelIssue[] {
  const { document, statement } = validators();
  const errors: ErrorObject[] = [];
  // A policy `Id` is free text: one built at deploy (`!Sub ${AWS::StackName}-key-policy`) is still text.
  const view = isSymbolic(ownValue(doc, 'Id')) ? withReplaced(doc, new Map([['Id', SYMBOLIC_PLACEHOLDER]])) : doc;
  if (!document(view)) for (const error of document.errors ?? []) errors.push(error);
  const statements = ownValue(doc, 'Statement');
  const check = (raw: unknown, instancePath: string): void => {
    // Calling the schema validator costs more than the whole check below, which nearly every
    // statement passes; one that fails goes to the validator for its errors.
    if (options.parsedJson === true && satisfiesStatementSchema(raw)) return;
    if (
      !statement(statementView(raw), {
        instancePath,
        parentData: doc,
        parentDataProperty: 'Statement',
        rootData: doc,
        dynamicAnchors: {},
      })
    ) {
      for (const error of statement.errors ?? []) errors.push(error);
    }
  };
  if (Array.isArray(statements)) {
    for (let i = 0; i < statements.length; i++) check(statements[i], childPointer('/Statement', i));
  } else if (isRecord(statements)) {
    check(statements, '/Statement');
  }
  if (errors.length === 0) return [];
  const typeErrorAt = new Set(errors.filter((e) => e.keyword === 'type').map((e) => e.instancePath));
  const bare = isBareStatement(doc);
  const issues: ModelIssue[] = [];
  for (const error of errors) {
    if (error.keyword === 'if') continue;
    // A statement published alone (to be pasted into a policy) is one problem, not one per element.
    if (
      bare &&
      error.keyword === 'additionalProperties' &&
      STATEMENT_ELEMENTS.has(String(error.params['additionalProperty']))
    )
      continue;
    if (bare && error.keyword === 'required' && error.params['missingProperty'] === 'Statement') {
      issues.push({
        code: 'missing-statement',
        severity: 'error',
        message:
          'policy has no `Statement`: the document is a single statement (`Effect` at the top); IAM needs it inside `"Statement": [...]`',
        pointer: error.instancePath,
      });
      continue;
    }
    if (error.keyword !== 'type' && typeErrorAt.has(error.instancePath)) continue;
    if (error.keyword === 'minItems' && isEmptyBesidePrincipals(doc, error.instancePath)) continue;
    issues.push(issueFromAjv(error, doc));
  }
  return issues;
}

/** The elements of a statement, which a bare statement holds at the top of the document. */
const STATEMENT_ELEMENTS: ReadonlySet<string> = new Set([
  'Sid',
  'Effect',
  'Principal',
  'NotPrincipal',
  'Action',
  'NotAction',
  'Resource',
  'NotResource',
  'Condition',
]);

/**
 * A document that is one statement rather than a policy: an `Effect` at the top and no
 * `Statement` (collections of SCP examples publish statements to paste into a policy this way).
 */
function isBareStatement(doc: Record<string, unknown>): boolean {
  return ownValue(doc, 'Statement') === undefined && ownValue(doc, 'Effect') !== undefined;
}

/**
 * An empty list of one principal type beside a type that names some principal (`"Service": []`
 * next to `"AWS": "arn:..."`): what the AWS provider renders for a `principals` block given an
 * empty list, and IAM accepts (it rejects only a statement left with no principal at all).
 */
function isEmptyBesidePrincipals(doc: Record<string, unknown>, pointer: string): boolean {
  const match = /^(\/Statement(?:\/\d+)?\/(?:Not)?Principal)\/[^/]+$/.exec(pointer);
  if (match === null) return false;
  const principal = valueAt(doc, match[1] as string);
  return (
    isRecord(principal) &&
    Object.values(principal).some((v) => typeof v === 'string' || (Array.isArray(v) && v.length > 0))
  );
}

/**
 * True when a statement parsed from JSON satisfies `definitions/statement` of policy.schema.json,
 * checked directly: the validator would report no error for it. Mirrors the schema one keyword at
 * a time (the equivalence is property-tested against the validator in shape.test.ts).
 */
function satisfiesStatementSchema(raw: unknown): boolean {
  if (!isJsonObject(raw)) return false;
  const has = (key: string): boolean => raw[key] !== undefined;
  // required: Effect; dependencies: Action/NotAction, Resource/NotResource, Principal/NotPrincipal
  // (presence read as the validator reads it: not undefined).
  if (!has('Effect') || (has('Action') && has('NotAction')) || (has('Resource') && has('NotResource'))) return false;
  if (has('Principal') && has('NotPrincipal')) return false;
  for (const key of Object.keys(raw)) {
    const value = raw[key];
    switch (key) {
      case 'Sid':
        if (typeof value !== 'string') return false;
        break;
      case 'Effect':
        if (value !== 'Allow' && value !== 'Deny') return false;
        break;
      case 'Action':
      case 'NotAction':
      case 'Resource':
      case 'NotResource':
        if (!isSchemaStrings(value)) return false;
        break;
      case 'Principal':
      case 'NotPrincipal':
        if (value !== '*' && !(isJsonObject(value) && isNonEmptyMapOf(value, isSchemaStrings))) return false;
        break;
      case 'Condition':
        if (!isJsonObject(value) || !isMapOf(value, isConditionBlock)) return false;
        break;
      default:
        // additionalProperties: false
        return false;
    }
  }
  return true;
}

/** A JSON object (parsed JSON: not null, not an array). */
function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `definitions/strings`: a string or a non-empty array of strings. */
function isSchemaStrings(value: unknown): boolean {
  if (typeof value === 'string') return true;
  return Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'string');
}

function isConditionBlock(block: unknown): boolean {
  return isJsonObject(block) && isMapOf(block, isConditionValue);
}

/** A condition value: a string, boolean or number, or an array of them (possibly empty). */
function isConditionValue(value: unknown): boolean {
  if (Array.isArray(value)) return value.every(isConditionScalar);
  return isConditionScalar(value);
}

function isConditionScalar(value: unknown): boolean {
  // The schema's `number` is finite: `1e400` (parsed as Infinity) goes to the validator, which says so.
  return (
    typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value))
  );
}

function isMapOf(record: Record<string, unknown>, valid: (value: unknown) => boolean): boolean {
  for (const key of Object.keys(record)) if (!valid(record[key])) return false;
  return true;
}

/** minProperties: 1 with every value valid. */
function isNonEmptyMapOf(record: Record<string, unknown>, valid: (value: unknown) => boolean): boolean {
  return Object.keys(record).length > 0 && isMapOf(record, valid);
}

/** Reads the original (not the schema view) value at a pointer, own properties only. */
function valueAt(doc: unknown, pointer: string): unknown {
  let current: unknown = doc;
  for (const token of pointerTokens(pointer)) {
    current = Array.isArray(current) ? (current[Number(token)] as unknown) : ownValue(current, token);
  }
  return current;
}

/** Short, one-line rendering of a user value for a message. */
export function showValue(value: unknown): string {
  const text =
    typeof value === 'string'
      ? value
      : isSymbolic(value)
        ? valueToString(value)
        : typeof value === 'object' && value !== null
          ? '[object]'
          : String(value);
  // A value unknown before deploy reads as rule messages show it: `${the value of parameter Partner}`.
  const unnested = text.includes('${') ? unnestBackticks(text) : text;
  const short = unnested.length > 80 ? unnested.slice(0, 77) + '...' : unnested;
  return '`' + oneLine(short).replace(/`/g, "'") + '`';
}

/**
 * The text with the backticks dropped inside each `${...}`: a value unknown before deploy renders
 * as `${provenance}`, and a provenance quotes names itself (`the name of bucket \`Data\``), which
 * would end early the quotes a message puts around the whole value. The braces delimit it
 * already: `arn:aws:s3:::${the name of bucket Data}/*`. Applied to each value a message takes,
 * not to the message, whose own quotes may follow an unclosed `${` a policy holds.
 */
export function unnestBackticks(text: string): string {
  let out = '';
  let from = 0;
  for (;;) {
    const start = text.indexOf('${', from);
    if (start < 0) break;
    // The balanced `${...}` (a provenance may hold braces: `jsonencode({ a = 1 })`).
    let depth = 0;
    let end = start + 1;
    for (; end < text.length; end++) {
      if (text[end] === '{') depth++;
      else if (text[end] === '}' && --depth === 0) break;
    }
    // Never closed: text, not a value unknown before deploy.
    if (end >= text.length) break;
    out += text.slice(from, start) + text.slice(start, end + 1).replaceAll('`', '');
    from = end + 1;
  }
  return out + text.slice(from);
}

/** Text with control characters and line separators as spaces: a message stays one line. */
export function oneLine(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ');
}

/** What kind of value was found, e.g. "number `12`", "an array", "a symbolic value `${...}`". */
export function describeFound(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (isSymbolic(value)) return `a symbolic value ${showValue(value)}`;
  switch (typeof value) {
    case 'string':
      return `string ${showValue(value)}`;
    case 'number':
      // JSON's `1e400` parsed: a number, but one no policy holds (the schema's `number` is finite).
      return Number.isFinite(value)
        ? `number ${showValue(value)}`
        : `a number beyond the range of a double (read as ${showValue(value)})`;
    case 'boolean':
      return `boolean ${showValue(value)}`;
    case 'object':
      return 'an object';
    default:
      return typeof value;
  }
}

const EXPECTED: Readonly<Record<string, string>> = {
  string: 'a string',
  object: 'an object',
  'object,array': 'an object or an array of objects',
  'string,array': 'a string or an array of strings',
  'string,object': '`*` or an object',
  'string,boolean,number': 'a string, a boolean or a number',
  'string,boolean,number,array': 'a string, a boolean, a number or an array of them',
};

/** A readable name for the position a pointer designates, e.g. "condition key `aws:userid`". */
function describePosition(doc: Record<string, unknown>, pointer: string): string {
  const tokens = pointerTokens(pointer);
  if (tokens.length === 0) return 'the policy';
  if (tokens[0] !== 'Statement') return '`' + tokens.join('/') + '`';
  const inArray = Array.isArray(ownValue(doc, 'Statement'));
  if (tokens.length === 1) return isRecord(ownValue(doc, 'Statement')) ? 'statement' : '`Statement`';
  const rest = tokens.slice(inArray ? 2 : 1);
  const statement = inArray ? `statement ${tokens[1] ?? ''}` : 'statement';
  const [element, a, b, c] = rest;
  if (element === undefined) return statement;
  if (element === 'Condition') {
    if (a === undefined) return '`Condition`';
    if (b === undefined) return `condition operator \`${a}\``;
    if (c === undefined) return `condition key \`${b}\``;
    return `value ${c} of condition key \`${b}\``;
  }
  if (element === 'Principal' || element === 'NotPrincipal') {
    if (a === undefined) return `\`${element}\``;
    if (b === undefined) return `\`${element}\` \`${a}\``;
    return `\`${element}\` \`${a}\` item ${b}`;
  }
  return a === undefined ? `\`${element}\`` : `\`${element}\` item ${a}`;
}

function lastToken(pointer: string): string {
  const tokens = pointerTokens(pointer);
  return tokens[tokens.length - 1] ?? '';
}

function issueFromAjv(error: ErrorObject, doc: Record<string, unknown>): ModelIssue {
  const pointer = error.instancePath;
  const where = describePosition(doc, pointer);
  const found = valueAt(doc, pointer);
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'type': {
      // A value chosen at deploy (a template parameter) is no error of the document: the policy
      // cannot be read before deploy, which the rules report as unverifiable.
      if (isSymbolic(found))
        return {
          code: 'deploy-time-value',
          severity: 'error',
          message: `${where} is only known after deploy (${showValue(found)})`,
          pointer,
          params: { value: valueToString(found) },
        };
      const expected = Array.isArray(params['type']) ? params['type'].join(',') : String(params['type']);
      return {
        code: 'invalid-type',
        severity: 'error',
        message: `${where} must be ${EXPECTED[expected] ?? expected}, found ${describeFound(found)}`,
        pointer,
        params: {
          expected: Array.isArray(params['type']) ? [...(params['type'] as string[])] : params['type'],
          found: describeFound(found),
        },
      };
    }
    case 'additionalProperties': {
      const key = String(params['additionalProperty']);
      const scope = pointer === '' ? 'policy' : 'statement';
      return {
        code: 'unknown-element',
        severity: 'error',
        message: `unknown ${scope} element ${showValue(key)}`,
        pointer: childPointer(pointer, key),
        params: { element: key },
      };
    }
    case 'required': {
      const missing = String(params['missingProperty']);
      if (missing === 'Statement') {
        return { code: 'missing-statement', severity: 'error', message: 'policy has no `Statement`', pointer };
      }
      return {
        code: 'missing-effect',
        severity: 'error',
        message: `${where} has no \`Effect\` (\`Allow\` or \`Deny\`)`,
        pointer,
        params: { element: missing },
      };
    }
    case 'enum': {
      const element = lastToken(pointer);
      const allowed = (params['allowedValues'] as unknown[]).map((v) => '`' + String(v) + '`').join(' or ');
      return {
        code: element === 'Effect' ? 'invalid-effect' : 'unknown-version',
        severity: 'error',
        message: `\`${element}\` must be ${allowed}, found ${showValue(found)}`,
        pointer,
        params: { allowed: [...(params['allowedValues'] as unknown[])], found },
      };
    }
    case 'minItems':
      return {
        code: lastToken(pointer) === 'Statement' ? 'empty-statement' : 'empty-array',
        severity: 'error',
        message: `${where} is an empty array`,
        pointer,
      };
    case 'minProperties':
      return { code: 'empty-principal', severity: 'error', message: `${where} is an empty object`, pointer };
    case 'const':
      return {
        code: 'invalid-principal',
        severity: 'error',
        message: `${where} must be \`*\` or an object such as \`{"AWS": [...]}\`, found ${showValue(found)}`,
        pointer,
        params: { found: isSymbolic(found) ? valueToString(found) : found },
      };
    case 'not': {
      const element = /dependencies\/([A-Za-z]+)\/not$/.exec(error.schemaPath)?.[1] ?? 'element';
      return {
        code: 'conflicting-elements',
        severity: 'error',
        message: `${where} has both \`${element}\` and \`Not${element}\``,
        pointer,
        params: { elements: [element, 'Not' + element] },
      };
    }
    default:
      return {
        code: 'invalid-shape',
        severity: 'error',
        message: `${where} ${(error.message ?? 'is not valid').toLowerCase()}`,
        pointer,
      };
  }
}
