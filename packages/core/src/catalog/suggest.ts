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
  const limit = maxDistance ?? Math.max(1, Math.floor(input.length / 3));
  let best: string | undefined;
  let bestDistance = limit + 1;
  const counts = new Int32Array(32);
  count(counts, input, 1);
  for (const candidate of candidates) {
    if (Math.abs(candidate.length - input.length) >= bestDistance || candidate.length > MAX_LENGTH) continue;
    if (letterBound(counts, candidate) >= bestDistance) continue;
    const distance = boundedDistance(input, candidate, bestDistance - 1);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
      if (distance === 0) break;
    }
  }
  return best;
}

/**
 * A lower bound of the distance from the input (its letters counted in `counts`, by code modulo
 * 32) to `candidate`: an edit changes the counts by at most 2 in all (a transposition by none),
 * so the distance is at least half their difference. Far cheaper than the table it spares.
 */
function letterBound(counts: Int32Array, candidate: string): number {
  count(counts, candidate, -1);
  let difference = 0;
  for (let b = 0; b < 32; b++) difference += Math.abs(counts[b] as number);
  count(counts, candidate, 1);
  return Math.ceil(difference / 2);
}

function count(counts: Int32Array, text: string, step: number): void {
  for (let i = 0; i < text.length; i++) {
    const bucket = folded(text.charCodeAt(i)) & 31;
    counts[bucket] = (counts[bucket] as number) + step;
  }
}

// Three rows of the distance table, reused by every comparison (a policy of thousands of unknown
// actions compares each with hundreds of names): grown when a longer name comes.
let rows = new Int32Array(3 * (MAX_LENGTH + 1));

/** A character code with ASCII letters in lower case (names compared are ASCII). */
function folded(code: number): number {
  return code >= 65 && code <= 90 ? code + 32 : code;
}

/**
 * Optimal string alignment distance of `a` and `b` ignoring ASCII case, or `limit + 1` as soon
 * as it must exceed `limit`.
 */
export function boundedDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  const width = b.length + 1;
  if (rows.length < 3 * width) rows = new Int32Array(3 * width);
  // Row offsets in `rows`: two rows back, the previous row, the current row.
  let back2 = 0;
  let back = width;
  let current = 2 * width;
  for (let j = 0; j < width; j++) rows[back + j] = j;
  let before = -1;
  for (let i = 1; i <= a.length; i++) {
    const ca = folded(a.charCodeAt(i - 1));
    rows[current] = i;
    let rowMin = i;
    let previousB = -1;
    for (let j = 1; j < width; j++) {
      const cb = folded(b.charCodeAt(j - 1));
      let value = (rows[back + j - 1] as number) + (ca === cb ? 0 : 1);
      const deletion = (rows[back + j] as number) + 1;
      if (deletion < value) value = deletion;
      const insertion = (rows[current + j - 1] as number) + 1;
      if (insertion < value) value = insertion;
      if (ca === previousB && before === cb) {
        const transposition = (rows[back2 + j - 2] as number) + 1;
        if (transposition < value) value = transposition;
      }
      rows[current + j] = value;
      if (value < rowMin) rowMin = value;
      previousB = cb;
    }
    if (rowMin > limit) return limit + 1;
    before = ca;
    const oldest = back2;
    back2 = back;
    back = current;
    current = oldest;
  }
  return Math.min(rows[back + width - 1] as number, limit + 1);
}
