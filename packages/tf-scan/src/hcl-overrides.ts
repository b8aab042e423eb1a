/**
 * Terraform's override files (`override.tf`, `*_override.tf`, their `.tf.json` forms and OpenTofu's
 * `.tofu` ones): their blocks are not new definitions but changes to the blocks of the same type
 * and labels in the module's other files. Each argument an override block sets replaces the original's, and nested
 * blocks of a type it sets replace all the original's blocks of that type; a `locals` entry
 * replaces the local of that name. Override files apply after the others, in name order.
 */
import * as path from 'node:path';
import { overrideDeclaredOrder } from './hcl-block-order';
import { BLOCK_LABELS, isObject } from './hcl-json-syntax';

/** Whether a file is an override file, by its base name. */
export function isOverrideFile(name: string): boolean {
  return /(^|_)override\.(?:tf|tofu)(\.json)?$/.test(path.basename(name));
}

/** Block types whose blocks are found by labels (`resource "type" "name"` has two). */
const LABELLED: Readonly<Record<string, number>> = Object.fromEntries(
  Object.entries(BLOCK_LABELS).filter(([, labels]) => labels > 0),
);

/**
 * The files of one module with their override files merged into the others (files are hcl2json
 * trees: a labelled block is `{type: {label: [body]}}`). An override block with no original (which
 * Terraform refuses) is kept as a definition of its own, in its file.
 */
export function mergeOverrides<F extends { readonly name: string; readonly parsed: Record<string, unknown> }>(
  files: readonly F[],
): F[] {
  const primaries = files.filter((f) => !isOverrideFile(f.name));
  const overrides = files
    .filter((f) => isOverrideFile(f.name))
    .sort((a, b) => (path.basename(a.name) < path.basename(b.name) ? -1 : 1));
  if (overrides.length === 0) return [...files];
  const kept: F[] = [];
  for (const override of overrides) {
    const left: Record<string, unknown> = {};
    for (const [type, value] of Object.entries(override.parsed)) {
      const labels = LABELLED[type];
      const rest =
        labels !== undefined
          ? overrideLabelled(primaries, type, value, labels)
          : type === 'locals'
            ? overrideLocals(primaries, value)
            : value;
      if (rest !== undefined) left[type] = rest;
    }
    if (Object.keys(left).length > 0) kept.push({ ...override, parsed: left });
  }
  return [...primaries, ...kept];
}

/** Merges labelled blocks into the originals; what has no original, in the same shape. */
function overrideLabelled(
  primaries: readonly { parsed: Record<string, unknown> }[],
  type: string,
  value: unknown,
  labels: number,
): unknown {
  if (!isObject(value)) return value;
  if (labels === 1) return overrideBodies(primaries, (p) => p[type], value);
  const left: Record<string, unknown> = {};
  for (const [label, inner] of Object.entries(value)) {
    const rest = isObject(inner) ? overrideBodies(primaries, (p) => child(p[type], label), inner) : inner;
    if (rest !== undefined) left[label] = rest;
  }
  return Object.keys(left).length > 0 ? left : undefined;
}

/** `{name: [body]}` (a `module`'s, or a `resource` type's), merged into the originals by name. */
function overrideBodies(
  primaries: readonly { parsed: Record<string, unknown> }[],
  within: (parsed: Record<string, unknown>) => unknown,
  byName: Record<string, unknown>,
): Record<string, unknown> | undefined {
  const left: Record<string, unknown> = {};
  for (const [name, bodies] of Object.entries(byName)) {
    const target = primaries.map((p) => child(within(p.parsed), name)).find((b) => Array.isArray(b) && b.length > 0);
    if (Array.isArray(target) && Array.isArray(bodies)) for (const body of bodies) mergeBody(target[0], body);
    else left[name] = bodies;
  }
  return Object.keys(left).length > 0 ? left : undefined;
}

/**
 * Each argument or nested block type the override sets replaces the original's. Blocks a
 * `dynamic` block generates are blocks of their type: either form in the override replaces both
 * forms in the original.
 */
function mergeBody(target: unknown, override: unknown): void {
  if (!isObject(target) || !isObject(override)) return;
  const without = (object: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> =>
    Object.fromEntries(Object.entries(object).filter(([k]) => !keys.includes(k)));
  let merged = { ...target };
  const replaced: string[] = [];
  // Both forms of one type in the override are kept: each replaces the original's forms only.
  const overrideGenerated = isObject(override['dynamic']) ? override['dynamic'] : {};
  for (const [key, value] of Object.entries(override)) {
    const generated = isObject(merged['dynamic']) ? merged['dynamic'] : {};
    if (key === 'dynamic' && isObject(value)) {
      const originalsOnly = Object.keys(value).filter((label) => !Object.hasOwn(override, label));
      merged = { ...without(merged, originalsOnly), dynamic: { ...generated, ...value } };
      replaced.push(...Object.keys(value));
      continue;
    }
    merged[key] = value;
    replaced.push(key);
    if (
      Array.isArray(value) &&
      value.every(isObject) &&
      Object.hasOwn(generated, key) &&
      !Object.hasOwn(overrideGenerated, key)
    )
      merged['dynamic'] = without(generated, [key]);
  }
  for (const key of Object.keys(target)) if (!Object.hasOwn(merged, key)) Reflect.deleteProperty(target, key);
  Object.assign(target, merged);
  overrideDeclaredOrder(target, override, replaced);
}

/** `locals` entries replace the local of the same name wherever it is defined; new ones are kept. */
function overrideLocals(primaries: readonly { parsed: Record<string, unknown> }[], value: unknown): unknown {
  if (!Array.isArray(value)) return value;
  const left: Record<string, unknown> = {};
  for (const block of value) {
    if (!isObject(block)) continue;
    for (const [name, expression] of Object.entries(block)) {
      const target = primaries
        .flatMap((p) => (Array.isArray(p.parsed['locals']) ? (p.parsed['locals'] as unknown[]) : []))
        .find((b) => isObject(b) && Object.hasOwn(b, name));
      if (isObject(target)) target[name] = expression;
      else left[name] = expression;
    }
  }
  return Object.keys(left).length > 0 ? [left] : undefined;
}

function child(value: unknown, key: string): unknown {
  return isObject(value) && Object.hasOwn(value, key) ? value[key] : undefined;
}
