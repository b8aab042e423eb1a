import { lowerInitial } from '../../src/cli/one-line';

describe('lowerInitial', () => {
  it.each([
    ['Tabs are not allowed as indentation', 'tabs are not allowed as indentation'],
    ['Map keys must be unique', 'map keys must be unique'],
    ['YAML version directive is not supported', 'YAML version directive is not supported'],
    ['JSON text ended early', 'JSON text ended early'],
    ['already lowercase', 'already lowercase'],
    ['X', 'X'],
    ['', ''],
  ])('a parser sentence %j continues a message as %j', (said, continued) => {
    expect(lowerInitial(said)).toBe(continued);
  });
});
