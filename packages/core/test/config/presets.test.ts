/** Presets come from rule metadata. */
import { RULES, presetSeverities } from '../../src/rules/index';

describe('presets', () => {
  it('recommended holds the recommended rules at their default severity', () => {
    const recommended = presetSeverities('recommended');
    for (const rule of RULES) {
      expect(recommended.get(rule.meta.id)).toBe(rule.meta.recommended ? rule.meta.defaultSeverity : undefined);
    }
  });

  it('strict holds every rule, none below warning', () => {
    const strict = presetSeverities('strict');
    expect([...strict.keys()].sort()).toEqual(RULES.map((r) => r.meta.id).sort());
    expect([...strict.values()]).not.toContain('info');
  });
});
