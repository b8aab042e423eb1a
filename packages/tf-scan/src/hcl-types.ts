/**
 * Type constraints of variables as Terraform applies them to the value a module is given, for
 * the plan-less reading (hcl-config.ts) and for the resolver reading a caller's `module` block.
 */
import { defineOwn } from '@iamgate/core';
import { evaluateHcl, primitiveText } from './hcl-eval';
import { UnsupportedHcl } from './hcl-expression';
import type { HclNode } from './hcl-expression';

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
