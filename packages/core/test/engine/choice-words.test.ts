/**
 * The words a finding names the deploy choices it is found under with: the sides it is found on
 * merged into as few words as they allow, and past five choices the choices only.
 */
import { choiceSuffix, deployWays, mergedChoices } from '../../src/analysis/choices';

const is = (name: string, truth: boolean): string => `condition \`${name}\` is ${String(truth)}`;
const and = (...terms: string[]): string => terms.join(' and ');

describe('mergedChoices', () => {
  it.each<[string, (string | undefined)[], string | undefined]>([
    ['one side', [is('A', true)], is('A', true)],
    ['both sides of one condition: every side', [is('A', true), is('A', false)], undefined],
    ['one choice every deploy makes: every side', [is('A', true), undefined], undefined],
    [
      'two sides that differ by one condition: the condition left out',
      [and(is('A', true), is('B', false), is('C', true)), and(is('A', true), is('B', false), is('C', false))],
      and(is('A', true), is('B', false)),
    ],
    [
      'three of four sides of two conditions: two words',
      [and(is('A', true), is('B', true)), and(is('A', false), is('B', true)), and(is('A', true), is('B', false))],
      `${is('B', true)}, or ${is('A', true)}`,
    ],
    ['a side within another: the wider', [is('A', true), and(is('A', true), is('B', true))], is('A', true)],
    [
      'sides that differ by two conditions: both said',
      [and(is('A', true), is('B', true)), and(is('A', false), is('B', false))],
      `${and(is('A', true), is('B', true))}, or ${and(is('A', false), is('B', false))}`,
    ],
    [
      'mapping entries are not sides of a condition: both said',
      ['`Stage` is `prod`', '`Stage` is `dev`'],
      '`Stage` is `prod`, or `Stage` is `dev`',
    ],
  ])('%s', (_, choices, merged) => {
    expect(mergedChoices(choices)).toBe(merged);
  });

  it('all 64 sides of six conditions: every side', () => {
    const names = ['A', 'B', 'C', 'D', 'E', 'F'];
    const sides = Array.from({ length: 64 }, (_, mask) => and(...names.map((n, i) => is(n, (mask & (1 << i)) === 0))));
    expect(mergedChoices(sides)).toBeUndefined();
    expect(mergedChoices(sides.slice(0, 32))).toBe(is('F', true));
  });
});

describe('choiceSuffix', () => {
  it.each<[string, string | undefined, string]>([
    ['every side: nothing said', undefined, ''],
    [
      'five choices: the sides',
      and(...['A', 'B', 'C', 'D', 'E'].map((n) => is(n, true))),
      ` (when ${and(...['A', 'B', 'C', 'D', 'E'].map((n) => is(n, true)))})`,
    ],
    [
      'six choices: the conditions',
      and(...['A', 'B', 'C', 'D', 'E', 'F'].map((n) => is(n, false))),
      ' (depending on conditions `A`, `B`, `C`, `D`, `E` and `F`)',
    ],
    [
      'six choices over alternatives: each condition once',
      `${and(is('A', true), is('B', true), is('C', true))}, or ${and(is('A', false), is('D', true), is('E', true), is('F', true))}`,
      ' (depending on conditions `A`, `B`, `C`, `D`, `E` and `F`)',
    ],
    [
      'a mapping beside conditions',
      and(...['A', 'B', 'C', 'D', 'E'].map((n) => is(n, true)), '`Stage` is `dev`'),
      ' (depending on conditions `A`, `B`, `C`, `D` and `E`, and on `Stage`)',
    ],
  ])('%s', (_, choice, said) => {
    expect(choiceSuffix(choice)).toBe(said);
  });
});

describe('deployWays', () => {
  it('each truth assignment makes the statements whose choice it meets', () => {
    expect(deployWays([undefined, is('A', true), `${is('A', false)}, or ${is('B', true)}`], 16)).toEqual([
      { statements: [0, 1, 2], words: and(is('A', true), is('B', true)) },
      { statements: [0, 2], words: and(is('A', false), is('B', true)) },
      { statements: [0, 1], words: and(is('A', true), is('B', false)) },
      { statements: [0, 2], words: and(is('A', false), is('B', false)) },
    ]);
  });

  it.each<[string, (string | undefined)[], number]>([
    ['a mapping entry: its other values are unknown', ['`Stage` is `dev`'], 16],
    ['more ways than asked', [and(is('A', true), is('B', true), is('C', true))], 4],
  ])('%s: undefined', (_, choices, most) => {
    expect(deployWays(choices, most)).toBeUndefined();
  });
});
