/** The generated rule docs and configuration reference are up to date. */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { renderDocs } from '../../src/rules/docs';

const ROOT = join(__dirname, '..', '..', '..', '..');
const REGENERATE = 'docs are stale: run `npx tsc -b packages/core && node packages/core/scripts/gen-docs.mjs`';

describe('generated docs', () => {
  const files = renderDocs();

  it.each([...files.keys()])('%s is up to date', (path) => {
    const onDisk = existsSync(join(ROOT, path)) ? readFileSync(join(ROOT, path), 'utf8') : undefined;
    if (onDisk !== files.get(path)) throw new Error(`${path}: ${REGENERATE}`);
  });

  it('no rule doc is left for a rule that no longer exists', () => {
    const rulesDir = join(ROOT, 'docs', 'rules');
    const onDisk = readdirSync(rulesDir, { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.md'))
      .map((f) => `docs/rules/${f.split('\\').join('/')}`);
    const stale = onDisk.filter((f) => !files.has(f));
    if (stale.length > 0) throw new Error(`${stale.join(', ')}: ${REGENERATE} and delete these`);
  });
});
