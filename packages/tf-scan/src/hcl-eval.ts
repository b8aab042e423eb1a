/**
 * Values of HCL expressions (hcl-expression.ts) as Terraform would compute them from the text:
 * operators, conditionals, `for` expressions, splats, template directives and the built-in
 * functions that policies are commonly built with. What only apply knows is the caller's: its
 * `reference` hook gives a value to each name not bound by a `for`, or throws. Anything this
 * evaluator cannot compute throws `UnsupportedHcl`, so the caller keeps the policy unresolved
 * rather than guessing.
 */
import { createHash } from 'node:crypto';
import { SymbolicValue, defineOwn } from '@iamgate/core';
import type * as Yaml from 'yaml';
import type { Hole } from '@iamgate/core';
import {
  FileUnusable,
  InvalidConfiguration,
  UnimplementedHcl,
  UnsupportedHcl,
  childrenOf,
  parseHclTemplate,
} from './hcl-expression';
import { decodeTextBase64, encodeTextBase64, yamlEncode } from './hcl-encode';
import { formatFloat } from './hcl-float-format';
import { formatDate, timeAdd, timeCompare } from './hcl-time';
import { unifiedValues } from './hcl-unify';
import type { BinaryOperator, ForNode, HclNode } from './hcl-expression';

/** A value depends on something only apply knows (the references it names). */
export class UnknownHcl extends UnsupportedHcl {
  constructor(readonly references: readonly string[]) {
    super(`unknown until apply: ${references.join(', ')}`);
  }
}

export { UnimplementedHcl } from './hcl-expression';

/**
 * A list only apply knows the length of, whose first elements are known for every value that
 * deploys (`split("/", data.aws_caller_identity.current.arn)`: the name after the first `/` of a
 * user or a role session). `elements[i]` is `undefined` where only apply tells the element; the list
 * has at least `length` elements, and an index past them is Terraform's error for some values (a
 * root caller has no `/`). `steps` are those a reference takes into it (`local.parts[1]`).
 */
export class UnknownLength extends UnknownHcl {
  constructor(
    references: readonly string[],
    readonly why: string,
    readonly elements: readonly unknown[],
    readonly length: number,
    readonly steps: readonly (string | number)[] = [],
  ) {
    super(references);
    this.message = why;
  }

  /** The same list, reached by a reference that takes `steps` into it. */
  within(steps: readonly (string | number)[]): UnknownLength {
    return new UnknownLength(this.references, this.why, this.elements, this.length, steps);
  }
}

/**
 * An element of a collection that only apply knows (`{ main = { arn = aws_x.y.arn } }`): the
 * collection keeps its known shape (its keys, its length) while the element stays unknown, named by
 * the references it comes from. Whatever reads the element itself is unknown in turn.
 */
export class PendingValue {
  constructor(
    readonly references: readonly string[],
    /** Why only apply knows it, when the references alone do not say (see {@link UnknownLength}). */
    readonly why?: string,
  ) {}
}

/**
 * An object whose attributes are read when a step reaches them (a resource instance named whole:
 * `aws_iam_openid_connect_provider.github` given to a module, `v` of `for k, v in aws_s3_bucket.b`).
 * `read` returns `undefined` for an attribute it does not have.
 */
export class AttributeReader {
  constructor(readonly read: (name: string) => unknown) {}
}

/** The references of the pending values inside a value (deeply); empty when the value is fully known. */
export function pendingReferences(value: unknown, depth = 0): string[] {
  if (value instanceof PendingValue) return [...value.references];
  if (value === null || typeof value !== 'object' || depth > MAX_DEPTH) return [];
  const items = Array.isArray(value) ? (value as unknown[]) : isMap(value) ? Object.values(value) : [];
  return [...new Set(items.flatMap((item) => pendingReferences(item, depth + 1)))];
}

/** The first reason given by a pending value inside a value (deeply), if any. */
function pendingWhy(value: unknown, depth = 0): string | undefined {
  if (value instanceof PendingValue) return value.why;
  if (value === null || typeof value !== 'object' || depth > MAX_DEPTH) return undefined;
  const items = Array.isArray(value) ? (value as unknown[]) : isMap(value) ? Object.values(value) : [];
  for (const item of items) {
    const why = pendingWhy(item, depth + 1);
    if (why !== undefined) return why;
  }
  return undefined;
}

/** The unknown that pending values stand for: the reason one of them gives, if any, kept. */
function unknownOf(references: readonly string[], pending: readonly unknown[]): UnknownHcl {
  const why = pendingWhy(pending);
  return why === undefined ? new UnknownHcl(references) : new UnknownElementOf(references, why);
}

/** Throws the unknown a pending value stands for; anything else passes. */
function known<T>(value: T): T {
  if (value instanceof PendingValue) throw unknownOf(value.references, [value]);
  return value;
}

/**
 * Throws the unknown a symbolic value stands for where a value of another type, or whole, is
 * needed (a condition, a number, a collection, an element): what it is only apply tells, so it is
 * never an error `try()` would fall back from.
 */
function whole<T>(value: T): T {
  known(value);
  if (value instanceof SymbolicValue) throw new UnknownHcl(value.holes().map((h) => h.source));
  return value;
}

/**
 * An element of a value known only after apply, picked by a computed key: unknown, unless the
 * caller knows the reference with the key written out (`data.x.c[each.key].identity[0]`).
 */
class UnknownElement extends UnknownHcl {}

/** An element of a list only apply knows the length of (see {@link UnknownLength}), said why. */
class UnknownElementOf extends UnknownHcl {
  constructor(references: readonly string[], why: string) {
    super(references);
    this.message = why;
  }
}

/**
 * The collection of a `for` expression or `%{ for }` directive only apply knows (the tags of a
 * resource, a list attribute of a data source read at apply): named, so that the report says which
 * collection left the value unknown rather than the whole expression around it.
 */
class UnknownCollection extends UnknownHcl {
  constructor(references: readonly string[]) {
    super(references);
    this.message = `a \`for\` over ${references.map((r) => `\`${r}\``).join(', ')}, ${collectionWhy(references)}`;
  }
}

/**
 * Why the collection of a `for` is unknown, told by what it reads: a variable has no value yet
 * (`--var-file` gives one), a data source is read when a plan is made, a resource's attributes
 * are known after apply.
 */
function collectionWhy(references: readonly string[]): string {
  const roots = new Set(references.map((r) => r.split('.')[0]));
  if (roots.size === 1 && roots.has('var')) return 'a variable given no value: give it with `--var-file`';
  if (roots.size === 1 && roots.has('data')) return 'which a plan reads';
  if (roots.has('var') || roots.has('data')) return 'which only a plan or apply knows';
  return 'which only apply knows';
}

/** Whether an unknown says why in its message (a list whose length only apply knows), for the report. */
export function explainsItself(error: unknown): error is UnknownHcl {
  return error instanceof UnknownLength || error instanceof UnknownElementOf || error instanceof UnknownCollection;
}

/** The sources of the symbolic values inside a value (deeply). */
function symbolicSources(value: unknown, depth = 0): string[] {
  if (value instanceof SymbolicValue) return value.holes().map((h) => h.source);
  if (value === null || typeof value !== 'object' || depth > MAX_DEPTH) return [];
  const items = Array.isArray(value) ? (value as unknown[]) : isMap(value) ? Object.values(value) : [];
  return [...new Set(items.flatMap((item) => symbolicSources(item, depth + 1)))];
}

/** What the caller knows. */
export interface EvalHooks {
  /** The value of a reference not bound in scope (`var.x`, `local.y.z`, `aws_s3_bucket.b.arn`); throws when none. */
  reference(text: string): unknown;
  /** Joins template pieces when one is not text (a symbolic value); by default such a template is unsupported. */
  join?(pieces: readonly unknown[]): unknown;
  /**
   * `jsonencode(value)`: by default the JSON text of plain data, unsupported around a value that
   * is not (a symbolic value); a caller that reads the document itself may return `value`.
   */
  jsonencode?(value: unknown): unknown;
  /**
   * `jsondecode(text)` of JSON text with values known only after apply (a `templatefile` around an
   * ARN): by default unknown; a caller that reads documents with symbolic values may give the
   * document, or `undefined` where the text alone does not tell it (a hole outside a JSON string).
   */
  jsondecode?(text: SymbolicValue): unknown;
  /**
   * An object key known only after apply (`"${local.issuer}:sub" = ...`): by default the object is
   * unsupported; a caller that reads the object as a policy document may give the key as text.
   */
  symbolicKey?(key: SymbolicValue): string;
  /** The text of a file named by `file()` or `templatefile()`, or `undefined` when it cannot be read. */
  readFile?(path: string): string | undefined;
  /** The bytes of a file named by `filebase64()` or a file hash function, or `undefined` when it cannot be read. */
  readBytes?(path: string): Uint8Array | undefined;
  /** Why a file `readFile` or `readBytes` gave nothing for cannot be read (`does not exist`, `is a directory`). */
  fileProblem?(path: string): string;
  /** What is at a path (`fileexists()`); by default (or `undefined`) `listFiles` of its directory tells. */
  pathKind?(path: string): 'file' | 'directory' | 'none' | undefined;
  /**
   * The regular files below a directory (`fileset()`), as paths relative to it with `/`, or
   * `undefined` when it cannot be listed; none when it does not exist, as Terraform finds none.
   */
  listFiles?(directory: string): readonly string[] | undefined;
  /**
   * A value only apply gives (`timestamp()`, `uuid()`): by default an unknown naming the call; a
   * caller that reads documents with symbolic values may give one.
   */
  unknownResult?(call: string): unknown;
  /** `abspath()`: a path made absolute from the root module's directory, where Terraform runs. */
  absolutePath?(path: string): string;
  /**
   * Local names that `required_providers` gives the AWS provider (`hashicorp/aws`) besides `aws`,
   * so that `provider::<name>::arn_build(...)` calls its functions.
   */
  readonly awsProviderNames?: ReadonlySet<string>;
  /**
   * What a variable of the module is declared (`sensitive = true`, `ephemeral = true`), and whether
   * the module is the root one (whose variables hold nothing their declaration does not say);
   * `undefined` for a variable it does not declare.
   */
  variable?(name: string): VariableFlags | undefined;
  /**
   * `ephemeralasnull(local.NAME)`: the local's value with its ephemeral parts null, as Terraform
   * gives it; `undefined` for a name that is no local of the module.
   */
  withoutEphemeralLocal?(name: string): unknown;
  /** The expression of a local of the module (`issensitive(local.NAME)` reads its marks); `undefined` for none. */
  localNode?(name: string): HclNode | undefined;
}

/** What the declaration of a variable says of its values. */
export interface VariableFlags {
  readonly sensitive: boolean;
  readonly ephemeral: boolean;
  /** Declared in the root module: a caller's sensitive value never reaches it. */
  readonly root: boolean;
  /**
   * For a variable of a called module, the sensitive marks of the value its caller gives it
   * (Terraform keeps them on the input), none when the caller leaves it to its default;
   * `undefined` when not known.
   */
  readonly given?: Marks | undefined;
}

/** Names bound by `for` expressions, dynamic blocks and `templatefile` variables. */
export type Scope = ReadonlyMap<string, unknown>;

const EMPTY: Scope = new Map();

/**
 * The sensitive marks Terraform carries on the value `node` makes (see `issensitive`): a module's
 * input takes those of the expression its caller writes.
 */
export function marksOfHcl(node: HclNode, hooks: EvalHooks): Marks {
  return new Evaluation(hooks).marks(node);
}

/** Evaluates `node`; throws `UnsupportedHcl` (or `UnknownHcl`) when it has no value from the text. */
export function evaluateHcl(node: HclNode, hooks: EvalHooks, scope: Scope = EMPTY): unknown {
  return new Evaluation(hooks).value(node, scope, 0);
}

/**
 * Every reference an expression names, except names bound inside it or in `bound`, and those in
 * the arguments of calls to the functions `skipped` names (`ephemeralasnull(...)`).
 */
export function referencesOf(
  node: HclNode,
  bound: ReadonlySet<string> = new Set(),
  skipped: ReadonlySet<string> = new Set(),
): string[] {
  const found = new Set<string>();
  const visit = (n: HclNode, names: ReadonlySet<string>): void => {
    switch (n.kind) {
      case 'literal':
        return;
      case 'reference':
        if (!names.has(rootOf(n.text))) found.add(n.text);
        return;
      case 'template':
        for (const part of n.parts) if (typeof part !== 'string') visit(part, names);
        return;
      case 'object':
        for (const [key, value] of n.entries) {
          if (typeof key !== 'string') visit(key, names);
          visit(value, names);
        }
        return;
      case 'tuple':
        for (const item of n.items) visit(item, names);
        return;
      case 'call':
        if (!skipped.has(n.name)) for (const arg of n.args) visit(arg, names);
        return;
      case 'for':
      case 'template-for': {
        visit(n.collection, names);
        const inner = new Set([...names, n.valueName, ...(n.keyName === undefined ? [] : [n.keyName])]);
        if (n.kind === 'template-for') visit(n.body, inner);
        else for (const part of [n.key, n.value, n.condition]) if (part !== undefined) visit(part, inner);
        return;
      }
      case 'conditional':
      case 'template-if':
        visit(n.condition, names);
        visit(n.then, names);
        visit(n.else, names);
        return;
      case 'binary':
        visit(n.left, names);
        visit(n.right, names);
        return;
      case 'unary':
        visit(n.operand, names);
        return;
      case 'index':
        visit(n.target, names);
        visit(n.key, names);
        return;
      case 'splat':
        visit(n.target, names);
        return;
    }
  };
  visit(node, bound);
  return [...found];
}

/**
 * The sensitive marks of a value: on the value as a whole, and on some part inside it; each
 * `undefined` when not known.
 */
export interface Marks {
  readonly whole: boolean | undefined;
  readonly inside: boolean | undefined;
}

const NO_MARKS: Marks = { whole: false, inside: false };
const WHOLE_MARKS: Marks = { whole: true, inside: undefined };
const UNKNOWN_MARKS: Marks = { whole: undefined, inside: undefined };

/** True when any is, false when none may be, else `undefined`. */
function or(values: readonly (boolean | undefined)[]): boolean | undefined {
  if (values.includes(true)) return true;
  return values.every((v) => v === false) ? false : undefined;
}

/** Whether a value holds a mark anywhere, on itself or inside. */
function some(marks: Marks): boolean | undefined {
  return or([marks.whole, marks.inside]);
}

/** Whether any of several values holds a mark anywhere. */
function anyMarks(marks: readonly Marks[]): { some: boolean | undefined } {
  return { some: or(marks.map(some)) };
}

/** A value that takes on every mark of what it is made from, as a whole. */
function asWhole(found: { some: boolean | undefined }): Marks {
  return { whole: found.some, inside: false };
}

/**
 * Functions whose result takes every mark of their arguments (inside collections too) as a whole,
 * as `terraform console` shows (`issensitive(join(",", [var.secret, "a"]))` is true).
 */
const MARKS_TAKEN_WHOLE: ReadonlySet<string> = new Set([
  'jsonencode',
  'yamlencode',
  'jsondecode',
  'yamldecode',
  'join',
  'format',
  'formatlist',
  'contains',
  'index',
  'sort',
  'distinct',
  'compact',
  'coalesce',
  'coalescelist',
  'setunion',
  'setintersection',
  'setsubtract',
  'transpose',
  'templatestring',
  'upper',
  'lower',
  'title',
  'replace',
  'split',
  'regex',
  'regexall',
  'substr',
  'trim',
  'trimspace',
  'trimprefix',
  'trimsuffix',
  'chomp',
  'indent',
  'strrev',
  'startswith',
  'endswith',
  'strcontains',
  'base64encode',
  'base64decode',
  'urlencode',
  'md5',
  'sha1',
  'sha256',
  'sha512',
  'base64sha256',
  'base64sha512',
  'tostring',
  'tonumber',
  'tobool',
]);

/**
 * Functions that keep each element's marks where it is, the collections' own marks on the result
 * (`issensitive(concat(["a"], [var.secret]))` is false, `issensitive(merge(var.secret_map, {}))` true).
 */
const MARKS_KEPT: ReadonlySet<string> = new Set([
  'tolist',
  'toset',
  'tomap',
  'merge',
  'concat',
  'values',
  'slice',
  'reverse',
  'setproduct',
  'zipmap',
]);

/** Functions that read or change the marks of their argument (or need not evaluate it) rather than pass them on. */
const MARK_FUNCTIONS: ReadonlySet<string> = new Set([
  'sensitive',
  'nonsensitive',
  'issensitive',
  'ephemeralasnull',
  'can',
  'try',
  'type',
]);

/**
 * Whether a value made by `node` carries the sensitive and ephemeral marks of every value it reads
 * as Terraform carries them: templates, operators and function calls over values read whole do; a
 * collection (`length([var.x])` is not sensitive, `jsonencode({ a = var.x })` is), a conditional
 * or a `for` that picks some values only, or a function handling marks itself, is not told here.
 */
function carriesMarks(node: HclNode): boolean {
  switch (node.kind) {
    case 'literal':
    case 'reference':
      return true;
    case 'template':
      return node.parts.every((p) => typeof p === 'string' || carriesMarks(p));
    case 'call':
      return !MARK_FUNCTIONS.has(node.name) && node.args.every((a) => carriesMarks(a));
    case 'binary':
      return carriesMarks(node.left) && carriesMarks(node.right);
    case 'unary':
      return carriesMarks(node.operand);
    default:
      return false;
  }
}

/** Whether `node` calls the function `name` (any function, without a name) anywhere inside. */
export function callsAnywhere(node: HclNode, name?: string): boolean {
  const inside = (n: HclNode): boolean =>
    (n.kind === 'call' && (name === undefined || n.name === name)) || childrenOf(n).some(inside);
  return inside(node);
}

/** The name a reference starts from: `var` of `var.x`, `each` of `each.value`, `s` of `s.value`. */
export function rootOf(text: string): string {
  return /^[A-Za-z_][\w-]*/.exec(text)?.[0] ?? text;
}

/** The steps after the root of a reference text: `a.b[0]["k"]` -> `b`, 0, `k`. */
export function stepsOf(text: string): (string | number)[] {
  const steps: (string | number)[] = [];
  const pattern = /\.([A-Za-z_][\w-]*|\d+)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]/gy;
  pattern.lastIndex = rootOf(text).length;
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
    if (match[1] !== undefined) steps.push(/^\d+$/.test(match[1]) ? Number(match[1]) : match[1]);
    else if (match[2] !== undefined) steps.push(Number(match[2]));
    else if (match[3] !== undefined) steps.push(JSON.parse(match[3]) as string);
  }
  return steps;
}

/** `value[step]` for Terraform's lists, maps and objects; `undefined` when absent. */
export function stepInto(value: unknown, step: string | number): unknown {
  if (value instanceof AttributeReader) return typeof step === 'string' ? value.read(step) : undefined;
  if (Array.isArray(value)) {
    const index = typeof step === 'number' ? step : /^\d+$/.test(step) ? Number(step) : NaN;
    return Number.isInteger(index) ? (value as unknown[])[index] : undefined;
  }
  if (isMap(value) && Object.prototype.hasOwnProperty.call(value, String(step))) return value[String(step)];
  return undefined;
}

function isMap(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype;
}

/** Values the evaluator computes with: JSON data. Anything else (a symbolic value) is opaque. */
function isPlain(value: unknown): boolean {
  if (value === null || typeof value !== 'object') return typeof value !== 'undefined';
  if (Array.isArray(value)) return value.every(isPlain);
  return isMap(value) && Object.values(value).every(isPlain);
}

/** The type of a value as `==` compares types; a symbolic value is text known only after apply. */
function kindOf(value: unknown): string | undefined {
  if (value === null) return 'null';
  if (typeof value === 'string' || value instanceof SymbolicValue) return 'string';
  if (typeof value === 'number' || typeof value === 'boolean') return typeof value;
  if (Array.isArray(value)) return 'list';
  return isMap(value) ? 'map' : undefined;
}

/**
 * `left == right` as Terraform decides it, without converting types: values of different types are
 * unequal even when parts of them are known only after apply (`[aws_s3_bucket.b.arn] == true` is
 * false); `undefined` when only apply can tell (an unknown beside a null, or where the types agree).
 */
function equality(left: unknown, right: unknown, depth: number): boolean | undefined {
  if (isPlain(left) && isPlain(right)) return JSON.stringify(left) === JSON.stringify(right);
  const kinds = [kindOf(left), kindOf(right)];
  if (kinds.includes(undefined) || depth > MAX_DEPTH) return undefined;
  // Null equals only null; beside a value wholly unknown, only apply tells. Text around an unknown
  // (a template, `templatefile()` around an ARN) is text, never null.
  const open = (v: unknown): boolean => v instanceof SymbolicValue && v.parts.every((p) => typeof p !== 'string');
  if (kinds[0] === 'null' || kinds[1] === 'null')
    return kinds[0] === kinds[1] ? true : open(left) || open(right) ? undefined : false;
  if (kinds[0] !== kinds[1]) return false;
  if (kinds[0] === 'string') return sameText(left, right) ? true : textsDiffer(left, right) ? false : undefined;
  const pairs: [unknown, unknown][] = [];
  if (Array.isArray(left) && Array.isArray(right)) {
    if (left.length !== right.length) return false;
    left.forEach((item, i) => pairs.push([item, (right as unknown[])[i]]));
  } else {
    const a = left as Record<string, unknown>;
    const b = right as Record<string, unknown>;
    const keys = Object.keys(a).sort();
    if (JSON.stringify(keys) !== JSON.stringify(Object.keys(b).sort())) return false;
    for (const key of keys) pairs.push([a[key], b[key]]);
  }
  // Element by element, in order, as Terraform compares them: an unknown before a difference is unknown.
  for (const [a, b] of pairs) {
    const same = equality(a, b, depth + 1);
    if (same !== true) return same;
  }
  return true;
}

/** Whether two texts around values only apply knows are the same text: the same parts, the same holes. */
function sameText(left: unknown, right: unknown): boolean {
  if (!(left instanceof SymbolicValue) || !(right instanceof SymbolicValue)) return false;
  if (left.parts.length !== right.parts.length) return false;
  return left.parts.every((part, i) => {
    const other = right.parts[i];
    if (typeof part === 'string' || typeof other === 'string') return part === other;
    // A hole standing for whatever an unread part adds is no one value.
    return other !== undefined && part.id === other.id && part.anyText !== true && other.anyText !== true;
  });
}

/**
 * Whether text and text around values only apply knows can never be equal, whatever those values
 * are: their written starts or ends differ (`"arn:aws:s3:::${bucket}" != "*"`), or the written
 * characters alone are longer than the other text.
 */
function textsDiffer(left: unknown, right: unknown): boolean {
  const [symbolic, other] = left instanceof SymbolicValue ? [left, right] : [right as SymbolicValue, left];
  if (!(symbolic instanceof SymbolicValue) || typeof other !== 'string') return false;
  const { parts } = symbolic;
  const [first] = parts;
  const last = parts[parts.length - 1];
  const written = parts.reduce((n, p) => n + (typeof p === 'string' ? p.length : 0), 0);
  if (written > other.length) return true;
  if (typeof first === 'string' && !other.startsWith(first)) return true;
  return typeof last === 'string' && !other.endsWith(last);
}

/** Deep nesting of hostile input stops here, not in a stack overflow. */
const MAX_DEPTH = 200;
/** No `range`, template loop or file a scan would choke on. */
const MAX_ITEMS = 100_000;

class Evaluation {
  /** How many arguments of `try()` or `can()` are being evaluated around the current expression. */
  private attempts = 0;

  constructor(private readonly hooks: EvalHooks) {}

  /** Whether an error here is a fallback of a `try()` or `can()` around it rather than Terraform's error. */
  get attempting(): boolean {
    return this.attempts > 0;
  }

  value(node: HclNode, scope: Scope, depth: number): unknown {
    if (depth > MAX_DEPTH) throw new UnsupportedHcl('expression nested too deeply');
    const next = depth + 1;
    switch (node.kind) {
      case 'literal':
        return node.value;
      case 'reference':
        return this.reference(node.text, scope);
      case 'tuple':
        return node.items.map((item) => this.element(item, scope, next));
      case 'object': {
        const out: Record<string, unknown> = {};
        for (const [key, value] of node.entries) {
          const name = typeof key === 'string' ? key : this.key(this.value(key, scope, next));
          defineOwn(out, name, this.element(value, scope, next));
        }
        return out;
      }
      case 'template':
        return this.template(
          node.parts.flatMap((part) => (typeof part === 'string' ? [part] : this.piece(part, scope, next))),
        );
      case 'template-if':
        return this.value(this.boolean(this.value(node.condition, scope, next)) ? node.then : node.else, scope, next);
      case 'template-for': {
        const pieces: unknown[] = [];
        for (const [key, value] of this.entries(this.value(node.collection, scope, next))) {
          const inner = new Map(scope).set(node.valueName, value);
          if (node.keyName !== undefined) inner.set(node.keyName, key);
          pieces.push(this.value(node.body, inner, next));
        }
        return this.template(pieces);
      }
      case 'for':
        return this.forExpression(node, scope, next);
      case 'conditional': {
        const chosen = this.boolean(this.value(node.condition, scope, next));
        return this.unified(
          this.value(chosen ? node.then : node.else, scope, next),
          chosen ? node.else : node.then,
          scope,
          next,
        );
      }
      case 'unary': {
        const operand = this.value(node.operand, scope, next);
        if (node.operator === '!') return !this.boolean(operand);
        return -this.number(operand);
      }
      case 'binary':
        return this.binary(node.operator, node.left, node.right, scope, next);
      case 'index':
        try {
          return this.index(node.target, node.key, scope, next);
        } catch (error) {
          if (
            !(error instanceof UnsupportedHcl) ||
            (error instanceof UnknownHcl && !(error instanceof UnknownElement)) ||
            error instanceof UnimplementedHcl
          )
            throw error;
          // `data.aws_eks_cluster.c[each.key].identity[0].oidc[0].issuer`: what the caller gives the
          // reference with its keys written out, as Terraform reads it.
          const text = this.keyedReference(node, scope, next);
          if (text === undefined) throw error;
          return this.hooks.reference(text);
        }
      case 'splat': {
        const target = known(this.value(node.target, scope, next));
        const items = target === null ? [] : Array.isArray(target) ? target : [target];
        // Instances only apply knows (`aws_iam_policy.p[*].arn` of a counted block): as many
        // elements, each pending, as a `for` expression over them gives.
        return items.map((item) => {
          try {
            return this.follow(item, node.steps, 'a splat');
          } catch (error) {
            if (error instanceof UnknownHcl) return new PendingValue(error.references);
            throw error;
          }
        });
      }
      case 'call':
        return this.call(node.name, node.args, node.expand === true, scope, next);
    }
  }

  /**
   * The value a template interpolates: `${jsonencode(x)}` is the JSON text of `x` even where the
   * caller's `jsonencode` keeps documents whole (a policy heredoc taking `"Resource": ${jsonencode(var.arn)}`
   * beside an ARN only apply knows): known values as JSON, text known only after apply quoted, and
   * collections holding such text left to the caller's `join`.
   */
  private piece(node: HclNode, scope: Scope, depth: number): unknown[] {
    const value = this.value(node, scope, depth);
    if (
      this.hooks.jsonencode === undefined ||
      node.kind !== 'call' ||
      node.name !== 'jsonencode' ||
      node.expand === true
    )
      return [value];
    if (isPlain(value)) return [goJson(value)];
    if (value instanceof SymbolicValue) {
      // Text only apply knows is quoted; a JSON string needs no escape around an ARN or a name.
      return ['"', value, '"'];
    }
    return [value];
  }

  /**
   * The branch a conditional picked, converted to the type both branches share as Terraform
   * unifies them: a number or boolean beside text is text (`true ? 1 : "a"` is `"1"`). The other
   * branch is only looked at; whatever it fails on, the value stays as it is.
   */
  private unified(value: unknown, otherNode: HclNode, scope: Scope, depth: number): unknown {
    const collection = (v: unknown): boolean => Array.isArray(v) || isMap(v);
    const primitive = typeof value === 'number' || typeof value === 'boolean' || typeof value === 'string';
    if (!primitive && !collection(value)) return value;
    let other: unknown;
    try {
      other = this.value(otherNode, scope, depth);
    } catch (error) {
      if (error instanceof UnsupportedHcl) return value;
      throw error;
    }
    if (other === null || other instanceof PendingValue || other instanceof AttributeReader) return value;
    // A collection beside a primitive has no type in common: Terraform's error.
    if (collection(value) !== collection(other) && !(other instanceof SymbolicValue))
      throw new UnsupportedHcl('a conditional whose results are a collection and a primitive');
    // A list (or tuple) beside a map (or object): no type holds both.
    if (collection(value) && Array.isArray(value) !== Array.isArray(other))
      throw new UnsupportedHcl('a conditional whose results are a list and a map');
    if (typeof value === 'string') return value;
    if (collection(value)) return unifiedValues([value, other], 'conditional', primitiveText)[0];
    return typeof other === 'string' || other instanceof SymbolicValue
      ? primitiveText(value as number | boolean)
      : value;
  }

  private index(targetNode: HclNode, keyNode: HclNode, scope: Scope, depth: number): unknown {
    let reached: unknown;
    try {
      reached = this.value(targetNode, scope, depth);
    } catch (error) {
      if (!(error instanceof UnknownLength) || error.steps.length > 0) throw error;
      return this.knownElement(error, known(this.value(keyNode, scope, depth)));
    }
    if (reached instanceof PendingValue && keyNode.kind === 'literal' && typeof keyNode.value === 'string')
      return this.pendingStep(reached, [keyNode.value]);
    const target = known(reached);
    if (target instanceof SymbolicValue) throw new UnknownElement(target.holes().map((h) => h.source));
    const key = known(this.value(keyNode, scope, depth));
    if (key instanceof SymbolicValue) return oneOfUnknown(target, key, targetNode);
    if (typeof key !== 'string' && typeof key !== 'number') throw new UnsupportedHcl('an index that is not a key');
    const found = stepInto(target, key);
    if (found === undefined) throw new UnsupportedHcl(`no element \`${String(key)}\``);
    return found;
  }

  /**
   * The text of a reference indexed by keys the scope computes (`x[each.key].a[0]` with `each.key`
   * "k" is `x["k"].a[0]`), or `undefined` when it is no such reference or a key is not known text
   * or a number.
   */
  private keyedReference(node: HclNode, scope: Scope, depth: number): string | undefined {
    const steps: string[] = [];
    let at = node;
    for (; at.kind === 'index'; at = at.target) {
      let key: unknown;
      try {
        key = this.value(at.key, scope, depth);
      } catch (error) {
        if (error instanceof UnsupportedHcl) return undefined;
        throw error;
      }
      if (typeof key === 'number' && Number.isInteger(key) && key >= 0) steps.unshift(`[${String(key)}]`);
      // A literal name is an attribute (`.identity`); a computed key an instance or map key.
      else if (typeof key === 'string' && at.key.kind === 'literal' && /^[A-Za-z_][\w-]*$/.test(key))
        steps.unshift(`.${key}`);
      else if (typeof key === 'string') steps.unshift(`[${JSON.stringify(key)}]`);
      else return undefined;
    }
    if (at.kind !== 'reference' || scope.has(rootOf(at.text))) return undefined;
    return at.text + steps.join('');
  }

  /**
   * An element of a list, map or `for` result: one known only after apply is a pending element, as
   * Terraform keeps the collection's length and keys known (`{ a = "${local.unknown}/x" }` has the
   * key `a`, so a `for_each` over it has that instance).
   */
  private element(node: HclNode, scope: Scope, depth: number): unknown {
    try {
      return this.value(node, scope, depth);
    } catch (error) {
      if (error instanceof UnknownHcl)
        return new PendingValue(error.references, explainsItself(error) ? error.message : undefined);
      throw error;
    }
  }

  private reference(text: string, scope: Scope): unknown {
    const root = rootOf(text);
    if (scope.has(root)) return this.follow(scope.get(root), stepsOf(text), text);
    try {
      return this.hooks.reference(text);
    } catch (error) {
      if (!(error instanceof UnknownLength) || error.steps.length === 0) throw error;
      const [first, ...rest] = error.steps;
      return this.follow(this.knownElement(error, first), rest, text);
    }
  }

  /**
   * An element of a list only apply knows the length of, where it is the same for every value
   * that deploys: `[1]` of the caller's ARN split at `/` is the name after it (a root caller, whose
   * ARN has no `/`, is Terraform's error and deploys nothing). Under `try()` or `can()` that error
   * is a fallback instead, so only apply tells; an element past the known ones stays unknown.
   */
  private knownElement(list: UnknownLength, key: unknown): unknown {
    const index = typeof key === 'string' && /^\d+$/.test(key) ? Number(key) : key;
    if (typeof index === 'number' && Number.isInteger(index) && index < 0)
      throw new UnsupportedHcl(`no element \`${String(index)}\``);
    const element = typeof index === 'number' ? list.elements[index] : undefined;
    if (element === undefined) throw new UnknownElementOf(list.references, list.why);
    if (typeof index === 'number' && index >= list.length && this.attempting)
      throw new UnknownElementOf(
        list.references,
        `${list.why}, except under \`try()\` or \`can()\`, which fall back where it has no element \`[${String(index)}]\``,
      );
    return element;
  }

  private follow(value: unknown, steps: readonly (string | number)[], what: string): unknown {
    let current = value;
    for (const [i, step] of steps.entries()) {
      if (current instanceof PendingValue) return this.pendingStep(current, steps.slice(i));
      current = stepInto(whole(current), step);
      if (current === undefined) throw new UnsupportedHcl(`\`${what}\` has no \`${String(step)}\``);
    }
    return current;
  }

  /**
   * Steps into one instance of a block only apply creates, reached by a computed key or a `for`
   * (`aws_iam_group.g[each.value.group].name`, `g.name` of `for g in aws_iam_group.g`): the name or
   * path its block gives it, as the caller reads the reference with the key written out; anything
   * else stays unknown.
   */
  private pendingStep(value: PendingValue, steps: readonly (string | number)[]): unknown {
    const [reference] = value.references;
    if (value.references.length === 1 && reference !== undefined && /\]$/.test(reference)) {
      const path = steps
        .map((s) =>
          typeof s === 'number' ? `[${String(s)}]` : /^[A-Za-z_][\w-]*$/.test(s) ? `.${s}` : `[${JSON.stringify(s)}]`,
        )
        .join('');
      let found: unknown;
      try {
        found = this.hooks.reference(`${reference}${path}`);
      } catch (error) {
        if (!(error instanceof UnsupportedHcl)) throw error;
      }
      if (typeof found === 'string') return found;
    }
    throw new UnknownHcl(value.references);
  }

  private key(value: unknown): string {
    known(value);
    if (typeof value === 'string') return value;
    if (value instanceof SymbolicValue && this.hooks.symbolicKey !== undefined) return this.hooks.symbolicKey(value);
    if (typeof value === 'number' || typeof value === 'boolean') return primitiveText(value);
    throw new UnsupportedHcl('an object key that is not text');
  }

  private boolean(value: unknown): boolean {
    whole(value);
    if (typeof value === 'boolean') return value;
    if (value === 'true' || value === 'false') return value === 'true';
    throw new UnsupportedHcl('a condition that is not a boolean');
  }

  private number(value: unknown): number {
    whole(value);
    if (typeof value === 'string' && !DECIMAL.test(value)) {
      // Terraform reads text as a decimal number only: no spaces, no `0x`, no `_`; its `Inf` is not read here.
      if (/^[+-]?inf(inity)?$/i.test(value)) throw new UnimplementedHcl('an infinite number');
      throw new UnsupportedHcl(`\`${value}\` is not a number`);
    }
    const number = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : NaN;
    if (Number.isNaN(number)) throw new UnsupportedHcl('an operand that is not a number');
    return number;
  }

  private text(value: unknown): string {
    whole(value);
    if (typeof value === 'string') return value;
    if (typeof value === 'number' || typeof value === 'boolean') return primitiveText(value);
    throw new UnsupportedHcl('a value that is not text');
  }

  /** Pieces of a template joined: text when all are primitive, else the caller's `join`. */
  private template(pieces: readonly unknown[]): unknown {
    const pending = pieces.flatMap((p) => (p instanceof PendingValue ? p.references : []));
    if (pending.length > 0) throw unknownOf([...new Set(pending)], pieces);
    if (pieces.every((p) => typeof p === 'string' || typeof p === 'number' || typeof p === 'boolean'))
      return pieces
        .map((p) => primitiveText(p))
        .join('')
        .normalize('NFC');
    const data = (p: unknown): boolean => p === null || p === undefined || (typeof p === 'object' && isPlain(p));
    if (pieces.some(data) || this.hooks.join === undefined)
      throw new UnsupportedHcl('a template around a value that is not text');
    return this.hooks.join(pieces);
  }

  /** Key/value pairs of a list (index keys) or map (keys in lexical order, as Terraform iterates). */
  private entries(collection: unknown): [string | number, unknown][] {
    try {
      whole(collection);
    } catch (error) {
      const said = error instanceof UnknownLength || error instanceof UnknownElementOf;
      if (error instanceof UnknownHcl && !said && error.references.length > 0)
        throw new UnknownCollection(error.references);
      throw error;
    }
    if (Array.isArray(collection)) return collection.map((item, index) => [index, item]);
    if (isMap(collection))
      return Object.keys(collection)
        .sort()
        .map((key) => [key, collection[key]]);
    throw new UnsupportedHcl('a `for` over a value that is not a collection');
  }

  private forExpression(node: ForNode, scope: Scope, depth: number): unknown {
    const list: unknown[] = [];
    const map: Record<string, unknown> = {};
    for (const [key, value] of this.entries(this.value(node.collection, scope, depth))) {
      const inner = new Map(scope).set(node.valueName, value);
      if (node.keyName !== undefined) inner.set(node.keyName, key);
      if (node.condition !== undefined && !this.boolean(this.value(node.condition, inner, depth))) continue;
      const item = this.element(node.value, inner, depth);
      if (!node.object || node.key === undefined) {
        list.push(item);
        continue;
      }
      const name = this.key(this.value(node.key, inner, depth));
      if (node.group) {
        const group = Object.prototype.hasOwnProperty.call(map, name) ? (map[name] as unknown[]) : [];
        defineOwn(map, name, [...group, item]);
      } else if (Object.prototype.hasOwnProperty.call(map, name)) {
        throw new UnsupportedHcl(`duplicate key \`${name}\` in a \`for\` expression`);
      } else defineOwn(map, name, item);
    }
    return node.object ? map : list;
  }

  private binary(
    operator: BinaryOperator,
    leftNode: HclNode,
    rightNode: HclNode,
    scope: Scope,
    depth: number,
  ): unknown {
    const left = this.value(leftNode, scope, depth);
    // `&&` and `||` evaluate both sides in Terraform too; no short cut that would hide an error.
    const right = this.value(rightNode, scope, depth);
    switch (operator) {
      case '||':
        return this.boolean(left) || this.boolean(right);
      case '&&':
        return this.boolean(left) && this.boolean(right);
      case '==':
        return this.equal(left, right);
      case '!=':
        return !this.equal(left, right);
      case '<':
        return this.number(left) < this.number(right);
      case '>':
        return this.number(left) > this.number(right);
      case '<=':
        return this.number(left) <= this.number(right);
      case '>=':
        return this.number(left) >= this.number(right);
      case '+':
        return exactNumber(this.number(left) + this.number(right), 'a sum');
      case '-':
        return exactNumber(this.number(left) - this.number(right), 'a difference');
      case '*':
        return exactNumber(this.number(left) * this.number(right), 'a product');
      case '/':
      case '%': {
        const divisor = this.number(right);
        // Terraform refuses `x / 0`; its `x % 0` is not an error, and not guessed here.
        if (divisor === 0 && operator === '/') throw new UnsupportedHcl('a division by zero');
        if (divisor === 0) throw new UnimplementedHcl('a remainder of a division by zero');
        const dividend = this.number(left);
        return exactNumber(operator === '/' ? dividend / divisor : dividend % divisor, 'a quotient');
      }
    }
  }

  private equal(left: unknown, right: unknown): boolean {
    const decided = equality(left, right, 0);
    // Equal elements do not make equal collections: Terraform also compares their types, and a
    // list is not a tuple (`tolist(["a"]) == ["a"]` is false), which these values do not record.
    if (decided === true && kindOf(left) === kindOf(right) && ['list', 'map'].includes(kindOf(left) ?? ''))
      throw new UnimplementedHcl('collections with equal elements, equal only if Terraform gives them one type');
    if (decided !== undefined) return decided;
    const pending = [...pendingReferences(left), ...pendingReferences(right)];
    if (pending.length > 0) throw new UnknownHcl([...new Set(pending)]);
    throw new UnsupportedHcl('a comparison with a value known only after apply');
  }

  /** A provider function under the AWS provider's local name as `provider::aws::...`; any other name as it is. */
  private canonicalName(name: string): string {
    const match = /^provider::([^:]+)::(.+)$/.exec(name);
    if (match?.[1] === undefined || match[1] === 'aws' || this.hooks.awsProviderNames?.has(match[1]) !== true)
      return name;
    return `provider::aws::${match[2] ?? ''}`;
  }

  private call(name: string, argNodes: readonly HclNode[], expand: boolean, scope: Scope, depth: number): unknown {
    if (/^provider::[^:]+$/.test(name))
      throw new InvalidConfiguration(
        `\`${name}\` names no provider: Terraform calls a provider function as \`provider::NAME::${name.slice(10)}\``,
      );
    // `try` and `can` look at whether their arguments fail; an unknown value is not a failure.
    if (name === 'try' || name === 'can') {
      for (const node of argNodes) {
        this.attempts += 1;
        try {
          const value = this.value(node, scope, depth);
          return name === 'can' ? true : value;
        } catch (error) {
          // What this evaluator cannot compute is no failure of the argument: no fallback for it,
          // nor from a configuration Terraform refuses before evaluating it.
          if (
            error instanceof UnknownHcl ||
            error instanceof UnimplementedHcl ||
            error instanceof InvalidConfiguration ||
            !(error instanceof UnsupportedHcl)
          )
            throw error;
          if (name === 'can') return false;
        } finally {
          this.attempts -= 1;
        }
      }
      throw new UnsupportedHcl('`try` with no argument that has a value');
    }
    // `coalesce` and `coalescelist` return the first argument with a value: one known only after
    // apply after it does not make the result unknown (`coalesce(var.policy, data.d.json)` given
    // a policy is that policy), one before it does.
    if ((name === 'coalesce' || name === 'coalescelist') && !expand) {
      for (const node of argNodes) {
        const value = this.element(node, scope, depth);
        if (value instanceof PendingValue) throw unknownOf(value.references, [value]);
        if (value === null || (name === 'coalesce' ? value === '' : Array.isArray(value) && value.length === 0))
          continue;
        if (name === 'coalescelist' && !Array.isArray(value))
          throw new UnsupportedHcl('`coalescelist` of a value that is not a list');
        if (typeof value === 'number' || typeof value === 'boolean')
          return this.coalesced(value, argNodes, scope, depth);
        return value;
      }
      if (name === 'coalescelist') return [];
      throw new UnsupportedHcl('`coalesce` with no non-empty argument');
    }
    if (name === 'type') throw new UnsupportedHcl('`type` is a function of `terraform console` only');
    if (name === 'issensitive') return this.isSensitive(argNodes, scope, depth);
    if (name === 'ephemeralasnull') return this.withoutEphemeral(argNodes, scope, depth);
    // Functions whose value differs at each run (or only apply gives): unknown, as in a plan.
    if (UNKNOWN_RESULTS.has(name)) return this.unknownResult(`${name}()`);
    let args = argNodes.map((node) => this.value(node, scope, depth));
    if (expand) {
      const last = args[args.length - 1];
      if (!Array.isArray(last)) throw new UnsupportedHcl('`...` after a value that is not a list');
      args = [...args.slice(0, -1), ...(last as unknown[])];
    }
    name = this.canonicalName(name);
    try {
      return this.apply(name, args, argNodes, depth);
    } catch (error) {
      // `jsondecode(file("x.json"))` of a file that is not JSON: the file is what is wrong.
      const decoded = DECODED_FILES.get(name);
      const read =
        decoded !== undefined && error instanceof UnsupportedHcl && !(error instanceof UnimplementedHcl)
          ? this.fileRead(argNodes[0], scope, depth)
          : undefined;
      if (read !== undefined && symbolicSources(args).length === 0)
        throw new FileUnusable(
          read.path,
          `${read.rendered ? 'renders text that is' : 'is'} not ${decoded ?? ''} (\`${name}\` refuses it)`,
        );
      // A function failing over a value only apply knows (`length(var.list)`, `jsondecode(var.policy)`
      // where those are unknown) is itself unknown, as in Terraform: never a reason for `try()` to fall back.
      const unknown = symbolicSources(args);
      if (error instanceof UnknownHcl || error instanceof UnimplementedHcl || !(error instanceof UnsupportedHcl))
        throw error;
      if (unknown.length > 0) throw new UnknownHcl(unknown);
      throw error;
    }
  }

  /** A function called with its arguments evaluated (the spread one expanded). */
  private apply(name: string, args: unknown[], argNodes: readonly HclNode[], depth: number): unknown {
    // Functions that only move elements keep pending ones in place; the others need every value.
    const pending = STRUCTURAL.has(name)
      ? args.flatMap((a) => (a instanceof PendingValue ? a.references : []))
      : args.flatMap((a) => pendingReferences(a));
    if (pending.length > 0) throw unknownOf([...new Set(pending)], args);
    // A time from apply (`timeadd(timestamp(), "2h")`) is itself known only after apply: a value the
    // caller may keep symbolic, never an error `try()` would fall back from.
    if (TIME_FUNCTIONS.has(name) && args.some((a) => a instanceof SymbolicValue)) {
      const label = `${name}(${args.map(argumentText).join(', ')})`;
      if (name === 'timecmp') throw new UnknownHcl([label]);
      return this.unknownResult(label);
    }
    if (name === 'jsondecode' && args[0] instanceof SymbolicValue && this.hooks.jsondecode !== undefined) {
      const document = this.hooks.jsondecode(args[0]);
      if (document !== undefined) return document;
    }
    const fn = Object.hasOwn(FUNCTIONS, name) ? FUNCTIONS[name] : undefined;
    // Every text Terraform makes is in Unicode normal form C, decoded JSON and joined text alike.
    if (fn !== undefined) return normalized(fn(args, this));
    if (name === 'jsonencode') return this.jsonencode(args[0]);
    if (name === 'format') return this.format(args);
    if (name === 'file') return this.file(args[0]);
    const ofBytes = Object.hasOwn(FILE_BYTES, name) ? FILE_BYTES[name] : undefined;
    if (ofBytes !== undefined) return ofBytes(Buffer.from(this.bytes(args[0], name)));
    if (name === 'templatefile') return this.render(this.file(args[0]), args[1], name, depth, args[0] as string);
    if (name === 'templatestring') {
      // Terraform renders only a template it reads from elsewhere, named by a reference.
      if (argNodes[0]?.kind !== 'reference')
        throw new UnsupportedHcl('`templatestring` of a template that is not a reference to one');
      return this.render(this.text(args[0]), args[1], name, depth);
    }
    // Go's gzip bytes, which this scanner does not reproduce: one specific text, known to the plan.
    if (name === 'base64gzip') return this.unknownResult(`base64gzip(${argumentText(this.text(args[0]))})`);
    // `~` is the home directory of whoever runs Terraform.
    if (name === 'pathexpand') {
      const file = this.text(args[0]);
      return file === '~' || file.startsWith('~/') ? this.unknownResult(`pathexpand(${argumentText(file)})`) : file;
    }
    if (name === 'fileset') return this.fileset(args);
    if (name === 'fileexists') return this.fileExists(this.text(args[0]));
    if (name === 'abspath' && this.hooks.absolutePath !== undefined) return this.hooks.absolutePath(this.text(args[0]));
    throw new UnimplementedHcl(`function \`${name}\``);
  }

  /** The marks of the value `node` makes, outside any `for` or block (see {@link marksOf}). */
  marks(node: HclNode): Marks {
    return this.marksOf(node, EMPTY, new Map(), 0);
  }

  /**
   * `issensitive(value)`: whether the value is marked sensitive as a whole, by the marks Terraform
   * carries from what the expression reads (see {@link marksOf}); Terraform's answer is never guessed.
   */
  private isSensitive(argNodes: readonly HclNode[], scope: Scope, depth: number): boolean {
    const [node] = argNodes;
    if (argNodes.length !== 1 || node === undefined) throw new UnsupportedHcl('`issensitive` takes one argument');
    this.value(node, scope, depth);
    const { whole } = this.marksOf(node, scope, new Map(), depth);
    if (whole === undefined) throw new UnimplementedHcl('`issensitive` of a value whose sensitivity is not tracked');
    return whole;
  }

  /**
   * The sensitive marks of the value `node` makes, as Terraform carries them: on the value as a
   * whole (what `issensitive` reads), and on parts inside it (which `jsonencode` or `join` of it
   * take on as a whole). A root module variable is marked by its declaration only, a called
   * module's by its declaration and by the value its caller gives it; templates,
   * operators and most functions take on every mark of what they read; a collection written out,
   * `tolist`, `merge`, `concat`, `slice` and the like keep each element's own; an element, `lookup`
   * and `try` take the marks of what they pick; a conditional, those of its condition and both
   * branches. `undefined` where Terraform's marks are not known here (an attribute of a resource, a
   * variable of a module whose caller is not read).
   */
  private marksOf(node: HclNode, scope: Scope, bound: ReadonlyMap<string, Marks>, depth: number): Marks {
    if (depth > MAX_DEPTH) return UNKNOWN_MARKS;
    const next = depth + 1;
    const of = (n: HclNode): Marks => this.marksOf(n, scope, bound, next);
    switch (node.kind) {
      case 'literal':
        return NO_MARKS;
      case 'reference':
        return this.referenceMarks(node.text, scope, bound, next);
      case 'template':
        return asWhole(anyMarks(node.parts.flatMap((p) => (typeof p === 'string' ? [] : [of(p)]))));
      case 'tuple':
        return { whole: false, inside: anyMarks(node.items.map(of)).some };
      case 'object':
        return {
          whole: false,
          inside: anyMarks(node.entries.flatMap(([k, v]) => (typeof k === 'string' ? [of(v)] : [of(k), of(v)]))).some,
        };
      case 'binary':
        return asWhole(anyMarks([of(node.left), of(node.right)]));
      case 'unary':
        return asWhole(anyMarks([of(node.operand)]));
      case 'conditional': {
        // Terraform marks the result with the condition's marks and both branches' own.
        const [condition, then, otherwise] = [of(node.condition), of(node.then), of(node.else)];
        const whole = or([some(condition), then.whole, otherwise.whole]);
        return { whole, inside: or([then.inside, otherwise.inside]) };
      }
      case 'index':
        return this.elementMarks(node.target, node.key, scope, bound, next);
      case 'splat': {
        const target = of(node.target);
        return { whole: target.whole, inside: target.inside };
      }
      case 'for': {
        const collection = of(node.collection);
        // Each element on its own: known when the collection holds no marked part.
        const element = collection.inside === false ? NO_MARKS : UNKNOWN_MARKS;
        const inner = new Map(bound).set(node.valueName, element);
        if (node.keyName !== undefined) inner.set(node.keyName, element);
        const parts = [node.value, node.key].flatMap((n) =>
          n === undefined ? [] : [this.marksOf(n, scope, inner, next)],
        );
        const condition = node.condition === undefined ? NO_MARKS : this.marksOf(node.condition, scope, inner, next);
        if (some(condition) !== false) return UNKNOWN_MARKS;
        return { whole: collection.whole, inside: anyMarks(parts).some };
      }
      case 'call':
        return this.callMarks(node, scope, bound, next);
      default:
        return UNKNOWN_MARKS;
    }
  }

  /** The marks of a reference: a variable by its declaration, a local by its expression, `each` and `count` none. */
  private referenceMarks(text: string, scope: Scope, bound: ReadonlyMap<string, Marks>, depth: number): Marks {
    const root = rootOf(text);
    const stepped = stepsOf(text).length > (root === 'var' || root === 'local' ? 1 : 0);
    const inner = bound.get(root);
    if (inner !== undefined)
      return stepped ? (inner.whole === false && inner.inside === false ? NO_MARKS : UNKNOWN_MARKS) : inner;
    if (scope.has(root)) return UNKNOWN_MARKS;
    // Terraform refuses a sensitive `for_each` or `count`, so `each` and `count` hold no marks.
    if (['each', 'count', 'path', 'terraform'].includes(root)) return NO_MARKS;
    if (root === 'var') {
      const flags = this.variableFlags(text);
      if (flags === undefined) return UNKNOWN_MARKS;
      // Declared sensitive: the value as a whole (any part of it read too); a root variable's
      // value holds no other mark.
      if (flags.sensitive) return { whole: true, inside: false };
      if (flags.root) return NO_MARKS;
      // A module's input holds the marks of the value its caller gives it, and no other.
      const given = flags.given ?? UNKNOWN_MARKS;
      return stepped ? (given.whole === true ? WHOLE_MARKS : given.inside === false ? given : UNKNOWN_MARKS) : given;
    }
    if (root === 'local') {
      const [name] = stepsOf(text);
      const local = typeof name === 'string' ? this.hooks.localNode?.(name) : undefined;
      if (local === undefined) return UNKNOWN_MARKS;
      const marks = this.marksOf(local, EMPTY, new Map(), depth);
      return stepped ? (marks.whole === true ? WHOLE_MARKS : marks.inside === false ? marks : UNKNOWN_MARKS) : marks;
    }
    return UNKNOWN_MARKS;
  }

  /** The marks of `target[key]`: the collection's own and the key's, and the element's. */
  private elementMarks(
    target: HclNode,
    key: HclNode,
    scope: Scope,
    bound: ReadonlyMap<string, Marks>,
    depth: number,
  ): Marks {
    const collection = this.marksOf(target, scope, bound, depth);
    const keyMarks = this.marksOf(key, scope, bound, depth);
    let element: Marks = collection.inside === false ? NO_MARKS : UNKNOWN_MARKS;
    if (collection.inside !== false && (target.kind === 'tuple' || target.kind === 'object')) {
      const picked = this.pickedNode(target, key, scope, depth);
      element = picked === undefined ? UNKNOWN_MARKS : this.marksOf(picked, scope, bound, depth);
    }
    return { whole: or([collection.whole, some(keyMarks), element.whole]), inside: element.inside };
  }

  /** The element node a key picks in a tuple or object written out, when the key has a value. */
  private pickedNode(target: HclNode, key: HclNode, scope: Scope, depth: number): HclNode | undefined {
    let picked: unknown;
    try {
      picked = this.value(key, scope, depth);
    } catch (error) {
      if (error instanceof UnsupportedHcl) return undefined;
      throw error;
    }
    if (target.kind === 'tuple') return typeof picked === 'number' ? target.items[picked] : undefined;
    if (target.kind !== 'object' || typeof picked !== 'string') return undefined;
    const found = target.entries.find(([k]) => k === picked);
    return found?.[1];
  }

  /** The marks of a function's result (see {@link marksOf}). */
  private callMarks(
    node: HclNode & { kind: 'call' },
    scope: Scope,
    bound: ReadonlyMap<string, Marks>,
    depth: number,
  ): Marks {
    const args = (): Marks[] => node.args.map((a) => this.marksOf(a, scope, bound, depth));
    const [first] = node.args;
    switch (node.name) {
      case 'sensitive':
        return { whole: true, inside: first === undefined ? false : this.marksOf(first, scope, bound, depth).inside };
      case 'nonsensitive':
        return { whole: false, inside: first === undefined ? false : this.marksOf(first, scope, bound, depth).inside };
      case 'issensitive':
      case 'can':
        return NO_MARKS;
      case 'try':
        return this.triedMarks(node.args, scope, bound, depth);
    }
    if (node.expand === true) return UNKNOWN_MARKS;
    const marks = args();
    if (MARKS_KEPT.has(node.name)) {
      const [list = NO_MARKS, ...rest] = marks;
      // The collection's marks as a whole, each element keeping its own; other arguments (an index) whole.
      const collections = node.name === 'slice' || node.name === 'reverse' ? [list] : marks;
      const others = node.name === 'slice' ? rest : [];
      return {
        whole: or([...collections.map((m) => m.whole), ...others.map(some)]),
        inside: or(collections.map((m) => m.inside)),
      };
    }
    if (node.name === 'length' || node.name === 'keys') {
      const [collection = NO_MARKS] = marks;
      return { whole: collection.whole, inside: false };
    }
    if (node.name === 'element' || node.name === 'one') {
      const [collection = NO_MARKS, index = NO_MARKS] = marks;
      const element =
        collection.inside === false
          ? NO_MARKS
          : first?.kind === 'tuple' && node.name === 'element' && node.args[1] !== undefined
            ? this.elementMarks(first, node.args[1], scope, bound, depth)
            : UNKNOWN_MARKS;
      return { whole: or([collection.whole, some(index), element.whole]), inside: element.inside };
    }
    if (node.name === 'lookup') return this.lookupMarks(node.args, marks, scope, depth);
    if (MARKS_TAKEN_WHOLE.has(node.name)) return asWhole(anyMarks(marks));
    // No mark in, none out; otherwise how the function carries marks is not known here.
    return marks.every((m) => m.whole === false && m.inside === false) ? NO_MARKS : UNKNOWN_MARKS;
  }

  /** `try(...)`: the marks of the first argument that has a value, as `try` returns it. */
  private triedMarks(
    argNodes: readonly HclNode[],
    scope: Scope,
    bound: ReadonlyMap<string, Marks>,
    depth: number,
  ): Marks {
    for (const arg of argNodes) {
      try {
        this.value(arg, scope, depth);
      } catch (error) {
        if (error instanceof UnsupportedHcl && !(error instanceof UnknownHcl) && !(error instanceof UnimplementedHcl))
          continue;
        return UNKNOWN_MARKS;
      }
      return this.marksOf(arg, scope, bound, depth);
    }
    return UNKNOWN_MARKS;
  }

  /** `lookup(map, key, default)`: the map's and key's marks, and those of the element or default picked. */
  private lookupMarks(argNodes: readonly HclNode[], marks: readonly Marks[], scope: Scope, depth: number): Marks {
    const [collection = NO_MARKS, key = NO_MARKS, fallback] = marks;
    const [mapNode, keyNode] = argNodes;
    let found: boolean | undefined;
    try {
      const map = mapNode === undefined ? undefined : this.value(mapNode, scope, depth);
      const name = keyNode === undefined ? undefined : this.value(keyNode, scope, depth);
      if (isMap(map) && typeof name === 'string') found = Object.prototype.hasOwnProperty.call(map, name);
    } catch (error) {
      if (!(error instanceof UnsupportedHcl)) throw error;
    }
    if (found === undefined) return UNKNOWN_MARKS;
    const picked = found ? (collection.inside === false ? NO_MARKS : UNKNOWN_MARKS) : (fallback ?? UNKNOWN_MARKS);
    return { whole: or([collection.whole, some(key), picked.whole]), inside: picked.inside };
  }

  /**
   * `ephemeralasnull(value)`: null for an ephemeral value named whole (an ephemeral resource's, a
   * variable declared `ephemeral`), the value itself when it reads no ephemeral resource and only
   * variables not declared ephemeral (Terraform gives no ephemeral value to them); locals and
   * module outputs may be ephemeral, which is not tracked here.
   */
  private withoutEphemeral(argNodes: readonly HclNode[], scope: Scope, depth: number): unknown {
    const [node] = argNodes;
    if (argNodes.length !== 1 || node === undefined) throw new UnsupportedHcl('`ephemeralasnull` takes one argument');
    const references = referencesOf(node, new Set(scope.keys()));
    if (node.kind === 'reference' && rootOf(node.text) === 'ephemeral') return null;
    if (node.kind === 'reference' && this.variableFlags(node.text)?.ephemeral === true) return null;
    // A local read whole, or an attribute of it: what its expression gives, its ephemeral parts null.
    const steps = node.kind === 'reference' && rootOf(node.text) === 'local' ? stepsOf(node.text) : [];
    const local = typeof steps[0] === 'string' ? this.hooks.withoutEphemeralLocal?.(steps[0]) : undefined;
    if (local !== undefined) {
      const value = steps.slice(1).reduce<unknown>((v, step) => stepInto(v, step), local);
      if (value === undefined)
        throw new UnsupportedHcl(`\`${node.kind === 'reference' ? node.text : ''}\` does not exist`);
      return value;
    }
    // A collection written here: each element on its own, the ephemeral ones null, as Terraform gives them.
    const each = (n: HclNode): HclNode => ({ kind: 'call', name: 'ephemeralasnull', args: [n] });
    if (node.kind === 'object')
      return this.value({ kind: 'object', entries: node.entries.map(([k, v]) => [k, each(v)] as const) }, scope, depth);
    if (node.kind === 'tuple') return this.value({ kind: 'tuple', items: node.items.map(each) }, scope, depth);
    // A template, operator or function over an ephemeral variable is ephemeral as a whole.
    const flags = references.map((text) => this.variableFlags(text));
    if (carriesMarks(node) && flags.every((f) => f !== undefined) && flags.some((f) => f?.ephemeral)) {
      this.value(node, scope, depth);
      return null;
    }
    const settled = references.every((text) => {
      const root = rootOf(text);
      if (root === 'var') return this.variableFlags(text)?.ephemeral === false;
      return !['ephemeral', 'local', 'module'].includes(root);
    });
    if (!settled) throw new UnimplementedHcl('`ephemeralasnull` of a value that may be ephemeral');
    return this.value(node, scope, depth);
  }

  /** What the declaration of the variable a reference reads says (`var.x.y` reads `x`), if it is one. */
  private variableFlags(text: string): VariableFlags | undefined {
    if (rootOf(text) !== 'var') return undefined;
    const [name] = stepsOf(text);
    return typeof name === 'string' ? this.hooks.variable?.(name) : undefined;
  }

  /**
   * The number or boolean `coalesce` picked, as text when another argument is text: Terraform
   * converts every argument to their common type (`coalesce(var.port, "8080")` is `"443"`).
   */
  private coalesced(value: number | boolean, argNodes: readonly HclNode[], scope: Scope, depth: number): unknown {
    const others = argNodes.map((node) => this.element(node, scope, depth));
    if (others.some((other) => other instanceof PendingValue))
      throw new UnimplementedHcl('`coalesce` with an argument whose type only apply knows');
    return others.some((other) => typeof other === 'string' || other instanceof SymbolicValue)
      ? primitiveText(value)
      : value;
  }

  /**
   * A template's text rendered with only the variables given in scope: it cannot reach the
   * configuration. A name the variables do not hold is Terraform's error, told with the template's
   * `file` when it comes from one.
   */
  private render(text: string, variables: unknown, what: string, depth: number, file?: string): unknown {
    const given = variables ?? {};
    if (!isMap(given)) throw new UnsupportedHcl(`\`${what}\` variables that are not an object`);
    let template: HclNode;
    try {
      template = parseHclTemplate(text);
    } catch (error) {
      // Terraform's error as well (`try()` falls back from it, as `terraform console` does), said
      // with where it stops: a `${aws:username}` not written `$${aws:username}`, most often.
      if (file === undefined || !(error instanceof UnsupportedHcl) || error instanceof UnimplementedHcl) throw error;
      const hint = /at `:/.test(error.message)
        ? ' (a policy variable is written `$${aws:username}` in a template)'
        : '';
      throw new FileUnusable(file, `does not parse as a template: ${error.message}${hint}`);
    }
    return new Evaluation({
      ...this.hooks,
      reference: (name) => {
        if (file !== undefined)
          throw new FileUnusable(file, `refers to \`${name}\`, which the variables given to \`${what}\` do not hold`);
        throw new UnsupportedHcl(`\`${name}\` is not a variable of the template`);
      },
    }).value(template, new Map(Object.entries(given)), depth);
  }

  /** The path of a `file()` or `templatefile()` call that reads a file there is (the node of a decoder's argument). */
  private fileRead(
    node: HclNode | undefined,
    scope: Scope,
    depth: number,
  ): { path: string; rendered: boolean } | undefined {
    if (node?.kind !== 'call' || (node.name !== 'file' && node.name !== 'templatefile')) return undefined;
    const [pathNode] = node.args;
    if (pathNode === undefined) return undefined;
    try {
      const path = this.value(pathNode, scope, depth);
      return typeof path === 'string' && this.hooks.readFile?.(path) !== undefined
        ? { path, rendered: node.name === 'templatefile' }
        : undefined;
    } catch (error) {
      if (error instanceof UnsupportedHcl) return undefined;
      throw error;
    }
  }

  /** A value only apply gives: the caller's symbolic value for it, else an unknown. */
  private unknownResult(text: string): unknown {
    if (this.hooks.unknownResult !== undefined) return this.hooks.unknownResult(text);
    throw new UnknownHcl([text]);
  }

  /** `fileexists(path)`: whether `path` is a regular file; a directory there is Terraform's error. */
  private fileExists(file: string): boolean {
    const kind =
      this.hooks.pathKind?.(file) ??
      ((): 'file' | 'directory' | 'none' | undefined => {
        const files = this.hooks.listFiles?.(pathDir(file));
        const base = pathBase(file);
        if (files === undefined) return undefined;
        return files.includes(base) ? 'file' : files.some((f) => f.startsWith(`${base}/`)) ? 'directory' : 'none';
      })();
    if (kind === undefined) throw new UnimplementedHcl('`fileexists` of a directory that cannot be listed');
    if (kind === 'directory') throw new FileUnusable(file, 'is a directory, not a file (`fileexists` refuses it)');
    return kind === 'file';
  }

  /** `fileset(path, pattern)`: the files below `path` whose path relative to it matches the glob, sorted. */
  private fileset(args: readonly unknown[]): unknown {
    const [directory, pattern] = [this.text(args[0]), this.text(args[1])];
    const files = this.hooks.listFiles?.(directory);
    if (files === undefined) throw new UnimplementedHcl('`fileset` of a directory that cannot be listed');
    const glob = globPattern(pattern);
    return files.filter((file) => glob.test(file)).sort();
  }

  private jsonencode(value: unknown): unknown {
    if (this.hooks.jsonencode !== undefined) return this.hooks.jsonencode(value);
    if (isPlain(value)) return goJson(value);
    throw new UnsupportedHcl('`jsonencode` of a value known only after apply');
  }

  /** `format` with the verbs policies use: `%s`, `%d`, `%v`, `%q`, `%%`, and the number verbs `%e`, `%f`, `%g`. */
  private format(args: readonly unknown[]): unknown {
    const [spec, ...values] = args;
    // A specification naming what the provider reads at plan time (`arn:${data.aws_partition.p.partition}:s3:::%s`)
    // is formatted around it: a partition, region or account holds no `%`.
    if (typeof spec !== 'string' && !(spec instanceof SymbolicValue))
      throw new UnsupportedHcl('`format` of a specification that is not a string');
    const unknown = typeof spec === 'string' ? undefined : spec.holes().find((hole) => !PLAN_TIME_NAMES.test(hole.id));
    // Any other value in the specification may hold verbs (`%s`) of its own: where its values go is
    // not known, so neither is the result (as in Terraform), and the report says why.
    if (unknown !== undefined)
      throw new UnknownElementOf(
        [unknown.source],
        `\`format\` of a specification holding \`${unknown.source}\`, whose value (and so its verbs) is unknown`,
      );
    const segments = typeof spec === 'string' ? [spec] : spec.parts;
    // Terraform gives no value for a null argument: the result is left unknown, not an error try() skips.
    if (values.includes(null)) throw new UnimplementedHcl('`format` of null, which Terraform leaves unknown');
    const pieces: unknown[] = [];
    let next = 0;
    let literal = '';
    for (const segment of segments) {
      if (typeof segment !== 'string') {
        pieces.push(literal, new SymbolicValue([segment]));
        literal = '';
        continue;
      }
      for (let i = 0; i < segment.length; i += 1) {
        const c = segment.charAt(i);
        if (c !== '%') {
          literal += c;
          continue;
        }
        if (segment[i + 1] === '%') {
          literal += '%';
          i += 1;
          continue;
        }
        const directive = /^%([-+ 0#]*)(\d*)(?:\.(\d*))?(.?)/.exec(segment.slice(i, i + 32));
        const [written = '%', flags = '', width = '', precision, verb = ''] = directive ?? [];
        i += written.length - 1;
        if (verb === '') throw new UnsupportedHcl('`format` specification ending in `%`');
        // A letter Terraform has no verb for (`%c`, `%F`, `%U`) is its error.
        if (/^[A-Za-z]$/.test(verb) && !'sdvqtxXobeEfgGt'.includes(verb))
          throw new UnsupportedHcl(`\`format\` verb \`%${verb}\`, which Terraform does not have`);
        // `#` (but beside a number verb, which ignores it), argument indexes and `*` widths are not
        // reproduced: not guessed, not an error try() skips.
        if (!'sdvqtxXobeEfgG'.includes(verb) || (flags.includes('#') && !'eEfgG'.includes(verb)))
          throw new UnimplementedHcl(`\`format\` directive \`${written}\``);
        if (next >= values.length) throw new UnsupportedHcl('`format` with too few arguments');
        const value = values[next];
        next += 1;
        pieces.push(literal);
        literal = '';
        if ('eEfgG'.includes(verb)) {
          pieces.push(this.formattedFloat(verb, value, flags, Number(width || '0'), precision));
          continue;
        }
        const text = this.formatted(verb, value, flags, precision);
        if (typeof text !== 'string') {
          if (width !== '' || flags !== '')
            throw new UnimplementedHcl('`format` width of a value known only after apply');
          pieces.push(text);
          continue;
        }
        pieces.push(padded(text, flags, Number(width || '0'), 'dxXob'.includes(verb)));
      }
    }
    if (next < values.length) throw new UnsupportedHcl('`format` with more arguments than its verbs use');
    pieces.push(literal);
    return this.template(pieces);
  }

  /** A `%e`, `%f` or `%g` directive of a number, its width and flags applied. */
  private formattedFloat(verb: string, value: unknown, flags: string, width: number, precision?: string): string {
    const number = exactNumber(this.number(value), 'the number');
    if (Object.is(number, -0)) throw new UnimplementedHcl('`format` of a negative zero');
    // Without a precision, Go writes six decimals for `%e` and `%f`, the fewest digits for `%g`.
    const digits = precision !== undefined ? Number(precision) : 'gG'.includes(verb) ? undefined : 6;
    return formatFloat(verb, primitiveText(number), flags, width, digits);
  }

  /** One `format` directive's text before its width (a symbolic value as it is), or Terraform's error. */
  private formatted(verb: string, value: unknown, flags: string, precision: string | undefined): unknown {
    const integer = 'dxXob'.includes(verb);
    // Precision of a number, and signs or zeros beside text, follow Go rules not reproduced here.
    if (
      (integer && precision !== undefined) ||
      (!integer && /[+ 0]/.test(flags)) ||
      (verb === 'q' && precision !== undefined)
    )
      throw new UnimplementedHcl(`\`format\` flags \`${flags}\` of \`%${verb}\``);
    if (integer) {
      const number = exactNumber(this.number(value), 'the number');
      if (!Number.isInteger(number))
        throw new UnsupportedHcl(`\`format\` \`%${verb}\` of \`${String(number)}\`, not a whole number`);
      const digits = Math.abs(number).toString({ d: 10, x: 16, X: 16, o: 8, b: 2 }[verb] ?? 10);
      const sign = number < 0 ? '-' : flags.includes('+') ? '+' : flags.includes(' ') ? ' ' : '';
      return `${sign}${verb === 'X' ? digits.toUpperCase() : digits}`;
    }
    if (verb === 't') {
      if (typeof value !== 'boolean') throw new UnimplementedHcl('`format` `%t` of a value that is not a boolean');
      return String(value);
    }
    if (verb === 'q') return goJsonString(this.text(value));
    let text: unknown;
    if (verb === 'v' && typeof value === 'number') text = goShortest(value);
    else if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
      text = primitiveText(value);
    else if (value instanceof SymbolicValue || value instanceof PendingValue) text = value;
    // A collection: `%v` writes it as JSON, the other verbs are Terraform's error.
    else if ((Array.isArray(value) || isMap(value)) && verb !== 'v')
      throw new UnsupportedHcl(`\`format\` \`%${verb}\` of a collection`);
    else if ((Array.isArray(value) || isMap(value)) && isPlain(value)) text = goJson(value);
    else throw new UnimplementedHcl(`\`format\` \`%${verb}\` of a value that is not text`);
    // Terraform reads a precision of 0 (`%.0s`, `%.s`) as none.
    const keep = Number(precision ?? '0') || 0;
    if (keep === 0) return text;
    if (verb !== 's' || typeof text !== 'string')
      throw new UnimplementedHcl(`\`format\` precision of \`%${verb}\` or of a value known only after apply`);
    return Array.from(text).slice(0, keep).join('');
  }

  private file(path: unknown): string {
    if (typeof path !== 'string') throw new UnsupportedHcl('`file` of a path that is not text');
    const text = this.hooks.readFile?.(path);
    if (text === undefined) throw new FileUnusable(path, this.hooks.fileProblem?.(path) ?? 'cannot be read');
    return text.normalize('NFC');
  }

  /** A file's bytes, read with `file()`'s rules, for the functions that take it as bytes rather than text. */
  private bytes(path: unknown, what: string): Uint8Array {
    if (typeof path !== 'string') throw new UnsupportedHcl(`\`${what}\` of a path that is not text`);
    const bytes = this.hooks.readBytes?.(path);
    if (bytes === undefined) {
      const problem = this.hooks.fileProblem?.(path);
      // Any bytes will do here: only a file that is not there (or too large) is a problem.
      throw problem === undefined || problem.startsWith('is not UTF-8')
        ? new UnsupportedHcl(`\`${what}("${path}")\` cannot be read`)
        : new FileUnusable(path, problem);
    }
    return bytes;
  }

  /** For the function table: these helpers with their errors. */
  asText(value: unknown): string {
    return this.text(value);
  }

  /** Pieces joined as a template joins them: text, or a symbolic value through the caller's `join`. */
  asTemplate(pieces: readonly unknown[]): unknown {
    return this.template(pieces);
  }

  asNumber(value: unknown): number {
    return this.number(value);
  }

  asFormat(args: readonly unknown[]): unknown {
    return this.format(args);
  }
}

type Fn = (args: readonly unknown[], evaluation: Evaluation) => unknown;

/**
 * A primitive as Terraform writes it as text: a number in plain decimal notation, never with an
 * exponent (JavaScript writes `1e+21`, Terraform `1000000000000000000000`); such a number is not guessed.
 */
export function primitiveText(value: string | number | boolean): string {
  if (typeof value !== 'number') return String(value);
  return Object.is(exactNumber(value, 'the number'), -0) ? '-0' : String(value);
}

/**
 * A number whose decimal text is the one Terraform computes: a safe integer, or a decimal of at
 * most 15 significant digits written without an exponent. Terraform computes with 512-bit
 * precision, so where JavaScript's doubles drift (`0.1 + 0.2`, `1 / 3`) the value is not guessed.
 */
function exactNumber(value: number, what: string): number {
  const text = String(value);
  if (Number.isInteger(value) ? Number.isSafeInteger(value) : /^-?\d+\.\d+$/.test(text) && significant(text) <= 15)
    return value;
  // The double holds another number than the one written or computed: its digits are not shown.
  if (Number.isInteger(value) || !Number.isFinite(value))
    throw new UnimplementedHcl(`${what} exceeds 2^53: Terraform holds it exactly, this reader does not`);
  throw new UnimplementedHcl(`${what} is a fraction Terraform computes with 512-bit precision, this reader does not`);
}

/**
 * A directive's text padded to `width` characters (Go counts code points): spaces before it, after
 * it with `-`, or zeros after the sign of a whole number with `0`.
 */
function padded(text: string, flags: string, width: number, integer: boolean): string {
  const missing = width - Array.from(text).length;
  if (missing <= 0) return text;
  if (flags.includes('-')) return text + ' '.repeat(missing);
  if (integer && flags.includes('0')) {
    const sign = /^[-+ ]/.test(text) ? text.charAt(0) : '';
    return sign + '0'.repeat(missing) + text.slice(sign.length);
  }
  return ' '.repeat(missing) + text;
}

/**
 * A number as Go's `%v` writes it (`%g` with the fewest digits): with an exponent of two digits
 * or more when it is below 10^-4 or at least 10^6 (`1e+06`, `1.23456789e+07`), else in plain decimals.
 */
function goShortest(value: number): string {
  const exact = exactNumber(value, 'the number');
  if (exact === 0) return Object.is(exact, -0) ? '-0' : '0';
  const [digits = '', power = '0'] = Math.abs(exact).toExponential().split('e');
  const exponent = Number(power);
  if (exponent >= -4 && exponent < 6) return primitiveText(exact);
  const sign = exponent < 0 ? '-' : '+';
  return `${exact < 0 ? '-' : ''}${digits}e${sign}${String(Math.abs(exponent)).padStart(2, '0')}`;
}

function significant(text: string): number {
  return text.replace(/[-.]/g, '').replace(/^0+/, '').length;
}

/**
 * JSON as Terraform's `jsonencode` writes it (Go's `encoding/json`): no spaces, object keys sorted
 * by their UTF-8 bytes, `<`, `>`, `&`, U+2028 and U+2029 escaped.
 */
function goJson(value: unknown, depth = 0): string {
  if (depth > MAX_DEPTH) throw new UnsupportedHcl('`jsonencode` of a value nested too deeply');
  if (value === null) return 'null';
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'number') return primitiveText(value);
  if (typeof value === 'string') return goJsonString(value);
  if (Array.isArray(value)) return `[${value.map((v) => goJson(v, depth + 1)).join(',')}]`;
  const object = value as Record<string, unknown>;
  const keys = Object.keys(object).sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  return `{${keys.map((k) => `${goJsonString(k)}:${goJson(object[k], depth + 1)}`).join(',')}}`;
}

function goJsonString(text: string): string {
  return JSON.stringify(text).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** Functions of timestamps: over a time only apply gives, their result is only known then. */
const TIME_FUNCTIONS: ReadonlySet<string> = new Set(['formatdate', 'timeadd', 'timecmp']);

/** An argument as a call would show it: a value known only after apply by what it comes from. */
function argumentText(value: unknown): string {
  if (value instanceof SymbolicValue) {
    const [only] = value.parts;
    return value.parts.length === 1 && only !== undefined && typeof only !== 'string' ? only.source : String(value);
  }
  return JSON.stringify(value) ?? 'null';
}

/** Text Terraform converts to a number (Go's `big.ParseFloat` in base 10). */
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** Functions of a file's bytes (any file, not only UTF-8 text), as Terraform reads them. */
const FILE_BYTES: Readonly<Record<string, (bytes: Buffer) => string>> = {
  filebase64: (bytes) => bytes.toString('base64'),
  filemd5: (bytes) => createHash('md5').update(bytes).digest('hex'),
  filesha1: (bytes) => createHash('sha1').update(bytes).digest('hex'),
  filesha256: (bytes) => createHash('sha256').update(bytes).digest('hex'),
  filesha512: (bytes) => createHash('sha512').update(bytes).digest('hex'),
  filebase64sha256: (bytes) => createHash('sha256').update(bytes).digest('base64'),
  filebase64sha512: (bytes) => createHash('sha512').update(bytes).digest('base64'),
};

/**
 * Functions Terraform gives a new value at each run, or only once it applies: `timestamp()` and
 * `uuid()` are unknown in a plan, `plantimestamp()` is the time of each plan, `bcrypt()` salts
 * at random.
 */
const UNKNOWN_RESULTS: ReadonlySet<string> = new Set(['timestamp', 'uuid', 'plantimestamp', 'bcrypt']);

/**
 * Functions whose result is known with pending elements in their collections, as Terraform's are:
 * they move, count or pick elements without reading them (a pending key or index still stops them).
 */
const STRUCTURAL: ReadonlySet<string> = new Set([
  'concat',
  'flatten',
  'length',
  'keys',
  'values',
  'merge',
  'lookup',
  'element',
  'slice',
  'tolist',
  'tomap',
  'one',
  'reverse',
  'coalescelist',
  'zipmap',
]);

/** The arguments of `min` or `max`: at least one, each a number. */
function numbers(args: readonly unknown[], what: string, e: Evaluation): number[] {
  if (args.length === 0) throw new UnsupportedHcl(`\`${what}\` of no number`);
  return args.map((a) => e.asNumber(a));
}

/**
 * A tuple as the list Terraform converts it to, every element of the one type they unify to:
 * primitives of different types become text (`distinct(["a", 1])` is `["a", "1"]`), and so do
 * those inside collections (`tolist([{ a = 1 }, { a = "x" }])` is `[{ a = "1" }, { a = "x" }]`).
 */
function unifiedList(items: readonly unknown[]): unknown[] {
  return unifiedValues(items, 'list', primitiveText);
}

/** The grapheme clusters of text, the characters Terraform's `length`, `substr` and `strrev` count. */
function graphemes(text: string): string[] {
  return Array.from(new Intl.Segmenter().segment(text), (s) => s.segment);
}

/** Text in Go's order: by UTF-8 bytes (an emoji after `\uffee`, where JavaScript puts it before). */
function byBytes(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

/** Plain data with its text in Unicode normal form C, as Terraform holds every string. */
function normalized(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return value.normalize('NFC');
  if (depth > MAX_DEPTH || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    const items = value.map((v) => normalized(v, depth + 1));
    if (SETS.has(value)) SETS.add(items);
    return items;
  }
  if (!isMap(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) defineOwn(out, k.normalize('NFC'), normalized(v, depth + 1));
  return out;
}

function list(value: unknown, what: string): unknown[] {
  if (Array.isArray(value)) return value as unknown[];
  throw new UnsupportedHcl(`\`${what}\` of a value that is not a list`);
}

function map(value: unknown, what: string): Record<string, unknown> {
  if (isMap(value)) return value;
  throw new UnsupportedHcl(`\`${what}\` of a value that is not a map`);
}

/**
 * Terraform sets: of one element type, unique, and ordered as Terraform shows them (strings
 * lexically, numbers by value). Primitives of different types are all converted to text first, as
 * Terraform unifies them (`toset(["a", 1])` is `["1", "a"]`).
 */
/** A set as `toset` makes it: elements unified, distinct, in Terraform's order (null last). */
export function toSet(items: readonly unknown[]): unknown[] {
  const present = unifiedList(items.filter((v) => v !== null));
  const unique = distinct(present);
  if (unique.length > 0 && unique.every((v) => typeof v === 'number')) unique.sort((a, b) => a - b);
  else if (unique.every((v) => typeof v === 'string')) unique.sort(byBytes);
  else if (unique.every((v) => typeof v === 'boolean')) unique.sort((a, b) => Number(a) - Number(b));
  // A null element comes last, as Terraform orders a set.
  const set = present.length < items.length ? [...unique, null] : unique;
  SETS.add(set);
  return set;
}

/**
 * The arrays the set functions made: Terraform's sets, which `concat` and `coalescelist` refuse
 * where they take a list. An array not known to be one is read as a list.
 */
const SETS = new WeakSet<readonly unknown[]>();

/** The arguments of a function that takes lists: a set among them is Terraform's error. */
function lists(args: readonly unknown[], what: string): unknown[][] {
  return args.map((a) => {
    const items = list(a, what);
    if (SETS.has(items)) throw new UnsupportedHcl(`\`${what}\` of a set, which takes lists only`);
    return items;
  });
}

/**
 * The elements of several collections converted to the one element type Terraform gives the sets
 * they become together (`setsubtract([1, 2], ["a"])` compares text).
 */
function unifiedSets(collections: readonly unknown[][]): unknown[][] {
  const all = unifiedList(collections.flat());
  let at = 0;
  return collections.map((c) => all.slice(at, (at += c.length)));
}

/**
 * An object as a map of one element type, as `tomap` converts it: primitives of different types all
 * become text (`{ a = 1, b = "x" }` is `{ a = "1", b = "x" }`), inside collections too; primitives
 * beside collections are Terraform's error.
 */
function unifiedMap(value: Record<string, unknown>): Record<string, unknown> {
  const keys = Object.keys(value);
  const values = unifiedValues(
    keys.map((k) => value[k]),
    'map',
    primitiveText,
  );
  const out: Record<string, unknown> = {};
  keys.forEach((k, i) => {
    defineOwn(out, k, values[i]);
  });
  return out;
}

function distinct(items: readonly unknown[]): unknown[] {
  const seen = new Set<string>();
  const out: unknown[] = [];
  for (const item of items) {
    const key = isPlain(item) ? JSON.stringify(item) : undefined;
    if (key === undefined) return [...items];
    if (!seen.has(key)) {
      seen.add(key);
      out.push(item);
    }
  }
  return out;
}

function textFn(transform: (text: string, args: readonly unknown[], e: Evaluation) => unknown): Fn {
  return (args, e) => transform(e.asText(args[0]), args, e);
}

/** Functions that decode text, by name, with the format they read, for what a file they decode is not. */
const DECODED_FILES: ReadonlyMap<string, string> = new Map([
  ['jsondecode', 'valid JSON'],
  ['yamldecode', 'valid YAML'],
  ['csvdecode', 'valid CSV'],
]);

/** Pure functions by name; `try`, `can`, `format`, `file`, `templatefile`, `jsonencode` are in the evaluator. */
/**
 * A `fileset` pattern (Go's doublestar) as a regular expression over `/`-separated paths: `*` and
 * `?` within a segment, `**` across segments, `[...]` classes and `{a,b}` alternatives.
 */
function globPattern(pattern: string): RegExp {
  let out = '';
  let braces = 0;
  for (let i = 0; i < pattern.length; i += 1) {
    const c = pattern.charAt(i);
    if (c === '*' && pattern[i + 1] === '*') {
      // A whole segment spans directories (none or many); inside a segment it is a `*`.
      const segment = (i === 0 || pattern[i - 1] === '/') && (i + 2 === pattern.length || pattern[i + 2] === '/');
      if (segment && pattern[i + 2] === '/') {
        out += '(?:[^/]*/)*';
        i += 2;
      } else {
        out += segment ? '.*' : '[^/]*';
        i += 1;
      }
    } else if (c === '*') out += '[^/]*';
    else if (c === '?') out += '[^/]';
    else if (c === '[') {
      const end = pattern.indexOf(']', i + 2);
      if (end < 0) throw new UnsupportedHcl('`fileset` pattern with an unclosed `[`');
      const body = pattern
        .slice(i + 1, end)
        .replace(/^!/, '^')
        .replace(/\\/g, '\\\\');
      out += `[${body}]`;
      i = end;
    } else if (c === '{') {
      braces += 1;
      out += '(?:';
    } else if (c === '}' && braces > 0) {
      braces -= 1;
      out += ')';
    } else if (c === ',' && braces > 0) out += '|';
    else if (c === '\\' && i + 1 < pattern.length) {
      i += 1;
      out += pattern.charAt(i).replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    } else out += c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  if (braces > 0) throw new UnsupportedHcl('`fileset` pattern with an unclosed `{`');
  return new RegExp(`^${out}$`);
}

/** Go's `filepath.Dir` and `filepath.Base` on `/`-separated paths, as Terraform runs them on Linux. */
function pathDir(file: string): string {
  const trimmed = file.replace(/\/+$/, '');
  if (trimmed === '') return file.startsWith('/') ? '/' : '.';
  const at = trimmed.lastIndexOf('/');
  if (at < 0) return '.';
  const parent = trimmed.slice(0, at).replace(/\/+$/, '');
  return parent === '' ? '/' : parent;
}

function pathBase(file: string): string {
  if (file === '') return '.';
  const trimmed = file.replace(/\/+$/, '');
  if (trimmed === '') return '/';
  return trimmed.slice(trimmed.lastIndexOf('/') + 1);
}

/** The digest of text's UTF-8 bytes, as Terraform's hash functions take them. */
function digest(algorithm: 'md5' | 'sha1' | 'sha256' | 'sha512', text: string): Buffer {
  return createHash(algorithm).update(text, 'utf8').digest();
}

/** The namespaces `uuidv5` knows by name (RFC 4122 appendix C). */
const UUID_NAMESPACES: Readonly<Record<string, string>> = {
  dns: '6ba7b810-9dad-11d1-80b4-00c04fd430c8',
  url: '6ba7b811-9dad-11d1-80b4-00c04fd430c8',
  oid: '6ba7b812-9dad-11d1-80b4-00c04fd430c8',
  x500: '6ba7b814-9dad-11d1-80b4-00c04fd430c8',
};

/** A name-based (SHA-1) UUID in a namespace given by name or as a UUID. */
function uuidV5(namespace: string, name: string): string {
  const space = Object.hasOwn(UUID_NAMESPACES, namespace) ? (UUID_NAMESPACES[namespace] ?? '') : namespace;
  if (!/^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i.test(space))
    throw new UnsupportedHcl('`uuidv5` of a namespace that is not a UUID');
  const bytes = createHash('sha1')
    .update(Buffer.from(space.replaceAll('-', ''), 'hex'))
    .update(name, 'utf8')
    .digest()
    .subarray(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x50;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * A boolean, or text Terraform converts to one (`"true"`, `"1"`, `"false"`, `"0"`); null counts as
 * false (`alltrue`, `anytrue`).
 */
function truth(value: unknown, what: string): boolean {
  if (value === true || value === 'true' || value === '1') return true;
  if (value === false || value === 'false' || value === '0' || value === null) return false;
  throw new UnsupportedHcl(`\`${what}\` of a value that is not a boolean`);
}

/**
 * `parseint(text, base)` as Go's `big.Int` reads it: an optional sign, then digits of the base
 * (2 to 62; letters either case up to 36, lower before upper above).
 */
function parseInteger(text: string, base: number): number {
  if (!Number.isInteger(base) || base < 2 || base > 62) throw new UnsupportedHcl('`parseint` base not in 2..62');
  const match = /^([+-]?)([0-9A-Za-z]+)$/.exec(text);
  if (match === null) throw new UnsupportedHcl(`\`parseint\` of \`${text}\`, which is not a number`);
  let value = 0n;
  for (const c of match[2] ?? '') {
    const code = c.charCodeAt(0);
    const digit =
      code <= 57
        ? code - 48
        : base <= 36
          ? c.toLowerCase().charCodeAt(0) - 97 + 10
          : code >= 97
            ? code - 97 + 10
            : code - 65 + 36;
    if (digit >= base) throw new UnsupportedHcl(`\`parseint\` of \`${text}\`, which is not a number in base ${base}`);
    value = value * BigInt(base) + BigInt(digit);
  }
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw new UnsupportedHcl('`parseint` of a number too large to be exact');
  return (match[1] === '-' ? -1 : 1) * Number(value);
}

/**
 * `csvdecode`: the records after the header line as maps from the header's names to text, as Go's
 * `encoding/csv` reads them (quoted fields with `""` and line breaks, blank lines skipped); a record
 * with another number of fields, or a quote out of place, is Terraform's error.
 */
function csvRecords(text: string): Record<string, string>[] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let started = false;
  const end = (): void => {
    row.push(field);
    field = '';
    started = false;
  };
  const input = text.replace(/\r\n/g, '\n');
  for (let i = 0; i < input.length; i += 1) {
    const c = input.charAt(i);
    if (quoted) {
      if (c !== '"') field += c;
      else if (input.charAt(i + 1) === '"') {
        field += '"';
        i += 1;
      } else {
        quoted = false;
        const after = input.charAt(i + 1);
        if (after !== ',' && after !== '\n' && after !== '')
          throw new UnsupportedHcl('`csvdecode` of a quote out of place');
      }
    } else if (c === '"') {
      if (started) throw new UnsupportedHcl('`csvdecode` of a quote out of place');
      quoted = true;
      started = true;
    } else if (c === ',') end();
    else if (c === '\n') {
      if (started || row.length > 0) {
        end();
        rows.push(row);
      }
      row = [];
    } else {
      field += c;
      started = true;
    }
  }
  if (quoted) throw new UnsupportedHcl('`csvdecode` of an unclosed quote');
  if (started || row.length > 0) {
    end();
    rows.push(row);
  }
  const [header, ...records] = rows;
  if (header === undefined) throw new UnsupportedHcl('`csvdecode` of text without a header line');
  if (records.length > MAX_ITEMS) throw new UnsupportedHcl('`csvdecode` of too many records');
  return records.map((record) => {
    if (record.length !== header.length)
      throw new UnsupportedHcl('`csvdecode` of a record with another number of fields');
    const out: Record<string, string> = {};
    header.forEach((name, i) => {
      defineOwn(out, name, record[i] ?? '');
    });
    return out;
  });
}

/** An IP prefix: its network address as a number, its length and the address size in bits. */
interface Cidr {
  readonly base: bigint;
  readonly length: number;
  readonly bits: 32 | 128;
}

/** `10.0.0.0/16` or `fd00::/8`, its host bits cleared, as Go's `net.ParseCIDR` reads it. */
function cidrOf(text: string): Cidr {
  const match = /^([^/]+)\/(\d{1,3})$/.exec(text);
  const address = match === null ? undefined : addressOf(match[1] ?? '');
  const length = Number(match?.[2]);
  if (address === undefined || length > address.bits) throw new UnsupportedHcl(`\`${text}\` is not an IP prefix`);
  const hostBits = BigInt(address.bits - length);
  return { base: (address.value >> hostBits) << hostBits, length, bits: address.bits };
}

function addressOf(text: string): { value: bigint; bits: 32 | 128 } | undefined {
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(text)) {
    const octets = text.split('.');
    // Go refuses leading zeros, which other readers take as octal.
    if (octets.some((o) => Number(o) > 255 || (o.length > 1 && o.startsWith('0')))) return undefined;
    return { value: octets.reduce((v, o) => (v << 8n) | BigInt(o), 0n), bits: 32 };
  }
  if (!/^[0-9a-fA-F:]+$/.test(text) || text.split('::').length > 2) return undefined;
  const [head = '', tail] = text.split('::');
  const groups = (part: string): string[] => (part === '' ? [] : part.split(':'));
  const left = groups(head);
  const right = tail === undefined ? [] : groups(tail);
  const missing = 8 - left.length - right.length;
  if ((tail === undefined && missing !== 0) || (tail !== undefined && missing < 1)) return undefined;
  const all = [...left, ...Array<string>(tail === undefined ? 0 : missing).fill('0'), ...right];
  if (all.some((g) => !/^[0-9a-fA-F]{1,4}$/.test(g))) return undefined;
  return { value: all.reduce((v, g) => (v << 16n) | BigInt(parseInt(g, 16)), 0n), bits: 128 };
}

/** An address as Go writes it: dotted for IPv4, RFC 5952 for IPv6 (the longest run of zero groups as `::`). */
function addressText(value: bigint, bits: 32 | 128): string {
  if (bits === 32) return [24n, 16n, 8n, 0n].map((shift) => String((value >> shift) & 255n)).join('.');
  const groups = Array.from({ length: 8 }, (_, i) => Number((value >> BigInt(112 - 16 * i)) & 0xffffn));
  let best = { at: -1, length: 0 };
  for (let i = 0; i < 8;) {
    let j = i;
    while (j < 8 && groups[j] === 0) j += 1;
    if (j - i > best.length && j - i >= 2) best = { at: i, length: j - i };
    i = j === i ? i + 1 : j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (best.at < 0) return hex.join(':');
  return `${hex.slice(0, best.at).join(':')}::${hex.slice(best.at + best.length).join(':')}`;
}

/** `cidrsubnet(prefix, newbits, netnum)`: the `netnum`th subnet `newbits` longer than the prefix. */
/** A number the CIDR functions take as a count of bits or addresses: Terraform refuses a fraction. */
function wholeNumber(value: number, what: string): number {
  if (!Number.isInteger(value)) throw new UnsupportedHcl(`${what} of \`${String(value)}\`, not a whole number`);
  return value;
}

function subnetText(net: Cidr, newBits: number, netNum: bigint): string {
  const length = net.length + newBits;
  if (!Number.isInteger(newBits) || newBits < 0 || length > net.bits)
    throw new UnsupportedHcl('`cidrsubnet` of a prefix too long for the address');
  if (netNum < 0n || netNum >= 1n << BigInt(newBits))
    throw new UnsupportedHcl('`cidrsubnet` of a subnet number outside the prefix');
  return `${addressText(net.base | (netNum << BigInt(net.bits - length)), net.bits)}/${String(length)}`;
}

const FUNCTIONS: Readonly<Record<string, Fn>> = {
  dirname: textFn((text) => pathDir(text)),
  basename: textFn((text) => pathBase(text)),
  yamldecode: textFn((text) => {
    // Text without a document (empty, blanks and comments only) is Terraform's error, not null.
    if (/^(?:\s|#.*)*$/.test(text)) throw new UnsupportedHcl('`yamldecode` of text without a YAML document');
    try {
      // Loaded here, not at the top: `yaml` is 70 modules that only `yamldecode` needs.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { parse } = require('yaml') as typeof Yaml;
      return parse(text, { schema: 'core', uniqueKeys: true }) as unknown;
    } catch {
      throw new UnsupportedHcl('`yamldecode` of text that is not YAML');
    }
  }),
  jsondecode: textFn((text) => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw new UnsupportedHcl('`jsondecode` of text that is not JSON');
    }
  }),
  tostring: (args, e) => (args[0] === null || args[0] instanceof SymbolicValue ? args[0] : e.asText(args[0])),
  tonumber: (args, e) => (args[0] === null ? null : e.asNumber(args[0])),
  tobool: (args) => (args[0] === null ? null : truth(args[0], 'tobool')),
  // A map or object is no list in Terraform: `tolist({...})` is its error, not the values.
  tolist: (args) => unifiedList(list(args[0], 'tolist')),
  toset: (args) => toSet(list(args[0], 'toset')),
  tomap: (args) => unifiedMap(map(args[0], 'tomap')),
  concat: (args) => lists(args, 'concat').flat(),
  flatten: (args) => {
    const flat = (value: unknown): unknown[] => (Array.isArray(value) ? value.flatMap(flat) : [value]);
    return flat(list(args[0], 'flatten'));
  },
  distinct: (args) => distinct(unifiedList(list(args[0], 'distinct'))),
  // A list of text: numbers and booleans become text, a collection is Terraform's error.
  compact: (args) =>
    list(args[0], 'compact')
      .map((v) => {
        if (Array.isArray(v) || isMap(v)) throw new UnsupportedHcl('`compact` of a list that is not of text');
        return typeof v === 'number' || typeof v === 'boolean' ? primitiveText(v) : v;
      })
      .filter((v) => v !== null && v !== ''),
  merge: (args) => {
    const out: Record<string, unknown> = {};
    for (const arg of args)
      if (arg !== null) for (const [k, v] of Object.entries(map(arg, 'merge'))) defineOwn(out, k, v);
    return out;
  },
  keys: (args) => Object.keys(map(args[0], 'keys')).sort(),
  values: (args) => {
    const m = map(args[0], 'values');
    return Object.keys(m)
      .sort()
      .map((k) => m[k]);
  },
  length: (args) => {
    const value = args[0];
    // Characters as Terraform counts them: grapheme clusters (`"\r\n"` is one), not UTF-16 units.
    if (typeof value === 'string') return graphemes(value).length;
    if (Array.isArray(value)) return value.length;
    return Object.keys(map(value, 'length')).length;
  },
  lookup: (args, e) => {
    const found = stepInto(map(args[0], 'lookup'), e.asText(args[1]));
    if (found !== undefined) return found;
    if (args.length < 3) throw new UnsupportedHcl(`\`lookup\` of a missing key \`${e.asText(args[1])}\``);
    return args[2];
  },
  // An index past the end wraps around; a negative or fractional one is Terraform's error.
  element: (args, e) => {
    const items = list(args[0], 'element');
    if (items.length === 0) throw new UnsupportedHcl('`element` of an empty list');
    const index = e.asNumber(args[1]);
    if (!Number.isSafeInteger(index) || index < 0)
      throw new UnsupportedHcl(`\`element\` at index \`${String(index)}\`, which is not a whole number from 0`);
    return items[index % items.length];
  },
  one: (args) => {
    const items = list(args[0], 'one');
    if (items.length > 1) throw new UnsupportedHcl('`one` of a list of more than one element');
    return items[0] ?? null;
  },
  contains: (args) => {
    const wanted = args[1];
    if (!isPlain(wanted)) throw new UnsupportedHcl('`contains` of a value known only after apply');
    return list(args[0], 'contains').some((item) => isPlain(item) && JSON.stringify(item) === JSON.stringify(wanted));
  },
  coalesce: (args) => {
    const found = args.find((a) => a !== null && a !== '');
    if (found === undefined) throw new UnsupportedHcl('`coalesce` with no non-empty argument');
    return found;
  },
  coalescelist: (args) => args.find((a) => Array.isArray(a) && a.length > 0) ?? [],
  reverse: (args) => [...list(args[0], 'reverse')].reverse(),
  sort: (args, e) =>
    list(args[0], 'sort')
      .map((v) => e.asText(v))
      .sort(byBytes),
  slice: (args, e) => {
    const items = list(args[0], 'slice');
    const [start, end] = [e.asNumber(args[1]), e.asNumber(args[2])];
    if (![start, end].every(Number.isInteger) || start < 0 || start > end || end > items.length)
      throw new UnsupportedHcl(
        `\`slice\` from ${String(start)} to ${String(end)} of a list of ${String(items.length)}`,
      );
    return items.slice(start, end);
  },
  range: (args, e) => {
    const [start, end, step] =
      args.length === 1
        ? [0, e.asNumber(args[0]), 1]
        : [e.asNumber(args[0]), e.asNumber(args[1]), args[2] === undefined ? 1 : e.asNumber(args[2])];
    if (step === 0 || Math.abs((end - start) / step) > MAX_ITEMS) throw new UnsupportedHcl('`range` too long');
    const out: number[] = [];
    for (let v = start; step > 0 ? v < end : v > end; v += step) out.push(v);
    return out;
  },
  zipmap: (args, e) => {
    const keys = list(args[0], 'zipmap');
    const values = list(args[1], 'zipmap');
    if (keys.length !== values.length) throw new UnsupportedHcl('`zipmap` of lists of different lengths');
    const out: Record<string, unknown> = {};
    keys.forEach((k, i) => {
      defineOwn(out, e.asText(k), values[i]);
    });
    return out;
  },
  setunion: (args) => toSet(args.flatMap((a) => list(a, 'setunion'))),
  setintersection: (args) => {
    const sets = unifiedSets(args.map((a) => list(a, 'setintersection')));
    const [first = [], ...rest] = sets.map((set) => set.map((v) => JSON.stringify(v)));
    return toSet(first.filter((v) => rest.every((r) => r.includes(v))).map((v) => JSON.parse(v) as unknown));
  },
  setsubtract: (args) => {
    const [from = [], without = []] = unifiedSets([list(args[0], 'setsubtract'), list(args[1], 'setsubtract')]);
    const remove = new Set(without.map((v) => JSON.stringify(v)));
    return toSet(from.filter((v) => !remove.has(JSON.stringify(v))));
  },
  // Elements known only after apply stay in place: `join("", ["arn:aws:s3:::", bucket, "/*"])`.
  join: (args, e) => {
    const separator = e.asText(args[0]);
    const items = args.slice(1).flatMap((a) => list(a, 'join'));
    return e.asTemplate(
      items.flatMap((v, i) => [...(i === 0 ? [] : [separator]), v instanceof SymbolicValue ? v : e.asText(v)]),
    );
  },
  split: (args, e) => {
    const separator = e.asText(args[0]);
    const subject = args[1];
    if (!(subject instanceof SymbolicValue)) return e.asText(subject).split(separator);
    // `split(":", data.aws_caller_identity.current.arn)`: the ARN's colons are in its known text,
    // so its fields (the account, the partition) are its elements; a hole that may hold the
    // separator leaves the list to apply.
    const found = aroundHoles(
      subject,
      (written) => splitWritten(written, separator),
      (text) => text.split(separator),
    );
    if (found === undefined)
      throw fieldsSplit(subject, separator, e) ?? new UnknownHcl(subject.holes().map((h) => h.source));
    return shapedValue(found.value, e);
  },
  // `format` row by row: each list gives its element, each other value is repeated; lists of
  // different lengths are Terraform's error.
  formatlist: (args, e) => {
    const [spec, ...values] = args;
    const lengths = new Set(values.filter(Array.isArray).map((l) => l.length));
    if (lengths.size > 1) throw new UnsupportedHcl('`formatlist` of lists of different lengths');
    const [count = 1] = lengths;
    return Array.from({ length: count }, (_, i) =>
      e.asFormat([spec, ...values.map((v) => (Array.isArray(v) ? (v as unknown[])[i] : v))]),
    );
  },
  lower: (args, e) => caseMapped(args[0], 'lower', e),
  upper: (args, e) => caseMapped(args[0], 'upper', e),
  // Go's `unicode.IsSpace`: U+0085 too, not U+FEFF as JavaScript's `trim` would.
  trimspace: textFn((t) => t.replace(/^\p{White_Space}+|\p{White_Space}+$/gu, '')),
  chomp: textFn((t) => t.replace(/[\r\n]+$/, '')),
  trimprefix: (args, e) => {
    const prefix = e.asText(args[1]);
    const subject = args[0];
    if (!(subject instanceof SymbolicValue)) {
      const t = e.asText(subject);
      return t.startsWith(prefix) ? t.slice(prefix.length) : t;
    }
    // `trimprefix(issuer, "https://")` over a URL whose host only apply knows: the known start decides.
    const [first, ...rest] = subject.parts;
    if (typeof first === 'string' && first.startsWith(prefix))
      return e.asTemplate([first.slice(prefix.length), ...rest.map(piece)]);
    if (typeof first === 'string' && !prefix.startsWith(first)) return subject;
    if (prefix === '') return subject;
    throw new UnsupportedHcl('`trimprefix` whose result depends on text known only after apply');
  },
  trimsuffix: (args, e) => {
    const suffix = e.asText(args[1]);
    const subject = args[0];
    if (!(subject instanceof SymbolicValue)) {
      const t = e.asText(subject);
      return suffix !== '' && t.endsWith(suffix) ? t.slice(0, -suffix.length) : t;
    }
    const last = subject.parts[subject.parts.length - 1];
    const before = subject.parts.slice(0, -1).map(piece);
    if (typeof last === 'string' && suffix !== '' && last.endsWith(suffix))
      return e.asTemplate([...before, last.slice(0, -suffix.length)]);
    if (suffix === '' || (typeof last === 'string' && !suffix.endsWith(last))) return subject;
    throw new UnsupportedHcl('`trimsuffix` whose result depends on text known only after apply');
  },
  trim: textFn((t, args, e) => {
    const cut = new Set(e.asText(args[1]));
    let start = 0;
    let end = t.length;
    while (start < end && cut.has(t[start] ?? '')) start += 1;
    while (end > start && cut.has(t[end - 1] ?? '')) end -= 1;
    return t.slice(start, end);
  }),
  // A pattern in slashes is a regular expression (RE2) in Terraform: read when JavaScript means the same by it.
  replace: (args, e) => {
    const subject = args[0];
    if (!(subject instanceof SymbolicValue)) return replaceText(e.asText(subject), args, e);
    // Text with holes (a document rendered around values known only after apply): the known text
    // is searched, each hole kept as it is; a placeholder is not taken to run across a hole.
    const search = e.asText(args[1]);
    if (search.length > 1 && search.startsWith('/') && search.endsWith('/')) {
      const replacement = e.asText(args[2]);
      const pieces = replaceRegexAround(subject, search.slice(1, -1), replacement);
      if (pieces !== undefined) return e.asTemplate(pieces);
      // A pattern that reads what a hole holds (`([0-9]+)` over the account of an ARN): tried
      // with values of each hole's form.
      const pattern = search.slice(1, -1);
      const found = aroundHoles(
        subject,
        (written) => replacedWritten(written, regexOf(pattern, 'replace'), replacement),
        (text) => replaceRegex(text, pattern, replacement),
      );
      if (found !== undefined) return shapedValue(found.value, e);
      return replacedWhole(subject, search, replacement);
    }
    if (search === '') throw new UnsupportedHcl('`replace` of empty text in text known only after apply');
    const pieces = subject.parts.flatMap((part) =>
      typeof part === 'string' ? spliced(part, search, args[2]) : [new SymbolicValue([part])],
    );
    return e.asTemplate(pieces);
  },
  substr: textFn((t, args, e) => {
    const chars = graphemes(t);
    const offset = e.asNumber(args[1]);
    const length = e.asNumber(args[2]);
    const start = offset < 0 ? chars.length + offset : offset;
    return chars.slice(start, length < 0 ? undefined : start + length).join('');
  }),
  startswith: (args, e) => textTest(args[0], e.asText(args[1]), 'startswith', e),
  endswith: (args, e) => textTest(args[0], e.asText(args[1]), 'endswith', e),
  strcontains: (args, e) => textTest(args[0], e.asText(args[1]), 'strcontains', e),
  title: textFn((t) => titleCase(t)),
  abs: (args, e) => Math.abs(e.asNumber(args[0])),
  // A whole number, as Terraform computes it: never a negative zero (`ceil(-0.5)` is 0).
  ceil: (args, e) => Math.ceil(e.asNumber(args[0])) + 0,
  floor: (args, e) => Math.floor(e.asNumber(args[0])) + 0,
  max: (args, e) => Math.max(...numbers(args, 'max', e)),
  min: (args, e) => Math.min(...numbers(args, 'min', e)),
  sum: (args, e) => {
    const items = list(args[0], 'sum');
    if (items.length === 0) throw new UnsupportedHcl('`sum` of an empty list');
    const total = items.reduce<number>((sum, v) => {
      if (v === null) throw new UnsupportedHcl('`sum` of a list holding null');
      return sum + e.asNumber(v);
    }, 0);
    return exactNumber(total, '`sum`');
  },
  regex: (args, e) => {
    const expression = regexOf(e.asText(args[0]), 'regex');
    const subject = args[1];
    if (subject instanceof SymbolicValue) return regexAround(subject, expression, e);
    const [match] = matchesOf(expression, e.asText(subject));
    if (match === undefined) throw new UnsupportedHcl('`regex` whose pattern does not match');
    return regexResult(expression, match);
  },
  regexall: (args, e) => {
    const expression = regexOf(e.asText(args[0]), 'regexall');
    return Array.from(matchesOf(expression, e.asText(args[1])), (match) => regexResult(expression, match));
  },
  strrev: textFn((t) => graphemes(t).reverse().join('')),
  // Every line but the first, empty ones too, as Terraform indents a heredoc.
  indent: (args, e) => e.asText(args[1]).replaceAll('\n', `\n${' '.repeat(Math.max(0, e.asNumber(args[0])))}`),
  md5: textFn((t) => digest('md5', t).toString('hex')),
  sha1: textFn((t) => digest('sha1', t).toString('hex')),
  sha256: textFn((t) => digest('sha256', t).toString('hex')),
  sha512: textFn((t) => digest('sha512', t).toString('hex')),
  base64sha256: textFn((t) => digest('sha256', t).toString('base64')),
  base64sha512: textFn((t) => digest('sha512', t).toString('base64')),
  base64encode: textFn((t) => Buffer.from(t, 'utf8').toString('base64')),
  base64decode: textFn((t) => decodeTextBase64(t, 'UTF-8', 'base64decode')),
  textencodebase64: (args, e) => encodeTextBase64(e.asText(args[0]), e.asText(args[1])),
  textdecodebase64: (args, e) => decodeTextBase64(e.asText(args[0]), e.asText(args[1]), 'textdecodebase64'),
  yamlencode: (args) => {
    if (!isPlain(args[0])) throw new UnimplementedHcl('`yamlencode` of a value known only after apply');
    return yamlEncode(args[0]);
  },
  // Go's `url.QueryEscape`: all but letters, digits and `-_.~` escaped, a space as `+`.
  urlencode: textFn((t) =>
    encodeURIComponent(t)
      .replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
      .replaceAll('%20', '+'),
  ),
  uuidv5: (args, e) => uuidV5(e.asText(args[0]), e.asText(args[1])),
  sensitive: (args) => args[0],
  nonsensitive: (args) => args[0],
  // Every element converted first: one that is no boolean is an error even after a decisive one.
  alltrue: (args) =>
    list(args[0], 'alltrue')
      .map((v) => truth(v, 'alltrue'))
      .every(Boolean),
  anytrue: (args) =>
    list(args[0], 'anytrue')
      .map((v) => truth(v, 'anytrue'))
      .some(Boolean),
  chunklist: (args, e) => {
    const items = unifiedList(list(args[0], 'chunklist'));
    const size = e.asNumber(args[1]);
    if (!Number.isInteger(size) || size < 0)
      throw new UnsupportedHcl('`chunklist` of a size that is not a whole number');
    if (size === 0) return items.length === 0 ? [] : [items];
    return Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));
  },
  index: (args) => {
    const wanted = args[1];
    // Element by element, as Terraform compares them: an element only apply can tell apart first is unknown.
    for (const [at, item] of list(args[0], 'index').entries()) {
      const same = equality(item, wanted, 0);
      if (same === true) return at;
      if (same === undefined) {
        const unknown = [...symbolicSources([item, wanted]), ...pendingReferences([item, wanted])];
        throw new UnknownHcl(unknown.length > 0 ? [...new Set(unknown)] : ['`index` of a value only apply knows']);
      }
    }
    throw new UnsupportedHcl('`index` of a value the list does not hold');
  },
  matchkeys: (args) => {
    const values = list(args[0], 'matchkeys');
    const [keys = [], search = []] = unifiedSets([list(args[1], 'matchkeys'), list(args[2], 'matchkeys')]);
    if (values.length !== keys.length) throw new UnsupportedHcl('`matchkeys` of lists of different lengths');
    if (![...keys, ...search].every(isPlain)) throw new UnsupportedHcl('`matchkeys` of keys known only after apply');
    const wanted = new Set(search.map((v) => JSON.stringify(v)));
    return values.filter((_, i) => wanted.has(JSON.stringify(keys[i])));
  },
  transpose: (args, e) => {
    const out: Record<string, unknown[]> = {};
    const input = map(args[0], 'transpose');
    for (const key of Object.keys(input).sort())
      for (const value of list(input[key], 'transpose')) {
        const name = e.asText(value);
        defineOwn(out, name, [...(Object.hasOwn(out, name) ? (out[name] ?? []) : []), key]);
      }
    return out;
  },
  setproduct: (args) => {
    if (args.length < 2) throw new UnsupportedHcl('`setproduct` of fewer than two collections');
    const sets = args.map((a) => unifiedList(list(a, 'setproduct')));
    const size = sets.reduce((n, s) => n * s.length, 1);
    if (size > MAX_ITEMS) throw new UnsupportedHcl('`setproduct` too large');
    // The first collection varies slowest, as Terraform orders the product.
    return sets.reduce<unknown[][]>((product, set) => product.flatMap((row) => set.map((v) => [...row, v])), [[]]);
  },
  parseint: (args, e) => parseInteger(e.asText(args[0]), e.asNumber(args[1])),
  pow: (args, e) => exactNumber(e.asNumber(args[0]) ** e.asNumber(args[1]), '`pow`'),
  signum: (args, e) => Math.sign(e.asNumber(args[0])),
  log: (args, e) => exactNumber(Math.log(e.asNumber(args[0])) / Math.log(e.asNumber(args[1])), '`log`'),
  csvdecode: textFn((t) => csvRecords(t)),
  formatdate: (args, e) => formatDate(e.asText(args[0]), e.asText(args[1])),
  timeadd: (args, e) => timeAdd(e.asText(args[0]), e.asText(args[1])),
  timecmp: (args, e) => timeCompare(e.asText(args[0]), e.asText(args[1])),
  cidrhost: (args, e) => {
    const net = cidrOf(e.asText(args[0]));
    const size = 1n << BigInt(net.bits - net.length);
    const wanted = BigInt(wholeNumber(e.asNumber(args[1]), '`cidrhost`'));
    const offset = wanted < 0n ? size + wanted : wanted;
    if (offset < 0n || offset >= size) throw new UnsupportedHcl('`cidrhost` of a host number outside the prefix');
    return addressText(net.base + offset, net.bits);
  },
  cidrnetmask: (args, e) => {
    const net = cidrOf(e.asText(args[0]));
    if (net.bits !== 32) throw new UnsupportedHcl('`cidrnetmask` of an IPv6 prefix');
    return addressText(((1n << 32n) - 1n) ^ ((1n << BigInt(32 - net.length)) - 1n), 32);
  },
  cidrsubnet: (args, e) => {
    const net = cidrOf(e.asText(args[0]));
    return subnetText(
      net,
      wholeNumber(e.asNumber(args[1]), '`cidrsubnet`'),
      BigInt(wholeNumber(e.asNumber(args[2]), '`cidrsubnet`')),
    );
  },
  cidrsubnets: (args, e) => {
    const net = cidrOf(e.asText(args[0]));
    const out: string[] = [];
    let next = net.base;
    for (const arg of args.slice(1)) {
      const length = net.length + wholeNumber(e.asNumber(arg), '`cidrsubnets`');
      const span = 1n << BigInt(net.bits - length);
      // Each subnet starts at the first address after the previous one aligned to its own size.
      const start = ((next + span - 1n) / span) * span;
      out.push(subnetText(net, length - net.length, (start - net.base) / span));
      next = start + span;
    }
    return out;
  },
  // The AWS provider's functions (Terraform 1.8+, provider 5.40+), by the provider's usual local name.
  'provider::aws::arn_build': (args, e) => {
    if (args.length !== 5) throw new UnsupportedHcl('`provider::aws::arn_build` takes 5 arguments');
    return e.asTemplate(['arn:', ...args.flatMap((a, i) => (i === 0 ? [a] : [':', a]))]);
  },
  'provider::aws::arn_parse': (args) => {
    const whole = args[0] instanceof SymbolicValue && args[0].parts.length === 1 ? args[0].parts[0] : undefined;
    // One ARN only apply knows (`data.aws_caller_identity.current.arn`): each field is one value of its own.
    if (whole !== undefined && typeof whole !== 'string') {
      const field = (name: string): SymbolicValue =>
        new SymbolicValue([{ id: `${whole.id}.${name}`, source: `the ${name} of ${whole.source}` }]);
      return Object.fromEntries(
        ['partition', 'service', 'region', 'account_id', 'resource'].map((name) => [name, field(name)]),
      );
    }
    const [partition, service, region, account, resource] = arnFields(args[0], 'provider::aws::arn_parse');
    return { partition, service, region, account_id: account, resource };
  },
  'provider::aws::trim_iam_role_path': (args, e) => {
    const [partition, service, region, account, resource] = arnFields(args[0], 'provider::aws::trim_iam_role_path');
    if (service !== 'iam' || typeof resource !== 'string' || !resource.startsWith('role/'))
      throw new UnsupportedHcl('`provider::aws::trim_iam_role_path` of a value that is not a role ARN');
    const name = resource.slice(resource.lastIndexOf('/') + 1);
    return e.asTemplate(['arn:', partition, ':iam:', region, ':', account, `:role/${name}`]);
  },
};

/**
 * Holes of values Terraform reads at plan time that hold no `%`: the provider's account, region
 * and partition, as themselves or through the data sources that read them.
 */
const PLAN_TIME_NAMES =
  /^(?:aws_account_id|aws_region|(?:module\.[\w-]+(?:\[[^\]]+\])?\.)*data\.aws_(?:partition|region|caller_identity)\.[\w-]+(?:\[\d+\])?\.(?:partition|dns_suffix|name|region|id|account_id))$/;

/** What a hole's value split at a separator is known to start with (see {@link fieldsHole}). */
const FIELDS = new WeakMap<Hole, { separator: string; fields: readonly (Hole | undefined)[]; why: string }>();

/**
 * Marks `hole` as a value that, split at `separator`, gives `fields` after its first (which only
 * apply knows) whenever it has that many, and as many as one field (no separator) otherwise: the
 * principal of a caller's ARN, `root`, `user/NAME` or `assumed-role/ROLE/SESSION`, is `NAME` or
 * `ROLE` after its first `/`. `why` says what only apply tells of it.
 */
export function fieldsHole(hole: Hole, separator: string, fields: readonly Hole[], why: string): Hole {
  FIELDS.set(hole, { separator, fields: [undefined, ...fields], why });
  return hole;
}

/**
 * `split` of text that ends with a hole whose fields are known (see {@link fieldsHole}): a list of
 * unknown length, the fields before the hole and those known of it in place; `undefined` when the
 * text is of another kind.
 */
function fieldsSplit(subject: SymbolicValue, separator: string, e: Evaluation): UnknownLength | undefined {
  const last = subject.parts[subject.parts.length - 1];
  const known = last === undefined || typeof last === 'string' ? undefined : FIELDS.get(last);
  if (known?.separator !== separator) return undefined;
  const before = new SymbolicValue(subject.parts.slice(0, -1));
  let head: unknown[];
  const written = before.parts.filter((p): p is string => typeof p === 'string');
  if (written.length === before.parts.length) head = written.join('').split(separator);
  else {
    const found = aroundHoles(
      before,
      (written) => splitWritten(written, separator),
      (text) => text.split(separator),
    );
    if (found === undefined) return undefined;
    head = shapedValue(found.value, e) as unknown[];
  }
  // The last field before the hole runs on into the hole's first, which only apply knows.
  const elements = [
    ...head.slice(0, -1),
    ...known.fields.map((f) => (f === undefined ? undefined : new SymbolicValue([f]))),
  ];
  return new UnknownLength(
    subject.holes().map((h) => h.source),
    known.why,
    elements,
    head.length,
  );
}

/** Values an unknown part of a text is tried as: none, digits, a word, an ARN, a URL. */
const PROBES = [
  '',
  '123456789012',
  'a',
  'arn:aws:iam::123456789012:oidc-provider/example.com/id/X',
  'https://x.example/',
];

/** Holes whose value is known to take one form (an issuer host, an issuer id), with values of that form. */
const SAMPLES = new WeakMap<Hole, readonly string[]>();

/**
 * Marks `hole` as standing for a value of the form `samples` illustrate, so that `replace` with a
 * regular expression tries it as such values only: an OIDC issuer host holds no `provider/`, so
 * `replace(provider_arn, "/^(.*provider/)/", "")` keeps it whole.
 */
export function sampledHole(hole: Hole, samples: readonly string[]): Hole {
  SAMPLES.set(hole, samples);
  return hole;
}

/** Whether a hole stands for a value of a known form (see {@link sampledHole}). */
export function hasSamples(hole: Hole): boolean {
  return SAMPLES.has(hole);
}

/**
 * `local.names[var.environment]`, the key known only after apply, over a collection of text: one of
 * its values, which only apply picks, so a hole (tried as those values) rather than an expression
 * without value; the text written around it (`repo:org/*:environment:${...}`) stays known.
 */
function oneOfUnknown(target: unknown, key: SymbolicValue, targetNode: HclNode): SymbolicValue {
  const items = Array.isArray(target) ? (target as unknown[]) : isMap(target) ? Object.values(target) : [];
  if (items.length === 0 || !items.every((item): item is string => typeof item === 'string'))
    throw new UnsupportedHcl('an index known only after apply');
  const holes = key.holes();
  const keyText = key.parts.length === 1 && holes.length === 1 ? (holes[0]?.source ?? '') : JSON.stringify(String(key));
  const label = `${targetNode.kind === 'reference' ? targetNode.text : 'a collection'}[${keyText}]`;
  return new SymbolicValue([sampledHole({ id: label, source: label }, [...new Set(items)])]);
}

/**
 * `lower` or `upper` as Go maps case, one character at a time (`upper("straße")` keeps its `ß`):
 * over text with parts known only after apply, the known text is mapped and each unknown part
 * becomes an unknown of its own, the mapped value, still one specific text.
 */
function caseMapped(value: unknown, how: 'lower' | 'upper', e: Evaluation): unknown {
  if (!(value instanceof SymbolicValue)) return mapCase(e.asText(value), how);
  return e.asTemplate(
    value.parts.map((part) =>
      typeof part === 'string'
        ? mapCase(part, how)
        : new SymbolicValue([{ id: `${how}(${part.id})`, source: `${how}(${part.source})` }]),
    ),
  );
}

/**
 * Each character's simple case mapping, as Go's `unicode.ToLower` / `ToUpper` give it; one whose
 * JavaScript mapping is several characters (`ß`, `ﬁ`, `İ`) has a simple mapping not reproduced here.
 */
function mapCase(text: string, how: 'lower' | 'upper'): string {
  let out = '';
  for (const char of text) {
    const mapped = how === 'lower' ? char.toLowerCase() : char.toUpperCase();
    if (Array.from(mapped).length !== 1) throw new UnimplementedHcl(`\`${how}\` of \`${char}\``);
    out += mapped;
  }
  return out;
}

/** Digraphs whose title case is neither their upper nor their lower case (`ǆ` -> `ǅ`). */
const TITLE_DIGRAPHS: Readonly<Record<string, string>> = {
  Ǆ: 'ǅ',
  ǅ: 'ǅ',
  ǆ: 'ǅ',
  Ǉ: 'ǈ',
  ǈ: 'ǈ',
  ǉ: 'ǈ',
  Ǌ: 'ǋ',
  ǋ: 'ǋ',
  ǌ: 'ǋ',
  Ǳ: 'ǲ',
  ǲ: 'ǲ',
  ǳ: 'ǲ',
};

/**
 * `title` as Go's `strings.Title`: the first letter of each word in title case, a word starting
 * after a space or ASCII punctuation other than `_` (`o'neil` -> `O'Neil`, `élan` -> `Élan`).
 */
function titleCase(text: string): string {
  let out = '';
  let previous = ' ';
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    // Georgian letters have an upper case (Mtavruli) but are their own title case.
    const georgian = (code >= 0x10d0 && code <= 0x10fa) || (code >= 0x10fd && code <= 0x10ff);
    out += separates(previous) && !georgian ? (TITLE_DIGRAPHS[char] ?? mapCase(char, 'upper')) : char;
    previous = char;
  }
  return out;
}

function separates(char: string): boolean {
  if (char.charCodeAt(0) < 0x80) return !/[A-Za-z0-9_]/.test(char);
  return /\p{White_Space}/u.test(char) && !/[\p{L}\p{Nd}]/u.test(char);
}

/**
 * `startswith`, `endswith`, `strcontains` of text that may have parts known only after apply:
 * decided when its known text decides (`startswith("arn:${x}", "arn:")` is true, `"s3:"` false),
 * else unknown, as Terraform leaves it.
 */
function textTest(
  subject: unknown,
  wanted: string,
  how: 'startswith' | 'endswith' | 'strcontains',
  e: Evaluation,
): boolean {
  if (!(subject instanceof SymbolicValue)) {
    const text = e.asText(subject);
    return how === 'startswith'
      ? text.startsWith(wanted)
      : how === 'endswith'
        ? text.endsWith(wanted)
        : text.includes(wanted);
  }
  const parts = subject.parts;
  const unknown = (): never => {
    throw new UnknownHcl(subject.holes().map((h) => h.source));
  };
  if (wanted === '') return true;
  if (how === 'strcontains') return parts.some((p) => typeof p === 'string' && p.includes(wanted)) || unknown();
  const edge = how === 'startswith' ? parts[0] : parts[parts.length - 1];
  if (typeof edge !== 'string') return unknown();
  if (how === 'startswith' ? edge.startsWith(wanted) : edge.endsWith(wanted)) return true;
  // The known text ends (or starts) where an unknown part may go on with the rest of `wanted`.
  return (how === 'startswith' ? wanted.startsWith(edge) : wanted.endsWith(edge)) ? unknown() : false;
}

/** A part of a symbolic value as a template piece. */
function piece(part: string | Hole): unknown {
  return typeof part === 'string' ? part : new SymbolicValue([part]);
}

/**
 * `replace` with a regular expression over text with unknown parts, when the result does not
 * depend on them (`replace(provider_arn, "/^(.*provider/)/", "")` over an ARN whose account only
 * apply knows): each unknown part is marked, the expression applied, and the result must be the
 * same with each part given values of different shapes. The pieces of the result, each unknown
 * part where its mark is; `undefined` when the result depends on them.
 */
function replaceRegexAround(subject: SymbolicValue, pattern: string, replacement: string): unknown[] | undefined {
  const holes = subject.parts.filter((p): p is Hole => typeof p !== 'string');
  if (holes.length > 0x100 || subject.parts.some((p) => typeof p === 'string' && /[\uE000-\uE0FF]/.test(p)))
    return undefined;
  let next = 0;
  const marked = subject.parts.map((p) => (typeof p === 'string' ? p : String.fromCharCode(0xe000 + next++))).join('');
  const result = replaceRegex(marked, pattern, replacement);
  const samples = holes.map((h) => SAMPLES.get(h) ?? PROBES);
  const rounds = Math.max(PROBES.length, ...samples.map((s) => s.length));
  for (let round = 0; round < rounds; round += 1) {
    const probe = (i: number): string => {
      const values = samples[i] ?? PROBES;
      return values[round % values.length] ?? '';
    };
    const expected = result.replace(/[\uE000-\uE0FF]/g, (mark) => probe(mark.charCodeAt(0) - 0xe000));
    let at = 0;
    const actual = replaceRegex(
      subject.parts.map((p) => (typeof p === 'string' ? p : probe(at++))).join(''),
      pattern,
      replacement,
    );
    if (actual !== expected) return undefined;
  }
  return result
    .split(/([\uE000-\uE0FF])/)
    .map((text, i) => (i % 2 === 1 ? new SymbolicValue([holes[text.charCodeAt(0) - 0xe000] as Hole]) : text));
}

/**
 * What a pattern makes of one value only apply knows (the host of an OIDC provider cut from its
 * ARN, `replace(var.provider_arn, "/^(.*provider/)/", "")`): another such value, an input still
 * when the value is one (its id keeps the input's, so rules read it as possibly `*`). Text with
 * known parts (a rendered document) or a value with known candidates is refused: the pattern may
 * run across them.
 */
function replacedWhole(subject: SymbolicValue, search: string, replacement: string): SymbolicValue {
  const [only, ...rest] = subject.parts;
  if (only === undefined || typeof only === 'string' || rest.length > 0 || SAMPLES.has(only))
    throw new UnsupportedHcl('`replace` whose result depends on text known only after apply');
  const call = (text: string): string => `replace(${text}, ${JSON.stringify(search)}, ${JSON.stringify(replacement)})`;
  return new SymbolicValue([{ id: `${only.id}|${call(only.id)}`, source: call(only.source) }]);
}

/** A text with a value written for each of its holes, and where each value lies in it. */
interface Written {
  readonly text: string;
  readonly spans: readonly { readonly start: number; readonly end: number; readonly hole: Hole }[];
}

/** A result made of pieces of a text with holes: pieces, null, or lists and maps of them. */
type Shaped = readonly (string | Hole)[] | null | readonly Shaped[] | { readonly [key: string]: Shaped };

/** A result as pieces only: `piecesOf(x)` is a branch of {@link Shaped} that is one text. */
function isPieces(shape: Shaped): shape is readonly (string | Hole)[] {
  return Array.isArray(shape) && (shape as unknown[]).every((p) => typeof p === 'string' || isHole(p));
}

function isHole(value: unknown): value is Hole {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && 'id' in value && 'source' in value;
}

/** `subject` with `value(hole)` written for each hole. */
function writtenOut(subject: SymbolicValue, value: (hole: Hole) => string): Written {
  let text = '';
  const spans: { start: number; end: number; hole: Hole }[] = [];
  for (const part of subject.parts) {
    if (typeof part === 'string') {
      text += part;
      continue;
    }
    const written = value(part);
    spans.push({ start: text.length, end: text.length + written.length, hole: part });
    text += written;
  }
  return { text, spans };
}

/** The text from `start` to `end` as pieces, each hole whole; `undefined` when the range cuts a hole's value. */
function piecesBetween(written: Written, start: number, end: number): (string | Hole)[] | undefined {
  const pieces: (string | Hole)[] = [];
  let at = start;
  for (const span of written.spans) {
    if (span.end <= start || span.start >= end) continue;
    if (span.start < start || span.end > end) return undefined;
    pieces.push(written.text.slice(at, span.start), span.hole);
    at = span.end;
  }
  pieces.push(written.text.slice(at, end));
  return pieces.filter((p) => p !== '');
}

/** Whether the range from `start` to `end` overlaps a hole's value. */
function overlapsHole(written: Written, start: number, end: number): boolean {
  return written.spans.some((span) => span.start < end && span.end > start);
}

/**
 * What a text function gives over text with holes, when it does not depend on what the holes hold
 * beyond their form: computed once with a value of its form for each hole (`shaped`, its pieces
 * naming the holes), then with every round of other values of those forms (`plain`), each round
 * giving the shaped result with its own values. A hole nothing tells the form of is tried as
 * digits, a word, an ARN and a URL. `undefined` when the result depends on the holes; `failing`
 * when `plain` fails (Terraform's error) for some values, and `anyForm` when a hole has no known form.
 */
function aroundHoles(
  subject: SymbolicValue,
  shaped: (written: Written) => Shaped | undefined,
  plain: (text: string) => unknown,
): { value: Shaped; failing: boolean; anyForm: boolean } | undefined {
  const holes = subject.holes();
  if (holes.length > 0x100) return undefined;
  const samples = new Map(holes.map((h) => [h.id, SAMPLES.get(h) ?? PROBES]));
  const reference = (hole: Hole): string => (samples.get(hole.id) ?? PROBES).find((v) => v !== '') ?? '';
  if (holes.some((h) => reference(h) === '')) return undefined;
  let shape: Shaped | undefined;
  try {
    shape = shaped(writtenOut(subject, reference));
  } catch (error) {
    if (!(error instanceof UnsupportedHcl) || error instanceof UnimplementedHcl) throw error;
    return undefined;
  }
  if (shape === undefined) return undefined;
  const rounds = Math.max(PROBES.length, ...[...samples.values()].map((s) => s.length));
  let failing = false;
  for (let round = 0; round < rounds; round += 1) {
    const value = (hole: Hole): string => {
      const values = samples.get(hole.id) ?? PROBES;
      return values[round % values.length] ?? '';
    };
    let actual: unknown;
    try {
      actual = plain(writtenOut(subject, value).text);
    } catch (error) {
      if (!(error instanceof UnsupportedHcl) || error instanceof UnimplementedHcl) throw error;
      failing = true;
      continue;
    }
    if (JSON.stringify(rendered(shape, value)) !== JSON.stringify(actual)) return undefined;
  }
  return { value: shape, failing, anyForm: holes.some((h) => !SAMPLES.has(h)) };
}

/** A shaped result with `value(hole)` for each hole: what the plain function gives for that text. */
function rendered(shape: Shaped, value: (hole: Hole) => string): unknown {
  if (shape === null) return null;
  if (isPieces(shape)) return shape.map((p) => (typeof p === 'string' ? p : value(p))).join('');
  if (Array.isArray(shape)) return (shape as readonly Shaped[]).map((s) => rendered(s, value));
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(shape as Record<string, Shaped>))
    defineOwn(out, key, rendered(inner, value));
  return out;
}

/** A shaped result as the evaluator's values: text, or text with holes, in the same lists and maps. */
function shapedValue(shape: Shaped, e: Evaluation): unknown {
  if (shape === null) return null;
  if (isPieces(shape)) return e.asTemplate(shape.length === 0 ? [''] : shape.map(piece));
  if (Array.isArray(shape)) return (shape as readonly Shaped[]).map((s) => shapedValue(s, e));
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(shape as Record<string, Shaped>))
    defineOwn(out, key, shapedValue(inner, e));
  return out;
}

/** `split` of a written text, its elements as pieces; `undefined` when a separator is in a hole's value. */
function splitWritten(written: Written, separator: string): Shaped | undefined {
  if (separator === '') return undefined;
  const elements: Shaped[] = [];
  let start = 0;
  for (let at = written.text.indexOf(separator); at >= 0; at = written.text.indexOf(separator, start)) {
    if (overlapsHole(written, at, at + separator.length)) return undefined;
    const element = piecesBetween(written, start, at);
    if (element === undefined) return undefined;
    elements.push(element);
    start = at + separator.length;
  }
  const last = piecesBetween(written, start, written.text.length);
  return last === undefined ? undefined : [...elements, last];
}

/** The same expression, reporting where each group matched. */
function withIndices(expression: RegExp): RegExp {
  return new RegExp(expression.source, `${expression.flags}d`);
}

/** The pieces a group of a match took (null for a group that took no part); `undefined` when it cuts a hole. */
function groupPieces(written: Written, span: readonly [number, number] | undefined): Shaped | undefined {
  return span === undefined ? null : piecesBetween(written, span[0], span[1]);
}

/** `regex` of a written text as {@link regexResult} gives it, each group as pieces. */
function regexWritten(written: Written, expression: RegExp): Shaped | undefined {
  const [match] = matchesOf(withIndices(expression), written.text);
  if (match === undefined) throw new UnsupportedHcl('`regex` whose pattern does not match');
  const indices = match.indices;
  if (indices === undefined) return undefined;
  const groups = match.length - 1;
  const named = match.groups === undefined ? [] : Object.keys(match.groups);
  if (groups === 0) return groupPieces(written, indices[0]);
  if (named.length === 0) {
    const list: Shaped[] = [];
    for (let i = 1; i <= groups; i += 1) {
      const group = groupPieces(written, indices[i]);
      if (group === undefined) return undefined;
      list.push(group);
    }
    return list;
  }
  if (named.length !== groups)
    throw new UnsupportedHcl(`the regular expression \`${expression.source}\` mixes named and unnamed groups`);
  const out: Record<string, Shaped> = {};
  for (const name of named) {
    const group = groupPieces(written, indices.groups?.[name]);
    if (group === undefined) return undefined;
    defineOwn(out, name, group);
  }
  return out;
}

/**
 * `regex(pattern, text)` over text with holes (`regex("^arn:[^:]+:iam::([0-9]+):", caller_arn)[0]`):
 * the groups as the pieces they take when the result does not depend on what the holes hold. A
 * pattern matching some forms of a hole only (a caller that may be a role session, `sts`) is
 * Terraform's error for the others, which deploy nothing; under `try()` or `can()`, where that error
 * is a fallback, or over a hole of any form, only apply tells which.
 */
function regexAround(subject: SymbolicValue, expression: RegExp, e: Evaluation): unknown {
  const found = aroundHoles(
    subject,
    (written) => regexWritten(written, expression),
    (text) => {
      const [match] = matchesOf(expression, text);
      if (match === undefined) throw new UnsupportedHcl('`regex` whose pattern does not match');
      return regexResult(expression, match);
    },
  );
  if (found === undefined || (found.failing && (e.attempting || found.anyForm)))
    throw new UnknownHcl(subject.holes().map((h) => h.source));
  return shapedValue(found.value, e);
}

/** `replace` with a regular expression of a written text, as {@link replaceRegex} does it, as pieces. */
function replacedWritten(written: Written, expression: RegExp, replacement: string): Shaped | undefined {
  const pieces: (string | Hole)[] = [];
  let last = 0;
  for (const match of matchesOf(withIndices(expression), written.text)) {
    const before = piecesBetween(written, last, match.index);
    const expanded = expandedPieces(replacement, match, written);
    if (before === undefined || expanded === undefined) return undefined;
    pieces.push(...before, ...expanded);
    last = match.index + match[0].length;
  }
  const rest = piecesBetween(written, last, written.text.length);
  return rest === undefined ? undefined : [...pieces, ...rest];
}

/** {@link expand} of a replacement, each group it names as the pieces it took. */
function expandedPieces(replacement: string, match: RegExpExecArray, written: Written): (string | Hole)[] | undefined {
  const pieces: (string | Hole)[] = [];
  const token = /\$(?:\$|\{([A-Za-z0-9_]+)\}|([A-Za-z0-9_]+))/g;
  let last = 0;
  for (let found = token.exec(replacement); found !== null; found = token.exec(replacement)) {
    pieces.push(replacement.slice(last, found.index));
    last = found.index + found[0].length;
    if (found[0] === '$$') {
      pieces.push('$');
      continue;
    }
    const name = found[1] ?? found[2] ?? '';
    const span = /^\d+$/.test(name) ? match.indices?.[Number(name)] : match.indices?.groups?.[name];
    if (span === undefined) continue;
    const group = piecesBetween(written, span[0], span[1]);
    if (group === undefined) return undefined;
    pieces.push(...group);
  }
  pieces.push(replacement.slice(last));
  return pieces;
}

/** `replace` of known text: a regular expression in slashes, else every occurrence of the text. */
function replaceText(text: string, args: readonly unknown[], e: Evaluation): unknown {
  const search = e.asText(args[1]);
  if (search.length > 1 && search.startsWith('/') && search.endsWith('/'))
    return replaceRegex(text, search.slice(1, -1), e.asText(args[2]));
  // A replacement known only after apply (a bucket ARN for a placeholder) leaves a hole in the text.
  const pieces = spliced(text, search, args[2]);
  return pieces.length === 1 ? text : e.asTemplate(pieces);
}

/** The pieces of `text` with `replacement` where `search` was: the text alone when it has none. */
function spliced(text: string, search: string, replacement: unknown): unknown[] {
  const pieces: unknown[] = [];
  // Empty text is found before each character and at the end, as Go's `strings.Replace` finds it.
  (search === '' ? ['', ...Array.from(text), ''] : text.split(search)).forEach((piece, i) => {
    if (i > 0)
      pieces.push(
        typeof replacement === 'number' || typeof replacement === 'boolean' ? String(replacement) : replacement,
      );
    pieces.push(piece);
  });
  return pieces;
}

/**
 * `replace` with a regular expression, as Go's `ReplaceAllString` does it: `$1`/`${1}` in the
 * replacement, an empty match right after a match skipped. Only patterns whose meaning JavaScript
 * shares are read (see {@link regexOf}).
 */
function replaceRegex(text: string, pattern: string, replacement: string): string {
  let out = '';
  let last = 0;
  for (const match of matchesOf(regexOf(pattern, 'replace'), text)) {
    out += text.slice(last, match.index) + expand(replacement, match);
    last = match.index + match[0].length;
  }
  return out + text.slice(last);
}

/**
 * Every match of `expression` in `text` as Go's `FindAll` finds them: left to right, without
 * overlap, an empty match right after a match skipped.
 */
function* matchesOf(expression: RegExp, text: string): Generator<RegExpExecArray> {
  expression.lastIndex = 0;
  let previousEnd = -1;
  for (let match = expression.exec(text); match !== null; match = expression.exec(text)) {
    const start = match.index;
    const end = start + match[0].length;
    if (end === start) {
      // An empty match moves on by one character (a code point, as RE2 reads UTF-8).
      expression.lastIndex = start + ((text.codePointAt(start) ?? 0) > 0xffff ? 2 : 1);
      if (start === previousEnd) continue;
    }
    yield match;
    previousEnd = end;
    if (start >= text.length) break;
  }
}

/**
 * `regex(pattern, text)` for one match, as Terraform gives it: the matched text when the pattern has
 * no capture group, the list of its unnamed groups, or the map of its named groups (a group that
 * took no part is null); a pattern mixing named and unnamed groups is Terraform's error.
 */
function regexResult(expression: RegExp, match: RegExpExecArray): unknown {
  const groups = match.length - 1;
  const named = match.groups === undefined ? [] : Object.keys(match.groups);
  if (groups === 0) return match[0];
  if (named.length === 0) return match.slice(1).map((g) => g ?? null);
  if (named.length !== groups)
    throw new UnsupportedHcl(`the regular expression \`${expression.source}\` mixes named and unnamed groups`);
  const out: Record<string, unknown> = {};
  for (const name of named) defineOwn(out, name, match.groups?.[name] ?? null);
  return out;
}

/**
 * RE2 syntax (what Terraform's `regex`, `regexall` and `replace` read) as a JavaScript expression
 * with RE2's meaning, or unsupported: leading `(?i)` / `(?s)` flags, `(?P<name>...)` and
 * `(?<name>...)` groups, `\A` and `\z` are translated; other flags, POSIX and Unicode classes and
 * `\Q` are refused rather than guessed.
 */
function regexOf(pattern: string, what: string): RegExp {
  let flags = 'gu';
  let source = pattern;
  let dotAll = false;
  const leading = /^\(\?([is]+)\)/.exec(source);
  if (leading !== null) {
    if (leading[1]?.includes('i') === true) flags += 'i';
    dotAll = leading[1]?.includes('s') === true;
    source = source.slice(leading[0].length);
  }
  let out = '';
  let inClass = false;
  for (let i = 0; i < source.length; i += 1) {
    const c = source.charAt(i);
    if (c === '\\') {
      const next = source.charAt(i + 1);
      i += 1;
      // `\s` is `[\t\n\f\r ]` in RE2, wider in JavaScript.
      if (next === 's') out += inClass ? '\\t\\n\\f\\r ' : '[\\t\\n\\f\\r ]';
      else if (next === 'S' && !inClass) out += '[^\\t\\n\\f\\r ]';
      // Escaped `-` and `/` are themselves; outside a class JavaScript's `u` flag refuses the escape.
      else if ((next === '-' || next === '/') && !inClass) out += next;
      // The start and end of the text: JavaScript's `^` and `$` without the `m` flag.
      else if (next === 'A' && !inClass) out += '^';
      else if (next === 'z' && !inClass) out += '$';
      else if (/[dDwWbB.*+?^$|()[\]{}\\/\-tnrf]/.test(next) && next !== '') out += `\\${next}`;
      else if (next === 'p' || next === 'P') {
        // A Unicode general category (`\pL`, `\p{Lu}`), which both engines read alike; scripts differ.
        const category = /^(?:\{([A-Z][a-z]?)\}|([A-Z]))/.exec(source.slice(i + 1));
        if (category === null)
          throw new UnimplementedHcl(`\`${what}\` with a Unicode class JavaScript names otherwise`);
        out += `\\${next}{${category[1] ?? category[2] ?? ''}}`;
        i += category[0].length;
      } else throw new UnimplementedHcl(`\`${what}\` with the regular expression escape \`\\${next}\``);
    } else if (inClass) {
      const posix = c === '[' ? /^\[:(\^?)([a-z]+):\]/.exec(source.slice(i)) : null;
      if (posix !== null) {
        const members = POSIX_CLASSES[posix[2] ?? ''];
        if (members === undefined || posix[1] === '^')
          throw new UnimplementedHcl(`\`${what}\` with the POSIX class \`${posix[0]}\``);
        out += members;
        i += posix[0].length - 1;
        continue;
      }
      if (c === ']') inClass = false;
      out += c;
    } else if (c === '[') {
      inClass = true;
      out += c;
      // A `]` first in a class is a character in RE2, the end of an empty class in JavaScript.
      if (source.charAt(i + 1) === '^') {
        out += '^';
        i += 1;
      }
      if (source.charAt(i + 1) === ']') {
        out += '\\]';
        i += 1;
      }
    } else if (c === '(' && source.charAt(i + 1) === '?') {
      const group = /^\(\?P?<([A-Za-z_]\w*)>/.exec(source.slice(i));
      if (group !== null) {
        out += `(?<${group[1] ?? ''}>`;
        i += group[0].length - 1;
      } else if (source.charAt(i + 2) === ':') out += c;
      else throw new UnsupportedHcl(`\`${what}\` with a regular expression group flag`);
    } else if (c === '.') {
      // RE2's `.` stops only at `\n` (or nowhere with `s`); JavaScript's at `\r` and line separators too.
      out += dotAll ? '[^]' : '[^\\n]';
    } else out += c;
  }
  try {
    return new RegExp(out, flags);
  } catch {
    // RE2 may read what JavaScript refuses: not guessed as Terraform's error.
    throw new UnimplementedHcl(`\`${what}\` with a regular expression JavaScript does not read alike`);
  }
}

/** RE2's ASCII classes (`[[:alpha:]]`) as the members of a JavaScript class. */
const POSIX_CLASSES: Readonly<Record<string, string>> = {
  alnum: '0-9A-Za-z',
  alpha: 'A-Za-z',
  ascii: '\\x00-\\x7F',
  blank: '\\t ',
  cntrl: '\\x00-\\x1F\\x7F',
  digit: '0-9',
  graph: '!-~',
  lower: 'a-z',
  print: ' -~',
  punct: '!-\\/:-@\\[-`{-~',
  space: '\\t\\n\\v\\f\\r ',
  upper: 'A-Z',
  word: '0-9A-Za-z_',
  xdigit: '0-9A-Fa-f',
};

/** Go's template expansion: `$$`, `$1`, `${1}`, `${name}`; a name that is no group (`$1x`) is empty. */
function expand(replacement: string, match: RegExpExecArray): string {
  return replacement.replace(
    /\$(?:\$|\{([A-Za-z0-9_]+)\}|([A-Za-z0-9_]+))/g,
    (whole, braced?: string, bare?: string) => {
      if (whole === '$$') return '$';
      const name = braced ?? bare ?? '';
      if (!/^\d+$/.test(name)) return match.groups?.[name] ?? '';
      return match[Number(name)] ?? '';
    },
  );
}

/**
 * The fields of an ARN (partition, service, region, account, resource), each text or symbolic: the
 * first five colons must be in its known text (a value known only after apply fills a field, it
 * never holds a colon), as the provider's `arn_parse` requires.
 */
function arnFields(value: unknown, what: string): unknown[] {
  const parts = typeof value === 'string' ? [value] : value instanceof SymbolicValue ? value.parts : undefined;
  if (parts === undefined || typeof parts[0] !== 'string' || !parts[0].startsWith('arn:'))
    throw new UnsupportedHcl(`\`${what}\` of a value that is not an ARN known up to its resource`);
  const fields: (typeof parts)[number][][] = [[]];
  for (const part of parts) {
    if (typeof part !== 'string' || fields.length === 6) {
      fields[fields.length - 1]?.push(part);
      continue;
    }
    let rest = part;
    for (let at = rest.indexOf(':'); at >= 0 && fields.length < 6; at = rest.indexOf(':')) {
      fields[fields.length - 1]?.push(rest.slice(0, at));
      fields.push([]);
      rest = rest.slice(at + 1);
    }
    fields[fields.length - 1]?.push(rest);
  }
  if (fields.length < 6) throw new UnsupportedHcl(`\`${what}\` of a value that is not an ARN`);
  return fields.slice(1).map((field) => {
    const joined = new SymbolicValue(field);
    return joined.parts.every((p) => typeof p === 'string') ? joined.parts.join('') : joined;
  });
}
