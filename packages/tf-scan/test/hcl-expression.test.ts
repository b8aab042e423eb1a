import { UnsupportedHcl, parseHclAttribute } from '../src/hcl-expression';

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

  const unsupported: [string, string][] = [
    ['a for expression', '${jsonencode({ Statement = [for s in var.x : s] })}'],
    ['a conditional', '${jsonencode({ Effect = var.allow ? "Allow" : "Deny" })}'],
    ['a template directive', '${jsonencode({ Sid = "%{if var.x}a%{endif}" })}'],
  ];
  it.each(unsupported)('reports %s as unsupported', (_name, source) => {
    expect(() => parseHclAttribute(source)).toThrow(UnsupportedHcl);
  });
});
