import { isUtf8 } from 'node:buffer';
import fc from 'fast-check';
import { JsonBytes } from '../src/json-bytes';
import { CHANGES_READ } from '../src/extract';
import { bufferSource, parsePlanBytes } from '../src/read-plan';

/** Whether `JSON.parse` accepts the bytes decoded as UTF-8, as the plan reader would decode them. */
function parses(bytes: Buffer): boolean {
  try {
    JSON.parse(bytes.toString('utf8'));
    return true;
  } catch {
    return false;
  }
}

/** Whether the scanner reads the bytes as exactly one JSON value between optional whitespace. */
function scans(bytes: Buffer): boolean {
  const scanner = new JsonBytes(bytes);
  const end = scanner.value(scanner.space(0));
  return end >= 0 && scanner.space(end) === bytes.length;
}

describe('JsonBytes resumed where its bytes ran out', () => {
  // Scans `text` cut after `cut` bytes, then resumes on the whole text where the scan said it could.
  const resumed = (text: string, cut: number): number => {
    const bytes = Buffer.from(text);
    const open: boolean[] = [];
    const first = new JsonBytes(bytes, cut);
    expect(first.scan(0, open, 'value')).toBe(-1);
    expect(first.errorAt).toBe(cut);
    return new JsonBytes(bytes).scan(first.resumeAt, open, first.resumeExpect);
  };
  const cases: [string, string, number][] = [
    ['in the spaces after a colon', '{"a":   1}', 6],
    ['in the indentation before a key', '{"a": 1,\n    "b": 2}', 11],
    ['in the line end before an array element', '[1,\r\n  2]', 4],
    ['in the spaces after an opening brace', '{   "a": 1}', 2],
  ];
  it.each(cases)('goes on when they ran out %s', (_name, text, cut) => {
    expect(resumed(text, cut)).toBe(text.length);
  });
});

describe('JsonBytes accepts exactly what JSON.parse accepts', () => {
  const cases: [string, string][] = [
    ['an empty object and array', '{"a":{},"b":[]}'],
    ['nested values with whitespace everywhere', ' { "a" : [ 1 , { "b" : null } ] ,\n\t"c" : true }\r\n'],
    ['every simple escape', '"\\" \\\\ \\/ \\b \\f \\n \\r \\t"'],
    ['a unicode escape', '"\\u00e9\\uD83D\\ude00"'],
    ['a unicode escape with a non-hex digit', '"\\u00g9"'],
    ['a short unicode escape at the end', '"\\u00"'],
    ['an unknown escape', '"\\x41"'],
    ['a raw tab inside a string', '"a\tb"'],
    ['a raw newline inside a string', '"a\nb"'],
    ['UTF-8 text inside a string', '"é — 日本 😀"'],
    ['UTF-8 text outside a string', '[1, é]'],
    ['a trailing comma in an array', '[1,2,]'],
    ['a trailing comma in an object', '{"a":1,}'],
    ['a missing comma', '[1 2]'],
    ['a missing colon', '{"a" 1}'],
    ['a key that is not a string', '{a:1}'],
    ['a number with a leading zero', '[01]'],
    ['zero, negative zero and exponents', '[0, -0, 1e5, 1E+5, -1.5e-3, 10.25]'],
    ['a number ending in a dot', '[1.]'],
    ['an exponent without digits', '[1e]'],
    ['a lone minus', '[-]'],
    ['a plus sign before a number', '[+1]'],
    ['literals', '[true, false, null]'],
    ['a misspelt literal', '[nul]'],
    ['a capitalised literal', '[True]'],
    ['two values at the top level', '{} {}'],
    ['an unclosed object', '{"a": [1, 2]'],
    ['an unclosed string', '{"a": "b'],
    ['a closing bracket of the wrong kind', '{"a": [1}'],
    ['deep nesting', `${'['.repeat(5000)}${']'.repeat(5000)}`],
    ['deep unclosed nesting', '{"a":'.repeat(5000)],
    ['nothing at all', ''],
    ['a bare string at the top level', '"text"'],
  ];
  it.each(cases)('%s', (_name, text) => {
    const bytes = Buffer.from(text, 'utf8');
    expect(scans(bytes)).toBe(parses(bytes));
  });

  it('bytes that are not UTF-8 are string content inside strings and errors outside', () => {
    const inside = Buffer.concat([Buffer.from('["a'), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from('"]')]);
    const outside = Buffer.concat([Buffer.from('[1,'), Buffer.from([0xff]), Buffer.from(']')]);
    expect([scans(inside), scans(outside)]).toEqual([parses(inside), parses(outside)]);
  });

  it('agrees with JSON.parse on random text over the characters of JSON', () => {
    const unit = fc.constantFrom(...'{}[],:"\\ \n0123456789.-+eEtrufalsn\tu/bx\u00e9'.split(''));
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 40 }), (text) => {
        const bytes = Buffer.from(text, 'utf8');
        expect(scans(bytes)).toBe(parses(bytes));
      }),
      { seed: 6, numRuns: 5_000 },
    );
  });
});

/** A small plan with the features of real ones: modules, escaped policy text, unicode, numbers, nulls. */
const PLAN = JSON.stringify({
  format_version: '1.2',
  terraform_version: '1.9.5',
  variables: { region: { value: 'eu-west-1' }, n: { value: 2.5e1 } },
  planned_values: {
    root_module: {
      resources: [{ address: 'aws_iam_role.r', mode: 'managed', type: 'aws_iam_role', name: 'r', values: {} }],
    },
  },
  resource_changes: [
    {
      address: 'aws_iam_role.r',
      mode: 'managed',
      type: 'aws_iam_role',
      name: 'r',
      index: 0,
      change: {
        actions: ['create'],
        before: null,
        after: {
          name: 'réle',
          assume_role_policy: JSON.stringify({ Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole' }] }),
          tags: { team: 'a\tb' },
        },
        after_unknown: { arn: true },
      },
    },
    { address: 'aws_s3_bucket.b', type: 'aws_s3_bucket', name: 'b', change: { actions: ['no-op'], after: null } },
    {
      address: 'aws_instance.web',
      mode: 'managed',
      type: 'aws_instance',
      name: 'web',
      change: { actions: ['create'], after: { ami: 'ami-1', tags: { Name: 'w\u00e9b' } }, after_unknown: { id: true } },
    },
    {
      address: 'aws_iam_policy.kept',
      mode: 'managed',
      type: 'aws_iam_policy',
      name: 'kept',
      change: {
        actions: ['no-op'],
        before: { policy: '{"Statement":[]}', tags: { n: [1, null, -2e3] } },
        after: { policy: '{"Statement":[]}', tags: { n: [1, null, -2e3] } },
        after_unknown: {},
      },
    },
    {
      address: 'data.aws_iam_policy_document.d',
      mode: 'data',
      type: 'aws_iam_policy_document',
      name: 'd',
      change: { actions: ['read'], before: { json: '{}' }, after: { json: '{}' } },
    },
  ],
  prior_state: {
    format_version: '1.0',
    values: {
      root_module: {
        resources: [
          {
            address: 'aws_s3_bucket.old',
            mode: 'managed',
            type: 'aws_s3_bucket',
            name: 'old',
            values: { bucket: 'o' },
          },
          { address: 'data.aws_region.r', mode: 'data', type: 'aws_region', name: 'r', values: { name: 'eu-west-1' } },
        ],
        child_modules: [
          {
            address: 'module.m',
            resources: [{ address: 'module.m.aws_iam_role.x', mode: 'managed', type: 'aws_iam_role', name: 'x' }],
          },
        ],
      },
    },
  },
  checks: [{ status: 'pass', objects: [-1, 0.5, true, false] }],
  configuration: { root_module: { resources: [{ address: 'aws_iam_role.r', expressions: { name: {} } }] } },
});

describe('parsePlanBytes accepts exactly what JSON.parse accepts, and reads the same values, whole or in windows', () => {
  /** One edit of the text: a byte removed, replaced, inserted, or a stretch repeated. */
  const mutation = fc.oneof(
    fc.record({ kind: fc.constant('remove' as const), at: fc.nat() }),
    fc.record({
      kind: fc.constant('replace' as const),
      at: fc.nat(),
      byte: fc.constantFrom(...Buffer.from('{}[],:"\\ 0-.e1tnu\n'), 0x80, 0xff),
    }),
    fc.record({
      kind: fc.constant('insert' as const),
      at: fc.nat(),
      byte: fc.constantFrom(...Buffer.from('{}[],:"\\ 0-.e1tnu\n'), 0xc3),
    }),
    fc.record({ kind: fc.constant('repeat' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 12 }) }),
  );

  function mutate(bytes: Buffer, edits: readonly Edit[]): Buffer {
    let out = bytes;
    for (const edit of edits) {
      const at = edit.at % (out.length + 1);
      if (edit.kind === 'remove') out = Buffer.concat([out.subarray(0, at), out.subarray(at + 1)]);
      else if (edit.kind === 'replace')
        out = Buffer.concat([out.subarray(0, at), Buffer.from([edit.byte]), out.subarray(at + 1)]);
      else if (edit.kind === 'insert')
        out = Buffer.concat([out.subarray(0, at), Buffer.from([edit.byte]), out.subarray(at)]);
      else if (edit.kind === 'repeat') out = Buffer.concat([out.subarray(0, at + edit.length), out.subarray(at)]);
    }
    return out;
  }

  it('with the end of a window at every offset of every token', () => {
    const text = JSON.stringify({
      format_version: '1.2',
      variables: { n: { value: [12345, -0.125e10, true, null, 'a\\"b\u00e9'] } },
      planned_values: { root_module: { resources: [{ address: 'x', values: { n: 67890, s: 'q\\"' } }] } },
      resource_changes: [{ address: 'a', index: 1234, change: { actions: ['create'], after: { n: [1e-7, 42] } } }],
      checks: [[[987654321]], { k: false }],
    });
    const bytes = Buffer.from(text, 'utf8');
    const whole = parsePlanBytes('plan.json', bytes);
    expect(whole.ok && whole.value).toEqual({ ...JSON.parse(text), planned_values: undefined, checks: undefined });
    for (let window = 2; window <= 40; window += 1)
      expect(parsePlanBytes('plan.json', bufferSource(bytes), { window })).toEqual(whole);
  });

  it('with the end of a window anywhere in the whitespace of an indented plan (`jq .`)', () => {
    const text = JSON.stringify(
      {
        format_version: '1.2',
        resource_changes: [{ address: 'a', change: { actions: ['create'], after: { n: [1, 2], s: 'x' } } }],
        configuration: { root_module: { resources: [{ address: 'a', expressions: { n: { constant_value: [1] } } }] } },
      },
      null,
      4,
    );
    const bytes = Buffer.from(text, 'utf8');
    const whole = parsePlanBytes('plan.json', bytes);
    expect(whole.ok && whole.value).toEqual(JSON.parse(text));
    for (let window = 2; window <= 60; window += 1)
      expect([window, parsePlanBytes('plan.json', bufferSource(bytes), { window })]).toEqual([window, whole]);
  });

  it('with the end of a window anywhere in a plan, its unread entries left out or not', () => {
    const bytes = Buffer.from(PLAN, 'utf8');
    for (const filter of [undefined, CHANGES_READ]) {
      const whole = parsePlanBytes('plan.json', bytes, filter === undefined ? {} : { filter });
      expect(whole.ok).toBe(true);
      for (let window = 3; window <= 80; window += 1)
        expect(parsePlanBytes('plan.json', bufferSource(bytes), { window, ...(filter ? { filter } : {}) })).toEqual(
          whole,
        );
    }
  });

  /** The plan as other writers lay it out: whitespace between tokens, where a window may end. */
  const layouts: [string, string][] = [
    ['indented by two spaces (jq, `json.dumps(indent=2)`)', JSON.stringify(JSON.parse(PLAN), null, 2)],
    ['a space after each `:` and `,` (`json.dumps`)', pythonLayout(PLAN)],
    [
      'tabs and CRLF line ends (an editor on Windows)',
      JSON.stringify(JSON.parse(PLAN), null, '\t').replace(/\n/g, '\r\n'),
    ],
  ];
  it.each(layouts)('with the end of a window in the whitespace of a plan %s', (_name, text) => {
    const bytes = Buffer.from(text, 'utf8');
    for (const filter of [undefined, CHANGES_READ]) {
      const options = filter === undefined ? {} : { filter };
      const whole = parsePlanBytes('plan.json', bytes, options);
      expect(whole.ok).toBe(true);
      for (let window = 2; window <= 96; window += 1)
        expect(parsePlanBytes('plan.json', bufferSource(bytes), { window, ...options })).toEqual(whole);
    }
  });

  it('on plans with one to three random edits', () => {
    const original = Buffer.from(PLAN, 'utf8');
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 3 }), (edits) => {
        const bytes = mutate(original, edits);
        const result = parsePlanBytes('plan.json', bytes);
        // Bytes that are not UTF-8 are refused, wherever they are.
        expect(result.ok).toBe(parses(bytes) && isUtf8(bytes));
        // Windows of a few bytes put a window's end inside every kind of token and container.
        for (const window of [8, 13, 64])
          expect(parsePlanBytes('plan.json', bufferSource(bytes), { window })).toEqual(result);
        // Entries left unparsed for their type are still checked.
        const filtered = parsePlanBytes('plan.json', bytes, { filter: CHANGES_READ });
        expect(filtered.ok).toBe(result.ok);
        expect(parsePlanBytes('plan.json', bufferSource(bytes), { filter: CHANGES_READ, window: 13 })).toEqual(
          filtered,
        );
        if (!result.ok || typeof result.value !== 'object' || result.value === null || Array.isArray(result.value))
          return;
        // What is read equals what JSON.parse reads, member for member, but for the `before` of unchanged entries.
        const whole = JSON.parse(bytes.toString('utf8')) as Record<string, unknown>;
        for (const [key, value] of Object.entries(result.value))
          expect(withoutUnreadBefore(key, value)).toEqual(withoutUnreadBefore(key, whole[key]));
      }),
      { seed: 6, numRuns: 2_000 },
    );
  });
});

/** JSON text with a space after each `:` and `,` between tokens, as Python's `json.dumps` writes it. */
function pythonLayout(text: string): string {
  let out = '';
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i] as string;
    out += c;
    if (inString) {
      if (c === '\\') out += text[(i += 1)] ?? '';
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === ':' || c === ',') out += ' ';
  }
  return out;
}

/**
 * `resource_changes` with the `before` object of `no-op` and `read` entries, which the reader
 * checks and then leaves as `{}`, made `{}`.
 */
function withoutUnreadBefore(key: string, value: unknown): unknown {
  if (key !== 'resource_changes' || !Array.isArray(value)) return value;
  return value.map((entry: unknown) => {
    const change = (entry as { change?: { actions?: unknown; before?: unknown } } | null)?.change;
    const actions = JSON.stringify(change?.actions);
    const before = change?.before;
    if (!(actions === '["no-op"]' || actions === '["read"]') || typeof before !== 'object' || before === null)
      return entry;
    if (Array.isArray(before)) return entry;
    return { ...(entry as object), change: { ...change, before: {} } };
  });
}

type Edit =
  | { kind: 'remove'; at: number }
  | { kind: 'replace' | 'insert'; at: number; byte: number }
  | { kind: 'repeat'; at: number; length: number };
