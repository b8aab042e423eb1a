/**
 * Type constraints of variables as Terraform applies them to the value a module is given, for
 * the plan-less reading (hcl-config.ts) and for the resolver reading a caller's `module` block.
 */
import { defineOwn } from '@iamgate/core';
import { evaluateHcl, primitiveText, toSet } from './hcl-eval';
import { UnsupportedHcl } from './hcl-expression';
import type { HclNode } from './hcl-expression';
import { unifiedValues } from './hcl-unify';

/**
 * A value converted to a type constraint, or why Terraform refuses it (`list of string required`,
 * `attribute "name" is required`), the path to the part refused before it (`element 1: ...`).
 */
export type Conversion =
  { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly issue: string };

/**
 * A value converted to a type constraint as Terraform converts the value a variable is given
 * (cty's conversion): primitives to the primitive declared when their text reads as one (`"3"` for
 * `number`, `"true"` or `"1"` for `bool`, a number or boolean for `string`), collections element by
 * element, objects to their declared attributes (a required one missing is refused, one left out or
 * null takes its `optional(type, default)`), and what does not convert is Terraform's error. A part
 * this reader cannot judge (a value only apply knows, a number beyond 2^53, a type it does not know)
 * is left as it is.
 */
export function convertToType(value: unknown, type: HclNode, depth = 0): Conversion {
  // A value only apply knows converts to anything; the known parts around it are converted still.
  if (value === null || value === undefined || depth > 50 || !isDataShape(value)) return { ok: true, value };
  if (type.kind === 'reference') return convertPrimitive(value, type.text);
  if (type.kind !== 'call') return { ok: true, value };
  const [inner] = type.args;
  if (inner === undefined) return { ok: true, value };
  const element = `${type.name === 'map' ? 'map' : type.name === 'set' ? 'set' : 'list'} of ${typeName(inner)} required`;
  switch (type.name) {
    case 'list':
    case 'set': {
      if (!Array.isArray(value)) return { ok: false, issue: element };
      const items = convertEach(value as unknown[], inner, depth, (i) => `element ${String(i)}`);
      if (!items.ok) return items;
      const unified = isAny(inner) ? unify(items.value as unknown[], 'list') : items;
      if (!unified.ok || type.name === 'list') return unified;
      return { ok: true, value: toSet(unified.value as unknown[]) };
    }
    case 'map': {
      if (!isPlainObject(value)) return { ok: false, issue: element };
      const keys = Object.keys(value);
      const items = convertEach(
        keys.map((k) => value[k]),
        inner,
        depth,
        (i) => `element ${JSON.stringify(keys[i] ?? '')}`,
      );
      if (!items.ok) return items;
      const unified = isAny(inner) ? unify(items.value as unknown[], 'map') : items;
      if (!unified.ok) return unified;
      const out: Record<string, unknown> = {};
      keys.forEach((k, i) => {
        defineOwn(out, k, (unified.value as unknown[])[i]);
      });
      return { ok: true, value: out };
    }
    case 'tuple': {
      if (inner.kind !== 'tuple') return { ok: true, value };
      if (!Array.isArray(value) || value.length !== inner.items.length)
        return { ok: false, issue: `tuple of ${String(inner.items.length)} elements required` };
      const out: unknown[] = [];
      for (const [i, item] of (value as unknown[]).entries()) {
        const itemType = inner.items[i];
        const converted =
          itemType === undefined ? { ok: true as const, value: item } : convertToType(item, itemType, depth + 1);
        if (!converted.ok) return { ok: false, issue: `element ${String(i)}: ${converted.issue}` };
        out.push(converted.value);
      }
      return { ok: true, value: out };
    }
    case 'object': {
      if (inner.kind !== 'object') return { ok: true, value };
      if (!isPlainObject(value)) return { ok: false, issue: 'object required' };
      const out: Record<string, unknown> = {};
      for (const [key, attributeType] of inner.entries) {
        if (typeof key !== 'string') return { ok: true, value };
        const optional = attributeType.kind === 'call' && attributeType.name === 'optional';
        const declared = optional ? attributeType.args[0] : attributeType;
        if (declared === undefined) return { ok: true, value };
        const given = Object.prototype.hasOwnProperty.call(value, key);
        if (!given && !optional) return { ok: false, issue: `attribute ${JSON.stringify(key)} is required` };
        const fallback = optional ? attributeType.args[1] : undefined;
        const attribute =
          given && value[key] !== null ? value[key] : fallback === undefined || !optional ? null : literalOf(fallback);
        const converted = convertToType(attribute, declared, depth + 1);
        if (!converted.ok) return { ok: false, issue: `attribute ${JSON.stringify(key)}: ${converted.issue}` };
        defineOwn(out, key, converted.value);
      }
      return { ok: true, value: out };
    }
    default:
      return { ok: true, value };
  }
}

function convertEach(items: readonly unknown[], type: HclNode, depth: number, name: (i: number) => string): Conversion {
  const out: unknown[] = [];
  for (const [i, item] of items.entries()) {
    const converted = convertToType(item, type, depth + 1);
    if (!converted.ok) return { ok: false, issue: `${name(i)}: ${converted.issue}` };
    out.push(converted.value);
  }
  return { ok: true, value: out };
}

/** Elements of `list(any)` or `map(any)` converted to the one type Terraform unifies them to. */
function unify(items: readonly unknown[], into: 'list' | 'map'): Conversion {
  try {
    return { ok: true, value: unifiedValues(items, into, primitiveText) };
  } catch (error) {
    if (!(error instanceof UnsupportedHcl)) throw error;
    // Terraform's words for elements of no one type.
    return error.constructor === UnsupportedHcl
      ? { ok: false, issue: `all ${into} elements must have the same type` }
      : { ok: true, value: items };
  }
}

function convertPrimitive(value: unknown, type: string): Conversion {
  const required = {
    ok: false as const,
    issue: `${type === 'bool' ? 'a bool' : type === 'number' ? 'a number' : type} is required`,
  };
  switch (type) {
    case 'string':
      if (typeof value === 'string') return { ok: true, value };
      if (typeof value !== 'number' && typeof value !== 'boolean') return { ok: false, issue: 'string required' };
      try {
        return { ok: true, value: primitiveText(value) };
      } catch (error) {
        if (error instanceof UnsupportedHcl) return { ok: true, value };
        throw error;
      }
    case 'number': {
      if (typeof value === 'number') return { ok: true, value };
      if (typeof value !== 'string') return required;
      // Terraform reads decimal text only: no spaces, no `0x`, no `_`.
      if (!/^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/.test(value)) return required;
      const number = Number(value);
      // Digits a double does not hold are left as text, not guessed.
      const digits = value
        .replace(/[eE].*$/, '')
        .replace(/\D/g, '')
        .replace(/^0+/, '')
        .replace(/0+$/, '');
      return { ok: true, value: Number.isSafeInteger(number) || digits.length <= 15 ? number : value };
    }
    case 'bool':
      if (typeof value === 'boolean') return { ok: true, value };
      if (value === 'true' || value === '1') return { ok: true, value: true };
      if (value === 'false' || value === '0') return { ok: true, value: false };
      return required;
    default:
      return { ok: true, value };
  }
}

/** A type constraint as Terraform names it in its message (`list of string`, `object`). */
function typeName(type: HclNode): string {
  if (type.kind === 'reference') return type.text;
  if (type.kind !== 'call') return 'value';
  const [inner] = type.args;
  if (type.name === 'object' || type.name === 'tuple' || inner === undefined) return type.name;
  return `${type.name} of ${typeName(inner)}`;
}

function isAny(type: HclNode): boolean {
  return type.kind === 'reference' && type.text === 'any';
}

/** Plain data (text, numbers, booleans, lists and objects of them): what a conversion can judge. */
/** Whether a value is text, a number, a boolean, a list or an object, whatever its parts are. */
function isDataShape(value: unknown): boolean {
  return ['string', 'number', 'boolean'].includes(typeof value) || Array.isArray(value) || isPlainObject(value);
}

/**
 * A value converted to a type constraint the way Terraform converts a variable: an object type
 * keeps its declared attributes only, and one the value lacks is `null`, or the default of its
 * `optional(type, default)`. Collections convert each element, and primitives convert to the
 * primitive type declared (a number given for `string` is text). What is not of the declared shape
 * (Terraform would refuse it) and types this reader does not know are left as they are.
 */
export function conformToType(value: unknown, type: HclNode, depth: number): unknown {
  if (value === null || value === undefined || depth > 50) return value;
  if (type.kind === 'reference') return primitiveOf(value, type.text);
  if (type.kind !== 'call') return value;
  const [inner] = type.args;
  if (inner === undefined) return value;
  switch (type.name) {
    case 'list':
    case 'set':
      return Array.isArray(value) ? (value as unknown[]).map((item) => conformToType(item, inner, depth + 1)) : value;
    case 'map':
      return isPlainObject(value)
        ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, conformToType(v, inner, depth + 1)]))
        : value;
    case 'tuple':
      return Array.isArray(value) && inner.kind === 'tuple'
        ? (value as unknown[]).map((item, i) => {
            const itemType = inner.items[i];
            return itemType === undefined ? item : conformToType(item, itemType, depth + 1);
          })
        : value;
    case 'object': {
      if (!isPlainObject(value) || inner.kind !== 'object') return value;
      const out: Record<string, unknown> = {};
      for (const [key, attributeType] of inner.entries) {
        if (typeof key !== 'string') return value;
        const optional = attributeType.kind === 'call' && attributeType.name === 'optional';
        const declared = optional ? attributeType.args[0] : attributeType;
        if (declared === undefined) return value;
        if (Object.prototype.hasOwnProperty.call(value, key) && value[key] !== null) {
          defineOwn(out, key, conformToType(value[key], declared, depth + 1));
          continue;
        }
        // A required attribute missing is Terraform's error: the value is left for the reader to find it missing.
        if (!optional && !Object.prototype.hasOwnProperty.call(value, key)) continue;
        const fallback = optional ? attributeType.args[1] : undefined;
        defineOwn(out, key, fallback === undefined ? null : conformToType(literalOf(fallback), declared, depth + 1));
      }
      return out;
    }
    default:
      return value;
  }
}

/**
 * A primitive converted to a primitive type as Terraform converts it: a number or boolean to text
 * (`111122223333` given for a `string` is `"111122223333"`), text of a number or boolean back. What
 * does not convert (Terraform's error) is left as it is.
 */
function primitiveOf(value: unknown, type: string): unknown {
  switch (type) {
    case 'string':
      if (typeof value !== 'number' && typeof value !== 'boolean') return value;
      try {
        return primitiveText(value);
      } catch (error) {
        if (error instanceof UnsupportedHcl) return value;
        throw error;
      }
    case 'number':
      // Only text whose number JavaScript writes back the same: no precision lost.
      return typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value) && String(Number(value)) === value
        ? Number(value)
        : value;
    case 'bool':
      return value === 'true' || value === 'false' ? value === 'true' : value;
    default:
      return value;
  }
}

/** An `optional` default: a literal value (Terraform refuses references there). */
function literalOf(node: HclNode): unknown {
  try {
    return evaluateHcl(node, {
      reference: (text) => {
        throw new UnsupportedHcl(`\`${text}\` in a type default`);
      },
    });
  } catch (error) {
    if (error instanceof UnsupportedHcl) return null;
    throw error;
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype;
}
