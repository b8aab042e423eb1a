/** Reading JSON and YAML files for the CLI: decoded value, or a one-line message with the line. */
import type * as Yaml from 'yaml';

/** A decoded data file, or why it is not one. */
export type DataResult =
  { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly message: string };

/** Decodes JSON (`.json`) or YAML (anything else; YAML also reads JSON). */
export function parseDataFile(text: string, file: string): DataResult {
  if (file.toLowerCase().endsWith('.json')) {
    try {
      return { ok: true, value: JSON.parse(text) as unknown };
    } catch (error) {
      return { ok: false, message: `invalid JSON: ${lineOf(text, (error as Error).message)}` };
    }
  }
  // Loaded here, not at the top: `yaml` is 70 modules that a run without a YAML file never needs.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { parseDocument } = require('yaml') as typeof Yaml;
  const document = parseDocument(text, { prettyErrors: false });
  const first = document.errors[0];
  if (first) {
    const line = first.linePos?.[0];
    return {
      ok: false,
      message: `invalid YAML${line ? ` at line ${line.line} column ${line.col}` : ''}: ${first.message.split('\n')[0] ?? ''}`,
    };
  }
  return { ok: true, value: document.toJS() as unknown };
}

// JSON.parse reports a character position; users want a line.
function lineOf(text: string, message: string): string {
  const position = /position (\d+)/.exec(message);
  const firstLine = (message.split('\n')[0] ?? '').replace(/^./, (c) => c.toLowerCase());
  if (!position) return firstLine;
  const offset = Number(position[1]);
  const line = text.slice(0, offset).split('\n').length;
  return `${firstLine.replace(/ in JSON at position \d+.*$/, '')} at line ${line}`;
}
