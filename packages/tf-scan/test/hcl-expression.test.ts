import { evaluateHcl } from '../src/hcl-eval';
import { InvalidConfiguration, UnsupportedHcl, parseHclAttribute } from '../src/hcl-expression';

describe('parseHclAttribute', () => {
  it('reads a jsonencode object with interpolation, references, tuples and quoted keys', () => {
    const source =
      '${jsonencode({\n  Version = "2012-10-17" # comment\n  Statement = [{\n    Action = ["s3:GetObject"]\n    Resource = "${aws_s3_bucket.data.arn}/*"\n    Condition = { StringEquals = { "aws:PrincipalTag/team" = var.team } }\n  }]\n})}';
    expect(parseHclAttribute(source)).toEqual({
      kind: 'call',
      name: 'jsonencode',
      args: [
        {
          kind: 'object',
          entries: [
            ['Version', { kind: 'literal', value: '2012-10-17' }],
            [
              'Statement',
              {
                kind: 'tuple',
                items: [
                  {
                    kind: 'object',
                    entries: [
                      ['Action', { kind: 'tuple', items: [{ kind: 'literal', value: 's3:GetObject' }] }],
                      [
                        'Resource',
                        { kind: 'template', parts: [{ kind: 'reference', text: 'aws_s3_bucket.data.arn' }, '/*'] },
                      ],
                      [
                        'Condition',
                        {
                          kind: 'object',
                          entries: [
                            [
                              'StringEquals',
                              {
                                kind: 'object',
                                entries: [['aws:PrincipalTag/team', { kind: 'reference', text: 'var.team' }]],
                              },
                            ],
                          ],
                        },
                      ],
                    ],
                  },
                ],
              },
            ],
          ],
        },
      ],
    });
  });

  it('reads a plain string attribute as a literal', () => {
    expect(parseHclAttribute('{"Version":"2012-10-17"}')).toEqual({
      kind: 'literal',
      value: '{"Version":"2012-10-17"}',
    });
  });

  it('reads for expressions, conditionals, operators, splats and template directives', () => {
    expect(parseHclAttribute('${[for k, v in var.m : "${k}=${v}" if v != ""]}')).toMatchObject({
      kind: 'for',
      object: false,
      keyName: 'k',
      valueName: 'v',
      collection: { kind: 'reference', text: 'var.m' },
      condition: { kind: 'binary', operator: '!=' },
    });
    expect(parseHclAttribute('${{ for s in local.xs : s.name => s.arn... }}')).toMatchObject({
      kind: 'for',
      object: true,
      key: { kind: 'reference', text: 's.name' },
      value: { kind: 'reference', text: 's.arn' },
      group: true,
    });
    expect(parseHclAttribute('${var.a || !var.b && 1 + 2 * 3 >= 7 ? "x" : "y"}')).toMatchObject({
      kind: 'conditional',
      condition: {
        kind: 'binary',
        operator: '||',
        right: {
          kind: 'binary',
          operator: '&&',
          left: { kind: 'unary', operator: '!' },
          right: { kind: 'binary', operator: '>=' },
        },
      },
    });
    expect(parseHclAttribute('${provider::aws::arn_parse(var.arn).resource}')).toEqual({
      kind: 'index',
      target: {
        kind: 'call',
        name: 'provider::aws::arn_parse',
        args: [{ kind: 'reference', text: 'var.arn' }],
      },
      key: { kind: 'literal', value: 'resource' },
    });
    expect(parseHclAttribute('${aws_iam_role.r[*].arn}')).toEqual({
      kind: 'splat',
      target: { kind: 'reference', text: 'aws_iam_role.r' },
      steps: ['arn'],
    });
    expect(parseHclAttribute('${local.m[var.k]}')).toMatchObject({
      kind: 'index',
      target: { kind: 'reference', text: 'local.m' },
      key: { kind: 'reference', text: 'var.k' },
    });
    expect(parseHclAttribute('a%{ if var.x }b%{ else }c%{ endif }')).toMatchObject({
      kind: 'template',
      parts: ['a', { kind: 'template-if', then: { value: 'b' }, else: { value: 'c' } }],
    });
  });

  const unsupported: [string, string][] = [
    ['a provider-defined function that is not called', '${provider::aws::arn_parse}'],
    ['an unknown template directive', '${jsonencode({ Sid = "%{ while x }a%{ endwhile }" })}'],
    ['an if directive without endif', '${jsonencode({ Sid = "%{ if var.x }a" })}'],
    ['an unterminated string', '${jsonencode({ Sid = "abc })}'],
    ['a for expression without in', '${[for x var.xs : x]}'],
  ];
  it.each(unsupported)('reports %s as unsupported', (_name, source) => {
    expect(() => parseHclAttribute(source)).toThrow(UnsupportedHcl);
  });

  it('reads a provider function named without its provider, which Terraform refuses when it evaluates the call', () => {
    const node = parseHclAttribute('${provider::arn_build("aws", "s3", "", "", "b")}');
    expect(node).toMatchObject({ kind: 'call', name: 'provider::arn_build' });
    expect(() => evaluateHcl(node, { reference: () => null })).toThrow(InvalidConfiguration);
  });
});

describe('hostile expressions', () => {
  it.each([
    ['nested parentheses', `\${${'('.repeat(100_000)}1${')'.repeat(100_000)}}`],
    ['nested lists', `\${${'['.repeat(100_000)}${']'.repeat(100_000)}}`],
    ['nested unary operators', `\${${'!'.repeat(100_000)}true}`],
    ['a chain of operators', `\${1${' + 1'.repeat(100_000)}}`],
  ])('%s are unsupported, not a stack overflow', (_name, source) => {
    expect(() => parseHclAttribute(source)).toThrow(UnsupportedHcl);
  });
});
