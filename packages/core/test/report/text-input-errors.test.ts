import { runGuard } from '../../src/analysis/engine';
import { FORMATTERS } from '../../src/report/formatters/index';

const context = { toolVersion: '0.1.0', color: false, command: 'iamgate lint' };
const empty = { principals: [], resources: [], policies: [] };

describe('text report with input errors', () => {
  it('does not say "no findings" when an input could not be read', () => {
    const result = runGuard({ ...empty, errors: [{ file: 'nope.json', message: 'no such file or directory' }] });
    const text = FORMATTERS.text(result, context);
    expect(text).not.toContain('no findings');
    expect(text).toContain('1 input error: not checked');
  });

  it('says "no findings" when everything was read and nothing found', () => {
    const text = FORMATTERS.text(runGuard({ ...empty, errors: [] }), context);
    expect(text.trim()).toBe('no findings');
  });
});
