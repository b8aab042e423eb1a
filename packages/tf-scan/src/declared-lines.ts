/**
 * The line that declares each resource in the .tf files, set on the locations of a scan input
 * (`location.declared`), so that GitHub annotations, SARIF and the text report point at the
 * block in source rather than only at the plan.
 */
import { withoutInstanceKeys } from '@iamgate/core';
import type { ScanInput, SourceLocation } from '@iamgate/core';
import { blocksOf, declarationOf } from './tf-text';
import type { ConfigurationText } from './tf-text';

/** Where a declaration is: the file as messages name it, and the line its block starts on. */
export type Declared = NonNullable<SourceLocation['declared']>;

/** The declarations of resources and data sources by address without instance keys. */
export function declarationsOf(texts: readonly ConfigurationText[]): Map<string, Declared> {
  const out = new Map<string, Declared>();
  for (const { module, file, text } of texts) {
    for (const block of blocksOf(text).blocks) {
      const declared = declarationOf(block.header, module.prefix);
      if (declared !== undefined && declared.kind !== 'module' && !out.has(declared.address))
        out.set(declared.address, { file, line: block.line });
    }
  }
  return out;
}

/** The input with each location whose address is declared in `declarations` told where. */
export function withDeclarations(input: ScanInput, declarations: ReadonlyMap<string, Declared>): ScanInput {
  if (declarations.size === 0) return input;
  // Locations are shared by what was extracted from one resource: each is replaced once.
  const replaced = new Map<object, unknown>();
  const visit = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(visit);
    if (node === null || typeof node !== 'object' || Object.getPrototypeOf(node) !== Object.prototype) return node;
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(node) as [string, unknown][]) {
      if (key === 'location' && value !== null && typeof value === 'object') out[key] = locate(value);
      else if (key === 'document' || key === 'before') out[key] = value;
      else out[key] = visit(value);
    }
    return out;
  };
  const locate = (location: object): unknown => {
    const done = replaced.get(location);
    if (done !== undefined) return done;
    const address = (location as SourceLocation).address;
    const declared = address === undefined ? undefined : declarations.get(withoutInstanceKeys(address));
    const result = declared === undefined ? location : { ...location, declared };
    replaced.set(location, result);
    return result;
  };
  return visit(input) as ScanInput;
}
