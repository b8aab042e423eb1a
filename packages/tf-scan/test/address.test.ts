import { meaningfulReferences } from '../src/resolve';
import { moduleOf, parentModule, parseModuleAddress, parseReference } from '../src/address';

describe('module addresses', () => {
  const cases: [string, { name: string; key: string | number | undefined }[]][] = [
    ['', []],
    ['module.api', [{ name: 'api', key: undefined }]],
    [
      'module.api[0].module.db',
      [
        { name: 'api', key: 0 },
        { name: 'db', key: undefined },
      ],
    ],
    [
      'module.app["orders.v2"].module.x["a]b"]',
      [
        { name: 'app', key: 'orders.v2' },
        { name: 'x', key: 'a]b' },
      ],
    ],
  ];
  it.each(cases)('parses `%s` into its steps', (address, steps) => {
    expect(parseModuleAddress(address)).toEqual(steps);
  });

  it('finds the module of a resource instance with keys on both', () => {
    expect(moduleOf('module.app["x"].aws_iam_role.this["y"]')).toBe('module.app["x"]');
    expect(parentModule('module.a[1].module.b')).toEqual({
      parent: 'module.a[1]',
      step: { name: 'b', key: undefined },
    });
  });
});

describe('references', () => {
  const cases: [string, ReturnType<typeof parseReference>][] = [
    [
      'aws_s3_bucket.logs.arn',
      { kind: 'resource', mode: 'managed', type: 'aws_s3_bucket', name: 'logs', key: undefined, attribute: 'arn' },
    ],
    [
      'data.aws_iam_policy_document.combined[0].json',
      { kind: 'resource', mode: 'data', type: 'aws_iam_policy_document', name: 'combined', key: 0, attribute: 'json' },
    ],
    [
      'data.aws_iam_policy_document.x["k"]',
      { kind: 'resource', mode: 'data', type: 'aws_iam_policy_document', name: 'x', key: 'k', attribute: undefined },
    ],
    ['module.inner.event_rule_arn', { kind: 'module', name: 'inner', key: undefined, output: 'event_rule_arn' }],
    ['var.policy_document', { kind: 'var', name: 'policy_document' }],
    ['each.key', { kind: 'other', text: 'each.key' }],
    ['local.tags', { kind: 'other', text: 'local.tags' }],
  ];
  it.each(cases)('parses `%s`', (text, expected) => {
    expect(parseReference(text)).toEqual(expected);
  });

  it('keeps the most specific form of each reference once, without pairing helpers', () => {
    expect(
      meaningfulReferences([
        'aws_s3_bucket.a.arn',
        'aws_s3_bucket.a',
        'aws_s3_bucket.a.arn',
        'each.key',
        'count.index',
      ]),
    ).toEqual(['aws_s3_bucket.a.arn']);
  });
});
