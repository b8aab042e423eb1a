/**
 * The rows of a JSON report's `changes` one action each, as a reader of the report works them
 * out: a `service:*` row (`*` for the catalog) stands for every action of the service in the
 * catalog but its `exceptActions`.
 */
import { listAllActions, listServiceActions } from '@iamgate/core';

interface Row {
  readonly action: string;
  readonly exceptActions?: readonly string[];
}

/** Each row of `rows` as the rows of one action it stands for, `exceptActions` dropped. */
export function perAction<T extends Row>(rows: readonly T[]): Omit<T, 'exceptActions'>[] {
  return rows.flatMap((row) => {
    const { exceptActions, ...rest } = row;
    const service = row.action === '*' ? '' : row.action.endsWith(':*') ? row.action.slice(0, -2) : undefined;
    if (service === undefined) return [rest];
    const left = new Set(exceptActions ?? []);
    const all = service === '' ? listAllActions() : listServiceActions(service);
    return all.filter((a) => !left.has(a.action)).map((a) => ({ ...rest, action: a.action }));
  });
}
