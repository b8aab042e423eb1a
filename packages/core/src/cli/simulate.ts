/**
 * `iamgate simulate FILE|-`: evaluates one request case and explains the decision.
 * `iamgate simulate --batch FILE.jsonl [--trace]`: one case per line, one JSON line per case.
 */
import { resolve } from 'node:path';
import { acceptsOnlyWildcardResource } from '../catalog/actions';
import { closestMatch } from '../catalog/suggest';
import { readCase } from '../evaluator/case';
import { evaluate } from '../evaluator/evaluate';
import { formatResult } from '../evaluator/trace';
import { readFailure, readInputFile } from './fs-error';
import { nonFiniteNumber } from './finite-numbers';
import { shownName } from './one-line';
import type { CliIo } from './io';
import { decodeDataBytes, parseJsonText } from './read-data';
import { TOOL_VERSION } from '../report/types';

const USAGE = `usage: iamgate simulate FILE|-
       iamgate simulate --batch FILE.jsonl|- [--trace]

Evaluates request cases (the case format is in docs/simulate.md). Batch mode prints one JSON line
per case: {"id","decision"} (with --trace, also "trace"), or {"id","error"}.`;

/** The keys of a case, then those of its request; anything else is refused rather than ignored. */
const CASE_KEYS: ReadonlySet<string> = new Set([
  'id',
  'request',
  'identityPolicies',
  'permissionsBoundary',
  'sessionPolicy',
  'resourcePolicy',
  'serviceControlPolicies',
  'resourceControlPolicies',
  // Descriptive keys of the evaluator's test cases, so that one of them runs as it is.
  'name',
  'docs',
  'note',
  'expected',
]);
const REQUEST_KEYS: ReadonlySet<string> = new Set(['principal', 'action', 'resource', 'resourceAccount', 'context']);

/** The options of `simulate`, for a did-you-mean. */
const OPTIONS: readonly string[] = ['--batch', '--trace', '--help', '--version'];

/** How standard input is named in errors, as the scanning commands name it. */
const STDIN = '<stdin>';

/** Runs `iamgate simulate`; resolves to the exit code. */
export async function runSimulate(argv: readonly string[], io: CliIo): Promise<number> {
  let batch = false;
  let trace = false;
  const files: string[] = [];
  for (const [i, arg] of argv.entries()) {
    if (arg === '--') {
      files.push(...argv.slice(i + 1));
      break;
    }
    if (arg === '--batch') batch = true;
    else if (arg === '--trace') trace = true;
    else if (arg === '-h' || arg === '--help') {
      io.stdout(USAGE + '\n');
      return 0;
    } else if (arg === '--version') {
      io.stdout(`${TOOL_VERSION}\n`);
      return 0;
    } else if (arg.startsWith('-') && arg !== '-') {
      const name = arg.split('=')[0] ?? arg;
      const near = closestMatch(name, OPTIONS);
      if (OPTIONS.includes(name)) return usage(io, `option \`${name}\` takes no value`);
      return usage(
        io,
        `unknown option \`${shownName(arg.slice(0, 80))}\`${near === undefined ? '' : ` (did you mean \`${near}\`?)`}`,
      );
    } else files.push(arg);
  }
  // An option that would change nothing is refused rather than ignored: the user expects it to.
  if (trace && !batch) {
    io.stderr(
      'iamgate simulate: `--trace` applies to `--batch` only: a single case always prints its decision trace\n',
    );
    return 2;
  }
  if (files.length !== 1)
    return usage(io, files.length === 0 ? 'missing FILE' : `expected one FILE, got ${String(files.length)}`);
  const file = files[0] as string;
  // Input errors name the file and the pointer as the scanning commands do: `FILE: /pointer: message`.
  const shown = file === '-' ? STDIN : shownName(file);
  const fail = (pointer: string, message: string): number => {
    io.stderr(`${shown}: ${pointer === '' ? '' : `${pointer}: `}${message}\n`);
    return 2;
  };
  let bytes: Buffer;
  try {
    // Resolved as every command resolves its inputs: `case.json/` is the file, as `tf-scan plan.json/` reads it.
    bytes = file === '-' ? await io.readStdin() : readInputFile(resolve(io.cwd, file));
  } catch (error) {
    return fail('', readFailure(error));
  }
  const decoded = decodeDataBytes(bytes);
  if (!decoded.ok) return fail('', decoded.message);
  const text = decoded.text;
  if (batch && text.trim() === '')
    // No case at all passes nothing: a batch that a failed step left empty must not read as done.
    return fail('', 'is empty, expected one request case (a JSON object) a line');
  return batch ? runBatch(text, trace, io) : runOne(text, io, fail);
}

function usage(io: CliIo, problem: string): number {
  const hint = problem.includes('did you mean') ? '' : ' (`iamgate simulate --help` shows the usage)';
  io.stderr(`iamgate simulate: ${problem}${hint}\n`);
  return 2;
}

function runOne(text: string, io: CliIo, fail: (pointer: string, message: string) => number): number {
  if (text.trim() === '') return fail('', 'is empty, expected a request case (a JSON object)');
  const parsed = parseJsonText(text);
  if (!parsed.ok) {
    // A batch file (one case a line) given without --batch: its first line is a case alone.
    const firstLine = text.trimStart().split('\n')[0] ?? '';
    const lines = firstLine !== text.trim() && parseJsonText(firstLine).ok;
    return fail('', `${parsed.message}${lines ? ' (one case a line: add `--batch`)' : ''}`);
  }
  const input = parsed.value;
  const read = readCase(input);
  const problem = nonFiniteNumber(input) ?? unknownKey(input) ?? (read.ok ? undefined : read.error);
  if (problem !== undefined || !read.ok) {
    const { pointer, message } = problem ?? { pointer: '', message: 'invalid case' };
    return fail(pointer || '/', message);
  }
  const result = evaluate(read.value.request, read.value.policies, {
    trace: true,
    deriveContextKeys: false,
    wildcardOnly: acceptsOnlyWildcardResource,
  });
  io.stdout(formatResult(result) + '\n');
  return 0;
}

function runBatch(text: string, trace: boolean, io: CliIo): number {
  const out: string[] = [];
  const lines = text.split('\n');
  for (let n = 0; n < lines.length; n++) {
    const line = (lines[n] as string).trim();
    if (line === '') continue;
    out.push(JSON.stringify(batchLine(line, n + 1, trace)));
    if (out.length >= 512) {
      io.stdout(out.join('\n') + '\n');
      out.length = 0;
    }
  }
  if (out.length) io.stdout(out.join('\n') + '\n');
  return 0;
}

function batchLine(line: string, lineNumber: number, trace: boolean): Record<string, unknown> {
  let input: unknown;
  try {
    input = JSON.parse(line);
  } catch (error) {
    return { id: `line-${lineNumber}`, error: `line ${lineNumber} is not valid JSON: ${firstLine(error)}` };
  }
  const read = readCase(input);
  const id = read.ok ? (read.value.id ?? `line-${lineNumber}`) : (read.id ?? `line-${lineNumber}`);
  const problem = nonFiniteNumber(input) ?? unknownKey(input) ?? (read.ok ? undefined : read.error);
  if (problem !== undefined || !read.ok) {
    const { pointer, message } = problem ?? { pointer: '', message: 'invalid case' };
    return { id, error: `${pointer || '/'}: ${message}` };
  }
  try {
    const result = evaluate(read.value.request, read.value.policies, {
      trace,
      deriveContextKeys: false,
      wildcardOnly: acceptsOnlyWildcardResource,
    });
    const answer: Record<string, unknown> = { id, decision: result.decision };
    if (result.unknown) answer['unknown'] = true;
    if (trace) answer['trace'] = result.trace;
    return answer;
  } catch (error) {
    // A programmer error on one case must not end the batch.
    return { id, error: `internal error: ${firstLine(error)}` };
  }
}

/**
 * A key the case format does not have, as a problem with its pointer. Ignoring it would evaluate
 * another case than the one written: a misspelled `permissionBoundary` is a case without boundary.
 */
function unknownKey(input: unknown): { pointer: string; message: string } | undefined {
  if (!isRecord(input)) return undefined;
  const request = input['request'];
  const unknown: [string, string, ReadonlySet<string>][] = [
    ...Object.keys(input).map((key): [string, string, ReadonlySet<string>] => ['', key, CASE_KEYS]),
    ...(isRecord(request)
      ? Object.keys(request).map((key): [string, string, ReadonlySet<string>] => ['/request', key, REQUEST_KEYS])
      : []),
  ].filter(([, key, known]) => !known.has(key));
  const first = unknown[0];
  if (first === undefined) return undefined;
  const [at, key, known] = first;
  // A request's member written beside it (`principal` at the top) belongs in `request`.
  const inRequest = at === '' && REQUEST_KEYS.has(key);
  const near = inRequest ? undefined : closestMatch(key, known);
  const hint = inRequest ? ' (it belongs in `request`)' : near === undefined ? '' : ` (did you mean \`${near}\`?)`;
  return { pointer: `${at}/${escapePointer(key)}`, message: `unknown key \`${key.slice(0, 80)}\`${hint}` };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function escapePointer(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
}
