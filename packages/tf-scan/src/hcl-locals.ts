/**
 * The locals of a module read deepest first: the configuration reader (`--hcl`) and the resolver
 * (policies a plan leaves unknown) both settle a generated chain of thousands of locals, each
 * reading the last, one link at a time over values already known, never one nested evaluation
 * per link.
 */
import * as path from 'node:path';
import { parseHclAttributeIfSupported } from './hcl-expression';
import { isOverrideFile } from './hcl-overrides';
import { blocksOf } from './tf-text';
import { referencesOf, rootOf, stepsOf } from './hcl-eval';

/**
 * The references an hcl2json value (an expression as hcl2json writes it: text, or lists and
 * objects of them) makes, in the order written; only in texts holding `within` when given.
 */
export function referencesInRaw(raw: unknown, within = ''): string[] {
  const found: string[] = [];
  const visit = (node: unknown, depth: number): void => {
    if (depth > 64) return;
    if (Array.isArray(node)) for (const item of node) visit(item, depth + 1);
    else if (node !== null && typeof node === 'object')
      for (const [key, value] of Object.entries(node)) visit([key, value], depth + 1);
    else if (typeof node === 'string' && node.includes(within)) {
      const parsed = parseHclAttributeIfSupported(node);
      if (parsed !== undefined) found.push(...referencesOf(parsed));
    }
  };
  visit(raw, 0);
  return found;
}

/**
 * The names of the locals an hcl2json value (the expression of a local) refers to, as
 * Terraform's graph links them, the last found first.
 */
export function localsRead(raw: unknown): string[] {
  const found = new Set<string>();
  for (const text of referencesInRaw(raw, 'local.')) {
    const [local] = stepsOf(text);
    if (rootOf(text) === 'local' && typeof local === 'string') found.add(local);
  }
  return [...found].reverse();
}

/** How the locals of one module are read and settled, for {@link settleDeepestFirst}. */
export interface LocalsGraph {
  /** The locals `name` reads (see {@link localsRead}). */
  readonly reads: (name: string) => string[];
  /** Whether `name` is a local of the module still to settle (not evaluated, not being evaluated). */
  readonly pending: (name: string) => boolean;
  /** Evaluates `name`, every local it reads being settled already. */
  readonly settle: (name: string) => void;
  /** Whether a cycle stops the walk (its chain returned) rather than being left to the evaluation. */
  readonly stopAtCycle: boolean;
}

/**
 * Settles the locals `name` reads, and those they read, deepest first with an explicit stack;
 * `name` itself is left to the caller, evaluated inside whatever guards it set. The cycle met
 * when `graph.stopAtCycle` (the names from the first read back to it again), else `undefined`.
 */
export function settleDeepestFirst(name: string, graph: LocalsGraph): string[] | undefined {
  const stack = [{ name, reads: graph.reads(name) }];
  const onStack = new Set([name]);
  while (stack.length > 0) {
    const top = stack[stack.length - 1];
    if (top === undefined) break;
    const next = top.reads.pop();
    if (next === undefined) {
      stack.pop();
      onStack.delete(top.name);
      if (stack.length > 0) graph.settle(top.name);
    } else if (onStack.has(next)) {
      if (graph.stopAtCycle) return [...stack.slice(stack.findIndex((s) => s.name === next)).map((s) => s.name), next];
    } else if (graph.pending(next)) {
      stack.push({ name: next, reads: graph.reads(next) });
      onStack.add(next);
    }
  }
  return undefined;
}

/**
 * The first cycle among the locals of one module (`locals`: their hcl2json values, in the order
 * declared), as the names from the first read back to it again; `undefined` when there is none.
 * Read from the text alone: Terraform links every local it names, in any branch, and refuses the
 * configuration over a cycle whether or not anything reads it.
 */
export function localsCycle(locals: ReadonlyMap<string, unknown>): string[] | undefined {
  const done = new Set<string>();
  for (const name of locals.keys()) {
    if (done.has(name)) continue;
    const cycle = settleDeepestFirst(name, {
      reads: (local) => localsRead(locals.get(local)).filter((read) => locals.has(read)),
      pending: (local) => !done.has(local),
      settle: (local) => {
        done.add(local);
      },
      stopAtCycle: true,
    });
    if (cycle !== undefined) return cycle;
    done.add(name);
  }
  return undefined;
}

/** What Terraform refuses in a cycle of locals (as {@link localsCycle} and {@link settleDeepestFirst} give it), one line. */
export function localsCycleProblem(cycle: readonly string[]): string {
  if (cycle.length === 2) return `\`local.${cycle[0] ?? ''}\` refers to itself, which Terraform refuses`;
  return `the locals refer to each other in a cycle, which Terraform refuses: ${cycle.map((l) => `\`local.${l}\``).join(' -> ')}`;
}

/** The locals of one module's files (overrides merged in), by name: their hcl2json values, in the order declared. */
export function localsOf(files: readonly { readonly parsed: Record<string, unknown> }[]): Map<string, unknown> {
  const locals = new Map<string, unknown>();
  for (const file of files) {
    const blocks = Array.isArray(file.parsed['locals']) ? (file.parsed['locals'] as Record<string, unknown>[]) : [];
    for (const block of blocks) for (const [name, value] of Object.entries(block)) locals.set(name, value);
  }
  return locals;
}

/**
 * Where the expression of each local Terraform reads is written, by name (`files`: one module's,
 * before overrides are merged): the last override file in name order that sets it, else the file
 * that declares it; with the line of its `name =` in a .tf file (a .tf.json file named alone).
 */
export function localOrigins(
  files: readonly { readonly name: string; readonly text: string; readonly parsed: Record<string, unknown> }[],
): Map<string, string> {
  const primaries = files.filter((f) => !isOverrideFile(f.name));
  const overrides = files
    .filter((f) => isOverrideFile(f.name))
    .sort((a, b) => (path.basename(a.name) < path.basename(b.name) ? -1 : 1));
  const origins = new Map<string, string>();
  for (const file of [...primaries, ...overrides])
    for (const name of localsOf([file]).keys()) {
      if (origins.has(name) && !isOverrideFile(file.name)) continue;
      const line = file.name.endsWith('.json') ? undefined : localLine(file.text, name);
      origins.set(name, line === undefined ? file.name : `${file.name}:${String(line)}`);
    }
  return origins;
}

/** The line of `name =` inside a `locals` block of a .tf text. */
function localLine(text: string, name: string): number | undefined {
  const lines = text.split('\n');
  const blocks = blocksOf(text).blocks;
  const assignment = new RegExp(`^\\s*${name}\\s*=(?!=)`);
  for (const [i, block] of blocks.entries()) {
    if (block.header.trim() !== 'locals') continue;
    const end = blocks[i + 1]?.line ?? lines.length + 1;
    for (let line = block.line; line < end; line++) if (assignment.test(lines[line - 1] ?? '')) return line;
  }
  return undefined;
}
