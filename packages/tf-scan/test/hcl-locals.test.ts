import { localOrigins, localsCycle, localsCycleProblem } from '../src/hcl-locals';

describe('localsCycle finds the first cycle among the locals of one module, from the text alone', () => {
  // Locals as hcl2json writes them: an expression is a `${...}` text, or lists and objects of them.
  const cases: [string, Record<string, unknown>, string[] | undefined][] = [
    ['no local reads another', { a: 'x', b: ['y'] }, undefined],
    ['a chain that ends', { a: '${local.b}', b: '${local.c}-x', c: 'z' }, undefined],
    ['a local reading itself', { a: 'x', self: '${[for s in local.self : s]}' }, ['self', 'self']],
    ['two locals reading each other', { a: '${local.b}', b: '${upper(local.a)}' }, ['a', 'b', 'a']],
    [
      'a cycle entered from a local outside it',
      { in: '${local.a}', a: '${local.b}', b: '${local.a}' },
      ['a', 'b', 'a'],
    ],
    // Terraform links every local an expression names, whichever branch reads it.
    ['a read in a branch never taken', { a: '${true ? "x" : local.b}', b: '${local.a}' }, ['a', 'b', 'a']],
    ['a read inside a list', { a: ['${local.b}'], b: { k: '${local.a}' } }, ['a', 'b', 'a']],
    ['a read of a local no block declares', { a: '${local.missing}' }, undefined],
  ];
  it.each(cases)('%s', (_name, locals, cycle) => {
    expect(localsCycle(new Map(Object.entries(locals)))).toEqual(cycle);
  });
});

describe('localsCycleProblem says what Terraform refuses, one line', () => {
  it.each([
    [['self', 'self'], '`local.self` refers to itself, which Terraform refuses'],
    [
      ['a', 'b', 'a'],
      'the locals refer to each other in a cycle, which Terraform refuses: `local.a` -> `local.b` -> `local.a`',
    ],
  ])('%j', (cycle, line) => {
    expect(localsCycleProblem(cycle)).toBe(line);
  });
});

describe('localOrigins names where the expression of each local Terraform reads is written', () => {
  const file = (name: string, text: string, locals: Record<string, unknown>) => ({
    name,
    text,
    parsed: { locals: [locals] },
  });
  const cases: [string, ReturnType<typeof file>[], Record<string, string>][] = [
    [
      'the line of each `name =` in its locals block',
      [file('main.tf', 'locals {\n  a = "x"\n\n  b = local.a\n}\n', { a: 'x', b: '${local.a}' })],
      { a: 'main.tf:2', b: 'main.tf:4' },
    ],
    [
      'not an argument of another block of the same name',
      [
        file('main.tf', 'resource "aws_iam_role" "r" {\n  name = "r"\n}\n\nlocals {\n  name = "app"\n}\n', {
          name: 'app',
        }),
      ],
      { name: 'main.tf:6' },
    ],
    [
      'the override file that replaces a local, whatever order the files come in',
      [
        file('z_override.tf', 'locals {\n  b = local.a\n}\n', { b: '${local.a}' }),
        file('main.tf', 'locals {\n  a = local.b\n  b = "x"\n}\n', { a: '${local.b}', b: 'x' }),
        file('a_override.tf', '\nlocals {\n  b = "y"\n}\n', { b: 'y' }),
      ],
      { a: 'main.tf:2', b: 'z_override.tf:2' },
    ],
    [
      'a .tf.json file, by name alone',
      [file('main.tf.json', '{"locals": {"a": "x"}}', { a: 'x' })],
      { a: 'main.tf.json' },
    ],
  ];
  it.each(cases)('%s', (_name, files, origins) => {
    expect(Object.fromEntries(localOrigins(files))).toEqual(origins);
  });
});
