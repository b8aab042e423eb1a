/**
 * The deploy choices a statement is made under (`PolicySource.statementChoices`), kept as the
 * adapter made them: alternatives, each the sides it takes together, a side a named condition
 * true or false or another choice's value (`\`Stage\`` is `\`dev\``). Put in words only where a
 * finding names them: alternatives joined by `, or `, sides by ` and `, a side
 * `<choice> is <value>` (`condition \`IsProd\` is true`, `\`Stage\` is \`dev\``).
 */

/** One side of a choice made at deploy. */
export type ChoiceSide =
  /** A named condition of the template (`IsProd`), true or false. */
  | { readonly condition: string; readonly holds: boolean }
  /**
   * Another choice (a parameter choosing a mapping entry), in words: `\`Stage\`` is `\`dev\``, or,
   * when it chooses the entry a value is read from, `\`Stage\`` chooses `\`Mappings/EnvMap/dev/Actions\``.
   */
  | {
      readonly choice: string;
      readonly value: string;
      readonly entry?: string;
      /**
       * What the choice is made by, whole and stable (a key's literal text and the ids of its
       * inputs): sides of one key take one value together; two keys of one parameter (`Env` and
       * `${Env}-x`) are two choices, each taking its own value. Without it, the choice in words.
       */
      readonly key?: string;
    };

/** The sides one way of deploying takes together. */
export type ChoiceAlternative = readonly ChoiceSide[];

/** What something is made under: any of its alternatives (none: never). */
export type DeployChoice = readonly ChoiceAlternative[];

const OR = ', or ';
const AND = ' and ';

/** How many choices a finding names the sides of; past it, it names the choices only. */
const MAX_NAMED_SIDES = 5;

/** The choice a side is of, in words: `condition \`IsProd\``, `\`Stage\``. */
function choiceName(side: ChoiceSide): string {
  return 'condition' in side ? `condition \`${side.condition}\`` : side.choice;
}

/** A side in words: `condition \`IsProd\` is true`, `\`Stage\` is \`dev\``. */
function sideWords(side: ChoiceSide): string {
  if ('condition' in side) return `${choiceName(side)} is ${String(side.holds)}`;
  return side.entry === undefined
    ? `${choiceName(side)} is ${side.value}`
    : `${choiceName(side)} chooses \`${side.entry}\``;
}

/**
 * A side's identity, from its structure, not its words: two sides are one when their condition
 * and truth, or their choice and value, are the same.
 */
export function sideKey(side: ChoiceSide): string {
  return JSON.stringify(
    'condition' in side
      ? [side.condition, side.holds]
      : [side.choice, side.value, side.entry ?? null, side.key ?? null],
  );
}

/** What a side that is not of a named condition chooses: its key, or its choice in words. */
function chooser(side: { readonly choice: string; readonly key?: string }): string {
  return side.key ?? side.choice;
}

/**
 * The sides of an alternative as words name them: two entries one key chooses together
 * (`Mappings/EnvMap/dev/Passed` and `Mappings/EnvMap/dev/Managed`) are one side, the key's value.
 */
function namedSides(alternative: ChoiceAlternative): ChoiceAlternative {
  const byValue = new Map<string, ChoiceSide[]>();
  for (const side of alternative) {
    if ('condition' in side) continue;
    const id = JSON.stringify([chooser(side), side.value]);
    byValue.set(id, [...(byValue.get(id) ?? []), side]);
  }
  const said = new Set<string>();
  return alternative.flatMap((side): ChoiceSide[] => {
    if ('condition' in side) return [side];
    const id = JSON.stringify([chooser(side), side.value]);
    const same = byValue.get(id) ?? [];
    if (same.length < 2) return [side];
    if (said.has(id)) return [];
    said.add(id);
    return [{ choice: side.choice, value: side.value, ...(side.key === undefined ? {} : { key: side.key }) }];
  });
}

/** A choice in words (`condition \`A\` is true and \`Stage\` is \`dev\`, or ...`). */
export function choiceWords(choice: DeployChoice): string {
  return choice.map((alternative) => namedSides(alternative).map(sideWords).join(AND)).join(OR);
}

/** The choice of the side of one named condition. */
export function conditionChoice(condition: string, holds: boolean): DeployChoice {
  return [[{ condition, holds }]];
}

/** The names of the named conditions `choice` takes a side of. */
export function choiceConditions(choice: DeployChoice | undefined): readonly string[] {
  const names = new Set<string>();
  for (const alternative of choice ?? [])
    for (const side of alternative) if ('condition' in side) names.add(side.condition);
  return [...names];
}

/** The sides of an alternative, each once (the first kept). */
function distinct(sides: readonly ChoiceSide[]): ChoiceSide[] {
  const seen = new Map<string, ChoiceSide>();
  for (const side of sides) if (!seen.has(sideKey(side))) seen.set(sideKey(side), side);
  return [...seen.values()];
}

/** The other side of a named condition, if `side` is one. */
function otherSide(side: ChoiceSide): ChoiceSide | undefined {
  return 'condition' in side ? { condition: side.condition, holds: !side.holds } : undefined;
}

const keyOf = (sides: readonly ChoiceSide[]): string => sides.map(sideKey).sort().join('\u0000');

/** A key that is the same for two choices of the same alternatives (in any order). */
export function choiceKey(choice: DeployChoice): string {
  return choice.map(keyOf).sort().join('\u0001');
}

/**
 * The choices under which something is found on any of `choices`, in as few sides as they allow:
 * two alternatives that differ only by the side of one condition are one without it (each pair
 * merged, as many times as it can be), and of those the fewest that hold every alternative are
 * kept. Undefined when it is found on every side (one of `choices` undefined, or the alternatives
 * cover both sides of each condition they name).
 */
export function mergedChoices(choices: Iterable<DeployChoice | undefined>): DeployChoice | undefined {
  const given = new Map<string, ChoiceAlternative>();
  for (const choice of choices) {
    if (choice === undefined) return undefined;
    for (const alternative of choice) {
      const sides = distinct(alternative);
      if (!given.has(keyOf(sides))) given.set(keyOf(sides), sides);
    }
  }
  // Every alternative any merges make, widest last; those no merge widens are candidates.
  const candidates: ChoiceAlternative[] = [];
  let round = [...given.values()];
  while (round.length > 0) {
    const keys = new Map(round.map((sides) => [keyOf(sides), sides] as const));
    const merged = new Map<string, ChoiceAlternative>();
    const widened = new Set<string>();
    for (const sides of round)
      for (const side of sides) {
        const other = otherSide(side);
        const flipped = other === undefined ? undefined : keyOf(sides.map((s) => (s === side ? other : s)));
        if (flipped === undefined || !keys.has(flipped)) continue;
        const rest = sides.filter((s) => s !== side);
        if (rest.length === 0) return undefined;
        widened.add(keyOf(sides));
        widened.add(flipped);
        if (!merged.has(keyOf(rest))) merged.set(keyOf(rest), rest);
      }
    candidates.push(...round.filter((sides) => !widened.has(keyOf(sides))));
    round = [...merged.values()];
  }
  // The fewest candidates that hold every alternative given (greedy), in the order first given.
  const holds = (wide: ChoiceAlternative, narrow: ChoiceAlternative): boolean => {
    const keys = new Set(narrow.map(sideKey));
    return wide.every((s) => keys.has(sideKey(s)));
  };
  const open = [...given.values()];
  const kept: ChoiceAlternative[] = [];
  while (open.length > 0) {
    let best = candidates[0] ?? [];
    let most = -1;
    for (const candidate of candidates) {
      const count = open.filter((sides) => holds(candidate, sides)).length;
      if (count > most || (count === most && candidate.length < best.length)) [best, most] = [candidate, count];
    }
    kept.push(best);
    for (let i = open.length - 1; i >= 0; i--) if (holds(best, open[i] ?? [])) open.splice(i, 1);
  }
  const order = [...given.values()];
  const first = (sides: ChoiceAlternative): number => order.findIndex((o) => holds(sides, o));
  kept.sort((a, b) => first(a) - first(b));
  return kept;
}

/**
 * The choices under which both `a` and `b` hold (`a` taken on each of its alternatives along with
 * `b`); undefined (every deploy) for either is the other.
 */
export function bothChoices(a: DeployChoice | undefined, b: DeployChoice | undefined): DeployChoice | undefined {
  if (a === undefined || b === undefined) return a ?? b;
  return a.flatMap((alternative) => b.map((other) => distinct([...alternative, ...other])));
}

/**
 * How a finding names the choices it is found under: `(when condition \`A\` is false)`; when the
 * sides would name more than `MAX_NAMED_SIDES` choices, the choices only
 * (`(depending on conditions \`A\`, ... and \`F\`)`, `..., and on \`Stage\``), which say at least what to look at.
 */
export function choiceSuffix(choice: DeployChoice | undefined): string {
  if (choice === undefined) return '';
  const sides = choice.flat();
  const named = new Set(sides.map(choiceName));
  if (named.size <= MAX_NAMED_SIDES) return ` (when ${choiceWords(choice)})`;
  const conditions = [...new Set(sides.flatMap((s) => ('condition' in s ? [`\`${s.condition}\``] : [])))];
  const others = [...new Set(sides.flatMap((s) => ('condition' in s ? [] : [s.choice])))];
  const list = (items: readonly string[]): string =>
    items.length === 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1] ?? ''}`;
  const words = [
    ...(conditions.length > 0 ? [`condition${conditions.length > 1 ? 's' : ''} ${list(conditions)}`] : []),
    ...(others.length > 0 ? [list(others)] : []),
  ];
  // Conditions and other choices (a parameter choosing a mapping entry) are two lists: the second
  // said apart, so that its name is not read as one more condition.
  return ` (depending on ${words.join(', and on ')})`;
}

/** The value a way gives a choice none of the statements name (a mapping entry they do not read). */
const ANOTHER_VALUE = 'another value';

/** One way of deploying: the side of each named condition and the value of each other choice (by `chooser`). */
interface WayValues {
  readonly truth: ReadonlyMap<string, boolean>;
  readonly values: ReadonlyMap<string, string>;
}

/** Whether a way takes `side`: its condition on that side, or its choice on that value. */
function wayTakesSide(way: WayValues, side: ChoiceSide): boolean {
  return 'condition' in side
    ? way.truth.get(side.condition) === side.holds
    : way.values.get(chooser(side)) === side.value;
}

/**
 * Whether the way of deploying `way` (one alternative, as `deployWays` names it) takes some
 * alternative of `choice`.
 */
export function wayTakes(way: DeployChoice, choice: DeployChoice): boolean {
  const sides = way[0] ?? [];
  const values: WayValues = {
    truth: new Map(sides.flatMap((s) => ('condition' in s ? [[s.condition, s.holds] as const] : []))),
    values: new Map(sides.flatMap((s) => ('condition' in s ? [] : [[chooser(s), s.value] as const]))),
  };
  return choice.some((alternative) => alternative.every((side) => wayTakesSide(values, side)));
}

/**
 * The ways a deploy may make a document whose statements are chosen by `choices` (undefined: made
 * by every deploy): for each, the indexes of the statements it makes and its sides. A named
 * condition is true or false; another choice (a parameter choosing a mapping entry) takes one
 * value everywhere it is read, so two look-ups by one key take one entry: each value a statement
 * names, or another (which makes none of them: the values it may take are not all known here).
 * Undefined when there are more than `maxWays` ways. `deployable` leaves out the ways no deploy
 * takes (given the side of each named condition: `IsProd` and `IsDev` both true when they compare
 * one parameter to two texts).
 */
export function deployWays(
  choices: readonly (DeployChoice | undefined)[],
  maxWays: number,
  deployable: (truth: ReadonlyMap<string, boolean>) => boolean = () => true,
): { readonly statements: readonly number[]; readonly choice: DeployChoice }[] | undefined {
  const conditions = new Set<string>();
  // Each other choice by its key: its words and the values the statements name.
  const named = new Map<string, { words: string; key: string | undefined; values: Set<string> }>();
  for (const choice of choices)
    for (const side of choice?.flat() ?? []) {
      if ('condition' in side) conditions.add(side.condition);
      else {
        let other = named.get(chooser(side));
        if (other === undefined)
          named.set(chooser(side), (other = { words: side.choice, key: side.key, values: new Set() }));
        other.values.add(side.value);
      }
    }
  const names = [...conditions];
  const others = [...named].map(([choice, { values }]) => [choice, [...values, ANOTHER_VALUE]] as const);
  const count = others.reduce((product, [, values]) => product * values.length, 2 ** names.length);
  if (count > maxWays) return undefined;
  const ways: { statements: number[]; choice: DeployChoice }[] = [];
  for (let index = 0; index < count; index++) {
    // The index read as digits: one bit per condition, then one digit per other choice.
    const truth = new Map(names.map((name, i) => [name, (index & (1 << i)) === 0] as const));
    if (!deployable(truth)) continue;
    let rest = Math.floor(index / 2 ** names.length);
    const values = new Map<string, string>();
    for (const [choice, taken] of others) {
      values.set(choice, taken[rest % taken.length] ?? ANOTHER_VALUE);
      rest = Math.floor(rest / taken.length);
    }
    const way: WayValues = { truth, values };
    const statements = choices.flatMap((choice, i) =>
      choice === undefined || choice.some((sides) => sides.every((side) => wayTakesSide(way, side))) ? [i] : [],
    );
    ways.push({
      statements,
      choice: [
        [
          ...names.map((name) => ({ condition: name, holds: truth.get(name) === true })),
          ...[...values].map(([choice, value]) => {
            const other = named.get(choice);
            return { choice: other?.words ?? choice, value, ...(other?.key === undefined ? {} : { key: other.key }) };
          }),
        ],
      ],
    });
  }
  return ways;
}

/**
 * Whether a deploy may give the named conditions the sides `truth` gives them, given, for each of
 * some documents, the sides of its conditions a deploy may take together (`deployableSides`): it
 * must take sides that go together for every one. A condition `truth` leaves out may take either.
 */
export function deployableWith(known: KnownSides): (truth: ReadonlyMap<string, boolean>) => boolean {
  return (truth) =>
    known.every((possible) =>
      possible.some((together) => Object.entries(together).every(([name, side]) => (truth.get(name) ?? side) === side)),
    );
}

/**
 * Whether a deploy may take the sides of some alternative of `choice` (see `deployableWith`); an
 * alternative taking both sides of one condition is never taken. Sides that are not of named
 * conditions (a mapping entry) are taken as possible.
 */
function mayDeploy(choice: DeployChoice, known: KnownSides): boolean {
  const deployable = deployableWith(known);
  return choice.some((alternative) => {
    const truth = new Map<string, boolean>();
    for (const side of alternative) {
      if (!('condition' in side)) continue;
      if (truth.get(side.condition) === !side.holds) return false;
      truth.set(side.condition, side.holds);
    }
    return deployable(truth);
  });
}

/** The sides of named conditions a deploy may take together, for each of some documents (see `deployableWith`). */
export type KnownSides = readonly (readonly Readonly<Record<string, boolean>>[])[];

/**
 * The `deployableSides` of documents and attachments (a policy, the attachment that gives it to a
 * principal), those that say something only.
 */
export function knownSidesOf(
  holders: Iterable<
    { readonly deployableSides?: readonly Readonly<Record<string, boolean>>[] | undefined } | undefined
  >,
): KnownSides {
  const known: (readonly Readonly<Record<string, boolean>>[])[] = [];
  for (const holder of holders) {
    const sides = holder?.deployableSides;
    if (sides !== undefined && sides.length > 0) known.push(sides);
  }
  return known;
}

/**
 * The choices under which every action of something is granted, given the choices of every grant
 * of each action: any grant of an action (its choices joined), and every action together.
 * Undefined: on every deploy.
 */
export function grantedChoice(byAction: Iterable<Iterable<DeployChoice | undefined>>): DeployChoice | undefined {
  let choice: DeployChoice | undefined;
  for (const grants of byAction) choice = bothChoices(choice, mergedChoices(grants));
  return choice;
}

// How many ways of deploying are searched to tell whether a choice is taken by every one.
const MAX_SETTLE_WAYS = 64;

/**
 * A choice as a finding names it: null when no deploy takes it (`IsProd` and `IsDev` on one
 * parameter), undefined when every deploy does (`IsProd`, or `IsDev`, of a parameter that is
 * `prod` or `dev`), else its sides in as few words as they allow.
 */
export function settledChoice(choice: DeployChoice | undefined, known: KnownSides): DeployChoice | undefined | null {
  if (choice === undefined) return undefined;
  if (!mayDeploy(choice, known)) return null;
  const ways = deployWays([choice], MAX_SETTLE_WAYS, deployableWith(known));
  if (ways !== undefined && ways.every((way) => way.statements.length > 0)) return undefined;
  return mergedChoices([choice]);
}
