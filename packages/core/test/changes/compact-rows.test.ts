/**
 * The JSON rows of a change: more than half the actions of a service that change alike are one
 * `service:*` row whose `exceptActions` names the others, so that a role moved from read-only to
 * power-user access is not 11,000 rows; fewer stay one row each. Either way the rows say exactly
 * which actions change: read back one action each, they are the rows compacted.
 */
import { compactRows } from '../../src/report/changes';
import { listAllActions, listServiceActions } from '../../src/catalog/actions';

interface Row {
  readonly action: string;
  readonly resource: string;
  readonly exceptActions?: readonly string[];
}

const key = (row: Row): string => row.resource;
const actionsOf = (service: string): string[] => listServiceActions(service).map((a) => a.action);
/** The first `n` actions of a service (catalog order), as rows on `resource`. */
const firstOf = (service: string, n: number, resource = '*'): Row[] =>
  actionsOf(service)
    .slice(0, n)
    .map((action) => ({ action, resource }));

/** Each row one action each, as a reader of the report works it out from the catalog. */
function readBack(rows: readonly Row[]): string[] {
  return rows
    .flatMap((row) => {
      if (!row.action.endsWith(':*')) return [`${row.action} ${row.resource}`];
      const left = new Set(row.exceptActions ?? []);
      return actionsOf(row.action.slice(0, -2))
        .filter((a) => !left.has(a))
        .map((a) => `${a} ${row.resource}`);
    })
    .sort();
}

describe('compactRows', () => {
  const ec2 = actionsOf('ec2').length;
  const s3 = actionsOf('s3').length;

  it.each<[string, Row[], string[]]>([
    ['more than half of a service: one `service:*` row', firstOf('ec2', Math.floor(ec2 / 2) + 1), ['ec2:*']],
    [
      'exactly half of a service: a row each',
      firstOf('ec2', Math.floor(ec2 / 2)),
      firstOf('ec2', Math.floor(ec2 / 2)).map((r) => r.action),
    ],
    ['all but one: `service:*`', firstOf('s3', s3 - 1), ['s3:*']],
    [
      'two resources apart: each compacted on its own',
      [...firstOf('s3', s3 - 10, 'arn:aws:s3:::a/*'), ...firstOf('s3', 3, 'arn:aws:s3:::b/*')],
      ['s3:*', ...firstOf('s3', 3).map((r) => r.action)],
    ],
  ])('%s', (_, rows, actions) => {
    const compacted = compactRows(rows, key);
    expect(compacted.map((r) => r.action)).toEqual(actions);
    expect(readBack(compacted)).toEqual(readBack(rows));
  });

  it('an action the catalog does not know stays a row of its own beside the `service:*` row', () => {
    // A bucket policy naming an action newer than the catalog (or misspelt) admits it as written:
    // read back from the catalog, a `s3:*` row would not hold it.
    const rows = [
      ...firstOf('s3', s3 - 10, 'arn:aws:s3:::a/*'),
      { action: 's3:BrandNewAction', resource: 'arn:aws:s3:::a/*' },
    ];
    const compacted = compactRows(rows, key);
    expect(compacted.map((r) => r.action)).toEqual(['s3:*', 's3:BrandNewAction']);
    expect(readBack(compacted)).toEqual(readBack(rows));
  });

  it('an unknown action keeps every service from being one `*` row', () => {
    const rows = [
      ...listAllActions().map((a) => ({ action: a.action, resource: '*' })),
      { action: 'ec2:Future', resource: '*' },
    ];
    const compacted = compactRows(rows, key);
    expect(compacted.map((r) => r.action)).toContain('ec2:Future');
    expect(compacted.map((r) => r.action)).not.toContain('*');
  });

  it('a folded row names fewer actions than the rows it stands for, every one it leaves out', () => {
    const rows = firstOf('ec2', Math.floor(ec2 * 0.6));
    const [row, ...rest] = compactRows(rows, key);
    expect(rest).toEqual([]);
    expect(row?.exceptActions).toEqual(actionsOf('ec2').slice(rows.length));
    expect(row!.exceptActions!.length).toBeLessThan(rows.length);
  });
});
