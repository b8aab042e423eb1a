/**
 * The values a CloudFormation expression resolves to before deploy: plain JSON, strings with holes
 * (`SymbolicValue`), a choice between two branches (`Fn::If` on a condition not known before
 * deploy), a list known only after deploy, or nothing (`AWS::NoValue`).
 */
import { SymbolicValue } from '@iamgate/core';
import type { ChoiceSide, Hole, PolicyValue } from '@iamgate/core';

/** `Fn::If` whose condition is unknown before deploy: either branch may be the value. */
export class Branches {
  constructor(
    readonly condition: string,
    readonly whenTrue: Resolved,
    readonly whenFalse: Resolved,
    /**
     * What each side takes, for a choice that is not a named condition (`\`Stage\`` is `\`dev\``);
     * none for a side that a choice below it names.
     */
    readonly sides?: readonly [readonly ChoiceSide[], readonly ChoiceSide[] | undefined],
  ) {}

  /** What the side `truth` of the choice takes: the named condition `IsPublic` true, or its `sides`. */
  side(truth: boolean): readonly ChoiceSide[] | undefined {
    if (this.sides !== undefined) return this.sides[truth ? 0 : 1];
    const name = /:condition:([^:]+)$/.exec(this.condition)?.[1] ?? this.condition;
    return [{ condition: name, holds: truth }];
  }
}

/** A list whose elements are known only after deploy (`Fn::GetAZs`, a list parameter, ...). */
export class UnknownList {
  constructor(readonly hole: Hole) {}
}

/** `Ref: AWS::NoValue`: the property or list element is removed. */
export const NO_VALUE: unique symbol = Symbol('AWS::NoValue');

/** A resolved expression. Arrays and objects may contain any of these at any depth. */
export type Resolved =
  | string
  | number
  | boolean
  | null
  | SymbolicValue
  | Branches
  | UnknownList
  | typeof NO_VALUE
  | readonly Resolved[]
  | { readonly [key: string]: Resolved };

/** A string-valued part: text or text with holes. */
export type Text = PolicyValue;

/** Concatenates texts, merging literals; the result is a plain string when it has no hole. */
export function concat(parts: readonly Text[]): Text {
  if (parts.every((p): p is string => typeof p === 'string')) return parts.join('');
  const value = new SymbolicValue(parts.flatMap((p) => (typeof p === 'string' ? [p] : p.parts)));
  return value.parts.length === 1 && typeof value.parts[0] === 'string' ? value.parts[0] : value;
}

/** A text made of one hole. */
export function holeText(hole: Hole): SymbolicValue {
  return new SymbolicValue([hole]);
}

/** The value as text when it is a scalar or a symbolic string; `undefined` otherwise. */
export function asText(value: Resolved): Text | undefined {
  if (typeof value === 'string' || value instanceof SymbolicValue) return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

/** True for a plain JSON object (not an array, not one of the classes above). */
/** `table[key]` for a key of the template (a resource type, an attribute): only own entries, never `constructor`. */
export function ownEntry<T>(table: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Object.getPrototypeOf(value) === Object.prototype
  );
}

/**
 * The condition and branches of a well-formed `{"Fn::If": [condition, whenTrue, whenFalse]}`;
 * undefined for any other value (a malformed `Fn::If` is an input error, see check-references.ts).
 */
export function ifArguments(raw: unknown): readonly [string, unknown, unknown] | undefined {
  if (!isRecord(raw) || Object.keys(raw).length !== 1) return undefined;
  const args = raw['Fn::If'];
  if (!Array.isArray(args) || args.length !== 3 || typeof args[0] !== 'string') return undefined;
  return [args[0], args[1], args[2]];
}

/** True for `{"Ref": "AWS::NoValue"}`: the property, or list item, is not written. */
export function isNoValueRef(raw: unknown): boolean {
  return isRecord(raw) && Object.keys(raw).length === 1 && raw['Ref'] === 'AWS::NoValue';
}

/** Does the value contain a `Branches` anywhere? */
export function hasBranches(value: Resolved): boolean {
  if (value instanceof Branches) return true;
  if (Array.isArray(value)) return (value as readonly Resolved[]).some(hasBranches);
  if (isRecord(value)) return Object.values(value as Record<string, Resolved>).some(hasBranches);
  return false;
}

/**
 * Every concrete alternative of a value containing branches (cartesian product), at most `limit`;
 * `NO_VALUE` elements and keys are dropped.
 */
export function alternatives(value: Resolved, limit = 32): Resolved[] {
  if (value instanceof Branches) {
    return [...alternatives(value.whenTrue, limit), ...alternatives(value.whenFalse, limit)].slice(0, limit);
  }
  if (Array.isArray(value)) {
    let acc: Resolved[][] = [[]];
    for (const element of value as readonly Resolved[]) {
      const options = alternatives(element, limit);
      const next: Resolved[][] = [];
      for (const prefix of acc) {
        for (const option of options) {
          if (next.length >= limit) break;
          next.push(option === NO_VALUE ? prefix : [...prefix, option]);
        }
      }
      acc = next;
    }
    return acc;
  }
  if (isRecord(value)) {
    let acc: Record<string, Resolved>[] = [{}];
    for (const [key, element] of Object.entries(value as Record<string, Resolved>)) {
      const options = alternatives(element, limit);
      const next: Record<string, Resolved>[] = [];
      for (const prefix of acc) {
        for (const option of options) {
          if (next.length >= limit) break;
          next.push(option === NO_VALUE ? prefix : { ...prefix, [key]: option });
        }
      }
      acc = next;
    }
    return acc;
  }
  return [value];
}

/**
 * The value as it goes into a policy document: holes stay `SymbolicValue`s, a list known only after
 * deploy becomes one symbolic element, `NO_VALUE` is dropped. Branches must be expanded first.
 */
export function toPolicyJson(value: Resolved): unknown {
  if (value === NO_VALUE) return undefined;
  if (value instanceof UnknownList) return holeText(value.hole);
  if (value instanceof Branches) return toPolicyJson(value.whenTrue);
  if (Array.isArray(value)) {
    return (value as readonly Resolved[]).filter((v) => v !== NO_VALUE).map(toPolicyJson);
  }
  if (isRecord(value)) {
    const out: Record<string, unknown> = {};
    for (const [key, element] of Object.entries(value as Record<string, Resolved>)) {
      if (element !== NO_VALUE) out[key] = toPolicyJson(element);
    }
    return out;
  }
  return value;
}

/** The names of the conditions the branches of a value depend on. */
function conditionsOf(value: Resolved, into: Set<string>): Set<string> {
  if (value instanceof Branches) {
    into.add(value.condition);
    conditionsOf(value.whenTrue, into);
    conditionsOf(value.whenFalse, into);
  } else if (Array.isArray(value)) for (const v of value as readonly Resolved[]) conditionsOf(v, into);
  else if (isRecord(value)) for (const v of Object.values(value as Record<string, Resolved>)) conditionsOf(v, into);
  return into;
}

/**
 * The value for one truth assignment of its conditions: each branch taken as the condition says,
 * the side of each condition met recorded in `taken`.
 */
function assign(
  value: Resolved,
  truth: ReadonlyMap<string, boolean>,
  taken: Map<string, readonly ChoiceSide[]>,
): Resolved {
  if (value instanceof Branches) {
    const side = truth.get(value.condition) !== false;
    const sides = value.side(side);
    if (sides !== undefined) taken.set(value.condition, sides);
    return assign(side ? value.whenTrue : value.whenFalse, truth, taken);
  }
  if (Array.isArray(value)) return (value as readonly Resolved[]).map((v) => assign(v, truth, taken));
  if (isRecord(value)) {
    const out: Record<string, Resolved> = {};
    for (const [key, element] of Object.entries(value as Record<string, Resolved>))
      out[key] = assign(element, truth, taken);
    return out;
  }
  return value;
}

/** Conditions above this count are combined freely (`alternatives`) rather than assignment by assignment. */
const MAX_CORRELATED_CONDITIONS = 8;

/** How many values `deployChoices` gives at most: a value that may deploy more ways is `tooManyChoices`. */
export const MAX_DEPLOY_CHOICES = 256;

/**
 * True when `deployChoices` cannot give every value a deploy may produce (more than
 * `MAX_DEPLOY_CHOICES`, from `Fn::If`s on many conditions in one value): what it leaves out
 * goes unchecked, so the caller says so.
 */
export function tooManyChoices(value: Resolved): boolean {
  return conditionsOf(value, new Set()).size > MAX_CORRELATED_CONDITIONS && freeCount(value) > MAX_DEPLOY_CHOICES;
}

/** How many values `alternatives` makes of a value (each `Fn::If` free), counted up to past `MAX_DEPLOY_CHOICES`. */
function freeCount(value: Resolved): number {
  if (value instanceof Branches) return freeCount(value.whenTrue) + freeCount(value.whenFalse);
  let product = 1;
  if (Array.isArray(value) || isRecord(value))
    for (const element of Object.values(value as Record<string, Resolved>)) {
      product *= freeCount(element);
      if (product > MAX_DEPLOY_CHOICES) return product;
    }
  return product;
}

/** A concrete value a deploy may produce, and the side it takes of each condition it depends on. */
export interface ChoiceOfValue {
  readonly value: Resolved;
  /**
   * Condition -> the side it takes, for the conditions the value takes a side of (however many: a
   * finding says the choices only when the sides would outgrow it).
   */
  readonly taken: ReadonlyMap<string, readonly ChoiceSide[]>;
}

/**
 * The concrete values a deploy may produce, each with the sides it takes: one per truth
 * assignment of the conditions, so that two `Fn::If` on the same condition always take the same
 * side; `NO_VALUE` elements and keys dropped.
 */
export function deployChoices(value: Resolved): ChoiceOfValue[] {
  const conditions = [...conditionsOf(value, new Set())];
  // Few values from many conditions (a mapping entry chosen among many): each is made.
  if (conditions.length === 0 || (conditions.length > MAX_CORRELATED_CONDITIONS && !tooManyChoices(value)))
    return alternatives(value, MAX_DEPLOY_CHOICES).map((v) => ({ value: v, taken: new Map() }));
  const out: ChoiceOfValue[] = [];
  // Past `MAX_CORRELATED_CONDITIONS`, the first assignments only (`tooManyChoices` says so): the
  // conditions past the eighth stay true, and two `Fn::If` on one condition still agree.
  const assignments = 1 << Math.min(conditions.length, MAX_CORRELATED_CONDITIONS);
  for (let mask = 0; mask < assignments; mask++) {
    const truth = new Map(conditions.map((c, i) => [c, (mask & (1 << i)) === 0] as const));
    const taken = new Map<string, readonly ChoiceSide[]>();
    for (const v of alternatives(assign(value, truth, taken))) out.push({ value: v, taken });
  }
  return out;
}
