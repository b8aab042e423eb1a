/**
 * The built-in formatters by name. A run writes one report, so each formatter module is loaded
 * when first called rather than all six at start-up (the HTML one is the largest).
 */
import type { FormatName, Formatter } from '../types';
import type * as Github from './github';
import type * as Html from './html';
import type * as Json from './json';
import type * as Markdown from './markdown';
import type * as Sarif from './sarif';
import type * as Text from './text';

/* eslint-disable @typescript-eslint/no-require-imports -- loaded on first use, see above */

/** `--format html`: the HTML page (see `./html`), loaded on first use. */
export const formatHtml: Formatter = (result, context) =>
  (require('./html') as typeof Html).formatHtml(result, context);

/** Formatters by `--format` name. */
export const FORMATTERS: Readonly<Record<FormatName, Formatter>> = {
  text: (result, context) => (require('./text') as typeof Text).formatText(result, context),
  json: (result, context) => (require('./json') as typeof Json).formatJson(result, context),
  sarif: (result, context) => (require('./sarif') as typeof Sarif).formatSarif(result, context),
  github: (result, context) => (require('./github') as typeof Github).formatGithub(result, context),
  markdown: (result, context) => (require('./markdown') as typeof Markdown).formatMarkdown(result, context),
  html: formatHtml,
};
