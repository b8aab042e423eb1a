/**
 * IAM wildcard matching: `*` matches any run of characters (including none), `?` exactly one.
 * No regular expression is built from policy text: the pattern is split at `*` into segments, the
 * first anchored at the start, the last at the end, and the middle ones found leftmost in order,
 * which is exact for this pattern language and takes time linear in the text for literal segments.
 */

/** Options of {@link matchWildcard}. */
export interface WildcardOptions {
  /** Compare letters without case (actions); ARNs and condition values are case-sensitive. */
  readonly ignoreCase?: boolean;
}

/** True when `value` matches `pattern` (`*` and `?` wildcards). */
export function matchWildcard(pattern: string, value: string, options: WildcardOptions = {}): boolean {
  if (options.ignoreCase) {
    pattern = pattern.toLowerCase();
    value = value.toLowerCase();
  }
  if (!pattern.includes('*')) return segmentAt(pattern, value, 0) && pattern.length === value.length;
  const segments = pattern.split('*');
  const first = segments[0] ?? '';
  const last = segments[segments.length - 1] ?? '';
  if (first.length + last.length > value.length) return false;
  if (!segmentAt(first, value, 0)) return false;
  if (!segmentAt(last, value, value.length - last.length)) return false;
  let position = first.length;
  const end = value.length - last.length;
  for (let i = 1; i < segments.length - 1; i++) {
    const segment = segments[i] ?? '';
    if (segment === '') continue;
    const found = findSegment(segment, value, position, end);
    if (found < 0) return false;
    position = found + segment.length;
  }
  return true;
}

/** True when the pattern contains a wildcard character. */
export function hasWildcard(pattern: string): boolean {
  return pattern.includes('*') || pattern.includes('?');
}

/** True when `segment` (no `*`, maybe `?`) matches `value` at `offset`. */
function segmentAt(segment: string, value: string, offset: number): boolean {
  if (offset < 0 || offset + segment.length > value.length) return false;
  for (let i = 0; i < segment.length; i++) {
    const c = segment.charCodeAt(i);
    if (c !== 63 /* ? */ && c !== value.charCodeAt(offset + i)) return false;
  }
  return true;
}

/** Leftmost offset in [from, end - segment.length] where `segment` matches, or -1. */
function findSegment(segment: string, value: string, from: number, end: number): number {
  if (!segment.includes('?')) {
    const found = value.indexOf(segment, from);
    return found >= 0 && found + segment.length <= end ? found : -1;
  }
  // Anchor the search on the longest literal run of the segment so that the scan stays fast.
  const runs = segment.split('?');
  let anchor = 0;
  let anchorOffset = 0;
  let offset = 0;
  runs.forEach((run, i) => {
    if (run.length > (runs[anchor]?.length ?? 0)) {
      anchor = i;
      anchorOffset = offset;
    }
    offset += run.length + 1;
  });
  const anchorText = runs[anchor] ?? '';
  if (anchorText === '') {
    return from + segment.length <= end ? from : -1;
  }
  let search = from + anchorOffset;
  for (;;) {
    const hit = value.indexOf(anchorText, search);
    if (hit < 0) return -1;
    const start = hit - anchorOffset;
    if (start + segment.length > end) return -1;
    if (segmentAt(segment, value, start)) return start;
    search = hit + 1;
  }
}
