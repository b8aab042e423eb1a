/**
 * The `Globals` section of a SAM template, merged into a serverless resource's properties as the
 * transform merges it: a value the resource sets wins over the global one, except that two maps
 * are merged key by key and two lists are joined (global entries first); an intrinsic
 * (`!If`, `!Ref`) counts as a single value, never as a map to merge. The resource attribute
 * `IgnoreGlobals` (`'*'`, or a list of property names) keeps the named globals out. The implicit
 * `ServerlessRestApi` the transform makes for `Api` events takes `Globals.Api` too. A property SAM
 * documents as not supported in `Globals` (a function's `Role` or `Policies`) makes the transform
 * reject the template: it is an input error, and never merged.
 */
import { escapePointerToken } from '@iamgate/core';
import { isRecord } from '../resolve/values';

type Shape = 'map' | 'list' | 'value';

/** SAM's test for an intrinsic: one key, `Ref`, `Condition` or `Fn::...`. */
function isIntrinsic(value: Record<string, unknown>): boolean {
  const keys = Object.keys(value);
  const [key] = keys;
  return keys.length === 1 && key !== undefined && (key === 'Ref' || key === 'Condition' || key.startsWith('Fn::'));
}

function shapeOf(value: unknown): Shape {
  if (Array.isArray(value)) return 'list';
  return isRecord(value) && !isIntrinsic(value) ? 'map' : 'value';
}

/** One value of `Globals` merged with the resource's own. */
function merged(global: unknown, own: unknown): unknown {
  const shape = shapeOf(global);
  if (shape !== shapeOf(own) || shape === 'value') return own;
  if (Array.isArray(global) && Array.isArray(own)) return [...(global as unknown[]), ...(own as unknown[])];
  const out: Record<string, unknown> = { ...(global as Record<string, unknown>) };
  for (const [key, value] of Object.entries(own as Record<string, unknown>))
    out[key] = Object.hasOwn(out, key) ? merged(out[key], value) : value;
  return out;
}

/**
 * The properties of a serverless resource (`body`, a template entry) with its `Globals` section
 * (`Globals.Function` for a function) merged in, less those its `IgnoreGlobals` names.
 */
export function withGlobals(body: Record<string, unknown>, section: unknown): Record<string, unknown> {
  const own = isRecord(body['Properties']) ? body['Properties'] : {};
  if (!isRecord(section)) return own;
  const ignore = body['IgnoreGlobals'];
  if (ignore === '*') return own;
  const ignored = new Set(Array.isArray(ignore) ? ignore.filter((k): k is string => typeof k === 'string') : []);
  const global = Object.fromEntries(Object.entries(section).filter(([key]) => !ignored.has(key)));
  return merged(global, own) as Record<string, unknown>;
}

/** The `Globals` section that applies to resources of a serverless type (`AWS::Serverless::Function` -> `Function`). */
export function globalsFor(globals: Record<string, unknown>, type: unknown): unknown {
  const prefix = 'AWS::Serverless::';
  return typeof type === 'string' && type.startsWith(prefix) ? globals[type.slice(prefix.length)] : undefined;
}

/**
 * The properties SAM documents as not supported in `Globals`, by section: each resource gives its
 * own (a role or policies shared by every function would be too easy to miss). The transform
 * rejects a template that gives one. Only these are refused here: the properties SAM supports in
 * `Globals` grow with its releases, so a property not named here is merged, never refused.
 */
const UNSUPPORTED: Readonly<Record<string, readonly string[]>> = {
  Function: ['Role', 'Policies', 'FunctionName', 'Events'],
  Api: ['StageName', 'DefinitionBody'],
  HttpApi: ['StageName', 'DefinitionBody', 'DefinitionUri'],
};

/** A property of `Globals` the transform refuses: its JSON pointer and why. */
export interface RefusedGlobal {
  readonly pointer: string;
  readonly message: string;
}

/**
 * A template's `Globals` section as the transform merges it, without the properties it refuses
 * there, which are returned apart (`refused`) to be reported as input errors.
 */
export function readGlobals(section: unknown): { globals: Record<string, unknown>; refused: RefusedGlobal[] } {
  if (!isRecord(section)) return { globals: {}, refused: [] };
  const refused: RefusedGlobal[] = [];
  const globals: Record<string, unknown> = {};
  for (const [name, properties] of Object.entries(section)) {
    const unsupported = UNSUPPORTED[name];
    if (unsupported === undefined || !isRecord(properties)) {
      globals[name] = properties;
      continue;
    }
    const kept: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(properties)) {
      if (!unsupported.includes(key)) {
        kept[key] = value;
        continue;
      }
      refused.push({
        pointer: `/Globals/${escapePointerToken(name)}/${escapePointerToken(key)}`,
        message: `\`${key}\` is not supported in \`Globals.${name}\`: the SAM transform rejects the template (give it on each \`AWS::Serverless::${name}\`)`,
      });
    }
    globals[name] = kept;
  }
  return { globals, refused };
}
