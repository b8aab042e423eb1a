/**
 * The deploy choices a statement is made under (`PolicySource.statementChoices`), in the words an
 * adapter gives them: alternatives joined by `, or `, each the sides it takes joined by ` and `,
 * a side `<choice> is <value>` (`condition \`IsProd\` is true`, `\`Stage\` is \`dev\``).
 */

const OR = ', or ';
const AND = ' and ';

/** How many choices a finding names the sides of; past it, it names the choices only. */
const MAX_NAMED_SIDES = 5;

/** `condition \`A\` is true` -> [`condition \`A\``, `true`]; other words -> [words, undefined]. */
function sideOf(term: string): readonly [string, string | undefined] {
  const at = term.lastIndexOf(' is ');
  return at < 0 ? [term, undefined] : [term.slice(0, at), term.slice(at + 4)];
}

/** The other side of a named condition (`condition \`A\` is true` -> `... is false`), if `term` is one. */
function otherSide(term: string): string | undefined {
  const [choice, value] = sideOf(term);
  if (!choice.startsWith('condition ')) return undefined;
  return value === 'true' ? `${choice} is false` : value === 'false' ? `${choice} is true` : undefined;
}

const keyOf = (terms: readonly string[]): string => [...terms].sort().join('\u0000');

/**
 * The choices under which something is found on any of `choices`, in as few words as they allow:
 * two alternatives that differ only by the side of one condition are one without it (each pair
 * merged, as many times as it can be), and of those the fewest that hold every alternative are
 * kept. Undefined when it is found on every side (one of `choices` undefined, or the alternatives
 * cover both sides of each condition they name).
 */
export function mergedChoices(choices: Iterable<string | undefined>): string | undefined {
  const given = new Map<string, readonly string[]>();
  for (const choice of choices) {
    if (choice === undefined) return undefined;
    for (const alternative of choice.split(OR)) {
      const terms = [...new Set(alternative.split(AND))];
      if (!given.has(keyOf(terms))) given.set(keyOf(terms), terms);
    }
  }
  // Every alternative any merges make, widest last; those no merge widens are candidates.
  const candidates: (readonly string[])[] = [];
  let round = [...given.values()];
  while (round.length > 0) {
    const keys = new Map(round.map((terms) => [keyOf(terms), terms] as const));
    const merged = new Map<string, readonly string[]>();
    const widened = new Set<string>();
    for (const terms of round)
      for (const term of terms) {
        const other = otherSide(term);
        const flipped = other === undefined ? undefined : keyOf(terms.map((t) => (t === term ? other : t)));
        if (flipped === undefined || !keys.has(flipped)) continue;
        const rest = terms.filter((t) => t !== term);
        if (rest.length === 0) return undefined;
        widened.add(keyOf(terms));
        widened.add(flipped);
        if (!merged.has(keyOf(rest))) merged.set(keyOf(rest), rest);
      }
    candidates.push(...round.filter((terms) => !widened.has(keyOf(terms))));
    round = [...merged.values()];
  }
  // The fewest candidates that hold every alternative given (greedy), in the order first given.
  const holds = (wide: readonly string[], narrow: readonly string[]): boolean => wide.every((t) => narrow.includes(t));
  const open = [...given.values()];
  const kept: (readonly string[])[] = [];
  while (open.length > 0) {
    let best = candidates[0] ?? [];
    let most = -1;
    for (const candidate of candidates) {
      const count = open.filter((terms) => holds(candidate, terms)).length;
      if (count > most || (count === most && candidate.length < best.length)) [best, most] = [candidate, count];
    }
    kept.push(best);
    for (let i = open.length - 1; i >= 0; i--) if (holds(best, open[i] ?? [])) open.splice(i, 1);
  }
  const order = [...given.values()];
  const first = (terms: readonly string[]): number => order.findIndex((o) => holds(terms, o));
  kept.sort((a, b) => first(a) - first(b));
  return kept.map((terms) => terms.join(AND)).join(OR);
}

/**
 * The choices under which both `a` and `b` hold (`a` taken on each of its alternatives along with
 * `b`); undefined (every deploy) for either is the other.
 */
export function bothChoices(a: string | undefined, b: string | undefined): string | undefined {
  if (a === undefined || b === undefined) return a ?? b;
  const others = b.split(OR);
  return a
    .split(OR)
    .flatMap((alternative) =>
      others.map((other) => [...new Set([...alternative.split(AND), ...other.split(AND)])].join(AND)),
    )
    .join(OR);
}

/**
 * How a finding names the choices it is found under: `(when condition \`A\` is false)`; when the
 * sides would name more than `MAX_NAMED_SIDES` choices, the choices only
 * (`(depending on conditions \`A\`, ... and \`F\`)`, `..., and on \`Stage\``), which say at least what to look at.
 */
export function choiceSuffix(choice: string | undefined): string {
  if (choice === undefined) return '';
  const named = [
    ...new Set(choice.split(OR).flatMap((alternative) => alternative.split(AND).map((t) => sideOf(t)[0]))),
  ];
  if (named.length <= MAX_NAMED_SIDES) return ` (when ${choice})`;
  const conditions = named.filter((n) => n.startsWith('condition ')).map((n) => n.slice('condition '.length));
  const others = named.filter((n) => !n.startsWith('condition '));
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

/**
 * The ways a deploy may make a document whose statements are chosen by `choices` (undefined: made
 * by every deploy): for each, the indexes of the statements it makes and its sides in words.
 * Undefined when the choices are not all sides of named conditions (a value chosen from a mapping
 * may take values no statement names), or take more than `maxWays` ways. `deployable` leaves out
 * the ways no deploy takes (given the side of each condition, named `condition \`A\``: `IsProd`
 * and `IsDev` both true when they compare one parameter to two texts).
 */
export function deployWays(
  choices: readonly (string | undefined)[],
  maxWays: number,
  deployable: (truth: ReadonlyMap<string, boolean>) => boolean = () => true,
): { readonly statements: readonly number[]; readonly words: string }[] | undefined {
  const parsed = choices.map((choice) =>
    choice === undefined ? undefined : choice.split(OR).map((alternative) => alternative.split(AND).map(sideOf)),
  );
  const conditions = new Set<string>();
  for (const alternatives of parsed)
    for (const terms of alternatives ?? [])
      for (const [choice, value] of terms) {
        if (!choice.startsWith('condition ') || (value !== 'true' && value !== 'false')) return undefined;
        conditions.add(choice);
      }
  const names = [...conditions];
  if (2 ** names.length > maxWays) return undefined;
  const ways: { statements: number[]; words: string }[] = [];
  for (let mask = 0; mask < 2 ** names.length; mask++) {
    const truth = new Map(names.map((name, i) => [name, (mask & (1 << i)) === 0 ? 'true' : 'false'] as const));
    if (!deployable(new Map(names.map((name) => [name, truth.get(name) === 'true'] as const)))) continue;
    const statements = parsed.flatMap((alternatives, index) =>
      alternatives === undefined || alternatives.some((terms) => terms.every(([c, v]) => truth.get(c) === v))
        ? [index]
        : [],
    );
    ways.push({ statements, words: names.map((name) => `${name} is ${truth.get(name) ?? ''}`).join(AND) });
  }
  return ways;
}
