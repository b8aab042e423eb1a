/**
 * The command line shared by every scanning command (`iamgate lint`, `tf-scan`, `cdk-guard`):
 * common options, configuration discovery, the engine, formatting, exit codes. An adapter only
 * supplies its name, usage and an `extract` from files to a scan input.
 */
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { ScanInput } from '../analysis/input';
import type { GuardResult, Severity } from '../analysis/finding';
import { atOrAbove } from '../analysis/finding';
import { runGuard } from '../analysis/engine';
import { resolveConfig } from '../config/resolve';
import type { ResolvedConfig } from '../config/types';
import type { Baseline } from '../config/baseline';
import { createBaseline, parseBaseline } from '../config/baseline';
import { FORMATTERS } from '../report/formatters/index';
import type { FormatName } from '../report/types';
import { TOOL_VERSION } from '../report/types';
import type { CliIo } from './io';
import { processIo } from './io';
import type { DataResult } from './read-data';
import { decodeDataBytes, parseDataFile } from './read-data';
import { describeWriteError, readFailure, readInputFile } from './fs-error';
import { INPUT_KIND_NAMES, inputKindOf, wrongInputMessage } from './input-kind';
import { duplicateKeys } from '../model/json-text';
import { nonFiniteNumber } from './finite-numbers';
import { closestMatch } from '../catalog/suggest';
import { oneLine, printable, shownName } from './one-line';

/** An option a command adds to the common ones. */
export interface ExtraOption {
  readonly name: string;
  readonly takesValue: boolean;
  /** What the value is, in `--help` (`FILE`, `DIR`, `NAME=VALUE`); `VALUE` when not given. */
  readonly valueName?: string;
  readonly description: string;
  /** Other spellings of the option (`-var-file` beside `--var-file`, as Terraform spells it). */
  readonly aliases?: readonly string[];
  /** Given any number of times; its values reach `extract` in `repeated`, in command-line order. */
  readonly repeatable?: boolean;
}

/** One value of a repeatable option, by the option's name (never an alias). */
export interface RepeatedOption {
  readonly name: string;
  readonly value: string;
}

/** What an adapter provides to get the common command line. */
export interface ScanCommandSpec {
  /** `tf-scan`, `cdk-guard`, `iamgate lint`. */
  readonly name: string;
  /** Shown by `--help` and on usage errors. */
  readonly usage: string;
  readonly extraOptions?: readonly ExtraOption[];
  extract(args: {
    readonly files: readonly string[];
    readonly options: Readonly<Record<string, string | boolean>>;
    /** The values of the repeatable options, all of them in command-line order (`-var` beside `-var-file`). */
    readonly repeated: readonly RepeatedOption[];
    /** The files this run writes (`--output`, `--write-baseline`): no input of a folder the command lists. */
    readonly written: readonly string[];
    readonly io: CliIo;
  }): Promise<ScanInput>;
}

/** `--fail-on` values. */
export type FailOn = Severity | 'never';

/** Names of the configuration files looked for from the working directory upward. */
export const CONFIG_FILE_NAMES: readonly string[] = [
  'iamgate.config.json',
  'iamgate.config.yaml',
  'iamgate.config.yml',
];

const COMMON_OPTIONS: readonly ExtraOption[] = [
  {
    name: '--format',
    takesValue: true,
    valueName: 'FORMAT',
    description: 'text | json | sarif | github | markdown | html (default text)',
  },
  {
    name: '--output',
    takesValue: true,
    valueName: 'FILE',
    description: 'write the report to FILE instead of standard output',
  },
  {
    name: '--config',
    takesValue: true,
    valueName: 'FILE',
    description: 'configuration file (default: iamgate.config.json/.yaml/.yml, searched upward)',
  },
  {
    name: '--fail-on',
    takesValue: true,
    valueName: 'LEVEL',
    description: 'error | warning | info | never: lowest severity that fails (default error)',
  },
  {
    name: '--baseline',
    takesValue: true,
    valueName: 'FILE',
    description: 'suppress the findings whose fingerprint is in FILE (a baseline, or a `--format json` report)',
  },
  {
    name: '--write-baseline',
    takesValue: true,
    valueName: 'FILE',
    description: 'write the fingerprints of the current findings to FILE',
  },
  {
    name: '--quiet',
    takesValue: false,
    description: 'report only findings at or above --fail-on (the summary counts those)',
  },
  { name: '--help', takesValue: false, description: 'show this help' },
  { name: '--version', takesValue: false, description: 'print the version and exit' },
];

const FORMATS: readonly FormatName[] = ['text', 'json', 'sarif', 'github', 'markdown', 'html'];
const FAIL_ON: readonly FailOn[] = ['error', 'warning', 'info', 'never'];

/** A user-facing error: one line on stderr, exit 2. */
class UsageError extends Error {}

/** Runs a scanning command; resolves to its exit code (0, 1, or 2). Never throws. */
export async function runScanCommand(
  spec: ScanCommandSpec,
  argv: readonly string[],
  io: CliIo = processIo(),
): Promise<number> {
  const options = [...COMMON_OPTIONS, ...(spec.extraOptions ?? [])];
  let parsed: ParsedArgs;
  try {
    parsed = parseArgs(argv, options);
  } catch (error) {
    const message = (error as Error).message;
    const hint = message.includes('did you mean') ? '' : ` (\`${spec.name} --help\` shows the usage)`;
    io.stderr(`${spec.name}: ${oneLine(`${message}${hint}`)}\n`);
    return 2;
  }
  if (parsed.options['--help'] === true) {
    io.stdout(helpText(spec, options));
    return 0;
  }
  if (parsed.options['--version'] === true) {
    io.stdout(`${TOOL_VERSION}\n`);
    return 0;
  }
  try {
    return await scan(spec, parsed, io);
  } catch (error) {
    // One line of bounded length, whatever user value it quotes (a configuration key, a file name);
    // a configuration with several problems has a line for each.
    const text = error instanceof Error ? error.message : String(error);
    if (error instanceof UsageError) {
      const lines = text.split('\n');
      const shown = lines.slice(0, MAX_USAGE_LINES).map(oneLine);
      if (lines.length > MAX_USAGE_LINES) shown.push(`... and ${String(lines.length - MAX_USAGE_LINES)} more`);
      io.stderr(`${shown.join('\n')}\n`);
    } else io.stderr(`${spec.name}: ${oneLine(text.split('\n')[0] ?? '')}\n`);
    if (!(error instanceof UsageError) && io.env['IAMGATE_DEBUG']) io.stderr(`${String((error as Error).stack)}\n`);
    return 2;
  }
}

async function scan(spec: ScanCommandSpec, args: ParsedArgs, io: CliIo): Promise<number> {
  const format = (args.options['--format'] ?? 'text') as string;
  if (!(FORMATS as readonly string[]).includes(format))
    throw new UsageError(
      `${spec.name}: unknown format \`${format}\`${didYouMean(format, FORMATS) || ` (expected ${FORMATS.join(', ')})`}`,
    );
  const failOn = (args.options['--fail-on'] ?? 'error') as string;
  if (!(FAIL_ON as readonly string[]).includes(failOn))
    throw new UsageError(
      `${spec.name}: unknown --fail-on \`${failOn}\`${didYouMean(failOn, FAIL_ON) || ` (expected ${FAIL_ON.join(', ')})`}`,
    );
  // `-` is standard output, as it is standard input among the inputs: not a file named `-`.
  if (args.options['--output'] === '-') delete args.options['--output'];
  if (args.options['--write-baseline'] === '-')
    throw new UsageError(
      `${spec.name}: --write-baseline writes a file, not standard output (\`-\`), where the report goes: name a file`,
    );
  refuseOverwritingInputs(spec, args, format, io);
  const config = loadConfig(args.options['--config'], io, spec.name);
  const baselineFile = args.options['--baseline'];
  const baseline = typeof baselineFile === 'string' ? loadBaseline(baselineFile, io, spec.name) : undefined;

  const extraOptions: Record<string, string | boolean> = {};
  for (const option of spec.extraOptions ?? []) {
    const value = args.options[option.name];
    if (value !== undefined) extraOptions[option.name] = value;
  }
  let input: ScanInput;
  try {
    const written = [args.options['--output'], args.options['--write-baseline']].filter(
      (file): file is string => typeof file === 'string' && file !== '-',
    );
    input = await spec.extract({ files: args.files, options: extraOptions, repeated: args.repeated, written, io });
  } catch (error) {
    throw new UsageError(
      `${spec.name}: ${(error instanceof Error ? error.message : String(error)).split('\n')[0] ?? ''}`,
    );
  }
  releaseExtraction();
  // Per-principal permission views cost an analysis per principal: only the HTML report draws them.
  const views = format === 'html';
  let result = runGuard(input, config, { ...(baseline ? { baseline } : {}), views });

  const writeTo = args.options['--write-baseline'];
  if (typeof writeTo === 'string') {
    const file = createBaseline(result);
    writeFile(io, writeTo, 'the baseline (`--write-baseline`)', JSON.stringify(file, null, 2) + '\n');
    io.stderr(
      `${spec.name}: wrote ${file.findings.length} fingerprint${file.findings.length === 1 ? '' : 's'} to ${shownName(writeTo)}\n`,
    );
    // The findings just written are accepted from now on.
    result = runGuard(input, config, {
      baseline: { fingerprints: new Set(file.findings.map((f) => f.fingerprint)), source: writeTo },
      views,
    });
  }

  const shown = args.options['--quiet'] === true ? quiet(result, failOn as FailOn) : result;
  const color = format === 'text' && args.options['--output'] === undefined && colorWanted(io);
  const report = FORMATTERS[format as FormatName](shown, {
    toolVersion: TOOL_VERSION,
    color,
    command: spec.name,
    failOn: failOn as FailOn,
  });
  const output = args.options['--output'];
  if (typeof output === 'string') writeFile(io, output, 'the report (`--output`)', report);
  else if (
    report.length > 0 &&
    !(args.options['--quiet'] === true && format === 'text' && shown.findings.length === 0 && shown.errors.length === 0)
  ) {
    io.stdout(report);
  }

  for (const error of result.errors) {
    // One line each, whatever user value a message quotes (a pointer is kept whole: it must stay usable).
    const message = oneLine(error.message);
    const pointer = error.pointer !== undefined && error.pointer !== '' ? `${printable(error.pointer)}: ` : '';
    io.stderr(`${oneLine(error.file)}: ${pointer}${message}\n`);
  }
  if (result.errors.length > 0) return 2;
  if (failOn === 'never') return 0;
  return result.findings.some((f) => atOrAbove(f.severity, failOn as Severity)) ? 1 : 0;
}

/**
 * Refuses, before anything is read, a `--output` or `--write-baseline` file that is one of the
 * files the run reads (a plan, a template, a policy, the configuration, a `--var-file`): written
 * after the scan, it would replace the input with the report. Files are compared as the file
 * system knows them (device and inode), so that another spelling of the path, a symbolic link or
 * a hard link is the same file. A baseline may be rewritten by `--write-baseline` (refreshing
 * it) and by a `--format json` report (which reads as a baseline), by nothing else.
 */
function refuseOverwritingInputs(spec: ScanCommandSpec, args: ParsedArgs, format: string, io: CliIo): void {
  const fileOptions = new Set(
    [...COMMON_OPTIONS, ...(spec.extraOptions ?? [])].filter((o) => o.valueName === 'FILE').map((o) => o.name),
  );
  const filesRead = (): { readonly shown: string; readonly what: string }[] => {
    const inputs = args.files.filter((file) => file !== '-').map((file) => ({ shown: file, what: 'the input' }));
    for (const { name, value } of args.repeated)
      if (fileOptions.has(name)) inputs.push({ shown: value, what: `the \`${name}\` file` });
    const config = args.options['--config'];
    if (typeof config === 'string') inputs.push({ shown: config, what: 'the `--config` file' });
    else {
      const found = discoverConfig(io.cwd);
      if (found !== undefined) inputs.push({ shown: found, what: 'the configuration' });
    }
    return inputs;
  };
  const baseline = args.options['--baseline'];
  const identity = (file: string): string | undefined => {
    try {
      const stats = statSync(resolve(io.cwd, file));
      return stats.isFile() ? `${String(stats.dev)}:${String(stats.ino)}` : undefined;
    } catch {
      return undefined;
    }
  };
  const written: [string, string, boolean][] = [
    ['--output', 'the report', format === 'json'],
    ['--write-baseline', 'the baseline', true],
  ];
  const targets = written.flatMap(([name, what, mayRewriteBaseline]) => {
    const file = args.options[name];
    return typeof file === 'string' ? [{ name, what, file, id: identity(file), mayRewriteBaseline }] : [];
  });
  // Each file the run reads is looked up once, and only when a target already exists: a new file
  // can be none of them.
  if (targets.some((target) => target.id !== undefined)) {
    const read = filesRead().map((input) => ({ ...input, id: identity(input.shown) }));
    const baselineRead =
      typeof baseline === 'string'
        ? { shown: baseline, what: 'the `--baseline` file', id: identity(baseline) }
        : undefined;
    for (const target of targets) {
      if (target.id === undefined) continue;
      const candidates = baselineRead !== undefined && !target.mayRewriteBaseline ? [...read, baselineRead] : read;
      const input = candidates.find((i) => i.id === target.id);
      if (input !== undefined)
        throw new UsageError(
          `${spec.name}: \`${target.name} ${shownName(target.file)}\` would overwrite ${input.what} \`${shownName(input.shown)}\` with ${target.what}: write it to another file`,
        );
    }
  }
  const [output, writeBaseline] = targets;
  if (
    output !== undefined &&
    writeBaseline !== undefined &&
    (resolve(io.cwd, output.file) === resolve(io.cwd, writeBaseline.file) ||
      (output.id !== undefined && output.id === writeBaseline.id))
  )
    throw new UsageError(
      `${spec.name}: \`--output\` and \`--write-baseline\` name the same file \`${shownName(output.file)}\`: write the report and the baseline to different files`,
    );
}

/**
 * Whether standard output gets colors: on a terminal, unless `NO_COLOR` is set to anything but the
 * empty string (no-color.org: an empty `NO_COLOR` is as if unset). `FORCE_COLOR` is not read: jest
 * sets it in its workers on a terminal, and every binary a test runs would then write colors.
 */
function colorWanted(io: CliIo): boolean {
  const noColor = io.env['NO_COLOR'];
  return io.isTty && (noColor === undefined || noColor === '');
}

/** ` (did you mean \`x\`?)` for the closest of `candidates`, or nothing. */
export function didYouMean(given: string, candidates: readonly string[]): string {
  // A value cut short (`warn`, `--write`) means the one it starts, when only one does.
  const started = given.length >= 3 ? candidates.filter((c) => c.startsWith(given.toLowerCase())) : [];
  const near = closestMatch(given, candidates) ?? (started.length === 1 ? started[0] : undefined);
  return near === undefined ? '' : ` (did you mean \`${near}\`?)`;
}

/** Lines of one usage or configuration error at most (a configuration may hold hundreds of problems). */
const MAX_USAGE_LINES = 50;

/** Heap in use above which the hand-over to the engine collects what extraction left (below, it costs more than it saves). */
const RELEASE_ABOVE = 32 * 1024 * 1024;

/**
 * Collects the garbage extraction left, before the engine runs. Once an adapter hands over its
 * scan input, what it read (a parsed plan, its indexes) is unreachable, but V8 last collected the
 * old generation while it was still being read, and set its next collection far above: the
 * engine's allocations would pile up on the dead plan, and the peak be the sum of both phases
 * rather than the larger one (a 60 MB plan: 200 MB instead of 165 MB). No API collects without
 * `--expose-gc`: the flag is set only while one context that has `gc` is made, so that no global
 * `gc` appears anywhere.
 */
function releaseExtraction(): void {
  if (getHeapStatistics().used_heap_size < RELEASE_ABOVE) return;
  setFlagsFromString('--expose-gc');
  const collect = runInNewContext("typeof gc === 'function' ? gc : undefined") as (() => void) | undefined;
  setFlagsFromString('--no-expose-gc');
  collect?.();
}

/**
 * The result `--quiet` reports: only the findings at or above `failOn`, and a summary that counts
 * those (a report whose counts disagree with its list would be read as findings gone missing).
 */
function quiet(result: GuardResult, failOn: FailOn): GuardResult {
  const findings = failOn === 'never' ? [] : result.findings.filter((f) => atOrAbove(f.severity, failOn));
  const count = (severity: Severity): number => findings.filter((f) => f.severity === severity).length;
  return {
    ...result,
    findings,
    summary: { ...result.summary, error: count('error'), warning: count('warning'), info: count('info') },
  };
}

/** Reads and validates the configuration: `--config FILE`, else the nearest config file upward. */
function loadConfig(option: string | boolean | undefined, io: CliIo, command: string): ResolvedConfig | undefined {
  if (option === '-')
    throw new UsageError(
      `${command}: --config reads a file, not standard input (\`-\`): write the configuration to a file first`,
    );
  const file = typeof option === 'string' ? resolve(io.cwd, option) : discoverConfig(io.cwd);
  if (file === undefined) return undefined;
  const shown = shownName(typeof option === 'string' ? option : relative(io.cwd, file) || file);
  const problem = missingOrUnreachable(file);
  if (problem !== undefined) throw new UsageError(`${shown}: ${problem} (the \`--config\` file)`);
  const decoded = readDataFile(file, 'a configuration (a JSON or YAML object)', true, true);
  if (!decoded.ok) throw new UsageError(`${shown}: ${decoded.message}`);
  // A plan, a template or a report given as the configuration would be a line per member it has.
  const kind = inputKindOf(decoded.value);
  if (kind !== undefined) throw new UsageError(`${shown}: ${wrongInputMessage(kind, shown, 'a configuration')}`);
  // No setting takes a number past a double's range (`1e400`, YAML's `.inf`): read on, it would be
  // said as `null` wherever a check quoted it.
  const huge = nonFiniteNumber(decoded.value);
  if (huge !== undefined) throw new UsageError(`${shown}: ${huge.pointer}: ${huge.message}`);
  const result = resolveConfig(decoded.value);
  if (!result.ok) {
    throw new UsageError(result.issues.map((i) => `${shown}: ${i.pointer || '/'}: ${i.message}`).join('\n'));
  }
  return result.value;
}

/**
 * Why a path names nothing to read, as every command says it (`no such file or directory`, or a
 * link loop, a file in the middle of the path); `undefined` when there is something there.
 */
function missingOrUnreachable(path: string): string | undefined {
  try {
    statSync(path);
    return undefined;
  } catch (error) {
    return readFailure(error);
  }
}

/** The nearest `iamgate.config.*` from `cwd` upward, if any. */
export function discoverConfig(cwd: string): string | undefined {
  let dir = resolve(cwd);
  for (;;) {
    for (const name of CONFIG_FILE_NAMES) {
      const candidate = join(dir, name);
      if (existsSync(candidate)) return candidate;
    }
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

function loadBaseline(file: string, io: CliIo, command: string): Baseline {
  // Standard input holds the scanned input, if anything: `-` here would be a file named `-`.
  if (file === '-')
    throw new UsageError(
      `${command}: --baseline reads a file, not standard input (\`-\`): write the baseline to a file first`,
    );
  const path = isAbsolute(file) ? file : resolve(io.cwd, file);
  const shown = shownName(file);
  const problem = missingOrUnreachable(path);
  if (problem !== undefined) throw new UsageError(`${shown}: ${problem} (the \`--baseline\` file)`);
  const decoded = readDataFile(path, 'a baseline (`--write-baseline` output)');
  if (!decoded.ok) throw new UsageError(`${shown}: ${decoded.message}`);
  const kind = inputKindOf(decoded.value);
  if (kind !== undefined && kind !== 'iamgate-baseline' && kind !== 'iamgate-report')
    throw new UsageError(`${shown}: this looks like ${INPUT_KIND_NAMES[kind]}, not a baseline: ${MAKE_BASELINE}`);
  if (decoded.value === null || typeof decoded.value !== 'object' || Array.isArray(decoded.value))
    throw new UsageError(`${shown}: not a baseline (found ${describeValue(decoded.value)}): ${MAKE_BASELINE}`);
  const huge = nonFiniteNumber(decoded.value);
  if (huge !== undefined) throw new UsageError(`${shown}: ${huge.pointer}: ${huge.message}`);
  const result = parseBaseline(decoded.value, file);
  if (!result.ok)
    throw new UsageError(result.issues.map((i) => `${shown}: ${i.pointer || '/'}: ${i.message}`).join('\n'));
  return result.value;
}

/** How a baseline is made, said after a file that is none. */
const MAKE_BASELINE = 'write one with `--write-baseline FILE`, or pass the `--format json` report of a run';

/** What a decoded value is, for a message: `text`, `an array`, `null`. */
function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'string' ? 'text' : `a ${typeof value}`;
}

/**
 * A configuration or baseline file, decoded (UTF-8 or UTF-16 with a byte order mark) and parsed;
 * an empty one is said so as an empty input is (`is empty, expected ...`), not as a syntax error.
 */
function readDataFile(path: string, expected: string, refuseDuplicates = false, mergeKeys = false): DataResult {
  let bytes: Buffer;
  try {
    bytes = readInputFile(path);
  } catch (error) {
    return { ok: false, message: readFailure(error) };
  }
  const text = decodeDataBytes(bytes);
  if (!text.ok) return text;
  if (text.text.trim() === '') return { ok: false, message: `is empty, expected ${expected}` };
  const decoded = parseDataFile(text.text, path, mergeKeys);
  // YAML refuses a key given twice itself; `JSON.parse` keeps the last without a word.
  const twice =
    decoded.ok && refuseDuplicates && isJsonFile(path) ? duplicateKeys(text.text, decoded.value)[0] : undefined;
  if (twice !== undefined)
    return {
      ok: false,
      message: `${twice.pointer}: key \`${twice.key}\` given twice in one object (only the last would apply): keep one`,
    };
  return decoded;
}

/** Writes `content` to `file` (as the user named it, for messages), creating missing directories. */
function writeFile(io: CliIo, file: string, what: string, content: string): void {
  const path = resolve(io.cwd, file);
  try {
    makeDirectories(dirname(path));
    writeFileSync(path, content);
  } catch (error) {
    throw new UsageError(`${shownName(file)}: cannot write ${what}: ${describeWriteError(error)}`);
  }
}

/**
 * Creates a directory and its missing parents, one level at a time from the closest one that
 * exists. Not `mkdirSync(dir, { recursive: true })`: on Node 20 that loops forever where `mkdir`
 * answers ENOENT for a parent that exists (`--output /proc/x/report.json`).
 */
function makeDirectories(dir: string): void {
  const missing: string[] = [];
  for (let at = dir; !existsSync(at); at = dirname(at)) {
    missing.push(at);
    if (dirname(at) === at) break;
  }
  for (const level of missing.reverse()) mkdirSync(level);
}

interface ParsedArgs {
  readonly files: string[];
  readonly options: Record<string, string | boolean>;
  readonly repeated: RepeatedOption[];
}

function parseArgs(argv: readonly string[], options: readonly ExtraOption[]): ParsedArgs {
  const files: string[] = [];
  const values: Record<string, string | boolean> = {};
  const repeated: RepeatedOption[] = [];
  const byName = new Map(options.flatMap((o) => [o.name, ...(o.aliases ?? [])].map((n) => [n, o] as const)));
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--') {
      files.push(...argv.slice(i + 1));
      break;
    }
    if (arg === '-h') {
      values['--help'] = true;
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq >= 0 ? arg.slice(0, eq) : arg;
    // A single-dash word is a file unless an option is spelled so (`-var-file`): `-` is standard input.
    const option = arg.startsWith('--') || byName.has(name) ? byName.get(name) : undefined;
    if (!arg.startsWith('--') && option === undefined) {
      files.push(arg);
      continue;
    }
    if (!option) throw new Error(`unknown option \`${name}\`${didYouMean(name, [...byName.keys()])}`);
    if (!option.takesValue) {
      if (eq >= 0) throw new Error(`option \`${name}\` takes no value`);
      values[option.name] = true;
      continue;
    }
    const value = eq >= 0 ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined || (value === '' && option.repeatable !== true))
      throw new Error(`option \`${name}\` needs a value`);
    if (option.repeatable === true) repeated.push({ name: option.name, value });
    else values[option.name] = value;
  }
  return { files, options: values, repeated };
}

function helpText(spec: ScanCommandSpec, options: readonly ExtraOption[]): string {
  const shown = (o: ExtraOption): string =>
    [o.name, ...(o.aliases ?? [])].join(', ') + (o.takesValue ? ` ${o.valueName ?? 'VALUE'}` : '');
  const width = Math.max(...options.map((o) => shown(o).length));
  const lines = options.map((o) => `  ${shown(o).padEnd(width + 2)}${o.description}`);
  const twice = options.some((o) => o.repeatable === true)
    ? 'an option given twice takes its last value, except a repeatable one, which takes each'
    : 'an option given twice takes its last value';
  return `${spec.usage}\n\noptions:\n${lines.join('\n')}\n\n${twice}\nexit codes: 0 no finding at or above --fail-on, 1 at least one, 2 usage or input error\n`;
}

function isJsonFile(path: string): boolean {
  return path.toLowerCase().endsWith('.json');
}
