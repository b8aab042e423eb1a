import type { Finding } from '../../analysis/finding';
import type { Formatter } from '../types';
import { describeLocation, subjectOf } from '../describe';

const TOP = 10;
const ICONS = { error: ':x:', warning: ':warning:', info: ':information_source:' } as const;

/** `--format markdown`: a pull-request summary with counts and the top findings. */
export const formatMarkdown: Formatter = (result, context) => {
  const { error, warning, info, suppressed } = result.summary;
  const title =
    error > 0
      ? `${ICONS.error} iamgate: ${error} error${error === 1 ? '' : 's'} block the change`
      : ':white_check_mark: iamgate: no blocking finding';
  const lines = [
    `## ${title}`,
    '',
    '| Errors | Warnings | Infos | Suppressed |',
    '| ---: | ---: | ---: | ---: |',
    `| ${error} | ${warning} | ${info} | ${suppressed} |`,
    '',
  ];
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

function row(f: Finding): string {
  return `| ${ICONS[f.severity]} | \`${f.ruleId}\` | ${cell(subjectOf(f))} | ${cell(f.message)} | ${cell(describeLocation(f))} |`;
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}
