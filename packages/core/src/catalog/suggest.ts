/**
 * Did-you-mean suggestions: the closest candidate by edit distance (insertions, deletions,
 * substitutions, transpositions of neighbours), case-insensitive. Work is bounded: input longer
 * than {@link MAX_LENGTH} gets no suggestion and each comparison stops once the distance exceeds
 * the limit.
 */

const MAX_LENGTH = 128;

/** Closest candidate within `maxDistance` (default: a third of the input's length, at least 1), or undefined. */
export function closestMatch(input: string, candidates: Iterable<string>, maxDistance?: number): string | undefined {
  if (input.length === 0 || input.length > MAX_LENGTH) return undefined;
  const lowered = input.toLowerCase();
  const limit = maxDistance ?? Math.max(1, Math.floor(input.length / 3));
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const candidate of candidates) {
    if (Math.abs(candidate.length - input.length) >= bestDistance) continue;
    const distance = boundedDistance(lowered, candidate.toLowerCase(), bestDistance - 1);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
      if (distance === 0) break;
    }
  }
  return best;
}

/** Optimal string alignment distance, or `limit + 1` as soon as it must exceed `limit`. */
export function boundedDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let previous2 = new Array<number>(b.length + 1).fill(0);
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  let current = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let value = Math.min(
        (previous[j] as number) + 1,
        (current[j - 1] as number) + 1,
        (previous[j - 1] as number) + cost,
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        value = Math.min(value, (previous2[j - 2] as number) + 1);
      }
      current[j] = value;
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > limit) return limit + 1;
    [previous2, previous, current] = [previous, current, previous2];
  }
  return Math.min(previous[b.length] as number, limit + 1);
}
