/**
 * `AWS::Include`: an `Fn::Transform` named `AWS::Include` inserts the snippet at `Location` where it
 * is written when the stack deploys: in place of a value (an OpenAPI `DefinitionBody`, a policy
 * document), as a whole resource, or merged into the mapping that holds it (a resource's
 * `Properties`, the `Resources` section itself). `aws cloudformation package` and `sam package`
 * upload a snippet given as a local path and write its S3 location in its place; before that the
 * file is in the input and is inlined here. A snippet elsewhere (S3, an expression) is not in the
 * input: what it holds is reported as not checked, never read as nothing.
 */
import * as path from 'node:path';
import { escapePointerToken, readInputFile } from '@iamgate/core';
import type { InputError } from '@iamgate/core';
import { isRecord } from '../resolve/values';
import { isLocalPath, parseDataFile } from './api-bodies';

/** Snippets inlined within snippets at most (a snippet may include another). */
const MAX_DEPTH = 8;
/** Values nested deeper than this are not searched for includes (the resolver cuts them at 64 levels). */
const MAX_LEVEL = 256;

/** The `Fn::Transform` entries of a value when every one is an `AWS::Include`, else undefined. */
function includeEntries(transform: unknown): Record<string, unknown>[] | undefined {
  const entries: unknown[] = Array.isArray(transform) ? transform : [transform];
  if (entries.length === 0) return undefined;
  return entries.every((e) => isRecord(e) && e['Name'] === 'AWS::Include')
    ? (entries as Record<string, unknown>[])
    : undefined;
}

/** The `Location` of an `AWS::Include` entry (a text, or an expression), as written. */
function locationOf(entry: Record<string, unknown>): unknown {
  return isRecord(entry['Parameters']) ? entry['Parameters']['Location'] : undefined;
}

/**
 * What an `Fn::Transform` value (`{ "Fn::Transform": ... }`) inserts at deploy, for a message: the
 * snippet of an `AWS::Include` and where it is, or a macro's output; undefined for other values.
 */
export function transformedFrom(value: unknown): string | undefined {
  if (!isRecord(value) || !Object.hasOwn(value, 'Fn::Transform')) return undefined;
  const transform = value['Fn::Transform'];
  const entries: unknown[] = Array.isArray(transform) ? transform : [transform];
  if (entries.length === 0 || !entries.every(isRecord)) return undefined;
  return entries
    .map((entry) => {
      const name = entry['Name'];
      if (name !== 'AWS::Include')
        return typeof name === 'string' ? `the output of macro \`${name}\`` : 'the output of a macro';
      const location = locationOf(entry);
      return `the snippet \`AWS::Include\` inserts from ${typeof location === 'string' ? `\`${location}\`` : 'a location chosen by an expression'}`;
    })
    .join(' and ');
}

/** Reads one snippet file: JSON or YAML (the long form of intrinsics, as `AWS::Include` takes). */
function readSnippet(file: string): { ok: true; value: unknown } | { ok: false; message: string } {
  let bytes: Buffer;
  try {
    bytes = readInputFile(file);
  } catch {
    return { ok: false, message: 'no such file' };
  }
  const parsed = parseDataFile(bytes);
  if (!parsed.ok) return parsed;
  return parsed.value === null || parsed.value === undefined
    ? { ok: false, message: 'the file is empty' }
    : { ok: true, value: parsed.value };
}

/**
 * The template with each `AWS::Include` of a local file inlined (in `Resources` and `Outputs`,
 * where IAM is); a file that cannot be read, or a snippet that cannot be merged where it is
 * written, is an input error. Includes from S3 or an expression stay as written.
 */
export function withLocalIncludes(
  template: Record<string, unknown>,
  absolute: string,
  shown: string,
): { template: Record<string, unknown>; errors: InputError[] } {
  const errors: InputError[] = [];
  const directory = path.dirname(absolute);

  // `depth` counts the includes followed, `level` the nesting of values: an include is looked for
  // no deeper than a template can hold one, so a hostile nesting cannot exhaust the stack.
  const inline = (value: unknown, pointer: string, depth: number, level = 0): unknown => {
    if (level > MAX_LEVEL) return value;
    if (Array.isArray(value)) {
      let changed = false;
      const out: unknown[] = [];
      for (const [i, element] of value.entries()) {
        const next = inline(element, `${pointer}/${String(i)}`, depth, level + 1);
        changed ||= next !== element;
        out.push(next);
      }
      return changed ? out : value;
    }
    if (!isRecord(value)) return value;
    const entries = Object.hasOwn(value, 'Fn::Transform') ? includeEntries(value['Fn::Transform']) : undefined;
    const locations = entries?.map(locationOf) ?? [];
    if (entries !== undefined && locations.every(isLocalPath) && depth < MAX_DEPTH) {
      const at = `${pointer}/Fn::Transform`;
      const snippets: unknown[] = [];
      for (const [i, location] of locations.entries()) {
        const read = readSnippet(path.resolve(directory, location));
        const where = Array.isArray(value['Fn::Transform']) ? `${at}/${String(i)}` : at;
        if (!read.ok) {
          errors.push({
            file: shown,
            pointer: `${where}/Parameters/Location`,
            message: `file \`${location}\` of \`AWS::Include\`: ${read.message}`,
          });
          return value;
        }
        snippets.push(read.value);
      }
      const others = Object.entries(value).filter(([key]) => key !== 'Fn::Transform');
      // Written alone, the include is the value; beside other keys (or as several), its mappings merge into them.
      if (others.length === 0 && snippets.length === 1) return inline(snippets[0], pointer, depth + 1, level);
      if (!snippets.every(isRecord)) {
        errors.push({
          file: shown,
          pointer: at,
          message: '`AWS::Include` beside other keys (or with several locations) must insert a mapping',
        });
        return value;
      }
      const merged: Record<string, unknown> = {
        ...snippets.filter(isRecord).reduce<Record<string, unknown>>((all, snippet) => ({ ...all, ...snippet }), {}),
        ...Object.fromEntries(others),
      };
      return inline(merged, pointer, depth + 1, level);
    }
    let changed = false;
    const out: Record<string, unknown> = {};
    for (const [key, element] of Object.entries(value)) {
      const next = inline(element, `${pointer}/${escapePointerToken(key)}`, depth, level + 1);
      changed ||= next !== element;
      out[key] = next;
    }
    return changed ? out : value;
  };

  let copy: Record<string, unknown> | undefined;
  for (const section of ['Resources', 'Outputs']) {
    const before = template[section];
    if (before === undefined) continue;
    const after = inline(before, `/${section}`, 0);
    if (after !== before) (copy ??= { ...template })[section] = after;
  }
  return { template: copy ?? template, errors };
}

/**
 * An `Fn::Transform` the template keeps (an `AWS::Include` whose snippet is not in the input, a
 * macro) where a whole resource or its properties would be.
 */
export interface UnreadTransform {
  /** The resource it is, or whose properties it gives; undefined for one merged into `Resources`. */
  readonly logicalId?: string;
  readonly pointer: string;
  /** What it inserts, for a message ({@link transformedFrom}). */
  readonly from: string;
}

/**
 * The transforms of a template's `Resources` that insert resources or properties not in the input:
 * a resource written as one, `Properties` merged with one, one merged into the section.
 */
export function unreadTransforms(resources: Record<string, unknown>): UnreadTransform[] {
  const found: UnreadTransform[] = [];
  const section = transformedFrom({ 'Fn::Transform': resources['Fn::Transform'] });
  if (Object.hasOwn(resources, 'Fn::Transform') && section !== undefined)
    found.push({ pointer: '/Resources/Fn::Transform', from: section });
  for (const [logicalId, body] of Object.entries(resources)) {
    if (logicalId === 'Fn::Transform' || !isRecord(body)) continue;
    const at = `/Resources/${escapePointerToken(logicalId)}`;
    const whole = transformedFrom(body);
    if (whole !== undefined) {
      found.push({ logicalId, pointer: `${at}/Fn::Transform`, from: whole });
      continue;
    }
    const properties = transformedFrom(body['Properties']);
    if (properties !== undefined)
      found.push({ logicalId, pointer: `${at}/Properties/Fn::Transform`, from: properties });
  }
  return found;
}
