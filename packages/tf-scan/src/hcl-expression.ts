/**
 * A reader for the HCL native expression syntax that builds policies in .tf files: literals,
 * templates with `${...}` interpolation and `%{if}`/`%{for}` directives, objects, tuples,
 * references, function calls, `for` expressions, splats, conditionals and operators. It parses
 * only; hcl-eval.ts gives the values. Syntax it does not read is reported as unsupported, so
 * the caller keeps the policy unresolved.
 */

/** A parsed expression. */
export type HclNode =
  | { readonly kind: 'literal'; readonly value: string | number | boolean | null }
  | { readonly kind: 'template'; readonly parts: readonly (string | HclNode)[] }
  /** A traversal with static steps from a name: `var.x`, `aws_s3_bucket.b.arn`, `x[0]`, `x["k"]`. */
  | { readonly kind: 'reference'; readonly text: string }
  /** An object; a key is a name or a string, or an expression when written in parentheses. */
  | { readonly kind: 'object'; readonly entries: readonly (readonly [string | HclNode, HclNode])[] }
  | { readonly kind: 'tuple'; readonly items: readonly HclNode[] }
  /** `expand`: the last argument is spread (`f(list...)`). */
  | { readonly kind: 'call'; readonly name: string; readonly args: readonly HclNode[]; readonly expand?: boolean }
  | ForNode
  | { readonly kind: 'conditional'; readonly condition: HclNode; readonly then: HclNode; readonly else: HclNode }
  | { readonly kind: 'binary'; readonly operator: BinaryOperator; readonly left: HclNode; readonly right: HclNode }
  | { readonly kind: 'unary'; readonly operator: '!' | '-'; readonly operand: HclNode }
  /** An index or attribute that is not part of a static reference (`f(x)[0]`, `x[var.i]`). */
  | { readonly kind: 'index'; readonly target: HclNode; readonly key: HclNode }
  /** `target[*].a.b` or `target.*.a`: the steps applied to each element. */
  | { readonly kind: 'splat'; readonly target: HclNode; readonly steps: readonly (string | number)[] }
  | { readonly kind: 'template-if'; readonly condition: HclNode; readonly then: HclNode; readonly else: HclNode }
  | {
      readonly kind: 'template-for';
      readonly keyName: string | undefined;
      readonly valueName: string;
      readonly collection: HclNode;
      readonly body: HclNode;
    };

/** `[for k, v in xs : v if c]` (`object: false`) or `{for k, v in xs : k => v...}` (`object: true`). */
export interface ForNode {
  readonly kind: 'for';
  readonly object: boolean;
  readonly keyName: string | undefined;
  readonly valueName: string;
  readonly collection: HclNode;
  readonly key: HclNode | undefined;
  readonly value: HclNode;
  readonly condition: HclNode | undefined;
  /** `...` after the value of an object `for`: values of equal keys are grouped into lists. */
  readonly group: boolean;
}

export type BinaryOperator = '||' | '&&' | '==' | '!=' | '<' | '>' | '<=' | '>=' | '+' | '-' | '*' | '/' | '%';

/** Thrown for syntax the reader does not support; callers turn it into an unresolved policy. */
export class UnsupportedHcl extends Error {}

/**
 * Terraform's error over a file an expression reads (`file()`, `templatefile()`, a decoder of
 * their text): it does not exist, is a directory, is not UTF-8, is not JSON or YAML. `try()` falls
 * back from it as Terraform does; where nothing does, `terraform plan` stops there, and the report
 * says why, naming the file.
 */
export class FileUnusable extends UnsupportedHcl {
  constructor(
    /** The path as the expression gives it (relative to the root module, as Terraform reads it). */
    readonly file: string,
    /** What is wrong with it, after its name: `does not exist`, `is not valid JSON (...)`. */
    readonly problem: string,
  ) {
    super(`\`${file}\` ${problem}`);
  }
}

/**
 * A configuration Terraform refuses before it evaluates anything (a provider function named
 * without its provider): no `try()` falls back from it, and `terraform plan` stops there.
 */
export class InvalidConfiguration extends UnsupportedHcl {}

/**
 * What this evaluator does not compute though Terraform would (a function it does not implement):
 * no failure `try()` or `can()` may skip, unlike an error Terraform raises too.
 */
export class UnimplementedHcl extends UnsupportedHcl {}

/** The expressions directly inside `node`, in the order written. */
export function childrenOf(node: HclNode): readonly HclNode[] {
  switch (node.kind) {
    case 'call':
      return node.args;
    case 'template':
      return node.parts.filter((p): p is HclNode => typeof p !== 'string');
    case 'object':
      return node.entries.flatMap(([k, v]) => (typeof k === 'string' ? [v] : [k, v]));
    case 'tuple':
      return node.items;
    case 'for':
      return [node.collection, node.key, node.value, node.condition].filter((p) => p !== undefined);
    case 'template-for':
      return [node.collection, node.body];
    case 'conditional':
    case 'template-if':
      return [node.condition, node.then, node.else];
    case 'binary':
      return [node.left, node.right];
    case 'unary':
      return [node.operand];
    case 'index':
      return [node.target, node.key];
    case 'splat':
      return [node.target];
    default:
      return [];
  }
}

/** Parses an attribute as hcl2json renders it: a template body, `${expr}` standing for the expression itself. */
export function parseHclAttribute(source: string): HclNode {
  const node = new Reader(source).templateBody(undefined);
  const only = node.kind === 'template' && node.parts.length === 1 ? node.parts[0] : undefined;
  return only !== undefined && typeof only !== 'string' ? only : node;
}

/** {@link parseHclAttribute}, or undefined for an expression this reader does not take (other errors are thrown). */
export function parseHclAttributeIfSupported(source: string): HclNode | undefined {
  try {
    return parseHclAttribute(source);
  } catch (error) {
    if (error instanceof UnsupportedHcl) return undefined;
    throw error;
  }
}

/** Parses a template file's text (`templatefile`): interpolations and directives, no quotes around it. */
export function parseHclTemplate(source: string): HclNode {
  return new Reader(source).templateBody(undefined);
}

/** Binary operators by precedence, loosest first, as HCL orders them. */
const PRECEDENCE: readonly (readonly BinaryOperator[])[] = [
  ['||'],
  ['&&'],
  ['==', '!='],
  ['<=', '>=', '<', '>'],
  ['+', '-'],
  ['*', '/', '%'],
];

const NAME = /^[A-Za-z_][\w-]*/;
/**
 * `::aws::arn_parse` after `provider` in a provider-defined function's name (or `::arn_parse`, a
 * name HCL reads and Terraform refuses: it lacks the provider).
 */
const PROVIDER_FUNCTION = /^(?:::[A-Za-z_][\w-]*){1,2}/;

/** Deeper expressions are not read (Terraform's own configurations stay far below). */
const MAX_NESTING = 200;
const MAX_CHAIN = 1000;

class Reader {
  private i = 0;
  private depth = 0;
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

  private expect(token: string): void {
    this.space();
    if (!this.text.startsWith(token, this.i)) throw new UnsupportedHcl(`expected \`${token}\` at \`${this.rest(10)}\``);
    this.i += token.length;
  }

  /** Consumes `token` (after space) when it is next. */
  private accept(token: string): boolean {
    this.space();
    if (!this.text.startsWith(token, this.i)) return false;
    this.i += token.length;
    return true;
  }

  private name(): string {
    this.space();
    const match = NAME.exec(this.text.slice(this.i, this.i + 256));
    if (match === null) throw new UnsupportedHcl(`expected a name at \`${this.rest(10)}\``);
    this.i += match[0].length;
    return match[0];
  }

  /** A keyword followed by something that cannot continue a name. */
  private atKeyword(word: string): boolean {
    this.space();
    return this.text.startsWith(word, this.i) && !/[\w-]/.test(this.text[this.i + word.length] ?? '');
  }

  expression(): HclNode {
    // Hostile nesting ends here, not in a stack overflow.
    if (this.depth >= MAX_NESTING) throw new UnsupportedHcl('expression nested too deeply');
    this.depth += 1;
    try {
      return this.conditional();
    } finally {
      this.depth -= 1;
    }
  }

  private conditional(): HclNode {
    const condition = this.binary(0);
    this.space();
    if (this.text[this.i] !== '?') return condition;
    this.i += 1;
    const then = this.expression();
    this.expect(':');
    const otherwise = this.expression();
    return { kind: 'conditional', condition, then, else: otherwise };
  }

  private binary(level: number): HclNode {
    const operators = PRECEDENCE[level];
    if (operators === undefined) return this.unary();
    let left = this.binary(level + 1);
    for (let chain = 0; ; chain += 1) {
      // A chain builds a tree as deep as it is long: capped like nesting.
      if (chain > MAX_CHAIN) throw new UnsupportedHcl('expression too long');
      this.space();
      const operator = operators.find((op) => this.text.startsWith(op, this.i) && !this.isOtherToken(op));
      if (operator === undefined) return left;
      this.i += operator.length;
      const right = this.binary(level + 1);
      left = { kind: 'binary', operator, left, right };
    }
  }

  /** `<` of `<=`, `=` of `==`/`=>`, and `*` of a splat are other tokens. */
  private isOtherToken(op: BinaryOperator): boolean {
    const next = this.text[this.i + op.length];
    if ((op === '<' || op === '>') && next === '=') return true;
    return false;
  }

  private unary(): HclNode {
    // Operators are gathered in a loop (and capped), so that `!!!!...x` cannot exhaust the stack.
    const operators: ('!' | '-')[] = [];
    for (;;) {
      this.space();
      const c = this.text[this.i];
      if (c === '!' || (c === '-' && !/\d/.test(this.text[this.i + 1] ?? ''))) {
        if (operators.length + this.depth >= MAX_NESTING) throw new UnsupportedHcl('expression nested too deeply');
        operators.push(c);
        this.i += 1;
      } else break;
    }
    let node = this.postfix(this.primary());
    for (const operator of operators.reverse()) node = { kind: 'unary', operator, operand: node };
    return node;
  }

  private primary(): HclNode {
    this.space();
    const c = this.text[this.i];
    if (c === '(') {
      this.i += 1;
      const inner = this.expression();
      this.expect(')');
      return inner;
    }
    if (c === '{') return this.object();
    if (c === '[') return this.tuple();
    if (c === '"') {
      this.i += 1;
      return this.templateBody('"');
    }
    if (c === '<' && this.text[this.i + 1] === '<') return this.heredoc();
    if (c !== undefined && /[-\d]/.test(c)) {
      const match = /^-?\d+(\.\d+)?([eE][-+]?\d+)?/.exec(this.text.slice(this.i, this.i + 64));
      if (match === null) throw new UnsupportedHcl(`unexpected \`${this.rest(10)}\``);
      this.i += match[0].length;
      return { kind: 'literal', value: Number(match[0]) };
    }
    const match = NAME.exec(this.text.slice(this.i, this.i + 256));
    if (match === null) throw new UnsupportedHcl(`unexpected \`${this.rest(10)}\``);
    const word = match[0];
    this.i += word.length;
    if (word === 'true' || word === 'false') return { kind: 'literal', value: word === 'true' };
    if (word === 'null') return { kind: 'literal', value: null };
    // A provider-defined function (`provider::aws::arn_parse(...)`): its whole name is called.
    if (word === 'provider' && this.text.startsWith('::', this.i)) {
      const qualified = PROVIDER_FUNCTION.exec(this.text.slice(this.i, this.i + 256));
      if (qualified === null || this.text[this.i + qualified[0].length] !== '(')
        throw new UnsupportedHcl(`unexpected \`${this.rest(10)}\` after \`provider\``);
      this.i += qualified[0].length;
      return this.call(`provider${qualified[0]}`);
    }
    if (this.text[this.i] === '(') return this.call(word);
    return { kind: 'reference', text: word };
  }

  private call(name: string): HclNode {
    this.i += 1;
    const args: HclNode[] = [];
    let expand = false;
    while (!this.accept(')')) {
      args.push(this.expression());
      if (this.accept('...')) expand = true;
      if (!this.accept(',') && !this.text.startsWith(')', skipSpaceAt(this.text, this.i)))
        throw new UnsupportedHcl(`unexpected \`${this.rest(10)}\` in a call`);
    }
    return expand ? { kind: 'call', name, args, expand } : { kind: 'call', name, args };
  }

  /** Attribute access, indexes and splats after a primary expression. */
  private postfix(node: HclNode): HclNode {
    for (;;) {
      // No space is skipped before `.`/`[`: `a [0]` on a new line is a new tuple element.
      const c = this.text[this.i];
      if (c === '.' && this.text[this.i + 1] === '*') {
        this.i += 2;
        // The attribute-only splat takes attributes only: an index after it (`aws_iam_policy.p.*.arn[count.index]`)
        // is applied to the list it gives.
        node = { kind: 'splat', target: node, steps: this.splatSteps(true) };
        continue;
      }
      if (c === '.' && /[A-Za-z_\d]/.test(this.text[this.i + 1] ?? '')) {
        this.i += 1;
        const digits = /^\d+/.exec(this.text.slice(this.i, this.i + 16));
        const step = digits !== null ? digits[0] : this.name();
        if (digits !== null) this.i += step.length;
        node =
          node.kind === 'reference'
            ? { kind: 'reference', text: `${node.text}.${step}` }
            : {
                kind: 'index',
                target: node,
                key: { kind: 'literal', value: digits !== null ? Number(step) : step },
              };
        continue;
      }
      if (c === '[') {
        if (/^\[\s*\*\s*\]/.test(this.text.slice(this.i, this.i + 8))) {
          this.i = this.text.indexOf(']', this.i) + 1;
          return { kind: 'splat', target: node, steps: this.splatSteps(false) };
        }
        this.i += 1;
        const key = this.expression();
        this.expect(']');
        const staticKey = key.kind === 'literal' && (typeof key.value === 'number' || typeof key.value === 'string');
        node =
          node.kind === 'reference' && staticKey
            ? { kind: 'reference', text: `${node.text}[${JSON.stringify(key.value)}]` }
            : { kind: 'index', target: node, key };
        continue;
      }
      return node;
    }
  }

  /** Attribute (and, for a full splat, index) steps after `[*]` or `.*`. */
  private splatSteps(attributeOnly: boolean): (string | number)[] {
    const steps: (string | number)[] = [];
    for (;;) {
      const c = this.text[this.i];
      if (c === '.' && /[A-Za-z_]/.test(this.text[this.i + 1] ?? '')) {
        this.i += 1;
        steps.push(this.name());
      } else if (!attributeOnly && c === '[') {
        const match = /^\[\s*(\d+)\s*\]/.exec(this.text.slice(this.i, this.i + 24));
        if (match?.[1] === undefined) return steps;
        this.i += match[0].length;
        steps.push(Number(match[1]));
      } else return steps;
    }
  }

  private object(): HclNode {
    this.i += 1;
    if (this.atKeyword('for')) return this.forExpression(true);
    const entries: [string | HclNode, HclNode][] = [];
    for (;;) {
      this.space();
      if (this.text[this.i] === '}') {
        this.i += 1;
        return { kind: 'object', entries };
      }
      let key: string | HclNode;
      if (this.text[this.i] === '"') {
        this.i += 1;
        const node = this.templateBody('"');
        key = node.kind === 'literal' && typeof node.value === 'string' ? node.value : node;
      } else if (this.text[this.i] === '(') {
        key = this.primary();
      } else {
        const match = NAME.exec(this.text.slice(this.i, this.i + 256));
        if (match === null) throw new UnsupportedHcl(`unexpected \`${this.rest(10)}\` in an object`);
        key = match[0];
        this.i += key.length;
      }
      this.space();
      const separator = this.text[this.i];
      if (separator !== '=' && separator !== ':')
        throw new UnsupportedHcl(`expected \`=\` after \`${typeof key === 'string' ? key : 'a key'}\``);
      this.i += 1;
      entries.push([key, this.expression()]);
      this.space();
      if (this.text[this.i] === ',') this.i += 1;
    }
  }

  private tuple(): HclNode {
    this.i += 1;
    if (this.atKeyword('for')) return this.forExpression(false);
    const items: HclNode[] = [];
    for (;;) {
      this.space();
      if (this.text[this.i] === ']') {
        this.i += 1;
        return { kind: 'tuple', items };
      }
      items.push(this.expression());
      this.space();
      if (this.text[this.i] === ',') this.i += 1;
      else if (this.text[this.i] !== ']') throw new UnsupportedHcl(`unexpected \`${this.rest(10)}\` in a list`);
    }
  }

  /** `for k, v in collection` (or `for v in ...`), at `for`; shared by `for` expressions and `%{ for }`. */
  private forHeader(): { keyName: string | undefined; valueName: string; collection: HclNode } {
    this.i += 3;
    const first = this.name();
    const second = this.accept(',') ? this.name() : undefined;
    if (!this.atKeyword('in')) throw new UnsupportedHcl(`expected \`in\` at \`${this.rest(10)}\``);
    this.i += 2;
    const collection = this.expression();
    return { keyName: second === undefined ? undefined : first, valueName: second ?? first, collection };
  }

  /** After `[` or `{`, at `for`. */
  private forExpression(object: boolean): ForNode {
    const { keyName, valueName, collection } = this.forHeader();
    this.expect(':');
    let key: HclNode | undefined;
    let value = this.expression();
    if (object) {
      this.expect('=>');
      key = value;
      value = this.expression();
    }
    const group = object && this.accept('...');
    const condition = this.atKeyword('if') ? ((this.i += 2), this.expression()) : undefined;
    this.expect(object ? '}' : ']');
    return {
      kind: 'for',
      object,
      keyName,
      valueName,
      collection,
      key,
      value,
      condition,
      group,
    };
  }

  /** `<<EOF` / `<<-EOF` up to the line holding only the marker; `<<-` strips the common indent. */
  private heredoc(): HclNode {
    const match = /^<<(-?)([A-Za-z_][\w-]*)\r?\n/.exec(this.text.slice(this.i, this.i + 128));
    if (match?.[2] === undefined) throw new UnsupportedHcl(`unexpected \`${this.rest(10)}\``);
    const start = this.i + match[0].length;
    const end = new RegExp(`^[ \\t]*${match[2]}[ \\t]*$`, 'm');
    const found = end.exec(this.text.slice(start));
    if (found === null) throw new UnsupportedHcl('unterminated heredoc');
    let body = this.text.slice(start, start + found.index);
    this.i = start + found.index + found[0].length;
    if (match[1] === '-') {
      const lines = body.split('\n');
      const indents = lines.filter((l) => l.trim() !== '').map((l) => /^[ \t]*/.exec(l)?.[0].length ?? 0);
      const cut = indents.length === 0 ? 0 : Math.min(...indents);
      body = lines.map((l) => l.slice(cut)).join('\n');
    }
    return new Reader(body).templateBody(undefined);
  }

  /**
   * A template up to the closing quote, or to the end of the text when `terminator` is undefined;
   * with `stops`, up to one of those directives (`%{ else }`, `%{ endif }`, `%{ endfor }`), left unread.
   * `stripStart`: a `~}` before it strips the space its text starts with.
   */
  templateBody(terminator: '"' | undefined, stops: readonly string[] = [], stripStart = false): HclNode {
    const parts: (string | HclNode)[] = [];
    let literal = '';
    // A `~}` strips the space of the text after it as written, escapes (`\n`) decoded: HCL strips the literal's value.
    // A template file (or heredoc) reaches HCL as one literal per line, and a strip marker strips
    // only the literal beside it: `%{ for x in xs ~}\n  ${x}` keeps the indent of the next line.
    const perLine = terminator === undefined;
    let trimNext = stripStart;
    const flush = (): void => {
      if (trimNext) {
        const end = perLine ? literal.indexOf('\n') + 1 || literal.length : literal.length;
        literal = literal.slice(0, end).replace(LEADING_SPACE, '') + literal.slice(end);
      }
      trimNext = false;
      // Terraform's strings are in Unicode normal form C (`"A\u0301"` is `"Á"`).
      if (literal !== '') parts.push(literal.normalize('NFC'));
      literal = '';
    };
    const trimEnd = (): void => {
      // The literal beside the marker starts after the line break that ends the line before it.
      const start = perLine ? literal.slice(0, literal.endsWith('\n') ? -1 : undefined).lastIndexOf('\n') + 1 : 0;
      literal = literal.slice(0, start) + literal.slice(start).replace(TRAILING_SPACE, '');
    };
    for (;;) {
      const c = this.text[this.i];
      if (c === undefined) {
        if (terminator === undefined && stops.length === 0) break;
        throw new UnsupportedHcl(stops.length > 0 ? `missing %{ ${stops.join(' / ')} }` : 'unterminated string');
      }
      if (c === terminator) {
        this.i += 1;
        break;
      }
      if (c === '\\' && terminator !== undefined) {
        const next = this.text[this.i + 1] ?? '';
        const escapes: Record<string, string> = { n: '\n', t: '\t', r: '\r', '"': '"', '\\': '\\' };
        if (next === 'u' || next === 'U') {
          // `\uNNNN` or `\UNNNNNNNN`: exactly that many hex digits, a Unicode scalar value.
          const digits = next === 'u' ? 4 : 8;
          const hex = this.text.slice(this.i + 2, this.i + 2 + digits);
          const code = /^[0-9A-Fa-f]+$/.test(hex) && hex.length === digits ? parseInt(hex, 16) : NaN;
          if (!(code <= 0x10ffff) || (code >= 0xd800 && code <= 0xdfff))
            throw new UnsupportedHcl(`invalid escape \`\\${next}${hex}\``);
          literal += String.fromCodePoint(code);
          this.i += 2 + digits;
        } else if (Object.hasOwn(escapes, next)) {
          literal += escapes[next] ?? '';
          this.i += 2;
        } else throw new UnsupportedHcl(`invalid escape \`\\${next}\``);
      } else if ((c === '$' || c === '%') && this.text[this.i + 1] === c && this.text[this.i + 2] === '{') {
        literal += `${c}{`;
        this.i += 3;
      } else if (c === '$' && this.text[this.i + 1] === '{') {
        this.i += 2;
        if (this.stripMarker()) trimEnd();
        flush();
        parts.push(this.expression());
        trimNext = this.closeInterpolation();
      } else if (c === '%' && this.text[this.i + 1] === '{') {
        const save = this.i;
        this.i += 2;
        const strip = this.stripMarker();
        this.space();
        const word = NAME.exec(this.text.slice(this.i, this.i + 16))?.[0] ?? '';
        if (stops.includes(word)) {
          if (strip) trimEnd();
          this.i = save;
          break;
        }
        if (strip) trimEnd();
        flush();
        const directive = this.directive(word, terminator);
        parts.push(directive.node);
        trimNext = directive.stripAfter;
      } else {
        literal += c;
        this.i += 1;
      }
    }
    flush();
    if (parts.length === 0) return { kind: 'literal', value: '' };
    if (parts.length === 1 && typeof parts[0] === 'string') return { kind: 'literal', value: parts[0] };
    return { kind: 'template', parts };
  }

  /** A `~` right after `${`/`%{`: the literal before it loses its trailing space. */
  private stripMarker(): boolean {
    if (this.text[this.i] !== '~') return false;
    this.i += 1;
    return true;
  }

  /** `}` or `~}` closing an interpolation or a directive; true for `~}`, which strips the space of the text after it. */
  private closeInterpolation(): boolean {
    this.space();
    const strip = this.text[this.i] === '~';
    if (strip) this.i += 1;
    this.expect('}');
    return strip;
  }

  /**
   * `%{ if c }...%{ else }...%{ endif }` or `%{ for x in xs }...%{ endfor }`, at the keyword; with
   * whether its last `~}` strips the space of the text after it.
   */
  private directive(word: string, terminator: '"' | undefined): { node: HclNode; stripAfter: boolean } {
    if (word === 'if') {
      this.i += 2;
      const condition = this.expression();
      const then = this.templateBody(terminator, ['else', 'endif'], this.closeInterpolation());
      let otherwise: HclNode = { kind: 'literal', value: '' };
      let closing = this.closingDirective();
      if (closing.word === 'else') {
        otherwise = this.templateBody(terminator, ['endif'], closing.strip);
        closing = this.closingDirective();
      }
      return { node: { kind: 'template-if', condition, then, else: otherwise }, stripAfter: closing.strip };
    }
    if (word === 'for') {
      const { keyName, valueName, collection } = this.forHeader();
      const body = this.templateBody(terminator, ['endfor'], this.closeInterpolation());
      const closing = this.closingDirective();
      return { node: { kind: 'template-for', keyName, valueName, collection, body }, stripAfter: closing.strip };
    }
    throw new UnsupportedHcl(`template directive \`${word}\``);
  }

  /** Reads `%{ else }`, `%{ endif }` or `%{ endfor }`: its keyword, and whether it ends with `~}`. */
  private closingDirective(): { word: string; strip: boolean } {
    this.expect('%{');
    this.stripMarker();
    const word = this.name();
    return { word, strip: this.closeInterpolation() };
  }
}

/** Space as Go's `unicode.IsSpace` reads it, which HCL's strip markers remove. */
const LEADING_SPACE = /^\p{White_Space}+/u;
const TRAILING_SPACE = /\p{White_Space}+$/u;

function skipSpaceAt(text: string, i: number): number {
  while (/\s/.test(text[i] ?? '')) i += 1;
  return i;
}
