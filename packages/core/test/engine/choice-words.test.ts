/**
 * The words a finding names the deploy choices it is found under with: the sides it is found on
 * merged into as few words as they allow, and past five choices the choices only.
 */
import { choiceSuffix, choiceWords, deployWays, mergedChoices } from '../../src/analysis/choices';
import type { ChoiceSide, DeployChoice } from '../../src/analysis/choices';

const is = (name: string, holds: boolean): ChoiceSide => ({ condition: name, holds });
/** The sides taken together. */
const and = (...sides: ChoiceSide[]): DeployChoice => [sides];
/** Any of the choices. */
const or = (...choices: DeployChoice[]): DeployChoice => choices.flat();
const one = (side: ChoiceSide): DeployChoice => [[side]];
const stage = (value: string): ChoiceSide => ({ choice: '`Stage`', value: `\`${value}\`` });
const words = (choice: DeployChoice | undefined): string | undefined =>
  choice === undefined ? undefined : choiceWords(choice);

describe('mergedChoices', () => {
  it.each<[string, (DeployChoice | undefined)[], string | undefined]>([
    ['one side', [one(is('A', true))], 'condition `A` is true'],
    ['both sides of one condition: every side', [one(is('A', true)), one(is('A', false))], undefined],
    ['one choice every deploy makes: every side', [one(is('A', true)), undefined], undefined],
    [
      'two sides that differ by one condition: the condition left out',
      [and(is('A', true), is('B', false), is('C', true)), and(is('A', true), is('B', false), is('C', false))],
      'condition `A` is true and condition `B` is false',
    ],
    [
      'three of four sides of two conditions: two words',
      [and(is('A', true), is('B', true)), and(is('A', false), is('B', true)), and(is('A', true), is('B', false))],
      'condition `B` is true, or condition `A` is true',
    ],
    [
      'a choice whose words read as a condition`s other side is not that side: never merged with it',
      [one(is('A', true)), one({ choice: 'condition `A`', value: 'false' })],
      'condition `A` is true, or condition `A` is false',
    ],
    [
      'a side within another: the wider',
      [one(is('A', true)), and(is('A', true), is('B', true))],
      'condition `A` is true',
    ],
    [
      'sides that differ by two conditions: both said',
      [and(is('A', true), is('B', true)), and(is('A', false), is('B', false))],
      'condition `A` is true and condition `B` is true, or condition `A` is false and condition `B` is false',
    ],
    [
      'mapping entries are not sides of a condition: both said',
      [one(stage('prod')), one(stage('dev'))],
      '`Stage` is `prod`, or `Stage` is `dev`',
    ],
    [
      // Words that hold ` and ` or ` is ` are one side: a mapping chosen by two parameters together.
      'a side chosen by two parameters together stays one side',
      [
        and({ choice: '`Stage` and `Region`', value: '`prod`' }, is('A', true)),
        and({ choice: '`Stage` and `Region`', value: '`prod`' }, is('A', false)),
      ],
      '`Stage` and `Region` is `prod`',
    ],
  ])('%s', (_, choices, merged) => {
    expect(words(mergedChoices(choices))).toBe(merged);
  });

  it('all 64 sides of six conditions: every side', () => {
    const names = ['A', 'B', 'C', 'D', 'E', 'F'];
    const sides = Array.from({ length: 64 }, (_, mask) => and(...names.map((n, i) => is(n, (mask & (1 << i)) === 0))));
    expect(mergedChoices(sides)).toBeUndefined();
    expect(words(mergedChoices(sides.slice(0, 32)))).toBe('condition `F` is true');
  });
});

describe('choiceSuffix', () => {
  const five = ['A', 'B', 'C', 'D', 'E'];
  it.each<[string, DeployChoice | undefined, string]>([
    ['every side: nothing said', undefined, ''],
    [
      'five choices: the sides',
      and(...five.map((n) => is(n, true))),
      ` (when ${five.map((n) => `condition \`${n}\` is true`).join(' and ')})`,
    ],
    [
      'six choices: the conditions',
      and(...[...five, 'F'].map((n) => is(n, false))),
      ' (depending on conditions `A`, `B`, `C`, `D`, `E` and `F`)',
    ],
    [
      'six choices over alternatives: each condition once',
      or(
        and(is('A', true), is('B', true), is('C', true)),
        and(is('A', false), is('D', true), is('E', true), is('F', true)),
      ),
      ' (depending on conditions `A`, `B`, `C`, `D`, `E` and `F`)',
    ],
    [
      'two entries one key chooses together: the key`s value, once',
      and(
        { choice: '`Env`', value: '`dev`', entry: 'Mappings/EnvMap/dev/Passed', key: 'Env' },
        { choice: '`Env`', value: '`dev`', entry: 'Mappings/EnvMap/dev/Managed', key: 'Env' },
        is('A', true),
      ),
      ' (when `Env` is `dev` and condition `A` is true)',
    ],
    [
      'entries of two keys of one parameter: each named',
      and(
        { choice: '`Env`', value: '`dev`', entry: 'Mappings/EnvMap/dev/Actions', key: 'Env' },
        { choice: '`Env`', value: '`dev-x`', entry: 'Mappings/PassMap/dev-x/Passed', key: 'Env-x' },
      ),
      ' (when `Env` chooses `Mappings/EnvMap/dev/Actions` and `Env` chooses `Mappings/PassMap/dev-x/Passed`)',
    ],
    [
      'a mapping beside conditions',
      and(...five.map((n) => is(n, true)), stage('dev')),
      ' (depending on conditions `A`, `B`, `C`, `D` and `E`, and on `Stage`)',
    ],
  ])('%s', (_, choice, said) => {
    expect(choiceSuffix(choice)).toBe(said);
  });
});

describe('deployWays', () => {
  it('each truth assignment makes the statements whose choice it meets', () => {
    const ways = deployWays([undefined, one(is('A', true)), or(one(is('A', false)), one(is('B', true)))], 16);
    expect(ways?.map(({ statements, choice }) => [statements, choiceWords(choice)])).toEqual([
      [[0, 1, 2], 'condition `A` is true and condition `B` is true'],
      [[0, 2], 'condition `A` is false and condition `B` is true'],
      [[0, 1], 'condition `A` is true and condition `B` is false'],
      [[0, 2], 'condition `A` is false and condition `B` is false'],
    ]);
  });

  it('a mapping chosen by one key takes one entry everywhere it is read, or another no statement reads', () => {
    const entry = (value: string, name: string): ChoiceSide => ({
      choice: '`Stage`',
      value: `\`${value}\``,
      entry: `Mappings/EnvMap/${value}/${name}`,
    });
    const ways = deployWays(
      [
        or(one(entry('prod', 'Actions')), one(entry('dev', 'Actions'))),
        one(entry('dev', 'Passed')),
        one(entry('prod', 'Passed')),
        one(is('A', true)),
      ],
      16,
    );
    expect(ways?.map(({ statements, choice }) => [statements, choiceWords(choice)])).toEqual([
      [[0, 2, 3], 'condition `A` is true and `Stage` is `prod`'],
      [[0, 2], 'condition `A` is false and `Stage` is `prod`'],
      [[0, 1, 3], 'condition `A` is true and `Stage` is `dev`'],
      [[0, 1], 'condition `A` is false and `Stage` is `dev`'],
      [[3], 'condition `A` is true and `Stage` is another value'],
      [[], 'condition `A` is false and `Stage` is another value'],
    ]);
  });

  it('two keys of one parameter (`Env` and `${Env}-x`) are two choices: their entries are taken together', () => {
    const keyed = (key: string, value: string): ChoiceSide => ({ choice: '`Env`', value: `\`${value}\``, key });
    const ways = deployWays([one(keyed('Env', 'prod')), one(keyed('Env-x', 'prod-x'))], 16);
    expect(ways?.map(({ statements }) => statements)).toContainEqual([0, 1]);
    expect(ways?.find(({ statements }) => statements.length === 2)?.choice).toEqual([
      [keyed('Env', 'prod'), keyed('Env-x', 'prod-x')],
    ]);
  });

  it.each<[string, (DeployChoice | undefined)[], number]>([
    ['a mapping entry and another value past the ways asked', [one(stage('dev')), one(stage('prod'))], 2],
    ['more ways than asked', [and(is('A', true), is('B', true), is('C', true))], 4],
  ])('%s: undefined', (_, choices, most) => {
    expect(deployWays(choices, most)).toBeUndefined();
  });
});
