import type { PermissionChange } from '../../analysis/changes';
import type { Finding } from '../../analysis/finding';
import type { Formatter } from '../types';
import { describeLocation, subjectOf } from '../describe';
import { verdictOf } from '../verdict';
import { changeLines, changeSubject, describeChangeLine, notComparedNotes } from '../changes';

const TOP = 10;
/** Lines of the "what this plan changes" section before it is cut. */
const TOP_CHANGES = 30;
const ICONS = { error: ':x:', warning: ':warning:', info: ':information_source:' } as const;
/** Widens, narrows, swaps one thing for another. */
const SIGNS = { '+': ':heavy_plus_sign:', '-': ':heavy_minus_sign:', '~': ':twisted_rightwards_arrows:' } as const;

/**
 * `--format markdown`: a pull-request summary with counts, what the plan changes (when the input
 * holds before-versions) and the top findings.
 */
export const formatMarkdown: Formatter = (result, context) => {
  const { error, warning, info, suppressed } = result.summary;
  const verdict = verdictOf(result, context.failOn);
  const title = `${verdict.passed ? ':white_check_mark:' : ICONS.error} iamgate ${verdict.headline}`;
  const lines = [
    `## ${title}`,
    '',
    '| Errors | Warnings | Infos | Suppressed |',
    '| ---: | ---: | ---: | ---: |',
    `| ${error} | ${warning} | ${info} | ${suppressed} |`,
    '',
  ];
  if (result.changes !== undefined && result.changes.length > 0) lines.push(...changesSection(result.changes));
  if (result.findings.length > 0) {
    const shown = result.findings.slice(0, TOP);
    lines.push(
      result.findings.length > TOP ? `### Top ${TOP} of ${result.findings.length} findings` : '### Findings',
      '',
    );
    lines.push('| | Rule | Subject | Finding | Location |', '| --- | --- | --- | --- | --- |');
    for (const f of shown) lines.push(row(f));
    lines.push('');
  }
  if (result.errors.length > 0) {
    lines.push('### Input errors', '');
    for (const e of result.errors)
      lines.push(`- \`${cell(e.file)}\`${e.pointer ? ` \`${cell(e.pointer)}\`` : ''}: ${cell(e.message)}`);
    lines.push('');
  }
  lines.push(`<sub>${context.command ?? 'iamgate'} ${context.toolVersion}</sub>`, '');
  return lines.join('\n');
};

function changesSection(changes: readonly PermissionChange[]): string[] {
  const items: string[] = [];
  for (const change of changes) {
    const subject = `**${cell(changeSubject(change))}** (${change.policies.map((p) => `\`${cell(p)}\``).join(', ')})`;
    const shown = changeLines(change);
    const notes = notComparedNotes(change);
    if (shown.length === 0 && notes.length === 0) items.push(`- ${subject}: no effective permission change`);
    for (const note of notes) items.push(`- :grey_question: ${subject} ${cell(note)}`);
    for (const line of shown) items.push(`- ${SIGNS[line.sign]} ${subject} ${cell(describeChangeLine(line))}`);
  }
  const cut =
    items.length > TOP_CHANGES
      ? [...items.slice(0, TOP_CHANGES), `- ... and ${items.length - TOP_CHANGES} more`]
      : items;
  return ['### What this plan changes', '', ...cut, ''];
}

function row(f: Finding): string {
  return `| ${ICONS[f.severity]} | \`${f.ruleId}\` | ${cell(subjectOf(f))} | ${cell(f.message)} | ${cell(describeLocation(f))} |`;
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}
