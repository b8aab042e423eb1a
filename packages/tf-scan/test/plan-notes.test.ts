/**
 * The notes tf-scan gives on stderr of a plan that is no error (`FILE: ` and a note): `isPlanNote`
 * tells them from any other line, so that a test or fuzzer accepting them lets no leaked
 * exception through.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { extractFiles, isPlanNote } from '../src/scan';

const INTEG = join(__dirname, '..', '..', '..', 'integ', 'tf-scan');

/** The notes tf-scan gives of `file`, its name and `: ` left out. */
async function notesOf(file: string): Promise<string[]> {
  const notes: string[] = [];
  await extractFiles([file], { note: (line) => notes.push(line) });
  return notes.map((line) => line.slice(file.length + 2));
}

describe('the notes of a plan that is no error', () => {
  it.each([
    ['a plan of the azurerm provider only', 'badinput29/azurerm-only.json'],
    ['a plan of the AWS Cloud Control provider only', 'badinput29/awscc-only.json'],
    ['an incomplete plan (`terraform plan -target`)', 'formats28/target.json'],
  ])('are notes: %s', async (_, file) => {
    const notes = await notesOf(join(INTEG, file));
    expect(notes).toHaveLength(1);
    expect(notes.filter((note) => !isPlanNote(note))).toEqual([]);
  });

  it('is said of a refresh-only plan', async () => {
    const plan = {
      format_version: '1.2',
      planned_values: {},
      prior_state: {
        values: {
          root_module: {
            resources: [
              { address: 'aws_iam_role.a', mode: 'managed', type: 'aws_iam_role', name: 'a', values: { name: 'a' } },
            ],
          },
        },
      },
    };
    const file = join(mkdtempSync(join(tmpdir(), 'plan-notes-')), 'refresh.json');
    writeFileSync(file, JSON.stringify(plan));
    expect((await notesOf(file)).map(isPlanNote)).toEqual([true]);
  });

  it.each([
    ['a leaked exception', "TypeError: Cannot read properties of undefined (reading 'type')"],
    [
      'an exception after a note',
      'no resource of the hashicorp/aws provider (only `azurerm`): nothing tf-scan reads TypeError',
    ],
    ['a stack frame', '    at Extraction.run (extract.js:12:3)'],
    ['nothing', ''],
  ])('are not: %s', (_, line) => {
    expect(isPlanNote(line)).toBe(false);
  });
});
