/** Shared wording of formatters. */
import { canonicalJson } from '../analysis/fingerprint';
import { isSymbolic } from '../model/symbolic';
import type { Finding } from '../analysis/finding';

/** Where a finding is, in one line: file, address / stack and logical id / construct path, pointer. */
export function describeLocation(finding: Finding): string {
  const l = finding.location;
  const parts: string[] = [];
  const declared = l.declared;
  // The line of the declaration beside its file, or last when the input is another file (a plan).
  if (l.file) parts.push(declared?.file === l.file ? `${l.file}:${declared.line}` : l.file);
  if (l.address) parts.push(l.address);
  if (l.stack || l.logicalId) parts.push([l.stack, l.logicalId].filter(Boolean).join('/'));
  if (l.constructPath && l.constructPath !== [l.stack, l.logicalId].filter(Boolean).join('/'))
    parts.push(l.constructPath);
  if (l.pointer !== undefined) parts.push(`#${l.pointer}`);
  if (declared !== undefined && declared.file !== l.file) parts.push(`(${declared.file}:${declared.line})`);
  return parts.join(' ');
}

/** What a finding is about, for grouping: the principal, else the address, logical id or file. */
export function subjectOf(finding: Finding): string {
  const l = finding.location;
  return (
    finding.principal ??
    l.address ??
    l.constructPath ??
    (l.logicalId ? [l.stack, l.logicalId].filter(Boolean).join('/') : undefined) ??
    l.file ??
    '(input)'
  );
}

/** `1 error`, `2 warnings`. */
export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** A policy statement as indented JSON, values known only after deploy shown with their provenance. */
export function statementJson(statement: unknown): string {
  try {
    return JSON.stringify(statement, (_key, value: unknown) => (isSymbolic(value) ? value.toString() : value), 2);
  } catch {
    // Nested deeper than JSON.stringify goes (a hostile document): its beginning, on one line.
    const text = canonicalJson(statement);
    return text.length > SHOWN_OF_DEEP ? `${text.slice(0, SHOWN_OF_DEEP)}... (too deeply nested to show whole)` : text;
  }
}

const SHOWN_OF_DEEP = 400;
