/**
 * JSON text built by the template (`Fn::Join`/`Fn::Sub` writing a policy string, the `Value` of a
 * CDK `CfnJson`): parsed with a marker in place of each value known only after deploy, then the
 * holes put back where the markers landed. A marker in a string value gives a `SymbolicValue`; a
 * marker in an object key (CDK writes condition keys from the issuer of an EKS cluster this way)
 * gives the key as text, the hole shown by its provenance, since keys are plain strings. A marker
 * that is an element of an array, outside any string, stands for the elements it is given.
 */
import { SymbolicValue } from '@iamgate/core';
import { isRecord } from './values';
import type { Text } from './values';

/** The parsed JSON text, or `undefined` when the text (with its holes) is not JSON. */
export function parseJsonText(text: Text): { readonly value: unknown } | undefined {
  if (typeof text === 'string') {
    try {
      return { value: JSON.parse(text) as unknown };
    } catch {
      return undefined;
    }
  }
  const holes = text.holes();
  const marker = (i: number): string => `\u0000hole${i}\u0000`;
  // A value spliced in as an element of a JSON array, not inside a string (`"aws:SourceIp": [ ${Ranges} ]`),
  // is the elements it is given at deploy: read as one element known only then, as a list parameter
  // is. Elsewhere (a whole object's value, where it might add keys too) the text is no JSON before deploy.
  let i = 0;
  let inString = false;
  let escaped = false;
  const open: string[] = [];
  const raw = text.parts
    .map((p) => {
      if (typeof p !== 'string') return !inString && open[open.length - 1] === '[' ? `"${marker(i++)}"` : marker(i++);
      for (const c of p) {
        if (escaped) escaped = false;
        else if (inString) {
          if (c === '\\') escaped = true;
          else if (c === '"') inString = false;
        } else if (c === '"') inString = true;
        else if (c === '{' || c === '[') open.push(c);
        else if (c === '}' || c === ']') open.pop();
      }
      return p;
    })
    .join('');
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw.replace(/\u0000/g, '\\u0000'));
  } catch {
    return undefined;
  }
  const withHoles = (value: string): SymbolicValue =>
    new SymbolicValue(
      value.split(/\u0000hole(\d+)\u0000/).map((piece, k) => (k % 2 === 1 ? (holes[Number(piece)] ?? '') : piece)),
    );
  const restore = (value: unknown): unknown => {
    if (typeof value === 'string' && value.includes('\u0000')) return withHoles(value);
    if (Array.isArray(value)) return value.map(restore);
    if (isRecord(value))
      return Object.fromEntries(
        Object.entries(value).map(([k, v]) => [k.includes('\u0000') ? withHoles(k).toString() : k, restore(v)]),
      );
    return value;
  };
  return { value: restore(parsed) };
}
