/**
 * A plan whose bytes are not UTF-8 is refused, never decoded into replacement characters that
 * silently change an ARN or an action: exit 2 and one line naming the file and where (the JSON
 * pointer of the value when the reader parses it, else the line, column and byte offset).
 */
import { isUtf8 } from 'node:buffer';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runScanCommand } from '@iamgate/core';
import { fakeIo } from '../../core/test/helpers/fake-io';
import { TF_SCAN_COMMAND } from '../src/cli';
import { CHANGES_READ } from '../src/extract';
import { bufferSource, parsePlanBytes, pointerOfByte } from '../src/read-plan';
import { Utf8Check } from '../src/utf8';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'tf-scan-utf8-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** Stands for the bytes under test in a plan's text. */
const MARK = '@@';

const POLICY =
  '{\\"Version\\":\\"2012-10-17\\",\\"Statement\\":[{\\"Effect\\":\\"Allow\\",\\"Action\\":\\"s3:GetObject\\",\\"Resource\\":\\"arn:aws:s3:::data' +
  MARK +
  '/*\\"}]}';

/** A plan (one line per member, as `terraform show -json` does not, to make lines countable) with `MARK` where `at` says. */
function planText(at: 'policy' | 'key' | 'top-key' | 'configuration' | 'planned' | 'unread' | 'none'): string {
  const mark = (where: typeof at, text: string): string => (at === where ? text : text.replace(MARK, ''));
  return [
    '{"format_version":"1.2",',
    `"planned_values":{"root_module":{"resources":[{"address":"aws_instance.vm","values":{"ami":"ami-1${mark('planned', MARK)}"}}]}},`,
    `"${at === 'top-key' ? `x${MARK}` : ''}resource_changes":[`,
    `{"address":"aws_vpc.vm","mode":"managed","type":"aws_vpc","name":"vm","change":{"actions":["create"],"after":{"ami":"ami-1${mark('unread', MARK)}"}}},`,
    '{"address":"aws_iam_policy.p","mode":"managed","type":"aws_iam_policy","name":"p","change":{"actions":["create"],' +
      `"after":{"name":"p","${mark('key', `tag${MARK}`)}":"x","policy":"${at === 'policy' ? POLICY : POLICY.replace(MARK, '')}"},"after_unknown":{"arn":true}}}`,
    '],',
    `"configuration":{"root_module":{"resources":[{"address":"aws_iam_policy.p","mode":"managed","type":"aws_iam_policy","name":"p","expressions":{"name":{"constant_value":"p${mark('configuration', MARK)}"}}}]}}`,
    '}',
  ].join('\n');
}

/** The plan's bytes with `bytes` in place of `MARK`. */
function withBytes(text: string, bytes: number[]): Buffer {
  const at = text.indexOf(MARK);
  if (at < 0) return Buffer.from(text);
  return Buffer.concat([Buffer.from(text.slice(0, at)), Buffer.from(bytes), Buffer.from(text.slice(at + MARK.length))]);
}

async function scan(content: Buffer): Promise<{ code: number; lines: string[] }> {
  writeFileSync(join(dir, 'plan.json'), content);
  const io = fakeIo({ cwd: dir });
  const code = await runScanCommand(TF_SCAN_COMMAND, ['--format', 'json', 'plan.json'], io);
  return { code, lines: io.err.split('\n').filter((l) => l !== '') };
}

describe('bytes that are not UTF-8 refuse the plan, with where they are', () => {
  it.each<[string, Parameters<typeof planText>[0], RegExp]>([
    [
      'in a policy: the pointer of the string',
      'policy',
      /^plan\.json: \/resource_changes\/1\/change\/after\/policy: not UTF-8 text: invalid byte 0xFF at line 5, column \d+, byte offset \d+ \(save the plan as UTF-8\)$/,
    ],
    [
      'in a key: the pointer of the object it belongs to (no replacement character shown)',
      'key',
      /^plan\.json: \/resource_changes\/1\/change\/after: not UTF-8 text: invalid byte 0xFF at line 5, column \d+/,
    ],
    [
      'in the name of a top-level member: the plan is named, not the name (fuzzer find: was shown with a replacement character)',
      'top-key',
      /^plan\.json: not UTF-8 text: invalid byte 0xFF at line 3, column 3, byte offset \d+ \(save the plan as UTF-8\)$/,
    ],
    [
      'in the configuration (parsed whole)',
      'configuration',
      /^plan\.json: \/configuration\/root_module\/resources\/0\/expressions\/name\/constant_value: not UTF-8 text: invalid byte 0xFF at line 7, column \d+/,
    ],
    [
      'in planned values, only checked when there are changes: the line, column and byte offset',
      'planned',
      // Line 2 after a first line of 24 characters: the byte is at its column 98, 122 bytes into the file.
      /^plan\.json: not UTF-8 text: invalid byte 0xFF at line 2, column 98, byte offset 122 \(save the plan as UTF-8\)$/,
    ],
    [
      'in a change of a type no scan reads: the line, column and byte offset',
      'unread',
      /^plan\.json: not UTF-8 text: invalid byte 0xFF at line 4, column \d+, byte offset \d+/,
    ],
  ])('%s', async (_, at, line) => {
    const text = planText(at);
    if (at === 'planned') {
      const before = text.slice(0, text.indexOf(MARK));
      expect([before.split('\n').length, before.length - before.lastIndexOf('\n'), before.length]).toEqual([
        2, 98, 122,
      ]);
    }
    const { code, lines } = await scan(withBytes(text, [0xff]));
    expect(code).toBe(2);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(line);
  });

  it('the same plan with UTF-8 text in place of the byte is scanned', async () => {
    const { code, lines } = await scan(withBytes(planText('policy'), [...Buffer.from('é日😀')]));
    expect(lines.filter((l) => l.startsWith('plan.json:'))).toEqual([]);
    expect(code).toBe(0);
  });
});

describe('which bytes are UTF-8 (RFC 3629)', () => {
  it.each<[string, number[]]>([
    ['a lone continuation byte', [0x80]],
    ['a lead byte followed by ASCII', [0xe2, 0x28, 0xa1]],
    ['an overlong encoding of `/`', [0xc0, 0xaf]],
    ['an overlong three-byte form', [0xe0, 0x80, 0xaf]],
    ['a UTF-16 surrogate encoded', [0xed, 0xa0, 0x80]],
    ['a code point past U+10FFFF', [0xf4, 0x90, 0x80, 0x80]],
    ['a byte no sequence begins with', [0xf5, 0x80, 0x80, 0x80]],
    ['a sequence cut short before the closing quote', [0xf0, 0x9f, 0x98]],
    ['Latin-1 text (`café` saved in another encoding)', [0x63, 0x61, 0x66, 0xe9]],
  ])('%s is refused', (_, bytes) => {
    const result = parsePlanBytes('plan.json', withBytes(planText('policy'), bytes), { filter: CHANGES_READ });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.pointer).toBe('/resource_changes/1/change/after/policy');
  });
});

describe('UTF-8 checked in pieces', () => {
  /** Every way to cut `length` bytes into pieces: the ends of all pieces but the last. */
  function* cuts(length: number): Generator<number[]> {
    for (let mask = 0; mask < 1 << (length - 1); mask += 1)
      yield Array.from({ length: length - 1 }, (_, i) => i + 1).filter((_, i) => (mask & (1 << i)) !== 0);
  }

  it.each<[string, number[], number]>([
    ['ASCII with two-, three- and four-byte sequences', [...Buffer.from('aé日😀b')], -1],
    ['a three-byte sequence cut short', [0x61, 0xe6, 0x97, 0x61], 1],
    ['an overlong form', [0x61, 0xc0, 0xaf, 0x62], 1],
    ['a surrogate', [0x61, 0xed, 0xa0, 0x80], 1],
    ['a four-byte sequence with a bad last byte', [0x61, 0xf0, 0x9f, 0x98, 0x28], 1],
    ['a stray continuation byte after a whole sequence', [0xc3, 0xa9, 0x80, 0x61], 2],
    ['a sequence cut by the end of the bytes', [0x61, 0x62, 0xf0, 0x9f, 0x98], 2],
    ['a two-byte sequence after a four-byte one cut at its end', [0xf0, 0x9f, 0x98, 0x80, 0xc3, 0xa9, 0xe6], 6],
  ])('%s: cut anywhere, the first byte that is not UTF-8 is found', (_, list, invalidAt) => {
    const bytes = Buffer.from(list);
    expect(isUtf8(bytes)).toBe(invalidAt < 0);
    for (const ends of cuts(bytes.length)) {
      for (const emptyLast of [false, true]) {
        const check = new Utf8Check();
        let from = 0;
        for (const end of [...ends, bytes.length]) {
          check.push(bytes, from, end, !emptyLast && end === bytes.length);
          from = end;
        }
        // A read at the end of a file may add no bytes.
        if (emptyLast) check.push(bytes, bytes.length, bytes.length, true);
        expect([ends, check.invalidAt]).toEqual([ends, invalidAt]);
      }
    }
  });
});

describe('a sequence cut by the end of a window', () => {
  // Windows of a few bytes put every byte of the sequence at a window's end in turn.
  const sizes = [16, 17, 18, 19, 20, 23, 29, 31];

  it.each<[string, number[], boolean]>([
    ['two-byte `é` is read whole', [0xc3, 0xa9], true],
    ['three-byte `日` is read whole', [0xe6, 0x97, 0xa5], true],
    ['four-byte `😀` is read whole', [0xf0, 0x9f, 0x98, 0x80], true],
    ['a three-byte sequence cut short is refused', [0xe6, 0x97], false],
    ['a four-byte sequence with a bad last byte is refused', [0xf0, 0x9f, 0x98, 0x28], false],
  ])('%s', (_, bytes, ok) => {
    const bytesOfPlan = withBytes(planText('policy'), bytes);
    const whole = parsePlanBytes('plan.json', bytesOfPlan, { filter: CHANGES_READ });
    for (const window of sizes) {
      const windowed = parsePlanBytes('plan.json', bufferSource(bytesOfPlan), { filter: CHANGES_READ, window });
      expect(windowed).toEqual(whole);
    }
    expect(whole.ok).toBe(ok);
    if (ok && whole.ok)
      expect(JSON.stringify(whole.value)).toContain(`arn:aws:s3:::data${Buffer.from(bytes).toString('utf8')}/*`);
  });

  it('a sequence cut by the end of the file is refused', () => {
    // Outside any string: JSON would call it a syntax error; as bytes it is no UTF-8 either way.
    const bytes = Buffer.concat([Buffer.from(planText('none')), Buffer.from([0xe6, 0x97])]);
    for (const window of sizes) {
      const result = parsePlanBytes('plan.json', bufferSource(bytes), { filter: CHANGES_READ, window });
      expect(result.ok).toBe(false);
    }
  });
});

describe('the pointer of a byte in a JSON value', () => {
  it.each<[string, string, string, string]>([
    ['a string at the top', '"ab"', 'b', ''],
    ['a member of an object', '{"a":1,"b":{"c":"xy"}}', 'y', '/b/c'],
    ['an element after an empty object and array', '[{},[],"q"]', 'q', '/2'],
    ['a key: the object it belongs to (the key is not shown)', '{"a":{"k/~":1}}', 'k', '/a'],
    ['a string after an escaped quote', '{"a":"\\"","b":"z"}', 'z', '/b'],
  ])('%s', (_, text, needle, pointer) => {
    const bytes = Buffer.from(text);
    expect(pointerOfByte(bytes, 0, bytes.length, text.lastIndexOf(needle))).toBe(pointer);
  });

  it('a value nested 1,000 levels deep is named by its ancestor 64 levels down', () => {
    const text = `${'{"a":'.repeat(1000)}"x"${'}'.repeat(1000)}`;
    const bytes = Buffer.from(text);
    expect(pointerOfByte(bytes, 0, bytes.length, text.indexOf('x'))).toBe('/a'.repeat(64));
  });
});

describe('the hand-written plan integ/tf-scan/bad/not-utf8.json (saved as Latin-1)', () => {
  it('exits 2 with one line naming the file and the byte', async () => {
    const io = fakeIo({ cwd: join(__dirname, '../../..') });
    const code = await runScanCommand(TF_SCAN_COMMAND, ['integ/tf-scan/bad/not-utf8.json'], io);
    expect(code).toBe(2);
    // Its first `é` (0xE9 in Latin-1) is in `planned_values`, which a plan with changes only checks.
    expect(io.err.split('\n').filter((l) => l !== '')).toEqual([
      'integ/tf-scan/bad/not-utf8.json: not UTF-8 text: invalid byte 0xE9 at line 15, column 31, byte offset 439 (save the plan as UTF-8)',
    ]);
  });
});
