/**
 * Every privilege-escalation path documented by pathfinding.cloud (Apache-2.0,
 * ../shared/corpus/pathfinding.cloud/data/paths): its required permissions, allowed on `*` as
 * one identity policy, give a privilege-escalation finding, and the finding names that path (or
 * a shorter path it contains, which it then lists in `alsoOpens`).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { runOnPolicy, doc, CATALOG_RULES } from './helpers';

const PATHS = join(__dirname, '..', '..', '..', '..', '..', 'shared', 'corpus', 'pathfinding.cloud', 'data', 'paths');

interface DocumentedPath {
  readonly id: string;
  readonly permissions: { readonly required: readonly { readonly permission: string }[] };
}

// The YAML files under `dir`, at any depth: older snapshots keep them in `<service>/`, newer ones
// in `aws/<service>/` (beside other clouds, which hold no AWS permissions and are left out).
function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return dir === PATHS && NON_AWS.has(entry.name) ? [] : yamlFiles(path);
    return entry.name.endsWith('.yaml') ? [path] : [];
  });
}
const NON_AWS = new Set(['azure', 'gcp']);

function loadPaths(): DocumentedPath[] {
  return yamlFiles(PATHS)
    .map((file) => parse(readFileSync(file, 'utf8'), { uniqueKeys: false }) as DocumentedPath)
    .sort((a, b) => a.id.localeCompare(b.id));
}

const ESCALATION_RULES = CATALOG_RULES.filter((id) => id.startsWith('privilege-escalation/'));

// Levels reached when this test was written; a change that lowers one fails.
const MINIMUM_DETECTED = 65;
const MINIMUM_NAMED = 65;

describe('pathfinding.cloud paths', () => {
  const paths = loadPaths();
  const results = paths.map((path) => {
    const actions = path.permissions.required.map((p) => p.permission);
    const findings = runOnPolicy(doc({ Effect: 'Allow', Action: actions, Resource: '*' }), ESCALATION_RULES);
    const named = findings.some(
      (f) =>
        f.evidence?.['path'] === path.id ||
        (Array.isArray(f.evidence?.['alsoOpens']) && (f.evidence['alsoOpens'] as unknown[]).includes(path.id)),
    );
    return { id: path.id, actions, detected: findings.length > 0, named };
  });

  it('reads the 65 documented paths', () => {
    expect(paths.length).toBeGreaterThanOrEqual(65);
  });

  it('detects every path, and names it', () => {
    const detected = results.filter((r) => r.detected).length;
    const named = results.filter((r) => r.named).length;
    const missed = results
      .filter((r) => !r.named)
      .map((r) => `${r.id} (${r.actions.join(' + ')})${r.detected ? ' detected under another path' : ''}`);

    console.log(
      `pathfinding.cloud: ${detected}/${results.length} paths give a privilege-escalation finding, ${named}/${results.length} name the path` +
        (missed.length > 0 ? `\n  not named: ${missed.join('\n             ')}` : ''),
    );
    expect(detected).toBeGreaterThanOrEqual(MINIMUM_DETECTED);
    expect(named).toBeGreaterThanOrEqual(MINIMUM_NAMED);
  });

  it('a PassRole path with iam:PassRole scoped to one role is not reported', () => {
    const passRolePaths = paths.filter((p) => p.permissions.required.some((r) => r.permission === 'iam:PassRole'));
    expect(passRolePaths.length).toBeGreaterThan(10);
    for (const path of passRolePaths) {
      const others = path.permissions.required.map((p) => p.permission).filter((a) => a !== 'iam:PassRole');
      const document = doc(
        { Effect: 'Allow', Action: 'iam:PassRole', Resource: 'arn:aws:iam::111122223333:role/app-task' },
        { Effect: 'Allow', Action: others, Resource: '*' },
      );
      const findings = runOnPolicy(document, ['privilege-escalation/pass-role-to-service']);
      expect([path.id, findings.map((f) => f.evidence?.['path'])]).toEqual([path.id, []]);
    }
  });

  it('a path with one permission missing is not reported under its id', () => {
    const multi = paths.filter(
      (p) => p.permissions.required.length > 1 && p.permissions.required[0]?.permission === 'iam:PassRole',
    );
    expect(multi.length).toBeGreaterThan(10);
    for (const path of multi) {
      const actions = path.permissions.required.slice(1).map((p) => p.permission);
      const findings = runOnPolicy(doc({ Effect: 'Allow', Action: actions, Resource: '*' }), [
        'privilege-escalation/pass-role-to-service',
      ]);
      expect(findings.map((f) => f.evidence?.['path'])).toEqual([]);
    }
  });
});
