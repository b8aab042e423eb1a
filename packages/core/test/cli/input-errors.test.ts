/**
 * Policy files that once crashed `iamgate lint` or answered in a garbled line (found by
 * scripts/fuzz-cli.mjs): bad input ends in exit 2 and one line naming the file and the problem;
 * odd but valid input (UTF-16 with a byte order mark) gets a normal report.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fakeIo } from '../helpers/fake-io';
import { runLint } from '../../src/cli/lint';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'lint-input-errors-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

async function lint(name: string, content: string | Buffer): Promise<{ code: number; stderr: string }> {
  writeFileSync(join(dir, name), content);
  const io = fakeIo({ cwd: dir });
  const code = await runLint(['--format', 'json', name], io);
  return { code, stderr: io.err };
}

const CLEAN =
  '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}]}';
const bom = (bytes: number[], body: Buffer): Buffer => Buffer.concat([Buffer.from(bytes), body]);
const utf16be = (text: string): Buffer => Buffer.from(text, 'utf16le').swap16();
const ALIAS_BOMB = ['a: &a [x, x, x, x, x, x, x, x, x]']
  .concat(['b', 'c', 'd', 'e', 'f'].map((k, i) => `${k}: &${k} [${Array(9).fill(`*${'abcde'[i]}`).join(', ')}]`))
  .join('\n');

const errors: [string, string, string | Buffer, string][] = [
  [
    'a byte that is not UTF-8 is refused with its place',
    'bad.json',
    Buffer.concat([Buffer.from(CLEAN.slice(0, 70)), Buffer.from([0xff]), Buffer.from(CLEAN.slice(70))]),
    'bad.json: not UTF-8 text: invalid byte 0xFF at line 1, column 71 (save the file as UTF-8)',
  ],
  [
    'a JSON syntax error gives its line, column and what was found',
    'syntax.json',
    '{"Version": "2012-10-17",\n  "Statement": [}',
    'syntax.json: invalid JSON at line 2, column 17: expected a value, found `}`',
  ],
  [
    'a UTF-16 file without a byte order mark is a syntax error, not garbled text',
    'no-bom.json',
    Buffer.from(CLEAN, 'utf16le'),
    'no-bom.json: invalid JSON at line 1, column 2: expected a property name, found `\\u0000`',
  ],
  [
    'a YAML syntax error gives its line and column once, then what is wrong',
    'syntax.yaml',
    'Version: "2012-10-17"\nStatement: [{Effect: Allow\n',
    'syntax.yaml: invalid YAML at line 3, column 1: flow map in block collection must be sufficiently indented and end with a }',
  ],
  [
    'a YAML alias bomb is an input error naming the file, not an escaped exception',
    'bomb.yaml',
    ALIAS_BOMB,
    'bomb.yaml: invalid YAML: excessive alias count indicates a resource exhaustion attack',
  ],
];

const readable: [string, Buffer][] = [
  ['UTF-16 little-endian with a byte order mark (PowerShell)', bom([0xff, 0xfe], Buffer.from(CLEAN, 'utf16le'))],
  ['UTF-16 big-endian with a byte order mark', bom([0xfe, 0xff], utf16be(CLEAN))],
  ['UTF-8 with a byte order mark', bom([0xef, 0xbb, 0xbf], Buffer.from(CLEAN))],
];

describe('iamgate lint input errors', () => {
  test.each(errors)('%s', async (_name, file, content, line) => {
    const { code, stderr } = await lint(file, content);
    expect(code).toBe(2);
    expect(stderr).toBe(`${line}\n`);
  });

  test.each(readable)('reads %s as the policy it holds', async (_name, content) => {
    const { code, stderr } = await lint('encoded.json', content);
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });
});
