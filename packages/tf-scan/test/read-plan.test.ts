import { CHANGES_READ, extractPlan } from '../src/extract';
import {
  UNREAD_CHANGE,
  UNREAD_RESOURCE,
  bufferSource,
  decodeText,
  parseJson,
  parsePlanBytes,
  parsePlanText,
} from '../src/read-plan';
import { validatePlan } from '../src/validate-plan';

const text = '{"format_version":"1.2","é":"ü"}';

function utf16be(value: string): Buffer {
  const le = Buffer.from(value, 'utf16le');
  return Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(le).swap16()]);
}

describe('decodeText', () => {
  const cases: [string, Buffer][] = [
    ['utf-8 without a byte-order mark', Buffer.from(text, 'utf8')],
    ['utf-8 with a byte-order mark', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')])],
    [
      'utf-16 little-endian with a byte-order mark (PowerShell redirection)',
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]),
    ],
    ['utf-16 big-endian with a byte-order mark', utf16be(text)],
    [
      'utf-16 big-endian with an odd last byte (dropped, as little-endian drops it)',
      Buffer.concat([utf16be(text), Buffer.from([0x0a])]),
    ],
    ['utf-16 little-endian without a byte-order mark', Buffer.from(text, 'utf16le')],
    ['utf-16 big-endian without a byte-order mark', utf16be(text).subarray(2)],
  ];
  it.each(cases)('reads %s', (_name, bytes) => {
    expect(decodeText(bytes)).toBe(text);
  });

  it('keeps UTF-8 text that only holds a NUL byte past its first characters', () => {
    const withNul = '{"a":"\u0000"}';
    expect(decodeText(Buffer.from(withNul, 'utf8'))).toBe(withNul);
  });
});

describe('files that are not plan JSON, told by their first bytes', () => {
  const refused: [string, Buffer, string][] = [
    [
      'a binary plan file (a zip archive): not told to be saved as UTF-8',
      Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00]), Buffer.from([0x9c, 0xff, 0x80, 0x00])]),
      'a binary plan file (saved by `terraform plan -out`), not JSON: scan the output of `terraform show -json PLANFILE` instead',
    ],
    [
      'the output of the hashicorp/setup-terraform wrapper',
      Buffer.from(
        '[command]/usr/bin/terraform-bin show -json tfplan\n{"format_version":"1.2"}\n::debug::exitcode: 0\n',
      ),
      'not the output of `terraform show -json` alone: it starts with the `[command]` line of the hashicorp/setup-terraform wrapper (set `terraform_wrapper: false`, or call `terraform-bin`)',
    ],
    [
      'a log line before the plan: its line and column, and what was expected',
      Buffer.from('\n  Warning: deprecated\n{"format_version":"1.2"}'),
      'invalid JSON at line 2, column 3 near "Warning: dep": expected the output of `terraform show -json`',
    ],
  ];
  it.each(refused)('%s', (_name, bytes, message) => {
    expect(parsePlanBytes('plan.json', bytes)).toEqual({ ok: false, error: { file: 'plan.json', message } });
  });

  const read: [string, string, unknown][] = [
    ['a top-level array (for validatePlan to name)', '[{"format_version":"1.2"}]', [{ format_version: '1.2' }]],
    ['a top-level string', '"[command]"', '[command]'],
    ['a top-level literal', ' null', null],
  ];
  it.each(read)('still parses %s', (_name, input, value) => {
    expect(parsePlanText('plan.json', input)).toEqual({ ok: true, file: 'plan.json', value });
  });

  it('text whose first letter may start a literal (`nope`) keeps the message of JSON.parse', () => {
    const result = parsePlanText('plan.json', 'nope');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toMatch(/^invalid JSON/);
  });
});

describe('parseJson', () => {
  const cases: [string, string, RegExp][] = [
    ['an empty file', '', /^is empty, expected/],
    ['a file of whitespace only', '  \r\n\t', /^is only whitespace, expected/],
    ['text that is not JSON', 'Terraform will perform the following actions', /^invalid JSON/],
    ['a truncated document', '{"format_version": "1.2", "planned_values": {', /ends too early/],
    ['a syntax error with its line and column', '{\n"a": 1,\n"b": 2 "c"\n}', /line 3, column 8/],
    ['an unexpected token', '{"a": ]}', /unexpected `]`/],
  ];
  it.each(cases)('reports %s as one line', (_name, input, message) => {
    const result = parseJson('plan.json', input);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.file).toBe('plan.json');
    expect(result.error.message).toMatch(message);
    expect(result.error.message).not.toContain('\n');
  });
});

describe('validatePlan', () => {
  const accepted: [string, unknown][] = [
    ['format 0.1 with planned values', { format_version: '0.1', planned_values: { root_module: {} } }],
    [
      'format 1.2 with every section',
      {
        format_version: '1.2',
        planned_values: { root_module: { resources: [] } },
        resource_changes: [],
        prior_state: { values: { root_module: {} } },
        configuration: { root_module: { resources: [], module_calls: {} } },
      },
    ],
    [
      'fields a newer minor version adds',
      { format_version: '1.9', deferred_changes: [], planned_values: {}, checks: [] },
    ],
  ];
  it.each(accepted)('accepts %s', (_name, value) => {
    expect(validatePlan('plan.json', value).ok).toBe(true);
  });

  const rejected: [string, unknown, string, RegExp][] = [
    ['a top-level array', [], '', /found an array/],
    ['a top-level string', 'plan', '', /found a string/],
    ['a missing format_version', { planned_values: {} }, '/format_version', /missing `format_version`/],
    [
      'state output (values instead of planned_values)',
      { format_version: '1.0', values: { root_module: { resources: [] } } },
      '',
      /^the state as `terraform show -json` shows it without a plan file .*: save a plan with `terraform plan -out tfplan`/,
    ],
    [
      'the configuration alone (`tofu show -json -config`), with or without a format_version',
      { format_version: '1.0', provider_config: {}, root_module: { resources: [] } },
      '',
      /^the configuration as `tofu show -json -config` .*, not a plan: scan the \.tf files with `tf-scan --hcl DIR`/,
    ],
    [
      'the configuration of one module (`tofu show -json -module=DIR`), without a format_version',
      { root_module: { resources: [], variables: {} } },
      '',
      /^the configuration as `tofu show -json -config`/,
    ],
    [
      'a state file of Terraform itself',
      { version: 4, terraform_version: '1.10.5', serial: 1, lineage: 'x', resources: [] },
      '',
      /^a Terraform state file \(`terraform\.tfstate`\), not a plan/,
    ],
    [
      'a message of the `terraform plan -json` log',
      { '@level': 'info', '@message': 'Terraform 1.10.5', type: 'version' },
      '',
      /^the machine-readable log of `terraform plan -json`/,
    ],
    [
      'an unknown major format_version',
      { format_version: '2.0' },
      '/format_version',
      /unsupported format_version `2.0`/,
    ],
    [
      'resource_changes that is not an array',
      { format_version: '1.2', resource_changes: {} },
      '/resource_changes',
      /expected array/,
    ],
    [
      'a resource without an address',
      { format_version: '1.2', planned_values: { root_module: { resources: [{ type: 'aws_iam_role', name: 'x' }] } } },
      '/planned_values/root_module/resources/0',
      /missing `address`/,
    ],
    [
      'a change without actions',
      { format_version: '1.2', resource_changes: [{ address: 'a.b', type: 'a', change: {} }] },
      '/resource_changes/0/change',
      /missing `actions`/,
    ],
  ];
  it.each(rejected)('rejects %s with a pointer', (_name, value, pointer, message) => {
    const result = validatePlan('plan.json', value);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.pointer).toBe(pointer);
    expect(result.error.message).toMatch(message);
  });
});

describe('parsePlanText', () => {
  const changes = '[{"address":"a.b","type":"a","name":"b","change":{"actions":["create"],"after":{}}}]';

  it('skips planned_values when resource_changes holds the instances', () => {
    const result = parsePlanText(
      'plan.json',
      `{"format_version":"1.2","planned_values":{"root_module":{}},"resource_changes":${changes}}`,
    );
    expect(result.ok && Object.keys(result.value as object)).toEqual(['format_version', 'resource_changes']);
  });

  it('keeps planned_values when there are no changes', () => {
    const result = parsePlanText(
      'plan.json',
      '{"format_version":"1.2","planned_values":{"root_module":{}},"resource_changes":[]}',
    );
    expect(result.ok && Object.keys(result.value as object).sort()).toEqual([
      'format_version',
      'planned_values',
      'resource_changes',
    ]);
  });

  it('reads braces and escaped quotes inside strings as text', () => {
    const result = parsePlanText('plan.json', '{"a":"}\\"{[","b":{"c":"\\\\"},"d":[1,{"e":null}]}');
    expect(result.ok && result.value).toEqual({ a: '}"{[', b: { c: '\\' }, d: [1, { e: null }] });
  });

  it('reads a `__proto__` member as an ordinary key, never as the prototype', () => {
    const result = parsePlanText(
      'plan.json',
      '{"format_version":"1.2","__proto__":{"planned_values":{"root_module":{}}}}',
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const plan = result.value as Record<string, unknown>;
    expect(Object.getPrototypeOf(plan)).toBe(Object.prototype);
    expect(Object.keys(plan).sort()).toEqual(['__proto__', 'format_version']);
    expect(plan['planned_values']).toBeUndefined();
  });

  const change = (address: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
    address,
    type: 'aws_iam_role',
    name: 'r',
    change: { actions: ['create'], after: { name: address, ...extra } },
  });
  const layouts: [string, string][] = [
    [
      'entries as Terraform writes them',
      JSON.stringify({ format_version: '1.2', resource_changes: [change('a'), change('b'), change('c')] }),
    ],
    [
      'entries indented by jq',
      JSON.stringify({ format_version: '1.2', resource_changes: [change('a'), change('b')] }, null, 2),
    ],
    [
      'entries with nested objects that have an address',
      JSON.stringify({
        format_version: '1.2',
        resource_changes: [change('a', { list: [{ x: 1 }, { address: 'inner' }] }), change('b')],
      }),
    ],
    [
      'entries whose strings hold the separator',
      JSON.stringify({
        format_version: '1.2',
        resource_changes: [change('a', { text: '},{"address":' }), change('b')],
      }),
    ],
  ];
  it.each(layouts)('reads resource_changes as JSON.parse does: %s', (_name, text) => {
    const result = parsePlanText('plan.json', text);
    expect(result.ok && result.value).toEqual(JSON.parse(text));
  });

  const errors: [string, string, RegExp][] = [
    [
      'a syntax error inside a member, with its pointer and line',
      '{"format_version":"1.2",\n"configuration":{"root_module":\n{"x": 1 2}}}',
      /line 3/,
    ],
    ['a truncated plan', '{"format_version":"1.2","resource_changes":[{"address":', /ends too early/],
    [
      'trailing text after the object',
      '{"format_version":"1.2"} extra',
      /^invalid JSON at line 1, column 26 near "extra"$/,
    ],
    [
      'a second plan after the first, one a line',
      '{"format_version":"1.2"}\n{"format_version":"1.2"}\n',
      /^invalid JSON at line 2, column 1: another JSON object after the plan \(several plans in one file, one a line, as `terragrunt run-all show -json` writes them\): give each plan its own file$/,
    ],
    [
      'a syntax error in a part that is not read',
      '{"format_version":"1.2","checks":[{"status":"pass",}],"planned_values":{}}',
      /line 1, column 52/,
    ],
    [
      'a syntax error in an entry of resource_changes',
      '{"format_version":"1.2","resource_changes":[{"address":"a","x":01},{"address":"b"}]}',
      /line 1, column 65/,
    ],
  ];
  it.each(errors)('reports %s', (_name, text, message) => {
    const result = parsePlanText('plan.json', text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toMatch(message);
  });
});

describe('resource_changes entries of types no extraction reads', () => {
  const entry = (address: string, after: Record<string, unknown>, layout = 'terraform'): Record<string, unknown> => {
    const [type = '', name = ''] = address.split('.');
    const fields = { address, mode: 'managed', type, name, change: { actions: ['update'], before: after, after } };
    // Another layout puts `type` after the change: it cannot be peeked, so the entry is parsed.
    return layout === 'terraform' ? fields : { change: fields.change, address, type, name };
  };
  const policy = JSON.stringify({ Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] });
  const plan = (changes: Record<string, unknown>[], references: string[]): string =>
    JSON.stringify({
      format_version: '1.2',
      resource_changes: changes,
      configuration: {
        root_module: {
          resources: [
            {
              address: 'aws_lambda_permission.p',
              type: 'aws_lambda_permission',
              name: 'p',
              expressions: { function_name: { references } },
            },
          ],
        },
      },
    });
  const read = (text: string): unknown[] => {
    const result = parsePlanBytes('plan.json', Buffer.from(text), { filter: CHANGES_READ });
    if (!result.ok) throw new Error(result.error.message);
    return (result.value as { resource_changes: unknown[] }).resource_changes;
  };

  it('are left unparsed, in their place, while the types extraction reads are parsed', () => {
    const changes = [
      entry('aws_vpc.main', { cidr_block: '10.0.0.0/16' }),
      entry('aws_iam_policy.p', { policy }),
      entry('aws_ecs_cluster.c', { arn: 'arn:aws:ecs:eu-west-1:111122223333:cluster/c' }),
    ];
    expect(read(plan(changes, []))).toEqual([UNREAD_CHANGE, changes[1], UNREAD_CHANGE]);
  });

  it('are parsed when the configuration refers to their type', () => {
    const changes = [
      entry('aws_vpc.main', { cidr_block: '10.0.0.0/16' }),
      entry('aws_lambda_function.f', { arn: 'arn:x' }),
    ];
    expect(read(plan(changes, ['aws_lambda_function.f.arn', 'aws_lambda_function.f']))).toEqual([
      UNREAD_CHANGE,
      changes[1],
    ]);
  });

  it('are parsed when the configuration refers to their type, an unchanged one with its before left as {}', () => {
    const unchanged = entry('aws_lambda_function.f', { arn: 'arn:x' });
    unchanged['change'] = { ...(unchanged['change'] as object), actions: ['no-op'] };
    expect(read(plan([unchanged], ['aws_lambda_function.f']))).toEqual([
      { ...unchanged, change: { ...(unchanged['change'] as object), before: {} } },
    ]);
  });

  it('are parsed when their type does not come first', () => {
    const changes = [entry('aws_instance.web', { ami: 'ami-1' }, 'other')];
    expect(read(plan(changes, []))).toEqual(changes);
  });

  it('still have their syntax checked', () => {
    const text = plan([entry('aws_vpc.main', { cidr_block: '10.0.0.0/16' })], []).replace(
      '"10.0.0.0/16"',
      '"10.0.0.0/16",',
    );
    const result = parsePlanBytes('plan.json', Buffer.from(text), { filter: CHANGES_READ });
    expect(!result.ok && result.error).toMatchObject({
      pointer: '/resource_changes/0',
      message: /^invalid JSON at line 1/,
    });
  });

  it('make no difference to what is extracted', () => {
    const changes = [
      entry('aws_vpc.main', { cidr_block: '10.0.0.0/16' }),
      entry('aws_lambda_function.f', { arn: 'arn:aws:lambda:eu-west-1:111122223333:function:f', function_name: 'f' }),
      entry('aws_lambda_permission.p', { function_name: 'f', principal: 's3.amazonaws.com', action: 'lambda:*' }),
    ];
    const text = plan(changes, ['aws_lambda_function.f.function_name', 'aws_lambda_function.f']);
    const extract = (filter?: typeof CHANGES_READ): unknown => {
      const result = parsePlanBytes('plan.json', Buffer.from(text), filter === undefined ? {} : { filter });
      const valid = result.ok ? validatePlan('plan.json', result.value) : undefined;
      return valid?.ok === true ? extractPlan('plan.json', valid.plan) : undefined;
    };
    const filtered = extract(CHANGES_READ);
    expect(filtered).toEqual(extract());
    expect(JSON.stringify(filtered)).toContain('arn:aws:lambda:eu-west-1:111122223333:function:f');
  });
});

describe('the `before` of an entry whose actions are no-op or read', () => {
  /** A plan whose second entry has `change` written as given, after an entry that is created. */
  const plan = (change: string): string =>
    '{"format_version":"1.2","resource_changes":[' +
    '{"address":"aws_iam_role.a","type":"aws_iam_role","name":"a","change":{"actions":["create"],"before":null,"after":{}}},' +
    `{"address":"aws_iam_role.b","type":"aws_iam_role","name":"b","change":${change}}]}`;
  /** The second entry's `change` as read from bytes in memory and through windows of a few bytes (where entries take another path). */
  const read = (text: string): unknown[] =>
    [
      parsePlanBytes('plan.json', Buffer.from(text)),
      parsePlanBytes('plan.json', bufferSource(Buffer.from(text)), { window: 16 }),
    ].map((result) => {
      if (!result.ok) throw new Error(result.error.message);
      return (result.value as { resource_changes: { change: unknown }[] }).resource_changes[1]?.change;
    });
  const before = '{"policy":"{\\"Statement\\":[]}","tags":{"n":[1,null]}}';
  const cases: [string, string, unknown][] = [
    ['no-op: parsed, then left as {}', `{"actions":["no-op"],"before":${before},"after":${before}}`, {}],
    ['read (a data source): parsed, then left as {}', `{"actions":["read"],"before":${before},"after":{}}`, {}],
    ['no-op with a null before: read', `{"actions":["no-op"],"before":null,"after":{}}`, null],
    ['update: read', `{"actions":["update"],"before":${before},"after":{}}`, JSON.parse(before)],
    ['replace: read', `{"actions":["delete","create"],"before":${before},"after":{}}`, JSON.parse(before)],
    ['no-op with before ahead of actions: left as {}', `{"before":${before},"actions":["no-op"],"after":{}}`, {}],
    [
      'no-op overridden by a later actions member: read',
      `{"actions":["no-op"],"before":${before},"after":{},"actions":["update"]}`,
      JSON.parse(before),
    ],
  ];
  it.each(cases)('%s', (_name, change, expected) => {
    const text = plan(change);
    const parsed = JSON.parse(text) as { resource_changes: { change: Record<string, unknown> }[] };
    const whole = parsed.resource_changes[1]?.change;
    expect(read(text)).toEqual([
      { ...whole, before: expected },
      { ...whole, before: expected },
    ]);
  });

  const broken: [string, string, string][] = [
    ['a syntax error inside it', `{"actions":["no-op"],"before":{"a":[1,]},"after":{}}`, ']},"after'],
    ['a mismatched bracket', `{"actions":["no-op"],"before":{"a":1],"after":{}}`, '],"after'],
    ['a control character in one of its strings', `{"actions":["read"],"before":{"a":"x	y"},"after":{}}`, '	y"'],
  ];
  it.each(broken)('is still checked: %s is reported with the pointer of the entry', (_name, change, near) => {
    const text = plan(change);
    const column = text.indexOf(near) + 1;
    for (const result of [
      parsePlanBytes('plan.json', Buffer.from(text)),
      parsePlanBytes('plan.json', bufferSource(Buffer.from(text)), { window: 16 }),
    ])
      expect(!result.ok && result.error).toMatchObject({
        pointer: '/resource_changes/1',
        message: `invalid JSON at line 1, column ${column} near ${JSON.stringify(text.slice(column - 1, column + 11))}`,
      });
  });

  it('that is not an object is parsed, for validation to reject it', () => {
    const result = parsePlanText('plan.json', plan('{"actions":["no-op"],"before":"x","after":{}}'));
    const valid = result.ok ? validatePlan('plan.json', result.value) : undefined;
    expect(valid?.ok === false && valid.error.pointer).toBe('/resource_changes/1/change/before');
  });
});

describe('prior_state', () => {
  const resource = (address: string, mode: string): Record<string, unknown> => ({
    address,
    mode,
    type: address.replace(/^(module\.\w+\.)?(data\.)?/, '').split('.')[0],
    name: 'x',
    values: { name: address },
  });
  const prior = {
    format_version: '1.0',
    values: {
      root_module: {
        resources: [resource('aws_s3_bucket.x', 'managed'), resource('data.aws_region.x', 'data')],
        child_modules: [{ address: 'module.m', resources: [resource('module.m.aws_iam_role.x', 'managed')] }],
      },
    },
  };

  const change = {
    address: 'aws_s3_bucket.x',
    mode: 'managed',
    type: 'aws_s3_bucket',
    name: 'x',
    change: { actions: ['delete'], before: { name: 'aws_s3_bucket.x' }, after: null },
  };

  it('keeps the data sources and leaves managed resources unparsed, in their place', () => {
    const text = JSON.stringify({ format_version: '1.2', resource_changes: [change], prior_state: prior });
    const result = parsePlanBytes('plan.json', Buffer.from(text), { filter: CHANGES_READ });
    expect(result.ok && result.value).toEqual({
      format_version: '1.2',
      resource_changes: [change],
      prior_state: {
        format_version: '1.0',
        values: {
          root_module: {
            resources: [UNREAD_RESOURCE, resource('data.aws_region.x', 'data')],
            child_modules: [{ address: 'module.m', resources: [UNREAD_RESOURCE] }],
          },
        },
      },
    });
  });

  it.each([
    ['without `resource_changes`', {}],
    ['with `resource_changes` empty', { resource_changes: [] }],
  ])('of a plan that changes nothing (refresh-only), %s, is read whole, through windows too', (_, changes) => {
    const text = JSON.stringify({
      format_version: '1.2',
      planned_values: { root_module: {} },
      ...changes,
      prior_state: prior,
      configuration: { root_module: {} },
    });
    for (const bytes of [Buffer.from(text), bufferSource(Buffer.from(text))]) {
      const result = parsePlanBytes('plan.json', bytes, { filter: CHANGES_READ, window: 16 });
      expect(result.ok && (result.value as { prior_state?: unknown }).prior_state).toEqual(prior);
    }
  });

  it('of another shape is parsed whole for validation to judge', () => {
    const text = JSON.stringify({ format_version: '1.2', prior_state: { values: { root_module: { resources: 5 } } } });
    const result = parsePlanBytes('plan.json', Buffer.from(text), { filter: CHANGES_READ });
    expect(result.ok && result.value).toEqual(JSON.parse(text));
  });
});
