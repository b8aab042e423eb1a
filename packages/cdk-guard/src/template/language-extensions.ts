/**
 * `Fn::ForEach` of the `AWS::LanguageExtensions` transform in the `Resources`, `Conditions` and
 * `Outputs` sections and in resource properties, expanded
 * as CloudFormation does before deploy: one copy of the output template per element of the
 * collection, the identifier replaced in keys (`${Id}`, `&{Id}` without non-alphanumerics), in
 * `Ref: Id` and in `Fn::Sub` strings. A collection known only at deploy (a list parameter without
 * a default, an import) is valid: its output template is then checked once, for every element,
 * with the identifier a value known only at deploy (a parameter of its own, {@link ELEMENT_OF}
 * saying which collection it walks) and the logical ids as written (`${Id}Role`).
 */
import { escapePointerToken } from '@iamgate/core';
import { isRecord } from '../resolve/values';

const PREFIX = 'Fn::ForEach::';
const MAX_DEPTH = 8;

/** Marks a parameter made for the identifier of a loop over a collection known only at deploy; its value names the collection. */
export const ELEMENT_OF = 'iamgate:elementOf';

/**
 * The expanded section (`resources`: the entries of whichever section), with the parameters made for identifiers of loops whose collection is
 * known only at deploy, or the problem met (a JSON pointer and a message).
 */
export type Expansion =
  | { ok: true; resources: Record<string, unknown>; parameters: Record<string, unknown> }
  | { ok: false; pointer: string; message: string };

/** True when the section holds a `Fn::ForEach` loop. */
export function hasForEach(section: Record<string, unknown>): boolean {
  return Object.keys(section).some((k) => k.startsWith(PREFIX));
}

/** Expands the loops of the `Resources` section; `parameters` supply list parameters' defaults. */
export function expandResources(resources: Record<string, unknown>, parameters: Record<string, unknown>): Expansion {
  return expandSection(resources, 'Resources', parameters);
}

/**
 * Expands the loops of a section that takes them (`Resources`, `Conditions`, `Outputs`);
 * `loops`, when given, gets the `Fn::ForEach::` key of the section that makes each entry a loop makes.
 */
export function expandSection(
  section: Record<string, unknown>,
  name: 'Resources' | 'Conditions' | 'Outputs',
  parameters: Record<string, unknown>,
  mappings: Record<string, unknown> = {},
  loops?: Map<string, string>,
): Expansion {
  const made: Record<string, unknown> = {};
  const expanded = expand(section, `/${name}`, { parameters, mappings }, 0, made, NOUNS[name], loops);
  return expanded.ok ? { ...expanded, parameters: made } : expanded;
}

const NOUNS = { Resources: 'resource', Conditions: 'condition', Outputs: 'output' } as const;

/**
 * Expands the loops written inside the resources' properties (CloudFormation takes them there
 * too: a loop makes keys of the object it is in, such as a condition's keys); `resources` are the
 * `Resources` section, its own loops already expanded.
 */
export function expandProperties(
  resources: Record<string, unknown>,
  parameters: Record<string, unknown>,
  mappings: Record<string, unknown> = {},
): Expansion {
  const made: Record<string, unknown> = {};
  const sources: Sources = { parameters, mappings };
  const walk = (value: unknown, pointer: string, depth: number): { ok: true; value: unknown } | Failure => {
    if (depth > MAX_WALK) return { ok: true, value };
    if (Array.isArray(value)) {
      const out: unknown[] = [];
      for (const [i, element] of value.entries()) {
        const inner = walk(element, `${pointer}/${String(i)}`, depth + 1);
        if (!inner.ok) return inner;
        out.push(inner.value);
      }
      return { ok: true, value: out };
    }
    if (!isRecord(value)) return { ok: true, value };
    let object = value;
    if (hasForEach(value)) {
      const expanded = expand(value, pointer, { ...sources, parameters: { ...parameters, ...made } }, 0, made, 'key');
      if (!expanded.ok) return expanded;
      object = expanded.resources;
    }
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(object)) {
      const inner = walk(v, `${pointer}/${escapePointerToken(key)}`, depth + 1);
      if (!inner.ok) return inner;
      out[key] = inner.value;
    }
    return { ok: true, value: out };
  };
  const out: Record<string, unknown> = {};
  for (const [id, body] of Object.entries(resources)) {
    if (!isRecord(body) || !isRecord(body['Properties']) || !hasNestedForEach(body['Properties'], 0)) {
      out[id] = body;
      continue;
    }
    const properties = walk(body['Properties'], `/Resources/${escapePointerToken(id)}/Properties`, 0);
    if (!properties.ok) return properties;
    out[id] = { ...body, Properties: properties.value };
  }
  return { ok: true, resources: out, parameters: made };
}

/** True when a loop is written somewhere in the value. */
export function hasNestedForEach(value: unknown, depth: number): boolean {
  if (depth > MAX_WALK) return false;
  if (Array.isArray(value)) return value.some((v) => hasNestedForEach(v, depth + 1));
  if (!isRecord(value)) return false;
  return hasForEach(value) || Object.values(value).some((v) => hasNestedForEach(v, depth + 1));
}

// How deep a property value is walked for loops: deeper than any policy or definition CloudFormation takes.
const MAX_WALK = 64;

type Failure = { ok: false; pointer: string; message: string };

/** What a collection may be read from: list parameters' defaults and the `Mappings` section. */
interface Sources {
  readonly parameters: Record<string, unknown>;
  readonly mappings: Record<string, unknown>;
}

function expand(
  map: Record<string, unknown>,
  pointer: string,
  sources: Sources,
  depth: number,
  made: Record<string, unknown>,
  noun: string,
  loops?: Map<string, string>,
  enclosing: ReadonlySet<string> = new Set(),
): Expansion {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(map)) {
    if (!key.startsWith(PREFIX)) {
      if (Object.hasOwn(out, key)) return duplicate(pointer, key, noun);
      out[key] = value;
      continue;
    }
    const at = `${pointer}/${escapePointerToken(key)}`;
    if (depth >= MAX_DEPTH)
      return { ok: false, pointer: at, message: `\`Fn::ForEach\` nested deeper than ${MAX_DEPTH} levels` };
    if (!Array.isArray(value) || value.length !== 3 || typeof value[0] !== 'string' || !isRecord(value[2]))
      return { ok: false, pointer: at, message: `\`${key}\` must be [identifier, collection, output template]` };
    const [identifier, rawCollection, template] = value as [string, unknown, Record<string, unknown>];
    if (enclosing.has(identifier))
      return {
        ok: false,
        pointer: `${at}/0`,
        message: `the identifier \`${identifier}\` of \`${key}\` is also the identifier of a loop it is nested in`,
      };
    const collection = collectionOf(rawCollection, sources);
    // A loop nested in another is met once per copy of the outer one: its identifier's parameter is
    // made once; only a parameter of the template itself clashes.
    if (collection === undefined && Object.hasOwn(sources.parameters, identifier) && !Object.hasOwn(made, identifier))
      return {
        ok: false,
        pointer: `${at}/0`,
        message: `the identifier \`${identifier}\` of \`${key}\` is also the name of a parameter`,
      };
    if (collection === undefined) made[identifier] = { Type: 'String', [ELEMENT_OF]: describe(rawCollection) };
    // Known only at deploy: the output template once, as written, its identifier the parameter made for it.
    const copies = collection === undefined ? [template] : collection.map((e) => substitute(template, identifier, e));
    for (const copy of copies) {
      const inner = expand(
        copy as Record<string, unknown>,
        at,
        { ...sources, parameters: { ...sources.parameters, ...made } },
        depth + 1,
        made,
        noun,
        undefined,
        new Set([...enclosing, identifier]),
      );
      if (!inner.ok) return inner;
      for (const [k, v] of Object.entries(inner.resources)) {
        if (Object.hasOwn(out, k)) return duplicate(at, k, noun);
        out[k] = v;
        loops?.set(k, key);
      }
    }
  }
  return { ok: true, resources: out, parameters: made };
}

/** The collection as a reader names it: `Teams` for `Ref: Teams`, else the function that makes it. */
function describe(collection: unknown): string {
  if (isRecord(collection)) {
    const [name] = Object.keys(collection);
    if (name === 'Ref' && typeof collection['Ref'] === 'string') return `parameter \`${collection['Ref']}\``;
    if (name !== undefined) return `the result of \`${name}\``;
  }
  return 'a collection known only at deploy';
}

/**
 * The elements of a literal list, of a `CommaDelimitedList` / `List<...>` parameter's default, or
 * of a list a `Fn::FindInMap` with literal keys reads from `Mappings`.
 */
function collectionOf(value: unknown, { parameters, mappings }: Sources): string[] | undefined {
  if (Array.isArray(value)) return value.every((v) => typeof v === 'string') ? value : undefined;
  if (isRecord(value) && Array.isArray(value['Fn::FindInMap'])) {
    const found = fromMapping(value['Fn::FindInMap'] as unknown[], mappings, 0);
    return Array.isArray(found) && found.every((v) => typeof v === 'string') ? found : undefined;
  }
  if (isRecord(value) && typeof value['Ref'] === 'string') {
    const parameter = parameters[value['Ref']];
    const fallback = isRecord(parameter) ? parameter['Default'] : undefined;
    if (typeof fallback === 'string') return fallback === '' ? [] : fallback.split(',').map((s) => s.trim());
    if (Array.isArray(fallback) && fallback.every((v) => typeof v === 'string')) return fallback;
  }
  return undefined;
}

/**
 * The value a `Fn::FindInMap` reads from `Mappings`: its keys literal or themselves a
 * `Fn::FindInMap` (an outer loop's identifier already replaced by its element), its fourth
 * argument `{ DefaultValue }` (`AWS::LanguageExtensions`) for keys the mapping lacks.
 */
function fromMapping(args: readonly unknown[], mappings: Record<string, unknown>, depth: number): unknown {
  if (depth > MAX_DEPTH) return undefined;
  const key = (arg: unknown): unknown =>
    isRecord(arg) && Array.isArray(arg['Fn::FindInMap'])
      ? fromMapping(arg['Fn::FindInMap'] as unknown[], mappings, depth + 1)
      : arg;
  const [map, top, second] = args.slice(0, 3).map(key);
  const fallback = isRecord(args[3]) && Object.hasOwn(args[3], 'DefaultValue') ? args[3]['DefaultValue'] : undefined;
  if (typeof map !== 'string' || typeof top !== 'string' || typeof second !== 'string') return undefined;
  const level = mappings[map];
  const row = isRecord(level) ? level[top] : undefined;
  const found = isRecord(row) ? row[second] : undefined;
  return found ?? key(fallback);
}

/** The template with the identifier replaced by `element` where CloudFormation replaces it. */
function substitute(value: unknown, identifier: string, element: string): unknown {
  if (Array.isArray(value)) return value.map((v) => substitute(v, identifier, element));
  if (!isRecord(value)) return value;
  const keys = Object.keys(value);
  if (keys.length === 1 && value['Ref'] === identifier) return element;
  if (keys.length === 1 && keys[0] === 'Fn::Sub') {
    const arg = value['Fn::Sub'];
    if (typeof arg === 'string') return { 'Fn::Sub': inSub(arg, identifier, element) };
    if (Array.isArray(arg) && typeof arg[0] === 'string') {
      const variables = isRecord(arg[1]) ? arg[1] : {};
      const text = Object.hasOwn(variables, identifier) ? arg[0] : inSub(arg[0], identifier, element);
      return { 'Fn::Sub': [text, substitute(variables, identifier, element)] };
    }
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[inKey(k, identifier, element)] = substitute(v, identifier, element);
  return out;
}

function inSub(text: string, identifier: string, element: string): string {
  return text.split('${' + identifier + '}').join(element);
}

function inKey(key: string, identifier: string, element: string): string {
  return key
    .split('${' + identifier + '}')
    .join(element)
    .split('&{' + identifier + '}')
    .join(element.replace(/[^A-Za-z0-9]/g, ''));
}

function duplicate(pointer: string, key: string, noun: string): Expansion {
  return { ok: false, pointer, message: `\`Fn::ForEach\` makes ${noun} \`${key}\` twice` };
}
