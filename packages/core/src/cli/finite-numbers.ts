/**
 * Numbers a JSON or YAML input holds that no double can: `1e400` parses as `Infinity`, YAML's
 * `.inf` and `.nan` are what they say. Read on, they would compare, print and serialize as
 * something the file does not hold (`Infinity`, `null`).
 */

/** Where the first such number is (a JSON pointer) and what is wrong with it; `undefined` when none. */
export function nonFiniteNumber(value: unknown): { readonly pointer: string; readonly message: string } | undefined {
  // Depth first with an explicit stack: a value nested thousands deep must not overflow the call stack.
  const stack: [unknown, string][] = [[value, '']];
  while (stack.length > 0) {
    const [current, pointer] = stack.pop() as [unknown, string];
    if (typeof current === 'number') {
      if (Number.isNaN(current)) return { pointer, message: 'not a number (`.nan`)' };
      if (current === Infinity)
        return { pointer, message: `number out of range: beyond ${MAX}, the largest a double holds` };
      if (current === -Infinity)
        return { pointer, message: `number out of range: beyond -${MAX}, the smallest a double holds` };
      continue;
    }
    if (typeof current !== 'object' || current === null) continue;
    const children: [unknown, string][] = Array.isArray(current)
      ? current.map((item, index): [unknown, string] => [item, String(index)])
      : Object.entries(current).map(([key, child]): [unknown, string] => [child, key]);
    // Pushed last first, so that the first member in the file is the first reported.
    for (let i = children.length - 1; i >= 0; i--) {
      const [child, key] = children[i] as [unknown, string];
      stack.push([child, `${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`]);
    }
  }
  return undefined;
}

const MAX = String(Number.MAX_VALUE);
