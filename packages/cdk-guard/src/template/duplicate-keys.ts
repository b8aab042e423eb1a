/**
 * Keys a template gives twice in one object. CloudFormation reads a JSON or YAML template keeping
 * the last of them and deploys that, without a word: the template is valid and read the same way
 * here. Inside a policy document, though, the `Action` or condition block a reader sees first may
 * not be the one that is deployed: those of each resource's properties are kept, so that the
 * policy they are in is reported with a warning at the key (as the same document given as JSON
 * text is).
 */
import { isAlias, isMap, isScalar, isSeq } from 'yaml';
import type { Document } from 'yaml';
import { duplicateKeys, escapePointerToken } from '@iamgate/core';
import type { DuplicateKey } from '@iamgate/core';
import { isRecord } from '../resolve/values';

/** The duplicate keys of each resource's `Properties` object, with pointers relative to it. */
const DUPLICATES = new WeakMap<object, readonly DuplicateKey[]>();

/** The keys given twice inside `properties` (a resource's, as read from its template), relative pointers. */
export function writtenTwice(properties: object): readonly DuplicateKey[] {
  return DUPLICATES.get(properties) ?? [];
}

/** Records the duplicate keys of a JSON template's text, whose parse is `template`. */
export function recordJsonDuplicates(text: string, template: Record<string, unknown>): void {
  // Only those inside policies are kept, and every policy has a `Statement`: no need to look otherwise.
  if (!text.includes('"Statement"')) return;
  const found = duplicateKeys(text, template);
  if (found.length > 0) record(template, found);
}

/**
 * Records the duplicate keys of a YAML template (parsed keeping every key) whose value is
 * `template`. A merge key (`<<: *base`) is no duplicate of the keys beside it: they override it.
 */
export function recordYamlDuplicates(document: Document, template: Record<string, unknown>): void {
  const found: DuplicateKey[] = [];
  const pending: [unknown, string][] = [[document.contents, '']];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const [node, at] = next;
    // A short-form function (`!If [...]`) is read as the map `{ "Fn::If": [...] }` (read-template.ts).
    if (isAlias(node) || (!isMap(node) && !isSeq(node))) continue;
    const pointer = at;
    if (isSeq(node)) {
      node.items.forEach((item, i) => pending.push([item, `${pointer}/${String(i)}`]));
      continue;
    }
    const seen = new Set<string>();
    const reported = new Set<string>();
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
      if (key === undefined || key === '<<') continue;
      const child = `${pointer}/${escapePointerToken(key)}`;
      if (seen.has(key) && !reported.has(key)) {
        found.push({ pointer: child, key });
        reported.add(key);
      }
      seen.add(key);
      pending.push([pair.value, child]);
    }
  }
  if (found.length > 0) record(template, found);
}

/**
 * Files the duplicates under the `Properties` object of the resource they are in, when the key is
 * there in the value read (a logical id given twice: only the last resource is).
 */
function record(template: Record<string, unknown>, found: readonly DuplicateKey[]): void {
  const resources = template['Resources'];
  if (!isRecord(resources)) return;
  const byProperties = new Map<object, DuplicateKey[]>();
  for (const { pointer, key } of found) {
    const match = /^\/Resources\/((?:[^/]|~[01])+)\/Properties(\/.+)$/.exec(pointer);
    if (match === null) continue;
    const id = (match[1] as string).replace(/~1/g, '/').replace(/~0/g, '~');
    const body = resources[id];
    const properties = isRecord(body) ? body['Properties'] : undefined;
    const relative = match[2] as string;
    if (!isRecord(properties) || !holds(properties, relative)) continue;
    const list = byProperties.get(properties) ?? [];
    list.push({ pointer: relative, key });
    byProperties.set(properties, list);
  }
  for (const [properties, list] of byProperties) DUPLICATES.set(properties, list);
}

/** Does `value` have a member at `pointer`? */
function holds(value: unknown, pointer: string): boolean {
  let current = value;
  for (const raw of pointer.slice(1).split('/')) {
    const token = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(current)) current = /^\d+$/.test(token) ? (current as unknown[])[Number(token)] : undefined;
    else if (isRecord(current) && Object.hasOwn(current, token)) current = current[token];
    else return false;
  }
  return current !== undefined;
}
