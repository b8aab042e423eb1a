/** What formatters receive besides the result. */
import type { GuardResult, Severity } from '../analysis/finding';

/** Rendering context: everything a formatter may depend on besides the result. */
export interface FormatContext {
  /** The tool version shown in reports. */
  readonly toolVersion: string;
  /** ANSI colors (text formatter): only on a terminal and without NO_COLOR. */
  readonly color: boolean;
  /** The command that produced the result, e.g. `tf-scan` (markdown title, SARIF driver). */
  readonly command?: string;
  /** The run's `--fail-on` (default `error`): the Markdown and HTML headlines follow it. */
  readonly failOn?: FailOnLevel;
}

/** `--fail-on` values: the lowest severity that fails the run, or `never`. */
export type FailOnLevel = Severity | 'never';

/** A pure formatter. */
export type Formatter = (result: GuardResult, context: FormatContext) => string;

/** Names of the built-in formats. */
export type FormatName = 'text' | 'json' | 'sarif' | 'github' | 'markdown' | 'html';

/** The version of the iamgate tool. */
export const TOOL_VERSION = '0.1.0';
