/** JSON pointers (RFC 6901) into policy documents. */

/** Escapes one reference token: `~` becomes `~0`, `/` becomes `~1`. */
export function escapePointerToken(token: string | number): string {
  const text = String(token);
  // Fast path: parsing a large policy builds hundreds of thousands of pointers.
  if (!text.includes('~') && !text.includes('/')) return text;
  return text.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** The pointer of a child of `base` (`''` is the whole document). */
export function childPointer(base: string, token: string | number): string {
  return base + '/' + escapePointerToken(token);
}

/** The reference tokens of a pointer, unescaped; `''` gives `[]`. */
export function pointerTokens(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}
