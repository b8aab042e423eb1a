/**
 * A small reader for the HCL expressions that build policies in .tf files (`jsonencode({...})`):
 * objects, tuples, strings with `${...}` interpolation, numbers, booleans, null and references.
 * Anything else (function calls other than jsonencode, for expressions, conditionals, operators)
 * is reported as unsupported, so the caller keeps the policy unresolved.
 */

/** A parsed expression. */
export type HclNode =
  | { readonly kind: 'literal'; readonly value: string | number | boolean | null }
  | { readonly kind: 'template'; readonly parts: readonly (string | HclNode)[] }
  | { readonly kind: 'reference'; readonly text: string }
  | { readonly kind: 'object'; readonly entries: readonly (readonly [string, HclNode])[] }
  | { readonly kind: 'tuple'; readonly items: readonly HclNode[] }
  | { readonly kind: 'call'; readonly name: string; readonly args: readonly HclNode[] };

/** Thrown for syntax the reader does not support; callers turn it into an unresolved policy. */
export class UnsupportedHcl extends Error {}

/** Parses an attribute as hcl2json renders it: a template body, `${expr}` standing for the expression itself. */
export function parseHclAttribute(source: string): HclNode {
  const node = new Reader(source).templateBody(undefined);
  const only = node.kind === 'template' && node.parts.length === 1 ? node.parts[0] : undefined;
  return only !== undefined && typeof only !== 'string' ? only : node;
}

/** Parses one expression. */
export function parseHclExpression(source: string): HclNode {
  const reader = new Reader(source);
  const node = reader.expression();
  reader.space();
  if (!reader.done()) throw new UnsupportedHcl(`unexpected \`${reader.rest(10)}\``);
  return node;
}

class Reader {
  private i = 0;
  constructor(private readonly text: string) {}

  done(): boolean {
    return this.i >= this.text.length;
  }

  rest(n: number): string {
    return this.text.slice(this.i, this.i + n);
  }

  space(newlines = true): void {
    for (;;) {
      const c = this.text[this.i];
      if (c === ' ' || c === '\t' || c === '\r' || (newlines && c === '\n')) this.i += 1;
      else if (c === '#' || (c === '/' && this.text[this.i + 1] === '/')) {
        while (this.i < this.text.length && this.text[this.i] !== '\n') this.i += 1;
      } else if (c === '/' && this.text[this.i + 1] === '*') {
        const end = this.text.indexOf('*/', this.i + 2);
        this.i = end < 0 ? this.text.length : end + 2;
      } else return;
    }
  }

  private expect(char: string): void {
    this.space();
    if (this.text[this.i] !== char) throw new UnsupportedHcl(`expected \`${char}\` at \`${this.rest(10)}\``);
    this.i += 1;
  }

  expression(): HclNode {
    this.space();
    const c = this.text[this.i];
    if (c === '{') return this.object();
    if (c === '[') return this.tuple();
    if (c === '"') return this.template();
    if (c !== undefined && /[-\d]/.test(c)) {
      const match = /^-?\d+(\.\d+)?([eE][-+]?\d+)?/.exec(this.text.slice(this.i));
      if (match === null) throw new UnsupportedHcl(`unexpected \`${this.rest(10)}\``);
      this.i += match[0].length;
      return { kind: 'literal', value: Number(match[0]) };
    }
    const match = /^[A-Za-z_][\w-]*/.exec(this.text.slice(this.i));
    if (match === null) throw new UnsupportedHcl(`unexpected \`${this.rest(10)}\``);
    const word = match[0];
    this.i += word.length;
    if (word === 'true' || word === 'false') return { kind: 'literal', value: word === 'true' };
    if (word === 'null') return { kind: 'literal', value: null };
    if (this.text[this.i] === '(') {
      this.i += 1;
      const args: HclNode[] = [];
      this.space();
      while (this.text[this.i] !== ')') {
        args.push(this.expression());
        this.space();
        if (this.text[this.i] === ',') this.i += 1;
        else if (this.text[this.i] !== ')') throw new UnsupportedHcl(`unexpected \`${this.rest(10)}\` in a call`);
        this.space();
      }
      this.i += 1;
      return { kind: 'call', name: word, args };
    }
    let reference = word;
    for (;;) {
      const step = /^(\.[A-Za-z_][\w-]*|\[\d+\]|\["[^"]*"\])/.exec(this.text.slice(this.i));
      if (step === null) break;
      reference += step[0];
      this.i += step[0].length;
    }
    this.space(false);
    if (/^[?+*/%<>!=&|]|^-(?!\d)/.test(this.rest(2)) && !this.rest(2).startsWith('=>'))
      throw new UnsupportedHcl(`operators are not supported (\`${this.rest(10)}\`)`);
    return { kind: 'reference', text: reference };
  }

  private object(): HclNode {
    this.i += 1;
    const entries: [string, HclNode][] = [];
    for (;;) {
      this.space();
      if (this.text[this.i] === '}') {
        this.i += 1;
        return { kind: 'object', entries };
      }
      let key: string;
      if (this.text[this.i] === '"') {
        const node = this.template();
        if (node.kind !== 'literal' || typeof node.value !== 'string')
          throw new UnsupportedHcl('computed object keys are not supported');
        key = node.value;
      } else {
        const match = /^[A-Za-z_][\w-]*/.exec(this.text.slice(this.i));
        if (match === null) throw new UnsupportedHcl(`unexpected \`${this.rest(10)}\` in an object`);
        key = match[0];
        this.i += key.length;
      }
      this.space();
      const separator = this.text[this.i];
      if (separator !== '=' && separator !== ':') throw new UnsupportedHcl(`expected \`=\` after \`${key}\``);
      this.i += 1;
      entries.push([key, this.expression()]);
      this.space();
      if (this.text[this.i] === ',') this.i += 1;
    }
  }

  private tuple(): HclNode {
    this.i += 1;
    const items: HclNode[] = [];
    for (;;) {
      this.space();
      if (this.text[this.i] === ']') {
        this.i += 1;
        return { kind: 'tuple', items };
      }
      if (this.text.startsWith('for ', this.i)) throw new UnsupportedHcl('for expressions are not supported');
      items.push(this.expression());
      this.space();
      if (this.text[this.i] === ',') this.i += 1;
      else if (this.text[this.i] !== ']') throw new UnsupportedHcl(`unexpected \`${this.rest(10)}\` in a list`);
    }
  }

  private template(): HclNode {
    this.i += 1;
    return this.templateBody('"');
  }

  /** A template up to the closing quote, or to the end of the text when `terminator` is undefined. */
  templateBody(terminator: '"' | undefined): HclNode {
    const parts: (string | HclNode)[] = [];
    let literal = '';
    for (;;) {
      const c = this.text[this.i];
      if (c === undefined) {
        if (terminator === undefined) break;
        throw new UnsupportedHcl('unterminated string');
      }
      if (c === terminator) {
        this.i += 1;
        break;
      }
      if (c === '\\' && terminator !== undefined) {
        const next = this.text[this.i + 1];
        const escapes: Record<string, string> = { n: '\n', t: '\t', r: '\r', '"': '"', '\\': '\\' };
        if (next === 'u') {
          literal += String.fromCharCode(parseInt(this.text.slice(this.i + 2, this.i + 6), 16));
          this.i += 6;
        } else {
          literal += escapes[next ?? ''] ?? next ?? '';
          this.i += 2;
        }
      } else if (c === '$' && this.text[this.i + 1] === '$' && this.text[this.i + 2] === '{') {
        literal += '${';
        this.i += 3;
      } else if (c === '$' && this.text[this.i + 1] === '{') {
        if (literal !== '') parts.push(literal);
        literal = '';
        this.i += 2;
        parts.push(this.expression());
        this.expect('}');
      } else if (c === '%' && this.text[this.i + 1] === '{') {
        throw new UnsupportedHcl('template directives are not supported');
      } else {
        literal += c;
        this.i += 1;
      }
    }
    if (literal !== '') parts.push(literal);
    if (parts.length === 0) return { kind: 'literal', value: '' };
    if (parts.length === 1 && typeof parts[0] === 'string') return { kind: 'literal', value: parts[0] };
    return { kind: 'template', parts };
  }
}
