import type { Finding, Severity } from '../../analysis/finding';
import type { Formatter } from '../types';
import { describeLocation, plural, statementJson, subjectOf } from '../describe';
import { changeLines, changeSubject, describeChangeLine, notComparedNotes } from '../changes';

const COLORS: Readonly<Record<Severity | 'dim' | 'bold', string>> = {
  error: '\u001b[31m',
  warning: '\u001b[33m',
  info: '\u001b[36m',
  dim: '\u001b[2m',
  bold: '\u001b[1m',
};
const RESET = '\u001b[0m';
const MAX_STATEMENT_LINES = 14;
/** Lines of one principal's "what this plan changes" entry before it is cut. */
const MAX_CHANGE_LINES = 20;
/** Characters of a statement line, and of a message, shown before they are cut (a 2 MB `Sid` is not read on a terminal). */
const MAX_LINE_CHARACTERS = 300;
const MAX_MESSAGE_CHARACTERS = 2000;

/** `text` cut to `max` characters, saying how many more `--format json` holds. */
function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${text.slice(0, max)}... (${text.length - max} more characters: --format json has them all)`;
}

/**
 * `--format text`: what the plan changes (when the input holds before-versions), then the findings
 * grouped by principal, each with its offending statement.
 */
export const formatText: Formatter = (result, context) => {
  const paint = (style: keyof typeof COLORS, text: string): string =>
    context.color ? `${COLORS[style]}${text}${RESET}` : text;
  const groups = new Map<string, Finding[]>();
  for (const finding of result.findings) {
    const key = subjectOf(finding);
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [finding]);
    else group.push(finding);
  }
  const lines: string[] = [];
  if (result.changes !== undefined && result.changes.length > 0) {
    lines.push(paint('bold', 'What this plan changes'));
    for (const change of result.changes) {
      lines.push(`  ${changeSubject(change)}  ${paint('dim', `(${change.policies.join(', ')})`)}`);
      const shown = changeLines(change);
      const notes = notComparedNotes(change);
      if (shown.length === 0 && notes.length === 0) lines.push(`    ${paint('dim', 'no effective permission change')}`);
      for (const note of notes) lines.push(`    ? ${paint('dim', note)}`);
      for (const line of shown.slice(0, MAX_CHANGE_LINES))
        lines.push(`    ${paint(line.sign === '-' ? 'dim' : 'warning', line.sign)} ${describeChangeLine(line)}`);
      if (shown.length > MAX_CHANGE_LINES)
        lines.push(
          `    ${paint('dim', `... and ${shown.length - MAX_CHANGE_LINES} more lines (--format json lists them all)`)}`,
        );
    }
    lines.push('');
  }
  // Several findings may show one statement: written once (a statement of thousands of actions
  // with a finding per action would be written again for each).
  const shownLines = new Map<unknown, readonly string[]>();
  for (const [subject, findings] of groups) {
    lines.push(paint('bold', subject));
    for (const finding of findings) {
      lines.push(
        `  ${paint(finding.severity, finding.severity.padEnd(7))} ${clip(finding.message, MAX_MESSAGE_CHARACTERS)}  ${paint('dim', finding.ruleId)}`,
      );
      const where = describeLocation(finding);
      if (where) lines.push(`          ${paint('dim', 'at ' + where)}`);
      const statement = result.statements?.get(finding.fingerprint);
      if (statement !== undefined) {
        let clipped = shownLines.get(statement);
        if (clipped === undefined) {
          const shown = statementJson(statement)
            .split('\n')
            .map((line) => clip(line, MAX_LINE_CHARACTERS));
          clipped = shown.length > MAX_STATEMENT_LINES ? [...shown.slice(0, MAX_STATEMENT_LINES - 1), '...'] : shown;
          shownLines.set(statement, clipped);
        }
        for (const line of clipped) lines.push(`          ${paint('dim', '│')} ${line}`);
      }
    }
    lines.push('');
  }
  const { error, warning, info, suppressed } = result.summary;
  const total = error + warning + info;
  const counts = `${plural(error, 'error')}, ${plural(warning, 'warning')}, ${plural(info, 'info')}`;
  const tail = suppressed > 0 ? `, ${suppressed} suppressed` : '';
  // An input that could not be read was not checked: "no findings" would read as a pass.
  const unread = result.errors.length;
  if (unread > 0) lines.push(paint('error', `${plural(unread, 'input error')}: not checked`));
  if (total === 0 && unread === 0) lines.push(`no findings${tail}`);
  else if (total > 0)
    lines.push(paint(error > 0 ? 'error' : 'warning', `${plural(total, 'finding')} (${counts})${tail}`));
  return lines.join('\n') + '\n';
};
