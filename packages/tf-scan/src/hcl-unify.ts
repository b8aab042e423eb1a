/**
 * The one type Terraform converts several values to where a single type is needed (the elements
 * of `tolist`, `toset` and `tomap`, the two results of a conditional), and the values converted to
 * it: `tolist([{ a = 1 }, { a = "x" }])` is `[{ a = "1" }, { a = "x" }]`, `tomap({ a = [1], b = ["x"] })`
 * is `{ a = ["1"], b = ["x"] }`. Values are the evaluator's (JSON data, text known only after
 * apply); their types are read from their shape, as Terraform infers them from literals.
 */
import { SymbolicValue, defineOwn } from '@iamgate/core';
import { UnimplementedHcl, UnsupportedHcl } from './hcl-expression';

/** The type of a value, or of the values unified: what conversion makes of each part. */
type Shape =
  | { readonly kind: 'string' | 'number' | 'bool' }
  /** `null`, whose type is any (Terraform's dynamic pseudo-type). */
  | { readonly kind: 'null' }
  /** A value whose type only apply knows: left as it is, it constrains nothing. */
  | { readonly kind: 'open' }
  | { readonly kind: 'tuple'; readonly items: readonly Shape[] }
  | { readonly kind: 'object'; readonly attributes: ReadonlyMap<string, Shape> }
  | { readonly kind: 'list' | 'map'; readonly element: Shape };

const STRING: Shape = { kind: 'string' };
const OPEN: Shape = { kind: 'open' };

/** Deep nesting of hostile input stops here. */
const MAX_DEPTH = 200;

/** The shape of a value: arrays are tuples and plain objects are objects, as literals are. */
function shapeOf(value: unknown, depth = 0): Shape {
  if (depth > MAX_DEPTH) throw new UnimplementedHcl('a value nested too deeply to convert');
  if (value === null) return { kind: 'null' };
  if (typeof value === 'string' || value instanceof SymbolicValue) return STRING;
  if (typeof value === 'number') return { kind: 'number' };
  if (typeof value === 'boolean') return { kind: 'bool' };
  if (Array.isArray(value)) return { kind: 'tuple', items: value.map((item: unknown) => shapeOf(item, depth + 1)) };
  if (isPlainObject(value))
    return {
      kind: 'object',
      attributes: new Map(Object.entries(value).map(([k, v]) => [k, shapeOf(v, depth + 1)])),
    };
  return OPEN;
}

/**
 * The type Terraform unifies shapes to, as its type unification does: equal types are that type;
 * primitives of more than one type are text, numbers beside booleans none; objects with the same
 * attributes unify attribute by attribute, others become a map of one element type; tuples of one
 * length unify element by element, others become a list. `undefined` when no type holds them all
 * (Terraform's error); `null` and values only apply knows constrain nothing.
 */
function unifiedShape(shapes: readonly Shape[], depth = 0): Shape | undefined {
  if (depth > MAX_DEPTH) throw new UnimplementedHcl('a value nested too deeply to convert');
  const present = shapes.filter((s) => s.kind !== 'null' && s.kind !== 'open');
  if (present.length === 0) return shapes.find((s) => s.kind === 'null') ?? OPEN;
  const structural = present.filter((s) => !isPrimitive(s));
  if (structural.length === 0) {
    const kinds = new Set(present.map((s) => s.kind));
    if (kinds.size === 1) return present[0];
    // Which of them converts depends on the type of the value only apply knows.
    if (shapes.some((s) => s.kind === 'open'))
      throw new UnimplementedHcl('primitives of different types beside a value only apply knows');
    return kinds.has('string') ? STRING : undefined;
  }
  if (structural.length < present.length) return undefined;
  if (shapes.some((s) => s.kind === 'null')) throw new NullBesideCollections();
  if (structural.every((s) => s.kind === 'object' || s.kind === 'map')) return unifiedObjects(structural, depth);
  if (structural.every((s) => s.kind === 'tuple' || s.kind === 'list')) return unifiedTuples(structural, depth);
  return undefined;
}

function unifiedObjects(shapes: readonly Shape[], depth: number): Shape | undefined {
  const objects = shapes.flatMap((s) => (s.kind === 'object' ? [s] : []));
  const [first] = objects;
  if (first !== undefined && objects.length === shapes.length) {
    const names = [...first.attributes.keys()].sort();
    const same = objects.every((o) => sameNames([...o.attributes.keys()].sort(), names));
    if (same) {
      const attributes = new Map<string, Shape>();
      for (const name of names) {
        const unified = unifiedShape(
          objects.map((o) => o.attributes.get(name) ?? OPEN),
          depth + 1,
        );
        if (unified === undefined) return undefined;
        attributes.set(name, unified);
      }
      return { kind: 'object', attributes };
    }
  }
  const element = unifiedShape(
    shapes.flatMap((s) => (s.kind === 'object' ? [...s.attributes.values()] : s.kind === 'map' ? [s.element] : [])),
    depth + 1,
  );
  return element === undefined ? undefined : { kind: 'map', element };
}

function unifiedTuples(shapes: readonly Shape[], depth: number): Shape | undefined {
  const tuples = shapes.flatMap((s) => (s.kind === 'tuple' ? [s] : []));
  const [first] = tuples;
  if (
    first !== undefined &&
    tuples.length === shapes.length &&
    tuples.every((t) => t.items.length === first.items.length)
  ) {
    const items: Shape[] = [];
    for (let i = 0; i < first.items.length; i += 1) {
      const unified = unifiedShape(
        tuples.map((t) => t.items[i] ?? OPEN),
        depth + 1,
      );
      if (unified === undefined) break;
      items.push(unified);
    }
    if (items.length === first.items.length) return { kind: 'tuple', items };
  }
  const element = unifiedShape(
    shapes.flatMap((s) => (s.kind === 'tuple' ? s.items : s.kind === 'list' ? [s.element] : [])),
    depth + 1,
  );
  return element === undefined ? undefined : { kind: 'list', element };
}

/**
 * A value converted to a unified shape: numbers and booleans become text where the shape is text
 * (`text` writes them as Terraform does), collections convert each element; null and values only
 * apply knows stay as they are.
 */
function converted(value: unknown, shape: Shape, text: (value: number | boolean) => string, depth = 0): unknown {
  if (depth > MAX_DEPTH) throw new UnimplementedHcl('a value nested too deeply to convert');
  if (value === null) return value;
  switch (shape.kind) {
    case 'string':
      return typeof value === 'number' || typeof value === 'boolean' ? text(value) : value;
    case 'tuple':
      return Array.isArray(value)
        ? value.map((item: unknown, i) => converted(item, shape.items[i] ?? OPEN, text, depth + 1))
        : value;
    case 'list':
      return Array.isArray(value)
        ? value.map((item: unknown) => converted(item, shape.element, text, depth + 1))
        : value;
    case 'object':
    case 'map': {
      if (!isPlainObject(value)) return value;
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) {
        const inner = 'element' in shape ? shape.element : (shape.attributes.get(k) ?? OPEN);
        defineOwn(out, k, converted(v, inner, text, depth + 1));
      }
      return out;
    }
    default:
      return value;
  }
}

/**
 * Values converted to the one type Terraform unifies them to, as the elements of a list or map or
 * the results of a conditional; throws `UnsupportedHcl` (Terraform's error) where none holds them all.
 */
export function unifiedValues(
  values: readonly unknown[],
  into: 'list' | 'map' | 'conditional',
  text: (value: number | boolean) => string,
): unknown[] {
  const shapes = values.map((v) => shapeOf(v));
  let shape: Shape | undefined;
  try {
    shape = unifiedShape(shapes);
  } catch (error) {
    if (!(error instanceof NullBesideCollections)) throw error;
    // A map holds null beside values of one type; a list never holds null beside collections.
    const present = [...new Set(shapes.filter((s) => s.kind !== 'null').map(shapeKey))];
    if (into === 'map' && present.length === 1) return [...values];
    if (into === 'conditional')
      throw new UnimplementedHcl('a conditional with null beside collections, which Terraform converts its own way');
    throw new UnsupportedHcl(`a ${into} of null beside collections, which no one type holds`);
  }
  if (shape === undefined) throw new UnsupportedHcl(`a ${into} of values that no one type holds`);
  return values.map((v) => converted(v, shape, text));
}

/** Null beside collections, which Terraform's unification gives up on (an error in most places). */
class NullBesideCollections extends Error {}

/** A text naming a shape, equal for equal shapes. */
function shapeKey(shape: Shape): string {
  switch (shape.kind) {
    case 'tuple':
      return `[${shape.items.map(shapeKey).join(',')}]`;
    case 'object':
      return `{${[...shape.attributes.keys()]
        .sort()
        .map((k) => `${JSON.stringify(k)}:${shapeKey(shape.attributes.get(k) ?? OPEN)}`)
        .join(',')}}`;
    case 'list':
    case 'map':
      return `${shape.kind}(${shapeKey(shape.element)})`;
    default:
      return shape.kind;
  }
}

function isPrimitive(shape: Shape): boolean {
  return shape.kind === 'string' || shape.kind === 'number' || shape.kind === 'bool';
}

function sameNames(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((name, i) => name === b[i]);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype;
}
